//! The passive frame: `is expected that CONTENT`, `was criticized by
//! SOURCE as CONTENT` (`is expected to ...` says what is likely, and is no
//! attribution).

use super::found::{push, Found, Frame};
use super::para::{clause_floor, trim_content, CueAt, Para};
use super::source::source_right_full;
use super::tokens::is_punct;
use super::words::AUX;

/// A passive cue (`is believed that`, `was criticized by X as`): the
/// content follows; the source is the agent after `by`, when there is one.
pub(super) fn passive(
    p: &Para<'_>,
    at: &CueAt,
    next_group: &mut usize,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let (sa, sb) = p.sentences[at.si];
    let (c, cl, cue_span) = (at.c, at.cl, at.span);
    let from = cl + 1;
    if p.is(from, &["by"]) {
        // `His views were echoed by experts`: the subject is the content.
        let (s, e) = source_right_full(p, from + 1, sb)?;
        let e = (s + 1..e)
            .find(|&k| p.is(k, &["as", "to", "for", "on", "at"]) || is_punct(&p.toks[k], &[',']))
            .unwrap_or(e);
        let mut aux = c;
        while aux > sa && p.is(aux - 1, AUX) {
            aux -= 1;
        }
        let (a, b) = trim_content(p, clause_floor(p, sa, aux), aux)?;
        push(
            out,
            next_group,
            p.span(a, b),
            Some(cue_span),
            Some(p.span(s, e)),
            Frame::SourceFirst,
        );
        return Some(e);
    }
    // `The visit is expected to address ...`: what is likely, said by no
    // one; an analyst would not publish it as a statement.
    if p.is(from, &["to"]) {
        return None;
    }
    let (a, b) = trim_content(p, from, sb)?;
    push(
        out,
        next_group,
        p.span(a, b),
        Some(cue_span),
        None,
        Frame::SourceFirst,
    );
    Some(b)
}
