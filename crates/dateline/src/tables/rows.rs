//! The columns of each table and the rows an extraction gives.

use chrono::{DateTime, NaiveDateTime, NaiveTime};

use super::{Cell, Column, ColumnKind, ErrorRow, Rows, Table};
use crate::pipeline::Extraction;
use crate::span::OffsetMap;

use ColumnKind::{Flag, Float, Instant, Int, Label, Text, Time};

/// A column, in the lists below.
const fn col(name: &'static str, kind: ColumnKind, doc: &'static str) -> Column {
    Column {
        name,
        kind,
        doc,
        values: &[],
    }
}

/// A label column of a closed set of values.
const fn one_of(name: &'static str, values: &'static [&'static str], doc: &'static str) -> Column {
    Column {
        name,
        kind: Label,
        doc,
        values,
    }
}

/// The entity kinds.
const KINDS: &[&str] = &["PER", "ORG", "LOC", "NORP", "MISC"];

const ID: Column = col(
    "article_id",
    Text,
    "the article's id (every table has it: join on it)",
);
const START: Column = col(
    "start",
    Int,
    "offset of the first character in the article's text (code points, as Python's string indices)",
);
const END: Column = col("end", Int, "offset one past the last character");
const SENTENCE: Column = col(
    "sentence",
    Int,
    "index of the sentence holding it (`sentences.sentence`); null in a headline",
);
const UNIT: Column = col(
    "unit",
    Int,
    "index of the headline line or sentence holding it: headline lines first, then sentences",
);

const ARTICLES: &[Column] = &[
    ID,
    col("date", Time, "the publication day (midnight)"),
    col(
        "datetime",
        Instant,
        "the publication instant, when the input gives a time (UTC)",
    ),
    one_of(
        "date_source",
        &["record", "header", "publication_line"],
        "where the date comes from: `record`, `header` or `publication_line`",
    ),
    col("title", Text, "the title"),
    col("paragraphs", Int, "number of paragraphs"),
    col("sentences", Int, "number of sentences"),
    col("tokens", Int, "number of tokens"),
    col("file", Text, "the file the article was read from"),
    col(
        "metadata",
        Text,
        "the input record's other fields, as a JSON object (null when none)",
    ),
];

const HEADLINES: &[Column] = &[
    ID,
    col(
        "headline",
        Int,
        "the line's index (its `unit`: headline lines come before sentences)",
    ),
    one_of("kind", &["kicker", "title"], "`kicker` or `title`"),
    START,
    END,
    col("text", Text, "the line"),
];

const PARAGRAPHS: &[Column] = &[
    ID,
    col("paragraph", Int, "the paragraph's index in the article"),
    START,
    END,
    col(
        "sentences",
        Int,
        "number of sentences (`sentences.paragraph`)",
    ),
    col("text", Text, "the paragraph"),
];

const NOUN_CHUNKS: &[Column] = &[
    ID,
    col("chunk", Int, "the chunk's index in the article"),
    col(
        "sentence",
        Int,
        "index of the sentence holding it; null in a headline or without tokens",
    ),
    START,
    END,
    col(
        "text",
        Text,
        "the base noun phrase (`the Iraqi prime minister`)",
    ),
    col("first", Int, "its first token (`tokens.token`)"),
    col("last", Int, "its last token (inclusive)"),
    col("head", Int, "its head token"),
];

const SENTENCES: &[Column] = &[
    ID,
    col(
        "sentence",
        Int,
        "the sentence's index in the article (headline lines not counted)",
    ),
    col("paragraph", Int, "index of the paragraph holding it"),
    START,
    END,
    col("text", Text, "the sentence"),
];

const TOKENS: &[Column] = &[
    ID,
    col(
        "sentence",
        Int,
        "index of the sentence holding it; null in a headline",
    ),
    col(
        "token",
        Int,
        "the token's index in the article (headline tokens first)",
    ),
    START,
    END,
    col("kind", Label, "`word`, `number`, `punct`, `symbol`, ..."),
    col("text", Text, "the token"),
    col("lemma", Text, "the lemma (syntax layer)"),
    col("pos", Label, "the universal part of speech (syntax layer)"),
    col("tag", Label, "the Penn Treebank tag (syntax layer)"),
    col("feats", Text, "the universal features (syntax layer)"),
    col(
        "head",
        Int,
        "index of the head token (`token`); null for a root",
    ),
    col(
        "dep",
        Label,
        "the dependency relation to the head (syntax layer)",
    ),
];

const TIMEX: &[Column] = &[
    ID,
    col("timex", Int, "the expression's index in the article"),
    START,
    END,
    col("text", Text, "the expression as written"),
    one_of(
        "type",
        &["DATE", "TIME", "DURATION", "SET"],
        "`DATE`, `TIME`, `DURATION` or `SET`",
    ),
    col("value", Text, "the TIMEX3 value (`2023-11-06`, `P3D`)"),
    col("mod", Label, "the TIMEX3 modifier (`START`, `APPROX`, ...)"),
    col("anchor", Text, "the value it is anchored to"),
    col("first", Time, "the first instant it can mean"),
    col("last", Time, "the last instant it can mean"),
];

const MENTIONS: &[Column] = &[
    ID,
    col("mention", Int, "the mention's index in the article"),
    START,
    END,
    col(
        "text",
        Text,
        "the mention as written (descriptor included: `Anbar province`)",
    ),
    one_of("kind", KINDS, "`PER`, `ORG`, `LOC`, `NORP` or `MISC`"),
    one_of(
        "coarse",
        &["PER", "ORG", "LOC", "MISC"],
        "the CoNLL class: `PER`, `ORG`, `LOC` or `MISC`",
    ),
    col(
        "subtype",
        Label,
        "a finer kind (`country`, `city`, `armed`, ...)",
    ),
    col(
        "country",
        Text,
        "ISO 3166 code the lexicons tie the name to",
    ),
    col(
        "confidence",
        Float,
        "the tagger's probability, 0 to 1, three decimals",
    ),
    UNIT,
    SENTENCE,
    col(
        "entity_id",
        Int,
        "the entity it refers to (`entities.entity`); null without the resolve layer",
    ),
];

const ENTITIES: &[Column] = &[
    ID,
    col(
        "entity",
        Int,
        "the entity's index in the article: the key of `entity_id`, `speaker_entity_id`, ...",
    ),
    one_of("kind", KINDS, "`PER`, `ORG`, `LOC`, `NORP` or `MISC`"),
    col(
        "subtype",
        Label,
        "a finer kind (`country`, `city`, `armed`, ...)",
    ),
    col(
        "name",
        Text,
        "the canonical name (the fullest name in the article)",
    ),
    col(
        "mentions",
        Int,
        "number of mentions (names, descriptions, pronouns)",
    ),
    col(
        "roles",
        Text,
        "the roles, `title of body`, joined with `; ` (the `roles` table has one row each)",
    ),
    col(
        "nationality",
        Text,
        "ISO 3166 code of a person's nationality",
    ),
    col("org_kind", Label, "the kind of an organisation"),
    col("country", Text, "ISO 3166 code of the entity's country"),
    col("geonameid", Int, "GeoNames id of its place"),
    col(
        "feature",
        Label,
        "GeoNames feature class and code of its place",
    ),
    col(
        "place_country",
        Text,
        "ISO 3166 code of the country its place lies in",
    ),
    col(
        "admin1_name",
        Text,
        "the first-level division its place lies in",
    ),
    col("lat", Float, "latitude of its place"),
    col("lon", Float, "longitude of its place"),
    col(
        "chain",
        Text,
        "its place's containing places, joined with ` > `",
    ),
];

const ROLES: &[Column] = &[
    ID,
    col("entity", Int, "the holder (`entities.entity`)"),
    col("holder", Text, "the holder's name"),
    col("title", Text, "the title as written (`Secretary of State`)"),
    col(
        "function",
        Label,
        "the office in terms that hold across countries (`foreign minister`)",
    ),
    col("of", Text, "the body the role is for, as named"),
    col("of_country", Text, "ISO 3166 code of that body's country"),
    col("of_entity", Int, "the body's entity (`entities.entity`)"),
    START,
    END,
    UNIT,
    SENTENCE,
];

const PLACES: &[Column] = &[
    ID,
    col("entity", Int, "the entity placed (`entities.entity`)"),
    col("name", Text, "the entity's name"),
    col("place_name", Text, "the gazetteer's name of the place"),
    col("geonameid", Int, "GeoNames id"),
    col("feature", Label, "GeoNames feature class and code"),
    col("precision", Label, "how precise the place is"),
    col("country", Text, "ISO 3166 code of its country"),
    col("country_name", Text, "its country's name"),
    col("admin1", Text, "code of its first-level division"),
    col("admin1_name", Text, "name of its first-level division"),
    col("lat", Float, "latitude"),
    col("lon", Float, "longitude"),
    col("chain", Text, "the containing places, joined with ` > `"),
    col(
        "within",
        Int,
        "the entity of the place it lies within (`entities.entity`)",
    ),
];

const QUOTES: &[Column] = &[
    ID,
    col("quote", Int, "the quote's index in the article"),
    START,
    END,
    col("text", Text, "the content"),
    one_of(
        "kind",
        &["direct", "indirect", "mixed", "according"],
        "`direct`, `indirect`, `mixed` or `according`",
    ),
    col("cue", Text, "the cue (`said`, `told reporters`)"),
    col(
        "source",
        Text,
        "the source as written (`he`, `the ministry`)",
    ),
    col("speaker", Text, "the speaker's name as resolved"),
    one_of(
        "speaker_kind",
        KINDS,
        "the speaker's kind: `PER`, `ORG`, ...",
    ),
    col(
        "speaker_entity_id",
        Int,
        "the speaker's entity (`entities.entity`)",
    ),
    col("attribution", Int, "the pattern that attributed it"),
    col(
        "confidence",
        Float,
        "the attribution's measured precision, 0 to 1, three decimals",
    ),
];

const FIGURES: &[Column] = &[
    ID,
    col(
        "figure",
        Int,
        "the figure's index in the article (the key of `part_of`)",
    ),
    START,
    END,
    col("text", Text, "the amount as written"),
    one_of(
        "kind",
        &["count", "money", "percent", "quantity"],
        "`count`, `money`, `percent` or `quantity`",
    ),
    col("value", Float, "the number stated"),
    col("low", Float, "the least the text allows"),
    col("high", Float, "the most the text allows"),
    one_of(
        "bound",
        &["exact", "lower", "upper", "approx", "range"],
        "`exact`, `lower`, `upper`, `approx` or `range`",
    ),
    col("unit", Text, "ISO 4217 code, `%` or the unit of a quantity"),
    col("counted", Text, "what is counted, as written"),
    col(
        "counted_class",
        Label,
        "the class of what is counted (`person`, `attack`, ...)",
    ),
    col(
        "category",
        Label,
        "what happened to it (`killed`, `wounded`, ...)",
    ),
    col("gdelt", Label, "the GDELT GKG count type (`KILL`, ...)"),
    col("trigger", Text, "the word that gives the category"),
    col(
        "part_of",
        Int,
        "the figure this one is part of (`figures.figure`)",
    ),
    col("place", Text, "where, as written"),
    col("place_name", Text, "the place's name as resolved"),
    col(
        "place_countries",
        Text,
        "ISO 3166 codes of the place's countries, joined with `;`",
    ),
    col(
        "place_entity_id",
        Int,
        "the place's entity (`entities.entity`)",
    ),
    col("lat", Float, "latitude of the place's entity"),
    col("lon", Float, "longitude of the place's entity"),
    col("date", Text, "the TIMEX3 value of the date it refers to"),
    col("date_first", Time, "the first instant of that date"),
    col("date_last", Time, "the last instant of that date"),
    col("actor", Text, "who did it, as written"),
    col("actor_entity", Text, "the name in the actor"),
    col("source", Text, "who says so, as written"),
    col(
        "source_entity",
        Text,
        "the entity that source resolves to, by name",
    ),
    col(
        "segment",
        Int,
        "index of the headline line or sentence holding it (as `unit`)",
    ),
    SENTENCE,
];

const FOCUS_COUNTRIES: &[Column] = &[
    ID,
    col("rank", Int, "0 for the most prominent country"),
    col("country", Text, "ISO 3166 code"),
    col("name", Text, "the country's name"),
    col(
        "score",
        Float,
        "its share of the article's prominence, three decimals",
    ),
    col("mentions", Int, "mentions of it and of places in it"),
];

const EVENT_HEAD: [Column; 9] = [
    ID,
    col("event", Int, "the event's index in the article"),
    col("trigger", Text, "the trigger word as written"),
    START,
    END,
    SENTENCE,
    UNIT,
    col("lemma", Text, "the trigger's lemma"),
    col("class", Label, "the TimeML class"),
];

const EVENTS: &[Column] = &[
    EVENT_HEAD[0],
    EVENT_HEAD[1],
    EVENT_HEAD[2],
    EVENT_HEAD[3],
    EVENT_HEAD[4],
    EVENT_HEAD[5],
    EVENT_HEAD[6],
    EVENT_HEAD[7],
    EVENT_HEAD[8],
    col("modality", Label, "`asserted`, `reported`, `possible`, ..."),
    one_of(
        "polarity",
        &["positive", "negative"],
        "`positive` or `negative`",
    ),
    one_of(
        "tense",
        &["past", "present", "future", "none"],
        "`past`, `present`, `future` or `none`",
    ),
    col("cameo", Text, "the CAMEO event code"),
    col("root", Text, "the CAMEO root code"),
    col("quad", Label, "the quad class"),
    col("plover", Label, "the PLOVER event type"),
    col("plover_mode", Label, "the PLOVER mode"),
    col(
        "pattern",
        Text,
        "the verb dictionary pattern that gave the code",
    ),
    col("source", Text, "the sources as written, joined with `; `"),
    col(
        "source_entity",
        Int,
        "the first source's entity (`entities.entity`)",
    ),
    col("source_code", Text, "the first source's CAMEO actor code"),
    col("target", Text, "the targets as written, joined with `; `"),
    col(
        "target_entity",
        Int,
        "the first target's entity (`entities.entity`)",
    ),
    col("target_code", Text, "the first target's CAMEO actor code"),
    col(
        "reciprocal",
        Flag,
        "true when the sources act on each other (`target` lists them again)",
    ),
    col("place", Text, "where, as named"),
    col(
        "place_entity",
        Int,
        "the place's entity (`entities.entity`)",
    ),
    col("lat", Float, "latitude of the place"),
    col("lon", Float, "longitude of the place"),
    col(
        "place_is_focus_country",
        Flag,
        "true when the article's focus country stands in for the place",
    ),
    col("date", Text, "the TIMEX3 value of the event's date"),
    col(
        "date_is_publication",
        Flag,
        "true when the publication date stands in for the date",
    ),
    col("figures", Int, "number of figures counting its outcome"),
    col(
        "reported_by",
        Int,
        "the quote reporting it (`quotes.quote`)",
    ),
];

const EVENT_MENTIONS: &[Column] = &[
    EVENT_HEAD[0],
    EVENT_HEAD[1],
    EVENT_HEAD[2],
    EVENT_HEAD[3],
    EVENT_HEAD[4],
    EVENT_HEAD[5],
    EVENT_HEAD[6],
    EVENT_HEAD[7],
    EVENT_HEAD[8],
    col("pos", Label, "the trigger's part of speech"),
    one_of(
        "tense",
        &["past", "present", "future", "none"],
        "`past`, `present`, `future` or `none`",
    ),
    col(
        "aspect",
        Label,
        "`perfect`, `progressive`, `perfect_progressive` or `none`",
    ),
    one_of(
        "polarity",
        &["positive", "negative"],
        "`positive` or `negative`",
    ),
    col("modality", Label, "`asserted`, `reported`, `possible`, ..."),
    col("cameo", Text, "the CAMEO code when coded"),
];

const ERRORS: &[Column] = &[
    ID,
    col(
        "kind",
        Label,
        "the error's kind (`json`, `empty`, `too_large`, ...)",
    ),
    col(
        "message",
        Text,
        "what went wrong, naming the file, line and record",
    ),
    col("file", Text, "the input file"),
    col("line", Int, "the line (JSONL)"),
    col("record", Int, "the record's index in its file"),
    col("byte", Int, "the byte offset of the fault"),
];

/// The columns of `table`.
pub(super) fn columns(table: Table) -> &'static [Column] {
    match table {
        Table::Articles => ARTICLES,
        Table::Headlines => HEADLINES,
        Table::Paragraphs => PARAGRAPHS,
        Table::Sentences => SENTENCES,
        Table::Tokens => TOKENS,
        Table::NounChunks => NOUN_CHUNKS,
        Table::Timex => TIMEX,
        Table::Mentions => MENTIONS,
        Table::Entities => ENTITIES,
        Table::Roles => ROLES,
        Table::Places => PLACES,
        Table::Quotes => QUOTES,
        Table::Figures => FIGURES,
        Table::FocusCountries => FOCUS_COUNTRIES,
        Table::Events => EVENTS,
        Table::EventMentions => EVENT_MENTIONS,
        Table::Errors => ERRORS,
    }
}

fn s(v: &str) -> Cell<'_> {
    Cell::Str(Some(v))
}

fn os(v: Option<&str>) -> Cell<'_> {
    Cell::Str(v)
}

/// A text that may be empty (a token without a lemma): empty is null.
fn nonempty(v: Option<&str>) -> Cell<'_> {
    Cell::Str(v.filter(|v| !v.is_empty()))
}

fn int(v: usize) -> Cell<'static> {
    Cell::Int(i64::try_from(v).ok())
}

fn oint(v: Option<usize>) -> Cell<'static> {
    Cell::Int(v.and_then(|v| i64::try_from(v).ok()))
}

fn owned(v: String) -> Cell<'static> {
    Cell::Owned(if v.is_empty() { None } else { Some(v) })
}

/// The name an enum has in the JSON output.
fn serde_name<T: serde::Serialize>(value: &T) -> Cell<'static> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Cell::Owned(Some(s)),
        _ => Cell::Owned(None),
    }
}

/// The first and last instant of a TIMEX3 date value (an interval
/// `A/B` spans from A's first to B's last).
fn date_bounds(value: &str) -> (Option<NaiveDateTime>, Option<NaiveDateTime>) {
    let (a, b) = value.split_once('/').unwrap_or((value, value));
    (
        crate::time::interval_of(a).map(|i| i.first),
        crate::time::interval_of(b).map(|i| i.last),
    )
}

/// An instant of `articles.datetime`: RFC 3339, or a local time taken as UTC.
fn instant(v: &str) -> Option<NaiveDateTime> {
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(t.naive_utc());
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(v, f).ok())
}

/// The sentence of each listed token (`None` in a headline).
fn sentence_of_token(x: &Extraction) -> Vec<Option<usize>> {
    let mut sentence = vec![None; x.article.tokens.len()];
    for (si, t) in x.article.sentences.iter().enumerate() {
        for ti in t.tokens.range() {
            if let Some(slot) = sentence.get_mut(ti) {
                *slot = Some(si);
            }
        }
    }
    sentence
}

/// Adds the rows of `x` to `table`.
pub(super) fn extraction_rows(table: Table, x: &Extraction, out: &mut Rows<'_>) {
    let id = x.id.as_deref();
    let map = OffsetMap::new(&x.text);
    let at = |b: usize| int(map.char_offset(b.min(x.text.len())));
    let heads = x.article.headlines.len();
    let sentence_of_unit = |u: usize| oint(u.checked_sub(heads));
    let entities = x.entities.as_deref().unwrap_or_default();
    // The entity of each entity-layer mention.
    let mention_count = x.mentions.as_deref().map_or(0, <[_]>::len);
    let mut entity_of = vec![None; mention_count];
    for e in entities {
        for m in &e.mentions {
            if let Some(slot) = m.mention.and_then(|i| entity_of.get_mut(i)) {
                *slot = Some(e.id);
            }
        }
    }
    let entity_of = |m: Option<usize>| m.and_then(|i| entity_of.get(i).copied().flatten());
    match table {
        Table::Articles => {
            let a = &x.article;
            out.row(&[
                os(id),
                Cell::Time(a.date.map(|d| d.and_time(NaiveTime::MIN))),
                Cell::Time(a.datetime.as_deref().and_then(instant)),
                os(a.date_source.map(|d| d.as_str())),
                os(a.title.as_deref()),
                int(a.paragraphs.len()),
                int(a.sentences.len()),
                int(a.tokens.len()),
                os(x.origin.file.as_deref()),
                match a.metadata.is_empty() {
                    true => Cell::Str(None),
                    false => Cell::Owned(serde_json::to_string(&a.metadata).ok()),
                },
            ]);
        }
        Table::Headlines => {
            for (i, h) in x.article.headlines.iter().enumerate() {
                out.row(&[
                    os(id),
                    int(i),
                    s(h.kind.as_str()),
                    at(h.start),
                    at(h.end),
                    s(&h.text),
                ]);
            }
        }
        Table::Paragraphs => {
            for (i, p) in x.article.paragraphs.iter().enumerate() {
                out.row(&[
                    os(id),
                    int(i),
                    at(p.start),
                    at(p.end),
                    int(p.sentences.len()),
                    os(x.text.get(p.start..p.end)),
                ]);
            }
        }
        Table::NounChunks => {
            let sentence = sentence_of_token(x);
            for (i, c) in x.noun_chunks.iter().flatten().enumerate() {
                out.row(&[
                    os(id),
                    int(i),
                    oint(sentence.get(c.head).copied().flatten()),
                    at(c.start),
                    at(c.end),
                    os(x.text.get(c.start..c.end)),
                    int(c.first),
                    int(c.last),
                    int(c.head),
                ]);
            }
        }
        Table::Sentences => {
            for (i, t) in x.article.sentences.iter().enumerate() {
                out.row(&[
                    os(id),
                    int(i),
                    int(t.paragraph),
                    at(t.start),
                    at(t.end),
                    s(&t.text),
                ]);
            }
        }
        Table::Tokens => {
            let sentence = sentence_of_token(x);
            for (i, t) in x.article.tokens.iter().enumerate() {
                let syn = t.syntax.as_ref();
                out.row(&[
                    os(id),
                    oint(sentence[i]),
                    int(i),
                    at(t.start),
                    at(t.end),
                    s(t.kind.as_str()),
                    os(x.text.get(t.start..t.end)),
                    nonempty(syn.map(|y| &*y.lemma)),
                    nonempty(syn.map(|y| &*y.upos)),
                    nonempty(syn.map(|y| &*y.xpos)),
                    nonempty(syn.and_then(|y| y.feats.as_deref())),
                    oint(syn.and_then(|y| y.head)),
                    nonempty(syn.map(|y| &*y.dep)),
                ]);
            }
        }
        Table::Timex => {
            for (i, t) in x.timex.iter().flatten().enumerate() {
                out.row(&[
                    os(id),
                    int(i),
                    at(t.start),
                    at(t.end),
                    s(&t.text),
                    s(t.kind.as_str()),
                    os(t.value.as_deref()),
                    os(t.modifier.map(|m| m.as_str())),
                    os(t.anchor.as_deref()),
                    Cell::Time(t.interval.map(|i| i.first)),
                    Cell::Time(t.interval.map(|i| i.last)),
                ]);
            }
        }
        Table::Mentions => {
            for (i, m) in x.mentions.iter().flatten().enumerate() {
                let kind = m.kind.as_str();
                let coarse = match kind {
                    "PER" | "ORG" | "LOC" => kind,
                    _ => "MISC",
                };
                out.row(&[
                    os(id),
                    int(i),
                    at(m.start),
                    at(m.end),
                    s(&m.text),
                    s(kind),
                    s(coarse),
                    os(m.subtype.as_deref()),
                    os(m.country.as_deref()),
                    Cell::Float(Some(crate::schema::score(m.confidence))),
                    int(m.unit),
                    sentence_of_unit(m.unit),
                    oint(entity_of(Some(i))),
                ]);
            }
        }
        Table::Entities => {
            for e in entities {
                let p = e.place.as_ref();
                let roles: Vec<String> = e.roles.iter().map(crate::resolve::Role::label).collect();
                out.row(&[
                    os(id),
                    int(e.id),
                    s(e.kind.as_str()),
                    os(e.subtype.as_deref()),
                    s(&e.name),
                    int(e.mentions.len()),
                    owned(roles.join("; ")),
                    os(e.nationality.as_deref()),
                    os(e.org_kind.as_deref()),
                    os(e.country.as_deref()),
                    Cell::Int(p.and_then(|p| p.geonameid).map(i64::from)),
                    os(p.map(|p| p.feature.as_str())),
                    os(p.and_then(|p| p.country.as_deref())),
                    os(p.and_then(|p| p.admin1_name.as_deref())),
                    Cell::Float(p.and_then(|p| p.lat)),
                    Cell::Float(p.and_then(|p| p.lon)),
                    Cell::Owned(p.map(|p| p.chain.join(" > "))),
                ]);
            }
        }
        Table::Roles => {
            for e in entities {
                for r in &e.roles {
                    out.row(&[
                        os(id),
                        int(e.id),
                        s(&e.name),
                        s(&r.title),
                        os(r.function.as_deref()),
                        os(r.of.as_deref()),
                        os(r.of_country.as_deref()),
                        oint(r.of_entity),
                        at(r.start),
                        at(r.end),
                        int(r.unit),
                        sentence_of_unit(r.unit),
                    ]);
                }
            }
        }
        Table::Places => {
            for e in entities {
                let Some(p) = &e.place else { continue };
                out.row(&[
                    os(id),
                    int(e.id),
                    s(&e.name),
                    s(&p.name),
                    Cell::Int(p.geonameid.map(i64::from)),
                    s(&p.feature),
                    serde_name(&p.precision),
                    os(p.country.as_deref()),
                    os(p.country_name.as_deref()),
                    os(p.admin1.as_deref()),
                    os(p.admin1_name.as_deref()),
                    Cell::Float(p.lat),
                    Cell::Float(p.lon),
                    owned(p.chain.join(" > ")),
                    oint(p.within),
                ]);
            }
        }
        Table::Quotes => {
            for (i, q) in x.quotes.iter().flatten().enumerate() {
                out.row(&[
                    os(id),
                    int(i),
                    at(q.start),
                    at(q.end),
                    s(&q.text),
                    s(q.kind.as_str()),
                    os(q.cue.as_deref()),
                    os(q.source.as_deref()),
                    os(q.speaker.as_deref()),
                    os(q.speaker_kind.map(|k| k.as_str())),
                    oint(entity_of(q.speaker_mention)),
                    int(q.attribution),
                    Cell::Float(Some(crate::schema::score(q.confidence))),
                ]);
            }
        }
        Table::Figures => {
            for (i, f) in x.figures.iter().flatten().enumerate() {
                let place = entity_of(f.place_mention);
                let location = place
                    .and_then(|e| entities.iter().find(|x| x.id == e))
                    .and_then(|e| e.place.as_ref());
                let (first, last) = f.date.as_deref().map_or((None, None), date_bounds);
                out.row(&[
                    os(id),
                    int(i),
                    at(f.start),
                    at(f.end),
                    s(&f.text),
                    s(f.kind.as_str()),
                    Cell::Float(f.value),
                    Cell::Float(f.low),
                    Cell::Float(f.high),
                    s(f.bound.as_str()),
                    os(f.unit.as_deref()),
                    os(f.counted.as_deref()),
                    os(f.counted_class.as_deref()),
                    os(f.category.as_deref()),
                    os(f.gdelt.as_deref()),
                    os(f.trigger.as_deref()),
                    oint(f.part_of),
                    os(f.place.as_deref()),
                    os(f.place_name.as_deref()),
                    owned(f.place_countries.join(";")),
                    oint(place),
                    Cell::Float(location.and_then(|l| l.lat)),
                    Cell::Float(location.and_then(|l| l.lon)),
                    os(f.date.as_deref()),
                    Cell::Time(first),
                    Cell::Time(last),
                    os(f.actor.as_deref()),
                    os(f.actor_entity.as_deref()),
                    os(f.source.as_deref()),
                    os(f.source_entity.as_deref()),
                    int(f.segment),
                    sentence_of_unit(f.segment),
                ]);
            }
        }
        Table::FocusCountries => {
            for (i, c) in x.focus_countries.iter().flatten().enumerate() {
                out.row(&[
                    os(id),
                    int(i),
                    s(&c.country),
                    s(&c.name),
                    Cell::Float(Some(crate::schema::score(c.score))),
                    int(c.mentions),
                ]);
            }
        }
        Table::Events | Table::EventMentions => {
            for (i, e) in x.events.iter().flatten().enumerate() {
                let head = [
                    os(id),
                    int(i),
                    s(&e.text),
                    at(e.start),
                    at(e.end),
                    sentence_of_unit(e.unit),
                    int(e.unit),
                    s(&e.lemma),
                    s(e.class.as_str()),
                ];
                let code = e.code.as_ref();
                if table == Table::EventMentions {
                    let [a, b, c, d, f, g, h, j, k] = head;
                    out.row(&[
                        a,
                        b,
                        c,
                        d,
                        f,
                        g,
                        h,
                        j,
                        k,
                        serde_name(&e.pos),
                        serde_name(&e.tense),
                        serde_name(&e.aspect),
                        serde_name(&e.polarity),
                        serde_name(&e.modality),
                        os(code.map(|c| c.cameo.as_str())),
                    ]);
                    continue;
                }
                let Some(code) = code else { continue };
                let side = |actors: &[crate::events::Actor]| {
                    let names: Vec<&str> = actors.iter().map(|a| a.text.as_str()).collect();
                    let first = actors.first();
                    (
                        owned(names.join("; ")),
                        oint(first.and_then(|a| a.entity)),
                        Cell::Owned(first.and_then(|a| a.code.clone())),
                    )
                };
                let (source, source_entity, source_code) = side(&e.source);
                let (target, target_entity, target_code) = side(&e.target);
                let place = e.place.as_ref();
                let date = e.date.as_ref();
                let [a, b, c, d, f, g, h, j, k] = head;
                out.row(&[
                    a,
                    b,
                    c,
                    d,
                    f,
                    g,
                    h,
                    j,
                    k,
                    serde_name(&e.modality),
                    serde_name(&e.polarity),
                    serde_name(&e.tense),
                    s(&code.cameo),
                    s(&code.root),
                    os(code.quad.map(|q| q.as_str())),
                    os(code.plover.as_deref()),
                    os(code.plover_mode.as_deref()),
                    s(&code.pattern),
                    source,
                    source_entity,
                    source_code,
                    target,
                    target_entity,
                    target_code,
                    Cell::Flag(Some(e.reciprocal)),
                    os(place.map(|p| p.name.as_str())),
                    oint(place.and_then(|p| p.entity)),
                    Cell::Float(place.and_then(|p| p.lat)),
                    Cell::Float(place.and_then(|p| p.lon)),
                    Cell::Flag(place.map(|p| p.focus_country)),
                    os(date.map(|d| d.value.as_str())),
                    Cell::Flag(date.map(|d| d.published)),
                    int(e.figures.len()),
                    oint(e.reported_by),
                ]);
            }
        }
        Table::Errors => {}
    }
}

/// Adds the row of a failed record to the errors table.
pub(super) fn error_row(e: &ErrorRow<'_>, out: &mut Rows<'_>) {
    let to_int = |v: Option<u64>| Cell::Int(v.and_then(|v| i64::try_from(v).ok()));
    out.row(&[
        os(e.id),
        s(e.kind),
        s(e.message),
        os(e.file),
        to_int(e.line),
        to_int(e.record),
        to_int(e.byte),
    ]);
}
