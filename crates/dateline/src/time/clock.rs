//! Clock times and the day they are on: `10 p.m. Wednesday`, `5 p.m. EST
//! Nov. 9`, `noon`, `14:30 GMT`.

use chrono::{Duration, NaiveDate};

use super::calendar::{iso_date, resolve_weekday, resolve_year, weekday};
use super::expr::{Expr, Found};
use super::tense::Tense;
use super::TimexKind;
use crate::article::month_number;

/// A clock time and its day: a day it names, else the last date named,
/// else the publication date.
pub(super) fn clock(e: &Expr<'_>) -> Option<Found> {
    let words = e.words;
    // The clock part, then the day it names (`10 p.m. Wednesday`, `5 p.m. EST Nov. 9`).
    let month_at = words
        .iter()
        .position(|w| w.len() >= 3 && month_number(w).is_some());
    let (h, mi) = hour_and_minute(&words[..month_at.unwrap_or(words.len())])?;
    if h > 24 || mi > 59 {
        return None;
    }
    let named_day = named_day(e, month_at)?;
    let zulu = if words.iter().any(|w| matches!(*w, "utc" | "gmt")) {
        "Z"
    } else {
        ""
    };
    match day_of(e, named_day) {
        Some(d) => e.relative(
            TimexKind::Time,
            Some(format!("{}T{h:02}:{mi:02}{zulu}", iso_date(d))),
        ),
        None => e.relative(
            TimexKind::Time,
            Some(format!("XXXX-XX-XXT{h:02}:{mi:02}{zulu}")),
        ),
    }
}

/// The hour and minute the clock words give (`10 p.m.`, `14:30`, `noon`,
/// `midnight` as 24:00); `None` when they hold no number.
fn hour_and_minute(clock_words: &[&str]) -> Option<(u32, u32)> {
    if clock_words.iter().any(|w| matches!(*w, "noon" | "midday")) {
        return Some((12, 0));
    }
    if clock_words.contains(&"midnight") {
        return Some((24, 0));
    }
    let clock = clock_words.join(" ");
    let lead: String = clock.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let rest = &clock[lead.len()..];
    let mut parts = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty());
    let mut h: u32 = parts.next()?.parse().ok()?;
    let mi: u32 = if rest.contains(':') {
        parts.next()?.parse().ok()?
    } else {
        0
    };
    if rest.contains("p.m") && h < 12 {
        h += 12;
    } else if rest.contains("a.m") && h == 12 {
        h = 0;
    }
    Some((h, mi))
}

/// The day a month and day after the clock name (`5 p.m. EST Nov. 9`,
/// from word `month_at`): `Some(None)` when none is named or it has no
/// year to be placed in, `None` when the named day does not exist (the
/// expression is dropped).
fn named_day(e: &Expr<'_>, month_at: Option<usize>) -> Option<Option<NaiveDate>> {
    let Some(i) = month_at else {
        return Some(None);
    };
    let words = e.words;
    let month = month_number(words[i])?;
    let mut nums = words[i + 1..].iter().filter_map(|w| {
        w.trim_end_matches([',', '.'])
            .trim_end_matches(char::is_alphabetic)
            .parse::<u32>()
            .ok()
    });
    let day = nums.next().filter(|d| (1..=31).contains(d))?;
    Some(match nums.next().map(|y| y as i32) {
        Some(y) => Some(NaiveDate::from_ymd_opt(y, month, day)?),
        None => match e.dct {
            Some(d) => {
                let y = resolve_year(d, month, Some(day), e.tense);
                Some(NaiveDate::from_ymd_opt(y, month, day)?)
            }
            None => None,
        },
    })
}

/// The day of a clock time: the day named after it, a weekday (in the
/// clause's tense), `yesterday`, `tomorrow` or `today`, else the last date
/// named, else the publication date.
fn day_of(e: &Expr<'_>, named_day: Option<NaiveDate>) -> Option<NaiveDate> {
    let (words, dct) = (e.words, e.dct);
    if named_day.is_some() {
        named_day
    } else if let Some(wd) = words
        .iter()
        .find_map(|w| weekday(w).filter(|_| w.len() >= 6))
    {
        dct.map(|d| resolve_weekday(d, wd, e.tense.unwrap_or(Tense::Past), false))
    } else if words.contains(&"yesterday") {
        dct.map(|d| d - Duration::days(1))
    } else if words.contains(&"tomorrow") {
        dct.map(|d| d + Duration::days(1))
    } else if words.contains(&"today") {
        dct
    } else {
        e.ctx.last_date.or(dct)
    }
}
