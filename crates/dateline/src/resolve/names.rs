//! Pass 1: names, acronyms and lexicon entries joined into entities.
//!
//! Each entity-layer mention either joins an earlier entity (the latest
//! that matches) or starts a new one. A match is the same lexicon entry,
//! the same name, an acronym or the name it spells, a person's name that
//! ends with the other, or two names of one organisation (name_words.rs
//! compares the words). In a long article the candidates come from the
//! indexes (index.rs); otherwise every entity is compared.

use super::builder::Builder;
use super::name_words::{
    acronym, content_words, corporate_name, ends_with, initials, name_words, owned,
    same_but_a_letter, same_company,
};
use super::{Anchor, MentionForm, RECENT_ENTITIES};
use crate::entities::{EntityKind, Mention};
use crate::lexicon::roles::strip_possessive;
use crate::lexicon::{bracketed, spells_initials, team_number, EntryKind, Lexicon};

/// Time zones the entity layer marks as names (as CoNLL-2003 does).
const TIME_ZONES: &[&str] = &[
    "GMT", "UTC", "EST", "EDT", "CET", "CEST", "BST", "PST", "PDT",
];

/// A name to match against the entities so far, with the forms it is
/// compared by.
struct NameQuery<'q> {
    /// The entity-layer mention.
    m: &'q Mention,
    /// Its name's folded words.
    key: &'q [String],
    /// Its lexicon entry, if any.
    anchor: Option<Anchor>,
    /// The name as an acronym, when it is one (`UAW`).
    acr: Option<String>,
    /// The acronym a name of several words spells (`UAW` of `United Auto
    /// Workers`).
    spelled: Option<String>,
    /// The key without particles (`content_words`).
    mine: Vec<&'q str>,
}

impl<'a> Builder<'a> {
    /// Pass 1: names, acronyms and lexicon entries. The story's mentions
    /// come first and the headlines' after them: a headline shortens names
    /// the story gives in full (`GM` for `General Motors Corporation (GM)`,
    /// `DaimlerChrysler` for `The DaimlerChrysler Corporation`).
    pub(super) fn names(&mut self) {
        let mentions: &'a [Mention] = self.mentions;
        for mi in self.name_order() {
            let m = &mentions[mi];
            let Some((raw, key, anchor)) = self.name_of(m) else {
                continue;
            };
            if !self.index.is_on() && self.entities.len() > RECENT_ENTITIES {
                self.build_indexes();
            }
            match self.match_name(m, raw, &key, anchor) {
                Some((id, form)) => self.join_name(id, form, mi, raw, key, anchor),
                None => self.new_entity(m, mi, key, anchor),
            }
            self.note_acronym(mi);
        }
    }

    /// The mentions in the order they are read: the story's, then the
    /// headlines'.
    fn name_order(&self) -> Vec<usize> {
        let in_headline = |m: &Mention| m.unit < self.headlines;
        (0..self.mentions.len())
            .filter(|&i| !in_headline(&self.mentions[i]))
            .chain((0..self.mentions.len()).filter(|&i| in_headline(&self.mentions[i])))
            .collect()
    }

    /// The name a mention gives as written, its key (folded words) and its
    /// lexicon entry; none for a mention that is no referent.
    fn name_of(&self, m: &Mention) -> Option<(&'a str, Vec<String>, Option<Anchor>)> {
        let text: &'a str = self.text;
        // A facility is named by its whole mention (`Harir airbase`),
        // not by the place it is named after.
        let facility = m.subtype.as_deref() == Some("facility");
        let raw = if facility {
            &text[m.start..m.end]
        } else {
            &text[m.name_start..m.name_end]
        };
        let key = name_words(raw);
        // A currency (`US$`) or a time zone (`GMT`, whatever the tagger
        // called it) is no referent.
        let currency = m.kind == EntityKind::Misc && raw.ends_with('$');
        if key.is_empty() || currency || TIME_ZONES.contains(&raw) {
            return None;
        }
        let anchor = if facility {
            None
        } else {
            anchor_of(self.lex, m, raw.trim_start_matches("the ").trim())
        };
        Some((raw, key, anchor))
    }

    /// Joins mention `mi` to entity `id`, and learns from it: a fuller
    /// canonical name, the country and subtype, a new key and the anchor.
    fn join_name(
        &mut self,
        id: usize,
        form: MentionForm,
        mi: usize,
        raw: &str,
        key: Vec<String>,
        anchor: Option<Anchor>,
    ) {
        let mentions: &'a [Mention] = self.mentions;
        let m = &mentions[mi];
        // `GM` for `General Motors` is an acronym even when the lexicon
        // lists it as a name.
        let form = if form == MentionForm::Name
            && acronym(raw).is_some()
            && acronym(&self.entities[id].name).is_none()
        {
            MentionForm::Acronym
        } else {
            form
        };
        self.add_name(id, mi, form);
        let e = &mut self.entities[id];
        // The fullest form is the canonical name; of two as full, a
        // country's or place's own name (`Thailand`, not `Thai`).
        let fuller = key.len() > self.name_len[id]
            || (key.len() == self.name_len[id]
                && e.kind == EntityKind::Place
                && own_name(self.lex, strip_possessive(raw))
                && !own_name(self.lex, &e.name));
        if form == MentionForm::Name && fuller && m.kind == e.kind {
            e.name = strip_possessive(raw).to_string();
            self.name_len[id] = key.len();
        }
        if e.country.is_none() {
            e.country = m.country.clone();
        }
        if e.subtype.is_none() {
            e.subtype = m.subtype.clone();
        }
        if !self.keys[id].contains(&key) {
            let c = owned(content_words(&key));
            self.content[id].push(c);
            self.index.add_key(&key, id);
            self.keys[id].push(key);
        }
        if self.anchors[id].is_none() {
            self.anchors[id] = anchor;
            self.index.add_anchor(anchor, id);
        }
    }

    /// `Name (ACR)`: the acronym in brackets after mention `mi`'s name
    /// belongs to its entity.
    fn note_acronym(&mut self, mi: usize) {
        let text: &'a str = self.text;
        let m = &self.mentions[mi];
        let id = self.of_mention[mi].unwrap_or(0);
        let Some(a) = bracketed(&text[m.name_end..]).and_then(acronym) else {
            return;
        };
        // Brackets after a person's name give a country, a party or a
        // state (`Monica Seles (U.S.)`), after a place's a body named
        // after it (`Interim Force in Lebanon (UNIFIL)`): for those two,
        // the acronym must spell the name's initials (`United Arab
        // Emirates (UAE)`; a body the tagger cut or took for a person:
        // `Internet Explorer (IE)`, `Fair Trading (OFT)`).
        let fits = match m.kind {
            EntityKind::Person | EntityKind::Place => {
                spells_initials(&a, &text[m.name_start..m.name_end])
            }
            _ => true,
        };
        if fits && !self.acronyms[id].contains(&a) {
            self.acronyms[id].push(a);
        }
    }

    /// The entity a name joins, and how it refers to it: the latest entity
    /// that matches.
    fn match_name(
        &self,
        m: &Mention,
        raw: &str,
        key: &[String],
        anchor: Option<Anchor>,
    ) -> Option<(usize, MentionForm)> {
        let acr = acronym(raw);
        // The acronym a name of several words spells (`UAW`).
        let spelled = (acr.is_none() && key.len() >= 2)
            .then(|| initials(corporate_name(raw)))
            .filter(|a| (2..=6).contains(&a.len()) && a.bytes().all(|b| b.is_ascii_uppercase()));
        let q = NameQuery {
            m,
            key,
            anchor,
            acr,
            spelled,
            mine: content_words(key),
        };
        // The candidates: the entities mentioned most recently, and any
        // entity of the same full name or lexicon entry. In an article of
        // fewer than `RECENT_ENTITIES` entities, that is all of them.
        let candidates = self.index.candidates(key, anchor);
        let all = 0..if candidates.is_empty() {
            self.entities.len()
        } else {
            0
        };
        // The latest entity that matches wins.
        let mut best: Option<(usize, MentionForm, usize)> = None;
        for id in all.chain(candidates) {
            let Some(form) = self.name_matches(&q, id) else {
                continue;
            };
            let last = self.last[id];
            if best.map_or(true, |(_, _, l)| last > l) {
                best = Some((id, form, last));
            }
        }
        best.map(|(id, form, _)| (id, form))
    }

    /// Whether the name may join entity `id`, and how it would refer to it.
    fn name_matches(&self, q: &NameQuery<'_>, id: usize) -> Option<MentionForm> {
        let e = &self.entities[id];
        if q.m.kind == EntityKind::Group || e.kind == EntityKind::Group {
            let same = e.kind == q.m.kind
                && (q.anchor.is_some() && q.anchor == self.anchors[id]
                    || self.keys[id].iter().any(|k| k == q.key));
            return same.then_some(MentionForm::Name);
        }
        if let (Some(a), Some(b)) = (q.anchor, self.anchors[id]) {
            if a == b {
                return Some(MentionForm::Name);
            }
            if matches!(a, Anchor::Country(_)) || matches!(b, Anchor::Country(_)) {
                return None;
            }
        }
        // `United Auto Workers` in a headline, after the story's `UAW`.
        if q.spelled.as_ref().is_some_and(|spelled| {
            e.kind != EntityKind::Person && e.name.chars().filter(|c| *c != '.').eq(spelled.chars())
        }) {
            return Some(MentionForm::Name);
        }
        if self.is_acronym_of(q, id) {
            return Some(MentionForm::Acronym);
        }
        self.key_matches(q, id).then_some(MentionForm::Name)
    }

    /// Whether the name is an acronym of entity `id`: given in brackets
    /// after its name, or its initials (`GM` of `General Motors`).
    fn is_acronym_of(&self, q: &NameQuery<'_>, id: usize) -> bool {
        let Some(a) = &q.acr else {
            return false;
        };
        let e = &self.entities[id];
        self.acronyms[id].contains(a)
            || (e.kind != EntityKind::Person
                && self.keys[id].iter().any(|k| k.len() >= 2)
                && (initials(&e.name) == *a || initials(corporate_name(&e.name)) == *a))
    }

    /// Whether one of entity `id`'s names is the name, or one that a
    /// person's or an organisation's name joins.
    fn key_matches(&self, q: &NameQuery<'_>, id: usize) -> bool {
        let e = &self.entities[id];
        let same_kind = e.kind == q.m.kind;
        let person = e.kind == EntityKind::Person;
        // A short name tagged as something else still joins a person of
        // that surname (`Blinken` tagged ORG once).
        // A town's name that is a person's surname is the person
        // (`Montalvo` after `Daniel Montalvo`), a country's is not.
        // Nor is a region's or a city's of 100,000 people (`Chechnya`
        // after a headline's `Lebed Chechnya`).
        let known_place = match q.anchor {
            Some(Anchor::Country(_)) => true,
            Some(Anchor::Place(i)) => self.lex.is_known_place(&EntryKind::Place(i)),
            _ => false,
        };
        let may_join_person = q.m.kind == EntityKind::Person
            || (q.key.len() <= 2 && (q.m.kind != EntityKind::Place || !known_place));
        for (ki, k) in self.keys[id].iter().enumerate() {
            if k.as_slice() == q.key {
                // The same name is the same entity whatever the tagger
                // called it (`Mecca` once ORG, once LOC), unless the
                // gazetteer says it is a country.
                let country = matches!(q.anchor, Some(Anchor::Country(_)))
                    || matches!(self.anchors[id], Some(Anchor::Country(_)));
                return same_kind || !country;
            }
            if person && may_join_person {
                if person_name_joins(q, &self.content[id][ki]) {
                    return true;
                }
            } else if self.organisation_name_joins(q, id, k) {
                return true;
            }
        }
        false
    }

    /// Whether the name is another name `k` of organisation `id`: a longer
    /// or shorter name ending with it (`US State Department`, `State
    /// Department`), or the same company (`Ford`, `Ford Motor Company`).
    fn organisation_name_joins(&self, q: &NameQuery<'_>, id: usize, k: &[String]) -> bool {
        let e = &self.entities[id];
        let same_kind = e.kind == q.m.kind;
        (same_kind
            && e.kind == EntityKind::Organisation
            && q.key.len() >= 2
            && k.len() >= 2
            && (ends_with(k, q.key) || ends_with(q.key, k)))
            // A team and its number word (`Philadelphia 76ers`, `the 76ers`).
            || (same_kind
                && e.kind == EntityKind::Organisation
                && (q.key.len() == 1 || k.len() == 1)
                && q.key.last().zip(k.last()).is_some_and(|(a, b)| a == b && team_number(a)))
            || (e.kind == EntityKind::Organisation
                && q.m.kind != EntityKind::Person
                && !matches!(q.anchor, Some(Anchor::Country(_) | Anchor::Place(_)))
                && !matches!(
                    self.anchors[id],
                    Some(Anchor::Country(_) | Anchor::Place(_))
                )
                // `Freedom` and `Freedom Magazine`, `General Motors` and
                // `General Motors Corporation`, `Ford` and `Ford Motor
                // Company`.
                && same_company(k, q.key))
    }
}

/// Whether the name joins a person of the name words `a` (particles
/// dropped): one ends with the other (`Blinken`, `Mr Al Sudani`), or, for a
/// person's name, they differ by a letter.
fn person_name_joins(q: &NameQuery<'_>, a: &[String]) -> bool {
    ends_with(a, &q.mine)
        || (q.m.kind == EntityKind::Person && ends_with(&q.mine, a))
        || (q.m.kind == EntityKind::Person && same_but_a_letter(a, &q.mine))
}

/// The lexicon entry a mention's name stands for, as a key to join on.
fn anchor_of(lex: &Lexicon, m: &Mention, name: &str) -> Option<Anchor> {
    // Only places, organisations, groups and other names have lexicon
    // anchors.
    if m.kind == EntityKind::Person {
        return None;
    }
    let entries = lex.lookup(name);
    let want = |e: &EntryKind| match (m.kind, e) {
        (EntityKind::Place, EntryKind::Country(i)) => Some(Anchor::Country(*i)),
        (EntityKind::Place, EntryKind::Place(i)) => Some(Anchor::Place(*i)),
        (EntityKind::Organisation, EntryKind::Organisation(i)) => Some(Anchor::Org(*i)),
        // `Dow`, `FTSE 100`: an index the tagger marks as other names, as
        // CoNLL-2003 does, is the lexicon's entry all the same.
        (EntityKind::Misc, EntryKind::Organisation(i)) => Some(Anchor::Org(*i)),
        (EntityKind::Group, EntryKind::Demonym(i)) => Some(Anchor::Country(*i)),
        (EntityKind::Group, EntryKind::Country(i)) => Some(Anchor::Country(*i)),
        (EntityKind::Group, EntryKind::Group(i)) => Some(Anchor::Group(*i)),
        _ => None,
    };
    entries.iter().find_map(want)
}

/// Whether `name` is, as written, the name of a country or of a place of
/// the gazetteer (`Thailand`; `Thai` is another name of Thailand's).
fn own_name(lex: &Lexicon, name: &str) -> bool {
    lex.lookup(name).iter().any(|e| match *e {
        EntryKind::Country(i) => lex.countries[i as usize].name.eq_ignore_ascii_case(name),
        EntryKind::Place(i) => lex.places[i as usize].name.eq_ignore_ascii_case(name),
        _ => false,
    })
}
