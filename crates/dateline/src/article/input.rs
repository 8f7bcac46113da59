//! Reading articles from bytes: plain text, JSON documents and JSONL streams.
//!
//! Every function here turns input into `Result<Article, RecordError>`:
//! each record either becomes an article or an error that names the file,
//! line, record and byte, and one bad record never hides the others.
//! Nothing here touches the file system; callers hand in bytes or a reader.

use std::io::BufRead;

use serde_json::{Map, Value};

use crate::article::{Article, Published};
use crate::error::{Error, RecordError};
use crate::origin::Origin;

/// How many bytes at the start of an input are checked for NUL bytes to
/// recognise binary files.
const SNIFF_BYTES: usize = 8192;

/// The kind of an input document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputFormat {
    /// One article as plain text, optionally opening with a dateline header.
    Text,
    /// A JSON object (one article) or an array of objects.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A Parquet file, one article per row (read from files only, by
    /// builds with the `parquet` feature: [`crate::article::parquet`]).
    Parquet,
}

impl InputFormat {
    /// The format for a file name by its extension: `.json` is JSON,
    /// `.jsonl`/`.ndjson` JSONL, `.parquet` Parquet, anything else text.
    pub fn from_path(path: &str) -> InputFormat {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".parquet") {
            InputFormat::Parquet
        } else if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            InputFormat::Jsonl
        } else if lower.ends_with(".json") {
            InputFormat::Json
        } else {
            InputFormat::Text
        }
    }

    /// Guesses the format of a stream from its first bytes, by content: a
    /// `[` followed by what can start a JSON value (`{`, `[`, `]`, `"`, `-`, a
    /// digit, `true`, `false` or `null`) is JSON; a `{` followed by `"` or `}`
    /// is JSONL (a pretty-printed object is handled by [`read_json`]'s
    /// fallback); anything else is text, so `[Updated 14:00] Mr Smith left`
    /// and `{Note} ...` are text.
    ///
    /// A UTF-8 byte order mark and whitespace before and after the opening
    /// bracket are skipped; when `head` ends before the next significant byte
    /// the bracket decides. [`InputFormat::detect`] also checks the first line.
    pub fn sniff(head: &[u8]) -> InputFormat {
        if head.starts_with(PARQUET_MAGIC) {
            return InputFormat::Parquet;
        }
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let Some(open) = head.iter().position(|b| !b.is_ascii_whitespace()) else {
            return InputFormat::Text;
        };
        let rest = &head[open + 1..];
        let next = rest.iter().position(|b| !b.is_ascii_whitespace());
        let after = next.map(|i| &rest[i..]);
        match head[open] {
            b'[' => match after {
                None => InputFormat::Json,
                Some(a) if starts_json_value(a) => InputFormat::Json,
                Some(_) => InputFormat::Text,
            },
            b'{' => match after.map(|a| a[0]) {
                None | Some(b'"' | b'}') => InputFormat::Jsonl,
                Some(_) => InputFormat::Text,
            },
            _ => InputFormat::Text,
        }
    }

    /// The format of a stream whose format was not given, from its start:
    /// [`InputFormat::sniff`], then a check of the first line that holds
    /// something (`head` should hold at least that whole line, or be all
    /// there is).
    ///
    /// - A first line that is one whole JSON object is JSONL; an object that
    ///   goes on past the first line is a (pretty-printed) JSON document.
    /// - A first line opening with `[` is a JSON document, unless it is no
    ///   JSON at all and opens no object: `[1] Mr Smith left.` and
    ///   `["No," he said]` are text. A first line that does not parse but
    ///   opens an object (`[{"text": "A.",, }]`) stays JSON, so that its
    ///   error record says where the JSON breaks.
    ///
    /// ```
    /// use dateline::input::InputFormat;
    /// assert_eq!(InputFormat::detect(b"[Updated 14:00] Mr Smith left"), InputFormat::Text);
    /// assert_eq!(InputFormat::detect(b"[1] Mr Smith left.\n"), InputFormat::Text);
    /// assert_eq!(InputFormat::detect(b"[\n  {\"text\": \"A.\"}\n]"), InputFormat::Json);
    /// assert_eq!(InputFormat::detect(b"{\"text\": \"A.\"}\n{\"text\": "), InputFormat::Jsonl);
    /// assert_eq!(InputFormat::detect(b"{\n \"text\": \"A.\"\n}"), InputFormat::Json);
    /// ```
    pub fn detect(head: &[u8]) -> InputFormat {
        let sniffed = InputFormat::sniff(head);
        if matches!(sniffed, InputFormat::Text | InputFormat::Parquet) {
            return sniffed;
        }
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let line = &head[start..];
        let line = match memchr::memchr(b'\n', line) {
            Some(i) => &line[..i],
            None => line,
        };
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match serde_json::from_slice::<serde::de::IgnoredAny>(line) {
            Ok(_) => sniffed,
            // The value goes on past the line: a pretty-printed document.
            Err(e) if e.is_eof() => InputFormat::Json,
            Err(_) if sniffed == InputFormat::Json && memchr::memchr(b'{', line).is_none() => {
                InputFormat::Text
            }
            Err(_) => InputFormat::Json,
        }
    }
}

/// The four bytes a Parquet file opens with.
const PARQUET_MAGIC: &[u8] = b"PAR1";

/// True when `bytes` start with something that can start a JSON value.
fn starts_json_value(bytes: &[u8]) -> bool {
    match bytes[0] {
        b'{' | b'[' | b']' | b'"' | b'-' | b'0'..=b'9' => true,
        b't' | b'f' | b'n' => ["true", "false", "null"].iter().any(|word| {
            let w = word.as_bytes();
            // The word, then no letter or digit (`nothing` is text); a head
            // that ends inside the word may still be the word.
            let n = w.len().min(bytes.len());
            bytes[..n] == w[..n]
                && bytes
                    .get(w.len())
                    .map_or(true, |b| !b.is_ascii_alphanumeric() && *b != b'_')
        }),
        _ => false,
    }
}

/// Checks that `bytes` are text: no NUL byte in the first 8 KiB and valid
/// UTF-8 throughout. Byte offsets in errors are relative to `bytes`.
pub fn check_text(bytes: &[u8]) -> Result<&str, Error> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(pos) = memchr::memchr(0, head) {
        return Err(Error::Binary { byte: pos as u64 });
    }
    std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        byte: e.valid_up_to() as u64,
    })
}

/// An article from the bytes of a text file.
///
/// `origin.byte` (default 0) is the offset of `bytes` in their file; error
/// offsets are absolute. The id defaults to `default_id`.
pub fn read_text(
    bytes: &[u8],
    origin: Origin,
    default_id: Option<String>,
) -> Result<Article, RecordError> {
    let base = origin.byte.unwrap_or(0);
    let fail =
        |e: Error| RecordError::new(origin.clone(), e.offset_by(base)).with_id(default_id.clone());
    let text = check_text(bytes).map_err(fail)?;
    let mut article = Article::from_text(text).map_err(fail)?;
    article.id = default_id;
    article.origin = origin;
    Ok(article)
}

/// An article from a parsed JSON record with `text` and optional `id`,
/// `date`, `title`; other scalar fields (`url`, `source`, `corpus`, ...)
/// are kept as metadata. Arrays and objects (such as gold annotations in
/// evaluation files) are not metadata and are left out.
///
/// Numbers keep their exact value, as written: a numeric `id` becomes the
/// string of its digits (`123456789012345678901234567890`, `-0`, `1.50`), and
/// numeric metadata is written back with the same digits, however large.
pub fn article_from_json(value: Value, origin: Origin) -> Result<Article, RecordError> {
    let Value::Object(mut map) = value else {
        let found = json_type(&value);
        let id = fallback_id(&origin);
        return Err(RecordError::new(
            origin,
            Error::FieldType {
                field: "(record)".into(),
                expected: "a JSON object".into(),
                found: found.into(),
            },
        )
        .with_id(id));
    };
    let id = match map.remove("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        // Numbers are kept as written (serde_json's `arbitrary_precision`):
        // `123456789012345678901234567890` and `-0` stay those digits.
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            return Err(RecordError::new(
                origin,
                type_error("id", "a string or number", &other),
            ));
        }
    };
    // Errors name the record by its id, or the id it would have had. A byte
    // offset inside the decoded "text" string is no offset into the file: drop it.
    let record_id = id.clone().or_else(|| fallback_id(&origin));
    let fail = |e: Error| {
        let e = match e {
            Error::BadDate { value, reason, .. } => Error::BadDate {
                value,
                byte: None,
                reason,
            },
            other => other,
        };
        RecordError::new(origin.clone(), e).with_id(record_id.clone())
    };
    let text = match map.remove("text") {
        Some(Value::String(s)) => s,
        None | Some(Value::Null) => {
            return Err(fail(Error::MissingField {
                field: "text".into(),
            }));
        }
        Some(other) => return Err(fail(type_error("text", "a string", &other))),
    };
    let title = optional_string(&mut map, "title").map_err(fail)?;
    let date = optional_string(&mut map, "date").map_err(fail)?;
    let published = date
        .as_deref()
        .map(Published::parse)
        .transpose()
        .map_err(fail)?;

    let mut article = Article::from_text(text).map_err(fail)?;
    article.id = id.or_else(|| fallback_id(&origin));
    article.title = title.filter(|t| !t.trim().is_empty());
    if let Some(p) = published {
        article = article.with_published(p);
    }
    article.metadata = map
        .into_iter()
        .filter(|(_, v)| matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_)))
        .collect();
    article.origin = origin;
    Ok(article)
}

/// The id of a record that has none: `<file stem>:<line>` (or
/// `<file stem>:<record>` for JSON arrays); `None` without a file name.
pub fn fallback_id(origin: &Origin) -> Option<String> {
    let file = origin.file.as_deref()?;
    let n = origin.line.or(origin.record).unwrap_or(1);
    Some(format!("{}:{n}", file_stem(file)))
}

/// The name of a file without its folders and extension: the id of a text
/// file's article (`seeds/002_a56.txt` is `002_a56`).
pub fn file_stem(path: &str) -> &str {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match base.rfind('.') {
        Some(i) if i > 0 => &base[..i],
        _ => base,
    }
}

fn optional_string(map: &mut Map<String, Value>, field: &str) -> Result<Option<String>, Error> {
    match map.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(type_error(field, "a string", &other)),
    }
}

fn type_error(field: &str, expected: &str, found: &Value) -> Error {
    Error::FieldType {
        field: field.into(),
        expected: expected.into(),
        found: json_type(found).into(),
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The JSON error as an [`Error::Json`] at absolute offset `base` + the
/// error's position in `text`.
fn json_error(e: &serde_json::Error, text: &[u8], base: u64) -> Error {
    let (line, column) = (e.line() as u64, e.column() as u64);
    // Byte offset of (line, column) within text.
    let mut offset = 0usize;
    if line > 1 {
        let mut seen = 1;
        for pos in memchr::memchr_iter(b'\n', text) {
            seen += 1;
            if seen == line {
                offset = pos + 1;
                break;
            }
        }
    }
    offset = (offset + (column as usize).saturating_sub(1)).min(text.len());
    let message = e.to_string();
    // serde_json appends " at line L column C"; the error record says it itself.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    Error::Json {
        message,
        line,
        column,
        byte: base + offset as u64,
    }
}

/// Articles from a JSON document: one object, or an array of objects.
///
/// A document that turns out to hold several values one after another
/// (JSONL saved as `.json`) is read as JSONL. Each array element is a
/// record; `origin.record` numbers them from 1.
pub fn read_json(bytes: &[u8], origin: Origin) -> Vec<Result<Article, RecordError>> {
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    let origin = Origin {
        byte: Some(origin.byte.unwrap_or(0) + bom),
        ..origin
    };
    let base = origin.byte.unwrap_or(0);
    if let Err(e) = check_text(bytes) {
        return vec![Err(RecordError::new(origin, e.offset_by(base)))];
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                // Elements have no line or byte of their own: the record number names them.
                let o = Origin {
                    record: Some(i as u64 + 1),
                    byte: None,
                    ..origin.clone()
                };
                article_from_json(v, o)
            })
            .collect(),
        Ok(v) => vec![article_from_json(v, origin)],
        Err(e)
            if e.classify() == serde_json::error::Category::Syntax
                && e.line() > 1
                && looks_like_jsonl(bytes) =>
        {
            JsonlReader::new(bytes, origin).collect()
        }
        Err(e) => vec![Err(RecordError::new(origin, json_error(&e, bytes, base)))],
    }
}

/// True when the first line of `bytes` is a complete JSON value.
fn looks_like_jsonl(bytes: &[u8]) -> bool {
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or(bytes);
    serde_json::from_slice::<Value>(first).is_ok()
}

/// The longest JSONL line read for an article limit of `max_article_bytes`:
/// twice the limit (JSON escapes can make a record longer than its text)
/// plus 64 KiB for the record's other fields.
pub fn line_limit(max_article_bytes: u64) -> u64 {
    max_article_bytes.saturating_mul(2).saturating_add(1 << 16)
}

/// Reads JSONL (one JSON record per line) lazily from any reader, yielding
/// one `Result` per non-blank line, in order, in bounded memory.
///
/// Lines longer than the limit (default 64 MiB, see
/// [`JsonlReader::with_max_line`] and [`JsonlReader::with_max_article`]) are
/// skipped without being held in memory and reported as
/// [`Error::LineTooLarge`]. A UTF-8 byte order mark opening any line (files
/// joined with `cat`) is skipped.
///
/// ```
/// use dateline::input::JsonlReader;
/// let data = b"{\"id\": \"a\", \"text\": \"One.\"}\nnot json\n{\"id\": \"c\"}\n";
/// let records: Vec<_> = JsonlReader::new(&data[..], Default::default()).collect();
/// assert_eq!(records.len(), 3);
/// assert!(records[0].is_ok());
/// assert_eq!(records[1].as_ref().unwrap_err().origin.line, Some(2));
/// assert_eq!(records[2].as_ref().unwrap_err().error.kind(), "missing_field");
/// ```
pub struct JsonlReader<R> {
    reader: R,
    origin: Origin,
    line: u64,
    record: u64,
    byte: u64,
    max_line: u64,
    article_limit: Option<u64>,
    buf: Vec<u8>,
    failed: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader of the records in `reader`; `origin.file` names the source in errors.
    pub fn new(reader: R, origin: Origin) -> Self {
        let byte = origin.byte.unwrap_or(0);
        JsonlReader {
            reader,
            origin,
            line: 0,
            record: 0,
            byte,
            max_line: 64 << 20,
            article_limit: None,
            buf: Vec::new(),
            failed: false,
        }
    }

    /// Sets the longest line accepted, in bytes.
    pub fn with_max_line(mut self, max: u64) -> Self {
        self.max_line = max;
        self.article_limit = None;
        self
    }

    /// Sets the longest line accepted from the article limit (the longest
    /// article text, in bytes): [`line_limit`] of it, room for JSON escapes
    /// and the record's other fields. Errors for longer lines name both limits.
    pub fn with_max_article(mut self, max_article_bytes: u64) -> Self {
        self.max_line = line_limit(max_article_bytes);
        self.article_limit = Some(max_article_bytes);
        self
    }

    /// Reads on from the middle of a file: `line` lines and `record` records
    /// came before the reader's first byte (which is `origin.byte`, the start
    /// of a line), so that origins and ids are those of a whole read.
    pub fn resume(mut self, line: u64, record: u64) -> Self {
        self.line = line;
        self.record = record;
        self
    }

    /// Bytes consumed so far (for progress reporting).
    pub fn bytes_read(&self) -> u64 {
        self.byte
    }

    /// Reads one line into `self.buf` (without the newline), holding at most
    /// `max_line` bytes; returns the line's full length, or `None` at the end.
    fn next_line(&mut self) -> std::io::Result<Option<u64>> {
        self.buf.clear();
        let mut total: u64 = 0;
        let mut any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(any.then_some(total));
            }
            any = true;
            let (chunk, done) = match memchr::memchr(b'\n', available) {
                Some(i) => (&available[..i], Some(i + 1)),
                None => (available, None),
            };
            if total + (chunk.len() as u64) <= self.max_line {
                self.buf.extend_from_slice(chunk);
            }
            total += chunk.len() as u64;
            let consumed = done.unwrap_or(available.len());
            self.reader.consume(consumed);
            self.byte += consumed as u64;
            if done.is_some() {
                return Ok(Some(total));
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_with(parse_json_line)
    }
}

impl<R: BufRead> JsonlReader<R> {
    /// The next record, read from its line by `parse` (given the line,
    /// without its newline, and its origin): [`parse_json_line`] for an
    /// article, another reader for the records of another shape (the
    /// extractions `dateline extract` writes). Blank lines are skipped;
    /// lines over the limit and read errors are error records as for articles.
    pub fn next_with<T>(
        &mut self,
        parse: impl FnOnce(&[u8], Origin) -> Result<T, RecordError>,
    ) -> Option<Result<T, RecordError>> {
        if self.failed {
            return None;
        }
        loop {
            let start = self.byte;
            let len = match self.next_line() {
                Ok(Some(len)) => len,
                Ok(None) => return None,
                Err(e) => {
                    // A read error ends the stream: report it once, where it happened.
                    self.failed = true;
                    let origin = Origin {
                        line: Some(self.line + 1),
                        byte: Some(start),
                        ..self.origin.clone()
                    };
                    return Some(Err(RecordError::new(origin, e.into())));
                }
            };
            self.line += 1;
            let mut line: &[u8] = &self.buf;
            let mut start = start;
            if line.ends_with(b"\r") {
                line = &line[..line.len() - 1];
            }
            // A byte order mark opens a file, and files joined one after
            // another put one at the start of a later line.
            if let Some(rest) = line.strip_prefix(b"\xEF\xBB\xBF") {
                line = rest;
                start += 3;
            }
            if len <= self.max_line && line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.record += 1;
            let origin = Origin {
                line: Some(self.line),
                record: Some(self.record),
                byte: Some(start),
                ..self.origin.clone()
            };
            if len > self.max_line {
                let id = fallback_id(&origin);
                return Some(Err(RecordError::new(
                    origin,
                    Error::LineTooLarge {
                        size: len,
                        limit: self.max_line,
                        article_limit: self.article_limit,
                    },
                )
                .with_id(id)));
            }
            return Some(parse(line, origin));
        }
    }
}

/// An article from one JSONL line; `origin.byte` is where the line starts.
pub fn parse_json_line(line: &[u8], origin: Origin) -> Result<Article, RecordError> {
    let base = origin.byte.unwrap_or(0);
    let id = fallback_id(&origin);
    if let Err(e) = check_text(line) {
        return Err(RecordError::new(origin, e.offset_by(base)).with_id(id));
    }
    match serde_json::from_slice::<Value>(line) {
        Ok(v) => article_from_json(v, origin),
        Err(e) => {
            let err = json_error(&e, line, base);
            Err(RecordError::new(origin, err).with_id(id))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_invalid_utf8_name_the_byte() {
        assert_eq!(check_text(b"abc\0def"), Err(Error::Binary { byte: 3 }));
        assert_eq!(check_text(b"ab\xffcd"), Err(Error::InvalidUtf8 { byte: 2 }));
        let origin = Origin {
            file: Some("a.txt".into()),
            byte: Some(100),
            ..Default::default()
        };
        let err = read_text(b"Good text \xC3\x28 here", origin, None).unwrap_err();
        assert_eq!(err.error, Error::InvalidUtf8 { byte: 110 });
    }

    #[test]
    fn json_record_fields() {
        let v: Value = serde_json::json!({
            "id": 7, "date": "2023-11-06", "title": "Visit", "text": "Blinken visited Baghdad.",
            "url": "https://example.org/a", "source": "Wire", "entities": [{"start": 0}]
        });
        let a = article_from_json(v, Origin::default()).unwrap();
        assert_eq!(a.id.as_deref(), Some("7"));
        assert_eq!(a.title.as_deref(), Some("Visit"));
        assert_eq!(a.published.unwrap().to_string(), "2023-11-06");
        assert_eq!(a.metadata.keys().collect::<Vec<_>>(), ["source", "url"]);
    }

    #[test]
    fn json_record_errors() {
        let e = article_from_json(serde_json::json!({"id": "x"}), Origin::default()).unwrap_err();
        assert_eq!(
            e.error,
            Error::MissingField {
                field: "text".into()
            }
        );
        assert_eq!(e.id.as_deref(), Some("x"));
        let e = article_from_json(serde_json::json!({"text": 5}), Origin::default()).unwrap_err();
        assert_eq!(
            e.error.to_string(),
            "field \"text\" must be a string, found a number"
        );
        let e = article_from_json(
            serde_json::json!({"text": "x", "date": "2023-13-01"}),
            Origin::default(),
        )
        .unwrap_err();
        assert_eq!(e.error.kind(), "bad_date");
        let e = article_from_json(serde_json::json!([1]), Origin::default()).unwrap_err();
        assert_eq!(e.error.kind(), "field_type");
    }

    #[test]
    fn jsonl_lines_bytes_and_blank_lines() {
        let data = b"{\"text\": \"One.\"}\n\n{\"text\": \"Two.\"\n{\"text\": \"Thr\xffee.\"}\r\n{\"text\": \"Four.\"}";
        let origin = Origin::file("feed.jsonl");
        let out: Vec<_> = JsonlReader::new(&data[..], origin).collect();
        assert_eq!(out.len(), 4);
        assert_eq!(out[0].as_ref().unwrap().origin.line, Some(1));
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(
            (e.origin.line, e.origin.record, e.origin.byte),
            (Some(3), Some(2), Some(18))
        );
        assert_eq!(e.error.kind(), "json");
        let e = out[2].as_ref().unwrap_err();
        assert_eq!(e.error, Error::InvalidUtf8 { byte: 34 + 13 });
        assert_eq!(data[47], 0xff);
        assert_eq!(out[3].as_ref().unwrap().text, "Four.");
        assert_eq!(out[3].as_ref().unwrap().origin.line, Some(5));
    }

    #[test]
    fn jsonl_long_lines_are_skipped_and_reported() {
        let long = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"ok\"}}\n",
            "x".repeat(1000)
        );
        let out: Vec<_> = JsonlReader::new(long.as_bytes(), Origin::default())
            .with_max_line(100)
            .collect();
        assert_eq!(
            out[0].as_ref().unwrap_err().error,
            Error::LineTooLarge {
                size: 1012,
                limit: 100,
                article_limit: None,
            }
        );
        assert_eq!(out[1].as_ref().unwrap().text, "ok");
    }

    #[test]
    fn a_long_line_names_the_line_limit_and_the_article_limit_it_comes_from() {
        let line = format!("{{\"text\": \"{}\"}}\n", "Mr Smith left. ".repeat(20_000));
        let out: Vec<_> = JsonlReader::new(line.as_bytes(), Origin::file("feed.jsonl"))
            .with_max_article(100_000)
            .collect();
        let e = &out[0].as_ref().unwrap_err().error;
        assert_eq!(e.kind(), "too_large");
        assert_eq!(
            e.to_string(),
            "JSONL line of 300012 bytes is over the line limit of 265536 bytes \
             (2 x the article limit of 100000 bytes + 64 KiB)"
        );
        assert_eq!(line_limit(100_000), 265_536);
    }

    #[test]
    fn a_byte_order_mark_opening_a_later_line_is_skipped() {
        // Two files with byte order marks, joined with `cat`.
        let data = b"\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"Mr Smith left.\"}\n\xEF\xBB\xBF{\"id\": \"b\", \"text\": \"Ms Jones arrived.\"}\n";
        let out: Vec<_> = JsonlReader::new(&data[..], Origin::file("joined.jsonl")).collect();
        assert_eq!(out.len(), 2);
        let b = out[1].as_ref().expect("the second line is a record");
        assert_eq!(b.id.as_deref(), Some("b"));
        assert_eq!(b.text, "Ms Jones arrived.");
        // The record starts after the second mark.
        assert_eq!(b.origin.byte, Some(44));
        assert_eq!(data[41..44], *b"\xEF\xBB\xBF");
        assert_eq!(data[44], b'{');
    }

    #[test]
    fn numeric_ids_and_metadata_keep_their_exact_digits() {
        let line = br#"{"id": 123456789012345678901234567890, "text": "Mr Smith left.", "views": 123456789012345678901234567891, "score": -0, "ratio": 1.50}"#;
        let a = parse_json_line(line, Origin::default()).unwrap();
        assert_eq!(a.id.as_deref(), Some("123456789012345678901234567890"));
        let meta = serde_json::to_string(&a.metadata).unwrap();
        assert_eq!(
            meta,
            r#"{"ratio":1.50,"score":-0,"views":123456789012345678901234567891}"#
        );
        let a = parse_json_line(
            br#"{"id": -0, "text": "Mr Smith left."}"#,
            Origin::default(),
        )
        .unwrap();
        assert_eq!(a.id.as_deref(), Some("-0"));
        let a = parse_json_line(
            br#"{"id": 9007199254740993, "text": "A."}"#,
            Origin::default(),
        )
        .unwrap();
        assert_eq!(a.id.as_deref(), Some("9007199254740993"));
    }

    #[test]
    fn json_documents() {
        let doc = br#"[{"text": "A."}, {"title": "no text"}]"#;
        let out = read_json(doc, Origin::file("x.json"));
        assert!(out[0].is_ok());
        assert_eq!(out[1].as_ref().unwrap_err().origin.record, Some(2));
        let jsonl_as_json = b"{\"text\": \"A.\"}\n{\"text\": \"B.\"}\n";
        assert_eq!(read_json(jsonl_as_json, Origin::default()).len(), 2);
        let broken = b"{\"text\": \n\"A.\",, }";
        let e = read_json(broken, Origin::default()).remove(0).unwrap_err();
        assert_eq!(e.error.kind(), "json");
        assert_eq!(e.error.byte(), Some(15));
    }

    #[test]
    fn stems_and_fallback_ids() {
        assert_eq!(file_stem("a/b/002_a56.txt"), "002_a56");
        assert_eq!(file_stem(".hidden"), ".hidden");
        assert_eq!(file_stem("<stdin>"), "<stdin>");
        let o = Origin {
            file: Some("feeds/dev.jsonl".into()),
            line: Some(4),
            ..Default::default()
        };
        assert_eq!(fallback_id(&o).as_deref(), Some("dev:4"));
        assert_eq!(fallback_id(&Origin::default()), None);
    }

    #[test]
    fn text_opening_with_a_bracket_is_text() {
        for text in [
            &b"[Updated 14:00] Mr Smith left the ministry on Monday."[..],
            b"[Editor's note: this story was corrected.] The minister said.",
            b"{Note} The minister said.",
            b"[ nothing ] to see",
        ] {
            assert_eq!(
                InputFormat::sniff(text),
                InputFormat::Text,
                "{}",
                String::from_utf8_lossy(text)
            );
            assert_eq!(InputFormat::detect(text), InputFormat::Text);
        }
        // JSON openers that are not JSON and open no object: text.
        assert_eq!(
            InputFormat::detect(b"[1] Mr Smith left.\nHe said so.\n"),
            InputFormat::Text
        );
        assert_eq!(
            InputFormat::detect(b"[\"No,\" he said] and left."),
            InputFormat::Text
        );
        assert_eq!(
            InputFormat::detect(b"[true story] Mr Smith left."),
            InputFormat::Text
        );
        // Broken JSON that opens an object stays JSON, for its error record.
        assert_eq!(
            InputFormat::detect(b"[{\"text\": \"A.\",, }]"),
            InputFormat::Json
        );
        assert_eq!(
            InputFormat::detect(b"{\"text\": \"A.\",, }\n"),
            InputFormat::Json
        );
        assert_eq!(InputFormat::detect(b"[true, null]"), InputFormat::Json);
        assert_eq!(InputFormat::detect(b"[]"), InputFormat::Json);
        assert_eq!(InputFormat::detect(b"\n\n  [\n"), InputFormat::Json);
        assert_eq!(
            InputFormat::detect(b"{\"text\": \"One.\"}\r\n{\"text\""),
            InputFormat::Jsonl
        );
    }

    #[test]
    fn sniffing() {
        assert_eq!(InputFormat::sniff(b"  [{}]"), InputFormat::Json);
        assert_eq!(
            InputFormat::sniff(b"\xEF\xBB\xBF{\"a\":1}"),
            InputFormat::Jsonl
        );
        assert_eq!(
            InputFormat::sniff(b" date 2023-11-09 Text"),
            InputFormat::Text
        );
        assert_eq!(InputFormat::from_path("a/B.JSONL"), InputFormat::Jsonl);
        assert_eq!(
            InputFormat::from_path("lake/day=1/part-0.PARQUET"),
            InputFormat::Parquet
        );
        // A Parquet file's magic, whatever follows.
        assert_eq!(
            InputFormat::detect(b"PAR1\x15\x04\x15"),
            InputFormat::Parquet
        );
        assert_eq!(
            InputFormat::detect(b"PARIS (AP) \xe2\x80\x94 "),
            InputFormat::Text
        );
    }
}
