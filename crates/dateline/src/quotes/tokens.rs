//! The words, quotation marks and punctuation of a paragraph, and the
//! pairing of its quotation marks.

use crate::span::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tk {
    /// A word (letters and digits, with inner apostrophes, hyphens, periods
    /// and commas).
    Word,
    /// An opening quotation mark.
    Open,
    /// A closing quotation mark.
    Close,
    /// Other punctuation (the character).
    Punct(char),
}

/// A token of a paragraph, by byte offsets in the article.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    /// First byte.
    pub(super) start: usize,
    /// One past the last byte.
    pub(super) end: usize,
    /// What it is.
    pub(super) kind: Tk,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Tokens of `span`: words (letters and digits, with inner apostrophes,
/// hyphens, periods and commas), quotation marks classed as opening or
/// closing from their neighbours, and other punctuation.
pub(super) fn tokenize(text: &str, span: Span, out: &mut Vec<Tok>) {
    let s = &text[span.start..span.end];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let end_of = |j: usize| chars.get(j).map_or(s.len(), |x| x.0);
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let (next, kind) = if is_word_char(c) {
            (word_end(&chars, i), Tk::Word)
        } else if let Some(kind) = typewriter_double(&chars, i) {
            (i + 2, kind)
        } else {
            (i + 1, mark_kind(&chars, i))
        };
        out.push(Tok {
            start: span.start + b,
            end: span.start + end_of(next),
            kind,
        });
        i = next;
    }
}

/// The end (a char index) of the word opening at char `i`: letters and
/// digits, with an inner apostrophe, hyphen, ampersand, period (not before
/// a lowercase letter) or comma (between digits).
fn word_end(chars: &[(usize, char)], i: usize) -> usize {
    let mut j = i + 1;
    while j < chars.len() {
        let cj = chars[j].1;
        if is_word_char(cj) {
            j += 1;
        } else if matches!(cj, '\'' | '’' | '-' | '.' | ',' | '&')
            && chars.get(j + 1).is_some_and(|x| is_word_char(x.1))
            && (cj != ',' || chars[j - 1].1.is_ascii_digit())
            && (cj != '.' || !chars[j + 1].1.is_lowercase())
        {
            j += 2;
        } else {
            break;
        }
    }
    j
}

/// `''` and ``` `` ``` at char `i`: the double marks of typewriter copy,
/// opening or closing.
fn typewriter_double(chars: &[(usize, char)], i: usize) -> Option<Tk> {
    let c = chars[i].1;
    let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
    let next = chars.get(i + 1).map(|x| x.1);
    if !((c == '\'' && next == Some('\'')) || (c == '`' && next == Some('`'))) {
        return None;
    }
    let after = chars.get(i + 2).map(|x| x.1);
    let open = c == '`'
        || (prev.map_or(true, |p| {
            p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–')
        }) && after.is_some_and(|n| !n.is_whitespace()));
    Some(if open { Tk::Open } else { Tk::Close })
}

/// The kind of the mark at char `i` (not a word character): a quotation
/// mark opens or closes by the space on either side of it; an apostrophe
/// between letters is punctuation.
fn mark_kind(chars: &[(usize, char)], i: usize) -> Tk {
    let c = chars[i].1;
    let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
    let next = chars.get(i + 1).map(|x| x.1);
    let before_space = prev.map_or(true, |p| {
        p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | ':' | '/')
    });
    let after_space = next.map_or(true, |n| {
        n.is_whitespace() || matches!(n, '.' | ',' | ';' | ':' | '?' | '!' | ')' | '—' | '–')
    });
    match c {
        '“' | '«' | '„' => Tk::Open,
        '”' | '»' => Tk::Close,
        '"' => {
            if before_space && !after_space {
                Tk::Open
            } else if after_space && !before_space {
                Tk::Close
            } else if before_space {
                Tk::Open
            } else {
                Tk::Close
            }
        }
        '‘' if before_space => Tk::Open,
        '’' | '\'' if prev.is_some_and(is_word_char) && next.is_some_and(is_word_char) => {
            Tk::Punct('\'')
        }
        '\'' if before_space && next.is_some_and(|n| !n.is_whitespace()) => Tk::Open,
        '’' | '\'' if after_space && prev.is_some_and(|p| !p.is_whitespace()) => Tk::Close,
        c => Tk::Punct(c),
    }
}

fn is_double(text: &str, t: &Tok) -> bool {
    matches!(
        &text[t.start..t.end],
        "“" | "”" | "\"" | "«" | "»" | "„" | "''" | "``"
    )
}

/// Pairs the quotation marks of one paragraph's tokens: (open token, close
/// token or None when the paragraph ends first). Single marks pair only
/// outside double ones and only when they close; a double mark that opens
/// while one is open closes it (a straight quote seen the wrong way round).
pub(super) fn pair_quotes(text: &str, toks: &[Tok]) -> Vec<(usize, Option<usize>)> {
    let mut out = Vec::new();
    let mut open_double: Option<usize> = None;
    let mut open_single: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Tk::Open if is_double(text, t) => {
                if let Some(o) = open_double.take() {
                    if matches!(&text[t.start..t.end], "\"" | "''") {
                        out.push((o, Some(i)));
                        continue;
                    }
                    out.push((o, None));
                }
                open_double = Some(i);
                open_single = None;
            }
            Tk::Close if is_double(text, t) => {
                if let Some(o) = open_double.take() {
                    out.push((o, Some(i)));
                }
                open_single = None;
            }
            Tk::Open if open_double.is_none() && open_single.is_none() => open_single = Some(i),
            Tk::Close if open_double.is_none() => {
                if let Some(o) = open_single.take() {
                    out.push((o, Some(i)));
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open_double {
        out.push((o, None));
    }
    out.sort_by_key(|p| p.0);
    out
}

/// Whether `t` is a word of `list` (ignoring ASCII case).
pub(super) fn word_is(text: &str, t: &Tok, list: &[&str]) -> bool {
    t.kind == Tk::Word && {
        let w = &text[t.start..t.end];
        list.iter().any(|x| x.eq_ignore_ascii_case(w))
    }
}

/// Whether `t` is one of the punctuation marks `chars`.
pub(super) fn is_punct(t: &Tok, chars: &[char]) -> bool {
    matches!(t.kind, Tk::Punct(c) if chars.contains(&c))
}

/// Whether `t` is a word that opens with a capital letter.
pub(super) fn is_capitalised(text: &str, t: &Tok) -> bool {
    t.kind == Tk::Word
        && text[t.start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, Tk)> {
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        out.iter()
            .map(|t| (s[t.start..t.end].to_string(), t.kind))
            .collect()
    }

    #[test]
    fn marks_are_opening_or_closing_by_their_neighbours() {
        let t = toks("He said: \"We won't go,\" and ‘no’ — don’t « oui ».");
        let kinds: Vec<_> = t
            .iter()
            .filter(|(_, k)| matches!(k, Tk::Open | Tk::Close))
            .map(|(w, k)| (w.as_str(), *k))
            .collect();
        assert_eq!(
            kinds,
            [
                ("\"", Tk::Open),
                ("\"", Tk::Close),
                ("‘", Tk::Open),
                ("’", Tk::Close),
                ("«", Tk::Open),
                ("»", Tk::Close)
            ]
        );
        assert!(t.iter().any(|(w, _)| w == "won't"));
        assert!(t.iter().any(|(w, _)| w == "don’t"));
    }

    #[test]
    fn numbers_and_abbreviations_stay_whole() {
        let t = toks("U.S. troops: 9,500 people");
        let words: Vec<_> = t
            .iter()
            .filter(|(_, k)| *k == Tk::Word)
            .map(|(w, _)| w.as_str())
            .collect();
        assert_eq!(words, ["U.S", "troops", "9,500", "people"]);
    }
}
