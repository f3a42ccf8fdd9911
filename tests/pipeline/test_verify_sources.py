"""`citewatch verify` with sources: a killed run resumes, and a WARC verifies offline."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from articles import write_article
from localsite import LocalSite

from claims.article import read_article
from claims.checks import run_checks
from pipeline.cli import main
from pipeline.stages import SourceOptions, check_claims, gather_sources
from sources.archive import Archive
from sources.collect import SourcesSettings

REPO = Path(__file__).resolve().parents[2]
PAGE = (
    b"<html><head><title>T</title></head><body><p>"
    + b"Signed in Vidin on Monday. " * 40
    + b"</p></body></html>"
)


def _verify(article: Path, tmp: Path, *extra: str) -> subprocess.Popen[bytes]:
    """`citewatch verify` in its default mode, as a user without a Prefect server has it
    (pass "--direct" in `extra` for the forced direct mode)."""
    env = dict(os.environ)
    if "--flow" not in extra:
        env.pop("PREFECT_API_URL", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "verify",
            "--decisions",
            str(tmp / "decisions.sqlite"),
            str(article),
            "--archive",
            str(tmp / "archive"),
            "--out",
            str(tmp / "out"),
            "--allow-private",
            "--no-wayback",
            *extra,
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**env, "PYTHONPATH": str(REPO), "PREFECT_HOME": str(tmp / "prefect-home")},
    )


def _held_site_article(
    tmp: Path, site: LocalSite, other: LocalSite, third: LocalSite, release: threading.Event
) -> tuple[list[str], Path]:
    """Three cited pages on three hosts; the first request for /slow is held until `release`."""

    def slow(handler):  # type: ignore[no-untyped-def]
        if site.hits["/slow"] == 1:
            release.wait(30)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(PAGE)))
        handler.end_headers()
        handler.wfile.write(PAGE)

    urls = [
        site.add_handler("/slow", slow),
        other.add("/fast", PAGE, headers={"Content-Type": "text/html"}),
        third.add("/fast", PAGE.replace(b"Vidin", b"Ruse"), headers={"Content-Type": "text/html"}),
    ]
    return urls, write_article(tmp, urls)


def _wait_for_all_three(site: LocalSite, other: LocalSite, third: LocalSite) -> None:
    deadline = time.monotonic() + 90  # a flow run on a loaded machine takes a while to start
    while time.monotonic() < deadline and not (
        site.hits["/slow"] and other.hits["/fast"] and third.hits["/fast"]
    ):
        time.sleep(0.05)
    # else the run would be killed before it fetched, and the test would show nothing
    assert site.hits["/slow"] and other.hits["/fast"] and third.hits["/fast"], "no fetch in 90 s"
    time.sleep(1.0)  # let the finished fetches reach the archive


def test_ctrl_c_stops_at_once_with_the_finished_fetches_archived(tmp_path: Path) -> None:
    mode = ()  # the default mode (no server configured); --direct runs the same code
    release = threading.Event()
    with LocalSite() as site, LocalSite("127.0.0.2") as other, LocalSite("127.0.0.3") as third:
        (a, b, c), article = _held_site_article(tmp_path, site, other, third, release)
        run = _verify(article, tmp_path, *mode)
        _wait_for_all_three(site, other, third)
        interrupted = time.monotonic()
        run.send_signal(signal.SIGINT)
        _, err = run.communicate(timeout=15)
        took = time.monotonic() - interrupted
        release.set()
        assert run.returncode == 130 and took < 5, err.decode()
        assert b"interrupted" in err and b"Traceback" not in err
        with Archive.open(tmp_path / "archive") as archive:  # closed cleanly: opens at once
            assert archive.has(b) and archive.has(c) and not archive.has(a)

        rerun = _verify(article, tmp_path, *mode)
        _, err = rerun.communicate(timeout=60)
        assert rerun.returncode == 0, err.decode()
        assert other.hits["/fast"] == 1 and third.hits["/fast"] == 1  # not fetched again
        assert site.hits["/slow"] == 2


@pytest.mark.parametrize("mode", [(), ("--flow",)], ids=["default", "flow-on-a-server"])
def test_killed_run_resumes_with_nothing_lost_and_nothing_fetched_twice(
    tmp_path: Path, mode: tuple[str, ...], request: pytest.FixtureRequest
) -> None:
    if mode == ("--flow",):  # a flow run on a real server: fetches are archived as they end
        request.getfixturevalue("prefect_server")
        from prefect.settings import PREFECT_API_URL

        os.environ["PREFECT_API_URL"] = str(PREFECT_API_URL.value())
        request.addfinalizer(lambda: os.environ.pop("PREFECT_API_URL", None))
    release = threading.Event()
    with LocalSite() as site, LocalSite("127.0.0.2") as other, LocalSite("127.0.0.3") as third:
        (a, b, c), article = _held_site_article(tmp_path, site, other, third, release)
        run = _verify(article, tmp_path, *mode)
        _wait_for_all_three(site, other, third)
        run.send_signal(signal.SIGKILL)
        run.wait()
        release.set()
        assert not (tmp_path / "out" / "report.json").exists()

        rerun = _verify(article, tmp_path, *mode)
        _, err = rerun.communicate(timeout=60)
        assert rerun.returncode == 0, err.decode()
        assert other.hits["/fast"] == 1 and third.hits["/fast"] == 1  # not fetched again
        assert site.hits["/slow"] == 2, (
            err.decode()
        )  # the interrupted fetch is the only one repeated

    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [s["state"] for s in report["sources"]] == ["ok", "ok", "ok"]
    with Archive.open(tmp_path / "archive") as archive:
        pages = [u for u in archive.urls() if not u.endswith("/robots.txt")]
        assert sorted(pages) == sorted([a, b, c])
    for warc in (tmp_path / "archive" / "warcs").glob("*.warc.gz"):
        check = subprocess.run(
            [sys.executable, "-m", "warcio.cli", "check", str(warc)],
            capture_output=True,
            check=False,
        )
        assert check.returncode == 0, check.stdout + check.stderr


def _verify_here(tmp: Path, article: Path, archive: str, out: str, *extra: str) -> int:
    """`citewatch verify --direct` in this process, with everything kept under `tmp`."""
    return main(
        [
            "verify",
            "--direct",
            str(article),
            "--decisions",
            str(tmp / "decisions.sqlite"),
            "--archive",
            str(tmp / archive),
            "--out",
            str(tmp / out),
            *extra,
        ]
    )


def test_verify_against_a_warc_with_no_network(tmp_path: Path) -> None:
    with LocalSite() as site:
        ok = site.add("/story", PAGE, headers={"Content-Type": "text/html"})
        gone = site.add("/gone", b"nope", status=404)
        article = write_article(tmp_path, [ok, gone])
        assert (
            _verify_here(tmp_path, article, "first", "o1", "--allow-private", "--no-wayback") == 0
        )
        assert (
            main(
                [
                    "archive",
                    "export",
                    str(tmp_path / "s.warc.gz"),
                    "--archive",
                    str(tmp_path / "first"),
                ]
            )
            == 0
        )
        hits = dict(site.hits)
    # The site is gone now; the WARC alone is enough.
    assert (
        _verify_here(tmp_path, article, "second", "o2", "--sources", str(tmp_path / "s.warc.gz"))
        == 0
    )
    report = json.loads((tmp_path / "o2" / "report.json").read_text(encoding="utf-8"))
    assert {s["url"]: s["state"] for s in report["sources"]} == {ok: "ok", gone: "failing"}
    assert all(s["snapshots"] for s in report["sources"])
    assert hits == dict(site.hits)
    kinds = {f["kind"] for f in report["findings"]}
    assert "link-dead" in kinds and "link-unreachable" not in kinds


@pytest.mark.brief
def test_brief_without_network_every_source_unreachable_and_manuscript_findings_stand(
    brief_txt: Path, tmp_path: Path
) -> None:
    article = read_article(brief_txt)
    options = SourceOptions(
        archive=tmp_path / "a", settings=SourcesSettings(network_probe="no-network.invalid")
    )
    sources = gather_sources(article, options, dt.datetime.now(dt.UTC), lambda _: None)
    assert len(sources) == 79 + 18 + 2  # distinct URLs, gazette issues (RG and NN)
    assert {s.state.value for s in sources} == {"unreachable"}
    with_sources = Counter((f.kind, f.notes) for f in run_checks(article, sources, strict=True))
    alone = Counter((f.kind, f.notes) for f in run_checks(article, strict=True))
    assert with_sources - alone == Counter({("link-unreachable", ()): 1})
    assert alone - with_sources == Counter()
    claims = check_claims(article, sources)
    assert claims is not None and len({c.claim.notes for c in claims}) > 100
    assert {c.verdict.value for c in claims} == {"source-unavailable", "unchecked"}


def test_sample_with_its_sources_warc_shows_every_verdict(tmp_path: Path) -> None:
    sample = REPO / "sample"
    assert (
        main(
            [
                "verify",
                "--direct",
                "--decisions",
                str(tmp_path / "decisions.sqlite"),
                str(sample / "danube-ports.txt"),
                "--sources",
                str(sample / "danube-ports.sources.warc.gz"),
                "--archive",
                str(tmp_path / "a"),
                "--out",
                str(tmp_path / "o"),
            ]
        )
        == 0
    )
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    verdicts = {c["verdict"] for c in report["claims"]}
    assert verdicts == {
        "supported",
        "partly-supported",
        "contradicted",
        "not-found",
        "source-unavailable",
        "unchecked",
    }
    kinds = {f["kind"] for f in report["findings"]}
    assert {
        "claim-unsupported",
        "claim-date-mismatch",
        "claim-figure-mismatch",
        "claim-party-mismatch",
    } <= kinds
    gazette = [
        f for f in report["findings"] if f["kind"] == "gazette-date-mismatch" and f["notes"] == [5]
    ]
    assert gazette and gazette[0]["evidence"]["page_number"] == 24894  # the issue's own page


@pytest.mark.brief
def test_brief_with_sources_from_a_warc_verdicts_follow_the_sources(
    brief_txt: Path, tmp_path: Path
) -> None:
    from sources.model import FetchResult

    article = read_article(brief_txt)
    pages = {  # stand-in copies written for this test, at the addresses notes 88 and 75 cite
        "https://www.defensenews.com/global/europe/2023/04/25/romania-awards-321-million-contract-for-turkish-tb2-combat-drones/": "<p>Romania has awarded a $321 million contract for 18 Bayraktar TB2 drones, "
        "the ministry said on April 25, 2023.</p>",
        "https://www.msb.gov.tr/SlaytHaber/b2dcee512a544f6688bab1914aa149ac": "<p>Ankara, 29 Ocak 2024. Millî Savunma Bakanı Yaşar Güler ile Kosova Savunma "
        "Bakanı, iki ülke arasında Askerî Çerçeve Anlaşması imzaladı.</p>",
    }
    with Archive.open(tmp_path / "made") as made:
        for url, html in pages.items():
            body = f"<html><body><article>{html}</article></body></html>".encode()
            made.store(
                FetchResult(
                    url,
                    dt.datetime(2024, 5, 9, tzinfo=dt.UTC),
                    final_url=url,
                    status=200,
                    headers=(("Content-Type", "text/html; charset=utf-8"),),
                    body=body,
                    content_type="text/html",
                )
            )
        made.export_warc(tmp_path / "brief.warc.gz")
    options = SourceOptions(archive=tmp_path / "a", imports=(tmp_path / "brief.warc.gz",))
    sources = gather_sources(article, options, dt.datetime.now(dt.UTC), lambda _: None)
    claims = check_claims(article, sources)
    assert claims is not None
    by_note = {c.claim.notes: c.verdict.value for c in claims}
    assert by_note[(88,)] == "supported"
    assert by_note[(75,)] == "contradicted"  # the ministry's page dates it January 29
    others = {v for notes, v in by_note.items() if notes not in ((88,), (75,))}
    assert others <= {"source-unavailable", "unchecked"}
