//! `dateline bench speed`: throughput and memory of the pipeline, streamed.

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;
use dateline::Profile;
use serde::Serialize;

use crate::sources::{self, Records};
use crate::PipelineArgs;

/// Arguments of `dateline bench speed`.
#[derive(Args, Debug)]
pub struct SpeedArgs {
    /// Files or folders of articles (none: the bundled samples).
    inputs: Vec<String>,
    /// Worker threads. With 1 (the default), time is also broken down per stage.
    #[arg(short = 'j', long, default_value_t = 1)]
    threads: usize,
    /// Stream the inputs this many times (memory must not grow with it).
    #[arg(long, default_value_t = 1)]
    repeat: usize,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

#[derive(Debug, Serialize)]
struct Row {
    stage: String,
    seconds: f64,
    articles_per_s: f64,
    mb_per_s: f64,
}

#[derive(Debug, Serialize)]
struct Report {
    articles: u64,
    errors: u64,
    text_mb: f64,
    threads: usize,
    repeat: usize,
    /// Seconds to make the extractor (load every layer's data), then each
    /// layer's share.
    startup: Vec<Row>,
    rows: Vec<Row>,
    /// (articles streamed, resident memory in MB) samples.
    rss_mb: Vec<(u64, f64)>,
    peak_rss_mb: Option<f64>,
}

/// Reads a field (in kB) of /proc/self/status, in MB.
pub(crate) fn proc_status_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn row(stage: &str, d: Duration, articles: u64, bytes: u64) -> Row {
    let s = d.as_secs_f64().max(1e-9);
    Row {
        stage: stage.to_string(),
        seconds: s,
        articles_per_s: articles as f64 / s,
        mb_per_s: bytes as f64 / 1e6 / s,
    }
}

/// Runs the benchmark.
pub fn speed(args: SpeedArgs) -> io::Result<ExitCode> {
    let t = Instant::now();
    let extractor = match args.pipeline.extractor_or_usage_error() {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
    let mut startup = vec![row("make the extractor", t.elapsed(), 0, 0)];
    startup.extend(
        extractor
            .startup()
            .iter()
            .map(|(layer, d)| row(&format!("  load {layer}"), *d, 0, 0)),
    );
    let mut profile = Profile::default();
    let (mut articles, mut errors, mut bytes) = (0u64, 0u64, 0u64);
    let (mut t_read, mut t_serialize) = (Duration::ZERO, Duration::ZERO);
    let mut rss = Vec::new();
    let mut next_sample = 1000;
    let mut sink = io::sink();
    let started = Instant::now();
    // Each result as the command writes it: serialised, then counted.
    let mut take = |r: &Result<dateline::Extraction, dateline::RecordError>| -> io::Result<()> {
        let t = Instant::now();
        match r {
            Ok(x) => {
                articles += 1;
                bytes += x.text.len() as u64;
                serde_json::to_writer(&mut sink, x)?;
            }
            Err(e) => {
                errors += 1;
                serde_json::to_writer(&mut sink, e)?;
            }
        }
        sink.write_all(b"\n")?;
        t_serialize += t.elapsed();
        if articles >= next_sample {
            if let Some(mb) = proc_status_mb("VmRSS:") {
                rss.push((articles, mb));
            }
            next_sample = articles * 2;
        }
        Ok(())
    };
    for _ in 0..args.repeat.max(1) {
        let mut records = Records::new(sources::plan(&args.inputs), args.pipeline.read_options());
        if args.threads > 1 {
            // As `dateline extract` runs: workers take records one at a
            // time, this thread serialises the results in order.
            extractor.extract_ordered(records, args.threads, |r| match r {
                Some(r) => take(&r),
                None => Ok(()),
            })?;
            continue;
        }
        loop {
            let t = Instant::now();
            let record = records.next();
            t_read += t.elapsed();
            let Some(record) = record else {
                break;
            };
            let result = match record {
                Ok(a) => extractor
                    .extract_profiled(a, &mut profile)
                    .map_err(|e| dateline::RecordError::new(Default::default(), e)),
                Err(e) => Err(e),
            };
            take(&result)?;
        }
    }
    let total = started.elapsed();
    if let Some(mb) = proc_status_mb("VmRSS:") {
        rss.push((articles, mb));
    }
    // With several threads, workers read as they go: no time of its own.
    let mut rows = Vec::new();
    if args.threads == 1 {
        rows.push(row("read+parse input", t_read, articles, bytes));
    }
    if args.threads == 1 {
        // The article layer's stages, its total, then each further layer.
        let article_stages = ["paragraphs", "sentences", "tokens"];
        let mut article_total = Duration::ZERO;
        for (stage, d) in profile
            .stages
            .iter()
            .filter(|(s, _)| article_stages.contains(s))
        {
            rows.push(row(&format!("  article: {stage}"), *d, articles, bytes));
            article_total += *d;
        }
        rows.push(row("article layer", article_total, articles, bytes));
        for (stage, d) in profile
            .stages
            .iter()
            .filter(|(s, _)| !article_stages.contains(s))
        {
            rows.push(row(&format!("{stage} layer"), *d, articles, bytes));
        }
        rows.push(row("all layers", profile.total(), articles, bytes));
    }
    rows.push(row("serialize JSONL", t_serialize, articles, bytes));
    rows.push(row("whole pipeline", total, articles, bytes));
    let report = Report {
        articles,
        errors,
        text_mb: bytes as f64 / 1e6,
        threads: args.threads,
        repeat: args.repeat,
        startup,
        rows,
        rss_mb: rss,
        peak_rss_mb: proc_status_mb("VmHWM:"),
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

fn print_report(out: &mut impl Write, r: &Report) -> io::Result<()> {
    writeln!(
        out,
        "dateline bench speed: {} articles ({} errors), {:.1} MB of article text, {} thread(s), {} pass(es)",
        r.articles, r.errors, r.text_mb, r.threads, r.repeat
    )?;
    writeln!(out, "{:<28} {:>10}", "start-up", "ms")?;
    for row in &r.startup {
        writeln!(out, "{:<28} {:>10.1}", row.stage, row.seconds * 1e3)?;
    }
    writeln!(
        out,
        "{:<28} {:>10} {:>14} {:>10}",
        "stage", "seconds", "articles/s", "MB/s"
    )?;
    for row in &r.rows {
        writeln!(
            out,
            "{:<28} {:>10.3} {:>14.0} {:>10.1}",
            row.stage, row.seconds, row.articles_per_s, row.mb_per_s
        )?;
    }
    let samples: Vec<String> = r
        .rss_mb
        .iter()
        .map(|(n, mb)| format!("{mb:.1} MB after {n}"))
        .collect();
    writeln!(
        out,
        "resident memory: {}",
        if samples.is_empty() {
            "n/a".into()
        } else {
            samples.join(", ")
        }
    )?;
    match r.peak_rss_mb {
        Some(mb) => writeln!(out, "peak resident memory: {mb:.1} MB"),
        None => writeln!(out, "peak resident memory: n/a (no /proc on this system)"),
    }
}

/// Arguments of `dateline bench scaling`.
#[derive(Args, Debug)]
pub struct ScalingArgs {
    /// Article sizes in bytes (the article limit is raised to the largest).
    #[arg(long, value_delimiter = ',', default_values_t = [100_000usize, 1_000_000, 4_000_000])]
    sizes: Vec<usize>,
    /// Shapes to run (default: all): said, straight-quotes, curly-quotes,
    /// honorifics, titles, capitals, numbers, acronyms, news.
    #[arg(long, value_delimiter = ',')]
    shapes: Option<Vec<String>>,
    /// Runs of each article; the least CPU time is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

/// CPU time of this thread so far, when the system tells it.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Runs `dateline bench scaling`: each stress shape at each size, one
/// article each, on this thread.
pub fn scaling(args: ScalingArgs) -> io::Result<ExitCode> {
    use dateline::samples::stress::Shape;
    // The sizes asked for are the point: the article limit makes room.
    let mut pipeline = args.pipeline.clone();
    let largest = args.sizes.iter().copied().max().unwrap_or(0);
    pipeline.max_article_bytes = pipeline.max_article_bytes.max(largest);
    let extractor = match pipeline.extractor_or_usage_error() {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
    let shapes: Vec<Shape> = match &args.shapes {
        None => Shape::ALL.to_vec(),
        Some(names) => {
            let mut out = Vec::new();
            for n in names {
                match Shape::ALL.iter().find(|s| s.name() == n.trim()) {
                    Some(s) => out.push(*s),
                    None => {
                        let all: Vec<&str> = Shape::ALL.iter().map(|s| s.name()).collect();
                        eprintln!(
                            "dateline: error: unknown shape {n:?}; shapes: {}",
                            all.join(", ")
                        );
                        return Ok(ExitCode::from(2));
                    }
                }
            }
            out
        }
    };
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{:<16} {:>10} {:>10} {:>10} {:>12} {:>10}",
        "shape", "bytes", "cpu s", "s per MB", "output MB", "out/in"
    )?;
    for shape in shapes {
        for &size in &args.sizes {
            let text = shape.text(size);
            let mut best: Option<(Duration, dateline::Extraction)> = None;
            for _ in 0..args.repeat.max(1) {
                let article = match dateline::Article::from_text(&text) {
                    Ok(a) => a,
                    Err(e) => {
                        eprintln!("dateline: error: {e}");
                        return Ok(ExitCode::from(1));
                    }
                };
                let (t0, w0) = (thread_cpu(), Instant::now());
                let result = extractor.extract(article);
                let elapsed = match (t0, thread_cpu()) {
                    (Some(a), Some(b)) => b.saturating_sub(a),
                    _ => w0.elapsed(),
                };
                match result {
                    Ok(x) if best.as_ref().map_or(true, |(d, _)| elapsed < *d) => {
                        best = Some((elapsed, x))
                    }
                    Ok(_) => {}
                    Err(e) => {
                        eprintln!("dateline: error: {}: {e}", shape.name());
                        return Ok(ExitCode::from(1));
                    }
                }
            }
            let Some((elapsed, x)) = best else {
                continue;
            };
            let mut counter = Counter(0);
            serde_json::to_writer(&mut counter, &x)?;
            let mb = text.len() as f64 / 1e6;
            writeln!(
                out,
                "{:<16} {:>10} {:>10.3} {:>10.3} {:>12.1} {:>10.1}",
                shape.name(),
                text.len(),
                elapsed.as_secs_f64(),
                elapsed.as_secs_f64() / mb,
                counter.0 as f64 / 1e6,
                counter.0 as f64 / text.len() as f64
            )?;
        }
    }
    writeln!(
        out,
        "cpu s: this thread's least CPU time for the extraction over {} run(s) (wall time where the system does not tell); peak resident memory: {}",
        args.repeat.max(1),
        proc_status_mb("VmHWM:").map_or("n/a".to_string(), |m| format!("{m:.1} MB"))
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A writer that only counts bytes.
struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
