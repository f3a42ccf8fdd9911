"""Cited URLs -> `Source`s: the sources stage, as public steps each written once.

Both `citewatch verify --direct` and the Prefect flows (pipeline/, which only wraps these steps
in tasks) run the same steps:

1. what is due: `cited_urls` (every URL in the notes, and each gazette reference's issue
   address) or `tracked_urls` (the archive's checked links), filtered by `due_urls` (not
   fetched within `refetch_after`: a crashed run resumes here, since each fetch is archived as
   it arrives);
2. fetch per host with politeness, robots.txt and the one retry policy (sources.crawl,
   sources.robots, sources.retry), with a soft-404 probe beside each HTML page paced like any
   request (`fetch_and_record`);
3. record: archive each fetch as it completes, classify the link with its history, record the
   state and, for the link check, the drift from the first snapshot (`fetch_and_record`);
4. describe: one `Source` per cited URL from the archive, with the public archive's capture
   nearest the retrieved date and its drift, and gazette issue pages' own number and date
   (`describe_sources`).
`collect_sources` runs 1-4 for an article; `check_links` runs 1-3 for the archive's links.
Offline (`online=False`) only the archive is read: nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import socket
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin

from sources.archive import Archive
from sources.crawl import fetch_many, host_key
from sources.fetch import fetch_url, make_session
from sources.gazette_pages import issue_urls, parse_issue_page
from sources.gazettes import GazetteRef
from sources.linkrot import LinkCheck, classify, text_drift
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
from sources.progress import advance
from sources.robots import Robots
from sources.settings import FetchSettings, LinkSettings, WaybackSettings
from sources.text import extract_text
from sources.urlkey import url_key
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
    # robots.txt is read once per host per run and obeyed; False lifts it for a one-off
    # editorial check (the CLI's --ignore-robots; see the README on its etiquette).
    obey_robots: bool = True
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
    `url` answers everything with one page (a soft 404). One per directory, so a run asks a
    site once for all its pages there, not once per page."""
    directory = urljoin(url, ".")
    token = hashlib.sha1(directory.encode()).hexdigest()[:12]
    return urljoin(directory, f"citewatch-probe-{token}")


def _raw_capture(url: str) -> str:
    """The capture's own bytes, without the archive's replay frame (Wayback's ``id_``)."""
    return re.sub(r"/web/(\d{4,14})/", r"/web/\1id_/", url, count=1)


class SnapshotTexts:
    """Main text extracted once per payload in a run (revisits share their original's), in a
    small LRU so that a check of 10,000 links holds a few hundred texts, not all of them."""

    def __init__(self, archive: Archive, size: int = 256) -> None:
        self._archive, self._size = archive, size
        self._cache: OrderedDict[tuple[str, str, str], PageText | None] = OrderedDict()

    def _remember(self, key: tuple[str, str, str], text: PageText | None) -> PageText | None:
        self._cache[key] = text
        self._cache.move_to_end(key)
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return text

    def of(self, snapshot: Snapshot | None, body: bytes | None = None) -> PageText | None:
        """The snapshot's text (None unless it answered 200); `body` saves reading it back."""
        if snapshot is None or snapshot.status != 200 or not snapshot.complete:
            return None
        key = (snapshot.digest, snapshot.content_type, snapshot.url)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        payload = body if body is not None else self._archive.read_payload(snapshot)
        text = extract_text(payload, snapshot.content_type, snapshot.url) if payload else None
        return self._remember(key, text)


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


def due_urls(
    archive: Archive, urls: Iterable[str], now: dt.datetime, within: dt.timedelta
) -> list[str]:
    """The distinct `urls` (one per canonical key) not fetched within `within` of `now`."""
    distinct = {url_key(url): url for url in reversed(list(urls))}  # the first spelling wins
    return [url for url in reversed(distinct.values()) if not _fresh(archive, url, now, within)]


def tracked_urls(archive: Archive) -> list[str]:
    """The links the scheduled check follows: every archived URL with a link-state history
    (cited links; not robots.txt files, probes or public-archive captures)."""
    distinct = {url_key(url): url for url in reversed(archive.urls())}
    return [url for url in reversed(distinct.values()) if archive.state_history(url)]


def enrol_imported(archive: Archive, urls: Iterable[str]) -> int:
    """Judge each imported URL that has no link history yet from its latest snapshot, so the
    scheduled check follows it from now on; return how many were enrolled."""
    changes = []
    for url in dict.fromkeys(urls):
        snapshot = archive.latest(url)
        if snapshot is None or archive.state_history(url) or url.endswith("/robots.txt"):
            continue
        changes.append(classify(_from_snapshot(archive, snapshot)))
    archive.record_states(changes)
    return len(changes)


def batches_by_host(urls: Sequence[str], parts: int) -> list[list[str]]:
    """`urls` in at most `parts` batches, each host's URLs in one batch, batches of even size
    (largest host first), so that politeness per host holds within each batch."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(host_key(url), []).append(url)
    batches: list[list[str]] = [[] for _ in range(max(1, min(parts, len(by_host))))]
    for group in sorted(by_host.values(), key=len, reverse=True):
        min(batches, key=len).extend(group)
    return [b for b in batches if b]


@dataclass(frozen=True, slots=True)
class Recorded:
    """What `fetch_and_record` did: one LinkCheck per URL, and whether the network answered."""

    checks: tuple[LinkCheck, ...]
    network_ok: bool
    due: int = 0  # URLs that were due (each has a check, unless there was no network)

    def problem(self) -> str:
        """Why a check of the links due learnt nothing about them ("" when it did)."""
        if self.due and not self.network_ok and not self.checks:
            return f"no network: none of the {self.due} links due was checked"
        if self.checks and not any(c.change.status is not None for c in self.checks):
            return f"reached none of the {len(self.checks)} links checked (no host answered)"
        return ""


FLUSH_EVERY = 0.25  # seconds: fetches are archived in batches at least this often ...
FLUSH_SIZE = 256  # ... or once this many are waiting (one fsync per batch, not per fetch)


def _unchanged(before: Sequence[Snapshot], snapshot: Snapshot) -> bool:
    """The same payload as the link's previous snapshot."""
    return bool(before) and bool(snapshot.digest) and before[-1].digest == snapshot.digest


def fetch_and_record(
    archive: Archive,
    urls: Sequence[str],
    settings: SourcesSettings,
    *,
    drift: bool = False,
    session: object = None,
    progress: Callable[[int, int], None] | None = None,
    texts: SnapshotTexts | None = None,
) -> Recorded:
    """Fetch `urls` (steps 2-3 of the module docstring): each fetch is archived soon after it
    completes (in batches, at least every FLUSH_EVERY seconds: a killed run loses only that
    and what was in flight), its link judged with its history and recorded. A failure without
    any response is judged last, once the run knows whether the network answered at all.
    With `drift`, each check carries the text drift from the link's first snapshot before and
    after this fetch; a page whose payload is unchanged since its last snapshot is not read
    again (its text, drift and wording are those of the last check)."""
    texts = texts or SnapshotTexts(archive)
    wanted = set(urls)
    probe_of: dict[str, str] = {}  # page URL -> the probe beside it (one per directory)
    asked: set[str] = set()  # probes queued
    siblings: dict[str, FetchResult] = {}  # probe URL -> its result
    Item = tuple[FetchResult, Snapshot, list[Snapshot]]
    pending: dict[str, Item] = {}  # archived pages whose probe has not come back
    deferred: list[Item] = []
    batch: list[FetchResult] = []
    changes: list[StateChange] = []
    checks: list[LinkCheck] = []
    answered = False
    last_flush = time.monotonic()

    def follow(result: FetchResult) -> tuple[str, ...]:
        if not settings.probe_siblings or result.url not in wanted:
            return ()
        if result.status == 200 and result.complete and "html" in result.content_type:
            probe = sibling_url(result.url)
            if probe not in wanted:
                probe_of[result.url] = probe
                if probe not in asked:
                    asked.add(probe)
                    return (probe,)
        return ()

    def judge(item: Item, network_ok: bool) -> None:
        result, snapshot, before = item
        history = archive.state_history(result.url)
        was = history[-1].state if history else None
        same = _unchanged(before, snapshot) and was in (LinkState.OK, LinkState.REDIRECTED)
        # an unchanged page said nothing of being gone last time (it would not be ok now)
        text = None if same else texts.of(snapshot, result.body)
        change = classify(
            result,
            history,
            settings.link,
            network_ok,
            siblings.get(probe_of.get(result.url, "")),
            text.text if text else "",
            text.title if text else "",
        )
        changes.append(change)
        drift_before = drift_after = None
        if drift and before:
            first = before[0]
            if first.digest and first.digest == before[-1].digest:
                drift_before = 0.0 if first.status == 200 else None
            elif len(before) > 1:
                a, b = texts.of(first), texts.of(before[-1])
                drift_before = None if a is None or b is None else text_drift(a.text, b.text)
            if same:  # first -> now is first -> previous
                drift_after = 0.0 if first.digest == snapshot.digest else drift_before
            else:
                a = texts.of(first)
                if a is not None and text is not None:
                    drift_after = text_drift(a.text, text.text)
        checks.append(LinkCheck(result.url, was, change, drift_before, drift_after))

    def flush() -> None:
        nonlocal last_flush, answered
        last_flush = time.monotonic()
        if batch:
            befores = [archive.snapshots(r.url) if drift else [] for r in batch]
            stored = archive.store_many(batch)
            for result, snapshot, before in zip(batch, stored, befores, strict=True):
                item = (replace(result, body=b"") if result.status is None else result,
                        snapshot, before)  # fmt: skip
                answered = answered or result.status is not None
                if result.status is None and result.error is not FetchError.ROBOTS:
                    deferred.append(item)
                elif result.url in probe_of and probe_of[result.url] not in siblings:
                    pending[result.url] = item
                else:
                    judge(item, True)
            batch.clear()
        if changes:
            archive.record_states(changes)
            changes.clear()

    def idle() -> float | None:
        due = time.monotonic() - last_flush >= FLUSH_EVERY
        if (batch or changes) and (due or len(batch) >= FLUSH_SIZE):
            flush()
        return FLUSH_EVERY if batch or changes else None

    crawl = fetch_many(
        urls,
        settings.fetch,
        session=session,  # type: ignore[arg-type]
        progress=progress,
        robots=Robots(keep=archive.store) if settings.obey_robots else None,
        follow=follow,
        idle=idle,
    )
    for result in crawl:
        if result.url in asked:  # not archived: a probe is no source
            siblings[result.url] = result
            for page in [p for p in pending if probe_of[p] == result.url]:
                judge(pending.pop(page), True)
            continue
        batch.append(result)
        if len(batch) >= FLUSH_SIZE:
            flush()
    flush()
    for item in pending.values():  # a probe that never came back (it was a cited URL itself)
        judge(item, True)
    network_ok = answered or not deferred or network_available(settings.network_probe)
    for item in deferred:
        judge(item, network_ok)
    flush()
    return Recorded(tuple(checks), network_ok, len(wanted))


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
    network_ok = True
    session = make_session(settings.fetch) if online else None
    texts = SnapshotTexts(archive)
    fetched: set[str] = set()
    if online and not network_available(settings.network_probe):
        # Without a network every fetch fails the same way; waiting on per-host politeness
        # to learn that would take minutes on an article with many links to one site.
        say(f"no network ({settings.network_probe} does not resolve): nothing fetched")
        online, network_ok = False, False
    if online:
        due = due_urls(archive, (c.url for c in cited), now, settings.refetch_after)
        if len(due) < len(cited):
            say(f"{len(cited) - len(due)} sources were archived recently; not fetched again")
        if due:
            say(f"fetching {len(due)} sources")
            recorded = fetch_and_record(
                archive,
                due,
                settings,
                session=session,
                progress=_counter(say, "fetched"),
                texts=texts,
            )
            network_ok, fetched = recorded.network_ok, {url_key(url) for url in due}
            if not network_ok:
                say("no network: every source is unreachable this run")
    sources = describe_sources(
        cited, archive, settings, now=now, network_ok=network_ok, online=online,
        fetched=fetched, texts=texts,
    )  # fmt: skip
    if online and network_ok and settings.wayback.enabled:
        sources = _with_archived_copies(sources, cited, archive, settings, session, say)
    return sources


def check_links(
    archive: Archive,
    settings: SourcesSettings,
    *,
    now: dt.datetime,
    due_after: dt.timedelta,
    progress: Progress | None = None,
) -> Recorded:
    """The scheduled link check without Prefect: re-fetch the tracked links that are due and
    record their states and drift (steps 1-3)."""
    say = progress or (lambda _: None)
    due = archive.due_links(now, due_after)
    if not due:
        hours = due_after.total_seconds() / 3600
        tracked = tracked_urls(archive)
        say(
            f"no links due: {len(tracked)} tracked, all checked within {hours:g} hours"
            if tracked
            else "no links tracked yet: verify an article, or `citewatch archive import` a WARC"
        )
        return Recorded((), True)
    if not network_available(settings.network_probe):
        say(f"no network ({settings.network_probe} does not resolve): nothing checked")
        return Recorded((), False, len(due))
    say(f"checking {len(due)} links")
    return fetch_and_record(archive, due, settings, drift=True, progress=_counter(say, "checked"))


def _counter(say: Progress, verb: str) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        advance(f"{verb} URLs", done, total)
        if done == total or done % 25 == 0:
            say(f"{verb} {done}/{total}")

    return report


def describe_sources(
    cited: Sequence[CitedUrl],
    archive: Archive,
    settings: SourcesSettings,
    *,
    now: dt.datetime,
    network_ok: bool = True,
    online: bool = True,
    fetched: set[str] | frozenset[str] = frozenset(),  # canonical keys fetched this run
    texts: SnapshotTexts | None = None,
) -> list[Source]:
    """Step 4: one `Source` per cited URL from the archive (without the public archive's
    copies, which `collect_sources` adds when online). A link archived but never judged (an
    imported WARC, a run killed between the two) is judged here from its snapshot."""
    texts = texts or SnapshotTexts(archive)
    return [
        _judge(
            item, archive, settings, network_ok, online, now, url_key(item.url) in fetched, texts
        )
        for item in cited
    ]


def _judge(
    item: CitedUrl,
    archive: Archive,
    settings: SourcesSettings,
    network_ok: bool,
    online: bool,
    now: dt.datetime,
    fetched: bool,
    texts: SnapshotTexts,
) -> Source:
    history = archive.state_history(item.url)
    snapshot = archive.latest(item.url)
    text = texts.of(snapshot)
    result = None
    if snapshot is not None and not history:
        result = _from_snapshot(archive, snapshot)  # imported from elsewhere: judge it now
    elif not network_ok and not fetched:
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
            None,
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
    first_text = texts.of(snapshots[0]) if len(snapshots) > 1 else None
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
