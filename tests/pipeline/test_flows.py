"""The Prefect flows against a real temporary server, and the deployments without one."""

from __future__ import annotations

import datetime as dt
import json
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from articles import write_article
from localsite import LocalSite

from claims.article import read_article
from pipeline.cli import main
from pipeline.flows import check_links_flow, verify_article_flow, with_dask
from pipeline.stages import (
    SourceOptions,
    check_article,
    check_claims,
    gather_sources,
    write_outputs,
)
from sources.archive import Archive
from sources.model import FetchResult, LinkState, StateChange

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample" / "danube-ports.txt"
SAMPLE_WARC = REPO / "sample" / "danube-ports.sources.warc.gz"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _page(text: str) -> bytes:
    return f"<html><head><title>T</title></head><body><p>{text * 40}</p></body></html>".encode()


PAGE = _page("The port of Vidin reopened on Monday after the floods. ")
OTHER = _page("Grain exports through Constanta rose by a third in spring. ")


def _results(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _seed(root: Path, when: dt.datetime, pages: dict[str, bytes]) -> None:
    """Archive each URL as fetched (200) and judged ok at `when`."""
    with Archive.open(root) as archive:
        for url, body in pages.items():
            archive.store(FetchResult(url, when, url, 200, body=body, content_type="text/html"))
            archive.record_state(StateChange(url, when, LinkState.OK, 200, "HTTP 200"))


def test_deployments_verify_on_demand_and_check_links_nightly_without_a_server() -> None:
    from pipeline.deployments import CHECK_LINKS_DEPLOYMENT, VERIFY_DEPLOYMENT, build_deployments

    assert VERIFY_DEPLOYMENT.flow_name == "verify-article" and not VERIFY_DEPLOYMENT.schedules
    assert CHECK_LINKS_DEPLOYMENT.flow_name == "check-links"
    [nightly] = CHECK_LINKS_DEPLOYMENT.schedules or []
    assert nightly.schedule.cron == "0 3 * * *"  # type: ignore[union-attr]
    assert CHECK_LINKS_DEPLOYMENT.entrypoint == "pipeline.flows.check_links_flow"

    verify, links = build_deployments(cron="30 1 * * 1", archive="/srv/citewatch")
    [weekly] = links.schedules or []
    assert weekly.schedule.cron == "30 1 * * 1"  # type: ignore[union-attr]
    assert links.parameters == verify.parameters == {"archive": "/srv/citewatch"}
    assert {"article", "out"} <= set(verify._parameter_openapi_schema.required or [])


def test_verify_flow_on_the_sample_writes_the_findings_of_the_stage_functions(
    prefect_server: Path, tmp_path: Path
) -> None:
    now = dt.datetime.now(dt.UTC)
    written = verify_article_flow(
        str(SAMPLE),
        str(tmp_path / "flow"),
        archive=str(tmp_path / "flow-archive"),
        sources_warc=[str(SAMPLE_WARC)],
        now=now,
    )
    assert written == str(tmp_path / "flow" / "report.json")

    article = read_article(SAMPLE)
    options = SourceOptions(tmp_path / "direct-archive", True, (SAMPLE_WARC,))
    sources = gather_sources(article, options, now, lambda _: None)
    claims = check_claims(article, sources)
    write_outputs(check_article(article, sources, now, claims), tmp_path / "direct")

    by_flow, direct = _results(Path(written)), _results(tmp_path / "direct" / "report.json")
    assert by_flow["findings"] and by_flow["findings"] == direct["findings"]
    assert [s["state"] for s in by_flow["sources"]] == [s["state"] for s in direct["sources"]]

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    keys = ["verify-danube-ports", "findings-danube-ports"]
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=keys))
        )
    assert {a.type for a in found} == {"markdown", "table"}
    summary = next(a for a in found if a.type == "markdown")
    assert f"**{len(direct['findings'])} findings**" in str(summary.data)
    assert "report.md" in str(summary.data)


def test_verify_flow_fetches_each_source_once_and_a_rerun_reads_the_archive(
    prefect_server: Path, tmp_path: Path
) -> None:
    with LocalSite() as site, LocalSite("127.0.0.2") as other:
        ok = site.add("/story", PAGE, headers=HTML)
        gone = other.url("/gone")
        article = write_article(tmp_path, [ok, gone])
        for run in ("first", "second"):
            verify_article_flow(
                str(article),
                str(tmp_path / run),
                archive=str(tmp_path / "archive"),
                allow_private=True,
                wayback=False,
            )
        assert site.hits["/story"] == 1 and other.hits["/gone"] == 1

    for run in ("first", "second"):
        report = _results(tmp_path / run / "report.json")
        assert [s["state"] for s in report["sources"]] == ["ok", "failing"]


@pytest.mark.parametrize("mode", ["flow", "direct"])
def test_retry_after_is_honoured_by_the_flow_and_the_direct_check(
    prefect_server: Path, tmp_path: Path, mode: str
) -> None:
    times: list[float] = []

    def busy(handler: BaseHTTPRequestHandler) -> None:
        times.append(time.monotonic())
        status, body = (429, b"slow down") if len(times) == 1 else (200, PAGE)
        handler.send_response(status)
        if status == 429:
            handler.send_header("Retry-After", "2")
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    root = tmp_path / "archive"
    with LocalSite() as site:
        url = site.add_handler("/busy", busy)
        _seed(root, dt.datetime.now(dt.UTC) - dt.timedelta(days=2), {url: PAGE})
        if mode == "flow":
            data = check_links_flow(archive=str(root), out=str(tmp_path / "r"), allow_private=True)
        else:
            args = ["check-links", "--direct", "--archive", str(root), "--allow-private"]
            assert main([*args, "--out", str(tmp_path / "r")]) == 0
            data = _results(tmp_path / "r" / "linkrot.json")
    assert len(times) == 2 and times[1] - times[0] >= 2.0  # not the backoff's 0.5-1 s
    assert data["states"] == {"ok": 1}


def test_flow_runs_are_named_after_the_article_and_link_to_the_review_server(
    prefect_server: Path, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client

    state = verify_article_flow(
        str(SAMPLE), str(tmp_path / "out"), archive=str(tmp_path / "a"),
        sources_warc=[str(SAMPLE_WARC)], return_state=True,
    )  # fmt: skip
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(state.state_details.flow_run_id)  # type: ignore[arg-type]
        artifacts = client.read_artifacts()
    assert run.name == f"verify {SAMPLE.name}"
    summary = next(a for a in artifacts if a.key == "verify-danube-ports")
    assert "](http://127.0.0.1:8765/)" in str(summary.data) and "file://" not in str(summary.data)


def test_a_check_that_reaches_nothing_ends_failed_and_the_cli_says_so(
    prefect_server: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with LocalSite() as site:
        gone = site.url("/page")  # the server stops below: nothing answers there any more
    root = tmp_path / "archive"
    _seed(root, dt.datetime.now(dt.UTC) - dt.timedelta(days=2), {gone: PAGE})
    state = check_links_flow(archive=str(root), allow_private=True, return_state=True)
    assert state.is_failed() and "reached none" in str(state.message)
    args = ["check-links", "--archive", str(root), "--allow-private", "--due-after", "0"]
    assert main([*args, "--direct"]) == 1
    assert "citewatch: warning: reached none of the 1 links" in capsys.readouterr().err
    assert main([*args, "--flow"]) == 1
    err = capsys.readouterr().err
    assert "citewatch: warning: reached none" in err and "Traceback" not in err


def test_check_links_retries_a_transient_error_but_not_a_404(
    prefect_server: Path, tmp_path: Path
) -> None:
    def flaky(handler: BaseHTTPRequestHandler) -> None:
        status, body = (503, b"busy") if site.hits["/flaky"] == 1 else (200, PAGE)
        handler.send_response(status)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    with LocalSite() as site:
        flaky_url, gone = site.add_handler("/flaky", flaky), site.url("/gone")
        _seed(tmp_path / "archive", dt.datetime.now(dt.UTC) - dt.timedelta(days=2),
              {flaky_url: PAGE, gone: PAGE})  # fmt: skip
        data = check_links_flow(archive=str(tmp_path / "archive"), allow_private=True)
        assert site.hits["/flaky"] == 2 and site.hits["/gone"] == 1
    assert data["states"] == {"ok": 1, "failing": 1}
    assert data["changes"]["failing"] == [gone]


def test_check_links_404_turns_failing_then_dead_and_the_report_lists_changes(
    prefect_server: Path, tmp_path: Path
) -> None:
    root, out, now = tmp_path / "archive", tmp_path / "linkrot", dt.datetime.now(dt.UTC)
    with LocalSite() as site, LocalSite("127.0.0.2") as other, LocalSite("127.0.0.3") as third:
        gone, same = site.url("/gone"), other.add("/same", PAGE, headers=HTML)
        moved = third.add("/moved", OTHER, headers=HTML)
        _seed(root, now - dt.timedelta(days=5), {gone: PAGE, same: PAGE, moved: PAGE})

        first = check_links_flow(archive=str(root), out=str(out), allow_private=True)
        assert first["checked"] == 3 and first["previous_run"] is None
        assert first["changes"] == {
            "dead": [],
            "failing": [gone],
            "drifted": [moved],
            "recovered": [],
        }
        again = check_links_flow(archive=str(root), out=str(out), allow_private=True)
        assert again["checked"] == 0  # fetched minutes ago: not due

        with Archive.open(root) as archive:  # two earlier failures, a day apart
            for days in (3, 2):
                when = now - dt.timedelta(days=days)
                archive.record_state(StateChange(gone, when, LinkState.FAILING, 404, "HTTP 404"))
        second = check_links_flow(
            archive=str(root), out=str(out), due_after_hours=0, allow_private=True
        )
        assert second["changes"] == {"dead": [gone], "failing": [], "drifted": [], "recovered": []}
        assert second["previous_run"] == again["generated_at"]

        site.add("/gone", PAGE, headers=HTML)
        third_run = check_links_flow(
            archive=str(root), out=str(out), due_after_hours=0, allow_private=True
        )
        assert third_run["changes"]["recovered"] == [gone]
        assert site.hits["/gone"] == 3 and other.hits["/same"] == 3

    with Archive.open(root) as archive:
        states = [c.state for c in archive.state_history(gone)]
    assert states[-2:] == [LinkState.DEAD, LinkState.OK]
    report = _results(out / "linkrot.json")
    assert {x["url"]: x["state"] for x in report["links"]} == {gone: "ok", same: "ok", moved: "ok"}
    assert "newly recovered" in (out / "linkrot.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_verify_flow_on_a_local_dask_cluster(prefect_server: Path, tmp_path: Path) -> None:
    try:
        import distributed  # noqa: F401
        import prefect_dask  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"Dask is not installed ({exc}): pip install prefect-dask 'dask[distributed]'")
    dask_flow = with_dask(verify_article_flow, workers=1)
    try:
        written = dask_flow(
            str(SAMPLE),
            str(tmp_path / "dask"),
            archive=str(tmp_path / "archive"),
            sources_warc=[str(SAMPLE_WARC)],
        )
    except (OSError, TimeoutError) as exc:  # no sockets or processes for a cluster here
        pytest.skip(f"a local Dask cluster could not start: {exc}")
    assert _results(Path(written))["findings"]


def test_cli_verify_runs_the_flow(prefect_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]

    sample = Path(__file__).resolve().parents[2] / "sample"
    out = tmp_path / "out"
    assert (
        main(
            [
                "verify",
                str(sample / "danube-ports.txt"),
                "--sources",
                str(sample / "danube-ports.sources.warc.gz"),
                "--archive",
                str(tmp_path / "a"),
                "--decisions",
                str(tmp_path / "d.sqlite"),
                "--out",
                str(out),
                "--flow",
            ]
        )
        == 0
    )
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {c["verdict"] for c in report["claims"]} >= {"supported", "contradicted"}
    assert (out / "report.html").exists()


def test_serve_without_a_server_says_how_to_start_one(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "prefect server start" in err and len(err.strip().splitlines()) == 1


def test_cli_check_links_writes_the_link_report(prefect_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]

    args = ["check-links", "--archive", str(tmp_path / "a"), "--out", str(tmp_path / "r")]
    assert main([*args, "--flow"]) == 0
    assert (tmp_path / "r" / "linkrot.md").read_text(encoding="utf-8").startswith("# citewatch")


def test_check_links_finds_a_site_that_answers_every_address_with_one_page(
    prefect_server: Path, tmp_path: Path
) -> None:
    root, now = tmp_path / "archive", dt.datetime.now(dt.UTC)
    with LocalSite() as site:
        site.add("*", PAGE, headers=HTML)  # any path, the same 200 page
        url = site.url("/story/123")
        _seed(root, now - dt.timedelta(days=5), {url: PAGE})
        check_links_flow(archive=str(root), out=str(tmp_path / "r"), allow_private=True)
    with Archive.open(root) as archive:
        assert archive.state_history(url)[-1].state is LinkState.SOFT_404


def test_the_flow_takes_the_article_the_cli_read_unless_the_file_changed(tmp_path: Path) -> None:
    from pipeline.tasks import article_read, read_article_task

    path = tmp_path / "article.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    read = read_article(path)
    article_read(path, read)
    assert read_article_task.fn(path) is read  # not read a second time
    assert read_article_task.fn(tmp_path / ".." / tmp_path.name / "article.txt") is read

    path.write_text(path.read_text(encoding="utf-8") + "\nA late line.\n", encoding="utf-8")
    fresh = read_article_task.fn(path)  # edited since: read again
    assert fresh is not read and fresh.sha256 != read.sha256
