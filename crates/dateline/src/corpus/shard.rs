//! Linking split over workers: the same stories, entities and events as a
//! [`Corpus`](super::Corpus), computed as a few keyed steps that a cluster
//! (Dask, Spark) runs where the records are, so that no process holds
//! every record.
//!
//! Linking a corpus is a chain of [`Stage`]s. Each stage reads items
//! under a key (a story key, an article, a group of articles, a story, an
//! entity's home) and gives the items of later stages, each under its key:
//! a map-reduce that any engine with a shuffle runs. Items travel in
//! [`Batch`]es: the items of one stage whose keys fall in one of
//! [`Plan::groups`] groups, as bytes, so that a shuffle moves a few large
//! values, not millions of small ones; [`step`] runs a stage over the
//! batches of one group. Two steps are maps over the records ([`first`],
//! then [`second`] once every article's story is known) and two gather in
//! one process what is small: the joins between articles ([`stories`], at
//! most two per article) and the output ([`finish`]).
//!
//! 1. [`first`] (each record): its story keys (`Postings`, keyed by key),
//!    their weights (`Vectors`, keyed by article), the article
//!    (`Stories`).
//! 2. `Postings` (each key): how many articles have it, and the pairs of
//!    articles near in time it brings together (`Vectors`).
//! 3. `Vectors` (each article): its key weights, sent once to each group
//!    of articles it is to be compared with (`Pairs`).
//! 4. `Pairs` (each group of articles): the cosines, kept above the
//!    threshold (`Edges`, to both articles).
//! 5. `Edges` (each article): its best matches (`Stories`).
//! 6. [`stories`] (one process): the joins as stories: a [`StoryMap`] from
//!    article to story, which [`second`] reads.
//! 7. [`second`] (each record): its entities (`Homes`, keyed by story),
//!    its events and the article (`Build`, keyed by story; `Done`).
//! 8. `Homes` (each story): each entity's home, where every join it can
//!    make is (`Entities`).
//! 9. `Entities` (each home): the corpus entities (`Done`), and for each
//!    story the corpus entity of each of its article entities and how many
//!    mentions each has in it (`Build`).
//! 10. `Build` (each story): its corpus events and the story (`Done`).
//! 11. [`finish`] (one process): the [`Linked`](super::Linked) output.
//!
//! Every step sorts what it gets before it reads it, so the result does not
//! depend on how the records were split, on the number of groups or on the
//! order batches arrive in; [`run`] is the whole chain in one process, and
//! equals [`Corpus::linked`](super::Corpus::linked) on the same records
//! (tested). Numbers that decide stories travel as their exact bits.
//! Articles are told apart by id, date and content; in `Vectors` and
//! `Pairs` by a 64-bit hash of those (a corpus of ten million articles has
//! two that share one with a chance of about one in a million).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::entities::EntityKind;
use crate::span::OffsetMap;

use super::entities::{self, FullNames, Node};
use super::events::{self, Article};
use super::record::{REntity, REvent, Record};
use super::stories::{self, Sets};
use super::{CorpusEntity, CorpusEvent, Output, Story};

/// A step of sharded linking (see the [module](self) documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Each story key's articles.
    Postings,
    /// Each article's key weights.
    Vectors,
    /// Each group's articles, and the weights of those they are compared
    /// with.
    Pairs,
    /// Each article's matches.
    Edges,
    /// The joins between articles: gathered by [`stories`].
    Stories,
    /// Each story's entities.
    Homes,
    /// Each home's entities.
    Entities,
    /// Each story's articles, events and entity counts.
    Build,
    /// The output: gathered by [`finish`].
    Done,
}

impl Stage {
    /// The stages that [`step`] runs, in order ([`stories`] runs between
    /// `Edges` and `Homes`, [`second`] after it).
    pub const STEPS: [Stage; 7] = [
        Stage::Postings,
        Stage::Vectors,
        Stage::Pairs,
        Stage::Edges,
        Stage::Homes,
        Stage::Entities,
        Stage::Build,
    ];

    /// Its name (`postings`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Postings => "postings",
            Stage::Vectors => "vectors",
            Stage::Pairs => "pairs",
            Stage::Edges => "edges",
            Stage::Stories => "stories",
            Stage::Homes => "homes",
            Stage::Entities => "entities",
            Stage::Build => "build",
            Stage::Done => "done",
        }
    }

    /// The stage of a name; `None` for an unknown name.
    pub fn from_name(name: &str) -> Option<Stage> {
        (Stage::STEPS.into_iter())
            .chain([Stage::Stories, Stage::Done])
            .find(|s| s.as_str() == name)
    }
}

/// A value that travels as its exact bits.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bits(f64);

impl Serialize for Bits {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0.to_bits())
    }
}

impl<'de> Deserialize<'de> for Bits {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Bits, D::Error> {
        u64::deserialize(d).map(|b| Bits(f64::from_bits(b)))
    }
}

/// An article as linking orders them: by id, then date, then content
/// (it travels as a triple).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(
    from = "(String, Option<NaiveDate>, u64)",
    into = "(String, Option<NaiveDate>, u64)"
)]
struct Ref {
    id: String,
    date: Option<NaiveDate>,
    print: u64,
}

impl From<(String, Option<NaiveDate>, u64)> for Ref {
    fn from((id, date, print): (String, Option<NaiveDate>, u64)) -> Ref {
        Ref { id, date, print }
    }
}

impl From<Ref> for (String, Option<NaiveDate>, u64) {
    fn from(r: Ref) -> Self {
        (r.id, r.date, r.print)
    }
}

impl Ref {
    fn of(r: &Record) -> Ref {
        Ref {
            id: r.id.clone(),
            date: r.date,
            print: r.fingerprint(),
        }
    }

    /// Its handle: a 64-bit hash of its key (two articles of one corpus
    /// share one with a chance of about n² / 2^65).
    fn handle(&self) -> u64 {
        super::fnv(self.key().as_bytes())
    }

    /// The key items about this article are grouped by.
    fn key(&self) -> String {
        let date = self.date.map(|d| d.to_string()).unwrap_or_default();
        format!("{}\u{1f}{date}\u{1f}{:016x}", self.id, self.print)
    }
}

/// An article entity on its way to its home.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entity {
    article: Ref,
    /// Its position in its article.
    at: usize,
    /// Its story's first article.
    story: Ref,
    entity: REntity,
    /// What is around it in its article, for full names of people.
    around: Vec<String>,
    /// Whether its article tells events (which read its corpus entity).
    told: bool,
}

/// What one item carries.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Data {
    /// An article has a story key.
    Posting(Ref),
    /// An article's story keys and their weights before IDF.
    Keys(Ref, Vec<(String, Bits)>),
    /// How many articles have each of some keys of an article, and the
    /// handles of the articles (after it) to compare it with.
    Posted {
        dfs: Vec<(u64, usize)>,
        asks: Vec<(u64, u64)>,
    },
    /// An article's weighted keys (in key order) and their norm, and the
    /// articles of the group it is sent to that it is compared with (none
    /// for the article's own, sent to its own group).
    Vector {
        article: Ref,
        keys: Vec<(String, Bits)>,
        norm: Bits,
        partners: Vec<u64>,
        own: bool,
    },
    /// A match above the threshold: its cosine, the article and the one
    /// it matches.
    Edge(Bits, Ref, Ref),
    /// An article of the corpus.
    Article(Ref),
    /// Two articles of one story.
    Join(Ref, Ref),
    /// An article entity.
    Entity(Box<Entity>),
    /// An article's events.
    Events { article: Ref, events: Vec<REvent> },
    /// The corpus entity (id, name) of an article's entity at `at`.
    Link {
        article: Ref,
        at: usize,
        id: String,
        name: String,
    },
    /// An article of a story.
    Stub(Ref),
    /// How many mentions a corpus entity has in a story.
    Count {
        n: usize,
        id: String,
        kind: EntityKind,
        name: String,
    },
    /// Output: an article's offsets.
    Offsets(String, OffsetMap),
    /// Output: a corpus entity.
    CorpusEntity(Box<CorpusEntity>),
    /// Output: a corpus event.
    CorpusEvent(Box<CorpusEvent>),
    /// Output: a story.
    Story(Box<Story>),
}

/// Key counts and asks of an article, from `Postings`.
type Posted = (Vec<(u64, usize)>, BTreeSet<(u64, u64)>);

/// An article's weighted keys, in key order.
type Weights = Vec<(String, Bits)>;

/// One item: for a stage, under a key, what it carries.
#[derive(Debug, Clone)]
struct Item {
    stage: Stage,
    key: String,
    data: Data,
}

fn item(stage: Stage, key: String, data: Data) -> Item {
    Item { stage, key, data }
}

/// Items of one stage whose keys fall in one group, as bytes: what
/// travels between workers. A step reads the batches of one group.
#[derive(Debug, Clone)]
pub struct Batch {
    /// The stage that reads it.
    pub stage: Stage,
    /// The group of its items' keys (below [`Plan::groups`]; for `Done`,
    /// see [`Plan::buckets`]): the key a shuffle groups batches by.
    pub group: usize,
    /// Its items (MessagePack), for this version of dateline only.
    pub bytes: Vec<u8>,
}

/// The group of a key.
fn group_of(key: &str, plan: &Plan) -> usize {
    (super::fnv(key.as_bytes()) % plan.groups.max(1) as u64) as usize
}

/// The group of an output item (stage `Done`): stories, then entities,
/// then events, each kind in [`Plan::buckets`] groups by ranges of their
/// ids, so that the groups read in order, each sorted, give the output in
/// its order; the articles' offsets last.
fn done_group(data: &Data, plan: &Plan) -> usize {
    let n = plan.buckets();
    match data {
        Data::Story(s) => bucket(&s.id, "story-", n),
        Data::CorpusEntity(e) => n + bucket(&e.id, "entity-", n),
        Data::CorpusEvent(e) => 2 * n + bucket(&e.id, "event-", n),
        _ => 3 * n,
    }
}

/// How many articles' worth one group of output is for (see
/// [`Plan::buckets`]), and one group of a step of a bounded linker.
pub(super) const BUCKET_ARTICLES: usize = 4096;

/// The bucket, of `n` (a power of 16), of an id that opens with `prefix`
/// then hex digits (ids made otherwise go first or last, by how they sort
/// against the prefix): it never decreases as ids increase.
fn bucket(id: &str, prefix: &str, n: usize) -> usize {
    let Some(rest) = id.strip_prefix(prefix) else {
        return if id < prefix { 0 } else { n - 1 };
    };
    let digits = n.trailing_zeros() as usize / 4;
    let bytes = rest.as_bytes();
    // After a byte that is not a hex digit, every id that continues this
    // way sorts after (or before) all those that continue with digits.
    let mut fill = None;
    (0..digits).fold(0, |b, i| {
        let digit = fill.unwrap_or_else(|| {
            let (digit, then) = hex_rank(bytes.get(i).copied());
            fill = then;
            digit
        });
        b * 16 + usize::from(digit)
    })
}

/// A byte's rank among hex digits, never decreasing with the byte (a
/// missing byte first), and what the digits after it are to be: `0` to
/// `9` and `a` to `f` their value, the digits after still to read; a byte
/// between two digits that of the lower, all digits after it 15; one
/// below `0`, or none, 0 and 0 after.
fn hex_rank(b: Option<u8>) -> (u8, Option<u8>) {
    match b {
        Some(b @ b'0'..=b'9') => (b - b'0', None),
        Some(b @ b'a'..=b'f') => (b - b'a' + 10, None),
        Some(b':'..=b'`') => (9, Some(15)),
        Some(b'g'..=u8::MAX) => (15, Some(15)),
        _ => (0, Some(0)),
    }
}

/// Items as batches, one per stage and group.
fn pack(items: Vec<Item>, plan: &Plan) -> Vec<Batch> {
    let mut by: BTreeMap<(Stage, usize), Vec<(String, Data)>> = BTreeMap::new();
    for it in items {
        let group = if it.stage == Stage::Done {
            done_group(&it.data, plan)
        } else {
            group_of(&it.key, plan)
        };
        by.entry((it.stage, group))
            .or_default()
            .push((it.key, it.data));
    }
    by.into_iter()
        .map(|((stage, group), items)| Batch {
            stage,
            group,
            // Items between steps as arrays (no field names: half the
            // bytes); the output's as maps, as its types leave out empty
            // fields. Both read back the same way.
            bytes: if stage == Stage::Done {
                rmp_serde::to_vec_named(&items)
            } else {
                rmp_serde::to_vec(&items)
            }
            .unwrap_or_default(),
        })
        .collect()
}

/// The items of batches, by key.
fn unpack<B: AsRef<[u8]>>(batches: &[B]) -> Result<BTreeMap<String, Vec<Data>>, crate::Error> {
    let mut out: BTreeMap<String, Vec<Data>> = BTreeMap::new();
    for b in batches {
        let items: Vec<(String, Data)> = rmp_serde::from_slice(b.as_ref()).map_err(|e| {
            crate::Error::Config(format!(
                "not a batch of sharded linking of this version of dateline: {e}"
            ))
        })?;
        for (key, data) in items {
            out.entry(key).or_default().push(data);
        }
    }
    Ok(out)
}

/// Which story each article is in: made by [`stories`], read by
/// [`second`]. It travels as bytes too.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoryMap(BTreeMap<String, Ref>);

impl StoryMap {
    /// Its bytes (MessagePack), to ship.
    pub fn to_bytes(&self) -> Vec<u8> {
        rmp_serde::to_vec_named(self).unwrap_or_default()
    }

    /// Reads bytes made by [`StoryMap::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<StoryMap, crate::Error> {
        rmp_serde::from_slice(bytes)
            .map_err(|e| crate::Error::Config(format!("not a story map of dateline: {e}")))
    }

    /// How many articles it places.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when it places no article.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The story map of articles in linking's order (id, date, fingerprint,
/// sorted) from their stories as [`stories::cluster`] numbers them (in
/// the order of their first article): what [`stories`] makes from the
/// steps before it, made in one process by a linker that clustered the
/// articles itself.
pub(super) fn story_map(
    articles: &[(String, Option<NaiveDate>, u64)],
    story_of: &[usize],
) -> StoryMap {
    let mut first: Vec<usize> = Vec::new();
    let mut map = BTreeMap::new();
    for (i, (id, date, print)) in articles.iter().enumerate() {
        let story = story_of[i];
        if story == first.len() {
            first.push(i);
        }
        let (fid, fdate, fprint) = &articles[first[story]];
        let me = Ref {
            id: id.clone(),
            date: *date,
            print: *print,
        };
        let of = Ref {
            id: fid.clone(),
            date: *fdate,
            print: *fprint,
        };
        map.insert(me.key(), of);
    }
    StoryMap(map)
}

/// The first map, over each worker's records: the batches of `Postings`,
/// `Vectors` and `Stories`.
pub fn first(records: &[Record], plan: &Plan) -> Vec<Batch> {
    let mut out = Vec::new();
    for r in records {
        let me = Ref::of(r);
        let keys = stories::keys(r);
        for k in keys.keys() {
            out.push(item(Stage::Postings, k.clone(), Data::Posting(me.clone())));
        }
        let keys = keys.into_iter().map(|(k, w)| (k, Bits(w))).collect();
        out.push(item(Stage::Vectors, me.key(), Data::Keys(me.clone(), keys)));
        out.push(item(Stage::Stories, String::new(), Data::Article(me)));
    }
    pack(out, plan)
}

/// What every step is told about the whole run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// How many records the corpus has (the sum over the workers).
    pub articles: usize,
    /// How many groups each stage's items are spread over (a shuffle's
    /// partitions; each article's weights travel once to each group that
    /// holds articles it is compared with); any number gives the same
    /// result.
    pub groups: usize,
}

impl Plan {
    /// How many groups of output each kind (stories, entities, events) is
    /// spread over, by ranges of ids: 16 to the power of 0 to 3, about one
    /// for every 4,096 articles (or groups' worth of articles, whichever
    /// is more). A group of `Done` is one kind's bucket: its kind times
    /// this plus its bucket, the articles' offsets in the group after the
    /// last kind's.
    pub fn buckets(&self) -> usize {
        let articles = self.articles.max(self.groups * BUCKET_ARTICLES);
        let mut n = 1;
        while n < 4096 && articles > BUCKET_ARTICLES * n {
            n *= 16;
        }
        n
    }
}

/// Runs one stage over the batches of one group (of that stage): the
/// batches of later stages.
pub fn step<B: AsRef<[u8]>>(
    stage: Stage,
    batches: &[B],
    plan: &Plan,
) -> Result<Vec<Batch>, crate::Error> {
    let mut out = Vec::new();
    if stage == Stage::Postings {
        // One item per article of the group's keys, its asks merged.
        let mut per: BTreeMap<String, Posted> = BTreeMap::new();
        for (key, data) in unpack(batches)? {
            postings(&key, data, &mut per, plan);
        }
        for (article, (dfs, asks)) in per {
            let asks = asks.into_iter().collect();
            out.push(item(Stage::Vectors, article, Data::Posted { dfs, asks }));
        }
        return Ok(pack(out, plan));
    }
    for data in unpack(batches)?.into_values() {
        out.extend(step_key(stage, data, plan));
    }
    Ok(pack(out, plan))
}

/// Runs one stage over the items of one key.
fn step_key(stage: Stage, data: Vec<Data>, plan: &Plan) -> Vec<Item> {
    match stage {
        Stage::Vectors => vectors(data, plan),
        Stage::Pairs => pairs(data),
        Stage::Edges => edges(data),
        Stage::Homes => homes(data),
        Stage::Entities => entities(data),
        Stage::Build => build(data),
        Stage::Postings | Stage::Stories | Stage::Done => Vec::new(),
    }
}

/// `Postings`: the articles of one key in time order, each compared with
/// its neighbours: adds to each article's key counts and asks.
fn postings(key: &str, data: Vec<Data>, per: &mut BTreeMap<String, Posted>, plan: &Plan) {
    let mut list: Vec<(Option<NaiveDate>, Ref)> = data
        .into_iter()
        .filter_map(|d| match d {
            Data::Posting(r) => Some((r.date, r)),
            _ => None,
        })
        .collect();
    list.sort();
    // Each article's key and handle, made once.
    let keys: Vec<String> = list.iter().map(|(_, r)| r.key()).collect();
    let handles: Vec<u64> = keys.iter().map(|k| super::fnv(k.as_bytes())).collect();
    for (p, (_, r)) in list.iter().enumerate() {
        let (dfs, asks) = per.entry(keys[p].clone()).or_default();
        dfs.push((super::fnv(key.as_bytes()), list.len()));
        if list.len() < 2 {
            continue;
        }
        let lo = p.saturating_sub(stories::WINDOW);
        let hi = (p + stories::WINDOW + 1).min(list.len());
        // Those too far apart in time are never compared: not asked.
        asks.extend(
            (lo..hi)
                .filter(|&o| list[o].1 > *r && !stories::apart(r.date, list[o].0))
                .map(|o| (handles[o], pair_group(handles[o], list[o].0, plan))),
        );
    }
}

/// `Vectors`: an article's weighted keys, for itself and for each group
/// of articles it is compared with.
fn vectors(data: Vec<Data>, plan: &Plan) -> Vec<Item> {
    let mut raw: Vec<(String, Bits)> = Vec::new();
    let mut df: BTreeMap<u64, usize> = BTreeMap::new();
    let mut asks: Vec<(u64, u64)> = Vec::new();
    let mut me: Option<Ref> = None;
    for d in data {
        match d {
            Data::Keys(r, k) => {
                me = Some(r);
                raw = k;
            }
            Data::Posted { dfs, asks: more } => {
                df.extend(dfs);
                asks.extend(more);
            }
            _ => {}
        }
    }
    let Some(me) = me else { return Vec::new() };
    raw.sort_by(|a, b| a.0.cmp(&b.0));
    let keys: Vec<(String, Bits)> = raw
        .into_iter()
        .map(|(k, w)| {
            let n = df.get(&super::fnv(k.as_bytes())).copied().unwrap_or(1);
            (k, Bits(stories::idf(w.0, plan.articles, n)))
        })
        .collect();
    let norm = keys.iter().map(|(_, w)| w.0 * w.0).sum::<f64>().sqrt();
    asks.sort();
    asks.dedup();
    let mut groups: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
    for (other, group) in asks {
        groups.entry(group).or_default().push(other);
    }
    let vector = |partners: Vec<u64>, own: bool| Data::Vector {
        article: me.clone(),
        keys: keys.clone(),
        norm: Bits(norm),
        partners,
        own,
    };
    let mut out = vec![item(
        Stage::Pairs,
        pair_group(me.handle(), me.date, plan).to_string(),
        vector(Vec::new(), true),
    )];
    for (group, partners) in groups {
        out.push(item(
            Stage::Pairs,
            group.to_string(),
            vector(partners, false),
        ));
    }
    out
}

/// The group of an article in `Pairs`: by its date, eight days a group,
/// so that the articles an article is compared with (at most a week
/// apart) are in its group or the next, and its weights travel to one or
/// two groups, not to every group; by its handle when it has no date.
fn pair_group(handle: u64, date: Option<NaiveDate>, plan: &Plan) -> u64 {
    use chrono::Datelike;
    let slot = match date {
        Some(d) => (i64::from(d.num_days_from_ce()) / (stories::MAX_DAYS + 1)) as u64,
        None => handle,
    };
    slot % plan.groups.max(1) as u64
}

/// The dot product of two vectors in key order.
fn dot(a: &[(String, Bits)], b: &[(String, Bits)]) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut at = 0;
    small
        .iter()
        .filter_map(|(k, w)| {
            while at < large.len() && large[at].0 < *k {
                at += 1;
            }
            (at < large.len() && large[at].0 == *k).then(|| w.0 * large[at].1 .0)
        })
        .sum()
}

/// `Pairs`: the articles of a group compared with those that asked.
fn pairs(data: Vec<Data>) -> Vec<Item> {
    let mut own: BTreeMap<u64, (Ref, Weights, Bits)> = BTreeMap::new();
    let mut others = Vec::new();
    for d in data {
        if let Data::Vector {
            article,
            keys,
            norm,
            partners,
            own: mine,
        } = d
        {
            if mine {
                own.insert(article.handle(), (article, keys, norm));
            } else {
                others.push((article, keys, norm, partners));
            }
        }
    }
    others.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    for (other, keys, other_norm, partners) in others {
        for handle in partners {
            let Some((me, mine, norm)) = own.get(&handle) else {
                continue;
            };
            if stories::apart(me.date, other.date) {
                continue;
            }
            let d = dot(&keys, mine);
            let denom = other_norm.0 * norm.0;
            if denom > 0.0 && d / denom >= stories::THRESHOLD {
                let cos = Bits(d / denom);
                let there = Data::Edge(cos, other.clone(), me.clone());
                out.push(item(Stage::Edges, other.key(), there));
                out.push(item(
                    Stage::Edges,
                    me.key(),
                    Data::Edge(cos, me.clone(), other.clone()),
                ));
            }
        }
    }
    out
}

/// `Edges`: an article's best matches.
fn edges(data: Vec<Data>) -> Vec<Item> {
    let mut list: Vec<(f64, Ref)> = Vec::new();
    let mut me = None;
    for d in data {
        if let Data::Edge(cos, mine, other) = d {
            me = Some(mine);
            list.push((cos.0, other));
        }
    }
    let Some(me) = me else { return Vec::new() };
    list.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    list.into_iter()
        .take(stories::NEIGHBOURS)
        .map(|(_, other)| item(Stage::Stories, String::new(), Data::Join(me.clone(), other)))
        .collect()
}

/// The stories, from every article and every join (the items of
/// `Stories`): the step that runs in one process.
pub fn stories<B: AsRef<[u8]>>(batches: &[B]) -> Result<StoryMap, crate::Error> {
    let mut refs: BTreeSet<Ref> = BTreeSet::new();
    let mut joins = Vec::new();
    for data in unpack(batches)?.into_values().flatten() {
        match data {
            Data::Article(r) => {
                refs.insert(r);
            }
            Data::Join(a, b) => joins.push((a, b)),
            _ => {}
        }
    }
    let refs: Vec<Ref> = refs.into_iter().collect();
    let index = |r: &Ref| refs.binary_search(r).ok();
    let mut sets = Sets::new(refs.len());
    for (a, b) in &joins {
        if let (Some(a), Some(b)) = (index(a), index(b)) {
            sets.union(a, b);
        }
    }
    Ok(StoryMap(
        (0..refs.len())
            .map(|i| (refs[i].key(), refs[sets.find(i)].clone()))
            .collect(),
    ))
}

/// The second map, over each worker's records once their stories are
/// known: the batches of `Homes`, `Articles`, `Build` and `Done`. A record
/// the map does not place is a story of its own.
pub fn second(records: &[Record], stories: &StoryMap, plan: &Plan) -> Vec<Batch> {
    second_with(records, stories, plan, true)
}

/// [`second`], with the articles' offsets for the output or without
/// (a caller that writes only the linked output).
pub(super) fn second_with(
    records: &[Record],
    stories: &StoryMap,
    plan: &Plan,
    offsets: bool,
) -> Vec<Batch> {
    let mut out = Vec::new();
    for r in records {
        let me = Ref::of(r);
        let story = stories
            .0
            .get(&me.key())
            .cloned()
            .unwrap_or_else(|| me.clone());
        let around = entities::around(r);
        for (at, e) in r.entities.iter().enumerate() {
            let full = e.kind == EntityKind::Person && entities::full(&e.key);
            let node = Entity {
                article: me.clone(),
                at,
                story: story.clone(),
                entity: e.clone(),
                around: if full { around.clone() } else { Vec::new() },
                told: !r.events.is_empty(),
            };
            out.push(item(
                Stage::Homes,
                story.key(),
                Data::Entity(Box::new(node)),
            ));
        }
        if !r.events.is_empty() {
            let events = Data::Events {
                article: me.clone(),
                events: r.events.clone(),
            };
            out.push(item(Stage::Build, story.key(), events));
        }
        out.push(item(Stage::Build, story.key(), Data::Stub(me.clone())));
        if offsets {
            out.push(item(
                Stage::Done,
                String::new(),
                Data::Offsets(r.id.clone(), r.offsets.clone()),
            ));
        }
    }
    pack(out, plan)
}

/// `Homes`: each entity of a story sent to its home.
fn homes(data: Vec<Data>) -> Vec<Item> {
    let nodes: Vec<Entity> = data
        .into_iter()
        .filter_map(|d| match d {
            Data::Entity(e) => Some(*e),
            _ => None,
        })
        .collect();
    let mut names: FullNames<'_> = FullNames::default();
    for n in &nodes {
        names.add(&n.entity);
    }
    let homes: Vec<String> = nodes
        .iter()
        .map(|n| entities::home(&n.entity, &names, &n.story.key(), &n.article.key(), n.at).text())
        .collect();
    nodes
        .into_iter()
        .zip(homes)
        .map(|(n, h)| item(Stage::Entities, h, Data::Entity(Box::new(n))))
        .collect()
}

/// `Entities`: the corpus entities of one home.
fn entities(data: Vec<Data>) -> Vec<Item> {
    let mut nodes: Vec<Entity> = data
        .into_iter()
        .filter_map(|d| match d {
            Data::Entity(e) => Some(*e),
            _ => None,
        })
        .collect();
    nodes.sort_by(|a, b| (&a.article, a.at).cmp(&(&b.article, b.at)));
    let mut stories: Vec<&Ref> = nodes.iter().map(|n| &n.story).collect();
    stories.sort();
    stories.dedup();
    let ids: Vec<String> = stories
        .iter()
        .map(|s| super::stories::story_id(&s.id))
        .collect();
    let views: Vec<Node<'_>> = nodes
        .iter()
        .map(|n| {
            let story = stories.binary_search(&&n.story).unwrap_or(0);
            Node {
                article: &n.article.id,
                entity: &n.entity,
                story,
                story_id: &ids[story],
                around: &n.around,
            }
        })
        .collect();
    let mut out = Vec::new();
    for (entity, members) in entities::link_home(&views) {
        let mut per: BTreeMap<usize, usize> = BTreeMap::new();
        for &m in &members {
            let n = &nodes[m];
            if n.told {
                let link = Data::Link {
                    article: n.article.clone(),
                    at: n.at,
                    id: entity.id.clone(),
                    name: entity.name.clone(),
                };
                out.push(item(Stage::Build, n.story.key(), link));
            }
            *per.entry(views[m].story).or_insert(0) += n.entity.mentions.len();
        }
        for (s, n) in per {
            out.push(item(
                Stage::Build,
                stories[s].key(),
                Data::Count {
                    n,
                    id: entity.id.clone(),
                    kind: entity.kind,
                    name: entity.name.clone(),
                },
            ));
        }
        out.push(item(
            Stage::Done,
            String::new(),
            Data::CorpusEntity(Box::new(entity)),
        ));
    }
    out
}

/// `Build`: a story's corpus events, then the story.
fn build(data: Vec<Data>) -> Vec<Item> {
    let mut stubs: Vec<Ref> = Vec::new();
    let mut counts: Vec<(usize, String, EntityKind, String)> = Vec::new();
    // Each article's events, and the corpus entity of each of its entities.
    type Told = (Vec<REvent>, Vec<(usize, String, String)>);
    let mut told: BTreeMap<Ref, Told> = BTreeMap::new();
    for d in data {
        match d {
            Data::Stub(r) => stubs.push(r),
            Data::Count { n, id, kind, name } => counts.push((n, id, kind, name)),
            Data::Events { article, events } => told.entry(article).or_default().0 = events,
            Data::Link {
                article,
                at,
                id,
                name,
            } => told.entry(article).or_default().1.push((at, id, name)),
            _ => {}
        }
    }
    for (_, links) in told.values_mut() {
        links.sort();
    }
    stubs.sort();
    let Some(first) = stubs.first() else {
        return Vec::new();
    };
    let id = super::stories::story_id(&first.id);
    let articles: Vec<Article<'_>> = told
        .iter()
        .filter(|(_, (events, _))| !events.is_empty())
        .map(|(r, (events, links))| Article {
            id: &r.id,
            date: r.date,
            events,
            entities: links
                .iter()
                .map(|(_, id, name)| (id.as_str(), name.as_str()))
                .collect(),
        })
        .collect();
    let corpus_events = events::link_story(&articles, &id);
    let dates: Vec<(&str, Option<NaiveDate>)> =
        stubs.iter().map(|r| (r.id.as_str(), r.date)).collect();
    let named = counts
        .iter()
        .map(|(n, id, kind, name)| (*n, id.as_str(), *kind, name.as_str()))
        .collect();
    let story = super::stories::build_one(&id, &dates, named, corpus_events.iter().collect());
    let mut out: Vec<Item> = corpus_events
        .into_iter()
        .map(|e| item(Stage::Done, String::new(), Data::CorpusEvent(Box::new(e))))
        .collect();
    out.push(item(
        Stage::Done,
        String::new(),
        Data::Story(Box::new(story)),
    ));
    out
}

/// One item of the output, as a batch of `Done` carries it.
#[derive(Debug)]
pub(super) enum Done {
    /// A corpus entity.
    Entity(Box<CorpusEntity>),
    /// A corpus event.
    Event(Box<CorpusEvent>),
    /// A story.
    Story(Box<Story>),
}

/// The stories, entities and events of a batch of `Done`, in its order.
pub(super) fn done_items(batch: &[u8]) -> Result<Vec<Done>, crate::Error> {
    Ok(unpack(&[batch])?
        .into_values()
        .flatten()
        .filter_map(|data| match data {
            Data::CorpusEntity(e) => Some(Done::Entity(e)),
            Data::CorpusEvent(e) => Some(Done::Event(e)),
            Data::Story(s) => Some(Done::Story(s)),
            _ => None,
        })
        .collect())
}

/// The output, from the batches of `Done`: what linking found, and each
/// article's offsets.
pub fn finish<B: AsRef<[u8]>>(batches: &[B]) -> Result<Output, crate::Error> {
    let mut f = Finish::default();
    for b in batches {
        f.add(b.as_ref())?;
    }
    Ok(f.output())
}

/// The output built one batch of `Done` at a time, so that the batches
/// need not all be held at once.
#[derive(Debug, Default)]
pub struct Finish {
    output: Output,
}

impl Finish {
    /// Adds a batch of `Done`.
    pub fn add(&mut self, batch: &[u8]) -> Result<(), crate::Error> {
        let o = &mut self.output;
        for data in unpack(&[batch])?.into_values().flatten() {
            match data {
                Data::Offsets(id, map) => {
                    o.offsets.insert(id, map);
                    o.articles += 1;
                }
                Data::CorpusEntity(e) => o.linked.entities.push(*e),
                Data::CorpusEvent(e) => o.linked.events.push(*e),
                Data::Story(s) => o.linked.stories.push(*s),
                _ => {}
            }
        }
        Ok(())
    }

    /// What linking found, in the order of ids.
    pub fn output(self) -> Output {
        let mut o = self.output;
        o.linked.stories.sort_by(|a, b| a.id.cmp(&b.id));
        o.linked.entities.sort_by(|a, b| a.id.cmp(&b.id));
        o.linked.events.sort_by(|a, b| a.id.cmp(&b.id));
        o
    }
}

/// The whole chain in one process, the records split into `shards` as
/// workers would hold them and each stage's items into as many groups,
/// every batch shipped as bytes and each group's batches given in the
/// reverse of the order they came in: what a cluster computes, for tests
/// and as the reference for a new engine.
pub fn run(records: Vec<Record>, shards: usize) -> Result<Output, crate::Error> {
    type Pending = BTreeMap<Stage, BTreeMap<usize, Vec<Vec<u8>>>>;
    let shards = shards.max(1);
    let size = records.len().div_ceil(shards).max(1);
    let parts: Vec<&[Record]> = records.chunks(size).collect();
    let plan = Plan {
        articles: records.len(),
        groups: shards,
    };
    let ship = |batches: Vec<Batch>, pending: &mut Pending| {
        for b in batches {
            let groups = pending.entry(b.stage).or_default();
            groups.entry(b.group).or_default().insert(0, b.bytes);
        }
    };
    let all = |pending: &mut Pending, stage: Stage| -> Vec<Vec<u8>> {
        let groups = pending.remove(&stage).unwrap_or_default();
        groups.into_values().flatten().collect()
    };
    let mut pending = Pending::new();
    for part in &parts {
        ship(first(part, &plan), &mut pending);
    }
    for stage in Stage::STEPS {
        if stage == Stage::Homes {
            let map = stories(&all(&mut pending, Stage::Stories))?;
            let map = StoryMap::from_bytes(&map.to_bytes())?;
            for part in &parts {
                ship(second(part, &map, &plan), &mut pending);
            }
        }
        for batches in pending.remove(&stage).unwrap_or_default().into_values() {
            ship(step(stage, &batches, &plan)?, &mut pending);
        }
    }
    finish(&all(&mut pending, Stage::Done))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_buckets_never_decrease_as_ids_increase() {
        let plan = Plan {
            articles: BUCKET_ARTICLES * 16 * 16,
            groups: 1,
        };
        let n = plan.buckets();
        assert_eq!(n, 256);
        let mut ids: Vec<String> = (0..4000u64)
            .map(|i| format!("event-{:012x}", super::super::fnv(&i.to_le_bytes())))
            .collect();
        ids.extend(
            [
                "a", "event-", "event-g", "event-/", "zz", "event-0", "event-ff",
            ]
            .map(String::from),
        );
        ids.sort();
        let buckets: Vec<usize> = ids.iter().map(|id| bucket(id, "event-", n)).collect();
        assert!(buckets.windows(2).all(|w| w[0] <= w[1]));
        assert!(buckets.iter().all(|&b| b < n));
        assert!(buckets.iter().filter(|&&b| b == 255).count() > 4);
        assert!(buckets.iter().filter(|&&b| b == 0).count() > 3);
        let one = Plan {
            articles: 10,
            groups: 1,
        };
        assert_eq!(one.buckets(), 1);
        assert_eq!(bucket("event-ff", "event-", 1), 0);
    }
}
