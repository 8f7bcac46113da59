//! The extent ECB+ marks an event mention with, where it is more than the
//! trigger word: a phrasal verb with its particle (`pulled over`, `gunned
//! down`), `according to`, `drunk driving`, `opened fire`. Kept beside the
//! record's mentions for the evaluation rows; the corpus keeps the
//! trigger words as the event layer gave them.

use crate::article::segment::Token;

use super::record::Record;

impl Record {
    /// Records the ECB+ extent of each event mention that has one, read
    /// from the article's parsed tokens (none without the syntax layer).
    pub(crate) fn add_event_extents(&mut self, text: &str, tokens: &[Token]) {
        let word = |i: usize| text.get(tokens[i].start..tokens[i].end).unwrap_or_default();
        let mut out = Vec::new();
        for m in self.events.iter().flat_map(|e| &e.mentions) {
            let i = tokens.partition_point(|t| t.start < m.0);
            if i >= tokens.len() || tokens[i].start != m.0 || tokens[i].end != m.1 {
                continue;
            }
            let (mut start, mut end) = (m.0, m.1);
            let syntax = |k: usize| tokens.get(k).and_then(|t| t.syntax.as_ref());
            // A particle of the verb right after it, and `according to`.
            if syntax(i + 1).is_some_and(|s| s.dep == "compound:prt" && s.head == Some(i))
                || (word(i).eq_ignore_ascii_case("according")
                    && i + 1 < tokens.len()
                    && word(i + 1).eq_ignore_ascii_case("to"))
            {
                end = tokens[i + 1].end;
            }
            if i > 0 {
                let before = word(i - 1).to_ascii_lowercase();
                let opens = syntax(i).is_some_and(|s| s.head == Some(i - 1))
                    && syntax(i - 1).is_some_and(|s| s.lemma.eq_ignore_ascii_case("open"));
                if matches!(before.as_str(), "drunk" | "drunken")
                    || (word(i).eq_ignore_ascii_case("fire") && opens)
                {
                    start = tokens[i - 1].start;
                }
            }
            if (start, end) != (m.0, m.1) {
                out.push((m.0, start, end));
            }
        }
        out.sort_unstable();
        out.dedup_by_key(|x| x.0);
        self.event_extents = out;
    }
}
