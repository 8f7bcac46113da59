//! What is not a figure: numbers in dates, names, codes, phone numbers,
//! scores, compound adjectives, durations, and spelled numbers that count
//! nothing.

use super::read::Raw;
use super::tokens::{Ctx, Tk};
use super::triggers::{trigger_left, trigger_right};
use super::words::{is_in, plural_looking, AUX, IDENT_WORDS, NP_STOP, OPEN_WORDS};
use super::FigureKind;
use crate::entities::Mention;
use crate::time::Timex;

/// Whether byte ranges `a` and `b` overlap.
pub(super) fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Whether a read figure is a figure, not part of a date, name, code,
/// phone number, score or compound adjective.
pub(super) fn keep(c: &Ctx<'_>, r: &Raw, timex: &[&Timex], ms: &[Mention]) -> bool {
    let core = c.toks[r.core_first];
    let core_span = (core.start, core.end);
    if timex.iter().any(|t| overlaps(core_span, (t.start, t.end))) {
        return false;
    }
    if ms
        .iter()
        .any(|m| overlaps(core_span, (m.name_start, m.name_end)))
    {
        return false;
    }
    let measured = r.unit.is_some() || matches!(r.kind, FigureKind::Money | FigureKind::Percent);
    let digits = core.kind == Tk::Num;
    let named =
        digits && r.first == r.core_first && r.core_first > 0 && named_before(c, r, measured);
    let joined = r.end < c.toks.len() && joined_after(c, r, measured, digits);
    let code = digits && code_or_year(c, r, measured);
    // Scores, votes and model numbers: `2-1`, `737-800`.
    let score = r.dash && !measured && r.counted.is_none();
    !(named
        || joined
        || code
        || counts_time(c, r)
        || names_a_thing(c, r, digits)
        || score
        || counts_nothing(c, r, measured))
}

/// Whether the token before the digits of `r` makes them part of a name or
/// code: glued to a word or mark (`A320`, `#5`), after an identifying word
/// (`Flight 447`, `No. 10`), a capitalised word (`Boeing 737`) or another
/// number.
fn named_before(c: &Ctx<'_>, r: &Raw, measured: bool) -> bool {
    let core = c.toks[r.core_first];
    let lexical_noun = r.counted_class.is_some_and(|k| k != "other");
    let p = r.core_first - 1;
    let ps = c.s(p);
    if core.glued && (c.word(p) || matches!(ps, "-" | "/" | "#" | "." | ":" | "+" | "‑")) {
        return true;
    }
    if c.word(p) && is_in(IDENT_WORDS, ps) {
        return true;
    }
    if ps == "." && p > 0 && is_in(IDENT_WORDS, c.s(p - 1)) {
        return true;
    }
    if c.capitalised(p) && !is_in(OPEN_WORDS, ps) && !lexical_noun && !measured {
        return true;
    }
    if c.toks[p].kind == Tk::Num {
        return true;
    }
    false
}

/// Whether what follows `r` makes it part of a word, a compound or a
/// phone number: `1st`, `3G`, `three-day`, `10:30`, `020 7946 0958`.
fn joined_after(c: &Ctx<'_>, r: &Raw, measured: bool, digits: bool) -> bool {
    let n = c.toks.len();
    let next = c.toks[r.end];
    let ns = c.s(r.end);
    if next.glued && next.kind == Tk::Word && !measured {
        return true; // `1st`, `3G`, `1990s`
    }
    if next.glued
        && matches!(ns, "-" | "‑" | ":" | "/" | ".")
        && c.glued(r.end + 1)
        && r.end + 1 < n
        && matches!(c.toks[r.end + 1].kind, Tk::Word | Tk::Num)
    {
        return true; // `three-day`, `10:30`, `11/9`, `737-800`
    }
    if digits && next.kind == Tk::Num && !next.glued {
        return true; // `020 7946 0958`
    }
    false
}

/// Whether the digits of `r` are a code (`007`) or a year standing alone.
fn code_or_year(c: &Ctx<'_>, r: &Raw, measured: bool) -> bool {
    let s = c.s(r.core_first);
    if s.len() > 1 && s.starts_with('0') && !s.starts_with("0.") {
        return true;
    }
    let year = s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && (1000..=2100).contains(&s.parse::<u32>().unwrap_or(0));
    if year && r.first == r.core_first && !measured && r.counted.is_none() {
        return true;
    }
    false
}

/// Whether `r` counts units of time: a duration, the time layer's.
fn counts_time(c: &Ctx<'_>, r: &Raw) -> bool {
    let Some((_, b)) = r.counted else {
        return false;
    };
    let head = c.lower(b - 1);
    if matches!(
        head.as_str(),
        "seconds"
            | "minutes"
            | "hours"
            | "days"
            | "weeks"
            | "months"
            | "years"
            | "decades"
            | "centuries"
            | "nights"
            | "mornings"
    ) {
        return true; // a duration: the time layer's
    }
    false
}

/// Whether a bare number (nothing counted, no unit) names a thing: `'11`,
/// `Boeing 's 787`, `787 Dreamliner`, `the final 717 jet`.
fn names_a_thing(c: &Ctx<'_>, r: &Raw, digits: bool) -> bool {
    let n = c.toks.len();
    let core = c.toks[r.core_first];
    let bare = r.kind == FigureKind::Quantity && r.unit.is_none() && r.counted.is_none();
    if bare && digits && r.first == r.core_first && r.core_first > 0 {
        let p = r.core_first - 1;
        // `'11`, `Boeing 's 787`
        if matches!(c.s(p), "'" | "’") && core.glued {
            return true;
        }
        if c.is(p, "s") && p >= 2 && matches!(c.s(p - 1), "'" | "’") && c.capitalised(p - 2) {
            return true;
        }
    }
    if bare && !r.spelled && r.end < n && c.word(r.end) {
        // `787 Dreamliner`, `the final 717 jet`: a number naming a thing
        let w = c.s(r.end);
        let lw = w.to_lowercase();
        let verb_like = lw.ends_with("ed") || lw.ends_with("ing");
        if c.capitalised(r.end)
            || !(is_in(NP_STOP, &lw)
                || is_in(AUX, &lw)
                || verb_like
                || c.lex.triggers.contains_key(lw.as_str())
                || plural_looking(&lw))
        {
            return true;
        }
    }
    false
}

/// Whether a spelled number counts nothing: `one of`, `the two`; but
/// `killing at least one` has a trigger.
fn counts_nothing(c: &Ctx<'_>, r: &Raw, measured: bool) -> bool {
    r.spelled
        && !r.vague
        && r.counted.is_none()
        && !measured
        && trigger_left(c, r.first).is_none()
        && trigger_right(c, r.end).is_none()
}
