//! The source of an attribution as written: the noun phrase before or
//! after its cue.

use super::para::Para;
use super::tokens::{is_capitalised, is_punct, Tk};
use super::words::{AUX, LEFT_STOP, PRONOUNS, TIME_WORDS};
use crate::lexicon::TIME_NOUNS;

/// The source noun phrase ending just before token `end` (exclusive),
/// scanning left to `floor`. Returns (start, end) token indices.
pub(super) fn source_left(p: &Para<'_>, floor: usize, end: usize) -> Option<(usize, usize)> {
    let mut e = end;
    // Auxiliaries and adverbs between the source and its cue.
    while e > floor
        && p.toks[e - 1].kind == Tk::Word
        && (p.is(e - 1, AUX)
            || p.is(
                e - 1,
                &[
                    "also",
                    "again",
                    "later",
                    "then",
                    "still",
                    "however",
                    "now",
                    "once",
                    "often",
                    "even",
                    "never",
                    "always",
                    "previously",
                    "earlier",
                    "today",
                    "yesterday",
                    "too",
                    "together",
                ],
            )
            || (p.w(e - 1).ends_with("ly") && !is_capitalised(p.text, &p.toks[e - 1])))
    {
        e -= 1;
    }
    // `Sanders on Tuesday said`, `who in 2010 said`: a time adjunct
    // between the source and its cue.
    if let Some(k) = time_adjunct(p, floor, e) {
        e = k;
        while e > floor && p.toks[e - 1].kind == Tk::Word && p.is(e - 1, AUX) {
            e -= 1;
        }
    }
    // `Sen. Marco Rubio (R-Fla.) said`: a bracket may close the name.
    if e == floor || p.toks[e - 1].kind != Tk::Word && !is_punct(&p.toks[e - 1], &[')']) {
        return None;
    }
    if p.inside[e - 1].is_some() {
        return None;
    }
    if p.is(e - 1, PRONOUNS) {
        return Some((e - 1, e));
    }
    let mut s = e;
    while s > floor {
        let t = &p.toks[s - 1];
        if is_punct(t, &[')']) {
            // `Sen. Ted Cruz (Tex.)`: the bracket goes with the name.
            if let Some(o) = (floor..s - 1)
                .rev()
                .take(12)
                .find(|&k| is_punct(&p.toks[k], &['(']))
            {
                s = o;
                continue;
            }
        }
        let ok = match t.kind {
            Tk::Word => {
                !p.is(s - 1, LEFT_STOP)
                    || (s < e
                        && p.is(s - 1, &["of", "for", "to", "at", "in"])
                        && is_capitalised(p.text, &p.toks[s]))
            }
            Tk::Punct(c) => c == '\'' || c == '’' || c == '.' || c == '&',
            _ => false,
        };
        if !ok || p.inside[s - 1].is_some() || e - s >= 12 {
            break;
        }
        s -= 1;
    }
    // A preposition may not open the phrase.
    while s < e && p.is(s, &["of", "for", "to", "at", "in"]) {
        s += 1;
    }
    (s < e).then_some((s, e))
}

/// Where a time adjunct ending before token `e` starts (`on Tuesday`,
/// `in 2010`, `in late August`, `last week`): its preposition, or its
/// first word when it has none; `None` when the words before `e` are no
/// time.
fn time_adjunct(p: &Para<'_>, floor: usize, e: usize) -> Option<usize> {
    let time = |k: usize| {
        let w = p.w(k).to_lowercase();
        p.toks[k].kind == Tk::Word
            && (TIME_NOUNS.contains(&w.as_str())
                // `on` opens the adjunct (below), it is no time.
                || (TIME_WORDS.contains(&w.as_str()) && w != "on")
                || (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
                || TIME_MODIFIERS.contains(&w.as_str()))
    };
    let mut s = e;
    while s > floor && e - s < 3 && time(s - 1) {
        s -= 1;
    }
    // The adjunct must hold a time noun, not only `late` or `this`.
    let nouns = (s..e).any(|k| !TIME_MODIFIERS.contains(&p.w(k).to_lowercase().as_str()));
    if s == e || !nouns {
        return None;
    }
    if s > floor && p.is(s - 1, &["on", "in", "at", "during", "since"]) {
        s -= 1;
    } else if !p.is(s, &["last", "this", "next"]) && !p.w(s).eq_ignore_ascii_case("yesterday") {
        return None;
    }
    (s > floor).then_some(s)
}

/// Words that make a time of the noun after them (`late August`, `last
/// week`).
const TIME_MODIFIERS: &[&str] = &["late", "early", "mid", "last", "this", "next"];

/// The source noun phrase starting at token `start`, up to the first
/// comma, clause word or sentence end before `limit`.
pub(super) fn source_right(p: &Para<'_>, start: usize, limit: usize) -> Option<(usize, usize)> {
    let mut e = start;
    while e < limit {
        let t = &p.toks[e];
        let ok = match t.kind {
            Tk::Word => {
                // `..., said the campaign is taking ...`: a verb ends the
                // phrase (the words before it are a subject, not a source).
                !(e > start
                    && ((p.is(e, AUX) && !is_capitalised(p.text, t))
                        || p.is(
                            e,
                            &[
                                "in", "on", "at", "during", "after", "before", "when", "while",
                                "that", "who", "and", "as", "to", "last", "this", "on",
                            ],
                        )))
            }
            Tk::Punct(c) => {
                c == '\''
                    || c == '’'
                    || c == '&'
                    || (c == '.' && e + 1 < limit && p.toks[e + 1].kind == Tk::Word)
                    // `9/11 widow Terry Strada`
                    || (c == '/'
                        && e > start
                        && e + 1 < limit
                        && p.w(e - 1).bytes().all(|b| b.is_ascii_digit())
                        && p.w(e + 1).bytes().all(|b| b.is_ascii_digit()))
            }
            _ => false,
        };
        if !ok || e - start >= 12 {
            break;
        }
        e += 1;
    }
    (e > start).then_some((start, e))
}

/// A source after `according to` or after a cue: up to a comma or the
/// sentence end, keeping `of`/`for` phrases (`a spokesman for the ministry`).
pub(super) fn source_right_full(
    p: &Para<'_>,
    start: usize,
    limit: usize,
) -> Option<(usize, usize)> {
    let mut e = start;
    while e < limit {
        let t = &p.toks[e];
        let ok = match t.kind {
            Tk::Word => !p.is(
                e,
                &[
                    "that", "who", "which", "when", "while", "because", "after", "before",
                ],
            ),
            Tk::Punct(c) => matches!(c, '\'' | '’' | '&' | '.' | '-') && e + 1 < limit,
            _ => false,
        };
        if !ok || e - start >= 14 {
            break;
        }
        e += 1;
    }
    (e > start).then_some((start, e))
}
