//! Finding which names of a list start a text: the names sorted once, then
//! walked as a trie (each byte of the text narrows the range of names
//! that share the prefix read so far, by two binary searches).
//!
//! It answers what an anchored, leftmost-longest Aho-Corasick search
//! answers, and every shorter name too, with no automaton to build: made
//! in a few milliseconds where building the automata of the lexicon and
//! the actor dictionary took half a second of every extractor's start.

/// A list of names, each with an id, sorted for prefix search.
#[derive(Clone, Default)]
pub(crate) struct Prefixes {
    /// Every name's bytes, one after the other.
    bytes: Vec<u8>,
    /// For each name in sorted order: its start in `bytes`, its end, its id.
    names: Vec<(u32, u32, u32)>,
}

impl std::fmt::Debug for Prefixes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prefixes")
            .field("names", &self.names.len())
            .finish()
    }
}

impl Prefixes {
    /// The names, each with its id (names should be distinct; of equal
    /// ones, the one with the lowest id is found).
    pub fn new<'a>(names: impl IntoIterator<Item = (&'a [u8], u32)>) -> Prefixes {
        let mut bytes = Vec::new();
        let mut spans = Vec::new();
        for (name, id) in names {
            let start = bytes.len() as u32;
            bytes.extend_from_slice(name);
            spans.push((start, bytes.len() as u32, id));
        }
        let key = |&(s, e, _): &(u32, u32, u32)| &bytes[s as usize..e as usize];
        spans.sort_unstable_by(|a, b| key(a).cmp(key(b)).then(a.2.cmp(&b.2)));
        Prefixes {
            bytes,
            names: spans,
        }
    }

    fn name(&self, i: usize) -> &[u8] {
        let (s, e, _) = self.names[i];
        &self.bytes[s as usize..e as usize]
    }

    /// Every name that `hay` starts with, shortest first, as (id, length
    /// in bytes) into `out` (cleared first).
    pub fn starting(&self, hay: &[u8], out: &mut Vec<(u32, usize)>) {
        out.clear();
        // Names in `lo..hi` all start with `hay[..k]`; sorted, those of
        // length `k` come first, then the others by their byte at `k`.
        let (mut lo, mut hi) = (0, self.names.len());
        for k in 0..=hay.len() {
            if lo == hi {
                return;
            }
            if self.name(lo).len() == k {
                out.push((self.names[lo].2, k));
                // Equal names: keep the first only.
                while lo < hi && self.name(lo).len() == k {
                    lo += 1;
                }
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(out, [(0, 3), (1, 8), (2, 13)]);
        p.starting(b"newark", &mut out);
        assert_eq!(out, [(0, 3), (3, 6)]);
        p.starting(b"ne", &mut out);
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
