//! The one error type of the crate, and error records that say where.

use std::fmt;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::origin::Origin;
use crate::schema::SCHEMA_VERSION;

/// Everything that can go wrong in dateline.
///
/// Byte offsets in variants are absolute offsets into the input the record
/// came from (the file or stream), when the input was read through
/// [`crate::article::input`]; the [`RecordError`] that carries an error adds the file,
/// line and record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not valid UTF-8.
    #[error("invalid UTF-8 at byte {byte}")]
    InvalidUtf8 {
        /// Offset of the first byte that is not valid UTF-8.
        byte: u64,
    },
    /// The input holds NUL bytes: a binary file, not text.
    #[error("binary data, not text (NUL byte at byte {byte})")]
    Binary {
        /// Offset of the first NUL byte.
        byte: u64,
    },
    /// The article has no text (empty, or only whitespace).
    #[error("empty article: no text")]
    Empty,
    /// A date that looks like a date but is not a valid one (`date 2023-13-45`),
    /// in a dateline header or a record's `date` field.
    #[error("malformed date {value:?}{}: {reason}", at_byte(*.byte))]
    BadDate {
        /// The date as written.
        value: String,
        /// Where it starts in the input, when it was read from raw text.
        byte: Option<u64>,
        /// What is wrong with it.
        reason: String,
    },
    /// A JSON document or JSONL line that is not valid JSON.
    #[error("not valid JSON at byte {byte}{}: {message}", json_position(*.line, *.column))]
    Json {
        /// The parser's message.
        message: String,
        /// Line of the error within the JSON text (1-based).
        line: u64,
        /// Column of the error within that line (1-based).
        column: u64,
        /// Absolute byte offset of the error.
        byte: u64,
    },
    /// A JSON record without a required field.
    #[error("record has no {field:?} field")]
    MissingField {
        /// The missing field.
        field: String,
    },
    /// A JSON record whose field has the wrong type.
    #[error("field {field:?} must be {expected}, found {found}")]
    FieldType {
        /// The field.
        field: String,
        /// What it must be.
        expected: String,
        /// What it was.
        found: String,
    },
    /// An article larger than the configured limit.
    #[error("article is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the article in bytes.
        size: u64,
        /// The limit ([`crate::Config::max_article_bytes`]).
        limit: u64,
    },
    /// A JSONL line longer than the reader's line limit (see
    /// [`crate::article::input::JsonlReader::with_max_article`]); the line is skipped
    /// without being held in memory.
    #[error("JSONL line of {size} bytes is over the line limit of {limit} bytes{}", line_limit_rule(*.article_limit))]
    LineTooLarge {
        /// Length of the line in bytes, without its newline.
        size: u64,
        /// The line limit.
        limit: u64,
        /// The article limit the line limit was derived from (twice it plus
        /// 64 KiB), when it was.
        article_limit: Option<u64>,
    },
    /// A JSON document (a whole `.json` file) larger than can be read into memory.
    #[error("JSON document of {size} bytes is over the document limit of {limit} bytes")]
    DocumentTooLarge {
        /// Size of the document in bytes.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The input could not be read (a missing or unreadable file).
    #[error("cannot read: {message}")]
    Io {
        /// The operating system's message.
        message: String,
    },
    /// An option that does not make sense.
    #[error("invalid configuration: {0}")]
    Config(String),
}

fn json_position(line: u64, column: u64) -> String {
    if line > 1 {
        format!(" (line {line}, column {column} of the document)")
    } else {
        format!(" (column {column})")
    }
}

fn line_limit_rule(article_limit: Option<u64>) -> String {
    article_limit
        .map(|a| format!(" (2 x the article limit of {a} bytes + 64 KiB)"))
        .unwrap_or_default()
}

fn at_byte(byte: Option<u64>) -> String {
    byte.map(|b| format!(" at byte {b}")).unwrap_or_default()
}

impl Error {
    /// A stable, snake_case name of the error kind, used in error records.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidUtf8 { .. } => "invalid_utf8",
            Error::Binary { .. } => "binary",
            Error::Empty => "empty",
            Error::BadDate { .. } => "bad_date",
            Error::Json { .. } => "json",
            Error::MissingField { .. } => "missing_field",
            Error::FieldType { .. } => "field_type",
            Error::TooLarge { .. }
            | Error::LineTooLarge { .. }
            | Error::DocumentTooLarge { .. } => "too_large",
            Error::Io { .. } => "io",
            Error::Config(_) => "config",
        }
    }

    /// The absolute byte offset the error points at, when it has one.
    pub fn byte(&self) -> Option<u64> {
        match self {
            Error::InvalidUtf8 { byte } | Error::Binary { byte } | Error::Json { byte, .. } => {
                Some(*byte)
            }
            Error::BadDate { byte, .. } => *byte,
            _ => None,
        }
    }

    /// The same error with its byte offset moved by `base` (used when a piece
    /// of input was checked on its own and sits at `base` in its file).
    pub fn offset_by(mut self, base: u64) -> Self {
        match &mut self {
            Error::InvalidUtf8 { byte } | Error::Binary { byte } | Error::Json { byte, .. } => {
                *byte += base
            }
            Error::BadDate { byte: Some(b), .. } => *b += base,
            _ => {}
        }
        self
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io {
            message: e.to_string(),
        }
    }
}

/// An input record that could not become an [`crate::Extraction`]: the
/// error, with where the record came from.
///
/// Serialises as an error record, the counterpart of an extraction in a
/// stream of results:
///
/// ```json
/// {"schema_version":"1.2","id":"feed:3","origin":{"file":"feed.jsonl","line":3,"record":3},
///  "error":{"kind":"json","message":"…","byte":812}}
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// The record's id, when it is known.
    pub id: Option<String>,
    /// Where the record came from.
    pub origin: Origin,
    /// What went wrong.
    pub error: Error,
}

impl RecordError {
    /// An error for the record at `origin`.
    pub fn new(origin: Origin, error: Error) -> Self {
        RecordError {
            id: None,
            origin,
            error,
        }
    }

    /// The same error naming the record `id`.
    pub fn with_id(mut self, id: Option<String>) -> Self {
        self.id = id;
        self
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some(file) = &self.origin.file {
            write!(f, "{file}")?;
            wrote = true;
        }
        if let Some(line) = self.origin.line {
            write!(f, "{}line {line}", if wrote { ", " } else { "" })?;
            wrote = true;
        } else if let Some(record) = self.origin.record {
            write!(f, "{}record {record}", if wrote { ", " } else { "" })?;
            wrote = true;
        }
        if let Some(id) = &self.id {
            write!(f, "{}(id {id})", if wrote { " " } else { "" })?;
            wrote = true;
        }
        if wrote {
            write!(f, ": ")?;
        }
        write!(f, "{}", self.error)
    }
}

impl std::error::Error for RecordError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", self.kind())?;
        m.serialize_entry("message", &self.to_string())?;
        if let Some(byte) = self.byte() {
            m.serialize_entry("byte", &byte)?;
        }
        match self {
            Error::BadDate { value, .. } => m.serialize_entry("value", value)?,
            Error::MissingField { field } | Error::FieldType { field, .. } => {
                m.serialize_entry("field", field)?
            }
            Error::TooLarge { size, limit }
            | Error::LineTooLarge { size, limit, .. }
            | Error::DocumentTooLarge { size, limit } => {
                m.serialize_entry("size", size)?;
                m.serialize_entry("limit", limit)?;
            }
            _ => {}
        }
        m.end()
    }
}

impl Serialize for RecordError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("schema_version", SCHEMA_VERSION)?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("origin", &self.origin)?;
        m.serialize_entry("error", &self.error)?;
        m.end()
    }
}

/// Result type of the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
