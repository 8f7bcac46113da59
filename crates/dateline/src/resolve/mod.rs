//! Who is who: the mentions of an article resolved to entities, each once,
//! with a canonical name, every mention (names, acronyms, titles and
//! descriptions used alone, pronouns), roles, nationality, organisation
//! kind and country, and places resolved in the embedded gazetteer; and the
//! article's focus countries.
//!
//! **In the pipeline** (article → time → entities → quotes → **resolve** →
//! figures): the layer reads the article's headlines and sentences (the
//! article layer), the entity layer's mentions and the quote layer's quotes
//! (whose speakers give `it said` and `the American official` their
//! referent), and adds the [`Entity`] list and the [`FocusCountry`] ranking
//! to the extraction. The figure layer runs after it.
//!
//! **The files**, in the order the passes run over one `Builder`
//! (the resolver's state, with the ways to record a mention):
//! `names.rs` (pass 1, comparing names with `name_words.rs` and finding
//! candidates in a long article through `index.rs`), `metonyms.rs`
//! (capitals that act), `organisations.rs` (kinds and countries),
//! `pronouns.rs` (pass 2), `roles.rs` (pass 3), `descriptions.rs` (pass 4),
//! `places.rs` (pass 5, the gazetteer and containers) and `focus.rs` (the
//! focus countries, from the finished entities).
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

use serde::{Deserialize, Serialize};

use crate::entities::{EntityKind, Mention};
use crate::lexicon::lexicon;
use crate::lexicon::roles::roles_lexicon;
use crate::quotes::Quote;
use crate::span::Span;

mod builder;
mod descriptions;
mod focus;
mod index;
mod metonyms;
mod name_words;
mod names;
mod organisations;
mod places;
mod pronouns;
mod roles;

/// How a mention refers to its entity./// How a mention refers to its entity.
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

impl Role {
    /// The role as one phrase: `Secretary of State of United States`, or
    /// the title alone when it is for no named body.
    pub fn label(&self) -> String {
        match &self.of {
            Some(of) => format!("{} of {of}", self.title),
            None => self.title.clone(),
        }
    }
}

/// How closely a location's point stands for the place itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// The point is the place's own and the place is about as small as a
    /// point (a site, a neighbourhood).
    Exact,
    /// The point is a town's or city's centre.
    City,
    /// The point stands for an area inside or across countries: the
    /// centroid of a first-level division (a state, a province), or the
    /// representative point of a continent, a region or a sea.
    Admin,
    /// The point is a country's centre.
    Country,
    /// The place's own point is unknown: the point is that of the place
    /// that contains it (`Harir airbase` at Erbil's centre).
    Container,
}

impl Precision {
    /// The precision's name in the output (`exact`, `city`, `admin`,
    /// `country`, `container`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Exact => "exact",
            Precision::City => "city",
            Precision::Admin => "admin",
            Precision::Country => "country",
            Precision::Container => "container",
        }
    }
}

/// Where a place is: a gazetteer entry, or its container's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// GeoNames id of the entry, when the place itself is in the gazetteer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u32>,
    /// The gazetteer's name for it (or the text's, for a facility).
    pub name: String,
    /// `country`, `region` (first-level division), `continent`, `area` (a
    /// region across countries or a body of water: `Middle East`, `Persian
    /// Gulf`), `city`, `town` (under 15,000 inhabitants), `county` (a US
    /// county or parish), `facility` or `place`.
    pub feature: String,
    /// How closely the point stands for the place: its own point, a
    /// city's, a division's or wider area's, a country's, or its
    /// container's.
    pub precision: Precision,
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
    #[serde(serialize_with = "crate::schema::serialize_score")]
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

/// What a lexicon knows a name as: the key by which places, organisations
/// and groups of one lexicon entry join (`US`, `U.S.`, `United States`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Anchor {
    Country(u16),
    Org(u16),
    Place(u32),
    Group(u16),
}

/// Builds the roles lexicon and the capitals table now rather than in the
/// first article.
pub(crate) fn warm() {
    roles_lexicon();
    metonyms::capital_of(lexicon(), "");
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
    let mut b = builder::Builder::new(text, units, headlines, mentions);
    b.names();
    b.metonyms();
    b.organisations();
    b.pronouns(quotes);
    b.roles();
    b.descriptions();
    b.places();
    let lex = b.lex;
    let entities = b.into_entities();
    let focus = focus::focus_countries(&entities, headlines, lex);
    Resolution { entities, focus }
}
