//! Word lists and word tests: number words, scales, vague amounts, the
//! words that open a name or code, end a noun phrase, place a figure or
//! name an attack.

/// The value of a number word from `zero` to `ninety`.
pub(super) fn small_number(w: &str) -> Option<f64> {
    const W: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const T: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = W.iter().position(|x| x.eq_ignore_ascii_case(w)) {
        return Some(i as f64);
    }
    T.iter()
        .position(|x| x.eq_ignore_ascii_case(w))
        .map(|i| (i as f64 + 2.0) * 10.0)
}

/// A scale word after a number: `million`, `bn`.
pub(super) fn scale_word(w: &str) -> Option<f64> {
    const S: [(&str, f64); 11] = [
        ("hundred", 1e2),
        ("thousand", 1e3),
        ("million", 1e6),
        ("mn", 1e6),
        ("mln", 1e6),
        ("billion", 1e9),
        ("bn", 1e9),
        ("bln", 1e9),
        ("trillion", 1e12),
        ("tn", 1e12),
        ("trn", 1e12),
    ];
    S.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(w))
        .map(|(_, v)| *v)
}

/// A vague amount: `dozens` (24 or more), `hundreds`, `thousands`.
pub(super) fn vague_word(w: &str) -> Option<f64> {
    const V: [(&str, f64); 7] = [
        ("dozens", 24.0),
        ("scores", 40.0),
        ("hundreds", 200.0),
        ("thousands", 2e3),
        ("millions", 2e6),
        ("billions", 2e9),
        ("tens", 20.0),
    ];
    V.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(w))
        .map(|(_, v)| *v)
}

/// Words that open a number's name or code (`Flight 447`, `version 10.4`).
#[rustfmt::skip]
pub(super) const IDENT_WORDS: &[&str] = &[
    "no", "nos", "number", "version", "chapter", "article", "section", "flight", "route",
    "highway", "resolution", "room", "platform", "gate", "page", "pages", "line", "level",
    "category", "phase", "grade", "model", "type", "class", "item", "paragraph", "clause",
    "amendment", "channel", "terminal", "block", "row", "seat", "stage", "season", "episode",
    "series", "volume", "code", "figure", "table", "bill", "act", "division", "district",
    "ward", "sector", "zone", "cell", "unit", "tier", "step", "round", "game", "match", "lane",
    "exit", "suite", "apartment", "floor", "building", "hall", "pier", "berth", "track", "ch",
    "vol", "p", "pp", "art", "sec", "op", "box", "po", "g", "sd", "am", "pm",
];

/// Capitalised words that may stand before a number without naming it.
#[rustfmt::skip]
pub(super) const OPEN_WORDS: &[&str] = &[
    "the", "of", "in", "by", "for", "to", "with", "only", "just", "all", "another", "these",
    "those", "at", "about", "and", "but", "some", "over", "nearly", "almost", "around",
    "roughly", "approximately", "more", "fewer", "less", "up", "under", "an", "a", "since",
    "after", "before", "from", "among", "including", "while", "when", "as", "than", "least",
    "kill", "kills", "killed", "killing", "wounds", "injures", "leaves", "left", "dead", "die",
    "dies", "say", "says", "said", "claim", "claims", "dozens", "estimated", "total", "net",
    "are", "were", "was", "is", "had", "has", "have", "been", "be", "on", "still", "reported",
    "reports", "toll", "rises", "rose", "reaches", "hits", "tops", "top", "exceeds",
    "surpasses", "passes", "nears", "arrested", "detained", "injured", "wounded", "between",
    "or", "if", "into", "every", "each", "per", "against", "out",
];

/// Words that end what a counted noun phrase can be.
#[rustfmt::skip]
pub(super) const NP_STOP: &[&str] = &[
    "in", "on", "at", "of", "from", "to", "for", "with", "by", "since", "after", "before",
    "during", "near", "along", "across", "into", "over", "under", "against", "among",
    "including", "than", "per", "a", "an", "the", "but", "that", "which", "who", "whom",
    "whose", "while", "when", "as", "because", "if", "have", "has", "had", "been", "were",
    "was", "are", "is", "be", "being", "will", "would", "could", "should", "may", "might",
    "must", "can", "did", "do", "does", "said", "say", "says", "this", "these", "those", "its",
    "his", "her", "their", "our", "my", "your", "it", "they", "he", "she", "we", "you", "them",
    "us", "so", "also", "not", "no", "or", "and", "each", "every", "last", "ago", "earlier",
    "later", "more", "less", "between", "out", "up", "down", "off", "via", "about", "around",
    "through", "throughout", "inside", "outside", "within", "without", "where", "there",
    "here", "now", "then", "yet", "still", "just", "only", "according", "amid", "despite",
    "toward", "towards", "upon", "plus", "minus",
];

/// Words between a counted noun phrase and its participle (`have been`).
#[rustfmt::skip]
pub(super) const AUX: &[&str] = &[
    "have", "has", "had", "been", "were", "was", "are", "is", "be", "being", "reportedly",
    "also", "now", "so", "far", "already", "allegedly", "all", "who", "since", "feared",
    "believed", "thought", "confirmed", "said", "to", "left", "lay", "lie", "lying", "remain",
    "remained", "remains", "either", "or", "not", "later", "subsequently",
];

/// Words before a place name that make it where a figure happened.
#[rustfmt::skip]
pub(super) const LOCATIVE: &[&str] = &[
    "in", "along", "near", "across", "at", "inside", "outside", "throughout", "around", "into",
    "on", "within", "off",
];

/// Nouns of violence after which `of`/`on` + a place is where it happened.
#[rustfmt::skip]
pub(super) const ATTACK_NOUNS: &[&str] = &[
    "bombardment", "shelling", "attack", "attacks", "strike", "strikes", "airstrike",
    "airstrikes", "raid", "raids", "siege", "invasion", "bombing", "bombings", "offensive",
    "assault", "war", "blockade", "incursion", "operation", "campaign", "occupation",
    "fighting", "clashes",
];

/// Nouns that describe a place already named (`the enclave`), with the
/// place subtype they can refer to (`None`: any).
pub(super) fn place_description(w: &str) -> Option<Option<&'static str>> {
    Some(match w.to_ascii_lowercase().as_str() {
        "enclave" | "strip" | "territory" | "territories" | "area" | "region" => None,
        "city" | "town" | "village" | "capital" => Some("city"),
        "country" | "nation" => Some("country"),
        "province" | "state" | "governorate" => Some("region"),
        _ => return None,
    })
}

/// Nouns after a place name that stay part of where (`the Lebanon-Israel border`).
#[rustfmt::skip]
pub(super) const PLACE_TAIL: &[&str] = &[
    "border", "borders", "frontier", "region", "area", "areas", "crossing", "coast",
    "province", "city", "district", "camp", "strip", "valley", "countryside", "governorate",
    "state", "border-area",
];

/// Whether `w` is in `list` (ignoring ASCII case).
pub(super) fn is_in(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Looks plural: `civilians`, `Palestinians`, `attacks` (not `its`, `class`).
pub(super) fn plural_looking(w: &str) -> bool {
    let lw = w.to_ascii_lowercase();
    lw.len() > 3
        && lw.ends_with('s')
        && !lw.ends_with("ss")
        && !lw.ends_with("us")
        && !lw.ends_with("is")
        && !is_in(NP_STOP, &lw)
        && !matches!(
            lw.as_str(),
            "news"
                | "always"
                | "perhaps"
                | "series"
                | "species"
                | "whereas"
                | "towards"
                | "sometimes"
                | "afterwards"
                | "besides"
                | "unless"
                | "yes"
        )
}

/// Words that may stand between a trigger and the figure it governs
/// (`killed at least 12`, `killing the four`).
pub(super) const LEFT_SKIP: &[&str] = &["the", "a", "an", "another", "also", "reportedly", "some"];

/// Verbs that make their subject the actor of counted attacks.
#[rustfmt::skip]
pub(super) const ATTACK_VERBS: &[&str] = &[
    "launched", "launching", "fired", "firing", "conducted", "claimed", "staged", "mounted",
    "carried", "out", "killed", "killing", "wounded", "wounding", "injured", "injuring",
    "abducted", "kidnapped", "arrested", "detained", "seized",
];

/// Words that end an actor phrase read leftwards.
#[rustfmt::skip]
pub(super) const ACTOR_STOP: &[&str] = &[
    "after", "before", "when", "that", "which", "who", "as", "of", "since", "while", "and",
    "but", "because", "if", "said", "says", "following", "where", "in", "on", "at", "with",
    "to", "for", "from", "by", "than", "then", "reports", "report", "amid", "during", "whom",
];

/// Prepositions that open a phrase modifying a noun (`a bomber at a
/// checkpoint`, `gunmen in a car`).
pub(super) const PREPOSITIONS: &[&str] = &[
    "at", "in", "on", "near", "from", "with", "inside", "outside", "of",
];
