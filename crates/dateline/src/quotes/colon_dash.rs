//! The frames whose cue is a punctuation mark: `SOURCE: "CONTENT"` opening
//! a paragraph (headlines and leads), and `"CONTENT" ― SOURCE` closing one.

use super::found::{push, Found, Frame};
use super::para::{trim_content, Para};
use super::tokens::{is_capitalised, is_punct, Tk};

/// `Clinton: "..."` or `Trump: Clinton is unfit` opening a paragraph.
pub(super) fn colon_frame(p: &Para<'_>, next_group: &mut usize, out: &mut Vec<Found>, from: usize) {
    let Some(&(sa, sb)) = p.sentences.first() else {
        return;
    };
    let Some(colon) = (sa..sb.min(sa + 5)).find(|&k| is_punct(&p.toks[k], &[':'])) else {
        return;
    };
    if colon == sa
        || !(sa..colon)
            .all(|k| is_capitalised(p.text, &p.toks[k]) || is_punct(&p.toks[k], &['.', '\'']))
    {
        return;
    }
    let content_taken = out[from.min(out.len())..]
        .iter()
        .any(|f| f.content.start <= p.toks[colon].start && f.content.end > p.toks[colon].start);
    if content_taken || colon + 1 >= p.toks.len() {
        return;
    }
    // A quotation, or the rest of a one-sentence paragraph (a headline)
    // after a name that is not a label (`Live updates:`, `Analysis:`).
    let end = if p.toks[colon + 1].kind == Tk::Open {
        let Some(qi) = p.inside[colon + 1] else {
            return;
        };
        p.quote_bounds(qi).1 + 1
    } else if p.sentences.len() == 1 && colon - sa <= 3 && !(sa..colon).any(|k| p.is(k, LABELS)) {
        sb
    } else {
        return;
    };
    if let Some((a, b)) = trim_content(p, colon + 1, end.min(p.toks.len())) {
        push(
            out,
            next_group,
            p.span(a, b),
            Some(p.span(colon, colon + 1)),
            Some(p.span(sa, colon)),
            Frame::Colon,
        );
    }
}

/// Words of headline labels, which are not sources (`Live updates:`).
const LABELS: &[&str] = &[
    "live",
    "update",
    "updates",
    "breaking",
    "watch",
    "video",
    "analysis",
    "opinion",
    "exclusive",
    "read",
    "photos",
    "editorial",
    "comment",
    "review",
    "poll",
    "factbox",
    "explainer",
    "note",
    "editor",
    "correction",
    "related",
    "listen",
    "podcast",
    "timeline",
    "q",
    "a",
    "the",
    "latest",
    "more",
    "source",
    "sources",
    "see",
    "also",
    "tags",
    "topics",
];

/// `“...” ― Sonya Herridge`: a quotation signed with a dash and a name
/// closing its paragraph.
pub(super) fn dash_frame(p: &Para<'_>, next_group: &mut usize, out: &mut Vec<Found>, from: usize) {
    let n = p.toks.len();
    for &(o, c) in &p.quotes {
        let Some(c) = c else { continue };
        if c + 2 >= n || !is_punct(&p.toks[c + 1], &['―', '—', '–', '-']) {
            continue;
        }
        let name = c + 2;
        if n - name > 8 || !is_capitalised(p.text, &p.toks[name]) {
            continue;
        }
        let end = (name..n)
            .find(|&k| is_punct(&p.toks[k], &[',', '.', '(']))
            .unwrap_or(n);
        let qs = p.toks[o].start;
        if out[from.min(out.len())..]
            .iter()
            .any(|f| f.content.start <= qs && qs < f.content.end)
        {
            continue;
        }
        if let Some((a, b)) = trim_content(p, o, c + 1) {
            push(
                out,
                next_group,
                p.span(a, b),
                Some(p.span(c + 1, c + 2)),
                Some(p.span(name, end)),
                Frame::Colon,
            );
        }
    }
}
