//! The syntax layer's dependency parse as evidence for a figure's actor:
//! the number is `nummod` of the counted noun (`1,400` of `people`), the
//! counted noun is the object of a verb (`killed`) or its passive subject,
//! and the actor is that verb's `nsubj` (`Hamas fighters killed ...`) or
//! `obl:agent` (`... were killed by Israeli air strikes`).
//!
//! The parser is greedy (labelled attachment about 0.70 on web text), so its
//! actor is taken only where the window rules found none, or where the
//! verb it hangs from is the figure's category trigger (the rules and the
//! parse agree on the verb, and the parse knows its subject better than a
//! window of words before it).

use crate::lexicon::TIME_NOUNS;
use crate::span::Span;
use crate::syntax::{Syntax, Word};

/// Relations that end the actor's phrase on its right (`Israeli strikes,
/// which ...`, `fighters who crossed ...`).
const PHRASE_STOP: &[&str] = &[
    "acl",
    "acl:relcl",
    "appos",
    "punct",
    "parataxis",
    "advcl",
    "dep",
    "ccomp",
    "xcomp",
    "mark",
];

/// Left dependents that do not open the actor's phrase (`by` of an agent).
const LEFT_SKIP: &[&str] = &[
    "case",
    "mark",
    "cc",
    "advmod",
    "punct",
    "obl:tmod",
    "obl:unmarked",
    "obl",
];

/// What the parse says of one figure.
pub(super) struct ParseActor {
    /// The verb the counted noun hangs from (bytes).
    pub verb: Span,
    /// The actor's phrase (bytes).
    pub actor: Span,
}

fn word_at(words: &[Word], at: usize) -> Option<usize> {
    let i = words.partition_point(|w| w.end <= at);
    (i < words.len() && words[i].start <= at).then_some(i)
}

/// The actor of the figure whose amount spans `amount` (bytes), read from
/// the parse: the counted noun (the noun the amount's number is `nummod`
/// of, or the amount itself when it is a noun: `dozens of attacks`) is the
/// `obj` of a verb, whose `nsubj` is the actor, or its `nsubj:pass`, whose
/// `obl:agent` is. The actor is a noun or a name, not a pronoun or a date.
pub(super) fn actor(text: &str, syntax: &Syntax, amount: Span) -> Option<ParseActor> {
    let words = &syntax.words;
    let last = amount.end.checked_sub(1)?;
    let n = word_at(words, last)?;
    let counted = match (words[n].dep.as_ref(), words[n].upos.as_ref()) {
        ("nummod", _) => words[n].head?,
        (_, "NOUN") => n,
        _ => return None,
    };
    let (verb, agent_dep) = match words[counted].dep.as_ref() {
        "obj" => (words[counted].head?, "nsubj"),
        "nsubj:pass" => (words[counted].head?, "obl:agent"),
        _ => return None,
    };
    if words[verb].upos != "VERB" {
        return None;
    }
    let a = subject(syntax, verb, agent_dep)?;
    let w = &words[a];
    let form = text.get(w.start..w.end).unwrap_or("").to_lowercase();
    if !matches!(w.upos.as_ref(), "NOUN" | "PROPN")
        || TIME_NOUNS.contains(&w.lemma.to_lowercase().as_str())
        || TIME_NOUNS.contains(&form.as_str())
    {
        return None;
    }
    Some(ParseActor {
        verb: words[verb].span(),
        actor: phrase(syntax, a),
    })
}

/// The word that does `verb`: its `agent_dep` dependent; for a verb
/// conjoined to an earlier one with no subject of its own, the earlier
/// verb's (`The quake struck at dawn and killed 2,000 people`); for a past
/// participle that the parse hangs from a noun although it has an object
/// and no subject (`A bomber at a checkpoint killed nine soldiers` read as a
/// reduced relative, `acl` or `acl:relcl`), that noun.
fn subject(syntax: &Syntax, verb: usize, agent_dep: &str) -> Option<usize> {
    let words = &syntax.words;
    if let Some(a) = syntax.children(verb).find(|&c| words[c].dep == agent_dep) {
        return Some(a);
    }
    if agent_dep != "nsubj" {
        return None;
    }
    let head = words[verb].head?;
    match words[verb].dep.as_ref() {
        "conj" if words[head].upos == "VERB" => syntax
            .children(head)
            .find(|&c| words[c].dep == "nsubj" && words[c].upos != "PRON"),
        "acl" | "acl:relcl" if words[verb].xpos == "VBN" && words[head].upos == "NOUN" => {
            Some(head)
        }
        _ => None,
    }
}

/// The noun phrase headed by word `h` (bytes): its left dependents but a
/// preposition, its right ones up to a relative clause, apposition or
/// punctuation.
fn phrase(syntax: &Syntax, h: usize) -> Span {
    let words = &syntax.words;
    let mut lo = h;
    let mut hi = h;
    for c in syntax.children(h).filter(|&c| c < h) {
        if !LEFT_SKIP.contains(&words[c].dep.as_ref()) {
            lo = lo.min(syntax.subtree(c)[0]);
        }
    }
    for c in syntax.children(h).filter(|&c| c > h) {
        if PHRASE_STOP.contains(&words[c].dep.as_ref())
            || (words[c].dep.ends_with(":tmod") || words[c].dep.ends_with(":unmarked"))
        {
            break;
        }
        hi = hi.max(*syntax.subtree(c).last().unwrap_or(&c));
    }
    Span::new(words[lo].start, words[hi].end)
}

#[cfg(test)]
mod tests {
    use crate::{Config, Extractor, Figure};

    fn figures(text: &str) -> Vec<Figure> {
        let ex = Extractor::new(Config::default()).unwrap();
        ex.extract_text(text).unwrap().figures.unwrap()
    }

    fn actor_of(text: &str, amount: &str) -> Option<String> {
        let fs = figures(text);
        let f = fs.iter().find(|f| f.text == amount);
        f.unwrap_or_else(|| panic!("{fs:?}")).actor.clone()
    }

    #[test]
    fn subject_past_a_relative_clause() {
        // The window before `killed` holds the clause, not the actor.
        let text = "The earthquake, which struck before dawn, killed 2,000 people.";
        assert_eq!(actor_of(text, "2,000").as_deref(), Some("The earthquake"));
    }

    #[test]
    fn whole_subject_phrase() {
        // The window takes the last noun before the verb.
        let text = "A suicide bomber at a checkpoint killed nine soldiers.";
        assert_eq!(
            actor_of(text, "nine").as_deref(),
            Some("A suicide bomber at a checkpoint")
        );
        let text = "A series of car bombs killed 61 people in the capital.";
        assert_eq!(
            actor_of(text, "61").as_deref(),
            Some("A series of car bombs")
        );
        // The seed wording: the rules and the parse agree.
        let text = "Days after Hamas fighters killed more than 1,400 people in Israel.";
        assert_eq!(
            actor_of(text, "more than 1,400").as_deref(),
            Some("Hamas fighters")
        );
    }

    #[test]
    fn counted_noun_and_agent_unchanged() {
        let fs = figures(
            "Dozens of drone and missile attacks have been claimed by the Islamic \
             Resistance in Iraq.",
        );
        let f = &fs[0];
        assert_eq!(f.counted.as_deref(), Some("drone and missile attacks"));
        assert_eq!(f.actor.as_deref(), Some("the Islamic Resistance in Iraq"));
        // The claim of attacks is no statement: the figure has no source.
        assert_eq!(f.source, None);
    }
}
