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
mod stream;

pub use config::Config;
pub use extraction::Extraction;
pub use extractor::{Extractor, Profile};
pub use layer::Layer;
pub use stream::{BYTES_IN_FLIGHT_PER_WORKER, RECORDS_IN_FLIGHT_PER_WORKER};

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
            "invalid configuration: unknown layer \"quotes?\"; the layers are: article, syntax, time, entities, quotes, resolve, figures, events"
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

    fn token_forms(out: &Extraction) -> Vec<&str> {
        out.article
            .tokens
            .iter()
            .map(|t| out.slice(t.span()))
            .collect()
    }

    #[test]
    fn tokens_are_the_syntax_layers_words_when_it_runs() {
        let text = "Hamas fighters killed more than 1,400 people. Israel didn't say.";
        let full = Extractor::new(Config::default()).unwrap();
        let out = full.extract_text(text).unwrap();
        let forms = token_forms(&out);
        assert_eq!(&forms[9..12], ["did", "n't", "say"]);
        let s0 = &out.article.sentences[0];
        let root = &out.article.tokens[s0.root.unwrap()];
        assert_eq!(out.slice(root.span()), "killed");
        let fighters = out.article.tokens[1].syntax.as_ref().unwrap();
        assert_eq!((fighters.dep.as_ref(), fighters.head), ("nsubj", s0.root));
        let chunks: Vec<&str> = out
            .noun_chunks
            .as_ref()
            .unwrap()
            .iter()
            .map(|c| &text[c.start..c.end])
            .collect();
        assert!(chunks.contains(&"Hamas fighters"), "{chunks:?}");
        // The JSON carries the syntax on each token, and reads back.
        let json = serde_json::to_value(&out).unwrap();
        assert_eq!(json["article"]["tokens"][2]["lemma"], "kill");
        assert_eq!(
            json["article"]["tokens"][2]["head"],
            serde_json::Value::Null
        );
        assert_eq!(json["article"]["tokens"][1]["head"], 2);
        let back: Extraction = serde_json::from_value(json).unwrap();
        assert_eq!(back, out);
        // The eval format gives score.py's syntax rows: -1 for a root, the
        // multiword token of `didn't`, the unit of each word.
        let eval = crate::eval::to_eval(&out);
        let rows = eval["tokens"].as_array().unwrap();
        assert_eq!(rows.len(), out.article.tokens.len());
        assert_eq!(
            (rows[2]["form"].as_str(), rows[2]["head"].as_i64()),
            (Some("killed"), Some(-1))
        );
        assert_eq!(rows[9]["mwt"], serde_json::json!([9, 10]));
        assert_eq!(
            (rows[9]["sentence"].as_u64(), rows[10]["lemma"].as_str()),
            (Some(1), Some("not"))
        );

        // Without the syntax layer: the article layer's tokens, bare.
        let bare = Extractor::new(Config::default().layers([Layer::Entities])).unwrap();
        let out = bare.extract_text(text).unwrap();
        let forms = token_forms(&out);
        assert_eq!(&forms[9..11], ["did", "n't"]);
        assert!(out.article.tokens.iter().all(|t| t.syntax.is_none()));
        assert!(out.noun_chunks.is_none() && out.article.sentences[0].root.is_none());
        let json = serde_json::to_value(&out).unwrap();
        assert!(json["article"]["tokens"][0].get("lemma").is_none());
        let back: Extraction = serde_json::from_value(json).unwrap();
        assert_eq!(back, out);
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
                "syntax",
                "time",
                "entities",
                "quotes",
                "resolve",
                "figures",
                "events"
            ]
        );
        assert_eq!((p.articles, p.bytes), (1, 9));
    }
}

/// Each data set's load time on its own, one after the other on one thread
/// (`dateline bench speed` shows the layers' loads as they overlap):
/// `cargo test --release -p dateline --lib load_times -- --ignored --nocapture`.
#[cfg(test)]
mod load_times {
    use std::time::Instant;

    #[test]
    #[ignore = "a measurement, not a check: run it alone, in release"]
    fn load_times() {
        let steps: [(&str, fn()); 7] = [
            ("lexicon", || {
                crate::lexicon::lexicon();
            }),
            ("entity tagger", || {
                crate::entities::tagger::tagger();
            }),
            ("syntax model", || {
                crate::syntax::model();
            }),
            ("CAMEO actors", || {
                crate::events::cameo::ActorCoder::shipped();
            }),
            ("event lexicon", || {
                crate::events::lexicon();
            }),
            ("roles and capitals", crate::resolve::warm),
            ("quote cues, figure words", || {
                crate::quotes::cues();
                crate::figures::lexicon();
            }),
        ];
        for (name, load) in steps {
            let t = Instant::now();
            load();
            eprintln!("{name:<26} {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
        }
    }
}
