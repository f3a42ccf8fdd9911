"""Prefect tasks: the stages and the sources stage's steps (sources.collect) wrapped, with no
domain logic. Fetch tasks take a batch of hosts each (politeness, robots.txt and the one retry
policy live in sources.crawl, which runs inside the task), archive each fetch as it completes,
and return only the small link checks: their results are not persisted (the archive is the
record) and nothing of a page body stays in Prefect."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from claims.article import Article, read_article
from claims.facts import ClaimCheck
from pipeline.stages import (
    SourceOptions,
    check_article,
    check_claims,
    gather_sources,
    open_archive,
    write_linkrot,
    write_outputs,
)
from reports.model import Report
from sources.collect import (
    Recorded,
    SourcesSettings,
    batches_by_host,
    due_urls,
    fetch_and_record,
)
from sources.linkrot import LinkCheck
from sources.model import Source
from sources.settings import FetchSettings, WaybackSettings


def sources_settings(
    allow_private: bool = False, wayback: bool = True, obey_robots: bool = True
) -> SourcesSettings:
    """The sources settings a flow's parameters stand for (as the CLI's --allow-private)."""
    return SourcesSettings(
        fetch=FetchSettings(allow_private=allow_private, allow_loopback=allow_private),
        wayback=WaybackSettings(enabled=wayback),
        # a site on a private network needs no internet: do not judge the network by it
        network_probe=None if allow_private else SourcesSettings().network_probe,
        obey_robots=obey_robots,
    )


@task(name="plan-fetches", cache_policy=NO_CACHE, persist_result=False)
def plan_fetches(
    root: Path, urls: list[str] | None, now: dt.datetime, due_after: dt.timedelta, parts: int
) -> list[list[str]]:
    """The URLs not fetched within `due_after`, in at most `parts` batches of whole hosts.
    `urls=None` takes the archive's tracked links (those with a link-state history)."""
    with open_archive(root) as archive:
        if urls is None:
            return batches_by_host(archive.due_links(now, due_after), parts)
        return batches_by_host(due_urls(archive, urls, now, due_after), parts)


@task(
    name="fetch-and-record",
    task_run_name="fetch {label}",
    cache_policy=NO_CACHE,
    persist_result=False,  # the archive is the record: nothing of a fetch stays in Prefect
)
def fetch_batch(
    root: Path, urls: list[str], settings: SourcesSettings, drift: bool = False, label: str = ""
) -> Recorded:
    """Fetch one batch of hosts' URLs and record each in the archive as it completes."""
    logger = get_run_logger()

    def progress(done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            logger.info("%s: %d/%d done", label or "batch", done, total)

    with open_archive(root) as archive:
        return fetch_and_record(archive, urls, settings, drift=drift, progress=progress)


def fetch_batches(
    root: Path, batches: list[list[str]], settings: SourcesSettings, drift: bool = False
) -> Recorded:
    """Submit one fetch task per batch (each with its share of the workers) and merge them."""
    share = max(2, settings.fetch.workers // max(1, len(batches)))
    each = replace(settings, fetch=replace(settings.fetch, workers=share))
    futures = [
        fetch_batch.submit(root, urls, each, drift, f"{len(urls)} URLs of batch {i + 1}")
        for i, urls in enumerate(batches)
    ]
    done = [future.result() for future in futures]
    checks = tuple(check for part in done for check in part.checks)
    network_ok = all(part.network_ok for part in done)
    return Recorded(checks, network_ok, sum(part.due for part in done))


_READ: dict[tuple[str, int, int], Article] = {}  # (path, mtime, size) -> the article


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)  # read_article says what is wrong with it
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def article_read(path: Path, article: Article) -> None:
    """Hand the verify flow an article this process has read already: the CLI reads it first
    (bad input stops there, with one line), and a PDF takes seconds to read. The read-article
    task then takes it instead of reading the file again, as long as the file is unchanged
    (same size and modification time); only the last one handed over is kept."""
    _READ.clear()
    _READ[_stamp(path)] = article


@task(name="read-article", cache_policy=NO_CACHE, persist_result=False)
def read_article_task(path: Path) -> Article:
    """The article at `path`: the one the CLI read for this run, else read now."""
    article = _READ.get(_stamp(path))
    return article if article is not None else read_article(path)


@task(name="gather-sources", cache_policy=NO_CACHE, persist_result=False)
def gather_sources_task(article: Article, options: SourceOptions, now: dt.datetime) -> list[Source]:
    return gather_sources(article, options, now, get_run_logger().info)


@task(name="check-claims", cache_policy=NO_CACHE, persist_result=False)
def check_claims_task(article: Article, sources: list[Source] | None) -> list[ClaimCheck] | None:
    return check_claims(article, sources)


@task(name="run-checks", cache_policy=NO_CACHE, persist_result=False)
def check_article_task(
    article: Article,
    sources: list[Source] | None,
    now: dt.datetime,
    claims: list[ClaimCheck] | None,
) -> Report:
    return check_article(article, sources, now, claims)


@task(name="write-report", cache_policy=NO_CACHE, persist_result=False)
def write_outputs_task(report: Report, out: Path, decisions: Path | None = None) -> Report:
    return write_outputs(report, out, decisions)


@task(name="write-linkrot-report", cache_policy=NO_CACHE, persist_result=False)
def write_linkrot_report(
    checks: tuple[LinkCheck, ...], out: Path, now: dt.datetime, threshold: float
) -> dict[str, Any]:
    return write_linkrot(checks, out, now, threshold)
