//! Tense, aspect, polarity and modality of an event, from its trigger's
//! auxiliaries, negation and the clause it sits in (`did not attack`,
//! `will meet`, `plans to visit`, `could strike`, `if they attack`).

use super::lexicon::Lexicon;
use super::tree::Tree;
use super::{Aspect, EventPos, Modality, Polarity, Tense};

/// What the words around a trigger say of its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mood {
    pub tense: Tense,
    pub aspect: Aspect,
    pub polarity: Polarity,
    /// Without the reporting, which the layer adds from the quotes.
    pub modality: Modality,
}

/// The mood of the event whose trigger is word `i`.
pub(crate) fn mood(tree: &Tree<'_>, lex: &Lexicon, i: usize, pos: EventPos) -> Mood {
    // A noun event takes the clause of the verb it is the subject or object
    // of (`will hold a meeting`, `the attack did not happen`).
    let clause = match (pos, tree.head(i)) {
        (EventPos::Noun, Some((h, dep)))
            if tree.words[h].upos == "VERB" && matches!(dep, "obj" | "nsubj" | "nsubj:pass") =>
        {
            h
        }
        _ => i,
    };
    let auxes: Vec<usize> = tree
        .children(clause)
        .iter()
        .copied()
        .filter(|&c| matches!(tree.words[c].dep.as_ref(), "aux" | "aux:pass" | "cop"))
        .collect();
    let lemmas: Vec<&str> = auxes.iter().map(|&a| tree.lemma(a)).collect();
    let has = |set: &super::lexicon::Set| lemmas.iter().any(|l| set.contains(l));
    let future = has(&lex.future) || going_to_future(tree, clause);
    let tense = if future {
        Tense::Future
    } else {
        let finite = auxes.first().copied().unwrap_or(clause);
        match tree.words[finite].xpos.as_ref() {
            "VBD" => Tense::Past,
            "VBZ" | "VBP" => Tense::Present,
            _ => Tense::None,
        }
    };
    let perfect = auxes
        .iter()
        .zip(&lemmas)
        .any(|(&a, &l)| l == "have" && tree.words[a].dep == "aux");
    let progressive = tree.words[clause].xpos == "VBG"
        && auxes
            .iter()
            .zip(&lemmas)
            .any(|(&a, &l)| l == "be" && tree.words[a].dep == "aux");
    let aspect = match (perfect, progressive) {
        (true, true) => Aspect::PerfectProgressive,
        (true, false) => Aspect::Perfect,
        (false, true) => Aspect::Progressive,
        (false, false) => Aspect::None,
    };
    let negated = [i, clause].iter().any(|&w| {
        tree.children(w)
            .iter()
            .any(|&c| lex.negation.contains(tree.lemma(c)))
    });
    let polarity = if negated {
        Polarity::Negative
    } else {
        Polarity::Positive
    };
    let modality = if conditional(tree, clause) {
        Modality::Conditional
    } else if has(&lex.modal) {
        Modality::Hypothetical
    } else if future {
        Modality::Future
    } else if planned(tree, lex, clause) {
        Modality::Planned
    } else {
        Modality::Asserted
    };
    Mood {
        tense,
        aspect,
        polarity,
        modality,
    }
}

/// `is going to meet`, `is about to restore`: `meet` is the `xcomp` of
/// `going`, `restore` of `about`.
///
/// The words are read too, whichever way the parse hangs them (`about` as
/// an adverb of `restore`).
fn going_to_future(tree: &Tree<'_>, i: usize) -> bool {
    let by_words = i >= 2
        && tree.lemma(i - 1) == "to"
        && tree.head(i - 1).is_some_and(|(h, _)| h == i)
        && tree.lemma(i - 2) == "about";
    by_words
        || match tree.head(i) {
            Some((h, "xcomp")) => {
                (tree.lemma(h) == "go" && tree.words[h].xpos == "VBG") || tree.lemma(h) == "about"
            }
            _ => false,
        }
}

/// `if they attack`, `unless talks resume`: the clause is a condition.
fn conditional(tree: &Tree<'_>, i: usize) -> bool {
    tree.children(i)
        .iter()
        .any(|&c| tree.words[c].dep == "mark" && matches!(tree.lemma(c), "if" | "unless"))
}

/// `plans to visit`, `is scheduled to meet`: the clause is the complement
/// of a verb of planning.
///
/// A parse may take the verb of planning for a noun (`is planning` as
/// `planning` with `to visit` hung on it): its `-ing` form counts too.
fn planned(tree: &Tree<'_>, lex: &Lexicon, i: usize) -> bool {
    match tree.head(i) {
        Some((h, "xcomp")) => lex.planned.contains(tree.lemma(h)),
        Some((h, "acl")) if h + 2 == i && tree.lemma(h + 1) == "to" => {
            let l = tree.lemma(h);
            let stem = l.strip_suffix("ing").unwrap_or(l);
            let undoubled = stem
                .len()
                .checked_sub(1)
                .filter(|&n| n > 0 && stem.as_bytes()[n] == stem.as_bytes()[n - 1])
                .map_or(stem, |n| &stem[..n]);
            l != stem && (lex.planned.contains(stem) || lex.planned.contains(undoubled))
        }
        _ => false,
    }
}
