//! The tense of the clause around an expression, which says whether a bare
//! `Tuesday` or `in March` is the one before or after the publication date:
//! read from the nearest verb group (`will`, `is expected to`, `said`,
//! `-ed` forms) with word lists of future and past forms.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Which way a sentence points in time.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Tense {
    /// Before the time of writing.
    Past,
    /// After the time of writing.
    Future,
}

/// The tense around the expression of form `group` at `start..end` of
/// `sentence`; asked only of the forms resolved by direction (`Tuesday`,
/// `March 3`, `next week`), `None` for the others.
pub(super) fn tense_for(group: &str, sentence: &str, start: usize, end: usize) -> Option<Tense> {
    let directed = [
        "mdy", "dmy", "bound", "relunit", "wd", "relday", "holiday", "month", "clock", "season",
    ]
    .contains(&group);
    if directed {
        tense_at(sentence, start, end)
    } else {
        None
    }
}

/// Words that point ahead on their own (`will`, `the scheduled talks`).
const FUTURE_WORDS: &[&str] = &[
    "will",
    "shall",
    "won't",
    "wont",
    "upcoming",
    "scheduled",
    "slated",
    "expected",
    "due",
    "tomorrow",
    "soon",
    "effective",
    "payable",
];

/// Words before `to` that make it point ahead (`plans to`, `is set to`).
const FUTURE_BEFORE_TO: &[&str] = &[
    "going",
    "plan",
    "plans",
    "planned",
    "planning",
    "set",
    "scheduled",
    "slated",
    "expected",
    "due",
    "is",
    "are",
    "aims",
    "aim",
    "intends",
    "intend",
    "hopes",
    "hope",
    "wants",
    "want",
    "ready",
    "likely",
    "poised",
    "prepared",
    "preparing",
    "agreed",
    "vowed",
    "promised",
    "threatened",
    "decided",
];

/// Past forms that do not end in `-ed`.
const PAST_WORDS: &[&str] = &[
    "said",
    "told",
    "had",
    "was",
    "were",
    "did",
    "didn't",
    "wasn't",
    "weren't",
    "hadn't",
    "ago",
    "yesterday",
    "met",
    "began",
    "saw",
    "went",
    "came",
    "took",
    "left",
    "made",
    "gave",
    "fell",
    "rose",
    "sent",
    "held",
    "brought",
    "fought",
    "won",
    "lost",
    "struck",
    "spoke",
    "wrote",
    "got",
    "became",
    "found",
    "thought",
    "shot",
    "hit",
    "led",
    "put",
    "ran",
    "sold",
    "bought",
    "paid",
    "spent",
    "heard",
    "felt",
    "kept",
    "meant",
    "read",
    "stood",
    "understood",
    "broke",
    "chose",
    "drew",
    "drove",
    "flew",
    "forgot",
    "grew",
    "hid",
    "knew",
    "laid",
    "lay",
    "rode",
    "sang",
    "sat",
    "shook",
    "slept",
    "stole",
    "stuck",
    "swore",
    "taught",
    "threw",
    "woke",
    "wore",
    "quit",
    "set",
    "cut",
    "let",
    "fled",
    "sought",
    "dealt",
    "built",
    "lent",
    "bent",
    "burnt",
    "overthrew",
    "withdrew",
    "undertook",
    "arose",
    "forbade",
    "froze",
    "bore",
    "bit",
    "blew",
    "caught",
    "dug",
    "fed",
    "forgave",
    "hung",
    "leapt",
    "lit",
    "overtook",
    "shut",
    "sank",
    "slid",
    "spun",
    "split",
    "spread",
    "stung",
    "swept",
    "swam",
    "tore",
    "wept",
    "wound",
    "wrung",
];

/// `-ed` words that are not past forms.
const NOT_PAST: &[&str] = &[
    "need", "speed", "indeed", "proceed", "exceed", "succeed", "breed", "greed", "creed", "steed",
    "tweed", "hundred", "embed", "shed", "weed", "seed", "feed", "bleed", "heed", "deed", "sacred",
    "naked", "wicked", "rugged", "ragged", "beloved", "kindred",
];

/// How a word points in time, from the word lists above (one hash lookup).
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Future,
    Past,
    NotPast,
}

static WORD_CLASS: LazyLock<HashMap<&'static str, WordClass>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for w in PAST_WORDS {
        map.insert(*w, WordClass::Past);
    }
    for w in NOT_PAST {
        map.insert(*w, WordClass::NotPast);
    }
    // Future words last, over any past reading.
    for w in FUTURE_WORDS {
        map.insert(*w, WordClass::Future);
    }
    map
});

/// The tense around an expression, read from the nearest verb group before it
/// in its clause (`will`, `is expected to`, `planned to`, `as soon as` point
/// ahead; `said`, `was`, `had`, `met`, `-ed` forms point back; `had been due
/// to` points back), else from the first such word after it (`On Tuesday,
/// the ministers met`).
fn tense_at(sentence: &str, start: usize, end: usize) -> Option<Tense> {
    let mut from = start.saturating_sub(80);
    while !sentence.is_char_boundary(from) {
        from -= 1;
    }
    let mut before = &sentence[from..start];
    // The clause: not across a semicolon, a dash or a quotation mark.
    if let Some(i) = before.rfind(CLAUSE_ENDS) {
        before = &before[i..];
    }
    let clause = Clause::new(before);
    let n = clause.len();
    let mut until = false;
    let mut before_tense = None;
    for i in (n.saturating_sub(10)..n).rev() {
        if clause.word(i) == "until" {
            // `Until Thursday, they had not called him`, `He was held until
            // Tuesday`: the clause's verb decides, after or before.
            until = true;
            continue;
        }
        if let Some(t) = clause.tense(i) {
            before_tense = Some(t);
            break;
        }
    }
    if before_tense.is_some() && !until {
        return before_tense;
    }
    let mut to = (end + 50).min(sentence.len());
    while !sentence.is_char_boundary(to) {
        to += 1;
    }
    let mut after = &sentence[end..to];
    if let Some(i) = after.find(CLAUSE_ENDS) {
        after = &after[..i];
    }
    let clause = Clause::new(after);
    (0..clause.len().min(6))
        .find_map(|i| clause.tense(i))
        .or(before_tense)
        .or(until.then_some(Tense::Future))
}

/// Marks that end a clause for [`tense_at`].
const CLAUSE_ENDS: [char; 5] = [';', '"', '\u{201c}', '\u{201d}', '\u{2014}'];

/// The words of a short clause, lower-cased once (ASCII, so offsets hold).
struct Clause<'a> {
    text: &'a str,
    lower: String,
    spans: Vec<(usize, usize)>,
}

impl<'a> Clause<'a> {
    fn new(text: &'a str) -> Self {
        let lower = text.to_ascii_lowercase();
        let mut spans = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            let inside = c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-';
            match (inside, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    spans.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            spans.push((s, text.len()));
        }
        Clause { text, lower, spans }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    /// Word `i`, lower-cased.
    fn word(&self, i: usize) -> &str {
        let (a, b) = self.spans[i];
        &self.lower[a..b]
    }

    /// The word after word `i`, lower-cased (within the clause).
    fn next_word(&self, i: usize) -> Option<&str> {
        (i + 1 < self.spans.len()).then(|| self.word(i + 1))
    }

    /// The tense word `i` gives, seen with the words before it.
    fn tense(&self, i: usize) -> Option<Tense> {
        let raw = self.word(i);
        // A curly apostrophe is a straight one (`won’t`, `they’ll`).
        let owned;
        let w = if raw.contains('\u{2019}') {
            owned = raw.replace('\u{2019}', "'");
            owned.as_str()
        } else {
            raw
        };
        let back = |k: usize| i.checked_sub(k).map(|j| self.word(j));
        // `had been due to`, `had planned to`: a plan of the past.
        let had_before = || (1..=3).any(|k| back(k) == Some("had"));
        let class = WORD_CLASS.get(w).copied();
        if w == "to" {
            let prev = back(1)?;
            // `due to the storm` is a cause, not a plan.
            let cause = prev == "due"
                && self.next_word(i).is_some_and(|n| {
                    matches!(n, "the" | "a" | "an" | "his" | "her" | "its" | "their")
                });
            if FUTURE_BEFORE_TO.contains(&prev) && !cause {
                return Some(if had_before() || prev == "set" && back(2) == Some("was") {
                    Tense::Past
                } else {
                    Tense::Future
                });
            }
            return None;
        }
        if w == "as" && matches!(back(1), Some("soon" | "early")) && back(2) == Some("as") {
            return Some(Tense::Future);
        }
        if w.ends_with("'ll") {
            return Some(Tense::Future);
        }
        // `more than expected`, `as expected`: a comparison, not a plan.
        if w == "expected" && matches!(back(1), Some("than" | "as")) {
            return None;
        }
        if w == "due" {
            // Read with its `to` (`due to expire`, not `due to the storm`).
            return None;
        }
        if class == Some(WordClass::Future) {
            // `expected`, `scheduled` alone after `had`: the plan was before.
            return Some(if had_before() && w != "will" {
                Tense::Past
            } else {
                Tense::Future
            });
        }
        if w == "set" && back(1).is_some_and(|p| matches!(p, "is" | "are")) {
            return Some(Tense::Future);
        }
        if class == Some(WordClass::Past) {
            return Some(Tense::Past);
        }
        let capitalised = self.text[self.spans[i].0..].starts_with(char::is_uppercase);
        if !capitalised && w.len() >= 5 && w.ends_with("ed") && class != Some(WordClass::NotPast) {
            return Some(Tense::Past);
        }
        None
    }
}
