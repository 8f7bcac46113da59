//! What the corpus keeps of one article: a compact copy of the parts of its
//! extraction that linking reads (entities, events, figures), so that a
//! corpus of many articles does not hold their texts and tokens.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::entities::EntityKind;
use crate::events::{Event, EventClass, Modality, Polarity};
use crate::figures::Figure;
use crate::resolve::{Entity, MentionForm};
use crate::span::OffsetMap;

use super::names;

/// One article as the corpus keeps it, built from the outputs of the
/// earlier layers (the pipeline builds it from an extraction:
/// `Record::from(&extraction)`).
///
/// A record serializes (serde), so that it can travel between processes:
/// workers extract articles and ship their records, one process links
/// them (`dateline.dask.link`, `Corpus` pickled in Python), with the same
/// result as linking in one process. The serialized form belongs to one
/// version of dateline: it is for shipping, not for storing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    /// The article's id (the key articles are sorted by).
    pub(crate) id: String,
    /// Its publication date.
    pub(crate) date: Option<NaiveDate>,
    /// Byte to code-point offsets of its text.
    pub(crate) offsets: OffsetMap,
    /// Its resolved entities, in the article's order.
    pub(crate) entities: Vec<REntity>,
    /// Its events, in text order.
    pub(crate) events: Vec<REvent>,
    /// Where the phrase of a name mention starts when a title, article or
    /// preposition opens it (`Dr.` of `Dr. Regina Benjamin`, `in the` of
    /// `in the Gulf of Aden`), or within the mention after titles ECB+
    /// leaves out (`Ed Stefanski` of `Manager Ed Stefanski`): (mention
    /// start, phrase start), sorted; the extent ECB+ marks (see [`leads`]).
    #[serde(default)]
    pub(crate) leads: Vec<(usize, usize)>,
    /// Where the phrase of a name mention ends when a possessive ending
    /// closes it (`'s` of `Hollywood's`, `'` of `Williams'`): (mention
    /// start, phrase end), sorted; the extent ECB+ marks (see [`tails`]).
    #[serde(default)]
    pub(crate) tails: Vec<(usize, usize)>,
    /// The extent ECB+ marks an event mention with where it is more than
    /// the trigger (`pulled over`, `according to`): (mention start, start,
    /// end), sorted.
    #[serde(default)]
    pub(crate) event_extents: Vec<(usize, usize, usize)>,
}

/// An article's entity, as linking reads it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct REntity {
    pub kind: EntityKind,
    pub name: String,
    /// The normalised name (`mohammed shia al sudani`).
    pub key: String,
    /// Role titles (`Prime Minister`), sorted.
    pub roles: Vec<String>,
    pub nationality: Option<String>,
    pub country: Option<String>,
    /// Every mention: (start, end, text, form, unit).
    pub mentions: Vec<(usize, usize, String, MentionForm, usize)>,
    /// How many of its mentions are names or acronyms.
    pub named: usize,
    /// A described participant (`the climber`), not a resolved entity.
    pub described: bool,
    /// For a described person, the key of the named person of its article
    /// it is (`raj chohan` for `a woman` of an article that tells who she
    /// is).
    #[serde(default)]
    pub person: Option<String>,
}

/// A date the text gives an event: (TIMEX3 value, words, start, end).
pub(crate) type RDate = (String, Option<String>, Option<usize>, Option<usize>);

/// A participant of an article's event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RActor {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Index of the article entity it names.
    pub entity: Option<usize>,
    /// Which side of the event.
    pub side: Side,
}

/// The side of an event an actor is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Side {
    /// Who does it.
    Source,
    /// To whom.
    Target,
}

impl Side {
    /// `source` or `target`.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Source => "source",
            Side::Target => "target",
        }
    }
}

/// An article's event, as linking reads it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct REvent {
    /// The verb it is of (`meet` for `meeting`).
    pub family: String,
    pub class: EventClass,
    pub polarity: Polarity,
    pub modality: Modality,
    /// Every mention: (start, end, text, unit).
    pub mentions: Vec<(usize, usize, String, usize)>,
    pub actors: Vec<RActor>,
    /// Its place.
    pub place: Option<RPlace>,
    /// Its date as the text gives it; `None` when the text gives none (the
    /// publication date is not a date here).
    pub date: Option<RDate>,
    pub figures: Vec<RFigure>,
    /// Its CAMEO code.
    pub code: Option<String>,
}

/// Where an article's event happened.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RPlace {
    pub name: String,
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// How precise: 0 a place below a country, 1 a country, 2 the
    /// article's focus country standing in.
    pub rank: u8,
}

/// A figure counting an event's outcome.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RFigure {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub category: Option<String>,
    pub counted: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
}

impl Record {
    /// The record of an article from its layers' outputs: its id (`None`:
    /// one is made from the text), publication date, text, resolved
    /// entities, events and figures (absent layers: empty lists).
    pub fn new(
        id: Option<&str>,
        date: Option<NaiveDate>,
        text: &str,
        entities: &[Entity],
        events: &[Event],
        figures: &[Figure],
    ) -> Record {
        let id = match id {
            Some(id) => id.to_string(),
            None => format!("text-{:016x}", super::fnv(text.as_bytes())),
        };
        let places = Places::new(entities);
        let events = events
            .iter()
            .map(|e| {
                let mut r = event(e, figures, entities);
                places.refine(&mut r, e, entities);
                r
            })
            .collect();
        let leads = leads(text, entities);
        let tails = tails(text, entities);
        let entities = entities.iter().map(entity).collect();
        Record {
            id,
            date,
            offsets: OffsetMap::new(text),
            entities,
            events,
            leads,
            tails,
            event_extents: Vec::new(),
        }
    }

    /// The article's id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// The name mentions whose phrase opens before the name, as ECB+ marks
/// entities: a person with a doctor's title (`Dr. Regina Benjamin`), a
/// place with its article (`the Gulf of Aden`) or else with the preposition
/// that places something there (`in Queens`, `at Pittsburgh`, `in the
/// Philippines`), an organisation with such a preposition (`at Sam's
/// Club`); a person's mention opening with titles other than honorifics
/// from its name (see `after_titles`). (mention start, phrase start),
/// sorted.
pub(crate) fn leads(text: &str, entities: &[Entity]) -> Vec<(usize, usize)> {
    let lower = |w: &str| w.to_ascii_lowercase();
    // The word before byte `at` when one space parts them: (word, start).
    let word_before = |at: usize| -> Option<(&str, usize)> {
        let head = text.get(..at)?.strip_suffix(' ')?;
        let start = head
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &head[start..];
        (!word.is_empty()).then_some((word, start))
    };
    let mut out = Vec::new();
    for e in entities {
        for m in e.mentions.iter().filter(|m| m.form == MentionForm::Name) {
            if !text
                .get(m.start..)
                .is_some_and(|t| t.starts_with(char::is_uppercase))
            {
                continue;
            }
            let lead = match e.kind {
                // `Dr. Benjamin`, and `Dr . Benjamin` in tokenised text.
                EntityKind::Person => word_before(m.start)
                    .and_then(|(w, s)| {
                        if w == "." {
                            word_before(s)
                        } else {
                            Some((w, s))
                        }
                    })
                    .filter(|(w, _)| matches!(lower(w).as_str(), "dr" | "dr."))
                    .map(|(_, s)| s)
                    .or_else(|| after_titles(text, m.start, m.end)),
                EntityKind::Place | EntityKind::Organisation => {
                    let the = word_before(m.start).filter(|(w, _)| lower(w) == "the");
                    let preposition = |at: usize| {
                        word_before(at)
                            .filter(|(w, _)| PLACING.contains(&lower(w).as_str()))
                            .map(|(_, s)| s)
                    };
                    match (e.kind, the) {
                        (EntityKind::Place, Some((_, s))) => Some(s),
                        (_, Some((_, s))) => preposition(s),
                        (_, None) => preposition(m.start),
                    }
                }
                _ => None,
            };
            if let Some(lead) = lead {
                out.push((m.start, lead));
            }
        }
    }
    out.sort_unstable();
    out.dedup_by_key(|l| l.0);
    out
}

/// Where the phrase ECB+ marks starts in a person's mention that opens
/// with titles other than honorifics (`Manager Ed Stefanski`, `Coach
/// Maurice Cheeks`: ECB+ leaves out `President` 33 times of 35 in its dev
/// and train topics, but keeps `Dr.`, `Ms` and `Mr` 23 times of 26): at
/// the name, or at an honorific after the titles (`Surgeon General Dr.
/// Regina Benjamin` from `Dr.`).
fn after_titles(text: &str, start: usize, end: usize) -> Option<usize> {
    use crate::lexicon::roles::{fold, titles_before, words, HONORIFICS};
    let ws = words(text, crate::span::Span::new(start, end));
    let honorific = |k: usize| {
        HONORIFICS.contains(&fold(text[ws[k].start..ws[k].end].trim_end_matches('.')).as_str())
    };
    if ws.is_empty() || honorific(0) {
        return None;
    }
    // The last word that the titles before it reach from the start.
    let k = (1..ws.len())
        .rev()
        .find(|&k| titles_before(text, start, ws[k].start) == start)?;
    // An honorific among the titles opens the phrase.
    Some(
        (1..k)
            .find(|&h| honorific(h))
            .map_or(ws[k].start, |h| ws[h].start),
    )
}

/// The name mentions whose phrase ends after the name, as ECB+ marks
/// entities (54 of the 73 names before a possessive ending in its dev
/// topics hold it): `Hollywood's`, `Williams'` (not in tokenised text,
/// `Obama 's`, where ECB+ leaves it out), and a president's
/// `administration` (`the Bush administration`).
pub(crate) fn tails(text: &str, entities: &[Entity]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for e in entities {
        for m in e.mentions.iter().filter(|m| m.form == MentionForm::Name) {
            let Some(after) = text.get(m.end..) else {
                continue;
            };
            let ending = ["'s", "’s"]
                .iter()
                .find(|e| after.starts_with(*e))
                .map(|e| e.len())
                .or_else(|| {
                    // `Williams'`: the bare mark after a final s.
                    m.text
                        .ends_with('s')
                        .then(|| {
                            ["'", "’"]
                                .iter()
                                .find(|e| after.starts_with(*e))
                                .map(|e| e.len())
                        })
                        .flatten()
                });
            // `the Obama administration`: ECB+ marks the government with
            // its president's name (8 of 8 in its dev and train topics).
            let ending = ending.or_else(|| {
                (e.kind == EntityKind::Person)
                    .then(|| {
                        let w = " administration";
                        after
                            .get(..w.len())
                            .is_some_and(|a| a.eq_ignore_ascii_case(w))
                            .then_some(w.len())
                    })
                    .flatten()
            });
            let Some(len) = ending else {
                continue;
            };
            let end = m.end + len;
            // The ending closes the word (`'s` of `Sam's`, not `'st`).
            if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            out.push((m.start, end));
        }
    }
    out.sort_unstable();
    out.dedup_by_key(|t| t.0);
    out
}

/// Prepositions that place an event (`in Queens`). Not `on` or `from`,
/// which ECB+ leaves out of the phrase more often than it keeps them (`on
/// ABC`, `on Mount Cook`, `from Perth`: 23 to 9 in its dev and train
/// topics).
const PLACING: &[&str] = &["in", "at", "near"];

fn entity(e: &Entity) -> REntity {
    let mut roles: Vec<String> = e.roles.iter().map(|r| r.title.clone()).collect();
    roles.sort();
    roles.dedup();
    REntity {
        kind: e.kind,
        name: e.name.clone(),
        key: names::key(&e.name),
        roles,
        nationality: e.nationality.clone(),
        country: e.country.clone(),
        mentions: e
            .mentions
            .iter()
            .map(|m| (m.start, m.end, m.text.clone(), m.form, m.unit))
            .collect(),
        named: e.names().count(),
        described: false,
        person: None,
    }
}

fn event(e: &Event, figures: &[Figure], entities: &[Entity]) -> REvent {
    let actor = |side: Side| {
        move |a: &crate::events::Actor| RActor {
            text: a.text.clone(),
            start: a.start,
            end: a.end,
            entity: a.entity,
            side,
        }
    };
    let mut actors: Vec<RActor> = e.source.iter().map(actor(Side::Source)).collect();
    actors.extend(e.target.iter().map(actor(Side::Target)));
    REvent {
        family: crate::events::family(e),
        class: e.class,
        polarity: e.polarity,
        modality: e.modality,
        mentions: e
            .mentions
            .iter()
            .map(|m| (m.start, m.end, m.text.clone(), m.unit))
            .collect(),
        actors,
        place: e.place.as_ref().map(|p| RPlace {
            name: p.name.clone(),
            start: p.start,
            end: p.end,
            rank: if p.focus_country {
                2
            } else if p
                .entity
                .and_then(|i| entities.get(i))
                .is_some_and(|x| x.subtype.as_deref() != Some("country"))
            {
                0
            } else {
                1
            },
        }),
        date: e
            .date
            .as_ref()
            .filter(|d| !d.published)
            .map(|d| (d.value.clone(), d.text.clone(), d.start, d.end)),
        figures: e
            .figures
            .iter()
            .filter_map(|&i| figures.get(i))
            .map(|f| RFigure {
                text: f.text.clone(),
                start: f.start,
                end: f.end,
                value: f.value,
                low: f.low,
                high: f.high,
                unit: f.unit.clone(),
                category: f.category.clone(),
                counted: f.counted.clone(),
                source: f.source.clone(),
                date: f.date.clone(),
            })
            .collect(),
        code: e.code.as_ref().map(|c| c.cameo.clone()),
    }
}

/// The names of places below a country (cities, regions, facilities) by
/// position, to find where an event happened when the event layer gave a
/// place inside one of its actors (`US` of `US Secretary of State Antony
/// Blinken in Baghdad`) or only the article's focus country.
struct Places {
    /// (unit, start, end, entity), in text order.
    names: Vec<(usize, usize, usize, usize)>,
}

impl Places {
    fn new(entities: &[Entity]) -> Places {
        let mut names: Vec<(usize, usize, usize, usize)> = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.kind == EntityKind::Place && e.subtype.as_deref().is_some_and(|s| s != "country")
            })
            .flat_map(|(i, e)| {
                e.mentions
                    .iter()
                    .filter(|m| m.form == MentionForm::Name)
                    .map(move |m| (m.unit, m.start, m.end, i))
            })
            .collect();
        names.sort_unstable();
        Places { names }
    }

    /// Gives `r` the place named in its sentence outside its actors, the
    /// first after the trigger (else the last before it), when the event
    /// layer's place is a focus country, lies inside an actor, or is absent
    /// for an event with actors.
    fn refine(&self, r: &mut REvent, e: &Event, entities: &[Entity]) {
        let inside_actor = |s: usize| r.actors.iter().any(|a| a.start <= s && s < a.end);
        let weak = match &e.place {
            None => !r.actors.is_empty(),
            Some(p) => p.focus_country || p.start.is_some_and(inside_actor),
        };
        if !weak {
            return;
        }
        let lo = self.names.partition_point(|n| n.0 < e.unit);
        let hi = self.names.partition_point(|n| n.0 <= e.unit);
        let here: Vec<&(usize, usize, usize, usize)> = self.names[lo..hi]
            .iter()
            .filter(|n| !inside_actor(n.1))
            .collect();
        let pick = here
            .iter()
            .find(|n| n.1 >= e.start)
            .or_else(|| here.iter().rev().find(|n| n.1 < e.start));
        if let Some(&&(_, start, end, i)) = pick {
            let ent = &entities[i];
            let name = ent
                .place
                .as_ref()
                .map_or(ent.name.clone(), |p| p.name.clone());
            r.place = Some(RPlace {
                name,
                start: Some(start),
                end: Some(end),
                rank: 0,
            });
        }
    }
}

impl Record {
    /// The same record under another id.
    pub fn with_id(mut self, id: impl Into<String>) -> Record {
        self.id = id.into();
        self
    }

    /// A hash of what the record holds, to order records of one id.
    pub(crate) fn fingerprint(&self) -> u64 {
        let mut s = String::new();
        for e in &self.entities {
            s.push_str(&e.key);
            s.push('|');
        }
        for e in &self.events {
            if let Some(m) = e.mentions.first() {
                s.push_str(&format!("{}:{}|", m.0, m.2));
            }
        }
        super::fnv(s.as_bytes())
    }
}
