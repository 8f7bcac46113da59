//! UD English tokenisation inside one sentence.
//!
//! Text is cut at white space; each chunk then loses its leading and
//! trailing punctuation (one token per mark, a run of the same mark such as
//! `...` or `!!` is one token), hyphens between letters stand apart
//! (`long-term` = long + - + term, but `e-mail`, `non-Microsoft` and
//! `303-832-8160` stay whole), and clitics come off as the words of one
//! multiword token: `don't` = do + n't, `can't` = ca + n't, `cannot` =
//! can + not, `company's` = company + 's, `companies'` = companies + ',
//! `I'm`, `we've`, `they're`, `she'll`, `he'd`, `gonna` = gon + na. URLs,
//! e-mail addresses, numbers (`1,400`, `3.5`, `10:30`), file names and
//! abbreviations (`U.S.`, `Mr.`, `Inc.`) stay whole.

use unicode_segmentation::UnicodeSegmentation;

use crate::span::Span;

/// One word found by the tokeniser: a byte span into the text and, for the
/// words of a multiword token, the index of the token's first word and the
/// number of words it holds (relative to the sentence's first word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawWord {
    /// Byte span of the word in the text (the word's own characters).
    pub span: Span,
    /// `(first, last)` word indices of the multiword token this word
    /// belongs to, counted from the first word of the whole output vector.
    pub mwt: Option<(usize, usize)>,
}

/// Abbreviations that keep their full stop (lower case, without it).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "inc", "corp", "co", "ltd", "llc", "vs",
    "etc", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "rev", "hon",
    "pres", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "vol", "fig", "approx", "dept", "est", "mt", "ft", "ave", "blvd", "rd", "e.g",
    "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "mass", "calif", "fla", "wash", "al", "cf", "ca",
    "messrs", "univ", "assn", "bros", "ph.d", "pp", "op", "ext", "pvt", "sts", "drs",
];

/// Contractions written without their apostrophe, as web text writes them
/// (`dont` = do + nt, `im` = i + m), with the byte length of the first word.
/// Words that are also plain words (`ill`, `id`, `lets`, `its`) are left out.
const BARE_CONTRACTIONS: &[(&str, usize)] = &[
    ("dont", 2),
    ("didnt", 3),
    ("doesnt", 4),
    ("cant", 2),
    ("wont", 2),
    ("isnt", 2),
    ("wasnt", 3),
    ("arent", 3),
    ("werent", 4),
    ("havent", 4),
    ("hasnt", 3),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("im", 1),
    ("ive", 1),
    ("thats", 4),
    ("whats", 4),
    ("youre", 3),
    ("alot", 1),
    ("outta", 3),
];

/// Emoticons, each one token (`:-)`, `;)`).
const EMOTICONS: &[&str] = &[
    ":-)", ":)", ":-(", ":(", ";-)", ";)", ":-D", ":D", ":-P", ":P", ":p", ":-/", ":/", ":'(",
    "=)", ":o)", ":-*", "^_^", "<3",
];

/// Hyphenated prefixes that stay attached (`e-mail`, `non-avian`).
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "mis", "counter", "co", "re", "pre", "anti", "cross", "multi", "semi", "ex",
    "inter", "sub", "post", "pro", "un", "mid", "over", "under", "bi", "de", "x", "mr", "t",
    "vice",
];

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Leading characters that are always a token of their own.
fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '“' | '‘' | '«' | '`' | '\'' | '*' | '<' | '¿' | '¡' | '„' | '#'
    ) || matches!(
        c,
        '-' | '–' | '—' | '~' | '=' | '…' | ',' | ';' | ':' | '!' | '?' | '.'
    )
}

/// Trailing characters that are always a token of their own (a full stop is
/// decided apart).
fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '”'
            | '’'
            | '\''
            | '»'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '…'
            | '*'
            | '>'
            | '-'
            | '–'
            | '—'
            | '~'
            | '='
            | '`'
    )
}

/// True for a URL or an e-mail address.
pub fn is_url_like(s: &str) -> bool {
    s.contains("://")
        || s.starts_with("www.")
        || (s.contains('@') && s.find('@').is_some_and(|i| i > 0 && i + 1 < s.len()))
}

/// Cuts the sentence `span` of `text` into words, appending them to `out`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<RawWord>) {
    let s = &text[span.start..span.end];
    let base = span.start;
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        // Skip white space.
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let mut j = i;
        while j < bytes.len() {
            let c = s[j..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                break;
            }
            j += c.len_utf8();
        }
        chunk(s, i, j, base, out);
        i = j;
    }
}

fn push(out: &mut Vec<RawWord>, base: usize, a: usize, b: usize) {
    if a < b {
        out.push(RawWord {
            span: Span::new(base + a, base + b),
            mwt: None,
        });
    }
}

/// The end of the run of `c` starting at `a` in `s` (byte offset).
fn run_end(s: &str, a: usize, c: char) -> usize {
    let mut e = a;
    for d in s[a..].chars() {
        if d != c {
            break;
        }
        e += d.len_utf8();
    }
    e
}

/// Tokenises one white-space-free chunk `s[a..b]`.
fn chunk(s: &str, mut a: usize, mut b: usize, base: usize, out: &mut Vec<RawWord>) {
    // Leading punctuation.
    let mut tail: Vec<(usize, usize)> = Vec::new();
    loop {
        if a >= b {
            break;
        }
        let rest = &s[a..b];
        if is_url_like(rest) && !rest.starts_with(['(', '"', '“', '<', '[']) {
            break;
        }
        if let Some(e) = EMOTICONS.iter().find(|e| {
            rest.starts_with(**e) && !rest[e.len()..].starts_with(|d: char| d.is_alphanumeric())
        }) {
            push(out, base, a, a + e.len());
            a += e.len();
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        // `'s`, `'re`, `n't` standing alone (after a space): one word.
        if is_apos(c) && clitic_len(rest).is_some_and(|l| l == rest.len()) {
            break;
        }
        // A number like `.5` or `-3`.
        if matches!(c, '.' | '-')
            && rest[1..].starts_with(|d: char| d.is_ascii_digit())
            && (c == '.' || rest.len() > 1)
        {
            break;
        }
        if c == '\'' && rest.len() > 1 && rest[1..].starts_with(|d: char| d.is_ascii_digit()) {
            // '90s
            break;
        }
        // `#audiobooks`: a hashtag is one word.
        if c == '#' && rest[1..].starts_with(|d: char| d.is_alphabetic()) {
            break;
        }
        if is_open_punct(c) {
            let e = if c == '`' && rest.starts_with("``") {
                a + 2
            } else {
                run_end(s, a, c).min(b)
            };
            push(out, base, a, e);
            a = e;
            continue;
        }
        if c.is_alphanumeric() || c == '$' || c == '@' || c == '%' || c == '&' || c == '/' {
            // `$`, `%` and similar stand alone when followed by a word.
            if matches!(c, '$' | '%' | '&' | '/' | '@') && rest.len() > 1 {
                // A run of one symbol (`$$$`) is one token.
                let e = run_end(s, a, c).min(b);
                push(out, base, a, e);
                a = e;
                continue;
            }
            break;
        }
        // Any other symbol: one token per character (a whole grapheme
        // cluster: a flag's two regional indicators, an emoji with its
        // modifiers and joiners) when something follows.
        let g = rest.graphemes(true).next().unwrap_or(rest);
        if g.len() < rest.len() && !c.is_alphanumeric() {
            // A run of one ASCII symbol (`____`, `^^^`) is one token.
            let e = if c.is_ascii() {
                run_end(s, a, c).min(b)
            } else {
                a + g.len()
            };
            push(out, base, a, e);
            a = e;
            continue;
        }
        break;
    }
    // Trailing punctuation, innermost last.
    loop {
        if a >= b {
            break;
        }
        let rest = &s[a..b];
        let c = rest.chars().next_back().unwrap_or(' ');
        if let Some(e) = EMOTICONS
            .iter()
            .find(|e| rest.len() > e.len() && rest.ends_with(**e))
        {
            tail.push((b - e.len(), b));
            b -= e.len();
            continue;
        }
        // A run of mixed final marks (`?!`, `!.`, `.?`) is one token.
        let marks = rest
            .bytes()
            .rev()
            .take_while(|m| matches!(m, b'.' | b'!' | b'?'))
            .count();
        if marks > 1 && marks < rest.len() && rest[rest.len() - marks..].bytes().any(|m| m != b'.')
        {
            tail.push((b - marks, b));
            b -= marks;
            continue;
        }
        if c == '.' {
            // A run of full stops (`...`) is one token.
            let mut st = b - 1;
            while st > a && s.as_bytes()[st - 1] == b'.' {
                st -= 1;
            }
            if b - st > 1 {
                tail.push((st, b));
                b = st;
                continue;
            }
            if st == a {
                tail.push((st, b));
                b = st;
                continue;
            }
            let word = &s[a..st];
            if keeps_stop(word) {
                break;
            }
            tail.push((st, b));
            b = st;
            continue;
        }
        if c == '%' && rest.len() > 1 {
            tail.push((b - 1, b));
            b -= 1;
            continue;
        }
        if is_close_punct(c) {
            if is_apos(c) && rest.chars().count() > 2 {
                // `companies'`: a possessive after a plural `s`.
                let before = &rest[..rest.len() - c.len_utf8()];
                if before.ends_with(['s', 'S']) && before.chars().all(is_word_char) {
                    break;
                }
            }
            let mut st = b - c.len_utf8();
            while st > a && s[..st].ends_with(c) {
                st -= c.len_utf8();
            }
            if st == a
                && rest.chars().count() > 1
                && !matches!(c, '-' | '=' | '*' | '~' | '>' | '!' | '?')
            {
                st = b - c.len_utf8();
            }
            tail.push((st, b));
            b = st;
            continue;
        }
        break;
    }
    if a < b {
        core(s, a, b, base, out);
    }
    for &(x, y) in tail.iter().rev() {
        push(out, base, x, y);
    }
}

/// True when a word keeps its final full stop: an abbreviation, an initial,
/// or a word with a full stop inside (`U.S`).
fn keeps_stop(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let n = word.chars().count();
    if n == 1 && word.chars().all(|c| c.is_alphabetic()) {
        return true;
    }
    // `U.S`, `e.g`, `Ph.D`: letters with internal stops.
    word.contains('.')
        && word.chars().all(|c| c.is_alphabetic() || c == '.')
        && word.split('.').all(|p| p.chars().count() <= 3)
}

/// Length in bytes of a clitic at the start of `s` (`'s`, `'re`, `n't`...),
/// when `s` starts with one.
fn clitic_len(s: &str) -> Option<usize> {
    let mut it = s.char_indices();
    let (_, c0) = it.next()?;
    if is_apos(c0) {
        let rest = &s[c0.len_utf8()..];
        let lower: String = rest.chars().take(3).flat_map(char::to_lowercase).collect();
        for cl in ["s", "re", "ve", "ll", "d", "m"] {
            if lower.starts_with(cl) && !rest[cl.len()..].starts_with(|c: char| c.is_alphanumeric())
            {
                return Some(c0.len_utf8() + cl.len());
            }
        }
        return None;
    }
    if (c0 == 'n' || c0 == 'N') && s.len() >= 3 {
        let rest = &s[1..];
        let c1 = rest.chars().next()?;
        if is_apos(c1) {
            let r2 = &rest[c1.len_utf8()..];
            if r2.starts_with(['t', 'T']) && !r2[1..].starts_with(|c: char| c.is_alphanumeric()) {
                return Some(1 + c1.len_utf8() + 1);
            }
        }
    }
    None
}

/// The core of a chunk, without its outer punctuation: hyphens, inner
/// punctuation and clitics.
fn core(s: &str, a: usize, b: usize, base: usize, out: &mut Vec<RawWord>) {
    let w = &s[a..b];
    if is_url_like(w) {
        push(out, base, a, b);
        return;
    }
    // Split at hyphens between letters, and at `,;!?` or `"` between words
    // (`word,word`), keeping numbers and file names whole.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut start = a;
    let chars: Vec<(usize, char)> = w.char_indices().map(|(i, c)| (a + i, c)).collect();
    let mut k = 0;
    while k < chars.len() {
        let (pos, c) = chars[k];
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let next = chars.get(k + 1).map(|x| x.1);
        let split_here = match c {
            '-' | '–' | '—' => {
                let left = &s[start..pos];
                let run = run_end(s, pos, c).min(b);
                let after = &s[run..b];
                // The last group before the hyphen: `303-832-8160` stays whole.
                let group = left.rsplit(['-', '–', '—']).next().unwrap_or(left);
                let left_digits = !group.is_empty() && group.chars().all(|d| d.is_ascii_digit());
                let right_digits = after.starts_with(|d: char| d.is_ascii_digit());
                let prefix = HYPHEN_PREFIXES.contains(&left.to_lowercase().as_str());
                !left.is_empty()
                    && !after.is_empty()
                    && (!left_digits || !right_digits)
                    && (!prefix || run != pos + c.len_utf8())
            }
            '/' => {
                // `and/or`, `East/West`: a slash between two words of letters.
                let left = &s[start..pos];
                let after = &s[pos + 1..b];
                let word = |x: &str| x.chars().count() > 1 && x.chars().all(char::is_alphabetic);
                word(left) && after.split('/').next().is_some_and(word)
            }
            ',' | ';' | '!' | '?' | '"' | '“' | '”' | '(' | ')' => {
                // `1,400` stays whole.
                !(c == ','
                    && prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit()))
            }
            '.' => {
                // `quality.You`: a full stop between a lower-case word and a capital.
                prev.is_some_and(|p| p.is_lowercase())
                    && next.is_some_and(|n| n.is_uppercase())
                    && s[pos + 1..b]
                        .chars()
                        .skip(1)
                        .all(|c| c.is_lowercase() || is_apos(c))
                    && !s[start..pos].contains('.')
            }
            _ => false,
        };
        if split_here {
            if start < pos {
                pieces.push((start, pos));
            }
            let e = run_end(s, pos, c).min(b);
            pieces.push((pos, e));
            start = e;
            k = chars.partition_point(|x| x.0 < e);
            continue;
        }
        k += 1;
    }
    if start < b {
        pieces.push((start, b));
    }
    for (x, y) in pieces {
        clitics(s, x, y, base, out);
    }
}

/// Splits clitics off one piece and pushes its words, as a multiword token
/// when there are several.
fn clitics(s: &str, a: usize, b: usize, base: usize, out: &mut Vec<RawWord>) {
    let w = &s[a..b];
    let lower = w.to_lowercase();
    let mut cuts: Vec<usize> = Vec::new();
    if lower.len() == w.len() {
        // Byte positions in `lower` match `w` (no case change of length).
        let l = lower.as_str();
        let n = l.len();
        let ends_nt = |suffix: &str| l.ends_with(suffix);
        if n > 3 && (ends_nt("n't") || ends_nt("n’t")) {
            let nt = if ends_nt("n't") { 3 } else { 5 };
            let stem = &l[..n - nt];
            // `can't` = ca + n't, `won't` = wo + n't.
            if !stem.is_empty() && stem.chars().all(|c| c.is_alphabetic()) {
                cuts.push(n - nt);
            }
        } else if matches!(l, "cannot" | "gonna" | "wanna" | "gotta") {
            cuts.push(3);
        } else if let Some(&(_, cut)) = BARE_CONTRACTIONS.iter().find(|(c, _)| *c == l) {
            cuts.push(cut);
        } else {
            // `'s`, `'re`, `'ve`, `'ll`, `'d`, `'m`, and `s'`.
            for (k, c) in l.char_indices().rev() {
                if is_apos(c) {
                    // `the 80's`, `under 12's`: a number's plural stays whole.
                    let number = l[..k].bytes().all(|d| d.is_ascii_digit());
                    let clitic = k > 0 && !number && clitic_len(&l[k..]) == Some(n - k);
                    let plural_possessive = k + c.len_utf8() == n && k > 1 && l[..k].ends_with('s');
                    if clitic || plural_possessive {
                        cuts.push(k);
                    }
                    break;
                }
                if n - k > 4 {
                    break;
                }
            }
        }
    }
    if cuts.is_empty() {
        push(out, base, a, b);
        return;
    }
    let first = out.len();
    let mut st = a;
    for c in cuts {
        push(out, base, st, a + c);
        st = a + c;
    }
    push(out, base, st, b);
    let last = out.len() - 1;
    if last > first {
        for w in &mut out[first..=last] {
            w.mwt = Some((first, last));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        out.iter().map(|w| &s[w.span.start..w.span.end]).collect()
    }

    #[test]
    fn clitics_and_possessives_split_with_offsets() {
        let s = "I don't think the company's chief can't or cannot go, Blinken’s aides said.";
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        let got: Vec<&str> = out.iter().map(|w| &s[w.span.start..w.span.end]).collect();
        assert_eq!(
            got,
            [
                "I", "do", "n't", "think", "the", "company", "'s", "chief", "ca", "n't", "or",
                "can", "not", "go", ",", "Blinken", "’s", "aides", "said", "."
            ]
        );
        let dont = s.find("don't").unwrap();
        assert_eq!(out[1].span, Span::new(dont, dont + 2));
        assert_eq!(out[2].span, Span::new(dont + 2, dont + 5));
        assert_eq!(out[1].mwt, Some((1, 2)));
        assert_eq!(out[2].mwt, Some((1, 2)));
        assert_eq!(out[3].mwt, None);
        assert_eq!(out[5].mwt, Some((5, 6)));
        assert_eq!(out[15].mwt, Some((15, 16)));
        let poss = s.find("’s").unwrap();
        assert_eq!(out[16].span, Span::new(poss, poss + "’s".len()));
    }

    #[test]
    fn punctuation_numbers_and_abbreviations() {
        assert_eq!(
            words("(Hamas) killed more than 1,400 people in the U.S. on Oct. 7, 2023..."),
            [
                "(", "Hamas", ")", "killed", "more", "than", "1,400", "people", "in", "the",
                "U.S.", "on", "Oct.", "7", ",", "2023", "..."
            ]
        );
        assert_eq!(
            words("“We will,” he said: a long-term e-mail at 10:30 costs $5.50!"),
            [
                "“", "We", "will", ",", "”", "he", "said", ":", "a", "long", "-", "term", "e-mail",
                "at", "10:30", "costs", "$", "5.50", "!"
            ]
        );
        assert_eq!(
            words("the workers' union"),
            ["the", "workers", "'", "union"]
        );
        assert_eq!(
            words("Mail me at a.b@example.com or http://x.org/a."),
            [
                "Mail",
                "me",
                "at",
                "a.b@example.com",
                "or",
                "http://x.org/a",
                "."
            ]
        );
    }

    #[test]
    fn web_text_keeps_its_emoticons_numbers_and_runs_whole() {
        assert_eq!(
            words("Call 303-832-8160 :-) or e-mail us :) It's all about the $$$. Really?! Yes!."),
            [
                "Call",
                "303-832-8160",
                ":-)",
                "or",
                "e-mail",
                "us",
                ":)",
                "It",
                "'s",
                "all",
                "about",
                "the",
                "$$$",
                ".",
                "Really",
                "?!",
                "Yes",
                "!."
            ]
        );
        assert_eq!(
            words("Regards, ____ >> Join #audiobooks in the 80's and/or the 90's, East/West."),
            [
                "Regards",
                ",",
                "____",
                ">>",
                "Join",
                "#audiobooks",
                "in",
                "the",
                "80's",
                "and",
                "/",
                "or",
                "the",
                "90's",
                ",",
                "East",
                "/",
                "West",
                "."
            ]
        );
        // `:D` opens no word that merely starts with it; paths keep their slashes.
        assert_eq!(
            words("(:Democrats) see docs/file.txt and 1/2"),
            [
                "(",
                ":",
                "Democrats",
                ")",
                "see",
                "docs/file.txt",
                "and",
                "1/2"
            ]
        );
    }

    #[test]
    fn contractions_without_apostrophes_split_as_with_them() {
        let s = "i dont know, im sure thats alot and I cant wait";
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        let got: Vec<&str> = out.iter().map(|w| &s[w.span.start..w.span.end]).collect();
        assert_eq!(
            got,
            [
                "i", "do", "nt", "know", ",", "i", "m", "sure", "that", "s", "a", "lot", "and",
                "I", "ca", "nt", "wait"
            ]
        );
        assert_eq!(out[1].mwt, Some((1, 2)));
        assert_eq!(out[8].mwt, Some((8, 9)));
        // Plain words that look like contractions stay whole.
        assert_eq!(
            words("He lets its owner id the ill dog"),
            ["He", "lets", "its", "owner", "id", "the", "ill", "dog"]
        );
    }
}
