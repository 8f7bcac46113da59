//! `clusters` and `links`: one coreference chain per entity (groups left
//! out: the corpora do not mark nationalities), each name with the noun
//! phrase's extent that coreference corpora mark; names nested in longer
//! names (the phrase convention); days named more than once; and each
//! place name linked to its gazetteer entry.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::entities::{EntityKind, Mention};
use crate::pipeline::Extraction;
use crate::resolve::{Entity, EntityMention, MentionForm};
use crate::span::OffsetMap;
use crate::time::Timex;

use super::described::described_start;
use super::noun_phrase::np_extent;
use super::phrases::{name_key, NameKey, PhraseItem};
use super::Extent;

/// The chains (`clusters`) and place links (`links`) of an extraction's
/// entities, in the convention `extent`.
pub(super) fn chains(
    x: &Extraction,
    entities: &[Entity],
    extent: Extent,
    phrases: &[PhraseItem],
    owners: &[(usize, usize)],
    map: &OffsetMap,
) -> (Vec<Value>, Vec<Value>) {
    let mut clusters = Vec::new();
    let mut links = Vec::new();
    // The cluster of each entity (groups have none).
    let mut cluster_of = vec![usize::MAX; entities.len()];
    let all = x.mentions.as_deref().unwrap_or_default();
    for (i, e) in entities.iter().enumerate() {
        if e.kind == EntityKind::Group {
            continue;
        }
        cluster_of[i] = clusters.len();
        let mut chain = Vec::new();
        for m in &e.mentions {
            let (s, end) = np_extent(&x.text, all, e, m);
            if extent == Extent::Described
                && matches!(m.form, MentionForm::Name | MentionForm::Acronym)
            {
                described_links(x, all, e, m, (s, end), owners, map, &mut chain);
            }
            chain.push(
                json!({"start": map.char_offset(s), "end": map.char_offset(end),
                              "form": m.form.as_str()}),
            );
            if let (Some(p), MentionForm::Name) = (&e.place, m.form) {
                links.push(
                    json!({"start": map.char_offset(s), "end": map.char_offset(end),
                                  "target": p.name.replace(' ', "_"),
                                  "geonameid": p.geonameid, "country": p.country}),
                );
            }
        }
        clusters.push(Value::Array(chain));
    }
    if extent == Extent::Phrases {
        nested_names(x, entities, phrases, &cluster_of, map, &mut clusters);
    }
    if extent != Extent::Described {
        clusters.extend(day_chains(x.timex.as_deref().unwrap_or_default(), map));
    }
    (clusters, links)
}

/// MEANTIME marks the name and, besides, the name with what describes it
/// (`US automaker GM`) and with its acronym (`General Motors ( GM`): the
/// extra chain items of name `m` of `e`, whose noun phrase is `s..end`.
#[allow(clippy::too_many_arguments)]
fn described_links(
    x: &Extraction,
    all: &[Mention],
    e: &Entity,
    m: &EntityMention,
    (s, end): (usize, usize),
    owners: &[(usize, usize)],
    map: &OffsetMap,
    chain: &mut Vec<Value>,
) {
    let name = m.mention.and_then(|i| all.get(i));
    let name_start = name.map_or(m.start, |n| n.name_start);
    let wide = described_start(&x.text, owners, e.kind, s, name_start);
    // `Steve Jobs` of `CEO Steve Jobs`.
    if let Some(n) = name {
        if n.name_start > s && n.start < n.name_start {
            chain.push(json!({"start": map.char_offset(n.name_start),
                              "end": map.char_offset(n.name_end), "form": "name"}));
        }
    }
    if wide < s {
        chain.push(json!({"start": map.char_offset(wide),
                          "end": map.char_offset(end), "form": "description"}));
    }
    if let Some(a) = e.mentions.iter().find(|a| {
        a.form == MentionForm::Acronym
            && a.start > end
            && matches!(&x.text[end..a.start], " (" | " ( ")
    }) {
        chain.push(json!({"start": map.char_offset(wide),
                          "end": map.char_offset(a.end), "form": "name"}));
    }
}

/// In the phrase convention, a name nested in a longer name (`United
/// States` in `the United States Navy`) is a mention of the entity of that
/// name: added to that entity's chain.
fn nested_names(
    x: &Extraction,
    entities: &[Entity],
    phrases: &[PhraseItem],
    cluster_of: &[usize],
    map: &OffsetMap,
    clusters: &mut [Value],
) {
    // Each name of an entity, by what makes two names one.
    let named: Vec<(usize, NameKey<'_>)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind != EntityKind::Group)
        .flat_map(|(i, e)| {
            e.names()
                .map(move |m| (i, name_key(&x.text[m.start..m.end], e.kind)))
        })
        .collect();
    let mut taken: HashSet<(usize, usize)> = entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
        .collect();
    for p in phrases.iter().filter(|p| p.nested) {
        let key = name_key(&x.text[p.start..p.end], p.kind);
        let Some(&(i, _)) = named
            .iter()
            .find(|(i, n)| *n == key && entities[*i].kind == p.kind)
        else {
            continue;
        };
        if taken.insert((p.start, p.end)) {
            if let Some(Value::Array(chain)) = clusters.get_mut(cluster_of[i]) {
                chain.push(json!({"start": map.char_offset(p.start),
                                  "end": map.char_offset(p.end), "form": "name"}));
            }
        }
    }
}

/// A day or month named more than once (`Tuesday` ... `Tuesday`) is one
/// referent too, as the corpora chain it: joined by the time layer's value.
fn day_chains(timex: &[Timex], map: &OffsetMap) -> Vec<Value> {
    let mut days: Vec<(&str, Vec<Value>)> = Vec::new();
    for t in timex {
        let named = t.text.len() >= 3
            && t.text.starts_with(|c: char| c.is_ascii_uppercase())
            && t.text.bytes().all(|b| b.is_ascii_alphabetic());
        // Dates only: two sentence-opening `Now` are not one referent.
        let dated = |v: &&str| v.starts_with(|c: char| c.is_ascii_digit());
        let Some(value) = t.value.as_deref().filter(dated).filter(|_| named) else {
            continue;
        };
        let m = json!({"start": map.char_offset(t.start), "end": map.char_offset(t.end),
                       "form": "name"});
        match days.iter_mut().find(|(v, _)| *v == value) {
            Some((_, chain)) => chain.push(m),
            None => days.push((value, vec![m])),
        }
    }
    days.into_iter()
        .filter(|(_, chain)| chain.len() >= 2)
        .map(|(_, chain)| Value::Array(chain))
        .collect()
}
