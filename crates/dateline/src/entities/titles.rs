//! Titles inside a person's mention: `CEO Steve Jobs` is the name `Steve
//! Jobs` with the title as its descriptor, and the body before the title
//! (`Apple Computer CEO Steve Jobs`) a name of its own.

use super::tagger::Unit;
use super::{mention, EntityKind, Mention};
use crate::lexicon::{EntryKind, Lexicon};
use crate::span::Span;

/// `CEO Steve Jobs`, `Apple Computer CEO Steve Jobs` tagged as one person:
/// the name is `Steve Jobs`, the title its descriptor, and the body before
/// the title a name of its own (`Apple Computer`).
pub(super) fn split_titles(
    text: &str,
    u: &Unit,
    lex: &Lexicon,
    ui: usize,
    first: usize,
    out: &mut Vec<Mention>,
) {
    let mut bodies = Vec::new();
    for m in out[first..].iter_mut() {
        if m.kind != EntityKind::Person || m.start != m.name_start || !m.text.contains(' ') {
            continue;
        }
        let words: Vec<Span> = u
            .words
            .iter()
            .map(|w| w.span)
            .filter(|w| w.start >= m.start && w.end <= m.end)
            .collect();
        // The name starts after the longest run of titles (`Prime Minister
        // Boris Johnson`, `Chrysler Chief Executive Robert Nardelli`), and
        // is more than a generational suffix (`Martin Luther King Jr.`).
        let Some((k, begin)) = (1..words.len()).rev().find_map(|k| {
            if !crate::lexicon::roles::may_end_title(words[k - 1].slice(text)) {
                return None;
            }
            let begin = crate::lexicon::roles::titles_before(text, m.start, words[k].start);
            let name = &words[k..];
            (begin < words[k].start
                && name
                    .iter()
                    .all(|w| w.slice(text).starts_with(char::is_uppercase))
                && !name
                    .iter()
                    .all(|w| GENERATIONS.contains(&w.slice(text).trim_end_matches('.'))))
            .then_some((k, begin))
        }) else {
            continue;
        };
        // Honorifics and a sovereign's titles stay: `Mr Biden`, `Pope
        // Francis` are the names as written.
        if begin == m.start && KEPT_TITLES.contains(&words[0].slice(text)) {
            continue;
        }
        // The body before the title (`Apple Computer`, `Texas`) is a name
        // of its own when it is one: a name of the lexicon, or two
        // capitalised words or more with no title among them (not
        // `Deputy`, `Former`).
        let body: Vec<Span> = words.iter().copied().filter(|w| w.end < begin).collect();
        let body_kind = body.last().and_then(|last| {
            let name = &text[m.start..last.end];
            match lex.lookup(name).first() {
                Some(EntryKind::Country(_) | EntryKind::Place(_)) => Some(EntityKind::Place),
                Some(EntryKind::Demonym(_) | EntryKind::Group(_)) => Some(EntityKind::Group),
                Some(EntryKind::Organisation(_)) => Some(EntityKind::Organisation),
                _ => (body.len() >= 2
                    && body.iter().all(|w| {
                        let w = w.slice(text);
                        w.starts_with(char::is_uppercase)
                            && !crate::lexicon::roles::may_end_title(w)
                    }))
                .then_some(EntityKind::Organisation),
            }
        });
        if begin > m.start && body_kind.is_none() {
            // Words before the titles that are no name: leave the mention.
            continue;
        }
        m.name_start = words[k].start;
        if let (Some(kind), Some(last)) = (body_kind, body.last()) {
            let span = Span::new(m.start, last.end);
            bodies.push(mention(text, span, kind, m.confidence, ui));
            m.start = begin;
        }
        m.text = text[m.start..m.end].to_string();
    }
    out.extend(bodies);
}

/// Generational suffixes, which are no name alone.
const GENERATIONS: &[&str] = &["Jr", "Sr", "II", "III", "IV"];

/// Honorifics and a sovereign's titles that stay part of the name the
/// tagger read (`Mr Biden`, `Sayyed Hassan Nasrallah`, `Pope Francis`).
const KEPT_TITLES: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady",
    "Sayyed", "Sayyid", "Sheikh", "Sheik", "King", "Queen", "Prince", "Princess", "Pope",
    "Emperor", "Empress", "Sultan", "Emir", "Crown",
];
