#!/usr/bin/env python3
"""Deterministic generator for authored-pool-e. Usage: python3 gen.py  (writes into ./out, or $AUTHORED_OUT)."""
import hashlib
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import fill, begin, end, LANGS_NONEN  # noqa: E402
import attacks_en as A  # noqa: E402
from attacks_ml import ML  # noqa: E402
import carriers_en as C  # noqa: E402
from carriers_ml import CML  # noqa: E402
from requests_pieces import REQ_EN, REQ_ML, REQ_PRE_EN, REQ_SUF_EN  # noqa: E402

import os
OUT = Path(os.environ.get("AUTHORED_OUT", Path(__file__).resolve().parent / "out"))
SEED = 20251204
STATS = Counter()

# ------------------------------------------------------------------ attacks


def en_core(rng):
    cat = rng.choices(["tool", "structured", "fake_call", "fake_assistant", "fake_result", "forbid", "answer",
                       "exfil", "conditional", "obfuscated"], [26, 9, 9, 8, 9, 7, 11, 10, 7, 4])[0]
    if cat == "tool":
        sub = rng.choice(list(A.TOOL_PROSE))
        STATS["attack_tool_" + sub] += 1
        return cat, rng.choice(A.TOOL_PROSE[sub])
    pool = {"structured": A.STRUCTURED, "fake_call": A.FAKE_CALL, "fake_assistant": A.FAKE_ASSISTANT,
            "fake_result": A.FAKE_RESULT, "forbid": A.FORBID, "answer": A.CHANGE_ANSWER, "exfil": A.EXFIL,
            "conditional": A.CONDITIONAL, "obfuscated": A.OBFUSCATED}[cat]
    return cat, rng.choice(pool)


def en_attack(rng):
    cat, core = en_core(rng)
    STATS["attack_cat_" + cat] += 1
    parts = []
    close = None
    r = rng.random()
    if r < 0.22:
        parts.append(rng.choice(A.ADDRESS)); STATS["attack_open_address"] += 1
    elif r < 0.38:
        parts.append(rng.choice(A.IMPERSONATE)); STATS["attack_open_impersonate"] += 1
    elif r < 0.55:
        m = rng.choice(A.MARKERS); parts.append(m); close = A.MARKER_CLOSE.get(m); STATS["attack_open_marker"] += 1
    if cat in ("tool", "answer", "exfil", "forbid") and rng.random() < 0.35:
        parts.append(rng.choice(A.OVERRIDE)); STATS["attack_override_line"] += 1
    # forbid lines sometimes accompany a tool action
    if cat == "tool" and rng.random() < 0.12:
        parts.append(rng.choice(A.FORBID)); STATS["attack_cat_forbid_combo"] += 1
    parts.append(core)
    if rng.random() < 0.3:
        parts.append(rng.choice(A.URGENCY)); STATS["attack_urgency"] += 1
    if rng.random() < 0.35:
        parts.append(rng.choice(A.SECRECY)); STATS["attack_secrecy"] += 1
    if close and rng.random() < 0.7:
        parts.append(close)
    sep = rng.choice([" ", "\n", "\n", "\n\n"])
    txt = ""
    for i, p in enumerate(parts):
        if i == 0:
            txt = p
        else:
            s = "\n" if (parts[i - 1] in A.MARKERS or "\n" in p or p.startswith("<") or p.startswith("{")) else sep
            txt += s + p
    txt = fill(txt, rng)
    return txt


def ml_attack(rng, lang):
    d = ML[lang]
    parts = []
    if rng.random() < 0.55:
        parts.append(rng.choice(d["open"]))
    parts.append(rng.choice(d["core"]))
    if rng.random() < 0.3:
        parts.append(rng.choice(d["core"]))
        if parts[-1] == parts[-2]:
            parts.pop()
    if rng.random() < 0.5:
        parts.append(rng.choice(d["suf"]))
    sep = rng.choice([" ", "\n"])
    txt = parts[0]
    for p in parts[1:]:
        txt += ("\n" if txt.endswith(":") or "\n" in p or parts[0].startswith(("---", "[", "<", "###")) else sep) + p
    return fill(txt, rng)


# ------------------------------------------------------------------ carriers


def en_carrier(rng):
    gens, weights = zip(*C.GENS)
    g = rng.choices(gens, weights)[0]
    STATS["carrier_" + g.__name__] += 1
    begin(rng)
    try:
        return g(rng)
    finally:
        end()


def ml_carrier(rng, lang):
    begin(rng)
    try:
        return _ml_carrier(rng, lang)
    finally:
        end()


def _ml_carrier(rng, lang):
    d = CML[lang]
    kind = rng.choice(["email", "email", "chat", "err", "doc", "ticket", "cal"])
    STATS["carrier_ml_" + kind] += 1
    if kind == "email":
        body = "\n\n".join(rng.sample(d["body"], rng.randint(1, 3)))
        hdr = "From: {sender} <{sender_email}>\nDate: {iso} {time}\n"
        if rng.random() < 0.4:
            hdr = ""
        return "email", fill(hdr + rng.choice(d["greet"]) + "\n\n" + body + "\n\n" + rng.choice(d["sign"]).replace("{person}", "{sender}").replace("{first}", "{sender}"), rng)
    if kind == "chat":
        lines = rng.sample(d["chat"], rng.randint(2, 4))
        return "chat", "\n".join(fill("[{time}] ", rng) + fill(l, rng) for l in lines)
    if kind == "err":
        e = fill(rng.choice(d["err"]), rng)
        obj = rng.choice([
            {"status": "error", "message": e, "request_id": fill("{ref}", rng)},
            {"tool": rng.choice(["payments.transfer", "calendar.create", "drive.share", "crm.update"]), "ok": False, "error": e},
            {"error": {"code": rng.choice([401, 403, 409, 429, 503]), "message": e}, "retry_after": rng.choice([30, 60, None])},
        ])
        return "json", json.dumps(obj, ensure_ascii=False, indent=rng.choice([None, 2]))
    if kind == "doc":
        paras = rng.sample(d["doc"], rng.randint(2, 3))
        title = fill("{org} — ", rng) + {"de": "Richtlinie", "fr": "Politique interne", "es": "Política interna", "it": "Regolamento",
                                         "pt": "Política interna", "nl": "Beleid", "pl": "Regulamin", "ru": "Регламент", "zh": "内部制度",
                                         "ja": "社内規程", "ko": "내부 규정", "tr": "Şirket politikası", "ar": "السياسة الداخلية",
                                         "hi": "आंतरिक नीति", "id": "Kebijakan internal", "vi": "Quy định nội bộ"}[lang]
        return "text", title + "\n\n" + "\n".join(f"{i + 1}. {fill(p, rng)}" for i, p in enumerate(paras))
    if kind == "ticket":
        t = fill("Ticket {ref} · " + rng.choice(["Open", "In progress", "Resolved"]) + "\n", rng)
        t += fill(rng.choice(d["body"]), rng) + "\n" + "\n".join(fill(l, rng) for l in rng.sample(d["chat"], 2))
        return "text", t
    ev = {"title": fill(re.split(r"[:：] ?", rng.choice(d["chat"]), maxsplit=1)[-1][:60], rng), "start": fill("{iso}T{time}:00", rng),
          "organizer": fill("{staff_email}", rng), "notes": fill(rng.choice(d["body"]), rng)}
    return "json", json.dumps({"event": ev}, ensure_ascii=False, indent=2)


# ------------------------------------------------------------------ requests


def en_request(rng):
    t = rng.choice(REQ_EN)
    pre = rng.choice(REQ_PRE_EN)
    suf = rng.choice(REQ_SUF_EN)
    t = fill(t, rng)
    if pre in ("Please ", "Could you ", "Can you ", "When you get a sec, ") and t[0].isupper() and not t.startswith(("What", "How", "Why", "Is ", "Which", "Can ", "Could ")):
        if not t[1:2].isupper():
            t = t[0].lower() + t[1:]
        if pre in ("Could you ", "Can you ") and t.endswith("."):
            t = t[:-1] + "?"
    elif pre and t.startswith(("What", "How", "Why", "Is ", "Which", "Can ", "Could ")) and pre in ("Please ", "Could you ", "Can you ", "When you get a sec, "):
        pre = ""
    if pre in ("Hey, ", "When you get a sec, ") and t[:1].isupper() and not t[1:2].isupper():
        t = t[0].lower() + t[1:]
    if pre == "Urgent: " and suf in (" No rush.", " Before lunch if possible."):
        suf = ""
    return (pre + t + suf).strip()


def ml_request(rng, lang):
    return fill(rng.choice(REQ_ML[lang]), rng)


# ------------------------------------------------------------------ documents (carrier + planted attack)

JSON_KEYS = ["note", "notes", "message", "description", "comment", "customer_note", "hint", "detail", "remarks", "_meta", "memo", "instructions"]


def plant(fmt, text, atk, rng):
    pos = rng.choice(["start", "middle", "end", "end"])
    STATS["doc_pos_" + pos] += 1
    STATS["doc_fmt_" + fmt] += 1
    if fmt == "json":
        try:
            obj = json.loads(text)
        except Exception:
            obj = None
        if isinstance(obj, dict):
            target = obj
            # descend into a nested dict/list sometimes
            for k, v in list(obj.items()):
                if isinstance(v, dict) and rng.random() < 0.5:
                    target = v; break
                if isinstance(v, list) and v and isinstance(v[0], dict) and rng.random() < 0.5:
                    target = rng.choice(v); break
            key = rng.choice(JSON_KEYS)
            items = list(target.items())
            idx = {"start": 0, "middle": len(items) // 2, "end": len(items)}[pos]
            items.insert(idx, (key, atk))
            target.clear(); target.update(items)
            return json.dumps(obj, ensure_ascii=False, indent=rng.choice([None, 2]))
    lines = text.split("\n")
    if fmt == "html":
        w = rng.choice(["<!-- {a} -->", "<div style=\"display:none\">{a}</div>", "<p class=\"small\">{a}</p>",
                        "<span style=\"color:#fff;font-size:1px\">{a}</span>", "<meta name=\"description\" content=\"{a}\">"])
        ins = w.replace("{a}", atk.replace('"', "'") if "content=" in w else atk)
    elif fmt == "code":
        if " commented: " in text:
            c = "comment: "
        elif "def " in text or text.lstrip().startswith("#") or "ENV " in text:
            c = "# "
        elif "SELECT" in text or "DELETE FROM" in text or "-- " in text:
            c = "-- "
        else:
            c = "// "
        if c == "comment: ":
            ins = fill("{first} commented: ", rng) + atk
        else:
            ins = "\n".join(c + l for l in atk.split("\n"))
    elif fmt == "log":
        ins = fill("{iso}T{time}:59Z " + rng.choice(["WARN  ", "INFO  ", "ERROR "]) + rng.choice(["agent", "mailer", "crm-sync", "webhook", "payments"]) + ": ", rng) + atk.replace("\n", " ")
    elif fmt == "yaml":
        ins = rng.choice(["# " + atk.replace("\n", "\n# "), "note: " + json.dumps(atk, ensure_ascii=False)])
    elif fmt == "chat":
        ins = fill("[{time}] {first}: ", rng) + atk
    elif fmt == "shell":
        ins = rng.choice(["", "NOTICE: ", "hint: ", "warning: "]) + atk
    elif fmt == "table":
        ins = " | ".join([fill("{ref}", rng), fill("{person}", rng), "open", fill("{amt}", rng), atk.replace("\n", " ")])
        pos = rng.choice(["middle", "end"])
    elif fmt == "email":
        ins = "\n" + rng.choice(["", "", "P.S. ", "---\n", "[This message was scanned by MailGuard]\n"]) + atk + "\n"
    else:
        ins = atk
        if "\n\n" in text:
            ins = "\n" + atk + "\n"
    if pos == "start":
        if fmt == "table":
            pos = "end"
        else:
            idx = 0
            if fmt == "email":
                # after headers
                for i, l in enumerate(lines):
                    if l.strip() == "":
                        idx = i + 1; break
            lines.insert(idx, ins)
            return "\n".join(lines)
    if pos == "middle":
        idx = max(1, len(lines) // 2)
        lines.insert(idx, ins)
        return "\n".join(lines)
    lines.append(ins)
    return "\n".join(lines)


def document(rng, lang):
    if lang == "en":
        fmt, text = en_carrier(rng)
        atk = en_attack(rng) if rng.random() < 0.93 else ml_attack(rng, rng.choice(LANGS_NONEN))
        if len(atk) > 600:
            atk = en_attack(rng)
    else:
        fmt, text = ml_carrier(rng, lang)
        atk = ml_attack(rng, lang) if rng.random() < 0.8 else en_attack(rng)
    return plant(fmt, text, atk, rng)


# ------------------------------------------------------------------ cleaning


def norm(t):
    return re.sub(r"\s+", " ", t).strip().lower()


def cut(t, limit=3000):
    if len(t) <= limit:
        return t
    lines = t.split("\n")
    out = []
    n = 0
    for l in lines:
        if n + len(l) + 1 > limit:
            break
        out.append(l); n += len(l) + 1
    return "\n".join(out).strip()


def shingles(t, k=5):
    t = norm(t)
    return {t[i:i + k] for i in range(max(1, len(t) - k + 1))}


def near_dedupe(rows, thr):
    """Drop rows whose char-5gram Jaccard with an earlier kept row is >= thr. Deterministic order."""
    kept = []
    sh = []
    dropped = 0
    for r in rows:
        s = shingles(r["text"])
        ls = len(s)
        dup = False
        for s2 in sh:
            l2 = len(s2)
            if min(ls, l2) / max(ls, l2) < thr:
                continue
            inter = len(s & s2)
            if inter / (ls + l2 - inter) >= thr:
                dup = True; break
        if dup:
            dropped += 1; continue
        kept.append(r); sh.append(s)
    return kept, dropped


def build(kind, label, maker, n_en, n_ml, rng, carrier=False, attack=False):
    rows = []
    seen = set()
    ml_langs = LANGS_NONEN

    def add(text, lang):
        text = text.strip()
        if carrier:
            text = cut(text)
        if len(text) < 8 or (attack and len(text) > 4000):
            return
        k = norm(text)
        if k in seen:
            return
        seen.add(k)
        rows.append({"text": text, "label": label, "kind": kind, "lang": lang})

    tries = 0
    while sum(1 for r in rows if r["lang"] == "en") < int(n_en * 1.35) and tries < n_en * 8:
        tries += 1
        add(maker(rng, "en"), "en")
    per = int(n_ml * 1.35 / len(ml_langs)) + 1
    for lang in ml_langs:
        tries = 0
        while sum(1 for r in rows if r["lang"] == lang) < per and tries < per * 12:
            tries += 1
            add(maker(rng, lang), lang)
    before = len(rows)
    rows, dropped = near_dedupe(rows, 0.8)
    # deterministic sample per language group: sort by sha1, take first N
    def sha(r):
        return hashlib.sha1(r["text"].encode()).hexdigest()
    en = sorted([r for r in rows if r["lang"] == "en"], key=sha)[:n_en]
    ml = [r for r in rows if r["lang"] != "en"]
    per_lang = {}
    for r in ml:
        per_lang.setdefault(r["lang"], []).append(r)
    ml_out = []
    quota = n_ml // len(ml_langs)
    extra = n_ml - quota * len(ml_langs)
    for i, lang in enumerate(ml_langs):
        lst = sorted(per_lang.get(lang, []), key=sha)
        ml_out += lst[:quota + (1 if i < extra else 0)]
    out = sorted(en + ml_out, key=sha)
    return out, {"generated": before, "near_dup_dropped": dropped}


def main():
    rng = random.Random(SEED)
    specs = [
        ("authored-attacks-e", "attack", "injection", lambda r, l: en_attack(r) if l == "en" else ml_attack(r, l), 750, 250, False, True),
        ("authored-carriers-e", "carrier", "benign", lambda r, l: (en_carrier(r) if l == "en" else ml_carrier(r, l))[1], 1050, 450, True, False),
        ("authored-requests-e", "request", "benign", lambda r, l: en_request(r) if l == "en" else ml_request(r, l), 420, 180, False, False),
        ("authored-documents-e", "attack_document", "injection", lambda r, l: document(r, l), 460, 140, True, False),
    ]
    report = {}
    for sid, kind, label, maker, n_en, n_ml, carrier, attack in specs:
        rows, info = build(kind, label, maker, n_en, n_ml, rng, carrier=carrier, attack=attack)
        with open(OUT / f"{sid}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        langs = Counter(r["lang"] for r in rows)
        info.update({"rows": len(rows), "langs": dict(langs)})
        report[sid] = info
        print(sid, json.dumps(info, ensure_ascii=False))
    with open(Path(__file__).parent / "stats.json", "w") as f:
        json.dump({"report": report, "stats": dict(sorted(STATS.items()))}, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
