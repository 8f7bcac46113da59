//! The sequence tagger behind the entity layer: a first-order structured
//! averaged perceptron (Collins 2002) over BIO labels for PER, ORG, LOC and
//! MISC, with word, shape, affix, context, lexicon and document features,
//! decoded with Viterbi. Its weights ship in the crate (`data/ner.model`);
//! [`train()`] rebuilds them from gold data (`dateline train ner`, see
//! `docs/entities.md`).
//!
//! Features are hashed with 64-bit FNV-1a (then mixed), written out here so
//! that a model's keys never change with a dependency's version.

use std::collections::{HashMap, HashSet};

type KeySet = HashSet<u64, BuildHasherDefault<KeyHasher>>;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::aligned::Aligned;
use flat::{Flat, Reader};

mod decode;
mod features;
// Shared with the build script, which flattens the shipped weights.
#[cfg_attr(not(test), allow(dead_code))]
mod flat;
mod mentions;
mod train;

use decode::{marginals, viterbi};
pub(crate) use features::{cut_title_names, prepare, Unit};
use features::{features, DocInfo, Word, KEEP_FEATURES_WORDS};
pub use mentions::{names_of_mentions, GoldMention, GoldWord, MentionNames};
pub use train::{train, train_ensemble, train_tagger, TrainDoc};

/// The tagger's labels, in model order.
pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
const N: usize = LABELS.len();
const MAGIC: &[u8; 8] = b"DLNER\x00\x00\x01";
const MODEL: &[u8] = include_bytes!("../../../data/ner.model");
/// The shipped weights as `build.rs` flattened them (`flat.rs`), read in place.
static SHIPPED_FLAT: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/ner.flat")));

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

// ---------------------------------------------------------------- model

/// Emission weights per feature: a map when trained or read from bytes,
/// the flat tables of the shipped tagger ([`flat`]) when read in place.
enum Weights {
    Map(KeyMap<[f32; N]>),
    Flat(Flat<'static>),
}

impl Weights {
    #[inline]
    fn get(&self, key: u64) -> Option<[f32; N]> {
        match self {
            Weights::Map(m) => m.get(&key).copied(),
            Weights::Flat(f) => f.get(key),
        }
    }

    fn len(&self) -> usize {
        match self {
            Weights::Map(m) => m.len(),
            Weights::Flat(f) => f.len,
        }
    }

    /// Every feature and its weights, in no particular order.
    fn iter(&self) -> Box<dyn Iterator<Item = (u64, [f32; N])> + '_> {
        match self {
            Weights::Map(m) => Box::new(m.iter().map(|(k, r)| (*k, *r))),
            Weights::Flat(f) => Box::new(f.iter()),
        }
    }
}

/// A trained tagger: emission weights per feature and label transitions.
pub struct Model {
    weights: Weights,
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
        Tagger::shipped()
            .or_else(|_| Tagger::from_bytes(MODEL))
            .unwrap_or_else(|_| Tagger {
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

    /// The shipped tagger with its weights read in place from the build
    /// script's flat tables (the transitions from the model file).
    fn shipped() -> Result<Tagger, String> {
        let [a, b] = Flat::passes(&SHIPPED_FLAT.0).ok_or("the flat tables do not read")?;
        let mut r = Reader { b: MODEL, at: 0 };
        let n = r.u64()? as usize;
        let first = Model::read(r.take(n)?, Some(a))?;
        let second = Model::read(&MODEL[r.at..], Some(b))?;
        Ok(Tagger { first, second })
    }

    /// The average of several taggers' weights, pass by pass (a feature
    /// one of them lacks weighs zero there).
    pub fn average(taggers: &[Tagger]) -> Tagger {
        let firsts: Vec<&Model> = taggers.iter().map(|t| &t.first).collect();
        let seconds: Vec<&Model> = taggers.iter().map(|t| &t.second).collect();
        Tagger {
            first: Model::average(&firsts),
            second: Model::average(&seconds),
        }
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
        // them again: about 220 bytes a word.
        let words: usize = units.iter().map(|u| u.words.len()).sum();
        self.tag_keeping(units, doc, words <= KEEP_FEATURES_WORDS)
    }

    /// As [`Tagger::tag`], keeping each word's features between the passes
    /// or computing them again in the second (the same labels either way).
    fn tag_keeping(
        &self,
        units: &mut [Unit],
        doc: &DocInfo,
        keep: bool,
    ) -> Vec<(Vec<usize>, Vec<f32>)> {
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
                let mut labels = viterbi(&em, &self.first.trans);
                // A headline in title case tells the rest of the article
                // only of the names it holds once cut.
                cut_title_names(u, doc, &mut labels);
                labels
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
            weights: Weights::Map(KeyMap::default()),
            trans: [[0.0; N]; N + 1],
        }
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// True when the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.weights.len() == 0
    }

    /// The average of `models`' weights and transitions.
    fn average(models: &[&Model]) -> Model {
        let mut out = Model::empty();
        if models.is_empty() {
            return out;
        }
        let n = models.len() as f32;
        let mut sums: KeyMap<[f32; N]> = KeyMap::default();
        for m in models {
            for (k, row) in m.weights.iter() {
                let sum = sums.entry(k).or_insert([0.0; N]);
                for (s, v) in sum.iter_mut().zip(row) {
                    *s += v;
                }
            }
            for (to, from) in out.trans.iter_mut().zip(&m.trans) {
                for (t, f) in to.iter_mut().zip(from) {
                    *t += f / n;
                }
            }
        }
        out.weights = Weights::Map(
            sums.into_iter()
                .map(|(k, row)| (k, row.map(|v| v / n)))
                .collect(),
        );
        out
    }

    /// Sets the weights of feature `key` (training).
    fn insert(&mut self, key: u64, row: [f32; N]) {
        if let Weights::Flat(f) = &self.weights {
            self.weights = Weights::Map(f.iter().collect());
        }
        if let Weights::Map(m) = &mut self.weights {
            m.insert(key, row);
        }
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        Model::read(b, None)
    }

    /// Reads a model; with `flat` weights (the same model's, flattened),
    /// its own are checked and skipped and those used.
    fn read(b: &[u8], flat: Option<Flat<'static>>) -> Result<Model, String> {
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
        if let Some(f) = flat {
            for _ in 0..count {
                r.u64()?;
                let mask = r.u16()?;
                r.take(2 * mask.count_ones() as usize)?;
            }
            if f.len != count || r.at != b.len() {
                return Err("the flat tables are not this model's".into());
            }
            m.weights = Weights::Flat(f);
            return Ok(m);
        }
        let mut weights = KeyMap::default();
        // A count read from a user's file is checked against its length
        // (10 bytes an entry at least) before room is made for it.
        weights.reserve(count.min(b.len().saturating_sub(r.at) / 10));
        for _ in 0..count {
            let key = r.u64()?;
            let mask = r.u16()?;
            let mut row = [0f32; N];
            for (l, v) in row.iter_mut().enumerate() {
                if mask & (1 << l) != 0 {
                    *v = r.u16()? as i16 as f32 * scale;
                }
            }
            weights.insert(key, row);
        }
        m.weights = Weights::Map(weights);
        Ok(m)
    }

    /// Serialises the model: emission weights quantised to 16 bits, keys
    /// in ascending order (so the same model gives the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .weights
            .iter()
            .flat_map(|(_, r)| r)
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
                (k, q)
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
            if let Some(w) = self.weights.get(*k) {
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
    fn flat_weights_are_the_models() {
        // The tagger in use reads the build script's flat tables in place,
        // and they hold the model file's weights to the bit.
        let shipped = tagger();
        let read = Tagger::from_bytes(MODEL).unwrap();
        for (a, b) in [
            (&shipped.first, &read.first),
            (&shipped.second, &read.second),
        ] {
            assert!(matches!(a.weights, Weights::Flat(_)));
            assert_eq!(a.len(), b.len());
            for (k, row) in b.weights.iter() {
                let bits = |r: [f32; N]| r.map(f32::to_bits);
                assert_eq!(a.weights.get(k).map(bits), Some(bits(row)));
            }
            assert_eq!(a.trans, b.trans);
        }
        assert!(shipped.first.weights.get(0x1234_5678).is_none());
        assert_eq!(shipped.to_bytes(), read.to_bytes());
        let flat = flat::flatten(MODEL).unwrap();
        assert_eq!(flat, SHIPPED_FLAT.0);
        assert!(Flat::passes(&flat[..flat.len() - 64]).is_none());
        assert!(flat::flatten(&MODEL[..MODEL.len() - 1]).is_err());
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
    fn features_kept_or_computed_again_give_the_same_labels() {
        // Long articles compute each word's features again in the second
        // pass instead of keeping them: the labels and probabilities must
        // not change with the article's length.
        let text = "Secretary of State Antony Blinken met Iraqi Prime Minister \
            Mohammed Shia al-Sudani in Baghdad on Sunday. Blinken said the \
            United States would keep working with Iraq. Al-Sudani told Reuters \
            that attacks by the Islamic Resistance in Iraq must stop. \
            Hezbollah fighters fired rockets near Kiryat Shmona, the Israeli \
            army said.";
        use crate::span::Span;
        let spans: Vec<Span> = text
            .split_inclusive(". ")
            .scan(0, |at, s| {
                let span = Span::new(*at, *at + s.trim_end().len());
                *at += s.len();
                Some(span)
            })
            .collect();
        let lex = crate::lexicon::lexicon();
        let (mut units, doc) = prepare(text, &spans, lex);
        let kept = tagger().tag_keeping(&mut units, &doc, true);
        let again = tagger().tag_keeping(&mut units, &doc, false);
        assert_eq!(kept.len(), spans.len());
        assert!(kept
            .iter()
            .any(|(labels, _)| labels.iter().any(|&l| l != 0)));
        assert_eq!(kept, again);
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
