//! Corpus events: an article's events joined across the articles of one
//! story when they are of one kind (the verb they are of: `met` and
//! `meeting` are `meet`) and nothing tells them apart: the same polarity,
//! both real or both to come, dates no more than a day apart where both
//! texts give one, and, where both name their participants, one in common
//! (a statement, `said`, needs a common participant). Each field is merged
//! with its provenance: every article's actors, places, dates, figures and
//! codes are kept with the words that give them, and an article that gives
//! no date takes the one the others give, saying from which.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::events::{EventClass, Modality};

use super::record::{REvent, Record};
use super::stories::Sets;
use super::{
    make_id, ArticleDate, CorpusEntity, CorpusEvent, EventActor, EventFigure, Evidence, Sourced,
};

/// Events looked back at within one story and kind.
const WINDOW: usize = 64;

/// True for events said to have happened (or to hold), false for those to
/// come or only possible.
fn realis(m: Modality) -> bool {
    matches!(m, Modality::Asserted | Modality::Reported)
}

/// The day of a TIMEX3 value (`2023-11-05` of `2023-11-05TEV`).
fn day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

/// An article of a story as [`link_story`] reads it.
#[derive(Debug, Clone)]
pub(crate) struct Article<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its publication date.
    pub date: Option<NaiveDate>,
    /// Its events.
    pub events: &'a [REvent],
    /// The corpus entity of each of its entities: id and name.
    pub entities: Vec<(&'a str, &'a str)>,
}

/// The corpus events, sorted by id.
pub(crate) fn link(
    records: &[&Record],
    story_of: &[usize],
    story_ids: &[String],
    entities: &[CorpusEntity],
    entity_of: &[Vec<usize>],
) -> Vec<CorpusEvent> {
    let mut stories: Vec<Vec<Article<'_>>> = vec![Vec::new(); story_ids.len()];
    for (i, r) in records.iter().enumerate() {
        stories[story_of[i]].push(Article {
            id: &r.id,
            date: r.date,
            events: &r.events,
            entities: entity_of[i]
                .iter()
                .map(|&c| (entities[c].id.as_str(), entities[c].name.as_str()))
                .collect(),
        });
    }
    let mut out: Vec<CorpusEvent> = stories
        .iter()
        .zip(story_ids)
        .flat_map(|(articles, id)| link_story(articles, id))
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// The corpus events of one story (whose id is `story`), its articles in
/// the order of their ids.
pub(crate) fn link_story(articles: &[Article<'_>], story: &str) -> Vec<CorpusEvent> {
    let mut nodes: Vec<(usize, usize)> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        nodes.extend((0..a.events.len()).map(|j| (i, j)));
    }
    let ev = |n: usize| {
        let (i, j) = nodes[n];
        &articles[i].events[j]
    };
    // The corpus entities taking part in each event.
    let participants: Vec<BTreeSet<&str>> = nodes
        .iter()
        .map(|&(i, j)| {
            articles[i].events[j]
                .actors
                .iter()
                .filter_map(|a| a.entity.and_then(|e| articles[i].entities.get(e)))
                .map(|&(id, _)| id)
                .collect()
        })
        .collect();
    let mut blocks: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for n in 0..nodes.len() {
        blocks.entry(ev(n).family.as_str()).or_default().push(n);
    }
    let mut sets = Sets::new(nodes.len());
    for list in blocks.values() {
        for (p, &a) in list.iter().enumerate() {
            for &b in &list[p.saturating_sub(WINDOW)..p] {
                if nodes[a].0 != nodes[b].0
                    && compatible(ev(a), ev(b), &participants[a], &participants[b])
                {
                    sets.union(a, b);
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
        .iter()
        .map(|list| build(articles, &nodes, list, story))
        .collect()
}

/// Whether two events of one kind in one story, from two articles, can be
/// one happening.
fn compatible(a: &REvent, b: &REvent, pa: &BTreeSet<&str>, pb: &BTreeSet<&str>) -> bool {
    if a.polarity != b.polarity || realis(a.modality) != realis(b.modality) {
        return false;
    }
    if let (Some(da), Some(db)) = (
        a.date.as_ref().and_then(|d| day(&d.0)),
        b.date.as_ref().and_then(|d| day(&d.0)),
    ) {
        if (da - db).num_days().abs() > 1 {
            return false;
        }
    }
    let shared = pa.intersection(pb).next().is_some();
    if a.class == EventClass::Reporting || b.class == EventClass::Reporting {
        return shared;
    }
    shared || pa.is_empty() || pb.is_empty()
}

/// The corpus event of a group of article events.
fn build(
    articles: &[Article<'_>],
    nodes: &[(usize, usize)],
    list: &[usize],
    story: &str,
) -> CorpusEvent {
    let (fi, fj) = nodes[list[0]];
    let first = &articles[fi].events[fj];
    let mut mentions: Vec<Evidence> = Vec::new();
    let mut actors: Vec<EventActor> = Vec::new();
    let mut places: BTreeMap<(u8, String), Vec<Evidence>> = BTreeMap::new();
    let mut dates: BTreeMap<String, Vec<Evidence>> = BTreeMap::new();
    let mut codes: BTreeMap<String, Vec<Evidence>> = BTreeMap::new();
    let mut figures: Vec<EventFigure> = Vec::new();
    // Each article's own day, and the articles in order.
    let mut own: BTreeMap<&str, Option<String>> = BTreeMap::new();
    let mut published: BTreeMap<&str, Option<NaiveDate>> = BTreeMap::new();
    for &n in list {
        let (i, j) = nodes[n];
        let r = &articles[i];
        let e = &r.events[j];
        let at = |start: usize, end: usize, text: &str| Evidence {
            article: r.id.to_string(),
            start,
            end,
            text: text.to_string(),
        };
        for m in &e.mentions {
            mentions.push(at(m.0, m.1, &m.2));
        }
        let trigger = e
            .mentions
            .first()
            .map(|m| at(m.0, m.1, &m.2))
            .unwrap_or_else(|| at(0, 0, ""));
        for a in &e.actors {
            let entity = a.entity.and_then(|x| r.entities.get(x).copied());
            let evidence = at(a.start, a.end, &a.text);
            let found = actors.iter_mut().find(|x| {
                x.side == a.side.as_str()
                    && match entity {
                        Some((id, _)) => x.entity.as_deref() == Some(id),
                        None => x.entity.is_none() && x.name == a.text,
                    }
            });
            match found {
                Some(x) => x.sources.push(evidence),
                None => actors.push(EventActor {
                    side: a.side.as_str().to_string(),
                    entity: entity.map(|(id, _)| id.to_string()),
                    name: entity.map_or(a.text.clone(), |(_, name)| name.to_string()),
                    sources: vec![evidence],
                }),
            }
        }
        if let Some(p) = &e.place {
            let evidence = match (p.start, p.end) {
                (Some(s), Some(t)) => at(s, t, &p.name),
                _ => trigger.clone(),
            };
            places
                .entry((p.rank, p.name.clone()))
                .or_default()
                .push(evidence);
        }
        let mut day_here = None;
        if let Some(d) = &e.date {
            let evidence = match (d.2, d.3) {
                (Some(s), Some(t)) => at(s, t, d.1.as_deref().unwrap_or_default()),
                _ => trigger.clone(),
            };
            dates.entry(d.0.clone()).or_default().push(evidence);
            day_here = day(&d.0).map(|x| x.to_string());
        }
        published.insert(r.id, r.date);
        let slot = own.entry(r.id).or_insert(None);
        if slot.is_none() {
            *slot = day_here;
        }
        if let Some(c) = &e.code {
            codes.entry(c.clone()).or_default().push(trigger.clone());
        }
        for f in &e.figures {
            figures.push(EventFigure {
                text: f.text.clone(),
                value: f.value,
                low: f.low,
                high: f.high,
                unit: f.unit.clone(),
                category: f.category.clone(),
                counted: f.counted.clone(),
                date: f.date.clone(),
                said_by: f.source.clone(),
                published: r.date,
                source: at(f.start, f.end, &f.text),
            });
        }
    }
    mentions.sort();
    mentions.dedup();
    // The day: the one the most articles give, the earliest of equals.
    let mut tally: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for (article, d) in &own {
        if let Some(d) = d {
            let t = tally.entry(d.as_str()).or_insert((0, article));
            t.0 += 1;
        }
    }
    let chosen = tally
        .iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.0.cmp(a.0)))
        .map(|(d, (_, from))| (d.to_string(), from.to_string()));
    let dated = own
        .iter()
        .map(|(article, d)| {
            let (date, taken_from) = match (d, &chosen) {
                (Some(d), _) => (Some(d.clone()), None),
                (None, Some((d, from))) => (Some(d.clone()), Some(from.clone())),
                (None, None) => (None, None),
            };
            ArticleDate {
                article: article.to_string(),
                published: published.get(article).copied().flatten(),
                date,
                taken_from,
            }
        })
        .collect();
    // The place: the most precise, then the most given.
    let place = places
        .iter()
        .min_by(|a, b| a.0 .0.cmp(&b.0 .0).then(b.1.len().cmp(&a.1.len())))
        .map(|((_, name), _)| name.clone());
    let sourced = |m: BTreeMap<String, Vec<Evidence>>| -> Vec<Sourced> {
        m.into_iter()
            .map(|(value, sources)| Sourced { value, sources })
            .collect()
    };
    let mut place_list: BTreeMap<String, Vec<Evidence>> = BTreeMap::new();
    for ((_, name), sources) in places {
        place_list.entry(name).or_default().extend(sources);
    }
    let anchor = mentions.first().cloned().unwrap_or(Evidence {
        article: articles[fi].id.to_string(),
        start: 0,
        end: 0,
        text: String::new(),
    });
    CorpusEvent {
        id: make_id(
            "event",
            &format!("{}|{}|{}", anchor.article, anchor.start, anchor.end),
        ),
        story: story.to_string(),
        kind: first.family.clone(),
        class: first.class,
        polarity: first.polarity,
        modality: first.modality,
        mentions,
        actors,
        place,
        places: sourced(place_list),
        date: chosen.map(|(d, _)| d),
        dates: sourced(dates),
        articles: dated,
        figures,
        codes: sourced(codes),
    }
}
