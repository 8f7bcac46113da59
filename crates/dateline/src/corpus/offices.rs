//! Offices: a post of state named by its title where the text is about the
//! post, not about a holder (`nominated Regina Benjamin as Surgeon
//! General`, `to fill the post of U.S. Surgeon General`, `a Surgeon General
//! nominee`). Each becomes an entity of its record, known by the title as
//! the roles lexicon writes it (`data/roles.tsv`, its capitalised rows:
//! offices of state, not common roles such as `spokesman` or `coach`);
//! linking joins an office's mentions within a story, as it does a
//! described participant's (two stories' `Attorney General` may be two
//! countries' posts).
//!
//! A name the entity layer found that is an office's title alone
//! (`Surgeon General`, `US Surgeon General`) is that office.
//! A title right before a name is that person's (`Surgeon General Regina
//! Benjamin`, `President Obama`), and a title that opens or ends a name
//! mention is the name's; neither is an office. A title elsewhere is one
//! when the words around it give the post: after `as`, `be` or `become`
//! (`will be the next Surgeon General`), after `for` (`his nominee for
//! Surgeon General`), after `the post of`, or before a noun of appointment
//! (`Surgeon General nominee`, `the surgeon general's post`). The mention
//! takes in a country written before the title (`U.S.`, `US`) and `of`
//! with a place after it (`Surgeon General of the United States`).

use std::collections::BTreeMap;

use crate::article::segment::Token;
use crate::entities::EntityKind;
use crate::lexicon::roles::{roles_lexicon, HONORIFICS};
use crate::resolve::MentionForm;
use crate::span::Span;

use super::record::{REntity, Record};

/// Words after which a title names the post given or held.
const CUES: &[&str] = &[
    "as", "be", "is", "was", "were", "been", "being", "become", "becomes", "became", "becoming",
    "for",
];

/// Verbs of appointing, after which a title is the post given (`Obama
/// nominates new surgeon general`).
const APPOINTING: &[&str] = &[
    "nominate",
    "nominates",
    "nominated",
    "nominating",
    "name",
    "names",
    "named",
    "naming",
    "appoint",
    "appoints",
    "appointed",
    "appointing",
    "elect",
    "elects",
    "elected",
    "electing",
    "pick",
    "picks",
    "picked",
    "choose",
    "chooses",
    "chose",
    "chosen",
    "tap",
    "taps",
    "tapped",
    "select",
    "selects",
    "selected",
];

/// Nouns of a post, after which `of` introduces it (`the post of`).
const POSTS: &[&str] = &["post", "office", "job", "role", "position", "title", "seat"];

/// Nouns of appointment an office qualifies (`Surgeon General nominee`).
const APPOINTMENTS: &[&str] = &[
    "nominee",
    "nominees",
    "nomination",
    "pick",
    "post",
    "job",
    "position",
    "candidate",
    "candidacy",
    "appointment",
    "confirmation",
];

/// Words that may stand between a cue and the title (`as the next`, `to
/// be the country's`, `as his`).
const BETWEEN: &[&str] = &[
    "the",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "next",
    "new",
    "first",
    "acting",
    "interim",
    "permanent",
    "former",
    "top",
];

/// The most words a walk back from a title to its cue passes.
const MAX_BETWEEN: usize = 6;

/// Spellings of the United States written before a title (`U.S.`, or
/// `U . S .` in tokenised text), spaces left out.
const US: &[&str] = &["U.S.", "U.S", "US", "USA", "U.S.A."];

impl Record {
    /// Adds the offices the article names (see the module's comment) as
    /// entities, and returns the spans of their mentions, sorted, so that
    /// no described participant takes their words.
    pub(super) fn add_offices(
        &mut self,
        text: &str,
        tokens: &[Token],
        units: &[Span],
    ) -> Vec<(usize, usize)> {
        let lex = roles_lexicon();
        let lower: Vec<String> = tokens
            .iter()
            .map(|t| text.get(t.start..t.end).unwrap_or_default().to_lowercase())
            .collect();
        // Names the tagger read an office's title as (`Surgeon General`,
        // `US Surgeon General` alone) are that office.
        let named_offices: Vec<(usize, usize)> = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                !e.described && matches!(e.kind, EntityKind::Misc | EntityKind::Organisation)
            })
            .filter_map(|(k, e)| Some((k, office_named(&e.name, lex)?)))
            .collect();
        // Where the article's other names start and what they cover.
        let mut names: Vec<(usize, usize, EntityKind)> = self
            .entities
            .iter()
            .enumerate()
            .filter(|(k, e)| !e.described && !named_offices.iter().any(|o| o.0 == *k))
            .flat_map(|(_, e)| {
                e.mentions
                    .iter()
                    .filter(|m| matches!(m.3, MentionForm::Name | MentionForm::Acronym))
                    .map(move |m| (m.0, m.1, e.kind))
            })
            .collect();
        names.sort_unstable_by_key(|n| (n.0, n.1));
        let name_at = |start: usize| {
            let k = names.partition_point(|n| n.0 < start);
            names.get(k).filter(|n| n.0 == start).copied()
        };
        let overlaps_name = |start: usize, end: usize| {
            let k = names.partition_point(|n| n.0 < end);
            names[..k].iter().rev().take(16).any(|n| n.1 > start)
        };
        let mut claimed: Vec<(usize, usize)> = Vec::new();
        for &(k, entry) in &named_offices {
            let title = lex.entries[entry].title;
            let e = &mut self.entities[k];
            // A mention right before a person's name is the title of that
            // person (`acting Surgeon General Steven Hale`).
            let before: Vec<bool> = e
                .mentions
                .iter()
                .map(|m| {
                    let j = tokens.partition_point(|t| t.start < m.1);
                    before_name(text, tokens, &lower, j, &name_at)
                })
                .collect();
            if before.iter().all(|&b| b) {
                continue;
            }
            let mut keep = before.iter().map(|&b| !b);
            e.mentions.retain(|_| keep.next().unwrap_or(false));
            for m in e.mentions.iter_mut() {
                let i = tokens.partition_point(|t| t.start < m.0);
                let j = tokens.partition_point(|t| t.start < m.1);
                if tokens.get(i).is_some_and(|t| t.start == m.0) {
                    m.0 = us_before(text, tokens, i).unwrap_or(m.0);
                }
                // The office is the title, not its noun phrase (`the` of
                // `the US surgeon general`).
                if lower.get(i).is_some_and(|w| w == "the") && i + 1 < j {
                    m.0 = tokens[i + 1].start;
                }
                m.1 = place_after(tokens, &lower, j, &name_at).unwrap_or(m.1);
                m.2 = text.get(m.0..m.1).unwrap_or_default().to_string();
                claimed.push((m.0, m.1));
            }
            *e = office(title, std::mem::take(&mut e.mentions));
        }
        claimed.sort_unstable();
        let overlaps_claimed = |start: usize, end: usize| {
            let k = claimed.partition_point(|c| c.0 < end);
            claimed[..k].iter().rev().take(16).any(|c| c.1 > start)
        };
        let mut found: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        let mut i = 0;
        while i < tokens.len() {
            let Some((entry, j)) = title_at(&lower, i, lex) else {
                i += 1;
                continue;
            };
            let title = lex.entries[entry].title;
            // Offsets come from the caller (`dateline link` reads records'
            // tokens): out of range or inside a character, no office.
            let written = text
                .get(tokens[i].start..tokens[j - 1].end)
                .unwrap_or_default();
            let office = title.starts_with(|c: char| c.is_uppercase())
                && (written.contains([' ', '-'])
                    || written.starts_with(|c: char| c.is_uppercase()));
            if !office
                || overlaps_name(tokens[i].start, tokens[j - 1].end)
                || overlaps_claimed(tokens[i].start, tokens[j - 1].end)
                || before_name(text, tokens, &lower, j, &name_at)
            {
                i = j;
                continue;
            }
            let start = us_before(text, tokens, i).unwrap_or(tokens[i].start);
            // The words before the country, if one is written, give the post.
            let first = tokens.partition_point(|t| t.start < start);
            if !(cue_before(tokens, &lower, first) || appointment_after(&lower, j)) {
                i = j;
                continue;
            }
            let end = place_after(tokens, &lower, j, &name_at).unwrap_or(tokens[j - 1].end);
            found.entry(entry).or_default().push((start, end));
            i = j;
        }
        let mut spans = claimed;
        for (entry, list) in found {
            spans.extend(list.iter().copied());
            let mentions = list
                .iter()
                .map(|&(s, e)| {
                    let unit = units.partition_point(|u| u.end <= s);
                    let words = text.get(s..e).unwrap_or_default().to_string();
                    (s, e, words, MentionForm::Name, unit)
                })
                .collect();
            self.entities
                .push(office(lex.entries[entry].title, mentions));
        }
        spans.sort_unstable();
        spans
    }
}

/// The entity of an office: a described participant of kind `MISC`, known
/// by its title.
fn office(title: &str, mentions: Vec<(usize, usize, String, MentionForm, usize)>) -> REntity {
    REntity {
        kind: EntityKind::Misc,
        name: title.to_string(),
        key: format!("office:{}", title.to_lowercase()),
        roles: Vec::new(),
        nationality: None,
        country: None,
        // As for other described participants: no name of the article, so
        // no key of its story (`stories::keys`); two stories' `Attorney
        // General` tell nothing of one story.
        named: 0,
        mentions,
        described: true,
        person: None,
    }
}

/// The office a name is the title of (`Surgeon General`, `US Surgeon
/// General`, `U.S. Surgeon General`): the entry of a capitalised row of
/// the roles lexicon.
fn office_named(name: &str, lex: &crate::lexicon::roles::RoleLexicon) -> Option<usize> {
    let mut rest = name.trim();
    for us in ["U.S.", "U.S", "US", "U . S .", "USA"] {
        if let Some(r) = rest.strip_prefix(us).and_then(|r| r.strip_prefix(' ')) {
            rest = r.trim_start();
            break;
        }
    }
    let key = rest.to_lowercase();
    let &entry = lex.phrases.get(key.trim_end_matches('.'))?;
    lex.entries[entry]
        .title
        .starts_with(|c: char| c.is_uppercase())
        .then_some(entry)
}

/// The longest title of the roles lexicon that starts at token `i`: its
/// entry and the token after it.
fn title_at(
    lower: &[String],
    i: usize,
    lex: &crate::lexicon::roles::RoleLexicon,
) -> Option<(usize, usize)> {
    // A hyphen may join a title's words (`surgeon-general`).
    let first = lower[i].split('-').next().unwrap_or_default();
    if !lex.first_words.contains(first) {
        return None;
    }
    let mut phrase = String::new();
    let mut best = None;
    for (n, w) in lower[i..].iter().take(lex.longest).enumerate() {
        if n > 0 {
            phrase.push(' ');
        }
        phrase.push_str(w);
        let key = phrase.trim_end_matches('.');
        let found = lex
            .phrases
            .get(key)
            .or_else(|| lex.phrases.get(key.replace('-', " ").as_str()));
        if let Some(&e) = found {
            best = Some((e, i + n + 1));
        }
    }
    best
}

/// Whether a person's name follows the title at token `j`, honorifics
/// between (`Surgeon General Dr. Regina Benjamin`), or a capitalised word
/// the tagger left out (`President Obama` of a headline).
fn before_name(
    text: &str,
    tokens: &[Token],
    lower: &[String],
    mut j: usize,
    name_at: &impl Fn(usize) -> Option<(usize, usize, EntityKind)>,
) -> bool {
    let title_end = j.checked_sub(1).map_or(0, |k| tokens[k].end);
    while j < tokens.len()
        && (HONORIFICS.contains(&lower[j].trim_end_matches('.')) || lower[j] == ".")
    {
        j += 1;
    }
    let Some(t) = tokens.get(j) else {
        return false;
    };
    // A name on the next line is none of the title's (a headline's end).
    if text
        .get(title_end..t.start)
        .is_some_and(|gap| gap.contains('\n'))
    {
        return false;
    }
    if let Some(n) = name_at(t.start) {
        return n.2 == EntityKind::Person;
    }
    let word = text.get(t.start..t.end).unwrap_or_default();
    word.starts_with(|c: char| c.is_uppercase())
        && t.syntax.as_ref().is_some_and(|s| s.upos == "PROPN")
        && !APPOINTMENTS.contains(&lower[j].as_str())
}

/// Whether the words before token `i` make the title the post given or
/// held: a cue (`as`, `be`, `for`) or `the post of`, with at most a few
/// determiners, adjectives and possessors between (`to be the country's`).
fn cue_before(tokens: &[Token], lower: &[String], i: usize) -> bool {
    let mut k = i;
    let mut passed = 0;
    while k > 0 && passed <= MAX_BETWEEN {
        let w = lower[k - 1].as_str();
        if CUES.contains(&w) || APPOINTING.contains(&w) {
            return true;
        }
        if w == "of" {
            return k >= 2 && POSTS.contains(&lower[k - 2].as_str());
        }
        if matches!(w, "'s" | "’s") && k >= 2 {
            // A possessor (`the country 's`, `America's`).
            k -= 2;
        } else if BETWEEN.contains(&w)
            || matches!(w, "." | "-")
            || w.ends_with("'s")
            || w.ends_with("’s")
            || w.contains('-')
            || tokens[k - 1]
                .syntax
                .as_ref()
                .is_some_and(|s| s.upos == "ADJ")
        {
            k -= 1;
        } else {
            return false;
        }
        passed += 1;
    }
    false
}

/// Whether a noun of appointment follows the title at token `j`, a
/// possessive ending between (`Surgeon General nominee`, `the surgeon
/// general's post`).
fn appointment_after(lower: &[String], mut j: usize) -> bool {
    if lower
        .get(j)
        .is_some_and(|w| matches!(w.as_str(), "'s" | "’s"))
    {
        j += 1;
    }
    lower
        .get(j)
        .is_some_and(|w| APPOINTMENTS.contains(&w.as_str()))
}

/// Where a spelling of the United States right before token `i` starts
/// (`U.S.`, `US`, `U . S .`).
fn us_before(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    (1..=4.min(i)).find_map(|k| {
        let words = text.get(tokens[i - k].start..tokens[i - 1].end)?;
        let joined: String = words.chars().filter(|c| !c.is_whitespace()).collect();
        US.contains(&joined.as_str()).then_some(tokens[i - k].start)
    })
}

/// Where `of` and a place after the title at token `j` end (`Surgeon
/// General of the United States`).
fn place_after(
    tokens: &[Token],
    lower: &[String],
    j: usize,
    name_at: &impl Fn(usize) -> Option<(usize, usize, EntityKind)>,
) -> Option<usize> {
    if lower.get(j)? != "of" {
        return None;
    }
    let k = if lower.get(j + 1)? == "the" {
        j + 2
    } else {
        j + 1
    };
    let t = tokens.get(k)?;
    let n = name_at(t.start).or_else(|| name_at(tokens[j + 1].start))?;
    (n.2 == EntityKind::Place).then_some(n.1)
}
