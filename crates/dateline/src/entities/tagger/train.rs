//! Training the tagger from gold data: the averaged perceptron's epochs over
//! documents, and the two passes trained on held-out first-pass labels.

use super::decode::viterbi;
use super::features::{features, prepare, DocInfo, Unit};
use super::{add_doc_features, KeyMap, Model, Tagger, LABELS, N};
use crate::lexicon;
use crate::span::Span;

/// The gold label of a word the gold data says nothing of.
const UNKNOWN: usize = usize::MAX;

/// A document of training data: its units and their gold label indexes
/// (`UNKNOWN` for a word the data says nothing of).
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
        TrainDoc::partial(text, spans, gold, &[])
    }

    /// The same with words the gold data says nothing of (`unknown` byte
    /// spans, outside the gold entities): training takes for them what the
    /// model predicts given the rest, so they teach neither a name nor none.
    pub fn partial(
        text: &str,
        spans: &[Span],
        gold: &[(Span, &str)],
        unknown: &[Span],
    ) -> TrainDoc {
        let (units, doc) = prepare(text, spans, lexicon::lexicon());
        let overlaps = |w: Span, s: &Span| w.start < s.end && w.end > s.start;
        let golds = units
            .iter()
            .map(|unit| {
                let mut labels: Vec<usize> = unit
                    .words
                    .iter()
                    .map(|w| {
                        if unknown.iter().any(|s| overlaps(w.span, s)) {
                            UNKNOWN
                        } else {
                            0
                        }
                    })
                    .collect();
                for (span, ty) in gold {
                    let Some(base) = LABELS
                        .iter()
                        .position(|l| l.strip_prefix("B-") == Some(*ty))
                    else {
                        continue;
                    };
                    let mut first = true;
                    for (i, w) in unit.words.iter().enumerate() {
                        if overlaps(w.span, span) {
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
///
/// `seed` picks the order the documents are visited in (0 is the order
/// the shipped models were trained with before ensembles).
pub fn train_tagger(
    docs: &mut [TrainDoc],
    epochs: usize,
    folds: usize,
    seed: u64,
    mut progress: impl FnMut(&str, usize, f64),
) -> Tagger {
    let folds = folds.max(2);
    // The first pass sees no document features (a run before this one
    // left its own).
    for d in docs.iter_mut() {
        for w in d.units.iter_mut().flat_map(|u| u.words.iter_mut()) {
            w.extra.clear();
        }
    }
    let refs: Vec<&TrainDoc> = docs.iter().collect();
    let first = train_refs(&refs, epochs, seed, &mut |e, err| {
        progress("first pass", e, err)
    });
    drop(refs);
    let mut held_out: Vec<Option<Vec<Vec<usize>>>> = (0..docs.len()).map(|_| None).collect();
    for k in 0..folds {
        let (rest, keep): (Vec<usize>, Vec<usize>) = (0..docs.len()).partition(|i| i % folds != k);
        let part: Vec<&TrainDoc> = rest.iter().map(|&i| &docs[i]).collect();
        let model = train_refs(&part, epochs, seed, &mut |_, _| {});
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
    let refs: Vec<&TrainDoc> = docs.iter().collect();
    let second = train_refs(&refs, epochs, seed, &mut |e, err| {
        progress("second pass", e, err)
    });
    Tagger { first, second }
}

/// Trains the tagger `ensemble` times, each visiting the documents in
/// another order (seeds `seed`, `seed + 1`, ...), and averages the runs'
/// weights. One perceptron's weights depend on the order it saw the data
/// in, enough to move a dev score by a point; the average of several does
/// not, so the same data gives a model as good each time it is retrained.
pub fn train_ensemble(
    docs: &mut [TrainDoc],
    epochs: usize,
    folds: usize,
    seed: u64,
    ensemble: usize,
    mut progress: impl FnMut(&str, usize, f64),
) -> Tagger {
    let runs: Vec<Tagger> = (0..ensemble.max(1) as u64)
        .map(|k| {
            progress("order", k as usize + 1, 0.0);
            train_tagger(docs, epochs, folds, seed.wrapping_add(k), &mut progress)
        })
        .collect();
    Tagger::average(&runs)
}

/// Trains a model by the averaged structured perceptron: `epochs` passes
/// over the documents in an order shuffled by a fixed seed, so the same
/// data always gives the same model. `progress` is called after each epoch
/// with the epoch number and the share of words tagged wrong.
pub fn train(docs: &[TrainDoc], epochs: usize, mut progress: impl FnMut(usize, f64)) -> Model {
    let refs: Vec<&TrainDoc> = docs.iter().collect();
    train_refs(&refs, epochs, 0, &mut progress)
}

/// Not generic, so that it is compiled (and optimised) in this crate
/// whoever calls it: an unoptimised caller's copy trained 17 times slower.
fn train_refs(
    docs: &[&TrainDoc],
    epochs: usize,
    seed: u64,
    progress: &mut dyn FnMut(usize, f64),
) -> Model {
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
    // Seed 0 is the sequence the first models were trained with; another
    // seed is mixed so that near seeds give unrelated orders (never 0,
    // which xorshift cannot leave).
    let mut seed = match seed {
        0 => 0x9e37_79b9_7f4a_7c15u64,
        s => (s.wrapping_mul(0xff51_afd7_ed55_8ccd) ^ 0x9e37_79b9_7f4a_7c15).max(1),
    };
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
            // Unknown gold labels: the best sequence that agrees with the
            // known ones (constrained decoding) stands for the gold.
            let constrained;
            let gold: &[usize] = if gold.contains(&UNKNOWN) {
                let mut allowed = em.clone();
                for (row, &g) in allowed.iter_mut().zip(gold) {
                    if g != UNKNOWN {
                        for (l, v) in row.iter_mut().enumerate() {
                            if l != g {
                                *v = -1e30;
                            }
                        }
                    }
                }
                constrained = viterbi(&allowed, &tw);
                &constrained
            } else {
                gold
            };
            total += golds[s].iter().filter(|&&g| g != UNKNOWN).count();
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
            model.insert(k, row);
        }
    }
    for p in 0..=N {
        for l in 0..N {
            model.trans[p][l] = (tw[p][l] as f64 - tacc[p][l] / c) as f32;
        }
    }
    model
}
