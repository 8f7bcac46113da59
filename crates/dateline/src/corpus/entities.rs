//! Corpus entities: an article's entities joined across articles by their
//! name keys. Places, organisations and groups of one key and kind are one
//! entity everywhere; a person's full name joins within a story, and
//! across stories only when the articles give the person a common role
//! (two people named `Ali Hassan` in unrelated stories stay two); a
//! shortened name (`Blinken`, `Al Sudani`) joins the one full name of its
//! story it shortens.
//!
//! Every join stays within one [`Home`]: the kind and key of a name, a
//! shortened name's full name, or a described participant's story. So the
//! entities are linked home by home ([`link_home`]), in one process or on
//! many workers (`shard`), with the same result.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::entities::EntityKind;

use super::record::{REntity, Record};
use super::stories::Sets;
use super::{make_id, names, CorpusEntity, CorpusMention};

/// Stories of one full name compared with each other: each with this
/// many before it.
const CONTEXT_WINDOW: usize = 32;
/// People and organisations two stories must share around a full name
/// for it to be one person in both.
const SHARED: usize = 1;

/// The words of a key that are not particles.
pub(crate) fn full(key: &str) -> bool {
    key.split(' ')
        .filter(|w| names::surname(w).is_some())
        .count()
        >= 2
}

/// Where an article entity is linked: no join reaches outside it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum Home {
    /// A name: its kind and key; a shortened person's name, the full
    /// name of its story it shortens.
    Named(String, String),
    /// A described participant: its story and noun.
    Described(String, String),
    /// An entity with no key: its article and position, alone.
    Alone(String, usize),
}

impl Home {
    /// The home as one string, to group by.
    pub(crate) fn text(&self) -> String {
        match self {
            Home::Named(kind, key) => format!("n\u{1f}{kind}\u{1f}{key}"),
            Home::Described(story, key) => format!("d\u{1f}{story}\u{1f}{key}"),
            Home::Alone(article, j) => format!("a\u{1f}{article}\u{1f}{j}"),
        }
    }
}

/// What the entities of one story tell of its people: the full names by
/// family name, and for each noun of a described person (`woman`) the
/// keys of the named people its articles make it.
#[derive(Debug, Clone, Default)]
pub(crate) struct FullNames<'a> {
    full: BTreeMap<&'a str, BTreeSet<&'a str>>,
    described: BTreeMap<&'a str, Vec<&'a str>>,
}

impl<'a> FullNames<'a> {
    /// Adds an entity of the story.
    pub(crate) fn add(&mut self, e: &'a REntity) {
        if e.kind == EntityKind::Person && !e.described && full(&e.key) {
            if let Some(s) = names::surname(&e.key) {
                self.full.entry(s).or_default().insert(e.key.as_str());
            }
        }
        if let (true, Some(p)) = (e.described, &e.person) {
            self.described
                .entry(e.key.as_str())
                .or_default()
                .push(p.as_str());
        }
    }

    /// The one full name of the story that a person's key shortens
    /// (`jackman` of `hugh jackman`).
    fn full_of(&self, key: &str) -> Option<&'a str> {
        let fulls = names::surname(key).and_then(|s| self.full.get(s))?;
        let mut fitting = fulls.iter().filter(|f| names::shortens(key, f));
        match (fitting.next(), fitting.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }

    /// The named person the story's articles make a described person's
    /// noun most often (`woman`: `raj chohan`), if one is more often than
    /// any other; its home's key.
    fn described_person(&self, noun: &str) -> Option<String> {
        let mut tally: BTreeMap<String, usize> = BTreeMap::new();
        for p in self.described.get(noun)? {
            *tally.entry(self.person_key(p)).or_default() += 1;
        }
        let mut best: Option<(String, usize)> = None;
        let mut tied = false;
        for (key, n) in tally {
            match &best {
                Some((_, m)) if n < *m => {}
                Some((_, m)) if n == *m => tied = true,
                _ => {
                    best = Some((key, n));
                    tied = false;
                }
            }
        }
        best.filter(|_| !tied).map(|(key, _)| key)
    }

    /// The key of a person's home: its full name if it is a shortened one.
    fn person_key(&self, key: &str) -> String {
        if full(key) {
            return key.to_string();
        }
        self.full_of(key).unwrap_or(key).to_string()
    }
}

/// The home of an entity of a story with these full names; `story` and
/// `article` name its story and article (any text that tells them apart).
/// A described person whom the story's articles make one named person
/// (`a woman` that is Raj Chohan) is at that person's home.
pub(crate) fn home(
    e: &REntity,
    names_of: &FullNames<'_>,
    story: &str,
    article: &str,
    j: usize,
) -> Home {
    let person = EntityKind::Person.as_str().to_string();
    if e.described {
        if let Some(key) = names_of
            .described_person(&e.key)
            .filter(|_| e.kind == EntityKind::Person)
        {
            return Home::Named(person, key);
        }
        return Home::Described(story.to_string(), e.key.clone());
    }
    if e.key.is_empty() {
        return Home::Alone(article.to_string(), j);
    }
    if e.kind == EntityKind::Person {
        return Home::Named(person, names_of.person_key(&e.key));
    }
    Home::Named(e.kind.as_str().to_string(), e.key.clone())
}

/// The keys of an article's organisations and full names of people: what
/// tells two people of one full name apart across stories.
pub(crate) fn around(r: &Record) -> Vec<String> {
    r.entities
        .iter()
        .filter(|x| {
            !x.described
                && x.named > 0
                && match x.kind {
                    EntityKind::Organisation => true,
                    EntityKind::Person => full(&x.key),
                    _ => false,
                }
        })
        .map(|x| x.key.clone())
        .collect()
}

/// An article entity as [`link_home`] reads it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node<'a> {
    /// Its article's id.
    pub article: &'a str,
    /// The entity.
    pub entity: &'a REntity,
    /// The number of its story: stories numbered in the order of their
    /// first article (any numbers in that order).
    pub story: usize,
    /// Its story's id.
    pub story_id: &'a str,
    /// [`around`] its article.
    pub around: &'a [String],
}

/// The corpus entities (by id), and for each record (sorted by id) the
/// corpus entity of each of its entities.
pub(crate) fn link(
    records: &[&Record],
    story_of: &[usize],
    story_ids: &[String],
) -> (Vec<CorpusEntity>, Vec<Vec<usize>>) {
    let arounds: Vec<Vec<String>> = records.iter().map(|r| around(r)).collect();
    // Nodes: every entity of every record, in order.
    let mut nodes: Vec<Node<'_>> = Vec::new();
    let mut first: Vec<usize> = Vec::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        first.push(nodes.len());
        nodes.extend(r.entities.iter().map(|entity| Node {
            article: &r.id,
            entity,
            story: story_of[i],
            story_id: &story_ids[story_of[i]],
            around: &arounds[i],
        }));
    }
    let count = story_ids.len();
    let mut names_of: Vec<FullNames<'_>> = vec![FullNames::default(); count];
    for n in &nodes {
        names_of[n.story].add(n.entity);
    }
    let mut homes: BTreeMap<Home, Vec<usize>> = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        let s = story_of[i];
        for (j, e) in r.entities.iter().enumerate() {
            let h = home(e, &names_of[s], &s.to_string(), &i.to_string(), j);
            homes.entry(h).or_default().push(first[i] + j);
        }
    }
    let mut out: Vec<(CorpusEntity, Vec<usize>)> = Vec::new();
    let mut group: Vec<Node<'_>> = Vec::new();
    for members in homes.values() {
        group.clear();
        group.extend(members.iter().map(|&n| nodes[n]));
        for (entity, list) in link_home(&group) {
            out.push((entity, list.into_iter().map(|m| members[m]).collect()));
        }
    }
    out.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let mut rank = vec![0; nodes.len()];
    for (pos, (_, list)) in out.iter().enumerate() {
        for &n in list {
            rank[n] = pos;
        }
    }
    let entity_of = records
        .iter()
        .enumerate()
        .map(|(i, r)| (0..r.entities.len()).map(|j| rank[first[i] + j]).collect())
        .collect();
    (out.into_iter().map(|(e, _)| e).collect(), entity_of)
}

/// Links the entities of one home, `nodes` in the order of their articles
/// (by id) and of the entities in each: its corpus entities, each with
/// the nodes it joins (positions in `nodes`, in order).
pub(crate) fn link_home(nodes: &[Node<'_>]) -> Vec<(CorpusEntity, Vec<usize>)> {
    let ent = |n: usize| nodes[n].entity;
    let story_of = |n: usize| nodes[n].story;
    let mut sets = Sets::new(nodes.len());
    // Blocks: kind and key.
    let mut blocks: BTreeMap<(&'static str, &str), Vec<usize>> = BTreeMap::new();
    // Described participants: one per story and noun.
    let mut described: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for n in 0..nodes.len() {
        let e = ent(n);
        if e.described {
            let at = *described.entry((story_of(n), e.key.as_str())).or_insert(n);
            sets.union(at, n);
        } else if !e.key.is_empty() {
            blocks
                .entry((e.kind.as_str(), e.key.as_str()))
                .or_default()
                .push(n);
        }
    }
    // A person's full names in each story, by family name.
    let mut full_names: BTreeMap<(usize, &str), BTreeSet<&str>> = BTreeMap::new();
    for n in 0..nodes.len() {
        let e = ent(n);
        if e.kind == EntityKind::Person && !e.described && full(&e.key) {
            if let Some(s) = names::surname(&e.key) {
                full_names
                    .entry((story_of(n), s))
                    .or_default()
                    .insert(e.key.as_str());
            }
        }
    }
    let mut first_of: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for (&(kind, key), list) in &blocks {
        if kind != EntityKind::Person.as_str() {
            for &n in &list[1..] {
                sets.union(list[0], n);
            }
            continue;
        }
        let mut by_story: BTreeMap<usize, usize> = BTreeMap::new();
        let mut by_role: BTreeMap<String, usize> = BTreeMap::new();
        for &n in list {
            let story = story_of(n);
            let at = *by_story.entry(story).or_insert(n);
            sets.union(at, n);
            first_of.entry((story, key)).or_insert(n);
            if full(key) {
                for role in &ent(n).roles {
                    let at = *by_role.entry(names::normalise(role)).or_insert(n);
                    sets.union(at, n);
                }
            }
        }
        // Across stories, a full name joins where its stories share the
        // people and organisations around it (`Maurice Cheeks` of two
        // stories about the 76ers), compared with the stories just before.
        if full(key) && by_story.len() > 1 {
            let stories: Vec<(usize, BTreeSet<&str>)> = by_story
                .iter()
                .map(|(&story, &n)| {
                    let around: BTreeSet<&str> = list
                        .iter()
                        .filter(|&&m| story_of(m) == story)
                        .flat_map(|&m| nodes[m].around.iter())
                        .map(String::as_str)
                        .filter(|x| *x != key)
                        .collect();
                    (n, around)
                })
                .collect();
            for (i, (n, around)) in stories.iter().enumerate() {
                for (m, other) in stories[i.saturating_sub(CONTEXT_WINDOW)..i].iter() {
                    if around.intersection(other).take(SHARED).count() >= SHARED {
                        sets.union(*m, *n);
                    }
                }
            }
        }
    }
    // A described person joins the named person of its story its article
    // makes it (when the story's articles make it one; else it is at a
    // home of its own).
    for n in 0..nodes.len() {
        let e = ent(n);
        if let (true, Some(p)) = (e.described, &e.person) {
            if let Some(&m) = first_of.get(&(story_of(n), p.as_str())) {
                sets.union(m, n);
            }
        }
    }
    // Shortened names join the one full name of their story they shorten.
    for n in 0..nodes.len() {
        let e = ent(n);
        if e.kind != EntityKind::Person || e.described || full(&e.key) {
            continue;
        }
        let story = story_of(n);
        let Some(s) = names::surname(&e.key) else {
            continue;
        };
        if let Some(fulls) = full_names.get(&(story, s)) {
            let fitting: Vec<&&str> = fulls
                .iter()
                .filter(|f| names::shortens(&e.key, f))
                .collect();
            if let [only] = fitting.as_slice() {
                if let Some(&m) = first_of.get(&(story, **only)) {
                    sets.union(m, n);
                }
            }
        }
    }
    let group = sets.groups();
    let count = group.iter().copied().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (n, &g) in group.iter().enumerate() {
        members[g].push(n);
    }
    members
        .into_iter()
        .map(|list| (build(nodes, &list), list))
        .collect()
}

/// The corpus entity of a group of article entities.
fn build(nodes: &[Node<'_>], list: &[usize]) -> CorpusEntity {
    let ent = |n: usize| nodes[n].entity;
    // The name: the fullest key, the most often given, then the first.
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let all_described = list.iter().all(|&n| ent(n).described);
    for &n in list {
        let e = ent(n);
        // A described person joined to a named one gives no name.
        if e.described && !all_described {
            continue;
        }
        let words = e.key.split(' ').count();
        let t = tally.entry(e.name.as_str()).or_insert((words, 0));
        t.1 += 1;
    }
    let name = tally
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(n, _)| n.to_string())
        .unwrap_or_default();
    let first = ent(list[0]);
    let described = list.iter().all(|&n| ent(n).described);
    let mut names_given: BTreeSet<String> = BTreeSet::new();
    let mut roles: BTreeSet<String> = BTreeSet::new();
    let mut articles: BTreeSet<String> = BTreeSet::new();
    let mut stories: BTreeSet<String> = BTreeSet::new();
    let mut mentions: Vec<CorpusMention> = Vec::new();
    let mut country = None;
    for &n in list {
        let e = ent(n);
        // A described person joined to a named one gives no name.
        if !e.described || described {
            names_given.insert(e.name.clone());
        }
        roles.extend(e.roles.iter().cloned());
        articles.insert(nodes[n].article.to_string());
        stories.insert(nodes[n].story_id.to_string());
        if country.is_none() {
            country = e.country.clone().or_else(|| e.nationality.clone());
        }
        for m in &e.mentions {
            if matches!(
                m.3,
                crate::resolve::MentionForm::Name | crate::resolve::MentionForm::Acronym
            ) {
                names_given.insert(m.2.clone());
            }
            mentions.push(CorpusMention {
                article: nodes[n].article.to_string(),
                start: m.0,
                end: m.1,
                text: m.2.clone(),
                form: m.3,
            });
        }
    }
    let key = names::key(&name);
    let anchor = mentions.first().map_or(0, |m| m.start);
    CorpusEntity {
        id: make_id(
            "entity",
            &format!(
                "{}|{}|{}|{}",
                first.kind.as_str(),
                key,
                nodes[list[0]].article,
                anchor
            ),
        ),
        kind: first.kind,
        name,
        key,
        names: names_given.into_iter().collect(),
        roles: roles.into_iter().collect(),
        country,
        articles: articles.into_iter().collect(),
        stories: stories.into_iter().collect(),
        mentions,
        described,
    }
}
