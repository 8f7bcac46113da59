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

pub mod article;
pub mod entities;
pub mod error;
pub mod eval;
pub mod extract;
pub mod figures;
pub mod input;
pub mod lexicon;
pub mod ner;
pub mod quotes;
pub mod resolve;
pub mod samples;
pub mod segment;
pub mod span;
pub mod syntax;
pub mod time;
mod uax29;

pub use article::{Article, DateSource, Origin, Published};
pub use entities::{EntityKind, Mention};
pub use error::{Error, RecordError, Result};
pub use extract::{ArticleLayer, Config, Extraction, Extractor, Layer, Profile};
pub use figures::{Bound, Figure, FigureKind};
pub use quotes::{Quote, QuoteKind};
pub use resolve::{Entity, EntityMention, FocusCountry, Location, MentionForm, Role};
pub use segment::{Headline, HeadlineKind, IndexRange, Paragraph, Sentence, Token, TokenKind};
pub use span::{OffsetMap, Span};
pub use time::{Interval, Timex, TimexKind, TimexMod};

/// The README's examples, run as doc tests.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// Version of the JSON output shape (`docs/schema.md`). The minor number
/// grows when fields are added, the major number when a field changes or goes.
pub const SCHEMA_VERSION: &str = "1.5";
