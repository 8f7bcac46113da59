//! `dateline`: extract typed data from English news articles.

mod bench;
mod bench_link;
mod link;
mod output;
mod show;
mod tables;
mod train;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use dateline::input::InputFormat;
use dateline::{Config, Extractor, Layer, RecordError};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use dateline::files as sources;
use output::{Format, Writer};
use sources::{Plan, ReadOptions, Records};

/// Turn English news articles into typed data: publication date, title,
/// paragraphs, sentences and tokens, with byte offsets into the text.
#[derive(Parser, Debug)]
#[command(name = "dateline", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract from articles: .txt files, .json/.jsonl records, folders, or - for standard input.
    ///
    /// With no input, runs on the bundled sample articles. Writes one record
    /// per article, in input order: an extraction, or an error record naming
    /// the file, line and byte. Exits with 1 when some records failed.
    Extract(ExtractArgs),
    /// Link articles across: stories, the same people, organisations and places,
    /// the same events, with every article's evidence.
    ///
    /// Reads raw articles (extracted with the default pipeline) or the JSONL
    /// that `dateline extract` wrote (read as it is). Writes one JSON document
    /// (`stories`, `entities`, `events`), or with `--format eval -o DIR` the
    /// files score.py reads. Exits with 1 when some records failed.
    Link(link::LinkArgs),
    /// Show articles for reading: the text with its entities, quotes, figures,
    /// dates and events marked, and listed below.
    ///
    /// In the terminal (in colour when it is one, or with `--color always`),
    /// or with `--html` as one self-contained HTML page. Each article is shown
    /// in turn; a record that fails is named on standard error (and in the
    /// page), and the command exits with 1.
    Show(show::ShowArgs),
    /// Measure speed and memory.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Rebuild a model from gold data.
    #[command(subcommand)]
    Train(TrainCommand),
}

#[derive(Subcommand, Debug)]
enum TrainCommand {
    /// Train the entity tagger on gold files in the eval JSONL schema.
    Ner(train::NerArgs),
    /// Train the syntax layer (tagger, parser, lemmas) on gold files in the eval JSONL schema.
    Syntax(train::SyntaxArgs),
}

#[derive(Subcommand, Debug)]
enum BenchCommand {
    /// Articles/s, MB/s and peak memory of the whole pipeline and of each stage.
    Speed(bench::SpeedArgs),
    /// CPU time per MB and output size of text with no natural end, at growing sizes.
    Scaling(bench::ScalingArgs),
    /// Time per article and peak memory of linking a corpus of N articles made from a few real ones.
    Link(bench_link::LinkArgs),
}

#[derive(Args, Debug, Clone)]
struct PipelineArgs {
    #[arg(long, value_delimiter = ',', help = layers_help())]
    layers: Option<Vec<String>>,
    /// Leave tokens out of the article layer.
    #[arg(long)]
    no_tokens: bool,
    /// Refuse articles larger than this many bytes. A JSONL line may be up to
    /// 2 x this + 64 KiB long (room for JSON escapes and other fields).
    #[arg(long, default_value_t = Config::DEFAULT_MAX_ARTICLE_BYTES)]
    max_article_bytes: usize,
    /// Input format: by extension for files (`.json`, `.jsonl`, `.parquet`,
    /// anything else text) and by content for standard input (`[` or `{`
    /// opening JSON, otherwise text: `[Updated 14:00] ...` is text), unless given.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormatArg,
    /// An actor dictionary of yours for the event layer's CAMEO actor codes,
    /// read over the shipped ones: a TSV file with the header
    /// `name<TAB>code<TAB>dates<TAB>entry`, or a PETRARCH actor file.
    #[arg(long, value_name = "FILE")]
    actors: Option<PathBuf>,
    /// An entity tagger of yours (a model file `dateline train ner` wrote)
    /// in place of the shipped one.
    #[arg(long, value_name = "FILE")]
    entity_model: Option<PathBuf>,
}

/// The help of `--layers`, from the core's list of layers and its defaults.
fn layers_help() -> String {
    let names = |layers: &[Layer]| layers.iter().map(Layer::name).collect::<Vec<_>>().join(",");
    let defaults = Config::default().layers;
    let default = if defaults.as_slice() == Layer::ALL {
        format!("all of them: {}", names(&defaults))
    } else {
        format!("{}; the layers: {}", names(&defaults), names(Layer::ALL))
    };
    format!(
        "Layers to run, comma-separated (default: {default}); the article layer always runs, and a layer brings the ones it needs"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum InputFormatArg {
    Auto,
    Text,
    Json,
    Jsonl,
    Parquet,
}

impl PipelineArgs {
    fn extractor(&self) -> Result<Extractor, dateline::Error> {
        let mut config = Config::default()
            .tokens(!self.no_tokens)
            .max_article_bytes(self.max_article_bytes);
        if let Some(layers) = &self.layers {
            let layers = layers
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.parse::<Layer>())
                .collect::<Result<Vec<_>, _>>()?;
            config = config.layers(layers);
        }
        if let Some(path) = &self.actors {
            let text = std::fs::read_to_string(path).map_err(|e| {
                dateline::Error::Config(format!("cannot read {}: {e}", path.display()))
            })?;
            config = config.actor_dictionary(text);
        }
        if let Some(path) = &self.entity_model {
            let bytes = std::fs::read(path).map_err(|e| {
                dateline::Error::Config(format!("cannot read {}: {e}", path.display()))
            })?;
            config = config.entity_model(bytes);
        }
        Extractor::new(config)
    }

    /// The extractor, or (after saying why on standard error) the exit code
    /// of a usage error: a bad `--layers` value.
    fn extractor_or_usage_error(&self) -> Result<Extractor, ExitCode> {
        self.extractor().map_err(|e| {
            eprintln!("dateline: error: {e}");
            ExitCode::from(2)
        })
    }

    fn read_options(&self) -> ReadOptions {
        ReadOptions {
            format: match self.input_format {
                InputFormatArg::Auto => None,
                InputFormatArg::Text => Some(InputFormat::Text),
                InputFormatArg::Json => Some(InputFormat::Json),
                InputFormatArg::Jsonl => Some(InputFormat::Jsonl),
                InputFormatArg::Parquet => Some(InputFormat::Parquet),
            },
            max_article_bytes: self.max_article_bytes as u64,
        }
    }
}

/// What an entity item of the evaluation format spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExtentArg {
    /// By the record's `corpus`.
    Auto,
    /// The name alone, as CoNLL-2003 marks it.
    Names,
    /// The noun phrase a name heads, with nested names, as GUM marks it.
    Phrases,
    /// The name with the phrase that describes it, as MEANTIME marks it.
    Described,
}

#[derive(Args, Debug)]
struct ExtractArgs {
    /// Files, folders, or - for standard input. None: the bundled samples.
    inputs: Vec<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "jsonl")]
    format: Format,
    /// With `--format eval`: what an entity item spans. `auto` follows each
    /// record's corpus (`phrases` for GUM, `names` otherwise).
    #[arg(long, value_enum, default_value = "auto")]
    extent: ExtentArg,
    /// With `--format eval`: write only coded events (CAMEO interactions) in
    /// `events`, as score.py's `cameo` task reads them.
    #[arg(long)]
    coded_events: bool,
    /// Write to this file instead of standard output. The output is written to
    /// a temporary file beside it and renamed when the run ends, so an
    /// existing file of that name is replaced then (and left as it was when
    /// the run fails). It must not be one of the inputs. With `--format
    /// parquet` or `csv`: the folder of the tables' files (created if
    /// needed; existing files are never overwritten).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// With `--format parquet` or `csv`: the tables to write, one file each
    /// (default: all but the text-sized headlines, paragraphs, sentences,
    /// tokens and noun_chunks); without `--layers`, only the layers these
    /// tables need run. The tables: articles, headlines, paragraphs,
    /// sentences, tokens, noun_chunks, timex, mentions, entities, roles,
    /// places, quotes, figures, focus_countries, events, event_mentions,
    /// errors (docs/tables.md).
    #[arg(long, value_delimiter = ',')]
    tables: Option<Vec<String>>,
    /// Worker threads (default or 0: all cores), at most 4 x the cores. The
    /// output is the same for any number.
    #[arg(short = 'j', long)]
    threads: Option<usize>,
    /// No progress bar and no error messages on standard error (the summary stays).
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

/// Error messages printed to standard error before only counting them.
const MAX_ERROR_MESSAGES: u64 = 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Link(args) => link::link(args),
        Command::Show(args) => show::show(args),
        Command::Bench(BenchCommand::Speed(args)) => bench::speed(args),
        Command::Bench(BenchCommand::Scaling(args)) => bench::scaling(args),
        Command::Bench(BenchCommand::Link(args)) => bench_link::link(args),
        Command::Train(TrainCommand::Ner(args)) => train::ner(args),
        Command::Train(TrainCommand::Syntax(args)) => train::syntax(args),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dateline: error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Most worker threads per core: more only adds memory and switching.
const THREADS_PER_CORE: usize = 4;

/// The worker threads for `-j`: `None` (or 0) is the default, one a core;
/// more than [`THREADS_PER_CORE`] x the cores is capped, with a warning.
fn thread_count(requested: Option<usize>, quiet: bool) -> Option<usize> {
    let n = requested.filter(|&n| n > 0)?;
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let cap = cores.saturating_mul(THREADS_PER_CORE);
    if n > cap {
        if !quiet {
            eprintln!(
                "dateline: warning: -j {n} is more than {THREADS_PER_CORE} x the {cores} core(s); using {cap} threads"
            );
        }
        return Some(cap);
    }
    Some(n)
}

/// Worker threads for extraction: the number asked for, else one a core.
fn workers(threads: Option<usize>) -> usize {
    threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |c| c.get()))
}

/// Where the records go.
enum Output {
    /// Standard output.
    Stdout,
    /// A temporary file beside `target`, renamed onto it at the end.
    Replace {
        temp: tempfile::NamedTempFile,
        target: PathBuf,
    },
    /// A file that is not a regular file (`/dev/null`, a FIFO), written directly.
    Direct(File),
}

/// Refuses an output that is one of the inputs, by file identity: `-o`, or
/// standard output redirected to a file, that is an input file, a file in
/// an input folder or the file standard input reads. Returns the message.
fn check_output(output: Option<&Path>, plan: &Plan) -> Result<(), String> {
    let stdout_id = if output.is_none() {
        // Only a regular file: two pipes or terminals are never one input.
        sources::std_stream_metadata(true)
            .filter(|m| m.is_file())
            .and_then(|_| sources::std_stream_id(true))
    } else {
        None
    };
    let (id, name) = match output {
        Some(path) => match sources::FileId::of_path(path) {
            Some(id) => (id, format!("the output file {}", path.display())),
            None => return Ok(()),
        },
        None => match stdout_id {
            Some(id) => (id, "standard output".to_string()),
            None => return Ok(()),
        },
    };
    for unit in &plan.units {
        let same = match unit {
            sources::Unit::File(p) => sources::FileId::of_path(p).is_some_and(|i| i == id),
            sources::Unit::Stdin => sources::std_stream_id(false).is_some_and(|i| i == id),
            _ => false,
        };
        if same {
            let input = match unit {
                sources::Unit::File(p) => format!("the input file {}", p.display()),
                _ => "standard input".to_string(),
            };
            return Err(format!(
                "{name} is {input}: writing it would destroy the input; write to another file"
            ));
        }
    }
    Ok(())
}

/// Opens the output: nothing is created or truncated before this.
fn open_output(path: Option<&Path>) -> io::Result<Output> {
    let Some(path) = path else {
        return Ok(Output::Stdout);
    };
    let cannot =
        |e: io::Error| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()));
    let existing = std::fs::metadata(path).ok();
    if let Some(m) = &existing {
        if m.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("cannot write {}: it is a folder", path.display()),
            ));
        }
        if !m.is_file() {
            // A device or FIFO is written as it is, never replaced.
            return File::create(path).map(Output::Direct).map_err(cannot);
        }
    }
    // Replace the file a symbolic link points to, not the link.
    let target = match &existing {
        Some(_) => std::fs::canonicalize(path).map_err(cannot)?,
        None => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".dateline-").suffix(".tmp");
    // As File::create: 0o666 less the umask (the replaced file's mode is set below).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(&dir).map_err(cannot)?;
    if let Some(m) = &existing {
        // Best effort: the replaced file keeps its permissions.
        let _ = temp.as_file().set_permissions(m.permissions());
    }
    Ok(Output::Replace { temp, target })
}

/// The progress bar: the share of the input's bytes read, with the rate
/// and time left, and the articles and errors so far with their rate
/// (standard input, whose size is unknown: a spinner with the counts).
fn progress(plan: &Plan, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let stdin = plan.units.iter().any(|u| matches!(u, sources::Unit::Stdin));
    let pb = if stdin {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::new(plan.total_bytes)
    };
    pb.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    let style = if stdin {
        ProgressStyle::with_template("{spinner} {elapsed} {msg}")
    } else {
        ProgressStyle::with_template(
            "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}",
        )
    };
    if let Ok(style) = style {
        pb.set_style(style);
    }
    pb
}

/// The counts of a run of `extract`: what the progress bar and the closing
/// summary show.
struct Tally {
    /// When the run started.
    started: std::time::Instant,
    /// Articles extracted.
    ok: u64,
    /// Records that failed.
    failed: u64,
    /// Of those, articles over the article limit.
    too_large: u64,
    /// Bytes of article text read.
    bytes: u64,
}

impl Tally {
    fn new() -> Self {
        Tally {
            started: std::time::Instant::now(),
            ok: 0,
            failed: 0,
            too_large: 0,
            bytes: 0,
        }
    }

    /// Articles and errors so far, with the rate of articles.
    fn progress_message(&self) -> String {
        let secs = self.started.elapsed().as_secs_f64();
        let rate = if secs > 0.0 {
            (self.ok + self.failed) as f64 / secs
        } else {
            0.0
        };
        format!(
            "{} articles, {} errors, {rate:.0} articles/s",
            self.ok + self.failed,
            self.failed
        )
    }

    /// The line printed at the end of every run: `dateline: 3 articles,
    /// 0 errors in 0.04 s (0.30 MB/s)`.
    fn summary(&self) -> String {
        let secs = self.started.elapsed().as_secs_f64();
        let mb_per_s = if secs > 0.0 {
            self.bytes as f64 / 1e6 / secs
        } else {
            0.0
        };
        let articles = self.ok + self.failed;
        format!(
            "dateline: {articles} article{}, {} error{} in {secs:.2} s ({mb_per_s:.2} MB/s)",
            if articles == 1 { "" } else { "s" },
            self.failed,
            if self.failed == 1 { "" } else { "s" },
        )
    }
}

fn extract(mut args: ExtractArgs) -> io::Result<ExitCode> {
    // `--tables` without `--layers`: only the layers those tables need run.
    if let (Some(_), Some(names), None) =
        (args.format.tables(), &args.tables, &args.pipeline.layers)
    {
        if let Ok(chosen) = tables::parse_tables(names) {
            args.pipeline.layers = Some(tables::layers_for(&chosen));
        }
    }
    let extractor = match args.pipeline.extractor_or_usage_error() {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
    let workers = workers(thread_count(args.threads, args.quiet));
    let plan = sources::plan(&args.inputs);
    if let Err(message) = check_output(args.output.as_deref(), &plan) {
        eprintln!("dateline: error: {message}");
        return Ok(ExitCode::from(2));
    }
    if plan.skipped > 0 && !args.quiet {
        eprintln!(
            "dateline: skipped {} file(s) in folders without a .txt, .json, .jsonl or .ndjson extension",
            plan.skipped
        );
    }
    if plan.repeated > 0 && !args.quiet {
        eprintln!(
            "dateline: skipped {} folder(s) or file(s) already read (named twice, or reached again through a link)",
            plan.repeated
        );
    }
    let mut table_files = match table_files(&args, extractor.config()) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("dateline: error: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    let output = match table_files {
        Some(_) => Output::Stdout,
        None => open_output(args.output.as_deref())?,
    };
    let pb = progress(&plan, args.quiet);
    let stdin_progress = plan.units.iter().any(|u| matches!(u, sources::Unit::Stdin));
    let out: Box<dyn Write + '_> = match &output {
        Output::Stdout => Box::new(io::stdout().lock()),
        Output::Replace { temp, .. } => Box::new(temp.as_file()),
        Output::Direct(file) => Box::new(file),
    };
    let extent = match args.extent {
        ExtentArg::Auto => None,
        ExtentArg::Names => Some(dateline::eval::Extent::Names),
        ExtentArg::Phrases => Some(dateline::eval::Extent::Phrases),
        ExtentArg::Described => Some(dateline::eval::Extent::Described),
    };
    let mut writer = Writer::new(BufWriter::with_capacity(1 << 16, out), args.format, extent)
        .coded_events(args.coded_events);
    let records = Records::new(plan, args.pipeline.read_options());
    let mut tally = Tally::new();
    // Workers take records one at a time; this thread writes each result
    // in input order as soon as it is ready, and flushes whenever none is
    // (so what is extracted is out before a later input is waited for).
    let written = extractor.extract_ordered(records, workers, |r| {
        let Some(r) = r else {
            pb.set_message(tally.progress_message());
            return writer.flush();
        };
        match &r {
            Ok(x) => {
                tally.ok += 1;
                tally.bytes += x.text.len() as u64;
                pb.inc(if stdin_progress {
                    1
                } else {
                    x.text.len() as u64
                });
            }
            Err(e) => {
                tally.failed += 1;
                if matches!(
                    e.error,
                    dateline::Error::TooLarge { .. }
                        | dateline::Error::LineTooLarge {
                            article_limit: Some(_),
                            ..
                        }
                ) {
                    tally.too_large += 1;
                }
                report(e, tally.failed, args.quiet, &pb);
            }
        }
        match &mut table_files {
            Some(files) => files.write(&r),
            None => writer.write(&r),
        }
    });
    written?;
    writer.finish()?;
    if let Some(files) = table_files {
        files.finish()?;
    }
    pb.finish_and_clear();
    if let Output::Replace { temp, target } = output {
        temp.as_file().sync_all()?;
        temp.persist(&target).map_err(|e| {
            io::Error::new(
                e.error.kind(),
                format!("cannot write {}: {}", target.display(), e.error),
            )
        })?;
    }
    eprintln!("{}", tally.summary());
    if tally.failed > 0 {
        eprintln!(
            "dateline: {} of {} record(s) failed; see the error records in the output",
            tally.failed,
            tally.ok + tally.failed
        );
        if tally.too_large > 0 {
            eprintln!(
                "dateline: {} article(s) over --max-article-bytes ({} bytes); raise it to extract them \
                 (memory grows about 105 bytes a byte of text: docs/limits.md)",
                tally.too_large,
                extractor.config().max_article_bytes
            );
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The files of `--format parquet|csv`, `None` for the other formats; the
/// error message of a usage error (no `-o`, a bad `--tables`, existing files).
fn table_files(args: &ExtractArgs, config: &Config) -> Result<Option<tables::TableFiles>, String> {
    let Some(format) = args.format.tables() else {
        if args.tables.is_some() {
            return Err("--tables goes with --format parquet or csv".into());
        }
        return Ok(None);
    };
    let Some(dir) = &args.output else {
        return Err(format!(
            "--format {} writes one file per table: name their folder with -o DIR",
            if format == tables::FileFormat::Csv {
                "csv"
            } else {
                "parquet"
            }
        ));
    };
    let chosen = match &args.tables {
        Some(names) => tables::parse_tables(names)?,
        None => tables::DEFAULT_TABLES
            .iter()
            .copied()
            .filter(|t| t.layer().map_or(true, |l| config.layers.contains(&l)))
            .collect(),
    };
    for t in &chosen {
        if let Some(layer) = t.layer().filter(|l| !config.layers.contains(l)) {
            return Err(format!(
                "the {t} table comes from the {} layer, which does not run: add it to --layers",
                layer.name()
            ));
        }
    }
    tables::TableFiles::create(dir, &chosen, format)
        .map(Some)
        .map_err(|e| e.to_string())
}

fn report(e: &RecordError, n: u64, quiet: bool, pb: &ProgressBar) {
    if quiet {
        return;
    }
    if n <= MAX_ERROR_MESSAGES {
        pb.suspend(|| eprintln!("dateline: {e}"));
    } else if n == MAX_ERROR_MESSAGES + 1 {
        pb.suspend(|| eprintln!("dateline: more errors; only counting them from here"));
    }
}
