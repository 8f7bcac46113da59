//! The dateline header or publication line that may open an article's
//! text (` date 2023-11-09 `, `Published: 6 November 2023, 14:05 GMT`), and
//! the date parsing the readers share.

use std::sync::LazyLock;

use chrono::{FixedOffset, NaiveDate, NaiveTime};
use regex::Regex;

use super::{DateSource, Published};
use crate::error::{Error, Result};
use crate::span::Span;

/// A dateline header or publication line found at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    pub span: Span,
    pub published: Published,
    pub source: DateSource,
}

static DATELINE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    // Only a date of the ISO shape makes a header: "Date 12 people died" is
    // text, and "Date: 9 November 2023" is a publication line.
    Regex::new(
        r"(?xi)^[\ \t\x{FEFF}]*
        (?P<kw>date)[\ \t]*:?[\ \t]+
        (?P<v>\d{4}-\d{1,2}-\d{1,2}
          (?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?
            |[\ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[\ \t]*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})\b)?)?)
        (?:$|[\s,;.])",
    )
    .expect("valid regex")
});

const MONTHS: &str = r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?";

pub(super) static PUBLICATION_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?xi)^
        (?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?[\ \t]+)?
        (?:
            (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?[\ \t]+(?P<m1>{MONTHS})\.?,?[\ \t]+(?P<y1>\d{{4}})
          | (?P<m2>{MONTHS})\.?[\ \t]+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?[\ \t]+(?P<y2>\d{{4}})
          | (?P<iso>\d{{4}}-\d{{2}}-\d{{2}})
        )
        (?:[,\ \t]+(?:at[\ \t]+)?(?P<h>\d{{1,2}})[:.](?P<mi>\d{{2}})(?:[\ \t]*(?P<ampm>[ap])\.?m\.?)?
           (?:[\ \t]*(?P<tz>GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|Z)\b)?)?"
    );
    Regex::new(&pattern).expect("valid regex")
});

static PUBLICATION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^[\ \t\x{FEFF}]*
        (?:(?:first[\ \t]+)?published|(?:last[\ \t]+)?updated|posted|dated?)
        (?:[\ \t]+on)?[\ \t]*:?[\ \t]*",
    )
    .expect("valid regex")
});

/// Finds a dateline header or publication line at the start of `text`.
pub(crate) fn parse_header(text: &str) -> Result<Option<Header>> {
    if let Some(c) = DATELINE_HEADER.captures(text) {
        let kw = c.name("kw").expect("group");
        let v = c.name("v").expect("group");
        let published = parse_iso(v.as_str()).map_err(|reason| Error::BadDate {
            value: v.as_str().to_string(),
            byte: Some(v.start() as u64),
            reason,
        })?;
        return Ok(Some(Header {
            span: Span::new(kw.start(), v.end()),
            published,
            source: DateSource::Header,
        }));
    }
    // A publication line: optionally labelled, then a written date.
    let (label_start, date_from, labelled) = match PUBLICATION_LABEL.find(text) {
        Some(m) => {
            let lead = text.len()
                - text
                    .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                    .len();
            (lead, m.end(), true)
        }
        None => {
            let lead = text.len() - text.trim_start_matches([' ', '\t', '\u{feff}']).len();
            (lead, lead, false)
        }
    };
    let rest = &text[date_from..];
    let Some(c) = PUBLICATION_DATE.captures(rest) else {
        return Ok(None);
    };
    let m = c.get(0).expect("match");
    let after = &rest[m.end()..];
    if !labelled && !ends_line_or_separated(after) {
        return Ok(None);
    }
    let bad = |value: &str, reason: String| Error::BadDate {
        value: value.to_string(),
        byte: Some((date_from + m.start()) as u64),
        reason,
    };
    // A labelled date must end where the pattern ends: `2023-11-066`,
    // `6 November 99999` and `6 November 2023999` are malformed dates, not
    // a date with digits left over. An ISO date may go on with a time
    // (`2023-11-06T14:05:00Z`), read as a whole.
    if after.starts_with(|ch: char| ch.is_alphanumeric() || ch == '_') {
        let trailing = after
            .find(|ch: char| ch.is_whitespace() || matches!(ch, ',' | ';'))
            .unwrap_or(after.len());
        let value = &rest[m.start()..m.end() + trailing];
        if c.name("iso").is_some() && c.name("h").is_none() {
            let value = value.trim_end_matches(['.', ':']);
            let published = parse_iso(value).map_err(|reason| bad(value, reason))?;
            return Ok(Some(Header {
                span: Span::new(label_start, date_from + m.start() + value.len()),
                published,
                source: DateSource::PublicationLine,
            }));
        }
        let unexpected = &after[..trailing];
        return Err(bad(
            value,
            format!("unexpected {unexpected:?} after the date"),
        ));
    }
    let published = published_from_captures(&c).map_err(|reason| bad(m.as_str(), reason))?;
    Ok(Some(Header {
        span: Span::new(label_start, date_from + m.end()),
        published,
        source: DateSource::PublicationLine,
    }))
}

/// True when `after` (the text after a date) ends the line or continues
/// after a dash or bar, so that the date stands as a line of its own.
fn ends_line_or_separated(after: &str) -> bool {
    let t = after.trim_start_matches([' ', '\t']);
    t.is_empty()
        || t.starts_with('\n')
        || t.starts_with("\r\n")
        || ((t.starts_with(['-', '|', '–', '—'])) && after.starts_with([' ', '\t']))
}

/// The number of a month from its name or abbreviation (`Nov.`, `november`).
pub(crate) fn month_number(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let n = n.trim_end_matches('.');
    let m = match n.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn make_date(y: i32, m: u32, d: u32) -> std::result::Result<NaiveDate, String> {
    if !(1..=9999).contains(&y) {
        return Err(format!("year {y} is outside 1-9999"));
    }
    if !(1..=12).contains(&m) {
        return Err(format!("month {m} does not exist"));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let month = NaiveDate::from_ymd_opt(y, m, 1)
            .map(|d| d.format("%B %Y").to_string())
            .unwrap_or_else(|| format!("{y}-{m:02}"));
        format!("day {d} does not exist in {month}")
    })
}

pub(super) fn published_from_captures(
    c: &regex::Captures<'_>,
) -> std::result::Result<Published, String> {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = if let Some(iso) = c.name("iso") {
        return parse_iso(iso.as_str()).and_then(|p| with_time(p, c));
    } else if let (Some(d), Some(m), Some(y)) = (num("d1"), c.name("m1"), num("y1")) {
        make_date(
            y as i32,
            month_number(m.as_str()).ok_or("unknown month")?,
            d,
        )?
    } else if let (Some(d), Some(m), Some(y)) = (num("d2"), c.name("m2"), num("y2")) {
        make_date(
            y as i32,
            month_number(m.as_str()).ok_or("unknown month")?,
            d,
        )?
    } else {
        return Err("no date".into());
    };
    with_time(Published::date(date), c)
}

fn with_time(mut p: Published, c: &regex::Captures<'_>) -> std::result::Result<Published, String> {
    let (Some(h), Some(mi)) = (c.name("h"), c.name("mi")) else {
        return Ok(p);
    };
    let mut hour: u32 = h.as_str().parse().map_err(|_| "bad hour")?;
    let minute: u32 = mi.as_str().parse().map_err(|_| "bad minute")?;
    if let Some(ampm) = c.name("ampm") {
        if hour == 0 || hour > 12 {
            return Err(format!("hour {hour} with am/pm"));
        }
        let pm = ampm.as_str().eq_ignore_ascii_case("p");
        hour = (hour % 12) + if pm { 12 } else { 0 };
    }
    p.time = Some(
        NaiveTime::from_hms_opt(hour, minute, 0)
            .ok_or_else(|| format!("time {hour}:{minute:02} does not exist"))?,
    );
    if let Some(tz) = c.name("tz") {
        let hours = match tz.as_str().to_ascii_uppercase().as_str() {
            "GMT" | "UTC" | "Z" => 0,
            "BST" | "CET" => 1,
            "CEST" => 2,
            "EST" | "CDT" => -5,
            "EDT" => -4,
            "CST" => -6,
            "PST" => -8,
            "PDT" => -7,
            _ => return Ok(p),
        };
        p.offset = FixedOffset::east_opt(hours * 3600);
    }
    Ok(p)
}

/// Parses `YYYY-MM-DD`, optionally followed by `T` or a space and a time
/// `HH:MM[:SS[.fff]]`, and a zone `Z`, `UTC`, `GMT` or `±HH[:]MM`.
pub(crate) fn parse_iso(v: &str) -> std::result::Result<Published, String> {
    const EXPECTED: &str = "expected YYYY-MM-DD, optionally with a time such as T14:05:00Z";
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = v.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(EXPECTED.into());
    }
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(EXPECTED.into());
    };
    let date = make_date(y as i32, m, d)?;
    let mut p = Published::date(date);
    let rest = &v[10..];
    if rest.is_empty() {
        return Ok(p);
    }
    let rest = rest
        .strip_prefix('T')
        .or_else(|| rest.strip_prefix(|c: char| c == ' ' || c == '\t'))
        .ok_or_else(|| format!("unexpected {rest:?} after the date; {EXPECTED}"))?
        .trim_start();
    // Time.
    let time_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (time_str, zone) = rest.split_at(time_end);
    let fields: Vec<&str> = time_str.split(':').collect();
    let parse_field = |s: &str| -> std::result::Result<u32, String> {
        if s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit())
            || s.len() == 1 && s.bytes().all(|c| c.is_ascii_digit())
        {
            s.parse::<u32>().map_err(|e| e.to_string())
        } else {
            Err(format!("bad time {time_str:?}; {EXPECTED}"))
        }
    };
    let (h, mi, s) = match fields.as_slice() {
        [h, m] => (parse_field(h)?, parse_field(m)?, 0),
        [h, m, s] => {
            let whole = s.split('.').next().unwrap_or("");
            (parse_field(h)?, parse_field(m)?, parse_field(whole)?)
        }
        _ => return Err(format!("bad time {time_str:?}; {EXPECTED}")),
    };
    p.time = Some(
        NaiveTime::from_hms_opt(h, mi, s)
            .ok_or_else(|| format!("time {time_str} does not exist"))?,
    );
    let zone = zone.trim();
    if zone.is_empty() {
        return Ok(p);
    }
    let offset = match zone.to_ascii_uppercase().as_str() {
        "Z" | "UTC" | "GMT" => 0,
        z if (z.starts_with('+') || z.starts_with('-')) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
                return Err(format!("bad UTC offset {zone:?}"));
            }
            let hh: i32 = digits[..2].parse().map_err(|_| "bad offset")?;
            let mm: i32 = digits[2..].parse().map_err(|_| "bad offset")?;
            if hh > 23 || mm > 59 {
                return Err(format!("bad UTC offset {zone:?}"));
            }
            sign * (hh * 3600 + mm * 60)
        }
        _ => return Err(format!("unknown time zone {zone:?}")),
    };
    p.offset = FixedOffset::east_opt(offset);
    Ok(p)
}
