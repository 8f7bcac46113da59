//! The described-name convention of MEANTIME ([`super::Extent::Described`]):
//! a name with the noun phrase that describes it (`US automaker GM`, `The
//! American auto company Chrysler`).

use crate::entities::{EntityKind, Mention};
use crate::pipeline::Extraction;

use super::layers::EntitySpan;
use super::noun_phrase::{phrase_extent, HEAD_FOLLOWERS};

/// Where a name's phrase starts when the noun phrase that describes it is
/// part of it (MEANTIME's names, [`Extent::Described`]): `US automaker GM`,
/// `The American auto company Chrysler`, `New York City-based private
/// equity firm Cerberus`, `Chrysler Chief Executive Robert Nardelli`, `the
/// emerging Chrysler`. `start` is where the phrase starts so far
/// ([`phrase_extent`]), `name_start` where the name does: a title already
/// read lets a name before it in (`Chrysler` before `Chief Executive`).
/// `owners` are the spans of the names that may stand before the
/// describing words (`US`, `Ford Motor Company`).
pub(super) fn described_start(
    text: &str,
    owners: &[(usize, usize)],
    kind: EntityKind,
    start: usize,
    name_start: usize,
) -> usize {
    let line = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut s = start;
    // A phrase that opens with its own determiner or owner is whole.
    if start < name_start && kind != EntityKind::Person {
        return start;
    }
    // A person's title already in the phrase takes only the body before it
    // (`Chrysler Chief Executive`) and a determiner.
    let titled = start < name_start;
    if titled
        && text[start..].starts_with(['t', 'T'])
        && text[start..]
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("the "))
    {
        return start;
    }
    // A describing noun next to the name, or a title already in the phrase.
    let mut described = titled;
    let mut modifiers = 0;
    while let Some(before) = text[line..s].strip_suffix(' ') {
        let w0 = line + before.rfind(' ').map_or(0, |i| i + 1);
        let word = &text[w0..s - 1];
        let lower = word.to_lowercase();
        let first_of_line = w0 == line;
        // A name or owner before the describing words: `US automaker`,
        // `Ford Motor Company CEO`, `The United States's largest car
        // manufacturer`; then only a determiner.
        if described {
            if let Some(o) = owner_before(text, owners, line, (w0, s)) {
                s = o;
                break;
            }
        }
        if DETERMINERS.contains(&lower.as_str()) {
            if described || modifiers > 0 && modifiers <= 2 {
                s = w0;
                described = true;
            }
            break;
        }
        let plain = word.chars().all(|c| c.is_alphabetic() || c == '-')
            && (word.starts_with(char::is_lowercase) || first_of_line);
        if !plain || titled {
            break;
        }
        if !described && DESCRIBING_NOUNS.contains(&lower.as_str()) {
            described = true;
        } else if !described && DESCRIBING_ADJECTIVES.contains(&lower.as_str()) {
            modifiers += 1;
        } else if !described
            || HEAD_FOLLOWERS.contains(&lower.as_str())
            || NOT_MODIFIERS.contains(&lower.as_str())
            || verb_like(&lower, first_of_line)
        {
            break;
        }
        s = w0;
        if first_of_line {
            break;
        }
    }
    if described {
        s
    } else {
        start
    }
}

/// The start of an owner's name (with its determiner) that ends the word
/// `w0..s - 1` before the describing words: the word itself (`US`), a
/// possessive on it (`Ford's`), or the name before a separate `'s`.
fn owner_before(
    text: &str,
    owners: &[(usize, usize)],
    line: usize,
    (w0, s): (usize, usize),
) -> Option<usize> {
    let word = &text[w0..s - 1];
    let owner = if matches!(word, "'s" | "’s") && w0 > line {
        name_ending(text, owners, line, w0 - 1)
    } else {
        word.strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .and_then(|w| name_ending(text, owners, line, w0 + w.len()))
    };
    owner.or_else(|| name_ending(text, owners, line, s - 1))
}

/// Where the owner name whose mention ends at `at` starts, with its
/// determiner (`the United States`), on the line from `line`.
fn name_ending(text: &str, owners: &[(usize, usize)], line: usize, at: usize) -> Option<usize> {
    let &(o, _) = owners.iter().find(|&&(s, e)| e == at && s >= line)?;
    let d = text[line..o].strip_suffix(' ').and_then(|b| {
        let d0 = line + b.rfind(' ').map_or(0, |i| i + 1);
        DETERMINERS
            .contains(&text[d0..o - 1].to_lowercase().as_str())
            .then_some(d0)
    });
    Some(d.unwrap_or(o))
}

/// A word that reads as a verb rather than a modifier of the describing
/// noun: `-ed` (`fired`, `acquired`; not `-based`, `-owned`, `-led` or the
/// describing adjectives), `-ly`, and a plural at a line's start
/// (`Shareholders sued carmaker Toyota`).
pub(super) fn verb_like(lower: &str, first_of_line: bool) -> bool {
    let compound = ["-based", "-owned", "-led", "-controlled", "-listed"]
        .iter()
        .any(|x| lower.ends_with(x));
    (lower.ends_with("ed") && !compound && !DESCRIBING_ADJECTIVES.contains(&lower))
        || lower.ends_with("ly")
        || (first_of_line && lower.ends_with('s') && !lower.ends_with("ss"))
}

/// Words that open a noun phrase.
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "another", "its", "their", "his", "her", "our", "this", "that",
];

/// Nouns that describe what a name is when they stand right before it
/// (`automaker GM`, `analyst Jesse Toprak`).
pub(super) const DESCRIBING_NOUNS: &[&str] = &[
    "company",
    "firm",
    "maker",
    "automaker",
    "carmaker",
    "manufacturer",
    "airline",
    "carrier",
    "airframer",
    "giant",
    "group",
    "conglomerate",
    "retailer",
    "bank",
    "lender",
    "insurer",
    "union",
    "agency",
    "magazine",
    "newspaper",
    "network",
    "broadcaster",
    "producer",
    "supplier",
    "rival",
    "subsidiary",
    "parent",
    "owner",
    "investor",
    "fund",
    "operator",
    "developer",
    "publisher",
    "club",
    "team",
    "party",
    "consortium",
    "regulator",
    "chain",
    "brand",
    "startup",
    "dealer",
    "dealership",
    "automobile",
    "executive",
    "ceo",
    "chairman",
    "chairwoman",
    "president",
    "director",
    "officer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analyst",
    "economist",
    "expert",
    "founder",
    "minister",
    "secretary",
    "senator",
    "governor",
    "mayor",
    "leader",
    "official",
    "manager",
    "actor",
    "actress",
    "singer",
    "musician",
    "writer",
    "author",
    "journalist",
    "reporter",
    "lawyer",
    "attorney",
    "judge",
    "professor",
    "researcher",
    "scientist",
    "player",
    "coach",
    "candidate",
    "activist",
    "billionaire",
    "entrepreneur",
    "designer",
    "artist",
    "chief",
];

/// Adjectives that, between a determiner and a name, describe it (`the
/// emerging Chrysler`, `the new iPhone`).
pub(super) const DESCRIBING_ADJECTIVES: &[&str] = &[
    "new",
    "emerging",
    "former",
    "current",
    "popular",
    "struggling",
    "troubled",
    "embattled",
    "ailing",
    "bankrupt",
    "beleaguered",
    "rival",
    "old",
    "restructured",
];

/// Lower-case words that end a describing phrase: verbs and the like that
/// no noun phrase holds.
pub(super) const NOT_MODIFIERS: &[&str] = &[
    "says",
    "said",
    "told",
    "named",
    "appointed",
    "replaced",
    "replaces",
    "joined",
    "left",
    "than",
    "like",
    "unlike",
    "whether",
    "how",
    "why",
    "what",
    "giving",
    "being",
    "according",
];

/// The names that may own or head a describing phrase (`US` of `US
/// automaker GM`): names of places, organisations, groups and others, by
/// the kind of their entity when resolved (a `Chrysler` the tagger read as
/// a person but resolved to the company counts).
pub(super) fn owners(x: &Extraction) -> Vec<(usize, usize)> {
    match (&x.entities, &x.mentions) {
        (Some(entities), _) => entities
            .iter()
            .filter(|e| e.kind != EntityKind::Person)
            .flat_map(|e| e.names().map(|m| (m.start, m.end)))
            .chain(
                x.mentions
                    .iter()
                    .flatten()
                    .filter(|m| m.kind == EntityKind::Group)
                    .map(|m| (m.start, m.end)),
            )
            .collect(),
        (None, Some(mentions)) => mentions
            .iter()
            .filter(|m| m.kind != EntityKind::Person)
            .map(|m| (m.start, m.end))
            .collect(),
        _ => Vec::new(),
    }
}

/// The `entities` spans of the described convention: each name's noun
/// phrase with what describes it.
pub(super) fn spans<'a>(
    text: &str,
    mentions: &'a [Mention],
    owners: &[(usize, usize)],
) -> Vec<EntitySpan<'a>> {
    mentions
        .iter()
        .map(|m| {
            let sub = m.subtype.as_deref();
            let (s, e) = phrase_extent(text, mentions, m.kind, sub, m.name_start, m.name_end);
            let s = described_start(text, owners, m.kind, s, m.name_start);
            (s, e, m.kind, sub, m.confidence)
        })
        .collect()
}
