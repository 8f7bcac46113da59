#!/usr/bin/env python3
"""Calibration of entity confidences: log loss and, per fifth of [0, 1], the
number of predicted mentions, their mean confidence and the share that are
right (exact span and coarse class).

usage: dateline extract --format eval --layers entities GOLD -o PRED
       scripts/eval/ner_calibration.py GOLD PRED
"""
import json,sys,math
gold={json.loads(l)['id']:json.loads(l) for l in open(sys.argv[1])}
pairs=[]
for l in open(sys.argv[2]):
    p=json.loads(l); g=gold[p['id']]
    G={(e['start'],e['end'],e['coarse']) for e in g['entities']}
    for e in p['entities']:
        if e['coarse'] not in ('PER','ORG','LOC','MISC'): continue
        pairs.append((e['confidence'], (e['start'],e['end'],e['coarse']) in G))
ll=-sum(math.log(max(1e-6,c)) if ok else math.log(max(1e-6,1-c)) for c,ok in pairs)/len(pairs)
bins=[[0,0,0] for _ in range(5)]
for c,ok in pairs:
    b=min(4,int(c*5)); bins[b][0]+=1; bins[b][1]+=c; bins[b][2]+=ok
print('logloss %.3f'%ll, ' '.join('%d:%.2f/%.2f'%(n,s/n if n else 0,k/n if n else 0) for n,s,k in bins))
