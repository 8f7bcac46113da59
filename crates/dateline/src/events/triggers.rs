//! Event triggers: the words that state an event. Verbs (but auxiliaries,
//! participles used as adjectives and the verbs the lexicon lists as no
//! event), event nouns of the lexicon (`attack`, `meeting`, `visit`), nouns
//! it lists as events of their owner when they have one (`Ford's sales`,
//! `his plan`) and listed adjectives when predicated (`was dead`, `is
//! likely`).

use super::lexicon::Lexicon;
use super::tree::Tree;
use super::{EventClass, EventPos};

/// One trigger word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Trigger {
    /// Index of the word in the parse.
    pub word: usize,
    /// What kind of word states the event.
    pub pos: EventPos,
    /// Its TimeML class.
    pub class: EventClass,
}

/// Relations of a verb that make it a modifier or part of a name rather
/// than a predicate (`the united front`, `based in Paris` as `case`).
const VERB_NOT_PREDICATE: &[&str] = &["amod", "case", "compound", "fixed", "flat", "det", "mark"];

/// The triggers of the words of `tree`, in text order.
pub(crate) fn find(tree: &Tree<'_>, lex: &Lexicon) -> Vec<Trigger> {
    (0..tree.words.len())
        .filter_map(|i| trigger(tree, lex, i))
        .collect()
}

fn trigger(tree: &Tree<'_>, lex: &Lexicon, i: usize) -> Option<Trigger> {
    let w = &tree.words[i];
    // A mark or a number states no event, however the tagger took it.
    if !tree.lemma(i).chars().any(char::is_alphabetic) {
        return None;
    }
    if according_to(tree, i) {
        return Some(Trigger {
            word: i,
            pos: EventPos::Verb,
            class: EventClass::Reporting,
        });
    }
    let (pos, mut class) = match w.upos.as_ref() {
        "VERB" => (EventPos::Verb, verb_class(tree, lex, i)?),
        "NOUN" => (EventPos::Noun, noun_class(tree, lex, i)?),
        "ADJ" => (EventPos::Adjective, adjective_class(tree, lex, i)?),
        _ => return None,
    };
    // A verb of intending is of that class when it governs another event
    // (`offered to pay`) or is one that always intends (`sought asylum`), a verb of beginning
    // unless it holds a plain object (`kept the money`); else it is an occurrence (`offered $5`). Verbs
    // of believing and perceiving keep their class whatever they govern,
    // as TimeML annotates them (`saw the crash`).
    let demote = match class {
        EventClass::IAction => !lex.intending.contains(tree.lemma(i)),
        // `appeared in court`, but `appears to be`.
        EventClass::IState => lex.believing_with_complement.contains(tree.lemma(i)),
        // `kept the money`, but `kept rising`, `stopped the shipments`.
        EventClass::Aspectual => {
            lex.holding.contains(tree.lemma(i)) && tree.child(i, &["obj"]).is_some()
        }
        _ => false,
    };
    if demote && !governs_event(tree, lex, i) {
        class = EventClass::Occurrence;
    }
    Some(Trigger {
        word: i,
        pos,
        class,
    })
}

fn verb_class(tree: &Tree<'_>, lex: &Lexicon, i: usize) -> Option<EventClass> {
    let w = &tree.words[i];
    if VERB_NOT_PREDICATE.contains(&w.dep.as_ref()) || w.xpos.starts_with("NNP") {
        return None;
    }
    // A finite or bare form with an article is a noun the tagger took for
    // a verb (`a share`, `each Williams share`): an event only if the
    // lexicon lists the noun.
    if matches!(w.xpos.as_ref(), "VB" | "VBP" | "VBZ") && has_article(tree, i) {
        return lex.nouns.get(tree.lemma(i)).copied();
    }
    let lemma = tree.lemma(i);
    if lex.not_events.contains(lemma) || going_to(tree, i, lemma) {
        return None;
    }
    Some(
        lex.verbs
            .get(lemma)
            .copied()
            .unwrap_or(EventClass::Occurrence),
    )
}

/// Whether word `i` has an article or a quantifier as determiner.
fn has_article(tree: &Tree<'_>, i: usize) -> bool {
    tree.children(i).iter().any(|&c| {
        tree.words[c].dep == "det" && matches!(tree.lemma(c), "a" | "an" | "the" | "each" | "every")
    })
}

/// `going` of `is going to meet`: a marker of the future, not an event.
fn going_to(tree: &Tree<'_>, i: usize, lemma: &str) -> bool {
    lemma == "go"
        && tree.words[i].xpos == "VBG"
        && tree.child(i, &["xcomp"]).is_some_and(|c| {
            tree.child(c, &["mark"])
                .is_some_and(|m| tree.lemma(m) == "to")
        })
}

fn noun_class(tree: &Tree<'_>, lex: &Lexicon, i: usize) -> Option<EventClass> {
    // `attack helicopter`, `bombing suspect`: the noun names a thing.
    if tree.words[i].dep == "compound" {
        return None;
    }
    let lemma = tree.lemma(i);
    if let Some(&c) = lex.nouns.get(lemma) {
        return Some(c);
    }
    // `Ford's sales`, `his plan`, `Ford Motor Company sales`: an event of
    // whoever owns it; `sales rose 5%` alone is an amount.
    let owner = tree.children(i).iter().any(|&c| {
        let w = &tree.words[c];
        w.dep == "nmod:poss" || (w.dep == "compound" && w.upos == "PROPN")
    });
    lex.owned.get(lemma).copied().filter(|_| owner)
}

fn adjective_class(tree: &Tree<'_>, lex: &Lexicon, i: usize) -> Option<EventClass> {
    tree.child(i, &["cop"])?;
    lex.adjectives.get(tree.lemma(i)).copied()
}

/// `according` of `according to AFP`: the statement's cue.
fn according_to(tree: &Tree<'_>, i: usize) -> bool {
    let w = &tree.words[i];
    w.lemma.eq_ignore_ascii_case("accord")
        && w.xpos == "VBG"
        && tree
            .words
            .get(i + 1)
            .is_some_and(|n| n.lemma.eq_ignore_ascii_case("to"))
}

/// Whether word `i` has a clause or an event for complement: `xcomp`,
/// `ccomp`, a to-clause (`decision to leave`), or an event noun or gerund
/// as object (`began talks`, `saw the attack`).
fn governs_event(tree: &Tree<'_>, lex: &Lexicon, i: usize) -> bool {
    tree.children(i).iter().any(|&c| {
        let w = &tree.words[c];
        match w.dep.as_ref() {
            "xcomp" | "ccomp" | "csubj" => true,
            "acl" => tree.words[i].upos == "NOUN",
            "obj" | "nsubj:pass" => {
                w.xpos == "VBG" || (w.upos == "NOUN" && lex.nouns.contains_key(tree.lemma(c)))
            }
            _ => false,
        }
    })
}
