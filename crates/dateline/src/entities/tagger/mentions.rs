//! Names from a mention corpus, to train the tagger on it. A mention corpus
//! (GUM) marks the noun phrase a name heads (`the United States Navy`,
//! `Lee Cheuk-yan of the Labour Party`) and every phrase nested in it; the
//! tagger learns names as CoNLL-2003 marks them (`United States Navy`,
//! `Lee Cheuk-yan`, `Labour Party`). This reads the names off the phrases
//! with the corpus's own syntax: the run of proper nouns around the
//! phrase's head, and, for a name that is not a person's, `of` or `for`
//! with the proper nouns after it (`Bank of America`, `Gulf of Mexico`; not
//! `of the Labour Party`, a phrase of its own). A name nested in a longer
//! one is no name of its own (`United States` in `United States Navy`).

use crate::span::Span;

/// A syntactic word of a gold record.
#[derive(Debug, Clone, Copy)]
pub struct GoldWord<'a> {
    /// Where the word starts (in any unit, the same as the mentions').
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// Its form.
    pub form: &'a str,
    /// Its Penn Treebank tag (`NNP`).
    pub xpos: &'a str,
    /// The index of its head word in the same list; `None` for a root.
    pub head: Option<usize>,
}

/// A proper-name mention of a gold record: its phrase and type (`PER`,
/// `ORG`, `LOC` or `MISC`).
#[derive(Debug, Clone, Copy)]
pub struct GoldMention<'a> {
    /// The phrase, in the words' unit.
    pub span: Span,
    /// Its coarse type.
    pub kind: &'a str,
}

fn proper(w: &GoldWord<'_>) -> bool {
    matches!(w.xpos, "NNP" | "NNPS")
}

/// What a mention corpus teaches the tagger about a document.
#[derive(Debug, Default)]
pub struct MentionNames<'a> {
    /// The names of persons, organisations and places, in text order.
    pub names: Vec<(Span, &'a str)>,
    /// Words the tagger learns nothing from, neither a name nor none: a
    /// corpus's other proper names (its `MISC` covers titles, languages,
    /// acronyms and figure labels that CoNLL-2003 marks otherwise or not
    /// at all) and proper nouns outside every name (`Monday`, `John
    /// Martin` of the common phrase `attorney John Martin`).
    pub unknown: Vec<Span>,
}

/// The names in the proper-name mentions of a document: one per mention
/// whose head word is a proper noun, nested ones dropped, in text order.
/// `words` are the document's words in text order.
pub fn names_of_mentions<'a>(
    words: &[GoldWord<'_>],
    mentions: &[GoldMention<'a>],
) -> MentionNames<'a> {
    let mut names: Vec<(Span, &'a str)> = mentions
        .iter()
        .filter_map(|m| name_of(words, m).map(|span| (span, m.kind)))
        .collect();
    // Longer names first; a name overlapping one already kept is dropped.
    names.sort_by_key(|(s, _)| (std::cmp::Reverse(s.end - s.start), s.start));
    let mut kept: Vec<(Span, &'a str)> = Vec::with_capacity(names.len());
    for (span, kind) in names {
        if kept
            .iter()
            .all(|(k, _)| span.end <= k.start || span.start >= k.end)
        {
            kept.push((span, kind));
        }
    }
    kept.sort_by_key(|(s, _)| (s.start, s.end));
    let (names, other): (Vec<_>, Vec<_>) = kept.into_iter().partition(|(_, k)| *k != "MISC");
    let mut unknown: Vec<Span> = other.into_iter().map(|(s, _)| s).collect();
    let mut at = 0;
    for w in words.iter().filter(|w| proper(w)) {
        while at < names.len() && names[at].0.end <= w.start {
            at += 1;
        }
        if !names.get(at).is_some_and(|(n, _)| n.start <= w.start) {
            unknown.push(Span::new(w.start, w.end));
        }
    }
    unknown.sort_by_key(|s| (s.start, s.end));
    unknown.dedup();
    MentionNames { names, unknown }
}

/// The name a mention's phrase holds: the proper nouns around its head.
fn name_of(words: &[GoldWord<'_>], m: &GoldMention<'_>) -> Option<Span> {
    // The phrase's words: those inside its span (the words are in order).
    let first = words.partition_point(|w| w.start < m.span.start);
    let end = first + words[first..].partition_point(|w| w.end <= m.span.end);
    if first >= end {
        return None;
    }
    let inside = |i: usize| (first..end).contains(&i);
    // The head: the first word whose head lies outside the phrase.
    let head = (first..end).find(|&i| !words[i].head.is_some_and(inside))?;
    if !proper(&words[head]) {
        return None;
    }
    let (mut a, mut b) = (head, head);
    while a > first && proper(&words[a - 1]) {
        a -= 1;
    }
    while b + 1 < end && proper(&words[b + 1]) {
        b += 1;
    }
    if m.kind != "PER" {
        while b + 2 < end
            && matches!(words[b + 1].form, "of" | "for" | "de")
            && proper(&words[b + 2])
        {
            b += 2;
            while b + 1 < end && proper(&words[b + 1]) {
                b += 1;
            }
        }
    }
    Some(Span::new(words[a].start, words[b].end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of a sentence with their tags and heads (`None` = root).
    fn words<'a>(text: &'a str, tags: &[(&'a str, Option<usize>)]) -> Vec<GoldWord<'a>> {
        let mut out = Vec::new();
        let mut at = 0;
        for (form, (xpos, head)) in text.split(' ').zip(tags) {
            out.push(GoldWord {
                start: at,
                end: at + form.len(),
                form,
                xpos,
                head: *head,
            });
            at += form.len() + 1;
        }
        out
    }

    fn span_of(text: &str, s: &str) -> Span {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    }

    #[test]
    fn names_are_read_off_their_phrases() {
        let text = "Lee Cheuk-yan of the Labour Party visited the United States Navy and the Bank of America";
        let w = words(
            text,
            &[
                ("NNP", Some(6)),  // Lee
                ("NNP", Some(0)),  // Cheuk-yan
                ("IN", Some(5)),   // of
                ("DT", Some(5)),   // the
                ("NNP", Some(5)),  // Labour
                ("NNP", Some(0)),  // Party
                ("VBD", None),     // visited
                ("DT", Some(10)),  // the
                ("NNP", Some(9)),  // United
                ("NNP", Some(10)), // States
                ("NNP", Some(6)),  // Navy
                ("CC", Some(13)),  // and
                ("DT", Some(13)),  // the
                ("NNP", Some(10)), // Bank
                ("IN", Some(15)),  // of
                ("NNP", Some(13)), // America
            ],
        );
        let m = |s: &str, kind| GoldMention {
            span: span_of(text, s),
            kind,
        };
        let mentions = [
            m("Lee Cheuk-yan of the Labour Party", "PER"),
            m("the Labour Party", "ORG"),
            m("the United States Navy", "ORG"),
            m("United States", "LOC"),
            m("the Bank of America", "ORG"),
            m("America", "LOC"),
        ];
        let out = names_of_mentions(&w, &mentions);
        assert!(out.unknown.is_empty());
        let names: Vec<(&str, &str)> = out
            .names
            .into_iter()
            .map(|(s, k)| (&text[s.start..s.end], k))
            .collect();
        assert_eq!(
            names,
            [
                ("Lee Cheuk-yan", "PER"),
                ("Labour Party", "ORG"),
                ("United States Navy", "ORG"),
                ("Bank of America", "ORG"),
            ]
        );
    }

    #[test]
    fn a_phrase_headed_by_a_common_noun_gives_no_name() {
        let text = "the American pilots";
        let w = words(text, &[("DT", Some(2)), ("JJ", Some(2)), ("NNS", None)]);
        let mentions = [GoldMention {
            span: Span::new(0, text.len()),
            kind: "PER",
        }];
        assert!(names_of_mentions(&w, &mentions).names.is_empty());
    }

    #[test]
    fn other_proper_nouns_teach_nothing() {
        // `Figure` is a MISC name of the corpus; `John Martin` stands in the
        // common phrase `attorney John Martin` and `Monday` in no name.
        let text = "Figure 2 shows attorney John Martin on Monday";
        let w = words(
            text,
            &[
                ("NNP", Some(2)), // Figure
                ("CD", Some(0)),  // 2
                ("VBZ", None),    // shows
                ("NN", Some(2)),  // attorney
                ("NNP", Some(3)), // John
                ("NNP", Some(4)), // Martin
                ("IN", Some(7)),  // on
                ("NNP", Some(2)), // Monday
            ],
        );
        let mentions = [
            GoldMention {
                span: span_of(text, "Figure 2"),
                kind: "MISC",
            },
            GoldMention {
                span: span_of(text, "attorney John Martin"),
                kind: "PER",
            },
        ];
        let out = names_of_mentions(&w, &mentions);
        assert!(out.names.is_empty());
        let unknown: Vec<&str> = out.unknown.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(unknown, ["Figure", "John", "Martin", "Monday"]);
    }
}
