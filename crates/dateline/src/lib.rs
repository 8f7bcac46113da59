//! # dateline
//!
//! Turns English news articles into typed, trustworthy data.
//!
//! An [`Article`] is built from text (optionally opening with a dateline
//! header such as ` date 2023-11-09 ` or a publication line such as
//! `Published: 6 November 2023`) or from a JSON record (see [`input`]). An
//! [`Extractor`], configured once and shared across threads, turns each
//! article into an [`Extraction`]: the article layer (publication date,
//! title and kicker, paragraphs, sentences, tokens, all with byte offsets
//! into the text), to which later layers (entities, time, quotes, figures,
//! events) are added.
//!
//! ```
//! use dateline::{Article, Config, Extractor};
//!
//! let extractor = Extractor::new(Config::default())?;
//! let text = " date 2023-11-06 Mr Al Sudani met US Secretary of State Antony Blinken \
//!             in Baghdad on Sunday evening. “We will take every necessary step to \
//!             protect our people,” Mr Blinken told reporters.";
//! let out = extractor.extract(Article::from_text(text)?)?;
//!
//! assert_eq!(out.article.date.unwrap().to_string(), "2023-11-06");
//! assert_eq!(out.article.sentences.len(), 2);
//! let second = &out.article.sentences[1];
//! assert!(second.text.ends_with("Mr Blinken told reporters."));
//! assert_eq!(&out.text[second.start..second.end], second.text);
//! # Ok::<(), dateline::Error>(())
//! ```
//!
//! Bad input is an [`Error`], never a panic; when reading many records, each
//! failure is a [`RecordError`] naming the file, line, record and byte, and
//! the other records go on.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

// The pipeline, in the order its layers run: each layer reads only what
// the layers before it produced (docs/architecture.md).

// 1. Article: headlines, paragraphs, sentences, tokens.
pub mod article;

// 2. Syntax: part of speech, lemma, dependency parse (not yet run by the
// extractor).
pub mod syntax;

// 3. Time: dates and times normalised against the publication date.
pub mod time;

// 4. Entities: names of people, organisations, places and groups.
pub mod entities;

// 5. Quotes: statements with their source and cue.
pub mod quotes;

// 6. Resolve: mentions resolved to entities, roles, places on the map.
pub mod resolve;

// 7. Figures: numbers as claims.
pub mod figures;

// 8. Events: what happened, stated or reported.
pub mod events;

// 9. Corpus: stories, entities and events linked across articles.
pub mod corpus;

// What the layers share, owned by none of them.
mod aligned;
pub mod error;
pub mod lexicon;
pub mod origin;
pub mod schema;
pub mod span;

// Running the layers, and their output for evaluation.
pub mod eval;
pub mod pipeline;
pub mod samples;

// Views of one article for reading: HTML and the terminal.
pub mod render;
// Extractions as Arrow tables (the `tables` feature; docs/tables.md).
#[cfg(feature = "tables")]
pub mod tables;

// Reading inputs from the file system, and the command's output back.
pub mod files;

pub use article::input;
pub use article::segment::{
    Headline, HeadlineKind, IndexRange, Paragraph, Sentence, Token, TokenKind, TokenSyntax,
};
pub use article::ArticleLayer;
pub use article::{Article, DateSource, Published};
pub use entities::{EntityKind, Mention};
pub use error::{Error, RecordError, Result};
pub use figures::{Bound, Figure, FigureKind};
pub use origin::Origin;
pub use pipeline::{Config, Extraction, Extractor, Layer, Profile};
pub use quotes::{Quote, QuoteKind};
pub use resolve::{Entity, EntityMention, FocusCountry, Location, MentionForm, Precision, Role};
pub use schema::SCHEMA_VERSION;
pub use span::{OffsetMap, Span};
pub use time::{Interval, Timex, TimexKind, TimexMod};

/// The README's examples, run as doc tests.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
