//! What the whole article says of a name: an institution's noun at its end
//! (`Andy Warhol Foundation`), a person's surname repeated (`Montalvo` after
//! `Daniel Montalvo`), a company named as one elsewhere (`Chrysler LLC`), a
//! name written again with confidence (`Al Sudani` after `Mohammed Shia Al
//! Sudani`).

use std::collections::{HashMap, HashSet};

use super::names::LEGAL_FORMS;
use super::{EntityKind, Mention};
use crate::lexicon::{bracketed, lexicon, spells_initials};
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

/// Words before a place that name it as one: `in Houston` after `Whitney
/// Houston`. Not `to` or `from`, which take people too (`passed to
/// Jordan`, `lost to Hamilton`).
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "into",
    "near",
    "across",
    "throughout",
    "outside",
    "around",
];

/// Whether a mention read as a place is a known place
/// ([`crate::lexicon::Lexicon::is_known_place`]) that a preposition of
/// place names as one (`in Houston`,
/// `In Chechnya`; not `in Jordan's film`): no person's surname, even where
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
    if !PLACE_PREPOSITIONS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(word))
    {
        return false;
    }
    let lex = lexicon();
    lex.lookup(&text[m.name_start..m.name_end])
        .iter()
        .any(|e| lex.is_known_place(e))
}

/// An acronym the article gives in brackets after a name whose initials it
/// spells at its start or end (`The World Health Organisation (WHO)`),
/// there and every later time it is written in capitals (`WHO say`), names
/// what that name names, whatever the tagger read (it reads `WHO` as the
/// word `who`, which the article also writes). Not after a person's or a
/// group's name, where brackets give a country or a party (`Monica Seles
/// (U.S.)`), and not in a unit written all in capitals (`DOCTORS WHO
/// TREAT`). `spans` are the article's units; `out` is in unit order.
///
/// Linear: one pass over the mentions for the definitions, one over the
/// text's words for the uses, each checked against the mentions and units
/// by binary search.
pub(super) fn defined_acronyms(text: &str, spans: &[Span], out: &mut Vec<Mention>) {
    // Each acronym's first definition: where it is, and its mention.
    let mut defined: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, m) in out.iter().enumerate() {
        if matches!(m.kind, EntityKind::Person | EntityKind::Group) {
            continue;
        }
        let Some(acr) = bracketed(&text[m.name_end..]) else {
            continue;
        };
        if (2..=6).contains(&acr.len())
            && acr.bytes().all(|b| b.is_ascii_uppercase())
            && spells_initials(acr, &text[m.name_start..m.name_end])
        {
            defined.entry(acr).or_insert((m.name_end, i));
        }
    }
    if defined.is_empty() {
        return;
    }
    // Mentions by start, with the furthest end so far: a word overlaps a
    // mention when one starting before its end ends after its start.
    let mut taken: Vec<(usize, usize)> = out.iter().map(|m| (m.start, m.end)).collect();
    taken.sort_unstable();
    let mut reach = Vec::with_capacity(taken.len());
    let mut far = 0;
    for &(_, e) in &taken {
        far = far.max(e);
        reach.push(far);
    }
    let overlaps = |a: usize, b: usize| {
        let k = taken.partition_point(|&(s, _)| s < b);
        k > 0 && reach[k - 1] > a
    };
    // Units by start, with their index; those all in capitals left out.
    let mut units: Vec<(usize, usize, usize)> = spans
        .iter()
        .enumerate()
        .filter(|(_, s)| s.slice(text).chars().any(char::is_lowercase))
        .map(|(u, s)| (s.start, s.end, u))
        .collect();
    units.sort_unstable();
    let unit_of = |a: usize, b: usize| {
        let k = units.partition_point(|&(s, _, _)| s <= a);
        let (_, end, u) = *units.get(k.checked_sub(1)?)?;
        (b <= end).then_some(u)
    };
    let mut added = Vec::new();
    let word = |c: char| c.is_alphanumeric() || c == '-';
    let mut at = 0;
    for piece in text.split(|c: char| !word(c)) {
        let (a, b) = (at, at + piece.len());
        // The separator is one character after the piece.
        at = b + text[b..].chars().next().map_or(0, char::len_utf8);
        let Some(&(from, i)) = defined.get(piece) else {
            continue;
        };
        if a < from || overlaps(a, b) {
            continue;
        }
        let Some(unit) = unit_of(a, b) else {
            continue;
        };
        let m = &out[i];
        let mut new = super::mention(text, Span::new(a, b), m.kind, m.confidence, unit);
        new.subtype = m.subtype.clone();
        new.country = m.country.clone();
        added.push(new);
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
    fn acronyms_defined_in_brackets_name_their_body_later_on() {
        let head = "DOCTORS WHO TREAT GOITRE";
        let text = "DOCTORS WHO TREAT GOITRE\nSome WHO staff came. The World Health Organisation \
                    (WHO) acts. WHO say so; WHO-backed plans. Dally Randriantefy (DR) won. DR \
                    fans cheered. The Office of Fair Trading (NATO) said no.";
        let spans = [
            Span::new(0, head.len()),
            Span::new(head.len() + 1, text.len()),
        ];
        let body = |name: &str, kind: EntityKind| {
            let mut m = person(text, name, 0, 0.9);
            m.kind = kind;
            m.unit = 1;
            m
        };
        let mut out = vec![
            body("World Health Organisation", EntityKind::Organisation),
            body("Dally Randriantefy", EntityKind::Person),
            body("Fair Trading", EntityKind::Organisation),
        ];
        defined_acronyms(text, &spans, &mut out);
        let found: Vec<(&str, usize, EntityKind)> = out
            .iter()
            .map(|m| (&text[m.start..m.end], m.start, m.kind))
            .collect();
        let who: Vec<usize> = text.match_indices("WHO").map(|(i, _)| i).collect();
        // Not the capitals headline's, not before the definition, not
        // inside `WHO-backed`; a person's brackets and an acronym that does
        // not spell the name give nothing.
        assert_eq!(
            found,
            [
                (
                    "World Health Organisation",
                    found[0].1,
                    EntityKind::Organisation
                ),
                ("WHO", who[2], EntityKind::Organisation),
                ("WHO", who[3], EntityKind::Organisation),
                ("Dally Randriantefy", found[3].1, EntityKind::Person),
                ("Fair Trading", found[4].1, EntityKind::Organisation),
            ]
        );
        assert!(out.iter().all(|m| m.unit == 1));
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
