#!/usr/bin/env python3
"""Time `dateline extract` of one short article end to end, for one or more
builds of the command, run alternately (the machine is noisy: runs of two
builds are compared side by side, never an hour apart).

    python3 scripts/bench_startup.py target/release/dateline [OTHER_BUILD ...] [--runs 9]

Prints each build's median and best wall time in milliseconds.
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("builds", nargs="+", help="paths of dateline executables")
    ap.add_argument("--runs", type=int, default=9)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        article = os.path.join(d, "one.txt")
        with open(article, "w") as f:
            f.write("Blinken visited Baghdad on Sunday.\n")
        times = {b: [] for b in a.builds}
        for _ in range(a.runs):
            for b in a.builds:
                t = time.perf_counter()
                subprocess.run([b, "extract", article], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, check=True)
                times[b].append((time.perf_counter() - t) * 1000)
    for b in a.builds:
        print("%s: median %.1f ms, best %.1f ms (%d runs)"
              % (b, statistics.median(times[b]), min(times[b]), a.runs))


if __name__ == "__main__":
    main()
