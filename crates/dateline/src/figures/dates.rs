//! The date and source of a figure: the nearest date of the time layer in
//! its clause, and the attributed statement of the quote layer that holds
//! it.

use chrono::NaiveDate;

use super::read::Raw;
use super::scan::clause_goes_on;
use super::tokens::Ctx;
use crate::quotes::{Quote, MAX_QUOTE_BYTES};
use crate::span::Span;
use crate::time::{Timex, TimexKind};

/// The date of figure `r` (its counted phrase ends at token `np_end`) in
/// segment `unit`: the nearest date after it in its clause, else before;
/// `since` a date makes a span to the publication date. Its value and bytes.
pub(super) fn date_of(
    c: &Ctx<'_>,
    r: &Raw,
    np_end: usize,
    tx: &[&Timex],
    unit: Span,
    published: Option<NaiveDate>,
) -> Option<(String, usize, usize)> {
    let (text, toks) = (c.text, c.toks);
    let f_start = toks[r.first].start;
    let f_end = toks[r.end - 1].end;
    let dated = |t: &&&Timex| {
        matches!(t.kind, TimexKind::Date | TimexKind::Time)
            && t.value.as_deref().is_some_and(|v| !v.ends_with("_REF"))
    };
    let (clause_start, clause_end) = clause_of(c, r, np_end, unit);
    tx.iter()
        .filter(dated)
        .find(|t| t.start >= f_end && t.end <= clause_end)
        .or_else(|| {
            tx.iter()
                .filter(dated)
                .rev()
                .find(|t| t.end <= f_start && t.start >= clause_start)
        })
        .map(|t| {
            let v = t.value.clone().unwrap_or_default();
            let lead = text[unit.start..t.start].trim_end();
            let lead = lead.strip_suffix("the").unwrap_or(lead).trim_end();
            let since =
                lead.len() >= 5 && lead.as_bytes()[lead.len() - 5..].eq_ignore_ascii_case(b"since");
            let v = match (since, published) {
                (true, Some(p)) => format!("{v}/{}", p.format("%Y-%m-%d")),
                _ => v,
            };
            (v, t.start, t.end)
        })
}

/// The bytes of the clause around figure `r`: rightwards to its end,
/// leftwards to `;`, `:` or a dash (at most 15 tokens back).
fn clause_of(c: &Ctx<'_>, r: &Raw, np_end: usize, unit: Span) -> (usize, usize) {
    let toks = c.toks;
    let mut ce = np_end;
    while ce < toks.len() && clause_goes_on(c, ce) {
        ce += 1;
    }
    let clause_end = toks.get(ce).map_or(unit.end, |t| t.start);
    let mut cs = r.first;
    while cs > 0 && r.first - cs < 15 {
        let p = c.s(cs - 1);
        if matches!(p, ";" | ":" | "—" | "–") || p == "-" && !c.glued(cs - 1) {
            break;
        }
        cs -= 1;
    }
    let clause_start = toks.get(cs).map_or(unit.start, |t| t.start);
    (clause_start, clause_end)
}

/// The attributed statement holding bytes `f_start..f_end`, and its index.
/// Quotes are in text order and at most `MAX_QUOTE_BYTES` long.
pub(super) fn source_of(quotes: &[Quote], f_start: usize, f_end: usize) -> Option<(&Quote, usize)> {
    let from = quotes.partition_point(|q| q.start + MAX_QUOTE_BYTES < f_start);
    quotes[from..]
        .iter()
        .take_while(|q| q.start <= f_start)
        .position(|q| f_end <= q.end)
        .map(|qi| (&quotes[from + qi], from + qi))
}
