//! `dateline._dateline`: the native module behind the `dateline` Python
//! package. Only conversions live here: Rust types to Python classes, byte
//! offsets to string indices, errors to exceptions. Everything else is the
//! core crate.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, OnceLock};

mod record;

use record::{read_id, read_key, read_metadata, read_text, record_from_py, type_name};

use dateline::input::JsonlReader;
use dateline::{
    Article, Config, Error, Extraction, Extractor, Layer, OffsetMap, Origin, Published, RecordError,
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
    // The record's place, written as the core writes it before an error.
    let mut place = [
        origin.file.clone(),
        origin
            .line
            .map(|l| format!("line {l}"))
            .or_else(|| origin.record.map(|r| format!("record {r}"))),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    if let Some(id) = &id {
        place = format!("{place} (id {id})").trim_start().to_string();
    }
    let sep = if place.is_empty() { "" } else { ": " };
    PyErrorRecord {
        kind: INTERNAL.into(),
        message: format!(
            "{place}{sep}internal error (a bug in dateline; please report it with the article): {what}"
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

/// A publication date given from Python: `None`, a string, a `datetime.date`
/// or a `datetime.datetime`.
fn published_from_py(
    py: Python<'_>,
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<Published>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if obj.cast::<PyString>().is_ok() {
        let text = read_text("date", obj)
            .map_err(|r| r.into_pyerr(py, None))?
            .unwrap_or_default();
        return Published::parse(&text)
            .map(Some)
            .map_err(|e| core_exception(py, e));
    }
    let datetime = py.import("datetime")?;
    let int = |name: &str| -> PyResult<u32> { obj.getattr(name)?.extract::<u32>() };
    let is_datetime = obj.is_instance(&datetime.getattr("datetime")?)?;
    if !is_datetime && !obj.is_instance(&datetime.getattr("date")?)? {
        return Err(PyTypeError::new_err(format!(
            "date must be a str, datetime.date or datetime.datetime, not {}",
            type_name(obj)
        )));
    }
    let (year, month, day) = (int("year")?, int("month")?, int("day")?);
    let date = chrono::NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(|| {
        core_exception(
            py,
            Error::BadDate {
                value: format!("{year:04}-{month:02}-{day:02}"),
                byte: None,
                reason: "not a date".into(),
            },
        )
    })?;
    let mut p = Published::date(date);
    if is_datetime {
        p.time = chrono::NaiveTime::from_hms_opt(int("hour")?, int("minute")?, int("second")?);
        let offset = obj.call_method0("utcoffset")?;
        if !offset.is_none() {
            let secs: f64 = offset.call_method0("total_seconds")?.extract()?;
            p.offset = chrono::FixedOffset::east_opt(secs.round() as i32);
        }
    }
    Ok(Some(p))
}

// ------------------------------------------------------- small classes

/// A span of the text: `text[start:end]` (string indices).
#[pyclass(module = "dateline", name = "Span", frozen, eq)]
#[derive(Clone, PartialEq)]
struct PySpan {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
}

#[pymethods]
impl PySpan {
    #[new]
    fn new(start: usize, end: usize) -> Self {
        PySpan { start, end }
    }
    fn __repr__(&self) -> String {
        format!("Span(start={}, end={})", self.start, self.end)
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (usize, usize))> {
        Ok((slf.get_type().into_any(), (slf.get().start, slf.get().end)))
    }
    fn to_dict(&self) -> Value2 {
        Value2(json!({"start": self.start, "end": self.end}))
    }
}

/// A kicker or title line opening the article.
#[pyclass(module = "dateline", name = "Headline", frozen, eq)]
#[derive(Clone, PartialEq)]
struct PyHeadline {
    #[pyo3(get)]
    kind: String,
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
}

#[pymethods]
impl PyHeadline {
    #[new]
    fn new(kind: String, start: usize, end: usize, text: String) -> Self {
        PyHeadline {
            kind,
            start,
            end,
            text,
        }
    }
    fn __repr__(&self) -> String {
        format!(
            "Headline(kind={}, start={}, end={}, text={})",
            quote(&self.kind),
            self.start,
            self.end,
            quote(&self.text)
        )
    }
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (String, usize, usize, String))> {
        let s = slf.get();
        Ok((
            slf.get_type().into_any(),
            (s.kind.clone(), s.start, s.end, s.text.clone()),
        ))
    }
    fn to_dict(&self) -> Value2 {
        Value2(json!({"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}))
    }
}

/// A paragraph: its span and the indices of its sentences.
#[pyclass(module = "dateline", name = "Paragraph", frozen, eq)]
#[derive(Clone, PartialEq)]
struct PyParagraph {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    first_sentence: usize,
    end_sentence: usize,
}

#[pymethods]
impl PyParagraph {
    #[new]
    fn new(start: usize, end: usize, first_sentence: usize, end_sentence: usize) -> Self {
        PyParagraph {
            start,
            end,
            first_sentence,
            end_sentence,
        }
    }
    /// Indices of the paragraph's sentences in `Extraction.sentences`.
    #[getter]
    fn sentences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_range(py, self.first_sentence, self.end_sentence)
    }
    fn __repr__(&self) -> String {
        format!(
            "Paragraph(start={}, end={}, sentences=range({}, {}))",
            self.start, self.end, self.first_sentence, self.end_sentence
        )
    }
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (usize, usize, usize, usize))> {
        let s = slf.get();
        Ok((
            slf.get_type().into_any(),
            (s.start, s.end, s.first_sentence, s.end_sentence),
        ))
    }
    fn to_dict(&self) -> Value2 {
        Value2(json!({"start": self.start, "end": self.end,
            "sentences": {"start": self.first_sentence, "end": self.end_sentence}}))
    }
}

/// A sentence: span, text, paragraph index and the indices of its tokens.
#[pyclass(module = "dateline", name = "Sentence", frozen, eq)]
#[derive(Clone, PartialEq)]
struct PySentence {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    paragraph: usize,
    first_token: usize,
    end_token: usize,
}

#[pymethods]
impl PySentence {
    #[new]
    fn new(
        start: usize,
        end: usize,
        text: String,
        paragraph: usize,
        first_token: usize,
        end_token: usize,
    ) -> Self {
        PySentence {
            start,
            end,
            text,
            paragraph,
            first_token,
            end_token,
        }
    }
    /// Indices of the sentence's tokens in `Extraction.tokens`.
    #[getter]
    fn tokens<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_range(py, self.first_token, self.end_token)
    }
    fn __repr__(&self) -> String {
        format!(
            "Sentence(start={}, end={}, paragraph={}, text={})",
            self.start,
            self.end,
            self.paragraph,
            quote(&self.text)
        )
    }
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, PyAny>,
        (usize, usize, String, usize, usize, usize),
    )> {
        let s = slf.get();
        Ok((
            slf.get_type().into_any(),
            (
                s.start,
                s.end,
                s.text.clone(),
                s.paragraph,
                s.first_token,
                s.end_token,
            ),
        ))
    }
    fn to_dict(&self) -> Value2 {
        Value2(
            json!({"start": self.start, "end": self.end, "text": self.text, "paragraph": self.paragraph,
            "tokens": {"start": self.first_token, "end": self.end_token}}),
        )
    }
}

/// A token: span and kind (`word`, `number`, `punct`, `symbol`).
#[pyclass(module = "dateline", name = "Token", frozen, eq)]
#[derive(Clone, PartialEq)]
struct PyToken {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    kind: String,
}

#[pymethods]
impl PyToken {
    #[new]
    fn new(start: usize, end: usize, kind: String) -> Self {
        PyToken { start, end, kind }
    }
    fn __repr__(&self) -> String {
        format!(
            "Token(start={}, end={}, kind={})",
            self.start,
            self.end,
            quote(&self.kind)
        )
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (usize, usize, String))> {
        let s = slf.get();
        Ok((slf.get_type().into_any(), (s.start, s.end, s.kind.clone())))
    }
    fn to_dict(&self) -> Value2 {
        Value2(json!({"start": self.start, "end": self.end, "kind": self.kind}))
    }
}

fn py_range(py: Python<'_>, start: usize, end: usize) -> PyResult<Bound<'_, PyAny>> {
    py.import("builtins")?.getattr("range")?.call1((start, end))
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

/// A temporal expression with its TimeML type and value.
#[pyclass(module = "dateline", name = "Timex", frozen, eq)]
#[derive(Clone, PartialEq)]
struct PyTimex {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    r#type: String,
    #[pyo3(get)]
    value: Option<String>,
    #[pyo3(get)]
    r#mod: Option<String>,
    #[pyo3(get)]
    anchor: Option<String>,
    first_iso: Option<String>,
    last_iso: Option<String>,
}

#[pymethods]
impl PyTimex {
    #[new]
    #[pyo3(signature = (start, end, text, r#type, value=None, r#mod=None, anchor=None, first=None, last=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        start: usize,
        end: usize,
        text: String,
        r#type: String,
        value: Option<String>,
        r#mod: Option<String>,
        anchor: Option<String>,
        first: Option<String>,
        last: Option<String>,
    ) -> Self {
        PyTimex {
            start,
            end,
            text,
            r#type,
            value,
            r#mod,
            anchor,
            first_iso: first,
            last_iso: last,
        }
    }
    /// The first instant the expression can mean (`datetime.datetime`), or None.
    #[getter]
    fn first<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.first_iso
            .as_deref()
            .map(|s| py_datetime(py, s))
            .transpose()
    }
    /// The last instant the expression can mean (`datetime.datetime`), or None.
    #[getter]
    fn last<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.last_iso
            .as_deref()
            .map(|s| py_datetime(py, s))
            .transpose()
    }
    fn __repr__(&self) -> String {
        format!(
            "Timex(start={}, end={}, text={}, type={}, value={})",
            self.start,
            self.end,
            quote(&self.text),
            quote(&self.r#type),
            py_repr_opt(self.value.as_deref())
        )
    }
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, PyAny>,
        (
            usize,
            usize,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        ),
    )> {
        let t = slf.get().clone();
        Ok((
            slf.get_type().into_any(),
            (
                t.start,
                t.end,
                t.text,
                t.r#type,
                t.value,
                t.r#mod,
                t.anchor,
                t.first_iso,
                t.last_iso,
            ),
        ))
    }
    fn to_dict(&self) -> Value2 {
        Value2(
            json!({"start": self.start, "end": self.end, "text": self.text, "type": self.r#type,
            "value": self.value, "mod": self.r#mod, "anchor": self.anchor,
            "first": self.first_iso, "last": self.last_iso}),
        )
    }
}

/// A mention of a person (PER), organisation (ORG), place (LOC),
/// nationality or group (NORP) or other name (MISC).
#[pyclass(module = "dateline", name = "Mention", frozen, eq)]
#[derive(Clone, PartialEq)]
struct PyMention {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    kind: String,
    #[pyo3(get)]
    subtype: Option<String>,
    #[pyo3(get)]
    name_start: usize,
    #[pyo3(get)]
    name_end: usize,
    #[pyo3(get)]
    confidence: f32,
    #[pyo3(get)]
    country: Option<String>,
    #[pyo3(get)]
    unit: usize,
}

type MentionArgs = (
    usize,
    usize,
    String,
    String,
    Option<String>,
    usize,
    usize,
    f32,
    Option<String>,
    usize,
);

#[pymethods]
impl PyMention {
    #[new]
    #[pyo3(signature = (start, end, text, kind, subtype=None, name_start=None, name_end=None, confidence=1.0, country=None, unit=0))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        start: usize,
        end: usize,
        text: String,
        kind: String,
        subtype: Option<String>,
        name_start: Option<usize>,
        name_end: Option<usize>,
        confidence: f32,
        country: Option<String>,
        unit: usize,
    ) -> Self {
        PyMention {
            start,
            end,
            text,
            kind,
            subtype,
            name_start: name_start.unwrap_or(start),
            name_end: name_end.unwrap_or(end),
            confidence,
            country,
            unit,
        }
    }
    /// The CoNLL class: PER, ORG, LOC, or MISC (NORP counts as MISC).
    #[getter]
    fn coarse(&self) -> &'static str {
        match self.kind.as_str() {
            "PER" => "PER",
            "ORG" => "ORG",
            "LOC" => "LOC",
            _ => "MISC",
        }
    }
    fn __repr__(&self) -> String {
        format!(
            "Mention(start={}, end={}, text={}, kind={}, subtype={}, confidence={:.2})",
            self.start,
            self.end,
            quote(&self.text),
            quote(&self.kind),
            py_repr_opt(self.subtype.as_deref()),
            self.confidence
        )
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, MentionArgs)> {
        let m = slf.get().clone();
        Ok((
            slf.get_type().into_any(),
            (
                m.start,
                m.end,
                m.text,
                m.kind,
                m.subtype,
                m.name_start,
                m.name_end,
                m.confidence,
                m.country,
                m.unit,
            ),
        ))
    }
    fn to_dict(&self) -> Value2 {
        Value2(
            json!({"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
            "subtype": self.subtype, "name_start": self.name_start, "name_end": self.name_end,
            "confidence": self.confidence, "country": self.country, "unit": self.unit}),
        )
    }
}

/// An attributed statement: its content, how it is given (`direct`,
/// `indirect`, `mixed`, `according`), the cue, the source as written and
/// the speaker it resolves to.
#[pyclass(module = "dateline", name = "Quote", frozen, eq)]
#[derive(Clone, PartialEq)]
struct PyQuote {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    kind: String,
    #[pyo3(get)]
    cue: Option<String>,
    #[pyo3(get)]
    source: Option<String>,
    #[pyo3(get)]
    source_start: Option<usize>,
    #[pyo3(get)]
    source_end: Option<usize>,
    #[pyo3(get)]
    speaker: Option<String>,
    #[pyo3(get)]
    speaker_kind: Option<String>,
    #[pyo3(get)]
    attribution: usize,
    #[pyo3(get)]
    confidence: f32,
}

type QuoteArgs = (
    usize,
    usize,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<usize>,
    Option<usize>,
    Option<String>,
    Option<String>,
    usize,
    f32,
);

#[pymethods]
impl PyQuote {
    #[new]
    #[pyo3(signature = (start, end, text, kind, cue=None, source=None, source_start=None, source_end=None, speaker=None, speaker_kind=None, attribution=0, confidence=1.0))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        start: usize,
        end: usize,
        text: String,
        kind: String,
        cue: Option<String>,
        source: Option<String>,
        source_start: Option<usize>,
        source_end: Option<usize>,
        speaker: Option<String>,
        speaker_kind: Option<String>,
        attribution: usize,
        confidence: f32,
    ) -> Self {
        PyQuote {
            start,
            end,
            text,
            kind,
            cue,
            source,
            source_start,
            source_end,
            speaker,
            speaker_kind,
            attribution,
            confidence,
        }
    }
    fn __repr__(&self) -> String {
        format!(
            "Quote(start={}, end={}, kind={}, source={}, speaker={}, text={})",
            self.start,
            self.end,
            quote(&self.kind),
            py_repr_opt(self.source.as_deref()),
            py_repr_opt(self.speaker.as_deref()),
            quote(&self.text)
        )
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, QuoteArgs)> {
        let q = slf.get().clone();
        Ok((
            slf.get_type().into_any(),
            (
                q.start,
                q.end,
                q.text,
                q.kind,
                q.cue,
                q.source,
                q.source_start,
                q.source_end,
                q.speaker,
                q.speaker_kind,
                q.attribution,
                q.confidence,
            ),
        ))
    }
    fn to_dict(&self) -> Value2 {
        Value2(
            json!({"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
            "cue": self.cue, "source": self.source, "source_start": self.source_start,
            "source_end": self.source_end, "speaker": self.speaker,
            "speaker_kind": self.speaker_kind, "attribution": self.attribution,
            "confidence": self.confidence}),
        )
    }
}

/// A figure: a number the article states (a count, money, a percentage,
/// a quantity), with its bounds and unit and, for counts, the claim around
/// it: what is counted, the category (`killed`, ...), the whole it is part
/// of, the place, date, actor and source. Offsets are string indices.
#[pyclass(module = "dateline", name = "Figure", frozen, eq)]
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct PyFigure {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    kind: String,
    #[pyo3(get)]
    value: Option<f64>,
    #[pyo3(get)]
    low: Option<f64>,
    #[pyo3(get)]
    high: Option<f64>,
    #[pyo3(get)]
    bound: String,
    #[pyo3(get)]
    unit: Option<String>,
    #[pyo3(get)]
    counted: Option<String>,
    #[pyo3(get)]
    counted_class: Option<String>,
    #[pyo3(get)]
    category: Option<String>,
    #[pyo3(get)]
    gdelt: Option<String>,
    #[pyo3(get)]
    trigger: Option<String>,
    #[pyo3(get)]
    part_of: Option<usize>,
    #[pyo3(get)]
    place: Option<String>,
    #[pyo3(get)]
    place_name: Option<String>,
    #[pyo3(get)]
    place_countries: Vec<String>,
    #[pyo3(get)]
    date: Option<String>,
    #[pyo3(get)]
    actor: Option<String>,
    #[pyo3(get)]
    actor_entity: Option<String>,
    #[pyo3(get)]
    source: Option<String>,
    #[pyo3(get)]
    source_entity: Option<String>,
    #[pyo3(get)]
    segment: usize,
}

#[pymethods]
impl PyFigure {
    /// Rebuilds a figure from the JSON of `to_dict` (used by pickle).
    #[staticmethod]
    fn _from_json(json: &str) -> PyResult<Self> {
        serde_json::from_str(json).map_err(|e| PyValueError::new_err(e.to_string()))
    }
    /// True for a counted claim (`kind == "count"`).
    #[getter]
    fn is_claim(&self) -> bool {
        self.kind == "count"
    }
    fn __repr__(&self) -> String {
        format!(
            "Figure(start={}, end={}, kind={}, text={}, counted={}, category={})",
            self.start,
            self.end,
            quote(&self.kind),
            quote(&self.text),
            py_repr_opt(self.counted.as_deref()),
            py_repr_opt(self.category.as_deref())
        )
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json =
            serde_json::to_string(slf.get()).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok((slf.get_type().getattr("_from_json")?, (json,)))
    }
    fn to_dict(&self) -> Value2 {
        Value2(serde_json::to_value(self).unwrap_or(Value::Null))
    }
}

/// Pickle and dict support shared by the resolve layer's classes.
macro_rules! json_class {
    ($t:ty) => {
        #[pymethods]
        impl $t {
            /// Rebuilds the object from the JSON of `to_dict` (used by pickle).
            #[staticmethod]
            fn _from_json(json: &str) -> PyResult<Self> {
                serde_json::from_str(json).map_err(|e| PyValueError::new_err(e.to_string()))
            }
            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                let json = serde_json::to_string(slf.get())
                    .map_err(|e| PyValueError::new_err(e.to_string()))?;
                Ok((slf.get_type().getattr("_from_json")?, (json,)))
            }
            /// The object as plain dicts and lists.
            fn to_dict(&self) -> Value2 {
                Value2(serde_json::to_value(self).unwrap_or(Value::Null))
            }
            fn __repr__(&self) -> String {
                self.repr()
            }
        }
    };
}

/// One mention of an entity: a name, acronym, description (`the prime
/// minister`) or pronoun, with string-index offsets.
#[pyclass(module = "dateline", name = "EntityMention", frozen, eq)]
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct PyEntityMention {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    form: String,
    #[pyo3(get)]
    unit: usize,
    #[pyo3(get)]
    #[serde(default)]
    mention: Option<usize>,
}

impl PyEntityMention {
    fn repr(&self) -> String {
        format!(
            "EntityMention(start={}, end={}, text={}, form={})",
            self.start,
            self.end,
            quote(&self.text),
            quote(&self.form)
        )
    }
}
json_class!(PyEntityMention);

/// A person's title or role, with the body it is for and the sentence
/// that states it.
#[pyclass(module = "dateline", name = "Role", frozen, eq)]
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct PyRole {
    #[pyo3(get)]
    title: String,
    #[pyo3(get)]
    #[serde(default)]
    function: Option<String>,
    #[pyo3(get)]
    #[serde(default)]
    of: Option<String>,
    #[pyo3(get)]
    #[serde(default)]
    of_country: Option<String>,
    #[pyo3(get)]
    #[serde(default)]
    of_entity: Option<usize>,
    #[pyo3(get)]
    #[serde(default)]
    via_entity: Option<usize>,
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    unit: usize,
    #[pyo3(get)]
    sentence: String,
}

impl PyRole {
    fn repr(&self) -> String {
        format!(
            "Role(title={}, of={}, of_country={})",
            quote(&self.title),
            py_repr_opt(self.of.as_deref()),
            py_repr_opt(self.of_country.as_deref())
        )
    }
}
json_class!(PyRole);

/// Where a place is: its gazetteer entry (GeoNames id, feature, country,
/// first-level division, coordinates, chain up to the country), or its
/// container's.
#[pyclass(module = "dateline", name = "Place", frozen, eq)]
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct PyPlace {
    #[pyo3(get)]
    #[serde(default)]
    geonameid: Option<u32>,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    feature: String,
    #[pyo3(get)]
    #[serde(default)]
    country: Option<String>,
    #[pyo3(get)]
    #[serde(default)]
    country_name: Option<String>,
    #[pyo3(get)]
    #[serde(default)]
    admin1: Option<String>,
    #[pyo3(get)]
    #[serde(default)]
    admin1_name: Option<String>,
    #[pyo3(get)]
    #[serde(default)]
    lat: Option<f64>,
    #[pyo3(get)]
    #[serde(default)]
    lon: Option<f64>,
    #[pyo3(get)]
    chain: Vec<String>,
    #[pyo3(get)]
    #[serde(default)]
    within: Option<usize>,
}

impl PyPlace {
    fn repr(&self) -> String {
        format!(
            "Place(name={}, feature={}, country={}, lat={}, lon={})",
            quote(&self.name),
            quote(&self.feature),
            py_repr_opt(self.country.as_deref()),
            self.lat.map_or("None".into(), |v| v.to_string()),
            self.lon.map_or("None".into(), |v| v.to_string())
        )
    }
}
json_class!(PyPlace);

/// A person, organisation, place, group or other named thing of the
/// article, once, with its canonical name, every mention, roles,
/// nationality, organisation kind, country and place.
#[pyclass(module = "dateline", name = "Entity", frozen, eq)]
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct PyEntity {
    #[pyo3(get)]
    id: usize,
    #[pyo3(get)]
    kind: String,
    #[pyo3(get)]
    #[serde(default)]
    subtype: Option<String>,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    mentions: Vec<PyEntityMention>,
    #[pyo3(get)]
    #[serde(default)]
    roles: Vec<PyRole>,
    #[pyo3(get)]
    #[serde(default)]
    nationality: Option<String>,
    #[pyo3(get)]
    #[serde(default)]
    org_kind: Option<String>,
    #[pyo3(get)]
    #[serde(default)]
    country: Option<String>,
    #[pyo3(get)]
    #[serde(default)]
    place: Option<PyPlace>,
}

impl PyEntity {
    fn repr(&self) -> String {
        format!(
            "Entity(id={}, kind={}, name={}, mentions={})",
            self.id,
            quote(&self.kind),
            quote(&self.name),
            self.mentions.len()
        )
    }
}
json_class!(PyEntity);

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

    fn c(&self, byte: usize) -> usize {
        self.map.char_offset(byte)
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
            for key in [
                "start",
                "end",
                "name_start",
                "name_end",
                "cue_start",
                "cue_end",
                "source_start",
                "source_end",
                "counted_start",
                "counted_end",
                "trigger_start",
                "trigger_end",
                "place_start",
                "place_end",
                "date_start",
                "date_end",
                "actor_start",
                "actor_end",
            ] {
                if let Some(n) = obj.get(key).and_then(Value::as_u64) {
                    obj.insert(key.into(), json!(map.char_offset(n as usize)));
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
    /// The article's id.
    #[getter]
    fn id(&self) -> Option<String> {
        self.inner.id.clone()
    }
    /// The full text; every offset indexes it.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    /// Where the article came from: `file`, `line`, `record`, `byte` (when known).
    #[getter]
    fn origin(&self) -> PyResult<Value2> {
        Ok(Value2(
            serde_json::to_value(&self.inner.origin).unwrap_or(Value::Null),
        ))
    }
    /// Publication date (`datetime.date`), or None.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.article.date.map(|d| py_date(py, d)).transpose()
    }
    /// Publication date and time (`datetime.datetime`, aware when the zone is known), or None.
    #[getter]
    fn datetime<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .article
            .datetime
            .as_deref()
            .map(|s| py_datetime(py, s))
            .transpose()
    }
    /// Where the date was read: "record", "header", "publication_line", or None.
    #[getter]
    fn date_source(&self) -> Option<String> {
        self.inner
            .article
            .date_source
            .map(|d| d.as_str().to_string())
    }
    /// The title: the record's, or the title line of the text.
    #[getter]
    fn title(&self) -> Option<String> {
        self.inner.article.title.clone()
    }
    /// Other scalar fields of the input record.
    #[getter]
    fn metadata(&self) -> Value2 {
        Value2(Value::Object(
            self.inner.article.metadata.clone().into_iter().collect(),
        ))
    }
    /// The dateline header or publication line, or None.
    #[getter]
    fn header(&self) -> Option<PySpan> {
        self.inner
            .article
            .header
            .map(|s| PySpan::new(self.c(s.start), self.c(s.end)))
    }
    /// The story's span, after the header.
    #[getter]
    fn body(&self) -> PySpan {
        let b = self.inner.article.body;
        PySpan::new(self.c(b.start), self.c(b.end))
    }
    /// Kicker and title lines opening the article.
    #[getter]
    fn headlines(&self) -> Vec<PyHeadline> {
        let a = &self.inner.article;
        a.headlines
            .iter()
            .map(|h| {
                PyHeadline::new(
                    h.kind.as_str().to_string(),
                    self.c(h.start),
                    self.c(h.end),
                    h.text.clone(),
                )
            })
            .collect()
    }
    /// Paragraphs of the story.
    #[getter]
    fn paragraphs(&self) -> Vec<PyParagraph> {
        let a = &self.inner.article;
        a.paragraphs
            .iter()
            .map(|p| {
                PyParagraph::new(
                    self.c(p.start),
                    self.c(p.end),
                    p.sentences.start,
                    p.sentences.end,
                )
            })
            .collect()
    }
    /// Sentences of the story.
    #[getter]
    fn sentences(&self) -> Vec<PySentence> {
        let a = &self.inner.article;
        a.sentences
            .iter()
            .map(|s| {
                PySentence::new(
                    self.c(s.start),
                    self.c(s.end),
                    s.text.clone(),
                    s.paragraph,
                    s.tokens.start,
                    s.tokens.end,
                )
            })
            .collect()
    }
    /// Tokens of the sentences.
    #[getter]
    fn tokens(&self) -> Vec<PyToken> {
        let a = &self.inner.article;
        a.tokens
            .iter()
            .map(|t| PyToken::new(self.c(t.start), self.c(t.end), t.kind.as_str().to_string()))
            .collect()
    }
    /// Temporal expressions (empty when the time layer did not run).
    #[getter]
    fn timex(&self) -> Vec<PyTimex> {
        let iso = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
        self.inner
            .timex
            .iter()
            .flatten()
            .map(|t| PyTimex {
                start: self.c(t.start),
                end: self.c(t.end),
                text: t.text.clone(),
                r#type: t.kind.as_str().to_string(),
                value: t.value.clone(),
                r#mod: t.modifier.map(|m| m.as_str().to_string()),
                anchor: t.anchor.clone(),
                first_iso: t.interval.map(|i| iso(i.first)),
                last_iso: t.interval.map(|i| iso(i.last)),
            })
            .collect()
    }
    /// Entity mentions (empty when the entity layer did not run).
    #[getter]
    fn mentions(&self) -> Vec<PyMention> {
        self.inner
            .mentions
            .iter()
            .flatten()
            .map(|m| PyMention {
                start: self.c(m.start),
                end: self.c(m.end),
                text: m.text.clone(),
                kind: m.kind.as_str().to_string(),
                subtype: m.subtype.clone(),
                name_start: self.c(m.name_start),
                name_end: self.c(m.name_end),
                confidence: m.confidence,
                country: m.country.clone(),
                unit: m.unit,
            })
            .collect()
    }
    /// Attributed statements (empty when the quote layer did not run).
    #[getter]
    fn quotes(&self) -> Vec<PyQuote> {
        self.inner
            .quotes
            .iter()
            .flatten()
            .map(|q| PyQuote {
                start: self.c(q.start),
                end: self.c(q.end),
                text: q.text.clone(),
                kind: q.kind.as_str().to_string(),
                cue: q.cue.clone(),
                source: q.source.clone(),
                source_start: q.source_start.map(|b| self.c(b)),
                source_end: q.source_end.map(|b| self.c(b)),
                speaker: q.speaker.clone(),
                speaker_kind: q.speaker_kind.map(|k| k.as_str().to_string()),
                attribution: q.attribution,
                confidence: q.confidence,
            })
            .collect()
    }
    /// Figures: counts, money, percentages and quantities (empty when the
    /// figure layer did not run).
    #[getter]
    fn figures(&self) -> Vec<PyFigure> {
        self.inner
            .figures
            .iter()
            .flatten()
            .map(|f| PyFigure {
                start: self.c(f.start),
                end: self.c(f.end),
                text: f.text.clone(),
                kind: f.kind.as_str().to_string(),
                value: f.value,
                low: f.low,
                high: f.high,
                bound: f.bound.as_str().to_string(),
                unit: f.unit.clone(),
                counted: f.counted.clone(),
                counted_class: f.counted_class.clone(),
                category: f.category.clone(),
                gdelt: f.gdelt.clone(),
                trigger: f.trigger.clone(),
                part_of: f.part_of,
                place: f.place.clone(),
                place_name: f.place_name.clone(),
                place_countries: f.place_countries.clone(),
                date: f.date.clone(),
                actor: f.actor.clone(),
                actor_entity: f.actor_entity.clone(),
                source: f.source.clone(),
                source_entity: f.source_entity.clone(),
                segment: f.segment,
            })
            .collect()
    }
    /// The article's entities, each once with its mentions, roles and
    /// place (empty when the resolve layer did not run).
    #[getter]
    fn entities(&self) -> PyResult<Vec<PyEntity>> {
        // Only the entities go through JSON (with string-index offsets).
        let mut v = serde_json::to_value(self.inner.entities.as_deref().unwrap_or_default())
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        convert_offsets(&mut v, &self.map);
        serde_json::from_value(v).map_err(|e| PyValueError::new_err(e.to_string()))
    }
    /// The countries the article is about, most prominent first, as dicts
    /// (`country`, `name`, `score`, `mentions`).
    #[getter]
    fn focus_countries(&self) -> Value2 {
        Value2(json!(self
            .inner
            .focus_countries
            .as_deref()
            .unwrap_or_default()))
    }
    /// Version of the output shape.
    #[getter]
    fn schema_version(&self) -> &str {
        &self.inner.schema_version
    }
    /// Always True (an `ErrorRecord` has `ok == False`).
    #[getter]
    fn ok(&self) -> bool {
        true
    }
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
        let v = self.to_value();
        let out = match indent {
            None => serde_json::to_string(&v),
            Some(n) => {
                let pad = vec![b' '; n];
                let fmt = serde_json::ser::PrettyFormatter::with_indent(&pad);
                let mut buf = Vec::new();
                let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
                serde::Serialize::serialize(&v, &mut ser)
                    .map(|_| String::from_utf8_lossy(&buf).into_owned())
            }
        };
        out.map_err(|e| PyValueError::new_err(e.to_string()))
    }
    /// One layer of this extraction as a pandas DataFrame (see `dateline.to_pandas`).
    #[pyo3(signature = (layer="sentences"))]
    fn to_pandas<'py>(slf: &Bound<'py, Self>, layer: &str) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        py.import("dateline")?
            .getattr("to_pandas")?
            .call1(([slf], layer))
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

/// The largest `indent` of `Extraction.to_json`.
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

/// An input record that could not be extracted: what went wrong and where.
#[pyclass(module = "dateline", name = "ErrorRecord", frozen, eq)]
#[derive(Clone, PartialEq)]
struct PyErrorRecord {
    #[pyo3(get)]
    kind: String,
    #[pyo3(get)]
    message: String,
    #[pyo3(get)]
    id: Option<String>,
    #[pyo3(get)]
    file: Option<String>,
    #[pyo3(get)]
    line: Option<u64>,
    #[pyo3(get)]
    record: Option<u64>,
    #[pyo3(get)]
    byte: Option<u64>,
}

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

#[pymethods]
impl PyErrorRecord {
    #[new]
    #[pyo3(signature = (kind, message, id=None, file=None, line=None, record=None, byte=None))]
    fn new(
        kind: String,
        message: String,
        id: Option<String>,
        file: Option<String>,
        line: Option<u64>,
        record: Option<u64>,
        byte: Option<u64>,
    ) -> Self {
        PyErrorRecord {
            kind,
            message,
            id,
            file,
            line,
            record,
            byte,
        }
    }
    /// Always False (an `Extraction` has `ok == True`).
    #[getter]
    fn ok(&self) -> bool {
        false
    }
    /// The exception this record stands for (`dateline.InputError`;
    /// `ConfigError` or `DatelineError` for a configuration or internal error).
    fn exception<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        exception_of(py, self)
            .into_value(py)
            .into_bound(py)
            .into_any()
    }
    fn to_dict(&self) -> Value2 {
        Value2(
            json!({"id": self.id, "kind": self.kind, "message": self.message, "file": self.file,
            "line": self.line, "record": self.record, "byte": self.byte}),
        )
    }
    fn __repr__(&self) -> String {
        format!(
            "ErrorRecord(kind={}, message={})",
            quote(&self.kind),
            quote(&self.message)
        )
    }
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, PyAny>,
        (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<u64>,
            Option<u64>,
            Option<u64>,
        ),
    )> {
        let s = slf.get();
        Ok((
            slf.get_type().into_any(),
            (
                s.kind.clone(),
                s.message.clone(),
                s.id.clone(),
                s.file.clone(),
                s.line,
                s.record,
                s.byte,
            ),
        ))
    }
}

// --------------------------------------------------------------- Article

/// An input article: text (which may open with a dateline header), and an
/// optional date, title, id and metadata.
#[pyclass(module = "dateline", name = "Article", frozen)]
struct PyArticle {
    inner: Article,
}

/// An article from the arguments of `extract`, `Extractor.extract` or
/// `Article`. A value of the wrong type raises `TypeError`; a bad value
/// (a lone surrogate, an infinite number, a malformed date, an empty text)
/// raises `InputError` naming the field.
fn build_article(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    date: Option<&Bound<'_, PyAny>>,
    title: Option<&Bound<'_, PyAny>>,
    id: Option<&Bound<'_, PyAny>>,
    metadata: Option<&Bound<'_, PyDict>>,
) -> PyResult<Article> {
    let id = match id {
        Some(id) => read_id(id).map_err(|r| r.into_pyerr(py, None))?,
        None => None,
    };
    let refused = |r: record::Refusal| r.into_pyerr(py, id.clone());
    let text = read_text("text", text)
        .map_err(refused)?
        .ok_or_else(|| PyTypeError::new_err("text must be a str, not None"))?;
    let title = match title {
        Some(t) => read_text("title", t).map_err(refused)?,
        None => None,
    };
    let published = published_from_py(py, date)?;
    let mut a = Article::from_text(text).map_err(|e| {
        record_exception(
            py,
            &RecordError::new(Origin::default(), e).with_id(id.clone()),
        )
    })?;
    if let Some(m) = metadata {
        for (k, v) in m
            .items()
            .iter()
            .map(|pair| pair.extract())
            .collect::<PyResult<Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)>>>()?
        {
            let key = read_key(&k).map_err(refused)?;
            if let Some(value) = read_metadata(&key, &v, false).map_err(refused)? {
                a.metadata.insert(key, value);
            }
        }
    }
    a.id = id;
    a.title = title;
    if let Some(p) = published {
        a = a.with_published(p);
    }
    Ok(a)
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
    /// The text.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    /// The id.
    #[getter]
    fn id(&self) -> Option<String> {
        self.inner.id.clone()
    }
    /// The title given with the article.
    #[getter]
    fn title(&self) -> Option<String> {
        self.inner.title.clone()
    }
    /// The publication date (`datetime.date`), from the record or the text.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .published
            .map(|p| py_date(py, p.date))
            .transpose()
    }
    /// Other fields of the record.
    #[getter]
    fn metadata(&self) -> Value2 {
        Value2(Value::Object(
            self.inner.metadata.clone().into_iter().collect(),
        ))
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
        let metadata = Value2(Value::Object(a.metadata.clone().into_iter().collect()));
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
    #[pyo3(signature = (*, tokens=true, max_article_bytes=10485760, layers=None, threads=None))]
    fn new(
        py: Python<'_>,
        tokens: bool,
        max_article_bytes: usize,
        layers: Option<&Bound<'_, PyAny>>,
        threads: Option<usize>,
    ) -> PyResult<Self> {
        let mut config = Config::default()
            .tokens(tokens)
            .max_article_bytes(max_article_bytes);
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
        } else if text.is_instance_of::<PyString>() {
            build_article(py, text, date, title, id, None)?
        } else {
            return Err(PyTypeError::new_err(format!(
                "text must be a str or a dateline.Article, not {}",
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

    /// Extracts from every item of `records` (str, dict or Article), in
    /// parallel, yielding results in input order as they come. A bad record
    /// yields an `ErrorRecord` in its place, or raises with `errors="raise"`.
    #[pyo3(signature = (records, *, errors="return", batch_size=256))]
    fn extract_many(
        &self,
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        errors: &str,
        batch_size: usize,
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
        Ok(PyExtractMany {
            source: records.try_iter()?.unbind(),
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

    /// Whether tokens are listed.
    #[getter]
    fn tokens(&self) -> bool {
        self.inner.config().tokens
    }
    /// The largest article accepted, in bytes.
    #[getter]
    fn max_article_bytes(&self) -> usize {
        self.inner.config().max_article_bytes
    }
    /// The layers that run.
    #[getter]
    fn layers(&self) -> Vec<String> {
        self.inner
            .config()
            .layers
            .iter()
            .map(|l| l.name().to_string())
            .collect()
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

/// The generator returned by `Extractor.extract_many`.
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
        while order.len() < self.batch_size {
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

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
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
        match self.reader.next() {
            None => Ok(None),
            Some(Ok(a)) => Ok(Some(Py::new(py, PyArticle { inner: a })?.into_any())),
            Some(Err(e)) => Ok(Some(Py::new(py, PyErrorRecord::from(&e))?.into_any())),
        }
    }
}

/// Opens a JSONL file of articles for streaming.
#[pyfunction]
fn read_jsonl(path: std::path::PathBuf) -> PyResult<PyJsonlFile> {
    let file = std::fs::File::open(&path)?;
    let origin = Origin::file(path.display().to_string());
    Ok(PyJsonlFile {
        reader: JsonlReader::new(std::io::BufReader::with_capacity(1 << 16, file), origin),
    })
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
    m.add_class::<PyArticle>()?;
    m.add_class::<PyExtraction>()?;
    m.add_class::<PyExtractor>()?;
    m.add_class::<PyExtractMany>()?;
    m.add_class::<PyErrorRecord>()?;
    m.add_class::<PyJsonlFile>()?;
    m.add_class::<PySpan>()?;
    m.add_class::<PyHeadline>()?;
    m.add_class::<PyParagraph>()?;
    m.add_class::<PySentence>()?;
    m.add_class::<PyToken>()?;
    m.add_class::<PyTimex>()?;
    m.add_class::<PyMention>()?;
    m.add_class::<PyQuote>()?;
    m.add_class::<PyFigure>()?;
    m.add_class::<PyEntity>()?;
    m.add_class::<PyEntityMention>()?;
    m.add_class::<PyRole>()?;
    m.add_class::<PyPlace>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(read_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(samples, m)?)?;
    m.add_function(wrap_pyfunction!(_extraction_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(_article, m)?)?;
    Ok(())
}
