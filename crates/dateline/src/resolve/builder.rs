//! The resolver's state while the passes run: the entities so far, the
//! name keys, anchors and genders learnt for each, the mentions of each unit,
//! and the ways to record a mention of an entity. The passes (names.rs to
//! places.rs) add to it in turn; `into_entities` gives the finished list.

use std::collections::{HashMap, HashSet};

use super::index::Indexes;
use super::name_words::{content_words, owned};
use super::{Anchor, Entity, EntityMention, MentionForm};
use crate::entities::Mention;
use crate::lexicon::roles::{fold, strip_possessive, words, Word, FEMALE, MALE};
use crate::lexicon::{lexicon, Lexicon};
use crate::span::Span;

/// The resolver's state: the article's layers below, the entities built so
/// far and what each pass learnt of them.
pub(super) struct Builder<'a> {
    /// The article's text.
    pub(super) text: &'a str,
    /// Its headlines and sentences.
    pub(super) units: &'a [Span],
    /// The entity layer's mentions.
    pub(super) mentions: &'a [Mention],
    /// How many of `units` are headlines.
    pub(super) headlines: usize,
    /// The embedded lexicon and gazetteer.
    pub(super) lex: &'static Lexicon,
    /// The entities so far (ids are renumbered at the end).
    pub(super) entities: Vec<Entity>,
    /// Entity of each entity-layer mention.
    pub(super) of_mention: Vec<Option<usize>>,
    /// Folded name words of each entity's names.
    pub(super) keys: Vec<Vec<Vec<String>>>,
    /// The same keys without particles (`content_words`), for persons.
    pub(super) content: Vec<Vec<Vec<String>>>,
    /// Number of words of each entity's canonical name, as a key.
    pub(super) name_len: Vec<usize>,
    /// Each entity's lexicon entry, if any.
    pub(super) anchors: Vec<Option<Anchor>>,
    /// Acronyms each entity was given in brackets (`Name (ACR)`).
    pub(super) acronyms: Vec<Vec<String>>,
    /// Each entity's gender where an honorific told it (`true`: male).
    pub(super) gender: Vec<Option<bool>>,
    /// Byte position of each entity's latest mention so far.
    pub(super) last: Vec<usize>,
    /// Entities by name key, by lexicon anchor and by recency, kept only in
    /// a long article (see index.rs).
    pub(super) index: Indexes,
    /// (start, end, entity, form) of the entity mentions so far, per unit: the
    /// passes that look for a mention near a word read its unit and the
    /// few before, not every entity.
    pub(super) in_unit: Vec<Vec<(usize, usize, usize, MentionForm)>>,
    /// Entity-layer mention by start byte, and by end byte (of the mention
    /// or of its name).
    pub(super) by_start: HashMap<usize, usize>,
    /// See `by_start`.
    pub(super) by_end: HashMap<usize, usize>,
    /// Words of each unit.
    pub(super) unit_words: Vec<Vec<Word>>,
    /// (position, entity) of the persons mentioned in each unit, in order.
    pub(super) people: Vec<Vec<(usize, usize)>>,
    /// Starts of the pronouns the quote layer resolved.
    pub(super) quoted: HashSet<usize>,
    /// (speaker entity, start, end) of the quote sources that are
    /// descriptions (`the American official`).
    pub(super) quoted_descriptions: Vec<(usize, usize, usize)>,
}

impl<'a> Builder<'a> {
    /// A builder with no entities yet over the article's units and
    /// entity-layer mentions.
    pub(super) fn new(
        text: &'a str,
        units: &'a [Span],
        headlines: usize,
        mentions: &'a [Mention],
    ) -> Self {
        let mut b = Builder {
            text,
            units,
            mentions,
            headlines,
            lex: lexicon(),
            entities: Vec::new(),
            of_mention: vec![None; mentions.len()],
            keys: Vec::new(),
            content: Vec::new(),
            name_len: Vec::new(),
            anchors: Vec::new(),
            acronyms: Vec::new(),
            gender: Vec::new(),
            last: Vec::new(),
            index: Indexes::default(),
            in_unit: vec![Vec::new(); units.len()],
            by_start: HashMap::new(),
            by_end: HashMap::new(),
            unit_words: units.iter().map(|u| words(text, *u)).collect(),
            people: vec![Vec::new(); units.len()],
            quoted: HashSet::new(),
            quoted_descriptions: Vec::new(),
        };
        for (i, m) in mentions.iter().enumerate().rev() {
            b.by_start.insert(m.start, i);
            b.by_end.insert(m.name_end, i);
            b.by_end.insert(m.end, i);
        }
        b
    }

    /// The unit (headline or sentence) holding byte `pos`.
    pub(super) fn unit_of(&self, pos: usize) -> usize {
        self.units
            .partition_point(|u| u.end <= pos)
            .min(self.units.len().saturating_sub(1))
    }

    /// Starts a new entity with mention `mi`, named by `key`.
    pub(super) fn new_entity(
        &mut self,
        m: &Mention,
        mi: usize,
        key: Vec<String>,
        anchor: Option<Anchor>,
    ) {
        let id = self.entities.len();
        let name = if m.subtype.as_deref() == Some("facility") {
            self.text[m.start..m.end].to_string()
        } else {
            self.text[m.name_start..m.name_end].to_string()
        };
        self.entities.push(Entity {
            id,
            kind: m.kind,
            subtype: m.subtype.clone(),
            name: strip_possessive(&name).to_string(),
            mentions: Vec::new(),
            roles: Vec::new(),
            nationality: None,
            org_kind: None,
            country: m.country.clone(),
            place: None,
        });
        self.content.push(vec![owned(content_words(&key))]);
        self.name_len.push(key.len());
        self.index.add_key(&key, id);
        self.index.add_anchor(anchor, id);
        self.keys.push(vec![key]);
        self.anchors.push(anchor);
        self.acronyms.push(Vec::new());
        self.gender.push(None);
        self.last.push(m.start);
        self.index.add_entity(id, m.start);
        self.add_name(id, mi, MentionForm::Name);
    }

    /// Builds the indexes of names, anchors and recency from the entities so
    /// far, and keeps them from now on.
    pub(super) fn build_indexes(&mut self) {
        self.index = Indexes::build(&self.keys, &self.anchors, &self.last);
    }

    /// Records a mention of entity `id` at byte `pos`.
    fn touch(&mut self, id: usize, pos: usize) {
        let old = self.last[id];
        if pos > old {
            self.index.moved(id, old, pos);
            self.last[id] = pos;
        }
    }

    /// Records entity-layer mention `mi` as a name (or acronym) of `id`.
    pub(super) fn add_name(&mut self, id: usize, mi: usize, form: MentionForm) {
        let m = &self.mentions[mi];
        self.entities[id].mentions.push(EntityMention {
            start: m.start,
            end: m.end,
            text: m.text.clone(),
            form,
            unit: m.unit,
            mention: Some(mi),
        });
        self.of_mention[mi] = Some(id);
        self.touch(id, m.start);
        if let Some(list) = self.in_unit.get_mut(m.unit) {
            list.push((m.start, m.end, id, form));
        }
        if let Some(male) = honorific_gender(&self.text[..m.start]) {
            self.gender[id] = Some(male);
        }
    }

    /// Records the words `start..end` (a pronoun or a description) as a
    /// mention of `id`.
    pub(super) fn add_other(&mut self, id: usize, start: usize, end: usize, form: MentionForm) {
        let unit = self.unit_of(start);
        self.entities[id].mentions.push(EntityMention {
            start,
            end,
            text: self.text[start..end].to_string(),
            form,
            unit,
            mention: None,
        });
        self.touch(id, start);
        if let Some(list) = self.in_unit.get_mut(unit) {
            list.push((start, end, id, form));
        }
    }

    /// The entity-layer mention (or mention name) ending at byte `end`.
    pub(super) fn mention_ending(&self, end: usize) -> Option<usize> {
        self.by_end.get(&end).copied()
    }

    /// The entity-layer mention starting at byte `start`.
    pub(super) fn mention_starting(&self, start: usize) -> Option<usize> {
        self.by_start.get(&start).copied()
    }

    /// The finished entities: each one's mentions in text order, once, and
    /// ids renumbered in order of first mention.
    pub(super) fn into_entities(self) -> Vec<Entity> {
        let mut entities = self.entities;
        for e in &mut entities {
            e.mentions.sort_by_key(|m| (m.start, m.end));
            e.mentions.dedup_by_key(|m| (m.start, m.end));
        }
        let mut order: Vec<usize> = (0..entities.len()).collect();
        order.sort_by_key(|&i| entities[i].mentions.first().map_or(usize::MAX, |m| m.start));
        let mut new_id = vec![0; entities.len()];
        for (n, &i) in order.iter().enumerate() {
            new_id[i] = n;
        }
        let mut sorted: Vec<Entity> = Vec::with_capacity(entities.len());
        let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
        for &i in &order {
            let mut e = slots[i].take().expect("each entity is placed once");
            e.id = new_id[i];
            for r in &mut e.roles {
                r.of_entity = r.of_entity.map(|x| new_id[x]);
                r.via_entity = r.via_entity.map(|x| new_id[x]);
            }
            if let Some(p) = &mut e.place {
                p.within = p.within.map(|x| new_id[x]);
            }
            sorted.push(e);
        }
        sorted
    }
}

/// The gender an honorific right before a name tells (`Mrs`: female, `Mr`:
/// male), given the text before the name.
fn honorific_gender(before: &str) -> Option<bool> {
    let hon = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
        .next()
        .map(fold)
        .unwrap_or_default();
    if FEMALE.contains(&hon.as_str()) {
        Some(false)
    } else if MALE.contains(&hon.as_str()) {
        Some(true)
    } else {
        None
    }
}
