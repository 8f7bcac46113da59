//! The phrase convention of GUM ([`super::Extent::Phrases`]): each name as
//! the referring expression it heads (`the United States`, `President
//! Trump's`), names nested in longer names, and people named as a plural
//! group (`Afghans`).

use std::collections::{HashMap, HashSet};

use crate::entities::{EntityKind, Mention};
use crate::lexicon::{lexicon, EntryKind, LexMatch, PlaceKind};

use super::layers::EntitySpan;
use super::noun_phrase::phrase_extent;

/// What makes two names one: for places, the country the lexicon reads
/// them as (`US`, `U.S.`, `United States`); else the name itself.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) enum NameKey<'a> {
    Country(u16),
    Text(&'a str),
}

pub(super) fn name_key(name: &str, kind: EntityKind) -> NameKey<'_> {
    match lexicon().lookup(name).first() {
        Some(EntryKind::Country(c)) if kind == EntityKind::Place => NameKey::Country(*c),
        _ => NameKey::Text(name),
    }
}

/// The subtype of a group named as people (`Afghans`, `the Muslims`),
/// which mention corpora mark as persons.
pub(super) const PEOPLE: &str = "people";

/// The population from which a city of the gazetteer inside a longer name
/// counts as a nested place (`Mexico` in `Mexico City`): smaller towns share
/// their names with common words (`University`, `Union`).
pub(super) const NESTED_CITY_POPULATION: u64 = 100_000;

/// Words the gazetteer knows as regions or big cities (`Southern`, `Gulf`,
/// `Delta`, `Mobile`) that inside a longer name are common words
/// (`Southern Indiana`, `the Gulf of Mexico`, `the Niger Delta`).
pub(super) const GENERIC_PLACE_WORDS: &[&str] = &[
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Gulf",
    "Lake",
    "Centre",
    "Center",
    "Coast",
    "Plateau",
    "Maritime",
    "Delta",
    "Mobile",
    "Surprise",
    "Bay",
    "Island",
    "Islands",
    "River",
    "Valley",
    "Mountain",
    "Highlands",
    "Capital",
    "Union",
    "University",
    "Republic",
    "Victory",
    "Liberty",
    "Independence",
    "Enterprise",
];

/// One `entities` item in the phrase convention.
pub(super) struct PhraseItem {
    pub(super) start: usize,
    pub(super) end: usize,
    /// A name inside a longer name.
    pub(super) nested: bool,
    pub(super) kind: EntityKind,
    pub(super) subtype: Option<String>,
    pub(super) confidence: f32,
}

/// The `entities` items of the phrase convention ([`Extent::Phrases`]):
/// every person, organisation, place and other name as the noun phrase it
/// heads; groups named in the plural as people (`Afghans`); and the names
/// nested in a longer name: places of the gazetteer (`Mexico` in `Mexico
/// City`, `United States` in `the United States Navy`) and names the
/// article uses on their own for something else (`Andy Warhol` in `the Andy
/// Warhol Foundation`; not `Labour` in `Labour Party` when the two are one
/// entity).
pub(super) fn phrase_items(
    text: &str,
    mentions: &[Mention],
    entities: Option<&[crate::resolve::Entity]>,
) -> Vec<PhraseItem> {
    // The entity each name span belongs to.
    let mut entity_of: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, e) in entities.unwrap_or_default().iter().enumerate() {
        for m in &e.mentions {
            entity_of.insert((m.start, m.end), i);
        }
    }
    let entity = |m: &Mention| {
        entity_of
            .get(&(m.name_start, m.name_end))
            .or_else(|| entity_of.get(&(m.start, m.end)))
            .copied()
    };
    // Distinct names of the article, with their kind and entity.
    let mut names: Vec<Name<'_>> = Vec::new();
    for m in mentions {
        let name = &text[m.name_start..m.name_end];
        if matches!(
            m.kind,
            EntityKind::Person | EntityKind::Organisation | EntityKind::Place
        ) && !names.iter().any(|(n, ..)| *n == name)
        {
            names.push((name, m.kind, entity(m)));
        }
    }
    let sports = sports_article(text);
    // A country in a match report is a national side where its sentence
    // reports play (`Sweden defeated South Korea 1 – 0`), not where a
    // thing happens (`in Russia`); and so are the other mentions of those
    // sides outside places of play (`Sweden's first victory`, `a third
    // goal for Belgium`).
    let country = |m: &Mention| {
        sports
            && m.kind == EntityKind::Place
            && m.subtype.as_deref() == Some("country")
            && !in_hyphenated_word(text, m)
            && !locative(text, m.start)
    };
    let key = |m: &Mention| name_key(&text[m.name_start..m.name_end], EntityKind::Place);
    let plays: Vec<bool> = mentions
        .iter()
        .map(|m| country(m) && match_sentence(text, m.start, m.end))
        .collect();
    let sides: HashSet<NameKey<'_>> = mentions
        .iter()
        .zip(&plays)
        .filter(|(_, &p)| p)
        .map(|(m, _)| key(m))
        .collect();
    let mut out: Vec<PhraseItem> = Vec::new();
    let mut found = Vec::new();
    for (m, &plays) in mentions.iter().zip(&plays) {
        if in_hyphenated_word(text, m) {
            continue;
        }
        let side = plays || (country(m) && sides.contains(&key(m)));
        let (kind, subtype) = phrase_kind(text, m, side);
        let (s, e) = phrase_extent(text, mentions, kind, subtype.as_deref(), m.start, m.end);
        out.push(PhraseItem {
            start: s,
            end: e,
            nested: false,
            kind,
            subtype,
            confidence: m.confidence,
        });
        // A person's name holds no other name; groups are not phrases.
        if matches!(kind, EntityKind::Group | EntityKind::Person)
            || !text[m.start..m.end].contains(' ')
        {
            continue;
        }
        let mut inner = nested_places(text, m, &mut found);
        inner.extend(nested_names(text, m, kind, entity(m), &names, &found));
        for (start, end, kind) in inner {
            if (start, end) != (m.name_start, m.name_end) && (start, end) != (m.start, m.end) {
                out.push(PhraseItem {
                    start,
                    end,
                    nested: true,
                    kind,
                    subtype: None,
                    confidence: m.confidence,
                });
            }
        }
    }
    out.sort_by_key(|p| (p.start, p.end));
    out.dedup_by(|a, b| (a.start, a.end, a.kind) == (b.start, b.end, b.kind));
    out
}

/// A distinct name of the article: its text, kind and entity.
type Name<'a> = (&'a str, EntityKind, Option<usize>);

/// A name inside a hyphenated word (`pro-Beijing`, `Iran-backed`) is no
/// noun phrase of its own.
fn in_hyphenated_word(text: &str, m: &Mention) -> bool {
    let before = text[..m.start].trim_end_matches('-');
    let hyphen_before = before.len() < m.start && before.ends_with(char::is_alphanumeric);
    let hyphen_after = text[m.end..]
        .strip_prefix('-')
        .is_some_and(|r| r.starts_with(char::is_alphabetic));
    hyphen_before || hyphen_after
}

/// The kind and subtype of a mention's phrase: a group named in the plural
/// is people; a country that is a national `side` is the side.
fn phrase_kind(text: &str, m: &Mention, side: bool) -> (EntityKind, Option<String>) {
    match m.kind {
        EntityKind::Group if plural_group(&text[m.name_start..m.name_end]) => {
            (EntityKind::Person, Some(PEOPLE.to_string()))
        }
        EntityKind::Place if side => (EntityKind::Organisation, Some(TEAM.to_string())),
        k => (k, m.subtype.clone()),
    }
}

/// Places of the gazetteer inside the name, also where a longer name of
/// the gazetteer hides them (`Hong Kong` in `Hong Kong Island`, `Mexico`
/// in `Gulf of Mexico`). `found`
/// is left holding every gazetteer match inside the name.
fn nested_places(
    text: &str,
    m: &Mention,
    found: &mut Vec<LexMatch>,
) -> Vec<(usize, usize, EntityKind)> {
    let lex = lexicon();
    found.clear();
    lex.find(text, m.start, m.end, found);
    let mut shorter = Vec::new();
    for (i, _) in text[m.start..m.end].match_indices(' ') {
        lex.find(text, m.start, m.start + i, &mut shorter);
        found.extend(shorter.drain(..).filter(|f| f.end == m.start + i));
        // And the names a longer one that starts earlier hides at its end
        // (`Mexico` in `Gulf of Mexico`).
        lex.find(text, m.start + i + 1, m.end, &mut shorter);
        found.extend(shorter.drain(..).filter(|f| f.start == m.start + i + 1));
    }
    found.sort_by_key(|f| (f.start, f.end));
    found.dedup();
    // Two names of one place making up the name (`Washington D.C.`): no
    // place inside it.
    let first = found.iter().find(|f| f.start == m.name_start);
    let last = found.iter().rev().find(|f| f.end == m.name_end);
    if let (Some(a), Some(b)) = (first, last) {
        let (ea, eb) = (lex.entries(a.name), lex.entries(b.name));
        if a.end < b.start && ea.iter().any(|e| is_place_entry(e) && eb.contains(e)) {
            return Vec::new();
        }
    }
    let mut out = Vec::new();
    for f in found.iter() {
        let place = lex.entries(f.name).first().is_some_and(|k| match k {
            EntryKind::Country(_) => true,
            EntryKind::Place(i) => {
                let p = &lex.places[*i as usize];
                p.kind == PlaceKind::Region || p.population >= NESTED_CITY_POPULATION
            }
            _ => false,
        });
        let generic = GENERIC_PLACE_WORDS.contains(&&text[f.start..f.end]);
        // The last words of a longer place's name are no place of their
        // own (`Angeles` of `Los Angeles`, `Zealand` of `New Zealand`),
        // unless `of` sets them apart (`Mexico` of `Gulf of Mexico`).
        // Nor are the first words of a country's or a region's name
        // (`Saudi` of `Saudi Arabia`).
        let tail = found.iter().any(|g| {
            (g.start < f.start
                && g.end == f.end
                && !text[..f.start].ends_with("of ")
                && !text[..f.start].ends_with("of the "))
                || (g.start == f.start
                    && g.end > f.end
                    && lex.entries(g.name).first().is_some_and(|k| match k {
                        EntryKind::Country(_) => true,
                        EntryKind::Place(i) => lex.places[*i as usize].kind == PlaceKind::Region,
                        _ => false,
                    }))
        });
        if place && f.exact_case && !generic && !tail {
            out.push((f.start, f.end, EntityKind::Place));
        }
    }
    out
}

/// Whether a lexicon entry is a country or a gazetteer place.
fn is_place_entry(e: &EntryKind) -> bool {
    matches!(e, EntryKind::Country(_) | EntryKind::Place(_))
}

/// Names the article uses on their own, for another entity, inside the
/// name `m` (of kind `kind`, entity `own`), outside the places `found`.
fn nested_names(
    text: &str,
    m: &Mention,
    kind: EntityKind,
    own: Option<usize>,
    names: &[Name<'_>],
    found: &[LexMatch],
) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let inside = &text[m.start..m.end];
    for &(name, inner, ent) in names {
        // A person's name nests whole (`Andy Warhol` in `the Andy Warhol
        // Foundation`), not a surname alone (`Brown University`).
        let single = inner == EntityKind::Person && !name.contains(' ');
        if name.len() >= inside.len() || single || (own.is_some() && ent == own) {
            continue;
        }
        for (i, _) in inside.match_indices(name) {
            // An organisation inside an organisation's name leads it
            // (`Google Chrome`), not `Scientology` in `Church of
            // Scientology`, the faith the church is named after.
            if inner == EntityKind::Organisation && kind == EntityKind::Organisation && i > 0 {
                continue;
            }
            let (a, b) = (m.start + i, m.start + i + name.len());
            if bounded(text, a, b) && !found.iter().any(|f| f.start <= a && b <= f.end) {
                out.push((a, b, inner));
            }
        }
    }
    out
}

/// The subtype of a country that stands for its national team.
pub(super) const TEAM: &str = "team";

/// Words before a place that keep it a place in a match report.
pub(super) const LOCATIVES: &[&str] = &["in", "at", "across", "throughout", "near", "In", "At"];

/// Whether the word before `start` (a `the` skipped) is one of
/// [`LOCATIVES`]: `in Russia`, `at the United States`, not `beat Sweden`.
pub(super) fn locative(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    let before = before
        .strip_suffix("the")
        .filter(|b| !b.ends_with(char::is_alphanumeric))
        .map_or(before, str::trim_end);
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    LOCATIVES.contains(&word)
}

/// Whether `text[a..b]` stands on word boundaries.
pub(super) fn bounded(text: &str, a: usize, b: usize) -> bool {
    !text[..a].ends_with(char::is_alphanumeric) && !text[b..].starts_with(char::is_alphanumeric)
}

/// Whether `word` occurs in `hay` on word boundaries.
pub(super) fn has_word(hay: &str, word: &str) -> bool {
    hay.match_indices(word)
        .any(|(i, _)| bounded(hay, i, i + word.len()))
}

/// Words of match reports.
pub(super) const SPORTS_WORDS: &[&str] = &[
    "World Cup",
    "match",
    "goal",
    "scored",
    "penalty",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "half-time",
    "kick-off",
    "tournament",
    "qualifier",
    "semi-final",
    "quarter-final",
];

/// Whether an article reports matches: three or more different words of
/// [`SPORTS_WORDS`], on word boundaries.
pub(super) fn sports_article(text: &str) -> bool {
    SPORTS_WORDS.iter().filter(|w| has_word(text, w)).count() >= 3
}

/// Words of a sentence that reports play.
pub(super) const MATCH_WORDS: &[&str] = &[
    "defeated",
    "beat",
    "drew",
    "faced",
    "against",
    "lost",
    "won",
    "game",
    "minute",
    "possession",
    "substitute",
    "card",
    "squad",
    "coach",
    "players",
];

/// Whether the sentence around `start..end` reports play: a word of
/// [`MATCH_WORDS`] or a score (`1 – 0`, `3-1`).
pub(super) fn match_sentence(text: &str, start: usize, end: usize) -> bool {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let from = text[..start].rfind(is_end).map_or(0, |i| i + 1);
    let to = text[end..].find(is_end).map_or(text.len(), |i| end + i);
    let sentence = &text[from..to];
    let score = sentence.char_indices().any(|(i, c)| {
        matches!(c, '–' | '-') && {
            let (l, r) = (
                sentence[..i].trim_end(),
                sentence[i + c.len_utf8()..].trim_start(),
            );
            let digits =
                |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
            let left = l.rsplit(' ').next().unwrap_or("");
            let right = r.split(' ').next().unwrap_or("");
            digits(left) && digits(right.trim_end_matches([',', ';']))
        }
    });
    // Not the football words of the article: `Qatar will host the World Cup`.
    score || MATCH_WORDS.iter().any(|w| has_word(sentence, w))
}

/// A group's name in the plural, a noun for its people (`Afghans`,
/// `Muslims`, `Bangladeshis`), not the adjective (`Afghan`).
pub(super) fn plural_group(name: &str) -> bool {
    name.strip_suffix('s').is_some_and(|one| {
        lexicon()
            .lookup(one)
            .iter()
            .any(|k| matches!(k, EntryKind::Demonym(_) | EntryKind::Group(_)))
    })
}

/// The `entities` spans of the phrase convention.
pub(super) fn spans(phrases: &[PhraseItem]) -> Vec<EntitySpan<'_>> {
    phrases
        .iter()
        .map(|p| (p.start, p.end, p.kind, p.subtype.as_deref(), p.confidence))
        .collect()
}
