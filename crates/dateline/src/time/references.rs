//! General references to the present, past and future: `now`, `currently`,
//! `recently`, `the future`, `soon`.

use super::expr::{Expr, Found};
use super::TimexKind;

/// `now` (PRESENT_REF), `recently` (PAST_REF), `soon` (FUTURE_REF); not
/// `as soon as` or a name (`Future Group`).
pub(super) fn reference(e: &Expr<'_>) -> Option<Found> {
    let m = e.text;
    let lower = e.lower;
    let prev = e.prev.as_str();
    let next = e.next;
    // `as soon as Tuesday` is the day's; `Future Group` and `Recent Sales` are names.
    if lower == "soon" && prev == "as" {
        return None;
    }
    if matches!(lower, "future" | "recent") && !m.starts_with(char::is_lowercase) {
        return None;
    }
    // `The Future Investment Initiative`: a capitalised name goes on.
    if m.starts_with(char::is_uppercase) && next.starts_with(char::is_uppercase) {
        return None;
    }
    let v = match lower {
        "now" | "currently" | "current" | "nowadays" | "at present" | "these days" => "PRESENT_REF",
        "the future" | "future" | "soon" | "the near future" | "the near term"
        | "the short term" => "FUTURE_REF",
        _ => "PAST_REF",
    };
    // "current" as an adjective of a thing ("current account") is still PRESENT_REF in TimeML.
    e.absolute_or_none(TimexKind::Date, Some(v.into()))
}
