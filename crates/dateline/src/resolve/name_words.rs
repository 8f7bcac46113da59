//! Comparing names: the words of a name that identify it, acronyms and
//! initials, company names without their legal form, and the small slips
//! (one letter) that still name the same person. Pure functions of the
//! names, used by the name pass.

use std::sync::OnceLock;

use crate::lexicon::roles::{fold, HONORIFICS, PARTICLES};

/// The words of a name, folded, split at spaces and hyphens, without a
/// leading `the` or honorifics.
pub(super) fn name_words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    if out.first().is_some_and(|w| w == "the") {
        out.remove(0);
    }
    while out.len() > 1 && HONORIFICS.contains(&out[0].as_str()) {
        out.remove(0);
    }
    out
}

/// The words of a person's name that identify (particles dropped).
pub(super) fn content_words(words: &[String]) -> Vec<&str> {
    let kept: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !PARTICLES.contains(w))
        .collect();
    if kept.is_empty() {
        words.iter().map(String::as_str).collect()
    } else {
        kept
    }
}

/// The words as owned strings.
pub(super) fn owned(words: Vec<&str>) -> Vec<String> {
    words.into_iter().map(str::to_string).collect()
}

pub(super) use crate::lexicon::initials;

/// An acronym as written: two to six capitals, dots allowed (`U.A.W.`).
pub(super) fn acronym(text: &str) -> Option<String> {
    let letters: String = text.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    ((2..=6).contains(&n) && letters.chars().all(|c| c.is_ascii_uppercase())).then_some(letters)
}

/// Words that, after a distinctive word, make an organisation's name whose
/// distinctive word alone still names it (`Freedom Magazine`, `Likud Party`).
const ORG_HEADS: &[&str] = &[
    "magazine",
    "newspaper",
    "party",
    "group",
    "inc",
    "corp",
    "corporation",
    "company",
    "co",
    "ltd",
    "plc",
    "llc",
    "movement",
    "church",
    "foundation",
    "airlines",
    "airways",
    "motors",
    "motor",
    "computer",
];

/// Words after a company's name that give its structure rather than which
/// company it is; with the entity layer's legal forms (`Inc.`, `SpA`), the
/// corporate suffixes.
const CORPORATE_WORDS: &[&str] = &[
    "company",
    "corporation",
    "group",
    "holding",
    "holdings",
    "limited",
    "incorporated",
];

/// A folded name word that is a corporate suffix (`inc`, `spa`, `group`).
pub(super) fn corporate_suffix(w: &str) -> bool {
    static FORMS: OnceLock<Vec<String>> = OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        crate::entities::LEGAL_FORMS
            .iter()
            .map(|f| fold(f))
            .collect()
    });
    CORPORATE_WORDS.contains(&w) || forms.iter().any(|f| f == w)
}

/// A company's name words without its legal form (`general motors` of
/// `general motors corporation`); never empty when `key` is not.
pub(super) fn corporate_core<S: AsRef<str>>(key: &[S]) -> &[S] {
    let mut n = key.len();
    while n > 1 && corporate_suffix(key[n - 1].as_ref()) {
        n -= 1;
    }
    &key[..n]
}

/// A company's name as written without its legal form (`General Motors`
/// of `General Motors Corporation`), for its initials.
pub(super) fn corporate_name(name: &str) -> &str {
    let mut name = name.trim_end();
    while let Some((head, last)) = name.rsplit_once(' ') {
        if !corporate_suffix(&fold(last)) {
            break;
        }
        name = head.trim_end_matches([' ', ',']);
    }
    name
}

/// Two names of one organisation: the same once their legal forms are off
/// (`General Motors`, `General Motors Corporation`, `Fiat Group SpA` and
/// `Fiat`), or a one-word name and the same word with the noun of what the
/// body is (`Freedom Magazine`, `Ford Motor Company`).
pub(super) fn same_company(a: &[String], b: &[String]) -> bool {
    let (ca, cb) = (corporate_core(a), corporate_core(b));
    if ca == cb {
        // The legal forms differ (`Corp.`, `Corporation`) or one lacks one.
        return true;
    }
    let (short, long) = if ca.len() < cb.len() {
        (ca, cb)
    } else {
        (cb, ca)
    };
    short.len() == 1
        && long.len() == 2
        && long[0] == short[0]
        && ORG_HEADS.contains(&long[1].as_str())
}

/// Two full names of a person that differ by one letter in one word
/// (`Kristin Wilkins`, `Kristen Wilkins`): a spelling slip, one person.
pub(super) fn same_but_a_letter<S: AsRef<str>, T: AsRef<str>>(a: &[S], b: &[T]) -> bool {
    if a.len() != b.len() || a.len() < 2 {
        return false;
    }
    let mut slips = 0;
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.as_ref(), y.as_ref());
        if x == y {
            continue;
        }
        let one_sub = x.chars().count() == y.chars().count()
            && x.chars().count() >= 4
            && x.chars().zip(y.chars()).filter(|(p, q)| p != q).count() == 1;
        if !one_sub {
            return false;
        }
        slips += 1;
    }
    slips == 1
}

/// Whether the words `long` end with the words `short` (not empty).
pub(super) fn ends_with<S: AsRef<str>, T: AsRef<str>>(long: &[S], short: &[T]) -> bool {
    !short.is_empty()
        && short.len() <= long.len()
        && long[long.len() - short.len()..]
            .iter()
            .zip(short)
            .all(|(a, b)| a.as_ref() == b.as_ref())
}
