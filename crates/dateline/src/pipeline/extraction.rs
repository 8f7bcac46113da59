//! [`Extraction`]: the serialisable view of a document once its layers ran.

use serde::{Deserialize, Serialize};

use crate::article::segment::{Sentence, Token};
use crate::article::ArticleLayer;
use crate::origin::Origin;
use crate::span::Span;

/// Everything extracted from one article.
///
/// Serialises to the versioned JSON shape described in `docs/schema.md`;
/// every offset is a byte offset into [`Extraction::text`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Version of the output shape ([`crate::SCHEMA_VERSION`]).
    pub schema_version: String,
    /// The article's id.
    pub id: Option<String>,
    /// Where the article came from.
    pub origin: Origin,
    /// The article's full text.
    pub text: String,
    /// The article layer.
    pub article: ArticleLayer,
    /// The syntax layer's base noun phrases (`Hamas fighters`, `more than
    /// 1,400 people`) in text order; their word indices are indices into
    /// the article's tokens when tokens are listed (absent when the layer
    /// did not run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noun_chunks: Option<Vec<crate::syntax::NounChunk>>,
    /// The time layer: temporal expressions in text order (absent when the
    /// layer did not run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timex: Option<Vec<crate::time::Timex>>,
    /// The entity layer: mentions of people, organisations, places and
    /// groups in text order (absent when the layer did not run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentions: Option<Vec<crate::entities::Mention>>,
    /// The quote layer: attributed statements in text order (absent when
    /// the layer did not run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes: Option<Vec<crate::quotes::Quote>>,
    /// The figure layer: numbers as claims, in text order (absent when the
    /// layer did not run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<Vec<crate::figures::Figure>>,
    /// The resolve layer: the article's entities, each once with all its
    /// mentions, roles and place, in order of first mention (absent when
    /// the layer did not run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<crate::resolve::Entity>>,
    /// The resolve layer's focus countries, most prominent first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus_countries: Option<Vec<crate::resolve::FocusCountry>>,
    /// The event layer: events stated or reported, in text order (absent
    /// when the layer did not run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<crate::events::Event>>,
}

impl Extraction {
    /// The layers whose output this extraction holds, in the order they
    /// run: the article layer always, each other layer when its output is
    /// present (the syntax layer by its noun chunks). An extraction read
    /// back from JSON written with `--layers` tells what it holds.
    pub fn layers(&self) -> Vec<super::Layer> {
        use super::Layer;
        let present = [
            (Layer::Syntax, self.noun_chunks.is_some()),
            (Layer::Time, self.timex.is_some()),
            (Layer::Entities, self.mentions.is_some()),
            (Layer::Quotes, self.quotes.is_some()),
            (Layer::Resolve, self.entities.is_some()),
            (Layer::Figures, self.figures.is_some()),
            (Layer::Events, self.events.is_some()),
        ];
        std::iter::once(Layer::Article)
            .chain(present.iter().filter(|(_, on)| *on).map(|(l, _)| *l))
            .collect()
    }

    /// The text of a byte span of this extraction.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The sentences of paragraph `i`.
    pub fn paragraph_sentences(&self, i: usize) -> &[Sentence] {
        &self.article.sentences[self.article.paragraphs[i].sentences.range()]
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        &self.article.tokens[self.article.sentences[i].tokens.range()]
    }
}

impl From<&Extraction> for crate::corpus::Record {
    /// What the corpus layer keeps of an extraction: its id, date,
    /// entities, events and figures, and the described participants of its
    /// events (read from its parsed tokens).
    fn from(x: &Extraction) -> crate::corpus::Record {
        crate::corpus::Record::new(
            x.id.as_deref(),
            x.article.date,
            &x.text,
            x.entities.as_deref().unwrap_or_default(),
            x.events.as_deref().unwrap_or_default(),
            x.figures.as_deref().unwrap_or_default(),
        )
        .with_participants(&x.text, &x.article)
    }
}
