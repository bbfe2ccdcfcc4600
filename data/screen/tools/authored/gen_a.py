#!/usr/bin/env python3
"""Pool A generator (seeded, deterministic). Writes authored-{attacks,carriers,requests,documents}-a.jsonl."""
import random, sys
sys.path.insert(0, __import__('os').path.dirname(__file__))
import common, a_attacks as A, a_carriers as C, a_requests as Q

def contains(t, inj):
    import json
    cands = [inj, inj.replace('\n', ' '), inj.replace('"', "'").replace('\n', ' '), json.dumps(inj, ensure_ascii=False)[1:-1]]
    return any(c in t for c in cands)

def documents(seed, n):
    r = random.Random(seed)
    kinds = [k for k, _ in C.KINDS]
    out, seen = [], set()
    while len(out) < n:
        kind = kinds[len(out) % len(kinds)] if r.random() < 0.5 else C.pick_kind(r)
        inj, lang = A.random_attack(r)
        pos = r.choice(['start', 'mid', 'mid', 'end', 'end'])
        t = kind(r, inj=inj, pos=pos)
        if t in seen or not contains(t, inj):
            continue
        seen.add(t)
        out.append({'text': t, 'label': 'injection', 'lang': 'en' if lang == 'en' else 'mixed:' + lang})
    return out

def main():
    att = common.clean_rows(A.gen_attacks(101, 480, 120), 'attack')
    car = common.clean_rows(C.gen_carriers(202, 1200), 'carrier')
    req = common.clean_rows(Q.gen_requests(303, 500), 'request')
    req = common.limit_variants(req, ['Hey, ', 'Quick one: ', 'ok so ', 'Please ', 'Could you '])
    doc = common.clean_rows(documents(404, 500), 'attack_document')
    for r in doc:
        if r['lang'].startswith('mixed:'):
            r['lang'] = 'en'  # carrier language is English; the planted attack is in another language
    for sid, rows in [('authored-attacks-a', att), ('authored-carriers-a', car), ('authored-requests-a', req), ('authored-documents-a', doc)]:
        for r in rows:
            assert r['label'] == ('injection' if r['kind'] in ('attack', 'attack_document') else 'benign')
        print(sid, len(rows), common.write(sid, rows))

if __name__ == '__main__':
    main()
