"""Keeps only the predictions in the first N lines of each document.

    python3 scripts/eval/first_lines.py PRED N [KEY ...] > OUT

KEY is the list to cut (default `timex`; `values` for figures, `clusters`
for coreference chains, whose mentions are cut one by one). MEANTIME
marks time expressions, values and name mentions only in each document's
first six lines
(headline, dateline, four sentences); scoring a whole-document prediction
against it counts every later expression as a false alarm. This is for
reading that score alongside the raw one, never for the output itself.
"""

import json
import sys


def main(path, n, *keys):
    keys = keys or ("timex",)
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        text, cut = d.get("text", ""), 0
        for _ in range(int(n)):
            i = text.find("\n", cut)
            cut = len(text) if i < 0 else i + 1
        for key in keys:
            items = d.get(key, [])
            if key == "clusters":
                d[key] = [k for k in ([m for m in c if m["start"] < cut] for c in items) if k]
            else:
                d[key] = [x for x in items if x["start"] < cut]
        print(json.dumps(d))


if __name__ == "__main__":
    main(*sys.argv[1:])
