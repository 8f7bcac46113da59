//! Where and when an event happened, and the entities its words name.
//!
//! Entities: each word gets the entity whose mention covers it (one sweep
//! over the words and the sorted mentions). Place: a place named in a
//! target (`visit to Iraq`), else a place in a locative phrase of the
//! trigger or its target (`in Baghdad`, `on the border`), else the place of
//! its sentence nearest the trigger, else the article's first focus country
//! (flagged). Date: a date or time the
//! trigger governs (`on Sunday`, `Sunday evening`), else the first date of
//! its sentence, else the publication date (flagged); only calendar values
//! (`2023-11-05`, not `PAST_REF`).

use chrono::NaiveDate;

use crate::entities::EntityKind;
use crate::resolve::{Entity, FocusCountry};
use crate::time::{Timex, TimexKind};

use super::participants::PLACE_CASES;
use super::tree::Tree;
use super::{EventDate, EventPlace};

/// What the anchors read, indexed once per article.
pub(crate) struct Anchors<'a> {
    /// The article's text.
    text: &'a str,
    entities: &'a [Entity],
    focus: &'a [FocusCountry],
    timex: &'a [Timex],
    /// The publication date as `2023-11-09`, written once.
    published_value: Option<String>,
    /// The entity whose mention covers each word.
    pub word_entity: Vec<Option<usize>>,
    /// The span of that mention (the shortest covering the word).
    pub word_mention: Vec<Option<(usize, usize)>>,
    /// The timex covering each word.
    pub word_timex: Vec<Option<usize>>,
}

impl<'a> Anchors<'a> {
    /// Indexes the entities and times over the words of `tree`.
    pub fn new(
        text: &'a str,
        tree: &Tree<'_>,
        entities: &'a [Entity],
        focus: &'a [FocusCountry],
        timex: &'a [Timex],
        published: Option<NaiveDate>,
    ) -> Anchors<'a> {
        let mut spans: Vec<(usize, usize, usize)> = entities
            .iter()
            .enumerate()
            .flat_map(|(e, ent)| ent.mentions.iter().map(move |m| (m.start, m.end, e)))
            .collect();
        spans.sort_unstable();
        let times: Vec<(usize, usize, usize)> = timex
            .iter()
            .enumerate()
            .map(|(i, t)| (t.start, t.end, i))
            .collect();
        let mentions = cover(tree, &spans);
        Anchors {
            text,
            entities,
            focus,
            timex,
            published_value: published.map(|d| d.format("%Y-%m-%d").to_string()),
            word_entity: mentions.iter().map(|m| m.map(|s| s.2)).collect(),
            word_mention: mentions.iter().map(|m| m.map(|s| (s.0, s.1))).collect(),
            word_timex: cover(tree, &times).iter().map(|m| m.map(|s| s.2)).collect(),
        }
    }

    /// The kind of entity `e`.
    pub fn kind(&self, e: usize) -> EntityKind {
        self.entities[e].kind
    }

    /// The entity an actor's phrase (words `lo..=hi`, head `h`) names: the
    /// rightmost person, organisation or place in it (`Iraqi Prime Minister
    /// Mohammed Shia al-Sudani` is al-Sudani, not `Iraqi`) when the head
    /// names none, leaving out possessors (`his counterpart` is not `his`),
    /// else the head's entity (`Iraqi` of `Iraqi forces`, a group).
    pub fn actor_entity(&self, tree: &Tree<'_>, lo: usize, hi: usize, h: usize) -> Option<usize> {
        let at = |w: usize| self.word_entity.get(w).copied().flatten();
        let named = |e: &usize| self.entities[*e].kind != EntityKind::Group;
        // A possessor is another entity (`his Turkish counterpart`).
        let own = |w: &usize| tree.words[*w].dep != "nmod:poss";
        // A description with the name beside it is who the name is (`the US
        // automobile manufacturer, Ford`, `the firm's chief executive,
        // Alan Mulally`), not a place or owner inside the description.
        let apposed = || {
            tree.children(h)
                .iter()
                .filter(|&&c| tree.words[c].dep == "appos")
                .filter_map(|&c| at(c))
                .find(|e| {
                    matches!(
                        self.entities[*e].kind,
                        EntityKind::Person | EntityKind::Organisation
                    )
                })
        };
        at(h).filter(named).or_else(apposed).or_else(|| {
            (lo..=hi)
                .rev()
                .filter(own)
                .filter_map(at)
                .find(named)
                .or_else(|| at(h))
        })
    }

    /// The place the text gives the event whose trigger is word `i` and
    /// whose target words are `target`: none when its sentence names no
    /// place for it (the caller then looks to the events before it, then
    /// to [`focus_place`](Self::focus_place)).
    pub fn place(&self, tree: &Tree<'_>, i: usize, target: &[usize]) -> Option<EventPlace> {
        let governed = std::iter::once(i)
            .chain(target.iter().copied())
            .flat_map(|h| tree.children(h).iter().copied())
            .filter(|&c| matches!(tree.words[c].dep.as_ref(), "obl" | "nmod" | "advmod"))
            .filter(|&c| {
                tree.children(c)
                    .iter()
                    .any(|&k| tree.words[k].dep == "case" && PLACE_CASES.contains(&tree.lemma(k)))
            });
        // A place the event is done to (`visit to Iraq`) is where it is;
        // not a place that heads a longer name the parser split (`met US
        // Secretary of State Antony Blinken`: `US` with `Secretary` below).
        let entity = |w: usize| self.word_entity.get(w).copied().flatten();
        let targets = target.iter().copied().filter(|&h| {
            !tree.children(h).iter().any(|&c| {
                tree.words[c].upos == "PROPN"
                    && matches!(
                        tree.words[c].dep.as_ref(),
                        "flat" | "compound" | "nmod" | "appos"
                    )
                    && entity(c) != entity(h)
            })
        });
        // Else the places of the trigger's own clause, then of the rest of
        // its sentence, nearest the trigger first; a place that only
        // modifies a noun (`US forces`, `Iraqi sovereignty`) sets nothing.
        // Only the words of a place count, so the clauses are worked out
        // for the sentences that name one.
        let is_place = |w: usize| entity(w).is_some_and(|e| self.kind(e) == EntityKind::Place);
        let mut near: Vec<usize> = sentence_words(tree, i)
            .filter(|&w| is_place(w))
            .filter(|&w| {
                !matches!(
                    tree.words[w].dep.as_ref(),
                    "compound" | "amod" | "nmod:poss"
                )
            })
            .collect();
        if !near.is_empty() {
            let contrast = contrast_words(tree, i);
            near.retain(|w| contrast.binary_search(w).is_err());
            let clause = clause_words(tree, i);
            near.sort_by_cached_key(|&w| (clause.binary_search(&w).is_err(), w.abs_diff(i), w));
        }
        targets
            .chain(governed)
            .chain(near)
            .find_map(|w| self.place_at(tree, w))
    }

    fn place_at(&self, tree: &Tree<'_>, w: usize) -> Option<EventPlace> {
        if let Some(border) = self.border_at(tree, w) {
            return Some(border);
        }
        let e = self.word_entity.get(w).copied().flatten()?;
        let ent = &self.entities[e];
        if ent.kind != EntityKind::Place {
            return None;
        }
        let at = tree.words[w].start;
        let m = ent.mentions.iter().find(|m| m.start <= at && at < m.end);
        let loc = ent.place.as_ref();
        Some(EventPlace {
            name: ent.name.clone(),
            start: m.map(|m| m.start),
            end: m.map(|m| m.end),
            entity: Some(e),
            country: ent.country.clone(),
            lat: loc.and_then(|l| l.lat),
            lon: loc.and_then(|l| l.lon),
            focus_country: false,
        })
    }

    /// The border that the place at word `w` names with its neighbour
    /// (`along the Lebanon-Israel border`): the event is on the border, not
    /// in either country. Its name is the words (`Lebanon-Israel border`),
    /// its country the one its places share (none for two countries), and
    /// it has no point on the map.
    fn border_at(&self, tree: &Tree<'_>, w: usize) -> Option<EventPlace> {
        let mut h = w;
        for _ in 0..4 {
            match tree.head(h) {
                Some((up, "compound" | "flat" | "amod")) => h = up,
                _ => break,
            }
        }
        let noun = tree.lemma(h).to_ascii_lowercase();
        if !matches!(noun.as_str(), "border" | "frontier" | "boundary") {
            return None;
        }
        // The words of the border's name: those right before the noun that
        // hang from it (`Lebanon`, `-`, `Israel`).
        let mut lo = h;
        while lo > 0
            && matches!(
                tree.words[lo - 1].dep.as_ref(),
                "compound" | "flat" | "amod" | "punct"
            )
            && tree.reaches(lo - 1, h)
        {
            lo -= 1;
        }
        let places: Vec<usize> = (lo..h)
            .filter_map(|k| self.word_entity.get(k).copied().flatten())
            .filter(|&e| self.entities[e].kind == EntityKind::Place)
            .collect();
        if places.is_empty() {
            // `the border` of no named place: no place of its own.
            return None;
        }
        let mut countries: Vec<&str> = places
            .iter()
            .filter_map(|&e| self.entities[e].country.as_deref())
            .collect();
        countries.dedup();
        let (start, end) = (tree.words[lo].start, tree.words[h].end);
        let name = self.text.get(start..end)?.to_string();
        Some(EventPlace {
            name,
            start: Some(start),
            end: Some(end),
            entity: None,
            country: match countries.as_slice() {
                [one] => Some(one.to_string()),
                _ => None,
            },
            lat: None,
            lon: None,
            focus_country: false,
        })
    }

    /// The article's first focus country, flagged as such: the place of an
    /// event the text places nowhere.
    pub fn focus_place(&self) -> Option<EventPlace> {
        let f = self.focus.first()?;
        Some(EventPlace {
            name: f.name.clone(),
            start: None,
            end: None,
            entity: None,
            country: Some(f.country.clone()),
            lat: None,
            lon: None,
            focus_country: true,
        })
    }

    /// The date of the event whose trigger is word `i`.
    pub fn date(&self, tree: &Tree<'_>, i: usize) -> Option<EventDate> {
        let governed = tree.children(i).iter().copied().flat_map(|c| {
            let (lo, hi) = super::participants::phrase(tree, c, |_| false);
            lo..=hi
        });
        governed
            .chain(sentence_words(tree, i))
            .filter_map(|w| Some((w, self.word_timex.get(w).copied().flatten()?)))
            .filter(|&(w, _)| !in_clause_of_time(tree, w, i))
            .map(|(_, t)| t)
            .find(|&t| {
                matches!(self.timex[t].kind, TimexKind::Date | TimexKind::Time)
                    && self.timex[t]
                        .value
                        .as_ref()
                        .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
            })
            .map(|t| {
                let x = &self.timex[t];
                EventDate {
                    value: x.value.clone().unwrap_or_default(),
                    text: Some(x.text.clone()),
                    start: Some(x.start),
                    end: Some(x.end),
                    timex: Some(t),
                    published: false,
                }
            })
            .or_else(|| {
                self.published_value.clone().map(|value| EventDate {
                    value,
                    text: None,
                    start: None,
                    end: None,
                    timex: None,
                    published: true,
                })
            })
    }
}

/// The words of the sentence of word `i`, in text order.
/// The words of the clause of word `i`: its subtree without the clauses
/// hanging from it (`while Iran ... are on the agenda`), sorted.
fn clause_words(tree: &Tree<'_>, i: usize) -> Vec<usize> {
    let mut out = vec![i];
    let mut k = 0;
    while k < out.len() {
        let w = out[k];
        out.extend(tree.children(w).iter().copied().filter(|&c| {
            let dep = tree.words[c].dep.as_ref();
            let clause = matches!(dep, "advcl" | "ccomp" | "parataxis" | "acl:relcl" | "csubj");
            let verb_conjunct = dep == "conj" && tree.words[c].upos == "VERB";
            !clause && !verb_conjunct
        }));
        k += 1;
    }
    out.sort_unstable();
    out
}

/// The words of the contrasting clauses of word `i`'s sentence that do not
/// hold it (`while Iran is also on the agenda`): another situation, whose
/// places are not the event's. Sorted.
fn contrast_words(tree: &Tree<'_>, i: usize) -> Vec<usize> {
    const CONTRAST: &[&str] = &["while", "whereas", "although", "though"];
    let mut out = Vec::new();
    if !sentence_words(tree, i).any(|w| CONTRAST.contains(&tree.lemma(w))) {
        return out;
    }
    for c in sentence_words(tree, i) {
        if !matches!(
            tree.words[c].dep.as_ref(),
            "advcl" | "ccomp" | "parataxis" | "conj"
        ) {
            continue;
        }
        let start = out.len();
        out.push(c);
        let mut k = start;
        while k < out.len() && out.len() - start <= tree.words.len() {
            let w = out[k];
            out.extend(tree.children(w).iter().copied());
            k += 1;
        }
        // The clause opens with the contrasting word (the parser may hang
        // it as `mark` or as `case` of the clause's subject).
        let first = out[start..]
            .iter()
            .copied()
            .filter(|&w| tree.words[w].dep != "punct")
            .min()
            .unwrap_or(c);
        if out[start..].contains(&i) || !CONTRAST.contains(&tree.lemma(first)) {
            out.truncate(start);
        }
    }
    // Whatever the parse made of it, a contrasting word after a comma
    // that follows the trigger opens a clause that runs to the sentence's
    // end (`He will meet X, while Iran ... are on the agenda`).
    let after = sentence_words(tree, i)
        .find(|&w| w > i + 1 && CONTRAST.contains(&tree.lemma(w)) && tree.lemma(w - 1) == ",");
    if let Some(c) = after {
        out.extend(sentence_words(tree, i).filter(|&w| w >= c));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether word `w` lies in a clause of time relative to another event
/// that does not hold word `i`: in `Days after Hamas fighters killed 1,400
/// people on October 7, militias resumed attacks`, October 7 is the
/// killing's date, and the attacks came after it, not on it.
fn in_clause_of_time(tree: &Tree<'_>, w: usize, i: usize) -> bool {
    let mut k = w;
    for _ in 0..16 {
        if k == i {
            return false;
        }
        let Some((h, dep)) = tree.head(k) else {
            return false;
        };
        if dep == "advcl"
            && tree.children(k).iter().any(|&c| {
                tree.words[c].dep == "mark"
                    && matches!(
                        tree.lemma(c),
                        "after" | "before" | "since" | "until" | "till"
                    )
            })
        {
            // The clause holds `i` when `i` climbs to `k`.
            let mut j = i;
            for _ in 0..16 {
                if j == k {
                    return false;
                }
                match tree.head(j) {
                    Some((up, _)) => j = up,
                    None => break,
                }
            }
            return true;
        }
        k = h;
    }
    false
}

fn sentence_words<'t>(tree: &'t Tree<'_>, i: usize) -> impl Iterator<Item = usize> + 't {
    let s = tree.words[i].sentence;
    (tree.sentence_first(i)..tree.words.len()).take_while(move |&w| tree.words[w].sentence == s)
}

/// For each word, the last span (sorted by start) that covers its first
/// byte: one sweep over words and spans.
fn cover(tree: &Tree<'_>, spans: &[(usize, usize, usize)]) -> Vec<Option<(usize, usize, usize)>> {
    let mut out = Vec::with_capacity(tree.words.len());
    let mut next = 0;
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    for w in tree.words {
        while let Some(&s) = spans.get(next) {
            if s.0 > w.start {
                break;
            }
            open.push(s);
            next += 1;
        }
        open.retain(|s| s.1 > w.start);
        // The shortest covering span: the most specific mention.
        out.push(open.iter().min_by_key(|s| (s.1 - s.0, s.2)).copied());
    }
    out
}
