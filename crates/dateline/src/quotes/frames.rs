//! The frames of one paragraph: each cue outside quotation marks read in
//! turn (passive, content first, source first), then `according to`, then
//! the colon and dash frames.

use super::according::according;
use super::colon_dash::{colon_frame, dash_frame};
use super::content_first::content_first;
use super::cues::CueClass;
use super::found::Found;
use super::nominal::nominal;
use super::para::{CueAt, Para};
use super::passive::passive;
use super::source_first::source_first;

/// Finds the attributions of one paragraph.
///
/// `out[from..]` are the attributions that may hold text of this paragraph
/// (the one the paragraph before introduced, and this paragraph's own).
pub(super) fn paragraph_quotes(
    p: &Para<'_>,
    next_group: &mut usize,
    out: &mut Vec<Found>,
    from: usize,
) {
    for (si, &(sa, sb)) in p.sentences.iter().enumerate() {
        let sentence_found = out.len();
        let mut i = sa;
        while i < sb {
            let Some((cue, cue_last)) = p.cue_at(i) else {
                i += 1;
                continue;
            };
            let at = CueAt {
                si,
                c: i,
                cl: cue_last,
                cue,
                span: p.span(i, cue_last + 1),
            };
            if let Some(next) = read_cue(p, &at, next_group, out) {
                i = next.max(i + 1);
            } else {
                i += 1;
            }
        }
        // `Trump's claim that ...`
        nominal(p, si, sentence_found, next_group, out);
        // `according to`
        let mut k = sa;
        while k + 1 < sb {
            if p.inside[k].is_none()
                && p.w(k).eq_ignore_ascii_case("according")
                && p.is(k + 1, &["to"])
            {
                according(p, si, k, next_group, out);
                k += 2;
            } else {
                k += 1;
            }
        }
    }
    // SOURCE: "CONTENT" at the start of a paragraph (headlines and leads).
    colon_frame(p, next_group, out, from);
    dash_frame(p, next_group, out, from);
}

/// Reads the cue `at`. Returns the token to go on from when it made an
/// attribution.
fn read_cue(
    p: &Para<'_>,
    at: &CueAt,
    next_group: &mut usize,
    out: &mut Vec<Found>,
) -> Option<usize> {
    if is_passive(p, at) {
        return passive(p, at, next_group, out);
    }
    // Content first: `"...," he said` / `..., said Mr X` / `..., he said, "..."`.
    if let Some(r) = content_first(p, at, next_group, out) {
        return Some(r);
    }
    source_first(p, at, next_group, out)
}

/// Passive `is expected`, `was reported`: no source of its own.
fn is_passive(p: &Para<'_>, at: &CueAt) -> bool {
    let (sa, _) = p.sentences[at.si];
    let c = at.c;
    let participle = matches!(
        p.w(c),
        "expected"
            | "believed"
            | "thought"
            | "feared"
            | "known"
            | "hoped"
            | "suspected"
            | "assumed"
            | "imagined"
            | "doubted"
    );
    const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];
    // An adverb stands between the verb `be` and the participle (`is also
    // expected`, `was widely reported`); without `be` the verb is active
    // (`Ham also noted that ...`).
    let be = match c.checked_sub(1) {
        Some(k) if k >= sa && p.is(k, BE) => true,
        Some(k) if k > sa && p.is(k, &["widely", "also", "now", "still"]) => p.is(k - 1, BE),
        _ => false,
    };
    c > sa
        && (at.cue.class != CueClass::Belief || participle)
        && be
        && (p.w(c).ends_with("ed") || p.w(c).ends_with("wn") || p.w(c) == "thought")
}
