//! Embedded lexicons: countries (names, demonyms, capitals), the world's
//! cities and first-level regions, organisations, religious, ethnic and
//! political groups, titles and roles (`lexicon/roles.rs`, shared by the entity and
//! resolve layers). They are data files in `data/`, compiled
//! into the crate, with their sources and licences in `docs/data.md`; the
//! generated ones are rebuilt by `scripts/data/build_gazetteer.py`.
//!
//! All names are matched at once, ASCII case-insensitively, the longest
//! at each word start (`prefixes.rs`: the names sorted and walked as a
//! trie), and a match counts only on token boundaries (a hyphen is a boundary, so `Iran-backed` holds `Iran`).
//!
//! ```
//! use dateline::lexicon::{lexicon, EntryKind};
//!
//! let lex = lexicon();
//! let erbil = lex.lookup("Erbil").iter().find_map(|e| match e {
//!     EntryKind::Place(i) => Some(&lex.places[*i as usize]),
//!     _ => None,
//! });
//! assert_eq!(erbil.unwrap().country, "IQ");
//! ```

pub(crate) mod prefixes;
pub(crate) mod roles;

/// Nouns of time the parser may take for a subject or an actor (`Last week
/// killed`, `Wednesday, he called`), lower case; the quote and figure
/// layers leave them out.
pub(crate) const TIME_NOUNS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "week",
    "month",
    "year",
    "day",
    "night",
    "morning",
    "evening",
    "afternoon",
    "weekend",
    "time",
];

use std::collections::HashMap;

/// A map keyed by the crate's own names, hashed fast with a fixed seed.
pub(crate) type NameMap<V> = HashMap<String, V, foldhash::fast::FixedState>;
use std::sync::OnceLock;

use prefixes::Prefixes;

const COUNTRIES: &str = include_str!("../../data/countries.tsv");
const PLACES: &str = include_str!("../../data/places.tsv");
const ORGANISATIONS: &str = include_str!("../../data/organisations.tsv");
const GROUPS: &str = include_str!("../../data/groups.tsv");
const TITLES: &str = include_str!("../../data/titles.tsv");
const ADMIN1: &str = include_str!("../../data/admin1.tsv");

/// A first-level division of a country (GeoNames admin1: a state,
/// province or governorate).
#[derive(Debug, Clone, PartialEq)]
pub struct Admin1 {
    /// ISO 3166-1 alpha-2 code of its country.
    pub country: String,
    /// GeoNames admin1 code within the country (`11`).
    pub code: String,
    /// GeoNames name (`Arbil`).
    pub name: String,
    /// Latitude of the centroid of its GeoNames places, degrees.
    pub lat: f64,
    /// Longitude of that centroid, degrees.
    pub lon: f64,
}

/// A country or territory.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code (`IQ`).
    pub iso: String,
    /// English short name (`Iraq`).
    pub name: String,
    /// GeoNames id.
    pub geonameid: u32,
    /// Latitude of the country's centre, degrees.
    pub lat: Option<f64>,
    /// Longitude of the country's centre, degrees.
    pub lon: Option<f64>,
    /// Capital city's name.
    pub capital: String,
}

/// What kind of place a [`Place`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A city or town (GeoNames populated place of 15,000 or more).
    City,
    /// A first-level division: state, province, governorate.
    Region,
    /// A continent: `Asia`, `Africa`.
    Continent,
    /// A region across or inside countries that is no division: `Middle
    /// East`, `Balkans`, `Darfur`.
    Area,
    /// A sea, gulf or ocean: `Persian Gulf`, `Red Sea`.
    Water,
    /// A territory of its own within a country's entry: the `Gaza Strip`
    /// and the `West Bank` of the Palestinian Territory.
    Territory,
}

impl PlaceKind {
    /// The kind's name in `places.tsv` and in a location's `feature`
    /// (`city`, `region`, `continent`, `area`, `water`, `territory`).
    pub fn as_str(&self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
            PlaceKind::Continent => "continent",
            PlaceKind::Area => "area",
            PlaceKind::Water => "water",
            PlaceKind::Territory => "territory",
        }
    }

    /// Whether the kind is a place bigger than a town that no GeoNames
    /// population ranks: a region, a continent, an area, a sea, a territory.
    pub fn is_area(&self) -> bool {
        !matches!(self, PlaceKind::City)
    }
}

/// A city or region.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// GeoNames id (0 for regions taken from countryinfo, which has none).
    pub geonameid: u32,
    /// Name as GeoNames writes it (`Erbil`).
    pub name: String,
    /// City, region, continent, area, water or territory.
    pub kind: PlaceKind,
    /// ISO country code.
    pub country: String,
    /// GeoNames first-level division code (may be empty).
    pub admin1: String,
    /// Latitude, degrees (absent for regions countryinfo names that
    /// GeoNames' divisions do not).
    pub lat: Option<f64>,
    /// Longitude, degrees (absent for regions).
    pub lon: Option<f64>,
    /// Population (0 when unknown).
    pub population: u64,
}

/// A named organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    /// Canonical name (`Islamic Resistance in Iraq`).
    pub name: String,
    /// `international`, `armed`, `agency`, `government`, `party`, `company`.
    pub kind: String,
    /// ISO country code, empty for international bodies.
    pub country: String,
}

/// A religious, ethnic or political group.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Canonical name (`Shiite`).
    pub name: String,
    /// `religious`, `ethnic` or `political`.
    pub kind: String,
}

/// A title or honorific.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    /// Canonical form (`Secretary of State`).
    pub name: String,
    /// `honorific`, `office`, `military` or `religious`.
    pub kind: String,
}

/// What a lexicon name stands for; the number indexes the matching list of
/// [`Lexicon`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A country's name.
    Country(u16),
    /// A country's demonym (`Iraqi`), pointing at the country.
    Demonym(u16),
    /// A city or region.
    Place(u32),
    /// An organisation.
    Organisation(u16),
    /// A group.
    Group(u16),
    /// A title.
    Title(u16),
}

impl EntryKind {
    /// Index of this kind among the six, for features.
    pub(crate) fn class(&self) -> usize {
        match self {
            EntryKind::Country(_) => 0,
            EntryKind::Demonym(_) => 1,
            EntryKind::Place(_) => 2,
            EntryKind::Organisation(_) => 3,
            EntryKind::Group(_) => 4,
            EntryKind::Title(_) => 5,
        }
    }
}

/// Number of entry classes ([`EntryKind::class`]).
pub(crate) const CLASSES: usize = 6;

/// A lexicon name found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexMatch {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index of the name in [`Lexicon::entries`].
    pub name: u32,
    /// The text has the name's exact letter case.
    pub exact_case: bool,
}

/// All embedded lexicons and the index that finds their names.
#[derive(Debug)]
pub struct Lexicon {
    /// Countries and territories.
    pub countries: Vec<Country>,
    /// Cities and regions.
    pub places: Vec<Place>,
    /// Organisations.
    pub organisations: Vec<Organisation>,
    /// Groups.
    pub groups: Vec<Group>,
    /// Titles and honorifics.
    pub titles: Vec<Title>,
    /// First-level divisions, sorted by country and code.
    pub admin1: Vec<Admin1>,
    /// For each distinct name (lowercased), what it stands for, most
    /// salient first (country before demonym before the biggest place).
    pub entries: Vec<Vec<EntryKind>>,
    names: Vec<String>,
    index: NameMap<u32>,
    /// The names in ASCII lower case, for [`Lexicon::find`].
    prefixes: Prefixes,
}

/// The embedded lexicons, built on first use (about 40 ms) and shared.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::build)
}

fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn field<'a>(row: &[&'a str], i: usize) -> &'a str {
    row.get(i).copied().unwrap_or("")
}

fn variants<'a>(row: &[&'a str], i: usize) -> impl Iterator<Item = &'a str> {
    field(row, i).split('|').filter(|s| !s.is_empty())
}

/// The names of every lexicon, each once (letter case ignored), with what
/// each stands for, in the order they were added.
#[derive(Default)]
struct Names {
    names: Vec<String>,
    index: NameMap<u32>,
    entries: Vec<Vec<EntryKind>>,
}

impl Names {
    /// Adds `name` as standing for `kind` (names under two characters are
    /// left out).
    fn add(&mut self, name: &str, kind: EntryKind) {
        let name = name.trim();
        if name.chars().count() < 2 {
            return;
        }
        let key = name.to_lowercase();
        let (names, entries) = (&mut self.names, &mut self.entries);
        let i = *self.index.entry(key).or_insert_with(|| {
            names.push(name.to_string());
            entries.push(Vec::new());
            (names.len() - 1) as u32
        });
        let list = &mut entries[i as usize];
        if !list.contains(&kind) {
            list.push(kind);
        }
    }

    /// Adds a row's name (column `name`) and its variants (column `variants`).
    fn add_row(&mut self, row: &[&str], name: usize, variants_at: usize, kind: EntryKind) {
        self.add(field(row, name), kind);
        for n in variants(row, variants_at) {
            self.add(n, kind);
        }
    }

    /// Puts each name's most salient reading first: organisation, country,
    /// demonym, group, place, title.
    fn rank_readings(&mut self) {
        for list in &mut self.entries {
            list.sort_by_key(|e| match e {
                EntryKind::Organisation(_) => 0,
                EntryKind::Country(_) => 1,
                EntryKind::Demonym(_) => 2,
                EntryKind::Group(_) => 3,
                EntryKind::Place(_) => 4,
                EntryKind::Title(_) => 5,
            });
        }
    }
}

/// The countries, their names and demonyms.
fn read_countries(names: &mut Names) -> Vec<Country> {
    let mut countries = Vec::new();
    for r in rows(COUNTRIES) {
        let i = countries.len() as u16;
        countries.push(Country {
            iso: field(&r, 0).to_string(),
            name: field(&r, 1).to_string(),
            geonameid: field(&r, 2).parse().unwrap_or(0),
            lat: field(&r, 3).parse().ok(),
            lon: field(&r, 4).parse().ok(),
            capital: field(&r, 5).to_string(),
        });
        names.add_row(&r, 1, 7, EntryKind::Country(i));
        for d in variants(&r, 6) {
            names.add(d, EntryKind::Demonym(i));
        }
    }
    countries
}

/// The cities and regions, whose names are added biggest first, so that a
/// name's first place is the likeliest; regions rank with big cities
/// ("Anbar" the province before any town).
fn read_places(names: &mut Names) -> Vec<Place> {
    let place_rows: Vec<Vec<&str>> = rows(PLACES).collect();
    let places: Vec<Place> = place_rows
        .iter()
        .map(|r| Place {
            geonameid: field(r, 0).parse().unwrap_or(0),
            name: field(r, 1).to_string(),
            kind: match field(r, 2) {
                "region" => PlaceKind::Region,
                "continent" => PlaceKind::Continent,
                "area" => PlaceKind::Area,
                "water" => PlaceKind::Water,
                "territory" => PlaceKind::Territory,
                _ => PlaceKind::City,
            },
            country: field(r, 3).to_string(),
            admin1: field(r, 4).to_string(),
            lat: field(r, 5).parse().ok(),
            lon: field(r, 6).parse().ok(),
            population: field(r, 7).parse().unwrap_or(0),
        })
        .collect();
    // Continents, areas, seas and territories are what their names mean
    // (`Asia`, not a town of the Philippines).
    let rank = |p: &Place| match p.kind {
        PlaceKind::Region => 5_000_000,
        PlaceKind::City => p.population,
        _ => 1_000_000_000,
    };
    let mut ranked: Vec<u32> = (0..places.len() as u32).collect();
    ranked.sort_by(|&a, &b| {
        rank(&places[b as usize])
            .cmp(&rank(&places[a as usize]))
            .then(a.cmp(&b))
    });
    for i in ranked {
        names.add_row(&place_rows[i as usize], 1, 8, EntryKind::Place(i));
    }
    places
}

/// The organisations.
fn read_organisations(names: &mut Names) -> Vec<Organisation> {
    let mut organisations = Vec::new();
    for r in rows(ORGANISATIONS) {
        let i = organisations.len() as u16;
        organisations.push(Organisation {
            name: field(&r, 0).to_string(),
            kind: field(&r, 1).to_string(),
            country: field(&r, 2).to_string(),
        });
        names.add_row(&r, 0, 3, EntryKind::Organisation(i));
    }
    organisations
}

/// The religious, ethnic and political groups.
fn read_groups(names: &mut Names) -> Vec<Group> {
    let mut groups = Vec::new();
    for r in rows(GROUPS) {
        let i = groups.len() as u16;
        groups.push(Group {
            name: field(&r, 0).to_string(),
            kind: field(&r, 1).to_string(),
        });
        names.add_row(&r, 0, 2, EntryKind::Group(i));
    }
    groups
}

/// The titles.
fn read_titles(names: &mut Names) -> Vec<Title> {
    let mut titles = Vec::new();
    for r in rows(TITLES) {
        let i = titles.len() as u16;
        titles.push(Title {
            name: field(&r, 0).to_string(),
            kind: field(&r, 1).to_string(),
        });
        names.add_row(&r, 0, 2, EntryKind::Title(i));
    }
    titles
}

/// The first-level regions, sorted by country and code.
fn read_admin1() -> Vec<Admin1> {
    let mut a: Vec<Admin1> = rows(ADMIN1)
        .map(|r| Admin1 {
            country: field(&r, 0).to_string(),
            code: field(&r, 1).to_string(),
            name: field(&r, 2).to_string(),
            lat: field(&r, 3).parse().unwrap_or(0.0),
            lon: field(&r, 4).parse().unwrap_or(0.0),
        })
        .collect();
    a.sort_by(|x, y| (&x.country, &x.code).cmp(&(&y.country, &y.code)));
    a
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut names = Names::default();
        // About one name per 25 bytes of the lists: sized once, not
        // rehashed as it grows.
        let capacity = (PLACES.len() + COUNTRIES.len() + ORGANISATIONS.len()) / 25;
        names.index.reserve(capacity);
        names.names.reserve(capacity);
        names.entries.reserve(capacity);
        let countries = read_countries(&mut names);
        let places = read_places(&mut names);
        let organisations = read_organisations(&mut names);
        let groups = read_groups(&mut names);
        let titles = read_titles(&mut names);
        names.rank_readings();
        let lowered: Vec<String> = names.names.iter().map(|n| n.to_ascii_lowercase()).collect();
        let prefixes = Prefixes::new(
            lowered
                .iter()
                .enumerate()
                .map(|(i, n)| (n.as_bytes(), i as u32)),
        );
        Lexicon {
            countries,
            places,
            organisations,
            groups,
            titles,
            admin1: read_admin1(),
            entries: names.entries,
            names: names.names,
            index: names.index,
            prefixes,
        }
    }

    /// What a name stands for (letter case ignored), most salient first;
    /// empty when the name is not in any lexicon.
    pub fn lookup(&self, name: &str) -> &[EntryKind] {
        match self.index.get(&name.to_lowercase()) {
            Some(&i) => &self.entries[i as usize],
            None => &[],
        }
    }

    /// The first-level division `code` of `country` (`IQ`, `11` → Arbil).
    pub fn admin1(&self, country: &str, code: &str) -> Option<&Admin1> {
        self.admin1
            .binary_search_by(|a| (a.country.as_str(), a.code.as_str()).cmp(&(country, code)))
            .ok()
            .map(|i| &self.admin1[i])
    }

    /// The country with ISO code `iso`.
    pub fn country(&self, iso: &str) -> Option<&Country> {
        // countries.tsv is sorted by code.
        match self.countries.binary_search_by(|c| c.iso.as_str().cmp(iso)) {
            Ok(i) => Some(&self.countries[i]),
            Err(_) => self.countries.iter().find(|c| c.iso == iso),
        }
    }

    /// The name as the lexicon writes it, for a match's `name` index.
    pub fn name(&self, i: u32) -> &str {
        &self.names[i as usize]
    }

    /// Finds lexicon names in `text` between `start` and `end`, on word
    /// boundaries: a match starts at a capital letter that starts a word or
    /// follows a hyphen, and ends where no letter or digit continues it
    /// (`Iran` in `Iran-backed` counts, in `Irani` not). Names of three
    /// letters or fewer must match case exactly (`AP`, not `Ap`). At each
    /// start the longest name wins, and matches do not overlap.
    pub fn find(&self, text: &str, start: usize, end: usize, out: &mut Vec<LexMatch>) {
        let orig = &text[start..end];
        let lowered = orig.to_ascii_lowercase();
        let hay = lowered.as_str();
        let mut prev: Option<char> = None;
        let mut skip_to = 0;
        let mut candidates = Vec::new();
        for (i, c) in orig.char_indices() {
            let at_start = prev.map_or(true, |p| !p.is_alphanumeric() && p != '\'' && p != '’');
            prev = Some(c);
            if i < skip_to || !c.is_uppercase() || !at_start {
                continue;
            }
            self.prefixes
                .starting(&hay.as_bytes()[i..], &mut candidates);
            // The longest name that ends on a word boundary (and matches
            // case exactly when short).
            for &(name_at, len) in candidates.iter().rev() {
                let e = i + len;
                let after_ok = hay[e..]
                    .chars()
                    .next()
                    .map_or(true, |c| !c.is_alphanumeric());
                let found = &orig[i..e];
                let exact_case = found == self.names[name_at as usize];
                if after_ok && (found.len() > 3 || exact_case) {
                    out.push(LexMatch {
                        start: start + i,
                        end: start + e,
                        name: name_at,
                        exact_case,
                    });
                    skip_to = e;
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        lexicon().find(text, 0, text.len(), &mut out);
        out.iter().map(|m| &text[m.start..m.end]).collect()
    }

    #[test]
    fn countries_places_and_groups_load() {
        let lex = lexicon();
        assert!(lex.countries.len() >= 240);
        assert!(lex.places.len() >= 30_000);
        let iq = lex.lookup("Iraqi");
        assert!(matches!(iq[0], EntryKind::Demonym(i) if lex.countries[i as usize].iso == "IQ"));
        assert!(
            matches!(lex.lookup("U.S.")[0], EntryKind::Country(i) if lex.countries[i as usize].iso == "US")
        );
        let place = |n: &str| match lex
            .lookup(n)
            .iter()
            .find(|e| matches!(e, EntryKind::Place(_)))
        {
            Some(EntryKind::Place(i)) => lex.places[*i as usize].clone(),
            _ => panic!("{n} is not a place"),
        };
        assert_eq!(place("Erbil").country, "IQ");
        assert_eq!(place("Fallujah").country, "IQ");
        assert_eq!(place("Anbar").kind, PlaceKind::Region);
        assert_eq!(
            lex.admin1("IQ", &place("Erbil").admin1).unwrap().name,
            "Arbil"
        );
        assert_eq!(place("Anbar").admin1, "01");
        // The biggest Paris first.
        assert_eq!(place("Paris").country, "FR");
        assert!(matches!(
            lex.lookup("Hezbollah")[0],
            EntryKind::Organisation(_)
        ));
        assert!(matches!(lex.lookup("shiite")[0], EntryKind::Group(_)));
    }

    #[test]
    fn matches_respect_word_boundaries_and_case() {
        assert_eq!(
            found("Iran-backed groups hit the Lebanon-Israel border, US officials said."),
            ["Iran", "Lebanon", "Israel", "US"]
        );
        // "us" is not the US, "Irani" holds no "Iran".
        assert_eq!(found("tell us about Iranian and Irani food"), ["Iranian"]);
        assert_eq!(found("Us and Them"), Vec::<&str>::new());
        assert_eq!(found("LONDON 1996-08-30"), ["LONDON"]);
        assert_eq!(
            found("the Islamic Resistance in Iraq claimed it"),
            ["Islamic Resistance in Iraq"]
        );
    }
}
