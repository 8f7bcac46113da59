//! End-to-end tests of the `dateline` command: inputs, outputs, bad input
//! and exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The input is written from a thread while the output is read, so a large
    // input cannot fill the pipe against a full stdout; a child that exits
    // before reading it all (a usage error) closes the pipe, and that broken
    // pipe is expected, not a failure of the test.
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || match stdin.write_all(&input) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.is_dir().then_some(p)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

#[test]
fn no_input_runs_on_the_bundled_samples() {
    let out = run(&["extract"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    let ids: Vec<_> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["basra-floods", "ankara-talks", "gaza-aid-vote"]);
    assert_eq!(recs[0]["article"]["date"], "2024-02-19");
    assert_eq!(recs[0]["article"]["headlines"][0]["kind"], "kicker");
    assert_eq!(recs[1]["article"]["date_source"], "publication_line");
    assert_eq!(recs[2]["article"]["datetime"], "2024-05-02T08:30:00Z");
    assert_eq!(recs[0]["schema_version"], "1.5");
    let tolls: Vec<_> = recs[0]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["category"] == "killed")
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(tolls, ["At least 12"]);
}

#[test]
fn seeds_give_their_dates_kicker_paragraphs_and_sentences() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent");
        return;
    };
    let first = shared.join("seeds/000_ac435baf9cf167de.txt");
    let second = shared.join("seeds/002_a5617df903929637.txt");
    let out = run(&[
        "extract",
        "--format",
        "json",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let recs = v.as_array().unwrap();
    assert_eq!(recs.len(), 2);
    let a = &recs[0]["article"];
    assert_eq!(a["date"], "2023-11-09");
    assert_eq!(a["paragraphs"].as_array().unwrap().len(), 7);
    assert_eq!(a["sentences"].as_array().unwrap().len(), 15);
    let b = &recs[1]["article"];
    assert_eq!(b["date"], "2023-11-06");
    assert_eq!(b["headlines"][0]["kind"], "kicker");
    assert_eq!(
        b["headlines"][0]["text"],
        "Live updates: Follow the latest news on Israel-Gaza"
    );
    let paras = b["paragraphs"].as_array().unwrap();
    assert_eq!(paras.len(), 12);
    for p in paras {
        assert_eq!(
            p["sentences"]["end"].as_u64().unwrap() - p["sentences"]["start"].as_u64().unwrap(),
            1
        );
    }
    assert_eq!(recs[1]["id"], "002_a5617df903929637");
}

#[test]
fn bad_inputs_give_error_records_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = write(
        d,
        "good.txt",
        b" date 2023-11-06 Mr Al Sudani met Antony Blinken in Baghdad.",
    );
    let utf8 = write(
        d,
        "bad-utf8.txt",
        b"Mr Al Sudani met\n Antony \xff Blinken.",
    );
    let empty = write(d, "empty.txt", b"");
    let blank = write(d, "blank.txt", b"  \n\n ");
    let binary = write(d, "binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let date = write(
        d,
        "bad-date.txt",
        b" date 2023-13-45 Mr Al Sudani met Antony Blinken.",
    );
    let jsonl = write(
        d,
        "feed.jsonl",
        b"{\"id\": \"a1\", \"date\": \"2023-11-06\", \"text\": \"Blinken met Al Sudani.\"}\n{\"id\": \"a2\", \"text\": \"Broken\n{\"id\": \"a3\", \"title\": \"No text\"}\n\n{\"id\": \"a4\", \"text\": \"Last one.\"}\n",
    );
    let big = d.join("huge.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 << 20)
        .unwrap();
    let big = big.display().to_string();

    let out = run(&[
        "extract", &good, &utf8, &empty, &blank, &binary, &date, &jsonl, &big,
    ]);
    assert_eq!(out.status.code(), Some(1), "some records failed: exit 1");
    let recs = records(&out);
    let summary: Vec<(String, String)> = recs
        .iter()
        .map(|r| {
            let id = r["id"].as_str().unwrap_or("").to_string();
            let kind = r["error"]["kind"].as_str().unwrap_or("ok").to_string();
            (id, kind)
        })
        .collect();
    let expect = [
        ("good", "ok"),
        ("bad-utf8", "invalid_utf8"),
        ("empty", "empty"),
        ("blank", "empty"),
        ("binary", "binary"),
        ("bad-date", "bad_date"),
        ("a1", "ok"),
        ("feed:2", "json"),
        ("a3", "missing_field"),
        ("a4", "ok"),
        ("huge", "too_large"),
    ];
    let expect: Vec<(String, String)> = expect
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(summary, expect);

    // Each error names the file, line and byte where it can.
    assert_eq!(recs[1]["origin"]["file"], utf8.as_str());
    assert_eq!(recs[1]["error"]["byte"], 25);
    assert_eq!(recs[1]["error"]["message"], "invalid UTF-8 at byte 25");
    assert_eq!(recs[4]["error"]["byte"], 8);
    assert_eq!(recs[5]["error"]["byte"], 6);
    assert_eq!(
        recs[5]["error"]["message"],
        "malformed date \"2023-13-45\" at byte 6: month 13 does not exist"
    );
    assert_eq!(recs[7]["origin"]["line"], 2);
    assert_eq!(recs[7]["origin"]["byte"], 69);
    assert_eq!(
        recs[7]["error"]["byte"],
        69 + 27,
        "the last byte of the line, where the string is cut off"
    );
    assert_eq!(recs[8]["origin"]["line"], 3);
    assert_eq!(recs[8]["error"]["message"], "record has no \"text\" field");
    assert_eq!(
        recs[9]["origin"]["line"], 5,
        "blank lines are not records but count as lines"
    );
    assert_eq!(recs[10]["error"]["size"], 100 << 20);
    assert_eq!(
        recs[10]["error"]["message"],
        format!(
            "article is {} bytes, over the limit of {} bytes",
            100 << 20,
            10 << 20
        )
    );

    let err = stderr(&out);
    assert!(
        err.contains(&format!("{utf8} (id bad-utf8): invalid UTF-8 at byte 25")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{jsonl}, line 2 (id feed:2): not valid JSON at byte 96 (column 28): EOF while parsing a string"
        )),
        "{err}"
    );
    assert!(err.contains("8 of 11 record(s) failed"), "{err}");
}

#[test]
fn folders_are_walked_in_order_and_unreadable_entries_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).unwrap();
    write(d, "b.txt", b"Second article. It has two sentences.");
    write(
        &d.join("sub"),
        "c.jsonl",
        b"{\"text\": \"Third.\"}\n{\"text\": \"Fourth.\"}\n",
    );
    write(d, "a.json", b"[{\"id\": \"first\", \"text\": \"First.\"}]");
    write(d, "notes.md", b"# not an article");
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("missing.txt"), d.join("dangling.txt")).unwrap();

    let out = run(&["extract", d.to_str().unwrap()]);
    let recs = records(&out);
    let ids: Vec<_> = recs
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("-"))
        .collect();
    if cfg!(unix) {
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(ids, ["first", "b", "-", "c:1", "c:2"]);
        assert_eq!(recs[2]["error"]["kind"], "io");
        assert!(recs[2]["origin"]["file"]
            .as_str()
            .unwrap()
            .ends_with("dangling.txt"));
    }
    assert!(stderr(&out).contains("skipped 1 file(s)"));
}

#[test]
fn standard_input_text_and_jsonl() {
    let out = run_stdin(
        &["extract", "-"],
        b" date 2023-11-06 Mr Al Sudani met Blinken. He left.",
    );
    assert!(out.status.success());
    let recs = records(&out);
    assert_eq!(recs[0]["article"]["date"], "2023-11-06");
    assert_eq!(recs[0]["article"]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(recs[0]["origin"]["file"], "<stdin>");

    let out = run_stdin(&["extract"], b"");
    assert!(out.status.success(), "no path means samples, not stdin");

    let out = run_stdin(
        &["extract", "-"],
        b"{\"id\": \"x\", \"text\": \"One.\"}\n{\"id\": \"y\", \"text\": \"Two.\"}\n",
    );
    let ids: Vec<_> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["x", "y"]);
}

#[test]
fn output_is_identical_for_any_thread_count_and_file_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 0..600 {
        lines.push_str(&format!(
            "{{\"id\": \"n{i}\", \"text\": \"Article {i}. Mr. Smith met Dr. Jones in the U.S. on Nov. {} and said: \\\"Fine.\\\"\"}}\n",
            i % 28 + 1
        ));
    }
    let input = write(dir.path(), "many.jsonl", lines.as_bytes());
    let one = run(&["extract", "-j", "1", &input]);
    let two = run(&["extract", "-j", "2", &input]);
    assert!(one.status.success());
    assert_eq!(one.stdout, two.stdout);
    let recs = records(&one);
    assert_eq!(recs.len(), 600);
    assert!(
        recs.iter()
            .enumerate()
            .all(|(i, r)| r["id"] == format!("n{i}")),
        "input order kept"
    );

    let file = dir.path().join("out.jsonl");
    let out = run(&["extract", "-j", "2", &input, "-o", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read(&file).unwrap(), one.stdout);
}

#[test]
fn eval_format_keeps_ids_and_uses_code_points() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "e.jsonl",
        "{\"id\": \"d1\", \"corpus\": \"test\", \"date\": \"2023-11-06\", \"text\": \"Café in Erbil. It cost €5 million, 12 % more.\", \"entities\": []}\n{\"id\": \"d2\", \"text\": 5}\n"
            .as_bytes(),
    );
    let out = run(&["extract", "--format", "eval", &input]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["id"], "d1");
    assert_eq!(recs[0]["corpus"], "test");
    assert_eq!(recs[0]["date"], "2023-11-06");
    assert_eq!(
        recs[0]["sentences"][1]["start"], 15,
        "code points, not bytes (é is two bytes)"
    );
    let values: Vec<_> = recs[0]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["start"].as_u64().unwrap(),
                v["end"].as_u64().unwrap(),
                v["type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        values,
        [(23, 33, "MONEY"), (35, 39, "PERCENT")],
        "values in code points"
    );
    assert_eq!(recs[1]["id"], "d2");
    assert_eq!(recs[1]["error"]["kind"], "field_type");
}

#[test]
fn resolve_layer_gives_entities_chains_and_links() {
    let text = " date 2023-11-06 Café owners met President Joe Biden’s envoy in Erbil. \
                Mr Biden said the United States would help. Erbil’s governor agreed.";
    let out = run_stdin(&["extract", "--layers", "resolve", "-"], text.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let rec = &records(&out)[0];
    assert!(
        rec.get("quotes").is_none(),
        "only the layers asked for (and entities)"
    );
    let entities = rec["entities"].as_array().unwrap();
    let biden = entities.iter().find(|e| e["name"] == "Joe Biden").unwrap();
    let said: Vec<_> = biden["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(said, ["Joe Biden", "Biden"]);
    let erbil = entities.iter().find(|e| e["name"] == "Erbil").unwrap();
    assert_eq!(erbil["place"]["geonameid"], 95446);
    assert_eq!(erbil["place"]["country"], "IQ");
    assert_eq!(rec["focus_countries"][0]["country"], "IQ");

    // The eval format: chains and links in code points, with the noun
    // phrase's extent (`President Joe Biden’s`, `the United States`).
    let out = run_stdin(
        &["extract", "--format", "eval", "--layers", "resolve", "-"],
        text.as_bytes(),
    );
    let rec = &records(&out)[0];
    let t: Vec<char> = rec["text"].as_str().unwrap().chars().collect();
    let span = |m: &Value| -> String {
        t[m["start"].as_u64().unwrap() as usize..m["end"].as_u64().unwrap() as usize]
            .iter()
            .collect()
    };
    let chains: Vec<Vec<String>> = rec["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_array().unwrap().iter().map(span).collect())
        .collect();
    assert!(
        chains.contains(&vec![
            "President Joe Biden’s".to_string(),
            "Mr Biden".to_string()
        ]),
        "{chains:?}"
    );
    assert!(
        chains.contains(&vec!["the United States".to_string()]),
        "{chains:?}"
    );
    assert!(
        chains.contains(&vec!["Erbil".to_string(), "Erbil’s".to_string()]),
        "{chains:?}"
    );
    let links: Vec<(String, &str)> = rec["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (span(l), l["target"].as_str().unwrap()))
        .collect();
    assert!(links.contains(&("Erbil".to_string(), "Erbil")), "{links:?}");
    assert!(
        links.contains(&("the United States".to_string(), "United_States")),
        "{links:?}"
    );
}

#[test]
fn eval_extent_follows_the_corpus_unless_given() {
    let record = br#"{"id": "g1", "corpus": "gum", "date": "2017-07-18", "text": "President Donald Trump asked the State Department to help."}"#;
    let items_of = |args: &[&str], record: &[u8]| -> Vec<String> {
        let out = run_stdin(args, record);
        assert!(out.status.success(), "{}", stderr(&out));
        let rec = &records(&out)[0];
        let t: Vec<char> = rec["text"].as_str().unwrap().chars().collect();
        rec["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                t[e["start"].as_u64().unwrap() as usize..e["end"].as_u64().unwrap() as usize]
                    .iter()
                    .collect()
            })
            .collect()
    };
    let items = |args: &[&str]| items_of(args, record);
    let eval = ["extract", "--format", "eval", "--input-format", "jsonl"];
    let auto = items(&[&eval[..], &["-"]].concat());
    assert_eq!(auto, ["President Donald Trump", "the State Department"]);
    let names = items(&[&eval[..], &["--extent", "names", "-"]].concat());
    assert_eq!(names, ["Donald Trump", "State Department"]);
    let phrases = items(&[&eval[..], &["--extent", "phrases", "-"]].concat());
    assert_eq!(phrases, auto);
    // MEANTIME's convention takes the describing words, chosen by the
    // record's corpus or by the option.
    let gm = br#"{"id": "m1", "corpus": "meantime", "date": "2009-05-07", "text": "The US automaker GM said on Thursday that sales fell."}"#;
    for args in [
        &eval[..],
        &[&eval[..], &["--extent", "described"]].concat()[..],
    ] {
        let spans = items_of(&[args, &["-"]].concat(), gm);
        assert!(
            spans.iter().any(|s| s == "The US automaker GM"),
            "{spans:?}"
        );
    }
    let out = run_stdin(&[&eval[..], &["--extent", "words", "-"]].concat(), record);
    assert_eq!(out.status.code(), Some(2), "a usage error");
}

#[test]
fn eval_format_on_the_conll_dev_set() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent");
        return;
    };
    let dev = shared.join("eval/conll2003/dev.jsonl");
    let out = run(&["extract", "--format", "eval", dev.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let got: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = std::fs::read_to_string(&dev)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(got.len(), 216);
    assert_eq!(got, want);
}

#[test]
fn usage_errors() {
    let out = run(&["extract", "--layers", "entitiez"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown layer \"entitiez\""));
    let out = run(&["extract", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_format_is_one_array() {
    let out = run(&["extract", "--format", "json", "--no-tokens"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 3);
    assert!(arr
        .iter()
        .all(|r| r["article"]["tokens"].as_array().unwrap().is_empty()));
}

#[test]
fn bench_speed_reports_throughput_and_memory() {
    let out = run(&["bench", "speed", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"], 3);
    let stages: Vec<_> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["stage"].as_str().unwrap().to_string())
        .collect();
    assert!(
        stages.contains(&"article layer".to_string())
            && stages.contains(&"whole pipeline".to_string()),
        "{stages:?}"
    );
    assert!(v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["mb_per_s"].as_f64().unwrap() > 0.0));
}
