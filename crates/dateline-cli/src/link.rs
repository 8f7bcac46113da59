//! `dateline link`: articles linked across (stories, corpus entities,
//! corpus events), from raw articles or from what `dateline extract` wrote.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use dateline::corpus::bounded::{DirStore, LinkedItem, Linker};
use dateline::corpus::{Corpus, Record};
use dateline::input::InputFormat;
use dateline::Extraction;

use super::sources::{self, Plan, Records, Unit};
use super::PipelineArgs;
use super::{check_output, open_output, report, thread_count, workers, Output};

/// Output formats of `dateline link`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LinkFormat {
    /// One JSON document: `stories`, `entities`, `events`.
    Json,
    /// The files of `../shared/eval` in the folder `-o`: `xdoc.jsonl`,
    /// `stories.jsonl` and, with `--timeline-targets`, `timelines.jsonl`.
    Eval,
}

#[derive(Args, Debug)]
pub struct LinkArgs {
    /// Articles (.txt files, .json/.jsonl records, folders), or the JSONL that
    /// `dateline extract` wrote (read as it is, not extracted again).
    /// None: the bundled samples.
    inputs: Vec<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "json")]
    format: LinkFormat,
    /// Write to this file (`--format json`) or folder (`--format eval`,
    /// required) instead of standard output. Each file is written to a
    /// temporary file beside it and renamed when the run ends, so an
    /// existing file of that name is replaced then (and left as it was when
    /// the run fails); none may be one of the inputs.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// With `--format eval`: a file of target entity names, one a line, whose
    /// timelines go to `timelines.jsonl`.
    #[arg(long, value_name = "FILE")]
    timeline_targets: Option<PathBuf>,
    /// With `--format json`: the folder linking keeps its working files in
    /// (the corpus's records and steps, compressed, removed at the end): by
    /// default the output file's folder, else the system's temporary
    /// folder. `--format eval` links in memory.
    #[arg(long, value_name = "DIR")]
    work_dir: Option<PathBuf>,
    /// Worker threads for extracting (default or 0: all cores).
    #[arg(short = 'j', long)]
    threads: Option<usize>,
    /// No error messages on standard error (the summary stays).
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

/// True when a JSON line is an extraction `dateline extract` wrote.
fn is_extraction(line: &str) -> bool {
    let line = line.trim_start_matches('\u{feff}').trim();
    line.starts_with('{') && line.contains("\"schema_version\"") && line.contains("\"article\"")
}

/// True when the file's first non-blank line is an extraction.
pub(crate) fn holds_extractions(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    for line in BufReader::new(file).lines() {
        let Ok(line) = line else { return false };
        if !line.trim().is_empty() {
            return is_extraction(&line);
        }
    }
    false
}

pub fn link(args: LinkArgs) -> io::Result<ExitCode> {
    if args.format == LinkFormat::Eval && args.output.is_none() {
        eprintln!("dateline: error: --format eval writes files: name their folder with -o DIR");
        return Ok(ExitCode::from(2));
    }
    if args.timeline_targets.is_some() && args.format != LinkFormat::Eval {
        eprintln!("dateline: error: --timeline-targets goes with --format eval");
        return Ok(ExitCode::from(2));
    }
    let targets: Vec<String> = match &args.timeline_targets {
        Some(p) => match std::fs::read_to_string(p) {
            Ok(t) => t.lines().map(|l| l.trim().to_string()).collect(),
            Err(e) => {
                eprintln!("dateline: error: cannot read {}: {e}", p.display());
                return Ok(ExitCode::from(2));
            }
        },
        None => Vec::new(),
    };
    let extractor = match args.pipeline.extractor_or_usage_error() {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
    let plan = sources::plan(&args.inputs);
    // Where the output goes, checked against the inputs before anything runs.
    let files: Vec<PathBuf> = match (args.format, &args.output) {
        (LinkFormat::Eval, Some(dir)) => {
            let mut v = vec![dir.join("xdoc.jsonl"), dir.join("stories.jsonl")];
            if args.timeline_targets.is_some() {
                v.push(dir.join("timelines.jsonl"));
            }
            v
        }
        (_, Some(file)) => vec![file.clone()],
        (_, None) => Vec::new(),
    };
    if files.is_empty() {
        if let Err(message) = check_output(None, &plan) {
            eprintln!("dateline: error: {message}");
            return Ok(ExitCode::from(2));
        }
    }
    for f in &files {
        if let Err(message) = check_output(Some(f), &plan) {
            eprintln!("dateline: error: {message}");
            return Ok(ExitCode::from(2));
        }
    }
    let workers = workers(thread_count(args.threads, args.quiet));
    let mut corpus = match args.format {
        LinkFormat::Eval => Linking::Memory(Corpus::new()),
        LinkFormat::Json => {
            // Beside a file written (same disk); a device or FIFO written
            // to (`/dev/null`) has no folder of its own to use.
            let regular = |out: &Path| std::fs::metadata(out).map_or(true, |m| m.is_file());
            let dir = match (&args.work_dir, &args.output) {
                (Some(d), _) => d.clone(),
                (None, Some(out)) if regular(out) => match out.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                },
                (None, _) => std::env::temp_dir(),
            };
            let work = tempfile::Builder::new()
                .prefix(".dateline-link-")
                .tempdir_in(&dir)
                .map_err(|e| {
                    io::Error::new(
                        e.kind(),
                        format!("cannot make a working folder in {}: {e}", dir.display()),
                    )
                })?;
            let expected = expected_articles(&plan);
            Linking::Bounded(Linker::new(DirStore::new(work.path()), expected), work)
        }
    };
    let (mut ok, mut failed) = (0u64, 0u64);
    let options = args.pipeline.read_options();
    for unit in plan.units {
        // What `dateline extract` wrote is read as it is.
        if let Unit::File(path) = &unit {
            let format = options
                .format
                .unwrap_or_else(|| InputFormat::from_path(&path.display().to_string()));
            if matches!(format, InputFormat::Jsonl | InputFormat::Json) && holds_extractions(path) {
                let file = File::open(path)?;
                for (n, line) in BufReader::new(file).lines().enumerate() {
                    let line = line?;
                    if line.trim().is_empty() {
                        continue;
                    }
                    let line = line.trim_start_matches('\u{feff}');
                    match serde_json::from_str::<Extraction>(line) {
                        Ok(x) => {
                            corpus.add(Record::from(&x))?;
                            ok += 1;
                        }
                        Err(e) => {
                            failed += 1;
                            if !args.quiet && failed <= 20 {
                                eprintln!(
                                    "dateline: {}:{}: not an extraction, left out: {e}",
                                    path.display(),
                                    n + 1
                                );
                            }
                        }
                    }
                }
                continue;
            }
        }
        let records = Records::new(Plan::of(unit), options);
        extractor.extract_ordered(records, workers, |r| {
            match r {
                Some(Ok(x)) => {
                    ok += 1;
                    corpus.add(Record::from(&x))?;
                }
                Some(Err(e)) => {
                    failed += 1;
                    report(&e, failed, args.quiet, &indicatif::ProgressBar::hidden());
                }
                None => {}
            }
            Ok::<(), io::Error>(())
        })?;
    }
    match corpus {
        Linking::Bounded(linker, work) => {
            let output = open_output(args.output.as_deref())?;
            write_to(output, |w| {
                let mut out = LinkedWriter::new(&mut *w, true);
                linker.finish(|item| out.item(&item))?;
                out.end()?;
                w.write_all(b"\n")
            })?;
            work.close()?;
        }
        Linking::Memory(corpus) => {
            if let Some(dir) = &args.output {
                std::fs::create_dir_all(dir).map_err(|e| {
                    io::Error::new(e.kind(), format!("cannot make {}: {e}", dir.display()))
                })?;
            }
            let mut sets = vec![
                dateline::eval::xdoc_rows(&corpus),
                dateline::eval::story_rows(&corpus),
            ];
            if args.timeline_targets.is_some() {
                sets.push(dateline::eval::timeline_rows(&corpus, &targets));
            }
            for (path, rows) in files.iter().zip(sets) {
                let output = open_output(Some(path))?;
                write_to(output, |w| {
                    for row in &rows {
                        serde_json::to_writer(&mut *w, row)?;
                        w.write_all(b"\n")?;
                    }
                    Ok(())
                })?;
            }
        }
    }
    if failed > 0 {
        eprintln!(
            "dateline: {failed} of {} record(s) failed and were left out of the corpus",
            ok + failed
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the records go: a corpus in memory (the evaluation files read it
/// whole), or a linker in bounded steps keeping its working files in a
/// temporary folder (JSON: a corpus of any size in bounded memory).
enum Linking {
    Memory(Corpus),
    Bounded(Linker<DirStore>, tempfile::TempDir),
}

impl Linking {
    fn add(&mut self, record: Record) -> io::Result<()> {
        match self {
            Linking::Memory(c) => {
                c.add(record);
                Ok(())
            }
            Linking::Bounded(l, _) => l.add(record),
        }
    }
}

/// About how many articles the input files hold, from their sizes (a few
/// KB an article of text; an extraction `dateline extract` wrote, with
/// its tokens and parse, some tens of KB): the linker's groups follow it.
fn expected_articles(plan: &sources::Plan) -> usize {
    let articles: u64 = (plan.units.iter())
        .map(|u| match u {
            Unit::File(p) => {
                let bytes = std::fs::metadata(p).map_or(0, |m| m.len());
                let json = matches!(
                    InputFormat::from_path(&p.display().to_string()),
                    InputFormat::Jsonl | InputFormat::Json
                );
                bytes
                    / if json && holds_extractions(p) {
                        65_536
                    } else {
                        4_096
                    }
            }
            _ => 0,
        })
        .sum();
    articles.max(1) as usize
}

/// Writes linked items as one JSON document (`stories`, `entities`,
/// `events`), item by item in the order `Linker::finish` gives them: the
/// bytes `serde_json` writes for the whole `Linked`, pretty or compact.
pub(crate) struct LinkedWriter<W: Write> {
    w: W,
    pretty: bool,
    /// The part being written (0 stories, 1 entities, 2 events), and
    /// whether it has an item yet; `None` before the first.
    part: Option<(usize, bool)>,
}

impl<W: Write> LinkedWriter<W> {
    pub(crate) fn new(w: W, pretty: bool) -> LinkedWriter<W> {
        LinkedWriter {
            w,
            pretty,
            part: None,
        }
    }

    /// Opens the parts up to `part`, closing those before it.
    fn open(&mut self, part: usize) -> io::Result<()> {
        const NAMES: [&str; 3] = ["stories", "entities", "events"];
        loop {
            let next = match self.part {
                Some((p, _)) if p >= part => return Ok(()),
                Some((p, items)) => {
                    self.close(items)?;
                    self.w.write_all(b",")?;
                    p + 1
                }
                None => {
                    self.w.write_all(b"{")?;
                    0
                }
            };
            let gap = if self.pretty { "\n  " } else { "" };
            let colon = if self.pretty { ": " } else { ":" };
            write!(self.w, "{gap}\"{}\"{colon}[", NAMES[next])?;
            self.part = Some((next, false));
        }
    }

    fn close(&mut self, items: bool) -> io::Result<()> {
        if items && self.pretty {
            self.w.write_all(b"\n  ")?;
        }
        self.w.write_all(b"]")
    }

    /// Writes one item.
    pub(crate) fn item(&mut self, item: &LinkedItem) -> io::Result<()> {
        let (part, json) = match item {
            LinkedItem::Story(s) => (0, self.json(s)?),
            LinkedItem::Entity(e) => (1, self.json(e)?),
            LinkedItem::Event(e) => (2, self.json(e)?),
        };
        self.open(part)?;
        if let Some((_, items)) = &mut self.part {
            if *items {
                self.w.write_all(b",")?;
            }
            *items = true;
        }
        if self.pretty {
            // Strings escape their line breaks: each break is the layout's.
            self.w.write_all(b"\n    ")?;
            self.w.write_all(&json.replace('\n', "\n    ").into_bytes())
        } else {
            self.w.write_all(json.as_bytes())
        }
    }

    fn json<T: serde::Serialize>(&self, value: &T) -> io::Result<String> {
        let json = if self.pretty {
            serde_json::to_string_pretty(value)
        } else {
            serde_json::to_string(value)
        };
        json.map_err(io::Error::other)
    }

    /// Closes the document (every part, those with no item as `[]`).
    pub(crate) fn end(mut self) -> io::Result<()> {
        self.open(2)?;
        if let Some((_, items)) = self.part {
            self.close(items)?;
        }
        self.w.write_all(if self.pretty { b"\n}" } else { b"}" })
    }
}

/// Writes through `body` to an output, renaming a temporary file onto its
/// target at the end.
fn write_to(output: Output, body: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    {
        let out: Box<dyn Write + '_> = match &output {
            Output::Stdout => Box::new(io::stdout().lock()),
            Output::Replace { temp, .. } => Box::new(temp.as_file()),
            Output::Direct(file) => Box::new(file),
        };
        let mut w = BufWriter::with_capacity(1 << 16, out);
        body(&mut w)?;
        w.flush()?;
    }
    if let Output::Replace { temp, target } = output {
        temp.as_file().sync_all()?;
        temp.persist(&target).map_err(|e| {
            io::Error::new(
                e.error.kind(),
                format!("cannot write {}: {}", target.display(), e.error),
            )
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline::{Config, Extractor};

    /// The bytes the writer gives for a corpus's items, pretty or compact.
    fn written(corpus: &Corpus, pretty: bool) -> String {
        let linked = corpus.linked();
        let mut bytes = Vec::new();
        let mut w = LinkedWriter::new(&mut bytes, pretty);
        let items = (linked.stories.iter().cloned().map(LinkedItem::Story))
            .chain(linked.entities.iter().cloned().map(LinkedItem::Entity))
            .chain(linked.events.iter().cloned().map(LinkedItem::Event));
        for item in items {
            w.item(&item).unwrap();
        }
        w.end().unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn items_written_one_at_a_time_are_the_bytes_of_the_whole_document() {
        let ex = Extractor::new(Config::default()).unwrap();
        let mut corpus = Corpus::new();
        // Nothing: every part empty.
        assert_eq!(
            written(&corpus, true),
            serde_json::to_string_pretty(corpus.linked()).unwrap()
        );
        let text = " date 2024-03-12 Turkish Foreign Minister Selim Aydin met his Iraqi \
                    counterpart Karim Al Hashimi in Ankara on Monday.\n\nMr Aydin said \
                    \"Turkey will host\nthe next round\" in May.";
        corpus.add(Record::from(&ex.extract_text(text).unwrap()).with_id("a"));
        let linked = corpus.linked();
        assert!(!linked.stories.is_empty() && !linked.entities.is_empty());
        assert!(!linked.events.is_empty());
        assert_eq!(
            written(&corpus, true),
            serde_json::to_string_pretty(linked).unwrap()
        );
        assert_eq!(
            written(&corpus, false),
            serde_json::to_string(linked).unwrap()
        );
        // Stories and events, no entities: the empty part in the middle.
        let mut no_entities = Vec::new();
        let mut w = LinkedWriter::new(&mut no_entities, true);
        w.item(&LinkedItem::Story(linked.stories[0].clone()))
            .unwrap();
        w.item(&LinkedItem::Event(linked.events[0].clone()))
            .unwrap();
        w.end().unwrap();
        let whole = dateline::corpus::Linked {
            stories: vec![linked.stories[0].clone()],
            entities: Vec::new(),
            events: vec![linked.events[0].clone()],
        };
        assert_eq!(
            String::from_utf8(no_entities).unwrap(),
            serde_json::to_string_pretty(&whole).unwrap()
        );
    }
}
