"""Scores a syntax model on wire-style sentences: subjects, objects, agents.

    target/release/dateline train syntax --load MODEL \
        --dev scripts/eval/syntax_probe.jsonl --predictions PRED
    python3 scripts/eval/syntax_probe.py PRED

`syntax_probe.jsonl` holds 30 team-written sentences (those of the parse
behaviour tests in syntax/tests.rs, events/tests.rs and figures/parse.rs,
and wire-style ones such as `At least 12 people have died since
Saturday.`), each with the arcs it must have: a dependent (any of the
forms listed), its head's form and the relation. EWT dev measures web
text; this measures the news constructions the later layers read, where
models of the same EWT score differ most (docs/syntax.md).
"""

import json
import os
import sys


def main(pred_path):
    here = os.path.dirname(os.path.abspath(__file__))
    gold = [json.loads(l) for l in open(os.path.join(here, "syntax_probe.jsonl"), encoding="utf-8")]
    pred = {}
    for line in open(pred_path, encoding="utf-8"):
        d = json.loads(line)
        pred[d["id"]] = d["tokens"]
    ok = total = 0
    missed = []
    for g in gold:
        toks = pred.get(g["id"], [])
        for arc in g["arcs"]:
            total += 1
            good = any(
                t["form"] in arc["dependent"]
                and t["head"] >= 0
                and toks[t["head"]]["form"] == arc["head"]
                and t["deprel"] == arc["deprel"]
                for t in toks
            )
            ok += good
            if not good:
                missed.append(f'{g["id"]}: {arc["dependent"][0]} <-{arc["deprel"]}- {arc["head"]}')
    for m in missed:
        print("missed", m)
    print(f"probe_arcs={ok}/{total}")


if __name__ == "__main__":
    main(*sys.argv[1:])
