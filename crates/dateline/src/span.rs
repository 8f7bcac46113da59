//! Byte spans into an article's text, and conversion to code-point offsets.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of **byte** offsets into the article text.
///
/// Every offset in a [`crate::Extraction`] is a byte offset into
/// [`crate::Extraction::text`], so `&text[span.start..span.end]` is always the
/// spanned text. Bindings that need code-point offsets (Python, the eval
/// format) convert them with [`OffsetMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes, end exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The spanned slice of `text`.
    ///
    /// # Panics
    /// Panics if the span is not on character boundaries of `text`, which
    /// never happens for spans produced by this crate over the same text.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Converts byte offsets of one text into Unicode code-point offsets (Python
/// string indices) in O(log n) per lookup.
///
/// ```
/// use dateline::OffsetMap;
/// let text = "Erbil – Iraq";
/// let map = OffsetMap::new(text);
/// let byte = text.find("Iraq").unwrap();
/// assert_eq!(map.char_offset(byte), 8);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OffsetMap {
    /// Byte offsets of every non-ASCII character, paired with the number of
    /// extra bytes seen up to and including it. Empty for ASCII text.
    extra: Vec<(usize, usize)>,
    len: usize,
}

impl OffsetMap {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> Self {
        let mut extra = Vec::new();
        if !text.is_ascii() {
            let mut acc = 0;
            for (i, c) in text.char_indices() {
                let l = c.len_utf8();
                if l > 1 {
                    acc += l - 1;
                    extra.push((i, acc));
                }
            }
        }
        OffsetMap {
            extra,
            len: text.len(),
        }
    }

    /// The code-point offset of byte offset `byte` (which must be on a
    /// character boundary, or equal to the text length).
    pub fn char_offset(&self, byte: usize) -> usize {
        debug_assert!(byte <= self.len);
        // Characters that start strictly before `byte` contribute their extra bytes.
        let idx = self.extra.partition_point(|&(b, _)| b < byte);
        if idx == 0 {
            byte
        } else {
            byte - self.extra[idx - 1].1
        }
    }

    /// The code-point span of a byte span.
    pub fn char_span(&self, span: Span) -> Span {
        Span::new(self.char_offset(span.start), self.char_offset(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_match_char_indices_on_mixed_text() {
        let text = "Al Sudani’s tour 🇮🇶 — بغداد, done";
        let map = OffsetMap::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_offset(bi), ci, "byte {bi}");
        }
        assert_eq!(map.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn ascii_is_identity() {
        let map = OffsetMap::new("plain text");
        assert_eq!(map.char_offset(5), 5);
        assert_eq!(map.char_span(Span::new(2, 7)), Span::new(2, 7));
    }
}
