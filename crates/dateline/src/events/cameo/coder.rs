//! Coding a verb or an event noun of the parse with the CAMEO verb
//! dictionary: pick the verb form (multiword forms first), match the
//! block's patterns against the words of the verb's clause, and fall back
//! on the verb's own code, then the block's default.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::events::tree::Tree;
use crate::syntax::{Syntax, Word};

use super::verbs::{dict, Atom, Signature, Unit, VerbDict, VerbForm};

const NOUNS: &str = include_str!("../../../data/event_nouns.tsv");

/// How many steps below the coded word's dependents a pattern may read
/// words, a step into a name, a preposition, a determiner or another
/// word of the same phrase not counted (`pulled out of the Subic Bay and
/// Clark airfield military bases`: `of` hangs on `out` of `Bay` of
/// `bases`, one step).
const MAX_DEPTH: usize = 2;

/// Relations whose step stays in the phrase.
const FREE_STEP: &[&str] = &[
    "case",
    "fixed",
    "flat",
    "compound",
    "det",
    "nummod",
    "punct",
    "cc",
    "mark",
    "aux",
    "aux:pass",
    "cop",
    "compound:prt",
    "goeswith",
];

/// Relations whose subtree is another clause (or punctuation): their
/// words are not matched against the verb's patterns.
const OTHER_CLAUSE: &[&str] = &[
    "conj",
    "parataxis",
    "advcl",
    "ccomp",
    "csubj",
    "acl",
    "acl:relcl",
    "appos",
    "punct",
    "cc",
    "discourse",
    "list",
    "vocative",
    "reparandum",
];

/// What the dictionary codes a verb or an event noun as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VerbCode {
    /// CAMEO code as in the dictionary (`"042"`).
    pub(crate) code: String,
    /// The dictionary line that fired: a pattern line (`- * (FOR TALKS)
    /// [046:046]`), a verb's own code (`ARREST [173]`) or the block's
    /// default (`--- VISIT [042:043] ---`).
    pub(crate) pattern: String,
    /// The word the pattern's `+` names, or the object of the preposition
    /// of a multiword verb (`X` in `met with X`), or of a target
    /// preposition of an event noun (`Gaza` in `bombardment of Gaza`).
    pub(crate) target: Option<usize>,
    /// The word the pattern's `$` names.
    pub(crate) source: Option<usize>,
    /// The second code of a paired code (`043` in `[042:043]`): what the
    /// target does to the source in return.
    pub(crate) paired: Option<String>,
    /// The code was written `[:173]`: the event is the target's act on the
    /// verb's subject (`X appeared in court` → the court acts on X).
    pub(crate) passive: bool,
}

/// An event noun of `data/event_nouns.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EventNoun {
    /// The verb it is coded through (`bombard`), if any.
    pub(crate) verb: Option<&'static str>,
    /// TimeML class (`OCCURRENCE`, `REPORTING`).
    pub(crate) class: &'static str,
    /// Prepositions whose object is the target (`of`, `on`).
    pub(crate) preps: Vec<&'static str>,
    /// Code used when the verb gives none.
    pub(crate) code: Option<&'static str>,
}

/// The event noun `word` (lower case), if listed.
pub(crate) fn event_noun(word: &str) -> Option<&'static EventNoun> {
    static N: OnceLock<HashMap<&'static str, EventNoun, foldhash::fast::FixedState>> =
        OnceLock::new();
    let table = N.get_or_init(|| NOUNS.lines().filter_map(noun_row).collect());
    table.get(word)
}

fn noun_row(line: &'static str) -> Option<(&'static str, EventNoun)> {
    let f: Vec<&'static str> = line.split('\t').collect();
    if line.starts_with('#') || f.len() < 5 {
        return None;
    }
    let noun = EventNoun {
        verb: (f[1] != "-").then_some(f[1]),
        class: f[2],
        preps: f[3].split(',').filter(|p| !p.is_empty()).collect(),
        code: (!f[4].is_empty()).then_some(f[4]),
    };
    Some((f[0], noun))
}

/// A word as patterns see it (lower case), with the signature bits of its
/// form and lemma.
#[derive(Clone, Copy)]
struct Tok<'a> {
    idx: usize,
    form: &'a str,
    lemma: &'a str,
    bits: [u8; 2],
}

/// `s` in lower case, borrowed when it is already.
fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

impl Tok<'_> {
    fn is(&self, w: &str) -> bool {
        self.form == w || self.lemma == w
    }
}

/// The coder of one article's verbs and event nouns. The words of the
/// sentence being coded are put in lower case, with their signature bits,
/// once for the sentence (its events are coded one after another), not
/// once for each event; a clause is gathered from the verb down through
/// the parse's children, not by climbing from every word of the sentence.
pub(crate) struct Coder<'a> {
    text: &'a str,
    syntax: &'a Syntax,
    tree: &'a Tree<'a>,
    /// The first word of the sentence loaded.
    first: Option<usize>,
    /// Its words from there on as patterns see them, each put in lower
    /// case when a clause first holds it.
    words: Vec<Option<Lowered<'a>>>,
}

/// A word's form and lemma in lower case and their signature bits.
struct Lowered<'a> {
    form: Cow<'a, str>,
    lemma: Cow<'a, str>,
    bits: [u8; 2],
}

impl<'a> Coder<'a> {
    /// The coder of the article whose parse is `syntax` (`tree` its tree).
    pub(crate) fn new(text: &'a str, syntax: &'a Syntax, tree: &'a Tree<'a>) -> Coder<'a> {
        Coder {
            text,
            syntax,
            tree,
            first: None,
            words: Vec::new(),
        }
    }

    /// Loads the sentence of word `i` unless it is loaded, then the words
    /// `i` and `more` of it.
    fn load(&mut self, i: usize, more: &[usize]) {
        let first = self.tree.sentence_first(i);
        let words = &self.syntax.words;
        if self.first != Some(first) {
            let sentence = words[first].sentence;
            let len = words[first..]
                .iter()
                .take_while(|w| w.sentence == sentence)
                .count();
            self.words.clear();
            self.words.resize_with(len, || None);
            self.first = Some(first);
        }
        let text = self.text;
        for &j in std::iter::once(&i).chain(more) {
            let slot = &mut self.words[j - first];
            if slot.is_none() {
                let w = &words[j];
                let form = lower(text.get(w.start..w.end).unwrap_or(""));
                let lemma = lower(&w.lemma);
                let bits = [Signature::bit(&form), Signature::bit(&lemma)];
                *slot = Some(Lowered { form, lemma, bits });
            }
        }
    }

    /// Word `j` of the loaded sentence as patterns see it (loaded: see
    /// [`Coder::load`]; an unloaded word reads as no word).
    fn tok(&self, j: usize) -> Tok<'_> {
        let k = j - self.first.unwrap_or(0);
        debug_assert!(
            self.words.get(k).is_some_and(Option::is_some),
            "word {j} was not loaded"
        );
        match &self.words[k] {
            Some(l) => Tok {
                idx: j,
                form: &l.form,
                lemma: &l.lemma,
                bits: l.bits,
            },
            None => Tok {
                idx: j,
                form: "",
                lemma: "",
                bits: [0; 2],
            },
        }
    }

    /// Codes verb `verb` of the parse: the best pattern of its block that
    /// the words of its clause match (the most matched words wins, a
    /// preposition counting half a word; then dictionary order), else the
    /// verb's own code, else its block's default. `None` when the verb is
    /// not in the dictionary, when the winning pattern or the default is
    /// the null code `---`, or when `verb` is out of range.
    pub(crate) fn code_verb(&mut self, verb: usize) -> Option<VerbCode> {
        let w = self.syntax.words.get(verb)?;
        let (d, syntax) = (dict(), self.syntax);
        let form = lower(self.text.get(w.start..w.end)?);
        let lemma = self.tree.lemma(verb);
        let (vf, used) = pick_form(d, &syntax.words, self.text, verb, &[lemma, &form])?;
        let inside = self.clause(verb);
        self.load(verb, &inside);
        self.code_loaded_verb(verb, vf, used, &inside)
    }

    fn code_loaded_verb(
        &self,
        verb: usize,
        vf: &VerbForm,
        used: Vec<usize>,
        inside: &[usize],
    ) -> Option<VerbCode> {
        let (d, syntax) = (dict(), self.syntax);
        let (mut pre, mut post) = self.toks(verb, inside);
        pre.retain(|t| !used.contains(&t.idx));
        post.retain(|t| !used.contains(&t.idx));
        let mut out = code_form(d, vf, self, verb, (&pre, &post))?;
        if out.target.is_none() {
            out.target = used.last().and_then(|&p| prep_object(&syntax.words, p));
        }
        Some(out)
    }

    /// Codes the event noun `noun` of the parse (`bombardment`, `talks`)
    /// through its verb: that verb's patterns matched against the noun's
    /// dependents, else the verb's code, else the noun's own code. The
    /// target is the pattern's `+`, else the object of one of the noun's
    /// target prepositions (`of Gaza`).
    pub(crate) fn code_noun(&mut self, noun: usize) -> Option<VerbCode> {
        let w = self.syntax.words.get(noun)?;
        let form = lower(self.text.get(w.start..w.end)?);
        let entry = event_noun(self.tree.lemma(noun)).or_else(|| event_noun(&form))?;
        let inside = self.clause(noun);
        self.load(noun, &inside);
        self.code_loaded_noun(noun, entry, &form, &inside)
    }

    fn code_loaded_noun(
        &self,
        noun: usize,
        entry: &EventNoun,
        form: &str,
        inside: &[usize],
    ) -> Option<VerbCode> {
        let d = dict();
        let (pre, post) = self.toks(noun, inside);
        let coded = entry
            .verb
            .and_then(|v| single_form(d, v))
            .and_then(|vf| code_form(d, vf, self, noun, (&pre, &post)));
        let mut out = match (coded, entry.code) {
            (Some(c), _) => c,
            (None, Some(code)) => noun_default(entry, form, code)?,
            (None, None) => return None,
        };
        if out.target.is_none() {
            out.target = self.noun_target(noun, &entry.preps);
        }
        Some(out)
    }

    /// The target of an event noun: the object of one of its prepositions.
    fn noun_target(&self, noun: usize, preps: &[&str]) -> Option<usize> {
        let words = &self.syntax.words;
        self.tree.children(noun).iter().find_map(|&c| {
            let case = self.tree.child(c, &["case"])?;
            let w = &words[case];
            let form = lower(self.text.get(w.start..w.end)?);
            preps
                .contains(&form.as_ref())
                .then(|| nominal_head(words, c))
        })
    }

    /// The words of the clause of `head` (its subtree without other
    /// clauses and punctuation, no more than [`MAX_DEPTH`] counted steps
    /// below `head`'s dependents), in text order.
    fn clause(&self, head: usize) -> Vec<usize> {
        let words = &self.syntax.words;
        let first = self.tree.sentence_first(head);
        let sentence = words[head].sentence;
        let mut inside = Vec::new();
        let mut stack: Vec<(usize, usize)> =
            self.tree.children(head).iter().map(|&c| (c, 0)).collect();
        while let Some((j, depth)) = stack.pop() {
            // A parse whose heads go round would be walked for ever.
            if inside.len() >= words.len() {
                break;
            }
            let w = &words[j];
            if j == head
                || j < first
                || w.sentence != sentence
                || OTHER_CLAUSE.contains(&w.dep.as_ref())
            {
                continue;
            }
            inside.push(j);
            // Words deep in the clause are no words of the verb's phrase
            // (`urged Mr Al Sudani to hold accountable those responsible
            // for continuing attacks`: `attacks` is four steps down).
            let step = |c: usize| usize::from(!FREE_STEP.contains(&words[c].dep.as_ref()));
            stack.extend(
                self.tree
                    .children(j)
                    .iter()
                    .map(|&c| (c, depth + step(c)))
                    .filter(|&(_, d)| d <= MAX_DEPTH),
            );
        }
        inside.sort_unstable();
        inside
    }

    /// The loaded words `inside` of the clause of `head`, split into those
    /// before it and those after it.
    fn toks(&self, head: usize, inside: &[usize]) -> (Vec<Tok<'_>>, Vec<Tok<'_>>) {
        let cut = inside.partition_point(|&j| j < head);
        let toks = |js: &[usize]| js.iter().map(|&j| self.tok(j)).collect();
        (toks(&inside[..cut]), toks(&inside[cut..]))
    }
}

/// Codes verb `verb` of `syntax` alone (see [`Coder::code_verb`]).
#[cfg(test)]
pub(crate) fn code_verb(text: &str, syntax: &Syntax, verb: usize) -> Option<VerbCode> {
    let tree = Tree::new(&syntax.words);
    Coder::new(text, syntax, &tree).code_verb(verb)
}

/// Codes event noun `noun` of `syntax` alone (see [`Coder::code_noun`]).
#[cfg(test)]
pub(crate) fn code_noun(text: &str, syntax: &Syntax, noun: usize) -> Option<VerbCode> {
    let tree = Tree::new(&syntax.words);
    Coder::new(text, syntax, &tree).code_noun(noun)
}

fn noun_default(entry: &EventNoun, form: &str, code: &str) -> Option<VerbCode> {
    let mut out = from_code(code, format!("{} [{code}]", form.to_uppercase()))?;
    out.pattern = format!("{} ({}) [{code}]", form.to_uppercase(), entry.class);
    Some(out)
}

/// The single-word form of verb `v` (its base form first).
fn single_form<'d>(d: &'d VerbDict, v: &str) -> Option<&'d VerbForm> {
    let forms = d.forms.get(v)?;
    let single = || {
        forms
            .iter()
            .filter(|f| f.before.is_empty() && f.after.is_empty())
    };
    single().find(|f| f.base == v).or_else(|| single().next())
}

/// The verb form that fits verb `v` best: the one with the most words of
/// a multiword verb found beside it, and the indices of those words.
fn pick_form<'d>(
    d: &'d VerbDict,
    words: &[Word],
    text: &str,
    v: usize,
    keys: &[&str],
) -> Option<(&'d VerbForm, Vec<usize>)> {
    let mut best: Option<(&'d VerbForm, Vec<usize>)> = None;
    for key in keys {
        for f in d.forms.get(*key).into_iter().flatten() {
            let Some(used) = multiword(f, words, text, v) else {
                continue;
            };
            if best.as_ref().map_or(true, |(_, b)| used.len() > b.len()) {
                best = Some((f, used));
            }
        }
    }
    best
}

/// The words of form `f`'s multiword verb around verb `v`: the `before`
/// words right before it, the `after` words right after it (or a single
/// particle among its children). `None` when they are not there.
fn multiword(f: &VerbForm, words: &[Word], text: &str, v: usize) -> Option<Vec<usize>> {
    let form = |i: usize| words.get(i).and_then(|w| text.get(w.start..w.end));
    let same = |i: usize, s: &str| {
        words
            .get(i)
            .is_some_and(|w| w.sentence == words[v].sentence)
            && form(i).is_some_and(|x| x.eq_ignore_ascii_case(s))
    };
    let mut used = Vec::new();
    for (k, b) in f.before.iter().rev().enumerate() {
        let i = v.checked_sub(k + 1)?;
        same(i, b).then_some(())?;
        used.push(i);
    }
    let adjacent = f.after.iter().enumerate().all(|(k, a)| same(v + 1 + k, a));
    if adjacent {
        used.extend((0..f.after.len()).map(|k| v + 1 + k));
    } else if let [particle] = f.after.as_slice() {
        // Only the verb's own sentence: a scan of the whole document per
        // verb would make the layer quadratic in the article's length.
        let sentence = words[v].sentence;
        let lo = (0..v)
            .rev()
            .take_while(|&i| words[i].sentence == sentence)
            .last()
            .unwrap_or(v);
        let p = (lo..words.len())
            .take_while(|&i| words[i].sentence == sentence)
            .find(|&i| {
                words[i].head == Some(v) && words[i].dep == "compound:prt" && same(i, particle)
            })?;
        used.push(p);
    } else {
        return None;
    }
    Some(used)
}

/// The object of a preposition (`with` → `X` in `met with X`): the
/// nominal head the preposition is a `case` of.
fn prep_object(words: &[Word], p: usize) -> Option<usize> {
    let w = &words[p];
    (w.dep == "case").then_some(())?;
    w.head.map(|h| nominal_head(words, h))
}

/// Codes a verb form: best pattern, else own code, else the block's.
/// `anchor` is the verb or noun being coded.
fn code_form(
    d: &VerbDict,
    vf: &VerbForm,
    c: &Coder<'_>,
    anchor: usize,
    (pre, post): (&[Tok<'_>], &[Tok<'_>]),
) -> Option<VerbCode> {
    let block = &d.blocks[vf.block];
    let mut best: Option<(&str, &str, Marks)> = None;
    // A side matches only when its clause has every word it needs; a
    // block may hold 170 patterns, most passed over by their signatures.
    let has_all =
        |toks: &[Tok<'_>], words: &[String]| words.iter().all(|w| toks.iter().any(|t| t.is(w)));
    let sig = |toks: &[Tok<'_>]| {
        let mut s = Signature::default();
        for t in toks {
            s.set(t.bits[0]);
            s.set(t.bits[1]);
        }
        s
    };
    let (pre_sig, post_sig) = (sig(pre), sig(post));
    let mut tried = Vec::new();
    block.candidates(&pre_sig, &post_sig, &mut tried);
    for p in tried.iter().map(|&i| &block.patterns[i as usize]) {
        if !pre_sig.covers(&p.pre_sig)
            || !post_sig.covers(&p.post_sig)
            || !p.pre_any.iter().all(|s| pre_sig.meets(s))
            || !p.post_any.iter().all(|s| post_sig.meets(s))
            || !has_all(pre, &p.pre_words)
            || !has_all(post, &p.post_words)
        {
            continue;
        }
        let Some(a) = Matcher::new(d, c, pre, anchor).side(&p.pre) else {
            continue;
        };
        let Some(b) = Matcher::new(d, c, post, anchor).side(&p.post) else {
            continue;
        };
        let score = a.score + b.score;
        if score > 0 && best.as_ref().map_or(true, |x| score > x.2.score) {
            let marks = Marks {
                score,
                target: b.target.or(a.target),
                source: b.source.or(a.source),
            };
            best = Some((p.code, p.line, marks));
        }
    }
    if let Some((code, line, marks)) = best {
        let mut out = from_code(code, line.to_string())?;
        out.target = marks.target;
        out.source = marks.source;
        return Some(out);
    }
    if let Some(code) = vf.code {
        let mut shown = vf.base.to_uppercase();
        for a in &vf.after {
            shown = format!("{shown}_{}", a.to_uppercase());
        }
        return from_code(code, format!("{shown} [{code}]"));
    }
    let shown = format!("--- {} [{}] ---", block.name, block.code);
    from_code(block.code, shown)
}

/// A [`VerbCode`] from a code as written (`042:043`, `:173`, `---`).
fn from_code(code: &str, pattern: String) -> Option<VerbCode> {
    let null = |c: &str| c.is_empty() || c == "---";
    let (first, second) = code.split_once(':').unwrap_or((code, ""));
    let (code, paired, passive) = match (null(first), null(second)) {
        (false, _) => (first, (!null(second)).then(|| second.to_string()), false),
        (true, false) if first.is_empty() => (second, None, true),
        _ => return None,
    };
    Some(VerbCode {
        code: code.to_string(),
        pattern,
        target: None,
        source: None,
        paired,
        passive,
    })
}

/// What matching one pattern half found.
#[derive(Debug, Default)]
struct Marks {
    score: usize,
    target: Option<usize>,
    source: Option<usize>,
}

/// Matches pattern halves against the words of one side of a clause, in
/// order with gaps; a preposition must attach to the coded word or to the
/// word matched just before it (`ATTACK ON +`: `on` hangs from `attack`).
struct Matcher<'a> {
    d: &'a VerbDict,
    c: &'a Coder<'a>,
    toks: &'a [Tok<'a>],
    anchor: usize,
    marks: Marks,
}

impl<'a> Matcher<'a> {
    fn new(d: &'a VerbDict, c: &'a Coder<'a>, toks: &'a [Tok<'a>], anchor: usize) -> Self {
        let marks = Marks::default();
        Matcher {
            d,
            c,
            toks,
            anchor,
            marks,
        }
    }

    /// Matches a whole half.
    fn side(mut self, atoms: &[Atom]) -> Option<Marks> {
        self.atoms(atoms, 0, None)?;
        Some(self.marks)
    }

    /// Matches `atoms` from position `pos` (`last`: the word matched just
    /// before); the position after the last match.
    fn atoms(&mut self, atoms: &[Atom], mut pos: usize, mut last: Option<usize>) -> Option<usize> {
        for atom in atoms {
            match atom {
                Atom::Seq(units) => {
                    let (start, end) = (pos..self.toks.len()).find_map(|p| {
                        // The words first: they rule out most places.
                        let end = match_seq(self.d, units, self.toks, p)?;
                        self.attached(p, last, false).then_some((p, end))
                    })?;
                    self.marks.score += 2 * (end - start);
                    if end > start {
                        (pos, last) = (end, Some(self.toks[end - 1].idx));
                    }
                }
                Atom::Prep(preps, body) => {
                    pos = (pos..self.toks.len()).find_map(|p| {
                        let is_prep = preps.iter().any(|w| self.toks[p].form == *w);
                        (is_prep && self.attached(p, last, true)).then_some(())?;
                        let before = (self.marks.score, self.marks.target, self.marks.source);
                        let end = self.atoms(body, p + 1, Some(self.toks[p].idx));
                        if end.is_none() {
                            let m = &mut self.marks;
                            (m.score, m.target, m.source) = before;
                        }
                        self.marks.score += 1;
                        end
                    })?;
                }
                Atom::Target => {
                    let t = next_nominal(self.c.syntax, self.toks, pos);
                    self.marks.target = self.marks.target.or(t);
                }
                Atom::Source => {
                    let t = next_nominal(self.c.syntax, self.toks, pos);
                    self.marks.source = self.marks.source.or(t);
                }
            }
        }
        Some(pos)
    }

    /// Whether token `p`, when it is a preposition (`case`), hangs (through
    /// its noun) from the word matched before it, or, for a
    /// prepositional phrase or a first atom, from the coded word.
    fn attached(&self, p: usize, last: Option<usize>, phrase: bool) -> bool {
        let words = &self.c.syntax.words;
        let w = &words[self.toks[p].idx];
        if w.dep != "case" {
            return true;
        }
        // `urged Bree on Monday`: a preposition of a date is no word of
        // the verb's phrase (`PRESS ON` [190]).
        if w.head
            .is_some_and(|n| crate::lexicon::TIME_NOUNS.contains(&self.c.tree.lemma(n)))
        {
            return false;
        }
        let attach = w.head.and_then(|n| words[n].head);
        let to_last = last.is_some_and(|l| attach == Some(l) || attach == words[l].head);
        to_last || ((phrase || last.is_none()) && attach == Some(self.anchor))
    }
}

/// Matches consecutive units at `p`; the position after them.
fn match_seq(d: &VerbDict, units: &[Unit], toks: &[Tok<'_>], p: usize) -> Option<usize> {
    let Some((first, rest)) = units.split_first() else {
        return Some(p);
    };
    match first {
        Unit::Word(w) => {
            let t = toks.get(p)?;
            t.is(w).then_some(())?;
            match_seq(d, rest, toks, p + 1)
        }
        Unit::Set(i) => {
            // A phrase of the set starts with the word at `p` or none does.
            let t = toks.get(p)?;
            let firsts = &d.set_firsts[*i];
            if !firsts.contains(t.form) && !firsts.contains(t.lemma) {
                return None;
            }
            d.synsets[*i].iter().find_map(|phrase| {
                let fits = phrase
                    .iter()
                    .enumerate()
                    .all(|(k, w)| toks.get(p + k).is_some_and(|t| t.is(w)));
                fits.then(|| match_seq(d, rest, toks, p + phrase.len()))
                    .flatten()
            })
        }
    }
}

/// The head of the first nominal word at or after `pos`.
fn next_nominal(syntax: &Syntax, toks: &[Tok<'_>], pos: usize) -> Option<usize> {
    toks.get(pos..)?
        .iter()
        .find(|t| is_nominal(&syntax.words[t.idx]))
        .map(|t| nominal_head(&syntax.words, t.idx))
}

fn is_nominal(w: &Word) -> bool {
    matches!(w.upos.as_ref(), "NOUN" | "PROPN" | "PRON" | "NUM")
}

/// Climbs from a word of a name or compound to the phrase's head (`Al` →
/// `Sudani`).
pub(crate) fn nominal_head(words: &[Word], mut i: usize) -> usize {
    for _ in 0..8 {
        let w = &words[i];
        let inner = matches!(
            w.dep.as_ref(),
            "compound" | "flat" | "flat:name" | "fixed" | "amod" | "det" | "nummod"
        );
        match w.head {
            Some(h) if inner && is_nominal(&words[h]) => i = h,
            _ => break,
        }
    }
    i
}
