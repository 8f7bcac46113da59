#!/usr/bin/env python3
"""Builds the word list the syntax layer checks verb lemmas against.

The lemmatiser's suffix rules, learnt from GUM, go wrong on verbs GUM does
not have (`bombed` -> `bombe`, `ruled` -> `rul`, `withdrew` -> `withdrow`).
This list tells a real lemma from a cut-off one:

* lemmas: every lemma of a verb, noun or adjective in the GUM genres the
  syntax model is trained on (the nine whose texts allow commercial use,
  `../shared/train/gum/`), and every verb of the CAMEO verb dictionary
  (`crates/dateline/data/cameo_verbs.tsv`, generated from PETRARCH2's
  CAMEO.2.0.txt by build_cameo.py);
* forms: verb forms with their lemma, from the same GUM genres (the lemma
  GUM gives the form most often under a VB* tag) and from the CAMEO
  dictionary's single-word forms (`shot` -> `shoot`, `withdrew` ->
  `withdraw`; GUM wins where both have a form, also where the form is most
  often its own lemma there: `set`).

Also writes crates/dateline/data/abstract_nouns.txt: head nouns of GUM's
mentions typed abstract or time in three of four mentions or more (seen
twice or more), which the event layer does not take for the target of an
act of force (`attacked the legislation`).

Writes crates/dateline/data/lemmas.tsv: `lemma` lines (one word) and
`form<TAB>lemma` lines, lower case, sorted. Same sources in, same bytes out;
a test records the file's checksum (crates/dateline/src/syntax/lemma.rs,
GENERATED): update it with the file.

usage: scripts/data/build_lemmas.py [--gum DIR]
"""
import argparse
import bisect
import collections
import glob
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "crates", "dateline", "data", "lemmas.tsv")
CAMEO = os.path.join(ROOT, "crates", "dateline", "data", "cameo_verbs.tsv")
ABSTRACT = os.path.join(ROOT, "crates", "dateline", "data", "abstract_nouns.txt")
# GUM genres whose texts are for non-commercial use only: left out, as
# the syntax model leaves them out (crates/dateline/src/syntax/train.rs).
NONCOMMERCIAL = {"essay", "fiction", "letter", "podcast", "whow"}


def word(s):
    return bool(s) and all(c.isalpha() or c in "-'" for c in s) and s[0].isalpha()


def mention_kinds(doc, kinds):
    """Counts GUM's type of each mention (abstract, person, place, ...) by
    the lemma of its head noun: the one word of the span whose head is
    outside it."""
    tokens = doc["tokens"]
    starts = [t["start"] for t in tokens]
    for e in doc["entities"]:
        first = bisect.bisect_left(starts, e["start"])
        inside = set()
        for k in range(first, len(tokens)):
            if tokens[k]["end"] > e["end"]:
                break
            inside.add(k)
        heads = [k for k in inside if tokens[k]["head"] not in inside]
        if len(heads) != 1 or tokens[heads[0]]["upos"] != "NOUN":
            continue
        lemma = (tokens[heads[0]].get("lemma") or "").lower()
        if word(lemma):
            kinds[lemma][e["label"]] += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gum", default=os.path.join(ROOT, "..", "shared", "train", "gum"))
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.gum, "*.jsonl")))
    if not files:
        raise SystemExit("no GUM files in %s" % args.gum)
    lemmas = set()
    seen = collections.defaultdict(collections.Counter)
    kinds = collections.defaultdict(collections.Counter)
    for path in files:
        genre = os.path.basename(path)[: -len(".jsonl")]
        if genre in NONCOMMERCIAL:
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                mention_kinds(doc, kinds)
                for t in doc["tokens"]:
                    lemma = (t.get("lemma") or "").lower()
                    if not word(lemma):
                        continue
                    if t["upos"] in ("VERB", "NOUN", "ADJ"):
                        lemmas.add(lemma)
                    if (t.get("xpos") or "").startswith("VB") and t["upos"] == "VERB":
                        form = t["form"].lower()
                        if word(form):
                            seen[form][lemma] += 1
    forms = {f: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for f, c in seen.items()}
    with open(CAMEO, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("V\t"):
                continue
            _, _, form, before, after, _, base = line.rstrip("\n").split("\t")
            if before or after or not word(base):
                continue
            lemmas.add(base)
            if word(form):
                forms.setdefault(form, base)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Lemmas and verb forms the syntax layer checks its lemmas against: from UD English\n")
        f.write("# GUM (the nine genres of docs/syntax.md) and PETRARCH2's CAMEO.2.0.txt (MIT).\n")
        f.write("# `lemma` or `form<TAB>lemma`, lower case. Built by scripts/data/build_lemmas.py.\n")
        # A form that is its own lemma (`set`, most often in GUM) needs no row.
        rows = [l for l in lemmas] + ["%s\t%s" % kv for kv in forms.items() if kv[0] != kv[1]]
        for r in sorted(set(rows)):
            f.write(r + "\n")
    print("%d lemmas, %d forms -> %s" % (len(lemmas), sum(f != l for f, l in forms.items()), OUT))
    # Nouns whose mentions are abstract or times three times in four or
    # more, seen twice or more.
    abstract = sorted(
        w for w, c in kinds.items()
        if sum(c.values()) >= 2 and 4 * (c["abstract"] + c["time"]) >= 3 * sum(c.values())
    )
    with open(ABSTRACT, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Nouns GUM types abstract or time in three of four mentions or more (seen twice or\n")
        f.write("# more; the nine genres of docs/syntax.md). Built by scripts/data/build_lemmas.py.\n")
        for w in abstract:
            f.write(w + "\n")
    print("%d abstract nouns -> %s" % (len(abstract), ABSTRACT))


if __name__ == "__main__":
    main()
