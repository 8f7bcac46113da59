//! The event layer: every event the text states or reports, with its class,
//! tense, aspect, polarity and modality.
//!
//! **Reads** the syntax layer's parse (triggers and the words around them)
//! and the quote layer's statements (an event inside a statement is
//! reported by it). **Adds** [`Event`]s in text order: verbal, nominal and
//! adjectival (`met`, `meeting`, `was dead`), each with its TimeML class,
//! tense and aspect, polarity (`did not attack`) and modality (asserted,
//! future, planned, hypothetical, conditional, reported), and the statement
//! that reports it; its sides, place, date and figures; mentions of one
//! happening folded into one event. **Sits** after quotes, resolve and
//! figures, last in the pipeline. Every step is linear in the words of the
//! article.
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

mod anchors;
pub(crate) mod cameo;
mod lexicon;
mod merge;
mod modality;
mod participants;
mod sport;
mod tree;
mod triggers;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::figures::Figure;
use crate::quotes::Quote;
use crate::resolve::{Entity, FocusCountry};
use crate::syntax::Syntax;
use crate::time::Timex;

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

/// One side of an event: a participant as written, and who it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The participant's phrase as written (`Hamas fighters`, `the Lebanon-Israel border`).
    pub text: String,
    /// First byte of the phrase.
    pub start: usize,
    /// One past the last byte of the phrase.
    pub end: usize,
    /// Index in the extraction's `entities` of the entity it names, when
    /// the resolve layer ran and one covers its head word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
    /// The CAMEO actor code (`USAGOV`, `IRQGOV`, `ISRMIL`, `CVL`), when the
    /// actor dictionaries or the entity's roles and country give one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What gave the code: the dictionary phrase that matched (`SECRETARY
    /// OF STATE`), or the entity's role or country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_entry: Option<String>,
}

/// The CAMEO quad class of an event code: verbal or material, cooperation
/// or conflict (roots 01-05, 06-09, 10-14, 15-20).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quad {
    /// Statements, appeals, intentions, consultations, diplomatic
    /// cooperation (roots 01-05).
    VerbalCooperation,
    /// Material cooperation, aid, yielding, investigation (roots 06-09).
    MaterialCooperation,
    /// Demands, disapproval, rejection, threats, protest (roots 10-14).
    VerbalConflict,
    /// Posture, reduced relations, coercion, assault, fighting, mass
    /// violence (roots 15-20).
    MaterialConflict,
}

impl Quad {
    /// The quad class of a CAMEO code, from its two-digit root.
    pub fn of(cameo: &str) -> Option<Quad> {
        let root: u32 = cameo.get(..2)?.parse().ok()?;
        Some(match root {
            1..=5 => Quad::VerbalCooperation,
            6..=9 => Quad::MaterialCooperation,
            10..=14 => Quad::VerbalConflict,
            15..=20 => Quad::MaterialConflict,
            _ => return None,
        })
    }

    /// The name in the output (`verbal_cooperation`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            Quad::VerbalCooperation => "verbal_cooperation",
            Quad::MaterialCooperation => "material_cooperation",
            Quad::VerbalConflict => "verbal_conflict",
            Quad::MaterialConflict => "material_conflict",
        }
    }
}

/// The code of an interaction between actors: CAMEO and PLOVER, with the
/// dictionary entry that gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCode {
    /// The CAMEO event code (`042`, `0874`, `190`).
    pub cameo: String,
    /// Its two-digit root (`04`).
    pub root: String,
    /// Its quad class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quad: Option<Quad>,
    /// The CAMEO description of the code (`Make a visit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The PLOVER event type (`CONSULT`, `ASSAULT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// The PLOVER mode, where the code gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover_mode: Option<String>,
    /// The verb dictionary's pattern or block that fired, as written in
    /// PETRARCH2's dictionary (`- * WITH + [040]`), the evidence for the code.
    pub pattern: String,
    /// What the target does to the source in return, where the dictionary
    /// pairs the code (`[042:043]`: a visit is hosted, `[046:046]`:
    /// negotiations go both ways): the CAMEO code of the reverse event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paired: Option<String>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    /// The place's canonical name (`Baghdad`, `Iraq`).
    pub name: String,
    /// First byte of the mention that gives it (absent for a focus country).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// One past the last byte of that mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// Index in the extraction's `entities` of the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
    /// ISO 3166 code of its country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Latitude, when the place is on the map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, when the place is on the map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// True when no place of the event's sentence was found and the
    /// article's first focus country stands in.
    pub focus_country: bool,
}

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// The TIMEX3 value (`2023-11-05`, `2023-11-05TEV`, `2023-W45`).
    pub value: String,
    /// The time expression as written (absent for the publication date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// First byte of the expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// One past the last byte of the expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// Index in the extraction's `timex` of the expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timex: Option<usize>,
    /// True when the text gives no date for the event and the publication
    /// date stands in.
    pub published: bool,
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
    /// Who does it: the subject, a passive's agent, a noun's possessor or
    /// `by` phrase; every conjunct (`Israel and Egypt`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<Actor>,
    /// To whom or what: the object, a passive's subject, the noun of a
    /// `with`, `on`, `against`, `to` (a noun's `of`) phrase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target: Vec<Actor>,
    /// Whether the sources act on each other (`Iran and Saudi Arabia
    /// restored diplomatic ties`, `Russia and Ukraine clashed`): `target`
    /// then holds the sources again, each one's first target the next.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reciprocal: bool,
    /// Where it happened (for events with a side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<EventPlace>,
    /// When it happened (for events with a side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<EventDate>,
    /// Indices in the extraction's `figures` of the figures that count its
    /// outcome (`killed four civilians`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<usize>,
    /// The CAMEO and PLOVER code, for an interaction the verb dictionary
    /// codes (`met` → `040`-`046`, `killed` → `18x`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<EventCode>,
}

/// What the event layer reads: the outputs of earlier layers.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Inputs<'a> {
    /// The quote layer's statements.
    pub quotes: &'a [Quote],
    /// The resolve layer's entities.
    pub entities: &'a [Entity],
    /// The resolve layer's focus countries.
    pub focus: &'a [FocusCountry],
    /// The time layer's expressions.
    pub timex: &'a [Timex],
    /// The figure layer's figures.
    pub figures: &'a [Figure],
    /// The publication date.
    pub published: Option<NaiveDate>,
    /// A user's actor dictionary over the shipped ones (`None`: the
    /// shipped dictionaries only).
    pub actors: Option<&'a cameo::ActorCoder>,
}

/// The events of `text`, from its parse and the outputs of earlier layers.
pub(crate) fn extract(text: &str, syntax: &Syntax, inputs: &Inputs<'_>) -> Vec<Event> {
    let lex = lexicon::lexicon();
    let tree = Tree::new(&syntax.words);
    let mut reports = Reports::new(inputs.quotes);
    let figures = FigureIndex::new(inputs.figures);
    let anchors = anchors::Anchors::new(
        text,
        &tree,
        inputs.entities,
        inputs.focus,
        inputs.timex,
        inputs.published,
    );
    let coder = inputs
        .actors
        .unwrap_or_else(|| cameo::ActorCoder::shipped());
    let codes = cameo::ArticleCodes::new(coder, inputs.published);
    let code_actor = |a: &mut Actor, wide: &str, per_country: bool| {
        code_actor(a, wide, per_country, inputs, &codes)
    };
    let mut verbs = cameo::Coder::new(text, syntax, &tree);
    // A contest in sports copy is no event between actors.
    let sporting = sport::sports_copy(&tree, lex);
    let found = triggers::find(&tree, lex);
    let mut is_event = vec![false; tree.words.len()];
    for t in &found {
        is_event[t.word] = true;
    }
    // Verbs that claim an event (`attacks claimed by`): no act of their own.
    let mut claiming = vec![false; tree.words.len()];
    for t in found.iter().filter(|t| t.pos == EventPos::Noun) {
        if let Some((verb, _)) = participants::claim_of(&tree, t.word) {
            claiming[verb] = true;
        }
    }
    let mut last_place: Option<(usize, EventPlace)> = None;
    let events = found
        .into_iter()
        .map(|t| {
            let w = &syntax.words[t.word];
            let mood = modality::mood(&tree, lex, t.word, t.pos);
            let reported_by = reports.holding(w.start, w.end);
            // An event claimed by who did it (`attacks claimed by the
            // Islamic Resistance in Iraq`) is reported by the claim.
            let claimed =
                t.pos == EventPos::Noun && participants::claim_of(&tree, t.word).is_some();
            let modality = match (mood.modality, reported_by) {
                (Modality::Asserted, Some(_)) => Modality::Reported,
                (Modality::Asserted, None) if claimed => Modality::Reported,
                (m, _) => m,
            };
            let trigger = text.get(w.start..w.end).unwrap_or_default().to_string();
            let mut sides = participants::sides(&tree, t.word, t.pos, &is_event);
            // The claim of an event is no act of its own: the event it
            // claims carries the claimant as its source.
            let claims_event = claiming[t.word];
            let contest = sporting && lex.contest.contains(tree.lemma(t.word));
            let verb_code = match t.pos {
                EventPos::Verb if claims_event => None,
                EventPos::Verb => verbs.code_verb(t.word),
                EventPos::Noun => verbs.code_noun(t.word),
                EventPos::Adjective => None,
            };
            // The object as parsed, before a pattern names the target.
            let parsed_target = sides.target.clone();
            if let Some(vc) = &verb_code {
                // The dictionary's pattern names its sides where it has them.
                if let Some(tw) = vc.target {
                    sides.target = vec![tw];
                }
                if let Some(sw) = vc.source {
                    sides.source = vec![sw];
                }
                if vc.passive {
                    std::mem::swap(&mut sides.source, &mut sides.target);
                }
            }
            // A date is no participant (`agreed on Tuesday`).
            let dated = |h: &usize| anchors.word_timex.get(*h).is_some_and(Option::is_some);
            sides.source.retain(|h| !dated(h));
            sides.target.retain(|h| !dated(h));
            // The object as the parse gives it, whose counted noun is the
            // event's figure (`carried out dozens of air strikes against`)
            // when a promoted actor takes its place.
            let object = sides.target.clone();
            if verb_code.is_some() && t.class != EventClass::Reporting {
                let is_actor = |w: usize| {
                    anchors.word_entity.get(w).is_some_and(Option::is_some)
                        || (tree.words[w].upos == "PRON" && tree.words[w].dep != "expl")
                        || codes.knows(
                            text.get(syntax.words[w].start..syntax.words[w].end)
                                .unwrap_or_default(),
                        )
                };
                // Where one travels to is the side of a visit (`arrived in
                // Tehran`), of nothing else (`studied in Britain`).
                let travel = verb_code
                    .as_ref()
                    .is_some_and(|vc| vc.code.starts_with("04"));
                // Whom one meets is who is met, not where (`met Israeli
                // officials in Cairo`); what one visits is where it is
                // (`visited slums in Nairobi`).
                let meeting = travel
                    && verb_code.as_ref().is_some_and(|vc| {
                        !["042", "043", "044"].iter().any(|c| vc.code.starts_with(c))
                    });
                // An act that is someone's (`condemned Israel's attack on
                // Gaza`, `the Iranian missile strikes on Israel`) is done
                // to whose act it is, also where a pattern named a word
                // inside the act (`- * ATTACK ON +`): a country, a group or
                // a person, not an agent word (`artillery shells`) nor a
                // side against or for (`anti-French protests`).
                let owner = |h: usize| {
                    let named = |w: usize| {
                        let word = text
                            .get(syntax.words[w].start..syntax.words[w].end)
                            .unwrap_or_default();
                        let lower = word.to_ascii_lowercase();
                        is_actor(w)
                            && !codes.agent_only(word)
                            && !["anti-", "pro-", "non-"]
                                .iter()
                                .any(|p| lower.starts_with(p))
                    };
                    is_event[h].then(|| whose(&tree, &named, h)).flatten()
                };
                if let ([o], [tw]) = (&parsed_target[..], &sides.target[..]) {
                    if tw != o && tree.reaches(*tw, *o) {
                        if let Some(w) = owner(*o) {
                            sides.target = vec![w];
                        }
                    }
                }
                let promoted: Vec<usize> = sides
                    .target
                    .iter()
                    .map(|&h| {
                        if is_actor(h) {
                            h
                        } else {
                            owner(h)
                                .unwrap_or_else(|| promote(&tree, &is_actor, t.word, h, meeting))
                        }
                    })
                    .collect();
                if promoted != sides.target {
                    // A promoted actor brings its conjuncts (`ties with
                    // Mordor, Rohan and Bree`), names of a name (not `ties
                    // with Qatar, officials said`).
                    let name = |w: usize| tree.words[w].upos == "PROPN";
                    sides.target = promoted
                        .iter()
                        .flat_map(|&h| {
                            participants::conjuncts(&tree, h)
                                .into_iter()
                                .filter(move |&c| c == h || !name(h) || name(c))
                        })
                        .collect();
                }
                let mut seen = std::collections::HashSet::new();
                sides.target.retain(|h| seen.insert(*h));
                if sides.target.is_empty() && t.pos == EventPos::Verb {
                    sides
                        .target
                        .extend(verb_phrases(&tree, &is_actor, t.word, t.word, travel));
                }
            }
            // Each actor with the text to code it by, and whether that text
            // names one of several countries of one agent.
            let actors = |heads: &[usize]| -> (Vec<Actor>, Vec<(String, bool)>) {
                let (mut actors, wide): (Vec<Actor>, Vec<(String, bool)>) = heads
                    .iter()
                    .flat_map(|&h| {
                        let (a, wide) = actor(text, &tree, &anchors, h);
                        let whose = if verb_code.is_some() {
                            agents_of(text, &tree, &codes, h)
                        } else {
                            Vec::new()
                        };
                        if whose.is_empty() {
                            vec![(a, (wide.to_string(), false))]
                        } else {
                            whose.into_iter().map(|w| (a.clone(), (w, true))).collect()
                        }
                    })
                    .unzip();
                // Built one by one: without this, room for four each.
                actors.shrink_to_fit();
                (actors, wide)
            };
            let (mut source, source_wide) = actors(&sides.source);
            let (mut target, target_wide) = actors(&sides.target);
            let code = verb_code.filter(|_| !source.is_empty() || !target.is_empty());
            if code.is_some() {
                source
                    .iter_mut()
                    .zip(source_wide)
                    .chain(target.iter_mut().zip(target_wide))
                    .for_each(|(a, (wide, per_country))| code_actor(a, &wide, per_country));
            }
            // A contest in sports copy is no event between actors
            // (`Chelsea beat Barcelona`), unless a side is a government,
            // an army or another political actor (`the first minister met
            // supporters' representatives`).
            let political = |a: &Actor| a.code.as_deref().is_some_and(political_code);
            // Force done to a record or a forecast is a figure of speech
            // (`the rupee has hit a five-year high`, `beat profit forecasts`).
            // Force done to a law, a burden or a statement is no act
            // between actors (`Airlines have attacked the legislation`,
            // `the SEC was imposing an unfair burden`): targets all
            // abstract nouns, none of them an actor; but a pattern may code
            // by the abstract noun itself (`- * CONTROL [192]`, `extended
            // their control`). Read only for a code of force.
            let all_targets = |f: &dyn Fn(usize) -> bool| {
                !sides.target.is_empty() && sides.target.iter().all(|&h| f(h))
            };
            let figurative = || all_targets(&|h| lex.figurative.contains(tree.lemma(h)));
            let abstract_target = || {
                !target
                    .iter()
                    .any(|a| a.code.is_some() || a.entity.is_some())
                    && all_targets(&|h| {
                        tree.words[h].upos == "NOUN" && lex.abstract_nouns.contains(tree.lemma(h))
                    })
            };
            let code = code
                .filter(|vc| {
                    let force = Quad::of(&vc.code) == Some(Quad::MaterialConflict);
                    let pattern = vc.pattern.starts_with("- ");
                    !(force && (figurative() || (!pattern && abstract_target())))
                })
                .filter(|_| !contest || source.iter().chain(&target).any(political))
                .filter(|vc| interaction(&vc.code, &source, &target))
                .map(|vc| event_code(vc.code, vc.pattern, vc.paired));
            // Two actors acting on each other (`Iran and Saudi Arabia
            // restored diplomatic ties`, `Russia and Ukraine clashed`):
            // each one's target is the other.
            let reciprocal = code
                .as_ref()
                .is_some_and(|c| mutual_act(lex, &tree, c, t.word, &sides, &source, &target));
            let has_side = !source.is_empty() || !target.is_empty();
            // A sentence that places an event nowhere goes on where the
            // one before it was (`Blinken's visit to Turkey ... He will
            // meet his Turkish counterpart`), else the focus country.
            let place = has_side
                .then(|| {
                    let here = anchors.place(&tree, t.word, &sides.target);
                    if let Some(p) = &here {
                        last_place = Some((w.sentence, p.clone()));
                    }
                    here.or_else(|| {
                        last_place
                            .as_ref()
                            .filter(|(s, _)| w.sentence <= s + 1)
                            .map(|(_, p)| p.clone())
                    })
                    .or_else(|| anchors.focus_place())
                })
                .flatten();
            let date = has_side.then(|| anchors.date(&tree, t.word)).flatten();
            let counted = {
                let mut f = figures.of(w.start, &target);
                if object != sides.target {
                    let object: Vec<Actor> = object
                        .iter()
                        .map(|&h| actor(text, &tree, &anchors, h).0)
                        .collect();
                    f.extend(figures.of(w.start, &object));
                    f.sort_unstable();
                    f.dedup();
                }
                f
            };
            // Each actor's target is the others, the next one first.
            let target = if reciprocal {
                let mut others = source.clone();
                others.rotate_left(1);
                others
            } else {
                target
            };
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
                figures: counted,
                reciprocal,
                source,
                target,
                place,
                date,
                code,
            }
        })
        .collect();
    let events = fold_support_verbs(events, &tree, lex);
    merge::merge(events, family)
}

/// A coded verb that says only that its object takes place (the `support`
/// line of `data/events.tsv`) and the coded event noun it takes as its
/// object, named by the verb's pattern (`made an unexpected visit`: `- * VISIT`, `held
/// talks`, `issued a warning`, `launched an attack`), are one event, not
/// two rows: the noun's, which other mentions of the happening fold into
/// (`the visit`, `his tour`), with the verb's mention, its tense, modality
/// and source (an aspectual verb's class is not kept: `began a visit` is
/// the visit). The code is the verb's pattern's, but for `make`, which
/// says nothing of its own (PETRARCH's MAKE block has no code): `made a
/// visit` is the visit's 042, not the 036 the pattern gives.
fn fold_support_verbs(events: Vec<Event>, tree: &Tree<'_>, lex: &lexicon::Lexicon) -> Vec<Event> {
    let words = tree.words;
    let word_at = |start: usize| words.binary_search_by_key(&start, |w| w.start).ok();
    let coded_at: std::collections::HashMap<usize, usize> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.code.is_some())
        .map(|(i, e)| (e.start, i))
        .collect();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut paired = vec![false; events.len()];
    for (n, e) in events.iter().enumerate() {
        if e.pos != EventPos::Noun || e.code.is_none() {
            continue;
        }
        let Some((h, "obj")) = word_at(e.start).and_then(|w| tree.head(w)) else {
            continue;
        };
        let Some(&v) = coded_at.get(&words[h].start) else {
            continue;
        };
        let verb = &events[v];
        let named = |p: &str| {
            p.split(|c: char| !c.is_ascii_alphabetic())
                .any(|x| x.eq_ignore_ascii_case(&e.text) || x.eq_ignore_ascii_case(&e.lemma))
        };
        if verb.pos == EventPos::Verb
            && lex.support.contains(verb.lemma.as_str())
            && verb.polarity == e.polarity
            && verb.code.as_ref().is_some_and(|c| named(&c.pattern))
            && !paired[v]
        {
            paired[v] = true;
            pairs.push((n, v));
        }
    }
    if pairs.is_empty() {
        return events;
    }
    let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
    for (n, v) in pairs {
        let Some(verb) = slots[v].take() else {
            continue;
        };
        let Some(noun) = slots[n].as_mut() else {
            continue;
        };
        // The noun's own mention stays first: the event's trigger.
        noun.mentions.extend(verb.mentions);
        (noun.tense, noun.aspect, noun.modality) = (verb.tense, verb.aspect, verb.modality);
        noun.reported_by = noun.reported_by.or(verb.reported_by);
        if verb.lemma != "make" {
            noun.code = verb.code;
        }
        if !verb.source.is_empty() {
            noun.source = verb.source;
        }
        // The verb's object is the noun's own phrase (`issued a warning`,
        // `its third profits warning`): no side.
        let noun_word = word_at(noun.start);
        let target: Vec<Actor> = verb
            .target
            .into_iter()
            .filter(|a| {
                let inside = word_at(a.start)
                    .zip(noun_word)
                    .is_some_and(|(k, h)| tree.reaches(k, h));
                !(inside || (a.start <= noun.start && noun.start < a.end))
            })
            .collect();
        if !target.is_empty() && (noun.target.is_empty() || (verb.reciprocal && !noun.reciprocal)) {
            noun.target = target;
            noun.reciprocal = verb.reciprocal;
        }
        // A place or date from the text over the focus country or the
        // publication date that stand in for them.
        let stand_in = |p: &Option<EventPlace>| p.as_ref().map_or(true, |p| p.focus_country);
        if stand_in(&noun.place) && !stand_in(&verb.place) || noun.place.is_none() {
            noun.place = verb.place.or(noun.place.take());
        }
        let published = |d: &Option<EventDate>| d.as_ref().map_or(true, |d| d.published);
        if published(&noun.date) && !published(&verb.date) || noun.date.is_none() {
            noun.date = verb.date.or(noun.date.take());
        }
        if noun.figures.is_empty() {
            noun.figures = verb.figures;
        }
    }
    slots.into_iter().flatten().collect()
}

/// Whether a CAMEO actor code names a political actor: a government, an
/// army, police, a party, rebels, an international or non-governmental
/// organisation (`GBRGOV`, `ISRMIL`, `IGOUNO`), not a country alone, a
/// business or people (`ESP`, `BUS`, `CVL`).
fn political_code(code: &str) -> bool {
    const SECTORS: &[&str] = &[
        "GOV", "MIL", "LEG", "JUD", "ELI", "OPP", "PTY", "COP", "REB", "SPY", "INS", "UAF", "IGO",
        "NGO",
    ];
    code.as_bytes()
        .chunks(3)
        .any(|c| SECTORS.iter().any(|s| s.as_bytes() == c))
}

/// The verb an event is of: a verb's lemma, or the verb a noun names
/// (`meeting` → `meet`, `discussion` → `discuss`, `agreement` → `agree`):
/// the event-noun table's, else by its suffix.
pub(crate) fn family(e: &Event) -> String {
    if e.pos != EventPos::Noun {
        return e.lemma.clone();
    }
    if let Some(verb) = cameo::event_noun(&e.lemma).and_then(|n| n.verb) {
        return verb.to_string();
    }
    for suffix in ["ing", "ion", "ment", "al"] {
        if let Some(stem) = e.lemma.strip_suffix(suffix).filter(|s| s.len() >= 3) {
            return stem.to_string();
        }
    }
    e.lemma.clone()
}

/// Whether an actor is one: coded, or an entity.
fn known(a: &Actor) -> bool {
    a.code.is_some() || a.entity.is_some()
}

/// Whether a coded verb's sides make an interaction between actors: a
/// source that is an actor (coded or an entity), and a target unless the
/// source alone is coded and the act is one of conflict or a statement
/// (`Hezbollah warned`, `militants attacked`): cooperation is always with
/// someone, a target or another source (`Jordan's king studied in Britain`
/// investigates no one).
fn interaction(cameo: &str, source: &[Actor], target: &[Actor]) -> bool {
    let coded = |a: &Actor| a.code.is_some();
    let alone = match Quad::of(cameo) {
        Some(Quad::VerbalCooperation) => cameo::root(cameo) == "01",
        Some(Quad::MaterialCooperation) => false,
        _ => true,
    };
    // Two actors on one side act with each other (`Turkey and Iraq agree`).
    let together = source.iter().filter(|a| known(a)).count() >= 2;
    source.iter().any(known)
        && (target.iter().any(known) || together || (alone && source.iter().any(coded)))
}

/// Whether a coded act is one two actors do to each other: two different
/// actors as its sources, none as its target, and an act between sides by
/// its verb (`met`, `clashed`, `exchanged`), its noun (`talks`) or what it
/// is done to (`restored diplomatic ties`, `agreed a truce`, `each other`).
/// Not a statement or an appeal (`Iran and Iraq said`, `called for calm`)
/// and not a visit (`Blinken and Austin visited`), made to others.
fn mutual_act(
    lex: &lexicon::Lexicon,
    tree: &Tree<'_>,
    code: &EventCode,
    trigger: usize,
    heads: &participants::Sides,
    source: &[Actor],
    target: &[Actor],
) -> bool {
    if matches!(code.root.as_str(), "01" | "02")
        || ["042", "043"].iter().any(|c| code.cameo.starts_with(c))
        || target.iter().any(known)
    {
        return false;
    }
    let mut sides: Vec<(Option<usize>, Option<&str>)> = source
        .iter()
        .filter(|a| known(a))
        .map(|a| {
            (
                a.entity,
                a.entity.is_none().then_some(a.code.as_deref()).flatten(),
            )
        })
        .collect();
    sides.sort_unstable();
    sides.dedup();
    if sides.len() < 2 {
        return false;
    }
    // The actors are one subject's conjuncts (`Iran and Saudi Arabia`), of
    // the verb or of the verb whose object the noun is (`reached a deal`):
    // not two clauses' subjects, nor the names in a subject (`talks between
    // Arafat and Peres came close`).
    let Some(&first) = heads.source.first() else {
        return false;
    };
    let conjoined = participants::conjuncts(tree, first);
    let verb = match tree.head(trigger) {
        Some((h, "obj")) if tree.words[trigger].upos == "NOUN" => h,
        _ if tree.words[trigger].upos == "NOUN" => return false,
        _ => trigger,
    };
    if tree.head(first) != Some((verb, "nsubj"))
        || !heads.source.iter().all(|h| conjoined.contains(h))
    {
        return false;
    }
    let lemma = tree.lemma(trigger);
    // Done with no one else (`held talks`, not `held talks with the
    // London market`), by a verb that is one (not `would be the fifth
    // telecoms deal`, parsed as a verb).
    let with_other = |h: usize| {
        tree.children(h).iter().any(|&c| {
            let dep = tree.words[c].dep.as_ref();
            dep == "cop"
                || ((dep.starts_with("nmod") || dep.starts_with("obl"))
                    && participants::has_case(tree, c, &["with"]))
        })
    };
    if with_other(verb) || with_other(trigger) {
        return false;
    }
    let mutual = |h: usize| lex.mutual.contains(tree.lemma(h)) && !with_other(h);
    // `each other`, `one another`.
    let each_other = |h: usize| matches!(tree.lemma(h), "other" | "another");
    // What it is done to is a bond between them (`restored ties`), each
    // other, or, for an exchange, its object (`exchanged prisoners`); not
    // anything else (`fight terrorism`), nor someone it is done with (`held
    // talks with the London market`).
    let reciprocal_verb = lex.reciprocal.contains(lemma);
    let exchange = lex.exchange.contains(lemma);
    let objects_fit = heads.target.iter().all(|&h| {
        mutual(h) || each_other(h) || (exchange && tree.head(h) == Some((trigger, "obj")))
    });
    objects_fit && (reciprocal_verb || mutual(trigger) || heads.target.iter().any(|&h| mutual(h)))
}

/// The code of an interaction from the dictionary's code and pattern.
fn event_code(cameo: String, pattern: String, paired: Option<String>) -> EventCode {
    let plover = cameo::plover(&cameo);
    EventCode {
        root: cameo::root(&cameo).to_string(),
        quad: Quad::of(&cameo),
        description: cameo::describe(&cameo).map(str::to_string),
        plover: plover.as_ref().map(|p| p.kind.to_string()),
        plover_mode: plover.and_then(|p| p.mode.map(str::to_string)),
        pattern,
        cameo,
        paired,
    }
}

/// Gives an actor its CAMEO code: from its phrase (`Israeli troops` →
/// `ISRMIL`), else from its entity's name, else from the entity's roles
/// (`He` → Antony Blinken → `Secretary of State` of the `United States` →
/// `USAGOV`). A phrase that names only an agent (`Soldiers`: `MIL`) takes
/// its country from the words around it that the actor's text leaves out
/// (`Soldiers from Gondor`: `GONMIL`).
/// With `per_country`, `wider` is one country's text of an agent named for
/// several (`Jordan ambassadors` of `The ambassadors of Egypt, Jordan and
/// Qatar`) and codes it first.
fn code_actor(
    a: &mut Actor,
    wider: &str,
    per_country: bool,
    inputs: &Inputs<'_>,
    codes: &cameo::ArticleCodes<'_>,
) {
    let mut found = if per_country {
        codes.code(wider)
    } else {
        codes.code(&a.text)
    };
    if found.as_ref().is_some_and(|c| c.agent_only) && wider.len() > a.text.len() {
        if let Some(c) = codes.code(wider).filter(|c| !c.agent_only) {
            found = Some(c);
        }
    }
    let mut found = found.map(|c| (c.code, c.entry));
    if let Some(e) = a.entity.and_then(|e| inputs.entities.get(e)) {
        if found.is_none() {
            found = codes.code(&e.name).map(|c| (c.code, c.entry));
        }
        // The phrase's own code (`Turkish`: TUR) stands unless a role
        // refines it (TUR → TURGOV).
        let own = found.as_ref().map(|(code, _)| code.clone());
        for role in &e.roles {
            if found.as_ref().is_some_and(|(code, _)| code.len() > 3) {
                break;
            }
            let body = role.of.as_deref().unwrap_or_default();
            let phrase = format!("{body} {}", role.title);
            if let Some(c) = codes.code(&phrase) {
                let refines = own
                    .as_ref()
                    .map_or(true, |o| c.code.starts_with(o.as_str()));
                if refines
                    && found
                        .as_ref()
                        .map_or(true, |(code, _)| c.code.len() > code.len())
                {
                    found = Some((c.code, format!("role: {}", phrase.trim())));
                }
            }
        }
    }
    // An organisation whose name places it (`the Islamic Resistance in
    // Iraq`) is of that country, whatever country a shorter dictionary name
    // inside it gives (`the islamic resistance`: Hezbollah, LBNREB).
    if let (Some(e), Some((code, entry))) =
        (a.entity.and_then(|e| inputs.entities.get(e)), &mut found)
    {
        if let Some(own) = named_country(e, codes) {
            if code.len() > 3
                && code
                    .get(..3)
                    .is_some_and(|c| c != own && country_codes().contains(c))
            {
                *code = format!("{own}{}", &code[3..]);
                *entry = format!("{entry}; country from the name: {own}");
            }
        }
    }
    if let Some((code, entry)) = found {
        a.code = Some(code);
        a.code_entry = Some(entry);
    }
}

/// The CAMEO code of the country an organisation's name ends with (`...
/// in Iraq`: `IRQ`), when it is the organisation's country.
fn named_country(e: &Entity, codes: &cameo::ArticleCodes<'_>) -> Option<String> {
    if e.kind != crate::entities::EntityKind::Organisation {
        return None;
    }
    let country = crate::lexicon::lexicon().country(e.country.as_deref()?)?;
    let suffix = format!(" in {}", country.name);
    if !e.name.ends_with(&suffix) {
        return None;
    }
    codes
        .code(&country.name)
        .map(|c| c.code)
        .filter(|c| c.len() == 3)
}

/// The CAMEO codes of the countries (`IRQ`, `LBN`): each country of the
/// lexicon coded by its name with the shipped dictionaries, once.
fn country_codes() -> &'static std::collections::HashSet<String, foldhash::fast::FixedState> {
    static CODES: std::sync::OnceLock<
        std::collections::HashSet<String, foldhash::fast::FixedState>,
    > = std::sync::OnceLock::new();
    CODES.get_or_init(|| {
        let coder = cameo::ActorCoder::shipped();
        crate::lexicon::lexicon()
            .countries
            .iter()
            .filter_map(|c| coder.code(&c.name, None))
            .map(|c| c.code)
            .filter(|c| c.len() == 3)
            .collect()
    })
}

/// An agent named for several countries at once (`The ambassadors of
/// Arnor, Osgiliath and Gondor`, `Lawmakers in Fornost and Gondor`), or
/// anyone named with two nationalities or more (`French and German
/// leaders`): one
/// text to code per country (`Arnor ambassadors`, ...), each of which
/// codes the actor headed by `h` for one of them. Empty otherwise.
fn agents_of(
    text: &str,
    tree: &Tree<'_>,
    codes: &cameo::ArticleCodes<'_>,
    h: usize,
) -> Vec<String> {
    let word = |w: usize| {
        text.get(tree.words[w].start..tree.words[w].end)
            .unwrap_or_default()
    };
    // `French and German leaders`, `Eriadori and Calenardhon leaders`:
    // one per conjoined capitalised modifier that codes as an actor of its
    // own (not `Russian President Vladimir Putin`: two modifiers, no
    // conjunction).
    let capital = |w: usize| word(w).starts_with(|c: char| c.is_uppercase());
    let nationality = |w: usize| capital(w) && codes.code(word(w)).is_some_and(|c| !c.agent_only);
    let conjoined = tree
        .children(h)
        .iter()
        .copied()
        .filter(|&c| c < h && matches!(tree.words[c].dep.as_ref(), "amod" | "compound"))
        .map(|a| {
            std::iter::once(a)
                .chain(
                    tree.children(a)
                        .iter()
                        .copied()
                        .filter(|&k| k < h && tree.words[k].dep == "conj"),
                )
                .collect::<Vec<usize>>()
        })
        .find(|group| group.len() >= 2 && group.iter().all(|&w| nationality(w)));
    if let Some(group) = conjoined {
        return group
            .into_iter()
            .map(|w| format!("{} {}", word(w), word(h)))
            .collect();
    }
    // `US troops in Iraq and Syria` are the US's: a country before the
    // agent word names whose they are, not the places after it.
    let own_country = tree.children(h).iter().any(|&c| {
        c < h && matches!(tree.words[c].dep.as_ref(), "amod" | "compound") && nationality(c)
    });
    if own_country || !codes.agent_only(word(h)) {
        return Vec::new();
    }
    let whose = tree.children(h).iter().copied().find(|&c| {
        tree.words[c].dep == "nmod" && participants::has_case(tree, c, &["of", "in", "from"])
    });
    let Some(n) = whose else { return Vec::new() };
    // `of Egypt, Jordan and Qatar`: the parser may take `Jordan` for an
    // apposition of `Egypt` and hang `Qatar` from it.
    let mut countries = participants::conjuncts(tree, n);
    let appositions: Vec<usize> = countries
        .iter()
        .flat_map(|&c| tree.children(c).iter().copied())
        .filter(|&c| tree.words[c].dep == "appos" && tree.words[c].upos == "PROPN")
        .collect();
    for a in appositions {
        countries.extend(participants::conjuncts(tree, a));
    }
    countries.sort_unstable();
    countries.dedup();
    if countries.len() < 2 {
        return Vec::new();
    }
    countries
        .into_iter()
        .map(|c| {
            let (lo, hi) = participants::phrase(tree, c, |_| true);
            let name: Vec<&str> = (lo..=hi)
                .filter(|&w| tree.words[w].upos == "PROPN")
                .map(word)
                .collect();
            format!("{} {}", name.join(" "), word(h))
        })
        .collect()
}

/// Where a side's head names no actor (`restore ties with Gondor`,
/// `presented credentials to Ithilen's president`, `cordoned off the roads
/// leading into Mordor`), the actor the phrase is about: the first word
/// in its subtree (breadth first, in word order) that is an actor, else
/// the first of the verb's other prepositional phrases that is one. Keeps
/// `h` when there is none (`promised aid`), and keeps a meeting's object
/// (`meeting`): who was met is the side, not where (`met Israeli officials
/// in Cairo`, `will meet French and German leaders during a visit to
/// Paris`).
fn promote(
    tree: &Tree<'_>,
    is_actor: &impl Fn(usize) -> bool,
    verb: usize,
    h: usize,
    meeting: bool,
) -> usize {
    if is_actor(h) {
        return h;
    }
    let object = meeting && tree.head(h) == Some((verb, "obj"));
    // Of a met object, not where it is (`officials in Cairo`).
    let placed = |r: usize| {
        let mut w = r;
        while w != h {
            if participants::has_case(tree, w, WHERE_CASES) {
                return true;
            }
            match tree.head(w) {
                Some((up, _)) => w = up,
                None => return false,
            }
        }
        false
    };
    in_subtree(tree, is_actor, h)
        .filter(|&r| !(object && placed(r)))
        .or_else(|| {
            (!object)
                .then(|| verb_phrases(tree, is_actor, verb, h, true))
                .flatten()
        })
        .unwrap_or(h)
}

/// Whose act noun `h` is: the first actor in word order among its
/// possessors and nationalities and those of its modifiers (`condemned
/// Israel's attack on Gaza`, `the Iranian missile strikes on Israel`:
/// `Iranian` hangs on `missile`). What is done to an act is done to whose
/// act it is, as PETRARCH reads the first actor of the phrase. Never a
/// pronoun, nor a name compounded with the act or its modifiers (`the Iraq
/// war`).
fn whose(tree: &Tree<'_>, is_actor: &impl Fn(usize) -> bool, h: usize) -> Option<usize> {
    let mut left = vec![h];
    let mut found: Option<usize> = None;
    while let Some(w) = left.pop() {
        for &c in tree.children(w) {
            let modifier = matches!(
                tree.words[c].dep.as_ref(),
                "nmod:poss" | "amod" | "compound"
            );
            if c > h || !modifier || tree.words[c].upos == "PRON" {
                continue;
            }
            // A name compounded with the act says where as often as whose
            // (`the Iraq war`, `the London conference`): not an owner.
            if !is_actor(c) {
                left.push(c);
            } else if tree.words[c].dep != "compound" {
                found = Some(found.map_or(c, |x| x.min(c)));
            }
        }
    }
    found
}

/// The first actor below word `h`, breadth first in word order, but for
/// pronouns.
fn in_subtree(tree: &Tree<'_>, is_actor: &impl Fn(usize) -> bool, h: usize) -> Option<usize> {
    let mut queue = std::collections::VecDeque::from([h]);
    while let Some(w) = queue.pop_front() {
        if w != h && is_actor(w) && tree.words[w].upos != "PRON" {
            return Some(w);
        }
        // Not into a relative clause, a clause of its own, a modifier of
        // the noun (`artillery shells`: no actor) or a phrase of when (`the
        // island after a coup in Gondor`).
        queue.extend(tree.children(w).iter().copied().filter(|&c| {
            !participants::has_case(tree, c, WHEN_CASES)
                && !matches!(
                    tree.words[c].dep.as_ref(),
                    "acl:relcl"
                        | "ccomp"
                        | "parataxis"
                        | "appos"
                        | "nmod:poss"
                        | "compound"
                        | "amod"
                        | "nummod"
                        | "det"
                )
        }));
    }
    None
}

/// Prepositions of a phrase that says only where an event happened.
const WHERE_CASES: &[&str] = &[
    "in",
    "near",
    "across",
    "outside",
    "inside",
    "along",
    "throughout",
    "around",
];

/// Prepositions of a phrase that says when an event happened, against
/// something else that happened: whoever takes part in that is no side of
/// this one (`restored ties after talks in Beijing`, `fled before the
/// attack by Umbar`).
const WHEN_CASES: &[&str] = &[
    "after",
    "before",
    "during",
    "since",
    "until",
    "till",
    "following",
    // `following` as a preposition, lemmatised.
    "follow",
    "amid",
    "ahead",
];

/// Whether phrase `c` of `verb` says before or after whom rather than when:
/// `went after the companies`, `will go before the House of Commons`,
/// `speaking before the commission`.
fn in_front(tree: &Tree<'_>, verb: usize, c: usize) -> bool {
    let lemma = tree.lemma(verb);
    let after = ["go", "come", "run", "chase"];
    let before = ["go", "come", "appear", "speak", "testify", "stand", "bring"];
    (after.contains(&lemma) && participants::has_case(tree, c, &["after"]))
        || (before.contains(&lemma) && participants::has_case(tree, c, &["before"]))
}

/// Conjunctions a parser may take for a phrase's preposition.
const CLAUSE_CASES: &[&str] = &[
    "while", "whereas", "although", "though", "because", "if", "unless",
];

/// The first actor in a prepositional phrase of `verb` other than `not`
/// (`departed from Libya`, `fired shells at Seoul`; an active verb's `by`
/// phrase the parser took for an agent: `condemned an attack by Osgiliath
/// soldiers`), never in a phrase of when it happened; with `places` false,
/// not in a phrase of where it happened either.
fn verb_phrases(
    tree: &Tree<'_>,
    is_actor: &impl Fn(usize) -> bool,
    verb: usize,
    not: usize,
    places: bool,
) -> Option<usize> {
    let active = tree.child(verb, &["obj"]).is_some();
    tree.children(verb)
        .iter()
        .copied()
        .filter(|&c| {
            c != not && (tree.words[c].dep == "obl" || (active && tree.words[c].dep == "obl:agent"))
        })
        // Where it happened is no side (`studied in Britain`, `fighting
        // across Syria`).
        .filter(|&c| places || !participants::has_case(tree, c, WHERE_CASES))
        .filter(|&c| !participants::has_case(tree, c, WHEN_CASES) || in_front(tree, verb, c))
        // A subject the parser hung on the verb with its clause's
        // conjunction as a preposition (`meet X, while Iran ... are on the
        // agenda`) opens another clause.
        .filter(|&c| !participants::has_case(tree, c, CLAUSE_CASES))
        .find_map(|c| {
            if is_actor(c) {
                Some(c)
            } else {
                in_subtree(tree, is_actor, c)
            }
        })
}

/// The actor whose head is word `h`: its phrase and entity, and the
/// phrase's wider text (places and origins kept) to code it by.
fn actor<'t>(
    text: &'t str,
    tree: &Tree<'_>,
    anchors: &anchors::Anchors<'_>,
    h: usize,
) -> (Actor, &'t str) {
    let entity = |w: usize| anchors.word_entity.get(w).copied().flatten();
    let time = |w: usize| anchors.word_timex.get(w).is_some_and(Option::is_some);
    // The phrase ends at a date (`the camp on Tuesday`), at a phrase of
    // when (`the island after a coup`) and at a place that is not part of
    // the name (`Mr Blinken in Baghdad`).
    let stop = |c: usize| {
        time(c)
            || participants::has_case(tree, c, WHEN_CASES)
            || (participants::has_case(tree, c, participants::PLACE_CASES)
                && (entity(c).is_none() || entity(c) != entity(h)))
    };
    let (lo, mut hi) = participants::phrase(tree, h, stop);
    // A name the parser split into sibling subjects (`Mr` and `Blinken`
    // both `nsubj` of `arrived`; `Turkish` and `President Erdogan`, with
    // `President` hanging from `Erdogan`) is one actor.
    let w = &tree.words;
    let sibling = |k: usize| {
        // `k` or a name word it hangs from, two steps up at most.
        let mut k = k;
        for _ in 0..3 {
            if w[k].head == w[h].head && w[k].dep == w[h].dep {
                return Some(k);
            }
            match w[k].head {
                Some(up) if up > k && w[up].upos == "PROPN" => k = up,
                _ => return None,
            }
        }
        None
    };
    while hi + 1 < w.len() && w[hi].upos == "PROPN" && w[hi + 1].upos == "PROPN" {
        let Some(k) = sibling(hi + 1) else { break };
        hi = participants::phrase(tree, k, |_| false).1.max(k);
    }
    // A name the parser left outside a subject it describes, between the
    // description and the verb (`American automobile manufacturer Chrysler
    // LLC has said`, `Ford Motor Company CEO Alan Mulally has reported`,
    // `A third US car manufacturer, Ford Motor Company, has said`): the
    // phrase runs to the verb and the actor is the name's entity.
    let mut beside = None;
    if w[h].dep.starts_with("nsubj") {
        let kind = |e: usize| anchors.kind(e);
        let mut k = hi + 1;
        let mut last = None;
        // A name of a few words at most: the look is bounded per actor.
        while k < w.len() && k <= hi + 12 && w[k].sentence == w[h].sentence {
            let e = entity(k);
            let named = e.is_some_and(|e| {
                matches!(
                    kind(e),
                    crate::entities::EntityKind::Person | crate::entities::EntityKind::Organisation
                )
            });
            if named && matches!(&*w[k].upos, "PROPN" | "NOUN" | "ADV" | "X") {
                last = Some(k);
                beside = e;
            } else if text.get(w[k].start..w[k].end) != Some(",") || (last.is_none() && k != hi + 1)
            {
                break;
            }
            k += 1;
        }
        let verb_next = k < w.len() && matches!(&*w[k].upos, "AUX" | "VERB");
        let fits = beside.is_some_and(|b| {
            kind(b) == crate::entities::EntityKind::Person
                || entity(h).map_or(true, |e| kind(e) != crate::entities::EntityKind::Person)
        });
        match last {
            Some(l) if verb_next && fits => hi = l,
            _ => beside = None,
        }
    }
    let (mut start, mut end) = (tree.words[lo].start, tree.words[hi].end);
    // A name the head word is part of is whole, whatever the parser hung
    // its other words on (`Human Rights Watch`, `Downing Street` and
    // `Prince Philip`, not `Watch`, `Street` and `Prince`).
    // Not when the words it adds make a clause of their own (`The prime
    // minister ridiculed the Tory`, `Do They Know It`): a name the entity
    // layer ran on too far.
    if let Some((ms, me)) = anchors.word_mention.get(h).copied().flatten() {
        let (mut a, mut b) = (lo, hi);
        while a > 0 && w[a - 1].start >= ms && w[a - 1].sentence == w[h].sentence {
            a -= 1;
        }
        while b + 1 < w.len() && w[b + 1].end <= me && w[b + 1].sentence == w[h].sentence {
            b += 1;
        }
        // A capitalised verb is a word of the name (`Downing Street`).
        let capital = |k: usize| {
            text.get(w[k].start..)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_uppercase)
        };
        let clause_word = |k: usize| match &*w[k].upos {
            "SCONJ" | "PRON" => true,
            "VERB" | "AUX" => !capital(k),
            _ => false,
        };
        if !(a..lo).chain(hi + 1..=b).any(clause_word) {
            start = start.min(w[a].start);
            end = end.max(w[b].end);
        }
    }
    // The same phrase with its places and origins (`Soldiers from Gondor`),
    // which say whose an agent is.
    let (wlo, whi) = participants::phrase(tree, h, time);
    let wstart = tree.words[wlo.min(lo)].start.min(start);
    let wend = tree.words[whi.max(hi)].end.max(end);
    let actor = Actor {
        text: text.get(start..end).unwrap_or_default().to_string(),
        start,
        end,
        entity: beside.or_else(|| anchors.actor_entity(tree, lo, hi, h)),
        code: None,
        code_entry: None,
    };
    (actor, text.get(wstart..wend).unwrap_or_default())
}

/// The figures of an article indexed by trigger and by counted noun, so
/// that an event finds its own without reading them all.
struct FigureIndex {
    /// (trigger start, figure), sorted.
    by_trigger: Vec<(usize, usize)>,
    /// (counted noun start, figure), sorted.
    by_counted: Vec<(usize, usize)>,
}

impl FigureIndex {
    fn new(figures: &[Figure]) -> FigureIndex {
        let index = |at: fn(&Figure) -> Option<usize>| {
            let mut v: Vec<(usize, usize)> = figures
                .iter()
                .enumerate()
                .filter_map(|(i, f)| at(f).map(|s| (s, i)))
                .collect();
            v.sort_unstable();
            v
        };
        FigureIndex {
            by_trigger: index(|f| f.trigger_start),
            by_counted: index(|f| f.counted_start),
        }
    }

    /// The figures whose trigger is the event's (`killed` of `killed four
    /// civilians`) or whose counted noun lies in its target, in order.
    fn of(&self, trigger: usize, target: &[Actor]) -> Vec<usize> {
        let range = |v: &[(usize, usize)], lo: usize, hi: usize| {
            let a = v.partition_point(|&(s, _)| s < lo);
            let b = v.partition_point(|&(s, _)| s < hi);
            v[a..b].iter().map(|&(_, i)| i).collect::<Vec<_>>()
        };
        let mut out = range(&self.by_trigger, trigger, trigger + 1);
        for a in target {
            out.extend(range(&self.by_counted, a.start, a.end));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
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
