//! The events layer: who did what to whom, coded in CAMEO and PLOVER, with the evidence.

pub(crate) mod cameo;
