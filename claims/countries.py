"""Country names across the languages of the sources -> ISO 3166 codes.

Names are matched on folded word prefixes, so Turkish and Slavic case endings still match
("Kosova'daki", "kosovadaki", "Srbije", "Sırbistan'la").
"""

from __future__ import annotations

import re

from sources.lines import fold

# Stems in English, Turkish, Serbian/Croatian/Bosnian (Latin), Albanian, Bulgarian and
# Macedonian (transliterated), Romanian; adjectives and demonyms included.
_STEMS: dict[str, tuple[str, ...]] = {
    "AL": ("albania", "albanian", "arnavut", "shqip", "albanij", "albanci", "albanac", "albanez"),
    "BA": (
        "bosnia",
        "bosna",
        "bosnian",
        "bosnak",
        "hersek",
        "herzegovin",
        "hercegovin",
        "bosanski",
        "bih",
    ),
    "BG": ("bulgaria", "bulgarian", "bulgaristan", "bugarsk", "bullgari", "bulgari"),
    "HR": ("croatia", "croatian", "hirvat", "hrvatsk", "kroaci", "croati"),
    "XK": ("kosov", "kosova", "kosove"),
    "ME": ("montenegr", "karadag", "crna gora", "crnogorsk", "mali i zi", "muntenegru"),
    "MK": ("macedonia", "makedon", "maqedon"),
    "RO": ("romania", "romanian", "romanya", "rumunij", "rumuns", "rumani", "romani"),
    "RS": ("serbia", "serbian", "sirbistan", "sirp", "srbij", "srpsk", "srbi", "serbi"),
    "SI": ("slovenia", "slovenian", "slovenya", "sloven", "slloveni"),
    "GR": ("greece", "greek", "yunan", "grck", "greqi", "grci"),
    "TR": ("turkey", "turkiye", "turkish", "turk", "turska", "turqi", "turci", "turcia"),
    "UA": ("ukrain", "ukrayna", "ukrajin"),
    "RU": ("russia", "russian", "rusya", "rusij", "ruski", "rusi"),
}
NAMES = {
    "AL": "Albania",
    "BA": "Bosnia and Herzegovina",
    "BG": "Bulgaria",
    "HR": "Croatia",
    "XK": "Kosovo",
    "ME": "Montenegro",
    "MK": "North Macedonia",
    "RO": "Romania",
    "RS": "Serbia",
    "SI": "Slovenia",
    "GR": "Greece",
    "TR": "Türkiye",
    "UA": "Ukraine",
    "RU": "Russia",
}
_SHORT_OK = {"bih", "turk", "sirp", "srbi", "grci", "rusi", "turci", "serbi", "sloven"}


# One pattern per country, built once: this runs for every sentence and note of a book.
_PATTERNS = {
    code: re.compile(
        "|".join(
            rf" {re.escape(stem)}" + ("" if len(stem) >= 5 or stem in _SHORT_OK else " ")
            for stem in stems
        )
    )
    for code, stems in _STEMS.items()
}


def countries_in(text: str) -> set[str]:
    """ISO codes of the countries `text` names."""
    folded = " " + " ".join(re.findall(r"\w+", fold(text))) + " "
    return {code for code, pattern in _PATTERNS.items() if pattern.search(folded)}
