"""The `citewatch` subcommands: one function per command, called with the parsed arguments."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from claims.article import Article, read_article
from claims.errors import ArticleNotFound
from claims.findings import Severity
from pipeline.decisions import DecisionError, DecisionStore, default_decisions_path
from pipeline.errors import ServerError
from pipeline.review import serve_review
from pipeline.server import HOW_TO_START, check_server, configured_server
from pipeline.stages import (
    SourceOptions,
    check_article,
    check_claims,
    default_archive_dir,
    gather_sources,
    json_pieces,
    write_file,
    write_linkrot,
    write_outputs,
)
from reports.article_json import article_json
from reports.csl import notes_to_csl
from sources.archive import Archive
from sources.collect import SourcesSettings, check_links, enrol_imported
from sources.settings import FetchSettings, WaybackSettings

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def _summary(article: Article) -> str:
    called = article.called_notes()
    urls = sum(len(n.urls) for n in article.notes)
    return (
        f"{article.path.name}: {len(article.notes)} notes, {len(called)} called, "
        f"{len(article.sentences)} sentences, {urls} URLs"
        + (f", {len(article.warnings)} warnings" if article.warnings else "")
    )


def _say_reader_warnings(article: Article, shown: int = 5) -> None:
    """The reader's warnings about the file itself (pages skipped...); note warnings are in
    the report."""
    found = [w for w in article.warnings if not w.startswith("note ")]
    for warning in found[:shown]:
        print(f"warning: {warning}", file=sys.stderr)
    if len(found) > shown:
        print(f"warning: ... and {len(found) - shown} more (see the report)", file=sys.stderr)


def cmd_parse(args: argparse.Namespace) -> int:
    article = read_article(args.article)
    _say_reader_warnings(article)
    data = article_json(article)
    csl = notes_to_csl(article.notes)
    if args.out is None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        write_file(args.out, json_pieces(data))
    csl_path = args.csl
    if csl_path is None and args.out is not None:
        csl_path = args.out.with_name(args.out.stem + ".csl.json")
    if csl_path is not None:
        write_file(csl_path, json_pieces(csl))
    print(_summary(article), file=sys.stderr)
    if args.out is not None:
        print(f"wrote {args.out}" + (f" and {csl_path}" if csl_path else ""), file=sys.stderr)
    return EXIT_OK


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _source_options(args: argparse.Namespace) -> SourceOptions:
    fetch = FetchSettings(allow_private=args.allow_private, allow_loopback=args.allow_private)
    settings = SourcesSettings(
        fetch=fetch,
        wayback=WaybackSettings(enabled=not args.no_wayback),
        # A site on a private network needs no internet: do not judge the network by it.
        network_probe=None if args.allow_private else SourcesSettings().network_probe,
        obey_robots=not args.ignore_robots,
    )
    return SourceOptions(
        archive=args.archive or default_archive_dir(),
        online=not args.offline,
        imports=tuple(args.sources or ()),
        settings=settings,
    )


def _verify_direct(args: argparse.Namespace, article: Article, out: Path, now: dt.datetime) -> None:
    """The stages called one after the other in this process (no Prefect)."""
    sources = None
    if not args.no_sources:
        options = _source_options(args)
        _say(f"sources: archive {options.archive}" + ("" if options.online else " (offline)"))
        sources = gather_sources(article, options, now, _say)
        states = Counter(s.state.value for s in sources)
        _say("sources: " + ", ".join(f"{n} {state}" for state, n in states.most_common()))
    claims = check_claims(article, sources)
    if claims is not None:
        verdicts = Counter(c.verdict.value for c in claims)
        _say("claims: " + ", ".join(f"{n} {v}" for v, n in verdicts.most_common()))
    report = check_article(article, sources, now, claims)
    shown = write_outputs(report, out, args.decisions or default_decisions_path())
    if len(shown.findings) < len(report.findings):
        _say(
            f"{len(report.findings) - len(shown.findings)} findings dismissed in review "
            "(evidence unchanged) are left out; report.html lists them"
        )


def _quiet_prefect() -> None:
    # The ephemeral server's telemetry tries the network and, without one, prints a traceback.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


def _flow_server() -> str:
    """The server a forced flow run (--flow, --dask) goes to; refuses to start a temporary one
    (it would be a second process that a killed run leaves behind)."""
    api = configured_server()
    if api is None:
        _quiet_prefect()
        from prefect.settings import PREFECT_API_URL  # also sees settings made in-process

        api = PREFECT_API_URL.value()
    if not api:
        raise ServerError(
            f"--flow needs a Prefect server and none is configured: {HOW_TO_START}; "
            "or drop --flow to run directly"
        )
    return str(api)


def _run_mode(args: argparse.Namespace, job: str) -> str | None:
    """The Prefect server this run goes to (checked to answer), or None to run directly; says
    which mode ran and how to get the other."""
    forced = getattr(args, "flow", False) or getattr(args, "dask", None) is not None
    if args.direct:
        api = configured_server()
        other = (
            f"without --direct it would be a flow run on {api}"
            if api
            else ("--flow runs it as a Prefect flow on a server")
        )
        _say(f"running {job} directly, without Prefect (--direct; {other})")
        return None
    api = _flow_server() if forced else configured_server()
    if api is None:
        _say(
            f"running {job} directly, without Prefect (no server configured; set "
            "PREFECT_API_URL, or pass --flow, to make it a Prefect flow run)"
        )
        return None
    check_server(api)
    _say(f"running {job} as a Prefect flow run on {api} (--direct runs it without Prefect)")
    return api


def _verify_flow(args: argparse.Namespace, out: Path, now: dt.datetime) -> None:
    """The verify-article flow, as a flow run on the configured Prefect server."""
    _quiet_prefect()
    from pipeline.flows import verify_article_flow, with_dask

    flow = verify_article_flow
    if args.dask is not None:
        flow = with_dask(verify_article_flow, address=args.dask or None)
        _say("its tasks run on " + (args.dask or "a local Dask cluster"))
    flow(
        article=str(args.article),
        out=str(out),
        archive=str(args.archive) if args.archive else None,
        online=not args.offline,
        sources_warc=[str(p) for p in args.sources or ()] or None,
        allow_private=args.allow_private,
        wayback=not args.no_wayback,
        check_sources=not args.no_sources,
        decisions=str(args.decisions or default_decisions_path()),
        now=now,
        obey_robots=not args.ignore_robots,
    )


def cmd_verify(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    out: Path = args.out or Path(f"{args.article.stem}.citewatch")
    now = dt.datetime.now(dt.UTC)
    _say(f"reading {args.article}")
    article = read_article(args.article)  # bad input stops here, with one line
    _say_reader_warnings(article)
    _say(_summary(article))
    if _run_mode(args, "verify") is None:
        _verify_direct(args, article, out, now)
    else:
        _verify_flow(args, out, now)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    findings = report["findings"]
    for finding in findings:
        notes = ",".join(map(str, finding["notes"])) or "-"
        print(
            f"{finding['severity']:<8} {finding['kind']:<24} notes {notes:<9} {finding['message']}"
        )
    counts = Counter(f["severity"] for f in findings)
    elapsed = time.perf_counter() - started
    _say(
        f"{len(findings)} findings ({counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['info']} info); wrote {out}/report.html, report.md and report.json "
        f"in {elapsed:.2f} s"
    )
    if args.fail_on:
        threshold = Severity(args.fail_on).rank
        if any(Severity(f["severity"]).rank <= threshold for f in findings):
            return EXIT_FINDINGS
    return EXIT_OK


def cmd_check_links(args: argparse.Namespace) -> int:
    root = args.archive or default_archive_dir()
    target = args.out or root / "linkrot"
    if _run_mode(args, "check-links") is None:
        now = dt.datetime.now(dt.UTC)
        settings = SourcesSettings(
            fetch=FetchSettings(
                allow_private=args.allow_private, allow_loopback=args.allow_private
            ),
            wayback=WaybackSettings(enabled=False),
            network_probe=None if args.allow_private else SourcesSettings().network_probe,
            obey_robots=not args.ignore_robots,
        )
        due_after = dt.timedelta(hours=args.due_after)
        with Archive.open(root) as archive:
            recorded = check_links(archive, settings, now=now, due_after=due_after, progress=_say)
        data = write_linkrot(recorded.checks, target, now, settings.link.drift_threshold)
        problem = recorded.problem()
    else:
        _quiet_prefect()
        from pipeline.flows import check_links_flow

        state: Any = check_links_flow(
            archive=str(args.archive) if args.archive else None,
            due_after_hours=args.due_after,
            out=str(args.out) if args.out else None,
            allow_private=args.allow_private,
            obey_robots=not args.ignore_robots,
            return_state=True,
        )
        data = state.result(raise_on_failure=False)
        if not isinstance(data, dict):  # a crash inside the flow: its message, in one line
            raise ServerError(f"the check-links flow run ended {state.name}: {state.message}")
        problem = str(data.get("problem", ""))
    states = ", ".join(f"{n} {s}" for s, n in Counter(data.get("states", {})).most_common())
    _say(
        f"checked {data.get('checked', 0)} links" + (f" ({states})" if states else "")
        + f"; wrote {target}/linkrot.md and linkrot.json"
    )  # fmt: skip
    if problem:
        _say(f"citewatch: warning: {problem}")
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    api = configured_server()
    if not api:
        print(
            f"citewatch: error: no Prefect server: {HOW_TO_START}, then run `citewatch serve` "
            "again",
            file=sys.stderr,
        )
        return EXIT_USAGE
    check_server(api)
    _quiet_prefect()
    from pipeline.deployments import serve_deployments

    archive = str(args.archive) if args.archive else None
    _say(
        f"serving verify-article (on demand) and check-links (nightly) on {api}; Ctrl-C stops "
        "serving, pauses both deployments and deletes their scheduled runs (`citewatch serve` "
        "again resumes them)"
    )
    serve_deployments(args.cron, archive)
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    archive = args.archive or default_archive_dir()
    with DecisionStore.open(args.decisions or default_decisions_path()) as store:
        serve_review(args.dir, store, archive, args.port, _say)
    return EXIT_OK


def cmd_decisions(args: argparse.Namespace) -> int:
    as_csv = args.file.suffix.lower() == ".csv"
    findings: list[dict[str, Any]] = []
    if getattr(args, "report", None) is not None:
        path = args.report / "report.json" if args.report.is_dir() else args.report
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            why = f"cannot read {path} ({exc}); give a verify output directory"
            raise DecisionError(why) from exc
        findings = list(data.get("findings", []))
    with DecisionStore.open(args.decisions or default_decisions_path()) as store:
        if args.action == "export" and as_csv:
            _say(f"wrote {store.export_csv(args.file, findings)} rows to {args.file}")
        elif args.action == "export":
            _say(f"wrote {store.export_json(args.file)} decisions to {args.file}")
        elif as_csv:
            taken = store.import_csv(args.file, dt.datetime.now(dt.UTC))
            _say(f"imported {taken} decisions from {args.file}")
        else:
            _say(f"imported {store.import_json(args.file)} decisions from {args.file}")
    return EXIT_OK


def cmd_archive(args: argparse.Namespace) -> int:
    root = args.archive or default_archive_dir()
    with Archive.open(root) as archive:
        if args.action == "import":
            for path in args.files:
                summary = archive.import_warc(path)
                enrolled = enrol_imported(archive, summary.urls)
                _say(
                    f"{path}: {summary.describe()}"
                    + (f"; {enrolled} links enrolled for check-links" if enrolled else "")
                )
        elif args.action == "export":
            count = archive.export_warc(args.file, args.url or None)
            _say(f"wrote {count} snapshots to {args.file}")
        else:
            for url in archive.urls():
                latest = archive.latest(url)
                history = archive.state_history(url)
                state = history[-1].state.value if history else "-"
                when = f"{latest.fetched_at:%Y-%m-%d %H:%M}" if latest else "-"
                status = latest.status if latest and latest.status is not None else "-"
                print(f"{state:<13} {status!s:<4} {when}  {url}")
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from pipeline import bench

    if not args.articles.is_dir():
        raise ArticleNotFound(
            args.articles,
            "is not a directory",
            "give the folder holding the article's .txt and .pdf",
        )
    sections = tuple(args.only) if args.only else bench.SECTIONS
    return bench.run(args.articles, args.runs, args.json, sections, args.quick)
