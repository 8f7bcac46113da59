#!/usr/bin/env python3
"""Calibration of entity confidences: log loss and, per fifth of [0, 1], the
number of predicted mentions, their mean confidence and the share that are
right (exact span and coarse class). With --table, a reliability table in
Markdown per tenth of [0, 1] (the one in docs/entities.md).

usage: dateline extract --format eval GOLD -o PRED
       scripts/eval/ner_calibration.py GOLD PRED [--table]
"""
import json, math, sys

args = [a for a in sys.argv[1:] if not a.startswith('--')]
gold = {json.loads(l)['id']: json.loads(l) for l in open(args[0])}
pairs = []
for l in open(args[1]):
    p = json.loads(l)
    g = gold[p['id']]
    G = {(e['start'], e['end'], e['coarse']) for e in g['entities']}
    for e in p['entities']:
        if e['coarse'] not in ('PER', 'ORG', 'LOC', 'MISC'):
            continue
        pairs.append((e['confidence'], (e['start'], e['end'], e['coarse']) in G))
ll = -sum(math.log(max(1e-6, c)) if ok else math.log(max(1e-6, 1 - c)) for c, ok in pairs) / len(pairs)
if '--table' in sys.argv:
    bins = [[0, 0.0, 0] for _ in range(10)]
    for c, ok in pairs:
        b = bins[min(9, int(c * 10))]
        b[0] += 1
        b[1] += c
        b[2] += ok
    print('| confidence | mentions | mean confidence | share right |')
    print('|---|---:|---:|---:|')
    for i, (n, s, k) in enumerate(bins):
        if n:
            print('| %.1f-%.1f | %d | %.3f | %.3f |' % (i / 10, (i + 1) / 10, n, s / n, k / n))
    print()
    print('%d mentions, log loss %.3f' % (len(pairs), ll))
else:
    bins = [[0, 0, 0] for _ in range(5)]
    for c, ok in pairs:
        b = min(4, int(c * 5))
        bins[b][0] += 1
        bins[b][1] += c
        bins[b][2] += ok
    print('logloss %.3f' % ll, ' '.join('%d:%.2f/%.2f' % (n, s / n if n else 0, k / n if n else 0) for n, s, k in bins))
