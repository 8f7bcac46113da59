//! The content after a source-first cue: past an addressee (`told
//! reporters`), adjuncts (`on Monday`, `in a statement`) and `that`, to the
//! sentence's end or the end of a quotation that opens there.

use super::cues::{CueClass, CueEntry};
use super::para::{trim_content, Para};
use super::tokens::{is_capitalised, is_punct, Tk};
use super::words::{NOT_A_STATEMENT, PLACE_TIME_START};

/// The content after a source-first cue ending before token `from`:
/// after an addressee (`told reporters`), adjuncts (`on Monday`, `in a
/// statement`) and `that`, to the sentence end, or to the end of a quotation
/// that opens there and runs past it.
pub(super) fn content_after(
    p: &Para<'_>,
    si: usize,
    from: usize,
    cue: &CueEntry,
) -> Option<(usize, usize)> {
    let (_, sb) = p.sentences[si];
    if cue.class == CueClass::Stance {
        // `backed by the senator`, `signed up for`, `backed that up`: an
        // agent or a particle, not what was said (`called on X to` is).
        if p.is(from, &["by", "up"])
            || (from + 1 < sb
                && p.is(from, &["that", "it", "them", "this"])
                && p.is(from + 1, &["up"]))
        {
            return None;
        }
        let (a, b) = trim_content(p, from, sb.min(p.toks.len()))?;
        return Some((a, b));
    }
    let a = match that_after(p, from, sb) {
        Some(t) => t + 1,
        None => {
            let a = start_without_that(p, from, sb, cue);
            // `said, without giving details`: narration about the saying,
            // not what was said.
            if a < sb && p.inside[a].is_none() && p.is(a, NOT_A_STATEMENT) {
                return None;
            }
            a
        }
    };
    let mut b = sb;
    if a < p.toks.len() && p.toks[a].kind == Tk::Open {
        if let Some(qi) = p.inside[a] {
            let (_, qc) = p.quote_bounds(qi);
            b = b.max(qc + 1);
        }
    }
    let (a, b) = trim_content(p, a, b.min(p.toks.len()))?;
    // `said in a statement`, `told People`: an adjunct, not a statement.
    let words = (a..b).filter(|&i| p.toks[i].kind == Tk::Word).count();
    if words <= 5 && p.is(a, PLACE_TIME_START) {
        return None;
    }
    Some((a, b))
}

/// `that` within a few words after token `from` (no quotation, no other
/// cue before it).
fn that_after(p: &Para<'_>, from: usize, sb: usize) -> Option<usize> {
    let mut k = from;
    while k < sb && k < from + 14 {
        if p.toks[k].kind == Tk::Open || p.toks[k].kind == Tk::Close {
            break;
        }
        if p.is(k, &["that"]) && p.inside[k].is_none() {
            return Some(k);
        }
        if p.cue_at(k).is_some() {
            break;
        }
        k += 1;
    }
    None
}

/// Where the content starts when no `that` opens it: at a quotation opening
/// within the adjuncts after a comma or colon, past the addressee of an
/// address cue, or past a comma or colon right after the cue.
fn start_without_that(p: &Para<'_>, from: usize, sb: usize, cue: &CueEntry) -> usize {
    let mut k = from;
    while k < sb && k < from + 12 && p.toks[k].kind != Tk::Open {
        k += 1;
    }
    if k < sb && p.toks[k].kind == Tk::Open && k > from && is_punct(&p.toks[k - 1], &[',', ':']) {
        k
    } else if cue.class == CueClass::Address && from < sb {
        past_addressee(p, from, sb)
    } else if from < sb && is_punct(&p.toks[from], &[',', ':']) {
        from + 1
    } else {
        from
    }
}

/// Skips the addressee after token `from`: a pronoun, a name, or
/// `reporters`.
pub(super) fn past_addressee(p: &Para<'_>, from: usize, sb: usize) -> usize {
    let mut k = from;
    if p.is(
        k,
        &[
            "him",
            "her",
            "them",
            "us",
            "me",
            "reporters",
            "journalists",
            "supporters",
            "voters",
            "viewers",
            "listeners",
            "lawmakers",
        ],
    ) {
        k += 1;
    } else if p.is(k, &["the", "a", "an", "his", "her", "their"]) {
        k += 1;
        while k < sb
            && k < from + 5
            && p.toks[k].kind == Tk::Word
            && !p.is(k, &["to", "that", "he", "she", "it", "they", "we", "i"])
        {
            k += 1;
        }
    } else {
        // `The Star-Ledger of Newark`, `ABC's This Week`.
        while k < sb
            && (is_capitalised(p.text, &p.toks[k])
                || (k > from
                    && p.is(k, &["of", "'s", "’s"])
                    && k + 1 < sb
                    && is_capitalised(p.text, &p.toks[k + 1])))
        {
            k += 1;
        }
    }
    // `last week`, `this week`, `on Sunday`: when it was told.
    if k + 1 < sb
        && p.is(k, &["last", "this", "earlier", "on"])
        && p.toks[k + 1].kind == Tk::Word
        && !p.is(k + 1, &["that"])
        && (p.is(k, &["last", "this"])
            || is_capitalised(p.text, &p.toks[k + 1])
            || p.is(k + 1, &["this", "today"]))
    {
        k += 2;
        if p.is(k - 1, &["this"]) && k < sb && p.toks[k].kind == Tk::Word && !p.is(k, &["that"]) {
            k += 1;
        }
    }
    k
}
