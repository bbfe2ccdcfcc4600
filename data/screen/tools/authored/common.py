"""Shared I/O + cleaning for the authored generators (no text content lives here)."""
import json, re, hashlib, os

import os
OUT = os.environ.get('AUTHORED_OUT', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'out'))

def collapse(t):
    return re.sub(r'\s+', ' ', t).strip().lower()

def cut3000(t):
    if len(t) <= 3000:
        return t
    cut = t[:3000]
    for sep in ('\n\n', '\n'):
        i = cut.rfind(sep)
        if i > 1500:
            return cut[:i].rstrip()
    return cut.rstrip()

def clean_rows(rows, kind):
    out, seen = [], set()
    for r in rows:
        t = r['text'].strip()
        t = re.sub(r'[ \t]+\n', '\n', t)
        if len(t) < 8:
            continue
        if '{' in t and re.search(r'(?<!\{)\{[a-z_]+\}(?!\})', t) and kind != 'carrier' and kind != 'attack_document':
            raise ValueError('unfilled placeholder: ' + t[:200])
        if kind in ('carrier', 'attack_document'):
            t = cut3000(t)
        if kind == 'attack' and len(t) > 4000:
            continue
        k = collapse(t)
        if k in seen:
            continue
        seen.add(k)
        out.append({'text': t, 'label': r['label'], 'kind': kind, 'lang': r.get('lang', 'en')})
    return out

def cap(rows, n):
    if len(rows) <= n:
        return rows
    return sorted(rows, key=lambda r: hashlib.sha1(r['text'].encode()).hexdigest())[:n]

def write(source_id, rows):
    p = os.path.join(OUT, source_id + '.jsonl')
    with open(p, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    return p

def take(rows, n):
    """deterministic sample of n rows from a larger candidate list (sha1 order)."""
    return cap(rows, n)

def limit_variants(rows, prefixes, per_core=2):
    """keep at most per_core rows that differ only by a conversational opener (near-duplicates)."""
    cnt, out = {}, []
    for r in rows:
        t = r['text']
        for p in sorted(prefixes, key=len, reverse=True):
            if p and t.lower().startswith(p.lower().strip()):
                t = t[len(p):]; break
        k = collapse(t)
        cnt[k] = cnt.get(k, 0) + 1
        if cnt[k] <= per_core:
            out.append(r)
    return out
