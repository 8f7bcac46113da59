//! Sports copy: articles about games, where `beat`, `edged`, `clash` or
//! `signed` name a contest or a transfer and no event between political
//! actors (`Chelsea beat Barcelona`, `Fiorentina
//! edged struggling Treviso 1-0`). Machine coders that read them as force
//! fill their feeds with football; the words are `data/events.tsv`'s.

use super::lexicon::{Lexicon, SportWord};
use super::tree::Tree;

/// Points of sports words an article needs to be sports copy: a word of
/// the `sport` line counts one, of the `sportcue` and `sporthint` lines a
/// half (distinct lemmas). Measured on the 2,225 BBC articles: 439 of 511
/// sports articles reach it, 7 of 510 business, 2 of 417 politics.
const ARTICLE_POINTS: f32 = 3.0;

/// Whether the article is sports copy: its sports words (distinct lemmas)
/// reach [`ARTICLE_POINTS`]. In sports copy a contest verb names a game wherever
/// it stands, also in a sentence with no sports word of its own (`given
/// that Ireland have beaten Wales in four of their last five meetings`).
pub(crate) fn sports_copy(tree: &Tree<'_>, lex: &Lexicon) -> bool {
    let mut strong = std::collections::BTreeSet::new();
    let mut weak = std::collections::BTreeSet::new();
    for i in 0..tree.words.len() {
        match lex.sport.get_key_value(tree.lemma(i)) {
            Some((l, SportWord::Strong)) => {
                strong.insert(*l);
            }
            Some((l, _)) => {
                weak.insert(*l);
            }
            None => {}
        }
    }
    strong.len() as f32 + 0.5 * weak.len() as f32 >= ARTICLE_POINTS
}
