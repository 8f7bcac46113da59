//! The syntax layer: part of speech, lemma, morphology and a dependency
//! parse for every word.
//!
//! **Reads** the article text and the sentence spans of the article layer
//! (byte spans into the text, as [`crate::Sentence`] gives them).
//! **Adds**, for every sentence, its syntactic words in Universal
//! Dependencies style (English UD tokenisation: `don't` = do + n't,
//! possessive `'s` apart, punctuation apart; byte offsets into the text),
//! each with its universal part of speech (UPOS), Penn Treebank tag (XPOS),
//! lemma, main morphological features (Number, Tense, VerbForm, Person,
//! Mood), head and UD relation (with subtypes such as `obl:agent`,
//! `nmod:poss`); each sentence's root; base noun phrases (noun chunks) with
//! their head; and [`subtree`] to get a word's descendants.
//!
//! The pipeline per sentence: [`tokenize`] → tagger (averaged perceptron)
//! → arc-hybrid parser (averaged perceptron, dynamic oracle) → repairs of
//! wire copy's known misparses (`repair.rs`) → UPOS from tag, word and
//! relation → features and lemma from learnt tables. Every
//! step is linear in the sentence's words. The weights ship in the crate
//! (`data/syntax.model`, built by `dateline train syntax`, see
//! `docs/syntax.md`) and load once, on first use.
//!
//! ```
//! use dateline::span::Span;
//! use dateline::syntax;
//!
//! let text = "Hamas fighters killed more than 1,400 people.";
//! let out = syntax::parse(text, &[Span::new(0, text.len())]);
//! let form = |i: usize| &text[out.words[i].start..out.words[i].end];
//! let killed = out.words.iter().position(|w| &text[w.start..w.end] == "killed").unwrap();
//! assert_eq!(out.roots[0], Some(killed));
//! let subj = out.words.iter().position(|w| w.head == Some(killed) && w.dep == "nsubj").unwrap();
//! assert_eq!(form(subj), "fighters");
//! assert_eq!(out.words[killed].lemma, "kill");
//! ```

mod annotate;
mod feats;
mod fronted;
pub(crate) mod lemma;
mod model;
mod parser;
mod repair;
mod tagger;
pub mod tokenize;
mod train;

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::aligned::Aligned;

use serde::{Deserialize, Serialize};

use crate::span::{OffsetMap, Span};

use self::feats::{feats_keys, upos_keys, Backoff, Pool};
use self::lemma::Lemmatizer;
use self::model::{KeyMap, Reader, Table};
use self::parser::State;
use self::tagger::WordInfo;

pub use self::annotate::tokens;
pub use self::train::{train, GoldWord, TrainDoc, TrainOptions, NONCOMMERCIAL};

const MAGIC: &[u8; 8] = b"DLSYN\x00\x00\x03";
const MODEL: &[u8] = include_bytes!("../../data/syntax.model");
/// The shipped model as `build.rs` expands it: everything but the weights,
/// inflated ...
const SHIPPED_HEAD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/syntax.head"));
/// ... and the three tables' weights, 64-byte blocks used in place (the
/// tables hold 14 MB that would otherwise be decoded at every start).
static SHIPPED_ROWS: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/syntax.rows")));

/// One syntactic word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Word {
    /// First byte of the word in the text.
    pub start: usize,
    /// One past the last byte of the word.
    pub end: usize,
    /// Universal part of speech (`NOUN`, `VERB`, `PROPN`, ...).
    pub upos: Cow<'static, str>,
    /// Penn Treebank tag (`NN`, `VBD`, `NNP`, ...).
    pub xpos: Cow<'static, str>,
    /// Lemma (`killed` → `kill`, `n't` → `not`); proper nouns keep their case.
    pub lemma: Cow<'static, str>,
    /// Morphological features in UD form (`Number=Plur`,
    /// `Mood=Ind|Tense=Past|VerbForm=Fin`), `None` when there are none.
    pub feats: Option<Cow<'static, str>>,
    /// Index of the head word in the same word list; `None` for a root.
    pub head: Option<usize>,
    /// Universal Dependencies relation to the head (`nsubj`, `obl:agent`,
    /// `root` for a root).
    pub dep: Cow<'static, str>,
    /// Index of the sentence (in the spans given to [`parse`]).
    pub sentence: usize,
    /// For the words of a multiword token (`do` + `n't`), the indices of
    /// its first and last word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mwt: Option<(usize, usize)>,
}

impl Word {
    /// The byte span of the word.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A base noun phrase (`the Islamic Resistance`, `US Secretary of State`
/// gives `US Secretary` and `State`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NounChunk {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index of the first word.
    pub first: usize,
    /// Index of the last word (inclusive).
    pub last: usize,
    /// Index of the head word.
    pub head: usize,
}

/// The syntax layer's output for one text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Syntax {
    /// Every word of every sentence, in text order.
    pub words: Vec<Word>,
    /// The root word of each sentence given (`None` for a sentence with no
    /// words).
    pub roots: Vec<Option<usize>>,
    /// Base noun phrases, in text order, not overlapping.
    pub noun_chunks: Vec<NounChunk>,
}

impl Syntax {
    /// The children of word `i`, in text order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let (lo, hi) = self.sentence_range(i);
        (lo..hi).filter(move |&j| self.words[j].head == Some(i))
    }

    /// The words of the subtree of word `i` (itself and all its
    /// descendants), in text order.
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        subtree(&self.words, i)
    }

    fn sentence_range(&self, i: usize) -> (usize, usize) {
        sentence_range(&self.words, i)
    }
}

fn sentence_range(words: &[Word], i: usize) -> (usize, usize) {
    let Some(w) = words.get(i) else {
        return (0, 0);
    };
    let s = w.sentence;
    let mut lo = i;
    while lo > 0 && words[lo - 1].sentence == s {
        lo -= 1;
    }
    let mut hi = i + 1;
    while hi < words.len() && words[hi].sentence == s {
        hi += 1;
    }
    (lo, hi)
}

/// The subtree of word `i` in `words` (itself and every word whose chain
/// of heads reaches it), in text order; empty when `i` is out of range.
pub fn subtree(words: &[Word], i: usize) -> Vec<usize> {
    if i >= words.len() {
        return Vec::new();
    }
    let (lo, hi) = sentence_range(words, i);
    // in[j]: 0 unknown, 1 inside, 2 outside.
    let mut mark = vec![0u8; hi - lo];
    mark[i - lo] = 1;
    let mut out = Vec::new();
    let mut path = Vec::new();
    for j in lo..hi {
        path.clear();
        let mut k = j;
        let verdict = loop {
            match mark[k - lo] {
                1 => break 1,
                2 => break 2,
                _ => {}
            }
            if path.len() > hi - lo {
                break 2;
            }
            path.push(k);
            match words[k].head {
                Some(h) if h >= lo && h < hi => k = h,
                _ => break 2,
            }
        };
        for &p in &path {
            mark[p - lo] = verdict;
        }
        if mark[j - lo] == 1 {
            out.push(j);
        }
    }
    out
}

// ------------------------------------------------------------ the model

/// The syntax layer's weights and tables.
pub struct Model {
    /// What the model was trained on (free text).
    pub about: String,
    xpos: Pool,
    deprels: Pool,
    upos: Pool,
    feats: Pool,
    tagdict: KeyMap<u16>,
    lexicon: KeyMap<u64>,
    /// The tags the nationality rule gives (`JJ`, `NN`, `NNS`), found in
    /// the tag list when the model is read, not stored in the model file
    /// (none for a model without them).
    nationalities: Option<tagger::Nationalities>,
    tagger: Table,
    moves: Table,
    labels: Table,
    upos_map: Backoff,
    feats_map: Backoff,
    lemma: Lemmatizer,
    root_label: u16,
    parataxis_label: u16,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("about", &self.about)
            .field("xpos", &self.xpos.strings.len())
            .field("deprels", &self.deprels.strings.len())
            .finish()
    }
}

/// The shipped model, loaded on first use. A damaged model (which the
/// tests rule out) gives an empty one that tags and parses nothing useful
/// but never panics.
pub fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        Model::read_body(SHIPPED_HEAD, Some(&SHIPPED_ROWS.0))
            .or_else(|_| Model::from_bytes(MODEL))
            .unwrap_or_else(|_| Model::empty())
    })
}

impl Model {
    /// Whether `word`, in lower case, is a word the model's training text
    /// uses five times or more (its lexicon of tag sets): `officials`,
    /// `police`, `smith`; not `blinken`.
    pub(crate) fn knows(&self, word: &str) -> bool {
        let mut buf = String::new();
        let info = tagger::word_info(word, &mut buf);
        self.lexicon.contains_key(&info.lw)
    }

    fn empty() -> Model {
        let mut one = Pool::default();
        one.id("X");
        let mut deprels = Pool::default();
        deprels.id("dep");
        deprels.id("root");
        Model {
            about: String::new(),
            xpos: one.clone(),
            deprels,
            upos: one,
            feats: Pool::default(),
            tagdict: KeyMap::default(),
            lexicon: KeyMap::default(),
            nationalities: None,
            tagger: Table::zeros(0, 1),
            moves: Table::zeros(0, parser::MOVES),
            labels: Table::zeros(0, 2),
            upos_map: Backoff::default(),
            feats_map: Backoff::default(),
            lemma: Lemmatizer::default().finish(),
            root_label: 1,
            parataxis_label: 0,
        }
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        if b.len() < 8 || &b[..8] != MAGIC {
            return Err("not a dateline syntax model (bad magic)".into());
        }
        let body = miniz_oxide::inflate::decompress_to_vec_with_limit(&b[8..], 1 << 30)
            .map_err(|e| format!("model does not inflate: {e:?}"))?;
        Model::read_body(&body, None)
    }

    /// Reads an inflated model; with `shipped` rows, its tables' weights
    /// are those, in place ([`Table::read`]).
    fn read_body(body: &[u8], mut shipped: Option<&'static [u8]>) -> Result<Model, String> {
        let mut r = Reader::new(body);
        let about = r.str()?;
        let xpos = Pool::read(&mut r)?;
        let deprels = Pool::read(&mut r)?;
        let upos = Pool::read(&mut r)?;
        let feats = Pool::read(&mut r)?;
        let n = r.varint()? as usize;
        let mut tagdict = KeyMap::default();
        tagdict.reserve(n.min(1 << 20));
        for _ in 0..n {
            let k = r.u64()?;
            let t = r.varint()?;
            if t as usize >= xpos.strings.len() {
                return Err(format!("tag {t} in the tag dictionary"));
            }
            tagdict.insert(k, t as u16);
        }
        let n = r.varint()? as usize;
        let mut lexicon = KeyMap::default();
        lexicon.reserve(n.min(1 << 20));
        for _ in 0..n {
            let k = r.u64()?;
            let c = r.varint()?;
            if xpos.strings.len() < 64 && c >> xpos.strings.len() != 0 {
                return Err(format!("tag set {c:x} in the lexicon"));
            }
            lexicon.insert(k, c);
        }
        let tagger = Table::read(&mut r, shipped.as_mut())?;
        let moves = Table::read(&mut r, shipped.as_mut())?;
        let labels = Table::read(&mut r, shipped.as_mut())?;
        if shipped.is_some_and(|rest| !rest.is_empty()) {
            return Err("trailing bytes after the shipped rows".into());
        }
        let upos_map = Backoff::read(&mut r, upos.strings.len())?;
        let feats_map = Backoff::read(&mut r, feats.strings.len())?;
        let lemma = Lemmatizer::read(&mut r)?;
        if !r.done() {
            return Err("trailing bytes after the model".into());
        }
        use model::Scorer;
        if tagger.classes() != xpos.strings.len()
            || labels.classes() != deprels.strings.len()
            || moves.classes() != parser::MOVES
        {
            return Err("table sizes do not match the tag and relation lists".into());
        }
        let root_label = deprels
            .strings
            .iter()
            .position(|d| d == "root")
            .ok_or("no `root` relation")? as u16;
        let parataxis_label = deprels
            .strings
            .iter()
            .position(|d| d == "parataxis")
            .unwrap_or(root_label as usize) as u16;
        Ok(Model {
            about,
            nationalities: tagger::Nationalities::of(&xpos.strings),
            xpos,
            deprels,
            upos,
            feats,
            tagdict,
            lexicon,
            tagger,
            moves,
            labels,
            upos_map,
            feats_map,
            lemma,
            root_label,
            parataxis_label,
        })
    }

    /// Serialises the model, deflated (deterministic: the same model gives
    /// the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        model::put_str(&mut out, &self.about);
        self.xpos.write(&mut out);
        self.deprels.write(&mut out);
        self.upos.write(&mut out);
        self.feats.write(&mut out);
        let mut td: Vec<(&u64, &u16)> = self.tagdict.iter().collect();
        td.sort();
        model::varint(&mut out, td.len() as u64);
        for (k, t) in td {
            out.extend_from_slice(&k.to_le_bytes());
            model::varint(&mut out, *t as u64);
        }
        let mut lx: Vec<(&u64, &u64)> = self.lexicon.iter().collect();
        lx.sort();
        model::varint(&mut out, lx.len() as u64);
        for (k, c) in lx {
            out.extend_from_slice(&k.to_le_bytes());
            model::varint(&mut out, *c);
        }
        self.tagger.write(&mut out);
        self.moves.write(&mut out);
        self.labels.write(&mut out);
        self.upos_map.write(&mut out);
        self.feats_map.write(&mut out);
        self.lemma.write(&mut out);
        let mut file = MAGIC.to_vec();
        file.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(&out, 9));
        file
    }

    /// Non-zero weights in the three tables (tagger, moves, relations).
    pub fn weights(&self) -> [usize; 3] {
        [
            self.tagger.nonzero(),
            self.moves.nonzero(),
            self.labels.nonzero(),
        ]
    }
}

/// A model file's checksum: FNV-1a 64 of its bytes, in hex (what
/// `dateline train syntax` prints and the tests compare).
pub fn checksum(bytes: &[u8]) -> String {
    format!(
        "{:016x}",
        bytes
            .iter()
            .fold(model::FNV0, |h, &b| model::fnv_byte(h, b))
    )
}

// ------------------------------------------------------------ parsing

/// Scratch space reused across the sentences of one call.
#[derive(Default)]
struct Scratch {
    raw: Vec<tokenize::RawWord>,
    info: Vec<WordInfo>,
    tags: Vec<u16>,
    feats: Vec<u64>,
    lfeats: Vec<u64>,
    scores: Vec<f32>,
    buf: String,
    state: State,
    heads: Vec<u32>,
    labels: Vec<u16>,
}

/// True when a new run-on segment starts at `next`: after a full stop,
/// question or exclamation mark standing as a word (abbreviations keep
/// theirs), before a word, or across a line break.
fn segment_break(text: &str, prev: &tokenize::RawWord, next: &tokenize::RawWord) -> bool {
    if text[prev.span.end..next.span.start].contains('\n') {
        return true;
    }
    let p = &text[prev.span.start..prev.span.end];
    let n = &text[next.span.start..next.span.end];
    !p.is_empty()
        && p.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
        && n.starts_with(|c: char| c.is_alphanumeric())
}

/// The number of words of a wire dateline that opens a sentence, its dash
/// included (`ANKARA -`, `NEW YORK (Reuters) --`, `BAGHDAD, Iraq (AP) —`),
/// or 0. The place is in capitals; then at most a comma and a region or
/// country, and an agency in brackets; then a dash before more words. The
/// parser takes it as a segment of its own, so that the clause after it
/// gets its subject (`Turkish Foreign Minister Selim Aydin ... agreed`)
/// rather than the city.
fn dateline_words(text: &str, raw: &[tokenize::RawWord]) -> usize {
    const MAX: usize = 12;
    let word = |i: usize| &text[raw[i].span.start..raw[i].span.end];
    let capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '’'))
    };
    let mut i = 0;
    while i < raw.len().min(MAX) && capitals(word(i)) {
        i += 1;
    }
    if i == 0 {
        return 0;
    }
    if i < raw.len() && word(i) == "," {
        i += 1;
        while i < raw.len().min(MAX) && word(i).starts_with(char::is_uppercase) {
            i += 1;
        }
    }
    if i < raw.len() && word(i) == "(" {
        let close = (i + 1..raw.len().min(i + 5)).find(|&j| word(j) == ")");
        match close {
            Some(j) if j > i + 1 => i = j + 1,
            _ => return 0,
        }
    }
    let dash = |w: &str| {
        matches!(w, "-" | "--" | "\u{2013}" | "\u{2014}")
            || (!w.is_empty() && w.bytes().all(|b| b == b'_'))
    };
    // Spaced as a dateline's dash is (`US-China` is a compound, not one).
    let spaced = |i: usize| {
        let before = &text[raw[i - 1].span.end..raw[i].span.start];
        let after = &text[raw[i].span.end..raw[i + 1].span.start];
        !before.is_empty() || !after.is_empty() || word(i - 1) == ")"
    };
    if i + 1 < raw.len() && i <= MAX && dash(word(i)) && spaced(i) {
        i + 1
    } else {
        0
    }
}

/// Tags, lemmatises and parses every sentence of `text` with the shipped
/// model. `sentences` are byte spans into `text` (the article layer's);
/// spans out of the text or off character boundaries are skipped.
pub fn parse(text: &str, sentences: &[Span]) -> Syntax {
    parse_with(model(), text, sentences)
}

/// As [`parse`], with a given model (from [`Model::from_bytes`] or
/// [`train`], leaked or kept in a static).
pub fn parse_with(m: &'static Model, text: &str, sentences: &[Span]) -> Syntax {
    parse_counted(m, text, sentences).0
}

/// As [`parse_with`], also returning the number of parser moves made (two
/// per word: the linear-time guard of the tests).
fn parse_counted(m: &'static Model, text: &str, sentences: &[Span]) -> (Syntax, usize) {
    let mut sc = Scratch {
        scores: vec![0.0; 1024],
        ..Scratch::default()
    };
    let mut out = Syntax {
        words: Vec::new(),
        roots: vec![None; sentences.len()],
        noun_chunks: Vec::new(),
    };
    for (si, s) in sentences.iter().enumerate() {
        if s.start > s.end
            || s.end > text.len()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            continue;
        }
        sc.raw.clear();
        tokenize::tokenize(text, *s, &mut sc.raw);
        if sc.raw.is_empty() {
            continue;
        }
        let base = out.words.len();
        sc.info.clear();
        for w in &sc.raw {
            let info = tagger::word_info(&text[w.span.start..w.span.end], &mut sc.buf);
            sc.info.push(info);
        }
        tagger::fill_classes(&m.lexicon, &mut sc.info);
        tagger::tag(
            &m.tagger,
            &m.tagdict,
            m.nationalities.as_ref(),
            &sc.info,
            &mut sc.tags,
            &mut sc.feats,
            &mut sc.scores,
        );
        repair::unknown_names(m, text, &sc.raw, &sc.info, &mut sc.tags);
        repair::participles_without_a_finite_verb(m, text, &sc.raw, &mut sc.tags);
        // Parse each run-on segment apart (a sentence end the article
        // layer kept inside the sentence, or a line break); later segments
        // hang on the first one's root as `parataxis`, as UD does for
        // run-on sentences. A wire dateline is a segment of its own that
        // hangs on the next one's root.
        let n = sc.raw.len();
        sc.heads.clear();
        sc.heads.resize(n, u32::MAX);
        sc.labels.clear();
        sc.labels.resize(n, m.root_label);
        let dateline = dateline_words(text, &sc.raw);
        let mut first_root = None;
        let mut dateline_root = None;
        let mut a = 0;
        while a < n {
            let mut b = a + 1;
            while b < n && b != dateline && !segment_break(text, &sc.raw[b - 1], &sc.raw[b]) {
                b += 1;
            }
            // The sentence's opening clause of time or condition (`Days
            // after Hamas fighters killed 1,400 people, militias resumed
            // attacks`) is parsed apart from the main clause after its
            // comma, and hung on it: read whole, the main clause's subject
            // became a modifier of the opening one's object.
            let fronted = (a == dateline)
                .then(|| fronted::find(m, text, &sc.raw, &sc.tags, a, b))
                .flatten();
            let (main, opening) = match fronted {
                Some(f) => ((f.comma + 1, b), Some(f)),
                None => ((a, b), None),
            };
            let roots = parse_segment(m, &mut sc, main);
            let main_root = roots.first().copied();
            for r in roots {
                if b == dateline {
                    // The dateline's root hangs on the next segment's
                    // root (set below).
                    sc.heads[r] = dateline_root.map_or(u32::MAX, |d| d as u32);
                    sc.labels[r] = m.parataxis_label;
                    dateline_root.get_or_insert(r);
                } else if let Some(f) = first_root {
                    sc.heads[r] = f as u32;
                    sc.labels[r] = m.parataxis_label;
                } else {
                    first_root = Some(r);
                    sc.heads[r] = u32::MAX;
                    sc.labels[r] = m.root_label;
                }
            }
            if let (Some(f), Some(main_root)) = (opening, main_root) {
                let roots = parse_segment(m, &mut sc, (f.clause, f.comma));
                fronted::hang(
                    m,
                    &sc.tags,
                    &f,
                    &roots,
                    main_root,
                    &mut sc.heads,
                    &mut sc.labels,
                );
            }
            a = b;
        }
        if let (Some(d), Some(r)) = (dateline_root, first_root) {
            sc.heads[d] = r as u32;
        }
        repair::infinitives_of_nouns(m, text, &sc.raw, &mut sc.heads, &mut sc.labels);
        repair::double_subjects(m, text, &sc.raw, &sc.tags, &mut sc.heads, &mut sc.labels);
        repair::appositions_taken_for_conjuncts(
            m,
            text,
            &sc.raw,
            &sc.tags,
            &mut sc.heads,
            &mut sc.labels,
        );
        repair::lists_taken_for_appositions(
            m,
            text,
            &sc.raw,
            &sc.tags,
            &mut sc.heads,
            &mut sc.labels,
        );
        repair::subjects_taken_for_objects(
            m,
            text,
            &sc.raw,
            &sc.tags,
            &mut sc.heads,
            &mut sc.labels,
        );
        repair::clauses_taken_for_phrases(
            m,
            text,
            &sc.raw,
            &sc.tags,
            &mut sc.heads,
            &mut sc.labels,
        );
        for i in 0..n {
            let raw = sc.raw[i];
            let info = &sc.info[i];
            let xpos = sc.tags[i];
            let h = sc.heads[i];
            let label = sc.labels[i];
            let head = if h == u32::MAX {
                out.roots[si] = Some(base + i);
                None
            } else {
                Some(base + h as usize)
            };
            let form = &text[raw.span.start..raw.span.end];
            let upos_id = m
                .upos_map
                .get(&upos_keys(xpos, info.lraw, label))
                .unwrap_or(0);
            let upos = m.upos.strings.get(upos_id as usize).map_or("X", |s| s);
            let feats = m
                .feats_map
                .get(&feats_keys(upos_id, xpos, info.lraw, label))
                .and_then(|f| m.feats.strings.get(f as usize))
                .filter(|f| f.as_str() != "_")
                .map(|f| Cow::Borrowed(f.as_str()));
            let proper = upos == "PROPN" || m.lemma.keeps_case(info, xpos, i == 0);
            let mut lemma = if form.chars().any(char::is_alphanumeric) {
                m.lemma.lemma(form, info, xpos, proper)
            } else {
                // Punctuation and symbols are their own lemma (UD's
                // practice; GUM alone turns `...` into `…`).
                Cow::Owned(form.to_string())
            };
            let mut xpos_s = m.xpos.strings[xpos as usize].as_str();
            if let Some(l) = lemma::checked_lemma(form, xpos_s, &lemma) {
                lemma = Cow::Owned(l);
            }
            let (mut upos, mut feats) = (upos, feats);
            if tokenize::is_url_like(form) {
                // Addresses: Penn's ADD, and names as UD English EWT tags
                // them (PROPN, no features).
                (xpos_s, upos, feats) = ("ADD", "PROPN", None);
                lemma = Cow::Owned(form.to_string());
            }
            out.words.push(Word {
                start: raw.span.start,
                end: raw.span.end,
                upos: Cow::Borrowed(upos),
                xpos: Cow::Borrowed(xpos_s),
                lemma,
                feats,
                head,
                dep: Cow::Borrowed(m.deprels.strings[label as usize].as_str()),
                sentence: si,
                mwt: raw.mwt.map(|(a, b)| (a + base, b + base)),
            });
        }
    }
    // A long article's words are its largest part: no spare room.
    out.words.shrink_to_fit();
    out.noun_chunks = noun_chunks(&out.words);
    (out, sc.state.moves)
}

/// Parses words `a..b` of the sentence in `sc` as a sentence of their own,
/// writing the heads and relations of all but their roots into `sc.heads`
/// and `sc.labels` (indices of the whole sentence); the roots, in order.
fn parse_segment(m: &Model, sc: &mut Scratch, (a, b): (usize, usize)) -> Vec<usize> {
    parser::parse(
        &m.moves,
        &m.labels,
        m.root_label,
        &sc.info[a..b],
        &sc.tags[a..b],
        &mut sc.state,
        &mut sc.feats,
        &mut sc.lfeats,
        &mut sc.scores,
    );
    let mut roots = Vec::new();
    for i in 0..b - a {
        let h = sc.state.heads[i];
        if h as usize >= b - a {
            roots.push(a + i);
        } else {
            sc.heads[a + i] = (a as u32) + h;
            sc.labels[a + i] = sc.state.labels[i];
        }
    }
    roots
}

/// Relations of the words a base noun phrase reaches to its left.
const CHUNK_LEFT: &[&str] = &[
    "det",
    "det:predet",
    "amod",
    "compound",
    "nummod",
    "nmod:poss",
    "flat",
    "case",
    "advmod",
    "nmod:unmarked",
    "obl:unmarked",
];

fn noun_chunks(words: &[Word]) -> Vec<NounChunk> {
    let mut cands = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !matches!(w.upos.as_ref(), "NOUN" | "PROPN" | "PRON" | "NUM") {
            continue;
        }
        if w.upos == "NUM" && w.dep == "nummod" {
            continue;
        }
        if matches!(
            w.dep.as_ref(),
            "compound" | "flat" | "fixed" | "goeswith" | "compound:prt"
        ) {
            continue;
        }
        let (lo, hi) = sentence_range(words, i);
        let mut first = i;
        let mut last = i;
        // Left dependents in CHUNK_LEFT (and their subtrees), contiguous.
        let mut j = i;
        while j > lo {
            let k = j - 1;
            let attached = words[k].head.is_some_and(|h| {
                let mut h = h;
                let mut steps = 0;
                while h != i && steps < hi - lo {
                    match words[h].head {
                        Some(x) if x > k && x <= i => h = x,
                        _ => return false,
                    }
                    steps += 1;
                }
                h == i
            });
            if !attached {
                break;
            }
            // The child of `i` whose subtree holds `k`.
            let mut c = k;
            while words[c].head != Some(i) {
                match words[c].head {
                    Some(x) => c = x,
                    None => break,
                }
            }
            if !CHUNK_LEFT.contains(&words[c].dep.as_ref()) || words[k].dep == "case" {
                break;
            }
            first = k;
            j = k;
        }
        // Right: flat and compound parts of a name.
        while last + 1 < hi
            && words[last + 1].head == Some(i)
            && matches!(words[last + 1].dep.as_ref(), "flat" | "compound" | "fixed")
        {
            last += 1;
        }
        cands.push(NounChunk {
            start: words[first].start,
            end: words[last].end,
            first,
            last,
            head: i,
        });
    }
    cands.sort_by(|a, b| a.first.cmp(&b.first).then(b.last.cmp(&a.last)));
    let mut out: Vec<NounChunk> = Vec::new();
    for c in cands {
        if out.last().is_some_and(|p| c.first <= p.last) {
            continue;
        }
        out.push(c);
    }
    out
}

/// One word in the eval JSONL schema (`../shared/eval/README.md`): offsets
/// in code points, `head` an index into the document's word list or -1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalToken {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The word's text.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Morphological features or `None`.
    pub feats: Option<String>,
    /// Head index, -1 for a root.
    pub head: i64,
    /// UD relation.
    pub deprel: String,
    /// Sentence index.
    pub sentence: usize,
    /// First and last word of the multiword token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mwt: Option<[usize; 2]>,
}

/// The words of `syntax` (over `text`) as eval schema rows.
pub fn eval_tokens(text: &str, syntax: &Syntax) -> Vec<EvalToken> {
    let map = OffsetMap::new(text);
    syntax
        .words
        .iter()
        .map(|w| EvalToken {
            start: map.char_offset(w.start),
            end: map.char_offset(w.end),
            form: text[w.start..w.end].to_string(),
            lemma: w.lemma.to_string(),
            upos: w.upos.to_string(),
            xpos: w.xpos.to_string(),
            feats: w.feats.as_ref().map(|f| f.to_string()),
            head: w.head.map_or(-1, |h| h as i64),
            deprel: w.dep.to_string(),
            sentence: w.sentence,
            mwt: w.mwt.map(|(a, b)| [a, b]),
        })
        .collect()
}

#[cfg(test)]
mod tests;
