//! Articles from Parquet files (the `parquet` feature): one record per row,
//! each column a field of the record, read by the same rules as a JSON
//! record ([`crate::input::article_from_json`]): `text` (required), `id`,
//! `title`, `date`, and every other column of a scalar type kept as
//! metadata.
//!
//! How column types become fields:
//! - strings (and binary columns holding UTF-8, as older Spark writes
//!   strings) are strings; dictionary-encoded columns (a pandas
//!   `category`) are their values;
//! - integers and decimals are numbers with their exact digits, floats
//!   numbers (NaN is a missing value; an infinite one is an error for its
//!   row), booleans booleans;
//! - dates are `YYYY-MM-DD`; timestamps ISO 8601, in UTC (`...Z`) when the
//!   column has a time zone, as written otherwise;
//! - a null is a missing value;
//! - lists, structs, maps and other types (times of day, durations) are
//!   left out of metadata, as a JSON record's arrays and objects are, and
//!   are an error as `text`, `id`, `title` or `date`.
//!
//! Rows are numbered from 1 in the file (`origin.record`); a row with no
//! `id` gets `<file stem>:<row>`. The file is read one row group at a time
//! and 64 rows at a time within it, so memory follows the row group, not
//! the file; a row group that cannot be decoded becomes one error record
//! naming its rows, and the next one is read.

use std::collections::VecDeque;
use std::fs::File;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Decimal128Type, Decimal256Type, Float32Type, Float64Type, Int16Type,
    Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use chrono::{DateTime, NaiveDate, SecondsFormat};
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReader,
    ParquetRecordBatchReaderBuilder,
};
use serde_json::{Map, Number, Value};

use crate::article::input::{article_from_json, fallback_id};
use crate::article::Article;
use crate::error::{Error, RecordError};
use crate::origin::Origin;

/// Rows decoded at a time.
const BATCH_ROWS: usize = 64;

/// The fields a record must give as strings, which no other type can be.
const STRING_FIELDS: [&str; 4] = ["text", "id", "title", "date"];

/// The records of a Parquet file, read lazily.
pub struct ParquetRecords {
    file: File,
    name: String,
    meta: ArrowReaderMetadata,
    /// The next row group to open.
    group: usize,
    /// One past the last row group to read.
    end: usize,
    /// The row group being read.
    reader: Option<ParquetRecordBatchReader>,
    /// Rows before the next one to decode (so the next is `row + 1`).
    row: u64,
    /// Rows before the end of the row group being read.
    group_end: u64,
    ready: VecDeque<Result<Article, RecordError>>,
}

/// The records of the Parquet file `file`, named `name` in origins and
/// errors; a file that is not Parquet, or whose footer cannot be read,
/// gives one error record.
pub fn read_parquet(
    file: File,
    name: String,
) -> Box<dyn Iterator<Item = Result<Article, RecordError>> + Send> {
    read_parquet_groups(file, name, 0..usize::MAX, 0)
}

/// Each row group's compressed size and rows, from the file's footer;
/// `None` when it cannot be read.
pub fn row_groups(file: File) -> Option<Vec<(u64, u64)>> {
    let meta = footer(&file).ok()?;
    let groups = meta.metadata().row_groups();
    Some(
        groups
            .iter()
            .map(|g| {
                (
                    g.compressed_size().max(0) as u64,
                    g.num_rows().max(0) as u64,
                )
            })
            .collect(),
    )
}

/// The records of row groups `groups` of a Parquet file (a part of it a
/// worker reads), numbered on from `rows`, the rows of the groups before.
pub fn read_parquet_groups(
    file: File,
    name: String,
    groups: std::ops::Range<usize>,
    rows: u64,
) -> Box<dyn Iterator<Item = Result<Article, RecordError>> + Send> {
    match footer(&file) {
        Ok(meta) => Box::new(ParquetRecords {
            end: groups.end.min(meta.metadata().num_row_groups()),
            file,
            name,
            meta,
            group: groups.start,
            reader: None,
            row: rows,
            group_end: rows,
            ready: VecDeque::new(),
        }),
        Err(e) => Box::new(std::iter::once(Err(RecordError::new(
            Origin::file(name),
            unreadable(format!("not a Parquet file this build can read: {e}")),
        )))),
    }
}

/// The file's footer (its schema and row groups).
fn footer(file: &File) -> Result<ArrowReaderMetadata, String> {
    guarded(|| {
        ArrowReaderMetadata::load(file, ArrowReaderOptions::new()).map_err(|e| e.to_string())
    })
}

/// Runs a call into the Parquet decoder, whose panic on a damaged file
/// (a decoder written by others) becomes an error like any other.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            Err(format!("the Parquet decoder failed: {what}"))
        }
    }
}

fn unreadable(message: String) -> Error {
    Error::Io { message }
}

impl ParquetRecords {
    /// An error record for the rows left in the current row group, which
    /// are then skipped.
    fn fail_group(&mut self, message: String) -> RecordError {
        let (first, last) = (self.row + 1, self.group_end);
        let rows = match first.cmp(&last) {
            std::cmp::Ordering::Equal => format!("row {first}"),
            std::cmp::Ordering::Less => format!("rows {first} to {last}"),
            // More rows decoded than the footer gave the group.
            std::cmp::Ordering::Greater => format!("after row {}", self.row),
        };
        let group = self.group.saturating_sub(1);
        self.reader = None;
        self.row = self.row.max(self.group_end);
        RecordError::new(
            Origin::file(self.name.clone()),
            unreadable(format!("row group {group} ({rows}): {message}")),
        )
    }

    /// Opens the next row group; `false` when there is none.
    fn open_group(&mut self) -> Result<bool, RecordError> {
        if self.group >= self.end {
            return Ok(false);
        }
        let g = self.group;
        let rows = self.meta.metadata().row_group(g).num_rows().max(0) as u64;
        self.group += 1;
        self.group_end = self.row + rows;
        let reader = self
            .file
            .try_clone()
            .map_err(|e| e.to_string())
            .and_then(|f| {
                guarded(|| {
                    ParquetRecordBatchReaderBuilder::new_with_metadata(f, self.meta.clone())
                        .with_row_groups(vec![g])
                        .with_batch_size(BATCH_ROWS)
                        .build()
                        .map_err(|e| e.to_string())
                })
            });
        match reader {
            Ok(r) => {
                self.reader = Some(r);
                Ok(true)
            }
            Err(m) => Err(self.fail_group(m)),
        }
    }

    /// Turns a decoded batch into records.
    fn take_batch(&mut self, batch: &RecordBatch) {
        let schema = batch.schema();
        let mut columns: Vec<(&str, Vec<Cell>)> = schema
            .fields()
            .iter()
            .zip(batch.columns())
            .map(|(f, c)| (f.name().as_str(), cells(f.name(), c.as_ref())))
            .collect();
        for i in 0..batch.num_rows() {
            self.row += 1;
            let origin = Origin {
                file: Some(self.name.clone()),
                record: Some(self.row),
                ..Origin::default()
            };
            let mut map = Map::new();
            let mut bad = None;
            // Each value is taken out of its column, not copied.
            for (name, cells) in columns.iter_mut() {
                match cells
                    .get_mut(i)
                    .map(|c| std::mem::replace(c, Ok(Value::Null)))
                {
                    Some(Ok(v)) => {
                        map.insert((*name).to_string(), v);
                    }
                    Some(Err(e)) => {
                        bad.get_or_insert(e);
                    }
                    None => {}
                }
            }
            let record = match bad {
                None => article_from_json(Value::Object(map), origin),
                Some(e) => {
                    let id = match map.get("id") {
                        Some(Value::String(s)) => Some(s.clone()),
                        Some(Value::Number(n)) => Some(n.to_string()),
                        _ => fallback_id(&origin),
                    };
                    Err(RecordError::new(origin, e).with_id(id))
                }
            };
            self.ready.push_back(record);
        }
    }
}

impl Iterator for ParquetRecords {
    type Item = Result<Article, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(r) = self.ready.pop_front() {
                return Some(r);
            }
            let Some(reader) = self.reader.as_mut() else {
                match self.open_group() {
                    Ok(true) => continue,
                    Ok(false) => return None,
                    Err(e) => return Some(Err(e)),
                }
            };
            match guarded(|| reader.next().transpose().map_err(|e| e.to_string())) {
                Ok(Some(batch)) => self.take_batch(&batch),
                Err(e) => return Some(Err(self.fail_group(e))),
                Ok(None) => {
                    self.reader = None;
                    // Rows the footer promised and the pages did not hold.
                    if self.row < self.group_end {
                        return Some(Err(self.fail_group("the row group ends early".to_string())));
                    }
                }
            }
        }
    }
}

/// A column's value in one row, or why the row cannot be read.
type Cell = Result<Value, Error>;

/// The values of column `name`, row by row.
fn cells(name: &str, array: &dyn Array) -> Vec<Cell> {
    let n = array.len();
    let each = |f: &dyn Fn(usize) -> Cell| -> Vec<Cell> {
        (0..n)
            .map(|i| {
                if array.is_null(i) {
                    Ok(Value::Null)
                } else {
                    f(i)
                }
            })
            .collect()
    };
    let number = |n: Option<Number>| Ok(n.map_or(Value::Null, Value::Number));
    macro_rules! ints {
        ($t:ty) => {{
            let a = array.as_primitive::<$t>();
            each(&|i| number(Some(Number::from(a.value(i)))))
        }};
    }
    macro_rules! decimals {
        ($t:ty) => {{
            let a = array.as_primitive::<$t>();
            each(&|i| number(a.value_as_string(i).parse::<Number>().ok()))
        }};
    }
    let float = |x: f64| -> Cell {
        if x.is_nan() {
            Ok(Value::Null)
        } else if x.is_infinite() {
            Err(Error::FieldType {
                field: name.into(),
                expected: "a finite number".into(),
                found: "an infinite number".into(),
            })
        } else {
            number(Number::from_f64(x))
        }
    };
    let text = |b: &[u8]| -> Cell {
        match std::str::from_utf8(b) {
            Ok(s) => Ok(Value::String(s.to_string())),
            Err(e) => Err(Error::FieldType {
                field: name.into(),
                expected: "UTF-8 text".into(),
                found: format!("bytes that are not UTF-8 (at byte {})", e.valid_up_to()),
            }),
        }
    };
    let date = |d: Option<NaiveDate>| -> Cell {
        match d {
            Some(d) => Ok(Value::String(d.format("%Y-%m-%d").to_string())),
            None => Err(out_of_range(name)),
        }
    };
    match array.data_type() {
        DataType::Null => vec![Ok(Value::Null); n],
        DataType::Boolean => {
            let a = array.as_boolean();
            each(&|i| Ok(Value::Bool(a.value(i))))
        }
        DataType::Int8 => ints!(Int8Type),
        DataType::Int16 => ints!(Int16Type),
        DataType::Int32 => ints!(Int32Type),
        DataType::Int64 => ints!(Int64Type),
        DataType::UInt8 => ints!(UInt8Type),
        DataType::UInt16 => ints!(UInt16Type),
        DataType::UInt32 => ints!(UInt32Type),
        DataType::UInt64 => ints!(UInt64Type),
        DataType::Float32 => {
            let a = array.as_primitive::<Float32Type>();
            each(&|i| float(a.value(i) as f64))
        }
        DataType::Float64 => {
            let a = array.as_primitive::<Float64Type>();
            each(&|i| float(a.value(i)))
        }
        DataType::Decimal128(..) => decimals!(Decimal128Type),
        DataType::Decimal256(..) => decimals!(Decimal256Type),
        DataType::Utf8 => {
            let a = array.as_string::<i32>();
            each(&|i| Ok(Value::String(a.value(i).to_string())))
        }
        DataType::LargeUtf8 => {
            let a = array.as_string::<i64>();
            each(&|i| Ok(Value::String(a.value(i).to_string())))
        }
        DataType::Utf8View => {
            let a = array.as_string_view();
            each(&|i| Ok(Value::String(a.value(i).to_string())))
        }
        DataType::Binary => {
            let a = array.as_binary::<i32>();
            each(&|i| text(a.value(i)))
        }
        DataType::LargeBinary => {
            let a = array.as_binary::<i64>();
            each(&|i| text(a.value(i)))
        }
        DataType::BinaryView => {
            let a = array.as_binary_view();
            each(&|i| text(a.value(i)))
        }
        DataType::Date32 => {
            let a = array.as_primitive::<Date32Type>();
            // Days since 1970-01-01, which is day 719,163 of the common era.
            each(&|i| {
                date(
                    a.value(i)
                        .checked_add(719_163)
                        .and_then(NaiveDate::from_num_days_from_ce_opt),
                )
            })
        }
        DataType::Date64 => {
            let a = array.as_primitive::<Date64Type>();
            each(&|i| date(DateTime::from_timestamp_millis(a.value(i)).map(|t| t.date_naive())))
        }
        DataType::Timestamp(unit, zone) => timestamps(name, array, *unit, zone.is_some()),
        DataType::Dictionary(..) => {
            let d = array.as_any_dictionary();
            // No values (every row null): `normalized_keys` would panic.
            if d.values().is_empty() {
                return vec![Ok(Value::Null); n];
            }
            let values = cells(name, d.values().as_ref());
            let keys = d.normalized_keys();
            each(&|i| values.get(keys[i]).cloned().unwrap_or(Ok(Value::Null)))
        }
        other => {
            if STRING_FIELDS.contains(&name) {
                let found = format!("a Parquet column of type {other}");
                each(&|_| {
                    Err(Error::FieldType {
                        field: name.into(),
                        expected: "a string".into(),
                        found: found.clone(),
                    })
                })
            } else {
                // Left out of metadata, as a JSON record's arrays are.
                each(&|_| Ok(Value::Array(Vec::new())))
            }
        }
    }
}

fn out_of_range(name: &str) -> Error {
    Error::FieldType {
        field: name.into(),
        expected: "a date between years -262,143 and 262,142".into(),
        found: "a date out of that range".into(),
    }
}

/// A timestamp column: ISO 8601, in UTC when the column has a time zone
/// (Arrow keeps such instants in UTC), as written (no offset) otherwise.
fn timestamps(name: &str, array: &dyn Array, unit: TimeUnit, zoned: bool) -> Vec<Cell> {
    use arrow_array::types::{
        TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
        TimestampSecondType,
    };
    let (values, per_second): (Vec<i64>, i64) = match unit {
        TimeUnit::Second => (
            array
                .as_primitive::<TimestampSecondType>()
                .values()
                .to_vec(),
            1,
        ),
        TimeUnit::Millisecond => (
            array
                .as_primitive::<TimestampMillisecondType>()
                .values()
                .to_vec(),
            1_000,
        ),
        TimeUnit::Microsecond => (
            array
                .as_primitive::<TimestampMicrosecondType>()
                .values()
                .to_vec(),
            1_000_000,
        ),
        TimeUnit::Nanosecond => (
            array
                .as_primitive::<TimestampNanosecondType>()
                .values()
                .to_vec(),
            1_000_000_000,
        ),
    };
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            if array.is_null(i) {
                return Ok(Value::Null);
            }
            let secs = v.div_euclid(per_second);
            let nanos = (v.rem_euclid(per_second) * (1_000_000_000 / per_second)) as u32;
            let t = DateTime::from_timestamp(secs, nanos).ok_or_else(|| out_of_range(name))?;
            let s = if zoned {
                t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
            } else {
                t.naive_utc().format("%Y-%m-%dT%H:%M:%S%.f").to_string()
            };
            Ok(Value::String(s))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::builder::{ListBuilder, StringBuilder};
    use arrow_array::{
        ArrayRef, BinaryArray, BooleanArray, Date32Array, DictionaryArray, Float64Array,
        Int64Array, StringArray, TimestampMicrosecondArray,
    };
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    use std::sync::Arc;

    /// Writes `columns` as a Parquet file, `group_rows` rows to a row group.
    fn write(columns: Vec<(&str, ArrayRef)>, group_rows: usize) -> tempfile::NamedTempFile {
        let batch = RecordBatch::try_from_iter(columns).unwrap();
        let file = tempfile::Builder::new()
            .suffix(".parquet")
            .tempfile()
            .unwrap();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_size(group_rows)
            .build();
        let mut w =
            ArrowWriter::try_new(file.reopen().unwrap(), batch.schema(), Some(props)).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
        file
    }

    fn read(file: &tempfile::NamedTempFile) -> Vec<Result<Article, RecordError>> {
        read_parquet(file.reopen().unwrap(), "news.parquet".into()).collect()
    }

    fn strings(v: &[Option<&str>]) -> ArrayRef {
        Arc::new(StringArray::from(v.to_vec()))
    }

    #[test]
    fn rows_become_articles_with_their_fields() {
        let mut tags = ListBuilder::new(StringBuilder::new());
        tags.append_value([Some("iraq")]);
        tags.append_value([Some("us")]);
        tags.append_null();
        let section: DictionaryArray<Int32Type> = vec![Some("world"), Some("world"), None]
            .into_iter()
            .collect();
        let file = write(
            vec![
                (
                    "id",
                    Arc::new(Int64Array::from(vec![Some(7), None, Some(9)])) as ArrayRef,
                ),
                (
                    "text",
                    strings(&[
                        Some("Blinken met al-Sudani in Baghdad on Sunday."),
                        Some("Iraqi officials said the talks went well."),
                        Some("A third article."),
                    ]),
                ),
                ("title", strings(&[Some("Blinken in Baghdad"), None, None])),
                (
                    "date",
                    Arc::new(Date32Array::from(vec![Some(19_667), None, Some(0)])),
                ),
                (
                    "fetched",
                    Arc::new(
                        TimestampMicrosecondArray::from(vec![
                            Some(1_699_279_500_000_000),
                            None,
                            None,
                        ])
                        .with_timezone("UTC"),
                    ),
                ),
                (
                    "score",
                    Arc::new(Float64Array::from(vec![Some(0.5), Some(f64::NAN), None])),
                ),
                (
                    "paywall",
                    Arc::new(BooleanArray::from(vec![Some(true), Some(false), None])),
                ),
                ("section", Arc::new(section)),
                ("tags", Arc::new(tags.finish())),
            ],
            2,
        );
        let got = read(&file);
        assert_eq!(got.len(), 3);
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.id.as_deref(), Some("7"));
        assert_eq!(a.title.as_deref(), Some("Blinken in Baghdad"));
        assert_eq!(a.published.as_ref().unwrap().to_string(), "2023-11-06");
        assert_eq!(a.origin.file.as_deref(), Some("news.parquet"));
        assert_eq!(a.origin.record, Some(1));
        let meta = serde_json::to_value(&a.metadata).unwrap();
        assert_eq!(
            meta,
            serde_json::json!({
                "fetched": "2023-11-06T14:05:00Z",
                "score": 0.5,
                "paywall": true,
                "section": "world",
            })
        );
        // No id: the file's stem and the row; NaN and nulls are missing.
        let b = got[1].as_ref().unwrap();
        assert_eq!(b.id.as_deref(), Some("news:2"));
        assert_eq!(b.origin.record, Some(2));
        assert_eq!(
            serde_json::to_value(&b.metadata).unwrap(),
            serde_json::json!({"paywall": false, "section": "world"})
        );
        // The third row is in the second row group, numbered on.
        let c = got[2].as_ref().unwrap();
        assert_eq!(c.origin.record, Some(3));
        assert_eq!(c.published.as_ref().unwrap().to_string(), "1970-01-01");
    }

    #[test]
    fn a_bad_row_is_an_error_record_and_the_others_are_read() {
        let file = write(
            vec![
                (
                    "text",
                    strings(&[
                        Some("Officials said 12 people died."),
                        None,
                        Some("x"),
                        Some("y"),
                    ]),
                ),
                (
                    "score",
                    Arc::new(Float64Array::from(vec![1.0, 2.0, f64::INFINITY, 3.0])) as ArrayRef,
                ),
                (
                    "raw",
                    Arc::new(BinaryArray::from(vec![
                        &b"fine"[..],
                        &b"fine"[..],
                        &b"fine"[..],
                        &b"\xff\xfe"[..],
                    ])),
                ),
            ],
            3,
        );
        let got = read(&file);
        assert_eq!(got.len(), 4);
        assert!(got[0].is_ok());
        let e = got[1].as_ref().unwrap_err();
        assert_eq!(e.error.kind(), "missing_field");
        assert_eq!(e.origin.record, Some(2));
        assert_eq!(e.id.as_deref(), Some("news:2"));
        let e = got[2].as_ref().unwrap_err();
        assert_eq!(
            e.to_string(),
            "news.parquet, record 3 (id news:3): field \"score\" must be a finite number, found an infinite number"
        );
        let e = got[3].as_ref().unwrap_err();
        assert_eq!(e.error.kind(), "field_type");
        assert!(e.to_string().contains("\"raw\" must be UTF-8 text"), "{e}");
    }

    #[test]
    fn a_text_column_of_another_type_is_named() {
        let file = write(
            vec![("text", Arc::new(Int64Array::from(vec![1, 2])) as ArrayRef)],
            10,
        );
        let got = read(&file);
        assert_eq!(got.len(), 2);
        let e = got[0].as_ref().unwrap_err();
        assert_eq!(e.error.kind(), "field_type");
        assert!(
            e.to_string()
                .contains("\"text\" must be a string, found a number"),
            "{e}"
        );
    }

    #[test]
    fn a_file_that_is_not_parquet_is_one_error() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, b"{\"text\": \"not parquet\"}\n").unwrap();
        let got = read(&file);
        assert_eq!(got.len(), 1);
        let e = got[0].as_ref().unwrap_err();
        assert_eq!(e.error.kind(), "io");
        assert!(
            e.to_string()
                .starts_with("news.parquet: cannot read: not a Parquet file"),
            "{e}"
        );
    }

    #[test]
    fn a_broken_row_group_names_its_rows_and_the_next_is_read() {
        let texts: Vec<String> = (0..6)
            .map(|i| format!("Article number {i} about Gaza."))
            .collect();
        let file = write(
            vec![(
                "text",
                Arc::new(StringArray::from(texts.clone())) as ArrayRef,
            )],
            3,
        );
        // Overwrite the first row group's first page header.
        let meta =
            ArrowReaderMetadata::load(&file.reopen().unwrap(), ArrowReaderOptions::new()).unwrap();
        let at = meta.metadata().row_group(0).column(0).data_page_offset() as usize;
        let mut bytes = std::fs::read(file.path()).unwrap();
        bytes[at..at + 8].fill(0xff);
        std::fs::write(file.path(), &bytes).unwrap();
        let got = read(&file);
        let errors: Vec<String> = got
            .iter()
            .filter_map(|r| r.as_ref().err().map(|e| e.to_string()))
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("news.parquet: cannot read: row group 0 (rows 1 to 3):"),
            "{errors:?}"
        );
        let read_texts: Vec<&str> = got
            .iter()
            .filter_map(|r| r.as_ref().ok().map(|a| a.text.as_str()))
            .collect();
        assert_eq!(read_texts, &texts[3..]);
        let rows: Vec<u64> = got
            .iter()
            .filter_map(|r| r.as_ref().ok().and_then(|a| a.origin.record))
            .collect();
        assert_eq!(rows, [4, 5, 6]);
    }

    #[test]
    fn damaged_files_give_records_or_errors_and_end() {
        let texts: Vec<String> = (0..40)
            .map(|i| format!("Story {i}: talks in Doha resumed."))
            .collect();
        let file = write(
            vec![
                ("text", Arc::new(StringArray::from(texts)) as ArrayRef),
                (
                    "n",
                    Arc::new(Int64Array::from((0..40).collect::<Vec<i64>>())),
                ),
            ],
            7,
        );
        let good = std::fs::read(file.path()).unwrap();
        let damaged = tempfile::Builder::new()
            .suffix(".parquet")
            .tempfile()
            .unwrap();
        // Cut short at many lengths, and one byte in many places changed.
        let mut cases: Vec<Vec<u8>> = (0..good.len())
            .step_by(53)
            .map(|n| good[..n].to_vec())
            .collect();
        for at in (0..good.len()).step_by(41) {
            let mut b = good.clone();
            b[at] ^= 0x5a;
            cases.push(b);
        }
        for bytes in cases {
            std::fs::write(damaged.path(), &bytes).unwrap();
            let got = read(&damaged);
            // At most a record per row and an error per row group.
            assert!(!got.is_empty() && got.len() <= 40 + 6, "{}", got.len());
        }
    }
}
