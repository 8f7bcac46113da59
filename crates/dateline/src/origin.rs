//! Where a record came from: shared by the readers, the article and the errors.

use serde::{Deserialize, Serialize};

/// Where an article came from: file, line, record number and byte offset.
///
/// All fields are optional: an article built from a string in memory has no
/// origin at all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The file (or `<stdin>`) the article was read from.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub file: Option<String>,
    /// The 1-based line where the record starts (JSONL input).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u64>,
    /// The 1-based number of the record within its file (JSON arrays, JSONL).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub record: Option<u64>,
    /// The byte offset in the file where the record starts.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub byte: Option<u64>,
}

impl Origin {
    /// An origin naming only a file.
    pub fn file(file: impl Into<String>) -> Self {
        Origin {
            file: Some(file.into()),
            ..Origin::default()
        }
    }
}
