//! The C ABI of dateline. Only conversions live here: C arguments to Rust
//! values, results to borrowed views, errors and panics to status codes.
//! `include/dateline.h` is generated from this file by cbindgen.

#![allow(unsafe_code)] // the C boundary: every unsafe block is a pointer from the caller
#![allow(clippy::missing_safety_doc)] // the safety rules are written once, in the header

use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use dateline_core::{input, Article, Config, Error, Extraction, Extractor, Origin, RecordError};

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

impl DatelineStr {
    fn new(s: &str) -> Self {
        DatelineStr {
            ptr: s.as_ptr().cast(),
            len: s.len(),
        }
    }

    fn empty() -> Self {
        DatelineStr::new("")
    }

    fn opt(s: Option<&str>) -> Self {
        s.map_or_else(DatelineStr::empty, DatelineStr::new)
    }
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
fn guard(f: impl FnOnce() -> DatelineStatus) -> DatelineStatus {
    clear_error();
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(status) => status,
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
        if out.is_null() {
            return fail(DatelineStatus::NullArgument, "out is NULL");
        }
        // SAFETY: a non-NULL `options` points to a DatelineOptions (header conventions).
        let o = if options.is_null() {
            dateline_options_default()
        } else {
            unsafe { *options }
        };
        let config = Config::default()
            .tokens(o.tokens != 0)
            .max_article_bytes(o.max_article_bytes);
        match Extractor::new(config) {
            Ok(inner) => {
                let boxed = Box::into_raw(Box::new(DatelineExtractor { inner }));
                // SAFETY: `out` is non-NULL and writable.
                unsafe { *out = boxed };
                DatelineStatus::Ok
            }
            Err(e) => fail_with(&e, None),
        }
    })
}

/// Frees an extractor. NULL is accepted and ignored. Call it once, after
/// every thread has finished with the extractor: freeing it twice, or using
/// it (or passing it to any dateline function) after it is freed, is
/// undefined behaviour. Results made by the extractor stay valid.
#[no_mangle]
pub unsafe extern "C" fn dateline_extractor_free(extractor: *mut DatelineExtractor) {
    if !extractor.is_null() {
        // SAFETY: `extractor` came from dateline_extractor_new and is freed once.
        let _ = catch_unwind(AssertUnwindSafe(|| {
            drop(unsafe { Box::from_raw(extractor) })
        }));
    }
}

fn finish(
    extractor: &DatelineExtractor,
    article: Result<Article, RecordError>,
    out: *mut *mut DatelineResult,
) -> DatelineStatus {
    let article = match article {
        Ok(a) => a,
        Err(r) => return fail_with(&r.error, Some(&r)),
    };
    match extractor.inner.extract(article) {
        Ok(x) => {
            let date = x
                .article
                .date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            let date_source = x.article.date_source.map_or("", |d| d.as_str());
            let figure_countries = x
                .figures
                .iter()
                .flatten()
                .map(|f| f.place_countries.join(","))
                .collect();
            let entity_chains = x
                .entities
                .iter()
                .flatten()
                .map(|e| {
                    e.place
                        .as_ref()
                        .map(|p| p.chain.join(" > "))
                        .unwrap_or_default()
                })
                .collect();
            let boxed = Box::into_raw(Box::new(DatelineResult {
                inner: x,
                date,
                date_source,
                figure_countries,
                entity_chains,
            }));
            // SAFETY: `out` was checked non-NULL by the caller of finish.
            unsafe { *out = boxed };
            DatelineStatus::Ok
        }
        Err(e) => fail_with(&e, None),
    }
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
    guard(|| {
        // SAFETY: non-NULL pointers follow the header conventions.
        let (Some(ex), Some(bytes)) = (unsafe { extractor.as_ref() }, unsafe { bytes(text, len) })
        else {
            return fail(DatelineStatus::NullArgument, "extractor or text is NULL");
        };
        if out.is_null() {
            return fail(DatelineStatus::NullArgument, "out is NULL");
        }
        // The same checks as for files: binary data, UTF-8, the header.
        finish(ex, input::read_text(bytes, Origin::default(), None), out)
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
    guard(|| {
        // SAFETY: non-NULL pointers follow the header conventions.
        let (Some(ex), Some(bytes)) = (unsafe { extractor.as_ref() }, unsafe { bytes(json, len) })
        else {
            return fail(DatelineStatus::NullArgument, "extractor or json is NULL");
        };
        if out.is_null() {
            return fail(DatelineStatus::NullArgument, "out is NULL");
        }
        finish(ex, input::parse_json_line(bytes, Origin::default()), out)
    })
}

/// Frees a result; every view taken from it becomes invalid. NULL is accepted.
/// Freeing a result twice, or using it or any `DatelineStr` view taken from
/// it after it is freed, is undefined behaviour.
#[no_mangle]
pub unsafe extern "C" fn dateline_result_free(result: *mut DatelineResult) {
    if !result.is_null() {
        // SAFETY: `result` came from dateline_extract* and is freed once.
        let _ = catch_unwind(AssertUnwindSafe(|| drop(unsafe { Box::from_raw(result) })));
    }
}

/// Reads the article layer of `result` into `*out`.
#[no_mangle]
pub unsafe extern "C" fn dateline_result_article(
    result: *const DatelineResult,
    out: *mut DatelineArticle,
) -> DatelineStatus {
    guard(|| {
        // SAFETY: a non-NULL `result` came from dateline_extract*.
        let Some(r) = (unsafe { result.as_ref() }) else {
            return fail(DatelineStatus::NullArgument, "result is NULL");
        };
        if out.is_null() {
            return fail(DatelineStatus::NullArgument, "out is NULL");
        }
        let x = &r.inner;
        let a = &x.article;
        let header = a.header.unwrap_or(dateline_core::Span::new(0, 0));
        let article = DatelineArticle {
            id: DatelineStr::opt(x.id.as_deref()),
            text: DatelineStr::new(&x.text),
            date: DatelineStr::new(&r.date),
            datetime: DatelineStr::opt(a.datetime.as_deref()),
            date_source: DatelineStr::new(r.date_source),
            title: DatelineStr::opt(a.title.as_deref()),
            header_start: header.start,
            header_end: header.end,
            body_start: a.body.start,
            body_end: a.body.end,
            headlines: a.headlines.len(),
            paragraphs: a.paragraphs.len(),
            sentences: a.sentences.len(),
            tokens: a.tokens.len(),
        };
        // SAFETY: `out` is non-NULL and writable.
        unsafe { *out = article };
        DatelineStatus::Ok
    })
}

impl DatelineLayer {
    fn from_raw(raw: u32) -> Option<Self> {
        Some(match raw {
            0 => DatelineLayer::Headlines,
            1 => DatelineLayer::Paragraphs,
            2 => DatelineLayer::Sentences,
            3 => DatelineLayer::Tokens,
            4 => DatelineLayer::Timex,
            5 => DatelineLayer::Mentions,
            6 => DatelineLayer::Quotes,
            7 => DatelineLayer::Figures,
            8 => DatelineLayer::Entities,
            _ => return None,
        })
    }
}

fn unknown_layer(raw: u32) -> DatelineStatus {
    fail(
        DatelineStatus::InvalidOption,
        format!("unknown layer {raw}: use a DatelineLayer value"),
    )
}

fn layer_len(x: &Extraction, layer: DatelineLayer) -> usize {
    let a = &x.article;
    match layer {
        DatelineLayer::Headlines => a.headlines.len(),
        DatelineLayer::Paragraphs => a.paragraphs.len(),
        DatelineLayer::Sentences => a.sentences.len(),
        DatelineLayer::Tokens => a.tokens.len(),
        DatelineLayer::Timex => x.timex.as_ref().map_or(0, Vec::len),
        DatelineLayer::Mentions => x.mentions.as_ref().map_or(0, Vec::len),
        DatelineLayer::Quotes => x.quotes.as_ref().map_or(0, Vec::len),
        DatelineLayer::Figures => x.figures.as_ref().map_or(0, Vec::len),
        DatelineLayer::Entities => x.entities.as_ref().map_or(0, Vec::len),
    }
}

/// Writes the number of items of `layer` (a DatelineLayer) in `result` to `*out`.
#[no_mangle]
pub unsafe extern "C" fn dateline_result_count(
    result: *const DatelineResult,
    layer: u32,
    out: *mut usize,
) -> DatelineStatus {
    guard(|| {
        let Some(layer) = DatelineLayer::from_raw(layer) else {
            return unknown_layer(layer);
        };
        // SAFETY: a non-NULL `result` came from dateline_extract*.
        let Some(r) = (unsafe { result.as_ref() }) else {
            return fail(DatelineStatus::NullArgument, "result is NULL");
        };
        if out.is_null() {
            return fail(DatelineStatus::NullArgument, "out is NULL");
        }
        // SAFETY: `out` is non-NULL and writable.
        unsafe { *out = layer_len(&r.inner, layer) };
        DatelineStatus::Ok
    })
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
    guard(|| {
        let Some(layer) = DatelineLayer::from_raw(layer) else {
            return unknown_layer(layer);
        };
        // SAFETY: a non-NULL `result` came from dateline_extract*.
        let Some(r) = (unsafe { result.as_ref() }) else {
            return fail(DatelineStatus::NullArgument, "result is NULL");
        };
        if out.is_null() {
            return fail(DatelineStatus::NullArgument, "out is NULL");
        }
        let x = &r.inner;
        let n = layer_len(x, layer);
        if index >= n {
            return fail(
                DatelineStatus::OutOfRange,
                format!("index {index} is past the end of the layer ({n} items)"),
            );
        }
        let a = &x.article;
        let text = |s: usize, e: usize| DatelineStr::new(&x.text[s..e]);
        let item = match layer {
            DatelineLayer::Headlines => {
                let h = &a.headlines[index];
                item(
                    DatelineStr::new(h.kind.as_str()),
                    text(h.start, h.end),
                    h.start,
                    h.end,
                    usize::MAX,
                )
            }
            DatelineLayer::Paragraphs => {
                let p = &a.paragraphs[index];
                item(
                    DatelineStr::empty(),
                    text(p.start, p.end),
                    p.start,
                    p.end,
                    usize::MAX,
                )
            }
            DatelineLayer::Sentences => {
                let s = &a.sentences[index];
                item(
                    DatelineStr::empty(),
                    text(s.start, s.end),
                    s.start,
                    s.end,
                    s.paragraph,
                )
            }
            DatelineLayer::Tokens => {
                let t = &a.tokens[index];
                let sentence = a.sentences.partition_point(|s| s.tokens.end <= index);
                item(
                    DatelineStr::new(t.kind.as_str()),
                    text(t.start, t.end),
                    t.start,
                    t.end,
                    sentence,
                )
            }
            DatelineLayer::Timex => {
                let t = &x.timex.as_ref().expect("counted above")[index];
                let mut it = item(
                    DatelineStr::new(t.kind.as_str()),
                    text(t.start, t.end),
                    t.start,
                    t.end,
                    usize::MAX,
                );
                it.canonical = DatelineStr::opt(t.value.as_deref());
                it.subtype = DatelineStr::opt(t.modifier.map(|m| m.as_str()));
                it
            }
            DatelineLayer::Mentions => {
                let m = &x.mentions.as_ref().expect("counted above")[index];
                let sentence = a
                    .sentences
                    .iter()
                    .position(|s| s.start <= m.start && m.end <= s.end)
                    .unwrap_or(usize::MAX);
                let mut it = item(
                    DatelineStr::new(m.kind.as_str()),
                    text(m.start, m.end),
                    m.start,
                    m.end,
                    sentence,
                );
                it.canonical = text(m.name_start, m.name_end);
                it.subtype = DatelineStr::opt(m.subtype.as_deref());
                it.confidence = f64::from(m.confidence);
                it
            }
            DatelineLayer::Quotes => {
                let q = &x.quotes.as_ref().expect("counted above")[index];
                let mut it = item(
                    DatelineStr::new(q.kind.as_str()),
                    text(q.start, q.end),
                    q.start,
                    q.end,
                    q.attribution,
                );
                it.canonical = DatelineStr::opt(q.speaker.as_deref());
                it.subtype = DatelineStr::opt(q.cue.as_deref());
                it.source = DatelineStr::opt(q.source.as_deref());
                it.confidence = f64::from(q.confidence);
                it
            }
            DatelineLayer::Figures => {
                let f = &x.figures.as_ref().expect("counted above")[index];
                let mut it = item(
                    DatelineStr::new(f.kind.as_str()),
                    text(f.start, f.end),
                    f.start,
                    f.end,
                    f.part_of.unwrap_or(usize::MAX),
                );
                it.canonical = DatelineStr::opt(f.counted.as_deref());
                it.subtype = DatelineStr::opt(f.category.as_deref());
                it.source = DatelineStr::opt(f.source.as_deref());
                it
            }
            DatelineLayer::Entities => {
                let e = &x.entities.as_ref().expect("counted above")[index];
                let (s, t) = e.mentions.first().map_or((0, 0), |m| (m.start, m.end));
                let mut it = item(
                    DatelineStr::new(e.kind.as_str()),
                    text(s, t),
                    s,
                    t,
                    usize::MAX,
                );
                it.canonical = DatelineStr::new(&e.name);
                it.subtype = DatelineStr::opt(e.subtype.as_deref());
                it
            }
        };
        // SAFETY: `out` is non-NULL and writable.
        unsafe { *out = item };
        DatelineStatus::Ok
    })
}

/// Reads figure `index` of `result` into `*out`, with its numbers, place,
/// date and actor (DATELINE_STATUS_OUT_OF_RANGE past the end).
#[no_mangle]
pub unsafe extern "C" fn dateline_result_figure(
    result: *const DatelineResult,
    index: usize,
    out: *mut DatelineFigure,
) -> DatelineStatus {
    guard(|| {
        // SAFETY: a non-NULL `result` came from dateline_extract*.
        let Some(r) = (unsafe { result.as_ref() }) else {
            return fail(DatelineStatus::NullArgument, "result is NULL");
        };
        if out.is_null() {
            return fail(DatelineStatus::NullArgument, "out is NULL");
        }
        let figures = r.inner.figures.as_deref().unwrap_or_default();
        let Some(f) = figures.get(index) else {
            return fail(
                DatelineStatus::OutOfRange,
                format!(
                    "index {index} is past the end of the figures ({} items)",
                    figures.len()
                ),
            );
        };
        let s = |o: &Option<String>| DatelineStr::opt(o.as_deref());
        let figure = DatelineFigure {
            kind: DatelineStr::new(f.kind.as_str()),
            text: DatelineStr::new(&f.text),
            start: f.start,
            end: f.end,
            value: f.value.unwrap_or(f64::NAN),
            low: f.low.unwrap_or(f64::NAN),
            high: f.high.unwrap_or(f64::NAN),
            bound: DatelineStr::new(f.bound.as_str()),
            unit: s(&f.unit),
            counted: s(&f.counted),
            category: s(&f.category),
            gdelt: s(&f.gdelt),
            part_of: f.part_of.unwrap_or(usize::MAX),
            place: s(&f.place),
            place_name: s(&f.place_name),
            place_countries: DatelineStr::new(&r.figure_countries[index]),
            date: s(&f.date),
            actor: s(&f.actor),
            actor_entity: s(&f.actor_entity),
            source: s(&f.source),
            source_entity: s(&f.source_entity),
            segment: f.segment,
        };
        // SAFETY: `out` is non-NULL and writable.
        unsafe { *out = figure };
        DatelineStatus::Ok
    })
}

/// The result and entity `index` behind an entity accessor's arguments,
/// after checking that `result` and `out` are not NULL.
fn entity_at<'r, T>(
    result: *const DatelineResult,
    index: usize,
    out: *mut T,
) -> Result<(&'r DatelineResult, &'r dateline_core::Entity), DatelineStatus> {
    // SAFETY: a non-NULL `result` came from dateline_extract*.
    let Some(r) = (unsafe { result.as_ref() }) else {
        return Err(fail(DatelineStatus::NullArgument, "result is NULL"));
    };
    if out.is_null() {
        return Err(fail(DatelineStatus::NullArgument, "out is NULL"));
    }
    let entities = r.inner.entities.as_deref().unwrap_or_default();
    let e = entities.get(index).ok_or_else(|| {
        fail(
            DatelineStatus::OutOfRange,
            format!(
                "index {index} is past the end of the entities ({} items)",
                entities.len()
            ),
        )
    })?;
    Ok((r, e))
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
    guard(|| {
        let (r, e) = match entity_at(result, index, out) {
            Ok(found) => found,
            Err(status) => return status,
        };
        let s = |o: Option<&String>| DatelineStr::opt(o.map(String::as_str));
        let p = e.place.as_ref();
        let entity = DatelineEntity {
            id: e.id,
            kind: DatelineStr::new(e.kind.as_str()),
            subtype: s(e.subtype.as_ref()),
            name: DatelineStr::new(&e.name),
            mentions: e.mentions.len(),
            roles: e.roles.len(),
            nationality: s(e.nationality.as_ref()),
            org_kind: s(e.org_kind.as_ref()),
            country: s(e.country.as_ref()),
            has_place: u8::from(p.is_some()),
            geonameid: p.and_then(|p| p.geonameid).unwrap_or(0),
            feature: s(p.map(|p| &p.feature)),
            place_name: s(p.map(|p| &p.name)),
            place_country: s(p.and_then(|p| p.country.as_ref())),
            admin1: s(p.and_then(|p| p.admin1.as_ref())),
            admin1_name: s(p.and_then(|p| p.admin1_name.as_ref())),
            lat: p.and_then(|p| p.lat).unwrap_or(f64::NAN),
            lon: p.and_then(|p| p.lon).unwrap_or(f64::NAN),
            chain: DatelineStr::opt(p.map(|_| r.entity_chains[index].as_str())),
            within: p.and_then(|p| p.within).unwrap_or(usize::MAX),
        };
        // SAFETY: `out` is non-NULL and writable.
        unsafe { *out = entity };
        DatelineStatus::Ok
    })
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
    guard(|| {
        let (r, e) = match entity_at(result, entity, out) {
            Ok(found) => found,
            Err(status) => return status,
        };
        let Some(m) = e.mentions.get(index) else {
            return fail(
                DatelineStatus::OutOfRange,
                format!(
                    "index {index} is past the end of the entity's mentions ({} items)",
                    e.mentions.len()
                ),
            );
        };
        let mut it = item(
            DatelineStr::new(m.form.as_str()),
            DatelineStr::new(&r.inner.text[m.start..m.end]),
            m.start,
            m.end,
            m.unit,
        );
        it.canonical = DatelineStr::new(&e.name);
        // SAFETY: `out` is non-NULL and writable.
        unsafe { *out = it };
        DatelineStatus::Ok
    })
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
    guard(|| {
        let (_, e) = match entity_at(result, entity, out) {
            Ok(found) => found,
            Err(status) => return status,
        };
        let Some(role) = e.roles.get(index) else {
            return fail(
                DatelineStatus::OutOfRange,
                format!(
                    "index {index} is past the end of the entity's roles ({} items)",
                    e.roles.len()
                ),
            );
        };
        let s = |o: &Option<String>| DatelineStr::opt(o.as_deref());
        let out_role = DatelineRole {
            title: DatelineStr::new(&role.title),
            function: s(&role.function),
            of: s(&role.of),
            of_country: s(&role.of_country),
            of_entity: role.of_entity.unwrap_or(usize::MAX),
            via_entity: role.via_entity.unwrap_or(usize::MAX),
            start: role.start,
            end: role.end,
            text: DatelineStr::new(&role.text),
            sentence: DatelineStr::new(&role.sentence),
        };
        // SAFETY: `out` is non-NULL and writable.
        unsafe { *out = out_role };
        DatelineStatus::Ok
    })
}

fn item(
    kind: DatelineStr,
    text: DatelineStr,
    start: usize,
    end: usize,
    parent: usize,
) -> DatelineItem {
    DatelineItem {
        kind,
        text,
        start,
        end,
        parent,
        canonical: DatelineStr::empty(),
        subtype: DatelineStr::empty(),
        confidence: 1.0,
        source: DatelineStr::empty(),
    }
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
        // SAFETY: a non-NULL `result` came from dateline_extract*.
        let Some(r) = (unsafe { result.as_ref() }) else {
            return fail(DatelineStatus::NullArgument, "result is NULL");
        };
        if out_json.is_null() {
            return fail(DatelineStatus::NullArgument, "out_json is NULL");
        }
        let json = match serde_json::to_string(&r.inner) {
            Ok(j) => j,
            Err(e) => return fail(DatelineStatus::Panic, format!("cannot serialise: {e}")),
        };
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
        DatelineStatus::Ok
    })
}

/// Frees a string allocated by dateline. NULL is accepted. Freeing a string
/// twice, reading it after it is freed, or passing a string dateline did not
/// allocate (or releasing one with `free()`) is undefined behaviour.
#[no_mangle]
pub unsafe extern "C" fn dateline_string_free(s: *mut c_char) {
    if !s.is_null() {
        // SAFETY: `s` came from CString::into_raw in this library and is freed once.
        let _ = catch_unwind(AssertUnwindSafe(|| drop(unsafe { CString::from_raw(s) })));
    }
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
            let mut it = item(DatelineStr::empty(), DatelineStr::empty(), 0, 0, 0);
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
