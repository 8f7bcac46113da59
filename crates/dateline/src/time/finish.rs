//! The last step for each expression: its value checked against the
//! calendar, noted for the expressions after it, and written out with its
//! modifier, anchor and interval.

use chrono::NaiveDate;

use super::calendar::{iso_date, well_formed};
use super::context::Context;
use super::expr::Found;
use super::interval::interval_of;
use super::{Timex, TimexKind, TimexMod};

/// The temporal expression `found` makes of `text` (the article), noted in
/// `ctx`. Arithmetic near the ends of the calendar (`tomorrow` on
/// 9999-12-31, `2023 years ago`) gives no value, not a malformed one.
pub(super) fn finish(text: &str, found: Found, dct: Option<NaiveDate>, ctx: &mut Context) -> Timex {
    let t = found.span.slice(text);
    let value = found.value.filter(|v| well_formed(v));
    if let Some(v) = &value {
        ctx.note(v, t);
    }
    let interval = match found.kind {
        TimexKind::Date | TimexKind::Time => value.as_deref().and_then(interval_of),
        _ => None,
    };
    Timex {
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
    }
}

/// The TimeML modifier the words of an expression give (`more than`,
/// `about`, `early`, `the end of`).
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
