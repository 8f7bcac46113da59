//! The indexes that let a name find its entity in a long article: entities
//! by each of their name keys, by their lexicon anchor, and by recency. A
//! full name or a lexicon entry finds its entity however long ago it was
//! last mentioned; a partial name (a surname, an acronym) may join only the
//! `RECENT_ENTITIES` most recently mentioned.
//!
//! The indexes are built lazily: only once the article has more than
//! `RECENT_ENTITIES` entities. Below that, a name is compared with every
//! entity, and the indexes would only cost; until then every update here
//! does nothing.

use std::collections::{BTreeSet, HashMap};

use super::{Anchor, RECENT_ENTITIES};

/// Entities by name key, by anchor and by their latest mention.
#[derive(Default)]
pub(super) struct Indexes {
    /// Whether the indexes are kept.
    on: bool,
    by_key: HashMap<Vec<String>, Vec<usize>>,
    by_anchor: HashMap<Anchor, Vec<usize>>,
    /// (latest mention, entity) of every entity: the most recent ones are
    /// those a partial name (a surname, an acronym) may join.
    recent: BTreeSet<(usize, usize)>,
}

impl Indexes {
    /// Whether the indexes are kept (the article is long).
    pub(super) fn is_on(&self) -> bool {
        self.on
    }

    /// Indexes kept from now on, built from each entity's name keys,
    /// anchor and latest mention.
    pub(super) fn build(
        keys: &[Vec<Vec<String>>],
        anchors: &[Option<Anchor>],
        last: &[usize],
    ) -> Indexes {
        let mut by_key: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
        for (id, keys) in keys.iter().enumerate() {
            for k in keys {
                by_key.entry(k.clone()).or_default().push(id);
            }
        }
        let mut by_anchor: HashMap<Anchor, Vec<usize>> = HashMap::new();
        for (id, a) in anchors.iter().enumerate() {
            if let Some(a) = a {
                by_anchor.entry(*a).or_default().push(id);
            }
        }
        let recent = last.iter().enumerate().map(|(id, &l)| (l, id)).collect();
        Indexes {
            on: true,
            by_key,
            by_anchor,
            recent,
        }
    }

    /// Entity `id` has the name key `key`.
    pub(super) fn add_key(&mut self, key: &[String], id: usize) {
        if self.on {
            self.by_key.entry(key.to_vec()).or_default().push(id);
        }
    }

    /// Entity `id` has the lexicon anchor `anchor`, if any.
    pub(super) fn add_anchor(&mut self, anchor: Option<Anchor>, id: usize) {
        if let Some(a) = anchor.filter(|_| self.on) {
            self.by_anchor.entry(a).or_default().push(id);
        }
    }

    /// New entity `id`, first mentioned at byte `pos`.
    pub(super) fn add_entity(&mut self, id: usize, pos: usize) {
        if self.on {
            self.recent.insert((pos, id));
        }
    }

    /// Entity `id`'s latest mention moved from byte `old` to `new`.
    pub(super) fn moved(&mut self, id: usize, old: usize, new: usize) {
        if self.on {
            self.recent.remove(&(old, id));
            self.recent.insert((new, id));
        }
    }

    /// The entities a name of key `key` (and lexicon anchor `anchor`) may
    /// join, sorted, once: the most recently mentioned ones, and any of the
    /// same full name or lexicon entry. Empty while the indexes are off.
    pub(super) fn candidates(&self, key: &[String], anchor: Option<Anchor>) -> Vec<usize> {
        if !self.on {
            return Vec::new();
        }
        let mut c: Vec<usize> = self
            .recent
            .iter()
            .rev()
            .take(RECENT_ENTITIES)
            .map(|&(_, id)| id)
            .collect();
        c.extend(self.by_key.get(key).into_iter().flatten());
        if let Some(ids) = anchor.and_then(|a| self.by_anchor.get(&a)) {
            c.extend(ids);
        }
        c.sort_unstable();
        c.dedup();
        c
    }
}
