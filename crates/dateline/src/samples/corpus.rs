//! Corpora of any size made from a few real articles, for `dateline bench
//! link` and the corpus layer's scaling test: linking is timed on them, and
//! must grow as n log n, not n^2.
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
//! never per article, so only linking costs. Everything comes from one
//! seeded generator: the same seed gives the same corpus, and a smaller size
//! is a prefix of a larger one.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::corpus::{names_key, Record};
use crate::entities::EntityKind;
use crate::events::Event;
use crate::figures::Figure;
use crate::resolve::{Entity, MentionForm};
use crate::{ArticleLayer, Extraction};

/// Makes corpora of any size from base articles' extractions.
///
/// ```
/// use dateline::samples::{corpus::Generator, SAMPLES};
/// use dateline::{Config, Extractor};
///
/// let ex = Extractor::new(Config::default()).unwrap();
/// let bases = SAMPLES.iter().map(|s| ex.extract(s.article()).unwrap());
/// let generator = Generator::new(bases);
/// let records = generator.records(50, 1);
/// assert_eq!(records.len(), 50);
/// // The same seed gives the same corpus; a smaller one is its prefix.
/// let ids = |r: &[dateline::corpus::Record]| r.iter().map(|r| r.id().to_string()).collect::<Vec<_>>();
/// assert_eq!(ids(&generator.records(20, 1)), ids(&records[..20]));
/// ```
pub struct Generator {
    bases: Vec<Base>,
}

impl std::fmt::Debug for Generator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Generator")
            .field(
                "bases",
                &self.bases.iter().map(|b| &b.id).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Generator {
    /// A generator over these base articles (an article without an id is
    /// `base-N`, N its place in the list).
    pub fn new(bases: impl IntoIterator<Item = Extraction>) -> Generator {
        Generator {
            bases: bases
                .into_iter()
                .enumerate()
                .map(|(i, x)| Base::new(x, i))
                .collect(),
        }
    }

    /// How many base articles it has.
    pub fn len(&self) -> usize {
        self.bases.len()
    }

    /// The base articles' ids, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.bases.iter().map(|b| b.id.as_str())
    }

    /// True when it has no base article (its corpora are empty).
    pub fn is_empty(&self) -> bool {
        self.bases.is_empty()
    }

    /// The records of a corpus of `n` articles made with generator seed
    /// `seed` (none when there is no base article).
    pub fn records(&self, n: usize, seed: u64) -> Vec<Record> {
        let mut out = Vec::with_capacity(n);
        corpus_records(&self.bases, n, seed, |r| out.push(r));
        out
    }

    /// The records of [`Generator::records`], one at a time to `each`, none
    /// kept: a corpus larger than memory.
    pub fn each_record(&self, n: usize, seed: u64, each: impl FnMut(Record)) {
        corpus_records(&self.bases, n, seed, each);
    }
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
fn corpus_records(bases: &[Base], n: usize, seed: u64, mut each: impl FnMut(Record)) {
    if bases.is_empty() {
        return;
    }
    let mut rng = Rng(seed);
    let mut made = 0;
    let start = start_day();
    while made < n {
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
            if made >= n {
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
            let id = format!("b{:016x}", mix(seed ^ mix(made as u64)));
            made += 1;
            each(
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
