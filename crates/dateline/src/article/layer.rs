//! The article layer's output: what an article is made of, built from the
//! [`Article`] by the steps of [`super::segment`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::segment::{self, Headline, HeadlineKind, IndexRange, Paragraph, Sentence, Token};
use super::{Article, DateSource};
use crate::span::Span;

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
    /// Tokens of the sentences (empty when tokens are not asked for).
    pub tokens: Vec<Token>,
}

impl ArticleLayer {
    /// Builds the article layer of `article` (taking its metadata), with
    /// tokens when `tokens` is set. `lap` is called with the name of each
    /// stage as it ends (`paragraphs`, `sentences`, `tokens`), for profiling.
    pub(crate) fn build(
        article: &mut Article,
        tokens: bool,
        lap: &mut dyn FnMut(&'static str),
    ) -> ArticleLayer {
        let text = article.text.as_str();
        let body = Span::new(
            article.body_start(),
            text.trim_end().len().max(article.body_start()),
        );
        let (paras, soft_wrap) = segment::paragraphs(text, body);
        let headlines = segment::headlines(text, &paras, article.title.as_deref());
        lap("paragraphs");
        let (paragraphs, mut sentences) =
            split_sentences(text, &paras[headlines.len()..], soft_wrap);
        lap("sentences");
        let mut token_list = Vec::new();
        if tokens {
            token_list = split_tokens(text, &mut sentences);
            lap("tokens");
        }
        let title = article.title.clone().or_else(|| {
            headlines
                .iter()
                .find(|h| h.kind == HeadlineKind::Title)
                .map(|h| h.text.clone())
        });
        ArticleLayer {
            date: article.published.map(|p| p.date),
            datetime: article.published.and_then(|p| p.datetime_iso()),
            date_source: article.date_source,
            title,
            metadata: std::mem::take(&mut article.metadata),
            header: article.header,
            headlines,
            body,
            paragraphs,
            sentences,
            tokens: token_list,
        }
    }

    /// The units later layers read, in text order: each headline line, then
    /// each sentence.
    pub(crate) fn units(&self) -> Vec<Span> {
        self.headlines
            .iter()
            .map(|h| Span::new(h.start, h.end))
            .chain(self.sentences.iter().map(|s| Span::new(s.start, s.end)))
            .collect()
    }

    /// Paragraphs with their units, in text order: each headline line as a
    /// paragraph of its own, then each paragraph with its sentences.
    pub(crate) fn paragraph_units(&self) -> Vec<(Span, Vec<Span>)> {
        self.headlines
            .iter()
            .map(|h| (Span::new(h.start, h.end), vec![Span::new(h.start, h.end)]))
            .chain(self.paragraphs.iter().map(|p| {
                let ss = self.sentences[p.sentences.range()]
                    .iter()
                    .map(|s| Span::new(s.start, s.end))
                    .collect();
                (Span::new(p.start, p.end), ss)
            }))
            .collect()
    }
}

/// The story's paragraphs and their sentences (without tokens yet).
fn split_sentences(text: &str, story: &[Span], soft_wrap: bool) -> (Vec<Paragraph>, Vec<Sentence>) {
    let mut spans = Vec::with_capacity(story.len() * 3);
    let mut paragraphs = Vec::with_capacity(story.len());
    for p in story {
        let first = spans.len();
        segment::sentences(text, *p, soft_wrap, &mut spans);
        paragraphs.push(Paragraph {
            start: p.start,
            end: p.end,
            sentences: IndexRange {
                start: first,
                end: spans.len(),
            },
        });
    }
    let mut sentences: Vec<Sentence> = Vec::with_capacity(spans.len());
    for (pi, p) in paragraphs.iter().enumerate() {
        for s in &spans[p.sentences.range()] {
            sentences.push(Sentence {
                start: s.start,
                end: s.end,
                text: s.slice(text).to_string(),
                paragraph: pi,
                tokens: IndexRange { start: 0, end: 0 },
                root: None,
            });
        }
    }
    (paragraphs, sentences)
}

/// The tokens of every sentence, each sentence given its range of them.
fn split_tokens(text: &str, sentences: &mut [Sentence]) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut scratch = Vec::new();
    for s in sentences {
        let first = tokens.len();
        segment::tokens(text, Span::new(s.start, s.end), &mut tokens, &mut scratch);
        s.tokens = IndexRange {
            start: first,
            end: tokens.len(),
        };
    }
    tokens
}
