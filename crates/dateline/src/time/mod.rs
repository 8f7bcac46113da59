//! The time layer: temporal expressions, normalised to TimeML TIMEX3 values
//! against the publication date.
//!
//! **Reads** the article layer's output: the text, its sentences (byte
//! spans) and the publication date. **Adds** a [`Timex`] for every date,
//! time, duration and set the text states, with its TIMEX3 value, modifier,
//! anchor and interval. **Runs** second, after the article layer and before
//! the others, which read its output (the figure layer dates its claims with
//! it): article → **time** → entities → quotes → resolve → figures.
//!
//! Expressions are found by one compiled pattern over the text (so the scan
//! is a single pass of a lazy DFA), then each match is interpreted: absolute
//! dates, weekdays and month-days resolved by the tense of their sentence,
//! `last week`, `two years ago`, quarters, seasons, durations, sets,
//! clock times and the PRESENT/PAST/FUTURE references. Without a
//! publication date, relative expressions keep no value rather than an
//! invented one.
//!
//! The steps, in the order `extract` runs them for each match:
//! - `patterns`: the pattern, and which form a match took (`locate`);
//! - `interpret`: the match read with the words around it (`expr`), the
//!   tense of its clause (`tense`) and what the article said before
//!   (`context`), then handed to the step for its form: `dates`,
//!   `year_parts`, `decades`, `relative`, `days`, `clock`, `durations`,
//!   `references`;
//! - `finish`: the value checked against the calendar, noted in the
//!   context, and written out with its modifier and `interval`.
//!
//! The values themselves are built by `calendar` (years, dates, weeks,
//! month arithmetic, the weekday or year a bare `Tuesday` or `in March`
//! names), `numbers` and `durations`.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::span::Span;

mod calendar;
mod clock;
mod context;
mod dates;
mod days;
mod decades;
mod durations;
mod expr;
mod finish;
mod interpret;
mod interval;
mod numbers;
mod patterns;
mod references;
mod relative;
mod tense;
mod year_parts;

use context::Context;
use finish::finish;
use interpret::interpret;
pub use interval::interval_of;
use patterns::{locate, TIMEX};

/// The TimeML type of a temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum TimexKind {
    /// A calendar date or period: `October 7`, `last week`, `2023`, `the third quarter`.
    Date,
    /// A time of day: `10:30 GMT`, `Sunday evening`, `tonight`.
    Time,
    /// A length of time: `three days`, `the past two months`.
    Duration,
    /// A recurrence: `daily`, `every Monday`.
    Set,
}

impl TimexKind {
    /// The TimeML name: `DATE`, `TIME`, `DURATION` or `SET`.
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// A TimeML modifier of a temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum TimexMod {
    /// `early`, `earlier this`: the start of the period.
    Start,
    /// `mid-`: the middle.
    Mid,
    /// `late`, `the end of`: the end.
    End,
    /// `about`, `around`, `some`.
    Approx,
    /// `more than`, `over`.
    MoreThan,
    /// `less than`, `almost`, `under`.
    LessThan,
    /// `nearly`, `up to`, `no more than`.
    EqualOrLess,
    /// `at least`.
    EqualOrMore,
}

impl TimexMod {
    /// The TimeML name (`START`, `MORE_THAN`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
        }
    }
}

/// The first and last instant an expression can mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    /// The first instant.
    pub first: NaiveDateTime,
    /// The last instant.
    pub last: NaiveDateTime,
}

/// A temporal expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimexKind,
    /// The TIMEX3 value (`2023-11-05TEV`, `2023-W45`, `P3D`, `PRESENT_REF`,
    /// `XXXX-10-07`), or `None` when it cannot be resolved (a relative
    /// expression in an article without a publication date).
    pub value: Option<String>,
    /// A modifier: `START`, `END`, `APPROX`, `MORE_THAN`, ...
    #[serde(rename = "mod")]
    pub modifier: Option<TimexMod>,
    /// What a relative expression was resolved against: the publication
    /// date (`2023-11-06`); `None` for absolute expressions.
    pub anchor: Option<String>,
    /// The first and last instant of a DATE or TIME value, when it has them.
    pub interval: Option<Interval>,
}

/// Finds and normalises the temporal expressions of `text` within `body`,
/// sentence by sentence (`sentences` are byte spans), against `dct`.
pub(crate) fn extract(text: &str, sentences: &[Span], dct: Option<NaiveDate>) -> Vec<Timex> {
    // Dates are counted from within the four-digit years only, so that day
    // arithmetic never nears the ends of the calendar.
    let dct = dct.filter(|d| (1..=9999).contains(&d.year()));
    let mut out = Vec::new();
    let mut ctx = Context::default();
    for s in sentences {
        let sentence = s.slice(text);
        // Where the last expression listed in this sentence ends.
        let mut last_end = 0;
        for m in TIMEX.find_iter(sentence) {
            let Some(hit) = locate(sentence, &m, last_end) else {
                continue;
            };
            let span = Span::new(s.start + hit.start, s.start + hit.end);
            let Some(found) = interpret(&hit, sentence, span, dct, &ctx) else {
                continue;
            };
            last_end = hit.end;
            out.push(finish(text, found, dct, &mut ctx));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, dct: &str) -> Vec<(String, String, Option<String>)> {
        let dct = NaiveDate::parse_from_str(dct, "%Y-%m-%d").ok();
        extract(text, &[Span::new(0, text.len())], dct)
            .into_iter()
            .map(|t| (t.text, t.kind.as_str().to_string(), t.value))
            .collect()
    }

    fn values(text: &str, dct: &str) -> Vec<(String, String)> {
        find(text, dct)
            .into_iter()
            .map(|(t, _, v)| (t, v.unwrap_or_default()))
            .collect()
    }

    fn v(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn seed_expressions() {
        assert_eq!(
            values("Mr Al Sudani met US Secretary of State Antony Blinken in Baghdad on Sunday evening.", "2023-11-06"),
            v(&[("Sunday evening", "2023-11-05TEV")])
        );
        assert_eq!(
            values("Days after Hamas fighters killed more than 1,400 people in Israel on October 7, militias resumed attacks.", "2023-11-06"),
            v(&[("October 7", "2023-10-07")])
        );
        assert_eq!(
            values("He will visit on Sunday.", "2023-11-06"),
            v(&[("Sunday", "2023-11-12")])
        );
    }

    #[test]
    fn relative_periods() {
        let d = "1998-03-01";
        assert_eq!(
            values("Prices fell last week.", d),
            v(&[("last week", "1998-W08")])
        );
        assert_eq!(
            values("Sales rose last year and this year.", d),
            v(&[("last year", "1997"), ("this year", "1998")])
        );
        assert_eq!(
            values("It happened two years ago.", d),
            v(&[("two years ago", "1996")])
        );
        assert_eq!(
            values("It fell yesterday and will rise tomorrow.", d),
            v(&[("yesterday", "1998-02-28"), ("tomorrow", "1998-03-02")])
        );
        assert_eq!(
            values("He said so earlier this month.", d),
            v(&[("earlier this month", "1998-03")])
        );
        assert_eq!(
            values("Profit rose in the third quarter.", "1989-11-02"),
            v(&[("the third quarter", "1989-Q3")])
        );
        assert_eq!(values("It is open now.", d), v(&[("now", "PRESENT_REF")]));
    }

    #[test]
    fn tense_comes_from_the_nearest_verb_group() {
        // Wednesday 2000-01-05.
        let d = "2000-01-05";
        assert_eq!(
            values("The team planned to leave Nairobi on Thursday.", d),
            v(&[("Thursday", "2000-01-06")])
        );
        assert_eq!(
            values("The offer had been due to expire Friday evening.", d),
            v(&[("Friday evening", "1999-12-31TEV")])
        );
        assert_eq!(
            values("They could arrive as soon as Monday, Castro said.", d),
            v(&[("Monday", "2000-01-10")])
        );
        assert_eq!(
            values("On Monday, the ministers met in Nairobi.", d),
            v(&[("Monday", "2000-01-03")])
        );
        // `next to` is a place, not the future.
        assert_eq!(
            values("A bomb exploded next to the embassy on Monday.", d),
            v(&[("Monday", "2000-01-03")])
        );
        assert_eq!(
            values("The pact takes hold, effective Feb. 1.", "1989-10-26"),
            v(&[("Feb. 1", "1990-02-01")])
        );
        assert_eq!(
            values(
                "He was shot to death on the night of Oct. 23.",
                "1999-05-05"
            ),
            v(&[("Oct. 23", "1998-10-23")])
        );
    }

    #[test]
    fn clock_times_with_their_day() {
        let d = "1998-02-13";
        assert_eq!(
            find("He was seized at 10 p.m. Wednesday, police said.", d),
            vec![(
                "10 p.m. Wednesday".into(),
                "TIME".into(),
                Some("1998-02-11T22:00".into())
            )]
        );
        assert_eq!(
            values(
                "Talks broke off at noon Thursday. They met at around 7:15 p.m.",
                d
            ),
            v(&[
                ("noon Thursday", "1998-02-12T12:00"),
                ("around 7:15 p.m.", "1998-02-12T19:15")
            ])
        );
        assert_eq!(
            values("The offer runs until 5 p.m. EST Nov. 9.", "1989-11-01"),
            v(&[("5 p.m. EST Nov. 9", "1989-11-09T17:00")])
        );
    }

    #[test]
    fn months_and_quarters_with_their_year() {
        let d = "1998-03-01";
        assert_eq!(
            values("In January this year and in June last year, it fell.", d),
            v(&[
                ("January this year", "1998-01"),
                ("June last year", "1997-06")
            ])
        );
        assert_eq!(
            values(
                "The Times said in an editorial on Saturday, April 25: no.",
                "1998-04-24"
            ),
            v(&[("Saturday, April 25", "1998-04-25")])
        );
        let d = "1989-10-26";
        assert_eq!(
            values("In the 1988 third quarter, it lost money.", d),
            v(&[("the 1988 third quarter", "1988-Q3")])
        );
        assert_eq!(
            values("Profit fell in the third quarter. A year earlier it rose. Year-ago results were hurt.", d),
            v(&[
                ("the third quarter", "1989-Q3"),
                ("A year earlier", "1988-Q3"),
                ("Year-ago", "1988-Q3")
            ])
        );
        assert_eq!(
            values("In the year-ago third quarter, it earned more.", d),
            v(&[("the year-ago third quarter", "1988-Q3")])
        );
        // Not dates: a name, an index level.
        assert_eq!(values("Jan Kavan of the Czech Republic spoke.", d), v(&[]));
        assert_eq!(values("The index closed at 2082.1 points.", d), v(&[]));
    }

    #[test]
    fn spelled_years_centuries_seasons_and_years_named_before() {
        let d = "1998-03-06";
        assert_eq!(
            values("In nineteen ninety-one he was convicted; in January nineteen ninety-seven he left.", d),
            v(&[("nineteen ninety-one", "1991"), ("January nineteen ninety-seven", "1997-01")])
        );
        assert_eq!(
            values(
                "by the year two thousand, in the winter of nineteen ninety-four",
                d
            ),
            v(&[
                ("the year two thousand", "2000"),
                ("the winter of nineteen ninety-four", "1994-WI")
            ])
        );
        assert_eq!(
            values("the fabled 11th century temple and the 20th century", d),
            v(&[("11th century", "10"), ("the 20th century", "19")])
        );
        assert_eq!(
            values(
                "hate groups dropped through the nineties and the early 1990s",
                d
            ),
            v(&[("the nineties", "199"), ("the early 1990s", "199")])
        );
        assert_eq!(
            values(
                "Sales rose over the summer. Prices fell in spring.",
                "1989-10-26"
            ),
            v(&[("the summer", "1989-SU"), ("spring", "1989-SP")])
        );
        assert_eq!(values("after the fall of Saigon", d), v(&[]));
        assert_eq!(
            values(
                "He fled in June 1998 and returned later that year. The following year he left.",
                "2000-01-07"
            ),
            v(&[
                ("June 1998", "1998-06"),
                ("later that year", "1998"),
                ("The following year", "1999")
            ])
        );
        assert_eq!(
            values("It closed on March 3. The following month, it reopened.", d),
            v(&[
                ("March 3", "1998-03-03"),
                ("The following month", "1998-04")
            ])
        );
    }

    #[test]
    fn durations_with_halves_and_more() {
        let d = "1998-03-06";
        assert_eq!(
            values(
                "They lived in camps for 2 1/2 years and then about 5 1/2 hours in Nairobi.",
                d
            ),
            v(&[("2 1/2 years", "P2Y6M"), ("about 5 1/2 hours", "PT5H30M")])
        );
        assert_eq!(
            values(
                "for at least 20 more years, within a few days, for almost two decades",
                d
            ),
            v(&[
                ("at least 20 more years", "P20Y"),
                ("a few days", "PXD"),
                ("almost two decades", "P20Y")
            ])
        );
        assert_eq!(
            values("In the last twenty four hours, a minute and a half", d),
            v(&[
                ("the last twenty four hours", "PT24H"),
                ("a minute and a half", "PT1M30S")
            ])
        );
    }

    #[test]
    fn review_cases() {
        // Huge counts and odd quarters: no panic, no overflowed value.
        for text in [
            "It formed 100000000 days ago.",
            "It formed 1000000000000000 days ago.",
            "99999999999999999999 years later it cooled.",
            "9999999999999999999 decades ago it began.",
            "2147480000 months later, nothing.",
            "13.8 billion years ago the universe began.",
        ] {
            let _ = values(text, "2023-11-06");
        }
        assert!(interval_of("2023-Q0").is_none());
        assert!(interval_of("2023-Q5").is_none());
        let d = "2000-01-05"; // a Wednesday
        assert_eq!(
            values("He was held until Tuesday.", d),
            v(&[("Tuesday", "2000-01-04")])
        );
        assert_eq!(
            values("Flights were cancelled due to the storm on Sunday.", d),
            v(&[("Sunday", "2000-01-02")])
        );
        assert_eq!(
            values("Shares rose more than expected on Tuesday.", d),
            v(&[("Tuesday", "2000-01-04")])
        );
        assert_eq!(
            values("In June, Biden said no.", d),
            v(&[("June", "1999-06")])
        );
        assert_eq!(
            values(
                "Flights leave every Monday and each Thursday; fares are set monthly.",
                d
            ),
            v(&[
                ("every Monday", "XXXX-WXX-1"),
                ("each Thursday", "XXXX-WXX-4"),
                ("monthly", "P1M")
            ])
        );
        assert_eq!(values("More than two thousand people fled.", d), v(&[]));
        assert_eq!(
            values("The year-ago results were restated.", "1989-10-26"),
            v(&[("The year-ago", "1988")])
        );
        assert_eq!(
            values("It will close by the year-end.", "1989-10-26"),
            v(&[("the year-end", "1989")])
        );
        assert_eq!(
            values("Crime fell in the nineties and the '90s.", "2023-11-06"),
            v(&[("the nineties", "199"), ("the '90s", "199")])
        );
    }

    #[test]
    fn durations_and_sets() {
        let d = "1998-03-01";
        assert_eq!(
            find("The talks lasted three days.", d),
            vec![("three days".into(), "DURATION".into(), Some("P3D".into()))]
        );
        assert_eq!(
            values("in the past two months", d),
            v(&[("the past two months", "P2M")])
        );
        assert_eq!(values("a two-year deal", d), v(&[("two-year", "P2Y")]));
        assert_eq!(
            values("for more than four hours", d),
            v(&[("more than four hours", "PT4H")])
        );
        assert_eq!(values("He runs daily.", d), v(&[("daily", "P1D")]));
    }

    #[test]
    fn absolute_forms() {
        let d = "2023-11-06";
        assert_eq!(
            values("On 7 October 2023 and on 2023-10-08.", d),
            v(&[
                ("7 October 2023", "2023-10-07"),
                ("2023-10-08", "2023-10-08")
            ])
        );
        assert_eq!(
            values("in March 2022 and in the 1990s", d),
            v(&[("March 2022", "2022-03"), ("the 1990s", "199")])
        );
        assert_eq!(values("In 2019, it began.", d), v(&[("2019", "2019")]));
        assert_eq!(
            values("at 10:30 GMT on Monday", d),
            v(&[("10:30 GMT", "2023-11-06T10:30Z"), ("Monday", "2023-11-06")])
        );
    }

    #[test]
    fn no_false_alarms() {
        let d = "2023-11-06";
        for text in [
            "He is in his 90s.",
            "You may go.",
            "The number is 20231106.",
            "More than 1,400 people died.",
            "The Sunday Times reported it.",
            "They march on the capital.",
            "Call 555-1234 now-ish.",
            "The score was 3-2.",
            "2000 troops were sent.",
        ] {
            let got: Vec<_> = find(text, d)
                .into_iter()
                .filter(|(t, _, _)| t != "now")
                .collect();
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }

    #[test]
    fn without_a_publication_date() {
        assert_eq!(
            find("On October 7 they met.", "")[0].2.as_deref(),
            Some("XXXX-10-07")
        );
        assert_eq!(find("They met yesterday.", "")[0].2, None);
        assert_eq!(find("In 2019 they met.", "")[0].2.as_deref(), Some("2019"));
    }

    /// Each expression of `text` with its value, `None` where it has none.
    fn raw(text: &str, dct: &str) -> Vec<(String, Option<String>)> {
        find(text, dct)
            .into_iter()
            .map(|(t, _, v)| (t, v))
            .collect()
    }

    fn some(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        pairs
            .iter()
            .map(|(t, v)| (t.to_string(), v.map(str::to_string)))
            .collect()
    }

    #[test]
    fn years_are_four_digits_within_the_calendar() {
        let d = "2023-11-06";
        // A year before 1000 has four digits; `the year 998` is no expression
        // the layer knows, and is left alone rather than read as a count.
        assert_eq!(
            raw(
                "The abbey, founded in the year 998, was rebuilt 1025 years ago, the bishop said.",
                d
            ),
            some(&[("1025 years ago", Some("0998"))])
        );
        // Year 0 and years before it have no TIMEX3 value.
        assert_eq!(
            raw(
                "Some 2023 years ago, in 0 AD, the town was a Roman camp.",
                d
            ),
            some(&[("Some 2023 years ago", None)])
        );
        assert_eq!(
            raw(
                "The city was founded 1,500 years ago, and the seal would hold 10000 years later.",
                d
            ),
            some(&[
                ("1,500 years ago", Some("0523")),
                ("10000 years later", None)
            ])
        );
        // Centuries count back in centuries (not the publication date).
        assert_eq!(
            raw(
                "The bridge was built two centuries ago and 3000 centuries ago.",
                d
            ),
            some(&[
                ("two centuries ago", Some("18")),
                ("3000 centuries ago", None)
            ])
        );
    }

    #[test]
    fn durations_past_the_calendar_keep_no_value() {
        let d = "2023-11-06";
        assert_eq!(
            raw(
                "The vault is built to last 10,000 years from now, engineers said.",
                d
            ),
            some(&[
                ("10,000 years", Some("P10000Y")),
                ("now", Some("PRESENT_REF"))
            ])
        );
        assert_eq!(
            raw("The model says the star will burn for 9223372036854775807 years, or 100000000000000000000 years.", d),
            some(&[("9223372036854775807 years", None), ("100000000000000000000 years", None)])
        );
        // A number that an expression before holds part of is not read
        // whole: expressions never overlap.
        let found = raw(
            "The vote on May 5,000 years after the founding was close.",
            d,
        );
        assert_eq!(
            found[0],
            ("May 5".to_string(), Some("2023-05-05".to_string()))
        );
        assert!(found.iter().all(|(t, _)| t != "5,000 years"), "{found:?}");
        assert_eq!(
            raw("The drill ran for 10,000 hours over two decades.", d),
            some(&[
                ("10,000 hours", Some("PT10000H")),
                ("over two decades", Some("P20Y"))
            ])
        );
    }

    #[test]
    fn relative_expressions_at_the_ends_of_the_calendar() {
        // Nothing is invented past 9999-12-31 or before 0001-01-01.
        assert_eq!(
            raw("The ministers will meet tomorrow, next week and again next year, and did in January.", "9999-12-31"),
            some(&[
                ("tomorrow", None),
                ("next week", None),
                ("next year", None),
                ("January", Some("9999-01")),
            ])
        );
        assert_eq!(
            raw(
                "Talks ended yesterday and last year, as in the nineties, the envoy said.",
                "0001-01-01"
            ),
            some(&[
                ("yesterday", None),
                ("last year", None),
                ("the nineties", None)
            ])
        );
        // Early years are padded: decades to three digits, years to four.
        assert_eq!(
            raw(
                "Harvests this year beat the nineties and the first half of this year.",
                "0999-06-01"
            ),
            some(&[
                ("this year", Some("0999")),
                ("the nineties", Some("099")),
                ("the first half of this year", Some("0999-H1")),
            ])
        );
    }

    #[test]
    fn never_panics_on_mixed_text() {
        const POOL: &[&str] = &[
            "–",
            "’",
            "é",
            "🇮🇶",
            " ",
            "on ",
            "Sunday",
            " evening",
            "May",
            "2023",
            "-11-06",
            "10:30",
            " p.m.",
            "last ",
            "week",
            "two",
            " years ago",
            "the ",
            "third quarter",
            "ago",
            "Oct.",
            " 7",
            ",",
            "1,400",
            "$",
            "1990s",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..(state % 12 + 1) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push_str(POOL[(state % POOL.len() as u64) as usize]);
            }
            for dct in ["2023-11-06", ""] {
                for t in find(&s, dct) {
                    assert!(!t.0.is_empty(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn intervals() {
        let i = interval_of("2023-11-05TEV").unwrap();
        assert_eq!(i.first.to_string(), "2023-11-05 18:00:00");
        let i = interval_of("1998-W08").unwrap();
        assert_eq!(
            (i.first.date().to_string(), i.last.date().to_string()),
            ("1998-02-16".into(), "1998-02-22".into())
        );
        assert_eq!(
            interval_of("1989-Q3").unwrap().last.date().to_string(),
            "1989-09-30"
        );
        assert!(interval_of("PRESENT_REF").is_none());
    }
}
