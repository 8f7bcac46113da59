//! Coding a verb or an event noun of the parse with the CAMEO verb
//! dictionary: pick the verb form (multiword forms first), match the
//! block's patterns against the words of the verb's clause, and fall back
//! on the verb's own code, then the block's default.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::syntax::{Syntax, Word};

use super::verbs::{dict, Atom, Signature, Unit, VerbDict, VerbForm};

const NOUNS: &str = include_str!("../../../data/event_nouns.tsv");

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

/// A word as patterns see it (lower case).
struct Tok<'a> {
    idx: usize,
    form: Cow<'a, str>,
    lemma: Cow<'a, str>,
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

/// Codes verb `verb` of the parse: the best pattern of its block that the
/// words of its clause match (the most matched words wins, a preposition
/// counting half a word; then dictionary order), else the verb's own code, else its block's default. `None` when
/// the verb is not in the dictionary, when the winning pattern or the
/// default is the null code `---`, or when `verb` is out of range.
pub(crate) fn code_verb(text: &str, syntax: &Syntax, verb: usize) -> Option<VerbCode> {
    let d = dict();
    let w = syntax.words.get(verb)?;
    let form = text.get(w.start..w.end)?.to_lowercase();
    let lemma = w.lemma.to_lowercase();
    let (vf, used) = pick_form(d, &syntax.words, text, verb, &[&lemma, &form])?;
    let (mut pre, mut post) = clause(text, syntax, verb);
    pre.retain(|t| !used.contains(&t.idx));
    post.retain(|t| !used.contains(&t.idx));
    let mut out = code_form(d, vf, syntax, verb, (&pre, &post))?;
    if out.target.is_none() {
        out.target = used.last().and_then(|&p| prep_object(&syntax.words, p));
    }
    Some(out)
}

/// Codes the event noun `noun` of the parse (`bombardment`, `talks`)
/// through its verb: that verb's patterns matched against the noun's
/// dependents, else the verb's code, else the noun's own code. The target
/// is the pattern's `+`, else the object of one of the noun's target
/// prepositions (`of Gaza`).
pub(crate) fn code_noun(text: &str, syntax: &Syntax, noun: usize) -> Option<VerbCode> {
    let w = syntax.words.get(noun)?;
    let form = text.get(w.start..w.end)?.to_lowercase();
    let entry = event_noun(&w.lemma.to_lowercase()).or_else(|| event_noun(&form))?;
    let d = dict();
    let (pre, post) = clause(text, syntax, noun);
    let coded = entry
        .verb
        .and_then(|v| single_form(d, v))
        .and_then(|vf| code_form(d, vf, syntax, noun, (&pre, &post)));
    let mut out = match (coded, entry.code) {
        (Some(c), _) => c,
        (None, Some(code)) => noun_default(entry, &form, code)?,
        (None, None) => return None,
    };
    if out.target.is_none() {
        out.target = noun_target(text, syntax, noun, &entry.preps);
    }
    Some(out)
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

/// The target of an event noun: the object of one of its prepositions.
fn noun_target(text: &str, syntax: &Syntax, noun: usize, preps: &[&str]) -> Option<usize> {
    syntax.children(noun).find_map(|c| {
        let case = syntax
            .children(c)
            .find(|&k| syntax.words[k].dep == "case")?;
        let w = &syntax.words[case];
        let form = text.get(w.start..w.end)?.to_lowercase();
        preps
            .contains(&form.as_str())
            .then(|| nominal_head(&syntax.words, c))
    })
}

/// Codes a verb form: best pattern, else own code, else the block's.
/// `anchor` is the verb or noun being coded.
fn code_form(
    d: &VerbDict,
    vf: &VerbForm,
    syntax: &Syntax,
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
        Signature::of(
            toks.iter()
                .flat_map(|t| [t.form.as_ref(), t.lemma.as_ref()]),
        )
    };
    let (pre_sig, post_sig) = (sig(pre), sig(post));
    for p in &block.patterns {
        if !pre_sig.covers(&p.pre_sig)
            || !post_sig.covers(&p.post_sig)
            || !p.pre_any.iter().all(|s| pre_sig.meets(s))
            || !p.post_any.iter().all(|s| post_sig.meets(s))
            || !has_all(pre, &p.pre_words)
            || !has_all(post, &p.post_words)
        {
            continue;
        }
        let Some(a) = Matcher::new(d, syntax, pre, anchor).side(&p.pre) else {
            continue;
        };
        let Some(b) = Matcher::new(d, syntax, post, anchor).side(&p.post) else {
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
    syntax: &'a Syntax,
    toks: &'a [Tok<'a>],
    anchor: usize,
    marks: Marks,
}

impl<'a> Matcher<'a> {
    fn new(d: &'a VerbDict, syntax: &'a Syntax, toks: &'a [Tok<'a>], anchor: usize) -> Self {
        let marks = Marks::default();
        Matcher {
            d,
            syntax,
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
                    let t = next_nominal(self.syntax, self.toks, pos);
                    self.marks.target = self.marks.target.or(t);
                }
                Atom::Source => {
                    let t = next_nominal(self.syntax, self.toks, pos);
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
        let words = &self.syntax.words;
        let w = &words[self.toks[p].idx];
        if w.dep != "case" {
            return true;
        }
        // `urged Bree on Monday`: a preposition of a date is no word of
        // the verb's phrase (`PRESS ON` [190]).
        let noun = w.head.map(|n| &words[n]);
        if noun.is_some_and(|n| crate::lexicon::TIME_NOUNS.contains(&lower(&n.lemma).as_ref())) {
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
            if !firsts.contains(t.form.as_ref()) && !firsts.contains(t.lemma.as_ref()) {
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

/// The words of the clause of `head` (its subtree without other clauses
/// and punctuation), split into those before it and those after it.
fn clause<'a>(text: &'a str, syntax: &'a Syntax, head: usize) -> (Vec<Tok<'a>>, Vec<Tok<'a>>) {
    let words = &syntax.words;
    let sentence = words[head].sentence;
    let lo = (0..head)
        .rev()
        .take_while(|&i| words[i].sentence == sentence)
        .last();
    let lo = lo.unwrap_or(head);
    let hi = (head..words.len())
        .take_while(|&i| words[i].sentence == sentence)
        .last();
    let hi = hi.unwrap_or(head);
    let (mut pre, mut post) = (Vec::new(), Vec::new());
    for j in (lo..=hi).filter(|&j| j != head && in_clause(words, head, j)) {
        let w = &words[j];
        let tok = Tok {
            idx: j,
            form: lower(text.get(w.start..w.end).unwrap_or("")),
            lemma: lower(&w.lemma),
        };
        if j < head {
            pre.push(tok)
        } else {
            post.push(tok)
        }
    }
    (pre, post)
}

/// Whether word `j`'s chain of heads reaches `head` without crossing into
/// another clause.
fn in_clause(words: &[Word], head: usize, mut j: usize) -> bool {
    for _ in 0..words.len() {
        if OTHER_CLAUSE.contains(&words[j].dep.as_ref()) {
            return false;
        }
        match words[j].head {
            Some(h) if h == head => return true,
            Some(h) => j = h,
            None => return false,
        }
    }
    false
}
