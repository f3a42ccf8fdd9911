"""Citation text -> tokens -> feature sets, the input of the citation labeller.

Tokens are URLs, DOIs, runs of letters, runs of digits and single punctuation marks, each with
its character span, so labels map back onto the printed text. Markdown italics (``*Journal*``)
are not tokens: they set an ``italic`` flag on the words inside. Features follow the
reference-parsing literature (ParsCit, GROBID, AnyStyle): the word, its shape, its position,
whether it sits inside quotes, parentheses or italics, how many field separators came before,
lexicons (given names, months, journal-abbreviation words, periodical-name words, publisher
words, places), and the same for the neighbouring tokens; the segment a token sits in (the run
between field separators); and what lies ahead of a token: a periodical's numbers ("2000, 288,
494-497", "2013;122(2):179-87") and the separators crossed to reach them, with each number's
place in that run; runs of abbreviated words ("J. Appl. Cryst."). Pure and fast: a few linear
passes per citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sources.lines import fold


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    italic: bool = False


_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"]+)"
    r"|(?P<doi>10\.\d{4,9}/[^\s<>\"]+)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<num>\d+)"
    r"|(?P<punct>[^\w\s])",
    re.IGNORECASE,
)
_URL_END = ".,;:)]}'\"”’"


def tokenize(text: str) -> list[Token]:
    """Tokens of `text`; ``*`` pairs mark italics and are dropped."""
    tokens: list[Token] = []
    italic = False
    for match in _TOKEN.finditer(text):
        value = match.group(0)
        start, end = match.span()
        if value == "*":
            italic = not italic
            continue
        if match.lastgroup in ("url", "doi"):
            while value and value[-1] in _URL_END:
                if value[-1] == ")" and value.count("(") >= value.count(")"):
                    break
                value = value[:-1]
            end = start + len(value)
            tokens.append(Token(value, start, end, italic))
            tail = text[end : match.end()]
            for offset, ch in enumerate(tail):
                if ch == "*":
                    italic = not italic
                else:
                    tokens.append(Token(ch, end + offset, end + offset + 1, italic))
            continue
        tokens.append(Token(value, start, end, italic))
    return tokens


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in text.split())


MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık "
    "januar februar märz juni juli oktober dezember mai "
    "janvier février mars avril juin juillet août septembre octobre novembre décembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre "
    "janeiro fevereiro março maio junho julho setembro outubro novembro dezembro "
    "siječanj veljača ožujak travanj svibanj lipanj srpanj kolovoz rujan listopad studeni "
    "prosinac ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie "
    "noiembrie decembrie gennaio febbraio aprile maggio giugno luglio settembre ottobre "
    "spring summer autumn fall winter"
)
GIVEN = _words(
    "john james robert michael william david richard joseph thomas charles mary patricia "
    "jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa margaret sara "
    "peter paul mark george kenneth steven edward brian ronald anthony kevin jason matthew "
    "anna maria emma laura julia helen alice ruth anne catherine jane rachel rebecca "
    "mehmet ahmet mustafa ali hasan hüseyin ayşe fatma zeynep elif emine murat ömer "
    "ibrahim yusuf kemal selim burak can deniz ece duygu sabri haldun rifat sarp "
    "hans klaus jürgen wolfgang stefan andreas thomas ulrich petra monika ursula "
    "jean pierre michel jacques philippe françois marie nathalie sophie isabelle "
    "josé juan carlos luis miguel javier antonio manuel carmen lucía pilar "
    "ivan marko ana ivana petar nikola dragan milan jelena mira tomislav "
    "mihai ion andrei alexandru elena ioana cristina vasile "
    "wei li yan jun hui ming xin hiroshi takashi yuki kenji akira "
    "mohammed ahmed omar fatima aisha khaled "
    "dmitri sergei olga natalia vladimir alexei "
    "giorgos nikos eleni dimitris kostas maria giovanni francesco marco luca"
)
JOURNAL_WORDS = _words(
    "j journal jour rev review proc proceedings trans transactions ann annals bull bulletin "
    "int intl internat am amer eur natl nat acad sci soc quart q stud studies res "
    "zeitschrift revue rivista revista archiv arch acta lett letters phys chem biol med "
    "l law econ hist polit pol aff affairs sociol psychol educ harv yale colum stan mich "
    "u univ mag magazine times post herald gazette news daily weekly quarterly"
)
PUBLISHER_WORDS = _words(
    "press university universität université universidad verlag éditions editions editora "
    "yayınları yayınevi publishing publishers books publications house company co inc ltd "
    "routledge springer elsevier wiley palgrave macmillan cambridge oxford penguin sage "
    "brill gallimard suhrkamp iletişim "
    # general knowledge: publishing words in several languages and well-known imprints
    "verlags verlagsanstalt verlagsgesellschaft buchhandlung editorial editrice edizioni "
    "ediciones edições uitgeverij förlag forlag forlaget kiadó wydawnictwo nakladatelství "
    "naklada izdavač yayıncılık kitabevi libraire librairie presses publisher publ pub "
    "sons associates corporation corp llc gmbh ag sa srl bv pty limited group media "
    "wesley addison prentice hall mcgraw hill kluwer pergamon blackwell norton harper "
    "knopf vintage doubleday scribner houghton mifflin viking bantam dover hackett belknap "
    "plenum academic erlbaum guilford jossey bass lippincott saunders mosby thieme karger "
    "wolters harcourt brace longman pearson heinemann methuen faber chatto windus "
    "hutchinson unwin clarendon duckworth taylor francis crc mit harmattan seuil "
    "flammarion puf dunod hachette klett beck mohr siebeck nomos kohlhammer hanser "
    "vandenhoeck ruprecht böhlau niemeyer gruyter einaudi laterza mulino feltrinelli "
    "mondadori anagrama akal alianza cátedra paidós verso pluto polity zed kensington "
    "random knopf basic simon schuster little brown"
)
PLACES = _words(
    "london new york paris berlin oxford cambridge boston chicago princeton istanbul ankara "
    "zagreb bucharest sofia belgrade vienna madrid barcelona rome milan munich frankfurt "
    "amsterdam leiden basingstoke aldershot abingdon washington philadelphia toronto "
    "tokyo beijing moscow athens lisbon stuttgart hamburg leipzig geneva brussels "
    # general knowledge: publishing places
    "englewood cliffs upper saddle river reading menlo park san francisco los angeles diego "
    "berkeley haven ithaca baltimore heidelberg dordrecht norwood hillsdale mahwah thousand "
    "oaks newbury beverly hills mateo palo alto redwood harmondsworth chichester hoboken "
    "westport greenwich bloomington minneapolis madison ann arbor chapel durham austin "
    "seattle montreal montréal vancouver ottawa sydney melbourne brisbane auckland dublin "
    "edinburgh glasgow manchester birmingham bristol cologne köln bonn göttingen tübingen "
    "freiburg darmstadt wiesbaden weinheim dresden düsseldorf münchen wien zürich bern "
    "basel lausanne lyon marseille toulouse rennes lille bordeaux strasbourg grenoble "
    "montpellier nantes turin torino firenze florence bologna napoli naples venezia venice "
    "roma milano padova sevilla valencia porto warsaw warszawa kraków prague praha "
    "budapest stockholm oslo copenhagen helsinki uppsala lund delhi mumbai bombay calcutta "
    "kolkata singapore hong kong seoul shanghai taipei cairo tehran jerusalem aviv mexico "
    "buenos aires paulo rio santiago bogotá lima caracas nairobi lagos johannesburg "
    "pretoria izmir bursa ljubljana bratislava riga vilnius tallinn kyiv kiev lviv "
    "thessaloniki nicosia beirut amman karachi lahore dhaka jakarta manila kuala lumpur "
    "bangkok hanoi osaka kyoto nagoya"
)
# US state and Canadian province abbreviations after a place ("Cambridge, MA"), read only
# when printed in capitals so that "in", "or" and "me" stay words
STATES = _words(
    "al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv "
    "nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy on qc bc uk usa"
)
# words that name a periodical in many languages (general knowledge; JOURNAL_WORDS, which the
# field rules also read, keeps the abbreviations): a segment holding one is likely a container
PERIODICAL_WORDS = _words(
    "journal journals review reviews revue revista rivista revija bulletin bulletins boletín "
    "boletin boletim bollettino bulletino biuletyn annals annales annali anales anais "
    "jahrbuch jahrbücher jahresbericht zeitschrift zeitung berichte mitteilungen blätter "
    "archiv archives archivos archivio tijdschrift tidsskrift tidskrift aikakauskirja "
    "dergisi dergi mecmuası mecmua časopis casopis przegląd rocznik kwartalnik zbornik "
    "sbornik vestnik izvestiya studia studii quaderni cuadernos cahiers acta transactions "
    "proceedings letters newsletter quarterly monthly weekly daily yearbook almanac "
    "magazine gazette gazzetta chronicle tribune globe courier herald times post observer "
    "monde figaro nouvelles notizie nachrichten digest record reporter forum"
)
EVENT_WORDS = _words(
    "proceedings proc conference conf symposium symp workshop congress colloquium meeting "
    "annual convention kongress tagung actes congrès atti jornadas congreso congresso "
    "kongre sempozyum sympozjum summit forum seminar"
)
REPORT_WORDS = _words(
    "technical report tr working paper papers preprint arxiv memo memorandum discussion "
    "draft manuscript unpublished series bericht rapport informe monograph brief "
    "whitepaper white"
)
THESIS_WORDS = _words(
    "thesis dissertation phd doctoral master masters msc diplomarbeit doktorarbeit "
    "habilitationsschrift thèse mémoire tesi tesis tez tezi proefschrift"
)
CUE = {
    "in": "in",
    "and": "and",
    "und": "and",
    "et": "and",
    "y": "and",
    "ve": "and",
    "eds": "ed",
    "ed": "ed",
    "edn": "edn",
    "edition": "edn",
    "hrsg": "ed",
    "vol": "vol",
    "volume": "vol",
    "bd": "vol",
    "no": "no",
    "nr": "no",
    "issue": "no",
    "p": "page",
    "pp": "page",
    "s": "page",
    "at": "at",
    "retrieved": "retrieved",
    "accessed": "retrieved",
    "available": "retrieved",
    "erişim": "retrieved",
    "abgerufen": "retrieved",
    "doi": "doi",
    "thesis": "genre",
    "dissertation": "genre",
    "diss": "genre",
    "phd": "genre",
    "report": "genre",
    "tezi": "genre",
    "v": "versus",
    "vs": "versus",
    "see": "see",
    "cf": "see",
    "edited": "ed",
    "herausgegeben": "ed",
    "éd": "ed",
    "translated": "trans",
    "trans": "trans",
    "übers": "trans",
    "übersetzt": "trans",
    "trad": "trans",
    "traduit": "trans",
    "by": "by",
    "von": "by",
    "par": "by",
    "aufl": "edn",
    "auflage": "edn",
    "revised": "edn",
}


def _shape(text: str) -> str:
    chars = [
        "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in text
    ]
    out: list[str] = []
    for c in chars:
        if len(out) >= 2 and out[-1] == c and out[-2] == c:
            continue
        out.append(c)
    return "".join(out)


def _token_features(token: Token) -> dict[str, float | str]:
    feats = _word_features(token.text)
    if token.italic:
        feats = {**feats, "italic": 1.0}
    return feats


# lexicon -> the feature its words carry (one table, so a new lexicon is one line)
_LEXICONS = (
    ("month", MONTHS),
    ("given", GIVEN),
    ("jword", JOURNAL_WORDS),
    ("pubword", PUBLISHER_WORDS),
    ("place", PLACES),
    ("event", EVENT_WORDS),
    ("periodical", PERIODICAL_WORDS),
    ("report", REPORT_WORDS),
    ("thesis", THESIS_WORDS),
)


@lru_cache(maxsize=65536)
def _word_features(text: str) -> dict[str, float | str]:
    """The features of a token's text alone (cached: words repeat across notes; never mutated)."""
    low = fold(text)
    feats: dict[str, float | str] = {"shape": _shape(text)}
    if len(low) <= 24:
        feats["w"] = low
    if text.startswith(("http", "www", "HTTP", "WWW")):
        feats["url"] = 1.0
    elif text.startswith("10.") and "/" in text:
        feats["doi"] = 1.0
    elif text.isdecimal():  # not isdigit: int() refuses superscripts such as "²³"
        number = int(text) if len(text) <= 6 else 10**6  # int() refuses 4,300 digits and more
        feats["digits"] = str(min(len(text), 5))
        if 1500 <= number <= 2039 and len(text) == 4:
            feats["year"] = 1.0
        elif number <= 31:
            feats["small"] = 1.0
    elif text.isalpha():
        for name, words in _LEXICONS:
            if low in words:
                feats[name] = 1.0
        if text.isupper() and low in STATES:
            feats["state"] = 1.0
        if low in CUE:
            feats["cue"] = CUE[low]
        if text.isupper():
            feats["upper"] = 1.0 if len(text) > 1 else 0.5
        elif text[0].isupper():
            feats["title"] = 1.0
        else:
            feats["lower"] = 1.0
        if re.fullmatch(r"[ivxlcdm]+", low) and len(low) <= 6:
            feats["roman"] = 1.0
        feats["len"] = str(min(len(text), 8))
    else:
        feats["punct"] = text
    return feats


_OPEN_QUOTES = '“"‘«„`'
_CLOSE_QUOTES = '”"’»“'


_CONTEXT_KEYS = ("w", "shape", "punct", "cue", "year", "month", "italic", "given")
_CONTEXT = tuple(
    (offset, {key: f"{offset}:{key}" for key in (*_CONTEXT_KEYS, "edge")})
    for offset in (-2, -1, 1, 2)
)


def featurize(tokens: list[Token]) -> list[dict[str, float | str]]:
    """One feature dict per token: its own features, context and the state of the line so far."""
    own = [_token_features(t) for t in tokens]
    context = [[(k, v) for k, v in o.items() if k in _CONTEXT_KEYS] for o in own]
    n = len(tokens)
    ahead = _ahead(tokens)
    segment = _segment_features(tokens, own)
    abbreviations = _abbreviation_runs(tokens)
    numbers = _numbers_ahead(tokens, own)
    out: list[dict[str, float | str]] = []
    quote = paren = 0
    periods = commas = 0
    seen_year = seen_in = False
    last_sep = "^"
    since_sep = 0
    for i, token in enumerate(tokens):
        text = token.text
        feats: dict[str, float | str] = dict(own[i])
        feats["pos"] = str(min(9, i * 10 // max(n, 1)))
        if i == 0:
            feats["first"] = 1.0
        if i == n - 1:
            feats["last"] = 1.0
        if quote:
            feats["inquote"] = 1.0
        if paren:
            feats["inparen"] = 1.0
        feats["periods"] = str(min(periods, 6))
        feats["commas"] = str(min(commas, 6))
        if seen_year:
            feats["after_year"] = 1.0
        if seen_in:
            feats["after_in"] = 1.0
        feats["next_sep"] = ahead[i]
        feats["sep"] = last_sep
        feats["since_sep"] = str(min(since_sep, 4))
        if i and tokens[i - 1].end == token.start:
            feats["glued"] = 1.0
        for offset, names in _CONTEXT:
            j = i + offset
            if 0 <= j < n:
                for key, value in context[j]:
                    feats[names[key]] = value
            else:
                feats[names["edge"]] = 1.0
        feats.update(segment[i])
        if abbreviations[i]:
            feats["abbr"] = abbreviations[i]
        feats.update(numbers[i])
        # conjunctions: the word with its neighbours, shape pairs, and a wider window for
        # the keys that tell fields apart at a distance
        word = own[i].get("w", own[i]["shape"])
        if i:
            feats["w-1|w"] = f"{own[i - 1].get('w', own[i - 1]['shape'])}|{word}"
            feats["s-1|s"] = f"{own[i - 1]['shape']}|{own[i]['shape']}"
        if i + 1 < n:
            feats["w|w+1"] = f"{word}|{own[i + 1].get('w', own[i + 1]['shape'])}"
        for offset in (-3, 3):
            j = i + offset
            if 0 <= j < n:
                for key in ("w", "punct", "year"):
                    if key in own[j]:
                        feats[f"{offset}:{key}"] = own[j][key]
        out.append(feats)
        # state for the next token
        if text in '.,;:()[]“”"«»' and not (text == "." and i and len(tokens[i - 1].text) <= 2):
            last_sep, since_sep = text, 0
        else:
            since_sep += 1
        if text in _OPEN_QUOTES and (quote == 0 or text not in _CLOSE_QUOTES):
            quote = 1
        elif quote and (
            text in _CLOSE_QUOTES
            or (text == "'" and i + 1 < n and tokens[i + 1].text == "'")  # TeX's ''
        ):
            quote = 0
        elif text in "([":
            paren += 1
        elif text in ")]":
            paren = max(0, paren - 1)
        elif text == "." and not (i and len(tokens[i - 1].text) <= 2):
            periods += 1
        elif text in ",;:":
            commas += 1
        if "year" in own[i]:
            seen_year = True
        if own[i].get("cue") == "in" and (text[0].isupper() or last_sep != "^"):
            seen_in = True
    return out


_SEPARATORS = frozenset('.,;:()[]“”"«»')


def _kind(token: Token | None) -> str:
    if token is None:
        return "$"
    text = token.text
    if text[0].isdigit():
        return "d"
    if text[0].isupper():
        return "X"
    if text[0].isalpha():
        return "x"
    return text[0]


def _ahead(tokens: list[Token]) -> list[str]:
    """For each token, the next field separator after it and the kind of token that follows
    that separator ("." then a capital; "," then digits): where a title ends and a container
    begins is mostly told by what comes after the next full stop or comma."""
    out = [""] * len(tokens)
    following = "$"
    for i in range(len(tokens) - 1, -1, -1):
        out[i] = following
        text = tokens[i].text
        if text in _SEPARATORS and not (
            text == "." and i and len(tokens[i - 1].text) <= 2 and tokens[i - 1].text.isalpha()
        ):
            following = text + _kind(tokens[i + 1] if i + 1 < len(tokens) else None)
    return out


FUNCTION_WORDS = _words(
    "of the and for in on to a an with from by at into about as or its their between "
    "de der die das des dem den la le les du el los las und et y e di del della dei delle "
    "degli van von zu zur zum im am über sur pour dans en au aux avec ve ile bir için "
    "da do dos das na no em para com och och af og på i iz u na za od o"
)


def _is_separator(tokens: list[Token], i: int) -> bool:
    """A field separator: , . : ; brackets and quotes, but not the full stop of an initial
    ("A. Gupta") or of a one-letter abbreviation."""
    text = tokens[i].text
    if text not in _SEGMENT_SEPARATORS:
        return False
    if text == "." and i:
        before = tokens[i - 1].text
        return not (len(before) == 1 and before.isalpha())
    return True


_SEGMENT_SEPARATORS = frozenset('.,;:()[]“”"«»‘’')


_SEGMENT_LEXICONS = (
    "given",
    "jword",
    "pubword",
    "place",
    "month",
    "event",
    "report",
    "thesis",
    "state",
)


def _bucket(count: int) -> str:
    return (
        "1"
        if count <= 1
        else "2"
        if count == 2
        else "3"
        if count == 3
        else ("4" if count <= 5 else "6" if count <= 8 else "9")
    )


def _segment_summary(tokens: list[Token], own: list[dict], start: int, end: int) -> dict:
    """What a segment (tokens[start:end], its closing separator included) looks like."""
    words = capital = initials = function = digits = periodical = 0
    lex: set[str] = set()
    for j in range(start, end):
        text = tokens[j].text
        feats = own[j]
        if text.isalpha():
            if fold(text) in FUNCTION_WORDS and text[0].islower():
                function += 1
            elif len(text) == 1 and text.isupper():
                initials += 1
                continue
            words += 1
            if text[0].isupper():
                capital += 1
            if "periodical" in feats or "jword" in feats:
                periodical += 1
            for key in _SEGMENT_LEXICONS:
                if key in feats:
                    lex.add(key)
            if "cue" in feats:
                lex.add("cue_" + str(feats["cue"]))
        elif text.isdecimal():
            digits += 1
            if "year" in feats:
                lex.add("year")
        elif "url" in feats or "doi" in feats:
            lex.add("link")
    if words == 0:
        caps = "none"
    elif capital == words:
        caps = "all"
    elif capital * 2 >= words:
        caps = "most"
    elif capital:
        caps = "some"
    else:
        caps = "low"
    summary = {
        "len": _bucket(words),
        "caps": caps,
        "fn": "1" if function else "0",
        "init": "1" if initials else "0",
        "num": "1" if digits else "0",
        "lex": "|".join(sorted(lex)) or "-",
        "italic": "1" if any(tokens[j].italic for j in range(start, end)) else "0",
    }
    summary["words"] = words
    summary["periodical"] = str(min(periodical, 2))
    return summary


def _segment_features(tokens: list[Token], own: list[dict]) -> list[dict[str, float | str]]:
    """Features of the segment each token sits in: the run of tokens between field separators.
    Field parsers that see only a token window cannot tell a five-word title with a lowercase
    "of" from a surname; the segment can (GROBID, ParsCit and CERMINE use such block features).
    Hand-written because no maintained library computes segment features for crfsuite."""
    n = len(tokens)
    bounds: list[tuple[int, int]] = []
    start = 0
    for i in range(n):
        if _is_separator(tokens, i):
            # a run of separators (".," "):") closes one segment
            if i + 1 < n and _is_separator(tokens, i + 1):
                continue
            bounds.append((start, i + 1))
            start = i + 1
    if start < n:
        bounds.append((start, n))
    summaries = [_segment_summary(tokens, own, a, b) for a, b in bounds]
    longest = max((s["words"] for s in summaries), default=0)
    count = len(bounds)
    out: list[dict[str, float | str]] = [{} for _ in range(n)]
    for k, (a, b) in enumerate(bounds):
        s = summaries[k]
        closing = tokens[b - 1].text if _is_separator(tokens, b - 1) else "$"
        opening = tokens[a - 1].text if a else "^"
        follow = _kind(tokens[b]) if b < n else "$"
        if b < n and "year" in own[b]:
            follow = "year"
        elif b < n and fold(tokens[b].text) == "in":
            follow = "In"
        before = summaries[k - 1] if k else None
        after = summaries[k + 1] if k + 1 < count else None
        shared: dict[str, float | str] = {
            "seg_len": s["len"],
            "seg_caps": s["caps"],
            "seg_shape": f"{s['len']}|{s['caps']}|{s['fn']}|{s['init']}|{s['num']}",
            "seg_fn": s["fn"],
            "seg_init": s["init"],
            "seg_num": s["num"],
            "seg_lex": s["lex"],
            "seg_italic": s["italic"],
            "seg_periodical": s["periodical"],
            "seg_idx": str(min(k, 5)),
            "seg_ridx": str(min(count - 1 - k, 5)),
            "seg_close": closing + follow,
            "seg_open": opening,
            "seg_prev": "^"
            if before is None
            else f"{before['len']}|{before['caps']}|{before['num']}",
            "seg_next": "$" if after is None else f"{after['len']}|{after['caps']}|{after['num']}",
            "seg_next_lex": "$" if after is None else after["lex"],
        }
        if s["words"] and s["words"] == longest:
            shared["seg_longest"] = 1.0
        for j in range(a, b):
            out[j] = shared
    return out


def _abbreviated(tokens: list[Token], i: int) -> str:
    """ "w" for a word cut short by a full stop glued to it ("Appl."), "i" for an initial or a
    one-letter word ("J.", "f."), "" otherwise."""
    text = tokens[i].text
    if (
        not text.isalpha()
        or len(text) > 8
        or i + 1 >= len(tokens)
        or tokens[i + 1].text != "."
        or tokens[i + 1].start != tokens[i].end
    ):
        return ""
    if len(text) == 1:
        return "i"
    return "w" if text[0].isupper() and not text.isupper() else ""


def _abbreviation_runs(tokens: list[Token]) -> list[str]:
    """For each token of a run of abbreviated words ("J. Appl. Cryst.", "Am. J. Hum. Genet."),
    how many cut words and initials the run holds ("31": three words, one initial); runs of
    initials alone (a person's) get nothing. An abbreviated periodical's name is such a run,
    a title or a publisher rarely is; the segments cut it at every full stop, so the run is
    counted here."""
    n = len(tokens)
    out = [""] * n
    i = 0
    while i < n:
        kind = _abbreviated(tokens, i)
        if not kind:
            i += 1
            continue
        start = i
        words = initials = 0
        while i < n and kind:
            if kind == "w":
                words += 1
            else:
                initials += 1
            i += 2  # the word and its full stop
            kind = _abbreviated(tokens, i) if i < n else ""
        if words:
            value = f"{min(words, 3)}{min(initials, 2)}"
            for j in range(start, i):
                out[j] = value
    return out


_NUMBER_CUES = frozenset({"vol", "no", "page"})


def _run_char(text: str, feats: dict) -> str:
    if text.isdecimal():
        return "y" if "year" in feats else "d"
    if text.isalpha():
        return str(feats["cue"])[0]  # v(ol), n(o), p(age)
    return "-" if text in "–—‐-" else text[0]


def _number_cue(tokens: list[Token], own: list[dict], i: int) -> bool:
    """A volume, issue or page word before its number ("vol. 19", "pp 955", "S. 83")."""
    if own[i].get("cue") not in _NUMBER_CUES or i + 1 >= len(tokens):
        return False
    after = tokens[i + 1].text
    if after == "." and i + 2 < len(tokens):
        after = tokens[i + 2].text
    return after.isdecimal() or fold(after) in ("ii", "iii", "iv", "v", "vi", "x")


def _numbers_ahead(tokens: list[Token], own: list[dict]) -> list[dict[str, str]]:
    """For each token before a periodical's numbers ("2000, 288, (5465), 494-497",
    "52 1230-1233", "2013;122(2):179-87", "13.2 (1989): 287-292"): how many words lie between
    it and them, and which separators (full stops after whole words ".", after cut words "a",
    commas, colons, brackets, quotes) are crossed on the way; None when no such numbers follow.
    A journal's name runs straight into its numbers; a title before it crosses a full stop.
    The numbers are a run of two or more numbers with only punctuation and volume, issue or
    page words between them. The numbers of such a run get their place in it and the run's
    shape ("d d-d,y." for "52 1230-1233, 1993."): a volume comes first, pages after it, unless
    a number stands right before the journal's name (Bluebook's "120 HARV. L. REV. 1, 5"):
    then the volume is that number, and the place is marked ("v0|3")."""
    n = len(tokens)
    out: list[dict[str, str]] = [{} for _ in range(n)]
    # the runs of non-words (punctuation, numbers, number cues), right to left
    words = 0
    crossed: set[str] = set()
    kind = ""
    pending: list[int] = []  # the numbers of the last run, until the gap before its words
    i = n - 1
    while i >= 0:
        text = tokens[i].text
        if text.isalpha() and not _number_cue(tokens, own, i):
            if kind:
                key = "".join(sorted(crossed))
                out[i] = {
                    "na": f"{_bucket(words) if words else '0'}|{key}|{kind}",
                    "na_x": key or "-",
                }
            words += 1
            i -= 1
            continue
        end = i
        while i >= 0 and not (tokens[i].text.isalpha() and not _number_cue(tokens, own, i)):
            i -= 1
        run = range(i + 1, end + 1)
        if pending and tokens[end].text.isdecimal():
            for j in pending:
                out[j]["nrun_pos"] = "v" + out[j]["nrun_pos"]
        if not (end == i + 1 and tokens[end].text == "." and len(tokens[i].text) <= 5):
            pending = []  # the full stop of an abbreviated name ("HARV. L. REV.") is passed
        digits = [j for j in run if tokens[j].text.isdecimal()]
        if len(digits) >= 2 and not any("url" in own[j] or "doi" in own[j] for j in run):
            kind = "y" if "year" in own[digits[0]] else "d"
            words = 0
            crossed = set()
            shape = "".join(_run_char(tokens[j].text, own[j]) for j in run)[:16]
            for place, j in enumerate(digits):
                out[j] = {"nrun_pos": f"{min(place, 4)}|{min(len(digits), 5)}", "nrun": shape}
            pending = digits
        elif kind:
            for j in run:
                text = tokens[j].text
                if text == ".":
                    crossed.add("a" if j and _abbreviated(tokens, j - 1) else ".")
                elif text in ",;:":
                    crossed.add(text)
                elif text in "()[]":
                    crossed.add("(")
                elif text in _OPEN_QUOTES or text in _CLOSE_QUOTES:
                    crossed.add("q")
                elif text.isdecimal():
                    crossed.add("n")
    return out
