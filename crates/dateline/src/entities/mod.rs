//! The entity layer: every mention of a person, organisation, place,
//! nationality or group, with its kind, subtype, confidence and, where the
//! embedded lexicons know it, its country.
//!
//! Names are found by the sequence tagger of [`tagger`] (trained on
//! CoNLL-2003, so it follows CoNLL's idea of a name), then refined with the
//! lexicons of [`crate::lexicon`]: nationalities and religious, ethnic and
//! political groups become `NORP`; places get a subtype (country, city,
//! region, facility); a place followed by a descriptor (`Anbar province`,
//! `Harir airbase`, `Baghdad's international airport`) becomes one mention
//! whose `name` is the place's own name; hyphenated compounds give their
//! parts (`Iran-backed` holds `Iran`, `Lebanon-Israel` holds two places).
//!
//! ```
//! use dateline::{Config, Extractor, EntityKind};
//!
//! let ex = Extractor::new(Config::default())?;
//! let out = ex.extract_text("Iraqi Prime Minister Mohammed Shia al-Sudani met Antony Blinken in Baghdad.")?;
//! let found: Vec<(&str, EntityKind)> = out
//!     .mentions
//!     .as_deref()
//!     .unwrap_or_default()
//!     .iter()
//!     .map(|m| (m.text.as_str(), m.kind))
//!     .collect();
//! assert!(found.contains(&("Mohammed Shia al-Sudani", EntityKind::Person)));
//! assert!(found.contains(&("Antony Blinken", EntityKind::Person)));
//! assert!(found.contains(&("Baghdad", EntityKind::Place)));
//! assert!(found.contains(&("Iraqi", EntityKind::Group)));
//! # Ok::<(), dateline::Error>(())
//! ```

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use self::tagger::{label_type, Unit};
use crate::lexicon::{lexicon, EntryKind, Lexicon, PlaceKind};

pub mod tagger;
use crate::span::Span;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    /// A person: `Antony Blinken`.
    #[serde(rename = "PER")]
    Person,
    /// An organisation: `Hezbollah`, `State Department`, `Reuters`.
    #[serde(rename = "ORG")]
    Organisation,
    /// A place: country, city, region or facility.
    #[serde(rename = "LOC")]
    Place,
    /// A nationality, religious, ethnic or political group: `Iraqi`, `Shiite`.
    #[serde(rename = "NORP")]
    Group,
    /// Another name: an event, a product, a law, a language.
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityKind {
    /// The label used in the output: `PER`, `ORG`, `LOC`, `NORP` or `MISC`.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organisation => "ORG",
            EntityKind::Place => "LOC",
            EntityKind::Group => "NORP",
            EntityKind::Misc => "MISC",
        }
    }

    /// The CoNLL class: `NORP` counts as `MISC`, the rest are themselves.
    pub fn coarse(&self) -> &'static str {
        match self {
            EntityKind::Group => "MISC",
            k => k.as_str(),
        }
    }

    fn from_type(t: &str) -> EntityKind {
        match t {
            "PER" => EntityKind::Person,
            "ORG" => EntityKind::Organisation,
            "LOC" => EntityKind::Place,
            _ => EntityKind::Misc,
        }
    }
}

/// One mention of a named entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// First byte of the mention, descriptor included (`Anbar province`).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The mention's text.
    pub text: String,
    /// What it names.
    pub kind: EntityKind,
    /// A finer kind where known. Places: `country`, `city`, `region`,
    /// `facility`, `place`; groups: `nationality`, `religious`, `ethnic`,
    /// `political`; organisations in the lexicon: `international`, `armed`,
    /// `agency`, `government`, `party`, `company`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    /// First byte of the name itself (`Anbar` in `Anbar province`); equal
    /// to `start` when the mention has no descriptor.
    pub name_start: usize,
    /// One past the last byte of the name.
    pub name_end: usize,
    /// The tagger's probability for the mention's labels (the lowest over
    /// its words), 0 to 1, to three decimals.
    pub confidence: f32,
    /// ISO 3166 country code where the lexicons tie the name to a country
    /// (`Erbil`, `Iraqi`, `Hezbollah`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Index of the headline or sentence holding the mention: headlines
    /// first, then sentences, in text order.
    pub unit: usize,
}

impl Mention {
    /// The mention's byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// The byte span of the name without its descriptor.
    pub fn name_span(&self) -> Span {
        Span::new(self.name_start, self.name_end)
    }
}

/// Lower-case words that, after a place's name, make one mention with it.
const REGION_WORDS: &[&str] = &[
    "province",
    "governorate",
    "region",
    "district",
    "county",
    "area",
];
const FACILITY_WORDS: &[&str] = &[
    "airbase",
    "base",
    "airport",
    "camp",
    "hospital",
    "port",
    "crossing",
    "prison",
    "refinery",
    "stadium",
    "military base",
    "air base",
    "border crossing",
    "refugee camp",
    "international airport",
    "military airport",
    "naval base",
];

/// Finds the entity mentions of the spans (headlines and sentences).
pub(crate) fn extract(text: &str, spans: &[Span]) -> Vec<Mention> {
    let lex = lexicon();
    let (mut units, doc) = tagger::prepare(text, spans, lex);
    let tagged = tagger::tagger().tag(&mut units, &doc);
    let mut out = Vec::new();
    for (ui, (u, (labels, probs))) in units.iter().zip(tagged).enumerate() {
        if u.words.is_empty() || !tagger::has_letters(u) {
            continue;
        }
        let first = out.len();
        // BIO to spans.
        let mut i = 0;
        while i < labels.len() {
            let Some(ty) = label_type(labels[i]) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while j < labels.len() && labels[j] == labels[i] + 1 {
                j += 1;
            }
            let stop = j;
            // A capitalised function word before an article does not end a
            // name (`Regina Ip In the ...` in copy without full stops; `Moon
            // Jae In said` keeps it).
            while j - i > 1
                && TRAILING_FUNCTION_WORDS.contains(&u.words[j - 1].span.slice(text))
                && u.words.get(j).is_some_and(|w| {
                    matches!(
                        w.span.slice(text),
                        "the" | "a" | "an" | "this" | "its" | "their"
                    )
                })
            {
                j -= 1;
            }
            let mut conf = probs[i..j].iter().copied().fold(1f32, f32::min);
            let mut kind = EntityKind::from_type(ty);
            let mut stop = stop;
            // `Fiat Group SpA`, `Chrysler LLC`: a legal form right after a
            // name belongs to it, and makes it a company, whatever the
            // tagger made of the form alone.
            if j == stop && kind != EntityKind::Group {
                if let Some(w) = u.words.get(j) {
                    let alone = label_type(labels[j]).is_none()
                        || labels
                            .get(j + 1)
                            .map_or(true, |&l| !is_continuation(labels[j], l));
                    // `AG`, `SA`, `NV` also abbreviate offices and
                    // regions (`Texas AG Ken Paxton`, `Reno NV`): only
                    // after what the tagger read as an organisation.
                    let form = w.span.slice(text);
                    let sure = !AMBIGUOUS_FORMS.contains(&form)
                        || matches!(kind, EntityKind::Organisation | EntityKind::Misc);
                    if alone
                        && sure
                        && LEGAL_FORMS.contains(&form)
                        && text[u.words[j - 1].span.end..w.span.start] == *" "
                    {
                        j += 1;
                        stop = j;
                        kind = EntityKind::Organisation;
                        conf = conf.min(probs[j - 1]);
                    }
                }
            }
            let span = Span::new(u.words[i].span.start, u.words[j - 1].span.end);
            out.push(mention(text, span, kind, conf, ui));
            i = stop;
        }
        lexicon_organisations(text, u, lex, ui, first, &mut out);
        split_groups(text, lex, ui, first, &mut out);
        add_lexicon_groups(text, u, lex, ui, first, &mut out);
        split_compounds(text, u, lex, ui, first, &mut out);
        extend_descriptors(text, u, lex, first, &mut out);
        split_titles(text, u, lex, ui, first, &mut out);
        out[first..].sort_by_key(|m| (m.start, m.end));
    }
    for m in &mut out {
        institution(m);
    }
    surnames(&mut out);
    companies(text, &mut out);
    for m in &mut out {
        refine(text, lex, m);
        // Three decimals: more would be noise.
        m.confidence = (m.confidence * 1000.0).round() / 1000.0;
    }
    out
}

/// Last words of an institution's name that are nobody's surname (not
/// `Church`, `Court`, `Union`: `Charlotte Church`, `Margaret Court`).
const INSTITUTION_HEADS: &[&str] = &[
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
/// people's last words).
fn institution(m: &mut Mention) {
    if m.kind == EntityKind::Person
        && m.text.contains(' ')
        && m.text
            .rsplit(' ')
            .next()
            .is_some_and(|w| INSTITUTION_HEADS.contains(&w.trim_end_matches('.')))
    {
        m.kind = EntityKind::Organisation;
    }
}

/// Capitalised function words that end no name.
const TRAILING_FUNCTION_WORDS: &[&str] = &[
    "In", "On", "At", "The", "Of", "For", "And", "From", "With", "By", "As", "IN", "THE", "OF",
    "AND",
];

/// A name that repeats the end of a person's full name elsewhere in the
/// article is that person (`al-Sudani` after `Mohammed Shia al-Sudani`,
/// `Montalvo` after `Daniel Montalvo`), whatever the tagger said.
fn surnames(out: &mut [Mention]) {
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
        {
            m.kind = EntityKind::Person;
        }
    }
}

/// Legal forms written after a company's name (`Inc.`, `LLC`, `SpA`).
pub(crate) const LEGAL_FORMS: &[&str] = &[
    "Inc.", "Inc", "Corp.", "Corp", "Co.", "LLC", "L.L.C.", "Ltd", "Ltd.", "plc", "PLC", "Plc",
    "SpA", "S.p.A.", "AG", "GmbH", "N.V.", "NV", "S.A.", "SA", "B.V.", "LP", "L.P.",
];

/// Legal forms that are also other abbreviations.
const AMBIGUOUS_FORMS: &[&str] = &["AG", "SA", "NV", "LP", "Co."];

/// Label `next` continues the name that label `cur` is part of.
fn is_continuation(cur: usize, next: usize) -> bool {
    let inside = if cur % 2 == 1 { cur + 1 } else { cur };
    cur > 0 && next == inside
}

/// `Chrysler` where the article also names `Chrysler LLC` or `Chrysler
/// Group`, or calls it `the auto company Chrysler`, or writes `Chrysler
/// Chief Executive Robert Nardelli`, is the company everywhere in the
/// article, not a person or place of that name, unless a person's full
/// name ends in it (`Walter Chrysler`).
fn companies(text: &str, out: &mut [Mention]) {
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

fn mention(text: &str, span: Span, kind: EntityKind, confidence: f32, unit: usize) -> Mention {
    Mention {
        start: span.start,
        end: span.end,
        text: span.slice(text).to_string(),
        kind,
        subtype: None,
        name_start: span.start,
        name_end: span.end,
        confidence,
        country: None,
        unit,
    }
}

fn overlaps(out: &[Mention], first: usize, s: Span) -> bool {
    out[first..]
        .iter()
        .any(|m| m.start < s.end && m.end > s.start)
}

/// A name of several words from the organisation lexicon, in its exact
/// case, is one organisation even where the tagger split it
/// (`Islamic Resistance in Iraq`, not `Islamic Resistance` and `Iraq`).
fn lexicon_organisations(
    text: &str,
    u: &Unit,
    lex: &Lexicon,
    ui: usize,
    first: usize,
    out: &mut Vec<Mention>,
) {
    for m in &u.lex {
        if !m.exact_case || !text[m.start..m.end].contains(' ') {
            continue;
        }
        if !matches!(
            lex.entries[m.name as usize].first(),
            Some(EntryKind::Organisation(_))
        ) {
            continue;
        }
        let span = Span::new(m.start, m.end);
        // Only when no mention crosses its edges.
        let crosses = out[first..].iter().any(|x| {
            x.start < span.end && x.end > span.start && (x.start < span.start || x.end > span.end)
        });
        if crosses {
            continue;
        }
        let inside: Vec<usize> = (first..out.len())
            .filter(|&k| out[k].start >= span.start && out[k].end <= span.end)
            .collect();
        if inside.len() == 1
            && out[inside[0]].kind == EntityKind::Organisation
            && out[inside[0]].span() == span
        {
            continue;
        }
        let conf = inside
            .iter()
            .map(|&k| out[k].confidence)
            .fold(0.5f32, f32::max);
        for k in inside.into_iter().rev() {
            out.remove(k);
        }
        out.push(mention(text, span, EntityKind::Organisation, conf, ui));
    }
}

/// A `MISC` mention made only of nationality, group and place words is
/// those words, one mention each: `Iraqi Shiite`, `Iran-backed Shiite`.
fn split_groups(text: &str, lex: &Lexicon, ui: usize, first: usize, out: &mut Vec<Mention>) {
    let mut k = first;
    while k < out.len() {
        let m = &out[k];
        if m.kind != EntityKind::Misc || !m.text.contains(' ') {
            k += 1;
            continue;
        }
        let mut parts = Vec::new();
        let mut ok = true;
        let mut at = m.start;
        for word in m.text.split(' ') {
            let span = Span::new(at, at + word.len());
            at += word.len() + 1;
            let mut sub = 0;
            let mut any = false;
            for piece in word.split('-') {
                let ps = Span::new(span.start + sub, span.start + sub + piece.len());
                sub += piece.len() + 1;
                match lex.lookup(piece).first() {
                    Some(EntryKind::Demonym(_) | EntryKind::Group(_)) => {
                        parts.push((ps, EntityKind::Group));
                        any = true;
                    }
                    Some(EntryKind::Country(_) | EntryKind::Place(_)) if word.contains('-') => {
                        parts.push((ps, EntityKind::Place));
                        any = true;
                    }
                    _ if word.contains('-') && piece.chars().all(char::is_lowercase) => {}
                    _ => ok = false,
                }
            }
            ok &= any;
        }
        if !ok || parts.is_empty() {
            k += 1;
            continue;
        }
        let conf = m.confidence;
        out.remove(k);
        for (span, kind) in parts {
            out.push(mention(text, span, kind, conf, ui));
        }
    }
}

/// Capitalised nationality and group words the tagger left out (`Shiite`
/// in `Shiite militias`) are `NORP` mentions.
fn add_lexicon_groups(
    text: &str,
    u: &Unit,
    lex: &Lexicon,
    ui: usize,
    first: usize,
    out: &mut Vec<Mention>,
) {
    for w in &u.words {
        let s = w.span.slice(text);
        if !s.chars().next().is_some_and(char::is_uppercase) || overlaps(out, first, w.span) {
            continue;
        }
        if lex
            .lookup(s)
            .first()
            .is_some_and(|e| matches!(e, EntryKind::Demonym(_) | EntryKind::Group(_)))
        {
            out.push(mention(text, w.span, EntityKind::Group, 0.5, ui));
        }
    }
}

/// Hyphenated words holding places or nationalities: `Iran-backed`,
/// `Lebanon-based`, `Israel-Gaza`, `U.S.-led`, `Israeli-occupied`.
fn split_compounds(
    text: &str,
    u: &Unit,
    lex: &Lexicon,
    ui: usize,
    first: usize,
    out: &mut Vec<Mention>,
) {
    for w in &u.words {
        let s = w.span.slice(text);
        if !s.contains('-') {
            continue;
        }
        let mut parts = Vec::new();
        let mut at = 0;
        for piece in s.split('-') {
            let span = Span::new(w.span.start + at, w.span.start + at + piece.len());
            at += piece.len() + 1;
            if !piece.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let kind = match lex.lookup(piece).first() {
                Some(EntryKind::Country(_) | EntryKind::Place(_)) => EntityKind::Place,
                Some(EntryKind::Demonym(_) | EntryKind::Group(_)) => EntityKind::Group,
                _ => continue,
            };
            parts.push((span, kind));
        }
        if parts.is_empty() {
            continue;
        }
        // A mention that is exactly this one word gives way to its parts.
        let whole = out[first..]
            .iter()
            .position(|m| m.start == w.span.start && m.end == w.span.end);
        let conf = match whole {
            Some(k) => out.remove(first + k).confidence,
            None if overlaps(out, first, w.span) => continue,
            None => 0.5,
        };
        for (span, kind) in parts {
            out.push(mention(text, span, kind, conf, ui));
        }
    }
}

/// `CEO Steve Jobs`, `Apple Computer CEO Steve Jobs` tagged as one person:
/// the name is `Steve Jobs`, the title its descriptor, and the body before
/// the title a name of its own (`Apple Computer`).
fn split_titles(
    text: &str,
    u: &Unit,
    lex: &Lexicon,
    ui: usize,
    first: usize,
    out: &mut Vec<Mention>,
) {
    let mut bodies = Vec::new();
    for m in out[first..].iter_mut() {
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
            let begin = crate::lexicon::roles::titles_before(text, m.start, words[k].start);
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
        if begin == m.start && KEPT_TITLES.contains(&words[0].slice(text)) {
            continue;
        }
        // The body before the title (`Apple Computer`, `Texas`) is a name
        // of its own when it is one: a name of the lexicon, or two
        // capitalised words or more with no title among them (not
        // `Deputy`, `Former`).
        let body: Vec<Span> = words.iter().copied().filter(|w| w.end < begin).collect();
        let body_kind = body.last().and_then(|last| {
            let name = &text[m.start..last.end];
            match lex.lookup(name).first() {
                Some(EntryKind::Country(_) | EntryKind::Place(_)) => Some(EntityKind::Place),
                Some(EntryKind::Demonym(_) | EntryKind::Group(_)) => Some(EntityKind::Group),
                Some(EntryKind::Organisation(_)) => Some(EntityKind::Organisation),
                _ => (body.len() >= 2
                    && body.iter().all(|w| {
                        let w = w.slice(text);
                        w.starts_with(char::is_uppercase)
                            && !crate::lexicon::roles::may_end_title(w)
                    }))
                .then_some(EntityKind::Organisation),
            }
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

/// Generational suffixes, which are no name alone.
const GENERATIONS: &[&str] = &["Jr", "Sr", "II", "III", "IV"];

/// Honorifics and a sovereign's titles that stay part of the name the
/// tagger read (`Mr Biden`, `Sayyed Hassan Nasrallah`, `Pope Francis`).
const KEPT_TITLES: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady",
    "Sayyed", "Sayyid", "Sheikh", "Sheik", "King", "Queen", "Prince", "Princess", "Pope",
    "Emperor", "Empress", "Sultan", "Emir", "Crown",
];

/// `Anbar province`, `Harir airbase`, `Baghdad's international airport`:
/// a place (or an unlabelled capitalised name) followed by a descriptor.
fn extend_descriptors(text: &str, u: &Unit, lex: &Lexicon, first: usize, out: &mut [Mention]) {
    for m in out[first..].iter_mut() {
        // An organisation or other name followed by a facility word is a
        // place too (`Ain Al Asad base`), unless the lexicon knows it.
        let other = matches!(m.kind, EntityKind::Organisation | EntityKind::Misc)
            && lex.lookup(&m.text).is_empty();
        if m.kind != EntityKind::Place && !other {
            continue;
        }
        let Some(k) = u.words.iter().position(|w| w.span.end == m.end) else {
            continue;
        };
        let mut next = k + 1;
        // A possessive: "Baghdad's international airport".
        let possessive = u
            .words
            .get(next)
            .is_some_and(|w| matches!(w.span.slice(text), "'s" | "’s"));
        if possessive {
            next += 1;
        }
        let word = |i: usize| u.words.get(i).map(|w| w.span.slice(text));
        let mut best: Option<(usize, bool)> = None;
        for (list, facility) in [(FACILITY_WORDS, true), (REGION_WORDS, false)] {
            for d in list.iter() {
                let n = d.split(' ').count();
                let ok = d
                    .split(' ')
                    .enumerate()
                    .all(|(j, part)| word(next + j) == Some(part));
                if ok && best.map_or(true, |(b, _)| n > b) {
                    best = Some((n, facility));
                }
            }
        }
        let Some((n, facility)) = best else {
            continue;
        };
        // "the state" after a possessive is not one place: only facilities.
        if possessive && !facility || other && (!facility || possessive) {
            continue;
        }
        m.kind = EntityKind::Place;
        let end = u.words[next + n - 1].span.end;
        m.end = end;
        m.text = text[m.start..end].to_string();
        m.subtype = Some(if facility { "facility" } else { "region" }.to_string());
    }
}

/// Subtypes and countries from the lexicons.
fn refine(text: &str, lex: &Lexicon, m: &mut Mention) {
    let name = &text[m.name_start..m.name_end];
    let name = name.strip_prefix("the ").unwrap_or(name);
    let entries = lex.lookup(name);
    // A country's name tagged as an organisation or other name is the
    // country (`US` in `US forces`).
    if matches!(m.kind, EntityKind::Organisation | EntityKind::Misc)
        && m.start == m.name_start
        && m.end == m.name_end
        && matches!(entries.first(), Some(EntryKind::Country(_)))
    {
        m.kind = EntityKind::Place;
    }
    match m.kind {
        EntityKind::Misc => {
            if let Some(e) = entries
                .iter()
                .find(|e| matches!(e, EntryKind::Demonym(_) | EntryKind::Group(_)))
            {
                m.kind = EntityKind::Group;
                set_group(lex, m, *e);
            }
        }
        EntityKind::Group => {
            if let Some(e) = entries.first() {
                set_group(lex, m, *e);
            }
        }
        EntityKind::Place => {
            for e in entries {
                match *e {
                    EntryKind::Country(i) => {
                        m.subtype.get_or_insert_with(|| "country".into());
                        m.country = Some(lex.countries[i as usize].iso.clone());
                    }
                    EntryKind::Place(i) => {
                        let p = &lex.places[i as usize];
                        m.subtype.get_or_insert_with(|| match p.kind {
                            PlaceKind::City => "city".into(),
                            PlaceKind::Region => "region".into(),
                        });
                        m.country = Some(p.country.clone());
                    }
                    _ => continue,
                }
                break;
            }
            m.subtype.get_or_insert_with(|| "place".into());
        }
        EntityKind::Organisation => {
            if let Some(EntryKind::Organisation(i)) = entries.first() {
                let o = &lex.organisations[*i as usize];
                m.subtype = Some(o.kind.clone());
                if !o.country.is_empty() {
                    m.country = Some(o.country.clone());
                }
            }
        }
        EntityKind::Person => {}
    }
}

fn set_group(lex: &Lexicon, m: &mut Mention, e: EntryKind) {
    match e {
        EntryKind::Demonym(i) => {
            m.subtype = Some("nationality".into());
            m.country = Some(lex.countries[i as usize].iso.clone());
        }
        EntryKind::Group(i) => m.subtype = Some(lex.groups[i as usize].kind.clone()),
        _ => {}
    }
}
