#!/usr/bin/env python3
"""Kinds of resolved entities against gold names: for every gold name span
(PER, ORG, LOC) that is a name or acronym mention of a resolved entity in
dateline's JSON output, whether the entity's kind is the gold class. This
measures the `entities` a user reads (one kind per entity, chosen over all
its mentions), where `score.py --task ner` measures the tagger's mentions.
Prints the accuracy and the most frequent errors (text, gold, entity kind).

usage: dateline extract GOLD -o PRED.jsonl     (JSON, not --format eval)
       scripts/eval/entity_kinds.py GOLD PRED.jsonl [N]
"""
import collections, json, sys

KINDS = {'PER': 'PER', 'ORG': 'ORG', 'LOC': 'LOC'}
gold = {}
for line in open(sys.argv[1]):
    d = json.loads(line)
    gold[d['id']] = d
right = total = 0
errors = collections.Counter()
for line in open(sys.argv[2]):
    d = json.loads(line)
    g = gold.get(d['id'])
    if g is None:
        continue
    spans = {(e['start'], e['end']): e['coarse'] for e in g['entities']
             if e.get('coarse') in KINDS}
    # dateline's JSON offsets are bytes; the gold's are code points.
    char_at = {}
    byte = 0
    for i, c in enumerate(d['text']):
        char_at[byte] = i
        byte += len(c.encode())
    char_at[byte] = len(d['text'])
    char = char_at.get

    for e in d.get('entities') or []:
        for m in e['mentions']:
            if m.get('form') not in ('name', 'acronym'):
                continue
            key = (char(m['start']), char(m['end']))
            if key not in spans:
                continue
            total += 1
            if spans[key] == KINDS.get(e['kind']):
                right += 1
            else:
                errors[(m['text'], spans[key], e['kind'])] += 1
print(f"entity_kind_acc={right / max(total, 1):.4f} ({right}/{total} gold names in resolved entities)")
for (text, want, got), n in errors.most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 10):
    print(f"{n:4d}  {text!r}: gold {want}, entity {got}")
