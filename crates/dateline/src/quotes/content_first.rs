//! The content-first frames: `"CONTENT," Mr Blinken said`, `CONTENT, said
//! Mr Blinken`, with a second part after the attribution (`"...," he said,
//! "..."`) or the sentence going on (`X, he said, Y`).

use super::content_after::past_addressee;
use super::cues::CueClass;
use super::found::{Found, Frame};
use super::para::{clause_start, trim_content, CueAt, Para};
use super::source::{source_left, source_right};
use super::tokens::{is_capitalised, is_punct, Tk};
use super::words::{
    ADJUNCT_START, DETERMINERS, FINITE, LEFT_STOP, NOT_A_STATEMENT, PLACE_TIME_START, TIME_WORDS,
};

/// The token spans of a content-first attribution.
struct Parts {
    /// The content before the cue (token range).
    content: (usize, usize),
    /// The source (token range).
    source: (usize, usize),
    /// Where the sentence goes on after `, he said,` (a token).
    tail: Option<usize>,
    /// The opening mark of a quotation after `he said,` (a token).
    second: Option<usize>,
}

/// The content-first frames: content, then a short source and the cue (or
/// the cue and the source) to the sentence's end or to a second part.
/// Returns the token to go on from when it made an attribution.
pub(super) fn content_first(
    p: &Para<'_>,
    at: &CueAt,
    next_group: &mut usize,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let (sa, sb) = p.sentences[at.si];
    let (c, cl) = (at.c, at.cl);
    if at.cue.participle || matches!(at.cue.class, CueClass::Belief | CueClass::Stance) {
        return None;
    }
    let brk = break_before(p, sa, c)?;
    let (brk, appositive) = appositive(p, sa, brk, c);
    let (content_start, content_end) = content_before(p, sa, brk)?;
    let quoted = p.toks[content_end - 1].kind == Tk::Close;
    // The source: between the break and the cue, else after the cue.
    let (ss, se) = match appositive {
        Some(a) => a,
        None => source_of(p, brk, c, cl, sb, quoted)?,
    };
    // What follows: the sentence end (after short adjuncts), or a second part;
    // an addressee first when the source came before the cue (`..., a
    // spokesman told The Wall Street Journal`).
    let mut after = se.max(cl + 1);
    if at.cue.class == CueClass::Address && se <= c && after < sb {
        after = past_addressee(p, after, sb);
    }
    let second = second_part(p, after, sb);
    let tail = if second.is_none() {
        tail_part(p, brk, c, cl, sb)
    } else {
        None
    };
    if !quoted && !unquoted_stands(p, after, sb, second, tail) {
        return None;
    }
    // `"It's just not true." He said Clinton would not go far enough ...`: a
    // quotation that closed the sentence before belongs to a cue only when
    // the cue's sentence ends with it (`“...?” Trump said.`), not when a
    // clause of its own follows.
    if quoted && content_end <= sa && second.is_none() && clause_follows(p, after, sb) {
        return None;
    }
    // `In an interview on CBS's "Face the Nation," House Speaker Paul Ryan
    // said the recent spate ...`: a quotation that a word runs into is a
    // name or a phrase of the sentence, and the cue's content follows it.
    if quoted && second.is_none() && tail.is_none() && embedded(p, sa, content_end - 1) {
        let word_next = after < sb && p.toks[after].kind == Tk::Word;
        if word_next && !p.is(after, ADJUNCT_START) && clause_follows(p, after, sb) {
            return None;
        }
    }
    let content = content_trimmed(p, content_start, content_end, tail, quoted)?;
    let parts = Parts {
        content,
        source: (ss, se),
        tail,
        second,
    };
    push_parts(p, at, &parts, next_group, out)
}

/// The break before the source: a comma, a closing quotation or `?`/`!`
/// inside it, at most twelve tokens before the cue at token `c` (`"...,"
/// panel Chairman Rep. Jason Chaffetz (R-Utah) said`).
fn break_before(p: &Para<'_>, sa: usize, c: usize) -> Option<usize> {
    let mut k = c;
    // `“...?” Trump said.`: the sentence may open right after the quotation.
    let low = if sa > 0 && p.toks[sa - 1].kind == Tk::Close {
        sa - 1
    } else {
        sa
    };
    while k > low && c - k <= 12 {
        let t = &p.toks[k - 1];
        if t.kind == Tk::Close || is_punct(t, &[',', '—', '–']) {
            return Some(k - 1);
        }
        if t.kind != Tk::Word && !is_punct(t, &['.', '\'', '’', '(', ')', '-']) {
            return None;
        }
        if p.is(k - 1, LEFT_STOP)
            && !p.is(
                k - 1,
                &[
                    "has", "had", "have", "also", "then", "later", "was", "is", "will", "would",
                    "in", "of", "for", "to", "at",
                ],
            )
        {
            return None;
        }
        k -= 1;
    }
    None
}

/// `"...," Sarah Warbelow, legal director of X, said`: when the break is a
/// comma right before the cue, the source runs from the closing quotation to
/// the comma. Returns the break (moved to the quotation) and that source.
fn appositive(p: &Para<'_>, sa: usize, brk: usize, c: usize) -> (usize, Option<(usize, usize)>) {
    if brk + 1 == c && p.toks[brk].kind != Tk::Close {
        if let Some(q) = (sa.max(brk.saturating_sub(20))..brk)
            .rev()
            .find(|&k| p.toks[k].kind == Tk::Close)
        {
            if q + 1 < brk && (q + 1..brk).all(|k| p.inside[k].is_none()) {
                let s0 = if is_punct(&p.toks[q + 1], &[',']) {
                    q + 2
                } else {
                    q + 1
                };
                if s0 < brk && is_capitalised(p.text, &p.toks[s0]) || p.is(s0, DETERMINERS) {
                    return (q, Some((s0, brk)));
                }
            }
        }
    }
    (brk, None)
}

/// The content before the break at `brk` (token range): to the break, or
/// through a closing quotation at it; from the quotation's opening mark or
/// the clause start.
fn content_before(p: &Para<'_>, sa: usize, brk: usize) -> Option<(usize, usize)> {
    // The content ends at the break; with a closing quotation, at it.
    let mut content_end = brk; // exclusive token index
    if p.toks[brk].kind == Tk::Close {
        content_end = brk + 1;
    } else if brk > sa && p.toks[brk - 1].kind == Tk::Close {
        content_end = brk;
    }
    let content_last = content_end.checked_sub(1)?;
    let content_start = match p.inside[content_last] {
        Some(qi) if p.toks[content_last].kind == Tk::Close => {
            let (o, _) = p.quote_bounds(qi);
            // Text before the opening mark in the same sentence belongs to it
            // only when the sentence opens with it.
            if o >= sa {
                let lead = clause_start(p, sa, o);
                if lead < o
                    && (lead..o).any(|i| p.toks[i].kind == Tk::Word)
                    && (lead..o).count() < 12
                {
                    lead
                } else {
                    o
                }
            } else {
                o
            }
        }
        _ => clause_start(p, sa, brk),
    };
    if content_start >= content_end {
        return None;
    }
    Some((content_start, content_end))
}

/// Whether the quotation closing at token `close` opens right after a word
/// of its sentence (`on CBS's "Face the Nation,"`, `called it "a
/// disgrace,"`), not at the sentence's or a clause's start.
fn embedded(p: &Para<'_>, sa: usize, close: usize) -> bool {
    let Some(qi) = p.inside[close] else {
        return false;
    };
    let (o, _) = p.quote_bounds(qi);
    o > sa && p.toks[o - 1].kind == Tk::Word
}

/// The source between the break and the cue (`"...," Mr Blinken said`),
/// else after the cue (`"...," said Mr Blinken`; after a quotation also
/// `"...," said 9/11 widow Terry Strada`: lower-case words before a name
/// that ends the sentence).
fn source_of(
    p: &Para<'_>,
    brk: usize,
    c: usize,
    cl: usize,
    sb: usize,
    quoted: bool,
) -> Option<(usize, usize)> {
    if brk + 1 < c {
        let s = (brk + 1..c).find(|&i| !is_punct(&p.toks[i], &[',']))?;
        let (s2, e2) = source_left(p, s, c)?;
        Some((s2, e2))
    } else {
        // `..., told Fox News`: what follows `told` is whom it was told to.
        if p.is(
            c,
            &["told", "tell", "tells", "informed", "assured", "reminded"],
        ) {
            return None;
        }
        let first_ok = cl + 1 < sb
            && !p.is(cl + 1, TIME_WORDS)
            && (is_capitalised(p.text, &p.toks[cl + 1])
                || p.is(
                    cl + 1,
                    &[
                        "the", "a", "an", "one", "his", "her", "their", "its", "another", "two",
                        "three", "several", "some", "many", "former", "senior", "top",
                    ],
                ));
        if !first_ok {
            // After a quotation, a described name to the sentence's end.
            let (s, e) = source_right(p, cl + 1, sb).filter(|_| quoted && cl + 1 < sb)?;
            let ends = (e..sb).all(|k| is_punct(&p.toks[k], &['.', '!', '?']));
            let named = (s + 1..e).any(|k| is_capitalised(p.text, &p.toks[k]))
                && is_capitalised(p.text, &p.toks[e - 1]);
            let lower_first =
                p.toks[s].kind == Tk::Word && !p.is(s, TIME_WORDS) && !p.is(s, PLACE_TIME_START);
            return (ends && named && lower_first && e - s <= 6).then_some((s, e));
        }
        source_right(p, cl + 1, sb)
    }
}

/// A quotation opening after a comma or colon within a few tokens after
/// the attribution (`he said, "..."`): its opening mark.
fn second_part(p: &Para<'_>, after: usize, sb: usize) -> Option<usize> {
    let mut k = after;
    while k < sb && k < after + 12 {
        if p.toks[k].kind == Tk::Open && k > after && is_punct(&p.toks[k - 1], &[',', ':']) {
            return Some(k);
        }
        if p.toks[k].kind == Tk::Open || p.cue_at(k).is_some() && k > after {
            break;
        }
        k += 1;
    }
    None
}

/// `X, he said, Y`: the sentence goes on after the attribution (its first
/// token).
fn tail_part(p: &Para<'_>, brk: usize, c: usize, cl: usize, sb: usize) -> Option<usize> {
    if brk + 1 < c
        && cl + 1 < sb
        && is_punct(&p.toks[cl + 1], &[','])
        // A verb of wanting or planning goes on with the statement (`His
        // wife, he says, plans to leave the party`); a verb of saying
        // starts one of its own.
        && p.cue_at(cl + 2).map_or(true, |(cue, _)| {
            !cue.participle && matches!(cue.class, CueClass::Stance | CueClass::Belief)
        })
        && !p.is(cl + 2, NOT_A_STATEMENT)
        // `..., the group said, compared with $2,700 for ...`
        && !p.is(cl + 2, &["compared", "including", "excluding", "unlike"])
        && !narrating_participle(p, cl + 2, sb)
    {
        Some(cl + 2)
    } else {
        None
    }
}

/// Whether a clause of its own follows the cue and its source at token
/// `after`: `that`, a subject pronoun, or more than six words before the
/// sentence ends.
fn clause_follows(p: &Para<'_>, after: usize, sb: usize) -> bool {
    after < sb
        && (p.is(after, &["that", "he", "she", "they", "we", "i", "it"])
            || (after..sb).filter(|&k| p.toks[k].kind == Tk::Word).count() > 6)
}

/// `he said, speaking to reporters`, `Trump said, using his nickname`: a
/// participle at token `k` with no clause after it in the sentence tells
/// how it was said (`replacing Clinton would be acrimonious` is a
/// statement).
fn narrating_participle(p: &Para<'_>, k: usize, sb: usize) -> bool {
    let Some(t) = p.toks.get(k).filter(|_| k < sb) else {
        return false;
    };
    // A relative clause's verbs are not the participle's clause (`he said,
    // cutting off a reporter who asked about finances`).
    let clause_end = (k..sb)
        .find(|&j| p.is(j, &["who", "which", "whom"]))
        .unwrap_or(sb);
    t.kind == Tk::Word
        && p.w(k).ends_with("ing")
        && !is_capitalised(p.text, t)
        && !(k..clause_end).any(|j| p.is(j, FINITE) || p.cue_at(j).is_some())
}

/// Whether unquoted content before the cue stands: only when nothing that
/// reads as the cue's own content follows it.
fn unquoted_stands(
    p: &Para<'_>,
    after: usize,
    sb: usize,
    second: Option<usize>,
    tail: Option<usize>,
) -> bool {
    // `In 1963, he declared: "..."`, `Later, he vowed to ...`.
    if second.is_some()
        || (after < sb && (is_punct(&p.toks[after], &[':']) || p.is(after, &["to", "that"])))
    {
        return false;
    }
    if second.is_none()
        && tail.is_none()
        && after < sb
        && !is_punct(&p.toks[after], &[',', '.', '!', '?', ';', ':', '('])
        && !p.is(after, ADJUNCT_START)
    {
        // `..., Ferre said Trump has ...`: a clause follows, so the cue
        // opens the content rather than closing it.
        return false;
    }
    let adjunct_rest = after < sb
        && (p.is(after, ADJUNCT_START) || is_punct(&p.toks[after], &[',']))
        && !(after..sb.min(after + 8)).any(|k| p.is(k, &["that"]));
    !(second.is_none() && tail.is_none() && !adjunct_rest && sb - after > 12)
}

/// The content's tokens trimmed, when it has words enough: three, or any
/// with a tail, or any when the content is a whole quotation (`"Absolutely,"
/// he said`: the quotation marks say it is a statement).
fn content_trimmed(
    p: &Para<'_>,
    content_start: usize,
    content_end: usize,
    tail: Option<usize>,
    quoted: bool,
) -> Option<(usize, usize)> {
    let words = (content_start..content_end)
        .filter(|&i| p.toks[i].kind == Tk::Word)
        .count();
    let whole_quotation = quoted && p.toks[content_start].kind == Tk::Open;
    if words < 3 && tail.is_none() && !(whole_quotation && words > 0) {
        return None;
    }
    if words < 2 {
        Some((content_start, content_end))
    } else {
        trim_content(p, content_start, content_end)
    }
}

/// Adds the attribution, with its tail or second part under the same
/// number. Returns the token to go on from.
fn push_parts(
    p: &Para<'_>,
    at: &CueAt,
    parts: &Parts,
    next_group: &mut usize,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let (_, sb) = p.sentences[at.si];
    let group = *next_group;
    *next_group += 1;
    let source = Some(p.span(parts.source.0, parts.source.1));
    let found = |a: usize, b: usize| Found {
        content: p.span(a, b),
        cue: Some(at.span),
        source,
        speaker_at: None,
        frame: Frame::ContentFirst,
        group,
    };
    out.push(found(parts.content.0, parts.content.1));
    if let Some(t) = parts.tail {
        if let Some((a, b)) = trim_content(p, t, sb) {
            out.push(found(a, b));
            return Some(b);
        }
    }
    if let Some(o) = parts.second {
        let qi = p.inside[o]?;
        let (_, qc) = p.quote_bounds(qi);
        let b = sb.max(qc + 1).min(p.toks.len());
        if let Some((a, b)) = trim_content(p, o, b) {
            out.push(found(a, b));
            return Some(b);
        }
    }
    // `"...," he said, adding that ...`: a participle after a comma goes on
    // with the attribution; the rest of the sentence is the speaker's.
    let participle = (at.cl + 1..sb).find(|&k| {
        is_punct(&p.toks[k - 1], &[','])
            && p.inside[k].is_none()
            && p.cue_at(k).is_some_and(|(cue, _)| cue.participle)
    });
    Some(participle.unwrap_or(sb))
}
