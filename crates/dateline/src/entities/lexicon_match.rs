//! Names matched against the lexicons of [`crate::lexicon`]: organisations
//! of several words, nationality and group words, hyphenated compounds,
//! places with a descriptor (`Anbar province`), and each mention's subtype
//! and country.

use super::tagger::Unit;
use super::{mention, EntityKind, Mention};
use crate::lexicon::{EntryKind, Lexicon, PlaceKind};
use crate::span::Span;

/// Whether a mention of `out[first..]` overlaps `s`.
fn overlaps(out: &[Mention], first: usize, s: Span) -> bool {
    out[first..]
        .iter()
        .any(|m| m.start < s.end && m.end > s.start)
}

/// A name of several words from the organisation lexicon, in its exact
/// case, is one organisation even where the tagger split it
/// (`Islamic Resistance in Iraq`, not `Islamic Resistance` and `Iraq`).
pub(super) fn lexicon_organisations(
    text: &str,
    u: &Unit,
    lex: &Lexicon,
    ui: usize,
    first: usize,
    out: &mut Vec<Mention>,
) {
    let org = |e: Option<&EntryKind>| matches!(e, Some(EntryKind::Organisation(_)));
    lexicon_names(text, u, lex, ui, first, out, EntityKind::Organisation, &org);
}

/// A place of several words from the gazetteer that is no town (a
/// continent, a region, a sea, a territory), in its exact case, is one
/// place even where the tagger split it or left it out (`Gulf of Suez`,
/// not `Gulf` and `Suez`; `West Bank`).
pub(super) fn lexicon_places(
    text: &str,
    u: &Unit,
    lex: &Lexicon,
    ui: usize,
    first: usize,
    out: &mut Vec<Mention>,
) {
    let area = |e: Option<&EntryKind>| match e {
        Some(EntryKind::Place(i)) => lex.places[*i as usize].kind.is_area(),
        _ => false,
    };
    lexicon_names(text, u, lex, ui, first, out, EntityKind::Place, &area);
}

/// The lexicon names of several words, in their exact case, whose first
/// reading `wanted` accepts, as one mention of `kind` each, replacing the
/// mentions inside them (none may cross their edges).
#[allow(clippy::too_many_arguments)]
fn lexicon_names(
    text: &str,
    u: &Unit,
    lex: &Lexicon,
    ui: usize,
    first: usize,
    out: &mut Vec<Mention>,
    kind: EntityKind,
    wanted: &dyn Fn(Option<&EntryKind>) -> bool,
) {
    for m in &u.lex {
        if !m.exact_case || !text[m.start..m.end].contains(' ') {
            continue;
        }
        if !wanted(lex.entries(m.name).first()) {
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
        if inside.len() == 1 && out[inside[0]].kind == kind && out[inside[0]].span() == span {
            continue;
        }
        let conf = inside
            .iter()
            .map(|&k| out[k].confidence)
            .fold(0.5f32, f32::max);
        for k in inside.into_iter().rev() {
            out.remove(k);
        }
        out.push(mention(text, span, kind, conf, ui));
    }
}

/// A `MISC` mention made only of nationality, group and place words is
/// those words, one mention each: `Iraqi Shiite`, `Iran-backed Shiite`.
pub(super) fn split_groups(
    text: &str,
    lex: &Lexicon,
    ui: usize,
    first: usize,
    out: &mut Vec<Mention>,
) {
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
pub(super) fn add_lexicon_groups(
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

/// Arabic articles that open a hyphenated place name (`Al-Anbar`).
const ARABIC_ARTICLES: &[&str] = &["Al", "El", "Ad", "An", "Ar", "As", "Ash", "At", "Az", "Ath"];

/// Hyphenated words holding places or nationalities: `Iran-backed`,
/// `Lebanon-based`, `Israel-Gaza`, `U.S.-led`, `Israeli-occupied`.
pub(super) fn split_compounds(
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
        // A capitalised piece no lexicon knows makes the word one name
        // (`T-Mobile`), unless it is an Arabic article (`Al-Anbar`) or a
        // combining form (`Sino-US`, `Anglo-Irish`).
        let mut one_name = false;
        for piece in s.split('-') {
            let span = Span::new(w.span.start + at, w.span.start + at + piece.len());
            at += piece.len() + 1;
            if !piece.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let kind = match lex.lookup(piece).first() {
                Some(EntryKind::Country(_) | EntryKind::Place(_)) => EntityKind::Place,
                Some(EntryKind::Demonym(_) | EntryKind::Group(_)) => EntityKind::Group,
                Some(_) => continue,
                None => {
                    one_name |= !ARABIC_ARTICLES.contains(&piece) && !piece.ends_with('o');
                    continue;
                }
            };
            parts.push((span, kind));
        }
        if parts.is_empty() || one_name {
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

/// Lower-case words that, after a place's name, make one mention with it.
const REGION_WORDS: &[&str] = &[
    "province",
    "governorate",
    "region",
    "district",
    "county",
    "area",
];

/// Words and phrases that, after a name, make it a facility.
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

/// `Anbar province`, `Harir airbase`, `Baghdad's international airport`:
/// a place (or an unlabelled capitalised name) followed by a descriptor;
/// an organisation or other name the lexicon does not know followed by a
/// facility's or a division's noun (`Ain Al Asad base`, `the Hayyaniya
/// district`).
pub(super) fn extend_descriptors(
    text: &str,
    u: &Unit,
    lex: &Lexicon,
    first: usize,
    out: &mut [Mention],
) {
    for m in out[first..].iter_mut() {
        // An organisation or other name followed by a facility word is a
        // place too (`Ain Al Asad base`), unless the lexicon knows it.
        let other = matches!(m.kind, EntityKind::Organisation | EntityKind::Misc)
            && lex.lookup(&m.text).is_empty();
        // So is a person's name before an airfield's or a refinery's
        // noun (`Harir airbase`, `Kennedy airport`); not before a word that
        // may name a following or modify what comes after (`the Clinton
        // camp`, `the Trump base`, `the Navalny prison sentence`).
        let person = m.kind == EntityKind::Person;
        if m.kind != EntityKind::Place && !other && !person {
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
        // A name of no known kind before a division's noun is a place
        // (`the Hayyaniya district`; not before `area` or `region`, which
        // may follow an organisation's name as well) when it is a name of
        // its own, each part capitalised and no word of English: not a code
        // (`the grade K-8 district`), an adjective (`the Republican-held
        // district`) nor a body (`the Chicago Police district`).
        let own_name = |w: &str| {
            w.split('-')
                .all(|p| p.starts_with(char::is_uppercase) && p.chars().any(char::is_lowercase))
                && !super::english(w)
        };
        let division = !facility
            && !matches!(word(next), Some("area" | "region"))
            && m.text.split(' ').all(own_name);
        if possessive && !facility || other && (!(facility || division) || possessive) {
            continue;
        }
        let airfield = matches!(
            word(next),
            Some("airbase" | "airport" | "air" | "international" | "military" | "refinery")
        );
        if person && (possessive || !facility || !airfield) {
            continue;
        }
        m.kind = EntityKind::Place;
        let end = u.words[next + n - 1].span.end;
        m.end = end;
        m.text = text[m.start..end].to_string();
        m.subtype = Some(if facility { "facility" } else { "region" }.to_string());
    }
}

/// Nouns of land that make a known place's name the name of a place
/// (`Hong Kong Island`).
const LAND_NOUNS: &[&str] = &[
    "Island",
    "Islands",
    "Peninsula",
    "Valley",
    "Mountains",
    "Desert",
    "Strait",
    "Basin",
];

/// Subtypes and countries from the lexicons.
pub(super) fn refine(text: &str, lex: &Lexicon, m: &mut Mention) {
    abbreviation_stop(text, lex, m);
    let name = &text[m.name_start..m.name_end];
    let name = name.strip_prefix("the ").unwrap_or(name);
    let entries = lex.lookup(name);
    // A US county's name tagged as an organisation is the county
    // (`Laurel County`, `Rapides Parish`: the tagger, trained on 1996
    // Reuters, reads a county as its government).
    if m.kind == EntityKind::Organisation
        && m.start == m.name_start
        && m.end == m.name_end
        && [" County", " Parish", " Borough"].iter().any(|w| name.ends_with(w))
        // Not a club in a results table (`Ross County 1 Queen's Park 1`).
        && !text[m.end..].trim_start().starts_with(|c: char| c.is_ascii_digit())
        && crate::lexicon::towns::towns()
            .lookup(name)
            .any(|t| t.kind == crate::lexicon::towns::TownKind::County)
    {
        m.kind = EntityKind::Place;
    }
    // A known place's name and a noun of land tagged as an organisation
    // is the land (`Hong Kong Island`, `Sinai Peninsula`, `Bekaa Valley`).
    if m.kind == EntityKind::Organisation
        && m.start == m.name_start
        && m.end == m.name_end
        && !text[m.end..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
        && LAND_NOUNS.iter().any(|w| {
            name.strip_suffix(w)
                .and_then(|n| n.strip_suffix(' '))
                .is_some_and(|n| lex.lookup(n).iter().any(|e| lex.is_known_place(e)))
        })
    {
        m.kind = EntityKind::Place;
    }
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
                        m.country = Some(lex.countries[i as usize].iso.to_string());
                    }
                    EntryKind::Place(i) => {
                        let p = &lex.places[i as usize];
                        m.subtype.get_or_insert_with(|| match p.kind {
                            PlaceKind::City => "city".into(),
                            PlaceKind::Region => "region".into(),
                            k => k.as_str().into(),
                        });
                        m.country = Some(p.country.to_string()).filter(|c| !c.is_empty());
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
                m.subtype = Some(o.kind.to_string());
                if !o.country.is_empty() {
                    m.country = Some(o.country.to_string());
                }
            }
        }
        EntityKind::Person => {}
    }
}

/// A name that is an abbreviation of the lexicon only with the full stop
/// the tokeniser left out of it (`W.Va.`, `Calif.`, `Ga.`: the stop also
/// ends a sentence, or stands before ` --`) takes the stop back.
fn abbreviation_stop(text: &str, lex: &Lexicon, m: &mut Mention) {
    if m.end != m.name_end || !text[m.end..].starts_with('.') {
        return;
    }
    let name = &text[m.name_start..m.name_end];
    if !name.ends_with(|c: char| c.is_ascii_alphabetic()) || !lex.lookup(name).is_empty() {
        return;
    }
    // `W.Va`, `Calif`, `N.Y`; not an acronym ending a sentence (`LA.`).
    if !name.contains('.') && !name.contains(|c: char| c.is_lowercase()) {
        return;
    }
    if lex.lookup(&text[m.name_start..m.name_end + 1]).is_empty() {
        return;
    }
    m.end += 1;
    m.name_end += 1;
    m.text = text[m.start..m.end].to_string();
}

/// A group's subtype and (for a nationality) country from lexicon entry `e`.
fn set_group(lex: &Lexicon, m: &mut Mention, e: EntryKind) {
    match e {
        EntryKind::Demonym(i) => {
            m.subtype = Some("nationality".into());
            m.country = Some(lex.countries[i as usize].iso.to_string());
        }
        EntryKind::Group(i) => m.subtype = Some(lex.groups[i as usize].kind.to_string()),
        _ => {}
    }
}
