//! What the expressions read so far in an article say about the next one
//! (`the next day` after `Tuesday`, `a year earlier` after a quarter, `that
//! year`), and the step that notes each value as it is read.

use chrono::NaiveDate;

/// What the expressions read so far in an article say about the next one.
#[derive(Default)]
pub(super) struct Context {
    /// The last day mentioned (for `the next day`, `a day earlier`, clock times).
    pub last_date: Option<NaiveDate>,
    /// The last quarter mentioned (for `a year earlier` in results).
    pub last_quarter: Option<(i32, u32)>,
    /// The year of the last date, month, quarter or year mentioned (for `that year`).
    pub last_year: Option<i32>,
    /// The last month mentioned, alone or in a date (for `the following month`).
    pub last_month: Option<(i32, u32)>,
}

impl Context {
    /// Notes value `v` of the expression written `t`: its day, year, month
    /// and quarter become the ones the next expressions count from.
    pub fn note(&mut self, v: &str, t: &str) {
        if let Some(d) = v
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            self.last_date = Some(d);
        }
        if let Some(y) = v.get(..4).and_then(|y| y.parse().ok()) {
            self.last_year = Some(y);
            let month = v.get(4..5) == Some("-")
                && v.get(5..7)
                    .is_some_and(|m| m.bytes().all(|b| b.is_ascii_digit()));
            if let (true, Some(m)) = (month, v.get(5..7).and_then(|m| m.parse().ok())) {
                self.last_month = Some((y, m));
            }
        }
        // A quarter named a year back (`a year earlier`) is a comparison,
        // not the new topic: the next `year-ago` still means the topic's.
        let lt = t.to_ascii_lowercase();
        let comparison = lt.contains("ago") || lt.contains("earlier") || lt.contains("last year");
        if let (Some((y, q)), false) = (v.split_once("-Q"), comparison) {
            if let (Ok(y), Ok(q)) = (y.parse::<i32>(), q.parse()) {
                // `the 1988 period` after the 1989 quarter is a comparison too.
                if self.last_quarter.map_or(true, |(ty, _)| y >= ty) {
                    self.last_quarter = Some((y, q));
                }
            }
        }
    }
}
