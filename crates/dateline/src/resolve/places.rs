//! Pass 5: places resolved in the gazetteer, or located by the place that
//! contains them.
//!
//! A place's name is looked up in the gazetteer; where it names several
//! places, each reading is scored: its size (a country, a continent or an
//! area is what its name means; a capital and a populous city beat a
//! town: `Paris` is in France), the article's other places (a town in a
//! state or country they name gains: `Paris` near `Texas` is in Texas) and
//! a region or country right after the name (`Paris, Texas`), which
//! decides. A name that is a person's (`President Bush`, `Bush` where the
//! article names George Bush) is no place.
//! A facility or unknown place located by the text (`Ain Al Asad base in
//! Anbar province`, `Baghdad's international airport`) takes its
//! container's location.

use std::collections::HashMap;

use super::builder::Builder;
use super::{Location, Precision};
use crate::entities::{EntityKind, Mention};
use crate::lexicon::roles::strip_possessive;
use crate::lexicon::towns::{towns, Town, TownKind};
use crate::lexicon::{EntryKind, Lexicon, PlaceKind, TIME_NOUNS};

/// Capitalised words that, after a place's name, make a longer place or
/// say where (`Laurel County`, `Main Street`, `Gaza City`): no person's
/// name.
const PLACE_WORDS: &[&str] = &[
    "county",
    "city",
    "state",
    "street",
    "road",
    "avenue",
    "river",
    "lake",
    "valley",
    "island",
    "islands",
    "bay",
    "beach",
    "park",
    "square",
    "bridge",
    "mountains",
    "hills",
    "north",
    "south",
    "east",
    "west",
    "township",
    "parish",
    "province",
    "region",
    "district",
    "airport",
    "harbour",
    "harbor",
    "port",
    "coast",
    "strip",
    "bank",
    "heights",
    "falls",
    "springs",
];

/// A city this populous is what its name means unless the article says
/// otherwise (a qualifier, its state or a county of a town of its name).
const FAMOUS: u64 = 1_000_000;

/// A city this many times a town's size is not moved to the town by the
/// article's other places alone (see [`Builder::town_score`]).
const TOWN_TO_CITY: u64 = 20;

/// Words before `of` that name the place after it (`State of Ohio`, `City
/// of Alexandria`).
const OF_PLACE: &[&str] = &[
    "state",
    "commonwealth",
    "city",
    "town",
    "village",
    "township",
    "county",
    "borough",
    "province",
];

/// Words after a name that make it a leader's (`the Bush administration`,
/// `Bush-era`).
const LEADER_WORDS: &[&str] = &["administration", "presidency", "era", "doctrine"];

/// Abbreviated month names (with [`crate::lexicon::MONTHS`]), which follow
/// a place in datelines and times (`in Erbil March 3`).
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// The countries of the article's place and group mentions, counted.
#[derive(Default)]
struct NamedCountries<'a> {
    /// Mentions of each country.
    all: HashMap<&'a str, usize>,
    /// Mentions of each country per entity.
    own: HashMap<(usize, &'a str), usize>,
}

impl NamedCountries<'_> {
    /// How many mentions of entities other than `id` name country `c`.
    fn by_others(&self, id: usize, c: &str) -> usize {
        let all = self.all.get(c).copied().unwrap_or(0);
        all.saturating_sub(self.own.get(&(id, c)).copied().unwrap_or(0))
    }
}

/// One first-level division as the article's places name it or may lie
/// in it.
#[derive(Default)]
struct Division {
    /// The entities, ascending, each once, with whether one of its
    /// readings in the division is a town or county of the second
    /// gazetteer (local news).
    entities: Vec<(usize, bool)>,
    /// How many of them are local.
    local: usize,
}

impl Division {
    /// Entity `id` (no lower than those before it) is in the division.
    fn add(&mut self, id: usize, local: bool) {
        match self.entities.last_mut() {
            Some((e, l)) if *e == id => {
                if local && !*l {
                    *l = true;
                    self.local += 1;
                }
            }
            _ => {
                self.entities.push((id, local));
                self.local += usize::from(local);
            }
        }
    }

    /// How many entities other than `id` are in the division; with
    /// `local`, how many of those are local.
    fn others(&self, id: usize, local: bool) -> usize {
        let own = self
            .entities
            .binary_search_by_key(&id, |x| x.0)
            .ok()
            .map(|i| self.entities[i].1);
        if local {
            self.local - usize::from(own == Some(true))
        } else {
            self.entities.len() - usize::from(own.is_some())
        }
    }
}

/// Divisions per country and admin1 code.
type ByDivision = HashMap<String, HashMap<String, Division>>;

/// Division `a` of country `c` in `map`, made empty if new.
fn division_in<'m>(map: &'m mut ByDivision, c: &str, a: &str) -> &'m mut Division {
    map.entry(c.to_string())
        .or_default()
        .entry(a.to_string())
        .or_default()
}

/// The first-level divisions the article's places name or lie in, and the
/// places that may be a division, indexed so that each question a reading
/// asks costs a lookup, not a pass over the article's places.
#[derive(Default)]
struct Divisions {
    /// The divisions places name or lie in (by their likeliest reading).
    by: ByDivision,
    /// Per country: the entities (ascending, each once) whose names may be
    /// one of its first-level divisions.
    regions: HashMap<String, Vec<usize>>,
    /// The divisions any reading of a place's names, a city or a town of
    /// any size, lies in.
    readings: ByDivision,
    /// Where the readings of places of few readings lie (entity, latitude,
    /// longitude), to find a reading's near neighbours
    /// ([`Context::near`]).
    points: Vec<(usize, f64, f64)>,
}

impl Divisions {
    /// Entity `id` names or may lie in division `a` of country `c`.
    fn add(&mut self, c: &str, a: &str, id: usize, local: bool) {
        division_in(&mut self.by, c, a).add(id, local);
    }

    /// One of entity `id`'s readings, a city or town, lies in division `a`
    /// of country `c`.
    fn add_reading(&mut self, c: &str, a: &str, id: usize, local: bool) {
        if !a.is_empty() {
            division_in(&mut self.readings, c, a).add(id, local);
        }
    }

    /// Entity `id` may be a first-level division of country `c`.
    fn add_region(&mut self, c: &str, id: usize) {
        let r = self.regions.entry(c.to_string()).or_default();
        if r.last() != Some(&id) {
            r.push(id);
        }
    }
}

/// What the article's other places say of a place `id`: how often they
/// name each country, and the first-level divisions they are in.
struct Context<'n> {
    named: &'n NamedCountries<'n>,
    divisions: &'n Divisions,
    id: usize,
}

impl Context<'_> {
    /// Mentions of other entities naming country `c`.
    fn country(&self, c: &str) -> usize {
        self.named.by_others(self.id, c)
    }

    /// Whether another place of the article is a first-level division of
    /// country `c` (a state named, not a town in one).
    fn other_region(&self, c: &str) -> bool {
        self.divisions
            .regions
            .get(c)
            .is_some_and(|r| r.len() > usize::from(r.binary_search(&self.id).is_ok()))
    }

    /// How many other places of `map` are in division `a` of country `c`
    /// (with `local`, local ones only).
    fn others(&self, map: &ByDivision, c: &str, a: &str, local: bool) -> usize {
        if a.is_empty() {
            return 0;
        }
        map.get(c)
            .and_then(|m| m.get(a))
            .map_or(0, |d| d.others(self.id, local))
    }

    /// How many other places are division `a` of country `c`, or (may)
    /// lie in it.
    fn division(&self, c: &str, a: &str) -> usize {
        self.others(&self.divisions.by, c, a, false)
    }

    /// What the other places in a division add to a reading's score: 6
    /// for one, 1.5 more for each other up to three (`Gainesville` with
    /// `Texas` and `Cooke County` is in Texas, not in Florida where a town
    /// is named `Christmas`).
    fn division_support(&self, c: &str, a: &str) -> f64 {
        match self.division(c, a) {
            0 => 0.0,
            n => 6.0 + 1.5 * (n.min(3) - 1) as f64,
        }
    }

    /// What other places that may lie in division `a` of country `c` add
    /// to a city's or town's score, one reading of theirs being there
    /// (`Alexandria` with `Woodbridge` and `Manassas` is in Virginia): 2
    /// for each, up to three; with `local`, only those whose reading there
    /// is a town or county of the second gazetteer (`Paris` with `Henry
    /// County`, not with `Chicago`).
    fn neighbours(&self, c: &str, a: &str, local: bool) -> f64 {
        2.0 * self.others(&self.divisions.readings, c, a, local).min(3) as f64
    }

    /// Whether another place that is a town or county of the second
    /// gazetteer may lie in division `a` of country `c`.
    fn local_division(&self, c: &str, a: &str) -> bool {
        self.others(&self.divisions.by, c, a, true) > 0
    }

    /// What another place of few readings, each a town or county of the
    /// second gazetteer, one of them within [`NEAR_KM`] of a reading at
    /// (`lat`, `lon`), adds to its score (4): places an
    /// article names together lie together (`Huntsville` with `Walker
    /// County` is Texas's, in that county, not Alabama's, whose Walker
    /// County lies 150 km away).
    fn near(&self, lat: f64, lon: f64) -> f64 {
        let near = self
            .divisions
            .points
            .iter()
            .any(|&(id, a, b)| id != self.id && km(lat, lon, a, b) <= NEAR_KM);
        if near {
            4.0
        } else {
            0.0
        }
    }
}

/// How close two places' readings must lie to count as named together
/// ([`Context::near`]): a county's centre and its towns.
const NEAR_KM: f64 = 40.0;

/// Readings of the article's places kept to find neighbours by (the first
/// places' in article order): each reading's look-up scans them, so an
/// article of many small places costs at most this much per reading.
const NEAR_POINTS: usize = 64;

/// Readings a place may have and still tell where its neighbours lie
/// ([`Context::near`]): a name of many towns (`Washington`, `Springfield`)
/// lies near anything.
const NEAR_READINGS: usize = 6;

/// The distance in kilometres between two points (equirectangular: exact
/// enough at the distances [`NEAR_KM`] asks about).
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let mid = ((lat1 + lat2) / 2.0).to_radians();
    let mut dlon = (lon2 - lon1).abs();
    if dlon > 180.0 {
        dlon = 360.0 - dlon;
    }
    let x = dlon.to_radians() * mid.cos();
    let y = (lat2 - lat1).to_radians();
    6371.0 * (x * x + y * y).sqrt()
}

impl<'a> Builder<'a> {
    /// Pass 5: places in the gazetteer, or located by their container.
    pub(super) fn places(&mut self) {
        self.locate_in_gazetteer();
        self.locate_by_containers();
    }

    /// Each place's gazetteer entry, and its country.
    fn locate_in_gazetteer(&mut self) {
        self.unplace_people();
        let named = self.countries_named();
        let divisions = self.divisions_named();
        for id in 0..self.entities.len() {
            if self.entities[id].kind != EntityKind::Place {
                continue;
            }
            let context = Context {
                named: &named,
                divisions: &divisions,
                id,
            };
            let loc = self.gazetteer_location(id, &context);
            if let Some(c) = loc.as_ref().and_then(|l| l.country.clone()) {
                self.entities[id].country = Some(c);
            }
            self.entities[id].place = loc;
        }
    }

    /// A place whose name is a person's is that person, not a place: a
    /// title right before it (`President Bush`, `Mr Bush`), or the last
    /// word of a person the article names (`Bush` after `George W. Bush`),
    /// unless a preposition of place names it as a known place (`in
    /// Houston`).
    fn unplace_people(&mut self) {
        let surnames: Vec<String> = self
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .filter_map(|e| e.name.split_whitespace().last())
            .map(|w| strip_possessive(w).to_lowercase())
            .collect();
        for id in 0..self.entities.len() {
            let e = &self.entities[id];
            if e.kind != EntityKind::Place || e.subtype.as_deref() == Some("facility") {
                continue;
            }
            // A country is only a person's first name (`Georgia O'Keeffe`):
            // `Jordan` stays a country where a Michael Jordan plays.
            let country = e.subtype.as_deref() == Some("country");
            let name = e.name.to_lowercase();
            let person = e.names().filter_map(|m| m.mention).any(|mi| {
                let m = &self.mentions[mi];
                (!country && self.titled(m)) || self.first_name(m)
            }) || (!country
                && !name.contains(' ')
                && surnames.contains(&name)
                // `in Houston` after `Whitney Houston` is the city.
                && !e.names().filter_map(|m| m.mention).any(|mi| {
                    crate::entities::known_place_named_as_one(self.text, &self.mentions[mi])
                }));
            if person {
                let e = &mut self.entities[id];
                e.kind = EntityKind::Person;
                e.subtype = None;
                e.country = None;
                e.place = None;
                self.anchors[id] = None;
            }
        }
    }

    /// Whether mention `m` is the first word of a longer name, the way a
    /// first name is (`Georgia O'Keeffe`, `Paris Hilton`): a capitalised
    /// word follows it in a sentence that is a person's name, or no
    /// mention and no lexicon entry, nor a word that goes with places
    /// (`County`, `Street`).
    fn first_name(&self, m: &Mention) -> bool {
        if m.name_end != m.end {
            return false;
        }
        let after = &self.text[m.end..];
        // `the Bush administration`, `Bush-era tax cuts`: a leader's name.
        let next = after
            .trim_start_matches([' ', '-'])
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if LEADER_WORDS.contains(&next) {
            return true;
        }
        // A title-case headline capitalises every word.
        if m.unit < self.headlines && self.title_case(m.unit) {
            return false;
        }
        let Some(rest) = after.strip_prefix(' ') else {
            return false;
        };
        let word: &str = rest
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .next()
            .unwrap_or("");
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        // A surname ends the name: no abbreviation (`U.S. Rep.`) and no
        // third capitalised word (`Florida Highway Patrol`).
        let tail = rest[word.len()..].trim_start_matches(' ');
        let third = tail.chars().next().is_some_and(char::is_uppercase);
        match self.mention_starting(m.end + 1) {
            Some(next) => self.mentions[next].kind == EntityKind::Person,
            None if tail.starts_with('.') || third => false,
            None => {
                let lower = word.to_lowercase();
                self.lex.lookup(word).is_empty()
                    && !PLACE_WORDS.contains(&lower.as_str())
                    && !TIME_NOUNS.contains(&lower.as_str())
                    && !crate::lexicon::MONTHS.contains(&lower.as_str())
                    && !MONTH_ABBREVIATIONS.contains(&lower.as_str())
            }
        }
    }

    /// Whether unit `u` capitalises its words (a title-case headline): no
    /// word of four letters or more starts in lower case.
    fn title_case(&self, u: usize) -> bool {
        let Some(span) = self.units.get(u) else {
            return false;
        };
        !self.text[span.start..span.end]
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_lowercase))
    }

    /// Whether a title or honorific of the lexicon stands right before
    /// mention `m` (`President Bush`, `Mr Bush`, `Senator Clinton`).
    fn titled(&self, m: &Mention) -> bool {
        let before = self.text[..m.name_start].trim_end_matches(' ');
        if before.len() == m.name_start {
            return false;
        }
        let word = before
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '.'))
            .next()
            .unwrap_or("");
        let word = word.trim_end_matches('.');
        word.chars().next().is_some_and(char::is_uppercase)
            && self
                .lex
                .lookup(word)
                .iter()
                .any(|e| matches!(e, EntryKind::Title(_)))
    }

    /// The first-level divisions the article's places name or lie in, each
    /// with the entity: a division named (`Texas`), or the division of a
    /// place's likeliest reading (`Austin` lies in Texas), or a county a
    /// local body is named after (`Rapides Parish Fire District`); the
    /// places that may be a division; and where the readings of names only
    /// the second gazetteer has lie ([`Context::near`]).
    fn divisions_named(&self) -> Divisions {
        let mut out = Divisions::default();
        for (id, e) in self.entities.iter().enumerate() {
            if e.kind == EntityKind::Organisation {
                self.county_of_body(id, &mut out);
                continue;
            }
            if e.kind != EntityKind::Place {
                continue;
            }
            let Some(names) = self.place_names(id) else {
                continue;
            };
            // Only names the second gazetteer alone has (`Walker County`,
            // `Chiefland`): a city's name has namesakes of its own
            // (England's `Richmond`, `Stoke` and `Wakefield` lie together
            // again around Nelson, New Zealand).
            let mut points: Vec<(usize, f64, f64)> = Vec::new();
            for name in &names {
                if self.lex.lookup(name).iter().any(is_place) {
                    points.clear();
                    break;
                }
                points.extend(towns().lookup(name).map(|t| (id, t.lat, t.lon)));
            }
            if points.len() <= NEAR_READINGS && out.points.len() + points.len() <= NEAR_POINTS {
                out.points.extend(points);
            }
            for name in names {
                let entries = self.lex.lookup(name);
                if !entries.iter().any(is_place) {
                    // A name only the second gazetteer has (`Henry
                    // County`): every state it may be in.
                    for t in towns().lookup(name) {
                        out.add(t.country, t.admin1, id, true);
                        out.add_reading(t.country, t.admin1, id, true);
                    }
                    continue;
                }
                if !entries.iter().any(|e| is_place(e) && !self.is_city(e)) {
                    for t in towns().lookup(name) {
                        out.add_reading(t.country, t.admin1, id, true);
                    }
                }
                let mut city_seen = false;
                for entry in entries {
                    let EntryKind::Place(i) = *entry else {
                        continue;
                    };
                    let p = &self.lex.places[i as usize];
                    if p.kind == PlaceKind::City {
                        out.add_reading(&p.country, &p.admin1, id, false);
                    }
                    match p.kind {
                        PlaceKind::Region => out.add_region(&p.country, id),
                        // Only the biggest town of a name: the likeliest.
                        PlaceKind::City if !city_seen => city_seen = true,
                        _ => continue,
                    }
                    out.add(&p.country, &p.admin1, id, false);
                }
            }
        }
        out
    }

    /// A local body named after its county (`Rapides Parish Fire District`,
    /// `the Henry County Sheriff's Office`), organisation `id`: the county
    /// lies in the article's part of the world, as if named alone. Only a
    /// county of few namesakes ([`NEAR_READINGS`]): a `Jefferson County`
    /// lies in 25 states and tells none.
    fn county_of_body(&self, id: usize, out: &mut Divisions) {
        for mi in self.entities[id].names().filter_map(|m| m.mention) {
            let m = &self.mentions[mi];
            let Some(county) = county_opening(&self.text[m.name_start..m.name_end]) else {
                continue;
            };
            let counties: Vec<Town> = towns()
                .lookup(county)
                .filter(|t| t.kind == TownKind::County)
                .collect();
            if counties.len() > NEAR_READINGS {
                continue;
            }
            for t in counties {
                out.add(t.country, t.admin1, id, true);
                out.add_reading(t.country, t.admin1, id, true);
            }
        }
    }

    /// Countries the article names, to choose between places of one name:
    /// those of the place and group mentions, counted, and per entity.
    fn countries_named(&self) -> NamedCountries<'a> {
        let mentions: &'a [Mention] = self.mentions;
        let mut named = NamedCountries::default();
        for (mi, m) in mentions.iter().enumerate() {
            if let Some(c) = &m.country {
                if matches!(m.kind, EntityKind::Place | EntityKind::Group) {
                    *named.all.entry(c.as_str()).or_default() += 1;
                    if let Some(id) = self.of_mention[mi] {
                        *named.own.entry((id, c.as_str())).or_default() += 1;
                    }
                }
            }
        }
        named
    }

    /// Containers: a place that is not a country, city or region takes the
    /// location of the place it is in (`X in Y`, `X, in the northern city
    /// of Y`, `X near Y`, `Y's X`).
    fn locate_by_containers(&mut self) {
        for id in 0..self.entities.len() {
            if self.entities[id].kind != EntityKind::Place {
                continue;
            }
            let own = self.entities[id].place.as_ref().map(|p| p.feature.clone());
            if own.is_some_and(|f| !matches!(f.as_str(), "facility" | "place")) {
                continue;
            }
            let Some(c) = self.container_of(id).filter(|&c| c != id) else {
                continue;
            };
            let Some(outer) = self.entities[c].place.clone() else {
                continue;
            };
            let loc = self.located_within(id, c, &outer);
            let e = &mut self.entities[id];
            e.country = loc.country.clone();
            e.place = Some(loc);
        }
    }

    /// The place entity that contains place `id`, from the first of its
    /// names that tells one.
    fn container_of(&self, id: usize) -> Option<usize> {
        for mi in self.entities[id].names().filter_map(|m| m.mention) {
            let mention = &self.mentions[mi];
            if mention.name_end < mention.end {
                // `Baghdad's international airport`: the name part is
                // the container when it is a gazetteer place.
                let name = strip_possessive(&self.text[mention.name_start..mention.name_end]);
                if let Some(c) = self
                    .entities
                    .iter()
                    .position(|e| e.kind == EntityKind::Place && e.name == name && e.id != id)
                {
                    return Some(c);
                }
            }
            if let Some(c) = self.container_after(mention) {
                return Some(c);
            }
        }
        None
    }

    /// The location of place `id` inside entity `c`, which is at `outer`.
    fn located_within(&self, id: usize, c: usize, outer: &Location) -> Location {
        let e = &self.entities[id];
        let mut chain = vec![e.name.clone()];
        chain.extend(outer.chain.iter().cloned());
        let feature = if e.subtype.as_deref() == Some("facility") {
            "facility"
        } else {
            "place"
        };
        Location {
            geonameid: None,
            name: e.name.clone(),
            feature: feature.into(),
            precision: Precision::Container,
            country: outer.country.clone(),
            country_name: outer.country_name.clone(),
            admin1: outer.admin1.clone(),
            admin1_name: outer.admin1_name.clone(),
            lat: outer.lat,
            lon: outer.lon,
            chain,
            within: Some(c),
        }
    }

    /// The place named right after a mention by `in`, `near` or `outside`
    /// (`the northern city of`, `the province of` skipped).
    fn container_after(&self, m: &Mention) -> Option<usize> {
        let rest = &self.text[m.end..];
        let mut cut = rest.len().min(60);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let lower = rest[..cut].to_ascii_lowercase();
        for lead in [
            " in ",
            ", in ",
            " near ",
            ", near ",
            " outside ",
            ", outside ",
        ] {
            if let Some(tail) = lower.strip_prefix(lead) {
                let mut skip = m.end + lead.len();
                // `the northern city of`, `the province of`.
                let mut t = tail;
                if let Some(x) = t.strip_prefix("the ") {
                    skip += 4;
                    t = x;
                    let words: Vec<&str> = t.split(' ').take(4).collect();
                    if let Some(k) = words.iter().position(|w| *w == "of") {
                        let n: usize = words[..=k].iter().map(|w| w.len() + 1).sum();
                        skip += n;
                    }
                }
                let bm = self.mention_starting(skip)?;
                let b = &self.mentions[bm];
                if b.kind == EntityKind::Place {
                    return self.of_mention[bm];
                }
                return None;
            }
        }
        None
    }

    /// Place `id`'s best gazetteer entry, described; none for a facility or
    /// a name the gazetteer lacks. `named` tells whether the other entities
    /// name a country.
    fn gazetteer_location(&self, id: usize, context: &Context<'_>) -> Option<Location> {
        let names = self.place_names(id)?;
        let region_hint = self.entities[id].subtype.as_deref() == Some("region");
        let qualifiers = self.qualifiers(id);
        // A country's, a state's or a region's name: its cities and towns
        // gain nothing from the article's other towns (`Jamaica` with
        // `Boston` stays the country).
        let area = names
            .iter()
            .flat_map(|n| self.lex.lookup(n))
            .any(|e| is_place(e) && !self.is_city(e));
        // A famous city of the name (`Athens`, `London`): the other
        // places' cities do not move it to a city of the same name (only
        // their towns and counties do: `Paris` with `Henry County`).
        let famous = names
            .iter()
            .flat_map(|n| self.lex.lookup(n))
            .find_map(|e| match *e {
                EntryKind::Place(i) if self.famous(i) => Some(i),
                _ => None,
            });
        // Score every entry the names stand for, then describe the best.
        let mut best: Option<(f64, EntryKind)> = None;
        for name in &names {
            for entry in self.lex.lookup(name) {
                if let EntryKind::Place(i) = *entry {
                    if accents_only(name, &self.lex.places[i as usize].name) {
                        continue;
                    }
                }
                let Some(score) =
                    self.entry_score(entry, &qualifiers, region_hint, (area, famous), context)
                else {
                    continue;
                };
                if best.map_or(true, |(s, _)| score > s) {
                    best = Some((score, *entry));
                }
            }
        }
        // Towns and counties of the second gazetteer: where the main one
        // has no place of the name, or where the article's other places
        // or a qualifier vouch for one (`Paris` with `Henry County`).
        let mut town: Option<(f64, Town)> = None;
        let main = if area {
            Main::Area
        } else if let Some((_, EntryKind::Place(i))) = best {
            let p = &self.lex.places[i as usize];
            Main::City(&p.country, self.famous(i), p.population)
        } else {
            Main::None
        };
        // A country's, a state's or a region's name is never a town's.
        let names = if main == Main::Area {
            Vec::new()
        } else {
            names
        };
        for name in names {
            for t in towns().lookup(name) {
                let Some(score) = self.town_score(&t, &qualifiers, main, context) else {
                    continue;
                };
                if town.map_or(true, |(s, _)| score > s) {
                    town = Some((score, t));
                }
            }
        }
        if let Some((score, t)) = town {
            if best.map_or(true, |(s, _)| score > s) {
                return Some(town_location(self.lex, &t));
            }
        }
        match best?.1 {
            EntryKind::Country(i) => Some(country_location(self.lex, i as usize)),
            EntryKind::Place(i) => Some(place_location(self.lex, i as usize)),
            _ => None,
        }
    }

    /// How well town or county `t` of the second gazetteer fits, on
    /// [`Builder::entry_score`]'s scale: its size (a county a little more
    /// than its towns), the article's mentions of its country, another
    /// place in its division (6), other places that may lie in it (2
    /// each, up to 6; only towns and counties where the city of its name
    /// is famous), a reading near a town or county of the article (4:
    /// [`Context::near`]) and a qualifier (30). Against `main`, what
    /// the main gazetteer has of the name: with nothing, a town where the
    /// article names its state (a US town) or its country (elsewhere);
    /// a city's name goes to a town only where another town or county of
    /// the article may be in the town's division (`Paris` with `Henry
    /// County`), two other places may (unless the city is famous:
    /// [`FAMOUS`]; for a city [`TOWN_TO_CITY`] times the town's size, one
    /// of them a town or county), or another place is and the city is of another country
    /// the article does not name (`Paris` with `Tennessee`), never on the
    /// town's size; a name that is also a country's, a state's
    /// or a region's never (in a list of states, `Washington, West
    /// Virginia` is no qualified town).
    fn town_score(
        &self,
        t: &Town,
        qualifiers: &[(String, String)],
        main: Main<'_>,
        context: &Context<'_>,
    ) -> Option<f64> {
        let local = context.local_division(t.country, t.admin1);
        let division = context.division(t.country, t.admin1) > 0;
        let qualified = qualifiers
            .iter()
            .any(|(c, a)| *c == t.country && (a.is_empty() || *a == t.admin1));
        let allowed = match main {
            // A town the main gazetteer does not know needs the article to
            // be about its part of the world: another place in its
            // division, or (outside the US, whose 14,000 towns share their
            // names with words and surnames: `Christmas`, `Hope`,
            // `Simpson`) a place of its country.
            Main::None => {
                qualified || division || (t.country != "US" && context.country(t.country) > 0)
            }
            // `Boston` with `New York` named stays in Massachusetts;
            // `Paris` with `Tennessee` named is there.
            // `Woodbridge` with `Alexandria` and `Manassas`, which may
            // both lie in Virginia, is Virginia's. A city twenty times the
            // town's size moves only when a town or county of the division
            // is among them (`Austin` with `Scott County, Indiana`), not
            // for its cities alone: `Boston` with `New York` and `Albany`
            // stays in Massachusetts (654,000 people against the 8,000 of
            // New York's Boston; Woodbridge, California, has 25,000
            // against Virginia's 4,000).
            Main::City(c, famous, size) => {
                let small = t.population.saturating_mul(TOWN_TO_CITY) >= size;
                qualified
                    || local
                    || (!famous
                        && (small || context.neighbours(t.country, t.admin1, true) >= 2.0)
                        && context.neighbours(t.country, t.admin1, false) >= 4.0)
                    || (division && c != t.country && context.country(c) == 0)
            }
            // `Washington, Pennsylvania and California` is a list, not
            // a qualified town.
            Main::Area => false,
        };
        if !allowed {
            return None;
        }
        let mut score = (t.population as f64 + 1.0).ln();
        if t.kind == TownKind::County {
            score += 1.0;
        }
        score += 1.5 * context.country(t.country).min(2) as f64;
        score += context.division_support(t.country, t.admin1);
        score += context.neighbours(t.country, t.admin1, matches!(main, Main::City(_, true, _)));
        score += context.near(t.lat, t.lon);
        if qualified {
            score += 30.0;
        }
        Some(score)
    }

    /// The names of place `id` to look up: the name part of each of its
    /// mentions (`Anbar` of `Anbar province`), once; none for a facility.
    fn place_names(&self, id: usize) -> Option<Vec<&'a str>> {
        let text: &'a str = self.text;
        let mut names: Vec<&str> = Vec::new();
        let mut facility = false;
        for mention in self.entities[id]
            .names()
            .filter_map(|m| m.mention)
            .map(|i| &self.mentions[i])
        {
            if mention.subtype.as_deref() == Some("facility") {
                facility = true;
            }
            let n = strip_possessive(&text[mention.name_start..mention.name_end]);
            let n = n.strip_prefix("the ").unwrap_or(n);
            // `State of Ohio`, `City of Alexandria`: the place's own name
            // where the gazetteer lacks the whole.
            let n = match n.split_once(" of ") {
                Some((lead, rest))
                    if OF_PLACE.contains(&lead.to_lowercase().as_str())
                        && self.lex.lookup(n).is_empty() =>
                {
                    rest
                }
                _ => n,
            };
            if !names.contains(&n) {
                names.push(n);
            }
        }
        (!facility).then_some(names)
    }

    /// `Paris, Texas`, `Birmingham, Alabama`: a region or country right
    /// after one of place `id`'s names qualifies it, as (country, region
    /// code; empty for a country). Every reading of the qualifier counts
    /// (`Georgia` the country and the US state).
    fn qualifiers(&self, id: usize) -> Vec<(String, String)> {
        let lex = self.lex;
        let mut qualifiers: Vec<(String, String)> = Vec::new();
        for mention in self.entities[id]
            .names()
            .filter_map(|m| m.mention)
            .map(|i| &self.mentions[i])
        {
            let Some(next) = self.mention_starting(mention.end + 2) else {
                continue;
            };
            if !self.text[mention.end..].starts_with(", ") {
                continue;
            }
            let q = &self.mentions[next];
            let qname = &self.text[q.name_start..q.name_end];
            for entry in lex.lookup(qname) {
                match *entry {
                    EntryKind::Place(i) if lex.places[i as usize].kind == PlaceKind::Region => {
                        let p = &lex.places[i as usize];
                        qualifiers.push((p.country.to_string(), p.admin1.to_string()));
                    }
                    EntryKind::Country(i) => {
                        qualifiers.push((lex.countries[i as usize].iso.to_string(), String::new()));
                    }
                    _ => {}
                }
            }
        }
        qualifiers
    }

    /// How well a gazetteer entry fits, on a log scale of size: a
    /// country, continent, area or sea is what its name means (19-20), a
    /// first-level division ranks with a city of a few million (15), a
    /// town by its population (ln), a capital a little more. The article's
    /// other places add: mentions of the entry's country (up to 3), another
    /// place in or naming its division (6), and for a city whose name is no
    /// area's (`area`), other places one of whose readings lies in its
    /// division (2 each, up to 6; only their towns and counties where
    /// `famous`, another city of the name, is a capital or a metropolis),
    /// and a reading near a town or county of the article (4:
    /// [`Context::near`]); a qualifier right after the name (`Paris,
    /// Texas`) decides (30).
    /// None for an entry that is no place.
    fn entry_score(
        &self,
        entry: &EntryKind,
        qualifiers: &[(String, String)],
        region_hint: bool,
        (area, famous): (bool, Option<u32>),
        context: &Context<'_>,
    ) -> Option<f64> {
        let support = |c: &str| 1.5 * context.country(c).min(2) as f64;
        Some(match *entry {
            EntryKind::Country(i) => {
                let c = &self.lex.countries[i as usize];
                let mut score = 17.0 + support(&c.iso);
                if qualifiers.iter().any(|(q, _)| *q == c.iso) {
                    score += 30.0;
                }
                score
            }
            EntryKind::Place(i) => {
                let p = &self.lex.places[i as usize];
                let mut score = match p.kind {
                    PlaceKind::City => {
                        let capital = self
                            .lex
                            .country(&p.country)
                            .is_some_and(|c| c.capital == p.name);
                        (p.population as f64 + 1.0).ln() + if capital { 2.0 } else { 0.0 }
                    }
                    // `Washington` alone is the capital, not the state,
                    // unless the article names the country's other states
                    // (`Oregon and Washington laws`) and the state is
                    // another division than the capital's (County Dublin
                    // with `Ulster` named is still Dublin).
                    PlaceKind::Region
                        if self
                            .lex
                            .country(&p.country)
                            .is_some_and(|c| c.capital == p.name)
                            && !(context.other_region(&p.country)
                                && self.apart_from_capital(p)) =>
                    {
                        13.0 + if region_hint { 1.0 } else { 0.0 }
                    }
                    PlaceKind::Region => 15.0 + if region_hint { 1.0 } else { 0.0 },
                    _ => 19.0,
                };
                if !p.country.is_empty() {
                    score += support(&p.country);
                    score += context.division_support(&p.country, &p.admin1);
                    if p.kind == PlaceKind::City && !area {
                        let local = famous.is_some_and(|f| f != i);
                        score += context.neighbours(&p.country, &p.admin1, local);
                        if let (Some(a), Some(b)) = (p.lat, p.lon) {
                            score += context.near(a, b);
                        }
                    }
                }
                if qualifiers
                    .iter()
                    .any(|(c, a)| *c == p.country && (a.is_empty() || *a == p.admin1))
                {
                    score += 30.0;
                }
                score
            }
            _ => return None,
        })
    }
}

/// What the main gazetteer has of a place's names, as the second
/// gazetteer's towns are weighed against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Main<'a> {
    /// No place.
    None,
    /// Cities only, the likeliest in this country, and whether it is a
    /// capital or a city of a million or more, which the article's other
    /// towns alone never move to a town of its name (`Athens` with
    /// `Chicago` and `Crete`), and its population.
    City(&'a str, bool, u64),
    /// A country, a division or another area among its readings.
    Area,
}

impl Builder<'_> {
    /// Whether gazetteer place `i` is a city whose name means it unless
    /// the article says otherwise: a capital, or [`FAMOUS`] inhabitants.
    fn famous(&self, i: u32) -> bool {
        let p = &self.lex.places[i as usize];
        p.kind == PlaceKind::City
            && (p.population >= FAMOUS
                || self
                    .lex
                    .country(&p.country)
                    .is_some_and(|c| c.capital == p.name))
    }

    /// Whether region `p`, named as its country's capital, is a known
    /// first-level division other than the capital city's (`Washington`
    /// the state, not the District of Columbia).
    fn apart_from_capital(&self, p: &crate::lexicon::Place) -> bool {
        !p.admin1.is_empty()
            && self.lex.lookup(&p.name).iter().any(|e| {
                matches!(*e, EntryKind::Place(i)
                    if self.lex.places[i as usize].kind == PlaceKind::City
                        && self.lex.places[i as usize].country == p.country
                        && self.lex.places[i as usize].admin1 != p.admin1)
            })
    }

    /// Whether a lexicon entry is a city of the main gazetteer.
    fn is_city(&self, e: &EntryKind) -> bool {
        matches!(*e, EntryKind::Place(i) if self.lex.places[i as usize].kind == PlaceKind::City)
    }
}

/// Whether a short name as written (four letters or fewer) is a
/// gazetteer name without its accents (`God` for Hungary's `Göd`): an
/// English word, not the place.
fn accents_only(written: &str, name: &str) -> bool {
    written.chars().count() <= 4
        && written.is_ascii()
        && !name.is_ascii()
        && written.chars().count() == name.chars().count()
}

/// Whether a lexicon entry is a country or a gazetteer place.
fn is_place(e: &EntryKind) -> bool {
    matches!(e, EntryKind::Country(_) | EntryKind::Place(_))
}

/// The location of town or county `t` of the second gazetteer, with its
/// chain up to its country.
fn town_location(lex: &Lexicon, t: &Town) -> Location {
    let country = lex.country(t.country);
    let admin = lex.admin1(t.country, t.admin1);
    let mut chain = vec![t.name.to_string()];
    chain.extend(admin.map(|a| a.name.to_string()));
    chain.extend(country.map(|c| c.name.to_string()));
    Location {
        geonameid: t.geonameid,
        name: t.name.to_string(),
        feature: t.kind.as_str().into(),
        precision: match t.kind {
            TownKind::Town => Precision::City,
            TownKind::County => Precision::Admin,
        },
        country: Some(t.country.to_string()),
        country_name: country.map(|c| c.name.to_string()),
        admin1: Some(t.admin1.to_string()).filter(|a| !a.is_empty()),
        admin1_name: admin.map(|a| a.name.to_string()),
        lat: Some(t.lat),
        lon: Some(t.lon),
        chain,
        within: None,
    }
}

/// The location of country `i` of the lexicon.
fn country_location(lex: &Lexicon, i: usize) -> Location {
    let c = &lex.countries[i];
    Location {
        geonameid: Some(c.geonameid).filter(|g| *g != 0),
        name: c.name.to_string(),
        feature: "country".into(),
        precision: Precision::Country,
        country: Some(c.iso.to_string()),
        country_name: Some(c.name.to_string()),
        admin1: None,
        admin1_name: None,
        lat: c.lat,
        lon: c.lon,
        chain: vec![c.name.to_string()],
        within: None,
    }
}

/// The location of gazetteer place `i`: a city, a region, a continent, an
/// area, a sea or a territory, with its chain up to its country.
fn place_location(lex: &Lexicon, i: usize) -> Location {
    let p = &lex.places[i];
    let country = lex.country(&p.country);
    let admin = lex.admin1(&p.country, &p.admin1);
    let region = p.kind != PlaceKind::City;
    let mut chain = vec![p.name.to_string()];
    if let Some(a) = admin.filter(|a| !region && a.name != p.name) {
        chain.push(a.name.to_string());
    }
    if let Some(c) = country {
        chain.push(c.name.to_string());
    }
    Location {
        geonameid: Some(p.geonameid).filter(|g| *g != 0),
        name: p.name.to_string(),
        feature: p.kind.as_str().into(),
        precision: if region {
            Precision::Admin
        } else {
            Precision::City
        },
        country: Some(p.country.to_string()).filter(|c| !c.is_empty()),
        country_name: country.map(|c| c.name.to_string()),
        admin1: Some(p.admin1.to_string()).filter(|a| !a.is_empty()),
        admin1_name: admin.map(|a| a.name.to_string()),
        lat: p.lat.or(admin.map(|a| a.lat)),
        lon: p.lon.or(admin.map(|a| a.lon)),
        chain,
        within: None,
    }
}

/// The county an organisation's name opens with, named for it (`Rapides
/// Parish` of `Rapides Parish Fire District`, `Henry County` of `the Henry
/// County Sheriff's Office`): one to three capitalised words and `County`,
/// `Parish` or `Borough`, with more of the name after it. None for a name
/// that is the county alone (the tagger's reading of a county as its
/// government is the resolve layer's to mend elsewhere).
fn county_opening(name: &str) -> Option<&str> {
    let name = name.strip_prefix("the ").unwrap_or(name);
    let mut end = 0;
    for (k, word) in name.split(' ').enumerate().take(4) {
        end += word.len();
        if k > 0 && matches!(word, "County" | "Parish" | "Borough") {
            return (name.len() > end + 1).then(|| &name[..end]);
        }
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        end += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::resolve::{Entity, Precision};
    use crate::{Config, EntityKind, Extractor};

    /// The entities of `text` (all layers).
    fn entities(text: &str) -> Vec<Entity> {
        let ex = Extractor::new(Config::default()).unwrap();
        ex.extract_text(text).unwrap().entities.unwrap_or_default()
    }

    /// The place entity named `name`, with its location.
    fn place(all: &[Entity], name: &str) -> crate::resolve::Location {
        let e = all
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}: {all:?}"));
        assert_eq!(e.kind, EntityKind::Place, "{name}");
        e.place
            .clone()
            .unwrap_or_else(|| panic!("{name} has no location"))
    }

    fn near(p: &crate::resolve::Location, lat: f64, lon: f64, degrees: f64) -> bool {
        p.lat.is_some_and(|a| (a - lat).abs() < degrees)
            && p.lon.is_some_and(|o| (o - lon).abs() < degrees)
    }

    #[test]
    fn continents_and_regions_are_themselves() {
        let all = entities(
            "Stocks fell across Asia on Monday as traders weighed weak figures from Europe \
             and Africa. Tensions in the Middle East and the Persian Gulf pushed oil up.",
        );
        let asia = place(&all, "Asia");
        assert_eq!(
            (asia.feature.as_str(), asia.country.as_deref()),
            ("continent", None)
        );
        assert!(near(&asia, 30.0, 89.0, 5.0), "{asia:?}");
        assert_eq!(asia.precision, Precision::Admin);
        assert_eq!(place(&all, "Europe").feature, "continent");
        assert_eq!(place(&all, "Africa").feature, "continent");
        let mideast = place(&all, "Middle East");
        assert!(near(&mideast, 29.0, 42.0, 5.0), "{mideast:?}");
        let gulf = place(&all, "Persian Gulf");
        assert_eq!(gulf.feature, "water");
        assert!(near(&gulf, 26.5, 52.0, 3.0), "{gulf:?}");
    }

    #[test]
    fn a_title_or_a_person_named_makes_no_place() {
        let all = entities(
            "The job figures are likely to spark fresh criticism of President Bush's \
             economic policies, analysts in Washington said.",
        );
        assert!(
            all.iter().all(|e| e
                .place
                .as_ref()
                .map_or(true, |p| p.country.as_deref() != Some("EG"))),
            "{all:?}"
        );
        let bush = all.iter().find(|e| e.name == "Bush").unwrap();
        assert_eq!(bush.kind, EntityKind::Person);
    }

    #[test]
    fn a_capital_beats_a_small_town_of_its_name() {
        let all = entities(
            "Oil demand will rise this year, the Paris-based International Energy Agency \
             said, as US imports grew.",
        );
        let paris = place(&all, "Paris");
        assert_eq!(paris.country.as_deref(), Some("FR"), "{paris:?}");
        let all = entities("US carmakers showed new models at the Geneva motor show on Tuesday.");
        assert_eq!(place(&all, "Geneva").country.as_deref(), Some("CH"));
        // Unless the article's other places point elsewhere.
        let all =
            entities("Police in Paris, a town in Lamar County, Texas, said the road was shut.");
        assert_eq!(place(&all, "Paris").admin1.as_deref(), Some("TX"));
        let all = entities("Atlanta police said the man was arrested in Georgia on Monday.");
        let georgia = place(&all, "Georgia");
        assert_eq!(
            (georgia.country.as_deref(), georgia.admin1.as_deref()),
            (Some("US"), Some("GA"))
        );
        let all = entities("Georgian troops fought in South Ossetia, and Georgia asked for help.");
        assert_eq!(place(&all, "Georgia").country.as_deref(), Some("GE"));
    }

    #[test]
    fn company_and_foundation_names_hold_no_place() {
        let all = entities("T-Mobile said it would cut prices for its customers in the US.");
        assert!(all.iter().all(|e| e.name != "Mobile"), "{all:?}");
        let all = entities(
            "The firm, now one of the biggest investors in Google, benefited from strong sales.",
        );
        let google = all.iter().find(|e| e.name == "Google").unwrap();
        assert!(
            google.place.is_none() && google.kind != EntityKind::Place,
            "{google:?}"
        );
        let all = entities("The Salvador Allende Foundation in Santiago held an exhibition.");
        let foundation = all
            .iter()
            .find(|e| e.name == "Salvador Allende Foundation")
            .unwrap();
        assert_ne!(foundation.country.as_deref(), Some("SV"));
        assert_eq!(place(&all, "Santiago").country.as_deref(), Some("CL"));
    }

    #[test]
    fn a_gulf_is_one_place_of_its_own() {
        let all = entities(
            "Shipping in the Gulf of Suez was halted after the collision, Egyptian officials said.",
        );
        let gulf = place(&all, "Gulf of Suez");
        assert_eq!(
            (gulf.feature.as_str(), gulf.country.as_deref()),
            ("water", Some("EG"))
        );
        assert!(near(&gulf, 28.8, 33.0, 1.5), "{gulf:?}");
        assert!(all.iter().all(|e| e.name != "Gulf"), "{all:?}");
    }

    #[test]
    fn gaza_strip_and_west_bank_are_apart() {
        let all = entities(
            "Israeli troops entered the Gaza Strip while settlers in the West Bank protested.",
        );
        let gaza = place(&all, "Gaza Strip");
        let bank = place(&all, "West Bank");
        assert_eq!(gaza.country.as_deref(), Some("PS"));
        assert_eq!(bank.country.as_deref(), Some("PS"));
        assert!(near(&gaza, 31.4, 34.4, 0.3), "{gaza:?}");
        assert!(near(&bank, 31.95, 35.25, 0.4), "{bank:?}");
    }

    #[test]
    fn every_location_says_how_precise_it_is() {
        let all = entities(
            "Drones struck the Harir airbase, in the northern city of Erbil, and a base in \
             Anbar province, Iraq said.",
        );
        let harir = place(&all, "Harir airbase");
        let erbil = place(&all, "Erbil");
        assert_eq!(harir.precision, Precision::Container);
        assert_eq!((harir.lat, harir.lon), (erbil.lat, erbil.lon));
        assert_eq!(erbil.precision, Precision::City);
        assert_eq!(place(&all, "Anbar").precision, Precision::Admin);
        assert_eq!(place(&all, "Iraq").precision, Precision::Country);
        let json = serde_json::to_value(&harir).unwrap();
        assert_eq!(json["precision"], "container");
    }

    #[test]
    fn small_towns_and_counties_are_placed_where_the_article_says() {
        // A county, and a town of 8,000 whose name is London's, qualified.
        let all = entities(
            "Deputies in Laurel County arrested two men on Tuesday after a chase \
             through London, Ky., the sheriff's office said.",
        );
        let laurel = place(&all, "Laurel County");
        assert_eq!(
            (laurel.feature.as_str(), laurel.admin1.as_deref()),
            ("county", Some("KY"))
        );
        assert_eq!(laurel.precision, Precision::Admin);
        assert!(near(&place(&all, "London"), 37.13, -84.08, 0.2));
        // A town of another country named with its country.
        let all = entities(
            "Flooding closed the railway at Teignmouth on Monday, and roads across \
             Devon and the rest of England were under water.",
        );
        let t = place(&all, "Teignmouth");
        assert_eq!((t.feature.as_str(), t.precision), ("town", Precision::City));
        assert!(near(&t, 50.55, -3.50, 0.1));
        // A state named puts a town of 10,000 before Paris, France.
        let all = entities(
            "Within the next week, all residents of Paris will be receiving a letter \
             from the rescue squad, Tennessee officials said.",
        );
        assert!(near(&place(&all, "Paris"), 36.30, -88.33, 0.1));
    }

    #[test]
    fn first_level_divisions_are_places_with_their_code() {
        let all = entities(
            "Russian troops moved from Chechnya into Dagestan, and shells hit \
             Zaporizhia, officials in Moscow said.",
        );
        for (name, country, admin1) in [
            ("Chechnya", "RU", "12"),
            ("Dagestan", "RU", "17"),
            ("Zaporizhia", "UA", "26"),
        ] {
            let p = place(&all, name);
            assert_eq!(
                (p.country.as_deref(), p.admin1.as_deref(), p.precision),
                (Some(country), Some(admin1), Precision::Admin),
                "{name}: {p:?}"
            );
        }
        // A capital's county named with another province is the capital.
        let all = entities(
            "Leinster beat Ulster in Dublin on Saturday, the Irish Rugby Football \
             Union said.",
        );
        let dublin = place(&all, "Dublin");
        assert_eq!(dublin.precision, Precision::City, "{dublin:?}");
    }

    #[test]
    fn towns_that_may_share_a_state_place_each_other_there() {
        // No state named: Woodbridge and Manassas may both lie in
        // Virginia, and so does an Alexandria, which beats Egypt's; and
        // Woodbridge, a town of 4,000, beats a city of California.
        let all = entities(
            "A Woodbridge man charged in the abduction and death of an Alexandria \
             woman was declared incompetent by a court in Manassas on Friday.",
        );
        let alexandria = place(&all, "Alexandria");
        assert_eq!(
            (alexandria.country.as_deref(), alexandria.admin1.as_deref()),
            (Some("US"), Some("VA")),
            "{alexandria:?}"
        );
        assert_eq!(place(&all, "Woodbridge").admin1.as_deref(), Some("VA"));
        // One town alone keeps its likeliest reading.
        let all = entities("An Alexandria woman was charged with arson on Friday.");
        assert_eq!(place(&all, "Alexandria").country.as_deref(), Some("EG"));
        // `State of Ohio` is Ohio, and takes Dublin there.
        let all = entities(
            "The Dublin Arts Council awarded three grants, with funds from the State \
             of Ohio, to artists in Dublin.",
        );
        let dublin = place(&all, "Dublin");
        assert_eq!(
            (dublin.country.as_deref(), dublin.admin1.as_deref()),
            (Some("US"), Some("OH")),
            "{dublin:?}"
        );
    }

    #[test]
    fn a_state_named_does_not_move_a_city_to_a_town_of_its_name() {
        // New York has a town named Boston; Boston is still Massachusetts'.
        let all = entities(
            "Officials in Boston and New York said the outbreak was contained, and \
             a clinic in Albany stayed open.",
        );
        assert!(near(&place(&all, "Boston"), 42.36, -71.06, 0.1));
        // Nor do two places of New York move a city of 654,000 to its town
        // of 8,000 (it did: the test above passed only while the tagger
        // read that `New York` as an organisation).
        let all = entities(
            "Flights from Boston to New York were cancelled, and a clinic in Albany stayed open.",
        );
        assert!(near(&place(&all, "Boston"), 42.36, -71.06, 0.1), "{all:?}");
        // A list of states is no state qualifying a town (`Washington, West
        // Virginia`: Washington is the state, not the town of 1,175).
        let all = entities(
            "Cases were reported in Ohio, Oregon, Washington, West Virginia and \
             Wyoming, the agency said.",
        );
        let w = place(&all, "Washington");
        assert_eq!(w.feature, "region");
    }

    #[test]
    fn a_state_abbreviation_keeps_its_full_stop() {
        let text = "SOUTH CHARLESTON, W.Va. -- Restaurateur Bill Sohovich is giving \
                    Southridge another shot. The restaurant stands in Charleston, W.Va., \
                    near the river.";
        let all = entities(text);
        let wv = place(&all, "W.Va.");
        assert_eq!(wv.admin1.as_deref(), Some("WV"));
        // So it qualifies Charleston: West Virginia's, not South Carolina's.
        assert!(near(&place(&all, "Charleston"), 38.35, -81.63, 0.1));
        assert_eq!(
            place(&all, "SOUTH CHARLESTON").admin1.as_deref(),
            Some("WV")
        );
    }

    #[test]
    fn a_country_is_named_by_its_own_name() {
        let all = entities("Thai officials met in Bangkok. Thailand said the talks would resume.");
        let th = all
            .iter()
            .find(|e| e.country.as_deref() == Some("TH") && e.kind == EntityKind::Place)
            .unwrap_or_else(|| panic!("{all:?}"));
        assert_eq!(th.name, "Thailand");
        // An acronym ending a sentence is not a state's abbreviation.
        let all = entities("The fires spread across LA. Crews worked through the night.");
        assert!(all.iter().all(|e| e.name != "LA."), "{all:?}");
    }

    #[test]
    fn washington_alone_is_the_capital() {
        let all = entities(
            "Egypt cooperated closely with Washington at times when US policies were \
             positive, officials in Cairo said.",
        );
        let w = all.iter().find(|e| e.name == "Washington").unwrap();
        let p = w.place.as_ref().unwrap_or_else(|| panic!("{w:?}"));
        assert!(near(p, 38.9, -77.04, 0.2), "{p:?}");
        // With another state named, the state.
        let all =
            entities("A professor who supports the Oregon and Washington laws spoke on Tuesday.");
        assert_eq!(place(&all, "Washington").feature, "region");
    }

    #[test]
    fn a_county_the_tagger_took_for_its_government_is_the_county() {
        let all =
            entities("A Walker County man was arrested on Tuesday in Georgia, deputies said.");
        let w = place(&all, "Walker County");
        assert_eq!(
            (w.feature.as_str(), w.admin1.as_deref()),
            ("county", Some("GA"))
        );
        // Without its state, a county of a name many states have stays
        // unplaced, but is a place.
        let all = entities("A Walker County man was arrested on Tuesday, deputies said.");
        let w = all.iter().find(|e| e.name == "Walker County").unwrap();
        assert_eq!((w.kind, w.place.as_ref()), (EntityKind::Place, None));
    }
}
