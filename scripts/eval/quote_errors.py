#!/usr/bin/env python3
"""Lists the quote layer's misses and false alarms against a gold file.

    scripts/eval/quote_errors.py GOLD PRED [--fn N] [--fp N] [--seed S]

Prints the cues of unmatched gold quotes by frequency, then samples of
missed gold quotes (content in [[ ]], source in << >>, cue in { }) and of
predicted quotes that overlap no gold quote. Matching is by overlap, like
`score.py --task quotes`.
"""
import argparse
import collections
import json
import random


def load(path):
    return {d["id"]: d for d in map(json.loads, open(path, encoding="utf-8"))}


def overlaps(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


def show(text, q):
    marks = [(q["start"], "[["), (q["end"], "]]")]
    if q.get("speaker_start") is not None:
        marks += [(q["speaker_start"], "<<"), (q["speaker_end"], ">>")]
    if q.get("cue_start") is not None:
        marks += [(q["cue_start"], "{"), (q["cue_end"], "}")]
    lo = min(m[0] for m in marks)
    hi = max(m[0] for m in marks)
    lo = max(0, text.rfind("\n", 0, lo) + 1, lo - 200)
    nl = text.find("\n", hi)
    hi = min(len(text), hi + 150 if nl < 0 else min(nl, hi + 150))
    out, i = [], lo
    for p, m in sorted(marks, key=lambda x: (x[0], x[1] in ("]]", ">>", "}"))):
        out += [text[i:p], m]
        i = p
    out.append(text[i:hi])
    return "".join(out).replace("\n", " / ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--fn", type=int, default=25)
    ap.add_argument("--fp", type=int, default=25)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    gold, pred = load(a.gold), load(a.pred)
    fns, fps, cues = [], [], collections.Counter()
    for i, g in gold.items():
        p = pred.get(i, {})
        gq, pq = g.get("quotes") or [], p.get("quotes") or []
        for q in gq:
            if not any(overlaps(q, r) for r in pq):
                fns.append((g["text"], q))
                cues[(q.get("cue") or "").lower()] += 1
        for r in pq:
            if not any(overlaps(q, r) for q in gq):
                fps.append((g["text"], r))
    print("missed", len(fns), "false", len(fps))
    print("missed cues:", ", ".join("%s %d" % c for c in cues.most_common(60)))
    rnd = random.Random(a.seed)
    print("\n# missed")
    for t, q in rnd.sample(fns, min(a.fn, len(fns))):
        print("-", show(t, q))
    print("\n# false")
    for t, q in rnd.sample(fps, min(a.fp, len(fps))):
        print("-", show(t, q))


if __name__ == "__main__":
    main()
