//! The dependency parser: greedy, transition-based, arc-hybrid (Kuhlmann,
//! Gómez-Rodríguez & Satta 2011) with the root at the end of the buffer,
//! trained with a dynamic oracle (Goldberg & Nivre 2012/2013) and an
//! averaged perceptron over Zhang & Nivre (2011)-style features (words and
//! tags of the stack and buffer, their leftmost and rightmost children and
//! labels, distance, valency, label sets).
//!
//! Two tables: one scores the three moves (shift, left arc, right arc), the
//! other the relation of an arc, from the same features crossed with the
//! arc's direction. A sentence of `n` words takes exactly `2n` moves.

use super::model::{key, Scorer, Table};
use super::tagger::WordInfo;

pub(crate) const SHIFT: usize = 0;
pub(crate) const LEFT: usize = 1;
pub(crate) const RIGHT: usize = 2;
/// Number of move classes (the table's rows are padded to four).
pub(crate) const MOVES: usize = 4;

const NONE: u32 = u32::MAX;

const ROOT_W: u64 = 0x5e_ed0f_5007;
const ROOT_T: u64 = 0xfffe;

/// The parser state, reused across sentences.
#[derive(Debug, Default)]
pub(crate) struct State {
    n: usize,
    stack: Vec<u32>,
    b0: usize,
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
    lch: Vec<[u32; 2]>,
    rch: Vec<[u32; 2]>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
    /// Moves made (for the linear-time guard).
    pub moves: usize,
    /// Per position `x` (a word, then the root at `n`, then "none" at
    /// `n + 1`): the summed move scores of the features that depend on `x`
    /// alone as s0, s1, s2 or b0 ([`S0_FEATS`] ...), computed once per
    /// sentence instead of at every move.
    cache: Vec<[[i32; MOVES]; 4]>,
}

/// Word value of position `x` in the features (0 for none).
#[inline]
fn word_value(words: &[WordInfo], n: usize, x: u32) -> u64 {
    if x == NONE {
        0
    } else if x as usize == n {
        ROOT_W
    } else {
        words[x as usize].lw
    }
}

/// Tag value of position `x` in the features (0 for none).
#[inline]
fn tag_value(tags: &[u16], n: usize, x: u32) -> u64 {
    if x == NONE {
        0
    } else if x as usize == n {
        ROOT_T
    } else {
        tags[x as usize] as u64 + 1
    }
}

/// Indices (into [`State::features`]' output) of the features that depend
/// only on the word at s0.
#[cfg(test)]
pub(crate) const S0_FEATS: [usize; 3] = [1, 2, 3];
/// ... only on s1.
#[cfg(test)]
pub(crate) const S1_FEATS: [usize; 3] = [12, 13, 14];
/// ... only on s2.
#[cfg(test)]
pub(crate) const S2_FEATS: [usize; 1] = [15];
/// ... only on b0 (and so b1 and b2), with the bias.
#[cfg(test)]
pub(crate) const B0_FEATS: [usize; 11] = [0, 4, 5, 6, 7, 8, 9, 10, 11, 22, 25];
/// The other features, scored at every move.
pub(crate) const STATE_FEATS: [usize; 48] = [
    16, 17, 18, 19, 20, 21, 23, 24, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41,
    42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65,
];

/// The keys of the single-position features of position `x`: as s0, s1,
/// s2 and b0 (the same keys [`State::features`] writes).
fn position_keys(words: &[WordInfo], tags: &[u16], x: u32) -> ([u64; 3], [u64; 3], u64, [u64; 11]) {
    let n = words.len();
    let w = |x: u32| word_value(words, n, x);
    let t = |x: u32| tag_value(tags, n, x);
    let (xw, xt) = (w(x), t(x));
    let s0 = [key(101, xw, 0, 0), key(102, xt, 0, 0), key(103, xw, xt, 0)];
    let s1 = [key(112, xw, 0, 0), key(113, xt, 0, 0), key(114, xw, xt, 0)];
    let s2 = key(115, xt, 0, 0);
    // As b0: b1 and b2 follow it (b1 is the root when b0 is the last word).
    let b1 = if (x as usize) < n { x + 1 } else { NONE };
    let b2 = if (x as usize) + 1 < n { x + 2 } else { NONE };
    let (b1w, b1t) = (w(b1), t(b1));
    let b0 = [
        key(100, 0, 0, 0),
        key(104, xw, 0, 0),
        key(105, xt, 0, 0),
        key(106, xw, xt, 0),
        key(107, b1w, 0, 0),
        key(108, b1t, 0, 0),
        key(109, b1w, b1t, 0),
        key(110, w(b2), 0, 0),
        key(111, t(b2), 0, 0),
        key(122, xt, b1t, 0),
        key(125, xt, b1t, t(b2)),
    ];
    (s0, s1, s2, b0)
}

impl State {
    /// Resets the state for a sentence of `n` words (root = index `n`).
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b0 = 0;
        let m = n + 1;
        self.heads.clear();
        self.heads.resize(m, NONE);
        self.labels.clear();
        self.labels.resize(m, 0);
        self.lch.clear();
        self.lch.resize(m, [NONE; 2]);
        self.rch.clear();
        self.rch.resize(m, [NONE; 2]);
        self.nl.clear();
        self.nl.resize(m, 0);
        self.nr.clear();
        self.nr.resize(m, 0);
        self.lset.clear();
        self.lset.resize(m, 0);
        self.rset.clear();
        self.rset.resize(m, 0);
    }

    /// True when the parse is complete.
    pub fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b0 == self.n
    }

    /// Which moves are allowed: `[shift, left, right]`.
    pub fn valid(&self) -> [bool; 3] {
        let s = self.stack.len();
        let at_root = self.b0 == self.n;
        [!at_root, s >= 1 && (!at_root || s == 1), s >= 2]
    }

    /// The arc a move would make: (head, dependent).
    pub fn arc(&self, mv: usize) -> Option<(u32, u32)> {
        let s0 = *self.stack.last()?;
        match mv {
            LEFT => Some((self.b0 as u32, s0)),
            RIGHT => Some((self.stack[self.stack.len() - 2], s0)),
            _ => None,
        }
    }

    /// Applies a move (which must be valid) with the arc's relation.
    pub fn apply(&mut self, mv: usize, label: u16) {
        self.moves += 1;
        if mv == SHIFT {
            self.stack.push(self.b0 as u32);
            self.b0 += 1;
            return;
        }
        let Some((h, d)) = self.arc(mv) else {
            return;
        };
        self.stack.pop();
        let (h, d) = (h as usize, d as usize);
        self.heads[d] = h as u32;
        self.labels[d] = label;
        let bit = 1u64 << (label % 64);
        if d < h {
            self.lch[h] = [d as u32, self.lch[h][0]];
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            self.rch[h] = [d as u32, self.rch[h][0]];
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
    }

    /// Costs of the three moves against the gold heads (`gold[i]`, root =
    /// `n`): the number of gold arcs each would make unreachable
    /// (Goldberg & Nivre 2013, arc-hybrid).
    pub fn costs(&self, gold: &[u32]) -> [u32; 3] {
        let n = self.n as u32;
        let b0 = self.b0 as u32;
        let st = &self.stack;
        let in_buffer = |x: u32| x >= b0 && x <= n;
        let mut c = [0u32; 3];
        if let Some(&s0) = st.last() {
            let s1 = if st.len() >= 2 {
                st[st.len() - 2]
            } else {
                NONE
            };
            let g = gold[s0 as usize];
            let deps_in_buffer = (b0..n).filter(|&d| gold[d as usize] == s0).count() as u32;
            // Left: s0 takes b0 as head.
            c[LEFT] = deps_in_buffer + (g == s1) as u32 + (g != b0 && in_buffer(g)) as u32;
            // Right: s0 takes s1 as head.
            c[RIGHT] = deps_in_buffer + in_buffer(g) as u32;
        }
        if b0 < n {
            let g = gold[b0 as usize];
            let s0 = st.last().copied().unwrap_or(NONE);
            let head_in_stack = g != s0 && st.contains(&g);
            let deps_in_stack = st.iter().filter(|&&d| gold[d as usize] == b0).count() as u32;
            c[SHIFT] = head_in_stack as u32 + deps_in_stack;
        }
        c
    }

    /// Writes the state's features into `out` (in the order of
    /// [`S0_FEATS`], [`S1_FEATS`], [`S2_FEATS`], [`B0_FEATS`] and the
    /// others).
    pub fn features(&self, words: &[WordInfo], tags: &[u16], out: &mut Vec<u64>) {
        out.clear();
        let n = self.n;
        let w = |x: u32| word_value(words, n, x);
        let t = |x: u32| tag_value(tags, n, x);
        let l = |x: u32| -> u64 {
            if x == NONE {
                0
            } else {
                self.labels[x as usize] as u64 + 1
            }
        };
        let st = &self.stack;
        let s0 = st.last().copied().unwrap_or(NONE);
        let s1 = if st.len() >= 2 {
            st[st.len() - 2]
        } else {
            NONE
        };
        let s2 = if st.len() >= 3 {
            st[st.len() - 3]
        } else {
            NONE
        };
        let b0 = self.b0 as u32;
        let b1 = if self.b0 < n { b0 + 1 } else { NONE };
        let b2 = if self.b0 + 1 < n { b0 + 2 } else { NONE };
        let ch = |x: u32, left: bool, k: usize| -> u32 {
            if x == NONE {
                NONE
            } else if left {
                self.lch[x as usize][k]
            } else {
                self.rch[x as usize][k]
            }
        };
        let s0l = ch(s0, true, 0);
        let s0l2 = ch(s0, true, 1);
        let s0r = ch(s0, false, 0);
        let s0r2 = ch(s0, false, 1);
        let b0l = ch(b0, true, 0);
        let b0l2 = ch(b0, true, 1);
        let s1r = ch(s1, false, 0);
        let (s0w, s0t, b0w, b0t) = (w(s0), t(s0), w(b0), t(b0));
        let (b1w, b1t, s1w, s1t) = (w(b1), t(b1), w(s1), t(s1));
        let d = if s0 == NONE {
            0
        } else {
            (b0 - s0).min(6) as u64 + 1
        };
        let val = |x: u32, left: bool| -> u64 {
            if x == NONE {
                0
            } else if left {
                self.nl[x as usize] as u64 + 1
            } else {
                self.nr[x as usize] as u64 + 1
            }
        };
        let set = |x: u32, left: bool| -> u64 {
            if x == NONE {
                0
            } else if left {
                self.lset[x as usize]
            } else {
                self.rset[x as usize]
            }
        };
        let f = [
            key(100, 0, 0, 0),
            key(101, s0w, 0, 0),
            key(102, s0t, 0, 0),
            key(103, s0w, s0t, 0),
            key(104, b0w, 0, 0),
            key(105, b0t, 0, 0),
            key(106, b0w, b0t, 0),
            key(107, b1w, 0, 0),
            key(108, b1t, 0, 0),
            key(109, b1w, b1t, 0),
            key(110, w(b2), 0, 0),
            key(111, t(b2), 0, 0),
            key(112, s1w, 0, 0),
            key(113, s1t, 0, 0),
            key(114, s1w, s1t, 0),
            key(115, t(s2), 0, 0),
            key(116, s0w, b0w, 0),
            key(117, s0t, b0t, 0),
            key(118, s0w, s0t, b0t),
            key(119, s0t, b0w, b0t),
            key(120, s0w, b0w, b0t),
            key(121, s0w, s0t, b0w),
            key(122, b0t, b1t, 0),
            key(123, s1t, s0t, 0),
            key(124, s1w, s0w, 0),
            key(125, b0t, b1t, t(b2)),
            key(126, s0t, b0t, b1t),
            key(127, s1t, s0t, b0t),
            key(128, s0t, t(s0l), b0t),
            key(129, s0t, t(s0r), b0t),
            key(130, s0t, b0t, t(b0l)),
            key(131, s1t, t(s1r), s0t),
            key(132, s0t, t(s0l), t(s0l2)),
            key(133, s0t, t(s0r), t(s0r2)),
            key(134, b0t, t(b0l), t(b0l2)),
            key(135, t(s2), s1t, s0t),
            key(136, s0w, d, 0),
            key(137, s0t, d, 0),
            key(138, b0w, d, 0),
            key(139, b0t, d, 0),
            key(140, s0t, b0t, d),
            key(141, s0w, val(s0, false), 0),
            key(142, s0t, val(s0, false), 0),
            key(143, s0w, val(s0, true), 0),
            key(144, s0t, val(s0, true), 0),
            key(145, b0w, val(b0, true), 0),
            key(146, b0t, val(b0, true), 0),
            key(147, w(s0l), 0, 0),
            key(148, t(s0l), 0, 0),
            key(149, l(s0l), 0, 0),
            key(150, w(s0r), 0, 0),
            key(151, t(s0r), 0, 0),
            key(152, l(s0r), 0, 0),
            key(153, w(b0l), 0, 0),
            key(154, t(b0l), 0, 0),
            key(155, l(b0l), 0, 0),
            key(156, l(s0l2), 0, 0),
            key(157, l(s0r2), 0, 0),
            key(158, l(b0l2), 0, 0),
            key(159, s0t, set(s0, true), 0),
            key(160, s0t, set(s0, false), 0),
            key(161, b0t, set(b0, true), 0),
            key(162, s0w, b1t, 0),
            key(163, s0t, l(s0l), l(s0r)),
            key(164, s1t, l(s1r), 0),
            key(165, s0t, b0t, (self.stack.len().min(4)) as u64),
        ];
        out.extend_from_slice(&f);
    }
}

/// The features of the relation classifier: the move features crossed
/// with the arc's direction.
pub(crate) fn label_features(feats: &[u64], mv: usize, out: &mut Vec<u64>) {
    out.clear();
    out.extend(
        LABEL_FEATURES
            .iter()
            .filter_map(|&i| feats.get(i))
            .map(|&f| key(200 + mv as u64, f, 0, 0)),
    );
}

/// The move features the relation classifier uses: words and tags of the
/// stack and buffer, their pairs, distance, and the children's words, tags
/// and relations.
const LABEL_FEATURES: [usize; 38] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 16, 17, 18, 19, 20, 21, 22, 23, 27, 36, 37, 38, 39,
    40, 47, 48, 49, 50, 51, 52, 53, 54, 55, 59, 60,
];

/// Fills the state's per-position score cache for a sentence (after
/// [`State::reset`]).
fn fill_cache(st: &mut State, moves: &Table, words: &[WordInfo], tags: &[u16]) {
    let n = words.len();
    st.cache.clear();
    for x in 0..n + 2 {
        let x = if x == n + 1 { NONE } else { x as u32 };
        let (s0, s1, s2, b0) = position_keys(words, tags, x);
        let mut c = [[0i32; MOVES]; 4];
        moves.add_narrow(&s0, &mut c[0]);
        moves.add_narrow(&s1, &mut c[1]);
        moves.add_narrow(&[s2], &mut c[2]);
        moves.add_narrow(&b0, &mut c[3]);
        st.cache.push(c);
    }
}

/// The integer move scores of the state whose features are `feats`: its
/// positions' cached sums plus the rows of [`STATE_FEATS`].
fn move_scores(st: &State, moves: &Table, feats: &[u64]) -> [i32; MOVES] {
    let none = st.n + 1;
    let len = st.stack.len();
    let at = |k: usize| len.checked_sub(k).map_or(none, |i| st.stack[i] as usize);
    let c = &st.cache;
    let mut acc = [0i32; MOVES];
    for (m, a) in acc.iter_mut().enumerate() {
        *a = c[at(1)][0][m] + c[at(2)][1][m] + c[at(3)][2][m] + c[st.b0][3][m];
    }
    let mut dynamic = [0u64; STATE_FEATS.len()];
    for (d, &i) in dynamic.iter_mut().zip(&STATE_FEATS) {
        *d = feats[i];
    }
    moves.add_narrow(&dynamic, &mut acc);
    acc
}

/// Parses one sentence of tagged words. `root_label` is the relation index
/// of `root`.
///
/// The move scores are the same integer sums as scoring all of
/// [`State::features`], with the single-position features summed once per
/// sentence.
#[allow(clippy::too_many_arguments)]
pub(crate) fn parse(
    moves: &Table,
    labels: &Table,
    root_label: u16,
    words: &[WordInfo],
    tags: &[u16],
    st: &mut State,
    feats: &mut Vec<u64>,
    lfeats: &mut Vec<u64>,
    scores: &mut [f32],
) {
    let n = words.len();
    st.reset(n);
    fill_cache(st, moves, words, tags);
    while !st.terminal() {
        let valid = st.valid();
        st.features(words, tags, feats);
        let acc = move_scores(st, moves, feats);
        let mut best = usize::MAX;
        for mv in 0..3 {
            if valid[mv] && (best == usize::MAX || acc[mv] > acc[best]) {
                best = mv;
            }
        }
        if best == usize::MAX {
            // Cannot happen for a state that is not terminal; stop safely.
            break;
        }
        let mut label = 0u16;
        if let Some((h, _)) = st.arc(best) {
            if h as usize == n {
                label = root_label;
            } else {
                label_features(feats, best, lfeats);
                labels.scores(lfeats, scores);
                let c = labels.classes();
                let mut bl = usize::MAX;
                for (i, &x) in scores[..c].iter().enumerate() {
                    if i as u16 != root_label && (bl == usize::MAX || x > scores[bl]) {
                        bl = i;
                    }
                }
                label = bl as u16;
            }
        }
        st.apply(best, label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{model, tagger};

    #[test]
    fn cached_move_scores_are_the_full_sums() {
        // Every feature index is in exactly one group.
        let mut seen = [0u8; 66];
        for &i in S0_FEATS
            .iter()
            .chain(&S1_FEATS)
            .chain(&S2_FEATS)
            .chain(&B0_FEATS)
            .chain(&STATE_FEATS)
        {
            seen[i] += 1;
        }
        assert!(seen.iter().all(|&k| k == 1), "{seen:?}");
        // Along a real parse, the cached sums plus the other features give
        // the same scores as all the features.
        let m = model();
        let text = "Iraqi Shiite militias resumed attacks on U.S. forces in Iraq and Syria, officials said.";
        let mut buf = String::new();
        let mut words: Vec<WordInfo> = text
            .split(' ')
            .map(|w| tagger::word_info(w, &mut buf))
            .collect();
        tagger::fill_classes(&m.lexicon, &mut words);
        let (mut tags, mut feats, mut scores) = (Vec::new(), Vec::new(), vec![0f32; 1024]);
        tagger::tag(
            &m.tagger,
            &m.tagdict,
            m.nationalities.as_ref(),
            &words,
            &mut tags,
            &mut feats,
            &mut scores,
        );
        let mut st = State::default();
        st.reset(words.len());
        fill_cache(&mut st, &m.moves, &words, &tags);
        let mut steps = 0;
        while !st.terminal() {
            st.features(&words, &tags, &mut feats);
            let mut full = [0i32; MOVES];
            m.moves.add_narrow(&feats, &mut full);
            assert_eq!(move_scores(&st, &m.moves, &feats), full, "step {steps}");
            let valid = st.valid();
            let mv = (0..3)
                .filter(|&v| valid[v])
                .max_by_key(|&v| full[v])
                .unwrap();
            st.apply(mv, 0);
            steps += 1;
        }
        assert_eq!(steps, 2 * words.len());
    }
}
