//! The second gazetteer: towns of 1,000 to 15,000 inhabitants in the
//! English-language press's home countries (US, GB, IE, CA, AU, NZ) and
//! the US counties, parishes and boroughs (`data/towns.tsv`, built by
//! `scripts/data/build_towns.py` from GeoNames data).
//!
//! It is kept apart from the main lexicon on purpose: the entity tagger's
//! features and the lexicon's name matching never see it (24,000 more
//! names would change which words the tagger takes for names), and the
//! resolve layer consults it only for names already tagged as places. It
//! is parsed on first use (a few milliseconds), not at start-up.
//!
//! ```
//! use dateline::lexicon::towns::{towns, TownKind};
//!
//! let laurel = towns().lookup("Laurel County");
//! assert_eq!(laurel.len(), 1);
//! let t = &towns().rows[laurel[0] as usize];
//! assert_eq!((t.kind, t.admin1.as_str()), (TownKind::County, "KY"));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/towns.tsv");

/// What a row of the second gazetteer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TownKind {
    /// A populated place of 1,000 to 15,000 inhabitants.
    Town,
    /// A US county (or Louisiana parish, Alaska borough), placed at the
    /// centroid of its towns.
    County,
}

impl TownKind {
    /// The kind's name in `towns.tsv` and in a location's `feature`
    /// (`town`, `county`).
    pub fn as_str(&self) -> &'static str {
        match self {
            TownKind::Town => "town",
            TownKind::County => "county",
        }
    }
}

/// A town or county.
#[derive(Debug, Clone, PartialEq)]
pub struct Town {
    /// GeoNames id (none for a county).
    pub geonameid: Option<u32>,
    /// Name as GeoNames writes it (`Chiefland`, `Laurel County`).
    pub name: String,
    /// Town or county.
    pub kind: TownKind,
    /// ISO 3166 country code.
    pub country: String,
    /// GeoNames first-level division code (`KY`; `08` for Ontario).
    pub admin1: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Inhabitants (a county: the sum of its towns of 1,000 or more).
    pub population: u64,
}

/// The second gazetteer, with its names indexed in lower case.
#[derive(Debug)]
pub struct Towns {
    /// Every row, in file order.
    pub rows: Vec<Town>,
    by_name: HashMap<String, Vec<u32>>,
}

impl Towns {
    /// The rows a name stands for (any case; its ASCII form counts too).
    pub fn lookup(&self, name: &str) -> &[u32] {
        self.by_name
            .get(&name.to_lowercase())
            .map_or(&[], Vec::as_slice)
    }

    fn parse(data: &str) -> Towns {
        let mut rows = Vec::new();
        let mut by_name: HashMap<String, Vec<u32>> = HashMap::new();
        for line in data
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let f: Vec<&str> = line.split('\t').collect();
            let [id, name, kind, country, admin1, lat, lon, pop, alt] = f[..] else {
                continue;
            };
            let (Ok(lat), Ok(lon)) = (lat.parse(), lon.parse()) else {
                continue;
            };
            let i = rows.len() as u32;
            for n in [name, alt].into_iter().filter(|n| !n.is_empty()) {
                let ids = by_name.entry(n.to_lowercase()).or_default();
                if !ids.contains(&i) {
                    ids.push(i);
                }
            }
            rows.push(Town {
                geonameid: id.parse().ok().filter(|g| *g != 0),
                name: name.to_string(),
                kind: if kind == "county" {
                    TownKind::County
                } else {
                    TownKind::Town
                },
                country: country.to_string(),
                admin1: admin1.to_string(),
                lat,
                lon,
                population: pop.parse().unwrap_or(0),
            });
        }
        Towns { rows, by_name }
    }
}

/// The shipped second gazetteer, parsed on first use.
pub fn towns() -> &'static Towns {
    static TOWNS: OnceLock<Towns> = OnceLock::new();
    TOWNS.get_or_init(|| Towns::parse(DATA))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_file_is_read() {
        let rows = DATA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .count();
        assert_eq!(towns().rows.len(), rows);
        assert!(rows > 20_000, "{rows}");
        // A name of many towns gives them all; a county its state.
        let paris: Vec<&str> = towns()
            .lookup("paris")
            .iter()
            .map(|&i| towns().rows[i as usize].admin1.as_str())
            .collect();
        assert!(paris.contains(&"TN") && paris.contains(&"IL"), "{paris:?}");
        let rapides = towns().lookup("Rapides Parish");
        assert_eq!(towns().rows[rapides[0] as usize].admin1, "LA");
        assert!(
            towns().lookup("Chicago").is_empty(),
            "cities of 15,000 are not here"
        );
    }
}
