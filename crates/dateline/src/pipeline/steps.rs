//! The layer list: every layer after the article layer, in the order they
//! run, with what each needs and how it annotates the [`Document`].
//!
//! A layer's folder holds its logic as a function of earlier layers'
//! output; the entry here only hands it those outputs and stores what it
//! returns. Adding a layer is: its folder, a [`Layer`] variant, its output
//! field in [`Document`] and [`crate::Extraction`], and one entry below.

use super::document::Document;
use super::layer::Layer;

/// One layer of the pipeline.
pub(crate) struct Step {
    /// The layer.
    pub layer: Layer,
    /// Layers that must run before it (the article layer always does).
    pub needs: &'static [Layer],
    /// Loads the layer's data (lexicons, models) once per process, so that
    /// the first article does not pay for it.
    pub warm: fn(),
    /// Runs the layer over the document.
    pub run: fn(&mut Document),
}

/// Every layer after the article layer, in the order they run. A layer's
/// needs come before it.
pub(crate) const STEPS: &[Step] = &[
    Step {
        layer: Layer::Syntax,
        needs: &[],
        warm: || {
            crate::syntax::model();
        },
        // Parses every unit: the headline lines, then the sentences.
        run: |doc| doc.syntax = Some(crate::syntax::parse(doc.text(), &doc.units)),
    },
    Step {
        layer: Layer::Time,
        needs: &[],
        warm: || {},
        run: |doc| {
            let found = crate::time::extract(doc.text(), &doc.units, doc.published);
            doc.timex = Some(found);
        },
    },
    Step {
        layer: Layer::Entities,
        needs: &[],
        warm: || {
            crate::lexicon::lexicon();
            crate::entities::tagger::tagger();
        },
        run: |doc| {
            let tagger = doc
                .tagger
                .as_deref()
                .unwrap_or_else(|| crate::entities::tagger::tagger());
            doc.mentions = Some(crate::entities::extract(doc.text(), &doc.units, tagger));
        },
    },
    Step {
        layer: Layer::Quotes,
        needs: &[Layer::Syntax, Layer::Entities],
        warm: || {
            crate::quotes::cues();
        },
        run: |doc| {
            let paras = doc.article.paragraph_units();
            let found =
                crate::quotes::extract(doc.text(), &paras, doc.mentions(), doc.syntax.as_ref());
            doc.quotes = Some(found);
        },
    },
    Step {
        layer: Layer::Resolve,
        // Uses quotes too when they run (a speaker's roles), not needing them.
        needs: &[Layer::Entities],
        warm: crate::resolve::warm,
        run: |doc| {
            let found = crate::resolve::resolve(
                doc.text(),
                &doc.units,
                doc.article.headlines.len(),
                doc.mentions(),
                doc.quotes(),
            );
            doc.resolution = Some(found);
        },
    },
    Step {
        layer: Layer::Figures,
        needs: &[Layer::Syntax, Layer::Time, Layer::Entities, Layer::Quotes],
        warm: || {
            crate::figures::lexicon();
        },
        run: |doc| {
            let found = crate::figures::extract(
                doc.text(),
                &doc.units,
                doc.mentions(),
                doc.timex(),
                doc.quotes(),
                doc.syntax.as_ref(),
                doc.published,
            );
            doc.figures = Some(found);
        },
    },
    Step {
        layer: Layer::Events,
        needs: &[
            Layer::Syntax,
            Layer::Time,
            Layer::Quotes,
            Layer::Resolve,
            Layer::Figures,
        ],
        warm: || {
            crate::events::lexicon();
            crate::events::cameo::ActorCoder::shipped();
        },
        run: |doc| {
            let empty = crate::syntax::Syntax::default();
            let syntax = doc.syntax.as_ref().unwrap_or(&empty);
            let resolution = doc.resolution.as_ref();
            let inputs = crate::events::Inputs {
                quotes: doc.quotes(),
                entities: resolution
                    .map(|r| r.entities.as_slice())
                    .unwrap_or_default(),
                focus: resolution.map(|r| r.focus.as_slice()).unwrap_or_default(),
                timex: doc.timex(),
                figures: doc.figures.as_deref().unwrap_or_default(),
                published: doc.published,
                actors: doc.actors.as_deref(),
            };
            doc.events = Some(crate::events::extract(doc.text(), syntax, &inputs));
        },
    },
];

/// The layers asked for with the layers they need, in pipeline order; the
/// article layer is always among them.
pub(crate) fn with_needs(layers: impl IntoIterator<Item = Layer>) -> Vec<Layer> {
    let mut out: Vec<Layer> = layers.into_iter().collect();
    out.push(Layer::Article);
    // Later layers need earlier ones only: one pass from the end adds every need.
    for step in STEPS.iter().rev() {
        if out.contains(&step.layer) {
            out.extend_from_slice(step.needs);
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_in_layer_order_and_need_only_earlier_layers() {
        let layers: Vec<Layer> = STEPS.iter().map(|s| s.layer).collect();
        assert_eq!(&Layer::ALL[1..], layers.as_slice());
        for s in STEPS {
            assert!(s.needs.iter().all(|n| *n < s.layer), "{}", s.layer);
        }
    }

    #[test]
    fn needs_are_added() {
        assert_eq!(
            with_needs([Layer::Figures]),
            [
                Layer::Article,
                Layer::Syntax,
                Layer::Time,
                Layer::Entities,
                Layer::Quotes,
                Layer::Figures
            ]
        );
        assert_eq!(
            with_needs([Layer::Resolve]),
            [Layer::Article, Layer::Entities, Layer::Resolve]
        );
        assert_eq!(
            with_needs([Layer::Quotes]),
            [
                Layer::Article,
                Layer::Syntax,
                Layer::Entities,
                Layer::Quotes
            ]
        );
        assert_eq!(with_needs([]), [Layer::Article]);
    }
}
