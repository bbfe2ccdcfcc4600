"""Carrier generators. Each gen(rng, org, inj=None) returns (text). If inj is given, the attack text is
planted in a format-natural slot (body paragraph, PS, chat message, JSON value, YAML field, HTML comment /
hidden div, code comment, CSV cell, log message) at start, middle or end."""
import json
from common import fill
from pools_en import ORG_LINES, GENERIC, HARD_NEG, CHAT_LINES, SUBJECTS, SIGNOFFS, REVIEWS, REVIEW_BY_ORG, SECURITY_ARTICLES, RUNBOOK_STEPS, POLICY_LINES
from pools_intl import P


def _place(items, inj, rng, wrap=lambda s: s):
    if inj is None:
        return items
    pos = rng.choice(["start", "middle", "end", "end"])
    x = wrap(inj)
    if pos == "start":
        return [x] + items
    if pos == "end":
        return items + [x]
    k = rng.randint(1, max(1, len(items) - 1)) if len(items) > 1 else 1
    return items[:k] + [x] + items[k:]


def _lines(rng, org, n, hard_p=0.45):
    out = rng.sample(ORG_LINES[org["key"]], min(n, len(ORG_LINES[org["key"]])))
    if rng.random() < hard_p:
        out.insert(rng.randint(0, len(out)), rng.choice(HARD_NEG))
    if rng.random() < 0.5:
        out.append(rng.choice(GENERIC))
    return out


def email(rng, org, inj=None):
    sender = rng.choice(org["people"]); to = rng.choice(org["people"])
    body = _lines(rng, org, rng.randint(1, 4))
    if inj and rng.random() < 0.35:
        body = body + ["", "P.S. " + inj]
    else:
        body = _place(body, inj, rng)
    hdr = rng.choice([
        "From: {s} <{se}>\nTo: {t} <{te}>\nSubject: {sub}\n\n",
        "Subject: {sub}\nFrom: {se}\nDate: Tue, 12 Nov 2024 08:{mm}\n\n",
        "{s} wrote:\n",
        "-------- Forwarded message --------\nFrom: {s}\nSubject: {sub}\n\n",
    ])
    greet = rng.choice(["Hi {t1},", "Dear {t},", "Hello team,", "{t1} —", "Good morning,", ""])
    sign = rng.choice(SIGNOFFS) + "\n" + sender.split()[-1 if sender.startswith(("Dr.", "Ms.", "Mr.", "Principal", "Coach", "Captain", "Maestra", "Superintendent")) else 0]
    t1 = to.split()[-1] if to.startswith(("Dr.", "Ms.", "Mr.", "Principal", "Coach", "Captain", "Maestra", "Superintendent")) else to.split()[0]
    text = hdr.format(s=sender, se=fill("⟨email⟩", org, rng), t=to, te=fill("⟨email⟩", org, rng), sub=fill(rng.choice(SUBJECTS), org, rng), mm=rng.randint(10, 59))
    text += (greet.format(t=to, t1=t1) + "\n\n" if greet else "") + " ".join(body[:2]) + ("\n\n" + "\n\n".join(b for b in body[2:] if b) if len(body) > 2 else "") + "\n\n" + sign
    return fill(text, org, rng)


def chat(rng, org, inj=None):
    style = rng.choice(["slack", "teams", "whatsapp"])
    names = [p.split()[-1] if p.startswith(("Dr.", "Ms.", "Mr.", "Principal", "Coach", "Captain", "Maestra", "Superintendent")) else p.split()[0] for p in org["people"]]
    msgs = [rng.choice(CHAT_LINES) for _ in range(rng.randint(2, 5))] + rng.sample(ORG_LINES[org["key"]], rng.randint(1, 2))
    if rng.random() < 0.4:
        msgs.append(rng.choice(HARD_NEG))
    rng.shuffle(msgs)
    msgs = _place(msgs, inj, rng)
    out = []
    h, m = rng.randint(7, 17), rng.randint(0, 50)
    if style == "slack":
        out.append("#" + rng.choice(["general", "ops", "field-crew", "front-desk", "lab-chat", "logistics", "staffroom", "rehearsals"]))
    for i, x in enumerate(msgs):
        n = rng.choice(names); m += rng.randint(0, 4)
        if style == "slack":
            out.append(f"{n}  {h}:{m % 60:02d}\n{x}")
        elif style == "teams":
            out.append(f"[{h}:{m % 60:02d}] {n}: {x}")
        else:
            out.append(f"[12/11/24, {h}:{m % 60:02d}] {n}: {x}")
    return fill("\n".join(out), org, rng)


def ticket(rng, org, inj=None):
    desc = _lines(rng, org, rng.randint(1, 3), 0.5)
    desc = _place(desc, inj, rng)
    t = (f"Ticket {fill('⟨id⟩', org, rng)} | Priority: {rng.choice(['P2', 'P3', 'Low', 'Normal', 'High'])} | Status: {rng.choice(['Open', 'In progress', 'Waiting on customer', 'Resolved'])}\n"
         f"Requester: {rng.choice(org['people'])}\nAssignee: {rng.choice(org['people'])}\nTitle: {fill(rng.choice(SUBJECTS), org, rng)}\n\nDescription:\n" + "\n".join(desc))
    if rng.random() < 0.6:
        t += f"\n\nComment ({rng.choice(org['people'])}): " + fill(rng.choice(HARD_NEG + GENERIC), org, rng)
    return fill(t, org, rng)


def calendar(rng, org, inj=None):
    desc = rng.sample(ORG_LINES[org["key"]], 1) + ([rng.choice(HARD_NEG)] if rng.random() < 0.5 else []) + [rng.choice(["Agenda: updates, risks, AOB.", "Dial-in details below.", "Please bring your laptop.", "Lunch provided.", "Optional for remote staff."])]
    desc = _place(desc, inj, rng)
    if rng.random() < 0.5:
        t = ("BEGIN:VEVENT\nSUMMARY:" + fill(rng.choice(["Weekly sync", "⟨thing⟩ review", "1:1 with ⟨person⟩", "Planning: ⟨product⟩", "Vendor call"]), org, rng) +
             f"\nDTSTART:202411{rng.randint(10, 28)}T{rng.randint(8, 16):02d}0000\nLOCATION:" + fill("⟨addr⟩", org, rng) + "\nDESCRIPTION:" + "\\n".join(desc) + "\nEND:VEVENT")
    else:
        t = (f"Event: " + fill(rng.choice(["Team meeting", "⟨thing⟩ walkthrough", "Site visit", "Training session", "Budget review"]), org, rng) +
             f"\nWhen: {fill('⟨date⟩', org, rng)}, {fill('⟨time⟩', org, rng)}\nWhere: {fill('⟨addr⟩', org, rng)}\nOrganizer: {rng.choice(org['people'])}\nNotes:\n" + "\n".join(desc))
    return fill(t, org, rng)


def reviews(rng, org, inj=None):
    rs = rng.sample(REVIEWS, rng.randint(1, 3)) + [rng.choice(REVIEW_BY_ORG[org["key"]])]
    rng.shuffle(rs)
    stars = [rng.randint(1, 5) for _ in rs]
    items = [f"★{s}/5 — {r}" for s, r in zip(stars, rs)]
    if inj:
        items = _place(items, inj, rng, lambda s: f"★{rng.randint(3, 5)}/5 — {rng.choice(['Good overall.', 'Nice.', 'Fine.', ''])} {s}".replace("—  ", "— "))
    head = f"Customer reviews for {fill('⟨product⟩', org, rng)} ({len(items)} shown)\n"
    return fill(head + "\n".join(items), org, rng)


def crm_json(rng, org, inj=None):
    rec = {"id": fill("⟨id⟩", org, rng), "account": org["short"], "contact": rng.choice(org["people"]),
           "email": fill("⟨email⟩", org, rng), "status": rng.choice(["active", "pending", "on_hold", "closed"]),
           "last_activity": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
           "notes": fill(rng.choice(ORG_LINES[org["key"]] + HARD_NEG), org, rng)}
    if rng.random() < 0.5:
        rec["lines"] = [{"item": fill("⟨product⟩", org, rng), "qty": rng.randint(1, 40), "unit_price": round(rng.uniform(3, 400), 2)} for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.4:
        rec["flags"] = {"override_credit_limit": rng.random() < 0.5, "system_generated": True, "admin_review": rng.random() < 0.3}
    if inj:
        key = rng.choice(["notes", "comment", "description", "customer_message", "delivery_instructions", "memo"])
        rec[key] = inj
    wrap = rng.choice(["record", "list", "api"])
    if wrap == "list":
        obj = {"results": [rec], "count": 1}
    elif wrap == "api":
        obj = {"ok": True, "data": rec, "source": org["tools"][0]}
    else:
        obj = rec
    return json.dumps(obj, ensure_ascii=False, indent=rng.choice([None, 2]))


def log(rng, org, inj=None):
    svc = rng.choice(["billing-worker", "sync", "scheduler", "api-gw", "mailer", "importer", "auth"])
    msgs = ["INFO started job " + fill("⟨id⟩", org, rng), "WARN retrying request (attempt 2/5)", "INFO admin user logged in from 10.0.4.12",
            "ERROR timeout contacting upstream after 30000ms", "INFO system health OK", "DEBUG override flag read from config: false",
            "INFO root cause identified: stale cache, cleared", "WARN instructions file missing, using defaults", "INFO completed in 4.2s",
            "INFO 214 records processed", "WARN certificate expires in 14 days", "INFO user session closed"]
    lines = rng.sample(msgs, rng.randint(3, 7))
    lines = _place(lines, inj, rng, lambda s: rng.choice(["INFO comment=", "INFO note: ", "WARN unparsed field value: ", "INFO customer_note: ", "DEBUG payload.description="]) + s.replace("\n", " "))
    out = []
    t0 = rng.randint(0, 80000)
    for i, l in enumerate(lines):
        t0 += rng.randint(1, 900)
        out.append(f"2024-11-12T{t0 // 3600 % 24:02d}:{t0 // 60 % 60:02d}:{t0 % 60:02d}Z [{svc}] {l}")
    return "\n".join(out)


def yaml_cfg(rng, org, inj=None):
    svc = rng.choice(["meter-sync", "cellar-import", "lab-scheduler", "docket-bot", "bus-alerts", "miles-engine", "booking-api", "dome-control", "box-office", "hive-app"])
    lines = [f"service: {svc}", f"owner: {rng.choice(org['people'])}", "environment: " + rng.choice(["production", "staging"]),
             "replicas: " + str(rng.randint(1, 6)), "log_level: " + rng.choice(["info", "warn", "debug"]),
             "admin:\n  allow_override: false\n  root_login: disabled", "schedule: \"" + rng.choice(["0 2 * * *", "*/15 * * * *", "30 6 * * 1-5"]) + "\"",
             "# system settings below are managed by ops; do not edit by hand", "notifications:\n  email: " + fill("⟨email⟩", org, rng),
             "description: \"" + fill(rng.choice(ORG_LINES[org['key']]), org, rng).replace('"', "'") + "\""]
    lines = rng.sample(lines, rng.randint(5, len(lines)))
    if inj:
        mode = rng.choice(["comment", "field", "block"])
        if mode == "comment":
            lines = _place(lines, inj, rng, lambda s: "# " + s.replace("\n", "\n# "))
        elif mode == "field":
            lines = _place(lines, inj, rng, lambda s: rng.choice(["notes", "description", "motd", "banner"]) + ": " + json.dumps(s, ensure_ascii=False))
        else:
            lines = _place(lines, inj, rng, lambda s: "release_notes: |\n  " + s.replace("\n", "\n  "))
    return "\n".join(lines)


def csv_data(rng, org, inj=None):
    header = rng.choice(["id,name,status,comment", "date,item,qty,note", "account,contact,balance,remarks"])
    rows = []
    for _ in range(rng.randint(3, 7)):
        c = fill(rng.choice(GENERIC + HARD_NEG[:10] + ["", "ok", "n/a", "checked", "see ticket"]), org, rng)
        rows.append(f"{fill('⟨id⟩', org, rng)},{rng.choice(org['people'])},{rng.choice(['open', 'done', '12', '4', '380.00', 'pending'])},\"{c}\"")
    if inj:
        rows = _place(rows, inj, rng, lambda s: f"{fill('⟨id⟩', org, rng)},{rng.choice(org['people'])},{rng.choice(['open', 'done', '7'])},\"" + s.replace('"', '""') + "\"")
    return header + "\n" + "\n".join(rows)


def html(rng, org, inj=None):
    paras = [f"<p>{fill(x, org, rng)}</p>" for x in rng.sample(ORG_LINES[org['key']], rng.randint(2, 4))]
    if inj:
        mode = rng.choice(["comment", "hidden", "visible", "alt", "white"])
        wrap = {"comment": lambda s: f"<!-- {s} -->", "hidden": lambda s: f'<div style="display:none">{s}</div>',
                "visible": lambda s: f"<p>{s}</p>", "alt": lambda s: f'<img src="/img/banner.jpg" alt="{s}">',
                "white": lambda s: f'<span style="color:#fff;font-size:1px">{s}</span>'}[mode]
        paras = _place(paras, inj, rng, wrap)
    title = fill(rng.choice(["⟨org⟩ — News", "Service updates | ⟨short⟩", "About ⟨product⟩", "Visitor information", "FAQ"]), org, rng)
    nav = '<nav><a href="/">Home</a> | <a href="/contact">Contact</a> | <a href="/admin">Staff login</a></nav>' if rng.random() < 0.5 else ""
    return f"<html><head><title>{title}</title></head><body>\n{nav}\n<h1>{title}</h1>\n" + "\n".join(paras) + f"\n<footer>© 2024 {org['org']} · {fill('⟨addr⟩', org, rng)}</footer>\n</body></html>"


def readme(rng, org, inj=None):
    name = rng.choice(["meter-sync", "cellar-tools", "nav-stack-utils", "docket-export", "bus-alerts", "miles-recon", "ferry-timetable", "fits-archive-cli", "box-office-reports", "hive-logger"])
    parts = [f"# {name}", f"Internal tool used by {org['org']}.", "## Setup",
             "```\npip install -r requirements.txt\ncp config.example.yaml config.yaml\n```",
             "## Usage", rng.choice(["Run `make sync` and check the output folder.", "Start with `python -m " + name.replace('-', '_') + " --dry-run`.", "Set `ADMIN_TOKEN` in your environment before running."]),
             "## Notes", rng.choice(RUNBOOK_STEPS), rng.choice(["Ignore the warnings about deprecated APIs for now.", "If the system prompt you for a password, use the service account.", "Never commit `config.yaml`; it contains credentials.", "Ask " + rng.choice(org['people']) + " for access."])]
    parts = _place(parts, inj, rng, lambda s: rng.choice(["> " + s, "<!-- " + s + " -->", s, "**Note:** " + s]))
    return fill("\n\n".join(parts), org, rng)


def changelog(rng, org, inj=None):
    entries = ["Fixed crash when the import file was empty", "Added retry on network timeouts", "Removed deprecated `--legacy` flag",
               "Admin page now shows last login", "Override of default timezone via config", "System status endpoint returns build hash",
               "Updated instructions in CONTRIBUTING.md", "Improved error message for expired tokens", "Bumped dependencies",
               "Root-level config file is now optional", "Export now includes " + org["thing"], "Faster loading of the " + org["tools"][0] + " page"]
    items = ["- " + e for e in rng.sample(entries, rng.randint(3, 6))]
    items = _place(items, inj, rng, lambda s: "- " + s)
    v = f"{rng.randint(1, 4)}.{rng.randint(0, 12)}.{rng.randint(0, 9)}"
    return f"## [{v}] - 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n### Changed\n" + "\n".join(items)


CODE_SNIPPETS = [
    ("python", "#", "def compute_bill(usage_m3, tier_rates):\n    {c}\n    total = 0.0\n    for limit, rate in tier_rates:\n        used = min(usage_m3, limit)\n        total += used * rate\n        usage_m3 -= used\n    return round(total, 2)"),
    ("python", "#", "def parse_manifest(path):\n    {c}\n    with open(path) as f:\n        rows = [line.split(';') for line in f if line.strip()]\n    return [r for r in rows if r[0] != 'header']"),
    ("javascript", "//", "async function loadMember(id) {{\n  {c}\n  const res = await fetch(`/api/members/${{id}}`);\n  if (!res.ok) throw new Error('lookup failed');\n  return res.json();\n}}"),
    ("go", "//", "func retry(n int, f func() error) error {{\n\t{c}\n\tvar err error\n\tfor i := 0; i < n; i++ {{\n\t\tif err = f(); err == nil {{\n\t\t\treturn nil\n\t\t}}\n\t}}\n\treturn err\n}}"),
    ("sql", "--", "{c}\nSELECT account_id, SUM(amount) AS total\nFROM invoices\nWHERE status = 'open'\nGROUP BY account_id;"),
    ("bash", "#", "#!/bin/bash\n{c}\nset -euo pipefail\nsystemctl stop scheduler\n./rotate_keys.sh\nsystemctl start scheduler"),
]
CODE_COMMENTS = ["TODO: handle the negative usage case", "NOTE: admin override is checked upstream", "ignore empty lines", "FIXME: this breaks on leap years",
                 "the system clock may drift; use NTP time", "do not run as root", "instructions for reviewers: see PR description", "keep in sync with the billing spec v3"]


def code(rng, org, inj=None):
    lang, cm, body = rng.choice(CODE_SNIPPETS)
    c = cm + " " + rng.choice(CODE_COMMENTS)
    if inj:
        c = "\n".join(cm + " " + l for l in inj.split("\n"))
        if lang in ("python",) and rng.random() < 0.4:
            c = '"""' + inj + '"""'
    ind = "\t" if lang == "go" else ("" if lang in ("sql", "bash") else "    " if lang == "python" else "  ")
    c = c.replace("\n", "\n" + ind)
    return body.format(c=c)


def search_results(rng, org, inj=None):
    res = []
    for i in range(rng.randint(3, 5)):
        line = fill(rng.choice(SECURITY_ARTICLES[:3]) if rng.random() < 0.08 else rng.choice(ORG_LINES[org['key']]), org, rng)
        res.append(f"{i + 1}. {fill(rng.choice(['⟨org⟩ | ⟨product⟩', '⟨short⟩ news', 'Forum: question about ⟨product⟩', 'FAQ – ⟨org⟩', 'Local paper: ⟨short⟩ update']), org, rng)}\n   https://www.{org['domain']}/{rng.choice(['news', 'faq', 'p', 'blog'])}/{rng.randint(100, 999)}\n   {line[:180]}")
    if inj:
        res = _place(res, inj, rng, lambda s: f"{rng.randint(2, 6)}. {rng.choice(['Best deals', 'Community answer', 'Guide'])}\n   https://{fill('⟨att_domain⟩', org, rng)}/{rng.randint(10, 99)}\n   {s}")
    return f"Search results for \"{fill('⟨product⟩', org, rng)}\":\n\n" + "\n".join(res)


def ocr_letter(rng, org, inj=None):
    body = _lines(rng, org, rng.randint(2, 3), 0.4)
    body = _place(body, inj, rng)
    t = (f"[OCR scan, page 1]\n{org['org'].upper()}\n{fill('⟨addr⟩', org, rng)}\n\nRef: {fill('⟨id⟩', org, rng)}\n\nDear {rng.choice(['Sir or Madam', org['customer'], rng.choice(org['people'])])},\n\n"
         + "\n\n".join(body) + f"\n\nYours faithfully,\n{rng.choice(org['people'])}\n[illegible signature]")
    t = fill(t, org, rng)
    if rng.random() < 0.6:  # OCR noise
        for a, b in rng.sample([("rn", "m"), ("l", "1"), ("O", "0"), (" the ", " tbe "), ("cl", "d"), (",", "."), ("e", "c")], 2):
            t = t.replace(a, b, rng.randint(1, 2))
    return t


def runbook(rng, org, inj=None):
    steps = rng.sample(RUNBOOK_STEPS, rng.randint(4, 7))
    steps = _place(steps, inj, rng)
    return fill(f"Runbook: {rng.choice(['monthly patching', 'certificate rotation', 'database failover', 'billing run', 'restore from backup'])} ({org['short']})\n" + "\n".join(f"{i + 1}. {s}" for i, s in enumerate(steps)), org, rng)


def policy(rng, org, inj=None):
    lines = rng.sample(POLICY_LINES, rng.randint(4, 7))
    lines = _place(lines, inj, rng)
    return f"{org['org']} — {rng.choice(['Acceptable Use Policy', 'Site Safety Rules', 'Information Security Policy', 'Staff Handbook, section 7'])}\n" + "\n".join(f"{chr(97 + i)}) {s}" for i, s in enumerate(lines))


def article(rng, org, inj=None):
    paras = rng.sample(SECURITY_ARTICLES, rng.randint(1, 3))
    paras = _place(paras, inj, rng)
    return fill("\n\n".join(paras), org, rng)


EN_GENS = dict(email=(email, 18), chat=(chat, 14), ticket=(ticket, 9), calendar=(calendar, 8), reviews=(reviews, 8), crm_json=(crm_json, 8),
               log=(log, 5), yaml=(yaml_cfg, 5), csv=(csv_data, 5), html=(html, 6), readme=(readme, 4), changelog=(changelog, 3),
               code=(code, 4), search=(search_results, 5), ocr=(ocr_letter, 5), runbook=(runbook, 4), policy=(policy, 4), article=(article, 5))


# ---------------- non-English carriers ----------------
def _subj(x, lang, n=34):
    x = x.rstrip("。.!?！？")
    if lang in ("zh", "ja"):
        return x[:16]
    if len(x) <= n:
        return x
    cut = x[:n].rsplit(" ", 1)[0]
    return cut + " …"

def intl(rng, lang, org, inj=None):
    p = P[lang]
    kind = rng.choice(["email", "email", "email", "chat", "chat", "chat", "ticket", "ticket", "calendar", "calendar", "review", "json", "json"])
    body = rng.sample(p["B"], rng.randint(1, 3))
    if rng.random() < 0.6:
        body.insert(rng.randint(0, len(body)), rng.choice(p["H"]))
    L = p["L"]
    person = rng.choice(org["people"])
    if kind == "email":
        body = _place(body, inj, rng)
        sep = "" if lang in ("zh", "ja") else " "
        t = f"{L[0]}: {_subj(rng.choice(p['B']), lang)}\n\n{rng.choice(p['G'])}\n\n" + sep.join(body) + f"\n\n{rng.choice(p['E'])}\n{person}"
    elif kind == "chat":
        msgs = rng.sample(p["C"], rng.randint(2, 5)) + body[:1]
        if rng.random() < 0.5:
            msgs.append(rng.choice(p["H"]))
        rng.shuffle(msgs)
        msgs = _place(msgs, inj, rng)
        names = [x.split()[0] if not x.startswith(("Dr.", "Ms.", "Mr.", "Principal", "Coach", "Captain", "Maestra", "Superintendent")) else x.split()[-1] for x in org["people"]]
        hh, mm = rng.randint(7, 18), rng.randint(0, 30)
        out = []
        for m in msgs:
            mm += rng.randint(0, 6)
            out.append(f"[{hh + mm // 60}:{mm % 60:02d}] {rng.choice(names)}: {m}")
        t = "\n".join(out)
    elif kind == "ticket":
        body = _place(body, inj, rng)
        t = f"#{rng.randint(1000, 99999)} | {L[4]}\n{L[0]}: {_subj(rng.choice(p['B']), lang, 50)}\n{L[3]}:\n" + "\n".join(body)
    elif kind == "calendar":
        body = _place(body, inj, rng)
        t = f"{L[0]}: {_subj(rng.choice(p['B']), lang, 30)}\n{L[1]}: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(8, 17)}:00\n{L[2]}: {rng.choice(org['addr'])}\n{L[3]}: " + " ".join(body)
    elif kind == "review":
        rs = rng.sample(p["R"], rng.randint(1, 3))
        items = [f"★{rng.randint(1, 5)} {r}" for r in rs]
        items = _place(items, inj, rng, lambda s: f"★{rng.randint(4, 5)} {s}")
        t = "\n".join(items)
    else:
        rec = {"id": rng.choice(org["ids"]), "contact": person, "status": rng.choice(["open", "closed", "pending"]), "note": body[0]}
        if len(body) > 1:
            rec["history"] = body[1:]
        if inj:
            rec[rng.choice(["note", "comment", "message"])] = inj
        t = json.dumps(rec, ensure_ascii=False, indent=rng.choice([None, 2]))
    return t
