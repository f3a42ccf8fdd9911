"""The `citewatch` command: the argument parser, and exit codes and one-line errors."""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from pipeline.commands import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    cmd_archive,
    cmd_bench,
    cmd_check_links,
    cmd_decisions,
    cmd_parse,
    cmd_review,
    cmd_serve,
    cmd_verify,
)
from pipeline.progress import showing_progress
from sources.errors import CitewatchError


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line with exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


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
    _add_robots_option(parser)


def _add_robots_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ignore-robots",
        action="store_true",
        help="fetch pages that robots.txt disallows for citewatch (a one-off editorial check "
        "of a few pages you cite; see README, 'Sources')",
    )


def _add_mode_options(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--direct",
        action="store_true",
        help="run in this process without Prefect, even when a server is configured",
    )
    mode.add_argument(
        "--flow",
        action="store_true",
        help="run as a Prefect flow run on the server at PREFECT_API_URL (the default when "
        "one is configured; without a server it is refused)",
    )


ARTICLE_FORMATS = (
    "plain text, Markdown (footnotes [^label]), PDF, HTML, Word .docx, OpenDocument .odt "
    "or JATS XML"
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
        description="Read ARTICLE (.txt, .md Markdown, .pdf, .html, Word .docx, OpenDocument "
        ".odt or JATS .xml) and write the structured article "
        "(blocks, sentences with their note calls, parsed notes) as JSON, and the citations "
        "as CSL-JSON.",
    )
    parse.add_argument(
        "article", type=Path, metavar="ARTICLE", help="the article: " + ARTICLE_FORMATS
    )
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
        description="Read ARTICLE (.txt, .md, .pdf, .html, .docx, .odt or JATS .xml), run the "
        "manuscript checks and write the report into DIR: "
        "report.json and report.md, with the parsed article (article.json) and its "
        "citations (citations.csl.json). Exit status 0 when the run completed, whatever it "
        "found; 1 with --fail-on when a finding of that severity or worse exists; 2 for bad "
        "usage or input.",
    )
    verify.add_argument(
        "article", type=Path, metavar="ARTICLE", help="the article: " + ARTICLE_FORMATS
    )
    verify.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="output directory (default: ./ARTICLE-NAME.citewatch)",
    )
    _add_source_options(verify)
    _add_mode_options(verify)
    verify.add_argument(
        "--dask",
        nargs="?",
        const="",
        metavar="ADDRESS",
        help="run the flow's task work on Dask: a local cluster, or the scheduler at ADDRESS "
        "(tcp://host:8786); implies --flow",
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
        "write linkrot.json and linkrot.md (default: ARCHIVE/linkrot/) with what changed. "
        "Runs directly, or as a flow run when a Prefect server is configured. Exit status 1 "
        "when links were due and none could be reached.",
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
    _add_robots_option(links)
    _add_mode_options(links)
    links.set_defaults(func=cmd_check_links)

    serve = commands.add_parser(
        "serve",
        help="register and serve the deployments (verify on demand, nightly link checks)",
        description="Register the verify-article deployment (on demand) and the check-links "
        "deployment (on a cron schedule) with the Prefect server at PREFECT_API_URL and run "
        "their flows as they come due. Start the server first: `prefect server start`. "
        "Ctrl-C stops serving: Prefect then pauses both deployments and deletes their "
        "scheduled runs; `citewatch serve` again resumes them.",
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
        help="export or import review decisions as JSON or CSV",
        description="Export the review decisions to JSON or CSV (by the file's suffix), or "
        "import them (the newer decision wins). A CSV export made with --report lists the "
        "report's undecided findings too, with empty decision, reason and reviewer columns to "
        "fill in a spreadsheet; rows left empty are skipped on import.",
    )
    decision_actions = decisions.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser
    )
    decision_actions.required = True
    for action in ("export", "import"):
        sub = decision_actions.add_parser(action, help=f"{action} decisions as JSON or CSV")
        sub.add_argument("file", type=Path, metavar="FILE.json|FILE.csv")
        sub.add_argument("--decisions", type=Path, metavar="FILE", help="decisions database")
        if action == "export":
            sub.add_argument(
                "--report",
                type=Path,
                metavar="DIR",
                help="a verify output directory: list its undecided findings too (CSV)",
            )
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
        help="print every benchmark in one table (parse, checks, fetch, claims, flow, faults)",
        description="Time the stages on local servers and data and print a table (and JSON "
        "with --json): parsing, manuscript checks, fetching against the ideal and LinkChecker, "
        "claim matching against raw rapidfuzz, the Prefect flow's overhead, peak memory, and "
        "the peak memory of a verify citing every fault of a hostile local site. "
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
        choices=[
            *("parse", "checks", "fetch", "claims", "flow", "corpus"),
            *("links", "citations", "faults", "scale", "fuzz"),
        ],
        help="run only this section (repeatable; fuzz runs only when named: 10,000 mutants of "
        "the article's text and PDF, 500 with --quick)",
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
        with showing_progress():
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
        print(
            "citewatch: interrupted; every fetch that completed is archived: run the same "
            "command again to go on from there",
            file=sys.stderr,
        )
        if any(t.name.startswith("citewatch-fetch") for t in threading.enumerate()):
            # fetches still in flight would hold the exit for up to their deadline; the
            # archive is closed and consistent already, so leave without waiting for them
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(130)
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
