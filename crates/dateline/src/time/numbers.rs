//! Numbers as temporal expressions write them: numerals with separators,
//! number words (`three`, `twenty four`, `a couple of`) and spelled years
//! (`nineteen ninety-six`).

/// Where the number ends at `start` of `sentence` begins, when `start` is
/// the last group of a number with thousands separators (`000` of
/// `10,000`); `start` otherwise.
pub(super) fn grouped_number_start(sentence: &str, start: usize) -> usize {
    let b = sentence.as_bytes();
    let digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if !(digit_at(start) && digit_at(start + 1) && digit_at(start + 2)) || digit_at(start + 3) {
        return start;
    }
    let mut first = start;
    while let Some(comma) = first.checked_sub(1).filter(|&c| b[c] == b',') {
        let mut j = comma;
        while j > 0 && digit_at(j - 1) && comma - j < 4 {
            j -= 1;
        }
        let digits = comma - j;
        if digits == 0 || digits > 3 {
            break;
        }
        first = j;
        if digits < 3 {
            break;
        }
    }
    // A decimal part (`1.000,000`) or a code (`A1,000`) is no count.
    if first < start && first > 0 && (b[first - 1] == b'.' || b[first - 1].is_ascii_alphanumeric())
    {
        return start;
    }
    first
}

/// The value of a number word or numeral (`three`, `24`, `2.5`, `10,000`).
pub(super) fn number(s: &str) -> Option<f64> {
    let l = s.to_ascii_lowercase();
    let v = match l.as_str() {
        "a" | "an" | "one" => 1.0,
        "two" | "a couple of" | "couple of" | "couple" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" | "a hundred" => 100.0,
        "few" | "a few" | "several" => return None,
        other if other.contains(',') => {
            let mut groups = other.split(',');
            let lead = groups.next()?;
            let grouped = (1..=3).contains(&lead.len())
                && lead.bytes().all(|b| b.is_ascii_digit())
                && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
            if !grouped {
                return None;
            }
            other.replace(',', "").parse().ok()?
        }
        other => other.parse().ok()?,
    };
    Some(v)
}

/// The number written in the words just before `words[unit]`: `three`,
/// `24`, `twenty four`, `a couple of`.
pub(super) fn number_before(words: &[&str], unit: usize) -> Option<f64> {
    let before = &words[..unit];
    let last = before.iter().rposition(|w| number(w).is_some())?;
    // `a few days`, `a couple of weeks`: the number is the vague word's.
    if before[last + 1..]
        .iter()
        .any(|w| matches!(*w, "few" | "several" | "many"))
    {
        return None;
    }
    let mut n = number(before[last])?;
    if before.get(last + 1) == Some(&"1/2") || words[unit..].contains(&"half") {
        n += 0.5;
    }
    if last > 0 && n < 10.0 {
        if let Some(tens) =
            number(before[last - 1]).filter(|t| *t >= 20.0 && *t < 100.0 && t % 10.0 == 0.0)
        {
            return Some(tens + n);
        }
    }
    Some(n)
}

/// A number as TIMEX3 values write it: `3`, `2.5`.
pub(super) fn format_num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The value of a spelled tens word (`twenty` .. `ninety`).
pub(super) fn spelled_tens(w: &str) -> Option<i32> {
    number(w)
        .filter(|n| (20.0..100.0).contains(n) && n % 10.0 == 0.0)
        .map(|n| n as i32)
}

/// The year a spelled form names: `nineteen ninety-six`, `eighteen hundred`,
/// `two thousand` (the words of the expression, lower-cased).
pub(super) fn spelled_year(words: &[&str]) -> Option<i32> {
    // `one` .. `nineteen`, not `a` or `an`.
    let small = |w: &str| {
        number(w)
            .filter(|n| (1.0..20.0).contains(n) && w.len() > 2)
            .map(|n| n as i32)
    };
    let i = words
        .iter()
        .position(|w| matches!(*w, "nineteen" | "eighteen" | "two"))?;
    if words.get(i + 1) == Some(&"thousand") {
        return Some(2000);
    }
    let century = small(words[i])? * 100;
    let rest = &words[i + 1..];
    let tail = match rest {
        ["hundred", ..] => 0,
        [t, u, ..] if spelled_tens(t).is_some() => spelled_tens(t)? + small(u)?,
        [t] if spelled_tens(t).is_some() => spelled_tens(t)?,
        [n, ..] => small(n).filter(|n| *n >= 10)?,
        [] => return None,
    };
    Some(century + tail)
}
