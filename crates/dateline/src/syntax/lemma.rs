//! Lemmas: suffix rules learnt from the training data (for a Penn tag and
//! the last one to four letters of the word: how many letters to cut and
//! what to add, so `-ies` NNS → `-y`, `-ated` VBD → `-ate`), plus the
//! exceptions where the rules are wrong (`went` → `go`, `n't` → `not`,
//! `'s` VBZ → `be`). Proper nouns keep their case; other lemmas are lower
//! case.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::feats::{Backoff, Pool};
use super::model::{key, Reader};
use super::tagger::WordInfo;

/// The lemmatiser's tables.
#[derive(Debug, Default, Clone)]
pub(crate) struct Lemmatizer {
    /// Rules `"cut|add"`.
    pub rules: Pool,
    /// (tag, suffix) → rule.
    pub by_suffix: Backoff,
    /// Lemma strings of the exceptions.
    pub lemmas: Pool,
    /// (word, tag) → lemma.
    pub exceptions: Backoff,
    /// Per Penn tag: whether a capitalised word that does not start its
    /// sentence keeps its case in the lemma (`American` JJ), learnt from
    /// the training data.
    pub keep_case: Vec<bool>,
    /// Per rule id: (letters to cut, text to add).
    pub parsed: Vec<(usize, String)>,
}

/// Keys of the suffix rule table, longest suffix first.
pub(crate) fn rule_keys(w: &WordInfo, xpos: u16) -> [u64; 5] {
    let x = xpos as u64;
    [
        key(400, x, w.suf[3], 0),
        key(400, x, w.suf[2], 0),
        key(400, x, w.suf[1], 0),
        key(400, x, w.suf[0], 0),
        key(401, x, 0, 0),
    ]
}

/// Key of the exception table.
pub(crate) fn exception_key(w: &WordInfo, xpos: u16) -> [u64; 1] {
    [key(402, w.lraw, xpos as u64, 0)]
}

/// The rule that turns `form` into `lemma` (both lower case).
pub(crate) fn rule_of(form: &str, lemma: &str) -> String {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    let cut = f.len() - common;
    let add: String = l[common..].iter().collect();
    format!("{cut}|{add}")
}

fn parse_rule(r: &str) -> (usize, String) {
    let (cut, add) = r.split_once('|').unwrap_or(("0", ""));
    (cut.parse().unwrap_or(0), add.to_string())
}

/// Applies a rule to `form`, keeping its case where the rule keeps letters.
pub(crate) fn apply(form: &str, cut: usize, add: &str) -> String {
    let n = form.chars().count();
    if cut > n || (cut == n && add.is_empty()) {
        return form.to_string();
    }
    let keep: String = form.chars().take(n - cut).collect();
    keep + add
}

impl Lemmatizer {
    /// Builds the lookup of parsed rules (after reading or training).
    pub fn finish(mut self) -> Self {
        self.parsed = self.rules.strings.iter().map(|r| parse_rule(r)).collect();
        self
    }

    /// Whether the lemma of a word tagged `xpos` keeps the word's case:
    /// capitalised, not the first of its sentence, and a tag whose
    /// capitalised words keep their case in training.
    #[inline]
    pub fn keeps_case(&self, w: &WordInfo, xpos: u16, first: bool) -> bool {
        !first && w.flags & 1 != 0 && self.keep_case.get(xpos as usize) == Some(&true)
    }

    /// The lemma of `form` (its [`WordInfo`] `w`) tagged `xpos`; `proper`
    /// keeps the case.
    pub fn lemma(&self, form: &str, w: &WordInfo, xpos: u16, proper: bool) -> Cow<'_, str> {
        if let Some(e) = self.exceptions.get(&exception_key(w, xpos)) {
            return Cow::Borrowed(self.lemmas.strings[e as usize].as_str());
        }
        let out = match self.by_suffix.get(&rule_keys(w, xpos)) {
            Some(r) => {
                let (cut, add) = &self.parsed[r as usize];
                if *cut == 0 && add.is_empty() {
                    form.to_string()
                } else {
                    apply(form, *cut, add)
                }
            }
            None => form.to_string(),
        };
        if proper || out.chars().all(|c| !c.is_uppercase()) {
            Cow::Owned(out)
        } else {
            Cow::Owned(out.to_lowercase())
        }
    }

    /// Serialises the tables.
    pub fn write(&self, out: &mut Vec<u8>) {
        self.rules.write(out);
        self.by_suffix.write(out);
        self.lemmas.write(out);
        self.exceptions.write(out);
        super::model::varint(out, self.keep_case.len() as u64);
        out.extend(self.keep_case.iter().map(|&k| k as u8));
    }

    /// Reads tables written by [`Lemmatizer::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, String> {
        let rules = Pool::read(r)?;
        let by_suffix = Backoff::read(r, rules.strings.len())?;
        let lemmas = Pool::read(r)?;
        let exceptions = Backoff::read(r, lemmas.strings.len())?;
        let n = r.varint()? as usize;
        let keep_case = r.take(n)?.iter().map(|&b| b != 0).collect();
        Ok(Lemmatizer {
            rules,
            by_suffix,
            lemmas,
            exceptions,
            keep_case,
            parsed: Vec::new(),
        }
        .finish())
    }
}

/// Lemmas and verb forms the rules' verb lemmas are checked against
/// (`data/lemmas.tsv`, built by `scripts/data/build_lemmas.py` from GUM's
/// lemmas and the CAMEO verb dictionary).
struct Known {
    lemmas: HashSet<&'static str, foldhash::fast::FixedState>,
    forms: HashMap<&'static str, &'static str, foldhash::fast::FixedState>,
}

fn known() -> &'static Known {
    static K: OnceLock<Known> = OnceLock::new();
    K.get_or_init(|| {
        let mut k = Known {
            lemmas: HashSet::default(),
            forms: HashMap::default(),
        };
        for line in include_str!("../../data/lemmas.tsv").lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            match line.split_once('\t') {
                Some((form, lemma)) => {
                    k.forms.insert(form, lemma);
                }
                None => {
                    k.lemmas.insert(line);
                }
            }
        }
        k
    })
}

/// Whether `lower`, a word in lower case, is a lemma or a verb form of the
/// lemma list (`update`, `updated`): a word of English, for layers that
/// tell names from words.
pub(crate) fn listed(lower: &str) -> bool {
    let k = known();
    k.lemmas.contains(lower) || k.forms.contains_key(lower)
}

/// The regular stems a verb form may come from, most likely first:
/// `bombed` → `bomb`, `bombe`; `stabbing` → `stabb`, `stabbe`, `stab`;
/// `carried` → `carri`, `carrie`, `carry`; `pushes` → `pushe`, `push`;
/// `taxes` (NNS) → `taxe`, `tax`.
fn stems(f: &str, xpos: &str) -> Vec<String> {
    let mut out = Vec::new();
    let cut = |suffix: &str| f.strip_suffix(suffix).filter(|s| s.len() >= 2);
    match xpos {
        "VBD" | "VBN" | "VBG" => {
            let Some(s) = cut(if xpos == "VBG" { "ing" } else { "ed" }) else {
                return out;
            };
            out.push(s.to_string());
            out.push(format!("{s}e"));
            let b = s.as_bytes();
            if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
                out.push(s[..s.len() - 1].to_string());
            }
            if let Some(r) = s.strip_suffix('i') {
                out.push(format!("{r}y"));
            }
        }
        "VBZ" | "NNS" => {
            if let Some(s) = cut("s") {
                out.push(s.to_string());
            }
            // `-es` after a hiss only (`taxes`, `pushes`; not `aides`).
            if let Some(s) = cut("es").filter(|s| s.ends_with(['s', 'x', 'z', 'h'])) {
                out.push(s.to_string());
            }
            if let Some(s) = cut("ies") {
                out.push(format!("{s}y"));
            }
        }
        _ => {}
    }
    out
}

/// The lemma of verb form `form` tagged `xpos` (`VBD`, `VBN`, `VBG`,
/// `VBZ`; also a plural noun, `NNS`) when the suffix rules' `lemma` is no
/// word the lists know: a
/// listed verb form's lemma (`withdrew` → `withdraw`; also where the rules
/// left the form whole: `shot` → `shoot`), else the regular stem
/// that is a known word (`bombed` → `bomb`, `ruled` → `rule`, `stabbed`
/// → `stab`), the one closest to the rules' lemma where several are.
/// `None` keeps the rules' lemma (a known word, or no better one found).
pub(crate) fn checked_lemma(form: &str, xpos: &str, lemma: &str) -> Option<String> {
    if !matches!(xpos, "VBD" | "VBN" | "VBG" | "VBZ" | "NNS") || !form.is_ascii() {
        return None;
    }
    if lemma.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let k = known();
    let word = k.lemmas.contains(lemma);
    // Most words: a known lemma the rules cut from the form.
    if word && !lemma.eq_ignore_ascii_case(form) {
        return None;
    }
    let f = form.to_ascii_lowercase();
    // A listed form whose lemma the rules did not find: cut to no word, or
    // left whole (`shot`, a noun too).
    let verb = xpos != "NNS";
    if let Some(&l) = k.forms.get(f.as_str()).filter(|_| verb) {
        return (l != lemma).then(|| l.to_string());
    }
    if word {
        return None;
    }
    let common = |s: &str| {
        s.bytes()
            .zip(lemma.bytes())
            .take_while(|(a, b)| a == b)
            .count()
    };
    stems(&f, xpos)
        .into_iter()
        .filter(|s| k.lemmas.contains(s.as_str()))
        .enumerate()
        .max_by_key(|(i, s)| (common(s), std::cmp::Reverse(*i)))
        .map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_cut_and_add() {
        assert_eq!(rule_of("studies", "study"), "3|y");
        assert_eq!(rule_of("created", "create"), "1|");
        assert_eq!(rule_of("went", "go"), "4|go");
        assert_eq!(apply("Studies", 3, "y"), "Study");
        assert_eq!(apply("went", 4, "go"), "go");
    }

    #[test]
    fn lemmas_the_rules_cut_wrong_are_words_again() {
        // What the GUM rules gave for forms GUM does not have.
        for (form, xpos, rules, want) in [
            ("bombed", "VBD", "bombe", "bomb"),
            ("raided", "VBD", "raide", "raid"),
            ("looted", "VBN", "loote", "loot"),
            ("stabbed", "VBD", "stabbe", "stab"),
            ("ruled", "VBD", "rul", "rule"),
            ("detained", "VBN", "detaine", "detain"),
            ("trading", "VBG", "trad", "trade"),
            ("controlled", "VBD", "controll", "control"),
            ("withdrew", "VBD", "withdrow", "withdraw"),
            ("Shot", "VBD", "shot", "shoot"),
            ("taxes", "NNS", "taxe", "tax"),
            ("viruses", "NNS", "viruse", "virus"),
        ] {
            assert_eq!(
                checked_lemma(form, xpos, rules).as_deref(),
                Some(want),
                "{form}"
            );
        }
        // A known lemma, another tag, a name's case: left as they are.
        assert_eq!(checked_lemma("attacked", "VBD", "attack"), None);
        assert_eq!(checked_lemma("bombed", "JJ", "bombe"), None);
        // `-es` is cut after a hiss only: `aides` stays `aide`.
        assert_eq!(checked_lemma("aides", "NNS", "aide"), None);
        assert_eq!(checked_lemma("Qxzed", "VBD", "Qxze"), None);
        assert_eq!(checked_lemma("qxzed", "VBD", "qxze"), None);
    }

    /// FNV-1a 64 of `data/lemmas.tsv`, to catch the list edited by hand
    /// instead of rebuilt by `scripts/data/build_lemmas.py`.
    const GENERATED: &str = "3720f3b9aee1c289";

    #[test]
    fn word_list_has_the_recorded_checksum_and_its_forms_known_lemmas() {
        use super::super::model::{fnv_byte, FNV0};
        let data = include_str!("../../data/lemmas.tsv");
        let sum = format!("{:016x}", data.bytes().fold(FNV0, fnv_byte));
        assert_eq!(
            sum, GENERATED,
            "rebuild with scripts/data/build_lemmas.py, record the sum"
        );
        let k = known();
        assert!(k.lemmas.len() > 7_000 && k.forms.len() > 2_000);
        // Every form's lemma is a listed lemma, and no form is its own.
        for (f, l) in &k.forms {
            assert!(k.lemmas.contains(l) && f != l, "{f} -> {l}");
        }
    }
}
