//! `dateline bench link`: time and memory of linking a corpus of N articles
//! made from a few real ones.
//!
//! The corpus is made by [`dateline::samples::corpus::Generator`] (see
//! there how): extraction runs once per base article, so only linking is
//! timed.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use dateline::corpus::bounded::{DirStore, LinkedItem, Linker};
use dateline::corpus::Corpus;
use dateline::input::InputFormat;
use dateline::samples::corpus::Generator;
use dateline::Extraction;
use serde::Serialize;

use crate::bench::proc_status_mb;
use crate::link::LinkedWriter;
use crate::sources::{self, Plan, Records, Unit};
use crate::PipelineArgs;

/// Arguments of `dateline bench link`.
#[derive(Args, Debug)]
pub struct LinkArgs {
    /// Base articles: files or folders of articles, or the JSONL that
    /// `dateline extract` wrote (none: the bundled samples).
    inputs: Vec<String>,
    /// Corpus sizes in articles, comma-separated or repeated; run from the
    /// smallest up.
    #[arg(long, value_delimiter = ',', default_values_t = [10_000usize, 100_000])]
    articles: Vec<usize>,
    /// Seed of the generator that makes the corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Also give a hash of each size's linked output (stories, entities,
    /// events as JSON; after the timing), to check that a change to the
    /// corpus layer leaves its results as they were.
    #[arg(long)]
    digest: bool,
    /// Run every size even when the memory the last one took per article
    /// says this one needs more than the system has free (by default such a
    /// size is left out, with a note, rather than run out of memory).
    #[arg(long)]
    no_memory_check: bool,
    /// Link as `dateline link` does: in bounded steps, the records made one
    /// at a time and kept with the steps' items in working files (in
    /// `--work-dir`, else the system's temporary folder), the output
    /// written (hashed) item by item; the time counts all of it but making
    /// the records.
    #[arg(long)]
    bounded: bool,
    /// With `--bounded`: the folder for the working files.
    #[arg(long, value_name = "DIR")]
    work_dir: Option<std::path::PathBuf>,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

/// One corpus size's figures.
#[derive(Debug, Serialize)]
struct Row {
    articles: usize,
    /// Seconds to make the records (not linking).
    build_seconds: f64,
    /// Seconds to add the records to a corpus and read its stories,
    /// entities and events.
    seconds: f64,
    us_per_article: f64,
    /// Resident memory once the records were made, before linking.
    records_rss_mb: Option<f64>,
    /// Peak resident memory while making and linking this size.
    peak_rss_mb: Option<f64>,
    stories: usize,
    /// Articles of the largest story.
    largest_story: usize,
    /// Stories of more than one article.
    multi_article_stories: usize,
    entities: usize,
    events: usize,
    /// FNV-1a hash of the linked output as JSON, with `--digest`.
    #[serde(skip_serializing_if = "Option::is_none")]
    digest: Option<String>,
}

#[derive(Debug, Serialize)]
struct Report {
    /// Ids of the base articles.
    bases: Vec<String>,
    seed: u64,
    /// Resident memory before the first corpus (extractor dropped).
    baseline_rss_mb: Option<f64>,
    /// True when the peak of each size is its own (the system let it be
    /// reset); false when it is the peak of the run so far.
    peak_per_size: bool,
    rows: Vec<Row>,
    /// Sizes left out for want of memory.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    skipped: Vec<Skipped>,
}

/// A size left out for want of memory.
#[derive(Debug, Serialize)]
struct Skipped {
    articles: usize,
    /// The memory it would need, from the last size's per article.
    needed_mb: f64,
}

/// Memory the system can still give, in MB (Linux: `MemAvailable`).
fn available_mb() -> Option<f64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// True when the peak resident memory (VmHWM) was reset to the current one.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The base articles: extractions read as they are, other inputs extracted once.
fn read_bases(args: &LinkArgs) -> io::Result<Result<Generator, ExitCode>> {
    let mut extractions: Vec<Extraction> = Vec::new();
    let mut failed = 0u64;
    let options = args.pipeline.read_options();
    let plan = sources::plan(&args.inputs);
    let mut extractor = None;
    for unit in plan.units {
        if let Unit::File(path) = &unit {
            let format = options
                .format
                .unwrap_or_else(|| InputFormat::from_path(&path.display().to_string()));
            if matches!(format, InputFormat::Jsonl | InputFormat::Json)
                && crate::link::holds_extractions(path)
            {
                for (n, line) in BufReader::new(File::open(path)?).lines().enumerate() {
                    let line = line?;
                    let line = line.trim_start_matches('\u{feff}');
                    if line.trim().is_empty() {
                        continue;
                    }
                    match serde_json::from_str::<Extraction>(line) {
                        Ok(x) => extractions.push(x),
                        Err(e) => {
                            failed += 1;
                            eprintln!(
                                "dateline: {}:{}: not an extraction: {e}",
                                path.display(),
                                n + 1
                            );
                        }
                    }
                }
                continue;
            }
        }
        if extractor.is_none() {
            match args.pipeline.extractor_or_usage_error() {
                Ok(e) => extractor = Some(e),
                Err(code) => return Ok(Err(code)),
            }
        }
        let Some(ex) = &extractor else { continue };
        for r in Records::new(Plan::of(unit), options) {
            match r.map(|a| ex.extract(a)) {
                Ok(Ok(x)) => extractions.push(x),
                Ok(Err(e)) => {
                    failed += 1;
                    eprintln!("dateline: {e}");
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("dateline: {e}");
                }
            }
        }
    }
    if failed > 0 {
        eprintln!("dateline: {failed} input record(s) failed and are not bases");
    }
    let bases = Generator::new(extractions);
    if bases.is_empty() {
        eprintln!("dateline: error: no article to make the corpus from");
        return Ok(Err(ExitCode::from(1)));
    }
    Ok(Ok(bases))
}

/// Runs `dateline bench link`.
pub fn link(args: LinkArgs) -> io::Result<ExitCode> {
    let bases = match read_bases(&args)? {
        Ok(b) => b,
        Err(code) => return Ok(code),
    };
    let mut sizes = args.articles.clone();
    sizes.sort_unstable();
    sizes.dedup();
    let baseline = proc_status_mb("VmRSS:");
    let mut peak_per_size = true;
    let mut rows: Vec<Row> = Vec::new();
    let mut skipped = Vec::new();
    for &n in &sizes {
        // What the last size took per article, above the baseline, scaled.
        let need = rows.last().and_then(|r| {
            let per = (r.peak_rss_mb? - baseline?) / r.articles.max(1) as f64;
            Some(per * n as f64 * 1.1)
        });
        if let (Some(need), Some(free), false) = (need, available_mb(), args.no_memory_check) {
            if need > free {
                eprintln!(
                    "dateline: {n} articles left out: they would need about {:.1} GB, {:.1} GB is free \
                     (--no-memory-check runs them anyway)",
                    need / 1024.0,
                    free / 1024.0
                );
                skipped.push((n, need));
                continue;
            }
        }
        peak_per_size &= reset_peak();
        let row = if args.bounded {
            bounded_row(&bases, n, &args)?
        } else {
            memory_row(&bases, n, &args)?
        };
        let seconds = row.seconds;
        rows.push(row);
        if !args.json {
            eprintln!("dateline: {n} articles linked in {seconds:.1} s");
        }
    }
    let report = Report {
        bases: bases.ids().map(str::to_string).collect(),
        seed: args.seed,
        baseline_rss_mb: baseline,
        peak_per_size,
        rows,
        skipped: skipped
            .into_iter()
            .map(|(articles, need)| Skipped {
                articles,
                needed_mb: need,
            })
            .collect(),
    };
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_report(&mut out, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One size linked by a `Corpus` in memory, every record made first.
fn memory_row(bases: &Generator, n: usize, args: &LinkArgs) -> io::Result<Row> {
    let t = Instant::now();
    let records = bases.records(n, args.seed);
    let build_seconds = t.elapsed().as_secs_f64();
    let records_rss_mb = proc_status_mb("VmRSS:");
    let t = Instant::now();
    let mut corpus = Corpus::new();
    for r in records {
        corpus.add(r);
    }
    let stories = corpus.stories();
    let (entities, events) = (corpus.entities().len(), corpus.events().len());
    let seconds = t.elapsed().as_secs_f64();
    let peak_rss_mb = proc_status_mb("VmHWM:");
    let digest = if args.digest {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        serde_json::to_writer(&mut h, corpus.linked())?;
        Some(format!("{:016x}", h.0))
    } else {
        None
    };
    Ok(Row {
        articles: n,
        build_seconds,
        seconds,
        us_per_article: seconds * 1e6 / n.max(1) as f64,
        records_rss_mb,
        peak_rss_mb,
        stories: stories.len(),
        largest_story: stories.iter().map(|s| s.articles.len()).max().unwrap_or(0),
        multi_article_stories: stories.iter().filter(|s| s.articles.len() > 1).count(),
        entities,
        events,
        digest,
    })
}

/// One size linked in bounded steps, as `dateline link` does: the records
/// made one at a time, the output hashed item by item (always, as `dateline
/// link` writes it; the digest is shown with `--digest`).
fn bounded_row(bases: &Generator, n: usize, args: &LinkArgs) -> io::Result<Row> {
    let dir = args.work_dir.clone().unwrap_or_else(std::env::temp_dir);
    let work = tempfile::Builder::new()
        .prefix(".dateline-bench-")
        .tempdir_in(&dir)?;
    let t = Instant::now();
    let mut linker = Linker::new(DirStore::new(work.path()), n);
    let mut adding = std::time::Duration::ZERO;
    let mut failed = None;
    bases.each_record(n, args.seed, |r| {
        let at = Instant::now();
        if let Err(e) = linker.add(r) {
            failed.get_or_insert(e);
        }
        adding += at.elapsed();
    });
    if let Some(e) = failed {
        return Err(e);
    }
    let build_seconds = t.elapsed().saturating_sub(adding).as_secs_f64();
    let t = Instant::now();
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    let (mut stories, mut largest, mut multi, mut entities, mut events) = (0, 0, 0, 0, 0);
    {
        let mut out = LinkedWriter::new(&mut h, false);
        linker.finish(|item| {
            match &item {
                LinkedItem::Story(s) => {
                    stories += 1;
                    largest = s.articles.len().max(largest);
                    multi += usize::from(s.articles.len() > 1);
                }
                LinkedItem::Entity(_) => entities += 1,
                LinkedItem::Event(_) => events += 1,
            }
            out.item(&item)
        })?;
        out.end()?;
    }
    let seconds = (t.elapsed() + adding).as_secs_f64();
    let peak_rss_mb = proc_status_mb("VmHWM:");
    work.close()?;
    Ok(Row {
        articles: n,
        build_seconds,
        seconds,
        us_per_article: seconds * 1e6 / n.max(1) as f64,
        records_rss_mb: None,
        peak_rss_mb,
        stories,
        largest_story: largest,
        multi_article_stories: multi,
        entities,
        events,
        digest: args.digest.then(|| format!("{:016x}", h.0)),
    })
}

/// A writer that hashes what it is given (FNV-1a, 64 bits).
struct Fnv(u64);

impl Write for Fnv {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for &b in buf {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn mb(v: Option<f64>) -> String {
    v.map_or("n/a".to_string(), |m| format!("{m:.1}"))
}

fn print_report(out: &mut impl Write, r: &Report) -> io::Result<()> {
    writeln!(
        out,
        "dateline bench link: corpora made from {} base article(s) ({}), seed {}; linking on one thread",
        r.bases.len(),
        r.bases.join(", "),
        r.seed
    )?;
    writeln!(
        out,
        "{:>9} {:>9} {:>11} {:>13} {:>9} {:>9} {:>10} {:>10} {:>8}",
        "articles",
        "seconds",
        "us/article",
        "peak RSS MB",
        "stories",
        "multi",
        "entities",
        "events",
        "build s"
    )?;
    for row in &r.rows {
        writeln!(
            out,
            "{:>9} {:>9.2} {:>11.1} {:>13} {:>9} {:>9} {:>10} {:>10} {:>8.1}",
            row.articles,
            row.seconds,
            row.us_per_article,
            mb(row.peak_rss_mb),
            row.stories,
            row.multi_article_stories,
            row.entities,
            row.events,
            row.build_seconds
        )?;
        if let Some(d) = &row.digest {
            writeln!(out, "{:>9} digest {d}", "")?;
        }
    }
    for s in &r.skipped {
        writeln!(
            out,
            "{:>9} left out: would need about {:.0} MB (the last size's memory per article)",
            s.articles, s.needed_mb
        )?;
    }
    writeln!(
        out,
        "seconds: adding the records to a corpus and reading its stories, entities and events \
         (making the records, build s, is not counted); multi: stories of more than one article; \
         peak RSS: {} (resident before the first corpus: {} MB)",
        if r.peak_per_size {
            "the peak while making and linking each size"
        } else {
            "the peak of the run so far (this system does not let it be reset)"
        },
        mb(r.baseline_rss_mb)
    )
}
