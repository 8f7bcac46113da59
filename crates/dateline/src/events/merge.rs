//! One event per happening: mentions of one event in an article (`met`,
//! `the meeting`) folded into one [`Event`].
//!
//! Two events are one when they are of one family (the same verb, or a noun
//! and the verb it names: `meeting` and `met`) or, both coded, of the same
//! CAMEO root; have the same polarity; are both said to have happened (or
//! both to come); share two of their participants' entities (or, of one
//! family, one, when one event's participants are among the other's); and
//! give no two different dates and no two different places from the text. Statements (`said`) are never folded: each is its own.
//! The later event's mentions join the first; fields the first lacks (a
//! side, a place that is not only the focus country, a date from the text,
//! a code, figures) are taken from the later one.
//!
//! Each event is compared with at most [`MAX_CANDIDATES`] earlier events of
//! its family, so folding stays linear in the number of events.

use std::collections::HashMap;

use super::{Event, EventClass, Modality, Polarity};

/// How many earlier events of the same family an event is compared with.
pub const MAX_CANDIDATES: usize = 8;

/// Folds the mentions of one happening into one event; `family` gives an
/// event's family key (a verb lemma). Works in place: the events kept
/// move to the front of `events`, in their order, and the folded ones
/// (emptied into the event they join) are cut off the end.
pub(crate) fn merge(mut events: Vec<Event>, family: impl Fn(&Event) -> String) -> Vec<Event> {
    let mut kept = 0;
    let mut by_family: HashMap<String, Vec<usize>, foldhash::fast::FixedState> = HashMap::default();
    let mut by_root: HashMap<String, Vec<usize>, foldhash::fast::FixedState> = HashMap::default();
    for i in 0..events.len() {
        let e = &events[i];
        if e.class == EventClass::Reporting || entities(e).is_empty() {
            events.swap(kept, i);
            kept += 1;
            continue;
        }
        let key = family(e);
        let root = e.code.as_ref().map(|c| c.root.clone());
        let family_of = by_family.get(&key).into_iter().map(|v| (v, true));
        let root_of = root
            .as_ref()
            .and_then(|r| by_root.get(r))
            .map(|v| (v, false));
        let target = family_of
            .chain(root_of)
            .flat_map(|(v, family)| {
                v.iter()
                    .rev()
                    .take(MAX_CANDIDATES)
                    .map(move |&k| (k, family))
            })
            .find(|&(k, family)| same_happening(&events[k], e, family))
            .map(|(k, _)| k);
        match target {
            Some(k) => {
                // k < kept <= i: the earlier event takes this one's parts.
                let (front, back) = events.split_at_mut(i);
                fold(&mut front[k], &mut back[0]);
            }
            None => {
                by_family.entry(key).or_default().push(kept);
                if let Some(r) = root {
                    by_root.entry(r).or_default().push(kept);
                }
                events.swap(kept, i);
                kept += 1;
            }
        }
    }
    events.truncate(kept);
    events
}

/// The entities of an event's participants.
fn entities(e: &Event) -> Vec<usize> {
    let mut out: Vec<usize> = e
        .source
        .iter()
        .chain(&e.target)
        .filter_map(|a| a.entity)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn happened(m: Modality) -> bool {
    matches!(m, Modality::Asserted | Modality::Reported)
}

fn same_happening(a: &Event, b: &Event, family: bool) -> bool {
    if a.polarity != b.polarity || happened(a.modality) != happened(b.modality) {
        return false;
    }
    if a.polarity == Polarity::Negative {
        return false;
    }
    let (ea, eb) = (entities(a), entities(b));
    let shared = ea.iter().filter(|x| eb.contains(x)).count();
    let nested = shared == ea.len().min(eb.len());
    // Events of one CAMEO root but different verbs (`met`, `discussed`)
    // must share two participants.
    if !(shared >= 2 || (family && shared == 1 && nested)) {
        return false;
    }
    // Two places named in the text, not the same: two happenings
    // (`arrived in Tehran`, `met in Baghdad`).
    if let (Some(x), Some(y)) = (&a.place, &b.place) {
        if !x.focus_country && !y.focus_country && x.entity != y.entity {
            return false;
        }
    }
    match (&a.date, &b.date) {
        (Some(x), Some(y)) if !x.published && !y.published => {
            let day = |v: &str| v.get(..10).unwrap_or(v).to_string();
            day(&x.value) == day(&y.value)
        }
        _ => true,
    }
}

/// Adds `b`'s mentions to `a` and fills what `a` lacks from `b` (which is
/// left emptied of what moved).
fn fold(a: &mut Event, b: &mut Event) {
    a.mentions.append(&mut b.mentions);
    if a.target.is_empty() && b.reciprocal {
        // Sides that act on each other come as a pair (`EDS signed a deal
        // ... EDS and CargoNet agreed`): both sides, the sources again as
        // the targets.
        a.source = std::mem::take(&mut b.source);
        a.target = std::mem::take(&mut b.target);
        a.reciprocal = true;
    }
    if a.source.is_empty() {
        a.source = std::mem::take(&mut b.source);
    }
    if a.target.is_empty() {
        a.target = std::mem::take(&mut b.target);
    }
    if a.place.as_ref().map_or(true, |p| p.focus_country)
        && b.place.as_ref().is_some_and(|p| !p.focus_country)
    {
        a.place = b.place.take();
    }
    if a.date.as_ref().map_or(true, |d| d.published)
        && b.date.as_ref().is_some_and(|d| !d.published)
    {
        a.date = b.date.take();
    }
    if a.code.is_none() {
        a.code = b.code.take();
    }
    for &f in &b.figures {
        if !a.figures.contains(&f) {
            a.figures.push(f);
        }
    }
    a.reported_by = a.reported_by.or(b.reported_by);
}
