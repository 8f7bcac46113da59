//! Pass 3: roles stated next to a person's name, before it (`Iraqi Prime
//! Minister Mohammed Shia al-Sudani`, `his adviser Husham Al Rikabi`, `his
//! Turkish counterpart, Hakan Fidan`) or in an apposition after it (`Karine
//! Jean-Pierre, the White House press secretary,`). Titles come from the
//! shared roles lexicon (lexicon/roles.rs); the body a role is for is the
//! mention before or after the title.

use super::builder::Builder;
use super::{MentionForm, Role};
use crate::entities::{EntityKind, Mention};
use crate::lexicon::roles::{roles_lexicon, strip_possessive, words, RoleEntry, RoleLexicon, Word};
use crate::span::Span;

/// What stands before a title: where the role's words start, how many words
/// of the sentence are left before them, and the nationality a demonym
/// there gives.
struct Lead {
    /// Words before the role's words.
    words: usize,
    /// First byte of the role's words.
    start: usize,
    /// The country of a demonym before the title (`Iraqi`).
    nationality: Option<String>,
}

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
        self.nationality_from_offices();
    }

    /// A person's nationality from a state office, where nothing gave it.
    fn nationality_from_offices(&mut self) {
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

    /// Gives person `id` a role, unless it holds it already (keeping the
    /// fuller statement of one title).
    fn add_role(&mut self, id: usize, role: Role) {
        // No one holds an office of themselves: the person and the body
        // were taken for one entity (`Texas Prime Minister Texas`, the
        // second `Texas` tagged a person and joined to the state).
        if role.of_entity == Some(id) {
            return;
        }
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

    /// A word as lower-case ASCII.
    fn lower_word(&self, w: Word) -> String {
        self.text[w.start..w.end].to_ascii_lowercase()
    }

    /// A title right before a person's name, and the nationality a demonym
    /// before the title gives. `ws` are the sentence's words before the
    /// name, `id` the person.
    fn role_before(
        &self,
        rl: &RoleLexicon,
        ws: &[Word],
        m: &Mention,
        id: usize,
    ) -> Option<(Option<Role>, Option<String>)> {
        let last = ws.last()?;
        let gap = self.text[last.end..m.name_start].trim();
        let comma = gap == ",";
        // `Sen. Elizabeth Warren`: the abbreviation's dot may stand between.
        if !(gap.is_empty() || comma || gap == ".") {
            return None;
        }
        // A body after the title: `Ambassador to the United States`.
        let body_after = self.body_after_title(ws);
        let end = body_after.map_or(ws.len(), |(_, end)| end);
        let (from, ri) = self.phrase_ending(rl, ws, end)?;
        let entry = &rl.entries[ri];
        // With the abbreviation's dot (`Sen.`).
        let title_end =
            ws[end - 1].end + usize::from(self.text[ws[end - 1].end..].starts_with('.'));
        let mut role = new_role(entry, ws[from].start, title_end, m.unit);
        if let Some((bm, _)) = body_after {
            self.set_body(&mut role, bm);
            role.end = self.mentions[bm].end;
        }
        // What stands before the title: a demonym or country, an
        // organisation, a possessive pronoun, or `X's`.
        let mut lead = self.body_before_title(ws, from, entry, &mut role);
        let owner = lead
            .words
            .checked_sub(1)
            .and_then(|k| self.possessive_owner(ws[k], id));
        if let Some(owner) = owner {
            lead.start = ws[lead.words - 1].start;
            if entry.title == "counterpart" {
                if !self.mirror_office(&mut role, owner, lead.nationality.as_deref()) {
                    // No office to mirror; the demonym still tells the
                    // nationality.
                    return lead.nationality.map(|n| (None, Some(n)));
                }
            } else if role.of.is_none() {
                role.of = Some(self.entities[owner].name.clone());
                role.of_entity = Some(owner);
                role.of_country = None;
            }
        }
        if role.of.is_none() && entry.title == "counterpart" {
            return None;
        }
        // A lower-case title needs a body or a possessive before it, or a
        // comma after it (`his adviser Husham Al Rikabi`, `Hezbollah leader`).
        let lower_case = self.text[role.start..]
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        if lower_case && role.of.is_none() && !comma {
            return None;
        }
        role.start = lead.start;
        role.text = self.text[role.start..role.end].to_string();
        let unit = self.units.get(m.unit).copied().unwrap_or(Span::new(0, 0));
        role.sentence = self.text[unit.start..unit.end].to_string();
        Some((Some(role), lead.nationality))
    }

    /// A body between a title and the name, after a preposition
    /// (`Ambassador to the United States`): the body's mention, and the
    /// number of words before the preposition (where the title ends).
    fn body_after_title(&self, ws: &[Word]) -> Option<(usize, usize)> {
        let end = ws.len();
        let bm = self.mention_ending(ws[end - 1].end)?;
        let b = &self.mentions[bm];
        let k = ws.partition_point(|w| w.start < b.start);
        if !(k >= 2 && k < end) {
            return None;
        }
        let prep = self.lower_word(ws[k - 1]);
        let (k, prep) = if prep == "the" && k >= 3 {
            (k - 1, self.lower_word(ws[k - 2]))
        } else {
            (k, prep)
        };
        matches!(prep.as_str(), "to" | "of" | "for" | "at").then_some((bm, k - 1))
    }

    /// What stands right before a title (that starts at word `from`): a
    /// demonym or country, which gives the nationality and is the role's
    /// body, or an organisation or place that is its body (`Iraq's Prime
    /// Minister`, `Hezbollah leader`).
    fn body_before_title(
        &self,
        ws: &[Word],
        from: usize,
        entry: &RoleEntry,
        role: &mut Role,
    ) -> Lead {
        let mut lead = Lead {
            words: from,
            start: role.start,
            nationality: None,
        };
        if from == 0 {
            return lead;
        }
        let w = ws[from - 1];
        if !self.text[w.end..ws[from].start].trim().is_empty() {
            return lead;
        }
        // `Iraq's Prime Minister`: the word holds the possessive.
        let word = &self.text[w.start..w.end];
        let bare = w.start + strip_possessive(word).len();
        let Some(bm) = self
            .mention_ending(w.end)
            .or_else(|| self.mention_ending(bare).filter(|_| bare < w.end))
        else {
            return lead;
        };
        let b = &self.mentions[bm];
        if b.kind == EntityKind::Group {
            lead.nationality = b.country.clone();
            if role.of.is_none() && entry.title != "counterpart" {
                self.set_body(role, bm);
            }
        } else if role.of.is_none()
            && matches!(b.kind, EntityKind::Place | EntityKind::Organisation)
        {
            self.set_body(role, bm);
        } else {
            return lead;
        }
        lead.start = b.start;
        lead.words = ws.partition_point(|x| x.start < b.start);
        lead
    }

    /// The entity a possessive pronoun (`his`, `her`, `their`, `its`) at
    /// word `w` was resolved to, when it is not the role's holder `id`.
    fn possessive_owner(&self, w: Word, id: usize) -> Option<usize> {
        let word = self.lower_word(w);
        if !matches!(word.as_str(), "his" | "her" | "their" | "its") {
            return None;
        }
        self.in_unit
            .get(self.unit_of(w.start))
            .into_iter()
            .flatten()
            .filter(|&&(start, _, _, form)| start == w.start && form == MentionForm::Pronoun)
            .map(|&(_, _, id, _)| id)
            .min()
            .filter(|&o| o != id)
    }

    /// `his Turkish counterpart`: the role is the office of `owner` (whom
    /// `his` refers to; a Secretary of State is a foreign minister), in the
    /// demonym's country. False when the owner holds no office to mirror.
    fn mirror_office(&self, role: &mut Role, owner: usize, nationality: Option<&str>) -> bool {
        let Some(theirs) = self.entities[owner]
            .roles
            .iter()
            .find_map(|r| r.function.clone().or_else(|| Some(r.title.clone())))
        else {
            return false;
        };
        role.title = title_case(&theirs);
        role.function = Some(theirs);
        role.via_entity = Some(owner);
        if let Some(c) = nationality {
            role.of_country = Some(c.to_string());
            role.of = self.lex.country(c).map(|c| c.name.to_string());
        }
        true
    }

    /// `Name, the White House press secretary,` / `Name, chief executive
    /// of General Motors`.
    fn role_after(&self, rl: &RoleLexicon, m: &Mention, unit: Span) -> Option<Role> {
        let (from, stop, ws) = self.apposition(m, unit)?;
        let mut i = 0;
        if matches!(self.lower_word(ws[0]).as_str(), "the" | "a" | "an") {
            i = 1;
        }
        // A body before the title: `the White House press secretary`,
        // `Iraq's prime minister`.
        let mut body: Option<usize> = None;
        if let Some(bm) = ws.get(i).and_then(|w| self.mention_starting(w.start)) {
            body = Some(bm);
            i = ws.partition_point(|x| x.start < self.mentions[bm].end);
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
        // A body after: `of General Motors`, `to the United States`.
        if let Some(bm) = self.body_after_preposition(&ws, i + n) {
            body = body.or(Some(bm));
            end = self.mentions[bm].end;
        }
        // The apposition must be all role: nothing after the title and body
        // (and a body that runs past the apposition's end is not one).
        if end > stop || !self.text[end..stop].trim().is_empty() {
            return None;
        }
        let mut role = new_role(entry, from, end, m.unit);
        role.text = self.text[from..end].to_string();
        role.sentence = self.text[unit.start..unit.end].to_string();
        if let Some(bm) = body {
            self.set_body(&mut role, bm);
        }
        Some(role)
    }

    /// The apposition after a name: from `, ` to the next comma, bracket,
    /// quotation mark or the sentence's end. Its first byte, one past its
    /// last, and its words; none without words or with more than ten.
    fn apposition(&self, m: &Mention, unit: Span) -> Option<(usize, usize, Vec<Word>)> {
        let rest = &self.text[m.end..unit.end];
        let rest_trim = rest.strip_prefix(", ")?;
        let from = m.end + 2;
        let stop = rest_trim
            .find([',', ';', '(', ')', '"', '“', '”'])
            .unwrap_or(rest_trim.len());
        let ws = words(self.text, Span::new(from, from + stop));
        if ws.is_empty() || ws.len() > 10 {
            return None;
        }
        Some((from, from + stop, ws))
    }

    /// The body after a title that ends before word `at`, after a
    /// preposition: `of General Motors`, `to the United States`.
    fn body_after_preposition(&self, ws: &[Word], at: usize) -> Option<usize> {
        let prep = ws.get(at)?;
        if !matches!(self.lower_word(*prep).as_str(), "of" | "at" | "for" | "to") {
            return None;
        }
        let mut j = at + 1;
        if ws
            .get(j)
            .is_some_and(|w| self.text[w.start..w.end].eq_ignore_ascii_case("the"))
        {
            j += 1;
        }
        ws.get(j).and_then(|w| self.mention_starting(w.start))
    }

    /// The body of a role, from entity-layer mention `bm`: a country (of a
    /// place or group), or the entity (an organisation, a person, a place
    /// that is no country).
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
                    Some(c) => self.lex.country(c).map(|c| c.name.to_string()),
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

/// A role of a title from the roles lexicon, stated by the words
/// `start..end` of unit `unit`, for no body yet (its text and sentence are
/// filled in when it is kept).
fn new_role(entry: &RoleEntry, start: usize, end: usize, unit: usize) -> Role {
    Role {
        title: entry.title.to_string(),
        function: entry.function.map(str::to_string),
        of: None,
        of_country: None,
        of_entity: None,
        via_entity: None,
        start,
        end,
        text: String::new(),
        unit,
        sentence: String::new(),
    }
}

/// Each word capitalised (`foreign minister` → `Foreign Minister`).
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
