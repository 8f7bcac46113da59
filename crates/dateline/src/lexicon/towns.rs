//! The second gazetteer: towns of 1,000 to 15,000 inhabitants in the
//! English-language press's home countries (US, GB, IE, CA, AU, NZ) and
//! the US counties, parishes and boroughs (`data/towns.tsv`, built by
//! `scripts/data/build_towns.py` from GeoNames data).
//!
//! It is kept apart from the main lexicon on purpose: the entity tagger's
//! features and the lexicon's name matching never see it (24,000 more
//! names would change which words the tagger takes for names): the entity
//! layer reads it only to tell a county the tagger took for an
//! organisation (`Laurel County`), and the resolve layer only for names
//! already tagged as places. Its
//! rows are sorted by name and read in place by binary search.
//!
//! ```
//! use dateline::lexicon::towns::{towns, TownKind};
//!
//! let laurel: Vec<_> = towns().lookup("Laurel County").collect();
//! assert_eq!(laurel.len(), 1);
//! assert_eq!((laurel[0].kind, laurel[0].admin1), (TownKind::County, "KY"));
//! ```

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
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Town {
    /// GeoNames id (none for a county).
    pub geonameid: Option<u32>,
    /// Name as GeoNames writes it (`Chiefland`, `Laurel County`).
    pub name: &'static str,
    /// Town or county.
    pub kind: TownKind,
    /// ISO 3166 country code.
    pub country: &'static str,
    /// GeoNames first-level division code (`KY`; `08` for Ontario).
    pub admin1: &'static str,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Inhabitants (a county: the sum of its towns of 1,000 or more).
    pub population: u64,
}

/// The second gazetteer: the rows of `towns.tsv` as compiled in, sorted by
/// their lower-case key, read by binary search (nothing is parsed or
/// indexed before a name is looked up but the split into lines).
#[derive(Debug)]
pub struct Towns {
    rows: Vec<&'static str>,
}

/// A row's lookup key (its first field).
fn key(row: &str) -> &str {
    row.split('\t').next().unwrap_or("")
}

impl Towns {
    /// Number of rows (a town whose ASCII form differs has two).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The towns and counties a name stands for (any case; a town's ASCII
    /// form counts too), in the file's order.
    pub fn lookup(&self, name: &str) -> impl Iterator<Item = Town> + '_ {
        let lower = name.to_lowercase();
        let from = self.rows.partition_point(|r| key(r) < lower.as_str());
        self.rows[from..]
            .iter()
            .take_while(move |r| key(r) == lower)
            .filter_map(|r| parse(r))
    }
}

/// The town of a row; none for a damaged row (the tests rule them out).
fn parse(row: &'static str) -> Option<Town> {
    let f: Vec<&'static str> = row.split('\t').collect();
    let [_, id, name, kind, country, admin1, lat, lon, pop] = f[..] else {
        return None;
    };
    Some(Town {
        geonameid: id.parse().ok().filter(|g| *g != 0),
        name,
        kind: if kind == "county" {
            TownKind::County
        } else {
            TownKind::Town
        },
        country,
        admin1,
        lat: lat.parse().ok()?,
        lon: lon.parse().ok()?,
        population: pop.parse().unwrap_or(0),
    })
}

/// The shipped second gazetteer, split into rows on first use.
pub fn towns() -> &'static Towns {
    static TOWNS: OnceLock<Towns> = OnceLock::new();
    TOWNS.get_or_init(|| Towns {
        rows: DATA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_read_and_found_by_its_key() {
        let all = towns();
        assert!(all.len() > 20_000, "{}", all.len());
        for row in &all.rows {
            let t = parse(row).unwrap_or_else(|| panic!("damaged row {row:?}"));
            assert!(
                all.lookup(key(row)).any(|u| u == t),
                "{row:?} is not found by its key"
            );
        }
        // Sorted as the lookup needs.
        assert!(all.rows.windows(2).all(|w| key(w[0]) <= key(w[1])));
        // A name of many towns gives them all; a county its state.
        let paris: Vec<&str> = all.lookup("paris").map(|t| t.admin1).collect();
        assert!(paris.contains(&"TN") && paris.contains(&"IL"), "{paris:?}");
        let rapides: Vec<Town> = all.lookup("Rapides Parish").collect();
        assert_eq!(rapides[0].admin1, "LA");
        assert_eq!(
            all.lookup("Chicago").count(),
            0,
            "cities of 15,000 are not here"
        );
    }
}
