"""citation-variant: one source cited more than once with conflicting metadata.

When the same source appears under two titles, an author's name in two spellings, or one title
spelled two ways, at least one citation is wrong, and readers (and reference managers) take
them for different sources.
Example: the same aa.com.tr URL cited as "Sırbistan, Türkiye ile ilişkilerini ..." in note 72
and as "Srbistan, Türkiye ile İlişkilerini ..." in note 98. A site's home or search page
(a database's search form cited for different searches) names no one page and is not compared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from claims.article import Article
from claims.findings import Finding, Severity, note_location
from sources.dates import PartialDate, one_part_differs
from sources.lines import fold
from sources.notes import Citation, CitationRef, family_name

# Two titles this alike (0-1: letters in common, or the shorter title's words found in the
# other) are one title given two ways; less alike, the same URL stands for different pages (a
# database's search page, a site that serves every page at one address).
TITLE_LIKENESS = 0.75
SHARED_WORDS = 0.5


def _alike(a: str, b: str) -> bool:
    if SequenceMatcher(None, fold(a), fold(b)).ratio() >= TITLE_LIKENESS:
        return True
    wa, wb = set(re.findall(r"\w+", fold(a))), set(re.findall(r"\w+", fold(b)))
    return bool(wa and wb) and len(wa & wb) >= SHARED_WORDS * min(len(wa), len(wb))


def _conflicting(field: str, values: dict[str, list[int]]) -> dict[str, list[int]]:
    """The values that are variants of one another: titles alike, dates a slip apart."""
    if field == "title":
        return {v: ns for v, ns in values.items() if any(_alike(v, o) for o in values if o != v)}
    dates = {v: PartialDate(*map(int, v.split("-"))) for v in values}  # isoformat, as stored
    return {
        v: ns
        for v, ns in values.items()
        if any(
            (d := dates[v]) and (e := dates[o]) and one_part_differs(d, e) for o in values if o != v
        )
    }


# An introductory signal read as a title ("See generally") is no title to compare.
_SIGNAL = re.compile(r"^(?:see|cf|but|accord|compare|contra|e\.g)\b", re.IGNORECASE)


def _prefixed(a: str, b: str) -> bool:
    """One title begins the other (a short title, or a title run on into its reporter)."""
    ka, kb = (" ".join(re.findall(r"\w+", fold(t))) for t in (a, b))
    return bool(ka and kb) and (ka.startswith(kb) or kb.startswith(ka))


def _same_words(a: str, b: str) -> bool:
    return re.findall(r"\w+", a.casefold()) == re.findall(r"\w+", b.casefold())


def _one_reading(a: str, b: str) -> bool:
    """Two titles read from one citation form: the same words, or, spaces and punctuation aside
    (a PDF's text loses spaces between words), one title is the other cut at its start or end
    ("v.ArgentineRepublic,ICSIDCaseNo" / "Argentine Republic, ICSID Case No"). Letters keep
    their marks here: "Perú" and "Peru" stay two spellings."""
    if _same_words(a, b):
        return True
    ka, kb = ("".join(re.findall(r"[^\W_]+", t.casefold())) for t in (a, b))
    short, long = sorted((ka, kb), key=len)
    return len(short) >= 12 and (long.startswith(short) or long.endswith(short))


def _variants(values: dict[str, list[int]]) -> str:
    return "; ".join(
        f"“{value}” (note{'s' if len(notes) > 1 else ''} {', '.join(map(str, notes))})"
        for value, notes in values.items()
    )


# The last part of an address that names no page but a site's entrance: its home, index or
# search page. Citations of a database "at" such an address (Westlaw, a court's search form)
# cite different searches, and their titles are descriptions, not the page's title.
_ENTRANCE = frozenset(
    {"", "home", "index", "default", "main", "start", "search", "results", "login", "welcome"}
)


def _names_a_page(url: str) -> bool:
    """Whether the address points to one page: a path beyond the site's entrance, or a query."""
    parts = urlsplit(url if "//" in url else f"//{url}")
    if parts.query:
        return True
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return fold(last.split(".", 1)[0]) not in _ENTRANCE


def _by_url(article: Article) -> Iterator[Finding]:
    groups: dict[str, list[tuple[int, Citation]]] = defaultdict(list)
    for note in article.notes:
        for citation in note.citations:
            for url in citation.urls:
                if _names_a_page(url):
                    groups[url].append((note.number, citation))
    # citations giving a document's address and its archived copy (perma.cc) show the same
    # variants under each address: one finding names every address they share
    found: dict[tuple[str, tuple[tuple[str, tuple[int, ...]], ...]], list[str]] = {}
    for url, cited in groups.items():
        for field in ("title", "date"):
            values: dict[str, list[int]] = defaultdict(list)
            for number, citation in cited:
                value = getattr(citation, field)
                if isinstance(value, str) and _SIGNAL.match(value):
                    continue
                if value is not None:
                    text = value if isinstance(value, str) else value.isoformat()
                    same = _one_reading if field == "title" else _same_words
                    key = next((seen for seen in values if same(text, seen)), text)
                    values[key].append(number)
            values = _conflicting(field, values)
            if len(values) > 1:
                key = (field, tuple((text, tuple(ns)) for text, ns in values.items()))
                found.setdefault(key, []).append(url)
    for (field, variants), urls in found.items():
        values = {text: list(ns) for text, ns in variants}
        notes = tuple(sorted({n for ns in values.values() for n in ns}))
        evidence: dict[str, object] = {"url": urls[0], "field": field, "variants": values}
        if len(urls) > 1:
            evidence["urls"] = urls
        yield Finding(
            kind="citation-variant",
            severity=Severity.WARNING,
            message=f"the same URL is cited with different {field}s: {_variants(values)}; "
            f"make the citations agree with the source",
            notes=notes,
            location=note_location(article, notes[-1]),
            evidence=evidence,
        )


def _by_title(article: Article) -> Iterator[Finding]:
    """Short forms whose title is not the full citation's title or its beginning."""
    groups: dict[CitationRef, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for note in article.notes:
        for index, citation in enumerate(note.citations):
            ref = citation.resolves_to or CitationRef(note.number, index)
            if citation.title and not citation.urls and not _SIGNAL.match(citation.title):
                groups[ref][citation.title].append(note.number)
    for ref, titles in groups.items():
        full = next(
            (
                c
                for n in article.notes
                if n.number == ref.note
                for i, c in enumerate(n.citations)
                if i == ref.index
            ),
            None,
        )
        if full is None or not full.title:
            continue
        odd = {
            t: ns
            for t, ns in titles.items()
            if not _prefixed(t, full.title) and not _same_words(t, full.title)
        }
        if odd:
            variants = {full.title: [ref.note], **odd}
            notes = tuple(sorted({n for ns in variants.values() for n in ns}))
            yield Finding(
                kind="citation-variant",
                severity=Severity.WARNING,
                message=f"one title is spelled in more than one way: {_variants(variants)}; "
                "use the source's own spelling everywhere",
                notes=notes,
                location=note_location(article, notes[1] if len(notes) > 1 else notes[0]),
                evidence={"field": "title", "variants": variants},
            )


def _name_like(name: str) -> bool:
    """A person's or body's name has a capital ("van Gogh", "UNESCO"); "the", "e.g" do not."""
    return any(word[:1].isupper() for word in name.split())


def _spellings(forms: dict[str, list[int]]) -> int:
    """Distinct spellings, case aside: small capitals ("LESSIG") and title case are one name."""
    return len({form.casefold() for form in forms})


def _by_author(article: Article) -> Iterator[Finding]:
    """Family names spelled two ways; then full names that differ only in letters' marks."""
    families: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for note in article.notes:
        for citation in note.citations:
            for name in (*citation.authors, *citation.editors):
                if not _name_like(name):
                    continue
                families[fold(family_name(name))][family_name(name)].append(note.number)
                if len(name.split()) > 1:
                    names[fold(name)][name].append(note.number)
    reported = {key for key, forms in families.items() if _spellings(forms) > 1}
    groups = [forms for forms in families.values()]
    groups += [
        forms
        for key, forms in names.items()
        if fold(family_name(next(iter(forms)))) not in reported
    ]
    for forms in groups:
        if _spellings(forms) < 2:
            continue
        notes = tuple(sorted({n for ns in forms.values() for n in ns}))
        yield Finding(
            kind="citation-variant",
            severity=Severity.WARNING,
            message=f"one author's name is spelled in more than one way: {_variants(forms)}; "
            "use one spelling (the one the source prints)",
            notes=notes,
            location=note_location(article, notes[-1]),
            evidence={"field": "author", "variants": {k: v for k, v in forms.items()}},
        )


def check(article: Article) -> Iterator[Finding]:
    yield from _by_url(article)
    yield from _by_title(article)
    yield from _by_author(article)
