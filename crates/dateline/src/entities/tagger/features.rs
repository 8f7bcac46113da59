//! The tagger's view of the text: its units and words, with each word's
//! shape, lexicon classes and document facts, and the hashed feature keys
//! the model weighs.

use std::sync::Arc;

use super::{Fnv, KeyMap, KeySet};
use crate::article::segment::{self, Token};
use crate::lexicon::{self, Lexicon, CLASSES};
use crate::span::Span;

/// One token as the tagger sees it.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Byte span in the article text.
    pub span: Span,
    /// Lower case, digits folded to `0`.
    pub(super) lower: Arc<str>,
    /// A hash of `lower`, for document tables.
    pub(super) key: u64,
    /// Collapsed shape: `Xx`, `X.X.`, `d`, `x-Xx`.
    pub(super) shape: Arc<str>,
    /// First character is upper case.
    pub(super) cap: bool,
    /// Lexicon features (`class:position`), precomputed.
    pub(super) gaz: Vec<u8>,
    /// Document features from the first pass (empty in the first pass).
    pub(super) extra: Vec<u64>,
}

/// The shape of `w` (see [`Word::shape`]) into `out`, cleared first.
fn shape_into(w: &str, out: &mut String) {
    out.clear();
    let mut last = None;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c == '’' {
            '\''
        } else {
            c
        };
        if last != Some(k) || !matches!(k, 'X' | 'x' | 'd') {
            out.push(k);
        }
        last = Some(k);
    }
}

/// `w` in lower case with digits folded (see [`Word::lower`]) into `out`,
/// cleared first.
fn lower_into(w: &str, out: &mut String) {
    out.clear();
    out.extend(w.chars().flat_map(char::to_lowercase).map(|c| match c {
        '0'..='9' => '0',
        '’' => '\'',
        c => c,
    }));
}

/// Articles of more words than this compute each word's features in both
/// passes of the tagger rather than keep them between the passes (same
/// result, bounded memory: kept, they take about 220 bytes a word, 4.4 MB
/// at this size; news articles are far shorter, a few thousand words).
pub(super) const KEEP_FEATURES_WORDS: usize = 20_000;

/// A unit of text to tag: a headline or a sentence.
pub(crate) struct Unit {
    /// The unit's words.
    pub words: Vec<Word>,
    /// No lower-case letter anywhere: a headline in capitals.
    pub(super) caps: bool,
    /// A line in title case (see [`title_case`]).
    pub(super) title: bool,
    /// A line of a table of results (see [`table_line`]).
    pub(super) table: bool,
    /// Lexicon names found in the unit.
    pub lex: Vec<lexicon::LexMatch>,
}

/// Document-level facts about words, so that a word's use elsewhere in the
/// article informs it (a capitalised word at a sentence start or in an
/// all-caps headline is a name if it is capitalised mid-sentence elsewhere).
#[derive(Default)]
pub(crate) struct DocInfo {
    /// Words seen capitalised mid-sentence.
    pub(super) cap_mid: KeySet,
    /// Words seen in lower case.
    pub(super) lower_seen: KeySet,
    /// Words seen capitalised mid-sentence outside every line that may be a
    /// headline (no feature of the tagger: see [`common_in_title`]).
    pub(super) cap_body: KeySet,
}

/// The shared copy of `s` (whose hash is `key`) in `table`, made there
/// when missing; a string whose hash another holds gets its own copy.
fn intern(table: &mut KeyMap<Arc<str>>, key: u64, s: &str) -> Arc<str> {
    match table.get(&key) {
        Some(a) if **a == *s => a.clone(),
        Some(_) => Arc::from(s),
        None => {
            let a: Arc<str> = Arc::from(s);
            table.insert(key, a.clone());
            a
        }
    }
}

/// Tokenises each span, finds lexicon names and computes word features.
pub(crate) fn prepare(text: &str, spans: &[Span], lex: &Lexicon) -> (Vec<Unit>, DocInfo) {
    let mut units = Vec::with_capacity(spans.len());
    let mut doc = DocInfo::default();
    let mut toks: Vec<Token> = Vec::new();
    let mut scratch = Vec::new();
    let mut found = Vec::new();
    let mut interned: KeyMap<Arc<str>> = KeyMap::default();
    // Each word's lower case and shape are written here, then shared.
    let (mut lower, mut shape) = (String::new(), String::new());
    let mut titles = Vec::new();
    let mut late = Vec::new();
    // Line breaks before the unit (counted up to `TITLE_LINES`).
    let (mut lines, mut counted) = (0, 0);
    for &span in spans {
        if lines < TITLE_LINES && span.start >= counted {
            lines += text[counted..span.start].matches('\n').count();
            counted = span.start;
        }
        toks.clear();
        segment::tokens(text, span, &mut toks, &mut scratch);
        let caps = !span.slice(text).chars().any(char::is_lowercase);
        // A web address is lower case whatever it names (`ellen -
        // degeneres - to - host - oscars`): no evidence of common words.
        let address = {
            let t = span.slice(text);
            t.contains("http") || t.contains("www")
        };
        // Sized once: a long article holds millions of words at a time,
        // and their forms are shared (`interned`), not one string each.
        let mut words: Vec<Word> = Vec::with_capacity(toks.len());
        words.extend(
            toks.iter()
                .filter(|t| !t.span().slice(text).trim().is_empty())
                .map(|t| {
                    let s = t.span().slice(text);
                    lower_into(s, &mut lower);
                    let key = Fnv::new(99).str(&lower).finish();
                    shape_into(s, &mut shape);
                    let shape_key = Fnv::new(98).str(&shape).finish();
                    Word {
                        span: t.span(),
                        key,
                        lower: intern(&mut interned, key, &lower),
                        shape: intern(&mut interned, shape_key, &shape),
                        cap: s.chars().next().is_some_and(char::is_uppercase),
                        gaz: Vec::new(),
                        extra: Vec::new(),
                    }
                }),
        );
        // A headline in title case (`Academy Picked Ellen DeGeneres As
        // Oscar Host`) says nothing by its capitals: whether a line near
        // the top is one is decided once the rest of the article is read,
        // and until then its words are no evidence of how the article
        // writes them.
        // Two readings: the one the shipped model was trained with, which
        // decides whose capitals are evidence (`strict`), and a looser one
        // that only cuts the tagger's names at run time (`loose`): the
        // first three lines however many units they make, a date or a
        // byline after the line, digits-first words neutral.
        let ended = span.slice(text).trim_end().ends_with(['.', '!', '?']);
        let after = &text[span.end..];
        let may_be_title = !caps
            && units.len() < TITLE_UNITS
            && title_like(&words, false)
            && !ended
            // A line the text goes on from in lower case is a sentence
            // wrapped, not a headline (`The National Bank of Poland` /
            // `refrained from ...`).
            && !after.trim_start().starts_with(|c: char| c.is_lowercase());
        let loose = !caps
            && (units.len() < TITLE_UNITS || lines < TITLE_LINES)
            && title_like(&words, true)
            && !ended
            && !wrapped(after);
        if may_be_title {
            titles.push((units.len(), address));
        } else {
            note_casing(&words, caps, address, &mut doc);
            if loose {
                late.push(units.len());
            } else if !caps {
                note_body_capitals(&words, &mut doc);
            }
        }
        found.clear();
        lex.find(text, span.start, span.end, &mut found);
        for m in &found {
            let mut classes = [false; CLASSES];
            for e in lex.entries(m.name) {
                classes[e.class()] = true;
            }
            // Words are in text order: two binary searches find the words a
            // match covers (a scan per match is quadratic in a long unit).
            let a = words.partition_point(|w| w.span.end <= m.start);
            let b = words.partition_point(|w| w.span.start < m.end);
            if a >= b {
                continue;
            }
            let b = b - 1;
            let partial = words[a].span.start != m.start || words[b].span.end != m.end;
            for (k, word) in words.iter_mut().enumerate().take(b + 1).skip(a) {
                let pos = if partial {
                    4
                } else if a == b {
                    0
                } else if k == a {
                    1
                } else if k == b {
                    3
                } else {
                    2
                };
                for (c, on) in classes.iter().enumerate() {
                    if *on {
                        let code = (c as u8) << 4 | pos << 1 | m.exact_case as u8;
                        if !word.gaz.contains(&code) {
                            word.gaz.push(code);
                        }
                    }
                }
            }
        }
        let table = !caps && table_line(&words);
        units.push(Unit {
            words,
            caps,
            table,
            title: false,
            lex: found.clone(),
        });
    }
    for (i, address) in titles {
        if title_case(&units[i].words, &doc, false) {
            units[i].title = true;
            // Its capitals are no evidence: a word it alone capitalises
            // may be a verb (`Rip`) as well as a name.
        } else {
            note_casing(&units[i].words, false, address, &mut doc);
            late.push(i);
        }
    }
    // The looser reading, its capitals evidence as before: only the
    // tagger's names are cut there.
    for i in late {
        if title_case(&units[i].words, &doc, true) {
            units[i].title = true;
        }
    }
    (units, doc)
}

/// Whether a unit is a line of a table (`ATLANTA 4 Cincinnati 3`,
/// `Trucks: 12`): a number, a word with letters, and no word in lower
/// case but for one short one (`Cincinnati 3 ATLANTA 2 ( in 13 )`).
///
/// The tagger weighs a word's own features apart there: result tables
/// name a city for its club (`Cincinnati 5 Pittsburgh 3`), and learnt
/// together, a city's name in prose (`in Cincinnati`, `CINCINNATI (AP)
/// —`) read as a club as often.
fn table_line(words: &[Word]) -> bool {
    let (mut number, mut letters, mut lower) = (false, false, 0);
    for w in words {
        match w.shape.as_bytes().first() {
            Some(b'd') => number = true,
            Some(b'X') => letters = true,
            Some(b'x') if w.lower.chars().count() > 2 => return false,
            Some(b'x') => lower += 1,
            _ => {}
        }
    }
    number && letters && lower <= 1
}

/// Whether the text after a line goes on from it in lower case, as a
/// sentence wrapped there does; a byline or a date does not
/// (`on September 14, 2013`, `by Jane Doe`, `posted ...`, `updated ...`).
fn wrapped(after: &str) -> bool {
    let rest = after.trim_start();
    if !rest.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    let mut words = rest.split_whitespace();
    let first = words.next().unwrap_or_default();
    let second = words.next().unwrap_or_default();
    let dated = || {
        second.starts_with(|c: char| c.is_ascii_digit())
            || MONTHS.iter().any(|m| second.starts_with(m))
    };
    let byline = match first {
        "posted" | "updated" | "published" => true,
        "on" => dated(),
        "by" => second.starts_with(char::is_uppercase),
        _ => false,
    };
    !byline
}

/// Month names as a date after a headline opens them (`Sept.` too).
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The first units of an article where a headline in title case is looked
/// for (the title and the lines around it).
const TITLE_UNITS: usize = 5;

/// The first lines of an article where a headline in title case is looked
/// for, however many units they hold (a web address the article layer cut
/// at its full stops, a dateline, then the headline).
const TITLE_LINES: usize = 3;

/// Notes the words a unit that is no headline capitalises mid-sentence
/// ([`DocInfo::cap_body`]).
fn note_body_capitals(words: &[Word], doc: &mut DocInfo) {
    doc.cap_body.extend(capitalised_mid_sentence(words));
}

/// The keys of the words a unit capitalises mid-sentence (not after an
/// opening quote, colon, bracket or dash; no single capital).
fn capitalised_mid_sentence(words: &[Word]) -> impl Iterator<Item = u64> + '_ {
    words.windows(2).filter_map(|pair| {
        let (prev, w) = (&pair[0].lower, &pair[1]);
        (w.cap
            && &*w.shape != "X"
            && !matches!(&**prev, "\"" | "“" | "'" | "‘" | ":" | "(" | "-" | "—"))
        .then_some(w.key)
    })
}

/// Notes which words a unit capitalises mid-sentence and which it writes
/// in lower case: neither for a unit in capitals (`caps`), no lower case
/// for a unit holding a web address (`address`: an address is lower case
/// whatever it names).
fn note_casing(words: &[Word], caps: bool, address: bool, doc: &mut DocInfo) {
    if caps {
        return;
    }
    doc.cap_mid.extend(capitalised_mid_sentence(words));
    if !address {
        doc.lower_seen.extend(
            words
                .iter()
                .filter(|w| w.shape.starts_with('x'))
                .map(|w| w.key),
        );
    }
}

/// Short words that title case may leave in lower case (AP style and most
/// outlets' headlines: `Charged In Fatal Queens Hit`, `Arrested for DUI`).
const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "onto", "or", "over", "the", "to", "up", "via", "vs", "with", "yet",
];

/// Whether `words` may be a line in title case: three words with letters
/// or more, each capitalised but for [`MINOR_WORDS`]; `loose`, only the
/// words that open with a letter count (`76ers` is neither).
fn title_like(words: &[Word], loose: bool) -> bool {
    let mut n = 0;
    let counts = |w: &&Word| {
        if loose {
            w.shape.starts_with(['X', 'x'])
        } else {
            w.shape.contains(['X', 'x'])
        }
    };
    for w in words.iter().filter(counts) {
        if !w.cap && !MINOR_WORDS.contains(&&*w.lower) {
            return false;
        }
        n += 1;
    }
    n >= 3
}

/// Whether a [`title_like`] line is in title case rather than a run of
/// names (`Barack Obama, Joe Biden, Hillary Clinton`): after its first
/// word, a capitalised minor word (`As`, `In`) or two words the article
/// writes in lower case elsewhere and never capitalises mid-sentence
/// (`Announces`, `Nominee`).
/// `loose`: common words as [`common_in_title`] has them, words of
/// English included; else only as the shipped model was trained.
fn title_case(words: &[Word], doc: &DocInfo, loose: bool) -> bool {
    // One capitalised minor word, or two common words (`Obama Announces
    // Nominee`; one alone may be a name's: `National Bank of Poland`).
    let (mut minor, mut common) = (false, 0);
    for w in words.iter().skip(1).filter(|w| w.cap) {
        minor |= MINOR_WORDS.contains(&&*w.lower);
        let c = if loose {
            common_in_title(w, doc)
        } else {
            MINOR_WORDS.contains(&&*w.lower)
                || (doc.lower_seen.contains(&w.key) && !doc.cap_mid.contains(&w.key))
        };
        common += usize::from(c);
    }
    minor || common >= 2
}

/// Whether a word of a title-case line is a common word there rather than
/// part of a name: a minor word, or one the article never capitalises
/// mid-sentence and either writes in lower case or that is a word of
/// English in title case (`Returns`, `Hire`, `Weighs`: headlines use verbs
/// their article does not; not `INS`) and no given name (`Mark`, `Will`).
pub(super) fn common_in_title(w: &Word, doc: &DocInfo) -> bool {
    if MINOR_WORDS.contains(&&*w.lower) {
        return true;
    }
    if doc.cap_body.contains(&w.key) {
        return false;
    }
    // The English word test is for a word in title case only, not an
    // acronym (`INS Sukanya`: `ins` is a word).
    doc.lower_seen.contains(&w.key)
        || (&*w.shape == "Xx" && english_word(&w.lower) && !given_name(&w.lower))
}

/// Whether a word in lower case is a word of English: the syntax model
/// knows it, or it is a lemma of the lemma list or a regular form of one
/// (`weighs`, `filing`, `nominated`).
fn english_word(lower: &str) -> bool {
    use crate::syntax::lemma::listed;
    if crate::entities::english(lower) || listed(lower) {
        return true;
    }
    let stem = |suffix: &str| lower.strip_suffix(suffix).filter(|s| s.len() >= 3);
    ["s", "es", "ed", "d", "ing"].iter().any(|suffix| {
        stem(suffix).is_some_and(|s| listed(s) || (suffix.len() == 3 && listed(&format!("{s}e"))))
    })
}

/// Whether a word, given in lower case, is a given name of the census
/// list (written as news writes it: `Mark`).
fn given_name(lower: &str) -> bool {
    let mut chars = lower.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let name: String = first.to_uppercase().chain(chars).collect();
    crate::lexicon::given_names::share(&name).is_some()
}

/// The labels of a title-case unit with its common words (see
/// [`common_in_title`]) taken out of the tagger's names, each name cut
/// there: `Academy Picked Ellen DeGeneres As Oscar Host`, one name to the
/// tagger, is `Academy`, `Ellen DeGeneres` and `Oscar`. Other units'
/// labels are left as they are. A name's inside label (`I-`, see
/// [`super::LABELS`]) is its opening one's (`B-`) plus one.
pub(crate) fn cut_title_names(u: &Unit, doc: &DocInfo, labels: &mut [usize]) {
    let begins = |l: usize| super::LABELS[l].starts_with("B-");
    if !u.title {
        return;
    }
    let mut cut = false;
    for (w, l) in u.words.iter().zip(labels.iter_mut()) {
        if *l == 0 {
            cut = false;
            continue;
        }
        // Only a capitalised word: a name may hold a minor word in lower
        // case (`Bank of America`).
        if w.cap && common_in_title(w, doc) {
            *l = 0;
            cut = true;
        } else if cut && !begins(*l) {
            // The rest of a cut name opens a name of its own.
            *l -= 1;
            cut = false;
        } else {
            cut = false;
        }
    }
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// The feature keys of word `i` of `u`.
pub(super) fn features(u: &Unit, doc: &DocInfo, i: usize, out: &mut Vec<u64>) {
    out.clear();
    let w = &u.words[i];
    // The word `j` places away, or `None` past either end of the unit.
    let near = |j: isize| -> Option<&Word> {
        usize::try_from(i as isize + j)
            .ok()
            .and_then(|k| u.words.get(k))
    };
    let edge = |j: isize| if j < 0 { BOS } else { EOS };
    let lw = |j: isize| near(j).map_or(edge(j), |w| &*w.lower);
    let sh = |j: isize| near(j).map_or(edge(j), |w| &*w.shape);
    let caps = if u.caps { "C" } else { "c" };
    // The word's own features in a table line are kept apart from prose
    // (see [`table_line`]).
    let own = if u.table { 100 } else { 0 };
    let push = |out: &mut Vec<u64>, f: Fnv| out.push(f.finish());
    push(out, Fnv::new(0));
    push(out, Fnv::new(1 + own).str(&w.lower));
    push(out, Fnv::new(2).str(&w.shape).str(caps));
    let mut starts = [0usize; 5];
    let mut count = 0;
    for (k, (b, _)) in w.lower.char_indices().enumerate().take(5) {
        starts[k] = b;
        count = k + 1;
    }
    let mut ends = [0usize; 5];
    let mut rcount = 0;
    for (k, (b, _)) in w.lower.char_indices().rev().enumerate().take(5) {
        ends[k] = b;
        rcount = k + 1;
    }
    for n in 1..=4usize {
        if count > n && rcount > n {
            push(out, Fnv::new(3 + n as u8).str(&w.lower[..starts[n]]));
            push(out, Fnv::new(8 + n as u8).str(&w.lower[ends[n - 1]..]));
        }
    }
    push(out, Fnv::new(13).str(lw(-1)));
    push(out, Fnv::new(14).str(lw(1)));
    push(out, Fnv::new(15).str(lw(-2)));
    push(out, Fnv::new(16).str(lw(2)));
    push(out, Fnv::new(17 + own).str(lw(-1)).str(&w.lower));
    push(out, Fnv::new(18 + own).str(&w.lower).str(lw(1)));
    push(out, Fnv::new(19).str(sh(-1)).str(&w.shape).str(caps));
    push(out, Fnv::new(20).str(&w.shape).str(sh(1)).str(caps));
    push(
        out,
        Fnv::new(21).str(sh(-1)).str(&w.shape).str(sh(1)).str(caps),
    );
    if i == 0 {
        push(out, Fnv::new(22).str(&w.shape));
    }
    if w.cap || u.caps {
        let d = match (
            doc.cap_mid.contains(&w.key),
            doc.lower_seen.contains(&w.key),
        ) {
            (true, true) => "cl",
            (true, false) => "c",
            (false, true) => "l",
            (false, false) => "-",
        };
        push(out, Fnv::new(23).str(d).str(caps));
        push(out, Fnv::new(24 + own).str(d).str(&w.lower));
    }
    for &g in &w.gaz {
        let mut f = Fnv::new(25);
        f.byte(g);
        push(out, f.str(caps));
        let mut f = Fnv::new(26);
        f.byte(g & !1); // without the exact-case bit
        push(out, f.str(&w.shape));
    }
    for (j, tmpl) in [(-1isize, 27u8), (1, 28), (-2, 29)] {
        for &g in near(j).map_or(&[][..], |o| &o.gaz) {
            let mut f = Fnv::new(tmpl);
            f.byte(g >> 4);
            push(out, f);
        }
    }
    out.extend_from_slice(&w.extra);
    // The text between: the word's own parts around a hyphen.
    if let Some((a, b)) = w.lower.split_once('-') {
        push(out, Fnv::new(30).str(a));
        push(out, Fnv::new(31).str(b));
    }
}

#[cfg(test)]
mod tests {
    use super::{cut_title_names, prepare};
    use crate::lexicon::lexicon;
    use crate::span::Span;

    /// The units of a text whose lines are its units.
    fn units(text: &str) -> (Vec<super::Unit>, super::DocInfo) {
        let mut spans = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            spans.push(Span::new(start, start + line.trim_end().len()));
            start += line.len();
        }
        prepare(text, &spans, lexicon())
    }

    #[test]
    fn title_case_is_told_from_wrapped_lines_and_keeps_lower_case_minor_words() {
        // Two words the article writes in lower case: a headline, unless
        // the text goes on from it in lower case (a wrapped sentence).
        let headline = "Central Bank Governor Adam Glapinski\n\
                        The bank and its governor would hold rates, he said.";
        assert!(units(headline).0[0].title);
        let wrapped = "Central Bank Governor Adam Glapinski\n\
                       said the bank and its governor would hold rates.";
        assert!(!units(wrapped).0[0].title);
        // In a headline, `As` goes, the lower-case `of` of a name stays.
        let (us, doc) = units(
            "Bank of America Shares Fall As Moynihan Quits\n\
             Shares of Bank of America fell as Brian Moynihan quit, the bank said.",
        );
        assert!(us[0].title);
        // Bank of America (B-ORG I-ORG I-ORG), then a name over `As
        // Moynihan Quits`: `As` goes, `Moynihan` opens a name of its own,
        // `Quits` (a form of English `quit`) goes.
        let mut labels = vec![3, 4, 4, 0, 0, 7, 8, 8];
        cut_title_names(&us[0], &doc, &mut labels);
        assert_eq!(labels, [3, 4, 4, 0, 0, 0, 7, 0]);
    }
}
