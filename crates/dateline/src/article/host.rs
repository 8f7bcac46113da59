//! Records given as a host language's values (the Python bindings' `str`,
//! `dict` and `Article` arguments): the rules that turn them into an
//! [`Article`], or into an error naming the field, what it must be and what
//! it was.
//!
//! A binding reads each value into a [`Scalar`], one of the shapes a field
//! can take, through [`HostValue`]; it keeps only what is its own (reading
//! its strings, numbers and dates, unwrapping its array scalars). Which shape
//! each field takes, and every message, is here. A record is finished by
//! [`article_from_json`], so a host record and a JSON record become an
//! article the same way.
//!
//! The rules (docs/python.md writes them for users):
//! - ids are a string, an int of any size (its exact decimal digits), or a
//!   float with a whole value up to 2^53; a bool is not an id; a missing
//!   value means no id;
//! - metadata keeps strings, bools, ints (exact, however large), finite
//!   floats and dates (ISO 8601); a missing value is kept as null; an
//!   infinite float is an error; containers in a record are left out (as
//!   arrays and objects are in JSON), and are an error as an argument;
//!   anything else is an error;
//! - nothing a record holds is more than an error for that record: a value
//!   the host could not read gives a [`Refusal`] that carries the host's
//!   exception, so that the binding can let through one that must stop
//!   everything (Python's `KeyboardInterrupt`).

use serde_json::{Map, Number, Value};

use crate::article::input::{article_from_json, fallback_id};
use crate::article::{Article, Published};
use crate::error::{Error, RecordError};
use crate::origin::Origin;

/// The largest whole float taken as an id: every integer up to 2^53 is
/// exact in a float; above it a float may already have been rounded.
const MAX_FLOAT_ID: f64 = 9_007_199_254_740_992.0;

/// A host value as one of the shapes a record field can take.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// No value (Python's None, NaN, pandas `NA` or `NaT`).
    Missing,
    /// A string.
    Str(String),
    /// A bool.
    Bool(bool),
    /// An integer, as its exact decimal digits.
    Int(String),
    /// A float that is not NaN (it may be infinite).
    Float(f64),
    /// A date or datetime, in ISO 8601.
    Date(String),
    /// A list, tuple, mapping, set or array.
    Container,
    /// Anything else.
    Other,
}

/// Why the host could not read a value.
#[derive(Debug)]
pub enum Unreadable<R> {
    /// A string with a lone surrogate, which UTF-8 cannot hold, at a
    /// character index.
    Surrogate {
        /// The index of the character.
        index: usize,
        /// The surrogate's code point.
        code: u32,
    },
    /// Reading the value raised an exception.
    Raised {
        /// The exception.
        raised: R,
        /// The name of its type.
        exception: String,
        /// Its message.
        message: String,
    },
}

/// A value given by a host language.
pub trait HostValue {
    /// An exception of the host, raised while reading a value.
    type Raised;
    /// The value as one of the shapes a field can take.
    fn scalar(&self) -> Result<Scalar, Unreadable<Self::Raised>>;
    /// The name of the value's type, for messages.
    fn type_name(&self) -> String;
}

/// A field value that cannot be taken, with the error that says so.
#[derive(Debug)]
pub enum Refusal<R> {
    /// The value has a type the field does not take.
    Type(Error),
    /// The value has the right type but cannot be taken (a lone surrogate,
    /// an infinite number, 1.5 as an id).
    Value(Error),
    /// Reading the value raised: the exception, and the error that stands for it.
    Raised(R, Error),
}

impl<R> Refusal<R> {
    /// The refusal of `value`, read for `field`, that the host could not read.
    pub fn unreadable<V: HostValue<Raised = R>>(
        field: &str,
        value: &V,
        why: Unreadable<R>,
    ) -> Self {
        match why {
            Unreadable::Surrogate { index, code } => Refusal::Value(field_type(
                field,
                "text that UTF-8 can hold",
                format!("a lone surrogate (U+{code:04X}) at character {index}"),
            )),
            Unreadable::Raised {
                raised,
                exception,
                message,
            } => {
                let found = format!(
                    "a {} whose conversion raised {exception}: {message}",
                    value.type_name()
                );
                Refusal::Raised(
                    raised,
                    field_type(field, "a value dateline can read", found),
                )
            }
        }
    }

    /// The error, and the host's exception when reading the value raised.
    pub fn into_parts(self) -> (Error, Option<R>) {
        match self {
            Refusal::Type(e) | Refusal::Value(e) => (e, None),
            Refusal::Raised(r, e) => (e, Some(r)),
        }
    }

    /// The refusal of an argument, for the record named `id`.
    fn rejection(self, id: Option<String>) -> Rejection<R> {
        match self {
            Refusal::Type(e) => Rejection::Type(e.to_string()),
            Refusal::Value(e) => {
                Rejection::Value(RecordError::new(Origin::default(), e).with_id(id))
            }
            Refusal::Raised(r, _) => Rejection::Raised(r),
        }
    }
}

/// Why an article could not be built from arguments (see [`from_arguments`]).
#[derive(Debug)]
pub enum Rejection<R> {
    /// An argument of the wrong type: the message of the host's type error.
    Type(String),
    /// A bad value (a lone surrogate, an infinite number, a malformed date,
    /// an empty text), naming the record by its id when known.
    Value(RecordError),
    /// An exception the host raised, to raise again.
    Raised(R),
}

fn field_type(field: &str, expected: &str, found: String) -> Error {
    Error::FieldType {
        field: field.into(),
        expected: expected.into(),
        found,
    }
}

/// Reads `value` for `field`.
fn scalar<V: HostValue>(field: &str, value: &V) -> Result<Scalar, Refusal<V::Raised>> {
    value
        .scalar()
        .map_err(|why| Refusal::unreadable(field, value, why))
}

fn wrong_type<V: HostValue>(field: &str, expected: &str, value: &V) -> Refusal<V::Raised> {
    Refusal::Type(field_type(field, expected, value.type_name()))
}

/// A text field (`text`, `title`): the string, or `None` when missing.
pub fn text<V: HostValue>(field: &str, value: &V) -> Result<Option<String>, Refusal<V::Raised>> {
    match scalar(field, value)? {
        Scalar::Missing => Ok(None),
        Scalar::Str(s) => Ok(Some(s)),
        _ => Err(wrong_type(field, "a str", value)),
    }
}

/// An id: a string, an int of any size (its exact decimal digits), or a
/// float with a whole value up to 2^53; `None` when missing. A bool is not
/// an id.
pub fn id<V: HostValue>(value: &V) -> Result<Option<String>, Refusal<V::Raised>> {
    match scalar("id", value)? {
        Scalar::Missing => Ok(None),
        Scalar::Str(s) | Scalar::Int(s) => Ok(Some(s)),
        Scalar::Float(f) if f.fract() == 0.0 && f.abs() <= MAX_FLOAT_ID => {
            // `as` is exact here; -0.0 becomes 0.
            Ok(Some((f as i64).to_string()))
        }
        Scalar::Float(f) => Err(Refusal::Value(field_type(
            "id",
            "a str, an int, or a float with a whole value up to 2^53",
            format!("the float {}", host_float(f)),
        ))),
        _ => Err(wrong_type("id", "a str or an int", value)),
    }
}

/// A record's `date` field: a string, or the ISO 8601 of a date; `None`
/// when missing.
fn date<V: HostValue>(value: &V) -> Result<Option<String>, Refusal<V::Raised>> {
    match scalar("date", value)? {
        Scalar::Missing => Ok(None),
        Scalar::Str(s) | Scalar::Date(s) => Ok(Some(s)),
        _ => Err(wrong_type(
            "date",
            "a str, datetime.date or datetime.datetime",
            value,
        )),
    }
}

/// A metadata value under `key`: `Ok(None)` when it is left out (a
/// container, when `containers` allows it); `Value::Null` for a missing value.
pub fn metadata<V: HostValue>(
    key: &str,
    value: &V,
    containers: bool,
) -> Result<Option<Value>, Refusal<V::Raised>> {
    Ok(Some(match scalar(key, value)? {
        Scalar::Missing => Value::Null,
        Scalar::Str(s) | Scalar::Date(s) => Value::String(s),
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Int(digits) => match (digits.parse::<i64>(), digits.parse::<u64>()) {
            (Ok(i), _) => Value::from(i),
            (_, Ok(u)) => Value::from(u),
            // Beyond 64 bits: the exact digits, as a JSON number (written
            // back digit for digit, and an int again in the host).
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
                    host_float(f),
                )))
            }
        },
        Scalar::Container if containers => return Ok(None),
        Scalar::Container | Scalar::Other => {
            return Err(wrong_type(
                key,
                "a str, int, float, bool, None, date or datetime",
                value,
            ))
        }
    }))
}

/// A float as Python writes it (`inf`, `-inf`, `1.5`).
fn host_float(f: f64) -> String {
    if f.is_infinite() {
        if f > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        format!("{f:?}")
    }
}

/// A field of a mapping: its key, read or refused, and its value.
pub type Field<V> = (Result<String, Refusal<<V as HostValue>::Raised>>, V);

/// A record given by a host, one item of a batch.
pub enum HostRecord<V: HostValue> {
    /// An article already built; it takes the record's origin when it has none.
    Article(Article),
    /// A text (a string value).
    Text(V),
    /// A mapping: its fields in order, each key read or refused.
    Fields(Vec<Field<V>>),
    /// Anything else: the name of its type.
    Other(String),
}

/// A record that is not an article: the error, and the host's exception
/// when reading a value raised.
pub type Rejected<R> = (RecordError, Option<R>);

/// The article of a record of a batch at `origin`.
pub fn record<V: HostValue>(
    record: HostRecord<V>,
    origin: Origin,
) -> Result<Article, Rejected<V::Raised>> {
    match record {
        HostRecord::Article(mut a) => {
            if a.origin == Origin::default() {
                a.origin = origin;
            }
            Ok(a)
        }
        HostRecord::Text(v) => {
            let text = text("text", &v).map_err(|r| {
                let (e, raised) = r.into_parts();
                (RecordError::new(origin.clone(), e), raised)
            })?;
            Article::from_text(text.unwrap_or_default())
                .map(|a| a.with_origin(origin.clone()))
                .map_err(|e| (RecordError::new(origin, e), None))
        }
        HostRecord::Fields(fields) => fields_record(fields, origin),
        HostRecord::Other(type_name) => Err((
            RecordError::new(
                origin,
                field_type(
                    "(record)",
                    "a str, a dict with \"text\", or a dateline.Article",
                    type_name,
                ),
            ),
            None,
        )),
    }
}

/// A mapping record: the id first, so that every other error names the
/// record by it; then a refused key; then each field in order.
fn fields_record<V: HostValue>(
    fields: Vec<Field<V>>,
    origin: Origin,
) -> Result<Article, Rejected<V::Raised>> {
    let fail = |r: Refusal<V::Raised>, id: Option<String>| {
        let (e, raised) = r.into_parts();
        (RecordError::new(origin.clone(), e).with_id(id), raised)
    };
    let mut good = Vec::with_capacity(fields.len());
    let mut bad_key = None;
    for (key, v) in fields {
        match key {
            Ok(key) => good.push((key, v)),
            Err(r) => {
                bad_key.get_or_insert(r);
            }
        }
    }
    let id = match good.iter().rev().find(|(k, _)| k == "id") {
        None => None,
        Some((_, v)) => id(v).map_err(|r| fail(r, fallback_id(&origin)))?,
    };
    let record_id = id.clone().or_else(|| fallback_id(&origin));
    if let Some(r) = bad_key {
        return Err(fail(r, record_id));
    }
    let mut map = Map::new();
    if let Some(id) = id {
        map.insert("id".into(), Value::String(id));
    }
    let mut nulls = Vec::new();
    for (key, v) in &good {
        let value = match key.as_str() {
            "id" => continue,
            "text" | "title" => text(key, v).map(|s| s.map(Value::String)),
            "date" => date(v).map(|s| s.map(Value::String)),
            _ => metadata(key, v, true),
        };
        match value.map_err(|r| fail(r, record_id.clone()))? {
            Some(Value::Null) => nulls.push(key.clone()),
            Some(value) => {
                map.insert(key.clone(), value);
            }
            None => {}
        }
    }
    let mut a = article_from_json(Value::Object(map), origin).map_err(|e| (e, None))?;
    // The JSON reader leaves nulls out; a host record keeps them.
    for key in nulls {
        a.metadata.insert(key, Value::Null);
    }
    Ok(a)
}

/// A publication date given as a date object's parts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateParts {
    /// The year, month and day.
    pub date: (u32, u32, u32),
    /// The hour, minute and second, for a datetime.
    pub time: Option<(u32, u32, u32)>,
    /// The UTC offset in seconds, for a datetime with a zone.
    pub utc_offset: Option<f64>,
}

/// A publication date given as an argument: a date's text or its parts.
pub enum HostDate<V> {
    /// A string value, parsed as a record's `date` is.
    Text(V),
    /// A date object's parts.
    Parts(DateParts),
}

impl<V: HostValue> HostDate<V> {
    /// The publication date; an error names no record.
    pub fn published(self) -> Result<Option<Published>, Rejection<V::Raised>> {
        let bad = |e: Error| Rejection::Value(RecordError::new(Origin::default(), e));
        match self {
            HostDate::Text(v) => {
                let text = text("date", &v).map_err(|r| r.rejection(None))?;
                Published::parse(&text.unwrap_or_default())
                    .map(Some)
                    .map_err(bad)
            }
            HostDate::Parts(parts) => {
                let (year, month, day) = parts.date;
                let date =
                    chrono::NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(|| {
                        bad(Error::BadDate {
                            value: format!("{year:04}-{month:02}-{day:02}"),
                            byte: None,
                            reason: "not a date".into(),
                        })
                    })?;
                let mut p = Published::date(date);
                if let Some((h, m, s)) = parts.time {
                    p.time = chrono::NaiveTime::from_hms_opt(h, m, s);
                    p.offset = parts
                        .utc_offset
                        .and_then(|secs| chrono::FixedOffset::east_opt(secs.round() as i32));
                }
                Ok(Some(p))
            }
        }
    }
}

/// An article from the arguments of a host's constructor
/// (`Article(text, date, title=, id=, metadata=)`). They are read in that
/// order, after the id, so that errors name the record by it: the id, the
/// text (required), the title, the date (`date` reads it), the text's own
/// checks, then each metadata item (`metadata_items` gives them, each key
/// read as the iterator reaches it).
/// Containers in metadata are an error here.
pub fn from_arguments<V: HostValue, I>(
    text_value: &V,
    title: Option<&V>,
    id_value: Option<&V>,
    date: impl FnOnce() -> Result<Option<Published>, Rejection<V::Raised>>,
    metadata_items: impl FnOnce() -> Result<I, V::Raised>,
) -> Result<Article, Rejection<V::Raised>>
where
    I: IntoIterator<Item = Field<V>>,
{
    let id = match id_value {
        Some(v) => id(v).map_err(|r| r.rejection(None))?,
        None => None,
    };
    let refused = |r: Refusal<V::Raised>| r.rejection(id.clone());
    let text = text("text", text_value)
        .map_err(refused)?
        .ok_or_else(|| Rejection::Type("text must be a str, not None".into()))?;
    let title = match title {
        Some(t) => self::text("title", t).map_err(refused)?,
        None => None,
    };
    let published = date()?;
    let mut a = Article::from_text(text).map_err(|e| {
        Rejection::Value(RecordError::new(Origin::default(), e).with_id(id.clone()))
    })?;
    for (key, v) in metadata_items().map_err(Rejection::Raised)? {
        let key = key.map_err(refused)?;
        if let Some(value) = metadata(&key, &v, false).map_err(refused)? {
            a.metadata.insert(key, value);
        }
    }
    a.id = id;
    a.title = title;
    if let Some(p) = published {
        a = a.with_published(p);
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A host value that is what it reads as, with a type name.
    struct V(Result<Scalar, &'static str>, &'static str);

    impl HostValue for V {
        type Raised = &'static str;
        fn scalar(&self) -> Result<Scalar, Unreadable<&'static str>> {
            self.0.clone().map_err(|raised| Unreadable::Raised {
                raised,
                exception: "ValueError".into(),
                message: raised.into(),
            })
        }
        fn type_name(&self) -> String {
            self.1.into()
        }
    }

    fn ok(s: Scalar, ty: &'static str) -> V {
        V(Ok(s), ty)
    }

    fn str(s: &str) -> V {
        ok(Scalar::Str(s.into()), "str")
    }

    #[test]
    fn ids_take_strings_ints_and_whole_floats_up_to_2_53() {
        let id_of = |v: V| id(&v).map_err(|r| r.into_parts().0.to_string());
        assert_eq!(
            id_of(ok(Scalar::Float(-0.0), "float")),
            Ok(Some("0".into()))
        );
        assert_eq!(
            id_of(ok(Scalar::Int("123456789012345678901".into()), "int")),
            Ok(Some("123456789012345678901".into()))
        );
        assert_eq!(
            id_of(ok(Scalar::Float(9_007_199_254_740_994.0), "float")).unwrap_err(),
            "field \"id\" must be a str, an int, or a float with a whole value up to 2^53, \
             found the float 9007199254740994.0"
        );
        assert_eq!(
            id_of(ok(Scalar::Bool(true), "bool")).unwrap_err(),
            "field \"id\" must be a str or an int, found bool"
        );
    }

    #[test]
    fn a_record_keeps_nulls_leaves_out_containers_and_names_its_id_in_errors() {
        let fields = vec![
            (Ok("text".into()), str("Mr Smith left Baghdad on Monday.")),
            (Ok("id".into()), ok(Scalar::Float(7.0), "float")),
            (Ok("views".into()), ok(Scalar::Int("1".repeat(30)), "int")),
            (Ok("gone".into()), ok(Scalar::Missing, "NoneType")),
            (Ok("tags".into()), ok(Scalar::Container, "list")),
        ];
        let a = record(HostRecord::Fields(fields), Origin::default()).unwrap();
        assert_eq!(a.id.as_deref(), Some("7"));
        assert_eq!(
            serde_json::to_string(&a.metadata).unwrap(),
            format!("{{\"gone\":null,\"views\":{}}}", "1".repeat(30))
        );
        let fields = vec![
            (Ok("text".into()), str("Mr Smith left.")),
            (
                Ok("score".into()),
                ok(Scalar::Float(f64::INFINITY), "float"),
            ),
            (Ok("id".into()), str("a1")),
        ];
        let (e, raised) = record(HostRecord::Fields(fields), Origin::default()).unwrap_err();
        assert_eq!(raised, None);
        assert_eq!(
            e.to_string(),
            "(id a1): field \"score\" must be a finite number (JSON has no infinity), found inf"
        );
    }

    #[test]
    fn an_exception_while_reading_is_kept_for_the_host() {
        let fields = vec![
            (Ok("text".into()), str("Mr Smith left.")),
            (Ok("author".into()), V(Err("no str today"), "Unprintable")),
        ];
        let (e, raised) = record(HostRecord::Fields(fields), Origin::default()).unwrap_err();
        assert_eq!(raised, Some("no str today"));
        assert_eq!(
            e.error.to_string(),
            "field \"author\" must be a value dateline can read, found a Unprintable \
             whose conversion raised ValueError: no str today"
        );
    }

    #[test]
    fn arguments_need_a_text_and_refuse_containers() {
        let none = ok(Scalar::Missing, "NoneType");
        let r = from_arguments(&none, None, None, || Ok(None), || Ok(Vec::new()));
        assert!(matches!(r, Err(Rejection::Type(m)) if m == "text must be a str, not None"));
        let text = str("Mr Smith left.");
        let items = vec![(Ok("tags".into()), ok(Scalar::Container, "list"))];
        let r = from_arguments(&text, None, None, || Ok(None), || Ok(items));
        assert!(matches!(r, Err(Rejection::Type(m)) if m.contains("found list")));
        let parts = DateParts {
            date: (2023, 2, 30),
            time: None,
            utc_offset: None,
        };
        let r = HostDate::<V>::Parts(parts).published();
        assert!(matches!(r, Err(Rejection::Value(e)) if e.error.kind() == "bad_date"));
    }
}
