//! The corpus layer in the evaluation format: cross-document clusters
//! (`xdoc`), one story per article (`stories`) and timelines of target
//! entities (`timeline`), with code-point offsets.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use crate::corpus::{names_key, Corpus, CorpusEvent, Evidence};
use crate::entities::EntityKind;
use crate::lexicon::roles::roles_lexicon;
use crate::resolve::MentionForm;

/// `his`, `her`, `its`, `their` (`her` is taken as possessive: ECB+
/// leaves most of its uses out).
fn possessive(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "his" | "her" | "its" | "their" | "my" | "our" | "your"
    )
}

/// A TIMEX3 day, month or year (`2009-06-01`, `2008-12`, `1998`) in the
/// form SemEval-2015 timelines write it (`2009-06-01`, `2008-12-XX`,
/// `1998-XX-XX`); `None` for anything else (a week, a season, a time).
fn task_day(value: &str) -> Option<String> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = value.split('-').collect();
    match parts.as_slice() {
        [y, m, d]
            if y.len() == 4
                && m.len() == 2
                && d.len() == 2
                && digits(y)
                && digits(m)
                && digits(d) =>
        {
            Some(value.to_string())
        }
        [y, m] if y.len() == 4 && m.len() == 2 && digits(y) && digits(m) => {
            Some(format!("{y}-{m}-XX"))
        }
        [y] if y.len() == 4 && digits(y) => Some(format!("{y}-XX-XX")),
        _ => None,
    }
}

/// One cross-document cluster per line: every corpus event (`kind`
/// `event`), then every corpus entity that takes part in events (`kind`
/// `entity`: people, organisations, places and described participants;
/// possessive pronouns left out), singletons included, mentions as
/// `{"doc", "start", "end"}` in code points. Event mentions have the
/// extent ECB+ marks (`pulled over`, `according to`, `drunk driving`,
/// `opened fire`); entity mentions have the
/// extent ECB+ marks: a name with the doctor's title, article or placing
/// preposition that opens its phrase (`Dr. Regina Benjamin`, `the Gulf of
/// Aden`, `in Queens`) and the possessive ending that closes it
/// (`Hollywood's`), a described participant its head noun alone
/// (`vessel` of `merchant vessel`) unless the words make one role
/// (`surgeon general`).
pub fn xdoc_rows(corpus: &Corpus) -> Vec<Value> {
    let offsets = corpus.offsets();
    let leads = corpus.leads();
    let tails = corpus.tails();
    let extents = corpus.event_extents();
    let mention = |article: &str, start: usize, end: usize| {
        let (s, e) = offsets
            .get(article)
            .map_or((start, end), |m| (m.char_offset(start), m.char_offset(end)));
        json!({"doc": article, "start": s, "end": e})
    };
    let mut out = Vec::new();
    for e in corpus.events() {
        let mentions: Vec<Value> = e
            .mentions
            .iter()
            .map(|m| {
                let (s, t) = extents
                    .get(&(m.article.as_str(), m.start))
                    .copied()
                    .unwrap_or((m.start, m.end));
                mention(&m.article, s, t)
            })
            .collect();
        out.push(json!({"cluster_id": e.id, "kind": "event", "mentions": mentions}));
    }
    for e in corpus.entities() {
        // Participants only: nationalities, groups and other names (`the
        // Oscars`, `Christmas`) are not, unless an event is done by or to
        // them; possessive pronouns qualify a participant, they are none.
        if matches!(e.kind, EntityKind::Group | EntityKind::Misc) && !e.described {
            continue;
        }
        let mentions: Vec<Value> = e
            .mentions
            .iter()
            .filter(|m| !(m.form == MentionForm::Pronoun && possessive(&m.text)))
            .map(|m| {
                let mut start = leads
                    .get(&(m.article.as_str(), m.start))
                    .copied()
                    .unwrap_or(m.start);
                if m.form == MentionForm::Description {
                    let role = roles_lexicon()
                        .phrases
                        .contains_key(m.text.to_lowercase().as_str());
                    if let (false, Some(space)) = (role, m.text.rfind(' ')) {
                        start = m.start + space + 1;
                        // A hyphenated noun in tokenised text is one head
                        // (`co - workers`), as ECB+ marks it.
                        let before = &m.text[..space];
                        if let Some(rest) = before.strip_suffix(" -") {
                            let w = rest.rfind(' ').map_or(0, |i| i + 1);
                            if w < rest.len() && rest[w..].chars().all(|c| c.is_lowercase()) {
                                start = m.start + w;
                            }
                        }
                    }
                }
                let end = tails
                    .get(&(m.article.as_str(), m.start))
                    .copied()
                    .filter(|_| m.form == MentionForm::Name)
                    .unwrap_or(m.end);
                mention(&m.article, start, end)
            })
            .collect();
        if !mentions.is_empty() {
            out.push(json!({"cluster_id": e.id, "kind": "entity", "mentions": mentions}));
        }
    }
    out
}

/// `{"id": article, "story": story id}` for every article, by article id.
pub fn story_rows(corpus: &Corpus) -> Vec<Value> {
    let mut rows: Vec<(&str, &str)> = corpus
        .stories()
        .iter()
        .flat_map(|s| s.articles.iter().map(move |a| (a.as_str(), s.id.as_str())))
        .collect();
    rows.sort();
    rows.into_iter()
        .map(|(a, s)| json!({"id": a, "story": s}))
        .collect()
}

/// The timeline of each target entity name: the events its corpus
/// entities (those of its name, or giving it as one of their names) take
/// part in, ordered by day; events with no day in the texts (a publication
/// date is none) share order 0 and the date `XXXX-XX-XX`.
pub fn timeline_rows(corpus: &Corpus, targets: &[String]) -> Vec<Value> {
    let offsets = corpus.offsets();
    targets
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|target| {
            let key = names_key(target);
            let compact = |k: &str| k.replace(' ', "");
            let surname = key.rsplit(' ').next().unwrap_or_default().to_string();
            let person = key.contains(' ');
            let fits = |n: &str| {
                let k = names_key(n);
                k == key
                    || compact(&k) == compact(&key)
                    // A person under another first name (`Fritz Henderson`).
                    || (person && k.contains(' ') && k.rsplit(' ').next() == Some(surname.as_str()))
            };
            let ids: BTreeSet<&str> = corpus
                .entities()
                .iter()
                .filter(|e| fits(&e.name) || e.names.iter().any(|n| fits(n)))
                .map(|e| e.id.as_str())
                .collect();
            // The names of those entities, to find actors no entity was
            // resolved for (`GM's creditors`).
            let names: BTreeSet<String> = corpus
                .entities()
                .iter()
                .filter(|e| ids.contains(e.id.as_str()))
                .flat_map(|e| e.names.iter().map(|n| names_key(n)))
                .filter(|n| !n.is_empty())
                .collect();
            let names_it = |text: &str| {
                let words = format!(" {} ", names_key(text));
                names.iter().any(|n| words.contains(&format!(" {n} ")))
            };
            let events: Vec<&CorpusEvent> = corpus
                .events()
                .iter()
                .filter(|e| {
                    e.actors.iter().any(|a| {
                        a.entity.as_deref().is_some_and(|id| ids.contains(id))
                            || (a.entity.is_none() && a.sources.iter().any(|s| names_it(&s.text)))
                    })
                })
                .collect();
            // As the task anchors events: to a day the text gives them,
            // not to the publication date of the article telling them.
            // A month or year stands as the task writes it: `2008-12-XX`.
            let day = |e: &CorpusEvent| e.date.as_deref().and_then(task_day);
            let mut by_day: BTreeMap<Option<String>, Vec<&CorpusEvent>> = BTreeMap::new();
            for e in events {
                by_day.entry(day(e)).or_default().push(e);
            }
            let mention = |m: &Evidence| {
                let (s, e) = offsets
                    .get(m.article.as_str())
                    .map_or((m.start, m.end), |o| {
                        (o.char_offset(m.start), o.char_offset(m.end))
                    });
                json!({"doc": m.article, "start": s, "end": e})
            };
            let mut items = Vec::new();
            let mut order = 0;
            for (d, list) in by_day {
                if d.is_some() {
                    order += 1;
                }
                for e in list {
                    items.push(json!({
                        "order": if d.is_some() { order } else { 0 },
                        "date": d.clone().unwrap_or_else(|| "XXXX-XX-XX".to_string()),
                        "mentions": e.mentions.iter().map(mention).collect::<Vec<_>>(),
                    }));
                }
            }
            json!({"target": target, "events": items})
        })
        .collect()
}
