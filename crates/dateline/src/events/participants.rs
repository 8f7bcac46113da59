//! Who did what to whom, read from the parse: the source and target words
//! of an event's trigger.
//!
//! A verb's source is its subject (a passive's `obl:agent`: `killed by
//! Israeli strikes`), a relative clause's the noun it modifies (`Hezbollah,
//! which fired`), a conjoined or controlled verb's the subject of the verb
//! it hangs from (`agreed to meet`); its target is its object (a passive's
//! subject), else the noun of a `with`, `on`, `against` or `to` phrase. A
//! noun's source is its possessor or `by` phrase (`Blinken's visit`, `the
//! bombardment of Gaza by Israel`), or the subject of the light verb that
//! has it for object (`Israel launched an attack`); its target the noun of
//! its `of`, `on`, `against`, `to` or `with` phrase. Each side lists every
//! conjunct (`Israel and Egypt`).

use super::tree::Tree;
use super::EventPos;

/// The head words of the two sides of an event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Sides {
    /// Who does it.
    pub source: Vec<usize>,
    /// To whom or what.
    pub target: Vec<usize>,
}

/// Prepositions that introduce the target of a verb without an object
/// (`met with`, `fired on`, `protested against`, `apologised to`, `left for
/// Minas Tirith`, `warned of`, `spoke about`).
const VERB_TARGET_CASES: &[&str] = &[
    "with", "on", "against", "to", "at", "upon", "for", "of", "about", "toward", "towards", "into",
];

/// Prepositions that introduce the target of an event noun (`attack on`,
/// `visit to`, `meeting with`, `bombardment of`).
const NOUN_TARGET_CASES: &[&str] = &[
    "of", "on", "against", "to", "with", "at", "upon", "between", "among",
];

/// Verbs whose object noun states the event they help to tell (`launched
/// an attack`, `held talks`, `paid a visit`): their subject does it.
const LIGHT_VERBS: &[&str] = &[
    "launch",
    "carry",
    "conduct",
    "hold",
    "stage",
    "make",
    "pay",
    "mount",
    "begin",
    "start",
    "continue",
    "resume",
    "step",
    "have",
    "give",
    "issue",
    "deliver",
    "lead",
    "wage",
    "open",
    "announce",
    "order",
    "plan",
    "claim",
    "undertake",
    "complete",
    "end",
    "call",
];

/// Words that stand for the noun a relative clause modifies.
const RELATIVES: &[&str] = &["who", "which", "that", "whom"];

/// The sides of the event whose trigger is word `i`.
pub(crate) fn sides(tree: &Tree<'_>, i: usize, pos: EventPos) -> Sides {
    let (source, target) = match pos {
        EventPos::Verb => (verb_source(tree, i), verb_target(tree, i)),
        EventPos::Noun => (noun_source(tree, i), noun_target(tree, i)),
        EventPos::Adjective => (tree.child(i, &["nsubj"]), None),
    };
    let mut source = source.map(|h| conjuncts(tree, h)).unwrap_or_default();
    if let (Some(&s), EventPos::Verb) = (source.first(), pos) {
        source.extend(split_subjects(tree, i, s));
    }
    Sides {
        source,
        target: target.map(|h| conjuncts(tree, h)).unwrap_or_default(),
    }
}

/// Subjects of verb `i` after its subject `s` with a conjunction between
/// them: a coordination the parser split into sibling subjects (`Fornost
/// and the evil awful Gondor welcomed`).
fn split_subjects(tree: &Tree<'_>, i: usize, s: usize) -> Vec<usize> {
    if tree.words[s].dep != "nsubj" || tree.words[s].head != Some(i) {
        return Vec::new();
    }
    let kids = tree.children(i);
    kids.iter()
        .copied()
        .filter(|&c| c > s && c < i && tree.words[c].dep == "nsubj" && is_nominal(tree, c))
        .filter(|&c| {
            kids.iter()
                .any(|&k| k > s && k < c && tree.words[k].dep == "cc")
        })
        .collect()
}

fn is_nominal(tree: &Tree<'_>, i: usize) -> bool {
    matches!(
        tree.words[i].upos.as_ref(),
        "NOUN" | "PROPN" | "PRON" | "NUM" | "ADJ"
    )
}

fn verb_source(tree: &Tree<'_>, i: usize) -> Option<usize> {
    if let Some(s) = tree.child(i, &["obl:agent", "nsubj"]) {
        if RELATIVES.contains(&tree.lemma(s)) {
            return match tree.head(i) {
                Some((h, "acl:relcl")) => Some(h),
                _ => None,
            };
        }
        return Some(s).filter(|&s| is_nominal(tree, s));
    }
    match tree.head(i) {
        // `struck and killed`, `agreed to meet`: the first verb's subject;
        // `is about to restore`, `is ready to talk`: the adjective's.
        Some((h, "conj")) if tree.words[h].upos == "VERB" => {
            tree.child(h, &["nsubj"]).filter(|&s| is_nominal(tree, s))
        }
        Some((h, "xcomp")) if matches!(tree.words[h].upos.as_ref(), "VERB" | "ADJ" | "ADV") => {
            verb_source(tree, h)
        }
        // `the strike, launched by Israel`: handled by `obl:agent` above;
        // a relative clause without a pronoun (`the group that attacked`).
        Some((h, "acl:relcl")) => Some(h),
        _ => None,
    }
}

fn verb_target(tree: &Tree<'_>, i: usize) -> Option<usize> {
    if let Some(o) = tree.child(i, &["obj", "nsubj:pass", "iobj"]) {
        return Some(o).filter(|&o| is_nominal(tree, o));
    }
    tree.children(i)
        .iter()
        .copied()
        .find(|&c| tree.words[c].dep == "obl" && has_case(tree, c, VERB_TARGET_CASES))
}

fn noun_source(tree: &Tree<'_>, i: usize) -> Option<usize> {
    if let Some(s) = tree.child(i, &["nmod:poss"]) {
        return Some(s);
    }
    // `the bombardment of Gaza by Israel`: the `by` phrase may hang from
    // the noun or from its `of` phrase.
    let by = |h: usize| {
        tree.children(h)
            .iter()
            .copied()
            .find(|&c| tree.words[c].dep == "nmod" && has_case(tree, c, &["by"]))
    };
    if let Some(s) = by(i).or_else(|| noun_target(tree, i).and_then(by)) {
        return Some(s);
    }
    // `Israel launched an attack`, `held a meeting`: the light verb's subject.
    match tree.head(i) {
        Some((h, "obj"))
            if tree.words[h].upos == "VERB" && LIGHT_VERBS.contains(&tree.lemma(h)) =>
        {
            tree.child(h, &["nsubj"]).filter(|&s| is_nominal(tree, s))
        }
        _ => None,
    }
}

fn noun_target(tree: &Tree<'_>, i: usize) -> Option<usize> {
    tree.children(i).iter().copied().find(|&c| {
        tree.words[c].dep == "nmod"
            && has_case(tree, c, NOUN_TARGET_CASES)
            && !has_case(tree, c, &["by"])
    })
}

/// Prepositions of place, which end an actor's phrase (`Mr Blinken in
/// Baghdad`) unless the name goes on (`the Islamic Resistance in Iraq`).
pub(crate) const PLACE_CASES: &[&str] = &[
    "in",
    "at",
    "near",
    "on",
    "across",
    "outside",
    "inside",
    "along",
    "into",
    "from",
    "over",
    "throughout",
    "around",
];

/// Whether word `c` has a `case` child among `cases` (`with` of `with X`).
pub(crate) fn has_case(tree: &Tree<'_>, c: usize, cases: &[&str]) -> bool {
    tree.children(c)
        .iter()
        .any(|&k| tree.words[k].dep == "case" && cases.contains(&tree.lemma(k)))
}

/// Word `h` and the words conjoined to it (`Israel and Egypt`), also where
/// the parser hangs a later conjunct from an earlier one (`Mordor, Rohan,
/// Fornost and Bree`).
pub(crate) fn conjuncts(tree: &Tree<'_>, h: usize) -> Vec<usize> {
    let mut out = vec![h];
    let mut i = 0;
    while i < out.len() && out.len() < 64 {
        let w = out[i];
        out.extend(
            tree.children(w)
                .iter()
                .copied()
                .filter(|&c| coordinated(tree, c) && is_nominal(tree, c)),
        );
        i += 1;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether `c` is a conjunct with a conjunction or comma before it (`and
/// Egypt`, `, Jordan`); a `conj` with neither is the parser splitting one
/// name (`Turkish Foreign Minister Hakan Fidan`).
fn coordinated(tree: &Tree<'_>, c: usize) -> bool {
    tree.words[c].dep == "conj"
        && tree
            .children(c)
            .iter()
            .any(|&k| k < c && matches!(tree.words[k].dep.as_ref(), "cc" | "punct"))
}

/// The noun phrase headed by word `h`, as word indices `first..=last`: its
/// left dependents but prepositions and punctuation, its right ones up to a
/// clause, an apposition, punctuation or a right dependent `c` for which
/// `stop(c)` holds.
pub(crate) fn phrase(tree: &Tree<'_>, h: usize, stop: impl Fn(usize) -> bool) -> (usize, usize) {
    const LEFT_SKIP: &[&str] = &["case", "mark", "cc", "punct", "advmod"];
    const RIGHT_STOP: &[&str] = &[
        "acl",
        "acl:relcl",
        "appos",
        "punct",
        "parataxis",
        "advcl",
        "ccomp",
        "conj",
        "cc",
        "case",
    ];
    let (mut lo, mut hi) = (h, h);
    for &c in tree.children(h) {
        let dep = tree.words[c].dep.as_ref();
        if c < h && !LEFT_SKIP.contains(&dep) {
            lo = lo.min(leftmost(tree, c));
        } else if c > h {
            let stops = RIGHT_STOP.contains(&dep) && (dep != "conj" || coordinated(tree, c));
            if stops || dep.ends_with(":tmod") || dep == "obl:unmarked" {
                break;
            }
            // `Gaza by Israel`: the agent is no part of the target.
            if stop(c) || has_case(tree, c, &["by"]) {
                break;
            }
            hi = hi.max(rightmost(tree, c));
        }
    }
    (lo, hi)
}

fn leftmost(tree: &Tree<'_>, mut i: usize) -> usize {
    while let Some(&c) = tree.children(i).first().filter(|&&c| c < i) {
        i = c;
    }
    i
}

fn rightmost(tree: &Tree<'_>, mut i: usize) -> usize {
    while let Some(&c) = tree.children(i).last().filter(|&&c| c > i) {
        i = c;
    }
    i
}
