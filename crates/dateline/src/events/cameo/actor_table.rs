//! The CAMEO actor dictionary's phrases and their codes, as the build
//! script compiles the shipped rows (`data/cameo_actors.tsv`) and the crate
//! reads them back at start-up with no parsing, hashing or sorting; a
//! user's dictionary is added to them by the same [`Builder`].
//! Self-contained on purpose: it uses only `std` (`build.rs` includes it
//! with `lexicon/prefixes.rs`).

use std::borrow::Cow;
use std::collections::HashMap;

use super::prefixes::{Ints, Prefixes};

/// A string of the table: read in place from the compiled bytes, or built
/// from a dictionary's rows.
pub(crate) type Text = Cow<'static, str>;

/// A date as a day number: days from the start of the common era, as
/// chrono's `NaiveDate::num_days_from_ce` counts them (0001-01-01 is 1).
pub(crate) type Day = i32;

/// The day number of a date of the proleptic Gregorian calendar, `None`
/// when there is no such date.
pub(crate) fn day(y: i32, m: u32, d: u32) -> Option<Day> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let len = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d == 0 || d > len {
        return None;
    }
    // Days from 0000-03-01 (Hinnant's days_from_civil), moved to chrono's
    // day one.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 305)
}

/// Where an agent's code goes: after the actor's (`~GOV`) or before it
/// (`IGO~`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AgentPos {
    Prefix,
    Suffix,
}

/// A code, valid between two days (inclusive) when they are given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dated {
    pub code: Text,
    pub from: Option<Day>,
    pub to: Option<Day>,
}

impl Dated {
    fn ranged(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    fn contains(&self, d: Day) -> bool {
        self.from.map_or(true, |f| f <= d) && self.to.map_or(true, |t| d <= t)
    }
}

/// What one phrase stands for.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Phrase {
    pub codes: Vec<Dated>,
    pub entry: Option<Text>,
    pub agent: Option<(Text, AgentPos)>,
}

impl Phrase {
    /// The actor code for `date`: the restriction that holds, else the
    /// default; without a date the default, else the latest restriction.
    pub fn code(&self, date: Option<Day>) -> Option<&str> {
        let default = || self.codes.iter().find(|c| !c.ranged());
        let pick = match date {
            Some(d) => self
                .codes
                .iter()
                .find(|c| c.ranged() && c.contains(d))
                .or_else(default),
            None => default().or_else(|| {
                let end = |c: &&Dated| c.to.unwrap_or(Day::MAX);
                self.codes.iter().max_by_key(end)
            }),
        };
        pick.map(|c| c.code.as_ref())
    }
}

/// The phrases and the index that finds them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Table {
    pub names: Vec<Text>,
    pub phrases: Vec<Phrase>,
    pub prefixes: Prefixes,
}

/// One row of a user's dictionary.
pub(crate) struct UserRow {
    pub name: String,
    pub code: Dated,
    pub entry: String,
}

/// Collects phrases before they are indexed.
#[derive(Default)]
pub(crate) struct Builder {
    index: HashMap<String, usize>,
    names: Vec<Text>,
    phrases: Vec<Phrase>,
}

impl Builder {
    /// A builder holding a table's phrases (to add a user's to).
    pub fn from_table(t: &Table) -> Builder {
        let index = t
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_string(), i))
            .collect();
        Builder {
            index,
            names: t.names.clone(),
            phrases: t.phrases.clone(),
        }
    }

    fn slot(&mut self, name: &str) -> &mut Phrase {
        let n = self.names.len();
        let i = *self.index.entry(name.to_string()).or_insert(n);
        if i == n {
            self.names.push(name.to_string().into());
            self.phrases.push(Phrase::default());
        }
        &mut self.phrases[i]
    }

    /// The phrases, indexed.
    pub fn build(self) -> Table {
        let prefixes = Prefixes::new(
            self.names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.as_bytes(), i as u32)),
        );
        Table {
            names: self.names,
            phrases: self.phrases,
            prefixes,
        }
    }

    /// Adds the shipped rows (`A` actors, `G` agents).
    pub fn shipped(&mut self, text: &str) {
        let rows = text.lines().filter(|l| !l.starts_with('#'));
        self.index.reserve(text.len() / 40);
        let mut f: Vec<&str> = Vec::with_capacity(5);
        for line in rows {
            f.clear();
            f.extend(line.split('\t'));
            match f.as_slice() {
                ["A", name, code, dates, entry] => {
                    let Ok(d) = dated(code, dates) else { continue };
                    let p = self.slot(name);
                    p.codes.push(d);
                    if !entry.is_empty() {
                        p.entry = Some(entry.to_string().into());
                    }
                }
                ["G", name, code, pos] => {
                    let pos = if *pos == "prefix" {
                        AgentPos::Prefix
                    } else {
                        AgentPos::Suffix
                    };
                    self.slot(name).agent = Some((code.to_string().into(), pos));
                }
                _ => {}
            }
        }
    }

    /// Adds a user's rows; a phrase the user lists loses its shipped codes.
    pub fn user(&mut self, rows: Vec<UserRow>) {
        let mut cleared = std::collections::HashSet::new();
        for r in rows {
            let p = self.slot(&r.name);
            if cleared.insert(r.name.clone()) {
                p.codes.clear();
                p.entry = None;
            }
            p.codes.push(r.code);
            if r.entry != r.name {
                p.entry = Some(r.entry.into());
            }
        }
    }
}

/// A date of a restriction: YYYYMMDD, or YYMMDD (YY up to 30 is 20YY).
pub(crate) fn date(s: &str) -> Result<Day, String> {
    let digits = |d: &str| -> Option<u32> {
        d.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| d.parse().ok())
            .flatten()
    };
    let (year, rest) = match s.len() {
        8 if s.is_char_boundary(4) => (digits(&s[..4]), &s[4..]),
        6 if s.is_char_boundary(2) => {
            let yy = digits(&s[..2]);
            (
                yy.map(|y| if y <= 30 { 2000 + y } else { 1900 + y }),
                &s[2..],
            )
        }
        _ => return Err(format!("bad date {s:?} (YYYYMMDD or YYMMDD)")),
    };
    let (month, d) = match rest.is_char_boundary(2) {
        true => (digits(&rest[..2]), digits(&rest[2..])),
        false => (None, None),
    };
    year.zip(month)
        .zip(d)
        .and_then(|((y, m), d)| day(y as i32, m, d))
        .ok_or_else(|| format!("bad date {s:?}"))
}

/// A code with its restriction: empty, `<date`, `>date` or `date-date`
/// (spaces allowed).
pub(crate) fn dated(code: &str, dates: &str) -> Result<Dated, String> {
    let valid = !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric());
    if !valid {
        return Err(format!("bad code {code:?}"));
    }
    let r: std::borrow::Cow<'_, str> = match dates.contains(char::is_whitespace) {
        true => dates.chars().filter(|c| !c.is_whitespace()).collect(),
        false => dates.into(),
    };
    let (from, to) = if r.is_empty() {
        (None, None)
    } else if let Some(d) = r.strip_prefix('<') {
        (None, Some(date(d)?))
    } else if let Some(d) = r.strip_prefix('>') {
        (Some(date(d)?), None)
    } else if let Some((a, b)) = r.split_once('-') {
        (Some(date(a)?), Some(date(b)?))
    } else {
        return Err(format!("bad date restriction {dates:?}"));
    };
    Ok(Dated {
        code: code.to_string().into(),
        from,
        to,
    })
}

const MAGIC: &[u8; 8] = b"DLACT\x00\x00\x01";
/// Marks a day that is not there.
const NO_DAY: i32 = i32::MIN;

impl Table {
    /// The table as bytes, for [`Table::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        let u32 = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_le_bytes());
        let str = |out: &mut Vec<u8>, s: &str| {
            u32(out, s.len() as u32);
            out.extend_from_slice(s.as_bytes());
        };
        u32(&mut out, self.names.len() as u32);
        for (n, p) in self.names.iter().zip(&self.phrases) {
            str(&mut out, n);
            u32(&mut out, p.codes.len() as u32);
            for c in &p.codes {
                str(&mut out, &c.code);
                for d in [c.from, c.to] {
                    out.extend_from_slice(&d.unwrap_or(NO_DAY).to_le_bytes());
                }
            }
            // An absent entry or agent is written as an empty one: the
            // shipped rows have none empty (`shipped` keeps no empty entry;
            // an agent's code is never empty).
            str(&mut out, p.entry.as_deref().unwrap_or(""));
            let (code, pos) = match &p.agent {
                Some((c, AgentPos::Prefix)) => (&**c, 1),
                Some((c, AgentPos::Suffix)) => (&**c, 2),
                None => ("", 0),
            };
            str(&mut out, code);
            out.push(pos);
        }
        let (bytes, names, walk, short) = self.prefixes.parts();
        u32(&mut out, bytes.len() as u32);
        out.extend_from_slice(bytes);
        u32(&mut out, names.len() as u32 / 3);
        for v in names.iter() {
            u32(&mut out, v);
        }
        u32(&mut out, walk.len() as u32);
        for v in walk.iter() {
            u32(&mut out, v);
        }
        u32(&mut out, short.len() as u32);
        for (n, id) in short {
            u32(&mut out, n.len() as u32);
            out.extend_from_slice(n);
            u32(&mut out, *id);
        }
        out
    }

    /// Reads what [`Table::to_bytes`] wrote; `None` if the bytes are not
    /// that. The strings and the index are read in place, not copied.
    pub fn from_bytes(b: &'static [u8]) -> Option<Table> {
        let mut r = Reader { b, at: 0 };
        if r.take(8)? != MAGIC {
            return None;
        }
        let n = r.len()?;
        let mut t = Table {
            names: Vec::with_capacity(n.min(b.len())),
            phrases: Vec::with_capacity(n.min(b.len())),
            prefixes: Prefixes::default(),
        };
        for _ in 0..n {
            t.names.push(Cow::Borrowed(r.str()?));
            let codes = r.len()?;
            let mut p = Phrase {
                codes: Vec::with_capacity(codes.min(b.len())),
                ..Phrase::default()
            };
            for _ in 0..codes {
                let code = Cow::Borrowed(r.str()?);
                let from = r.day()?;
                let to = r.day()?;
                p.codes.push(Dated { code, from, to });
            }
            let entry = r.str()?;
            p.entry = (!entry.is_empty()).then_some(Cow::Borrowed(entry));
            let code = r.str()?;
            p.agent = match r.take(1)?[0] {
                0 => None,
                1 => Some((Cow::Borrowed(code), AgentPos::Prefix)),
                2 => Some((Cow::Borrowed(code), AgentPos::Suffix)),
                _ => return None,
            };
            t.phrases.push(p);
        }
        let n = r.len()?;
        let bytes = Cow::Borrowed(r.take(n)?);
        let n = r.len()?;
        let names = Ints::from_bytes(r.take(n.checked_mul(12)?)?)?;
        let n = r.len()?;
        let walk = Ints::from_bytes(r.take(n.checked_mul(4)?)?)?;
        let mut short = Vec::new();
        for _ in 0..r.len()? {
            let n = r.len()?;
            let name = r.take(n)?.to_vec();
            short.push((name, r.u32()?));
        }
        t.prefixes = Prefixes::from_parts(bytes, names, walk, short)?;
        let ids_ok = t.prefixes.ids().all(|id| (id as usize) < t.names.len());
        (r.at == b.len() && ids_ok).then_some(t)
    }
}

struct Reader {
    b: &'static [u8],
    at: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn len(&mut self) -> Option<usize> {
        Some(self.u32()? as usize)
    }
    fn str(&mut self) -> Option<&'static str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn day(&mut self) -> Option<Option<Day>> {
        let x = self.u32()? as i32;
        Some((x != NO_DAY).then_some(x))
    }
}
