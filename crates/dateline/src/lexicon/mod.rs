//! Embedded lexicons: countries (names, demonyms, capitals), the world's
//! cities and first-level regions, organisations, religious, ethnic and
//! political groups, titles and roles (`lexicon/roles.rs`, shared by the entity and
//! resolve layers). They are data files in `data/`, compiled
//! into the crate, with their sources and licences in `docs/data.md`; the
//! generated ones are rebuilt by `scripts/data/build_gazetteer.py`.
//!
//! All names are matched at once, ASCII case-insensitively, the longest
//! at each word start (`prefixes.rs`: a hash table of the names and of
//! their parts that end a word, walked one word end at a time), and a
//! match counts only on token boundaries (a hyphen is a boundary, so
//! `Iran-backed` holds `Iran`).
//!
//! ```
//! use dateline::lexicon::{lexicon, EntryKind};
//!
//! let lex = lexicon();
//! let erbil = lex.lookup("Erbil").iter().find_map(|e| match e {
//!     EntryKind::Place(i) => Some(&lex.places[*i as usize]),
//!     _ => None,
//! });
//! assert_eq!(erbil.unwrap().country, "IQ");
//! ```

// Shared with the build script, which alone compiles the tables (the
// crate's tests compile them again to check what it wrote).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) mod compile;
pub mod given_names;
pub(crate) mod prefixes;
pub(crate) mod roles;
pub mod towns;

/// Nouns of time the parser may take for a subject or an actor (`Last week
/// killed`, `Wednesday, he called`), lower case; the quote and figure
/// layers leave them out.
pub(crate) const TIME_NOUNS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "week",
    "month",
    "year",
    "day",
    "night",
    "morning",
    "evening",
    "afternoon",
    "weekend",
    "time",
];

/// The months' names in lower case.
pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A sports team's number word (`76ers`, `49ers`): two digits and `ers`,
/// the last word of the team's name and the team alone (`the 76ers`).
pub(crate) fn team_number(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 5 && b[..2].iter().all(u8::is_ascii_digit) && b[2..].eq_ignore_ascii_case(b"ers")
}

use std::sync::OnceLock;

pub(crate) use compile::CLASSES;
pub use compile::{Admin1, Country, EntryKind, Group, Organisation, Place, PlaceKind, Title};
use compile::{NameIndex, Tables};

/// The lexicon's tables, compiled from `data/*.tsv` by `build.rs`
/// (`compile.rs`): read at start-up with no parsing, sorting or hashing.
const COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));

/// A lexicon name found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexMatch {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index of the name ([`Lexicon::entries`], [`Lexicon::name`]).
    pub name: u32,
    /// The text has the name's exact letter case.
    pub exact_case: bool,
}

/// All embedded lexicons and the index that finds their names.
#[derive(Debug)]
pub struct Lexicon {
    /// Countries and territories.
    pub countries: Vec<Country>,
    /// Cities and regions.
    pub places: Vec<Place>,
    /// Organisations.
    pub organisations: Vec<Organisation>,
    /// Groups.
    pub groups: Vec<Group>,
    /// Titles and honorifics.
    pub titles: Vec<Title>,
    /// First-level divisions, sorted by country and code.
    pub admin1: Vec<Admin1>,
    /// Every distinct name (letter case ignored), what it stands for, and
    /// the index that finds names in text ([`Lexicon::find`]).
    names: NameIndex,
}

/// The embedded lexicons, read on first use (about 20 ms: they are
/// compiled at build time) and shared.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        // The bytes are the build script's own: they always read back (an
        // empty lexicon otherwise, as a damaged model gives an empty model).
        Lexicon::from_tables(Tables::from_bytes(COMPILED).unwrap_or_default())
    })
}

/// The population from which a city is a known place
/// ([`Lexicon::is_known_place`]).
pub(crate) const KNOWN_CITY_POPULATION: u64 = 100_000;

/// Initials of a name's capitalised words (`General Motors` → `GM`;
/// `Islamic Resistance in Iraq` → `IRI`).
pub(crate) fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Whether an acronym in brackets after a name spells the name's initials
/// (two or more) at its start or its end: `United Arab Emirates (UAE)`,
/// `Hindustan Aeronautics (HAL)`, `Fair Trading (OFT)`; not `Monica Seles
/// (U.S.)` nor `Interim Force in Lebanon (UNIFIL)` read from `Lebanon`.
pub(crate) fn spells_initials(acronym: &str, name: &str) -> bool {
    let ini = initials(name);
    ini.chars().count() >= 2 && (acronym.starts_with(&ini) || acronym.ends_with(&ini))
}

/// The text inside the brackets that open `after` (` (WHO) recommends` →
/// `WHO`), looked for within a few bytes (an acronym is short), trimmed.
pub(crate) fn bracketed(after: &str) -> Option<&str> {
    let rest = after.strip_prefix(" (")?;
    // `)` is ASCII, so its position is a character boundary.
    let close = rest.bytes().take(16).position(|b| b == b')')?;
    Some(rest[..close].trim())
}

impl Lexicon {
    fn from_tables(t: Tables) -> Lexicon {
        Lexicon {
            countries: t.countries,
            places: t.places,
            organisations: t.organisations,
            groups: t.groups,
            titles: t.titles,
            admin1: t.admin1,
            names: t.index,
        }
    }

    /// What the name of index `name` (a [`LexMatch::name`]) stands for,
    /// most salient first (country before demonym before the biggest place).
    pub fn entries(&self, name: u32) -> &[EntryKind] {
        self.names.kinds_of(name as usize)
    }

    /// What a name stands for (letter case ignored), most salient first;
    /// empty when the name is not in any lexicon.
    pub fn lookup(&self, name: &str) -> &[EntryKind] {
        match self.names.find(&name.to_lowercase()) {
            Some(i) => self.names.kinds_of(i),
            None => &[],
        }
    }

    /// What a name already in lower case stands for (as [`Lexicon::lookup`],
    /// without lower-casing it again).
    pub(crate) fn lookup_lower(&self, lower: &str) -> &[EntryKind] {
        match self.names.find(lower) {
            Some(i) => self.names.kinds_of(i),
            None => &[],
        }
    }

    /// Whether an entry is a place every reader knows as one: a country, a
    /// region, an area, a sea or a continent, or a city of
    /// [`KNOWN_CITY_POPULATION`] people or more (`Houston`, `Chechnya`; not
    /// a small town that shares a surname, `Montalvo`).
    pub(crate) fn is_known_place(&self, entry: &EntryKind) -> bool {
        match *entry {
            EntryKind::Country(_) => true,
            EntryKind::Place(i) => self.places.get(i as usize).is_some_and(|p| {
                p.kind != PlaceKind::City || p.population >= KNOWN_CITY_POPULATION
            }),
            _ => false,
        }
    }

    /// The first-level division `code` of `country` (`IQ`, `11` → Arbil).
    pub fn admin1(&self, country: &str, code: &str) -> Option<&Admin1> {
        self.admin1
            .binary_search_by(|a| (a.country.as_ref(), a.code.as_ref()).cmp(&(country, code)))
            .ok()
            .map(|i| &self.admin1[i])
    }

    /// The country with ISO code `iso`.
    pub fn country(&self, iso: &str) -> Option<&Country> {
        // countries.tsv is sorted by code.
        match self.countries.binary_search_by(|c| c.iso.as_ref().cmp(iso)) {
            Ok(i) => Some(&self.countries[i]),
            Err(_) => self.countries.iter().find(|c| c.iso == iso),
        }
    }

    /// The name as the lexicon writes it, for a match's `name` index.
    pub fn name(&self, i: u32) -> &str {
        self.names.names.get(i as usize)
    }

    /// Finds lexicon names in `text` between `start` and `end`, on word
    /// boundaries: a match starts at a capital letter that starts a word or
    /// follows a hyphen, and ends where no letter or digit continues it
    /// (`Iran` in `Iran-backed` counts, in `Irani` not). Names of three
    /// letters or fewer must match case exactly (`AP`, not `Ap`). At each
    /// start the longest name wins, and matches do not overlap.
    pub fn find(&self, text: &str, start: usize, end: usize, out: &mut Vec<LexMatch>) {
        let orig = &text[start..end];
        let lowered = orig.to_ascii_lowercase();
        let hay = lowered.as_str();
        let mut prev: Option<char> = None;
        let mut skip_to = 0;
        let mut candidates = Vec::new();
        for (i, c) in orig.char_indices() {
            let at_start = prev.map_or(true, |p| !p.is_alphanumeric() && p != '\'' && p != '’');
            prev = Some(c);
            if i < skip_to || !c.is_uppercase() || !at_start {
                continue;
            }
            self.names.prefixes.starting(&hay[i..], &mut candidates);
            // The longest name that ends on a word boundary (and matches
            // case exactly when short).
            for &(name_at, len) in candidates.iter().rev() {
                let e = i + len;
                let after_ok = hay[e..]
                    .chars()
                    .next()
                    .map_or(true, |c| !c.is_alphanumeric());
                let found = &orig[i..e];
                let exact_case = found == self.names.names.get(name_at as usize);
                if after_ok && (found.len() > 3 || exact_case) {
                    out.push(LexMatch {
                        start: start + i,
                        end: start + e,
                        name: name_at,
                        exact_case,
                    });
                    skip_to = e;
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        lexicon().find(text, 0, text.len(), &mut out);
        out.iter().map(|m| &text[m.start..m.end]).collect()
    }

    #[test]
    fn countries_places_and_groups_load() {
        let lex = lexicon();
        assert!(lex.countries.len() >= 240);
        assert!(lex.places.len() >= 30_000);
        let iq = lex.lookup("Iraqi");
        assert!(matches!(iq[0], EntryKind::Demonym(i) if lex.countries[i as usize].iso == "IQ"));
        assert!(
            matches!(lex.lookup("U.S.")[0], EntryKind::Country(i) if lex.countries[i as usize].iso == "US")
        );
        let place = |n: &str| match lex
            .lookup(n)
            .iter()
            .find(|e| matches!(e, EntryKind::Place(_)))
        {
            Some(EntryKind::Place(i)) => lex.places[*i as usize].clone(),
            _ => panic!("{n} is not a place"),
        };
        assert_eq!(place("Erbil").country, "IQ");
        assert_eq!(place("Fallujah").country, "IQ");
        assert_eq!(place("Anbar").kind, PlaceKind::Region);
        assert_eq!(
            lex.admin1("IQ", &place("Erbil").admin1).unwrap().name,
            "Arbil"
        );
        assert_eq!(place("Anbar").admin1, "01");
        // The biggest Paris first.
        assert_eq!(place("Paris").country, "FR");
        assert!(matches!(
            lex.lookup("Hezbollah")[0],
            EntryKind::Organisation(_)
        ));
        assert!(matches!(lex.lookup("shiite")[0], EntryKind::Group(_)));
    }

    #[test]
    fn compiled_tables_are_the_data_files() {
        // What the build script wrote is what the data files give now, and
        // it reads back whole.
        let fresh = Tables::compile(&compile::Sources {
            countries: include_str!("../../data/countries.tsv"),
            places: include_str!("../../data/places.tsv"),
            organisations: include_str!("../../data/organisations.tsv"),
            groups: include_str!("../../data/groups.tsv"),
            titles: include_str!("../../data/titles.tsv"),
            admin1: include_str!("../../data/admin1.tsv"),
        });
        let shipped = Tables::from_bytes(COMPILED).expect("the compiled tables read back");
        assert!(shipped == fresh);
        assert_eq!(fresh.to_bytes(), COMPILED);
        // Damaged bytes are refused, not read wrong.
        for cut in [0, 8, COMPILED.len() / 2, COMPILED.len() - 1] {
            assert!(
                Tables::from_bytes(&COMPILED[..cut]).is_none(),
                "cut at {cut}"
            );
        }
        // Every name is found by its lower-case key, and by no other.
        let lex = lexicon();
        assert_eq!(lex.lookup("BAGHDAD"), lex.lookup("baghdad"));
        assert!(lex.lookup("not a place at all").is_empty());
        let i = lex.names.find("erbil").expect("Erbil is a name");
        assert_eq!(lex.name(i as u32), "Erbil");
    }

    #[test]
    fn matches_respect_word_boundaries_and_case() {
        assert_eq!(
            found("Iran-backed groups hit the Lebanon-Israel border, US officials said."),
            ["Iran", "Lebanon", "Israel", "US"]
        );
        // "us" is not the US, "Irani" holds no "Iran".
        assert_eq!(found("tell us about Iranian and Irani food"), ["Iranian"]);
        assert_eq!(found("Us and Them"), Vec::<&str>::new());
        assert_eq!(found("LONDON 1996-08-30"), ["LONDON"]);
        assert_eq!(
            found("the Islamic Resistance in Iraq claimed it"),
            ["Islamic Resistance in Iraq"]
        );
    }
}
