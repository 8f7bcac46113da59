//! The evaluation items of each layer, with code-point offsets: the
//! article's fields and sentences, the syntax layer's `tokens`, `timex`, `entities`, `quotes` and
//! `values`.

use serde_json::{json, Map, Value};

use crate::entities::{EntityKind, Mention};
use crate::events::Event;
use crate::figures::Figure;
use crate::pipeline::Extraction;
use crate::quotes::Quote;
use crate::span::OffsetMap;
use crate::syntax::EvalToken;
use crate::time::Timex;

/// An `entities` item before offsets are mapped: start, end, kind,
/// subtype, confidence.
pub(super) type EntitySpan<'a> = (usize, usize, EntityKind, Option<&'a str>, f32);

/// `id`, `corpus` (when the input had one), `date`, `title`, `text` and
/// `sentences`.
pub(super) fn article(x: &Extraction, map: &OffsetMap) -> Map<String, Value> {
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
    out
}

/// `tokens` (the syntax task's rows, [`EvalToken`] as the syntax layer's
/// own scoring writes them), when the tokens carry the syntax layer's
/// fields: span, form, lemma, tags, features, `head` as an index
/// into the document's tokens (-1 for a root), `deprel`, `sentence` (the
/// unit: headline lines first, then sentences) and the multiword token.
pub(super) fn tokens(x: &Extraction, map: &OffsetMap) -> Option<Value> {
    let tokens = &x.article.tokens;
    if tokens.is_empty() || tokens.iter().any(|t| t.syntax.is_none()) {
        return None;
    }
    let a = &x.article;
    let units = a.headlines.iter().map(|h| h.tokens.unwrap_or_default());
    let units = units.chain(a.sentences.iter().map(|s| s.tokens));
    let mut rows = Vec::with_capacity(tokens.len());
    for (unit, range) in units.enumerate() {
        for t in &tokens[range.range()] {
            let Some(syn) = &t.syntax else { continue };
            rows.push(json!(EvalToken {
                start: map.char_offset(t.start),
                end: map.char_offset(t.end),
                form: x.text[t.start..t.end].to_string(),
                lemma: syn.lemma.to_string(),
                upos: syn.upos.to_string(),
                xpos: syn.xpos.to_string(),
                feats: syn.feats.as_ref().map(|f| f.to_string()),
                head: syn.head.map_or(-1, |h| h as i64),
                deprel: syn.dep.to_string(),
                sentence: unit,
                mwt: syn.mwt.map(|(a, b)| [a, b]),
            }));
        }
    }
    Some(Value::Array(rows))
}

/// `timex`: each expression's span, type, value and modifier.
pub(super) fn timex(timex: &[Timex], map: &OffsetMap) -> Value {
    let items: Vec<Value> = timex
        .iter()
        .map(|t| {
            json!({"start": map.char_offset(t.start), "end": map.char_offset(t.end),
                   "type": t.kind.as_str(), "value": t.value, "mod": t.modifier.map(|m| m.as_str())})
        })
        .collect();
    Value::Array(items)
}

/// The names convention ([`super::Extent::Names`]): the name span alone
/// (`Anbar` of `Anbar province`).
pub(super) fn name_spans(mentions: &[Mention]) -> Vec<EntitySpan<'_>> {
    mentions
        .iter()
        .map(|m| {
            (
                m.name_start,
                m.name_end,
                m.kind,
                m.subtype.as_deref(),
                m.confidence,
            )
        })
        .collect()
}

/// `entities`: each span with its label, coarse label, subtype and confidence.
pub(super) fn entities(spans: Vec<EntitySpan<'_>>, map: &OffsetMap) -> Value {
    let items: Vec<Value> = spans
        .into_iter()
        .map(|(start, end, kind, subtype, confidence)| {
            json!({"start": map.char_offset(start), "end": map.char_offset(end),
                   "label": kind.as_str(), "coarse": kind.coarse(),
                   "subtype": subtype, "confidence": confidence})
        })
        .collect();
    Value::Array(items)
}

/// `quotes`: `speaker` is the source as written (what the gold corpora
/// mark); `entity` is the speaker it resolves to.
pub(super) fn quotes(quotes: &[Quote], map: &OffsetMap) -> Value {
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
    Value::Array(items)
}

/// `values`: every figure's amount with its MONEY / PERCENT / QUANTITY type.
pub(super) fn values(figures: &[Figure], map: &OffsetMap) -> Value {
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
    Value::Array(items)
}

/// `events`: one item per mention (`start`/`end` of the trigger, `label` =
/// TimeML class), with the event's tense, aspect, polarity, modality and
/// index (mentions of one event share `event`).
pub(super) fn events(events: &[Event], map: &OffsetMap) -> Value {
    let items: Vec<Value> = events
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            e.mentions.iter().map(move |m| {
                json!({"start": map.char_offset(m.start), "end": map.char_offset(m.end),
                       "label": e.class.as_str(), "event": i, "pos": e.pos,
                       "tense": e.tense, "aspect": e.aspect, "polarity": e.polarity,
                       "modality": e.modality})
            })
        })
        .collect();
    Value::Array(items)
}
