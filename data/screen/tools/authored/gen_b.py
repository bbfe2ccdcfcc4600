#!/usr/bin/env python3
"""Pool B generator (seeded, deterministic). Writes authored-{attacks,carriers,requests,documents}-b.jsonl."""
import random, sys, json, os
sys.path.insert(0, os.path.dirname(__file__))
import common, b_attacks as A, b_carriers as C, b_requests as Q

def contains(t, inj):
    cands = [inj, inj.replace('\n', ' '), inj.replace('"', "'").replace('\n', ' '), json.dumps(inj, ensure_ascii=False)[1:-1],
             inj.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;'), inj.replace('--', '- -')]
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
        out.append({'text': t, 'label': 'injection', 'lang': 'en'})
    return out

def main():
    att = common.clean_rows(A.gen_attacks(111, 480, 120), 'attack')
    car = common.clean_rows(C.gen_carriers(222, 1200), 'carrier')
    req = common.clean_rows(Q.gen_requests(333, 500), 'request')
    req = common.limit_variants(req, Q.OPEN)
    doc = common.clean_rows(documents(444, 500), 'attack_document')
    for sid, rows in [('authored-attacks-b', att), ('authored-carriers-b', car), ('authored-requests-b', req), ('authored-documents-b', doc)]:
        print(sid, len(rows), common.write(sid, rows))

if __name__ == '__main__':
    main()
