//! Pass 4: titles and descriptions used alone (`the prime minister`, `the
//! Iraqi leader`, `the group`), and the quote sources that are
//! descriptions. A title goes to the latest person holding it (or of that
//! country); a noun such as `the group`, `the company`, `the country` to the
//! latest organisation or place of that kind, all mentioned in the sentence
//! or the three before.

use super::builder::Builder;
use super::{Entity, MentionForm};
use crate::entities::EntityKind;
use crate::lexicon::roles::{roles_lexicon, RoleEntry, RoleLexicon, Word};

impl Builder<'_> {
    /// Pass 4: titles and descriptions used alone.
    pub(super) fn descriptions(&mut self) {
        let rl = roles_lexicon();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for ui in 0..self.units.len() {
            let ws = &self.unit_words[ui];
            for (i, w) in ws.iter().enumerate() {
                let det = &self.text[w.start..w.end];
                if det != "the" && det != "The" {
                    continue;
                }
                if let Some(d) = self.description_at(rl, ws, i, ui) {
                    found.push(d);
                }
            }
        }
        self.add_descriptions(found);
    }

    /// `the [Demonym] HEAD` at word `i` (`the`) of unit `ui`, not followed
    /// by a name: (entity, start, end) when a title's holder or a described
    /// entity fits.
    fn description_at(
        &self,
        rl: &RoleLexicon,
        ws: &[Word],
        i: usize,
        ui: usize,
    ) -> Option<(usize, usize, usize)> {
        let w = ws[i];
        let mut j = i + 1;
        let mut country: Option<String> = None;
        if let Some(bm) = ws.get(j).and_then(|x| self.mention_starting(x.start)) {
            let b = &self.mentions[bm];
            if b.kind != EntityKind::Group {
                return None;
            }
            country = b.country.clone();
            j = ws.partition_point(|x| x.start < b.end);
        }
        let head = ws.get(j)?;
        let mut target = None;
        let mut end = head.end;
        let head_word = self.text[head.start..head.end].to_lowercase();
        let titled = rl.first_words.contains(&head_word);
        let described = DESCRIBED.contains(&head_word.as_str());
        if !titled && !described {
            return None;
        }
        // The longest title from the head.
        let title = (1..=rl.longest.min(ws.len() - j))
            .rev()
            .filter(|_| titled)
            .find_map(|n| self.phrase_at(rl, ws, j, n).map(|ri| (n, ri)));
        if let Some((n, ri)) = title {
            end = ws[j + n - 1].end;
            let followed = self.name_follows(ws, j + n, end) || self.of_follows(ws, j + n, end);
            if !followed {
                target = self.holder_of(&rl.entries[ri], country.as_deref(), w.start);
            }
        }
        if target.is_none() && end == head.end {
            let noun = self.text[head.start..head.end].to_ascii_lowercase();
            if !self.name_follows(ws, j + 1, head.end) {
                target = self.described(&noun, country.as_deref(), ui, w.start);
            }
        }
        target.map(|id| (id, w.start, end))
    }

    /// Whether word `at` is capitalised and follows byte `end` after white
    /// space only (a name after a title or noun).
    fn name_follows(&self, ws: &[Word], at: usize, end: usize) -> bool {
        ws.get(at).is_some_and(|x| {
            self.text[end..x.start].trim().is_empty()
                && self.text[x.start..x.end].starts_with(char::is_uppercase)
        })
    }

    /// Whether word `at` is `of` and follows byte `end` after white space
    /// only (`the prime minister of ...`).
    fn of_follows(&self, ws: &[Word], at: usize, end: usize) -> bool {
        ws.get(at).is_some_and(|x| {
            self.text[x.start..x.end].eq_ignore_ascii_case("of")
                && self.text[end..x.start].trim().is_empty()
        })
    }

    /// Records the descriptions found, then the quote sources that are
    /// descriptions, each unless a mention already covers its words.
    fn add_descriptions(&mut self, found: Vec<(usize, usize, usize)>) {
        let fallback = std::mem::take(&mut self.quoted_descriptions);
        for (id, s, e) in found.into_iter().chain(fallback) {
            let taken = self.in_unit.get(self.unit_of(s)).into_iter().flatten().any(
                |&(start, end, x, _)| {
                    self.entities[x].kind != EntityKind::Group && start < e && s < end
                },
            );
            if !taken {
                self.add_other(id, s, e, MentionForm::Description);
            }
        }
    }

    /// The person holding a title (of a country), latest before `pos`,
    /// mentioned in the sentence of `pos` or the three before.
    fn holder_of(&self, entry: &RoleEntry, country: Option<&str>, pos: usize) -> Option<usize> {
        if entry.title == "official" && country.is_none() {
            return None;
        }
        self.latest_fitting(pos, self.unit_of(pos), |e| {
            if e.kind != EntityKind::Person {
                return false;
            }
            let title_fits = entry.title == "official"
                || e.roles.iter().any(|r| {
                    r.title.eq_ignore_ascii_case(entry.title)
                        || (entry.function.is_some() && r.function.as_deref() == entry.function)
                        || (entry.title == "leader" && r.function.is_some())
                });
            let country_fits = country.map_or(true, |c| {
                e.nationality.as_deref() == Some(c)
                    || e.roles.iter().any(|r| r.of_country.as_deref() == Some(c))
            });
            title_fits && country_fits
        })
    }

    /// The entity that `fits` whose latest mention before `pos` is the
    /// latest of all, when that mention is in unit `ui` or the three before.
    fn latest_fitting(
        &self,
        pos: usize,
        ui: usize,
        fits: impl Fn(&Entity) -> bool,
    ) -> Option<usize> {
        // `pos` lies in unit `ui`: an entity's latest mention before it is
        // in `ui` or the three before exactly when the entity has a mention
        // before `pos` there, and it is the latest of those.
        let mut best: Option<(usize, usize)> = None;
        for u in ui.saturating_sub(3)..=ui {
            for &(start, _, id, _) in self.in_unit.get(u).into_iter().flatten() {
                if start < pos
                    && best.map_or(true, |(p, b)| start > p || (start == p && id < b))
                    && fits(&self.entities[id])
                {
                    best = Some((start, id));
                }
            }
        }
        best.map(|(_, id)| id)
    }

    /// `the group`, `the company`, `the country`: the latest fitting entity
    /// mentioned in the sentence of `pos` or the three before.
    fn described(&self, noun: &str, country: Option<&str>, ui: usize, pos: usize) -> Option<usize> {
        let fits = |e: &Entity| -> bool {
            let kind = e.org_kind.as_deref().or(e.subtype.as_deref());
            match noun {
                "group" | "militia" | "movement" | "network" | "faction" | "organisation"
                | "organization" => {
                    e.kind == EntityKind::Organisation
                        && matches!(
                            kind,
                            None | Some("armed" | "party" | "other" | "international")
                        )
                }
                "company" | "firm" | "carmaker" | "automaker" | "bank" | "airline" => {
                    e.kind == EntityKind::Organisation && matches!(kind, None | Some("company"))
                }
                "ministry" | "department" | "agency" | "government" => {
                    e.kind == EntityKind::Organisation && matches!(kind, None | Some("government"))
                }
                "country" | "nation" => {
                    e.kind == EntityKind::Place && e.subtype.as_deref() == Some("country")
                }
                "city" | "town" | "capital" => {
                    e.kind == EntityKind::Place && e.subtype.as_deref() == Some("city")
                }
                _ => false,
            }
        };
        self.latest_fitting(pos, ui, |e| {
            fits(e) && country.map_or(true, |c| e.country.as_deref() == Some(c))
        })
    }
}

/// Nouns that, after `the`, refer back to an organisation or place.
const DESCRIBED: &[&str] = &[
    "group",
    "militia",
    "movement",
    "network",
    "faction",
    "organisation",
    "organization",
    "company",
    "firm",
    "carmaker",
    "automaker",
    "bank",
    "airline",
    "ministry",
    "department",
    "agency",
    "government",
    "country",
    "nation",
    "city",
    "town",
    "capital",
];
