use std::sync::OnceLock;

use super::marks::{self, Step};
use super::*;
use crate::{Article, Config, Extractor};

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new(Config::default()).expect("the default config"))
}

fn extract(text: &str) -> Extraction {
    extractor()
        .extract(Article::from_text(text).expect("an article"))
        .expect("an extraction")
}

/// The bundled sample most like the seeds: two ministers, quotes with
/// their speakers, a casualty figure with its place.
fn ankara() -> Extraction {
    let sample = crate::samples::SAMPLES
        .iter()
        .find(|s| s.name == "ankara-talks.txt")
        .expect("the sample");
    extractor()
        .extract(sample.article())
        .expect("an extraction")
}

/// Checks that every `<span>`, `<a>`, ... opened in `html` is closed in
/// order, and that no tag is left open; returns the text outside tags.
fn well_formed(html: &str) -> String {
    const VOID: &[&str] = &["meta", "br", "!DOCTYPE"];
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        let end = rest[i..].find('>').expect("a tag ends") + i;
        let tag = &rest[i + 1..end];
        assert!(!tag.contains('<'), "a tag holds a `<`: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(open, name, "</{name}> closes <{open}>");
        } else {
            let name = tag
                .split([' ', '\n'])
                .next()
                .unwrap_or_default()
                .to_string();
            if name == "style" {
                // The style sheet holds no tags.
                let close = rest[end..].find("</style>").expect("the style ends") + end;
                rest = &rest[close + "</style>".len()..];
                continue;
            }
            if !VOID.contains(&name.as_str()) {
                stack.push(name);
            }
        }
        rest = &rest[end + 1..];
    }
    text.push_str(rest);
    assert!(stack.is_empty(), "left open: {stack:?}");
    text
}

/// The text of the marked body of a view: the `div.dl-text`, its labels
/// and tags removed.
fn text_of(html: &str) -> String {
    let open = "<div class=\"dl-text\">";
    let start = html.find(open).expect("the text") + open.len();
    let end = html[start..].find("</div>").expect("its end") + start;
    let mut body = html[start..end].to_string();
    for open in ["<span class=\"dl-label", "<a class=\"dl-label"] {
        while let Some(i) = body.find(open) {
            let close = if open.starts_with("<a") {
                "</a>"
            } else {
                "</span>"
            };
            let j = body[i..].find(close).expect("a label ends") + i + close.len();
            body.replace_range(i..j, "");
        }
    }
    well_formed(&body)
}

/// Every attribute value in `html` is quoted and holds no raw `<`, `>` or `"`.
fn attributes_escaped(html: &str) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').expect("a tag ends") + i;
        let tag = &rest[i..end];
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in {tag}"
        );
        rest = &rest[end + 1..];
    }
}

#[test]
fn text_and_attributes_are_escaped() {
    let text = " date 2023-11-06 <script>alert(\"x\")</script> Smith & Wesson's chief \
                Antony Blinken said the <b>talks</b> \"failed\" in Baghdad.";
    let mut x = extract(text);
    x.id = Some("a\"><img src=x onerror=alert(1)>".into());
    x.article.title = Some("<Title> & \"more\"".into());
    let html = html(&x);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    let body = text_of(&html);
    assert!(
        body.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
        "{body}"
    );
    assert!(body.contains("Smith &amp; Wesson&#39;s"), "{body}");
    assert!(html.contains("data-id=\"a&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""));
    assert!(html.contains("<h2 class=\"dl-title\">&lt;Title&gt; &amp; &quot;more&quot;</h2>"));
    well_formed(&html);
    attributes_escaped(&html);
    let page = html_document(std::slice::from_ref(&x));
    assert!(page.contains("<title>&lt;Title&gt; &amp; &quot;more&quot;</title>"));
    well_formed(&page);
}

#[test]
fn crossing_and_nested_spans_give_well_formed_html() {
    let mut x = extract(
        " date 2023-11-06 \u{201c}We will take every step,\u{201d} Antony Blinken told \
         reporters in Baghdad on Sunday, after 12 people were killed.",
    );
    let text = x.text.clone();
    let at = |s: &str| text.find(s).expect("in the text");
    // A hand-made mention crossing the end of the quotation, and one
    // crossing the start of the date: marks cross both ways.
    let quote_end = x.quotes.as_ref().expect("quotes")[0].end;
    let mut m = x.mentions.as_ref().expect("mentions")[0].clone();
    m.start = at("step");
    m.end = quote_end + " Antony".len();
    m.text = text[m.start..m.end].to_string();
    let mut m2 = m.clone();
    m2.start = at("Baghdad");
    m2.end = at("Sunday") + 3;
    m2.text = text[m2.start..m2.end].to_string();
    // A span off the text and one inside a character are left out, not a panic.
    let mut bad = m.clone();
    bad.start = text.len() - 1;
    bad.end = text.len() + 40;
    let mut inside = m.clone();
    inside.start = at("\u{201d}") + 1;
    inside.end = inside.start + 1;
    let ms = x.mentions.as_mut().expect("mentions");
    ms.extend([m, m2, bad, inside]);
    let html = html(&x);
    well_formed(&html);
    attributes_escaped(&html);
    // The text is all there, once, in order: the tags and labels removed.
    let body = &x.text[x.article.body.start..x.article.body.end];
    assert_eq!(text_of(&html), super::html::esc_for_test(body));
    // The crossing mention is split: a continuation piece after the quote.
    assert!(html.contains("dl-cont"), "{html}");
    // The steps cover the body exactly once.
    let mk = marks::marks(&x);
    let mut covered = String::new();
    for s in &mk.steps {
        if let Step::Text(a, b) = *s {
            covered.push_str(&x.text[a..b]);
        }
    }
    assert_eq!(covered, body);
    let opens = mk
        .steps
        .iter()
        .filter(|s| matches!(s, Step::Open { .. }))
        .count();
    let closes = mk
        .steps
        .iter()
        .filter(|s| matches!(s, Step::Close { .. }))
        .count();
    assert_eq!(opens, closes);
}

#[test]
fn hand_made_spans_in_any_order_never_break_the_html() {
    // Spans from a simple generator over a text with multi-byte characters:
    // crossing, nested, equal, empty and out of range.
    let mut x = extract(
        " date 2023-11-06 Erbil \u{2013} Iraq\u{2019}s talks went on. He said \u{201c}no\u{201d}.",
    );
    let n = x.text.len();
    let template = x.mentions.as_ref().expect("mentions")[0].clone();
    let mut seed: u64 = 7;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut extra = Vec::new();
    for _ in 0..300 {
        let a = next() % (n + 4);
        let b = a + next() % 30;
        let mut m = template.clone();
        m.start = a;
        m.end = b;
        extra.push(m);
    }
    x.mentions.as_mut().expect("mentions").extend(extra);
    let html = html(&x);
    well_formed(&html);
    attributes_escaped(&html);
    let body = &x.text[x.article.body.start..x.article.body.end];
    assert_eq!(text_of(&html), super::html::esc_for_test(body));
    let plain = terminal(&x, true);
    assert!(plain.ends_with('\n'));
}

#[test]
fn the_seed_like_sample_shows_its_quotes_speakers_and_figures() {
    let x = ankara();
    let html = html(&x);
    well_formed(&html);
    // Each quote is marked with its speaker, and the label links to the
    // speaker's mention, which is marked and anchored.
    let quotes = x.quotes.as_deref().expect("quotes");
    assert!(quotes.len() >= 3, "{quotes:?}");
    let hashimi = quotes
        .iter()
        .position(|q| q.text.contains("territory"))
        .expect("the minister's quote");
    let q = &quotes[hashimi];
    assert_eq!(q.speaker.as_deref(), Some("Karim Al Hashimi"));
    let sm = q.speaker_mention.expect("a speaker mention");
    assert!(html.contains(&format!(
        "data-quote=\"{hashimi}\" data-kind=\"direct\" data-speaker=\"Karim Al Hashimi\""
    )));
    let prefix = super::html::fragment_prefix(&x);
    assert!(html.contains(&format!(
        "<a class=\"dl-label dl-speaker\" href=\"#{prefix}m{sm}\" data-mention=\"{sm}\">Karim Al Hashimi</a>"
    )));
    assert!(html.contains(&format!(" id=\"{prefix}m{sm}\"")));
    // The figure: three people killed, near Zakho.
    let figures = x.figures.as_deref().expect("figures");
    let killed = figures
        .iter()
        .position(|f| f.category.as_deref() == Some("killed"))
        .expect("the toll");
    let f = &figures[killed];
    assert!(
        html.contains(&format!(
            "data-figure=\"{killed}\" data-kind=\"count\" data-value=\"3\" data-counted=\"people\""
        )),
        "{html}"
    );
    assert_eq!(f.text, "three");
    // The lists: entities, quotes with speakers, figures.
    for list in ["entities", "quotes", "figures", "dates", "events"] {
        assert!(html.contains(&format!("data-list=\"{list}\"")), "{list}");
    }
    assert!(html.contains("<td class=\"dl-c-name\">Selim Aydin</td>"));
    assert!(html.contains("Karim Al Hashimi</a></td><td class=\"dl-c-source\">Mr. Al Hashimi</td><td class=\"dl-c-cue\">told</td>"), "{html}");
    assert!(html.contains("<td class=\"dl-c-amount\">three</td>"));

    let plain = terminal(&x, false);
    assert!(!plain.contains('\x1b'));
    assert!(
        plain.contains(&format!("[q{hashimi} Karim Al Hashimi]")),
        "{plain}"
    );
    assert!(
        plain.contains(&format!(
            "  q{hashimi:<3} Karim Al Hashimi  (as \"Mr. Al Hashimi\", direct, told)"
        )),
        "{plain}"
    );
    assert!(
        plain.contains(&format!(
            "  f{killed:<3} three  count · 3 · people · killed"
        )),
        "{plain}"
    );
    assert!(plain.contains("Selim Aydin"));
    let coloured = terminal(&x, true);
    assert!(coloured.contains("\x1b[36mSelim Aydin"), "{coloured}");
    assert_eq!(
        strip_ansi(&coloured).lines().count() - 1,
        plain.lines().count(),
        "the coloured view has a legend line more"
    );
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_terminal_view_shows_no_control_characters_of_the_article() {
    let x = extract(" date 2023-11-06 Mr Blinken\x1b[2J met\u{202e} officials in Baghdad.\r\n");
    let view = terminal(&x, false);
    assert!(!view.contains('\x1b'));
    assert!(!view.contains('\u{202e}'));
    assert!(!view.contains('\r'));
    assert!(view.contains("Blinken\u{fffd}[2J"), "{view}");
}

#[test]
fn a_view_says_which_layers_did_not_run() {
    let extractor =
        Extractor::new(Config::default().layers(vec![crate::Layer::Time])).expect("a config");
    let x = extractor
        .extract(Article::from_text(" date 2023-11-06 Talks went on on Sunday.").expect("article"))
        .expect("extraction");
    let html = html(&x);
    well_formed(&html);
    assert!(html.contains("The quote layer did not run."));
    assert!(
        html.contains(
            "data-layer=\"timex\" data-timex=\"0\" data-type=\"DATE\" data-value=\"2023-11-05\""
        ),
        "{html}"
    );
    let plain = terminal(&x, false);
    assert!(plain.contains("Quotes: the quote layer did not run"));
    assert!(plain.contains("[2023-11-05]"), "{plain}");
}

#[test]
fn views_are_deterministic_and_ids_unique_within_a_page() {
    let a = ankara();
    assert_eq!(html(&a), html(&a.clone()));
    let page = html_document(&[a.clone(), a]);
    let mut ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.ends_with(HTML_PAGE_END));
}
