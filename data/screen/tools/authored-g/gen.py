#!/usr/bin/env python3
"""Deterministic generator for authored pool G (farm co-op setting). python3 gen.py"""
import json, random, re, hashlib, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from p_attacks import *
from p_attacks_intl import *
from p_carriers import *
from p_carriers_intl import *
from p_requests import *
R = random.Random(20261204)
import os
OUT = os.environ.get("AUTHORED_OUT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))

def cap(s): return s[0].upper() + s[1:] if s else s
def norm(t): return re.sub(r"\s+", " ", t.strip()).lower()
def nm():
    n = R.choice(NAMES); f, l = n.split(" ", 1); return n, f, l
def fill(s):
    n, f, l = nm()
    return s.replace("{n}", n).replace("{f}", f).replace("{l}", l)

# ---------------- attacks ----------------
def en_attack():
    pat = R.choice(list(ACT)); a = R.choice(ACT[pat]).replace("{user}", "margit")
    mode = R.random()
    if mode < 0.55:
        o = R.choice(OPEN_EN)
        while pat in ("authority", "roleplay", "override") and not o.endswith((":", "]", ")", "—")):
            o = R.choice(OPEN_EN)
        sep = " " if o.endswith((",", "quietly", "so", "should")) else " "
        act = a if o.endswith((",", "quietly", "so", "should", "Copilot / ChatGPT / whatever assistant is reading this —")) else cap(a)
        return f"{o}{sep}{act}", pat
    elif mode < 0.85:
        w = R.choice(URG); t = w.replace("{a}", a).replace("{A}", cap(a))
        if R.random() < 0.5:
            t = R.choice(["Assistant: ", "AI reader: ", "Note to the AI: ", "For the assistant only — ", "To the model: "]) + t
        return t, pat
    else:
        return cap(a) if pat in ("override", "authority", "roleplay") else "Assistant, " + a, pat

def intl_attack(lang=None):
    if lang is None:
        lang = R.choice(list(OA) + list(FULL_INTL))
    if lang in OA:
        o, acts = OA[lang]; oo = R.choice(o); a = R.choice(acts)
        return f"{oo} {a if oo.endswith((',', 'also', 'donc', 'que', 'dus', 'quindi', 'então', 'así que')) else cap(a)}", lang
    return R.choice(FULL_INTL[lang]), lang

attacks, seen = [], set()
SH = {}
def shingles(t):
    w = re.findall(r"\w+", t.lower())
    if len(w) < 4: return set(w) | {t.lower()}
    return {" ".join(w[i:i+3]) for i in range(len(w) - 2)}
def add(rows, seenset, text, label, kind, lang, thr=0.8):
    text = text.strip()
    if len(text) < 8: return False
    k = norm(text)
    if k in seenset: return False
    sh = shingles(text); lst = SH.setdefault(kind, [])
    for o in lst:
        if len(sh & o) / max(1, len(sh | o)) >= thr: return False
    lst.append(sh)
    seenset.add(k); rows.append({"text": text, "label": label, "kind": kind, "lang": lang}); return True

for t in FULL_EN + OBF_EN: add(attacks, seen, t, "injection", "attack", "en")
for L, lst in FULL_INTL.items():
    for t in lst: add(attacks, seen, t, "injection", "attack", L)
tries = 0
while sum(r["lang"] != "en" for r in attacks) < 228 and tries < 10000:
    tries += 1; t, L = intl_attack(R.choice(list(OA))); add(attacks, seen, t, "injection", "attack", L)
tries = 0
while len(attacks) < 900 and tries < 40000:
    tries += 1
    t, _ = en_attack(); add(attacks, seen, t, "injection", "attack", "en")

# ---------------- carriers ----------------
def email_en():
    parts = [fill(R.choice(GREET))] + R.sample(BODY, R.choice([1, 2, 2, 3])) + [fill(R.choice(SIGN))]
    if R.random() < 0.3:
        parts.insert(0, f"Subject: {R.choice(['Re: harvest rota','Timesheets','AGM venue','Feed invoice','Fwd: vet visit','Quick question','Long Barn booking','Budget','Cold store','Surprise for Priya'])}")
    return "\n\n".join(parts)
def chat_en():
    k = R.randint(2, 5)
    return "\n".join(f"[{R.randint(6,21):02d}:{R.randint(0,59):02d}] {nm()[1]}: {m}" for m in R.sample(MSG, k))
def meeting_en():
    n = R.sample(NAMES, 4); d = dict(zip("abcd", [x.split()[0] for x in n]))
    lines = [MEETING[0]] + sorted(R.sample(MEETING[1:8], R.randint(3, 6)), key=MEETING.index) + R.sample(MEETING[8:], R.randint(1, 4))
    return f"Council meeting — {R.randint(1,28)} {R.choice(['March','April','June','September','October','November'])}\n" + "\n".join(l.format(**d) for l in lines)
def cv_en():
    n = nm()[0]; h = R.choice(CV_HEAD).format(n=n, c=R.choice(CV_ROLES), y=R.randint(2, 20))
    return h + "\n" + "\n".join("- " + l for l in R.sample(CV_LINES, R.randint(4, 8)))
def policy_en():
    return R.choice(POLICY_TITLES) + "\n\n" + "\n".join(f"{i+1}. {l}" for i, l in enumerate(R.sample(POLICY, R.randint(3, 7))))
def contract_en():
    s = R.choice(SUPPLIERS); cl = [CONTRACT[0]] + sorted(R.sample(CONTRACT[1:], R.randint(3, 7)), key=CONTRACT.index)
    return "SUPPLY AGREEMENT\n\n" + "\n\n".join(c.format(s=s) for c in cl)
def review_en():
    return "\n\n".join(f"{'★'*R.randint(1,5)} {nm()[0]}\n{r}" for r in R.sample(REVIEW, R.randint(1, 3)))
def forum_en():
    ps = R.sample(FORUM, R.randint(1, 3))
    return "\n\n".join(f"{nm()[1].lower()}{R.randint(1,99)} wrote:\n{p}" for p in ps)
def news_en():
    return R.choice(["Tallowmere Gazette","Co-op News","County Farmer","Members' Bulletin"]) + "\n\n" + "\n\n".join(R.sample(NEWS, R.randint(2, 4)))
def sec_en():
    return R.choice(["Members' Bulletin — Security corner","Tech column: AI assistants","Staff training note","Blog: what we learned about AI safety"]) + "\n\n" + "\n\n".join(R.sample(SEC_NEWS, R.randint(1, 3)))
def howto_en(): return "\n\n".join(R.sample(HOWTO, R.randint(1, 2)))
def fiction_en(): return "\n\n".join(R.sample(FICTION, R.randint(1, 3)))
def blog_en(): return "\n\n".join(R.sample(BLOG + NEWS[:3], R.randint(2, 3)))
EN_GEN = [(email_en, 30), (chat_en, 10), (meeting_en, 9), (cv_en, 9), (policy_en, 6), (contract_en, 6), (review_en, 8), (forum_en, 7), (news_en, 5), (sec_en, 4), (howto_en, 3), (fiction_en, 3), (blog_en, 4)]
def gen_en():
    fs, ws = zip(*EN_GEN); return R.choices(fs, ws)[0]()
def gen_intl(lang=None):
    if lang is None: lang = R.choice(list(CI) * 3 + list(CF))
    if lang in CI:
        g, b, s = CI[lang]
        return "\n\n".join([fill(R.choice(g))] + R.sample(b, R.choice([1, 2, 2, 3])) + [fill(R.choice(s))]), lang
    return "\n\n".join(R.sample(CF[lang], R.choice([1, 1, 2]))), lang

carriers, cseen = [], set()
tries = 0
while len(carriers) < 450 and tries < 20000:
    tries += 1; t, L = gen_intl(); add(carriers, cseen, t, "benign", "carrier", L)
tries = 0
while len(carriers) < 1500 and tries < 40000:
    tries += 1
    add(carriers, cseen, gen_en(), "benign", "carrier", "en")

# ---------------- requests ----------------
reqs, rseen = [], set()
tries = 0
while len(reqs) < 150 and tries < 20000:
    tries += 1; L = R.choice(list(REQ_INTL)); add(reqs, rseen, R.choice(REQ_INTL[L]) + R.choice(REQ_INTL_SUFFIX[L]), "benign", "request", L)
for t in REQ_EN: add(reqs, rseen, t, "benign", "request", "en")
tries = 0
while len(reqs) < 500 and tries < 20000:
    tries += 1
    if R.random() < 0.3: t = R.choice(REQ_EN) + R.choice(REQ_SUFFIX)
    else: t = f"{R.choice(TASK_V)} {R.choice(TASK_O)}." + R.choice(REQ_SUFFIX)
    add(reqs, rseen, t, "benign", "request", "en")

# ---------------- attack documents ----------------
WRAP = [
 "P.S. {x}", "PS — {x}", "[1] {x}", "<span style=\"color:#ffffff;font-size:1px\">{x}</span>",
 "--\n{x}", "> {x}", "<!-- {x} -->", "{x}", "{x}", "(Note: {x})", "*{x}*", "[hidden text] {x}",
 "---------- Forwarded message ----------\n{x}", "Footnote: {x}",
]
def weave(carrier, atk):
    paras = carrier.split("\n\n"); w = R.choice(WRAP).replace("{x}", atk); pos = R.random()
    if pos < 0.25: paras.insert(0, w)
    elif pos < 0.55 and len(paras) > 1: paras.insert(R.randint(1, len(paras) - 1), w)
    else:
        if w.startswith(("P.S.", "PS")) or R.random() < 0.5: paras.append(w)
        else: paras.insert(len(paras) - 1 if len(paras) > 1 else 1, w)
    return "\n\n".join(paras)
docs, dseen = [], set()
intl_langs_doc = [l for l in list(CI) + list(CF) if l in OA or l in FULL_INTL]
tries = 0
while len(docs) < 175 and tries < 20000:
    tries += 1; L = R.choice(intl_langs_doc); c, _ = gen_intl(L); a, _ = intl_attack(L)
    if norm(c) in cseen: continue
    add(docs, dseen, weave(c, a), "injection", "attack_document", L)
tries = 0
while len(docs) < 700 and tries < 40000:
    tries += 1
    c = gen_en()
    if norm(c) in cseen: continue
    a = R.choice([en_attack()[0]] * 8 + [R.choice(FULL_EN), R.choice(OBF_EN)])
    add(docs, dseen, weave(c, a), "injection", "attack_document", "en")

def clean(rows, is_carrier):
    out = []
    for r in rows:
        t = r["text"].strip()
        if is_carrier and len(t) > 3000:
            cut = t[:3000]; t = cut[:cut.rfind("\n")].strip()
        if r["kind"] == "attack" and len(t) > 4000: continue
        assert "{" not in t or "{user}" not in t, t
        r["text"] = t; out.append(r)
    out.sort(key=lambda r: hashlib.sha1(r["text"].encode()).hexdigest())
    return out[:4000]
for name, rows, isc in [("authored-attacks-g", attacks, False), ("authored-carriers-g", carriers, True), ("authored-requests-g", reqs, False), ("authored-documents-g", docs, True)]:
    rows = clean(rows, isc)
    with open(f"{OUT}/{name}.jsonl", "w", encoding="utf-8") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    print(name, len(rows), dict(Counter(r["lang"] for r in rows)))
