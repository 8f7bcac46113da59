//! Repairs on the parse for constructions of wire copy that the greedy
//! parser gets wrong in ways the later layers cannot read around: names the
//! tagger took for verbs, infinitives of nouns hung on the main verb, and
//! verbs given two subjects. They run after the parser, at run time only:
//! the weights stay what `dateline train syntax` gives.

use super::tagger::WordInfo;
use super::{tokenize, Model};

/// The index of relation `l` in the model's relations.
pub(super) fn label(m: &Model, l: &str) -> Option<u16> {
    m.deprels
        .strings
        .iter()
        .position(|s| s == l)
        .map(|i| i as u16)
}

/// The text of word `i`.
pub(super) fn word_at<'t>(text: &'t str, raw: &[tokenize::RawWord], i: usize) -> &'t str {
    &text[raw[i].span.start..raw[i].span.end]
}

/// The Penn tag of word `i` (`""` for an unknown tag).
pub(super) fn xpos_at<'m>(m: &'m Model, tags: &[u16], i: usize) -> &'m str {
    m.xpos
        .strings
        .get(tags[i] as usize)
        .map_or("", |s| s.as_str())
}

/// Whether word `k`'s chain of heads reaches one of `to` within a few
/// steps (itself included).
fn reaches(heads: &[u32], mut k: usize, to: &[usize]) -> bool {
    for _ in 0..8 {
        if to.contains(&k) {
            return true;
        }
        match heads[k] {
            u32::MAX => return false,
            h => k = h as usize,
        }
    }
    false
}

/// A capitalised word the tagger never saw in training (no ambiguity
/// class) that it tagged as a verb is a name: `Pyongyang on Thursday fired`
/// (`Pyongyang` a gerund by its `-ng`), `Gondor renewed ties`. Words in
/// `-ing` or `-ed` keep their verb tag (`Reiterating his stance, ...`).
pub(super) fn unknown_names(
    m: &Model,
    text: &str,
    raw: &[tokenize::RawWord],
    info: &[WordInfo],
    tags: &mut [u16],
) {
    let Some(nnp) = m.xpos.strings.iter().position(|t| t == "NNP") else {
        return;
    };
    for ((w, info), tag) in raw.iter().zip(info).zip(tags.iter_mut()) {
        let verb = m
            .xpos
            .strings
            .get(*tag as usize)
            .is_some_and(|t| t.starts_with("VB"));
        if !verb || info.amb != 0 || info.flags & 1 == 0 {
            continue;
        }
        let form = text[w.span.start..w.span.end].to_lowercase();
        if form.ends_with("ing") || form.ends_with("ed") || !form.chars().all(char::is_alphabetic) {
            continue;
        }
        *tag = nnp as u16;
    }
}

/// A sentence the tagger left with no finite verb, whose `-ed` word right
/// after its subject and before an object it tagged as a participle, has
/// that word as its past-tense verb: `The company blamed geological
/// problems`, `Argentina's severe energy crisis forced President Kirchner
/// to suspend`, `the Conservatives accused officials` (read as `blamed`
/// modifying `problems`, the sentence had no verb and its events no
/// actor). Only in a sentence that ends with a full stop (headlines, `Man
/// handed jail term`, are passive and have none), only after a name, a
/// pronoun or a noun that does not open the sentence, and not before a day
/// or a month (`Five people killed Monday`); only the sentence's first
/// participle.
pub(super) fn participles_without_a_finite_verb(
    m: &Model,
    text: &str,
    raw: &[tokenize::RawWord],
    tags: &mut [u16],
) {
    let n = raw.len();
    let Some(vbd) = m.xpos.strings.iter().position(|t| t == "VBD") else {
        return;
    };
    if n < 4 || word_at(text, raw, n - 1) != "." {
        return;
    }
    if (0..n).any(|i| matches!(xpos_at(m, tags, i), "VBD" | "VBZ" | "VBP" | "MD")) {
        return;
    }
    for i in 1..n - 2 {
        let (before, this, after) = (
            xpos_at(m, tags, i - 1),
            xpos_at(m, tags, i),
            xpos_at(m, tags, i + 1),
        );
        let subject = match before {
            "NNP" | "NNPS" | "PRP" => true,
            "NN" | "NNS" => i - 1 > 0,
            _ => false,
        };
        let object = matches!(
            after,
            "DT" | "NN" | "NNS" | "NNP" | "NNPS" | "JJ" | "CD" | "PRP$" | "PRP"
        );
        if this != "VBN" {
            continue;
        }
        let next = word_at(text, raw, i + 1).to_lowercase();
        let when = crate::lexicon::TIME_NOUNS.contains(&next.as_str())
            || crate::lexicon::MONTHS.contains(&next.as_str());
        // Only the sentence's first participle (`Mr Blunkett quit in
        // December after a probe linked him`: `quit` is the verb).
        if subject && object && !when && word_at(text, raw, i).ends_with("ed") {
            tags[i] = vbd as u16;
        }
        return;
    }
}

/// Nouns that take a `to`-infinitive of their own (`efforts to deal with`,
/// `a bid to end`, `the right to vote`).
const INFINITIVE_NOUNS: &[&str] = &[
    "effort",
    "efforts",
    "attempt",
    "attempts",
    "bid",
    "bids",
    "plan",
    "plans",
    "decision",
    "decisions",
    "move",
    "push",
    "drive",
    "campaign",
    "offer",
    "offers",
    "pledge",
    "promise",
    "threat",
    "threats",
    "order",
    "orders",
    "request",
    "readiness",
    "willingness",
    "refusal",
    "failure",
    "right",
    "rights",
    "ability",
    "agreement",
    "opportunity",
    "chance",
    "need",
    "step",
    "steps",
    "initiative",
    "proposal",
    "proposals",
    "mandate",
    "permission",
    "authority",
    "intention",
    "commitment",
    "determination",
    "resolve",
    "pressure",
    "calls",
    "appeal",
    "appeals",
    "demand",
    "demands",
    "mission",
];

/// Re-hangs a `to`-infinitive that the parser made the `xcomp` of a verb
/// on the noun it follows when that noun takes an infinitive of its own:
/// in `Romendacil clashed over the efforts of Eriadori to deal with an orc
/// infestation`, `deal` is what the efforts are for (`acl` of `efforts`),
/// not something Romendacil does. The noun must be the verb's object or
/// oblique (or inside one), and the infinitive must follow the noun's
/// phrase directly.
pub(super) fn infinitives_of_nouns(
    m: &Model,
    text: &str,
    raw: &[tokenize::RawWord],
    heads: &mut [u32],
    labels: &mut [u16],
) {
    let (Some(xcomp), Some(acl)) = (label(m, "xcomp"), label(m, "acl")) else {
        return;
    };
    let form = |i: usize| text[raw[i].span.start..raw[i].span.end].to_lowercase();
    for v in 1..heads.len() {
        let h = heads[v];
        if labels[v] != xcomp || h == u32::MAX || (h as usize) >= v || form(v - 1) != "to" {
            continue;
        }
        // From the word before `to`, up through its heads to the verb: the
        // nearest noun that takes an infinitive.
        let mut x = v.saturating_sub(2);
        let mut noun = None;
        for _ in 0..8 {
            let hx = heads[x];
            if x == h as usize || hx == u32::MAX || x >= v {
                break;
            }
            if INFINITIVE_NOUNS.contains(&form(x).as_str()) {
                noun = Some(x);
                break;
            }
            x = hx as usize;
        }
        let Some(n) = noun else {
            continue;
        };
        // The noun's chain reaches the verb, so the phrase before `to` is
        // one of the verb's own.
        if reaches(heads, n, &[h as usize]) {
            heads[v] = n as u32;
            labels[v] = acl;
        }
    }
}

/// Mends a verb the parser gave two subjects (`nsubj`), which UD never
/// does, in the ways wire copy shows them: a date read as a subject
/// (`Bank Negara Tuesday imposed`) becomes `obl:unmarked`; two subjects joined
/// by `and` or `or` (`The Philippines and France agree`) become a
/// conjunction, the second a `conj` of the first; a name after a
/// description before the same verb is that description's name: after a
/// comma an `appos` (`US representative to the UN, Ambassador William
/// Richardson acknowledged`), else the description is a `compound` of the
/// name (`House of Representatives Speaker Newt Gingrich met`), so that the
/// name heads the subject. A clause the parser hung on the first subject
/// before an attribution (`Protesters clashed ..., witnesses said`) becomes
/// the sentence's main clause, with the attribution its `parataxis`.
pub(super) fn double_subjects(
    m: &Model,
    text: &str,
    raw: &[tokenize::RawWord],
    tags: &[u16],
    heads: &mut [u32],
    labels: &mut [u16],
) {
    let id = |l: &str| label(m, l);
    let (
        Some(nsubj),
        Some(conj),
        Some(cc),
        Some(tmod),
        Some(appos),
        Some(compound),
        Some(acl),
        Some(case),
        Some(nmod),
        Some(relcl),
        Some(advcl),
        Some(parataxis),
        Some(ccomp),
    ) = (
        id("nsubj"),
        id("conj"),
        id("cc"),
        id("obl:unmarked").or_else(|| id("obl:tmod")),
        id("appos"),
        id("compound"),
        id("acl"),
        id("case"),
        id("nmod"),
        id("acl:relcl"),
        id("advcl"),
        id("parataxis"),
        id("ccomp"),
    )
    else {
        return;
    };
    let word = |i: usize| word_at(text, raw, i);
    let form = |i: usize| word(i).to_lowercase();
    let xpos = |i: usize| xpos_at(m, tags, i);
    let nominal = |i: usize| matches!(xpos(i), "NN" | "NNS" | "NNP" | "NNPS");
    let time = |i: usize| crate::lexicon::TIME_NOUNS.contains(&form(i).as_str());
    // The subjects by head, in one pass: (head, word), sorted.
    let mut subjects: Vec<(u32, usize)> = (0..heads.len())
        .filter(|&k| labels[k] == nsubj && heads[k] != u32::MAX)
        .map(|k| (heads[k], k))
        .collect();
    subjects.sort_unstable();
    for pair in subjects.chunk_by(|x, y| x.0 == y.0) {
        let [(h, a), (_, b)] = pair[..] else {
            continue;
        };
        let h = h as usize;
        if time(a) || time(b) {
            labels[if time(a) { a } else { b }] = tmod;
            continue;
        }
        // `Protesters clashed with police ..., witnesses said`: the parser
        // took the first clause's verb for a clause on its subject (`acl`)
        // and gave `said` both subjects. The first clause is the sentence's
        // own and the attribution after the comma its `parataxis`.
        let clause = (a + 1..b).find(|&k| {
            heads[k] == a as u32
                && labels[k] == acl
                && matches!(xpos(k), "VBD" | "VBN" | "VBZ" | "VBP")
                && (k + 1..b).any(|j| word(j) == ",")
        });
        if let (Some(c), true) = (clause, b < h) {
            heads[c] = heads[h];
            labels[c] = labels[h];
            heads[h] = c as u32;
            labels[h] = m.parataxis_label;
            heads[a] = c as u32;
            continue;
        }
        // `Fino, who later returned to Tirana, said ...`: the parser made
        // the relative clause the sentence's head, with the name and `who`
        // both its subjects, and hung the main verb on it. The main verb
        // takes the clause's place and the name as its subject; the clause
        // becomes the name's `acl:relcl`.
        if matches!(xpos(b), "WP" | "WDT") && b < h && (a + 1..b).any(|k| word(k) == ",") {
            let dash = |j: usize| matches!(word(j), "," | "--" | "—");
            // The main verb hangs on the clause, or lower down right after
            // the comma that closes it (`The minister, who said the army
            // would withdraw by June, resigned`: `resigned` a conjunct of
            // `withdraw`).
            let main = (h + 1..heads.len()).find(|&k| {
                [advcl, parataxis, conj, ccomp].contains(&labels[k])
                    && xpos(k).starts_with("VB")
                    && ((heads[k] == h as u32 && (h + 1..k).any(dash))
                        || (dash(k - 1) && reaches(heads, k, &[h])))
            });
            if let Some(c) = main {
                heads[c] = heads[h];
                labels[c] = labels[h];
                for x in heads.iter_mut().skip(c + 1) {
                    if *x == h as u32 {
                        *x = c as u32;
                    }
                }
                heads[h] = a as u32;
                labels[h] = relcl;
                heads[a] = c as u32;
            }
            continue;
        }
        let pronoun = |i: usize| xpos(i) == "PRP";
        if !((nominal(a) || pronoun(a)) && (nominal(b) || pronoun(b)) && b < h) {
            continue;
        }
        if let Some(c) =
            (a + 1..b).find(|&k| labels[k] == cc && matches!(form(k).as_str(), "and" | "or"))
        {
            heads[b] = a as u32;
            labels[b] = conj;
            heads[c] = b as u32;
            continue;
        }
        if pronoun(a) || pronoun(b) {
            continue;
        }
        // Every word between the two belongs to one of them (not `of` taken
        // for a mark of the verb in `Secretary of State Antony Blinken made`,
        // which the event layer reads as it is).
        let belongs = |k: usize| reaches(heads, k, &[a, b]);
        // `Bob Dickey at RBC Dain Rauscher said`: a preposition the parser
        // took for a mark of the verb opens a phrase that modifies the
        // subject before it (not `of`, which the event layer reads in
        // `Secretary of State Antony Blinken made`).
        let prep = (a + 1..b).find(|&k| {
            heads[k] == h as u32
                && matches!(form(k).as_str(), "at" | "from" | "with" | "for" | "in")
                && (k + 1..b).all(belongs)
        });
        if let Some(p) = prep {
            heads[p] = b as u32;
            labels[p] = case;
            heads[b] = a as u32;
            labels[b] = nmod;
            continue;
        }
        let apart = (a + 1..b).all(|k| belongs(k) || word(k) == ",");
        let comma = (a + 1..b).any(|k| word(k) == ",");
        if !apart {
            continue;
        }
        // `Nabih Berri, the parliament speaker, said`: a description after
        // a name between commas is its apposition.
        if comma && matches!(xpos(a), "NNP" | "NNPS") {
            heads[b] = a as u32;
            labels[b] = appos;
            continue;
        }
        if !matches!(xpos(b), "NNP" | "NNPS") {
            continue;
        }
        if comma {
            heads[b] = a as u32;
            labels[b] = appos;
        } else {
            heads[a] = b as u32;
            labels[a] = compound;
        }
    }
}

/// A name the parser made a conjunct of the verb, right after a noun of
/// that verb and a comma, with no conjunction (`He will meet with his
/// Turkish counterpart, Hakan Fidan, while ...`: `Fidan` a `conj` of
/// `meet`), is the noun's apposition.
pub(super) fn appositions_taken_for_conjuncts(
    m: &Model,
    text: &str,
    raw: &[tokenize::RawWord],
    tags: &[u16],
    heads: &mut [u32],
    labels: &mut [u16],
) {
    let id = |l: &str| label(m, l);
    let (Some(conj), Some(appos), Some(cc), Some(obj), Some(obl), Some(nsubj)) = (
        id("conj"),
        id("appos"),
        id("cc"),
        id("obj"),
        id("obl"),
        id("nsubj"),
    ) else {
        return;
    };
    let word = |i: usize| word_at(text, raw, i);
    let xpos = |i: usize| xpos_at(m, tags, i);
    for k in 1..heads.len() {
        let v = heads[k];
        if labels[k] != conj || v == u32::MAX || !matches!(xpos(k), "NNP" | "NNPS") {
            continue;
        }
        let v = v as usize;
        if !xpos(v).starts_with("VB") || v > k {
            continue;
        }
        // The name's first word, and the comma before it.
        let mut first = k;
        while first > 0 && heads[first - 1] == k as u32 && word(first - 1) != "," {
            first -= 1;
        }
        if first < 2 || word(first - 1) != "," {
            continue;
        }
        let n = first - 2;
        let noun = matches!(xpos(n), "NN" | "NNS" | "NNP" | "NNPS");
        let of_verb = heads[n] == v as u32 && [obj, obl, nsubj].contains(&labels[n]);
        // A conjunction hangs on its conjunct before it (`, and Hakan Fidan`).
        let coordinated = (n + 1..k).any(|j| heads[j] == k as u32 && labels[j] == cc);
        if noun && of_verb && !coordinated {
            heads[k] = n as u32;
            labels[k] = appos;
        }
    }
}

/// Verbs of saying and believing whose clause may open with its subject
/// and no `that` (`said states had to work`, `believes the plan will fail`).
const CLAUSE_VERBS: &[&str] = &[
    "say",
    "said",
    "says",
    "saying",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "insist",
    "insists",
    "insisted",
    "insisting",
    "argue",
    "argues",
    "argued",
    "arguing",
    "believe",
    "believes",
    "believed",
    "believing",
    "think",
    "thinks",
    "thought",
    "thinking",
    "admit",
    "admits",
    "admitted",
    "admitting",
    "stress",
    "stresses",
    "stressed",
    "stressing",
    "suggest",
    "suggests",
    "suggested",
    "suggesting",
    "acknowledge",
    "acknowledges",
    "acknowledged",
    "acknowledging",
    "fear",
    "fears",
    "feared",
    "fearing",
    "hope",
    "hopes",
    "hoped",
    "hoping",
    "reckon",
    "reckons",
    "reckoned",
    "add",
    "adds",
    "added",
    "adding",
    "predict",
    "predicts",
    "predicted",
    "predicting",
    "maintain",
    "maintains",
    "maintained",
];

/// A clause after a verb of saying with no `that` whose subject the parser
/// took for the verb's object (`Mr Blair said states had to work with the
/// US`, `Macrovision says its new technology will thwart most programs`,
/// `Mr Clarke said it would be a way`): the object, followed at once by a
/// finite verb (or a predicate with a finite auxiliary or copula) that has
/// no subject, becomes that verb's `nsubj`, and the verb the saying verb's
/// `ccomp`, as UD annotates it.
pub(super) fn subjects_taken_for_objects(
    m: &Model,
    text: &str,
    raw: &[tokenize::RawWord],
    tags: &[u16],
    heads: &mut [u32],
    labels: &mut [u16],
) {
    let Some(l) = Labels::of(m) else {
        return;
    };
    let form = |i: usize| word_at(text, raw, i).to_lowercase();
    let xpos = |i: usize| xpos_at(m, tags, i);
    for o in 0..heads.len() {
        let v = heads[o];
        if labels[o] != l.obj || v == u32::MAX || (v as usize) >= o {
            continue;
        }
        let v = v as usize;
        if !xpos(v).starts_with("VB") || !CLAUSE_VERBS.contains(&form(v).as_str()) {
            continue;
        }
        if !matches!(xpos(o), "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "CD" | "DT") {
            continue;
        }
        if let Some(c) = clause_after_object(&l, &xpos, heads, labels, v, o) {
            heads[o] = c as u32;
            labels[o] = l.nsubj;
            heads[c] = v as u32;
            labels[c] = l.ccomp;
        }
    }
}

/// A list of names the parser read as a name and its apposition (`The
/// United States, Britain and France launched`: `Britain` an `appos` of
/// `States` and `France` a `conj` of `Britain`; `Mordor, the Shire, Fornost
/// and Bree`) or as a name and an unmarked modifier (`Arnor, Calenardhon
/// and Gondor`): a name after a comma, hung on a name before it, is a
/// conjunct of that name when the list goes on to a name after `and` or
/// `or`. Every conjunct of the list then hangs on the first, as UD
/// attaches them. A description between commas (`Nabih Berri, the
/// parliament speaker, said`) stays an apposition, and a title is left as
/// the parser hung it.
pub(super) fn lists_taken_for_appositions(
    m: &Model,
    text: &str,
    raw: &[tokenize::RawWord],
    tags: &[u16],
    heads: &mut [u32],
    labels: &mut [u16],
) {
    let Some(l) = Labels::of(m) else {
        return;
    };
    let word = |i: usize| word_at(text, raw, i);
    let name = |i: usize| matches!(xpos_at(m, tags, i), "NNP" | "NNPS");
    let n = heads.len();
    for b in 0..n {
        let a = heads[b];
        let hung = labels[b] == l.appos || Some(labels[b]) == l.nmod_unmarked;
        if a == u32::MAX || (a as usize) >= b || !hung || !name(b) || !name(a as usize) {
            continue;
        }
        let a = a as usize;
        // A title between commas describes the name before it.
        if !(a + 1..b).any(|k| word(k) == ",") || crate::lexicon::roles::may_end_title(word(b)) {
            continue;
        }
        // The rest of the list: conjuncts hung on `b` (and on them), or on
        // `a` after `b`.
        let mut rest: Vec<usize> = (b + 1..n)
            .filter(|&c| labels[c] == l.conj && heads[c] == a as u32)
            .collect();
        let mut i = 0;
        let mut from = vec![b];
        while i < from.len() && from.len() < 64 {
            let w = from[i] as u32;
            from.extend((b + 1..n).filter(|&c| labels[c] == l.conj && heads[c] == w));
            i += 1;
        }
        rest.extend_from_slice(&from[1..]);
        let closed = rest.iter().any(|&c| {
            name(c)
                && (b + 1..c).any(|k| {
                    heads[k] == c as u32
                        && labels[k] == l.cc
                        && matches!(word(k).to_lowercase().as_str(), "and" | "or")
                })
        });
        if !closed {
            continue;
        }
        heads[b] = a as u32;
        labels[b] = l.conj;
        for c in rest {
            heads[c] = a as u32;
        }
    }
}

/// A clause opened by a subordinator that is also a preposition, whose
/// subject is a name after a common noun, read as a prepositional phrase
/// and a clause of its own: `a day after Palestinian president Mahmud
/// Abbas said that ...` with `after president` a modifier of `came` and
/// `said` its `parataxis`; `as Olympic gold medallists Australia opened`,
/// `while orthodox spinner Nicky Boje was left out`. The verb becomes an
/// `advcl` of the word it hangs on, the subordinator its `mark`,
/// the noun a `compound` of the name, and the name the verb's subject
/// (also where the parser hung it on the noun, as an apposition, and left
/// the verb with no subject). Only when the subordinator opens the noun's
/// phrase, the noun has no dependent after it but the name, the name
/// follows the noun at once, the verb is finite (or has a finite
/// auxiliary) and hangs on the same word as the noun (or on the head of
/// that word), and no comma comes
/// between them; not after a number (`after seven years Labour had`), nor
/// with a day or a month for the name (`as news reports Friday said`).
pub(super) fn clauses_taken_for_phrases(
    m: &Model,
    text: &str,
    raw: &[tokenize::RawWord],
    tags: &[u16],
    heads: &mut [u32],
    labels: &mut [u16],
) {
    let Some(l) = Labels::of(m) else {
        return;
    };
    let xpos = |i: usize| xpos_at(m, tags, i);
    let finite = |t: &str| matches!(t, "VBD" | "VBZ" | "VBP" | "MD");
    let n = heads.len();
    for i in 0..n {
        let h = heads[i];
        if labels[i] != l.case || h == u32::MAX || h as usize <= i {
            continue;
        }
        if !matches!(
            word_at(text, raw, i).to_lowercase().as_str(),
            "after" | "before" | "since" | "until" | "as"
        ) {
            continue;
        }
        let noun = h as usize;
        let name = noun + 1;
        if !matches!(xpos(noun), "NN" | "NNS") || name >= n || !xpos(name).starts_with("NNP") {
            continue;
        }
        // A day or a month is no subject (`as news reports Friday said`).
        let name_word = word_at(text, raw, name).to_lowercase();
        if crate::lexicon::TIME_NOUNS.contains(&name_word.as_str())
            || crate::lexicon::MONTHS.contains(&name_word.as_str())
        {
            continue;
        }
        let outer = heads[noun];
        // The subordinator opens the noun's phrase, which ends at the noun
        // or, when the parser hung the name on the noun, at the name.
        let name_on_noun = heads[name] == noun as u32;
        // A counted noun is a span of time (`said after seven years Labour
        // had ...`).
        if outer == u32::MAX
            || !(i + 1..noun).all(|k| heads[k] == noun as u32 && xpos(k) != "CD")
            || (noun + 1..n).any(|k| heads[k] == noun as u32 && (k != name || !name_on_noun))
        {
            continue;
        }
        // The clause's verb: the name's own (`Abbas said`), or, with the
        // name hung on the noun, the word right after the name's words,
        // with no subject of its own.
        let verb = if name_on_noun {
            let Some(v) = (name + 1..n).find(|&k| !xpos(k).starts_with("NNP")) else {
                continue;
            };
            if !(name + 1..v).all(|k| heads[k] == name as u32)
                || (0..n)
                    .any(|k| heads[k] == v as u32 && [l.nsubj, l.nsubj_pass].contains(&labels[k]))
            {
                continue;
            }
            v
        } else if [l.nsubj, l.nsubj_pass].contains(&labels[name]) && heads[name] != u32::MAX {
            heads[name] as usize
        } else {
            continue;
        };
        // The verb hangs where the phrase did, or on the verb whose object
        // the phrase was hung on (`scored the only goal as hosts`).
        let beside = heads[verb] != u32::MAX
            && (heads[verb] == outer || heads[outer as usize] == heads[verb]);
        if verb <= name || !beside || (noun..verb).any(|k| word_at(text, raw, k) == ",") {
            continue;
        }
        let auxes = (name + 1..verb).filter(|&k| heads[k] == verb as u32 && labels[k] == l.aux);
        if !finite(xpos(verb)) && !auxes.into_iter().any(|k| finite(xpos(k))) {
            continue;
        }
        // No cycle: the verb keeps its head, and neither the name nor the
        // verb is under the noun or the subordinator.
        labels[verb] = l.advcl;
        heads[i] = verb as u32;
        labels[i] = l.mark;
        heads[noun] = name as u32;
        labels[noun] = l.compound;
        if name_on_noun {
            heads[name] = verb as u32;
            labels[name] = l.nsubj;
        }
    }
}

/// The relations [`subjects_taken_for_objects`],
/// [`lists_taken_for_appositions`] and [`clauses_taken_for_phrases`] read.
struct Labels {
    obj: u16,
    nsubj: u16,
    nsubj_pass: u16,
    ccomp: u16,
    acl: u16,
    relcl: u16,
    parataxis: u16,
    advcl: u16,
    aux: u16,
    cop: u16,
    appos: u16,
    conj: u16,
    cc: u16,
    case: u16,
    mark: u16,
    compound: u16,
    nmod_unmarked: Option<u16>,
}

impl Labels {
    /// The model's ids of the relations, `None` when one is missing.
    fn of(m: &Model) -> Option<Labels> {
        let id = |l: &str| label(m, l);
        Some(Labels {
            obj: id("obj")?,
            nsubj: id("nsubj")?,
            nsubj_pass: id("nsubj:pass")?,
            ccomp: id("ccomp")?,
            acl: id("acl")?,
            relcl: id("acl:relcl")?,
            parataxis: id("parataxis")?,
            advcl: id("advcl")?,
            aux: id("aux")?,
            cop: id("cop")?,
            appos: id("appos")?,
            conj: id("conj")?,
            cc: id("cc")?,
            case: id("case")?,
            mark: id("mark")?,
            compound: id("compound")?,
            nmod_unmarked: id("nmod:unmarked"),
        })
    }
}

/// The verb of the clause whose subject is the object `o` of verb `v`: a
/// child of `o` or of `v` after `o`, with no subject of its own, finite
/// (or with a finite auxiliary or copula), whose words start right after
/// the object's phrase.
fn clause_after_object<'m>(
    l: &Labels,
    xpos: &impl Fn(usize) -> &'m str,
    heads: &[u32],
    labels: &[u16],
    v: usize,
    o: usize,
) -> Option<usize> {
    let n = heads.len();
    let finite = |t: &str| matches!(t, "VBD" | "VBZ" | "VBP" | "MD");
    // Whether word `k` hangs on the object (not through `c`).
    let on_object = |k: usize, c: usize| {
        let mut x = k;
        for _ in 0..8 {
            if x == o {
                return true;
            }
            if x == c || heads[x] == u32::MAX {
                return false;
            }
            x = heads[x] as usize;
        }
        false
    };
    (o + 1..n).find(|&c| {
        let h = heads[c];
        let attached = (h == o as u32 && [l.acl, l.relcl].contains(&labels[c]))
            || (h == v as u32 && [l.ccomp, l.parataxis, l.advcl].contains(&labels[c]));
        if !attached {
            return false;
        }
        let kids: Vec<usize> = (0..n).filter(|&k| heads[k] == c as u32).collect();
        if kids
            .iter()
            .any(|&k| labels[k] == l.nsubj || labels[k] == l.nsubj_pass)
        {
            return false;
        }
        let auxes: Vec<usize> = kids
            .iter()
            .copied()
            .filter(|&k| k < c && (labels[k] == l.aux || labels[k] == l.cop))
            .collect();
        if !finite(xpos(c)) && !auxes.iter().any(|&k| finite(xpos(k))) {
            return false;
        }
        // Nothing between the object's phrase and the clause but the
        // clause's own auxiliaries and adverbs: no comma, no `who`.
        let start = auxes.first().copied().unwrap_or(c);
        (o + 1..start).all(|k| on_object(k, c))
            && (start..c).all(|k| heads[k] == c as u32 && !matches!(xpos(k), "WDT" | "WP" | "IN"))
    })
}
