//! Finding which names of a list start a text, ending where a word may
//! end: a hash table of every name and of every part of a name that ends
//! where a word may end (`new`, `new york` and `new york city` for `new
//! york city`), walked one word-end of the text at a time. The walk stops
//! at the first end that starts no name, so it costs one table lookup per
//! word end it passes, usually one or two.
//!
//! It answers what an anchored, leftmost-longest Aho-Corasick search
//! answers, for names that end on a word boundary, with no automaton to
//! build. The table is made by the build script for the shipped lexicon
//! and actor dictionary, and in a few milliseconds for a user's
//! dictionary.

use std::borrow::Cow;

/// A list of `u32`: built (`Owned`), or read in place from tables compiled
/// into the binary, four little-endian bytes each (`Bytes`), so that
/// loading them copies nothing.
#[derive(Clone)]
pub(crate) enum Ints {
    /// Built in memory.
    Owned(Vec<u32>),
    /// Compiled bytes, read where they are.
    Bytes(&'static [u8]),
}

impl Default for Ints {
    fn default() -> Ints {
        Ints::Owned(Vec::new())
    }
}

impl PartialEq for Ints {
    fn eq(&self, other: &Ints) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Ints {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl From<Vec<u32>> for Ints {
    fn from(v: Vec<u32>) -> Ints {
        Ints::Owned(v)
    }
}

impl Ints {
    /// Little-endian bytes as a list (`None` unless whole `u32`s).
    pub fn from_bytes(b: &'static [u8]) -> Option<Ints> {
        (b.len() % 4 == 0).then_some(Ints::Bytes(b))
    }

    /// How many numbers.
    pub fn len(&self) -> usize {
        match self {
            Ints::Owned(v) => v.len(),
            Ints::Bytes(b) => b.len() / 4,
        }
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number `i` (panics past the end, as a slice does).
    #[inline]
    pub fn get(&self, i: usize) -> u32 {
        match self {
            Ints::Owned(v) => v[i],
            Ints::Bytes(b) => {
                let c = &b[4 * i..4 * i + 4];
                u32::from_le_bytes([c[0], c[1], c[2], c[3]])
            }
        }
    }

    /// The last number.
    pub fn last(&self) -> Option<u32> {
        self.len().checked_sub(1).map(|i| self.get(i))
    }

    /// The numbers in order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The list to add to (read-in-place numbers are copied first).
    pub fn to_mut(&mut self) -> &mut Vec<u32> {
        if let Ints::Bytes(_) = self {
            *self = Ints::Owned(self.iter().collect());
        }
        match self {
            Ints::Owned(v) => v,
            Ints::Bytes(_) => unreachable!("made owned above"),
        }
    }
}

/// A list of names, each with an id, for prefix search.
#[derive(Clone, Default, PartialEq)]
pub(crate) struct Prefixes {
    /// Every name of two bytes or more, in sorted order, one after the
    /// other.
    bytes: Cow<'static, [u8]>,
    /// For each of those names in sorted order, three numbers: its start
    /// in `bytes`, its end, its id.
    names: Ints,
    /// The walk's hash table, two `u32` per slot (open addressing, linear
    /// probing, a power of two of slots, at most half full): a fingerprint
    /// of a text that starts a name and ends where a word may end (0: an
    /// empty slot), and the index in `names` of the name it is ([`NONE`]
    /// when it only starts names).
    walk: Ints,
    /// Names of fewer than two bytes, with their ids.
    short: Vec<(Vec<u8>, u32)>,
}

/// No name, in a slot of the walk's table.
const NONE: u32 = u32::MAX;

impl std::fmt::Debug for Prefixes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prefixes")
            .field("names", &(self.names.len() / 3 + self.short.len()))
            .finish()
    }
}

/// FNV-1a, byte by byte, so that the walk hashes a text as it reads it.
#[derive(Clone, Copy)]
struct Hash(u64);

impl Hash {
    fn new() -> Hash {
        Hash(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(mut self, b: &[u8]) -> Hash {
        for &x in b {
            self.0 = (self.0 ^ x as u64).wrapping_mul(0x100_0000_01b3);
        }
        self
    }
    /// The first slot to probe (of `mask + 1`) and the fingerprint (never
    /// 0).
    fn place(self, mask: usize) -> (usize, u32) {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        ((h >> 32) as usize & mask, (h as u32) | 1)
    }
}

/// Whether a word may end before the text `rest` (which is not empty):
/// its first character is neither a letter nor a digit.
fn word_may_end_before(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| !c.is_alphanumeric())
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
        let mut spans = Vec::with_capacity(3 * long.len());
        for &(name, id) in &long {
            let start = bytes.len() as u32;
            bytes.extend_from_slice(name);
            spans.extend([start, bytes.len() as u32, id]);
        }
        let mut p = Prefixes {
            bytes: Cow::Owned(bytes),
            names: Ints::Owned(spans),
            walk: Ints::default(),
            short,
        };
        p.walk = Ints::Owned(p.make_walk());
        p
    }

    /// The walk's table for the names: every name, and every text that
    /// starts one and ends where a word may end.
    fn make_walk(&self) -> Vec<u32> {
        // (hash, name index or NONE), names last so that a text that is
        // both a name and the start of longer ones is found as the name.
        let mut entries: Vec<(Hash, u32)> = Vec::new();
        for i in 0..self.names.len() / 3 {
            // A name that is not text cannot start a text.
            let Ok(name) = std::str::from_utf8(self.name(i)) else {
                continue;
            };
            for (p, _) in name.char_indices().skip(1) {
                if word_may_end_before(&name[p..]) {
                    entries.push((Hash::new().bytes(&name.as_bytes()[..p]), NONE));
                }
            }
            entries.push((Hash::new().bytes(name.as_bytes()), i as u32));
        }
        let slots = (entries.len() * 2).max(2).next_power_of_two();
        let mask = slots - 1;
        let mut walk = vec![0u32; slots * 2];
        for (h, name) in entries {
            let (mut at, fp) = h.place(mask);
            loop {
                let (f, n) = (walk[2 * at], walk[2 * at + 1]);
                if f == 0 {
                    walk[2 * at] = fp;
                    walk[2 * at + 1] = name;
                    break;
                }
                if f == fp {
                    // The same text, or one with the same fingerprint: a
                    // start of names is there already; a name takes a
                    // slot that holds none, else one of its own.
                    if name == NONE {
                        break;
                    }
                    if n == NONE {
                        walk[2 * at + 1] = name;
                        break;
                    }
                }
                at = (at + 1) & mask;
            }
        }
        walk
    }

    /// The list's parts, for the compiled tables: the names' bytes, three
    /// numbers a name (start, end, id), the walk's table, the short names.
    #[allow(clippy::type_complexity)]
    pub fn parts(&self) -> (&[u8], &Ints, &Ints, &[(Vec<u8>, u32)]) {
        (&self.bytes, &self.names, &self.walk, &self.short)
    }

    /// The ids of the names.
    pub fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.names.len() / 3)
            .map(|i| self.names.get(3 * i + 2))
            .chain(self.short.iter().map(|s| s.1))
    }

    /// A list from the parts [`Prefixes::parts`] gave; `None` when they do
    /// not fit together.
    pub fn from_parts(
        bytes: Cow<'static, [u8]>,
        names: Ints,
        walk: Ints,
        short: Vec<(Vec<u8>, u32)>,
    ) -> Option<Prefixes> {
        let slots = walk.len() / 2;
        let count = names.len() / 3;
        let ok = slots.is_power_of_two()
            && walk.len() % 2 == 0
            && names.len() % 3 == 0
            // An empty slot ends every probe.
            && (0..slots).any(|i| walk.get(2 * i) == 0)
            && (0..slots).all(|i| {
                let n = walk.get(2 * i + 1);
                n == NONE || (n as usize) < count
            })
            && (0..count).all(|i| {
                let (s, e) = (names.get(3 * i), names.get(3 * i + 1));
                s.checked_add(2).is_some_and(|x| x <= e) && e as usize <= bytes.len()
            })
            && short.iter().all(|(n, _)| n.len() < 2);
        ok.then_some(Prefixes {
            bytes,
            names,
            walk,
            short,
        })
    }

    fn name(&self, i: usize) -> &[u8] {
        let (s, e) = (self.names.get(3 * i), self.names.get(3 * i + 1));
        &self.bytes[s as usize..e as usize]
    }

    /// Looks `text` (hashed as `h`) up: whether it may start a name, and
    /// the index of the name it is.
    fn lookup(&self, h: Hash, text: &[u8]) -> (bool, Option<usize>) {
        let mask = self.walk.len() / 2 - 1;
        let (mut at, fp) = h.place(mask);
        let mut starts = false;
        loop {
            let (f, n) = (self.walk.get(2 * at), self.walk.get(2 * at + 1));
            if f == 0 {
                return (starts, None);
            }
            if f == fp {
                starts = true;
                if n != NONE && self.name(n as usize) == text {
                    return (true, Some(n as usize));
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// Every name that `hay` starts with and that ends where a word may
    /// (at the end of `hay`, or before a character that is neither a
    /// letter nor a digit), and every name of fewer than two bytes that
    /// `hay` starts with, shortest first, as (id, length in bytes) into
    /// `out` (cleared first).
    pub fn starting(&self, hay: &str, out: &mut Vec<(u32, usize)>) {
        out.clear();
        // A name of no byte or of one byte, when listed.
        for len in 0..2 {
            let found = self
                .short
                .iter()
                .find(|(n, _)| n.len() == len && hay.as_bytes().starts_with(n));
            if let Some((_, id)) = found {
                out.push((*id, len));
            }
        }
        if self.walk.is_empty() {
            return;
        }
        let bytes = hay.as_bytes();
        let mut h = Hash::new();
        let mut hashed = 0;
        for (e, _) in hay.char_indices().skip(1).chain([(hay.len(), ' ')]) {
            if e < hay.len() && !word_may_end_before(&hay[e..]) {
                continue;
            }
            h = h.bytes(&bytes[hashed..e]);
            hashed = e;
            let (starts, name) = self.lookup(h, &bytes[..e]);
            if let Some(i) = name {
                out.push((self.names.get(3 * i + 2), e));
            }
            if !starts {
                return;
            }
        }
    }
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
            p.starting(&hay, &mut out);
            let mut want: Vec<(u32, usize)> = names
                .iter()
                .enumerate()
                .filter(|(_, n)| {
                    hay.starts_with(n.as_str())
                        && (n.len() < 2
                            || hay[n.len()..]
                                .chars()
                                .next()
                                .map_or(true, |c| !c.is_alphanumeric()))
                })
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
        p.starting("new york city hall", &mut out);
        assert_eq!(out, [(5, 1), (0, 3), (1, 8), (2, 13)]);
        // `new` does not end a word of `newark`.
        p.starting("newark", &mut out);
        assert_eq!(out, [(5, 1), (3, 6)]);
        p.starting("new-york", &mut out);
        assert_eq!(out, [(5, 1), (0, 3)]);
        p.starting("ne", &mut out);
        assert_eq!(out, [(5, 1)]);
        p.starting("ok", &mut out);
        assert!(out.is_empty());
        p.starting("n", &mut out);
        assert_eq!(out, [(5, 1)]);
        p.starting("", &mut out);
        assert!(out.is_empty());
        p.starting("yorkshire", &mut out);
        assert!(out.is_empty());
        // A name of multibyte letters ends where its last letter does.
        let q = Prefixes::new([("são paulo".as_bytes(), 7), ("são".as_bytes(), 8)]);
        q.starting("são paulo fc", &mut out);
        assert_eq!(out, [(8, 4), (7, 10)]);
        q.starting("sãopaulo", &mut out);
        assert!(out.is_empty());
        // A name that ends in a full stop (`u.s.`), before a space or a
        // hyphen.
        let u = Prefixes::new([(&b"u.s."[..], 1), (&b"u.s. army"[..], 2)]);
        u.starting("u.s. army said", &mut out);
        assert_eq!(out, [(1, 4), (2, 9)]);
        u.starting("u.s.-led", &mut out);
        assert_eq!(out, [(1, 4)]);
        // Of equal names, the lowest id.
        let r = Prefixes::new([(&b"gaza"[..], 3), (&b"gaza"[..], 1)]);
        r.starting("gaza strip", &mut out);
        assert_eq!(out, [(1, 4)]);
        // The parts make the same list again.
        let (b, n, w, s) = p.parts();
        let again = Prefixes::from_parts(b.to_vec().into(), n.clone(), w.clone(), s.to_vec());
        assert!(again.is_some_and(|a| a == p));
    }
}
