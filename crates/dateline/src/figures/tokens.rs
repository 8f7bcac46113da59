//! The tokens figures are read from (words, numbers with their separators,
//! currency and percent symbols, other marks) and the reading helpers over
//! them.

use super::lexicon::Lexicon;
use crate::span::Span;

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tk {
    Word,
    Num,
    Sym,
    Punct,
}

/// A token: its bytes in the article and kind.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Tk,
    /// No space between this token and the one before.
    pub glued: bool,
}

/// Splits `span` of `text` into words, numbers (digits with `,` thousands
/// separators and a decimal point), currency/percent symbols and other
/// characters.
pub(super) fn tokenize(text: &str, span: Span, out: &mut Vec<Tok>) {
    out.clear();
    let s = &text[span.start..span.end];
    let b = s.as_bytes();
    let mut i = 0;
    let mut glued = false;
    while i < b.len() {
        let c = match s[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        if c.is_whitespace() {
            glued = false;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind = if c.is_ascii_digit() {
            i += 1;
            loop {
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                if i + 1 < b.len() && b[i] == b',' && b[i + 1].is_ascii_digit() {
                    let run = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
                    if run == 3 {
                        i += 1;
                        continue;
                    }
                } else if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
                    i += 1;
                    continue;
                }
                break;
            }
            Tk::Num
        } else if c.is_alphabetic() {
            i += c.len_utf8();
            while let Some(d) = s[i..].chars().next() {
                if !d.is_alphabetic() {
                    break;
                }
                i += d.len_utf8();
            }
            Tk::Word
        } else if matches!(c, '$' | '£' | '€' | '¥' | '%' | '₹' | '₪') {
            i += c.len_utf8();
            Tk::Sym
        } else {
            i += c.len_utf8();
            Tk::Punct
        };
        out.push(Tok {
            start: span.start + start,
            end: span.start + i,
            kind,
            glued,
        });
        glued = true;
    }
}

/// A segment's tokens, read with the article's text and the lexicon.
pub(super) struct Ctx<'a> {
    /// The article's text.
    pub text: &'a str,
    /// The segment's tokens.
    pub toks: &'a [Tok],
    /// The figure lexicon.
    pub lex: &'static Lexicon,
}

impl<'a> Ctx<'a> {
    /// Token `i` as written.
    pub fn s(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    /// Token `i` as written, if there is one.
    pub fn s_at(&self, i: usize) -> Option<&'a str> {
        (i < self.toks.len()).then(|| self.s(i))
    }

    /// Whether token `i` is `w` (ignoring ASCII case).
    pub fn is(&self, i: usize, w: &str) -> bool {
        i < self.toks.len() && self.s(i).eq_ignore_ascii_case(w)
    }

    /// Whether token `i` is a word.
    pub fn word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == Tk::Word
    }

    /// Token `i`, lower-cased.
    pub fn lower(&self, i: usize) -> String {
        self.s(i).to_lowercase()
    }

    /// Whether token `i` follows the one before with no space.
    pub fn glued(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].glued
    }

    /// Whether token `i` is a word with a capital letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.word(i) && self.s(i).chars().any(char::is_uppercase)
    }

    /// An apostrophe-s after token `i` (`Israel's`, `Blinken’s`).
    pub fn possessive_after(&self, i: usize) -> bool {
        i + 2 < self.toks.len()
            && matches!(self.s(i + 1), "'" | "’")
            && self.glued(i + 1)
            && self.is(i + 2, "s")
            && self.glued(i + 2)
    }
}
