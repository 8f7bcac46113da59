//! Interpreting a match: the expression is read with the words around it,
//! then the step for the form it took gives its type and value.

use chrono::NaiveDate;

use super::context::Context;
use super::expr::{Expr, Found};
use super::patterns::Hit;
use super::tense::tense_for;
use super::{clock, dates, days, decades, durations, references, relative, year_parts};
use crate::span::Span;

/// The type and value of the expression `hit` places in `sentence` (at
/// `span` in the article), against publication date `dct` and what the
/// article said before (`ctx`). `None` when the match is no temporal
/// expression after all (`60 Minutes`, `May` the verb, `2000 troops`).
pub(super) fn interpret(
    hit: &Hit,
    sentence: &str,
    span: Span,
    dct: Option<NaiveDate>,
    ctx: &Context,
) -> Option<Found> {
    let text = &sentence[hit.start..hit.end];
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let e = Expr {
        text,
        lower: &lower,
        words: &words,
        sentence,
        start: hit.start,
        end: hit.end,
        span,
        dct,
        // Only the forms resolved by direction need the tense of their clause.
        tense: tense_for(hit.group, sentence, hit.match_start, hit.end),
        ctx,
        prev: prev_word(sentence, hit.start).to_ascii_lowercase(),
        next: next_word(sentence, hit.end),
    };
    // Titles of shows and films: `60 Minutes`, `48 Hours`, `High Noon`.
    if matches!(text, "60 Minutes" | "48 Hours") || e.lower == "noon" && e.prev == "high" {
        return None;
    }
    match hit.group {
        "iso" => dates::iso(&e),
        "slash" => dates::slashed(&e),
        "mdy" | "dmy" => dates::month_day(&e),
        "my" => dates::month_year(&e),
        "spelled" => dates::spelled(&e),
        "month" => dates::month(&e),
        "year" => dates::year(&e),
        "half" => year_parts::half(&e),
        "monthrel" => year_parts::month_of_year(&e),
        "quarter" => year_parts::quarter(&e),
        "season" => year_parts::season(&e),
        "decade" => decades::decade(&e),
        "century" => decades::century(&e),
        "bound" => relative::bound(&e),
        "relunit" => relative::relative_unit(&e),
        "ago" => relative::ago(&e),
        "yearago" => relative::year_ago(&e),
        "yearend" => relative::year_end(&e),
        "theyear" => relative::the_year(&e),
        "thatyear" => relative::that_year(&e),
        "wd" => days::named_weekday(&e),
        "relday" => days::relative_day(&e),
        "holiday" => days::holiday(&e),
        "clock" => clock::clock(&e),
        "dur" => durations::duration(&e),
        "set" => durations::set(&e),
        "unitpl" => durations::plural_unit(&e),
        "ref" => references::reference(&e),
        _ => None,
    }
}

/// The word after `end` of `sentence`, past spaces and commas.
fn next_word(sentence: &str, end: usize) -> &str {
    let rest = sentence[end..].trim_start_matches([' ', ',']);
    let e = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..e]
}

/// The word before `start` of `sentence`.
fn prev_word(sentence: &str, start: usize) -> &str {
    let before = sentence[..start].trim_end();
    let s = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[s..]
}
