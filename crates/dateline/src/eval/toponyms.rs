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
use crate::lexicon::{EntryKind, PlaceKind};
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
    // The location of each resolved place by name, for the places inside
    // organisations' names.
    let mut by_name: HashMap<String, &Location> = HashMap::new();
    for e in entities.unwrap_or_default() {
        if let (EntityKind::Place, Some(p)) = (e.kind, &e.place) {
            by_name.entry(e.name.to_lowercase()).or_insert(p);
        }
    }
    let mut items = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if matches!(m.kind, EntityKind::Organisation | EntityKind::Misc) {
            items.extend(inner_places(text, m, &by_name, map));
            continue;
        }
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

/// The places named inside an organisation's or other name, as
/// geoparsing corpora mark them (`Texas` of the `Texas Department of
/// Transportation`, `Alexandria` of `Alexandria Police`): a country or
/// gazetteer place at the start of the name or after `of`, at the point of
/// the article's place of that name, else of the name's likeliest reading.
fn inner_places(
    text: &str,
    m: &Mention,
    by_name: &HashMap<String, &Location>,
    map: &OffsetMap,
) -> Vec<Value> {
    let lex = crate::lexicon::lexicon();
    let mut found = Vec::new();
    lex.find(text, m.name_start, m.name_end, &mut found);
    let mut out = Vec::new();
    for f in found {
        let name = &text[f.start..f.end];
        let lead = text[m.name_start..f.start].trim_end();
        if !(f.start == m.name_start || lead.ends_with(" of") || lead.ends_with(" of the")) {
            continue;
        }
        let (lat, lon, geonameid) = match by_name.get(&name.to_lowercase()) {
            Some(p) => point(p),
            None => match likeliest(lex.entries(f.name), by_name) {
                Some(EntryKind::Country(c)) => country_point(Some(&lex.countries[c as usize].iso)),
                Some(EntryKind::Place(p)) => {
                    let p = &lex.places[p as usize];
                    (p.lat, p.lon, Some(p.geonameid).filter(|g| *g != 0))
                }
                _ => (None, None, None),
            },
        };
        if !matches!(
            lex.entries(f.name).first(),
            Some(EntryKind::Country(_) | EntryKind::Place(_))
        ) {
            continue;
        }
        out.push(json!({
            "start": map.char_offset(f.start), "end": map.char_offset(f.end),
            "name": name, "lat": lat, "lon": lon, "geonameid": geonameid,
            "precision": Value::Null,
        }));
    }
    out
}

/// The likeliest place reading of a name found inside another name, as
/// the resolve layer weighs them: size, and the countries and divisions of
/// the article's resolved places; a town only in a division another place
/// of the article is in. None when the name's first reading is no country
/// or place (an organisation's name), or no reading is likely enough.
fn likeliest(entries: &[EntryKind], places: &HashMap<String, &Location>) -> Option<EntryKind> {
    let lex = crate::lexicon::lexicon();
    if !matches!(
        entries.first(),
        Some(EntryKind::Country(_) | EntryKind::Place(_))
    ) {
        return None;
    }
    let in_country = |c: &str| {
        let n = places
            .values()
            .filter(|p| p.country.as_deref() == Some(c))
            .count();
        1.5 * n.min(2) as f64
    };
    let in_division = |c: &str, a: &str| {
        places
            .values()
            .any(|p| p.country.as_deref() == Some(c) && p.admin1.as_deref() == Some(a))
    };
    let mut best: Option<(f64, EntryKind)> = None;
    for e in entries {
        let score = match *e {
            EntryKind::Country(i) => 17.0 + in_country(&lex.countries[i as usize].iso),
            EntryKind::Place(i) => {
                let p = &lex.places[i as usize];
                let size = match p.kind {
                    PlaceKind::City => (p.population as f64 + 1.0).ln(),
                    PlaceKind::Region => 15.0,
                    _ => 19.0,
                };
                let division = if in_division(&p.country, &p.admin1) {
                    6.0
                } else {
                    0.0
                };
                if division == 0.0 && p.kind == PlaceKind::City {
                    // A town no other place of the article vouches for is
                    // too uncertain to place.
                    continue;
                }
                size + in_country(&p.country) + division
            }
            _ => continue,
        };
        if best.map_or(true, |(s, _)| score > s) {
            best = Some((score, *e));
        }
    }
    best.map(|b| b.1)
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
