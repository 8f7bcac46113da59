//! The pipeline: an [`Extractor`] runs the layers over a document in order
//! (`steps.rs` lists them) and hands back its [`Extraction`].
//!
//! Reads: an [`crate::Article`]. Runs: the article layer, then each later
//! layer asked for (with the layers it needs), each reading only what the
//! layers before it added to the document. See `docs/architecture.md`.

mod config;
mod document;
mod extraction;
mod extractor;
mod layer;
pub(crate) mod steps;

pub use config::Config;
pub use extraction::Extraction;
pub use extractor::{Extractor, Profile};
pub use layer::Layer;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::segment;
    use crate::{Article, Error};

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
