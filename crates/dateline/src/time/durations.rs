//! Durations as TIMEX3 values write them (`P3D`, `PT4H`, `P2Y6M`, `PXW`):
//! unit words and their TimeML letters.

use super::calendar::weekday;
use super::expr::{Expr, Found};
use super::numbers::{format_num, number_before};
use super::TimexKind;
use crate::article::month_number;

/// TimeML unit letter of a unit word, and whether it is a time (PT) unit.
pub(super) fn unit_code(unit: &str) -> Option<(&'static str, bool)> {
    let u = unit.to_ascii_lowercase();
    let u = u.trim_end_matches('s');
    Some(match u {
        "second" => ("S", true),
        "minute" => ("M", true),
        "hour" => ("H", true),
        "day" => ("D", false),
        "week" => ("W", false),
        "fortnight" => ("W", false),
        "month" => ("M", false),
        "year" => ("Y", false),
        "decade" => ("DE", false),
        "quarter" => ("Q", false),
        "century" | "centurie" => ("CE", false),
        _ => return None,
    })
}

/// The longest duration that gets a value, in years: the span of the
/// calendar. A count past it (`9223372036854775807 years`) keeps no value
/// rather than an overflowed or invented one.
const LONGEST_DURATION_YEARS: f64 = 10_000.0;

/// How many of a TimeML unit (letter, and whether it is a time unit) make a year.
fn units_per_year(code: &str, time: bool) -> f64 {
    match (code, time) {
        ("S", true) => 31_557_600.0,
        ("M", true) => 525_960.0,
        ("H", true) => 8_766.0,
        ("D", _) => 365.25,
        ("W", _) => 52.18,
        ("M", false) => 12.0,
        ("Q", _) => 4.0,
        ("DE", _) => 0.1,
        ("CE", _) => 0.01,
        _ => 1.0,
    }
}

/// The TIMEX3 value of a duration of `n` (`None`: an unknown count, `X`)
/// `unit`s: `P3D`, `PT4H`, `P2Y6M`, `PXW`. `None` for a unit that is none,
/// or a count longer than [`LONGEST_DURATION_YEARS`].
pub(super) fn duration_value(n: Option<f64>, unit: &str) -> Option<String> {
    let (code, time) = unit_code(unit)?;
    let lower = unit.to_ascii_lowercase();
    let n = n.map(|n| {
        if lower.starts_with("fortnight") {
            n * 2.0
        } else {
            n
        }
    });
    let years = n.map(|n| n / units_per_year(code, time));
    if years.is_some_and(|y| y.is_nan() || y > LONGEST_DURATION_YEARS) {
        return None;
    }
    // A half goes to the next smaller unit: `2 1/2 years` is P2Y6M.
    if let Some(n) = n.filter(|n| n.fract() == 0.5) {
        let whole = n.trunc() as i64;
        let half = match (code, time) {
            ("Y", false) => Some("6M"),
            ("D", false) => Some("T12H"),
            ("H", true) => Some("30M"),
            ("M", true) => Some("30S"),
            _ => None,
        };
        if let Some(half) = half {
            let whole = if whole > 0 {
                format!("{whole}{code}")
            } else {
                String::new()
            };
            return Some(if time {
                format!("PT{whole}{half}")
            } else {
                format!("P{whole}{half}")
            });
        }
    }
    // Decades and centuries as years, as TimeML annotators write them (P20Y).
    let (n, code) = match (n, code) {
        (Some(n), "DE") => (Some(n * 10.0), "Y"),
        (Some(n), "CE") => (Some(n * 100.0), "Y"),
        other => other,
    };
    let n = n.map_or_else(|| "X".to_string(), format_num);
    Some(if time {
        format!("PT{n}{code}")
    } else {
        format!("P{n}{code}")
    })
}

/// `three years`, `the past two weeks`, `more than 24 hours`; not an age
/// (`five-year-old`) or a rate (`$5 a day`).
pub(super) fn duration(e: &Expr<'_>) -> Option<Found> {
    let words = e.words;
    let prev = e.prev.as_str();
    let after = e.after();
    let is_age =
        after.starts_with("-old") || after.starts_with(" old") || after.starts_with("-olds");
    if is_age {
        return None;
    }
    let unit_idx = words.iter().position(|w| unit_code(w).is_some())?;
    let unit = words[unit_idx];
    let n = number_before(words, unit_idx);
    // "a year" alone after "once/twice"? handled by set. "the year" is no duration here.
    if words[..unit_idx].iter().all(|w| *w == "the") {
        return None;
    }
    // "a day" as in "$5 a day" is a rate, not a duration.
    if unit_idx == 1 && words[0] == "a" && prev.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    e.absolute_or_none(TimexKind::Duration, duration_value(n, unit))
}

/// `daily`, `every Monday`, `twice a year`, `a year` after a number (a rate).
pub(super) fn set(e: &Expr<'_>) -> Option<Found> {
    let lower = e.lower;
    let words = e.words;
    let prev = e.prev.as_str();
    // `every Monday` (not `monthly`, which begins as Monday does).
    let weekday_named = words
        .iter()
        .find_map(|w| weekday(w).filter(|_| w.ends_with("day") && w.len() >= 6));
    let v = if let Some(wd) = weekday_named {
        format!("XXXX-WXX-{}", wd.number_from_monday())
    } else if lower.contains("day") || lower == "daily" {
        "P1D".to_string()
    } else if lower.contains("week") {
        "P1W".to_string()
    } else if lower.contains("month") {
        "P1M".to_string()
    } else if let Some(wd) = words
        .iter()
        .find_map(|w| weekday(w).filter(|_| w.len() >= 6))
    {
        format!("XXXX-WXX-{}", wd.number_from_monday())
    } else if let Some(mo) = words
        .iter()
        .skip(1)
        .find_map(|w| month_number(w).filter(|_| w.len() >= 3))
    {
        format!("XXXX-{mo:02}")
    } else {
        // "a year" as a rate needs a number or price before it.
        if lower == "a year"
            && !prev.chars().next().is_some_and(|c| c.is_ascii_digit())
            && !matches!(prev, "million" | "billion" | "percent" | "once" | "twice")
        {
            return e.absolute_or_none(TimexKind::Duration, Some("P1Y".into()));
        }
        "P1Y".to_string()
    };
    e.absolute_or_none(TimexKind::Set, Some(v))
}

/// `years`, `recent months`, `several weeks`: a duration of unknown length.
pub(super) fn plural_unit(e: &Expr<'_>) -> Option<Found> {
    let words = e.words;
    let unit = words.last()?;
    e.absolute_or_none(TimexKind::Duration, duration_value(None, unit))
}
