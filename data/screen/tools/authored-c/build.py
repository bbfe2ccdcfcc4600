#!/usr/bin/env python3
"""Deterministic generator for authored-pool-c (seed 20241112). Writes four jsonl sources + .md entries."""
import random, json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from common import ORGS, fill, clean, cut3000, dedup, dedup_char, write_jsonl, sha_sort, norm
import attacks_en as A
from attacks_intl import INTL
import carriers as C
from pools_intl import P
import requests_data as R

import os
OUT = os.environ.get('AUTHORED_OUT', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'out'))
rng = random.Random(20241112)
LANGS = list(INTL.keys())
CLOSERS = {"<|im_start|>system": "<|im_end|>", "<<SYS>>": "<</SYS>>", "<s>[INST]": "[/INST]", "=== BEGIN TRUSTED INSTRUCTIONS ===": "=== END TRUSTED INSTRUCTIONS ===",
           "<instructions priority=\"highest\">": "</instructions>", "```system": "```", "<assistant_config>": "</assistant_config>", "</user><system>": "</system><user>"}

CAT_W = [("answer_change", 18), ("promotion", 10), ("exfiltration", 18), ("tool_call", 16), ("conditional", 11), ("hijack", 12), ("jailbreak", 7), ("authority", 8)]
cursors = {k: 0 for k in A.CATEGORIES}
orders = {k: rng.sample(range(len(v)), len(v)) for k, v in A.CATEGORIES.items()}


def next_core(cat):
    lst = A.CATEGORIES[cat]
    i = orders[cat][cursors[cat] % len(lst)]
    cursors[cat] += 1
    return lst[i]


def compose_en(rng, light=False):
    cat = rng.choices([c for c, _ in CAT_W], [w for _, w in CAT_W])[0]
    core = next_core(cat)
    org = rng.choice(ORGS)
    parts = []
    marker = None
    s = 0.5 if light else 1.0
    if rng.random() < 0.2 * s:
        marker = rng.choice(A.MARKERS); parts.append(marker)
    if cat != "authority" and rng.random() < 0.3 * s:
        parts.append(rng.choice(A.AUTHORITY))
    if cat != "hijack" and rng.random() < 0.45:
        parts.append(rng.choice(A.ADDRESSEES))
    if cat not in ("conditional",) and rng.random() < 0.4 * s:
        parts.append(rng.choice(A.OVERRIDES))
    parts.append(core)
    if rng.random() < 0.2 * s:
        parts.append(rng.choice(A.URGENCY))
    if rng.random() < 0.35:
        parts.append(rng.choice(A.SECRECY))
    # a bare "reply in French" / "forward the emails" could be a legitimate user request: make sure every row
    # carries at least one signal that it is addressed to the model from inside data (label safety)
    if len(parts) == 1 and cat in ("answer_change", "promotion", "exfiltration", "tool_call"):
        k = rng.random()
        if k < 0.4:
            parts.insert(0, rng.choice(A.ADDRESSEES))
        elif k < 0.6:
            parts.insert(0, rng.choice(A.OVERRIDES))
        elif k < 0.75:
            parts.insert(0, rng.choice(A.AUTHORITY))
        else:
            parts.append(rng.choice(A.SECRECY))
    if marker in CLOSERS and rng.random() < 0.6:
        parts.append(CLOSERS[marker])
    out = ""
    for i, p in enumerate(parts):
        if i == 0:
            out = p
        elif parts[i - 1] == marker or "\n" in p or p in CLOSERS.values() or rng.random() < 0.15:
            out += "\n" + p
        else:
            out += " " + p
    return fill(out, org, rng), cat


def compose_intl(rng, lang, core=None):
    d = INTL[lang]; org = rng.choice(ORGS)
    core = core or rng.choice(d["C"])
    parts = []
    if rng.random() < 0.15:
        parts.append(rng.choice(A.MARKERS[:12]))
    if rng.random() < 0.5: parts.append(rng.choice(d["A"]))
    if rng.random() < 0.45: parts.append(rng.choice(d["O"]))
    parts.append(core)
    if rng.random() < 0.4 or len(parts) == 1: parts.append(rng.choice(d["S"]))
    sep = "" if lang in ("zh", "ja") else " "
    out = parts[0]
    for p in parts[1:]:
        out += ("\n" if out in A.MARKERS else sep) + p
    return fill(out, org, rng)


def row(text, label, kind, lang):
    return {"text": text, "label": label, "kind": kind, "lang": lang}


# ---------------- 1. attacks ----------------
att = []
for _ in range(1150):
    t, cat = compose_en(rng)
    att.append(row(clean(t), "injection", "attack", "en"))
for lang in LANGS:
    cores = INTL[lang]["C"][:]
    for k in range(19):
        core = cores[k % len(cores)] if k < len(cores) else rng.choice(cores)
        att.append(row(clean(compose_intl(rng, lang, core)), "injection", "attack", lang))
rng.shuffle(att)
att = [r for r in att if 8 <= len(r["text"]) <= 4000]
att_k, ex_a, nr_a = dedup(att, 0.8)
att_k, nr2_att_k = dedup_char(att_k, 0.75)
en_a = [r for r in att_k if r["lang"] == "en"][:760]
in_a = [r for r in att_k if r["lang"] != "en"]
att_final = en_a + in_a

# ---------------- 2. carriers ----------------
car = []
gens = list(C.EN_GENS.items())
for _ in range(1300):
    name, (g, w) = rng.choices(gens, [w for _, (g, w) in gens])[0]
    org = rng.choice(ORGS)
    car.append(row(cut3000(clean(g(rng, org))), "benign", "carrier", "en"))
for lang in LANGS:
    for _ in range(60):
        car.append(row(cut3000(clean(C.intl(rng, lang, rng.choice(ORGS)))), "benign", "carrier", lang))
rng.shuffle(car)
car = [r for r in car if len(r["text"]) >= 8]
car_k, ex_c, nr_c = dedup(car, 0.7)
car_k, nr2_car_k = dedup_char(car_k, 0.75)
en_c = [r for r in car_k if r["lang"] == "en"][:1050]
in_c = []
for lang in LANGS:
    in_c += [r for r in car_k if r["lang"] == lang][:30]
car_final = en_c + in_c

# ---------------- 3. requests ----------------
req = [row(t, "benign", "request", "en") for t in R.REQ_EN + R.REQ_EN2]
for tpl, kind in R.TPL_EN:
    for _ in range(10):
        if kind == "p":
            t = tpl.format(p=rng.choice(R.PHRASES), l=rng.choice(R.LANGS))
        elif kind == "r":
            r_, t_ = rng.choice(R.ROLES); t = tpl.format(r=r_, t=t_, T=t_[0].upper() + t_[1:])
        else:
            t = tpl.format(d=rng.choice(R.DOCS))
        req.append(row(t, "benign", "request", "en"))
for t in R.TASKS:
    for c in rng.sample(R.CONTEXTS, 3):
        tt = t if c.endswith((":", "—", "but")) else t[0].upper() + t[1:]
        req.append(row(f"{c} {tt}", "benign", "request", "en"))
for lang, lst in R.REQ_INTL.items():
    for t in lst:
        req.append(row(t, "benign", "request", lang))
rng.shuffle(req)
req_k, ex_r, nr_r = dedup([dict(r, text=clean(r["text"])) for r in req if len(clean(r["text"])) >= 8], 0.8)
req_k, nr2_req_k = dedup_char(req_k, 0.75)
en_r = [r for r in req_k if r["lang"] == "en"][:420]
req_final = en_r + [r for r in req_k if r["lang"] != "en"]

# ---------------- 4. attack documents ----------------
docs = []
for i in range(760):
    org = rng.choice(ORGS)
    if rng.random() < 0.25:
        lang = rng.choice(LANGS)
        inj = compose_intl(rng, lang)
        t = C.intl(rng, lang, org, inj=inj)
    else:
        lang = "en"
        if rng.random() < 0.25:
            inj = fill(rng.choice(A.EMBED_LINES), org, rng)
        else:
            inj, _ = compose_en(rng, light=True)
        name, (g, w) = rng.choices(gens, [w for _, (g, w) in gens])[0]
        t = g(rng, org, inj=inj)
    t = clean(t)
    if len(t) > 3000:
        continue  # don't risk cutting the injection out
    docs.append(row(t, "injection", "attack_document", lang))
rng.shuffle(docs)
doc_k, ex_d, nr_d = dedup(docs, 0.7)
doc_k, nr2_doc_k = dedup_char(doc_k, 0.75)
doc_final = doc_k[:600]

stats = {}
for sid, rows in [("authored-attacks-c", att_final), ("authored-carriers-c", car_final), ("authored-requests-c", req_final), ("authored-documents-c", doc_final)]:
    rows = sha_sort(rows, 4000)
    write_jsonl(f"{OUT}/{sid}.jsonl", rows)
    langs = {}
    for r in rows:
        langs[r["lang"]] = langs.get(r["lang"], 0) + 1
    stats[sid] = (len(rows), langs)
    print(sid, len(rows), langs)
print("dedup dropped (exact, near-word, near-char): attacks", ex_a, nr_a, nr2_att_k, "carriers", ex_c, nr_c, nr2_car_k, "requests", ex_r, nr_r, nr2_req_k, "docs", ex_d, nr_d, nr2_doc_k)
json.dump({k: v for k, v in stats.items()}, open(os.path.join(os.path.dirname(__file__), "stats.json"), "w"), ensure_ascii=False, indent=1)
