//! Which layers run, and the options of an extractor.

use serde::{Deserialize, Serialize};

use super::layer::Layer;

/// Options of an [`crate::Extractor`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Config {
    /// The layers to run (default: all). The article layer runs whether it
    /// is listed or not, since every other layer builds on it.
    pub layers: Vec<Layer>,
    /// Whether the article layer lists tokens (they are the bulk of its output).
    pub tokens: bool,
    /// Articles longer than this many bytes are refused with [`crate::Error::TooLarge`].
    pub max_article_bytes: usize,
    /// An actor dictionary of the user's, read over the shipped CAMEO actor
    /// dictionaries by the event layer (its entries win): the text of a TSV
    /// file with the header `name<TAB>code<TAB>dates<TAB>entry`, or of a
    /// PETRARCH actor file.
    pub actor_dictionary: Option<String>,
    /// An entity tagger of the user's in place of the shipped one: the
    /// bytes of a model file that `dateline train ner` wrote. Not
    /// serialised (it is megabytes).
    #[serde(skip)]
    pub entity_model: Option<Vec<u8>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            layers: Layer::ALL.to_vec(),
            tokens: true,
            max_article_bytes: Config::DEFAULT_MAX_ARTICLE_BYTES,
            actor_dictionary: None,
            entity_model: None,
        }
    }
}

impl Config {
    /// The default largest article: 512 KiB, about 90,000 words, fifteen
    /// times the longest article of the evaluation corpora (34 KB). Every
    /// layer runs in memory linear in the article, about 105 bytes a byte
    /// of text: an article this long peaks under 150 MB with the models
    /// (`docs/limits.md`). Raise it for longer documents.
    pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 512 << 10;

    /// The default configuration: every layer, with tokens, articles up to
    /// 512 KiB.
    pub fn new() -> Self {
        Config::default()
    }

    /// Sets the layers to run. The article layer is always among them; the
    /// quote and resolve layers bring the entity layer (speakers are
    /// entities; entities are resolved from mentions), and the
    /// figure layer brings the time, entity and quote layers (the when,
    /// where, who and source of a figure).
    pub fn layers(mut self, layers: impl IntoIterator<Item = Layer>) -> Self {
        self.layers = super::steps::with_needs(layers);
        self
    }

    /// Sets whether tokens are listed.
    pub fn tokens(mut self, on: bool) -> Self {
        self.tokens = on;
        self
    }

    /// Sets the user's actor dictionary (the text of a TSV or PETRARCH
    /// actor file), read over the shipped ones by the event layer.
    pub fn actor_dictionary(mut self, text: impl Into<String>) -> Self {
        self.actor_dictionary = Some(text.into());
        self
    }

    /// Sets the entity tagger's model: the bytes of a file that `dateline
    /// train ner` wrote, used in place of the shipped model.
    pub fn entity_model(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.entity_model = Some(bytes.into());
        self
    }

    /// Sets the largest article accepted, in bytes.
    pub fn max_article_bytes(mut self, bytes: usize) -> Self {
        self.max_article_bytes = bytes;
        self
    }
}
