//! Python values to dateline records, for `extract`, `Article` and
//! `extract_many`.
//!
//! Nothing a record holds makes this module raise: a value that cannot be
//! taken gives a [`Refusal`] naming the field and saying what is wrong (a
//! lone surrogate and its character index, an infinite number, a type the
//! field does not take, an exception raised while reading it).
//! `extract_many` yields it as an `ErrorRecord` in the record's place;
//! `extract` and `Article` raise it. Only an exception that is not an
//! `Exception` (`KeyboardInterrupt`, `SystemExit`) goes through unchanged.
//!
//! The rules, written for users in docs/python.md:
//! - ids are a str, an int of any size or an object with `__index__` (its
//!   exact decimal digits), or a float with a whole value up to 2^53; a bool
//!   is not an id; None and NaN mean no id;
//! - metadata keeps str, bool, int (exact: beyond 64 bits, its decimal
//!   digits as a str), finite float, date and datetime (ISO 8601); None, NaN,
//!   pandas `NA` and `NaT` are kept as None; an infinite float is an error;
//!   lists, tuples, dicts and sets in a record are left out (as arrays and
//!   objects are in JSONL); any other object is an error;
//! - numpy scalars count as the Python value they hold.

use dateline::input;
use dateline::{Article, Error, Origin, RecordError};
use pyo3::exceptions::{PyException, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// The largest whole float taken as an id: every integer up to 2^53 is
/// exact in a float; above it a float may already have been rounded.
const MAX_FLOAT_ID: f64 = 9_007_199_254_740_992.0;

/// A Python value as one of the shapes a record field can take.
enum Scalar {
    /// None, NaN, pandas `NA` or `NaT`: no value.
    Missing,
    Str(String),
    Bool(bool),
    /// An int (or an object with `__index__`), as its exact decimal digits.
    Int(String),
    /// A float that is not NaN (it may be infinite).
    Float(f64),
    /// A date or datetime (an object with `isoformat`), in ISO 8601.
    Date(String),
    /// A list, tuple, dict, set or array.
    Container,
    /// Anything else.
    Other,
}

/// Why a value could not be read.
enum Unreadable {
    /// A str with a lone surrogate, which UTF-8 cannot hold.
    Surrogate { index: usize, code: u32 },
    /// Reading the object raised (its `__index__`, `isoformat`, `__str__`, ...).
    Raised(PyErr),
}

/// A field value that cannot be taken, with the error that says so.
pub(crate) enum Refusal {
    /// The value has a type the field does not take.
    Type(Error),
    /// The value has the right type but cannot be taken (a lone surrogate,
    /// an infinite number, 1.5 as an id).
    Value(Error),
    /// Reading the value raised: the exception, and the error that stands for it.
    Raised(PyErr, Error),
}

impl Refusal {
    /// For a record of a batch: the error, or the exception that must go
    /// through (one that is not an `Exception`, such as `KeyboardInterrupt`).
    pub(crate) fn into_error(self, py: Python<'_>) -> PyResult<Error> {
        match self {
            Refusal::Type(e) | Refusal::Value(e) => Ok(e),
            Refusal::Raised(err, e) => {
                if err.is_instance_of::<PyException>(py) {
                    Ok(e)
                } else {
                    Err(err)
                }
            }
        }
    }

    /// For an argument of `extract` or `Article`: a `TypeError` for a wrong
    /// type, `InputError` for a wrong value (naming the record `id` when
    /// known), or the exception that reading the value raised.
    pub(crate) fn into_pyerr(self, py: Python<'_>, id: Option<String>) -> PyErr {
        match self {
            Refusal::Type(e) => PyTypeError::new_err(e.to_string()),
            Refusal::Value(e) => {
                crate::record_exception(py, &RecordError::new(Origin::default(), e).with_id(id))
            }
            Refusal::Raised(err, _) => err,
        }
    }
}

fn field_type(field: &str, expected: &str, found: String) -> Error {
    Error::FieldType {
        field: field.into(),
        expected: expected.into(),
        found,
    }
}

/// The refusal for a value of `field` that could not be read.
fn unreadable(field: &str, obj: &Bound<'_, PyAny>, why: Unreadable) -> Refusal {
    match why {
        Unreadable::Surrogate { index, code } => Refusal::Value(field_type(
            field,
            "text that UTF-8 can hold",
            format!("a lone surrogate (U+{code:04X}) at character {index}"),
        )),
        Unreadable::Raised(err) => {
            let py = obj.py();
            let exc = type_name(err.value(py).as_any());
            let message = err
                .value(py)
                .str()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let error = field_type(
                field,
                "a value dateline can read",
                format!(
                    "a {} whose conversion raised {exc}: {message}",
                    type_name(obj)
                ),
            );
            Refusal::Raised(err, error)
        }
    }
}

/// The name of `obj`'s type, for messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "object".into())
}

/// A Python str as a Rust string; a lone surrogate is an error with its
/// character index.
fn read_str(s: &Bound<'_, PyString>) -> Result<String, Unreadable> {
    match s.to_cow() {
        Ok(c) => Ok(c.into_owned()),
        Err(err) => {
            // The UnicodeEncodeError's `start` is the index of the first
            // character UTF-8 cannot hold.
            let at = || -> PyResult<(usize, u32)> {
                let py = s.py();
                let index: usize = err.value(py).getattr("start")?.extract()?;
                let ord = py.import("builtins")?.getattr("ord")?;
                let code: u32 = ord.call1((s.get_item(index)?,))?.extract()?;
                Ok((index, code))
            };
            match at() {
                Ok((index, code)) => Err(Unreadable::Surrogate { index, code }),
                Err(_) => Err(Unreadable::Raised(err)),
            }
        }
    }
}

/// The exact decimal digits of a Python int (or int subclass such as an
/// `IntEnum` member, whose `str` may be its name).
fn int_digits(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let digits = obj
        .py()
        .get_type::<PyInt>()
        .getattr("__repr__")?
        .call1((obj,))?;
    Ok(digits.cast::<PyString>()?.to_cow()?.into_owned())
}

fn read_scalar(obj: &Bound<'_, PyAny>) -> Result<Scalar, Unreadable> {
    read(obj, true)
}

fn read(obj: &Bound<'_, PyAny>, unwrap_numpy: bool) -> Result<Scalar, Unreadable> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Scalar::Missing);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return read_str(s).map(Scalar::Str);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Scalar::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return int_digits(obj).map(Scalar::Int).map_err(Unreadable::Raised);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        return Ok(if v.is_nan() {
            Scalar::Missing
        } else {
            Scalar::Float(v)
        });
    }
    if obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
        || obj.is_instance_of::<PyDict>()
        || obj.is_instance_of::<PySet>()
        || obj.is_instance_of::<PyFrozenSet>()
    {
        return Ok(Scalar::Container);
    }
    let ty = obj.get_type();
    let module = ty
        .module()
        .map(|m| m.to_string_lossy().into_owned())
        .unwrap_or_default();
    if module == "numpy" {
        let numpy = py.import("numpy").map_err(Unreadable::Raised)?;
        let is = |name: &str| -> Result<bool, Unreadable> {
            numpy
                .getattr(name)
                .and_then(|t| obj.is_instance(&t))
                .map_err(Unreadable::Raised)
        };
        if is("datetime64")? {
            // Its `item()` is an int for nanosecond units: use its ISO text.
            let text = obj.str().map_err(Unreadable::Raised)?;
            let text = read_str(&text)?;
            return Ok(if text == "NaT" {
                Scalar::Missing
            } else {
                Scalar::Date(text)
            });
        }
        if unwrap_numpy && is("generic")? {
            // A numpy scalar (np.int64, np.float32, np.bool_, np.str_): its Python value.
            let item = obj.call_method0("item").map_err(Unreadable::Raised)?;
            return read(&item, false);
        }
        if is("ndarray")? {
            return Ok(Scalar::Container);
        }
    }
    if module.starts_with("pandas") {
        let name = type_name(obj);
        if name == "NAType" || name == "NaTType" {
            return Ok(Scalar::Missing);
        }
    }
    if ty.hasattr("__index__").map_err(Unreadable::Raised)? {
        let int = py
            .import("operator")
            .and_then(|op| op.getattr("index"))
            .and_then(|index| index.call1((obj,)))
            .map_err(Unreadable::Raised)?;
        return int_digits(&int)
            .map(Scalar::Int)
            .map_err(Unreadable::Raised);
    }
    if obj.hasattr("isoformat").map_err(Unreadable::Raised)? {
        let iso = obj.call_method0("isoformat").map_err(Unreadable::Raised)?;
        return match iso.cast::<PyString>() {
            Ok(s) => read_str(s).map(Scalar::Date),
            Err(_) => Ok(Scalar::Other),
        };
    }
    Ok(Scalar::Other)
}

/// Reads `obj` for `field`, turning a failure into a refusal.
fn scalar(field: &str, obj: &Bound<'_, PyAny>) -> Result<Scalar, Refusal> {
    read_scalar(obj).map_err(|why| unreadable(field, obj, why))
}

fn wrong_type(field: &str, expected: &str, obj: &Bound<'_, PyAny>) -> Refusal {
    Refusal::Type(field_type(field, expected, type_name(obj)))
}

/// A str field (`text`, `title`): the str, or None when missing.
pub(crate) fn read_text(field: &str, obj: &Bound<'_, PyAny>) -> Result<Option<String>, Refusal> {
    match scalar(field, obj)? {
        Scalar::Missing => Ok(None),
        Scalar::Str(s) => Ok(Some(s)),
        _ => Err(wrong_type(field, "a str", obj)),
    }
}

/// An id: a str, an int of any size (its exact decimal digits), or a float
/// with a whole value up to 2^53; None when missing. A bool is not an id.
pub(crate) fn read_id(obj: &Bound<'_, PyAny>) -> Result<Option<String>, Refusal> {
    const EXPECTED: &str = "a str or an int";
    match scalar("id", obj)? {
        Scalar::Missing => Ok(None),
        Scalar::Str(s) => Ok(Some(s)),
        Scalar::Int(digits) => Ok(Some(digits)),
        Scalar::Float(f) if f.fract() == 0.0 && f.abs() <= MAX_FLOAT_ID => {
            // `as` is exact here; -0.0 becomes 0.
            Ok(Some((f as i64).to_string()))
        }
        Scalar::Float(f) => Err(Refusal::Value(field_type(
            "id",
            "a str, an int, or a float with a whole value up to 2^53",
            format!("the float {}", python_float(f)),
        ))),
        _ => Err(wrong_type("id", EXPECTED, obj)),
    }
}

/// A record's `date` field: a str, or the ISO 8601 of a date or datetime;
/// None when missing.
fn read_date(obj: &Bound<'_, PyAny>) -> Result<Option<String>, Refusal> {
    match scalar("date", obj)? {
        Scalar::Missing => Ok(None),
        Scalar::Str(s) | Scalar::Date(s) => Ok(Some(s)),
        _ => Err(wrong_type(
            "date",
            "a str, datetime.date or datetime.datetime",
            obj,
        )),
    }
}

/// A metadata value under `key`: `Ok(None)` when it is left out (a list,
/// tuple, dict or set, when `containers` allows it); `Value::Null` for a
/// missing value.
pub(crate) fn read_metadata(
    key: &str,
    obj: &Bound<'_, PyAny>,
    containers: bool,
) -> Result<Option<Value>, Refusal> {
    const EXPECTED: &str = "a str, int, float, bool, None, date or datetime";
    Ok(Some(match scalar(key, obj)? {
        Scalar::Missing => Value::Null,
        Scalar::Str(s) | Scalar::Date(s) => Value::String(s),
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Int(digits) => match (digits.parse::<i64>(), digits.parse::<u64>()) {
            (Ok(i), _) => Value::from(i),
            (_, Ok(u)) => Value::from(u),
            // Beyond 64 bits: the exact digits, as a JSON number (written
            // back digit for digit, and an int again in Python).
            _ => digits
                .parse::<Number>()
                .map(Value::Number)
                .unwrap_or(Value::String(digits)),
        },
        Scalar::Float(f) => match Number::from_f64(f) {
            Some(n) => Value::Number(n),
            None => {
                return Err(Refusal::Value(field_type(
                    key,
                    "a finite number (JSON has no infinity)",
                    python_float(f),
                )))
            }
        },
        Scalar::Container if containers => return Ok(None),
        Scalar::Container | Scalar::Other => return Err(wrong_type(key, EXPECTED, obj)),
    }))
}

/// A dict key as a field name: a str, or the `str()` of another key.
pub(crate) fn read_key(k: &Bound<'_, PyAny>) -> Result<String, Refusal> {
    let s = match k.cast::<PyString>() {
        Ok(s) => s.clone(),
        Err(_) => k
            .str()
            .map_err(|err| unreadable("(a key)", k, Unreadable::Raised(err)))?,
    };
    read_str(&s).map_err(|why| unreadable(&format!("(key {})", shown(&s)), k, why))
}

/// A str for a message: each character UTF-8 cannot hold becomes `?`.
fn shown(s: &Bound<'_, PyString>) -> String {
    s.call_method1("encode", ("utf-8", "replace"))
        .and_then(|b| b.extract::<Vec<u8>>())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// A float as Python writes it (`inf`, `-inf`, `1.5`).
fn python_float(f: f64) -> String {
    if f.is_infinite() {
        if f > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        format!("{f:?}")
    }
}

/// One item of `extract_many`'s iterable as a record: a str, a dict with
/// `text` (and `id`, `date`, `title`, metadata), or an `Article`. `n` is its
/// 1-based position, used when the item has no origin of its own. `Err`
/// only for an exception that must go through (`KeyboardInterrupt`).
pub(crate) fn record_from_py(
    item: &Bound<'_, PyAny>,
    n: u64,
) -> PyResult<Result<Article, RecordError>> {
    let py = item.py();
    let origin = Origin {
        record: Some(n),
        ..Origin::default()
    };
    if let Ok(a) = item.cast::<crate::PyArticle>() {
        let mut a = a.get().inner.clone();
        if a.origin == Origin::default() {
            a.origin = origin;
        }
        return Ok(Ok(a));
    }
    if item.cast::<PyString>().is_ok() {
        let text = match read_text("text", item) {
            Ok(text) => text.unwrap_or_default(),
            Err(r) => return Ok(Err(RecordError::new(origin, r.into_error(py)?))),
        };
        return Ok(Article::from_text(text)
            .map(|a| a.with_origin(origin.clone()))
            .map_err(|e| RecordError::new(origin, e)));
    }
    if let Ok(d) = item.cast::<PyDict>() {
        return dict_record(d, origin);
    }
    Ok(Err(RecordError::new(
        origin,
        field_type(
            "(record)",
            "a str, a dict with \"text\", or a dateline.Article",
            type_name(item),
        ),
    )))
}

/// A dict record. Its items are read from a snapshot, so a value whose
/// conversion changes the dict changes nothing here.
fn dict_record(d: &Bound<'_, PyDict>, origin: Origin) -> PyResult<Result<Article, RecordError>> {
    let py = d.py();
    let fail = |e: Error, id: Option<String>| -> PyResult<Result<Article, RecordError>> {
        Ok(Err(RecordError::new(origin.clone(), e).with_id(id)))
    };
    let mut fields = Vec::new();
    let mut bad_key = None;
    for pair in d.items().iter() {
        let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair.extract()?;
        match read_key(&k) {
            Ok(key) => fields.push((key, v)),
            Err(r) => {
                bad_key.get_or_insert(r);
            }
        }
    }
    // The id first, so that every other error names the record by it.
    let id = match fields.iter().rev().find(|(k, _)| k == "id") {
        None => None,
        Some((_, v)) => match read_id(v) {
            Ok(id) => id,
            Err(r) => return fail(r.into_error(py)?, input::fallback_id(&origin)),
        },
    };
    let record_id = id.clone().or_else(|| input::fallback_id(&origin));
    if let Some(r) = bad_key {
        return fail(r.into_error(py)?, record_id);
    }
    let mut map = Map::new();
    if let Some(id) = id {
        map.insert("id".into(), Value::String(id));
    }
    let mut nulls = Vec::new();
    for (key, v) in &fields {
        let value = match key.as_str() {
            "id" => continue,
            "text" | "title" => read_text(key, v).map(|s| s.map(Value::String)),
            "date" => read_date(v).map(|s| s.map(Value::String)),
            _ => read_metadata(key, v, true),
        };
        match value {
            Ok(Some(Value::Null)) => nulls.push(key.clone()),
            Ok(Some(value)) => {
                map.insert(key.clone(), value);
            }
            Ok(None) => {}
            Err(r) => return fail(r.into_error(py)?, record_id),
        }
    }
    Ok(
        input::article_from_json(Value::Object(map), origin).map(|mut a| {
            for key in nulls {
                a.metadata.insert(key, Value::Null);
            }
            a
        }),
    )
}
