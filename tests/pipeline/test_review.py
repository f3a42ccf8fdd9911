"""Review decisions: the SQLite store, JSON export/import, apply(), and the review server."""

from __future__ import annotations

import datetime as dt
import html
import http.client
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

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


# --- reviewers, CSV, bulk decisions, undo, report.json -------------------------------------


def test_a_store_made_before_reviewers_were_kept_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.execute(
        "CREATE TABLE decisions (fingerprint TEXT PRIMARY KEY, decision TEXT NOT NULL, "
        "reason TEXT NOT NULL, at TEXT NOT NULL, identity TEXT NOT NULL DEFAULT '', "
        "kind TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '')"
    )
    old.execute(
        "INSERT INTO decisions VALUES (?, 'confirmed', '', ?, '', '', '')",
        ("a" * 24, WHEN.isoformat()),
    )
    old.commit()
    old.close()
    with DecisionStore.open(path) as store:
        assert store.get("a" * 24) is not None and store.get("a" * 24).reviewer == ""  # type: ignore[union-attr]
        store.record("b" * 24, "confirmed", "", WHEN, reviewer="  Ana   Editor ")
        assert store.get("b" * 24).reviewer == "Ana Editor"  # type: ignore[union-attr]


def test_csv_export_lists_undecided_findings_and_a_filled_sheet_imports(
    store: DecisionStore, tmp_path: Path, sample_run: tuple[Report, Path]
) -> None:
    import csv

    findings = [finding_json(f) for f in sample_run[0].findings]
    store.record_finding(findings[0], "confirmed", "", WHEN, reviewer="Ana")
    sheet = tmp_path / "decisions.csv"
    assert store.export_csv(sheet, findings) == len(findings)
    rows = list(csv.DictReader(sheet.open(encoding="utf-8", newline="")))
    assert [r["fingerprint"] for r in rows] == [fingerprint(f) for f in findings]
    assert rows[0]["decision"] == "confirmed" and rows[0]["reviewer"] == "Ana"
    assert {r["decision"] for r in rows[1:]} == {""}
    # an editor fills two rows in a spreadsheet, with a comma and a quote in the reason
    rows[1].update(decision="dismissed", reason='house style, "as printed"', reviewer="Bo")
    rows[2].update(decision="Confirmed", reviewer="Bo")
    with sheet.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with DecisionStore.open(tmp_path / "other.sqlite") as other:
        assert other.import_csv(sheet, LATER) == 3
        taken = other.all()
    first, second, third = (fingerprint(f) for f in findings[:3])
    assert taken[first].at == WHEN and taken[second].at == LATER
    assert (taken[second].decision, taken[second].reason) == (
        "dismissed",
        'house style, "as printed"',
    )
    assert (taken[third].decision, taken[third].reviewer) == ("confirmed", "Bo")
    rows[3].update(decision="dismissed")  # without a reason: refused, with the line
    with sheet.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DecisionError, match=r"decisions\.csv:5: a dismissal needs a reason"):
        store.import_csv(sheet, LATER)


def test_the_decisions_command_exports_and_imports_csv(
    tmp_path: Path, sample_run: tuple[Report, Path]
) -> None:
    from pipeline.cli import main

    write_run(sample_run[0], tmp_path / "out")
    db, sheet = tmp_path / "d.sqlite", tmp_path / "sheet.csv"
    assert (
        main(
            [
                "decisions",
                "export",
                str(sheet),
                "--report",
                str(tmp_path / "out"),
                "--decisions",
                str(db),
            ]
        )
        == 0
    )
    text = sheet.read_text(encoding="utf-8")
    assert text.startswith("fingerprint,kind,summary,decision,reason,reviewer,at,identity")
    assert len(text.splitlines()) == len(sample_run[0].findings) + 1
    assert main(["decisions", "import", str(sheet), "--decisions", str(db)]) == 0
    with DecisionStore.open(db) as store:
        assert store.all() == {}  # nothing was filled in


def test_bulk_decisions_undo_and_report_json_through_the_server(
    server: ReviewServer, sample_run: tuple[Report, Path]
) -> None:
    findings = [finding_json(f) for f in sample_run[0].findings]
    fps = [fingerprint(f) for f in findings if f["kind"] == "claim-unsupported"]
    one = fingerprint(findings[0])
    body = {"fingerprint": one, "decision": "confirmed", "reviewer": "Ana"}
    assert _request(server, "POST", "/api/decisions", body)[0] == 200
    body = {"fingerprints": fps, "decision": "dismissed", "reason": "books", "reviewer": "Bo"}
    status, text, _ = _request(server, "POST", "/api/decisions/bulk", body)
    assert status == 200 and [d["fingerprint"] for d in json.loads(text)] == fps
    report = json.loads((server.out / "report.json").read_text(encoding="utf-8"))
    assert {(d["fingerprint"], d["reviewer"]) for d in report["decisions"]} == {
        (one, "Ana"),
        *((fp, "Bo") for fp in fps),
    }
    status, text, _ = _request(server, "POST", "/api/undo", {})
    assert status == 200 and {d["fingerprint"] for d in json.loads(text)} == set(fps)
    assert set(server.store.all()) == {one}
    report = json.loads((server.out / "report.json").read_text(encoding="utf-8"))
    assert [d["fingerprint"] for d in report["decisions"]] == [one]
    # a bulk decision with one bad fingerprint records nothing
    body = {"fingerprints": [fps[0], "0" * 24], "decision": "confirmed", "reviewer": "Bo"}
    assert _request(server, "POST", "/api/decisions/bulk", body)[0] == 404
    assert set(server.store.all()) == {one}
    _request(server, "POST", "/api/undo", {})
    assert (
        server.store.all() == {} and json.loads(_request(server, "POST", "/api/undo", {})[1]) == []
    )


def test_snapshot_page_marks_the_passage_escaped(server: ReviewServer) -> None:
    url = "https://riverherald.example.org/2001/03/12/danube-ports-sign-new-pilotage-deal"
    plain = _request(server, "GET", f"/snapshot?url={url}")[1]
    body = plain.split("\n\n", 1)[1]
    start = body.index("Vidin")
    status, text, response = _request(
        server, "GET", f"/snapshot?url={url}&start={start}&end={start + 5}"
    )
    assert status == 200 and '<mark id="passage">Vidin</mark>' in text
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert "sandbox" in (response.getheader("Content-Security-Policy") or "")
    status, text, _ = _request(server, "GET", f"/snapshot?url={url}&start=5&end=999999")
    assert status == 200 and "<mark" not in text
    assert _request(server, "GET", f"/snapshot?url={url}&start=a&end=b")[0] == 400


def test_snapshot_page_marks_the_claims_facts_inside_and_outside_the_passage(
    server: ReviewServer,
) -> None:
    claims = json.loads((server.out / "report.json").read_text("utf-8"))["claims"]
    # The sample's gazette page names the party a heading away from the matched passage.
    claim, fact = next(
        (c, f)
        for c in claims
        if c["evidence"]["offsets"]
        for f in c["evidence"]["facts"]
        if f["source"] == c["evidence"]["source"]
        and f["source_span"]
        and not (
            c["evidence"]["offsets"][0] <= f["source_span"][0]
            and f["source_span"][1] <= c["evidence"]["offsets"][1]
        )
    )
    url, (start, end) = claim["evidence"]["source"], claim["evidence"]["offsets"]
    body = _request(server, "GET", f"/snapshot?url={quote(url)}")[1].split("\n\n", 1)[1]
    status, text, _ = _request(server, "GET", f"/snapshot?url={quote(url)}&start={start}&end={end}")
    a, b = fact["source_span"]
    unfacted = re.sub(r'<mark class="fact [^>]*>([^<]*)</mark>', r"\1", text)
    assert status == 200 and f'<mark id="passage">{html.escape(body[start:end])}</mark>' in unfacted
    marked = re.findall(r'<mark class="fact fact-(\w+)"[^>]*>([^<]*)</mark>', text)
    assert (fact["status"], html.escape(body[a:b])) in marked
    assert "1 outside the marked passage" in text
    # Another passage of the same page is no claim's: nothing but the passage is marked.
    status, text, _ = _request(server, "GET", f"/snapshot?url={quote(url)}&start=0&end=1")
    assert status == 200 and 'class="fact' not in text


BRIEF_PDF = REPO.parent / "shared" / "article" / "balkans-military-activism.pdf"


def test_page_image_of_a_pdf_article_outlines_the_sentence(
    tmp_path: Path, store: DecisionStore
) -> None:
    if not BRIEF_PDF.exists():
        pytest.skip(f"the brief's article PDF is not at {BRIEF_PDF}")
    import io

    from PIL import Image

    article = read_article(BRIEF_PDF)
    write_run(check_article(article, None, WHEN), tmp_path / "out")
    block = next(b for b in article.blocks if b.page == 2 and b.sentences)
    sentence = block.sentences[0].text
    running = ReviewServer(tmp_path / "out", store).start()
    try:

        def outlined(text: str) -> int:
            conn = http.client.HTTPConnection("127.0.0.1", running.port, timeout=30)
            conn.request("GET", "/page.png?n=2&text=" + quote(text))
            response = conn.getresponse()
            body = response.read()
            conn.close()
            assert response.status == 200 and response.getheader("Content-Type") == "image/png"
            image = Image.open(io.BytesIO(body)).convert("RGB")
            colours = image.getcolors(maxcolors=1 << 24) or []
            return sum(n for n, colour in colours if colour == (179, 38, 30))

        assert outlined(sentence) > 200  # the outline is drawn around the printed sentence
        assert outlined("words that are printed nowhere in this article") == 0
        assert _request(running, "GET", "/page.png?n=999&text=x")[0] == 404
        (tmp_path / "copy.pdf").write_bytes(BRIEF_PDF.read_bytes() + b"\n%changed")
        data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
        data["article"]["path"] = str(tmp_path / "copy.pdf")
        (tmp_path / "out" / "report.json").write_text(json.dumps(data), encoding="utf-8")
        assert _request(running, "GET", "/page.png?n=2&text=x")[0] == 409  # not the same file
    finally:
        running.stop()
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert '<img src="/page.png?n=2&amp;text=' in html


def test_a_text_article_has_no_page_images(server: ReviewServer) -> None:
    assert _request(server, "GET", "/page.png?n=1&text=x")[0] == 404
    assert "/page.png" not in _request(server, "GET", "/")[1]
