//! Extractions as tables: Arrow record batches with keys to join them.
//!
//! Each [`Table`] has a fixed list of [`Column`]s (`docs/tables.md` lists
//! them, one line each); a [`TableBuilder`] takes extractions (and error
//! records) one at a time and gives their rows as an Arrow
//! [`RecordBatch`] whenever asked, so that a caller can write a corpus of
//! any size in batches of bounded memory.
//!
//! Every table has `id`, the article's id. The keys within an article are
//! indices, stable for a given text and configuration: `entity` (and
//! `entity_id`, `speaker_entity_id`, `place_entity_id`, `of_entity`, ...)
//! is the index of the entity in the article's `entities` table, `sentence`
//! the index of the sentence, `mention`, `quote`, `figure` and `event` the
//! index of the item in its table. Offsets (`start`, `end`) count Unicode
//! code points, as Python's string indices do.
//!
//! ```
//! use dateline::tables::{Table, TableBuilder};
//! use dateline::{Article, Config, Extractor};
//!
//! let extractor = Extractor::new(Config::default())?;
//! let text = " date 2023-11-06 Mr Al Sudani met Antony Blinken in Baghdad. \
//!             “We will protect our people,” Mr Blinken said.";
//! let x = extractor.extract(Article::from_text(text)?)?;
//! let mut quotes = TableBuilder::new(Table::Quotes);
//! quotes.push(&x);
//! let batch = quotes.finish().expect("columns of one length");
//! assert_eq!(batch.num_rows(), 1);
//! assert!(batch.schema().field_with_name("speaker_entity_id").is_ok());
//! # Ok::<(), dateline::Error>(())
//! ```

mod rows;

use std::fmt;
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int64Builder, StringBuilder, StringDictionaryBuilder,
    TimestampMillisecondBuilder,
};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch, StringArray};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};
use chrono::NaiveDateTime;

use crate::error::RecordError;

use crate::pipeline::{Extraction, Layer};

pub use arrow_array;
pub use arrow_schema;

/// The zone of instants: UTC as an offset, which Arrow reads without a
/// time-zone database.
const UTC: &str = "+00:00";

/// One of the tables an extraction gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// One row per article: date, title, counts, file.
    Articles,
    /// One row per kicker or title line opening the body.
    Headlines,
    /// One row per paragraph.
    Paragraphs,
    /// One row per sentence.
    Sentences,
    /// One row per token, with its parse when the syntax layer ran.
    Tokens,
    /// One row per base noun phrase (syntax layer).
    NounChunks,
    /// One row per temporal expression.
    Timex,
    /// One row per entity-layer mention, with its sentence and entity.
    Mentions,
    /// One row per resolved entity, with its place on the map.
    Entities,
    /// One row per role an entity holds (`Prime Minister` of `Iraq`).
    Roles,
    /// One row per entity placed on the map.
    Places,
    /// One row per quote, with its speaker's entity.
    Quotes,
    /// One row per figure, with its place's entity and coordinates and its dates.
    Figures,
    /// One row per focus country of an article, most prominent first.
    FocusCountries,
    /// One row per event with a CAMEO code.
    Events,
    /// One row per event, coded or not.
    EventMentions,
    /// One row per input record that failed.
    Errors,
}

impl Table {
    /// Every table, in the order of `docs/tables.md`.
    pub const ALL: &'static [Table] = &[
        Table::Articles,
        Table::Headlines,
        Table::Paragraphs,
        Table::Sentences,
        Table::Tokens,
        Table::NounChunks,
        Table::Timex,
        Table::Mentions,
        Table::Entities,
        Table::Roles,
        Table::Places,
        Table::Quotes,
        Table::Figures,
        Table::FocusCountries,
        Table::Events,
        Table::EventMentions,
        Table::Errors,
    ];

    /// The table's name (`focus_countries`), also its file's name.
    pub fn name(self) -> &'static str {
        match self {
            Table::Articles => "articles",
            Table::Headlines => "headlines",
            Table::Paragraphs => "paragraphs",
            Table::Sentences => "sentences",
            Table::Tokens => "tokens",
            Table::NounChunks => "noun_chunks",
            Table::Timex => "timex",
            Table::Mentions => "mentions",
            Table::Entities => "entities",
            Table::Roles => "roles",
            Table::Places => "places",
            Table::Quotes => "quotes",
            Table::Figures => "figures",
            Table::FocusCountries => "focus_countries",
            Table::Events => "events",
            Table::EventMentions => "event_mentions",
            Table::Errors => "errors",
        }
    }

    /// The table of a name, if any.
    pub fn from_name(name: &str) -> Option<Table> {
        Table::ALL.iter().copied().find(|t| t.name() == name)
    }

    /// The layer the table's rows come from; `None` for the tables every
    /// extraction has (articles, headlines, paragraphs, sentences, tokens)
    /// and for errors.
    pub fn layer(self) -> Option<Layer> {
        match self {
            Table::Articles
            | Table::Headlines
            | Table::Paragraphs
            | Table::Sentences
            | Table::Tokens
            | Table::Errors => None,
            Table::NounChunks => Some(Layer::Syntax),
            Table::Timex => Some(Layer::Time),
            Table::Mentions => Some(Layer::Entities),
            Table::Entities | Table::Roles | Table::Places | Table::FocusCountries => {
                Some(Layer::Resolve)
            }
            Table::Quotes => Some(Layer::Quotes),
            Table::Figures => Some(Layer::Figures),
            Table::Events | Table::EventMentions => Some(Layer::Events),
        }
    }

    /// True when `x` holds the layer this table comes from (a table whose
    /// layer did not run would be empty, not because the article has none).
    pub fn available_in(self, x: &Extraction) -> bool {
        self.layer().map_or(true, |l| x.layers().contains(&l))
    }

    /// The table's columns, in order.
    pub fn columns(self) -> &'static [Column] {
        rows::columns(self)
    }

    /// The table's Arrow schema.
    pub fn schema(self) -> SchemaRef {
        let fields: Vec<Field> = self
            .columns()
            .iter()
            .map(|c| Field::new(c.name, c.kind.data_type(), true))
            .collect();
        Arc::new(Schema::new(fields))
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Table {
    type Err = String;

    /// A table by name; the error lists the names.
    fn from_str(s: &str) -> Result<Table, String> {
        Table::from_name(s.trim()).ok_or_else(|| {
            let names: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
            format!("unknown table {s:?}; the tables: {}", names.join(", "))
        })
    }
}

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text (`Utf8`).
    Text,
    /// A label from a small set (`PER`, `killed`): dictionary-encoded text,
    /// a categorical in pandas.
    Label,
    /// A whole number (`Int64`): an index, an id, a count, an offset.
    Int,
    /// A number (`Float64`): an amount, a coordinate, a confidence to
    /// three decimals.
    Float,
    /// A flag (`Boolean`).
    Flag,
    /// A day or a local date-time (`Timestamp(ms)` without a zone; a day
    /// is its midnight), datetime64 in pandas.
    Time,
    /// An instant (`Timestamp(ms, +00:00)`, UTC).
    Instant,
}

impl ColumnKind {
    /// The Arrow type of the column.
    pub fn data_type(self) -> DataType {
        match self {
            ColumnKind::Text => DataType::Utf8,
            ColumnKind::Label => {
                DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
            }
            ColumnKind::Int => DataType::Int64,
            ColumnKind::Float => DataType::Float64,
            ColumnKind::Flag => DataType::Boolean,
            ColumnKind::Time => DataType::Timestamp(TimeUnit::Millisecond, None),
            ColumnKind::Instant => DataType::Timestamp(TimeUnit::Millisecond, Some(UTC.into())),
        }
    }

    /// The type's name in `docs/tables.md`.
    pub fn name(self) -> &'static str {
        match self {
            ColumnKind::Text => "text",
            ColumnKind::Label => "label",
            ColumnKind::Int => "int",
            ColumnKind::Float => "float",
            ColumnKind::Flag => "bool",
            ColumnKind::Time => "time",
            ColumnKind::Instant => "instant",
        }
    }
}

/// One column of a table: its name, type and meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The column's name.
    pub name: &'static str,
    /// Its type.
    pub kind: ColumnKind,
    /// What it holds, in one line.
    pub doc: &'static str,
    /// The values a label may take, when the set is closed (`PER`, `ORG`,
    /// ...): every batch's dictionary lists them all, in this order, so
    /// that the categories are the same in every batch (pandas concatenates
    /// them as categorical; a Parquet file keeps only the values used).
    /// Empty for an open set.
    pub values: &'static [&'static str],
}

/// The tables' columns as the Markdown of `docs/tables.md`: one section
/// per table, one line per column with its type and meaning.
pub fn columns_markdown() -> String {
    let mut out = String::new();
    for t in Table::ALL {
        let from = match t.layer() {
            Some(l) => format!(" (from the `{}` layer)", l.name()),
            None => String::new(),
        };
        out.push_str(&format!("### `{}`{from}\n\n", t.name()));
        out.push_str("| column | type | meaning |\n| --- | --- | --- |\n");
        for c in t.columns() {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                c.name,
                c.kind.name(),
                c.doc
            ));
        }
        out.push('\n');
    }
    out
}

/// One cell of a row, as the row functions give it.
enum Cell<'a> {
    Str(Option<&'a str>),
    Owned(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
    Flag(Option<bool>),
    Time(Option<NaiveDateTime>),
}

/// A label builder whose dictionary starts with `values`.
fn labels(values: &[&str]) -> StringDictionaryBuilder<Int32Type> {
    if values.is_empty() {
        return StringDictionaryBuilder::new();
    }
    // A few short distinct values always fit an Int32 dictionary.
    StringDictionaryBuilder::new_with_dictionary(0, &StringArray::from(values.to_vec()))
        .unwrap_or_default()
}

/// A column being built.
enum ColumnBuilder {
    Text(StringBuilder),
    Label(StringDictionaryBuilder<Int32Type>, &'static [&'static str]),
    Int(Int64Builder),
    Float(Float64Builder),
    Flag(BooleanBuilder),
    Time(TimestampMillisecondBuilder),
    Instant(TimestampMillisecondBuilder),
}

impl ColumnBuilder {
    fn new(column: &Column) -> Self {
        match column.kind {
            ColumnKind::Text => ColumnBuilder::Text(StringBuilder::new()),
            ColumnKind::Label => ColumnBuilder::Label(labels(column.values), column.values),
            ColumnKind::Int => ColumnBuilder::Int(Int64Builder::new()),
            ColumnKind::Float => ColumnBuilder::Float(Float64Builder::new()),
            ColumnKind::Flag => ColumnBuilder::Flag(BooleanBuilder::new()),
            ColumnKind::Time => ColumnBuilder::Time(TimestampMillisecondBuilder::new()),
            ColumnKind::Instant => {
                ColumnBuilder::Instant(TimestampMillisecondBuilder::new().with_timezone(UTC))
            }
        }
    }

    /// Appends a cell; a cell of another type than the column's is a null
    /// (the row functions and the column lists are checked to agree by the
    /// tests).
    fn append(&mut self, cell: &Cell<'_>) {
        let text = match cell {
            Cell::Str(s) => Some(*s),
            Cell::Owned(s) => Some(s.as_deref()),
            _ => None,
        };
        match self {
            ColumnBuilder::Text(b) => b.append_option(text.flatten()),
            ColumnBuilder::Label(b, _) => match text.flatten() {
                Some(s) => {
                    // Only a full dictionary fails; the value is then left out.
                    if b.append(s).is_err() {
                        b.append_null();
                    }
                }
                None => b.append_null(),
            },
            ColumnBuilder::Int(b) => b.append_option(match cell {
                Cell::Int(v) => *v,
                _ => None,
            }),
            ColumnBuilder::Float(b) => b.append_option(match cell {
                Cell::Float(v) => *v,
                _ => None,
            }),
            ColumnBuilder::Flag(b) => b.append_option(match cell {
                Cell::Flag(v) => *v,
                _ => None,
            }),
            ColumnBuilder::Time(b) | ColumnBuilder::Instant(b) => b.append_option(match cell {
                Cell::Time(v) => v.map(|t| t.and_utc().timestamp_millis()),
                _ => None,
            }),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Text(b) => Arc::new(b.finish()),
            ColumnBuilder::Label(b, values) => {
                let array = Arc::new(b.finish());
                // `finish` empties the dictionary: the next batch lists the values again.
                *b = labels(values);
                array
            }
            ColumnBuilder::Int(b) => Arc::new(b.finish()),
            ColumnBuilder::Float(b) => Arc::new(b.finish()),
            ColumnBuilder::Flag(b) => Arc::new(b.finish()),
            ColumnBuilder::Time(b) => Arc::new(b.finish()),
            ColumnBuilder::Instant(b) => Arc::new(b.finish().with_timezone(UTC)),
        }
    }
}

/// Builds one table from extractions and error records, a batch at a time.
pub struct TableBuilder {
    table: Table,
    schema: SchemaRef,
    columns: Vec<ColumnBuilder>,
    rows: usize,
    text_bytes: usize,
}

/// The fields of a failed record's row in the errors table.
#[derive(Debug, Clone, Copy)]
pub struct ErrorRow<'a> {
    /// The record's id, if read.
    pub id: Option<&'a str>,
    /// The error's kind (`json`, `empty`, ...).
    pub kind: &'a str,
    /// The message, naming the file, line and record.
    pub message: &'a str,
    /// The input file.
    pub file: Option<&'a str>,
    /// The line (JSONL).
    pub line: Option<u64>,
    /// The record's index in its file.
    pub record: Option<u64>,
    /// The byte offset of the fault.
    pub byte: Option<u64>,
}

impl TableBuilder {
    /// An empty builder of `table`.
    pub fn new(table: Table) -> Self {
        TableBuilder {
            table,
            schema: table.schema(),
            columns: table.columns().iter().map(ColumnBuilder::new).collect(),
            rows: 0,
            text_bytes: 0,
        }
    }

    /// The table it builds.
    pub fn table(&self) -> Table {
        self.table
    }

    /// The table's schema.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// Rows added since the last [`TableBuilder::finish`].
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True when no row was added since the last [`TableBuilder::finish`].
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Adds the rows of one extraction (none for the errors table, and none
    /// when the table's layer did not run: see [`Table::available_in`]).
    pub fn push(&mut self, x: &Extraction) {
        let mut sink = Rows { builder: self };
        rows::extraction_rows(sink.builder.table, x, &mut sink);
    }

    /// Adds the row of a record that failed (to the errors table only).
    pub fn push_error(&mut self, e: &RecordError) {
        let message = e.to_string();
        self.push_error_row(&ErrorRow {
            id: e.id.as_deref(),
            kind: e.error.kind(),
            message: &message,
            file: e.origin.file.as_deref(),
            line: e.origin.line,
            record: e.origin.record,
            byte: e.error.byte(),
        });
    }

    /// Adds the row of a record that failed, from its parts (to the errors
    /// table only).
    pub fn push_error_row(&mut self, e: &ErrorRow<'_>) {
        if self.table == Table::Errors {
            let mut sink = Rows { builder: self };
            rows::error_row(e, &mut sink);
        }
    }

    /// Bytes of text added since the last [`TableBuilder::finish`]: a
    /// caller finishes a batch before this nears 2 GiB (the most an Arrow
    /// text column of one batch holds).
    pub fn text_bytes(&self) -> usize {
        self.text_bytes
    }

    /// Adds one result of [`crate::Extractor::extract_batch`].
    pub fn push_result(&mut self, r: &Result<Extraction, RecordError>) {
        match r {
            Ok(x) => self.push(x),
            Err(e) => self.push_error(e),
        }
    }

    /// The rows added since the last call, as one record batch; the
    /// builder is then empty and ready for more.
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(|c| c.finish()).collect();
        self.rows = 0;
        self.text_bytes = 0;
        RecordBatch::try_new(self.schema.clone(), arrays)
    }

    fn row(&mut self, cells: &[Cell<'_>]) {
        debug_assert_eq!(cells.len(), self.columns.len(), "{}", self.table);
        for (i, column) in self.columns.iter_mut().enumerate() {
            let cell = cells.get(i).unwrap_or(&Cell::Str(None));
            self.text_bytes += match cell {
                Cell::Str(v) => v.map_or(0, str::len),
                Cell::Owned(v) => v.as_ref().map_or(0, String::len),
                _ => 0,
            };
            column.append(cell);
        }
        self.rows += 1;
    }
}

/// Where the row functions put their rows.
struct Rows<'b> {
    builder: &'b mut TableBuilder,
}

impl Rows<'_> {
    fn row(&mut self, cells: &[Cell<'_>]) {
        self.builder.row(cells);
    }
}

/// The rows of many results as one record batch of `table`.
pub fn to_record_batch<'a>(
    table: Table,
    results: impl IntoIterator<Item = &'a Extraction>,
) -> Result<RecordBatch, ArrowError> {
    let mut b = TableBuilder::new(table);
    for x in results {
        b.push(x);
    }
    b.finish()
}
