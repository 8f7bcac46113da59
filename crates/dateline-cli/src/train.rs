//! `dateline train ner`: rebuilds the entity tagger's weights from gold data
//! in the eval JSONL schema (`../shared/eval/README.md`).

use std::fs;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use dateline::entities::tagger::{self as ner, TrainDoc};
use dateline::{Config, Extractor, Layer, Origin, Span};
use rayon::prelude::*;
use serde_json::Value;

/// Options of `dateline train ner`.
#[derive(Args, Debug)]
pub struct NerArgs {
    /// Gold files in the eval JSONL schema (documents with `text` and
    /// `entities` carrying `start`, `end` in code points and `coarse`).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Where to write the model (the crate's is crates/dateline/data/ner.model).
    #[arg(short, long)]
    out: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Parts the data is cut into to give the second pass unseen first-pass labels.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Also train on records of GUM's non-commercial genres (CC BY-NC-SA
    /// texts; left out by default): the model is then for non-commercial use
    /// only.
    #[arg(long)]
    with_noncommercial: bool,
    /// Trains this many times, each visiting the data in another order, and
    /// ships the average of their weights (a retrained model then scores as
    /// the last one did).
    #[arg(long, default_value_t = 4)]
    ensemble: usize,
    /// The first order's seed (the others follow it).
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

struct Gold {
    text: String,
    value: Value,
    line: u64,
    file: String,
}

/// Reads the gold documents, trains and writes the model.
pub fn ner(args: NerArgs) -> io::Result<ExitCode> {
    let started = Instant::now();
    let mut golds = Vec::new();
    for path in &args.files {
        for (line, value) in read_jsonl(path)? {
            let genre = value["genre"].as_str().unwrap_or("");
            let noncommercial = value["noncommercial"].as_bool() == Some(true)
                || dateline::syntax::NONCOMMERCIAL.contains(&genre);
            if noncommercial && !args.with_noncommercial {
                continue;
            }
            let text = value["text"].as_str().unwrap_or_default().to_string();
            golds.push(Gold {
                text,
                value,
                line,
                file: path.display().to_string(),
            });
        }
    }
    let extractor =
        Extractor::new(Config::default().layers([Layer::Article])).map_err(io::Error::other)?;
    let docs: Vec<Result<TrainDoc, String>> =
        golds.par_iter().map(|g| train_doc(&extractor, g)).collect();
    let mut ok = Vec::with_capacity(docs.len());
    for d in docs {
        match d {
            Ok(d) => ok.push(d),
            Err(e) => eprintln!("dateline: skipped {e}"),
        }
    }
    let words: usize = ok.iter().map(TrainDoc::words).sum();
    eprintln!(
        "dateline: training on {} documents, {words} words, {} epochs",
        ok.len(),
        args.epochs
    );
    let (epochs, folds) = (args.epochs, args.folds);
    let model = ner::train_ensemble(
        &mut ok,
        epochs,
        folds,
        args.seed,
        args.ensemble,
        |stage, n, err| {
            if stage == "order" {
                eprintln!("  order {n} of {}", args.ensemble);
            } else if stage == "fold" {
                eprintln!("  {stage} {n}: first-pass labels for the second pass");
            } else {
                eprintln!(
                    "  {stage}, epoch {n:2}: {:.2}% of words tagged wrong",
                    err * 100.0
                );
            }
        },
    );
    let bytes = model.to_bytes();
    fs::write(&args.out, &bytes).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot write {}: {e}", args.out.display()),
        )
    })?;
    eprintln!(
        "dateline: wrote {} ({} features, {} bytes) in {:.1}s",
        args.out.display(),
        model.len(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn train_doc(extractor: &Extractor, g: &Gold) -> Result<TrainDoc, String> {
    let place = format!("{}:{}", g.file, g.line);
    let mut origin = Origin::file(g.file.clone());
    origin.line = Some(g.line);
    let article = dateline::input::article_from_json(g.value.clone(), origin)
        .map_err(|e| format!("{place}: {e}"))?;
    let out = extractor
        .extract(article)
        .map_err(|e| format!("{place}: {e}"))?;
    if out.text != g.text {
        return Err(format!(
            "{place}: the article text differs from the record's"
        ));
    }
    let units: Vec<Span> = out
        .article
        .headlines
        .iter()
        .map(|h| Span::new(h.start, h.end))
        .chain(
            out.article
                .sentences
                .iter()
                .map(|s| Span::new(s.start, s.end)),
        )
        .collect();
    // Code point offsets to bytes.
    let bytes: Vec<usize> = g
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(g.text.len()))
        .collect();
    let to_byte = |i: u64| bytes.get(i as usize).copied();
    let bytes_of = |span: Span| match (to_byte(span.start as u64), to_byte(span.end as u64)) {
        (Some(s), Some(t)) => Ok(Span::new(s, t)),
        _ => Err(format!("{place}: an entity lies outside the text")),
    };
    let names = gold_names(&g.value);
    let mut gold = Vec::new();
    for (span, ty) in names.names {
        gold.push((bytes_of(span)?, ty));
    }
    let unknown = names
        .unknown
        .into_iter()
        .map(bytes_of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(TrainDoc::partial(&out.text, &units, &gold, &unknown))
}

/// A record's gold names (code point offsets) with their coarse type. A
/// record of a mention corpus (entities with `mention`, words in `tokens`:
/// GUM) gives the names its proper-name mentions hold
/// (`ner::names_of_mentions`), and the words it says nothing of; other
/// records (CoNLL-2003) are names already.
fn gold_names(record: &Value) -> ner::MentionNames<'_> {
    let entities = record["entities"].as_array().map_or(&[][..], Vec::as_slice);
    let typed = entities.iter().filter_map(|e| {
        let span = Span::new(e["start"].as_u64()? as usize, e["end"].as_u64()? as usize);
        Some((e, span, e["coarse"].as_str()?))
    });
    let Some(tokens) = record["tokens"]
        .as_array()
        .filter(|_| entities.iter().any(|e| e.get("mention").is_some()))
    else {
        return ner::MentionNames {
            names: typed.map(|(_, span, ty)| (span, ty)).collect(),
            unknown: Vec::new(),
        };
    };
    let words: Vec<ner::GoldWord<'_>> = tokens
        .iter()
        .map(|t| ner::GoldWord {
            start: t["start"].as_u64().unwrap_or(0) as usize,
            end: t["end"].as_u64().unwrap_or(0) as usize,
            form: t["form"].as_str().unwrap_or(""),
            xpos: t["xpos"].as_str().unwrap_or(""),
            head: t["head"].as_u64().map(|h| h as usize),
        })
        .collect();
    let mentions: Vec<ner::GoldMention<'_>> = typed
        .filter(|(e, _, _)| e["mention"] == "proper")
        .map(|(_, span, kind)| ner::GoldMention { span, kind })
        .collect();
    ner::names_of_mentions(&words, &mentions)
}

/// Options of `dateline train syntax`.
#[derive(Args, Debug)]
pub struct SyntaxArgs {
    /// Gold files in the eval JSONL schema with `tokens` (the crate's model
    /// is trained on ../shared/train/gum/*.jsonl).
    #[arg(required_unless_present = "load")]
    files: Vec<PathBuf>,
    /// Do not train: load this model and only predict --dev.
    #[arg(long, requires = "dev")]
    load: Option<PathBuf>,
    /// Genres to leave out (the `genre` of each record), comma separated.
    /// GUM's non-commercial genres (essay, fiction, letter, podcast, whow)
    /// are always left out unless --with-noncommercial is given.
    #[arg(long, value_delimiter = ',')]
    exclude_genres: Vec<String>,
    /// Also train on GUM's non-commercial genres (CC BY-NC-SA texts): the
    /// model is then for non-commercial use only.
    #[arg(long)]
    with_noncommercial: bool,
    /// Where to write the model (the crate's is crates/dateline/data/syntax.model).
    #[arg(short, long, required_unless_present = "load")]
    out: Option<PathBuf>,
    /// Passes of the tagger over the training data.
    #[arg(long, default_value_t = 8)]
    tagger_epochs: usize,
    /// Passes of the parser over the training data.
    #[arg(long, default_value_t = 12)]
    parser_epochs: usize,
    /// Parts the data is cut into so the parser trains on predicted tags.
    #[arg(long, default_value_t = 4)]
    folds: usize,
    /// Weights smaller than this share of their table's largest are dropped.
    #[arg(long, default_value_t = 0.002)]
    prune: f32,
    /// Seed of the order sentences are seen in (default: the library's).
    #[arg(long)]
    seed: Option<u64>,
    /// Taggers and parsers trained on different sentence orders and
    /// averaged into one model (default: the library's).
    #[arg(long)]
    ensemble: Option<usize>,
    /// Rows of the tagger's weight table, as a power of two (default: the
    /// library's).
    #[arg(long)]
    tagger_bits: Option<u32>,
    /// Rows of the parser's move table, as a power of two.
    #[arg(long)]
    move_bits: Option<u32>,
    /// Rows of the parser's relation table, as a power of two.
    #[arg(long)]
    label_bits: Option<u32>,
    /// After training, run the new model over the documents of this file
    /// (raw text in, sentences from the article layer) ...
    #[arg(long, requires = "predictions")]
    dev: Option<PathBuf>,
    /// ... and write its words here, as eval JSONL rows for
    /// `score.py --task syntax`.
    #[arg(long, requires = "dev")]
    predictions: Option<PathBuf>,
    /// Use the dev file's own sentence spans instead of the article layer's
    /// (to tell segmentation errors from parse errors).
    #[arg(long, requires = "dev")]
    gold_sentences: bool,
}

fn read_jsonl(path: &std::path::Path) -> io::Result<Vec<(u64, Value)>> {
    let f = fs::File::open(path)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())))?;
    let mut out = Vec::new();
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(&line).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}:{}: not JSON: {e}", path.display(), i + 1),
            )
        })?;
        out.push((i as u64 + 1, value));
    }
    Ok(out)
}

/// Reads the gold documents, trains the syntax layer and writes the model;
/// optionally predicts a dev file with it.
pub fn syntax(args: SyntaxArgs) -> io::Result<ExitCode> {
    let started = Instant::now();
    if let (Some(path), Some(dev), Some(pred)) = (&args.load, &args.dev, &args.predictions) {
        let bytes = fs::read(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))
        })?;
        let model = dateline::syntax::Model::from_bytes(&bytes)
            .map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?;
        predict(Box::leak(Box::new(model)), dev, pred, args.gold_sentences)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(out) = &args.out else {
        return Err(io::Error::other("give -o/--out"));
    };
    let mut docs = Vec::new();
    for path in &args.files {
        for (line, value) in read_jsonl(path)? {
            let doc = dateline::syntax::TrainDoc::from_json(&value).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{}:{line}: {e}", path.display()),
                )
            })?;
            let nc = dateline::syntax::NONCOMMERCIAL.contains(&doc.genre.as_str());
            if args.exclude_genres.iter().any(|g| g == &doc.genre)
                || (nc && !args.with_noncommercial)
            {
                continue;
            }
            docs.push(doc);
        }
    }
    let words: usize = docs.iter().map(|d| d.words.len()).sum();
    eprintln!(
        "dateline: training on {} documents, {words} words",
        docs.len()
    );
    let defaults = dateline::syntax::TrainOptions::default();
    let opts = dateline::syntax::TrainOptions {
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        folds: args.folds,
        prune: args.prune,
        seed: args.seed.unwrap_or(defaults.seed),
        ensemble: args.ensemble.unwrap_or(defaults.ensemble),
        tagger_bits: args.tagger_bits.unwrap_or(defaults.tagger_bits),
        move_bits: args.move_bits.unwrap_or(defaults.move_bits),
        label_bits: args.label_bits.unwrap_or(defaults.label_bits),
        ..defaults
    };
    let model = dateline::syntax::train(&docs, &opts, |line| eprintln!("  {line}"));
    let bytes = model.to_bytes();
    fs::write(out, &bytes)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", out.display())))?;
    eprintln!(
        "dateline: wrote {} ({} bytes, checksum {}; non-zero weights {:?}) in {:.1}s",
        out.display(),
        bytes.len(),
        dateline::syntax::checksum(&bytes),
        model.weights(),
        started.elapsed().as_secs_f64()
    );
    if let (Some(dev), Some(pred)) = (&args.dev, &args.predictions) {
        let model: &'static dateline::syntax::Model = Box::leak(Box::new(model));
        predict(model, dev, pred, args.gold_sentences)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `model` over the text of every document of `dev` (sentences from
/// the article layer) and writes eval rows (`id`, `text`, `tokens`) to `out`;
/// prints the time the syntax layer alone took.
fn predict(
    model: &'static dateline::syntax::Model,
    dev: &std::path::Path,
    out: &std::path::Path,
    gold_sentences: bool,
) -> io::Result<()> {
    use std::io::Write;
    let extractor =
        Extractor::new(Config::default().layers([Layer::Article])).map_err(io::Error::other)?;
    let mut w =
        io::BufWriter::new(fs::File::create(out).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot write {}: {e}", out.display()))
        })?);
    let (mut parsing, mut bytes_in, mut words) = (std::time::Duration::ZERO, 0usize, 0usize);
    for (line, value) in read_jsonl(dev)? {
        let text = value["text"].as_str().unwrap_or_default().to_string();
        let id = value["id"].clone();
        let spans = if gold_sentences {
            let bytes: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(text.len()))
                .collect();
            let at = |v: &Value| bytes.get(v.as_u64().unwrap_or(0) as usize).copied();
            value["sentences"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| Some(Span::new(at(&s["start"])?, at(&s["end"])?)))
                .collect()
        } else {
            sentence_spans(&extractor, &text)
                .map_err(|e| io::Error::other(format!("{}:{line}: {e}", dev.display())))?
        };
        let t = Instant::now();
        let syn = dateline::syntax::parse_with(model, &text, &spans);
        parsing += t.elapsed();
        bytes_in += text.len();
        words += syn.words.len();
        let row = serde_json::json!({
            "id": id,
            "text": text,
            "tokens": dateline::syntax::eval_tokens(&text, &syn),
        });
        writeln!(w, "{row}")?;
    }
    let secs = parsing.as_secs_f64();
    eprintln!(
        "dateline: syntax layer alone: {words} words, {:.2} MB in {secs:.3} s ({:.2} MB/s)",
        bytes_in as f64 / 1e6,
        bytes_in as f64 / 1e6 / secs.max(1e-9)
    );
    w.flush()
}

/// The headline and sentence spans the article layer finds in `text`.
pub fn sentence_spans(extractor: &Extractor, text: &str) -> Result<Vec<Span>, String> {
    let article = dateline::input::article_from_json(
        serde_json::json!({ "id": "x", "text": text }),
        Origin::file("-"),
    )
    .map_err(|e| e.to_string())?;
    let out = extractor.extract(article).map_err(|e| e.to_string())?;
    if out.text != text {
        return Err("the article text differs from the record's".into());
    }
    let mut spans: Vec<Span> = out
        .article
        .headlines
        .iter()
        .map(|h| Span::new(h.start, h.end))
        .chain(
            out.article
                .sentences
                .iter()
                .map(|s| Span::new(s.start, s.end)),
        )
        .collect();
    spans.sort();
    Ok(spans)
}
