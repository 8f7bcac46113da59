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
        let mut kind = EntityKind::from_type(ty);
        // A word capitalised only because it opens the sentence (or a
        // quotation that opens it) is no part of a name (`However`, `Though
        // YouTube`, `Allegedly`), unless the name is a title (`As I Lay
        // Dying`), what follows it is in lower case (`Because of
        // Winn-Dixie`) or a legal form follows (`Indeed Inc.`); a pronoun
        // alone is no name (`It`).
        let opening = i == 0
            || (i == 1 && matches!(u.words[0].span.slice(text), "\"" | "“" | "'" | "‘" | "("));
        let first_word = u.words[i].span.slice(text);
        let rest_capitalised = u.words[i + 1..j].first().map_or(true, |w| {
            let w = w.span.slice(text);
            w.starts_with(char::is_uppercase) && !LEGAL_FORMS.contains(&w)
        });
        let cut = opening
            && kind != EntityKind::Misc
            && OPENING_WORDS.contains(&first_word)
            && rest_capitalised
            && !(j == i + 1 && j == stop && takes_legal_form(text, u, labels, j, kind));
        let start = i + usize::from(cut);
        if start == j
            || (opening && j == i + 1 && PRONOUNS.contains(&first_word))
            || (j == start + 1 && no_name_alone(text, u, start, out))
        {
            i = stop;
            continue;
        }
        let mut conf = probs[start..j].iter().copied().fold(1f32, f32::min);
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
        if j == start + 1 && HOLIDAYS.contains(&u.words[start].span.slice(text)) {
            kind = EntityKind::Misc;
        }
        let span = Span::new(u.words[start].span.start, u.words[j - 1].span.end);
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

/// Words that a sentence opens with, capitalised there only: adverbs and
/// conjunctions that open no name (`However`, `Though YouTube is`,
/// `Allegedly,`, `As Brown said`).
const OPENING_WORDS: &[&str] = &[
    "However",
    "Although",
    "Though",
    "While",
    "Whilst",
    "When",
    "Whenever",
    "Before",
    "After",
    "As",
    "Like",
    "Unlike",
    "So",
    "Hence",
    "Thus",
    "If",
    "Unless",
    "Because",
    "Since",
    "Meanwhile",
    "Allegedly",
    "Reportedly",
    "Apparently",
    "Perhaps",
    "Maybe",
    "Also",
    "Still",
    "Yet",
    "Instead",
    "Indeed",
    "Besides",
    "Nonetheless",
    "Nevertheless",
    "Moreover",
    "Furthermore",
    "Until",
    "Once",
    "Whether",
    "Then",
    "Now",
    "But",
    "And",
    "Or",
    "Nor",
];

/// Pronouns that, opening a sentence, the tagger may read as a name of
/// one word (`It`, `You`).
const PRONOUNS: &[&str] = &["It", "You", "We", "They", "He", "She", "I", "Its", "Their"];

/// Whether word `k` of `u`, read as a name of one word, is none: a
/// single letter (`U` of `U . S .`, `M` of `Regina M . Benjamin` in
/// tokenised copy), an abbreviation of a thing ([`THINGS`]), or a degree
/// after a person's name and a comma (`Regina Benjamin, MD`; not `Baltimore,
/// MD`).
fn no_name_alone(text: &str, u: &Unit, k: usize, out: &[Mention]) -> bool {
    let word = u.words[k].span.slice(text);
    let mut chars = word.chars();
    // `X` names a company since 2023.
    if chars
        .next()
        .is_some_and(|c| c.is_ascii_uppercase() && c != 'X')
        && chars.next().is_none()
    {
        return true;
    }
    if THINGS.contains(&word) {
        return true;
    }
    DEGREES.contains(&word)
        && k >= 1
        && u.words[k - 1].span.slice(text) == ","
        && out
            .last()
            .is_some_and(|m| m.kind == EntityKind::Person && m.end == u.words[k - 1].span.start)
}

/// Degrees written after a name (`Regina Benjamin, MD`).
const DEGREES: &[&str] = &["MD", "PhD", "RN", "DDS", "MPH", "JD", "Esq", "MBA"];

/// Abbreviations of things, offences and posts that the tagger may read as
/// a name of one word (`arrested on suspicion of DUI`, `the CEO said`,
/// `GDP grew`): none names an entity.
const THINGS: &[&str] = &[
    "DUI", "DWI", "DWAI", "OUI", "OWI", "CEO", "CFO", "COO", "CTO", "GDP", "GNP", "CPI", "IPO",
    "ATM", "SUV", "TV", "DVD", "PhD", "VIP", "IQ", "FAQ", "UFO", "AWOL", "IED",
];

/// Holidays, which the tagger may read as a person or a place of one word
/// (`an office Christmas party`): miscellaneous names (CoNLL-2003 leaves
/// them out; the time layer has them as dates).
const HOLIDAYS: &[&str] = &[
    "Christmas",
    "Easter",
    "Thanksgiving",
    "Halloween",
    "Ramadan",
    "Hanukkah",
    "Passover",
    "Diwali",
];

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

#[cfg(test)]
mod tests {
    use super::tagged;
    use crate::entities::tagger::prepare;
    use crate::lexicon::lexicon;
    use crate::span::Span;

    /// The mentions of `text`, one unit, read with `labels` (indexes of
    /// `tagger::LABELS`, one per word).
    fn read(text: &str, labels: &[usize]) -> Vec<String> {
        let (units, _) = prepare(text, &[Span::new(0, text.len())], lexicon());
        assert_eq!(units[0].words.len(), labels.len(), "{text}");
        let mut out = Vec::new();
        tagged(
            text,
            &units[0],
            labels,
            &vec![0.9; labels.len()],
            0,
            &mut out,
        );
        out.into_iter().map(|m| m.text).collect()
    }

    #[test]
    fn a_word_that_opens_the_sentence_opens_no_name() {
        // Readings of the shipped tagger on GUM news: `Though YouTube` a
        // person, `Allegedly` a person.
        let (o, bp, ip) = (0, 1, 2);
        assert_eq!(
            read("Though YouTube is complying .", &[bp, ip, o, o, o]),
            ["YouTube"]
        );
        assert!(read("Allegedly , his sister pleaded .", &[bp, o, o, o, o, o]).is_empty());
        assert!(read("It was a good day .", &[bp, o, o, o, o, o]).is_empty());
        // Only where the sentence opens: mid-sentence `As Brown` and a
        // quoted title keep the word; after a quote opening the sentence
        // the word goes.
        assert_eq!(read("He met As Brown .", &[o, o, bp, ip, o]), ["As Brown"]);
        assert_eq!(
            read(
                "She starred in \" While You Were Sleeping \" .",
                &[o, o, o, o, bp, ip, ip, ip, o, o]
            ),
            ["While You Were Sleeping"]
        );
        assert_eq!(
            read("\" However Smith said .", &[o, bp, ip, o, o]),
            ["Smith"]
        );
        // Not a title, a name going on in lower case, nor a company with
        // its legal form.
        let (bm, im, bo, io) = (7, 8, 3, 4);
        assert_eq!(
            read("As I Lay Dying sold well .", &[bm, im, im, im, o, o, o]),
            ["As I Lay Dying"]
        );
        assert_eq!(
            read("Because of Winn-Dixie won .", &[bp, ip, ip, o, o]),
            ["Because of Winn-Dixie"]
        );
        assert_eq!(read("Indeed Inc. said .", &[bo, io, o, o]), ["Indeed Inc."]);
        assert_eq!(read("Indeed Inc. said .", &[bo, o, o, o]), ["Indeed Inc."]);
    }
}
