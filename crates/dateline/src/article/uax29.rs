//! Unicode word and sentence boundaries (UAX #29), computed by
//! `unicode-segmentation` but only where they are in question.
//!
//! Running the full UAX #29 state machines over every character costs
//! 30-45 MB/s; most of a news text needs none of it. These functions give
//! exactly the boundaries of `split_sentence_bound_indices` and
//! `split_word_bound_indices` (the tests compare them on real and random
//! text) while handing `unicode-segmentation` only the short stretches
//! where a rule can apply:
//!
//! - sentences: a break can only follow a terminator (`.`, `!`, `?`) or a
//!   line break, and the rules look at most one character back and forward
//!   to the next letter; so each terminator is decided on a small window.
//!   Paragraphs holding characters outside a known-safe set (other scripts'
//!   terminators, format characters, emoji) are segmented whole.
//! - words: spaces always separate words, so each space-separated chunk is
//!   segmented on its own; ASCII chunks follow the UAX #29 word rules for
//!   ASCII, written out below.

use unicode_segmentation::UnicodeSegmentation;

/// Characters whose sentence-break class is known not to be a terminator,
/// an extender or a format character, so that the window rule applies.
fn sentence_safe(c: char) -> bool {
    match c {
        '\0'..='\x7f' => true,
        '\u{ad}' => false, // soft hyphen: Format
        '\u{a0}'..='\u{24f}' => true,
        '\u{2000}'..='\u{200a}' | '\u{2010}'..='\u{2023}' | '\u{2025}'..='\u{2027}' => true,
        '\u{2030}'..='\u{203b}' | '\u{203e}'..='\u{2046}' | '\u{204a}'..='\u{205e}' => true,
        '\u{20a0}'..='\u{20cf}' => true,
        _ => false,
    }
}

/// Byte offsets where `split_sentence_bound_indices` ends each piece of
/// `p` (the last is `p.len()`), pushed onto `out`.
pub(crate) fn sentence_breaks(p: &str, out: &mut Vec<usize>) {
    let first = out.len();
    if !p.chars().all(sentence_safe) {
        out.extend(p.split_sentence_bound_indices().map(|(i, s)| i + s.len()));
        return;
    }
    let b = p.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push(i + 1);
                i += 1;
            }
            b'\r' => {
                if b.get(i + 1) != Some(&b'\n') {
                    out.push(i + 1);
                }
                i += 1;
            }
            b'.' | b'!' | b'?' => {
                // Window: from the character before the terminator to the
                // character after the first letter, line break or
                // terminator past the terminator's run.
                let start = p[..i].char_indices().next_back().map_or(i, |(j, _)| j);
                let mut stop = None;
                let mut chars = p[i..].char_indices().skip(1);
                for (j, c) in chars.by_ref() {
                    if c.is_alphabetic() || matches!(c, '\n' | '\r' | '.' | '!' | '?') {
                        stop = Some(i + j);
                        break;
                    }
                }
                let Some(stop) = stop else {
                    // Nothing decisive follows: segment to the end.
                    let w = &p[start..];
                    out.extend(
                        w.split_sentence_bound_indices()
                            .map(|(k, s)| start + k + s.len())
                            .filter(|&e| e > i && e < p.len()),
                    );
                    break;
                };
                let end = p[stop..]
                    .char_indices()
                    .nth(2)
                    .map_or(p.len(), |(k, _)| stop + k);
                let w = &p[start..end];
                out.extend(
                    w.split_sentence_bound_indices()
                        .map(|(k, s)| start + k + s.len())
                        .filter(|&e| e > i && e <= stop),
                );
                i = stop;
            }
            _ => i += 1,
        }
    }
    if out.last() != Some(&p.len()) && !p.is_empty() {
        out.push(p.len());
    }
    debug_assert!(out[first..].windows(2).all(|w| w[0] < w[1]));
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum W {
    Letter,
    Numeric,
    ExtendNumLet,
    MidLetter,
    MidNum,
    MidNumLetQ,
    Other,
}

fn word_class(b: u8) -> W {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => W::Letter,
        b'0'..=b'9' => W::Numeric,
        b'_' => W::ExtendNumLet,
        b':' => W::MidLetter,
        b',' | b';' => W::MidNum,
        b'.' | b'\'' => W::MidNumLetQ,
        _ => W::Other,
    }
}

fn is_word_part(w: W) -> bool {
    matches!(w, W::Letter | W::Numeric | W::ExtendNumLet)
}

/// UAX #29 word segments of an ASCII chunk without whitespace.
fn ascii_words(s: &[u8], base: usize, out: &mut Vec<(usize, usize)>) {
    let n = s.len();
    let mut i = 0;
    while i < n {
        let start = i;
        i += 1;
        if is_word_part(word_class(s[start])) {
            while i < n {
                let (prev, cur) = (word_class(s[i - 1]), word_class(s[i]));
                if is_word_part(prev) && is_word_part(cur) {
                    i += 1;
                    continue;
                }
                let next = s.get(i + 1).map(|&c| word_class(c));
                let letter_mid = prev == W::Letter
                    && matches!(cur, W::MidLetter | W::MidNumLetQ)
                    && next == Some(W::Letter);
                let number_mid = prev == W::Numeric
                    && matches!(cur, W::MidNum | W::MidNumLetQ)
                    && next == Some(W::Numeric);
                if letter_mid || number_mid {
                    i += 2;
                } else {
                    break;
                }
            }
        }
        out.push((base + start, base + i));
    }
}

/// The word segments of `s` that do not start with whitespace, as byte
/// ranges: exactly those of `split_word_bound_indices`.
pub(crate) fn words(s: &str, out: &mut Vec<(usize, usize)>) {
    let b = s.as_bytes();
    let mut i = 0;
    // ASCII whitespace always separates words (UAX #29 breaks around it);
    // \x0b and \x0c are line breaks there, like \n and \r.
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    while i < b.len() {
        if space(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !space(b[i]) {
            i += 1;
        }
        let chunk = &s[start..i];
        if chunk.is_ascii() {
            ascii_words(chunk.as_bytes(), start, out);
        } else {
            // Include a preceding space: an extending mark may attach to it.
            let from = if start > 0 && b[start - 1] == b' ' {
                start - 1
            } else {
                start
            };
            out.extend(
                s[from..i]
                    .split_word_bound_indices()
                    .filter(|(_, w)| !w.starts_with(char::is_whitespace))
                    .map(|(k, w)| (from + k, from + k + w.len())),
            );
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Checks both functions against `unicode-segmentation` on `text`.
    pub(crate) fn check_same(text: &str) {
        let mut got = Vec::new();
        sentence_breaks(text, &mut got);
        let want: Vec<usize> = text
            .split_sentence_bound_indices()
            .map(|(i, s)| i + s.len())
            .collect();
        assert_eq!(got, want, "sentence breaks of {text:?}");
        let mut got = Vec::new();
        words(text, &mut got);
        let want: Vec<(usize, usize)> = text
            .split_word_bound_indices()
            .filter(|(_, w)| !w.starts_with(char::is_whitespace))
            .map(|(i, w)| (i, i + w.len()))
            .collect();
        assert_eq!(got, want, "words of {text:?}");
    }

    #[test]
    fn same_as_unicode_segmentation_on_news_text() {
        for text in [
            "Mr. Al Sudani met U.S. Secretary of State Antony Blinken. “We will protect our people,” he said.",
            "No. 10 said 9,500 people... More than 3.5 times! Really?! \"Yes.\" (AFP) The end",
            "It's Iraq’s call: 1,400.5 killed; a.m. Then e.g. this. ‘Quote.’ Next — dash… After.\nNew line.\r\nCRLF",
            "He said. \u{a0}Then. “Yes.” [1] (2). «Non.» ¿Qué? ¡Sí! Ça va. Über. Zürich.  Two  spaces.\t",
            "Prices: $1.13bn (£600m), 76% up; 5:30 p.m. UTC... a_b __init__ x1.y2 1.a a.1 3,a, 'quoted' O'Neill",
            "Ends with terminator.",
            "...",
            ". A",
            "a. b. C. 1. 2.",
            "emoji 🇮🇶 flags. Arabic بغداد. Done",
            "soft\u{ad}hyphen. Then zero\u{200b}width. Combining e\u{301}. X",
        ] {
            check_same(text);
        }
    }

    #[test]
    fn same_as_unicode_segmentation_on_random_text() {
        // A deterministic generator over characters that matter to the rules.
        const POOL: &[&str] = &[
            "a", "B", "z", "Q", "1", "9", ".", ".", "!", "?", ",", ";", ":", "'", "\"", " ", " ",
            " ", "\n", "\r", "\t", "(", ")", "“", "”", "‘", "’", "—", "…", "_", "-", "é", "É", "ß",
            "\u{a0}", "$", "%", "e.g.", "U.S.", "Mr. ", "3.5", "9,500",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let mut s = String::new();
            let len = (state % 24) as usize + 1;
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push_str(POOL[(state % POOL.len() as u64) as usize]);
            }
            check_same(&s);
        }
    }

    /// The same on every article of the unlabelled corpora of `../shared/eval`
    /// (skipped when absent).
    #[test]
    fn same_as_unicode_segmentation_on_corpora() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
        for file in ["bbc_news/unlabelled.jsonl", "te3silver/unlabelled.jsonl"] {
            let Ok(data) = std::fs::read_to_string(shared.join(file)) else {
                eprintln!("skipped: {file} is absent");
                continue;
            };
            for line in data.lines().step_by(3) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                check_same(v["text"].as_str().unwrap());
            }
        }
    }
}
