//! Reading articles from the file system: inputs as the `dateline` command
//! and the bindings' `read_folder` take them (files, folders, standard
//! input, the bundled samples), turned into a lazy stream of records by the
//! readers of [`crate::input`]; and the JSONL the command writes, read back
//! as extractions ([`read_output_line`]).

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::article::input::{self, InputFormat, JsonlReader};
use crate::article::Article;
use crate::error::{Error, RecordError};
use crate::origin::Origin;
use crate::pipeline::Extraction;
use crate::samples::SAMPLES;

use serde::{Deserialize, Serialize};

/// Extensions read from folders.
pub const FOLDER_EXTENSIONS: &[&str] = &["txt", "json", "jsonl", "ndjson", "parquet"];

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
    /// An entry of a folder that is not a regular file (a FIFO, socket or
    /// device), with what it is: never opened, as reading it could block forever.
    NotRegular(PathBuf, &'static str),
}

/// The identity of a file: device and inode on Unix, the canonical path
/// elsewhere. Two names (links, `./a` and `a`) of one file have one identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FileId {
    /// The identity of the file at `path`, whose metadata (following links) is `meta`.
    #[cfg(unix)]
    pub fn of(_path: &Path, meta: &std::fs::Metadata) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        Some(FileId((meta.dev(), meta.ino())))
    }

    /// The identity of the file at `path`, whose metadata (following links) is `meta`.
    #[cfg(not(unix))]
    pub fn of(path: &Path, _meta: &std::fs::Metadata) -> Option<FileId> {
        std::fs::canonicalize(path).ok().map(FileId)
    }

    /// The identity of the file `path` names, when it exists.
    pub fn of_path(path: &Path) -> Option<FileId> {
        let meta = std::fs::metadata(path).ok()?;
        FileId::of(path, &meta)
    }
}

/// The metadata of what standard input (`fd` 0) or output (`fd` 1) is
/// connected to; `None` when it cannot be known.
#[cfg(unix)]
pub fn std_stream_metadata(output: bool) -> Option<std::fs::Metadata> {
    use std::os::fd::AsFd;
    let fd = if output {
        io::stdout().as_fd().try_clone_to_owned()
    } else {
        io::stdin().as_fd().try_clone_to_owned()
    };
    File::from(fd.ok()?).metadata().ok()
}

/// The metadata of what standard input or output is connected to; `None`
/// when it cannot be known.
#[cfg(not(unix))]
pub fn std_stream_metadata(_output: bool) -> Option<std::fs::Metadata> {
    None
}

/// The identity of standard input or output, when it is a file.
pub fn std_stream_id(output: bool) -> Option<FileId> {
    #[cfg(unix)]
    {
        let meta = std_stream_metadata(output)?;
        FileId::of(Path::new(""), &meta)
    }
    #[cfg(not(unix))]
    {
        let _ = output;
        None
    }
}

/// True when the program was started with standard input closed
/// (`dateline extract - <&-`). The Rust runtime then opens `/dev/null` for
/// it, read-write, where a shell's `< /dev/null` opens it read-only: Linux
/// shows the difference in `/proc/self/fdinfo/0`. Elsewhere a closed
/// standard input reads as empty.
fn stdin_closed() -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let (Some(stdin), Ok(null)) = (std_stream_metadata(false), std::fs::metadata("/dev/null"))
        else {
            return false;
        };
        if stdin.rdev() != null.rdev() || stdin.dev() != null.dev() || stdin.ino() != null.ino() {
            return false;
        }
        let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/0") else {
            return false;
        };
        info.lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            // O_ACCMODE is 3, O_RDWR 2.
            .is_some_and(|flags| flags & 3 == 2)
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// What the inputs expand to, with counts for the user.
#[derive(Debug, Default)]
pub struct Plan {
    /// The units, in a stable order.
    pub units: Vec<Unit>,
    /// Files in folders skipped for their extension.
    pub skipped: usize,
    /// Folders and files in folders skipped because they were already read
    /// (reached again through a symbolic link, or named twice).
    pub repeated: usize,
    /// Total size in bytes of the files, for progress.
    pub total_bytes: u64,
    /// Folders walked and files planned, by identity.
    seen: HashSet<FileId>,
}

impl Plan {
    /// A plan of one unit (to read the inputs of a plan one at a time).
    pub fn of(unit: Unit) -> Plan {
        Plan {
            units: vec![unit],
            ..Plan::default()
        }
    }
}

/// Expands the command-line inputs: `-` is standard input, folders are walked
/// recursively in name order, no input means the bundled samples.
///
/// A folder is walked once however many links lead to it (so links to `..`
/// end), a file in a folder is read once however many names it has (and not
/// again when it was also named on the command line), and only regular files
/// are read from folders. Files named on the command line are read as named,
/// also when they are pipes (`<(zcat feed.jsonl.gz)`).
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
            Ok(m) if m.is_dir() => walk(&path, &m, &mut plan),
            Ok(m) => {
                if let Some(id) = FileId::of(&path, &m) {
                    plan.seen.insert(id);
                }
                plan.total_bytes += m.len();
                plan.units.push(Unit::File(path));
            }
            Err(e) => plan.units.push(Unit::Unreadable(path, e.to_string())),
        }
    }
    plan
}

/// What a file that is not a regular file or folder is.
fn file_kind(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
    }
    let _ = ft;
    "not a file"
}

fn walk(dir: &Path, meta: &std::fs::Metadata, plan: &mut Plan) {
    if let Some(id) = FileId::of(dir, meta) {
        if !plan.seen.insert(id) {
            plan.repeated += 1;
            return;
        }
    }
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
            Ok(m) if m.is_dir() => walk(&path, &m, plan),
            Ok(m) => {
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(|e| e.to_ascii_lowercase())
                    .unwrap_or_default();
                if !FOLDER_EXTENSIONS.contains(&ext.as_str()) {
                    plan.skipped += 1;
                } else if !m.is_file() {
                    plan.units
                        .push(Unit::NotRegular(path, file_kind(&m.file_type())));
                } else if FileId::of(&path, &m).is_some_and(|id| !plan.seen.insert(id)) {
                    plan.repeated += 1;
                } else {
                    plan.total_bytes += m.len();
                    plan.units.push(Unit::File(path));
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

/// An article, or the error record of an input that is not one.
pub type Record = Result<Article, RecordError>;

/// A lazy stream of records over a plan's units.
pub struct Records {
    units: std::vec::IntoIter<Unit>,
    current: Option<Box<dyn Iterator<Item = Record> + Send>>,
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

    /// The next record, opening the next input (which may wait: standard
    /// input, a pipe) when the current one ends.
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

fn not_regular(kind: &str) -> String {
    format!("not a regular file ({kind}); only regular files are read from folders")
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn one(r: Record) -> Box<dyn Iterator<Item = Record> + Send> {
    Box::new(std::iter::once(r))
}

fn open(unit: Unit, opts: ReadOptions) -> Box<dyn Iterator<Item = Record> + Send> {
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
        Unit::NotRegular(path, kind) => one(Err(RecordError::new(
            Origin::file(display(&path)),
            Error::Io {
                message: not_regular(kind),
            },
        ))),
        Unit::File(path) => {
            let name = display(&path);
            let format = opts.format.unwrap_or_else(|| InputFormat::from_path(&name));
            let file = match File::open(&path) {
                Ok(f) => f,
                Err(e) => return one(Err(RecordError::new(Origin::file(name), e.into()))),
            };
            if format == InputFormat::Parquet {
                return read_parquet_file(file, name);
            }
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
            let origin = || Origin::file("<stdin>");
            if stdin_closed() {
                return one(Err(RecordError::new(
                    origin(),
                    Error::Io {
                        message: "standard input is closed".into(),
                    },
                )));
            }
            let mut reader = BufReader::with_capacity(1 << 16, io::stdin());
            let format = match opts.format {
                Some(f) => f,
                None => {
                    // Decide by content: read up to the end of the first line
                    // that holds something, and that line's next one when it is
                    // only an opening bracket, then read on from the start.
                    let limit = input::line_limit(opts.max_article_bytes);
                    let head = match read_head(&mut reader, limit) {
                        Ok(h) => h,
                        Err(e) => return one(Err(RecordError::new(origin(), e.into()))),
                    };
                    let format = InputFormat::detect(&head);
                    let reader: Box<dyn BufRead + Send> =
                        Box::new(io::Cursor::new(head).chain(reader));
                    return read_stream(reader, "<stdin>".into(), format, None, opts);
                }
            };
            read_stream(Box::new(reader), "<stdin>".into(), format, None, opts)
        }
    }
}

/// The records of a Parquet file.
#[cfg(feature = "parquet")]
fn read_parquet_file(file: File, name: String) -> Box<dyn Iterator<Item = Record> + Send> {
    crate::article::parquet::read_parquet(file, name)
}

/// Without the `parquet` feature: an error record saying so.
#[cfg(not(feature = "parquet"))]
fn read_parquet_file(_file: File, name: String) -> Box<dyn Iterator<Item = Record> + Send> {
    one(Err(RecordError::new(
        Origin::file(name),
        Error::Io {
            message: "this build reads no Parquet (the dateline crate's `parquet` feature)".into(),
        },
    )))
}

/// Reads the start of a stream for [`InputFormat::detect`]: up to the end of
/// the first line with two non-space bytes in what was read (an opening
/// bracket on a line of its own is followed by the next line), at most
/// `limit` bytes (a longer first line is judged by its start).
fn read_head(reader: &mut impl BufRead, limit: u64) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let room = limit.saturating_sub(before as u64);
        if room == 0 {
            return Ok(head);
        }
        let n = reader.by_ref().take(room).read_until(b'\n', &mut head)?;
        if n == 0
            || head
                .iter()
                .filter(|b| !b.is_ascii_whitespace())
                .nth(1)
                .is_some()
        {
            return Ok(head);
        }
    }
}

fn read_stream(
    mut reader: Box<dyn BufRead + Send>,
    name: String,
    format: InputFormat,
    size: Option<u64>,
    opts: ReadOptions,
) -> Box<dyn Iterator<Item = Record> + Send> {
    let origin = Origin::file(name.clone());
    match format {
        // A Parquet file is read from its end: not from a stream.
        InputFormat::Parquet => one(Err(RecordError::new(
            origin,
            Error::Io {
                message: "Parquet is read from files, not from a stream: give the file's path"
                    .into(),
            },
        ))),
        InputFormat::Jsonl => {
            // JSON escapes can make a record longer than its text: the line
            // limit leaves room and names the article limit it comes from.
            Box::new(JsonlReader::new(reader, origin).with_max_article(opts.max_article_bytes))
        }
        InputFormat::Json => {
            if let Some(size) = size.filter(|s| *s > MAX_JSON_DOCUMENT) {
                return one(Err(RecordError::new(
                    origin,
                    Error::DocumentTooLarge {
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
                    Error::DocumentTooLarge {
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

/// A record of the JSONL that `dateline extract` writes, read back: an
/// extraction, the error record written for an input that failed, or (a
/// line of another shape) an article to extract.
#[derive(Debug, Clone)]
// One per record, moved at once: boxing the article would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub enum OutputRecord {
    /// An extraction (a line with `schema_version` and `article`).
    Extraction(Box<Extraction>),
    /// An error record as the command writes it (a line with `schema_version` and `error`).
    Failed(WrittenError),
    /// An input article (any other line with a `text`).
    Article(Article),
}

/// An error record as `dateline extract` writes it: the failed record's id
/// and origin, the error's kind and message and the byte it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenError {
    /// The failed record's id.
    pub id: Option<String>,
    /// Where the failed record came from.
    pub origin: Origin,
    /// The error's kind (`invalid_utf8`, `json`, ...).
    pub kind: String,
    /// The error's message.
    pub message: String,
    /// The byte offset the error points at, when it has one.
    pub byte: Option<u64>,
}

/// One line of JSONL as [`OutputRecord`]: an extraction or an error record
/// written by `dateline extract`, or an input article. A line that is an
/// extraction but cannot be read as one (another schema, a missing field)
/// is an error naming the field serde found wrong.
pub fn read_output_line(line: &[u8], origin: Origin) -> Result<OutputRecord, RecordError> {
    // The command writes `schema_version` first; anything else is an input.
    if !line.starts_with(b"{\"schema_version\":") {
        return input::parse_json_line(line, origin).map(OutputRecord::Article);
    }
    let v: serde_json::Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(_) => return input::parse_json_line(line, origin).map(OutputRecord::Article),
    };
    if v.get("article").is_some() {
        let id = input::fallback_id(&origin);
        return match serde_json::from_value::<Extraction>(v) {
            Ok(x) => Ok(OutputRecord::Extraction(Box::new(x))),
            Err(e) => {
                let error = Error::FieldType {
                    field: "(extraction)".into(),
                    expected: format!("an extraction of schema {}", crate::SCHEMA_VERSION),
                    found: e.to_string(),
                };
                Err(RecordError::new(origin, error).with_id(id))
            }
        };
    }
    let Some(error) = v.get("error") else {
        return input::article_from_json(v, origin).map(OutputRecord::Article);
    };
    let text =
        |v: &serde_json::Value, k: &str| v.get(k).and_then(|s| s.as_str()).map(str::to_string);
    let written_origin = v
        .get("origin")
        .cloned()
        .and_then(|o| serde_json::from_value::<Origin>(o).ok());
    Ok(OutputRecord::Failed(WrittenError {
        id: text(&v, "id"),
        origin: written_origin.unwrap_or(origin),
        kind: text(error, "kind").unwrap_or_else(|| "error".into()),
        message: text(error, "message").unwrap_or_default(),
        byte: error.get("byte").and_then(|b| b.as_u64()),
    }))
}

/// True when `text`, given as an article's text, is rather the path of an
/// existing file (`/data/article.txt`): one short line naming a regular file.
/// The bindings refuse such a text, pointing to their file readers, rather
/// than extract the path as if it were the article.
pub fn names_a_file(text: &str) -> bool {
    /// Longer than any path a system takes.
    const MAX_PATH: usize = 4096;
    !text.is_empty()
        && text.len() <= MAX_PATH
        && !text.contains(['\n', '\r', '\0'])
        && std::fs::metadata(text).is_ok_and(|m| m.is_file())
}

/// A share of the inputs that one worker reads on its own (`dateline.dask`
/// spreads them over a cluster): whole files, a range of lines of one
/// JSONL file, or a range of row groups of one Parquet file. The records of a plan's parts, read one after another, are
/// the records of the plan, with the same origins (file, line, record,
/// byte) and ids, in the same order. Parts serialize (serde), to travel to
/// the workers; they name files by path, so the workers must see the same
/// file system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Part {
    /// Whole inputs, read in this order.
    Units {
        /// The inputs.
        units: Vec<PartUnit>,
    },
    /// The lines of a JSONL file from byte `start` (the start of a line) to
    /// byte `end` (the start of a line, or the end of the file).
    Lines {
        /// The file.
        path: PathBuf,
        /// First byte.
        start: u64,
        /// One past the last byte.
        end: u64,
        /// Lines of the file before `start`.
        line: u64,
        /// Records (lines with something on them) before `start`.
        record: u64,
    },
    /// Row groups `first..end` of a Parquet file.
    RowGroups {
        /// The file.
        path: PathBuf,
        /// The first row group.
        first: usize,
        /// One past the last.
        end: usize,
        /// Rows of the file before the first.
        rows: u64,
    },
}

/// One input of a [`Part`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PartUnit {
    /// A file, read as a whole.
    File {
        /// Its path.
        path: PathBuf,
    },
    /// A bundled sample (index into [`SAMPLES`]).
    Sample {
        /// The index.
        index: usize,
    },
    /// An input that cannot be read: one error record.
    Failed {
        /// What was named.
        path: PathBuf,
        /// Why it cannot be read.
        message: String,
    },
}

/// Splits a plan into parts of about `part_bytes` each, for workers: small
/// files are grouped (in plan order) until a part holds `part_bytes`; a
/// JSONL file larger than that (by extension, or every file with
/// `options.format` JSONL) is cut at line starts into ranges of about
/// `part_bytes`, which takes one read of the file to count its lines. Text
/// and JSON files are never cut. Standard input cannot be shared with
/// workers: it becomes an error record.
pub fn split(plan: Plan, part_bytes: u64, options: ReadOptions) -> Vec<Part> {
    let part_bytes = part_bytes.max(1);
    let mut parts = Vec::new();
    let mut units: Vec<PartUnit> = Vec::new();
    let mut held: u64 = 0;
    let flush = |units: &mut Vec<PartUnit>, held: &mut u64, parts: &mut Vec<Part>| {
        if !units.is_empty() {
            parts.push(Part::Units {
                units: std::mem::take(units),
            });
        }
        *held = 0;
    };
    for unit in plan.units {
        let (unit, size) = match unit {
            Unit::File(path) => {
                let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                let format = options
                    .format
                    .unwrap_or_else(|| InputFormat::from_path(&display(&path)));
                if format == InputFormat::Parquet && size > part_bytes {
                    if let Some(groups) = row_group_parts(&path, part_bytes) {
                        flush(&mut units, &mut held, &mut parts);
                        parts.extend(groups);
                        continue;
                    }
                    (PartUnit::File { path }, size)
                } else if format == InputFormat::Jsonl && size > part_bytes {
                    match line_ranges(&path, part_bytes, options) {
                        Ok(ranges) => {
                            flush(&mut units, &mut held, &mut parts);
                            parts.extend(ranges);
                            continue;
                        }
                        // Read whole, where its error record will say why.
                        Err(_) => (PartUnit::File { path }, size),
                    }
                } else {
                    (PartUnit::File { path }, size)
                }
            }
            Unit::Sample(index) => (PartUnit::Sample { index }, SAMPLES[index].text.len() as u64),
            Unit::Unreadable(path, message) => (PartUnit::Failed { path, message }, 0),
            Unit::NotRegular(path, kind) => (
                PartUnit::Failed {
                    path,
                    message: not_regular(kind),
                },
                0,
            ),
            Unit::Stdin => (
                PartUnit::Failed {
                    path: "<stdin>".into(),
                    message: "standard input cannot be shared with workers: give files".into(),
                },
                0,
            ),
        };
        units.push(unit);
        held += size;
        if held >= part_bytes {
            flush(&mut units, &mut held, &mut parts);
        }
    }
    flush(&mut units, &mut held, &mut parts);
    parts
}

/// The line ranges of a JSONL file, each about `part_bytes`, with the lines
/// and records before each (blank lines are not records, as
/// [`JsonlReader`] reads them).
fn line_ranges(path: &Path, part_bytes: u64, options: ReadOptions) -> io::Result<Vec<Part>> {
    let mut reader = BufReader::with_capacity(1 << 16, File::open(path)?);
    let max_line = input::line_limit(options.max_article_bytes);
    let mut parts = Vec::new();
    let (mut start, mut line, mut record) = (0u64, 0u64, 0u64);
    let (mut byte, mut lines, mut records) = (0u64, 0u64, 0u64);
    // The current line: its length so far and whether it holds anything.
    let (mut len, mut blank, mut at_start) = (0u64, true, true);
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        // A byte order mark opening a line is not content.
        let mut body = chunk;
        if at_start && len == 0 {
            body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        }
        at_start = false;
        blank &= body.iter().all(u8::is_ascii_whitespace);
        len += chunk.len() as u64;
        let consumed = done.unwrap_or(buf.len());
        reader.consume(consumed);
        byte += consumed as u64;
        if done.is_some() {
            lines += 1;
            if !blank || len > max_line {
                records += 1;
            }
            (len, blank, at_start) = (0, true, true);
            if byte - start >= part_bytes {
                parts.push(Part::Lines {
                    path: path.to_path_buf(),
                    start,
                    end: byte,
                    line,
                    record,
                });
                (start, line, record) = (byte, lines, records);
            }
        }
    }
    if byte > start || parts.is_empty() {
        parts.push(Part::Lines {
            path: path.to_path_buf(),
            start,
            end: byte,
            line,
            record,
        });
    }
    Ok(parts)
}

impl Records {
    /// The records of one part of [`split`], read lazily, with the origins
    /// they have when the whole plan is read.
    pub fn of_part(part: Part, options: ReadOptions) -> Records {
        match part {
            Part::Units { units } => {
                let units = units
                    .into_iter()
                    .map(|u| match u {
                        PartUnit::File { path } => Unit::File(path),
                        PartUnit::Sample { index } if index < SAMPLES.len() => Unit::Sample(index),
                        PartUnit::Sample { index } => Unit::Unreadable(
                            format!("samples/{index}").into(),
                            format!("no bundled sample {index}"),
                        ),
                        PartUnit::Failed { path, message } => Unit::Unreadable(path, message),
                    })
                    .collect();
                Records::new(
                    Plan {
                        units,
                        ..Plan::default()
                    },
                    options,
                )
            }
            Part::Lines {
                path,
                start,
                end,
                line,
                record,
            } => {
                let name = display(&path);
                let opened = File::open(&path).and_then(|mut f| {
                    f.seek(SeekFrom::Start(start))?;
                    Ok(f)
                });
                let current = match opened {
                    Ok(file) => {
                        let reader = BufReader::with_capacity(1 << 16, file.take(end - start));
                        let origin = Origin {
                            byte: Some(start),
                            ..Origin::file(name)
                        };
                        Box::new(
                            JsonlReader::new(reader, origin)
                                .with_max_article(options.max_article_bytes)
                                .resume(line, record),
                        ) as Box<dyn Iterator<Item = Record> + Send>
                    }
                    Err(e) => one(Err(RecordError::new(Origin::file(name), e.into()))),
                };
                Records {
                    units: Vec::new().into_iter(),
                    current: Some(current),
                    options,
                }
            }
            Part::RowGroups {
                path,
                first,
                end,
                rows,
            } => {
                let name = display(&path);
                let current = match File::open(&path) {
                    Ok(file) => read_parquet_groups(file, name, first..end, rows),
                    Err(e) => one(Err(RecordError::new(Origin::file(name), e.into()))),
                };
                Records {
                    units: Vec::new().into_iter(),
                    current: Some(current),
                    options,
                }
            }
        }
    }
}

/// The row groups of a Parquet file in parts of about `part_bytes`
/// (compressed), each at least one group; `None` when the file's footer
/// cannot be read (it is then read whole, where its error record says why)
/// or it has a single group.
#[cfg(feature = "parquet")]
fn row_group_parts(path: &Path, part_bytes: u64) -> Option<Vec<Part>> {
    let sizes = crate::article::parquet::row_groups(File::open(path).ok()?)?;
    if sizes.len() < 2 {
        return None;
    }
    let mut parts = Vec::new();
    let (mut first, mut held, mut rows, mut rows_before) = (0, 0u64, 0u64, 0u64);
    for (g, &(bytes, n)) in sizes.iter().enumerate() {
        held += bytes;
        rows += n;
        if held >= part_bytes || g + 1 == sizes.len() {
            parts.push(Part::RowGroups {
                path: path.to_path_buf(),
                first,
                end: g + 1,
                rows: rows_before,
            });
            (first, held, rows_before) = (g + 1, 0, rows);
        }
    }
    Some(parts)
}

/// Without the `parquet` feature a Parquet file is one part, whose error
/// record says why it is not read.
#[cfg(not(feature = "parquet"))]
fn row_group_parts(_path: &Path, _part_bytes: u64) -> Option<Vec<Part>> {
    None
}

/// Row groups `groups` of a Parquet file, their rows numbered on from `rows`.
#[cfg(feature = "parquet")]
fn read_parquet_groups(
    file: File,
    name: String,
    groups: std::ops::Range<usize>,
    rows: u64,
) -> Box<dyn Iterator<Item = Record> + Send> {
    crate::article::parquet::read_parquet_groups(file, name, groups, rows)
}

/// Without the `parquet` feature: an error record saying so.
#[cfg(not(feature = "parquet"))]
fn read_parquet_groups(
    file: File,
    name: String,
    _groups: std::ops::Range<usize>,
    _rows: u64,
) -> Box<dyn Iterator<Item = Record> + Send> {
    read_parquet_file(file, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_not_an_article() {
        let dir = std::env::temp_dir().join(format!("dateline-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.txt");
        std::fs::write(&file, "Ten people were killed.").unwrap();
        assert!(names_a_file(file.to_str().unwrap()));
        assert!(!names_a_file(dir.to_str().unwrap()));
        assert!(!names_a_file("Ten people were killed in Gaza on Monday."));
        assert!(!names_a_file(&format!("{}\nmore", file.display())));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_commands_output_reads_back() {
        let x = crate::Extractor::new(crate::Config::default().layers([crate::Layer::Quotes]))
            .unwrap()
            .extract(Article::from_text("Mr Smith said: \"It is over.\" He left.").unwrap())
            .unwrap();
        let line = serde_json::to_vec(&x).unwrap();
        match read_output_line(&line, Origin::default()) {
            Ok(OutputRecord::Extraction(back)) => assert_eq!(*back, x),
            other => panic!("{other:?}"),
        }
        let failed =
            RecordError::new(Origin::file("a.jsonl"), Error::Empty).with_id(Some("7".into()));
        match read_output_line(&serde_json::to_vec(&failed).unwrap(), Origin::default()) {
            Ok(OutputRecord::Failed(e)) => {
                assert_eq!((e.kind.as_str(), e.id.as_deref()), ("empty", Some("7")));
                assert_eq!(e.origin.file.as_deref(), Some("a.jsonl"));
            }
            other => panic!("{other:?}"),
        }
        match read_output_line(br#"{"id": "a", "text": "One."}"#, Origin::default()) {
            Ok(OutputRecord::Article(a)) => assert_eq!(a.text, "One."),
            other => panic!("{other:?}"),
        }
    }

    /// A record as the part tests compare them: id, origin, text and date,
    /// or the error.
    fn show(r: Record) -> String {
        match r {
            Ok(a) => format!("{:?} {:?} {:?} {:?}", a.id, a.origin, a.text, a.published),
            Err(e) => format!("{:?} {:?} {}", e.id, e.origin, e.error),
        }
    }

    /// The records of `parts`, each part sent through JSON as to a worker
    /// and read there, one after another.
    fn read_in_parts(parts: Vec<Part>, options: ReadOptions) -> Vec<String> {
        parts
            .into_iter()
            .map(|p| serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap())
            .flat_map(|p| Records::of_part(p, options))
            .map(show)
            .collect()
    }

    /// The records of the parts, read one after another, are the records of
    /// the whole input: the same articles and errors, origins and ids.
    #[test]
    fn parts_read_as_the_whole() {
        let dir = std::env::temp_dir().join(format!("dateline-parts-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let mut jsonl = String::from("\u{feff}");
        for i in 0..40 {
            match i % 10 {
                3 => jsonl.push_str("   \r\n"),
                7 => jsonl.push_str("{\"text\": broken\n"),
                _ => jsonl.push_str(&format!(
                    "{{\"text\": \"Rockets hit Sderot on day {i}, officials said.\", \"date\": \"2023-11-0{}\"}}\n",
                    i % 9 + 1
                )),
            }
        }
        std::fs::write(dir.join("a.jsonl"), &jsonl).unwrap();
        std::fs::write(dir.join("b.txt"), "Ten people were killed in Gaza.").unwrap();
        std::fs::write(dir.join("sub/c.txt"), "").unwrap();
        std::fs::write(
            dir.join("sub/d.jsonl"),
            "{\"id\": \"d\", \"text\": \"One.\"}",
        )
        .unwrap();
        let inputs = [dir.display().to_string()];
        let options = ReadOptions {
            format: None,
            max_article_bytes: 1 << 20,
        };
        let whole: Vec<String> = Records::new(plan(&inputs), options).map(show).collect();
        for part_bytes in [1, 200, 1000, 1 << 20] {
            let parts = split(plan(&inputs), part_bytes, options);
            if part_bytes == 200 {
                let ranges = parts
                    .iter()
                    .filter(|p| matches!(p, Part::Lines { .. }))
                    .count();
                assert!(ranges > 3, "{parts:?}");
            }
            let read = read_in_parts(parts, options);
            assert_eq!(read, whole, "parts of {part_bytes} bytes");
        }
        assert_eq!(whole.len(), 36 + 1 + 1 + 1, "{whole:#?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(feature = "parquet")]
    #[test]
    fn parquet_files_split_by_row_groups_read_as_a_whole() {
        use arrow_array::{ArrayRef, RecordBatch, StringArray};
        use parquet::arrow::ArrowWriter;
        use parquet::file::properties::WriterProperties;
        use std::sync::Arc;

        let dir = tempfile::tempdir().unwrap();
        let texts: Vec<Option<String>> = (0..23)
            .map(|i| (i != 9).then(|| format!("Officials in Basra said {i} people were hurt.")))
            .collect();
        let batch =
            RecordBatch::try_from_iter([("text", Arc::new(StringArray::from(texts)) as ArrayRef)])
                .unwrap();
        let path = dir.path().join("feed.parquet");
        let props = WriterProperties::builder()
            .set_max_row_group_size(4)
            .build();
        let mut w = ArrowWriter::try_new(File::create(&path).unwrap(), batch.schema(), Some(props))
            .unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
        let inputs = [path.display().to_string()];
        let options = ReadOptions {
            format: None,
            max_article_bytes: 1 << 20,
        };
        let whole: Vec<String> = Records::new(plan(&inputs), options).map(show).collect();
        assert_eq!(whole.len(), 23);
        assert!(whole[9].contains("no \"text\""), "{}", whole[9]);
        for part_bytes in [1, 300, 1 << 20] {
            let parts = split(plan(&inputs), part_bytes, options);
            if part_bytes == 1 {
                // Six row groups of four rows (the last of three), one part each.
                assert_eq!(parts.len(), 6, "{parts:?}");
            }
            let read = read_in_parts(parts, options);
            assert_eq!(read, whole, "parts of {part_bytes} bytes");
        }
    }
}
