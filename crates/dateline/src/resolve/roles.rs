//! Pass 3: roles stated next to a person's name, before it (`Iraqi Prime
//! Minister Mohammed Shia al-Sudani`, `his adviser Husham Al Rikabi`) or in
//! an apposition after it (`Karine Jean-Pierre, the White House press
//! secretary,`).

use super::builder::Builder;
use super::{MentionForm, Role};
use crate::entities::{EntityKind, Mention};
use crate::lexicon::roles::{roles_lexicon, strip_possessive, words, RoleLexicon, Word};
use crate::span::Span;

impl Builder<'_> {
    /// Pass 3: roles stated next to a person's name.
    pub(super) fn roles(&mut self) {
        let rl = roles_lexicon();
        for mi in 0..self.mentions.len() {
            let m = &self.mentions[mi];
            if m.kind != EntityKind::Person {
                continue;
            }
            let Some(id) = self.of_mention[mi] else {
                continue;
            };
            let Some(&unit) = self.units.get(m.unit) else {
                continue;
            };
            // The words of the sentence before the name.
            let all = &self.unit_words[m.unit];
            // (A title the tagger kept in the mention is before the name.)
            let ws = &all[..all.partition_point(|w| w.end <= m.name_start)];
            if let Some((role, nationality)) = self.role_before(rl, ws, m, id) {
                if self.entities[id].nationality.is_none() {
                    self.entities[id].nationality = nationality;
                }
                if let Some(role) = role {
                    self.add_role(id, role);
                }
            }
            if let Some(role) = self.role_after(rl, m, unit) {
                self.add_role(id, role);
            }
        }
        // Nationality from a state office.
        for e in &mut self.entities {
            if e.kind == EntityKind::Person && e.nationality.is_none() {
                e.nationality = e
                    .roles
                    .iter()
                    .find(|r| r.of_entity.is_none() && r.of_country.is_some())
                    .and_then(|r| r.of_country.clone());
            }
        }
    }

    fn add_role(&mut self, id: usize, role: Role) {
        let roles = &mut self.entities[id].roles;
        let same = |r: &Role| r.title.eq_ignore_ascii_case(&role.title);
        if let Some(old) = roles.iter_mut().find(|r| same(r)) {
            // Keep the fuller statement.
            if old.of.is_none() && role.of.is_some() {
                *old = role;
            }
            return;
        }
        // A bare title (`Secretary Blinken`) adds nothing to a fuller one
        // that holds it (`Secretary of State`).
        let bare = role.title.to_lowercase();
        if role.of.is_none()
            && roles.iter().any(|r| {
                let fuller = r.title.to_lowercase();
                fuller == bare || fuller.starts_with(&format!("{bare} "))
            })
        {
            return;
        }
        roles.push(role);
    }

    /// The roles-lexicon entry of the words `from..from + n` (letter case,
    /// runs of white space and a final `.` ignored; no punctuation inside).
    pub(super) fn phrase_at(
        &self,
        rl: &RoleLexicon,
        ws: &[Word],
        from: usize,
        n: usize,
    ) -> Option<usize> {
        let (first, last) = (ws[from].start, ws[from + n - 1].end);
        let raw = &self.text[first..last];
        if raw.contains([',', ';', '(', ')', '"', '“', '”']) {
            return None;
        }
        let phrase = raw
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        rl.phrases.get(phrase.trim_end_matches('.')).copied()
    }

    /// Finds the longest role phrase ending at word `end` (exclusive).
    fn phrase_ending(&self, rl: &RoleLexicon, ws: &[Word], end: usize) -> Option<(usize, usize)> {
        (1..=rl.longest.min(end))
            .rev()
            .find_map(|n| self.phrase_at(rl, ws, end - n, n).map(|i| (end - n, i)))
    }

    /// A title right before a person's name, and the nationality a demonym
    /// before the title gives.
    fn role_before(
        &self,
        rl: &RoleLexicon,
        ws: &[Word],
        m: &Mention,
        id: usize,
    ) -> Option<(Option<Role>, Option<String>)> {
        if ws.is_empty() {
            return None;
        }
        let mut end = ws.len();
        let gap = &self.text[ws[end - 1].end..m.name_start];
        let comma = gap.trim() == ",";
        // `Sen. Elizabeth Warren`: the abbreviation's dot may stand between.
        if !(gap.trim().is_empty() || comma || gap.trim() == ".") {
            return None;
        }
        // A body after the title: `Ambassador to the United States`.
        let mut body_after: Option<(usize, usize)> = None;
        if let Some(bm) = self.mention_ending(ws[end - 1].end) {
            let b = &self.mentions[bm];
            let k = ws.partition_point(|w| w.start < b.start);
            if k >= 2 && k < end {
                let prep = self.text[ws[k - 1].start..ws[k - 1].end].to_ascii_lowercase();
                let (k, prep) = if prep == "the" && k >= 3 {
                    (
                        k - 1,
                        self.text[ws[k - 2].start..ws[k - 2].end].to_ascii_lowercase(),
                    )
                } else {
                    (k, prep)
                };
                if matches!(prep.as_str(), "to" | "of" | "for" | "at") {
                    body_after = Some((bm, k - 1));
                    end = k - 1;
                }
            }
        }
        let (from, ri) = self.phrase_ending(rl, ws, end)?;
        let entry = &rl.entries[ri];
        // A lower-case title needs a body or a possessive before it, or a
        // comma after it (`his adviser Husham Al Rikabi`, `Hezbollah leader`).
        let mut role = Role {
            title: entry.title.to_string(),
            function: entry.function.map(str::to_string),
            of: None,
            of_country: None,
            of_entity: None,
            via_entity: None,
            start: ws[from].start,
            // With the abbreviation's dot (`Sen.`).
            end: ws[end - 1].end + usize::from(self.text[ws[end - 1].end..].starts_with('.')),
            text: String::new(),
            unit: m.unit,
            sentence: String::new(),
        };
        let mut start = role.start;
        if let Some((bm, _)) = body_after {
            self.set_body(&mut role, bm);
            role.end = self.mentions[bm].end;
        }
        // What stands before the title: a demonym or country, an
        // organisation, a possessive pronoun, or `X's`.
        let mut k = from;
        let mut nationality: Option<String> = None;
        if k > 0 {
            let w = ws[k - 1];
            let gap = &self.text[w.end..ws[k].start];
            if gap.trim().is_empty() {
                // `Iraq's Prime Minister`: the word holds the possessive.
                let word = &self.text[w.start..w.end];
                let bare = w.start + strip_possessive(word).len();
                if let Some(bm) = self
                    .mention_ending(w.end)
                    .or_else(|| self.mention_ending(bare).filter(|_| bare < w.end))
                {
                    let b = &self.mentions[bm];
                    if b.kind == EntityKind::Group {
                        nationality = b.country.clone();
                        if role.of.is_none() && entry.title != "counterpart" {
                            self.set_body(&mut role, bm);
                        }
                        start = b.start;
                        k = ws.partition_point(|x| x.start < b.start);
                    } else if role.of.is_none()
                        && matches!(b.kind, EntityKind::Place | EntityKind::Organisation)
                    {
                        self.set_body(&mut role, bm);
                        start = b.start;
                        k = ws.partition_point(|x| x.start < b.start);
                    }
                }
            }
        }
        if k > 0 {
            let w = ws[k - 1];
            let word = self.text[w.start..w.end].to_ascii_lowercase();
            if matches!(word.as_str(), "his" | "her" | "their" | "its") {
                // Whose: the entity the possessive refers to.
                let owner = self
                    .in_unit
                    .get(self.unit_of(w.start))
                    .into_iter()
                    .flatten()
                    .filter(|&&(start, _, _, form)| {
                        start == w.start && form == MentionForm::Pronoun
                    })
                    .map(|&(_, _, id, _)| id)
                    .min();
                if let Some(owner) = owner.filter(|&o| o != id) {
                    start = w.start;
                    if entry.title == "counterpart" {
                        let Some(theirs) = self.entities[owner]
                            .roles
                            .iter()
                            .find_map(|r| r.function.clone().or_else(|| Some(r.title.clone())))
                        else {
                            // No office to mirror; the demonym still tells
                            // the nationality.
                            return nationality.map(|n| (None, Some(n)));
                        };
                        role.title = title_case(&theirs);
                        role.function = Some(theirs);
                        role.via_entity = Some(owner);
                        if let Some(c) = &nationality {
                            role.of_country = Some(c.clone());
                            role.of = self.lex.country(c).map(|c| c.name.clone());
                        }
                    } else if role.of.is_none() {
                        role.of = Some(self.entities[owner].name.clone());
                        role.of_entity = Some(owner);
                        role.of_country = None;
                    }
                }
            }
        }
        if role.of.is_none() && entry.title == "counterpart" {
            return None;
        }
        let lower_case = self.text[role.start..]
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        if lower_case && role.of.is_none() && !comma {
            return None;
        }
        role.start = start;
        role.text = self.text[role.start..role.end].to_string();
        let unit = self.units.get(m.unit).copied().unwrap_or(Span::new(0, 0));
        role.sentence = self.text[unit.start..unit.end].to_string();
        Some((Some(role), nationality))
    }

    /// `Name, the White House press secretary,` / `Name, chief executive
    /// of General Motors`.
    fn role_after(&self, rl: &RoleLexicon, m: &Mention, unit: Span) -> Option<Role> {
        let rest = &self.text[m.end..unit.end];
        let rest_trim = rest.strip_prefix(", ")?;
        let from = m.end + 2;
        // The apposition runs to the next comma or the sentence's end.
        let stop = rest_trim
            .find([',', ';', '(', ')', '"', '“', '”'])
            .unwrap_or(rest_trim.len());
        let ws = words(self.text, Span::new(from, from + stop));
        if ws.is_empty() || ws.len() > 10 {
            return None;
        }
        let mut i = 0;
        let first = self.text[ws[0].start..ws[0].end].to_ascii_lowercase();
        if matches!(first.as_str(), "the" | "a" | "an") {
            i = 1;
        }
        let mut role_body: Option<usize> = None;
        // A body before the title: `the White House press secretary`,
        // `Iraq's prime minister`.
        if let Some(w) = ws.get(i) {
            if let Some(bm) = self.mention_starting(w.start) {
                role_body = Some(bm);
                let b = &self.mentions[bm];
                i = ws.partition_point(|x| x.start < b.end);
            }
        }
        // The longest title from word i.
        let (n, ri) = (1..=rl.longest.min(ws.len().saturating_sub(i)))
            .rev()
            .find_map(|n| self.phrase_at(rl, &ws, i, n).map(|ri| (n, ri)))?;
        let entry = &rl.entries[ri];
        if entry.title == "counterpart" {
            return None;
        }
        let mut end = ws[i + n - 1].end;
        let mut body = role_body;
        // A body after: `of General Motors`, `to the United States`.
        if let Some(prep) = ws.get(i + n) {
            let p = self.text[prep.start..prep.end].to_ascii_lowercase();
            if matches!(p.as_str(), "of" | "at" | "for" | "to") {
                let mut j = i + n + 1;
                if ws
                    .get(j)
                    .is_some_and(|w| self.text[w.start..w.end].eq_ignore_ascii_case("the"))
                {
                    j += 1;
                }
                if let Some(bm) = ws.get(j).and_then(|w| self.mention_starting(w.start)) {
                    if body.is_none() {
                        body = Some(bm);
                    }
                    end = self.mentions[bm].end;
                }
            }
        }
        // The apposition must be all role: nothing after the title and body
        // (and a body that runs past the apposition's end is not one).
        if end > from + stop || !self.text[end..from + stop].trim().is_empty() {
            return None;
        }
        let mut role = Role {
            title: entry.title.to_string(),
            function: entry.function.map(str::to_string),
            of: None,
            of_country: None,
            of_entity: None,
            via_entity: None,
            start: from,
            end,
            text: self.text[from..end].to_string(),
            unit: m.unit,
            sentence: self.text[unit.start..unit.end].to_string(),
        };
        if let Some(bm) = body {
            self.set_body(&mut role, bm);
        }
        Some(role)
    }

    fn set_body(&self, role: &mut Role, bm: usize) {
        let b = &self.mentions[bm];
        let id = self.of_mention[bm];
        let e = id.map(|i| &self.entities[i]);
        match b.kind {
            EntityKind::Place | EntityKind::Group => {
                role.of_country = b
                    .country
                    .clone()
                    .or_else(|| e.and_then(|e| e.country.clone()));
                role.of = match &role.of_country {
                    Some(c) => self.lex.country(c).map(|c| c.name.clone()),
                    None => e.map(|e| e.name.clone()),
                };
                if b.kind == EntityKind::Place && b.subtype.as_deref() != Some("country") {
                    role.of_entity = id;
                    role.of = e.map(|e| e.name.clone());
                }
                if e.is_some_and(|e| e.kind == EntityKind::Organisation) {
                    role.of_entity = id;
                    role.of = e.map(|e| e.name.clone());
                }
            }
            _ => {
                role.of = e.map(|e| e.name.clone()).or_else(|| Some(b.text.clone()));
                role.of_entity = id;
                role.of_country = b
                    .country
                    .clone()
                    .or_else(|| e.and_then(|e| e.country.clone()));
            }
        }
    }
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
