#!/usr/bin/env python3
"""Benchmark of dateline.dask (docs/scale.md): extraction of a JSONL corpus
repeated to a size, on LocalClusters of 1 and 2 worker processes of one
thread each, written as Parquet by the workers.

    pip install ./python 'dask[distributed]' pyarrow pandas   # a release build
    python scripts/bench_dask.py [--source ../shared/eval/bbc_news/unlabelled.jsonl] [--mb 100]

Prints, for each run: the input, the workers, cluster start-up, the wall time
of `dateline.dask.to_parquet`, MB/s and articles/s, the speed-up of 2 workers
over 1, the peak resident memory of each worker, and the cost of a partition
(the same small input in 1 and in 16 partitions). The corpus is repeated
with new ids (`<id>#<copy>`) into a temporary folder, deleted at the end.

    python scripts/bench_dask.py --link [--mb 25]

links the source (as it is, or repeated to --mb) with `dateline.dask.link`
on LocalClusters of 1 and 2 workers of one thread, then with
`dateline.link` in a fresh process: the wall times, the client's peak
memory, the records' and linking's memory in one process, the time and
bytes of each step of `dateline.shard` run in one process, and whether the
outputs are equal.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from typing import Dict, List

from distributed import Client, LocalCluster

import dateline.dask as ddl

REPO = pathlib.Path(__file__).resolve().parents[1]


def repeat(source: pathlib.Path, mb: float, out: pathlib.Path) -> int:
    """Writes `source` repeated with new ids until `mb` megabytes; returns the articles written."""
    lines = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    target, size, n, copy = mb * 1e6, 0, 0, 0
    with open(out, "w", encoding="utf-8") as f:
        while size < target:
            for record in lines:
                record = dict(record, id=f"{record.get('id', n)}#{copy}")
                line = json.dumps(record, ensure_ascii=False) + "\n"
                f.write(line)
                size += len(line.encode())
                n += 1
                if size >= target:
                    break
            copy += 1
    return n


def rss() -> int:
    """This process's resident memory now, in bytes."""
    return int(open("/proc/self/statm").read().split()[1]) * 4096


def peak_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run(path: pathlib.Path, workers: int, part_bytes: int, tables, scratch: pathlib.Path, threads: int = 1) -> dict:
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = LocalCluster(n_workers=workers, threads_per_worker=threads, processes=True, dashboard_address=":0")
    client = Client(cluster)
    client.run(lambda: ddl._extractor(None, 1, 524288) and None)  # each worker's extractor, made before timing
    start_up = time.perf_counter() - t0
    out = pathlib.Path(tempfile.mkdtemp(dir=scratch)) / "tables"
    articles = ddl.read_articles(path, part_bytes=part_bytes)
    t1 = time.perf_counter()
    rows = ddl.to_parquet(articles, out, tables=tables)
    wall = time.perf_counter() - t1
    rss = sorted(client.run(peak_rss_kb).values())
    client.close()
    cluster.close()
    shutil.rmtree(out.parent)
    return {"start_up": start_up, "wall": wall, "rss_kb": rss, "partitions": articles.npartitions, "rows": rows}


def link(source: pathlib.Path, mb: float, part_mb: float) -> None:
    """`dateline.dask.link` on 1 and 2 workers, then `dateline.link` in
    this process: wall time, the client's peak memory, and equal output."""
    import dateline

    scratch = pathlib.Path(tempfile.mkdtemp(prefix="dateline-bench-link-"))
    try:
        if mb:
            path = scratch / "corpus.jsonl"
            repeat(source, mb, path)
        else:
            path = source
        text = path.stat().st_size
        outputs = []
        for workers in (1, 2):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", memory_limit=0)
                with Client(cluster):
                    rss0 = rss()
                    peak = [rss0]
                    done = threading.Event()

                    def sample() -> None:
                        while not done.wait(0.05):
                            peak[0] = max(peak[0], rss())

                    sampler = threading.Thread(target=sample)
                    sampler.start()
                    t = time.perf_counter()
                    bag = ddl.read_articles([str(path)], part_bytes=int(part_mb * 1e6))
                    linked = ddl.link(bag)
                    wall = time.perf_counter() - t
                    done.set()
                    sampler.join()
                    peak = peak[0]
                cluster.close()
            outputs.append(hashlib.sha256(linked.to_json().encode()).hexdigest())
            # Memory freed by the first run stays with the process: only the
            # first run's peak says what the client needs.
            memory = (f"client peak +{(peak - rss0) / 1e6:.0f} MB ({(peak - rss0) / len(linked) / 1e3:.0f} KB "
                      "per article, the output included)" if workers == 1 else "client peak: see the first run")
            print(f"dateline.dask.link, {workers} worker(s) of 1 thread, {bag.npartitions} partitions: "
                  f"{wall:.1f} s, {text / 1e6 / wall:.2f} MB/s; {len(linked)} articles; {memory}", flush=True)
            del linked
        # In a fresh process, so that its memory is its own.
        done = subprocess.run([sys.executable, __file__, "--link-local", str(path)], check=True,
                              capture_output=True, text=True)
        *lines, want = done.stdout.splitlines()
        print("\n".join(lines))
        print(f"outputs equal: {all(o == want for o in outputs)}")
    finally:
        shutil.rmtree(scratch)


def link_local(path: pathlib.Path) -> None:
    """`dateline.link` in this process (extraction, then the records' and
    linking's peak memory), then the steps of `dateline.shard` on the same
    records in this process (the time and bytes of each stage, 2 groups);
    the last line printed is the output's hash."""
    import collections

    import dateline
    import dateline.shard as shard

    articles = list(dateline.read_jsonl(path))
    ex = dateline.Extractor()
    r0 = rss()
    t = time.perf_counter()
    corpus = dateline.Corpus()
    for i in range(0, len(articles), 256):
        corpus.extend(ex.extract_many(articles[i : i + 256]))
    extract = time.perf_counter() - t
    n = len(corpus)
    peak = [rss()]
    records = peak[0] - r0
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.02):
            peak[0] = max(peak[0], rss())

    sampler = threading.Thread(target=sample)
    sampler.start()
    t = time.perf_counter()
    here = corpus.link()
    local = time.perf_counter() - t
    stop.set()
    sampler.join()
    print(f"dateline.link, one process, all cores: extraction {extract:.1f} s, linking {local:.1f} s; "
          f"{len(here.to_dict()['stories'])} stories; records {records / n / 1e3:.0f} KB per article, "
          f"peak while linking {(peak[0] - r0) / n / 1e3:.0f} KB per article")
    # The steps, with a dict as the shuffle.
    groups = 2
    pending: Dict[str, Dict[int, List[bytes]]] = collections.defaultdict(lambda: collections.defaultdict(list))

    def ship(batches) -> None:
        for stage, group, data in batches:
            pending[stage][group].append(data)

    def run(stage: str) -> None:
        batches = pending.pop(stage, {})
        size = sum(len(b) for bs in batches.values() for b in bs)
        t = time.perf_counter()
        for bs in batches.values():
            ship(shard.step(stage, bs, n, groups))
        print(f"  shard step {stage}: {size / 1e6:.1f} MB in, {time.perf_counter() - t:.2f} s")

    def gather(stage: str) -> List[bytes]:
        return [b for bs in pending.pop(stage, {}).values() for b in bs]

    ship(shard.first(corpus, n, groups))
    for stage in shard.FIRST_STAGES:
        run(stage)
    placed = shard.stories(gather("stories"))
    ship(shard.second(corpus, placed, n, groups))
    for stage in shard.SECOND_STAGES:
        run(stage)
    done = gather("done")
    t = time.perf_counter()
    linked = shard.finish(done)
    print(f"  shard finish: {sum(map(len, done)) / 1e6:.1f} MB in, {time.perf_counter() - t:.2f} s")
    want = hashlib.sha256(here.to_json().encode()).hexdigest()
    if hashlib.sha256(linked.to_json().encode()).hexdigest() != want:
        print("  the steps' output differs from dateline.link's")
    print(want)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", default=str(REPO.parent / "shared" / "eval" / "bbc_news" / "unlabelled.jsonl"))
    ap.add_argument("--mb", type=float, default=100.0, help="size of the repeated corpus (default 100)")
    ap.add_argument("--part-mb", type=float, default=4.0, help="partition size (default 4)")
    ap.add_argument("--tables", default="articles,entities,quotes,figures,events,errors")
    ap.add_argument("--link", action="store_true", help="measure dask.link (on the source as it is) instead")
    ap.add_argument("--link-local", metavar="JSONL", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.link_local:
        link_local(pathlib.Path(args.link_local))
        return 0
    source = pathlib.Path(args.source)
    if not source.is_file():
        print(f"no {source}: give --source", file=sys.stderr)
        return 2
    if args.link:
        link(source, args.mb if "--mb" in sys.argv else 0, args.part_mb)
        return 0
    tables = args.tables.split(",")
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="dateline-bench-dask-"))
    try:
        small, large = scratch / "quarter.jsonl", scratch / "corpus.jsonl"
        n_small = repeat(source, args.mb / 4, small)
        n_large = repeat(source, args.mb, large)
        part = int(args.part_mb * 1e6)
        print(f"dateline {ddl.__name__}: {source.name} repeated to {args.mb:g} MB ({n_large} articles) "
              f"and {args.mb / 4:g} MB ({n_small}); partitions of {args.part_mb:g} MB; tables {args.tables}")
        results = {}
        for label, path, n, mb, workers in (
            ("quarter", small, n_small, args.mb / 4, 2),
            ("full", large, n_large, args.mb, 1),
            ("full", large, n_large, args.mb, 2),
        ):
            r = run(path, workers, part, tables, scratch)
            results[(label, workers)] = r
            print(f"{mb:6.1f} MB {workers} worker(s): start-up {r['start_up']:.1f} s, {r['partitions']} partitions, "
                  f"{r['wall']:.1f} s = {mb / r['wall']:.3f} MB/s, {n / r['wall']:.0f} articles/s; "
                  f"peak RSS per worker {', '.join(f'{k / 1024:.0f} MB' for k in r['rss_kb'])}; "
                  f"rows {r['rows']}", flush=True)
        speedup = results[("full", 1)]["wall"] / results[("full", 2)]["wall"]
        print(f"speed-up of 2 workers over 1: {speedup:.2f}x")
        # One worker process of two threads: the two share the models' memory.
        r = run(large, 1, part, tables, scratch, threads=2)
        print(f"{args.mb:6.1f} MB 1 worker of 2 threads: {r['wall']:.1f} s = {args.mb / r['wall']:.3f} MB/s, "
              f"{n_large / r['wall']:.0f} articles/s, {results[('full', 1)]['wall'] / r['wall']:.2f}x one thread; "
              f"peak RSS {r['rss_kb'][0] / 1024:.0f} MB", flush=True)
        q, f = results[("quarter", 2)]["rss_kb"], results[("full", 2)]["rss_kb"]
        print(f"peak RSS per worker, {args.mb / 4:g} MB vs {args.mb:g} MB: {max(q) / 1024:.0f} MB vs {max(f) / 1024:.0f} MB")
        # The cost of a partition: a small input in 1 and in 16 partitions, on 1 worker.
        tiny = scratch / "tiny.jsonl"
        repeat(source, 1.0, tiny)
        one = run(tiny, 1, 1 << 30, tables, scratch)
        many = run(tiny, 1, int(1e6 / 16), tables, scratch)
        per = (many["wall"] - one["wall"]) / max(many["partitions"] - one["partitions"], 1)
        print(f"1 MB in {one['partitions']} partition: {one['wall']:.2f} s; in {many['partitions']}: "
              f"{many['wall']:.2f} s; about {per * 1000:.0f} ms per partition")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
