//! The figure lexicon of `data/figures.tsv`: bounding phrases (`more
//! than`), currencies, money and unit words, counted nouns with their class
//! and category, and trigger words; and the GDELT count type of a category.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ModBound {
    Lower,
    Upper,
    Approx,
    Exact,
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Bounding phrases, as lower-case word sequences, longest first.
    pub(super) modifiers: Vec<(Vec<&'static str>, ModBound)>,
    pub(super) currency: HashMap<&'static str, &'static str>,
    pub(super) money: HashMap<&'static str, &'static str>,
    pub(super) units: HashMap<&'static str, &'static str>,
    /// noun form -> (class, category)
    pub(crate) nouns: HashMap<&'static str, (&'static str, Option<&'static str>)>,
    pub(super) triggers: HashMap<&'static str, &'static str>,
}

/// The lexicon of `data/figures.tsv`, built once.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon {
            modifiers: Vec::new(),
            currency: HashMap::new(),
            money: HashMap::new(),
            units: HashMap::new(),
            nouns: HashMap::new(),
            triggers: HashMap::new(),
        };
        for line in include_str!("../../data/figures.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(section), Some(words), Some(value)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            match section {
                "modifier" => {
                    let bound = match value {
                        "lower" => ModBound::Lower,
                        "upper" => ModBound::Upper,
                        "exact" => ModBound::Exact,
                        _ => ModBound::Approx,
                    };
                    // `approx.`: the tokenizer reads the dot as a token of its own
                    let mut seq = Vec::new();
                    for w in words.split(' ') {
                        match w.strip_suffix('.') {
                            Some(stem) if !stem.is_empty() => seq.extend([stem, "."]),
                            _ => seq.push(w),
                        }
                    }
                    lex.modifiers.push((seq, bound));
                }
                "currency" => {
                    lex.currency.insert(words, value);
                }
                "money" => words.split(' ').for_each(|w| {
                    lex.money.insert(w, value);
                }),
                "unit" => words.split(' ').for_each(|w| {
                    lex.units.insert(w, value);
                }),
                "noun" => {
                    let (class, cat) = match value.split_once(':') {
                        Some((c, k)) => (c, Some(k)),
                        None => (value, None),
                    };
                    words.split(' ').for_each(|w| {
                        lex.nouns.insert(w, (class, cat));
                    });
                }
                "trigger" => words.split(' ').for_each(|w| {
                    lex.triggers.insert(w, value);
                }),
                _ => {}
            }
        }
        lex.modifiers
            .sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        lex
    })
}

/// The GDELT GKG count type of a category.
pub(super) fn gdelt_of(category: &str) -> Option<&'static str> {
    Some(match category {
        "killed" => "KILL",
        "wounded" => "WOUND",
        "kidnapped" => "KIDNAP",
        "arrested" => "ARREST",
        "displaced" | "evacuated" | "affected" | "missing" | "sick" => "AFFECT",
        "protest" => "PROTEST",
        "seized" => "SEIZE",
        _ => return None,
    })
}
