"""The verify-article and check-links flows: the tasks composed, with artifacts; no domain logic."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar, cast

from prefect import Flow, flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.states import Failed
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import opaque

from pipeline.stages import SourceOptions, default_archive_dir, open_archive
from pipeline.tasks import (
    check_article_task,
    check_claims_task,
    fetch_batches,
    gather_sources_task,
    plan_fetches,
    read_article_task,
    sources_settings,
    write_linkrot_report,
    write_outputs_task,
)
from reports.model import Report
from sources.collect import Recorded, cited_urls, network_available

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
TASKS_AT_ONCE = 8  # fetch batches (and other submitted tasks) running side by side
FETCH_BATCHES = 4  # batches of whole hosts per fetch step; each runs its own polite crawl
THREADS = cast(TaskRunner[Any], ThreadPoolTaskRunner(max_workers=TASKS_AT_ONCE))
REVIEW_URL = "http://127.0.0.1:8765/"  # `citewatch review OUT`'s default address


def _key(prefix: str, name: str) -> str:
    """An artifact key: lower-case letters, digits and dashes only."""
    return f"{prefix}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}"[:100]


def _verify_run_name() -> str:
    from prefect.runtime import flow_run

    return f"verify {Path(str(flow_run.parameters.get('article', ''))).name}"


def _links_run_name() -> str:
    from prefect.runtime import flow_run

    root = flow_run.parameters.get("archive") or default_archive_dir()
    return f"check-links {Path(str(root)).name} {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}"


def _opaque(value: T) -> T:
    """`value` marked so that Prefect does not walk into it before a task (an article, its
    sources and its report are tens of thousands of objects: most of the flow's overhead on
    the brief's article). Only on the flow's own thread pool: the Dask runner does not unwrap
    the mark, and ships the value to its workers whole anyway."""
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    if context is not None and isinstance(context.task_runner, ThreadPoolTaskRunner):
        return cast(T, opaque(value))
    return value


def _counts(values: Sequence[str]) -> str:
    return ", ".join(f"{n} {value}" for value, n in Counter(values).most_common()) or "none"


def _publish_report(report: Report, md: Path) -> None:
    counts = report.counts()
    md = md.resolve()
    create_markdown_artifact(
        key=_key("verify", report.article.path.stem),
        description=f"citewatch verification of {report.article.path.name}",
        markdown="\n".join(
            [
                f"# citewatch: {report.article.path.name}",
                "",
                f"**{len(report.findings)} findings**: {counts['error']} errors, "
                f"{counts['warning']} warnings, {counts['info']} info",
                "",
                f"- claims: {_counts([c.verdict.value for c in report.claims])}",
                f"- links: {_counts([s.state.value for s in report.sources])}",
                f"- report: [{REVIEW_URL}]({REVIEW_URL}), served by "
                f"`citewatch review {md.parent}` (browsers do not open file links from here)",
                f"- files: `{md.parent}` (report.html, report.md, report.json)",
            ]
        ),
    )
    create_table_artifact(
        key=_key("findings", report.article.path.stem),
        description=f"findings in {report.article.path.name}",
        table=[
            {
                "severity": f.severity.value,
                "check": f.kind,
                "notes": ", ".join(map(str, f.notes)),
                "message": f.message,
            }
            for f in report.findings
        ],
    )


@flow(name="verify-article", task_runner=THREADS, flow_run_name=_verify_run_name)
def verify_article_flow(
    article: str,
    out: str,
    archive: str | None = None,
    online: bool = True,
    sources_warc: list[str] | None = None,
    allow_private: bool = False,
    wayback: bool = True,
    check_sources: bool = True,
    decisions: str | None = None,
    now: dt.datetime | None = None,
    obey_robots: bool = True,
) -> str:
    """Verify ARTICLE into the directory OUT and return the path of its report.json.

    Online, the cited URLs that are due are fetched first, host by host (retried when
    transient, cached on the URL until archived), and archived with their link states; the
    sources stage then reads them from the archive. `sources_warc` imports WARC files and
    fetches nothing; `allow_private` lets fetches reach loopback and private addresses;
    `decisions` is the review store whose dismissed findings are left out of the report; `now`
    dates the report (default: the start of the run); `obey_robots=False` ignores robots.txt."""
    now = now or dt.datetime.now(dt.UTC)
    parsed = read_article_task(Path(article))
    root = Path(archive) if archive else default_archive_dir()
    settings = sources_settings(allow_private, wayback, obey_robots)
    imports = tuple(Path(p) for p in sources_warc or ())
    sources = None
    if check_sources:
        with open_archive(root):  # held for the run: its tasks share one open archive
            if online and not imports and network_available(settings.network_probe):
                urls = [c.url for c in cited_urls(parsed.notes)]
                batches = plan_fetches(root, urls, now, settings.refetch_after, FETCH_BATCHES)
                fetch_batches(root, batches, settings)  # archived as each fetch completes
            options = SourceOptions(root, online, imports, settings)
            # the due ones were just fetched
            sources = gather_sources_task(_opaque(parsed), options, now)
    claims = check_claims_task.submit(_opaque(parsed), _opaque(sources)).result()
    report = check_article_task.submit(_opaque(parsed), _opaque(sources), now, _opaque(claims))
    shown = write_outputs_task(
        _opaque(report.result()), Path(out), Path(decisions) if decisions else None
    )
    _publish_report(shown, Path(out) / "report.md")
    return str(Path(out) / "report.json")


def _publish_links(data: dict[str, Any], problem: str = "") -> None:
    changes, states = data["changes"], list(Counter(data["states"]).elements())
    create_markdown_artifact(
        key="check-links",
        description="citewatch link check",
        markdown="\n".join(
            [
                "# citewatch link check",
                "",
                f"{data['checked']} links checked: {_counts(states)}",
                *([f"**{problem}**"] if problem else []),
                "",
                *(f"- newly {kind}: {len(urls)}" for kind, urls in changes.items()),
                f"- report: `{data['report']}` (and linkrot.json beside it)",
            ]
        ),
    )
    create_table_artifact(
        key="link-changes",
        description="links whose state changed in this check",
        table=[
            {
                "url": link["url"],
                "was": link["before"],
                "now": link["state"],
                "news": ", ".join(link["news"]),
            }
            for link in data["links"]
            if link["news"]
        ]
        or [{"url": "", "was": "", "now": "", "news": "no changes"}],
    )


@flow(name="check-links", task_runner=THREADS, flow_run_name=_links_run_name)
def check_links_flow(
    archive: str | None = None,
    due_after_hours: float = 20,
    out: str | None = None,
    allow_private: bool = False,
    obey_robots: bool = True,
) -> Any:
    """Re-fetch the archived links not fetched within `due_after_hours`, update their states
    (a 404 is dead only when repeated over days), measure drift from the first snapshot, and
    write linkrot.json and linkrot.md (default: ARCHIVE/linkrot/) with what changed. A check
    that had links due but reached none of them (no network) ends Failed, saying so."""
    now = dt.datetime.now(dt.UTC)
    root = Path(archive) if archive else default_archive_dir()
    settings = sources_settings(allow_private, wayback=False, obey_robots=obey_robots)
    with open_archive(root):  # held for the run: its tasks share one open archive
        batches = plan_fetches(root, None, now, dt.timedelta(hours=due_after_hours), FETCH_BATCHES)
        due = sum(len(b) for b in batches)
        if due and not network_available(settings.network_probe):
            recorded = Recorded((), False, due)
        else:
            recorded = fetch_batches(root, batches, settings, drift=True)
    problem = recorded.problem()
    target = Path(out) if out else root / "linkrot"
    data = write_linkrot_report(recorded.checks, target, now, settings.link.drift_threshold)
    _publish_links(data, problem)
    summary = {k: v for k, v in data.items() if k != "links"}
    if problem:
        get_run_logger().error(problem)
        return Failed(message=problem, data={**summary, "problem": problem})
    return summary


def with_dask(
    flow: Flow[P, R], address: str | None = None, workers: int = 2, processes: bool = True
) -> Flow[P, R]:
    """`flow` with its submitted tasks (host fetches, claims, checks) on Dask: the scheduler at
    `address`, else a local cluster of `workers` processes (threads with `processes=False`).
    Archive and file tasks still run in the flow's process; workers need citewatch installed."""
    from prefect_dask import DaskTaskRunner  # only here: dask takes a second to import

    if address:
        runner = DaskTaskRunner(address=address)
    else:
        runner = DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "processes": processes,
                "threads_per_worker": TASKS_AT_ONCE // max(1, workers) or 1,
                "dashboard_address": None,
            }
        )
    return flow.with_options(task_runner=runner)  # type: ignore[arg-type]  # prefect-dask's typing
