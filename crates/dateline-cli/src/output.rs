//! Writing results: JSONL, pretty JSON, or the evaluation format.

use std::io::{self, Write};

use dateline::{eval, Extraction, RecordError};

/// Output formats of `dateline extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON record per line (extractions and error records).
    Jsonl,
    /// One pretty-printed JSON array of records.
    Json,
    /// The schema of `../shared/eval` (code-point offsets), one record per line.
    Eval,
    /// One Parquet file per table (`--tables`) in the folder of `-o` (docs/tables.md).
    Parquet,
    /// One CSV file per table (`--tables`) in the folder of `-o` (docs/tables.md).
    Csv,
}

impl Format {
    /// The file format of the tables, for `parquet` and `csv`.
    pub fn tables(self) -> Option<crate::tables::FileFormat> {
        match self {
            Format::Parquet => Some(crate::tables::FileFormat::Parquet),
            Format::Csv => Some(crate::tables::FileFormat::Csv),
            _ => None,
        }
    }
}

/// Writes records in one format.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    extent: Option<eval::Extent>,
    coded_events: bool,
    written: u64,
}

impl<W: Write> Writer<W> {
    /// A writer of `format` to `out`; `extent` fixes what the evaluation
    /// format's entity items span (`None`: each record's corpus decides).
    pub fn new(out: W, format: Format, extent: Option<eval::Extent>) -> Self {
        Writer {
            out,
            format,
            extent,
            coded_events: false,
            written: 0,
        }
    }

    /// With `true`, the evaluation format keeps only coded events.
    pub fn coded_events(mut self, only: bool) -> Self {
        self.coded_events = only;
        self
    }

    /// Writes one result.
    pub fn write(&mut self, r: &Result<Extraction, RecordError>) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                match r {
                    Ok(x) => serde_json::to_writer(&mut self.out, x)?,
                    Err(e) => serde_json::to_writer(&mut self.out, e)?,
                }
                self.out.write_all(b"\n")?;
            }
            Format::Eval => {
                let mut v = match r {
                    Ok(x) => eval::to_eval_with(
                        x,
                        self.extent.unwrap_or_else(|| eval::Extent::of_record(x)),
                    ),
                    Err(e) => eval::error_to_eval(e),
                };
                if self.coded_events {
                    eval::keep_coded_events(&mut v);
                }
                serde_json::to_writer(&mut self.out, &v)?;
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                self.out
                    .write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                match r {
                    Ok(x) => serde_json::to_writer_pretty(&mut self.out, x)?,
                    Err(e) => serde_json::to_writer_pretty(&mut self.out, e)?,
                }
            }
            Format::Parquet | Format::Csv => {
                return Err(io::Error::other("tables are written by tables::TableFiles"))
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Flushes what is written so far (a JSON array stays open).
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Ends the output and flushes it.
    pub fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}
