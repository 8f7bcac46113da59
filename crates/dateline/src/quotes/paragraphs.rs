//! The article read a paragraph at a time: each paragraph's frames and
//! continued quotations, with what one paragraph passes to the next (a cue
//! closing it with a colon, the speaker of a quotation that runs on).

use super::continued::continue_quotes;
use super::found::{Found, Frame};
use super::frames::paragraph_quotes;
use super::para::{trim_content, Para};
use super::tokens::Tk;
use crate::span::Span;

/// Quotation marks: an attribution whose content holds one passes its
/// speaker on to the next paragraph.
const QUOTE_MARKS: &[char] = &['“', '”', '"', '«', '»', '„', '\'', '‘', '’'];

/// An attribution's source and number, passed on to the next paragraph.
type Carry = Option<(Option<Span>, usize)>;

/// The attributions of the article's paragraphs (byte spans with the spans
/// of their sentences), paragraph by paragraph.
pub(super) fn attributions(text: &str, paragraphs: &[(Span, Vec<Span>)]) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut group = 0usize;
    // The last paragraph's open-ended quotation and its attribution, for
    // quotes that run over paragraphs.
    let mut carry: Carry = None;
    for (_, sentences) in paragraphs {
        if sentences.is_empty() {
            continue;
        }
        let p = Para::new(text, sentences);
        if p.toks.is_empty() {
            continue;
        }
        let introduced = fill_introduced(&p, &mut found);
        let before = found.len();
        paragraph_quotes(&p, &mut group, &mut found, before.saturating_sub(1));
        continue_quotes(&p, before, carry, &mut found);
        carry = passed_on(text, &p, &found[before..], introduced);
    }
    found
}

/// `He told his audience:` closing the paragraph before introduces this
/// one: the attribution it left empty takes the paragraph's opening
/// quotation (or the whole paragraph), or is dropped when that is no
/// content. Returns its source and number when filled.
fn fill_introduced(p: &Para<'_>, found: &mut Vec<Found>) -> Carry {
    let f = found.last_mut().filter(|f| f.content.is_empty())?;
    let end = p
        .quotes
        .first()
        .filter(|q| q.0 == 0)
        .map_or(p.toks.len(), |q| q.1.map_or(p.toks.len(), |c| c + 1));
    match trim_content(p, 0, end) {
        Some((a, b)) => {
            f.content = p.span(a, b);
            Some((f.source, f.group))
        }
        None => {
            found.pop();
            None
        }
    }
}

/// What the next paragraph may continue: the last speaker quoted in this
/// one (`here`), else the attribution that introduced this paragraph when
/// it opens with a quotation.
fn passed_on(text: &str, p: &Para<'_>, here: &[Found], introduced: Carry) -> Carry {
    here.iter()
        .rev()
        .find(|f| f.source.is_some())
        .filter(|f| f.frame == Frame::Continued || f.content.slice(text).contains(QUOTE_MARKS))
        .map(|f| (f.source, f.group))
        .or(introduced.filter(|_| p.toks[0].kind == Tk::Open))
}
