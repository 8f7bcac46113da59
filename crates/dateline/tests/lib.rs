//! Integration tests of the dateline core.
