//! The figure layer: every number the story states (counts, sums of money,
//! percentages, quantities), read as a claim an analyst can check.
//!
//! Numbers are read in every form news uses: digits with separators and
//! scales (`9,500`, `1.2 million`, `$3bn`), words (`four`, `a dozen`,
//! `twenty-five`), vague amounts (`dozens of`, `hundreds`, `tens of
//! thousands`), ranges (`20 to 30`, `between 20 and 30`), percentages, money
//! with its currency and quantities with their unit. A bounding phrase sets
//! the bound (`more than 9,500` is a lower bound, `up to 30` an upper one,
//! `about 1,100` approximate); vague amounts get a lower bound (`dozens` is 24
//! or more).
//!
//! A count is read as a claim: what is counted (`people`, `drone and missile
//! attacks`), the category of what happened to it (killed, wounded, attacks,
//! ...; the lexicon `data/figures.tsv`), the whole it is part of (`four
//! civilians, including three children`), the place (a place named after a
//! locative word, or a description such as `the enclave` resolved to the
//! article's most mentioned fitting place), the date (from the time layer),
//! the actor (`Hamas fighters killed ...`, `... claimed by X`, `in Israel's
//! bombardment`) and the source, when the figure is inside an attributed
//! statement of the quote layer.
//!
//! Not figures: dates and times (the time layer has them), years, ordinals,
//! numbers that are part of names (`Covid-19`, `Boeing 737`, `Chapter 11`,
//! `No. 10`), phone numbers, clock times, scores and model numbers
//! (`2-1`, `737-800`), and spelled numbers that count nothing (`one of`).
//!
//! ```
//! use dateline::{Bound, Config, Extractor, FigureKind};
//!
//! let ex = Extractor::new(Config::default())?;
//! let out = ex.extract_text(
//!     " date 2023-11-06 Hamas fighters killed more than 1,400 people in Israel on October 7.",
//! )?;
//! let f = &out.figures.as_deref().unwrap()[0];
//! assert_eq!(f.text, "more than 1,400");
//! assert_eq!((f.kind, f.bound, f.low), (FigureKind::Count, Bound::Lower, Some(1400.0)));
//! assert_eq!(f.counted.as_deref(), Some("people"));
//! assert_eq!(f.category.as_deref(), Some("killed"));
//! assert_eq!(f.place.as_deref(), Some("Israel"));
//! assert_eq!(f.date.as_deref(), Some("2023-10-07"));
//! assert_eq!(f.actor.as_deref(), Some("Hamas fighters"));
//! # Ok::<(), dateline::Error>(())
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::entities::{EntityKind, Mention};
use crate::quotes::{Quote, MAX_QUOTE_BYTES};
use crate::span::Span;
use crate::time::{Timex, TimexKind};

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// A number of things or people: `four civilians`, `dozens of attacks`.
    Count,
    /// A sum of money: `$3bn`, `US$ 14 billion`, `26 cents`.
    Money,
    /// A percentage: `35 %`, `six percent`.
    Percent,
    /// Any other amount: a quantity with a unit (`9,420 nautical miles`),
    /// an age, a fraction (`about a quarter`), or a bare number.
    Quantity,
}

impl FigureKind {
    /// The kind's name in output (`count`).
    pub fn as_str(&self) -> &'static str {
        match self {
            FigureKind::Count => "count",
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Quantity => "quantity",
        }
    }

    /// The value type of the evaluation format: `MONEY`, `PERCENT` or
    /// `QUANTITY` (counts are quantities there).
    pub fn eval_type(&self) -> &'static str {
        match self {
            FigureKind::Money => "MONEY",
            FigureKind::Percent => "PERCENT",
            FigureKind::Count | FigureKind::Quantity => "QUANTITY",
        }
    }
}

/// How the text bounds a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    /// Stated exactly: `four civilians`, `a total of 12`.
    Exact,
    /// A lower bound: `more than 9,500`, `at least 12`, `dozens`.
    Lower,
    /// An upper bound: `up to 30`, `nearly 100`, `fewer than 10`.
    Upper,
    /// Approximate: `about 1,100`, `some 200`, `an estimated 5,000`.
    Approx,
    /// A range: `20 to 30`, `between 20 and 25 percent`.
    Range,
}

impl Bound {
    /// The bound's name in output (`lower`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::Lower => "lower",
            Bound::Upper => "upper",
            Bound::Approx => "approx",
            Bound::Range => "range",
        }
    }
}

/// One figure: a number the article states, with what it counts and, for
/// counts, the claim around it. Offsets are bytes into the article text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// First byte of the amount, bounding words included (`more than 9,500`,
    /// `US$ 14 billion`, `35 %`).
    pub start: usize,
    /// One past the last byte of the amount.
    pub end: usize,
    /// The amount as written.
    pub text: String,
    /// What the figure measures.
    pub kind: FigureKind,
    /// The number stated (`9500` for `more than 9,500`, `0.26` for `26
    /// cents`, the first number of a range); absent for vague amounts
    /// (`dozens`).
    pub value: Option<f64>,
    /// The least the text allows (`9500` for `more than 9,500`, `24` for
    /// `dozens`); equal to `value` when exact; absent when unbounded below.
    pub low: Option<f64>,
    /// The most the text allows; absent when unbounded above.
    pub high: Option<f64>,
    /// How the text bounds the number.
    pub bound: Bound,
    /// Unit: an ISO 4217 code for money (`USD`), `%` (or `percentage
    /// points`) for percentages, the unit of a quantity (`km`, `t`,
    /// `years` for an age, `fraction`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What is counted, as written (`people`, `drone and missile attacks`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted: Option<String>,
    /// Byte span of `counted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_start: Option<usize>,
    /// One past the last byte of `counted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_end: Option<usize>,
    /// The class of what is counted: `person`, `attack`, `event`,
    /// `building`, `place`, `vehicle`, `animal`, `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_class: Option<String>,
    /// What happened to what is counted: `killed`, `wounded`, `casualties`,
    /// `missing`, `kidnapped`, `arrested`, `displaced`, `evacuated`,
    /// `affected`, `sick`, `protest`, `seized`, `attacks`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The GDELT GKG count type of the category (`KILL`, `WOUND`, `KIDNAP`,
    /// `ARREST`, `AFFECT`, `PROTEST`, `SEIZE`), where one matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdelt: Option<String>,
    /// The word that gives the category (`killed`, `killing`), when it is
    /// not the counted noun itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
    /// Byte span of `trigger`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_start: Option<usize>,
    /// One past the last byte of `trigger`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_end: Option<usize>,
    /// Index (in this list) of the figure this one is part of: `three
    /// children` in `four civilians, including three children`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<usize>,
    /// Where, as written (`Israel`, `the Lebanon-Israel border`, `the
    /// densely populated enclave`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Byte span of `place`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_start: Option<usize>,
    /// One past the last byte of `place`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_end: Option<usize>,
    /// Index (in the article's mentions) of the place mention it names or
    /// describes (for `the enclave`, the place it refers to).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_mention: Option<usize>,
    /// The place's name as resolved (`Gaza` for `the enclave`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_name: Option<String>,
    /// ISO 3166 codes of the countries the place lies in (two for
    /// `the Lebanon-Israel border`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub place_countries: Vec<String>,
    /// When: the TIMEX3 value of the date the figure refers to
    /// (`2023-10-07`), or an interval for `since` (`2023-10-07/2023-11-06`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Byte span of the temporal expression giving `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_start: Option<usize>,
    /// One past the last byte of that expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_end: Option<usize>,
    /// Who did it, as written (`Hamas fighters`, `an Israeli air raid`,
    /// `the Islamic Resistance in Iraq`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Byte span of `actor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_start: Option<usize>,
    /// One past the last byte of `actor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_end: Option<usize>,
    /// The name in the actor (`Hamas`, `Israeli`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_entity: Option<String>,
    /// Who says so, as written: the source of the attributed statement
    /// holding the figure (`the health ministry` of `the health ministry
    /// said ...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The entity that source resolves to (the quote layer's speaker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_entity: Option<String>,
    /// Index (in the article's quotes) of that statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_quote: Option<usize>,
    /// Index of the headline or sentence holding the figure: headlines
    /// first, then sentences, in text order (as for mentions).
    pub segment: usize,
}

impl Figure {
    /// The amount's byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// True when the figure is a counted claim: a count of people or things
    /// (`four civilians`), or a bare number with a category (`killing 12`).
    pub fn is_claim(&self) -> bool {
        self.kind == FigureKind::Count
    }
}

// ------------------------------------------------------------------ lexicon

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ModBound {
    Lower,
    Upper,
    Approx,
    Exact,
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Bounding phrases, as lower-case word sequences, longest first.
    modifiers: Vec<(Vec<&'static str>, ModBound)>,
    currency: HashMap<&'static str, &'static str>,
    money: HashMap<&'static str, &'static str>,
    units: HashMap<&'static str, &'static str>,
    /// noun form -> (class, category)
    nouns: HashMap<&'static str, (&'static str, Option<&'static str>)>,
    triggers: HashMap<&'static str, &'static str>,
}

/// The lexicon of `data/figures.tsv`, built once.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon {
            modifiers: Vec::new(),
            currency: HashMap::new(),
            money: HashMap::new(),
            units: HashMap::new(),
            nouns: HashMap::new(),
            triggers: HashMap::new(),
        };
        for line in include_str!("../../data/figures.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(section), Some(words), Some(value)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            match section {
                "modifier" => {
                    let bound = match value {
                        "lower" => ModBound::Lower,
                        "upper" => ModBound::Upper,
                        "exact" => ModBound::Exact,
                        _ => ModBound::Approx,
                    };
                    // `approx.`: the tokenizer reads the dot as a token of its own
                    let mut seq = Vec::new();
                    for w in words.split(' ') {
                        match w.strip_suffix('.') {
                            Some(stem) if !stem.is_empty() => seq.extend([stem, "."]),
                            _ => seq.push(w),
                        }
                    }
                    lex.modifiers.push((seq, bound));
                }
                "currency" => {
                    lex.currency.insert(words, value);
                }
                "money" => words.split(' ').for_each(|w| {
                    lex.money.insert(w, value);
                }),
                "unit" => words.split(' ').for_each(|w| {
                    lex.units.insert(w, value);
                }),
                "noun" => {
                    let (class, cat) = match value.split_once(':') {
                        Some((c, k)) => (c, Some(k)),
                        None => (value, None),
                    };
                    words.split(' ').for_each(|w| {
                        lex.nouns.insert(w, (class, cat));
                    });
                }
                "trigger" => words.split(' ').for_each(|w| {
                    lex.triggers.insert(w, value);
                }),
                _ => {}
            }
        }
        lex.modifiers
            .sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        lex
    })
}

/// The GDELT GKG count type of a category.
fn gdelt_of(category: &str) -> Option<&'static str> {
    Some(match category {
        "killed" => "KILL",
        "wounded" => "WOUND",
        "kidnapped" => "KIDNAP",
        "arrested" => "ARREST",
        "displaced" | "evacuated" | "affected" | "missing" | "sick" => "AFFECT",
        "protest" => "PROTEST",
        "seized" => "SEIZE",
        _ => return None,
    })
}

// ---------------------------------------------------------------- tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tk {
    Word,
    Num,
    Sym,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    kind: Tk,
    /// No space between this token and the one before.
    glued: bool,
}

/// Splits `span` of `text` into words, numbers (digits with `,` thousands
/// separators and a decimal point), currency/percent symbols and other
/// characters.
fn tokenize(text: &str, span: Span, out: &mut Vec<Tok>) {
    out.clear();
    let s = &text[span.start..span.end];
    let b = s.as_bytes();
    let mut i = 0;
    let mut glued = false;
    while i < b.len() {
        let c = match s[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        if c.is_whitespace() {
            glued = false;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind = if c.is_ascii_digit() {
            i += 1;
            loop {
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                if i + 1 < b.len() && b[i] == b',' && b[i + 1].is_ascii_digit() {
                    let run = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
                    if run == 3 {
                        i += 1;
                        continue;
                    }
                } else if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
                    i += 1;
                    continue;
                }
                break;
            }
            Tk::Num
        } else if c.is_alphabetic() {
            i += c.len_utf8();
            while let Some(d) = s[i..].chars().next() {
                if !d.is_alphabetic() {
                    break;
                }
                i += d.len_utf8();
            }
            Tk::Word
        } else if matches!(c, '$' | '£' | '€' | '¥' | '%' | '₹' | '₪') {
            i += c.len_utf8();
            Tk::Sym
        } else {
            i += c.len_utf8();
            Tk::Punct
        };
        out.push(Tok {
            start: span.start + start,
            end: span.start + i,
            kind,
            glued,
        });
        glued = true;
    }
}

fn small_number(w: &str) -> Option<f64> {
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
fn scale_word(w: &str) -> Option<f64> {
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
fn vague_word(w: &str) -> Option<f64> {
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
const IDENT_WORDS: &[&str] = &[
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
const OPEN_WORDS: &[&str] = &[
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
const NP_STOP: &[&str] = &[
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
const AUX: &[&str] = &[
    "have", "has", "had", "been", "were", "was", "are", "is", "be", "being", "reportedly",
    "also", "now", "so", "far", "already", "allegedly", "all", "who", "since", "feared",
    "believed", "thought", "confirmed", "said", "to", "left", "lay", "lie", "lying", "remain",
    "remained", "remains", "either", "or", "not", "later", "subsequently",
];

/// Words before a place name that make it where a figure happened.
#[rustfmt::skip]
const LOCATIVE: &[&str] = &[
    "in", "along", "near", "across", "at", "inside", "outside", "throughout", "around", "into",
    "on", "within", "off",
];

/// Nouns of violence after which `of`/`on` + a place is where it happened.
#[rustfmt::skip]
const ATTACK_NOUNS: &[&str] = &[
    "bombardment", "shelling", "attack", "attacks", "strike", "strikes", "airstrike",
    "airstrikes", "raid", "raids", "siege", "invasion", "bombing", "bombings", "offensive",
    "assault", "war", "blockade", "incursion", "operation", "campaign", "occupation",
    "fighting", "clashes",
];

/// Nouns that describe a place already named (`the enclave`), with the
/// place subtype they can refer to (`None`: any).
fn place_description(w: &str) -> Option<Option<&'static str>> {
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
const PLACE_TAIL: &[&str] = &[
    "border", "borders", "frontier", "region", "area", "areas", "crossing", "coast",
    "province", "city", "district", "camp", "strip", "valley", "countryside", "governorate",
    "state", "border-area",
];

fn is_in(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Looks plural: `civilians`, `Palestinians`, `attacks` (not `its`, `class`).
fn plural_looking(w: &str) -> bool {
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

// ---------------------------------------------------------------- reading

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    lex: &'static Lexicon,
}

impl<'a> Ctx<'a> {
    fn s(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    fn s_at(&self, i: usize) -> Option<&'a str> {
        (i < self.toks.len()).then(|| self.s(i))
    }

    fn is(&self, i: usize, w: &str) -> bool {
        i < self.toks.len() && self.s(i).eq_ignore_ascii_case(w)
    }

    fn word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == Tk::Word
    }

    fn lower(&self, i: usize) -> String {
        self.s(i).to_lowercase()
    }

    fn glued(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].glued
    }

    fn capitalised(&self, i: usize) -> bool {
        self.word(i) && self.s(i).chars().any(char::is_uppercase)
    }

    /// An apostrophe-s after token `i` (`Israel's`, `Blinken’s`).
    fn possessive_after(&self, i: usize) -> bool {
        i + 2 < self.toks.len()
            && matches!(self.s(i + 1), "'" | "’")
            && self.glued(i + 1)
            && self.is(i + 2, "s")
            && self.glued(i + 2)
    }
}

/// A number read from tokens `[first, end)`.
#[derive(Debug, Clone, Copy)]
struct Core {
    end: usize,
    value: Option<f64>,
    low: f64,
    vague: bool,
    spelled: bool,
    fraction: bool,
    scale: f64,
}

/// `v` times a power of ten, without the rounding of a float product
/// (`4.1 million` is 4100000, not 4099999.9999999995).
fn scaled(v: f64, scale: f64) -> f64 {
    format!("{v}e{}", scale.log10().round() as i32)
        .parse()
        .unwrap_or(v * scale)
}

fn parse_digits(s: &str) -> Option<f64> {
    if s.matches('.').count() > 1 {
        return None;
    }
    s.replace(',', "").parse::<f64>().ok()
}

/// Reads a number at token `i`: digits with an optional scale, spelled
/// numbers, `a dozen`, fractions (`a quarter of`), vague amounts.
fn read_core(c: &Ctx<'_>, i: usize, money: bool) -> Option<Core> {
    let n = c.toks.len();
    let t = c.toks[i];
    let mut core = Core {
        end: i + 1,
        value: None,
        low: 0.0,
        vague: false,
        spelled: false,
        fraction: false,
        scale: 1.0,
    };
    if t.kind == Tk::Num {
        let mut v = parse_digits(c.s(i))?;
        let mut j = i + 1;
        if c.word(j) {
            let w = c.s(j);
            if let Some(sc) = scale_word(w) {
                v = scaled(v, sc);
                core.scale = sc;
                j += 1;
            } else if (money
                || c.word(j + 1)
                    && (c.lex.money.contains_key(c.lower(j + 1).as_str())
                        || c.lex.nouns.contains_key(c.lower(j + 1).as_str())))
                && c.glued(j)
                && matches!(w, "m" | "k" | "b")
            {
                // `$3m`, `784m euros`, `1.5m people`
                let sc = match w {
                    "m" => 1e6,
                    "k" => 1e3,
                    _ => 1e9,
                };
                v = scaled(v, sc);
                core.scale = sc;
                j += 1;
            }
        }
        core.end = j;
        core.value = Some(v);
        core.low = v;
        return Some(core);
    }
    if t.kind != Tk::Word {
        return None;
    }
    let w = c.s(i);
    // `a dozen`, `a hundred`, `a million`, `a quarter of`, `half a million`.
    if (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an")) && i + 1 < n {
        let w2 = c.lower(i + 1);
        let v = match w2.as_str() {
            "dozen" => Some(12.0),
            "hundred" => Some(100.0),
            "thousand" => Some(1e3),
            "million" => Some(1e6),
            "billion" => Some(1e9),
            _ => None,
        };
        if let Some(v) = v {
            core.end = i + 2;
            core.value = Some(v);
            core.low = v;
            core.spelled = true;
            core.scale = v;
            return Some(core);
        }
        if w2 == "few" {
            return None; // `a few thousand`: read from `few`
        }
        let f = match w2.as_str() {
            "quarter" => Some(0.25),
            "third" => Some(1.0 / 3.0),
            "half" => Some(0.5),
            "fifth" => Some(0.2),
            _ => None,
        };
        if let Some(f) = f {
            if c.is(i + 2, "of") {
                core.end = i + 2;
                core.value = Some(f);
                core.low = f;
                core.spelled = true;
                core.fraction = true;
                return Some(core);
            }
        }
        return None;
    }
    if w.eq_ignore_ascii_case("half") {
        if c.is(i + 1, "a") {
            if let Some(sc) = c.toks.get(i + 2).and_then(|_| scale_word(c.s(i + 2))) {
                core.end = i + 3;
                core.value = Some(sc / 2.0);
                core.low = sc / 2.0;
                core.spelled = true;
                core.scale = sc;
                return Some(core);
            }
        }
        if c.is(i + 1, "of") {
            core.value = Some(0.5);
            core.low = 0.5;
            core.spelled = true;
            core.fraction = true;
            return Some(core);
        }
        return None;
    }
    // Vague amounts: `dozens`, `hundreds of thousands`, `tens of thousands`,
    // `several hundred`, `a few thousand`.
    if let Some(low) = vague_word(w) {
        let lw = w.to_ascii_lowercase();
        let mut low = low;
        let mut j = i + 1;
        if c.is(j, "of") && j + 1 < n {
            if let Some(unit) = vague_word(c.s(j + 1)).filter(|_| lw != "dozens") {
                low *= unit / 2.0;
                j += 2;
            } else if lw == "tens" {
                return None;
            }
        } else if lw == "tens" || lw == "scores" {
            return None;
        }
        core.end = j;
        core.low = low;
        core.vague = true;
        core.spelled = true;
        return Some(core);
    }
    let lw = w.to_ascii_lowercase();
    if matches!(lw.as_str(), "several" | "few") {
        let unit = match c.toks.get(i + 1).map(|_| c.lower(i + 1)).as_deref() {
            Some("dozen") => 12.0,
            Some("hundred") => 100.0,
            Some("thousand") => 1e3,
            Some("million") => 1e6,
            Some("billion") => 1e9,
            _ => return None,
        };
        core.end = i + 2;
        core.low = unit * if lw == "few" { 2.0 } else { 3.0 };
        core.vague = true;
        core.spelled = true;
        return Some(core);
    }
    // Spelled numbers: `four`, `twenty-five`, `three hundred and fifty`,
    // `two dozen`, `three thousand`.
    small_number(w)?;
    let (mut total, mut cur) = (0.0f64, 0.0f64);
    let mut j = i;
    let mut last_small = false;
    while j < n {
        if !c.word(j) {
            // `twenty-five`
            if last_small
                && matches!(c.s(j), "-" | "‑")
                && c.glued(j)
                && c.glued(j + 1)
                && c.word(j + 1)
                && small_number(c.s(j + 1)).is_some_and(|v| v < 10.0)
                && cur % 10.0 == 0.0
                && cur >= 20.0
            {
                j += 1;
                continue;
            }
            break;
        }
        let wj = c.s(j);
        if let Some(v) = small_number(wj) {
            if last_small && !(cur >= 20.0 && cur % 10.0 == 0.0 && v < 10.0) {
                break;
            }
            cur += v;
            last_small = true;
        } else if wj.eq_ignore_ascii_case("hundred") {
            cur = cur.max(1.0) * 100.0;
            last_small = false;
        } else if wj.eq_ignore_ascii_case("dozen") {
            cur = cur.max(1.0) * 12.0;
            last_small = false;
        } else if let Some(sc) = scale_word(wj) {
            total += cur.max(1.0) * sc;
            cur = 0.0;
            core.scale = sc;
            last_small = false;
        } else if wj.eq_ignore_ascii_case("and")
            && j > i
            && !last_small
            && c.word(j + 1)
            && small_number(c.s(j + 1)).is_some()
        {
            // `one hundred and fifty`
        } else {
            break;
        }
        j += 1;
    }
    let mut v = total + cur;
    // `two thirds`, `two-thirds`, `three quarters of`
    let mut k = j;
    if k + 1 < n && c.s(k) == "-" && c.glued(k) && c.glued(k + 1) {
        k += 1;
    }
    if c.word(k) {
        let den = match c.lower(k).as_str() {
            "thirds" | "third" => 3.0,
            "quarters" | "quarter" => 4.0,
            "fifths" | "fifth" => 5.0,
            "tenths" | "tenth" => 10.0,
            "halves" | "half" => 2.0,
            _ => 0.0,
        };
        if den > 0.0 && v < den && total == 0.0 {
            v /= den;
            core.fraction = true;
            j = k + 1;
        }
    }
    core.end = j;
    core.value = Some(v);
    core.low = v;
    core.spelled = true;
    Some(core)
}

/// Currency before token `i` (`$`, `US$`, `AU$`, `EUR`): (first token, ISO).
fn currency_before(c: &Ctx<'_>, i: usize) -> Option<(usize, &'static str)> {
    if i == 0 {
        return None;
    }
    let p = i - 1;
    let s = c.s(p);
    if c.toks[p].kind == Tk::Sym && s != "%" {
        // `US$`, `AU$`, `A$`, `HK$`: letters glued to the symbol.
        if p > 0 && c.word(p - 1) && c.glued(p) {
            let joined = format!("{}{}", c.s(p - 1), s);
            if let Some(iso) = c.lex.currency.get(joined.as_str()) {
                return Some((p - 1, iso));
            }
        }
        return c.lex.currency.get(s).map(|iso| (p, *iso));
    }
    if c.word(p) && s.len() >= 2 && s.chars().all(|ch| ch.is_ascii_uppercase()) || s == "Rs" {
        return c.lex.currency.get(s).map(|iso| (p, *iso));
    }
    None
}

/// A percent sign at token `j`: its unit and length in tokens (`%`,
/// `percent`, `pct`, `per cent`, `percentage points`).
fn percent_at(c: &Ctx<'_>, j: usize) -> Option<(&'static str, usize)> {
    if c.s_at(j)? == "%" || c.is(j, "percent") || c.is(j, "pct") {
        Some(("%", 1))
    } else if c.is(j, "per") && c.is(j + 1, "cent") {
        Some(("%", 2))
    } else if c.is(j, "percentage") && (c.is(j + 1, "points") || c.is(j + 1, "point")) {
        Some(("percentage points", 2))
    } else {
        None
    }
}

/// A bounding phrase ending just before token `i`: (first token, bound).
fn modifier_before(c: &Ctx<'_>, i: usize) -> Option<(usize, ModBound)> {
    for (words, bound) in &c.lex.modifiers {
        let k = words.len();
        if k > i {
            continue;
        }
        let first = i - k;
        if words
            .iter()
            .enumerate()
            .all(|(o, w)| c.s(first + o).eq_ignore_ascii_case(w))
        {
            return Some((first, *bound));
        }
    }
    None
}

struct Raw {
    first: usize,
    end: usize,
    core_first: usize,
    kind: FigureKind,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    bound: Bound,
    unit: Option<String>,
    counted: Option<(usize, usize)>,
    counted_class: Option<&'static str>,
    /// The category the counted noun gives (`deaths`: killed).
    category: Option<&'static str>,
    spelled: bool,
    vague: bool,
    /// A range written with a dash (`20-30`).
    dash: bool,
}

/// Reads the figure whose number starts at token `i`, if it is one.
fn read_figure(c: &Ctx<'_>, i: usize) -> Option<Raw> {
    let n = c.toks.len();
    let cur_before = currency_before(c, i);
    let core = read_core(c, i, cur_before.is_some())?;
    let mut j = core.end;
    let mut value = core.value;
    let mut low = Some(core.low);
    let mut high = value;
    let mut bound = if core.vague {
        Bound::Lower
    } else {
        Bound::Exact
    };
    if core.vague {
        high = None;
    }
    let mut spelled = core.spelled;
    let mut dash_range = false;
    let mut range_opener = false;
    // Ranges: `20 to 30`, `20-30`, `between 20 and 30`, `two or three`.
    let opener = cur_before.map_or(i, |(p, _)| p);
    let between = opener > 0 && (c.is(opener - 1, "between") || c.is(opener - 1, "from"));
    if !core.vague && j + 1 < n {
        let sep = c.s(j);
        let dash = matches!(sep, "-" | "–" | "—") && c.glued(j) && c.glued(j + 1);
        let word_sep = c.is(j, "to") || c.is(j, "or") || (between && c.is(j, "and"));
        // `rose from 5 to 7` is a change, not a range
        let change = opener > 1
            && c.is(opener - 1, "from")
            && (2..=4).filter(|&k| opener >= k).any(|k| {
                is_in(
                    &[
                        "rose",
                        "fell",
                        "increased",
                        "decreased",
                        "climbed",
                        "dropped",
                        "jumped",
                        "grew",
                        "cut",
                        "raised",
                        "lowered",
                        "up",
                        "down",
                        "rising",
                        "falling",
                        "rise",
                        "fall",
                        "increase",
                        "decrease",
                        "declined",
                        "slipped",
                    ],
                    c.s(opener - k),
                )
            });
        if (dash || word_sep) && !change {
            let mut k = j + 1;
            if currency_before(c, k + 1).is_some() && c.toks[k].kind == Tk::Sym {
                k += 1;
            } else if k + 1 < n
                && c.word(k)
                && c.glued(k + 1)
                && c.toks[k + 1].kind == Tk::Sym
                && c.s(k + 1) != "%"
            {
                k += 2;
            }
            if k < n {
                if let Some(second) = read_core(c, k, cur_before.is_some()) {
                    if !second.vague && !second.fraction && second.spelled == core.spelled {
                        let mut lo = core.value.unwrap_or(0.0);
                        // `1 to 2 million`, but not `800,000 to 1.2 million`
                        let hi_raw = second.value.unwrap_or(lo);
                        if core.scale == 1.0
                            && second.scale > 1.0
                            && scaled(lo, second.scale) <= hi_raw
                        {
                            lo = scaled(lo, second.scale);
                        }
                        let hi = second.value.unwrap_or(lo);
                        if hi < lo && dash {
                            return None; // a score: `3-1`
                        }
                        if hi >= lo {
                            value = Some(lo);
                            low = Some(lo);
                            high = Some(hi);
                            bound = Bound::Range;
                            dash_range = dash;
                            if between && !dash {
                                range_opener = true;
                            }
                            j = second.end;
                            spelled = spelled && second.spelled;
                        }
                    }
                }
            }
        }
    }
    let mut first = if range_opener { opener - 1 } else { i };
    if c.is(i, "few") && i > 0 && c.is(i - 1, "a") {
        first = i - 1; // `a few thousand`
    }
    let mut kind = FigureKind::Quantity;
    let mut unit: Option<String> = None;
    if core.fraction {
        unit = Some("fraction".into());
    }
    // Currency before, or a currency word / percent / unit after.
    if let Some((p, iso)) = cur_before {
        first = first.min(p);
        kind = FigureKind::Money;
        unit = Some(iso.to_string());
    }
    if let Some((u, len)) = percent_at(c, j) {
        kind = FigureKind::Percent;
        unit = Some(u.into());
        j += len;
    }
    if kind == FigureKind::Quantity
        && unit.is_none()
        && !core.vague
        && j + 1 < n
        && (c.is(j, "and") || c.is(j, "or") || c.s(j) == ",")
    {
        // `eight and fourteen percent`, `166.5 and 93.3 %`: a shared sign
        if let Some(second) = read_core(c, j + 1, false) {
            if percent_at(c, second.end).is_some() && second.spelled == core.spelled {
                kind = FigureKind::Percent;
                unit = Some("%".into());
            }
        }
    }
    if kind == FigureKind::Quantity || kind == FigureKind::Money {
        // `dollars`, `US dollars`, `billions of dollars`.
        let mut k = j;
        if core.vague && c.is(k, "of") {
            k += 1;
        }
        let adj_iso = match c.toks.get(k).map(|_| c.s(k)) {
            Some("US" | "American") => Some("USD"),
            Some("Australian") => Some("AUD"),
            Some("Canadian") => Some("CAD"),
            _ => None,
        };
        if adj_iso.is_some() && c.word(k + 1) {
            k += 1;
        }
        if c.word(k) {
            let lw = c.lower(k);
            if let Some(iso) = c.lex.money.get(lw.as_str()) {
                // `500 pounds of explosives` is a weight; `£5m`, `5m pounds in
                // compensation` and `pounds sterling` are money.
                let weight = lw.starts_with("pound")
                    && kind != FigureKind::Money
                    && core.scale < 1e6
                    && c.is(k + 1, "of");
                if weight {
                    unit = Some("lb".into());
                    j = k + 1;
                } else {
                    let cents = matches!(lw.as_str(), "cent" | "cents" | "pence" | "penny");
                    if cents {
                        value = value.map(|v| v / 100.0);
                        low = low.map(|v| v / 100.0);
                        high = high.map(|v| v / 100.0);
                    }
                    kind = FigureKind::Money;
                    unit = Some(adj_iso.unwrap_or(iso).to_string());
                    j = k + 1;
                    if lw == "pounds" && c.is(j, "sterling") {
                        j += 1;
                    }
                }
            }
        }
    }
    if kind == FigureKind::Quantity && !core.vague && !core.fraction {
        // Units: `10 km`, `10km`, `9,420 nautical miles`, `12-year-old`.
        let mut k = j;
        if matches!(c.toks.get(k).map(|_| c.s(k)), Some("-")) && c.glued(k) && c.glued(k + 1) {
            k += 1;
        }
        if c.word(k) {
            let mut lw = c.lower(k);
            let mut pre = String::new();
            if matches!(
                lw.as_str(),
                "nautical" | "square" | "sq" | "cubic" | "metric"
            ) && c.word(k + 1)
            {
                pre = format!("{lw} ");
                k += 1;
                lw = c.lower(k);
            }
            if lw == "year" && c.is(k + 1, "-") && c.is(k + 2, "old") {
                unit = Some("years".into());
                j = k + 3;
            } else if (lw == "years" || lw == "year") && c.is(k + 1, "old") {
                unit = Some("years".into());
                j = k + 2;
            } else if let Some(u) = c.lex.units.get(lw.as_str()) {
                let ok = match lw.as_str() {
                    "m" | "g" | "ha" | "ft" => (c.glued(k) || !pre.is_empty()) && c.s(k) == lw,
                    "point" | "points" => !spelled,
                    _ => true,
                };
                if ok {
                    unit = Some(format!("{pre}{u}").trim().to_string());
                    j = k + 1;
                    // `120 km/h`
                    if lw == "km" && c.s_at(j) == Some("/") && c.is(j + 1, "h") && c.glued(j + 1) {
                        unit = Some("km/h".into());
                        j += 2;
                    }
                }
            }
        }
    }
    // A bounding phrase before: `more than`, `about`, `some of the`.
    if let Some((m, b)) = modifier_before(c, first) {
        first = m;
        if bound != Bound::Range {
            match b {
                ModBound::Lower => {
                    bound = Bound::Lower;
                    high = None;
                    low = if core.vague { low } else { value };
                }
                ModBound::Upper => {
                    bound = Bound::Upper;
                    low = None;
                    high = value;
                }
                ModBound::Approx => {
                    if !core.vague {
                        bound = Bound::Approx;
                        low = None;
                        high = None;
                    }
                }
                ModBound::Exact => {}
            }
        }
    }
    // What is counted: `people`, `of drone and missile attacks`.
    let mut counted = None;
    let mut counted_class = None;
    let mut category = None;
    if matches!(kind, FigureKind::Quantity) && unit.is_none() {
        let mut k = j;
        if c.is(k, "of") && (core.vague || core.fraction || spelled || value.is_some()) {
            k += 1;
            if ["the", "those", "these", "their", "its", "his", "her", "our"]
                .iter()
                .any(|w| c.is(k, w))
            {
                k += 1;
            }
        }
        let (np, class, cat) = counted_np(c, k, value);
        if np.is_some() {
            counted = np;
            counted_class = class;
            category = cat;
        }
    }
    if core.fraction {
        kind = FigureKind::Quantity;
        counted = None;
        counted_class = None;
        category = None;
    }
    if kind == FigureKind::Quantity && (counted.is_some() || core.vague) && unit.is_none() {
        kind = FigureKind::Count;
    }
    Some(Raw {
        first,
        end: j,
        core_first: i,
        kind,
        value,
        low,
        high,
        bound,
        unit,
        counted,
        counted_class,
        category,
        spelled,
        vague: core.vague,
        dash: dash_range,
    })
}

/// The counted noun phrase starting at token `k`: its token range, the
/// class and category of its head.
type Np = (
    Option<(usize, usize)>,
    Option<&'static str>,
    Option<&'static str>,
);

fn counted_np(c: &Ctx<'_>, k: usize, value: Option<f64>) -> Np {
    let n = c.toks.len();
    let mut head: Option<(usize, Option<&'static str>, Option<&'static str>)> = None;
    let mut t = k;
    let mut words = 0;
    while t < n && words < 5 {
        if !c.word(t) {
            // hyphenated words (`Iran-backed`, `air-strikes`) stay one word
            if matches!(c.s(t), "-" | "‑") && c.glued(t) && c.glued(t + 1) && c.word(t + 1) && t > k
            {
                t += 1;
                continue;
            }
            break;
        }
        let w = c.s(t);
        let lw = w.to_lowercase();
        if is_in(NP_STOP, &lw) {
            if (lw == "and" || lw == "or")
                && singular_head(c, head.map(|(h, _, _)| h))
                && words > 0
                && c.word(t + 1)
                && small_number(c.s(t + 1)).is_none()
                && !is_in(NP_STOP, c.s(t + 1))
            {
                t += 1;
                continue;
            }
            break;
        }
        if small_number(w).is_some() || scale_word(w).is_some() || vague_word(w).is_some() {
            break;
        }
        // a hyphenated word: look up its last part too
        let mut end_t = t;
        while end_t + 2 < n
            && matches!(c.s(end_t + 1), "-" | "‑")
            && c.glued(end_t + 1)
            && c.glued(end_t + 2)
            && c.word(end_t + 2)
        {
            end_t += 2;
        }
        let full = c.text[c.toks[t].start..c.toks[end_t].end].to_lowercase();
        let last = c.lower(end_t);
        let entry = c
            .lex
            .nouns
            .get(full.as_str())
            .or_else(|| c.lex.nouns.get(last.as_str()));
        let plural = plural_looking(&last);
        if let Some((class, cat)) = entry {
            head = Some((end_t, Some(class), *cat));
        } else if plural {
            head = Some((end_t, None, None));
        }
        words += 1;
        t = end_t + 1;
        if c.possessive_after(end_t) {
            // `the country's big public banks`: the possessor is not the head
            head = None;
            t = end_t + 3;
            continue;
        }
        if head.is_some_and(|(h, _, _)| h == end_t) && plural && value.is_some_and(|v| v != 1.0) {
            // a plural head closes the phrase unless coordination follows
            if !(c.is(t, "and") || c.is(t, "or")) {
                break;
            }
        }
    }
    match head {
        Some((h, class, cat)) => {
            // Singular nouns count only one (`one person`), except nouns
            // that are their own plural (`personnel`, `aircraft`, `police`).
            let lw = c.lower(h);
            let invariant = matches!(
                lw.as_str(),
                "people"
                    | "children"
                    | "men"
                    | "women"
                    | "police"
                    | "personnel"
                    | "troops"
                    | "aircraft"
                    | "crew"
                    | "staff"
                    | "cattle"
                    | "sheep"
                    | "servicemen"
                    | "policemen"
                    | "gunmen"
            );
            let plural = plural_looking(&lw) || invariant;
            if value.is_some_and(|v| v > 1.0) && !plural {
                return (None, None, None);
            }
            (Some((k, h + 1)), class.or(Some("other")), cat)
        }
        None => (None, None, None),
    }
}

/// No head yet, or a singular one (coordination may still follow).
fn singular_head(c: &Ctx<'_>, head: Option<usize>) -> bool {
    head.map_or(true, |h| !plural_looking(&c.lower(h)))
}

// ---------------------------------------------------------------- guards

/// Could a number start at token `i`?
fn candidate(c: &Ctx<'_>, i: usize) -> bool {
    let t = c.toks[i];
    match t.kind {
        Tk::Num => true,
        Tk::Word => {
            let w = c.s(i);
            let first = w.as_bytes()[0].to_ascii_lowercase();
            // cheap first-letter filter before the word lists
            matches!(
                first,
                b'a' | b'd' | b'e' | b'f' | b'h' | b'm' | b'b' | b'n' | b'o' | b's' | b't' | b'z'
            ) && (small_number(w).is_some()
                || vague_word(w).is_some()
                || w.eq_ignore_ascii_case("a")
                || w.eq_ignore_ascii_case("an")
                || w.eq_ignore_ascii_case("half")
                || w.eq_ignore_ascii_case("several")
                || w.eq_ignore_ascii_case("few"))
        }
        _ => false,
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Whether a read figure is a figure, not part of a date, name, code,
/// phone number, score or compound adjective.
fn keep(c: &Ctx<'_>, r: &Raw, timex: &[&Timex], ms: &[Mention]) -> bool {
    let n = c.toks.len();
    let core = c.toks[r.core_first];
    let core_span = (core.start, core.end);
    if timex.iter().any(|t| overlaps(core_span, (t.start, t.end))) {
        return false;
    }
    if ms
        .iter()
        .any(|m| overlaps(core_span, (m.name_start, m.name_end)))
    {
        return false;
    }
    let measured = r.unit.is_some() || matches!(r.kind, FigureKind::Money | FigureKind::Percent);
    let lexical_noun = r.counted_class.is_some_and(|k| k != "other");
    let digits = core.kind == Tk::Num;
    if digits && r.first == r.core_first && r.core_first > 0 {
        let p = r.core_first - 1;
        let ps = c.s(p);
        if core.glued && (c.word(p) || matches!(ps, "-" | "/" | "#" | "." | ":" | "+" | "‑")) {
            return false;
        }
        if c.word(p) && is_in(IDENT_WORDS, ps) {
            return false;
        }
        if ps == "." && p > 0 && is_in(IDENT_WORDS, c.s(p - 1)) {
            return false;
        }
        if c.capitalised(p) && !is_in(OPEN_WORDS, ps) && !lexical_noun && !measured {
            return false;
        }
        if c.toks[p].kind == Tk::Num {
            return false;
        }
    }
    if r.end < n {
        let next = c.toks[r.end];
        let ns = c.s(r.end);
        if next.glued && next.kind == Tk::Word && !measured {
            return false; // `1st`, `3G`, `1990s`
        }
        if next.glued
            && matches!(ns, "-" | "‑" | ":" | "/" | ".")
            && c.glued(r.end + 1)
            && r.end + 1 < n
            && matches!(c.toks[r.end + 1].kind, Tk::Word | Tk::Num)
        {
            return false; // `three-day`, `10:30`, `11/9`, `737-800`
        }
        if digits && next.kind == Tk::Num && !next.glued {
            return false; // `020 7946 0958`
        }
    }
    if digits {
        let s = c.s(r.core_first);
        if s.len() > 1 && s.starts_with('0') && !s.starts_with("0.") {
            return false;
        }
        let year = s.len() == 4
            && s.bytes().all(|b| b.is_ascii_digit())
            && (1000..=2100).contains(&s.parse::<u32>().unwrap_or(0));
        if year && r.first == r.core_first && !measured && r.counted.is_none() {
            return false;
        }
    }
    if let Some((_, b)) = r.counted {
        let head = c.lower(b - 1);
        if matches!(
            head.as_str(),
            "seconds"
                | "minutes"
                | "hours"
                | "days"
                | "weeks"
                | "months"
                | "years"
                | "decades"
                | "centuries"
                | "nights"
                | "mornings"
        ) {
            return false; // a duration: the time layer's
        }
    }
    let bare = r.kind == FigureKind::Quantity && r.unit.is_none() && r.counted.is_none();
    if bare && digits && r.first == r.core_first && r.core_first > 0 {
        let p = r.core_first - 1;
        // `'11`, `Boeing 's 787`
        if matches!(c.s(p), "'" | "’") && core.glued {
            return false;
        }
        if c.is(p, "s") && p >= 2 && matches!(c.s(p - 1), "'" | "’") && c.capitalised(p - 2) {
            return false;
        }
    }
    if bare && !r.spelled && r.end < n && c.word(r.end) {
        // `787 Dreamliner`, `the final 717 jet`: a number naming a thing
        let w = c.s(r.end);
        let lw = w.to_lowercase();
        let verb_like = lw.ends_with("ed") || lw.ends_with("ing");
        if c.capitalised(r.end)
            || !(is_in(NP_STOP, &lw)
                || is_in(AUX, &lw)
                || verb_like
                || c.lex.triggers.contains_key(lw.as_str())
                || plural_looking(&lw))
        {
            return false;
        }
    }
    if r.dash && !measured && r.counted.is_none() {
        return false; // scores, votes and model numbers: `2-1`, `737-800`
    }
    if r.spelled
        && !r.vague
        && r.counted.is_none()
        && !measured
        && trigger_left(c, r.first).is_none()
        && trigger_right(c, r.end).is_none()
    {
        return false; // `one of`, `the two`; but `killing at least one`
    }
    true
}

// ---------------------------------------------------------------- claims

/// Words that may stand between a trigger and the figure it governs
/// (`killed at least 12`, `killing the four`).
const LEFT_SKIP: &[&str] = &["the", "a", "an", "another", "also", "reportedly", "some"];

/// Verbs that make their subject the actor of counted attacks.
#[rustfmt::skip]
const ATTACK_VERBS: &[&str] = &[
    "launched", "launching", "fired", "firing", "conducted", "claimed", "staged", "mounted",
    "carried", "out", "killed", "killing", "wounded", "wounding", "injured", "injuring",
    "abducted", "kidnapped", "arrested", "detained", "seized",
];

/// Words that end an actor phrase read leftwards.
#[rustfmt::skip]
const ACTOR_STOP: &[&str] = &[
    "after", "before", "when", "that", "which", "who", "as", "of", "since", "while", "and",
    "but", "because", "if", "said", "says", "following", "where", "in", "on", "at", "with",
    "to", "for", "from", "by", "than", "then", "reports", "report", "amid", "during", "whom",
];

/// A trigger right after the counted phrase: `people have been killed`, `12 dead`.
fn trigger_right(c: &Ctx<'_>, from: usize) -> Option<(&'static str, usize)> {
    let n = c.toks.len();
    // `forcing hundreds of families from their homes`
    if (c.is(from, "from") || c.is(from, "out") && c.is(from + 1, "of"))
        && (1..=3).any(|k| c.is(from + k, "homes") || c.is(from + k, "home"))
    {
        return Some(("displaced", from));
    }
    let mut t = from;
    let mut skipped = 0;
    while t < n && skipped <= 4 {
        if !c.word(t) {
            return None;
        }
        let lw = c.lower(t);
        if let Some(cat) = c.lex.triggers.get(lw.as_str()) {
            return Some((cat, t));
        }
        if !is_in(AUX, &lw) {
            return None;
        }
        t += 1;
        skipped += 1;
    }
    None
}

/// A trigger before the figure: `killing four`, `killed more than`,
/// `the death toll rose to`.
fn trigger_left(c: &Ctx<'_>, first: usize) -> Option<(&'static str, usize)> {
    let mut t = first;
    let mut skipped = 0;
    while t > 0 && skipped <= 2 {
        t -= 1;
        if !c.word(t) {
            break;
        }
        let lw = c.lower(t);
        if let Some(cat) = c.lex.triggers.get(lw.as_str()) {
            if lw.ends_with("ing") || lw.ends_with("ed") || matches!(lw.as_str(), "kill" | "kills")
            {
                return Some((cat, t));
            }
            return None;
        }
        if !is_in(LEFT_SKIP, &lw) {
            break;
        }
        skipped += 1;
    }
    // `the death toll has risen to`, `the deaths of`
    let lo = first.saturating_sub(8);
    for t in (lo..first).rev() {
        if !c.word(t) {
            if matches!(c.s(t), "'" | "’" | "-") {
                continue;
            }
            return None;
        }
        let lw = c.lower(t);
        if lw == "toll" || lw == "deaths" || lw == "death" {
            return Some(("killed", t));
        }
        if !matches!(
            lw.as_str(),
            "has"
                | "had"
                | "have"
                | "rose"
                | "risen"
                | "climbed"
                | "reached"
                | "hit"
                | "stands"
                | "stood"
                | "is"
                | "was"
                | "to"
                | "at"
                | "now"
                | "jumped"
                | "increased"
                | "passed"
                | "topped"
                | "exceeded"
                | "surpassed"
                | "of"
                | "the"
                | "s"
                | "rises"
                | "climbs"
                | "reaches"
                | "hits"
                | "tops"
                | "nears"
                | "neared"
                | "soared"
                | "soars"
                | "stand"
                | "official"
                | "overall"
                | "total"
                | "a"
        ) {
            return None;
        }
    }
    None
}

/// Token range of the mention starting at token `t`, if one does.
fn mention_at<'m>(c: &Ctx<'_>, t: usize, ms: &'m [Mention]) -> Option<(usize, usize, &'m Mention)> {
    let start = c.toks.get(t)?.start;
    let m = ms.iter().find(|m| m.start == start)?;
    let mut e = t;
    while e + 1 < c.toks.len() && c.toks[e + 1].end <= m.end {
        e += 1;
    }
    Some((t, e + 1, m))
}

/// An actor phrase read rightwards from `t` (after `by`): determiner,
/// words and whole mentions (`the Islamic Resistance in Iraq`).
fn actor_right(c: &Ctx<'_>, t: usize, ms: &[Mention]) -> Option<(usize, usize)> {
    let n = c.toks.len();
    let mut k = t;
    if c.is(k, "the") || c.is(k, "a") || c.is(k, "an") {
        k += 1;
    }
    let mut end = k;
    let mut words = 0;
    while end < n && words < 6 {
        if let Some((_, e, _)) = mention_at(c, end, ms) {
            end = e;
            words += 1;
            continue;
        }
        if end > k && c.possessive_after(end - 1) {
            end += 2;
            continue;
        }
        if matches!(c.s(end), "-" | "‑") && c.glued(end) && c.glued(end + 1) && end > k {
            end += 1;
            continue;
        }
        if !c.word(end) || is_in(NP_STOP, c.s(end)) {
            break;
        }
        end += 1;
        words += 1;
    }
    (end > k).then_some((t, end))
}

/// An actor phrase ending just before token `v` (the verb), read leftwards:
/// `Hamas fighters` in `Days after Hamas fighters killed`.
fn actor_left(c: &Ctx<'_>, v: usize) -> Option<(usize, usize)> {
    // `Turkey has repeatedly carried out`: past the auxiliaries and adverbs
    let mut v = v;
    while v > 0
        && c.word(v - 1)
        && is_in(
            &[
                "has",
                "have",
                "had",
                "was",
                "were",
                "is",
                "are",
                "also",
                "reportedly",
                "repeatedly",
                "allegedly",
                "then",
                "later",
                "again",
                "already",
                "now",
            ],
            c.s(v - 1),
        )
    {
        v -= 1;
    }
    let mut s = v;
    let mut words = 0;
    while s > 0 && words < 6 {
        let p = s - 1;
        let ps = c.s(p);
        if c.word(p) {
            if is_in(ACTOR_STOP, ps) || is_in(AUX, ps) && words == 0 {
                break;
            }
            s = p;
            words += 1;
            if matches!(ps.to_ascii_lowercase().as_str(), "the" | "a" | "an") {
                break;
            }
            continue;
        }
        if matches!(ps, "-" | "‑" | "'" | "’") && c.glued(p) && p > 0 {
            s = p;
            continue;
        }
        break;
    }
    if s == v {
        return None;
    }
    let text: Vec<String> = (s..v).filter(|&t| c.word(t)).map(|t| c.lower(t)).collect();
    let pronoun_only = text.len() == 1
        && matches!(
            text[0].as_str(),
            "it" | "they" | "he" | "she" | "we" | "which" | "who" | "that" | "this" | "there"
        );
    let determiner_only = text
        .iter()
        .all(|w| matches!(w.as_str(), "the" | "a" | "an"));
    (!pronoun_only && !determiner_only).then_some((s, v))
}

/// Where a clause scanned rightwards from a figure ends.
fn clause_goes_on(c: &Ctx<'_>, t: usize) -> bool {
    let s = c.s(t);
    if matches!(s, ";" | ":" | "—" | "–") || s == "-" && !c.glued(t) {
        return false;
    }
    if s == "," {
        let next = t + 1;
        return next < c.toks.len()
            && (is_in(LOCATIVE, c.s(next))
                || c.is(next, "including")
                || c.is(next, "among")
                || c.is(next, "mostly")
                || c.is(next, "mainly")
                || candidate(c, next));
    }
    !(c.word(t) && is_in(&["but", "while", "whereas", "although", "though"], s))
}

#[derive(Debug, Clone)]
struct PlaceFound {
    start: usize,
    end: usize,
    mention: Option<usize>,
    name: Option<String>,
    countries: Vec<String>,
}

struct Scope<'a> {
    /// All mentions of the article, and the offset of this unit's first.
    all: &'a [Mention],
    base: usize,
    ms: &'a [Mention],
}

/// A place phrase starting at token `k` (after a locative word): a place
/// mention (with `-` joined places and tails such as `border`) or a
/// description (`the densely populated enclave`).
fn place_at(
    c: &Ctx<'_>,
    k: usize,
    sc: &Scope<'_>,
    before: usize,
    avoid: Option<(usize, usize)>,
) -> Option<PlaceFound> {
    let n = c.toks.len();
    let mut t = k;
    let mut adjectives = 0;
    if c.is(t, "the") {
        t += 1;
    }
    while t < n && adjectives <= 3 {
        if let Some((_, mut e, m)) = mention_at(c, t, sc.ms) {
            if m.kind != EntityKind::Place {
                return None;
            }
            if c.possessive_after(e - 1) {
                return None; // `in Israel's bombardment`: the actor, not the place
            }
            if let Some((a, b)) = avoid {
                if c.toks[t].start >= a && c.toks[t].start < b {
                    return None;
                }
            }
            let idx = sc
                .ms
                .iter()
                .position(|x| std::ptr::eq(x, m))
                .map(|i| i + sc.base);
            let mut countries: Vec<String> = m.country.iter().cloned().collect();
            let name_start = m.name_start;
            let mut name_end = m.name_end;
            // `Lebanon-Israel border`: a second place joined by a hyphen
            while e + 1 < n && matches!(c.s(e), "-" | "‑" | "–") && c.glued(e) && c.glued(e + 1)
            {
                match mention_at(c, e + 1, sc.ms) {
                    Some((_, e2, m2)) if m2.kind == EntityKind::Place => {
                        if let Some(cc) = &m2.country {
                            if !countries.contains(cc) {
                                countries.push(cc.clone());
                            }
                        }
                        e = e2;
                        name_end = m2.name_end;
                    }
                    _ => break,
                }
            }
            while e < n && c.word(e) && is_in(PLACE_TAIL, c.s(e)) {
                e += 1;
            }
            return Some(PlaceFound {
                start: c.toks[k].start,
                end: c.toks[e - 1].end,
                mention: idx,
                name: Some(c.text[name_start..name_end].to_string()),
                countries,
            });
        }
        if !c.word(t) {
            return None;
        }
        if let Some(want) = place_description(c.s(t)) {
            // `the town of Zakho`: the name that follows
            if c.is(t + 1, "of") {
                if let Some(p) = place_at(c, t + 2, sc, before, avoid) {
                    return Some(PlaceFound {
                        start: c.toks[k].start,
                        ..p
                    });
                }
            }
            return describe(c, k, t, want, sc, before, avoid);
        }
        let lw = c.lower(t);
        if is_in(NP_STOP, &lw) || c.capitalised(t) {
            return None;
        }
        adjectives += 1;
        t += 1;
        if t < n && matches!(c.s(t), "-" | "‑") && c.glued(t) && c.glued(t + 1) {
            t += 1;
        }
    }
    None
}

/// How many mentions before a described place (`the enclave`) are read to
/// resolve it: the article's last `DESCRIBE_LOOKBACK` names before it.
const DESCRIBE_LOOKBACK: usize = 1000;

/// Resolves `the enclave` (tokens `k..=t`) to the place the article names
/// most often before it (among its last [`DESCRIBE_LOOKBACK`] mentions), of
/// a fitting subtype, ties to the latest.
fn describe(
    c: &Ctx<'_>,
    k: usize,
    t: usize,
    want: Option<&str>,
    sc: &Scope<'_>,
    before: usize,
    avoid: Option<(usize, usize)>,
) -> Option<PlaceFound> {
    let mut best: Option<(usize, usize)> = None; // (count, index)
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let to = sc.all.partition_point(|m| m.start < before);
    let from = to.saturating_sub(DESCRIBE_LOOKBACK);
    for (i, m) in sc.all.iter().enumerate().take(to).skip(from) {
        if m.kind != EntityKind::Place || m.subtype.as_deref() == Some("facility") {
            continue;
        }
        if avoid.is_some_and(|(a, b)| m.start >= a && m.start < b) {
            continue;
        }
        if let Some(w) = want {
            if m.subtype.as_deref() != Some(w) {
                continue;
            }
        }
        let n = counts.entry(m.text.as_str()).or_default();
        *n += 1;
        if best.map_or(true, |(bn, _)| *n >= bn) {
            best = Some((*n, i));
        }
    }
    let (_, i) = best?;
    let m = &sc.all[i];
    Some(PlaceFound {
        start: c.toks[k].start,
        end: c.toks[t].end,
        mention: Some(i),
        name: Some(m.text.clone()),
        countries: m.country.iter().cloned().collect(),
    })
}

/// The place of a figure: a locative phrase after it in its clause, else
/// one before it in the sentence.
fn place_for(
    c: &Ctx<'_>,
    first: usize,
    after: usize,
    sc: &Scope<'_>,
    avoid: Option<(usize, usize)>,
) -> Option<PlaceFound> {
    let n = c.toks.len();
    let before = c.toks[first].start;
    let mut t = after;
    while t < n {
        if !clause_goes_on(c, t) {
            break;
        }
        if c.word(t) {
            let lw = c.lower(t);
            let loc = is_in(LOCATIVE, &lw)
                || ((lw == "of" || lw == "on") && t > 0 && is_in(ATTACK_NOUNS, c.s(t - 1)));
            if loc {
                if let Some(p) = place_at(c, t + 1, sc, before, avoid) {
                    return Some(p);
                }
            }
        }
        t += 1;
    }
    for t in (0..first).rev() {
        if c.word(t) && is_in(LOCATIVE, c.s(t)) {
            if let Some(p) = place_at(c, t + 1, sc, before, avoid) {
                if p.end <= before {
                    return Some(p);
                }
            }
        }
    }
    None
}

/// `in Israel's bombardment`, `in an Israeli air raid`: an attack phrase
/// after the figure whose owner is the actor.
fn actor_of_attack(c: &Ctx<'_>, after: usize, ms: &[Mention]) -> Option<(usize, usize)> {
    let n = c.toks.len();
    let mut t = after;
    while t < n && clause_goes_on(c, t) {
        if c.word(t) && is_in(&["in", "during", "from", "by"], c.s(t)) {
            let mut k = t + 1;
            if c.is(k, "the") || c.is(k, "a") || c.is(k, "an") {
                k += 1;
            }
            if let Some((s, e, _)) = mention_at(c, k, ms) {
                let mut h = e;
                if c.possessive_after(e - 1) {
                    h = e + 2;
                }
                // up to two words to the attack noun
                for o in 0..3 {
                    let w = h + o;
                    if w < n && c.word(w) && is_in(ATTACK_NOUNS, c.s(w)) {
                        return Some(if h > e { (s, e) } else { (t + 1, w + 1) });
                    }
                    if w >= n || !c.word(w) {
                        break;
                    }
                }
            }
        }
        t += 1;
    }
    None
}

/// Words between two figures that make the second a part of the first.
fn part_link(c: &Ctx<'_>, from: usize, to: usize) -> bool {
    let words: Vec<String> = (from..to)
        .filter(|&t| c.word(t))
        .map(|t| c.lower(t))
        .collect();
    let joined = words.join(" ");
    matches!(
        joined.as_str(),
        "including"
            | "among them"
            | "among whom"
            | "of whom"
            | "of them"
            | "mostly"
            | "mainly"
            | "of which"
    ) && (from..to).all(|t| c.word(t) || c.s(t) == ",")
}

/// Finds the figures of an article in its headlines and sentences (`units`),
/// with the article's mentions, temporal expressions and quotes (all in
/// text order) and its publication date.
pub fn extract(
    text: &str,
    units: &[Span],
    mentions: &[Mention],
    timex: &[Timex],
    quotes: &[Quote],
    published: Option<NaiveDate>,
) -> Vec<Figure> {
    let lex = lexicon();
    let mut out: Vec<Figure> = Vec::new();
    let mut toks = Vec::new();
    let (mut m_lo, mut t_lo) = (0, 0);
    for (ui, unit) in units.iter().enumerate() {
        while m_lo < mentions.len() && mentions[m_lo].unit < ui {
            m_lo += 1;
        }
        let mut m_hi = m_lo;
        while m_hi < mentions.len() && mentions[m_hi].unit == ui {
            m_hi += 1;
        }
        let ms = &mentions[m_lo..m_hi];
        while t_lo < timex.len() && timex[t_lo].end <= unit.start {
            t_lo += 1;
        }
        let tx: Vec<&Timex> = timex[t_lo..]
            .iter()
            .take_while(|t| t.start < unit.end)
            .collect();
        tokenize(text, *unit, &mut toks);
        let c = Ctx {
            text,
            toks: &toks,
            lex,
        };
        let mut raws: Vec<Raw> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if candidate(&c, i) {
                if let Some(r) = read_figure(&c, i) {
                    let end = r.counted.map_or(r.end, |(_, b)| b.max(r.end)).max(i + 1);
                    if keep(&c, &r, &tx, ms) {
                        raws.push(r);
                    }
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        let sc = Scope {
            all: mentions,
            base: m_lo,
            ms,
        };
        let unit_first = out.len();
        for (ri, r) in raws.iter().enumerate() {
            let np_end = r.counted.map_or(r.end, |(_, b)| b);
            // Category and trigger.
            let mut category = r.category.map(|k| (k, None));
            let mut right_trigger = None;
            if category.is_none() {
                if let Some((cat, t)) = trigger_right(&c, np_end) {
                    category = Some((cat, Some(t)));
                    right_trigger = Some(t);
                } else if let Some((cat, t)) = trigger_left(&c, r.first) {
                    category = Some((cat, Some(t)));
                }
            } else if let Some((_, t)) = trigger_right(&c, np_end) {
                right_trigger = Some(t);
            }
            if r.vague && r.counted.is_none() && category.is_none() && r.unit.is_none() {
                continue; // `thousands` alone says nothing countable
            }
            // Part of the figure before: `four civilians, including three children`.
            let mut part_of = None;
            if ri > 0 {
                let prev = &raws[ri - 1];
                let prev_end = prev.counted.map_or(prev.end, |(_, b)| b);
                if prev.counted_class == Some("person")
                    && r.counted_class == Some("person")
                    && part_link(&c, prev_end, r.first)
                {
                    part_of = (unit_first..out.len())
                        .rev()
                        .find(|&k| out[k].start == c.toks[prev.first].start);
                }
            }
            // Actor.
            let mut actor: Option<(usize, usize)> = None;
            if let Some(t) = right_trigger {
                let mut q = t + 1;
                if c.is(q, "by") {
                    q += 1;
                    actor = actor_right(&c, q, ms);
                }
            } else if r.counted_class == Some("attack") || r.category.is_some() {
                // `attacks have been claimed by X`
                let mut q = np_end;
                let mut hops = 0;
                while q < toks.len() && c.word(q) && is_in(AUX, c.s(q)) && hops < 3 {
                    q += 1;
                    hops += 1;
                }
                if c.word(q) && c.lower(q).ends_with("ed") && c.is(q + 1, "by") {
                    actor = actor_right(&c, q + 2, ms);
                }
            }
            if actor.is_none() {
                actor = actor_of_attack(&c, np_end, ms);
            }
            if actor.is_none() {
                // `Hamas fighters killed more than 1,400 people`
                let mut v = r.first;
                let mut skipped = 0;
                while v > 0 && skipped <= 2 {
                    v -= 1;
                    if c.word(v) && is_in(ATTACK_VERBS, c.s(v)) {
                        let verb = if c.is(v, "out") && v > 0 { v - 1 } else { v };
                        actor = actor_left(&c, verb);
                        break;
                    }
                    if !(c.word(v) && is_in(LEFT_SKIP, c.s(v))) {
                        break;
                    }
                    skipped += 1;
                }
            }
            let actor_bytes = actor
                .map(|(a, b)| (toks[a].start, toks[b - 1].end))
                .filter(|&a| !tx.iter().any(|t| overlaps(a, (t.start, t.end))));
            // Place.
            let place = place_for(&c, r.first, np_end, &sc, actor_bytes);
            // Date: the nearest date after the figure in its sentence, else before.
            let f_start = toks[r.first].start;
            let f_end = toks[r.end - 1].end;
            let dated = |t: &&&Timex| {
                matches!(t.kind, TimexKind::Date | TimexKind::Time)
                    && t.value.as_deref().is_some_and(|v| !v.ends_with("_REF"))
            };
            // the clause: rightwards to its end, leftwards to `;`, `:` or a dash
            let mut ce = np_end;
            while ce < toks.len() && clause_goes_on(&c, ce) {
                ce += 1;
            }
            let clause_end = toks.get(ce).map_or(unit.end, |t| t.start);
            let mut cs = r.first;
            while cs > 0 && r.first - cs < 15 {
                let p = c.s(cs - 1);
                if matches!(p, ";" | ":" | "—" | "–") || p == "-" && !c.glued(cs - 1) {
                    break;
                }
                cs -= 1;
            }
            let clause_start = toks.get(cs).map_or(unit.start, |t| t.start);
            let date = tx
                .iter()
                .filter(dated)
                .find(|t| t.start >= f_end && t.end <= clause_end)
                .or_else(|| {
                    tx.iter()
                        .filter(dated)
                        .rev()
                        .find(|t| t.end <= f_start && t.start >= clause_start)
                })
                .map(|t| {
                    let v = t.value.clone().unwrap_or_default();
                    let lead = text[unit.start..t.start].trim_end();
                    let lead = lead.strip_suffix("the").unwrap_or(lead).trim_end();
                    let since = lead.len() >= 5
                        && lead.as_bytes()[lead.len() - 5..].eq_ignore_ascii_case(b"since");
                    let v = match (since, published) {
                        (true, Some(p)) => format!("{v}/{}", p.format("%Y-%m-%d")),
                        _ => v,
                    };
                    (v, t.start, t.end)
                });
            // Source: the attributed statement holding the figure.
            // Quotes are in text order and at most `MAX_QUOTE_BYTES` long.
            let from = quotes.partition_point(|q| q.start + MAX_QUOTE_BYTES < f_start);
            let source = quotes[from..]
                .iter()
                .take_while(|q| q.start <= f_start)
                .position(|q| f_end <= q.end)
                .map(|qi| (&quotes[from + qi], from + qi));
            let span = |o: Option<(usize, usize)>| o.map(|(a, b)| (toks[a].start, toks[b - 1].end));
            let counted = span(r.counted);
            let actor_entity = actor_bytes.and_then(|(a, b)| {
                ms.iter()
                    .find(|m| m.start >= a && m.end <= b)
                    .map(|m| m.text.clone())
            });
            let mut f = Figure {
                start: f_start,
                end: f_end,
                text: text[f_start..f_end].to_string(),
                kind: if r.kind == FigureKind::Quantity && category.is_some() && r.unit.is_none() {
                    FigureKind::Count
                } else {
                    r.kind
                },
                value: r.value,
                low: r.low,
                high: r.high,
                bound: r.bound,
                unit: r.unit.clone(),
                counted: counted.map(|(a, b)| text[a..b].to_string()),
                counted_start: counted.map(|x| x.0),
                counted_end: counted.map(|x| x.1),
                counted_class: r.counted_class.map(str::to_string),
                category: category.map(|(k, _)| k.to_string()),
                gdelt: category.and_then(|(k, _)| gdelt_of(k)).map(str::to_string),
                trigger: category.and_then(|(_, t)| t).map(|t| c.s(t).to_string()),
                trigger_start: category.and_then(|(_, t)| t).map(|t| toks[t].start),
                trigger_end: category.and_then(|(_, t)| t).map(|t| toks[t].end),
                part_of,
                place: place.as_ref().map(|p| text[p.start..p.end].to_string()),
                place_start: place.as_ref().map(|p| p.start),
                place_end: place.as_ref().map(|p| p.end),
                place_mention: place.as_ref().and_then(|p| p.mention),
                place_name: place.as_ref().and_then(|p| p.name.clone()),
                place_countries: place.map(|p| p.countries).unwrap_or_default(),
                date: date.as_ref().map(|d| d.0.clone()),
                date_start: date.as_ref().map(|d| d.1),
                date_end: date.as_ref().map(|d| d.2),
                actor: actor_bytes.map(|(a, b)| text[a..b].to_string()),
                actor_start: actor_bytes.map(|x| x.0),
                actor_end: actor_bytes.map(|x| x.1),
                actor_entity,
                source: source.and_then(|(q, _)| q.source.clone()),
                source_entity: source.and_then(|(q, _)| q.speaker.clone()),
                source_quote: source.map(|s| s.1),
                segment: ui,
            };
            if let Some(w) = part_of {
                inherit(&mut f, &out[w]);
            }
            out.push(f);
        }
        // `a dozen journalists and 25 students were detained`: coordinated
        // counts share the category of the last.
        for k in (unit_first..out.len().saturating_sub(1)).rev() {
            let (a, b) = (&out[k], &out[k + 1]);
            let a_end = a.counted_end.unwrap_or(a.end);
            let gap = text.get(a_end..b.start).unwrap_or("?");
            if a.category.is_none()
                && b.category.is_some()
                && b.trigger_start.is_some_and(|t| t > b.end)
                && matches!(gap.trim(), "and" | "or" | "," | ", and" | ", or")
            {
                let (cat, gd, tr, ts, te) = (
                    b.category.clone(),
                    b.gdelt.clone(),
                    b.trigger.clone(),
                    b.trigger_start,
                    b.trigger_end,
                );
                let a = &mut out[k];
                a.category = cat;
                a.gdelt = gd;
                a.trigger = tr;
                a.trigger_start = ts;
                a.trigger_end = te;
                if a.kind == FigureKind::Quantity && a.unit.is_none() {
                    a.kind = FigureKind::Count;
                }
            }
        }
    }
    out
}

/// A part (`three children`) takes what its whole says and it does not.
fn inherit(f: &mut Figure, whole: &Figure) {
    if f.category.is_none() {
        f.category.clone_from(&whole.category);
        f.gdelt.clone_from(&whole.gdelt);
        f.trigger.clone_from(&whole.trigger);
        f.trigger_start = whole.trigger_start;
        f.trigger_end = whole.trigger_end;
    }
    if f.place.is_none() {
        f.place.clone_from(&whole.place);
        f.place_start = whole.place_start;
        f.place_end = whole.place_end;
        f.place_mention = whole.place_mention;
        f.place_name.clone_from(&whole.place_name);
        f.place_countries.clone_from(&whole.place_countries);
    }
    if f.date.is_none() {
        f.date.clone_from(&whole.date);
        f.date_start = whole.date_start;
        f.date_end = whole.date_end;
    }
    if f.actor.is_none() {
        f.actor.clone_from(&whole.actor);
        f.actor_start = whole.actor_start;
        f.actor_end = whole.actor_end;
        f.actor_entity.clone_from(&whole.actor_entity);
    }
    if f.source_quote.is_none() {
        f.source.clone_from(&whole.source);
        f.source_entity.clone_from(&whole.source_entity);
        f.source_quote = whole.source_quote;
    }
}
