//! Turning command-line inputs (files, folders, standard input, the bundled
//! samples) into a lazy stream of records.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use dateline::input::{self, InputFormat, JsonlReader};
use dateline::samples::SAMPLES;
use dateline::{Article, Error, Origin, RecordError};

/// Extensions read from folders.
const FOLDER_EXTENSIONS: &[&str] = &["txt", "json", "jsonl", "ndjson"];

/// Largest JSON document (a whole `.json` file) read into memory.
const MAX_JSON_DOCUMENT: u64 = 1 << 30;

/// One unit of input.
#[derive(Debug, Clone)]
pub enum Unit {
    /// A file to read.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// A bundled sample (index into [`SAMPLES`]).
    Sample(usize),
    /// An input that could not be listed (an unreadable folder or entry).
    Unreadable(PathBuf, String),
}

/// What the inputs expand to, with counts for the user.
#[derive(Debug, Default)]
pub struct Plan {
    /// The units, in a stable order.
    pub units: Vec<Unit>,
    /// Files in folders skipped for their extension.
    pub skipped: usize,
    /// Total size in bytes of the files, for progress.
    pub total_bytes: u64,
}

/// Expands the command-line inputs: `-` is standard input, folders are walked
/// recursively in name order, no input means the bundled samples.
pub fn plan(inputs: &[String]) -> Plan {
    let mut plan = Plan::default();
    if inputs.is_empty() {
        plan.units = (0..SAMPLES.len()).map(Unit::Sample).collect();
        plan.total_bytes = SAMPLES.iter().map(|s| s.text.len() as u64).sum();
        return plan;
    }
    for raw in inputs {
        if raw == "-" {
            plan.units.push(Unit::Stdin);
            continue;
        }
        let path = PathBuf::from(raw);
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, &mut plan),
            Ok(m) => {
                plan.total_bytes += m.len();
                plan.units.push(Unit::File(path));
            }
            Err(e) => plan.units.push(Unit::Unreadable(path, e.to_string())),
        }
    }
    plan
}

fn walk(dir: &Path, plan: &mut Plan) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
        Err(e) => Err(e),
    };
    let mut entries = match entries {
        Ok(e) => e,
        Err(e) => {
            plan.units
                .push(Unit::Unreadable(dir.to_path_buf(), e.to_string()));
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        // Follow symbolic links; a dangling one is an unreadable input.
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, plan),
            Ok(m) => {
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(|e| e.to_ascii_lowercase())
                    .unwrap_or_default();
                if FOLDER_EXTENSIONS.contains(&ext.as_str()) {
                    plan.total_bytes += m.len();
                    plan.units.push(Unit::File(path));
                } else {
                    plan.skipped += 1;
                }
            }
            Err(e) => plan.units.push(Unit::Unreadable(path, e.to_string())),
        }
    }
}

/// Options for reading.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Forced input format, or `None` to go by extension (files) or content (stdin).
    pub format: Option<InputFormat>,
    /// Largest article, in bytes.
    pub max_article_bytes: u64,
}

type Record = Result<Article, RecordError>;

/// A lazy stream of records over a plan's units.
pub struct Records {
    units: std::vec::IntoIter<Unit>,
    current: Option<Box<dyn Iterator<Item = Record>>>,
    options: ReadOptions,
}

impl Records {
    /// Records of `plan`, read lazily.
    pub fn new(plan: Plan, options: ReadOptions) -> Self {
        Records {
            units: plan.units.into_iter(),
            current: None,
            options,
        }
    }
}

impl Iterator for Records {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(it) = &mut self.current {
                if let Some(r) = it.next() {
                    return Some(r);
                }
                self.current = None;
            }
            let unit = self.units.next()?;
            self.current = Some(open(unit, self.options));
        }
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn one(r: Record) -> Box<dyn Iterator<Item = Record>> {
    Box::new(std::iter::once(r))
}

fn open(unit: Unit, opts: ReadOptions) -> Box<dyn Iterator<Item = Record>> {
    match unit {
        Unit::Sample(i) => {
            let s = &SAMPLES[i];
            let origin = Origin::file(format!("samples/{}", s.name));
            one(input::read_text(
                s.text.as_bytes(),
                origin,
                Some(s.id().to_string()),
            ))
        }
        Unit::Unreadable(path, message) => one(Err(RecordError::new(
            Origin::file(display(&path)),
            Error::Io { message },
        ))),
        Unit::File(path) => {
            let name = display(&path);
            let format = opts.format.unwrap_or_else(|| InputFormat::from_path(&name));
            let file = match File::open(&path) {
                Ok(f) => f,
                Err(e) => return one(Err(RecordError::new(Origin::file(name), e.into()))),
            };
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            read_stream(
                Box::new(BufReader::with_capacity(1 << 16, file)),
                name,
                format,
                Some(size),
                opts,
            )
        }
        Unit::Stdin => {
            let mut reader: Box<dyn BufRead> =
                Box::new(BufReader::with_capacity(1 << 16, io::stdin()));
            let mut format = match opts.format {
                Some(f) => f,
                None => match reader.fill_buf() {
                    Ok(head) => InputFormat::sniff(head),
                    Err(e) => return one(Err(RecordError::new(Origin::file("<stdin>"), e.into()))),
                },
            };
            if opts.format.is_none() && format == InputFormat::Jsonl {
                // One object per line, or one pretty-printed object? Look at the first line.
                let mut first = Vec::new();
                if let Err(e) = reader.read_until(b'\n', &mut first) {
                    return one(Err(RecordError::new(Origin::file("<stdin>"), e.into())));
                }
                if serde_json::from_slice::<serde_json::Value>(&first).is_err() {
                    format = InputFormat::Json;
                }
                reader = Box::new(io::Cursor::new(first).chain(reader));
            }
            read_stream(reader, "<stdin>".into(), format, None, opts)
        }
    }
}

fn read_stream(
    mut reader: Box<dyn BufRead>,
    name: String,
    format: InputFormat,
    size: Option<u64>,
    opts: ReadOptions,
) -> Box<dyn Iterator<Item = Record>> {
    let origin = Origin::file(name.clone());
    match format {
        InputFormat::Jsonl => {
            // JSON escapes can make a record longer than its text: allow room.
            let max_line = opts
                .max_article_bytes
                .saturating_mul(2)
                .saturating_add(1 << 16);
            Box::new(JsonlReader::new(reader, origin).with_max_line(max_line))
        }
        InputFormat::Json => {
            if let Some(size) = size.filter(|s| *s > MAX_JSON_DOCUMENT) {
                return one(Err(RecordError::new(
                    origin,
                    Error::TooLarge {
                        size,
                        limit: MAX_JSON_DOCUMENT,
                    },
                )));
            }
            let mut bytes = Vec::new();
            if let Err(e) = reader.take(MAX_JSON_DOCUMENT + 1).read_to_end(&mut bytes) {
                return one(Err(RecordError::new(origin, e.into())));
            }
            if bytes.len() as u64 > MAX_JSON_DOCUMENT {
                let size = bytes.len() as u64;
                return one(Err(RecordError::new(
                    origin,
                    Error::TooLarge {
                        size,
                        limit: MAX_JSON_DOCUMENT,
                    },
                )));
            }
            Box::new(input::read_json(&bytes, origin).into_iter())
        }
        _ => {
            let id = Some(input::file_stem(&name).to_string());
            let limit = opts.max_article_bytes;
            if let Some(size) = size.filter(|s| *s > limit) {
                return one(Err(RecordError::new(
                    origin,
                    Error::TooLarge { size, limit },
                )
                .with_id(id)));
            }
            let mut bytes = Vec::new();
            if let Err(e) = (&mut reader).take(limit + 1).read_to_end(&mut bytes) {
                return one(Err(RecordError::new(origin, e.into()).with_id(id)));
            }
            if bytes.len() as u64 > limit {
                // Standard input: count the rest without keeping it.
                let rest = io::copy(&mut reader, &mut io::sink()).unwrap_or(0);
                let size = bytes.len() as u64 + rest;
                return one(Err(RecordError::new(
                    origin,
                    Error::TooLarge { size, limit },
                )
                .with_id(id)));
            }
            one(input::read_text(&bytes, origin, id))
        }
    }
}
