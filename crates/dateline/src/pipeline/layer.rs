//! [`Layer`]: the capabilities that can be switched on or off, in the order they run.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A layer of the extraction: one capability that can be switched on or off.
///
/// The article layer (metadata, headline, paragraphs, sentences, tokens) is
/// the base every other layer builds on and always runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Layer {
    /// Publication date, title, headline, paragraphs, sentences and tokens.
    Article,
    /// Part of speech, lemma, morphology and dependency parse of every
    /// sentence (the tokens become UD syntactic words), and noun chunks.
    Syntax,
    /// Temporal expressions normalised against the publication date.
    Time,
    /// Mentions of people, organisations, places and groups.
    Entities,
    /// Attributed statements with their speakers (runs the entity layer too).
    Quotes,
    /// Who is who: mentions resolved to entities with canonical names,
    /// roles, organisation kinds and places on the map, and the article's
    /// focus countries (runs the entity layer, and uses quotes when they run).
    Resolve,
    /// Numbers as claims: counts, money, percentages, quantities, with what
    /// is counted, where, when, by whom and who says so (runs the time,
    /// entity and quote layers too).
    Figures,
    /// Events stated or reported, with their class, tense, aspect, polarity,
    /// modality and the statement that reports them (runs the syntax and
    /// quote layers too).
    Events,
}

impl Layer {
    /// Every layer, in the order they run.
    pub const ALL: &'static [Layer] = &[
        Layer::Article,
        Layer::Syntax,
        Layer::Time,
        Layer::Entities,
        Layer::Quotes,
        Layer::Resolve,
        Layer::Figures,
        Layer::Events,
    ];

    /// The layer's name, as used in options and output (`article`).
    pub fn name(&self) -> &'static str {
        match self {
            Layer::Article => "article",
            Layer::Syntax => "syntax",
            Layer::Time => "time",
            Layer::Entities => "entities",
            Layer::Quotes => "quotes",
            Layer::Resolve => "resolve",
            Layer::Figures => "figures",
            Layer::Events => "events",
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Layer {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Layer::ALL
            .iter()
            .copied()
            .find(|l| l.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<_> = Layer::ALL.iter().map(Layer::name).collect();
                Error::Config(format!(
                    "unknown layer {s:?}; the layers are: {}",
                    names.join(", ")
                ))
            })
    }
}
