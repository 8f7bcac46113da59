//! Reading a figure from the number at a token: its range, currency,
//! percent sign or unit, bounding phrase and what it counts.

use super::counted::counted_np;
use super::lexicon::ModBound;
use super::numbers::{currency_before, modifier_before, percent_at, read_core, scaled, Core};
use super::tokens::{Ctx, Tk};
use super::words::is_in;
use super::{Bound, FigureKind};

/// A figure as read from the tokens, before it is kept and made a claim.
pub(super) struct Raw {
    /// Its first token (a bounding phrase, a currency or `between`).
    pub first: usize,
    /// The token after it (its number, range, currency word, percent sign or unit).
    pub end: usize,
    /// The token its number starts at.
    pub core_first: usize,
    /// What it measures.
    pub kind: FigureKind,
    /// Its value, when exact.
    pub value: Option<f64>,
    /// The least it can be.
    pub low: Option<f64>,
    /// The most it can be.
    pub high: Option<f64>,
    /// How the number bounds it.
    pub bound: Bound,
    /// Its unit: a currency, `%`, a unit of measure.
    pub unit: Option<String>,
    /// The tokens of what it counts.
    pub counted: Option<(usize, usize)>,
    /// The class of what it counts (`person`, `attack`, `other`).
    pub counted_class: Option<&'static str>,
    /// The category the counted noun gives (`deaths`: killed).
    pub category: Option<&'static str>,
    /// Whether its numbers are spelled out.
    pub spelled: bool,
    /// Whether it is a vague amount (`dozens`).
    pub vague: bool,
    /// A range written with a dash (`20-30`).
    pub dash: bool,
}

/// Reads the figure whose number starts at token `i`, if it is one.
pub(super) fn read_figure(c: &Ctx<'_>, i: usize) -> Option<Raw> {
    let cur_before = currency_before(c, i);
    let core = read_core(c, i, cur_before.is_some())?;
    let mut r = Raw {
        first: i,
        end: core.end,
        core_first: i,
        kind: FigureKind::Quantity,
        value: core.value,
        low: Some(core.low),
        high: if core.vague { None } else { core.value },
        bound: if core.vague {
            Bound::Lower
        } else {
            Bound::Exact
        },
        unit: None,
        counted: None,
        counted_class: None,
        category: None,
        spelled: core.spelled,
        vague: core.vague,
        dash: false,
    };
    read_range(c, &mut r, &core, cur_before.map(|(p, _)| p))?;
    if c.is(i, "few") && i > 0 && c.is(i - 1, "a") {
        r.first = i - 1; // `a few thousand`
    }
    read_currency_and_percent(c, &mut r, &core, cur_before);
    if r.kind == FigureKind::Quantity || r.kind == FigureKind::Money {
        read_money_word(c, &mut r, &core);
    }
    if r.kind == FigureKind::Quantity && !core.vague && !core.fraction {
        read_measure_unit(c, &mut r);
    }
    apply_modifier(c, &mut r, &core);
    read_counted(c, &mut r, &core);
    Some(r)
}

/// Verbs of change before `from`: `rose from 5 to 7` is a change, not a range.
const CHANGE_WORDS: &[&str] = &[
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
];

/// Ranges: `20 to 30`, `20-30`, `between 20 and 30`, `two or three` (the
/// number of `r` read as `core`; `currency_at`: the token of a currency
/// before it). `None` for a score (`3-1`), which is no figure.
fn read_range(c: &Ctx<'_>, r: &mut Raw, core: &Core, currency_at: Option<usize>) -> Option<()> {
    let n = c.toks.len();
    let i = r.core_first;
    let j = r.end;
    let opener = currency_at.unwrap_or(i);
    let between = opener > 0 && (c.is(opener - 1, "between") || c.is(opener - 1, "from"));
    if core.vague || j + 1 >= n {
        return Some(());
    }
    let sep = c.s(j);
    let dash = matches!(sep, "-" | "–" | "—") && c.glued(j) && c.glued(j + 1);
    let word_sep = c.is(j, "to") || c.is(j, "or") || (between && c.is(j, "and"));
    // `rose from 5 to 7` is a change, not a range
    let change = opener > 1
        && c.is(opener - 1, "from")
        && (2..=4)
            .filter(|&k| opener >= k)
            .any(|k| is_in(CHANGE_WORDS, c.s(opener - k)));
    if !(dash || word_sep) || change {
        return Some(());
    }
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
    if k >= n {
        return Some(());
    }
    let Some(second) = read_core(c, k, currency_at.is_some()) else {
        return Some(());
    };
    if second.vague || second.fraction || second.spelled != core.spelled {
        return Some(());
    }
    let mut lo = core.value.unwrap_or(0.0);
    // `1 to 2 million`, but not `800,000 to 1.2 million`
    let hi_raw = second.value.unwrap_or(lo);
    if core.scale == 1.0 && second.scale > 1.0 && scaled(lo, second.scale) <= hi_raw {
        lo = scaled(lo, second.scale);
    }
    let hi = second.value.unwrap_or(lo);
    if hi < lo && dash {
        return None; // a score: `3-1`
    }
    if hi >= lo {
        r.value = Some(lo);
        r.low = Some(lo);
        r.high = Some(hi);
        r.bound = Bound::Range;
        r.dash = dash;
        if between && !dash {
            r.first = opener - 1;
        }
        r.end = second.end;
        r.spelled = r.spelled && second.spelled;
    }
    Some(())
}

/// A fraction's unit, a currency before (`$`, `US$`), a percent sign after
/// (`%`, `per cent`), or one shared with the next number (`eight and
/// fourteen percent`).
fn read_currency_and_percent(
    c: &Ctx<'_>,
    r: &mut Raw,
    core: &Core,
    cur_before: Option<(usize, &'static str)>,
) {
    let n = c.toks.len();
    if core.fraction {
        r.unit = Some("fraction".into());
    }
    // Currency before, or a currency word / percent / unit after.
    if let Some((p, iso)) = cur_before {
        r.first = r.first.min(p);
        r.kind = FigureKind::Money;
        r.unit = Some(iso.to_string());
    }
    if let Some((u, len)) = percent_at(c, r.end) {
        r.kind = FigureKind::Percent;
        r.unit = Some(u.into());
        r.end += len;
    }
    let j = r.end;
    if r.kind == FigureKind::Quantity
        && r.unit.is_none()
        && !core.vague
        && j + 1 < n
        && (c.is(j, "and") || c.is(j, "or") || c.s(j) == ",")
    {
        // `eight and fourteen percent`, `166.5 and 93.3 %`: a shared sign
        if let Some(second) = read_core(c, j + 1, false) {
            if percent_at(c, second.end).is_some() && second.spelled == core.spelled {
                r.kind = FigureKind::Percent;
                r.unit = Some("%".into());
            }
        }
    }
}

/// A currency word after the number: `dollars`, `US dollars`, `billions of
/// dollars`, `cents`; `500 pounds of explosives` is a weight.
fn read_money_word(c: &Ctx<'_>, r: &mut Raw, core: &Core) {
    let mut k = r.end;
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
    if !c.word(k) {
        return;
    }
    let lw = c.lower(k);
    let Some(iso) = c.lex.money.get(lw.as_str()) else {
        return;
    };
    // `500 pounds of explosives` is a weight; `£5m`, `5m pounds in
    // compensation` and `pounds sterling` are money.
    let weight = lw.starts_with("pound")
        && r.kind != FigureKind::Money
        && core.scale < 1e6
        && c.is(k + 1, "of");
    if weight {
        r.unit = Some("lb".into());
        r.end = k + 1;
        return;
    }
    let cents = matches!(lw.as_str(), "cent" | "cents" | "pence" | "penny");
    if cents {
        r.value = r.value.map(|v| v / 100.0);
        r.low = r.low.map(|v| v / 100.0);
        r.high = r.high.map(|v| v / 100.0);
    }
    r.kind = FigureKind::Money;
    r.unit = Some(adj_iso.unwrap_or(iso).to_string());
    r.end = k + 1;
    if lw == "pounds" && c.is(r.end, "sterling") {
        r.end += 1;
    }
}

/// Units: `10 km`, `10km`, `9,420 nautical miles`, `12-year-old`, `120 km/h`.
fn read_measure_unit(c: &Ctx<'_>, r: &mut Raw) {
    let mut k = r.end;
    if matches!(c.toks.get(k).map(|_| c.s(k)), Some("-")) && c.glued(k) && c.glued(k + 1) {
        k += 1;
    }
    if !c.word(k) {
        return;
    }
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
        r.unit = Some("years".into());
        r.end = k + 3;
    } else if (lw == "years" || lw == "year") && c.is(k + 1, "old") {
        r.unit = Some("years".into());
        r.end = k + 2;
    } else if let Some(u) = c.lex.units.get(lw.as_str()) {
        let ok = match lw.as_str() {
            "m" | "g" | "ha" | "ft" => (c.glued(k) || !pre.is_empty()) && c.s(k) == lw,
            "point" | "points" => !r.spelled,
            _ => true,
        };
        if ok {
            r.unit = Some(format!("{pre}{u}").trim().to_string());
            r.end = k + 1;
            // `120 km/h`
            let j = r.end;
            if lw == "km" && c.s_at(j) == Some("/") && c.is(j + 1, "h") && c.glued(j + 1) {
                r.unit = Some("km/h".into());
                r.end += 2;
            }
        }
    }
}

/// A bounding phrase before: `more than`, `about`, `some of the`.
fn apply_modifier(c: &Ctx<'_>, r: &mut Raw, core: &Core) {
    let Some((m, b)) = modifier_before(c, r.first) else {
        return;
    };
    r.first = m;
    if r.bound == Bound::Range {
        return;
    }
    match b {
        ModBound::Lower => {
            r.bound = Bound::Lower;
            r.high = None;
            r.low = if core.vague { r.low } else { r.value };
        }
        ModBound::Upper => {
            r.bound = Bound::Upper;
            r.low = None;
            r.high = r.value;
        }
        ModBound::Approx => {
            if !core.vague {
                r.bound = Bound::Approx;
                r.low = None;
                r.high = None;
            }
        }
        ModBound::Exact => {}
    }
}

/// What is counted: `people`, `of drone and missile attacks`; a count is a
/// quantity of something counted, or a vague amount.
fn read_counted(c: &Ctx<'_>, r: &mut Raw, core: &Core) {
    if matches!(r.kind, FigureKind::Quantity) && r.unit.is_none() {
        let mut k = r.end;
        if c.is(k, "of") && (core.vague || core.fraction || r.spelled || r.value.is_some()) {
            k += 1;
            if ["the", "those", "these", "their", "its", "his", "her", "our"]
                .iter()
                .any(|w| c.is(k, w))
            {
                k += 1;
            }
        }
        let (np, class, cat) = counted_np(c, k, r.value);
        if np.is_some() {
            r.counted = np;
            r.counted_class = class;
            r.category = cat;
        }
    }
    if core.fraction {
        r.kind = FigureKind::Quantity;
        r.counted = None;
        r.counted_class = None;
        r.category = None;
    }
    if r.kind == FigureKind::Quantity && (r.counted.is_some() || core.vague) && r.unit.is_none() {
        r.kind = FigureKind::Count;
    }
}
