//! What the whole article says of a name: an institution's noun at its end
//! (`Andy Warhol Foundation`), a person's surname repeated (`Montalvo` after
//! `Daniel Montalvo`), a company named as one elsewhere (`Chrysler LLC`), a
//! name written again with confidence (`Al Sudani` after `Mohammed Shia Al
//! Sudani`).

use std::collections::HashSet;

use super::names::LEGAL_FORMS;
use super::{EntityKind, Mention};
use crate::lexicon::{lexicon, EntryKind, PlaceKind};
use crate::span::Span;

/// Last words of an institution's name that are nobody's surname (not
/// `Church`, `Court`, `Union`: `Charlotte Church`, `Margaret Court`).
pub(super) const INSTITUTION_HEADS: &[&str] = &[
    "Foundation",
    "Institute",
    "University",
    "Museum",
    "Party",
    "Council",
    "Company",
    "Corporation",
    "Inc",
    "Ltd",
    "LLC",
    "Corp",
    "Co",
    "PLC",
    "SpA",
    "AG",
    "GmbH",
    "Group",
    "Holdings",
    "Association",
    "Society",
    "Department",
    "Ministry",
    "Agency",
    "Commission",
    "Committee",
    "Fund",
    "Center",
    "Centre",
    "College",
    "School",
    "Hospital",
    "Program",
    "Programme",
    "Gallery",
    "Federation",
    "Organisation",
    "Organization",
    "Authority",
];

/// `Andy Warhol Foundation`, `Tang Teaching Museum`: a person's name of
/// several words ending in an institution's noun is an organisation,
/// whatever the tagger read in its first words (before [`surnames`] reads
/// people's last words); and an institution's name of several words loses
/// the `The` the tagger put before it.
pub(super) fn institution(m: &mut Mention) {
    // `The Salvador Allende Foundation`: the article before an
    // institution's name is no part of it (as in CoNLL-2003, which writes
    // `the Natural Law Party` and `the Walt Disney Co` without it but for
    // one of each), unlike a title's (`The Times`, `The Hague`).
    if m.start == m.name_start
        && m.text.split(' ').count() >= 3
        && m.text
            .rsplit(' ')
            .next()
            .is_some_and(|w| INSTITUTION_HEADS.contains(&w.trim_end_matches('.')))
    {
        if let Some(rest) = m.text.strip_prefix("The ") {
            m.text = rest.to_string();
            m.start += 4;
            m.name_start += 4;
        }
    }
    if m.kind == EntityKind::Person
        && m.text.contains(' ')
        && m.text
            .rsplit(' ')
            .next()
            .is_some_and(|w| INSTITUTION_HEADS.contains(&w.trim_end_matches('.')))
    {
        m.kind = EntityKind::Organisation;
    }
    // `River Severn`, `Mount Sinjar`, `Tigris River`: a natural feature,
    // not a person or an organisation.
    let words: Vec<&str> = m.text.split(' ').collect();
    let (first, last) = (words[0], words[words.len() - 1]);
    let feature = FEATURES_BEFORE.contains(&first) || FEATURES_AFTER.contains(&last);
    // An organisation only as `River Thames` (two words): it keeps `Gulf
    // Air` and `University of the Highlands and Islands`.
    let organisation_too = words.len() == 2 && ["River", "Mount", "Lake"].contains(&first);
    if words.len() > 1
        && ((m.kind == EntityKind::Person && feature)
            || (m.kind == EntityKind::Organisation && organisation_too))
    {
        m.kind = EntityKind::Place;
    }
}

/// Words that open a natural feature's name (`River Severn`).
const FEATURES_BEFORE: &[&str] = &["River", "Mount", "Mt.", "Lake", "Gulf", "Cape", "Strait"];

/// Words that end a natural feature's name (`Tigris River`); not `Lake`
/// or `Bay`, which end people's names too.
const FEATURES_AFTER: &[&str] = &[
    "River",
    "Valley",
    "Desert",
    "Mountains",
    "Islands",
    "Canal",
    "Strait",
    "Peninsula",
];

/// A name that repeats the end of a person's full name elsewhere in the
/// article is that person (`al-Sudani` after `Mohammed Shia al-Sudani`,
/// `Montalvo` after `Daniel Montalvo`), whatever the tagger said.
///
/// And a person's first name the tagger cut from the rest of the name
/// (`Mohammed` and `Shia Al Sudani`, an organisation), the rest ending in
/// a person the article names alone (`Al Sudani`), is one person's name.
pub(super) fn surnames(text: &str, out: &mut Vec<Mention>) {
    join_cut_names(text, out);
    let mut ends: HashSet<String> = HashSet::new();
    for m in out.iter().filter(|m| m.kind == EntityKind::Person) {
        let words: Vec<&str> = m.text.split(' ').collect();
        if words.len() < 2 {
            continue;
        }
        for k in 1..words.len() {
            let tail = words[k..].join(" ").to_lowercase();
            if tail.chars().count() > 2 {
                ends.insert(tail);
            }
        }
    }
    if ends.is_empty() {
        return;
    }
    for m in out.iter_mut() {
        if matches!(
            m.kind,
            EntityKind::Organisation | EntityKind::Place | EntityKind::Misc
        ) && m.start == m.name_start
            && m.end == m.name_end
            && ends.contains(&m.text.to_lowercase())
            && !known_place_named_as_one(text, m)
        {
            m.kind = EntityKind::Person;
        }
    }
}

/// Words before a place that name it as one: `in Houston`, `flew to
/// Houston` after `Whitney Houston`.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "to",
    "from",
    "into",
    "near",
    "across",
    "throughout",
    "outside",
    "around",
];

/// The population from which a city is a known place (see
/// [`known_place_named_as_one`]).
const KNOWN_CITY_POPULATION: u64 = 100_000;

/// Whether a mention read as a place is a country, a region or a city of
/// 100,000 people that a preposition of place names as one (`in Houston`,
/// `to Chechnya`; not `in Jordan's film`): no person's surname, even where
/// a person of that name is in the article (`Whitney Houston`, a
/// headline's `Lebed Chechnya`).
pub(crate) fn known_place_named_as_one(text: &str, m: &Mention) -> bool {
    // Not a possessive: `in Jordan's film` is the director's.
    let possessive = ["'s", "’s", " 's"]
        .iter()
        .any(|p| text[m.end..].starts_with(p));
    if m.kind != EntityKind::Place || possessive {
        return false;
    }
    let before = text[..m.start].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if !PLACE_PREPOSITIONS.contains(&word) {
        return false;
    }
    let lex = lexicon();
    lex.lookup(&m.text).iter().any(|e| match *e {
        EntryKind::Country(_) => true,
        EntryKind::Place(i) => lex
            .places
            .get(i as usize)
            .is_some_and(|p| p.kind != PlaceKind::City || p.population >= KNOWN_CITY_POPULATION),
        _ => false,
    })
}

/// An acronym the article gives in brackets after a name of several words
/// whose initials it spells at its start or end (`The World Health
/// Organisation (WHO)`), and every later time it is written in capitals
/// (`WHO say`), names what that name names, whatever the tagger read there
/// (it reads `WHO` as the word `who`, which the article also writes). Not
/// after a person's name, where brackets give a country or a party
/// (`Monica Seles (U.S.)`). `spans` are the article's units.
pub(super) fn defined_acronyms(text: &str, spans: &[Span], out: &mut Vec<Mention>) {
    let mut defined: Vec<(String, &Mention)> = Vec::new();
    for m in out.iter() {
        if m.kind == EntityKind::Person || m.kind == EntityKind::Group {
            continue;
        }
        let name = &text[m.name_start..m.name_end];
        let Some(rest) = text[m.name_end..].strip_prefix(" (") else {
            continue;
        };
        let Some(acr) = rest.split_once(')').map(|(a, _)| a.trim()) else {
            continue;
        };
        let initials: String = name
            .split([' ', '-'])
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect();
        let spelled = initials.chars().count() >= 2
            && (acr.starts_with(&initials) || acr.ends_with(&initials));
        if (2..=6).contains(&acr.len())
            && acr.bytes().all(|b| b.is_ascii_uppercase())
            && spelled
            && !defined.iter().any(|(a, _)| a == acr)
        {
            defined.push((acr.to_string(), m));
        }
    }
    let mut added = Vec::new();
    for (acr, m) in &defined {
        for (a, _) in text.match_indices(acr.as_str()) {
            let b = a + acr.len();
            let bounded = !text[..a].ends_with(|c: char| c.is_alphanumeric() || c == '-')
                && !text[b..].starts_with(|c: char| c.is_alphanumeric() || c == '-');
            let taken = out.iter().any(|o| o.start < b && a < o.end);
            let Some(unit) = spans.iter().position(|s| s.start <= a && b <= s.end) else {
                continue;
            };
            if bounded && !taken {
                let mut new = super::mention(text, Span::new(a, b), m.kind, m.confidence, unit);
                new.subtype = m.subtype.clone();
                new.country = m.country.clone();
                added.push(new);
            }
        }
    }
    if !added.is_empty() {
        out.extend(added);
        out.sort_by_key(|m| (m.unit, m.start, m.end));
    }
}

/// Joins a person's name and the name right after it, a space apart, when
/// the second is read as another kind and ends in a person the article
/// names alone (see [`surnames`]).
fn join_cut_names(text: &str, out: &mut Vec<Mention>) {
    let people: HashSet<String> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.text.contains(' '))
        .map(|m| m.text.to_lowercase())
        .collect();
    if people.is_empty() {
        return;
    }
    // Its end after a space is a person named (not the whole: `Trump`
    // and `Hillary Clinton` are two): one set look-up per word.
    let ends_in_person = |t: &str| {
        let t = t.to_lowercase();
        t.match_indices(' ')
            .any(|(k, _)| people.contains(&t[k + 1..]))
    };
    let mut joined = vec![false; out.len()];
    let mut i = 0;
    while i + 1 < out.len() {
        let (a, b) = (&out[i], &out[i + 1]);
        // A first name: one word.
        let join = a.kind == EntityKind::Person
            && !a.text.contains(' ')
            && b.kind != EntityKind::Person
            && a.unit == b.unit
            && a.end == a.name_end
            && b.start == b.name_start
            && b.end == b.name_end
            && text.get(a.end..b.start) == Some(" ")
            && ends_in_person(&b.text);
        if join {
            let (end, confidence) = (b.end, b.confidence);
            let a = &mut out[i];
            a.end = end;
            a.name_end = end;
            a.text = text[a.start..end].to_string();
            a.confidence = a.confidence.min(confidence);
            a.subtype = None;
            a.country = None;
            joined[i + 1] = true;
            i += 2;
        } else {
            i += 1;
        }
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !joined[k - 1]
    });
}

/// `Chrysler` where the article also names `Chrysler LLC` or `Chrysler
/// Group`, or calls it `the auto company Chrysler`, or writes `Chrysler
/// Chief Executive Robert Nardelli`, is the company everywhere in the
/// article, not a person or place of that name, unless a person's full
/// name ends in it (`Walter Chrysler`).
pub(super) fn companies(text: &str, out: &mut [Mention]) {
    let mut firms: HashSet<String> = HashSet::new();
    // `auto company Chrysler`, `Chrysler Chief Executive Robert Nardelli`:
    // a one-word name after a company's noun, or before a title and a
    // person's name, is the company.
    for (i, m) in out.iter().enumerate() {
        if m.kind != EntityKind::Person || m.text.contains(' ') || firms.contains(&m.text) {
            continue;
        }
        let before = &text[..m.start];
        let noun = before
            .strip_suffix(' ')
            .and_then(|b| b.rsplit(' ').next())
            .is_some_and(|w| COMPANY_NOUNS.contains(&w.to_lowercase().as_str()));
        // A company's title only (`Chief Executive`, `CEO`): `Trump
        // National Security Adviser John Bolton` says nothing of a firm.
        // Mentions are in text order: those whose name may start within 60
        // bytes after this one are the next few.
        let near = out[i + 1..].partition_point(|o| o.start < m.end + 60);
        let body = out[i + 1..i + 1 + near].iter().any(|o| {
            o.kind == EntityKind::Person
                && o.name_start > m.end + 1
                && o.name_start - m.end < 60
                && text[m.end..].starts_with(' ')
                && text[m.end + 1..o.name_start].ends_with(' ')
                && text[m.end + 1..o.name_start]
                    .split(' ')
                    .any(|w| CORPORATE_TITLES.contains(&w.to_lowercase().as_str()))
                && crate::lexicon::roles::titles_before(text, m.end + 1, o.name_start) == m.end + 1
        });
        if noun || body {
            firms.insert(m.text.clone());
        }
    }
    for m in out.iter().filter(|m| m.kind == EntityKind::Organisation) {
        let words: Vec<&str> = m.text.split(' ').collect();
        if words.len() == 2
            && (LEGAL_FORMS.contains(&words[1]) || COMPANY_WORDS.contains(&words[1]))
            && words[0].len() > 2
            && !firms.contains(words[0])
        {
            firms.insert(words[0].to_string());
        }
    }
    if firms.is_empty() {
        return;
    }
    let people: HashSet<&str> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.text.contains(' '))
        .filter_map(|m| m.text.rsplit(' ').next())
        .collect();
    let firms: HashSet<String> = firms
        .into_iter()
        .filter(|f| !people.contains(f.as_str()))
        .collect();
    for m in out.iter_mut() {
        if matches!(m.kind, EntityKind::Person | EntityKind::Misc)
            && m.start == m.name_start
            && m.end == m.name_end
            && firms.contains(&m.text)
        {
            m.kind = EntityKind::Organisation;
        }
    }
}

/// Words of a company's titles (`Chief Executive`, `CEO`, `Chairman`).
const CORPORATE_TITLES: &[&str] = &[
    "ceo",
    "cfo",
    "coo",
    "chief",
    "executive",
    "chairman",
    "chairwoman",
    "founder",
    "officer",
];

/// Nouns for a company that, right before a name, say the name is one
/// (`automaker Chrysler`).
const COMPANY_NOUNS: &[&str] = &[
    "company",
    "firm",
    "automaker",
    "carmaker",
    "maker",
    "manufacturer",
    "airline",
    "carrier",
    "bank",
    "retailer",
    "conglomerate",
    "insurer",
    "lender",
    "giant",
    "corporation",
];

/// Words after a company's first word that say it is a company (`Chrysler
/// Group`, `Ford Motor`).
const COMPANY_WORDS: &[&str] = &[
    "Group",
    "Motors",
    "Motor",
    "Corporation",
    "Company",
    "Holdings",
];

/// A confidence at which a name tagged elsewhere in the article vouches
/// for another mention of it.
const SURE: f32 = 0.8;

/// A name the article writes again elsewhere, tagged there as the same
/// kind with [`SURE`] confidence or more, is likelier right than its own
/// tagging says: the same name at least 0.8, a name whose last words are
/// such a name (`Mohammed Shia Al Sudani`, 0.199, before `Al Sudani` at
/// 0.92) at least 0.7. On CoNLL-2003 dev, mentions under 0.7 with such
/// support were right 82% (same name, 50 mentions) and 70% (last words, 56)
/// of the time; the reliability table in docs/entities.md is measured with
/// this step.
pub(super) fn recurring(text: &str, out: &mut [Mention]) {
    let name = |m: &Mention| text[m.name_start..m.name_end].to_lowercase();
    let sure: HashSet<(EntityKind, String)> = out
        .iter()
        .filter(|m| m.confidence >= SURE)
        .map(|m| (m.kind, name(m)))
        .collect();
    if sure.is_empty() {
        return;
    }
    for m in out.iter_mut().filter(|m| m.confidence < SURE) {
        let own = name(m);
        let floor = if sure.contains(&(m.kind, own.clone())) {
            SURE
        } else if own
            .match_indices(' ')
            .any(|(i, _)| sure.contains(&(m.kind, own[i + 1..].to_string())))
        {
            0.7
        } else {
            continue;
        };
        m.confidence = m.confidence.max(floor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, name: &str, nth: usize, confidence: f32) -> Mention {
        let start = text.match_indices(name).nth(nth).unwrap().0;
        super::super::mention(
            text,
            Span::new(start, start + name.len()),
            EntityKind::Person,
            confidence,
            0,
        )
    }

    #[test]
    fn confident_names_vouch_for_their_other_mentions() {
        let text =
            "Mohammed Shia Al Sudani met Blinken. Al Sudani spoke. Blinken left. Al Sudani stayed.";
        let mut out = vec![
            person(text, "Mohammed Shia Al Sudani", 0, 0.199),
            person(text, "Blinken", 0, 0.6),
            person(text, "Al Sudani", 1, 0.92),
            person(text, "Blinken", 1, 0.3),
            person(text, "Al Sudani", 2, 0.5),
        ];
        recurring(text, &mut out);
        let conf: Vec<f32> = out.iter().map(|m| m.confidence).collect();
        // The full name ends in a sure name: 0.7; the same sure name: 0.8;
        // Blinken has no sure mention and keeps its own.
        assert_eq!(conf, [0.7, 0.6, 0.92, 0.3, 0.8]);
    }

    #[test]
    fn a_first_name_cut_from_the_rest_is_joined_to_it() {
        // Read as `Mohammed` (a person) and `Shia Al Sudani` (an
        // organisation); the article names `Al Sudani` alone.
        let text = "Prime Minister Mohammed Shia Al Sudani met Blinken. Al Sudani spoke. \
                    Ali Hassan Bank of Baghdad lent.";
        let at = |name: &str, nth: usize, kind: EntityKind| {
            let mut m = person(text, name, nth, 0.6);
            m.kind = kind;
            m
        };
        let mut out = vec![
            at("Mohammed", 0, EntityKind::Person),
            at("Shia Al Sudani", 0, EntityKind::Organisation),
            at("Blinken", 0, EntityKind::Person),
            at("Al Sudani", 1, EntityKind::Person),
            at("Ali Hassan", 0, EntityKind::Person),
            at("Bank of Baghdad", 0, EntityKind::Organisation),
        ];
        super::surnames(text, &mut out);
        let got: Vec<_> = out.iter().map(|m| (m.text.as_str(), m.kind)).collect();
        assert_eq!(
            got,
            [
                ("Mohammed Shia Al Sudani", EntityKind::Person),
                ("Blinken", EntityKind::Person),
                ("Al Sudani", EntityKind::Person),
                ("Ali Hassan", EntityKind::Person),
                ("Bank of Baghdad", EntityKind::Organisation),
            ]
        );
    }
}
