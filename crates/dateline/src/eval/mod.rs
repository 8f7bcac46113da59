//! The evaluation format of `../shared/eval`: one JSON object per document
//! with code-point offsets, so that its `score.py` can score the output.

use serde_json::{json, Map, Value};

use crate::entities::{EntityKind, Mention};
use crate::error::RecordError;
use crate::lexicon::{lexicon, EntryKind, PlaceKind};
use crate::pipeline::Extraction;
use crate::span::OffsetMap;

/// What span an `entities` item of the evaluation format covers: corpora
/// differ on what a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// The name alone, as named-entity corpora mark it (CoNLL-2003):
    /// `United States`, `Trump`, `Labour Party`.
    Names,
    /// The referring expression a name heads, as mention corpora mark it
    /// (GUM): `the United States`, `President Trump's`, `Lee Cheuk-yan of
    /// the Labour Party`, with the names nested in names (`United States`
    /// in `the United States Navy`, `Andy Warhol` in `the Andy Warhol
    /// Foundation`) and people named as a plural group (`Afghans`).
    Phrases,
    /// The name with the noun phrase that describes it, as MEANTIME marks
    /// names: `US automaker GM`, `The American auto company Chrysler`,
    /// `Chrysler Chief Executive Robert Nardelli`; and a name with the
    /// acronym after it (`General Motors (GM`) besides each alone. Only
    /// entities make chains (no dates).
    Described,
}

impl Extent {
    /// The convention of a corpus of `../shared/eval` by its `corpus` name:
    /// phrases for GUM, described names for MEANTIME, names for the others
    /// and for records of no corpus.
    pub fn of_corpus(corpus: Option<&str>) -> Extent {
        match corpus {
            Some("gum") => Extent::Phrases,
            Some("meantime") => Extent::Described,
            _ => Extent::Names,
        }
    }

    /// The convention of the record's own corpus ([`Extent::of_corpus`]).
    pub fn of_record(x: &Extraction) -> Extent {
        Extent::of_corpus(x.article.metadata.get("corpus").and_then(Value::as_str))
    }
}

/// The evaluation record of an extraction in the convention of its corpus
/// ([`Extent::of_record`]); see [`to_eval_with`].
pub fn to_eval(x: &Extraction) -> Value {
    to_eval_with(x, Extent::of_record(x))
}

/// The evaluation record of an extraction: `id`, `corpus` (when the input
/// had one), `date`, `title`, `text`, and the layers that exist, with
/// code-point offsets. Sentences are included as `sentences` (`start`, `end`),
/// entity mentions as `entities` (`label`, `coarse`, and the span `extent`
/// asks for).
pub fn to_eval_with(x: &Extraction, extent: Extent) -> Value {
    let map = OffsetMap::new(&x.text);
    let mut out = Map::new();
    out.insert("id".into(), json!(x.id));
    if let Some(corpus) = x.article.metadata.get("corpus") {
        out.insert("corpus".into(), corpus.clone());
    }
    out.insert(
        "date".into(),
        json!(x.article.date.map(|d| d.format("%Y-%m-%d").to_string())),
    );
    out.insert("title".into(), json!(x.article.title));
    out.insert("text".into(), json!(x.text));
    let sentences: Vec<Value> = x
        .article
        .sentences
        .iter()
        .map(|s| json!({"start": map.char_offset(s.start), "end": map.char_offset(s.end)}))
        .collect();
    out.insert("sentences".into(), Value::Array(sentences));
    if let Some(timex) = &x.timex {
        let items: Vec<Value> = timex
            .iter()
            .map(|t| {
                json!({"start": map.char_offset(t.start), "end": map.char_offset(t.end),
                       "type": t.kind.as_str(), "value": t.value, "mod": t.modifier.map(|m| m.as_str())})
            })
            .collect();
        out.insert("timex".into(), Value::Array(items));
    }
    // The phrase convention's items, for `entities` and `clusters`.
    let phrases = match (extent, &x.mentions) {
        (Extent::Phrases, Some(mentions)) => phrase_items(&x.text, mentions, x.entities.as_deref()),
        _ => Vec::new(),
    };
    // The names that may own or head a describing phrase (`US` of `US
    // automaker GM`): names of places, organisations, groups and others,
    // by the kind of their entity when resolved (a `Chrysler` the tagger
    // read as a person but resolved to the company counts).
    let owners: Vec<(usize, usize)> = match (extent, &x.entities, &x.mentions) {
        (Extent::Described, Some(entities), _) => entities
            .iter()
            .filter(|e| e.kind != EntityKind::Person)
            .flat_map(|e| e.names().map(|m| (m.start, m.end)))
            .chain(
                x.mentions
                    .iter()
                    .flatten()
                    .filter(|m| m.kind == EntityKind::Group)
                    .map(|m| (m.start, m.end)),
            )
            .collect(),
        (Extent::Described, None, Some(mentions)) => mentions
            .iter()
            .filter(|m| m.kind != EntityKind::Person)
            .map(|m| (m.start, m.end))
            .collect(),
        _ => Vec::new(),
    };
    if let Some(mentions) = &x.mentions {
        // The name span (`Anbar` of `Anbar province`), or the phrase items.
        let spans: Vec<(usize, usize, EntityKind, Option<&str>, f32)> = match extent {
            Extent::Names => mentions
                .iter()
                .map(|m| {
                    (
                        m.name_start,
                        m.name_end,
                        m.kind,
                        m.subtype.as_deref(),
                        m.confidence,
                    )
                })
                .collect(),
            Extent::Phrases => phrases
                .iter()
                .map(|p| (p.start, p.end, p.kind, p.subtype.as_deref(), p.confidence))
                .collect(),
            Extent::Described => mentions
                .iter()
                .map(|m| {
                    let sub = m.subtype.as_deref();
                    let (s, e) =
                        phrase_extent(&x.text, mentions, m.kind, sub, m.name_start, m.name_end);
                    let s = described_start(&x.text, &owners, m.kind, s, m.name_start);
                    (s, e, m.kind, sub, m.confidence)
                })
                .collect(),
        };
        let items: Vec<Value> = spans
            .into_iter()
            .map(|(start, end, kind, subtype, confidence)| {
                json!({"start": map.char_offset(start), "end": map.char_offset(end),
                       "label": kind.as_str(), "coarse": kind.coarse(),
                       "subtype": subtype, "confidence": confidence})
            })
            .collect();
        out.insert("entities".into(), Value::Array(items));
    }
    if let Some(quotes) = &x.quotes {
        // `speaker` is the source as written (what the gold corpora mark);
        // `entity` is the speaker it resolves to.
        let items: Vec<Value> = quotes
            .iter()
            .map(|q| {
                let c = |o: Option<usize>| o.map(|b| map.char_offset(b));
                json!({"start": map.char_offset(q.start), "end": map.char_offset(q.end),
                       "kind": q.kind.as_str(),
                       "speaker_start": c(q.source_start), "speaker_end": c(q.source_end),
                       "speaker": q.source, "entity": q.speaker,
                       "cue_start": c(q.cue_start), "cue_end": c(q.cue_end), "cue": q.cue,
                       "attribution": q.attribution, "confidence": q.confidence})
            })
            .collect();
        out.insert("quotes".into(), Value::Array(items));
    }
    if let Some(figures) = &x.figures {
        // `values`: every figure's amount with its MONEY / PERCENT / QUANTITY type.
        let items: Vec<Value> = figures
            .iter()
            .map(|f| {
                json!({"start": map.char_offset(f.start), "end": map.char_offset(f.end),
                       "type": f.kind.eval_type(), "kind": f.kind.as_str(),
                       "value": f.value, "low": f.low, "high": f.high,
                       "bound": f.bound.as_str(), "unit": f.unit,
                       "counted": f.counted, "category": f.category})
            })
            .collect();
        out.insert("values".into(), Value::Array(items));
    }
    if let Some(entities) = &x.entities {
        // `clusters`: one chain per entity (groups left out: the corpora do
        // not mark nationalities), each name with the noun phrase's extent
        // that coreference corpora mark ([`phrase_extent`]).
        let mut clusters = Vec::new();
        let mut links = Vec::new();
        // The cluster of each entity (groups have none).
        let mut cluster_of = vec![usize::MAX; entities.len()];
        for (i, e) in entities.iter().enumerate() {
            if e.kind == EntityKind::Group {
                continue;
            }
            cluster_of[i] = clusters.len();
            let mut chain = Vec::new();
            let all = x.mentions.as_deref().unwrap_or_default();
            for m in &e.mentions {
                let (s, end) = np_extent(&x.text, all, e, m);
                let named = matches!(
                    m.form,
                    crate::resolve::MentionForm::Name | crate::resolve::MentionForm::Acronym
                );
                if extent == Extent::Described && named {
                    // MEANTIME marks the name and, besides, the name with
                    // what describes it (`US automaker GM`) and with its
                    // acronym (`General Motors ( GM`).
                    let name = m.mention.and_then(|i| all.get(i));
                    let name_start = name.map_or(m.start, |n| n.name_start);
                    let wide = described_start(&x.text, &owners, e.kind, s, name_start);
                    // `Steve Jobs` of `CEO Steve Jobs`.
                    if let Some(n) = name {
                        if n.name_start > s && n.start < n.name_start {
                            chain.push(json!({"start": map.char_offset(n.name_start),
                                              "end": map.char_offset(n.name_end), "form": "name"}));
                        }
                    }
                    if wide < s {
                        chain.push(json!({"start": map.char_offset(wide),
                                          "end": map.char_offset(end), "form": "description"}));
                    }
                    if let Some(a) = e.mentions.iter().find(|a| {
                        a.form == crate::resolve::MentionForm::Acronym
                            && a.start > end
                            && matches!(&x.text[end..a.start], " (" | " ( ")
                    }) {
                        chain.push(json!({"start": map.char_offset(wide),
                                          "end": map.char_offset(a.end), "form": "name"}));
                    }
                }
                chain.push(
                    json!({"start": map.char_offset(s), "end": map.char_offset(end),
                                  "form": m.form.as_str()}),
                );
                if let (Some(p), crate::resolve::MentionForm::Name) = (&e.place, m.form) {
                    links.push(
                        json!({"start": map.char_offset(s), "end": map.char_offset(end),
                                      "target": p.name.replace(' ', "_"),
                                      "geonameid": p.geonameid, "country": p.country}),
                    );
                }
            }
            clusters.push(Value::Array(chain));
        }
        // In the phrase convention, a name nested in a longer name (`United
        // States` in `the United States Navy`) is a mention of the entity of
        // that name.
        if extent == Extent::Phrases {
            // Each name of an entity, by what makes two names one.
            let named: Vec<(usize, NameKey<'_>)> = entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind != EntityKind::Group)
                .flat_map(|(i, e)| {
                    e.names()
                        .map(move |m| (i, name_key(&x.text[m.start..m.end], e.kind)))
                })
                .collect();
            let mut taken: std::collections::HashSet<(usize, usize)> = entities
                .iter()
                .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
                .collect();
            for p in phrases.iter().filter(|p| p.nested) {
                let key = name_key(&x.text[p.start..p.end], p.kind);
                let Some(&(i, _)) = named
                    .iter()
                    .find(|(i, n)| *n == key && entities[*i].kind == p.kind)
                else {
                    continue;
                };
                if taken.insert((p.start, p.end)) {
                    if let Some(Value::Array(chain)) = clusters.get_mut(cluster_of[i]) {
                        chain.push(json!({"start": map.char_offset(p.start),
                                          "end": map.char_offset(p.end), "form": "name"}));
                    }
                }
            }
        }
        // A day or month named more than once (`Tuesday` ... `Tuesday`) is one
        // referent too, as the corpora chain it: joined by the time layer's value.
        let mut days: Vec<(&str, Vec<Value>)> = Vec::new();
        let dated_chains = extent != Extent::Described;
        for t in x.timex.iter().flatten().filter(|_| dated_chains) {
            let named = t.text.len() >= 3
                && t.text.starts_with(|c: char| c.is_ascii_uppercase())
                && t.text.bytes().all(|b| b.is_ascii_alphabetic());
            // Dates only: two sentence-opening `Now` are not one referent.
            let dated = |v: &&str| v.starts_with(|c: char| c.is_ascii_digit());
            let Some(value) = t.value.as_deref().filter(dated).filter(|_| named) else {
                continue;
            };
            let m = json!({"start": map.char_offset(t.start), "end": map.char_offset(t.end),
                           "form": "name"});
            match days.iter_mut().find(|(v, _)| *v == value) {
                Some((_, chain)) => chain.push(m),
                None => days.push((value, vec![m])),
            }
        }
        clusters.extend(
            days.into_iter()
                .filter(|(_, chain)| chain.len() >= 2)
                .map(|(_, chain)| Value::Array(chain)),
        );
        out.insert("clusters".into(), Value::Array(clusters));
        out.insert("links".into(), Value::Array(links));
    }
    Value::Object(out)
}

/// What makes two names one: for places, the country the lexicon reads
/// them as (`US`, `U.S.`, `United States`); else the name itself.
#[derive(Debug, PartialEq, Eq)]
enum NameKey<'a> {
    Country(u16),
    Text(&'a str),
}

fn name_key(name: &str, kind: EntityKind) -> NameKey<'_> {
    match lexicon().lookup(name).first() {
        Some(EntryKind::Country(c)) if kind == EntityKind::Place => NameKey::Country(*c),
        _ => NameKey::Text(name),
    }
}

/// Words that follow a noun phrase's head rather than continue it.
const HEAD_FOLLOWERS: &[&str] = &[
    "said",
    "says",
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "as",
    "that",
    "which",
    "who",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "did",
    "does",
    "do",
    "also",
    "after",
    "before",
    "since",
    "until",
    "when",
    "where",
    "while",
    "because",
    "if",
    "than",
    "into",
    "over",
    "under",
    "about",
    "against",
    "between",
    "during",
    "through",
    "via",
    "per",
    "itself",
    "not",
    "now",
    "then",
    "again",
    "still",
    "tells",
    "told",
    "announces",
    "plans",
    "wants",
    "needs",
    "gets",
    "makes",
    "takes",
    "gives",
    "among",
    "across",
    "around",
    "toward",
    "towards",
    "within",
    "without",
    "upon",
    "onto",
    "off",
    "out",
    "up",
    "down",
    "near",
    "beyond",
    "despite",
    "including",
    "like",
    "amid",
    "lost",
    "won",
    "made",
    "took",
    "gave",
    "came",
    "went",
    "held",
    "met",
    "left",
    "began",
    "became",
    "found",
    "got",
    "ran",
    "saw",
    "sent",
    "set",
    "spent",
    "stood",
    "thought",
    "wrote",
    "brought",
    "bought",
    "built",
    "kept",
    "led",
    "paid",
    "put",
    "sold",
    "knew",
    "grew",
    "fell",
    "felt",
    "meant",
    "chose",
    "rose",
    "struck",
    "spoke",
    "won't",
    "here",
    "there",
    "today",
    "yesterday",
    "tomorrow",
    "so",
    "yet",
    "too",
    "either",
];

/// The noun phrase a name of an entity heads ([`phrase_extent`]); other
/// forms (pronouns, descriptions) keep their span.
fn np_extent(
    text: &str,
    mentions: &[Mention],
    e: &crate::resolve::Entity,
    m: &crate::resolve::EntityMention,
) -> (usize, usize) {
    use crate::resolve::MentionForm;
    if !matches!(m.form, MentionForm::Name | MentionForm::Acronym) {
        return (m.start, m.end);
    }
    phrase_extent(text, mentions, e.kind, e.subtype.as_deref(), m.start, m.end)
}

/// The noun phrase a name at `start..end` heads, as mention corpora mark
/// it: a person's titles and the country before them (`U.S. President
/// Donald Trump`) and an affiliation (`Lee Cheuk-yan of the Labour Party`,
/// `DAB's Elizabeth Quat`); `the` before other names when the name heads
/// the phrase (`the United States`, not `the Scientology organization`); a
/// place's region or country after it (`Sydney, Australia`); an attached
/// possessive (`Trump's`).
fn phrase_extent(
    text: &str,
    mentions: &[Mention],
    kind: EntityKind,
    subtype: Option<&str>,
    start: usize,
    end: usize,
) -> (usize, usize) {
    let (mut s, mut end) = (start, end);
    if kind == EntityKind::Person {
        // Titles are read within the line, at most 200 bytes back.
        let mut from = s.saturating_sub(200);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let line = text[from..s].rfind('\n').map_or(from, |i| from + i + 1);
        let titled = crate::lexicon::roles::titles_before(text, line, s);
        // `U.S. President Donald Trump`, `Malaysia's Prime Minister`, `Afghan
        // Ambassador ...`: the country or nationality before a title too.
        s = match mentions.iter().find(|o| {
            matches!(o.kind, EntityKind::Place | EntityKind::Group)
                && o.end <= titled
                && matches!(&text[o.end..titled], " " | "'s " | "’s ")
        }) {
            Some(o) if titled < s => o.start,
            _ => titled,
        };
        // `Lee Cheuk-yan of the Labour Party`: the affiliation is part of
        // the phrase.
        if let Some(org) = mentions.iter().find(|o| {
            o.kind == EntityKind::Organisation && {
                let gap = &text[end..o.start.max(end)];
                o.start > end && (gap == " of " || gap == " of the " || gap == " from the ")
            }
        }) {
            end = org.end;
        }
        // `DAB's Elizabeth Quat`.
        if let Some(org) = mentions.iter().find(|o| {
            o.kind == EntityKind::Organisation && {
                let gap = &text[o.end.min(s)..s];
                o.end < s && (gap == "'s " || gap == "’s ")
            }
        }) {
            s = org.start;
        }
        // `Mark Tedeschi, QC`: a post-nominal is part of the name.
        for p in POSTNOMINALS {
            if text[end..].starts_with(p)
                && !text[end + p.len()..].starts_with(char::is_alphanumeric)
            {
                end += p.len();
                break;
            }
        }
        // `Michael Tien of NPP`: an affiliation in capitals the tagger
        // left out.
        if let Some(rest) = text[end..].strip_prefix(" of ") {
            let w: &str = rest
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            let after = &rest[w.len()..];
            if (2..=6).contains(&w.len())
                && w.bytes().all(|b| b.is_ascii_uppercase())
                && !after.starts_with(char::is_alphanumeric)
            {
                end += 4 + w.len();
            }
        }
    } else {
        // `Mecca's Grand Mosque`, `Saudi Arabia's Civil Defense Authority`:
        // a place or organisation owning the name opens its phrase.
        if let Some(o) = mentions.iter().find(|o| {
            matches!(o.kind, EntityKind::Place | EntityKind::Organisation)
                && o.end < s
                && matches!(&text[o.end..s], "'s " | "’s ")
        }) {
            s = o.start;
        }
        // `the University of Sheffield of the UK`, `the Andy Warhol
        // Foundation for the Visual Arts`, `the Fisht Stadium in Sochi`: a
        // name attached by a preposition completes the phrase.
        // `in` and `at` only after a building or institution: `Samsung in
        // California` is the verb's.
        while let Some(q) = mentions.iter().find(|q| {
            q.start > end && q.kind != EntityKind::Group && {
                let gap = &text[end..q.start];
                let sited = text[s..end].split(' ').any(|w| FACILITY_HEADS.contains(&w));
                (ATTACHMENTS.contains(&gap) || (sited && SITE_ATTACHMENTS.contains(&gap)))
                    && (kind == EntityKind::Organisation || q.kind == EntityKind::Place)
            }
        }) {
            end = q.end;
        }
    }
    // `the` belongs to the name when the name heads the phrase: not in
    // `the Scientology organization`.
    let before = &text[..s];
    let mut words = text[end..]
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'));
    let next = words.next().unwrap_or("");
    let after_next = words.next().unwrap_or("");
    let gap = text[end..].chars().next().map_or(true, |c| c == ' ');
    // A verb after the name ends its phrase: `-ed`, an adverb, a contraction
    // (`isn't`), or `-s` before an object (`rates the Rohingya`), not a
    // plural noun (`the US forces left`, `the Kennedy family`).
    let verb_like = next.ends_with("ed")
        || (next.ends_with("ly") && !LY_NOUNS.contains(&next))
        || ["n't", "n’t", "'ll", "’ll", "'ve", "’ve", "'re", "’re"]
            .iter()
            .any(|c| next.ends_with(c))
        || (next.ends_with('s') && !next.ends_with("ss") && OBJECT_OPENERS.contains(&after_next));
    // `the United States National Security Council`: a name right before
    // another name modifies it.
    let before_name = gap && mentions.iter().any(|o| o.start == end + 1);
    let modifier = before_name
        || (gap
            && next.starts_with(char::is_lowercase)
            && !HEAD_FOLLOWERS.contains(&next)
            && !verb_like);
    let article = (before.ends_with("the ") || before.ends_with("The "))
        && !before[..before.len() - 4].ends_with(char::is_alphanumeric);
    if article && !modifier {
        s -= 4;
    }
    if kind == EntityKind::Place && subtype != Some("country") {
        // `Evansville, Indiana, United States`: a place qualified by the
        // region or country it is in is one phrase (not `Iran, Libya`, a list).
        while let Some(q) = mentions.iter().find(|q| {
            q.start == end + 2
                && text[end..].starts_with(", ")
                && q.kind == EntityKind::Place
                && matches!(q.subtype.as_deref(), Some("region" | "country"))
        }) {
            end = q.end;
        }
    }
    let after = &text[end..];
    // `Thomas' sister`, not the closing quote of `‘Jaws’`.
    let quoted = text[..s].ends_with(['‘', '\'', '"', '“']);
    if kind == EntityKind::Person
        && !quoted
        && text[..end].ends_with('s')
        && (after.starts_with("' ") || after.starts_with("’ "))
    {
        end += after.chars().next().map_or(0, char::len_utf8);
    }
    for p in ["'s", "’s"] {
        if after.starts_with(p)
            && !after[p.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            end += p.len();
        }
    }
    (s, end)
}

/// Where a name's phrase starts when the noun phrase that describes it is
/// part of it (MEANTIME's names, [`Extent::Described`]): `US automaker GM`,
/// `The American auto company Chrysler`, `New York City-based private
/// equity firm Cerberus`, `Chrysler Chief Executive Robert Nardelli`, `the
/// emerging Chrysler`. `start` is where the phrase starts so far
/// ([`phrase_extent`]), `name_start` where the name does: a title already
/// read lets a name before it in (`Chrysler` before `Chief Executive`).
/// `owners` are the spans of the names that may stand before the
/// describing words (`US`, `Ford Motor Company`).
fn described_start(
    text: &str,
    owners: &[(usize, usize)],
    kind: EntityKind,
    start: usize,
    name_start: usize,
) -> usize {
    let line = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut s = start;
    // A phrase that opens with its own determiner or owner is whole.
    if start < name_start && kind != EntityKind::Person {
        return start;
    }
    // A person's title already in the phrase takes only the body before it
    // (`Chrysler Chief Executive`) and a determiner.
    let titled = start < name_start;
    if titled
        && text[start..].starts_with(['t', 'T'])
        && text[start..]
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("the "))
    {
        return start;
    }
    // A describing noun next to the name, or a title already in the phrase.
    let mut described = titled;
    let mut modifiers = 0;
    // The name (and its determiner) whose mention ends at `at`.
    let name_ending = |at: usize| {
        let &(o, _) = owners.iter().find(|&&(s, e)| e == at && s >= line)?;
        let d = text[line..o].strip_suffix(' ').and_then(|b| {
            let d0 = line + b.rfind(' ').map_or(0, |i| i + 1);
            DETERMINERS
                .contains(&text[d0..o - 1].to_lowercase().as_str())
                .then_some(d0)
        });
        Some(d.unwrap_or(o))
    };
    while let Some(before) = text[line..s].strip_suffix(' ') {
        let w0 = line + before.rfind(' ').map_or(0, |i| i + 1);
        let word = &text[w0..s - 1];
        let lower = word.to_lowercase();
        let first_of_line = w0 == line;
        // A name or owner before the describing words: `US automaker`,
        // `Ford Motor Company CEO`, `The United States's largest car
        // manufacturer`; then only a determiner.
        if described {
            let owner = if matches!(word, "'s" | "’s") && w0 > line {
                name_ending(w0 - 1)
            } else {
                word.strip_suffix("'s")
                    .or_else(|| word.strip_suffix("’s"))
                    .and_then(|w| name_ending(w0 + w.len()))
            };
            if let Some(o) = owner.or_else(|| name_ending(s - 1)) {
                s = o;
                break;
            }
        }
        if DETERMINERS.contains(&lower.as_str()) {
            if described || modifiers > 0 && modifiers <= 2 {
                s = w0;
                described = true;
            }
            break;
        }
        let plain = word.chars().all(|c| c.is_alphabetic() || c == '-')
            && (word.starts_with(char::is_lowercase) || first_of_line);
        if !plain || titled {
            break;
        }
        if !described && DESCRIBING_NOUNS.contains(&lower.as_str()) {
            described = true;
        } else if !described && DESCRIBING_ADJECTIVES.contains(&lower.as_str()) {
            modifiers += 1;
        } else if !described
            || HEAD_FOLLOWERS.contains(&lower.as_str())
            || NOT_MODIFIERS.contains(&lower.as_str())
            || verb_like(&lower, first_of_line)
        {
            break;
        }
        s = w0;
        if first_of_line {
            break;
        }
    }
    if described {
        s
    } else {
        start
    }
}

/// A word that reads as a verb rather than a modifier of the describing
/// noun: `-ed` (`fired`, `acquired`; not `-based`, `-owned`, `-led` or the
/// describing adjectives), `-ly`, and a plural at a line's start
/// (`Shareholders sued carmaker Toyota`).
fn verb_like(lower: &str, first_of_line: bool) -> bool {
    let compound = ["-based", "-owned", "-led", "-controlled", "-listed"]
        .iter()
        .any(|x| lower.ends_with(x));
    (lower.ends_with("ed") && !compound && !DESCRIBING_ADJECTIVES.contains(&lower))
        || lower.ends_with("ly")
        || (first_of_line && lower.ends_with('s') && !lower.ends_with("ss"))
}

/// Words that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "another", "its", "their", "his", "her", "our", "this", "that",
];

/// Nouns that describe what a name is when they stand right before it
/// (`automaker GM`, `analyst Jesse Toprak`).
const DESCRIBING_NOUNS: &[&str] = &[
    "company",
    "firm",
    "maker",
    "automaker",
    "carmaker",
    "manufacturer",
    "airline",
    "carrier",
    "airframer",
    "giant",
    "group",
    "conglomerate",
    "retailer",
    "bank",
    "lender",
    "insurer",
    "union",
    "agency",
    "magazine",
    "newspaper",
    "network",
    "broadcaster",
    "producer",
    "supplier",
    "rival",
    "subsidiary",
    "parent",
    "owner",
    "investor",
    "fund",
    "operator",
    "developer",
    "publisher",
    "club",
    "team",
    "party",
    "consortium",
    "regulator",
    "chain",
    "brand",
    "startup",
    "dealer",
    "dealership",
    "automobile",
    "executive",
    "ceo",
    "chairman",
    "chairwoman",
    "president",
    "director",
    "officer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analyst",
    "economist",
    "expert",
    "founder",
    "minister",
    "secretary",
    "senator",
    "governor",
    "mayor",
    "leader",
    "official",
    "manager",
    "actor",
    "actress",
    "singer",
    "musician",
    "writer",
    "author",
    "journalist",
    "reporter",
    "lawyer",
    "attorney",
    "judge",
    "professor",
    "researcher",
    "scientist",
    "player",
    "coach",
    "candidate",
    "activist",
    "billionaire",
    "entrepreneur",
    "designer",
    "artist",
    "chief",
];

/// Adjectives that, between a determiner and a name, describe it (`the
/// emerging Chrysler`, `the new iPhone`).
const DESCRIBING_ADJECTIVES: &[&str] = &[
    "new",
    "emerging",
    "former",
    "current",
    "popular",
    "struggling",
    "troubled",
    "embattled",
    "ailing",
    "bankrupt",
    "beleaguered",
    "rival",
    "old",
    "restructured",
];

/// Lower-case words that end a describing phrase: verbs and the like that
/// no noun phrase holds.
const NOT_MODIFIERS: &[&str] = &[
    "says",
    "said",
    "told",
    "named",
    "appointed",
    "replaced",
    "replaces",
    "joined",
    "left",
    "than",
    "like",
    "unlike",
    "whether",
    "how",
    "why",
    "what",
    "giving",
    "being",
    "according",
];

/// Words in `-ly` that are nouns, not adverbs.
const LY_NOUNS: &[&str] = &[
    "family", "ally", "rally", "assembly", "supply", "monopoly", "anomaly", "homily", "bully",
];

/// Words that open a verb's object (`rates the Rohingya`).
const OBJECT_OPENERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
    "those", "him", "them", "it", "us", "me", "no", "all", "some", "any", "to",
];

/// Post-nominal letters that complete a person's name.
const POSTNOMINALS: &[&str] = &[", QC", ", KC", ", Jr.", ", Jr", " Jr.", ", Sr."];

/// What joins a name to another that completes its phrase.
const ATTACHMENTS: &[&str] = &[" of the ", " for the ", " of "];

/// What joins a building or institution to the place or body it is at.
const SITE_ATTACHMENTS: &[&str] = &[" at the ", " at ", " in "];

/// Words of a building's or institution's name that make a following `in`
/// or `at` part of the phrase (`the Fisht Stadium in Sochi`).
const FACILITY_HEADS: &[&str] = &[
    "Stadium",
    "Arena",
    "University",
    "Museum",
    "College",
    "Hotel",
    "Hall",
    "Center",
    "Centre",
    "Gallery",
    "Hospital",
    "School",
    "Airport",
    "Mosque",
    "Church",
    "Cathedral",
    "Temple",
    "Institute",
    "Library",
    "Theatre",
    "Theater",
    "Park",
    "Towers",
    "Building",
    "Prison",
    "Base",
    "Factory",
];

/// The subtype of a group named as people (`Afghans`, `the Muslims`),
/// which mention corpora mark as persons.
const PEOPLE: &str = "people";

/// The population from which a city of the gazetteer inside a longer name
/// counts as a nested place (`Mexico` in `Mexico City`): smaller towns share
/// their names with common words (`University`, `Union`).
const NESTED_CITY_POPULATION: u64 = 100_000;

/// Words the gazetteer knows as regions or big cities (`Southern`, `Gulf`,
/// `Delta`, `Mobile`) that inside a longer name are common words
/// (`Southern Indiana`, `the Gulf of Mexico`, `the Niger Delta`).
const GENERIC_PLACE_WORDS: &[&str] = &[
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Gulf",
    "Lake",
    "Centre",
    "Center",
    "Coast",
    "Plateau",
    "Maritime",
    "Delta",
    "Mobile",
    "Surprise",
    "Bay",
    "Island",
    "Islands",
    "River",
    "Valley",
    "Mountain",
    "Highlands",
    "Capital",
    "Union",
    "University",
    "Republic",
    "Victory",
    "Liberty",
    "Independence",
    "Enterprise",
];

/// One `entities` item in the phrase convention.
struct PhraseItem {
    start: usize,
    end: usize,
    /// A name inside a longer name.
    nested: bool,
    kind: EntityKind,
    subtype: Option<String>,
    confidence: f32,
}

/// The `entities` items of the phrase convention ([`Extent::Phrases`]):
/// every person, organisation, place and other name as the noun phrase it
/// heads; groups named in the plural as people (`Afghans`); and the names
/// nested in a longer name: places of the gazetteer (`Mexico` in `Mexico
/// City`, `United States` in `the United States Navy`) and names the
/// article uses on their own for something else (`Andy Warhol` in `the Andy
/// Warhol Foundation`; not `Labour` in `Labour Party` when the two are one
/// entity).
fn phrase_items(
    text: &str,
    mentions: &[Mention],
    entities: Option<&[crate::resolve::Entity]>,
) -> Vec<PhraseItem> {
    let lex = lexicon();
    // The entity each name span belongs to.
    let mut entity_of: std::collections::HashMap<(usize, usize), usize> = Default::default();
    for (i, e) in entities.unwrap_or_default().iter().enumerate() {
        for m in &e.mentions {
            entity_of.insert((m.start, m.end), i);
        }
    }
    let entity = |m: &Mention| {
        entity_of
            .get(&(m.name_start, m.name_end))
            .or_else(|| entity_of.get(&(m.start, m.end)))
            .copied()
    };
    // Distinct names of the article, with their kind and entity.
    let mut names: Vec<(&str, EntityKind, Option<usize>)> = Vec::new();
    for m in mentions {
        let name = &text[m.name_start..m.name_end];
        if matches!(
            m.kind,
            EntityKind::Person | EntityKind::Organisation | EntityKind::Place
        ) && !names.iter().any(|(n, ..)| *n == name)
        {
            names.push((name, m.kind, entity(m)));
        }
    }
    let sports = sports_article(text);
    let mut out: Vec<PhraseItem> = Vec::new();
    let mut found = Vec::new();
    for m in mentions {
        // A name inside a hyphenated word (`pro-Beijing`, `Iran-backed`) is
        // no noun phrase of its own.
        let before = text[..m.start].trim_end_matches('-');
        let hyphen_before = before.len() < m.start && before.ends_with(char::is_alphanumeric);
        let hyphen_after = text[m.end..]
            .strip_prefix('-')
            .is_some_and(|r| r.starts_with(char::is_alphabetic));
        if hyphen_before || hyphen_after {
            continue;
        }
        let (kind, subtype) = match m.kind {
            EntityKind::Group if plural_group(&text[m.name_start..m.name_end]) => {
                (EntityKind::Person, Some(PEOPLE.to_string()))
            }
            // A national side in a match report (`Sweden defeated South
            // Korea 1 – 0`), not where a thing happens (`in Russia`).
            EntityKind::Place
                if sports
                    && m.subtype.as_deref() == Some("country")
                    && !locative(text, m.start)
                    && match_sentence(text, m.start, m.end) =>
            {
                (EntityKind::Organisation, Some(TEAM.to_string()))
            }
            k => (k, m.subtype.clone()),
        };
        let (s, e) = phrase_extent(text, mentions, kind, subtype.as_deref(), m.start, m.end);
        out.push(PhraseItem {
            start: s,
            end: e,
            nested: false,
            kind,
            subtype,
            confidence: m.confidence,
        });
        // A person's name holds no other name; groups are not phrases.
        if matches!(kind, EntityKind::Group | EntityKind::Person)
            || !text[m.start..m.end].contains(' ')
        {
            continue;
        }
        let mut nested = |start: usize, end: usize, kind: EntityKind| {
            if (start, end) != (m.name_start, m.name_end) && (start, end) != (m.start, m.end) {
                out.push(PhraseItem {
                    start,
                    end,
                    nested: true,
                    kind,
                    subtype: None,
                    confidence: m.confidence,
                });
            }
        };
        // Places of the gazetteer inside the name, also where a longer name
        // of the gazetteer hides them (`Hong Kong` in `Hong Kong Island`).
        found.clear();
        lex.find(text, m.start, m.end, &mut found);
        let mut shorter = Vec::new();
        for (i, _) in text[m.start..m.end].match_indices(' ') {
            lex.find(text, m.start, m.start + i, &mut shorter);
            found.extend(shorter.drain(..).filter(|f| f.end == m.start + i));
        }
        found.sort_by_key(|f| (f.start, f.end));
        found.dedup();
        for f in &found {
            let place = lex.entries[f.name as usize]
                .first()
                .is_some_and(|k| match k {
                    EntryKind::Country(_) => true,
                    EntryKind::Place(i) => {
                        let p = &lex.places[*i as usize];
                        p.kind == PlaceKind::Region || p.population >= NESTED_CITY_POPULATION
                    }
                    _ => false,
                });
            let generic = GENERIC_PLACE_WORDS.contains(&&text[f.start..f.end]);
            if place && f.exact_case && !generic {
                nested(f.start, f.end, EntityKind::Place);
            }
        }
        // Names the article uses on their own, for another entity.
        let own = entity(m);
        let inside = &text[m.start..m.end];
        for &(name, inner, ent) in &names {
            // A person's name nests whole (`Andy Warhol` in `the Andy Warhol
            // Foundation`), not a surname alone (`Brown University`).
            let single = inner == EntityKind::Person && !name.contains(' ');
            if name.len() >= inside.len() || single || (own.is_some() && ent == own) {
                continue;
            }
            for (i, _) in inside.match_indices(name) {
                // An organisation inside an organisation's name leads it
                // (`Google Chrome`), not `Scientology` in `Church of
                // Scientology`, the faith the church is named after.
                if inner == EntityKind::Organisation && kind == EntityKind::Organisation && i > 0 {
                    continue;
                }
                let (a, b) = (m.start + i, m.start + i + name.len());
                if bounded(text, a, b) && !found.iter().any(|f| f.start <= a && b <= f.end) {
                    nested(a, b, inner);
                }
            }
        }
    }
    out.sort_by_key(|p| (p.start, p.end));
    out.dedup_by(|a, b| (a.start, a.end, a.kind) == (b.start, b.end, b.kind));
    out
}

/// The subtype of a country that stands for its national team.
const TEAM: &str = "team";

/// Words before a place that keep it a place in a match report.
const LOCATIVES: &[&str] = &["in", "at", "across", "throughout", "near", "In", "At"];

/// Whether the word before `start` (a `the` skipped) is one of
/// [`LOCATIVES`]: `in Russia`, `at the United States`, not `beat Sweden`.
fn locative(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    let before = before
        .strip_suffix("the")
        .filter(|b| !b.ends_with(char::is_alphanumeric))
        .map_or(before, str::trim_end);
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    LOCATIVES.contains(&word)
}

/// Whether `text[a..b]` stands on word boundaries.
fn bounded(text: &str, a: usize, b: usize) -> bool {
    !text[..a].ends_with(char::is_alphanumeric) && !text[b..].starts_with(char::is_alphanumeric)
}

/// Whether `word` occurs in `hay` on word boundaries.
fn has_word(hay: &str, word: &str) -> bool {
    hay.match_indices(word)
        .any(|(i, _)| bounded(hay, i, i + word.len()))
}

/// Words of match reports.
const SPORTS_WORDS: &[&str] = &[
    "World Cup",
    "match",
    "goal",
    "scored",
    "penalty",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "half-time",
    "kick-off",
    "tournament",
    "qualifier",
    "semi-final",
    "quarter-final",
];

/// Whether an article reports matches: three or more different words of
/// [`SPORTS_WORDS`], on word boundaries.
fn sports_article(text: &str) -> bool {
    SPORTS_WORDS.iter().filter(|w| has_word(text, w)).count() >= 3
}

/// Words of a sentence that reports play.
const MATCH_WORDS: &[&str] = &[
    "defeated",
    "beat",
    "drew",
    "faced",
    "against",
    "lost",
    "won",
    "game",
    "minute",
    "possession",
    "substitute",
    "card",
    "squad",
    "coach",
    "players",
];

/// Whether the sentence around `start..end` reports play: a word of
/// [`MATCH_WORDS`] or a score (`1 – 0`, `3-1`).
fn match_sentence(text: &str, start: usize, end: usize) -> bool {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let from = text[..start].rfind(is_end).map_or(0, |i| i + 1);
    let to = text[end..].find(is_end).map_or(text.len(), |i| end + i);
    let sentence = &text[from..to];
    let score = sentence.char_indices().any(|(i, c)| {
        matches!(c, '–' | '-') && {
            let (l, r) = (
                sentence[..i].trim_end(),
                sentence[i + c.len_utf8()..].trim_start(),
            );
            let digits =
                |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
            let left = l.rsplit(' ').next().unwrap_or("");
            let right = r.split(' ').next().unwrap_or("");
            digits(left) && digits(right.trim_end_matches([',', ';']))
        }
    });
    // Not the football words of the article: `Qatar will host the World Cup`.
    score || MATCH_WORDS.iter().any(|w| has_word(sentence, w))
}

/// A group's name in the plural, a noun for its people (`Afghans`,
/// `Muslims`, `Bangladeshis`), not the adjective (`Afghan`).
fn plural_group(name: &str) -> bool {
    name.strip_suffix('s').is_some_and(|one| {
        lexicon()
            .lookup(one)
            .iter()
            .any(|k| matches!(k, EntryKind::Demonym(_) | EntryKind::Group(_)))
    })
}

/// The evaluation record of a record that failed: its `id` and the error.
pub fn error_to_eval(e: &RecordError) -> Value {
    json!({"id": e.id, "origin": e.origin, "error": e.error})
}
