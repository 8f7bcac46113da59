//! CAMEO coding knowledge for the events layer: the PETRARCH2 verb
//! dictionary and our event-noun table ([`code_verb`], [`code_noun`]),
//! CAMEO code descriptions, roots and quad classes ([`describe`], [`root`],
//! [`quad`]), our CAMEO → PLOVER mapping ([`plover`]) and the Phoenix actor
//! and agent dictionaries ([`ActorCoder`]). All of it is data compiled into
//! the crate (`data/cameo_*.tsv`, `data/event_nouns.tsv`,
//! `data/plover.tsv`; sources and licences in `docs/data.md`), parsed once
//! per process on first use.
//!
//! The verb dictionary is read the PETRARCH2 way, on the dependency parse
//! instead of a constituency tree: the verb's form (multiword forms such as
//! `meet with` first), then its block's patterns matched in order against
//! the lemmas and forms of the verb's clause (words before the verb for
//! the pattern's pre-verb half, after it for the post-verb half; other
//! clauses left out), the pattern with the most matched words winning; else
//! the verb's own code, else the block's default. The eight verb
//! transformations of the dictionary (`A said A will attack B`) are not
//! applied here.

// Shared with the build script, which compiles the shipped rows.
#[cfg_attr(not(test), allow(dead_code))]
mod actor_table;
mod actors;
mod coder;
mod codes;
mod verbs;

#[cfg(test)]
mod tests;

pub(crate) use self::actors::{ActorCoder, ArticleCodes};
// What `actor_table.rs` calls `super::prefixes`, here as in the build script.
#[cfg(test)]
pub(crate) use self::coder::{code_noun, code_verb};
pub(crate) use self::coder::{event_noun, Coder};
pub(crate) use self::codes::{describe, plover, root};
#[cfg(test)]
pub(crate) use self::{
    coder::VerbCode,
    codes::{quad, Plover},
};
use crate::lexicon::prefixes;
