//! What a figure counts: the noun phrase after it (`people`, `drone and
//! missile attacks`), with the class and category of its head.

use super::tokens::Ctx;
use super::words::{is_in, plural_looking, scale_word, small_number, vague_word, NP_STOP};

/// The counted noun phrase starting at token `k`: its token range, the
/// class and category of its head.
pub(super) type Np = (
    Option<(usize, usize)>,
    Option<&'static str>,
    Option<&'static str>,
);

/// Reads the counted noun phrase at token `k` (see [`Np`]); a singular
/// head counts only one.
pub(super) fn counted_np(c: &Ctx<'_>, k: usize, value: Option<f64>) -> Np {
    let head = head_of(c, k, value);
    match head {
        Some((h, class, cat)) => {
            // Singular nouns count only one (`one person`), except nouns
            // that are their own plural (`personnel`, `aircraft`, `police`).
            let lw = c.lower(h);
            let invariant = matches!(
                lw.as_str(),
                "people"
                    | "children"
                    | "men"
                    | "women"
                    | "police"
                    | "personnel"
                    | "troops"
                    | "aircraft"
                    | "crew"
                    | "staff"
                    | "cattle"
                    | "sheep"
                    | "servicemen"
                    | "policemen"
                    | "gunmen"
            );
            let plural = plural_looking(&lw) || invariant;
            if value.is_some_and(|v| v > 1.0) && !plural {
                return (None, None, None);
            }
            (Some((k, h + 1)), class.or(Some("other")), cat)
        }
        None => (None, None, None),
    }
}

/// The head of the noun phrase starting at token `k` (up to five words,
/// with coordination while the head is singular): its token, class and
/// category.
fn head_of(
    c: &Ctx<'_>,
    k: usize,
    value: Option<f64>,
) -> Option<(usize, Option<&'static str>, Option<&'static str>)> {
    let n = c.toks.len();
    let mut head: Option<(usize, Option<&'static str>, Option<&'static str>)> = None;
    let mut t = k;
    let mut words = 0;
    while t < n && words < 5 {
        if !c.word(t) {
            // hyphenated words (`Iran-backed`, `air-strikes`) stay one word
            if matches!(c.s(t), "-" | "‑") && c.glued(t) && c.glued(t + 1) && c.word(t + 1) && t > k
            {
                t += 1;
                continue;
            }
            break;
        }
        let w = c.s(t);
        let lw = w.to_lowercase();
        if is_in(NP_STOP, &lw) {
            if (lw == "and" || lw == "or")
                && singular_head(c, head.map(|(h, _, _)| h))
                && words > 0
                && c.word(t + 1)
                && small_number(c.s(t + 1)).is_none()
                && !is_in(NP_STOP, c.s(t + 1))
            {
                t += 1;
                continue;
            }
            break;
        }
        if small_number(w).is_some() || scale_word(w).is_some() || vague_word(w).is_some() {
            break;
        }
        // a hyphenated word: look up its last part too
        let mut end_t = t;
        while end_t + 2 < n
            && matches!(c.s(end_t + 1), "-" | "‑")
            && c.glued(end_t + 1)
            && c.glued(end_t + 2)
            && c.word(end_t + 2)
        {
            end_t += 2;
        }
        let full = c.text[c.toks[t].start..c.toks[end_t].end].to_lowercase();
        let last = c.lower(end_t);
        let entry = c
            .lex
            .nouns
            .get(full.as_str())
            .or_else(|| c.lex.nouns.get(last.as_str()));
        let plural = plural_looking(&last);
        if let Some((class, cat)) = entry {
            head = Some((end_t, Some(class), *cat));
        } else if plural {
            head = Some((end_t, None, None));
        }
        words += 1;
        t = end_t + 1;
        if c.possessive_after(end_t) {
            // `the country's big public banks`: the possessor is not the head
            head = None;
            t = end_t + 3;
            continue;
        }
        if head.is_some_and(|(h, _, _)| h == end_t) && plural && value.is_some_and(|v| v != 1.0) {
            // a plural head closes the phrase unless coordination follows
            if !(c.is(t, "and") || c.is(t, "or")) {
                break;
            }
        }
    }
    head
}

/// No head yet, or a singular one (coordination may still follow).
pub(super) fn singular_head(c: &Ctx<'_>, head: Option<usize>) -> bool {
    head.map_or(true, |h| !plural_looking(&c.lower(h)))
}
