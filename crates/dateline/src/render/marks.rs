//! The marks of a view: what is marked where in the article's body, and
//! the marks nested into a sequence of open, text and close steps that
//! both views write.
//!
//! Overlapping marks are split, never crossed: the steps always nest. Marks
//! are opened in text order, a longer one before a shorter one starting at
//! the same byte (and, for equal spans, in [`Layer`] order); when a mark
//! ends while marks opened inside it are still open, those are closed with
//! it and opened again right after, as continuations of the same mark. So
//! a quotation that ends inside a name gives the name in two pieces, one
//! inside the quotation and one after it.

use crate::pipeline::Extraction;

/// How many marks may be open at one point of the text. Real articles nest
/// a few deep (a quotation within a quotation, its source, a name in it);
/// a mark that would open deeper (only hand-made input does this) is left
/// out of the text, still listed below it. The bound keeps the splitting
/// of crossing marks linear in the text.
pub(crate) const MAX_DEPTH: usize = 12;

/// What a mark shows. For marks with the same span, the earlier layer is
/// the outer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Layer {
    /// A kicker or title line; the index is into the article's headlines.
    Headline,
    /// A quote's content; into the quotes.
    Quote,
    /// A quote's source as written; into [`Marks::sources`].
    Source,
    /// A coded event's trigger; into the events.
    Event,
    /// An entity-layer mention; into the mentions.
    Entity,
    /// A description or pronoun resolved to an entity; into [`Marks::corefs`].
    Coref,
    /// A figure's amount; into the figures.
    Figure,
    /// A time expression; into the timex.
    Timex,
}

impl Layer {
    /// The layer's name in the views (`data-layer` in HTML).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Layer::Headline => "headline",
            Layer::Quote => "quote",
            Layer::Source => "source",
            Layer::Event => "event",
            Layer::Entity => "entity",
            Layer::Coref => "coref",
            Layer::Figure => "figure",
            Layer::Timex => "timex",
        }
    }
}

/// One marked span of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it shows.
    pub layer: Layer,
    /// Index of the item it shows in its layer's list.
    pub index: usize,
    /// True for the mark that stands for its item in the text (the one an
    /// HTML anchor goes to): false for an event's later mentions.
    pub primary: bool,
}

/// One step of writing the marked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Text from a byte to another.
    Text(usize, usize),
    /// Opens mark `mark` (an index into [`Marks::marks`]); `first` is false
    /// for the continuation of a mark split by another one's end.
    Open { mark: usize, first: bool },
    /// Closes mark `mark`; `last` is true where the mark itself ends.
    Close { mark: usize, last: bool },
}

/// The marks of one extraction, and the steps writing them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Marks {
    /// The marks shown, in the order they open.
    pub marks: Vec<Mark>,
    /// The steps, over the body of the article.
    pub steps: Vec<Step>,
    /// The distinct source spans of the quotes, with the quotes of each.
    pub sources: Vec<(usize, usize, Vec<usize>)>,
    /// Descriptions and pronouns resolved to an entity: span and entity
    /// (its index in the entities).
    pub corefs: Vec<(usize, usize, usize)>,
    /// For each entity-layer mention, the index of its entity.
    pub entity_of_mention: Vec<Option<usize>>,
}

/// True when `[start, end)` is a non-empty span of `text` on character
/// boundaries within `[lo, hi)`.
fn valid(text: &str, lo: usize, hi: usize, start: usize, end: usize) -> bool {
    lo <= start
        && start < end
        && end <= hi
        && text.is_char_boundary(start)
        && text.is_char_boundary(end)
}

/// The body of an extraction: the byte range a view shows (the whole text
/// when the recorded body is not a span of it).
pub(crate) fn body(x: &Extraction) -> (usize, usize) {
    let (s, e) = (x.article.body.start, x.article.body.end);
    if s <= e && e <= x.text.len() && x.text.is_char_boundary(s) && x.text.is_char_boundary(e) {
        (s, e)
    } else {
        (0, x.text.len())
    }
}

/// The marks of `x` over its body, nested into steps.
pub(crate) fn marks(x: &Extraction) -> Marks {
    let text = x.text.as_str();
    let (lo, hi) = body(x);
    let mut out = Marks::default();
    let mut marks = Vec::new();
    let mut push = |start: usize, end: usize, layer: Layer, index: usize, primary: bool| {
        if valid(text, lo, hi, start, end) {
            marks.push(Mark {
                start,
                end,
                layer,
                index,
                primary,
            });
        }
    };
    for (i, h) in x.article.headlines.iter().enumerate() {
        push(h.start, h.end, Layer::Headline, i, true);
    }
    let mentions = x.mentions.as_deref().unwrap_or_default();
    out.entity_of_mention = vec![None; mentions.len()];
    for e in x.entities.as_deref().unwrap_or_default() {
        for m in &e.mentions {
            match m.mention {
                Some(i) => {
                    if let Some(slot) = out.entity_of_mention.get_mut(i) {
                        *slot = Some(e.id);
                    }
                }
                None => out.corefs.push((m.start, m.end, e.id)),
            }
        }
    }
    for (i, m) in mentions.iter().enumerate() {
        push(m.start, m.end, Layer::Entity, i, true);
    }
    out.corefs.sort_unstable();
    out.corefs.dedup_by_key(|c| (c.0, c.1));
    for (i, &(start, end, _)) in out.corefs.iter().enumerate() {
        push(start, end, Layer::Coref, i, true);
    }
    let quotes = x.quotes.as_deref().unwrap_or_default();
    for (i, q) in quotes.iter().enumerate() {
        push(q.start, q.end, Layer::Quote, i, true);
        if let Some(s) = q.source_span() {
            out.sources.push((s.start, s.end, vec![i]));
        }
    }
    // Quotes sharing a source (`Mr Al Rikabi said` before one quotation and
    // after another) give it one mark.
    out.sources.sort_by_key(|s| (s.0, s.1, s.2[0]));
    out.sources.dedup_by(|later, first| {
        let same = (later.0, later.1) == (first.0, first.1);
        if same {
            first.2.append(&mut later.2);
        }
        same
    });
    for (i, &(start, end, _)) in out.sources.iter().enumerate() {
        push(start, end, Layer::Source, i, true);
    }
    for (i, f) in x.figures.as_deref().unwrap_or_default().iter().enumerate() {
        push(f.start, f.end, Layer::Figure, i, true);
    }
    for (i, t) in x.timex.as_deref().unwrap_or_default().iter().enumerate() {
        push(t.start, t.end, Layer::Timex, i, true);
    }
    for (i, e) in x.events.as_deref().unwrap_or_default().iter().enumerate() {
        if e.code.is_none() {
            continue;
        }
        let mut primary = true;
        for m in &e.mentions {
            push(m.start, m.end, Layer::Event, i, primary);
            primary = false;
        }
        if e.mentions.is_empty() {
            push(e.start, e.end, Layer::Event, i, true);
        }
    }
    marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.layer, m.index));
    marks.dedup_by_key(|m| (m.start, m.end, m.layer, m.index));
    let (marks, steps) = nest(marks, lo, hi);
    out.marks = marks;
    out.steps = steps;
    out
}

/// Nests marks sorted by start (longer first) over `[lo, hi)` into steps,
/// splitting marks that cross (see the module's doc). Returns the marks
/// kept (those within [`MAX_DEPTH`]) and the steps, which index them.
pub(crate) fn nest(sorted: Vec<Mark>, lo: usize, hi: usize) -> (Vec<Mark>, Vec<Step>) {
    let mut kept: Vec<Mark> = Vec::with_capacity(sorted.len());
    let mut steps = Vec::with_capacity(sorted.len() * 3 + 1);
    // Open marks, outermost first, as indices into `kept`.
    let mut stack: Vec<usize> = Vec::with_capacity(MAX_DEPTH);
    let mut reopen: Vec<usize> = Vec::with_capacity(MAX_DEPTH);
    let mut pos = lo;
    let mut next = 0;
    loop {
        let next_start = sorted.get(next).map_or(usize::MAX, |m| m.start);
        let next_end = stack
            .iter()
            .map(|&k| kept[k].end)
            .min()
            .unwrap_or(usize::MAX);
        let at = next_start.min(next_end);
        if at == usize::MAX {
            break;
        }
        if at > pos {
            steps.push(Step::Text(pos, at));
            pos = at;
        }
        if next_end == at {
            // Close from the top down to the lowest mark ending here; the
            // ones above it that go on are opened again after it.
            let lowest = stack
                .iter()
                .position(|&k| kept[k].end == at)
                .unwrap_or(stack.len());
            reopen.clear();
            while stack.len() > lowest {
                let Some(k) = stack.pop() else { break };
                let last = kept[k].end == at;
                steps.push(Step::Close { mark: k, last });
                if !last {
                    reopen.push(k);
                }
            }
            for &k in reopen.iter().rev() {
                stack.push(k);
                steps.push(Step::Open {
                    mark: k,
                    first: false,
                });
            }
            continue;
        }
        let m = sorted[next];
        next += 1;
        if stack.len() >= MAX_DEPTH {
            continue;
        }
        kept.push(m);
        let k = kept.len() - 1;
        stack.push(k);
        steps.push(Step::Open {
            mark: k,
            first: true,
        });
    }
    if hi > pos {
        steps.push(Step::Text(pos, hi));
    }
    (kept, steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, layer: Layer) -> Mark {
        Mark {
            start,
            end,
            layer,
            index: start,
            primary: true,
        }
    }

    /// The steps as a string: `[` opens, `]` closes, `+` a continuation,
    /// `~` a close where the mark goes on; text as its byte range.
    fn shape(marks: Vec<Mark>, hi: usize) -> String {
        let (kept, steps) = nest(marks, 0, hi);
        steps
            .iter()
            .map(|s| match *s {
                Step::Text(a, b) => format!("{a}-{b}"),
                Step::Open { mark, first } => {
                    format!("{}[{}", if first { "" } else { "+" }, kept[mark].start)
                }
                Step::Close { mark, last } => {
                    format!("{}]{}", if last { "" } else { "~" }, kept[mark].start)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn nested_marks_open_and_close_in_order() {
        let marks = vec![mark(0, 10, Layer::Quote), mark(2, 4, Layer::Entity)];
        assert_eq!(shape(marks, 12), "[0 0-2 [2 2-4 ]2 4-10 ]0 10-12");
    }

    #[test]
    fn a_crossing_mark_is_split_at_the_end_of_the_outer_one() {
        // A quotation 0..6 and a name 4..9 crossing its end.
        let marks = vec![mark(0, 6, Layer::Quote), mark(4, 9, Layer::Entity)];
        assert_eq!(shape(marks, 10), "[0 0-4 [4 4-6 ~]4 ]0 +[4 6-9 ]4 9-10");
    }

    #[test]
    fn marks_ending_together_close_innermost_first() {
        let marks = vec![
            mark(0, 8, Layer::Quote),
            mark(3, 8, Layer::Quote),
            mark(5, 8, Layer::Entity),
        ];
        assert_eq!(shape(marks, 8), "[0 0-3 [3 3-5 [5 5-8 ]5 ]3 ]0");
    }

    #[test]
    fn marks_deeper_than_the_bound_are_left_out() {
        let marks: Vec<Mark> = (0..MAX_DEPTH + 5)
            .map(|i| mark(i, 100 - i, Layer::Quote))
            .collect();
        let (kept, steps) = nest(marks, 0, 100);
        assert_eq!(kept.len(), MAX_DEPTH);
        let opens = steps
            .iter()
            .filter(|s| matches!(s, Step::Open { .. }))
            .count();
        let closes = steps
            .iter()
            .filter(|s| matches!(s, Step::Close { .. }))
            .count();
        assert_eq!((opens, closes), (MAX_DEPTH, MAX_DEPTH));
    }

    #[test]
    fn many_crossing_marks_stay_linear() {
        // Each mark crosses the next: every close splits one mark, no more.
        let n = 10_000;
        let marks: Vec<Mark> = (0..n)
            .map(|i| mark(i * 2, i * 2 + 3, Layer::Entity))
            .collect();
        let (_, steps) = nest(marks, 0, n * 2 + 3);
        assert!(steps.len() < n * 8, "{} steps", steps.len());
    }
}
