"""Helpers shared by the source checks: which sentence a source's notes sit in."""

from __future__ import annotations

from claims.article import Article
from claims.findings import Location, note_location
from sources.model import Source


def source_location(article: Article, source: Source) -> Location:
    """The first sentence that calls one of the source's notes."""
    for note in source.notes:
        location = note_location(article, note)
        if location.sentence is not None:
            return location
    return Location()


def source_evidence(source: Source) -> dict[str, object]:
    latest = source.snapshots[-1] if source.snapshots else None
    return {
        "url": source.url,
        "state": source.state.value,
        "detail": source.detail,
        "final_url": source.final_url,
        "status": latest.status if latest else None,
        "checked": [
            {"at": c.checked_at.isoformat(), "state": c.state.value, "status": c.status}
            for c in source.history
        ],
        "archived_copy": source.archived_copy.url if source.archived_copy else None,
    }
