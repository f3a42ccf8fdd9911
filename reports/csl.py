"""Citations -> CSL-JSON items, the format Zotero, pandoc and citeproc read.

Each full citation becomes one item with id ``note{N}-{i}``; short forms and *Ibid.* add no
item of their own but carry the id of the citation they abbreviate. What a note cites *at* (its
pinpoint, "p. 7", "Id. at 7") is the cite's locator, never the item's `page`, which is kept for
an extent (an article's "169-182"): `notes_to_cites` gives the cites, `pandoc_markdown` a
document whose footnotes cite the items with their locators (``[@note1-0, p. 7]``). Gazette
issues keep their number; cases and statutes are ``legal_case`` and ``legislation``.
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
    CitationKind.REPORT: "report",
    CitationKind.GAZETTE: "legislation",
    CitationKind.LEGAL_CASE: "legal_case",
    CitationKind.LEGISLATION: "legislation",
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
    if citation.doi:
        item["DOI"] = citation.doi
    if citation.kind is CitationKind.LEGAL_CASE and citation.publisher:
        # CSL's legal_case: the reporter is the container, the court its authority
        item["authority"] = citation.publisher
    if citation.kind is CitationKind.LEGISLATION and citation.pages:
        item["section"] = citation.pages
    extent = citation.pages if citation.pages != citation.locator else None
    if citation.kind is CitationKind.LEGISLATION:
        extent = None
    for key, value in (
        ("volume", citation.volume),
        ("issue", citation.issue),
        ("page", extent),
        ("publisher", None if citation.kind is CitationKind.LEGAL_CASE else citation.publisher),
        ("publisher-place", citation.place),
        ("edition", citation.edition),
    ):
        if value:
            item[key] = value
    if citation.genre:
        item["genre"] = citation.genre  # as printed: "Unpublished M.A. Thesis"
    elif citation.kind is CitationKind.THESIS:
        item["genre"] = "Thesis"
    if citation.number:
        item["number"] = citation.number
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


def cite_locator(citation: Citation) -> str | None:
    """The pinpoint a note cites: its locator, or the pages of a short form or Ibid."""
    if citation.locator:
        return citation.locator
    if citation.resolves_to is not None or citation.short_form:
        return citation.pages
    return None


def notes_to_cites(notes: Iterable[Note]) -> list[dict[str, Any]]:
    """One CSL citation per note: the items it cites, each with its locator (citeproc-js form)."""
    cites: list[dict[str, Any]] = []
    for note in notes:
        items = []
        for index, citation in enumerate(note.citations):
            entry: dict[str, Any] = {"id": citation_id(note.number, index, citation)}
            locator = cite_locator(citation)
            if locator:
                entry["locator"] = locator
                entry["label"] = "page"
            items.append(entry)
        if items:
            cites.append(
                {
                    "citationID": f"note{note.number}",
                    "citationItems": items,
                    "properties": {"noteIndex": note.number},
                }
            )
    return cites


def pandoc_markdown(notes: Iterable[Note]) -> str:
    """A Markdown document whose footnote N cites note N's items: ``[^1]: [@note1-0, p. 7].``"""
    notes = list(notes)
    body = " ".join(f"Note {note.number}.[^{note.number}]" for note in notes if note.citations)
    lines = [body, ""]
    for cite in notes_to_cites(notes):
        parts = []
        for entry in cite["citationItems"]:
            locator = f", p. {entry['locator']}" if "locator" in entry else ""
            parts.append(f"@{entry['id']}{locator}")
        lines.append(f"[^{cite['properties']['noteIndex']}]: [{'; '.join(parts)}].")
    return "\n".join(lines) + "\n"
