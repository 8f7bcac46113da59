//! `dateline bench link`: time and memory of linking a corpus of N articles
//! made from a few real ones.
//!
//! Each base article is extracted once. The corpus is then a run of
//! generated stories, each from one base article: a day of the year, and 1
//! to 8 copies (most stories one or two articles, as in news) published
//! within four days of it. A story renames its base's people,
//! organisations and places word by word, the same way in all its copies
//! and all mention forms (`Antony Blinken` and `Blinken` become `Karomi
//! Luntevo` and `Luntevo`): people get fresh generated names, organisations
//! and places names drawn from pools in which a few are frequent and most
//! are rare (a Zipf-like law, as in news). Dates in the text (of events and
//! figures) move with the story; copies after the first leave out each event
//! with chance 1/5. Articles get hashed ids, so the order of ids says nothing
//! of the stories. The perturbation is applied to the extraction's entities,
//! events and figures before [`Record::new`]: extraction runs once per base,
//! never per article, so only linking is timed. Everything comes from one
//! seeded generator: the same seed gives the same corpus, and a smaller size
//! is a prefix of a larger one.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use clap::Args;
use dateline::corpus::{names_key, Corpus, Record};
use dateline::entities::EntityKind;
use dateline::events::Event;
use dateline::figures::Figure;
use dateline::input::InputFormat;
use dateline::resolve::{Entity, MentionForm};
use dateline::{ArticleLayer, Extraction};
use serde::Serialize;

use crate::bench::proc_status_mb;
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

/// SplitMix64: a small, fast, seeded generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A rank below `n`, rank r drawn with chance about 1 / ((r + 1) ln n).
    fn zipf(&mut self, n: u64) -> u64 {
        let x = (self.unit() * (n as f64).ln()).exp() as u64;
        x.saturating_sub(1).min(n - 1)
    }
}

/// One SplitMix64 step of a value: a hash for ids and pool entries.
fn mix(x: u64) -> u64 {
    Rng(x).next()
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "sa", "lun", "te", "vo", "dar", "ne", "bi", "hal", "qu", "zer", "po", "ev",
    "lin", "ta", "mor", "gu", "fe", "ran", "si", "ko", "bel", "du", "ash", "ni", "vel", "ju", "os",
    "rek", "ma",
];

/// Generated words: two or three syllables.
const WORDS: u64 = 32 * 32 + 32 * 32 * 32;
/// Organisation words: a pool, a few frequent and most rare.
const ORG_POOL: u64 = 20_000;
/// Place words: a smaller pool.
const PLACE_POOL: u64 = 5_000;

/// Generated word `n` (below [`WORDS`]), capitalised.
fn word(n: u64) -> String {
    let (mut n, count) = if n < 1024 { (n, 2) } else { (n - 1024, 3) };
    let mut out = String::new();
    for _ in 0..count {
        out.push_str(SYLLABLES[(n % 32) as usize]);
        n /= 32;
    }
    out[..1].make_ascii_uppercase();
    out
}

/// Words of names that are never renamed.
const KEEP: &[&str] = &[
    "the", "of", "and", "for", "in", "on", "at", "to", "al", "el", "bin", "ibn", "abu", "van",
    "von", "de", "da", "del", "la", "le",
];

/// What a renamed word belongs to, which says how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Person,
    Organisation,
    Place,
}

/// A base article: its extraction's parts that records read, and the words
/// of its names that stories rename.
struct Base {
    id: String,
    date: Option<NaiveDate>,
    text: String,
    entities: Vec<Entity>,
    events: Vec<Event>,
    figures: Vec<Figure>,
    /// Its sentences and parsed tokens (for the described participants).
    article: ArticleLayer,
    /// Renamed words (lowercased, accents folded) and their slot.
    vocab: HashMap<String, usize>,
    /// The class of each slot.
    classes: Vec<Class>,
}

impl Base {
    fn new(x: Extraction, n: usize) -> Base {
        let entities = x.entities.unwrap_or_default();
        let mut vocab: HashMap<String, usize> = HashMap::new();
        let mut classes = Vec::new();
        for e in &entities {
            let class = match e.kind {
                EntityKind::Person => Class::Person,
                EntityKind::Organisation => Class::Organisation,
                EntityKind::Place => Class::Place,
                _ => continue,
            };
            let names = std::iter::once(e.name.as_str()).chain(
                e.mentions
                    .iter()
                    .filter(|m| matches!(m.form, MentionForm::Name | MentionForm::Acronym))
                    .map(|m| m.text.as_str()),
            );
            for name in names {
                for w in names_key(name).split(' ') {
                    if w.is_empty()
                        || KEEP.contains(&w)
                        || !w.chars().any(char::is_alphabetic)
                        || vocab.contains_key(w)
                    {
                        continue;
                    }
                    vocab.insert(w.to_string(), classes.len());
                    classes.push(class);
                }
            }
        }
        Base {
            id: x.id.unwrap_or_else(|| format!("base-{n}")),
            date: x.article.date,
            text: x.text,
            entities,
            events: x.events.unwrap_or_default(),
            figures: x.figures.unwrap_or_default(),
            article: x.article,
            vocab,
            classes,
        }
    }

    /// `text` with its renamed words replaced by the story's (`slots`),
    /// keeping their case: capitalised, or all capitals for an acronym.
    fn rename(&self, text: &str, slots: &[String]) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            let w = &rest[..end];
            match self.vocab.get(&names_key(w)) {
                Some(&slot) => {
                    let new = &slots[slot];
                    if w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase()) {
                        out.push_str(&new.to_uppercase());
                    } else if w.starts_with(char::is_lowercase) {
                        out.push_str(&new.to_lowercase());
                    } else {
                        out.push_str(new);
                    }
                }
                None => out.push_str(w),
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// The base renamed for one story, its dates in the text moved by
    /// `shift` days.
    fn story(&self, slots: &[String], shift: i64) -> (Vec<Entity>, Vec<Event>, Vec<Figure>) {
        let mut entities = self.entities.clone();
        for e in &mut entities {
            e.name = self.rename(&e.name, slots);
            for m in &mut e.mentions {
                m.text = self.rename(&m.text, slots);
            }
            if let Some(p) = &mut e.place {
                p.name = self.rename(&p.name, slots);
            }
        }
        let mut events = self.events.clone();
        for e in &mut events {
            for a in e.source.iter_mut().chain(e.target.iter_mut()) {
                a.text = self.rename(&a.text, slots);
            }
            if let Some(p) = &mut e.place {
                p.name = self.rename(&p.name, slots);
            }
            if let Some(d) = &mut e.date {
                d.value = moved(&d.value, shift);
            }
        }
        let mut figures = self.figures.clone();
        for f in &mut figures {
            if let Some(s) = &mut f.source {
                *s = self.rename(s, slots);
            }
            if let Some(d) = &mut f.date {
                *d = moved(d, shift);
            }
        }
        (entities, events, figures)
    }
}

/// A TIMEX3 value whose leading day (`2023-11-05` of `2023-11-05TEV`) is
/// moved by `days`; other values as they are.
fn moved(value: &str, days: i64) -> String {
    let Some(day) = value
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return value.to_string();
    };
    match day.checked_add_signed(chrono::Duration::days(days)) {
        Some(d) => format!("{}{}", d.format("%Y-%m-%d"), &value[10..]),
        None => value.to_string(),
    }
}

/// The first day of the generated year.
fn start_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
}

/// The records of a corpus of `n` articles made from `bases`.
fn corpus_records(bases: &[Base], n: usize, seed: u64) -> Vec<Record> {
    let mut rng = Rng(seed);
    let mut out: Vec<Record> = Vec::with_capacity(n);
    let start = start_day();
    while out.len() < n {
        let base = &bases[rng.below(bases.len() as u64) as usize];
        // Stories of 1 to 8 articles, each size 0.55 times as frequent as the last.
        let mut size = 1;
        while size < 8 && rng.unit() < 0.55 {
            size += 1;
        }
        let day = rng.below(365) as i64;
        let slots: Vec<String> = base
            .classes
            .iter()
            .map(|c| match c {
                Class::Person => word(rng.below(WORDS)),
                Class::Organisation => word(mix(rng.zipf(ORG_POOL) ^ 0x006f_7267) % WORDS),
                Class::Place => word(mix(rng.zipf(PLACE_POOL) ^ 0x706c_6163) % WORDS),
            })
            .collect();
        let story_day = start + chrono::Duration::days(day);
        let shift = base.date.map_or(0, |d| (story_day - d).num_days());
        let (entities, events, figures) = base.story(&slots, shift);
        for copy in 0..size {
            if out.len() >= n {
                break;
            }
            let date = if copy == 0 {
                story_day
            } else {
                story_day + chrono::Duration::days(rng.below(4) as i64)
            };
            let kept: Vec<Event> = if copy == 0 {
                events.clone()
            } else {
                events
                    .iter()
                    .filter(|_| rng.below(5) != 0)
                    .cloned()
                    .collect()
            };
            let id = format!("b{:016x}", mix(seed ^ mix(out.len() as u64)));
            out.push(
                Record::new(
                    Some(&id),
                    Some(date),
                    &base.text,
                    &entities,
                    &kept,
                    &figures,
                )
                .with_participants(&base.text, &base.article),
            );
        }
    }
    out
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
fn read_bases(args: &LinkArgs) -> io::Result<Result<Vec<Base>, ExitCode>> {
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
    let bases: Vec<Base> = extractions
        .into_iter()
        .enumerate()
        .map(|(i, x)| Base::new(x, i))
        .collect();
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
        let t = Instant::now();
        let records = corpus_records(&bases, n, args.seed);
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
        rows.push(Row {
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
        });
        if !args.json {
            eprintln!("dateline: {n} articles linked in {seconds:.1} s");
        }
    }
    let report = Report {
        bases: bases.iter().map(|b| b.id.clone()).collect(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_move_by_whole_days_and_other_values_stay() {
        assert_eq!(moved("2023-11-05TEV", 3), "2023-11-08TEV");
        assert_eq!(moved("2023-12-30", 5), "2024-01-04");
        assert_eq!(moved("2023-W45", 5), "2023-W45");
        assert_eq!(moved("PRESENT_REF", 5), "PRESENT_REF");
    }

    #[test]
    fn generated_words_are_capitalised_and_distinct() {
        assert_eq!(word(0), "Kaka");
        assert_ne!(word(1), word(1024));
        assert!(word(WORDS - 1).starts_with(char::is_uppercase));
    }
}
