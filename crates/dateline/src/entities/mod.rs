//! The entity layer: every mention of a person, organisation, place,
//! nationality or group, with its kind, subtype, confidence and, where the
//! embedded lexicons know it, its country.
//!
//! Names are found by the sequence tagger of [`tagger`] (trained on
//! CoNLL-2003, so it follows CoNLL's idea of a name), then refined with the
//! lexicons of [`crate::lexicon`]: nationalities and religious, ethnic and
//! political groups become `NORP`; places get a subtype (country, city,
//! region, facility); a place followed by a descriptor (`Anbar province`,
//! `Harir airbase`, `Baghdad's international airport`) becomes one mention
//! whose `name` is the place's own name; hyphenated compounds give their
//! parts (`Iran-backed` holds `Iran`, `Lebanon-Israel` holds two places).
//!
//! **Reads** the article layer's headlines and sentences (as byte spans).
//! **Adds** the article's `mentions`. **Order**: article → time →
//! *entities* → quotes → resolve → figures: the quote, resolve and figure
//! layers read the mentions.
//!
//! **Steps**, each in a file named for it (`extract` runs them): the
//! [`tagger`] (its features, decoding and training in files of their own)
//! labels each unit's words; `names` turns the labels into mentions;
//! `lexicon_match` adds and splits names by the lexicons, extends places
//! with their descriptors and gives subtypes and countries; `titles` takes
//! titles out of people's names; `article_names` reads what the whole
//! article says of a name (institutions, surnames, companies).
//!
//! ```
//! use dateline::{Config, Extractor, EntityKind};
//!
//! let ex = Extractor::new(Config::default())?;
//! let out = ex.extract_text("Iraqi Prime Minister Mohammed Shia al-Sudani met Antony Blinken in Baghdad.")?;
//! let found: Vec<(&str, EntityKind)> = out
//!     .mentions
//!     .as_deref()
//!     .unwrap_or_default()
//!     .iter()
//!     .map(|m| (m.text.as_str(), m.kind))
//!     .collect();
//! assert!(found.contains(&("Mohammed Shia al-Sudani", EntityKind::Person)));
//! assert!(found.contains(&("Antony Blinken", EntityKind::Person)));
//! assert!(found.contains(&("Baghdad", EntityKind::Place)));
//! assert!(found.contains(&("Iraqi", EntityKind::Group)));
//! # Ok::<(), dateline::Error>(())
//! ```

pub mod tagger;

mod article_names;
mod datelines;
mod given_names;
mod lexicon_match;
mod names;
mod titles;

use serde::{Deserialize, Serialize};

use crate::lexicon::lexicon;
use crate::span::Span;

pub(crate) use article_names::known_place_named_as_one;
pub(crate) use names::LEGAL_FORMS;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    /// A person: `Antony Blinken`.
    #[serde(rename = "PER")]
    Person,
    /// An organisation: `Hezbollah`, `State Department`, `Reuters`.
    #[serde(rename = "ORG")]
    Organisation,
    /// A place: country, city, region or facility.
    #[serde(rename = "LOC")]
    Place,
    /// A nationality, religious, ethnic or political group: `Iraqi`, `Shiite`.
    #[serde(rename = "NORP")]
    Group,
    /// Another name: an event, a product, a law, a language.
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityKind {
    /// The label used in the output: `PER`, `ORG`, `LOC`, `NORP` or `MISC`.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organisation => "ORG",
            EntityKind::Place => "LOC",
            EntityKind::Group => "NORP",
            EntityKind::Misc => "MISC",
        }
    }

    /// The CoNLL class: `NORP` counts as `MISC`, the rest are themselves.
    pub fn coarse(&self) -> &'static str {
        match self {
            EntityKind::Group => "MISC",
            k => k.as_str(),
        }
    }

    fn from_type(t: &str) -> EntityKind {
        match t {
            "PER" => EntityKind::Person,
            "ORG" => EntityKind::Organisation,
            "LOC" => EntityKind::Place,
            _ => EntityKind::Misc,
        }
    }
}

/// One mention of a named entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// First byte of the mention, descriptor included (`Anbar province`).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The mention's text.
    pub text: String,
    /// What it names.
    pub kind: EntityKind,
    /// A finer kind where known. Places: `country`, `city`, `region`,
    /// `facility`, `place`; groups: `nationality`, `religious`, `ethnic`,
    /// `political`; organisations in the lexicon: `international`, `armed`,
    /// `agency`, `government`, `party`, `company`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    /// First byte of the name itself (`Anbar` in `Anbar province`); equal
    /// to `start` when the mention has no descriptor.
    pub name_start: usize,
    /// One past the last byte of the name.
    pub name_end: usize,
    /// The tagger's probability for the mention's labels (the lowest over
    /// its words), 0 to 1, to three decimals.
    #[serde(serialize_with = "crate::schema::serialize_score")]
    pub confidence: f32,
    /// ISO 3166 country code where the lexicons tie the name to a country
    /// (`Erbil`, `Iraqi`, `Hezbollah`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Index of the headline or sentence holding the mention: headlines
    /// first, then sentences, in text order.
    pub unit: usize,
}

impl Mention {
    /// The mention's byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// The byte span of the name without its descriptor.
    pub fn name_span(&self) -> Span {
        Span::new(self.name_start, self.name_end)
    }
}

/// A mention of `kind` on `span` in unit `unit`, its name the whole span.
fn mention(text: &str, span: Span, kind: EntityKind, confidence: f32, unit: usize) -> Mention {
    Mention {
        start: span.start,
        end: span.end,
        text: span.slice(text).to_string(),
        kind,
        subtype: None,
        name_start: span.start,
        name_end: span.end,
        confidence,
        country: None,
        unit,
    }
}

/// Verbs of what people (not organisations: `Unilever said`, `Glaxo
/// announced`) do, that follow a person's name opening a sentence
/// (`Blinken visited`, `Nyerere arrived`).
const PERSON_VERBS: &[&str] = &[
    "visited",
    "visits",
    "met",
    "meets",
    "arrived",
    "arrives",
    "travelled",
    "traveled",
    "flew",
    "spoke",
    "resigned",
    "thanked",
    "smiled",
    "laughed",
    "shrugged",
];

/// A capitalised word opening a sentence that the tagger left out, that
/// is no word of English (the syntax model's lexicon of words seen five
/// times or more does not know it in lower case) and no lexicon name, and
/// that a verb of what people do follows, is a person's name: `Blinken
/// visited Baghdad on Sunday.` (the tagger, trained on 1996 news, cannot
/// tell an unknown capitalised word at a sentence's start from any other).
fn unknown_first_names(
    text: &str,
    u: &tagger::Unit,
    lex: &crate::lexicon::Lexicon,
    ui: usize,
    first: usize,
    out: &mut Vec<Mention>,
) {
    let [w, next, ..] = &u.words[..] else {
        return;
    };
    let word = w.span.slice(text);
    let mut chars = word.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 3
        && chars.all(char::is_lowercase);
    if !capitalised || !PERSON_VERBS.contains(&next.span.slice(text)) {
        return;
    }
    if out[first..]
        .iter()
        .any(|m| m.start < w.span.end && w.span.start < m.end)
        || !lex.lookup(word).is_empty()
        || english(word)
    {
        return;
    }
    out.push(mention(text, w.span, EntityKind::Person, 0.5, ui));
}

/// Whether a capitalised word is a word of English rather than a name:
/// the syntax model knows it in lower case, or it is the plural of a word
/// it knows or of a noun of people (`Traders`, `Analysts`, `Eyewitnesses`).
pub(crate) fn english(word: &str) -> bool {
    let model = crate::syntax::model();
    let lower = word.to_lowercase();
    if model.knows(&lower) {
        return true;
    }
    let Some(stem) = lower.strip_suffix('s') else {
        return false;
    };
    let people = |s: &str| {
        model.knows(s)
            || ["er", "or", "ist", "yst", "ant", "ent", "ian", "ness", "ee"]
                .iter()
                .any(|suffix| s.ends_with(suffix))
    };
    people(stem) || stem.strip_suffix('e').is_some_and(people)
}

/// Finds the entity mentions of the spans (headlines and sentences) with
/// `model` (the shipped [`tagger::tagger`] or the user's).
pub(crate) fn extract(text: &str, spans: &[Span], model: &tagger::Tagger) -> Vec<Mention> {
    let lex = lexicon();
    let (mut units, doc) = tagger::prepare(text, spans, lex);
    let tagged = model.tag(&mut units, &doc);
    let mut out = Vec::new();
    // Each unit's names: the tagger's, then the lexicons'.
    for (ui, (u, (mut labels, probs))) in units.iter().zip(tagged).enumerate() {
        if u.words.is_empty() || !tagger::has_letters(u) {
            continue;
        }
        tagger::cut_title_names(u, &doc, &mut labels);
        let first = out.len();
        names::tagged(text, u, &labels, &probs, ui, &mut out);
        lexicon_match::lexicon_organisations(text, u, lex, ui, first, &mut out);
        lexicon_match::lexicon_places(text, u, lex, ui, first, &mut out);
        lexicon_match::split_groups(text, lex, ui, first, &mut out);
        lexicon_match::add_lexicon_groups(text, u, lex, ui, first, &mut out);
        lexicon_match::split_compounds(text, u, lex, ui, first, &mut out);
        lexicon_match::extend_descriptors(text, u, lex, first, &mut out);
        unknown_first_names(text, u, lex, ui, first, &mut out);
        titles::cut_bodies_at_titles(text, u, lex, first, &mut out);
        titles::split_titles(text, u, lex, ui, first, &mut out);
        datelines::dateline_place(text, u, lex, ui, first, &mut out);
        out[first..].sort_by_key(|m| (m.start, m.end));
    }
    // What the whole article says of each name.
    for m in &mut out {
        article_names::institution(m);
    }
    given_names::people(text, lex, &mut out);
    given_names::people_of_bodies(text, lex, &mut out);
    article_names::surnames(text, &mut out);
    article_names::companies(text, &mut out);
    article_names::defined_acronyms(text, spans, &mut out);
    article_names::recurring(text, &mut out);
    given_names::person_names(text, lex, &mut out);
    given_names::people_after_titles(text, lex, &mut out);
    for m in &mut out {
        lexicon_match::refine(text, lex, m);
        // Three decimals: more would be noise.
        m.confidence = (m.confidence * 1000.0).round() / 1000.0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{extract, EntityKind};
    use crate::span::Span;

    fn names(text: &str) -> Vec<(String, EntityKind)> {
        extract(text, &[Span::new(0, text.len())], super::tagger::tagger())
            .into_iter()
            .map(|m| (m.text, m.kind))
            .collect()
    }

    /// The names of a text whose lines are its units (a headline, then
    /// sentences).
    fn names_by_line(text: &str) -> Vec<(String, EntityKind)> {
        let mut spans = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            spans.push(Span::new(start, start + line.trim_end().len()));
            start += line.len();
        }
        extract(text, &spans, super::tagger::tagger())
            .into_iter()
            .map(|m| (m.text, m.kind))
            .collect()
    }

    #[test]
    fn a_headline_in_title_case_is_no_name_of_its_capitals() {
        // The tagger read the headline as one organisation, and then the
        // article's Donald Trump as an organisation too.
        let found = names_by_line(
            "Black Lawmakers Rip Donald Trump As A Disgusting Fraud\n\
             WASHINGTON - Donald Trump's obsession with Barack Obama's birth is an \
             insult, top black lawmakers said Friday. \"Donald Trump is a disgusting \
             fraud,\" said Rep. G.K. Butterfield.",
        );
        assert!(
            found
                .iter()
                .all(|(t, _)| !t.contains("Rip") && !t.contains("Fraud")),
            "{found:?}"
        );
        let trump: Vec<_> = found.iter().filter(|(t, _)| t == "Donald Trump").collect();
        assert!(trump.len() >= 3, "{found:?}");
        assert!(
            trump.iter().all(|(_, k)| *k == EntityKind::Person),
            "{found:?}"
        );
        let found = names_by_line(
            "Woman Killed In Queens Hit And Run, Driver Charged\n\
             A woman was killed by a driver who fled the scene in Queens, and the \
             driver was charged with manslaughter on Saturday.",
        );
        assert!(
            found
                .iter()
                .all(|(t, _)| !t.contains("Killed") && !t.contains("Charged")),
            "{found:?}"
        );
        // Verbs and nouns of a headline that its article never uses are
        // words of English all the same; a given name stays a name.
        let found = names_by_line(
            "Sixers Hire Maurice Cheeks As Head Coach\n\
             Ellen DeGeneres Returns to Host the Oscars\n\
             Mark Vinar Weighs Filing Charges\n\
             The Philadelphia Sixers named Maurice Cheeks to lead the team on Saturday, \
             and the academy said Ellen DeGeneres would host the show. Mark Vinar said \
             nothing.",
        );
        for word in ["Hire", "Returns", "Weighs", "Filing", "Charges"] {
            assert!(
                found.iter().all(|(t, _)| !t.contains(word)),
                "{word}: {found:?}"
            );
        }
        for person in ["Maurice Cheeks", "Ellen DeGeneres", "Mark Vinar"] {
            let n = found.iter().filter(|(t, _)| t == person).count();
            assert_eq!(n, 2, "{person}: {found:?}");
        }
        // A date or a byline after a headline is no sentence going on.
        let found = names_by_line(
            "Woman Killed in Queens Hit - And - Run , Police Arrest Allegedly Drunk Driver\n\
             on September 14 , 2013 11 : 41am\n\
             An allegedly intoxicated driver who struck a woman in Queens was arrested.",
        );
        assert!(
            found
                .iter()
                .all(|(t, _)| !t.contains("Killed") && !t.contains("Driver")),
            "{found:?}"
        );
        // A web address cut into units at its full stops comes before the
        // headline: it is still the article's third line.
        let text = "http : / / www . philly . com / sports / cheeks . html\n\
                    Friday , November 11 , 2011\n\
                    Philadelphia 76ers Fire Coach Jim O'Brien , Hire Maurice Cheeks\n\
                    The 76ers fired Jim O'Brien on Friday and hired Maurice Cheeks.";
        let mut spans: Vec<Span> = Vec::new();
        let mut at = 0;
        for (i, c) in text.char_indices() {
            // Each line a unit, the address cut after each full stop.
            if c == '\n' || (c == '.' && text[i + 1..].starts_with(' ') && i < 60) {
                spans.push(Span::new(at, i + 1));
                at = i + 1;
            }
        }
        spans.push(Span::new(at, text.len()));
        assert!(spans.len() > 6, "{spans:?}");
        let found: Vec<(String, EntityKind)> = extract(text, &spans, super::tagger::tagger())
            .into_iter()
            .map(|m| (m.text, m.kind))
            .collect();
        assert!(found.iter().all(|(t, _)| !t.contains("Hire")), "{found:?}");
        assert!(
            found.iter().any(|(t, _)| t == "Maurice Cheeks"),
            "{found:?}"
        );
        // A line of names is no headline.
        let found = names_by_line(
            "Barack Obama, Joe Biden, Hillary Clinton\n\
             Barack Obama, Joe Biden and Hillary Clinton spoke in Chicago.",
        );
        for person in ["Barack Obama", "Joe Biden", "Hillary Clinton"] {
            assert!(
                found.contains(&(person.into(), EntityKind::Person)),
                "{found:?}"
            );
        }
    }

    #[test]
    fn a_team_keeps_its_number_word_and_is_one_entity_with_it() {
        let text = "On Monday the Philadelphia 76ers hired Maurice Cheeks as coach. \
                    The San Francisco 49ers lost. The 76ers said Cheeks would start in June.";
        let found = names(text);
        for team in ["Philadelphia 76ers", "San Francisco 49ers", "76ers"] {
            assert!(
                found.contains(&(team.into(), EntityKind::Organisation)),
                "{team}: {found:?}"
            );
        }
        // `Philadelphia` is no place of its own here.
        assert!(!found.iter().any(|(t, _)| t == "Philadelphia"), "{found:?}");
        // Nor is a number of things (`the 1990s`, `40ers` is no word).
        assert!(names("Prices fell in the 1990s and the 2000s.").is_empty());
        // Resolved, the number word is the team.
        let ex = crate::Extractor::new(crate::Config::default()).unwrap();
        let entities = ex.extract_text(text).unwrap().entities.unwrap_or_default();
        let team = entities
            .iter()
            .find(|e| e.name == "Philadelphia 76ers")
            .unwrap_or_else(|| panic!("{entities:?}"));
        let said: Vec<&str> = team.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(said, ["Philadelphia 76ers", "76ers"]);
        assert!(!entities.iter().any(|e| e.name == "76ers"), "{entities:?}");
    }

    #[test]
    fn an_abbreviation_of_a_thing_is_no_name() {
        let found = names(
            "San Diego Chargers defensive tackle Jamal Williams was arrested on suspicion of \
             DUI early Sunday. The CEO said the DWI charge and GDP figures would wait. \
             A gunman opened fire at an office Christmas party in Vancouver.",
        );
        assert!(
            found.contains(&("Jamal Williams".into(), EntityKind::Person)),
            "{found:?}"
        );
        for thing in ["DUI", "CEO", "DWI", "GDP"] {
            assert!(found.iter().all(|(t, _)| t != thing), "{thing}: {found:?}");
        }
        // A holiday is no person.
        assert!(
            found
                .iter()
                .all(|(t, k)| t != "Christmas" || *k == EntityKind::Misc),
            "{found:?}"
        );
        // Nor a degree after a person's name, nor a letter of tokenised copy.
        let text = "Obama named Regina Benjamin, MD, a family physician in Bayou La Batre, \
                    as U . S . Surgeon General.";
        let found = extract(text, &[Span::new(0, text.len())], super::tagger::tagger());
        let at = text.find("MD").unwrap_or_default();
        assert!(found.iter().all(|m| m.start != at), "{found:?}");
        assert!(
            found.iter().all(|m| !matches!(m.text.as_str(), "U" | "S")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|m| m.text == "Regina Benjamin"),
            "{found:?}"
        );
    }

    #[test]
    fn an_unknown_name_opening_a_sentence_is_a_person() {
        let found = names("Blinken visited Baghdad on Sunday.");
        assert!(
            found.contains(&("Blinken".into(), EntityKind::Person)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Baghdad".into(), EntityKind::Place)),
            "{found:?}"
        );
        // An English word opening a sentence is no name.
        let found = names("Officials said the road would reopen.");
        assert!(found.is_empty(), "{found:?}");
        // Nor are people named by what they do.
        let found = names(
            "Traders visited the exchange. Eyewitnesses met the reporters. Unilever said profits rose.",
        );
        assert!(
            found.iter().all(|(_, k)| *k != EntityKind::Person),
            "{found:?}"
        );
        // Nor is an unknown word not followed by a verb of what people do.
        let found = names("Floodwaters covered the valley.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_given_name_and_an_unseen_surname_are_a_person() {
        // The tagger, which never saw these surnames, took them for
        // organisations.
        let text = "Pro-Beijing DAB's Elizabeth Quat won a seat, and New People Party's \
                    Regina Ip was re-elected. Ben Cohen and Stuart Stanton-Davies spoke.";
        let found = names(text);
        for person in ["Elizabeth Quat", "Regina Ip", "Stuart Stanton-Davies"] {
            assert!(
                found.contains(&(person.into(), EntityKind::Person)),
                "{person}: {found:?}"
            );
        }
        // A given name alone, after a noun of kin, is the person throughout.
        let found = names(
            "They are on trial for the death of their nine-month-old child, Gloria. \
             Gloria developed severe eczema at four months.",
        );
        let gloria: Vec<_> = found.iter().filter(|(t, _)| t == "Gloria").collect();
        assert_eq!(gloria.len(), 2, "{found:?}");
        assert!(
            gloria.iter().all(|(_, k)| *k == EntityKind::Person),
            "{found:?}"
        );
        // Names that a given name opens but whose last word is English, a
        // plural, an institution or a lexicon name are what the tagger said.
        let found = names(
            "The Marshall Plan rebuilt Europe. Crowds gathered in Victoria Park and \
             George Street. Eli Lilly and Mercedes Benz reported profits, as did \
             Morgan Stanley and Crystal Cruises. Janet Jackson-style outfits sold out.",
        );
        for other in [
            "Marshall Plan",
            "Victoria Park",
            "George Street",
            "Eli Lilly",
            "Mercedes Benz",
            "Morgan Stanley",
            "Crystal Cruises",
        ] {
            assert!(
                !found.contains(&(other.into(), EntityKind::Person)),
                "{other}: {found:?}"
            );
        }
        assert!(
            found
                .iter()
                .all(|(t, k)| !t.contains("style") || *k != EntityKind::Person),
            "{found:?}"
        );
    }

    /// A mention of `kind` over the first `needle` in `text` at or after
    /// byte `from`, as a tagger reads it.
    fn tagged(text: &str, needle: &str, from: usize, kind: EntityKind) -> super::Mention {
        let start = from + text[from..].find(needle).unwrap();
        super::mention(text, Span::new(start, start + needle.len()), kind, 0.6, 0)
    }

    #[test]
    fn a_doubtful_mention_of_a_person_named_elsewhere_is_the_person() {
        let text = "Andy Warhol shot Polaroids. The Andy Warhol exhibit opened. \
                    Andy Warhol died in 1987. The Olive Tree won. Olive Tree rallies \
                    drew crowds; Olive Tree said so.";
        let at = |name: &str, nth: usize, kind: EntityKind, confidence: f32| {
            let from = text.match_indices(name).nth(nth).unwrap().0;
            let mut m = tagged(text, name, from, kind);
            m.confidence = confidence;
            m
        };
        let mut out = vec![
            at("Andy Warhol", 0, EntityKind::Person, 0.4),
            at("Andy Warhol", 1, EntityKind::Organisation, 0.37),
            at("Andy Warhol", 2, EntityKind::Person, 0.3),
            // `Tree` is no surname: the coalition stays what it was.
            at("Olive Tree", 0, EntityKind::Misc, 0.3),
            at("Olive Tree", 1, EntityKind::Person, 0.6),
            at("Olive Tree", 2, EntityKind::Misc, 0.2),
        ];
        super::given_names::person_names(text, crate::lexicon::lexicon(), &mut out);
        let kinds: Vec<EntityKind> = out.iter().map(|m| m.kind).collect();
        use EntityKind::{Misc, Person};
        assert_eq!(kinds, [Person, Person, Person, Misc, Person, Misc]);
        // A sure mention keeps its kind, and so do doubtful ones where the
        // other kind weighs more.
        let mut out = vec![
            at("Andy Warhol", 0, EntityKind::Person, 0.4),
            at("Andy Warhol", 1, EntityKind::Organisation, 0.9),
        ];
        super::given_names::person_names(text, crate::lexicon::lexicon(), &mut out);
        assert_eq!(out[1].kind, EntityKind::Organisation);
        let mut out = vec![
            at("Andy Warhol", 0, EntityKind::Person, 0.3),
            at("Andy Warhol", 1, EntityKind::Organisation, 0.45),
            at("Andy Warhol", 2, EntityKind::Organisation, 0.4),
        ];
        super::given_names::person_names(text, crate::lexicon::lexicon(), &mut out);
        assert_eq!(out[1].kind, EntityKind::Organisation);
        assert_eq!(out[2].kind, EntityKind::Organisation);
    }

    #[test]
    fn a_name_after_a_persons_title_in_lower_case_is_the_person() {
        use EntityKind::{Organisation, Person, Place};
        let text = "Burma's democracy leader Aung San Suu Kyi spoke. Suu Kyi said so at \
                    her home. Market leader Nokia rose. Party leader Ali Khan spoke; Ali \
                    Khan left. Ali Khan is a town. The official Jordanian TV channel and the \
                    official Agencia Brasil reported; he rose to head Soviet Kazakhstan.";
        let at = |name: &str, nth: usize, kind: EntityKind, confidence: f32| {
            let from = text.match_indices(name).nth(nth).unwrap().0;
            let mut m = tagged(text, name, from, kind);
            m.confidence = confidence;
            m
        };
        let mut out = vec![
            at("Aung San Suu Kyi", 0, Organisation, 0.7),
            at("Suu Kyi", 1, Organisation, 0.8),
            at("Nokia", 0, Organisation, 0.6),
            // Sure of itself: the tagger's kind stands.
            at("Ali Khan", 0, Organisation, 0.95),
            at("Ali Khan", 1, Organisation, 0.6),
            at("Ali Khan", 2, Place, 0.6),
            at("Jordanian TV", 0, Organisation, 0.6),
            at("Agencia Brasil", 0, Organisation, 0.6),
            at("Soviet Kazakhstan", 0, Place, 0.6),
        ];
        super::given_names::people_after_titles(text, crate::lexicon::lexicon(), &mut out);
        let kinds: Vec<EntityKind> = out.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                Person,
                Person,
                Organisation,
                Organisation,
                Organisation,
                Place,
                Organisation,
                Organisation,
                Place
            ]
        );
    }

    #[test]
    fn what_another_tagger_reads_is_mended_by_the_article() {
        // Readings of a retrained tagger (CoNLL-2003, four orders), each
        // mended by one rule whatever model tags the text.
        use EntityKind::{Organisation, Person, Place};
        let lex = crate::lexicon::lexicon();
        // `The` before an institution's name is no part of it; `The Times`
        // keeps its own.
        let text =
            "The Salvador Allende Foundation in Santiago held an exhibition. The Times said.";
        let mut foundation = tagged(text, "The Salvador Allende Foundation", 0, Organisation);
        let mut times = tagged(text, "The Times", 20, Organisation);
        super::article_names::institution(&mut foundation);
        super::article_names::institution(&mut times);
        assert_eq!(
            (foundation.text.as_str(), foundation.name_start),
            ("Salvador Allende Foundation", 4)
        );
        assert_eq!(times.text, "The Times");
        // A given name after a noun of kin is the person, read as a place
        // or not; the name's other places stay places.
        let text = "They mourn their child, Gloria. Gloria had eczema. His daughter, Virginia, \
                    moved to Virginia. The boy's mother, Austin police said, fled.";
        let mut out = vec![
            tagged(text, "Gloria", 0, Place),
            tagged(text, "Gloria", 30, Organisation),
            tagged(text, "Virginia", 0, Place),
            tagged(text, "Virginia", 80, Place),
            tagged(text, "Austin", 0, Place),
        ];
        super::given_names::people(text, lex, &mut out);
        let kinds: Vec<_> = out.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, [Person, Person, Person, Place, Place], "{out:?}");
        // A known place and a noun of land read as an organisation is the
        // land; not a club before its score, nor an unknown place's island.
        let text = "Voters on Hong Kong Island chose her. Hainan Island 2 Kerry Island 1. \
                    Treasure Island sold well.";
        let mut got = Vec::new();
        for (name, from) in [
            ("Hong Kong Island", 0),
            ("Hainan Island", 0),
            ("Treasure Island", 0),
        ] {
            let mut m = tagged(text, name, from, Organisation);
            super::lexicon_match::refine(text, lex, &mut m);
            got.push(m.kind);
        }
        assert_eq!(got, [Place, Organisation, Organisation]);
        // A person of a body read as one name is the person and the body.
        let text = "Eunice Yung of New People's Party won. Gary Chan of the Neo Democrats \
                    lost. Lord Callaghan of Cardiff spoke; Lord Callaghan left. My Summer \
                    of Love won. The Bank of America lent. Tom Smith of the party spoke. \
                    Grace Kelly of Monaco wed.";
        let mut out = vec![
            tagged(text, "Eunice Yung of New People's Party", 0, Organisation),
            tagged(text, "Gary Chan of the Neo Democrats", 0, Person),
            tagged(text, "Lord Callaghan of Cardiff", 0, Organisation),
            tagged(text, "Lord Callaghan", text.find("spoke;").unwrap(), Person),
            tagged(text, "My Summer of Love", 0, Person),
            tagged(text, "Bank of America", 0, Organisation),
            tagged(text, "Tom Smith of the party", 0, Person),
            tagged(text, "Grace Kelly of Monaco", 0, Person),
        ];
        super::given_names::people_of_bodies(text, lex, &mut out);
        let got: Vec<_> = out.iter().map(|m| (m.text.as_str(), m.kind)).collect();
        assert_eq!(
            got,
            [
                ("Eunice Yung", Person),
                ("New People's Party", Organisation),
                ("Gary Chan", Person),
                ("Neo Democrats", Organisation),
                ("Lord Callaghan", Person),
                ("Cardiff", Place),
                ("Lord Callaghan", Person),
                ("My Summer of Love", Person),
                ("Bank of America", Organisation),
                ("Tom Smith of the party", Person),
                // `Grace` is an English word: no given name alone.
                ("Grace Kelly of Monaco", Person),
            ]
        );
        assert!(out.iter().all(|m| text[m.start..m.end] == m.text
            && (m.name_start, m.name_end) == (m.start, m.end)
            && m.unit == 0
            && m.confidence == 0.6));
        // Before a state's office, a state read as an organisation is the
        // place (not a city's name: `Police` is a town in Poland; not
        // before a coach: `Alabama Coach Nick Saban` is the team's); before
        // a division's noun, a name of no known kind is the place, a code,
        // an adjective or a body is not.
        let text = "Texas Governor Greg Abbott met Police Chief Anthony Salvatore and Alabama \
                    Coach Nick Saban. Umm Ali fled the Hayyaniya district, not the grade K-8 \
                    district, the Republican-held district or the Chicago Police district.";
        let (units, _) = super::tagger::prepare(text, &[Span::new(0, text.len())], lex);
        let mut out = vec![
            tagged(text, "Texas", 0, Organisation),
            tagged(text, "Greg Abbott", 0, Person),
            tagged(text, "Police", 0, Organisation),
            tagged(text, "Anthony Salvatore", 0, Person),
            tagged(text, "Alabama", 0, Organisation),
            tagged(text, "Nick Saban", 0, Person),
            tagged(text, "Hayyaniya", 0, Organisation),
            tagged(text, "K-8", 0, Organisation),
            tagged(text, "Republican-held", 0, EntityKind::Misc),
            tagged(text, "Chicago Police", 0, Organisation),
        ];
        super::titles::cut_bodies_at_titles(text, &units[0], lex, 0, &mut out);
        super::lexicon_match::extend_descriptors(text, &units[0], lex, 0, &mut out);
        let got: Vec<_> = out.iter().map(|m| (m.text.as_str(), m.kind)).collect();
        for want in [
            ("Texas", Place),
            ("Police", Organisation),
            ("Alabama", Organisation),
            ("Hayyaniya district", Place),
            ("K-8", Organisation),
            ("Republican-held", EntityKind::Misc),
            ("Chicago Police", Organisation),
        ] {
            assert!(got.contains(&want), "{want:?}: {got:?}");
        }
        // A name read as a person's before a facility's noun is the
        // facility; not a candidate's camp or base, nor what he owns.
        let text = "Drones hit Harir airbase and Kennedy airport. The Clinton camp and the \
                    Trump base cheered, and Smith's hospital closed.";
        let (units, _) = super::tagger::prepare(text, &[Span::new(0, text.len())], lex);
        let mut out = vec![
            tagged(text, "Harir", 0, Person),
            tagged(text, "Kennedy", 0, Person),
            tagged(text, "Clinton", 0, Person),
            tagged(text, "Trump", 0, Person),
            tagged(text, "Smith", 0, Person),
        ];
        super::lexicon_match::extend_descriptors(text, &units[0], lex, 0, &mut out);
        let got: Vec<_> = out.iter().map(|m| (m.text.as_str(), m.kind)).collect();
        assert_eq!(
            got,
            [
                ("Harir airbase", Place),
                ("Kennedy airport", Place),
                ("Clinton", Person),
                ("Trump", Person),
                ("Smith", Person)
            ]
        );
    }
}
