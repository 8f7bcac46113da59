//! `dateline._dateline`: the native module behind the `dateline` Python
//! package. Only conversions live here: Rust types to Python classes, byte
//! offsets to string indices, errors to exceptions. Everything else is the
//! core crate.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, OnceLock};

mod arrow;
mod corpus;
mod record;

use arrow::{_arrow_table, PyArrowTable};
use corpus::{_shard_finish, _shard_step, _shard_stories, link, py_day, PyCorpus, PyLinked};
use record::{build_article, record_from_py, type_name};

use dateline::input::JsonlReader;
use dateline::{
    Article, Config, Error, Extraction, Extractor, Layer, OffsetMap, Origin, RecordError,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyIterator, PyList, PyString};
use rayon::prelude::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------- errors

/// The one place where dateline errors become Python exceptions, from the
/// error record that describes them: `dateline.InputError` (a `ValueError`)
/// for bad input, with the record's id, file, line, record and byte;
/// `dateline.ConfigError` (a `ValueError`) for bad options;
/// `dateline.DatelineError` for an internal error (a bug in dateline).
fn exception_of(py: Python<'_>, r: &PyErrorRecord) -> PyErr {
    let class = match r.kind.as_str() {
        "config" => "ConfigError",
        INTERNAL => "DatelineError",
        _ => "InputError",
    };
    let made = py
        .import("dateline._errors")
        .and_then(|m| m.getattr(class))
        .and_then(|cls| {
            cls.call1((
                r.message.clone(),
                r.kind.clone(),
                r.id.clone(),
                r.file.clone(),
                r.line,
                r.record,
                r.byte,
            ))
        });
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

/// The exception for a core error of one record (see [`exception_of`]).
fn record_exception(py: Python<'_>, e: &RecordError) -> PyErr {
    exception_of(py, &PyErrorRecord::from(e))
}

/// The exception for a core error with no record (see [`exception_of`]).
fn core_exception(py: Python<'_>, e: Error) -> PyErr {
    record_exception(py, &RecordError::new(Origin::default(), e))
}

/// The `kind` of an error that is a bug in dateline: a panic of the core,
/// caught before it crosses into Python.
const INTERNAL: &str = "internal";

/// The error record for a panic of the core while it extracted the record
/// at `origin`.
fn internal_error(
    origin: &Origin,
    id: Option<String>,
    payload: &(dyn std::any::Any + Send),
) -> PyErrorRecord {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into());
    // The record's place, as the core writes it before an error.
    let placed = RecordError::new(origin.clone(), Error::Empty).with_id(id.clone());
    let placed = placed.to_string();
    let place = placed.strip_suffix(&Error::Empty.to_string()).unwrap_or("");
    PyErrorRecord {
        kind: INTERNAL.into(),
        message: format!(
            "{place}internal error (a bug in dateline; please report it with the article): {what}"
        ),
        id,
        file: origin.file.clone(),
        line: origin.line,
        record: origin.record,
        byte: None,
    }
}

// ----------------------------------------------------------- JSON values

fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            // An integer beyond 64 bits, kept exact: Python's int of its digits.
            _ if n
                .to_string()
                .trim_start_matches('-')
                .bytes()
                .all(|b| b.is_ascii_digit()) =>
            {
                py.get_type::<pyo3::types::PyInt>()
                    .call1((n.to_string(),))?
            }
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                dict.set_item(k, value_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

// ------------------------------------------------------------- dates

fn py_date<'py>(py: Python<'py>, d: chrono::NaiveDate) -> PyResult<Bound<'py, PyAny>> {
    use chrono::Datelike;
    py.import("datetime")?
        .getattr("date")?
        .call1((d.year(), d.month(), d.day()))
}

fn py_datetime<'py>(py: Python<'py>, iso: &str) -> PyResult<Bound<'py, PyAny>> {
    // Python before 3.11 does not read a trailing Z.
    let iso = match iso.strip_suffix('Z') {
        Some(rest) => format!("{rest}+00:00"),
        None => iso.to_string(),
    };
    py.import("datetime")?
        .getattr("datetime")?
        .call_method1("fromisoformat", (iso,))
}

// ------------------------------------------------------------- classes

/// Keeps the PyO3 side of a class description (src/describe.rs); build.rs
/// defines it to drop it instead.
macro_rules! pyo3_side {
    ($($item:item)*) => { $($item)* };
}

/// Drops the stub side of a class description; build.rs keeps it.
macro_rules! stub_side {
    ($($item:item)*) => {};
}

#[macro_use]
mod describe;
/// The classes and functions of the module, each described once (its
/// stub is written from the same description by build.rs).
mod api;

use api::*;

/// A Python class built from a core type, offsets turned into string indices.
trait FromCore<C> {
    /// The class for `core`, whose text offsets `map` turns into string indices.
    fn from_core(core: &C, map: &OffsetMap) -> Self;
}

impl<C, P: FromCore<C>> FromCore<Vec<C>> for Vec<P> {
    fn from_core(core: &Vec<C>, map: &OffsetMap) -> Self {
        core.iter().map(|c| P::from_core(c, map)).collect()
    }
}

impl<C, P: FromCore<C>> FromCore<Option<C>> for Option<P> {
    fn from_core(core: &Option<C>, map: &OffsetMap) -> Self {
        core.as_ref().map(|c| P::from_core(c, map))
    }
}

/// A field as `__repr__` writes it: strings quoted as Python does, a
/// confidence to two places, a list as its length.
trait ReprValue {
    /// The text of the value in a repr.
    fn repr(&self) -> String;
}

macro_rules! repr_display {
    ($($t:ty),*) => {
        $(impl ReprValue for $t {
            fn repr(&self) -> String {
                self.to_string()
            }
        })*
    };
}
repr_display!(usize, u32, u64);

impl ReprValue for String {
    fn repr(&self) -> String {
        quote(self)
    }
}

impl ReprValue for Option<String> {
    fn repr(&self) -> String {
        py_repr_opt(self.as_deref())
    }
}

impl ReprValue for Option<f64> {
    fn repr(&self) -> String {
        // Debug writes a whole float as Python does (`14.0`, not `14`).
        self.map_or("None".into(), |v| format!("{v:?}"))
    }
}

impl ReprValue for Option<usize> {
    fn repr(&self) -> String {
        self.map_or("None".into(), |v| v.to_string())
    }
}

impl ReprValue for bool {
    fn repr(&self) -> String {
        if *self { "True" } else { "False" }.into()
    }
}

impl ReprValue for f64 {
    fn repr(&self) -> String {
        format!("{self:.2}")
    }
}

impl<T> ReprValue for Vec<T> {
    fn repr(&self) -> String {
        self.len().to_string()
    }
}

/// A Rust field name as Python spells it (`r#type` is `type`).
fn python_name(field: &str) -> &str {
    field.trim_start_matches("r#")
}

/// `Paragraph.__repr__`: its sentences as the `range` Python shows.
fn paragraph_repr(p: &PyParagraph) -> String {
    format!(
        "Paragraph(start={}, end={}, sentences=range({}, {}))",
        p.start, p.end, p.first_sentence, p.end_sentence
    )
}

/// `Paragraph.to_dict`: its sentences as a `{start, end}` range.
fn paragraph_dict(p: &PyParagraph) -> Value {
    json!({"start": p.start, "end": p.end,
        "sentences": {"start": p.first_sentence, "end": p.end_sentence}})
}

/// `Sentence.to_dict`: its tokens as a `{start, end}` range.
fn sentence_dict(s: &PySentence) -> Value {
    json!({"start": s.start, "end": s.end, "text": s.text, "paragraph": s.paragraph,
        "root": s.root, "tokens": {"start": s.first_token, "end": s.end_token}})
}

/// `Token(text=None)`: no text.
const NO_TEXT: String = String::new();

/// `Token(children=None)`: no children.
const NO_CHILDREN: Vec<usize> = Vec::new();

/// `Event(mentions=None)`: no mentions.
const NO_MENTIONS: Vec<PyEventMention> = Vec::new();

/// `Event(source=None)`, `Event(target=None)`: no actors.
const NO_ACTORS: Vec<PyActor> = Vec::new();

/// `Event(figures=None)`: no figures.
const NO_INDICES: Vec<usize> = Vec::new();

/// The name serde gives a core enum value (`negative`, `I_ACTION`).
fn serde_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A string the syntax layer gives a token, None without the layer (and
/// for an empty value, such as no features).
fn syntax_str(t: &dateline::Token, f: fn(&dateline::TokenSyntax) -> &str) -> Option<String> {
    t.syntax
        .as_ref()
        .map(f)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// An instant of a timex interval, as `Timex.first` and `Timex.last` keep it.
fn iso(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Python's `range(start, end)`.
fn py_range(py: Python<'_>, start: usize, end: usize) -> PyResult<Bound<'_, PyAny>> {
    py.import("builtins")?.getattr("range")?.call1((start, end))
}

/// Metadata (an article's, an extraction's) as a Python dict.
fn metadata(m: &std::collections::BTreeMap<String, Value>) -> Value2 {
    Value2(Value::Object(m.clone().into_iter().collect()))
}

/// A JSON value returned to Python as dicts, lists and scalars.
struct Value2(Value);

impl<'py> IntoPyObject<'py> for Value2 {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        value_to_py(py, &self.0)
    }
}

// ----------------------------------------------------------- Extraction

/// Everything extracted from one article. Offsets are string indices:
/// `x.text[s.start:s.end] == s.text` for every sentence `s`.
#[pyclass(module = "dateline", name = "Extraction", frozen)]
struct PyExtraction {
    inner: Extraction,
    map: OffsetMap,
}

impl PyExtraction {
    fn new(inner: Extraction) -> Self {
        let map = OffsetMap::new(&inner.text);
        PyExtraction { inner, map }
    }

    /// A core item as its Python class.
    fn one<C, P: FromCore<C>>(&self, item: &C) -> P {
        P::from_core(item, &self.map)
    }

    /// Core items as their Python class.
    fn all<C, P: FromCore<C>>(&self, items: &[C]) -> Vec<P> {
        items.iter().map(|item| self.one(item)).collect()
    }

    /// `Extraction.tokens`: each with its text and its children.
    fn token_list(&self) -> Vec<PyToken> {
        let core = &self.inner.article.tokens;
        let mut out: Vec<PyToken> = self.all(core);
        for (i, t) in core.iter().enumerate() {
            out[i].text = self.inner.text[t.start..t.end].to_string();
            if let Some(h) = t.syntax.as_ref().and_then(|s| s.head) {
                if let Some(head) = out.get_mut(h) {
                    head.children.push(i);
                }
            }
        }
        out
    }

    /// `Extraction.noun_chunks`, each with its text.
    fn chunk_list(&self) -> Vec<PyNounChunk> {
        let core = self.inner.noun_chunks.as_deref().unwrap_or_default();
        let mut out: Vec<PyNounChunk> = self.all(core);
        for (c, py) in core.iter().zip(&mut out) {
            py.text = self.inner.text[c.start..c.end].to_string();
        }
        out
    }

    /// The extraction as JSON (the serde shape of the core) with every
    /// `start`/`end` text offset turned into a string index. Index ranges
    /// (a paragraph's `sentences`, a sentence's `tokens`) are left as they are.
    fn to_value(&self) -> Value {
        let mut v = serde_json::to_value(&self.inner).unwrap_or(Value::Null);
        convert_offsets(&mut v, &self.map);
        v
    }
}

/// Turns every `start`/`end`-like text offset of `v` (bytes) into a string
/// index. Index ranges (a paragraph's `sentences`, a sentence's `tokens`)
/// are left as they are.
fn convert_offsets(v: &mut Value, map: &OffsetMap) {
    match v {
        Value::Object(obj) => {
            // `start`, `end` and every `<name>_start`, `<name>_end` are text offsets.
            for (key, child) in obj.iter_mut() {
                let offset = ["start", "end"].iter().any(|end| {
                    key == end || key.strip_suffix(end).is_some_and(|k| k.ends_with('_'))
                });
                if let Some(n) = child.as_u64().filter(|_| offset) {
                    *child = json!(map.char_offset(n as usize));
                }
            }
            for (key, child) in obj.iter_mut() {
                let index_range =
                    matches!(key.as_str(), "sentences" | "tokens") && child.is_object();
                if !index_range && key != "metadata" && key != "origin" {
                    convert_offsets(child, map);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| convert_offsets(i, map)),
        _ => {}
    }
}

#[pymethods]
impl PyExtraction {
    /// The extraction as plain dicts and lists, offsets as string indices.
    fn to_dict(&self) -> Value2 {
        Value2(self.to_value())
    }
    /// The extraction as JSON, offsets as string indices; `indent` (at most
    /// 64) pretty-prints it.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, py: Python<'_>, indent: Option<usize>) -> PyResult<String> {
        if let Some(n) = indent.filter(|&n| n > MAX_INDENT) {
            // Every line repeats the indent: a huge one would exhaust memory.
            return Err(core_exception(
                py,
                Error::Config(format!("indent must be at most {MAX_INDENT}, not {n}")),
            ));
        }
        json_text(&self.to_value(), indent)
    }
    /// One table of this extraction as a pandas DataFrame (see `dateline.to_pandas`).
    #[pyo3(signature = (table="sentences"))]
    fn to_pandas<'py>(slf: &Bound<'py, Self>, table: &str) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        py.import("dateline")?
            .getattr("to_pandas")?
            .call1(([slf], table))
    }
    /// The HTML view of the article (`dateline.render`), which notebooks show.
    fn _repr_html_(&self) -> String {
        dateline::render::html(&self.inner)
    }
    fn __repr__(&self) -> String {
        let a = &self.inner.article;
        format!(
            "Extraction(id={}, date={}, title={}, paragraphs={}, sentences={}, tokens={})",
            py_repr_opt(self.inner.id.as_deref()),
            a.date
                .map_or("None".into(), |d| d.format("%Y-%m-%d").to_string()),
            py_repr_opt(a.title.as_deref()),
            a.paragraphs.len(),
            a.sentences.len(),
            a.tokens.len()
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyExtraction>()
            .map(|o| o.get().inner == self.inner)
            .unwrap_or(false)
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json =
            serde_json::to_string(&self.inner).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let f = py
            .import("dateline._dateline")?
            .getattr("_extraction_from_json")?;
        Ok((f, (json,)))
    }
}

/// JSON text of a value; `indent` spaces a level pretty-print it.
fn json_text(v: &Value, indent: Option<usize>) -> PyResult<String> {
    let out = match indent {
        None => serde_json::to_string(v),
        Some(n) => {
            let pad = vec![b' '; n];
            let fmt = serde_json::ser::PrettyFormatter::with_indent(&pad);
            let mut buf = Vec::new();
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
            serde::Serialize::serialize(v, &mut ser)
                .map(|_| String::from_utf8_lossy(&buf).into_owned())
        }
    };
    out.map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The largest `indent` of `Extraction.to_json` and `Linked.to_json`.
const MAX_INDENT: usize = 64;

/// A string as Python's `repr` writes it.
fn quote(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

fn py_repr_opt(s: Option<&str>) -> String {
    s.map_or("None".into(), quote)
}

/// Rebuilds an `Extraction` from its JSON (byte offsets), for pickling.
#[pyfunction]
fn _extraction_from_json(json: &str) -> PyResult<PyExtraction> {
    let x: Extraction =
        serde_json::from_str(json).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(PyExtraction::new(x))
}

// ----------------------------------------------------------- ErrorRecord

impl From<&RecordError> for PyErrorRecord {
    fn from(e: &RecordError) -> Self {
        PyErrorRecord {
            kind: e.error.kind().to_string(),
            message: e.to_string(),
            id: e.id.clone(),
            file: e.origin.file.clone(),
            line: e.origin.line,
            record: e.origin.record,
            byte: e.error.byte(),
        }
    }
}

// --------------------------------------------------------------- Article

/// An input article: text (which may open with a dateline header), and an
/// optional date, title, id and metadata.
#[pyclass(module = "dateline", name = "Article", frozen)]
struct PyArticle {
    inner: Article,
}

#[pymethods]
impl PyArticle {
    #[new]
    #[pyo3(signature = (text, date=None, *, title=None, id=None, metadata=None))]
    fn new(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        date: Option<&Bound<'_, PyAny>>,
        title: Option<&Bound<'_, PyAny>>,
        id: Option<&Bound<'_, PyAny>>,
        metadata: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        Ok(PyArticle {
            inner: build_article(py, text, date, title, id, metadata)?,
        })
    }
    fn __repr__(&self) -> String {
        let preview: String = self.inner.text.trim().chars().take(40).collect();
        format!(
            "Article(id={}, text={})",
            py_repr_opt(self.inner.id.as_deref()),
            quote(&format!("{preview}…"))
        )
    }
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, PyAny>,
        (
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Value2,
            String,
        ),
    )> {
        let py = slf.py();
        let a = &slf.get().inner;
        let date = (a.date_source == Some(dateline::DateSource::Record))
            .then(|| a.published.map(|p| p.to_string()))
            .flatten();
        let metadata = metadata(&a.metadata);
        let origin =
            serde_json::to_string(&a.origin).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let f = py.import("dateline._dateline")?.getattr("_article")?;
        Ok((
            f,
            (
                a.text.clone(),
                date,
                a.title.clone(),
                a.id.clone(),
                metadata,
                origin,
            ),
        ))
    }
}

/// Rebuilds an `Article` (for pickling; keyword-only arguments cannot travel through `__reduce__`).
#[pyfunction]
#[pyo3(signature = (text, date, title, id, metadata, origin))]
fn _article(
    py: Python<'_>,
    text: String,
    date: Option<String>,
    title: Option<String>,
    id: Option<String>,
    metadata: Option<&Bound<'_, PyDict>>,
    origin: &str,
) -> PyResult<PyArticle> {
    let date = date.map(|d| PyString::new(py, &d).into_any());
    let text = PyString::new(py, &text).into_any();
    let title = title.map(|t| PyString::new(py, &t).into_any());
    let id = id.map(|i| PyString::new(py, &i).into_any());
    let mut inner = build_article(
        py,
        &text,
        date.as_ref(),
        title.as_ref(),
        id.as_ref(),
        metadata,
    )?;
    inner.origin =
        serde_json::from_str(origin).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(PyArticle { inner })
}

// ------------------------------------------------------------- Extractor

/// An extractor configured once; `extract_many` runs in parallel with the GIL released.
#[pyclass(module = "dateline", name = "Extractor", frozen)]
struct PyExtractor {
    inner: Arc<Extractor>,
    pool: Option<Arc<rayon::ThreadPool>>,
}

/// The most threads an extractor starts: more than a few per core only
/// costs memory and switching (`threads=100000` would take the machine down).
fn max_threads() -> usize {
    4 * std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The layers option: None (all), one name, or an iterable of names.
fn layers_option(py: Python<'_>, layers: &Bound<'_, PyAny>) -> PyResult<Vec<Layer>> {
    let names: Vec<Bound<'_, PyAny>> = if layers.is_instance_of::<PyString>() {
        vec![layers.clone()]
    } else {
        let items = layers.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "layers must be a str or a list of str, not {}",
                type_name(layers)
            ))
        })?;
        items.collect::<PyResult<_>>()?
    };
    names
        .iter()
        .map(|name| {
            let name = match name.cast::<PyString>() {
                Ok(s) => s.to_string_lossy().into_owned(),
                Err(_) => {
                    return Err(PyTypeError::new_err(format!(
                        "layers must be a str or a list of str; found {} in the list",
                        type_name(name)
                    )))
                }
            };
            name.parse::<Layer>().map_err(|e| core_exception(py, e))
        })
        .collect()
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (*, tokens=true, max_article_bytes=524288, layers=None, threads=None, actor_dictionary=None, entity_model=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        tokens: bool,
        max_article_bytes: usize,
        layers: Option<&Bound<'_, PyAny>>,
        threads: Option<usize>,
        actor_dictionary: Option<String>,
        entity_model: Option<Vec<u8>>,
    ) -> PyResult<Self> {
        let mut config = Config::default()
            .tokens(tokens)
            .max_article_bytes(max_article_bytes);
        if let Some(text) = actor_dictionary {
            config = config.actor_dictionary(text);
        }
        if let Some(bytes) = entity_model {
            config = config.entity_model(bytes);
        }
        if let Some(layers) = layers.filter(|l| !l.is_none()) {
            config = config.layers(layers_option(py, layers)?);
        }
        let inner = Extractor::new(config).map_err(|e| core_exception(py, e))?;
        let pool = match threads {
            None => None,
            Some(n) => {
                let asked = n.max(1);
                let n = asked.min(max_threads());
                if n < asked {
                    let message = std::ffi::CString::new(format!(
                        "dateline: threads={asked} is more than 4 per core; using {n}"
                    ))
                    .unwrap_or_default();
                    PyErr::warn(
                        py,
                        &py.get_type::<pyo3::exceptions::PyRuntimeWarning>(),
                        &message,
                        1,
                    )?;
                }
                Some(Arc::new(
                    rayon::ThreadPoolBuilder::new()
                        .num_threads(n)
                        .build()
                        .map_err(|e| {
                            core_exception(
                                py,
                                Error::Config(format!("cannot start {n} threads: {e}")),
                            )
                        })?,
                ))
            }
        };
        Ok(PyExtractor {
            inner: Arc::new(inner),
            pool,
        })
    }

    /// Extracts from one article; raises `InputError` on bad input.
    #[pyo3(signature = (text, date=None, *, title=None, id=None))]
    fn extract(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        date: Option<&Bound<'_, PyAny>>,
        title: Option<&Bound<'_, PyAny>>,
        id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyExtraction> {
        let article = if let Ok(a) = text.cast::<PyArticle>() {
            a.get().inner.clone()
        } else if let Ok(s) = text.cast::<PyString>() {
            if s.to_cow().is_ok_and(|t| dateline::files::names_a_file(&t)) {
                return Err(core_exception(
                    py,
                    Error::Config(format!(
                        "text is the path of a file ({}), not an article: read it with \
                         dateline.read_file(path) (or a folder with dateline.read_folder(path)) \
                         and extract what they give",
                        s.to_string_lossy()
                    )),
                ));
            }
            build_article(py, text, date, title, id, None)?
        } else {
            let hint = if text.hasattr("__fspath__")? {
                ": to read a file, use dateline.read_file(path) or dateline.read_folder(path)"
            } else {
                ""
            };
            return Err(PyTypeError::new_err(format!(
                "text must be a str or a dateline.Article, not {}{hint}",
                type_name(text)
            )));
        };
        let ex = Arc::clone(&self.inner);
        match py.detach(move || extract_guarded(&ex, Ok(article))) {
            Outcome::Done(done) => match *done {
                Ok(x) => Ok(PyExtraction::new(x)),
                Err(e) => Err(record_exception(py, &e)),
            },
            Outcome::Panicked(e) => Err(exception_of(py, &e)),
        }
    }

    /// Extracts from every item of `records` (str, dict or Article, or the
    /// rows of a pandas DataFrame with a `text` column, or the texts of a
    /// Series), in parallel, yielding results in input order as they come.
    /// A bad record yields an `ErrorRecord` in its place, or raises with
    /// `errors="raise"`. `progress=True` shows a tqdm progress bar of the
    /// articles and errors (when tqdm is installed). Records are extracted
    /// `batch_size` at a time, or fewer when they hold over 1 MiB of text
    /// (long articles come in smaller batches, so memory stays bounded).
    ///
    /// Returns a generator: it yields each result once. To go over the
    /// results twice (several tables of `to_pandas`), keep them in a list:
    /// `results = list(extractor.extract_many(records))`.
    #[pyo3(signature = (records, *, errors="return", batch_size=256, progress=false))]
    fn extract_many(
        &self,
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        errors: &str,
        batch_size: usize,
        progress: bool,
    ) -> PyResult<PyExtractMany> {
        let raise = match errors {
            "return" => false,
            "raise" => true,
            other => {
                return Err(core_exception(
                    py,
                    Error::Config(format!(
                        "errors must be \"return\" or \"raise\", not {other:?}"
                    )),
                ))
            }
        };
        // A pandas DataFrame or Series: its rows as records (dateline/_inputs.py).
        let inputs = py.import("dateline._inputs")?;
        let source = inputs.call_method1("records_of", (records,))?;
        let bar = match progress {
            true => Some(inputs.call_method1("progress_bar", (records,))?)
                .filter(|b| !b.is_none())
                .map(Bound::unbind),
            false => None,
        };
        Ok(PyExtractMany {
            bar,
            errors: 0,
            yielded: 0,
            source: source.try_iter()?.unbind(),
            extractor: Arc::clone(&self.inner),
            pool: self.pool.clone(),
            buffer: VecDeque::new(),
            pending: None,
            deferred: None,
            batch_size: batch_size.max(1),
            raise,
            seen: 0,
            done: false,
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Extractor(tokens={}, max_article_bytes={}, layers=[{}])",
            if self.tokens() { "True" } else { "False" },
            self.max_article_bytes(),
            self.layers()
                .iter()
                .map(|l| quote(l))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// The most records a batch makes room for before it reads them (a huge
/// `batch_size` grows as records come, rather than reserving memory up front).
const RESERVE: usize = 256;

/// Text a batch holds at most (it always holds one record): extractions take
/// about 105 bytes a byte of text, so long articles come in smaller batches;
/// 256 news articles are far less.
const BATCH_TEXT_BYTES: usize = 1 << 20;

/// The outcome of extracting one record: the core's result, or the error
/// record of a panic caught before it reached Python.
enum Outcome {
    Done(Box<Result<Extraction, RecordError>>),
    Panicked(PyErrorRecord),
}

/// Extracts one record, catching a panic of the core so that it becomes
/// an error record for this record alone.
fn extract_guarded(ex: &Extractor, record: Result<Article, RecordError>) -> Outcome {
    let article = match record {
        Ok(a) => a,
        Err(e) => return Outcome::Done(Box::new(Err(e))),
    };
    let (origin, id) = (article.origin.clone(), article.id.clone());
    match catch_unwind(AssertUnwindSafe(|| ex.extract_record(Ok(article)))) {
        Ok(result) => Outcome::Done(Box::new(result)),
        Err(payload) => Outcome::Panicked(internal_error(&origin, id, payload.as_ref())),
    }
}

enum Slot {
    Done(Box<Result<Extraction, RecordError>>),
    /// An error record: an internal error, or one passed through from the source.
    Error(Py<PyAny>),
}

/// The generator returned by `Extractor.extract_many`: it yields each
/// result once (`yielded` counts them); keep the results in a list to use
/// them twice.
#[pyclass(module = "dateline", name = "ExtractMany")]
struct PyExtractMany {
    source: Py<PyIterator>,
    extractor: Arc<Extractor>,
    pool: Option<Arc<rayon::ThreadPool>>,
    buffer: VecDeque<Slot>,
    /// The batch being extracted in the background.
    pending: Option<Pending>,
    /// An exception raised by the source iterator, raised once the records
    /// read before it have been yielded.
    deferred: Option<PyErr>,
    batch_size: usize,
    raise: bool,
    seen: u64,
    done: bool,
    /// The progress bar (`tqdm`), with `progress=True`.
    bar: Option<Py<PyAny>>,
    /// Error records yielded (for the progress bar).
    errors: u64,
    /// Results yielded so far.
    yielded: u64,
}

type Batch = Vec<Outcome>;

struct Pending {
    /// None: the next record's result; Some: an ErrorRecord passed through.
    order: Vec<Option<Py<PyAny>>>,
    /// In a mutex only because a Python class must be `Sync`.
    results: std::sync::Mutex<std::sync::mpsc::Receiver<Batch>>,
}

impl PyExtractMany {
    /// Reads the next batch from the source (with the GIL) and starts
    /// extracting it on the thread pool, without waiting. Every item
    /// becomes a record or an error record; only an exception of the
    /// source itself (or a `KeyboardInterrupt`) ends the batch, and it is
    /// raised after the results of the records read before it.
    fn launch(&mut self, py: Python<'_>) {
        let mut records = Vec::with_capacity(self.batch_size.min(RESERVE));
        let mut order: Vec<Option<Py<PyAny>>> = Vec::with_capacity(self.batch_size.min(RESERVE));
        let mut source = self.source.bind(py).clone();
        let mut bytes = 0;
        while order.len() < self.batch_size && bytes < BATCH_TEXT_BYTES {
            let item = match source.next() {
                None => {
                    self.done = true;
                    break;
                }
                Some(Err(e)) => {
                    self.deferred = Some(e);
                    self.done = true;
                    break;
                }
                Some(Ok(item)) => item,
            };
            self.seen += 1;
            if item.is_instance_of::<PyErrorRecord>() {
                order.push(Some(item.unbind()));
                continue;
            }
            match record_from_py(&item, self.seen) {
                Ok(r) => {
                    bytes += r.as_ref().map_or(0, |a| a.text.len());
                    records.push(r);
                    order.push(None);
                }
                Err(e) => {
                    self.deferred = Some(e);
                    self.done = true;
                    break;
                }
            }
        }
        if order.is_empty() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let ex = Arc::clone(&self.extractor);
        let job = move || {
            let out: Batch = records
                .into_par_iter()
                .map(|r| extract_guarded(&ex, r))
                .collect();
            let _ = tx.send(out);
        };
        match &self.pool {
            Some(p) => p.spawn(job),
            None => rayon::spawn(job),
        }
        self.pending = Some(Pending {
            order,
            results: std::sync::Mutex::new(rx),
        });
    }

    /// Waits (without the GIL) for the pending batch and queues its results.
    fn collect(&mut self, py: Python<'_>) -> PyResult<()> {
        let Some(pending) = self.pending.take() else {
            return Ok(());
        };
        let rx = pending
            .results
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        let stopped = || {
            exception_of(
                py,
                &internal_error(
                    &Origin::default(),
                    None,
                    &"the extraction of a batch stopped unexpectedly",
                ),
            )
        };
        let results = py.detach(move || rx.recv()).map_err(|_| stopped())?;
        let mut results = results.into_iter();
        for o in pending.order {
            self.buffer.push_back(match o {
                Some(obj) => Slot::Error(obj),
                None => match results.next().ok_or_else(stopped)? {
                    Outcome::Done(r) => Slot::Done(r),
                    Outcome::Panicked(e) => Slot::Error(Py::new(py, e)?.into_any()),
                },
            });
        }
        Ok(())
    }
}

#[pymethods]
impl PyExtractMany {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// How many results were yielded so far: a generator that yielded is
    /// (at least partly) consumed, and yields each result once.
    #[getter]
    fn yielded(&self) -> u64 {
        self.yielded
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let next = self.next_result(py);
        if let Some(bar) = &self.bar {
            let bar = bar.bind(py);
            match &next {
                Ok(Some(item)) => {
                    if item.bind(py).is_instance_of::<PyErrorRecord>() {
                        self.errors += 1;
                        let postfix = PyDict::new(py);
                        postfix.set_item("errors", self.errors)?;
                        bar.call_method("set_postfix", (), Some(&postfix))?;
                    }
                    bar.call_method1("update", (1,))?;
                }
                _ => {
                    bar.call_method0("close")?;
                }
            }
        }
        if let Ok(Some(_)) = &next {
            self.yielded += 1;
        }
        next
    }
}

impl PyExtractMany {
    /// The next result, or None at the end.
    fn next_result(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if self.buffer.is_empty() {
            if self.pending.is_none() && !self.done {
                self.launch(py);
            }
            if self.pending.is_some() {
                self.collect(py)?;
                // Extract the next batch while Python consumes this one.
                if !self.done {
                    self.launch(py);
                }
            }
        }
        let Some(slot) = self.buffer.pop_front() else {
            return match self.deferred.take() {
                Some(e) => Err(e),
                None => Ok(None),
            };
        };
        match slot {
            Slot::Done(done) => match *done {
                Ok(x) => Ok(Some(Py::new(py, PyExtraction::new(x))?.into_any())),
                Err(e) if self.raise => Err(record_exception(py, &e)),
                Err(e) => Ok(Some(Py::new(py, PyErrorRecord::from(&e))?.into_any())),
            },
            Slot::Error(obj) if self.raise => match obj.bind(py).cast::<PyErrorRecord>() {
                Ok(e) => Err(exception_of(py, e.get())),
                Err(_) => Ok(Some(obj)),
            },
            Slot::Error(obj) => Ok(Some(obj)),
        }
    }
}

// ------------------------------------------------------------ functions

/// The extractor with the default options, built once.
fn default_extractor(py: Python<'_>) -> PyResult<Arc<Extractor>> {
    static DEFAULT: OnceLock<Result<Arc<Extractor>, Error>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| Extractor::new(Config::default()).map(Arc::new))
        .clone()
        .map_err(|e| core_exception(py, e))
}

/// Extracts from one article with the default options.
#[pyfunction]
#[pyo3(signature = (text, date=None, *, title=None, id=None))]
fn extract(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    date: Option<&Bound<'_, PyAny>>,
    title: Option<&Bound<'_, PyAny>>,
    id: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyExtraction> {
    let ex = PyExtractor {
        inner: default_extractor(py)?,
        pool: None,
    };
    ex.extract(py, text, date, title, id)
}

/// Streams the records of a JSONL file as `Article`s, or `ErrorRecord`s for
/// lines that are not articles.
#[pyclass(module = "dateline", name = "JsonlFile")]
struct PyJsonlFile {
    reader: JsonlReader<std::io::BufReader<std::fs::File>>,
}

#[pymethods]
impl PyJsonlFile {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        use dateline::files::OutputRecord;
        match self.reader.next_with(dateline::files::read_output_line) {
            None => Ok(None),
            Some(Ok(OutputRecord::Article(a))) => {
                Ok(Some(Py::new(py, PyArticle { inner: a })?.into_any()))
            }
            Some(Ok(OutputRecord::Extraction(x))) => {
                Ok(Some(Py::new(py, PyExtraction::new(*x))?.into_any()))
            }
            Some(Ok(OutputRecord::Failed(e))) => Ok(Some(
                Py::new(
                    py,
                    PyErrorRecord {
                        kind: e.kind,
                        message: e.message,
                        id: e.id,
                        file: e.origin.file,
                        line: e.origin.line,
                        record: e.origin.record,
                        byte: e.byte,
                    },
                )?
                .into_any(),
            )),
            Some(Err(e)) => Ok(Some(Py::new(py, PyErrorRecord::from(&e))?.into_any())),
        }
    }
}

/// The `OSError` (`FileNotFoundError`, `IsADirectoryError`, ...) of an I/O
/// error on `path`, naming it: `[Errno 2] No such file or directory: 'nope.jsonl'`.
fn os_error(e: &std::io::Error, path: &std::path::Path) -> PyErr {
    let message = match e.raw_os_error() {
        Some(_) => {
            let text = e.to_string();
            // Rust appends " (os error N)"; Python shows the number itself.
            match text.rfind(" (os error ") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
        None => e.to_string(),
    };
    let errno = e.raw_os_error().unwrap_or(0);
    pyo3::exceptions::PyOSError::new_err((errno, message, path.display().to_string()))
}

/// Streams a JSONL file: input records as `Article`s, the lines `dateline
/// extract` writes as `Extraction`s (and its error records as
/// `ErrorRecord`s), and an `ErrorRecord` for every line that is neither.
#[pyfunction]
fn read_jsonl(path: std::path::PathBuf) -> PyResult<PyJsonlFile> {
    let file = std::fs::File::open(&path).map_err(|e| os_error(&e, &path))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(os_error(&std::io::Error::from_raw_os_error(21), &path));
    }
    let origin = Origin::file(path.display().to_string());
    Ok(PyJsonlFile {
        reader: JsonlReader::new(std::io::BufReader::with_capacity(1 << 16, file), origin),
    })
}

/// The articles of files and folders, read as `dateline extract` reads them
/// (`dateline.read_folder`, `dateline.read_file`).
#[pyclass(module = "dateline", name = "Files")]
struct PyFiles {
    /// In a mutex only because a Python class must be `Sync`.
    records: std::sync::Mutex<dateline::files::Records>,
}

#[pymethods]
impl PyFiles {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let records = self.records.get_mut().unwrap_or_else(|e| e.into_inner());
        match py.detach(|| records.next()) {
            None => Ok(None),
            Some(Ok(a)) => Ok(Some(Py::new(py, PyArticle { inner: a })?.into_any())),
            Some(Err(e)) => Ok(Some(Py::new(py, PyErrorRecord::from(&e))?.into_any())),
        }
    }
}

/// The records of `path` as the command reads them, after checking that
/// it exists (and is a folder or a file, as `folder` asks).
fn read_path(
    path: std::path::PathBuf,
    max_article_bytes: usize,
    folder: bool,
) -> PyResult<PyFiles> {
    use dateline::files::{plan, ReadOptions, Records};
    let meta = std::fs::metadata(&path).map_err(|e| os_error(&e, &path))?;
    if !folder && meta.is_dir() {
        let e = std::io::Error::from_raw_os_error(21);
        return Err(os_error(&e, &path));
    }
    let options = ReadOptions {
        format: None,
        max_article_bytes: max_article_bytes as u64,
    };
    let records = Records::new(plan(&[path.display().to_string()]), options);
    Ok(PyFiles {
        records: std::sync::Mutex::new(records),
    })
}

/// Streams the articles of a folder as `dateline extract` reads it: every
/// `.txt` file (one article, its id the file name), the records of every
/// `.json` and `.jsonl` file and the rows of every `.parquet` file, in name
/// order, subfolders included; a path
/// to one file reads that file. Files that cannot be read are `ErrorRecord`s.
#[pyfunction]
#[pyo3(signature = (path, *, max_article_bytes=524288))]
fn read_folder(path: std::path::PathBuf, max_article_bytes: usize) -> PyResult<PyFiles> {
    read_path(path, max_article_bytes, true)
}

/// Streams the articles of one file as `dateline extract` reads it, by its
/// extension: a `.txt` file is one article (its id the file name), a
/// `.json` or `.jsonl` file its records, a `.parquet` file its rows.
#[pyfunction]
#[pyo3(signature = (path, *, max_article_bytes=524288))]
fn read_file(path: std::path::PathBuf, max_article_bytes: usize) -> PyResult<PyFiles> {
    read_path(path, max_article_bytes, false)
}

/// The inputs `paths` (files and folders, as `dateline extract` takes them;
/// none: the bundled samples) split into parts of about `part_bytes` for
/// workers (`dateline.dask.read_articles`), each part as JSON for
/// `_read_part`. Large JSONL files are cut at line starts.
#[pyfunction]
#[pyo3(signature = (paths, part_bytes, *, max_article_bytes=524288))]
fn _split(
    py: Python<'_>,
    paths: Vec<String>,
    part_bytes: u64,
    max_article_bytes: u64,
) -> PyResult<Vec<String>> {
    use dateline::files::{plan, split, ReadOptions};
    let options = ReadOptions {
        format: None,
        max_article_bytes,
    };
    let parts = py.detach(|| split(plan(&paths), part_bytes, options));
    parts
        .iter()
        .map(|p| serde_json::to_string(p).map_err(|e| PyValueError::new_err(e.to_string())))
        .collect()
}

/// The records of one part of `_split` (its JSON), with the origins and ids
/// they have when the whole input is read.
#[pyfunction]
#[pyo3(signature = (part, *, max_article_bytes=524288))]
fn _read_part(part: &str, max_article_bytes: u64) -> PyResult<PyFiles> {
    use dateline::files::{Part, ReadOptions, Records};
    let part: Part = serde_json::from_str(part)
        .map_err(|e| PyValueError::new_err(format!("not a part of dateline's _split: {e}")))?;
    let options = ReadOptions {
        format: None,
        max_article_bytes,
    };
    Ok(PyFiles {
        records: std::sync::Mutex::new(Records::of_part(part, options)),
    })
}

/// A view of one extraction for reading: with `format="html"`, a
/// self-contained HTML fragment (its entities, quotes with their speakers,
/// figures, dates and coded events marked in the text, then listed); with
/// `format="text"`, the view `dateline show` prints, in ANSI colours when
/// `color` is true.
#[pyfunction]
#[pyo3(signature = (x, format="html", *, color=false))]
fn render(py: Python<'_>, x: &PyExtraction, format: &str, color: bool) -> PyResult<String> {
    match format {
        "html" => Ok(dateline::render::html(&x.inner)),
        "text" => Ok(dateline::render::terminal(&x.inner, color)),
        other => Err(core_exception(
            py,
            Error::Config(format!(
                "unknown format {other:?}: the formats are \"html\" and \"text\""
            )),
        )),
    }
}

/// The bundled sample articles, written by the dateline team.
#[pyfunction]
fn samples() -> Vec<PyArticle> {
    dateline::samples::SAMPLES
        .iter()
        .map(|s| PyArticle { inner: s.article() })
        .collect()
}

/// The native module.
#[pymodule]
fn _dateline(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("SCHEMA_VERSION", dateline::SCHEMA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    add_members(m)
}
