//! `dateline link`: articles linked across (stories, corpus entities,
//! corpus events), from raw articles or from what `dateline extract` wrote.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use dateline::corpus::{Corpus, Record};
use dateline::input::InputFormat;
use dateline::{Extraction, RecordError};

use super::sources::{self, Plan, Records, Unit};
use super::{check_output, open_output, report, thread_count, thread_pool, Output};
use super::{PipelineArgs, BATCH_BYTES, BATCH_RECORDS};

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
    let pool = thread_pool(thread_count(args.threads, args.quiet))?;
    let mut corpus = Corpus::new();
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
                            corpus.add(Record::from(&x));
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
        let mut records = Records::new(Plan::of(unit), options);
        loop {
            let batch = records.next_batch(BATCH_RECORDS, BATCH_BYTES, true);
            if batch.is_empty() {
                break;
            }
            let results: Vec<Result<Extraction, RecordError>> =
                pool.install(|| extractor.extract_batch(batch));
            for r in results {
                match r {
                    Ok(x) => {
                        ok += 1;
                        corpus.add(Record::from(&x));
                    }
                    Err(e) => {
                        failed += 1;
                        report(&e, failed, args.quiet, &indicatif::ProgressBar::hidden());
                    }
                }
            }
        }
    }
    match args.format {
        LinkFormat::Json => {
            let output = open_output(args.output.as_deref())?;
            write_to(output, |w| {
                serde_json::to_writer_pretty(&mut *w, corpus.linked())?;
                w.write_all(b"\n")
            })?;
        }
        LinkFormat::Eval => {
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
