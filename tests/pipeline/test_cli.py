"""The `citewatch` command: outputs, help, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample" / "danube-ports.txt"


def test_parse_writes_article_json_and_csl_json(tmp_path: Path) -> None:
    out = tmp_path / "sample.json"
    assert main(["parse", str(SAMPLE), "--out", str(out)]) == 0
    article = json.loads(out.read_text(encoding="utf-8"))
    csl = json.loads((tmp_path / "sample.csl.json").read_text(encoding="utf-8"))
    assert article["article"]["title"].startswith("River of Agreements")
    assert len(article["notes"]) == 19
    assert {item["type"] for item in csl} >= {"webpage", "book", "chapter", "legislation"}
    assert all("id" in item and "title" in item for item in csl)


def test_verify_writes_parsed_article_into_directory(tmp_path: Path) -> None:
    assert (
        main(
            [
                "verify",
                str(SAMPLE),
                "--out",
                str(tmp_path / "out"),
                "--direct",
                "--no-sources",
                "--decisions",
                str(tmp_path / "d.sqlite"),
            ]
        )
        == 0
    )
    assert (tmp_path / "out" / "article.json").exists()
    assert (tmp_path / "out" / "citations.csl.json").exists()


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.md").write_text("   \n\n ")
    (tmp / "garbage.txt").write_bytes(bytes(range(256)) * 40)
    (tmp / "report.docx").write_bytes(b"PK\x03\x04rest")
    (tmp / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    (tmp / "notes-free.txt").write_text("A Title\n\nA paragraph with no notes at all.\n")
    return {
        "missing": tmp / "does-not-exist.txt",
        "directory": tmp,
        "empty": tmp / "empty.txt",
        "blank": tmp / "blank.md",
        "garbage": tmp / "garbage.txt",
        "unsupported": tmp / "report.docx",
        "corrupt pdf": tmp / "broken.pdf",
        "no endnotes": tmp / "notes-free.txt",
        "encrypted pdf": REPO / "tests" / "data" / "pdf" / "encrypted.pdf",
        "textless pdf": REPO / "tests" / "data" / "pdf" / "textless.pdf",
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "directory",
        "empty",
        "blank",
        "garbage",
        "unsupported",
        "corrupt pdf",
        "no endnotes",
        "encrypted pdf",
        "textless pdf",
    ],
)
def test_bad_input_gets_one_line_and_exit_2(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _bad_inputs(tmp_path)[case]
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("citewatch: error: ") and "Traceback" not in err


def test_usage_error_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["parse"])
    assert exit_info.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [[], ["parse"], ["verify"]])
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: citewatch" in capsys.readouterr().out


def test_console_entry_point_runs_as_a_module(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "parse", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr


def test_verify_runs_directly_when_no_server_is_configured_and_says_how_to_get_a_flow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))  # no profile either
    out = tmp_path / "out"
    args = ["verify", str(SAMPLE), "--out", str(out), "--no-sources"]
    assert main([*args, "--decisions", str(tmp_path / "d.sqlite")]) == 0
    err = capsys.readouterr().err
    assert "running verify directly, without Prefect (no server configured" in err
    assert "PREFECT_API_URL" in err and "--flow" in err
    assert (out / "report.json").exists()


@pytest.mark.parametrize("command", [["verify", str(SAMPLE), "--no-sources"], ["check-links"]])
def test_an_unreachable_prefect_server_is_one_line_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # discard port: nobody
    monkeypatch.setenv("CITEWATCH_ARCHIVE", str(tmp_path / "archive"))
    assert main([*command, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("citewatch: error: the Prefect server at http://127.0.0.1:9/api")
    assert "--direct" in err[-1] and not any("Traceback" in line for line in err)


def test_flow_without_a_server_is_refused_rather_than_starting_a_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(restore_defaults={PREFECT_API_URL}):  # even inside a test harness
        assert main(["verify", str(SAMPLE), "--no-sources", "--flow"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert "--flow needs a Prefect server" in err[-1] and "prefect server start" in err[-1]
