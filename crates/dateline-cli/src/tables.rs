//! `--format parquet|csv`: one file per table in the folder of `-o`,
//! written in batches so that memory stays bounded whatever the input.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;
use dateline::tables::{Table, TableBuilder};
use dateline::{Extraction, RecordError};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

/// The file format of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// Apache Parquet, Snappy-compressed, with the Arrow schema.
    Parquet,
    /// CSV with a header line.
    Csv,
}

impl FileFormat {
    fn extension(self) -> &'static str {
        match self {
            FileFormat::Parquet => "parquet",
            FileFormat::Csv => "csv",
        }
    }
}

/// Rows a table holds before they go to its file as one batch.
const BATCH_ROWS: usize = 8192;
/// Rows of a Parquet row group.
const ROW_GROUP_ROWS: usize = 64 * 1024;
/// Encoded bytes of a Parquet row group held in memory before it is written.
const ROW_GROUP_BYTES: usize = 32 << 20;

/// The tables written when `--tables` is not given: every table but the
/// large per-token and per-sentence ones.
pub const DEFAULT_TABLES: &[Table] = &[
    Table::Articles,
    Table::Mentions,
    Table::Entities,
    Table::Roles,
    Table::Places,
    Table::Quotes,
    Table::Figures,
    Table::Timex,
    Table::FocusCountries,
    Table::Events,
    Table::EventMentions,
    Table::Errors,
];

/// Reads `--tables`: names separated by commas, each once.
pub fn parse_tables(names: &[String]) -> Result<Vec<Table>, String> {
    let mut out = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let t: Table = name.parse()?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    if out.is_empty() {
        return Err("--tables names no table".into());
    }
    Ok(out)
}

/// The layers to run for `tables` when `--layers` is not given: those the
/// tables come from (the tokens table's parse from the syntax layer), each
/// with the layers it needs, so that `--tables quotes` does not parse,
/// code events or resolve figures nobody asked for.
pub fn layers_for(tables: &[Table]) -> Vec<String> {
    let mut layers: Vec<String> = tables
        .iter()
        .filter_map(|t| match t {
            Table::Tokens => Some(dateline::Layer::Syntax),
            t => t.layer(),
        })
        .map(|l| l.name().to_string())
        .collect();
    layers.dedup();
    layers
}

enum Sink {
    Parquet(Box<ArrowWriter<BufWriter<File>>>),
    Csv(Box<arrow_csv::Writer<BufWriter<File>>>),
}

/// One table's builder and file.
struct TableFile {
    builder: TableBuilder,
    sink: Sink,
    temp: tempfile::NamedTempFile,
    target: PathBuf,
    /// Batches written so far.
    batches: u64,
}

/// The files of the tables, in the folder of `-o`, written to temporary
/// files beside their names and given their names when the run ends.
pub struct TableFiles {
    files: Vec<TableFile>,
    checked: bool,
}

fn other(e: impl std::fmt::Display, path: &Path) -> io::Error {
    io::Error::other(format!("cannot write {}: {e}", path.display()))
}

impl TableFiles {
    /// Creates the folder `dir` if needed and a temporary file per table in
    /// it; refuses when a table's file exists already (nothing is created
    /// then).
    pub fn create(dir: &Path, tables: &[Table], format: FileFormat) -> io::Result<Self> {
        if dir.exists() && !dir.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "cannot write the tables to {}: it is a file; --format {} writes one file per table into a folder",
                    dir.display(),
                    format.extension()
                ),
            ));
        }
        let targets: Vec<PathBuf> = tables
            .iter()
            .map(|t| dir.join(format!("{}.{}", t.name(), format.extension())))
            .collect();
        let existing: Vec<String> = targets
            .iter()
            .filter(|p| p.exists() || p.is_symlink())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "refusing to overwrite {}: remove it or write to another folder",
                    existing.join(", ")
                ),
            ));
        }
        std::fs::create_dir_all(dir).map_err(|e| other(e, dir))?;
        let mut files = Vec::new();
        for (&table, target) in tables.iter().zip(targets) {
            let mut temp = tempfile::Builder::new();
            temp.prefix(".dateline-").suffix(".tmp");
            // As File::create: 0o666 less the umask.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                temp.permissions(std::fs::Permissions::from_mode(0o666));
            }
            let temp = temp.tempfile_in(dir).map_err(|e| other(e, &target))?;
            let out = BufWriter::with_capacity(1 << 16, temp.reopen()?);
            let builder = TableBuilder::new(table);
            let sink = match format {
                FileFormat::Parquet => {
                    let props = WriterProperties::builder()
                        .set_compression(Compression::SNAPPY)
                        .set_max_row_group_size(ROW_GROUP_ROWS)
                        .build();
                    Sink::Parquet(Box::new(
                        ArrowWriter::try_new(out, builder.schema(), Some(props))
                            .map_err(|e| other(e, &target))?,
                    ))
                }
                FileFormat::Csv => Sink::Csv(Box::new(
                    arrow_csv::WriterBuilder::new().with_header(true).build(out),
                )),
            };
            files.push(TableFile {
                builder,
                sink,
                temp,
                target,
                batches: 0,
            });
        }
        Ok(TableFiles {
            files,
            checked: false,
        })
    }

    /// Adds one result's rows; refuses (once, on the first extraction) a
    /// table whose layer did not run.
    pub fn write(&mut self, r: &Result<Extraction, RecordError>) -> io::Result<()> {
        if let Ok(x) = r {
            if !self.checked {
                self.checked = true;
                for f in &self.files {
                    let t = f.builder.table();
                    if let (false, Some(layer)) = (t.available_in(x), t.layer()) {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidInput,
                            format!(
                                "the {t} table comes from the {} layer, which did not run: add it to --layers",
                                layer.name()
                            ),
                        ));
                    }
                }
            }
        }
        for f in &mut self.files {
            f.builder.push_result(r);
            if f.builder.len() >= BATCH_ROWS {
                f.write_batch()?;
            }
        }
        Ok(())
    }

    /// Ends every file and gives it its name; a file that appeared
    /// meanwhile is not replaced.
    pub fn finish(self) -> io::Result<()> {
        let mut done = Vec::new();
        for mut f in self.files {
            if !f.builder.is_empty() || f.batches == 0 {
                // An empty table still gets its header (CSV) or schema.
                f.write_batch()?;
            }
            match f.sink {
                Sink::Parquet(w) => {
                    w.close().map_err(|e| other(e, &f.target))?;
                }
                Sink::Csv(w) => {
                    let mut out = w.into_inner();
                    io::Write::flush(&mut out)?;
                }
            }
            f.temp.as_file().sync_all()?;
            done.push((f.temp, f.target));
        }
        for (temp, target) in done {
            temp.persist_noclobber(&target).map_err(|e| {
                io::Error::new(
                    e.error.kind(),
                    format!("cannot write {}: {}", target.display(), e.error),
                )
            })?;
        }
        Ok(())
    }
}

impl TableFile {
    fn write_batch(&mut self) -> io::Result<()> {
        let batch: RecordBatch = self.builder.finish().map_err(|e| other(e, &self.target))?;
        match &mut self.sink {
            Sink::Parquet(w) => {
                w.write(&batch).map_err(|e| other(e, &self.target))?;
                if w.in_progress_size() >= ROW_GROUP_BYTES {
                    w.flush().map_err(|e| other(e, &self.target))?;
                }
            }
            Sink::Csv(w) => w.write(&batch).map_err(|e| other(e, &self.target))?,
        }
        self.batches += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline::{Config, Layer};

    fn run(tables: &[Table]) -> Vec<Layer> {
        let layers = layers_for(tables)
            .iter()
            .map(|l| l.parse::<Layer>().expect("a layer name"))
            .collect::<Vec<_>>();
        Config::default().layers(layers).layers
    }

    #[test]
    fn the_tables_asked_for_run_only_the_layers_they_need() {
        let quotes = run(&[Table::Quotes]);
        assert!(quotes.contains(&Layer::Quotes) && quotes.contains(&Layer::Entities));
        assert!(!quotes.contains(&Layer::Events) && !quotes.contains(&Layer::Figures));
        let some = run(&[Table::Entities, Table::Quotes, Table::Figures]);
        assert!(some.contains(&Layer::Resolve) && some.contains(&Layer::Figures));
        assert!(!some.contains(&Layer::Events));
        assert_eq!(run(&[Table::Articles]), [Layer::Article]);
        assert!(run(&[Table::Tokens]).contains(&Layer::Syntax));
        assert!(run(&[Table::Events]).contains(&Layer::Events));
    }
}
