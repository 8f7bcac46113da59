//! The C ABI of dateline. Only conversions live here: C arguments to Rust
//! values, results to borrowed views, errors and panics to status codes.
//! `include/dateline.h` is generated from this file by cbindgen.
//!
//! The C types are plain `#[repr(C)]` definitions (cbindgen reads them and
//! their docs as written). Each output type is read by one method of
//! [`DatelineResult`] that fills it field by field, and the item layers are
//! one table ([`layers!`]); every accessor is a one-line `extern "C"`
//! function over [`read`], which holds the NULL checks, the panic boundary
//! and the write (docs/c.md, "Adding an accessor").

#![allow(unsafe_code)] // the C boundary: every unsafe block is a pointer from the caller
#![allow(clippy::missing_safety_doc)] // the safety rules are written once, in the header

use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use dateline_core::{input, Article, Config, Entity, Error, Extraction, Extractor, Origin};
use dateline_core::{RecordError, Span};

/// The outcome of a call.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatelineStatus {
    /// Success: the outputs were written.
    Ok = 0,
    /// A required pointer argument was NULL.
    NullArgument = 1,
    /// The text is not valid UTF-8 (see dateline_last_error_byte()).
    InvalidUtf8 = 2,
    /// The input is not an article: empty, binary, a malformed date, a JSON
    /// record that is not JSON or has no "text", too large, ...
    InvalidInput = 3,
    /// An option has an invalid value.
    InvalidOption = 4,
    /// An index past the end of a layer.
    OutOfRange = 5,
    /// An internal error (a bug): the call did nothing.
    Panic = 6,
}

/// A borrowed view of UTF-8 text: `len` bytes at `ptr`, NOT NUL-terminated.
/// `ptr` is never NULL; an absent value has `len` 0. Valid until the object
/// it came from is freed.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DatelineStr {
    /// First byte.
    pub ptr: *const c_char,
    /// Number of bytes.
    pub len: usize,
}

/// Options of an extractor. Get the defaults from dateline_options_default()
/// and change what you need.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DatelineOptions {
    /// List tokens in the article layer: 1 (the default) or 0. Any non-zero value means yes.
    pub tokens: u8,
    /// Refuse articles longer than this many bytes (default 10 MiB; must be > 0).
    pub max_article_bytes: usize,
}

/// The layers of a result whose items can be read one by one.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatelineLayer {
    /// Kicker and title lines above the story (kind "kicker" or "title").
    Headlines = 0,
    /// Paragraphs of the story.
    Paragraphs = 1,
    /// Sentences (parent: the paragraph's index).
    Sentences = 2,
    /// Tokens (kind "word", "number", "punct" or "symbol"; parent: the sentence's index).
    Tokens = 3,
    /// Temporal expressions (kind "DATE", "TIME", "DURATION" or "SET";
    /// canonical: the TIMEX3 value such as "2023-11-05TEV", empty when unresolved).
    Timex = 4,
    /// Entity mentions (kind "PER", "ORG", "LOC", "NORP" or "MISC"; subtype
    /// such as "city" or "nationality"; canonical: the name without a
    /// descriptor, "Anbar" for "Anbar province"; parent: the sentence's
    /// index, SIZE_MAX in a headline; confidence from 0 to 1).
    Mentions = 5,
    /// Attributed statements (kind "direct", "indirect", "mixed" or
    /// "according"; text: the content; canonical: the speaker it resolves
    /// to, empty when no name fits; subtype: the cue, "said"; source: the
    /// source as written, "Mr Blinken" or "he"; parent: the attribution's
    /// number, shared by the parts of a split quotation; confidence from 0 to 1).
    Quotes = 6,
    /// Figures (kind "count", "money", "percent" or "quantity"; text: the
    /// amount, "more than 9,500"; canonical: what is counted, "people";
    /// subtype: the category, "killed"; source: who says so, as written;
    /// parent: the index of the figure it is part of, SIZE_MAX when none).
    /// Numbers, bounds, place, date and actor: dateline_result_figure.
    Figures = 7,
    /// Resolved entities, each once (kind "PER", "ORG", "LOC", "NORP" or
    /// "MISC"; text, start, end: the first mention; canonical: the
    /// canonical name, "Mohammed Shia al-Sudani"; subtype as for mentions).
    /// Roles, place and every mention: dateline_result_entity,
    /// dateline_result_entity_mention, dateline_result_entity_role.
    Entities = 8,
}

/// One item of a layer. All strings are borrowed from the result.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DatelineItem {
    /// The item's kind ("kicker", "title", "word", ...); empty for paragraphs and sentences.
    pub kind: DatelineStr,
    /// The item's text: the bytes start..end of the article text.
    pub text: DatelineStr,
    /// Byte offset of the first byte in the article text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Index of the enclosing item (paragraph of a sentence, sentence of a
    /// token), or SIZE_MAX when there is none.
    pub parent: usize,
    /// The canonical form of the item: the TIMEX3 value of a temporal
    /// expression, the name of an entity mention; empty otherwise.
    pub canonical: DatelineStr,
    /// A finer kind: an entity mention's subtype ("city", "nationality",
    /// "armed"), a temporal expression's modifier ("APPROX"); empty otherwise.
    pub subtype: DatelineStr,
    /// How sure the extractor is, from 0 to 1 (entity mentions, quotes); 1
    /// for items of the article layer and temporal expressions.
    pub confidence: f64,
    /// A quote's source as written ("Mr Blinken", "he"); empty otherwise.
    pub source: DatelineStr,
}

/// The article layer of a result. All strings are borrowed from the result.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DatelineArticle {
    /// The article's id (empty when none).
    pub id: DatelineStr,
    /// The full text; every offset points into it.
    pub text: DatelineStr,
    /// Publication date as "YYYY-MM-DD" (empty when unknown).
    pub date: DatelineStr,
    /// Publication date and time, ISO 8601 (empty unless a time was given).
    pub datetime: DatelineStr,
    /// Where the date was read: "record", "header", "publication_line" (empty when unknown).
    pub date_source: DatelineStr,
    /// The title: the record's, or the title line of the text (empty when none).
    pub title: DatelineStr,
    /// Byte offsets of the dateline header or publication line (both 0 when none).
    pub header_start: usize,
    /// End of the header.
    pub header_end: usize,
    /// Byte offsets of the story (after the header).
    pub body_start: usize,
    /// End of the story.
    pub body_end: usize,
    /// Number of headlines.
    pub headlines: usize,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Number of tokens.
    pub tokens: usize,
}

/// An extractor: build it once with dateline_extractor_new() and share it
/// across threads; free it with dateline_extractor_free().
pub struct DatelineExtractor {
    inner: Extractor,
}

/// The result of extracting one article; free it with dateline_result_free().
pub struct DatelineResult {
    inner: Extraction,
    date: String,
    date_source: &'static str,
    /// The place countries of each figure, joined with commas.
    figure_countries: Vec<String>,
    /// The place chain of each entity, joined with " > ".
    entity_chains: Vec<String>,
}

/// One resolved entity of a result. All strings are borrowed from the
/// result; absent strings are empty, absent numbers NaN, absent indices
/// SIZE_MAX.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DatelineEntity {
    /// Index of the entity (roles and places refer to entities by it).
    pub id: usize,
    /// "PER", "ORG", "LOC", "NORP" or "MISC".
    pub kind: DatelineStr,
    /// A finer kind ("city", "facility", "armed", "nationality").
    pub subtype: DatelineStr,
    /// The canonical name: the fullest form the article uses.
    pub name: DatelineStr,
    /// Number of mentions (read them with dateline_result_entity_mention).
    pub mentions: usize,
    /// Number of roles (read them with dateline_result_entity_role).
    pub roles: usize,
    /// A person's nationality, ISO 3166 ("IQ").
    pub nationality: DatelineStr,
    /// An organisation's kind ("government", "armed", "international",
    /// "company", "media", "party", "other").
    pub org_kind: DatelineStr,
    /// The country an organisation, group or place belongs to.
    pub country: DatelineStr,
    /// 1 when the entity is a place located on the map, else 0 (and the
    /// place fields below are empty).
    pub has_place: u8,
    /// GeoNames id of the place (0 when it has none of its own: a facility).
    pub geonameid: u32,
    /// "country", "region", "city", "facility" or "place".
    pub feature: DatelineStr,
    /// The place's name in the gazetteer.
    pub place_name: DatelineStr,
    /// ISO 3166 code of the place's country.
    pub place_country: DatelineStr,
    /// GeoNames first-level division code ("11").
    pub admin1: DatelineStr,
    /// Its name ("Arbil").
    pub admin1_name: DatelineStr,
    /// Latitude in degrees (NaN when unknown).
    pub lat: f64,
    /// Longitude in degrees (NaN when unknown).
    pub lon: f64,
    /// The names from the place up to its country, joined with " > "
    /// ("Harir airbase > Erbil > Arbil > Iraq").
    pub chain: DatelineStr,
    /// The entity whose location this one inherits, SIZE_MAX when none.
    pub within: usize,
}

/// A role of a person. All strings are borrowed from the result.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DatelineRole {
    /// The title ("Secretary of State", "leader", "adviser").
    pub title: DatelineStr,
    /// The office across countries ("foreign minister"), empty when none.
    pub function: DatelineStr,
    /// The body, as named ("United States", "Hezbollah").
    pub of: DatelineStr,
    /// ISO 3166 code of the body's country.
    pub of_country: DatelineStr,
    /// The entity the role is for, SIZE_MAX when none.
    pub of_entity: usize,
    /// The entity a "counterpart" was read through, SIZE_MAX when none.
    pub via_entity: usize,
    /// Byte offset of the words that state the role.
    pub start: usize,
    /// One past their last byte.
    pub end: usize,
    /// Those words ("United States Secretary of State").
    pub text: DatelineStr,
    /// The sentence that states it.
    pub sentence: DatelineStr,
}

/// One figure of a result, with its numbers. All strings are borrowed from
/// the result; absent strings are empty, absent numbers NaN.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DatelineFigure {
    /// "count", "money", "percent" or "quantity".
    pub kind: DatelineStr,
    /// The amount as written ("more than 9,500", "US$ 14 billion").
    pub text: DatelineStr,
    /// Byte offset of the amount's first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// The number stated (NaN for vague amounts such as "dozens").
    pub value: f64,
    /// The least the text allows (NaN when unbounded below or approximate).
    pub low: f64,
    /// The most the text allows (NaN when unbounded above or approximate).
    pub high: f64,
    /// "exact", "lower", "upper", "approx" or "range".
    pub bound: DatelineStr,
    /// ISO 4217 code of money ("USD"), "%", or a unit ("km", "years").
    pub unit: DatelineStr,
    /// What is counted, as written ("people").
    pub counted: DatelineStr,
    /// "killed", "wounded", "attacks", ... (empty when none).
    pub category: DatelineStr,
    /// The GDELT count type of the category ("KILL").
    pub gdelt: DatelineStr,
    /// Index of the figure this one is part of, SIZE_MAX when none.
    pub part_of: usize,
    /// Where, as written ("the Lebanon-Israel border").
    pub place: DatelineStr,
    /// The place's name as resolved ("Gaza" for "the enclave").
    pub place_name: DatelineStr,
    /// ISO 3166 codes of the place's countries, comma-separated ("LB,IL").
    pub place_countries: DatelineStr,
    /// TIMEX3 value of the date ("2023-10-07").
    pub date: DatelineStr,
    /// Who did it, as written ("Hamas fighters").
    pub actor: DatelineStr,
    /// The name in the actor ("Hamas").
    pub actor_entity: DatelineStr,
    /// Who says so, as written ("the health ministry").
    pub source: DatelineStr,
    /// The entity the source resolves to.
    pub source_entity: DatelineStr,
    /// Index of the headline or sentence holding it (headlines first).
    pub segment: usize,
}

/// An absent index in a C struct: SIZE_MAX.
const NONE: usize = usize::MAX;

/// Text a [`DatelineStr`] can view; absent text is viewed as empty.
trait AsText {
    /// The text, or None when it is absent.
    fn as_text(&self) -> Option<&str>;
}

impl AsText for str {
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
}

impl AsText for String {
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
}

impl<T: AsText + ?Sized> AsText for &T {
    fn as_text(&self) -> Option<&str> {
        (**self).as_text()
    }
}

impl<T: AsText> AsText for Option<T> {
    fn as_text(&self) -> Option<&str> {
        self.as_ref()?.as_text()
    }
}

/// A view of `text` (its ptr is never NULL); an empty one when it is absent.
fn view(text: impl AsText) -> DatelineStr {
    let s = text.as_text().unwrap_or("");
    DatelineStr {
        ptr: s.as_ptr().cast(),
        len: s.len(),
    }
}

/// The items of a layer: a list, or an optional one (absent: empty).
trait Items<T> {
    /// The items as a slice.
    fn items(&self) -> &[T];
}

impl<T> Items<T> for Vec<T> {
    fn items(&self) -> &[T] {
        self
    }
}

impl<T> Items<T> for Option<Vec<T>> {
    fn items(&self) -> &[T] {
        self.as_deref().unwrap_or_default()
    }
}

struct LastError {
    message: CString,
    byte: i64,
}

thread_local! {
    static LAST_ERROR: RefCell<Option<LastError>> = const { RefCell::new(None) };
}

fn set_error(message: String, byte: Option<u64>) {
    let message = CString::new(message.replace('\0', " ")).unwrap_or_default();
    let byte = byte.map_or(-1, |b| b as i64);
    // try_with: no error is recorded while the thread is being torn down.
    let _ = LAST_ERROR.try_with(|e| *e.borrow_mut() = Some(LastError { message, byte }));
}

fn clear_error() {
    let _ = LAST_ERROR.try_with(|e| *e.borrow_mut() = None);
}

/// What runs inside the panic boundary: `Err` carries the status of a
/// failure whose message is already recorded (by [`fail`] or [`fail_with`]).
type Outcome<T = ()> = Result<T, DatelineStatus>;

fn fail(status: DatelineStatus, message: impl Into<String>) -> DatelineStatus {
    set_error(message.into(), None);
    status
}

fn fail_with(e: &Error, record: Option<&RecordError>) -> DatelineStatus {
    let message = record.map_or_else(|| e.to_string(), |r| r.to_string());
    set_error(message, e.byte());
    match e {
        Error::InvalidUtf8 { .. } => DatelineStatus::InvalidUtf8,
        Error::Config(_) => DatelineStatus::InvalidOption,
        _ => DatelineStatus::InvalidInput,
    }
}

/// The panic boundary: runs `f`, turning a panic into DATELINE_STATUS_PANIC.
fn guard(f: impl FnOnce() -> Outcome) -> DatelineStatus {
    clear_error();
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => DatelineStatus::Ok,
        Ok(Err(status)) => status,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            fail(
                DatelineStatus::Panic,
                format!("internal error (please report it): {what}"),
            )
        }
    }
}

/// Frees what `ptr` owns with `free`, unless it is NULL; a panic in a
/// destructor goes no further.
fn release<T>(ptr: *mut T, free: impl FnOnce(*mut T)) {
    if !ptr.is_null() {
        let _ = catch_unwind(AssertUnwindSafe(|| free(ptr)));
    }
}

/// DATELINE_STATUS_NULL_ARGUMENT naming `what` when `ptr` is NULL.
fn non_null<T>(ptr: *const T, what: &str) -> Outcome {
    match ptr.is_null() {
        true => Err(fail(
            DatelineStatus::NullArgument,
            format!("{what} is NULL"),
        )),
        false => Ok(()),
    }
}

/// Item `index` of `items`, or DATELINE_STATUS_OUT_OF_RANGE naming the list.
fn nth<'a, T>(items: &'a [T], index: usize, what: &str) -> Outcome<&'a T> {
    items.get(index).ok_or_else(|| {
        let n = items.len();
        let message = format!("index {index} is past the end of the {what} ({n} items)");
        fail(DatelineStatus::OutOfRange, message)
    })
}

/// Every accessor: checks that `result` and then `out` are not NULL, and
/// writes what `get` reads from the result to `*out`.
fn read<T>(
    result: *const DatelineResult,
    out: *mut T,
    get: impl FnOnce(&DatelineResult) -> Outcome<T>,
) -> Outcome {
    non_null(result, "result")?;
    non_null(out, "out")?;
    // SAFETY: a non-NULL `result` came from dateline_extract* (header conventions).
    let value = get(unsafe { &*result })?;
    // SAFETY: `out` is non-NULL and points to writable memory for a T.
    unsafe { out.write(value) };
    Ok(())
}

/// The bytes `len` at `ptr`; an empty slice for (NULL, 0).
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Option<&'a [u8]> {
    if ptr.is_null() {
        return (len == 0).then_some(&[]);
    }
    // SAFETY: the caller promises `len` readable bytes at `ptr` (header conventions).
    Some(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The default options: tokens on, articles up to 10 MiB.
#[no_mangle]
pub extern "C" fn dateline_options_default() -> DatelineOptions {
    let c = Config::default();
    DatelineOptions {
        tokens: u8::from(c.tokens),
        max_article_bytes: c.max_article_bytes,
    }
}

/// Creates an extractor with `options` (NULL: the defaults) and writes it to `*out`.
#[no_mangle]
pub unsafe extern "C" fn dateline_extractor_new(
    options: *const DatelineOptions,
    out: *mut *mut DatelineExtractor,
) -> DatelineStatus {
    guard(|| {
        non_null(out, "out")?;
        // SAFETY: a non-NULL `options` points to a DatelineOptions (header conventions).
        let o = unsafe { options.as_ref() }.map_or_else(|| dateline_options_default(), |o| *o);
        let config = Config::default()
            .tokens(o.tokens != 0)
            .max_article_bytes(o.max_article_bytes);
        let inner = Extractor::new(config).map_err(|e| fail_with(&e, None))?;
        // SAFETY: `out` is non-NULL and writable.
        unsafe { *out = Box::into_raw(Box::new(DatelineExtractor { inner })) };
        Ok(())
    })
}

/// Frees an extractor. NULL is accepted and ignored. Call it once, after
/// every thread has finished with the extractor: freeing it twice, or using
/// it (or passing it to any dateline function) after it is freed, is
/// undefined behaviour. Results made by the extractor stay valid.
#[no_mangle]
pub unsafe extern "C" fn dateline_extractor_free(extractor: *mut DatelineExtractor) {
    // SAFETY: `extractor` came from dateline_extractor_new and is freed once.
    release(extractor, |p| drop(unsafe { Box::from_raw(p) }));
}

/// Both extract calls: checks the arguments (`what` names the input), reads
/// the article from the input with `parse` and writes a new result to `*out`.
fn extract(
    extractor: *const DatelineExtractor,
    (input, len, what): (*const u8, usize, &str),
    out: *mut *mut DatelineResult,
    parse: impl FnOnce(&[u8]) -> Result<Article, RecordError>,
) -> DatelineStatus {
    guard(|| {
        // SAFETY: non-NULL pointers follow the header conventions.
        let (Some(ex), Some(bytes)) = (unsafe { extractor.as_ref() }, unsafe { bytes(input, len) })
        else {
            let message = format!("extractor or {what} is NULL");
            return Err(fail(DatelineStatus::NullArgument, message));
        };
        non_null(out, "out")?;
        let article = parse(bytes).map_err(|r| fail_with(&r.error, Some(&r)))?;
        let x = ex.inner.extract(article).map_err(|e| fail_with(&e, None))?;
        // SAFETY: `out` is non-NULL and writable.
        unsafe { *out = Box::into_raw(Box::new(DatelineResult::new(x))) };
        Ok(())
    })
}

/// Extracts from one article: `len` bytes of UTF-8 text at `text`, which may
/// open with a dateline header (" date 2023-11-09 "). Writes a new result to
/// `*out`; free it with dateline_result_free().
#[no_mangle]
pub unsafe extern "C" fn dateline_extract(
    extractor: *const DatelineExtractor,
    text: *const u8,
    len: usize,
    out: *mut *mut DatelineResult,
) -> DatelineStatus {
    // The same checks as for files: binary data, UTF-8, the header.
    extract(extractor, (text, len, "text"), out, |bytes| {
        input::read_text(bytes, Origin::default(), None)
    })
}

/// Extracts from one JSON record (`len` bytes at `json`): an object with
/// "text" and optional "id", "date", "title" (other scalar fields are kept as
/// metadata). Writes a new result to `*out`.
#[no_mangle]
pub unsafe extern "C" fn dateline_extract_json(
    extractor: *const DatelineExtractor,
    json: *const u8,
    len: usize,
    out: *mut *mut DatelineResult,
) -> DatelineStatus {
    extract(extractor, (json, len, "json"), out, |bytes| {
        input::parse_json_line(bytes, Origin::default())
    })
}

/// Frees a result; every view taken from it becomes invalid. NULL is accepted.
/// Freeing a result twice, or using it or any `DatelineStr` view taken from
/// it after it is freed, is undefined behaviour.
#[no_mangle]
pub unsafe extern "C" fn dateline_result_free(result: *mut DatelineResult) {
    // SAFETY: `result` came from dateline_extract* and is freed once.
    release(result, |p| drop(unsafe { Box::from_raw(p) }));
}

/// Reads the article layer of `result` into `*out`.
#[no_mangle]
pub unsafe extern "C" fn dateline_result_article(
    result: *const DatelineResult,
    out: *mut DatelineArticle,
) -> DatelineStatus {
    guard(|| read(result, out, |r| Ok(r.article())))
}

/// Writes the number of items of `layer` (a DatelineLayer) in `result` to `*out`.
#[no_mangle]
pub unsafe extern "C" fn dateline_result_count(
    result: *const DatelineResult,
    layer: u32,
    out: *mut usize,
) -> DatelineStatus {
    guard(|| DatelineLayer::from_raw(layer).and_then(|l| read(result, out, |r| Ok(r.count(l)))))
}

/// Reads item `index` of `layer` (a DatelineLayer) in `result` into `*out`
/// (DATELINE_STATUS_OUT_OF_RANGE past the end).
#[no_mangle]
pub unsafe extern "C" fn dateline_result_item(
    result: *const DatelineResult,
    layer: u32,
    index: usize,
    out: *mut DatelineItem,
) -> DatelineStatus {
    guard(|| DatelineLayer::from_raw(layer).and_then(|l| read(result, out, |r| r.item(l, index))))
}

/// Reads figure `index` of `result` into `*out`, with its numbers, place,
/// date and actor (DATELINE_STATUS_OUT_OF_RANGE past the end).
#[no_mangle]
pub unsafe extern "C" fn dateline_result_figure(
    result: *const DatelineResult,
    index: usize,
    out: *mut DatelineFigure,
) -> DatelineStatus {
    guard(|| read(result, out, |r| r.figure(index)))
}

/// Reads entity `index` of `result` into `*out`, with its kind, canonical
/// name, counts of mentions and roles, nationality, organisation kind,
/// country and place (DATELINE_STATUS_OUT_OF_RANGE past the end).
#[no_mangle]
pub unsafe extern "C" fn dateline_result_entity(
    result: *const DatelineResult,
    index: usize,
    out: *mut DatelineEntity,
) -> DatelineStatus {
    guard(|| read(result, out, |r| r.entity(index)))
}

/// Reads mention `index` of entity `entity` into `*out` (kind: the form,
/// "name", "acronym", "description" or "pronoun"; text, start, end: the
/// mention; canonical: the entity's name; parent: the headline or sentence
/// unit holding it, headlines first).
#[no_mangle]
pub unsafe extern "C" fn dateline_result_entity_mention(
    result: *const DatelineResult,
    entity: usize,
    index: usize,
    out: *mut DatelineItem,
) -> DatelineStatus {
    guard(|| read(result, out, |r| r.entity_mention(entity, index)))
}

/// Reads role `index` of entity `entity` into `*out`
/// (DATELINE_STATUS_OUT_OF_RANGE past the end).
#[no_mangle]
pub unsafe extern "C" fn dateline_result_entity_role(
    result: *const DatelineResult,
    entity: usize,
    index: usize,
    out: *mut DatelineRole,
) -> DatelineStatus {
    guard(|| read(result, out, |r| r.entity_role(entity, index)))
}

/// Writes the whole result as JSON (the shape of `dateline extract`,
/// docs/schema.md) to `*out_json`, NUL-terminated, and its length without
/// the NUL to `*out_len` (which may be NULL). Free it with dateline_string_free().
#[no_mangle]
pub unsafe extern "C" fn dateline_result_to_json(
    result: *const DatelineResult,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> DatelineStatus {
    guard(|| {
        non_null(result, "result")?;
        non_null(out_json, "out_json")?;
        // SAFETY: a non-NULL `result` came from dateline_extract*.
        let json = serde_json::to_string(&unsafe { &*result }.inner)
            .map_err(|e| fail(DatelineStatus::Panic, format!("cannot serialise: {e}")))?;
        let len = json.len();
        // JSON escapes NUL in strings, so there is none to refuse.
        let c = CString::new(json).unwrap_or_default();
        // SAFETY: both pointers are writable when non-NULL.
        unsafe {
            *out_json = c.into_raw();
            if !out_len.is_null() {
                *out_len = len;
            }
        }
        Ok(())
    })
}

/// Frees a string allocated by dateline. NULL is accepted. Freeing a string
/// twice, reading it after it is freed, or passing a string dateline did not
/// allocate (or releasing one with `free()`) is undefined behaviour.
#[no_mangle]
pub unsafe extern "C" fn dateline_string_free(s: *mut c_char) {
    // SAFETY: `s` came from CString::into_raw in this library and is freed once.
    release(s, |p| drop(unsafe { CString::from_raw(p) }));
}

/// The message of the last error on this thread, NUL-terminated, or "" when
/// the last call succeeded. Valid until the next dateline call on this thread.
#[no_mangle]
pub extern "C" fn dateline_last_error() -> *const c_char {
    let read = || {
        LAST_ERROR
            .try_with(|e| e.borrow().as_ref().map(|err| err.message.as_ptr()))
            .ok()
            .flatten()
    };
    catch_unwind(read).ok().flatten().unwrap_or(c"".as_ptr())
}

/// The byte offset the last error on this thread points at (the first
/// invalid byte for DATELINE_STATUS_INVALID_UTF8), or -1 when it has none.
#[no_mangle]
pub extern "C" fn dateline_last_error_byte() -> i64 {
    let read = || {
        LAST_ERROR
            .try_with(|e| e.borrow().as_ref().map_or(-1, |err| err.byte))
            .unwrap_or(-1)
    };
    catch_unwind(read).unwrap_or(-1)
}

/// The version of the library, NUL-terminated (static).
#[no_mangle]
pub extern "C" fn dateline_version() -> *const c_char {
    static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
    VERSION.as_ptr().cast()
}

/// The item layers, one line each: the layer, where its items are (`$x` the
/// extraction, `$a` its article layer), and how item `i` reads as a
/// DatelineItem (`$r` the result). Gives DatelineLayer::from_raw and
/// DatelineResult::count and ::item. Adding a layer is a variant of
/// DatelineLayer (the C enum) and a line in the table below.
macro_rules! layers {
    ($r:ident, $x:ident, $a:ident; $($layer:ident: $items:expr => $item:expr;)*) => {
        impl DatelineLayer {
            /// The layer numbered `raw`, or DATELINE_STATUS_INVALID_OPTION.
            fn from_raw(raw: u32) -> Outcome<Self> {
                let known = [$(DatelineLayer::$layer),*];
                known.into_iter().find(|l| *l as u32 == raw).ok_or_else(|| {
                    let message = format!("unknown layer {raw}: use a DatelineLayer value");
                    fail(DatelineStatus::InvalidOption, message)
                })
            }
        }

        impl DatelineResult {
            /// The number of items of `layer`.
            fn count(&self, layer: DatelineLayer) -> usize {
                let ($x, $a) = (&self.inner, &self.inner.article);
                match layer {
                    $(DatelineLayer::$layer => $items.items().len(),)*
                }
            }

            /// Item `index` of `layer` (DATELINE_STATUS_OUT_OF_RANGE past the end).
            fn item(&self, layer: DatelineLayer, index: usize) -> Outcome<DatelineItem> {
                let ($r, $x, $a) = (self, &self.inner, &self.inner.article);
                match layer {
                    $(DatelineLayer::$layer => layer_item($items.items(), index, $item),)*
                }
            }
        }
    };
}

/// Item `index` of a layer's `items`, read by `item`.
fn layer_item<'a, T>(
    items: &'a [T],
    index: usize,
    item: impl FnOnce(&'a T, usize) -> DatelineItem,
) -> Outcome<DatelineItem> {
    Ok(item(nth(items, index, "layer")?, index))
}

layers! { r, x, a;
    Headlines: a.headlines => |h, _| r.span(h.kind.as_str(), h.start, h.end, NONE);
    Paragraphs: a.paragraphs => |p, _| r.span("", p.start, p.end, NONE);
    Sentences: a.sentences => |s, _| r.span("", s.start, s.end, s.paragraph);
    Tokens: a.tokens => |t, i| {
        let sentence = a.sentences.partition_point(|s| s.tokens.end <= i);
        r.span(t.kind.as_str(), t.start, t.end, sentence)
    };
    Timex: x.timex => |t, _| DatelineItem {
        canonical: view(&t.value),
        subtype: view(t.modifier.map(|m| m.as_str())),
        ..r.span(t.kind.as_str(), t.start, t.end, NONE)
    };
    Mentions: x.mentions => |m, _| {
        let within = |s: &&dateline_core::Sentence| s.start <= m.start && m.end <= s.end;
        let sentence = a.sentences.iter().position(|s| within(&s)).unwrap_or(NONE);
        DatelineItem {
            canonical: view(&x.text[m.name_start..m.name_end]),
            subtype: view(&m.subtype),
            confidence: f64::from(m.confidence),
            ..r.span(m.kind.as_str(), m.start, m.end, sentence)
        }
    };
    Quotes: x.quotes => |q, _| DatelineItem {
        canonical: view(&q.speaker),
        subtype: view(&q.cue),
        source: view(&q.source),
        confidence: f64::from(q.confidence),
        ..r.span(q.kind.as_str(), q.start, q.end, q.attribution)
    };
    Figures: x.figures => |f, _| DatelineItem {
        canonical: view(&f.counted),
        subtype: view(&f.category),
        source: view(&f.source),
        ..r.span(f.kind.as_str(), f.start, f.end, f.part_of.unwrap_or(NONE))
    };
    Entities: x.entities => |e, _| {
        let (start, end) = e.mentions.first().map_or((0, 0), |m| (m.start, m.end));
        DatelineItem {
            canonical: view(&e.name),
            subtype: view(&e.subtype),
            ..r.span(e.kind.as_str(), start, end, NONE)
        }
    };
}

/// How each output type reads from a result: one method per type, one line
/// per field (adding a field to a C struct is its declaration above and its
/// line here).
impl DatelineResult {
    fn new(inner: Extraction) -> Self {
        let date = inner.article.date.map(|d| d.format("%Y-%m-%d").to_string());
        let date_source = inner.article.date_source.map_or("", |d| d.as_str());
        let figures = inner.figures.items().iter();
        let figure_countries = figures.map(|f| f.place_countries.join(",")).collect();
        let chain = |e: &Entity| {
            e.place
                .as_ref()
                .map(|p| p.chain.join(" > "))
                .unwrap_or_default()
        };
        let entity_chains = inner.entities.items().iter().map(chain).collect();
        DatelineResult {
            date: date.unwrap_or_default(),
            date_source,
            figure_countries,
            entity_chains,
            inner,
        }
    }

    /// An item spanning `start..end` of the text: no canonical form,
    /// subtype or source, confidence 1.
    fn span(&self, kind: &str, start: usize, end: usize, parent: usize) -> DatelineItem {
        DatelineItem {
            kind: view(kind),
            text: view(&self.inner.text[start..end]),
            start,
            end,
            parent,
            canonical: view(""),
            subtype: view(""),
            confidence: 1.0,
            source: view(""),
        }
    }

    fn article(&self) -> DatelineArticle {
        let (x, a) = (&self.inner, &self.inner.article);
        let header = a.header.unwrap_or(Span::new(0, 0));
        DatelineArticle {
            id: view(&x.id),
            text: view(&x.text),
            date: view(&self.date),
            datetime: view(&a.datetime),
            date_source: view(self.date_source),
            title: view(&a.title),
            header_start: header.start,
            header_end: header.end,
            body_start: a.body.start,
            body_end: a.body.end,
            headlines: a.headlines.len(),
            paragraphs: a.paragraphs.len(),
            sentences: a.sentences.len(),
            tokens: a.tokens.len(),
        }
    }

    fn figure(&self, index: usize) -> Outcome<DatelineFigure> {
        let f = nth(self.inner.figures.items(), index, "figures")?;
        Ok(DatelineFigure {
            kind: view(f.kind.as_str()),
            text: view(&f.text),
            start: f.start,
            end: f.end,
            value: f.value.unwrap_or(f64::NAN),
            low: f.low.unwrap_or(f64::NAN),
            high: f.high.unwrap_or(f64::NAN),
            bound: view(f.bound.as_str()),
            unit: view(&f.unit),
            counted: view(&f.counted),
            category: view(&f.category),
            gdelt: view(&f.gdelt),
            part_of: f.part_of.unwrap_or(NONE),
            place: view(&f.place),
            place_name: view(&f.place_name),
            place_countries: view(&self.figure_countries[index]),
            date: view(&f.date),
            actor: view(&f.actor),
            actor_entity: view(&f.actor_entity),
            source: view(&f.source),
            source_entity: view(&f.source_entity),
            segment: f.segment,
        })
    }

    /// The core entity `index` (DATELINE_STATUS_OUT_OF_RANGE past the end).
    fn core_entity(&self, index: usize) -> Outcome<&Entity> {
        nth(self.inner.entities.items(), index, "entities")
    }

    fn entity(&self, index: usize) -> Outcome<DatelineEntity> {
        let e = self.core_entity(index)?;
        let p = e.place.as_ref();
        Ok(DatelineEntity {
            id: e.id,
            kind: view(e.kind.as_str()),
            subtype: view(&e.subtype),
            name: view(&e.name),
            mentions: e.mentions.len(),
            roles: e.roles.len(),
            nationality: view(&e.nationality),
            org_kind: view(&e.org_kind),
            country: view(&e.country),
            has_place: u8::from(p.is_some()),
            geonameid: p.and_then(|p| p.geonameid).unwrap_or(0),
            feature: view(p.map(|p| &p.feature)),
            place_name: view(p.map(|p| &p.name)),
            place_country: view(p.map(|p| &p.country)),
            admin1: view(p.map(|p| &p.admin1)),
            admin1_name: view(p.map(|p| &p.admin1_name)),
            lat: p.and_then(|p| p.lat).unwrap_or(f64::NAN),
            lon: p.and_then(|p| p.lon).unwrap_or(f64::NAN),
            chain: view(&self.entity_chains[index]),
            within: p.and_then(|p| p.within).unwrap_or(NONE),
        })
    }

    fn entity_mention(&self, entity: usize, index: usize) -> Outcome<DatelineItem> {
        let e = self.core_entity(entity)?;
        let m = nth(&e.mentions, index, "entity's mentions")?;
        Ok(DatelineItem {
            canonical: view(&e.name),
            ..self.span(m.form.as_str(), m.start, m.end, m.unit)
        })
    }

    fn entity_role(&self, entity: usize, index: usize) -> Outcome<DatelineRole> {
        let role = nth(&self.core_entity(entity)?.roles, index, "entity's roles")?;
        Ok(DatelineRole {
            title: view(&role.title),
            function: view(&role.function),
            of: view(&role.of),
            of_country: view(&role.of_country),
            of_entity: role.of_entity.unwrap_or(NONE),
            via_entity: role.via_entity.unwrap_or(NONE),
            start: role.start,
            end: role.end,
            text: view(&role.text),
            sentence: view(&role.sentence),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    #[test]
    fn null_arguments_and_errors_are_statuses() {
        unsafe {
            let mut ex = ptr::null_mut();
            assert_eq!(
                dateline_extractor_new(ptr::null(), &mut ex),
                DatelineStatus::Ok
            );
            let mut r = ptr::null_mut();
            assert_eq!(
                dateline_extract(ex, ptr::null(), 5, &mut r),
                DatelineStatus::NullArgument
            );
            assert!(r.is_null());
            let bad = b"ab\xffcd";
            assert_eq!(
                dateline_extract(ex, bad.as_ptr(), bad.len(), &mut r),
                DatelineStatus::InvalidUtf8
            );
            assert_eq!(dateline_last_error_byte(), 2);
            assert_eq!(
                dateline_extract(ex, ptr::null(), 0, &mut r),
                DatelineStatus::InvalidInput
            );
            let t = b" date 2023-11-06 One. Two.";
            assert_eq!(
                dateline_extract(ex, t.as_ptr(), t.len(), &mut r),
                DatelineStatus::Ok
            );
            assert_eq!(dateline_last_error_byte(), -1);
            let mut n = 0;
            assert_eq!(
                dateline_result_count(r, DatelineLayer::Sentences as u32, &mut n),
                DatelineStatus::Ok
            );
            assert_eq!(n, 2);
            let mut it = (*r).span("", 0, 0, 0);
            assert_eq!(
                dateline_result_item(r, DatelineLayer::Tokens as u32, 3, &mut it),
                DatelineStatus::Ok
            );
            assert_eq!(it.parent, 1);
            assert_eq!(
                dateline_result_count(r, 42, &mut n),
                DatelineStatus::InvalidOption
            );
            assert_eq!(
                dateline_result_item(r, DatelineLayer::Sentences as u32, 2, &mut it),
                DatelineStatus::OutOfRange
            );
            dateline_result_free(r);
            dateline_extractor_free(ex);
            dateline_extractor_free(ptr::null_mut());
        }
    }

    #[test]
    fn panics_become_statuses() {
        assert_eq!(guard(|| panic!("boom")), DatelineStatus::Panic);
        let msg = unsafe { std::ffi::CStr::from_ptr(dateline_last_error()) };
        assert!(msg.to_str().unwrap().contains("boom"));
    }
}
