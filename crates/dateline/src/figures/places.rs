//! The place of a figure: a place named after a locative word, or a
//! description (`the enclave`) resolved to the place the article names most.

use std::collections::HashMap;

use super::actors::mention_at;
use super::scan::clause_goes_on;
use super::tokens::Ctx;
use super::words::{is_in, place_description, ATTACK_NOUNS, LOCATIVE, NP_STOP, PLACE_TAIL};
use crate::entities::{EntityKind, Mention};

/// The place found for a figure.
#[derive(Debug, Clone)]
pub(super) struct PlaceFound {
    /// Its bytes in the article.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// The index of its mention among the article's.
    pub mention: Option<usize>,
    /// The place's name as written.
    pub name: Option<String>,
    /// The countries of its places.
    pub countries: Vec<String>,
}

/// The mentions a segment's places are read from.
pub(super) struct Scope<'a> {
    /// All mentions of the article, and the offset of this unit's first.
    pub all: &'a [Mention],
    pub base: usize,
    pub ms: &'a [Mention],
}

/// A place phrase starting at token `k` (after a locative word): a place
/// mention (with `-` joined places and tails such as `border`) or a
/// description (`the densely populated enclave`).
pub(super) fn place_at(
    c: &Ctx<'_>,
    k: usize,
    sc: &Scope<'_>,
    before: usize,
    avoid: Option<(usize, usize)>,
) -> Option<PlaceFound> {
    let n = c.toks.len();
    let mut t = k;
    let mut adjectives = 0;
    if c.is(t, "the") {
        t += 1;
    }
    while t < n && adjectives <= 3 {
        if let Some((_, e, m)) = mention_at(c, t, sc.ms) {
            return named_place(c, k, t, e, m, sc, avoid);
        }
        if !c.word(t) {
            return None;
        }
        if let Some(want) = place_description(c.s(t)) {
            // `the town of Zakho`: the name that follows
            if c.is(t + 1, "of") {
                if let Some(p) = place_at(c, t + 2, sc, before, avoid) {
                    return Some(PlaceFound {
                        start: c.toks[k].start,
                        ..p
                    });
                }
            }
            return describe(c, k, t, want, sc, before, avoid);
        }
        let lw = c.lower(t);
        if is_in(NP_STOP, &lw) || c.capitalised(t) {
            return None;
        }
        adjectives += 1;
        t += 1;
        if t < n && matches!(c.s(t), "-" | "‑") && c.glued(t) && c.glued(t + 1) {
            t += 1;
        }
    }
    None
}

/// The place mention `m` at tokens `t..e` of a place phrase starting at
/// `k`, with a second place joined by a hyphen (`Lebanon-Israel`) and tails
/// (`border`); `None` for a possessor (`Israel's bombardment`, the actor)
/// or a place inside `avoid` (the actor's bytes).
fn named_place(
    c: &Ctx<'_>,
    k: usize,
    t: usize,
    mut e: usize,
    m: &Mention,
    sc: &Scope<'_>,
    avoid: Option<(usize, usize)>,
) -> Option<PlaceFound> {
    let n = c.toks.len();
    if m.kind != EntityKind::Place {
        return None;
    }
    if c.possessive_after(e - 1) {
        return None; // `in Israel's bombardment`: the actor, not the place
    }
    if let Some((a, b)) = avoid {
        if c.toks[t].start >= a && c.toks[t].start < b {
            return None;
        }
    }
    let idx = sc
        .ms
        .iter()
        .position(|x| std::ptr::eq(x, m))
        .map(|i| i + sc.base);
    let mut countries: Vec<String> = m.country.iter().cloned().collect();
    let name_start = m.name_start;
    let mut name_end = m.name_end;
    // `Lebanon-Israel border`: a second place joined by a hyphen
    while e + 1 < n && matches!(c.s(e), "-" | "‑" | "–") && c.glued(e) && c.glued(e + 1) {
        match mention_at(c, e + 1, sc.ms) {
            Some((_, e2, m2)) if m2.kind == EntityKind::Place => {
                if let Some(cc) = &m2.country {
                    if !countries.contains(cc) {
                        countries.push(cc.clone());
                    }
                }
                e = e2;
                name_end = m2.name_end;
            }
            _ => break,
        }
    }
    while e < n && c.word(e) && is_in(PLACE_TAIL, c.s(e)) {
        e += 1;
    }
    Some(PlaceFound {
        start: c.toks[k].start,
        end: c.toks[e - 1].end,
        mention: idx,
        name: Some(c.text[name_start..name_end].to_string()),
        countries,
    })
}

/// How many mentions before a described place (`the enclave`) are read to
/// resolve it: the article's last `DESCRIBE_LOOKBACK` names before it.
pub(super) const DESCRIBE_LOOKBACK: usize = 1000;

/// Resolves `the enclave` (tokens `k..=t`) to the place the article names
/// most often before it (among its last [`DESCRIBE_LOOKBACK`] mentions), of
/// a fitting subtype, ties to the latest.
pub(super) fn describe(
    c: &Ctx<'_>,
    k: usize,
    t: usize,
    want: Option<&str>,
    sc: &Scope<'_>,
    before: usize,
    avoid: Option<(usize, usize)>,
) -> Option<PlaceFound> {
    let mut best: Option<(usize, usize)> = None; // (count, index)
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let to = sc.all.partition_point(|m| m.start < before);
    let from = to.saturating_sub(DESCRIBE_LOOKBACK);
    for (i, m) in sc.all.iter().enumerate().take(to).skip(from) {
        if m.kind != EntityKind::Place || m.subtype.as_deref() == Some("facility") {
            continue;
        }
        if avoid.is_some_and(|(a, b)| m.start >= a && m.start < b) {
            continue;
        }
        if let Some(w) = want {
            if m.subtype.as_deref() != Some(w) {
                continue;
            }
        }
        let n = counts.entry(m.text.as_str()).or_default();
        *n += 1;
        if best.map_or(true, |(bn, _)| *n >= bn) {
            best = Some((*n, i));
        }
    }
    let (_, i) = best?;
    let m = &sc.all[i];
    Some(PlaceFound {
        start: c.toks[k].start,
        end: c.toks[t].end,
        mention: Some(i),
        name: Some(m.text.clone()),
        countries: m.country.iter().cloned().collect(),
    })
}

/// The place of a figure: a locative phrase after it in its clause, else
/// one before it in the sentence.
pub(super) fn place_for(
    c: &Ctx<'_>,
    first: usize,
    after: usize,
    sc: &Scope<'_>,
    avoid: Option<(usize, usize)>,
) -> Option<PlaceFound> {
    let n = c.toks.len();
    let before = c.toks[first].start;
    let mut t = after;
    while t < n {
        if !clause_goes_on(c, t) {
            break;
        }
        if c.word(t) {
            let lw = c.lower(t);
            let loc = is_in(LOCATIVE, &lw)
                || ((lw == "of" || lw == "on") && t > 0 && is_in(ATTACK_NOUNS, c.s(t - 1)));
            if loc {
                if let Some(p) = place_at(c, t + 1, sc, before, avoid) {
                    return Some(p);
                }
            }
        }
        t += 1;
    }
    for t in (0..first).rev() {
        if c.word(t) && is_in(LOCATIVE, c.s(t)) {
            if let Some(p) = place_at(c, t + 1, sc, before, avoid) {
                if p.end <= before {
                    return Some(p);
                }
            }
        }
    }
    None
}
