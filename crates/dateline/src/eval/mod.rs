//! The evaluation format of `../shared/eval`: one JSON object per document
//! with code-point offsets, so that its `score.py` can score the output.
//!
//! Reads: an [`Extraction`] (every layer that ran). Output only: no layer
//! reads it. Corpora differ on what an entity mention spans ([`Extent`]);
//! each convention has its file: names (CoNLL-2003) are the tagger's name
//! spans (`layers.rs`), phrases (GUM) in `phrases.rs`, described names
//! (MEANTIME) in `described.rs`; the noun phrase a name heads, which both
//! and the coreference chains (`clusters.rs`) use, in `noun_phrase.rs`.

use serde_json::{json, Value};

use crate::error::RecordError;
use crate::pipeline::Extraction;
use crate::span::OffsetMap;

mod clusters;
mod corpus;
mod described;
mod layers;
mod noun_phrase;
mod phrases;
mod toponyms;

pub use corpus::{story_rows, timeline_rows, xdoc_rows};
pub use layers::keep_coded_events;

use phrases::phrase_items;

/// What span an `entities` item of the evaluation format covers: corpora
/// differ on what a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// The name alone, as named-entity corpora mark it (CoNLL-2003):
    /// `United States`, `Trump`, `Labour Party`.
    Names,
    /// The referring expression a name heads, as mention corpora mark it
    /// (GUM): `the United States`, `President Trump's`, `Lee Cheuk-yan of
    /// the Labour Party`, with the names nested in names (`United States`
    /// in `the United States Navy`, `Andy Warhol` in `the Andy Warhol
    /// Foundation`) and people named as a plural group (`Afghans`).
    Phrases,
    /// The name with the noun phrase that describes it, as MEANTIME marks
    /// names: `US automaker GM`, `The American auto company Chrysler`,
    /// `Chrysler Chief Executive Robert Nardelli`; and a name with the
    /// acronym after it (`General Motors (GM`) besides each alone. Only
    /// entities make chains (no dates).
    Described,
}

impl Extent {
    /// The convention of a corpus of `../shared/eval` by its `corpus` name:
    /// phrases for GUM, described names for MEANTIME, names for the others
    /// and for records of no corpus.
    pub fn of_corpus(corpus: Option<&str>) -> Extent {
        match corpus {
            Some("gum") => Extent::Phrases,
            Some("meantime") => Extent::Described,
            _ => Extent::Names,
        }
    }

    /// The convention of the record's own corpus ([`Extent::of_corpus`]).
    pub fn of_record(x: &Extraction) -> Extent {
        Extent::of_corpus(x.article.metadata.get("corpus").and_then(Value::as_str))
    }
}

/// The evaluation record of an extraction in the convention of its corpus
/// ([`Extent::of_record`]); see [`to_eval_with`].
pub fn to_eval(x: &Extraction) -> Value {
    to_eval_with(x, Extent::of_record(x))
}

/// The evaluation record of an extraction: `id`, `corpus` (when the input
/// had one), `date`, `title`, `text`, and the layers that exist, with
/// code-point offsets. Sentences are included as `sentences` (`start`, `end`),
/// entity mentions as `entities` (`label`, `coarse`, and the span `extent`
/// asks for), and, once places are resolved, every place mention as
/// `toponyms` (`start`, `end`, `name`, `lat`, `lon`, `geonameid`,
/// `precision`; adjectives of place too for LGL).
pub fn to_eval_with(x: &Extraction, extent: Extent) -> Value {
    let map = OffsetMap::new(&x.text);
    let mut out = layers::article(x, &map);
    if let Some(tokens) = layers::tokens(x, &map) {
        out.insert("tokens".into(), tokens);
    }
    if let Some(timex) = &x.timex {
        out.insert("timex".into(), layers::timex(timex, &map));
    }
    // The phrase convention's items, for `entities` and `clusters`.
    let phrases = match (extent, &x.mentions) {
        (Extent::Phrases, Some(mentions)) => phrase_items(&x.text, mentions, x.entities.as_deref()),
        _ => Vec::new(),
    };
    let owners = match extent {
        Extent::Described => described::owners(x),
        _ => Vec::new(),
    };
    if let Some(mentions) = &x.mentions {
        let spans = match extent {
            Extent::Names => layers::name_spans(mentions),
            Extent::Phrases => phrases::spans(&phrases),
            Extent::Described => described::spans(&x.text, mentions, &owners),
        };
        out.insert("entities".into(), layers::entities(spans, &map));
    }
    if let (Some(mentions), Some(_)) = (&x.mentions, &x.entities) {
        let corpus = x.article.metadata.get("corpus").and_then(Value::as_str);
        let which = toponyms::Toponyms::of_corpus(corpus);
        let items = toponyms::toponyms(&x.text, mentions, x.entities.as_deref(), which, &map);
        out.insert("toponyms".into(), items);
    }
    if let Some(quotes) = &x.quotes {
        out.insert("quotes".into(), layers::quotes(quotes, &map));
    }
    if let Some(figures) = &x.figures {
        out.insert("values".into(), layers::values(figures, &map));
    }
    if let Some(events) = &x.events {
        out.insert("events".into(), layers::events(events, &map));
    }
    if let Some(entities) = &x.entities {
        let (clusters, links) = clusters::chains(x, entities, extent, &phrases, &owners, &map);
        out.insert("clusters".into(), Value::Array(clusters));
        out.insert("links".into(), Value::Array(links));
    }
    Value::Object(out)
}

/// The evaluation record of a record that failed: its `id` and the error.
pub fn error_to_eval(e: &RecordError) -> Value {
    json!({"id": e.id, "origin": e.origin, "error": e.error})
}
