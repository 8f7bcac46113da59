//! A sentence that opens with a clause of time, reason or condition before
//! its main clause: `Days after Hamas fighters killed more than 1,400
//! people in Israel on October 7, Iraqi Shiite militias resumed attacks`,
//! `Hours after the ceasefire began, Israeli jets struck`, `Weeks after
//! Russia invaded Ukraine, the EU imposed sanctions`. Read as one sentence
//! by the greedy parser, the main clause's subject often became a modifier
//! of the opening clause's object and its verb an adjective, so that the
//! main event lost its actor and the opening one took the time words as
//! its subject (`Days ... killed`). The two clauses are parsed apart and
//! the opening one hung on the main one as UD does: its verb an `advcl`
//! (a phrase with no verb an `obl`), the subordinator its `mark` (`case`;
//! `when` and `whenever` an `advmod`), the time words before it (`Two
//! days`) an `obl:unmarked`.

use super::repair::{word_at, xpos_at};
use super::tokenize::RawWord;
use super::Model;

/// Words that open a clause of time, reason or condition.
const SUBORDINATORS: &[&str] = &[
    "after", "before", "when", "while", "whilst", "as", "since", "once", "although", "though",
    "because", "if", "unless", "until", "whereas", "whenever",
];

/// Subordinators that open only clauses (a phrase after them with no verb
/// is not what they open: `When Antony Blinken, the US secretary ...`).
const CLAUSE_ONLY: &[&str] = &[
    "when", "while", "whilst", "once", "although", "though", "because", "if", "unless", "whereas",
    "whenever",
];

/// Units of time that measure how long before or after (`Days after`).
const UNITS: &[&str] = &[
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "decade", "decades", "moment", "moments", "night",
    "nights",
];

/// Adverbs that may come first (`Shortly after`, `Just before`, `Even
/// though`).
const ADVERBS: &[&str] = &[
    "just",
    "only",
    "shortly",
    "soon",
    "long",
    "even",
    "right",
    "immediately",
    "barely",
    "almost",
    "nearly",
];

/// Words that count a unit (`a few days`, `several weeks`).
const COUNTS: &[&str] = &["a", "an", "few", "several", "many", "some", "two", "three"];

/// Words of saying: a main clause that is no more than a source and one of
/// them is an attribution, not a main clause (`..., officials said`).
const SAYING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "added",
    "reported",
    "according",
];

/// An opening clause found: the words before the subordinator run from
/// `first` to `sub`, the clause from `clause` to the `comma` that ends it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Fronted {
    first: usize,
    sub: usize,
    pub clause: usize,
    pub comma: usize,
}

/// The opening clause of words `a..b` of a sentence (tags `tags`), if they
/// open with one that a comma closes before a main clause with a verb.
pub(super) fn find(
    m: &Model,
    text: &str,
    raw: &[RawWord],
    tags: &[u16],
    a: usize,
    b: usize,
) -> Option<Fronted> {
    let word = |i: usize| word_at(text, raw, i);
    let lower = |i: usize| word(i).to_lowercase();
    let tag = |i: usize| xpos_at(m, tags, i);
    let verb = |i: usize| tag(i).starts_with("VB") || tag(i) == "MD";
    // The words before the subordinator: adverbs, then counted units.
    let mut sub = None;
    let mut unit = false;
    for i in a..b.min(a + 6) {
        let w = lower(i);
        if SUBORDINATORS.contains(&w.as_str()) {
            sub = Some(i);
            break;
        }
        let counted = COUNTS.contains(&w.as_str()) || tag(i) == "CD";
        if unit || !(ADVERBS.contains(&w.as_str()) || counted || UNITS.contains(&w.as_str())) {
            return None;
        }
        unit = UNITS.contains(&w.as_str());
        if counted
            && i + 1 < b
            && !matches!(lower(i + 1).as_str(), "few")
            && !UNITS.contains(&lower(i + 1).as_str())
        {
            return None;
        }
    }
    let sub = sub?;
    if sub + 4 > b {
        return None;
    }
    let s = lower(sub);
    // `As well as`, `Because of`, `Once again` read as words of their own.
    let next = lower(sub + 1);
    if matches!(
        (s.as_str(), next.as_str()),
        ("as", "well" | "of" | "for" | "to" | "such")
            | ("because", "of")
            | ("once", "again" | "more")
    ) {
        return None;
    }
    // The comma closing the clause: the first one, when a main clause
    // opens after it with its verb before any other comma. Where the words
    // after it are a list's (`After beating Amy Winehouse, Jamelia, ...`),
    // an apposition (`..., a third in as many months, the Australian said`)
    // or a subject's apposition (`Britain's Attorney General, Lord
    // Goldsmith, warned`), the sentence is parsed whole.
    let comma = (sub + 1..b).find(|&i| word(i) == ",")?;
    let end = (comma + 1..b).find(|&i| word(i) == ",").unwrap_or(b);
    // A finite verb, or a past form the tagger may have taken for a
    // participle (`the EU imposed sanctions`).
    let main_verb = |i: usize| matches!(tag(i), "VBD" | "VBZ" | "VBP" | "VBN" | "MD");
    if !(comma + 2..end).any(main_verb) {
        return None;
    }
    let marks = ['"', '“', '”', '(', ')', '[', ']', ';', ':'];
    if (sub + 1..comma).any(|i| word(i).contains(marks)) {
        return None;
    }
    let clause = sub + 1;
    if comma < clause + 2 || comma + 3 > b {
        return None;
    }
    let opening_verb = (clause..comma).any(verb);
    if CLAUSE_ONLY.contains(&s.as_str()) && !opening_verb {
        return None;
    }
    // The main clause: not a relative clause, a conjunct or an attribution.
    let first = lower(comma + 1);
    if matches!(tag(comma + 1), "CC" | "WDT" | "WP" | "WP$" | "WRB" | "MD")
        || verb(comma + 1)
        || matches!(first.as_str(), "including" | "such" | "plus" | "like")
    {
        return None;
    }
    let words = (comma + 1..b)
        .filter(|&i| !tag(i).is_empty() && !matches!(tag(i), "." | "," | "``" | "''"))
        .count();
    if words <= 4 && (comma + 1..b).any(|i| SAYING.contains(&lower(i).as_str())) {
        return None;
    }
    Some(Fronted {
        first: a,
        sub,
        clause,
        comma,
    })
}

/// Hangs the opening clause `f`, whose own parse gave the roots `roots`, on
/// the main clause's root `main`.
pub(super) fn hang(
    m: &Model,
    tags: &[u16],
    f: &Fronted,
    roots: &[usize],
    main: usize,
    heads: &mut [u32],
    labels: &mut [u16],
) {
    let label = |l: &str| super::repair::label(m, l).unwrap_or(m.parataxis_label);
    let tag = |i: usize| xpos_at(m, tags, i);
    let Some((&first_root, rest)) = roots.split_first() else {
        return;
    };
    let mut r = first_root;
    for &o in rest {
        heads[o] = r as u32;
        labels[o] = m.parataxis_label;
    }
    // A clause when its root is a verb or has a subject, a copula or an
    // auxiliary (`As part of its pitch to bring listings`: a phrase).
    let clausal = tag(r).starts_with("VB")
        || tag(r) == "MD"
        || (f.clause..f.comma).any(|i| {
            heads[i] == r as u32
                && m.deprels
                    .strings
                    .get(labels[i] as usize)
                    .is_some_and(|l| l.starts_with("nsubj") || l.starts_with("aux") || l == "cop")
        });
    // A gerund opening the clause that the parse, reading it alone, took
    // for an adjective of its object (`While expressing satisfaction with`):
    // the gerund heads the clause and the noun is its object.
    let gerund = f.clause;
    let clausal = if !clausal && tag(gerund) == "VBG" && heads[gerund] == r as u32 {
        heads[r] = gerund as u32;
        labels[r] = label("obj");
        r = gerund;
        true
    } else {
        clausal
    };
    heads[r] = main as u32;
    labels[r] = label(if clausal { "advcl" } else { "obl" });
    heads[f.sub] = r as u32;
    // `When` and `whenever` are adverbs of the clause, as UD has them.
    labels[f.sub] = label(match (tag(f.sub), clausal) {
        ("WRB", _) => "advmod",
        (_, true) => "mark",
        (_, false) => "case",
    });
    heads[f.comma] = r as u32;
    labels[f.comma] = label("punct");
    // Before the subordinator: adverbs, counts and the unit they count.
    let unit = (f.first..f.sub).rev().find(|&i| tag(i).starts_with("NN"));
    for i in f.first..f.sub {
        if Some(i) == unit {
            heads[i] = if clausal { r } else { main } as u32;
            labels[i] = match super::repair::label(m, "obl:unmarked") {
                Some(l) => l,
                None => label("obl:npmod"),
            };
        } else if let Some(u) = unit.filter(|&u| i < u) {
            // `Just two days`: the adverb and the count modify the unit.
            heads[i] = u as u32;
            labels[i] = label(match tag(i) {
                "CD" => "nummod",
                "DT" => "det",
                t if t.starts_with("RB") => "advmod",
                _ => "amod",
            });
        } else {
            heads[i] = r as u32;
            labels[i] = label("advmod");
        }
    }
}
