//! Pass 2: personal and possessive pronouns, and the pronoun and
//! description sources of quotes.
//!
//! `he`, `his`, `him`, `she`, `her` go to the latest person of the
//! sentence, else the first person of the nearest sentence before
//! (two at most; up to eight when that sentence names one person alone;
//! honorifics keep `she` off a `Mr`); `its` and `it said` to the latest
//! organisation of the sentence or the one before; a quote's pronoun or
//! description source to the speaker the quote layer found.

use super::builder::Builder;
use super::MentionForm;
use crate::article::segment::MAX_SENTENCE_BYTES;
use crate::entities::EntityKind;
use crate::lexicon::roles::Word;
use crate::quotes::Quote;

impl Builder<'_> {
    /// Pass 2: personal and possessive pronouns.
    pub(super) fn pronouns(&mut self, quotes: &[Quote]) {
        self.index_people();
        self.quote_sources(quotes);
        for ui in 0..self.units.len() {
            for wi in 0..self.unit_words[ui].len() {
                let w = self.unit_words[ui][wi];
                self.pronoun_at(ui, w);
            }
        }
    }

    /// Lists the persons mentioned in each unit, in text order.
    fn index_people(&mut self) {
        for (id, e) in self.entities.iter().enumerate() {
            if e.kind == EntityKind::Person {
                for m in &e.mentions {
                    if let Some(list) = self.people.get_mut(m.unit) {
                        list.push((m.start, id));
                    }
                }
            }
        }
        for list in &mut self.people {
            list.sort_unstable();
        }
    }

    /// (position, entity) of the persons mentioned in `unit` before `before`.
    fn people_in(&self, unit: usize, before: usize) -> &[(usize, usize)] {
        let list = &self.people[unit];
        &list[..list.partition_point(|(p, _)| *p < before)]
    }

    /// Quote sources that are pronouns or descriptions join the speaker.
    fn quote_sources(&mut self, quotes: &[Quote]) {
        for q in quotes {
            let Some((id, s, e, form)) = self.quote_source(q) else {
                continue;
            };
            if form == MentionForm::Description {
                // The description pass reads titles better (`the Iraqi
                // leader` is the Iraqi who leads, not the last person named);
                // the quote's speaker is its fallback.
                self.quoted_descriptions.push((id, s, e));
            } else {
                self.add_other(id, s, e, form);
                self.quoted.insert(s);
            }
        }
    }

    /// A quote's source that is a pronoun (`it said`) or a description
    /// (`the American official warning`) and no name: (speaker entity,
    /// start, end, form).
    fn quote_source(&self, q: &Quote) -> Option<(usize, usize, usize, MentionForm)> {
        let (Some(s), Some(e), Some(mi)) = (q.source_start, q.source_end, q.speaker_mention) else {
            return None;
        };
        let id = self.of_mention.get(mi).copied().flatten()?;
        let src = &self.text[s..e];
        let form = if PRONOUNS.iter().any(|(p, _)| src.eq_ignore_ascii_case(p)) {
            MentionForm::Pronoun
        } else if src.starts_with("the ") || src.starts_with("The ") {
            MentionForm::Description
        } else {
            return None;
        };
        // Mentions lie within a sentence: those that may overlap start
        // at most a sentence before.
        let from = self
            .mentions
            .partition_point(|m| m.start + MAX_SENTENCE_BYTES < s);
        let named = self.mentions[from..]
            .iter()
            .take_while(|m| m.start < e)
            .any(|m| s < m.end && m.kind != EntityKind::Group);
        (!named).then_some((id, s, e, form))
    }

    /// Resolves word `w` of unit `ui` when it is a pronoun no other layer
    /// resolved: to a person (`he`, `she`) or an organisation (`its`, `it
    /// said`).
    fn pronoun_at(&mut self, ui: usize, w: Word) {
        let word = &self.text[w.start..w.end];
        // Every pronoun resolved starts with h, s or i and is short.
        if word.len() > 7 || !matches!(word.as_bytes()[0] | 0x20, b'h' | b's' | b'i') {
            return;
        }
        let Some(&(_, class)) = PRONOUNS.iter().find(|(p, _)| word.eq_ignore_ascii_case(p)) else {
            return;
        };
        if self.by_start.contains_key(&w.start) || self.quoted.contains(&w.start) {
            return;
        }
        let target = match class {
            'm' | 'f' => self.person_for(ui, w.start, class == 'f'),
            _ => self.org_for(ui, w),
        };
        if let Some(id) = target {
            self.add_other(id, w.start, w.end, MentionForm::Pronoun);
            if self.entities[id].kind == EntityKind::Person {
                let list = &mut self.people[ui];
                let at = list.partition_point(|(p, _)| *p < w.start);
                list.insert(at, (w.start, id));
            }
        }
    }

    /// The person `he` or `she` (`female`) at byte `pos` of unit `ui`
    /// refers to.
    fn person_for(&self, ui: usize, pos: usize, female: bool) -> Option<usize> {
        let fits = |id: usize| self.gender[id] != Some(female);
        // The latest fitting person of the sentence.
        let here = self.people_in(ui, pos);
        if let Some(&(_, id)) = here.iter().rev().find(|(_, id)| fits(*id)) {
            return Some(id);
        }
        // Else the first fitting person of the nearest sentence before (two
        // at most).
        for back in 1..=2 {
            let Some(u) = ui.checked_sub(back) else { break };
            let there = self.people_in(u, usize::MAX);
            if let Some(&(_, id)) = there.iter().find(|(_, id)| fits(*id)) {
                return Some(id);
            }
        }
        // Else, further back (a profile's `he` after a paragraph of what
        // he said), the person of the nearest sentence that names fitting
        // people, when it names one alone.
        for back in 3..=FAR_SENTENCES {
            let Some(u) = ui.checked_sub(back) else { break };
            let mut there = self
                .people_in(u, usize::MAX)
                .iter()
                .filter(|(_, id)| fits(*id));
            if let Some(&(_, id)) = there.next() {
                return there.all(|&(_, other)| other == id).then_some(id);
            }
        }
        None
    }

    /// The organisation (or country) `it` or `its` at word `w` of unit
    /// `ui` refers to: the latest mentioned in the unit or the one before.
    fn org_for(&self, ui: usize, w: Word) -> Option<usize> {
        let word = self.text[w.start..w.end].to_ascii_lowercase();
        if word == "it" {
            // Only `it` that acts: `it said`, `it added`.
            let next = self.text[w.end..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|x| !x.is_empty())
                .unwrap_or("");
            // Or `it` that opens what an organisation said of itself:
            // `GM said (that) it would cut jobs`.
            let mut before = self.text[..w.start]
                .rsplit(|c: char| !c.is_alphanumeric())
                .filter(|x| !x.is_empty());
            let reported = match before.next() {
                Some("that") => before.next(),
                other => other,
            }
            .is_some_and(|b| SPEECH.contains(&b));
            if !SPEECH.contains(&next) && !reported {
                return None;
            }
        }
        let mut best: Option<(usize, usize)> = None;
        for u in ui.saturating_sub(1)..=ui {
            for &(start, _, id, _) in self.in_unit.get(u).into_iter().flatten() {
                // Organisations, and countries, which act as their governments.
                let e = &self.entities[id];
                let country =
                    e.kind == EntityKind::Place && e.subtype.as_deref() == Some("country");
                if e.kind != EntityKind::Organisation && !country {
                    continue;
                }
                // The latest mention; of two at one place, the first entity.
                if start < w.start
                    && best.map_or(true, |(p, b)| start > p || (start == p && id < b))
                {
                    best = Some((start, id));
                }
            }
        }
        best.map(|(_, id)| id)
    }
}

/// How many sentences back `he` or `she` looks for the one person named
/// there, when the two sentences before name no one.
const FAR_SENTENCES: usize = 8;

/// The pronouns resolved, with their class: `m` male person, `f` female
/// person, `o` organisation.
const PRONOUNS: &[(&str, char)] = &[
    ("he", 'm'),
    ("him", 'm'),
    ("his", 'm'),
    ("himself", 'm'),
    ("she", 'f'),
    ("her", 'f'),
    ("hers", 'f'),
    ("herself", 'f'),
    ("it", 'o'),
    ("its", 'o'),
];

/// Verbs after which `it` is an organisation that acts (`it said`), or
/// before which it is the organisation that said so (`GM said it would`).
const SPEECH: &[&str] = &[
    "said",
    "says",
    "added",
    "announced",
    "claimed",
    "warned",
    "denied",
    "confirmed",
    "reported",
    "stated",
    "told",
    "insisted",
    "accused",
    "urged",
    "called",
];
