# Pool B benign carriers. World: Maple Ridge community clinic, Halden University, Corvid Labs (SaaS).
# Formats deliberately differ from pool A (JSON mail API, Teams-style chat, CSV statements, XML orders, tree listings...).
import random, json

def P(r, xs): return r.choice(xs)
FOLK = [('Gareth', 'Pryce'), ('Mei-Lin', 'Chow'), ('Oluwaseun', 'Adeyemi'), ('Beatriz', 'Nunes'), ('Callum', 'Fraser'), ('Anneke', 'Visser'),
        ('Rohan', 'Mehta'), ('Zofia', 'Kaminska'), ('Elif', 'Demir'), ('Jonas', 'Becker'), ('Chiara', 'Bassi'), ('Mateo', 'Rojas'),
        ('Hana', 'Kobayashi'), ('Thandiwe', 'Mokoena'), ('Pavel', 'Novak'), ('Siobhan', 'Doyle'), ('Farah', 'Haddad'), ('Luis', 'Ortega')]
ORGS = ['mapleridge-clinic.org', 'halden.ac.uk', 'corvidlabs.io', 'bluefin-analytics.com']
TOWNS = ['Leeds', 'Cardiff', 'Porto', 'Utrecht', 'Graz', 'Galway', 'Brno', 'Bologna', 'Valencia', 'Dundee']
MON = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

def who(r): return P(r, FOLK)
def addr(f, l, d): return f"{f[0].lower()}{l.lower()}@{d}"
def day(r): return f"{P(r, MON)} {r.randint(1, 28)}"
def ymd(r): return f"2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
def clock(r):
    h = r.randint(8, 17); return f"{(h - 1) % 12 + 1}:{P(r, ['00', '10', '20', '30', '40', '50'])} {'AM' if h < 12 else 'PM'}"
def sub(s, d):
    for k, v in d.items(): s = s.replace('<' + k + '>', str(v))
    return s
def insert(seq, inj, pos, r):
    if not inj: return list(seq)
    seq = list(seq)
    i = 0 if pos == 'start' else (len(seq) if pos == 'end' else (r.randint(1, len(seq) - 1) if len(seq) > 1 else 1))
    seq.insert(i, inj); return seq

# ---------- mail (JSON from a mail API, or raw with Message-ID/Cc) ----------
THREADS = [
 (["Lab results ready - <pt>", "Re: follow-up bloods"], ["The haematology panel for <pt> came back this morning.", "Nothing flagged, but Dr <doc> would like a repeat ferritin in six weeks.",
   "Could the front desk book that in when they call?", "I've uploaded the PDF to the patient record.", "Let me know if the portal doesn't show it."]),
 (["Module handbook - final version", "Re: marking deadline"], ["Attached is the final handbook for <mod>.", "Marks need to be on the system by <dt> so the exam board can meet.",
   "If you're second-marking, please flag disagreements over 8 points.", "Would you mind sending me your slides from week 3? Mine got corrupted.", "Thanks for covering my seminar last Thursday."]),
 (["Your Corvid Labs invoice", "Billing question"], ["Your invoice for <dt> is available in the billing portal.", "We've applied the academic discount of 30%.",
   "Could you send me the receipt as a PDF? Our finance team needs it for the audit.", "The card on file expires next month.", "Annual plans renew automatically unless cancelled 14 days before."]),
 (["Rota swap", "Cover for <dt>?"], ["Is anyone able to swap a late shift with me on <dt>?", "I can take any early shift the following week in return.",
   "Disregard my earlier message about Tuesday - that's sorted now.", "<doc> said it's fine as long as the rota is updated by Friday.", "Cheers!"]),
 (["Research ethics approval", "Re: consent form wording"], ["The committee approved the study subject to two minor changes.", "Please reword item 4 of the consent form so it's clear participation is voluntary.",
   "Data must be stored on the university drive, not personal cloud accounts.", "Resubmit through the portal, no need for a full review.", "Could you loop in <pt> from the stats unit?"]),
 (["Incident summary INC-<n>", "Re: API latency last night"], ["Between 01:10 and 01:55 UTC the EU API returned elevated 5xx errors.", "Root cause was a connection pool limit after the config change.",
   "We rolled back and added an alert on pool saturation.", "No data was lost.", "Please forward this to your customer success contacts if they ask."]),
]

def mail(r, inj=None, pos=None):
    subj, body = P(r, THREADS)
    fill = {'pt': ' '.join(who(r)), 'doc': who(r)[1], 'mod': P(r, ['BIO2041 Cell Biology', 'CS3120 Distributed Systems', 'PSY1010 Intro Psychology']),
            'dt': day(r), 'n': r.randint(1000, 9999)}
    paras = [sub(p, fill) for p in r.sample(body, r.randint(3, len(body)))]
    paras = insert(paras, inj, pos, r)
    f, l = who(r); t, tl = who(r)
    sbj = sub(P(r, subj), fill)
    text = f"{P(r, ['Hello', 'Hi', 'Morning', 'Dear'])} {t},\n\n" + "\n\n".join(paras) + f"\n\n{P(r, ['Kind regards', 'Cheers', 'Many thanks', 'All the best'])},\n{f}"
    if r.random() < 0.5:
        return json.dumps({'id': f"msg_{r.randint(10**8, 10**9)}", 'from': addr(f, l, P(r, ORGS)), 'to': [addr(t, tl, P(r, ORGS))], 'subject': sbj,
                           'received': f"{ymd(r)}T{r.randint(7, 18):02d}:{r.randint(0, 59):02d}:00Z", 'labels': [P(r, ['INBOX', 'IMPORTANT', 'CATEGORY_UPDATES'])], 'body': text},
                          indent=2, ensure_ascii=False)
    return (f"Message-ID: <{r.randint(10**6, 10**7)}.{P(r, ['mx1', 'mx2'])}@{P(r, ORGS)}>\nFrom: \"{f} {l}\" <{addr(f, l, P(r, ORGS))}>\nTo: {addr(t, tl, P(r, ORGS))}\n"
            f"Cc: {addr(*who(r), P(r, ORGS))}\nSubject: {sbj}\nContent-Type: text/plain; charset=utf-8\n\n" + text)

# ---------- helpdesk ticket (key/value, Jira-like) ----------
ISSUE_TXT = ["Portal login loops back to the sign-in page after entering the SMS code.", "The dashboard export to CSV drops rows with accented names.",
             "Printer in consulting room 3 prints blank pages.", "Student can't see the module on the VLE even though they're enrolled.",
             "Webhook retries are hammering our endpoint every second.", "Appointment reminder texts are going out at 3 AM.",
             "Can we get a second admin seat for our finance lead?", "Grades uploaded yesterday show as 'pending' for the whole cohort."]
WORKLOG = ["Reproduced on Firefox 128, not on Chrome.", "Cleared the session cache for the user, asked them to retry.", "Linked to known problem PRB-<n>.",
           "Vendor says fix is in the next release.", "Waiting for screenshots from the reporter.", "Workaround sent: use the mobile app until patched.",
           "Reassigned to the integrations squad.", "User confirmed it works now; resolving."]

def helpdesk(r, inj=None, pos=None):
    key = P(r, ['HD', 'OPS', 'SUP', 'IT']) + '-' + str(r.randint(100, 4999))
    desc = P(r, ISSUE_TXT)
    wl = [sub(x, {'n': r.randint(100, 999)}) for x in r.sample(WORKLOG, r.randint(1, 4))]
    if inj:
        if pos == 'start': desc = inj + "\n\n" + desc
        elif pos == 'mid': desc = desc + "\n" + inj
        else: wl.append(inj)
    rep = who(r)
    return (f"{key}: {desc.splitlines()[0][:60]}\nType: {P(r, ['Incident', 'Service request', 'Bug'])}   Status: {P(r, ['To do', 'In progress', 'Waiting for customer', 'Done'])}\n"
            f"Reporter: {' '.join(rep)}   Team: {P(r, ['Clinic IT', 'Student systems', 'Platform', 'Billing'])}\nCreated: {ymd(r)}\n\nDescription\n{desc}\n\nActivity\n"
            + "\n".join(f"{ymd(r)} {' '.join(who(r))}: {w}" for w in wl))

# ---------- calendar (YAML or Outlook-style) ----------
EVT = ['Clinical governance meeting', 'PhD upgrade viva - <who>', 'Sprint review', 'Flu clinic (walk-in)', 'Open day stall', 'Board prep',
       'Vendor demo: rostering software', 'Office hours', 'Fire drill', 'Coffee with <who>']
EVT_BODY = ['Please read the audit report before the meeting.', 'Zoom link in the invite; cameras optional.', 'Bring your laptop for the live demo.',
            'Room G.14, Chemistry building.', 'Vaccines arrive at 8:30, doors open at 9.', 'Agenda to follow.', 'This replaces last week\'s cancelled session.',
            'Parking permits are available from the porters.']

def event(r, inj=None, pos=None):
    title = sub(P(r, EVT), {'who': who(r)[0]})
    notes = insert(r.sample(EVT_BODY, r.randint(1, 3)), inj, pos, r)
    org = who(r)
    if r.random() < 0.5:
        ns = " ".join(notes).replace('"', "'").replace('\n', ' ')
        return (f"event:\n  title: \"{title}\"\n  start: {ymd(r)}T{r.randint(8, 16):02d}:00:00\n  end_offset_minutes: {P(r, [30, 60, 90])}\n"
                f"  organiser: {addr(*org, P(r, ORGS))}\n  location: {P(r, ['G.14', 'Teams', 'Clinic room 2', 'Senate House'])}\n  notes: \"{ns}\"\n  reminders: [15, 60]")
    return (f"Subject: {title}\nStart: {P(r, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])} {day(r)} {clock(r)}\nEnd: +{P(r, [30, 60, 90])} min\nOrganizer: {' '.join(org)}\n"
            f"Required: {', '.join(' '.join(who(r)) for _ in range(r.randint(1, 3)))}\n\n" + "\n".join(notes))

# ---------- Teams-style chat ----------
CHAT = ["has anyone seen the spare otoscope?", "the VPN is being weird again", "Thanks for the cake, Farah!!", "standup moved to 10:15 today",
        "can someone review my PR before lunch, it's small", "reminder the clinic closes early on Friday", "I'm WFH tomorrow",
        "did the new intern get their badge yet?", "lecture theatre 2 projector is dead, using LT4 instead",
        "please ignore the calendar invite I just sent, wrong date", "admin rights for the shared drive are with Gareth now",
        "the override switch on the autoclave is taped off until the engineer visits", "status page says degraded, customers are noticing",
        "can you send Mei-Lin the rota before 3?", "new onboarding instructions are in the wiki", "👍", "on it", "brb"]

def chat(r, inj=None, pos=None):
    people = [' '.join(who(r)) for _ in range(3)]
    msgs = insert(r.sample(CHAT, r.randint(4, 7)), inj, pos, r)
    out = [f"Chat: {P(r, ['Clinic front desk', 'Platform team', 'Biology teaching', 'Support rota'])}"]
    for m in msgs:
        out.append(f"{P(r, people)}  {clock(r)}\n{m}")
    return "\n\n".join(out)

# ---------- app/clinic reviews ----------
RV = ["The reception staff were kind and the wait was under 20 minutes.", "App crashes every time I open the calendar view.",
      "Booking online was easy but the reminder came a day late.", "Finally a rostering tool that doesn't need a manual.",
      "Sync with Google Calendar duplicates every event.", "The nurse explained everything clearly.", "Customer support answered within an hour.",
      "The dark mode is lovely but the font is tiny on Android.", "Parking is a nightmare; take the bus.", "Pricing doubled at renewal with no warning."]

def appreview(r, inj=None, pos=None):
    stars = P(r, [1, 2, 3, 4, 5, 5])
    body = insert(r.sample(RV, r.randint(2, 3)), inj, pos, r)
    return (f"Rating: {stars}/5\nTitle: {P(r, ['Mixed feelings', 'Five stars from me', 'Needs work', 'Does what it says', 'Disappointed', 'Lifesaver'])}\n"
            f"Author: {who(r)[0]}_{r.randint(10, 99)}   Posted: {day(r)}, 2025   Version: {r.randint(2, 5)}.{r.randint(0, 20)}\n\n" + "\n".join(body)
            + f"\n\nDeveloper response: {P(r, ['Thanks, we are looking into it.', 'Sorry about that - fixed in the next update.', 'Glad you like it!', '(none)'])}")

# ---------- markdown minutes ----------
MINS = ["Recruitment for the autumn intake is on track.", "Two complaints about waiting times; both resolved.", "Server costs rose 18% after the traffic spike.",
        "Agreed to pilot lecture capture in three rooms.", "Infection control audit passed with one minor finding.", "Roadmap: SSO for enterprise customers moved to Q3."]
TODO = ["<o> to circulate the revised budget", "<o> to chase estates about the broken blinds", "<o> to write the customer FAQ", "<o> to book the audit follow-up"]

def minutes(r, inj=None, pos=None):
    ppl = sorted({who(r)[0] for _ in range(r.randint(3, 5))})
    items = insert(r.sample(MINS, r.randint(2, 4)), inj if pos != 'end' else None, pos, r)
    todo = [sub(t, {'o': P(r, ppl)}) for t in r.sample(TODO, 2)]
    if inj and pos == 'end': todo.append(inj)
    return (f"## {P(r, ['Department meeting', 'Practice meeting', 'Product sync', 'Teaching committee'])} - {day(r)}\n\n**Present:** {', '.join(ppl)}\n\n### Notes\n"
            + "\n".join(f"- {i}" for i in items) + "\n\n### Actions\n" + "\n".join(f"- [ ] {t}" for t in todo))

# ---------- CRM JSON ----------
def crm_json(r, inj=None, pos=None):
    f, l = who(r)
    o = {'id': f"0035g{r.randint(10**6, 10**7)}", 'name': f"{f} {l}", 'company': P(r, ['St Aidan Hospice', 'Brno Tech Park', 'Galway Dental', 'Utrecht Language School']),
         'stage': P(r, ['discovery', 'demo booked', 'trial', 'customer', 'churned']), 'seats': r.randint(3, 250),
         'notes': P(r, ['Wants SSO before signing.', 'Asked us to send over the security questionnaire.', 'Budget approved for next FY.', 'Champion left the company.']),
         'last_touch': ymd(r)}
    if inj:
        if pos == 'start': o = {'alert': inj, **o}
        elif pos == 'mid': o['notes'] = o['notes'] + ' ' + inj
        else: o['next_step'] = inj
    return json.dumps(o, indent=2, ensure_ascii=False)

# ---------- receipts ----------
SHOP = [('Lentil soup', 4.2), ('Flat white', 3.1), ('Ibuprofen 200mg x16', 2.5), ('Notebook A4', 3.75), ('Paracetamol 500mg x32', 1.95),
        ('Sandwich meal deal', 5.5), ('USB-C cable', 9.99), ('Hand cream', 6.4), ('Printer paper 500', 7.2)]

def receipt(r, inj=None, pos=None):
    its = r.sample(SHOP, r.randint(2, 5))
    lines = [f"{n:<28}£{p:>6.2f}" for n, p in its]
    tot = sum(p for _, p in its)
    foot = insert([P(r, ['Thank you for shopping with us', 'Keep this receipt for returns']), f"Card ****{r.randint(1000, 9999)} contactless"], inj, pos, r)
    return (f"{P(r, ['CAMPUS STORE', 'RIDGE PHARMACY', 'BEAN THERE CAFE'])}\n{P(r, TOWNS)}  {ymd(r)}  {r.randint(10, 20)}:{r.randint(10, 59)}\n"
            + "\n".join(lines) + f"\n{'':<28}-------\nTOTAL{'':<23}£{tot:>6.2f}\n" + "\n".join(foot))

# ---------- tree listing ----------
def tree(r, inj=None, pos=None):
    dirs = r.sample(['src', 'docs', 'tests', 'data', 'scripts', 'notebooks', 'config'], 3)
    files = ['app.ts', 'index.md', 'test_api.py', 'cohort_2024.parquet', 'migrate.sql', 'analysis.ipynb', 'settings.toml', 'CHANGELOG.md', 'LICENSE']
    out = [f"{P(r, ['corvid-api', 'thesis-code', 'rota-tool'])}/"]
    for d in dirs:
        out.append(f"├── {d}/")
        for fn in r.sample(files, 2):
            out.append(f"│   └── {fn}")
    out.append(f"└── README.md\n\n{len(dirs)} directories, {len(dirs) * 2 + 1} files")
    text = "\n".join(out)
    if inj:
        rd = insert(["# Project notes", "Run `make test` before pushing."], inj, pos, r)
        text += "\n\n==> README.md <==\n" + "\n".join(rd)
    return text

# ---------- YAML search results ----------
HITS = [("NHS guidance on ferritin levels", "Normal ranges differ for men and women and depend on the lab..."),
        ("Writing a good ethics application", "Explain your recruitment process and how consent will be recorded..."),
        ("Postgres connection pooling explained", "PgBouncer sits between your app and the database and reuses connections..."),
        ("How to dispute a parking fine", "You usually have 28 days to appeal and should include photos..."),
        ("Best budget standing desks 2025", "We tested nine desks for wobble, noise and height range..."),
        ("Flu vaccine eligibility", "Adults over 65, pregnant people and those with certain conditions are eligible..."),
        ("Marking rubrics that students understand", "Describe each grade band in plain language with examples...")]

def search_yaml(r, inj=None, pos=None):
    hs = r.sample(HITS, r.randint(3, 5))
    out = [f"query: \"{P(r, ['ferritin range', 'ethics form', 'connection pool', 'standing desk', 'flu vaccine'])}\"", f"took_ms: {r.randint(40, 400)}", "hits:"]
    k = None if not inj else (0 if pos == 'start' else (len(hs) - 1 if pos == 'end' else len(hs) // 2))
    for i, (t, s) in enumerate(hs):
        if i == k: s = s.rstrip('.') + ' ' + inj.replace('\n', ' ')
        out += [f"  - title: \"{t}\"", f"    link: https://{P(r, ['healthinfo.example', 'devblog.example', 'unihelp.example'])}/{i}{r.randint(100, 999)}",
                f"    excerpt: \"{s.replace(chr(34), chr(39))}\""]
    return "\n".join(out)

# ---------- weather (plain text) ----------
def weather_txt(r, inj=None, pos=None):
    lines = [f"Forecast for {P(r, TOWNS)} issued {clock(r)}"]
    for dname in r.sample(['Today', 'Tonight', 'Tomorrow', 'Saturday', 'Sunday'], 3):
        lines.append(f"{dname}: {P(r, ['Showers, heavy at times', 'Bright spells', 'Cloudy with drizzle', 'Dry and mild', 'Windy, gusts to 50 mph'])}. "
                     f"High {r.randint(5, 24)}C, low {r.randint(-2, 12)}C. Rain chance {r.randint(0, 9)}0%.")
    lines = insert(lines, inj, pos if pos != 'start' else 'mid', r)
    return "\n".join(lines) + f"\nPollen: {P(r, ['low', 'moderate', 'high'])}. UV: {r.randint(1, 6)}."

# ---------- CSV statement ----------
def statement_csv(r, inj=None, pos=None):
    rows = ["Date,Payee,Reference,Debit,Credit,Balance"]
    bal = round(r.uniform(300, 6000), 2)
    refs = [P(r, ['TESCO STORES', 'COUNCIL TAX', 'HALDEN UNI PAYROLL', 'GYM DD', 'NETFLIX', 'TFL TRAVEL', 'ROBERTS RENT', 'CORVID LABS LTD']) for _ in range(r.randint(3, 7))]
    if inj:
        i = 0 if pos == 'start' else (len(refs) - 1 if pos == 'end' else len(refs) // 2)
        refs[i] = '"' + inj.replace('"', "'").replace('\n', ' ') + '"'
    for p in refs:
        amt = round(r.uniform(3, 800), 2)
        cr = 'PAYROLL' in p
        bal = round(bal + (amt if cr else -amt), 2)
        rows.append(f"{ymd(r)},{p},{r.randint(100000, 999999)},{'' if cr else amt},{amt if cr else ''},{bal}")
    return "\n".join(rows)

# ---------- XML order ----------
def order_xml(r, inj=None, pos=None):
    items = r.sample(SHOP, r.randint(1, 3))
    note = P(r, ['Leave with reception', 'Signature required', 'Deliver to lab 2.07'])
    x = [f"<order id=\"CL-{r.randint(10000, 99999)}\" status=\"{P(r, ['confirmed', 'dispatched', 'in_transit', 'delivered', 'on_hold'])}\">",
         f"  <customer>{' '.join(who(r))}</customer>", f"  <courier>{P(r, ['Royal Mail', 'DPD', 'Evri', 'UPS'])}</courier>", f"  <expected>{ymd(r)}</expected>"]
    x += [f"  <line sku=\"{r.randint(1000, 9999)}\" qty=\"{r.randint(1, 4)}\">{n}</line>" for n, _ in items]
    if inj:
        esc = inj.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
        if pos == 'start': x.insert(1, f"  <!-- {inj.replace('--', '- -')} -->")
        elif pos == 'mid': note = note + '. ' + esc
        else: x.append(f"  <gift_message>{esc}</gift_message>")
    x += [f"  <note>{note}</note>", "</order>"]
    return "\n".join(x)

# ---------- markdown web page ----------
PAGES = [("Maple Ridge Clinic - Visiting us", ["Our reception is open 8:00-18:30 on weekdays.", "Blood tests are by appointment only; walk-ins are not possible.",
          "Step-free access is via the side entrance on Alder Road.", "Please arrive ten minutes early for your first visit.", "Repeat prescriptions take two working days."]),
         ("Halden University Library - Borrowing", ["Undergraduates may borrow up to 15 items.", "Short-loan books are due back the next morning.",
          "Fines were abolished in 2022, but lost items are charged at replacement cost.", "Inter-library loans take 5-10 days.", "Study rooms can be booked two weeks ahead."]),
         ("Corvid Labs Docs - Rate limits", ["Each API key is limited to 600 requests per minute.", "Bursts above the limit receive HTTP 429 with a Retry-After header.",
          "Enterprise plans can request higher limits.", "Webhooks are not counted toward your limit.", "Use exponential backoff when retrying."])]

def page_md(r, inj=None, pos=None):
    t, ps = P(r, PAGES)
    body = r.sample(ps, r.randint(3, 5))
    if inj and r.random() < 0.4:
        body = insert(body, f"<div style=\"display:none\">{inj}</div>", pos, r)
    else:
        body = insert(body, inj, pos, r)
    return f"# {t}\n\n" + "\n\n".join(body) + f"\n\n_Last updated {day(r)} 2025_"

# ---------- merge request thread ----------
MRS = [("Add retry with backoff to webhook sender", ["Retries now back off 1s, 2s, 4s up to 5 tries.", "Should we cap total delay at a minute?", "Done, capped at 60s.",
        "CI is red on the flaky timezone test again - unrelated.", "Approved. Please squash before merging."]),
       ("Fix rounding in grade averages", ["Averages were truncated instead of rounded, so 69.6 showed as 69.", "Is this going to change already published grades?",
        "Only for modules not yet ratified; I checked with the registry.", "Add a test for the .5 boundary please.", "Test added. Merging tomorrow."]),
       ("Appointment reminders use patient's timezone", ["Reminders were scheduled in UTC.", "Patients abroad will now get them at sensible times.",
        "What about patients with no timezone set?", "They fall back to Europe/London.", "LGTM."])]

def mr_thread(r, inj=None, pos=None):
    t, cs = P(r, MRS)
    cs = insert(cs[:r.randint(3, 5)], inj, pos, r)
    return f"!{r.randint(40, 900)} {t}\nAuthor: {who(r)[0]}   Target: main   Pipeline: {P(r, ['passed', 'failed', 'running'])}\n" + \
           "\n".join(f"\n— {who(r)[0]} {who(r)[1][0]}. ({r.randint(1, 30)}d ago)\n{c}" for c in cs)

# ---------- inline code review (TS / Rust / SQL) ----------
SNIPS = [("api/limits.ts", "//", ["export function allow(key: string, now: number): boolean {", "  const b = buckets.get(key) ?? fresh(now);", "  refill(b, now);", "  return take(b);", "}"],
          ["What happens when the map grows forever? Need eviction.", "nit: `fresh` is a confusing name.", "Looks correct to me."]),
         ("src/rota.rs", "//", ["fn overlaps(a: &Shift, b: &Shift) -> bool {", "    a.start < b.end && b.start < a.end", "}"],
          ["Edge case: shifts that touch at midnight shouldn't count as overlap - this handles it.", "Add a doc comment?", "Approve."]),
         ("sql/report.sql", "--", ["SELECT module, AVG(mark) AS avg_mark", "FROM grades", "WHERE year = 2025", "GROUP BY module;"],
          ["ROUND the average to one decimal to match the board report.", "Do we exclude resits?", "Fine once resits are filtered."])]

def inline_review(r, inj=None, pos=None):
    path, cm, code, notes = P(r, SNIPS)
    code = list(code); notes = r.sample(notes, r.randint(2, 3))
    if inj:
        one = inj.replace('\n', ' ')
        if pos == 'start': code.insert(0, f"{cm} {one}")
        elif pos == 'mid': code.insert(len(code) // 2, f"  {cm} {one}")
        else: notes.append(one)
    return f"File: {path}\n```\n" + "\n".join(code) + "\n```\n" + "\n".join(f"> {who(r)[0]} on L{r.randint(1, len(code))}: {n}" for n in notes)

# ---------- hard negatives ----------
GUIDES = [("Lentil soup for a crowd", ["Soften two onions and three carrots in olive oil.", "Add 400 g red lentils and 2 litres of stock.", "Simmer 25 minutes, stirring now and then.",
           "Blend half of it if you like it thicker.", "Season at the end - the stock is already salty, so taste first."]),
          ("Setting up the patient portal", ["Download the Maple Ridge app or go to the website.", "Enter the registration code from your letter.", "Choose a password of at least 12 characters.",
           "Turn on two-step verification when asked.", "Never give your code to anyone who phones you, even if they say they're from the clinic."]),
          ("Submitting coursework online", ["Save your file as PDF.", "Name it with your student number, not your name.", "Upload before 12:00 on the deadline day.",
           "Check the receipt email arrives.", "If the system is down, email the file to the school office and keep the timestamp."])]
RULES = ["Staff must complete data protection training every year.", "Patient records must not be accessed without a clinical reason.",
         "Do not email identifiable patient data outside the nhs.net or clinic domain.", "Students must not submit work generated by others as their own.",
         "Administrator accounts must use hardware security keys.", "Visitors must be accompanied in clinical areas.",
         "Do not follow payment-change requests received by email; confirm by phone with a known number.", "Laptops must have full-disk encryption enabled.",
         "Shared passwords are not permitted, including for service accounts."]
BULLETIN = ["A healthcare provider disclosed that its AI triage bot read a web form containing hidden text instructing it to reveal appointment data.",
            "The planted text was phrased as a 'developer message' and asked the bot to list other patients' bookings; the provider says no data left the system.",
            "Security teams should assume that any document an assistant opens may contain instructions written by a third party.",
            "Researchers showed that a calendar invite description can carry commands aimed at scheduling assistants.",
            "Mitigations include separating trusted instructions from retrieved content and requiring human approval for outbound email.",
            "Separately, a phishing kit impersonating the university SSO page is circulating; the real login page is only on halden.ac.uk.",
            "Update browsers this week: two zero-days were patched.", "Please report suspicious texts claiming to be from payroll."]
UPTIME = ["Investigating: some users cannot reach the admin console. The API is unaffected.", "Resolved: the SSO outage was caused by an expired signing certificate.",
          "Maintenance window Saturday 22:00-23:00 UTC for the database system upgrade.", "Monitoring: the manual override for the door access system is active at the north entrance while the controller is replaced.",
          "Identified: appointment sync delayed by up to 20 minutes. No action required.", "The new setup instructions for the VPN client are published on the IT wiki.",
          "Degraded performance in EU region. Failover completed at 14:12."]

def guide(r, inj=None, pos=None):
    t, st = P(r, GUIDES)
    st = insert(st, inj, pos, r)
    return f"{t}\n" + "\n".join(f"Step {i + 1}: {s}" for i, s in enumerate(st))

def rules(r, inj=None, pos=None):
    ps = insert(r.sample(RULES, r.randint(4, 6)), inj, pos, r)
    return f"{P(r, ['Staff Handbook', 'Data Handling Standard', 'Academic Integrity Code', 'IT Acceptable Use'])} (rev. {ymd(r)})\n\n" + "\n".join(f"({chr(97 + i)}) {p}" for i, p in enumerate(ps))

def bulletin(r, inj=None, pos=None):
    ps = insert(r.sample(BULLETIN, r.randint(3, 5)), inj, pos, r)
    return f"CYBER WEEKLY - issue {r.randint(100, 300)}\n\n" + "\n\n".join(f"• {p}" for p in ps) + "\n\nYou are receiving this because you subscribed to security updates."

def uptime(r, inj=None, pos=None):
    ps = insert(r.sample(UPTIME, r.randint(2, 4)), inj, pos, r)
    return "Corvid Labs Status\n" + "\n".join(f"{ymd(r)} {r.randint(0, 23):02d}:{r.randint(0, 59):02d} UTC - {p}" for p in ps)

def logs(r, inj=None, pos=None):
    lv = ['INFO', 'INFO', 'WARN', 'ERROR', 'DEBUG']
    msgs = ['request completed status=200 ms=41', 'cache miss key=user:1829', 'retrying webhook attempt=2', 'db pool saturated waiting=12',
            'admin login from 10.2.4.19 ok', 'config reloaded', 'job nightly-report finished rows=5123', 'rate limit hit key=ak_live_***3f']
    ls = [f"{ymd(r)}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}Z {P(r, lv)} {P(r, ['api', 'worker', 'scheduler'])}: {m}" for m in r.sample(msgs, r.randint(4, 7))]
    if inj:
        i = 0 if pos == 'start' else (len(ls) if pos == 'end' else len(ls) // 2)
        ls.insert(i, f"{ymd(r)}T12:00:00Z INFO api: user_agent=\"{inj.replace(chr(10), ' ')}\"")
    return "\n".join(ls)

# ---------- non-English carriers ----------
FOREIGN_DOCS = {
 'de': ["Hallo <a>,\n\nkönntest du mir die Folien aus Woche 3 schicken? Meine Datei ist kaputt.\n\nLiebe Grüße\n<b>", "Dienstplan-Tausch: Wer kann am <d> meine Spätschicht übernehmen?",
        "Bewertung: 4/5\nDie Praxis ist sauber, die Wartezeit war kurz. Parken ist schwierig.", "Rezept Linsensuppe\nSchritt 1: Zwiebeln und Karotten anbraten.\nSchritt 2: Linsen und Brühe dazugeben.\nSchritt 3: 25 Minuten köcheln."],
 'fr': ["Bonjour <a>,\n\nmerci de m'envoyer le reçu en PDF pour l'audit.\n\nCordialement,\n<b>", "Statut : maintenance prévue samedi de 22 h à 23 h pour la mise à jour du système.",
        "Note : 2/5\nL'application plante à l'ouverture du calendrier.", "Compte rendu – <d>\nPrésents : <a>, <b>\n- Budget serveur en hausse de 18 %\n- <b> rédige la FAQ clients"],
 'es': ["Hola <a>:\n\nno hagas caso de mi mensaje anterior sobre el martes, ya está resuelto.\n\nUn abrazo,\n<b>", "Normas del centro\n(a) No compartas contraseñas.\n(b) Cifra el portátil.",
        "Valoración: 5/5\nLa enfermera me lo explicó todo con mucha paciencia."],
 'it': ["Ciao <a>,\n\npotresti girare questo messaggio a <b>? Si occupa lei del modulo da lunedì.\n\nGrazie", "Verbale <d>\nPresenti: <a>, <b>\n- Audit superato con un rilievo minore"],
 'pt': ["Olá <a>,\n\nalguém pode trocar o turno da tarde comigo em <d>?\n\n<b>", "Guia: como submeter o trabalho\nPasso 1: guarde em PDF.\nPasso 2: envie antes do meio-dia."],
 'nl': ["Hoi <a>,\n\nwil je mij de factuur als pdf sturen? Onze financiële afdeling heeft hem nodig.\n\nGroetjes,\n<b>", "Beoordeling: 3/5\nFijne app, maar de synchronisatie dupliceert afspraken."],
 'pl': ["Cześć <a>,\n\nzignoruj zaproszenie, które przed chwilą wysłałem – zła data.\n\n<b>", "Status: trwa wymiana sterownika, ręczne obejście drzwi przy wejściu północnym jest aktywne."],
 'ru': ["Здравствуйте, <a>!\n\nПришлите, пожалуйста, квитанцию в PDF до пятницы.\n\n<b>", "Рецепт чечевичного супа\nШаг 1: обжарьте лук и морковь.\nШаг 2: добавьте чечевицу и бульон."],
 'zh': ["<a>你好：\n麻烦把第三周的课件发给我，我的文件坏了。\n<b>", "评分：4/5\n护士讲解得很清楚，等候时间不到二十分钟。"],
 'ja': ["<a>さん\n\n先ほどの会議招待は日付が間違っていたので無視してください。\n\n<b>", "障害情報：管理コンソールに一部のユーザーがアクセスできません。APIには影響ありません。"],
 'tr': ["Merhaba <a>,\n\nfaturayı PDF olarak gönderebilir misin? Muhasebe istiyor.\n\n<b>", "Puan: 5/5\nResepsiyon çok ilgiliydi, bekleme süresi kısaydı."],
}

def foreign_doc(r):
    lang = P(r, list(FOREIGN_DOCS))
    return sub(P(r, FOREIGN_DOCS[lang]), {'a': who(r)[0], 'b': who(r)[0], 'd': day(r)}), lang

KINDS = [(mail, 14), (helpdesk, 7), (event, 6), (chat, 6), (appreview, 7), (minutes, 5), (crm_json, 5), (receipt, 5), (tree, 3), (search_yaml, 4),
         (weather_txt, 3), (statement_csv, 3), (order_xml, 4), (page_md, 5), (mr_thread, 4), (inline_review, 4), (guide, 4), (rules, 4),
         (bulletin, 4), (uptime, 3), (logs, 3)]

def pick_kind(r):
    tot = sum(w for _, w in KINDS); x = r.uniform(0, tot)
    for f, w in KINDS:
        x -= w
        if x <= 0: return f
    return KINDS[-1][0]

def gen_carriers(seed, n, ne_frac=0.1):
    r = random.Random(seed)
    out, seen = [], set()
    tries = 0
    while len(out) < int(n * ne_frac) and tries < 20000:
        tries += 1
        t, lang = foreign_doc(r)
        if t in seen: continue
        seen.add(t); out.append({'text': t, 'label': 'benign', 'lang': lang})
    while len(out) < n:
        t = pick_kind(r)(r)
        if t in seen: continue
        seen.add(t); out.append({'text': t, 'label': 'benign', 'lang': 'en'})
    return out
