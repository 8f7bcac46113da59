//! The calendar as TIMEX3 values write it: years, decades, centuries,
//! dates and weeks as text, the check that a value stays within years
//! 1-9999, month and quarter arithmetic, and the weekday or year a bare
//! `Tuesday` or `in March` names from the publication date.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

use super::tense::Tense;

/// The weekday a word names by its first three letters (`Tue`, `tuesday`).
pub(super) fn weekday(s: &str) -> Option<Weekday> {
    Some(match s.get(..3)?.to_ascii_lowercase().as_str() {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// The first and last year a TIMEX3 value can name: four digits, no sign.
const YEARS: std::ops::RangeInclusive<i64> = 1..=9999;

/// Year `y` as a TIMEX3 value writes it, four digits (`0998`); `None`
/// outside years 1-9999, which have no such form.
pub(super) fn year_value(y: impl Into<i64>) -> Option<String> {
    let y = y.into();
    YEARS.contains(&y).then(|| format!("{y:04}"))
}

/// The decade of year `y` (`199` for 1995, `099` for 995); `None` outside years 1-9999.
pub(super) fn decade_of(y: impl Into<i64>) -> Option<String> {
    let y = y.into();
    YEARS.contains(&y).then(|| format!("{:03}", y / 10))
}

/// The century of year `y` as TimeML writes it (`20` for 2023); `None`
/// outside years 1-9999.
pub(super) fn century_of(y: impl Into<i64>) -> Option<String> {
    let y = y.into();
    YEARS.contains(&y).then(|| format!("{:02}", y / 100))
}

/// A date as `YYYY-MM-DD`. A year outside 1-9999 comes out signed or as
/// `0000`, which [`well_formed`] refuses.
pub(super) fn iso_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The ISO week of a date as `YYYY-Www`.
pub(super) fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// Whether `value` is a TIMEX3 value as this layer writes them, with every
/// year from 0001 to 9999: `PRESENT_REF`, a duration (`P2Y6M`, `PT1M30S`,
/// `PXD`), a century or decade (`20`, `199`), or a year (`2023`, `XXXX`)
/// with a month, day, time, week, quarter, half or season. A value that
/// arithmetic took past the calendar (`+10000-01-01`, `0000-12-31`, `-979`,
/// `10000-W01`) is not one, and is dropped rather than written.
pub(super) fn well_formed(value: &str) -> bool {
    static VALUE: LazyLock<Regex> = LazyLock::new(|| {
        let num = r"(?:\d+(?:\.\d+)?|X)";
        let time = r"T(?:MO|AF|EV|NI|\d\d:\d\d(?::\d\d)?Z?)";
        Regex::new(&format!(
            r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF|\d{{2,3}}|P(?:{num}(?:[YMWDQ]|DE|CE))*(?:T(?:{num}[HMS])+)?|(?:\d{{4}}|XXXX)(?:-(?:\d\d(?:-\d\d(?:{time})?)?|W\d\d(?:-WE)?|WXX-[1-7]|Q[1-4]|H[12]|SP|SU|FA|WI|XX-XX{time}))?)$"
        ))
        .expect("valid TIMEX3 value pattern")
    });
    VALUE.is_match(value) && value != "P" && !value.starts_with("0000")
}

/// The quarter (1-4) a date falls in.
pub(super) fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// Month `m` of year `y` moved by `delta` months: the year and month.
pub(super) fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let total = y * 12 + (m as i32 - 1) + delta;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32)
}

/// The TIMEX3 code of a part of the day (`morning` is `TMO`).
pub(super) fn pod_code(s: &str) -> &'static str {
    match s.to_ascii_lowercase().as_str() {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        _ => "TNI",
    }
}

/// The TIMEX3 code of a season (`summer` is `SU`; `fall` and `autumn` are `FA`).
pub(super) fn season_code(s: &str) -> &'static str {
    match s.to_ascii_lowercase().as_str() {
        "spring" => "SP",
        "summer" => "SU",
        "winter" => "WI",
        _ => "FA",
    }
}

/// The TimeML value of a decade named without its century (`the '90s`,
/// `the nineties`): the latest such decade that has begun by the publication
/// date (the 1990s in 2023, not the 2090s).
pub(super) fn decade_value(dct: Option<NaiveDate>, tens: i32) -> Option<String> {
    let year = dct.map_or(1999, |d| d.year());
    let mut century = year.div_euclid(100);
    if century * 100 + tens * 10 > year {
        century -= 1;
    }
    decade_of(century * 100 + tens * 10)
}

/// The day with weekday `wd` nearest to `dct` in the direction of `tense`
/// (the day itself when it is that weekday).
pub(super) fn resolve_weekday(
    dct: NaiveDate,
    wd: Weekday,
    tense: Tense,
    strict: bool,
) -> NaiveDate {
    let diff = (wd.num_days_from_monday() as i64) - (dct.weekday().num_days_from_monday() as i64);
    match tense {
        Tense::Past => {
            let back = (-diff).rem_euclid(7);
            let back = if strict && back == 0 { 7 } else { back };
            dct - Duration::days(back)
        }
        Tense::Future => {
            let fwd = diff.rem_euclid(7);
            let fwd = if strict && fwd == 0 { 7 } else { fwd };
            dct + Duration::days(fwd)
        }
    }
}

/// The year that places month `m` (and day `d`) nearest the publication
/// date, in the direction of the sentence's tense when it is far.
pub(super) fn resolve_year(dct: NaiveDate, m: u32, d: Option<u32>, tense: Option<Tense>) -> i32 {
    let y = dct.year();
    let day = d.unwrap_or(15);
    // Within the calendar (`in January` of an article of 9999-12-31 is 9999's).
    let candidates = [y - 1, y, y + 1].map(|c| c.clamp(1, 9999));
    let score = |cy: i32| -> i64 {
        let date = NaiveDate::from_ymd_opt(cy, m, day.min(28)).unwrap_or(dct);
        let days = (date - dct).num_days();
        let penalty = match tense {
            Some(Tense::Past) if days > 1 => 200,
            Some(Tense::Future) if days < -1 => 200,
            _ => 0,
        };
        days.abs() + penalty
    };
    *candidates.iter().min_by_key(|c| score(**c)).unwrap_or(&y)
}
