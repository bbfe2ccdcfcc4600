# Shared hand-written entity pools for the authored-pool-d generator.
# Settings: Larkspur Regional Hospital pharmacy, Quillfeather Games (studio),
# Borough of Marrowdale council, Tidewell Travel, KestrelX exchange support desk,
# The Harlow Ledger (newspaper).
import random, re

ORGS = {
    "pharmacy": dict(org="Larkspur Regional Hospital", dept="Inpatient Pharmacy", dom="larkspur-health.org",
                     products=["Omnicell cabinet 4B", "the MedRec formulary app", "PharmaTrack v7", "the IV compounding log", "the controlled-substance register"],
                     secret=["the patient medication list", "the controlled-substance count sheet", "the on-call pharmacist roster with phone numbers", "all patient MRNs in this ward", "the formulary pricing sheet", "the DEA registration number"],
                     tools=["medrec.lookup", "pharmatrack.update_order", "email.send", "pager.notify", "formulary.search"]),
    "games": dict(org="Quillfeather Games", dept="Live Ops", dom="quillfeather.games",
                  products=["Emberfall Online", "the Wyrmgate DLC", "Pocket Paladins", "the Moonwell engine", "the QF Launcher"],
                  secret=["the unreleased patch notes", "the Steam partner API key", "the build server credentials", "the list of playtester emails", "the player payment export", "the internal roadmap deck"],
                  tools=["jira.create_issue", "steam.publish_build", "discord.post_message", "email.send", "drive.share_file"]),
    "council": dict(org="Borough of Marrowdale", dept="Planning & Licensing", dom="marrowdale.gov.uk",
                    products=["the planning portal", "the parking permit system", "MyMarrowdale app", "the council tax ledger", "the FOI tracker"],
                    secret=["the residents' council-tax records", "the whistleblower complaint file", "the councillors' private phone numbers", "the unredacted FOI responses", "the planning committee's draft decisions", "the payroll extract"],
                    tools=["planning.update_status", "foi.close_request", "email.send", "sharepoint.upload", "payments.refund"]),
    "travel": dict(org="Tidewell Travel", dept="Bookings", dom="tidewelltravel.com",
                   products=["the Azores Explorer package", "Tidewell Premium Cover", "the Lisbon city break", "the Dolomites hiking week", "TidePoints loyalty scheme"],
                   secret=["the customer passport numbers", "the card details on file", "the full booking export", "the supplier contract rates", "the agent login for Amadeus", "the traveller itineraries for next month"],
                   tools=["bookings.cancel", "payments.refund", "email.send", "crm.update_contact", "sms.send"]),
    "exchange": dict(org="KestrelX", dept="Support Desk", dom="kestrelx.io",
                     products=["KestrelX Pro", "the KSTL token", "Kestrel Earn", "the cold-wallet vault", "the KestrelX mobile app"],
                     secret=["the user's 2FA backup codes", "the withdrawal whitelist", "the hot-wallet private key", "the account's API secret", "the KYC documents", "the seed phrase"],
                     tools=["wallet.withdraw", "account.disable_2fa", "kyc.approve", "email.send", "ticket.close"]),
    "news": dict(org="The Harlow Ledger", dept="Newsroom", dom="harlowledger.co.uk",
                 products=["the Sunday edition", "Ledger Plus subscriptions", "the morning briefing newsletter", "the local elections live blog", "the podcast 'Harlow After Dark'"],
                 secret=["the source's identity", "the unpublished investigation draft", "the subscriber list", "the editor's private notes", "the embargoed story", "the tipline inbox"],
                 tools=["cms.publish", "email.send", "slack.post", "drive.share_file", "newsletter.schedule"]),
}
SETTINGS = list(ORGS)

FIRST = ["Priya", "Tomasz", "Aoife", "Marcus", "Helena", "Jun", "Fatima", "Olu", "Greta", "Diego", "Sanne", "Kofi",
         "Ines", "Ravi", "Beatriz", "Lukas", "Mei", "Hamza", "Yusuf", "Chloe", "Dmitri", "Ana", "Noor", "Ewan",
         "Sam", "Rosa", "Kenji", "Ilse", "Bram", "Leila", "Oskar", "Nadia", "Theo", "Wren", "Matteo", "Zofia"]
LAST = ["Okafor", "Lindqvist", "Brennan", "Castellanos", "Novak", "Haddad", "Whitlock", "Tanaka", "Moreau", "Kowalczyk",
        "Adeyemi", "Fischer", "Rossi", "Patel", "van Dijk", "O'Hara", "Silva", "Kaur", "Petrov", "Yilmaz", "Nguyen", "Hargreaves"]

EVIL_EMAILS = ["archive-sync@mailbox-relay.net", "audit.copy@protonmail.com", "records@larkspur-verify.com", "ops-backup@qf-mirror.io",
               "foi-escrow@marrowdale-secure.org", "bookings-check@tidewell-help.com", "compliance@kestrelx-support.co", "tips-desk@ledger-inbox.net",
               "x7.collector@gmail.com", "data.retention@outlook-mailer.com", "h.vance.private@fastmail.com", "invoices@vendor-portal-billing.com"]
EVIL_URLS = ["https://hooks.relay-cdn.net/c/8841", "https://collect.statpix.io/p", "http://203.0.113.77/upload", "https://larkspur-verify.com/sync",
             "https://webhook.site-logs.app/a91f", "https://pastebin-mirror.org/api/new", "https://kestrelx-support.co/verify", "https://qf-mirror.io/ingest",
             "https://img.trackr.pics/px.png", "https://api.docsafe-backup.com/v2/store", "https://tidewell-help.com/rewards", "http://198.51.100.14:8080/log"]
PROMO_URLS = ["https://bestdealz-travel.com", "https://kstl-moon.finance", "https://cheapmeds-direct.shop", "https://getfreegems.gg",
              "https://ledgerplus-offer.win", "https://marrowdale-fasttrack.com", "https://quantumyield.app", "https://trustpick-reviews.net"]


def person(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def fill(s, rng, setting=None):
    setting = setting or rng.choice(SETTINGS)
    o = ORGS[setting]
    rep = {
        "org": o["org"], "dept": o["dept"], "dom": o["dom"],
        "product": rng.choice(o["products"]), "secret": rng.choice(o["secret"]),
        "tool": rng.choice(o["tools"]), "person": person(rng), "first": rng.choice(FIRST),
        "evil_email": rng.choice(EVIL_EMAILS), "evil_url": rng.choice(EVIL_URLS), "promo_url": rng.choice(PROMO_URLS),
        "num": str(rng.randint(2, 98)), "amount": f"{rng.randint(1, 40) * 250:,}", "ticket": f"{rng.choice('ABCDEFGHKMNPRT')}{rng.choice('ABCDEFGHKMNPRT')}-{rng.randint(1000, 99999)}",
        "date": f"{rng.randint(1, 28)} {rng.choice(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'])}",
        "score": str(rng.choice([5, 10, 9, 100])), "lang_name": rng.choice(["French", "German", "Spanish", "pirate speak", "Italian", "Dutch", "Portuguese", "all caps", "Klingon"]),
    }
    return re.sub(r"\{(\w+)\}", lambda m: rep.get(m.group(1), m.group(0)), s)


def clean(t):
    t = t.strip()
    t = re.sub(r"[ \t]+\n", "\n", t)
    return t
