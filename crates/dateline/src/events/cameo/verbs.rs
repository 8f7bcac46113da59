//! The CAMEO verb dictionary (`data/cameo_verbs.tsv`, generated from
//! PETRARCH2's `CAMEO.2.0.txt` by `scripts/data/build_cameo.py`): synonym
//! sets, verb blocks with their default codes, verb forms and patterns,
//! loaded once.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const VERBS: &str = include_str!("../../../data/cameo_verbs.tsv");

/// One unit of a phrase: a word or a synonym set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Unit {
    /// A word, lower case.
    Word(String),
    /// A synonym set, by index into [`VerbDict::synsets`].
    Set(usize),
}

/// One element of a pattern half.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Atom {
    /// Consecutive units (`{financial aid}`, a bare word, `&FOOD`).
    Seq(Vec<Unit>),
    /// A prepositional phrase: one of the prepositions, then its atoms.
    Prep(Vec<String>, Vec<Atom>),
    /// `+`: the target is the next noun.
    Target,
    /// `$`: the source is the next noun.
    Source,
}

/// A pattern of a verb block.
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    /// The code as written (`042:043`, `:173`, `---`).
    pub(super) code: &'static str,
    /// Elements before the verb, in order.
    pub(super) pre: Vec<Atom>,
    /// Elements after the verb, in order.
    pub(super) post: Vec<Atom>,
    /// The dictionary line.
    pub(super) line: &'static str,
    /// The words `pre` cannot match without (every word of its word
    /// sequences, in prepositional phrases too): a clause that lacks one
    /// is passed over without matching.
    pub(super) pre_words: Vec<String>,
    /// The words `post` cannot match without.
    pub(super) post_words: Vec<String>,
    /// The signature of `pre_words`.
    pub(super) pre_sig: Signature,
    /// The signature of `post_words`.
    pub(super) post_sig: Signature,
    /// For each preposition and synonym set of `pre`, the signature of the
    /// words that may open it: a clause must share a bit with each.
    pub(super) pre_any: Vec<Signature>,
    /// The same for `post`.
    pub(super) post_any: Vec<Signature>,
}

/// A set of words as 256 bits, one per word (by hash): a clause whose
/// signature lacks a bit of a pattern's lacks one of its words, so most
/// patterns of a block are passed over without comparing a word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Signature([u64; 4]);

impl Signature {
    /// Adds word `w`.
    pub(super) fn add(&mut self, w: &str) {
        self.set(Signature::bit(w));
    }

    /// The bit of word `w`.
    pub(super) fn bit(w: &str) -> u8 {
        let h = w.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        (h >> 56) as u8
    }

    /// Sets bit `bit` (a word's, from [`Signature::bit`]).
    pub(super) fn set(&mut self, bit: u8) {
        let bit = bit as usize;
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// The signature of `words`.
    pub(super) fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> Signature {
        let mut s = Signature::default();
        for w in words {
            s.add(w);
        }
        s
    }

    /// Whether a bit of `other` is set here (one of its words may be
    /// here; none is when this is false).
    pub(super) fn meets(&self, other: &Signature) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }

    /// The numbers of the bits set, lowest first.
    pub(super) fn ones(&self) -> impl Iterator<Item = u8> + '_ {
        self.0.iter().enumerate().flat_map(|(k, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let b = w.trailing_zeros();
                    w &= w - 1;
                    (k * 64) as u8 + b as u8
                })
            })
        })
    }

    /// Whether every bit of `other` is set here (every word of `other`
    /// may be here; none of them is when this is false).
    pub(super) fn covers(&self, other: &Signature) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| b & !a == 0)
    }
}

/// Every word of the word sequences of `atoms`, at any depth.
fn needed_words(atoms: &[Atom], out: &mut Vec<String>) {
    for a in atoms {
        match a {
            Atom::Seq(units) => out.extend(units.iter().filter_map(|u| match u {
                Unit::Word(w) => Some(w.clone()),
                Unit::Set(_) => None,
            })),
            Atom::Prep(_, body) => needed_words(body, out),
            Atom::Target | Atom::Source => {}
        }
    }
}

/// For each preposition and each synonym set of `atoms`, at any depth,
/// the signature of the words one of which must be in a clause that
/// matches: the prepositions, or the first words of the set's phrases.
fn needed_any(atoms: &[Atom], set_firsts: &[SetFirsts], out: &mut Vec<Signature>) {
    for a in atoms {
        match a {
            Atom::Seq(units) => out.extend(units.iter().filter_map(|u| match u {
                Unit::Word(_) => None,
                Unit::Set(i) => Some(Signature::of(set_firsts.get(*i)?.iter().copied())),
            })),
            Atom::Prep(preps, body) => {
                out.push(Signature::of(preps.iter().map(String::as_str)));
                needed_any(body, set_firsts, out);
            }
            Atom::Target | Atom::Source => {}
        }
    }
}

/// The first words of a synonym set's phrases.
type SetFirsts = HashSet<&'static str, foldhash::fast::FixedState>;

/// A verb block: its name and default code.
#[derive(Debug, Clone)]
pub(super) struct Block {
    /// The block's name (`VISIT`, `MEET_PEOPLE`).
    pub(super) name: &'static str,
    /// Default code as written (`042:043`, `---`).
    pub(super) code: &'static str,
    /// The block's patterns, in dictionary order.
    pub(super) patterns: Vec<Pattern>,
    /// The patterns that need no word, by index: tried on every clause.
    pub(super) always: Vec<u32>,
    /// Every other pattern by one bit of a word it needs (the bit's
    /// number, plus 256 for a word after the verb) and its index, sorted:
    /// a clause whose signatures lack that bit is not tried on it.
    pub(super) keyed: Vec<(u16, u32)>,
}

impl Block {
    /// The indices of the patterns a clause with signatures `pre` and
    /// `post` may match, in dictionary order, into `out`: every pattern
    /// whose key bit the clause has (the others lack a word they need).
    pub(super) fn candidates(&self, pre: &Signature, post: &Signature, out: &mut Vec<u32>) {
        out.clear();
        out.extend_from_slice(&self.always);
        for (side, sig) in [(0u16, pre), (256, post)] {
            for bit in sig.ones() {
                let key = side + u16::from(bit);
                let at = self.keyed.partition_point(|&(k, _)| k < key);
                let same = self.keyed[at..].iter().take_while(|&&(k, _)| k == key);
                out.extend(same.map(|&(_, i)| i));
            }
        }
        out.sort_unstable();
    }

    /// Files pattern `i` under its key (see [`Block::keyed`]); the
    /// patterns are sorted by key once all are in.
    fn key(&mut self, i: usize) {
        let p = &self.patterns[i];
        let key = match (p.pre_sig.ones().next(), p.post_sig.ones().next()) {
            (Some(bit), _) => u16::from(bit),
            (None, Some(bit)) => 256 + u16::from(bit),
            (None, None) => {
                self.always.push(i as u32);
                return;
            }
        };
        self.keyed.push((key, i as u32));
    }
}

/// A verb form of a block.
#[derive(Debug, Clone)]
pub(super) struct VerbForm {
    /// Index of the block.
    pub(super) block: usize,
    /// Words before the verb word in a multiword verb.
    pub(super) before: Vec<&'static str>,
    /// Words after the verb word (`off` in `cordon off`, `with` in `meet
    /// with`).
    pub(super) after: Vec<&'static str>,
    /// The verb's own code, overriding the block's (`ASK [020]`).
    pub(super) code: Option<&'static str>,
    /// The base form (`meet` for `met`).
    pub(super) base: &'static str,
}

/// The whole dictionary.
#[derive(Debug, Default)]
pub(super) struct VerbDict {
    /// Synonym sets: each a list of phrases (words).
    pub(super) synsets: Vec<Vec<Vec<&'static str>>>,
    /// For each synonym set, the first words of its phrases (a word that
    /// is none of them starts no phrase of the set).
    pub(super) set_firsts: Vec<SetFirsts>,
    /// Verb blocks.
    pub(super) blocks: Vec<Block>,
    /// Verb forms by verb word (base and irregular forms, lower case).
    pub(super) forms: HashMap<&'static str, Vec<VerbForm>, foldhash::fast::FixedState>,
}

/// The shipped dictionary, parsed on first use.
pub(super) fn dict() -> &'static VerbDict {
    static D: OnceLock<VerbDict> = OnceLock::new();
    D.get_or_init(|| VerbDict::parse(VERBS))
}

fn split_words(s: &'static str) -> Vec<&'static str> {
    s.split_whitespace().collect()
}

impl VerbDict {
    /// Parses the TSV form (rows `S`, `B`, `V`, `P`).
    fn parse(data: &'static str) -> VerbDict {
        let mut d = VerbDict::default();
        let mut set_index: HashMap<&str, usize> = HashMap::new();
        let mut block_index: HashMap<&str, usize> = HashMap::new();
        for line in data.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&'static str> = line.split('\t').collect();
            match f.as_slice() {
                ["S", label, phrases] => {
                    set_index.insert(label, d.synsets.len());
                    let list = phrases.split('|').map(split_words);
                    let set: Vec<_> = list.filter(|p| !p.is_empty()).collect();
                    d.set_firsts.push(set.iter().map(|p| p[0]).collect());
                    d.synsets.push(set);
                }
                ["B", name, code] => {
                    block_index.insert(name, d.blocks.len());
                    d.blocks.push(Block {
                        name,
                        code,
                        patterns: Vec::new(),
                        always: Vec::new(),
                        keyed: Vec::new(),
                    });
                }
                ["V", block, verb, before, after, code, base] => {
                    let Some(&b) = block_index.get(block) else {
                        continue;
                    };
                    d.forms.entry(verb).or_default().push(VerbForm {
                        block: b,
                        before: split_words(before),
                        after: split_words(after),
                        code: (!code.is_empty()).then_some(*code),
                        base,
                    });
                }
                ["P", block, code, pre, post, text] => {
                    let Some(&b) = block_index.get(block) else {
                        continue;
                    };
                    let (pre, post) = (parse_side(pre, &set_index), parse_side(post, &set_index));
                    let (mut pre_words, mut post_words) = (Vec::new(), Vec::new());
                    needed_words(&pre, &mut pre_words);
                    needed_words(&post, &mut post_words);
                    let (mut pre_any, mut post_any) = (Vec::new(), Vec::new());
                    needed_any(&pre, &d.set_firsts, &mut pre_any);
                    needed_any(&post, &d.set_firsts, &mut post_any);
                    let pattern = Pattern {
                        code,
                        pre,
                        post,
                        line: text,
                        pre_sig: Signature::of(pre_words.iter().map(String::as_str)),
                        post_sig: Signature::of(post_words.iter().map(String::as_str)),
                        pre_words,
                        post_words,
                        pre_any,
                        post_any,
                    };
                    d.blocks[b].patterns.push(pattern);
                    let last = d.blocks[b].patterns.len() - 1;
                    d.blocks[b].key(last);
                }
                _ => {}
            }
        }
        for b in &mut d.blocks {
            b.keyed.sort_unstable();
        }
        d
    }
}

/// Splits a pattern half into bracketed groups and words.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while let Some(c) = rest.chars().next() {
        let close = match c {
            '(' => Some(')'),
            '{' => Some('}'),
            _ => None,
        };
        let end = match close {
            Some(cl) => rest.find(cl).map_or(rest.len(), |i| i + 1),
            None => rest.find(char::is_whitespace).unwrap_or(rest.len()),
        };
        out.push(&rest[..end]);
        rest = rest[end..].trim_start();
    }
    out
}

/// Parses a pattern half (`(to {&MILITARY base}) +`).
pub(super) fn parse_side(s: &str, sets: &HashMap<&str, usize>) -> Vec<Atom> {
    let mut out = Vec::new();
    for t in tokens(s) {
        match t {
            "+" => out.push(Atom::Target),
            "$" => out.push(Atom::Source),
            "^" | "%" => {}
            _ if t.starts_with('(') => {
                let inner = t.trim_start_matches('(').trim_end_matches(')');
                let (prep, rest) = inner.split_once(' ').unwrap_or((inner, ""));
                let preps = prep.split('/').map(str::to_string).collect();
                out.push(Atom::Prep(preps, parse_side(rest, sets)));
            }
            _ if t.starts_with('{') => {
                let inner = t.trim_start_matches('{').trim_end_matches('}');
                let units = inner.split_whitespace().filter_map(|w| unit(w, sets));
                out.push(Atom::Seq(units.collect()));
            }
            _ => out.extend(unit(t, sets).map(|u| Atom::Seq(vec![u]))),
        }
    }
    out
}

fn unit(w: &str, sets: &HashMap<&str, usize>) -> Option<Unit> {
    match w.strip_prefix('&') {
        Some(label) => sets.get(label).map(|&i| Unit::Set(i)),
        None => Some(Unit::Word(w.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_dictionary_has_its_blocks_verbs_and_sets() {
        let d = dict();
        assert_eq!(d.blocks.len(), 397);
        assert_eq!(d.synsets.len(), 40);
        assert!(
            d.synsets.iter().all(|s| !s.is_empty()),
            "a synonym set is empty"
        );
        let patterns: usize = d.blocks.iter().map(|b| b.patterns.len()).sum();
        assert!(patterns > 4_000, "{patterns}");
        let met = &d.forms["met"];
        assert!(met.iter().any(|f| f.after == ["with"] && f.base == "meet"));
        let visit = &d.blocks[d.forms["visit"][0].block];
        assert_eq!((visit.name, visit.code), ("VISIT", "042:043"));
    }

    #[test]
    fn pattern_halves_parse_into_atoms() {
        let mut sets = HashMap::new();
        sets.insert("MILITARY", 3);
        let atoms = parse_side("(to {&MILITARY base}) + ^ talks", &sets);
        assert_eq!(
            atoms,
            vec![
                Atom::Prep(
                    vec!["to".into()],
                    vec![Atom::Seq(vec![Unit::Set(3), Unit::Word("base".into())])]
                ),
                Atom::Target,
                Atom::Seq(vec![Unit::Word("talks".into())]),
            ]
        );
        let slash = parse_side("(by/with protests)", &sets);
        assert!(matches!(&slash[0], Atom::Prep(p, _) if p == &["by", "with"]));
        assert!(parse_side("&UNKNOWN", &sets).is_empty());
    }
}
