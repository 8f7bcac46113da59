//! The figure layer: every number the story states (counts, sums of money,
//! percentages, quantities), read as a claim an analyst can check.
//!
//! **Reads** what the earlier layers produced: the article's text and its
//! headlines and sentences (article), the dates (time), the mentions of
//! people, organisations and places with their countries (entities) and
//! the attributed statements (quotes). **Adds** a [`Figure`] for every
//! number the story states. **Runs** last, after resolve (whose output it
//! does not read): article → time → entities → quotes → resolve →
//! **figures**.
//!
//! The steps, in the order [`extract`] runs them over each headline and
//! sentence: `tokens` (splitting, and the reading helpers), `scan` (where a
//! number may start), `read` (the figure at a number: `numbers` reads the
//! number itself, `counted` what it counts, with the word lists of `words`
//! and the `lexicon`), `guards` (what is not a figure), then the claim:
//! `triggers`, `actors`, `places`, the date and source in `dates`, all
//! written out in `claims`.
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

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::entities::Mention;
use crate::quotes::Quote;
use crate::span::Span;
use crate::syntax::Syntax;
use crate::time::Timex;

mod actors;
mod claims;
mod counted;
mod dates;
mod guards;
mod lexicon;
mod numbers;
mod parse;
mod places;
mod read;
mod scan;
mod tokens;
mod triggers;
mod words;

use actors::actor_of;
use claims::{figure, inherit, share_coordinated, Claim};
use dates::{date_of, source_of};
use guards::{keep, overlaps};
pub(crate) use lexicon::lexicon;
use places::{place_for, Scope};
use read::{read_figure, Raw};
use scan::candidate;
use tokens::{tokenize, Ctx};
use triggers::category_of;
use words::{is_in, ATTACK_VERBS, AUX, PREPOSITIONS};

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
/// text order) and its publication date. With the syntax layer's parse
/// (`syntax`), the actor of a figure is also read from it: the subject of
/// the verb whose object is the counted noun (see `parse.rs`).
pub fn extract(
    text: &str,
    units: &[Span],
    mentions: &[Mention],
    timex: &[Timex],
    quotes: &[Quote],
    syntax: Option<&Syntax>,
    published: Option<NaiveDate>,
) -> Vec<Figure> {
    let lex = lexicon();
    let mut out: Vec<Figure> = Vec::new();
    let mut toks = Vec::new();
    let (mut m_lo, mut t_lo) = (0, 0);
    for (ui, unit) in units.iter().enumerate() {
        // The segment's mentions and temporal expressions.
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
        let raws = read_unit(&c, &tx, ms);
        let sc = Scope {
            all: mentions,
            base: m_lo,
            ms,
        };
        let unit_first = out.len();
        for (ri, r) in raws.iter().enumerate() {
            let np_end = r.counted.map_or(r.end, |(_, b)| b);
            let (category, right_trigger) = category_of(&c, r, np_end);
            if r.vague && r.counted.is_none() && category.is_none() && r.unit.is_none() {
                continue; // `thousands` alone says nothing countable
            }
            let part_of = part_of(&c, &raws, ri, &out[unit_first..]).map(|k| unit_first + k);
            let trigger = category
                .and_then(|(_, t)| t)
                .map(|t| Span::new(toks[t].start, toks[t].end));
            let amount = Span::new(toks[r.first].start, toks[r.end - 1].end);
            let ruled = actor_of(&c, r, np_end, right_trigger, ms)
                .map(|(a, b)| (toks[a].start, toks[b - 1].end));
            let no_date = |a: &(usize, usize)| !tx.iter().any(|t| overlaps(*a, (t.start, t.end)));
            // The parse's actor, when the verb it hangs from is the
            // category's trigger or a verb of violence or attacks.
            let parsed = syntax
                .filter(|_| category.is_some() || r.counted_class == Some("attack"))
                .and_then(|s| parse::actor(text, s, amount))
                .filter(|p| trigger == Some(p.verb) || is_in(ATTACK_VERBS, p.verb.slice(text)))
                .filter(|p| no_date(&(p.actor.start, p.actor.end)));
            // Words between an actor and its verb: auxiliaries and adverbs.
            let next_to = |a: (usize, usize), verb: Span| {
                a.1 <= verb.start
                    && text[a.1..verb.start]
                        .split_whitespace()
                        .all(|w| is_in(AUX, w) || w.ends_with("ly"))
            };
            // Only a preposition between the parse's subject and the rules'
            // phrase (`A suicide bomber at a checkpoint killed`): the
            // phrase modifies the subject.
            let prep_between = |a: (usize, usize), p: Span| {
                p.end <= a.0 && {
                    let gap: Vec<&str> = text[p.end..a.0].split_whitespace().collect();
                    gap.len() == 1 && is_in(PREPOSITIONS, gap[0])
                }
            };
            let actor = match (ruled.filter(no_date), parsed) {
                (Some(a), Some(p)) if prep_between(a, p.actor) => Some((p.actor.start, a.1)),
                // The rules and the parse agree: the rules' phrase stands.
                (Some(a), Some(p)) if a.0 <= p.actor.start && p.actor.start < a.1 => Some(a),
                // The parse's phrase holds the rules' (`the H5N1 strain` for
                // `strain`), or the rules' is not the words right before the
                // verb: the parse's.
                (Some(a), Some(p))
                    if (p.actor.start <= a.0 && a.1 <= p.actor.end) || !next_to(a, p.verb) =>
                {
                    Some((p.actor.start, p.actor.end))
                }
                (Some(a), Some(_)) => Some(a),
                (None, Some(p)) => Some((p.actor.start, p.actor.end)),
                (a, None) => a,
            };
            let claim = Claim {
                category,
                part_of,
                actor,
                place: place_for(&c, r.first, np_end, &sc, actor),
                date: date_of(&c, r, np_end, &tx, *unit, published),
                source: source_of(quotes, toks[r.first].start, toks[r.end - 1].end),
            };
            let mut f = figure(&c, r, claim, ms, ui);
            if let Some(w) = part_of {
                inherit(&mut f, &out[w]);
            }
            out.push(f);
        }
        share_coordinated(text, &mut out[unit_first..]);
    }
    out
}

/// The figures read in one segment (`tx`, `ms`: its temporal expressions
/// and mentions), in text order; a number read as part of a figure is not
/// read again.
fn read_unit(c: &Ctx<'_>, tx: &[&Timex], ms: &[Mention]) -> Vec<Raw> {
    let mut raws: Vec<Raw> = Vec::new();
    let mut i = 0;
    while i < c.toks.len() {
        if candidate(c, i) {
            if let Some(r) = read_figure(c, i) {
                let end = r.counted.map_or(r.end, |(_, b)| b.max(r.end)).max(i + 1);
                if keep(c, &r, tx, ms) {
                    raws.push(r);
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    raws
}

/// `four civilians, including three children`: the figure (index in
/// `unit_out`, the segment's figures so far) that `raws[ri]` is a part of.
fn part_of(c: &Ctx<'_>, raws: &[Raw], ri: usize, unit_out: &[Figure]) -> Option<usize> {
    let r = &raws[ri];
    let prev = &raws[ri.checked_sub(1)?];
    let prev_end = prev.counted.map_or(prev.end, |(_, b)| b);
    if prev.counted_class == Some("person")
        && r.counted_class == Some("person")
        && part_link(c, prev_end, r.first)
    {
        let prev_start = c.toks[prev.first].start;
        return (0..unit_out.len())
            .rev()
            .find(|&k| unit_out[k].start == prev_start);
    }
    None
}
