//! The version of the output shape, shared by results and error records.

/// Version of the JSON output shape (`docs/schema.md`). The minor number
/// grows when fields are added, the major number when a field changes or goes.
pub const SCHEMA_VERSION: &str = "1.8";
