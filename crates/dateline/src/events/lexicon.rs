//! The event lexicon of `data/events.tsv`: TimeML classes of verbs, nouns
//! and adjectives, verbs that state no event, and the words of tense,
//! modality and negation.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::EventClass;

/// A map keyed by word, hashed with a fixed seed (lookups only: nothing
/// iterates these, so the order never reaches an output).
type Map<V> = HashMap<&'static str, V, foldhash::fast::FixedState>;
/// A set of words, the same way.
pub(crate) type Set = HashSet<&'static str, foldhash::fast::FixedState>;

/// The lexicon, built once.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Verb lemma → class (every verb not listed is an occurrence).
    pub verbs: Map<EventClass>,
    /// Event noun lemma → class.
    pub nouns: Map<EventClass>,
    /// Noun lemma → class, for nouns that name an event only when
    /// someone's (`Ford's sales`, `his plan`).
    pub owned: Map<EventClass>,
    /// Adjective lemma → class, when predicated.
    pub adjectives: Map<EventClass>,
    /// Verb lemmas that state no event.
    pub not_events: Set,
    /// Verbs of intending that are of their class with a plain object too
    /// (`sought asylum`, `prevented the attack`).
    pub intending: Set,
    /// Verbs of believing that are of their class only with a complement
    /// (`appears to be`, but `appeared in court`).
    pub believing_with_complement: Set,
    /// Verbs of the aspectual line that are occurrences with a plain
    /// object (`kept the money`, but `kept rising`); the others stay
    /// aspectual with any object (`stopped the shipments`, `resumed work`).
    pub holding: Set,
    /// Auxiliaries of the future (`will`).
    pub future: Set,
    /// Verbs whose complement is planned (`plan to`).
    pub planned: Set,
    /// Auxiliaries of possibility or obligation (`could`).
    pub modal: Set,
    /// Words of negation (`not`, `never`).
    pub negation: Set,
    /// Words of sports copy, one map for the three lines: a `sport` word
    /// counts one towards a sports article; a `sportcue` (`match`,
    /// `coach`) or `sporthint` (`season`) word counts a half.
    pub sport: Map<SportWord>,
    /// Verbs and nouns of a contest in sports copy (`beat`, `signed`).
    pub contest: Set,
    /// Nouns that, as all the targets of an act of force, make it a
    /// figure of speech (`hit a five-year high`, `fight poverty`).
    pub figurative: Set,
    /// Nouns that name no one and nothing that can be struck (`law`,
    /// `burden`, `statement`, `power`): the heads of GUM's mentions typed
    /// abstract or time three times in four or more
    /// (`data/abstract_nouns.txt`, built by `scripts/data/build_lemmas.py`).
    pub abstract_nouns: Set,
    /// Verbs of an act two sides do to each other (`met`, `clashed`,
    /// `exchanged`).
    pub reciprocal: Set,
    /// Nouns of a bond or dealing between two sides (`ties`, `talks`,
    /// `truce`).
    pub mutual: Set,
    /// Verbs whose object is what two sides give each other (`exchanged
    /// prisoners`).
    pub exchange: Set,
    /// Verbs that say only that the event their object names takes place
    /// (`made a visit`, `held talks`, `launched an attack`).
    pub support: Set,
}

fn class(name: &str) -> Option<EventClass> {
    Some(match name {
        "OCCURRENCE" => EventClass::Occurrence,
        "REPORTING" => EventClass::Reporting,
        "I_ACTION" => EventClass::IAction,
        "I_STATE" => EventClass::IState,
        "ASPECTUAL" => EventClass::Aspectual,
        "PERCEPTION" => EventClass::Perception,
        "STATE" => EventClass::State,
        _ => return None,
    })
}

/// What a word of sports copy says (see [`Lexicon::sport`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SportWord {
    /// One point.
    Strong,
    /// Half a point (a word that once marked a sentence as about sport).
    Cue,
    /// Half a point.
    Hint,
}

/// The lexicon of `data/events.tsv`.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = parse(include_str!("../../data/events.tsv"));
        lex.abstract_nouns.extend(
            include_str!("../../data/abstract_nouns.txt")
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty()),
        );
        lex
    })
}

fn parse(text: &'static str) -> Lexicon {
    let mut lex = Lexicon::default();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(section), Some(words), Some(value)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let words = words.split(' ').filter(|w| !w.is_empty());
        match section {
            "verb" | "noun" | "owned" | "adj" => {
                let Some(c) = class(value) else { continue };
                let map = match section {
                    "verb" => &mut lex.verbs,
                    "noun" => &mut lex.nouns,
                    "owned" => &mut lex.owned,
                    _ => &mut lex.adjectives,
                };
                // A later line wins: the lexicon lists the general class first.
                map.extend(words.map(|w| (w, c)));
            }
            "not" => lex.not_events.extend(words),
            "intending" => lex.intending.extend(words),
            "complement" => lex.believing_with_complement.extend(words),
            "holding" => lex.holding.extend(words),
            "future" => lex.future.extend(words),
            "planned" => lex.planned.extend(words),
            "modal" => lex.modal.extend(words),
            "negation" => lex.negation.extend(words),
            "sport" => lex.sport.extend(words.map(|w| (w, SportWord::Strong))),
            "sportcue" => lex.sport.extend(words.map(|w| (w, SportWord::Cue))),
            "sporthint" => lex.sport.extend(words.map(|w| (w, SportWord::Hint))),
            "contest" => lex.contest.extend(words),
            "figurative" => lex.figurative.extend(words),
            "reciprocal" => lex.reciprocal.extend(words),
            "mutual" => lex.mutual.extend(words),
            "exchange" => lex.exchange.extend(words),
            "support" => lex.support.extend(words),
            _ => {}
        }
    }
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicon_has_every_section() {
        let lex = lexicon();
        assert_eq!(lex.verbs.get("say"), Some(&EventClass::Reporting));
        assert_eq!(lex.verbs.get("begin"), Some(&EventClass::Aspectual));
        assert_eq!(lex.nouns.get("bombardment"), Some(&EventClass::Occurrence));
        // `attempt` is listed as an occurrence-like noun first, then as an
        // intensional action: the later line wins.
        assert_eq!(lex.nouns.get("attempt"), Some(&EventClass::IAction));
        assert_eq!(lex.adjectives.get("dead"), Some(&EventClass::State));
        assert!(lex.not_events.contains("include"));
        assert!(lex.future.contains("will"));
        assert!(lex.planned.contains("plan"));
        assert!(lex.modal.contains("could"));
        assert!(lex.negation.contains("n't"));
        assert_eq!(lex.sport.get("wicket"), Some(&SportWord::Strong));
        assert_eq!(lex.sport.get("coach"), Some(&SportWord::Cue));
        assert_eq!(lex.sport.get("season"), Some(&SportWord::Hint));
        assert!(lex.contest.contains("beat") && !lex.contest.contains("attack"));
        assert!(lex.figurative.contains("high") && !lex.figurative.contains("target"));
        assert!(lex.reciprocal.contains("clash") && !lex.reciprocal.contains("attack"));
        assert!(lex.mutual.contains("tie") && !lex.mutual.contains("embassy"));
        assert!(lex.exchange.contains("swap") && !lex.exchange.contains("fight"));
    }
}
