//! The `according to` frames: `according to SOURCE, CONTENT` and `CONTENT,
//! according to SOURCE`.

use super::found::{push, Found, Frame};
use super::para::{clause_start, trim_content, Para};
use super::source::source_right_full;
use super::tokens::{is_punct, Tk};
use super::words::{FINITE, PLACE_TIME_START};

/// `according to` at token `k` of sentence `si`: `According to SOURCE,
/// CONTENT` opening the sentence, or `CONTENT, according to SOURCE`.
pub(super) fn according(
    p: &Para<'_>,
    si: usize,
    k: usize,
    next_group: &mut usize,
    out: &mut Vec<Found>,
) {
    let (sa, sb) = p.sentences[si];
    let cue = p.span(k, k + 2);
    let lead = (sa..k)
        .all(|i| p.is(i, &["but", "and", "yet", "so", "also"]) || is_punct(&p.toks[i], &[',']));
    if lead {
        // According to SOURCE, CONTENT.
        let Some((ss, se)) = source_right_full(p, k + 2, sb) else {
            return;
        };
        let mut a = se;
        while a < sb && is_punct(&p.toks[a], &[',']) {
            a += 1;
        }
        if let Some((ca, cb)) = trim_content(p, a, sb) {
            push(
                out,
                next_group,
                p.span(ca, cb),
                Some(cue),
                Some(p.span(ss, se)),
                Frame::According,
            );
        }
    } else if k > sa && is_punct(&p.toks[k - 1], &[',', '—', '–', '(']) {
        // CONTENT, according to SOURCE.
        let Some((ss, se)) = source_right_full(p, k + 2, sb) else {
            return;
        };
        // Not a time adjunct opening the sentence (`Since last November,
        // according to Human Rights Watch, security forces have ...`).
        let before = trim_content(p, clause_start(p, sa, k - 1), k - 1).filter(|&(a, b)| {
            let words = (a..b).filter(|&i| p.toks[i].kind == Tk::Word).count();
            !(words <= 4 && (p.is(a, PLACE_TIME_START) || p.is(a, &["since"])))
        });
        // `One of the decisions, according to a person close to it, is to
        // turn ...`: the sentence goes on after the source; that is said
        // too, as a second part of the same attribution.
        let after = (se < sb && is_punct(&p.toks[se], &[',', '—', '–', ')']))
            .then(|| trim_content(p, se + 1, sb))
            .flatten()
            .filter(|&(a, b)| {
                // A clause (`is to turn`, `two were upgraded`), not the
                // source's appositive (`, a spokesman for the directorate.`).
                (a..b).filter(|&i| p.toks[i].kind == Tk::Word).count() >= 3
                    && !p.is(a, &["a", "an", "who", "which"])
                    && (a..b).any(|i| p.inside[i].is_none() && p.is(i, FINITE))
            });
        let group = *next_group;
        for (ca, cb) in before.into_iter().chain(after) {
            out.push(Found {
                content: p.span(ca, cb),
                cue: Some(cue),
                source: Some(p.span(ss, se)),
                speaker_at: None,
                frame: Frame::According,
                group,
            });
        }
        if before.is_some() || after.is_some() {
            *next_group += 1;
        }
    }
}
