//! Decades and centuries: `the 1990s`, `the '90s`, `the nineties`,
//! `the 21st century`.

use super::calendar::decade_value;
use super::expr::{Expr, Found};
use super::numbers::spelled_tens;
use super::TimexKind;

/// `the 1990s`, `the early 2000s`, `the '90s`, `the nineties`.
pub(super) fn decade(e: &Expr<'_>) -> Option<Found> {
    let lower = e.lower;
    let words = e.words;
    let dct = e.dct;
    if let Some(tens) = words
        .last()
        .and_then(|w| spelled_tens(&format!("{}y", w.strip_suffix("ies")?)))
    {
        return e.absolute_or_none(TimexKind::Date, decade_value(dct, tens / 10));
    }
    let digits: String = lower.chars().filter(char::is_ascii_digit).collect();
    let v = if digits.len() == 4 {
        Some(digits[..3].to_string())
    } else {
        // the '90s
        decade_value(dct, digits.get(..1)?.parse().ok()?)
    };
    e.absolute_or_none(TimexKind::Date, v)
}

/// `the 21st century`, `the nineteenth century`.
pub(super) fn century(e: &Expr<'_>) -> Option<Found> {
    let lower = e.lower;
    let words = e.words;
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
    e.absolute(TimexKind::Date, format!("{:02}", n - 1))
}
