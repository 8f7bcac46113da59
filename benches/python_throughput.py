"""Compares `Extractor.extract_many` with the `dateline extract` command on one JSONL file.

    python benches/python_throughput.py ../shared/eval/bbc_news/unlabelled.jsonl [repeats]

Both read the file, extract every article on all cores and consume every
result (the command writes JSONL to /dev/null; Python touches each result).
Prints articles/s and MB/s of each, best of `repeats` runs, and their ratio.
"""

import os
import pathlib
import resource
import subprocess
import sys
import time

import dateline

REPO = pathlib.Path(__file__).resolve().parents[1]


def best(fn, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - t)
    return n, min(times)


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    size = os.path.getsize(path) / 1e6
    binary = REPO / "target" / "release" / "dateline"
    if not binary.exists():
        subprocess.run(["cargo", "build", "--release", "--bin", "dateline"], cwd=REPO, check=True)

    def command():
        subprocess.run([str(binary), "extract", "-q", path, "-o", os.devnull], check=False)
        return None

    ex = dateline.Extractor()

    def python():
        n = 0
        for r in ex.extract_many(dateline.read_jsonl(path)):
            n += len(r.sentences) if r.ok else 0
        return n

    _, t_cmd = best(command, repeats)
    r0, w0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    _, t_py = best(python, repeats)
    r1, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter() - w0
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    articles = sum(1 for _ in open(path, encoding="utf-8"))
    for name, t in [("dateline extract", t_cmd), ("Extractor.extract_many", t_py)]:
        print(f"{name:<24} {t:7.3f} s {articles / t:10.0f} articles/s {size / t:7.1f} MB/s (of JSONL input)")
    print(f"python / command time: {t_py / t_cmd:.2f}")
    print(f"Python: {cpu / wall:.2f} cores busy on average (CPU time / wall time over {repeats} runs)")


if __name__ == "__main__":
    main()
