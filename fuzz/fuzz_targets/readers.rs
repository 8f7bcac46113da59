//! Fuzz target `readers`: the input readers on arbitrary bytes.
//!
//! The bytes go through `InputFormat::sniff`, `read_text`, `read_json` and
//! `JsonlReader` (over the whole slice, through a 7-byte buffer, and with a
//! 64-byte line limit). None may panic, and every record is an article or
//! an error record that names where it is:
//!
//! - error offsets (`byte`) and record starts (`origin.byte`) lie within
//!   the input;
//! - JSONL records come with 1-based line and record numbers that grow,
//!   and a record starts at the beginning of its line;
//! - a JSONL stream gives the same records however it is buffered;
//! - every error record serialises to JSON with its `kind` and `message`.

#![no_main]

use std::io::BufReader;

use dateline::input::{read_json, read_text, InputFormat, JsonlReader};
use dateline::{Article, Origin, RecordError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = InputFormat::sniff(data);

    let text = read_text(data, Origin::file("fuzz.txt"), Some("fuzz".into()));
    check_record(&text, data, "read_text");

    let json = read_json(data, Origin::file("fuzz.json"));
    assert!(
        !json.is_empty() || data.is_empty() || json_array(data),
        "read_json gives a record"
    );
    for r in &json {
        check_record(r, data, "read_json");
    }

    let jsonl: Vec<_> = JsonlReader::new(data, Origin::file("fuzz.jsonl")).collect();
    check_jsonl(&jsonl, data);
    let small_buffer: Vec<_> = JsonlReader::new(
        BufReader::with_capacity(7, data),
        Origin::file("fuzz.jsonl"),
    )
    .collect();
    assert_eq!(jsonl, small_buffer, "JSONL records depend on the buffering");
    let limited: Vec<_> = JsonlReader::new(data, Origin::file("fuzz.jsonl"))
        .with_max_line(64)
        .collect();
    check_jsonl(&limited, data);
    // A line over the limit is an error record, even a blank one (the reader
    // does not hold it whole to see): never fewer records.
    assert!(limited.len() >= jsonl.len(), "a line limit loses records");
});

/// True when `data` is a JSON array (which may have no elements).
fn json_array(data: &[u8]) -> bool {
    matches!(
        serde_json::from_slice::<serde_json::Value>(
            data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data)
        ),
        Ok(serde_json::Value::Array(_))
    )
}

fn check_jsonl(records: &[Result<Article, RecordError>], data: &[u8]) {
    let mut last_line = 0;
    for (i, r) in records.iter().enumerate() {
        check_record(r, data, "JsonlReader");
        let origin = match r {
            Ok(a) => &a.origin,
            Err(e) => &e.origin,
        };
        assert_eq!(
            origin.record,
            Some(i as u64 + 1),
            "JSONL records are numbered from 1"
        );
        let line = origin.line.expect("a JSONL record has its line");
        assert!(
            line > last_line,
            "JSONL line numbers grow: {line} after {last_line}"
        );
        last_line = line;
        let byte = origin.byte.expect("a JSONL record has its byte") as usize;
        assert!(byte <= data.len());
        // The record starts where its line does, or after a BOM that opens
        // its line (files joined end to end keep theirs).
        let at_line = |b: usize| b == 0 || data[b - 1] == b'\n';
        let line_start = at_line(byte)
            || (byte >= 3 && &data[byte - 3..byte] == b"\xEF\xBB\xBF" && at_line(byte - 3));
        assert!(
            line_start,
            "JSONL record {} starts at byte {byte}, inside a line",
            i + 1
        );
    }
}

fn check_record(r: &Result<Article, RecordError>, data: &[u8], reader: &str) {
    match r {
        Ok(a) => {
            assert!(
                a.body_start() < a.text.len(),
                "{reader}: an article with no body"
            );
            if let Some(h) = a.header {
                assert!(
                    h.start <= h.end
                        && h.end <= a.text.len()
                        && a.text.is_char_boundary(h.start)
                        && a.text.is_char_boundary(h.end),
                    "{reader}: header {h:?} is not a span of the text"
                );
            }
        }
        Err(e) => {
            if let Some(byte) = e.error.byte() {
                assert!(
                    byte <= data.len() as u64,
                    "{reader}: error byte {byte} past the input ({} bytes): {e}",
                    data.len()
                );
            }
            if let Some(byte) = e.origin.byte {
                assert!(
                    byte <= data.len() as u64,
                    "{reader}: origin byte {byte} past the input"
                );
            }
            let json = serde_json::to_value(e).expect("an error record serialises");
            assert_eq!(json["error"]["kind"], e.error.kind());
            assert!(json["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()));
        }
    }
}
