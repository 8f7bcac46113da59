//! The evaluation items of each layer, with code-point offsets: the
//! article's fields and sentences, the syntax layer's `tokens`, `timex`, `entities`, `quotes` and
//! `values`.

use serde_json::{json, Map, Value};

use crate::entities::{EntityKind, Mention};
use crate::events::{Event, EventCode};
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
                   "subtype": subtype, "confidence": crate::schema::score(confidence)})
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
                   "attribution": q.attribution, "confidence": crate::schema::score(q.confidence)})
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
/// index (mentions of one event share `event`); a coded event's mentions
/// also carry the `cameo` task's fields (code, PLOVER type, actors with
/// their texts, spans and codes, date value, place name).
pub(super) fn events(events: &[Event], map: &OffsetMap) -> Value {
    let items: Vec<Value> = events
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            e.mentions.iter().map(move |m| {
                let mut item = json!({"start": map.char_offset(m.start), "end": map.char_offset(m.end),
                       "label": e.class.as_str(), "event": i, "pos": e.pos,
                       "tense": e.tense, "aspect": e.aspect, "polarity": e.polarity,
                       "modality": e.modality});
                if let (Some(code), Value::Object(obj)) = (&e.code, &mut item) {
                    obj.extend(coded(e, code, map));
                }
                item
            })
        })
        .collect();
    Value::Array(items)
}

/// The `cameo` task's fields of a coded event.
fn coded(e: &Event, code: &EventCode, map: &OffsetMap) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("cameo".into(), json!(code.cameo));
    out.insert("plover".into(), json!(code.plover));
    out.insert("mode".into(), json!(code.plover_mode));
    if let Some(paired) = &code.paired {
        out.insert("paired".into(), json!(paired));
    }
    if e.reciprocal {
        out.insert("reciprocal".into(), json!(true));
    }
    for (side, actors) in [("source", &e.source), ("target", &e.target)] {
        let all: Vec<Value> = actors
            .iter()
            .map(|a| {
                json!({"text": a.text, "code": a.code,
                       "start": map.char_offset(a.start), "end": map.char_offset(a.end)})
            })
            .collect();
        set_side(&mut out, side, all.first());
        out.insert(format!("{side}s"), Value::Array(all));
    }
    out.insert("date".into(), json!(e.date.as_ref().map(|d| &d.value)));
    out.insert("place".into(), json!(e.place.as_ref().map(|p| &p.name)));
    out
}

/// Sets a coded item's `source` (or `target`), its span and code from one
/// actor of `sources` (`targets`), or nulls.
fn set_side(out: &mut Map<String, Value>, side: &str, actor: Option<&Value>) {
    let field = |k: &str| actor.and_then(|a| a.get(k)).cloned().unwrap_or(Value::Null);
    out.insert(side.into(), field("text"));
    out.insert(format!("{side}_start"), field("start"));
    out.insert(format!("{side}_end"), field("end"));
    out.insert(format!("{side}_code"), field("code"));
}

/// Keeps only the coded events of an evaluation record, as event coders
/// write them (what score.py's `cameo` task reads: every item of `events`
/// counts as a coded event): one item per event (its first mention), one
/// per pair of a coded source and a coded target actor (`Israel and Egypt
/// met Jordan`: two; an event with a side that has no actor code, none),
/// and for a paired code the reverse event too (`[042:043]`: the visited
/// side hosts the visitor); a reciprocal event gives one per ordered pair
/// of its actors of different codes, and no reverse (each way is there).
pub fn keep_coded_events(record: &mut Value) {
    let Some(Value::Array(events)) = record.get_mut("events") else {
        return;
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for item in events.drain(..) {
        let Value::Object(item) = item else { continue };
        if item.get("cameo").is_none() || !seen.insert(item.get("event").cloned()) {
            continue;
        }
        out.extend(dyads(&item).into_iter().map(Value::Object));
    }
    *events = out;
}

/// A coded item split into one item per (source, target) pair, each
/// followed by its reverse event where the code is paired.
fn dyads(item: &Map<String, Value>) -> Vec<Map<String, Value>> {
    let side = |k: &str| match item.get(k) {
        Some(Value::Array(a)) if !a.is_empty() => a.iter().map(Some).collect(),
        _ => vec![None],
    };
    let paired = item.get("paired").and_then(Value::as_str);
    let reciprocal = item.get("reciprocal").and_then(Value::as_bool) == Some(true);
    let mut out = Vec::new();
    for s in side("sources") {
        for t in side("targets") {
            // A coded event is a dyad of two coded actors (as PETRARCH and
            // GDELT write them): a side without an actor code leaves it out.
            // An actor of a reciprocal event is no target of itself, nor of
            // another actor of its code (`French and German leaders`: one
            // phrase, two codes, FRA and DEU each way).
            fn code(a: Option<&Value>) -> Option<&Value> {
                a.and_then(|a| a.get("code")).filter(|c| c.is_string())
            }
            match (code(s), code(t)) {
                (Some(cs), Some(ct)) if !(reciprocal && cs == ct) => {}
                _ => continue,
            }
            let mut one = item.clone();
            one.remove("paired");
            for (name, actor) in [("source", s), ("target", t)] {
                set_side(&mut one, name, actor);
                one.insert(
                    format!("{name}s"),
                    Value::Array(actor.into_iter().cloned().collect()),
                );
            }
            let reverse = match (paired, s, t) {
                (Some(code), Some(s), Some(t)) if !reciprocal => {
                    let mut r = one.clone();
                    let plover = crate::events::cameo::plover(code);
                    r.insert("cameo".into(), json!(code));
                    r.insert("plover".into(), json!(plover.as_ref().map(|p| p.kind)));
                    r.insert("mode".into(), json!(plover.and_then(|p| p.mode)));
                    for (name, actor) in [("source", t), ("target", s)] {
                        set_side(&mut r, name, Some(actor));
                        r.insert(format!("{name}s"), json!([actor]));
                    }
                    Some(r)
                }
                _ => None,
            };
            out.push(one);
            out.extend(reverse);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::keep_coded_events;
    use crate::eval::to_eval;
    use crate::{Config, Extractor};
    use serde_json::Value;

    fn coded(text: &str) -> Vec<(String, String, String)> {
        let ex = Extractor::new(Config::default()).unwrap();
        let mut v = to_eval(&ex.extract_text(text).unwrap());
        keep_coded_events(&mut v);
        let s = |e: &Value, k: &str| e[k].as_str().unwrap_or("-").to_string();
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (s(e, "cameo"), s(e, "source_code"), s(e, "target_code")))
            .collect()
    }

    #[test]
    fn coded_events_are_dyads_of_coded_actors_with_paired_reverses() {
        // One item per pair of actors.
        let rows = coded("The ambassadors of Egypt, Jordan and Qatar condemned Israel on Monday.");
        let pairs: Vec<(&str, &str)> = rows.iter().map(|r| (r.1.as_str(), r.2.as_str())).collect();
        assert_eq!(
            pairs,
            [("EGYGOV", "ISR"), ("JORGOV", "ISR"), ("QATGOV", "ISR")]
        );
        assert!(rows.iter().all(|r| r.0.starts_with("11")), "{rows:?}");
        // A paired code (`VISIT [042:043]`) gives the reverse event too:
        // the visited side hosts.
        let rows = coded("Turkish President Erdogan visited Iraq on Monday.");
        let row = |c: &str, s: &str, t: &str| (c.to_string(), s.to_string(), t.to_string());
        assert_eq!(
            rows,
            [row("042", "TURGOV", "IRQ"), row("043", "IRQ", "TURGOV")]
        );
        // A side without an actor code: no coded event (`the urgency`).
        assert!(coded("He reiterated the urgency of the talks.").is_empty());
    }
}
