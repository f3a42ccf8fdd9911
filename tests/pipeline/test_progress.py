"""Progress on long work (issue 16): stages report, the CLI shows bars on a terminal and
throttled lines elsewhere."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from claims.article import read_article
from claims.checks import checks_for, run_checks
from pipeline import progress as shown
from sources.progress import advance, listening

REPO = Path(__file__).resolve().parents[2]
PDF = REPO / "tests" / "data" / "pdf" / "two-columns.pdf"


def test_nothing_listens_by_default_and_a_listener_hears_only_its_block() -> None:
    heard: list[tuple[str, int, int | None]] = []
    advance("ignored", 1, 2)  # no listener: no effect, no error
    with listening(lambda *event: heard.append(event)):
        advance("work", 1, 3)
    advance("after", 1, 1)
    assert heard == [("work", 1, 3)]


def test_the_pdf_reader_and_the_checks_report_their_progress() -> None:
    heard: list[tuple[str, int, int | None]] = []
    with listening(lambda *event: heard.append(event)):
        article = read_article(PDF)
        run_checks(article)
    pages = [e for e in heard if e[0] == "reading PDF pages"]
    assert pages[0][1] == 0 and pages[-1][1] == pages[-1][2] >= 1
    assert [d for _, d, _ in pages] == sorted(d for _, d, _ in pages)
    checks = [e for e in heard if e[0] == "running checks"]
    assert checks[-1][1:] == (len(checks_for(None)), len(checks_for(None)))


def test_lines_are_throttled_and_short_tasks_say_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 0.5, 1.0, 11.0, 12.0, 25.0, 0.0, 1.0])
    monkeypatch.setattr(shown.time, "monotonic", lambda: next(clock))
    out = io.StringIO()
    say = shown._Lines(out)
    for done in range(6):  # 0 s, 0.5 s, 1 s, 11 s, 12 s, 25 s (done)
        say("reading PDF pages", done, 5)
    say("running checks", 0, 2)  # 0 s
    say("running checks", 2, 2)  # 1 s: finished quickly, never mentioned
    assert out.getvalue().splitlines() == [
        "reading PDF pages: 3/5 (11 s)",
        "reading PDF pages: 5/5 (25 s)",
    ]


def test_progress_is_off_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(shown.ENV, "0")
    out = io.StringIO()
    with shown.showing_progress(out):
        advance("work", 1, 2)
    assert out.getvalue() == ""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_terminal_sees_a_progress_bar_while_verify_reads_a_pdf(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    env.pop(shown.ENV, None)
    command = [sys.executable, "-m", "pipeline.cli", "verify", str(PDF), "--no-sources"]
    run = subprocess.Popen(
        [*command, "--direct", "--out", str(tmp_path / "r"), "--decisions", str(tmp_path / "d")],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the pty closes when the command ends
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert run.wait(timeout=120) in (0, 1)
    text = seen.decode("utf-8", "replace")
    assert "reading PDF pages" in text and "running checks" in text
    assert "━" in text  # rich's bar
