//! Back-off tables learnt from the training data: the universal tag (UPOS)
//! from the Penn tag, the word and its relation (so `that` as `mark` is
//! SCONJ and as `det` DET, `has` as `aux` is AUX), and the morphological
//! features (Number, Tense, VerbForm, Person, Mood, and for pronouns Case
//! and PronType) from the tags and the word.
//!
//! A table holds levels from the most specific key to the most general;
//! a specific entry is kept only where it seen at least twice and its
//! answer differs from the general one's, so the tables stay small.

use std::collections::HashMap;

use super::model::{key, put_str, varint, KeyMap, Reader};

/// A back-off map from keys (most specific first) to string ids.
#[derive(Debug, Default, Clone)]
pub(crate) struct Backoff {
    levels: Vec<KeyMap<u32>>,
}

impl Backoff {
    /// The value of the most specific level that has its key.
    #[inline]
    pub fn get(&self, keys: &[u64]) -> Option<u32> {
        self.levels
            .iter()
            .zip(keys)
            .find_map(|(lvl, k)| lvl.get(k).copied())
    }

    /// Entries in all levels.
    pub fn len(&self) -> usize {
        self.levels.iter().map(|l| l.len()).sum()
    }

    /// Learns the table from examples (keys per level, value).
    pub fn build<const L: usize>(examples: &[([u64; L], u32)], min_count: u32) -> Backoff {
        // counts[level][key][value]
        let mut counts: Vec<KeyMap<HashMap<u32, u32>>> = vec![KeyMap::default(); L];
        let mut parent: Vec<KeyMap<u64>> = vec![KeyMap::default(); L];
        for (keys, v) in examples {
            for l in 0..L {
                *counts[l].entry(keys[l]).or_default().entry(*v).or_default() += 1;
                if l + 1 < L {
                    parent[l].entry(keys[l]).or_insert(keys[l + 1]);
                }
            }
        }
        let best = |m: &HashMap<u32, u32>| -> (u32, u32) {
            let mut v: Vec<(u32, u32)> = m.iter().map(|(&k, &c)| (k, c)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let total = v.iter().map(|x| x.1).sum();
            (v[0].0, total)
        };
        let mut levels: Vec<KeyMap<u32>> = vec![KeyMap::default(); L];
        for l in (0..L).rev() {
            let mut keys: Vec<&u64> = counts[l].keys().collect();
            keys.sort();
            for &k in keys {
                let (v, total) = best(&counts[l][&k]);
                if l + 1 == L {
                    levels[l].insert(k, v);
                    continue;
                }
                if total < min_count {
                    continue;
                }
                // What the more general levels answer for this key.
                let mut p = parent[l][&k];
                let mut general = None;
                for (m, lvl) in levels.iter().enumerate().skip(l + 1) {
                    if let Some(&g) = lvl.get(&p) {
                        general = Some(g);
                        break;
                    }
                    if m + 1 < L {
                        p = parent[m].get(&p).copied().unwrap_or(p);
                    }
                }
                if general != Some(v) {
                    levels[l].insert(k, v);
                }
            }
        }
        Backoff { levels }
    }

    /// Serialises the levels, keys sorted.
    pub fn write(&self, out: &mut Vec<u8>) {
        varint(out, self.levels.len() as u64);
        for lvl in &self.levels {
            let mut e: Vec<(&u64, &u32)> = lvl.iter().collect();
            e.sort();
            varint(out, e.len() as u64);
            for (k, v) in e {
                out.extend_from_slice(&k.to_le_bytes());
                varint(out, *v as u64);
            }
        }
    }

    /// Reads a table written by [`Backoff::write`]; values must be under
    /// `values`.
    pub fn read(r: &mut Reader<'_>, values: usize) -> Result<Backoff, String> {
        let n = r.varint()? as usize;
        if n > 16 {
            return Err(format!("{n} back-off levels"));
        }
        let mut levels = Vec::with_capacity(n);
        for _ in 0..n {
            let m = r.varint()? as usize;
            let mut lvl = KeyMap::default();
            lvl.reserve(m.min(1 << 20));
            for _ in 0..m {
                let k = r.u64()?;
                let v = r.varint()? as u32;
                if v as usize >= values {
                    return Err(format!("value {v} of {values}"));
                }
                lvl.insert(k, v);
            }
            levels.push(lvl);
        }
        Ok(Backoff { levels })
    }
}

/// A list of strings with ids.
#[derive(Debug, Default, Clone)]
pub(crate) struct Pool {
    pub strings: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Pool {
    /// The id of `s`, adding it if new.
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.strings.len() as u32;
        self.strings.push(s.to_string());
        self.ids.insert(s.to_string(), i);
        i
    }
    /// Serialises the strings.
    pub fn write(&self, out: &mut Vec<u8>) {
        varint(out, self.strings.len() as u64);
        for s in &self.strings {
            put_str(out, s);
        }
    }
    /// Reads a pool written by [`Pool::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Pool, String> {
        let n = r.varint()? as usize;
        if n > 1 << 22 {
            return Err(format!("{n} strings"));
        }
        let mut p = Pool::default();
        for _ in 0..n {
            let s = r.str()?;
            p.ids.insert(s.clone(), p.strings.len() as u32);
            p.strings.push(s);
        }
        Ok(p)
    }
}

/// Keys of the UPOS table.
#[inline]
pub(crate) fn upos_keys(xpos: u16, lraw: u64, deprel: u16) -> [u64; 4] {
    let (x, d) = (xpos as u64, deprel as u64);
    [
        key(300, x, lraw, d),
        key(301, x, lraw, 0),
        key(302, x, d, 0),
        key(303, x, 0, 0),
    ]
}

/// Keys of the features table.
#[inline]
pub(crate) fn feats_keys(upos: u32, xpos: u16, lraw: u64, deprel: u16) -> [u64; 3] {
    let (u, x) = (upos as u64, xpos as u64);
    [
        key(310, u, x, key(0, lraw, deprel as u64, 0)),
        key(311, u, x, lraw),
        key(312, u, x, 0),
    ]
}
