//! Dates written out: ISO (`2023-11-06`), with slashes (`11/6/2023`),
//! month and day (`Nov. 6`, `6 November 2023`), month and year
//! (`November 2023`), a month or a year alone (`in March`, `2023`), and
//! years spelled out (`nineteen ninety-six`).

use chrono::NaiveDate;

use super::calendar::{iso_date, resolve_year, season_code, year_value};
use super::expr::{Expr, Found};
use super::numbers::spelled_year;
use super::tense::Tense;
use super::TimexKind;
use crate::article::month_number;

/// `2023-11-06`, `2023-11-06T14:30`.
pub(super) fn iso(e: &Expr<'_>) -> Option<Found> {
    let v = e.text;
    let date = NaiveDate::parse_from_str(&v[..10], "%Y-%m-%d").ok()?;
    if v.len() > 10 {
        return e.absolute(TimexKind::Time, format!("{}{}", iso_date(date), &v[10..16]));
    }
    e.absolute(TimexKind::Date, iso_date(date))
}

/// `11/6/2023`, `6/11/23` (month first unless the first number cannot be a month).
pub(super) fn slashed(e: &Expr<'_>) -> Option<Found> {
    let m = e.text;
    let parts: Vec<&str> = m.split('/').collect();
    let (a, b): (u32, u32) = (parts[0].parse().ok()?, parts[1].parse().ok()?);
    let mut y: i32 = parts[2].parse().ok()?;
    if parts[2].len() == 2 {
        y += if y < 50 { 2000 } else { 1900 };
    }
    // US month/day unless the first number cannot be a month.
    let (mo, d) = if a > 12 { (b, a) } else { (a, b) };
    let date = NaiveDate::from_ymd_opt(y, mo, d)?;
    e.absolute(TimexKind::Date, iso_date(date))
}

/// `Nov. 6`, `Monday, November 6, 2023`, `6 November`, `the 6th of November`:
/// without a year, the one nearest the publication date in the clause's tense.
pub(super) fn month_day(e: &Expr<'_>) -> Option<Found> {
    let words = e.words;
    let dct = e.dct;
    let tense = e.tense;
    let next = e.next;
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
    match year {
        Some(y) => e.absolute(
            TimexKind::Date,
            iso_date(NaiveDate::from_ymd_opt(y, month, day)?),
        ),
        None => match dct {
            Some(dct) => {
                let y = resolve_year(dct, month, Some(day), tense.or(Some(Tense::Past)));
                e.relative(
                    TimexKind::Date,
                    Some(iso_date(NaiveDate::from_ymd_opt(y, month, day)?)),
                )
            }
            None => e.relative(TimexKind::Date, Some(format!("XXXX-{month:02}-{day:02}"))),
        },
    }
}

/// `November 2023`, `mid-March, 2021`.
pub(super) fn month_year(e: &Expr<'_>) -> Option<Found> {
    let words = e.words;
    let month = words
        .iter()
        .find_map(|w| month_number(w).filter(|_| w.len() >= 3))?;
    let year: i32 = words.iter().find_map(|w| {
        w.trim_end_matches(',')
            .parse()
            .ok()
            .filter(|y: &i32| *y > 31)
    })?;
    e.absolute_or_none(
        TimexKind::Date,
        year_value(year).map(|y| format!("{y}-{month:02}")),
    )
}

/// `nineteen ninety-six`, `the summer of nineteen ninety`, `two thousand`;
/// not a count (`two thousand people`).
pub(super) fn spelled(e: &Expr<'_>) -> Option<Found> {
    let words = e.words;
    let sentence = e.sentence;
    let mstart = e.start;
    let next = e.next;
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
    let y = spelled_year(words)?;
    if let Some(m) = words
        .iter()
        .find_map(|w| month_number(w).filter(|_| w.len() >= 3))
    {
        return e.absolute_or_none(
            TimexKind::Date,
            year_value(y).map(|y| format!("{y}-{m:02}")),
        );
    }
    if let Some(season) = words
        .iter()
        .find(|w| matches!(**w, "spring" | "summer" | "fall" | "autumn" | "winter"))
    {
        return e.absolute_or_none(
            TimexKind::Date,
            year_value(y).map(|y| format!("{y}-{}", season_code(season))),
        );
    }
    e.absolute_or_none(TimexKind::Date, year_value(y))
}

/// A month alone (`in March`, `late May`): only after a preposition or a
/// modifier when it is also a word or a name (`May`, `March`, `April Ryan`).
pub(super) fn month(e: &Expr<'_>) -> Option<Found> {
    let m = e.text;
    let words = e.words;
    let dct = e.dct;
    let tense = e.tense;
    let prev = e.prev.as_str();
    let after = e.after();
    let mword = words.last()?;
    // "May" the verb, "March" the word: only after a preposition or a modifier.
    let guarded = matches!(*mword, "may" | "march" | "august") || mword.len() <= 4;
    let modified = words.len() > 1;
    let prepositions = [
        "in", "since", "by", "until", "till", "from", "during", "of", "through", "to", "before",
        "after", "for", "between", "and", "early", "late", "mid", "last", "next", "this",
    ];
    if !modified && (guarded || !m.starts_with(char::is_uppercase)) && !prepositions.contains(&prev)
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
    if !modified && name_follows && (guarded || !prepositions.contains(&prev)) {
        return None;
    }
    let month = month_number(mword)?;
    match dct {
        Some(dct) => {
            let y = resolve_year(dct, month, None, tense.or(Some(Tense::Past)));
            e.relative(
                TimexKind::Date,
                year_value(y).map(|y| format!("{y}-{month:02}")),
            )
        }
        None => e.relative(TimexKind::Date, Some(format!("XXXX-{month:02}"))),
    }
}

/// A year alone (`2023`, `fiscal 2022`): not a count (`2000 troops`), a sum,
/// a code or part of a larger number.
pub(super) fn year(e: &Expr<'_>) -> Option<Found> {
    let words = e.words;
    let sentence = e.sentence;
    let mstart = e.start;
    let mend = e.end;
    let next = e.next;
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
    e.absolute(TimexKind::Date, (*y).to_string())
}
