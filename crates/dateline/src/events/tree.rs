//! The parse as a tree with every word's children at hand, built once per
//! document in time linear in its words (the syntax layer's
//! [`Syntax::children`](crate::syntax::Syntax::children) scans the sentence
//! on every call).

use std::borrow::Cow;

use crate::syntax::Word;

/// The words of a parse with their children.
pub(crate) struct Tree<'a> {
    /// The words, as the syntax layer gave them.
    pub words: &'a [Word],
    /// `kids[first[i]..first[i + 1]]` are the children of word `i`.
    first: Vec<usize>,
    kids: Vec<usize>,
    /// The first word of each word's sentence.
    sentence_first: Vec<usize>,
    /// Each word's lemma in lower case (borrowed when it already is).
    lemmas: Vec<Cow<'a, str>>,
}

impl<'a> Tree<'a> {
    /// The tree of `words` (heads are indices into `words`).
    pub fn new(words: &'a [Word]) -> Tree<'a> {
        let mut count = vec![0usize; words.len() + 1];
        for w in words {
            if let Some(h) = w.head.filter(|&h| h < words.len()) {
                count[h + 1] += 1;
            }
        }
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        let first = count.clone();
        let mut kids = vec![0; first[words.len()]];
        for (i, w) in words.iter().enumerate() {
            if let Some(h) = w.head.filter(|&h| h < words.len()) {
                kids[count[h]] = i;
                count[h] += 1;
            }
        }
        let mut sentence_first = Vec::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            let same = i > 0 && words[i - 1].sentence == w.sentence;
            sentence_first.push(if same { sentence_first[i - 1] } else { i });
        }
        let lemmas = words
            .iter()
            .map(|w| {
                if w.lemma.chars().any(char::is_uppercase) {
                    Cow::Owned(w.lemma.to_lowercase())
                } else {
                    Cow::Borrowed(w.lemma.as_ref())
                }
            })
            .collect();
        Tree {
            words,
            first,
            kids,
            sentence_first,
            lemmas,
        }
    }

    /// The children of word `i`, in text order.
    pub fn children(&self, i: usize) -> &[usize] {
        match (self.first.get(i), self.first.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.kids[a..b],
            _ => &[],
        }
    }

    /// The first word of the sentence of word `i`.
    pub fn sentence_first(&self, i: usize) -> usize {
        self.sentence_first.get(i).copied().unwrap_or(0)
    }

    /// The first child of `i` whose relation is one of `deps`.
    pub fn child(&self, i: usize, deps: &[&str]) -> Option<usize> {
        self.children(i)
            .iter()
            .copied()
            .find(|&c| deps.contains(&self.words[c].dep.as_ref()))
    }

    /// The lower-case lemma of word `i`.
    pub fn lemma(&self, i: usize) -> &str {
        self.lemmas.get(i).map_or("", |l| l.as_ref())
    }

    /// The head of `i` and the relation, when `i` is not a root.
    pub fn head(&self, i: usize) -> Option<(usize, &str)> {
        let w = &self.words[i];
        w.head.map(|h| (h, w.dep.as_ref()))
    }

    /// Whether word `k`'s chain of heads reaches `h` within four steps
    /// (`k` itself included).
    pub fn reaches(&self, mut k: usize, h: usize) -> bool {
        for _ in 0..4 {
            if k == h {
                return true;
            }
            match self.head(k) {
                Some((up, _)) => k = up,
                None => return false,
            }
        }
        k == h
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn children_match_the_parse() {
        let text = "Hamas fighters killed more than 1,400 people. Israel struck back.";
        let cut = text.find(" Israel").unwrap();
        let units = [Span::new(0, cut), Span::new(cut + 1, text.len())];
        let syn = crate::syntax::parse(text, &units);
        let tree = Tree::new(&syn.words);
        for i in 0..syn.words.len() {
            let want: Vec<usize> = syn.children(i).collect();
            assert_eq!(tree.children(i), want.as_slice(), "word {i}");
        }
        let killed = syn.roots[0].unwrap();
        let subj = tree.child(killed, &["nsubj"]).unwrap();
        assert_eq!(
            &text[syn.words[subj].start..syn.words[subj].end],
            "fighters"
        );
    }
}
