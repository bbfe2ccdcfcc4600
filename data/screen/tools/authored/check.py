#!/usr/bin/env python3
"""Checks: exact dups, unfilled placeholders, cross-pool shared sentences and word 6-grams, within-pool near-dup rate."""
import json, re, collections, sys
import os
D = os.environ.get('AUTHORED_OUT', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'out')) + '/'
KINDS = ['attacks', 'carriers', 'requests', 'documents']
def load(p): return [json.loads(l) for l in open(D + f'authored-{{}}-{p}.jsonl'.format(k)) for k in []]
def rows(k, p): return [json.loads(l) for l in open(f'{D}authored-{k}-{p}.jsonl')]
def sents(t):
    return {s.strip().lower() for s in re.split(r'(?<=[.!?。！？])\s+|\n+', t) if len(s.strip()) >= 25}
def grams(t, n=6):
    w = re.findall(r'\w+', t.lower()); return {' '.join(w[i:i + n]) for i in range(len(w) - n + 1)}
pool = {p: [r for k in KINDS for r in rows(k, p)] for p in 'ab'}
for p in 'ab':
    for k in KINDS:
        rs = rows(k, p)
        keys = [re.sub(r'\s+', ' ', r['text']).strip().lower() for r in rs]
        ph = [r['text'][:80] for r in rs if re.search(r'(?<!\{)\{[a-z_]+\}(?!\})|<[a-z]{1,3}>(?![^<]*</)', r['text']) and k in ('carriers', 'requests')]
        langs = collections.Counter(r['lang'] for r in rs)
        print(p, k, len(rs), 'dups', len(keys) - len(set(keys)), 'non-en %.0f%%' % (100 * sum(v for l, v in langs.items() if l != 'en') / len(rs)), dict(langs.most_common(6)), 'placeholder-suspects', ph[:3])
sa = collections.Counter(s for r in pool['a'] for s in sents(r['text']))
sb = collections.Counter(s for r in pool['b'] for s in sents(r['text']))
shared = set(sa) & set(sb)
print('shared sentences (>=25 chars):', len(shared)); [print('  ', s[:120]) for s in list(shared)[:30]]
ga = collections.Counter(g for r in pool['a'] for g in grams(r['text']))
gb = collections.Counter(g for r in pool['b'] for g in grams(r['text']))
sg = set(ga) & set(gb)
print('shared word 6-grams:', len(sg)); [print('  ', g) for g in sorted(sg, key=lambda g: -(ga[g] + gb[g]))[:40]]
# within-source near-dup: Jaccard of word 3-gram sets >= 0.9
def near(rs):
    sig = [grams(r['text'], 3) for r in rs]
    buckets = collections.defaultdict(list)
    for i, s in enumerate(sig):
        for g in sorted(s)[:3]: buckets[g].append(i)
    pairs = set()
    for b in buckets.values():
        for x in range(len(b)):
            for y in range(x + 1, min(len(b), x + 40)):
                i, j = b[x], b[y]
                u = sig[i] | sig[j]
                if u and len(sig[i] & sig[j]) / len(u) >= 0.9: pairs.add((i, j))
    return len(pairs)
for p in 'ab':
    for k in KINDS:
        print('near-dup pairs (J>=0.9, approx)', p, k, near(rows(k, p)))
