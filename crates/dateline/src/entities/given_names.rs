//! People the tagger took for organisations or places because it had
//! never seen their surname (`Elizabeth Quat`, `Regina Ip`, tagged as
//! organisations by a tagger trained on 1996 Reuters copy), or their given
//! name alone (`their nine-month-old child, Gloria`), read with the census
//! list of given names (`lexicon::given_names`).

use std::collections::{HashMap, HashSet};

use super::article_names::INSTITUTION_HEADS;
use super::{english, EntityKind, Mention};
use crate::lexicon::{given_names, EntryKind, Lexicon};

/// Above this confidence the tagger's kind stands (`Morgan Stanley`).
const UNSURE: f32 = 0.9;

/// The least share of the population (percent) of a given name that opens
/// a person's name: `Morgan` (0.04) and `Jordan` (0.07) count, `Paris`
/// (0.007), `India` and `China` do not.
pub(super) const MIN_SHARE: f32 = 0.01;

/// The least share of a given name that is a person on its own, with a
/// noun of kin or of people before it in the article.
const MIN_SHARE_ALONE: f32 = 0.05;

/// Nouns of kin and of people that a given name may stand after, as an
/// apposition (`their child, Gloria`) or a title (`his daughter Gloria`).
const KIN: &[&str] = &[
    "child",
    "daughter",
    "son",
    "wife",
    "husband",
    "mother",
    "father",
    "brother",
    "sister",
    "baby",
    "girl",
    "boy",
    "girlfriend",
    "boyfriend",
    "fiancée",
    "fiancee",
    "fiancé",
    "widow",
    "niece",
    "nephew",
    "cousin",
    "aunt",
    "uncle",
    "granddaughter",
    "grandson",
    "grandmother",
    "grandfather",
    "stepdaughter",
    "stepson",
    "twin",
    "mum",
    "mom",
    "dad",
];

/// Endings of English nouns that few surnames outside the census list have
/// (`Division`, `Fellowship`, `Harmony`, `Parade`).
const ENGLISH_ENDINGS: &[&str] = &[
    "ion", "ship", "ment", "ness", "ity", "ism", "ance", "ence", "ure", "ade", "ony", "ery", "ory",
    "ary", "ics", "ing",
];

/// Whether `w` reads as a surname: a capitalised word of letters (an
/// apostrophe inside allowed: `O'Keeffe`; each part of a hyphenated one
/// capitalised: `Kilroy-Silk`, not `Jackson-style`), no lexicon name and
/// no institution's noun, no word of English the syntax model knows in
/// lower case (`Plan`, `Street`, though census surnames), and either a
/// surname of the census list or neither a plural (`Cruises`) nor ending
/// as English nouns do (`Division`).
fn surname_like(w: &str, lex: &Lexicon) -> bool {
    let part_ok = |p: &str| {
        let mut chars = p.chars();
        chars.next().is_some_and(char::is_uppercase)
            && p.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
            && p.chars().skip(1).any(char::is_lowercase)
            && !p.ends_with(['\'', '’'])
    };
    if w.chars().count() < 2
        || !w.split('-').all(part_ok)
        || !lex.lookup(w).is_empty()
        || INSTITUTION_HEADS.contains(&w)
    {
        return false;
    }
    if english(w) {
        return false;
    }
    if w.contains('-') || given_names::is_surname(w) {
        return true;
    }
    let lower = w.to_lowercase();
    !lower.ends_with('s') && !ENGLISH_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Whether `name` (two or three words) reads as a person's: a given name
/// of the census list (and a second one in the middle of three words), a
/// surname last, the whole no lexicon name.
pub(super) fn person_like(name: &str, lex: &Lexicon) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    let given = |w: &str| given_names::share(w).is_some_and(|s| s >= MIN_SHARE);
    // Three words when the second is a given name too (`Mary Ann
    // Smith`; not `Lola Ford Cosworth`, a racing car).
    let middle_ok = words.len() == 2 || words.get(1).is_some_and(|w| given(w));
    (2..=3).contains(&words.len())
        && given(words[0])
        && middle_ok
        && surname_like(words[words.len() - 1], lex)
        && lex.lookup(name).is_empty()
}

/// Splits a name the tagger read as one that is a person and the body or
/// place the person is of (`Eunice Yung of New People's Party`, `Matthew
/// Ingram of The Globe and Mail`, `Elizabeth Quat of DAB`): the words
/// before `of`, two or more, are a name the article gives elsewhere as a
/// person's, or a given name that is no English word (`My Summer of Love`
/// is a film) and a surname ([`person_like`]); the words after it (a
/// lower-case `the` left out) open with a capital. However sure the
/// tagger was of the whole (0.901 for `Eunice Yung of New People's
/// Party`). Both parts keep the mention's unit and confidence; the rest is
/// a place where the lexicon knows it as a place every reader knows
/// ([`Lexicon::is_known_place`]), else an organisation. `out` stays in
/// text order.
pub(super) fn people_of_bodies(text: &str, lex: &Lexicon, out: &mut Vec<Mention>) {
    let split_at = |m: &Mention| -> Option<(usize, usize)> {
        if m.start != m.name_start || m.end != m.name_end || m.kind == EntityKind::Group {
            return None;
        }
        let of = m.text.find(" of ")?;
        let body = if m.text[of + 4..].starts_with("the ") {
            of + 8
        } else {
            of + 4
        };
        m.text[body..]
            .starts_with(char::is_uppercase)
            .then_some((of, body))
    };
    let mut splits: Vec<(usize, usize, usize)> = out
        .iter()
        .enumerate()
        .filter_map(|(i, m)| split_at(m).map(|(of, body)| (i, of, body)))
        .collect();
    if splits.is_empty() {
        return;
    }
    let people: HashSet<&str> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| &text[m.name_start..m.name_end])
        .collect();
    splits.retain(|&(i, of, _)| {
        let person = &out[i].text[..of];
        let first = person.split(' ').next().unwrap_or(person);
        person.contains(' ')
            && (people.contains(person) || (person_like(person, lex) && !english(first)))
    });
    if splits.is_empty() {
        return;
    }
    let old = std::mem::take(out);
    out.reserve(old.len() + splits.len());
    let mut next = splits.iter().peekable();
    for (i, m) in old.into_iter().enumerate() {
        let Some(&(_, of, body)) = next.next_if(|s| s.0 == i) else {
            out.push(m);
            continue;
        };
        let body_text = &m.text[body..];
        let place = lex.lookup(body_text).iter().any(|e| lex.is_known_place(e));
        let rest = super::mention(
            text,
            crate::span::Span::new(m.start + body, m.end),
            if place {
                EntityKind::Place
            } else {
                EntityKind::Organisation
            },
            m.confidence,
            m.unit,
        );
        let person = super::mention(
            text,
            crate::span::Span::new(m.start, m.start + of),
            EntityKind::Person,
            m.confidence,
            m.unit,
        );
        out.push(person);
        out.push(rest);
    }
}

/// Whether the tagger read `m` as an organisation, a place or another
/// name with less than `below` confidence, and without a descriptor: a
/// reading the article's other evidence may overrule.
fn doubtful(m: &Mention, below: f32) -> bool {
    matches!(
        m.kind,
        EntityKind::Organisation | EntityKind::Place | EntityKind::Misc
    ) && m.confidence < below
        && m.start == m.name_start
        && m.end == m.name_end
}

/// Makes people of the names that a given name opens (rule one) or is
/// (rule two), where the tagger was unsure of another kind.
pub(super) fn people(text: &str, lex: &Lexicon, out: &mut [Mention]) {
    let unsure = |m: &Mention| doubtful(m, UNSURE);
    // One: `Elizabeth Quat`, `Regina Ip`: a given name (or two) and a
    // surname, the whole no lexicon name.
    for m in out.iter_mut().filter(|m| unsure(m)) {
        if !person_like(&m.text, lex) {
            continue;
        }
        m.kind = EntityKind::Person;
        m.subtype = None;
    }
    // Two: `Gloria` alone, as an organisation, a place or another name,
    // where the article puts it after a noun of kin (`their child,
    // Gloria`, `his daughter Gloria`) and the lexicon knows it as no
    // organisation, country or group: that mention is the person (one read
    // as a place only before punctuation: `their child, Gloria.`), and so
    // are the name's other mentions but those read as places (`Virginia`
    // the state, elsewhere in the article of `his daughter Virginia`).
    // Read at the mentions themselves (not by searching the text for the
    // name), so the step stays linear in the article.
    let mut alone: HashSet<String> = HashSet::new();
    let mut after_kin: Vec<usize> = Vec::new();
    for (i, m) in out.iter().enumerate().filter(|(_, m)| unsure(m)) {
        let name = m.text.as_str();
        if name.contains(' ')
            || !given_names::share(name).is_some_and(|s| s >= MIN_SHARE_ALONE)
            || lex
                .lookup(name)
                .iter()
                .any(|e| !matches!(e, crate::lexicon::EntryKind::Place(_)))
        {
            continue;
        }
        // The word before the name, a comma and spaces between allowed;
        // at most 40 bytes back, so each mention costs a bounded look.
        let mut from = m.start.saturating_sub(40);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = text[from..m.start].trim_end_matches(' ');
        let before = before
            .strip_suffix(',')
            .unwrap_or(before)
            .trim_end_matches(' ');
        let word = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        // A name read as a place that a lower-case word follows may be the
        // place after all (`The boy's mother, Austin police said`).
        let next_lower = text[m.end..]
            .trim_start_matches(' ')
            .starts_with(char::is_lowercase);
        if KIN.contains(&word.to_lowercase().as_str())
            && !(m.kind == EntityKind::Place && next_lower)
        {
            alone.insert(name.to_string());
            after_kin.push(i);
        }
    }
    if alone.is_empty() {
        return;
    }
    for (i, m) in out.iter_mut().enumerate() {
        let named = m.kind != EntityKind::Place && alone.contains(m.text.as_str());
        if unsure(m) && (named || after_kin.binary_search(&i).is_ok()) {
            m.kind = EntityKind::Person;
            m.subtype = None;
        }
    }
}

/// Below this confidence a mention's kind yields to what the article's
/// other mentions of the name say.
const DOUBTFUL: f32 = 0.5;

/// A name that opens with a given name ([`opens_with_given_name`]) that the tagger read as a person at some
/// mentions and as something else at others (`Andy Warhol` a person seven
/// times and an organisation twice, in `the Andy Warhol exhibit`) is a
/// person at a doubtful mention (under [`DOUBTFUL`], no descriptor) where its mentions
/// read as a person weigh more (the sum of their confidences) than those
/// read as another kind. A possessive `'s` is no part of the name for this
/// (`Andy Warhol's`). Only such names: the tagger's people of one word are
/// too often clubs, bands and products (`Chelsea`, `Muse`, `Linux`), of two
/// words bodies (`Carnegie Mellon`, `Deutsche Boerse`).
pub(super) fn person_names(text: &str, lex: &Lexicon, out: &mut [Mention]) {
    let name = |m: &Mention| {
        let n = &text[m.name_start..m.name_end];
        n.strip_suffix("'s")
            .or_else(|| n.strip_suffix("’s"))
            .unwrap_or(n)
    };
    // Per name: the weight read as a person, the weight read otherwise.
    let mut weight: HashMap<&str, (f32, f32)> = HashMap::new();
    for m in out.iter() {
        if matches!(
            m.kind,
            EntityKind::Person | EntityKind::Organisation | EntityKind::Place | EntityKind::Misc
        ) {
            let w = weight.entry(name(m)).or_default();
            if m.kind == EntityKind::Person {
                w.0 += m.confidence;
            } else {
                w.1 += m.confidence;
            }
        }
    }
    for m in out.iter_mut() {
        let n = name(m);
        if doubtful(m, DOUBTFUL)
            && weight.get(n).is_some_and(|&(p, o)| p > o)
            && opens_with_given_name(n, lex)
        {
            m.kind = EntityKind::Person;
            m.subtype = None;
            m.country = None;
        }
    }
}

/// Whether `name` is two or three words, the first a given name of the
/// census list that is no English word (`Andy`, not `Will`), the last a
/// surname of the census list (not `Olive Tree`, an Italian coalition), and
/// no lexicon name.
fn opens_with_given_name(name: &str, lex: &Lexicon) -> bool {
    let first = name.split(' ').next().unwrap_or(name);
    let last = name.rsplit(' ').next().unwrap_or(name);
    (2..=3).contains(&name.split(' ').count())
        && given_names::share(first).is_some_and(|s| s >= MIN_SHARE)
        && !english(first)
        && given_names::is_surname(last)
        && lex.lookup(name).is_empty()
}

/// Titles of the roles lexicon that in lower case are as often other
/// words: a verb (`to head Soviet Kazakhstan`), an adjective (`the official
/// Agencia Brasil news agency`).
const NOT_TITLES: &[&str] = &["head", "official"];

/// A name of two words or more that a person's title in lower case stands
/// right before (`democracy leader Aung San Suu Kyi`, `opposition leader
/// Morgan Tsvangirai`), that the tagger read as an organisation, a place or
/// another name with less than [`UNSURE`] confidence and that the lexicon
/// does not know, is a person; and so are the article's other doubtful
/// mentions of it or of its last words (`Suu Kyi`), but those read as
/// places. A title in lower case before a name is an apposition (a
/// capitalised one is read with the name by the tagger and `titles`).
pub(super) fn people_after_titles(text: &str, lex: &Lexicon, out: &mut [Mention]) {
    let roles = crate::lexicon::roles::roles_lexicon();
    let mut named: HashSet<&str> = HashSet::new();
    for m in out.iter().filter(|m| doubtful(m, UNSURE)) {
        let name = &text[m.start..m.end];
        let Some(head) = text[..m.start].strip_suffix(' ') else {
            continue;
        };
        let title = head
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let capitalised = name.split(' ').all(|w| w.starts_with(char::is_uppercase));
        // A country's name or demonym opening the name makes it a body
        // (`the official Jordanian TV channel`).
        let national = name.split(' ').next().is_some_and(|w| {
            lex.lookup(w)
                .iter()
                .any(|e| matches!(e, EntryKind::Country(_) | EntryKind::Demonym(_)))
        });
        if title.starts_with(char::is_lowercase)
            && roles.phrases.contains_key(title)
            && !NOT_TITLES.contains(&title)
            && !national
            && name.contains(' ')
            && capitalised
            && lex.lookup(name).is_empty()
        {
            named.insert(name);
        }
    }
    if named.is_empty() {
        return;
    }
    // The names' last words, two or more (`Suu Kyi`; a surname alone is
    // left to `surnames`).
    let mut ends: HashSet<&str> = HashSet::new();
    for n in &named {
        for (i, _) in n.match_indices(' ') {
            let end = &n[i + 1..];
            if end.contains(' ') {
                ends.insert(end);
            }
        }
    }
    for m in out.iter_mut() {
        let name = &text[m.start..m.end];
        let person = named.contains(name) || (m.kind != EntityKind::Place && ends.contains(name));
        if doubtful(m, UNSURE) && person {
            m.kind = EntityKind::Person;
            m.subtype = None;
            m.country = None;
        }
    }
}
