//! Periods counted from the publication date or from the last date the
//! article named: `last week`, `next month`, `the following year`, `the end
//! of this month`, `three years ago`, `a year earlier`, `year-end`, `the
//! year`, `that year`.

use chrono::{Datelike, Duration, NaiveDate};

use super::calendar::{
    add_months, century_of, decade_of, iso_date, iso_week, quarter_of, resolve_weekday,
    resolve_year, season_code, weekday, year_value,
};
use super::durations::unit_code;
use super::expr::{Expr, Found};
use super::numbers::number_before;
use super::tense::Tense;
use super::TimexKind;
use crate::article::month_number;

/// `the beginning of next year`, `the end of March`: the period's value
/// (the modifier comes from the words).
pub(super) fn bound(e: &Expr<'_>) -> Option<Found> {
    let lower = e.lower;
    let dct = e.dct;
    let tense = e.tense;
    // the beginning/middle/end of <period>: the period's value with a modifier.
    let inner = lower.split(" of ").nth(1)?;
    period_value(inner, dct, tense).map(|(v, rel)| e.found(TimexKind::Date, v, rel))
}

/// `last week`, `this month`, `next Friday`, `the following year`, `the
/// previous month`.
pub(super) fn relative_unit(e: &Expr<'_>) -> Option<Found> {
    let lower = e.lower;
    let words = e.words;
    let dct = e.dct;
    let tense = e.tense;
    let ctx = e.ctx;
    let last_date = e.ctx.last_date;
    // `the following year`, `the previous year`: next to the year last named.
    let delta = if lower.contains("following") {
        1
    } else if lower.contains("previous") {
        -1
    } else {
        0
    };
    if let (Some((y, m)), true) = (ctx.last_month, lower.ends_with(" month") && delta != 0) {
        let (y, m) = add_months(y, m, delta);
        return e.relative(
            TimexKind::Date,
            year_value(y).map(|y| format!("{y}-{m:02}")),
        );
    }
    // `the previous Friday`: the one before the day last named.
    if let (Some(d), Some(wd)) = (
        last_date,
        words
            .last()
            .and_then(|w| weekday(w).filter(|_| w.len() >= 6)),
    ) {
        if delta != 0 {
            let t = if delta > 0 {
                Tense::Future
            } else {
                Tense::Past
            };
            return e.relative(
                TimexKind::Date,
                Some(iso_date(resolve_weekday(d, wd, t, true))),
            );
        }
    }
    if let (Some(y), true) = (ctx.last_year, lower.ends_with(" year") && delta != 0) {
        return e.relative(TimexKind::Date, year_value(y + delta));
    }
    period_value(lower, dct, tense).map(|(v, _)| {
        let kind = if lower.ends_with("morning") || lower.ends_with("night") {
            TimexKind::Time
        } else {
            TimexKind::Date
        };
        e.found(kind, v, true)
    })
}

/// `three years ago` (from the publication date), `two days later`, `a
/// week earlier` (from the last date named).
pub(super) fn ago(e: &Expr<'_>) -> Option<Found> {
    let lower = e.lower;
    let words = e.words;
    let dct = e.dct;
    let ctx = e.ctx;
    let last_date = e.ctx.last_date;
    let unit_idx = words.iter().position(|w| unit_code(w).is_some())?;
    let n = number_before(words, unit_idx);
    let dir: i64 = if lower.ends_with("later") { 1 } else { -1 };
    let base = if lower.ends_with("ago") {
        dct
    } else {
        last_date.or(dct)
    };
    let Some(base) = base else {
        return e.relative(TimexKind::Date, None);
    };
    let Some(n) = n else {
        return e.relative(
            TimexKind::Date,
            Some(if dir < 0 {
                "PAST_REF".into()
            } else {
                "FUTURE_REF".into()
            }),
        );
    };
    // `13.8 billion years ago`: past any calendar the value can name.
    if !(0.0..=10_000.0).contains(&n) {
        return e.relative(TimexKind::Date, None);
    }
    let n = n as i64;
    if let (Some((qy, q)), "Y") = (ctx.last_quarter, unit_code(words[unit_idx])?.0) {
        if dir < 0 && n == 1 {
            return e.relative(
                TimexKind::Date,
                year_value(qy - 1).map(|y| format!("{y}-Q{q}")),
            );
        }
    }
    let year = base.year() as i64;
    let v = match unit_code(words[unit_idx])?.0 {
        "D" => Some(iso_date(base.checked_add_signed(Duration::days(dir * n))?)),
        "W" => Some(iso_week(base.checked_add_signed(Duration::weeks(dir * n))?)),
        "M" if !unit_code(words[unit_idx])?.1 => {
            let (y, m) = add_months(base.year(), base.month(), (dir * n) as i32);
            year_value(y).map(|y| format!("{y}-{m:02}"))
        }
        "Y" => year_value(year + dir * n),
        "DE" => decade_of(year + dir * n * 10),
        "CE" => century_of(year + dir * n * 100),
        _ => Some(iso_date(base)),
    };
    e.relative(TimexKind::Date, v)
}

/// `a year ago`, `a year earlier`, `the year-ago quarter`: a year before the
/// publication date, or before the quarter the article is about.
pub(super) fn year_ago(e: &Expr<'_>) -> Option<Found> {
    let lower = e.lower;
    let dct = e.dct;
    let ctx = e.ctx;
    let Some(dct) = dct else {
        return e.relative(TimexKind::Date, None);
    };
    if let Some((y, q)) = ctx.last_quarter {
        return e.relative(
            TimexKind::Date,
            year_value(y - 1).map(|y| format!("{y}-Q{q}")),
        );
    }
    if lower.contains("quarter") || lower.contains("period") {
        let q = quarter_of(dct);
        let (y, q) = if q == 1 {
            (dct.year() - 1, 4)
        } else {
            (dct.year(), q - 1)
        };
        return e.relative(
            TimexKind::Date,
            year_value(y - 1).map(|y| format!("{y}-Q{q}")),
        );
    }
    e.relative(TimexKind::Date, year_value(dct.year() - 1))
}

/// `year-end`: the end of the publication's year (`since year-end` looks back).
pub(super) fn year_end(e: &Expr<'_>) -> Option<Found> {
    let dct = e.dct;
    let prev = e.prev.as_str();
    // The end of the publication's year; `since year-end` looks back.
    let Some(dct) = dct else {
        return e.relative(TimexKind::Date, None);
    };
    let back = i32::from(prev == "since");
    e.relative(TimexKind::Date, year_value(dct.year() - back))
}

/// `the year`, `the full year`: the publication's year; `the year ended
/// June 30` is a span of a year.
pub(super) fn the_year(e: &Expr<'_>) -> Option<Found> {
    let lower = e.lower;
    let dct = e.dct;
    let next = e.next;
    let after = e.after();
    // `for the year ended June 30` is a span of a year; `the full year`, `the year` a date.
    if after.starts_with('-') || next.starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    let nl = next.to_ascii_lowercase();
    if matches!(nl.as_str(), "ended" | "ending" | "to" | "through") {
        return e.absolute_or_none(TimexKind::Duration, Some("P1Y".into()));
    }
    let shift = i32::from(lower.contains("latest"));
    e.relative(
        TimexKind::Date,
        dct.and_then(|d| year_value(d.year() - shift)),
    )
}

/// `that year`: the year last named.
pub(super) fn that_year(e: &Expr<'_>) -> Option<Found> {
    let ctx = e.ctx;
    e.relative(TimexKind::Date, ctx.last_year.and_then(year_value))
}

/// The value of `this/last/next <unit>` and similar periods, and whether it
/// was counted from the publication date.
fn period_value(
    lower: &str,
    dct: Option<NaiveDate>,
    tense: Option<Tense>,
) -> Option<(Option<String>, bool)> {
    let words: Vec<&str> = lower.split(' ').collect();
    let unit = *words.last()?;
    let Some(dct) = dct else {
        if let Ok(y) = unit.parse::<i32>() {
            return Some((year_period(&words, y), false));
        }
        return Some((None, true));
    };
    let dir = direction(&words);
    if let Ok(y) = unit.parse::<i32>() {
        return Some((year_period(&words, y), false));
    }
    let v = match unit {
        "week" => Some(iso_week(dct + Duration::weeks(dir as i64))),
        "weekend" => {
            let d = dct
                + Duration::weeks(if dir == 0 && dct.weekday().number_from_monday() < 6 {
                    0
                } else {
                    dir as i64
                });
            Some(format!("{}-WE", iso_week(d)))
        }
        "month" => {
            let (y, m) = add_months(dct.year(), dct.month(), dir);
            year_value(y).map(|y| format!("{y}-{m:02}"))
        }
        "year" => year_value(dct.year() + dir),
        "decade" => decade_of(dct.year() + dir * 10),
        "century" => century_of(dct.year() + dir * 100),
        s if matches!(s, "spring" | "summer" | "fall" | "autumn" | "winter") => {
            season_period(dct, s, dir)
        }
        s if month_number(s).is_some() && s.len() >= 3 => {
            month_period(dct, month_number(s)?, dir, tense)
        }
        s if weekday(s).is_some() => {
            let wd = weekday(s)?;
            let t = match dir {
                1 => Tense::Future,
                -1 => Tense::Past,
                _ => tense.unwrap_or(Tense::Past),
            };
            Some(iso_date(resolve_weekday(dct, wd, t, dir != 0)))
        }
        _ => return None,
    };
    Some((v, true))
}

/// Which way the words of a period point: -1 (`last`, `past`,
/// `previous`), 1 (`next`, `coming`, `following`) or 0 (`this`).
fn direction(words: &[&str]) -> i32 {
    if words.contains(&"last") || words.contains(&"past") || words.contains(&"previous") {
        -1
    } else if words.contains(&"next") || words.contains(&"coming") || words.contains(&"following") {
        1
    } else {
        0
    }
}

/// The value of a period that names its year (`the end of March 2023`,
/// `the start of 2023`): the month of that year when one is named.
fn year_period(words: &[&str], y: i32) -> Option<String> {
    match words
        .iter()
        .find_map(|w| month_number(w).filter(|_| w.len() >= 3))
    {
        Some(m) => year_value(y).map(|y| format!("{y}-{m:02}")),
        None => year_value(y),
    }
}

/// The season `s` (`spring` .. `winter`) that `dir` points to from `dct`.
fn season_period(dct: NaiveDate, s: &str, dir: i32) -> Option<String> {
    let code = season_code(s);
    let season_month = match code {
        "SP" => 4,
        "SU" => 7,
        "FA" => 10,
        _ => 1,
    };
    let y = match dir {
        -1 if season_month >= dct.month() => dct.year() - 1,
        1 if season_month <= dct.month() => dct.year() + 1,
        _ => dct.year(),
    };
    year_value(y).map(|y| format!("{y}-{code}"))
}

/// Month `m` that `dir` points to from `dct` (`last March`, `next
/// January`); `this March` the nearest in the clause's tense.
fn month_period(dct: NaiveDate, m: u32, dir: i32, tense: Option<Tense>) -> Option<String> {
    let y = match dir {
        -1 if m >= dct.month() => dct.year() - 1,
        1 if m <= dct.month() => dct.year() + 1,
        -1 | 1 => dct.year(),
        _ => resolve_year(dct, m, None, tense.or(Some(Tense::Past))),
    };
    year_value(y).map(|y| format!("{y}-{m:02}"))
}
