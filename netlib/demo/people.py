"""The synthetic people: names by culture, companies, roles, closeness tiers and emails."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from netlib.importers.normalise import fold


__all__ = ["COMPANIES", "TOPICS", "Person", "make_people", "uid", "card_name", "given_name"]


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
COMPANIES = [
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

TOPICS = [
    "hiring a design lead", "their new role", "design systems", "pricing research",
    "climate data standards", "fundraising", "a conference talk", "moving to Lisbon",
    "career next steps", "research ops", "a side project", "accessibility audits",
    "the grid-storage pilot", "team rituals", "going freelance", "onboarding flows",
    "a board position", "open-source maintainership", "the reorg", "user interviews",
]

_TRANSLIT = str.maketrans({"ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "đ": "d", "ı": "i", "Ø": "O"})


@dataclass(slots=True)
class Person:
    """One synthetic person: their names (and ASCII forms), work, closeness tier, and the
    files and emails they appear with."""

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
    return fold(text.translate(_TRANSLIT))


def _ascii(text: str) -> str:
    folded = _fold_name(text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded if c.isalnum() or c == "-")


def make_people(rng: random.Random, n: int, scale: bool, start: dt.date, end: dt.date) -> list[Person]:
    """Everyone in the network, with tier, files they appear in and emails."""
    k = n / 300
    sizes = {t: max(1, round(s * k)) for t, s in _TIER_SIZE.items()} if n >= 30 else {}
    tiers = [t for t, s in sizes.items() for _ in range(s)][:n]
    tiers += ["rare"] * (n - len(tiers))
    rng.shuffle(tiers)
    cw = [1.0 / (i + 1) ** 0.8 for i in range(len(COMPANIES) - 1)] + [0.8]
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
            company = rng.choices(range(len(COMPANIES)), cw)[0]
        seen.add(_fold_name(f"{first} {last}"))
        industry = COMPANIES[company][2]
        pool = _ROLES.get(industry) if industry in _ROLES and rng.random() < 0.5 else None
        position = rng.choice(pool or _ROLES[rng.choices(_FUNCTIONS, _FUNCTION_W)[0]])
        p = Person(first, last, (af, al), company, position, tier, vcard_name=vname)
        p.slug = f"{af}-{al}" + (f"-{rng.getrandbits(32):08x}" if rng.random() < 0.7 else "")
        p.slug = p.slug.lower()
        domain = COMPANIES[company][1]
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


def uid(rng: random.Random) -> str:
    """A random 128-bit hex id, as a card's or a calendar event's ``UID``."""
    return f"{rng.getrandbits(128):032x}"


def card_name(p: Person) -> tuple[str, str, str]:
    """(FN, family, given) as a phone's address book would hold them."""
    if p.vcard_name:
        given = p.first.split(" (")[0] if not p.first.startswith("Catherine") else "Cathy"
        family = p.last.split(",")[0]
        return p.vcard_name, family, given
    return p.name, p.last, p.first


def given_name(p: Person) -> str:
    """The first name one writes in a summary ("Catherine (Cathy)" -> "Catherine")."""
    return p.first.split(" (")[0]
