//! The nominal frame: a noun of saying after its possessor, then `that`
//! and the statement (`Trump's claim that there have been "thousands of
//! shootings" in Chicago`, `her acknowledgment that she needs to raise
//! revenue`, `its prediction that Trump would be "the healthiest
//! individual ever elected"`): what the possessor said, with the noun as
//! the cue.

use super::found::{push, Found, Frame};
use super::para::{trim_content, Para};
use super::tokens::{is_punct, Tk};

/// Nouns that report what their possessor said or maintained.
const NOUNS: &[&str] = &[
    "claim",
    "assertion",
    "contention",
    "insistence",
    "prediction",
    "acknowledgment",
    "acknowledgement",
    "admission",
    "declaration",
    "allegation",
    "conclusion",
    "argument",
    "suggestion",
    "promise",
    "pledge",
    "warning",
    "denial",
];

/// Possessive pronouns that may own such a noun.
const POSSESSIVES: &[&str] = &["his", "her", "their", "its", "our"];

/// Whether token `i` is a possessor: a possessive pronoun, or a word in
/// `'s` (`Trump's`, `police’s`) or a plural's `'` (`the senators'`).
fn possessor(p: &Para<'_>, i: usize) -> bool {
    let w = p.w(i);
    p.toks[i].kind == Tk::Word
        && (p.is(i, POSSESSIVES)
            || w.ends_with("'s")
            || w.ends_with("’s")
            || w.ends_with("s'")
            || w.ends_with("s’"))
}

/// Reads the nominal frame in sentence `si`, where the cue frames found
/// `out[sentence_found..]` (a statement they read already is left to them:
/// `repeated its prediction that ...`).
pub(super) fn nominal(
    p: &Para<'_>,
    si: usize,
    sentence_found: usize,
    next_group: &mut usize,
    out: &mut Vec<Found>,
) {
    let (sa, sb) = p.sentences[si];
    for k in sa + 1..sb.saturating_sub(2) {
        if p.inside[k].is_some() || !p.is(k, NOUNS) || !p.is(k + 1, &["that"]) {
            continue;
        }
        // The possessor right before the noun, or before one modifier
        // (`its hyperbolic prediction`, `police's earlier claim`).
        let Some(owner) = [k - 1, k.saturating_sub(2)]
            .into_iter()
            .filter(|&o| o >= sa && o < k)
            .find(|&o| possessor(p, o) && p.inside[o].is_none())
        else {
            continue;
        };
        if owner + 2 == k && (p.toks[k - 1].kind != Tk::Word || possessor(p, k - 1)) {
            continue;
        }
        // The possessor's name: the capitalised words before a `'s` word
        // (`Donald Trump's`), the pronoun alone.
        let mut first = owner;
        if !p.is(owner, POSSESSIVES) {
            while first > sa
                && p.toks[first - 1].kind == Tk::Word
                && p.inside[first - 1].is_none()
                && p.w(first - 1).starts_with(char::is_uppercase)
            {
                first -= 1;
            }
        }
        // The statement: from after `that` to the end of its clause (a
        // comma, semicolon or dash outside quotation marks) or sentence.
        let a = k + 2;
        let mut b = a;
        while b < sb {
            if p.inside[b].is_none() && is_punct(&p.toks[b], &[',', ';', '—', '–']) && b > a {
                break;
            }
            b += 1;
        }
        let Some((ca, cb)) = trim_content(p, a, b) else {
            continue;
        };
        if (ca..cb).filter(|&i| p.toks[i].kind == Tk::Word).count() < 3 {
            continue;
        }
        let content = p.span(ca, cb);
        // Only this sentence's attributions: the look stays bounded by the
        // sentence, not the article.
        if out[sentence_found..]
            .iter()
            .any(|f| f.content.start < content.end && content.start < f.content.end)
        {
            continue;
        }
        push(
            out,
            next_group,
            content,
            Some(p.span(k, k + 1)),
            Some(p.span(first, owner + 1)),
            Frame::Nominal,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{Config, Extractor};

    fn quotes(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let ex = Extractor::new(Config::default()).unwrap();
        let out = ex.extract_text(text).unwrap();
        out.quotes
            .unwrap_or_default()
            .into_iter()
            .map(|q| (q.text, q.cue, q.source))
            .collect()
    }

    #[test]
    fn a_possessor_said_what_its_noun_of_saying_holds() {
        let found = quotes(
            "Politifact checked Donald Trump’s claim that there have been thousands of \
             shootings in Chicago this year. The campaign stood by its prediction that \
             turnout would rise.",
        );
        assert!(
            found.contains(&(
                "there have been thousands of shootings in Chicago this year".into(),
                Some("claim".into()),
                Some("Donald Trump’s".into())
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                "turnout would rise".into(),
                Some("prediction".into()),
                Some("its".into())
            )),
            "{found:?}"
        );
        // A legal claim or a profits warning says nothing, though `claim`
        // and `warn` are cues as verbs.
        let found = quotes(
            "A US judge threw out a $280bn claim against the tobacco industry. \
             Shares fell after its third profits warning in nine months.",
        );
        assert!(found.is_empty(), "{found:?}");
        // Without a possessor, or without `that`, no statement is given.
        let found = quotes("The claim that taxes would fall was tested. His claim was false.");
        assert!(found.is_empty(), "{found:?}");
    }
}
