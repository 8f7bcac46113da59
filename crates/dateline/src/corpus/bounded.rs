//! Linking a corpus larger than memory, in one process. A [`Linker`]
//! keeps each article's story keys as numbers (a few hundred bytes an
//! article) and puts the records, a chunk at a time, in a [`Store`] (the
//! caller's: files on disk, or [`MemoryStore`]); [`Linker::finish`] finds
//! the stories in memory from the keys, then runs the keyed steps of
//! [`shard`] from `Homes` on, one group at a time, what waits
//! for a later step kept in the store, and hands the output over item by
//! item: every story, then every corpus entity, then every corpus event,
//! each kind sorted by id, never held whole. The items and their order are
//! those of [`Corpus::linked`](super::Corpus::linked) (tested). What it
//! holds at once is one chunk of records, the keys and story of every
//! article, one group of one step and one bucket of the output (its items'
//! ids fall in one range); the number of groups and buckets grows with the
//! corpus (see [`Linker::new`]).

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{de::DeserializeOwned, Serialize};

use chrono::NaiveDate;

use super::record::Record;
use super::shard::{self, Batch, Done, Plan, Stage};
use super::stories::KeyRows;
use super::{CorpusEntity, CorpusEvent, Story};

/// Where a [`Linker`] keeps what a later step reads: blobs under names,
/// each name's in the order they were put.
pub trait Store {
    /// Keeps a blob under a name, after those kept under it before.
    fn put(&mut self, name: &str, blob: &[u8]) -> io::Result<()>;
    /// The blobs kept under a name, in the order they were put; the store
    /// forgets them.
    fn take(&mut self, name: &str) -> io::Result<Vec<Vec<u8>>>;
}

/// A [`Store`] in memory: linking in bounded steps, for tests and for
/// corpora that fit.
#[derive(Debug, Default)]
pub struct MemoryStore {
    blobs: HashMap<String, Vec<Vec<u8>>>,
}

impl Store for MemoryStore {
    fn put(&mut self, name: &str, blob: &[u8]) -> io::Result<()> {
        self.blobs
            .entry(name.to_string())
            .or_default()
            .push(blob.to_vec());
        Ok(())
    }

    fn take(&mut self, name: &str) -> io::Result<Vec<Vec<u8>>> {
        Ok(self.blobs.remove(name).unwrap_or_default())
    }
}

/// A [`Store`] in a folder the caller owns (a temporary one: the store
/// writes a file per name there and removes it when the name is taken):
/// linking a corpus larger than memory, at the cost of writing its records
/// and steps to disk once or twice.
#[derive(Debug)]
pub struct DirStore {
    dir: PathBuf,
}

impl DirStore {
    /// A store writing in `dir`, which must exist; files it finds there
    /// under the names it uses would be read as its own, so give it an
    /// empty folder.
    pub fn new(dir: impl Into<PathBuf>) -> DirStore {
        DirStore { dir: dir.into() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

/// An error of the store's file, naming it.
fn io_error(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        format!("linking's working file {}: {e}", path.display()),
    )
}

impl Store for DirStore {
    fn put(&mut self, name: &str, blob: &[u8]) -> io::Result<()> {
        let path = self.path(name);
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| io_error(&path, e))?;
        // LZ4: a quarter of the bytes to write and read back, which on most
        // disks is what takes the time.
        let packed = lz4_flex::compress_prepend_size(blob);
        let mut framed = Vec::with_capacity(packed.len() + 8);
        framed.extend_from_slice(&(packed.len() as u64).to_le_bytes());
        framed.extend_from_slice(&packed);
        file.write_all(&framed).map_err(|e| io_error(&path, e))
    }

    fn take(&mut self, name: &str) -> io::Result<Vec<Vec<u8>>> {
        let path = self.path(name);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error(&path, e)),
        };
        std::fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
        let mut blobs = Vec::new();
        let mut rest = &bytes[..];
        while !rest.is_empty() {
            let cut = |what: &str| {
                io_error(
                    &path,
                    io::Error::new(io::ErrorKind::UnexpectedEof, what.to_string()),
                )
            };
            let (len, tail) = rest.split_at_checked(8).ok_or_else(|| cut("cut short"))?;
            let len = u64::from_le_bytes(len.try_into().unwrap_or_default()) as usize;
            let (blob, tail) = tail.split_at_checked(len).ok_or_else(|| cut("cut short"))?;
            let blob = lz4_flex::decompress_size_prepended(blob)
                .map_err(|e| io_error(&path, io::Error::new(io::ErrorKind::InvalidData, e)))?;
            blobs.push(blob);
            rest = tail;
        }
        Ok(blobs)
    }
}

/// One item of the linked output (see [`Linker::finish`]).
#[derive(Debug, Clone, PartialEq)]
pub enum LinkedItem {
    /// A story.
    Story(Story),
    /// A corpus entity.
    Entity(CorpusEntity),
    /// A corpus event.
    Event(CorpusEvent),
}

/// How many records a chunk holds: what [`Linker::add`] keeps in memory
/// before it puts them in the store.
const CHUNK: usize = 2048;

/// Links records added one at a time, holding a bounded part of them at
/// once (see the [module](self) documentation).
#[derive(Debug)]
pub struct Linker<S: Store> {
    store: S,
    groups: usize,
    chunk: Vec<Record>,
    chunks: usize,
    articles: usize,
    /// Each article's story keys, compactly, for the stories.
    keys: KeyRows,
    /// Each article's id, date and fingerprint, as added.
    refs: Vec<(String, Option<NaiveDate>, u64)>,
}

impl<S: Store> Linker<S> {
    /// A linker keeping what waits in `store`, for a corpus of about
    /// `expected` articles (it sets how many groups each step's items are
    /// spread over, so that one group is a few thousand articles' worth,
    /// and, with the articles added, how many buckets the output is sorted
    /// in: any number gives the same output, a wrong guess only costs
    /// memory or time).
    pub fn new(store: S, expected: usize) -> Linker<S> {
        Linker {
            store,
            groups: expected.div_ceil(shard::BUCKET_ARTICLES).clamp(1, 4096),
            chunk: Vec::new(),
            chunks: 0,
            articles: 0,
            keys: KeyRows::default(),
            refs: Vec::new(),
        }
    }

    /// How many records were added.
    pub fn articles(&self) -> usize {
        self.articles
    }

    /// Adds one article's record.
    pub fn add(&mut self, record: Record) -> io::Result<()> {
        self.keys.push(&record);
        let print = record.fingerprint();
        self.refs.push((record.id.clone(), record.date, print));
        self.chunk.push(record);
        self.articles += 1;
        if self.chunk.len() >= CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    /// Puts the chunk of records in the store.
    fn flush(&mut self) -> io::Result<()> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::take(&mut self.chunk);
        self.store.put(
            &format!("records-{}", self.chunks),
            &to_array_bytes(&chunk)?,
        )?;
        self.chunks += 1;
        Ok(())
    }

    fn plan(&self) -> Plan {
        Plan {
            articles: self.articles,
            groups: self.groups,
        }
    }

    /// Links the records added: gives every story, then every corpus
    /// entity, then every corpus event, each kind in the order of ids, to
    /// `each`, and returns how many articles were linked. An error of
    /// `each` (a full disk) stops it and is returned, as is one of the
    /// store.
    pub fn finish(
        mut self,
        mut each: impl FnMut(LinkedItem) -> io::Result<()>,
    ) -> io::Result<usize> {
        self.flush()?;
        let plan = self.plan();
        // The stories, in memory from the articles' keys (what the steps
        // `Postings` to `Edges` and `stories` compute, without their
        // traffic): a few hundred bytes an article.
        let mut sorted: Vec<u32> = (0..self.refs.len() as u32).collect();
        sorted.sort_by(|&a, &b| self.refs[a as usize].cmp(&self.refs[b as usize]));
        let story_of = std::mem::take(&mut self.keys).cluster(&sorted);
        let refs = std::mem::take(&mut self.refs);
        let articles: Vec<(String, Option<NaiveDate>, u64)> =
            sorted.iter().map(|&i| refs[i as usize].clone()).collect();
        drop(refs);
        let map = shard::story_map(&articles, &story_of);
        drop((articles, story_of, sorted));
        for i in 0..self.chunks {
            let mut records: Vec<Record> = Vec::new();
            for blob in self.store.take(&format!("records-{i}"))? {
                records.extend(from_bytes::<Vec<Record>>(&blob)?);
            }
            let next = shard::second_with(&records, &map, &plan, false);
            drop(records);
            self.ship(next)?;
        }
        drop(map);
        self.steps(&[Stage::Homes, Stage::Entities, Stage::Build], &plan)?;
        // The output's groups in order, each sorted by id.
        for group in 0..3 * plan.buckets() {
            let mut items: Vec<(String, LinkedItem)> = Vec::new();
            for blob in self.store.take(&batch_name(Stage::Done, group))? {
                for item in shard::done_items(&blob).map_err(step_error)? {
                    items.push(match item {
                        Done::Story(s) => (s.id.clone(), LinkedItem::Story(*s)),
                        Done::Entity(e) => (e.id.clone(), LinkedItem::Entity(*e)),
                        Done::Event(e) => (e.id.clone(), LinkedItem::Event(*e)),
                    });
                }
            }
            items.sort_by(|a, b| a.0.cmp(&b.0));
            for (_, item) in items {
                each(item)?;
            }
        }
        Ok(self.articles)
    }

    /// Runs stages in order, each over its groups one at a time.
    fn steps(&mut self, stages: &[Stage], plan: &Plan) -> io::Result<()> {
        for &stage in stages {
            for group in 0..plan.groups {
                let batches = self.store.take(&batch_name(stage, group))?;
                if !batches.is_empty() {
                    let next = shard::step(stage, &batches, plan).map_err(step_error)?;
                    self.ship(next)?;
                }
            }
        }
        Ok(())
    }

    /// Keeps a step's batches for the steps that read them.
    fn ship(&mut self, batches: Vec<Batch>) -> io::Result<()> {
        for b in batches {
            self.store.put(&batch_name(b.stage, b.group), &b.bytes)?;
        }
        Ok(())
    }
}

/// The store name of a stage's group of batches.
fn batch_name(stage: Stage, group: usize) -> String {
    format!("{}-{group}", stage.as_str())
}

/// A value as MessagePack with structs as arrays: for types that never
/// leave out a field.
fn to_array_bytes<T: Serialize + ?Sized>(value: &T) -> io::Result<Vec<u8>> {
    rmp_serde::to_vec(value).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("cannot keep a linking step's items: {e}"),
        )
    })
}

fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> io::Result<T> {
    rmp_serde::from_slice(bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a linking step's kept items do not read back (was the store changed?): {e}"),
        )
    })
}

/// A step's error (items that do not read back as a step's), as an I/O
/// error of the store.
fn step_error(e: crate::Error) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e.to_string())
}
