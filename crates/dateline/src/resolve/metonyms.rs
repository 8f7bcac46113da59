//! Capitals that act: `Washington's support`, `Moscow said` name the
//! country's government, not the city.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::builder::Builder;
use crate::entities::EntityKind;
use crate::lexicon::{lexicon, Lexicon};

/// Words after a capital (or its possessive) that make it an actor:
/// speech, support, policy.
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

impl Builder<'_> {
    /// A capital that speaks or supports is its country's government
    /// (`Washington's support`, `Moscow said`).
    pub(super) fn metonyms(&mut self) {
        for id in 0..self.entities.len() {
            let e = &self.entities[id];
            if e.kind != EntityKind::Place || e.subtype.as_deref() == Some("country") {
                continue;
            }
            let Some(country) = capital_of(self.lex, &e.name) else {
                continue;
            };
            if self.acts(id) {
                let iso = country.iso.to_string();
                let e = &mut self.entities[id];
                e.kind = EntityKind::Organisation;
                e.subtype = Some("government".into());
                e.org_kind = Some("government".into());
                e.country = Some(iso);
                self.anchors[id] = None;
            }
        }
    }

    /// Whether at least half of entity `id`'s mentions act: an acting word
    /// follows the mention or its possessive.
    fn acts(&self, id: usize) -> bool {
        let e = &self.entities[id];
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
        acts.count() * 2 >= e.mentions.len()
    }
}

/// The country whose capital (or seat of government, in news usage:
/// `Kremlin`, `Downing Street`) `name` is.
pub(super) fn capital_of<'l>(lex: &'l Lexicon, name: &str) -> Option<&'l crate::lexicon::Country> {
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
