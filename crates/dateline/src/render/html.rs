//! The HTML view: the marked text, then tables of entities, quotes,
//! figures, dates and events. Self-contained: the style is inline, there
//! are no scripts and nothing is fetched.
//!
//! What a test or a style sheet can rely on:
//! - the article is an `<article class="dl-article">` with `data-id`;
//! - every mark is a `<span class="dl-mark dl-LAYER">` with `data-layer`
//!   (`entity`, `coref`, `quote`, `source`, `figure`, `timex`, `event`,
//!   `headline`) and the index of its item (`data-mention`, `data-quote`,
//!   `data-figure`, `data-timex`, `data-event`, `data-headline`); a mark
//!   split by another one's end has the class `dl-cont` on its later
//!   pieces; its `title` describes it;
//! - entity marks: `data-kind` and, when resolved, `data-entity` and
//!   `data-name` (the entity's canonical name); quote marks: `data-kind`,
//!   `data-speaker` and `data-speaker-mention`, and a label
//!   (`a.dl-speaker`) linking to the speaker's mention; figure marks:
//!   `data-kind`, `data-value`, `data-counted`, `data-place`, `data-date`;
//!   time marks: `data-type`, `data-value`; event marks: `data-cameo`;
//! - the lists are `<section class="dl-list" data-list="entities">` (and
//!   `quotes`, `figures`, `dates`, `events`), one `<tr class="dl-row">` per
//!   item with the same `data-*` index, cells classed by column
//!   (`dl-c-speaker`, `dl-c-amount`, ...);
//! - ids (anchors) are a prefix, then `m`, `q`, `f`, `t`, `v` or `e` and
//!   the index: unique within a page.

use std::fmt::Write as _;

use super::marks::{self, Layer, Mark, Marks, Step};
use super::{
    coded_events, entity_summary, event_code, event_summary, figure_place, figure_summary,
    figure_value, heading, meta_line, quote_summary, quote_who, timex_summary,
};
use crate::pipeline::Extraction;

/// The style of the views, scoped to `.dateline` (a page's `<body>` or a
/// fragment's `<div>`).
pub const CSS: &str = r#".dateline{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1b1b;line-height:1.5;max-width:62rem}
.dateline .dl-article{border-top:2px solid #888;margin:1.5rem 0;padding-top:.5rem}
.dateline .dl-title{font-size:1.35rem;margin:.2rem 0}
.dateline .dl-meta{color:#555;font-size:.85rem;margin:0 0 .4rem}
.dateline .dl-legend{font-size:.8rem;margin:.3rem 0 .8rem}
.dateline .dl-legend .dl-mark{margin-right:.35rem}
.dateline .dl-text{white-space:pre-wrap;line-height:2.3;font-size:1rem}
.dateline .dl-mark{border-radius:.3em}
.dateline .dl-entity{padding:.12em .25em;background:#ddd}
.dateline .dl-per{background:#d6ccfd}
.dateline .dl-org{background:#b8f1f1}
.dateline .dl-loc{background:#fde2ad}
.dateline .dl-norp{background:#e3c6fd}
.dateline .dl-misc{background:#e6e6e6}
.dateline .dl-coref{border-bottom:2px dotted #6a5acd}
.dateline .dl-quote{background:rgba(255,214,10,.22);box-shadow:inset 0 -2px 0 rgba(200,150,0,.55)}
.dateline .dl-source{text-decoration:underline double #b8860b}
.dateline .dl-figure{padding:.12em .25em;background:#dfe8c4;font-weight:600;outline:1px solid #7a8c3c}
.dateline .dl-timex{padding:.12em .25em;background:#c9e9e1}
.dateline .dl-event{border-bottom:2px solid #d9534f}
.dateline .dl-headline{font-weight:700}
.dateline .dl-label{font-size:.68em;font-weight:700;line-height:1;margin-left:.3em;padding:.1em .3em;border-radius:.25em;background:rgba(255,255,255,.75);color:#333;text-transform:none;vertical-align:middle;user-select:none;white-space:nowrap}
.dateline a.dl-label{text-decoration:none;color:#5a3d00;background:#ffe9a8}
.dateline .dl-list h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.dateline table{border-collapse:collapse;font-size:.88rem;width:100%}
.dateline th,.dateline td{border-bottom:1px solid #ddd;padding:.2rem .4rem;text-align:left;vertical-align:top}
.dateline th{background:#f3f3f3}
.dateline .dl-none,.dateline .dl-note{color:#666;font-size:.88rem}
.dateline .dl-error{background:#fde2e1;border:1px solid #d9534f;padding:.4rem;margin:1rem 0}
"#;

/// The end of a page begun with [`html_page_start`].
pub const HTML_PAGE_END: &str = "</body>\n</html>\n";

/// Appends `s` to `out`, HTML-escaped for text and attribute values.
fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s`, HTML-escaped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// `s`, HTML-escaped (for the tests).
#[cfg(test)]
pub(super) fn esc_for_test(s: &str) -> String {
    esc(s)
}

/// Appends ` name="value"` (the value escaped).
fn attr(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, " {name}=\"");
    escape_into(out, value);
    out.push('"');
}

/// A prefix for the ids of a fragment: the same article gives the same
/// prefix, two articles almost surely different ones (FNV-1a of id and text).
pub(super) fn fragment_prefix(x: &Extraction) -> String {
    let mut h: u32 = 0x811c_9dc5;
    let id = x.id.as_deref().unwrap_or_default();
    for b in id.bytes().chain([0]).chain(x.text.bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("dl{h:08x}-")
}

/// One extraction as an HTML fragment: a `<div class="dateline">` holding
/// its style and the article (for a notebook, or to embed in a page).
pub fn html(x: &Extraction) -> String {
    let mut out = String::with_capacity(x.text.len() * 4 + CSS.len() + 4096);
    out.push_str("<div class=\"dateline\">\n<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n");
    article(x, &fragment_prefix(x), &mut out);
    out.push_str("</div>\n");
    out
}

/// A whole HTML page of extractions, in order.
pub fn html_document(xs: &[Extraction]) -> String {
    let title = match xs {
        [one] => heading(one).to_string(),
        _ => format!("{} articles", xs.len()),
    };
    let mut out = html_page_start(&title);
    for (n, x) in xs.iter().enumerate() {
        out.push_str(&html_page_article(x, n));
    }
    out.push_str(HTML_PAGE_END);
    out
}

/// The start of a page titled `title`, for articles written one at a time
/// with [`html_page_article`] (and errors with [`html_page_error`]), ended
/// with [`HTML_PAGE_END`].
pub fn html_page_start(title: &str) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    escape_into(&mut out, title);
    out.push_str("</title>\n<style>\nbody{margin:1rem 2rem}\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body class=\"dateline\">\n");
    out
}

/// Article number `n` of a page (ids prefixed `dl{n}-`).
pub fn html_page_article(x: &Extraction, n: usize) -> String {
    let mut out = String::with_capacity(x.text.len() * 4 + 4096);
    article(x, &format!("dl{n}-"), &mut out);
    out
}

/// A record that failed, for a page: its message in a `div.dl-error`.
pub fn html_page_error(message: &str) -> String {
    format!(
        "<div class=\"dl-error\" role=\"alert\">{}</div>\n",
        esc(message)
    )
}

/// The class of an entity kind's marks: `dl-per`.
fn kind_class(kind: &str) -> String {
    format!("dl-{}", kind.to_ascii_lowercase())
}

/// Writes one article.
fn article(x: &Extraction, p: &str, out: &mut String) {
    let m = marks::marks(x);
    out.push_str("<article class=\"dl-article\"");
    if let Some(id) = &x.id {
        attr(out, "data-id", id);
    }
    out.push_str(">\n<header>\n<h2 class=\"dl-title\">");
    escape_into(out, heading(x));
    out.push_str("</h2>\n<p class=\"dl-meta\">");
    escape_into(out, &meta_line(x));
    out.push_str("</p>\n");
    legend(out);
    out.push_str("</header>\n<div class=\"dl-text\">");
    for step in &m.steps {
        match *step {
            Step::Text(a, b) => escape_into(out, &x.text[a..b]),
            Step::Open { mark, first } => open(x, &m, &m.marks[mark], first, p, out),
            Step::Close { mark, last } => {
                if last {
                    label(x, &m.marks[mark], p, out);
                }
                out.push_str("</span>");
            }
        }
    }
    out.push_str("</div>\n");
    lists(x, p, out);
    out.push_str("</article>\n");
}

/// The legend: one sample mark per kind.
fn legend(out: &mut String) {
    out.push_str("<p class=\"dl-legend\">");
    for k in ["PER", "ORG", "LOC", "NORP", "MISC"] {
        let _ = write!(
            out,
            "<span class=\"dl-mark dl-entity {}\">{k}</span>",
            kind_class(k)
        );
    }
    out.push_str(
        "<span class=\"dl-mark dl-quote\">quote</span>\
         <span class=\"dl-mark dl-source\">source</span>\
         <span class=\"dl-mark dl-coref\">he, the official</span>\
         <span class=\"dl-mark dl-figure\">figure</span>\
         <span class=\"dl-mark dl-timex\">date</span>\
         <span class=\"dl-mark dl-event\">event</span></p>\n",
    );
}

/// The opening tag of a mark (or of a later piece of it).
fn open(x: &Extraction, m: &Marks, mark: &Mark, first: bool, p: &str, out: &mut String) {
    let i = mark.index;
    let layer = mark.layer.name();
    let _ = write!(out, "<span class=\"dl-mark dl-{layer}");
    let kind = match mark.layer {
        Layer::Entity => x
            .mentions
            .as_deref()
            .and_then(|ms| ms.get(i))
            .map(|mm| mm.kind.as_str()),
        _ => None,
    };
    if let Some(k) = kind {
        let _ = write!(out, " {}", kind_class(k));
    }
    if !first {
        out.push_str(" dl-cont");
    }
    out.push('"');
    let anchor = |letter: char| format!("{p}{letter}{i}");
    if first && mark.primary {
        let id = match mark.layer {
            Layer::Entity => Some(anchor('m')),
            Layer::Quote => Some(anchor('q')),
            Layer::Figure => Some(anchor('f')),
            Layer::Timex => Some(anchor('t')),
            Layer::Event => Some(anchor('v')),
            _ => None,
        };
        if let Some(id) = id {
            attr(out, "id", &id);
        }
    }
    attr(out, "data-layer", layer);
    let entities = x.entities.as_deref().unwrap_or_default();
    // An entity's id is its index in the list.
    let entity_name = |id: usize| entities.get(id);
    match mark.layer {
        Layer::Headline => {
            attr(out, "data-headline", &i.to_string());
            if let Some(h) = x.article.headlines.get(i) {
                attr(out, "title", h.kind.as_str());
            }
        }
        Layer::Entity => {
            attr(out, "data-mention", &i.to_string());
            let Some(mm) = x.mentions.as_deref().and_then(|ms| ms.get(i)) else {
                return out.push('>');
            };
            attr(out, "data-kind", mm.kind.as_str());
            let mut title = mm.kind.as_str().to_string();
            if let Some(sub) = &mm.subtype {
                title.push(' ');
                title.push_str(sub);
            }
            if let Some(e) = m
                .entity_of_mention
                .get(i)
                .copied()
                .flatten()
                .and_then(entity_name)
            {
                attr(out, "data-entity", &e.id.to_string());
                attr(out, "data-name", &e.name);
                let _ = write!(title, " · {} (entity {})", e.name, e.id);
            }
            attr(out, "title", &title);
        }
        Layer::Coref => {
            if let Some(&(_, _, id)) = m.corefs.get(i) {
                attr(out, "data-entity", &id.to_string());
                if let Some(e) = entity_name(id) {
                    attr(out, "data-name", &e.name);
                    attr(
                        out,
                        "title",
                        &format!("refers to {} (entity {})", e.name, e.id),
                    );
                }
            }
        }
        Layer::Quote => {
            attr(out, "data-quote", &i.to_string());
            if let Some(q) = x.quotes.as_deref().and_then(|qs| qs.get(i)) {
                attr(out, "data-kind", q.kind.as_str());
                if let Some(s) = &q.speaker {
                    attr(out, "data-speaker", s);
                }
                if let Some(sm) = q.speaker_mention {
                    attr(out, "data-speaker-mention", &sm.to_string());
                }
                attr(out, "title", &quote_summary(q));
            }
        }
        Layer::Source => {
            if let Some((_, _, qs)) = m.sources.get(i) {
                let list = qs
                    .iter()
                    .map(|q| q.to_string())
                    .collect::<Vec<_>>()
                    .join(" ");
                attr(out, "data-quotes", &list);
                attr(out, "title", &format!("source of quote {list}"));
            }
        }
        Layer::Figure => {
            attr(out, "data-figure", &i.to_string());
            if let Some(f) = x.figures.as_deref().and_then(|fs| fs.get(i)) {
                attr(out, "data-kind", f.kind.as_str());
                if let Some(v) = f.value {
                    attr(out, "data-value", &super::number(v));
                }
                if let Some(c) = &f.counted {
                    attr(out, "data-counted", c);
                }
                if let Some(pl) = f.place_name.as_ref().or(f.place.as_ref()) {
                    attr(out, "data-place", pl);
                }
                if let Some(d) = &f.date {
                    attr(out, "data-date", d);
                }
                attr(out, "title", &figure_summary(f));
            }
        }
        Layer::Timex => {
            attr(out, "data-timex", &i.to_string());
            if let Some(t) = x.timex.as_deref().and_then(|ts| ts.get(i)) {
                attr(out, "data-type", t.kind.as_str());
                if let Some(v) = &t.value {
                    attr(out, "data-value", v);
                }
                attr(out, "title", &timex_summary(t));
            }
        }
        Layer::Event => {
            attr(out, "data-event", &i.to_string());
            if let Some(e) = x.events.as_deref().and_then(|es| es.get(i)) {
                if let Some(c) = &e.code {
                    attr(out, "data-cameo", &c.cameo);
                }
                attr(out, "title", &event_summary(e));
            }
        }
    }
    out.push('>');
}

/// The label closing a mark: the kind of a mention, the speaker of a
/// quote (a link to the speaker's mention), the value of a time
/// expression, the code of an event, what a figure counts.
fn label(x: &Extraction, mark: &Mark, p: &str, out: &mut String) {
    let i = mark.index;
    match mark.layer {
        Layer::Entity => {
            if let Some(mm) = x.mentions.as_deref().and_then(|ms| ms.get(i)) {
                let _ = write!(out, "<span class=\"dl-label\">{}</span>", mm.kind.as_str());
            }
        }
        Layer::Quote => {
            let Some(q) = x.quotes.as_deref().and_then(|qs| qs.get(i)) else {
                return;
            };
            let who = quote_who(q).unwrap_or("unattributed");
            match q.speaker_mention {
                Some(sm) if q.speaker.is_some() => {
                    let _ = write!(
                        out,
                        "<a class=\"dl-label dl-speaker\" href=\"#{p}m{sm}\" data-mention=\"{sm}\">"
                    );
                    escape_into(out, who);
                    out.push_str("</a>");
                }
                _ => {
                    out.push_str("<span class=\"dl-label dl-speaker\">");
                    escape_into(out, who);
                    out.push_str("</span>");
                }
            }
        }
        Layer::Figure => {
            if let Some(f) = x.figures.as_deref().and_then(|fs| fs.get(i)) {
                let what = match (&f.category, &f.counted) {
                    (Some(c), _) => c.clone(),
                    (None, Some(c)) => c.clone(),
                    _ => f.kind.as_str().to_string(),
                };
                out.push_str("<span class=\"dl-label\">");
                escape_into(out, &what);
                out.push_str("</span>");
            }
        }
        Layer::Timex => {
            if let Some(v) = x
                .timex
                .as_deref()
                .and_then(|ts| ts.get(i))
                .and_then(|t| t.value.as_deref())
            {
                out.push_str("<span class=\"dl-label\">");
                escape_into(out, v);
                out.push_str("</span>");
            }
        }
        Layer::Event => {
            if let Some(c) = x
                .events
                .as_deref()
                .and_then(|es| es.get(i))
                .and_then(|e| e.code.as_ref())
            {
                out.push_str("<span class=\"dl-label\">");
                escape_into(out, &c.cameo);
                out.push_str("</span>");
            }
        }
        Layer::Headline | Layer::Coref | Layer::Source => {}
    }
}

/// Opens a list: its section, heading and table head.
fn list_start(out: &mut String, name: &str, heading: &str, columns: &[&str]) {
    let _ = write!(
        out,
        "<section class=\"dl-list\" data-list=\"{name}\">\n<h3>{}</h3>\n<table>\n<thead><tr>",
        esc(heading)
    );
    for c in columns {
        let _ = write!(out, "<th>{}</th>", esc(c));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
}

fn list_end(out: &mut String) {
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// A section saying why a list is not there.
fn list_absent(out: &mut String, name: &str, heading: &str, why: &str) {
    let _ = write!(
        out,
        "<section class=\"dl-list\" data-list=\"{name}\">\n<h3>{}</h3>\n<p class=\"dl-none\">{}</p>\n</section>\n",
        esc(heading),
        esc(why)
    );
}

/// A table cell of class `dl-c-{class}` holding `text`, escaped.
fn cell(out: &mut String, class: &str, text: &str) {
    let _ = write!(out, "<td class=\"dl-c-{class}\">");
    escape_into(out, text);
    out.push_str("</td>");
}

/// A cell linking to an anchor, its text `text`.
fn link_cell(out: &mut String, class: &str, href: &str, text: &str) {
    let _ = write!(out, "<td class=\"dl-c-{class}\"><a href=\"#");
    escape_into(out, href);
    out.push_str("\">");
    escape_into(out, text);
    out.push_str("</a></td>");
}

/// The lists below the text.
fn lists(x: &Extraction, p: &str, out: &mut String) {
    entities(x, p, out);
    quotes(x, p, out);
    figures(x, p, out);
    dates(x, p, out);
    events(x, p, out);
    if let Some(focus) = x.focus_countries.as_deref().filter(|f| !f.is_empty()) {
        out.push_str("<p class=\"dl-note dl-focus\">Focus countries: ");
        let list = focus
            .iter()
            .map(|c| {
                format!(
                    "{} ({}) {}",
                    c.name,
                    c.country,
                    crate::schema::score(c.score)
                )
            })
            .collect::<Vec<_>>()
            .join(" · ");
        escape_into(out, &list);
        out.push_str("</p>\n");
    }
}

fn entities(x: &Extraction, p: &str, out: &mut String) {
    let Some(entities) = x.entities.as_deref() else {
        // Without the resolve layer, the mentions themselves.
        let Some(mentions) = x.mentions.as_deref() else {
            return list_absent(out, "entities", "Entities", "The entity layer did not run.");
        };
        list_start(
            out,
            "entities",
            &format!("Mentions ({})", mentions.len()),
            &["#", "mention", "kind"],
        );
        for (i, mm) in mentions.iter().enumerate() {
            let _ = write!(out, "<tr class=\"dl-row\" data-mention=\"{i}\">");
            link_cell(out, "n", &format!("{p}m{i}"), &i.to_string());
            cell(out, "name", &mm.text);
            cell(out, "kind", mm.kind.as_str());
            out.push_str("</tr>\n");
        }
        return list_end(out);
    };
    list_start(
        out,
        "entities",
        &format!("Entities ({})", entities.len()),
        &["#", "name", "kind", "mentions", "what", "first mention"],
    );
    for e in entities {
        let _ = write!(
            out,
            "<tr class=\"dl-row\" data-entity=\"{}\" id=\"{p}e{}\">",
            e.id, e.id
        );
        cell(out, "n", &e.id.to_string());
        cell(out, "name", &e.name);
        let mut kind = e.kind.as_str().to_string();
        if let Some(sub) = &e.subtype {
            kind.push(' ');
            kind.push_str(sub);
        }
        cell(out, "kind", &kind);
        cell(out, "mentions", &e.mentions.len().to_string());
        // What the entity is, past its kind.
        let summary = entity_summary(e);
        let what = summary.split_once(" · ").map_or("", |(_, w)| w);
        cell(out, "what", what);
        match e.names().next().and_then(|n| n.mention) {
            Some(mi) => {
                let text = e.names().next().map_or("", |n| n.text.as_str());
                link_cell(out, "first", &format!("{p}m{mi}"), text);
            }
            None => cell(
                out,
                "first",
                e.mentions.first().map_or("", |n| n.text.as_str()),
            ),
        }
        out.push_str("</tr>\n");
    }
    list_end(out);
}

fn quotes(x: &Extraction, p: &str, out: &mut String) {
    let Some(quotes) = x.quotes.as_deref() else {
        return list_absent(out, "quotes", "Quotes", "The quote layer did not run.");
    };
    list_start(
        out,
        "quotes",
        &format!("Quotes ({})", quotes.len()),
        &["#", "speaker", "source as written", "cue", "kind", "quote"],
    );
    for (i, q) in quotes.iter().enumerate() {
        let _ = write!(out, "<tr class=\"dl-row\" data-quote=\"{i}\"");
        if let Some(s) = &q.speaker {
            attr(out, "data-speaker", s);
        }
        out.push('>');
        link_cell(out, "n", &format!("{p}q{i}"), &i.to_string());
        match (&q.speaker, q.speaker_mention) {
            (Some(s), Some(sm)) => link_cell(out, "speaker", &format!("{p}m{sm}"), s),
            (Some(s), None) => cell(out, "speaker", s),
            (None, _) => cell(out, "speaker", ""),
        }
        cell(out, "source", q.source.as_deref().unwrap_or_default());
        cell(out, "cue", q.cue.as_deref().unwrap_or_default());
        cell(out, "kind", q.kind.as_str());
        cell(out, "quote", &q.text);
        out.push_str("</tr>\n");
    }
    list_end(out);
}

fn figures(x: &Extraction, p: &str, out: &mut String) {
    let Some(figures) = x.figures.as_deref() else {
        return list_absent(out, "figures", "Figures", "The figure layer did not run.");
    };
    list_start(
        out,
        "figures",
        &format!("Figures ({})", figures.len()),
        &[
            "#",
            "amount",
            "value",
            "counted",
            "what happened",
            "where",
            "when",
            "by",
            "according to",
        ],
    );
    for (i, f) in figures.iter().enumerate() {
        let _ = write!(
            out,
            "<tr class=\"dl-row\" data-figure=\"{i}\" data-kind=\"{}\">",
            f.kind.as_str()
        );
        link_cell(out, "n", &format!("{p}f{i}"), &i.to_string());
        cell(out, "amount", &f.text);
        cell(out, "value", &figure_value(f));
        cell(out, "counted", f.counted.as_deref().unwrap_or_default());
        cell(out, "category", f.category.as_deref().unwrap_or_default());
        cell(out, "place", &figure_place(f).unwrap_or_default());
        cell(out, "date", f.date.as_deref().unwrap_or_default());
        cell(out, "actor", f.actor.as_deref().unwrap_or_default());
        let by = f.source_entity.as_ref().or(f.source.as_ref());
        cell(out, "source", by.map_or("", String::as_str));
        out.push_str("</tr>\n");
    }
    list_end(out);
}

fn dates(x: &Extraction, p: &str, out: &mut String) {
    let Some(timex) = x.timex.as_deref() else {
        return list_absent(out, "dates", "Dates", "The time layer did not run.");
    };
    list_start(
        out,
        "dates",
        &format!("Dates and times ({})", timex.len()),
        &["#", "as written", "type", "value", "modifier"],
    );
    for (i, t) in timex.iter().enumerate() {
        let _ = write!(out, "<tr class=\"dl-row\" data-timex=\"{i}\">");
        link_cell(out, "n", &format!("{p}t{i}"), &i.to_string());
        cell(out, "text", &t.text);
        cell(out, "type", t.kind.as_str());
        cell(out, "value", t.value.as_deref().unwrap_or_default());
        cell(out, "mod", t.modifier.map_or("", |m| m.as_str()));
        out.push_str("</tr>\n");
    }
    list_end(out);
}

fn events(x: &Extraction, p: &str, out: &mut String) {
    if x.events.is_none() {
        return list_absent(out, "events", "Events", "The event layer did not run.");
    }
    let (coded, all) = coded_events(x);
    let uncoded = all - coded.len();
    list_start(
        out,
        "events",
        &format!("Coded events ({} of {all})", coded.len()),
        &[
            "#",
            "trigger",
            "CAMEO",
            "source",
            "target",
            "where",
            "when",
            "reported in",
        ],
    );
    for (i, e) in coded {
        let _ = write!(out, "<tr class=\"dl-row\" data-event=\"{i}\">");
        link_cell(out, "n", &format!("{p}v{i}"), &i.to_string());
        cell(out, "trigger", &e.text);
        cell(out, "cameo", &event_code(e));
        cell(out, "source", &super::actors(&e.source));
        cell(out, "target", &super::actors(&e.target));
        cell(
            out,
            "place",
            e.place.as_ref().map_or("", |pl| pl.name.as_str()),
        );
        cell(
            out,
            "date",
            e.date.as_ref().map_or("", |d| d.value.as_str()),
        );
        match e.reported_by {
            Some(q) => link_cell(out, "quote", &format!("{p}q{q}"), &format!("quote {q}")),
            None => cell(out, "quote", ""),
        }
        out.push_str("</tr>\n");
    }
    list_end(out);
    if uncoded > 0 {
        let _ = writeln!(
            out,
            "<p class=\"dl-note\">Events without a CAMEO code are neither marked nor listed: {uncoded} of {all}.</p>"
        );
    }
}
