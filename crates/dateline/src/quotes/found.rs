//! What the frames find in a paragraph: attributions on byte spans, before
//! they become quotes.

use crate::span::Span;

/// One attribution found in a paragraph, on token indices.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// Content, as byte span.
    pub(super) content: Span,
    /// The cue's byte span, when there is a cue.
    pub(super) cue: Option<Span>,
    /// The source's byte span, when there is a source.
    pub(super) source: Option<Span>,
    /// Where to look for the speaker when it is not the source as written:
    /// the noun a relative pronoun stands for (`the group` of `the group,
    /// which said`), from the dependency parse.
    pub(super) speaker_at: Option<Span>,
    /// The frame that found it.
    pub(super) frame: Frame,
    /// Attributions sharing a number are parts of one.
    pub(super) group: usize,
}

/// The frame an attribution was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Frame {
    /// `Mr Blinken told reporters [that] CONTENT` (and passives).
    SourceFirst,
    /// `"CONTENT," Mr Blinken said` or `CONTENT, said Mr Blinken`.
    ContentFirst,
    /// `according to SOURCE, CONTENT` and `CONTENT, according to SOURCE`.
    According,
    /// `SOURCE: "CONTENT"`, `"CONTENT" ― SOURCE`, and a cue closing its
    /// paragraph with a colon.
    Colon,
    /// A quotation continuing the speaker quoted last.
    Continued,
    /// `SOURCE's claim that CONTENT`: a noun of saying after its possessor.
    Nominal,
}

/// Adds an attribution of its own number (`next_group`, then moved on).
pub(super) fn push(
    out: &mut Vec<Found>,
    next_group: &mut usize,
    content: Span,
    cue: Option<Span>,
    source: Option<Span>,
    frame: Frame,
) {
    out.push(Found {
        content,
        cue,
        source,
        speaker_at: None,
        frame,
        group: *next_group,
    });
    *next_group += 1;
}
