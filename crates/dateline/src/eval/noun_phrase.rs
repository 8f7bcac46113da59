//! The noun phrase a name heads, as mention and coreference corpora mark
//! it: titles and the country before a person (`U.S. President Donald
//! Trump`), an affiliation after (`Lee Cheuk-yan of the Labour Party`), a
//! place's region (`Sydney, Australia`), an attached possessive. Used by
//! the phrase and described conventions and by every `clusters` chain.

use crate::entities::{EntityKind, Mention};

/// Words that follow a noun phrase's head rather than continue it.
pub(super) const HEAD_FOLLOWERS: &[&str] = &[
    "said",
    "says",
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "as",
    "that",
    "which",
    "who",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "did",
    "does",
    "do",
    "also",
    "after",
    "before",
    "since",
    "until",
    "when",
    "where",
    "while",
    "because",
    "if",
    "than",
    "into",
    "over",
    "under",
    "about",
    "against",
    "between",
    "during",
    "through",
    "via",
    "per",
    "itself",
    "not",
    "now",
    "then",
    "again",
    "still",
    "tells",
    "told",
    "announces",
    "plans",
    "wants",
    "needs",
    "gets",
    "makes",
    "takes",
    "gives",
    "among",
    "across",
    "around",
    "toward",
    "towards",
    "within",
    "without",
    "upon",
    "onto",
    "off",
    "out",
    "up",
    "down",
    "near",
    "beyond",
    "despite",
    "including",
    "like",
    "amid",
    "lost",
    "won",
    "made",
    "took",
    "gave",
    "came",
    "went",
    "held",
    "met",
    "left",
    "began",
    "became",
    "found",
    "got",
    "ran",
    "saw",
    "sent",
    "set",
    "spent",
    "stood",
    "thought",
    "wrote",
    "brought",
    "bought",
    "built",
    "kept",
    "led",
    "paid",
    "put",
    "sold",
    "knew",
    "grew",
    "fell",
    "felt",
    "meant",
    "chose",
    "rose",
    "struck",
    "spoke",
    "won't",
    "here",
    "there",
    "today",
    "yesterday",
    "tomorrow",
    "so",
    "yet",
    "too",
    "either",
];

/// The noun phrase a name of an entity heads ([`phrase_extent`]); other
/// forms (pronouns, descriptions) keep their span.
pub(super) fn np_extent(
    text: &str,
    mentions: &[Mention],
    e: &crate::resolve::Entity,
    m: &crate::resolve::EntityMention,
) -> (usize, usize) {
    use crate::resolve::MentionForm;
    if !matches!(m.form, MentionForm::Name | MentionForm::Acronym) {
        return (m.start, m.end);
    }
    phrase_extent(text, mentions, e.kind, e.subtype.as_deref(), m.start, m.end)
}

/// The noun phrase a name at `start..end` heads, as mention corpora mark
/// it: a person's titles and the country before them (`U.S. President
/// Donald Trump`) and an affiliation (`Lee Cheuk-yan of the Labour Party`,
/// `DAB's Elizabeth Quat`); `the` before other names when the name heads
/// the phrase (`the United States`, not `the Scientology organization`); a
/// place's region or country after it (`Sydney, Australia`); an attached
/// possessive (`Trump's`).
pub(super) fn phrase_extent(
    text: &str,
    mentions: &[Mention],
    kind: EntityKind,
    subtype: Option<&str>,
    start: usize,
    end: usize,
) -> (usize, usize) {
    let (s, end) = if kind == EntityKind::Person {
        person_extent(text, mentions, start, end)
    } else {
        name_extent(text, mentions, kind, start, end)
    };
    let s = with_article(text, mentions, s, end);
    let end = if kind == EntityKind::Place && subtype != Some("country") {
        with_region(text, mentions, end)
    } else {
        end
    };
    (s, with_possessive(text, kind, s, end))
}

/// A person's phrase: titles, the country before them, an affiliation
/// and a post-nominal.
fn person_extent(text: &str, mentions: &[Mention], start: usize, end: usize) -> (usize, usize) {
    let (mut s, mut end) = (start, end);
    // Titles are read within the line, at most 200 bytes back.
    let mut from = s.saturating_sub(200);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let line = text[from..s].rfind('\n').map_or(from, |i| from + i + 1);
    let titled = crate::lexicon::roles::titles_before(text, line, s);
    // `U.S. President Donald Trump`, `Malaysia's Prime Minister`, `Afghan
    // Ambassador ...`: the country or nationality before a title too.
    s = match mentions.iter().find(|o| {
        matches!(o.kind, EntityKind::Place | EntityKind::Group)
            && o.end <= titled
            && matches!(&text[o.end..titled], " " | "'s " | "’s ")
    }) {
        Some(o) if titled < s => o.start,
        _ => titled,
    };
    // `Lee Cheuk-yan of the Labour Party`: the affiliation is part of
    // the phrase.
    if let Some(org) = mentions.iter().find(|o| {
        o.kind == EntityKind::Organisation && {
            let gap = &text[end..o.start.max(end)];
            o.start > end && (gap == " of " || gap == " of the " || gap == " from the ")
        }
    }) {
        end = org.end;
    }
    // `DAB's Elizabeth Quat`.
    if let Some(org) = mentions.iter().find(|o| {
        o.kind == EntityKind::Organisation && {
            let gap = &text[o.end.min(s)..s];
            o.end < s && (gap == "'s " || gap == "’s ")
        }
    }) {
        s = org.start;
    }
    // `Mark Tedeschi, QC`: a post-nominal is part of the name.
    for p in POSTNOMINALS {
        if text[end..].starts_with(p) && !text[end + p.len()..].starts_with(char::is_alphanumeric) {
            end += p.len();
            break;
        }
    }
    // `Michael Tien of NPP`: an affiliation in capitals the tagger
    // left out.
    if let Some(rest) = text[end..].strip_prefix(" of ") {
        let w: &str = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let after = &rest[w.len()..];
        if (2..=6).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_uppercase())
            && !after.starts_with(char::is_alphanumeric)
        {
            end += 4 + w.len();
        }
    }
    (s, end)
}

/// Another name's phrase: an owner before it, names attached after it.
fn name_extent(
    text: &str,
    mentions: &[Mention],
    kind: EntityKind,
    start: usize,
    end: usize,
) -> (usize, usize) {
    let (mut s, mut end) = (start, end);
    // `Mecca's Grand Mosque`, `Saudi Arabia's Civil Defense Authority`:
    // a place or organisation owning the name opens its phrase.
    if let Some(o) = mentions.iter().find(|o| {
        matches!(o.kind, EntityKind::Place | EntityKind::Organisation)
            && o.end < s
            && matches!(&text[o.end..s], "'s " | "’s ")
    }) {
        s = o.start;
    }
    // `the University of Sheffield of the UK`, `the Andy Warhol
    // Foundation for the Visual Arts`, `the Fisht Stadium in Sochi`: a
    // name attached by a preposition completes the phrase.
    // `in` and `at` only after a building or institution: `Samsung in
    // California` is the verb's.
    while let Some(q) = mentions.iter().find(|q| {
        q.start > end && q.kind != EntityKind::Group && {
            let gap = &text[end..q.start];
            let sited = text[s..end].split(' ').any(|w| FACILITY_HEADS.contains(&w));
            (ATTACHMENTS.contains(&gap) || (sited && SITE_ATTACHMENTS.contains(&gap)))
                && (kind == EntityKind::Organisation || q.kind == EntityKind::Place)
        }
    }) {
        end = q.end;
    }
    (s, end)
}

/// `the` belongs to the name when the name heads the phrase: not in
/// `the Scientology organization`. The phrase's start, with `the` when it
/// belongs.
fn with_article(text: &str, mentions: &[Mention], s: usize, end: usize) -> usize {
    let before = &text[..s];
    let mut words = text[end..]
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'));
    let next = words.next().unwrap_or("");
    let after_next = words.next().unwrap_or("");
    let gap = text[end..].chars().next().map_or(true, |c| c == ' ');
    // A verb after the name ends its phrase: `-ed`, an adverb, a contraction
    // (`isn't`), or `-s` before an object (`rates the Rohingya`), not a
    // plural noun (`the US forces left`, `the Kennedy family`).
    let verb_like = next.ends_with("ed")
        || (next.ends_with("ly") && !LY_NOUNS.contains(&next))
        || ["n't", "n’t", "'ll", "’ll", "'ve", "’ve", "'re", "’re"]
            .iter()
            .any(|c| next.ends_with(c))
        || (next.ends_with('s') && !next.ends_with("ss") && OBJECT_OPENERS.contains(&after_next));
    // `the United States National Security Council`: a name right before
    // another name modifies it.
    let before_name = gap && mentions.iter().any(|o| o.start == end + 1);
    let modifier = before_name
        || (gap
            && next.starts_with(char::is_lowercase)
            && !HEAD_FOLLOWERS.contains(&next)
            && !verb_like);
    let article = (before.ends_with("the ") || before.ends_with("The "))
        && !before[..before.len() - 4].ends_with(char::is_alphanumeric);
    if article && !modifier {
        s - 4
    } else {
        s
    }
}

/// `Evansville, Indiana, United States`: a place qualified by the region or
/// country it is in is one phrase (not `Iran, Libya`, a list). The
/// phrase's end.
fn with_region(text: &str, mentions: &[Mention], mut end: usize) -> usize {
    while let Some(q) = mentions.iter().find(|q| {
        q.start == end + 2
            && text[end..].starts_with(", ")
            && q.kind == EntityKind::Place
            && matches!(q.subtype.as_deref(), Some("region" | "country"))
    }) {
        end = q.end;
    }
    end
}

/// An attached possessive (`Trump's`, `Thomas'`): the phrase's end.
fn with_possessive(text: &str, kind: EntityKind, s: usize, mut end: usize) -> usize {
    let after = &text[end..];
    // `Thomas' sister`, not the closing quote of `‘Jaws’`.
    let quoted = text[..s].ends_with(['‘', '\'', '"', '“']);
    if kind == EntityKind::Person
        && !quoted
        && text[..end].ends_with('s')
        && (after.starts_with("' ") || after.starts_with("’ "))
    {
        end += after.chars().next().map_or(0, char::len_utf8);
    }
    for p in ["'s", "’s"] {
        if after.starts_with(p)
            && !after[p.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            end += p.len();
        }
    }
    end
}

/// Words in `-ly` that are nouns, not adverbs.
pub(super) const LY_NOUNS: &[&str] = &[
    "family", "ally", "rally", "assembly", "supply", "monopoly", "anomaly", "homily", "bully",
];

/// Words that open a verb's object (`rates the Rohingya`).
pub(super) const OBJECT_OPENERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
    "those", "him", "them", "it", "us", "me", "no", "all", "some", "any", "to",
];

/// Post-nominal letters that complete a person's name.
pub(super) const POSTNOMINALS: &[&str] = &[", QC", ", KC", ", Jr.", ", Jr", " Jr.", ", Sr."];

/// What joins a name to another that completes its phrase.
pub(super) const ATTACHMENTS: &[&str] = &[" of the ", " for the ", " of "];

/// What joins a building or institution to the place or body it is at.
pub(super) const SITE_ATTACHMENTS: &[&str] = &[" at the ", " at ", " in "];

/// Words of a building's or institution's name that make a following `in`
/// or `at` part of the phrase (`the Fisht Stadium in Sochi`).
pub(super) const FACILITY_HEADS: &[&str] = &[
    "Stadium",
    "Arena",
    "University",
    "Museum",
    "College",
    "Hotel",
    "Hall",
    "Center",
    "Centre",
    "Gallery",
    "Hospital",
    "School",
    "Airport",
    "Mosque",
    "Church",
    "Cathedral",
    "Temple",
    "Institute",
    "Library",
    "Theatre",
    "Theater",
    "Park",
    "Towers",
    "Building",
    "Prison",
    "Base",
    "Factory",
];
