//! The terminal view: the article's body with its marks in ANSI colours
//! (or none), labels in brackets where a mark says more than its colour
//! (`[q1 Antony Blinken]` after a quote, `[2023-10-07]` after a date,
//! `[040]` after an event, `[f0]` after a figure), then the lists.
//!
//! Colours: people cyan, organisations blue, places green, groups
//! magenta, other names grey; figures bold yellow, dates red; quotes
//! italic, their sources underlined, event triggers bold and underlined,
//! kicker and title lines bold. Control characters of the article (which
//! could drive the terminal) are shown as `\u{fffd}`.

use std::fmt::Write as _;

use super::marks::{self, Layer, Mark, Marks, Step};
use super::{
    coded_events, entity_summary, event_summary, figure_summary, heading, meta_line, quote_who,
    timex_summary,
};
use crate::entities::EntityKind;
use crate::pipeline::Extraction;

/// The longest quote shown whole in the list (in characters); longer ones
/// are cut with `…` (the text above has them whole).
const QUOTE_CHARS: usize = 160;

/// Appends `s` to `out` with control characters (and the bidirectional
/// overrides that reorder what a terminal shows) replaced by U+FFFD;
/// newlines and tabs stay, carriage returns go.
fn clean_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' => {}
            c if c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) => out.push('\u{fffd}'),
            c if ('\u{2066}'..='\u{2069}').contains(&c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// `s` cleaned for the terminal.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    clean_into(&mut out, s);
    out
}

/// `s` cleaned, cut to `n` characters with `…`.
fn short(s: &str, n: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = clean(&flat);
    match flat.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

/// The SGR colour code of an entity kind.
fn kind_colour(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 36,
        EntityKind::Organisation => 34,
        EntityKind::Place => 32,
        EntityKind::Group => 35,
        EntityKind::Misc => 90,
    }
}

/// The ANSI style of text inside `open` marks (outermost first): the
/// innermost colour wins, attributes add up.
fn style(x: &Extraction, m: &Marks, open: &[usize]) -> String {
    let (mut bold, mut italic, mut underline) = (false, false, false);
    let mut colour: Option<u8> = None;
    let entities = x.entities.as_deref().unwrap_or_default();
    for &k in open {
        let mark: &Mark = &m.marks[k];
        match mark.layer {
            Layer::Headline => bold = true,
            Layer::Quote => italic = true,
            Layer::Source => underline = true,
            Layer::Event => {
                bold = true;
                underline = true;
            }
            Layer::Entity => {
                if let Some(mm) = x.mentions.as_deref().and_then(|ms| ms.get(mark.index)) {
                    colour = Some(kind_colour(mm.kind));
                }
            }
            Layer::Coref => {
                let kind = m
                    .corefs
                    .get(mark.index)
                    .and_then(|c| entities.get(c.2))
                    .map(|e| e.kind);
                if let Some(kind) = kind {
                    colour = Some(kind_colour(kind));
                }
            }
            Layer::Figure => {
                bold = true;
                colour = Some(33);
            }
            Layer::Timex => colour = Some(31),
        }
    }
    let mut codes: Vec<String> = Vec::new();
    for (on, code) in [(bold, "1"), (italic, "3"), (underline, "4")] {
        if on {
            codes.push(code.to_string());
        }
    }
    codes.extend(colour.map(|c| c.to_string()));
    if codes.is_empty() {
        String::new()
    } else {
        format!("\x1b[{}m", codes.join(";"))
    }
}

/// The label closing a mark, without brackets (`None`: no label).
fn label(x: &Extraction, mark: &Mark) -> Option<String> {
    let i = mark.index;
    match mark.layer {
        Layer::Quote => {
            let q = x.quotes.as_deref()?.get(i)?;
            Some(format!("q{i} {}", quote_who(q).unwrap_or("unattributed")))
        }
        Layer::Timex => x.timex.as_deref()?.get(i)?.value.clone(),
        Layer::Event => Some(x.events.as_deref()?.get(i)?.code.as_ref()?.cameo.clone()),
        Layer::Figure => Some(format!("f{i}")),
        _ => None,
    }
}

/// One extraction as text for a terminal: a heading, the article's body
/// with its marks (in ANSI colours when `color` is set) and labels, then
/// lists of entities, quotes with their speakers, figures, dates and
/// coded events.
pub fn terminal(x: &Extraction, color: bool) -> String {
    let m = marks::marks(x);
    let mut out = String::with_capacity(x.text.len() * 2 + 4096);
    let (b, dim, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let _ = writeln!(out, "{b}{}{reset}", clean(heading(x)));
    let _ = writeln!(out, "{dim}{}{reset}", clean(&meta_line(x)));
    if color {
        out.push_str("\x1b[36mPER\x1b[0m \x1b[34mORG\x1b[0m \x1b[32mLOC\x1b[0m \x1b[35mNORP\x1b[0m \x1b[90mMISC\x1b[0m \x1b[3mquote\x1b[0m \x1b[4msource\x1b[0m \x1b[1;33mfigure\x1b[0m \x1b[31mdate\x1b[0m \x1b[1;4mevent\x1b[0m\n");
    }
    out.push('\n');
    // The marks open at this point, outermost first; the style written last.
    let mut open: Vec<usize> = Vec::with_capacity(marks::MAX_DEPTH);
    let mut current = String::new();
    for step in &m.steps {
        match *step {
            Step::Text(a, e) => {
                if color {
                    let want = style(x, &m, &open);
                    if want != current {
                        out.push_str("\x1b[0m");
                        out.push_str(&want);
                        current = want;
                    }
                }
                clean_into(&mut out, &x.text[a..e]);
            }
            Step::Open { mark, .. } => open.push(mark),
            Step::Close { mark, last } => {
                open.pop();
                if last {
                    if let Some(l) = label(x, &m.marks[mark]) {
                        if color {
                            out.push_str("\x1b[0;2m");
                            current = "\x1b[2m".to_string();
                        }
                        out.push('[');
                        clean_into(&mut out, &l);
                        out.push(']');
                    }
                }
            }
        }
    }
    if color && !current.is_empty() {
        out.push_str("\x1b[0m");
    }
    out.push_str("\n\n");
    lists(x, &mut out, b, reset);
    out
}

/// The lists below the text; `b` and `reset` style the headings.
fn lists(x: &Extraction, out: &mut String, b: &str, reset: &str) {
    match (&x.entities, &x.mentions) {
        (Some(entities), _) => {
            let _ = writeln!(out, "{b}Entities ({}){reset}", entities.len());
            for e in entities {
                let _ = writeln!(
                    out,
                    "  e{:<3} {}  {}  ({} mention{})",
                    e.id,
                    clean(&e.name),
                    clean(&entity_summary(e)),
                    e.mentions.len(),
                    if e.mentions.len() == 1 { "" } else { "s" }
                );
            }
        }
        (None, Some(mentions)) => {
            let _ = writeln!(out, "{b}Mentions ({}){reset}", mentions.len());
            for (i, mm) in mentions.iter().enumerate() {
                let _ = writeln!(out, "  m{i:<3} {}  {}", clean(&mm.text), mm.kind.as_str());
            }
        }
        (None, None) => {
            let _ = writeln!(out, "{b}Entities{reset}: the entity layer did not run");
        }
    }
    match &x.quotes {
        Some(quotes) => {
            let _ = writeln!(out, "{b}Quotes ({}){reset}", quotes.len());
            for (i, q) in quotes.iter().enumerate() {
                let mut how = vec![q.kind.as_str().to_string()];
                if let (Some(src), true) = (&q.source, q.source != q.speaker) {
                    how.insert(0, format!("as \"{}\"", clean(src)));
                }
                if let Some(cue) = &q.cue {
                    how.push(clean(cue));
                }
                let _ = writeln!(
                    out,
                    "  q{i:<3} {}  ({})\n        {}",
                    clean(quote_who(q).unwrap_or("unattributed")),
                    how.join(", "),
                    short(&q.text, QUOTE_CHARS)
                );
            }
        }
        None => {
            let _ = writeln!(out, "{b}Quotes{reset}: the quote layer did not run");
        }
    }
    match &x.figures {
        Some(figures) => {
            let _ = writeln!(out, "{b}Figures ({}){reset}", figures.len());
            for (i, f) in figures.iter().enumerate() {
                let mut line = format!(
                    "  f{i:<3} {}  {}",
                    clean(&f.text),
                    clean(&figure_summary(f))
                );
                if let Some(by) = f.source_entity.as_ref().or(f.source.as_ref()) {
                    let _ = write!(line, " · according to {}", clean(by));
                }
                let _ = writeln!(out, "{line}");
            }
        }
        None => {
            let _ = writeln!(out, "{b}Figures{reset}: the figure layer did not run");
        }
    }
    match &x.timex {
        Some(timex) => {
            let _ = writeln!(out, "{b}Dates and times ({}){reset}", timex.len());
            for (i, t) in timex.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "  t{i:<3} {}  {}",
                    clean(&t.text),
                    clean(&timex_summary(t))
                );
            }
        }
        None => {
            let _ = writeln!(out, "{b}Dates and times{reset}: the time layer did not run");
        }
    }
    if x.events.is_some() {
        let (coded, all) = coded_events(x);
        let _ = writeln!(out, "{b}Coded events ({} of {all}){reset}", coded.len());
        for (i, e) in coded {
            let mut line = format!("  v{i:<3} {}  {}", clean(&e.text), clean(&event_summary(e)));
            if let Some(pl) = &e.place {
                let _ = write!(line, " · in {}", clean(&pl.name));
            }
            if let Some(d) = &e.date {
                let _ = write!(line, " · {}", clean(&d.value));
            }
            if let Some(q) = e.reported_by {
                let _ = write!(line, " · reported in q{q}");
            }
            let _ = writeln!(out, "{line}");
        }
    } else {
        let _ = writeln!(out, "{b}Events{reset}: the event layer did not run");
    }
    if let Some(focus) = x.focus_countries.as_deref().filter(|f| !f.is_empty()) {
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
        let _ = writeln!(out, "{b}Focus countries{reset}: {}", clean(&list));
    }
}
