//! Days: weekdays (`Tuesday`, `Sunday evening`), days counted from the
//! publication date or the last date named (`yesterday`, `tonight`, `the
//! next day`, `the weekend`) and holidays (`Christmas Eve`, `Thanksgiving`).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::calendar::{iso_date, pod_code, resolve_weekday, resolve_year, weekday, year_value};
use super::expr::{Expr, Found};
use super::tense::Tense;
use super::TimexKind;
use crate::article::month_number;

/// `Tuesday`, `late Sunday night`: the nearest such day in the clause's
/// tense; not a name (`Sunday Times`, `the Mail on Sunday`).
pub(super) fn named_weekday(e: &Expr<'_>) -> Option<Found> {
    let words = e.words;
    let sentence = e.sentence;
    let mstart = e.start;
    let dct = e.dct;
    let tense = e.tense;
    let next = e.next;
    let after = e.after();
    // Not a newspaper or other name: "Sunday Times" (but "Friday, Netanyahu said").
    let name_follows = after
        .strip_prefix(' ')
        .is_some_and(|r| r.starts_with(char::is_uppercase));
    if name_follows && month_number(next).is_none() {
        return None;
    }
    // `the Mail on Sunday`, `the Independent on Sunday`: newspapers.
    let before = sentence[..mstart].trim_end();
    if before.ends_with("Mail on") || before.ends_with("Independent on") {
        return None;
    }
    let wd = words
        .iter()
        .find_map(|w| weekday(w).filter(|_| w.len() >= 6))?;
    let pod = words.iter().find(|w| {
        matches!(
            **w,
            "morning" | "afternoon" | "evening" | "night" | "overnight"
        )
    });
    let Some(dct) = dct else {
        let n = wd.number_from_monday();
        return e.relative(TimexKind::Date, Some(format!("XXXX-WXX-{n}")));
    };
    let d = resolve_weekday(dct, wd, tense.unwrap_or(Tense::Past), false);
    match pod {
        Some(p) => e.relative(
            TimexKind::Time,
            Some(format!("{}{}", iso_date(d), pod_code(p))),
        ),
        None => e.relative(TimexKind::Date, Some(iso_date(d))),
    }
}

/// `yesterday`, `tomorrow morning`, `tonight`, `last night`, `the next day`,
/// `the day before`, `the weekend`.
pub(super) fn relative_day(e: &Expr<'_>) -> Option<Found> {
    let lower = e.lower;
    let words = e.words;
    let dct = e.dct;
    let tense = e.tense;
    let last_date = e.ctx.last_date;
    if lower == "the weekend" {
        let Some(dct) = dct else {
            return e.relative(TimexKind::Date, None);
        };
        let d = if tense == Some(Tense::Future) {
            dct + Duration::days(7)
        } else {
            dct - Duration::days(7)
        };
        let w = if dct.weekday().number_from_monday() >= 6 {
            dct.iso_week()
        } else {
            d.iso_week()
        };
        return e.relative(
            TimexKind::Date,
            year_value(w.year()).map(|y| format!("{y}-W{:02}-WE", w.week())),
        );
    }
    let base = if lower.contains("next day") || lower.contains("following day") {
        last_date.or(dct).map(|d| d + Duration::days(1))
    } else if lower.contains("previous day") || lower.contains("day before") {
        last_date.or(dct).map(|d| d - Duration::days(1))
    } else if lower.contains("yesterday") || lower == "last night" {
        dct.map(|d| d - Duration::days(1))
    } else if lower.contains("tomorrow") {
        dct.map(|d| d + Duration::days(1))
    } else {
        dct
    };
    let Some(d) = base else {
        return e.relative(TimexKind::Date, None);
    };
    let pod = words.iter().find(|w| {
        matches!(
            **w,
            "morning" | "afternoon" | "evening" | "night" | "overnight"
        )
    });
    if lower.contains("tonight") {
        return e.relative(TimexKind::Time, Some(format!("{}TNI", iso_date(d))));
    }
    match pod {
        Some(p) => e.relative(
            TimexKind::Time,
            Some(format!("{}{}", iso_date(d), pod_code(p))),
        ),
        None => e.relative(TimexKind::Date, Some(iso_date(d))),
    }
}

/// `Christmas`, `Christmas Eve`, `New Year's Day`, `Thanksgiving`.
pub(super) fn holiday(e: &Expr<'_>) -> Option<Found> {
    let lower = e.lower;
    let dct = e.dct;
    let tense = e.tense;
    let (m, d) = if lower.starts_with("christmas") {
        (12, if lower.ends_with("eve") { 24 } else { 25 })
    } else if lower.starts_with("new year") {
        if lower.ends_with("eve") {
            (12, 31)
        } else {
            (1, 1)
        }
    } else {
        (11, 0) // Thanksgiving: the fourth Thursday of November
    };
    let Some(dct) = dct else {
        return e.relative(TimexKind::Date, None);
    };
    let y = resolve_year(dct, m, Some(d.max(22)), tense);
    let date = if d == 0 {
        let first = NaiveDate::from_ymd_opt(y, 11, 1)?;
        let to_thu = (7 + Weekday::Thu.num_days_from_monday() as i64
            - first.weekday().num_days_from_monday() as i64)
            % 7;
        first + Duration::days(to_thu + 21)
    } else {
        NaiveDate::from_ymd_opt(y, m, d)?
    };
    e.relative(TimexKind::Date, Some(iso_date(date)))
}
