//! The event layer: every event the text states or reports, with its class,
//! tense, aspect, polarity and modality.
//!
//! **Reads** the syntax layer's parse (triggers and the words around them)
//! and the quote layer's statements (an event inside a statement is
//! reported by it). **Adds** [`Event`]s in text order: verbal, nominal and
//! adjectival (`met`, `meeting`, `was dead`), each with its TimeML class,
//! tense and aspect, polarity (`did not attack`) and modality (asserted,
//! future, planned, hypothetical, conditional, reported), and the statement
//! that reports it. **Sits** after quotes, resolve and figures, last in the
//! pipeline. Every step is linear in the words of the article.
//!
//! ```
//! use dateline::{Config, Extractor};
//! use dateline::events::{EventClass, Modality, Polarity};
//!
//! let ex = Extractor::new(Config::default()).unwrap();
//! let out = ex
//!     .extract_text("Israel did not attack the camp. Mr Blinken will meet Mr Fidan.")
//!     .unwrap();
//! let events = out.events.unwrap();
//! let attack = events.iter().find(|e| e.text == "attack").unwrap();
//! assert_eq!(attack.polarity, Polarity::Negative);
//! let meet = events.iter().find(|e| e.text == "meet").unwrap();
//! assert_eq!(meet.modality, Modality::Future);
//! assert_eq!(meet.class, EventClass::Occurrence);
//! ```

mod lexicon;
mod modality;
mod tree;
mod triggers;

use serde::{Deserialize, Serialize};

use crate::quotes::Quote;
use crate::syntax::Syntax;

pub(crate) use lexicon::lexicon;
use tree::Tree;

/// The TimeML class of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventClass {
    /// Something that happens (`attack`, `met`, `visit`).
    Occurrence,
    /// A statement or report (`said`, `told`, `announced`).
    Reporting,
    /// An action that introduces another event (`tried`, `promised`, `ordered`).
    IAction,
    /// A state of mind about another event (`believes`, `wants`, `fears`).
    IState,
    /// The start, continuation or end of another event (`began`, `resumed`).
    Aspectual,
    /// Perceiving another event (`saw`, `heard`).
    Perception,
    /// A circumstance that holds (`own`, `remain`, `was dead`).
    State,
}

impl EventClass {
    /// The TimeML name (`OCCURRENCE`, `I_ACTION`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            EventClass::Occurrence => "OCCURRENCE",
            EventClass::Reporting => "REPORTING",
            EventClass::IAction => "I_ACTION",
            EventClass::IState => "I_STATE",
            EventClass::Aspectual => "ASPECTUAL",
            EventClass::Perception => "PERCEPTION",
            EventClass::State => "STATE",
        }
    }
}

/// What kind of word states an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventPos {
    /// A verb (`attacked`).
    Verb,
    /// A noun (`the attack`).
    Noun,
    /// A predicated adjective (`was dead`).
    Adjective,
}

/// The grammatical tense of an event's clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    /// `attacked`, `had attacked`.
    Past,
    /// `attacks`, `has attacked`.
    Present,
    /// `will attack`, `is going to attack`.
    Future,
    /// No finite verb (`to attack`, `attacking`, a noun).
    None,
}

/// The grammatical aspect of an event's clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    /// `has attacked`.
    Perfect,
    /// `is attacking`.
    Progressive,
    /// `has been attacking`.
    PerfectProgressive,
    /// Neither.
    None,
}

/// Whether the event is said to happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// `attacked`.
    Positive,
    /// `did not attack`, `never met`, `no attack`.
    Negative,
}

/// How the text commits to the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated by the writer as fact.
    Asserted,
    /// Said to come (`will meet`, `is going to meet`).
    Future,
    /// Planned or intended (`plans to visit`, `is scheduled to meet`).
    Planned,
    /// Possible, required or wished (`could attack`, `should leave`).
    Hypothetical,
    /// Under a condition (`if they attack`).
    Conditional,
    /// Reported by a source (`Hezbollah said it attacked`, `according to
    /// AFP`): see [`Event::reported_by`].
    Reported,
}

/// One mention of an event: its trigger word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventMention {
    /// First byte of the trigger.
    pub start: usize,
    /// One past the last byte of the trigger.
    pub end: usize,
    /// The trigger as written.
    pub text: String,
    /// Index of the unit (headline line, then sentence) it lies in.
    pub unit: usize,
}

/// One event the article states or reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// First byte of the trigger of its first mention.
    pub start: usize,
    /// One past the last byte of that trigger.
    pub end: usize,
    /// That trigger as written (`met`, `meeting`).
    pub text: String,
    /// The trigger's lemma (`meet`).
    pub lemma: String,
    /// What kind of word the trigger is.
    pub pos: EventPos,
    /// The TimeML class.
    pub class: EventClass,
    /// The tense of its clause.
    pub tense: Tense,
    /// The aspect of its clause.
    pub aspect: Aspect,
    /// Whether it is said to happen.
    pub polarity: Polarity,
    /// How the text commits to it.
    pub modality: Modality,
    /// Index of the unit (headline line, then sentence) of its first
    /// mention.
    pub unit: usize,
    /// Index in the extraction's `quotes` of the statement that reports
    /// it, when it lies inside one (`Hezbollah said it attacked`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<usize>,
    /// Every mention, the first included.
    pub mentions: Vec<EventMention>,
}

/// The events of `text`, from its parse and its quotes.
pub fn extract(text: &str, syntax: &Syntax, quotes: &[Quote]) -> Vec<Event> {
    let lex = lexicon::lexicon();
    let tree = Tree::new(&syntax.words);
    let mut reports = Reports::new(quotes);
    triggers::find(&tree, lex)
        .into_iter()
        .map(|t| {
            let w = &syntax.words[t.word];
            let mood = modality::mood(&tree, lex, t.word, t.pos);
            let reported_by = reports.holding(w.start, w.end);
            let modality = match (mood.modality, reported_by) {
                (Modality::Asserted, Some(_)) => Modality::Reported,
                (m, _) => m,
            };
            let trigger = text.get(w.start..w.end).unwrap_or_default().to_string();
            Event {
                start: w.start,
                end: w.end,
                text: trigger.clone(),
                lemma: w.lemma.to_lowercase(),
                pos: t.pos,
                class: t.class,
                tense: mood.tense,
                aspect: mood.aspect,
                polarity: mood.polarity,
                modality,
                unit: w.sentence,
                reported_by,
                mentions: vec![EventMention {
                    start: w.start,
                    end: w.end,
                    text: trigger,
                    unit: w.sentence,
                }],
            }
        })
        .collect()
}

/// The statements that hold a position, asked in text order: a sweep over
/// the quotes sorted by start, keeping those not yet ended.
struct Reports<'q> {
    quotes: &'q [Quote],
    order: Vec<usize>,
    next: usize,
    open: Vec<usize>,
}

impl<'q> Reports<'q> {
    fn new(quotes: &'q [Quote]) -> Reports<'q> {
        let mut order: Vec<usize> = (0..quotes.len()).collect();
        order.sort_by_key(|&i| (quotes[i].start, quotes[i].end));
        Reports {
            quotes,
            order,
            next: 0,
            open: Vec::new(),
        }
    }

    /// The shortest statement whose content holds `start..end`; positions
    /// must come in increasing order.
    fn holding(&mut self, start: usize, end: usize) -> Option<usize> {
        while let Some(&q) = self.order.get(self.next) {
            if self.quotes[q].start > start {
                break;
            }
            self.open.push(q);
            self.next += 1;
        }
        let quotes = self.quotes;
        self.open.retain(|&q| quotes[q].end > start);
        self.open
            .iter()
            .copied()
            .filter(|&q| end <= quotes[q].end)
            .min_by_key(|&q| (quotes[q].end - quotes[q].start, q))
    }
}
