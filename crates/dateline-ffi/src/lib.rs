//! The C ABI of dateline. Only conversions live here: C arguments to Rust
//! values, results to borrowed views, errors and panics to status codes.
//! `include/dateline.h` is generated from this file by cbindgen, which
//! expands the macros first (docs/c.md, "Adding an accessor").
//!
//! Each output type is one description ([`output!`]): per field its doc,
//! C type and the value that fills it; the item layers are one table
//! ([`layers!`]). The accessors they give, like the hand-written ones,
//! run through [`read`]: NULL checks, the panic boundary, the write.

#![allow(unsafe_code)] // the C boundary: every unsafe block is a pointer from the caller
#![allow(clippy::missing_safety_doc)] // the safety rules are written once, in the header

use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use dateline_core::corpus::{Corpus, Record};
use dateline_core::events::Event;
use dateline_core::{input, Article, Config, Entity, Error, Extraction, Extractor, Origin};
use dateline_core::{ArticleLayer, RecordError, Span, TokenSyntax};

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
    /// Refuse articles longer than this many bytes (default 512 KiB; must be > 0).
    pub max_article_bytes: usize,
}

/// An absent index in a C struct: SIZE_MAX.
const NONE: usize = usize::MAX;

/// A view of `s`.
fn text(s: &str) -> DatelineStr {
    DatelineStr {
        ptr: s.as_ptr().cast(),
        len: s.len(),
    }
}

/// A view of `s`, empty when it is absent.
fn opt(s: Option<&str>) -> DatelineStr {
    text(s.unwrap_or_default())
}

/// The items of an optional layer (empty when it was not made).
fn list<T>(items: &Option<Vec<T>>) -> &[T] {
    items.as_deref().unwrap_or_default()
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
    let _ = LAST_ERROR.try_with(|e| *e.borrow_mut() = None);
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => DatelineStatus::Ok,
        Ok(Err(status)) => status,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            let message = format!("internal error (please report it): {what}");
            fail(DatelineStatus::Panic, message)
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
    let null = || fail(DatelineStatus::NullArgument, format!("{what} is NULL"));
    (!ptr.is_null()).then_some(()).ok_or_else(null)
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

/// Declares a C output type and its accessor from one description: the
/// struct's doc and name; the accessor's doc, name and index arguments
/// (after `result`, before `out`), with the statements that find what it
/// reads (`$r` is the result); and one entry per field: its doc, name, C
/// type and value. Gives the `#[repr(C)]` struct and the `extern "C"`
/// accessor over [`read`]. Adding a field is one entry.
macro_rules! output {
    (
        $(#[$doc:meta])* struct $name:ident;
        $(#[$fn_doc:meta])* fn $accessor:ident($r:ident $(, $index:ident)*) { $(let $bind:pat = $find:expr;)* }
        { $($(#[$field_doc:meta])* $field:ident: $ty:ty = $value:expr,)* }
    ) => {
        $(#[$doc])*
        #[repr(C)]
        #[derive(Debug, Clone, Copy)]
        pub struct $name {
            $($(#[$field_doc])* pub $field: $ty,)*
        }

        $(#[$fn_doc])*
        #[no_mangle]
        pub unsafe extern "C" fn $accessor(
            result: *const DatelineResult,
            $($index: usize,)*
            out: *mut $name,
        ) -> DatelineStatus {
            guard(|| read(result, out, |$r| { $(let $bind = $find;)* Ok($name { $($field: $value,)* }) }))
        }
    };
}

/// Declares the C enum of item layers from one table, a line (and a doc)
/// per layer: the layer, its number, its items (`$x` is the extraction, `$a`
/// its article layer) and how item `i` of them reads as a DatelineItem (`$r`
/// is the result). Gives the enum, DatelineLayer::from_raw and
/// DatelineResult::count and ::item. Adding a layer is one entry.
macro_rules! layers {
    (
        $(#[$doc:meta])* enum $name:ident($r:ident, $x:ident, $a:ident) {
            $($(#[$layer_doc:meta])* $layer:ident = $n:literal: $items:expr => $item:expr,)*
        }
    ) => {
        $(#[$doc])*
        #[repr(C)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$layer_doc])* $layer = $n,)*
        }

        impl $name {
            /// The layer numbered `raw`, or DATELINE_STATUS_INVALID_OPTION.
            fn from_raw(raw: u32) -> Outcome<Self> {
                let known = [$($name::$layer),*];
                known.into_iter().find(|l| *l as u32 == raw).ok_or_else(|| {
                    let message = format!("unknown layer {raw}: use a DatelineLayer value");
                    fail(DatelineStatus::InvalidOption, message)
                })
            }
        }

        impl DatelineResult {
            /// The number of items of `layer`.
            fn count(&self, layer: $name) -> usize {
                let ($x, $a) = (&self.inner, &self.inner.article);
                match layer {
                    $($name::$layer => $items.len(),)*
                }
            }

            /// Item `index` of `layer` (DATELINE_STATUS_OUT_OF_RANGE past the end).
            fn item(&self, layer: $name, index: usize) -> Outcome<DatelineItem> {
                let ($r, $x, $a) = (self, &self.inner, &self.inner.article);
                match layer {
                    $($name::$layer => layer_item($items, index, $item),)*
                }
            }
        }
    };
}

/// The sentence holding token `i`, SIZE_MAX for a headline's token.
fn token_sentence(a: &ArticleLayer, i: usize) -> usize {
    let s = a.sentences.partition_point(|s| s.tokens.end <= i);
    match a.sentences.get(s) {
        Some(sentence) if sentence.tokens.start <= i => s,
        _ => NONE,
    }
}

/// The sentence of unit `unit` (headline lines, then sentences), SIZE_MAX
/// for a headline line.
fn unit_sentence(a: &ArticleLayer, unit: usize) -> usize {
    unit.checked_sub(a.headlines.len()).unwrap_or(NONE)
}

/// Item `index` of a layer's `items`, read by `item`.
fn layer_item<'a, T>(
    items: &'a [T],
    index: usize,
    item: impl FnOnce(&'a T, usize) -> DatelineItem,
) -> Outcome<DatelineItem> {
    Ok(item(nth(items, index, "layer")?, index))
}

layers! {
    /// The layers of a result whose items can be read one by one.
    enum DatelineLayer(r, x, a) {
        /// Kicker and title lines above the story (kind "kicker" or "title").
        Headlines = 0: &a.headlines => |h, _| r.span(h.kind.as_str(), h.start, h.end, NONE),
        /// Paragraphs of the story.
        Paragraphs = 1: &a.paragraphs => |p, _| r.span("", p.start, p.end, NONE),
        /// Sentences (parent: the paragraph's index).
        Sentences = 2: &a.sentences => |s, _| r.span("", s.start, s.end, s.paragraph),
        /// Tokens (kind "word", "number", "punct" or "symbol"; parent: the
        /// sentence's index, SIZE_MAX for a headline's tokens).
        Tokens = 3: &a.tokens => |t, i| r.span(t.kind.as_str(), t.start, t.end, token_sentence(a, i)),
        /// Temporal expressions (kind "DATE", "TIME", "DURATION" or "SET";
        /// canonical: the TIMEX3 value such as "2023-11-05TEV", empty when unresolved).
        Timex = 4: list(&x.timex) => |t, _| DatelineItem {
            canonical: opt(t.value.as_deref()),
            subtype: opt(t.modifier.map(|m| m.as_str())),
            ..r.span(t.kind.as_str(), t.start, t.end, NONE)
        },
        /// Entity mentions (kind "PER", "ORG", "LOC", "NORP" or "MISC"; subtype
        /// such as "city" or "nationality"; canonical: the name without a
        /// descriptor, "Anbar" for "Anbar province"; parent: the sentence's
        /// index, SIZE_MAX in a headline; confidence from 0 to 1).
        Mentions = 5: list(&x.mentions) => |m, _| {
            let sentence = a.sentences.iter().position(|s| s.start <= m.start && m.end <= s.end);
            DatelineItem {
                canonical: text(&x.text[m.name_start..m.name_end]),
                subtype: opt(m.subtype.as_deref()),
                confidence: f64::from(m.confidence),
                ..r.span(m.kind.as_str(), m.start, m.end, sentence.unwrap_or(NONE))
            }
        },
        /// Attributed statements (kind "direct", "indirect", "mixed" or
        /// "according"; text: the content; canonical: the speaker it resolves
        /// to, empty when no name fits; subtype: the cue, "said"; source: the
        /// source as written, "Mr Blinken" or "he"; parent: the attribution's
        /// number, shared by the parts of a split quotation; confidence from 0 to 1).
        Quotes = 6: list(&x.quotes) => |q, _| DatelineItem {
            canonical: opt(q.speaker.as_deref()),
            subtype: opt(q.cue.as_deref()),
            source: opt(q.source.as_deref()),
            confidence: f64::from(q.confidence),
            ..r.span(q.kind.as_str(), q.start, q.end, q.attribution)
        },
        /// Figures (kind "count", "money", "percent" or "quantity"; text: the
        /// amount, "more than 9,500"; canonical: what is counted, "people";
        /// subtype: the category, "killed"; source: who says so, as written;
        /// parent: the index of the figure it is part of, SIZE_MAX when none).
        /// Numbers, bounds, place, date and actor: dateline_result_figure.
        Figures = 7: list(&x.figures) => |f, _| DatelineItem {
            canonical: opt(f.counted.as_deref()),
            subtype: opt(f.category.as_deref()),
            source: opt(f.source.as_deref()),
            ..r.span(f.kind.as_str(), f.start, f.end, f.part_of.unwrap_or(NONE))
        },
        /// Resolved entities, each once (kind "PER", "ORG", "LOC", "NORP" or
        /// "MISC"; text, start, end: the first mention; canonical: the
        /// canonical name, "Mohammed Shia al-Sudani"; subtype as for mentions).
        /// Roles, place and every mention: dateline_result_entity,
        /// dateline_result_entity_mention, dateline_result_entity_role.
        Entities = 8: list(&x.entities) => |e, _| {
            let (start, end) = e.mentions.first().map_or((0, 0), |m| (m.start, m.end));
            DatelineItem {
                canonical: text(&e.name),
                subtype: opt(e.subtype.as_deref()),
                ..r.span(e.kind.as_str(), start, end, NONE)
            }
        },
        /// Noun chunks of the syntax layer: base noun phrases such as "Hamas
        /// fighters" (parent: the index of the head token; empty when the
        /// syntax layer did not run).
        NounChunks = 9: list(&x.noun_chunks) => |c, _| r.span("", c.start, c.end, c.head),
        /// Events the article states or reports (kind: the TimeML class,
        /// "OCCURRENCE", "REPORTING", "I_ACTION", "I_STATE", "ASPECTUAL",
        /// "PERCEPTION" or "STATE"; text, start, end: the trigger; canonical:
        /// its lemma, "meet"; subtype: the CAMEO code, empty when uncoded;
        /// source: the first source actor as written; parent: the sentence's
        /// index, SIZE_MAX in a headline). Tense, polarity, modality, code,
        /// actors, place and date: dateline_result_event.
        Events = 10: list(&x.events) => |e, _| DatelineItem {
            canonical: text(&e.lemma),
            subtype: opt(e.code.as_ref().map(|c| c.cameo.as_str())),
            source: opt(e.source.first().map(|s| s.text.as_str())),
            ..r.span(e.class.as_str(), e.start, e.end, unit_sentence(a, e.unit))
        },
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

/// The default options: tokens on, articles up to 512 KiB.
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
    extract(extractor, (text, len, "text"), out, |t| {
        input::read_text(t, Origin::default(), None)
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
    extract(extractor, (json, len, "json"), out, |j| {
        input::parse_json_line(j, Origin::default())
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

output! {
    /// The article layer of a result. All strings are borrowed from the result.
    struct DatelineArticle;
    /// Reads the article layer of `result` into `*out`.
    fn dateline_result_article(r) {
        let (x, a) = (&r.inner, &r.inner.article);
        let header = a.header.unwrap_or(Span::new(0, 0));
    }
    {
        /// The article's id (empty when none).
        id: DatelineStr = opt(x.id.as_deref()),
        /// The full text; every offset points into it.
        text: DatelineStr = text(&x.text),
        /// Publication date as "YYYY-MM-DD" (empty when unknown).
        date: DatelineStr = text(&r.date),
        /// Publication date and time, ISO 8601 (empty unless a time was given).
        datetime: DatelineStr = opt(a.datetime.as_deref()),
        /// Where the date was read: "record", "header", "publication_line" (empty when unknown).
        date_source: DatelineStr = text(a.date_source.map_or("", |d| d.as_str())),
        /// The title: the record's, or the title line of the text (empty when none).
        title: DatelineStr = opt(a.title.as_deref()),
        /// Byte offsets of the dateline header or publication line (both 0 when none).
        header_start: usize = header.start,
        /// End of the header.
        header_end: usize = header.end,
        /// Byte offsets of the story (after the header).
        body_start: usize = a.body.start,
        /// End of the story.
        body_end: usize = a.body.end,
        /// Number of headlines.
        headlines: usize = a.headlines.len(),
        /// Number of paragraphs.
        paragraphs: usize = a.paragraphs.len(),
        /// Number of sentences.
        sentences: usize = a.sentences.len(),
        /// Number of tokens.
        tokens: usize = a.tokens.len(),
    }
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

output! {
    /// One token of a result with what the syntax layer adds. All strings
    /// are borrowed from the result; without the syntax layer the tag,
    /// lemma, features and relation are empty and the head SIZE_MAX.
    struct DatelineToken;
    /// Reads token `index` of `result` into `*out`, with its part of speech,
    /// lemma, features, head and relation (DATELINE_STATUS_OUT_OF_RANGE past
    /// the end).
    fn dateline_result_token(r, index) {
        let a = &r.inner.article;
        let t = nth(&a.tokens, index, "tokens")?;
        let syn = t.syntax.as_ref();
        let field = |f: fn(&TokenSyntax) -> &str| opt(syn.map(f));
    }
    {
        /// "word", "number", "punct" or "symbol".
        kind: DatelineStr = text(t.kind.as_str()),
        /// The token's text.
        text: DatelineStr = text(&r.inner.text[t.start..t.end]),
        /// Byte offset of the first byte.
        start: usize = t.start,
        /// Byte offset one past the last byte.
        end: usize = t.end,
        /// Index of the sentence holding it (SIZE_MAX in a headline).
        sentence: usize = token_sentence(a, index),
        /// Universal part of speech ("NOUN", "VERB", "PROPN").
        upos: DatelineStr = field(|s| &s.upos),
        /// Penn Treebank tag ("NN", "VBD", "NNP").
        xpos: DatelineStr = field(|s| &s.xpos),
        /// Lemma ("kill" for "killed").
        lemma: DatelineStr = field(|s| &s.lemma),
        /// Morphological features in UD form ("Number=Plur"), empty when none.
        feats: DatelineStr = opt(syn.and_then(|s| s.feats.as_deref())),
        /// Index of the head token; SIZE_MAX for a sentence's root (and
        /// without the syntax layer).
        head: usize = syn.and_then(|s| s.head).unwrap_or(NONE),
        /// Universal Dependencies relation to the head ("nsubj", "obl:agent", "root").
        dep: DatelineStr = field(|s| &s.dep),
    }
}

output! {
    /// One figure of a result, with its numbers. All strings are borrowed from
    /// the result; absent strings are empty, absent numbers NaN.
    struct DatelineFigure;
    /// Reads figure `index` of `result` into `*out`, with its numbers, place,
    /// date and actor (DATELINE_STATUS_OUT_OF_RANGE past the end).
    fn dateline_result_figure(r, index) {
        let f = nth(list(&r.inner.figures), index, "figures")?;
    }
    {
        /// "count", "money", "percent" or "quantity".
        kind: DatelineStr = text(f.kind.as_str()),
        /// The amount as written ("more than 9,500", "US$ 14 billion").
        text: DatelineStr = text(&f.text),
        /// Byte offset of the amount's first byte.
        start: usize = f.start,
        /// Byte offset one past its last byte.
        end: usize = f.end,
        /// The number stated (NaN for vague amounts such as "dozens").
        value: f64 = f.value.unwrap_or(f64::NAN),
        /// The least the text allows (NaN when unbounded below or approximate).
        low: f64 = f.low.unwrap_or(f64::NAN),
        /// The most the text allows (NaN when unbounded above or approximate).
        high: f64 = f.high.unwrap_or(f64::NAN),
        /// "exact", "lower", "upper", "approx" or "range".
        bound: DatelineStr = text(f.bound.as_str()),
        /// ISO 4217 code of money ("USD"), "%", or a unit ("km", "years").
        unit: DatelineStr = opt(f.unit.as_deref()),
        /// What is counted, as written ("people").
        counted: DatelineStr = opt(f.counted.as_deref()),
        /// "killed", "wounded", "attacks", ... (empty when none).
        category: DatelineStr = opt(f.category.as_deref()),
        /// The GDELT count type of the category ("KILL").
        gdelt: DatelineStr = opt(f.gdelt.as_deref()),
        /// Index of the figure this one is part of, SIZE_MAX when none.
        part_of: usize = f.part_of.unwrap_or(NONE),
        /// Where, as written ("the Lebanon-Israel border").
        place: DatelineStr = opt(f.place.as_deref()),
        /// The place's name as resolved ("Gaza" for "the enclave").
        place_name: DatelineStr = opt(f.place_name.as_deref()),
        /// ISO 3166 codes of the place's countries, comma-separated ("LB,IL").
        place_countries: DatelineStr = text(&r.figure_countries[index]),
        /// TIMEX3 value of the date ("2023-10-07").
        date: DatelineStr = opt(f.date.as_deref()),
        /// Who did it, as written ("Hamas fighters").
        actor: DatelineStr = opt(f.actor.as_deref()),
        /// The name in the actor ("Hamas").
        actor_entity: DatelineStr = opt(f.actor_entity.as_deref()),
        /// Who says so, as written ("the health ministry").
        source: DatelineStr = opt(f.source.as_deref()),
        /// The entity the source resolves to.
        source_entity: DatelineStr = opt(f.source_entity.as_deref()),
        /// Index of the headline or sentence holding it (headlines first).
        segment: usize = f.segment,
    }
}

output! {
    /// One resolved entity of a result. All strings are borrowed from the
    /// result; absent strings are empty, absent numbers NaN, absent indices
    /// SIZE_MAX.
    struct DatelineEntity;
    /// Reads entity `index` of `result` into `*out`, with its kind, canonical
    /// name, counts of mentions and roles, nationality, organisation kind,
    /// country and place (DATELINE_STATUS_OUT_OF_RANGE past the end).
    fn dateline_result_entity(r, index) {
        let e = r.entity(index)?;
        let p = e.place.as_ref();
    }
    {
        /// Index of the entity (roles and places refer to entities by it).
        id: usize = e.id,
        /// "PER", "ORG", "LOC", "NORP" or "MISC".
        kind: DatelineStr = text(e.kind.as_str()),
        /// A finer kind ("city", "facility", "armed", "nationality").
        subtype: DatelineStr = opt(e.subtype.as_deref()),
        /// The canonical name: the fullest form the article uses.
        name: DatelineStr = text(&e.name),
        /// Number of mentions (read them with dateline_result_entity_mention).
        mentions: usize = e.mentions.len(),
        /// Number of roles (read them with dateline_result_entity_role).
        roles: usize = e.roles.len(),
        /// A person's nationality, ISO 3166 ("IQ").
        nationality: DatelineStr = opt(e.nationality.as_deref()),
        /// An organisation's kind ("government", "armed", "international",
        /// "company", "media", "party", "other").
        org_kind: DatelineStr = opt(e.org_kind.as_deref()),
        /// The country an organisation, group or place belongs to.
        country: DatelineStr = opt(e.country.as_deref()),
        /// 1 when the entity is a place located on the map, else 0 (and the
        /// place fields below are empty).
        has_place: u8 = u8::from(p.is_some()),
        /// GeoNames id of the place (0 when it has none of its own: a facility).
        geonameid: u32 = p.and_then(|p| p.geonameid).unwrap_or(0),
        /// "country", "region", "continent", "area", "water", "territory",
        /// "city", "facility" or "place".
        feature: DatelineStr = opt(p.map(|p| p.feature.as_str())),
        /// How closely the point stands for the place: "exact", "city",
        /// "admin", "country" or "container" (a facility at the point of
        /// the place that contains it).
        precision: DatelineStr = opt(p.map(|p| p.precision.as_str())),
        /// The place's name in the gazetteer.
        place_name: DatelineStr = opt(p.map(|p| p.name.as_str())),
        /// ISO 3166 code of the place's country.
        place_country: DatelineStr = opt(p.and_then(|p| p.country.as_deref())),
        /// GeoNames first-level division code ("11").
        admin1: DatelineStr = opt(p.and_then(|p| p.admin1.as_deref())),
        /// Its name ("Arbil").
        admin1_name: DatelineStr = opt(p.and_then(|p| p.admin1_name.as_deref())),
        /// Latitude in degrees (NaN when unknown).
        lat: f64 = p.and_then(|p| p.lat).unwrap_or(f64::NAN),
        /// Longitude in degrees (NaN when unknown).
        lon: f64 = p.and_then(|p| p.lon).unwrap_or(f64::NAN),
        /// The names from the place up to its country, joined with " > "
        /// ("Harir airbase > Erbil > Arbil > Iraq").
        chain: DatelineStr = text(&r.entity_chains[index]),
        /// The entity whose location this one inherits, SIZE_MAX when none.
        within: usize = p.and_then(|p| p.within).unwrap_or(NONE),
    }
}

output! {
    /// One item of a layer. All strings are borrowed from the result.
    struct DatelineItem;
    /// Reads mention `index` of entity `entity` into `*out` (kind: the form,
    /// "name", "acronym", "description" or "pronoun"; text, start, end: the
    /// mention; canonical: the entity's name; parent: the headline or sentence
    /// unit holding it, headlines first).
    fn dateline_result_entity_mention(r, entity, index) {
        let e = r.entity(entity)?;
        let m = nth(&e.mentions, index, "entity's mentions")?;
    }
    {
        /// The item's kind ("kicker", "title", "word", ...); empty for paragraphs and sentences.
        kind: DatelineStr = text(m.form.as_str()),
        /// The item's text: the bytes start..end of the article text.
        text: DatelineStr = text(&r.inner.text[m.start..m.end]),
        /// Byte offset of the first byte in the article text.
        start: usize = m.start,
        /// Byte offset one past the last byte.
        end: usize = m.end,
        /// Index of the enclosing item (paragraph of a sentence, sentence of a
        /// token), or SIZE_MAX when there is none.
        parent: usize = m.unit,
        /// The canonical form of the item: the TIMEX3 value of a temporal
        /// expression, the name of an entity mention; empty otherwise.
        canonical: DatelineStr = text(&e.name),
        /// A finer kind: an entity mention's subtype ("city", "nationality",
        /// "armed"), a temporal expression's modifier ("APPROX"); empty otherwise.
        subtype: DatelineStr = text(""),
        /// How sure the extractor is, from 0 to 1 (entity mentions, quotes); 1
        /// for items of the article layer and temporal expressions.
        confidence: f64 = 1.0,
        /// A quote's source as written ("Mr Blinken", "he"); empty otherwise.
        source: DatelineStr = text(""),
    }
}

output! {
    /// A role of a person. All strings are borrowed from the result.
    struct DatelineRole;
    /// Reads role `index` of entity `entity` into `*out`
    /// (DATELINE_STATUS_OUT_OF_RANGE past the end).
    fn dateline_result_entity_role(r, entity, index) {
        let role = nth(&r.entity(entity)?.roles, index, "entity's roles")?;
    }
    {
        /// The title ("Secretary of State", "leader", "adviser").
        title: DatelineStr = text(&role.title),
        /// The office across countries ("foreign minister"), empty when none.
        function: DatelineStr = opt(role.function.as_deref()),
        /// The body, as named ("United States", "Hezbollah").
        of: DatelineStr = opt(role.of.as_deref()),
        /// ISO 3166 code of the body's country.
        of_country: DatelineStr = opt(role.of_country.as_deref()),
        /// The entity the role is for, SIZE_MAX when none.
        of_entity: usize = role.of_entity.unwrap_or(NONE),
        /// The entity a "counterpart" was read through, SIZE_MAX when none.
        via_entity: usize = role.via_entity.unwrap_or(NONE),
        /// Byte offset of the words that state the role.
        start: usize = role.start,
        /// One past their last byte.
        end: usize = role.end,
        /// Those words ("United States Secretary of State").
        text: DatelineStr = text(&role.text),
        /// The sentence that states it.
        sentence: DatelineStr = text(&role.sentence),
    }
}

output! {
    /// One event of a result, with its class, tense, polarity, modality,
    /// code, sides, place and date. All strings are borrowed from the result;
    /// absent strings are empty, absent numbers NaN, absent indices SIZE_MAX.
    struct DatelineEvent;
    /// Reads event `index` of `result` into `*out`
    /// (DATELINE_STATUS_OUT_OF_RANGE past the end).
    fn dateline_result_event(r, index) {
        let e = nth(list(&r.inner.events), index, "events")?;
        let names = &r.event_names[index];
        let code = e.code.as_ref();
        let (source, target) = (e.source.first(), e.target.first());
        let (place, date) = (e.place.as_ref(), e.date.as_ref());
    }
    {
        /// The trigger of its first mention as written ("attack", "meeting").
        text: DatelineStr = text(&e.text),
        /// Byte offset of the trigger's first byte.
        start: usize = e.start,
        /// Byte offset one past its last byte.
        end: usize = e.end,
        /// The trigger's lemma ("meet").
        lemma: DatelineStr = text(&e.lemma),
        /// The TimeML class: "OCCURRENCE", "REPORTING", "I_ACTION",
        /// "I_STATE", "ASPECTUAL", "PERCEPTION" or "STATE".
        event_class: DatelineStr = text(e.class.as_str()),
        /// The kind of word: "verb", "noun" or "adjective".
        pos: DatelineStr = text(&names.pos),
        /// "past", "present", "future" or "none".
        tense: DatelineStr = text(&names.tense),
        /// "perfect", "progressive", "perfect_progressive" or "none".
        aspect: DatelineStr = text(&names.aspect),
        /// "positive" or "negative" ("did not attack").
        polarity: DatelineStr = text(&names.polarity),
        /// "asserted", "future", "planned", "hypothetical", "conditional" or
        /// "reported".
        modality: DatelineStr = text(&names.modality),
        /// Index of the unit holding the trigger (headline lines first, then
        /// sentences).
        unit: usize = e.unit,
        /// Index of the sentence holding the trigger, SIZE_MAX in a headline.
        sentence: usize = unit_sentence(&r.inner.article, e.unit),
        /// Index of the quote (DATELINE_LAYER_QUOTES) whose statement reports
        /// it, SIZE_MAX when none.
        reported_by: usize = e.reported_by.unwrap_or(NONE),
        /// Number of mentions of the event.
        mentions: usize = e.mentions.len(),
        /// Number of figures that count its outcome.
        figures: usize = e.figures.len(),
        /// 1 when the event has a CAMEO code, else 0 (and the code fields
        /// below are empty).
        coded: u8 = u8::from(code.is_some()),
        /// The CAMEO event code ("042", "190").
        cameo: DatelineStr = opt(code.map(|c| c.cameo.as_str())),
        /// Its two-digit root ("04").
        root: DatelineStr = opt(code.map(|c| c.root.as_str())),
        /// Its quad class: "verbal_cooperation", "material_cooperation",
        /// "verbal_conflict" or "material_conflict".
        quad: DatelineStr = opt(code.and_then(|c| c.quad).map(|q| q.as_str())),
        /// The CAMEO description of the code ("Make a visit").
        description: DatelineStr = opt(code.and_then(|c| c.description.as_deref())),
        /// The PLOVER event type ("CONSULT", "ASSAULT").
        plover: DatelineStr = opt(code.and_then(|c| c.plover.as_deref())),
        /// The PLOVER mode, where the code gives one.
        plover_mode: DatelineStr = opt(code.and_then(|c| c.plover_mode.as_deref())),
        /// The verb dictionary pattern that gave the code.
        pattern: DatelineStr = opt(code.map(|c| c.pattern.as_str())),
        /// Number of source actors (who does it).
        sources: usize = e.source.len(),
        /// The first source actor as written ("Israeli troops", "He").
        source: DatelineStr = opt(source.map(|a| a.text.as_str())),
        /// Index of the entity it names, SIZE_MAX when none.
        source_entity: usize = source.and_then(|a| a.entity).unwrap_or(NONE),
        /// Its CAMEO actor code ("ISRMIL").
        source_code: DatelineStr = opt(source.and_then(|a| a.code.as_deref())),
        /// Number of target actors (to whom or what).
        targets: usize = e.target.len(),
        /// The first target actor as written ("the refugee camp").
        target: DatelineStr = opt(target.map(|a| a.text.as_str())),
        /// Index of the entity it names, SIZE_MAX when none.
        target_entity: usize = target.and_then(|a| a.entity).unwrap_or(NONE),
        /// Its CAMEO actor code.
        target_code: DatelineStr = opt(target.and_then(|a| a.code.as_deref())),
        /// 1 when the sources act on each other ("Iran and Saudi Arabia
        /// restored diplomatic ties"): the targets are the sources again,
        /// each one's first target the next; else 0.
        reciprocal: u8 = u8::from(e.reciprocal),
        /// 1 when a place is given, else 0 (and the place fields below are
        /// empty).
        has_place: u8 = u8::from(place.is_some()),
        /// The place's canonical name ("Ankara").
        place: DatelineStr = opt(place.map(|p| p.name.as_str())),
        /// Index of the place's entity, SIZE_MAX when none.
        place_entity: usize = place.and_then(|p| p.entity).unwrap_or(NONE),
        /// ISO 3166 code of the place's country.
        place_country: DatelineStr = opt(place.and_then(|p| p.country.as_deref())),
        /// Latitude in degrees (NaN when unknown).
        lat: f64 = place.and_then(|p| p.lat).unwrap_or(f64::NAN),
        /// Longitude in degrees (NaN when unknown).
        lon: f64 = place.and_then(|p| p.lon).unwrap_or(f64::NAN),
        /// 1 when no place of the sentence was found and the article's focus
        /// country stands in, else 0.
        place_is_focus_country: u8 = u8::from(place.is_some_and(|p| p.focus_country)),
        /// 1 when a date is given, else 0 (and the date fields below are empty).
        has_date: u8 = u8::from(date.is_some()),
        /// The TIMEX3 value of the date ("2023-11-07").
        date: DatelineStr = opt(date.map(|d| d.value.as_str())),
        /// 1 when the text gives no date and the publication date stands in,
        /// else 0.
        date_is_publication: u8 = u8::from(date.is_some_and(|d| d.published)),
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
        non_null(result, "result")?;
        non_null(out_json, "out_json")?;
        // SAFETY: a non-NULL `result` came from dateline_extract*.
        let json = serde_json::to_string(&unsafe { &*result }.inner)
            .map_err(|e| fail(DatelineStatus::Panic, format!("cannot serialise: {e}")))?;
        // SAFETY: both pointers are writable when non-NULL. JSON escapes NUL
        // in strings, so CString has none to refuse.
        unsafe {
            if !out_len.is_null() {
                *out_len = json.len();
            }
            *out_json = CString::new(json).unwrap_or_default().into_raw();
        }
        Ok(())
    })
}

/// Links articles across them (stories, corpus entities, corpus events:
/// docs/corpus.md): `len` bytes at `jsonl`, the JSONL that `dateline extract`
/// writes (or dateline_result_to_json() gives), one extraction a line. Error
/// lines (`{"error": ...}`) and blank lines are skipped; the number of error
/// lines is written to `*out_skipped` (which may be NULL). Writes the linked
/// corpus as one line of JSON, `{"stories", "entities", "events"}` with byte
/// offsets (what `dateline link` writes), to `*out_json`, NUL-terminated, and
/// its length without the NUL to `*out_len` (which may be NULL); free it with
/// dateline_string_free(). A line that is neither an extraction nor an error
/// line gives DATELINE_STATUS_INVALID_INPUT naming it, with
/// dateline_last_error_byte() at its first byte.
#[no_mangle]
pub unsafe extern "C" fn dateline_link_json(
    jsonl: *const u8,
    len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
    out_skipped: *mut usize,
) -> DatelineStatus {
    guard(|| {
        // SAFETY: the caller promises `len` readable bytes at a non-NULL `jsonl`.
        let Some(input) = (unsafe { bytes(jsonl, len) }) else {
            return Err(fail(DatelineStatus::NullArgument, "jsonl is NULL"));
        };
        non_null(out_json, "out_json")?;
        let text = std::str::from_utf8(input).map_err(|e| {
            let byte = e.valid_up_to() as u64;
            fail_with(&Error::InvalidUtf8 { byte }, None)
        })?;
        let (corpus, skipped) = link_lines(text)?;
        let json = serde_json::to_string(corpus.linked())
            .map_err(|e| fail(DatelineStatus::Panic, format!("cannot serialise: {e}")))?;
        // SAFETY: the pointers are writable when non-NULL. JSON escapes NUL
        // in strings, so CString has none to refuse.
        unsafe {
            if !out_len.is_null() {
                *out_len = json.len();
            }
            if !out_skipped.is_null() {
                *out_skipped = skipped;
            }
            *out_json = CString::new(json).unwrap_or_default().into_raw();
        }
        Ok(())
    })
}

/// The corpus of the extractions of a JSONL text, and how many error lines
/// it skipped.
fn link_lines(text: &str) -> Outcome<(Corpus, usize)> {
    let (mut corpus, mut skipped, mut at) = (Corpus::new(), 0, 0);
    for (n, raw) in text.split('\n').enumerate() {
        let start = at;
        at += raw.len() + 1;
        let line = raw.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Extraction>(line) {
            Ok(x) => corpus.add(Record::from(&x)),
            Err(e) => {
                let value = serde_json::from_str::<serde_json::Value>(line).ok();
                if value.is_some_and(|v| v.get("error").is_some() && v.get("article").is_none()) {
                    skipped += 1;
                    continue;
                }
                let message = format!("line {}: not an extraction: {e}", n + 1);
                set_error(message, Some(start as u64));
                return Err(DatelineStatus::InvalidInput);
            }
        }
    }
    Ok((corpus, skipped))
}

/// Frees a string allocated by dateline. NULL is accepted. Freeing a string
/// twice, reading it after it is freed, or passing a string dateline did not
/// allocate (or releasing one with `free()`) is undefined behaviour.
#[no_mangle]
pub unsafe extern "C" fn dateline_string_free(s: *mut c_char) {
    // SAFETY: `s` came from CString::into_raw in this library and is freed once.
    release(s, |p| drop(unsafe { CString::from_raw(p) }));
}

/// What `read` gives of this thread's last error, or `none` when there is
/// none (or the thread is being torn down).
fn last_error<T>(read: impl Fn(&LastError) -> T, none: T) -> T {
    let get = || LAST_ERROR.try_with(|e| e.borrow().as_ref().map(&read));
    catch_unwind(AssertUnwindSafe(get))
        .ok()
        .and_then(|e| e.ok().flatten())
        .unwrap_or(none)
}

/// The message of the last error on this thread, NUL-terminated, or "" when
/// the last call succeeded. Valid until the next dateline call on this thread.
#[no_mangle]
pub extern "C" fn dateline_last_error() -> *const c_char {
    last_error(|e| e.message.as_ptr(), c"".as_ptr())
}

/// The byte offset the last error on this thread points at (the first
/// invalid byte for DATELINE_STATUS_INVALID_UTF8), or -1 when it has none.
#[no_mangle]
pub extern "C" fn dateline_last_error_byte() -> i64 {
    last_error(|e| e.byte, -1)
}

/// The version of the library, NUL-terminated (static).
#[no_mangle]
pub extern "C" fn dateline_version() -> *const c_char {
    static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
    VERSION.as_ptr().cast()
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
    /// The place countries of each figure, joined with commas.
    figure_countries: Vec<String>,
    /// The place chain of each entity, joined with " > ".
    entity_chains: Vec<String>,
    /// The names of each event's part of speech, tense, aspect, polarity
    /// and modality.
    event_names: Vec<EventNames>,
}

/// The serde names of an event's enums, kept for `DatelineStr` views.
struct EventNames {
    pos: String,
    tense: String,
    aspect: String,
    polarity: String,
    modality: String,
}

impl EventNames {
    fn new(e: &Event) -> Self {
        // The name serde gives each value (`negative`, `future`).
        let name = |v: serde_json::Result<serde_json::Value>| match v {
            Ok(serde_json::Value::String(s)) => s,
            _ => String::new(),
        };
        EventNames {
            pos: name(serde_json::to_value(e.pos)),
            tense: name(serde_json::to_value(e.tense)),
            aspect: name(serde_json::to_value(e.aspect)),
            polarity: name(serde_json::to_value(e.polarity)),
            modality: name(serde_json::to_value(e.modality)),
        }
    }
}

impl DatelineResult {
    fn new(inner: Extraction) -> Self {
        let date = inner.article.date.map(|d| d.format("%Y-%m-%d").to_string());
        let countries = list(&inner.figures)
            .iter()
            .map(|f| f.place_countries.join(","));
        let chain = |e: &Entity| e.place.as_ref().map(|p| p.chain.join(" > "));
        let chains = list(&inner.entities)
            .iter()
            .map(|e| chain(e).unwrap_or_default());
        DatelineResult {
            date: date.unwrap_or_default(),
            figure_countries: countries.collect(),
            entity_chains: chains.collect(),
            event_names: list(&inner.events).iter().map(EventNames::new).collect(),
            inner,
        }
    }

    /// An item spanning `start..end` of the text: no canonical form,
    /// subtype or source, confidence 1.
    fn span(&self, kind: &str, start: usize, end: usize, parent: usize) -> DatelineItem {
        DatelineItem {
            kind: text(kind),
            text: text(&self.inner.text[start..end]),
            start,
            end,
            parent,
            canonical: text(""),
            subtype: text(""),
            confidence: 1.0,
            source: text(""),
        }
    }

    /// Entity `index` (DATELINE_STATUS_OUT_OF_RANGE past the end).
    fn entity(&self, index: usize) -> Outcome<&Entity> {
        nth(list(&self.inner.entities), index, "entities")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_statuses() {
        assert_eq!(guard(|| panic!("boom")), DatelineStatus::Panic);
        let msg = unsafe { std::ffi::CStr::from_ptr(dateline_last_error()) };
        assert!(msg.to_str().unwrap().contains("boom"));
    }
}
