"""The `citewatch` command: parse an article, verify it, and (later) serve and review."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claims.article import Article, read_article
from claims.errors import ArticleNotFound
from claims.findings import Severity
from pipeline.decisions import DecisionStore, default_decisions_path
from pipeline.review import serve_review
from pipeline.stages import (
    SourceOptions,
    check_article,
    check_claims,
    default_archive_dir,
    gather_sources,
    write_outputs,
)
from reports.article_json import article_json
from reports.csl import notes_to_csl
from sources.archive import Archive
from sources.collect import SourcesSettings
from sources.errors import CitewatchError
from sources.settings import FetchSettings, WaybackSettings

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line with exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _write_json(data: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


def _summary(article: Article) -> str:
    called = article.called_notes()
    urls = sum(len(n.urls) for n in article.notes)
    return (
        f"{article.path.name}: {len(article.notes)} notes, {len(called)} called, "
        f"{len(article.sentences)} sentences, {urls} URLs"
        + (f", {len(article.warnings)} warnings" if article.warnings else "")
    )


def cmd_parse(args: argparse.Namespace) -> int:
    article = read_article(args.article)
    data = article_json(article)
    csl = notes_to_csl(article.notes)
    if args.out is None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _write_json(data, args.out)
    csl_path = args.csl
    if csl_path is None and args.out is not None:
        csl_path = args.out.with_name(args.out.stem + ".csl.json")
    if csl_path is not None:
        _write_json(csl, csl_path)
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


def _verify_flow(args: argparse.Namespace, out: Path, now: dt.datetime) -> None:
    """The verify-article flow: Prefect's ephemeral mode, or the server at PREFECT_API_URL."""
    _quiet_prefect()
    from pipeline.flows import verify_article_flow, with_dask

    where = os.environ.get("PREFECT_API_URL") or "Prefect's ephemeral mode"
    flow = verify_article_flow
    if args.dask is not None:
        flow = with_dask(verify_article_flow, address=args.dask or None)
        where += ", tasks on " + (args.dask or "a local Dask cluster")
    _say(f"running the verify-article flow ({where}; --direct skips Prefect)")
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
    )


def cmd_verify(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    out: Path = args.out or Path(f"{args.article.stem}.citewatch")
    now = dt.datetime.now(dt.UTC)
    _say(f"reading {args.article}")
    article = read_article(args.article)  # bad input stops here, with one line
    _say(_summary(article))
    if args.direct:
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
    _quiet_prefect()
    from pipeline.flows import check_links_flow

    where = os.environ.get("PREFECT_API_URL") or "Prefect's ephemeral mode"
    _say(f"running the check-links flow ({where})")
    result = check_links_flow(
        archive=str(args.archive) if args.archive else None,
        due_after_hours=args.due_after,
        out=str(args.out) if args.out else None,
        allow_private=args.allow_private,
    )
    target = args.out or (args.archive or default_archive_dir()) / "linkrot"
    _say(f"checked {result.get('checked', 0)} links; wrote {target}/linkrot.md and linkrot.json")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    api = os.environ.get("PREFECT_API_URL")
    if not api:
        print(
            "citewatch: error: no Prefect server: start one with `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api, then run `citewatch serve` again",
            file=sys.stderr,
        )
        return EXIT_USAGE
    _quiet_prefect()
    from pipeline.deployments import serve_deployments

    archive = str(args.archive) if args.archive else None
    _say(f"serving verify-article (on demand) and check-links (nightly) on {api}")
    serve_deployments(args.cron, archive)
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    archive = args.archive or default_archive_dir()
    with DecisionStore.open(args.decisions or default_decisions_path()) as store:
        serve_review(args.dir, store, archive, args.port, _say)
    return EXIT_OK


def cmd_decisions(args: argparse.Namespace) -> int:
    with DecisionStore.open(args.decisions or default_decisions_path()) as store:
        if args.action == "export":
            _say(f"wrote {store.export_json(args.file)} decisions to {args.file}")
        else:
            _say(f"imported {store.import_json(args.file)} decisions from {args.file}")
    return EXIT_OK


def cmd_archive(args: argparse.Namespace) -> int:
    root = args.archive or default_archive_dir()
    with Archive.open(root) as archive:
        if args.action == "import":
            for path in args.files:
                _say(f"{path}: {archive.import_warc(path)} new snapshots")
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


def _add_source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--archive",
        type=Path,
        metavar="DIR",
        help="archive directory (default: $CITEWATCH_ARCHIVE or ~/.local/share/citewatch/archive)",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="fetch nothing; judge the sources from the archive only",
    )
    parser.add_argument(
        "--sources",
        type=Path,
        action="append",
        metavar="FILE.warc.gz",
        help="verify against this WARC (imported into the archive; implies --offline; repeatable)",
    )
    parser.add_argument("--no-sources", action="store_true", help="run the manuscript checks only")
    parser.add_argument(
        "--no-wayback",
        action="store_true",
        help="do not ask the Wayback Machine for archived copies",
    )
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="allow fetching private and loopback addresses (for a local "
        "site you control; refused by default)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="citewatch",
        description="Verify an article's endnotes: parse the notes, check the sources, report.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    parse = commands.add_parser(
        "parse",
        help="read an article and write its structure and citations as JSON",
        description="Read ARTICLE (.txt, .md, .pdf or .html) and write the structured article "
        "(blocks, sentences with their note calls, parsed notes) as JSON, and the citations "
        "as CSL-JSON.",
    )
    parse.add_argument("article", type=Path, metavar="ARTICLE")
    parse.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="write the article JSON here (default: standard output)",
    )
    parse.add_argument(
        "--csl",
        type=Path,
        metavar="FILE",
        help="write CSL-JSON here (default: FILE with .csl.json beside --out)",
    )
    parse.set_defaults(func=cmd_parse)

    verify = commands.add_parser(
        "verify",
        help="verify an article and write the results into a directory",
        description="Read ARTICLE, run the manuscript checks and write the report into DIR: "
        "report.json and report.md, with the parsed article (article.json) and its "
        "citations (citations.csl.json). Exit status 0 when the run completed, whatever it "
        "found; 1 with --fail-on when a finding of that severity or worse exists; 2 for bad "
        "usage or input.",
    )
    verify.add_argument("article", type=Path, metavar="ARTICLE")
    verify.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="output directory (default: ./ARTICLE-NAME.citewatch)",
    )
    _add_source_options(verify)
    verify.add_argument(
        "--direct",
        action="store_true",
        help="call the stages directly instead of running the Prefect flow",
    )
    verify.add_argument(
        "--dask",
        nargs="?",
        const="",
        metavar="ADDRESS",
        help="run the flow's task work on Dask: a local cluster, or the scheduler at ADDRESS "
        "(tcp://host:8786)",
    )
    verify.add_argument(
        "--decisions",
        type=Path,
        metavar="FILE",
        help="review decisions (SQLite; default: $CITEWATCH_DECISIONS or "
        "~/.local/share/citewatch/decisions.sqlite)",
    )
    verify.add_argument(
        "--fail-on",
        choices=["error", "warning"],
        help="exit 1 when a finding of this severity (or worse) exists",
    )
    verify.set_defaults(func=cmd_verify)

    links = commands.add_parser(
        "check-links",
        help="re-check the archived links now (what the nightly schedule runs)",
        description="Re-fetch the archived URLs not fetched within --due-after hours, update "
        "their link states (dead only after repeated failures over days), measure drift, and "
        "write linkrot.json and linkrot.md (default: ARCHIVE/linkrot/) with what changed.",
    )
    links.add_argument("--archive", type=Path, metavar="DIR", help="archive directory")
    links.add_argument(
        "--due-after",
        type=float,
        default=20.0,
        metavar="HOURS",
        help="re-check links not fetched within this many hours (default: 20)",
    )
    links.add_argument("--out", type=Path, metavar="DIR", help="where to write the link report")
    links.add_argument(
        "--allow-private",
        action="store_true",
        help="allow private and loopback addresses (a local site you control)",
    )
    links.set_defaults(func=cmd_check_links)

    serve = commands.add_parser(
        "serve",
        help="register and serve the deployments (verify on demand, nightly link checks)",
        description="Register the verify-article deployment (on demand) and the check-links "
        "deployment (on a cron schedule) with the Prefect server at PREFECT_API_URL and run "
        "their flows as they come due. Start the server first: `prefect server start`.",
    )
    serve.add_argument(
        "--cron",
        default=None,
        help="check-links schedule in cron form, UTC (default: nightly at 03:00, "
        "or $CITEWATCH_LINKS_CRON)",
    )
    serve.add_argument("--archive", type=Path, metavar="DIR", help="archive directory")
    serve.set_defaults(func=cmd_serve)

    review = commands.add_parser(
        "review",
        help="serve a report on 127.0.0.1 to confirm or dismiss its findings",
        description="Serve DIR/report.html on 127.0.0.1 with buttons to confirm or dismiss each "
        "finding with a reason. Decisions are stored in SQLite and carried into later runs: a "
        "dismissed finding is not raised again unless its evidence changes.",
    )
    review.add_argument("dir", type=Path, metavar="DIR", help="a verify output directory")
    review.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    review.add_argument("--decisions", type=Path, metavar="FILE", help="decisions database")
    review.add_argument("--archive", type=Path, metavar="DIR", help="archive directory")
    review.set_defaults(func=cmd_review)

    decisions = commands.add_parser(
        "decisions",
        help="export or import review decisions as JSON",
        description="Export the review decisions to JSON, or import them (the newer decision "
        "wins).",
    )
    decision_actions = decisions.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser
    )
    decision_actions.required = True
    for action in ("export", "import"):
        sub = decision_actions.add_parser(action, help=f"{action} decisions as JSON")
        sub.add_argument("file", type=Path, metavar="FILE.json")
        sub.add_argument("--decisions", type=Path, metavar="FILE", help="decisions database")
    decisions.set_defaults(func=cmd_decisions)

    archive = commands.add_parser(
        "archive",
        help="import, export or list the archived snapshots",
        description="The archive holds every fetch as WARC records with a SQLite index "
        "(see README, 'The archive'). import brings in WARC files made elsewhere "
        "(Webrecorder, ArchiveBox, Wayback downloads); export writes snapshots out as one "
        ".warc.gz; list shows each URL's latest state.",
    )
    actions = archive.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    actions.required = True
    for action in ("import", "export", "list"):
        sub = actions.add_parser(action, help=f"{action} snapshots")
        sub.add_argument(
            "--archive",
            type=Path,
            metavar="DIR",
            help="archive directory (default: $CITEWATCH_ARCHIVE or "
            "~/.local/share/citewatch/archive)",
        )
        if action == "import":
            sub.add_argument("files", type=Path, nargs="+", metavar="FILE.warc[.gz]")
        elif action == "export":
            sub.add_argument("file", type=Path, metavar="FILE.warc.gz")
            sub.add_argument(
                "--url",
                action="append",
                metavar="URL",
                help="export only this URL (repeatable; default: all)",
            )
    archive.set_defaults(func=cmd_archive)

    from pipeline.bench import BRIEF_DIR

    bench = commands.add_parser(
        "bench",
        help="print every benchmark in one table (parse, checks, fetch, claims, flow)",
        description="Time the stages on local servers and data and print a table (and JSON "
        "with --json): parsing, manuscript checks, fetching against the ideal and LinkChecker, "
        "claim matching against raw rapidfuzz, the Prefect flow's overhead, peak memory. "
        "Interpreter start is excluded. The full run takes a few minutes.",
    )
    bench.add_argument(
        "--articles",
        type=Path,
        default=BRIEF_DIR,
        metavar="DIR",
        help=f"folder with the article's .txt and .pdf (default: {BRIEF_DIR})",
    )
    bench.add_argument("--runs", type=int, default=5, help="runs per figure (default: 5)")
    bench.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    bench.add_argument(
        "--only",
        action="append",
        choices=["parse", "checks", "fetch", "claims", "flow", "corpus"],
        help="run only this section (repeatable)",
    )
    bench.add_argument(
        "--quick",
        action="store_true",
        help="smaller fetch and claim workloads (a minute instead of several)",
    )
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CitewatchError as error:
        print(f"citewatch: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # the reader went away (`citewatch archive list | head`)
        sys.stderr.close()
        return EXIT_OK
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        print(
            f"citewatch: error: cannot write or read{where}: {error.strerror or error}; "
            "check the path and its permissions",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("citewatch: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: one line, and the traceback on request
        if os.environ.get("CITEWATCH_DEBUG"):
            raise
        print(
            f"citewatch: internal error: {type(error).__name__}: {error} "
            "(set CITEWATCH_DEBUG=1 for the traceback, and please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
