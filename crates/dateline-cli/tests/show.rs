//! `dateline show`: the terminal view, the HTML page, inputs and errors;
//! and the HTML view of the second seed opened in headless Chromium.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).stdin(Stdio::null()).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.is_dir().then_some(p)
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../dateline/samples")
        .join(name)
}

/// A fresh folder under the target folder, named for a test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("show")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_terminal_view_marks_and_lists_quotes_with_speakers_and_figures() {
    let ankara = sample("ankara-talks.txt");
    let out = run(&["show", ankara.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // Into a pipe, no colours unless asked.
    assert!(!text.contains('\x1b'), "{text}");
    assert!(text.starts_with("Turkey and Iraq agree to step up border security cooperation\n"));
    // The quote is labelled with its speaker in the text, and listed.
    assert!(
        text.contains("neighbours,\"[q0 Karim Al Hashimi] Mr. Al Hashimi told"),
        "{text}"
    );
    assert!(text.contains("  q0   Karim Al Hashimi  (as \"Mr. Al Hashimi\", direct, told)"));
    assert!(text.contains("Figures ("), "{text}");
    assert!(
        text.contains("three  count · 3 · people · killed"),
        "{text}"
    );
    assert!(text.contains("Entities ("));
    assert!(text.contains("Selim Aydin  PER"), "{text}");

    let coloured = run(&["show", "--color", "always", ankara.to_str().unwrap()]);
    assert!(coloured.status.success());
    let coloured = stdout(&coloured);
    assert!(coloured.contains("\x1b[36mSelim Aydin"), "{coloured}");
    let never = run(&["show", "--color", "never", ankara.to_str().unwrap()]);
    assert_eq!(stdout(&never), text);
}

#[test]
fn standard_input_and_several_articles_are_shown_in_turn() {
    let mut child = bin()
        .args(["show", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = b"{\"id\": \"a\", \"date\": \"2023-11-06\", \"text\": \"Antony Blinken met Mr Al Sudani in Baghdad on Sunday.\"}\n\
                  {\"id\": \"b\", \"text\": \"\\u201cWe will rebuild,\\u201d the mayor of Erbil said.\"}\n";
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let a = text.find("Antony Blinken met").expect("the first article");
    let b = text.find("the mayor of Erbil").expect("the second article");
    assert!(a < b, "{text}");
    assert!(text.starts_with("a\n2023-11-06"), "{text}");
    assert!(text.contains("Sunday[2023-11-05]"), "{text}");
}

#[test]
fn the_html_page_is_written_once_and_not_over_an_existing_file() {
    let dir = scratch("page");
    let page = dir.join("view.html");
    let ankara = sample("ankara-talks.txt");
    let basra = sample("basra-floods.txt");
    let args = |extra: &[&str]| {
        let mut v = vec![
            "show".to_string(),
            "--html".into(),
            "-o".into(),
            page.display().to_string(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v.push(ankara.display().to_string());
        v.push(basra.display().to_string());
        v
    };
    let out = bin().args(args(&[])).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert_eq!(html.matches("<article class=\"dl-article\"").count(), 2);
    assert!(html.contains("data-id=\"ankara-talks\""));
    assert!(html.contains("data-id=\"basra-floods\""));
    assert!(!html.contains("<script"));
    // Ids are numbered by article: the two never collide.
    assert!(html.contains(" id=\"dl0-q0\"") && html.contains(" id=\"dl1-q0\""));

    // Again: refused, the file left as it was.
    std::fs::write(&page, "mine").unwrap();
    let again = bin().args(args(&[])).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains(&format!("{} exists", page.display())));
    assert!(stderr(&again).contains("--force"));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), "mine");
    let forced = bin().args(args(&["--force"])).output().unwrap();
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), html);
}

#[test]
fn a_bad_record_is_named_and_the_others_are_shown() {
    let dir = scratch("bad");
    let input = dir.join("feed.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"good\", \"text\": \"Antony Blinken arrived in Baghdad.\"}\n{\"id\": \"bad\", \"text\": 5}\n",
    )
    .unwrap();
    let out = run(&["show", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}, line 2", input.display())),
        "{err}"
    );
    assert!(err.contains("1 of 2 record(s) failed"), "{err}");
    assert!(stdout(&out).contains("Antony Blinken arrived"));

    // In a page, the error is there too.
    let page = dir.join("page.html");
    let out = run(&[
        "show",
        "--html",
        "-o",
        page.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("<div class=\"dl-error\" role=\"alert\">"),
        "{html}"
    );
    assert!(html.contains("line 2"));
}

#[test]
fn what_extract_wrote_is_shown_as_it_is() {
    let dir = scratch("extracted");
    let jsonl = dir.join("out.jsonl");
    let ankara = sample("ankara-talks.txt");
    let out = run(&[
        "extract",
        "-o",
        jsonl.to_str().unwrap(),
        ankara.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let from_jsonl = run(&["show", jsonl.to_str().unwrap()]);
    assert!(from_jsonl.status.success(), "{}", stderr(&from_jsonl));
    let direct = run(&["show", ankara.to_str().unwrap()]);
    assert_eq!(stdout(&from_jsonl), stdout(&direct));
}

// ------------------------------------------------------------ the browser

/// Debian's Chromium (or `DATELINE_CHROMIUM`), when there is one.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DATELINE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Runs headless Chromium with `args` on `page`, its output into `stdout`
/// (a file: nothing waits on a pipe), killed after two minutes.
fn headless(chromium: &Path, dir: &Path, args: &[String], page: &Path, stdout: &Path) {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(stdout).unwrap())
        .stderr(std::fs::File::create(dir.join("chromium.log")).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(
                status.success(),
                "chromium failed ({status}); see {}",
                dir.join("chromium.log").display()
            );
            return;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium did not finish in two minutes; see {}",
                dir.join("chromium.log").display()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `s` as Chromium serialises text: `&`, `<`, `>` escaped.
fn dom_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The number of `needle`s in `haystack`.
fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn the_html_view_of_the_second_seed_in_headless_chromium() {
    let Some(chromium) = chromium() else {
        eprintln!("skipped: no chromium on the PATH (Debian: apt-get install chromium)");
        return;
    };
    // The second seed, or the bundled sample most like it without ../shared.
    let (input, name) = match shared() {
        Some(s) => (s.join("seeds/002_a5617df903929637.txt"), "seed-002"),
        None => {
            eprintln!(
                "../shared is absent: the bundled sample ankara-talks stands in for seed 002"
            );
            (sample("ankara-talks.txt"), "ankara-talks")
        }
    };
    let dir = scratch(&format!("browser-{name}"));
    let page = dir.join(format!("{name}.html"));
    let out = run(&[
        "show",
        "--html",
        "-o",
        page.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // What the page must show, from the extraction itself.
    let extracted = run(&["extract", "--no-tokens", input.to_str().unwrap()]);
    assert!(extracted.status.success());
    let x: serde_json::Value = serde_json::from_slice(&extracted.stdout).unwrap();

    let dom_file = dir.join("dom.html");
    headless(&chromium, &dir, &["--dump-dom".into()], &page, &dom_file);
    let dom = std::fs::read_to_string(&dom_file).unwrap();
    let screenshot = dir.join(format!("{name}.png"));
    headless(
        &chromium,
        &dir,
        &[
            format!("--screenshot={}", screenshot.display()),
            "--window-size=1200,2000".into(),
        ],
        &page,
        &dir.join("screenshot.log"),
    );
    let png = std::fs::read(&screenshot).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    println!("screenshot of the HTML view: {}", screenshot.display());
    eprintln!("screenshot of the HTML view: {}", screenshot.display());

    // The browser parsed the page as written: as many marks and labels in
    // its DOM as in the file (a mis-nested tag would be moved or dropped).
    let source = std::fs::read_to_string(&page).unwrap();
    assert!(dom.contains("<div class=\"dl-text\">"), "{dom}");
    for needle in [
        "<span class=\"dl-mark",
        "class=\"dl-label",
        "<tr class=\"dl-row\"",
    ] {
        assert_eq!(count(&dom, needle), count(&source, needle), "{needle}");
    }
    assert!(!dom.contains("<script"));

    // Every entity, in the list with its name, and marked in the text.
    let entities = x["entities"].as_array().unwrap();
    assert!(entities.len() >= 10, "{}", entities.len());
    for e in entities {
        let id = e["id"].as_u64().unwrap();
        let name = dom_text(e["name"].as_str().unwrap());
        assert!(
            dom.contains(&format!("<tr class=\"dl-row\" data-entity=\"{id}\" id=\"dl0-e{id}\"><td class=\"dl-c-n\">{id}</td><td class=\"dl-c-name\">{name}</td>")),
            "entity {id} {name} is not listed"
        );
        for m in e["mentions"].as_array().unwrap() {
            if let Some(mi) = m["mention"].as_u64() {
                // The mention's own kind (`Washington` may be a place
                // mention of a government).
                let kind = x["mentions"][mi as usize]["kind"].as_str().unwrap();
                assert!(
                    dom.contains(&format!("data-layer=\"entity\" data-mention=\"{mi}\" data-kind=\"{kind}\" data-entity=\"{id}\" data-name=\"{}\"", name.replace('"', "&quot;"))),
                    "mention {mi} of entity {id} {name} is not marked"
                );
            }
        }
    }
    // Every quote with a speaker: marked with the speaker, labelled with a
    // link to the speaker's mention, and listed.
    let quotes = x["quotes"].as_array().unwrap();
    assert!(quotes.len() >= 3);
    let mut with_speaker = 0;
    for (i, q) in quotes.iter().enumerate() {
        let (Some(speaker), Some(sm)) = (q["speaker"].as_str(), q["speaker_mention"].as_u64())
        else {
            continue;
        };
        with_speaker += 1;
        let speaker = dom_text(speaker);
        assert!(
            dom.contains(&format!(
                "id=\"dl0-q{i}\" data-layer=\"quote\" data-quote=\"{i}\""
            )),
            "quote {i} is not marked"
        );
        assert!(
            dom.contains(&format!("<a class=\"dl-label dl-speaker\" href=\"#dl0-m{sm}\" data-mention=\"{sm}\">{speaker}</a>")),
            "quote {i}: no label linking to {speaker}"
        );
        assert!(
            dom.contains(&format!(" id=\"dl0-m{sm}\"")),
            "no anchor for {speaker}"
        );
        assert!(
            dom.contains(&format!(
                "<td class=\"dl-c-speaker\"><a href=\"#dl0-m{sm}\">{speaker}</a></td>"
            )),
            "quote {i} is not listed with {speaker}"
        );
    }
    assert!(with_speaker >= 3, "{with_speaker} quotes with a speaker");
    // Every figure: marked in the text and listed with its amount.
    let figures = x["figures"].as_array().unwrap();
    assert!(!figures.is_empty());
    for (i, f) in figures.iter().enumerate() {
        let amount = dom_text(f["text"].as_str().unwrap());
        assert!(
            dom.contains(&format!(
                "id=\"dl0-f{i}\" data-layer=\"figure\" data-figure=\"{i}\""
            )),
            "figure {i} is not marked"
        );
        assert!(
            dom.contains(&format!("<td class=\"dl-c-amount\">{amount}</td>")),
            "figure {i} ({amount}) is not listed"
        );
    }
    if name == "seed-002" {
        // The seed's own facts, as a reader checks them.
        assert!(dom.contains("data-speaker=\"Husham Al Rikabi\""));
        assert!(dom.contains(">Antony Blinken</a>"));
        assert!(dom.contains("<td class=\"dl-c-amount\">More than 9,500</td>"));
        assert!(dom.contains("data-counted=\"people\" data-place=\"Gaza\""));
    }
}
