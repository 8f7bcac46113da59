"""Lists the time layer's errors against a gold file of ../shared/eval (for tuning on train/dev only).

    python3 scripts/eval/timex_errors.py GOLD PRED [N]

Prints the most frequent false alarms (predicted, overlapping no gold
expression), misses (gold, overlapping no prediction) and wrong values.
"""

import collections
import json
import sys


def load(path):
    return {d["id"]: d for d in map(json.loads, open(path, encoding="utf-8"))}


def main(gold_path, pred_path, n=25):
    gold, pred = load(gold_path), load(pred_path)
    fp, fn, wrong = collections.Counter(), collections.Counter(), collections.Counter()
    examples = {}
    for doc_id, g in gold.items():
        p = pred.get(doc_id, {})
        text = g["text"]
        gi = g.get("timex", [])
        pi = p.get("timex", [])
        for x in pi:
            hit = [y for y in gi if y["start"] < x["end"] and x["start"] < y["end"]]
            key = text[x["start"]:x["end"]].lower()
            if not hit:
                fp[key] += 1
                examples.setdefault(("fp", key), text[max(0, x["start"] - 40):x["end"] + 40].replace("\n", " "))
            else:
                y = hit[0]
                if str(y["value"]) != str(x["value"]):
                    k = (text[y["start"]:y["end"]].lower(), y["value"], x["value"], g.get("date"))
                    wrong[k] += 1
        for y in gi:
            if not any(x["start"] < y["end"] and y["start"] < x["end"] for x in pi):
                key = (text[y["start"]:y["end"]].lower(), y["type"], y["value"])
                fn[key] += 1
    for title, counter in [("false alarms", fp), ("misses", fn), ("wrong values (gold text, gold, pred, dct)", wrong)]:
        print(f"== {title}: {sum(counter.values())}")
        for k, c in counter.most_common(int(n)):
            print(f"{c:4d}  {k}", examples.get(("fp", k), "") if title == "false alarms" else "")


if __name__ == "__main__":
    main(*sys.argv[1:])
