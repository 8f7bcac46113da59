//! The syntax layer's words as the article's tokens: what the pipeline
//! lists when the layer runs.

use crate::article::segment::{token_kind, Headline, IndexRange, Sentence, Token, TokenSyntax};

use super::Syntax;

/// The words of `syntax` (parsed over `text`, its units being the
/// `headlines` then the `sentences`) as tokens carrying their syntax; each
/// headline and sentence gets its range of them and its root. Word indices
/// (heads, multiword tokens) stay token indices. The words are moved into
/// the tokens, not copied: a long article's words are its largest part.
pub fn tokens(
    text: &str,
    syntax: Syntax,
    headlines: &mut [Headline],
    sentences: &mut [Sentence],
) -> Vec<Token> {
    // Words come in unit order: each unit's words are one run.
    let mut next = 0;
    let mut run = |unit: usize| {
        let start = next;
        while next < syntax.words.len() && syntax.words[next].sentence == unit {
            next += 1;
        }
        let root = syntax.roots.get(unit).copied().flatten();
        (IndexRange { start, end: next }, root)
    };
    for (u, h) in headlines.iter_mut().enumerate() {
        let (range, root) = run(u);
        (h.tokens, h.root) = (Some(range), root);
    }
    for (si, s) in sentences.iter_mut().enumerate() {
        (s.tokens, s.root) = run(headlines.len() + si);
    }
    syntax
        .words
        .into_iter()
        .map(|w| Token {
            start: w.start,
            end: w.end,
            kind: token_kind(&text[w.start..w.end]),
            syntax: Some(TokenSyntax {
                upos: w.upos,
                xpos: w.xpos,
                lemma: w.lemma,
                feats: w.feats,
                head: w.head,
                dep: w.dep,
                mwt: w.mwt,
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn words_become_tokens_with_their_sentence_ranges_and_roots() {
        let text = "Blinken didn't meet him. Hamas fighters killed 1,400 people.";
        let spans = [Span::new(0, 24), Span::new(25, text.len())];
        let syntax = super::super::parse(text, &spans);
        let mut sentences: Vec<Sentence> = spans
            .iter()
            .map(|s| Sentence {
                start: s.start,
                end: s.end,
                text: s.slice(text).to_string(),
                paragraph: 0,
                tokens: IndexRange { start: 0, end: 0 },
                root: None,
            })
            .collect();
        let toks = tokens(text, syntax, &mut [], &mut sentences);
        let forms: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            forms,
            [
                "Blinken", "did", "n't", "meet", "him", ".", "Hamas", "fighters", "killed",
                "1,400", "people", "."
            ]
        );
        assert_eq!(sentences[0].tokens.range(), 0..6);
        assert_eq!(sentences[1].tokens.range(), 6..12);
        assert_eq!(sentences[0].root, Some(3));
        assert_eq!(sentences[1].root, Some(8));
        let killed = toks[8].syntax.as_ref().unwrap();
        assert_eq!(
            (killed.lemma.as_ref(), killed.dep.as_ref()),
            ("kill", "root")
        );
        let fighters = toks[7].syntax.as_ref().unwrap();
        assert_eq!((fighters.head, fighters.dep.as_ref()), (Some(8), "nsubj"));
        assert_eq!(toks[1].syntax.as_ref().unwrap().mwt, Some((1, 2)));
        assert_eq!(toks[9].kind.as_str(), "number");
        assert_eq!(toks[5].kind.as_str(), "punct");
    }
}
