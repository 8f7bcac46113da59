//! The place of a wire dateline (`CINCINNATI (AP) — Police said`,
//! `ARLINGTON — The City Council voted`, `BAGHDAD, Iraq (AP) —`): where the
//! story was filed from, a place whatever the tagger read in its capitals
//! (a tagger trained on CoNLL-2003 knows datelines only as `BRUSSELS
//! 1996-08-22`, and reads `HARTFORD —` as an organisation).

use super::tagger::Unit;
use super::{english, mention, EntityKind, Mention};
use crate::lexicon::{EntryKind, Lexicon};
use crate::span::Span;

/// The most words a dateline's place or region may have (`RIO DE
/// JANEIRO`, `ISLE OF PALMS`).
const MOST_WORDS: usize = 4;

/// A dateline opens the story: it is looked for in the article's first
/// units only (headline, byline and first sentences), not in a sentence
/// further down that opens with a name in capitals and a dash.
const FIRST_UNITS: usize = 5;

/// The confidence of a dateline's place that no mention covered whole.
const CONFIDENCE: f32 = 0.9;

/// The span of the place of the wire dateline that opens unit `u`, if one
/// does: one to [`MOST_WORDS`] words in capitals (`ST. PAUL`), then at
/// most a comma and a region (`, Iraq`, `, Calif.`), an agency in brackets
/// (`(AP)`), and a dash spaced as a dateline's is (`—`, `--`, `-`, `_`, or
/// the C1 character that an em dash of Windows-1252 becomes when read as
/// Latin-1), before the story in lower case. A headline in capitals
/// (`SOCCER - JAPAN GET LATE WINNER`) has none.
fn place(text: &str, u: &Unit) -> Option<Span> {
    let words = &u.words;
    let form = |i: usize| words.get(i).map_or("", |w| w.span.slice(text));
    let capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '’' | '-'))
    };
    // A full stop written onto a word is the word's (`ST.` of `ST. PAUL`).
    let attached = |i: usize| {
        i > 0
            && form(i) == "."
            && words
                .get(i)
                .is_some_and(|w| w.span.start == words[i - 1].span.end)
    };
    let mut k = 0;
    let mut names = 0;
    while capitals(form(k)) || (k > 0 && attached(k)) {
        names += usize::from(!attached(k));
        k += 1;
    }
    if k == 0 || names > MOST_WORDS {
        return None;
    }
    let mut i = k;
    if form(i) == "," {
        let region = (i + 1..=i + MOST_WORDS)
            .take_while(|&j| form(j).starts_with(char::is_uppercase) || attached(j))
            .count();
        if region == 0 {
            return None;
        }
        i += 1 + region;
    }
    if form(i) == "(" {
        i = (i + 2..i + 5).find(|&j| form(j) == ")")? + 1;
    }
    let dash = |w: &str| {
        matches!(w, "-" | "\u{2013}" | "\u{2014}" | "\u{97}")
            || (!w.is_empty() && w.bytes().all(|b| b == b'_'))
    };
    // The dash, of one mark or of several written together (`--`).
    let at = i;
    while dash(form(i)) && (i == at || words[i].span.start == words[i - 1].span.end) {
        i += 1;
    }
    if i == at {
        return None;
    }
    let (before, first_mark, last_mark, after) = (
        words.get(at.checked_sub(1)?)?.span,
        words[at].span,
        words[i - 1].span,
        words.get(i)?.span,
    );
    // Spaced as a dateline's dash is (`US-China` is a compound).
    let spaced =
        before.end < first_mark.start || last_mark.end < after.start || form(at - 1) == ")";
    let story = text[after.start..u.words.last()?.span.end]
        .chars()
        .any(char::is_lowercase);
    (spaced && story).then(|| Span::new(words[0].span.start, words[k - 1].span.end))
}

/// Makes the dateline's place of unit `u` (index `ui`, one of the
/// article's [`FIRST_UNITS`]) a place, when the lexicon knows it as one or
/// a name was found there that is no person's, no name the lexicon knows
/// otherwise and no word of English: the mention over it (among
/// `out[first..]`) if the tagger or a lexicon found one, else a new one.
pub(super) fn dateline_place(
    text: &str,
    u: &Unit,
    lex: &Lexicon,
    ui: usize,
    first: usize,
    out: &mut Vec<Mention>,
) {
    if ui >= FIRST_UNITS {
        return;
    }
    let Some(span) = place(text, u) else {
        return;
    };
    // A place the lexicon knows, or a name found there (by the tagger or
    // the lexicons) that is no person's, no organisation or group the
    // lexicon knows and no word of English (`HARWINTON`, a town read as an
    // organisation): not `UPDATE —`, `NATO — the alliance of 32 —` nor
    // `LEBRON JAMES — The Lakers star`.
    let name = span.slice(text);
    let readings = lex.lookup(name);
    let known = readings
        .iter()
        .any(|e| matches!(e, EntryKind::Country(_) | EntryKind::Place(_)));
    let mut found_there = out[first..]
        .iter()
        .filter(|m| m.start < span.end && span.start < m.end)
        .peekable();
    let name_of_its_own = found_there.peek().is_some()
        && found_there.all(|m| m.kind != EntityKind::Person)
        && readings.is_empty()
        && !name
            .split(' ')
            .all(|w| english(w) || crate::syntax::lemma::listed(&w.to_lowercase()));
    if !(known || name_of_its_own) {
        return;
    }
    // Names inside or across the place's words go: it is one place.
    let mut found = false;
    let mut k = first;
    while k < out.len() {
        let m = &mut out[k];
        if m.start == span.start && m.end == span.end {
            m.kind = EntityKind::Place;
            m.subtype = None;
            found = true;
        } else if m.start < span.end && span.start < m.end {
            out.remove(k);
            continue;
        }
        k += 1;
    }
    if !found {
        out.push(mention(text, span, EntityKind::Place, CONFIDENCE, ui));
    }
}

#[cfg(test)]
mod tests {
    use super::{dateline_place, place};
    use crate::entities::tagger::prepare;
    use crate::entities::{mention, EntityKind};
    use crate::lexicon::lexicon;
    use crate::span::Span;

    fn dateline(text: &str) -> Option<&str> {
        let (units, _) = prepare(text, &[Span::new(0, text.len())], lexicon());
        place(text, &units[0]).map(|s| s.slice(text))
    }

    #[test]
    fn a_datelines_place_is_told_from_a_headline() {
        for (text, want) in [
            (
                "CINCINNATI (AP) \u{2014} Police and the FBI say",
                "CINCINNATI",
            ),
            (
                "CINCINNATI (AP) \u{97} Police and the FBI say",
                "CINCINNATI",
            ),
            ("ARLINGTON — The City Council voted 8-1", "ARLINGTON"),
            ("ST. PAUL -- Lawmakers met on Monday", "ST. PAUL"),
            (
                "BAGHDAD, Iraq (AP) — Iraqi troops killed five gunmen",
                "BAGHDAD",
            ),
            ("ISLE OF PALMS — The beach was closed", "ISLE OF PALMS"),
            ("MOSCOW (AP)_ The mayor said", "MOSCOW"),
        ] {
            assert_eq!(dateline(text), Some(want), "{text}");
        }
        for text in [
            "SOCCER - JAPAN GET LATE WINNER",
            "US-China talks resumed on Monday",
            "NATO said on Monday it would act",
            "KSP K-9 units searched the car",
            "The EU - a bloc of 27 - agreed",
        ] {
            assert_eq!(dateline(text), None, "{text}");
        }
    }

    /// The mentions of `text` after the dateline rule, given what was
    /// found before it (`found`: a name and its kind) in unit `ui`.
    fn after_rule(
        text: &str,
        found: &[(&str, EntityKind)],
        ui: usize,
    ) -> Vec<(String, EntityKind)> {
        let (units, _) = prepare(text, &[Span::new(0, text.len())], lexicon());
        let mut out: Vec<_> = found
            .iter()
            .map(|&(name, kind)| {
                let start = text.find(name).unwrap();
                mention(text, Span::new(start, start + name.len()), kind, 0.6, ui)
            })
            .collect();
        dateline_place(text, &units[0], lexicon(), ui, 0, &mut out);
        out.into_iter().map(|m| (m.text, m.kind)).collect()
    }

    #[test]
    fn a_datelines_place_is_a_place_whatever_was_read_there() {
        use EntityKind::{Organisation, Person, Place};
        let place = |s: &str| vec![(s.to_string(), Place)];
        // Read as an organisation, or not at all: a place all the same.
        let text = "HARWINTON — The town's selectmen met on Monday.";
        assert_eq!(
            after_rule(text, &[("HARWINTON", Organisation)], 0),
            place("HARWINTON")
        );
        let text = "CINCINNATI (AP) — Police and the FBI say two men were arrested.";
        assert_eq!(after_rule(text, &[], 1), place("CINCINNATI"));
        // Two names over one place are the one place.
        let text = "ST. PAUL -- Lawmakers met on Monday.";
        let got = after_rule(text, &[("ST", Organisation), ("PAUL", Organisation)], 0);
        assert_eq!(got, place("ST. PAUL"));
        // Not a word of English, a person, an organisation the lexicon
        // knows, nor a name further down the article.
        for (text, found, ui) in [
            (
                "UPDATE — The council met again on Monday.",
                ("UPDATE", Organisation),
                0,
            ),
            (
                "LEBRON JAMES — The Lakers star scored 40.",
                ("LEBRON JAMES", Person),
                0,
            ),
            (
                "NATO — the alliance of 32 countries — said it would act.",
                ("NATO", Organisation),
                0,
            ),
            (
                "HARWINTON — The town's selectmen met on Monday.",
                ("HARWINTON", Organisation),
                7,
            ),
        ] {
            let got = after_rule(text, &[found], ui);
            assert_eq!(got, vec![(found.0.to_string(), found.1)], "{text}");
        }
        // The shipped tagger reads this one as an organisation.
        let text = "HARTFORD — Connecticut legislators are considering an apology.";
        let found = crate::entities::extract(
            text,
            &[Span::new(0, text.len())],
            crate::entities::tagger::tagger(),
        );
        assert!(
            found
                .iter()
                .any(|m| m.text == "HARTFORD" && m.kind == Place),
            "{found:?}"
        );
    }
}
