//! Timelines: the events of a story, or those an entity takes part in, in
//! time order (dated by day first, then the undated, each by first mention).

use super::{CorpusEvent, Linked, Timeline, TimelineEntry};

/// The timeline of the story or corpus entity with id `id`.
pub(crate) fn of(linked: &Linked, id: &str) -> Option<Timeline> {
    let story = linked.stories.iter().any(|s| s.id == id);
    let entity = linked.entities.iter().any(|e| e.id == id);
    if !story && !entity {
        return None;
    }
    let events: Vec<&CorpusEvent> = linked
        .events
        .iter()
        .filter(|e| {
            (story && e.story == id)
                || (entity && e.actors.iter().any(|a| a.entity.as_deref() == Some(id)))
        })
        .collect();
    Some(Timeline {
        target: id.to_string(),
        events: order(events),
    })
}

/// Events in time order, as timeline entries.
pub(crate) fn order(mut events: Vec<&CorpusEvent>) -> Vec<TimelineEntry> {
    events.sort_by(|a, b| {
        (a.date.is_none(), &a.date, a.mentions.first()).cmp(&(
            b.date.is_none(),
            &b.date,
            b.mentions.first(),
        ))
    });
    events
        .into_iter()
        .map(|e| TimelineEntry {
            event: e.id.clone(),
            date: e.date.clone(),
            kind: e.kind.clone(),
            mentions: e.mentions.clone(),
        })
        .collect()
}
