//! Organisations' kinds (`government`, `armed`, `company`, ...) and
//! countries, from the lexicon, the entity layer's subtype or the words of
//! the name; and groups' countries.

use super::builder::Builder;
use super::Anchor;
use crate::entities::EntityKind;
use crate::lexicon::roles::strip_possessive;
use crate::lexicon::EntryKind;

impl Builder<'_> {
    /// Organisation kind and country, and groups' countries.
    pub(super) fn organisations(&mut self) {
        for id in 0..self.entities.len() {
            if self.entities[id].kind != EntityKind::Organisation {
                continue;
            }
            let (kind, country) = self.organisation_facts(id);
            let e = &mut self.entities[id];
            e.org_kind = kind;
            e.country = country;
        }
        for id in 0..self.entities.len() {
            let e = &self.entities[id];
            if e.kind == EntityKind::Group && e.country.is_none() {
                if let Some(Anchor::Country(i)) = self.anchors[id] {
                    self.entities[id].country =
                        Some(self.lex.countries[i as usize].iso.to_string());
                }
            }
        }
    }

    /// Organisation `id`'s kind and country: as known, else from its
    /// lexicon entry, else its subtype or the words of its name.
    fn organisation_facts(&self, id: usize) -> (Option<String>, Option<String>) {
        let e = &self.entities[id];
        let mut kind = e.org_kind.clone();
        let mut country = e.country.clone();
        if let Some(Anchor::Org(i)) = self.anchors[id] {
            let o = &self.lex.organisations[i as usize];
            kind = kind.or_else(|| Some(org_kind(&o.kind).to_string()));
            if country.is_none() && !o.country.is_empty() {
                country = Some(o.country.to_string());
            }
        }
        if kind.is_none() {
            kind = e.subtype.as_deref().map(|k| org_kind(k).to_string());
        }
        if kind.is_none() {
            kind = guess_org_kind(&e.name).map(str::to_string);
        }
        if country.is_none() {
            country = self.country_in_name(&e.name);
        }
        (kind, country)
    }

    /// A country or demonym inside a name (`US State Department`): the
    /// first word that is one and nothing else. A word that also names a
    /// town is no evidence (`Salvador` of the `Salvador Allende
    /// Foundation`, `Georgia` of `Georgia Power`).
    fn country_in_name(&self, name: &str) -> Option<String> {
        for w in name.split_whitespace() {
            let entries = self.lex.lookup(strip_possessive(w));
            if entries.iter().any(|e| matches!(e, EntryKind::Place(_))) {
                continue;
            }
            for entry in entries {
                if let EntryKind::Country(i) | EntryKind::Demonym(i) = entry {
                    return Some(self.lex.countries[*i as usize].iso.to_string());
                }
            }
        }
        None
    }
}

/// An organisation's kind, from the lexicon's kind (or the entity layer's
/// subtype): news agencies are media, unknown kinds `other`.
fn org_kind(lexicon_kind: &str) -> &str {
    match lexicon_kind {
        "agency" => "media",
        k @ ("government" | "armed" | "international" | "company" | "party") => k,
        _ => "other",
    }
}

/// An organisation's kind from the last word of its name.
fn guess_org_kind(name: &str) -> Option<&'static str> {
    let last = name.split_whitespace().last()?.to_ascii_lowercase();
    let first = name.split_whitespace().next()?.to_ascii_lowercase();
    let kind = match last.trim_end_matches('.') {
        "ministry" | "department" | "council" | "commission" | "agency" | "office" | "police"
        | "army" | "navy" | "parliament" | "government" | "court" | "senate" | "assembly"
        | "authority" | "bureau" => "government",
        "inc" | "corp" | "corporation" | "ltd" | "plc" | "llc" | "company" | "co" | "group"
        | "motors" | "airlines" | "airways" | "bank" | "holdings" | "technologies"
        | "industries" => "company",
        "news" | "times" | "post" | "tv" | "radio" | "press" | "journal" | "herald" | "tribune"
        | "television" | "guardian" | "telegraph" => "media",
        "brigades" | "brigade" | "militia" | "front" | "resistance" | "movement" | "forces" => {
            "armed"
        }
        "party" => "party",
        "university" | "institute" | "foundation" | "school" | "college" | "hospital" => "other",
        _ => match first.as_str() {
            "ministry" | "department" => "government",
            "university" => "other",
            _ => return None,
        },
    };
    Some(kind)
}
