//! The part-of-speech tagger: a greedy left-to-right averaged perceptron
//! over Penn Treebank tags (XPOS), with word, affix, shape and context
//! features (Collins 2002; Honnibal's "A good part-of-speech tagger in
//! about 200 lines"). Frequent words that always carry one tag in the
//! training data take it from a tag dictionary without scoring. The
//! universal tag (UPOS) comes after the parse, from the Penn tag, the word
//! and its relation (see `feats.rs`).

use super::model::{fnv_byte, key, KeyMap, Scorer, FNV0};

/// What the tagger and the parser know of one word, computed once.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordInfo {
    /// Lower case, digits folded to `0`, curly quotes straightened.
    pub lw: u64,
    /// Lower case, digits kept (lemma and feature look-ups).
    pub lraw: u64,
    /// The exact form (tag dictionary).
    pub form: u64,
    /// Hashes of the last 1..=4 characters of the lower-case form.
    pub suf: [u64; 4],
    /// Hash of the first character.
    pub pre1: u64,
    /// Hashes of the first two and three characters of the lower-case
    /// form.
    pub pre: [u64; 2],
    /// Collapsed shape (`Xx`, `d,d`, `x'x`).
    pub shape: u64,
    /// The word's ambiguity class: the set of tags (bit `t % 64` for tag `t`)
    /// it carries in the training data, 0 for a rare or unseen word
    /// (filled by [`fill_classes`]).
    pub amb: u64,
    /// 1: first character upper case; 2: has a digit; 4: has a hyphen;
    /// 8: all upper case.
    pub flags: u8,
    /// A capitalised word the shared lexicons give as a nationality or an
    /// ethnic or religious group, in the singular (`Israeli`, `Sunni`,
    /// `Kurdish`; not `Israelis`, no political group such as `Islamist`,
    /// not `U.S.`, not one that names a person: `PERSON_NATIONALITIES`,
    /// `Icelander`). Read only at run time ([`Nationalities`]), never a
    /// feature.
    pub nationality: bool,
    /// The first character is a letter.
    pub letter: bool,
}

/// Nationalities that name a person and are no adjective (`the Briton
/// managed`, `Pole vaulter Yelena Isinbayeva`); so is any in `-er`
/// (`Icelander`).
const PERSON_NATIONALITIES: [&str; 12] = [
    "brit", "briton", "croat", "dane", "finn", "kurd", "pole", "scot", "serb", "spaniard", "swede",
    "turk",
];

/// Whether a capitalised word, given in lower case, is a nationality or an
/// ethnic or religious group in the singular that can be an adjective
/// ([`WordInfo::nationality`]).
fn nationality(lower: &str) -> bool {
    use crate::lexicon::{lexicon, EntryKind};
    if (lower.ends_with('s') && !lower.ends_with("ss"))
        || lower.ends_with("er")
        || PERSON_NATIONALITIES.contains(&lower)
    {
        return false;
    }
    let lex = lexicon();
    lex.lookup_lower(lower).iter().any(|e| match *e {
        EntryKind::Demonym(_) => true,
        EntryKind::Group(g) => lex
            .groups
            .get(g as usize)
            .is_some_and(|g| g.kind != "political"),
        _ => false,
    })
}

/// The adjective tag that a nationality takes before a common noun, and
/// the tags (as ambiguity-class bits) that make a word such a noun.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Nationalities {
    /// Tag index of `JJ`.
    pub jj: u16,
    /// Bit of `NN` (as in an ambiguity class) and its tag index.
    pub nn: (u64, u16),
    /// Bit of `NNS` and its tag index.
    pub nns: (u64, u16),
}

impl Nationalities {
    /// The tags of a model's tag list (`None` without `JJ`, `NN` or `NNS`).
    pub fn of(tags: &[String]) -> Option<Nationalities> {
        let at = |t: &str| tags.iter().position(|x| x == t);
        let tag = |t: &str| at(t).map(|i| (1u64 << (i % 64), i as u16));
        Some(Nationalities {
            jj: at("JJ")? as u16,
            nn: tag("NN")?,
            nns: tag("NNS")?,
        })
    }

    /// Whether word `i` is a lower-case word that the training text uses
    /// as a noun.
    fn nominal(&self, words: &[WordInfo], i: usize) -> bool {
        words
            .get(i)
            .is_some_and(|w| w.flags & 1 == 0 && w.letter && w.amb & (self.nn.0 | self.nns.0) != 0)
    }

    /// `JJ` for word `i` when it is a nationality ([`WordInfo::nationality`])
    /// right before a lower-case word that the training text uses as a
    /// noun, or, opening the sentence, one it never used: `Sunni militants`,
    /// `Palestinian gunmen`, `Israeli jets struck`. The training text names
    /// few of the world's nationalities, and one opening a sentence was read
    /// as a name and its noun as a verb (`Israeli/NNP jets/VBZ`). Before a
    /// capitalised word (`Israeli Prime Minister`, `Arab League`), a word
    /// that is only a verb or an adjective (`the 27-year-old Austrian
    /// said`, `The Swiss sounded`) or a new word after the sentence's start
    /// (`the Spaniard ousted`) the model decides.
    #[inline]
    pub fn adjective(&self, words: &[WordInfo], i: usize) -> Option<u16> {
        let w = words.get(i)?;
        let new_noun = i == 0
            && words
                .get(1)
                .is_some_and(|x| x.flags & 1 == 0 && x.letter && x.amb == 0);
        (w.nationality && (self.nominal(words, i + 1) || new_noun)).then_some(self.jj)
    }

    /// Re-tags the word before a nationality that
    /// [`Nationalities::adjective`] tagged (`tag`, word `i - 1`) as an
    /// adjective when the tagger made it a singular noun that the training
    /// text also uses as an adjective, or never used: `a senior/NN Afghan
    /// officer` read `senior` as the noun the phrase hangs on.
    pub fn adjective_before(&self, words: &[WordInfo], i: usize, tag: &mut u16) {
        let Some(w) = i.checked_sub(1).and_then(|j| words.get(j)) else {
            return;
        };
        let adjective = w.amb == 0 || w.amb & (1u64 << (self.jj % 64)) != 0;
        if *tag == self.nn.1 && w.flags & 1 == 0 && w.letter && adjective {
            *tag = self.jj;
        }
    }

    /// The noun tag of word `i` right after a nationality that
    /// [`Nationalities::adjective`] tagged, when the word can only be the
    /// phrase's head: the training text uses it as a singular noun or as a
    /// plural one, not both, and no noun follows it. After an adjective the
    /// tagger read `official` and `military` as adjectives too (`A senior
    /// Kuwaiti official said`).
    #[inline]
    pub fn head_noun(&self, words: &[WordInfo], i: usize) -> Option<u16> {
        let amb = words.get(i)?.amb;
        if self.nominal(words, i + 1) {
            return None;
        }
        match (amb & self.nn.0 != 0, amb & self.nns.0 != 0) {
            (true, false) => Some(self.nn.1),
            (false, true) => Some(self.nns.1),
            _ => None,
        }
    }
}

/// Normalises one character for the lower-case form.
#[inline]
fn norm(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '“' | '”' => '"',
        c => c,
    }
}

fn push_char(h: u64, c: char) -> u64 {
    let mut b = [0u8; 4];
    c.encode_utf8(&mut b).bytes().fold(h, fnv_byte)
}

/// The typographic mark that wire copy's typewriter spelling stands for:
/// TeX-style quotes (`` ``turn'' ``) and a dash written as underscores
/// (`MOSCOW (AP)_ The mayor`). The training data spells these marks
/// typographically, so the tagger sees them as the marks they are rather
/// than as unknown words.
fn typewriter_marks(s: &str) -> &str {
    match s {
        "``" => "\u{201c}",
        "''" => "\u{201d}",
        "`" => "\u{2018}",
        _ if !s.is_empty() && s.bytes().all(|b| b == b'_') => "\u{2014}",
        _ => s,
    }
}

/// Computes a word's features; `buf` is scratch space reused across words
/// (it holds the lower-case form afterwards).
pub(crate) fn word_info(s: &str, buf: &mut String) -> WordInfo {
    let s = typewriter_marks(s);
    buf.clear();
    let mut lw = FNV0;
    let mut lraw = FNV0;
    let mut form = FNV0;
    let mut shape = FNV0;
    let mut last_shape = '\0';
    let mut flags = 0u8;
    let mut all_upper = true;
    for (i, c) in s.chars().enumerate() {
        form = push_char(form, c);
        let k = if c.is_uppercase() {
            if i == 0 {
                flags |= 1;
            }
            'X'
        } else if c.is_lowercase() {
            all_upper = false;
            'x'
        } else if c.is_ascii_digit() {
            flags |= 2;
            'd'
        } else {
            if c == '-' {
                flags |= 4;
            }
            norm(c)
        };
        if k != last_shape || !matches!(k, 'X' | 'x' | 'd') {
            shape = push_char(shape, k);
        }
        last_shape = k;
        let n = norm(c);
        if n.is_ascii() {
            let l = n.to_ascii_lowercase();
            buf.push(l);
            lraw = fnv_byte(lraw, l as u8);
            lw = fnv_byte(lw, if l.is_ascii_digit() { b'0' } else { l as u8 });
        } else {
            for l in n.to_lowercase() {
                buf.push(l);
                lraw = push_char(lraw, l);
                lw = push_char(lw, l);
            }
        }
    }
    if all_upper && flags & 1 != 0 && s.chars().count() > 1 {
        flags |= 8;
    }
    let mut suf = [0u64; 4];
    let mut ends = buf.char_indices().rev().map(|(i, _)| i);
    for k in 0..4 {
        suf[k] = match ends.next() {
            Some(i) => key(50 + k as u64, buf[i..].bytes().fold(FNV0, fnv_byte), 0, 0),
            None if k > 0 => suf[k - 1],
            None => 0,
        };
    }
    let pre1 = buf.chars().next().map_or(0, |c| push_char(FNV0, c));
    let mut pre = [0u64; 2];
    let mut starts = buf.char_indices().map(|(i, c)| i + c.len_utf8()).skip(1);
    for p in pre.iter_mut() {
        *p = match starts.next() {
            Some(e) => buf[..e].bytes().fold(FNV0, fnv_byte),
            None => 0,
        };
    }
    let letter = s.chars().next().is_some_and(char::is_alphabetic);
    WordInfo {
        lw,
        lraw,
        form,
        suf,
        pre1,
        pre,
        shape,
        flags,
        amb: 0,
        nationality: flags & 9 == 1
            && s.chars().all(|c| c.is_alphabetic() || c == '-')
            && nationality(buf),
        letter,
    }
}

/// Fills every word's ambiguity class from the lexicon (lower-case form
/// → tag set).
pub(crate) fn fill_classes(lexicon: &KeyMap<u64>, words: &mut [WordInfo]) {
    for w in words {
        w.amb = lexicon.get(&w.lw).copied().unwrap_or(0);
    }
}

/// No tag (before the sentence, or not yet known).
pub(crate) const NO_TAG: u16 = u16::MAX;

/// Writes the features of word `i` of `words` given the two previous tags.
pub(crate) fn features(words: &[WordInfo], i: usize, p1: u16, p2: u16, out: &mut Vec<u64>) {
    out.clear();
    let w = &words[i];
    let get = |d: isize| -> Option<&WordInfo> {
        let j = i as isize + d;
        (j >= 0).then(|| words.get(j as usize)).flatten()
    };
    let (p1, p2) = (p1 as u64, p2 as u64);
    out.push(key(1, 0, 0, 0));
    out.push(key(2, w.lw, 0, 0));
    out.push(key(3, w.suf[2], 0, 0));
    out.push(key(4, w.suf[1], 0, 0));
    out.push(key(5, w.suf[0], 0, 0));
    out.push(key(6, w.suf[3], 0, 0));
    out.push(key(7, w.pre1, 0, 0));
    out.push(key(8, w.shape, 0, 0));
    out.push(key(9, p1, 0, 0));
    out.push(key(10, p1, p2, 0));
    out.push(key(11, p1, w.lw, 0));
    out.push(key(12, w.flags as u64, (i == 0) as u64, 0));
    out.push(key(13, w.form, 0, 0));
    out.push(key(27, w.pre[0], 0, 0));
    out.push(key(28, w.pre[1], 0, 0));
    out.push(key(29, w.amb, 0, 0));
    out.push(key(30, p1, w.amb, 0));
    out.push(key(31, w.amb, w.flags as u64 & 9, (i == 0) as u64));
    match get(-1) {
        Some(x) => {
            out.push(key(14, x.lw, 0, 0));
            out.push(key(15, x.suf[2], 0, 0));
            out.push(key(16, x.lw, w.lw, 0));
        }
        None => out.push(key(17, 0, 0, 0)),
    }
    if let Some(x) = get(-2) {
        out.push(key(18, x.lw, 0, 0));
    }
    match get(1) {
        Some(x) => {
            out.push(key(19, x.lw, 0, 0));
            out.push(key(20, x.suf[2], 0, 0));
            out.push(key(21, x.shape, 0, 0));
            out.push(key(22, w.lw, x.lw, 0));
            out.push(key(23, p1, x.lw, 0));
            out.push(key(32, x.amb, 0, 0));
            out.push(key(33, w.amb, x.amb, 0));
        }
        None => out.push(key(24, 0, 0, 0)),
    }
    if let Some(x) = get(2) {
        out.push(key(25, x.lw, 0, 0));
        out.push(key(26, x.suf[2], 0, 0));
        out.push(key(34, x.amb, 0, 0));
    }
}

/// Tags one sentence: `tags[i]` gets the tag index of `words[i]`. Words
/// of the tag dictionary take their tag without scoring; so, with
/// `nationalities`, do a nationality before its noun and that noun when it
/// can be only one kind of noun, and the word before the nationality may
/// become an adjective ([`Nationalities`]).
pub(crate) fn tag<S: Scorer>(
    table: &S,
    tagdict: &KeyMap<u16>,
    nationalities: Option<&Nationalities>,
    words: &[WordInfo],
    tags: &mut Vec<u16>,
    feats: &mut Vec<u64>,
    scores: &mut [f32],
) {
    tags.clear();
    let (mut p1, mut p2) = (NO_TAG, NO_TAG);
    // Whether the previous word is a nationality tagged as an adjective.
    let mut after_nationality = false;
    for i in 0..words.len() {
        let mut fixed = dict_tag(tagdict, words, i);
        let mut nationality = false;
        if let (None, Some(n)) = (fixed, nationalities) {
            fixed = if after_nationality {
                n.head_noun(words, i)
            } else {
                n.adjective(words, i)
            };
            nationality = !after_nationality && fixed.is_some();
        }
        if nationality && i > 0 && dict_tag(tagdict, words, i - 1).is_none() {
            // The adjective before it (`a senior Afghan officer`) is one too.
            if let (Some(n), Some(prev)) = (nationalities, tags.last_mut()) {
                n.adjective_before(words, i, prev);
                p1 = *prev;
            }
        }
        after_nationality = nationality;
        let t = match fixed {
            Some(t) => t,
            None => {
                features(words, i, p1, p2, feats);
                table.scores(feats, scores);
                argmax(&scores[..table.classes()]) as u16
            }
        };
        tags.push(t);
        p2 = p1;
        p1 = t;
    }
}

/// The tag dictionary's tag for word `i`: by its form, or for the first
/// word of a sentence (capitalised by position, not by name), by its lower
/// case form.
#[inline]
pub(crate) fn dict_tag(tagdict: &KeyMap<u16>, words: &[WordInfo], i: usize) -> Option<u16> {
    let w = &words[i];
    if let Some(&t) = tagdict.get(&w.form) {
        return Some(t);
    }
    if i == 0 && w.flags & 1 != 0 && w.flags & 8 == 0 {
        return tagdict.get(&w.lraw).copied();
    }
    None
}

/// Index of the largest score (the first on ties).
pub(crate) fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in s.iter().enumerate() {
        if x > s[best] {
            best = i;
        }
    }
    best
}
