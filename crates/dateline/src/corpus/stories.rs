//! Stories: articles grouped by the story they tell. Each article is a
//! weighted set of keys (the people, organisations and places it names,
//! the kinds of events it tells); two articles that share keys rare in the
//! corpus, within a week of each other, are one story (cosine of their
//! key weights times the keys' inverse document frequency). Articles meet
//! only through a shared key, and within each key only the nearest in time
//! (a bounded window), so the work grows with the articles, not with
//! their pairs.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::entities::EntityKind;
use crate::events::EventClass;

use super::record::Record;
use super::{make_id, names, CorpusEntity, CorpusEvent, Story};

/// Least cosine for two articles to be one story.
pub(crate) const THRESHOLD: f64 = 0.22;
/// Most articles one article joins directly (its best matches): bounds
/// chaining through articles that touch several stories.
pub(crate) const NEIGHBOURS: usize = 2;

/// Most days between two articles of one story.
pub(crate) const MAX_DAYS: i64 = 7;
/// Neighbours looked at on each side within one key's articles.
pub(crate) const WINDOW: usize = 40;

/// The keys of an article with their weights.
pub(crate) fn keys(r: &Record) -> BTreeMap<String, f64> {
    let mut out: BTreeMap<String, f64> = BTreeMap::new();
    for e in &r.entities {
        if e.named == 0 || e.key.is_empty() {
            continue;
        }
        let (key, weight) = match e.kind {
            EntityKind::Person => match names::surname(&e.key) {
                Some(s) => (format!("p:{s}"), 2.0),
                None => continue,
            },
            EntityKind::Organisation => (format!("o:{}", e.key), 1.5),
            EntityKind::Place => (format!("l:{}", e.key), 1.0),
            _ => (format!("x:{}", e.key), 0.5),
        };
        let w = weight * (1.0 + (e.named as f64).ln());
        *out.entry(key).or_insert(0.0) += w;
    }
    for e in &r.events {
        if e.class == EventClass::Reporting {
            continue;
        }
        *out.entry(format!("e:{}", e.family)).or_insert(0.0) += 0.5 * e.mentions.len() as f64;
    }
    out
}

/// A key's weight in an article of `n`, `df` of which have it.
pub(crate) fn idf(weight: f64, n: usize, df: usize) -> f64 {
    weight * (((n as f64 + 1.0) / (df as f64 + 1.0)).ln() + 1.0)
}

/// True for two articles too far apart in time to be one story.
pub(crate) fn apart(a: Option<NaiveDate>, b: Option<NaiveDate>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if (a - b).num_days().abs() > MAX_DAYS)
}

/// Union-find with path halving.
pub(crate) struct Sets(Vec<usize>);

impl Sets {
    pub(crate) fn new(n: usize) -> Sets {
        Sets((0..n).collect())
    }

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    /// Joins two sets; the smaller root stays, so roots do not depend on
    /// the order of joins.
    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            self.0[hi] = lo;
        }
    }

    /// Each element's group, groups numbered by their first element.
    pub(crate) fn groups(&mut self) -> Vec<usize> {
        let n = self.0.len();
        let mut number: HashMap<usize, usize> = HashMap::new();
        (0..n)
            .map(|i| {
                let root = self.find(i);
                let next = number.len();
                *number.entry(root).or_insert(next)
            })
            .collect()
    }
}

/// A key of an article's vector: the key's number (keys numbered in the
/// order of their text) and its weight.
#[derive(Debug, Clone, Copy)]
struct Entry {
    key: u32,
    weight: f64,
}

/// The story of each record (records sorted by id): story numbers in the
/// order of their first record.
pub(crate) fn cluster(records: &[&Record]) -> Vec<usize> {
    let mut rows = KeyRows::default();
    for r in records {
        rows.push(r);
    }
    let identity: Vec<u32> = (0..records.len() as u32).collect();
    rows.cluster(&identity)
}

/// The weighted keys and date of each of a corpus's articles, compactly
/// (keys as numbers; about 20 bytes a key): what [`cluster`] reads, kept
/// by a linker that does not keep the records.
#[derive(Debug, Default)]
pub(crate) struct KeyRows {
    numbers: HashMap<String, u32>,
    entries: Vec<Entry>,
    starts: Vec<usize>,
    dates: Vec<Option<NaiveDate>>,
}

impl KeyRows {
    /// Adds an article's row.
    pub(crate) fn push(&mut self, r: &Record) {
        self.starts.push(self.entries.len());
        self.dates.push(r.date);
        for (k, weight) in keys(r) {
            let next = self.numbers.len() as u32;
            let key = *self.numbers.entry(k).or_insert(next);
            self.entries.push(Entry { key, weight });
        }
    }

    /// The story of each article in the order of ids (`sorted[i]`: the row
    /// of the i-th article in that order; rows as pushed), numbered in the
    /// order of their first article: [`cluster`].
    pub(crate) fn cluster(self, sorted: &[u32]) -> Vec<usize> {
        let KeyRows {
            numbers,
            entries: kept,
            mut starts,
            dates: kept_dates,
        } = self;
        starts.push(kept.len());
        let n = sorted.len();
        let kept_row = |i: u32| {
            let at = sorted[i as usize] as usize;
            &kept[starts[at]..starts[at + 1]]
        };
        // Rows: the articles in date order (undated first), then by id, the
        // order in which they meet; vectors are kept in that order, so that
        // articles near in time are near in memory.
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by_key(|&i| (kept_dates[sorted[i as usize] as usize], i));
        let dates: Vec<_> = (order.iter())
            .map(|&i| kept_dates[sorted[i as usize] as usize])
            .collect();
        drop(kept_dates);
        // Keys renumbered in the order of their text, so that a vector in
        // key order is in number order and sums run in the same order as
        // over the keys' text.
        let mut texts: Vec<(String, u32)> = numbers.into_iter().collect();
        texts.sort_unstable();
        let mut rank = vec![0u32; texts.len()];
        for (r, (_, k)) in texts.iter().enumerate() {
            rank[*k as usize] = r as u32;
        }
        drop(texts);
        let mut entries: Vec<Entry> = Vec::with_capacity(kept.len());
        let mut starts: Vec<usize> = Vec::with_capacity(n + 1);
        for &i in &order {
            starts.push(entries.len());
            entries.extend(kept_row(i).iter().map(|e| Entry {
                key: rank[e.key as usize],
                weight: e.weight,
            }));
        }
        starts.push(entries.len());
        drop(kept);
        // Postings: each key's rows, in row order (date, then id).
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); rank.len()];
        drop(rank);
        // Each entry's position in its key's postings.
        let mut positions: Vec<u32> = Vec::with_capacity(entries.len());
        for row in 0..n {
            for e in &entries[starts[row]..starts[row + 1]] {
                let list = &mut postings[e.key as usize];
                positions.push(list.len() as u32);
                list.push(row as u32);
            }
        }
        for e in entries.iter_mut() {
            e.weight = idf(e.weight, n, postings[e.key as usize].len());
        }
        links(&order, &dates, &entries, &starts, &postings, &positions)
    }
}

/// The stories of rows (articles in date order; `order[row]`: the
/// article's place in the order of ids) from their vectors and each key's
/// postings: each row compared with its neighbours in each of its keys'
/// postings, joined to its best matches.
fn links(
    order: &[u32],
    dates: &[Option<NaiveDate>],
    entries: &[Entry],
    starts: &[usize],
    postings: &[Vec<u32>],
    positions: &[u32],
) -> Vec<usize> {
    let n = order.len();
    let vector = |row: usize| &entries[starts[row]..starts[row + 1]];
    let norms: Vec<f64> = (0..n)
        .map(|row| {
            vector(row)
                .iter()
                .map(|e| e.weight * e.weight)
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    // Each article's best matches above the threshold.
    let mut edges: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
    let mut candidates: Vec<u32> = Vec::new();
    for row in 0..n {
        let i = order[row] as usize;
        candidates.clear();
        for (at, e) in (starts[row]..).zip(vector(row)) {
            let list = &postings[e.key as usize];
            if list.len() < 2 {
                continue;
            }
            let p = positions[at] as usize;
            let lo = p.saturating_sub(WINDOW);
            let hi = (p + WINDOW + 1).min(list.len());
            candidates.extend(
                list[lo..hi]
                    .iter()
                    .copied()
                    .filter(|&other| order[other as usize] as usize > i),
            );
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &other in &candidates {
            let other = other as usize;
            if apart(dates[row], dates[other]) {
                continue;
            }
            let (vi, vj) = (vector(row), vector(other));
            let (small, large) = if vi.len() <= vj.len() {
                (vi, vj)
            } else {
                (vj, vi)
            };
            // Both in key order: one pass over each.
            let mut at = 0;
            let dot: f64 = small
                .iter()
                .filter_map(|e| {
                    while at < large.len() && large[at].key < e.key {
                        at += 1;
                    }
                    (at < large.len() && large[at].key == e.key)
                        .then(|| e.weight * large[at].weight)
                })
                .sum();
            let denom = norms[row] * norms[other];
            if denom > 0.0 && dot / denom >= THRESHOLD {
                let j = order[other] as usize;
                edges[i].push((dot / denom, j));
                edges[j].push((dot / denom, i));
            }
        }
    }
    let mut sets = Sets::new(n);
    let keep = NEIGHBOURS;
    for (i, list) in edges.iter_mut().enumerate() {
        list.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, j) in list.iter().take(keep) {
            sets.union(i, j);
        }
    }
    sets.groups()
}

/// A corpus entity as a story's label reads it: how many of its mentions
/// are in the story, its id, kind and name.
pub(crate) type Named<'a> = (usize, &'a str, EntityKind, &'a str);

/// The stories, with their labels, dates, entities and events.
pub(crate) fn build(
    records: &[&Record],
    story_of: &[usize],
    story_ids: &[String],
    entities: &[CorpusEntity],
    events: &[CorpusEvent],
) -> Vec<Story> {
    let count = story_ids.len();
    let mut articles: Vec<Vec<(&str, Option<NaiveDate>)>> = vec![Vec::new(); count];
    for (i, r) in records.iter().enumerate() {
        articles[story_of[i]].push((&r.id, r.date));
    }
    // Entities by how often the story mentions them: one pass over the
    // mentions, each counted for its article's story.
    let story_of_article: HashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), story_of[i]))
        .collect();
    let mut counts: Vec<Vec<Named<'_>>> = vec![Vec::new(); count];
    for e in entities {
        let mut per: BTreeMap<usize, usize> = BTreeMap::new();
        for m in &e.mentions {
            if let Some(&s) = story_of_article.get(m.article.as_str()) {
                *per.entry(s).or_insert(0) += 1;
            }
        }
        for (s, n) in per {
            counts[s].push((n, &e.id, e.kind, &e.name));
        }
    }
    let index: HashMap<&str, usize> = story_ids
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut by_story: Vec<Vec<&CorpusEvent>> = vec![Vec::new(); count];
    for e in events {
        if let Some(&s) = index.get(e.story.as_str()) {
            by_story[s].push(e);
        }
    }
    let mut stories: Vec<Story> = (articles.iter().zip(counts).zip(by_story))
        .zip(story_ids)
        .map(|(((articles, counts), events), id)| build_one(id, articles, counts, events))
        .collect();
    stories.sort_by(|a, b| a.id.cmp(&b.id));
    stories
}

/// One story: its articles (id and date, by id), its corpus entities
/// with their mentions in it, and its corpus events.
pub(crate) fn build_one(
    id: &str,
    articles: &[(&str, Option<NaiveDate>)],
    mut entities: Vec<Named<'_>>,
    events: Vec<&CorpusEvent>,
) -> Story {
    let mut s = Story {
        id: id.to_string(),
        label: String::new(),
        first: None,
        last: None,
        articles: articles.iter().map(|(a, _)| a.to_string()).collect(),
        entities: Vec::new(),
        events: Vec::new(),
    };
    for d in articles.iter().filter_map(|(_, d)| *d) {
        s.first = Some(s.first.map_or(d, |f| f.min(d)));
        s.last = Some(s.last.map_or(d, |l| l.max(d)));
    }
    entities.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    s.entities = entities.iter().map(|e| e.1.to_string()).collect();
    let people: Vec<&str> = entities
        .iter()
        .filter(|e| e.2 == EntityKind::Person)
        .take(2)
        .map(|e| e.3)
        .collect();
    let names: Vec<&str> = if people.is_empty() {
        entities.iter().take(2).map(|e| e.3).collect()
    } else {
        people
    };
    s.label = names.join(", ");
    // Events: those told by most articles first.
    let mut list: Vec<(usize, &CorpusEvent)> =
        events.into_iter().map(|e| (e.articles.len(), e)).collect();
    list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
    // The main event: told by the most articles, then coded as an
    // interaction, then with the most sides (`meet` over `effort`).
    let main = list
        .iter()
        .filter(|(_, e)| e.class != EventClass::Reporting)
        .min_by(|a, b| {
            let rank = |(n, e): &(usize, &CorpusEvent)| {
                (
                    std::cmp::Reverse(*n),
                    e.codes.is_empty(),
                    std::cmp::Reverse(e.actors.len()),
                )
            };
            rank(a).cmp(&rank(b)).then(a.1.id.cmp(&b.1.id))
        });
    if let Some((n, main)) = main {
        if *n > 1 || s.label.is_empty() {
            s.label = if s.label.is_empty() {
                main.kind.clone()
            } else {
                format!("{}: {}", main.kind, s.label)
            };
        }
    }
    s.events = list.iter().map(|(_, e)| e.id.clone()).collect();
    s
}

/// The id of the story whose first article (by id) is `article`.
pub(crate) fn story_id(article: &str) -> String {
    make_id("story", article)
}

/// The id of each story number: that of its first record.
pub(crate) fn ids(records: &[&Record], story_of: &[usize]) -> Vec<String> {
    let count = story_of.iter().copied().max().map_or(0, |m| m + 1);
    let mut out = vec![String::new(); count];
    for (i, &s) in story_of.iter().enumerate() {
        if out[s].is_empty() {
            out[s] = story_id(&records[i].id);
        }
    }
    out
}
