//! What the interpreting steps share: the expression being read (the
//! match, its words, the sentence around it, the publication date, the
//! clause's tense and what the article said before it) and what a step
//! makes of it.

use chrono::NaiveDate;

use super::context::Context;
use super::tense::Tense;
use super::TimexKind;
use crate::span::Span;

/// What a step makes of an expression.
pub(super) struct Found {
    /// Where the expression is in the article.
    pub span: Span,
    /// Its TimeML type.
    pub kind: TimexKind,
    /// Its TIMEX3 value, when one can be given.
    pub value: Option<String>,
    /// Whether the value was counted from the publication date (and is
    /// anchored to it).
    pub relative: bool,
}

/// An expression being interpreted.
pub(super) struct Expr<'a> {
    /// The match as written.
    pub text: &'a str,
    /// The match, lower-cased.
    pub lower: &'a str,
    /// The words of the lower-cased match (split at spaces and hyphens).
    pub words: &'a [&'a str],
    /// The sentence the match is in.
    pub sentence: &'a str,
    /// Where the match starts in the sentence.
    pub start: usize,
    /// Where the match ends in the sentence.
    pub end: usize,
    /// Where the match is in the article.
    pub span: Span,
    /// The publication date.
    pub dct: Option<NaiveDate>,
    /// The tense of the clause (asked only for the forms resolved by direction).
    pub tense: Option<Tense>,
    /// What the expressions before it in the article said.
    pub ctx: &'a Context,
    /// The word before the match, lower-cased.
    pub prev: String,
    /// The word after the match (past spaces and commas), as written.
    pub next: &'a str,
}

impl Expr<'_> {
    /// The rest of the sentence after the match.
    pub fn after(&self) -> &str {
        &self.sentence[self.end..]
    }

    /// This expression, read as `kind` with `value`.
    pub fn found(&self, kind: TimexKind, value: Option<String>, relative: bool) -> Found {
        Found {
            span: self.span,
            kind,
            value,
            relative,
        }
    }

    /// An absolute expression with its value.
    pub fn absolute(&self, kind: TimexKind, value: String) -> Option<Found> {
        Some(self.found(kind, Some(value), false))
    }

    /// An absolute expression whose value may fall outside the calendar.
    pub fn absolute_or_none(&self, kind: TimexKind, value: Option<String>) -> Option<Found> {
        Some(self.found(kind, value, false))
    }

    /// An expression whose value was counted from the publication date.
    pub fn relative(&self, kind: TimexKind, value: Option<String>) -> Option<Found> {
        Some(self.found(kind, value, true))
    }
}
