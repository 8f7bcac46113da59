//! The claim a figure makes, written out: the category and trigger, actor,
//! place, date and source found for it, joined with what it reads into a
//! [`Figure`]; a part taking what its whole says (`four civilians,
//! including three children`), and coordinated counts sharing a category.

use super::lexicon::gdelt_of;
use super::places::PlaceFound;
use super::read::Raw;
use super::tokens::Ctx;
use super::{Figure, FigureKind};
use crate::entities::Mention;
use crate::quotes::Quote;

/// What was found around a figure: the claim it makes.
pub(super) struct Claim<'q> {
    /// The category, and the token of its trigger when a word gave it.
    pub category: Option<(&'static str, Option<usize>)>,
    /// The figure (index in the output) this one is a part of.
    pub part_of: Option<usize>,
    /// The actor's bytes.
    pub actor: Option<(usize, usize)>,
    /// The place.
    pub place: Option<PlaceFound>,
    /// The date: its value and bytes.
    pub date: Option<(String, usize, usize)>,
    /// The attributed statement holding the figure, and its index.
    pub source: Option<(&'q Quote, usize)>,
}

/// The figure `r` makes with `claim`, in segment `ui` (`ms`: the segment's
/// mentions).
pub(super) fn figure(c: &Ctx<'_>, r: &Raw, claim: Claim<'_>, ms: &[Mention], ui: usize) -> Figure {
    let (text, toks) = (c.text, c.toks);
    let Claim {
        category,
        part_of,
        actor: actor_bytes,
        place,
        date,
        source,
    } = claim;
    let f_start = toks[r.first].start;
    let f_end = toks[r.end - 1].end;
    let span = |o: Option<(usize, usize)>| o.map(|(a, b)| (toks[a].start, toks[b - 1].end));
    let counted = span(r.counted);
    let actor_entity = actor_bytes.and_then(|(a, b)| {
        ms.iter()
            .find(|m| m.start >= a && m.end <= b)
            .map(|m| m.text.clone())
    });
    Figure {
        start: f_start,
        end: f_end,
        text: text[f_start..f_end].to_string(),
        kind: if r.kind == FigureKind::Quantity && category.is_some() && r.unit.is_none() {
            FigureKind::Count
        } else {
            r.kind
        },
        value: r.value,
        low: r.low,
        high: r.high,
        bound: r.bound,
        unit: r.unit.clone(),
        counted: counted.map(|(a, b)| text[a..b].to_string()),
        counted_start: counted.map(|x| x.0),
        counted_end: counted.map(|x| x.1),
        counted_class: r.counted_class.map(str::to_string),
        category: category.map(|(k, _)| k.to_string()),
        gdelt: category.and_then(|(k, _)| gdelt_of(k)).map(str::to_string),
        trigger: category.and_then(|(_, t)| t).map(|t| c.s(t).to_string()),
        trigger_start: category.and_then(|(_, t)| t).map(|t| toks[t].start),
        trigger_end: category.and_then(|(_, t)| t).map(|t| toks[t].end),
        part_of,
        place: place.as_ref().map(|p| text[p.start..p.end].to_string()),
        place_start: place.as_ref().map(|p| p.start),
        place_end: place.as_ref().map(|p| p.end),
        place_mention: place.as_ref().and_then(|p| p.mention),
        place_name: place.as_ref().and_then(|p| p.name.clone()),
        place_countries: place.map(|p| p.countries).unwrap_or_default(),
        date: date.as_ref().map(|d| d.0.clone()),
        date_start: date.as_ref().map(|d| d.1),
        date_end: date.as_ref().map(|d| d.2),
        actor: actor_bytes.map(|(a, b)| text[a..b].to_string()),
        actor_start: actor_bytes.map(|x| x.0),
        actor_end: actor_bytes.map(|x| x.1),
        actor_entity,
        source: source.and_then(|(q, _)| q.source.clone()),
        source_entity: source.and_then(|(q, _)| q.speaker.clone()),
        source_quote: source.map(|s| s.1),
        segment: ui,
    }
}

/// A part (`three children`) takes what its whole says and it does not.
pub(super) fn inherit(f: &mut Figure, whole: &Figure) {
    if f.category.is_none() {
        f.category.clone_from(&whole.category);
        f.gdelt.clone_from(&whole.gdelt);
        f.trigger.clone_from(&whole.trigger);
        f.trigger_start = whole.trigger_start;
        f.trigger_end = whole.trigger_end;
    }
    if f.place.is_none() {
        f.place.clone_from(&whole.place);
        f.place_start = whole.place_start;
        f.place_end = whole.place_end;
        f.place_mention = whole.place_mention;
        f.place_name.clone_from(&whole.place_name);
        f.place_countries.clone_from(&whole.place_countries);
    }
    if f.date.is_none() {
        f.date.clone_from(&whole.date);
        f.date_start = whole.date_start;
        f.date_end = whole.date_end;
    }
    if f.actor.is_none() {
        f.actor.clone_from(&whole.actor);
        f.actor_start = whole.actor_start;
        f.actor_end = whole.actor_end;
        f.actor_entity.clone_from(&whole.actor_entity);
    }
    if f.source_quote.is_none() {
        f.source.clone_from(&whole.source);
        f.source_entity.clone_from(&whole.source_entity);
        f.source_quote = whole.source_quote;
    }
}

/// `a dozen journalists and 25 students were detained`: coordinated
/// counts of one segment (`figures`, in text order) share the category of
/// the last.
pub(super) fn share_coordinated(text: &str, figures: &mut [Figure]) {
    for k in (0..figures.len().saturating_sub(1)).rev() {
        let (a, b) = (&figures[k], &figures[k + 1]);
        let a_end = a.counted_end.unwrap_or(a.end);
        let gap = text.get(a_end..b.start).unwrap_or("?");
        if a.category.is_none()
            && b.category.is_some()
            && b.trigger_start.is_some_and(|t| t > b.end)
            && matches!(gap.trim(), "and" | "or" | "," | ", and" | ", or")
        {
            let (cat, gd, tr, ts, te) = (
                b.category.clone(),
                b.gdelt.clone(),
                b.trigger.clone(),
                b.trigger_start,
                b.trigger_end,
            );
            let a = &mut figures[k];
            a.category = cat;
            a.gdelt = gd;
            a.trigger = tr;
            a.trigger_start = ts;
            a.trigger_end = te;
            if a.kind == FigureKind::Quantity && a.unit.is_none() {
                a.kind = FigureKind::Count;
            }
        }
    }
}
