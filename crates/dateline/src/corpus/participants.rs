//! Described participants: the people and things an article's events are
//! done by or to that have no name (`A climber died`, `the pirates were
//! about to board a vessel`). Each becomes an entity of its record, known
//! by its head noun's lemma (`climber`, `pirate`, `vessel`), with every
//! mention of that noun in the article; linking joins them within a story
//! (`the climber` of two reports of one accident), never across stories.

use std::collections::BTreeMap;

use crate::article::segment::{Token, TokenSyntax};
use crate::entities::EntityKind;
use crate::lexicon::roles::roles_lexicon;
use crate::lexicon::TIME_NOUNS;
use crate::resolve::MentionForm;
use crate::span::Span;

use super::record::{REntity, Record};

/// Relations a noun may hold and still name a participant (not a
/// `compound` or modifier inside another noun's phrase).
fn nominal(dep: &str) -> bool {
    let base = dep.split(':').next().unwrap_or(dep);
    matches!(
        base,
        "nsubj" | "obj" | "iobj" | "obl" | "nmod" | "conj" | "root" | "appos" | "dislocated"
    )
}

/// The syntax of token `i`, if it is a common noun heading its phrase
/// (or a role written in capitals: `Surgeon General`), not a time
/// (`season`, `night`).
fn noun(tokens: &[Token], i: usize) -> Option<&TokenSyntax> {
    tokens[i].syntax.as_ref().filter(|s| {
        let lower = s.lemma.to_lowercase();
        // A proper noun in lower case is a common noun the tagger missed
        // (`the pirates`).
        let common = s.upos == "PROPN" && s.lemma.starts_with(|c: char| c.is_lowercase());
        (s.upos == "NOUN"
            || common
            || (s.upos == "PROPN" && roles_lexicon().phrases.contains_key(lower.as_str())))
            && nominal(&s.dep)
            && !TIME_NOUNS.contains(&lower.as_str())
            && !OTHER_TIMES.contains(&lower.as_str())
    })
}

/// Whether a participant's noun names someone or something that takes
/// part (`pirates`, `police`, `climber`, `vessel`), not an abstraction
/// (`solutions`, `the situation`): a role, a CAMEO agent (`police`,
/// `militia`), a noun the figure layer counts (`civilians`, `cars`), or a
/// noun of a doer (`climber`, `driver`, `motorist`).
fn concrete(lemma: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    roles_lexicon().phrases.contains_key(lemma)
        || crate::figures::lexicon().nouns.contains_key(lower.as_str())
        || crate::figures::lexicon().nouns.contains_key(lemma)
        || crate::events::cameo::ActorCoder::shipped()
            .code(&lower, None)
            .is_some()
        || (lemma.len() >= 6
            && ["er", "or", "ist", "ian"]
                .iter()
                .any(|s| lemma.ends_with(s))
            && !NOT_DOERS.contains(&lemma))
        || DOERS.contains(&lemma)
}

/// Nouns of a doer's shape that are none.
const NOT_DOERS: &[&str] = &[
    "number",
    "matter",
    "border",
    "letter",
    "paper",
    "center",
    "centre",
    "corner",
    "chapter",
    "quarter",
    "sector",
    "factor",
    "winter",
    "summer",
    "weather",
    "answer",
    "shelter",
    "theater",
    "barrier",
    "manner",
    "cancer",
    "dinner",
    "disaster",
    "character",
    "register",
    "powder",
    "interior",
    "behavior",
    "behaviour",
    "error",
    "mirror",
    "minister",
];

/// Common participants of news the lexicons leave out.
const DOERS: &[&str] = &[
    "man",
    "woman",
    "boy",
    "girl",
    "child",
    "person",
    "people",
    "host",
    "coach",
    "suspect",
    "victim",
    "family",
    "team",
    "crew",
    "company",
    "firm",
    "vessel",
    "ship",
    "boat",
    "car",
    "truck",
    "plane",
    "aircraft",
    "helicopter",
    "navy",
    "army",
    "police",
    "star",
    "actor",
];

/// Time nouns the time layer's list leaves out.
const OTHER_TIMES: &[&str] = &[
    "season", "night", "day", "time", "period", "moment", "hour", "minute", "era",
];

/// The head token of the span `start..end`: its first token whose head
/// lies outside it.
fn head_of(tokens: &[Token], start: usize, end: usize) -> Option<usize> {
    let lo = tokens.partition_point(|t| t.start < start);
    let hi = tokens.partition_point(|t| t.start < end);
    (lo..hi).find(|&i| {
        tokens[i]
            .syntax
            .as_ref()
            .is_some_and(|s| s.head.map_or(true, |h| h < lo || h >= hi))
    })
}

/// Where a participant's mention starts: the nouns compounded to its head
/// just before it (`surgeon general`, `accounting firm`).
fn mention_start(tokens: &[Token], i: usize) -> usize {
    let mut s = i;
    while s > 0 {
        let prev = tokens[s - 1].syntax.as_ref();
        if prev.is_some_and(|p| {
            p.dep == "compound" && p.head == Some(i) && matches!(&*p.upos, "NOUN" | "PROPN")
        }) {
            s -= 1;
        } else {
            break;
        }
    }
    tokens[s].start
}

impl Record {
    /// The record with the described participants of its events (`the
    /// climber`, `the pirates`) and the extents ECB+ marks its event
    /// mentions with (`pulled over`), read from its article's parsed tokens
    /// (`text` is the article's text); `Record::from(&extraction)` adds
    /// them itself.
    pub fn with_participants(mut self, text: &str, article: &crate::ArticleLayer) -> Record {
        self.add_participants(text, &article.tokens, &article.units());
        self.add_event_extents(text, &article.tokens);
        self
    }

    /// Adds the described participants of the record's events, read from
    /// the article's parsed tokens (none when the syntax layer did not
    /// run). `units` are the spans of the article's units, in text order.
    fn add_participants(&mut self, text: &str, tokens: &[Token], units: &[Span]) {
        // The lemma of each event side that no entity gives, by first use.
        let mut lemmas: BTreeMap<String, usize> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut sides: Vec<(usize, usize, String)> = Vec::new();
        // Event words are not participants (`the attack killed ...`).
        let mut triggers: Vec<(usize, usize)> = self
            .events
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| (m.0, m.1)))
            .collect();
        triggers.sort_unstable();
        let is_trigger = |t: &Token| {
            let k = triggers.partition_point(|m| m.0 < t.end);
            k > 0 && triggers[..k].iter().rev().take(4).any(|m| m.1 > t.start)
        };
        for (ei, e) in self.events.iter().enumerate() {
            for (ai, a) in e.actors.iter().enumerate() {
                let Some(h) = head_of(tokens, a.start, a.end) else {
                    continue;
                };
                let Some(s) = noun(tokens, h) else {
                    continue;
                };
                // A side that names an entity is that entity, unless the
                // name only qualifies the noun (`23 Somali pirates`).
                let t = &tokens[h];
                let lemma = s.lemma.to_lowercase();
                // A title that the parse made the head of the person's
                // name after it (`Prime Minister Mohammed Shia al-Sudani`)
                // is that person too.
                let title = roles_lexicon().phrases.contains_key(lemma.as_str());
                let named = a
                    .entity
                    .and_then(|x| self.entities.get(x))
                    .is_some_and(|x| {
                        x.mentions.iter().any(|m| m.0 < t.end && t.start < m.1)
                            || (title
                                && x.kind == EntityKind::Person
                                && x.mentions.iter().any(|m| m.0 >= t.end && m.1 <= a.end))
                            // The name right after the description's head,
                            // which the event layer took the side to be (`The US
                            // automobile manufacturer Ford`, `the firm's
                            // chief executive officer, Alan Mulally`).
                            || x.mentions.iter().any(|m| {
                                m.0 >= t.end
                                    && text.get(t.end..m.0).is_some_and(|gap| {
                                        gap.len() <= 3 && gap.chars().all(|c| c == ',' || c.is_whitespace())
                                    })
                            })
                    });
                let word = text.get(t.start..t.end).unwrap_or_default();
                if (a.entity.is_some() && named) || is_trigger(t) || !concrete(&lemma, word) {
                    continue;
                }
                if !lemmas.contains_key(&lemma) {
                    lemmas.insert(lemma.clone(), order.len());
                    order.push(lemma.clone());
                }
                sides.push((ei, ai, lemma));
            }
        }
        if order.is_empty() {
            return;
        }
        let base = self.entities.len();
        let mut found: Vec<REntity> = order
            .iter()
            .map(|lemma| REntity {
                kind: if roles_lexicon().phrases.contains_key(lemma.as_str())
                    || crate::figures::lexicon()
                        .nouns
                        .get(lemma.as_str())
                        .is_some_and(|n| n.0 == "person")
                {
                    EntityKind::Person
                } else {
                    EntityKind::Misc
                },
                name: lemma.clone(),
                key: lemma.clone(),
                roles: Vec::new(),
                nationality: None,
                country: None,
                mentions: Vec::new(),
                named: 0,
                described: true,
            })
            .collect();
        // Every mention of each participant's noun in the article.
        for i in 0..tokens.len() {
            let Some(s) = noun(tokens, i) else {
                continue;
            };
            let Some(&p) = lemmas.get(s.lemma.to_lowercase().as_str()) else {
                continue;
            };
            if is_trigger(&tokens[i]) {
                continue;
            }
            let start = mention_start(tokens, i);
            let end = tokens[i].end;
            let unit = units.partition_point(|u| u.end <= start);
            found[p].mentions.push((
                start,
                end,
                text.get(start..end).unwrap_or_default().to_string(),
                MentionForm::Description,
                unit,
            ));
        }
        for (ei, ai, lemma) in sides {
            self.events[ei].actors[ai].entity = Some(base + lemmas[&lemma]);
        }
        self.entities.extend(found);
    }
}
