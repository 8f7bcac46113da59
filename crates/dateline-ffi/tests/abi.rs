//! The C ABI called from Rust as C calls it: statuses, which argument is
//! checked first, and the exact error messages of every accessor (the
//! accessors are declared by macros; these pin what C callers see).

#![allow(unsafe_code)]

use std::ffi::{c_char, CStr};
use std::mem::zeroed;
use std::ptr::{null, null_mut};

use dateline::*;

/// The last error on this thread: its message and byte.
fn last_error() -> (String, i64) {
    // SAFETY: dateline_last_error never returns NULL.
    let message = unsafe { CStr::from_ptr(dateline_last_error()) };
    (
        message.to_str().unwrap().to_owned(),
        dateline_last_error_byte(),
    )
}

/// Checks that `status` is `want` with the error message `message`.
#[track_caller]
fn check(status: DatelineStatus, want: DatelineStatus, message: &str) {
    assert_eq!((status, last_error().0.as_str()), (want, message));
}

/// The text `s` views.
fn text(s: DatelineStr) -> &'static str {
    // SAFETY: a view of UTF-8 text, valid while the test's result lives.
    let bytes = unsafe { std::slice::from_raw_parts(s.ptr.cast::<u8>(), s.len) };
    std::str::from_utf8(bytes).unwrap()
}

const ARTICLE: &[u8] = b" date 2023-11-06 US Secretary of State Antony Blinken met Iraqi \
    Prime Minister Mohammed Shia al-Sudani in Baghdad on Sunday. \"We talked,\" Mr Blinken \
    said. The health ministry said 9,500 people had been killed.";

#[test]
fn null_arguments_and_errors_are_statuses() {
    unsafe {
        let mut ex = null_mut();
        assert_eq!(dateline_extractor_new(null(), &mut ex), DatelineStatus::Ok);
        let mut r = null_mut();
        let status = dateline_extract(ex, null(), 5, &mut r);
        check(
            status,
            DatelineStatus::NullArgument,
            "extractor or text is NULL",
        );
        assert!(r.is_null());
        let bad = b"ab\xffcd";
        let status = dateline_extract(ex, bad.as_ptr(), bad.len(), &mut r);
        check(
            status,
            DatelineStatus::InvalidUtf8,
            "invalid UTF-8 at byte 2",
        );
        assert_eq!(dateline_last_error_byte(), 2);
        let status = dateline_extract(ex, null(), 0, &mut r);
        check(
            status,
            DatelineStatus::InvalidInput,
            "empty article: no text",
        );
        let status = dateline_extract_json(null(), ARTICLE.as_ptr(), ARTICLE.len(), &mut r);
        check(
            status,
            DatelineStatus::NullArgument,
            "extractor or json is NULL",
        );
        let status = dateline_extract_json(ex, ARTICLE.as_ptr(), ARTICLE.len(), null_mut());
        check(status, DatelineStatus::NullArgument, "out is NULL");
        let t = b" date 2023-11-06 One. Two.";
        let status = dateline_extract(ex, t.as_ptr(), t.len(), &mut r);
        check(status, DatelineStatus::Ok, "");
        assert_eq!(dateline_last_error_byte(), -1);
        let mut n = 0;
        let sentences = DatelineLayer::Sentences as u32;
        assert_eq!(
            dateline_result_count(r, sentences, &mut n),
            DatelineStatus::Ok
        );
        assert_eq!(n, 2);
        let mut it: DatelineItem = zeroed();
        let tokens = DatelineLayer::Tokens as u32;
        assert_eq!(
            dateline_result_item(r, tokens, 2, &mut it),
            DatelineStatus::Ok
        );
        assert_eq!(
            (text(it.text), text(it.kind), it.parent),
            ("Two", "word", 1)
        );
        let status = dateline_result_item(r, sentences, 2, &mut it);
        let message = "index 2 is past the end of the layer (2 items)";
        check(status, DatelineStatus::OutOfRange, message);
        dateline_result_free(r);
        dateline_extractor_free(ex);
        dateline_extractor_free(null_mut());
        let zero = DatelineOptions {
            max_article_bytes: 0,
            ..dateline_options_default()
        };
        let status = dateline_extractor_new(&zero, &mut ex);
        let message = "invalid configuration: max_article_bytes must be at least 1";
        check(status, DatelineStatus::InvalidOption, message);
    }
}

#[test]
fn every_accessor_checks_its_arguments_in_order() {
    use dateline::dateline_result_to_json as to_json;
    use dateline::{dateline_result_article as article, dateline_result_count as count};
    use dateline::{dateline_result_entity as entity, dateline_result_entity_mention as mention};
    use dateline::{dateline_result_entity_role as role_of, dateline_result_figure as figure};
    use dateline::{dateline_result_event as event, dateline_result_item as item};
    use DatelineStatus::{InvalidOption, NullArgument, Ok as Done, OutOfRange};
    let (no_result, no_out) = ("result is NULL", "out is NULL");
    unsafe {
        let mut ex = null_mut();
        assert_eq!(dateline_extractor_new(null(), &mut ex), Done);
        let mut r = null_mut();
        assert_eq!(
            dateline_extract(ex, ARTICLE.as_ptr(), ARTICLE.len(), &mut r),
            Done
        );
        let (mut n, mut entities, mut figures, mut timexes, mut events) = (0, 0, 0, 0, 0);
        let mut ev: DatelineEvent = zeroed();
        let (mut a, mut it): (DatelineArticle, DatelineItem) = (zeroed(), zeroed());
        let (mut f, mut e, mut role): (DatelineFigure, DatelineEntity, DatelineRole) =
            (zeroed(), zeroed(), zeroed());
        let mut json: *mut c_char = null_mut();
        let timex = DatelineLayer::Timex as u32;
        count(r, timex, &mut timexes);
        count(r, DatelineLayer::Entities as u32, &mut entities);
        count(r, DatelineLayer::Figures as u32, &mut figures);
        count(r, DatelineLayer::Events as u32, &mut events);
        assert!(
            entities > 2 && figures > 0,
            "{entities} entities, {figures} figures"
        );
        let far = 1000;
        let past =
            |what: &str, n: usize| format!("index {far} is past the end of the {what} ({n} items)");
        let no_layer = past("layer", timexes);
        let no_figures = past("figures", figures);
        let no_entities = past("entities", entities);
        let no_events = past("events", events);

        check(
            dateline_result_article(null(), &mut a),
            NullArgument,
            no_result,
        );
        check(article(r, null_mut()), NullArgument, no_out);
        // The layer is checked first, then result, then out, then the index.
        let unknown = "unknown layer 42: use a DatelineLayer value";
        check(
            dateline_result_count(null(), 42, null_mut()),
            InvalidOption,
            unknown,
        );
        check(
            dateline_result_count(null(), 1, null_mut()),
            NullArgument,
            no_result,
        );
        check(
            dateline_result_count(r, 1, null_mut()),
            NullArgument,
            no_out,
        );
        check(item(null(), 42, 0, &mut it), InvalidOption, unknown);
        check(item(null(), 1, 0, null_mut()), NullArgument, no_result);
        check(item(r, 1, far, null_mut()), NullArgument, no_out);
        check(item(r, timex, far, &mut it), OutOfRange, &no_layer);
        // Result, out, then the index (the entity's, then the mention's or role's).
        check(figure(null(), 0, null_mut()), NullArgument, no_result);
        check(figure(r, far, null_mut()), NullArgument, no_out);
        check(figure(r, far, &mut f), OutOfRange, &no_figures);
        check(entity(null(), 0, &mut e), NullArgument, no_result);
        check(entity(r, far, null_mut()), NullArgument, no_out);
        check(entity(r, far, &mut e), OutOfRange, &no_entities);
        check(mention(null(), 0, 0, &mut it), NullArgument, no_result);
        check(mention(r, far, 0, null_mut()), NullArgument, no_out);
        check(mention(r, far, far, &mut it), OutOfRange, &no_entities);
        check(role_of(null(), 0, 0, &mut role), NullArgument, no_result);
        check(role_of(r, far, 0, null_mut()), NullArgument, no_out);
        check(role_of(r, far, far, &mut role), OutOfRange, &no_entities);
        check(event(null(), 0, null_mut()), NullArgument, no_result);
        check(event(r, far, null_mut()), NullArgument, no_out);
        check(event(r, far, &mut ev), OutOfRange, &no_events);
        let events_layer = DatelineLayer::Events as u32;
        let no_event_items = past("layer", events);
        check(
            item(r, events_layer, far, &mut it),
            OutOfRange,
            &no_event_items,
        );

        // Blinken: his two mentions and his one role.
        let blinken = (0..entities).find(|&i| {
            entity(r, i, &mut e);
            text(e.name) == "Antony Blinken"
        });
        let blinken = blinken.expect("Antony Blinken is an entity");
        assert_eq!((text(e.kind), e.mentions, e.roles), ("PER", 2, 1));
        let mentions = "index 1000 is past the end of the entity's mentions (2 items)";
        check(mention(r, blinken, far, &mut it), OutOfRange, mentions);
        check(mention(r, blinken, 1, &mut it), Done, "");
        assert_eq!(
            (text(it.text), text(it.canonical)),
            ("Blinken", "Antony Blinken")
        );
        let roles = "index 1000 is past the end of the entity's roles (1 items)";
        check(role_of(r, blinken, far, &mut role), OutOfRange, roles);
        check(role_of(r, blinken, 0, &mut role), Done, "");
        assert_eq!(
            (text(role.title), text(role.of_country)),
            ("Secretary of State", "US")
        );

        check(figure(r, 0, &mut f), Done, "");
        assert_eq!(
            (text(f.text), f.value, text(f.category)),
            ("9,500", 9500.0, "killed")
        );
        // "Antony Blinken met Iraqi Prime Minister ...": the event and its item.
        let met = (0..events).find(|&i| {
            event(r, i, &mut ev);
            text(ev.text) == "met"
        });
        let met = met.expect("met is an event");
        assert_eq!(
            (text(ev.lemma), text(ev.event_class), text(ev.tense)),
            ("meet", "OCCURRENCE", "past")
        );
        assert!(text(ev.source).contains("Blinken") && text(ev.place) == "Baghdad");
        check(item(r, events_layer, met, &mut it), Done, "");
        assert_eq!((it.start, text(it.canonical)), (ev.start, "meet"));
        check(article(r, &mut a), Done, "");
        assert_eq!(
            (text(a.date), text(a.date_source)),
            ("2023-11-06", "header")
        );

        check(
            to_json(null(), &mut json, null_mut()),
            NullArgument,
            no_result,
        );
        check(
            to_json(r, null_mut(), &mut n),
            NullArgument,
            "out_json is NULL",
        );
        check(to_json(r, &mut json, &mut n), Done, "");
        assert_eq!(CStr::from_ptr(json).to_bytes().len(), n);
        dateline_string_free(json);
        dateline_result_free(r);
        dateline_extractor_free(ex);
    }
}

/// One meeting told by two outlets (written for this test): the later
/// article has no day, the earlier one gives it.
const LATER: &[u8] = b" date 2024-05-09 Egyptian Foreign Minister Tarek Mansour made an \
    unannounced visit to Jordan.\n\nDuring his meeting with Jordanian Prime Minister Walid \
    al-Khatib, Mansour discussed the flow of aid.";
const EARLIER: &[u8] = b" date 2024-05-06 Jordanian Prime Minister Walid Al Khatib met Egyptian \
    Foreign Minister Tarek Mansour in Amman on Sunday evening, officials said.";

#[test]
fn link_json_links_extractions_and_skips_error_lines() {
    use DatelineStatus::{InvalidInput, InvalidUtf8, NullArgument, Ok as Done};
    unsafe {
        let mut ex = null_mut();
        assert_eq!(dateline_extractor_new(null(), &mut ex), Done);
        // The JSONL of two extractions, an error line and a blank line.
        let mut jsonl = Vec::new();
        for (id, text) in [("later", LATER), ("earlier", EARLIER)] {
            let record = serde_json::json!({"id": id, "text": std::str::from_utf8(text).unwrap()});
            let record = record.to_string();
            let mut r = null_mut();
            check(
                dateline_extract_json(ex, record.as_ptr(), record.len(), &mut r),
                Done,
                "",
            );
            let (mut json, mut n) = (null_mut(), 0);
            check(dateline_result_to_json(r, &mut json, &mut n), Done, "");
            jsonl.extend_from_slice(CStr::from_ptr(json).to_bytes());
            jsonl.push(b'\n');
            dateline_string_free(json);
            dateline_result_free(r);
        }
        jsonl.extend_from_slice(
            b"{\"schema_version\": \"1\", \"id\": \"x\", \"error\": {\"kind\": \"empty\"}}\n\n",
        );
        let (mut json, mut n, mut skipped) = (null_mut(), 0, 9);
        check(
            dateline_link_json(jsonl.as_ptr(), jsonl.len(), &mut json, &mut n, &mut skipped),
            Done,
            "",
        );
        let text = CStr::from_ptr(json).to_str().unwrap();
        assert_eq!((text.len(), skipped), (n, 1));
        let linked: serde_json::Value = serde_json::from_str(text).unwrap();
        dateline_string_free(json);
        let stories = linked["stories"].as_array().unwrap();
        assert_eq!(stories.len(), 1);
        assert_eq!(
            stories[0]["articles"],
            serde_json::json!(["earlier", "later"])
        );
        let meet: Vec<&serde_json::Value> = (linked["events"].as_array().unwrap().iter())
            .filter(|e| e["kind"] == "meet")
            .collect();
        assert_eq!(meet.len(), 1);
        assert_eq!(
            (&meet[0]["date"], &meet[0]["place"]),
            (&"2024-05-05".into(), &"Amman".into())
        );

        // Arguments, checked in order, and bad input.
        check(
            dateline_link_json(null(), 3, &mut json, null_mut(), null_mut()),
            NullArgument,
            "jsonl is NULL",
        );
        check(
            dateline_link_json(
                jsonl.as_ptr(),
                jsonl.len(),
                null_mut(),
                null_mut(),
                null_mut(),
            ),
            NullArgument,
            "out_json is NULL",
        );
        let bad = b"\n{\"text\": \"an article, not an extraction\"}\n";
        let status = dateline_link_json(bad.as_ptr(), bad.len(), &mut json, null_mut(), null_mut());
        assert_eq!(status, InvalidInput);
        let (message, byte) = last_error();
        assert!(
            message.starts_with("line 2: not an extraction: "),
            "{message}"
        );
        assert_eq!(byte, 1);
        let bad = b"{}\xff";
        let status = dateline_link_json(bad.as_ptr(), bad.len(), &mut json, null_mut(), null_mut());
        check(status, InvalidUtf8, "invalid UTF-8 at byte 2");
        // Nothing to link: an empty corpus.
        check(
            dateline_link_json(null(), 0, &mut json, null_mut(), null_mut()),
            Done,
            "",
        );
        assert_eq!(
            CStr::from_ptr(json).to_str().unwrap(),
            r#"{"stories":[],"entities":[],"events":[]}"#
        );
        dateline_string_free(json);
        dateline_extractor_free(ex);
    }
}
