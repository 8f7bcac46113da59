//! `dateline show`: articles for reading, one after another, in the
//! terminal (colours when it is one) or as one HTML page.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use dateline::files::{read_output_line, OutputRecord};
use dateline::input::InputFormat;
use dateline::{render, Extraction, Origin};

use super::link::holds_extractions;
use super::sources::{self, Plan, Records, Unit};
use super::{check_output, open_output, workers, Output, PipelineArgs};

/// When the terminal view has colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorArg {
    /// When writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always (also into a file or a pipe: `| less -R`).
    Always,
    /// Never.
    Never,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Articles (.txt files, .json/.jsonl records, folders, - for standard
    /// input), or the JSONL that `dateline extract` wrote (shown as it is,
    /// not extracted again). None: the bundled samples.
    inputs: Vec<String>,
    /// Write one self-contained HTML page (no scripts, nothing fetched)
    /// instead of the terminal view.
    #[arg(long)]
    html: bool,
    /// Write to this file instead of standard output. An existing file is
    /// not replaced unless `--force` is given.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Replace the file `-o` names when it exists.
    #[arg(long)]
    force: bool,
    /// Colours in the terminal view.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorArg,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

/// Where the views go, and how.
struct Sink<'a> {
    out: BufWriter<Box<dyn Write + 'a>>,
    html: bool,
    color: bool,
    /// Articles written so far (HTML ids are numbered by it).
    shown: usize,
    failed: u64,
}

impl Sink<'_> {
    fn show(&mut self, x: &Extraction) -> io::Result<()> {
        if self.html {
            self.out
                .write_all(render::html_page_article(x, self.shown).as_bytes())?;
        } else {
            if self.shown > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out
                .write_all(render::terminal(x, self.color).as_bytes())?;
        }
        self.shown += 1;
        // An article is out before the next is read (standard input may wait).
        self.out.flush()
    }

    fn fail(&mut self, message: &str) -> io::Result<()> {
        self.failed += 1;
        eprintln!("dateline: {message}");
        if self.html {
            self.out
                .write_all(render::html_page_error(message).as_bytes())?;
        }
        Ok(())
    }
}

pub fn show(args: ShowArgs) -> io::Result<ExitCode> {
    let extractor = match args.pipeline.extractor_or_usage_error() {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
    let plan = sources::plan(&args.inputs);
    if let Some(path) = &args.output {
        if !args.force && std::fs::symlink_metadata(path).is_ok() {
            eprintln!(
                "dateline: error: {} exists; name another file, or add --force to replace it",
                path.display()
            );
            return Ok(ExitCode::from(2));
        }
    }
    if let Err(message) = check_output(args.output.as_deref(), &plan) {
        eprintln!("dateline: error: {message}");
        return Ok(ExitCode::from(2));
    }
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            args.output.is_none()
                && io::stdout().is_terminal()
                && !std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        }
    };
    let workers = workers(None);
    let output = open_output(args.output.as_deref())?;
    let out: Box<dyn Write + '_> = match &output {
        Output::Stdout => Box::new(io::stdout().lock()),
        Output::Replace { temp, .. } => Box::new(temp.as_file()),
        Output::Direct(file) => Box::new(file),
    };
    let mut sink = Sink {
        out: BufWriter::with_capacity(1 << 16, out),
        html: args.html,
        color,
        shown: 0,
        failed: 0,
    };
    if sink.html {
        let title = match args.inputs.as_slice() {
            [] => "dateline: the bundled samples".to_string(),
            [one] => format!("dateline: {one}"),
            many => format!("dateline: {} inputs", many.len()),
        };
        sink.out
            .write_all(render::html_page_start(&title).as_bytes())?;
    }
    let options = args.pipeline.read_options();
    for unit in plan.units {
        // What `dateline extract` wrote is shown as it is.
        if let Unit::File(path) = &unit {
            let format = options
                .format
                .unwrap_or_else(|| InputFormat::from_path(&path.display().to_string()));
            if matches!(format, InputFormat::Jsonl | InputFormat::Json) && holds_extractions(path) {
                let name = path.display().to_string();
                let file = File::open(path)
                    .map_err(|e| io::Error::new(e.kind(), format!("cannot read {name}: {e}")))?;
                for (n, line) in BufReader::new(file).split(b'\n').enumerate() {
                    let line = line.map_err(|e| {
                        io::Error::new(e.kind(), format!("cannot read {name}: {e}"))
                    })?;
                    let line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&line);
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let origin = Origin {
                        line: Some(n as u64 + 1),
                        ..Origin::file(name.clone())
                    };
                    match read_output_line(line, origin) {
                        Ok(OutputRecord::Extraction(x)) => sink.show(&x)?,
                        Ok(OutputRecord::Article(a)) => match extractor.extract(a) {
                            Ok(x) => sink.show(&x)?,
                            Err(e) => sink.fail(&format!("{name}, line {}: {e}", n + 1))?,
                        },
                        Ok(OutputRecord::Failed(e)) => sink.fail(&format!(
                            "{name}, line {}: an error record, no article: {}",
                            n + 1,
                            e.message
                        ))?,
                        Err(e) => sink.fail(&e.to_string())?,
                    }
                }
                continue;
            }
        }
        // Each article is shown as soon as it and those before it are done.
        let records = Records::new(Plan::of(unit), options);
        extractor.extract_ordered(records, workers, |r| match r {
            Some(Ok(x)) => sink.show(&x),
            Some(Err(e)) => sink.fail(&e.to_string()),
            None => sink.out.flush(),
        })?;
    }
    if sink.html {
        sink.out.write_all(render::HTML_PAGE_END.as_bytes())?;
    }
    sink.out.flush()?;
    let (shown, failed) = (sink.shown, sink.failed);
    drop(sink);
    if let Output::Replace { temp, target } = output {
        temp.as_file().sync_all()?;
        if args.force {
            temp.persist(&target).map_err(|e| {
                io::Error::new(
                    e.error.kind(),
                    format!("cannot write {}: {}", target.display(), e.error),
                )
            })?;
        } else {
            // Not over a file made meanwhile.
            temp.persist_noclobber(&target).map_err(|e| {
                io::Error::new(
                    e.error.kind(),
                    format!("cannot write {}: {}", target.display(), e.error),
                )
            })?;
        }
        eprintln!("dateline: wrote {}", target.display());
    }
    if failed > 0 {
        eprintln!(
            "dateline: {failed} of {} record(s) failed",
            shown as u64 + failed
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
