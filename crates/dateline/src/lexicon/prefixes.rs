//! Finding which names of a list start a text: the names sorted once, then
//! walked as a trie (each byte of the text narrows the range of names
//! that share the prefix read so far, by two binary searches).
//!
//! It answers what an anchored, leftmost-longest Aho-Corasick search
//! answers, and every shorter name too, with no automaton to build: made
//! in a few milliseconds where building the automata of the lexicon and
//! the actor dictionary took half a second of every extractor's start.

/// A list of names, each with an id, sorted for prefix search.
#[derive(Clone, Default, PartialEq)]
pub(crate) struct Prefixes {
    /// Every name of two bytes or more, in sorted order, one after the
    /// other (so that names sharing a prefix are close in memory).
    bytes: Vec<u8>,
    /// For each of those names in sorted order: its start in `bytes`, its
    /// end, its id.
    names: Vec<(u32, u32, u32)>,
    /// For each first two bytes `b0 << 8 | b1`, where the names that start
    /// with them begin in `names` (and end at the next entry).
    first_two: Vec<u32>,
    /// Names of fewer than two bytes, with their ids.
    short: Vec<(Vec<u8>, u32)>,
}

impl std::fmt::Debug for Prefixes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prefixes")
            .field("names", &(self.names.len() + self.short.len()))
            .finish()
    }
}

impl Prefixes {
    /// The names, each with its id (names should be distinct; of equal
    /// ones, the one with the lowest id is found).
    pub fn new<'a>(names: impl IntoIterator<Item = (&'a [u8], u32)>) -> Prefixes {
        let mut long: Vec<(&[u8], u32)> = Vec::new();
        let mut short = Vec::new();
        for (name, id) in names {
            if name.len() < 2 {
                short.push((name.to_vec(), id));
            } else {
                long.push((name, id));
            }
        }
        short.sort();
        long.sort_unstable();
        // Equal names: keep the first only (the lowest id, sorted first).
        long.dedup_by(|b, a| a.0 == b.0);
        let mut bytes = Vec::with_capacity(long.iter().map(|(n, _)| n.len()).sum());
        let mut spans = Vec::with_capacity(long.len());
        let mut first_two = vec![0u32; (1 << 16) + 1];
        for &(name, id) in &long {
            let start = bytes.len() as u32;
            bytes.extend_from_slice(name);
            spans.push((start, bytes.len() as u32, id));
            first_two[two(name) + 1] += 1;
        }
        for i in 1..first_two.len() {
            first_two[i] += first_two[i - 1];
        }
        Prefixes {
            bytes,
            names: spans,
            first_two,
            short,
        }
    }

    /// The list's parts, for the lexicon's compiled tables.
    #[allow(clippy::type_complexity)]
    pub fn parts(&self) -> (&[u8], &[(u32, u32, u32)], &[u32], &[(Vec<u8>, u32)]) {
        (&self.bytes, &self.names, &self.first_two, &self.short)
    }

    /// A list from the parts [`Prefixes::parts`] gave; `None` when they do
    /// not fit together.
    pub fn from_parts(
        bytes: Vec<u8>,
        names: Vec<(u32, u32, u32)>,
        first_two: Vec<u32>,
        short: Vec<(Vec<u8>, u32)>,
    ) -> Option<Prefixes> {
        let ok = first_two.len() == (1 << 16) + 1
            && first_two.windows(2).all(|w| w[0] <= w[1])
            && first_two.last().is_some_and(|&e| e as usize == names.len())
            && names.iter().all(|&(s, e, _)| {
                s.checked_add(2).is_some_and(|x| x <= e) && e as usize <= bytes.len()
            })
            && short.iter().all(|(n, _)| n.len() < 2);
        ok.then_some(Prefixes {
            bytes,
            names,
            first_two,
            short,
        })
    }

    fn name(&self, i: usize) -> &[u8] {
        let (s, e, _) = self.names[i];
        &self.bytes[s as usize..e as usize]
    }

    /// Every name that `hay` starts with, shortest first, as (id, length
    /// in bytes) into `out` (cleared first).
    pub fn starting(&self, hay: &[u8], out: &mut Vec<(u32, usize)>) {
        out.clear();
        // A name of no byte or of one byte, when listed.
        for len in 0..2 {
            let found = self
                .short
                .iter()
                .find(|(n, _)| n.len() == len && hay.starts_with(n));
            if let Some((_, id)) = found {
                out.push((*id, len));
            }
        }
        if hay.len() < 2 {
            return;
        }
        // Names in `lo..hi` all start with `hay[..k]`; sorted, those of
        // length `k` come first, then the others by their byte at `k`.
        let p = two(hay);
        let (mut lo, mut hi) = (self.first_two[p] as usize, self.first_two[p + 1] as usize);
        for k in 2..=hay.len() {
            // Few names left (all starting with `hay[..k]`): check each
            // whole. In sorted order, those that `hay` starts with come
            // shortest first.
            if hi - lo <= LINEAR {
                for i in lo..hi {
                    let name = self.name(i);
                    if hay.starts_with(name) {
                        out.push((self.names[i].2, name.len()));
                    }
                }
                return;
            }
            if self.name(lo).len() == k {
                out.push((self.names[lo].2, k));
                lo += 1;
            }
            let Some(&b) = hay.get(k) else { return };
            let range = &self.names[lo..hi];
            let key = |n: &(u32, u32, u32)| self.bytes[(n.0 as usize) + k];
            let a = range.partition_point(|n| key(n) < b);
            let z = a + range[a..].partition_point(|n| key(n) == b);
            (lo, hi) = (lo + a, lo + z);
        }
    }
}

/// Below this many names left, [`Prefixes::starting`] compares each with
/// the text instead of narrowing by two binary searches per byte.
const LINEAR: usize = 8;

/// The first two bytes of `name` as one number.
fn two(name: &[u8]) -> usize {
    (name[0] as usize) << 8 | name[1] as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_finds_what_comparing_every_name_finds() {
        // Many names sharing prefixes, so that the walk both narrows long
        // ranges and checks short ones whole.
        let mut names = Vec::new();
        for a in ["new", "new york", "newport", "north", "n", "no", "nor"] {
            names.push(a.to_string());
            for b in ["", " city", " county", " times", " state", "s", "ark"] {
                for c in ["", " hall", " police", " -x"] {
                    names.push(format!("{a}{b}{c}"));
                }
            }
        }
        names.sort();
        names.dedup();
        let p = Prefixes::new(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.as_bytes(), i as u32)),
        );
        let mut out = Vec::new();
        for hay in names.iter().flat_map(|n| {
            [
                n.clone(),
                format!("{n} police said"),
                format!("{n}s hall"),
                n[..n.len() / 2].to_string(),
            ]
        }) {
            p.starting(hay.as_bytes(), &mut out);
            let mut want: Vec<(u32, usize)> = names
                .iter()
                .enumerate()
                .filter(|(_, n)| hay.starts_with(n.as_str()))
                .map(|(i, n)| (i as u32, n.len()))
                .collect();
            want.sort_by_key(|&(_, len)| len);
            assert_eq!(out, want, "{hay:?}");
        }
    }

    #[test]
    fn every_name_that_starts_the_text_shortest_first() {
        let names = ["new", "new york", "new york city", "newark", "york", "n"];
        let p = Prefixes::new(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.as_bytes(), i as u32)),
        );
        let mut out = Vec::new();
        p.starting(b"new york city hall", &mut out);
        assert_eq!(out, [(5, 1), (0, 3), (1, 8), (2, 13)]);
        p.starting(b"newark", &mut out);
        assert_eq!(out, [(5, 1), (0, 3), (3, 6)]);
        p.starting(b"ne", &mut out);
        assert_eq!(out, [(5, 1)]);
        p.starting(b"ok", &mut out);
        assert!(out.is_empty());
        p.starting(b"n", &mut out);
        assert_eq!(out, [(5, 1)]);
        p.starting(b"", &mut out);
        assert!(out.is_empty());
        p.starting(b"yorkshire", &mut out);
        assert_eq!(out, [(4, 4)]);
        // A name of multibyte letters ends where its last letter does.
        let q = Prefixes::new([("são paulo".as_bytes(), 7), ("são".as_bytes(), 8)]);
        q.starting("são paulo fc".as_bytes(), &mut out);
        assert_eq!(out, [(8, 4), (7, 10)]);
        // Of equal names, the lowest id.
        let r = Prefixes::new([(&b"gaza"[..], 3), (&b"gaza"[..], 1)]);
        r.starting(b"gaza strip", &mut out);
        assert_eq!(out, [(1, 4)]);
    }
}
