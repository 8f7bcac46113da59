//! Fuzz target `extract`: an article from arbitrary text through every layer.
//!
//! The input, when it is UTF-8, becomes an article (`Article::from_text`)
//! and goes through an extractor with all layers. The output is serialised
//! to JSON, as the CLI writes it, and every span in it is checked:
//!
//! - each `start`/`end` pair (and each `<name>_start`/`<name>_end` pair:
//!   `name_`, `cue_`, `source_`, `counted_`, `trigger_`, `place_`, `date_`,
//!   `actor_`) is a byte range of `text` on char boundaries,
//!   `start <= end <= text.len()`;
//! - the text as written beside a span equals `&text[start..end]`: `text`
//!   beside `start`/`end`, and `cue`, `source`, `counted`, `trigger`,
//!   `place`, `actor` beside their pairs (`docs/schema.md`);
//! - index ranges (`paragraphs[].sentences`, `sentences[].tokens`) and
//!   indices into other lists (`paragraph`, `unit`, `segment`, `mention`,
//!   `speaker_mention`, `place_mention`, `part_of`, `source_quote`,
//!   `within`, `of_entity`, `via_entity`, an entity's `id`) point inside
//!   their lists;
//! - time values (`timex[].value`, `figures[].date`) are well-formed TIMEX3
//!   values with years as four digits from 0001 to 9999, and the time
//!   expressions come in text order without overlapping.
//!
//! Any failure panics with the JSON path of the offending field.

#![no_main]

use std::sync::OnceLock;

use dateline::{Article, Config, Error, Extractor, Layer};
use libfuzzer_sys::fuzz_target;
use regex::Regex;
use serde_json::{Map, Value};

/// One extractor for the whole run: building it loads the lexicons and the tagger.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        Extractor::new(Config::new().layers(Layer::ALL.iter().copied()))
            .expect("the default configuration with every layer is valid")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let article = match Article::from_text(text) {
        Ok(a) => a,
        Err(e) => {
            if let Some(byte) = e.byte() {
                assert!(
                    byte <= text.len() as u64,
                    "error byte {byte} past the text ({} bytes): {e}",
                    text.len()
                );
            }
            assert!(
                matches!(e, Error::Empty | Error::BadDate { .. }),
                "unexpected error kind from Article::from_text: {e}"
            );
            return;
        }
    };
    let out = extractor()
        .extract(article)
        .expect("an article under the size limit extracts");
    let json = serde_json::to_value(&out).expect("an extraction serialises");
    check_extraction(&json);
});

/// The lengths of the lists that indices point into.
struct Lists {
    sentences: usize,
    tokens: usize,
    paragraphs: usize,
    units: usize,
    mentions: usize,
    quotes: usize,
    figures: usize,
    entities: usize,
}

fn len_of(v: &Value, path: &[&str]) -> usize {
    let mut v = v;
    for key in path {
        match v.get(key) {
            Some(inner) => v = inner,
            None => return 0,
        }
    }
    v.as_array().map_or(0, Vec::len)
}

fn check_extraction(json: &Value) {
    let text = json["text"].as_str().expect("an extraction has its text");
    let lists = Lists {
        sentences: len_of(json, &["article", "sentences"]),
        tokens: len_of(json, &["article", "tokens"]),
        paragraphs: len_of(json, &["article", "paragraphs"]),
        units: len_of(json, &["article", "headlines"]) + len_of(json, &["article", "sentences"]),
        mentions: len_of(json, &["mentions"]),
        quotes: len_of(json, &["quotes"]),
        figures: len_of(json, &["figures"]),
        entities: len_of(json, &["entities"]),
    };
    let mut path = String::from("$");
    walk(json, text, &lists, &mut path, None);
    if let Some(timex) = json.get("timex").and_then(Value::as_array) {
        for (i, t) in timex.iter().enumerate() {
            if let Some(v) = t["value"].as_str() {
                assert!(timex3(v), "$.timex[{i}].value {v:?} is not a TIMEX3 value");
            }
            // In text order, none overlapping the one before.
            if i > 0 {
                let (end, start) = (timex[i - 1]["end"].as_u64(), t["start"].as_u64());
                assert!(
                    end <= start,
                    "$.timex[{i}] overlaps or precedes $.timex[{}]",
                    i - 1
                );
            }
        }
    }
    if let Some(figures) = json.get("figures").and_then(Value::as_array) {
        for (i, f) in figures.iter().enumerate() {
            if let Some(v) = f.get("date").and_then(Value::as_str) {
                assert!(
                    v.split('/').all(timex3),
                    "$.figures[{i}].date {v:?} is not a TIMEX3 value or interval"
                );
            }
        }
    }
    if let Some(entities) = json.get("entities").and_then(Value::as_array) {
        for (i, e) in entities.iter().enumerate() {
            assert_eq!(
                e["id"].as_u64(),
                Some(i as u64),
                "$.entities[{i}].id is not its index"
            );
        }
    }
}

/// Fields whose text, as written, is the slice of the pair `<field>_start`/`<field>_end`.
const AS_WRITTEN: &[&str] = &["cue", "source", "counted", "trigger", "place", "actor"];

/// Walks every value; `key` is the name of the field holding `v` (`None`
/// for an element of an array).
fn walk(v: &Value, text: &str, lists: &Lists, path: &mut String, key: Option<&str>) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, text, lists, path, None);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            check_object(map, text, lists, path, key);
            for (k, inner) in map {
                let len = path.len();
                path.push('.');
                path.push_str(k);
                walk(inner, text, lists, path, Some(k));
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn number(map: &Map<String, Value>, key: &str, path: &str) -> Option<usize> {
    let v = map.get(key)?;
    if v.is_null() {
        return None;
    }
    let n = v
        .as_u64()
        .unwrap_or_else(|| panic!("{path}.{key} is {v}, not an offset or index"));
    Some(usize::try_from(n).expect("fits usize"))
}

fn check_object(
    map: &Map<String, Value>,
    text: &str,
    lists: &Lists,
    path: &str,
    key: Option<&str>,
) {
    // An index range of a paragraph's sentences or a sentence's tokens: the
    // field itself (`...paragraphs[3].sentences`), not the list of sentences.
    let index_range = match key {
        Some("sentences") => Some(lists.sentences),
        Some("tokens") => Some(lists.tokens),
        _ => None,
    };
    if let (Some(start), Some(end)) = (number(map, "start", path), number(map, "end", path)) {
        match index_range {
            Some(len) => assert!(
                start <= end && end <= len,
                "{path}: index range {start}..{end} outside a list of {len}"
            ),
            None => {
                check_span(text, start, end, path, "");
                if let Some(t) = map.get("text").and_then(Value::as_str) {
                    assert_eq!(
                        t,
                        &text[start..end],
                        "{path}.text is not the text of its span {start}..{end}"
                    );
                }
            }
        }
    }
    for (k, _) in map {
        let Some(prefix) = k.strip_suffix("_start") else {
            continue;
        };
        let end_key = format!("{prefix}_end");
        let start = number(map, k, path);
        let end = number(map, &end_key, path);
        match (start, end) {
            (Some(start), Some(end)) => {
                check_span(text, start, end, path, prefix);
                if AS_WRITTEN.contains(&prefix) {
                    if let Some(t) = map.get(prefix).and_then(Value::as_str) {
                        assert_eq!(
                            t,
                            &text[start..end],
                            "{path}.{prefix} is not the text of {prefix}_start..{prefix}_end"
                        );
                    }
                }
            }
            (None, None) => {}
            _ => panic!("{path}: {k} and {end_key} come only together"),
        }
    }
    // Indices into other lists (a figure's `unit` is a unit of measure, not an index).
    let index = |field: &str, len: usize| {
        if let Some(i) = map.get(field).and_then(Value::as_u64) {
            let i = usize::try_from(i).expect("fits usize");
            assert!(i < len, "{path}.{field} = {i} outside a list of {len}");
        }
    };
    index("paragraph", lists.paragraphs);
    index("unit", lists.units);
    index("segment", lists.units);
    index("mention", lists.mentions);
    index("speaker_mention", lists.mentions);
    index("place_mention", lists.mentions);
    index("part_of", lists.figures);
    index("source_quote", lists.quotes);
    index("within", lists.entities);
    index("of_entity", lists.entities);
    index("via_entity", lists.entities);
}

fn check_span(text: &str, start: usize, end: usize, path: &str, prefix: &str) {
    let what = if prefix.is_empty() {
        "start..end".to_string()
    } else {
        format!("{prefix}_start..{prefix}_end")
    };
    assert!(
        start <= end && end <= text.len(),
        "{path}: {what} = {start}..{end} is not a range of the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{path}: {what} = {start}..{end} splits a character"
    );
}

/// A well-formed TIMEX3 value as the time layer writes them (`docs/schema.md`):
/// a reference, a duration, a decade or century, or a date, week, quarter,
/// half, season or time of a four-digit year from 0001 to 9999 (or `XXXX`).
fn timex3(v: &str) -> bool {
    static VALUE: OnceLock<Regex> = OnceLock::new();
    let re = VALUE.get_or_init(|| {
        let num = r"(?:\d+(?:\.\d+)?|X)";
        let time = r"T(?:MO|AF|EV|NI|\d\d:\d\d(?::\d\d)?Z?)";
        Regex::new(&format!(
            r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF|\d{{2,3}}|P(?:{num}(?:[YMWDQ]|DE|CE))*(?:T(?:{num}[HMS])+)?|(?:\d{{4}}|XXXX)(?:-(?:\d\d(?:-\d\d(?:{time})?)?|W\d\d(?:-WE|-[1-7])?|WXX-[1-7]|Q[1-4]|H[12]|SP|SU|FA|WI|XX-XX{time}))?)$"
        ))
        .expect("valid pattern")
    });
    let year_ok = match v.get(..4) {
        Some(y) if y.bytes().all(|b| b.is_ascii_digit()) => y != "0000",
        _ => true,
    };
    re.is_match(v) && v != "P" && !v.ends_with('T') && year_ok
}
