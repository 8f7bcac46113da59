//! Roles and titles (`Secretary of State`, `Mr`, `Gen.`) and the word
//! helpers that read them: shared by the entity layer (where a person's
//! name starts after its titles) and the resolve layer (a person's roles).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{lexicon, EntryKind};
use crate::span::Span;

const ROLES: &str = include_str!("../../data/roles.tsv");

// ------------------------------------------------------------------ roles lexicon

pub(crate) struct RoleEntry {
    pub(crate) title: &'static str,
    pub(crate) function: Option<&'static str>,
}

pub(crate) struct RoleLexicon {
    pub(crate) entries: Vec<RoleEntry>,
    /// Lower-cased phrase (words joined by one space) to entry.
    pub(crate) phrases: HashMap<String, usize>,
    /// Lower-cased first words of the phrases.
    pub(crate) first_words: std::collections::HashSet<String>,
    /// Lower-cased last words of the phrases.
    pub(crate) last_words: std::collections::HashSet<String>,
    pub(crate) longest: usize,
}

pub(crate) fn roles_lexicon() -> &'static RoleLexicon {
    static LEX: OnceLock<RoleLexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut entries = Vec::new();
        let mut phrases = HashMap::new();
        let mut first_words = std::collections::HashSet::new();
        let mut last_words = std::collections::HashSet::new();
        let mut longest = 1;
        for line in ROLES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let title = f.next().unwrap_or("").trim();
            let function = f.next().unwrap_or("-").trim();
            let variants = f.next().unwrap_or("");
            let i = entries.len();
            entries.push(RoleEntry {
                title,
                function: (function != "-" && !function.is_empty()).then_some(function),
            });
            for v in std::iter::once(title).chain(variants.split('|')) {
                let v = v.trim();
                if v.is_empty() {
                    continue;
                }
                let key = v.to_lowercase().trim_end_matches('.').to_string();
                longest = longest.max(key.split(' ').count());
                first_words.insert(key.split(' ').next().unwrap_or("").to_string());
                last_words.insert(key.rsplit(' ').next().unwrap_or("").to_string());
                phrases.entry(key).or_insert(i);
            }
        }
        RoleLexicon {
            entries,
            phrases,
            first_words,
            last_words,
            longest,
        }
    })
}

// ------------------------------------------------------------------ words

/// A word of the text: a run of letters and digits, with inner `-`, `'`,
/// `’` and `.` (`al-Sudani`, `U.S`); a final `.` is left out (`Sen`), and
/// the roles lexicon's keys are stored without it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

pub(crate) fn words(text: &str, span: Span) -> Vec<Word> {
    let s = &text[span.start..span.end];
    let b = s.as_bytes();
    // The length of the letter or digit at byte `i`, if there is one there
    // (ASCII read as bytes, the rest decoded).
    let alnum_at = |i: usize| -> Option<usize> {
        match b.get(i) {
            None => None,
            Some(c) if c.is_ascii() => c.is_ascii_alphanumeric().then_some(1),
            Some(_) => s[i..]
                .chars()
                .next()
                .filter(|c| c.is_alphanumeric())
                .map(char::len_utf8),
        }
    };
    let mut out = Vec::with_capacity(b.len() / 5);
    let mut i = 0;
    while i < b.len() {
        let Some(n) = alnum_at(i) else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let start = i;
        i += n;
        loop {
            if let Some(n) = alnum_at(i) {
                i += n;
                continue;
            }
            // An inner `-`, `'`, `’` or `.` between letters or digits.
            let joiner = match b.get(i) {
                Some(b'-' | b'\'' | b'.') => 1,
                Some(_) if s[i..].starts_with('’') => '’'.len_utf8(),
                _ => 0,
            };
            if joiner > 0 && alnum_at(i + joiner).is_some() {
                i += joiner;
                continue;
            }
            break;
        }
        out.push(Word {
            start: span.start + start,
            end: span.start + i,
        });
    }
    out
}

/// `Trump's` → `Trump`, `Blinken’s` → `Blinken`.
pub(crate) fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix("'"))
        .or_else(|| w.strip_suffix("’"))
        .unwrap_or(w)
}

pub(crate) const PARTICLES: &[&str] = &[
    "al", "el", "ul", "bin", "ibn", "bint", "abu", "van", "von", "der", "den", "de", "del",
    "della", "di", "da", "dos", "du", "la", "le", "st",
];
pub(crate) const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "sheikh",
    "prof",
    "professor",
    "sayyed",
    "sayyid",
    "president",
    "secretary",
    "minister",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "general",
    "gen",
    "king",
    "queen",
    "prince",
    "pope",
    "judge",
    "ambassador",
    "chancellor",
    "mayor",
    "prime",
    "premier",
    "speaker",
    "colonel",
    "col",
    "captain",
    "capt",
    "lt",
    "lieutenant",
    "commander",
    "admiral",
    "sgt",
    "sergeant",
    "major",
    "maj",
];
pub(crate) const FEMALE: &[&str] = &["mrs", "ms", "miss", "dame", "lady", "queen"];
pub(crate) const MALE: &[&str] = &["mr", "sir", "lord", "king", "prince", "sheikh"];

/// Folds a word for comparing names: lower case, accents and apostrophes
/// off (`Al-Sudani` and `al Sudani` compare equal word by word).
pub(crate) fn fold(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for c in strip_possessive(w).chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ā' => {
                'a'
            }
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'É' | 'È' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'Í' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ō' | 'ø' | 'Ó' | 'Ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'Ú' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            'ş' | 'Ş' => 's',
            'ğ' => 'g',
            'ı' => 'i',
            c => c,
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Titles and honorifics written abbreviated with a full stop (`Mr.`,
/// `Gen.`), folded.
pub(crate) const ABBREVIATED_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "maj", "rev", "hon", "pres", "supt", "insp", "det", "cpl", "pvt", "fr", "st",
];

/// Whether a word may end a title or be an honorific (`CEO`, `Minister`,
/// `Mr.`): a cheap test before [`titles_before`].
pub(crate) fn may_end_title(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    roles_lexicon().last_words.contains(&w) || HONORIFICS.contains(&fold(&w).as_str())
}

/// Where the noun phrase of a person's name starts when capitalised titles
/// and honorifics stand right before it (`U.S. President Donald Trump`,
/// `Afghan Ambassador Hamdullah Mohib`, `Mr Biden`): the start of the
/// titles, with a country or demonym before them; `start` when there are
/// none.
pub(crate) fn titles_before(text: &str, line_start: usize, start: usize) -> usize {
    let rl = roles_lexicon();
    let ws = words(text, Span::new(line_start, start));
    let mut k = ws.len();
    let mut begin = start;
    let adjacent = |k: usize, to: usize| text[ws[k - 1].end..to].trim().is_empty();
    loop {
        // An abbreviation's full stop may stand between (`Mr. Tedeschi`,
        // `Gen. Basya`), not a sentence's (`the Secretary. Mr Smith`).
        let dotted = k > 0
            && text[ws[k - 1].end..begin].trim() == "."
            && ABBREVIATED_TITLES.contains(&fold(&text[ws[k - 1].start..ws[k - 1].end]).as_str());
        if k == 0 || !(adjacent(k, begin) || dotted) {
            break;
        }
        // The longest title or honorific ending at word k.
        let mut hit = None;
        for n in (1..=rl.longest.min(k)).rev() {
            if dotted && n > 1 {
                continue;
            }
            let phrase = text[ws[k - n].start..ws[k - 1].end].to_lowercase();
            let phrase = phrase.trim_end_matches('.');
            let first = &text[ws[k - n].start..ws[k - n].end];
            if first.starts_with(char::is_uppercase)
                && (rl.phrases.contains_key(phrase)
                    || (n == 1 && HONORIFICS.contains(&fold(phrase).as_str())))
            {
                hit = Some(k - n);
                break;
            }
        }
        match hit {
            Some(h) => {
                k = h;
                begin = ws[h].start;
            }
            None => break,
        }
    }
    if begin == start {
        return start;
    }
    // A country or demonym before the titles (`U.S.`, `Afghan`).
    if k > 0 && adjacent(k, begin) {
        let w = &text[ws[k - 1].start..ws[k - 1].end];
        if lexicon()
            .lookup(w)
            .iter()
            .any(|e| matches!(e, EntryKind::Country(_) | EntryKind::Demonym(_)))
        {
            begin = ws[k - 1].start;
        }
    }
    begin
}
