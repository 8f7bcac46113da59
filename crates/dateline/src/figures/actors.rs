//! The actor of a figure: who did what it counts (`Hamas fighters killed`,
//! `claimed by X`, `in Israel's bombardment`).

use super::read::Raw;
use super::scan::clause_goes_on;
use super::tokens::Ctx;
use super::words::{is_in, ACTOR_STOP, ATTACK_NOUNS, ATTACK_VERBS, AUX, LEFT_SKIP, NP_STOP};
use crate::entities::Mention;

/// Token range of the mention starting at token `t`, if one does.
pub(super) fn mention_at<'m>(
    c: &Ctx<'_>,
    t: usize,
    ms: &'m [Mention],
) -> Option<(usize, usize, &'m Mention)> {
    let start = c.toks.get(t)?.start;
    let m = ms.iter().find(|m| m.start == start)?;
    let mut e = t;
    while e + 1 < c.toks.len() && c.toks[e + 1].end <= m.end {
        e += 1;
    }
    Some((t, e + 1, m))
}

/// An actor phrase read rightwards from `t` (after `by`): determiner,
/// words and whole mentions (`the Islamic Resistance in Iraq`).
pub(super) fn actor_right(c: &Ctx<'_>, t: usize, ms: &[Mention]) -> Option<(usize, usize)> {
    let n = c.toks.len();
    let mut k = t;
    if c.is(k, "the") || c.is(k, "a") || c.is(k, "an") {
        k += 1;
    }
    let mut end = k;
    let mut words = 0;
    while end < n && words < 6 {
        if let Some((_, e, _)) = mention_at(c, end, ms) {
            end = e;
            words += 1;
            continue;
        }
        if end > k && c.possessive_after(end - 1) {
            end += 2;
            continue;
        }
        if matches!(c.s(end), "-" | "‑") && c.glued(end) && c.glued(end + 1) && end > k {
            end += 1;
            continue;
        }
        if !c.word(end) || is_in(NP_STOP, c.s(end)) {
            break;
        }
        end += 1;
        words += 1;
    }
    (end > k).then_some((t, end))
}

/// An actor phrase ending just before token `v` (the verb), read leftwards:
/// `Hamas fighters` in `Days after Hamas fighters killed`.
pub(super) fn actor_left(c: &Ctx<'_>, v: usize) -> Option<(usize, usize)> {
    // `Turkey has repeatedly carried out`: past the auxiliaries and adverbs
    let mut v = v;
    while v > 0
        && c.word(v - 1)
        && is_in(
            &[
                "has",
                "have",
                "had",
                "was",
                "were",
                "is",
                "are",
                "also",
                "reportedly",
                "repeatedly",
                "allegedly",
                "then",
                "later",
                "again",
                "already",
                "now",
            ],
            c.s(v - 1),
        )
    {
        v -= 1;
    }
    let mut s = v;
    let mut words = 0;
    while s > 0 && words < 6 {
        let p = s - 1;
        let ps = c.s(p);
        if c.word(p) {
            if is_in(ACTOR_STOP, ps) || is_in(AUX, ps) && words == 0 {
                break;
            }
            s = p;
            words += 1;
            if matches!(ps.to_ascii_lowercase().as_str(), "the" | "a" | "an") {
                break;
            }
            continue;
        }
        if matches!(ps, "-" | "‑" | "'" | "’") && c.glued(p) && p > 0 {
            s = p;
            continue;
        }
        break;
    }
    if s == v {
        return None;
    }
    let text: Vec<String> = (s..v).filter(|&t| c.word(t)).map(|t| c.lower(t)).collect();
    let pronoun_only = text.len() == 1
        && matches!(
            text[0].as_str(),
            "it" | "they" | "he" | "she" | "we" | "which" | "who" | "that" | "this" | "there"
        );
    let determiner_only = text
        .iter()
        .all(|w| matches!(w.as_str(), "the" | "a" | "an"));
    (!pronoun_only && !determiner_only).then_some((s, v))
}

/// `in Israel's bombardment`, `in an Israeli air raid`: an attack phrase
/// after the figure whose owner is the actor.
pub(super) fn actor_of_attack(c: &Ctx<'_>, after: usize, ms: &[Mention]) -> Option<(usize, usize)> {
    let n = c.toks.len();
    let mut t = after;
    while t < n && clause_goes_on(c, t) {
        if c.word(t) && is_in(&["in", "during", "from", "by"], c.s(t)) {
            let mut k = t + 1;
            if c.is(k, "the") || c.is(k, "a") || c.is(k, "an") {
                k += 1;
            }
            if let Some((s, e, _)) = mention_at(c, k, ms) {
                let mut h = e;
                if c.possessive_after(e - 1) {
                    h = e + 2;
                }
                // up to two words to the attack noun
                for o in 0..3 {
                    let w = h + o;
                    if w < n && c.word(w) && is_in(ATTACK_NOUNS, c.s(w)) {
                        return Some(if h > e { (s, e) } else { (t + 1, w + 1) });
                    }
                    if w >= n || !c.word(w) {
                        break;
                    }
                }
            }
        }
        t += 1;
    }
    None
}

/// The actor of figure `r` (its counted phrase ends at token `np_end`): its
/// token range. After the trigger (`were killed by X`), after the phrase
/// (`attacks have been claimed by X`, `in Israel's bombardment`), else the
/// subject of an attack verb before it (`Hamas fighters killed`).
pub(super) fn actor_of(
    c: &Ctx<'_>,
    r: &Raw,
    np_end: usize,
    right_trigger: Option<usize>,
    ms: &[Mention],
) -> Option<(usize, usize)> {
    let mut actor: Option<(usize, usize)> = None;
    if let Some(t) = right_trigger {
        let mut q = t + 1;
        if c.is(q, "by") {
            q += 1;
            actor = actor_right(c, q, ms);
        }
    } else if r.counted_class == Some("attack") || r.category.is_some() {
        // `attacks have been claimed by X`
        let mut q = np_end;
        let mut hops = 0;
        while q < c.toks.len() && c.word(q) && is_in(AUX, c.s(q)) && hops < 3 {
            q += 1;
            hops += 1;
        }
        if c.word(q) && c.lower(q).ends_with("ed") && c.is(q + 1, "by") {
            actor = actor_right(c, q + 2, ms);
        }
    }
    if actor.is_none() {
        actor = actor_of_attack(c, np_end, ms);
    }
    if actor.is_none() {
        actor = subject_of_attack_verb(c, r.first);
    }
    actor
}

/// `Hamas fighters killed more than 1,400 people`: the subject of an attack
/// verb just before the figure (`first`), past up to two skippable words.
fn subject_of_attack_verb(c: &Ctx<'_>, first: usize) -> Option<(usize, usize)> {
    let mut v = first;
    let mut skipped = 0;
    while v > 0 && skipped <= 2 {
        v -= 1;
        if c.word(v) && is_in(ATTACK_VERBS, c.s(v)) {
            let verb = if c.is(v, "out") && v > 0 { v - 1 } else { v };
            return actor_left(c, verb);
        }
        if !(c.word(v) && is_in(LEFT_SKIP, c.s(v))) {
            break;
        }
        skipped += 1;
    }
    None
}
