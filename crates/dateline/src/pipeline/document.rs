//! The document the layers annotate in order: the article layer, then one
//! field per later layer, filled when that layer runs.

use chrono::NaiveDate;

use crate::article::{Article, ArticleLayer};
use crate::entities::Mention;
use crate::events::Event;
use crate::figures::Figure;
use crate::origin::Origin;
use crate::quotes::Quote;
use crate::resolve::Resolution;
use crate::schema::SCHEMA_VERSION;
use crate::span::Span;
use crate::syntax::Syntax;
use crate::time::Timex;

use super::extraction::Extraction;

/// One article as the pipeline works on it.
pub(crate) struct Document {
    /// The article's id.
    pub id: Option<String>,
    /// Where the article came from.
    pub origin: Origin,
    /// The article's full text.
    text: String,
    /// The publication date, which the time and figure layers read.
    pub published: Option<NaiveDate>,
    /// The article layer.
    pub article: ArticleLayer,
    /// The units later layers read: headline lines, then sentences.
    pub units: Vec<Span>,
    /// The syntax layer's output, once it ran.
    pub syntax: Option<Syntax>,
    /// The time layer's output, once it ran.
    pub timex: Option<Vec<Timex>>,
    /// The entity layer's output, once it ran.
    pub mentions: Option<Vec<Mention>>,
    /// The quote layer's output, once it ran.
    pub quotes: Option<Vec<Quote>>,
    /// The resolve layer's output, once it ran.
    pub resolution: Option<Resolution>,
    /// The figure layer's output, once it ran.
    pub figures: Option<Vec<Figure>>,
    /// The event layer's output, once it ran.
    pub events: Option<Vec<Event>>,
    /// The user's actor dictionary for the event layer, when given.
    pub actors: Option<std::sync::Arc<crate::events::cameo::ActorCoder>>,
    /// The user's entity tagger for the entity layer, when given.
    pub tagger: Option<std::sync::Arc<crate::entities::tagger::Tagger>>,
}

impl Document {
    /// A document holding the article layer of `article`.
    pub(crate) fn new(mut article: Article, article_layer: ArticleLayer) -> Document {
        let units = article_layer.units();
        Document {
            id: article.id.take(),
            origin: std::mem::take(&mut article.origin),
            published: article.published.map(|p| p.date),
            text: article.text,
            article: article_layer,
            units,
            syntax: None,
            timex: None,
            mentions: None,
            quotes: None,
            resolution: None,
            figures: None,
            events: None,
            actors: None,
            tagger: None,
        }
    }

    /// The article's text.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The time layer's expressions (none when it did not run).
    pub(crate) fn timex(&self) -> &[Timex] {
        self.timex.as_deref().unwrap_or_default()
    }

    /// The entity layer's mentions (none when it did not run).
    pub(crate) fn mentions(&self) -> &[Mention] {
        self.mentions.as_deref().unwrap_or_default()
    }

    /// The quote layer's quotes (none when it did not run).
    pub(crate) fn quotes(&self) -> &[Quote] {
        self.quotes.as_deref().unwrap_or_default()
    }

    /// The serialisable view of the document; with `tokens`, the syntax
    /// layer's words (when it ran) are the article's tokens.
    pub(crate) fn into_extraction(mut self, tokens: bool) -> Extraction {
        let noun_chunks = self.syntax.map(|mut syntax| {
            let chunks = std::mem::take(&mut syntax.noun_chunks);
            if tokens {
                let a = &mut self.article;
                let (headlines, sentences) = (&mut a.headlines, &mut a.sentences);
                a.tokens = crate::syntax::tokens(&self.text, syntax, headlines, sentences);
            }
            chunks
        });
        Extraction {
            schema_version: SCHEMA_VERSION.to_string(),
            id: self.id,
            origin: self.origin,
            text: self.text,
            article: self.article,
            noun_chunks,
            timex: self.timex,
            mentions: self.mentions,
            quotes: self.quotes,
            figures: self.figures,
            events: self.events,
            focus_countries: self.resolution.as_ref().map(|r| r.focus.clone()),
            entities: self.resolution.map(|r| r.entities),
        }
    }
}
