//! The evaluation format of `../shared/eval`: one JSON object per document
//! with code-point offsets, so that its `score.py` can score the output.

use serde_json::{json, Map, Value};

use crate::error::RecordError;
use crate::extract::Extraction;
use crate::span::OffsetMap;

/// The evaluation record of an extraction: `id`, `corpus` (when the input
/// had one), `date`, `title`, `text`, and the layers that exist, with
/// code-point offsets. Sentences are included as `sentences` (`start`, `end`),
/// entity mentions as `entities` (the name's span, `label`, `coarse`).
pub fn to_eval(x: &Extraction) -> Value {
    let map = OffsetMap::new(&x.text);
    let mut out = Map::new();
    out.insert("id".into(), json!(x.id));
    if let Some(corpus) = x.article.metadata.get("corpus") {
        out.insert("corpus".into(), corpus.clone());
    }
    out.insert(
        "date".into(),
        json!(x.article.date.map(|d| d.format("%Y-%m-%d").to_string())),
    );
    out.insert("title".into(), json!(x.article.title));
    out.insert("text".into(), json!(x.text));
    let sentences: Vec<Value> = x
        .article
        .sentences
        .iter()
        .map(|s| json!({"start": map.char_offset(s.start), "end": map.char_offset(s.end)}))
        .collect();
    out.insert("sentences".into(), Value::Array(sentences));
    if let Some(timex) = &x.timex {
        let items: Vec<Value> = timex
            .iter()
            .map(|t| {
                json!({"start": map.char_offset(t.start), "end": map.char_offset(t.end),
                       "type": t.kind.as_str(), "value": t.value, "mod": t.modifier.map(|m| m.as_str())})
            })
            .collect();
        out.insert("timex".into(), Value::Array(items));
    }
    if let Some(mentions) = &x.mentions {
        // The name span (`Anbar` of `Anbar province`): gold corpora mark names.
        let items: Vec<Value> = mentions
            .iter()
            .map(|m| {
                json!({"start": map.char_offset(m.name_start), "end": map.char_offset(m.name_end),
                       "label": m.kind.as_str(), "coarse": m.kind.coarse(),
                       "subtype": m.subtype, "confidence": m.confidence})
            })
            .collect();
        out.insert("entities".into(), Value::Array(items));
    }
    if let Some(quotes) = &x.quotes {
        // `speaker` is the source as written (what the gold corpora mark);
        // `entity` is the speaker it resolves to.
        let items: Vec<Value> = quotes
            .iter()
            .map(|q| {
                let c = |o: Option<usize>| o.map(|b| map.char_offset(b));
                json!({"start": map.char_offset(q.start), "end": map.char_offset(q.end),
                       "kind": q.kind.as_str(),
                       "speaker_start": c(q.source_start), "speaker_end": c(q.source_end),
                       "speaker": q.source, "entity": q.speaker,
                       "cue_start": c(q.cue_start), "cue_end": c(q.cue_end), "cue": q.cue,
                       "attribution": q.attribution, "confidence": q.confidence})
            })
            .collect();
        out.insert("quotes".into(), Value::Array(items));
    }
    if let Some(figures) = &x.figures {
        // `values`: every figure's amount with its MONEY / PERCENT / QUANTITY type.
        let items: Vec<Value> = figures
            .iter()
            .map(|f| {
                json!({"start": map.char_offset(f.start), "end": map.char_offset(f.end),
                       "type": f.kind.eval_type(), "kind": f.kind.as_str(),
                       "value": f.value, "low": f.low, "high": f.high,
                       "bound": f.bound.as_str(), "unit": f.unit,
                       "counted": f.counted, "category": f.category})
            })
            .collect();
        out.insert("values".into(), Value::Array(items));
    }
    if let Some(entities) = &x.entities {
        // `clusters`: one chain per entity (groups left out: the corpora do
        // not mark nationalities), with the noun phrase's extent that
        // coreference corpora mark: a `the` before an organisation's or
        // place's name, and an attached possessive (`Trump's`).
        let mut clusters = Vec::new();
        let mut links = Vec::new();
        for e in entities {
            if e.kind == crate::entities::EntityKind::Group {
                continue;
            }
            let mut chain = Vec::new();
            for m in &e.mentions {
                let (s, end) = np_extent(&x.text, x.mentions.as_deref().unwrap_or_default(), e, m);
                chain.push(
                    json!({"start": map.char_offset(s), "end": map.char_offset(end),
                                  "form": m.form.as_str()}),
                );
                if let (Some(p), crate::resolve::MentionForm::Name) = (&e.place, m.form) {
                    links.push(
                        json!({"start": map.char_offset(s), "end": map.char_offset(end),
                                      "target": p.name.replace(' ', "_"),
                                      "geonameid": p.geonameid, "country": p.country}),
                    );
                }
            }
            clusters.push(Value::Array(chain));
        }
        // A day or month named more than once (`Tuesday` ... `Tuesday`) is one
        // referent too, as the corpora chain it: joined by the time layer's value.
        let mut days: Vec<(&str, Vec<Value>)> = Vec::new();
        for t in x.timex.iter().flatten() {
            let named = t.text.len() >= 3
                && t.text.starts_with(|c: char| c.is_ascii_uppercase())
                && t.text.bytes().all(|b| b.is_ascii_alphabetic());
            // Dates only: two sentence-opening `Now` are not one referent.
            let dated = |v: &&str| v.starts_with(|c: char| c.is_ascii_digit());
            let Some(value) = t.value.as_deref().filter(dated).filter(|_| named) else {
                continue;
            };
            let m = json!({"start": map.char_offset(t.start), "end": map.char_offset(t.end),
                           "form": "name"});
            match days.iter_mut().find(|(v, _)| *v == value) {
                Some((_, chain)) => chain.push(m),
                None => days.push((value, vec![m])),
            }
        }
        clusters.extend(
            days.into_iter()
                .filter(|(_, chain)| chain.len() >= 2)
                .map(|(_, chain)| Value::Array(chain)),
        );
        out.insert("clusters".into(), Value::Array(clusters));
        out.insert("links".into(), Value::Array(links));
    }
    Value::Object(out)
}

/// Words that follow a noun phrase's head rather than continue it.
const HEAD_FOLLOWERS: &[&str] = &[
    "said",
    "says",
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "as",
    "that",
    "which",
    "who",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "did",
    "does",
    "do",
    "also",
    "after",
    "before",
    "since",
    "until",
    "when",
    "where",
    "while",
    "because",
    "if",
    "than",
    "into",
    "over",
    "under",
    "about",
    "against",
    "between",
    "during",
    "through",
    "via",
    "per",
    "itself",
    "not",
    "now",
    "then",
    "again",
    "still",
    "tells",
    "told",
    "announces",
    "plans",
    "wants",
    "needs",
    "gets",
    "makes",
    "takes",
    "gives",
];

/// The noun phrase a name heads, as coreference corpora mark it: `the`
/// before an organisation's or place's name (`the United States`), and a
/// possessive attached to the name (`Trump's`).
fn np_extent(
    text: &str,
    mentions: &[crate::entities::Mention],
    e: &crate::resolve::Entity,
    m: &crate::resolve::EntityMention,
) -> (usize, usize) {
    use crate::entities::EntityKind;
    use crate::resolve::MentionForm;
    let (mut s, mut end) = (m.start, m.end);
    if !matches!(m.form, MentionForm::Name | MentionForm::Acronym) {
        return (s, end);
    }
    if e.kind == EntityKind::Person {
        // Titles are read within the line, at most 200 bytes back.
        let mut from = s.saturating_sub(200);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let line = text[from..s].rfind('\n').map_or(from, |i| from + i + 1);
        let titled = crate::resolve::titles_before(text, line, s);
        // `U.S. President Donald Trump`, `Malaysia's Prime Minister`, `Afghan
        // Ambassador ...`: the country or nationality before a title too.
        s = match mentions.iter().find(|o| {
            matches!(o.kind, EntityKind::Place | EntityKind::Group)
                && o.end <= titled
                && matches!(&text[o.end..titled], " " | "'s " | "’s ")
        }) {
            Some(o) if titled < s => o.start,
            _ => titled,
        };
        // `Lee Cheuk-yan of the Labour Party`: the affiliation is part of
        // the phrase.
        if let Some(org) = mentions.iter().find(|o| {
            o.kind == EntityKind::Organisation && {
                let gap = &text[end..o.start.max(end)];
                o.start > end && (gap == " of " || gap == " of the " || gap == " from the ")
            }
        }) {
            end = org.end;
        }
        // `DAB's Elizabeth Quat`.
        if let Some(org) = mentions.iter().find(|o| {
            o.kind == EntityKind::Organisation && {
                let gap = &text[o.end.min(s)..s];
                o.end < s && (gap == "'s " || gap == "’s ")
            }
        }) {
            s = org.start;
        }
    } else {
        // `the` belongs to the name when the name heads the phrase: not in
        // `the Scientology organization`.
        let before = &text[..s];
        let next = text[end..]
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let gap = text[end..].chars().next().map_or(true, |c| c == ' ');
        let modifier = gap
            && next.starts_with(char::is_lowercase)
            && !HEAD_FOLLOWERS.contains(&next)
            && !next.ends_with("ed");
        if (before.ends_with("the ") || before.ends_with("The ")) && !modifier {
            s -= 4;
        }
    }
    if e.kind == EntityKind::Place && e.subtype.as_deref() != Some("country") {
        // `Evansville, Indiana, United States`: a place qualified by the
        // region or country it is in is one phrase (not `Iran, Libya`, a list).
        while let Some(q) = mentions.iter().find(|q| {
            q.start == end + 2
                && text[end..].starts_with(", ")
                && q.kind == EntityKind::Place
                && matches!(q.subtype.as_deref(), Some("region" | "country"))
        }) {
            end = q.end;
        }
    }
    let after = &text[end..];
    for p in ["'s", "’s"] {
        if after.starts_with(p)
            && !after[p.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            end += p.len();
        }
    }
    (s, end)
}

/// The evaluation record of a record that failed: its `id` and the error.
pub fn error_to_eval(e: &RecordError) -> Value {
    json!({"id": e.id, "origin": e.origin, "error": e.error})
}
