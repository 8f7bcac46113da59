//! A paragraph as the frames read it: its tokens, its sentences, its paired
//! quotation marks and the cues outside them; and the clause and content
//! bounds the frames share.

use super::cues::{cues, CueClass, CueEntry};
use super::tokens::{is_capitalised, is_punct, pair_quotes, tokenize, word_is, Tk, Tok};
use crate::span::Span;

/// Whether `word`, a cue word, is the noun `state` here: a verb only after
/// a subject pronoun, a modal or `to` (`they state that`, `to state`),
/// elsewhere mostly a noun (`state party chairs`, `industrial state
/// voters`). `before` is the word before it.
pub(super) fn state_is_a_noun(word: &str, before: Option<&str>) -> bool {
    const VERB_AFTER: &[&str] = &[
        "to", "i", "we", "you", "they", "will", "would", "can", "could", "should", "must", "may",
        "might", "also", "not",
    ];
    word.eq_ignore_ascii_case("state")
        && !before.is_some_and(|b| VERB_AFTER.iter().any(|v| v.eq_ignore_ascii_case(b)))
}

/// One paragraph, tokenised, with its sentences and quotations.
pub(super) struct Para<'a> {
    /// The article's text.
    pub(super) text: &'a str,
    /// The paragraph's tokens.
    pub(super) toks: Vec<Tok>,
    /// Token index ranges of the sentences.
    pub(super) sentences: Vec<(usize, usize)>,
    /// Paired quotation marks (open, close).
    pub(super) quotes: Vec<(usize, Option<usize>)>,
    /// For each token, the quotation it is inside (index into `quotes`).
    pub(super) inside: Vec<Option<usize>>,
    /// For each sentence, whether it is in title case (most of its words of
    /// four letters or more capitalised, as in headlines).
    title_case: Vec<bool>,
}

impl<'a> Para<'a> {
    /// Tokenises the paragraph made of `sentences` and pairs its quotation
    /// marks.
    pub(super) fn new(text: &'a str, sentences: &[Span]) -> Para<'a> {
        let mut toks = Vec::new();
        let mut ranges = Vec::with_capacity(sentences.len());
        for s in sentences {
            let first = toks.len();
            tokenize(text, *s, &mut toks);
            ranges.push((first, toks.len()));
        }
        let quotes = pair_quotes(text, &toks);
        // A straight mark read as opening that closes a quotation
        // (`'outreach,' " he said`: spaces on both sides) is a closing one.
        for &(_, c) in &quotes {
            if let Some(c) = c.filter(|&c| toks[c].kind == Tk::Open) {
                toks[c].kind = Tk::Close;
            }
        }
        let mut inside = vec![None; toks.len()];
        // Quotations are sorted by their opening mark, so the tokens already
        // taken from an opening on are exactly those before `filled`: each
        // token is written once (an unclosed quotation runs to the paragraph's
        // end, and a paragraph may hold thousands of them).
        let mut filled = 0;
        for (qi, (o, c)) in quotes.iter().enumerate() {
            let end = c.map_or(toks.len(), |c| c + 1);
            for slot in &mut inside[(*o).max(filled).min(end)..end] {
                slot.get_or_insert(qi);
            }
            filled = filled.max(end);
        }
        let title_case = ranges
            .iter()
            .map(|&(sa, sb)| {
                let long = toks[sa..sb]
                    .iter()
                    .filter(|t| t.kind == Tk::Word && t.end - t.start >= 4);
                let (n, caps) = long.fold((0usize, 0usize), |(n, c), t| {
                    (n + 1, c + usize::from(is_capitalised(text, t)))
                });
                n >= 3 && caps * 4 >= n * 3
            })
            .collect();
        Para {
            text,
            toks,
            sentences: ranges,
            quotes,
            inside,
            title_case,
        }
    }

    /// The text of token `i`.
    pub(super) fn w(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }

    /// Whether token `i` is a word of `list`.
    pub(super) fn is(&self, i: usize, list: &[&str]) -> bool {
        i < self.toks.len() && word_is(self.text, &self.toks[i], list)
    }

    /// The byte span of tokens `a..b`.
    pub(super) fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].start, self.toks[b - 1].end)
    }

    /// The quotation opened at token `o`, as (open, close-or-last token).
    pub(super) fn quote_bounds(&self, qi: usize) -> (usize, usize) {
        let (o, c) = self.quotes[qi];
        (o, c.unwrap_or(self.toks.len() - 1))
    }

    /// Whether a capitalised word at token `i` may be a cue: the first
    /// word of its sentence, or any word of a sentence in title case.
    fn capitalised_cue_may_be(&self, i: usize) -> bool {
        let si = self.sentences.partition_point(|&(_, b)| b <= i);
        self.sentences
            .get(si)
            .is_some_and(|&(sa, _)| i == sa || self.title_case[si])
    }

    /// The cue at token `i` (not inside quotation marks), with its last token.
    pub(super) fn cue_at(&self, i: usize) -> Option<(&'static CueEntry, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != Tk::Word || self.inside[i].is_some() {
            return None;
        }
        let w = self.w(i);
        let mut buf = [0u8; 24];
        let capitalised = !w.chars().all(|c| c.is_lowercase());
        let w = if !capitalised {
            w
        } else {
            // `Said Comey, "..."`, `Clinton Says Crash Seems Like Terrorism`:
            // an ASCII word with only its first letter capitalised, looked up
            // in lower case (no allocation), when its sentence allows it.
            let b = w.as_bytes();
            if b.len() > buf.len()
                || !b[0].is_ascii_uppercase()
                || !b[1..].iter().all(u8::is_ascii_lowercase)
            {
                return None;
            }
            buf[..b.len()].copy_from_slice(b);
            buf[0] = b[0].to_ascii_lowercase();
            std::str::from_utf8(&buf[..b.len()]).ok()?
        };
        let entries = cues().by_word.get(w)?;
        if capitalised && !self.capitalised_cue_may_be(i) {
            return None;
        }
        let before = (i > 0 && self.toks[i - 1].kind == Tk::Word).then(|| self.w(i - 1));
        if state_is_a_noun(w, before) {
            return None;
        }
        for e in entries {
            // A headline's capitals make a cue of a verb of saying only
            // (`Clinton Says Crash Seems Like Terrorism`: not `Seems`).
            if capitalised && e.class != CueClass::Speech && e.class != CueClass::Address {
                continue;
            }
            match e.particle {
                Some(p) => {
                    if i + 1 < self.toks.len() && self.w(i + 1) == p {
                        return Some((e, i + 1));
                    }
                }
                None => return Some((e, i)),
            }
        }
        None
    }
}

/// A cue being read: where it is and what it is.
pub(super) struct CueAt {
    /// The sentence holding it (an index into [`Para::sentences`]).
    pub(super) si: usize,
    /// Its first token.
    pub(super) c: usize,
    /// Its last token (`out` of `point out`).
    pub(super) cl: usize,
    /// Its reading in the lexicon.
    pub(super) cue: &'static CueEntry,
    /// Its byte span.
    pub(super) span: Span,
}

/// Trims a content span's trailing sentence punctuation (kept when a closing
/// quotation mark follows it) and leading `that`/commas/colons.
pub(super) fn trim_content(p: &Para<'_>, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    while a < b
        && (is_punct(&p.toks[a], &[',', ':', ';', '—', '–', '-']) || p.is(a, &["that"]))
        && p.inside[a].is_none()
    {
        a += 1;
    }
    while b > a && is_punct(&p.toks[b - 1], &['.', ',', ';', ':', '—', '–', '-']) {
        b -= 1;
    }
    let words = (a..b).filter(|&i| p.toks[i].kind == Tk::Word).count();
    (words >= 2).then_some((a, b))
}

/// Where the clause holding token `k` starts: after the last colon or
/// semicolon before it in the sentence, else the sentence start (or the
/// opening quotation mark of a quote closing inside the sentence).
pub(super) fn clause_start(p: &Para<'_>, sa: usize, k: usize) -> usize {
    // A quotation closing before k that opened before the sentence.
    let mut start = sa;
    for j in (sa..k).rev() {
        if p.inside[j].is_none() && is_punct(&p.toks[j], &[';']) {
            start = j + 1;
            break;
        }
    }
    if let Some(qi) = p.inside[start] {
        start = start.min(p.quotes[qi].0);
    } else if start < k {
        if let Some(qi) = p.inside[k.saturating_sub(1)] {
            start = start.min(p.quotes[qi].0);
        }
    }
    start
}

/// The lowest token a source on the left of token `c` may start at: after
/// the last comma-free clause break (semicolon, colon, dash, closing
/// quotation) in the sentence.
pub(super) fn clause_floor(p: &Para<'_>, sa: usize, c: usize) -> usize {
    let mut j = c;
    while j > sa {
        j -= 1;
        // `Sen. Marco Rubio (R-Fla.) said`: a short bracket is part of the
        // name before it, not a clause of its own.
        if is_punct(&p.toks[j], &[')']) && p.inside[j].is_none() {
            if let Some(o) = (sa.max(j.saturating_sub(12))..j)
                .rev()
                .find(|&k| is_punct(&p.toks[k], &['(']))
            {
                j = o;
                continue;
            }
        }
        // `Gingrich — mentioned as the leading choice — told`: a pair of
        // dashes closing right before the cue sets off an appositive.
        if j + 1 == c && is_punct(&p.toks[j], &['—', '–']) && p.inside[j].is_none() {
            if let Some(o) = (sa.max(j.saturating_sub(25))..j)
                .rev()
                .find(|&k| is_punct(&p.toks[k], &['—', '–']))
            {
                j = o;
                continue;
            }
        }
        if p.inside[j].is_some() || is_punct(&p.toks[j], &[';', ':', '—', '–', '(', ')']) {
            return j + 1;
        }
    }
    sa
}
