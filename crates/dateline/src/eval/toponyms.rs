//! `toponyms`, the geoparsing task's items: every place mention of the
//! entity layer (the name without its descriptor: `Anbar` of `Anbar
//! province`) with the point its resolved entity has, as `score.py --task
//! geo` reads them (`start`, `end`, `name`, `lat`, `lon`, `geonameid`).
//!
//! Corpora differ on adjectives of place: LGL marks them (`American`,
//! `Georgian`, resolved to the country), GeoVirus marks place names only.
//! [`Toponyms::of_corpus`] says which.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::entities::{EntityKind, Mention};
use crate::resolve::{Entity, Location};
use crate::span::OffsetMap;

/// Which mentions are toponyms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Toponyms {
    /// Place names only (GeoVirus, and records of no corpus).
    Names,
    /// Place names and the adjectives of place of nationality mentions
    /// (`Iraqi forces`), at their country (LGL).
    WithAdjectives,
}

impl Toponyms {
    /// The convention of a corpus of `../shared/eval` by its `corpus` name.
    pub(super) fn of_corpus(corpus: Option<&str>) -> Toponyms {
        match corpus {
            Some("lgl") => Toponyms::WithAdjectives,
            _ => Toponyms::Names,
        }
    }
}

/// `toponyms`: one item per place mention (and, with
/// [`Toponyms::WithAdjectives`], per nationality mention that names a
/// country's people), with the location of its entity where it has one.
pub(super) fn toponyms(
    text: &str,
    mentions: &[Mention],
    entities: Option<&[Entity]>,
    which: Toponyms,
    map: &OffsetMap,
) -> Value {
    // Each entity-layer mention's entity.
    let mut of_mention: HashMap<usize, &Entity> = HashMap::new();
    for e in entities.unwrap_or_default() {
        for m in e.mentions.iter().filter_map(|m| m.mention) {
            of_mention.insert(m, e);
        }
    }
    let mut items = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let entity = of_mention.get(&i).copied();
        let place = match (m.kind, entity) {
            (EntityKind::Place, Some(e)) if e.kind == EntityKind::Place => e.place.as_ref(),
            (EntityKind::Place, None) => None,
            // An adjective of place stands for its country.
            (EntityKind::Group, _)
                if which == Toponyms::WithAdjectives
                    && m.subtype.as_deref() == Some("nationality")
                    && m.country.is_some() =>
            {
                None
            }
            _ => continue,
        };
        let (lat, lon, geonameid) = match (m.kind, place) {
            (EntityKind::Group, _) => country_point(m.country.as_deref()),
            (_, Some(p)) => point(p),
            _ => (None, None, None),
        };
        let name = &text[m.name_start..m.name_end];
        items.push(json!({
            "start": map.char_offset(m.name_start), "end": map.char_offset(m.name_end),
            "name": name, "lat": lat, "lon": lon, "geonameid": geonameid,
            "precision": place.map(|p| p.precision.as_str()),
        }));
    }
    Value::Array(items)
}

/// A location's point and GeoNames id.
fn point(p: &Location) -> (Option<f64>, Option<f64>, Option<u32>) {
    (p.lat, p.lon, p.geonameid)
}

/// The point and GeoNames id of the country with ISO code `iso`.
fn country_point(iso: Option<&str>) -> (Option<f64>, Option<f64>, Option<u32>) {
    let lex = crate::lexicon::lexicon();
    match iso.and_then(|c| lex.country(c)) {
        Some(c) => (c.lat, c.lon, Some(c.geonameid).filter(|g| *g != 0)),
        None => (None, None, None),
    }
}
