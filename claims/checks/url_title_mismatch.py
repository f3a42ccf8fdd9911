"""url-title-mismatch: a URL whose words or id contradict the cited title or date.

A citation is often assembled from two sources by mistake: the title and date of one article
with the address of another. The URL then gives it away: its slug names another country, or
its numeric article id, set beside the same site's other cited ids and their dates, belongs to
another period.
Example: "Kosova Bayraktar TB2'lerini Teslim Aldı" (July 16, 2023) cited with
.../turkish-uav-tb2-enters-inventory-of-albanian-army/3154923, an id that the site's other
cited ids place in early 2024.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from claims.article import Article
from claims.countries import NAMES, countries_in
from claims.findings import Finding, Severity, note_location
from sources.notes import Citation
from sources.urls import article_id, host, slug_words

# Ids are assigned in publishing order; a cited date may be off by a day or two from the id's.
SLACK = dt.timedelta(days=3)
MIN_NEIGHBOURS = 3


@dataclass(frozen=True, slots=True)
class _Dated:
    note: int
    citation: Citation
    url: str
    id: int
    date: dt.date


def _names(codes: set[str]) -> str:
    return " and ".join(NAMES[c] for c in sorted(codes))


def _slug_countries(article: Article) -> Iterator[Finding]:
    for note in article.notes:
        for citation in note.citations:
            if not citation.title:
                continue
            in_title = countries_in(citation.title)
            for url in citation.urls:
                words = slug_words(url)
                in_slug = countries_in(" ".join(words))
                if in_title and in_slug and not in_title & in_slug:
                    yield Finding(
                        kind="url-title-mismatch",
                        severity=Severity.WARNING,
                        message=f"{note.name}: the URL names {_names(in_slug)} but the "
                        f"title names {_names(in_title)}; the address may belong to another "
                        "article",
                        notes=(note.number,),
                        location=note_location(article, note.number),
                        evidence={
                            "url": url,
                            "title": citation.title,
                            "url_countries": sorted(in_slug),
                            "title_countries": sorted(in_title),
                        },
                    )


def _id_outliers(article: Article) -> Iterator[Finding]:
    by_host: dict[str, dict[int, _Dated]] = defaultdict(dict)
    for note in article.notes:
        for citation in note.citations:
            if citation.date is None or citation.date.day is None:
                continue
            for url in citation.urls:
                number = article_id(url)
                if number is not None:
                    by_host[host(url)].setdefault(
                        number, _Dated(note.number, citation, url, number, citation.date.earliest())
                    )
    for site, entries in by_host.items():
        items = sorted(entries.values(), key=lambda d: d.id)
        if len(items) < MIN_NEIGHBOURS + 1:
            continue
        for i, item in enumerate(items):
            others = items[:i] + items[i + 1 :]
            conflicts = [
                o
                for o in others
                if (o.id < item.id and o.date > item.date + SLACK)
                or (o.id > item.id and o.date < item.date - SLACK)
            ]
            # An outlier disagrees with most of the site's other ids, and they with it only.
            if len(conflicts) * 2 <= len(others):
                continue
            ids = [o.id for o in others]
            k = bisect.bisect(ids, item.id)
            before = others[k - 1] if k else None
            after = others[k] if k < len(others) else None
            window = " and ".join(
                f"{o.id} ({o.date.isoformat()}, note {o.note})" for o in (before, after) if o
            )
            yield Finding(
                kind="url-title-mismatch",
                severity=Severity.WARNING,
                message=f"note {item.note}: the {site} article id {item.id} does not fit the "
                f"cited date {item.date.isoformat()}; among the site's other cited ids it falls "
                f"between {window}; the URL or the date may belong to another article",
                notes=(item.note,),
                location=note_location(article, item.note),
                evidence={
                    "url": item.url,
                    "id": item.id,
                    "cited_date": item.date.isoformat(),
                    "title": item.citation.title,
                    "neighbours": [
                        {"id": o.id, "date": o.date.isoformat(), "note": o.note}
                        for o in (before, after)
                        if o
                    ],
                    "conflicting_ids": len(conflicts),
                    "other_ids": len(others),
                },
            )


def check(article: Article) -> Iterator[Finding]:
    yield from _slug_countries(article)
    yield from _id_outliers(article)
