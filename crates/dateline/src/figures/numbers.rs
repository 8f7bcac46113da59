//! Reading a number at a token: digits with scales (`1.2 million`, `$3bn`),
//! spelled numbers (`twenty-five`, `a dozen`), fractions (`two thirds`),
//! vague amounts (`tens of thousands`), and what stands around it: the
//! currency before, the percent sign after, the bounding phrase before.

use super::lexicon::ModBound;
use super::tokens::{Ctx, Tk};
use super::words::{scale_word, small_number, vague_word};

/// A number read from tokens `[first, end)`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Core {
    pub end: usize,
    pub value: Option<f64>,
    pub low: f64,
    pub vague: bool,
    pub spelled: bool,
    pub fraction: bool,
    pub scale: f64,
}

/// `v` times a power of ten, without the rounding of a float product
/// (`4.1 million` is 4100000, not 4099999.9999999995).
pub(super) fn scaled(v: f64, scale: f64) -> f64 {
    format!("{v}e{}", scale.log10().round() as i32)
        .parse()
        .unwrap_or(v * scale)
}

/// The value of digits with `,` separators and at most one decimal point.
pub(super) fn parse_digits(s: &str) -> Option<f64> {
    if s.matches('.').count() > 1 {
        return None;
    }
    s.replace(',', "").parse::<f64>().ok()
}

/// Reads a number at token `i`: digits with an optional scale, spelled
/// numbers, `a dozen`, fractions (`a quarter of`), vague amounts.
pub(super) fn read_core(c: &Ctx<'_>, i: usize, money: bool) -> Option<Core> {
    let n = c.toks.len();
    let t = c.toks[i];
    let core = Core {
        end: i + 1,
        value: None,
        low: 0.0,
        vague: false,
        spelled: false,
        fraction: false,
        scale: 1.0,
    };
    if t.kind == Tk::Num {
        return read_digits(c, i, money, core);
    }
    if t.kind != Tk::Word {
        return None;
    }
    let w = c.s(i);
    // `a dozen`, `a hundred`, `a million`, `a quarter of`, `half a million`.
    if (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an")) && i + 1 < n {
        return read_article(c, i, core);
    }
    if w.eq_ignore_ascii_case("half") {
        return read_half(c, i, core);
    }
    // Vague amounts: `dozens`, `hundreds of thousands`, `tens of thousands`,
    // `several hundred`, `a few thousand`.
    if let Some(low) = vague_word(w) {
        return read_vague(c, i, low, core);
    }
    let lw = w.to_ascii_lowercase();
    if matches!(lw.as_str(), "several" | "few") {
        return read_several(c, i, &lw, core);
    }
    // Spelled numbers.
    small_number(w)?;
    read_spelled(c, i, core)
}

/// Digits with an optional scale: `9,500`, `1.2 million`, `$3m`, `1.5m people`.
fn read_digits(c: &Ctx<'_>, i: usize, money: bool, mut core: Core) -> Option<Core> {
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
    Some(core)
}

/// `a dozen`, `a hundred`, `a million`, `a quarter of`; not `a few`.
fn read_article(c: &Ctx<'_>, i: usize, mut core: Core) -> Option<Core> {
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
    None
}

/// `half a million`, `half of`.
fn read_half(c: &Ctx<'_>, i: usize, mut core: Core) -> Option<Core> {
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
    None
}

/// Vague amounts: `dozens`, `hundreds of thousands`, `tens of thousands`
/// (`low`: the least the word at token `i` means).
fn read_vague(c: &Ctx<'_>, i: usize, low: f64, mut core: Core) -> Option<Core> {
    let n = c.toks.len();
    let lw = c.s(i).to_ascii_lowercase();
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
    Some(core)
}

/// `several hundred`, `few thousand` (`lw`: `several` or `few`).
fn read_several(c: &Ctx<'_>, i: usize, lw: &str, mut core: Core) -> Option<Core> {
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
    Some(core)
}

/// Spelled numbers: `four`, `twenty-five`, `three hundred and fifty`,
/// `two dozen`, `three thousand`, and fractions (`two thirds`).
fn read_spelled(c: &Ctx<'_>, i: usize, mut core: Core) -> Option<Core> {
    let n = c.toks.len();
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
pub(super) fn currency_before(c: &Ctx<'_>, i: usize) -> Option<(usize, &'static str)> {
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
pub(super) fn percent_at(c: &Ctx<'_>, j: usize) -> Option<(&'static str, usize)> {
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
pub(super) fn modifier_before(c: &Ctx<'_>, i: usize) -> Option<(usize, ModBound)> {
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
