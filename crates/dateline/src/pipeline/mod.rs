//! The extractor: configured once, run on any number of articles.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::article::segment::{self, Headline, IndexRange, Paragraph, Sentence, Token};
use crate::article::{Article, DateSource};
use crate::error::{Error, RecordError, Result};
use crate::origin::Origin;
use crate::schema::SCHEMA_VERSION;
use crate::span::Span;

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
}

impl Layer {
    /// Every layer, in the order they run.
    pub const ALL: &'static [Layer] = &[
        Layer::Article,
        Layer::Time,
        Layer::Entities,
        Layer::Quotes,
        Layer::Resolve,
        Layer::Figures,
    ];

    /// The layer's name, as used in options and output (`article`).
    pub fn name(&self) -> &'static str {
        match self {
            Layer::Article => "article",
            Layer::Time => "time",
            Layer::Entities => "entities",
            Layer::Quotes => "quotes",
            Layer::Resolve => "resolve",
            Layer::Figures => "figures",
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

/// Options of an [`Extractor`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Config {
    /// The layers to run (default: all). The article layer runs whether it
    /// is listed or not, since every other layer builds on it.
    pub layers: Vec<Layer>,
    /// Whether the article layer lists tokens (they are the bulk of its output).
    pub tokens: bool,
    /// Articles longer than this many bytes are refused with [`Error::TooLarge`].
    pub max_article_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            layers: Layer::ALL.to_vec(),
            tokens: true,
            max_article_bytes: Config::DEFAULT_MAX_ARTICLE_BYTES,
        }
    }
}

impl Config {
    /// The default largest article: 10 MiB.
    pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 10 << 20;

    /// The default configuration: every layer, with tokens, articles up to 10 MiB.
    pub fn new() -> Self {
        Config::default()
    }

    /// Sets the layers to run. The article layer is always among them; the
    /// quote and resolve layers bring the entity layer (speakers are
    /// entities; entities are resolved from mentions), and the
    /// figure layer brings the time, entity and quote layers (the when,
    /// where, who and source of a figure).
    pub fn layers(mut self, layers: impl IntoIterator<Item = Layer>) -> Self {
        self.layers = layers.into_iter().collect();
        let mut need = vec![Layer::Article];
        if self.layers.contains(&Layer::Figures) {
            need.extend([Layer::Time, Layer::Entities, Layer::Quotes]);
        }
        if self.layers.contains(&Layer::Quotes) || self.layers.contains(&Layer::Resolve) {
            need.push(Layer::Entities);
        }
        for l in need {
            if !self.layers.contains(&l) {
                self.layers.push(l);
            }
        }
        self.layers.sort();
        self.layers.dedup();
        self
    }

    /// Sets whether tokens are listed.
    pub fn tokens(mut self, on: bool) -> Self {
        self.tokens = on;
        self
    }

    /// Sets the largest article accepted, in bytes.
    pub fn max_article_bytes(mut self, bytes: usize) -> Self {
        self.max_article_bytes = bytes;
        self
    }
}

/// The article layer: what an article is made of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleLayer {
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Publication date and time (ISO 8601, with zone when known), when a time was given.
    pub datetime: Option<String>,
    /// Where the date was read from.
    pub date_source: Option<DateSource>,
    /// The title: the record's `title`, or the title line of the text.
    pub title: Option<String>,
    /// Other scalar fields of the record (`url`, `source`, ...).
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// The dateline header or publication line opening the text.
    pub header: Option<Span>,
    /// Kicker and title lines opening the body (not sentences of the story).
    pub headlines: Vec<Headline>,
    /// The story: from the first paragraph to the end of the text.
    pub body: Span,
    /// Paragraphs of the story.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences of the story.
    pub sentences: Vec<Sentence>,
    /// Tokens of the sentences (empty when [`Config::tokens`] is off).
    pub tokens: Vec<Token>,
}

/// Everything extracted from one article.
///
/// Serialises to the versioned JSON shape described in `docs/schema.md`;
/// every offset is a byte offset into [`Extraction::text`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Version of the output shape ([`SCHEMA_VERSION`]).
    pub schema_version: String,
    /// The article's id.
    pub id: Option<String>,
    /// Where the article came from.
    pub origin: Origin,
    /// The article's full text.
    pub text: String,
    /// The article layer.
    pub article: ArticleLayer,
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
}

impl Extraction {
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

/// Time spent in each stage of extraction, summed over articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// Stage name and time spent, in the order stages first ran.
    pub stages: Vec<(&'static str, Duration)>,
    /// Articles profiled.
    pub articles: u64,
    /// Bytes of article text profiled.
    pub bytes: u64,
}

impl Profile {
    fn add(&mut self, stage: &'static str, d: Duration) {
        match self.stages.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, t)) => *t += d,
            None => self.stages.push((stage, d)),
        }
    }

    /// Total time over all stages.
    pub fn total(&self) -> Duration {
        self.stages.iter().map(|(_, d)| *d).sum()
    }
}

/// Runs the configured layers over articles. Build it once and share it:
/// it is `Send + Sync`, and the same input always gives the same output,
/// whatever the number of threads.
///
/// ```
/// use dateline::{Article, Config, Extractor};
///
/// let extractor = Extractor::new(Config::default()).unwrap();
/// let article = Article::from_text(
///     " date 2023-11-06 Live updates: Follow the latest news\n\n\
///      Mr Al Sudani met Antony Blinken in Baghdad. “We will protect our people,” Mr Blinken said.",
/// ).unwrap();
/// let out = extractor.extract(article).unwrap();
/// assert_eq!(out.article.date.unwrap().to_string(), "2023-11-06");
/// assert_eq!(out.article.headlines[0].text, "Live updates: Follow the latest news");
/// assert_eq!(out.article.sentences.len(), 2);
/// assert_eq!(out.slice(out.article.tokens[0].span()), "Mr");
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    config: Config,
}

impl Extractor {
    /// An extractor with the given options.
    pub fn new(config: Config) -> Result<Self> {
        if config.max_article_bytes == 0 {
            return Err(Error::Config("max_article_bytes must be at least 1".into()));
        }
        if config.layers.contains(&Layer::Entities)
            || config.layers.contains(&Layer::Quotes)
            || config.layers.contains(&Layer::Resolve)
        {
            // Build the lexicons and load the tagger now (about a quarter of
            // a second, once per process) rather than in the first article.
            crate::lexicon::lexicon();
            crate::entities::tagger::tagger();
        }
        if config.layers.contains(&Layer::Quotes) {
            crate::quotes::cues();
        }
        if config.layers.contains(&Layer::Figures) {
            crate::figures::lexicon();
        }
        if config.layers.contains(&Layer::Resolve) {
            crate::resolve::warm();
        }
        Ok(Extractor { config })
    }

    /// The options this extractor was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Extracts everything from one article.
    pub fn extract(&self, article: Article) -> Result<Extraction> {
        self.run(article, None)
    }

    /// Extracts from text that may open with a dateline header.
    pub fn extract_text(&self, text: &str) -> Result<Extraction> {
        self.check_size(text.len())?;
        self.extract(Article::from_text(text)?)
    }

    /// Like [`Extractor::extract`], adding the time spent in each stage to `profile`.
    pub fn extract_profiled(&self, article: Article, profile: &mut Profile) -> Result<Extraction> {
        self.run(article, Some(profile))
    }

    /// Extracts from a batch in parallel (on the current rayon pool),
    /// keeping input order. Records that failed to read stay errors; an
    /// article that fails gets an error naming its origin and id.
    pub fn extract_batch(
        &self,
        records: Vec<Result<Article, RecordError>>,
    ) -> Vec<Result<Extraction, RecordError>> {
        records
            .into_par_iter()
            .map(|r| self.extract_record(r))
            .collect()
    }

    /// Extracts from one record that may already be an error.
    pub fn extract_record(
        &self,
        record: Result<Article, RecordError>,
    ) -> Result<Extraction, RecordError> {
        let article = record?;
        let (origin, id) = (article.origin.clone(), article.id.clone());
        self.extract(article)
            .map_err(|e| RecordError::new(origin, e).with_id(id))
    }

    /// Extracts lazily from an iterator of records, one at a time, in order.
    pub fn extract_iter<'a, I>(
        &'a self,
        records: I,
    ) -> impl Iterator<Item = Result<Extraction, RecordError>> + 'a
    where
        I: IntoIterator<Item = Result<Article, RecordError>>,
        I::IntoIter: 'a,
    {
        records.into_iter().map(move |r| self.extract_record(r))
    }

    fn check_size(&self, len: usize) -> Result<()> {
        if len > self.config.max_article_bytes {
            return Err(Error::TooLarge {
                size: len as u64,
                limit: self.config.max_article_bytes as u64,
            });
        }
        Ok(())
    }

    fn run(&self, article: Article, mut profile: Option<&mut Profile>) -> Result<Extraction> {
        self.check_size(article.text.len())?;
        let text = article.text.as_str();
        if text.trim().is_empty() {
            return Err(Error::Empty);
        }
        let mut clock = Instant::now();
        let mut lap = |stage: &'static str, profile: &mut Option<&mut Profile>| {
            if let Some(p) = profile.as_deref_mut() {
                let now = Instant::now();
                p.add(stage, now - clock);
                clock = now;
            }
        };

        // Structure: body, headline lines, paragraphs.
        let body = Span::new(
            article.body_start(),
            text.trim_end().len().max(article.body_start()),
        );
        let (paras, soft_wrap) = segment::paragraphs(text, body);
        let headlines = segment::headlines(text, &paras, article.title.as_deref());
        let story = &paras[headlines.len()..];
        lap("paragraphs", &mut profile);

        // Sentences, per paragraph.
        let mut sentence_spans = Vec::with_capacity(story.len() * 3);
        let mut paragraphs = Vec::with_capacity(story.len());
        for p in story {
            let first = sentence_spans.len();
            segment::sentences(text, *p, soft_wrap, &mut sentence_spans);
            paragraphs.push(Paragraph {
                start: p.start,
                end: p.end,
                sentences: IndexRange {
                    start: first,
                    end: sentence_spans.len(),
                },
            });
        }
        let mut sentences: Vec<Sentence> = Vec::with_capacity(sentence_spans.len());
        for (pi, p) in paragraphs.iter().enumerate() {
            for s in &sentence_spans[p.sentences.range()] {
                sentences.push(Sentence {
                    start: s.start,
                    end: s.end,
                    text: s.slice(text).to_string(),
                    paragraph: pi,
                    tokens: IndexRange { start: 0, end: 0 },
                });
            }
        }
        lap("sentences", &mut profile);

        // Tokens, per sentence.
        let mut tokens = Vec::new();
        if self.config.tokens {
            tokens.reserve(text.len() / 5);
            let mut scratch = Vec::new();
            for s in &mut sentences {
                let first = tokens.len();
                segment::tokens(text, Span::new(s.start, s.end), &mut tokens, &mut scratch);
                s.tokens = IndexRange {
                    start: first,
                    end: tokens.len(),
                };
            }
            lap("tokens", &mut profile);
        }

        let units: Vec<Span> = headlines
            .iter()
            .map(|h| Span::new(h.start, h.end))
            .chain(sentences.iter().map(|s| Span::new(s.start, s.end)))
            .collect();
        let want_figures = self.config.layers.contains(&Layer::Figures);
        let want_time = want_figures || self.config.layers.contains(&Layer::Time);
        let timex = want_time.then(|| {
            let found = crate::time::extract(text, &units, article.published.map(|p| p.date));
            lap("time", &mut profile);
            found
        });
        let want_quotes = want_figures || self.config.layers.contains(&Layer::Quotes);
        let want_resolve = self.config.layers.contains(&Layer::Resolve);
        let mentions = (want_quotes
            || want_resolve
            || self.config.layers.contains(&Layer::Entities))
        .then(|| {
            let found = crate::entities::extract(text, &units);
            lap("entities", &mut profile);
            found
        });
        let quotes = want_quotes.then(|| {
            let paras: Vec<(Span, Vec<Span>)> = headlines
                .iter()
                .map(|h| (Span::new(h.start, h.end), vec![Span::new(h.start, h.end)]))
                .chain(paragraphs.iter().map(|p| {
                    let ss = sentences[p.sentences.range()]
                        .iter()
                        .map(|s| Span::new(s.start, s.end))
                        .collect();
                    (Span::new(p.start, p.end), ss)
                }))
                .collect();
            let found =
                crate::quotes::extract(text, &paras, mentions.as_deref().unwrap_or_default());
            lap("quotes", &mut profile);
            found
        });
        let resolution = want_resolve.then(|| {
            let found = crate::resolve::resolve(
                text,
                &units,
                headlines.len(),
                mentions.as_deref().unwrap_or_default(),
                quotes.as_deref().unwrap_or_default(),
            );
            lap("resolve", &mut profile);
            found
        });
        let figures = want_figures.then(|| {
            let found = crate::figures::extract(
                text,
                &units,
                mentions.as_deref().unwrap_or_default(),
                timex.as_deref().unwrap_or_default(),
                quotes.as_deref().unwrap_or_default(),
                article.published.map(|p| p.date),
            );
            lap("figures", &mut profile);
            found
        });

        let title = article.title.clone().or_else(|| {
            headlines
                .iter()
                .find(|h| h.kind == segment::HeadlineKind::Title)
                .map(|h| h.text.clone())
        });
        let layer = ArticleLayer {
            date: article.published.map(|p| p.date),
            datetime: article.published.and_then(|p| p.datetime_iso()),
            date_source: article.date_source,
            title,
            metadata: article.metadata,
            header: article.header,
            headlines,
            body,
            paragraphs,
            sentences,
            tokens,
        };
        if let Some(p) = profile {
            p.articles += 1;
            p.bytes += article.text.len() as u64;
        }
        Ok(Extraction {
            schema_version: SCHEMA_VERSION.to_string(),
            id: article.id,
            origin: article.origin,
            text: article.text,
            article: layer,
            timex,
            mentions,
            quotes,
            figures,
            focus_countries: resolution.as_ref().map(|r| r.focus.clone()),
            entities: resolution.map(|r| r.entities),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Extractor>();
        assert_send_sync::<Extraction>();
    }

    #[test]
    fn kind_names_are_the_json_names() {
        use crate::{DateSource, HeadlineKind, TokenKind};
        let json = |v: serde_json::Value| v.as_str().unwrap().to_string();
        for k in [
            TokenKind::Word,
            TokenKind::Number,
            TokenKind::Punct,
            TokenKind::Symbol,
        ] {
            assert_eq!(json(serde_json::to_value(k).unwrap()), k.as_str());
        }
        for k in [HeadlineKind::Kicker, HeadlineKind::Title] {
            assert_eq!(json(serde_json::to_value(k).unwrap()), k.as_str());
        }
        for k in [
            DateSource::Record,
            DateSource::Header,
            DateSource::PublicationLine,
        ] {
            assert_eq!(json(serde_json::to_value(k).unwrap()), k.as_str());
        }
    }

    #[test]
    fn layers_parse_by_name() {
        assert_eq!("Article".parse::<Layer>().unwrap(), Layer::Article);
        let e = "quotes?".parse::<Layer>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid configuration: unknown layer \"quotes?\"; the layers are: article, time, entities, quotes, resolve, figures"
        );
    }

    #[test]
    fn too_large_and_empty_articles_are_errors() {
        let ex = Extractor::new(Config::default().max_article_bytes(10)).unwrap();
        assert_eq!(
            ex.extract_text("This text is longer than ten bytes.")
                .unwrap_err(),
            Error::TooLarge {
                size: 35,
                limit: 10
            }
        );
        assert_eq!(
            Extractor::new(Config::default())
                .unwrap()
                .extract_text(" \n ")
                .unwrap_err(),
            Error::Empty
        );
        assert_eq!(
            Extractor::new(Config::default())
                .unwrap()
                .extract_text(" date 2023-11-09 ")
                .unwrap_err(),
            Error::Empty
        );
        assert!(Extractor::new(Config::default().max_article_bytes(0)).is_err());
    }

    #[test]
    fn record_title_and_tokens_off() {
        let ex = Extractor::new(Config::default().tokens(false)).unwrap();
        let a = Article::from_text("Blinken in Baghdad\n\nThe visit was short.")
            .unwrap()
            .with_title("Blinken in Baghdad");
        let out = ex.extract(a).unwrap();
        assert_eq!(out.article.headlines[0].kind, segment::HeadlineKind::Title);
        assert_eq!(out.article.title.as_deref(), Some("Blinken in Baghdad"));
        assert!(out.article.tokens.is_empty());
        assert_eq!(out.article.sentences.len(), 1);
    }

    #[test]
    fn profile_counts_stages() {
        let ex = Extractor::new(Config::default()).unwrap();
        let mut p = Profile::default();
        ex.extract_profiled(Article::from_text("One. Two.").unwrap(), &mut p)
            .unwrap();
        let names: Vec<_> = p.stages.iter().map(|s| s.0).collect();
        assert_eq!(
            names,
            [
                "paragraphs",
                "sentences",
                "tokens",
                "time",
                "entities",
                "quotes",
                "resolve",
                "figures"
            ]
        );
        assert_eq!((p.articles, p.bytes), (1, 9));
    }
}
