#!/usr/bin/env python3
"""Deterministic generator for the authored-pool-d sources. Run: python3 gen.py"""
import json, random, re, hashlib, collections, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import fill, clean, SETTINGS
import attacks_en as A
from attacks_ml import ML
import carriers_en as CE
import carriers_ml as CM
import requests_pieces as RQ

import os
OUT = os.environ.get('AUTHORED_OUT', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'out'))
SEED = 20240611
LANGS = list(ML)


def norm(t):
    return re.sub(r"\s+", " ", t).strip().lower()


class Dedup:
    """Exact (normalised) + near-duplicate (char 5-gram Jaccard) filter."""
    def __init__(self, thr):
        self.thr, self.exact, self.sets, self.index = thr, set(), [], collections.defaultdict(list)
        self.dropped_exact = self.dropped_near = 0

    def add(self, t):
        n = norm(t)
        if n in self.exact:
            self.dropped_exact += 1; return False
        sh = {n[i:i + 5] for i in range(max(1, len(n) - 4))}
        cnt = collections.Counter()
        for s in sh:
            for j in self.index.get(s, ()):
                cnt[j] += 1
        for j, inter in cnt.items():
            if inter / (len(sh) + len(self.sets[j]) - inter) >= self.thr:
                self.dropped_near += 1; return False
        self.exact.add(n)
        k = len(self.sets); self.sets.append(sh)
        for s in sh:
            self.index[s].append(k)
        return True


def opt(rng, p, lst):
    return rng.choice(lst) if rng.random() < p else None


def leet_case(rng, s):
    r = rng.random()
    if r < 0.15:
        return s.upper()
    if r < 0.22:
        return "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(s))
    return s


def en_attack(rng, pattern=None, core=None, lean=False):
    """Compose one English attack. lean=True -> fewer wrappers (for embedding in documents)."""
    if pattern is None:
        pattern = rng.choice(list(A.CORE_SETS) + list(A.STANDALONE_SETS))
    if pattern in A.STANDALONE_SETS:
        body = core or rng.choice(A.STANDALONE_SETS[pattern])
        parts = [body]
        if rng.random() < 0.3:
            parts.append(rng.choice(A.SECRECY))
        return fill(" ".join(parts), rng), pattern
    core = core or rng.choice(A.CORE_SETS[pattern])
    k = 0.6 if lean else 1.0
    marker = opt(rng, 0.25 * k, A.MARKERS)
    addr = opt(rng, 0.55, A.ADDRESS)
    auth = opt(rng, 0.35 * k, A.AUTHORITY)
    over = opt(rng, 0.35 * k, A.OVERRIDE)
    if over:
        over = leet_case(rng, over)
    urg = opt(rng, 0.2 * k, A.URGENCY)
    sec = opt(rng, 0.4, A.SECRECY)
    head = [x for x in (addr, auth, over) if x]
    rng.shuffle(head) if rng.random() < 0.3 else None
    seq = head + [core] + [x for x in (urg, sec) if x]
    joiner = rng.choice([" ", " ", " ", "\n"])
    txt = joiner.join(seq)
    if marker:
        closing = {"<system_instructions>": "\n</system_instructions>", "<<SYS>>": "\n<</SYS>>", "[INST]": " [/INST]",
                   "-----BEGIN OPERATOR NOTE-----": "\n-----END OPERATOR NOTE-----", "<|im_start|>system": "\n<|im_end|>"}.get(marker, "")
        txt = marker + rng.choice(["\n", " "]) + txt + closing
    if not lean and rng.random() < 0.04:
        txt = txt.upper()
    return fill(txt, rng), pattern


def ml_attack(rng, lang):
    d = ML[lang]
    sep = "" if lang in ("zh", "ja") else " "
    seq = []
    if rng.random() < 0.7: seq.append(rng.choice(d["addr"]))
    if rng.random() < 0.45: seq.append(rng.choice(d["over"]))
    seq.append(rng.choice(d["core"]))
    if rng.random() < 0.25: seq.append(rng.choice(d["core"]))
    if rng.random() < 0.5: seq.append(rng.choice(d["sec"]))
    txt = (rng.choice([sep, "\n"])).join(dict.fromkeys(seq))
    if rng.random() < 0.15:
        txt = rng.choice(A.MARKERS) + "\n" + txt
    return fill(txt, rng)


def row(text, label, kind, lang):
    return {"text": text, "label": label, "kind": kind, "lang": lang}


def gen_attacks(rng):
    dd = Dedup(0.8)
    rows, stats = [], collections.Counter()
    # English: cycle through every core phrasing several times with varied wrappers
    for pattern, cores in list(A.CORE_SETS.items()) + list(A.STANDALONE_SETS.items()):
        reps = 4 if pattern in A.CORE_SETS else 2
        for _ in range(reps):
            for c in cores:
                t, p = en_attack(rng, pattern, c)
                t = clean(t)
                if len(t) >= 8 and dd.add(t):
                    rows.append(row(t, "injection", "attack", "en")); stats[p] += 1
    en_n = len(rows)
    target_ml = int(en_n / 3)  # ~25% of total
    per = target_ml // len(LANGS) + 1
    for lang in LANGS:
        got, tries = 0, 0
        while got < per and tries < 400:
            tries += 1
            t = clean(ml_attack(rng, lang))
            if dd.add(t):
                rows.append(row(t, "injection", "attack", lang)); got += 1; stats["ml:" + lang] += 1
    return rows, stats, dd


def gen_carriers(rng, n_en=1050, n_ml=450):
    dd = Dedup(0.75)
    rows, stats = [], collections.Counter()
    names = list(CE.BUILDERS)
    per = n_en // len(names) + 1
    for nm in names:
        got, tries = 0, 0
        while got < per and tries < per * 8:
            tries += 1
            t = clean(CE.BUILDERS[nm](rng))
            if len(t) > 3000:
                t = t[:3000].rsplit("\n", 1)[0]
            if dd.add(t):
                rows.append(row(t, "benign", "carrier", "en")); got += 1; stats[nm] += 1
    tries = 0
    while sum(stats[k] for k in names) < n_en and tries < 20000:
        tries += 1
        nm = rng.choice(names)
        t = clean(CE.BUILDERS[nm](rng))
        if len(t) > 3000:
            t = t[:3000].rsplit("\n", 1)[0]
        if dd.add(t):
            rows.append(row(t, "benign", "carrier", "en")); stats[nm] += 1
    per_l = n_ml // len(LANGS) + 1
    mln = list(CM.ML_BUILDERS)
    for lang in LANGS:
        got, tries = 0, 0
        while got < per_l and tries < 600:
            tries += 1
            nm = rng.choice(mln)
            t = clean(CM.ML_BUILDERS[nm](lang, rng))
            if dd.add(t):
                rows.append(row(t, "benign", "carrier", lang)); got += 1; stats["ml:" + nm] += 1
    return rows, stats, dd


def gen_documents(rng, n=600):
    dd = Dedup(0.8)
    rows, stats = [], collections.Counter()
    names = [k for k in CE.BUILDERS if k != "article"]
    tries = 0
    while len(rows) < n and tries < n * 5:
        tries += 1
        if rng.random() < 0.8:
            nm = names[len(rows) % len(names)]
            inj, p = en_attack(rng, lean=True)
            t = CE.BUILDERS[nm](rng, inj=inj); lang = "en"
        else:
            lang = LANGS[len(rows) % len(LANGS)]
            nm = rng.choice(list(CM.ML_BUILDERS))
            if rng.random() < 0.75:
                inj = ml_attack(rng, lang); p = "ml"
            else:
                inj, p = en_attack(rng, lean=True)
            t = CM.ML_BUILDERS[nm](lang, rng, inj=inj)
        t = clean(t)
        if len(t) > 3000:
            continue
        if inj.strip()[:40] not in t and json.dumps(inj.strip()[:40], ensure_ascii=False)[1:-1] not in t and inj.replace('"', "'").strip()[:40] not in t:
            continue
        if dd.add(t):
            rows.append(row(t, "injection", "attack_document", lang)); stats[nm] += 1; stats["atk:" + p] += 1
    return rows, stats, dd


def gen_requests(rng, n_en=420, n_ml=180):
    dd = Dedup(0.85)
    rows, stats = [], collections.Counter()
    for r in RQ.REQ_EN:
        if dd.add(r):
            rows.append(row(r, "benign", "request", "en")); stats["en_plain"] += 1
    tries = 0
    while sum(1 for x in rows if x["lang"] == "en") < n_en and tries < 3000:
        tries += 1
        pre = rng.choice(RQ.TASK_PREFIX)
        snip = " ".join(rng.sample(RQ.SNIPPETS, rng.randint(1, 2)))
        t = pre + rng.choice([" ", "\n\n", "\n"]) + (f'"{snip}"' if rng.random() < 0.4 else snip)
        if rng.random() < 0.2:
            t = rng.choice(["hey, ", "quick one: ", "pls ", "Hi! "]) + t[0].lower() + t[1:]
        if dd.add(t):
            rows.append(row(t, "benign", "request", "en")); stats["en_task"] += 1
    for lang in LANGS:
        for r in RQ.REQ_ML[lang]:
            if dd.add(r):
                rows.append(row(r, "benign", "request", lang)); stats["ml_plain"] += 1
    tries = 0
    while sum(1 for x in rows if x["lang"] != "en") < n_ml and tries < 2000:
        tries += 1
        lang = LANGS[tries % len(LANGS)]
        d = CM.MLC[lang]
        sep = "" if lang in ("zh", "ja") else " "
        t = RQ.ML_TASK[lang] + "\n" + sep.join(rng.sample(d["b"], rng.randint(1, 2)))
        if dd.add(t):
            rows.append(row(t, "benign", "request", lang)); stats["ml_task"] += 1
    return rows, stats, dd


def write(sid, rows):
    rows = [r for r in rows if len(r["text"]) >= 8]
    rows = sorted(rows, key=lambda r: hashlib.sha1(r["text"].encode()).hexdigest())[:4000]
    with open(f"{OUT}/{sid}.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return rows


def main():
    report = {}
    for sid, fn in [("authored-attacks-d", gen_attacks), ("authored-carriers-d", gen_carriers),
                    ("authored-requests-d", gen_requests), ("authored-documents-d", gen_documents)]:
        rng = random.Random(f"{SEED}-{sid}")
        rows, stats, dd = fn(rng)
        rows = write(sid, rows)
        langs = collections.Counter(r["lang"] for r in rows)
        report[sid] = dict(rows=len(rows), langs=dict(langs), stats=dict(stats), dropped_exact=dd.dropped_exact, dropped_near=dd.dropped_near,
                           non_en=round(1 - langs["en"] / len(rows), 3))
    json.dump(report, open(f"{os.path.dirname(os.path.abspath(__file__))}/report.json", "w"), indent=1, ensure_ascii=False)
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
