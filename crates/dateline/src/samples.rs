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
        crate::input::read_text(self.text.as_bytes(), origin, Some(self.id().to_string()))
            .expect("the bundled samples are valid articles (tested)")
    }
}

/// The bundled samples: a dateline header on the kicker's line, a
/// publication line above a title, and a header with time and zone on the
/// first sentence's line.
pub const SAMPLES: &[Sample] = &[
    Sample {
        name: "basra-floods.txt",
        text: include_str!("../samples/basra-floods.txt"),
    },
    Sample {
        name: "ankara-talks.txt",
        text: include_str!("../samples/ankara-talks.txt"),
    },
    Sample {
        name: "gaza-aid-vote.txt",
        text: include_str!("../samples/gaza-aid-vote.txt"),
    },
];
