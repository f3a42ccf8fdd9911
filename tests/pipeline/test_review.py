"""Review decisions: the SQLite store, JSON export/import, apply(), and the review server."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claims.article import read_article
from claims.findings import Finding, Location, Severity
from pipeline.decisions import DecisionError, DecisionStore, apply, fingerprint
from pipeline.review import ReviewServer, serve_review
from pipeline.stages import SourceOptions, check_article, check_claims, gather_sources
from reports.html import render_html
from reports.model import Report, finding_json, report_json
from sources.errors import CitewatchError

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample" / "danube-ports.txt"
SAMPLE_WARC = REPO / "sample" / "danube-ports.sources.warc.gz"
WHEN = dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)
LATER = WHEN + dt.timedelta(days=1)


def _finding(**evidence: Any) -> Finding:
    return Finding(
        "link-dead",
        Severity.ERROR,
        "https://example.org/a is gone",
        (3,),
        Location(1, 2, "A sentence citing note 3."),
        {"url": "https://example.org/a", "state": "dead", **evidence},
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DecisionStore]:
    with DecisionStore.open(tmp_path / "decisions.sqlite") as opened:
        yield opened


def test_decisions_survive_closing_and_reopening_the_store(tmp_path: Path) -> None:
    path = tmp_path / "d" / "decisions.sqlite"
    finding = finding_json(_finding())
    with DecisionStore.open(path) as store:
        made = store.record_finding(finding, "dismissed", "archived elsewhere", WHEN)
        store.record("f" * 24, "confirmed", "", WHEN)
    with DecisionStore.open(path) as store:
        assert store.get(fingerprint(finding)) == made
        assert made.kind == "link-dead" and made.summary == finding["message"]
        assert set(store.all()) == {fingerprint(finding), "f" * 24}
        assert store.forget("f" * 24) and store.get("f" * 24) is None
    assert sqlite3.connect(path).execute("SELECT count(*) FROM decisions").fetchone() == (1,)


def test_the_latest_decision_on_a_finding_counts(store: DecisionStore) -> None:
    store.record("a" * 24, "dismissed", "not relevant", WHEN)
    store.record("a" * 24, "confirmed", "on second thought", LATER)
    assert store.get("a" * 24) is not None
    assert store.get("a" * 24).decision == "confirmed"  # type: ignore[union-attr]


def test_a_dismissal_needs_a_reason_and_decisions_have_two_values(store: DecisionStore) -> None:
    with pytest.raises(DecisionError, match="reason"):
        store.record("a" * 24, "dismissed", "  ", WHEN)
    with pytest.raises(DecisionError, match="unknown decision"):
        store.record("a" * 24, "ignored", "x", WHEN)
    assert store.all() == {}


def test_export_and_import_carry_decisions_to_another_store(
    store: DecisionStore, tmp_path: Path
) -> None:
    store.record_finding(finding_json(_finding()), "dismissed", "known — see ticket 12", WHEN)
    store.record("b" * 24, "confirmed", "", WHEN)
    exported = tmp_path / "decisions.json"
    assert store.export_json(exported) == 2
    assert json.loads(exported.read_text("utf-8"))["format"] == "citewatch-decisions"
    with DecisionStore.open(tmp_path / "other.sqlite") as other:
        assert other.import_json(exported) == 2
        assert other.all() == store.all()


def test_import_keeps_the_newer_of_two_decisions(store: DecisionStore, tmp_path: Path) -> None:
    store.record("a" * 24, "dismissed", "old view", WHEN)
    store.export_json(tmp_path / "old.json")
    store.record("a" * 24, "confirmed", "new view", LATER)
    assert store.import_json(tmp_path / "old.json") == 0
    assert store.get("a" * 24).reason == "new view"  # type: ignore[union-attr]


def test_import_refuses_a_file_that_is_not_an_export(store: DecisionStore, tmp_path: Path) -> None:
    bad = tmp_path / "report.json"
    bad.write_text('{"findings": []}', encoding="utf-8")
    with pytest.raises(DecisionError, match="not a citewatch decisions export"):
        store.import_json(bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(DecisionError, match="cannot read"):
        store.import_json(bad)


def test_a_dismissed_finding_is_not_raised_again_unless_its_evidence_changed(
    store: DecisionStore,
) -> None:
    dismissed = _finding(checked=[{"at": "2026-01-01T00:00:00+00:00", "state": "dead"}])
    other = Finding("missing-note", Severity.ERROR, "note 20", (20,), Location(4, 9, "End."))
    store.record_finding(finding_json(dismissed), "dismissed", "the page moved", WHEN)
    next_run = _finding(checked=[{"at": "2026-02-01T00:00:00+00:00", "state": "dead"}])
    assert apply([next_run, other], store) == ([other], [next_run])
    changed = _finding(status=410)
    assert apply([changed, other], store) == ([changed, other], [])


def test_a_confirmed_finding_stays_raised(store: DecisionStore) -> None:
    store.record_finding(finding_json(_finding()), "confirmed", "real problem", WHEN)
    assert apply([_finding()], store.all()) == ([_finding()], [])


# --- the review server -----------------------------------------------------------------


def run_sample(article: Path, archive: Path) -> Report:
    """The verify stages on an article with the sample's sources, offline from its WARC."""
    shutil.rmtree(archive, ignore_errors=True)
    parsed = read_article(article)
    options = SourceOptions(archive=archive, online=False, imports=(SAMPLE_WARC,))
    sources = gather_sources(parsed, options, WHEN, lambda _: None)
    return check_article(parsed, sources, WHEN, check_claims(parsed, sources))


def write_run(report: Report, out: Path, **render: Any) -> None:
    """What `write_outputs` will write for the review: report.json and report.html."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report_json(report)), encoding="utf-8")
    (out / "report.html").write_text(render_html(report, **render), encoding="utf-8")


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    archive = tmp_path_factory.mktemp("archive")
    report = run_sample(SAMPLE, archive)
    return report, archive


@pytest.fixture
def server(
    sample_run: tuple[Report, Path], tmp_path: Path, store: DecisionStore
) -> Iterator[ReviewServer]:
    report, archive = sample_run
    write_run(report, tmp_path / "out")
    running = ReviewServer(tmp_path / "out", store, archive, clock=lambda: LATER).start()
    yield running
    running.stop()


def _request(
    server: ReviewServer, method: str, path: str, body: Any = None, **headers: str
) -> tuple[int, str, http.client.HTTPResponse]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    data = json.dumps(body).encode() if body is not None else None
    if data is not None:
        headers.setdefault("Content-Type", "application/json")
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    text = response.read().decode("utf-8")
    conn.close()
    return response.status, text, response


def test_server_listens_on_127_0_0_1_and_serves_the_report(server: ReviewServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    status, text, response = _request(server, "GET", "/")
    assert status == 200 and 'id="items"' in text
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_a_posted_decision_is_stored_in_sqlite(
    server: ReviewServer, sample_run: tuple[Report, Path]
) -> None:
    finding = finding_json(sample_run[0].findings[0])
    fp = fingerprint(finding)
    body = {"fingerprint": fp, "decision": "dismissed", "reason": "checked by hand"}
    origin = server.url.rstrip("/")
    status, text, _ = _request(server, "POST", "/api/decisions", body, Origin=origin)
    assert status == 200, text
    assert json.loads(text)["at"] == LATER.isoformat()
    with DecisionStore.open(server.store.path) as again:
        saved = again.get(fp)
    assert saved is not None and saved.decision == "dismissed"
    assert saved.reason == "checked by hand" and saved.kind == finding["kind"]
    status, text, _ = _request(server, "GET", "/api/decisions")
    assert [d["fingerprint"] for d in json.loads(text)] == [fp]


def test_server_refuses_posts_from_other_origins_hosts_and_forms(
    server: ReviewServer, sample_run: tuple[Report, Path]
) -> None:
    fp = fingerprint(finding_json(sample_run[0].findings[0]))
    body = {"fingerprint": fp, "decision": "confirmed", "reason": ""}
    assert _request(server, "POST", "/api/decisions", body, Origin="https://evil.example")[0] == 403
    assert _request(server, "POST", "/api/decisions", body, Host="evil.example")[0] == 421
    plain = {"Content-Type": "text/plain"}
    assert _request(server, "POST", "/api/decisions", body, **plain)[0] == 415
    assert server.store.all() == {}


def test_server_rejects_unknown_findings_and_reasonless_dismissals(server: ReviewServer) -> None:
    body = {"fingerprint": "0" * 24, "decision": "confirmed", "reason": ""}
    assert _request(server, "POST", "/api/decisions", body)[0] == 404
    fp = _request(server, "GET", "/")[1].split('data-fp="', 1)[1][:24]
    status, text, _ = _request(
        server, "POST", "/api/decisions", {"fingerprint": fp, "decision": "dismissed"}
    )
    assert status == 422 and "reason" in text


def test_snapshot_text_is_served_from_the_archive_as_inert_plain_text(
    server: ReviewServer,
) -> None:
    url = "https://riverherald.example.org/2001/03/12/danube-ports-sign-new-pilotage-deal"
    status, text, response = _request(server, "GET", f"/snapshot?url={url}")
    assert status == 200 and "Vidin" in text
    assert response.getheader("Content-Type") == "text/plain; charset=utf-8"
    assert "sandbox" in (response.getheader("Content-Security-Policy") or "")
    assert _request(server, "GET", "/snapshot?url=https://nowhere.example/")[0] == 404


def test_review_command_needs_a_report_and_a_free_port(
    server: ReviewServer, tmp_path: Path, store: DecisionStore
) -> None:
    with pytest.raises(CitewatchError, match=r"no report\.html"):
        serve_review(tmp_path / "empty", store, None, 0, print)
    with pytest.raises(CitewatchError, match="pick another --port"):
        serve_review(server.out, store, None, server.port, print)
