//! Sample articles written by the dateline team for demonstrations and
//! tests (not taken from any publication; the people quoted are invented).

/// A bundled sample article: a file name and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// File name of the sample (its id is the name without `.txt`).
    pub name: &'static str,
    /// The article text, as a file would hold it.
    pub text: &'static str,
}

impl Sample {
    /// The sample's id: its file name without the extension.
    pub fn id(&self) -> &'static str {
        self.name.trim_end_matches(".txt")
    }

    /// The sample as an article, with its id and the origin `samples/<name>`.
    pub fn article(&self) -> crate::Article {
        let origin = crate::Origin::file(format!("samples/{}", self.name));
        crate::article::input::read_text(self.text.as_bytes(), origin, Some(self.id().to_string()))
            .expect("the bundled samples are valid articles (tested)")
    }
}

/// The bundled samples: a dateline header on the kicker's line, a
/// publication line above a title, and a header with time and zone on the
/// first sentence's line.
pub const SAMPLES: &[Sample] = &[
    Sample {
        name: "basra-floods.txt",
        text: include_str!("../../samples/basra-floods.txt"),
    },
    Sample {
        name: "ankara-talks.txt",
        text: include_str!("../../samples/ankara-talks.txt"),
    },
    Sample {
        name: "gaza-aid-vote.txt",
        text: include_str!("../../samples/gaza-aid-vote.txt"),
    },
];

pub mod corpus;

/// Text shapes that have no natural end, for scaling tests and
/// `dateline bench scaling`: each grows to any size, and every layer must
/// stay linear in it (see `docs/limits.md`).
pub mod stress {
    /// A shape of text.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum Shape {
        /// `the minister said that government would consider again and ...`
        /// without a full stop: every cue opens a report to the sentence end.
        Said,
        /// `"He said "He said ...`: straight quotation marks that never close
        /// where a reader expects.
        StraightQuotes,
        /// `“He said “He said ...`: curly quotation marks that never close.
        CurlyQuotes,
        /// `Mr Mr Mr ...`: honorifics with no name.
        Honorifics,
        /// `Secretary of State Secretary of State ...`: titles with no holder.
        Titles,
        /// A run of capitalised words with no full stop.
        Capitals,
        /// `0, 1, 2, 3, ...`: a list of numbers with no end.
        Numbers,
        /// `The Kakaka Rokaka Council (KRC) said KRC and KRC ...`: thousands
        /// of bodies each giving an acronym in brackets, and acronyms used
        /// again and again.
        Acronyms,
        /// Ordinary news: the bundled samples and generated reports naming
        /// thousands of different people, organisations and places.
        News,
    }

    impl Shape {
        /// Every shape.
        pub const ALL: &'static [Shape] = &[
            Shape::Said,
            Shape::StraightQuotes,
            Shape::CurlyQuotes,
            Shape::Honorifics,
            Shape::Titles,
            Shape::Capitals,
            Shape::Numbers,
            Shape::Acronyms,
            Shape::News,
        ];

        /// A short name for reports.
        pub fn name(&self) -> &'static str {
            match self {
                Shape::Said => "said",
                Shape::StraightQuotes => "straight-quotes",
                Shape::CurlyQuotes => "curly-quotes",
                Shape::Honorifics => "honorifics",
                Shape::Titles => "titles",
                Shape::Capitals => "capitals",
                Shape::Numbers => "numbers",
                Shape::Acronyms => "acronyms",
                Shape::News => "news",
            }
        }

        /// An article of this shape of about `bytes` bytes (never more),
        /// after a dateline header.
        pub fn text(&self, bytes: usize) -> String {
            let mut out = String::with_capacity(bytes + 64);
            out.push_str(" date 2023-11-06 ");
            let mut i = 0usize;
            loop {
                let before = out.len();
                match self {
                    Shape::Said => {
                        out.push_str("the minister said that government would consider again and ")
                    }
                    Shape::StraightQuotes => out.push_str("\"He said "),
                    Shape::CurlyQuotes => out.push_str("\u{201c}He said "),
                    Shape::Honorifics => out.push_str("Mr "),
                    Shape::Titles => out.push_str("Secretary of State "),
                    Shape::Capitals => {
                        out.push_str(WORDS[(i * 7 + i / 12) % WORDS.len()]);
                        out.push(' ');
                    }
                    Shape::Numbers => {
                        out.push_str(&i.to_string());
                        out.push_str(", ");
                    }
                    Shape::Acronyms => {
                        let (mut a, mut b) = (String::new(), String::new());
                        name(i * 2, &mut a);
                        name(i * 2 + 1, &mut b);
                        let acr = format!("{}{}C", &a[..1], &b[..1]);
                        out.push_str(&format!(
                            "The {a} {b} Council ({acr}) said {acr} and KRC would act. "
                        ));
                    }
                    Shape::News => {
                        if i % 8 == 0 {
                            out.push_str(super::SAMPLES[(i / 8) % super::SAMPLES.len()].text);
                        } else {
                            news_report(i, &mut out);
                        }
                        out.push_str("\n\n");
                    }
                }
                if out.len() > bytes {
                    out.truncate(before.max(17));
                    break;
                }
                i += 1;
            }
            out
        }
    }

    const WORDS: &[&str] = &[
        "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
        "Juliet", "Kilo", "Lima",
    ];

    const SYLLABLES: &[&str] = &[
        "ka", "ro", "mi", "sa", "lun", "te", "vo", "dar", "ne", "bi", "hal", "qu", "zer", "po",
        "ev", "lin",
    ];

    /// A generated capitalised name, different for each `n`.
    fn name(mut n: usize, out: &mut String) {
        let start = out.len();
        for _ in 0..3 {
            out.push_str(SYLLABLES[n % SYLLABLES.len()]);
            n /= SYLLABLES.len();
        }
        out[start..start + 1].make_ascii_uppercase();
    }

    /// A paragraph of a generated report: a person, an organisation and a
    /// place of their own, a quote, a figure and pronouns.
    fn news_report(i: usize, out: &mut String) {
        out.push_str("Foreign Minister ");
        name(i * 3, out);
        out.push(' ');
        name(i * 3 + 1, out);
        out.push_str(" of the ");
        name(i * 3 + 2, out);
        out.push_str(" Group said on Monday that he would visit ");
        name(i * 5 + 7, out);
        out.push_str(" next week. \u{201c}We have lost 12 people in two days,\u{201d} he told reporters. It said 1,400 families were displaced, according to ");
        name(i * 11 + 3, out);
        out.push_str(" officials. The minister and his deputy left for the capital.");
    }
}
