//! Described participants: the people and things an article's events are
//! done by or to that have no name (`A climber died`, `the pirates were
//! about to board a vessel`). Each becomes an entity of its record, known
//! by its head noun's lemma (`climber`, `pirate`, `vessel`), with every
//! mention of that noun in the article; linking joins them within a story
//! (`the climber` of two reports of one accident), never across stories.

use std::collections::BTreeMap;

use crate::article::segment::{Token, TokenSyntax};
use crate::entities::EntityKind;
use crate::lexicon::roles::{fold, roles_lexicon, HONORIFICS};
use crate::lexicon::TIME_NOUNS;
use crate::resolve::MentionForm;
use crate::span::Span;

use super::record::{REntity, Record};

/// Relations a noun may hold and still name a participant (not a
/// `compound` or modifier inside another noun's phrase).
fn nominal(dep: &str) -> bool {
    let base = dep.split(':').next().unwrap_or(dep);
    matches!(
        base,
        "nsubj" | "obj" | "iobj" | "obl" | "nmod" | "conj" | "root" | "appos" | "dislocated"
    )
}

/// The syntax of token `i`, if it is a common noun heading its phrase
/// (or a role written in capitals: `Surgeon General`), not a time
/// (`season`, `night`).
fn noun(tokens: &[Token], i: usize) -> Option<&TokenSyntax> {
    tokens[i].syntax.as_ref().filter(|s| {
        let lower = s.lemma.to_lowercase();
        // A proper noun in lower case is a common noun the tagger missed
        // (`the pirates`).
        let common = s.upos == "PROPN" && s.lemma.starts_with(|c: char| c.is_lowercase());
        (s.upos == "NOUN"
            || common
            || (s.upos == "PROPN" && roles_lexicon().phrases.contains_key(lower.as_str())))
            && nominal(&s.dep)
            && !TIME_NOUNS.contains(&lower.as_str())
            && !OTHER_TIMES.contains(&lower.as_str())
    })
}

/// Whether a participant's noun names someone or something that takes
/// part (`pirates`, `police`, `climber`, `vessel`), not an abstraction
/// (`solutions`, `the situation`): a role, a CAMEO agent (`police`,
/// `militia`), a noun the figure layer counts (`civilians`, `cars`), or a
/// noun of a doer (`climber`, `driver`, `motorist`).
fn concrete(lemma: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    roles_lexicon().phrases.contains_key(lemma)
        || crate::figures::lexicon().nouns.contains_key(lower.as_str())
        || crate::figures::lexicon().nouns.contains_key(lemma)
        || crate::events::cameo::ActorCoder::shipped()
            .code(&lower, None)
            .is_some()
        || (lemma.len() >= 6
            && ["er", "or", "ist", "ian"]
                .iter()
                .any(|s| lemma.ends_with(s))
            && !NOT_DOERS.contains(&lemma))
        || DOERS.contains(&lemma)
}

/// Nouns of a doer's shape that are none.
const NOT_DOERS: &[&str] = &[
    "number",
    "matter",
    "border",
    "letter",
    "paper",
    "center",
    "centre",
    "corner",
    "chapter",
    "quarter",
    "sector",
    "factor",
    "winter",
    "summer",
    "weather",
    "answer",
    "shelter",
    "theater",
    "barrier",
    "manner",
    "cancer",
    "dinner",
    "disaster",
    "character",
    "register",
    "powder",
    "interior",
    "behavior",
    "behaviour",
    "error",
    "mirror",
    "minister",
];

/// Common participants of news the lexicons leave out.
const DOERS: &[&str] = &[
    "man",
    "woman",
    "boy",
    "girl",
    "child",
    "person",
    "people",
    "host",
    "coach",
    "suspect",
    "victim",
    "family",
    "team",
    "crew",
    "company",
    "firm",
    "vessel",
    "ship",
    "boat",
    "car",
    "truck",
    "plane",
    "aircraft",
    "helicopter",
    "navy",
    "army",
    "police",
    "star",
    "actor",
];

/// Nouns of a person that neither the roles nor the figure layer's
/// nouns give.
const PEOPLE: &[&str] = &[
    "person",
    "child",
    "host",
    "coach",
    "suspect",
    "victim",
    "star",
    "actor",
    "driver",
    "motorist",
    "climber",
    "mountaineer",
    "gunman",
    "shooter",
    "assailant",
    "attacker",
    "employee",
    "worker",
    "resident",
    "passenger",
    "pedestrian",
    "player",
    "student",
    "patient",
    "witness",
    "doctor",
    "physician",
];

/// Time nouns the time layer's list leaves out.
const OTHER_TIMES: &[&str] = &[
    "season", "night", "day", "time", "period", "moment", "hour", "minute", "era",
];

/// The head token of the span `start..end`: its first token whose head
/// lies outside it.
fn head_of(tokens: &[Token], start: usize, end: usize) -> Option<usize> {
    let lo = tokens.partition_point(|t| t.start < start);
    let hi = tokens.partition_point(|t| t.start < end);
    (lo..hi).find(|&i| {
        tokens[i]
            .syntax
            .as_ref()
            .is_some_and(|s| s.head.map_or(true, |h| h < lo || h >= hi))
    })
}

/// Where a participant's mention starts: the nouns compounded to its head
/// just before it (`surgeon general`, `accounting firm`).
fn mention_start(tokens: &[Token], i: usize) -> usize {
    let mut s = i;
    while s > 0 {
        let prev = tokens[s - 1].syntax.as_ref();
        if prev.is_some_and(|p| {
            p.dep == "compound" && p.head == Some(i) && matches!(&*p.upos, "NOUN" | "PROPN")
        }) {
            s -= 1;
        } else {
            break;
        }
    }
    tokens[s].start
}

impl Record {
    /// The record with the described participants of its events (`the
    /// climber`, `the pirates`) and the extents ECB+ marks its event
    /// mentions with (`pulled over`), read from its article's parsed tokens
    /// (`text` is the article's text); `Record::from(&extraction)` adds
    /// them itself.
    pub fn with_participants(mut self, text: &str, article: &crate::ArticleLayer) -> Record {
        let units = article.units();
        let offices = self.add_offices(text, &article.tokens, &units);
        self.add_participants(text, &article.tokens, &units, &offices);
        self.drop_titles(text);
        self.add_event_extents(text, &article.tokens);
        self
    }

    /// Drops the description mentions that are a name's title
    /// (`correspondent` of `CNN medical correspondent Dr Sanjay Gupta`,
    /// `head coach Jim O'Brien`): a word right before a name, or one
    /// honorific away, is part of the name's phrase, not a mention of its
    /// own (ECB+ marks 2 of the 50 such in its dev topics). A resolved
    /// entity keeps its mentions when they would all go; a described
    /// participant whose mentions all go is no participant, and the event
    /// sides it was are the named entity's (`the CNN medical correspondent
    /// Dr Sanjay Gupta` is Gupta).
    fn drop_titles(&mut self, text: &str) {
        // Name mentions by start, each with its entity.
        let mut names: Vec<(usize, usize)> = Vec::new();
        for (q, e) in self.entities.iter().enumerate() {
            if e.described {
                continue;
            }
            for m in &e.mentions {
                if matches!(m.3, MentionForm::Name | MentionForm::Acronym) {
                    names.push((m.0, q));
                }
            }
        }
        names.sort_unstable();
        let honorific = |w: &str| HONORIFICS.contains(&fold(w.trim_end_matches('.')).as_str());
        // The entity of the name that the mention is a title of.
        let title_of = |m: &(usize, usize, String, MentionForm, usize)| -> Option<usize> {
            if m.3 != MentionForm::Description {
                return None;
            }
            let &(n, q) = names.get(names.partition_point(|n| n.0 < m.1))?;
            let gap = text.get(m.1..n)?;
            let title = gap.len() <= 8
                && gap.starts_with(' ')
                && !gap.contains('\n')
                && match gap.split_whitespace().collect::<Vec<_>>()[..] {
                    [] => true,
                    [h] | [h, "."] => honorific(h),
                    _ => false,
                };
            title.then_some(q)
        };
        // Described participants that are titles alone: the name's entity.
        let mut gone: BTreeMap<usize, usize> = BTreeMap::new();
        for (q, e) in self.entities.iter_mut().enumerate() {
            let titles: Vec<Option<usize>> = e.mentions.iter().map(title_of).collect();
            if titles.iter().all(Option::is_none) {
                continue;
            }
            if titles.iter().all(Option::is_some) {
                if e.described {
                    if let Some(Some(named)) = titles.first() {
                        gone.insert(q, *named);
                    }
                }
                continue;
            }
            let mut k = 0;
            e.mentions.retain(|_| {
                k += 1;
                titles[k - 1].is_none()
            });
        }
        if gone.is_empty() {
            return;
        }
        // Remove them, renumbering the entities after each.
        let renumber = |q: usize| q - gone.range(..q).count();
        for e in &mut self.events {
            for a in &mut e.actors {
                if let Some(x) = a.entity {
                    a.entity = Some(renumber(gone.get(&x).copied().unwrap_or(x)));
                }
            }
        }
        let mut q = 0;
        self.entities.retain(|_| {
            q += 1;
            !gone.contains_key(&(q - 1))
        });
    }

    /// Adds the described participants of the record's events, read from
    /// the article's parsed tokens (none when the syntax layer did not
    /// run). `units` are the spans of the article's units, in text order;
    /// the words of `offices` (sorted spans) are no participant's.
    fn add_participants(
        &mut self,
        text: &str,
        tokens: &[Token],
        units: &[Span],
        offices: &[(usize, usize)],
    ) {
        // The lemma of each event side that no entity gives, by first use.
        let mut lemmas: BTreeMap<String, usize> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut sides: Vec<(usize, usize, String)> = Vec::new();
        // Event words are not participants (`the attack killed ...`), nor
        // the words of an office.
        let mut triggers: Vec<(usize, usize)> = self
            .events
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| (m.0, m.1)))
            .collect();
        triggers.sort_unstable();
        let taken = |t: &Token| {
            let k = triggers.partition_point(|m| m.0 < t.end);
            let office = offices.partition_point(|m| m.0 < t.end);
            (k > 0 && triggers[..k].iter().rev().take(4).any(|m| m.1 > t.start))
                || offices[..office].last().is_some_and(|m| m.1 > t.start)
        };
        for (ei, e) in self.events.iter().enumerate() {
            for (ai, a) in e.actors.iter().enumerate() {
                let Some(h) = head_of(tokens, a.start, a.end) else {
                    continue;
                };
                let Some(s) = noun(tokens, h) else {
                    continue;
                };
                // A side that names an entity is that entity, unless the
                // name only qualifies the noun (`23 Somali pirates`).
                let t = &tokens[h];
                let lemma = s.lemma.to_lowercase();
                // A title that the parse made the head of the person's
                // name after it (`Prime Minister Mohammed Shia al-Sudani`)
                // is that person too.
                let title = roles_lexicon().phrases.contains_key(lemma.as_str());
                let named = a
                    .entity
                    .and_then(|x| self.entities.get(x))
                    .is_some_and(|x| {
                        x.mentions.iter().any(|m| m.0 < t.end && t.start < m.1)
                            || (title
                                && x.kind == EntityKind::Person
                                && x.mentions.iter().any(|m| m.0 >= t.end && m.1 <= a.end))
                            // The name right after the description's head,
                            // which the event layer took the side to be (`The US
                            // automobile manufacturer Ford`, `the firm's
                            // chief executive officer, Alan Mulally`).
                            || x.mentions.iter().any(|m| {
                                m.0 >= t.end
                                    && text.get(t.end..m.0).is_some_and(|gap| {
                                        gap.len() <= 3 && gap.chars().all(|c| c == ',' || c.is_whitespace())
                                    })
                            })
                    });
                let word = text.get(t.start..t.end).unwrap_or_default();
                if (a.entity.is_some() && named) || taken(t) || !concrete(&lemma, word) {
                    continue;
                }
                if !lemmas.contains_key(&lemma) {
                    lemmas.insert(lemma.clone(), order.len());
                    order.push(lemma.clone());
                }
                sides.push((ei, ai, lemma));
            }
        }
        // A noun of a role or a doer that the parse makes a named person
        // (`Jackman was announced as the host`) is a described participant
        // too, though no event's side: the person's mentions by that noun.
        let children = children_of(tokens);
        let people = People::new(&self.entities);
        for i in 0..tokens.len() {
            let Some(s) = noun(tokens, i) else {
                continue;
            };
            let lemma = s.lemma.to_lowercase();
            let word = text.get(tokens[i].start..tokens[i].end).unwrap_or_default();
            if lemmas.contains_key(&lemma)
                || COLLECTIVE.contains(&lemma.as_str())
                || !person_noun(&lemma)
                || !concrete(&lemma, word)
                || taken(&tokens[i])
                || Self::linked_people(tokens, &children, &people, i).is_empty()
            {
                continue;
            }
            lemmas.insert(lemma.clone(), order.len());
            order.push(lemma);
        }
        if order.is_empty() {
            return;
        }
        let base = self.entities.len();
        let mut found: Vec<REntity> = order
            .iter()
            .map(|lemma| REntity {
                kind: if person_noun(lemma) {
                    EntityKind::Person
                } else {
                    EntityKind::Misc
                },
                name: lemma.clone(),
                key: kind_of(lemma).to_string(),
                roles: Vec::new(),
                nationality: None,
                country: None,
                mentions: Vec::new(),
                named: 0,
                described: true,
                person: None,
            })
            .collect();
        // Every mention of each participant's noun in the article.
        for i in 0..tokens.len() {
            let Some(s) = noun(tokens, i) else {
                continue;
            };
            let Some(&p) = lemmas.get(s.lemma.to_lowercase().as_str()) else {
                continue;
            };
            if taken(&tokens[i]) {
                continue;
            }
            let start = mention_start(tokens, i);
            let end = tokens[i].end;
            let unit = units.partition_point(|u| u.end <= start);
            found[p].mentions.push((
                start,
                end,
                text.get(start..end).unwrap_or_default().to_string(),
                MentionForm::Description,
                unit,
            ));
        }
        // A described person who is a named person of the article (`Hugh
        // Jackman will be the host`, `A woman has died ... Raj Chohan was
        // hit`) is known as that person: linking joins them.
        for f in found.iter_mut() {
            // Many (`two women`) are no one person.
            let plural = f.mentions.iter().any(|m| {
                let hi = tokens.partition_point(|t| t.start < m.1);
                hi.checked_sub(1).is_some_and(|i| {
                    tokens[i].syntax.as_ref().is_some_and(|s| {
                        s.feats
                            .as_deref()
                            .is_some_and(|x| x.contains("Number=Plur"))
                    })
                })
            });
            if f.kind == EntityKind::Person && !plural && !COLLECTIVE.contains(&f.key.as_str()) {
                f.person = Self::person_described(&people, f)
                    .or_else(|| Self::person_by_syntax(tokens, &children, &people, f))
                    .or_else(|| self.person_by_gender(f))
                    .map(|q| {
                        // A mention the person's own covers (`the host` of
                        // `Jackman, the host` resolved) is the person's already.
                        let mut own: Vec<(usize, usize)> = self.entities[q]
                            .mentions
                            .iter()
                            .map(|m| (m.0, m.1))
                            .collect();
                        own.sort_unstable();
                        f.mentions.retain(|m| {
                            let k = own.partition_point(|o| o.0 < m.1);
                            !own[..k].iter().rev().take(8).any(|o| o.1 > m.0)
                        });
                        self.entities[q].key.clone()
                    });
            }
        }
        for (ei, ai, lemma) in sides {
            self.events[ei].actors[ai].entity = Some(base + lemmas[&lemma]);
        }
        self.entities.extend(found);
    }

    /// The named person whose own mentions (resolved descriptions: `the
    /// officer`) cover the described person's noun, if one person's do.
    fn person_described(people: &People, f: &REntity) -> Option<usize> {
        let mut found = None;
        for m in &f.mentions {
            for q in people.described_over(m.0, m.1) {
                match found {
                    Some(r) if r != q => return None,
                    _ => found = Some(q),
                }
            }
        }
        found
    }

    /// The named person of the article that the parse makes a described
    /// person (`f`) one with at most of its mentions
    /// ([`Self::linked_people`]); `None` when none is, or two are as often.
    fn person_by_syntax(
        tokens: &[Token],
        children: &[Vec<usize>],
        people: &People,
        f: &REntity,
    ) -> Option<usize> {
        let mut tally: BTreeMap<usize, usize> = BTreeMap::new();
        for m in &f.mentions {
            // The mention's head is its last token.
            let hi = tokens.partition_point(|t| t.start < m.1);
            let Some(i) = hi.checked_sub(1).filter(|&i| tokens[i].start >= m.0) else {
                continue;
            };
            for q in Self::linked_people(tokens, children, people, i) {
                *tally.entry(q).or_default() += 1;
            }
        }
        let most = tally.values().copied().max()?;
        let mut best = tally.iter().filter(|(_, &n)| n == most).map(|(&q, _)| q);
        match (best.next(), best.next()) {
            (Some(q), None) => Some(q),
            _ => None,
        }
    }

    /// The named people the parse makes the noun at token `i` one with:
    /// the subject of the noun used as a predicate (`Jackman will be the
    /// host`), its apposition (`Hugh Jackman, the host`, `the host, Hugh
    /// Jackman`), or the object or passive subject of the verb it is
    /// attached to by `as` (`named Jackman as the host`, `Jackman was
    /// announced as the host`).
    fn linked_people(
        tokens: &[Token],
        children: &[Vec<usize>],
        people: &People,
        i: usize,
    ) -> Vec<usize> {
        let person_at = |t: usize| people.named_at(tokens[t].start, tokens[t].end);
        let dep = |t: usize| tokens[t].syntax.as_ref().map_or("", |s| &*s.dep);
        let mut out = Vec::new();
        let Some(s) = tokens[i].syntax.as_ref() else {
            return out;
        };
        let kids = &children[i];
        let copula = kids.iter().any(|&k| dep(k) == "cop");
        for &k in kids {
            let d = dep(k);
            if (copula && (d == "nsubj" || d == "nsubj:pass")) || d == "appos" {
                out.extend(person_at(k));
            }
        }
        if let Some(h) = s.head.filter(|&h| h < tokens.len() && h < children.len()) {
            if s.dep == "appos" {
                out.extend(person_at(h));
            }
            let as_marked = kids
                .iter()
                .any(|&k| matches!(dep(k), "case" | "mark") && token_is(tokens, k, "as"));
            if as_marked && matches!(s.dep.split(':').next(), Some("obl" | "xcomp" | "advcl")) {
                for &k in &children[h] {
                    if matches!(dep(k), "obj" | "nsubj:pass") {
                        out.extend(person_at(k));
                    }
                }
            }
        }
        out
    }

    /// The one named person of the article of the sex a described person's
    /// noun tells (`woman`, `grandmother`; `man`), as the pronouns resolved
    /// to the people tell theirs: a person with `she` or `her` and no `he`,
    /// `him` or `his` is a woman. A pronoun after the noun in its sentence
    /// is left out: it may be the described person's, resolved to the
    /// wrong one (`A woman was killed when a car struck her`). `None` for a
    /// noun of no sex, or when no person or more than one is of that sex.
    fn person_by_gender(&self, f: &REntity) -> Option<usize> {
        let noun = f.key.as_str();
        // Where the noun is first done with in each unit.
        let mut first_end: BTreeMap<usize, usize> = BTreeMap::new();
        for n in &f.mentions {
            let end = first_end.entry(n.4).or_insert(n.1);
            *end = (*end).min(n.1);
        }
        let female = if FEMALE.contains(&noun) {
            true
        } else if MALE.contains(&noun) {
            false
        } else {
            return None;
        };
        let mut found = None;
        for (q, e) in self.entities.iter().enumerate() {
            if e.kind != EntityKind::Person || e.described || e.named == 0 || e.key.is_empty() {
                continue;
            }
            let (mut she, mut he) = (false, false);
            let after_noun = |m: &(usize, usize, String, MentionForm, usize)| {
                first_end.get(&m.4).is_some_and(|&end| end <= m.0)
            };
            for m in e
                .mentions
                .iter()
                .filter(|m| m.3 == MentionForm::Pronoun && !after_noun(m))
            {
                match m.2.to_lowercase().as_str() {
                    "she" | "her" | "hers" | "herself" => she = true,
                    "he" | "him" | "his" | "himself" => he = true,
                    _ => {}
                }
            }
            if ((female && she && !he) || (!female && he && !she)) && person_name(&e.name, &e.key) {
                if found.is_some() {
                    return None;
                }
                found = Some(q);
            }
        }
        found
    }
}

/// Whether an entity's name reads as a person's full name, not a phrase
/// the tagger took for one (`Pedestrian Accidents`, `Mt Cook`): two words
/// or more, each capitalised, the first a given name of the census list
/// or a word of three letters or more that is no English word (`Raj`).
fn person_name(name: &str, key: &str) -> bool {
    let Some(first) = name.split_whitespace().next() else {
        return false;
    };
    crate::corpus::entities::full(key)
        && name
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && (crate::lexicon::given_names::share(first).is_some()
            || (first.chars().count() >= 3
                && first.chars().all(char::is_alphabetic)
                && !crate::entities::english(first)))
}

/// The mentions of an article's named people, by start: names and
/// resolved descriptions (`the officer`), each with its person's index.
struct People {
    names: Vec<(usize, usize, usize)>,
    descriptions: Vec<(usize, usize, usize)>,
}

impl People {
    fn new(entities: &[REntity]) -> People {
        let mut names = Vec::new();
        let mut descriptions = Vec::new();
        for (q, e) in entities.iter().enumerate() {
            if e.kind != EntityKind::Person || e.described || e.named == 0 || e.key.is_empty() {
                continue;
            }
            for m in &e.mentions {
                match m.3 {
                    MentionForm::Name => names.push((m.0, m.1, q)),
                    MentionForm::Description => descriptions.push((m.0, m.1, q)),
                    _ => {}
                }
            }
        }
        names.sort_unstable();
        descriptions.sort_unstable();
        People {
            names,
            descriptions,
        }
    }

    /// The person a name covering `start..end` is of (the nearest names
    /// opening before it read: names do not nest deeper).
    fn named_at(&self, start: usize, end: usize) -> Option<usize> {
        let k = self.names.partition_point(|n| n.0 <= start);
        self.names[..k]
            .iter()
            .rev()
            .take(4)
            .find(|n| end <= n.1)
            .map(|n| n.2)
    }

    /// The people with a resolved description overlapping `start..end`.
    fn described_over(&self, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        let k = self.descriptions.partition_point(|n| n.0 < end);
        self.descriptions[..k]
            .iter()
            .rev()
            .take(4)
            .filter(move |n| n.1 > start)
            .map(|n| n.2)
    }
}

/// Whether a participant's noun names a person (a role: `host`; a noun
/// the figure layer counts as people: `woman`, `civilian`).
fn person_noun(lemma: &str) -> bool {
    PEOPLE.contains(&lemma)
        || FEMALE.contains(&lemma)
        || MALE.contains(&lemma)
        || roles_lexicon().phrases.contains_key(lemma)
        || crate::figures::lexicon()
            .nouns
            .get(lemma)
            .is_some_and(|n| n.0 == "person")
}

/// Whether token `k` is the word `w` (any case).
fn token_is(tokens: &[Token], k: usize, w: &str) -> bool {
    tokens[k]
        .syntax
        .as_ref()
        .is_some_and(|s| s.lemma.eq_ignore_ascii_case(w))
}

/// The dependents of each token, in text order.
fn children_of(tokens: &[Token]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); tokens.len()];
    for (i, t) in tokens.iter().enumerate() {
        if let Some(h) = t.syntax.as_ref().and_then(|s| s.head) {
            if let Some(list) = out.get_mut(h) {
                list.push(i);
            }
        }
    }
    out
}

/// Nouns that news uses in turn for one participant of a story (`the
/// pirates` ... `the brigands`, `the vessel` ... `the ship`): a described
/// participant is known by the first noun of its group, so that linking
/// joins them within a story.
const SAME_KIND: &[&[&str]] = &[
    &[
        "pirate",
        "brigand",
        "bandit",
        "raider",
        "hijacker",
        "buccaneer",
    ],
    &["vessel", "ship", "boat", "freighter", "tanker"],
    &["car", "vehicle", "automobile", "sedan"],
    &["gunman", "shooter", "assailant", "attacker"],
    &["driver", "motorist"],
    &["physician", "doctor"],
    &["climber", "mountaineer"],
];

/// The noun a described participant of this noun is known by.
fn kind_of(lemma: &str) -> &str {
    SAME_KIND
        .iter()
        .find(|group| group.contains(&lemma))
        .map_or(lemma, |group| group[0])
}

/// Nouns of people that name several (`police`, `the team`), never one
/// named person.
const COLLECTIVE: &[&str] = &[
    "police",
    "people",
    "family",
    "crew",
    "team",
    "staff",
    "couple",
    "public",
    "government",
    "military",
    "army",
    "navy",
    "force",
    "troops",
    "authorities",
    "officials",
];

/// Nouns of a woman.
const FEMALE: &[&str] = &[
    "woman",
    "girl",
    "mother",
    "grandmother",
    "granny",
    "wife",
    "daughter",
    "sister",
    "widow",
    "lady",
    "actress",
    "girlfriend",
];

/// Nouns of a man.
const MALE: &[&str] = &[
    "man",
    "boy",
    "father",
    "grandfather",
    "husband",
    "son",
    "brother",
    "widower",
    "gentleman",
    "boyfriend",
];
