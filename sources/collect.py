"""Cited URLs -> `Source`s: fetch what is due, archive it, judge link health, find the public
archive's copy nearest the retrieved date, read the text, measure drift.

The order of work, and what each step keeps:
1. `cited_urls`: every URL in the notes, and each gazette reference's issue address.
2. fetch the URLs not fetched within `refetch_after` (a crashed run resumes here: what it
   archived is not fetched again); each result is stored in the archive as it arrives.
3. fetch a random address beside each page that answered 200 (soft-404 probe; not archived).
4. classify each link with its history and record the state.
5. ask the public archive for the capture nearest each note's retrieved date, fetch it
   (archived too), and compare its main text with the live page's.
6. read gazette issue pages for their own number and date.
Offline (`online=False`) only the archive is read: nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin

from sources.archive import Archive
from sources.crawl import fetch_many
from sources.fetch import fetch_url, make_session
from sources.gazette_pages import issue_urls, parse_issue_page
from sources.gazettes import GazetteRef
from sources.linkrot import classify, text_drift
from sources.model import (
    ArchivedCopy,
    FetchError,
    FetchResult,
    LinkState,
    PageText,
    Snapshot,
    Source,
    StateChange,
)
from sources.notes import Note
from sources.settings import FetchSettings, LinkSettings, WaybackSettings
from sources.text import extract_text
from sources.wayback import find_archived_copy

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class CitedUrl:
    url: str
    notes: tuple[int, ...]
    retrieved: dt.date | None = None  # the earliest retrieved date printed for it
    gazette: GazetteRef | None = None


@dataclass(frozen=True, slots=True)
class SourcesSettings:
    fetch: FetchSettings = field(default_factory=FetchSettings)
    link: LinkSettings = field(default_factory=LinkSettings)
    wayback: WaybackSettings = field(default_factory=WaybackSettings)
    refetch_after: dt.timedelta = dt.timedelta(hours=20)
    probe_siblings: bool = True
    # A host that resolves whenever there is a network: when no cited URL answered at all,
    # this tells "no network" from "every cited site is gone". None: trust the fetches.
    network_probe: str | None = "archive.org"


def cited_urls(notes: Sequence[Note]) -> list[CitedUrl]:
    """Every distinct cited URL and gazette issue address, with the notes citing it."""
    found: dict[str, tuple[list[int], list[dt.date], GazetteRef | None]] = {}
    by_number = {n.number: n for n in notes}
    for note in notes:
        for citation in note.citations:
            ref = citation.resolves_to  # a short form or Ibid. cites what it abbreviates
            target = by_number.get(ref.note) if ref else None
            if ref and target and ref.index < len(target.citations):
                citation = target.citations[ref.index]
            urls = list(citation.urls)
            if citation.gazette is not None:
                urls += issue_urls(citation.gazette)[:1]
            for url in urls:
                numbers, dates, _ = found.setdefault(url, ([], [], citation.gazette))
                if note.number not in numbers:
                    numbers.append(note.number)
                if citation.retrieved is not None:
                    dates.append(citation.retrieved.latest())
    return [
        CitedUrl(url, tuple(numbers), min(dates) if dates else None, gazette)
        for url, (numbers, dates, gazette) in found.items()
    ]


def network_available(host: str | None) -> bool:
    if host is None:
        return True
    if host.endswith(".invalid"):  # RFC 6761: never resolves, no lookup needed
        return False
    try:
        socket.getaddrinfo(host, 443)
    except OSError:
        return False
    return True


def sibling_url(url: str) -> str:
    """A random-looking address beside `url`: a site that answers it with the same page as
    `url` answers everything with one page (a soft 404)."""
    token = hashlib.sha1(url.encode()).hexdigest()[:12]
    return urljoin(url, f"citewatch-probe-{token}")


def _raw_capture(url: str) -> str:
    """The capture's own bytes, without the archive's replay frame (Wayback's ``id_``)."""
    return re.sub(r"/web/(\d{4,14})/", r"/web/\1id_/", url, count=1)


def _text_of(archive: Archive, snapshot: Snapshot | None) -> PageText | None:
    if snapshot is None or snapshot.status != 200 or not snapshot.complete:
        return None
    body = archive.read_payload(snapshot)
    return extract_text(body, snapshot.content_type, snapshot.url) if body else None


def _from_snapshot(archive: Archive, snapshot: Snapshot) -> FetchResult:
    """An archived fetch as a FetchResult, to judge links from an imported archive."""
    return FetchResult(
        url=snapshot.url,
        fetched_at=snapshot.fetched_at,
        final_url=snapshot.final_url,
        status=snapshot.status,
        headers=archive.read_headers(snapshot),
        body=archive.read_payload(snapshot) if snapshot.complete else b"",
        content_type=snapshot.content_type,
        error=snapshot.error,
        detail=snapshot.detail,
    )


def _fresh(archive: Archive, url: str, now: dt.datetime, within: dt.timedelta) -> bool:
    latest = archive.latest(url)
    return latest is not None and now - latest.fetched_at < within


def collect_sources(
    cited: Sequence[CitedUrl],
    archive: Archive,
    settings: SourcesSettings,
    *,
    now: dt.datetime,
    online: bool = True,
    progress: Progress | None = None,
) -> list[Source]:
    """One `Source` per cited URL; see the module docstring for the steps."""
    say = progress or (lambda _: None)
    results: dict[str, FetchResult] = {}
    siblings: dict[str, FetchResult] = {}
    network_ok = True
    session = make_session(settings.fetch) if online else None
    if online and not network_available(settings.network_probe):
        # Without a network every fetch fails the same way; waiting on per-host politeness
        # to learn that would take minutes on an article with many links to one site.
        say(f"no network ({settings.network_probe} does not resolve): nothing fetched")
        online, network_ok = False, False
    if online:
        due = [c.url for c in cited if not _fresh(archive, c.url, now, settings.refetch_after)]
        if len(due) < len(cited):
            say(f"{len(cited) - len(due)} sources were archived recently; not fetched again")
        if due:
            say(f"fetching {len(due)} sources")
            for result in fetch_many(
                due, settings.fetch, session=session, progress=_counter(say, "fetched")
            ):
                archive.store(result)
                results[result.url] = result
        answered = any(r.status is not None for r in results.values())
        network_ok = answered or not results or network_available(settings.network_probe)
        if not network_ok:
            say("no network: every source is unreachable this run")
        probes = [
            sibling_url(r.url)
            for r in results.values()
            if settings.probe_siblings
            and r.status == 200
            and r.complete
            and "html" in r.content_type
        ]
        if probes and network_ok:
            by_probe = {sibling_url(r.url): r.url for r in results.values()}
            for probe in fetch_many(probes, settings.fetch, session=session):
                siblings[by_probe[probe.url]] = probe
    sources = []
    for item in cited:
        sources.append(
            _judge(
                item,
                archive,
                settings,
                results.get(item.url),
                siblings.get(item.url),
                network_ok,
                online,
                now,
            )
        )
    if online and network_ok and settings.wayback.enabled:
        sources = _with_archived_copies(sources, cited, archive, settings, session, say)
    return sources


def _counter(say: Progress, verb: str) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            say(f"{verb} {done}/{total}")

    return report


def _judge(
    item: CitedUrl,
    archive: Archive,
    settings: SourcesSettings,
    result: FetchResult | None,
    sibling: FetchResult | None,
    network_ok: bool,
    online: bool,
    now: dt.datetime,
) -> Source:
    history = archive.state_history(item.url)
    snapshot = archive.latest(item.url)
    text = _text_of(archive, snapshot)
    if result is None and snapshot is not None and not history:
        result = _from_snapshot(archive, snapshot)  # imported from elsewhere: judge it now
    if result is None and not network_ok:
        why = (
            f"{settings.network_probe} does not resolve" if settings.network_probe else "no answer"
        )
        result = FetchResult(item.url, now, error=FetchError.NO_NETWORK, detail=why)
    if result is not None:
        change = classify(
            result,
            history,
            settings.link,
            network_ok,
            sibling,
            text.text if text else "",
            text.title if text else "",
        )
        archive.record_state(change)
        history = [*history, change]
    elif not history:
        why = "not in the archive" + ("" if online else " (offline run)")
        history = [StateChange(item.url, now, LinkState.UNREACHABLE, None, why)]
    last = history[-1]
    extra: dict[str, object] = {}
    if (
        item.gazette is not None
        and snapshot is not None
        and snapshot.status == 200
        and snapshot.complete
    ):
        identity = parse_issue_page(archive.read_payload(snapshot), snapshot.content_type)
        if identity is not None:
            extra["issue"] = {
                "number": identity.number,
                "date": identity.date.isoformat() if identity.date else None,
                "mukerrer": identity.mukerrer,
            }
    snapshots = tuple(archive.snapshots(item.url))
    drift = None
    first_text = _text_of(archive, snapshots[0]) if len(snapshots) > 1 else None
    if text is not None and first_text is not None:
        drift = text_drift(first_text.text, text.text)
        extra["drift_reference"] = (
            f"citewatch's first snapshot ({snapshots[0].fetched_at:%Y-%m-%d})"
        )
    return Source(
        url=item.url,
        notes=item.notes,
        state=last.state,
        detail=last.detail,
        final_url=snapshot.final_url if snapshot else "",
        snapshots=snapshots,
        history=tuple(history),
        text=text,
        drift=drift,
        extra=extra,
    )


def _with_archived_copies(
    sources: list[Source],
    cited: Sequence[CitedUrl],
    archive: Archive,
    settings: SourcesSettings,
    session: object,
    say: Progress,
) -> list[Source]:
    """The public archive's capture nearest each retrieved date, and drift against it."""
    wanted = [(i, c) for i, c in enumerate(cited) if c.retrieved and c.gazette is None]
    if not wanted:
        return sources
    say(f"asking the public archive for {len(wanted)} captures")
    lookup = replace(settings.fetch, min_gap=0.0)

    def fetch(url: str) -> FetchResult:
        return fetch_url(url, lookup, session)  # type: ignore[arg-type]

    copies: dict[int, ArchivedCopy] = {}
    for i, item in wanted:
        assert item.retrieved is not None
        copy = find_archived_copy(item.url, item.retrieved, settings.wayback, fetch)
        if copy is not None:
            copies[i] = copy
    raw = {_raw_capture(c.url): i for i, c in copies.items()}
    for result in fetch_many(list(raw), settings.fetch, session=session):  # type: ignore[arg-type]
        archive.store(result)
        i = raw[result.url]
        source = sources[i]
        updated = replace(source, archived_copy=copies[i])
        if result.status == 200 and result.complete:
            then = extract_text(result.body, result.content_type, result.url)
            updated = replace(updated, archived_text=then)
        if result.status == 200 and result.complete and source.text is not None:
            updated = replace(
                updated,
                drift=text_drift(then.text, source.text.text),
                extra={
                    **source.extra,
                    "drift_reference": "the archived copy of "
                    f"{copies[i].captured_at:%Y-%m-%d} nearest the retrieved date",
                },
            )
        sources[i] = updated
    for i, copy in copies.items():
        if sources[i].archived_copy is None:
            sources[i] = replace(sources[i], archived_copy=copy)
    return sources
