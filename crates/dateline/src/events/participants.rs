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
//! its `of`, `on`, `against`, `to` or `with` phrase; a claimed event's
//! source is who claims it (`attacks claimed by`), else a nationality before
//! the noun (`an Israeli air raid`). A participle on a noun takes that
//! event's source or the noun (`an Israeli air raid killing four
//! civilians`). Each side lists every conjunct (`Israel and Egypt`).

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
    // `GM reported a loss`, `posted a profit`, `suffered a defeat`.
    "post",
    "report",
    "record",
    "suffer",
    // `presented a plan`, `made an offer`, `reached a deal`.
    "present",
    "unveil",
    "outline",
    "propose",
    "submit",
    "sign",
    "reach",
    "strike",
];

/// Words that stand for the noun a relative clause modifies.
const RELATIVES: &[&str] = &["who", "which", "that", "whom"];

/// The sides of the event whose trigger is word `i`.
///
/// `is_event[w]` tells whether word `w` is an event's trigger: a participle
/// that modifies an event noun takes that event's source (`an Israeli air
/// raid killing four civilians`), one that modifies any other noun takes
/// the noun (`gunmen firing on`).
pub(crate) fn sides(tree: &Tree<'_>, i: usize, pos: EventPos, is_event: &[bool]) -> Sides {
    let (source, target) = match pos {
        EventPos::Verb => match inverted_speaker(tree, i) {
            Some(speaker) => (Some(speaker), None),
            None => (
                verb_source(tree, i).or_else(|| participle_source(tree, i, is_event)),
                verb_target(tree, i).or_else(|| participle_target(tree, i)),
            ),
        },
        EventPos::Noun => (noun_source(tree, i), noun_target(tree, i)),
        EventPos::Adjective => (tree.child(i, &["nsubj"]), None),
    };
    let source = match (source, pos) {
        (Some(s), EventPos::Verb) => Some(name_hung_on_verb(tree, i, s).unwrap_or(s)),
        (s, _) => s,
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

/// The speaker after a verb that follows a quotation's closing mark
/// (`"... spirit," said Barack Obama, President of the United States`):
/// the parser takes the speaker for the verb's object and a word of the
/// quotation for its subject, but the verb has no object there, and the
/// quotation is what is said, not who says it.
fn inverted_speaker(tree: &Tree<'_>, i: usize) -> Option<usize> {
    let p = i.checked_sub(1)?;
    // A closing quotation mark, whichever mark is written: tagged so, or
    // a straight mark (tagged either way) right after the quotation's
    // comma or full stop.
    let closes = match tree.words[p].xpos.as_ref() {
        "''" => true,
        "``" => p
            .checked_sub(1)
            .is_some_and(|q| matches!(tree.words[q].xpos.as_ref(), "," | ".")),
        _ => false,
    };
    if !closes || tree.words[p].sentence != tree.words[i].sentence || tree.words[i].upos != "VERB" {
        return None;
    }
    tree.children(i).iter().copied().find(|&c| {
        c > i
            && matches!(
                tree.words[c].dep.as_ref(),
                "nsubj" | "obj" | "iobj" | "nsubj:pass" | "dep" | "appos"
            )
            && is_nominal(tree, c)
    })
}

/// The last word of a name the parser hung from verb `i` between its
/// subject `s` and itself (`United States Secretary of State Antony Blinken
/// made`: `State Antony Blinken` as a compound of `made`): a verb has no
/// compound on its left, so the name goes on the subject, and its last
/// word names who it is.
fn name_hung_on_verb(tree: &Tree<'_>, i: usize, s: usize) -> Option<usize> {
    if tree.words[s].head != Some(i) || s > i {
        return None;
    }
    let kids = tree.children(i);
    // Or as a second subject after the `of` of a title (`State` of
    // `Secretary of State Antony Blinken`).
    let of_title = |c: usize| {
        kids.iter()
            .any(|&k| k > s && k < c && tree.lemma(k) == "of")
    };
    kids.iter()
        .copied()
        .filter(|&c| c > s && c < i)
        .filter(|&c| {
            let dep = tree.words[c].dep.as_ref();
            (matches!(dep, "compound" | "flat") || (dep == "nsubj" && of_title(c)))
                && tree.words[c].upos == "PROPN"
        })
        .map(|c| rightmost(tree, c))
        .filter(|&w| w < i && tree.words[w].upos == "PROPN")
        .max()
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
    if let Some(s) = tree.child(i, &["obl:agent", "nsubj", "nsubj:outer"]) {
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
        // `He declined to predict when ..., stating that ...`: a gerund
        // clause with no subject of its own tells of the main clause's.
        Some((h, "advcl"))
            if tree.words[i].xpos == "VBG"
                && tree.words[h].upos == "VERB"
                && !PREPOSITIONAL_GERUNDS.contains(&tree.lemma(i)) =>
        {
            verb_source(tree, h)
        }
        // `the strike, launched by Israel`: handled by `obl:agent` above;
        // a relative clause without a pronoun (`the group that attacked`).
        Some((h, "acl:relcl")) => Some(h),
        _ => None,
    }
}

/// Gerunds that act as prepositions (`according to`, `following the
/// strike`): their clause tells nothing the main clause's subject does.
const PREPOSITIONAL_GERUNDS: &[&str] = &[
    "accord", "follow", "include", "regard", "concern", "consider", "exclude", "depend", "pend",
];

/// The source of an active participle that modifies a noun (`acl`): the
/// source of the event the noun states, or the noun itself when it states
/// none (`militiamen firing rockets`).
fn participle_source(tree: &Tree<'_>, i: usize, is_event: &[bool]) -> Option<usize> {
    if tree.words[i].xpos != "VBG" || after_comma(tree, i) {
        return None;
    }
    let (h, "acl") = tree.head(i)? else {
        return None;
    };
    if is_event.get(h).copied().unwrap_or(false) {
        noun_source(tree, h)
    } else {
        Some(h).filter(|&h| is_nominal(tree, h))
    }
}

/// The target of a passive participle that modifies a noun: the noun
/// (`civilians killed by the strike`).
fn participle_target(tree: &Tree<'_>, i: usize) -> Option<usize> {
    if tree.words[i].xpos != "VBN" || tree.child(i, &["obj"]).is_some() || after_comma(tree, i) {
        return None;
    }
    match tree.head(i)? {
        (h, "acl") if matches!(tree.words[h].upos.as_ref(), "NOUN" | "PROPN") => Some(h),
        _ => None,
    }
}

/// Whether a mark stands right before word `i`: a participle after a comma
/// tells more of the clause (`flooded Basra, forcing families from their
/// homes`), whatever noun the parser hung it from.
fn after_comma(tree: &Tree<'_>, i: usize) -> bool {
    i.checked_sub(1).is_some_and(|p| {
        tree.words[p].sentence == tree.words[i].sentence && tree.words[p].upos == "PUNCT"
    })
}

fn verb_target(tree: &Tree<'_>, i: usize) -> Option<usize> {
    if let Some(o) = tree.child(i, &["obj", "nsubj:pass", "iobj"]) {
        return Some(o).filter(|&o| is_nominal(tree, o));
    }
    // `met Iraqi Prime Minister ...` parsed as `met` with an adjective
    // `Iraqi` that has the name as its object: the name is the verb's.
    let adjective_object = tree
        .children(i)
        .iter()
        .copied()
        .filter(|&c| c == i + 1 && tree.words[c].dep == "xcomp" && tree.words[c].upos == "ADJ")
        .find_map(|c| tree.child(c, &["obj"]))
        .filter(|&o| tree.words[o].upos == "PROPN");
    if adjective_object.is_some() {
        return adjective_object;
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
    if let Some((_, s)) = claim_of(tree, i) {
        return Some(s);
    }
    // `Israel launched an attack`, `held a meeting`: the light verb's subject.
    let light = match tree.head(i) {
        Some((h, "obj"))
            if tree.words[h].upos == "VERB" && LIGHT_VERBS.contains(&tree.lemma(h)) =>
        {
            tree.child(h, &["nsubj"])
                .filter(|&s| is_nominal(tree, s))
                .map(|s| name_hung_on_verb(tree, h, s).unwrap_or(s))
        }
        _ => None,
    };
    light
        .or_else(|| filed_for(tree, i))
        .or_else(|| nationality(tree, i))
}

/// Verbs whose `for` phrase is the subject's own event (`Chrysler filed
/// for bankruptcy and Chapter 11 protection`).
const FILING_VERBS: &[&str] = &["file", "apply", "petition"];

/// The subject of the filing verb noun `i` (or the noun it is conjoined
/// to) is the `for` phrase of.
fn filed_for(tree: &Tree<'_>, i: usize) -> Option<usize> {
    let first = match tree.head(i) {
        Some((h, "conj")) => h,
        _ => i,
    };
    let (h, "obl") = tree.head(first)? else {
        return None;
    };
    if tree.words[h].upos != "VERB"
        || !FILING_VERBS.contains(&tree.lemma(h))
        || !has_case(tree, first, &["for"])
    {
        return None;
    }
    verb_source(tree, h)
}

/// The claim of the event of noun `i` (`attacks claimed by the Islamic
/// Resistance in Iraq`, `the group claimed the bombing`): the claiming verb
/// and who claims it, the one who did it, by its own word.
pub(crate) fn claim_of(tree: &Tree<'_>, i: usize) -> Option<(usize, usize)> {
    let (mut h, mut dep) = tree.head(i)?;
    // `Dozens of drone and missile attacks have been claimed`: the count
    // (and a conjunct the parser took for the head) hangs from the verb.
    for _ in 0..3 {
        if !matches!(dep, "nmod" | "conj") || !matches!(tree.words[h].upos.as_ref(), "NOUN" | "NUM")
        {
            break;
        }
        (h, dep) = tree.head(h)?;
    }
    if tree.lemma(h) != "claim" || tree.words[h].upos != "VERB" {
        return None;
    }
    let who = match dep {
        "nsubj:pass" => tree.child(h, &["obl:agent"]),
        "obj" => tree.child(h, &["nsubj"]),
        _ => None,
    }?;
    Some((h, who)).filter(|&(_, w)| is_nominal(tree, w))
}

/// A capitalised adjective before an event noun, the nationality of who
/// does it (`an Israeli air raid`, `Russian strikes`).
fn nationality(tree: &Tree<'_>, i: usize) -> Option<usize> {
    tree.children(i).iter().copied().find(|&c| {
        let w = &tree.words[c];
        c < i
            && w.dep == "amod"
            && matches!(w.xpos.as_ref(), "JJ" | "NNP" | "NNPS")
            && w.lemma.chars().next().is_some_and(char::is_uppercase)
    })
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
/// left dependents but prepositions, punctuation and clauses, its right ones up to a
/// clause, an apposition, punctuation or a right dependent `c` for which
/// `stop(c)` holds.
pub(crate) fn phrase(tree: &Tree<'_>, h: usize, stop: impl Fn(usize) -> bool) -> (usize, usize) {
    // Clauses to the left are no part of a phrase, wherever the parse hung
    // them (`As part of its pitch ..., the LSE`).
    const LEFT_SKIP: &[&str] = &[
        "case",
        "mark",
        "cc",
        "punct",
        "advmod",
        "advcl",
        "parataxis",
        "ccomp",
        "csubj",
    ];
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
    // No marks at its ends, wherever the parse hung them (`al-Sudani,`).
    while hi > h && tree.words[hi].upos == "PUNCT" {
        hi -= 1;
    }
    while lo < h && tree.words[lo].upos == "PUNCT" {
        lo += 1;
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
