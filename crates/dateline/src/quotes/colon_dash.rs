//! The frames whose cue is a punctuation mark: `SOURCE: "CONTENT"` opening
//! a paragraph (headlines and leads), and `"CONTENT" ― SOURCE` closing one.

use super::found::{push, Found, Frame};
use super::para::{trim_content, Para};
use super::tokens::{is_capitalised, is_punct, Tk};

/// `Clinton: "..."` or `Trump: Clinton is unfit` opening a paragraph.
pub(super) fn colon_frame(p: &Para<'_>, next_group: &mut usize, out: &mut Vec<Found>, from: usize) {
    let Some(&(first, sb)) = p.sentences.first() else {
        return;
    };
    // A transcript's paragraphs may open with a quotation mark that is
    // never closed (`"WALLACE: Let's start ...`).
    let sa = if first < sb && p.toks[first].kind == Tk::Open {
        first + 1
    } else {
        first
    };
    // A headline's source may be longer (`McCain Challenger Kelli Ward:`)
    // and say whom or what it spoke to or about (`Clinton to Planned
    // Parenthood:`, `Gillibrand on Hillary Releasing Her Speeches:`): the
    // source is then the words before `to`, `on` or `at`.
    let headline = p.sentences.len() == 1;
    let reach = if headline { 12 } else { 5 };
    let Some(colon) = (sa..sb.min(sa + reach)).find(|&k| is_punct(&p.toks[k], &[':'])) else {
        return;
    };
    let connector = headline
        .then(|| (sa + 1..colon).find(|&k| p.is(k, &["to", "on", "at"])))
        .flatten();
    let name_end = connector.unwrap_or(colon);
    let in_name = |k: usize| {
        is_capitalised(p.text, &p.toks[k])
            || is_punct(&p.toks[k], &['.', '\'', '’'])
            || (k > sa && p.is(k, &["of"]))
    };
    if colon == sa
        || name_end - sa > 5
        || !(sa..name_end).all(in_name)
        || !(name_end..colon).all(|k| k == name_end || in_name(k))
    {
        return;
    }
    let content_taken = out[from.min(out.len())..]
        .iter()
        .any(|f| f.content.start <= p.toks[colon].start && f.content.end > p.toks[colon].start);
    if content_taken || colon + 1 >= p.toks.len() {
        return;
    }
    // A quotation, or the rest of a one-sentence paragraph (a headline)
    // after a name that is not a label (`Live updates:`, `Analysis:`), or
    // the rest of the paragraph after a transcript's speaker in capitals
    // (`PENCE: Well, look, ...`).
    // A label's word anywhere (`Live updates:`, `Delegate Update:`); `Watch`
    // only first (`Watch: ...`, but `Judicial Watch:`).
    let labelled = !(sa..colon).any(|k| p.is(k, LABELS)) && !p.is(sa, &["watch"]);
    let transcript = labelled
        && colon - sa <= 3
        && (sa..colon).any(|k| p.toks[k].kind == Tk::Word)
        && (sa..colon).all(|k| {
            let w = p.w(k);
            p.toks[k].kind != Tk::Word
                || (w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !w.chars().any(char::is_lowercase))
        });
    let end = if transcript {
        p.toks.len()
    } else if p.toks[colon + 1].kind == Tk::Open {
        let Some(qi) = p.inside[colon + 1] else {
            return;
        };
        p.quote_bounds(qi).1 + 1
    } else if headline && labelled {
        sb
    } else {
        return;
    };
    if let Some((a, b)) = trim_content(p, colon + 1, end.min(p.toks.len())) {
        push(
            out,
            next_group,
            p.span(a, b),
            Some(p.span(colon, colon + 1)),
            Some(p.span(sa, name_end)),
            Frame::Colon,
        );
    }
}

/// Words of headline labels, which are not sources (`Live updates:`).
const LABELS: &[&str] = &[
    "live",
    "update",
    "updates",
    "breaking",
    "video",
    "analysis",
    "opinion",
    "exclusive",
    "read",
    "photos",
    "editorial",
    "comment",
    "review",
    "factbox",
    "explainer",
    "note",
    "editor",
    "correction",
    "related",
    "listen",
    "podcast",
    "timeline",
    "q",
    "a",
    "the",
    "latest",
    "more",
    "source",
    "sources",
    "see",
    "also",
    "tags",
    "topics",
];

/// `“...” ― Sonya Herridge`: a quotation signed with a dash and a name
/// closing its line (testimonials and epigraphs, one to a line or to a
/// paragraph). A quotation whose opening mark is written the wrong way
/// round (`”Mr. Trump ...” ― Name`) runs from the start of its line.
pub(super) fn dash_frame(p: &Para<'_>, next_group: &mut usize, out: &mut Vec<Found>, from: usize) {
    let n = p.toks.len();
    let line_break =
        |k: usize| k >= n || k == 0 || p.text[p.toks[k - 1].end..p.toks[k].start].contains('\n');
    for d in 1..n.saturating_sub(1) {
        let closing = p.toks[d - 1].kind == Tk::Close;
        if !closing || !is_punct(&p.toks[d], &['―', '—', '–', '-']) || line_break(d) {
            continue;
        }
        let name = d + 1;
        if line_break(name) || !is_capitalised(p.text, &p.toks[name]) {
            continue;
        }
        // The name: capitalised words and initials up to the line's end.
        let mut end = name;
        while end < n
            && !(end > name && line_break(end))
            && end - name < 6
            && (is_capitalised(p.text, &p.toks[end]) || is_punct(&p.toks[end], &['.']))
        {
            end += 1;
        }
        if !line_break(end) {
            continue;
        }
        // The quotation: its pair, else from the start of its line.
        let open = match p.quotes.iter().find(|q| q.1 == Some(d - 1)) {
            Some(&(o, _)) => o,
            None => {
                let mut o = d - 1;
                while o > 0 && !line_break(o) {
                    o -= 1;
                }
                o
            }
        };
        let qs = p.toks[open].start;
        if out[from.min(out.len())..]
            .iter()
            .any(|f| f.content.start <= qs && qs < f.content.end)
        {
            continue;
        }
        if let Some((a, b)) = trim_content(p, open, d) {
            push(
                out,
                next_group,
                p.span(a, b),
                Some(p.span(d, d + 1)),
                Some(p.span(name, end)),
                Frame::Colon,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::quotes::parse::tests::quotes;
    use crate::Quote;

    /// Each quote's source as written (empty for none) and its text.
    fn by_source(q: &[Quote]) -> Vec<(&str, &str)> {
        q.iter()
            .map(|q| (q.source.as_deref().unwrap_or(""), q.text.as_str()))
            .collect()
    }

    #[test]
    fn quotations_signed_one_to_a_line() {
        let q = quotes(
            "Readers sent us their views.\n\n\
             \u{201d}Mr. Trump embodies the lasting legacy of racism. He represents our \
             greatest shame.\u{201d} \u{2015} Sonya Herridge\n\
             \u{201c}He is ignorant of our culture and lives.\u{201d}\u{2015} Pamela Padilla\u{a0}\n\
             \u{201c}I am so ashamed to be an American.\u{201d}\u{a0}\u{2015} Jacklyn Ashley\n",
        );
        let signed = by_source(&q);
        assert_eq!(signed.len(), 3, "{q:?}");
        assert_eq!(signed[0].0, "Sonya Herridge");
        assert!(signed[0].1.contains("lasting legacy"), "{q:?}");
        assert!(!signed[0].1.contains("ignorant"), "{q:?}");
        assert_eq!(signed[1].0, "Pamela Padilla");
        assert_eq!(signed[2].0, "Jacklyn Ashley");
    }

    #[test]
    fn headline_sources_with_whom_they_spoke_to() {
        for (headline, source, content) in [
            (
                "Judicial Watch: State Department Hid Key Clinton Benghazi Email For Years",
                "Judicial Watch",
                "State Department Hid",
            ),
            (
                "McCain Challenger Kelli Ward: Impeach AG Lynch",
                "McCain Challenger Kelli Ward",
                "Impeach AG Lynch",
            ),
            (
                "Clinton to Planned Parenthood: Trump will reverse Roe v. Wade",
                "Clinton",
                "Trump will reverse",
            ),
            (
                "Poll: Trump and Clinton hold narrow leads in Pennsylvania",
                "Poll",
                "narrow leads",
            ),
        ] {
            let q = quotes(&format!(
                "{headline}\n\nThe candidates spent the week in the state before the vote.\n"
            ));
            let by = by_source(&q);
            assert_eq!(by.len(), 1, "{headline}: {q:?}");
            assert_eq!(by[0].0, source, "{headline}");
            assert!(by[0].1.contains(content), "{headline}: {q:?}");
        }
        // Labels are no sources.
        for headline in [
            "Live updates: Trump and Clinton meet in the first debate",
            "Delegate Update: The latest count in the Democratic race",
            "Watch: Trump and Clinton meet in the first debate",
        ] {
            let q = quotes(&format!(
                "{headline}\n\nThe candidates spent the week in the state before the vote.\n"
            ));
            assert!(q.is_empty(), "{headline}: {q:?}");
        }
    }

    #[test]
    fn transcript_speakers_in_capitals() {
        let q = quotes(
            "A partial transcript follows.\n\n\
             \"WALLACE: Let us start with the debate story. Trump invited Gennifer Flowers.\n\n\
             \"PENCE: Well, look, Hillary Clinton thinks this is a television show. But this \
             is America.\n\n\
             LIVE UPDATES: The debate starts at nine.\n",
        );
        let by = by_source(&q);
        assert_eq!(by.len(), 2, "{q:?}");
        assert_eq!(by[0].0, "WALLACE");
        assert!(by[0].1.starts_with("Let us start") && by[0].1.contains("Flowers"));
        assert_eq!(by[1].0, "PENCE");
        assert!(by[1].1.contains("But this is America"), "{q:?}");
    }

    #[test]
    fn studies_and_polls_find_without_that() {
        let q = quotes(
            "A 2014 study by a law professor found 31 incidents of voter impersonation. \
             Police found the body of a man in the river.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0]
            .source
            .as_deref()
            .unwrap_or("")
            .starts_with("A 2014 study"));
        assert!(q[0].text.starts_with("31 incidents"), "{q:?}");
    }
}
