//! The corpus layer: linking across articles. Stories (articles about one
//! real-world story), corpus entities (one person, organisation or place
//! across articles), corpus events (one happening across articles, each
//! field merged with its provenance) and timelines.
//!
//! **Reads** each article's resolved entities, events and figures, through
//! a [`Record`] (the pipeline makes one from an extraction:
//! `Record::from(&extraction)`). **Adds** [`Story`], [`CorpusEntity`],
//! [`CorpusEvent`] and [`Timeline`]s, over all the articles added.
//! **Sits** after events, last of the layers; it is the only one that
//! reads more than one article.
//!
//! Linking is deterministic and order independent: the records are sorted
//! by article id before anything is compared, every id is derived from
//! article ids and offsets, and adding articles in any order (or merging
//! corpora built on several threads) gives byte-identical output. It does
//! not compare all pairs: articles meet through blocking keys (shared name
//! keys, near in time), entities through their name keys, events through
//! their story and kind, each within a bounded window (`docs/corpus.md`).
//!
//! ```
//! use dateline::corpus::{Corpus, Record};
//! use dateline::{Config, Extractor};
//!
//! let ex = Extractor::new(Config::default()).unwrap();
//! let a = ex
//!     .extract_text(" date 2023-11-06 Iraqi Prime Minister Mohammed Shia Al Sudani met \
//!                    US Secretary of State Antony Blinken in Baghdad on Sunday.")
//!     .unwrap();
//! let b = ex
//!     .extract_text(" date 2023-11-09 Antony Blinken held talks with Prime Minister \
//!                    Mohammed Shia al-Sudani in Iraq.")
//!     .unwrap();
//! let mut corpus = Corpus::new();
//! corpus.add(Record::from(&a).with_id("a"));
//! corpus.add(Record::from(&b).with_id("b"));
//! assert_eq!(corpus.stories().len(), 1);
//! let sudani = corpus
//!     .entities()
//!     .iter()
//!     .filter(|e| e.name.contains("Sudani"))
//!     .count();
//! assert_eq!(sudani, 1);
//! ```

pub mod bounded;
mod entities;
mod events;
mod extents;
mod names;
mod offices;
mod participants;
mod record;
pub mod shard;
mod stories;
mod timeline;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::entities::EntityKind;
use crate::events::{EventClass, Modality, Polarity};
use crate::resolve::MentionForm;

pub use record::Record;

/// The key that links a name across articles: lowercased, accents
/// folded, hyphens and apostrophes as spaces, leading titles dropped
/// (`Prime Minister al-Sudani` → `al sudani`).
pub fn names_key(name: &str) -> String {
    names::key(name)
}

/// FNV-1a, 64 bits: ids that depend only on their input.
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// An id from a prefix and a text: `prefix-` and 12 hex digits of its hash.
pub(crate) fn make_id(prefix: &str, text: &str) -> String {
    format!("{prefix}-{:012x}", fnv(text.as_bytes()) & 0xffff_ffff_ffff)
}

/// Where a value was read: an article and the words of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    /// The article's id.
    pub article: String,
    /// First byte of the words in the article's text.
    pub start: usize,
    /// One past their last byte.
    pub end: usize,
    /// The words.
    pub text: String,
}

/// Articles that tell one real-world story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Its id (`story-` and a hash of its first article's id).
    pub id: String,
    /// What it is about: its main event's kind and actors, else its most
    /// named entities (`meet: Antony Blinken, Mohammed Shia al-Sudani`).
    pub label: String,
    /// Publication date of its first dated article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<NaiveDate>,
    /// Publication date of its last dated article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<NaiveDate>,
    /// Its articles' ids, sorted.
    pub articles: Vec<String>,
    /// Ids of its corpus entities, most mentioned first.
    pub entities: Vec<String>,
    /// Ids of its corpus events with mentions in more than one article,
    /// then the others, in the order of their ids.
    pub events: Vec<String>,
}

/// One mention of a corpus entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusMention {
    /// The article's id.
    pub article: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// How it refers.
    pub form: MentionForm,
}

/// The same person, organisation, place or group across articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusEntity {
    /// Its id (`entity-` and a hash of its kind, name key and first mention).
    pub id: String,
    /// What it is.
    pub kind: EntityKind,
    /// Its name: the fullest name the articles give it most often.
    pub name: String,
    /// The normalised name that links it (`mohammed shia al sudani`).
    pub key: String,
    /// Every name the articles give it (`Mohammed Shia al-Sudani`,
    /// `Mohammed Shia Al Sudani`), sorted.
    pub names: Vec<String>,
    /// Its roles as the articles state them (`Prime Minister`), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Its country (ISO 3166), where an article gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The ids of the articles that name it, sorted.
    pub articles: Vec<String>,
    /// The ids of its stories, sorted.
    pub stories: Vec<String>,
    /// Every mention, by article and position.
    pub mentions: Vec<CorpusMention>,
    /// A participant known only by a description (`the climber`, `the
    /// pirates`): the noun (its lemma is the name and key) an event of the
    /// story is done by or to, joined within its story only. Its kind is
    /// `PER` where the noun is a role (`host`, `surgeon general`), else
    /// `MISC`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub described: bool,
}

/// One side of a corpus event: who, and where each article says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    /// `source` (who does it) or `target` (to whom).
    pub side: String,
    /// The corpus entity, when the actor names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// The entity's name, else the phrase as first written.
    pub name: String,
    /// Every phrase that gives it.
    pub sources: Vec<Evidence>,
}

/// A value of a field of a corpus event, with every article that gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sourced {
    /// The value (`Baghdad`, `2023-11-05TEV`, `042`).
    pub value: String,
    /// Every place that gives it (for a place or date standing in for a
    /// missing one, the words are empty and the span 0..0).
    pub sources: Vec<Evidence>,
}

/// The date of a corpus event in one article: the article's own, or one
/// taken from another article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleDate {
    /// The article's id.
    pub article: String,
    /// The article's publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// The event's day (`2023-11-05`), when any article gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The article the date was taken from, when this one gives none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken_from: Option<String>,
}

/// A figure counting a corpus event's outcome, as one article gives it.
/// Articles that disagree each keep theirs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventFigure {
    /// The figure as written (`More than 9,500`).
    pub text: String,
    /// The number stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The least the text allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// The most the text allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// Its unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What happened to what is counted (`killed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// What is counted (`people`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted: Option<String>,
    /// The date the figure refers to (`2023-10-07`, or an interval for
    /// `since`), where the article gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Who says so, as the article writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said_by: Option<String>,
    /// The article's publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// Where: the article and the words.
    pub source: Evidence,
}

/// The same happening across articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusEvent {
    /// Its id (`event-` and a hash of its first mention's article and span).
    pub id: String,
    /// Its story's id.
    pub story: String,
    /// Its kind: the verb it is of (`meet`).
    pub kind: String,
    /// The TimeML class of its first mention.
    pub class: EventClass,
    /// Whether it is said to happen.
    pub polarity: Polarity,
    /// How its first article commits to it.
    pub modality: Modality,
    /// Every mention, by article and position.
    pub mentions: Vec<Evidence>,
    /// Its sides, merged across articles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<EventActor>,
    /// Where it happened: the most precise place the most articles give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Every place given, with its sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Sourced>,
    /// When it happened: the day the most articles give (`2023-11-05`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Every date the texts give, with its sources (publication dates are
    /// not dates of the event here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<Sourced>,
    /// The date in each article, own or taken from another.
    pub articles: Vec<ArticleDate>,
    /// The figures counting its outcome, every article's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<EventFigure>,
    /// Its CAMEO codes, with sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<Sourced>,
}

/// One event of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The corpus event's id.
    pub event: String,
    /// Its day, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Its kind (`meet`).
    pub kind: String,
    /// Its mentions, the evidence.
    pub mentions: Vec<Evidence>,
}

/// The events of a story or an entity in time order: dated ones by day,
/// then those with no date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// The story's or entity's id.
    pub target: String,
    /// The events, in time order.
    pub events: Vec<TimelineEntry>,
}

/// What linking found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Linked {
    /// The stories, by id.
    pub stories: Vec<Story>,
    /// The corpus entities, by id.
    pub entities: Vec<CorpusEntity>,
    /// The corpus events, by id.
    pub events: Vec<CorpusEvent>,
}

/// What linking found, with each article's offsets: what a caller keeps
/// once the records are gone (see [`Corpus::into_output`],
/// [`shard::finish`]).
#[derive(Debug, Default)]
pub struct Output {
    /// The stories, entities and events.
    pub linked: Linked,
    /// Each article's byte to code-point offsets, by article id.
    pub offsets: HashMap<String, crate::span::OffsetMap>,
    /// How many articles were linked.
    pub articles: usize,
}

impl Output {
    /// The timeline of a story or a corpus entity, by its id; `None` for an
    /// unknown id.
    pub fn timeline(&self, id: &str) -> Option<Timeline> {
        timeline::of(&self.linked, id)
    }

    /// Every corpus event in the time order of timelines.
    pub fn time_order(&self) -> Vec<TimelineEntry> {
        timeline::order(self.linked.events.iter().collect())
    }

    /// A lookup from article id to its code-point offsets.
    pub fn offsets(&self) -> HashMap<&str, &crate::span::OffsetMap> {
        self.offsets.iter().map(|(k, v)| (k.as_str(), v)).collect()
    }
}

/// Articles linked across: add records, then read stories, entities,
/// events and timelines. Linking runs when first read after an addition.
#[derive(Debug, Default)]
pub struct Corpus {
    records: Vec<Record>,
    linked: OnceLock<Linked>,
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// Adds one article (`corpus.add(Record::from(&extraction))`).
    pub fn add(&mut self, record: impl Into<Record>) {
        self.records.push(record.into());
        self.linked = OnceLock::new();
    }

    /// Adds the articles of another corpus (built on another thread).
    pub fn merge(&mut self, other: Corpus) {
        self.records.extend(other.records);
        self.linked = OnceLock::new();
    }

    /// How many articles were added.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when no article was added.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Everything linking found.
    pub fn linked(&self) -> &Linked {
        self.linked.get_or_init(|| link(&self.records))
    }

    /// The stories.
    pub fn stories(&self) -> &[Story] {
        &self.linked().stories
    }

    /// The corpus entities.
    pub fn entities(&self) -> &[CorpusEntity] {
        &self.linked().entities
    }

    /// The corpus events.
    pub fn events(&self) -> &[CorpusEvent] {
        &self.linked().events
    }

    /// The timeline of a story or a corpus entity, by its id; `None` for an
    /// unknown id.
    pub fn timeline(&self, id: &str) -> Option<Timeline> {
        timeline::of(self.linked(), id)
    }

    /// Every corpus event in the time order of timelines (each timeline
    /// lists its events in this order), to build many timelines at once.
    pub fn time_order(&self) -> Vec<TimelineEntry> {
        timeline::order(self.events().iter().collect())
    }

    /// What linking found and each article's offsets, the records let go.
    pub fn into_output(self) -> Output {
        self.linked();
        let Corpus { records, linked } = self;
        Output {
            linked: linked.into_inner().unwrap_or_default(),
            articles: records.len(),
            offsets: records.into_iter().map(|r| (r.id, r.offsets)).collect(),
        }
    }

    /// The code-point span of a byte span of an article, for the
    /// evaluation format; `None` for an unknown article.
    pub fn char_span(&self, article: &str, start: usize, end: usize) -> Option<(usize, usize)> {
        let r = self.records.iter().find(|r| r.id == article)?;
        Some((r.offsets.char_offset(start), r.offsets.char_offset(end)))
    }

    /// A lookup from article id to its code-point offsets, for writing many
    /// spans: see [`Corpus::char_span`].
    pub fn offsets(&self) -> HashMap<&str, &crate::span::OffsetMap> {
        self.records
            .iter()
            .map(|r| (r.id.as_str(), &r.offsets))
            .collect()
    }

    /// The ECB+ extent of each event mention that has one, by article and
    /// mention start.
    pub(crate) fn event_extents(&self) -> HashMap<(&str, usize), (usize, usize)> {
        self.records
            .iter()
            .flat_map(|r| {
                r.event_extents
                    .iter()
                    .map(|&(m, s, e)| ((r.id.as_str(), m), (s, e)))
            })
            .collect()
    }

    /// Where each name mention's phrase starts when a title, article or
    /// preposition opens it (ECB+'s extent), by article and mention start.
    pub(crate) fn leads(&self) -> HashMap<(&str, usize), usize> {
        self.records
            .iter()
            .flat_map(|r| r.leads.iter().map(|&(m, l)| ((r.id.as_str(), m), l)))
            .collect()
    }

    /// Where the phrase of each name mention ends when a possessive ending
    /// closes it (`Hollywood's`), by (article, mention start).
    pub(crate) fn tails(&self) -> HashMap<(&str, usize), usize> {
        self.records
            .iter()
            .flat_map(|r| r.tails.iter().map(|&(m, t)| ((r.id.as_str(), m), t)))
            .collect()
    }
}

/// Links records: sorted by id first, so that the order they came in does
/// not matter.
fn link(records: &[Record]) -> Linked {
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by(|a, b| {
        a.id.cmp(&b.id)
            .then_with(|| a.date.cmp(&b.date))
            .then_with(|| a.fingerprint().cmp(&b.fingerprint()))
    });
    let story_of = stories::cluster(&sorted);
    let story_ids = stories::ids(&sorted, &story_of);
    let (entities, entity_of) = entities::link(&sorted, &story_of, &story_ids);
    let events = events::link(&sorted, &story_of, &story_ids, &entities, &entity_of);
    let stories = stories::build(&sorted, &story_of, &story_ids, &entities, &events);
    Linked {
        stories,
        entities,
        events,
    }
}
