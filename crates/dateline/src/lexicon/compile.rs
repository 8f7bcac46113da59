//! The lexicon's tables as the build script compiles them: the data files
//! read, every name ranked and indexed, then written as bytes that the
//! crate reads back at start-up with no parsing, sorting or hashing
//! (`build.rs` includes this file and `prefixes.rs`; the crate includes the
//! bytes it writes). Self-contained on purpose: it uses only `std`.

use std::borrow::Cow;
use std::collections::HashMap;

use super::prefixes::{Ints, Prefixes};

/// A string of the tables: read in place from the compiled bytes, or
/// built from the data files.
pub type Text = Cow<'static, str>;

/// A first-level division of a country (GeoNames admin1: a state,
/// province or governorate).
#[derive(Debug, Clone, PartialEq)]
pub struct Admin1 {
    /// ISO 3166-1 alpha-2 code of its country.
    pub country: Text,
    /// GeoNames admin1 code within the country (`11`).
    pub code: Text,
    /// GeoNames name (`Arbil`).
    pub name: Text,
    /// Latitude of the centroid of its GeoNames places, degrees.
    pub lat: f64,
    /// Longitude of that centroid, degrees.
    pub lon: f64,
}

/// A country or territory.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code (`IQ`).
    pub iso: Text,
    /// English short name (`Iraq`).
    pub name: Text,
    /// GeoNames id.
    pub geonameid: u32,
    /// Latitude of the country's centre, degrees.
    pub lat: Option<f64>,
    /// Longitude of the country's centre, degrees.
    pub lon: Option<f64>,
    /// Capital city's name.
    pub capital: Text,
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
    pub name: Text,
    /// City, region, continent, area, water or territory.
    pub kind: PlaceKind,
    /// ISO country code.
    pub country: Text,
    /// GeoNames first-level division code (may be empty).
    pub admin1: Text,
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
    pub name: Text,
    /// `international`, `armed`, `agency`, `government`, `party`, `company`.
    pub kind: Text,
    /// ISO country code, empty for international bodies.
    pub country: Text,
}

/// A religious, ethnic or political group.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Canonical name (`Shiite`).
    pub name: Text,
    /// `religious`, `ethnic` or `political`.
    pub kind: Text,
}

/// A title or honorific.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    /// Canonical form (`Secretary of State`).
    pub name: Text,
    /// `honorific`, `office`, `military` or `religious`.
    pub kind: Text,
}

/// What a lexicon name stands for; the number indexes the matching list of
/// [`Lexicon`](super::Lexicon).
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
    index: HashMap<String, u32>,
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
fn read_countries(names: &mut Names, text: &str) -> Vec<Country> {
    let mut countries = Vec::new();
    for r in rows(text) {
        let i = countries.len() as u16;
        countries.push(Country {
            iso: field(&r, 0).to_string().into(),
            name: field(&r, 1).to_string().into(),
            geonameid: field(&r, 2).parse().unwrap_or(0),
            lat: field(&r, 3).parse().ok(),
            lon: field(&r, 4).parse().ok(),
            capital: field(&r, 5).to_string().into(),
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
fn read_places(names: &mut Names, text: &str) -> Vec<Place> {
    let place_rows: Vec<Vec<&str>> = rows(text).collect();
    let places: Vec<Place> = place_rows
        .iter()
        .map(|r| Place {
            geonameid: field(r, 0).parse().unwrap_or(0),
            name: field(r, 1).to_string().into(),
            kind: match field(r, 2) {
                "region" => PlaceKind::Region,
                "continent" => PlaceKind::Continent,
                "area" => PlaceKind::Area,
                "water" => PlaceKind::Water,
                "territory" => PlaceKind::Territory,
                _ => PlaceKind::City,
            },
            country: field(r, 3).to_string().into(),
            admin1: field(r, 4).to_string().into(),
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
fn read_organisations(names: &mut Names, text: &str) -> Vec<Organisation> {
    let mut organisations = Vec::new();
    for r in rows(text) {
        let i = organisations.len() as u16;
        organisations.push(Organisation {
            name: field(&r, 0).to_string().into(),
            kind: field(&r, 1).to_string().into(),
            country: field(&r, 2).to_string().into(),
        });
        names.add_row(&r, 0, 3, EntryKind::Organisation(i));
    }
    organisations
}

/// The religious, ethnic and political groups.
fn read_groups(names: &mut Names, text: &str) -> Vec<Group> {
    let mut groups = Vec::new();
    for r in rows(text) {
        let i = groups.len() as u16;
        groups.push(Group {
            name: field(&r, 0).to_string().into(),
            kind: field(&r, 1).to_string().into(),
        });
        names.add_row(&r, 0, 2, EntryKind::Group(i));
    }
    groups
}

/// The titles.
fn read_titles(names: &mut Names, text: &str) -> Vec<Title> {
    let mut titles = Vec::new();
    for r in rows(text) {
        let i = titles.len() as u16;
        titles.push(Title {
            name: field(&r, 0).to_string().into(),
            kind: field(&r, 1).to_string().into(),
        });
        names.add_row(&r, 0, 2, EntryKind::Title(i));
    }
    titles
}

/// The first-level regions, sorted by country and code.
fn read_admin1(text: &str) -> Vec<Admin1> {
    let mut a: Vec<Admin1> = rows(text)
        .map(|r| Admin1 {
            country: field(&r, 0).to_string().into(),
            code: field(&r, 1).to_string().into(),
            name: field(&r, 2).to_string().into(),
            lat: field(&r, 3).parse().unwrap_or(0.0),
            lon: field(&r, 4).parse().unwrap_or(0.0),
        })
        .collect();
    a.sort_by(|x, y| (&x.country, &x.code).cmp(&(&y.country, &y.code)));
    a
}

/// The lexicon's data files, as text.
pub(crate) struct Sources<'a> {
    /// `countries.tsv`.
    pub countries: &'a str,
    /// `places.tsv`.
    pub places: &'a str,
    /// `organisations.tsv`.
    pub organisations: &'a str,
    /// `groups.tsv`.
    pub groups: &'a str,
    /// `titles.tsv`.
    pub titles: &'a str,
    /// `admin1.tsv`.
    pub admin1: &'a str,
}

/// Strings stored one after the other, each found by its end.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Strs {
    text: Text,
    ends: Ints,
}

impl Strs {
    fn push(&mut self, s: &str) {
        let text = self.text.to_mut();
        text.push_str(s);
        let end = text.len() as u32;
        self.ends.to_mut().push(end);
    }

    /// String `i`.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.ends.get(i - 1) as usize
        };
        &self.text[start..self.ends.get(i) as usize]
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }
}

/// Every name of the lexicon, indexed.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct NameIndex {
    /// Each distinct name as first written, in the order added.
    pub names: Strs,
    /// Each name in lower case (the index's keys).
    keys: Strs,
    /// What each name stands for, most salient first.
    kinds: Vec<EntryKind>,
    /// Where each name's kinds end in `kinds`.
    kind_ends: Ints,
    /// An open-addressing table over `keys` (FNV-1a, linear probing):
    /// name index + 1, or 0 for an empty slot; its length is a power of two.
    slots: Ints,
    /// The names in ASCII lower case, sorted for prefix search.
    pub prefixes: Prefixes,
}

/// Everything the lexicon holds, compiled.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Tables {
    pub countries: Vec<Country>,
    pub places: Vec<Place>,
    pub organisations: Vec<Organisation>,
    pub groups: Vec<Group>,
    pub titles: Vec<Title>,
    pub admin1: Vec<Admin1>,
    pub index: NameIndex,
}

/// 64-bit FNV-1a of a lower-case key, for the slots of [`NameIndex`].
pub(crate) fn key_hash(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Tables {
    /// Reads the data files and ranks and indexes every name.
    pub fn compile(src: &Sources<'_>) -> Tables {
        let mut names = Names::default();
        let capacity = (src.places.len() + src.countries.len() + src.organisations.len()) / 25;
        names.index.reserve(capacity);
        names.names.reserve(capacity);
        names.entries.reserve(capacity);
        let countries = read_countries(&mut names, src.countries);
        let places = read_places(&mut names, src.places);
        let organisations = read_organisations(&mut names, src.organisations);
        let groups = read_groups(&mut names, src.groups);
        let titles = read_titles(&mut names, src.titles);
        names.rank_readings();
        let lowered: Vec<String> = names.names.iter().map(|n| n.to_ascii_lowercase()).collect();
        let prefixes = Prefixes::new(
            lowered
                .iter()
                .enumerate()
                .map(|(i, n)| (n.as_bytes(), i as u32)),
        );
        let mut by_id: Vec<(&String, u32)> = names.index.iter().map(|(k, &i)| (k, i)).collect();
        by_id.sort_unstable_by_key(|&(_, i)| i);
        let mut keys = Strs::default();
        for (k, _) in &by_id {
            keys.push(k);
        }
        let size = (by_id.len() * 2).max(2).next_power_of_two();
        let mut slots = vec![0u32; size];
        for (k, i) in &by_id {
            let mut at = key_hash(k) as usize & (size - 1);
            while slots[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = i + 1;
        }
        let mut index = NameIndex {
            keys,
            slots: slots.into(),
            prefixes,
            ..NameIndex::default()
        };
        for (n, list) in names.names.iter().zip(&names.entries) {
            index.names.push(n);
            index.kinds.extend_from_slice(list);
            let end = index.kinds.len() as u32;
            index.kind_ends.to_mut().push(end);
        }
        Tables {
            countries,
            places,
            organisations,
            groups,
            titles,
            admin1: read_admin1(src.admin1),
            index,
        }
    }
}

impl NameIndex {
    /// The index of the name whose lower-case form is `key`.
    pub fn find(&self, key: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = key_hash(key) as usize & mask;
        loop {
            let i = self.slots.get(at);
            if i == 0 {
                return None;
            }
            if self.keys.get(i as usize - 1) == key {
                return Some(i as usize - 1);
            }
            at = (at + 1) & mask;
        }
    }

    /// What name `i` stands for.
    pub fn kinds_of(&self, i: usize) -> &[EntryKind] {
        let start = if i == 0 {
            0
        } else {
            self.kind_ends.get(i - 1) as usize
        };
        &self.kinds[start..self.kind_ends.get(i) as usize]
    }
}

impl Tables {
    /// The tables as bytes, for [`Tables::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        w.0.extend_from_slice(MAGIC);
        w.len(self.countries.len());
        for c in &self.countries {
            w.str(&c.iso);
            w.str(&c.name);
            w.u32(c.geonameid);
            w.opt(c.lat);
            w.opt(c.lon);
            w.str(&c.capital);
        }
        w.len(self.places.len());
        for p in &self.places {
            w.u32(p.geonameid);
            w.str(&p.name);
            w.u8(match p.kind {
                PlaceKind::City => 0,
                PlaceKind::Region => 1,
                PlaceKind::Continent => 2,
                PlaceKind::Area => 3,
                PlaceKind::Water => 4,
                PlaceKind::Territory => 5,
            });
            w.str(&p.country);
            w.str(&p.admin1);
            w.opt(p.lat);
            w.opt(p.lon);
            w.u64(p.population);
        }
        w.len(self.organisations.len());
        for o in &self.organisations {
            w.str(&o.name);
            w.str(&o.kind);
            w.str(&o.country);
        }
        w.len(self.groups.len());
        for g in &self.groups {
            w.str(&g.name);
            w.str(&g.kind);
        }
        w.len(self.titles.len());
        for t in &self.titles {
            w.str(&t.name);
            w.str(&t.kind);
        }
        w.len(self.admin1.len());
        for a in &self.admin1 {
            w.str(&a.country);
            w.str(&a.code);
            w.str(&a.name);
            w.u64(a.lat.to_bits());
            w.u64(a.lon.to_bits());
        }
        w.strs(&self.index.names);
        w.strs(&self.index.keys);
        w.len(self.index.kinds.len());
        for k in &self.index.kinds {
            let (tag, i) = match *k {
                EntryKind::Country(i) => (0, i as u32),
                EntryKind::Demonym(i) => (1, i as u32),
                EntryKind::Place(i) => (2, i),
                EntryKind::Organisation(i) => (3, i as u32),
                EntryKind::Group(i) => (4, i as u32),
                EntryKind::Title(i) => (5, i as u32),
            };
            w.u8(tag);
            w.u32(i);
        }
        w.u32s(&self.index.kind_ends);
        w.u32s(&self.index.slots);
        let (bytes, names, walk, short) = self.index.prefixes.parts();
        w.len(bytes.len());
        w.0.extend_from_slice(bytes);
        w.len(names.len() / 3);
        for v in names.iter() {
            w.u32(v);
        }
        w.u32s(walk);
        w.len(short.len());
        for (n, id) in short {
            w.len(n.len());
            w.0.extend_from_slice(n);
            w.u32(*id);
        }
        w.0
    }

    /// Reads what [`Tables::to_bytes`] wrote; `None` if the bytes are not
    /// that. The strings and number lists are read in place, not copied.
    pub fn from_bytes(b: &'static [u8]) -> Option<Tables> {
        let mut r = Reader { b, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let mut t = Tables::default();
        for _ in 0..r.len()? {
            t.countries.push(Country {
                iso: r.string()?,
                name: r.string()?,
                geonameid: r.u32()?,
                lat: r.opt()?,
                lon: r.opt()?,
                capital: r.string()?,
            });
        }
        let n = r.len()?;
        t.places.reserve(n.min(b.len()));
        for _ in 0..n {
            t.places.push(Place {
                geonameid: r.u32()?,
                name: r.string()?,
                kind: match r.u8()? {
                    0 => PlaceKind::City,
                    1 => PlaceKind::Region,
                    2 => PlaceKind::Continent,
                    3 => PlaceKind::Area,
                    4 => PlaceKind::Water,
                    5 => PlaceKind::Territory,
                    _ => return None,
                },
                country: r.string()?,
                admin1: r.string()?,
                lat: r.opt()?,
                lon: r.opt()?,
                population: r.u64()?,
            });
        }
        for _ in 0..r.len()? {
            t.organisations.push(Organisation {
                name: r.string()?,
                kind: r.string()?,
                country: r.string()?,
            });
        }
        for _ in 0..r.len()? {
            t.groups.push(Group {
                name: r.string()?,
                kind: r.string()?,
            });
        }
        for _ in 0..r.len()? {
            t.titles.push(Title {
                name: r.string()?,
                kind: r.string()?,
            });
        }
        for _ in 0..r.len()? {
            t.admin1.push(Admin1 {
                country: r.string()?,
                code: r.string()?,
                name: r.string()?,
                lat: f64::from_bits(r.u64()?),
                lon: f64::from_bits(r.u64()?),
            });
        }
        t.index.names = r.strs()?;
        t.index.keys = r.strs()?;
        let n = r.len()?;
        t.index.kinds.reserve(n.min(b.len()));
        for _ in 0..n {
            let (tag, i) = (r.u8()?, r.u32()?);
            let small = || u16::try_from(i).ok();
            t.index.kinds.push(match tag {
                0 => EntryKind::Country(small()?),
                1 => EntryKind::Demonym(small()?),
                2 => EntryKind::Place(i),
                3 => EntryKind::Organisation(small()?),
                4 => EntryKind::Group(small()?),
                5 => EntryKind::Title(small()?),
                _ => return None,
            });
        }
        t.index.kind_ends = r.u32s()?;
        t.index.slots = r.u32s()?;
        let n = r.len()?;
        let bytes = Cow::Borrowed(r.take(n)?);
        let n = r.len()?;
        let names = Ints::from_bytes(r.take(n.checked_mul(12)?)?)?;
        let walk = r.u32s()?;
        let mut short = Vec::new();
        for _ in 0..r.len()? {
            let n = r.len()?;
            short.push((r.take(n)?.to_vec(), r.u32()?));
        }
        t.index.prefixes = Prefixes::from_parts(bytes, names, walk, short)?;
        // Every index the tables hold points inside them.
        let ok = r.at == b.len()
            && t.index.kind_ends.len() == t.index.names.len()
            && t.index.keys.len() == t.index.names.len()
            && (1..t.index.kind_ends.len())
                .all(|i| t.index.kind_ends.get(i - 1) <= t.index.kind_ends.get(i))
            && t.index
                .kind_ends
                .last()
                .map_or(true, |e| e as usize == t.index.kinds.len())
            && t.index.slots.len().is_power_of_two()
            // An empty slot ends every probe of `NameIndex::find`.
            && t.index.slots.iter().any(|s| s == 0)
            && t.index
                .prefixes
                .ids()
                .all(|id| (id as usize) < t.index.names.len())
            && t.index
                .slots
                .iter()
                .all(|s| s as usize <= t.index.names.len())
            && t.index.names.valid()
            && t.index.keys.valid()
            && t.index.kinds.iter().all(|k| match *k {
                EntryKind::Country(i) | EntryKind::Demonym(i) => (i as usize) < t.countries.len(),
                EntryKind::Place(i) => (i as usize) < t.places.len(),
                EntryKind::Organisation(i) => (i as usize) < t.organisations.len(),
                EntryKind::Group(i) => (i as usize) < t.groups.len(),
                EntryKind::Title(i) => (i as usize) < t.titles.len(),
            });
        ok.then_some(t)
    }
}

impl Strs {
    /// Every end within the text, in order, on a character boundary.
    fn valid(&self) -> bool {
        (1..self.ends.len()).all(|i| self.ends.get(i - 1) <= self.ends.get(i))
            && self
                .ends
                .last()
                .map_or(true, |e| e as usize == self.text.len())
            && self
                .ends
                .iter()
                .all(|e| self.text.is_char_boundary(e as usize))
    }
}

const MAGIC: &[u8; 8] = b"DLLEX\x00\x00\x01";

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(n as u32);
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt(&mut self, v: Option<f64>) {
        match v {
            Some(x) => {
                self.u8(1);
                self.u64(x.to_bits());
            }
            None => self.u8(0),
        }
    }
    fn u32s(&mut self, v: &Ints) {
        self.len(v.len());
        for x in v.iter() {
            self.u32(x);
        }
    }
    fn strs(&mut self, s: &Strs) {
        self.str(&s.text);
        self.u32s(&s.ends);
    }
}

struct Reader {
    b: &'static [u8],
    at: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn len(&mut self) -> Option<usize> {
        Some(self.u32()? as usize)
    }
    fn string(&mut self) -> Option<Text> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok().map(Cow::Borrowed)
    }
    fn opt(&mut self) -> Option<Option<f64>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(f64::from_bits(self.u64()?))),
            _ => None,
        }
    }
    fn u32s(&mut self) -> Option<Ints> {
        let n = self.len()?;
        Ints::from_bytes(self.take(n.checked_mul(4)?)?)
    }
    fn strs(&mut self) -> Option<Strs> {
        Some(Strs {
            text: self.string()?,
            ends: self.u32s()?,
        })
    }
}
