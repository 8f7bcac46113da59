//! Titles inside a person's mention: `CEO Steve Jobs` is the name `Steve
//! Jobs` with the title as its descriptor, and the body before the title
//! (`Apple Computer CEO Steve Jobs`) a name of its own.

use super::tagger::Unit;
use super::{mention, EntityKind, Mention};
use crate::lexicon::{EntryKind, Lexicon, PlaceKind};
use crate::span::Span;

/// `CEO Steve Jobs`, `Apple Computer CEO Steve Jobs` tagged as one person:
/// the name is `Steve Jobs`, the title its descriptor, and the body before
/// the title a name of its own (`Apple Computer`).
pub(super) fn split_titles(
    text: &str,
    u: &Unit,
    lex: &Lexicon,
    ui: usize,
    first: usize,
    out: &mut Vec<Mention>,
) {
    let mut bodies = Vec::new();
    let unit_start = u.words.first().map_or(0, |w| w.span.start);
    // This unit's names (a title before a mention lies within its unit).
    let spans: Vec<Span> = out[first..]
        .iter()
        .map(|m| Span::new(m.start, m.end))
        .collect();
    for m in out[first..].iter_mut() {
        if m.kind == EntityKind::Person && m.start == m.name_start && general_company(text, m) {
            continue;
        }
        if m.kind != EntityKind::Person || m.start != m.name_start || !m.text.contains(' ') {
            continue;
        }
        let words: Vec<Span> = u
            .words
            .iter()
            .map(|w| w.span)
            .filter(|w| w.start >= m.start && w.end <= m.end)
            .collect();
        // The name starts after the longest run of titles (`Prime Minister
        // Boris Johnson`, `Chrysler Chief Executive Robert Nardelli`), and
        // is more than a generational suffix (`Martin Luther King Jr.`).
        let Some((k, begin)) = (1..words.len()).rev().find_map(|k| {
            if !crate::lexicon::roles::may_end_title(words[k - 1].slice(text)) {
                return None;
            }
            let mut begin = crate::lexicon::roles::titles_before(text, m.start, words[k].start);
            if begin == words[k].start {
                // A title that begins before the mention (`Chancellor of
                // the` before `Exchequer Gordon Brown`), up to any other
                // name before it (`British`).
                let outside =
                    crate::lexicon::roles::titles_before(text, unit_start, words[k].start);
                let after_names = spans
                    .iter()
                    .filter(|s| s.end <= m.start && s.end > outside)
                    .map(|s| s.end)
                    .max()
                    .unwrap_or(outside);
                begin = u
                    .words
                    .iter()
                    .map(|w| w.span.start)
                    .find(|&w| w >= after_names)
                    .filter(|&w| w < m.start)
                    .unwrap_or(begin);
            }
            let name = &words[k..];
            (begin < words[k].start
                && name
                    .iter()
                    .all(|w| w.slice(text).starts_with(char::is_uppercase))
                && !name
                    .iter()
                    .all(|w| GENERATIONS.contains(&w.slice(text).trim_end_matches('.'))))
            .then_some((k, begin))
        }) else {
            continue;
        };
        // Honorifics and a sovereign's titles stay: `Mr Biden`, `Pope
        // Francis` are the names as written.
        if begin <= m.start && KEPT_TITLES.contains(&words[0].slice(text)) {
            continue;
        }
        // The title began before the mention: the mention takes it in, as
        // the descriptor of the name (`Chancellor of the Exchequer Gordon
        // Brown`, whose name is `Gordon Brown`).
        if begin < m.start {
            m.start = begin;
            m.name_start = words[k].start;
            m.text = text[m.start..m.end].to_string();
            continue;
        }
        // The body before the title (`Apple Computer`, `Texas`) is a name
        // of its own when it is one: a name of the lexicon, or two
        // capitalised words or more with no title among them (not
        // `Deputy`, `Former`).
        let body: Vec<Span> = words.iter().copied().filter(|w| w.end < begin).collect();
        let body_kind = body.last().and_then(|last| {
            let name = &text[m.start..last.end];
            lexicon_kind(lex, name).or_else(|| {
                (body.len() >= 2
                    && body.iter().all(|w| {
                        let w = w.slice(text);
                        w.starts_with(char::is_uppercase)
                            && !crate::lexicon::roles::may_end_title(w)
                    }))
                .then_some(EntityKind::Organisation)
            })
        });
        if begin > m.start && body_kind.is_none() {
            // Words before the titles that are no name: leave the mention.
            continue;
        }
        m.name_start = words[k].start;
        if let (Some(kind), Some(last)) = (body_kind, body.last()) {
            let span = Span::new(m.start, last.end);
            bodies.push(mention(text, span, kind, m.confidence, ui));
            m.start = begin;
        }
        m.text = text[m.start..m.end].to_string();
    }
    out.extend(bodies);
}

/// The first words of the offices of a state or province, lower case:
/// a division's name before them is the place (`Texas Governor`,
/// `Ontario Premier`, `Ohio Attorney General`, `Florida Sen.`).
const STATE_OFFICES: &[&str] = &[
    "governor",
    "gov",
    "lieutenant",
    "lt",
    "premier",
    "senator",
    "sen",
    "attorney",
    "secretary",
    "treasurer",
    "comptroller",
    "auditor",
    "representative",
    "rep",
    "congressman",
    "congresswoman",
    "assemblyman",
    "assemblywoman",
    "lawmaker",
    "legislator",
    "commissioner",
    "minister",
    "chief",
    "justice",
    "judge",
];

/// The kind the lexicon's first reading of `name` gives a mention: a
/// place, a group or an organisation; none for another entry or none.
fn lexicon_kind(lex: &Lexicon, name: &str) -> Option<EntityKind> {
    match lex.lookup(name).first() {
        Some(EntryKind::Country(_) | EntryKind::Place(_)) => Some(EntityKind::Place),
        Some(EntryKind::Demonym(_) | EntryKind::Group(_)) => Some(EntityKind::Group),
        Some(EntryKind::Organisation(_)) => Some(EntityKind::Organisation),
        _ => None,
    }
}

/// A name tagged with the first words of a title that a person's name
/// ends (`New York Attorney` of `New York Attorney General Eliot Spitzer`,
/// tagged as an organisation and a person): the name ends before the
/// title (`New York`, a place when the lexicon says so), or is none when
/// the title is all of it; the title is then the person's descriptor. A
/// name standing just before the office of a state (see
/// [`STATE_OFFICES`]) that the tagger read as an organisation is a place
/// when the lexicon knows it as a first-level division.
pub(super) fn cut_bodies_at_titles(
    text: &str,
    u: &Unit,
    lex: &Lexicon,
    first: usize,
    out: &mut Vec<Mention>,
) {
    let unit_start = u.words.first().map_or(0, |w| w.span.start);
    let mut cuts = Vec::new();
    let mut places = Vec::new();
    for m in &out[first..] {
        if m.kind != EntityKind::Person {
            continue;
        }
        let title = crate::lexicon::roles::titles_before(text, unit_start, m.name_start);
        if title == m.name_start {
            continue;
        }
        // The mention the title starts in, ending before the person's.
        let body = out[first..]
            .iter()
            .position(|o| o.start < title && title < o.end && o.end <= m.start);
        if let Some(j) = body {
            cuts.push((first + j, title));
        }
        // The name just before a state's office, tagged as an
        // organisation, that the lexicon knows as a state or province
        // (`Texas` of `Texas Governor Greg Abbott`): the place whose office
        // it is (not before a coach's: `Alabama Coach Nick Saban` is the
        // team's).
        let office = text[title..m.name_start]
            .split_whitespace()
            .next()
            .is_some_and(|w| {
                STATE_OFFICES.contains(&w.trim_end_matches('.').to_lowercase().as_str())
            });
        let before = office
            .then(|| {
                out[first..].iter().position(|o| {
                    o.kind == EntityKind::Organisation
                        && o.end <= title
                        && text[o.end..title].trim().is_empty()
                })
            })
            .flatten();
        if let Some(j) = before {
            places.push(first + j);
        }
    }
    for j in places {
        let o = &mut out[j];
        // A first-level division only: a city's name is a body's as often
        // (`Police Chief`: Police is a town in Poland); a country read as
        // an organisation is a place already (`lexicon_match::refine`).
        let division = matches!(
            lex.lookup(&o.text).first(),
            Some(EntryKind::Place(i)) if lex.places[*i as usize].kind == PlaceKind::Region
        );
        if division {
            o.kind = EntityKind::Place;
            o.subtype = None;
        }
    }
    let mut dropped = Vec::new();
    for (j, title) in cuts {
        let o = &mut out[j];
        let end = u
            .words
            .iter()
            .map(|w| w.span.end)
            .filter(|&e| e > o.start && e <= title)
            .max();
        let Some(end) = end.filter(|&e| text[o.start..e].starts_with(char::is_uppercase)) else {
            dropped.push(j);
            continue;
        };
        o.end = end;
        o.name_end = o.name_end.min(end);
        o.name_start = o.name_start.min(end);
        o.text = text[o.start..end].to_string();
        if let Some(kind) = lexicon_kind(lex, &o.text) {
            o.kind = kind;
            o.subtype = None;
        }
    }
    dropped.sort_unstable();
    dropped.dedup();
    for j in dropped.into_iter().rev() {
        out.remove(j);
    }
}

/// `General Electric`, `General Mills` tagged as a person (`Electric`, or
/// `General Electric` whole): made the company it is. True when it did.
fn general_company(text: &str, m: &mut Mention) -> bool {
    const GENERAL: &str = "General ";
    let name = m.text.strip_prefix(GENERAL).unwrap_or(&m.text);
    if !COMPANIES_AFTER_GENERAL.contains(&name) {
        return false;
    }
    let start = if m.text.starts_with(GENERAL) {
        m.start
    } else if text[..m.start].ends_with(GENERAL) {
        m.start - GENERAL.len()
    } else {
        return false;
    };
    // Not `Attorney General Mills`: there `General` ends a title.
    let before = text[..start].trim_end();
    let word_before = before.rsplit(|c: char| !c.is_alphanumeric()).next();
    if word_before.is_some_and(|w| RANKS_BEFORE_GENERAL.contains(&w)) {
        return false;
    }
    m.kind = EntityKind::Organisation;
    m.start = start;
    m.name_start = start;
    m.text = text[start..m.end].to_string();
    true
}

/// Words that make `X General` a title (`Attorney General`, `Major General`).
const RANKS_BEFORE_GENERAL: &[&str] = &[
    "Attorney",
    "Solicitor",
    "Secretary",
    "Inspector",
    "Surgeon",
    "Director",
    "Governor",
    "Postmaster",
    "Adjutant",
    "Consul",
    "Major",
    "Lieutenant",
    "Brigadier",
    "Judge",
    "Advocate",
];

/// Words that make `General X` a company or a body (`General Electric`,
/// `General Assembly`), where `General Petraeus` is a general.
const COMPANIES_AFTER_GENERAL: &[&str] = &[
    "Electric",
    "Mills",
    "Motors",
    "Dynamics",
    "Foods",
    "Atomics",
    "Assembly",
    "Instrument",
    "Instruments",
    "Accounting",
    "Services",
    "Insurance",
    "Accident",
    "Chemical",
    "Chemicals",
    "Cable",
    "Growth",
    "Hospital",
    "Council",
    "Staff",
    "Secretariat",
];

/// Generational suffixes, which are no name alone.
const GENERATIONS: &[&str] = &["Jr", "Sr", "II", "III", "IV"];

/// Honorifics and a sovereign's titles that stay part of the name the
/// tagger read (`Mr Biden`, `Sayyed Hassan Nasrallah`, `Pope Francis`).
const KEPT_TITLES: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady",
    "Sayyed", "Sayyid", "Sheikh", "Sheik", "King", "Queen", "Prince", "Princess", "Pope",
    "Emperor", "Empress", "Sultan", "Emir", "Crown",
];
