//! The article's focus countries, ranked from the resolved entities.

use std::collections::HashMap;

use super::{Entity, FocusCountry, MentionForm};
use crate::entities::EntityKind;
use crate::lexicon::Lexicon;

/// Ranks the countries of the article by its mentions tied to them.
pub(super) fn focus_countries(
    entities: &[Entity],
    headlines: usize,
    lex: &Lexicon,
) -> Vec<FocusCountry> {
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
            name: lex
                .country(&c)
                .map(|x| x.name.to_string())
                .unwrap_or_default(),
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
