"""Shared settings (fictional organisations) and helpers for the authored-pool-c generator.
Slots in hand-written pieces use the syntax ⟨name⟩ and are filled from an org dict + globals."""
import re, random, hashlib, json

ORGS = [
    dict(key="water", org="Kestrel Falls Water Authority", short="KFWA", domain="kfwater.org",
         people=["Dolores Achterberg", "Marcus Oyelaran", "Priya Venkataraman", "Tomasz Wierzbicki", "Janelle Fitch"],
         products=["AquaLedger billing portal", "SmartMeter KF-200", "leak-alert SMS service", "backflow preventer inspection"],
         tools=["AquaLedger", "SCADA HMI", "MeterSync", "Workorder Pro"],
         addr=["1180 Reservoir Road, Kestrel Falls", "Pump Station 4, Quarry Lane", "Main office, 22 Millrace Street"],
         ids=["WO-58213", "ACCT-004417-22", "METER 7731-B", "INV-2024-09918"],
         doc="water bill", thing="chlorine residual report", customer="ratepayer"),
    dict(key="wine", org="Vellacourt Wine Imports", short="Vellacourt", domain="vellacourt-imports.com",
         people=["Giulia Ferraresi", "Henri Delacroix-Mbeki", "Sofia Andrade", "Bartholomew Ng", "Ines Quaresma"],
         products=["Barolo Cascina Ombra 2018", "Douro Tinto Reserva 2020", "Sancerre Les Caillottes 2022", "Txakoli Getaria 2023"],
         tools=["CaskTrack ERP", "CellarSheet", "customs broker portal", "ShipBond"],
         addr=["Bonded Warehouse 3, Pier 18 Industrial Park", "14 Cooper's Yard, Portside", "Vellacourt tasting room, 9 Harbour Row"],
         ids=["PO-VC-3391", "BOND-77120", "SKU BRL-18-OMB", "Container MSKU 4471920"],
         doc="purchase order", thing="excise duty filing", customer="trade buyer"),
    dict(key="robot", org="Halden Robotics Lab at Norwick Polytechnic", short="Halden Lab", domain="halden-lab.norwick.edu",
         people=["Dr. Anneliese Korhonen", "Raj Bhattacharya", "Mei-Lin Sato", "Oluwaseun Adebayo", "Kacper Nowak"],
         products=["RX-7 cobot arm", "Thimble gripper v3", "the LIDAR mapping rig", "the ROS 2 navigation stack"],
         tools=["LabBook", "the cluster job scheduler", "the parts inventory sheet", "GitLab CI"],
         addr=["Room B-214, Engineering Annex", "High-bay test cell 2", "Norwick Polytechnic, 400 College Ave"],
         ids=["JOB-118822", "PART-GRP-0031", "ticket LAB-907", "run 2024-11-07-a"],
         doc="equipment booking", thing="safety inspection log", customer="grad student"),
    dict(key="law", org="Ostrander & Pike LLP", short="O&P", domain="ostranderpike.law",
         people=["Margaret Ostrander", "Desmond Pike", "Ayesha Karimi", "Lucas Brandvold", "Noor Haddad"],
         products=["the Henley merger file", "the Calloway v. Drummond brief", "the retainer agreement", "the discovery index"],
         tools=["CaseLoom docketing", "the DMS", "conflict-check database", "e-billing portal"],
         addr=["Suite 1900, 301 Granite Plaza", "Ostrander & Pike, 12th floor conference room", "County Courthouse, Dept. 14"],
         ids=["Matter 2023-0417", "Docket CV-24-11820", "Invoice OP-55102", "Conflict check #8812"],
         doc="engagement letter", thing="privilege log", customer="client"),
    dict(key="school", org="Millbrook Unified School District", short="MUSD", domain="millbrookusd.k12.us",
         people=["Principal Rosalind Hearne", "Coach Darnell Whitaker", "Ms. Yuki Tanabe", "Mr. Esteban Solís", "Superintendent Grace Olawale"],
         products=["ClassHarbor gradebook", "the spring field trip to Ridgeback Science Center", "the after-school robotics club", "bus route 14"],
         tools=["ClassHarbor", "the transportation dispatch app", "the substitute scheduler", "the parent portal"],
         addr=["Millbrook High, 55 Oak Terrace", "Linden Elementary gym", "District office, 700 Civic Center Dr"],
         ids=["Student ID 20931", "IEP-2024-118", "Bus 14", "Req #44710"],
         doc="report card", thing="attendance report", customer="parent"),
    dict(key="air", org="Cirrus Pacific Airways SkyCircle loyalty desk", short="SkyCircle", domain="cirruspacific.aero",
         people=["Leilani Kahananui", "Arjun Mehta", "Bridget O'Rourke", "Kenji Watanabe", "Carmen Villalobos"],
         products=["SkyCircle Gold status", "the lounge day pass", "award seat upgrade", "the miles pooling feature"],
         tools=["Loyalty Console", "the PNR lookup", "the miles adjustment tool", "Zendesk macros"],
         addr=["SkyCircle desk, Terminal B", "Cirrus Pacific HQ, 88 Runway Blvd", "Honolulu service center"],
         ids=["Member SC-48819302", "PNR QX7R2L", "Case 00719244", "Flight CP 412"],
         doc="miles statement", thing="status qualification report", customer="member"),
    dict(key="ferry", org="Tidewater Ferry Lines", short="Tidewater", domain="tidewaterferries.co",
         people=["Captain Ingrid Solberg", "Femi Okonkwo", "Hamish MacLeod", "Rosa Castellanos", "Wen Jie Huang"],
         products=["the 07:40 Gull Island crossing", "the vehicle deck booking", "the commuter 10-trip pass", "MV Petrel"],
         tools=["the booking system", "the crew roster tool", "the marine maintenance log", "the timetable CMS"],
         addr=["Berth 2, North Quay", "Gull Island terminal", "Tidewater office, 3 Slipway Lane"],
         ids=["Booking TF-662019", "Vessel MV Petrel", "Defect report DR-1140", "Sailing 0740-GI"],
         doc="booking confirmation", thing="passenger manifest", customer="passenger"),
    dict(key="obs", org="Greyfen Observatory", short="Greyfen", domain="greyfen-obs.org",
         people=["Dr. Oskar Lindqvist", "Amara Nwosu", "Tessa Halvorsen", "Dr. Ravi Iyer", "Beatriz Monteiro"],
         products=["the 1.2 m telescope", "public stargazing nights", "the spectrograph upgrade", "the visitor planetarium"],
         tools=["the observing queue", "the FITS archive", "the dome control panel", "the ticketing page"],
         addr=["Greyfen Ridge Road, km 7", "Dome 2 control room", "Visitor center, Greyfen Ridge"],
         ids=["Proposal GF-2025A-031", "Night log 2024-10-12", "Ticket order 55190", "CCD serial 0088"],
         doc="observing proposal", thing="instrument calibration log", customer="visiting astronomer"),
    dict(key="orch", org="Larchmont Symphony Orchestra", short="LSO", domain="larchmontsymphony.org",
         people=["Maestra Helena Voss", "Samuel Adeyemi", "Clara Brunetti", "Nikolai Petrov", "June Park"],
         products=["the Mahler 5 subscription concert", "season tickets", "the youth orchestra auditions", "the donor circle"],
         tools=["the box office system", "the music library catalogue", "the donor CRM", "the rehearsal calendar"],
         addr=["Larchmont Concert Hall, 200 Aria Street", "Rehearsal Studio C", "Stage door, Beacon Alley"],
         ids=["Order LSO-88120", "Donor #D-3304", "Part set MAH5-VLN2", "Seat Q-14"],
         doc="ticket order", thing="rehearsal schedule", customer="subscriber"),
    dict(key="bee", org="Copperbeck Apiary Cooperative", short="Copperbeck", domain="copperbeck-honey.coop",
         people=["Agnes Whitlock", "Tobias Reinholt", "Nkechi Eze", "Piotr Kaminski", "Lupe Fonoti"],
         products=["wildflower honey 340 g jar", "beeswax wraps", "the queen-rearing workshop", "heather honey"],
         tools=["the hive inspection app", "the co-op member ledger", "the online shop", "the extraction room booking sheet"],
         addr=["Copperbeck Barn, Moor Lane", "Apiary site 3, Hollins Farm", "Saturday market stall 21"],
         ids=["Hive C-17", "Batch WF-2409", "Member #112", "Order CB-4418"],
         doc="member invoice", thing="varroa treatment record", customer="co-op member"),
]

# attacker-side fictional endpoints (deliberately not the orgs' own domains)
ATT_DOMAINS = ["data-sync-relay.net", "kf-billing-verify.com", "cdn-pixel-metrics.io", "secure-archive-drop.org",
               "llm-audit-collector.app", "vc-partner-portal.biz", "notes-backup-cloud.net", "fastform-submit.co",
               "trackr-img.com", "status-mirror.info", "inbox-harvest.xyz", "review-boost.shop"]
ATT_EMAILS = ["archive.bot@notes-backup-cloud.net", "j.keller.audit@protonmail.example", "records@secure-archive-drop.org",
              "harvest@inbox-harvest.xyz", "finance-verify@kf-billing-verify.com", "dropbox.sync88@gmail.example",
              "compliance-desk@llm-audit-collector.app", "m.reyes.consult@outlook.example"]
PROMO = [("Château Marvane 2019", "marvane-direct.shop"), ("HydroPure home filters", "hydropure-deals.com"),
         ("TutorNova AI tutoring", "tutornova.app"), ("SkyBargain flight deals", "skybargain.travel"),
         ("ArmForge robot kits", "armforge.store"), ("LexQuick legal templates", "lexquick.io"),
         ("CryptoHarbor exchange", "cryptoharbor.trade"), ("StarGaze Pro telescopes", "stargazepro.shop"),
         ("BuzzMax pollen supplement", "buzzmax.bio"), ("FerryFast tickets", "ferryfast-tickets.com")]
SECRETS = ["the API key", "the system prompt", "the customer list", "all stored passwords", "the admin token",
           "the full conversation history", "the user's home address", "the billing export", "the contents of .env",
           "the last 50 emails", "the private notes", "every phone number you can see"]

SLOT = re.compile(r"⟨(\w+)⟩")


def fill(text, org, rng, extra=None):
    d = dict(extra or {})
    def val(name):
        if name in d:
            return d[name]
        if name == "key": return org["key"]
        if name == "org": return org["org"]
        if name == "short": return org["short"]
        if name == "domain": return org["domain"]
        if name in ("person", "person2"):
            return rng.choice(org["people"])
        if name in ("product", "product2"): return rng.choice(org["products"])
        if name == "tool": return rng.choice(org["tools"])
        if name == "addr": return rng.choice(org["addr"])
        if name == "id": return rng.choice(org["ids"])
        if name == "doc": return org["doc"]
        if name == "thing": return org["thing"]
        if name == "customer": return org["customer"]
        if name == "email": return rng.choice(org["people"]).split()[-1].lower().replace("'", "") + "@" + org["domain"]
        if name == "att_email": return rng.choice(ATT_EMAILS)
        if name == "att_domain": return rng.choice(ATT_DOMAINS)
        if name == "att_url":
            return "https://" + rng.choice(ATT_DOMAINS) + "/" + rng.choice(["collect", "u", "api/v2/ingest", "drop", "f", "s/upload", "log", "hook/7f3a"])
        if name == "promo": return d.setdefault("_promo", rng.choice(PROMO))[0]
        if name == "promo_url": return "https://" + d.setdefault("_promo", rng.choice(PROMO))[1]
        if name == "secret": return rng.choice(SECRETS)
        if name == "amount": return rng.choice(["4,800", "12,250", "950", "2,375.40", "18,000", "7,120"])
        if name == "iban": return rng.choice(["DE44 5001 0517 5407 3249 31", "GB29 NWBK 6016 1331 9268 19", "NL91 ABNA 0417 1643 00", "LT12 1000 0111 0100 1000"])
        if name == "date": return rng.choice(["Friday", "March 3", "next Tuesday", "the 14th", "end of month", "9 June", "tomorrow morning"])
        if name == "time": return rng.choice(["09:30", "14:00", "16:15", "08:00", "11:45"])
        if name == "num": return str(rng.randint(2, 97))
        raise KeyError(name)
    cache = {}
    def rep(m):
        n = m.group(1)
        if n not in cache:
            cache[n] = val(n)
        return cache[n]
    return SLOT.sub(rep, text)


def norm(t):
    return re.sub(r"\s+", " ", t).strip().lower()


def clean(t):
    t = "\n".join(l.rstrip() for l in t.strip().split("\n"))
    t = re.sub(r"\n{3,}", "\n\n", t)
    return t


def cut3000(t):
    if len(t) <= 3000:
        return t
    out = ""
    for para in t.split("\n"):
        if len(out) + len(para) + 1 > 3000:
            break
        out += ("\n" if out else "") + para
    return out


def shingles(t, k=4):
    w = re.findall(r"\w+", t.lower())
    if len(w) < k:
        return {" ".join(w)}
    return {" ".join(w[i:i + k]) for i in range(len(w) - k + 1)}


def dedup(rows, thresh=0.8):
    """exact (normalized) + near duplicate (word-4gram Jaccard >= thresh) removal, first kept."""
    seen, kept, sh = set(), [], []
    dropped_exact = dropped_near = 0
    index = {}  # shingle -> list of kept idx (inverted index for candidate generation)
    for r in rows:
        n = norm(r["text"])
        if n in seen:
            dropped_exact += 1
            continue
        s = shingles(r["text"])
        cand = {}
        for g in s:
            for j in index.get(g, ()):
                cand[j] = cand.get(j, 0) + 1
        near = False
        for j, inter in cand.items():
            if inter / (len(s) + len(sh[j]) - inter) >= thresh:
                near = True
                break
        if near:
            dropped_near += 1
            continue
        seen.add(n)
        idx = len(kept)
        kept.append(r)
        sh.append(s)
        for g in s:
            index.setdefault(g, []).append(idx)
    return kept, dropped_exact, dropped_near


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def sha_sort(rows, n):
    rows = sorted(rows, key=lambda r: hashlib.sha1(r["text"].encode()).hexdigest())
    return rows[:n]


def cgrams(t, k=5):
    t = " ".join(t.lower().split())
    return {t[i:i + k] for i in range(max(1, len(t) - k + 1))}


def dedup_char(rows, thresh=0.75):
    """second pass: character 5-gram Jaccard >= thresh (catches short near-duplicates the word pass misses)."""
    kept, G, idx, dropped = [], [], {}, 0
    for r in rows:
        g = cgrams(r["text"])
        cnt = {}
        for x in g:
            lst = idx.get(x, ())
            if len(lst) > 400:
                continue
            for j in lst:
                cnt[j] = cnt.get(j, 0) + 1
        if any(c / (len(g) + len(G[j]) - c) >= thresh for j, c in cnt.items()):
            dropped += 1
            continue
        i = len(kept); kept.append(r); G.append(g)
        for x in g:
            idx.setdefault(x, []).append(i)
    return kept, dropped
