//! Criterion benchmarks of each layer: for every layer, an extractor that
//! runs it and the layers it needs, over the bundled samples (and over a
//! corpus when `DATELINE_BENCH_JSONL` names a JSONL file, such as
//! `../shared/eval/te3silver/unlabelled.jsonl`). A layer's own cost is the
//! difference from the layers it needs; `dateline bench speed` gives each
//! stage's time directly (docs/performance.md).
//!
//! `cargo bench -p dateline --bench layers`

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dateline::input::JsonlReader;
use dateline::samples::SAMPLES;
use dateline::{Article, Config, Extractor, Layer, Origin};

fn bench_layers(c: &mut Criterion, name: &str, articles: Vec<Article>) {
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for &layer in Layer::ALL {
        let extractor = Extractor::new(Config::default().layers([layer])).unwrap();
        group.bench_function(format!("{} and what it needs", layer.name()), |b| {
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
    bench_layers(c, "layers/samples", articles);
}

fn corpus(c: &mut Criterion) {
    let Some(path) = std::env::var_os("DATELINE_BENCH_JSONL") else {
        return;
    };
    let file = std::fs::File::open(&path).expect("DATELINE_BENCH_JSONL names a readable file");
    let articles = JsonlReader::new(std::io::BufReader::new(file), Origin::default())
        .filter_map(Result::ok)
        .collect();
    bench_layers(c, "layers/corpus", articles);
}

criterion_group!(benches, samples, corpus);
criterion_main!(benches);
