"""A parsed `Article` -> JSON-ready dicts (the output of `citewatch parse`)."""

from __future__ import annotations

import dataclasses
import enum
from pathlib import Path
from typing import Any

from claims.article import Article, Block, NoteCall
from reports.csl import citation_id
from sources.dates import PartialDate
from sources.notes import Note

FORMAT_VERSION = 1


def jsonable(value: Any) -> Any:
    """Dataclasses, enums, dates and paths as plain JSON values; empty fields kept."""
    if isinstance(value, PartialDate):
        return {"iso": value.isoformat(), "precision": value.precision.value}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def block_json(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = {
        "index": block.index,
        "kind": block.kind.value,
        "text": block.text,
        "page": block.page,
        "sentences": [
            {
                "index": s.index,
                "text": s.text,
                "notes": list(s.notes),
                "calls": [call_json(c) for c in s.calls],
            }
            for s in block.sentences
        ],
    }
    if block.rows:
        data["rows"] = [list(r) for r in block.rows]
    return data


def call_json(call: NoteCall) -> dict[str, Any]:
    """A call; its page only where the source has pages (a PDF)."""
    data: dict[str, Any] = {"note": call.number, "offset": call.offset}
    if call.page is not None:
        data["page"] = call.page
    return data


def note_json(note: Note) -> dict[str, Any]:
    citations = []
    for index, citation in enumerate(note.citations):
        entry = jsonable(citation)
        entry["csl_id"] = citation_id(note.number, index, citation)
        citations.append(entry)
    entry: dict[str, Any] = {
        "number": note.number,
        "text": note.text,
        "citations": citations,
        "commentary": list(note.commentary),
        "warnings": list(note.warnings),
    }
    # Printed label, numbering scope and page only where a reader knows them.
    for key in ("label", "section", "page"):
        if getattr(note, key):
            entry[key] = getattr(note, key)
    return entry


def article_json(article: Article) -> dict[str, Any]:
    called = article.called_notes()
    return {
        "format_version": FORMAT_VERSION,
        "article": {
            "title": article.title,
            "path": str(article.path),
            "format": article.format,
            "sha256": article.sha256,
        },
        "blocks": [block_json(b) for b in article.blocks],
        "notes_heading": article.notes_heading,
        "notes": [
            {**note_json(n), "called_by": [s.index for s in called.get(n.number, [])]}
            for n in article.notes
        ],
        "warnings": list(article.warnings),
    }
