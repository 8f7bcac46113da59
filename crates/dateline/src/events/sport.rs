//! Sports copy: which sentences of an article report a game, where
//! `beat`, `edged`, `clash` or `signed` name a contest or a transfer and no
//! event between political actors (`Chelsea beat Barcelona`, `Fiorentina
//! edged struggling Treviso 1-0`). Machine coders that read them as force
//! fill their feeds with football; the words are `data/events.tsv`'s.

use super::lexicon::{Lexicon, SportWord};
use super::tree::Tree;

/// Points of sports words an article needs to be sports copy: a word of
/// the `sport` line counts one, of the `sportcue` and `sporthint` lines a
/// half (distinct lemmas). Measured on the 2,225 BBC articles: 446 of 511
/// sports articles reach it, 8 of 510 business, 2 of 417 politics.
const ARTICLE_POINTS: f32 = 3.0;

/// For each sentence of the article, whether it is about sport in sports
/// copy: the article reaches [`ARTICLE_POINTS`] and the sentence holds a
/// word of the `sport` or `sportcue` line or a score (`7-5`, `2-0`).
pub(crate) fn sport_sentences(text: &str, tree: &Tree<'_>, lex: &Lexicon) -> Vec<bool> {
    let words = tree.words;
    let sentences = words.last().map_or(0, |w| w.sentence + 1);
    let mut out = vec![false; sentences];
    let mut strong = std::collections::BTreeSet::new();
    let mut weak = std::collections::BTreeSet::new();
    for (i, w) in words.iter().enumerate() {
        let lemma = tree.lemma(i);
        let cue = match lex.sport.get_key_value(lemma) {
            Some((l, kind)) => {
                if *kind == SportWord::Strong {
                    strong.insert(*l);
                } else {
                    weak.insert(*l);
                }
                *kind != SportWord::Hint
            }
            None => {
                lemma.starts_with(|c: char| c.is_ascii_digit())
                    && is_score(text.get(w.start..w.end).unwrap_or(""))
            }
        };
        if cue {
            if let Some(s) = out.get_mut(w.sentence) {
                *s = true;
            }
        }
    }
    let points = strong.len() as f32 + 0.5 * weak.len() as f32;
    if points < ARTICLE_POINTS {
        out.iter_mut().for_each(|s| *s = false);
    }
    out
}

/// A score: one to three digits, a hyphen or dash, one to three digits
/// (`7-5`, `2–0`, `322-5`); not a year's span (`2004-05`).
fn is_score(w: &str) -> bool {
    let Some((a, b)) = w.split_once(['-', '–']) else {
        return false;
    };
    let digits = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    digits(a) && digits(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_short_numbers_either_side_of_a_dash() {
        for s in ["7-5", "2-0", "322-5", "1–0"] {
            assert!(is_score(s), "{s}");
        }
        for s in ["2004-05", "a-b", "7-", "-5", "1,400", "303-832-8160"] {
            assert!(!is_score(s), "{s}");
        }
    }
}
