"""Prefect tasks: the stages, per-host fetches (retried, cached by URL), one archive writer."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.context import TaskRunContext
from prefect.tasks import Task

from claims.article import Article, read_article
from claims.facts import ClaimCheck
from pipeline.stages import (
    SourceOptions,
    check_article,
    check_claims,
    gather_sources,
    write_outputs,
)
from reports.linkrot import linkrot_markdown, linkrot_summary
from reports.model import Report
from sources.archive import Archive
from sources.collect import SourcesSettings, network_available, sibling_url
from sources.crawl import host_key
from sources.errors import CitewatchError
from sources.fetch import fetch_url
from sources.linkrot import LinkCheck, classify, text_drift
from sources.model import FetchResult, Snapshot, Source
from sources.settings import FetchSettings, WaybackSettings
from sources.text import extract_text

REFETCH_AFTER = SourcesSettings().refetch_after  # the archive's freshness rule (20 hours)
Plan = dict[str, list[tuple[str, str | None]]]  # host -> [(url, latest snapshot time or None)]


def normalized_url(url: str) -> str:
    """The URL as a cache key: scheme and host lower-cased, fragment dropped."""
    parts = urlsplit(url.strip())
    userinfo, at, hostport = parts.netloc.rpartition("@")
    return urlunsplit(
        (parts.scheme.lower(), f"{userinfo}{at}{hostport.lower()}", parts.path, parts.query, "")
    )


def sources_settings(allow_private: bool = False, wayback: bool = True) -> SourcesSettings:
    """The sources settings a flow's parameters stand for (as the CLI's --allow-private)."""
    return SourcesSettings(
        fetch=FetchSettings(allow_private=allow_private, allow_loopback=allow_private),
        wayback=WaybackSettings(enabled=wayback),
        # a site on a private network needs no internet: do not judge the network by it
        network_probe=None if allow_private else SourcesSettings().network_probe,
    )


class TransientFetchError(CitewatchError):
    """A fetch worth retrying (timeout, reset, 429, 5xx); `.result` is the attempt's record."""

    transient = True

    def __init__(self, result: FetchResult) -> None:
        super().__init__(result)  # one argument, so the error pickles (Dask, result storage)
        self.result = result

    def __str__(self) -> str:
        what = f"HTTP {self.result.status}" if self.result.status else self.result.error
        return f"{self.result.url}: {what} {self.result.detail}".rstrip()


def retry_if_transient(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Prefect's retry_condition_fn: retry only what raised with a true `transient` flag."""
    try:
        state.result()
    except Exception as exc:
        return bool(getattr(exc, "transient", False))
    return False


def fetch_cache_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Normalised URL + the archive's latest snapshot time + the fetch settings: a run that
    crashed before archiving a fetch gets it back from the cache; once archived, the key moves."""
    settings = repr(parameters["settings"])
    key = f"{normalized_url(parameters['url'])}\n{parameters.get('since')}\n{settings}"
    return "fetch-" + hashlib.sha256(key.encode()).hexdigest()


@task(
    name="fetch-page",
    task_run_name="fetch {url}",
    cache_key_fn=fetch_cache_key,
    cache_expiration=REFETCH_AFTER,
    retries=3,
    retry_delay_seconds=[1, 2, 4],
    retry_jitter_factor=0.5,
    retry_condition_fn=retry_if_transient,
)
def fetch_page(url: str, settings: FetchSettings, since: str | None = None) -> FetchResult:
    """One GET; a transient failure raises TransientFetchError so that Prefect retries it."""
    result = fetch_url(url, settings)
    # a Retry-After longer than we would wait makes the 429/503 final (as sources.crawl does)
    too_long = result.retry_after is not None and result.retry_after > settings.max_backoff
    if result.transient and not too_long:
        raise TransientFetchError(result)
    return result


@task(name="fetch-host", task_run_name="fetch from {host}", cache_policy=NO_CACHE)
def fetch_host(
    host: str, urls: Sequence[tuple[str, str | None]], settings: FetchSettings, probe: bool = True
) -> tuple[list[FetchResult], dict[str, FetchResult]]:
    """One host's URLs in turn, `settings.min_gap` apart; the last attempt of a transient
    failure that outlived its retries is returned like any other result. With `probe`, each
    HTML page that answered 200 is followed by a fetch of a random address beside it (the
    soft-404 probe), returned by the page's URL and not archived."""
    delays = [min(settings.backoff * 2**i, settings.max_backoff) for i in range(settings.retries)]
    fetch = fetch_page.with_options(retries=settings.retries, retry_delay_seconds=delays)
    results: list[FetchResult] = []
    siblings: dict[str, FetchResult] = {}
    for i, (url, since) in enumerate(urls):
        if i:
            time.sleep(settings.min_gap)
        try:
            result = fetch(url, settings, since)
        except TransientFetchError as exc:
            result = exc.result
        results.append(result)
        if probe and result.status == 200 and "html" in result.content_type:
            time.sleep(settings.min_gap)
            siblings[url] = fetch_url(sibling_url(url), settings)
    return results, siblings


@task(name="plan-fetches", cache_policy=NO_CACHE)
def plan_fetches(
    root: Path, urls: Sequence[str] | None, now: dt.datetime, due_after: dt.timedelta
) -> Plan:
    """The URLs not fetched within `due_after`, by host, each with its latest snapshot's time.
    `urls=None` takes the archive's tracked links (those with a link-state history)."""
    plan: Plan = {}
    with Archive.open(root) as archive:
        wanted = archive.urls() if urls is None else list(dict.fromkeys(urls))
        for url in wanted:
            if urls is None and not archive.state_history(url):
                continue  # a public-archive capture or a probe, not a cited link
            latest = archive.latest(url)
            if latest is not None and now - latest.fetched_at < due_after:
                continue
            since = latest.fetched_at.isoformat() if latest else None
            plan.setdefault(host_key(url), []).append((url, since))
    return plan


def _text(archive: Archive, snapshot: Snapshot) -> str | None:
    if snapshot.status != 200:
        return None
    body = archive.read_payload(snapshot)
    return extract_text(body, snapshot.content_type, snapshot.url).text if body else None


def _drift(archive: Archive, url: str) -> float | None:
    snapshots = archive.snapshots(url)
    if len(snapshots) < 2:
        return None
    first, latest = _text(archive, snapshots[0]), _text(archive, snapshots[-1])
    return None if first is None or latest is None else text_drift(first, latest)


@task(name="archive-fetches", cache_policy=NO_CACHE)
def archive_fetches(
    root: Path,
    fetched: tuple[Sequence[FetchResult], Mapping[str, FetchResult]],
    settings: SourcesSettings,
    drift: bool = False,
) -> list[LinkCheck]:
    """The one writer: store each fetch, judge the link with its history and record the state;
    with `drift`, also measure the text against the first snapshot before and after."""
    results, siblings = fetched
    answered = any(r.status is not None for r in results)
    network_ok = answered or not results or network_available(settings.network_probe)
    checks = []
    with Archive.open(root) as archive:
        for result in results:
            history = archive.state_history(result.url)
            drift_before = _drift(archive, result.url) if drift else None
            archive.store(result)
            page = None
            if result.status == 200 and result.body:
                page = extract_text(result.body, result.content_type, result.url)
            change = classify(
                result,
                history,
                settings.link,
                network_ok,
                siblings.get(result.url),
                page.text if page else "",
                page.title if page else "",
            )
            archive.record_state(change)
            before = history[-1].state if history else None
            after = _drift(archive, result.url) if drift else None
            checks.append(LinkCheck(result.url, before, change, drift_before, after))
    return checks


@task(name="read-article", cache_policy=NO_CACHE)
def read_article_task(path: Path) -> Article:
    return read_article(path)


@task(name="gather-sources", cache_policy=NO_CACHE)
def gather_sources_task(article: Article, options: SourceOptions, now: dt.datetime) -> list[Source]:
    return gather_sources(article, options, now, get_run_logger().info)


@task(name="check-claims", cache_policy=NO_CACHE)
def check_claims_task(article: Article, sources: list[Source] | None) -> list[ClaimCheck] | None:
    return check_claims(article, sources)


@task(name="run-checks", cache_policy=NO_CACHE)
def check_article_task(
    article: Article,
    sources: list[Source] | None,
    now: dt.datetime,
    claims: list[ClaimCheck] | None,
) -> Report:
    return check_article(article, sources, now, claims)


@task(name="write-report", cache_policy=NO_CACHE)
def write_outputs_task(report: Report, out: Path, decisions: Path | None = None) -> Report:
    return write_outputs(report, out, decisions)


@task(name="write-linkrot-report", cache_policy=NO_CACHE)
def write_linkrot_report(
    checks: Sequence[LinkCheck], out: Path, now: dt.datetime, threshold: float
) -> dict[str, Any]:
    """linkrot.json and linkrot.md in `out`; "previous_run" is the time of the report replaced."""
    json_path, md_path = out / "linkrot.json", out / "linkrot.md"
    previous = None
    if json_path.exists():
        previous = json.loads(json_path.read_text(encoding="utf-8")).get("generated_at")
    data = linkrot_summary(checks, now, threshold, previous)
    out.mkdir(parents=True, exist_ok=True)
    for path, text in (
        (json_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n"),
        (md_path, linkrot_markdown(data)),
    ):
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return {**data, "report": str(md_path), "json": str(json_path)}
