//! The article's attributions made ready for output: empty ones dropped,
//! long ones cut, `according to` that only names where a report came from
//! dropped, duplicates removed, and nesting kept within
//! [`MAX_QUOTE_NESTING`].

use super::found::{Found, Frame};
use super::{MAX_QUOTE_BYTES, MAX_QUOTE_NESTING};
use crate::span::Span;

/// Tidies the attributions `found` in the paragraphs (byte spans with the
/// spans of their sentences), leaving them in text order.
pub(super) fn tidy(text: &str, paragraphs: &[(Span, Vec<Span>)], found: &mut Vec<Found>) {
    found.retain(|f| !f.content.is_empty());
    let sentence_ends: Vec<usize> = paragraphs
        .iter()
        .flat_map(|(_, ss)| ss.iter().map(|s| s.end))
        .collect();
    for f in found.iter_mut() {
        f.content = capped(text, f.content, &sentence_ends);
    }
    drop_report_sources(found);
    found.sort_by_key(|f| (f.content.start, f.content.end));
    found.dedup_by(|b, a| a.content == b.content);
    limit_nesting(found);
}

/// `content` cut to at most [`MAX_QUOTE_BYTES`]: at the last sentence end
/// (`sentence_ends`, sorted) within that length, else at the last space.
fn capped(text: &str, content: Span, sentence_ends: &[usize]) -> Span {
    if content.len() <= MAX_QUOTE_BYTES {
        return content;
    }
    let mut limit = content.start + MAX_QUOTE_BYTES;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let i = sentence_ends.partition_point(|&e| e <= limit);
    let end = match i.checked_sub(1).map(|i| sentence_ends[i]) {
        Some(e) if e > content.start => e,
        _ => {
            let w = &text[content.start..limit];
            content.start
                + w.rfind(char::is_whitespace)
                    .filter(|&k| k > 0)
                    .unwrap_or(w.len())
        }
    };
    let end = content.start + text[content.start..end].trim_end().len();
    Span::new(content.start, if end > content.start { end } else { limit })
}

/// `"...," he told reporters, according to AFP`: the statement is
/// attributed already; `according to` names where the report came from,
/// and is dropped.
fn drop_report_sources(found: &mut Vec<Found>) {
    let mut cues: Vec<Span> = found
        .iter()
        .filter(|f| f.frame != Frame::According)
        .filter_map(|f| f.cue)
        .collect();
    cues.sort_unstable_by_key(|c| (c.start, c.end));
    found.retain(|f| {
        f.frame != Frame::According || {
            let from = cues.partition_point(|c| c.start < f.content.start);
            !cues[from..]
                .iter()
                .take_while(|c| c.start < f.content.end)
                .any(|c| c.end <= f.content.end)
        }
    });
}

/// At most [`MAX_QUOTE_NESTING`] quotations hold any point of the text: of
/// `found` (in text order), one that opens inside that many is dropped.
fn limit_nesting(found: &mut Vec<Found>) {
    let mut open_ends: Vec<usize> = Vec::with_capacity(MAX_QUOTE_NESTING);
    found.retain(|f| {
        open_ends.retain(|&e| e > f.content.start);
        if open_ends.len() >= MAX_QUOTE_NESTING {
            return false;
        }
        open_ends.push(f.content.end);
        true
    });
}
