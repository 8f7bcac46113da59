//! Who is who: the mentions of an article resolved to entities, each once,
//! with a canonical name, every mention (names, acronyms, titles and
//! descriptions used alone, pronouns), roles, nationality, organisation
//! kind and country, and places resolved in the embedded gazetteer; and the
//! article's focus countries.
//!
//! The method is rules over the entity layer's mentions, in passes (in this
//! order: names, capitals that act, organisation kinds, pronouns, roles,
//! descriptions, places):
//!
//! 1. **Names.** A person's name joins an earlier person whose name ends
//!    with it or which it ends with (`Blinken`, `Mr Al Sudani` and `al-Sudani`
//!    join `Mohammed Shia al-Sudani`: case, hyphens, accents and the particles
//!    `al`, `bin`, `van der` do not count, honorifics are left out).
//!    Organisations and places join on the same name, the same lexicon entry
//!    (`US`, `U.S.`, `United States`), or an acronym given in brackets after
//!    the name (`Islamic Resistance in Iraq (IRI)`) or spelled by its
//!    initials (`GM` after `General Motors`); organisations also on a longer
//!    name that ends with theirs (`US State Department`, `State
//!    Department`). The canonical name is the fullest form used.
//! 2. **Pronouns.** `he`, `his`, `him`, `she`, `her` go to the latest person
//!    of the sentence, else the first person of the nearest sentence before
//!    (honorifics keep `she` off a `Mr`); `its` and `it said` to the latest
//!    organisation of the sentence or the one before; a quote's pronoun or
//!    description source (`it said`, `the American official warning`) to the
//!    speaker the quote layer found.
//! 3. **Roles.** A title from `data/roles.tsv` right before a name or in an
//!    apposition after it, with the body before it (a country, demonym or
//!    organisation: `United States Secretary of State Antony Blinken`,
//!    `Hezbollah leader`), after it (`ambassador to the United States`), or a
//!    possessive pronoun (`his adviser Husham Al Rikabi` is an adviser to the
//!    person `his` refers to). `his Turkish counterpart, Hakan Fidan` gives
//!    Fidan the office of the person `his` refers to (a Secretary of State is
//!    a foreign minister), in Turkey. Each role keeps its sentence.
//! 4. **Descriptions.** `the prime minister`, `the Iraqi leader`, `the
//!    American official` go to the latest person holding that title, or of
//!    that country; `the group`, `the company` to the latest organisation of
//!    that kind; `the country` and `the city` to the latest such place, all
//!    mentioned in the sentence or the three before.
//! 5. **Places.** A place's name is looked up in the gazetteer; where it
//!    names several places, the one in a country the article names wins,
//!    else the biggest. A facility or unknown place located by the text
//!    (`Ain Al Asad base in Anbar province`, `Harir airbase, in the northern
//!    city of Erbil`, `Baghdad's international airport`) takes its
//!    container's location. A capital that speaks or has support
//!    (`Washington's support`, `Moscow said`) is its country's government.
//!    Focus countries are ranked by the mentions of places in them and of
//!    people, organisations and groups tied to them (headline mentions count
//!    double).
//!
//! ```
//! use dateline::{Config, Extractor};
//!
//! let ex = Extractor::new(Config::default())?;
//! let out = ex.extract_text(
//!     "Iraqi Prime Minister Mohammed Shia al-Sudani met Antony Blinken in Erbil. \
//!      Mr Al Sudani said he welcomed the visit.",
//! )?;
//! let entities = out.entities.as_deref().unwrap_or_default();
//! let sudani = entities.iter().find(|e| e.name == "Mohammed Shia al-Sudani").unwrap();
//! let said: Vec<&str> = sudani.mentions.iter().map(|m| m.text.as_str()).collect();
//! assert_eq!(said, ["Mohammed Shia al-Sudani", "Al Sudani", "he"]);
//! assert_eq!(sudani.roles[0].title, "Prime Minister");
//! assert_eq!(sudani.roles[0].of_country.as_deref(), Some("IQ"));
//! let erbil = entities.iter().find(|e| e.name == "Erbil").unwrap();
//! assert_eq!(erbil.place.as_ref().unwrap().country.as_deref(), Some("IQ"));
//! # Ok::<(), dateline::Error>(())
//! ```

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::article::segment::MAX_SENTENCE_BYTES;
use crate::entities::{EntityKind, Mention};
use crate::lexicon::roles::{
    fold, roles_lexicon, strip_possessive, words, RoleEntry, RoleLexicon, Word, FEMALE, HONORIFICS,
    MALE, PARTICLES,
};
use crate::lexicon::{lexicon, EntryKind, Lexicon, PlaceKind};
use crate::quotes::Quote;
use crate::span::Span;

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionForm {
    /// A name or part of one: `Mohammed Shia al-Sudani`, `Al Sudani`.
    Name,
    /// An acronym of the name: `IRI`, `GM`.
    Acronym,
    /// A title or description used alone: `the prime minister`, `the group`.
    Description,
    /// A pronoun: `he`, `his`, `it`.
    Pronoun,
}

impl MentionForm {
    /// The form's name in the output (`name`, `acronym`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            MentionForm::Name => "name",
            MentionForm::Acronym => "acronym",
            MentionForm::Description => "description",
            MentionForm::Pronoun => "pronoun",
        }
    }
}

/// One mention of a resolved entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityMention {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The mention's text.
    pub text: String,
    /// How it refers: name, acronym, description or pronoun.
    pub form: MentionForm,
    /// Index of the headline or sentence holding it (as in `mentions`).
    pub unit: usize,
    /// Index of the entity-layer mention it is, for names and acronyms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention: Option<usize>,
}

/// A title or role a person holds, for a body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// The title (`Secretary of State`, `leader`, `adviser`).
    pub title: String,
    /// The office in terms that hold across countries (`foreign minister`
    /// for a US Secretary of State), where the roles lexicon gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    /// The body the role is for, as named: a country, an organisation or a
    /// person (`United States`, `Hezbollah`, `Mohammed Shia Al Sudani`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// ISO 3166 code of the body's country, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of_country: Option<String>,
    /// Id of the entity the role is for (an organisation or a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of_entity: Option<usize>,
    /// Id of the entity the role was read through (`his Turkish
    /// counterpart`: the person `his` refers to).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via_entity: Option<usize>,
    /// First byte of the words that state the role.
    pub start: usize,
    /// One past their last byte.
    pub end: usize,
    /// Those words (`United States Secretary of State`).
    pub text: String,
    /// Index of the headline or sentence stating it.
    pub unit: usize,
    /// That sentence, the evidence.
    pub sentence: String,
}

/// Where a place is: a gazetteer entry, or its container's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// GeoNames id of the entry, when the place itself is in the gazetteer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u32>,
    /// The gazetteer's name for it (or the text's, for a facility).
    pub name: String,
    /// `country`, `region` (first-level division), `city`, `facility` or
    /// `place`.
    pub feature: String,
    /// ISO 3166 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The country's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_name: Option<String>,
    /// GeoNames first-level division code within the country (`11`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// The first-level division's GeoNames name (`Arbil`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1_name: Option<String>,
    /// Latitude, degrees (a region's: the centroid of its places).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Names from the place up to its country (`Erbil`, `Arbil`, `Iraq`).
    pub chain: Vec<String>,
    /// Id of the entity whose location this one inherits (`Ain Al Asad
    /// base` from `Anbar province`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<usize>,
}

/// One person, organisation, place, group or other named thing of an
/// article, with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Index of the entity in the article's `entities`.
    pub id: usize,
    /// What it is.
    pub kind: EntityKind,
    /// The finer kind, as for mentions (places: `country`, `city`, ...;
    /// groups: `nationality`, ...; organisations: see `org_kind`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    /// The canonical name: the fullest form the article uses.
    pub name: String,
    /// Every mention, in text order.
    pub mentions: Vec<EntityMention>,
    /// Roles of a person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// A person's nationality (ISO 3166 code), from a demonym before a
    /// title next to the name (`Iraqi Prime Minister ...`) or the country of
    /// a state office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// An organisation's kind: `government`, `armed`, `international`,
    /// `company`, `media`, `party` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_kind: Option<String>,
    /// The country an organisation, group or place belongs to (ISO 3166).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Where a place is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Location>,
}

impl Entity {
    /// The entity's mentions that are names or acronyms (each has the index
    /// of its entity-layer mention).
    pub fn names(&self) -> impl Iterator<Item = &EntityMention> {
        self.mentions
            .iter()
            .filter(|m| matches!(m.form, MentionForm::Name | MentionForm::Acronym))
    }
}

/// A country the article is about, with its share of the article's
/// country-bearing mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusCountry {
    /// ISO 3166 code.
    pub country: String,
    /// The country's name.
    pub name: String,
    /// Share of the weighted mentions, 0 to 1, to three decimals.
    pub score: f32,
    /// Mentions tied to the country (places in it, its people,
    /// organisations and nationality).
    pub mentions: usize,
}

/// The resolution of one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolution {
    /// The entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// The focus countries, most prominent first.
    pub focus: Vec<FocusCountry>,
}

/// Builds the roles lexicon and the capitals table now rather than in the
/// first article.
pub(crate) fn warm() {
    roles_lexicon();
    capital_of(lexicon(), "");
}

/// The words of a name, folded, split at spaces and hyphens, without a
/// leading `the` or honorifics.
fn name_words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    if out.first().is_some_and(|w| w == "the") {
        out.remove(0);
    }
    while out.len() > 1 && HONORIFICS.contains(&out[0].as_str()) {
        out.remove(0);
    }
    out
}

/// The words of a person's name that identify (particles dropped).
fn content_words(words: &[String]) -> Vec<&str> {
    let kept: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !PARTICLES.contains(w))
        .collect();
    if kept.is_empty() {
        words.iter().map(String::as_str).collect()
    } else {
        kept
    }
}

/// The words as owned strings.
fn owned(words: Vec<&str>) -> Vec<String> {
    words.into_iter().map(str::to_string).collect()
}

/// Initials of a name's capitalised words (`General Motors` → `GM`;
/// `Islamic Resistance in Iraq` → `IRI`).
fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// An acronym as written: two to six capitals, dots allowed (`U.A.W.`).
fn acronym(text: &str) -> Option<String> {
    let letters: String = text.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    ((2..=6).contains(&n) && letters.chars().all(|c| c.is_ascii_uppercase())).then_some(letters)
}

// ------------------------------------------------------------------ the resolver

/// What a lexicon knows a name as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Anchor {
    Country(u16),
    Org(u16),
    Place(u32),
    Group(u16),
}

struct Builder<'a> {
    text: &'a str,
    units: &'a [Span],
    mentions: &'a [Mention],
    /// How many of `units` are headlines.
    headlines: usize,
    lex: &'static Lexicon,
    entities: Vec<Entity>,
    /// Entity of each entity-layer mention.
    of_mention: Vec<Option<usize>>,
    /// Folded name words of each entity's names.
    keys: Vec<Vec<Vec<String>>>,
    /// The same keys without particles (`content_words`), for persons.
    content: Vec<Vec<Vec<String>>>,
    /// Number of words of each entity's canonical name, as a key.
    name_len: Vec<usize>,
    anchors: Vec<Option<Anchor>>,
    acronyms: Vec<Vec<String>>,
    gender: Vec<Option<bool>>,
    /// Byte position of each entity's latest mention so far.
    last: Vec<usize>,
    /// Entities by each of their name keys, and by their lexicon anchor:
    /// a full name or a lexicon entry finds its entity however long ago it
    /// was last mentioned.
    by_key: HashMap<Vec<String>, Vec<usize>>,
    by_anchor: HashMap<Anchor, Vec<usize>>,
    /// (latest mention, entity) of every entity: the most recent ones are
    /// those a partial name (a surname, an acronym) may join.
    recent: BTreeSet<(usize, usize)>,
    /// (start, end, entity, form) of the entity mentions so far, per unit: the
    /// passes that look for a mention near a word read its unit and the
    /// few before, not every entity.
    in_unit: Vec<Vec<(usize, usize, usize, MentionForm)>>,
    /// Whether `by_key`, `by_anchor` and `recent` are kept: only once the
    /// article has more than `RECENT_ENTITIES` entities (below that, a name
    /// is compared with every entity, and the indexes would only cost).
    indexed: bool,
    /// Entity-layer mention by start byte, and by end byte (of the mention
    /// or of its name).
    by_start: HashMap<usize, usize>,
    by_end: HashMap<usize, usize>,
    /// Words of each unit.
    unit_words: Vec<Vec<Word>>,
    /// (position, entity) of the persons mentioned in each unit, in order.
    people: Vec<Vec<(usize, usize)>>,
    /// Starts of the pronouns the quote layer resolved.
    quoted: std::collections::HashSet<usize>,
    /// (speaker entity, start, end) of the quote sources that are
    /// descriptions (`the American official`).
    quoted_descriptions: Vec<(usize, usize, usize)>,
}

fn anchor_of(lex: &Lexicon, m: &Mention, name: &str) -> Option<Anchor> {
    // Only places, organisations, groups and other names have lexicon
    // anchors.
    if m.kind == EntityKind::Person {
        return None;
    }
    let entries = lex.lookup(name);
    let want = |e: &EntryKind| match (m.kind, e) {
        (EntityKind::Place, EntryKind::Country(i)) => Some(Anchor::Country(*i)),
        (EntityKind::Place, EntryKind::Place(i)) => Some(Anchor::Place(*i)),
        (EntityKind::Organisation, EntryKind::Organisation(i)) => Some(Anchor::Org(*i)),
        // `Dow`, `FTSE 100`: an index the tagger marks as other names, as
        // CoNLL-2003 does, is the lexicon's entry all the same.
        (EntityKind::Misc, EntryKind::Organisation(i)) => Some(Anchor::Org(*i)),
        (EntityKind::Group, EntryKind::Demonym(i)) => Some(Anchor::Country(*i)),
        (EntityKind::Group, EntryKind::Country(i)) => Some(Anchor::Country(*i)),
        (EntityKind::Group, EntryKind::Group(i)) => Some(Anchor::Group(*i)),
        _ => None,
    };
    entries.iter().find_map(want)
}

/// How many of the most recently mentioned entities a name that is not the
/// full name of an earlier one (a surname, an acronym, a short company
/// name) may join. A news article names far fewer; the cap keeps resolution
/// linear in a text of thousands of entities (a feed joined into one
/// article). Full names and lexicon entries join across any distance.
pub const RECENT_ENTITIES: usize = 256;

/// Resolves the entities of an article from its entity-layer mentions
/// (and, when given, its quotes, whose pronoun sources join the speaker).
///
/// `units` are the headlines and sentences (headlines first, `headlines` of
/// them), as for the other layers.
pub fn resolve(
    text: &str,
    units: &[Span],
    headlines: usize,
    mentions: &[Mention],
    quotes: &[Quote],
) -> Resolution {
    let mut b = Builder {
        text,
        units,
        mentions,
        headlines,
        lex: lexicon(),
        entities: Vec::new(),
        of_mention: vec![None; mentions.len()],
        keys: Vec::new(),
        content: Vec::new(),
        name_len: Vec::new(),
        anchors: Vec::new(),
        acronyms: Vec::new(),
        gender: Vec::new(),
        last: Vec::new(),
        by_key: HashMap::new(),
        by_anchor: HashMap::new(),
        recent: BTreeSet::new(),
        in_unit: vec![Vec::new(); units.len()],
        indexed: false,
        by_start: HashMap::new(),
        by_end: HashMap::new(),
        unit_words: units.iter().map(|u| words(text, *u)).collect(),
        people: vec![Vec::new(); units.len()],
        quoted: std::collections::HashSet::new(),
        quoted_descriptions: Vec::new(),
    };
    for (i, m) in mentions.iter().enumerate().rev() {
        b.by_start.insert(m.start, i);
        b.by_end.insert(m.name_end, i);
        b.by_end.insert(m.end, i);
    }
    b.names();
    b.metonyms();
    b.organisations();
    b.pronouns(quotes);
    b.roles();
    b.descriptions();
    b.places();
    let mut entities = b.entities;
    for e in &mut entities {
        e.mentions.sort_by_key(|m| (m.start, m.end));
        e.mentions.dedup_by_key(|m| (m.start, m.end));
    }
    // Ids in order of first mention.
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| entities[i].mentions.first().map_or(usize::MAX, |m| m.start));
    let mut new_id = vec![0; entities.len()];
    for (n, &i) in order.iter().enumerate() {
        new_id[i] = n;
    }
    let mut sorted: Vec<Entity> = Vec::with_capacity(entities.len());
    let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    for &i in &order {
        let mut e = slots[i].take().expect("each entity is placed once");
        e.id = new_id[i];
        for r in &mut e.roles {
            r.of_entity = r.of_entity.map(|x| new_id[x]);
            r.via_entity = r.via_entity.map(|x| new_id[x]);
        }
        if let Some(p) = &mut e.place {
            p.within = p.within.map(|x| new_id[x]);
        }
        sorted.push(e);
    }
    let focus = focus_countries(&sorted, headlines, b.lex);
    Resolution {
        entities: sorted,
        focus,
    }
}

impl<'a> Builder<'a> {
    fn unit_of(&self, pos: usize) -> usize {
        self.units
            .partition_point(|u| u.end <= pos)
            .min(self.units.len().saturating_sub(1))
    }

    fn new_entity(&mut self, m: &Mention, mi: usize, key: Vec<String>, anchor: Option<Anchor>) {
        let id = self.entities.len();
        let name = if m.subtype.as_deref() == Some("facility") {
            self.text[m.start..m.end].to_string()
        } else {
            self.text[m.name_start..m.name_end].to_string()
        };
        self.entities.push(Entity {
            id,
            kind: m.kind,
            subtype: m.subtype.clone(),
            name: strip_possessive(&name).to_string(),
            mentions: Vec::new(),
            roles: Vec::new(),
            nationality: None,
            org_kind: None,
            country: m.country.clone(),
            place: None,
        });
        self.content.push(vec![owned(content_words(&key))]);
        self.name_len.push(key.len());
        if self.indexed {
            self.by_key.entry(key.clone()).or_default().push(id);
            if let Some(a) = anchor {
                self.by_anchor.entry(a).or_default().push(id);
            }
        }
        self.keys.push(vec![key]);
        self.anchors.push(anchor);
        self.acronyms.push(Vec::new());
        self.gender.push(None);
        self.last.push(m.start);
        if self.indexed {
            self.recent.insert((m.start, id));
        }
        self.add_name(id, mi, MentionForm::Name);
    }

    /// Builds the indexes of names, anchors and recency from the entities so
    /// far, and keeps them from now on.
    fn build_indexes(&mut self) {
        for (id, keys) in self.keys.iter().enumerate() {
            for k in keys {
                self.by_key.entry(k.clone()).or_default().push(id);
            }
        }
        for (id, a) in self.anchors.iter().enumerate() {
            if let Some(a) = a {
                self.by_anchor.entry(*a).or_default().push(id);
            }
        }
        self.recent = self
            .last
            .iter()
            .enumerate()
            .map(|(id, &l)| (l, id))
            .collect();
        self.indexed = true;
    }

    /// Records a mention of entity `id` at byte `pos`.
    fn touch(&mut self, id: usize, pos: usize) {
        let old = self.last[id];
        if pos > old {
            if self.indexed {
                self.recent.remove(&(old, id));
                self.recent.insert((pos, id));
            }
            self.last[id] = pos;
        }
    }

    fn add_name(&mut self, id: usize, mi: usize, form: MentionForm) {
        let m = &self.mentions[mi];
        self.entities[id].mentions.push(EntityMention {
            start: m.start,
            end: m.end,
            text: m.text.clone(),
            form,
            unit: m.unit,
            mention: Some(mi),
        });
        self.of_mention[mi] = Some(id);
        self.touch(id, m.start);
        if let Some(list) = self.in_unit.get_mut(m.unit) {
            list.push((m.start, m.end, id, form));
        }
        // An honorific right before the name tells the gender.
        let before = self.text[..m.start].trim_end();
        let hon = before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
            .next()
            .map(fold)
            .unwrap_or_default();
        if FEMALE.contains(&hon.as_str()) {
            self.gender[id] = Some(false);
        } else if MALE.contains(&hon.as_str()) {
            self.gender[id] = Some(true);
        }
    }

    fn add_other(&mut self, id: usize, start: usize, end: usize, form: MentionForm) {
        let unit = self.unit_of(start);
        self.entities[id].mentions.push(EntityMention {
            start,
            end,
            text: self.text[start..end].to_string(),
            form,
            unit,
            mention: None,
        });
        self.touch(id, start);
        if let Some(list) = self.in_unit.get_mut(unit) {
            list.push((start, end, id, form));
        }
    }

    /// Pass 1: names, acronyms and lexicon entries. The story's mentions
    /// come first and the headlines' after them: a headline shortens names
    /// the story gives in full (`GM` for `General Motors Corporation (GM)`,
    /// `DaimlerChrysler` for `The DaimlerChrysler Corporation`).
    fn names(&mut self) {
        let in_headline = |m: &Mention| m.unit < self.headlines;
        let order: Vec<usize> = (0..self.mentions.len())
            .filter(|&i| !in_headline(&self.mentions[i]))
            .chain((0..self.mentions.len()).filter(|&i| in_headline(&self.mentions[i])))
            .collect();
        for mi in order {
            let m = &self.mentions[mi];
            // A facility is named by its whole mention (`Harir airbase`),
            // not by the place it is named after.
            let facility = m.subtype.as_deref() == Some("facility");
            let raw = if facility {
                &self.text[m.start..m.end]
            } else {
                &self.text[m.name_start..m.name_end]
            };
            let key = name_words(raw);
            // A currency (`US$`) or a time zone (`GMT`, whatever the tagger
            // called it) is no referent.
            let currency = m.kind == EntityKind::Misc && raw.ends_with('$');
            if key.is_empty() || currency || TIME_ZONES.contains(&raw) {
                continue;
            }
            let anchor = if facility {
                None
            } else {
                anchor_of(self.lex, m, raw.trim_start_matches("the ").trim())
            };
            if !self.indexed && self.entities.len() > RECENT_ENTITIES {
                self.build_indexes();
            }
            let found = self.match_name(m, raw, &key, anchor);
            match found {
                Some((id, form)) => {
                    // `GM` for `General Motors` is an acronym even when the
                    // lexicon lists it as a name.
                    let form = if form == MentionForm::Name
                        && acronym(raw).is_some()
                        && acronym(&self.entities[id].name).is_none()
                    {
                        MentionForm::Acronym
                    } else {
                        form
                    };
                    self.add_name(id, mi, form);
                    let e = &mut self.entities[id];
                    // The fullest form is the canonical name.
                    if form == MentionForm::Name
                        && key.len() > self.name_len[id]
                        && m.kind == e.kind
                    {
                        e.name = strip_possessive(raw).to_string();
                        self.name_len[id] = key.len();
                    }
                    if e.country.is_none() {
                        e.country = m.country.clone();
                    }
                    if e.subtype.is_none() {
                        e.subtype = m.subtype.clone();
                    }
                    if !self.keys[id].contains(&key) {
                        let c = owned(content_words(&key));
                        self.content[id].push(c);
                        if self.indexed {
                            self.by_key.entry(key.clone()).or_default().push(id);
                        }
                        self.keys[id].push(key);
                    }
                    if self.anchors[id].is_none() {
                        self.anchors[id] = anchor;
                        if let Some(a) = anchor.filter(|_| self.indexed) {
                            self.by_anchor.entry(a).or_default().push(id);
                        }
                    }
                }
                None => self.new_entity(m, mi, key, anchor),
            }
            // `Name (ACR)`: the acronym belongs to this entity.
            let id = self.of_mention[mi].unwrap_or(0);
            let after = &self.text[m.name_end..];
            if let Some(rest) = after.strip_prefix(" (") {
                if let Some(close) = rest.find(')') {
                    if let Some(a) = acronym(rest[..close].trim()) {
                        if !self.acronyms[id].contains(&a) {
                            self.acronyms[id].push(a);
                        }
                    }
                }
            }
        }
    }

    fn match_name(
        &self,
        m: &Mention,
        raw: &str,
        key: &[String],
        anchor: Option<Anchor>,
    ) -> Option<(usize, MentionForm)> {
        // The latest entity that matches wins.
        let mut best: Option<(usize, MentionForm, usize)> = None;
        let mut consider = |id: usize, form: MentionForm, last: usize| {
            if best.map_or(true, |(_, _, l)| last > l) {
                best = Some((id, form, last));
            }
        };
        let acr = acronym(raw);
        // The acronym a name of several words spells (`UAW`).
        let spelled = (acr.is_none() && key.len() >= 2)
            .then(|| initials(corporate_name(raw)))
            .filter(|a| (2..=6).contains(&a.len()) && a.bytes().all(|b| b.is_ascii_uppercase()));
        let mine = content_words(key);
        // The candidates: the entities mentioned most recently, and any
        // entity of the same full name or lexicon entry. In an article of
        // fewer than `RECENT_ENTITIES` entities, that is all of them.
        let candidates: Vec<usize> = if !self.indexed {
            Vec::new()
        } else {
            let mut c: Vec<usize> = self
                .recent
                .iter()
                .rev()
                .take(RECENT_ENTITIES)
                .map(|&(_, id)| id)
                .collect();
            c.extend(self.by_key.get(key).into_iter().flatten());
            if let Some(ids) = anchor.and_then(|a| self.by_anchor.get(&a)) {
                c.extend(ids);
            }
            c.sort_unstable();
            c.dedup();
            c
        };
        let all = 0..if candidates.is_empty() {
            self.entities.len()
        } else {
            0
        };
        for id in all.chain(candidates) {
            let e = &self.entities[id];
            let last = self.last[id];
            let same_kind = e.kind == m.kind;
            if m.kind == EntityKind::Group || e.kind == EntityKind::Group {
                if same_kind
                    && (anchor.is_some() && anchor == self.anchors[id]
                        || self.keys[id].iter().any(|k| k == key))
                {
                    consider(id, MentionForm::Name, last);
                }
                continue;
            }
            if let (Some(a), Some(b)) = (anchor, self.anchors[id]) {
                if a == b {
                    consider(id, MentionForm::Name, last);
                    continue;
                }
                if matches!(a, Anchor::Country(_)) || matches!(b, Anchor::Country(_)) {
                    continue;
                }
            }
            // `United Auto Workers` in a headline, after the story's `UAW`.
            if spelled.as_ref().is_some_and(|spelled| {
                e.kind != EntityKind::Person
                    && e.name.chars().filter(|c| *c != '.').eq(spelled.chars())
            }) {
                consider(id, MentionForm::Name, last);
                continue;
            }
            if let Some(a) = &acr {
                if self.acronyms[id].contains(a)
                    || (e.kind != EntityKind::Person
                        && self.keys[id].iter().any(|k| k.len() >= 2)
                        && (initials(&e.name) == *a || initials(corporate_name(&e.name)) == *a))
                {
                    consider(id, MentionForm::Acronym, last);
                    continue;
                }
            }
            let person = e.kind == EntityKind::Person;
            // A short name tagged as something else still joins a person of
            // that surname (`Blinken` tagged ORG once).
            // A town's name that is a person's surname is the person
            // (`Montalvo` after `Daniel Montalvo`), a country's is not.
            let may_join_person = m.kind == EntityKind::Person
                || (key.len() <= 2
                    && (m.kind != EntityKind::Place
                        || !matches!(anchor, Some(Anchor::Country(_)))));
            for (ki, k) in self.keys[id].iter().enumerate() {
                if k.as_slice() == key {
                    // The same name is the same entity whatever the tagger
                    // called it (`Mecca` once ORG, once LOC), unless the
                    // gazetteer says it is a country.
                    let country = matches!(anchor, Some(Anchor::Country(_)))
                        || matches!(self.anchors[id], Some(Anchor::Country(_)));
                    if same_kind || !country {
                        consider(id, MentionForm::Name, last);
                    }
                    break;
                }
                if person && may_join_person {
                    let a = &self.content[id][ki];
                    if ends_with(a, &mine)
                        || (m.kind == EntityKind::Person && ends_with(&mine, a))
                        || (m.kind == EntityKind::Person && same_but_a_letter(a, &mine))
                    {
                        consider(id, MentionForm::Name, last);
                        break;
                    }
                } else if same_kind
                    && e.kind == EntityKind::Organisation
                    && key.len() >= 2
                    && k.len() >= 2
                    && (ends_with(k, key) || ends_with(key, k))
                {
                    consider(id, MentionForm::Name, last);
                    break;
                } else if e.kind == EntityKind::Organisation
                    && m.kind != EntityKind::Person
                    && !matches!(anchor, Some(Anchor::Country(_) | Anchor::Place(_)))
                    && !matches!(
                        self.anchors[id],
                        Some(Anchor::Country(_) | Anchor::Place(_))
                    )
                    && same_company(k, key)
                {
                    // `Freedom` and `Freedom Magazine`, `General Motors` and
                    // `General Motors Corporation`, `Ford` and `Ford Motor
                    // Company`.
                    consider(id, MentionForm::Name, last);
                    break;
                }
            }
        }
        best.map(|(id, form, _)| (id, form))
    }

    /// A capital that speaks or supports is its country's government
    /// (`Washington's support`, `Moscow said`).
    fn metonyms(&mut self) {
        const ACTS: &[&str] = &[
            "said",
            "says",
            "support",
            "supports",
            "backing",
            "backed",
            "warned",
            "announced",
            "accused",
            "denied",
            "insisted",
            "urged",
            "demanded",
            "rejected",
            "responded",
            "has",
            "policy",
            "position",
            "decision",
            "response",
            "ally",
            "allies",
            "stance",
        ];
        for id in 0..self.entities.len() {
            let e = &self.entities[id];
            if e.kind != EntityKind::Place || e.subtype.as_deref() == Some("country") {
                continue;
            }
            let Some(country) = capital_of(self.lex, &e.name) else {
                continue;
            };
            let acts = e.mentions.iter().filter(|m| {
                let after = &self.text[m.end..];
                let after = after
                    .strip_prefix("'s")
                    .or_else(|| after.strip_prefix("’s"))
                    .unwrap_or(after);
                let next = after
                    .split(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty())
                    .unwrap_or("");
                ACTS.contains(&next)
            });
            if acts.count() * 2 >= e.mentions.len() {
                let iso = country.iso.clone();
                let e = &mut self.entities[id];
                e.kind = EntityKind::Organisation;
                e.subtype = Some("government".into());
                e.org_kind = Some("government".into());
                e.country = Some(iso);
                self.anchors[id] = None;
            }
        }
    }

    fn people_in(&self, unit: usize, before: usize) -> &[(usize, usize)] {
        // (position, entity) of the persons mentioned in `unit` before `before`.
        let list = &self.people[unit];
        &list[..list.partition_point(|(p, _)| *p < before)]
    }

    /// Pass 2: personal and possessive pronouns.
    fn pronouns(&mut self, quotes: &[Quote]) {
        for (id, e) in self.entities.iter().enumerate() {
            if e.kind == EntityKind::Person {
                for m in &e.mentions {
                    if let Some(list) = self.people.get_mut(m.unit) {
                        list.push((m.start, id));
                    }
                }
            }
        }
        for list in &mut self.people {
            list.sort_unstable();
        }
        // Quote sources that are pronouns or descriptions join the speaker.
        for q in quotes {
            let (Some(s), Some(e), Some(mi)) = (q.source_start, q.source_end, q.speaker_mention)
            else {
                continue;
            };
            let Some(id) = self.of_mention.get(mi).copied().flatten() else {
                continue;
            };
            let src = &self.text[s..e];
            let form = if PRONOUNS.iter().any(|(p, _)| src.eq_ignore_ascii_case(p)) {
                MentionForm::Pronoun
            } else if src.starts_with("the ") || src.starts_with("The ") {
                MentionForm::Description
            } else {
                continue;
            };
            // Mentions lie within a sentence: those that may overlap start
            // at most a sentence before.
            let from = self
                .mentions
                .partition_point(|m| m.start + MAX_SENTENCE_BYTES < s);
            let named = self.mentions[from..]
                .iter()
                .take_while(|m| m.start < e)
                .any(|m| s < m.end && m.kind != EntityKind::Group);
            if named {
                continue;
            }
            if form == MentionForm::Description {
                // The description pass reads titles better (`the Iraqi
                // leader` is the Iraqi who leads, not the last person named);
                // the quote's speaker is its fallback.
                self.quoted_descriptions.push((id, s, e));
            } else {
                self.add_other(id, s, e, form);
                self.quoted.insert(s);
            }
        }
        for ui in 0..self.units.len() {
            for wi in 0..self.unit_words[ui].len() {
                let w = self.unit_words[ui][wi];
                let word = &self.text[w.start..w.end];
                // Every pronoun resolved starts with h, s or i and is short.
                if word.len() > 7 || !matches!(word.as_bytes()[0] | 0x20, b'h' | b's' | b'i') {
                    continue;
                }
                let Some(&(_, class)) = PRONOUNS.iter().find(|(p, _)| word.eq_ignore_ascii_case(p))
                else {
                    continue;
                };
                if self.by_start.contains_key(&w.start) || self.quoted.contains(&w.start) {
                    continue;
                }
                let target = match class {
                    'm' | 'f' => self.person_for(ui, w.start, class == 'f'),
                    _ => self.org_for(ui, w),
                };
                if let Some(id) = target {
                    self.add_other(id, w.start, w.end, MentionForm::Pronoun);
                    if self.entities[id].kind == EntityKind::Person {
                        let list = &mut self.people[ui];
                        let at = list.partition_point(|(p, _)| *p < w.start);
                        list.insert(at, (w.start, id));
                    }
                }
            }
        }
    }

    fn person_for(&self, ui: usize, pos: usize, female: bool) -> Option<usize> {
        let fits = |id: usize| self.gender[id] != Some(female);
        // The latest fitting person of the sentence.
        let here = self.people_in(ui, pos);
        if let Some(&(_, id)) = here.iter().rev().find(|(_, id)| fits(*id)) {
            return Some(id);
        }
        // Else the first fitting person of the nearest sentence before (two
        // at most).
        for back in 1..=2 {
            let Some(u) = ui.checked_sub(back) else { break };
            let there = self.people_in(u, usize::MAX);
            if let Some(&(_, id)) = there.iter().find(|(_, id)| fits(*id)) {
                return Some(id);
            }
        }
        None
    }

    fn org_for(&self, ui: usize, w: Word) -> Option<usize> {
        let word = self.text[w.start..w.end].to_ascii_lowercase();
        if word == "it" {
            // Only `it` that acts: `it said`, `it added`.
            let next = self.text[w.end..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|x| !x.is_empty())
                .unwrap_or("");
            if !SPEECH.contains(&next) {
                return None;
            }
        }
        let mut best: Option<(usize, usize)> = None;
        for u in ui.saturating_sub(1)..=ui {
            for &(start, _, id, _) in self.in_unit.get(u).into_iter().flatten() {
                // Organisations, and countries, which act as their governments.
                let e = &self.entities[id];
                let country =
                    e.kind == EntityKind::Place && e.subtype.as_deref() == Some("country");
                if e.kind != EntityKind::Organisation && !country {
                    continue;
                }
                // The latest mention; of two at one place, the first entity.
                if start < w.start
                    && best.map_or(true, |(p, b)| start > p || (start == p && id < b))
                {
                    best = Some((start, id));
                }
            }
        }
        best.map(|(_, id)| id)
    }

    /// Pass 3: roles stated next to a person's name.
    fn roles(&mut self) {
        let rl = roles_lexicon();
        for mi in 0..self.mentions.len() {
            let m = &self.mentions[mi];
            if m.kind != EntityKind::Person {
                continue;
            }
            let Some(id) = self.of_mention[mi] else {
                continue;
            };
            let Some(&unit) = self.units.get(m.unit) else {
                continue;
            };
            // The words of the sentence before the name.
            let all = &self.unit_words[m.unit];
            // (A title the tagger kept in the mention is before the name.)
            let ws = &all[..all.partition_point(|w| w.end <= m.name_start)];
            if let Some((role, nationality)) = self.role_before(rl, ws, m, id) {
                if self.entities[id].nationality.is_none() {
                    self.entities[id].nationality = nationality;
                }
                if let Some(role) = role {
                    self.add_role(id, role);
                }
            }
            if let Some(role) = self.role_after(rl, m, unit) {
                self.add_role(id, role);
            }
        }
        // Nationality from a state office.
        for e in &mut self.entities {
            if e.kind == EntityKind::Person && e.nationality.is_none() {
                e.nationality = e
                    .roles
                    .iter()
                    .find(|r| r.of_entity.is_none() && r.of_country.is_some())
                    .and_then(|r| r.of_country.clone());
            }
        }
    }

    fn add_role(&mut self, id: usize, role: Role) {
        let roles = &mut self.entities[id].roles;
        let same = |r: &Role| r.title.eq_ignore_ascii_case(&role.title);
        if let Some(old) = roles.iter_mut().find(|r| same(r)) {
            // Keep the fuller statement.
            if old.of.is_none() && role.of.is_some() {
                *old = role;
            }
            return;
        }
        // A bare title (`Secretary Blinken`) adds nothing to a fuller one
        // that holds it (`Secretary of State`).
        let bare = role.title.to_lowercase();
        if role.of.is_none()
            && roles.iter().any(|r| {
                let fuller = r.title.to_lowercase();
                fuller == bare || fuller.starts_with(&format!("{bare} "))
            })
        {
            return;
        }
        roles.push(role);
    }

    /// The roles-lexicon entry of the words `from..from + n` (letter case,
    /// runs of white space and a final `.` ignored; no punctuation inside).
    fn phrase_at(&self, rl: &RoleLexicon, ws: &[Word], from: usize, n: usize) -> Option<usize> {
        let (first, last) = (ws[from].start, ws[from + n - 1].end);
        let raw = &self.text[first..last];
        if raw.contains([',', ';', '(', ')', '"', '“', '”']) {
            return None;
        }
        let phrase = raw
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        rl.phrases.get(phrase.trim_end_matches('.')).copied()
    }

    /// Finds the longest role phrase ending at word `end` (exclusive).
    fn phrase_ending(&self, rl: &RoleLexicon, ws: &[Word], end: usize) -> Option<(usize, usize)> {
        (1..=rl.longest.min(end))
            .rev()
            .find_map(|n| self.phrase_at(rl, ws, end - n, n).map(|i| (end - n, i)))
    }

    /// A title right before a person's name, and the nationality a demonym
    /// before the title gives.
    fn role_before(
        &self,
        rl: &RoleLexicon,
        ws: &[Word],
        m: &Mention,
        id: usize,
    ) -> Option<(Option<Role>, Option<String>)> {
        if ws.is_empty() {
            return None;
        }
        let mut end = ws.len();
        let gap = &self.text[ws[end - 1].end..m.name_start];
        let comma = gap.trim() == ",";
        // `Sen. Elizabeth Warren`: the abbreviation's dot may stand between.
        if !(gap.trim().is_empty() || comma || gap.trim() == ".") {
            return None;
        }
        // A body after the title: `Ambassador to the United States`.
        let mut body_after: Option<(usize, usize)> = None;
        if let Some(bm) = self.mention_ending(ws[end - 1].end) {
            let b = &self.mentions[bm];
            let k = ws.partition_point(|w| w.start < b.start);
            if k >= 2 && k < end {
                let prep = self.text[ws[k - 1].start..ws[k - 1].end].to_ascii_lowercase();
                let (k, prep) = if prep == "the" && k >= 3 {
                    (
                        k - 1,
                        self.text[ws[k - 2].start..ws[k - 2].end].to_ascii_lowercase(),
                    )
                } else {
                    (k, prep)
                };
                if matches!(prep.as_str(), "to" | "of" | "for" | "at") {
                    body_after = Some((bm, k - 1));
                    end = k - 1;
                }
            }
        }
        let (from, ri) = self.phrase_ending(rl, ws, end)?;
        let entry = &rl.entries[ri];
        // A lower-case title needs a body or a possessive before it, or a
        // comma after it (`his adviser Husham Al Rikabi`, `Hezbollah leader`).
        let mut role = Role {
            title: entry.title.to_string(),
            function: entry.function.map(str::to_string),
            of: None,
            of_country: None,
            of_entity: None,
            via_entity: None,
            start: ws[from].start,
            // With the abbreviation's dot (`Sen.`).
            end: ws[end - 1].end + usize::from(self.text[ws[end - 1].end..].starts_with('.')),
            text: String::new(),
            unit: m.unit,
            sentence: String::new(),
        };
        let mut start = role.start;
        if let Some((bm, _)) = body_after {
            self.set_body(&mut role, bm);
            role.end = self.mentions[bm].end;
        }
        // What stands before the title: a demonym or country, an
        // organisation, a possessive pronoun, or `X's`.
        let mut k = from;
        let mut nationality: Option<String> = None;
        if k > 0 {
            let w = ws[k - 1];
            let gap = &self.text[w.end..ws[k].start];
            if gap.trim().is_empty() {
                // `Iraq's Prime Minister`: the word holds the possessive.
                let word = &self.text[w.start..w.end];
                let bare = w.start + strip_possessive(word).len();
                if let Some(bm) = self
                    .mention_ending(w.end)
                    .or_else(|| self.mention_ending(bare).filter(|_| bare < w.end))
                {
                    let b = &self.mentions[bm];
                    if b.kind == EntityKind::Group {
                        nationality = b.country.clone();
                        if role.of.is_none() && entry.title != "counterpart" {
                            self.set_body(&mut role, bm);
                        }
                        start = b.start;
                        k = ws.partition_point(|x| x.start < b.start);
                    } else if role.of.is_none()
                        && matches!(b.kind, EntityKind::Place | EntityKind::Organisation)
                    {
                        self.set_body(&mut role, bm);
                        start = b.start;
                        k = ws.partition_point(|x| x.start < b.start);
                    }
                }
            }
        }
        if k > 0 {
            let w = ws[k - 1];
            let word = self.text[w.start..w.end].to_ascii_lowercase();
            if matches!(word.as_str(), "his" | "her" | "their" | "its") {
                // Whose: the entity the possessive refers to.
                let owner = self
                    .in_unit
                    .get(self.unit_of(w.start))
                    .into_iter()
                    .flatten()
                    .filter(|&&(start, _, _, form)| {
                        start == w.start && form == MentionForm::Pronoun
                    })
                    .map(|&(_, _, id, _)| id)
                    .min();
                if let Some(owner) = owner.filter(|&o| o != id) {
                    start = w.start;
                    if entry.title == "counterpart" {
                        let Some(theirs) = self.entities[owner]
                            .roles
                            .iter()
                            .find_map(|r| r.function.clone().or_else(|| Some(r.title.clone())))
                        else {
                            // No office to mirror; the demonym still tells
                            // the nationality.
                            return nationality.map(|n| (None, Some(n)));
                        };
                        role.title = title_case(&theirs);
                        role.function = Some(theirs);
                        role.via_entity = Some(owner);
                        if let Some(c) = &nationality {
                            role.of_country = Some(c.clone());
                            role.of = self.lex.country(c).map(|c| c.name.clone());
                        }
                    } else if role.of.is_none() {
                        role.of = Some(self.entities[owner].name.clone());
                        role.of_entity = Some(owner);
                        role.of_country = None;
                    }
                }
            }
        }
        if role.of.is_none() && entry.title == "counterpart" {
            return None;
        }
        let lower_case = self.text[role.start..]
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        if lower_case && role.of.is_none() && !comma {
            return None;
        }
        role.start = start;
        role.text = self.text[role.start..role.end].to_string();
        let unit = self.units.get(m.unit).copied().unwrap_or(Span::new(0, 0));
        role.sentence = self.text[unit.start..unit.end].to_string();
        Some((Some(role), nationality))
    }

    /// `Name, the White House press secretary,` / `Name, chief executive
    /// of General Motors`.
    fn role_after(&self, rl: &RoleLexicon, m: &Mention, unit: Span) -> Option<Role> {
        let rest = &self.text[m.end..unit.end];
        let rest_trim = rest.strip_prefix(", ")?;
        let from = m.end + 2;
        // The apposition runs to the next comma or the sentence's end.
        let stop = rest_trim
            .find([',', ';', '(', ')', '"', '“', '”'])
            .unwrap_or(rest_trim.len());
        let ws = words(self.text, Span::new(from, from + stop));
        if ws.is_empty() || ws.len() > 10 {
            return None;
        }
        let mut i = 0;
        let first = self.text[ws[0].start..ws[0].end].to_ascii_lowercase();
        if matches!(first.as_str(), "the" | "a" | "an") {
            i = 1;
        }
        let mut role_body: Option<usize> = None;
        // A body before the title: `the White House press secretary`,
        // `Iraq's prime minister`.
        if let Some(w) = ws.get(i) {
            if let Some(bm) = self.mention_starting(w.start) {
                role_body = Some(bm);
                let b = &self.mentions[bm];
                i = ws.partition_point(|x| x.start < b.end);
            }
        }
        // The longest title from word i.
        let (n, ri) = (1..=rl.longest.min(ws.len().saturating_sub(i)))
            .rev()
            .find_map(|n| self.phrase_at(rl, &ws, i, n).map(|ri| (n, ri)))?;
        let entry = &rl.entries[ri];
        if entry.title == "counterpart" {
            return None;
        }
        let mut end = ws[i + n - 1].end;
        let mut body = role_body;
        // A body after: `of General Motors`, `to the United States`.
        if let Some(prep) = ws.get(i + n) {
            let p = self.text[prep.start..prep.end].to_ascii_lowercase();
            if matches!(p.as_str(), "of" | "at" | "for" | "to") {
                let mut j = i + n + 1;
                if ws
                    .get(j)
                    .is_some_and(|w| self.text[w.start..w.end].eq_ignore_ascii_case("the"))
                {
                    j += 1;
                }
                if let Some(bm) = ws.get(j).and_then(|w| self.mention_starting(w.start)) {
                    if body.is_none() {
                        body = Some(bm);
                    }
                    end = self.mentions[bm].end;
                }
            }
        }
        // The apposition must be all role: nothing after the title and body
        // (and a body that runs past the apposition's end is not one).
        if end > from + stop || !self.text[end..from + stop].trim().is_empty() {
            return None;
        }
        let mut role = Role {
            title: entry.title.to_string(),
            function: entry.function.map(str::to_string),
            of: None,
            of_country: None,
            of_entity: None,
            via_entity: None,
            start: from,
            end,
            text: self.text[from..end].to_string(),
            unit: m.unit,
            sentence: self.text[unit.start..unit.end].to_string(),
        };
        if let Some(bm) = body {
            self.set_body(&mut role, bm);
        }
        Some(role)
    }

    fn set_body(&self, role: &mut Role, bm: usize) {
        let b = &self.mentions[bm];
        let id = self.of_mention[bm];
        let e = id.map(|i| &self.entities[i]);
        match b.kind {
            EntityKind::Place | EntityKind::Group => {
                role.of_country = b
                    .country
                    .clone()
                    .or_else(|| e.and_then(|e| e.country.clone()));
                role.of = match &role.of_country {
                    Some(c) => self.lex.country(c).map(|c| c.name.clone()),
                    None => e.map(|e| e.name.clone()),
                };
                if b.kind == EntityKind::Place && b.subtype.as_deref() != Some("country") {
                    role.of_entity = id;
                    role.of = e.map(|e| e.name.clone());
                }
                if e.is_some_and(|e| e.kind == EntityKind::Organisation) {
                    role.of_entity = id;
                    role.of = e.map(|e| e.name.clone());
                }
            }
            _ => {
                role.of = e.map(|e| e.name.clone()).or_else(|| Some(b.text.clone()));
                role.of_entity = id;
                role.of_country = b
                    .country
                    .clone()
                    .or_else(|| e.and_then(|e| e.country.clone()));
            }
        }
    }

    fn mention_ending(&self, end: usize) -> Option<usize> {
        self.by_end.get(&end).copied()
    }

    fn mention_starting(&self, start: usize) -> Option<usize> {
        self.by_start.get(&start).copied()
    }

    /// Pass 4: titles and descriptions used alone.
    fn descriptions(&mut self) {
        let rl = roles_lexicon();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for ui in 0..self.units.len() {
            let ws = &self.unit_words[ui];
            for (i, w) in ws.iter().enumerate() {
                let det = &self.text[w.start..w.end];
                if det != "the" && det != "The" {
                    continue;
                }
                // `the [Demonym] HEAD`, not followed by a name.
                let mut j = i + 1;
                let mut country: Option<String> = None;
                if let Some(bm) = ws.get(j).and_then(|x| self.mention_starting(x.start)) {
                    let b = &self.mentions[bm];
                    if b.kind != EntityKind::Group {
                        continue;
                    }
                    country = b.country.clone();
                    j = ws.partition_point(|x| x.start < b.end);
                }
                let Some(head) = ws.get(j) else { continue };
                let mut target = None;
                let mut end = head.end;
                let head_word = self.text[head.start..head.end].to_lowercase();
                let titled = rl.first_words.contains(&head_word);
                let described = DESCRIBED.contains(&head_word.as_str());
                if !titled && !described {
                    continue;
                }
                for n in (1..=rl.longest.min(ws.len() - j)).rev().filter(|_| titled) {
                    if let Some(ri) = self.phrase_at(rl, ws, j, n) {
                        end = ws[j + n - 1].end;
                        let next = ws.get(j + n);
                        let followed = next.is_some_and(|x| {
                            self.text[end..x.start].trim().is_empty()
                                && self.text[x.start..x.end].starts_with(char::is_uppercase)
                        }) || next.is_some_and(|x| {
                            self.text[x.start..x.end].eq_ignore_ascii_case("of")
                                && self.text[end..x.start].trim().is_empty()
                        });
                        if !followed {
                            target = self.holder_of(&rl.entries[ri], country.as_deref(), w.start);
                        }
                        break;
                    }
                }
                if target.is_none() && end == head.end {
                    let noun = self.text[head.start..head.end].to_ascii_lowercase();
                    let next_is_name = ws.get(j + 1).is_some_and(|x| {
                        self.text[head.end..x.start].trim().is_empty()
                            && self.text[x.start..x.end].starts_with(char::is_uppercase)
                    });
                    if !next_is_name {
                        target = self.described(&noun, country.as_deref(), ui, w.start);
                    }
                }
                if let Some(id) = target {
                    found.push((id, w.start, end));
                }
            }
        }
        let fallback = std::mem::take(&mut self.quoted_descriptions);
        for (id, s, e) in found.into_iter().chain(fallback) {
            let taken = self.in_unit.get(self.unit_of(s)).into_iter().flatten().any(
                |&(start, end, x, _)| {
                    self.entities[x].kind != EntityKind::Group && start < e && s < end
                },
            );
            if !taken {
                self.add_other(id, s, e, MentionForm::Description);
            }
        }
    }

    /// The person holding a title (of a country), latest before `pos`,
    /// mentioned in the sentence of `pos` or the three before.
    fn holder_of(&self, entry: &RoleEntry, country: Option<&str>, pos: usize) -> Option<usize> {
        if entry.title == "official" && country.is_none() {
            return None;
        }
        self.latest_fitting(pos, self.unit_of(pos), |e| {
            if e.kind != EntityKind::Person {
                return false;
            }
            let title_fits = entry.title == "official"
                || e.roles.iter().any(|r| {
                    r.title.eq_ignore_ascii_case(entry.title)
                        || (entry.function.is_some() && r.function.as_deref() == entry.function)
                        || (entry.title == "leader" && r.function.is_some())
                });
            let country_fits = country.map_or(true, |c| {
                e.nationality.as_deref() == Some(c)
                    || e.roles.iter().any(|r| r.of_country.as_deref() == Some(c))
            });
            title_fits && country_fits
        })
    }

    /// The entity that `fits` whose latest mention before `pos` is the
    /// latest of all, when that mention is in unit `ui` or the three before.
    fn latest_fitting(
        &self,
        pos: usize,
        ui: usize,
        fits: impl Fn(&Entity) -> bool,
    ) -> Option<usize> {
        // `pos` lies in unit `ui`: an entity's latest mention before it is
        // in `ui` or the three before exactly when the entity has a mention
        // before `pos` there, and it is the latest of those.
        let mut best: Option<(usize, usize)> = None;
        for u in ui.saturating_sub(3)..=ui {
            for &(start, _, id, _) in self.in_unit.get(u).into_iter().flatten() {
                if start < pos
                    && best.map_or(true, |(p, b)| start > p || (start == p && id < b))
                    && fits(&self.entities[id])
                {
                    best = Some((start, id));
                }
            }
        }
        best.map(|(_, id)| id)
    }

    /// `the group`, `the company`, `the country`: the latest fitting entity
    /// mentioned in the sentence of `pos` or the three before.
    fn described(&self, noun: &str, country: Option<&str>, ui: usize, pos: usize) -> Option<usize> {
        let fits = |e: &Entity| -> bool {
            let kind = e.org_kind.as_deref().or(e.subtype.as_deref());
            match noun {
                "group" | "militia" | "movement" | "network" | "faction" | "organisation"
                | "organization" => {
                    e.kind == EntityKind::Organisation
                        && matches!(
                            kind,
                            None | Some("armed" | "party" | "other" | "international")
                        )
                }
                "company" | "firm" | "carmaker" | "automaker" | "bank" | "airline" => {
                    e.kind == EntityKind::Organisation && matches!(kind, None | Some("company"))
                }
                "ministry" | "department" | "agency" | "government" => {
                    e.kind == EntityKind::Organisation && matches!(kind, None | Some("government"))
                }
                "country" | "nation" => {
                    e.kind == EntityKind::Place && e.subtype.as_deref() == Some("country")
                }
                "city" | "town" | "capital" => {
                    e.kind == EntityKind::Place && e.subtype.as_deref() == Some("city")
                }
                _ => false,
            }
        };
        self.latest_fitting(pos, ui, |e| {
            fits(e) && country.map_or(true, |c| e.country.as_deref() == Some(c))
        })
    }

    /// Pass 5: places in the gazetteer, or located by their container.
    fn places(&mut self) {
        // Countries the article names, to choose between places of one name:
        // those of the place and group mentions, counted, and per entity.
        let mut named: HashMap<&str, usize> = HashMap::new();
        let mut own: HashMap<(usize, &str), usize> = HashMap::new();
        for (mi, m) in self.mentions.iter().enumerate() {
            if let Some(c) = &m.country {
                if matches!(m.kind, EntityKind::Place | EntityKind::Group) {
                    *named.entry(c.as_str()).or_default() += 1;
                    if let Some(id) = self.of_mention[mi] {
                        *own.entry((id, c.as_str())).or_default() += 1;
                    }
                }
            }
        }
        for id in 0..self.entities.len() {
            if self.entities[id].kind != EntityKind::Place {
                continue;
            }
            // Whether the *other* entities name a country.
            let others = |c: &str| {
                named.get(c).copied().unwrap_or(0) > own.get(&(id, c)).copied().unwrap_or(0)
            };
            let loc = self.gazetteer_location(id, &others);
            if let Some(c) = loc.as_ref().and_then(|l| l.country.clone()) {
                self.entities[id].country = Some(c);
            }
            self.entities[id].place = loc;
        }
        // Containers: `X in Y`, `X, in the northern city of Y`, `X near Y`,
        // `Y's X`.
        for id in 0..self.entities.len() {
            if self.entities[id].kind != EntityKind::Place {
                continue;
            }
            let own = self.entities[id].place.as_ref().map(|p| p.feature.clone());
            if matches!(own.as_deref(), Some("country" | "city" | "region")) {
                continue;
            }
            let mut container = None;
            for mi in self.entities[id].names().filter_map(|m| m.mention) {
                let mention = &self.mentions[mi];
                if mention.name_end < mention.end {
                    // `Baghdad's international airport`: the name part is
                    // the container when it is a gazetteer place.
                    let name = strip_possessive(&self.text[mention.name_start..mention.name_end]);
                    if let Some(c) = self
                        .entities
                        .iter()
                        .position(|e| e.kind == EntityKind::Place && e.name == name && e.id != id)
                    {
                        container = Some(c);
                        break;
                    }
                }
                if let Some(c) = self.container_after(mention) {
                    container = Some(c);
                    break;
                }
            }
            let Some(c) = container.filter(|&c| c != id) else {
                continue;
            };
            let Some(outer) = self.entities[c].place.clone() else {
                continue;
            };
            let e = &self.entities[id];
            let mut chain = vec![e.name.clone()];
            chain.extend(outer.chain.iter().cloned());
            let feature = if e.subtype.as_deref() == Some("facility") {
                "facility"
            } else {
                "place"
            };
            let loc = Location {
                geonameid: None,
                name: e.name.clone(),
                feature: feature.into(),
                country: outer.country.clone(),
                country_name: outer.country_name.clone(),
                admin1: outer.admin1.clone(),
                admin1_name: outer.admin1_name.clone(),
                lat: outer.lat,
                lon: outer.lon,
                chain,
                within: Some(c),
            };
            let e = &mut self.entities[id];
            e.country = loc.country.clone();
            e.place = Some(loc);
        }
    }

    fn container_after(&self, m: &Mention) -> Option<usize> {
        let rest = &self.text[m.end..];
        let mut cut = rest.len().min(60);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let lower = rest[..cut].to_ascii_lowercase();
        for lead in [
            " in ",
            ", in ",
            " near ",
            ", near ",
            " outside ",
            ", outside ",
        ] {
            if let Some(tail) = lower.strip_prefix(lead) {
                let mut skip = m.end + lead.len();
                // `the northern city of`, `the province of`.
                let mut t = tail;
                if let Some(x) = t.strip_prefix("the ") {
                    skip += 4;
                    t = x;
                    let words: Vec<&str> = t.split(' ').take(4).collect();
                    if let Some(k) = words.iter().position(|w| *w == "of") {
                        let n: usize = words[..=k].iter().map(|w| w.len() + 1).sum();
                        skip += n;
                    }
                }
                let bm = self.mention_starting(skip)?;
                let b = &self.mentions[bm];
                if b.kind == EntityKind::Place {
                    return self.of_mention[bm];
                }
                return None;
            }
        }
        None
    }

    fn gazetteer_location(&self, id: usize, named: &dyn Fn(&str) -> bool) -> Option<Location> {
        let lex = self.lex;
        let e = &self.entities[id];
        // The name part of a descriptor mention (`Anbar` of `Anbar province`).
        let mut names: Vec<&str> = Vec::new();
        let mut facility = false;
        for mention in e
            .names()
            .filter_map(|m| m.mention)
            .map(|i| &self.mentions[i])
        {
            if mention.subtype.as_deref() == Some("facility") {
                facility = true;
            }
            let n = strip_possessive(&self.text[mention.name_start..mention.name_end]);
            let n = n.strip_prefix("the ").unwrap_or(n);
            if !names.contains(&n) {
                names.push(n);
            }
        }
        if facility {
            return None;
        }
        let region_hint = e.subtype.as_deref() == Some("region");
        // `Paris, Texas`, `Birmingham, Alabama`: a region or country right
        // after the name qualifies it.
        // Every reading of the qualifier counts (`Georgia` the country and
        // the US state).
        let mut qualifiers: Vec<(String, String)> = Vec::new();
        for mention in e
            .names()
            .filter_map(|m| m.mention)
            .map(|i| &self.mentions[i])
        {
            let Some(next) = self.mention_starting(mention.end + 2) else {
                continue;
            };
            if !self.text[mention.end..].starts_with(", ") {
                continue;
            }
            let q = &self.mentions[next];
            let qname = &self.text[q.name_start..q.name_end];
            for entry in lex.lookup(qname) {
                match *entry {
                    EntryKind::Place(i) if lex.places[i as usize].kind == PlaceKind::Region => {
                        let p = &lex.places[i as usize];
                        qualifiers.push((p.country.clone(), p.admin1.clone()));
                    }
                    EntryKind::Country(i) => {
                        qualifiers.push((lex.countries[i as usize].iso.clone(), String::new()));
                    }
                    _ => {}
                }
            }
        }
        // Score every entry the names stand for, then describe the best.
        let mut best: Option<(i64, EntryKind)> = None;
        for name in names {
            for entry in lex.lookup(name) {
                let score = match *entry {
                    EntryKind::Country(_) => 3_000_000_000,
                    EntryKind::Place(i) => {
                        let p = &lex.places[i as usize];
                        let region = p.kind == PlaceKind::Region;
                        let mut score = p.population.min(2_000_000_000) as i64;
                        if region {
                            score = score.max(5_000_000);
                        }
                        if named(&p.country) {
                            score += 1_000_000_000;
                        }
                        if region == region_hint {
                            score += 100_000_000;
                        }
                        if qualifiers
                            .iter()
                            .any(|(c, a)| *c == p.country && (a.is_empty() || *a == p.admin1))
                        {
                            score += 4_000_000_000;
                        }
                        score
                    }
                    _ => continue,
                };
                if best.map_or(true, |(s, _)| score > s) {
                    best = Some((score, *entry));
                }
            }
        }
        Some(match best?.1 {
            EntryKind::Country(i) => {
                let c = &lex.countries[i as usize];
                Location {
                    geonameid: Some(c.geonameid).filter(|g| *g != 0),
                    name: c.name.clone(),
                    feature: "country".into(),
                    country: Some(c.iso.clone()),
                    country_name: Some(c.name.clone()),
                    admin1: None,
                    admin1_name: None,
                    lat: c.lat,
                    lon: c.lon,
                    chain: vec![c.name.clone()],
                    within: None,
                }
            }
            EntryKind::Place(i) => {
                let p = &lex.places[i as usize];
                let country = lex.country(&p.country);
                let admin = lex.admin1(&p.country, &p.admin1);
                let region = p.kind == PlaceKind::Region;
                let mut chain = vec![p.name.clone()];
                if let Some(a) = admin.filter(|a| !region && a.name != p.name) {
                    chain.push(a.name.clone());
                }
                if let Some(c) = country {
                    chain.push(c.name.clone());
                }
                Location {
                    geonameid: Some(p.geonameid).filter(|g| *g != 0),
                    name: p.name.clone(),
                    feature: if region { "region" } else { "city" }.into(),
                    country: Some(p.country.clone()),
                    country_name: country.map(|c| c.name.clone()),
                    admin1: Some(p.admin1.clone()).filter(|a| !a.is_empty()),
                    admin1_name: admin.map(|a| a.name.clone()),
                    lat: p.lat.or(admin.map(|a| a.lat)),
                    lon: p.lon.or(admin.map(|a| a.lon)),
                    chain,
                    within: None,
                }
            }
            _ => return None,
        })
    }

    /// Organisation kind and country.
    fn organisations(&mut self) {
        for id in 0..self.entities.len() {
            let e = &self.entities[id];
            if e.kind != EntityKind::Organisation {
                continue;
            }
            let mut kind = e.org_kind.clone();
            let mut country = e.country.clone();
            if let Some(Anchor::Org(i)) = self.anchors[id] {
                let o = &self.lex.organisations[i as usize];
                kind = kind.or_else(|| Some(org_kind(&o.kind).to_string()));
                if country.is_none() && !o.country.is_empty() {
                    country = Some(o.country.clone());
                }
            }
            if kind.is_none() {
                kind = e.subtype.as_deref().map(|k| org_kind(k).to_string());
            }
            if kind.is_none() {
                kind = guess_org_kind(&e.name).map(str::to_string);
            }
            if country.is_none() {
                // A country or demonym inside the name (`US State Department`).
                for w in e.name.split_whitespace() {
                    for entry in self.lex.lookup(strip_possessive(w)) {
                        if let EntryKind::Country(i) | EntryKind::Demonym(i) = entry {
                            country = Some(self.lex.countries[*i as usize].iso.clone());
                            break;
                        }
                    }
                    if country.is_some() {
                        break;
                    }
                }
            }
            let e = &mut self.entities[id];
            e.org_kind = kind;
            e.country = country;
        }
        for id in 0..self.entities.len() {
            let e = &self.entities[id];
            if e.kind == EntityKind::Group && e.country.is_none() {
                if let Some(Anchor::Country(i)) = self.anchors[id] {
                    self.entities[id].country = Some(self.lex.countries[i as usize].iso.clone());
                }
            }
        }
    }
}

/// Time zones the entity layer marks as names (as CoNLL-2003 does).
const TIME_ZONES: &[&str] = &[
    "GMT", "UTC", "EST", "EDT", "CET", "CEST", "BST", "PST", "PDT",
];

/// Nouns that, after `the`, refer back to an organisation or place.
const DESCRIBED: &[&str] = &[
    "group",
    "militia",
    "movement",
    "network",
    "faction",
    "organisation",
    "organization",
    "company",
    "firm",
    "carmaker",
    "automaker",
    "bank",
    "airline",
    "ministry",
    "department",
    "agency",
    "government",
    "country",
    "nation",
    "city",
    "town",
    "capital",
];

/// The pronouns resolved, with their class: `m` male person, `f` female
/// person, `o` organisation.
const PRONOUNS: &[(&str, char)] = &[
    ("he", 'm'),
    ("him", 'm'),
    ("his", 'm'),
    ("himself", 'm'),
    ("she", 'f'),
    ("her", 'f'),
    ("hers", 'f'),
    ("herself", 'f'),
    ("it", 'o'),
    ("its", 'o'),
];

const SPEECH: &[&str] = &[
    "said",
    "says",
    "added",
    "announced",
    "claimed",
    "warned",
    "denied",
    "confirmed",
    "reported",
    "stated",
    "told",
    "insisted",
    "accused",
    "urged",
    "called",
];

/// The country whose capital (or seat of government, in news usage:
/// `Kremlin`, `Downing Street`) `name` is.
fn capital_of<'l>(lex: &'l Lexicon, name: &str) -> Option<&'l crate::lexicon::Country> {
    static CAPITALS: OnceLock<HashMap<String, usize>> = OnceLock::new();
    let map = CAPITALS.get_or_init(|| {
        let mut m = HashMap::new();
        for (i, c) in lexicon().countries.iter().enumerate() {
            if !c.capital.is_empty() {
                m.entry(c.capital.to_lowercase()).or_insert(i);
            }
        }
        for (name, iso) in [
            ("washington", "US"),
            ("downing street", "GB"),
            ("kremlin", "RU"),
        ] {
            if let Some(i) = lexicon().countries.iter().position(|c| c.iso == iso) {
                m.insert(name.to_string(), i);
            }
        }
        m
    });
    map.get(&name.to_lowercase()).map(|&i| &lex.countries[i])
}

/// Words that, after a distinctive word, make an organisation's name whose
/// distinctive word alone still names it (`Freedom Magazine`, `Likud Party`).
const ORG_HEADS: &[&str] = &[
    "magazine",
    "newspaper",
    "party",
    "group",
    "inc",
    "corp",
    "corporation",
    "company",
    "co",
    "ltd",
    "plc",
    "llc",
    "movement",
    "church",
    "foundation",
    "airlines",
    "airways",
    "motors",
    "motor",
    "computer",
];

/// Words after a company's name that give its structure rather than which
/// company it is; with the entity layer's legal forms (`Inc.`, `SpA`), the
/// corporate suffixes.
const CORPORATE_WORDS: &[&str] = &[
    "company",
    "corporation",
    "group",
    "holding",
    "holdings",
    "limited",
    "incorporated",
];

/// A folded name word that is a corporate suffix (`inc`, `spa`, `group`).
fn corporate_suffix(w: &str) -> bool {
    static FORMS: OnceLock<Vec<String>> = OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        crate::entities::LEGAL_FORMS
            .iter()
            .map(|f| fold(f))
            .collect()
    });
    CORPORATE_WORDS.contains(&w) || forms.iter().any(|f| f == w)
}

/// A company's name words without its legal form (`general motors` of
/// `general motors corporation`); never empty when `key` is not.
fn corporate_core<S: AsRef<str>>(key: &[S]) -> &[S] {
    let mut n = key.len();
    while n > 1 && corporate_suffix(key[n - 1].as_ref()) {
        n -= 1;
    }
    &key[..n]
}

/// A company's name as written without its legal form (`General Motors`
/// of `General Motors Corporation`), for its initials.
fn corporate_name(name: &str) -> &str {
    let mut name = name.trim_end();
    while let Some((head, last)) = name.rsplit_once(' ') {
        if !corporate_suffix(&fold(last)) {
            break;
        }
        name = head.trim_end_matches([' ', ',']);
    }
    name
}

/// Two names of one organisation: the same once their legal forms are off
/// (`General Motors`, `General Motors Corporation`, `Fiat Group SpA` and
/// `Fiat`), or a one-word name and the same word with the noun of what the
/// body is (`Freedom Magazine`, `Ford Motor Company`).
fn same_company(a: &[String], b: &[String]) -> bool {
    let (ca, cb) = (corporate_core(a), corporate_core(b));
    if ca == cb {
        // The legal forms differ (`Corp.`, `Corporation`) or one lacks one.
        return true;
    }
    let (short, long) = if ca.len() < cb.len() {
        (ca, cb)
    } else {
        (cb, ca)
    };
    short.len() == 1
        && long.len() == 2
        && long[0] == short[0]
        && ORG_HEADS.contains(&long[1].as_str())
}

/// Two full names of a person that differ by one letter in one word
/// (`Kristin Wilkins`, `Kristen Wilkins`): a spelling slip, one person.
fn same_but_a_letter<S: AsRef<str>, T: AsRef<str>>(a: &[S], b: &[T]) -> bool {
    if a.len() != b.len() || a.len() < 2 {
        return false;
    }
    let mut slips = 0;
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.as_ref(), y.as_ref());
        if x == y {
            continue;
        }
        let one_sub = x.chars().count() == y.chars().count()
            && x.chars().count() >= 4
            && x.chars().zip(y.chars()).filter(|(p, q)| p != q).count() == 1;
        if !one_sub {
            return false;
        }
        slips += 1;
    }
    slips == 1
}

fn ends_with<S: AsRef<str>, T: AsRef<str>>(long: &[S], short: &[T]) -> bool {
    !short.is_empty()
        && short.len() <= long.len()
        && long[long.len() - short.len()..]
            .iter()
            .zip(short)
            .all(|(a, b)| a.as_ref() == b.as_ref())
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn org_kind(lexicon_kind: &str) -> &str {
    match lexicon_kind {
        "agency" => "media",
        k @ ("government" | "armed" | "international" | "company" | "party") => k,
        _ => "other",
    }
}

/// An organisation's kind from the last word of its name.
fn guess_org_kind(name: &str) -> Option<&'static str> {
    let last = name.split_whitespace().last()?.to_ascii_lowercase();
    let first = name.split_whitespace().next()?.to_ascii_lowercase();
    let kind = match last.trim_end_matches('.') {
        "ministry" | "department" | "council" | "commission" | "agency" | "office" | "police"
        | "army" | "navy" | "parliament" | "government" | "court" | "senate" | "assembly"
        | "authority" | "bureau" => "government",
        "inc" | "corp" | "corporation" | "ltd" | "plc" | "llc" | "company" | "co" | "group"
        | "motors" | "airlines" | "airways" | "bank" | "holdings" | "technologies"
        | "industries" => "company",
        "news" | "times" | "post" | "tv" | "radio" | "press" | "journal" | "herald" | "tribune"
        | "television" | "guardian" | "telegraph" => "media",
        "brigades" | "brigade" | "militia" | "front" | "resistance" | "movement" | "forces" => {
            "armed"
        }
        "party" => "party",
        "university" | "institute" | "foundation" | "school" | "college" | "hospital" => "other",
        _ => match first.as_str() {
            "ministry" | "department" => "government",
            "university" => "other",
            _ => return None,
        },
    };
    Some(kind)
}

/// Ranks the countries of the article by its mentions tied to them.
fn focus_countries(entities: &[Entity], headlines: usize, lex: &Lexicon) -> Vec<FocusCountry> {
    let mut score: HashMap<String, (f32, usize)> = HashMap::new();
    for e in entities {
        let (country, weight) = match e.kind {
            EntityKind::Place => (e.place.as_ref().and_then(|p| p.country.clone()), 1.0),
            // News agencies are where a story comes from, not what it is about.
            EntityKind::Organisation if e.org_kind.as_deref() == Some("media") => (None, 0.0),
            EntityKind::Organisation => (e.country.clone(), 0.5),
            EntityKind::Group => (e.country.clone(), 0.5),
            EntityKind::Person => (e.nationality.clone(), 0.5),
            EntityKind::Misc => (None, 0.0),
        };
        let Some(c) = country else { continue };
        let s = score.entry(c).or_insert((0.0, 0));
        for m in e.mentions.iter().filter(|m| m.form != MentionForm::Pronoun) {
            s.0 += if m.unit < headlines { 2.0 } else { 1.0 } * weight;
            s.1 += 1;
        }
    }
    let total: f32 = score.values().map(|s| s.0).sum();
    let mut out: Vec<FocusCountry> = score
        .into_iter()
        .filter(|(_, (s, _))| *s > 0.0)
        .map(|(c, (s, n))| FocusCountry {
            name: lex.country(&c).map(|x| x.name.clone()).unwrap_or_default(),
            country: c,
            score: ((s / total) * 1000.0).round() / 1000.0,
            mentions: n,
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.country.cmp(&b.country))
    });
    out.truncate(10);
    out
}
