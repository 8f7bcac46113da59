//! The cue lexicon: verbs of saying, reporting, believing and their forms,
//! read from `data/cues.tsv`, by word.

use std::collections::HashMap;
use std::sync::OnceLock;

/// What a cue word reports, which decides the frames it may open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueClass {
    Speech,
    Weak,
    Belief,
    Address,
    Stance,
}

/// One reading of a cue word.
pub(super) struct CueEntry {
    /// What the cue reports.
    pub(super) class: CueClass,
    /// Second word of a two-word cue (`point out`).
    pub(super) particle: Option<&'static str>,
    /// An `-ing` form (`adding`, `saying`).
    pub(super) participle: bool,
}

/// The cue lexicon: the readings of each cue word.
pub(crate) struct Cues {
    /// Readings by word form (`said`, `pointed` with the particle `out`).
    pub(super) by_word: HashMap<&'static str, Vec<CueEntry>>,
}

/// The cue lexicon, read from `data/cues.tsv` on first use.
pub(crate) fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut by_word: HashMap<&'static str, Vec<CueEntry>> = HashMap::new();
        for line in include_str!("../../data/cues.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(lemma), Some(class), Some(forms)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let class = match class {
                "speech" => CueClass::Speech,
                "weak" => CueClass::Weak,
                "belief" => CueClass::Belief,
                "stance" => CueClass::Stance,
                _ => CueClass::Address,
            };
            let two_words = lemma.contains(' ')
                || forms.split(' ').nth(1).is_some_and(|w| {
                    matches!(w, "to" | "about" | "out" | "of" | "for" | "against")
                });
            let words: Vec<&'static str> = forms.split(' ').filter(|w| !w.is_empty()).collect();
            let mut i = 0;
            while i < words.len() {
                let (w, particle) = if two_words && i + 1 < words.len() {
                    i += 2;
                    (words[i - 2], Some(words[i - 1]))
                } else {
                    i += 1;
                    (words[i - 1], None)
                };
                let entries = by_word.entry(w).or_default();
                if entries
                    .iter()
                    .any(|e| e.particle == particle && e.class == class)
                {
                    continue;
                }
                entries.push(CueEntry {
                    class,
                    particle,
                    participle: w.ends_with("ing"),
                });
            }
        }
        Cues { by_word }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_lexicon_loads() {
        let c = cues();
        assert!(c.by_word.contains_key("said"));
        assert!(c.by_word["adding"][0].participle);
        assert_eq!(c.by_word["pointed"][0].particle, Some("out"));
        assert!(c.by_word.len() > 300);
    }
}
