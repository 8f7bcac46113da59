//! The interval a DATE or TIME value covers: its first and last instant.

use chrono::{Duration, NaiveDate, NaiveTime, Weekday};

use super::calendar::add_months;
use super::Interval;

/// The interval a TIMEX3 value of a DATE or TIME covers.
pub fn interval_of(value: &str) -> Option<Interval> {
    let day_start = |d: NaiveDate| d.and_time(NaiveTime::MIN);
    let day_end = |d: NaiveDate| d.and_hms_opt(23, 59, 59).expect("valid time");
    let b = value.as_bytes();
    let year: i32 = value.get(..4)?.parse().ok()?;
    if !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let rest = &value[4..];
    if rest.is_empty() {
        let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
        return Some(Interval {
            first: day_start(first),
            last: day_end(last),
        });
    }
    if let Some(q) = rest.strip_prefix("-Q") {
        let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        let first = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)?;
        let (ny, nm) = add_months(year, (q - 1) * 3 + 1, 3);
        let last = NaiveDate::from_ymd_opt(ny, nm, 1)? - Duration::days(1);
        return Some(Interval {
            first: day_start(first),
            last: day_end(last),
        });
    }
    if let Some(w) = rest.strip_prefix("-W") {
        let (w, we) = match w.strip_suffix("-WE") {
            Some(w) => (w, true),
            None => (w, false),
        };
        let w: u32 = w.parse().ok()?;
        let monday = NaiveDate::from_isoywd_opt(year, w, Weekday::Mon)?;
        let (first, last) = if we {
            (monday + Duration::days(5), monday + Duration::days(6))
        } else {
            (monday, monday + Duration::days(6))
        };
        return Some(Interval {
            first: day_start(first),
            last: day_end(last),
        });
    }
    let month: u32 = value.get(5..7)?.parse().ok()?;
    if value.len() == 7 {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let (ny, nm) = add_months(year, month, 1);
        let last = NaiveDate::from_ymd_opt(ny, nm, 1)? - Duration::days(1);
        return Some(Interval {
            first: day_start(first),
            last: day_end(last),
        });
    }
    let day: u32 = value.get(8..10)?.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let time = value.get(10..).unwrap_or("");
    let hm = |h: u32, m: u32| date.and_hms_opt(h, m, 0);
    let (first, last) = match time {
        "" => (day_start(date), day_end(date)),
        "TMO" => (hm(5, 0)?, date.and_hms_opt(11, 59, 59)?),
        "TAF" => (hm(12, 0)?, date.and_hms_opt(17, 59, 59)?),
        "TEV" => (hm(18, 0)?, date.and_hms_opt(21, 59, 59)?),
        "TNI" => (
            hm(21, 0)?,
            (date + Duration::days(1)).and_hms_opt(4, 59, 59)?,
        ),
        t => {
            let h: u32 = t.get(1..3)?.parse().ok()?;
            let m: u32 = t.get(4..6)?.parse().ok()?;
            (hm(h, m)?, date.and_hms_opt(h, m, 59)?)
        }
    };
    Some(Interval { first, last })
}
