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
        let f = fs::File::open(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))
        })?;
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
            let text = value["text"].as_str().unwrap_or_default().to_string();
            golds.push(Gold {
                text,
                value,
                line: i as u64 + 1,
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
    let model = ner::train_tagger(&mut ok, args.epochs, args.folds, |stage, n, err| {
        if stage == "fold" {
            eprintln!("  {stage} {n}: first-pass labels for the second pass");
        } else {
            eprintln!(
                "  {stage}, epoch {n:2}: {:.2}% of words tagged wrong",
                err * 100.0
            );
        }
    });
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
    let mut gold = Vec::new();
    for e in g.value["entities"].as_array().into_iter().flatten() {
        let (Some(s), Some(t)) = (e["start"].as_u64(), e["end"].as_u64()) else {
            continue;
        };
        let Some(ty) = e["coarse"].as_str() else {
            continue;
        };
        let (Some(&s), Some(&t)) = (bytes.get(s as usize), bytes.get(t as usize)) else {
            return Err(format!("{place}: an entity lies outside the text"));
        };
        gold.push((Span::new(s, t), ty));
    }
    Ok(TrainDoc::new(&out.text, &units, &gold))
}
