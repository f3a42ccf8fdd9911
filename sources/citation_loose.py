"""Reference lists typed by hand: a random house style per citation, labelled from its record.

The CSL styles print what a style sheet prints; many real reference lists were typed in loose,
house or legacy forms no style renders, with nothing quoted or italic (invented examples)::

    Dunmore, P., Kessler, R., Adaptive Queue Scheduling, Proc. of the 4th Intl. Conf. on
        Distributed Systems, Osaka, May 1994, 12-19.
    KAPLAN Maurice, Les Sentiers du sel, Seuil, Paris, 2001
    Lind, T. Graph Unfolding. Technical Report TR-88-12, Dept. of Computing, Univ. of Tartu, 1991.
    Smith J. Title. J Abbrev Med. 2000;(3):218-26.

`loose_pieces` draws one such style (field order, separators, name forms, the year's place,
volume/issue/pages forms, imprint forms, months, "In") and prints a plain CSL-JSON item with
it, as ``(label, text)`` pieces: every printed value keeps its field's label, the words and
punctuation the style adds are ``O``. Written here rather than as CSL styles: CSL renders one
fixed form per style, and the point is a new combination for every citation.
"""

from __future__ import annotations

import calendar
import random
import re
from dataclasses import dataclass, replace
from typing import Any

Piece = tuple[str, str]

_MONTHS = calendar.month_name[1:]
_MONTHS_SHORT = [m[:3] + "." if len(m) > 4 else m for m in _MONTHS]


@dataclass(frozen=True, slots=True)
class HouseStyle:
    """One reference list's habits, drawn per citation."""

    sep: str  # between fields: ", " or ". "
    names: str  # inverted, inverted-initials, natural, natural-initials, caps, vancouver
    dots: str  # initials: "J. R.", "J.R.", "J R", "JR"
    joiner: str  # before the last name
    first_only: bool  # only the first name inverted ("Lind, T., R. Osei and ...")
    year_after_authors: bool
    year_form: str  # "({y})", "{y}", ", {y}"
    quotes: bool
    use_in: bool
    title_first: bool


def draw_style(rng: random.Random) -> HouseStyle:
    return HouseStyle(
        sep=rng.choice((", ", ". ", ". ", ", ")),
        names=rng.choice(
            (
                "inverted",
                "inverted-initials",
                "inverted-initials",
                "natural",
                "natural-initials",
                "natural-initials",
                "caps",
                "vancouver",
            )
        ),
        dots=rng.choice(("J. R.", "J. R.", "J.R.", "J R", "JR")),
        joiner=rng.choice((" and ", " & ", ", ", ", and ", " and ", "; ")),
        first_only=rng.random() < 0.2,
        year_after_authors=rng.random() < 0.45,
        year_form=rng.choice(("({y})", "{y}", "({y})")),
        quotes=rng.random() < 0.12,
        use_in=rng.random() < 0.5,
        title_first=rng.random() < 0.05,
    )


def _initials(given: str, dots: str) -> str:
    parts = [p for p in re.split(r"[\s.]+", given) if p]
    letters = []
    for part in parts:
        if "-" in part:  # "Jean-Luc" -> "J.-L."
            letters.append("-".join(p[:1] for p in part.split("-") if p))
        else:
            letters.append(part[:1])
    if dots == "J. R.":
        return " ".join(f"{x.replace('-', '.-')}." for x in letters)
    if dots == "J.R.":
        return "".join(f"{x.replace('-', '.-')}." for x in letters)
    if dots == "J R":
        return " ".join(letters)
    return "".join(letters).replace("-", "")


def _name(person: dict[str, str], form: str, dots: str) -> str:
    if "literal" in person:
        return person["literal"]
    family, given = person["family"], person.get("given", "")
    if not given:
        return family
    if form == "inverted":
        return f"{family}, {given}"
    if form == "inverted-initials":
        return f"{family}, {_initials(given, dots)}"
    if form == "natural":
        return f"{given} {family}"
    if form == "natural-initials":
        return f"{_initials(given, dots)} {family}"
    if form == "caps":
        return f"{family.upper()}{_caps_comma(family)}{given}"
    return f"{family} {_initials(given, 'JR')}"  # vancouver


def _natural(style: HouseStyle) -> HouseStyle:
    """Editors and translators inside a reference mostly print given names first."""
    if style.names in ("inverted", "caps"):
        return replace(style, names="natural")
    if style.names == "inverted-initials":
        return replace(style, names="natural-initials")
    return style


def _caps_comma(family: str) -> str:
    """ "KAPLAN Maurice" or "KAPLAN, Maurice": fixed per name so a list stays consistent."""
    return ", " if len(family) % 2 else " "


def names_text(people: list[dict[str, str]], style: HouseStyle, rng: random.Random) -> str:
    """A name list in the style's form; long lists sometimes cut to "et al."."""
    form = style.names
    shown = people
    etal = ""
    if len(people) > 3 and rng.random() < 0.4:
        shown, etal = people[: rng.choice((1, 3))], rng.choice((" et al.", ", et al.", " et al"))
    names = []
    for i, person in enumerate(shown):
        this = form
        if style.first_only and i > 0 and form.startswith("inverted"):
            this = "natural-initials" if form == "inverted-initials" else "natural"
        names.append(_name(person, this, style.dots))
    if len(names) == 1:
        return names[0] + etal
    if etal:
        return ", ".join(names) + etal
    if form == "vancouver":
        return ", ".join(names)
    between = "; " if style.joiner == "; " else ", "
    last = style.joiner if style.joiner != "; " else "; "
    if form == "caps" and rng.random() < 0.5:
        between = last = rng.choice((", ", " - ", " ; "))
    return between.join(names[:-1]) + last + names[-1]


def _year(item: dict[str, Any]) -> tuple[int | None, int | None, int | None]:
    parts = ((item.get("issued") or {}).get("date-parts") or [[None]])[0]
    parts = [*parts, None, None]
    return parts[0], parts[1], parts[2]


def _date_text(item: dict[str, Any], rng: random.Random, with_month: bool) -> str:
    year, month, day = _year(item)
    if year is None:
        return ""
    if not (with_month and month):
        return str(year)
    name = rng.choice((_MONTHS[month - 1], _MONTHS_SHORT[month - 1]))
    if day and rng.random() < 0.5:
        return rng.choice((f"{day} {name} {year}", f"{name} {day}, {year}"))
    return f"{name} {year}"


_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre")  # fmt: skip


def _press_date(item: dict[str, Any], rng: random.Random) -> str:
    """A newspaper's day as mastheads print it: "June 7, 1998", "7 June 1998", "Sept. 7,
    1998", "30 juillet 1952", "25/04/2013"."""
    year, month, day = _year(item)
    if not month:
        return str(year)
    day = day or rng.randint(1, 28)
    name = rng.choice((_MONTHS[month - 1], _MONTHS_SHORT[month - 1]))
    return rng.choice(
        (
            f"{name} {day}, {year}",
            f"{name} {day}, {year}",
            f"{day} {name} {year}",
            f"{day} {_MONTHS_FR[month - 1]} {year}",
            f"{day:02d}/{month:02d}/{year}",
            f"{day}.{month}.{year}",
        )
    )


def _pages_text(pages: str, rng: random.Random) -> str:
    first, _, last = pages.partition("-")
    if last and rng.random() < 0.2 and len(last) == len(first) and len(first) > 2:
        # "218-226" -> "218-26", as medicine abbreviates
        k = 0
        while k < len(first) - 1 and first[k] == last[k]:
            k += 1
        last = last[k:]
    dash = rng.choice(("-", "-", "–", "--", " - "))
    return f"{first}{dash}{last}" if last else first


def _volume_issue_pages(item: dict[str, Any], rng: random.Random, year: str) -> list[Piece]:
    """ "27, 259-316", "vol. 5, no. 2, pp. 12-19", "5(2):12-19", "v. 441, pp. 12-19",
    "2000;27(3):218-26"; a part the record lacks is left out."""
    volume, issue, pages = item.get("volume"), item.get("issue"), item.get("page")
    pages_text = _pages_text(pages, rng) if pages else ""
    form = rng.choice(("plain", "plain", "labelled", "compact", "compact", "v", "vancouver"))
    if year and rng.random() < 0.3:
        # (no physics "72, 899 (1982)": after a journal it reads as Bluebook's "PAGE, PIN
        # (YEAR)" and taught the labeller that a law review's first page is its volume)
        form = rng.choice(("sciences", "sciences", "bare", "mla"))
    out: list[Piece] = []
    if form == "sciences":  # chemistry: "2014, 47, 1797-1803", "2000, 288, (5465), 494-497"
        out.append(("date", year))
        if volume:
            out += [("O", ", "), ("volume", volume)]
        if issue and rng.random() < 0.4:
            out += [("O", rng.choice((", (", " ("))), ("issue", issue), ("O", ")")]
        if pages_text:  # the first page alone at times: "2014, 47, 1797"
            first = pages_text.split("-")[0].split("–")[0].strip()
            out += [("O", ", "), ("pages", first if rng.random() < 0.3 else pages_text)]
        return out
    if form == "bare" and volume:  # "52 1230-1233, 1993"
        out.append(("volume", volume))
        if pages_text:
            out += [("O", rng.choice((" ", ": "))), ("pages", pages_text)]
        return [*out, ("O", ", "), ("date", year)]
    if form == "mla" and volume:  # "13.2 (1989): 287-292"
        out.append(("volume", volume))
        if issue:
            out += [("O", "."), ("issue", issue)]
        out += [("O", " ("), ("date", year), ("O", ")")]
        if pages_text:
            out += [("O", ": "), ("pages", pages_text)]
        return out
    if form in ("vancouver", "sciences", "bare", "mla") and year:
        spaced = rng.random() < 0.3  # "2008; 336(7636): 130-3"
        out += [("date", year), ("O", ("; " if spaced else ";") if volume or pages_text else "")]
        if volume:
            out.append(("volume", volume))
        if issue:
            out += [("O", "("), ("issue", issue), ("O", ")")]
        if pages_text:
            out += [("O", ": " if spaced else ":"), ("pages", pages_text)]
        return out
    if form == "compact":
        if volume:
            out.append(("volume", volume))
        if issue:
            out += [("O", rng.choice(("(", " ("))), ("issue", issue), ("O", ")")]
        if pages_text:
            out += [("O", rng.choice((":", ": ", ", ", " ")) if out else ""), ("pages", pages_text)]
        return out
    if form == "labelled":
        vol_word, no_word, pp_word = rng.choice(
            (
                ("vol. ", "no. ", "pp. "),
                ("Vol. ", "No. ", "pp. "),
                ("Vol. ", "No. ", "p. "),
                ("vol ", "no ", "pp "),
                ("Bd. ", "Nr. ", "S. "),
                ("t. ", "n° ", "p. "),
            )
        )
        parts: list[list[Piece]] = []
        if volume:
            parts.append([("O", vol_word), ("volume", volume)])
        if issue:
            parts.append([("O", no_word), ("issue", issue)])
        if pages_text:
            parts.append([("O", pp_word if "-" in pages_text or "–" in pages_text else "p. "),
                          ("pages", pages_text)])  # fmt: skip
        joiner = rng.choice((", ", ", ", " "))
        for k, part in enumerate(parts):
            out += ([("O", joiner)] if k else []) + part
        return out
    if form == "v":
        if volume:
            out += [("O", "v. "), ("volume", volume)]
        if issue:
            out += [("O", ", n. " if out else "n. "), ("issue", issue)]
        if pages_text:
            out += [("O", ", p. " if out else "p. "), ("pages", pages_text)]
        return out
    # plain: "27, 259-316", "27, 3, 259-316"
    if volume:
        out.append(("volume", volume))
    if issue and rng.random() < 0.5:
        out += [("O", ", " if out else ""), ("issue", issue)]
    if pages_text:
        out += [("O", ", " if out else ""), ("pages", pages_text)]
    return out


def _imprint(item: dict[str, Any], rng: random.Random) -> list[Piece]:
    """ "Place: Publisher", "Publisher, Place", "Publisher, City, ST", or either alone."""
    publisher, place = item.get("publisher"), item.get("publisher-place")
    if publisher and place:
        if rng.random() < 0.45:
            return [
                ("place", place),
                ("O", rng.choice((": ", ": ", ", "))),
                ("publisher", publisher),
            ]
        return [("publisher", publisher), ("O", rng.choice((", ", ", ", " "))), ("place", place)]
    if publisher:
        return [("publisher", publisher)]
    if place:
        return [("place", place)]
    return []


_ORDINAL = {2: "2nd", 3: "3rd", 4: "4th", 5: "5th", 6: "6th"}
_WORDS = {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}


def _edition(edition: str, rng: random.Random) -> str:
    n = int(edition) if edition.isdigit() else 2
    return rng.choice(
        (
            f"{_ORDINAL.get(n, f'{n}th')} ed.",
            f"{_ORDINAL.get(n, f'{n}th')} ed.",
            f"{_ORDINAL.get(n, f'{n}th')} edn",
            f"{_ORDINAL.get(n, f'{n}th')} edition",
            f"{_WORDS.get(n, 'new')} edition",
            f"{n}. Aufl.",
            f"{n}e éd.",
            f"{n}nd ed." if n == 2 else f"{n}th ed.",
        )
    )


def _series(item: dict[str, Any], rng: random.Random) -> list[Piece]:
    """A book series and its number: "Lecture Notes in X, Vol. 323", "(Studies in X 12)"."""
    if not item.get("collection-title"):
        return []
    series: list[Piece] = [("collection", item["collection-title"])]
    if item.get("collection-number"):
        series += [("O", rng.choice((", Vol. ", ", vol. ", " ", ", No. ", " no. "))),
                   ("volume", item["collection-number"])]  # fmt: skip
    if rng.random() < 0.3:
        series = [("O", "("), *series, ("O", ")")]
    return series


def _join(groups: list[list[Piece]], sep: str) -> list[Piece]:
    out: list[Piece] = []
    for group in groups:
        if not group:
            continue
        if out:
            out.append(("O", sep))
        out += group
    return out


def loose_pieces(rng: random.Random, item: dict[str, Any]) -> list[Piece]:
    """One plain CSL-JSON item printed in a freshly drawn house style."""
    style = draw_style(rng)
    sep = style.sep
    kind = item.get("type", "book")
    year_text = _date_text(item, rng, with_month=False)
    dated = kind in ("article-newspaper", "paper-conference") and rng.random() < 0.6
    end_date = _date_text(item, rng, with_month=dated or rng.random() < 0.1)

    authors: list[Piece] = []
    if item.get("author"):
        authors = [("author", names_text(item["author"], style, rng))]
    elif item.get("editor") and rng.random() < 0.7:
        authors = [
            ("editor", names_text(item["editor"], style, rng)),
            ("O", rng.choice((" (ed.)", " (eds.)", ", eds.", " (Hrsg.)", ", ed."))),
        ]
    title = item.get("title", "")
    if style.quotes:
        title_part: list[Piece] = [("O", "\u201c" if rng.random() < 0.5 else '"'), ("title", title),
                                   ("O", "\u201d" if rng.random() < 0.5 else '"')]  # fmt: skip
    else:
        title_part = [("title", title)]

    body: list[list[Piece]] = []
    vancouver_year = False
    tight = False
    sep_after_authors = ""
    year, month, day = _year(item)
    if kind == "article-newspaper" and year and month and rng.random() < 0.5:
        # APA: "Kim, A. (1998, September 5). Headline."
        name = rng.choice((_MONTHS[month - 1], _MONTHS_SHORT[month - 1]))
        year_text = f"{year}, {name} {day}" if day else f"{year}, {name}"
    container = item.get("container-title")
    if kind in ("article-journal", "article-magazine", "article") and container:
        vip = _volume_issue_pages(item, rng, "" if style.year_after_authors else year_text)
        vancouver_year = any(label == "date" for label, _ in vip)
        lead = [("O", "In ")] if style.use_in and rng.random() < 0.15 else []
        if item.get("translator"):  # "Trans. Nicholas Abel. Journal 13.2 (1989)"
            body.append([
                ("O", rng.choice(("Trans. ", "Translated by ", "trans. "))),
                ("editor", names_text(item["translator"], _natural(style), rng)),
            ])  # fmt: skip
        if vancouver_year and rng.random() < 0.7:
            # the sciences print the year right after the journal: "J. Abbr. 2014, 47, 1797"
            body.append([*lead, ("container", container),
                         ("O", rng.choice((" ", " ", ". ", ", "))), *vip])  # fmt: skip
            tight = True
        else:
            body.append([*lead, ("container", container)])
            body.append(vip)
        if item.get("number"):  # a preprint's identifier
            body.append([("number", item["number"])])
    elif kind in ("chapter", "paper-conference"):
        group: list[Piece] = []
        if style.use_in or (kind == "chapter" and rng.random() < 0.5):
            group.append(("O", rng.choice(("In ", "In ", "In: ", "in "))))
        editors = item.get("editor")
        after = False
        if editors and rng.random() < 0.6:
            names_style = _natural(style) if rng.random() < 0.5 else style
            role = rng.choice(
                (" (eds.), ", " (ed.), ", ", editors, ", " (Eds.): ", " (Hrsg.): ", " (Eds.), ",
                 ", ", ", Editors ", " (a cura di), ", ", eds, ", " (Hrsg.) ")
            )  # fmt: skip
            if role == ", Editors " and year_text:  # "in NAMES, Editors (1995). Book."
                role = f", Editors ({year_text}). "
            if rng.random() < 0.25:  # "In Book, eds. NAMES," / "In Book. Edited by NAMES,"
                after = True
            else:
                group += [("editor", names_text(editors, names_style, rng)), ("O", role)]
        if container:
            group.append(("container", container))
        if after and editors:
            role = rng.choice((", eds. ", ", ed. ", ". Edited by ", ", edited by ", ", ed. by "))
            group += [("O", role), ("editor", names_text(editors, _natural(style), rng))]
        if item.get("page") and rng.random() < 0.25:  # APA: "Book (pp. 25-50)"
            group += [("O", rng.choice((" (pp. ", " (", " (S. "))),
                      ("pages", _pages_text(item["page"], rng)), ("O", ")")]  # fmt: skip
            item = {**item, "page": None}
        body.append(group)
        if kind == "paper-conference" and item.get("event-place") and rng.random() < 0.6:
            body.append([("place", item["event-place"])])
        body.append(_series(item, rng))  # "In Proc. X, Lecture Notes in Y, vol. 392, pp."
        if item.get("page"):
            word = rng.choice(("pp. ", "", "pages ", "p. ", "S. "))
            body.append([("O", word), ("pages", _pages_text(item["page"], rng))])
        body.append(_imprint(item, rng))
    elif kind == "report":
        group = []
        if item.get("genre"):
            group.append(("genre", item["genre"]))
        if item.get("number"):
            group += [("O", " " if group else ""), ("number", item["number"])]
        body.append(group)
        body.append(_imprint(item, rng))
    elif kind == "thesis":
        body.append([("genre", item.get("genre", "PhD thesis"))])
        body.append(_imprint(item, rng))
    elif kind in ("article-newspaper", "article-magazine") and container:
        # a headline, then the masthead, its day and page: "Globe, June 7, 1998, C1+",
        # "Masthead, 25/04/2013, n°1103, pp. 16-18", "NAME - Masthead, 30 juillet 1952"
        group = [("container", container)]
        if not style.year_after_authors and _year(item)[1] and rng.random() < 0.5:
            group += [("O", rng.choice((", ", ", ", " "))), ("date", _press_date(item, rng))]
            end_date = year_text = ""
        body.append(group)
        if item.get("page") and rng.random() < 0.7:
            body.append([("O", rng.choice(("p. ", "pp. ", "sec. A, p. ", "", "p. ", "S. "))),
                         ("pages", item["page"]),
                         ("O", "+" if rng.random() < 0.1 else "")])  # fmt: skip
        if authors and rng.random() < 0.15:  # "SURNAME, Given - Masthead, 30 juillet 1952"
            title_part = []
            sep_after_authors = " - "
    elif kind.startswith("entry-") and container:
        # '"Headword." Dictionary. 10th ed. Publisher, 1992.', 'Headword. In Encyclopedia
        # (p. 600). Place: Publisher.'
        group = [("O", "In ")] if rng.random() < 0.3 else []
        group.append(("container", container))
        body.append(group)
        if item.get("edition"):
            body.append([("edition", _edition(item["edition"], rng))])
        if item.get("page"):
            word = rng.choice(("p. ", "p. ", "col. "))
            paren = rng.random() < 0.5
            body.append([("O", f"({word}" if paren else word), ("pages", item["page"]),
                         ("O", ")" if paren else "")])  # fmt: skip
        body.append(_imprint(item, rng))
        if rng.random() < 0.2:
            body.append([("O", rng.choice(("Web", "Print", "Online")))])
    elif kind in ("webpage", "article-newspaper"):
        if container:
            body.append([("container", container)])
    else:  # book
        if item.get("edition") and rng.random() < 0.5:
            body.append([("edition", _edition(item["edition"], rng))])
        if item.get("translator"):
            body.append([
                ("O", rng.choice(("trans. ", "Translated by ", "transl. ", "tr. "))),
                ("editor", names_text(item["translator"], style, rng)),
            ])  # fmt: skip
        body.append(_series(item, rng))
        printed = any(label == "edition" for group in body for label, _ in group)
        if item.get("edition") and not printed and rng.random() < 0.5:
            body.append([("edition", _edition(item["edition"], rng))])
        body.append(_imprint(item, rng))

    date_group: list[Piece] = []
    if year_text and not vancouver_year:
        if style.year_after_authors and authors:
            authors += [("O", " "), ("O", style.year_form.split("{y}")[0]), ("date", year_text),
                        ("O", style.year_form.split("{y}")[1])]  # fmt: skip
        else:
            date_group = [("date", end_date or year_text)]
            if rng.random() < 0.1:
                date_group = [("O", "("), *date_group, ("O", ")")]

    tail: list[list[Piece]] = []
    if item.get("DOI") and rng.random() < 0.8:
        tail.append([("O", rng.choice(("doi:", "DOI: ", "https://doi.org/", "doi: "))),
                     ("doi", item["DOI"])])  # fmt: skip
    if item.get("URL"):
        tail.append([("O", rng.choice(("", "", "URL: ", "Available at: ", "Retrieved from "))),
                     ("url", item["URL"])])  # fmt: skip

    journal = kind in ("article-journal", "article-magazine", "article")
    if journal and date_group and rng.random() < 0.4 and len(body) > 1:
        at = next(k for k, group in enumerate(body) if ("container", container) in group) + 1
        body = [*body[:at], date_group, *body[at:]]  # "Journal, 1994, 27, 259-316"
        date_group = []
    if journal and authors and rng.random() < (0.3 if tight else 0.1):
        # physics and astronomy lists leave the article's title out ("Kim A., 2006, ApJ,
        # 650, 102"): the journal follows the names or the year, the names often cut
        # to the first ("Kim A. et al., J. Abbr. 2014, 47, 1797")
        title_part = []
        people = item["author"] if item.get("author") else []
        if len(people) > 1 and authors[0][0] == "author" and rng.random() < 0.5:
            first = names_text(people[:1], style, rng)
            authors[0] = ("author", first + rng.choice((" et al.", " et al.", " et al")))
    groups = [title_part, *body, date_group, *tail]
    if style.title_first and authors and title_part:
        groups = [title_part, authors, *body, date_group, *tail]
        head = _join(groups, sep)
    elif authors and sep_after_authors:
        head = [*authors, ("O", sep_after_authors), *_join(groups, sep)]
    else:
        head = _join([authors, *groups] if authors else groups, sep)
    end = rng.choice((".", ".", "", "."))
    return [*head, ("O", end)]
