//! Quotations that continue the speaker quoted last: `“...,” he said.
//! “...”`, within a paragraph or over a paragraph break.

use super::found::{Found, Frame};
use super::para::{trim_content, Para};
use super::tokens::Tk;
use crate::span::Span;

/// Quotations that open a sentence and belong to no attribution continue the
/// speaker quoted last, in this paragraph or (for a paragraph opening with
/// one) in the paragraph before: `“...,” he said. “...”`.
///
/// `found[before..]` are this paragraph's attributions; `carry` is the
/// source and number of the attribution the paragraph before may pass on.
pub(super) fn continue_quotes(
    p: &Para<'_>,
    before: usize,
    carry: Option<(Option<Span>, usize)>,
    found: &mut Vec<Found>,
) {
    let opens_paragraph = p.toks.first().is_some_and(|t| t.kind == Tk::Open);
    // A paragraph opening with a quotation continues the speaker the
    // paragraph before quoted last, unless an attribution of its own opens
    // it (`"...," he said` takes the quotation; `"..." Mr Brown insisted his
    // plans were affordable` does not).
    let own_first = found[before..]
        .iter()
        .any(|f| p.toks.first().is_some_and(|t| f.content.start <= t.start));
    let mut last = if opens_paragraph && !own_first {
        carry
    } else {
        None
    };
    let taken = Taken::new(&found[before..]);
    let mut latest = Latest::new(found, before);
    // The furthest end of the continued quotations added here (all open
    // before the current one).
    let mut continued_end = 0;
    for &(o, c) in &p.quotes {
        let qs = p.toks[o].start;
        if let Some(f) = latest.ending_by(qs).map(|i| &found[i]) {
            last = Some((f.source, f.group));
        }
        let end = c.map_or(p.toks.len(), |c| c + 1);
        let qe = p.toks[end - 1].end;
        if taken.overlaps(qs, qe) || continued_end > qs {
            continue;
        }
        let Some((source, group)) = last.filter(|_| starts_sentence(p, o)) else {
            continue;
        };
        if let Some((a, b)) = trim_content(p, o, end) {
            continued_end = continued_end.max(p.toks[b - 1].end);
            found.push(Found {
                content: p.span(a, b),
                cue: None,
                source,
                speaker_at: None,
                frame: Frame::Continued,
                group,
            });
        }
    }
}

/// The paragraph's attributions by content start, with the furthest end
/// so far: whether one overlaps a quotation is two binary searches, not a
/// scan of the paragraph per quotation.
struct Taken {
    /// (content start, content end), sorted.
    by_start: Vec<(usize, usize)>,
    /// For each of `by_start`, the furthest end up to it.
    reach: Vec<usize>,
}

impl Taken {
    fn new(found: &[Found]) -> Taken {
        let mut by_start: Vec<(usize, usize)> = found
            .iter()
            .map(|f| (f.content.start, f.content.end))
            .collect();
        by_start.sort_unstable();
        let mut reach = Vec::with_capacity(by_start.len());
        let mut max_end = 0;
        for &(_, e) in &by_start {
            max_end = max_end.max(e);
            reach.push(max_end);
        }
        Taken { by_start, reach }
    }

    /// Whether an attribution overlaps the bytes `qs..qe`.
    fn overlaps(&self, qs: usize, qe: usize) -> bool {
        let n_before = self.by_start.partition_point(|&(s, _)| s < qe);
        n_before > 0 && self.reach[n_before - 1] > qs
    }
}

/// The attributions a quotation may continue, by content end: quotations
/// come in text order, so those ending before one only grow, and the
/// latest added of them is kept as a pointer moves on.
struct Latest {
    /// (content end, index in `found`), sorted.
    by_end: Vec<(usize, usize)>,
    /// How many of `by_end` end before the last quotation asked about.
    next: usize,
    /// The latest attribution (index in `found`) among them.
    latest: Option<usize>,
}

impl Latest {
    /// Of `found[before..]`, those with a source that are not themselves
    /// continued.
    fn new(found: &[Found], before: usize) -> Latest {
        let mut by_end: Vec<(usize, usize)> = found[before..]
            .iter()
            .enumerate()
            .filter(|(_, f)| f.source.is_some() && f.frame != Frame::Continued)
            .map(|(i, f)| (f.content.end, before + i))
            .collect();
        by_end.sort_unstable();
        Latest {
            by_end,
            next: 0,
            latest: None,
        }
    }

    /// The latest attribution ending by byte `qs` (asked in growing `qs`).
    fn ending_by(&mut self, qs: usize) -> Option<usize> {
        while self.next < self.by_end.len() && self.by_end[self.next].0 <= qs {
            self.latest = self.latest.max(Some(self.by_end[self.next].1));
            self.next += 1;
        }
        self.latest
    }
}

/// Whether the quotation opening at token `o` starts a sentence (or follows
/// a closing mark or a sentence's end).
fn starts_sentence(p: &Para<'_>, o: usize) -> bool {
    o == 0
        || p.sentences.binary_search_by_key(&o, |&(a, _)| a).is_ok()
        || matches!(
            p.toks[o - 1].kind,
            Tk::Close | Tk::Punct('.' | '?' | '!' | ':')
        )
}
