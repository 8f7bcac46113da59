//! Where a figure may start, and where the clause around it ends.

use super::tokens::{Ctx, Tk};
use super::words::{is_in, small_number, vague_word, LOCATIVE};

/// Could a number start at token `i`?
pub(super) fn candidate(c: &Ctx<'_>, i: usize) -> bool {
    let t = c.toks[i];
    match t.kind {
        Tk::Num => true,
        Tk::Word => {
            let w = c.s(i);
            let first = w.as_bytes()[0].to_ascii_lowercase();
            // cheap first-letter filter before the word lists
            matches!(
                first,
                b'a' | b'd' | b'e' | b'f' | b'h' | b'm' | b'b' | b'n' | b'o' | b's' | b't' | b'z'
            ) && (small_number(w).is_some()
                || vague_word(w).is_some()
                || w.eq_ignore_ascii_case("a")
                || w.eq_ignore_ascii_case("an")
                || w.eq_ignore_ascii_case("half")
                || w.eq_ignore_ascii_case("several")
                || w.eq_ignore_ascii_case("few"))
        }
        _ => false,
    }
}

/// Where a clause scanned rightwards from a figure ends.
pub(super) fn clause_goes_on(c: &Ctx<'_>, t: usize) -> bool {
    let s = c.s(t);
    if matches!(s, ";" | ":" | "—" | "–") || s == "-" && !c.glued(t) {
        return false;
    }
    if s == "," {
        let next = t + 1;
        return next < c.toks.len()
            && (is_in(LOCATIVE, c.s(next))
                || c.is(next, "including")
                || c.is(next, "among")
                || c.is(next, "mostly")
                || c.is(next, "mainly")
                || candidate(c, next));
    }
    !(c.word(t) && is_in(&["but", "while", "whereas", "although", "though"], s))
}
