//! Pass 5: places resolved in the gazetteer, or located by the place that
//! contains them.

use std::collections::HashMap;

use super::builder::Builder;
use super::Location;
use crate::entities::{EntityKind, Mention};
use crate::lexicon::roles::strip_possessive;
use crate::lexicon::{EntryKind, PlaceKind};

impl Builder<'_> {
    /// Pass 5: places in the gazetteer, or located by their container.
    pub(super) fn places(&mut self) {
        // Countries the article names, to choose between places of one name:
        // those of the place and group mentions, counted, and per entity.
        let mut named: HashMap<&str, usize> = HashMap::new();
        let mut own: HashMap<(usize, &str), usize> = HashMap::new();
        for (mi, m) in self.mentions.iter().enumerate() {
            if let Some(c) = &m.country {
                if matches!(m.kind, EntityKind::Place | EntityKind::Group) {
                    *named.entry(c.as_str()).or_default() += 1;
                    if let Some(id) = self.of_mention[mi] {
                        *own.entry((id, c.as_str())).or_default() += 1;
                    }
                }
            }
        }
        for id in 0..self.entities.len() {
            if self.entities[id].kind != EntityKind::Place {
                continue;
            }
            // Whether the *other* entities name a country.
            let others = |c: &str| {
                named.get(c).copied().unwrap_or(0) > own.get(&(id, c)).copied().unwrap_or(0)
            };
            let loc = self.gazetteer_location(id, &others);
            if let Some(c) = loc.as_ref().and_then(|l| l.country.clone()) {
                self.entities[id].country = Some(c);
            }
            self.entities[id].place = loc;
        }
        // Containers: `X in Y`, `X, in the northern city of Y`, `X near Y`,
        // `Y's X`.
        for id in 0..self.entities.len() {
            if self.entities[id].kind != EntityKind::Place {
                continue;
            }
            let own = self.entities[id].place.as_ref().map(|p| p.feature.clone());
            if matches!(own.as_deref(), Some("country" | "city" | "region")) {
                continue;
            }
            let mut container = None;
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
                        container = Some(c);
                        break;
                    }
                }
                if let Some(c) = self.container_after(mention) {
                    container = Some(c);
                    break;
                }
            }
            let Some(c) = container.filter(|&c| c != id) else {
                continue;
            };
            let Some(outer) = self.entities[c].place.clone() else {
                continue;
            };
            let e = &self.entities[id];
            let mut chain = vec![e.name.clone()];
            chain.extend(outer.chain.iter().cloned());
            let feature = if e.subtype.as_deref() == Some("facility") {
                "facility"
            } else {
                "place"
            };
            let loc = Location {
                geonameid: None,
                name: e.name.clone(),
                feature: feature.into(),
                country: outer.country.clone(),
                country_name: outer.country_name.clone(),
                admin1: outer.admin1.clone(),
                admin1_name: outer.admin1_name.clone(),
                lat: outer.lat,
                lon: outer.lon,
                chain,
                within: Some(c),
            };
            let e = &mut self.entities[id];
            e.country = loc.country.clone();
            e.place = Some(loc);
        }
    }

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

    fn gazetteer_location(&self, id: usize, named: &dyn Fn(&str) -> bool) -> Option<Location> {
        let lex = self.lex;
        let e = &self.entities[id];
        // The name part of a descriptor mention (`Anbar` of `Anbar province`).
        let mut names: Vec<&str> = Vec::new();
        let mut facility = false;
        for mention in e
            .names()
            .filter_map(|m| m.mention)
            .map(|i| &self.mentions[i])
        {
            if mention.subtype.as_deref() == Some("facility") {
                facility = true;
            }
            let n = strip_possessive(&self.text[mention.name_start..mention.name_end]);
            let n = n.strip_prefix("the ").unwrap_or(n);
            if !names.contains(&n) {
                names.push(n);
            }
        }
        if facility {
            return None;
        }
        let region_hint = e.subtype.as_deref() == Some("region");
        // `Paris, Texas`, `Birmingham, Alabama`: a region or country right
        // after the name qualifies it.
        // Every reading of the qualifier counts (`Georgia` the country and
        // the US state).
        let mut qualifiers: Vec<(String, String)> = Vec::new();
        for mention in e
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
                        qualifiers.push((p.country.clone(), p.admin1.clone()));
                    }
                    EntryKind::Country(i) => {
                        qualifiers.push((lex.countries[i as usize].iso.clone(), String::new()));
                    }
                    _ => {}
                }
            }
        }
        // Score every entry the names stand for, then describe the best.
        let mut best: Option<(i64, EntryKind)> = None;
        for name in names {
            for entry in lex.lookup(name) {
                let score = match *entry {
                    EntryKind::Country(_) => 3_000_000_000,
                    EntryKind::Place(i) => {
                        let p = &lex.places[i as usize];
                        let region = p.kind == PlaceKind::Region;
                        let mut score = p.population.min(2_000_000_000) as i64;
                        if region {
                            score = score.max(5_000_000);
                        }
                        if named(&p.country) {
                            score += 1_000_000_000;
                        }
                        if region == region_hint {
                            score += 100_000_000;
                        }
                        if qualifiers
                            .iter()
                            .any(|(c, a)| *c == p.country && (a.is_empty() || *a == p.admin1))
                        {
                            score += 4_000_000_000;
                        }
                        score
                    }
                    _ => continue,
                };
                if best.map_or(true, |(s, _)| score > s) {
                    best = Some((score, *entry));
                }
            }
        }
        Some(match best?.1 {
            EntryKind::Country(i) => {
                let c = &lex.countries[i as usize];
                Location {
                    geonameid: Some(c.geonameid).filter(|g| *g != 0),
                    name: c.name.clone(),
                    feature: "country".into(),
                    country: Some(c.iso.clone()),
                    country_name: Some(c.name.clone()),
                    admin1: None,
                    admin1_name: None,
                    lat: c.lat,
                    lon: c.lon,
                    chain: vec![c.name.clone()],
                    within: None,
                }
            }
            EntryKind::Place(i) => {
                let p = &lex.places[i as usize];
                let country = lex.country(&p.country);
                let admin = lex.admin1(&p.country, &p.admin1);
                let region = p.kind == PlaceKind::Region;
                let mut chain = vec![p.name.clone()];
                if let Some(a) = admin.filter(|a| !region && a.name != p.name) {
                    chain.push(a.name.clone());
                }
                if let Some(c) = country {
                    chain.push(c.name.clone());
                }
                Location {
                    geonameid: Some(p.geonameid).filter(|g| *g != 0),
                    name: p.name.clone(),
                    feature: if region { "region" } else { "city" }.into(),
                    country: Some(p.country.clone()),
                    country_name: country.map(|c| c.name.clone()),
                    admin1: Some(p.admin1.clone()).filter(|a| !a.is_empty()),
                    admin1_name: admin.map(|a| a.name.clone()),
                    lat: p.lat.or(admin.map(|a| a.lat)),
                    lon: p.lon.or(admin.map(|a| a.lon)),
                    chain,
                    within: None,
                }
            }
            _ => return None,
        })
    }
}
