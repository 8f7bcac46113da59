//! Python values read for the core's record rules (`dateline::article::host`,
//! which say what each field takes and write every error): a str with a
//! lone surrogate and its index, an exception raised while reading a value,
//! numpy and pandas values. An exception that is not an `Exception`
//! (`KeyboardInterrupt`, `SystemExit`) goes through unchanged.

use dateline::article::host::{self, DateParts, Field, HostDate, HostRecord, HostValue};
use dateline::article::host::{Refusal, Rejection, Scalar, Unreadable};
use dateline::{Article, Origin, Published, RecordError};
use pyo3::exceptions::{PyException, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString, PyTuple};

/// A Python value, read for the core's record rules.
pub(crate) struct Obj<'py>(pub(crate) Bound<'py, PyAny>);

impl HostValue for Obj<'_> {
    type Raised = PyErr;

    fn scalar(&self) -> Result<Scalar, Unreadable<PyErr>> {
        read(&self.0, true)
    }

    fn type_name(&self) -> String {
        type_name(&self.0)
    }
}

/// The name of `obj`'s type, for messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "object".into())
}

/// An exception raised while reading a value, with its type's name and message.
fn raised(err: PyErr) -> Unreadable<PyErr> {
    Python::attach(|py| {
        let exception = type_name(err.value(py).as_any());
        let message = (err.value(py).str())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Unreadable::Raised {
            raised: err,
            exception,
            message,
        }
    })
}

/// A Python str as a Rust string; a lone surrogate is unreadable, with its
/// character index.
fn read_str(s: &Bound<'_, PyString>) -> Result<String, Unreadable<PyErr>> {
    let err = match s.to_cow() {
        Ok(c) => return Ok(c.into_owned()),
        Err(err) => err,
    };
    // The UnicodeEncodeError's `start` is the index of the first character
    // UTF-8 cannot hold.
    let at = || -> PyResult<(usize, u32)> {
        let index: usize = err.value(s.py()).getattr("start")?.extract()?;
        let ord = s.py().import("builtins")?.getattr("ord")?;
        Ok((index, ord.call1((s.get_item(index)?,))?.extract()?))
    };
    match at() {
        Ok((index, code)) => Err(Unreadable::Surrogate { index, code }),
        Err(_) => Err(raised(err)),
    }
}

/// The exact decimal digits of a Python int (or int subclass such as an
/// `IntEnum` member, whose `str` may be its name).
fn int_digits(obj: &Bound<'_, PyAny>) -> Result<Scalar, Unreadable<PyErr>> {
    let repr = obj.py().get_type::<PyInt>().getattr("__repr__");
    let digits = repr.and_then(|r| r.call1((obj,))).map_err(raised)?;
    let digits = digits.cast::<PyString>().map_err(|e| raised(e.into()))?;
    digits
        .to_cow()
        .map(|d| Scalar::Int(d.into_owned()))
        .map_err(raised)
}

/// The shape of a Python value; a numpy scalar counts as the value it holds
/// (`unwrap_numpy`).
fn read(obj: &Bound<'_, PyAny>, unwrap_numpy: bool) -> Result<Scalar, Unreadable<PyErr>> {
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
        return int_digits(obj);
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
    let module = ty.module().map(|m| m.to_string_lossy().into_owned());
    let module = module.unwrap_or_default();
    if module == "numpy" {
        let numpy = py.import("numpy").map_err(raised)?;
        let is = |name: &str| numpy.getattr(name).and_then(|t| obj.is_instance(&t));
        if is("datetime64").map_err(raised)? {
            // Its `item()` is an int for nanosecond units: use its ISO text.
            let text = read_str(&obj.str().map_err(raised)?)?;
            return Ok(if text == "NaT" {
                Scalar::Missing
            } else {
                Scalar::Date(text)
            });
        }
        if unwrap_numpy && is("generic").map_err(raised)? {
            // A numpy scalar (np.int64, np.float32, np.bool_, np.str_): its Python value.
            return read(&obj.call_method0("item").map_err(raised)?, false);
        }
        if is("ndarray").map_err(raised)? {
            return Ok(Scalar::Container);
        }
    }
    if module.starts_with("pandas") && matches!(type_name(obj).as_str(), "NAType" | "NaTType") {
        return Ok(Scalar::Missing);
    }
    if ty.hasattr("__index__").map_err(raised)? {
        let index = py.import("operator").and_then(|op| op.getattr("index"));
        return int_digits(&index.and_then(|i| i.call1((obj,))).map_err(raised)?);
    }
    if obj.hasattr("isoformat").map_err(raised)? {
        let iso = obj.call_method0("isoformat").map_err(raised)?;
        return match iso.cast::<PyString>() {
            Ok(s) => read_str(s).map(Scalar::Date),
            Err(_) => Ok(Scalar::Other),
        };
    }
    Ok(Scalar::Other)
}

/// A dict key as a field name: a str, or the `str()` of another key.
fn read_key<'py>(k: &Bound<'py, PyAny>) -> Result<String, Refusal<PyErr>> {
    let key = Obj(k.clone());
    let s = match k.cast::<PyString>() {
        Ok(s) => s.clone(),
        Err(_) => (k.str()).map_err(|e| Refusal::unreadable("(a key)", &key, raised(e)))?,
    };
    read_str(&s).map_err(|why| {
        // The key in the message: each character UTF-8 cannot hold becomes `?`.
        let shown = s
            .call_method1("encode", ("utf-8", "replace"))
            .and_then(|b| b.extract::<Vec<u8>>())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        Refusal::unreadable(&format!("(key {shown})"), &key, why)
    })
}

/// A dict's items, read from a snapshot (a value whose conversion changes
/// the dict changes nothing here); each key is read as the core asks for it.
fn items<'py>(d: &Bound<'py, PyDict>) -> PyResult<impl Iterator<Item = Field<Obj<'py>>>> {
    let pairs = (d.items().iter())
        .map(|pair| pair.extract())
        .collect::<PyResult<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>>>()?;
    Ok(pairs.into_iter().map(|(k, v)| (read_key(&k), Obj(v))))
}

/// One item of `extract_many`'s iterable as a record: a str, a dict with
/// `text` (and `id`, `date`, `title`, metadata), or an `Article`. `n` is its
/// 1-based position, used when the item has no origin of its own. `Err`
/// only for an exception that must go through (`KeyboardInterrupt`).
pub(crate) fn record_from_py(
    item: &Bound<'_, PyAny>,
    n: u64,
) -> PyResult<Result<Article, RecordError>> {
    let record = if let Ok(a) = item.cast::<crate::PyArticle>() {
        HostRecord::Article(a.get().inner.clone())
    } else if item.cast::<PyString>().is_ok() {
        HostRecord::Text(Obj(item.clone()))
    } else if let Ok(d) = item.cast::<PyDict>() {
        HostRecord::Fields(items(d)?.collect())
    } else {
        HostRecord::Other(type_name(item))
    };
    let origin = Origin {
        record: Some(n),
        ..Origin::default()
    };
    match host::record(record, origin) {
        Ok(a) => Ok(Ok(a)),
        Err((_, Some(err))) if !err.is_instance_of::<PyException>(item.py()) => Err(err),
        Err((e, _)) => Ok(Err(e)),
    }
}

/// An article from the arguments of `extract`, `Extractor.extract` or
/// `Article`. A value of the wrong type raises `TypeError`; a bad value
/// (a lone surrogate, an infinite number, a malformed date, an empty text)
/// raises `InputError` naming the field.
pub(crate) fn build_article(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    date: Option<&Bound<'_, PyAny>>,
    title: Option<&Bound<'_, PyAny>>,
    id: Option<&Bound<'_, PyAny>>,
    metadata: Option<&Bound<'_, PyDict>>,
) -> PyResult<Article> {
    let items = || Ok(metadata.map(items).transpose()?.into_iter().flatten());
    let (title, id) = (title.cloned().map(Obj), id.cloned().map(Obj));
    let date = || published_from_py(date);
    host::from_arguments(&Obj(text.clone()), title.as_ref(), id.as_ref(), date, items).map_err(
        |r| match r {
            Rejection::Type(message) => PyTypeError::new_err(message),
            Rejection::Value(e) => crate::record_exception(py, &e),
            Rejection::Raised(err) => err,
        },
    )
}

/// A publication date given from Python: `None`, a str, a `datetime.date`
/// or a `datetime.datetime`.
fn published_from_py(
    obj: Option<&Bound<'_, PyAny>>,
) -> Result<Option<Published>, Rejection<PyErr>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if obj.cast::<PyString>().is_ok() {
        return HostDate::Text(Obj(obj.clone())).published();
    }
    let parts = || -> PyResult<DateParts> {
        let datetime = obj.py().import("datetime")?;
        let int = |name: &str| -> PyResult<u32> { obj.getattr(name)?.extract::<u32>() };
        let is_datetime = obj.is_instance(&datetime.getattr("datetime")?)?;
        if !is_datetime && !obj.is_instance(&datetime.getattr("date")?)? {
            return Err(PyTypeError::new_err(format!(
                "date must be a str, datetime.date or datetime.datetime, not {}",
                type_name(obj)
            )));
        }
        let date = (int("year")?, int("month")?, int("day")?);
        if !is_datetime {
            return Ok(DateParts {
                date,
                time: None,
                utc_offset: None,
            });
        }
        let time = Some((int("hour")?, int("minute")?, int("second")?));
        let offset = obj.call_method0("utcoffset")?;
        let utc_offset = match offset.is_none() {
            true => None,
            false => Some(offset.call_method0("total_seconds")?.extract()?),
        };
        Ok(DateParts {
            date,
            time,
            utc_offset,
        })
    };
    HostDate::<Obj<'_>>::Parts(parts().map_err(Rejection::Raised)?).published()
}
