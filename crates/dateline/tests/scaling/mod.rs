//! Every layer stays linear in the article's length, and the output stays a
//! small multiple of the input, on text with no natural end (issue 19): each
//! shape of `dateline::samples::stress` at two sizes, eight times apart.
//! Linking a corpus grows as n log n in its articles (issue 23).
//!
//! Cost is this thread's CPU time (`/proc/thread-self/schedstat`, which load
//! on the machine does not inflate the way it does wall time), compared as
//! a ratio within one test, never against an absolute time; the best of two
//! runs is taken. Where the kernel does not give it, only the output bound
//! and the caps are checked.

use dateline::article::segment::MAX_SENTENCE_BYTES;
use dateline::corpus::Corpus;
use dateline::quotes::MAX_QUOTE_BYTES;
use dateline::samples::corpus::Generator;
use dateline::samples::stress::Shape;
use dateline::samples::SAMPLES;
use dateline::{Article, Config, Extractor};

const SMALL: usize = 20_000;
const LARGE: usize = 8 * SMALL;

/// The output of one article may be at most this many times its input.
/// The bulk is the tokens: on a shape made of one-character tokens each
/// token's JSON (span, kind and the syntax layer's tags, lemma, head and
/// relation) is about 100 bytes for every two bytes of text. Events add
/// the rest: on `"He said "He said ...` every nine bytes are an event of
/// about 340 bytes of JSON (trigger, class, tense, mood, mention, source),
/// about 38 times its text, on top of the tokens' 57.
const MAX_OUTPUT_RATIO: usize = 110;

/// CPU time per byte at the large size may be at most this many times that
/// at the small size (linear: about 1; quadratic: about 8). Not 2: under
/// load (a build on the other core) the 2 ms small run read 2.26 on the
/// `titles` shape, a flake; 3 still fails any quadratic layer.
const MAX_GROWTH: f64 = 3.0;

/// Largest growth of linking's CPU time per article from 250 to 2,000
/// articles. n log n gives about 1.4 and n^2 gives 8; the small corpus fits
/// in the processor's caches and the large one does not, so with other
/// tests running beside it the growth has reached 2.2 (1.65 alone) with
/// no change to linking: 3 keeps the test quiet under load and still far
/// below what a quadratic step gives.
const MAX_LINK_GROWTH: f64 = 3.0;

fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// CPU nanoseconds (if known) and output bytes of one extraction.
fn run(ex: &Extractor, text: &str) -> (Option<u64>, usize) {
    let article = Article::from_text(text).expect("a valid article");
    let before = thread_cpu_ns();
    let x = ex.extract(article).expect("extracts");
    let after = thread_cpu_ns();
    for s in &x.article.sentences {
        assert!(
            s.end - s.start <= MAX_SENTENCE_BYTES,
            "a sentence over the cap"
        );
    }
    for q in x.quotes.iter().flatten() {
        assert!(
            q.end - q.start <= MAX_QUOTE_BYTES,
            "a quotation over the cap"
        );
    }
    let bytes = serde_json::to_vec(&x).expect("serialises").len();
    let ns = before
        .zip(after)
        .map(|(a, b)| b.saturating_sub(a))
        .filter(|&n| n > 0);
    (ns, bytes)
}

/// The least CPU time of five runs (a loaded machine only adds time) and
/// the output's size.
fn best(ex: &Extractor, text: &str) -> (Option<u64>, usize) {
    let (mut least, bytes) = run(ex, text);
    for _ in 1..5 {
        let (t, _) = run(ex, text);
        least = least.zip(t).map(|(a, b)| a.min(b));
    }
    (least, bytes)
}

#[test]
fn every_layer_is_linear_on_text_with_no_natural_end() {
    let ex = Extractor::new(Config::default()).expect("default extractor");
    let mut report = Vec::new();
    for &shape in Shape::ALL {
        let small = shape.text(SMALL);
        let large = shape.text(LARGE);
        run(&ex, &small); // warm the lexicons
        let (ts, out_small) = best(&ex, &small);
        let (tl, out_large) = best(&ex, &large);
        for (text, out) in [(&small, out_small), (&large, out_large)] {
            assert!(
                out <= MAX_OUTPUT_RATIO * text.len(),
                "{}: {} bytes of output for {} of input",
                shape.name(),
                out,
                text.len()
            );
        }
        if let (Some(ts), Some(tl)) = (ts, tl) {
            let per_byte_small = ts as f64 / small.len() as f64;
            let per_byte_large = tl as f64 / large.len() as f64;
            let growth = per_byte_large / per_byte_small;
            report.push(format!("{} x{growth:.2}", shape.name()));
            assert!(
                growth <= MAX_GROWTH,
                "{}: CPU time per byte grew {growth:.2} times from {} to {} bytes ({ts} ns, {tl} ns)",
                shape.name(),
                small.len(),
                large.len()
            );
        }
    }
    eprintln!(
        "growth of CPU time per byte, {SMALL} to {LARGE} bytes: {}",
        report.join(", ")
    );
}

#[test]
fn stress_shapes_are_real_text_of_the_size_asked() {
    for &shape in Shape::ALL {
        let t = shape.text(5_000);
        assert!(
            t.len() <= 5_000 && t.len() > 4_000,
            "{}: {}",
            shape.name(),
            t.len()
        );
        assert!(t.starts_with(" date 2023-11-06 "));
    }
    // News names thousands of different people.
    let t = Shape::News.text(200_000);
    let ex = Extractor::new(Config::default()).unwrap();
    let x = ex.extract(Article::from_text(&t).unwrap()).unwrap();
    let n = x.entities.as_ref().map_or(0, Vec::len);
    assert!(n > 1_000, "{n} entities");
}

/// Articles in the corpus layer's small corpus; the large one is eight
/// times as many.
const CORPUS_SMALL: usize = 250;

/// The corpus generator of `dateline bench link`, on the bundled samples.
fn sample_generator() -> Generator {
    let ex = Extractor::new(Config::default()).expect("default extractor");
    let bases = SAMPLES
        .iter()
        .map(|s| ex.extract(s.article()).expect("a sample extracts"));
    Generator::new(bases)
}

/// Linking a corpus grows as n log n, not n^2 (blocking keys and time
/// windows, no comparison of all pairs), and what it finds stays a bounded
/// amount per article: corpora made by `samples::corpus::Generator` from
/// the bundled samples (stories of 1 to 8 renamed copies, as `dateline
/// bench link` makes them) at two sizes, eight times apart. n log n gives
/// a growth of CPU time per article of about log(2000) / log(250) = 1.38
/// here; n^2 gives 8.
#[test]
fn linking_grows_as_n_log_n() {
    let generator = sample_generator();
    let link = |n: usize| -> (Option<u64>, usize, usize) {
        let records = generator.records(n, 7);
        let before = thread_cpu_ns();
        let mut corpus = Corpus::new();
        for r in records {
            corpus.add(r);
        }
        let stories = corpus.stories().len();
        let after = thread_cpu_ns();
        let bytes = serde_json::to_vec(corpus.linked())
            .expect("serialises")
            .len();
        let ns = before
            .zip(after)
            .map(|(a, b)| b.saturating_sub(a))
            .filter(|&n| n > 0);
        (ns, bytes, stories)
    };
    let best = |n: usize| {
        let (a, bytes, stories) = link(n);
        let (b, ..) = link(n);
        (a.zip(b).map(|(a, b)| a.min(b)), bytes, stories)
    };
    let large_n = 8 * CORPUS_SMALL;
    let (ts, out_small, stories_small) = best(CORPUS_SMALL);
    let (tl, out_large, stories_large) = best(large_n);
    // Generated stories are of 1 to 8 articles: linking finds them, it
    // neither folds the corpus into a few nor leaves every article alone.
    for (n, stories) in [(CORPUS_SMALL, stories_small), (large_n, stories_large)] {
        assert!(
            stories > n / 8 && stories < n,
            "{stories} stories in {n} articles"
        );
    }
    let per_article = |bytes: usize, n: usize| bytes as f64 / n as f64;
    let out_growth = per_article(out_large, large_n) / per_article(out_small, CORPUS_SMALL);
    assert!(
        out_growth <= 1.5,
        "linked output per article grew {out_growth:.2} times from {CORPUS_SMALL} to {large_n} articles \
         ({out_small} and {out_large} bytes)"
    );
    if let (Some(ts), Some(tl)) = (ts, tl) {
        let growth = per_article(tl as usize, large_n) / per_article(ts as usize, CORPUS_SMALL);
        eprintln!(
            "linking: CPU time per article grew {growth:.2} times from {CORPUS_SMALL} to {large_n} articles \
             ({ts} ns, {tl} ns); output per article {out_growth:.2} times"
        );
        assert!(
            growth <= MAX_LINK_GROWTH,
            "linking: CPU time per article grew {growth:.2} times from {CORPUS_SMALL} to {large_n} articles \
             ({ts} ns, {tl} ns)"
        );
    }
}

/// Linking in bounded steps (`corpus::bounded`, as `dateline link` does)
/// grows as n log n too, with several groups and output buckets at both
/// sizes; the records are made before the clock starts.
#[test]
fn bounded_linking_grows_as_n_log_n() {
    use dateline::corpus::bounded::{Linker, MemoryStore};
    let generator = sample_generator();
    // Expecting 16 times the articles: several groups and buckets, as a
    // large corpus has.
    let link = |n: usize| -> (Option<u64>, usize) {
        let records = generator.records(n, 7);
        let before = thread_cpu_ns();
        let mut linker = Linker::new(MemoryStore::default(), 16 * n);
        for r in records {
            linker.add(r).expect("kept in memory");
        }
        let mut items = 0;
        linker
            .finish(|_| {
                items += 1;
                Ok(())
            })
            .expect("linked");
        let after = thread_cpu_ns();
        let ns = before
            .zip(after)
            .map(|(a, b)| b.saturating_sub(a))
            .filter(|&n| n > 0);
        (ns, items)
    };
    let best = |n: usize| {
        let (a, items) = link(n);
        let (b, _) = link(n);
        (a.zip(b).map(|(a, b)| a.min(b)), items)
    };
    let large_n = 8 * CORPUS_SMALL;
    let (ts, small) = best(CORPUS_SMALL);
    let (tl, large) = best(large_n);
    assert!(
        small > CORPUS_SMALL && large > large_n,
        "{small} and {large} items"
    );
    if let (Some(ts), Some(tl)) = (ts, tl) {
        let growth = (tl as f64 / large_n as f64) / (ts as f64 / CORPUS_SMALL as f64);
        eprintln!(
            "bounded linking: CPU time per article grew {growth:.2} times from {CORPUS_SMALL} to {large_n} articles"
        );
        assert!(
            growth <= MAX_LINK_GROWTH,
            "bounded linking: CPU time per article grew {growth:.2} times from {CORPUS_SMALL} to \
             {large_n} articles ({ts} ns, {tl} ns)"
        );
    }
}
