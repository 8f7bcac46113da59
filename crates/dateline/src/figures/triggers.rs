//! The trigger of a figure: the word that says what happened to what it
//! counts (`killed`, `were wounded`, `the death toll rose to`).

use super::read::Raw;
use super::tokens::Ctx;
use super::words::{is_in, AUX, LEFT_SKIP};

/// A trigger right after the counted phrase: `people have been killed`, `12 dead`.
pub(super) fn trigger_right(c: &Ctx<'_>, from: usize) -> Option<(&'static str, usize)> {
    let n = c.toks.len();
    // `forcing hundreds of families from their homes`
    if (c.is(from, "from") || c.is(from, "out") && c.is(from + 1, "of"))
        && (1..=3).any(|k| c.is(from + k, "homes") || c.is(from + k, "home"))
    {
        return Some(("displaced", from));
    }
    let mut t = from;
    let mut skipped = 0;
    while t < n && skipped <= 4 {
        if !c.word(t) {
            return None;
        }
        let lw = c.lower(t);
        if let Some(cat) = c.lex.triggers.get(lw.as_str()) {
            return Some((cat, t));
        }
        if !is_in(AUX, &lw) {
            return None;
        }
        t += 1;
        skipped += 1;
    }
    None
}

/// A trigger before the figure: `killing four`, `killed more than`,
/// `the death toll rose to`.
pub(super) fn trigger_left(c: &Ctx<'_>, first: usize) -> Option<(&'static str, usize)> {
    let mut t = first;
    let mut skipped = 0;
    while t > 0 && skipped <= 2 {
        t -= 1;
        if !c.word(t) {
            break;
        }
        let lw = c.lower(t);
        if let Some(cat) = c.lex.triggers.get(lw.as_str()) {
            if lw.ends_with("ing") || lw.ends_with("ed") || matches!(lw.as_str(), "kill" | "kills")
            {
                return Some((cat, t));
            }
            return None;
        }
        if !is_in(LEFT_SKIP, &lw) {
            break;
        }
        skipped += 1;
    }
    // `the death toll has risen to`, `the deaths of`
    let lo = first.saturating_sub(8);
    for t in (lo..first).rev() {
        if !c.word(t) {
            if matches!(c.s(t), "'" | "’" | "-") {
                continue;
            }
            return None;
        }
        let lw = c.lower(t);
        if lw == "toll" || lw == "deaths" || lw == "death" {
            return Some(("killed", t));
        }
        if !matches!(
            lw.as_str(),
            "has"
                | "had"
                | "have"
                | "rose"
                | "risen"
                | "climbed"
                | "reached"
                | "hit"
                | "stands"
                | "stood"
                | "is"
                | "was"
                | "to"
                | "at"
                | "now"
                | "jumped"
                | "increased"
                | "passed"
                | "topped"
                | "exceeded"
                | "surpassed"
                | "of"
                | "the"
                | "s"
                | "rises"
                | "climbs"
                | "reaches"
                | "hits"
                | "tops"
                | "nears"
                | "neared"
                | "soared"
                | "soars"
                | "stand"
                | "official"
                | "overall"
                | "total"
                | "a"
        ) {
            return None;
        }
    }
    None
}

/// The category of figure `r` (its counted phrase ends at token `np_end`)
/// with the token of its trigger (none when the counted noun gives it:
/// `deaths`), and the trigger after the figure, if any (`people were
/// killed`), which may name the actor (`by X`).
pub(super) fn category_of(
    c: &Ctx<'_>,
    r: &Raw,
    np_end: usize,
) -> (Option<(&'static str, Option<usize>)>, Option<usize>) {
    let mut category = r.category.map(|k| (k, None));
    let mut right_trigger = None;
    if category.is_none() {
        if let Some((cat, t)) = trigger_right(c, np_end) {
            category = Some((cat, Some(t)));
            right_trigger = Some(t);
        } else if let Some((cat, t)) = trigger_left(c, r.first) {
            category = Some((cat, Some(t)));
        }
    } else if let Some((_, t)) = trigger_right(c, np_end) {
        right_trigger = Some(t);
    }
    (category, right_trigger)
}
