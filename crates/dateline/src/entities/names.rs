//! The tagger's labels as mentions: each run of `B-X I-X ...` is one name,
//! without a trailing capitalised function word, and with a legal form
//! that follows it (`Chrysler LLC`).

use super::tagger::{label_type, Unit};
use super::{mention, EntityKind, Mention};
use crate::lexicon::team_number;
use crate::span::Span;

/// The mentions the tagger's `labels` (with their probabilities `probs`)
/// give in unit `u` (number `ui`), added to `out`.
pub(super) fn tagged(
    text: &str,
    u: &Unit,
    labels: &[usize],
    probs: &[f32],
    ui: usize,
    out: &mut Vec<Mention>,
) {
    // BIO to spans.
    let mut i = 0;
    while i < labels.len() {
        let Some(ty) = label_type(labels[i]) else {
            // `the 76ers` on its own: a team, whatever the tagger made of
            // a word it never saw.
            if team_number(u.words[i].span.slice(text)) {
                let span = u.words[i].span;
                out.push(mention(
                    text,
                    span,
                    EntityKind::Organisation,
                    TEAM_CONFIDENCE,
                    ui,
                ));
            }
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < labels.len() && labels[j] == labels[i] + 1 {
            j += 1;
        }
        let mut stop = j;
        let mut j = without_function_word(text, u, i, j);
        let mut conf = probs[i..j].iter().copied().fold(1f32, f32::min);
        let mut kind = EntityKind::from_type(ty);
        // `Fiat Group SpA`, `Chrysler LLC`: a legal form right after a
        // name belongs to it, and makes it a company, whatever the
        // tagger made of the form alone.
        if j == stop && kind != EntityKind::Group && takes_legal_form(text, u, labels, j, kind) {
            j += 1;
            stop = j;
            kind = EntityKind::Organisation;
            conf = conf.min(probs[j - 1]);
        }
        // `Philadelphia 76ers`, `San Francisco 49ers`: a team's number
        // word after its city is part of the team's name.
        if j == stop
            && kind != EntityKind::Group
            && u.words.get(j).is_some_and(|w| {
                team_number(w.span.slice(text))
                    && text[u.words[j - 1].span.end..w.span.start] == *" "
                    && label_type(labels[j]).is_none()
            })
        {
            j += 1;
            stop = j;
            kind = EntityKind::Organisation;
        }
        let span = Span::new(u.words[i].span.start, u.words[j - 1].span.end);
        out.push(mention(text, span, kind, conf, ui));
        i = stop;
    }
}

/// The end of the name on words `i..j`: a capitalised function word before
/// an article does not end a name (`Regina Ip In the ...` in copy without
/// full stops; `Moon Jae In said` keeps it).
fn without_function_word(text: &str, u: &Unit, i: usize, mut j: usize) -> usize {
    while j - i > 1
        && TRAILING_FUNCTION_WORDS.contains(&u.words[j - 1].span.slice(text))
        && u.words.get(j).is_some_and(|w| {
            matches!(
                w.span.slice(text),
                "the" | "a" | "an" | "this" | "its" | "their"
            )
        })
    {
        j -= 1;
    }
    j
}

/// Whether word `j`, right after a name of `kind` ending at `j`, is a
/// legal form that belongs to it.
fn takes_legal_form(text: &str, u: &Unit, labels: &[usize], j: usize, kind: EntityKind) -> bool {
    let Some(w) = u.words.get(j) else {
        return false;
    };
    let alone = label_type(labels[j]).is_none()
        || labels
            .get(j + 1)
            .map_or(true, |&l| !is_continuation(labels[j], l));
    // `AG`, `SA`, `NV` also abbreviate offices and
    // regions (`Texas AG Ken Paxton`, `Reno NV`): only
    // after what the tagger read as an organisation.
    let form = w.span.slice(text);
    let sure = !AMBIGUOUS_FORMS.contains(&form)
        || matches!(kind, EntityKind::Organisation | EntityKind::Misc);
    alone
        && sure
        && LEGAL_FORMS.contains(&form)
        && text[u.words[j - 1].span.end..w.span.start] == *" "
}

/// The confidence of a team named by its number word alone (`the
/// 76ers`), where the tagger found no name.
const TEAM_CONFIDENCE: f32 = 0.8;

/// Capitalised function words that end no name.
const TRAILING_FUNCTION_WORDS: &[&str] = &[
    "In", "On", "At", "The", "Of", "For", "And", "From", "With", "By", "As", "IN", "THE", "OF",
    "AND",
];

/// Legal forms written after a company's name (`Inc.`, `LLC`, `SpA`).
pub(crate) const LEGAL_FORMS: &[&str] = &[
    "Inc.", "Inc", "Corp.", "Corp", "Co.", "LLC", "L.L.C.", "Ltd", "Ltd.", "plc", "PLC", "Plc",
    "SpA", "S.p.A.", "AG", "GmbH", "N.V.", "NV", "S.A.", "SA", "B.V.", "LP", "L.P.",
];

/// Legal forms that are also other abbreviations.
const AMBIGUOUS_FORMS: &[&str] = &["AG", "SA", "NV", "LP", "Co."];

/// Label `next` continues the name that label `cur` is part of.
fn is_continuation(cur: usize, next: usize) -> bool {
    let inside = if cur % 2 == 1 { cur + 1 } else { cur };
    cur > 0 && next == inside
}
