//! Decoding a unit's label scores: the best label sequence (Viterbi, with
//! `I-X` only after `B-X` or `I-X`) and each chosen label's probability
//! (forward-backward).

use super::{allowed, N};

/// The best label sequence for the emission scores `em` under the
/// transitions `trans` (`I-X` only after `B-X` or `I-X`).
pub(super) fn viterbi(em: &[[f32; N]], trans: &[[f32; N]; N + 1]) -> Vec<usize> {
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
    // The transitions by label with those not allowed at minus infinity: a
    // sum with one is minus infinity, never better than the best so far,
    // as a label not reached is (the same choices as skipping them, with
    // no test in the loop).
    let mut into = [[f32::NEG_INFINITY; N]; N];
    for (l, row) in into.iter_mut().enumerate() {
        for (p, t) in row.iter_mut().enumerate() {
            if allowed(p, l) {
                *t = trans[p][l];
            }
        }
    }
    for i in 1..n {
        let prev = score[i - 1];
        for l in 0..N {
            let mut best = (f32::NEG_INFINITY, 0);
            for (p, (&s, &t)) in prev.iter().zip(&into[l]).enumerate() {
                let s = s + t;
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
pub(super) fn marginals(em: &[[f32; N]], trans: &[[f32; N]; N + 1], path: &[usize]) -> Vec<f32> {
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
