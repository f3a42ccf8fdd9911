"""Citations -> CSL-JSON items, the format Zotero, pandoc and citeproc read.

Each full citation becomes one item with id ``note{N}-{i}``; short forms and *Ibid.* add no
item of their own but carry the id of the citation they abbreviate.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sources.dates import PartialDate
from sources.gazettes import Gazette
from sources.notes import Citation, CitationKind, CitationRef, Note, family_name

_TYPES = {
    CitationKind.WEB: "webpage",
    CitationKind.ARTICLE: "article-journal",
    CitationKind.BOOK: "book",
    CitationKind.CHAPTER: "chapter",
    CitationKind.THESIS: "thesis",
    CitationKind.GAZETTE: "legislation",
    CitationKind.OTHER: "document",
}


def csl_id(ref: CitationRef) -> str:
    return f"note{ref.note}-{ref.index}"


def citation_id(note: int, index: int, citation: Citation) -> str:
    """The CSL id a citation stands for: its own, or that of the citation it abbreviates."""
    return csl_id(citation.resolves_to or CitationRef(note, index))


def _name(name: str) -> dict[str, str]:
    family = family_name(name)
    given = name[: len(name) - len(family)].strip()
    return {"family": family, "given": given} if given else {"literal": name}


def _date(date: PartialDate) -> dict[str, Any]:
    parts = [date.date_parts()]
    if date.end_day is not None and date.month is not None:
        parts.append([date.year, date.month, date.end_day])
    return {"date-parts": parts}


def to_csl(citation: Citation, item_id: str) -> dict[str, Any]:
    """One CSL-JSON item; empty fields are left out."""
    item: dict[str, Any] = {"id": item_id, "type": _TYPES[citation.kind]}
    if citation.title:
        item["title"] = citation.title
    if citation.container:
        item["container-title"] = citation.container
    if citation.authors:
        item["author"] = [_name(a) for a in citation.authors]
    if citation.editors:
        item["editor"] = [_name(e) for e in citation.editors]
    if citation.date:
        item["issued"] = _date(citation.date)
    if citation.retrieved:
        item["accessed"] = _date(citation.retrieved)
    if citation.urls:
        item["URL"] = citation.urls[0]
    for key, value in (
        ("volume", citation.volume),
        ("issue", citation.issue),
        ("page", citation.pages),
        ("publisher", citation.publisher),
        ("publisher-place", citation.place),
        ("edition", citation.edition),
    ):
        if value:
            item[key] = value
    if citation.kind is CitationKind.THESIS:
        item["genre"] = "Thesis"
    gazette = citation.gazette
    if gazette is not None:
        item["title"] = item.get("container-title", gazette.gazette.value)
        if gazette.gazette is Gazette.NARODNE_NOVINE:
            item["number"] = f"{gazette.number}/{gazette.year}"
            if gazette.section:
                item["section"] = gazette.section
        else:
            item["number"] = str(gazette.number)
            if gazette.mukerrer:
                item["note"] = "mükerrer (repeated issue)"
    return item


def notes_to_csl(notes: Iterable[Note]) -> list[dict[str, Any]]:
    """The CSL-JSON items of every full citation in `notes`, in note order."""
    items: list[dict[str, Any]] = []
    for note in notes:
        for index, citation in enumerate(note.citations):
            if citation.resolves_to is None and not citation.short_form:
                items.append(to_csl(citation, csl_id(CitationRef(note.number, index))))
    return items
