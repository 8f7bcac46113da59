//! The quote layer: every attributed statement, direct (in quotation marks),
//! reported (`said that ...`), mixed (`urged him to "hold accountable ..."`)
//! or sourced (`according to ...`), with its cue, its source as written and
//! the speaker it resolves to.
//!
//! The layer reads the text a paragraph at a time. Quotation marks of every
//! style are paired within a paragraph (straight, curly, single, guillemets);
//! a mark left open runs to the paragraph's end and no further, so a stray
//! mark never swallows the article, and a paragraph that reopens the mark
//! continues the quote of the paragraph before. Cues come from the lexicon
//! `data/cues.tsv` (verbs of saying, reporting, believing; `according to`);
//! each cue outside quotation marks is read as one of a few frames:
//!
//! - source first: `Mr Blinken told reporters [that] CONTENT`;
//! - content first: `"CONTENT," Mr Blinken said` or `CONTENT, said Mr Blinken`,
//!   with a second part after the cue (`"...," he said, "..."`);
//! - `according to SOURCE, CONTENT` and `CONTENT, according to SOURCE`;
//! - `SOURCE: "CONTENT"` in a headline or a sentence;
//! - a paragraph that is only a quotation continues the last speaker.
//!
//! The source is the noun phrase as written (`Mr Blinken`, `he`, `it`, `his
//! adviser Husham Al Rikabi`); the speaker is the entity it names: a name in
//! the source, else the nearest fitting name before it (`he` and titles to a
//! person, `it` and `the group` to an organisation), given its fullest form in
//! the article.
//!
//! ```
//! use dateline::{Config, Extractor, QuoteKind};
//!
//! let ex = Extractor::new(Config::default())?;
//! let out = ex.extract_text(
//!     "Antony Blinken met Iraqi leaders in Baghdad. \
//!      “We will take every necessary step,” Mr Blinken told reporters.",
//! )?;
//! let q = &out.quotes.as_deref().unwrap()[0];
//! assert_eq!(q.text, "“We will take every necessary step,”");
//! assert_eq!(q.kind, QuoteKind::Direct);
//! assert_eq!(q.source.as_deref(), Some("Mr Blinken"));
//! assert_eq!(q.speaker.as_deref(), Some("Antony Blinken"));
//! assert_eq!(q.cue.as_deref(), Some("told"));
//! # Ok::<(), dateline::Error>(())
//! ```

mod according;
mod colon_dash;
mod content_after;
mod content_first;
mod continued;
mod cues;
mod found;
mod frames;
mod para;
mod passive;
mod source;
mod source_first;
mod tokens;
mod words;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::article::segment::MAX_SENTENCE_BYTES;
use crate::entities::{EntityKind, Mention};
use crate::span::Span;

/// How a statement is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Entirely in quotation marks: `“We will protect our people,” he said`.
    Direct,
    /// Reported in the writer's words: `he said that the talks had failed`.
    Indirect,
    /// Reported, with quoted words inside: `urged him to “hold accountable ...”`.
    Mixed,
    /// Sourced with `according to`.
    According,
}

impl QuoteKind {
    /// The kind's name in the output: `direct`, `indirect`, `mixed`, `according`.
    pub fn as_str(&self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
            QuoteKind::According => "according",
        }
    }
}

/// One attributed statement (or one part of it: a quotation split by its
/// attribution gives two quotes sharing `attribution`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// First byte of the content.
    pub start: usize,
    /// One past the last byte of the content.
    pub end: usize,
    /// The content, quotation marks included when they are part of it.
    pub text: String,
    /// How it is given.
    pub kind: QuoteKind,
    /// The cue as written (`said`, `told`, `according to`, `:`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// First byte of the cue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_start: Option<usize>,
    /// One past the last byte of the cue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_end: Option<usize>,
    /// The source as written (`Mr Blinken`, `he`, `the State Department`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// First byte of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_start: Option<usize>,
    /// One past the last byte of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_end: Option<usize>,
    /// The speaker the source resolves to, in its fullest form in the
    /// article (`Antony Blinken` for `Mr Blinken` or `he`), when a name
    /// fits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The speaker's kind (`PER`, `ORG`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_kind: Option<EntityKind>,
    /// Index in the extraction's `mentions` of the mention the speaker was
    /// resolved to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_mention: Option<usize>,
    /// Quotes with the same number are parts of one attribution.
    pub attribution: usize,
    /// How sure the layer is of the attribution, 0 to 1: the share of quotes
    /// of this kind and kind of source (name, pronoun, description, none)
    /// that overlap an annotated attribution on the PolNeAR training articles.
    pub confidence: f32,
}

impl Quote {
    /// The content's byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// The source's byte span, when there is a source.
    pub fn source_span(&self) -> Option<Span> {
        Some(Span::new(self.source_start?, self.source_end?))
    }

    /// The cue's byte span, when there is a cue.
    pub fn cue_span(&self) -> Option<Span> {
        Some(Span::new(self.cue_start?, self.cue_end?))
    }
}

use continued::continue_quotes;
pub(crate) use cues::cues;
use found::{Found, Frame};
use frames::paragraph_quotes;
use para::{trim_content, Para};
use tokens::Tk;
use words::{ORG_NOUNS, PERSON_NOUNS, PERSON_PRONOUNS, PRONOUNS};

// ------------------------------------------------------------------ article

const QUOTE_MARKS: &[char] = &['“', '”', '"', '«', '»', '„', '\'', '‘', '’'];

/// The longest quotation, in bytes. An unclosed quotation mark opens a
/// quotation that runs to its paragraph's end, and a paragraph may be a
/// whole article: a longer quotation is cut at the last sentence end within
/// this length. The longest quotation among 36,000 in BBC and TempEval-3
/// wire copy is 1,218 bytes.
pub const MAX_QUOTE_BYTES: usize = 8192;

/// How many quotations may hold one point of the text: a quotation that
/// opens inside this many others is dropped. Reports nest (`Pernod said it
/// was seeking ...`), but text where every clause reports the next (`the
/// minister said that ... and the minister said that ...`) would otherwise
/// give quotations that each hold the rest of the sentence, so output
/// quadratic in the input. Real copy nests at most four deep.
pub const MAX_QUOTE_NESTING: usize = 4;

/// Finds the quotes of an article. `paragraphs` are the byte spans of the
/// paragraphs with the spans of their sentences (headlines are one-sentence
/// paragraphs); `mentions` are the entity layer's, in text order.
pub(crate) fn extract(
    text: &str,
    paragraphs: &[(Span, Vec<Span>)],
    mentions: &[Mention],
) -> Vec<Quote> {
    let mut found: Vec<Found> = Vec::new();
    let mut group = 0usize;
    // The last paragraph's open-ended quotation and its attribution, for
    // quotes that run over paragraphs.
    let mut carry: Option<(Option<Span>, usize)> = None;
    for (_, sentences) in paragraphs {
        if sentences.is_empty() {
            continue;
        }
        let p = Para::new(text, sentences);
        if p.toks.is_empty() {
            continue;
        }
        // `He told his audience:` closing the paragraph before introduces
        // this one.
        let mut introduced = None;
        if let Some(f) = found.last_mut().filter(|f| f.content.is_empty()) {
            let end = p
                .quotes
                .first()
                .filter(|q| q.0 == 0)
                .map_or(p.toks.len(), |q| q.1.map_or(p.toks.len(), |c| c + 1));
            match trim_content(&p, 0, end) {
                Some((a, b)) => {
                    f.content = p.span(a, b);
                    introduced = Some((f.source, f.group));
                }
                None => {
                    found.pop();
                }
            }
        }
        let before = found.len();
        paragraph_quotes(&p, &mut group, &mut found, before.saturating_sub(1));
        continue_quotes(&p, before, carry, &mut found);
        // What the next paragraph may continue: the last speaker quoted here.
        carry = found[before..]
            .iter()
            .rev()
            .find(|f| f.source.is_some())
            .filter(|f| f.frame == Frame::Continued || f.content.slice(text).contains(QUOTE_MARKS))
            .map(|f| (f.source, f.group))
            .or(introduced.filter(|_| p.toks[0].kind == Tk::Open));
    }
    found.retain(|f| !f.content.is_empty());
    let sentence_ends: Vec<usize> = paragraphs
        .iter()
        .flat_map(|(_, ss)| ss.iter().map(|s| s.end))
        .collect();
    for f in &mut found {
        f.content = capped(text, f.content, &sentence_ends);
    }
    // `"...," he told reporters, according to AFP`: the statement is
    // attributed already; `according to` names where the report came from.
    let mut cues: Vec<Span> = found
        .iter()
        .filter(|f| f.frame != Frame::According)
        .filter_map(|f| f.cue)
        .collect();
    cues.sort_unstable_by_key(|c| (c.start, c.end));
    found.retain(|f| {
        f.frame != Frame::According || {
            let from = cues.partition_point(|c| c.start < f.content.start);
            !cues[from..]
                .iter()
                .take_while(|c| c.start < f.content.end)
                .any(|c| c.end <= f.content.end)
        }
    });
    found.sort_by_key(|f| (f.content.start, f.content.end));
    found.dedup_by(|b, a| a.content == b.content);
    // At most `MAX_QUOTE_NESTING` quotations hold any point of the text.
    let mut open_ends: Vec<usize> = Vec::with_capacity(MAX_QUOTE_NESTING);
    found.retain(|f| {
        open_ends.retain(|&e| e > f.content.start);
        if open_ends.len() >= MAX_QUOTE_NESTING {
            return false;
        }
        open_ends.push(f.content.end);
        true
    });
    let speakers = Speakers::new(text, mentions);
    let mut out: Vec<Quote> = Vec::with_capacity(found.len());
    let mut last_speaker: Option<usize> = None;
    for f in found {
        let content = f.content.slice(text);
        let kind = match f.frame {
            Frame::According => QuoteKind::According,
            _ => quote_kind(content),
        };
        let resolved = f.source.and_then(|s| speakers.resolve(s, last_speaker));
        if let Some(m) = resolved {
            last_speaker = Some(m);
        }
        let source_class = f.source.map(|s| speakers.source_class(s));
        out.push(Quote {
            start: f.content.start,
            end: f.content.end,
            text: content.to_string(),
            kind,
            cue: f.cue.map(|c| c.slice(text).to_string()),
            cue_start: f.cue.map(|c| c.start),
            cue_end: f.cue.map(|c| c.end),
            source: f.source.map(|s| s.slice(text).to_string()),
            source_start: f.source.map(|s| s.start),
            source_end: f.source.map(|s| s.end),
            speaker: resolved.map(|m| speakers.canonical(m).to_string()),
            speaker_kind: resolved.map(|m| mentions[m].kind),
            speaker_mention: resolved,
            attribution: f.group,
            confidence: confidence(kind, source_class),
        });
    }
    // Attributions numbered in text order.
    let mut renumber: HashMap<usize, usize> = HashMap::new();
    for q in &mut out {
        let n = renumber.len();
        q.attribution = *renumber.entry(q.attribution).or_insert(n);
    }
    out
}

/// `content` cut to at most [`MAX_QUOTE_BYTES`]: at the last sentence end
/// (`sentence_ends`, sorted) within that length, else at the last space.
fn capped(text: &str, content: Span, sentence_ends: &[usize]) -> Span {
    if content.len() <= MAX_QUOTE_BYTES {
        return content;
    }
    let mut limit = content.start + MAX_QUOTE_BYTES;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let i = sentence_ends.partition_point(|&e| e <= limit);
    let end = match i.checked_sub(1).map(|i| sentence_ends[i]) {
        Some(e) if e > content.start => e,
        _ => {
            let w = &text[content.start..limit];
            content.start
                + w.rfind(char::is_whitespace)
                    .filter(|&k| k > 0)
                    .unwrap_or(w.len())
        }
    };
    let end = content.start + text[content.start..end].trim_end().len();
    Span::new(content.start, if end > content.start { end } else { limit })
}

fn quote_kind(content: &str) -> QuoteKind {
    let opens = |c: char| matches!(c, '“' | '"' | '‘' | '\'' | '«' | '„');
    let closes = |c: char| matches!(c, '”' | '"' | '’' | '\'' | '»');
    let first = content.chars().next();
    let last = content.trim_end_matches(['.', ',']).chars().last();
    let marks = content
        .chars()
        .filter(|c| matches!(c, '“' | '”' | '"' | '«' | '»' | '„'))
        .count();
    if first.is_some_and(opens) && (last.is_some_and(closes) || marks == 1) {
        QuoteKind::Direct
    } else if content.contains(['“', '”', '"', '«', '»']) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SourceClass {
    Name,
    Pronoun,
    Description,
}

/// Confidence by kind and source: the share of such quotes that overlap an
/// annotated attribution on the PolNeAR training articles (measured with
/// `scripts/eval/quote_errors.py`; docs/quotes.md).
fn confidence(kind: QuoteKind, source: Option<SourceClass>) -> f32 {
    use SourceClass::*;
    match (kind, source) {
        (QuoteKind::Direct, Some(Description) | None) => 0.98,
        (QuoteKind::Direct, _) => 0.99,
        (QuoteKind::Mixed, Some(Description)) => 0.94,
        (QuoteKind::Mixed, Some(Pronoun)) => 0.99,
        (QuoteKind::Mixed, _) => 0.98,
        (QuoteKind::Indirect, Some(Name)) => 0.89,
        (QuoteKind::Indirect, Some(Pronoun)) => 0.92,
        (QuoteKind::Indirect, Some(Description)) => 0.81,
        (QuoteKind::Indirect, None) => 0.8,
        (QuoteKind::According, Some(Name)) => 0.94,
        (QuoteKind::According, _) => 0.91,
    }
}

/// Resolves sources to the mentions of the entity layer.
struct Speakers<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    /// For each mention, the index of the fullest mention of the same name.
    fullest: Vec<usize>,
}

fn last_word(s: &str) -> String {
    let w = s
        .rsplit(|c: char| c.is_whitespace() || c == '-')
        .next()
        .unwrap_or(s);
    w.trim_end_matches(['\'', '’', 's'].as_slice())
        .to_lowercase()
}

impl<'a> Speakers<'a> {
    fn new(text: &'a str, mentions: &'a [Mention]) -> Self {
        let mut fullest: Vec<usize> = (0..mentions.len()).collect();
        let mut best: HashMap<(EntityKind, String), usize> = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            if m.kind != EntityKind::Person {
                continue;
            }
            let key = (m.kind, last_word(&m.text));
            let e = best.entry(key).or_insert(i);
            if mentions[*e].text.len() < m.text.len() {
                *e = i;
            }
        }
        for (i, m) in mentions.iter().enumerate() {
            if m.kind == EntityKind::Person {
                if let Some(&b) = best.get(&(m.kind, last_word(&m.text))) {
                    fullest[i] = b;
                }
            }
        }
        Speakers {
            text,
            mentions,
            fullest,
        }
    }

    fn canonical(&self, m: usize) -> &str {
        let f = &self.mentions[self.fullest[m]];
        f.name_span().slice(self.text)
    }

    fn source_class(&self, s: Span) -> SourceClass {
        let w = s.slice(self.text).trim().to_lowercase();
        if PRONOUNS.contains(&w.as_str()) {
            SourceClass::Pronoun
        } else if self
            .around(s)
            .any(|(_, m)| m.start < s.end && s.start < m.end)
        {
            SourceClass::Name
        } else {
            SourceClass::Description
        }
    }

    /// The mention a source names or points back to.
    fn resolve(&self, s: Span, last: Option<usize>) -> Option<usize> {
        let inside: Vec<usize> = self
            .around(s)
            .filter(|(_, m)| m.start >= s.start && m.start < s.end)
            .map(|(i, _)| i)
            .collect();
        let src = s.slice(self.text).trim().to_lowercase();
        let head = src.rsplit(' ').next().unwrap_or("");
        let person_noun =
            PERSON_NOUNS.contains(&head) || head.ends_with("man") || head.ends_with("woman");
        // `the American official`: a nationality describes the person, who is
        // found before.
        let kinds: &[EntityKind] = if person_noun {
            &[EntityKind::Person, EntityKind::Organisation]
        } else {
            &[
                EntityKind::Person,
                EntityKind::Organisation,
                EntityKind::Group,
                EntityKind::Place,
            ]
        };
        for &kind in kinds {
            if let Some(&i) = inside
                .iter()
                .rev()
                .find(|&&i| self.mentions[i].kind == kind)
            {
                return Some(i);
            }
        }
        let wants = if PERSON_PRONOUNS.contains(&src.as_str()) || PERSON_NOUNS.contains(&head) {
            Some(EntityKind::Person)
        } else if src == "it" || ORG_NOUNS.iter().any(|n| src.ends_with(n)) {
            Some(EntityKind::Organisation)
        } else if src == "they" || src == "we" {
            None
        } else {
            return None;
        };
        // For a pronoun, the last speaker when it fits; else (and for a
        // description) the nearest fitting name before.
        let pronoun = PRONOUNS.contains(&src.as_str()) || PERSON_PRONOUNS.contains(&src.as_str());
        if let Some(l) = last.filter(|_| pronoun) {
            let m = &self.mentions[l];
            if wants.map_or(true, |k| k == m.kind) && m.start < s.start && s.start - m.start < 1500
            {
                return Some(l);
            }
        }
        let wants = wants?;
        // Mentions lie within a sentence, so none that starts more than
        // 1,500 bytes and a sentence before the source ends within 1,500.
        let from = self.mentions.partition_point(|m| m.start < s.start);
        self.mentions[..from]
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, m)| m.start + 1500 + MAX_SENTENCE_BYTES > s.start)
            .filter(|(_, m)| m.end <= s.start && s.start - m.end < 1500)
            .find(|(_, m)| m.kind == wants)
            .map(|(i, _)| i)
    }

    /// The mentions that may overlap `s` (with their indices): those that
    /// start in it and those that start up to a sentence before it, found
    /// by binary search (mentions are in text order).
    fn around(&self, s: Span) -> impl Iterator<Item = (usize, &'a Mention)> + 'a {
        let ms = self.mentions;
        let from = ms.partition_point(|m| m.start + MAX_SENTENCE_BYTES < s.start);
        let to = ms.partition_point(|m| m.start < s.end);
        ms[from..to.max(from)]
            .iter()
            .enumerate()
            .map(move |(i, m)| (from + i, m))
    }
}
