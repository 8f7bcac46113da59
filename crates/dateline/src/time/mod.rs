//! The time layer: temporal expressions, normalised to TimeML TIMEX3 values
//! against the publication date.
//!
//! Expressions are found by one compiled pattern over the text (so the scan
//! is a single pass of a lazy DFA), then each match is interpreted: absolute
//! dates, weekdays and month-days resolved by the tense of their sentence,
//! `last week`, `two years ago`, quarters, seasons, durations, sets,
//! clock times and the PRESENT/PAST/FUTURE references. Without a
//! publication date, relative expressions keep no value rather than an
//! invented one.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::article::month_number;
use crate::span::Span;

mod calendar;
mod durations;
mod interval;
mod numbers;
mod patterns;
mod tense;

use calendar::{
    add_months, century_of, decade_of, decade_value, iso_date, iso_week, pod_code, quarter_of,
    resolve_weekday, resolve_year, season_code, weekday, well_formed, year_value,
};
use durations::{duration_value, unit_code};
pub use interval::interval_of;
use numbers::{number_before, spelled_tens, spelled_year};
use patterns::{locate, TIMEX};
use tense::{tense_for, Tense};

/// The TimeML type of a temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum TimexKind {
    /// A calendar date or period: `October 7`, `last week`, `2023`, `the third quarter`.
    Date,
    /// A time of day: `10:30 GMT`, `Sunday evening`, `tonight`.
    Time,
    /// A length of time: `three days`, `the past two months`.
    Duration,
    /// A recurrence: `daily`, `every Monday`.
    Set,
}

impl TimexKind {
    /// The TimeML name: `DATE`, `TIME`, `DURATION` or `SET`.
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// A TimeML modifier of a temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum TimexMod {
    /// `early`, `earlier this`: the start of the period.
    Start,
    /// `mid-`: the middle.
    Mid,
    /// `late`, `the end of`: the end.
    End,
    /// `about`, `around`, `some`.
    Approx,
    /// `more than`, `over`.
    MoreThan,
    /// `less than`, `almost`, `under`.
    LessThan,
    /// `nearly`, `up to`, `no more than`.
    EqualOrLess,
    /// `at least`.
    EqualOrMore,
}

impl TimexMod {
    /// The TimeML name (`START`, `MORE_THAN`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
        }
    }
}

/// The first and last instant an expression can mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    /// The first instant.
    pub first: NaiveDateTime,
    /// The last instant.
    pub last: NaiveDateTime,
}

/// A temporal expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimexKind,
    /// The TIMEX3 value (`2023-11-05TEV`, `2023-W45`, `P3D`, `PRESENT_REF`,
    /// `XXXX-10-07`), or `None` when it cannot be resolved (a relative
    /// expression in an article without a publication date).
    pub value: Option<String>,
    /// A modifier: `START`, `END`, `APPROX`, `MORE_THAN`, ...
    #[serde(rename = "mod")]
    pub modifier: Option<TimexMod>,
    /// What a relative expression was resolved against: the publication
    /// date (`2023-11-06`); `None` for absolute expressions.
    pub anchor: Option<String>,
    /// The first and last instant of a DATE or TIME value, when it has them.
    pub interval: Option<Interval>,
}

// -------------------------------------------------------------- helpers

fn modifier_of(text: &str) -> Option<TimexMod> {
    let l = text.to_ascii_lowercase();
    let starts = |p: &str| l.starts_with(p);
    if starts("more than") || starts("over ") || starts("just over") {
        Some(TimexMod::MoreThan)
    } else if starts("less than")
        || starts("fewer than")
        || starts("almost")
        || starts("under ")
        || starts("just under")
    {
        Some(TimexMod::LessThan)
    } else if starts("nearly") || starts("up to") || starts("no more than") || starts("at most") {
        Some(TimexMod::EqualOrLess)
    } else if starts("at least") {
        Some(TimexMod::EqualOrMore)
    } else if starts("about")
        || starts("around")
        || starts("approximately")
        || starts("roughly")
        || starts("some ")
        || l.ends_with(" or so")
    {
        Some(TimexMod::Approx)
    } else if starts("early") || starts("earlier") || starts("the beginning") || starts("the start")
    {
        Some(TimexMod::Start)
    } else if starts("mid") || starts("the middle") {
        Some(TimexMod::Mid)
    } else if starts("late") || starts("the end") {
        Some(TimexMod::End)
    } else {
        None
    }
}

// ------------------------------------------------------------ extraction

struct Found {
    span: Span,
    kind: TimexKind,
    value: Option<String>,
    relative: bool,
}

/// What the expressions read so far in an article say about the next one.
#[derive(Default)]
struct Context {
    /// The last day mentioned (for `the next day`, `a day earlier`, clock times).
    last_date: Option<NaiveDate>,
    /// The last quarter mentioned (for `a year earlier` in results).
    last_quarter: Option<(i32, u32)>,
    /// The year of the last date, month, quarter or year mentioned (for `that year`).
    last_year: Option<i32>,
    /// The last month mentioned, alone or in a date (for `the following month`).
    last_month: Option<(i32, u32)>,
}

/// Finds and normalises the temporal expressions of `text` within `body`,
/// sentence by sentence (`sentences` are byte spans), against `dct`.
pub(crate) fn extract(text: &str, sentences: &[Span], dct: Option<NaiveDate>) -> Vec<Timex> {
    // Dates are counted from within the four-digit years only, so that day
    // arithmetic never nears the ends of the calendar.
    let dct = dct.filter(|d| (1..=9999).contains(&d.year()));
    let mut out = Vec::new();
    let mut ctx = Context::default();
    for s in sentences {
        let sentence = s.slice(text);
        // Where the last expression listed in this sentence ends.
        let mut last_end = 0;
        for m in TIMEX.find_iter(sentence) {
            let Some(hit) = locate(sentence, &m, last_end) else {
                continue;
            };
            let (group, mstart, mend) = (hit.group, hit.start, hit.end);
            let span = Span::new(s.start + mstart, s.start + mend);
            // Only the forms resolved by direction need the tense of their clause.
            let tense = tense_for(group, sentence, hit.match_start, mend);
            let Some(found) = interpret(
                group,
                &sentence[mstart..mend],
                sentence,
                mstart,
                mend,
                span,
                dct,
                tense,
                &ctx,
            ) else {
                continue;
            };
            last_end = mend;
            let t = span.slice(text);
            // Arithmetic near the ends of the calendar (`tomorrow` on
            // 9999-12-31, `2023 years ago`) gives no value, not a malformed one.
            let value = found.value.filter(|v| well_formed(v));
            if let Some(v) = &value {
                if let Some(d) = v
                    .get(..10)
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                {
                    ctx.last_date = Some(d);
                }
                if let Some(y) = v.get(..4).and_then(|y| y.parse().ok()) {
                    ctx.last_year = Some(y);
                    let month = v.get(4..5) == Some("-")
                        && v.get(5..7)
                            .is_some_and(|m| m.bytes().all(|b| b.is_ascii_digit()));
                    if let (true, Some(m)) = (month, v.get(5..7).and_then(|m| m.parse().ok())) {
                        ctx.last_month = Some((y, m));
                    }
                }
                // A quarter named a year back (`a year earlier`) is a comparison,
                // not the new topic: the next `year-ago` still means the topic's.
                let lt = t.to_ascii_lowercase();
                let comparison =
                    lt.contains("ago") || lt.contains("earlier") || lt.contains("last year");
                if let (Some((y, q)), false) = (v.split_once("-Q"), comparison) {
                    if let (Ok(y), Ok(q)) = (y.parse::<i32>(), q.parse()) {
                        // `the 1988 period` after the 1989 quarter is a comparison too.
                        if ctx.last_quarter.map_or(true, |(ty, _)| y >= ty) {
                            ctx.last_quarter = Some((y, q));
                        }
                    }
                }
            }
            let interval = match found.kind {
                TimexKind::Date | TimexKind::Time => value.as_deref().and_then(interval_of),
                _ => None,
            };
            out.push(Timex {
                start: found.span.start,
                end: found.span.end,
                text: t.to_string(),
                kind: found.kind,
                modifier: modifier_of(t),
                anchor: (found.relative && value.is_some())
                    .then(|| dct.map(iso_date))
                    .flatten(),
                value,
                interval,
            });
        }
    }
    out
}

fn next_word(sentence: &str, end: usize) -> &str {
    let rest = sentence[end..].trim_start_matches([' ', ',']);
    let e = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..e]
}

fn prev_word(sentence: &str, start: usize) -> &str {
    let before = sentence[..start].trim_end();
    let s = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[s..]
}

#[allow(clippy::too_many_arguments)]
fn interpret(
    group: &str,
    m: &str,
    sentence: &str,
    mstart: usize,
    mend: usize,
    span: Span,
    dct: Option<NaiveDate>,
    tense: Option<Tense>,
    ctx: &Context,
) -> Option<Found> {
    let last_date = ctx.last_date;
    let lower = m.to_ascii_lowercase();
    let words: Vec<&str> = lower.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let absolute = |kind, value: String| {
        Some(Found {
            span,
            kind,
            value: Some(value),
            relative: false,
        })
    };
    // An absolute expression whose value may fall outside the calendar.
    let absolute_or_none = |kind, value: Option<String>| {
        Some(Found {
            span,
            kind,
            value,
            relative: false,
        })
    };
    let relative = |kind, value: Option<String>| {
        Some(Found {
            span,
            kind,
            value,
            relative: true,
        })
    };
    let next = next_word(sentence, mend);
    let prev = prev_word(sentence, mstart).to_ascii_lowercase();
    // Titles of shows and films: `60 Minutes`, `48 Hours`, `High Noon`.
    if matches!(m, "60 Minutes" | "48 Hours") || lower == "noon" && prev == "high" {
        return None;
    }

    if group == "iso" {
        let v = m;
        let date = NaiveDate::parse_from_str(&v[..10], "%Y-%m-%d").ok()?;
        if v.len() > 10 {
            return absolute(TimexKind::Time, format!("{}{}", iso_date(date), &v[10..16]));
        }
        return absolute(TimexKind::Date, iso_date(date));
    }
    if group == "slash" {
        let parts: Vec<&str> = m.split('/').collect();
        let (a, b): (u32, u32) = (parts[0].parse().ok()?, parts[1].parse().ok()?);
        let mut y: i32 = parts[2].parse().ok()?;
        if parts[2].len() == 2 {
            y += if y < 50 { 2000 } else { 1900 };
        }
        // US month/day unless the first number cannot be a month.
        let (mo, d) = if a > 12 { (b, a) } else { (a, b) };
        let date = NaiveDate::from_ymd_opt(y, mo, d)?;
        return absolute(TimexKind::Date, iso_date(date));
    }
    if group == "mdy" || group == "dmy" {
        let month = words
            .iter()
            .find_map(|w| month_number(w).filter(|_| w.len() >= 3))?;
        let nums: Vec<u32> = words
            .iter()
            .filter_map(|w| {
                let w = w
                    .trim_end_matches(',')
                    .trim_end_matches("st")
                    .trim_end_matches("nd")
                    .trim_end_matches("rd")
                    .trim_end_matches("th");
                w.parse::<u32>().ok()
            })
            .collect();
        let day = *nums.iter().find(|n| **n <= 31)?;
        let year = nums.iter().find(|n| **n > 31).map(|y| *y as i32);
        if next.eq_ignore_ascii_case("percent") || next == "%" {
            return None;
        }
        return match year {
            Some(y) => absolute(
                TimexKind::Date,
                iso_date(NaiveDate::from_ymd_opt(y, month, day)?),
            ),
            None => match dct {
                Some(dct) => {
                    let y = resolve_year(dct, month, Some(day), tense.or(Some(Tense::Past)));
                    relative(
                        TimexKind::Date,
                        Some(iso_date(NaiveDate::from_ymd_opt(y, month, day)?)),
                    )
                }
                None => relative(TimexKind::Date, Some(format!("XXXX-{month:02}-{day:02}"))),
            },
        };
    }
    if group == "bound" {
        // the beginning/middle/end of <period>: the period's value with a modifier.
        let inner = lower.split(" of ").nth(1)?;
        return period_value(inner, dct, tense).map(|(v, rel)| Found {
            span,
            kind: TimexKind::Date,
            value: v,
            relative: rel,
        });
    }
    if group == "my" {
        let month = words
            .iter()
            .find_map(|w| month_number(w).filter(|_| w.len() >= 3))?;
        let year: i32 = words.iter().find_map(|w| {
            w.trim_end_matches(',')
                .parse()
                .ok()
                .filter(|y: &i32| *y > 31)
        })?;
        return absolute_or_none(
            TimexKind::Date,
            year_value(year).map(|y| format!("{y}-{month:02}")),
        );
    }
    if group == "spelled" {
        // A count, not a year: `two thousand people`, `twenty-two thousand`,
        // `two thousand years ago`.
        let nl = next.to_ascii_lowercase();
        let plural = next.starts_with(char::is_lowercase)
            && nl.ends_with('s')
            && !matches!(
                nl.as_str(),
                "as" | "was" | "is" | "has" | "his" | "this" | "its"
            );
        if sentence[..mstart].ends_with('-') || plural || nl == "people" {
            return None;
        }
        let y = spelled_year(&words)?;
        if let Some(m) = words
            .iter()
            .find_map(|w| month_number(w).filter(|_| w.len() >= 3))
        {
            return absolute_or_none(
                TimexKind::Date,
                year_value(y).map(|y| format!("{y}-{m:02}")),
            );
        }
        if let Some(season) = words
            .iter()
            .find(|w| matches!(**w, "spring" | "summer" | "fall" | "autumn" | "winter"))
        {
            return absolute_or_none(
                TimexKind::Date,
                year_value(y).map(|y| format!("{y}-{}", season_code(season))),
            );
        }
        return absolute_or_none(TimexKind::Date, year_value(y));
    }
    if group == "half" {
        let h = if lower.contains("first") { 1 } else { 2 };
        let y = match words.iter().find_map(|w| w.parse::<i32>().ok()) {
            Some(y) => {
                return absolute_or_none(
                    TimexKind::Date,
                    year_value(y).map(|y| format!("{y}-H{h}")),
                )
            }
            None => {
                let Some(dct) = dct else {
                    return relative(TimexKind::Date, Some(format!("XXXX-H{h}")));
                };
                dct.year() + i32::from(lower.ends_with("next year"))
                    - i32::from(lower.ends_with("last year"))
            }
        };
        return relative(TimexKind::Date, year_value(y).map(|y| format!("{y}-H{h}")));
    }
    if group == "monthrel" {
        // `June last year`, `January this year`, `April next year`.
        let month = words
            .iter()
            .find_map(|w| month_number(w).filter(|_| w.len() >= 3))?;
        let Some(dct) = dct else {
            return relative(TimexKind::Date, Some(format!("XXXX-{month:02}")));
        };
        let y = dct.year()
            + if words.contains(&"last") {
                -1
            } else {
                i32::from(words.contains(&"next"))
            };
        return relative(
            TimexKind::Date,
            year_value(y).map(|y| format!("{y}-{month:02}")),
        );
    }
    if group == "quarter" {
        if sentence[mend..].starts_with('-') {
            return None;
        }
        return quarter(&lower, span, dct, ctx.last_quarter);
    }
    if group == "century" {
        const ORDINALS: &[&str] = &[
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ];
        let word = words.iter().find(|w| **w != "the")?;
        let n: u32 = if lower.contains("twenty-first") || lower.contains("twenty first") {
            21
        } else if let Some(i) = ORDINALS.iter().position(|o| o == word) {
            i as u32 + 1
        } else {
            word.trim_end_matches(char::is_alphabetic).parse().ok()?
        };
        if !(1..=30).contains(&n) {
            return None;
        }
        return absolute(TimexKind::Date, format!("{:02}", n - 1));
    }
    if group == "yearend" {
        // The end of the publication's year; `since year-end` looks back.
        let Some(dct) = dct else {
            return relative(TimexKind::Date, None);
        };
        let back = i32::from(prev == "since");
        return relative(TimexKind::Date, year_value(dct.year() - back));
    }
    if group == "decade" {
        if let Some(tens) = words
            .last()
            .and_then(|w| spelled_tens(&format!("{}y", w.strip_suffix("ies")?)))
        {
            return absolute_or_none(TimexKind::Date, decade_value(dct, tens / 10));
        }
        let digits: String = lower.chars().filter(char::is_ascii_digit).collect();
        let v = if digits.len() == 4 {
            Some(digits[..3].to_string())
        } else {
            // the '90s
            decade_value(dct, digits.get(..1)?.parse().ok()?)
        };
        return absolute_or_none(TimexKind::Date, v);
    }
    if group == "relunit" {
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
            return relative(
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
                return relative(
                    TimexKind::Date,
                    Some(iso_date(resolve_weekday(d, wd, t, true))),
                );
            }
        }
        if let (Some(y), true) = (ctx.last_year, lower.ends_with(" year") && delta != 0) {
            return relative(TimexKind::Date, year_value(y + delta));
        }
        return period_value(&lower, dct, tense).map(|(v, _)| {
            let kind = if lower.ends_with("morning") || lower.ends_with("night") {
                TimexKind::Time
            } else {
                TimexKind::Date
            };
            Found {
                span,
                kind,
                value: v,
                relative: true,
            }
        });
    }
    if group == "ago" {
        let unit_idx = words.iter().position(|w| unit_code(w).is_some())?;
        let n = number_before(&words, unit_idx);
        let dir: i64 = if lower.ends_with("later") { 1 } else { -1 };
        let base = if lower.ends_with("ago") {
            dct
        } else {
            last_date.or(dct)
        };
        let Some(base) = base else {
            return relative(TimexKind::Date, None);
        };
        let Some(n) = n else {
            return relative(
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
            return relative(TimexKind::Date, None);
        }
        let n = n as i64;
        if let (Some((qy, q)), "Y") = (ctx.last_quarter, unit_code(words[unit_idx])?.0) {
            if dir < 0 && n == 1 {
                return relative(
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
        return relative(TimexKind::Date, v);
    }
    if group == "yearago" {
        let Some(dct) = dct else {
            return relative(TimexKind::Date, None);
        };
        if let Some((y, q)) = ctx.last_quarter {
            return relative(
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
            return relative(
                TimexKind::Date,
                year_value(y - 1).map(|y| format!("{y}-Q{q}")),
            );
        }
        return relative(TimexKind::Date, year_value(dct.year() - 1));
    }
    let after = &sentence[mend..];
    let is_age =
        after.starts_with("-old") || after.starts_with(" old") || after.starts_with("-olds");
    if group == "dur" {
        if is_age {
            return None;
        }
        let unit_idx = words.iter().position(|w| unit_code(w).is_some())?;
        let unit = words[unit_idx];
        let n = number_before(&words, unit_idx);
        // "a year" alone after "once/twice"? handled by set. "the year" is no duration here.
        if words[..unit_idx].iter().all(|w| *w == "the") {
            return None;
        }
        // "a day" as in "$5 a day" is a rate, not a duration.
        if unit_idx == 1
            && words[0] == "a"
            && prev.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            return None;
        }
        return Some(Found {
            span,
            kind: TimexKind::Duration,
            value: duration_value(n, unit),
            relative: false,
        });
    }
    if group == "wd" {
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
            return relative(TimexKind::Date, Some(format!("XXXX-WXX-{n}")));
        };
        let d = resolve_weekday(dct, wd, tense.unwrap_or(Tense::Past), false);
        return match pod {
            Some(p) => relative(
                TimexKind::Time,
                Some(format!("{}{}", iso_date(d), pod_code(p))),
            ),
            None => relative(TimexKind::Date, Some(iso_date(d))),
        };
    }
    if group == "relday" {
        if lower == "the weekend" {
            let Some(dct) = dct else {
                return relative(TimexKind::Date, None);
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
            return relative(
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
            return relative(TimexKind::Date, None);
        };
        let pod = words.iter().find(|w| {
            matches!(
                **w,
                "morning" | "afternoon" | "evening" | "night" | "overnight"
            )
        });
        if lower.contains("tonight") {
            return relative(TimexKind::Time, Some(format!("{}TNI", iso_date(d))));
        }
        return match pod {
            Some(p) => relative(
                TimexKind::Time,
                Some(format!("{}{}", iso_date(d), pod_code(p))),
            ),
            None => relative(TimexKind::Date, Some(iso_date(d))),
        };
    }
    if group == "season" {
        let s = words
            .iter()
            .find(|w| matches!(**w, "spring" | "summer" | "fall" | "autumn" | "winter"))?;
        if let Some(y) = words.iter().find_map(|w| w.parse::<i32>().ok()) {
            return absolute_or_none(
                TimexKind::Date,
                year_value(y).map(|y| format!("{y}-{}", season_code(s))),
            );
        }
        // A season alone (`the summer`, `over the summer`), not `prices fall`,
        // `the fall of Saigon` or `Arab Spring`.
        let seasonal = words[0] == "the"
            || matches!(
                prev.as_str(),
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
            return relative(TimexKind::Date, Some(format!("XXXX-{code}")));
        };
        let mid = match code {
            "SP" => 4,
            "SU" => 7,
            "FA" => 10,
            _ => 1,
        };
        let y = resolve_year(dct, mid, None, tense.or(Some(Tense::Past)));
        return relative(
            TimexKind::Date,
            year_value(y).map(|y| format!("{y}-{code}")),
        );
    }
    if group == "holiday" {
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
            return relative(TimexKind::Date, None);
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
        return relative(TimexKind::Date, Some(iso_date(date)));
    }
    if group == "month" {
        let mword = words.last()?;
        // "May" the verb, "March" the word: only after a preposition or a modifier.
        let guarded = matches!(*mword, "may" | "march" | "august") || mword.len() <= 4;
        let modified = words.len() > 1;
        let prepositions = [
            "in", "since", "by", "until", "till", "from", "during", "of", "through", "to",
            "before", "after", "for", "between", "and", "early", "late", "mid", "last", "next",
            "this",
        ];
        if !modified
            && (guarded || !m.starts_with(char::is_uppercase))
            && !prepositions.contains(&prev.as_str())
        {
            return None;
        }
        if !m.starts_with(|ch: char| ch.is_uppercase()) && !modified {
            return None;
        }
        // `Jan Kavan`, `May Day`, `April Ryan asked`: a name, not the month
        // (`In June, Biden said` keeps it: a comma ends the name).
        let name_follows = after
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(char::is_uppercase));
        if !modified && name_follows && (guarded || !prepositions.contains(&prev.as_str())) {
            return None;
        }
        let month = month_number(mword)?;
        return match dct {
            Some(dct) => {
                let y = resolve_year(dct, month, None, tense.or(Some(Tense::Past)));
                relative(
                    TimexKind::Date,
                    year_value(y).map(|y| format!("{y}-{month:02}")),
                )
            }
            None => relative(TimexKind::Date, Some(format!("XXXX-{month:02}"))),
        };
    }
    if group == "year" {
        let y = words.last()?;
        // Not a count: "2000 troops", "1990 people"; not part of a larger number.
        let before = sentence[..mstart].chars().next_back();
        let after = sentence[mend..].chars().next();
        // Nor a model or code: `Model 2000-X`.
        let code = after == Some('-')
            && sentence[mend..]
                .chars()
                .nth(1)
                .is_some_and(|c| c.is_ascii_alphabetic());
        if code
            || matches!(before, Some('$' | '£' | '€' | ',' | '.' | '#'))
            || matches!(after, Some('%' | ',' | '.') if sentence[mend..].chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
        {
            return None;
        }
        let nl = next.to_ascii_lowercase();
        if words.len() == 1
            && next.chars().next().is_some_and(|c| c.is_lowercase())
            && nl.ends_with('s')
            && !matches!(
                nl.as_str(),
                "as" | "was"
                    | "is"
                    | "has"
                    | "its"
                    | "his"
                    | "this"
                    | "thus"
                    | "plus"
                    | "across"
                    | "towards"
            )
        {
            return None;
        }
        if matches!(
            nl.as_str(),
            "percent"
                | "million"
                | "billion"
                | "people"
                | "tonnes"
                | "tons"
                | "barrels"
                | "points"
                | "feet"
                | "metres"
                | "meters"
                | "miles"
                | "votes"
        ) {
            return None;
        }
        return absolute(TimexKind::Date, (*y).to_string());
    }
    if group == "clock" {
        // The clock part, then the day it names (`10 p.m. Wednesday`, `5 p.m. EST Nov. 9`).
        let month_at = words
            .iter()
            .position(|w| w.len() >= 3 && month_number(w).is_some());
        let clock_words = &words[..month_at.unwrap_or(words.len())];
        let (h, mi) = if clock_words.iter().any(|w| matches!(*w, "noon" | "midday")) {
            (12, 0)
        } else if clock_words.contains(&"midnight") {
            (24, 0)
        } else {
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
            (h, mi)
        };
        if h > 24 || mi > 59 {
            return None;
        }
        let named_day = match month_at {
            Some(i) => {
                let month = month_number(words[i])?;
                let mut nums = words[i + 1..].iter().filter_map(|w| {
                    w.trim_end_matches([',', '.'])
                        .trim_end_matches(char::is_alphabetic)
                        .parse::<u32>()
                        .ok()
                });
                let day = nums.next().filter(|d| (1..=31).contains(d))?;
                match nums.next().map(|y| y as i32) {
                    Some(y) => Some(NaiveDate::from_ymd_opt(y, month, day)?),
                    None => match dct {
                        Some(d) => {
                            let y = resolve_year(d, month, Some(day), tense);
                            Some(NaiveDate::from_ymd_opt(y, month, day)?)
                        }
                        None => None,
                    },
                }
            }
            None => None,
        };
        let zulu = if words.iter().any(|w| matches!(*w, "utc" | "gmt")) {
            "Z"
        } else {
            ""
        };
        let day = if named_day.is_some() {
            named_day
        } else if let Some(wd) = words
            .iter()
            .find_map(|w| weekday(w).filter(|_| w.len() >= 6))
        {
            dct.map(|d| resolve_weekday(d, wd, tense.unwrap_or(Tense::Past), false))
        } else if words.contains(&"yesterday") {
            dct.map(|d| d - Duration::days(1))
        } else if words.contains(&"tomorrow") {
            dct.map(|d| d + Duration::days(1))
        } else if words.contains(&"today") {
            dct
        } else {
            last_date.or(dct)
        };
        return match day {
            Some(d) => relative(
                TimexKind::Time,
                Some(format!("{}T{h:02}:{mi:02}{zulu}", iso_date(d))),
            ),
            None => relative(
                TimexKind::Time,
                Some(format!("XXXX-XX-XXT{h:02}:{mi:02}{zulu}")),
            ),
        };
    }
    if group == "set" {
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
                && !matches!(
                    prev.as_str(),
                    "million" | "billion" | "percent" | "once" | "twice"
                )
            {
                return Some(Found {
                    span,
                    kind: TimexKind::Duration,
                    value: Some("P1Y".into()),
                    relative: false,
                });
            }
            "P1Y".to_string()
        };
        return Some(Found {
            span,
            kind: TimexKind::Set,
            value: Some(v),
            relative: false,
        });
    }
    if group == "ref" {
        // `as soon as Tuesday` is the day's; `Future Group` and `Recent Sales` are names.
        if lower == "soon" && prev == "as" {
            return None;
        }
        if matches!(lower.as_str(), "future" | "recent") && !m.starts_with(char::is_lowercase) {
            return None;
        }
        // `The Future Investment Initiative`: a capitalised name goes on.
        if m.starts_with(char::is_uppercase) && next.starts_with(char::is_uppercase) {
            return None;
        }
        let v = match lower.as_str() {
            "now" | "currently" | "current" | "nowadays" | "at present" | "these days" => {
                "PRESENT_REF"
            }
            "the future" | "future" | "soon" | "the near future" | "the near term"
            | "the short term" => "FUTURE_REF",
            _ => "PAST_REF",
        };
        // "current" as an adjective of a thing ("current account") is still PRESENT_REF in TimeML.
        return Some(Found {
            span,
            kind: TimexKind::Date,
            value: Some(v.into()),
            relative: false,
        });
    }
    if group == "theyear" {
        // `for the year ended June 30` is a span of a year; `the full year`, `the year` a date.
        if after.starts_with('-') || next.starts_with(|ch: char| ch.is_ascii_digit()) {
            return None;
        }
        let nl = next.to_ascii_lowercase();
        if matches!(nl.as_str(), "ended" | "ending" | "to" | "through") {
            return Some(Found {
                span,
                kind: TimexKind::Duration,
                value: Some("P1Y".into()),
                relative: false,
            });
        }
        let shift = i32::from(lower.contains("latest"));
        return relative(
            TimexKind::Date,
            dct.and_then(|d| year_value(d.year() - shift)),
        );
    }
    if group == "thatyear" {
        return relative(TimexKind::Date, ctx.last_year.and_then(year_value));
    }
    if group == "unitpl" {
        let unit = words.last()?;
        return Some(Found {
            span,
            kind: TimexKind::Duration,
            value: duration_value(None, unit),
            relative: false,
        });
    }
    None
}

/// The value of `this/last/next <unit>` and similar periods.
fn period_value(
    lower: &str,
    dct: Option<NaiveDate>,
    tense: Option<Tense>,
) -> Option<(Option<String>, bool)> {
    let words: Vec<&str> = lower.split(' ').collect();
    let unit = *words.last()?;
    let Some(dct) = dct else {
        if let Ok(y) = unit.parse::<i32>() {
            if words
                .iter()
                .any(|w| month_number(w).is_some() && w.len() >= 3)
            {
                let m = words
                    .iter()
                    .find_map(|w| month_number(w).filter(|_| w.len() >= 3))?;
                return Some((year_value(y).map(|y| format!("{y}-{m:02}")), false));
            }
            return Some((year_value(y), false));
        }
        return Some((None, true));
    };
    let dir: i32 = if words.contains(&"last")
        || words.contains(&"past")
        || words.contains(&"previous")
    {
        -1
    } else if words.contains(&"next") || words.contains(&"coming") || words.contains(&"following") {
        1
    } else {
        0
    };
    if let Ok(y) = unit.parse::<i32>() {
        if let Some(m) = words
            .iter()
            .find_map(|w| month_number(w).filter(|_| w.len() >= 3))
        {
            return Some((year_value(y).map(|y| format!("{y}-{m:02}")), false));
        }
        return Some((year_value(y), false));
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
        s if month_number(s).is_some() && s.len() >= 3 => {
            let m = month_number(s)?;
            let y = match dir {
                -1 if m >= dct.month() => dct.year() - 1,
                1 if m <= dct.month() => dct.year() + 1,
                -1 | 1 => dct.year(),
                _ => resolve_year(dct, m, None, tense.or(Some(Tense::Past))),
            };
            year_value(y).map(|y| format!("{y}-{m:02}"))
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

fn quarter(
    lower: &str,
    span: Span,
    dct: Option<NaiveDate>,
    topic: Option<(i32, u32)>,
) -> Option<Found> {
    let q = if lower.contains("first") || lower.contains("1st") || lower.starts_with("q1") {
        Some(1)
    } else if lower.contains("second") || lower.contains("2nd") || lower.starts_with("q2") {
        Some(2)
    } else if lower.contains("third") || lower.contains("3rd") || lower.starts_with("q3") {
        Some(3)
    } else if lower.contains("fourth") || lower.contains("4th") || lower.starts_with("q4") {
        Some(4)
    } else {
        None
    };
    let year: Option<i32> = lower
        .split([' ', '-'])
        .find_map(|w| w.parse().ok().filter(|y: &i32| *y > 1000));
    let Some(dct) = dct else {
        return Some(Found {
            span,
            kind: TimexKind::Date,
            value: match (year, q) {
                (Some(y), Some(q)) => year_value(y).map(|y| format!("{y}-Q{q}")),
                (None, Some(q)) => Some(format!("XXXX-Q{q}")),
                _ => None,
            },
            relative: year.is_none(),
        });
    };
    let current = quarter_of(dct);
    let year = year.or_else(|| {
        if lower.ends_with("of last year") || lower.contains("last year's") {
            Some(dct.year() - 1)
        } else if lower.ends_with("of this year") || lower.contains("this year's") {
            Some(dct.year())
        } else if lower.ends_with("of next year") || lower.contains("next year's") {
            Some(dct.year() + 1)
        } else {
            None
        }
    });
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
        (_, None) => {
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
    };
    Some(Found {
        span,
        kind: TimexKind::Date,
        value: year_value(y).map(|y| format!("{y}-Q{q}")),
        relative: year.is_none(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, dct: &str) -> Vec<(String, String, Option<String>)> {
        let dct = NaiveDate::parse_from_str(dct, "%Y-%m-%d").ok();
        extract(text, &[Span::new(0, text.len())], dct)
            .into_iter()
            .map(|t| (t.text, t.kind.as_str().to_string(), t.value))
            .collect()
    }

    fn values(text: &str, dct: &str) -> Vec<(String, String)> {
        find(text, dct)
            .into_iter()
            .map(|(t, _, v)| (t, v.unwrap_or_default()))
            .collect()
    }

    fn v(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn seed_expressions() {
        assert_eq!(
            values("Mr Al Sudani met US Secretary of State Antony Blinken in Baghdad on Sunday evening.", "2023-11-06"),
            v(&[("Sunday evening", "2023-11-05TEV")])
        );
        assert_eq!(
            values("Days after Hamas fighters killed more than 1,400 people in Israel on October 7, militias resumed attacks.", "2023-11-06"),
            v(&[("October 7", "2023-10-07")])
        );
        assert_eq!(
            values("He will visit on Sunday.", "2023-11-06"),
            v(&[("Sunday", "2023-11-12")])
        );
    }

    #[test]
    fn relative_periods() {
        let d = "1998-03-01";
        assert_eq!(
            values("Prices fell last week.", d),
            v(&[("last week", "1998-W08")])
        );
        assert_eq!(
            values("Sales rose last year and this year.", d),
            v(&[("last year", "1997"), ("this year", "1998")])
        );
        assert_eq!(
            values("It happened two years ago.", d),
            v(&[("two years ago", "1996")])
        );
        assert_eq!(
            values("It fell yesterday and will rise tomorrow.", d),
            v(&[("yesterday", "1998-02-28"), ("tomorrow", "1998-03-02")])
        );
        assert_eq!(
            values("He said so earlier this month.", d),
            v(&[("earlier this month", "1998-03")])
        );
        assert_eq!(
            values("Profit rose in the third quarter.", "1989-11-02"),
            v(&[("the third quarter", "1989-Q3")])
        );
        assert_eq!(values("It is open now.", d), v(&[("now", "PRESENT_REF")]));
    }

    #[test]
    fn tense_comes_from_the_nearest_verb_group() {
        // Wednesday 2000-01-05.
        let d = "2000-01-05";
        assert_eq!(
            values("The team planned to leave Nairobi on Thursday.", d),
            v(&[("Thursday", "2000-01-06")])
        );
        assert_eq!(
            values("The offer had been due to expire Friday evening.", d),
            v(&[("Friday evening", "1999-12-31TEV")])
        );
        assert_eq!(
            values("They could arrive as soon as Monday, Castro said.", d),
            v(&[("Monday", "2000-01-10")])
        );
        assert_eq!(
            values("On Monday, the ministers met in Nairobi.", d),
            v(&[("Monday", "2000-01-03")])
        );
        // `next to` is a place, not the future.
        assert_eq!(
            values("A bomb exploded next to the embassy on Monday.", d),
            v(&[("Monday", "2000-01-03")])
        );
        assert_eq!(
            values("The pact takes hold, effective Feb. 1.", "1989-10-26"),
            v(&[("Feb. 1", "1990-02-01")])
        );
        assert_eq!(
            values(
                "He was shot to death on the night of Oct. 23.",
                "1999-05-05"
            ),
            v(&[("Oct. 23", "1998-10-23")])
        );
    }

    #[test]
    fn clock_times_with_their_day() {
        let d = "1998-02-13";
        assert_eq!(
            find("He was seized at 10 p.m. Wednesday, police said.", d),
            vec![(
                "10 p.m. Wednesday".into(),
                "TIME".into(),
                Some("1998-02-11T22:00".into())
            )]
        );
        assert_eq!(
            values(
                "Talks broke off at noon Thursday. They met at around 7:15 p.m.",
                d
            ),
            v(&[
                ("noon Thursday", "1998-02-12T12:00"),
                ("around 7:15 p.m.", "1998-02-12T19:15")
            ])
        );
        assert_eq!(
            values("The offer runs until 5 p.m. EST Nov. 9.", "1989-11-01"),
            v(&[("5 p.m. EST Nov. 9", "1989-11-09T17:00")])
        );
    }

    #[test]
    fn months_and_quarters_with_their_year() {
        let d = "1998-03-01";
        assert_eq!(
            values("In January this year and in June last year, it fell.", d),
            v(&[
                ("January this year", "1998-01"),
                ("June last year", "1997-06")
            ])
        );
        assert_eq!(
            values(
                "The Times said in an editorial on Saturday, April 25: no.",
                "1998-04-24"
            ),
            v(&[("Saturday, April 25", "1998-04-25")])
        );
        let d = "1989-10-26";
        assert_eq!(
            values("In the 1988 third quarter, it lost money.", d),
            v(&[("the 1988 third quarter", "1988-Q3")])
        );
        assert_eq!(
            values("Profit fell in the third quarter. A year earlier it rose. Year-ago results were hurt.", d),
            v(&[
                ("the third quarter", "1989-Q3"),
                ("A year earlier", "1988-Q3"),
                ("Year-ago", "1988-Q3")
            ])
        );
        assert_eq!(
            values("In the year-ago third quarter, it earned more.", d),
            v(&[("the year-ago third quarter", "1988-Q3")])
        );
        // Not dates: a name, an index level.
        assert_eq!(values("Jan Kavan of the Czech Republic spoke.", d), v(&[]));
        assert_eq!(values("The index closed at 2082.1 points.", d), v(&[]));
    }

    #[test]
    fn spelled_years_centuries_seasons_and_years_named_before() {
        let d = "1998-03-06";
        assert_eq!(
            values("In nineteen ninety-one he was convicted; in January nineteen ninety-seven he left.", d),
            v(&[("nineteen ninety-one", "1991"), ("January nineteen ninety-seven", "1997-01")])
        );
        assert_eq!(
            values(
                "by the year two thousand, in the winter of nineteen ninety-four",
                d
            ),
            v(&[
                ("the year two thousand", "2000"),
                ("the winter of nineteen ninety-four", "1994-WI")
            ])
        );
        assert_eq!(
            values("the fabled 11th century temple and the 20th century", d),
            v(&[("11th century", "10"), ("the 20th century", "19")])
        );
        assert_eq!(
            values(
                "hate groups dropped through the nineties and the early 1990s",
                d
            ),
            v(&[("the nineties", "199"), ("the early 1990s", "199")])
        );
        assert_eq!(
            values(
                "Sales rose over the summer. Prices fell in spring.",
                "1989-10-26"
            ),
            v(&[("the summer", "1989-SU"), ("spring", "1989-SP")])
        );
        assert_eq!(values("after the fall of Saigon", d), v(&[]));
        assert_eq!(
            values(
                "He fled in June 1998 and returned later that year. The following year he left.",
                "2000-01-07"
            ),
            v(&[
                ("June 1998", "1998-06"),
                ("later that year", "1998"),
                ("The following year", "1999")
            ])
        );
        assert_eq!(
            values("It closed on March 3. The following month, it reopened.", d),
            v(&[
                ("March 3", "1998-03-03"),
                ("The following month", "1998-04")
            ])
        );
    }

    #[test]
    fn durations_with_halves_and_more() {
        let d = "1998-03-06";
        assert_eq!(
            values(
                "They lived in camps for 2 1/2 years and then about 5 1/2 hours in Nairobi.",
                d
            ),
            v(&[("2 1/2 years", "P2Y6M"), ("about 5 1/2 hours", "PT5H30M")])
        );
        assert_eq!(
            values(
                "for at least 20 more years, within a few days, for almost two decades",
                d
            ),
            v(&[
                ("at least 20 more years", "P20Y"),
                ("a few days", "PXD"),
                ("almost two decades", "P20Y")
            ])
        );
        assert_eq!(
            values("In the last twenty four hours, a minute and a half", d),
            v(&[
                ("the last twenty four hours", "PT24H"),
                ("a minute and a half", "PT1M30S")
            ])
        );
    }

    #[test]
    fn review_cases() {
        // Huge counts and odd quarters: no panic, no overflowed value.
        for text in [
            "It formed 100000000 days ago.",
            "It formed 1000000000000000 days ago.",
            "99999999999999999999 years later it cooled.",
            "9999999999999999999 decades ago it began.",
            "2147480000 months later, nothing.",
            "13.8 billion years ago the universe began.",
        ] {
            let _ = values(text, "2023-11-06");
        }
        assert!(interval_of("2023-Q0").is_none());
        assert!(interval_of("2023-Q5").is_none());
        let d = "2000-01-05"; // a Wednesday
        assert_eq!(
            values("He was held until Tuesday.", d),
            v(&[("Tuesday", "2000-01-04")])
        );
        assert_eq!(
            values("Flights were cancelled due to the storm on Sunday.", d),
            v(&[("Sunday", "2000-01-02")])
        );
        assert_eq!(
            values("Shares rose more than expected on Tuesday.", d),
            v(&[("Tuesday", "2000-01-04")])
        );
        assert_eq!(
            values("In June, Biden said no.", d),
            v(&[("June", "1999-06")])
        );
        assert_eq!(
            values(
                "Flights leave every Monday and each Thursday; fares are set monthly.",
                d
            ),
            v(&[
                ("every Monday", "XXXX-WXX-1"),
                ("each Thursday", "XXXX-WXX-4"),
                ("monthly", "P1M")
            ])
        );
        assert_eq!(values("More than two thousand people fled.", d), v(&[]));
        assert_eq!(
            values("The year-ago results were restated.", "1989-10-26"),
            v(&[("The year-ago", "1988")])
        );
        assert_eq!(
            values("It will close by the year-end.", "1989-10-26"),
            v(&[("the year-end", "1989")])
        );
        assert_eq!(
            values("Crime fell in the nineties and the '90s.", "2023-11-06"),
            v(&[("the nineties", "199"), ("the '90s", "199")])
        );
    }

    #[test]
    fn durations_and_sets() {
        let d = "1998-03-01";
        assert_eq!(
            find("The talks lasted three days.", d),
            vec![("three days".into(), "DURATION".into(), Some("P3D".into()))]
        );
        assert_eq!(
            values("in the past two months", d),
            v(&[("the past two months", "P2M")])
        );
        assert_eq!(values("a two-year deal", d), v(&[("two-year", "P2Y")]));
        assert_eq!(
            values("for more than four hours", d),
            v(&[("more than four hours", "PT4H")])
        );
        assert_eq!(values("He runs daily.", d), v(&[("daily", "P1D")]));
    }

    #[test]
    fn absolute_forms() {
        let d = "2023-11-06";
        assert_eq!(
            values("On 7 October 2023 and on 2023-10-08.", d),
            v(&[
                ("7 October 2023", "2023-10-07"),
                ("2023-10-08", "2023-10-08")
            ])
        );
        assert_eq!(
            values("in March 2022 and in the 1990s", d),
            v(&[("March 2022", "2022-03"), ("the 1990s", "199")])
        );
        assert_eq!(values("In 2019, it began.", d), v(&[("2019", "2019")]));
        assert_eq!(
            values("at 10:30 GMT on Monday", d),
            v(&[("10:30 GMT", "2023-11-06T10:30Z"), ("Monday", "2023-11-06")])
        );
    }

    #[test]
    fn no_false_alarms() {
        let d = "2023-11-06";
        for text in [
            "He is in his 90s.",
            "You may go.",
            "The number is 20231106.",
            "More than 1,400 people died.",
            "The Sunday Times reported it.",
            "They march on the capital.",
            "Call 555-1234 now-ish.",
            "The score was 3-2.",
            "2000 troops were sent.",
        ] {
            let got: Vec<_> = find(text, d)
                .into_iter()
                .filter(|(t, _, _)| t != "now")
                .collect();
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }

    #[test]
    fn without_a_publication_date() {
        assert_eq!(
            find("On October 7 they met.", "")[0].2.as_deref(),
            Some("XXXX-10-07")
        );
        assert_eq!(find("They met yesterday.", "")[0].2, None);
        assert_eq!(find("In 2019 they met.", "")[0].2.as_deref(), Some("2019"));
    }

    /// Each expression of `text` with its value, `None` where it has none.
    fn raw(text: &str, dct: &str) -> Vec<(String, Option<String>)> {
        find(text, dct)
            .into_iter()
            .map(|(t, _, v)| (t, v))
            .collect()
    }

    fn some(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        pairs
            .iter()
            .map(|(t, v)| (t.to_string(), v.map(str::to_string)))
            .collect()
    }

    #[test]
    fn years_are_four_digits_within_the_calendar() {
        let d = "2023-11-06";
        // A year before 1000 has four digits; `the year 998` is no expression
        // the layer knows, and is left alone rather than read as a count.
        assert_eq!(
            raw(
                "The abbey, founded in the year 998, was rebuilt 1025 years ago, the bishop said.",
                d
            ),
            some(&[("1025 years ago", Some("0998"))])
        );
        // Year 0 and years before it have no TIMEX3 value.
        assert_eq!(
            raw(
                "Some 2023 years ago, in 0 AD, the town was a Roman camp.",
                d
            ),
            some(&[("Some 2023 years ago", None)])
        );
        assert_eq!(
            raw(
                "The city was founded 1,500 years ago, and the seal would hold 10000 years later.",
                d
            ),
            some(&[
                ("1,500 years ago", Some("0523")),
                ("10000 years later", None)
            ])
        );
        // Centuries count back in centuries (not the publication date).
        assert_eq!(
            raw(
                "The bridge was built two centuries ago and 3000 centuries ago.",
                d
            ),
            some(&[
                ("two centuries ago", Some("18")),
                ("3000 centuries ago", None)
            ])
        );
    }

    #[test]
    fn durations_past_the_calendar_keep_no_value() {
        let d = "2023-11-06";
        assert_eq!(
            raw(
                "The vault is built to last 10,000 years from now, engineers said.",
                d
            ),
            some(&[
                ("10,000 years", Some("P10000Y")),
                ("now", Some("PRESENT_REF"))
            ])
        );
        assert_eq!(
            raw("The model says the star will burn for 9223372036854775807 years, or 100000000000000000000 years.", d),
            some(&[("9223372036854775807 years", None), ("100000000000000000000 years", None)])
        );
        // A number that an expression before holds part of is not read
        // whole: expressions never overlap.
        let found = raw(
            "The vote on May 5,000 years after the founding was close.",
            d,
        );
        assert_eq!(
            found[0],
            ("May 5".to_string(), Some("2023-05-05".to_string()))
        );
        assert!(found.iter().all(|(t, _)| t != "5,000 years"), "{found:?}");
        assert_eq!(
            raw("The drill ran for 10,000 hours over two decades.", d),
            some(&[
                ("10,000 hours", Some("PT10000H")),
                ("over two decades", Some("P20Y"))
            ])
        );
    }

    #[test]
    fn relative_expressions_at_the_ends_of_the_calendar() {
        // Nothing is invented past 9999-12-31 or before 0001-01-01.
        assert_eq!(
            raw("The ministers will meet tomorrow, next week and again next year, and did in January.", "9999-12-31"),
            some(&[
                ("tomorrow", None),
                ("next week", None),
                ("next year", None),
                ("January", Some("9999-01")),
            ])
        );
        assert_eq!(
            raw(
                "Talks ended yesterday and last year, as in the nineties, the envoy said.",
                "0001-01-01"
            ),
            some(&[
                ("yesterday", None),
                ("last year", None),
                ("the nineties", None)
            ])
        );
        // Early years are padded: decades to three digits, years to four.
        assert_eq!(
            raw(
                "Harvests this year beat the nineties and the first half of this year.",
                "0999-06-01"
            ),
            some(&[
                ("this year", Some("0999")),
                ("the nineties", Some("099")),
                ("the first half of this year", Some("0999-H1")),
            ])
        );
    }

    #[test]
    fn never_panics_on_mixed_text() {
        const POOL: &[&str] = &[
            "–",
            "’",
            "é",
            "🇮🇶",
            " ",
            "on ",
            "Sunday",
            " evening",
            "May",
            "2023",
            "-11-06",
            "10:30",
            " p.m.",
            "last ",
            "week",
            "two",
            " years ago",
            "the ",
            "third quarter",
            "ago",
            "Oct.",
            " 7",
            ",",
            "1,400",
            "$",
            "1990s",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..(state % 12 + 1) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push_str(POOL[(state % POOL.len() as u64) as usize]);
            }
            for dct in ["2023-11-06", ""] {
                for t in find(&s, dct) {
                    assert!(!t.0.is_empty(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn intervals() {
        let i = interval_of("2023-11-05TEV").unwrap();
        assert_eq!(i.first.to_string(), "2023-11-05 18:00:00");
        let i = interval_of("1998-W08").unwrap();
        assert_eq!(
            (i.first.date().to_string(), i.last.date().to_string()),
            ("1998-02-16".into(), "1998-02-22".into())
        );
        assert_eq!(
            interval_of("1989-Q3").unwrap().last.date().to_string(),
            "1989-09-30"
        );
        assert!(interval_of("PRESENT_REF").is_none());
    }
}
