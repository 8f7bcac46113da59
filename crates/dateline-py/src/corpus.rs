//! `dateline.link`, `Corpus` and `Linked`: the core's corpus layer
//! (`dateline::corpus`) for Python. Only conversions live here: extraction
//! results in, the core's `Linked` out as Python classes (through its JSON,
//! byte offsets turned into string indices of each article's text).

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use dateline::corpus::shard::{self, Stage};
use dateline::corpus::{Corpus, Output, Record, Timeline};
use dateline::{Error, OffsetMap, Origin};
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use serde_json::Value;

use crate::api::{PyErrorRecord, PyTimeline};
use crate::record::type_name;
use crate::{core_exception, exception_of, internal_error, PyExtraction, Value2, MAX_INDENT};

/// A publication day of the corpus JSON (`2023-11-06`) as a `datetime.date`.
pub(crate) fn py_day<'py>(
    py: Python<'py>,
    day: Option<&str>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let Some(day) = day else { return Ok(None) };
    let d = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map_err(|e| PyValueError::new_err(format!("not a day: {day:?}: {e}")))?;
    crate::py_date(py, d).map(Some)
}

/// One item of the results given to `link`, `Corpus` or `Corpus.extend`.
enum Item {
    Record(Box<Record>),
    Error(PyErrorRecord),
}

/// Reads one result: an `Extraction` (kept as the core's compact record)
/// or an `ErrorRecord`; anything else is a `TypeError` naming `what`.
fn item(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Item> {
    if let Ok(x) = obj.cast::<PyExtraction>() {
        return Ok(Item::Record(Box::new(Record::from(&x.get().inner))));
    }
    if let Ok(e) = obj.cast::<PyErrorRecord>() {
        return Ok(Item::Error(e.get().clone()));
    }
    let article = obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<pyo3::types::PyDict>()
        || obj.cast::<crate::PyArticle>().is_ok();
    let hint = if article {
        " (extract articles first: dateline.link(dateline.Extractor().extract_many(texts)))"
    } else {
        ""
    };
    Err(PyTypeError::new_err(format!(
        "{what} must be a dateline.Extraction or dateline.ErrorRecord, not {}{hint}",
        type_name(obj)
    )))
}

/// Articles to link, added one at a time or many at once; `link()` links
/// them (`dateline.link(results)` is `Corpus(results).link()`).
#[pyclass(module = "dateline", name = "Corpus")]
pub(crate) struct PyCorpus {
    records: Vec<Record>,
    pub(crate) errors: Vec<PyErrorRecord>,
}

impl PyCorpus {
    /// Adds every item of `results`, or none when one is not a result.
    fn extend_from(&mut self, results: &Bound<'_, PyAny>) -> PyResult<()> {
        let iter = results.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "results must be an iterable of dateline.Extraction and dateline.ErrorRecord, not {}",
                type_name(results)
            ))
        })?;
        let mut items = Vec::new();
        for (i, obj) in iter.enumerate() {
            items.push(item(&obj?, &format!("results[{i}]"))?);
        }
        for it in items {
            self.push(it);
        }
        Ok(())
    }

    fn push(&mut self, it: Item) {
        match it {
            Item::Record(r) => self.records.push(*r),
            Item::Error(e) => self.errors.push(e),
        }
    }
}

#[pymethods]
impl PyCorpus {
    #[new]
    #[pyo3(signature = (results=None))]
    fn new(results: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut c = PyCorpus {
            records: Vec::new(),
            errors: Vec::new(),
        };
        if let Some(r) = results.filter(|r| !r.is_none()) {
            c.extend_from(r)?;
        }
        Ok(c)
    }

    /// Adds one result: an `Extraction`, or an `ErrorRecord` (kept in
    /// `errors`, left out of the corpus).
    fn add(&mut self, result: &Bound<'_, PyAny>) -> PyResult<()> {
        let it = item(result, "result")?;
        self.push(it);
        Ok(())
    }

    /// Adds every result of an iterable (none when one is not a result).
    fn extend(&mut self, results: &Bound<'_, PyAny>) -> PyResult<()> {
        self.extend_from(results)
    }

    /// Links the articles added so far (with the GIL released); the corpus
    /// stays as it is, to add more and link again. With `keep=False` its
    /// records move into the result instead of being copied, and the corpus
    /// is left empty: for a large corpus, half the memory.
    #[pyo3(signature = (*, keep=true))]
    fn link(&mut self, py: Python<'_>, keep: bool) -> PyResult<PyLinked> {
        if keep {
            link_records(py, self.records.clone(), self.errors.clone())
        } else {
            let records = std::mem::take(&mut self.records);
            link_records(py, records, std::mem::take(&mut self.errors))
        }
    }

    /// Adds the articles and error records of another corpus (built in
    /// another process or thread: `Corpus` pickles as its compact records).
    fn merge(&mut self, other: &Bound<'_, PyCorpus>) {
        let other = other.borrow();
        self.records.extend(other.records.iter().cloned());
        self.errors.extend(other.errors.iter().cloned());
    }

    /// The corpus as pickle keeps it: the dateline version, the records
    /// (JSON, compressed with Snappy) and the error records, to ship between
    /// processes. Not the texts, but each entity's and event's mentions and
    /// sides: about 3 times the text's size (docs/scale.md).
    fn __getstate__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(String, Bound<'py, PyBytes>, Vec<PyErrorRecord>)> {
        let records = py
            .detach(|| {
                let json = serde_json::to_vec(&self.records).map_err(|e| e.to_string())?;
                snap::raw::Encoder::new()
                    .compress_vec(&json)
                    .map_err(|e| e.to_string())
            })
            .map_err(|e| {
                PyValueError::new_err(format!("Corpus: cannot pickle its records: {e}"))
            })?;
        Ok((
            env!("CARGO_PKG_VERSION").to_string(),
            PyBytes::new(py, &records),
            self.errors.clone(),
        ))
    }

    /// Restores a pickled corpus; one pickled by another version of dateline
    /// is refused (`ValueError`), as its records may read differently.
    fn __setstate__(
        &mut self,
        py: Python<'_>,
        state: (String, Vec<u8>, Vec<PyErrorRecord>),
    ) -> PyResult<()> {
        let (version, bytes, errors) = state;
        if version != env!("CARGO_PKG_VERSION") {
            return Err(PyValueError::new_err(format!(
                "Corpus: pickled by dateline {version}, read by dateline {}: \
                 pickle and read it with one version",
                env!("CARGO_PKG_VERSION")
            )));
        }
        let records: Vec<Record> = py
            .detach(|| {
                let json = snap::raw::Decoder::new()
                    .decompress_vec(&bytes)
                    .map_err(|e| e.to_string())?;
                serde_json::from_slice(&json).map_err(|e| e.to_string())
            })
            .map_err(|e| {
                PyValueError::new_err(format!("Corpus: cannot read pickled records: {e}"))
            })?;
        self.records = records;
        self.errors = errors;
        Ok(())
    }

    /// How many articles were added (error records aside).
    fn __len__(&self) -> usize {
        self.records.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Corpus(articles={}, errors={})",
            self.records.len(),
            self.errors.len()
        )
    }
}

/// Links `results` (an iterable of `Extraction`s and `ErrorRecord`s).
#[pyfunction]
pub(crate) fn link(py: Python<'_>, results: &Bound<'_, PyAny>) -> PyResult<PyLinked> {
    let corpus = PyCorpus::new(Some(results))?;
    link_records(py, corpus.records, corpus.errors)
}

/// Links records with the GIL released, after a warning for the error
/// records left out; a panic of the core becomes `DatelineError`.
fn link_records(
    py: Python<'_>,
    records: Vec<Record>,
    errors: Vec<PyErrorRecord>,
) -> PyResult<PyLinked> {
    if !errors.is_empty() {
        let message = std::ffi::CString::new(format!(
            "dateline: {} of {} result(s) are error records, left out of the corpus (see Linked.errors)",
            errors.len(),
            errors.len() + records.len()
        ))
        .unwrap_or_default();
        PyErr::warn(
            py,
            &py.get_type::<pyo3::exceptions::PyRuntimeWarning>(),
            &message,
            1,
        )?;
    }
    let done = py.detach(move || {
        catch_unwind(AssertUnwindSafe(move || {
            let mut corpus = Corpus::new();
            for r in records {
                corpus.add(r);
            }
            // Link now, with the GIL released, rather than on first read.
            corpus.into_output()
        }))
    });
    match done {
        Ok(output) => Ok(PyLinked { output, errors }),
        Err(payload) => Err(exception_of(
            py,
            &internal_error(&Origin::default(), None, payload.as_ref()),
        )),
    }
}

/// Turns the byte offsets of every object with an `article` and a
/// `start`/`end` (evidence, mentions) into string indices of that
/// article's text.
fn convert(v: &mut Value, offsets: &HashMap<&str, &OffsetMap>) {
    match v {
        Value::Object(obj) => {
            let map = obj
                .get("article")
                .and_then(Value::as_str)
                .and_then(|a| offsets.get(a).copied());
            if let Some(map) = map {
                for key in ["start", "end"] {
                    if let Some(n) = obj.get(key).and_then(Value::as_u64) {
                        obj.insert(key.into(), map.char_offset(n as usize).into());
                    }
                }
            }
            obj.values_mut().for_each(|c| convert(c, offsets));
        }
        Value::Array(items) => items.iter_mut().for_each(|c| convert(c, offsets)),
        _ => {}
    }
}

/// A part of what linking found as JSON, offsets as string indices.
fn json_value<T: serde::Serialize + ?Sized>(output: &Output, part: &T) -> PyResult<Value> {
    let mut v = serde_json::to_value(part).map_err(|e| PyValueError::new_err(e.to_string()))?;
    convert(&mut v, &output.offsets());
    Ok(v)
}

/// A timeline as its Python class, offsets as string indices.
fn timeline_class(offsets: &HashMap<&str, &OffsetMap>, t: &Timeline) -> PyResult<PyTimeline> {
    let err = |e: serde_json::Error| PyValueError::new_err(e.to_string());
    let mut v = serde_json::to_value(t).map_err(err)?;
    convert(&mut v, offsets);
    serde_json::from_value(v).map_err(err)
}

/// What linking found: stories, corpus entities, corpus events and
/// timelines, with offsets as string indices of each article's text.
#[pyclass(module = "dateline", name = "Linked", frozen)]
pub(crate) struct PyLinked {
    /// What linking found and each article's offsets. Python objects and
    /// JSON are made from it when asked for, not kept: the JSON of a large
    /// corpus is many times the size of its records.
    pub(crate) output: Output,
    pub(crate) errors: Vec<PyErrorRecord>,
}

impl PyLinked {
    /// One list of the linked JSON as Python classes.
    pub(crate) fn part<T: serde::de::DeserializeOwned>(&self, key: &str) -> PyResult<Vec<T>> {
        let linked = &self.output.linked;
        let items = match key {
            "stories" => json_value(&self.output, &linked.stories)?,
            "entities" => json_value(&self.output, &linked.entities)?,
            "events" => json_value(&self.output, &linked.events)?,
            _ => Value::Array(Vec::new()),
        };
        serde_json::from_value(items).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The ids of the articles, sorted.
    pub(crate) fn article_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .output
            .offsets()
            .keys()
            .map(|k| k.to_string())
            .collect();
        ids.sort();
        ids
    }
}

#[pymethods]
impl PyLinked {
    /// The timeline of a story or a corpus entity, by its id; `KeyError`
    /// for an id that is neither.
    fn timeline(&self, id: &str) -> PyResult<PyTimeline> {
        match self.output.timeline(id) {
            Some(t) => timeline_class(&self.output.offsets(), &t),
            None => Err(PyKeyError::new_err(format!(
                "no story or corpus entity has the id {id:?}"
            ))),
        }
    }

    /// Every story's timeline (in the order of `stories`), then that of
    /// every corpus entity that is a side of an event (in the order of
    /// `entities`).
    fn timelines(&self) -> PyResult<Vec<PyTimeline>> {
        // Every timeline lists its events in the core's one time order.
        let order = self.output.time_order();
        let linked = &self.output.linked;
        let by_id: HashMap<&str, &dateline::corpus::CorpusEvent> =
            linked.events.iter().map(|e| (e.id.as_str(), e)).collect();
        let mut of: HashMap<&str, Vec<&str>> = HashMap::new();
        for entry in &order {
            let Some(e) = by_id.get(entry.event.as_str()) else {
                continue;
            };
            of.entry(e.story.as_str()).or_default().push(&e.id);
            let mut sides: Vec<&str> = e
                .actors
                .iter()
                .filter_map(|a| a.entity.as_deref())
                .collect();
            sides.sort_unstable();
            sides.dedup();
            for s in sides {
                of.entry(s).or_default().push(&e.id);
            }
        }
        let entries: HashMap<&str, &dateline::corpus::TimelineEntry> =
            order.iter().map(|t| (t.event.as_str(), t)).collect();
        let offsets = self.output.offsets();
        // Every story has a timeline (maybe empty); an entity, when it is a side.
        let targets = (linked.stories.iter().map(|s| (s.id.as_str(), true)))
            .chain(linked.entities.iter().map(|e| (e.id.as_str(), false)));
        let mut out = Vec::new();
        for (target, story) in targets {
            let ids = of.get(target);
            if ids.is_none() && !story {
                continue;
            }
            let t = Timeline {
                target: target.to_string(),
                events: (ids.into_iter().flatten())
                    .filter_map(|id| entries.get(id))
                    .map(|&e| e.clone())
                    .collect(),
            };
            out.push(timeline_class(&offsets, &t)?);
        }
        Ok(out)
    }

    /// Everything as plain dicts and lists: `stories`, `entities`,
    /// `events` (as `dateline link` writes it, offsets as string indices).
    fn to_dict(&self) -> PyResult<Value2> {
        Ok(Value2(json_value(&self.output, &self.output.linked)?))
    }

    /// Everything as JSON (see `to_dict`); `indent` (at most 64) pretty-prints it.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, py: Python<'_>, indent: Option<usize>) -> PyResult<String> {
        if let Some(n) = indent.filter(|&n| n > MAX_INDENT) {
            return Err(core_exception(
                py,
                Error::Config(format!("indent must be at most {MAX_INDENT}, not {n}")),
            ));
        }
        crate::json_text(&json_value(&self.output, &self.output.linked)?, indent)
    }

    /// One table as a pandas DataFrame (see `docs/python.md`): `stories`,
    /// `entities`, `entity_mentions`, `events`, `event_mentions`,
    /// `event_figures`, `timelines` or `errors`.
    fn to_pandas<'py>(slf: &Bound<'py, Self>, table: &str) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        py.import("dateline._corpus")?
            .getattr("table")?
            .call1((slf, table))
    }

    /// How many articles were linked.
    fn __len__(&self) -> usize {
        self.output.articles
    }

    fn __repr__(&self) -> String {
        let linked = &self.output.linked;
        format!(
            "Linked(articles={}, stories={}, entities={}, events={}, errors={})",
            self.output.articles,
            linked.stories.len(),
            linked.entities.len(),
            linked.events.len(),
            self.errors.len()
        )
    }
}

/// Batches of sharded linking as Python tuples: stage, group, bytes.
type PyBatches<'py> = Vec<(&'static str, usize, Bound<'py, PyBytes>)>;

/// Runs a step of sharded linking with the GIL released; a panic of the
/// core becomes `DatelineError`.
fn shard_call<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    match py.detach(move || catch_unwind(AssertUnwindSafe(f))) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(core_exception(py, e)),
        Err(payload) => Err(exception_of(
            py,
            &internal_error(&Origin::default(), None, payload.as_ref()),
        )),
    }
}

/// Batches as Python tuples.
fn py_batches(py: Python<'_>, batches: Vec<shard::Batch>) -> PyBatches<'_> {
    batches
        .into_iter()
        .map(|b| (b.stage.as_str(), b.group, PyBytes::new(py, &b.bytes)))
        .collect()
}

#[pymethods]
impl PyCorpus {
    /// Sharded linking (`dateline.dask.link`), the first map over this
    /// worker's records: `(stage, group, bytes)` batches, for `groups`
    /// groups, of a corpus of `articles` records.
    fn _shard_first<'py>(
        &self,
        py: Python<'py>,
        articles: usize,
        groups: usize,
    ) -> PyResult<PyBatches<'py>> {
        let records = &self.records;
        let plan = shard::Plan { articles, groups };
        let batches = shard_call(py, || Ok(shard::first(records, &plan)))?;
        Ok(py_batches(py, batches))
    }

    /// Sharded linking, the second map, once `stories` (from
    /// `_shard_stories`) places every article.
    fn _shard_second<'py>(
        &self,
        py: Python<'py>,
        stories: &[u8],
        articles: usize,
        groups: usize,
    ) -> PyResult<PyBatches<'py>> {
        let records = &self.records;
        let plan = shard::Plan { articles, groups };
        let batches = shard_call(py, || {
            let map = shard::StoryMap::from_bytes(stories)?;
            Ok(shard::second(records, &map, &plan))
        })?;
        Ok(py_batches(py, batches))
    }
}

/// Sharded linking: one stage over the batches of one group.
#[pyfunction]
pub(crate) fn _shard_step<'py>(
    py: Python<'py>,
    stage: &str,
    batches: Vec<Vec<u8>>,
    articles: usize,
    groups: usize,
) -> PyResult<PyBatches<'py>> {
    let Some(stage) = Stage::from_name(stage) else {
        return Err(PyValueError::new_err(format!(
            "no stage of sharded linking is called {stage:?}"
        )));
    };
    let plan = shard::Plan { articles, groups };
    let out = shard_call(py, || shard::step(stage, &batches, &plan))?;
    Ok(py_batches(py, out))
}

/// Sharded linking: the stories, from the batches of stage `stories`, as
/// the bytes `_shard_second` reads.
#[pyfunction]
pub(crate) fn _shard_stories<'py>(
    py: Python<'py>,
    batches: Vec<Vec<u8>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let map = shard_call(py, || Ok(shard::stories(&batches)?.to_bytes()))?;
    Ok(PyBytes::new(py, &map))
}

/// Sharded linking: what linking found, from the batches of stage `done`
/// (an iterable of bytes, read one at a time; `errors`: the error records
/// of the input).
#[pyfunction]
pub(crate) fn _shard_finish(
    py: Python<'_>,
    batches: &Bound<'_, PyAny>,
    errors: Vec<PyErrorRecord>,
) -> PyResult<PyLinked> {
    let mut finish = shard::Finish::default();
    for b in batches.try_iter()? {
        let bytes: Vec<u8> = b?.extract()?;
        shard_call(py, || finish.add(&bytes))?;
    }
    let output = shard_call(py, || Ok(finish.output()))?;
    Ok(PyLinked { output, errors })
}
