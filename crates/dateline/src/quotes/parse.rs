//! The syntax layer's dependency parse as evidence for the frames: the
//! subject of a cue verb (`nsubj`, or `obl:agent` of a passive), through a
//! relative clause to the noun it modifies (`the group, which said ...`).
//!
//! The parse is a greedy parser with a labelled attachment score of about
//! 0.70 on web text, so it only overrides the frames' window rules where
//! they disagree in a way the parse is sure of: the cue is a verb, its
//! subject is a noun or a pronoun in the same sentence, and the subject's
//! phrase does not run into the content.

use super::found::{Found, Frame};
use super::words::OPENING_ADJUNCTS;
use crate::lexicon::TIME_NOUNS;
use crate::span::Span;
use crate::syntax::{Syntax, Word};

/// Relations that end a subject's noun phrase: what follows the head is no
/// longer the name of the speaker (`the group, which ...`, `Mr X, a
/// spokesman, ...`, `X and Y` keeps only the first when the parse says so).
const PHRASE_STOP: &[&str] = &[
    "acl",
    "acl:relcl",
    "appos",
    "punct",
    "parataxis",
    "advcl",
    "dep",
    "ccomp",
    "xcomp",
    "mark",
];

/// Abbreviated months, which with [`TIME_NOUNS`] and
/// [`crate::lexicon::MONTHS`] are the words of time the parser may take
/// for a subject (`Wednesday, he called`, `Last week, Republicans
/// approved`).
const MONTH_ABBREVIATIONS: &[&str] = &["oct.", "nov.", "dec.", "sept.", "aug.", "jan.", "feb."];

/// Whether a lower-case lemma is a word of time: a day, a part of one, a
/// month.
fn is_time_word(lemma: &str) -> bool {
    TIME_NOUNS.contains(&lemma)
        || crate::lexicon::MONTHS.contains(&lemma)
        || MONTH_ABBREVIATIONS.contains(&lemma)
}

/// Left dependents that do not open a speaker's phrase (`after` of
/// `after leaked documents ... show`, `Last week` of `Last week Stumpf`).
const LEFT_SKIP: &[&str] = &[
    "case",
    "mark",
    "cc",
    "advmod",
    "obl:tmod",
    "nmod:tmod",
    "obl:unmarked",
    "nmod:unmarked",
    "obl",
];

/// Relative pronouns: a subject that is one points to the noun its clause
/// modifies.
const RELATIVE: &[&str] = &["which", "that", "who", "whom"];

/// A dependency parse read by byte offset.
pub(super) struct Parse<'a> {
    text: &'a str,
    syntax: &'a Syntax,
}

impl<'a> Parse<'a> {
    /// The parse `syntax` of `text`.
    pub(super) fn new(text: &'a str, syntax: &'a Syntax) -> Self {
        Parse { text, syntax }
    }

    fn word(&self, i: usize) -> &'a Word {
        &self.syntax.words[i]
    }

    fn form(&self, i: usize) -> &'a str {
        let w = self.word(i);
        self.text.get(w.start..w.end).unwrap_or("")
    }

    /// The word holding byte `at`.
    pub(super) fn word_at(&self, at: usize) -> Option<usize> {
        let ws = &self.syntax.words;
        let i = ws.partition_point(|w| w.end <= at);
        (i < ws.len() && ws[i].start <= at).then_some(i)
    }

    /// The cue verb at `cue`: the first word of the cue, when the parse
    /// makes it a verb.
    pub(super) fn cue_verb(&self, cue: Span) -> Option<usize> {
        let v = self.word_at(cue.start)?;
        (self.word(v).upos == "VERB").then_some(v)
    }

    /// The subject of cue verb `v`: its `nsubj`, else the `obl:agent` of
    /// a passive (`claimed by X`), else for a verb conjoined to an earlier
    /// one that one's subject, else for a participle with none of its
    /// own (`..., saying that ...`) the subject of the verb it hangs on.
    pub(super) fn subject(&self, v: usize) -> Option<usize> {
        self.child(v, &["nsubj"])
            .or_else(|| self.child(v, &["obl:agent"]))
            .or_else(|| {
                // `The home secretary described ... but said`: a second verb
                // shares the first one's subject.
                let w = self.word(v);
                let h = w.head.filter(|&h| h < v && w.dep == "conj")?;
                self.child(h, &["nsubj"])
            })
            .or_else(|| {
                // Up through participles, infinitives and coordinated verbs
                // (`began by talking about X, saying ...`), a few steps.
                if !self.form(v).ends_with("ing") {
                    return None;
                }
                let mut v = v;
                for _ in 0..3 {
                    let w = self.word(v);
                    if !matches!(w.dep.as_ref(), "advcl" | "xcomp" | "conj") {
                        return None;
                    }
                    v = w.head?;
                    if let Some(s) = self.child(v, &["nsubj"]) {
                        return Some(s);
                    }
                }
                None
            })
    }

    /// Whether word `s` is a relative pronoun (`which`, `that`, `who`).
    pub(super) fn is_relative(&self, s: usize) -> bool {
        RELATIVE.contains(&self.form(s).to_lowercase().as_str())
    }

    /// The noun a relative clause headed by verb `v` modifies (`the group`
    /// of `the group, which said`), when `v` is one.
    pub(super) fn antecedent(&self, v: usize) -> Option<usize> {
        let w = self.word(v);
        if w.dep != "acl:relcl" {
            return None;
        }
        let n = w.head?;
        matches!(self.word(n).upos.as_ref(), "NOUN" | "PROPN").then_some(n)
    }

    /// The noun before verb `v` that `v` modifies as a clause (`acl`), as
    /// a parse reads a subject with a date between it and its verb.
    pub(super) fn modified_noun(&self, v: usize) -> Option<usize> {
        let w = self.word(v);
        let n = w.head.filter(|&n| n < v && w.dep == "acl")?;
        matches!(self.word(n).upos.as_ref(), "NOUN" | "PROPN").then_some(n)
    }

    /// The head of the words inside `span`: the first one whose head lies
    /// outside it.
    pub(super) fn head_in(&self, span: Span) -> Option<usize> {
        let a = self.word_at(span.start)?;
        let inside = |i: usize| {
            let w = self.word(i);
            w.start >= span.start && w.end <= span.end
        };
        (a..self.syntax.words.len())
            .take_while(|&i| self.word(i).start < span.end)
            .filter(|&i| inside(i))
            .find(|&i| self.word(i).head.map_or(true, |h| !inside(h)))
    }

    /// Whether word `s` can name a speaker: a noun, a name or a pronoun,
    /// not a date word (`Wednesday`, `last week`), nor a preposition's
    /// object.
    pub(super) fn can_speak(&self, s: usize) -> bool {
        let w = self.word(s);
        // `One of the family's attorneys ... said`: a number heading an
        // `of` phrase speaks for it.
        let one_of = w.upos == "NUM"
            && self.syntax.children(s).any(|c| {
                self.word(c).dep == "nmod"
                    && self.syntax.children(c).any(|m| {
                        self.word(m).dep == "case" && self.form(m).eq_ignore_ascii_case("of")
                    })
            });
        (matches!(w.upos.as_ref(), "NOUN" | "PROPN" | "PRON") || one_of)
            && !is_time_word(&w.lemma.to_lowercase())
            && !self.syntax.children(s).any(|c| self.word(c).dep == "case")
    }

    fn child(&self, v: usize, deps: &[&str]) -> Option<usize> {
        self.syntax
            .children(v)
            .find(|&c| deps.contains(&self.word(c).dep.as_ref()))
    }

    /// The noun phrase headed by word `h`: its subtree without relative
    /// clauses, appositions, coordination and punctuation after a stop, as
    /// a byte span.
    pub(super) fn phrase(&self, h: usize) -> Span {
        let mut lo = h;
        let mut hi = h;
        // Left: the head's left dependents that are part of its name.
        for c in self.syntax.children(h).filter(|&c| c < h) {
            let w = self.word(c);
            let time = is_time_word(&w.lemma.to_lowercase());
            if !PHRASE_STOP.contains(&w.dep.as_ref())
                && !LEFT_SKIP.contains(&w.dep.as_ref())
                && !time
            {
                let sub = self.syntax.subtree(c);
                lo = lo.min(sub[0]);
            }
        }
        for c in self.syntax.children(h).filter(|&c| c > h) {
            let w = self.word(c);
            if PHRASE_STOP.contains(&w.dep.as_ref())
                || w.dep.ends_with(":tmod")
                || w.dep.ends_with(":unmarked")
                || is_time_word(&w.lemma.to_lowercase())
            {
                break;
            }
            let sub = self.syntax.subtree(c);
            hi = hi.max(*sub.last().unwrap_or(&c));
        }
        Span::new(self.word(lo).start, self.word(hi).end)
    }
}

/// The attributions `found` with sources read from the parse. Only the
/// source-first frames (`X said ...`, `... was claimed by X`) are read
/// again: when the window rules took a phrase that the parse does not make
/// a subject (`Last week`, `a televised interview`, the `of`-phrase of a
/// longer name) and the cue verb has a subject that can speak, the source
/// becomes that subject's noun phrase. A relative pronoun (`which said`)
/// stays the source as written, and the speaker is looked for in the noun
/// its clause modifies.
pub(super) fn sources_from_parse(parse: &Parse<'_>, found: &mut [Found]) {
    for f in found.iter_mut() {
        if f.frame != Frame::SourceFirst {
            continue;
        }
        let (Some(cue), Some(src)) = (f.cue, f.source) else {
            continue;
        };
        let Some(v) = parse.cue_verb(cue) else {
            continue;
        };
        let Some(mut s) = parse.subject(v) else {
            continue;
        };
        if !parse.can_speak(s) {
            // `David Axelrod on Wednesday called ...` read as a name with
            // a clause `Wednesday called`: the name the clause hangs on.
            if let Some(n) = parse.modified_noun(v).filter(|&n| parse.can_speak(n)) {
                s = n;
            }
        }
        if parse.is_relative(s) {
            // `the group, which said`: the speaker is the group.
            let w = parse.word(s);
            if src.start <= w.start && w.end <= src.end {
                f.speaker_at = parse.antecedent(v).map(|n| parse.phrase(n));
            }
            continue;
        }
        let subj = parse.word(s);
        if src.start <= subj.start && subj.end <= src.end {
            continue; // the window took the subject: agreed
        }
        // The window's phrase is a subject (or a pronoun) of its own: the
        // parse is more often wrong than the window here.
        // ... unless it is a date (`on Wednesday`), which never speaks.
        let keeps = parse.head_in(src).map_or(true, |h| {
            let w = parse.word(h);
            (w.dep.starts_with("nsubj") || w.upos == "PRON" || w.dep == "conj")
                && !is_time_word(&w.lemma.to_lowercase())
        });
        if keeps || !parse.can_speak(s) || subj.upos == "PRON" {
            continue;
        }
        let phrase = parse.phrase(s);
        let overlaps = phrase.start < f.content.end && f.content.start < phrase.end;
        if overlaps || subj.sentence != parse.word(v).sentence {
            continue;
        }
        f.source = Some(phrase);
    }
}

/// `CONTENT, said SOURCE` read where the parse makes the words before the
/// cue its subject and the words after it its clause (`Donna Rawlings, 59,
/// of Ashton, who watched the ceremony, said the event brought back
/// memories`): the subject's phrase is the source and the rest of the
/// sentence the content. Quotations (`"...," said X`) are never read
/// again.
pub(super) fn inverted_from_parse(parse: &Parse<'_>, text: &str, found: &mut [Found]) {
    for f in found.iter_mut() {
        if f.frame != Frame::ContentFirst {
            continue;
        }
        let (Some(cue), Some(src)) = (f.cue, f.source) else {
            continue;
        };
        let quoted = text[f.content.start..]
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’'));
        if quoted || src.start < cue.end || f.content.end > cue.start {
            continue;
        }
        let Some(v) = parse.cue_verb(cue) else {
            continue;
        };
        if let Some(source) = clause_for_source(parse, text, f.content, src) {
            // `Aparna Mathur, who studies tax policy, said Ivanka Trump's
            // statement didn't clarify the matter`: what the window took for
            // a source after the cue is a clause with a verb of its own.
            f.content = src;
            f.source = Some(source);
            f.speaker_at = None;
            f.frame = Frame::SourceFirst;
            continue;
        }
        let Some(s) = parse.child(v, &["nsubj"]) else {
            continue;
        };
        let subj = parse.word(s);
        let clause = parse.child(v, &["ccomp"]).map(|c| parse.word(c));
        let (Some(clause), true) = (clause, parse.can_speak(s)) else {
            continue;
        };
        if subj.start < f.content.start
            || subj.end > f.content.end
            || clause.start < cue.end
            || clause.end > src.end
            || subj.sentence != parse.word(v).sentence
            || clause.sentence != subj.sentence
        {
            continue;
        }
        // The content is the clause, also where it runs on past what the
        // window took for a source (`One of the family's attorneys, Justin
        // Bamberg, said the videos show Scott calmly leaving his car when
        // asked to`).
        let Some(c) = parse.child(v, &["ccomp"]) else {
            continue;
        };
        let mut last = parse.syntax.subtree(c).last().copied().unwrap_or(c);
        while last > c && parse.word(last).upos == "PUNCT" {
            last -= 1;
        }
        let content = Span::new(src.start, parse.word(last).end.max(src.end));
        let phrase = parse.phrase(s);
        f.content = content;
        f.source = Some(phrase);
        f.speaker_at = None;
        f.frame = Frame::SourceFirst;
    }
}

/// Words that open a clause of the cue verb's own after its content
/// (`agreed that ..., but he said`, `says ... and plans to`, `said ...,
/// though she noted`, `while 73 percent said`).
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "while", "though", "although", "whereas", "yet", "even",
];

/// Ends the content of each source-first attribution before a clause that
/// the parse hangs on the cue verb itself rather than on its content: a
/// coordinated verb, an adverbial clause or a parenthetical opened by a
/// conjunction or a comma (`X agreed that the rules should change, but he
/// said the talk should wait`: the first content is `the rules should
/// change`; the second attribution is found on its own). Quotations keep
/// their marks' bounds.
pub(super) fn contents_end_before_the_cue_clause(
    parse: &Parse<'_>,
    text: &str,
    found: &mut [Found],
) {
    for f in found.iter_mut() {
        if f.frame != Frame::SourceFirst {
            continue;
        }
        let quoted = text[f.content.start..]
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’'));
        let (Some(cue), false) = (f.cue, quoted) else {
            continue;
        };
        let (Some(v), Some(a)) = (parse.cue_verb(cue), parse.word_at(f.content.start)) else {
            continue;
        };
        let cut = parse.syntax.children(v).find_map(|c| {
            let w = parse.word(c);
            if c <= a
                || w.start >= f.content.end
                || !matches!(w.dep.as_ref(), "conj" | "advcl" | "parataxis")
                || !matches!(w.upos.as_ref(), "VERB" | "AUX")
            {
                return None;
            }
            let first = parse
                .syntax
                .subtree(c)
                .into_iter()
                .find(|&i| parse.word(i).upos != "PUNCT")?;
            let opener = CLAUSE_OPENERS.contains(&parse.form(first).to_lowercase().as_str());
            let comma = first > 0 && parse.form(first - 1) == ",";
            // Never inside a quotation the content holds (`said the region
            // was "at a crossroads... and we must act together"`).
            if first <= a
                || !(opener || comma)
                || inside_marks(text, f.content.start, parse.word(first).start)
            {
                return None;
            }
            let mut e = first;
            while e > a && parse.word(e - 1).upos == "PUNCT" {
                e -= 1;
            }
            (e > a).then(|| parse.word(e - 1).end)
        });
        // A cue in a subordinate clause before its main clause (`While
        // al-Sudani has publicly condemned attacks on US forces, he also
        // reiterated ...`) or in a relative clause (`The minister, who said
        // the army would withdraw, resigned`): the content ends with that
        // clause.
        let fronted = parse.word(v).dep == "advcl"
            && parse.word(v).head.is_some_and(|h| h > v)
            && parse
                .syntax
                .children(v)
                .any(|c| parse.word(c).dep == "mark" && c < a);
        let relative = parse.word(v).dep == "acl:relcl"
            && parse.syntax.children(v).any(|c| {
                c < v
                    && parse.word(c).dep.starts_with("nsubj")
                    && matches!(parse.form(c).to_lowercase().as_str(), "who" | "which")
            });
        let own = (fronted || relative)
            .then(|| {
                // Its closing marks stay (`"... candy."`), not the comma
                // that ends it.
                let mut last = parse.syntax.subtree(v).into_iter().max()?;
                while last > a && matches!(parse.form(last), "," | ";" | ":" | "-" | "–" | "—")
                {
                    last -= 1;
                }
                // Marks that close a quotation the clause ends with, though
                // the parser hung them elsewhere (`... and others."`).
                let marks = (last + 1..parse.syntax.words.len())
                    .take_while(|&i| {
                        parse.word(i).upos == "PUNCT"
                            && matches!(parse.form(i), "." | "," | "!" | "?" | "”" | "\"" | "’")
                    })
                    .filter(|&i| matches!(parse.form(i), "”" | "\"" | "’"))
                    .last();
                let open = |at: usize| inside_marks(text, f.content.start, at);
                if let Some(m) = marks.filter(|_| open(parse.word(last).end)) {
                    last = m;
                }
                (last >= a).then(|| parse.word(last).end)
            })
            .flatten();
        for end in [cut, own].into_iter().flatten() {
            f.content.end = f.content.end.min(end);
        }
    }
}

/// Whether byte `at` lies inside quotation marks opened in its sentence
/// `[sa, at)`: more opening than closing curly marks, or an odd number of
/// straight ones.
fn inside_marks(text: &str, sa: usize, at: usize) -> bool {
    let before = &text[sa..at];
    let open = before.matches('“').count() + before.matches("``").count();
    let close = before.matches('”').count() + before.matches("''").count();
    open > close || before.matches('"').count() % 2 == 1
}

/// Attributions the frames missed, read from the parse alone: a verb of
/// saying (or of addressing) that is no cue of any attribution found, with
/// a subject that can speak and a clausal complement (`ccomp`) of at least
/// three words, not inside a quotation. The source is the subject's noun
/// phrase and the content the complement's words: `Experts on North Korea
/// and nuclear nonproliferation said the latest test could change that`,
/// `"Subpoenas are not optional," panel Chairman Rep. Jason Chaffetz
/// (R-Utah) said`, `Kall -- co-editor of ... -- said the candidate ...`.
pub(super) fn missed_from_parse(parse: &Parse<'_>, text: &str, found: &mut Vec<Found>) {
    let words = &parse.syntax.words;
    let mut group = found.iter().map(|f| f.group + 1).max().unwrap_or(0);
    // The cues found, and the quotations' contents with the furthest end
    // reached by any that starts at or before each, sorted by start: a
    // verb's look-up is a binary search, not a pass over every quote.
    let mut cues: Vec<Span> = found.iter().filter_map(|f| f.cue).collect();
    cues.sort_unstable_by_key(|c| (c.start, c.end));
    let quoted = Reach::new(
        found
            .iter()
            .filter(|f| text[f.content.start..].starts_with(['"', '“', '”', '\'', '‘', '`']))
            .map(|f| f.content),
    );
    // Every content found, the same way: a weak cue inside one is a word
    // of that statement (`according to Human Rights Watch, state security
    // forces have killed ...`), not an attribution of its own.
    let contents = Reach::new(found.iter().map(|f| f.content));
    let mut sentence_start = (usize::MAX, 0);
    for v in 0..words.len() {
        let w = &words[v];
        if w.sentence != sentence_start.0 {
            sentence_start = (w.sentence, w.start);
        }
        if w.upos != "VERB" {
            continue;
        }
        let form = parse.form(v).to_lowercase();
        let class = |classes: &[super::cues::CueClass]| {
            super::cues::cues()
                .by_word
                .get(form.as_str())
                .is_some_and(|es| {
                    es.iter()
                        .any(|e| e.particle.is_none() && classes.contains(&e.class))
                })
        };
        let speech = class(&[
            super::cues::CueClass::Speech,
            super::cues::CueClass::Address,
        ]);
        // A weak cue (`found`, `noted`, `announced`) reports a statement
        // only with a finite clause of its own (`An arbitration panel found
        // the United States was in breach`, not `found the body`).
        let weak = !speech && class(&[super::cues::CueClass::Weak]);
        if super::para::state_is_a_noun(&form, v.checked_sub(1).map(|b| parse.form(b))) {
            continue;
        }
        if !speech && !weak {
            continue;
        }
        let cue = w.span();
        let i = cues.partition_point(|c| c.end <= cue.start);
        let cue_taken = cues.get(i).is_some_and(|c| c.start < cue.end);
        let in_quotation = quoted.covers(cue);
        let in_content = contents.covers(cue);
        if cue_taken
            || in_quotation
            || (weak && in_content)
            || inside_marks(text, sentence_start.1, cue.start)
        {
            continue;
        }
        let Some(s) = parse.child(v, &["nsubj"]) else {
            continue;
        };
        if !parse.can_speak(s) || parse.is_relative(s) {
            continue;
        }
        // A complement opened by `after`, `because`, `when` is an adverbial
        // clause the parse took for one (`said after Pagliano failed`).
        let Some(c) = parse.child(v, &["ccomp"]).filter(|&c| {
            !parse.syntax.children(c).any(|m| {
                parse.word(m).dep == "mark"
                    && !matches!(
                        parse.form(m).to_lowercase().as_str(),
                        "that" | "whether" | "if"
                    )
            })
        }) else {
            continue;
        };
        if weak && !finite_clause(parse, c) {
            continue;
        }
        let sub = parse.syntax.subtree(c);
        let (Some(&first), Some(&last)) = (sub.first(), sub.last()) else {
            continue;
        };
        let content_words = sub.iter().filter(|&&i| words[i].upos != "PUNCT").count();
        let source = parse.phrase(s);
        // The complement lies wholly on one side of the cue, and apart from
        // the source.
        let one_side = (first > v) || (last < v);
        if content_words < 3 || !one_side || words[s].upos == "PRON" && last < v {
            continue;
        }
        let mut a = first;
        while a < last && words[a].upos == "PUNCT" {
            a += 1;
        }
        let mut b = last;
        while b > a && words[b].upos == "PUNCT" {
            b -= 1;
        }
        let content = Span::new(words[a].start, words[b].end);
        if content.start < source.end && source.start < content.end {
            continue;
        }
        let frame = if first > v {
            Frame::SourceFirst
        } else {
            Frame::ContentFirst
        };
        found.push(Found {
            content,
            cue: Some(cue),
            source: Some(source),
            speaker_at: None,
            frame,
            group,
        });
        group += 1;
    }
}

/// Spans sorted by start, each with the furthest end reached by any span
/// that starts at or before it: whether one covers a span is a binary
/// search, not a pass over every span.
struct Reach(Vec<(usize, usize)>);

impl Reach {
    fn new(spans: impl Iterator<Item = Span>) -> Self {
        let mut v: Vec<(usize, usize)> = spans.map(|s| (s.start, s.end)).collect();
        v.sort_unstable();
        let mut reach = 0;
        for q in v.iter_mut() {
            reach = reach.max(q.1);
            q.1 = reach;
        }
        Reach(v)
    }

    /// Whether some span starting at or before `s` reaches its end.
    fn covers(&self, s: Span) -> bool {
        let j = self.0.partition_point(|q| q.0 <= s.start);
        j > 0 && self.0[j - 1].1 >= s.end
    }
}

/// Whether word `c` heads a finite clause with a subject of its own.
fn finite_clause(parse: &Parse<'_>, c: usize) -> bool {
    let finite = |i: usize| matches!(parse.word(i).xpos.as_ref(), "VBD" | "VBZ" | "VBP" | "MD");
    parse.child(c, &["nsubj", "nsubj:pass"]).is_some()
        && (finite(c)
            || parse.syntax.children(c).any(|a| {
                matches!(parse.word(a).dep.as_ref(), "aux" | "aux:pass" | "cop") && finite(a)
            }))
}

/// For an unquoted `CONTENT, said SOURCE` reading whose source is a clause
/// (three words or more, one a finite verb by the parse) that runs to the
/// sentence's end: the speaker's phrase in what was read as the content,
/// without a leading adjunct up to its comma and without a relative clause
/// (`, who ...`). `None` when the reading stands.
fn clause_for_source(parse: &Parse<'_>, text: &str, content: Span, src: Span) -> Option<Span> {
    let (a, b) = (
        parse.word_at(src.start)?,
        parse.word_at(src.end.saturating_sub(1))?,
    );
    let words = (a..=b).filter(|&i| parse.word(i).upos != "PUNCT").count();
    let finite = (a..=b).any(|i| {
        let w = parse.word(i);
        (w.upos == "VERB" || w.upos == "AUX")
            && matches!(w.xpos.as_ref(), "VBD" | "VBZ" | "VBP" | "MD")
    });
    let rest = text.get(src.end..)?;
    let to_end = rest.trim_start().starts_with(['.', '!', '?']) || rest.trim().is_empty();
    if words < 3 || !finite || !to_end {
        return None;
    }
    let phrase = text.get(content.start..content.end)?;
    let mut start = 0;
    let first = phrase.split(|c: char| !c.is_alphanumeric()).next()?;
    if OPENING_ADJUNCTS.contains(&first.to_lowercase().as_str()) {
        start = phrase.find(',')? + 1;
    }
    let body = &phrase[start..];
    let lead = body.len() - body.trim_start().len();
    let mut end = body.len();
    for rel in [", who ", ", which ", ", whose ", " who ", ", a ", ", the "] {
        if let Some(k) = body.find(rel) {
            end = end.min(k);
        }
    }
    let body = body[lead..end].trim_end_matches([',', ' ']);
    if body.is_empty() {
        return None;
    }
    let s = content.start + start + lead;
    Some(Span::new(s, s + body.len()))
}

/// Cue verbs that, with a noun for content, report a deed rather than a
/// statement: `claimed responsibility for the attack`, `attacks have been
/// claimed by X`.
const DEED_WITH_NOUN: &[&str] = &["claim"];

/// Whether the cue of attribution `f`, a verb of saying in the lexicon, is
/// a noun here as the parse reads it (`a $280bn claim against the
/// industry`, `its third profits warning in nine months`): no verb, so no
/// statement, unless the nominal frame read it with its possessor
/// (`Trump's claim that ...`).
pub(super) fn cue_is_a_noun(parse: &Parse<'_>, f: &Found) -> bool {
    let Some(cue) = f.cue else {
        return false;
    };
    if f.frame == Frame::Nominal || parse.text[cue.start..cue.end].contains(' ') {
        return false;
    }
    let Some(i) = parse.word_at(cue.start) else {
        return false;
    };
    let w = parse.word(i);
    // Only the nouns whose sense is mostly no saying (a legal or insurance
    // `claim`, a `profits warning`), and only inside a noun phrase: a
    // determiner, number, adjective or noun before them (`a $280bn claim`,
    // `its third profits warning`); the parser takes verbs in `-s` for
    // nouns too often (`she plans to`, `a poll shows that`) to read more.
    w.upos == "NOUN"
        && w.end == cue.end
        && matches!(w.lemma.as_ref(), "claim" | "warning")
        && parse.syntax.children(i).any(|c| {
            c < i
                && matches!(
                    parse.word(c).dep.as_ref(),
                    "det" | "nummod" | "amod" | "compound" | "nmod:poss"
                )
        })
}

/// Whether attribution `f` is narration rather than a statement, as the
/// parse reads it: its cue is a verb of [`DEED_WITH_NOUN`] with no clausal
/// complement, and its whole content is the verb's object (or passive
/// subject), a noun phrase.
pub(super) fn is_narration(parse: &Parse<'_>, f: &Found) -> bool {
    let Some(v) = f.cue.and_then(|c| parse.cue_verb(c)) else {
        return false;
    };
    if !DEED_WITH_NOUN.contains(&parse.word(v).lemma.as_ref()) {
        return false;
    }
    let kids: Vec<usize> = parse.syntax.children(v).collect();
    let dep = |c: &usize, d: &[&str]| d.contains(&parse.word(*c).dep.as_ref());
    if kids
        .iter()
        .any(|c| dep(c, &["ccomp", "xcomp", "parataxis"]))
    {
        return false;
    }
    kids.iter()
        .filter(|c| dep(c, &["obj", "nsubj:pass"]))
        .any(|&n| {
            let w = parse.word(n);
            if !matches!(w.upos.as_ref(), "NOUN" | "PROPN") {
                return false;
            }
            // The content opens with the noun's phrase and stays inside the
            // cue's clause (`responsibility for hitting Israeli targets`).
            let noun = parse.syntax.subtree(n);
            let clause = parse.syntax.subtree(v);
            let in_content = |i: usize| {
                let w = parse.word(i);
                w.start >= f.content.start && w.end <= f.content.end
            };
            let mut words = (parse.word_at(f.content.start).unwrap_or(n)..parse.syntax.words.len())
                .take_while(|&i| parse.word(i).start < f.content.end)
                .filter(|&i| in_content(i) && parse.word(i).upos != "PUNCT");
            in_content(n)
                && words.next().is_some_and(|i| noun.contains(&i))
                && words.all(|i| clause.contains(&i))
        })
}

#[cfg(test)]
pub(super) mod tests {
    use crate::{Config, Extractor, Quote};

    /// The quotes of `text`, every layer run.
    pub(in crate::quotes) fn quotes(text: &str) -> Vec<Quote> {
        let ex = Extractor::new(Config::default()).unwrap();
        ex.extract_text(text).unwrap().quotes.unwrap()
    }

    #[test]
    fn relative_pronoun_speaks_for_its_noun() {
        let q = quotes(
            "Washington blamed the attacks on Kataib Hezbollah, which said on Sunday \
             that its fighters would keep up the pressure on US bases.",
        );
        let q = q.iter().find(|q| q.cue.as_deref() == Some("said")).unwrap();
        assert!(q.text.contains("its fighters would keep up"), "{q:?}");
        // The source as written is the pronoun; the speaker is the group.
        assert_eq!(q.source.as_deref(), Some("which"));
        assert_eq!(q.speaker.as_deref(), Some("Kataib Hezbollah"));
    }

    #[test]
    fn claimed_attacks_are_no_statement() {
        let q = quotes(
            "Dozens of drone and missile attacks have been claimed by the Islamic \
             Resistance in Iraq, a network of Iran-allied groups. Militias have also \
             been claiming responsibility for hitting Israeli targets.",
        );
        assert!(q.is_empty(), "{q:?}");
        // A claim with a clause stays a statement.
        let q = quotes("The Islamic Resistance in Iraq claimed that its drones hit the base.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].source.as_deref(),
            Some("The Islamic Resistance in Iraq")
        );
    }

    #[test]
    fn subject_of_the_cue_over_a_date() {
        let q = quotes(
            "David Axelrod on Wednesday called on Howard Dean to apologize to Donald Trump \
             for suggesting that he uses cocaine.",
        );
        let q = q
            .iter()
            .find(|q| q.cue.as_deref() == Some("called"))
            .unwrap_or_else(|| panic!("{q:?}"));
        assert_eq!(q.source.as_deref(), Some("David Axelrod"), "{q:?}");
        assert_eq!(q.speaker.as_deref(), Some("David Axelrod"));
    }

    #[test]
    fn one_of_a_group_named_in_apposition_says() {
        let q = quotes(
            "One of the family's attorneys, Justin Bamberg, said the videos show Scott \
             calmly leaving his car when asked to do so by police.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].speaker.as_deref(), Some("Justin Bamberg"), "{q:?}");
        assert!(q[0].text.starts_with("the videos show Scott"), "{q:?}");
        assert!(q[0].text.ends_with("by police"), "{q:?}");
    }

    #[test]
    fn a_quoted_title_before_the_source_is_no_content() {
        let q = quotes(
            "In an interview on CBS's \"Face the Nation,\" House Speaker Paul D. Ryan \
             (R-Wis.) said the recent spate of police shootings demands that all Americans \
             engage in more listening.",
        );
        let q = q
            .iter()
            .find(|q| q.cue.as_deref() == Some("said"))
            .unwrap_or_else(|| panic!("{q:?}"));
        assert!(q.text.starts_with("the recent spate"), "{q:?}");
        assert_eq!(q.speaker.as_deref(), Some("Paul D. Ryan"));
        // A quotation opening its sentence stays the content.
        let q = quotes(
            "\"Let everyone know that Europe must be able to defend itself,\" French \
             President François Hollande said as he entered the talks in Brussels.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.contains("Let everyone know"), "{q:?}");
    }

    #[test]
    fn a_weak_cue_with_a_clause_of_its_own() {
        let q =
            quotes("Investigators found the pilot had not slept for two days before the crash.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].source.as_deref(), Some("Investigators"));
        assert!(q[0].text.starts_with("the pilot had not slept"), "{q:?}");
        let q = quotes("The police found the body of a man in the river on Tuesday.");
        assert!(q.is_empty(), "{q:?}");
        // Not a weak cue inside a statement already found, and not a time
        // adjunct for the content of `according to`.
        let q = quotes(
            "Since last November, according to Human Rights Watch, state security forces \
             have killed more than 400 protesters in the Oromia region.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].source.as_deref(), Some("Human Rights Watch"));
        assert!(q[0].text.starts_with("state security forces"), "{q:?}");
    }

    #[test]
    fn a_stance_verb_with_an_agent_or_particle_says_nothing() {
        for text in [
            "Kingson faces Colleen Deacon, a veteran staffer backed by both the senator and \
             the party's campaign committee.",
            "Some people signed up for a real estate class and overpaid for it.",
        ] {
            let q = quotes(text);
            assert!(q.is_empty(), "{text}: {q:?}");
        }
        // `called on` keeps its content.
        let q = quotes("Sanders called on Michigan's governor to resign over the crisis.");
        assert_eq!(q.len(), 1, "{q:?}");
    }

    #[test]
    fn a_verb_of_planning_goes_on_with_the_statement() {
        let q = quotes(
            "His wife, he says, plans to leave the Democratic Party because of the way it \
             treated him.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].text, "His wife");
        assert!(q[1].text.starts_with("plans to leave"), "{q:?}");
        assert!(q.iter().all(|q| q.source.as_deref() == Some("he")), "{q:?}");
    }

    #[test]
    fn state_the_noun_is_no_cue() {
        for text in [
            "The 714 superdelegates \u{2014} members of Congress, governors, state party chairs \
             and other Democratic elites \u{2014} are meant to give Democrats a steadying hand.",
            "It is the kind of working class, industrial state voters that Donald Trump is \
             targeting.",
        ] {
            let q = quotes(text);
            assert!(q.is_empty(), "{text}: {q:?}");
        }
        let q = quotes("The officials will state that the vote was fair.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "the vote was fair");
    }

    #[test]
    fn what_follows_the_attribution_is_narration() {
        let q = quotes(
            "\"I've raised all I needed to get 70 percent of the vote,\" he said, cutting \
             off a reporter who asked about his finances.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.ends_with("vote,\""), "{q:?}");
        let q = quotes(
            "The top 1 percent would see an average tax cut of $275,000, the group said, \
             compared with $2,700 for those in the middle of the income spectrum.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.ends_with("$275,000"), "{q:?}");
        // A participle with a clause of its own is the speaker's.
        let q =
            quotes("The plan is sound, he said, adding that the money was already in the bank.");
        assert!(
            q.iter().any(|q| q.text.contains("already in the bank")),
            "{q:?}"
        );
    }

    #[test]
    fn said_a_described_name_after_a_quotation() {
        let q = quotes(
            "\u{201c}The president\u{2019}s rationales to veto JASTA don\u{2019}t hold \
             weight,\u{201d} said 9/11 widow Terry Strada.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].speaker.as_deref(), Some("Terry Strada"), "{q:?}");
        assert_eq!(q[0].source.as_deref(), Some("9/11 widow Terry Strada"));
    }

    #[test]
    fn a_long_subject_before_said_is_the_source() {
        let q = quotes(
            "Donna Sampson Rawlings, 59, of Ashton, Md., who watched the ceremony on a \
             screen on the Mall, said the event brought back memories of her father.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].speaker.as_deref(),
            Some("Donna Sampson Rawlings"),
            "{q:?}"
        );
        assert!(q[0].text.starts_with("the event brought back"), "{q:?}");
        // An inverted attribution stays one.
        let q = quotes("The talks will resume next week, said David Shaw, a special agent.");
        assert_eq!(q[0].source.as_deref(), Some("David Shaw"), "{q:?}");
        // An adverb between the source and the cue (`now says`).
        let q = quotes("Clinton now says she opposes the deal.");
        let says = q.iter().find(|q| q.cue.as_deref() == Some("says"));
        assert_eq!(
            says.and_then(|q| q.source.as_deref()),
            Some("Clinton"),
            "{q:?}"
        );
    }

    #[test]
    fn an_adverb_before_the_cue_is_no_passive() {
        for (text, source) in [
            ("Ham also noted that the plan failed.", "Ham"),
            (
                "Democrats also blasted the plan as a giveaway.",
                "Democrats",
            ),
        ] {
            let q = quotes(text);
            assert_eq!(q.len(), 1, "{q:?}");
            assert_eq!(q[0].source.as_deref(), Some(source), "{q:?}");
        }
        // With `be` it is one: no source of its own, and here no quote.
        assert!(quotes("The visit is also expected to address these tensions.").is_empty());
    }

    #[test]
    fn a_time_between_source_and_cue_is_no_source() {
        let q = quotes("Sanders on Tuesday said he wants to attack four provisions.");
        let said = q.iter().find(|q| q.cue.as_deref() == Some("said")).unwrap();
        assert_eq!(said.source.as_deref(), Some("Sanders"), "{q:?}");
        let q = quotes("The minister yesterday said the talks would resume.");
        assert_eq!(q[0].source.as_deref(), Some("The minister"), "{q:?}");
        let q = quotes("China and the United States together vowed that they would cut emissions.");
        assert!(
            q[0].source
                .as_deref()
                .is_some_and(|s| s.ends_with("United States")),
            "{q:?}"
        );
    }

    #[test]
    fn a_clause_read_as_a_source_after_the_cue_is_the_content() {
        let q = quotes(
            "Conservative economist Aparna Mathur, who studies tax policy at the American \
             Enterprise Institute, said Ivanka Trump's statement didn't clarify the matter.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].text,
            "Ivanka Trump's statement didn't clarify the matter"
        );
        assert_eq!(q[0].speaker.as_deref(), Some("Aparna Mathur"), "{q:?}");
        let q = quotes(
            "In a statement, one of the family's attorneys, Justin Bamberg, said the videos \
             show Scott calmly leaving his car.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.starts_with("the videos show"), "{q:?}");
        assert_eq!(q[0].speaker.as_deref(), Some("Justin Bamberg"), "{q:?}");
    }

    #[test]
    fn a_content_ends_before_a_clause_of_the_cue_verb() {
        let q = quotes(
            "He agreed that the party's vacancy rules should be modernized, but he said that \
             discussion should wait until after the election.",
        );
        let agreed = q
            .iter()
            .find(|q| q.cue.as_deref() == Some("agreed"))
            .unwrap();
        assert_eq!(
            agreed.text, "the party's vacancy rules should be modernized",
            "{q:?}"
        );
        let said = q.iter().find(|q| q.cue.as_deref() == Some("said")).unwrap();
        assert!(said.text.starts_with("discussion should wait"), "{q:?}");
    }

    #[test]
    fn a_content_ends_with_the_subordinate_clause_of_its_cue() {
        let q = quotes(
            "While the minister has publicly condemned the strikes on the convoy, he also \
             stressed the need to contain the crisis.",
        );
        let condemned = q
            .iter()
            .find(|q| q.cue.as_deref() == Some("condemned"))
            .unwrap_or_else(|| panic!("{q:?}"));
        assert_eq!(condemned.text, "the strikes on the convoy", "{q:?}");
        // A relative clause's statement ends with the clause, and the
        // sentence's main verb is no part of it.
        let q =
            quotes("The minister, who said the army would withdraw by June, resigned on Friday.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "the army would withdraw by June", "{q:?}");
    }

    #[test]
    fn the_parse_finds_a_statement_the_frames_missed() {
        let q = quotes(
            "Experts on North Korea and nuclear nonproliferation said the latest nuclear \
             test could change that.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "the latest nuclear test could change that");
        assert!(
            q[0].source
                .as_deref()
                .is_some_and(|s| s.starts_with("Experts")),
            "{q:?}"
        );
        // An adverbial clause the parse took for a complement is none, and a
        // long source with its party and state still closes the quotation.
        let q = quotes(
            "\"Subpoenas are not optional,\" panel Chairman Rep. Jason Chaffetz (R-Utah) \
             said after Pagliano failed to appear.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.contains("Subpoenas are not optional"), "{q:?}");
        assert_eq!(q[0].speaker.as_deref(), Some("Jason Chaffetz"), "{q:?}");
    }
}
