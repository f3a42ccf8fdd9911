"""The folded alphabet and word tables of `claims.normalize`, compiled into its patterns."""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from functools import cache, lru_cache

from claims.language import unit_nouns

# Text is folded once (`Folded`): Turkish-aware lower case with every ı/i/İ/I as "i", accents
# removed, Cyrillic transliterated, apostrophes inside words dropped, and each folded character
# remembers where it was printed. Every pattern is written over folded text and matched as whole
# words, so case endings and Turkish suffixes are "\w*". Languages: English, Turkish,
# Serbian/Croatian/Bosnian (Latin and Cyrillic), Albanian, Bulgarian, Macedonian, Romanian.

# Serbian/Macedonian/Bulgarian (and the few Russian/Ukrainian letters) to the Latin letters
# their Latin spelling folds to: ч and č both end as "c", ђ and đ both as "dj". я/ю/й follow
# the Serbian Latin scheme (ja, ju, j) so "Албания" and "Albanija" fold alike.
TRANSLIT: dict[str, str] = {
    **dict(zip("абвгдезиклмнопрстуфхцчшјћжъыэё", "abvgdeziklmnoprstufhccsjczayee", strict=True)),
    "ђ": "dj",
    "љ": "lj",
    "њ": "nj",
    "џ": "dz",
    "ѓ": "gj",
    "ќ": "kj",
    "ѕ": "dz",
    "й": "j",
    "щ": "st",
    "ь": "",
    "ю": "ju",
    "я": "ja",
    "і": "i",
    "ї": "ji",
    "є": "je",
    "ґ": "g",
    "đ": "dj",
    "ð": "d",
    "ł": "l",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ħ": "h",
}
APOSTROPHES = "'’‘ʼ`´"


@cache
def _fold_char(ch: str) -> str:
    if ch in "İIı":
        return "i"
    if ch in APOSTROPHES:
        return "'"
    if ch.isspace() or unicodedata.category(ch) == "No":
        return ch  # a no-break space in "1 600" groups digits; "²¹" is a note call, not 21
    out = []
    for c in ch.casefold():
        if c in TRANSLIT:
            out.append(TRANSLIT[c])
            continue
        for d in unicodedata.normalize("NFKD", c):
            if not unicodedata.combining(d):
                out.append(TRANSLIT.get(d, d))
    return "".join(out)


class Folded:
    """A text folded once (`key`), with the printed span of each folded character."""

    __slots__ = ("ends", "key", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        pieces = list(map(_fold_char, text))
        key = "".join(pieces)
        if len(key) == len(text) and "" not in pieces and "'" not in key:
            # Every character folds to one (most pages): the offsets are the identity, kept as
            # ranges (indexable and bisectable like the arrays, and of constant size).
            self.key = key
            self.starts: Sequence[int] = range(len(text))
            self.ends: Sequence[int] = range(1, len(text) + 1)
            return
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for i, piece in enumerate(pieces):
            if piece == "'" and text[i - 1 : i].isalpha() and text[i + 1 : i + 2].isalpha():
                piece = ""  # Kosova'daki -> kosovadaki
            if not piece and ends:
                ends[-1] = i + 1
            for c in piece:
                chars.append(c)
                starts.append(i)
                ends.append(i + 1)
        self.key = "".join(chars)
        # Compact arrays: a page's folded text is kept for every claim checked against it.
        self.starts = array("I", starts)
        self.ends = array("I", ends)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The printed span of the folded span `start:end`."""
        return self.starts[start], self.ends[end - 1]


# Spellings of one name that differ only by transliteration habit ("Đukanović", "Djukanović",
# "Dukanovic"; "Çavuşoğlu", "Chavushoglu"); applied in order to folded name tokens.
NAME_DIGRAPHS = (("tch", "c"), ("dj", "d"), ("gj", "g"), ("kj", "k"), ("dz", "z"),
                 ("ch", "c"), ("sh", "s"), ("zh", "z"), ("y", "j"))  # fmt: skip

# Earlier patterns win at the same position: multi-word names and "Republika Srpska" (an
# entity of Bosnia and Herzegovina, not Serbia) come first.
COUNTRY_PATTERNS: dict[str, tuple[str, ...]] = {
    "BA": (
        r"republi\w*\s+srpsk\w*",
        r"bosn\w*\s+(?:i\s+|ve\s+|and\s+|e\s+|si\s+)?(?:herce?govin\w*|herzegovin\w*|hersek\w*)",
        r"bosn\w*", r"bosansk\w*", r"boshnj\w*", r"herce?govin\w*", r"herzegovin\w*", r"hersek\w*",
    ),
    "ME": (r"montenegr\w*", r"muntenegr\w*", r"karadag\w*", r"c(?:e|r)?rn\w*\s+gor\w*",
           r"crnogor\w*", r"cernogor\w*", r"mal\w*\s+(?:i|e|te)\s+zi\w*"),
    "MK": (r"(?:(?:north|kuzey|sjevern\w*|severn\w*)\s+)?ma[ck]edon\w*",
           r"maqedon\w*(?:\s+e\s+veriut)?"),
    "XK": (r"kosov\w*",),
    # "Albany" and Istanbul's Arnavutköy district are not Albania.
    "AL": (r"alban(?!y)\w*", r"arnavut(?!koy)\w*", r"shqip\w*"),
    # Turkish "serbest" (free) and Romanian "serbare" (feast) are not Serbian.
    "RS": (r"serb(?!est|ar)\w*", r"srb\w*", r"srps\w*", r"sir[bp]\w*", r"sarbi\w*", r"srab\w*"),
    "HR": (r"croat\w*", r"hrvat\w*", r"hirvat\w*", r"harvat\w*", r"kroa\w*"),
    "BG": (r"bulgar\w*", r"bugar\w*", r"bullgar\w*", r"balgar\w*"),
    # "Romani"/"Roma" (the people and their language) and "român" are not Romania.
    "RO": (r"romania\w*", r"romaniei", r"romanya\w*", r"rumun\w*", r"ruman\w*"),
    "GR": (r"greece", r"greek\w*", r"yunan\w*", r"grc\w*", r"grk\w*", r"greqi\w*", r"grek\w*",
           r"greci\w*", r"garci\w*", r"grack\w*"),
    "SI": (r"sl{1,2}oven\w*",),
    # Whole words only: "Turkcell" and "Turkmen" are not Türkiye.
    "TR": (r"turkiye\w*", r"turkey\w*", r"turk(?:s|e|ce|un|ish|ler\w*)?", r"tursk\w*", r"turqi\w*",
           r"turci\w*", r"turc[aei]?", r"turcesc\w*"),
    "RU": (r"russia\w*", r"rusya\w*", r"rusij\w*", r"rossij\w*", r"rusi(?:a|ei|se|e)?",
           r"rus(?:lar\w*)?", r"rusk(?:i|a|e|og|om|oj|ih|im|u)"),
    "UA": (r"ukrain\w*", r"ukrayn\w*", r"ukrajin\w*"),
    "US": (r"united\s+states", r"amerika\s+birlesik\s+devletler\w*",
           r"sjedinjen\w*\s+\w+\s+drzav\w*", r"shba\w*", r"american\w*", r"amerikan\w*",
           r"americk\w*", r"amerik[ae]\w*", r"america"),
}  # fmt: skip
# Acronyms matched case-sensitively on the printed text ("bih" is also Serbian for "I would").
COUNTRY_ACRONYMS = {"BiH": "BA", "SAD": "US", "ABD": "US", "SHBA": "US", "USA": "US",
                    "U.S.": "US", "FYROM": "MK", "BJRM": "MK"}  # fmt: skip
# "Latin America", "Kuzey Amerika" and the like are continents, not the United States.
CONTINENT_WORDS = ("latin", "south", "north", "central", "kuzey", "guney", "juzn", "sjevern",
                   "severn", "sredn", "jugo")  # fmt: skip

MONTH_PATTERNS: tuple[str, ...] = (
    r"january|ocak\w*|januar\w*|sijecanj|sijecnj\w*|janar\w*|ianuarie\w*",
    r"february|subat\w*|februar\w*|fevruar\w*|veljac\w*|shkurt\w*",
    r"march|mart(?:a|u|om|ie|ta|te|in|tan|ina|inda|i)?|ozujak|ozujk\w*|mars(?:it|i)?",
    r"april\w*|nisan\w*|travanj|travnj\w*|prill\w*",
    r"may|mayis\w*|maj(?:a|u|it)?|mai|svibanj|svibnj\w*",
    r"june|haziran\w*|jun(?:i|a|u|e)?|lipanj|lipnj\w*|qershor\w*|iunie\w*",
    r"july|temmuz\w*|jul(?:i|a|u)?|srpanj|srpnj\w*|korrik\w*|iulie\w*",
    r"august\w*|avgust\w*|agustos\w*|kolovoz\w*|gusht\w*",
    r"september|eylul\w*|septemb\w*|septemvri\w*|rujan|rujn\w*|shtator\w*",
    r"october|ekim\w*|oktob\w*|oktomvri\w*|listopad\w*|tetor\w*|octombrie\w*",
    r"november|kasim\w*|novemb\w*|noemvri\w*|studen(?:i|oga|og|om)|nentor\w*|noiembrie\w*",
    r"december|aralik\w*|decemb\w*|dekemvri\w*|dekemb\w*|prosin\w*|dhjetor\w*",
)
# Month words too common as other words to stand without a year (Romanian "mai" = "more").
MONTHS_NEEDING_YEAR = frozenset({"mai", "mars"})

SCALES: dict[float, str] = {
    1e3: r"thousand\w*|bin|hiljad\w*|iljad\w*|tisuc\w*|mije\w*|mii|mie",
    1e6: r"million\w*|milyon\w*|milio\w*|milijun\w*|mln|mn",
    1e9: r"billion\w*|milyar\w*|milijard\w*|miliard\w*|mlrd|mld|bn",
    1e12: r"trillion\w*|trilyon\w*",
}  # Balkan "bilion" is 10^12 in careful writing and 10^9 in loose; it is left unscaled.
CURRENCIES: dict[str, str] = {
    "USD": r"us\$|\$|usd|(?:(?:us|abd|american|americk\w*)\s+)?dol+ar\w*",
    "EUR": r"€|eur|euro(?:s|luk)?|eura|euru|evr(?:a|o|u|ima)|avro\w*",
    "TRY": r"₺|tl|try|lira\w*",
    "GBP": r"£|gbp|sterlin\w*",
    "RSD": r"rsd|dinar\w*",
    "MKD": r"mkd|denar\w*",
    "ALL": r"lek(?:e|esh|u)?",
    "BGN": r"bgn|lev|leva|lv",
    "RON": r"ron|lei|leu",
    "HRK": r"hrk|kun[ae]?",
    "BAM": r"bam|konvertibiln\w*\s+mar\w*",
}
CURRENCY_PREFIX = r"us\$|\$|€|£|₺|usd|eur|gbp"
PERCENT_AFTER = r"%|percent|per\s+cent|posto|odsto|procen\w*|per\s*qind|la\s+suta"
PERCENT_BEFORE = r"%|yuzde"
ORDINAL_SUFFIX = r"st|nd|rd|th|'(?:i|u)?nc(?:i|u)|-(?:ti|ta|to|vi|va|vo|ri|ra|ro|mi|ma|mo|te|lea)"
# Words before a number that make it an identifier or a reference ("Sayı: 31234", "br. 45",
# "Resolution 1244", "pp. 210").
ID_MARKERS = (
    r"(?:no|nos|nr|br|broj|sayi|number|numara|#|pp?|vol|str|resolution|rezolu\w*|page|sayfa|faqe"
    r"|strana|article|art|madde|clan|neni|articol\w*|session|meeting|oturum|sjednic\w*|sednic\w*"
    r"|id|kod|code|\d{4}/[a-z]{1,3}|s/res/?)\.?:?"
)  # "2024/C 06" (a series number), "S/RES/1244", "page 12", "Article 5", "meeting 4832"

# Counted nouns -> one canonical unit, so "1,500 troops" and "1.500 asker" compare.
UNIT_NOUNS: dict[str, str] = unit_nouns()  # claims/data/language.toml [units]
# Model names between a number and its noun ("18 TB2 UAVs", "12 Bayraktar TB2").
MODEL_WORDS = r"[a-z]*\d[\w-]*|bayraktar|akinci|kizilelma|anka|kirpi|cobra"
NOUN_STOPWORDS = frozenset(
    str.split(
        "the of and in to for on at by from a an is was were are or with as than ve ile bir da de"
        " den dan ya i u na za od do je su se sa po iz ili kao e te ne per me si nga ne dhe apo"
        " la din cu pe sau ot ili"
    )
)
# Words between a number and what it counts: "1.500'den fazla asker", "18 adet SİHA".
COUNT_FILLERS = r"fazla\w*|adet|kadar|civarinda|yaklasik|more|over|about|around|nearly|komada"


# ------------------------------------------------------------- patterns compiled from the tables
LETTER_BEFORE, LETTER_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"
COUNTRY_CODES = [code for code, pats in COUNTRY_PATTERNS.items() for _ in pats]


def _by_first_letter() -> str:
    groups: dict[str, list[str]] = {}
    n = 0
    for pats in COUNTRY_PATTERNS.values():
        for pat in pats:
            groups.setdefault(pat[0] if pat[0].isalpha() else "", []).append(f"(?P<c{n}>{pat})")
            n += 1
    return "|".join(f"(?={c})(?:{'|'.join(g)})" if c else "|".join(g) for c, g in groups.items())


COUNTRY_RE = re.compile(rf"{LETTER_BEFORE}(?:{_by_first_letter()}){LETTER_AFTER}")

ACRONYM_RE = re.compile(
    r"(?<![\w.])(" + "|".join(map(re.escape, COUNTRY_ACRONYMS)) + r")(?![^\W\d_])"
)
MONTH_RES = [re.compile(p) for p in MONTH_PATTERNS]
_MON = r"(?P<mon>" + "|".join(MONTH_PATTERNS) + r")(?![^\W\d_])"
_DAY = r"(?<![\d.,])(?P<day>[0-3]?\d)\.?(?:\s*[-–]\s*(?P<end>[0-3]?\d)\.?)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?!\d)"
DATE_RES = [
    re.compile(rf"{_DAY}\s*{_MON},?\s+{_YEAR}"),  # 25. avgusta 2023, 5 Ağustos 2021
    re.compile(
        r"(?<![\d.,])(?P<day>[0-3]?\d)(?P<sep>[./-])\s?(?P<month>[01]?\d)(?P=sep)\s?" + _YEAR
    ),
    re.compile(rf"{LETTER_BEFORE}{_MON},?\s+{_YEAR}"),  # ARALIK 2023, децембра 2023
    re.compile(rf"{_DAY}\s*{_MON}"),  # 12. decembra: needs a default year
    re.compile(rf"{LETTER_BEFORE}{_MON}\s+{_DAY}(?![\d:])"),  # October 7-8: needs one too
]
NUMBER_RE = re.compile(
    r"(?<![\w.,:/+\-])(\d{1,3}(?:([.,\u00a0\u202f\u2009])\d{3})(?:\2\d{3})*(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)(?![.,:]?\d|/)"
)
DECIMAL_POINT_LANGS = frozenset({"en"})  # every other language of the sources uses a comma
SCALE_RES = [(s, re.compile(rf"[ \u00a0]?(?:{p}){LETTER_AFTER}")) for s, p in SCALES.items()]
M_SCALE = re.compile(rf"m{LETTER_AFTER}")  # "$321m", only after a currency sign
CURRENCY_RES = [(c, re.compile(rf"\s?(?:{p}){LETTER_AFTER}")) for c, p in CURRENCIES.items()]
PREFIX_RE = re.compile(
    rf"{LETTER_BEFORE}(?:(?P<cur>{CURRENCY_PREFIX})|(?P<pct>{PERCENT_BEFORE}))\s?$"
)
PERCENT_RE = re.compile(rf"\s?(?:{PERCENT_AFTER}){LETTER_AFTER}")
ORDINAL_RE = re.compile(rf"(?:{ORDINAL_SUFFIX}){LETTER_AFTER}|\.(?=[ \u00a0][^\W\d_])")
ID_RE = re.compile(rf"{LETTER_BEFORE}{ID_MARKERS}\s*$")
SUFFIX_RE = re.compile(r"'[^\W\d_]+")  # Turkish case ending: 1.500'den
WORD_RE = re.compile(r"\s+([^\s,;:()]+)")
PHONE_RE = re.compile(r"(?<![\w.,])\+?\(?\d{2,4}\)?(?:[ -]\(?\d{2,4}\)?){2,}(?![\w.,]?\d)")
MODEL_RE = re.compile(MODEL_WORDS)
SKIP_RE = re.compile(rf"{MODEL_WORDS}|{COUNT_FILLERS}")
UNIT_RES = [(u, re.compile(p)) for u, p in UNIT_NOUNS.items()]


@lru_cache(maxsize=4)
def folded(text: str) -> Folded:
    return Folded(text)
