//! Article structure: headline, paragraphs, sentences and tokens.
//!
//! Word and sentence boundaries come from Unicode text segmentation
//! (UAX #29, via `unicode-segmentation`), then are corrected for news text:
//! titles and initials (`Mr.`, `Sen.`, `J. K.`), `U.S.`, `No. 10`, quotes
//! followed by their attribution, soft-wrapped lines, hyphenated compounds
//! and clitics.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// The longest sentence, in bytes. Text with no sentence end (a list of
/// numbers, a run of names, a page with its full stops stripped) has no
/// natural sentence boundary; past this length a sentence is cut after its
/// last comma or semicolon in the second half of the window, else at its
/// last space, else at a character boundary. Every layer that works within
/// a sentence is then bounded per sentence, so the whole pipeline stays
/// linear in the article's length. Real news sentences are far shorter: the
/// longest among 67,000 sentences of BBC and TempEval-3 wire copy is 1,902
/// bytes, and 99.99% are under 540.
pub const MAX_SENTENCE_BYTES: usize = 2048;

/// The lines of `s` as `str::split('\n')` gives them, where a line also
/// ends at a carriage return alone (old Mac files) or with a line feed.
fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    split_lines_inclusive(s)
        .map(|l| l.trim_end_matches(['\n', '\r']))
        .chain(std::iter::once("").filter(move |_| s.is_empty() || s.ends_with(['\n', '\r'])))
}

/// The lines of `s` with their line ends (`\n`, `\r\n` or a lone `\r`).
fn split_lines_inclusive(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let b = rest.as_bytes();
        let end = match memchr::memchr2(b'\n', b'\r', b) {
            Some(i) if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') => i + 2,
            Some(i) => i + 1,
            None => b.len(),
        };
        let (line, r) = rest.split_at(end);
        rest = r;
        Some(line)
    })
}

/// True when `s` holds a line break (`\n` or `\r`).
fn has_line_break(s: &str) -> bool {
    memchr::memchr2(b'\n', b'\r', s.as_bytes()).is_some()
}

/// A range of indices into another list of the extraction (sentences of a
/// paragraph, tokens of a sentence), end exclusive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IndexRange {
    /// First index.
    pub start: usize,
    /// One past the last index.
    pub end: usize,
}

impl IndexRange {
    /// The indices as a Rust range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the range holds no items.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// What a line above the story is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum HeadlineKind {
    /// A label or teaser above the headline: `Live updates: Follow the latest news on Israel-Gaza`.
    Kicker,
    /// The headline of the story.
    Title,
}

impl HeadlineKind {
    /// The name used in the JSON output: `kicker` or `title`.
    pub fn as_str(&self) -> &'static str {
        match self {
            HeadlineKind::Kicker => "kicker",
            HeadlineKind::Title => "title",
        }
    }
}

/// A kicker or title line opening the body: not a sentence of the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    /// Kicker or title.
    pub kind: HeadlineKind,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The line's text.
    pub text: String,
    /// Its tokens, as indices into [`crate::ArticleLayer::tokens`] (set by
    /// the syntax layer, which parses headline lines too, when tokens are
    /// listed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<IndexRange>,
    /// The root of its dependency tree, as an index into
    /// [`crate::ArticleLayer::tokens`] (syntax layer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<usize>,
}

/// A paragraph of the story body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The paragraph's sentences, as indices into [`crate::ArticleLayer::sentences`].
    pub sentences: IndexRange,
}

/// A sentence of the story body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The sentence's text.
    pub text: String,
    /// Index of its paragraph in [`crate::ArticleLayer::paragraphs`].
    pub paragraph: usize,
    /// Its tokens, as indices into [`crate::ArticleLayer::tokens`] (empty
    /// when tokens are not produced).
    pub tokens: IndexRange,
    /// The root of its dependency tree, as an index into
    /// [`crate::ArticleLayer::tokens`] (set by the syntax layer when tokens
    /// are listed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<usize>,
}

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TokenKind {
    /// Letters, possibly with digits, hyphens, apostrophes: `al-Sudani`, `1.13bn`, `U.S.`.
    Word,
    /// A number: `9,500`, `3.5`, `1996-08-30`.
    Number,
    /// Punctuation: `,`, `“`, `—`, `...`.
    Punct,
    /// Anything else: `$`, `%`, `£`, emoji.
    Symbol,
}

impl TokenKind {
    /// The name used in the JSON output: `word`, `number`, `punct` or `symbol`.
    pub fn as_str(&self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
        }
    }
}

/// A token: a word, number, punctuation mark or symbol.
///
/// When the syntax layer runs, the tokens are its syntactic words (English
/// UD tokenisation: `don't` = `do` + `n't`, possessive `'s` apart) and each
/// carries its [`TokenSyntax`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What kind of token it is.
    pub kind: TokenKind,
    /// Part of speech, lemma, features and dependency, when the syntax
    /// layer ran (in JSON, its fields sit on the token itself).
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub syntax: Option<TokenSyntax>,
}

/// What the syntax layer adds to a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSyntax {
    /// Universal part of speech (`NOUN`, `VERB`, `PROPN`, ...).
    pub upos: Cow<'static, str>,
    /// Penn Treebank tag (`NN`, `VBD`, `NNP`, ...).
    pub xpos: Cow<'static, str>,
    /// Lemma (`killed` → `kill`, `n't` → `not`); proper nouns keep their case.
    pub lemma: Cow<'static, str>,
    /// Morphological features in UD form (`Number=Plur`), absent when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feats: Option<Cow<'static, str>>,
    /// The head token, as an index into [`crate::ArticleLayer::tokens`];
    /// `None` for a sentence's root.
    pub head: Option<usize>,
    /// Universal Dependencies relation to the head (`nsubj`, `obl:agent`;
    /// `root` for a root).
    pub dep: Cow<'static, str>,
    /// For the words of a multiword token (`do` + `n't` of `don't`), the
    /// indices of its first and last token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mwt: Option<(usize, usize)>,
}

impl Token {
    /// The token's byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Splits the body into paragraphs. When the body has blank lines,
/// paragraphs are separated by blank lines and single line breaks inside
/// them are soft wraps (the flag returned is true); otherwise each non-empty
/// line is a paragraph.
pub(crate) fn paragraphs(text: &str, body: Span) -> (Vec<Span>, bool) {
    let b = &text[body.start..body.end];
    let blank_mode = has_blank_line(b);
    let mut out = Vec::new();
    let mut current: Option<Span> = None;
    let mut pos = body.start;
    for line in split_lines_inclusive(b) {
        let line_start = pos;
        pos += line.len();
        let trimmed_start = line.trim_start();
        if trimmed_start.is_empty() {
            if let Some(p) = current.take() {
                out.push(p);
            }
            continue;
        }
        let s = line_start + (line.len() - trimmed_start.len());
        let e = line_start + line.trim_end().len();
        if blank_mode {
            match &mut current {
                Some(p) => p.end = e,
                None => current = Some(Span::new(s, e)),
            }
        } else {
            out.push(Span::new(s, e));
        }
    }
    if let Some(p) = current {
        out.push(p);
    }
    (out, blank_mode)
}

fn has_blank_line(b: &str) -> bool {
    let mut seen_content = false;
    let mut lines = split_lines(b).peekable();
    while let Some(line) = lines.next() {
        let blank = line.trim().is_empty();
        if blank && seen_content && lines.peek().is_some() {
            return true;
        }
        seen_content |= !blank;
    }
    false
}

/// Labels that make an opening line a kicker rather than a title.
const KICKER_LABELS: &[&str] = &[
    "live updates",
    "live update",
    "live blog",
    "live",
    "breaking news",
    "breaking",
    "watch",
    "analysis",
    "opinion",
    "comment",
    "explainer",
    "exclusive",
    "update",
    "updated",
    "factbox",
    "fact check",
    "editorial",
    "video",
    "photos",
    "in pictures",
    "interview",
    "review",
    "read more",
    "related",
    "follow",
];

fn is_kicker(line: &str) -> bool {
    let lower = line.to_lowercase();
    if lower.starts_with("follow ") && (lower.contains("latest") || lower.contains("live")) {
        return true;
    }
    KICKER_LABELS.iter().any(|label| {
        lower.strip_prefix(label).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with([':', '|', '-', '–', '—'])
        })
    })
}

/// Decides whether the paragraph `p` (the first of the body, or the second
/// after a kicker) is a kicker or title line.
fn headline_kind(
    text: &str,
    p: Span,
    title: Option<&str>,
    more_follows: bool,
) -> Option<HeadlineKind> {
    let line = p.slice(text);
    if !more_follows || has_line_break(line) || line.len() > 250 {
        return None;
    }
    if let Some(t) = title {
        if t.trim().eq_ignore_ascii_case(line.trim()) {
            return Some(HeadlineKind::Title);
        }
    }
    if is_kicker(line) {
        return Some(HeadlineKind::Kicker);
    }
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 {
        return None;
    }
    if line.starts_with("By ") || line.starts_with("BY ") {
        return None;
    }
    let shouting = !line.chars().any(|c| c.is_lowercase());
    let core = line.trim_end_matches(CLOSERS);
    let ends_sentence = core.ends_with(['.', '!', ':', ';', ',']);
    let words = line.split_whitespace().count();
    if (shouting || !ends_sentence) && words <= 30 {
        Some(HeadlineKind::Title)
    } else {
        None
    }
}

/// The kicker and/or title lines opening the body, if any: each takes one
/// leading paragraph.
pub(crate) fn headlines(text: &str, paras: &[Span], title: Option<&str>) -> Vec<Headline> {
    let mut out = Vec::new();
    for (i, p) in paras.iter().enumerate().take(2) {
        let Some(kind) = headline_kind(text, *p, title, i + 1 < paras.len()) else {
            break;
        };
        out.push(Headline {
            kind,
            start: p.start,
            end: p.end,
            text: p.slice(text).to_string(),
            tokens: None,
            root: None,
        });
        // A title can follow a kicker, nothing follows a title.
        if kind == HeadlineKind::Title {
            break;
        }
    }
    out
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»', '›'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '«', '‹', '¿', '¡'];

/// Words that, written with a period, come before a name and never end a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov",
    "Govs", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Cdr",
    "Brig", "Rev", "Fr", "St", "Mt", "Ft", "Hon", "Pres", "Supt", "Insp", "Det", "Amb", "Atty",
    "Sheikh", "Sr", "Sra", "Mme", "Mlle",
];

/// Abbreviations followed by a number: `No. 10`, `Nov. 6`, `Art. 5`.
const NUMERIC_ABBREVIATIONS: &[&str] = &[
    "No", "Nos", "no", "nos", "Art", "Arts", "Fig", "Figs", "Vol", "Vols", "p", "pp", "Para",
    "para", "Sec", "Ch", "Ex", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "Rm", "Tel", "Ref",
];

/// Abbreviations that never end a sentence.
const INNER_ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "vs", "v", "cf", "approx", "ca", "viz", "incl", "esp",
];

/// Capitalised words that usually open a sentence: a dotted abbreviation or
/// initial followed by one of these ends its sentence.
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "However",
    "In",
    "On",
    "At",
    "After",
    "Before",
    "When",
    "While",
    "As",
    "If",
    "Meanwhile",
    "Since",
    "Some",
    "Many",
    "Most",
    "Both",
    "All",
    "Now",
    "Then",
    "Still",
    "Also",
    "For",
    "With",
    "During",
    "Earlier",
    "Later",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Although",
    "Though",
    "Despite",
    "According",
    "Officials",
    "Police",
    "Such",
    "One",
    "Two",
    "Three",
];

fn first_word(s: &str) -> &str {
    let s = s.trim_start_matches(OPENERS);
    let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    &s[..end]
}

/// The word before the final period of `core` (which ends with '.').
fn word_before_period(core: &str) -> &str {
    let body = &core[..core.len() - 1];
    let start = body
        .rfind(|c: char| c.is_whitespace() || OPENERS.contains(&c) || c == '-' || c == '/')
        .map_or(0, |i| {
            i + body[i..].chars().next().map_or(1, char::len_utf8)
        });
    &body[start..]
}

fn is_dotted_acronym(word: &str) -> bool {
    // "U.S", "U.N", "E.U": single uppercase letters separated by periods.
    word.len() >= 3
        && word
            .split('.')
            .all(|p| p.len() == 1 && p.as_bytes()[0].is_ascii_uppercase())
}

fn is_initial(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

fn ends_with_terminal(core: &str) -> bool {
    core.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Length in bytes of the last line of `s`, counted up to `cap` (only the
/// last `cap` bytes are read).
fn last_line_len(s: &str, cap: usize) -> usize {
    let tail = &s.as_bytes()[s.len().saturating_sub(cap)..];
    memchr::memrchr2(b'\n', b'\r', tail).map_or(tail.len(), |i| tail.len() - i - 1)
}

/// Whether the UAX #29 boundary between `prev` and `next` (both trimmed
/// candidate sentences) is wrong for news text.
fn should_join(prev: &str, next: &str, newline: bool, soft_wrap: bool) -> bool {
    if !prev.chars().any(char::is_alphanumeric) || !next.chars().any(char::is_alphanumeric) {
        return true;
    }
    let next_first = next
        .trim_start_matches(OPENERS)
        .chars()
        .next()
        .unwrap_or(' ');
    if next_first.is_lowercase() {
        return true;
    }
    let core = prev.trim_end_matches(CLOSERS);
    if newline && !ends_with_terminal(core) {
        // A line break inside a paragraph: a soft wrap of a long line, or a
        // line of its own (a list item, a sub-heading).
        return soft_wrap && last_line_len(prev, 40) >= 40;
    }
    if !core.ends_with('.') || core.ends_with("..") || core.len() < prev.len() {
        return false;
    }
    let word = word_before_period(core);
    if TITLES.contains(&word) || INNER_ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
        return true;
    }
    if NUMERIC_ABBREVIATIONS.contains(&word) {
        return next_first.is_ascii_digit();
    }
    if is_initial(word) || is_dotted_acronym(word) {
        return !STARTERS.contains(&first_word(next));
    }
    if matches!(word, "a.m" | "p.m" | "A.M" | "P.M") {
        // `at 10 p.m. Wednesday`, `5 p.m. EST Nov. 9`: the clock time goes on.
        return is_clock_continuation(first_word(next));
    }
    false
}

/// A capitalised word that goes on a clock time: a weekday, a month or a time zone.
fn is_clock_continuation(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "EST",
        "EDT",
        "CST",
        "CDT",
        "MST",
        "MDT",
        "PST",
        "PDT",
        "GMT",
        "UTC",
        "BST",
        "CET",
        "CEST",
    ];
    WORDS.contains(&word)
}

/// Appends the sentence spans of paragraph `para` to `out`; none is longer
/// than [`MAX_SENTENCE_BYTES`].
pub(crate) fn sentences(text: &str, para: Span, soft_wrap: bool, out: &mut Vec<Span>) {
    let p = para.slice(text);
    let mut current: Option<Span> = None;
    let mut prev_newline = false;
    let mut breaks = Vec::new();
    crate::article::uax29::sentence_breaks(p, &mut breaks);
    let mut from = 0;
    for end in breaks {
        let (off, piece) = (from, &p[from..end]);
        from = end;
        let trimmed_end = piece.trim_end();
        let trimmed = trimmed_end.trim_start();
        if trimmed.is_empty() {
            prev_newline |= has_line_break(piece);
            continue;
        }
        let start = para.start + off + (trimmed_end.len() - trimmed.len());
        let span = Span::new(start, para.start + off + trimmed_end.len());
        current = Some(match current {
            None => span,
            Some(c)
                if span.end - c.start <= MAX_SENTENCE_BYTES
                    && should_join(c.slice(text), span.slice(text), prev_newline, soft_wrap) =>
            {
                Span::new(c.start, span.end)
            }
            Some(c) => {
                push_capped(text, c, out);
                span
            }
        });
        prev_newline = has_line_break(&piece[trimmed_end.len()..]);
    }
    if let Some(c) = current {
        push_capped(text, c, out);
    }
}

/// Pushes `s`, cut into pieces of at most [`MAX_SENTENCE_BYTES`] when it is
/// longer, each trimmed of white space.
fn push_capped(text: &str, mut s: Span, out: &mut Vec<Span>) {
    while s.len() > MAX_SENTENCE_BYTES {
        let cut = cut_point(text, s.start, s.start + MAX_SENTENCE_BYTES);
        let head = &text[s.start..cut];
        let head_end = s.start + head.trim_end().len();
        if head_end > s.start {
            out.push(Span::new(s.start, head_end));
        }
        let rest = &text[cut..s.end];
        s = Span::new(s.end - rest.trim_start().len(), s.end);
    }
    if !s.is_empty() {
        out.push(s);
    }
}

/// Where to cut a sentence that runs past `limit` (an absolute offset
/// after `start`): after the last `,` or `;` in the second half of the
/// window, else at its last white space, else at the last character
/// boundary before `limit`.
fn cut_point(text: &str, start: usize, limit: usize) -> usize {
    let mut limit = limit.min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text[start..limit];
    let half = window.len() / 2;
    if let Some(i) = window.rfind([',', ';']).filter(|&i| i >= half) {
        return start + i + 1;
    }
    match window.rfind(char::is_whitespace).filter(|&i| i > 0) {
        Some(i) => start + i,
        None => limit,
    }
}

fn is_symbol_char(c: char) -> bool {
    matches!(
        c,
        '$' | '£'
            | '€'
            | '¥'
            | '₹'
            | '₽'
            | '₪'
            | '%'
            | '‰'
            | '&'
            | '+'
            | '='
            | '<'
            | '>'
            | '~'
            | '^'
            | '|'
            | '°'
            | '©'
            | '®'
            | '™'
            | '#'
            | '@'
            | '*'
            | '\\'
            | '§'
            | '¶'
            | '×'
            | '÷'
            | '±'
    )
}

fn is_punct_char(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c, '\u{2010}'..='\u{2027}' | '\u{2031}'..='\u{205E}' | '«' | '»' | '¡' | '¿' | '·' | '\u{3000}'..='\u{303F}')
}

pub(crate) fn token_kind(t: &str) -> TokenKind {
    if t.chars().any(char::is_alphabetic) {
        return TokenKind::Word;
    }
    if t.chars().any(char::is_numeric) {
        return TokenKind::Number;
    }
    let c = t.chars().next().unwrap_or(' ');
    if !is_symbol_char(c) && is_punct_char(c) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

const CLITICS: &[&str] = &[
    "'s", "’s", "'S", "’S", "n't", "n’t", "N'T", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d",
    "’d", "'m", "’m",
];

fn is_hyphen(s: &str) -> bool {
    s == "-" || s == "\u{2010}" || s == "\u{2011}"
}

fn abbreviation_takes_period(word: &str, is_last: bool) -> bool {
    if TITLES.contains(&word) || is_initial(word) || is_dotted_acronym(word) {
        return true;
    }
    !is_last
        && (NUMERIC_ABBREVIATIONS.contains(&word)
            || INNER_ABBREVIATIONS.contains(&word.to_lowercase().as_str())
            || matches!(
                word,
                "Inc" | "Corp" | "Co" | "Ltd" | "Jr" | "Bros" | "Gov" | "etc" | "al"
            ))
}

/// Appends the tokens of sentence `sent` to `out`.
///
/// `scratch` is a buffer reused across calls.
pub(crate) fn tokens(
    text: &str,
    sent: Span,
    out: &mut Vec<Token>,
    scratch: &mut Vec<(usize, usize)>,
) {
    let s = sent.slice(text);
    scratch.clear();
    crate::article::uax29::words(s, scratch);
    let raw: Vec<(usize, &str)> = scratch.iter().map(|&(a, b)| (a, &s[a..b])).collect();
    let abs = |off: usize| sent.start + off;
    let mut i = 0;
    let first_out = out.len();
    while i < raw.len() {
        let (off, w) = raw[i];
        let (start, mut end) = (abs(off), abs(off) + w.len());
        // Hyphenated compounds: Iran-backed, al-Sudani, Israel-Gaza.
        while i + 2 < raw.len()
            && is_hyphen(raw[i + 1].1)
            && abs(raw[i + 1].0) == end
            && abs(raw[i + 2].0) == end + raw[i + 1].1.len()
            && text[start..end].ends_with(char::is_alphanumeric)
            && raw[i + 2].1.starts_with(char::is_alphanumeric)
        {
            end = abs(raw[i + 2].0) + raw[i + 2].1.len();
            i += 2;
        }
        // A period that belongs to an abbreviation, initial or acronym: Mr., U.S., J.
        if i + 1 < raw.len() && raw[i + 1].1 == "." && abs(raw[i + 1].0) == end {
            let word = &text[start..end];
            if word.starts_with(char::is_alphabetic)
                && abbreviation_takes_period(word, i + 2 == raw.len())
            {
                end += 1;
                i += 1;
            }
        }
        // Ellipsis written as periods.
        if &text[start..end] == "." {
            while i + 1 < raw.len() && raw[i + 1].1 == "." && abs(raw[i + 1].0) == end {
                end += 1;
                i += 1;
            }
        }
        i += 1;
        let word = &text[start..end];
        // Clitics: Israel's -> Israel 's; don't -> do n't.
        if let Some(c) = CLITICS
            .iter()
            .find(|c| word.len() > c.len() && word.ends_with(**c))
        {
            let split = end - c.len();
            if text[start..split].ends_with(char::is_alphabetic) {
                out.push(Token {
                    start,
                    end: split,
                    kind: token_kind(&text[start..split]),
                    syntax: None,
                });
                out.push(Token {
                    start: split,
                    end,
                    kind: TokenKind::Word,
                    syntax: None,
                });
                continue;
            }
        }
        out.push(Token {
            start,
            end,
            kind: token_kind(word),
            syntax: None,
        });
    }
    debug_assert!(out[first_out..].windows(2).all(|w| w[0].end <= w[1].start));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let (paras, soft) = paragraphs(text, Span::new(0, text.len()));
        let mut out = Vec::new();
        for p in paras {
            sentences(text, p, soft, &mut out);
        }
        out.iter().map(|s| s.slice(text)).collect()
    }

    fn toks(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokens(text, Span::new(0, text.len()), &mut out, &mut Vec::new());
        out.iter().map(|t| t.span().slice(text)).collect()
    }

    #[test]
    fn honorifics_and_titles_do_not_end_sentences() {
        assert_eq!(
            split(
                "Mr. Hussein met Dr. Fidan and Sen. Graham in Ankara. Gov. Al Eidani stayed home."
            ),
            [
                "Mr. Hussein met Dr. Fidan and Sen. Graham in Ankara.",
                "Gov. Al Eidani stayed home."
            ]
        );
    }

    #[test]
    fn initials_and_us() {
        assert_eq!(
            split("John F. Kennedy visited the U.S. Capitol. The U.S. State Department said so."),
            [
                "John F. Kennedy visited the U.S. Capitol.",
                "The U.S. State Department said so."
            ]
        );
        assert_eq!(
            split("Troops were sent to the U.S. The move was criticised."),
            ["Troops were sent to the U.S.", "The move was criticised."]
        );
    }

    #[test]
    fn numbers_do_not_end_sentences() {
        assert_eq!(
            split("More than 9,500 people died, No. 10 said. Rainfall was 3.5 times the average on Nov. 6 in Basra."),
            [
                "More than 9,500 people died, No. 10 said.",
                "Rainfall was 3.5 times the average on Nov. 6 in Basra."
            ]
        );
    }

    #[test]
    fn clock_times_go_on_into_their_day() {
        assert_eq!(
            split("He was seized at 10 p.m. Wednesday, police said. Talks ended at 5 p.m. EST Nov. 9. They left at 6 p.m. The talks resumed."),
            [
                "He was seized at 10 p.m. Wednesday, police said.",
                "Talks ended at 5 p.m. EST Nov. 9.",
                "They left at 6 p.m.",
                "The talks resumed."
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_attribution() {
        let t = "“We will take every necessary step to protect our people,” Mr Blinken told reporters. He left.";
        assert_eq!(
            split(t),
            [
                "“We will take every necessary step to protect our people,” Mr Blinken told reporters.",
                "He left."
            ]
        );
        assert_eq!(
            split("\"Stop the war!\" he said. \"Now?\" asked a reporter."),
            ["\"Stop the war!\" he said.", "\"Now?\" asked a reporter."]
        );
        assert_eq!(
            split("He said: “Iraq’s sovereignty is not negotiable.” The talks ended."),
            [
                "He said: “Iraq’s sovereignty is not negotiable.”",
                "The talks ended."
            ]
        );
    }

    #[test]
    fn ellipses_and_unpunctuated_paragraphs() {
        assert_eq!(
            split("The region is at a crossroads... and we must act. Talks resume today\n\nA second paragraph"),
            ["The region is at a crossroads... and we must act.", "Talks resume today", "A second paragraph"]
        );
    }

    #[test]
    fn soft_wrapped_lines_join_but_lists_do_not() {
        let t = "Iraqi Prime Minister Mohammed Shia al-Sudani met\nthe US Secretary of State in Baghdad on Sunday evening\nafter talks in Amman.\n\nKey points:\nAid\nTalks";
        assert_eq!(
            split(t),
            [
                "Iraqi Prime Minister Mohammed Shia al-Sudani met\nthe US Secretary of State in Baghdad on Sunday evening\nafter talks in Amman.",
                "Key points:",
                "Aid",
                "Talks"
            ]
        );
    }

    #[test]
    fn paragraphs_by_blank_lines_or_by_lines() {
        let t = "One.\n\n  Two.\nstill two.\n \nThree";
        let (p, soft) = paragraphs(t, Span::new(0, t.len()));
        assert!(soft);
        assert_eq!(
            p.iter().map(|s| s.slice(t)).collect::<Vec<_>>(),
            ["One.", "Two.\nstill two.", "Three"]
        );
        let t = "CRICKET - LEICESTERSHIRE WIN .\nLONDON 1996-08-30\nWest Indian all-rounder Phil Simmons took four .\n";
        let (p, soft) = paragraphs(t, Span::new(0, t.len()));
        assert!(!soft);
        assert_eq!(p.len(), 3);
    }

    #[test]
    fn kicker_and_title_lines() {
        let t = "Live updates: Follow the latest news on Israel-Gaza\n\nIraqi Prime Minister Mohammed Shia Al Sudani has arrived in Tehran.";
        let (p, _) = paragraphs(t, Span::new(0, t.len()));
        let h = headlines(t, &p, None);
        assert_eq!(h.len(), 1);
        assert_eq!(
            (h[0].kind, h[0].text.as_str()),
            (
                HeadlineKind::Kicker,
                "Live updates: Follow the latest news on Israel-Gaza"
            )
        );
        let t = "Turkey and Iraq agree to step up security cooperation\n\nANKARA - Officials met.";
        let (p, _) = paragraphs(t, Span::new(0, t.len()));
        assert_eq!(headlines(t, &p, None)[0].kind, HeadlineKind::Title);
        let t = "United States Secretary of State Antony Blinken made an unexpected visit to Iraq. The visit comes.\n\nMore.";
        let (p, _) = paragraphs(t, Span::new(0, t.len()));
        assert!(headlines(t, &p, None).is_empty());
        let t = "Just one line without a period";
        let (p, _) = paragraphs(t, Span::new(0, t.len()));
        assert!(headlines(t, &p, None).is_empty());
    }

    #[test]
    fn tokens_for_news() {
        assert_eq!(
            toks("Mr. Al Sudani’s Iran-backed allies killed 9,500 in the U.S. on Nov. 6, said Dr. J. Smith."),
            [
                "Mr.", "Al", "Sudani", "’s", "Iran-backed", "allies", "killed", "9,500", "in", "the", "U.S.", "on", "Nov.",
                "6", ",", "said", "Dr.", "J.", "Smith", "."
            ]
        );
        assert_eq!(
            toks("It cost $1.13bn (£600m)... don't"),
            ["It", "cost", "$", "1.13bn", "(", "£", "600m", ")", "...", "do", "n't"]
        );
    }

    #[test]
    fn token_kinds() {
        let t = "Dozens killed: 1,400 people, 76% — 🇮🇶";
        let mut out = Vec::new();
        tokens(t, Span::new(0, t.len()), &mut out, &mut Vec::new());
        let kinds: Vec<_> = out.iter().map(|t| t.kind).collect();
        use TokenKind::*;
        assert_eq!(
            kinds,
            [Word, Word, Punct, Number, Word, Punct, Number, Symbol, Punct, Symbol]
        );
    }
}
