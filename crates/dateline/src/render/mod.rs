//! Views of one article for reading: HTML for a browser or a notebook, in
//! the spirit of spaCy's displacy, and text for a terminal, with ANSI
//! colours when asked. `dateline show`, Python's `dateline.render` and
//! `Extraction._repr_html_` are these functions.
//!
//! Reads an [`Extraction`] (the output of every layer that ran) and adds
//! nothing to it; it comes after the pipeline and before `files`.
//!
//! Both views show the article's body (the text after its dateline
//! header) with its marks, then lists:
//! - entity mentions by kind (`PER`, `ORG`, `LOC`, `NORP`, `MISC`), with
//!   the entity they resolve to, and descriptions and pronouns resolved to
//!   an entity (`the American official`, `he`);
//! - quotes, with their source as written and the speaker it resolves to
//!   (in HTML, a link to the speaker's mention);
//! - figures: the amount, what is counted and what happened to it, where
//!   and when;
//! - time expressions with their normalised value;
//! - events with a CAMEO code (the trigger, its code, source and target);
//!   events without one are only counted;
//! - kicker and title lines.
//!
//! Marks that overlap are nested, never crossed: a mark that goes on past
//! the end of one it opened inside is split there (see `marks`), so the
//! HTML is always well formed. Everything taken from the article is
//! escaped (HTML) or has its control characters replaced (terminal). Both
//! views take time linear in the text and the number of marks, and are
//! deterministic.
//!
//! ```
//! use dateline::{Article, Config, Extractor};
//!
//! let extractor = Extractor::new(Config::default())?;
//! let text = " date 2023-11-06 \u{201c}We will protect our people,\u{201d} \
//!             Antony Blinken told reporters in Baghdad.";
//! let x = extractor.extract(Article::from_text(text)?)?;
//! let html = dateline::render::html(&x);
//! assert!(html.contains("data-layer=\"quote\""));
//! assert!(html.contains("Antony Blinken"));
//! let plain = dateline::render::terminal(&x, false);
//! assert!(plain.contains("Quotes (1)"));
//! # Ok::<(), dateline::Error>(())
//! ```

mod html;
mod marks;
mod terminal;

pub use html::{html, html_document, html_page_article, html_page_error, html_page_start};
pub use html::{CSS, HTML_PAGE_END};
pub use terminal::terminal;

use crate::events::Event;
use crate::figures::{Bound, Figure};
use crate::pipeline::Extraction;
use crate::quotes::Quote;
use crate::resolve::Entity;
use crate::time::Timex;

/// A number as the views write it: `9500`, `0.26`, `1.5e12`.
fn number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A figure's value with its bound and unit: `> 9500`, `20-30 %`, `~ 1100`,
/// `24+` (a vague lower bound), or empty when nothing is stated.
fn figure_value(f: &Figure) -> String {
    let core = match (f.bound, f.value, f.low, f.high) {
        (Bound::Range, _, Some(l), Some(h)) => format!("{}-{}", number(l), number(h)),
        (Bound::Lower, Some(v), _, _) => format!("> {}", number(v)),
        (Bound::Lower, None, Some(l), _) => format!("{}+", number(l)),
        (Bound::Upper, Some(v), _, _) => format!("< {}", number(v)),
        (Bound::Approx, Some(v), _, _) => format!("~ {}", number(v)),
        (_, Some(v), _, _) => number(v),
        (_, None, Some(l), _) => format!("{}+", number(l)),
        _ => String::new(),
    };
    match &f.unit {
        Some(u) if !core.is_empty() => format!("{core} {u}"),
        _ => core,
    }
}

/// Where a figure is: the resolved name with its countries, or the place
/// as written.
fn figure_place(f: &Figure) -> Option<String> {
    let name = f.place_name.as_ref().or(f.place.as_ref())?;
    Some(if f.place_countries.is_empty() {
        name.clone()
    } else {
        format!("{name} ({})", f.place_countries.join(", "))
    })
}

/// A figure in one line: `count · > 9500 · people · killed · Gaza (PS) ·
/// 2023-10-07/2023-11-06`.
fn figure_summary(f: &Figure) -> String {
    let mut parts = vec![f.kind.as_str().to_string()];
    let value = figure_value(f);
    if !value.is_empty() {
        parts.push(value);
    }
    parts.extend(f.counted.clone());
    parts.extend(f.category.clone());
    parts.extend(figure_place(f));
    parts.extend(f.date.clone());
    parts.join(" · ")
}

/// Who a quote is by: the speaker, else the source as written.
fn quote_who(q: &Quote) -> Option<&str> {
    q.speaker.as_deref().or(q.source.as_deref())
}

/// A quote's tooltip: `direct quote · speaker Antony Blinken · source Mr
/// Blinken · cue told`.
fn quote_summary(q: &Quote) -> String {
    let mut s = format!("{} quote", q.kind.as_str());
    if let Some(who) = &q.speaker {
        s.push_str(&format!(" · speaker {who}"));
    }
    if let Some(src) = &q.source {
        s.push_str(&format!(" · source {src}"));
    }
    if let Some(cue) = &q.cue {
        s.push_str(&format!(" · cue {cue}"));
    }
    s
}

/// A time expression's tooltip: `DATE 2023-10-07`.
fn timex_summary(t: &Timex) -> String {
    let mut s = t.kind.as_str().to_string();
    if let Some(v) = &t.value {
        s.push(' ');
        s.push_str(v);
    }
    if let Some(m) = t.modifier {
        s.push_str(&format!(" ({})", m.as_str()));
    }
    s
}

/// An entity's description: `PER · Prime Minister of Iraq` or `LOC city ·
/// Erbil, Iraq`.
fn entity_summary(e: &Entity) -> String {
    let mut s = e.kind.as_str().to_string();
    if let Some(sub) = &e.subtype {
        s.push(' ');
        s.push_str(sub);
    }
    let roles: Vec<String> = e.roles.iter().map(crate::resolve::Role::label).collect();
    if !roles.is_empty() {
        s.push_str(" · ");
        s.push_str(&roles.join("; "));
    }
    if let Some(p) = &e.place {
        // Where it is, past its own name: `in Iran` for Tehran, `Al Anbar,
        // Iraq` for Anbar, nothing for Israel.
        let country = p
            .country_name
            .as_ref()
            .filter(|c| **c != p.name && **c != e.name);
        match (p.name != e.name, country) {
            (true, Some(c)) => s.push_str(&format!(" · {}, {c}", p.name)),
            (true, None) => s.push_str(&format!(" · {}", p.name)),
            (false, Some(c)) => s.push_str(&format!(" · in {c}")),
            (false, None) => {}
        }
    } else if let Some(c) = e.country.as_ref().or(e.nationality.as_ref()) {
        s.push_str(&format!(" · {c}"));
    }
    s
}

/// An event's sides: `Mr Al Sudani (IRQGOV), ...`.
fn actors(list: &[crate::events::Actor]) -> String {
    list.iter()
        .map(|a| match &a.code {
            Some(c) => format!("{} ({c})", a.text),
            None => a.text.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// An event's code in one line: `040 Consult`.
fn event_code(e: &Event) -> String {
    match &e.code {
        Some(c) => match &c.description {
            Some(d) => format!("{} {d}", c.cameo),
            None => c.cameo.clone(),
        },
        None => String::new(),
    }
}

/// An event in one line: `040 Consult: Mr Al Sudani (IRQGOV) -> US
/// Secretary of State Antony Blinken (USAGOV)`.
fn event_summary(e: &Event) -> String {
    let mut s = event_code(e);
    if !e.source.is_empty() || !e.target.is_empty() {
        s.push_str(": ");
        s.push_str(&actors(&e.source));
        if !e.target.is_empty() {
            s.push_str(" -> ");
            s.push_str(&actors(&e.target));
        }
    }
    s
}

/// The coded events of an extraction (those the views mark and list) and
/// the number of events in all.
fn coded_events(x: &Extraction) -> (Vec<(usize, &Event)>, usize) {
    let all = x.events.as_deref().unwrap_or_default();
    let coded = all
        .iter()
        .enumerate()
        .filter(|(_, e)| e.code.is_some())
        .collect();
    (coded, all.len())
}

/// The headline of a view: the title, else the id, else `Article`.
fn heading(x: &Extraction) -> &str {
    x.article
        .title
        .as_deref()
        .or(x.id.as_deref())
        .unwrap_or("Article")
}

/// The line under the headline: id, date and where the article came from.
fn meta_line(x: &Extraction) -> String {
    let mut parts = Vec::new();
    // The id, unless it is the heading already.
    if let (Some(id), Some(_)) = (&x.id, &x.article.title) {
        parts.push(id.clone());
    }
    match (&x.article.datetime, x.article.date) {
        (Some(dt), _) => parts.push(dt.clone()),
        (None, Some(d)) => parts.push(d.to_string()),
        _ => parts.push("no date".to_string()),
    }
    if let Some(file) = &x.origin.file {
        let mut o = file.clone();
        if let Some(line) = x.origin.line {
            o.push_str(&format!(":{line}"));
        }
        parts.push(o);
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests;
