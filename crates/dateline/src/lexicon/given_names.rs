//! Given names and surnames: the US Census Bureau's 1990 lists of first
//! names, with the share of the population bearing each
//! (`data/first_names.tsv`), and of surnames (`data/surnames.txt`, 88,799
//! of them, read in place by binary search), both built by
//! `scripts/data/build_first_names.py` (public domain). The entity layer
//! reads it to tell a person whose surname it has never seen (`Elizabeth
//! Quat`, `Regina Ip`) from an organisation or a town of the same name.
//!
//! ```
//! use dateline::lexicon::given_names::{is_surname, share};
//!
//! assert!(share("Elizabeth").unwrap() > 0.5);
//! assert!(share("Baghdad").is_none());
//! assert!(is_surname("Phillips") && !is_surname("Fellowship"));
//! ```

use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/first_names.tsv");
const SURNAMES: &str = include_str!("../../data/surnames.txt");

fn names() -> &'static [(&'static str, f32)] {
    static NAMES: OnceLock<Vec<(&'static str, f32)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut v: Vec<(&'static str, f32)> = DATA
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, share) = l.split_once('\t')?;
                Some((name, share.parse().ok()?))
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    })
}

/// The share of the population, in percent, whose given name is `name`
/// written as news writes it (`Mary`: 2.6); `None` when it is no given
/// name of the list.
pub fn share(name: &str) -> Option<f32> {
    let names = names();
    names
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| names[i].1)
}

/// Whether `name`, written as news writes it (`Phillips`, `McDonald`,
/// `O'Brien`), is a surname of the census list: a binary search over the
/// sorted lines of the file, with no index built.
pub fn is_surname(name: &str) -> bool {
    // The list writes each name with one capital and no apostrophe
    // (`Mcdonald`, `Obrien`): `McDonald` and `O'Brien` are looked up so.
    let mut key = String::with_capacity(name.len());
    for (i, c) in name
        .chars()
        .filter(|c| !matches!(c, '\'' | '’'))
        .enumerate()
    {
        if i == 0 {
            key.extend(c.to_uppercase());
        } else {
            key.extend(c.to_lowercase());
        }
    }
    if key.is_empty() || !name.starts_with(char::is_uppercase) {
        return false;
    }
    let data = SURNAMES.as_bytes();
    let (mut lo, mut hi) = (0, data.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        // The line holding byte `mid`.
        let start = data[..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let end = data[mid..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(data.len(), |p| mid + p);
        match data[start..end].cmp(key.as_bytes()) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{is_surname, share};

    #[test]
    fn every_surname_is_found_and_nothing_else() {
        let all: Vec<&str> = super::SURNAMES.lines().collect();
        assert!(all.len() > 80_000);
        assert!(all.windows(2).all(|w| w[0] < w[1]), "sorted bytewise");
        for n in all
            .iter()
            .step_by(97)
            .chain([all[0], all[all.len() - 1]].iter())
        {
            assert!(is_surname(n), "{n}");
        }
        for n in ["", "A", "Aaaa", "Zzzzzz", "Fellowship", "phillips"] {
            assert!(!is_surname(n), "{n}");
        }
        // As news writes them, headlines' capitals too.
        for n in ["McDonald", "O'Brien", "O’Brien", "PHILLIPS"] {
            assert!(is_surname(n), "{n}");
        }
    }

    #[test]
    fn census_names_with_their_shares() {
        assert!(share("Mary").is_some_and(|s| s > 2.0));
        assert!(share("Gloria").is_some_and(|s| s > 0.1));
        // Written as news writes names, not in capitals or lower case.
        assert!(share("MARY").is_none() && share("mary").is_none());
        assert!(share("Hezbollah").is_none());
    }
}
