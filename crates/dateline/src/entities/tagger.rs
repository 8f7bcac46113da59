//! The sequence tagger behind the entity layer: a first-order structured
//! averaged perceptron (Collins 2002) over BIO labels for PER, ORG, LOC and
//! MISC, with word, shape, affix, context, lexicon and document features,
//! decoded with Viterbi. Its weights ship in the crate (`data/ner.model`);
//! [`train`] rebuilds them from gold data (`dateline train ner`, see
//! `docs/entities.md`).
//!
//! Features are hashed with 64-bit FNV-1a (then mixed), written out here so
//! that a model's keys never change with a dependency's version.

use std::collections::{HashMap, HashSet};

type KeySet = HashSet<u64, BuildHasherDefault<KeyHasher>>;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, OnceLock};

use crate::article::segment::{self, Token};
use crate::lexicon::{self, Lexicon, CLASSES};
use crate::span::Span;

/// The tagger's labels, in model order.
pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
const N: usize = LABELS.len();
const MAGIC: &[u8; 8] = b"DLNER\x00\x00\x01";
const MODEL: &[u8] = include_bytes!("../../data/ner.model");

/// The entity type of a label index (`1` → `PER`), `None` for `O`.
pub(crate) fn label_type(l: usize) -> Option<&'static str> {
    (l > 0).then(|| &LABELS[l][2..])
}

fn is_inside(l: usize) -> bool {
    l > 0 && l % 2 == 0
}

/// `I-X` may only follow `B-X` or `I-X`.
fn allowed(prev: usize, cur: usize) -> bool {
    !is_inside(cur) || (prev != N && (prev == cur || prev + 1 == cur))
}

// ---------------------------------------------------------------- hashing

#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(template: u8) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.byte(template);
        h
    }
    fn byte(&mut self, b: u8) {
        self.0 ^= b as u64;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
    fn str(mut self, s: &str) -> Fnv {
        for b in s.bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }
    fn finish(self) -> u64 {
        // A final mix so that low bits are well spread for the table.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// Feature keys are already mixed hashes: the map uses them as they are.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

// ---------------------------------------------------------------- features

/// One token as the tagger sees it.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Byte span in the article text.
    pub span: Span,
    /// Lower case, digits folded to `0`.
    lower: Arc<str>,
    /// A hash of `lower`, for document tables.
    key: u64,
    /// Collapsed shape: `Xx`, `X.X.`, `d`, `x-Xx`.
    shape: Arc<str>,
    /// First character is upper case.
    cap: bool,
    /// Lexicon features (`class:position`), precomputed.
    gaz: Vec<u8>,
    /// Document features from the first pass (empty in the first pass).
    extra: Vec<u64>,
}

fn shape_of(w: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c == '’' {
            '\''
        } else {
            c
        };
        if last != Some(k) || !matches!(k, 'X' | 'x' | 'd') {
            out.push(k);
        }
        last = Some(k);
    }
    out
}

fn lower_of(w: &str) -> String {
    w.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '0'..='9' => '0',
            '’' => '\'',
            c => c,
        })
        .collect()
}

/// Articles of more words than this compute each word's features in both
/// passes of the tagger rather than keep them between the passes (same
/// result, bounded memory).
const KEEP_FEATURES_WORDS: usize = 100_000;

/// A unit of text to tag: a headline or a sentence.
pub(crate) struct Unit {
    /// The unit's words.
    pub words: Vec<Word>,
    /// No lower-case letter anywhere: a headline in capitals.
    caps: bool,
    /// Lexicon names found in the unit.
    pub lex: Vec<lexicon::LexMatch>,
}

/// Document-level facts about words, so that a word's use elsewhere in the
/// article informs it (a capitalised word at a sentence start or in an
/// all-caps headline is a name if it is capitalised mid-sentence elsewhere).
#[derive(Default)]
pub(crate) struct DocInfo {
    cap_mid: KeySet,
    lower_seen: KeySet,
}

/// The shared copy of `s` (whose hash is `key`) in `table`, made there
/// when missing; a string whose hash another holds gets its own copy.
fn intern(table: &mut KeyMap<Arc<str>>, key: u64, s: String) -> Arc<str> {
    match table.get(&key) {
        Some(a) if **a == *s => a.clone(),
        Some(_) => Arc::from(s),
        None => {
            let a: Arc<str> = Arc::from(s);
            table.insert(key, a.clone());
            a
        }
    }
}

/// Tokenises each span, finds lexicon names and computes word features.
pub(crate) fn prepare(text: &str, spans: &[Span], lex: &Lexicon) -> (Vec<Unit>, DocInfo) {
    let mut units = Vec::with_capacity(spans.len());
    let mut doc = DocInfo::default();
    let mut toks: Vec<Token> = Vec::new();
    let mut scratch = Vec::new();
    let mut found = Vec::new();
    let mut interned: KeyMap<Arc<str>> = KeyMap::default();
    for &span in spans {
        toks.clear();
        segment::tokens(text, span, &mut toks, &mut scratch);
        let caps = !span.slice(text).chars().any(char::is_lowercase);
        // Sized once: a long article holds millions of words at a time,
        // and their forms are shared (`interned`), not one string each.
        let mut words: Vec<Word> = Vec::with_capacity(toks.len());
        words.extend(
            toks.iter()
                .filter(|t| !t.span().slice(text).trim().is_empty())
                .map(|t| {
                    let s = t.span().slice(text);
                    let lower = lower_of(s);
                    let key = Fnv::new(99).str(&lower).finish();
                    let shape = shape_of(s);
                    let shape_key = Fnv::new(98).str(&shape).finish();
                    Word {
                        span: t.span(),
                        key,
                        lower: intern(&mut interned, key, lower),
                        shape: intern(&mut interned, shape_key, shape),
                        cap: s.chars().next().is_some_and(char::is_uppercase),
                        gaz: Vec::new(),
                        extra: Vec::new(),
                    }
                }),
        );
        for (i, w) in words.iter().enumerate() {
            if !caps && i > 0 && w.cap && &*w.shape != "X" {
                let prev = &words[i - 1].lower;
                if !matches!(&**prev, "\"" | "“" | "'" | "‘" | ":" | "(" | "-" | "—") {
                    doc.cap_mid.insert(w.key);
                }
            }
            if !caps && w.shape.starts_with('x') {
                doc.lower_seen.insert(w.key);
            }
        }
        found.clear();
        lex.find(text, span.start, span.end, &mut found);
        for m in &found {
            let mut classes = [false; CLASSES];
            for e in &lex.entries[m.name as usize] {
                classes[e.class()] = true;
            }
            // Words are in text order: two binary searches find the words a
            // match covers (a scan per match is quadratic in a long unit).
            let a = words.partition_point(|w| w.span.end <= m.start);
            let b = words.partition_point(|w| w.span.start < m.end);
            if a >= b {
                continue;
            }
            let b = b - 1;
            let partial = words[a].span.start != m.start || words[b].span.end != m.end;
            for (k, word) in words.iter_mut().enumerate().take(b + 1).skip(a) {
                let pos = if partial {
                    4
                } else if a == b {
                    0
                } else if k == a {
                    1
                } else if k == b {
                    3
                } else {
                    2
                };
                for (c, on) in classes.iter().enumerate() {
                    if *on {
                        let code = (c as u8) << 4 | pos << 1 | m.exact_case as u8;
                        if !word.gaz.contains(&code) {
                            word.gaz.push(code);
                        }
                    }
                }
            }
        }
        units.push(Unit {
            words,
            caps,
            lex: found.clone(),
        });
    }
    (units, doc)
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// The feature keys of word `i` of `u`.
fn features(u: &Unit, doc: &DocInfo, i: usize, out: &mut Vec<u64>) {
    out.clear();
    let w = &u.words[i];
    // The word `j` places away, or `None` past either end of the unit.
    let near = |j: isize| -> Option<&Word> {
        usize::try_from(i as isize + j)
            .ok()
            .and_then(|k| u.words.get(k))
    };
    let edge = |j: isize| if j < 0 { BOS } else { EOS };
    let lw = |j: isize| near(j).map_or(edge(j), |w| &*w.lower);
    let sh = |j: isize| near(j).map_or(edge(j), |w| &*w.shape);
    let caps = if u.caps { "C" } else { "c" };
    let push = |out: &mut Vec<u64>, f: Fnv| out.push(f.finish());
    push(out, Fnv::new(0));
    push(out, Fnv::new(1).str(&w.lower));
    push(out, Fnv::new(2).str(&w.shape).str(caps));
    let mut starts = [0usize; 5];
    let mut count = 0;
    for (k, (b, _)) in w.lower.char_indices().enumerate().take(5) {
        starts[k] = b;
        count = k + 1;
    }
    let mut ends = [0usize; 5];
    let mut rcount = 0;
    for (k, (b, _)) in w.lower.char_indices().rev().enumerate().take(5) {
        ends[k] = b;
        rcount = k + 1;
    }
    for n in 1..=4usize {
        if count > n && rcount > n {
            push(out, Fnv::new(3 + n as u8).str(&w.lower[..starts[n]]));
            push(out, Fnv::new(8 + n as u8).str(&w.lower[ends[n - 1]..]));
        }
    }
    push(out, Fnv::new(13).str(lw(-1)));
    push(out, Fnv::new(14).str(lw(1)));
    push(out, Fnv::new(15).str(lw(-2)));
    push(out, Fnv::new(16).str(lw(2)));
    push(out, Fnv::new(17).str(lw(-1)).str(&w.lower));
    push(out, Fnv::new(18).str(&w.lower).str(lw(1)));
    push(out, Fnv::new(19).str(sh(-1)).str(&w.shape).str(caps));
    push(out, Fnv::new(20).str(&w.shape).str(sh(1)).str(caps));
    push(
        out,
        Fnv::new(21).str(sh(-1)).str(&w.shape).str(sh(1)).str(caps),
    );
    if i == 0 {
        push(out, Fnv::new(22).str(&w.shape));
    }
    if w.cap || u.caps {
        let d = match (
            doc.cap_mid.contains(&w.key),
            doc.lower_seen.contains(&w.key),
        ) {
            (true, true) => "cl",
            (true, false) => "c",
            (false, true) => "l",
            (false, false) => "-",
        };
        push(out, Fnv::new(23).str(d).str(caps));
        push(out, Fnv::new(24).str(d).str(&w.lower));
    }
    for &g in &w.gaz {
        let mut f = Fnv::new(25);
        f.byte(g);
        push(out, f.str(caps));
        let mut f = Fnv::new(26);
        f.byte(g & !1); // without the exact-case bit
        push(out, f.str(&w.shape));
    }
    for (j, tmpl) in [(-1isize, 27u8), (1, 28), (-2, 29)] {
        for &g in near(j).map_or(&[][..], |o| &o.gaz) {
            let mut f = Fnv::new(tmpl);
            f.byte(g >> 4);
            push(out, f);
        }
    }
    out.extend_from_slice(&w.extra);
    // The text between: the word's own parts around a hyphen.
    if let Some((a, b)) = w.lower.split_once('-') {
        push(out, Fnv::new(30).str(a));
        push(out, Fnv::new(31).str(b));
    }
}

// ---------------------------------------------------------------- model

/// A trained tagger: emission weights per feature and label transitions.
pub struct Model {
    weights: KeyMap<[f32; N]>,
    /// `trans[prev][cur]`; `prev == N` is the sentence start.
    trans: [[f32; N]; N + 1],
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("features", &self.weights.len())
            .finish()
    }
}

/// Divides scores before forward-backward. Chosen on CoNLL-2003 dev for
/// the lowest log loss of mention confidences (`scripts/eval/ner_calibration.py`):
/// at 12, mentions given 0.7 to 0.9 are right about 80% of the time.
const TEMPERATURE: f32 = 12.0;

/// The tagger: a first pass over each sentence, then a second pass whose
/// features include what the first pass found elsewhere in the article
/// (the label the same word got in other sentences, whether it is part of
/// a longer name: `Montalvo` after `Daniel Montalvo`).
#[derive(Debug)]
pub struct Tagger {
    first: Model,
    second: Model,
}

/// The tagger compiled into the crate, loaded on first use.
pub(crate) fn tagger() -> &'static Tagger {
    static M: OnceLock<Tagger> = OnceLock::new();
    M.get_or_init(|| {
        Tagger::from_bytes(MODEL).unwrap_or_else(|_| Tagger {
            first: Model::empty(),
            second: Model::empty(),
        })
    })
}

impl Tagger {
    /// Number of features with weights, both passes.
    pub fn len(&self) -> usize {
        self.first.len() + self.second.len()
    }

    /// True when the tagger has no weights.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads a tagger written by [`Tagger::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Tagger, String> {
        let mut r = Reader { b, at: 0 };
        let n = r.u64()? as usize;
        let first = Model::from_bytes(r.take(n)?)?;
        let second = Model::from_bytes(&b[r.at..])?;
        Ok(Tagger { first, second })
    }

    /// Serialises both passes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let a = self.first.to_bytes();
        let mut out = (a.len() as u64).to_le_bytes().to_vec();
        out.extend_from_slice(&a);
        out.extend_from_slice(&self.second.to_bytes());
        out
    }

    /// Tags all units of an article: labels and label probabilities per unit.
    pub(crate) fn tag(&self, units: &mut [Unit], doc: &DocInfo) -> Vec<(Vec<usize>, Vec<f32>)> {
        // The words' own features, computed once for both passes (a list of
        // keys per unit and each word's range in it), unless the article is
        // so long that keeping them would cost more memory than computing
        // them again: about 300 bytes a word.
        let words: usize = units.iter().map(|u| u.words.len()).sum();
        let keep = words <= KEEP_FEATURES_WORDS;
        let mut scratch = Vec::new();
        let mut unit_features = |u: &Unit| {
            let mut keys: Vec<u64> = Vec::new();
            let mut r = Vec::with_capacity(u.words.len());
            for i in 0..u.words.len() {
                features(u, doc, i, &mut scratch);
                let start = keys.len();
                keys.extend_from_slice(&scratch);
                r.push((start, keys.len()));
            }
            (keys, r)
        };
        let mut kept = Vec::with_capacity(if keep { units.len() } else { 0 });
        let first: Vec<Vec<usize>> = units
            .iter()
            .map(|u| {
                let (keys, r) = unit_features(u);
                let em: Vec<[f32; N]> = r
                    .iter()
                    .map(|&(a, b)| self.first.score(&keys[a..b]))
                    .collect();
                if keep {
                    kept.push((keys, r));
                }
                viterbi(&em, &self.first.trans)
            })
            .collect();
        // The document features of each word, from the first pass's
        // labels, computed as each word is scored (not kept per word).
        let tables = DocTables::new(units, &first);
        let mut kept = kept.into_iter();
        let mut extra = Vec::new();
        units
            .iter()
            .zip(&first)
            .map(|(u, ls)| {
                let (keys, r) = match kept.next() {
                    Some(k) => k,
                    None => unit_features(u),
                };
                let em: Vec<[f32; N]> = r
                    .iter()
                    .zip(&u.words)
                    .zip(ls)
                    .map(|((&(a, b), w), &l)| {
                        let mut row = self.second.score(&keys[a..b]);
                        tables.features(w, l, &mut extra);
                        let extra = self.second.score(&extra);
                        for l in 0..N {
                            row[l] += extra[l];
                        }
                        row
                    })
                    .collect();
                self.second.decode(em)
            })
            .collect()
    }
}

/// Document tables from the first pass's labels: for each lower-cased word
/// (by key), how often the first pass gave it each type (index 0 = none),
/// and the types of longer names holding it.
struct DocTables {
    counts: KeyMap<[u16; 5]>,
    in_long: KeyMap<[bool; 5]>,
}

impl DocTables {
    fn new(units: &[Unit], labels: &[Vec<usize>]) -> DocTables {
        let mut counts: KeyMap<[u16; 5]> = KeyMap::default();
        let mut in_long: KeyMap<[bool; 5]> = KeyMap::default();
        for (u, ls) in units.iter().zip(labels) {
            let mut i = 0;
            while i < ls.len() {
                let t = ls[i].div_ceil(2); // 0 none, 1 PER, 2 ORG, 3 LOC, 4 MISC
                let cap = u.words[i].cap;
                if cap || t > 0 {
                    let c = &mut counts.entry(u.words[i].key).or_default()[t];
                    *c = c.saturating_add(1);
                }
                if t > 0 && ls[i] % 2 == 1 {
                    let mut j = i + 1;
                    while j < ls.len() && ls[j] == ls[i] + 1 {
                        j += 1;
                    }
                    if j - i > 1 {
                        for w in &u.words[i..j] {
                            if w.cap {
                                in_long.entry(w.key).or_default()[t] = true;
                            }
                        }
                    }
                }
                i += 1;
            }
        }
        DocTables { counts, in_long }
    }

    /// The document features of word `w`, which the first pass labelled
    /// `label`, into `f`.
    fn features(&self, w: &Word, label: usize, f: &mut Vec<u64>) {
        f.clear();
        let mut h = Fnv::new(40);
        h.byte(label as u8);
        f.push(h.finish());
        if let Some(c) = self.counts.get(&w.key) {
            let total: u32 = c.iter().map(|&n| u32::from(n)).sum();
            let best = (0..5).max_by_key(|&t| (c[t], 5 - t)).unwrap_or(0);
            let mut h = Fnv::new(41);
            h.byte(best as u8);
            h.byte((total > 1) as u8);
            f.push(h.finish());
            for (t, n) in c.iter().enumerate().skip(1) {
                if *n > 0 {
                    let mut h = Fnv::new(42);
                    h.byte(t as u8);
                    f.push(h.finish());
                }
            }
        }
        if let Some(l) = self.in_long.get(&w.key) {
            for (t, on) in l.iter().enumerate() {
                if *on {
                    let mut h = Fnv::new(43);
                    h.byte(t as u8);
                    h.byte(w.cap as u8);
                    f.push(h.finish());
                }
            }
        }
    }
}

/// Sets each word's document features from first-pass labels (training
/// keeps them on the words; tagging computes them as it scores).
fn add_doc_features(units: &mut [Unit], labels: &[Vec<usize>]) {
    let tables = DocTables::new(units, labels);
    let mut f = Vec::new();
    for (u, ls) in units.iter_mut().zip(labels) {
        for (w, &l) in u.words.iter_mut().zip(ls) {
            tables.features(w, l, &mut f);
            w.extra = f.clone();
        }
    }
}

impl Model {
    fn empty() -> Model {
        Model {
            weights: KeyMap::default(),
            trans: [[0.0; N]; N + 1],
        }
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// True when the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        let mut r = Reader { b, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("not a dateline NER model".into());
        }
        if r.u32()? as usize != N {
            return Err("the model's labels differ from this version's".into());
        }
        let scale = f32::from_bits(r.u32()?);
        let mut m = Model::empty();
        for row in m.trans.iter_mut() {
            for v in row.iter_mut() {
                *v = f32::from_bits(r.u32()?);
            }
        }
        let count = r.u32()? as usize;
        m.weights.reserve(count);
        for _ in 0..count {
            let key = r.u64()?;
            let mask = r.u16()?;
            let mut row = [0f32; N];
            for (l, v) in row.iter_mut().enumerate() {
                if mask & (1 << l) != 0 {
                    *v = r.u16()? as i16 as f32 * scale;
                }
            }
            m.weights.insert(key, row);
        }
        Ok(m)
    }

    /// Serialises the model: emission weights quantised to 16 bits, keys
    /// in ascending order (so the same model gives the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .weights
            .values()
            .flat_map(|r| r.iter())
            .fold(0f32, |m, v| m.max(v.abs()))
            .max(1e-9);
        let scale = max / 32767.0;
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(N as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_bits().to_le_bytes());
        for row in &self.trans {
            for v in row {
                out.extend_from_slice(&v.to_bits().to_le_bytes());
            }
        }
        let mut keys: Vec<(u64, [i16; N])> = self
            .weights
            .iter()
            .map(|(k, row)| {
                let mut q = [0i16; N];
                for (l, v) in row.iter().enumerate() {
                    q[l] = (v / scale).round() as i16;
                }
                (*k, q)
            })
            .filter(|(_, q)| q.iter().any(|v| *v != 0))
            .collect();
        keys.sort_unstable_by_key(|k| k.0);
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for (k, q) in keys {
            out.extend_from_slice(&k.to_le_bytes());
            let mask: u16 = q
                .iter()
                .enumerate()
                .filter(|(_, v)| **v != 0)
                .fold(0, |m, (l, _)| m | 1 << l);
            out.extend_from_slice(&mask.to_le_bytes());
            for v in q.iter().filter(|v| **v != 0) {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// The summed weights of some feature keys.
    fn score(&self, keys: &[u64]) -> [f32; N] {
        let mut row = [0f32; N];
        for k in keys {
            if let Some(w) = self.weights.get(k) {
                for l in 0..N {
                    row[l] += w[l];
                }
            }
        }
        row
    }

    /// Best labels and their probabilities from emission scores.
    fn decode(&self, em: Vec<[f32; N]>) -> (Vec<usize>, Vec<f32>) {
        let labels = viterbi(&em, &self.trans);
        // Perceptron scores are not log-probabilities: they are scaled down
        // before forward-backward so that confidences are calibrated.
        if labels.iter().all(|&l| l == 0) {
            // No name: the probabilities would not be read.
            return (labels, vec![1.0; em.len()]);
        }
        let t = TEMPERATURE;
        let em: Vec<[f32; N]> = em.iter().map(|r| r.map(|v| v / t)).collect();
        let trans = self.trans.map(|r| r.map(|v| v / t));
        let probs = marginals(&em, &trans, &labels);
        (labels, probs)
    }

    /// The best labels of one unit (a first pass over held-out training
    /// documents).
    fn labels(&self, u: &Unit, doc: &DocInfo, scratch: &mut Vec<u64>) -> Vec<usize> {
        let em: Vec<[f32; N]> = (0..u.words.len())
            .map(|i| {
                features(u, doc, i, scratch);
                self.score(scratch)
            })
            .collect();
        viterbi(&em, &self.trans)
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let s = self
            .at
            .checked_add(n)
            .and_then(|end| self.b.get(self.at..end))
            .ok_or_else(|| format!("model truncated at byte {}", self.at))?;
        self.at += n;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().unwrap_or_default(),
        ))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }
}

fn viterbi(em: &[[f32; N]], trans: &[[f32; N]; N + 1]) -> Vec<usize> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; N]; n];
    let mut back = vec![[0u8; N]; n];
    for l in 0..N {
        if allowed(N, l) {
            score[0][l] = trans[N][l] + em[0][l];
        }
    }
    for i in 1..n {
        for l in 0..N {
            let mut best = (f32::NEG_INFINITY, 0);
            for p in 0..N {
                if !allowed(p, l) || score[i - 1][p] == f32::NEG_INFINITY {
                    continue;
                }
                let s = score[i - 1][p] + trans[p][l];
                if s > best.0 {
                    best = (s, p);
                }
            }
            score[i][l] = best.0 + em[i][l];
            back[i][l] = best.1 as u8;
        }
    }
    let mut l = (0..N)
        .max_by(|a, b| score[n - 1][*a].total_cmp(&score[n - 1][*b]).then(b.cmp(a)))
        .unwrap_or(0);
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = l;
        l = back[i][l] as usize;
    }
    out
}

/// Probability of each word's label on `path`, by forward-backward in
/// probability space with per-step normalisation (scaled so that the
/// largest score of each step is 1).
fn marginals(em: &[[f32; N]], trans: &[[f32; N]; N + 1], path: &[usize]) -> Vec<f32> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let mut et = [[0f32; N]; N + 1];
    for p in 0..=N {
        let m = trans[p].iter().copied().fold(f32::NEG_INFINITY, f32::max);
        for l in 0..N {
            et[p][l] = if p < N && !allowed(p, l) || (p == N && !allowed(N, l)) {
                0.0
            } else {
                (trans[p][l] - m).exp()
            };
        }
    }
    let ee: Vec<[f32; N]> = em
        .iter()
        .map(|row| {
            let m = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let mut out = [0f32; N];
            for l in 0..N {
                out[l] = (row[l] - m).exp();
            }
            out
        })
        .collect();
    let normalise = |v: &mut [f32; N]| {
        let z: f32 = v.iter().sum();
        if z > 0.0 {
            v.iter_mut().for_each(|x| *x /= z);
        }
    };
    let mut alpha = vec![[0f32; N]; n];
    for l in 0..N {
        alpha[0][l] = et[N][l] * ee[0][l];
    }
    normalise(&mut alpha[0]);
    for i in 1..n {
        for l in 0..N {
            let mut s = 0f32;
            for p in 0..N {
                s += alpha[i - 1][p] * et[p][l];
            }
            alpha[i][l] = s * ee[i][l];
        }
        normalise(&mut alpha[i]);
    }
    let mut beta = vec![[1f32; N]; n];
    for i in (0..n - 1).rev() {
        for p in 0..N {
            let mut s = 0f32;
            for l in 0..N {
                s += et[p][l] * ee[i + 1][l] * beta[i + 1][l];
            }
            beta[i][p] = s;
        }
        normalise(&mut beta[i]);
    }
    (0..n)
        .map(|i| {
            let z: f32 = (0..N).map(|l| alpha[i][l] * beta[i][l]).sum();
            if z > 0.0 {
                (alpha[i][path[i]] * beta[i][path[i]] / z).clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
        .collect()
}

// ---------------------------------------------------------------- training

/// A document of training data: its units and their gold label indexes.
pub struct TrainDoc {
    units: Vec<Unit>,
    golds: Vec<Vec<usize>>,
    doc: DocInfo,
}

impl TrainDoc {
    /// Builds training data from an article's text, the spans of its
    /// headlines and sentences, and gold entities as byte spans with a type
    /// (`PER`, `ORG`, `LOC` or `MISC`; others are skipped).
    pub fn new(text: &str, spans: &[Span], gold: &[(Span, &str)]) -> TrainDoc {
        let (units, doc) = prepare(text, spans, lexicon::lexicon());
        let golds = units
            .iter()
            .map(|unit| {
                let mut labels = vec![0usize; unit.words.len()];
                for (span, ty) in gold {
                    let Some(base) = LABELS
                        .iter()
                        .position(|l| l.strip_prefix("B-") == Some(*ty))
                    else {
                        continue;
                    };
                    let mut first = true;
                    for (i, w) in unit.words.iter().enumerate() {
                        if w.span.start < span.end && w.span.end > span.start {
                            labels[i] = if first { base } else { base + 1 };
                            first = false;
                        }
                    }
                }
                labels
            })
            .collect();
        TrainDoc { units, golds, doc }
    }

    /// Number of words.
    pub fn words(&self) -> usize {
        self.golds.iter().map(Vec::len).sum()
    }
}

/// Trains both passes of the tagger. The second pass learns from first-pass
/// labels that are as good as on unseen text: each training document gets
/// them from a first-pass model trained on the other `folds - 1` parts.
pub fn train_tagger(
    docs: &mut [TrainDoc],
    epochs: usize,
    folds: usize,
    mut progress: impl FnMut(&str, usize, f64),
) -> Tagger {
    let folds = folds.max(2);
    let first = train(docs, epochs, |e, err| progress("first pass", e, err));
    let mut held_out: Vec<Option<Vec<Vec<usize>>>> = (0..docs.len()).map(|_| None).collect();
    for k in 0..folds {
        let (rest, keep): (Vec<usize>, Vec<usize>) = (0..docs.len()).partition(|i| i % folds != k);
        let part: Vec<&TrainDoc> = rest.iter().map(|&i| &docs[i]).collect();
        let model = train_refs(&part, epochs, |_, _| {});
        let mut scratch = Vec::new();
        for i in keep {
            let d = &docs[i];
            held_out[i] = Some(
                d.units
                    .iter()
                    .map(|u| model.labels(u, &d.doc, &mut scratch))
                    .collect(),
            );
        }
        progress("fold", k + 1, 0.0);
    }
    for (d, labels) in docs.iter_mut().zip(held_out) {
        add_doc_features(&mut d.units, &labels.unwrap_or_default());
    }
    let second = train(docs, epochs, |e, err| progress("second pass", e, err));
    Tagger { first, second }
}

/// Trains a model by the averaged structured perceptron: `epochs` passes
/// over the documents in an order shuffled by a fixed seed, so the same
/// data always gives the same model. `progress` is called after each epoch
/// with the epoch number and the share of words tagged wrong.
pub fn train(docs: &[TrainDoc], epochs: usize, progress: impl FnMut(usize, f64)) -> Model {
    let refs: Vec<&TrainDoc> = docs.iter().collect();
    train_refs(&refs, epochs, progress)
}

fn train_refs(docs: &[&TrainDoc], epochs: usize, mut progress: impl FnMut(usize, f64)) -> Model {
    // Feature rows, indexed once.
    let mut index: KeyMap<u32> = KeyMap::default();
    let mut feats: Vec<Vec<Vec<u32>>> = Vec::new(); // [unit][word][feature]
    let mut golds: Vec<&[usize]> = Vec::new();
    let mut scratch = Vec::new();
    for d in docs {
        for (u, gold) in d.units.iter().zip(&d.golds) {
            let mut words = Vec::with_capacity(gold.len());
            for i in 0..gold.len() {
                features(u, &d.doc, i, &mut scratch);
                let mut ids = Vec::with_capacity(scratch.len());
                for k in &scratch {
                    let next = index.len() as u32;
                    ids.push(*index.entry(*k).or_insert(next));
                }
                words.push(ids);
            }
            feats.push(words);
            golds.push(gold);
        }
    }
    let rows = index.len();
    let mut w = vec![[0f32; N]; rows];
    let mut acc = vec![[0f64; N]; rows];
    let mut tw = [[0f32; N]; N + 1];
    let mut tacc = [[0f64; N]; N + 1];
    let mut order: Vec<usize> = (0..feats.len()).collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut c: f64 = 1.0;
    for epoch in 1..=epochs {
        // Fisher-Yates with a fixed xorshift sequence.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let (mut wrong, mut total) = (0usize, 0usize);
        for &s in &order {
            let words = &feats[s];
            let gold = golds[s];
            let em: Vec<[f32; N]> = words
                .iter()
                .map(|fs| {
                    let mut row = [0f32; N];
                    for &f in fs {
                        for l in 0..N {
                            row[l] += w[f as usize][l];
                        }
                    }
                    row
                })
                .collect();
            let pred = viterbi(&em, &tw);
            total += gold.len();
            if pred.as_slice() != gold {
                for i in 0..gold.len() {
                    if pred[i] != gold[i] {
                        wrong += 1;
                        for &f in &words[i] {
                            w[f as usize][gold[i]] += 1.0;
                            acc[f as usize][gold[i]] += c;
                            w[f as usize][pred[i]] -= 1.0;
                            acc[f as usize][pred[i]] -= c;
                        }
                    }
                    let gp = if i == 0 { N } else { gold[i - 1] };
                    let pp = if i == 0 { N } else { pred[i - 1] };
                    if gp != pp || gold[i] != pred[i] {
                        tw[gp][gold[i]] += 1.0;
                        tacc[gp][gold[i]] += c;
                        tw[pp][pred[i]] -= 1.0;
                        tacc[pp][pred[i]] -= c;
                    }
                }
            }
            c += 1.0;
        }
        progress(epoch, wrong as f64 / total.max(1) as f64);
    }
    // Averaged weights: w - acc / c.
    let mut model = Model::empty();
    let mut keys: Vec<(u64, u32)> = index.into_iter().collect();
    keys.sort_unstable();
    for (k, r) in keys {
        let r = r as usize;
        let mut row = [0f32; N];
        for l in 0..N {
            row[l] = (w[r][l] as f64 - acc[r][l] / c) as f32;
        }
        if row.iter().any(|v| v.abs() > 1e-3) {
            model.weights.insert(k, row);
        }
    }
    for p in 0..=N {
        for l in 0..N {
            model.trans[p][l] = (tw[p][l] as f64 - tacc[p][l] / c) as f32;
        }
    }
    model
}

/// Whether a unit has any letter at all (units without are not tagged).
pub(crate) fn has_letters(u: &Unit) -> bool {
    u.words.iter().any(|w| w.shape.contains(['X', 'x']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tagger_loads_and_round_trips() {
        let t = tagger();
        assert!(t.len() > 10_000);
        let again = Tagger::from_bytes(&t.to_bytes()).unwrap();
        assert_eq!(again.len(), t.len());
    }

    #[test]
    fn damaged_models_are_errors_not_panics() {
        let bytes = tagger().to_bytes();
        for cut in [0, 7, 8, 20, 100, bytes.len() / 2, bytes.len() - 1] {
            assert!(Tagger::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut huge = u64::MAX.to_le_bytes().to_vec();
        huge.extend_from_slice(&bytes[8..]);
        assert!(Tagger::from_bytes(&huge).is_err());
        assert!(Model::from_bytes(b"not a model").is_err());
    }

    #[test]
    fn i_labels_only_follow_their_b() {
        // A strong I-PER everywhere still decodes as B-PER I-PER ...
        let mut em = vec![[0f32; N]; 3];
        for row in &mut em {
            row[2] = 5.0;
        }
        let trans = [[0f32; N]; N + 1];
        let path = viterbi(&em, &trans);
        assert_eq!(path[0], 1);
        assert!(path.windows(2).all(|w| allowed(w[0], w[1])));
        let p = marginals(&em, &trans, &path);
        assert!(p.iter().all(|x| (0.0..=1.0).contains(x)));
    }
}
