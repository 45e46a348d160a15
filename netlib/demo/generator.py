"""A deterministic, synthetic professional network, written in the formats people export.

:func:`generate` writes LinkedIn's ``Connections.csv``, an Apple-style vCard file, a Google
Contacts CSV, a Google Calendar ``.ics`` and netlib's own ``interactions.csv``,
``events.csv`` and ``ties.csv``. Everything is a pure function of the arguments (no clock,
no network): the same seed writes the same bytes.

The shape follows Dunbar's layers: about 5 people you see weekly, 15 monthly, 50 every few
months, the rest rarely; plus dormant ties (close until 14+ months ago), seedlings (met at a
recent event) and a few people who helped you far more than you helped them. The same
person often appears in several files, joined by email, LinkedIn URL or name + company, so
identity resolution has real work to do.

With more than 1,000 people the generator is in *scale mode*: every person is a LinkedIn
connection, the contact and calendar files stay at a few hundred people, and
``interactions.csv`` (about 10 rows a person) and ``ties.csv`` (about 5) carry the volume,
streamed month by month so memory stays bounded.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = ["generate", "SCALE_THRESHOLD"]

#: Above this many people, :func:`generate` switches to scale mode (see the module doc).
SCALE_THRESHOLD = 1000

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_LINKEDIN_NOTE = (
    '"When exporting your connection data, you may notice that some of the email addresses'
    " are missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    ' https://www.linkedin.com/help/linkedin/answer/261"'
)
_LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
_GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
    "Website 1 - Label,Website 1 - Value"
).split(",")

# (first names, last names) by naming culture; weights roughly those of a European tech network.
_CULTURES = [
    (6, "James Olivia Liam Emma Noah Ava Ethan Grace Henry Chloe Samuel Ruby Thomas Hannah Oliver",
     "Smith Johnson Walker Bennett Hughes Carter Foster Reid Sullivan Hayes Porter Ellis Brooks Turner Price"),
    (5, "Lukas Anna Jonas Lea Felix Sophie Maximilian Marie Paul Johanna Tobias Katrin Jürgen Lena Moritz",
     "Müller Schmidt Schneider Fischer Weber Becker Hoffmann Schäfer Koch Richter Wolf Neumann Krüger Vogel Braun"),
    (4, "Sofía Mateo Valentina Santiago Camila Diego Lucía Javier Isabella Alejandro Daniela Carlos Gabriela",
     "García Martínez Rodríguez López Hernández González Pérez Sánchez Ramírez Torres Flores Rivera Díaz Morales"),
    (3, "João Ana Pedro Beatriz Rafael Mariana Thiago Larissa Gustavo Fernanda",
     "Silva Santos Oliveira Souza Costa Pereira Almeida Carvalho Ribeiro Ferreira"),
    (3, "Camille Louis Chloé Hugo Léa Antoine Manon Julien Élodie Mathieu",
     "Martin Bernard Dubois Moreau Laurent Lefèvre Girard Bonnet Fournier Mercier"),
    (5, "Priya Arjun Ananya Rohan Kavya Vikram Aisha Rahul Divya Sanjay Meera Aditya Neha Karthik Shreya",
     "Sharma Patel Iyer Reddy Nair Gupta Singh Rao Menon Kapoor Desai Banerjee Joshi Mehta Krishnan"),
    (3, "Wei Jing Hao Xin Yu Mei Jun Lei Yan Ming Hui Lin Tao",
     "Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo"),
    (2, "Haruto Yui Sota Aoi Ren Hina Kaito Sakura Yuki Daiki",
     "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato"),
    (2, "Min-jun Seo-yeon Ji-ho Ha-eun Do-hyun Su-bin Jae-won Ji-woo", "Kim Lee Park Choi Jung Kang Cho Yoon"),
    (3, "Chinedu Ngozi Oluwaseun Emeka Funmilayo Tunde Chiamaka Kwame Ama Kofi Abena",
     "Adeyemi Okonkwo Balogun Eze Nwosu Mensah Boateng Asante Owusu Obi"),
    (2, "Omar Layla Youssef Fatima Karim Nour Hassan Rania Tariq Salma",
     "Haddad Khalil Mansour Nasser Saleh Farouk Aziz Hamdan"),
    (2, "Søren Ingrid Lars Astrid Mikkel Freja Erik Sigrid Henrik Maja",
     "Nielsen Jensen Hansen Andersen Larsen Lindqvist Johansson Berg Halvorsen Virtanen"),
    (2, "Łukasz Agnieszka Piotr Katarzyna Tomasz Magdalena Marek Zofia",
     "Kowalski Nowak Wiśniewski Wójcik Lewandowski Zieliński Dąbrowski Mazur"),
    (2, "Giulia Marco Francesca Alessandro Chiara Luca Elena Matteo",
     "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci"),
    (1, "Linh Minh Thảo Dũng Hương Quang", "Nguyễn Trần Lê Phạm Hoàng Vũ"),
    (1, "Elif Mehmet Zeynep Emre Ayşe Can", "Yılmaz Kaya Demir Şahin Çelik Aydın"),
    (1, "Ciarán Aoife Niamh Declan Róisín", "Murphy Kelly Byrne Gallagher Doyle"),
]
_CULTURES = [(w, f.split(), l.split()) for w, f, l in _CULTURES]

# (name, email domain, industry). The first is your company, the fifth your previous one.
_COMPANIES = [
    ("Brightline Labs", "brightline.example", "design"),
    ("Northwind Analytics, Inc.", "northwind.example", "data"),
    ("Helio Grid", "heliogrid.example", "climate"),
    ("Kestrel Health", "kestrelhealth.example", "health"),
    ("Fernhill Studio", "fernhill.example", "design"),
    ("Quarry & Finch", "quarryfinch.example", "consulting"),
    ("Tidewater Capital", "tidewater.example", "vc"),
    ("Lumen Bank", "lumenbank.example", "fintech"),
    ("Canopy Climate", "canopyclimate.example", "climate"),
    ("Ashgrove University", "ashgrove.example", "education"),
    ("Parallax Robotics", "parallax.example", "hardware"),
    ("Copperleaf Software GmbH", "copperleaf.example", "software"),
    ("Bluefin Payments", "bluefin.example", "fintech"),
    ("Saltmarsh Media", "saltmarsh.example", "media"),
    ("Verdant Foods", "verdantfoods.example", "food"),
    ("Ironwood Security", "ironwood.example", "security"),
    ("Mosaic Learning", "mosaiclearning.example", "education"),
    ("Polaris Mobility", "polaris.example", "mobility"),
    ("Solstice Energy", "solstice.example", "climate"),
    ("Tessellate Design", "tessellate.example", "design"),
    ("Upland Data Co.", "upland.example", "data"),
    ("Harbor & Hill, Ltd.", "harborhill.example", "consulting"),
    ("Yarrow Bio", "yarrowbio.example", "health"),
    ("Cobalt Cloud", "cobaltcloud.example", "software"),
    ("Driftwood Games", "driftwood.example", "media"),
    ("Atlas Civic Tech", "atlascivic.example", "civic"),
    ("Open Harbor Foundation", "openharbor.example", "civic"),
    ("Granite Ventures", "granite.example", "vc"),
    ("Foxglove Pharma", "foxglove.example", "health"),
    ("Kite Logistics", "kitelogistics.example", "mobility"),
    ("Larkspur Insurance", "larkspur.example", "fintech"),
    ("Meridian Maps", "meridianmaps.example", "data"),
    ("Nimbus Weather", "nimbus.example", "climate"),
    ("Wavelength Audio", "wavelength.example", "hardware"),
    ("Indigo Retail", "indigoretail.example", "retail"),
    ("Juniper Textiles", "junipertextiles.example", "retail"),
    ("Orbital Freight", "orbitalfreight.example", "mobility"),
    ("Zephyr Air", "zephyrair.example", "mobility"),
    ("Ember Analytics", "ember.example", "data"),
    ("Redwood & Vale LLP", "redwoodvale.example", "law"),
    ("Self-employed", "", "independent"),
]
_ROLES = {
    "eng": "Software Engineer|Senior Software Engineer|Staff Engineer|Engineering Manager|"
    "Frontend Developer|Site Reliability Engineer|VP Engineering",
    "design": "Product Designer|Senior Product Designer|UX Researcher|Design Lead|Head of Design|"
    "Brand Designer|Service Designer|Design Director",
    "product": "Product Manager|Senior Product Manager|Group Product Manager|Director of Product",
    "data": "Data Scientist|Data Engineer|Analytics Lead|Machine Learning Engineer|Head of Data",
    "business": "Account Executive|Partnerships Manager|Head of Sales, EMEA|Marketing Manager|"
    "Growth Lead|Customer Success Manager",
    "ops": "Operations Manager|Chief of Staff|People Partner|Talent Acquisition Lead|Program Manager",
    "lead": "Founder & CEO|Co-founder|CTO|COO|Managing Director",
    "climate": "Climate Analyst|Sustainability Lead|Policy Advisor|Energy Systems Modeller",
    "vc": "Partner|Principal|Investment Associate|Venture Partner|Platform Lead",
    "education": "Professor of Design|Research Fellow|PhD Candidate|Lecturer in HCI",
    "law": "Associate|Partner|Counsel|Legal Operations Manager",
    "health": "Clinical Lead|Medical Director|Research Scientist",
    "consulting": "Consultant|Senior Consultant|Engagement Manager|Principal",
    "independent": "Freelance Product Designer|Independent Consultant|Coach & Facilitator|Writer",
}
_ROLES = {k: v.split("|") for k, v in _ROLES.items()}
_FUNCTIONS = ["eng", "design", "product", "data", "business", "ops", "lead"]
_FUNCTION_W = [30, 16, 14, 12, 14, 9, 5]

# Hand-made people who exercise the awkward cases: (first, last, ascii first, ascii last,
# tier, vCard name or None, company index). Last names like "Okafor, PhD" are as LinkedIn has them.
_SPECIAL = [
    ("Adaeze", "Okafor, PhD", "adaeze", "okafor", "giver", "Adaeze Okafor", 9),
    ("伟", "李", "wei", "li", "close", "李伟", 1),
    ("Ελένη", "Παπαδοπούλου", "eleni", "papadopoulou", "active", "Ελένη Παπαδοπούλου", 2),
    ("Siobhán", "O'Brien", "siobhan", "obrien", "close", "Siobhán O'Brien", 0),
    ("Anne-Marie", "Lefèvre-Dubois", "annemarie", "lefevre-dubois", "active", None, 4),
    ("Catherine (Cathy)", "Brennan", "cathy", "brennan", "core", "Cathy Brennan", 0),
    ("Дмитрий", "Соколов", "dmitry", "sokolov", "rare", None, 15),
    ("花子", "山田", "hanako", "yamada", "active", "山田花子", 19),
]

_TIER_SIZE = {"core": 5, "close": 13, "giver": 3, "active": 50, "dormant": 8, "seedling": 10}
# Expected interactions a month while active (Dunbar: weekly, monthly, every few months).
_RATE = {"core": 4.0, "close": 1.0, "giver": 0.9, "active": 0.3, "dormant": 3.0,
         "seedling": 1.5, "rare": 0.02}
_KINDS = {  # kind weights by tier
    "core": dict(coffee=20, meal=5, call=14, video=10, message=30, email=10, help_given=5,
                 help_received=4, intro=2),
    "close": dict(coffee=24, meal=3, call=15, video=10, message=20, email=15, help_given=6,
                  help_received=4, intro=3),
    "giver": dict(coffee=20, call=15, video=5, email=15, message=10, help_received=30, intro=5),
    "active": dict(coffee=20, call=14, video=10, email=25, message=15, help_given=7,
                   help_received=4, intro=5),
    "dormant": dict(coffee=25, meal=5, call=15, video=10, message=25, email=12, help_given=4,
                    help_received=4),
    "seedling": dict(coffee=40, message=30, email=20, call=10),
    "rare": dict(email=30, message=30, coffee=14, call=10, help_given=6, help_received=5, intro=5),
}
_TOPICS = [
    "hiring a design lead", "their new role", "design systems", "pricing research",
    "climate data standards", "fundraising", "a conference talk", "moving to Lisbon",
    "career next steps", "research ops", "a side project", "accessibility audits",
    "the grid-storage pilot", "team rituals", "going freelance", "onboarding flows",
    "a board position", "open-source maintainership", "the reorg", "user interviews",
]
_GIVES = ["Reviewed {f}'s portfolio", "Shared hiring contacts with {f}", "Gave {f} feedback on a deck",
          "Sent {f} notes on {t}", "Recommended {f} for a speaking slot", "Helped {f} prep for an interview"]
_GETS = ["{f} reviewed my talk", "{f} gave advice on {t}", "{f} shared a salary benchmark",
         "{f} introduced me to their research team", "{f} mentored me on {t}", "{f} read my draft"]
_EVENTS = [
    ("Design Systems Meetup", "Berlin, Betahaus"), ("ClimateTech Summit", "Amsterdam, RAI"),
    ("Product Leaders Breakfast", "Berlin, Factory Görlitzer Park"), ("UX Lisbon", "Lisbon, Cinema São Jorge"),
    ("Data Council Europe", "London, Barbican"), ("Civic Tech Night", "Berlin, Impact Hub"),
    ("Women in Product Dinner", "Hamburg, Hafenstudio"), ("Config Watch Party", "Berlin, Brightline Labs"),
    ("Open Source Design Sprint", "Copenhagen, Founders House"), ("Berlin Design Week", "Berlin, Kraftwerk"),
    ("Accessibility Camp", "Vienna, Sektor5"), ("Energy Transition Forum", "Munich, Werksviertel"),
]
_TRANSLIT = str.maketrans({"ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "đ": "d", "ı": "i", "Ø": "O"})


@dataclass(slots=True)
class _Person:
    first: str
    last: str
    ascii: tuple[str, str]
    company: int
    position: str
    tier: str
    slug: str = ""
    linkedin: bool = True
    vcard: bool = False
    google: bool = False
    connected: dt.date | None = None
    lo: int = 0  # ordinal of the first day interactions may happen
    hi: int = 0  # ordinal of the last day
    work: str = ""
    personal: str = ""
    li_email: str = ""
    emails: list[str] = field(default_factory=list)  # on the contact card (vCard, Google)
    vcard_name: str | None = None
    tags: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def ref(self) -> str:
        """How netlib's own CSVs point at this person: an email another file holds, else the name."""
        if self.emails:
            return self.emails[0]
        return self.li_email or f"name:{self.name}"


def _fold_name(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _ascii(text: str) -> str:
    folded = _fold_name(text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded if c.isalnum() or c == "-")


def _linkedin_date(day: dt.date) -> str:
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


def _people(rng: random.Random, n: int, scale: bool, start: dt.date, end: dt.date) -> list[_Person]:
    """Everyone in the network, with tier, files they appear in and emails."""
    k = n / 300
    sizes = {t: max(1, round(s * k)) for t, s in _TIER_SIZE.items()} if n >= 30 else {}
    tiers = [t for t, s in sizes.items() for _ in range(s)][:n]
    tiers += ["rare"] * (n - len(tiers))
    rng.shuffle(tiers)
    cw = [1.0 / (i + 1) ** 0.8 for i in range(len(_COMPANIES) - 1)] + [0.8]
    cw[0] *= 2.2  # your own company: the biggest cluster of colleagues
    culture_w = [c[0] for c in _CULTURES]
    seen: set[str] = set()
    emails: set[str] = set()
    people = []
    special = {}  # the hand-made people take the place of someone of the same tier
    for spec in _SPECIAL if n >= 60 else ():
        special[next(i for i, t in enumerate(tiers) if t == spec[4] and i not in special)] = spec
    for i, tier in enumerate(tiers):
        if i in special:
            first, last, af, al, tier, vname, company = special[i]
        else:
            vname = None
            while True:
                ca = rng.choices(_CULTURES, culture_w)[0]
                cb = ca if rng.random() < 0.8 else rng.choices(_CULTURES, culture_w)[0]
                first, last = rng.choice(ca[1]), rng.choice(cb[2])
                if _fold_name(f"{first} {last}") in seen:
                    first = f"{first} {rng.choice('ABCDEFGHJKLMNOPRSTVW')}."
                if _fold_name(f"{first} {last}") not in seen:
                    break
            af, al = _ascii(first.replace(" ", "").replace(".", "")), _ascii(last)
            company = rng.choices(range(len(_COMPANIES)), cw)[0]
        seen.add(_fold_name(f"{first} {last}"))
        industry = _COMPANIES[company][2]
        pool = _ROLES.get(industry) if industry in _ROLES and rng.random() < 0.5 else None
        position = rng.choice(pool or _ROLES[rng.choices(_FUNCTIONS, _FUNCTION_W)[0]])
        p = _Person(first, last, (af, al), company, position, tier, vcard_name=vname)
        p.slug = f"{af}-{al}" + (f"-{rng.getrandbits(32):08x}" if rng.random() < 0.7 else "")
        p.slug = p.slug.lower()
        domain = _COMPANIES[company][1]
        if domain:
            local = rng.choice([f"{af}.{al}", f"{af}.{al}", f"{af[0]}{al}", af]).lower()
            p.work = _unique(f"{local}@{domain}", emails)
        p.personal = _unique(f"{af}{rng.choice(['.', '', '_'])}{al}{rng.choice(['', '', str(rng.randrange(10, 99))])}"
                             f"@{rng.choice(['example.com', 'example.net', 'example.org'])}".lower(), emails)
        p.tags = [industry] if industry not in ("independent", "retail", "food") else []
        if company == 4:
            p.tags.append("former colleague")
        if tier == "giver":
            p.tags.insert(0, "mentor")
        if tier == "core":
            p.tags.append("friend")
        # Which files: LinkedIn for ~80% (all in scale mode); every other person has a contact card.
        p.linkedin = scale or rng.random() < (0.9 if tier == "seedling" else 0.8) or vname is not None
        want = {"core": 1, "close": .9, "giver": 1, "dormant": .8, "active": .45, "seedling": .3}.get(tier, .14)
        p.vcard = rng.random() < (300 / n if scale else want) or vname is not None
        p.google = rng.random() < (100 / n if scale else 0.07)
        if not (p.linkedin or p.vcard or p.google):
            p.vcard, p.google = (True, rng.random() < 0.15) if rng.random() < 0.75 else (False, True)
        if p.linkedin and rng.random() < 0.10 or first.startswith("Catherine"):
            p.li_email = p.personal if rng.random() < 0.7 or not p.work else p.work
        if p.vcard or p.google:
            if p.work and (rng.random() < 0.9 or p.li_email == p.work):
                p.emails.append(p.work)
            if rng.random() < 0.5 or not p.emails or p.li_email == p.personal:
                p.emails.append(p.personal)
        people.append(p)
    # When each person entered your network and when interactions may happen.
    for p in people:
        if p.tier == "seedling":
            met = end - dt.timedelta(days=rng.randrange(5, 75))
        elif p.tier in ("core", "close", "giver", "dormant"):
            met = start - dt.timedelta(days=rng.randrange(200, 3600))
        else:
            met = end - dt.timedelta(days=min(4000, 1 + int(rng.expovariate(1 / 950))))
        p.connected = met + dt.timedelta(days=rng.randrange(0, 4)) if p.linkedin else None
        if p.connected and p.connected > end:
            p.connected = end
        p.lo = max(start.toordinal(), met.toordinal())
        p.hi = end.toordinal()
        if p.tier == "dormant":  # close once, silent for 14+ months now
            p.hi = (end - dt.timedelta(days=426 + rng.randrange(0, 90))).toordinal()
            p.lo = min(p.lo, p.hi - 60)
        p.lo = min(p.lo, p.hi)
    return people


def _unique(email: str, taken: set[str]) -> str:
    local, domain = email.split("@")
    n, candidate = 1, email
    while candidate in taken:
        n += 1
        candidate = f"{local}{n}@{domain}"
    taken.add(candidate)
    return candidate


def _uid(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


# -- LinkedIn -------------------------------------------------------------------------------


def _write_linkedin(path: Path, people: list[_Person], rng: random.Random, scale: bool, end: dt.date):
    rows = []
    for p in people:
        if p.linkedin:
            company = _COMPANIES[p.company][0]
            if rng.random() < 0.03 and p.tier == "rare":  # some members show no current job
                company, position = "", ""
            else:
                position = p.position
            rows.append((p.connected, [p.first, p.last, f"https://www.linkedin.com/in/{p.slug}",
                                       p.li_email, company, position, _linkedin_date(p.connected)]))
    hidden = max(2, len(rows) // 1000)
    for _ in range(hidden):  # members who hide their profile: only the date survives
        day = end - dt.timedelta(days=rng.randrange(0, 900))
        rows.append((day, ["", "", "", "", "", "", _linkedin_date(day)]))
    rows.sort(key=lambda r: r[0], reverse=True)  # LinkedIn lists the newest first
    if not scale:  # LinkedIn exports occasionally repeat a row
        rows.insert(len(rows) // 3, rows[len(rows) // 3])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(f"Notes:\n{_LINKEDIN_NOTE}\n\n{_LINKEDIN_HEADER}\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerows(r for _, r in rows)


# -- vCard and Google Contacts ------------------------------------------------------------


def _fold(line: str) -> str:
    """RFC 5545/6350 folding: lines over 75 octets continue after CRLF + space."""
    out, cur, size = [], "", 0
    for ch in line:
        n = len(ch.encode())
        if size + n > 75:
            out.append(cur)
            cur, size = " ", 1
        cur += ch
        size += n
    out.append(cur)
    return "\r\n".join(out) + "\r\n"


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


#: Numbers reserved for fiction (Ofcom's drama ranges): 4,000 of them, none of them anyone's.
_PHONE_RANGES = ("+44 20 7946 {:04d}", "+44 161 496 {:04d}", "+44 121 496 {:04d}", "+44 7700 90{:04d}")


def _phone(rng: random.Random, used: set[str]) -> str:
    """A fictional phone number no other person in the sample has."""
    n = rng.randrange(4000)
    while True:
        number = _PHONE_RANGES[n // 1000].format(n % 1000)
        if number not in used:
            used.add(number)
            return number
        n = (n + 1) % 4000


def _card_name(p: _Person) -> tuple[str, str, str]:
    """(FN, family, given) as a phone's address book would hold them."""
    if p.vcard_name:
        given = p.first.split(" (")[0] if not p.first.startswith("Catherine") else "Cathy"
        family = p.last.split(",")[0]
        return p.vcard_name, family, given
    return p.name, p.last, p.first


def _note(p: _Person, rng: random.Random, people_by_first: list[str]) -> str:
    notes = [f"Met through {rng.choice(people_by_first)}; talked about {rng.choice(_TOPICS)}.",
             f"Interested in {rng.choice(_TOPICS)} and {rng.choice(_TOPICS)}. Has two kids, "
             f"loves bouldering, and always recommends a book; ask about the last one.",
             f"Former colleague at {_COMPANIES[4][0]}.", "Prefers Signal over email.",
             f"Great sounding board for {rng.choice(_TOPICS)}."]
    return rng.choice(notes)


def _write_vcards(path: Path, people: list[_Person], rng: random.Random, end: dt.date, phones: set[str]):
    firsts = [p.first for p in people[:200]]
    n_profile = n_bday = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for p in people:
            if not p.vcard:
                continue
            fn, family, given = _card_name(p)
            suffix = "PhD" if "PhD" in p.last else ""
            lines = ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 15.1//EN",
                     f"N:{_esc(family)};{_esc(given)};;{'Dr.' if suffix else ''};{suffix}", f"FN:{_esc(fn)}"]
            if p.vcard_name and p.first.startswith("Catherine"):
                lines.append("NICKNAME:Cathy")
            company = _COMPANIES[p.company][0]
            if company != "Self-employed":
                if rng.random() < 0.3 and company.endswith((", Inc.", ", Ltd.", " GmbH")):
                    company = company.rsplit(" ", 1)[0].rstrip(",")  # the card says "Northwind Analytics"
                lines.append(f"ORG:{_esc(company)};")
            lines.append(f"TITLE:{_esc(p.position)}")
            emails = [("WORK" if e == p.work else "HOME", e) for e in p.emails]
            for i, (label, email) in enumerate(emails):
                pref = ";type=pref" if i == 0 else ""
                lines.append(f"EMAIL;type=INTERNET;type={label}{pref}:{email}")
            if rng.random() < 0.15:  # Apple's grouped custom label
                lines.append(f"item1.EMAIL;type=INTERNET:{p.ascii[0]}@{rng.choice(['alumni.ashgrove.example', 'studio.example'])}")
                lines.append("item1.X-ABLabel:Alumni")
            for i in range(rng.choice([0, 1, 1, 1, 2])):
                kind = "CELL" if i == 0 else "WORK"
                lines.append(f"TEL;type={kind};type=VOICE{';type=pref' if i == 0 else ''}:{_phone(rng, phones)}")
            r = rng.random()
            if n_bday == 0 or r < 0.08:
                lines.append(f"BDAY:--{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
                             if n_bday == 0 else f"BDAY:{rng.randrange(1965, 2000)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}")
                n_bday += 1
            elif r < 0.12:
                lines.append(f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}")
            if rng.random() < 0.5 or p.tier in ("core", "giver"):
                lines.append(f"NOTE:{_esc(_note(p, rng, firsts))}")
            if p.tags:
                lines.append("CATEGORIES:" + ",".join(p.tags[:3]))
            if p.linkedin and (rng.random() < 0.4 or p.vcard_name or n_profile < 3):
                url = f"https://www.linkedin.com/in/{p.slug}"
                if n_profile % 5 == 1:
                    url = "http://www.linkedin.com/in/" + p.slug + "/"  # as typed by hand
                lines.append(f"X-SOCIALPROFILE;type=linkedin:{url}")
                n_profile += 1
            lines += [f"UID:{_uid(rng).upper()}", f"REV:{end.isoformat()}T09:00:00Z", "END:VCARD"]
            fh.write("".join(_fold(line) for line in lines))


def _write_google(path: Path, people: list[_Person], rng: random.Random, phones: set[str]):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(_GOOGLE_HEADER)
        row_n = 0
        for p in people:
            if not p.google:
                continue
            row = dict.fromkeys(_GOOGLE_HEADER, "")
            given, family = p.first.split(" (")[0], p.last.split(",")[0]
            row.update({"First Name": given, "Last Name": family, "File As": "",
                        "Organization Name": "" if p.company == len(_COMPANIES) - 1 else _COMPANIES[p.company][0],
                        "Organization Title": p.position,
                        "Labels": " ::: ".join(["* myContacts"] + [t.title() for t in p.tags[:2]])})
            if "PhD" in p.last:
                row["Name Suffix"] = "PhD"
            emails = [("Work" if e == p.work else "Home", e) for e in p.emails]
            if row_n == 1 and len(emails) == 2:  # two addresses under one label, Google joins them
                emails = [("Work", f"{emails[0][1]} ::: {emails[1][1]}")]
            for i, (label, value) in enumerate(emails[:2], 1):
                row[f"E-mail {i} - Label"] = ("* " if i == 1 else "") + label
                row[f"E-mail {i} - Value"] = value
            if rng.random() < 0.6:
                row["Phone 1 - Label"], row["Phone 1 - Value"] = "Mobile", _phone(rng, phones)
            if rng.random() < 0.1:
                row["Birthday"] = f"--{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            if rng.random() < 0.3:
                row["Notes"] = f"Talked about {rng.choice(_TOPICS)}."
            if p.linkedin and rng.random() < 0.3:
                row["Website 1 - Label"] = "Profile"
                row["Website 1 - Value"] = f"https://www.linkedin.com/in/{p.slug}"
            w.writerow(row.values())
            row_n += 1


# -- events ---------------------------------------------------------------------------------


def _plan_events(people: list[_Person], rng: random.Random, scale: bool, start: dt.date, end: dt.date):
    """About a dozen events; who you met there becomes part of your network from that day."""
    n = len(_EVENTS)
    spread = (end - start).days - 100
    days = [start + dt.timedelta(days=20 + spread * i // (n - 4)) for i in range(n - 3)]
    days += [end - dt.timedelta(days=d) for d in (55, 18, 6)]  # the last two: within 3 weeks
    seedlings = [i for i, p in enumerate(people) if p.tier == "seedling"]
    others = [i for i, p in enumerate(people) if p.tier in ("active", "rare") and p.linkedin]
    rng.shuffle(others)
    events = []
    for e, ((name, place), day) in enumerate(zip(_EVENTS, days)):
        recent = e >= n - 3
        met = [i for j, i in enumerate(seedlings) if recent and j % 3 == e - (n - 3)]
        extra = rng.randrange(8, 25) if scale else rng.randrange(3, 8)
        met += [others.pop() for _ in range(min(extra, len(others)))]
        if e >= n - 2:  # the last two: several people not yet followed up
            followed = [i for i in met if people[i].tier == "seedling" and rng.random() < 0.5]
        else:
            followed = [i for i in met if rng.random() < 0.75]
        for i in met:
            p = people[i]
            if e >= n - 2 and i not in followed:
                # not followed up yet: no contact since the event; if you are LinkedIn
                # connections at all, you connected long before you met
                p.lo, p.hi = day.toordinal() + 1, day.toordinal()
                if not scale and p.tier == "seedling" and p.emails:  # a card from the event, no LinkedIn yet
                    p.linkedin, p.connected = False, None
                elif p.linkedin and (p.connected is None or p.connected >= day):
                    p.connected = day - dt.timedelta(days=rng.randrange(200, 700))
                continue
            p.lo = day.toordinal()
            if p.linkedin and (p.connected is None or p.connected > day):
                p.connected = min(end, day + dt.timedelta(days=rng.randrange(0, 4)))
        notes = (f"{rng.choice(['Talk', 'Panel', 'Workshop'])} on {rng.choice(_TOPICS)}; "
                 f"good hallway conversations about {rng.choice(_TOPICS)}.")
        events.append((f"e{e + 1:02d}", f"{name} {day.year}", day, place, notes, met, followed))
    return events


def _write_events(path: Path, events, people: list[_Person]):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "name", "date", "location", "notes", "met", "followed_up"])
        for eid, name, day, place, notes, met, followed in events:
            w.writerow([eid, name, day.isoformat(), place, notes,
                        ";".join(people[i].ref for i in met), ";".join(people[i].ref for i in followed)])


# -- interactions ---------------------------------------------------------------------------


def _given(p: _Person) -> str:
    return p.first.split(" (")[0]


def _summary(rng: random.Random, kind: str, direction: str, p: _Person, q: _Person | None) -> str:
    f, t = _given(p), rng.choice(_TOPICS)
    if kind == "coffee":
        return f"Coffee with {f}" + (f" and {_given(q)}" if q else "") + f": {t}"
    if kind == "meal":
        return f"Lunch with {f}, talked about {t}"
    if kind in ("call", "video"):
        return f"{'Call' if kind == 'call' else 'Video call'} with {f} about {t}"
    if kind in ("email", "message"):
        verb = "Emailed" if kind == "email" else "Messaged"
        return f"{verb} {f} about {t}" if direction == "out" else f"{f} wrote about {t}"
    if kind == "help_given":
        return rng.choice(_GIVES).format(f=f, t=t)
    if kind == "help_received":
        return rng.choice(_GETS).format(f=f, t=t)
    if direction == "out":
        return f"Introduced {f} to {_given(q)}: {t}"
    return f"{f} introduced me to {_given(q)}"


def _write_interactions(path: Path, people: list[_Person], rng: random.Random, nrng, members,
                        start: dt.date, end: dt.date, months: int, scale: bool, tick) -> list:
    """Stream a chronological log, one block of days at a time; returns intro pairs for ties."""
    lo = np.array([p.lo for p in people], dtype=np.int64)
    hi = np.array([p.hi for p in people], dtype=np.int64) + 1
    rate = np.array([_RATE[p.tier] for p in people]) / 30.44
    if scale:  # about 10 interactions a person, same shape
        expected = (rate * np.clip(hi - np.maximum(lo, start.toordinal()), 0, None)).sum()
        rate *= 10 * len(people) / max(expected, 1.0)
    kinds = {t: (list(w), list(np.cumsum(list(w.values())))) for t, w in _KINDS.items()}
    s0, span = start.toordinal(), (end - start).days + 1
    intros, next_id = [], 1
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "date", "kind", "direction", "with", "summary"])
        for m in range(months):
            b0, b1 = s0 + span * m // months, s0 + span * (m + 1) // months
            a, b = np.maximum(lo, b0), np.minimum(hi, b1)
            counts = nrng.poisson(rate * np.clip(b - a, 0, None))
            rows = []
            for i in np.flatnonzero(counts).tolist():
                p = people[i]
                names, cum = kinds[p.tier]
                for _ in range(int(counts[i])):
                    kind = rng.choices(names, cum_weights=cum)[0]
                    day = rng.randrange(int(a[i]), int(b[i]))
                    qi = None
                    if kind == "intro":
                        qi = rng.randrange(len(people))
                    elif kind == "coffee" and rng.random() < 0.08:  # with a colleague of theirs
                        mates = members.get(p.company, ())
                        qi = rng.choice(mates) if len(mates) > 1 else None
                    if qi == i:
                        qi, kind = None, "coffee"
                    q = people[qi] if qi is not None else None
                    if kind in ("email", "message"):
                        direction = "out" if rng.random() < 0.55 else "in"
                    else:
                        direction = {"help_given": "out", "help_received": "in"}.get(kind, "both")
                    if kind == "intro":
                        direction = "out" if rng.random() < 0.7 else "in"
                        if direction == "out":
                            intros.append((i, qi, day))
                    refs = p.ref + (f";{q.ref}" if q else "")
                    rows.append((day, i, kind, direction, refs, _summary(rng, kind, direction, p, q)))
            rows.sort(key=lambda r: (r[0], r[1]))
            for day, _, kind, direction, refs, summary in rows:
                w.writerow([f"i{next_id:06d}", dt.date.fromordinal(day).isoformat(), kind,
                            direction, refs, summary])
                next_id += 1
            tick()
    return intros


# -- ties -----------------------------------------------------------------------------------


def _write_ties(path: Path, people: list[_Person], rng: random.Random, nrng, members, intros,
                scale: bool, end: dt.date):
    """Colleagues who know each other, a few ties across clusters, and your introductions."""
    lam_colleague, lam_knows = (4.5, 0.8) if scale else (1.8, 0.12)
    n_col = nrng.poisson(lam_colleague, len(people))
    n_knows = nrng.poisson(lam_knows, len(people))
    first_day = dt.date(2016, 1, 1).toordinal()
    seen: set[tuple[int, int]] = set()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["a", "b", "kind", "since", "weight"])

        def tie(i: int, j: int, kind: str, since: int, weight: str):
            key = (i, j) if i < j else (j, i)
            if i != j and key not in seen:
                seen.add(key)
                w.writerow([people[i].ref, people[j].ref, kind, dt.date.fromordinal(since).isoformat(), weight])

        last = end.toordinal() - 30
        for i, p in enumerate(people):
            mates = members.get(p.company, ())
            for _ in range(min(int(n_col[i]), len(mates) - 1)):
                tie(i, rng.choice(mates), "colleague", rng.randrange(first_day, last), "1.0")
            for _ in range(int(n_knows[i])):
                j = rng.randrange(len(people))
                if people[j].company != p.company:
                    tie(i, j, "knows", rng.randrange(first_day, last), "0.5")
        for i, j, day in intros:
            tie(i, j, "intro", day, "0.5")
    return len(seen)


# -- calendar -------------------------------------------------------------------------------

_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE""".split("\n")


def _stamp(t: dt.datetime, tz: bool) -> str:
    if tz:
        return f";TZID=Europe/Berlin:{t:%Y%m%dT%H%M%S}"
    utc = t - dt.timedelta(hours=2 if 4 <= t.month <= 10 else 1)  # Berlin to UTC, near enough
    return f":{utc:%Y%m%dT%H%M%S}Z"


class _Calendar:
    """Google Calendar's export: one VEVENT per meeting, the owner organizing most of them."""

    def __init__(self, rng: random.Random, owner: tuple[str, str], end: dt.date):
        self.rng, self.owner, self.end = rng, owner, end
        self.lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
                      "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                      f"X-WR-CALNAME:{owner[1]}", "X-WR-TIMEZONE:Europe/Berlin", *_VTIMEZONE]

    @staticmethod
    def attendee(cn: str, email: str, partstat: str = "ACCEPTED", cutype: str = "INDIVIDUAL") -> str:
        cn = f'"{cn}"' if any(c in cn for c in ",;:") else cn
        return (f"ATTENDEE;CUTYPE={cutype};ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};CN={cn};"
                f"X-NUM-GUESTS=0:mailto:{email}")

    def event(self, summary: str, start: dt.datetime | dt.date, who: list[str], *, minutes: int = 30,
              tz: bool = True, organizer: tuple[str, str] | None = None, extra=(), uid: str | None = None,
              status: str = "CONFIRMED", description: str = "", location: str = "") -> str:
        uid = uid or f"{self.rng.getrandbits(104):026x}@google.com"
        org = organizer or self.owner
        lines = ["BEGIN:VEVENT"]
        if isinstance(start, dt.datetime):
            lines += [f"DTSTART{_stamp(start, tz)}",
                      f"DTEND{_stamp(start + dt.timedelta(minutes=minutes), tz)}"]
            made = start.date()
        else:
            lines += [f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
                      f"DTEND;VALUE=DATE:{start + dt.timedelta(days=max(1, minutes // 1440)):%Y%m%d}"]
            made = start
        made = min(made, self.end) - dt.timedelta(days=self.rng.randrange(1, 20))
        lines += [f"DTSTAMP:{self.end:%Y%m%d}T000000Z", f"ORGANIZER;CN={org[0]}:mailto:{org[1]}",
                  f"UID:{uid}", *extra]
        if who:
            lines.append(self.attendee(self.owner[0], self.owner[1]))
            lines += who
        lines += [f"CREATED:{made:%Y%m%d}T101500Z", f"DESCRIPTION:{_esc(description)}",
                  f"LAST-MODIFIED:{made:%Y%m%d}T101500Z", f"LOCATION:{_esc(location)}", "SEQUENCE:0",
                  f"STATUS:{status}", f"SUMMARY:{_esc(summary)}", "TRANSP:OPAQUE", "END:VEVENT"]
        self.lines += lines
        return uid

    def write(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write("".join(_fold(line) for line in self.lines + ["END:VCALENDAR"]))


def _meet(rng: random.Random) -> str:
    code = "".join(rng.choice("abcdefghijkmnopqrstuvwxyz") for _ in range(10))
    return f"Join with Google Meet: https://meet.google.com/{code[:3]}-{code[3:7]}-{code[7:]}"


def _write_calendar(path: Path, people: list[_Person], rng: random.Random, owner: tuple[str, str],
                    start: dt.date, end: dt.date) -> int:
    cal = _Calendar(rng, owner, end)
    pool = [p for p in people if p.emails]
    cn = {id(p): _card_name(p)[0] for p in pool}

    def who(p, partstat="ACCEPTED"):
        return cal.attendee(cn[id(p)], p.emails[0], partstat)

    def at(day: dt.date, hour: int | None = None) -> dt.datetime:
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        return dt.datetime.combine(day, dt.time(hour or rng.choice([9, 10, 11, 14, 15, 16]), rng.choice([0, 30])))

    # The weekly team meeting: RRULE, two EXDATEs, one moved instance, a meeting room.
    team = [p for p in pool if p.company == 0][:6] or pool[:5]
    first = start + dt.timedelta(days=(1 - start.weekday()) % 7 + 7)
    sync = dt.datetime.combine(first, dt.time(10, 0))
    weeks = (end - first).days // 7
    xmas = next(k for k in range(weeks) if (first + dt.timedelta(weeks=k)).month == 12
                and (first + dt.timedelta(weeks=k)).day >= 22) if weeks > 40 else 3
    ex = [sync + dt.timedelta(weeks=k) for k in (xmas, xmas + 1)]
    room = cal.attendee("Berlin-3-Spree (8)", "c_1889a2b3c4d5e6f7@resource.calendar.google.com",
                        cutype="RESOURCE")
    series = cal.event("Product design sync", sync, [who(p) for p in team] + [room], minutes=45,
                       extra=[f"RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL={end:%Y%m%d}T000000Z",
                              f"EXDATE;TZID=Europe/Berlin:{ex[0]:%Y%m%dT%H%M%S}",
                              f"EXDATE;TZID=Europe/Berlin:{ex[1]:%Y%m%dT%H%M%S}"],
                       description="Weekly: what shipped, what's stuck, crit.", location="Berlin-3-Spree (8)")
    moved = sync + dt.timedelta(weeks=5)
    cal.event("Product design sync (moved to Wednesday)", moved + dt.timedelta(days=1), [who(p) for p in team],
              minutes=45, uid=series, extra=[f"RECURRENCE-ID;TZID=Europe/Berlin:{moved:%Y%m%dT%H%M%S}"])
    count = 2
    # 1:1s: every six weeks with the core, quarterly with close friends; dormant ones stop.
    for p in pool:
        gap = {"core": 42, "close": 90, "giver": 75, "dormant": 30}.get(p.tier)
        if not gap:
            continue
        day = max(start.toordinal(), p.lo) + rng.randrange(0, gap)
        while day <= min(p.hi, end.toordinal()):
            video = rng.random() < 0.6
            cal.event(f"{owner[0].split()[0]} / {_given(p)}", at(dt.date.fromordinal(day)), [who(p)],
                      tz=rng.random() < 0.7, description=_meet(rng) if video else "",
                      location="" if video else rng.choice(["Café Einstein", "Bonanza Coffee", "Office"]))
            day += gap + rng.randrange(-7, 8)
            count += 1
    # Small meetings among colleagues at other companies: co-attendance ties.
    by_company: dict[int, list[_Person]] = {}
    for p in pool:
        by_company.setdefault(p.company, []).append(p)
    groups = sorted((c for c, ps in by_company.items() if len(ps) >= 2 and c not in (0, len(_COMPANIES) - 1)),
                    key=lambda c: (-len(by_company[c]), c))[:6]
    declined = False
    for c in groups + [0, 0] * (len(by_company.get(0, ())) >= 2):
        name = _COMPANIES[c][0].split(",")[0]
        for _ in range(rng.randrange(3, 6)):
            members = rng.sample(by_company[c], min(len(by_company[c]), rng.randrange(2, 5)))
            day = dt.date.fromordinal(rng.randrange(start.toordinal() + 7, end.toordinal()))
            status = ["ACCEPTED"] * len(members)
            if not declined and len(members) >= 3:
                status[-1], declined = "DECLINED", True
            elif rng.random() < 0.2:
                status[-1] = "TENTATIVE"
            org = (cn[id(members[0])], members[0].emails[0]) if rng.random() < 0.4 and c else None
            title = f"{name} x Brightline: {rng.choice(_TOPICS)}" if c else f"Design crit: {rng.choice(_TOPICS)}"
            cal.event(title, at(day), [who(p, s) for p, s in zip(members, status)], minutes=60,
                      organizer=org, tz=rng.random() < 0.8, description=_meet(rng))
            count += 1
    # One cancelled, one all-day offsite, and a few people who are only in the calendar.
    for p in ([p for p in pool if p.tier in ("core", "close")] or pool)[:1]:
        cal.event(f"Coffee with {_given(p)}", at(end - dt.timedelta(days=12), 9), [who(p)],
                  status="CANCELLED", location="Bonanza Coffee")
    offsite = end - dt.timedelta(days=40)
    offsite -= dt.timedelta(days=(offsite.weekday() - 3) % 7)  # Thursday and Friday
    cal.event("Team offsite", offsite, [who(p) for p in team], minutes=2 * 1440,
              location="Gut Sarnow, Brandenburg")
    for name, email, title, as_email in [
        ("Jordan Reyes", "jordan.reyes@talentbridge.example", "Intro call: Head of Design role", True),
        ("Mira Holm", "mira@podcast.example", "Podcast recording: Designing for trust", False),
        ("Tomás Quiroga", "tq@quiroga-consulting.example", "Quick chat about a workshop", False),
    ]:
        day = dt.date.fromordinal(rng.randrange(start.toordinal() + 30, end.toordinal()))
        cal.event(title, at(day), [cal.attendee(email if as_email else name, email)],
                  tz=False, description=_meet(rng))
    cal.write(path)
    return count + 5


# -- the public entry point -----------------------------------------------------------------


def _months_before(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    for d in range(day.day, 0, -1):
        try:
            return dt.date(y, m + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def generate(out_dir, *, people: int = 300, seed: int = 7, end: dt.date = dt.date(2026, 11, 20),
             months: int = 18, owner_email: str = "alex.morgan@example.com", progress=None) -> dict[str, Path]:
    """Write a synthetic network into ``out_dir`` in the formats people export.

    Parameters
    ----------
    out_dir : path
        Folder to write into (created if missing); existing files of the same names are replaced.
    people : int
        How many people the network holds. Above ``SCALE_THRESHOLD`` (1,000): scale mode, where
        all of them are LinkedIn connections and the CSVs carry about 10 interactions and 5
        ties a person.
    seed : int
        The same seed (and arguments) writes byte-identical files.
    end : date
        The last day anything happens; nothing depends on today's date.
    months : int
        How far back your own log (interactions, calendar, events) goes.
    owner_email : str
        You: organizer of most calendar events.
    progress : callable(done, total), optional
        Called as work proceeds, for a progress bar.

    Returns
    -------
    dict
        Path of each file by role: ``linkedin``, ``vcard``, ``google``, ``calendar``,
        ``interactions``, ``events``, ``ties``.

    >>> paths = generate(tmp_path, people=100)          # doctest: +SKIP
    >>> paths["linkedin"].name
    'Connections.csv'
    """
    if people < 1 or months < 1:
        raise ValueError(f"people and months must be positive, got people={people}, months={months}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    scale = people > SCALE_THRESHOLD
    start = _months_before(end, months)
    total, done = months + 7, 0

    def tick():
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    def rng(part: str) -> random.Random:  # one stream per file: editing one leaves the others alone
        return random.Random(f"{seed}:{part}")

    nrng = np.random.default_rng(int.from_bytes(hashlib.sha256(str(seed).encode()).digest()[:8], "big"))
    local = owner_email.split("@")[0].replace(".", " ").replace("_", " ").title()
    owner = (local, owner_email)
    folks = _people(rng("people"), people, scale, start, end)
    events = _plan_events(folks, rng("events"), scale, start, end)
    tick()
    members: dict[int, list[int]] = {}
    for i, p in enumerate(folks):
        if p.company != len(_COMPANIES) - 1:
            members.setdefault(p.company, []).append(i)
    paths = {role: out / name for role, name in [
        ("linkedin", "Connections.csv"), ("vcard", "contacts.vcf"), ("google", "google_contacts.csv"),
        ("calendar", "calendar.ics"), ("interactions", "interactions.csv"), ("events", "events.csv"),
        ("ties", "ties.csv")]}
    _write_linkedin(paths["linkedin"], folks, rng("linkedin"), scale, end)
    tick()
    phones: set[str] = set()  # every number belongs to one person only
    _write_vcards(paths["vcard"], folks, rng("vcard"), end, phones)
    tick()
    _write_google(paths["google"], folks, rng("google"), phones)
    tick()
    _write_calendar(paths["calendar"], folks, rng("calendar"), owner, start, end)
    tick()
    _write_events(paths["events"], events, folks)
    tick()
    intros = _write_interactions(paths["interactions"], folks, rng("interactions"), nrng, members,
                                 start, end, months, scale, tick)
    _write_ties(paths["ties"], folks, rng("ties"), nrng, members, intros, scale, end)
    tick()
    return paths
