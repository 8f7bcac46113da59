//! The attributions as quotes: their kind (direct, indirect, mixed,
//! according), their speaker, their confidence, and attribution numbers in
//! text order.

use std::collections::HashMap;

use super::found::{Found, Frame};
use super::speakers::{SourceClass, Speakers};
use super::{Quote, QuoteKind};
use crate::entities::Mention;

/// The quotes of the attributions `found` (in text order), with speakers
/// from the entity layer's `mentions` (in text order).
pub(super) fn quotes(text: &str, mentions: &[Mention], found: Vec<Found>) -> Vec<Quote> {
    let speakers = Speakers::new(text, mentions);
    let mut out: Vec<Quote> = Vec::with_capacity(found.len());
    let mut last_speaker: Option<usize> = None;
    for f in found {
        let resolved = f
            .speaker_at
            .or(f.source)
            .and_then(|s| speakers.resolve(s, last_speaker));
        if let Some(m) = resolved {
            last_speaker = Some(m);
        }
        out.push(quote(text, mentions, &speakers, &f, resolved));
    }
    renumber(&mut out);
    out
}

/// The quote of attribution `f`, whose source resolved to mention
/// `resolved`.
fn quote(
    text: &str,
    mentions: &[Mention],
    speakers: &Speakers<'_>,
    f: &Found,
    resolved: Option<usize>,
) -> Quote {
    let content = f.content.slice(text);
    let kind = match f.frame {
        Frame::According => QuoteKind::According,
        _ => quote_kind(content),
    };
    let source_class = f.source.map(|s| speakers.source_class(s));
    Quote {
        start: f.content.start,
        end: f.content.end,
        text: content.to_string(),
        kind,
        cue: f.cue.map(|c| c.slice(text).to_string()),
        cue_start: f.cue.map(|c| c.start),
        cue_end: f.cue.map(|c| c.end),
        source: f.source.map(|s| s.slice(text).to_string()),
        source_start: f.source.map(|s| s.start),
        source_end: f.source.map(|s| s.end),
        speaker: resolved.map(|m| speakers.canonical(m).to_string()),
        speaker_kind: resolved.map(|m| mentions[m].kind),
        speaker_mention: resolved,
        attribution: f.group,
        confidence: confidence(kind, source_class),
    }
}

/// Attributions numbered in text order.
fn renumber(out: &mut [Quote]) {
    let mut renumber: HashMap<usize, usize> = HashMap::new();
    for q in out {
        let n = renumber.len();
        q.attribution = *renumber.entry(q.attribution).or_insert(n);
    }
}

/// How the content is given: in quotation marks from end to end (direct),
/// with quoted words inside (mixed), or not at all (indirect).
fn quote_kind(content: &str) -> QuoteKind {
    let opens = |c: char| matches!(c, '“' | '"' | '‘' | '\'' | '«' | '„');
    let closes = |c: char| matches!(c, '”' | '"' | '’' | '\'' | '»');
    let first = content.chars().next();
    let last = content.trim_end_matches(['.', ',']).chars().last();
    let marks = content
        .chars()
        .filter(|c| matches!(c, '“' | '”' | '"' | '«' | '»' | '„'))
        .count();
    if first.is_some_and(opens) && (last.is_some_and(closes) || marks == 1) {
        QuoteKind::Direct
    } else if content.contains(['“', '”', '"', '«', '»']) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// Confidence by kind and source: the share of such quotes that overlap an
/// annotated attribution on the PolNeAR training articles (measured with
/// `scripts/eval/quote_errors.py`; docs/quotes.md).
fn confidence(kind: QuoteKind, source: Option<SourceClass>) -> f32 {
    use SourceClass::*;
    match (kind, source) {
        (QuoteKind::Direct, Some(Description) | None) => 0.98,
        (QuoteKind::Direct, _) => 0.99,
        (QuoteKind::Mixed, Some(Description)) => 0.94,
        (QuoteKind::Mixed, Some(Pronoun)) => 0.99,
        (QuoteKind::Mixed, _) => 0.98,
        (QuoteKind::Indirect, Some(Name)) => 0.89,
        (QuoteKind::Indirect, Some(Pronoun)) => 0.92,
        (QuoteKind::Indirect, Some(Description)) => 0.81,
        (QuoteKind::Indirect, None) => 0.8,
        (QuoteKind::According, Some(Name)) => 0.94,
        (QuoteKind::According, _) => 0.91,
    }
}
