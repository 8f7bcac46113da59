//! Durations as TIMEX3 values write them (`P3D`, `PT4H`, `P2Y6M`, `PXW`):
//! unit words and their TimeML letters.

use super::numbers::format_num;

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
