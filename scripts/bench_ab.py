#!/usr/bin/env python3
"""Two builds of `dateline` timed in turn, stage by stage.

    python3 scripts/bench_ab.py OLD NEW [RUNS] [INPUT]

Runs `OLD bench speed --json INPUT`, then NEW's, RUNS times (default 5;
INPUT defaults to ../shared/eval/te3silver/unlabelled.jsonl), and prints
the median seconds of each stage for both and their ratio. Alternating
the builds is what makes a comparison fair on a noisy machine: a run an
hour later can differ by 30% with no change at all.
"""
import json
import statistics
import subprocess
import sys


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    old, new = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    data = sys.argv[4] if len(sys.argv) > 4 else "../shared/eval/te3silver/unlabelled.jsonl"
    seconds: dict[str, dict[str, list[float]]] = {old: {}, new: {}}
    for _ in range(runs):
        for build in (old, new):
            out = subprocess.run(
                [build, "bench", "speed", "--json", data],
                capture_output=True, text=True, check=True,
            ).stdout
            for row in json.loads(out)["rows"]:
                seconds[build].setdefault(row["stage"], []).append(row["seconds"])
    print(f"median of {runs} runs each, seconds")
    print(f"{'stage':30} {'old':>8} {'new':>8} {'new/old':>8}")
    for stage, times in seconds[old].items():
        a = statistics.median(times)
        b = statistics.median(seconds[new][stage])
        print(f"{stage:30} {a:8.3f} {b:8.3f} {b / a:8.2f}")


if __name__ == "__main__":
    main()
