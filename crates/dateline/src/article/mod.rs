//! The article layer, first in the pipeline: the input article (text,
//! publication date, title, metadata and origin), the readers that build it
//! from text, JSON and JSONL ([`input`]) and from a host language's values
//! such as Python's ([`host`]), and its segmentation into
//! headlines, paragraphs, sentences and tokens ([`segment`]).
//!
//! Reads: nothing but the input. Adds: the [`crate::ArticleLayer`] every
//! later layer reads (the sentence and headline spans, the tokens).

mod header;
pub mod host;
pub mod input;
mod layer;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod segment;
mod uax29;

pub use layer::ArticleLayer;

pub(crate) use header::{month_number, parse_header, parse_iso};
use header::{published_from_captures, PUBLICATION_DATE};

use std::collections::BTreeMap;
use std::fmt;

use chrono::{FixedOffset, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::origin::Origin;
use crate::span::Span;

/// The publication date of an article, with its time and UTC offset when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Published {
    /// The calendar date of publication.
    pub date: NaiveDate,
    /// The time of publication, when given.
    pub time: Option<NaiveTime>,
    /// The UTC offset of `time`, when given.
    pub offset: Option<FixedOffset>,
}

impl Published {
    /// A publication date without a time.
    pub fn date(date: NaiveDate) -> Self {
        Published {
            date,
            time: None,
            offset: None,
        }
    }

    /// The date and time as ISO 8601 (`2023-11-06T14:05:00Z`,
    /// `2023-11-06T14:05:00+03:00`, or without a zone when none was given);
    /// `None` when only the date is known.
    pub fn datetime_iso(&self) -> Option<String> {
        let t = self.time?;
        let mut s = format!(
            "{}T{:02}:{:02}:{:02}",
            self.date.format("%Y-%m-%d"),
            t.hour(),
            t.minute(),
            t.second()
        );
        if let Some(off) = self.offset {
            let secs = off.local_minus_utc();
            if secs == 0 {
                s.push('Z');
            } else {
                let sign = if secs < 0 { '-' } else { '+' };
                let a = secs.unsigned_abs();
                s.push_str(&format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60));
            }
        }
        Some(s)
    }

    /// Parses a date as found in a record's `date` field: ISO 8601
    /// (`2023-11-06`, `2023-11-06T14:05:00Z`, `2023-11-06 14:05`) or a
    /// written date (`6 November 2023`, `November 6, 2023`).
    pub fn parse(value: &str) -> Result<Published> {
        let v = value.trim();
        let bad = |reason: String| Error::BadDate {
            value: value.to_string(),
            byte: None,
            reason,
        };
        if v.len() >= 5
            && v.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && v.as_bytes()[4] == b'-'
        {
            return parse_iso(v).map_err(bad);
        }
        if let Some(c) = PUBLICATION_DATE.captures(v) {
            if c.get(0).map(|m| m.end()) == Some(v.len()) {
                return published_from_captures(&c).map_err(bad);
            }
        }
        Err(bad(
            "expected YYYY-MM-DD, an ISO 8601 date-time, or a date such as 6 November 2023".into(),
        ))
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.datetime_iso() {
            Some(s) => f.write_str(&s),
            None => write!(f, "{}", self.date.format("%Y-%m-%d")),
        }
    }
}

/// Where an article's publication date was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateSource {
    /// The `date` field of a JSON record, or a date given by the caller.
    Record,
    /// A dateline header opening the text: ` date 2023-11-09 `.
    Header,
    /// A publication line opening the text: `Published: 6 November 2023`.
    PublicationLine,
}

impl DateSource {
    /// The name used in the JSON output: `record`, `header` or `publication_line`.
    pub fn as_str(&self) -> &'static str {
        match self {
            DateSource::Record => "record",
            DateSource::Header => "header",
            DateSource::PublicationLine => "publication_line",
        }
    }
}

/// A news article as handed to the extractor.
///
/// Build it from text with [`Article::from_text`] (which reads a dateline
/// header or publication line opening the text), from a JSON record with
/// [`crate::article::input::article_from_json`], or field by field.
///
/// ```
/// use dateline::Article;
/// let a = Article::from_text(" date 2023-11-06 Mr Al Sudani met Antony Blinken.").unwrap();
/// assert_eq!(a.published.unwrap().date.to_string(), "2023-11-06");
/// assert_eq!(a.header.unwrap().slice(&a.text), "date 2023-11-06");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The article's id: the record's `id`, the file name, or one given by the caller.
    pub id: Option<String>,
    /// The title given with the article (a record's `title` field).
    pub title: Option<String>,
    /// The full text, including any dateline header; every offset points into it.
    pub text: String,
    /// The publication date, from the record or from the text.
    pub published: Option<Published>,
    /// Where `published` was read from.
    pub date_source: Option<DateSource>,
    /// The span of a dateline header or publication line opening the text.
    pub header: Option<Span>,
    /// Other scalar fields of the record (`url`, `source`, `section`, ...).
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// Where the article was read from.
    pub origin: Origin,
}

impl Article {
    /// An article from text that may open with a dateline header
    /// (` date 2023-11-09 `, also with a time and zone) or a publication line
    /// (`Published: 6 November 2023`, `November 6, 2023`).
    ///
    /// Errors: [`Error::Empty`] when there is no text besides the header,
    /// [`Error::BadDate`] when the header holds a date that does not exist,
    /// with the byte offset of the date in `text`.
    pub fn from_text(text: impl Into<String>) -> Result<Article> {
        let text = text.into();
        let header = parse_header(&text)?;
        let mut article = Article {
            id: None,
            title: None,
            text,
            published: None,
            date_source: None,
            header: None,
            metadata: BTreeMap::new(),
            origin: Origin::default(),
        };
        if let Some(h) = header {
            article.published = Some(h.published);
            article.date_source = Some(h.source);
            article.header = Some(h.span);
        }
        if article.body_start() >= article.text.len() {
            return Err(Error::Empty);
        }
        Ok(article)
    }

    /// Sets the id.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets the title.
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the publication date given with the record; it takes precedence
    /// over a date read from the text.
    pub fn with_published(mut self, published: Published) -> Self {
        self.published = Some(published);
        self.date_source = Some(DateSource::Record);
        self
    }

    /// Sets the origin.
    pub fn with_origin(mut self, origin: Origin) -> Self {
        self.origin = origin;
        self
    }

    /// Byte offset where the body starts: after the header and any whitespace.
    pub fn body_start(&self) -> usize {
        // A header set by hand may not fit the text: never slice past it.
        let mut from = self.header.map_or(0, |h| h.end).min(self.text.len());
        while !self.text.is_char_boundary(from) {
            from -= 1;
        }
        let rest = &self.text[from..];
        from + (rest.len() - rest.trim_start().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(text: &str) -> Option<(String, String, DateSource)> {
        parse_header(text).unwrap().map(|h| {
            (
                h.span.slice(text).to_string(),
                h.published.to_string(),
                h.source,
            )
        })
    }

    #[test]
    fn dateline_header_on_same_line_as_text() {
        let t = " date 2023-11-09 United States Secretary of State Antony Blinken made a visit.";
        assert_eq!(
            header(t),
            Some((
                "date 2023-11-09".into(),
                "2023-11-09".into(),
                DateSource::Header
            ))
        );
    }

    #[test]
    fn dateline_header_with_time_and_zone() {
        let t = "date 2023-11-06T14:05:00Z\nText.";
        assert_eq!(header(t).unwrap().1, "2023-11-06T14:05:00Z");
        let t = " date 2023-11-06 14:05 +03:00 Text.";
        assert_eq!(header(t).unwrap().1, "2023-11-06T14:05:00+03:00");
        let t = " date 2023-11-06T14:05:00.250-05:00 Text.";
        assert_eq!(header(t).unwrap().1, "2023-11-06T14:05:00-05:00");
    }

    #[test]
    fn malformed_header_date_names_the_byte() {
        let err = parse_header(" date 2023-13-45 Text.").unwrap_err();
        assert_eq!(
            err,
            Error::BadDate {
                value: "2023-13-45".into(),
                byte: Some(6),
                reason: "month 13 does not exist".into()
            }
        );
        let err = parse_header("date 2023-02-30 Text.").unwrap_err();
        assert!(
            err.to_string()
                .contains("day 30 does not exist in February 2023"),
            "{err}"
        );
        let err = parse_header("date 2023-11-06T25:00 Text.").unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    #[test]
    fn header_dates_with_trailing_characters_are_refused() {
        for (text, value, byte) in [
            (
                " date 2023-11-066 Mr Smith left the ministry.",
                "2023-11-066",
                6,
            ),
            (
                "Published: 6 November 99999\nMr Smith left the ministry.",
                "6 November 99999",
                11,
            ),
            (
                "Published: 06 November 2023999 Mr Smith left.",
                "06 November 2023999",
                11,
            ),
            (
                " date 06 November 2023999 Mr Smith left.",
                "06 November 2023999",
                6,
            ),
            (
                "Updated: 2023-11-06T14:05:00Zulu Mr Smith left.",
                "2023-11-06T14:05:00Zulu",
                9,
            ),
        ] {
            let err = parse_header(text).expect_err(text);
            match &err {
                Error::BadDate {
                    value: v, byte: b, ..
                } => assert_eq!((v.as_str(), *b), (value, Some(byte)), "{text}: {err}"),
                other => panic!("{text}: {other}"),
            }
            assert_eq!(Article::from_text(text).unwrap_err().kind(), "bad_date");
        }
        // As ` date 2023-11-0` always was.
        assert_eq!(
            parse_header(" date 2023-11-0 Mr Smith left.")
                .unwrap_err()
                .kind(),
            "bad_date"
        );
        // A date on a line of its own that runs into digits is no header at all.
        assert_eq!(header("06 November 2023999\nMr Smith left."), None);
    }

    #[test]
    fn a_labelled_iso_date_goes_on_with_its_time() {
        let t = "Published: 2023-11-06T14:05:00Z\nMr Smith left.";
        let (span, value, _) = header(t).unwrap();
        assert_eq!(span, "Published: 2023-11-06T14:05:00Z");
        assert_eq!(value, "2023-11-06T14:05:00Z");
        let t = "Published: 6 November 2023. Mr Smith left.";
        assert_eq!(header(t).unwrap().1, "2023-11-06");
    }

    #[test]
    fn years_outside_1_to_9999_are_refused() {
        let err = parse_header(" date 0000-01-01 Mr Smith left.").unwrap_err();
        assert_eq!(
            err,
            Error::BadDate {
                value: "0000-01-01".into(),
                byte: Some(6),
                reason: "year 0 is outside 1-9999".into()
            }
        );
        let err = Published::parse("0000-01-01").unwrap_err();
        assert!(
            err.to_string().contains("year 0 is outside 1-9999"),
            "{err}"
        );
        assert!(Published::parse("6 November 0000").is_err());
        assert_eq!(
            Published::parse("9999-12-31").unwrap().to_string(),
            "9999-12-31"
        );
        assert_eq!(
            Published::parse("0001-01-01").unwrap().to_string(),
            "0001-01-01"
        );
    }

    #[test]
    fn publication_lines() {
        let t = "Published: 6 November 2023\n\nIraqi Prime Minister arrived.";
        assert_eq!(
            header(t),
            Some((
                "Published: 6 November 2023".into(),
                "2023-11-06".into(),
                DateSource::PublicationLine
            ))
        );
        let t = "November 6, 2023\nIraqi Prime Minister arrived.";
        assert_eq!(header(t).unwrap().1, "2023-11-06");
        let t = "Updated on Monday, Nov. 6, 2023 at 2:05 pm GMT The minister said.";
        assert_eq!(header(t).unwrap().1, "2023-11-06T14:05:00Z");
        let t = "First published 6th Nov 2023 10:30 BST\nText";
        assert_eq!(header(t).unwrap().1, "2023-11-06T10:30:00+01:00");
    }

    #[test]
    fn a_date_opening_a_sentence_is_not_a_header() {
        assert_eq!(header("November 6, 2023 was a busy day in Baghdad."), None);
        assert_eq!(header("The date 2023-11-09 is mentioned."), None);
        assert_eq!(header("Date night in Baghdad."), None);
        assert_eq!(header("Date 12 people died."), None);
        assert_eq!(header("date 2023-11-09, Baghdad").unwrap().1, "2023-11-09");
        assert_eq!(
            header("Date: 9 November 2023\nText").unwrap().2,
            DateSource::PublicationLine
        );
    }

    #[test]
    fn record_dates() {
        assert_eq!(
            Published::parse("2023-11-06").unwrap().to_string(),
            "2023-11-06"
        );
        assert_eq!(
            Published::parse("2023-11-06 14:05:00").unwrap().to_string(),
            "2023-11-06T14:05:00"
        );
        assert_eq!(
            Published::parse("6 November 2023").unwrap().to_string(),
            "2023-11-06"
        );
        let e = Published::parse("yesterday").unwrap_err();
        assert_eq!(e.kind(), "bad_date");
        assert!(Published::parse("2023-11-31").is_err());
    }
}
