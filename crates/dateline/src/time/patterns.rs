//! The temporal pattern: every form an expression can take, as one regex
//! scanned once over each sentence, and the step that says which form a
//! match took and where it really ends.

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::grouped_number_start;

const MONTH: &str = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept\.?|sep\.?|oct\.?|nov\.?|dec\.?)";
const WEEKDAY: &str = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const POD: &str = r"(?:morning|afternoon|evening|night|overnight)";
const NUMW: &str = r"(?:\d+\ 1/2|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\ ](?:one|two|three|four|five|six|seven|eight|nine)|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\ hundred|hundred|a\ few|few|several|a\ couple\ of|couple\ of|a|an)";
const UNIT: &str =
    r"(?:second|minute|hour|day|week|fortnight|month|year|decade|century|centuries)s?";
const MODP: &str = r"(?:more\ than|less\ than|fewer\ than|nearly|almost|about|around|approximately|roughly|some|over|under|at\ least|at\ most|up\ to|no\ more\ than|just\ over|just\ under)";
const YEAR: &str = r"(?:1[6-9]\d\d|20\d\d)";
const SEASON: &str = r"(?:spring|summer|fall|autumn|winter)";
const ORD: &str = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)";
const ZONE: &str = r"(?:gmt|utc|est|edt|cst|cdt|pst|pdt|bst|cet|cest)";

/// The alternatives of the temporal pattern, by name, in the order they are
/// tried (the first that matches at a position wins). Each is written for
/// `(?xi-u)`: spaces are escaped, case is ignored, classes are ASCII.
// One form for every row, whether or not it has placeholders.
#[allow(clippy::useless_format)]
pub(super) static ALTERNATIVES: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
    vec![
        ("iso", format!(r"{YEAR}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?)?")),
        ("slash", format!(r"\d{{1,2}}/\d{{1,2}}/(?:{YEAR}|\d\d)")),
        (
            "mdy",
            format!(
                r"(?:{WEEKDAY},?\ )?(?:(?:early|mid|late)[-\ ])?{MONTH}\ \d{{1,2}}(?:st|nd|rd|th)?(?:\ ?,?\ {YEAR})?"
            ),
        ),
        (
            "dmy",
            format!(
                r"(?:{WEEKDAY},?\ )?\d{{1,2}}(?:st|nd|rd|th)?\ (?:of\ )?{MONTH}(?:\ ?,?\ {YEAR})?"
            ),
        ),
        (
            "bound",
            format!(
                r"the\ (?:beginning|start|middle|end)\ of\ (?:(?:this|last|next|the)\ (?:week|month|year)|{MONTH}(?:,?\ {YEAR})?|{YEAR})"
            ),
        ),
        (
            "my",
            format!(r"(?:(?:early|mid|late)[-\ ])?{MONTH}\ ?,?\ {YEAR}"),
        ),
        (
            "half",
            format!(
                r"the\ (?:first|second|last|latter)\ half\ of\ (?:{YEAR}|this\ year|last\ year|next\ year)|the\ first\ two\ quarters\ of\ {YEAR}"
            ),
        ),
        (
            "monthrel",
            format!(r"(?:(?:early|mid|late)[-\ ])?{MONTH}\ (?:this|last|next)\ year"),
        ),
        (
            "spelled",
            format!(
                r"(?:(?:the\ )?(?:{SEASON}|{MONTH})\ (?:of\ )?)?(?:the\ year\ )?(?:(?:nineteen|eighteen)\ (?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\ ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)|two\ thousand)"
            ),
        ),
        (
            "quarter",
            format!(
                r"(?:the\ )?(?:(?:{YEAR}|this\ year's|last\ year's|next\ year's|year-ago|year-earlier)\ )?(?:{ORD}|latest|last|previous|current|past|same|year-ago|year-earlier|fiscal)[-\ ](?:fiscal\ )?quarter(?:\ of\ (?:{YEAR}|this\ year|last\ year|next\ year))?|the\ quarter|the\ latest\ period|the\ {YEAR}\ (?:period|quarter)|q[1-4](?:\ {YEAR})?"
            ),
        ),
        (
            "decade",
            format!(
                r"(?:the\ )?(?:early\ |mid-|late\ )?(?:1[6-9]|20)\d0s|the\ (?:early\ |mid-|late\ )?(?:'\d0s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
            ),
        ),
        (
            "century",
            format!(
                r"(?:the\ )?(?:\d{{1,2}}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[-\ ]century"
            ),
        ),
        (
            "yearend",
            format!(r"(?:around\ )?(?:the\ )?(?:year[-\ ]end|year's\ end)"),
        ),
        (
            "relunit",
            format!(
                r"(?:(?:earlier|later|early|late)\ )?(?:this|this\ past|last|next|the\ past|the\ previous|the\ coming|the\ current|the\ following)\ (?:week|month|year|weekend|decade|century|{SEASON}|{MONTH}|{WEEKDAY})"
            ),
        ),
        (
            "ago",
            format!(
                r"(?:{MODP}\ )?{NUMW}[-\ ](?:(?:more|additional|full)\ )?{UNIT}(?:\ and\ a\ half)?(?:\ or\ so)?\ (?:ago|earlier|before|later)"
            ),
        ),
        (
            "yearago",
            format!(
                r"(?:a\ )?year[-\ ](?:ago|earlier)|the\ year-(?:ago|earlier)(?:\ (?:period|quarter))?"
            ),
        ),
        (
            "dur",
            format!(
                r"(?:{MODP}\ )?(?:the\ )?(?:(?:past|last|next|coming|first|previous|following|final|latest)\ )?{NUMW}[-\ ](?:(?:more|additional|straight|consecutive|full)\ )?{UNIT}(?:\ and\ a\ half)?(?:\ or\ so)?"
            ),
        ),
        ("wd", format!(r"(?:(?:early|late)\ )?{WEEKDAY}(?:\ {POD})?")),
        (
            "relday",
            format!(
                r"(?:(?:early|late)\ )?(?:today|yesterday|tomorrow|tonight)(?:\ {POD})?|this\ {POD}|last\ night|(?:the\ )?(?:next|following|previous)\ day|the\ day\ before|the\ weekend"
            ),
        ),
        (
            "season",
            format!(
                r"(?:(?:early|late)\ )?{SEASON}(?:\ of)?\ {YEAR}|the\ {SEASON}\ of\ {YEAR}|(?:the\ )?(?:(?:early|late)\ )?{SEASON}"
            ),
        ),
        (
            "holiday",
            format!(r"(?:thanksgiving|christmas|new\ year's)(?:\ (?:day|eve))?"),
        ),
        ("month", format!(r"(?:(?:early|mid|late)[-\ ])?{MONTH}")),
        (
            "year",
            format!(r"(?:(?:early|mid|late)[-\ ]|fiscal\ (?:year\ )?)?{YEAR}"),
        ),
        (
            "clock",
            format!(
                r"(?:{MODP}\ )?(?:\d{{1,2}}(?::\d\d)?\ ?[ap]\.m\.?|\d{{1,2}}:\d\d(?:\ ?[ap]\.m\.?)?|noon|midnight|midday)(?:\ {ZONE})?(?:,?\ (?:{WEEKDAY}|today|yesterday|tomorrow|{MONTH}\ \d{{1,2}}(?:st|nd|rd|th)?(?:,?\ {YEAR})?))?"
            ),
        ),
        (
            "set",
            format!(
                r"daily|weekly|monthly|yearly|(?:every|each)\ (?:day|week|month|year|{WEEKDAY}|{MONTH})|(?:once|twice)\ a\ (?:day|week|month|year)|a\ year"
            ),
        ),
        (
            "theyear",
            format!(r"the\ (?:full\ |fiscal\ |current\ |current\ fiscal\ |latest\ fiscal\ )?year"),
        ),
        ("thatyear", format!(r"(?:(?:earlier|later)\ )?that\ year")),
        (
            "unitpl",
            format!(
                r"(?:recent|coming|many|several)\ (?:years|months|weeks|days|decades|quarters)|years|months|weeks|decades"
            ),
        ),
        (
            "ref",
            format!(
                r"now|currently|current|nowadays|at\ present|recently|the\ past|the\ near\ future|the\ near\ term|the\ short\ term|the\ future|future|soon|recent|formerly|lately|these\ days"
            ),
        ),
    ]
});

/// Every temporal expression: the alternatives joined, between word boundaries.
/// Only the overall match is asked of it (the lazy DFA alone, no captures).
pub(super) static TIMEX: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<String> = ALTERNATIVES
        .iter()
        .map(|(_, p)| format!("(?:{p})"))
        .collect();
    let p = format!(r"(?xi-u)\b(?:{})\b", alternatives.join("|"));
    // A larger lazy-DFA cache: the pattern is wide, and a small cache is rebuilt over and over.
    regex::RegexBuilder::new(&p)
        .dfa_size_limit(32 << 20)
        .build()
        .expect("valid timex pattern")
});

/// Which alternative a match of [`TIMEX`] took: each anchored at the match's
/// start; the lowest that matches is the one leftmost-first search chose.
/// Cheaper than captures on the whole pattern, which cost a backtracking
/// search per match.
pub(super) static TIMEX_KIND: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSetBuilder::new(
        ALTERNATIVES
            .iter()
            .map(|(_, p)| format!(r"(?xi-u)^(?:{p})\b")),
    )
    .dfa_size_limit(32 << 20)
    .build()
    .expect("valid timex patterns")
});

/// One match of [`TIMEX`] in a sentence, placed: the form it took and the
/// bytes it covers.
pub(super) struct Hit {
    /// The name of the alternative of [`ALTERNATIVES`] that matched.
    pub group: &'static str,
    /// Where the expression starts (before the match, for the whole of a
    /// grouped count such as `10,000 years`).
    pub start: usize,
    /// Where the pattern's match starts.
    pub match_start: usize,
    /// Where the expression ends (after the match, for the period of `p.m.`).
    pub end: usize,
}

/// Places match `m` of [`TIMEX`] in `sentence`: which alternative it took,
/// and its ends (`last_end`: where the last expression listed in the
/// sentence ends). `None` when no alternative matches on its own.
pub(super) fn locate(sentence: &str, m: &regex::Match<'_>, last_end: usize) -> Option<Hit> {
    let kind = TIMEX_KIND.matches(&sentence[m.start()..]).iter().next()?;
    let group = ALTERNATIVES[kind].0;
    // The pattern stops before the period of `p.m.` (no word boundary after it).
    let lower_end = m.as_str().get(m.len().saturating_sub(3)..).unwrap_or("");
    let dotted = (lower_end.eq_ignore_ascii_case("a.m") || lower_end.eq_ignore_ascii_case("p.m"))
        && sentence[m.end()..].starts_with('.');
    let mend = m.end() + usize::from(dotted);
    // `10,000 years`: the match starts after the last comma of the
    // count; a duration or `ago` counts the whole number (unless an
    // expression listed before holds part of it: `May 5,000 years`).
    let mstart = match grouped_number_start(sentence, m.start()) {
        first if matches!(group, "dur" | "ago") && first >= last_end => first,
        _ => m.start(),
    };
    Some(Hit {
        group,
        start: mstart,
        match_start: m.start(),
        end: mend,
    })
}
