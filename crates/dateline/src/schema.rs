//! The version of the output shape, shared by results and error records.

/// Version of the JSON output shape (`docs/schema.md`). The minor number
/// grows when fields are added, the major number when a field changes or goes.
pub const SCHEMA_VERSION: &str = "1.9";

/// A score kept as `f32` (a confidence, a share), as the output gives it:
/// the nearest `f64` to its value rounded to three decimals, so that `0.352`
/// reads `0.352` in JSON and Python, not `0.35199999809265137`.
///
/// ```
/// assert_eq!(dateline::schema::score(0.352_f32), 0.352_f64);
/// assert_eq!(dateline::schema::score(0.99949_f32), 0.999);
/// ```
pub fn score(value: f32) -> f64 {
    let rounded = (f64::from(value) * 1000.0).round() / 1000.0;
    if rounded.is_finite() {
        rounded
    } else {
        f64::from(value)
    }
}

/// Serialises an `f32` score as [`score`] gives it (`#[serde(serialize_with)]`).
pub fn serialize_score<S: serde::Serializer>(value: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(score(*value))
}
