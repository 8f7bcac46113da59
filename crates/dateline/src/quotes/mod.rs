//! The quote layer: every attributed statement, direct (in quotation marks),
//! reported (`said that ...`), mixed (`urged him to "hold accountable ..."`)
//! or sourced (`according to ...`), with its cue, its source as written and
//! the speaker it resolves to.
//!
//! **Reads** the article layer's headlines and paragraphs with their
//! sentences (as byte spans) and the entity layer's mentions. **Adds** the
//! article's `quotes`. **Order**: article → time → entities → *quotes* →
//! resolve → figures: the speakers are the entity layer's mentions, and the
//! resolve and figure layers read the quotes.
//!
//! **Steps**, each in a file named for it (`extract` runs them):
//!
//! 1. `paragraphs`: the article a paragraph at a time. `para` holds one
//!    paragraph: its `tokens` (words and quotation marks, paired), its
//!    sentences and the `cues` outside quotation marks. `frames` reads each
//!    cue in its frame (`passive`, `content_first`, `source_first` with
//!    `content_after`), then `according` and `colon_dash`, taking sources
//!    from `source` and word lists from `words`, then `nominal`; each
//!    finds a `found`
//!    attribution. `continued` gives quotations without a cue to the
//!    speaker quoted last.
//! 2. `tidy`: long quotes cut, duplicates and over-deep nesting dropped.
//! 3. `output`: each attribution as a [`Quote`], its kind and confidence,
//!    its speaker from `speakers`.
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
//! - `SOURCE's claim that CONTENT` (`nominal`);
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
mod nominal;
mod output;
mod para;
mod paragraphs;
mod parse;
mod passive;
mod source;
mod source_first;
mod speakers;
mod tidy;
mod tokens;
mod words;

use serde::{Deserialize, Serialize};

use crate::entities::{EntityKind, Mention};
use crate::span::Span;
use crate::syntax::Syntax;

pub(crate) use cues::cues;

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
    #[serde(serialize_with = "crate::schema::serialize_score")]
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
/// paragraphs); `mentions` are the entity layer's, in text order; `syntax`
/// is the syntax layer's parse when it ran (it then gives the subject of a
/// cue verb as its source).
pub(crate) fn extract(
    text: &str,
    paragraphs: &[(Span, Vec<Span>)],
    mentions: &[Mention],
    syntax: Option<&Syntax>,
) -> Vec<Quote> {
    let mut found = paragraphs::attributions(text, paragraphs);
    if let Some(syntax) = syntax {
        let parse = parse::Parse::new(text, syntax);
        found.retain(|f| !parse::is_narration(&parse, f) && !parse::cue_is_a_noun(&parse, f));
        parse::inverted_from_parse(&parse, text, &mut found);
        parse::sources_from_parse(&parse, &mut found);
        parse::contents_end_before_the_cue_clause(&parse, text, &mut found);
        parse::missed_from_parse(&parse, text, &mut found);
    }
    tidy::tidy(text, paragraphs, &mut found);
    output::quotes(text, mentions, found)
}
