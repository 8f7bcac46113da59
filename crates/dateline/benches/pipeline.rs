//! Criterion benchmarks of the pipeline: every layer (with and without
//! tokens in the output), then each layer with the layers it needs (a
//! layer's own cost is the difference from those; `dateline bench speed`
//! gives each stage's time directly, docs/performance.md).
//!
//! `cargo bench -p dateline --bench pipeline` measures the bundled samples;
//! set `DATELINE_BENCH_JSONL` to a JSONL file (such as
//! `../shared/eval/te3silver/unlabelled.jsonl`) to measure a corpus too.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dateline::input::JsonlReader;
use dateline::samples::SAMPLES;
use dateline::{Article, Config, Extractor, Layer, Origin};

fn bench_articles(c: &mut Criterion, name: &str, articles: Vec<Article>) {
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    let mut configs = vec![
        ("every layer".to_string(), Config::default()),
        (
            "every layer without tokens".to_string(),
            Config::default().tokens(false),
        ),
    ];
    for &layer in Layer::ALL {
        let label = format!("{} and what it needs", layer.name());
        configs.push((label, Config::default().layers([layer])));
    }
    for (label, config) in configs {
        let extractor = Extractor::new(config).unwrap();
        group.bench_function(label, |b| {
            b.iter_batched(
                || articles.clone(),
                |batch| {
                    for a in batch {
                        std::hint::black_box(extractor.extract(a).unwrap());
                    }
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn samples(c: &mut Criterion) {
    let articles = SAMPLES
        .iter()
        .map(|s| Article::from_text(s.text).unwrap())
        .collect();
    bench_articles(c, "samples", articles);
}

fn corpus(c: &mut Criterion) {
    let Some(path) = std::env::var_os("DATELINE_BENCH_JSONL") else {
        return;
    };
    let file = std::fs::File::open(&path).expect("DATELINE_BENCH_JSONL names a readable file");
    let articles = JsonlReader::new(std::io::BufReader::new(file), Origin::default())
        .filter_map(Result::ok)
        .collect();
    bench_articles(c, "corpus", articles);
}

criterion_group!(benches, samples, corpus);
criterion_main!(benches);
