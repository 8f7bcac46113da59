//! CAMEO event codes: descriptions (`data/cameo_codes.tsv`, from the CAMEO
//! 0.7b5 code list), roots, quad classes ([`Quad::of`]), and our PLOVER mapping
//! (`data/plover.tsv`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

#[cfg(test)]
use crate::events::Quad;

const CODES: &str = include_str!("../../../data/cameo_codes.tsv");
const PLOVER: &str = include_str!("../../../data/plover.tsv");

/// A PLOVER event type with its mode, as our mapping gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Plover {
    /// PLOVER event type (`CONSULT`, `ASSAULT`, ...).
    pub(crate) kind: &'static str,
    /// Mode within the type (`visit`, `aerial`, ...), when the code names one.
    pub(crate) mode: Option<&'static str>,
}

type Map<V> = HashMap<&'static str, V, foldhash::fast::FixedState>;

fn descriptions() -> &'static Map<&'static str> {
    static D: OnceLock<Map<&'static str>> = OnceLock::new();
    D.get_or_init(|| rows(CODES).map(|r| (r[0], r[1])).collect())
}

fn plover_rows() -> &'static Map<Option<Plover>> {
    static P: OnceLock<Map<Option<Plover>>> = OnceLock::new();
    P.get_or_init(|| {
        rows(PLOVER)
            .map(|r| {
                let mode = r.get(2).copied().filter(|m| !m.is_empty());
                let p = (r[1] != "-").then_some(Plover { kind: r[1], mode });
                (r[0], p)
            })
            .collect()
    })
}

/// The tab-separated rows of a data file, comments and blank lines skipped.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|r| r.len() >= 2)
}

/// The CAMEO description of `code` (`"042"` → `Make a visit`); roots have
/// the name of their category (`"19"` → `Fight`).
pub(crate) fn describe(code: &str) -> Option<&'static str> {
    descriptions().get(code).copied()
}

/// The root of a code: its first two characters (`"0421"` → `"04"`).
pub(crate) fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// The quad class of a code, from its root; `None` for a root outside
/// 01-20.
#[cfg(test)]
pub(crate) fn quad(code: &str) -> Option<Quad> {
    Quad::of(code)
}

/// The PLOVER type of a CAMEO code (our mapping): the code's own row, else
/// its three-digit parent's, else its root's; `None` where the row says
/// there is none (statements, appeals, investigations) or the root is
/// unknown.
pub(crate) fn plover(code: &str) -> Option<Plover> {
    let table = plover_rows();
    [code.len(), 3, 2]
        .into_iter()
        .filter(|&n| n <= code.len() && code.is_char_boundary(n))
        .find_map(|n| table.get(&code[..n]))
        .copied()
        .flatten()
}
