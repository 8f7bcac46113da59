//! Corpus entities: an article's entities joined across articles by their
//! name keys. Places, organisations and groups of one key and kind are one
//! entity everywhere; a person's full name joins within a story, and
//! across stories only when the articles give the person a common role
//! (two people named `Ali Hassan` in unrelated stories stay two); a
//! shortened name (`Blinken`, `Al Sudani`) joins the one full name of its
//! story it shortens.

use std::collections::{BTreeMap, BTreeSet};

use crate::entities::EntityKind;

use super::record::Record;
use super::stories::Sets;
use super::{make_id, names, CorpusEntity, CorpusMention};

/// Stories of one full name compared with each other: each with this
/// many before it.
const CONTEXT_WINDOW: usize = 32;
/// People and organisations two stories must share around a full name
/// for it to be one person in both.
const SHARED: usize = 1;

/// The words of a key that are not particles.
fn full(key: &str) -> bool {
    key.split(' ')
        .filter(|w| names::surname(w).is_some())
        .count()
        >= 2
}

/// The corpus entities (by id), and for each record (sorted by id) the
/// corpus entity of each of its entities.
pub(crate) fn link(
    records: &[&Record],
    story_of: &[usize],
    story_ids: &[String],
) -> (Vec<CorpusEntity>, Vec<Vec<usize>>) {
    // Nodes: every entity of every record, in order.
    let mut nodes: Vec<(usize, usize)> = Vec::new();
    let mut first: Vec<usize> = Vec::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        first.push(nodes.len());
        nodes.extend((0..r.entities.len()).map(|j| (i, j)));
    }
    let ent = |n: usize| {
        let (i, j) = nodes[n];
        &records[i].entities[j]
    };
    let mut sets = Sets::new(nodes.len());
    // Blocks: kind and key.
    let mut blocks: BTreeMap<(&'static str, &str), Vec<usize>> = BTreeMap::new();
    // Described participants: one per story and noun.
    let mut described: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for n in 0..nodes.len() {
        let e = ent(n);
        if e.described {
            let at = *described
                .entry((story_of[nodes[n].0], e.key.as_str()))
                .or_insert(n);
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
                    .entry((story_of[nodes[n].0], s))
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
            let story = story_of[nodes[n].0];
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
                        .filter(|&&m| story_of[nodes[m].0] == story)
                        .flat_map(|&m| records[nodes[m].0].entities.iter())
                        .filter(|x| {
                            !x.described
                                && x.named > 0
                                && x.key != key
                                && match x.kind {
                                    EntityKind::Organisation => true,
                                    EntityKind::Person => full(&x.key),
                                    _ => false,
                                }
                        })
                        .map(|x| x.key.as_str())
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
    // Shortened names join the one full name of their story they shorten.
    for n in 0..nodes.len() {
        let e = ent(n);
        if e.kind != EntityKind::Person || e.described || full(&e.key) {
            continue;
        }
        let story = story_of[nodes[n].0];
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
    let mut out: Vec<(CorpusEntity, usize)> = members
        .iter()
        .enumerate()
        .map(|(g, list)| (build(records, &nodes, list, story_of, story_ids), g))
        .collect();
    out.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let mut rank = vec![0; count];
    for (pos, (_, g)) in out.iter().enumerate() {
        rank[*g] = pos;
    }
    let entity_of = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (0..r.entities.len())
                .map(|j| rank[group[first[i] + j]])
                .collect()
        })
        .collect();
    (out.into_iter().map(|(e, _)| e).collect(), entity_of)
}

/// The corpus entity of a group of article entities.
fn build(
    records: &[&Record],
    nodes: &[(usize, usize)],
    list: &[usize],
    story_of: &[usize],
    story_ids: &[String],
) -> CorpusEntity {
    let ent = |n: usize| {
        let (i, j) = nodes[n];
        &records[i].entities[j]
    };
    // The name: the fullest key, the most often given, then the first.
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for &n in list {
        let e = ent(n);
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
    let mut names_given: BTreeSet<String> = BTreeSet::new();
    let mut roles: BTreeSet<String> = BTreeSet::new();
    let mut articles: BTreeSet<String> = BTreeSet::new();
    let mut stories: BTreeSet<String> = BTreeSet::new();
    let mut mentions: Vec<CorpusMention> = Vec::new();
    let mut country = None;
    for &n in list {
        let (i, _) = nodes[n];
        let e = ent(n);
        names_given.insert(e.name.clone());
        roles.extend(e.roles.iter().cloned());
        articles.insert(records[i].id.clone());
        stories.insert(story_ids[story_of[i]].clone());
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
                article: records[i].id.clone(),
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
                records[nodes[list[0]].0].id,
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
        described: first.described,
    }
}
