//! The speaker a source names: a mention of the entity layer inside the
//! source, else (for a pronoun or a description) the last speaker or the
//! nearest fitting mention before it, in its fullest form in the article.

use std::collections::HashMap;

use super::words::{ORG_NOUNS, PERSON_NOUNS, PERSON_PRONOUNS, PRONOUNS};
use crate::article::segment::MAX_SENTENCE_BYTES;
use crate::entities::{EntityKind, Mention};
use crate::span::Span;

/// What a source is: a name, a pronoun, or a description (`the
/// spokesman`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SourceClass {
    /// The source holds a name the entity layer found.
    Name,
    /// `he`, `she`, `they`, ...
    Pronoun,
    /// Anything else (`the spokesman`, `officials`).
    Description,
}

/// Resolves sources to the mentions of the entity layer.
pub(super) struct Speakers<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    /// For each mention, the index of the fullest mention of the same name.
    fullest: Vec<usize>,
}

/// The last word of a name, lowercased, with trailing apostrophes and
/// `s` trimmed (`Blinken's` → `blinken`).
fn last_word(s: &str) -> String {
    let w = s
        .rsplit(|c: char| c.is_whitespace() || c == '-')
        .next()
        .unwrap_or(s);
    w.trim_end_matches(['\'', '’', 's'].as_slice())
        .to_lowercase()
}

impl<'a> Speakers<'a> {
    /// The speakers the article's `mentions` (in text order) offer.
    pub(super) fn new(text: &'a str, mentions: &'a [Mention]) -> Self {
        let mut fullest: Vec<usize> = (0..mentions.len()).collect();
        let mut best: HashMap<(EntityKind, String), usize> = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            if m.kind != EntityKind::Person {
                continue;
            }
            let key = (m.kind, last_word(&m.text));
            let e = best.entry(key).or_insert(i);
            if mentions[*e].text.len() < m.text.len() {
                *e = i;
            }
        }
        for (i, m) in mentions.iter().enumerate() {
            if m.kind == EntityKind::Person {
                if let Some(&b) = best.get(&(m.kind, last_word(&m.text))) {
                    fullest[i] = b;
                }
            }
        }
        Speakers {
            text,
            mentions,
            fullest,
        }
    }

    /// The fullest form in the article of mention `m`'s name.
    pub(super) fn canonical(&self, m: usize) -> &str {
        let f = &self.mentions[self.fullest[m]];
        f.name_span().slice(self.text)
    }

    /// What the source at `s` is.
    pub(super) fn source_class(&self, s: Span) -> SourceClass {
        let w = s.slice(self.text).trim().to_lowercase();
        if PRONOUNS.contains(&w.as_str()) {
            SourceClass::Pronoun
        } else if self
            .around(s)
            .any(|(_, m)| m.start < s.end && s.start < m.end)
        {
            SourceClass::Name
        } else {
            SourceClass::Description
        }
    }

    /// The mention a source names or points back to.
    pub(super) fn resolve(&self, s: Span, last: Option<usize>) -> Option<usize> {
        // A mention inside the source, or whose name is (`the Exchequer
        // Gordon Brown` of `Chancellor of the Exchequer Gordon Brown`).
        let starts_in = |at: usize| at >= s.start && at < s.end;
        let inside: Vec<usize> = self
            .around(s)
            .filter(|(_, m)| starts_in(m.start) || starts_in(m.name_start))
            .map(|(i, _)| i)
            .collect();
        let src = s.slice(self.text).trim().to_lowercase();
        let head = src.rsplit(' ').next().unwrap_or("");
        let person_noun =
            PERSON_NOUNS.contains(&head) || head.ends_with("man") || head.ends_with("woman");
        // `the American official`: a nationality describes the person, who is
        // found before.
        let kinds: &[EntityKind] = if person_noun {
            &[EntityKind::Person, EntityKind::Organisation]
        } else {
            &[
                EntityKind::Person,
                EntityKind::Organisation,
                EntityKind::Group,
                EntityKind::Place,
            ]
        };
        // `Marlon Marshall, Clinton's director of ...`: a name before the
        // first comma is the source; the appositive after it describes it.
        let head_end = s
            .slice(self.text)
            .find([',', '—', '–'])
            .map(|k| s.start + k);
        let possessor = |m: &Mention| {
            let rest = &self.text[m.end.min(self.text.len())..];
            rest.starts_with("'s") || rest.starts_with("’s")
        };
        for &kind in kinds {
            let of_kind = || inside.iter().filter(|&&i| self.mentions[i].kind == kind);
            if let Some(&i) = head_end.and_then(|h| {
                of_kind().find(|&&i| self.mentions[i].end <= h && !possessor(&self.mentions[i]))
            }) {
                return Some(i);
            }
            if let Some(&i) = of_kind().next_back() {
                return Some(i);
            }
        }
        let wants = if PERSON_PRONOUNS.contains(&src.as_str()) || PERSON_NOUNS.contains(&head) {
            Some(EntityKind::Person)
        } else if src == "it" {
            Some(EntityKind::Organisation)
        } else if let Some(noun) = ORG_NOUNS.iter().find(|n| src.ends_with(*n)) {
            // The police are an organisation named so (`Gainesville Police
            // Department`), not the latest one (`Police have said` after
            // al-Qaeda is named stays generic).
            if *noun == "police" {
                return self.nearest_before(s, |m| {
                    m.kind == EntityKind::Organisation
                        && m.name_span()
                            .slice(self.text)
                            .to_lowercase()
                            .contains("police")
                });
            }
            // `the group`, `its ministry` point back; `a court`, `a
            // ministry` are generic. A statement or report is the latest
            // organisation's (`Parmalat said ... in a statement`).
            let document = matches!(*noun, "statement" | "report" | "paper" | "newspaper");
            let definite = src.split(' ').any(|w| {
                matches!(
                    w,
                    "the" | "this" | "that" | "its" | "their" | "his" | "her" | "our"
                )
            });
            if !(document || definite) {
                return None;
            }
            Some(EntityKind::Organisation)
        } else if src == "they" || src == "we" {
            None
        } else {
            return None;
        };
        // For a pronoun, the last speaker when it fits; else (and for a
        // description) the nearest fitting name before.
        let pronoun = PRONOUNS.contains(&src.as_str()) || PERSON_PRONOUNS.contains(&src.as_str());
        if let Some(l) = last.filter(|_| pronoun) {
            let m = &self.mentions[l];
            if wants.map_or(true, |k| k == m.kind) && m.start < s.start && s.start - m.start < 1500
            {
                return Some(l);
            }
        }
        let wants = wants?;
        self.nearest_before(s, |m| m.kind == wants)
    }

    /// The nearest mention that `fits`, ending before source `s` and
    /// within 1,500 bytes of it.
    fn nearest_before(&self, s: Span, fits: impl Fn(&Mention) -> bool) -> Option<usize> {
        // Mentions lie within a sentence, so none that starts more than
        // 1,500 bytes and a sentence before the source ends within 1,500.
        let from = self.mentions.partition_point(|m| m.start < s.start);
        self.mentions[..from]
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, m)| m.start + 1500 + MAX_SENTENCE_BYTES > s.start)
            .filter(|(_, m)| m.end <= s.start && s.start - m.end < 1500)
            .find(|(_, m)| fits(m))
            .map(|(i, _)| i)
    }

    /// The mentions that may overlap `s` (with their indices): those that
    /// start in it and those that start up to a sentence before it, found
    /// by binary search (mentions are in text order).
    fn around(&self, s: Span) -> impl Iterator<Item = (usize, &'a Mention)> + 'a {
        let ms = self.mentions;
        let from = ms.partition_point(|m| m.start + MAX_SENTENCE_BYTES < s.start);
        let to = ms.partition_point(|m| m.start < s.end);
        ms[from..to.max(from)]
            .iter()
            .enumerate()
            .map(move |(i, m)| (from + i, m))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Config, Extractor, Quote};

    fn quotes(text: &str) -> Vec<Quote> {
        let ex = Extractor::new(Config::default()).unwrap();
        ex.extract_text(text).unwrap().quotes.unwrap()
    }

    fn said(q: &[Quote]) -> &Quote {
        q.iter()
            .find(|q| q.cue.as_deref() == Some("said"))
            .unwrap_or_else(|| panic!("{q:?}"))
    }

    #[test]
    fn generic_sources_stay_generic() {
        // `Police` is no earlier organisation of the article.
        let q = quotes(
            "Al-Qaeda has been blamed for the bombing. Police have said the device \
             was left in a car outside the hotel.",
        );
        let q = said(&q);
        assert_eq!(q.source.as_deref(), Some("Police"));
        assert_eq!(q.speaker, None, "{q:?}");
        // The police are the police force the article names.
        let q = quotes(
            "Two women were hurt crossing Browns Bridge Road, the Gainesville Police \
             Department reported. Labour councillors want a crossing there. The police \
             said the driver had stopped.",
        );
        assert_eq!(
            said(&q).speaker.as_deref(),
            Some("Gainesville Police Department")
        );
        // A definite description still points back.
        let q = quotes(
            "Hezbollah fired rockets at northern Israel on Monday. The group said the \
             strikes answered Israeli shelling.",
        );
        assert_eq!(said(&q).speaker.as_deref(), Some("Hezbollah"));
    }
}
