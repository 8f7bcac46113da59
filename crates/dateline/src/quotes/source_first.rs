//! The source-first frames: `Mr Blinken told reporters [that] CONTENT`,
//! `As The Atlantic noted, CONTENT`, a cue closing its paragraph with a
//! colon (`He told his audience:`), and a participle that continues the
//! attribution before it (`he said X, adding that Y`).

use super::content_after::{content_after, past_addressee};
use super::cues::CueClass;
use super::found::{push, Found, Frame};
use super::para::{clause_floor, trim_content, CueAt, Para};
use super::source::{source_left, source_right_full};
use super::tokens::{is_capitalised, is_punct, Tk};
use super::words::{AUX, DETERMINERS, OPENING_ADJUNCTS, PRONOUNS};
use crate::span::Span;

/// Reads the cue `at` with its source before it and its content after it
/// (or, for a participle after a comma, as continuing the attribution
/// before). Returns the token to go on from when it made an attribution.
pub(super) fn source_first(
    p: &Para<'_>,
    at: &CueAt,
    next_group: &mut usize,
    out: &mut Vec<Found>,
) -> Option<usize> {
    if let Some((last, spans)) = continued_by_participle(p, at, out) {
        return continue_attribution(p, at, last, spans, next_group, out);
    }
    let (sa, sb) = p.sentences[at.si];
    if let Some(r) = participle_of_subject(p, at, next_group, out) {
        return Some(r);
    }
    if let Some(r) = inverted(p, at, next_group, out) {
        return Some(r);
    }
    let (ss, se) = source_before(p, sa, at)?;
    if !source_fits(p, at, ss, se) {
        return None;
    }
    let source = Some(p.span(ss, se));
    // `As The Atlantic noted, CONTENT`.
    if ss > sa && p.is(ss - 1, &["as"]) {
        if let Some(k) = comma_after_cue(p, at.cl, sb) {
            let (a, b) = trim_content(p, k + 1, sb)?;
            return push_source_first(p, at, (ss, se), (a, b), next_group, out);
        }
    }
    let Some((a, b)) = content_after(p, at.si, at.cl + 1, at.cue) else {
        return introduces_next(p, at, source, next_group, out);
    };
    let source = if weak_cue_fits(p, at, a) {
        source
    } else {
        // The study or poll is the source, not a name inside it.
        let d = document_finds(p, at, ss, se)?;
        Some(p.span(d, se))
    };
    push(
        out,
        next_group,
        p.span(a, b),
        Some(at.span),
        source,
        Frame::SourceFirst,
    );
    Some(at.cl + 1)
}

/// `Democrat Hillary Clinton has taken a swipe at Trump, saying that ...`:
/// a participle of saying after a comma (or `by`), with no attribution before it in
/// the sentence, reports what the sentence's subject said. The source is
/// the noun phrase opening the sentence (after a leading adjunct such as
/// `Before the convention,`); the parse corrects it where it knows better.
fn participle_of_subject(
    p: &Para<'_>,
    at: &CueAt,
    next_group: &mut usize,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let (sa, sb) = p.sentences[at.si];
    let c = at.c;
    if !(at.cue.participle
        && matches!(at.cue.class, CueClass::Speech | CueClass::Address)
        && c > sa + 2
        // `..., saying that`, `responded ... by saying his refusal was`.
        && (is_punct(&p.toks[c - 1], &[','])
            // ... unless a relative clause's verb is nearer (`Paul Ryan, who
            // surprised Trump by declaring`).
            || p.is(c - 1, &["by"]) && !relative_before(p, sa, c))
        && (sa..c).all(|k| p.inside[k].is_none())
        && !attributed_in(p, sa, out))
    {
        return None;
    }
    let (ss, se) = opening_subject(p, sa, c)?;
    let (a, b) = content_after(p, at.si, at.cl + 1, at.cue)?;
    // `adding to a growing list of awards`: a preposition opens no statement.
    let prep = &[
        "to", "of", "for", "in", "on", "at", "with", "about", "from", "by", "up", "out",
    ];
    if b > sb || p.is(at.cl + 1, prep) || p.is(a, prep) {
        return None;
    }
    if !opens_statement(p, at, sb) {
        return None;
    }
    push_source_first(p, at, (ss, se), (a, b), next_group, out)
}

/// Whether a relative pronoun opens the clause the token `c` is in (from
/// the last comma before it): `Paul Ryan, who surprised Trump by declaring`.
fn relative_before(p: &Para<'_>, sa: usize, c: usize) -> bool {
    let lo = (sa..c)
        .rev()
        .find(|&k| is_punct(&p.toks[k], &[',']))
        .unwrap_or(sa);
    (lo..c).any(|k| p.is(k, &["who", "which", "whom"]))
}

/// Whether what follows the participle `at` opens a statement: `that`, a
/// quotation, a pronoun, a name or a determiner, not an object (`adding
/// $1.89`, `writing lyrics`); after the addressee of `telling reporters,
/// "..."`.
fn opens_statement(p: &Para<'_>, at: &CueAt, sb: usize) -> bool {
    let n = if at.cue.class == CueClass::Address {
        past_addressee(p, at.cl + 1, sb)
    } else {
        at.cl + 1
    };
    n < sb
        && (p.toks[n].kind == Tk::Open
            || is_punct(&p.toks[n], &[',', ':'])
            || p.is(n, &["that", "there", "it", "this"])
            || p.is(n, PRONOUNS)
            || p.is(n, DETERMINERS)
            || (p.toks[n].kind == Tk::Word
                && is_capitalised(p.text, &p.toks[n])
                && p.w(n).chars().next().is_some_and(char::is_alphabetic)))
}

/// Adds a source-first attribution of cue `at` with the source and content
/// token ranges given. Returns the token to go on from (the content's end).
fn push_source_first(
    p: &Para<'_>,
    at: &CueAt,
    (ss, se): (usize, usize),
    (a, b): (usize, usize),
    next_group: &mut usize,
    out: &mut Vec<Found>,
) -> Option<usize> {
    push(
        out,
        next_group,
        p.span(a, b),
        Some(at.span),
        Some(p.span(ss, se)),
        Frame::SourceFirst,
    );
    Some(b)
}

/// `Said Comey, "The thought ... is very painful to us."`: a cue opening
/// its sentence, then the source up to a comma or colon, then the content
/// (a quotation, or the rest of the sentence).
fn inverted(
    p: &Para<'_>,
    at: &CueAt,
    next_group: &mut usize,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let (sa, sb) = p.sentences[at.si];
    let n = at.cl + 1;
    if at.c != sa
        || at.cue.class != CueClass::Speech
        || at.cue.participle
        || n >= sb
        || !(is_capitalised(p.text, &p.toks[n]) || p.is(n, DETERMINERS))
    {
        return None;
    }
    let (ss, se) = source_right_full(p, n, sb)?;
    if se >= sb || !is_punct(&p.toks[se], &[',', ':']) {
        return None;
    }
    let (a, b) = trim_content(p, se + 1, sb)?;
    push_source_first(p, at, (ss, se), (a, b), next_group, out)
}

/// Whether an attribution found so far lies in the sentence opening at
/// token `sa` (attributions are found in text order: the last one tells).
fn attributed_in(p: &Para<'_>, sa: usize, out: &[Found]) -> bool {
    let start = p.toks[sa].start;
    out.last()
        .is_some_and(|f| f.content.end > start || f.cue.is_some_and(|c| c.end > start))
}

/// The noun phrase opening the clause before token `c`: a pronoun, or a run
/// of capitalised words, determiners and `of`/`for` (`A spokeswoman for
/// Janney`), after a leading adjunct up to its comma.
fn opening_subject(p: &Para<'_>, sa: usize, c: usize) -> Option<(usize, usize)> {
    let mut s = sa;
    if p.is(s, OPENING_ADJUNCTS) {
        s = (s..c).find(|&k| is_punct(&p.toks[k], &[',']))? + 1;
    }
    if s >= c {
        return None;
    }
    if p.is(s, PRONOUNS) {
        return (!p.is(s, &["it", "which", "who"])).then_some((s, s + 1));
    }
    let mut e = s;
    while e < c
        && e < s + 8
        && (is_capitalised(p.text, &p.toks[e])
            || (e > s && p.is(e, &["of", "for", "'s", "’s", "."]))
            || p.is(e, DETERMINERS)
            || (e > s
                && p.toks[e].kind == Tk::Word
                && !p.is(e, AUX)
                && (p.is(e - 1, DETERMINERS)
                    || p.w(e - 1).ends_with("'s")
                    || p.w(e - 1).ends_with("’s"))))
    {
        e += 1;
    }
    while e > s && p.is(e - 1, &["of", "for", "the", "a", "an"]) {
        e -= 1;
    }
    let possessive = e > s && (p.w(e - 1).ends_with("'s") || p.w(e - 1).ends_with("’s"));
    (e > s
        && !possessive
        && (s..e).any(|k| is_capitalised(p.text, &p.toks[k]) || p.is(k, DETERMINERS)))
    .then_some((s, e))
}

/// A participle after a comma continues the attribution before it in
/// the sentence: `he said X, adding that Y`, `"...," he said, noting ...`.
/// Returns that attribution (the last found) and whether its content runs
/// over the comma.
fn continued_by_participle(p: &Para<'_>, at: &CueAt, out: &[Found]) -> Option<(usize, bool)> {
    let (sa, _) = p.sentences[at.si];
    let c = at.c;
    if !(at.cue.participle && c > sa && is_punct(&p.toks[c - 1], &[','])) {
        return None;
    }
    let comma = p.toks[c - 1].start;
    let sentence_start = p.toks[sa].start;
    let last = out.len().checked_sub(1)?;
    let prev = &out[last];
    let spans = prev.content.start < comma && prev.content.end > comma;
    let cue_here = prev
        .cue
        .is_some_and(|cs| cs.start >= sentence_start && cs.end <= comma);
    (prev.source.is_some() && (spans || cue_here)).then_some((last, spans))
}

/// Adds the content after the participle `at` to the source of attribution
/// `last`, cutting that one's content at the comma when it `spans` it.
fn continue_attribution(
    p: &Para<'_>,
    at: &CueAt,
    last: usize,
    spans: bool,
    next_group: &mut usize,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let source = out[last].source;
    if spans {
        out[last].content.end = p.toks[at.c - 1].start;
    }
    let (a, b) = content_after(p, at.si, at.cl + 1, at.cue)?;
    push(
        out,
        next_group,
        p.span(a, b),
        Some(at.span),
        source,
        Frame::SourceFirst,
    );
    Some(b)
}

/// The source on the left of the cue: the sentence's subject for a second
/// verb (`Authorities announced ... and said`), the clause up to a comma
/// before the cue (`Mr X, a spokesman for Y, said`), else the noun phrase
/// right before it.
fn source_before(p: &Para<'_>, sa: usize, at: &CueAt) -> Option<(usize, usize)> {
    let c = at.c;
    let floor = clause_floor(p, sa, c);
    // A quotation may stand between the subject and the cue (`Cruz
    // exhorted Republicans to "vote your conscience" and said ...`), not
    // open the sentence.
    let conjoined = c > sa + 1
        && p.is(c - 1, &["and", "but"])
        && p.toks[sa].kind == Tk::Word
        && p.inside[sa].is_none()
        && p.inside[c - 1].is_none();
    if conjoined {
        // `In his speech, Obama positioned Clinton as ... and said ...`.
        // A common noun's second verb says something only when a clause
        // follows it (`The minister visited ... and said the government
        // would`, not `The upgrade ... and added features that`).
        conjoined_subject(p, sa, c).or_else(|| {
            opening_subject(p, sa, c - 1).filter(|&(s, e)| {
                // A capital at the sentence's start says nothing.
                let named = (s..e).any(|k| k > sa && is_capitalised(p.text, &p.toks[k]))
                    || p.is(s, PRONOUNS);
                named || clause_follows_cue(p, at)
            })
        })
    } else if c > sa && is_punct(&p.toks[c - 1], &[',', '—', '–']) && !at.cue.participle {
        // `Mr X, a spokesman for Y, said ...` (or `Mr X — ... — said`): the
        // source runs from the clause start to the comma or dash.
        let s = floor;
        // Longer only for a name with a relative clause (`Dr. Connie
        // Mariano, who as a Navy captain was the White House physician ...,
        // said`).
        let named_relative = || {
            (s + 1..c.min(s + 6))
                .find(|&k| is_punct(&p.toks[k], &[',']))
                .is_some_and(|k| {
                    p.is(k + 1, &["who"])
                        && (s..k).all(|j| {
                            is_capitalised(p.text, &p.toks[j]) || is_punct(&p.toks[j], &['.'])
                        })
                })
        };
        let limit = if named_relative() { 45 } else { 30 };
        if s + 1 >= c || c - 1 - s > limit || (s..c).any(|k| p.inside[k].is_some()) {
            return None;
        }
        Some((s, c - 1))
    } else {
        source_left(p, floor, c)
    }
}

/// Whether a clause opens right after cue `at`: `that`, a quotation, a
/// subject pronoun, a determiner or a name.
fn clause_follows_cue(p: &Para<'_>, at: &CueAt) -> bool {
    let (_, sb) = p.sentences[at.si];
    let n = at.cl + 1;
    n < sb
        && (p.toks[n].kind == Tk::Open
            || is_punct(&p.toks[n], &[':', ','])
            || p.is(
                n,
                &[
                    "that", "he", "she", "they", "it", "we", "i", "there", "the", "a", "an", "his",
                    "its", "their", "this", "these",
                ],
            )
            || is_capitalised(p.text, &p.toks[n]))
}

/// `Authorities announced ... and said ...`: the subject opens the sentence.
fn conjoined_subject(p: &Para<'_>, sa: usize, c: usize) -> Option<(usize, usize)> {
    let mut e = sa;
    while e < c - 1
        && e < sa + 8
        && (is_capitalised(p.text, &p.toks[e])
            || (e > sa && p.is(e, &["of", "for", "'s", "’s"]))
            || p.is(e, DETERMINERS))
    {
        e += 1;
    }
    // `The minister visited ... and said`: a determiner before a common
    // noun is the opening subject's to read.
    if e == sa
        || p.is(e - 1, DETERMINERS)
        || p.is(
            sa,
            &[
                "but", "and", "in", "on", "at", "after", "when", "while", "as", "if",
            ],
        )
    {
        return None;
    }
    Some((sa, e))
}

/// Whether the tokens `ss..se` before the cue are its source: not when the
/// cue is a noun (`the backing of`, `Trump's claim to`), and a belief needs
/// a pronoun or a name (`he thinks`, not `the plan assumes`).
fn source_fits(p: &Para<'_>, at: &CueAt, ss: usize, se: usize) -> bool {
    // `the backing of`, `Trump's claim to`: the cue is a noun.
    if p.is(se - 1, DETERMINERS) || p.w(se - 1).ends_with("'s") || p.w(se - 1).ends_with("’s") {
        return false;
    }
    // A source inside an earlier content is a nested attribution (`he said
    // he thinks ...`): kept.
    !(at.cue.class == CueClass::Belief
        && !p.is(ss, PRONOUNS)
        && !(ss..se).any(|k| is_capitalised(p.text, &p.toks[k])))
}

/// A comma within a few tokens after the cue ending at token `cl`
/// (`As The Atlantic noted last week, ...`).
fn comma_after_cue(p: &Para<'_>, cl: usize, sb: usize) -> Option<usize> {
    let mut k = cl + 1;
    while k < sb && k < cl + 8 && !is_punct(&p.toks[k], &[',']) {
        k += 1;
    }
    (k < sb && is_punct(&p.toks[k], &[','])).then_some(k)
}

/// `He told his audience: ` closing the paragraph, with the content in the
/// next one: an attribution with empty content at the colon, for the next
/// paragraph to fill.
fn introduces_next(
    p: &Para<'_>,
    at: &CueAt,
    source: Option<Span>,
    next_group: &mut usize,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let (_, sb) = p.sentences[at.si];
    if sb == p.toks.len() && is_punct(&p.toks[sb - 1], &[':']) && at.cue.class != CueClass::Stance {
        let end = p.toks[sb - 1].end;
        push(
            out,
            next_group,
            Span::new(end, end),
            Some(at.span),
            source,
            Frame::Colon,
        );
        return Some(sb);
    }
    None
}

/// Verbs by which a study, a poll or a report states what it found, with
/// or without `that`.
const FINDING_CUES: &[&str] = &[
    "find",
    "finds",
    "found",
    "show",
    "shows",
    "showed",
    "estimate",
    "estimates",
    "estimated",
    "suggest",
    "suggests",
    "suggested",
    "conclude",
    "concludes",
    "concluded",
];

/// Documents and counts that find and show (`A 2014 study ... found 31
/// incidents`, `The average of polls shows Clinton leading`).
const DOCUMENTS: &[&str] = &[
    "study",
    "studies",
    "poll",
    "polls",
    "survey",
    "surveys",
    "report",
    "reports",
    "analysis",
    "research",
    "average",
    "data",
    "figures",
    "census",
    "audit",
    "review",
    "investigation",
    "inquiry",
    "video",
    "footage",
    "records",
    "documents",
    "tally",
    "model",
    "index",
];

/// Whether a study, poll or report states a finding: a document noun
/// among the source `ss..se` or the eight words of its sentence before it
/// (`A 2014 study by professor Justin Levitt found`, `The average of polls
/// shows`): where the noun phrase of the first such noun starts (its
/// determiner, numbers and capitalised words). `A Bloomberg poll shows
/// Clinton ahead` needs no `that`.
fn document_finds(p: &Para<'_>, at: &CueAt, ss: usize, se: usize) -> Option<usize> {
    let (sa, _) = p.sentences[at.si];
    if !p.is(at.cl, FINDING_CUES) {
        return None;
    }
    let mut k = (ss.saturating_sub(8).max(sa)..se).find(|&k| p.is(k, DOCUMENTS))?;
    while k > sa
        && p.toks[k - 1].kind == Tk::Word
        && (p.is(k - 1, DETERMINERS)
            || is_capitalised(p.text, &p.toks[k - 1])
            || p.w(k - 1).chars().all(|c| c.is_ascii_digit()))
    {
        k -= 1;
    }
    Some(k)
}

/// Whether the cue takes the content starting at token `a`: a weak cue
/// (`noted`, `announced`) needs `that`, a colon or a quotation right after it.
fn weak_cue_fits(p: &Para<'_>, at: &CueAt, a: usize) -> bool {
    let (_, sb) = p.sentences[at.si];
    let cl = at.cl;
    match at.cue.class {
        CueClass::Speech | CueClass::Address | CueClass::Belief | CueClass::Stance => true,
        CueClass::Weak => {
            // Needs `that`, a colon or a quotation right after the cue.
            let mut k = cl + 1;
            while k < a && k < sb && !p.is(k, &["that"]) && !is_punct(&p.toks[k], &[':']) {
                k += 1;
            }
            k < a
                || p.toks[a].kind == Tk::Open
                || (a > 0 && p.is(a - 1, &["that"]))
                || (a == cl + 1 && p.is(a, &["he", "she", "they", "it", "we", "i", "there"]))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::quotes::parse::tests::quotes;

    #[test]
    fn a_second_verb_of_saying_has_the_sentence_subject() {
        let q = quotes(
            "The minister visited the camp on Monday and said the government would \
             rebuild the school before winter.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].source.as_deref(), Some("The minister"));
        assert_eq!(
            q[0].text,
            "the government would rebuild the school before winter"
        );
        // A quotation between the subject and the cue.
        let q = quotes(
            "Ted Cruz exhorted Republicans to \"vote your conscience\" and said he was \
             standing on truth and principle.",
        );
        let q = q
            .iter()
            .find(|q| q.cue.as_deref() == Some("said"))
            .unwrap_or_else(|| panic!("{q:?}"));
        assert_eq!(q.source.as_deref(), Some("Ted Cruz"));
        assert!(q.text.starts_with("he was standing"), "{q:?}");
    }

    #[test]
    fn a_second_verb_with_an_object_says_nothing() {
        let q = quotes(
            "The upgrade closed security loopholes in XP and added features that made it \
             easier to keep machines safe from viruses.",
        );
        assert!(q.is_empty(), "{q:?}");
        // The parse gives the shared subject in full.
        let q = quotes(
            "The home secretary described how the affair had hurt his friends, but said he \
             was a great believer in personal responsibility.",
        );
        let q = q
            .iter()
            .find(|q| q.cue.as_deref() == Some("said"))
            .unwrap_or_else(|| panic!("{q:?}"));
        assert_eq!(q.source.as_deref(), Some("The home secretary"), "{q:?}");
    }

    #[test]
    fn a_name_with_a_long_relative_clause_says() {
        let q = quotes(
            "Dr. Connie Mariano, who as a Navy captain was the White House physician in \
             the administration of former President Bill Clinton and later retired from \
             the service as a rear admiral, said that in 1998, Clinton allowed her staff \
             to think that her leg was injured.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].speaker.as_deref(), Some("Connie Mariano"), "{q:?}");
        assert!(q[0].text.starts_with("in 1998, Clinton allowed"), "{q:?}");
    }

    #[test]
    fn by_saying_reports_the_subject() {
        let q = quotes(
            "President Barack Obama responded to a Gold Star mother on Wednesday night by \
             saying his refusal to use the words was a manufactured issue.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].speaker.as_deref(), Some("Barack Obama"));
        assert!(q[0].text.starts_with("his refusal"), "{q:?}");
        // Not through a relative clause: the relative pronoun's verb is the
        // participle's.
        let q = quotes(
            "Trump sat face to face with House Speaker Paul Ryan, who surprised him a \
             week ago by declaring he could not yet support his candidacy.",
        );
        assert!(
            q.iter().all(|q| q.source.as_deref() != Some("Trump")),
            "{q:?}"
        );
    }

    #[test]
    fn a_straight_mark_after_a_nested_quotation_closes() {
        let q = quotes(
            "\"I've always been insulted with the term 'African American outreach,' \" he \
             told the group, adding that the phrase was offensive.",
        );
        let q = q
            .iter()
            .find(|q| q.cue.as_deref() == Some("told"))
            .unwrap_or_else(|| panic!("{q:?}"));
        assert!(q.text.starts_with("\"I've always"), "{q:?}");
        assert!(q.text.ends_with("outreach,' \""), "{q:?}");
        assert_eq!(q.source.as_deref(), Some("he"));
    }
}
