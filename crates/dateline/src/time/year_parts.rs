//! Parts of a year: halves (`the first half of 2023`), quarters (`the
//! third quarter`, `Q2 2023`, `the year-ago quarter`), seasons (`the summer`,
//! `spring 2022`) and months of a named year (`June last year`).

use chrono::{Datelike, NaiveDate};

use super::calendar::{quarter_of, resolve_year, season_code, year_value};
use super::expr::{Expr, Found};
use super::tense::Tense;
use super::TimexKind;
use crate::article::month_number;

/// `the first half of 2023`, `the second half of this year`.
pub(super) fn half(e: &Expr<'_>) -> Option<Found> {
    let lower = e.lower;
    let words = e.words;
    let dct = e.dct;
    let h = if lower.contains("first") { 1 } else { 2 };
    let y = match words.iter().find_map(|w| w.parse::<i32>().ok()) {
        Some(y) => {
            return e.absolute_or_none(TimexKind::Date, year_value(y).map(|y| format!("{y}-H{h}")))
        }
        None => {
            let Some(dct) = dct else {
                return e.relative(TimexKind::Date, Some(format!("XXXX-H{h}")));
            };
            dct.year() + i32::from(lower.ends_with("next year"))
                - i32::from(lower.ends_with("last year"))
        }
    };
    e.relative(TimexKind::Date, year_value(y).map(|y| format!("{y}-H{h}")))
}

/// `June last year`, `January this year`, `April next year`.
pub(super) fn month_of_year(e: &Expr<'_>) -> Option<Found> {
    let words = e.words;
    let dct = e.dct;
    // `June last year`, `January this year`, `April next year`.
    let month = words
        .iter()
        .find_map(|w| month_number(w).filter(|_| w.len() >= 3))?;
    let Some(dct) = dct else {
        return e.relative(TimexKind::Date, Some(format!("XXXX-{month:02}")));
    };
    let y = dct.year()
        + if words.contains(&"last") {
            -1
        } else {
            i32::from(words.contains(&"next"))
        };
    e.relative(
        TimexKind::Date,
        year_value(y).map(|y| format!("{y}-{month:02}")),
    )
}

/// `the third quarter`, `Q2 2023`, `the year-ago quarter`; not part of a
/// compound (`third-quarter`).
pub(super) fn quarter(e: &Expr<'_>) -> Option<Found> {
    if e.after().starts_with('-') {
        return None;
    }
    let (value, relative) = quarter_value(e.lower, e.dct, e.ctx.last_quarter);
    Some(e.found(TimexKind::Date, value, relative))
}

/// `spring 2022`, `the summer of 2019`, `over the summer`; not `prices fall`,
/// `the fall of Saigon` or `Arab Spring`.
pub(super) fn season(e: &Expr<'_>) -> Option<Found> {
    let m = e.text;
    let words = e.words;
    let dct = e.dct;
    let tense = e.tense;
    let prev = e.prev.as_str();
    let next = e.next;
    let s = words
        .iter()
        .find(|w| matches!(**w, "spring" | "summer" | "fall" | "autumn" | "winter"))?;
    if let Some(y) = words.iter().find_map(|w| w.parse::<i32>().ok()) {
        return e.absolute_or_none(
            TimexKind::Date,
            year_value(y).map(|y| format!("{y}-{}", season_code(s))),
        );
    }
    // A season alone (`the summer`, `over the summer`), not `prices fall`,
    // `the fall of Saigon` or `Arab Spring`.
    let seasonal = words[0] == "the"
        || matches!(
            prev,
            "in" | "during"
                | "over"
                | "by"
                | "since"
                | "until"
                | "through"
                | "this"
                | "last"
                | "next"
                | "early"
                | "late"
                | "mid"
                | "of"
        );
    if !seasonal || next == "of" || !m.starts_with(char::is_lowercase) && words[0] != "the" {
        return None;
    }
    let code = season_code(s);
    let Some(dct) = dct else {
        return e.relative(TimexKind::Date, Some(format!("XXXX-{code}")));
    };
    let mid = match code {
        "SP" => 4,
        "SU" => 7,
        "FA" => 10,
        _ => 1,
    };
    let y = resolve_year(dct, mid, None, tense.or(Some(Tense::Past)));
    e.relative(
        TimexKind::Date,
        year_value(y).map(|y| format!("{y}-{code}")),
    )
}

/// The value of a quarter (`the third quarter of 2023`, `the latest
/// quarter`, `the year-ago quarter`), and whether it was counted from the
/// publication date; `topic` is the quarter the article is about.
fn quarter_value(
    lower: &str,
    dct: Option<NaiveDate>,
    topic: Option<(i32, u32)>,
) -> (Option<String>, bool) {
    let q = quarter_number(lower);
    let year: Option<i32> = lower
        .split([' ', '-'])
        .find_map(|w| w.parse().ok().filter(|y: &i32| *y > 1000));
    let Some(dct) = dct else {
        let value = match (year, q) {
            (Some(y), Some(q)) => year_value(y).map(|y| format!("{y}-Q{q}")),
            (None, Some(q)) => Some(format!("XXXX-Q{q}")),
            _ => None,
        };
        return (value, year.is_none());
    };
    let current = quarter_of(dct);
    let year = year.or_else(|| year_named(lower, dct));
    let year_ago = lower.contains("year-ago") || lower.contains("year-earlier");
    // `the 1988 period`: the topic quarter of that year.
    let q = q.or_else(|| year.and(topic).map(|(_, q)| q));
    let (y, q) = match (year, q) {
        (Some(y), Some(q)) => (y, q),
        (None, Some(q)) => (
            if q <= current {
                dct.year()
            } else {
                dct.year() - 1
            } - i32::from(year_ago),
            q,
        ),
        (_, None) => unnumbered_quarter(lower, dct, year_ago),
    };
    (year_value(y).map(|y| format!("{y}-Q{q}")), year.is_none())
}

/// The number of a quarter named by its ordinal (`first`, `3rd`) or as `Q2`.
fn quarter_number(lower: &str) -> Option<u32> {
    if lower.contains("first") || lower.contains("1st") || lower.starts_with("q1") {
        Some(1)
    } else if lower.contains("second") || lower.contains("2nd") || lower.starts_with("q2") {
        Some(2)
    } else if lower.contains("third") || lower.contains("3rd") || lower.starts_with("q3") {
        Some(3)
    } else if lower.contains("fourth") || lower.contains("4th") || lower.starts_with("q4") {
        Some(4)
    } else {
        None
    }
}

/// The year a quarter names from the publication date's (`of last year`,
/// `this year's`).
fn year_named(lower: &str, dct: NaiveDate) -> Option<i32> {
    if lower.ends_with("of last year") || lower.contains("last year's") {
        Some(dct.year() - 1)
    } else if lower.ends_with("of this year") || lower.contains("this year's") {
        Some(dct.year())
    } else if lower.ends_with("of next year") || lower.contains("next year's") {
        Some(dct.year() + 1)
    } else {
        None
    }
}

/// The quarter named without a number: `the current quarter`, else the
/// last completed one (`the latest quarter`), a year back for `the
/// year-ago quarter`.
fn unnumbered_quarter(lower: &str, dct: NaiveDate, year_ago: bool) -> (i32, u32) {
    let current = quarter_of(dct);
    // the latest / last / previous quarter: the last completed one.
    let shift_year = year_ago;
    let (y, q) = if current == 1 {
        (dct.year() - 1, 4)
    } else {
        (dct.year(), current - 1)
    };
    if lower.contains("current") {
        (dct.year(), current)
    } else if shift_year {
        (y - 1, q)
    } else {
        (y, q)
    }
}
