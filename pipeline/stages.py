"""The verify and link-check jobs as plain stage functions, in order; the CLI's direct mode
calls them one after the other, the Prefect flows wrap them in tasks.

verify:      read_article -> gather_sources -> check_claims -> check_article -> write_outputs
check-links: sources.collect.check_links (or its steps, per batch of hosts) -> write_linkrot
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from claims.article import Article
from claims.assess import assess_claims
from claims.checks import checks_for, run_checks
from claims.extract import extract_claims
from claims.facts import ClaimCheck
from pipeline.decisions import Decision, DecisionStore, apply, decisions_json
from reports.article_json import article_json
from reports.csl import notes_to_csl
from reports.html import render_html
from reports.linkrot import linkrot_markdown, linkrot_summary
from reports.model import Report, build_report, finding_json, report_json
from reports.render import render_markdown
from sources.archive import Archive
from sources.collect import SourcesSettings, cited_urls, collect_sources
from sources.linkrot import LinkCheck
from sources.model import Source

Say = Callable[[str], None]


def default_archive_dir() -> Path:
    """$CITEWATCH_ARCHIVE, else the user's data directory."""
    if os.environ.get("CITEWATCH_ARCHIVE"):
        return Path(os.environ["CITEWATCH_ARCHIVE"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "citewatch" / "archive"


@dataclass(frozen=True, slots=True)
class SourceOptions:
    archive: Path = field(default_factory=default_archive_dir)
    online: bool = True  # fetch what is due; False reads only the archive
    imports: tuple[Path, ...] = ()  # WARC files to bring in first (implies offline)
    settings: SourcesSettings = field(default_factory=SourcesSettings)


_OPEN: dict[Path, tuple[Archive, int]] = {}
_OPEN_LOCK = threading.Lock()


@contextmanager
def open_archive(root: Path) -> Iterator[Archive]:
    """The archive at `root`, shared by every task of this process that asks while it is open
    (an archive admits one opener at a time, and a flow's tasks run side by side)."""
    key = Path(root).resolve()
    with _OPEN_LOCK:
        archive, users = _OPEN.get(key, (None, 0))
        if archive is None:
            archive = Archive.open(key)
        _OPEN[key] = (archive, users + 1)
    try:
        yield archive
    finally:
        with _OPEN_LOCK:
            archive, users = _OPEN[key]
            if users == 1:
                del _OPEN[key]
                archive.close()
            else:
                _OPEN[key] = (archive, users - 1)


def gather_sources(
    article: Article, options: SourceOptions, now: dt.datetime, say: Say
) -> list[Source]:
    """Fetch (or read from the archive) every cited URL and gazette issue of the article."""
    cited = cited_urls(article.notes)
    with open_archive(options.archive) as archive:
        for path in options.imports:
            say(f"{path}: {archive.import_warc(path).describe()}")
        online = options.online and not options.imports
        return collect_sources(
            cited, archive, options.settings, now=now, online=online, progress=say
        )


def check_claims(article: Article, sources: Sequence[Source] | None) -> list[ClaimCheck] | None:
    """Every cited sentence's claims against its sources; None when sources were not looked at."""
    if sources is None:
        return None
    return assess_claims(article, extract_claims(article), sources)


def check_article(
    article: Article,
    sources: Sequence[Source] | None,
    now: dt.datetime,
    claims: Sequence[ClaimCheck] | None = None,
) -> Report:
    findings = run_checks(article, sources, claims=claims)
    ran = tuple(c.id for c in checks_for(sources, claims))
    return build_report(article, findings, now, ran, tuple(sources or ()), tuple(claims or ()))


def write_file(path: Path, content: str | Iterable[str]) -> None:
    """Write `content` (a string, or its pieces as they are made) to `path` through a
    temporary file, so a reader never sees half a file and a long report is never one string."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        if isinstance(content, str):
            out.write(content)
        else:
            out.writelines(content)
    tmp.replace(path)


def json_pieces(data: Any) -> Iterator[str]:
    """`data` as indented JSON, piece by piece (json.dump's encoding, without one big string)."""
    yield from json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data)
    yield "\n"


def read_previous(out: Path) -> dict[str, Any] | None:
    """The last run's report.json in `out`, for the run-to-run diff; None if there is none."""
    try:
        data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_outputs(report: Report, out: Path, decisions: Path | None = None) -> Report:
    """Write the report files; findings dismissed in review (with unchanged evidence) are left
    out of report.json and report.md, and shown apart in report.html. Returns what was kept."""
    previous = read_previous(out)
    known: dict[str, Decision] = {}
    if decisions is not None:
        with DecisionStore.open(decisions) as store:
            known = store.all()
    kept, _ = apply(report.findings, known)
    everything = [finding_json(f) for f in report.findings]
    shown = replace(report, findings=tuple(kept))
    # each file made and written in turn: a long article's report is never held five times
    write_file(
        out / "report.json", json_pieces(report_json(shown, decisions_json(everything, known)))
    )
    write_file(out / "report.md", render_markdown(shown))
    write_file(out / "report.html", render_html(report, previous, known))
    write_file(out / "article.json", json_pieces(article_json(report.article)))
    write_file(out / "citations.csl.json", json_pieces(notes_to_csl(report.article.notes)))
    return shown


def write_linkrot(
    checks: Sequence[LinkCheck], out: Path, now: dt.datetime, threshold: float
) -> dict[str, Any]:
    """linkrot.json and linkrot.md in `out`; "previous_run" is the time of the report replaced."""
    json_path, md_path = out / "linkrot.json", out / "linkrot.md"
    previous = None
    if json_path.exists():
        previous = json.loads(json_path.read_text(encoding="utf-8")).get("generated_at")
    data = linkrot_summary(checks, now, threshold, previous)
    write_file(json_path, json_pieces(data))
    write_file(md_path, linkrot_markdown(data))
    return {**data, "report": str(md_path), "json": str(json_path)}
