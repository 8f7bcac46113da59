//! The [`Extractor`]: configured once, run on any number of articles.

use std::sync::Arc;

use crate::entities::tagger::Tagger;
use crate::events::cameo::ActorCoder;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::config::Config;
use super::document::Document;
use super::extraction::Extraction;
use super::layer::Layer;
use super::steps::{with_needs, STEPS};
use crate::article::{Article, ArticleLayer};
use crate::error::{Error, RecordError, Result};

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
/// let first = out.article.sentences[0].tokens.start;
/// assert_eq!(out.slice(out.article.tokens[first].span()), "Mr");
/// let met = &out.article.tokens[out.article.sentences[0].root.unwrap()];
/// assert_eq!(met.syntax.as_ref().unwrap().lemma, "meet");
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    config: Config,
    /// The layers that run: those configured and those they need.
    layers: Vec<Layer>,
    /// The user's actor dictionary over the shipped ones, when given.
    actors: Option<Arc<ActorCoder>>,
    /// The user's entity tagger in place of the shipped one, when given.
    tagger: Option<Arc<Tagger>>,
    /// Time each layer took to load its data when this extractor was made.
    startup: Vec<(&'static str, Duration)>,
}

/// Data of the user's (`what`, read by `read`) when given, its load time
/// added to `startup`; a read error is a configuration error naming it.
fn load_users<I: ?Sized, T, E: std::fmt::Display>(
    input: Option<&I>,
    what: &'static str,
    startup: &mut Vec<(&'static str, Duration)>,
    read: impl FnOnce(&I) -> std::result::Result<T, E>,
) -> Result<Option<Arc<T>>> {
    let Some(input) = input else {
        return Ok(None);
    };
    let t = Instant::now();
    let data = read(input).map_err(|e| Error::Config(format!("the {what}: {e}")))?;
    startup.push((what, t.elapsed()));
    Ok(Some(Arc::new(data)))
}

impl Extractor {
    /// An extractor with the given options.
    pub fn new(config: Config) -> Result<Self> {
        if config.max_article_bytes == 0 {
            return Err(Error::Config("max_article_bytes must be at least 1".into()));
        }
        let layers = with_needs(config.layers.iter().copied());
        // Load the layers' data now (once per process; a later extractor
        // finds it loaded) rather than in the first article, each layer on
        // a thread of its own: start-up takes the slowest layer's time on
        // enough cores. Layers that share data (the lexicon) wait for the
        // one loading it.
        // A thread the system refuses to start is no error: that layer
        // loads on this one.
        let mut startup = std::thread::scope(|scope| {
            let loading: Vec<_> = STEPS
                .iter()
                .filter(|s| layers.contains(&s.layer))
                .map(|step| {
                    let load = move || {
                        let t = Instant::now();
                        (step.warm)();
                        t.elapsed()
                    };
                    let on_thread = std::thread::Builder::new().spawn_scoped(scope, load);
                    (step.layer.name(), on_thread.map_err(|_| load()))
                })
                .collect();
            loading
                .into_iter()
                .map(|(layer, load)| match load {
                    Ok(thread) => (layer, thread.join().unwrap_or_default()),
                    Err(here) => (layer, here),
                })
                .collect::<Vec<_>>()
        });
        let actors = load_users(
            config.actor_dictionary.as_deref(),
            "actor dictionary",
            &mut startup,
            ActorCoder::with_extra,
        )?;
        let tagger = load_users(
            config.entity_model.as_deref(),
            "entity model",
            &mut startup,
            Tagger::from_bytes,
        )?;
        Ok(Extractor {
            config,
            layers,
            actors,
            tagger,
            startup,
        })
    }

    /// The time each layer took to load its data (models, lexicons,
    /// dictionaries) when this extractor was made, in pipeline order. Data is
    /// loaded once per process: a second extractor finds it loaded and
    /// shows near-zero times.
    pub fn startup(&self) -> &[(&'static str, Duration)] {
        &self.startup
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

    fn run(&self, mut article: Article, mut profile: Option<&mut Profile>) -> Result<Extraction> {
        self.check_size(article.text.len())?;
        if article.text.trim().is_empty() {
            return Err(Error::Empty);
        }
        let bytes = article.text.len() as u64;
        let mut clock = Instant::now();
        let mut lap = |stage: &'static str| {
            if let Some(p) = profile.as_deref_mut() {
                let now = Instant::now();
                p.add(stage, now - clock);
                clock = now;
            }
        };
        // The syntax layer's words are the tokens when it runs.
        let syntax = self.layers.contains(&Layer::Syntax);
        let layer = ArticleLayer::build(&mut article, self.config.tokens && !syntax, &mut lap);
        let mut doc = Document::new(article, layer);
        doc.actors = self.actors.clone();
        doc.tagger = self.tagger.clone();
        for step in STEPS.iter().filter(|s| self.layers.contains(&s.layer)) {
            (step.run)(&mut doc);
            lap(step.layer.name());
        }
        if let Some(p) = profile {
            p.articles += 1;
            p.bytes += bytes;
        }
        Ok(doc.into_extraction(self.config.tokens))
    }
}
