"""Text articles are decoded as fetched pages are: BOM, UTF-16/32, per-file detection, and a
warning naming the lines whose bytes did not fit, without losing a single note call."""

from __future__ import annotations

from pathlib import Path

import pytest
from articles import write_article

from claims.article import read_article
from claims.errors import UnsupportedFormat

URLS = [f"https://example.org/story-{i}" for i in range(1, 6)]


def _calls(path: Path) -> list[int]:
    return sorted(read_article(path).called_notes())


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_utf16_and_utf32_articles_read_like_utf8(tmp_path: Path, codec: str) -> None:
    utf8 = write_article(tmp_path, URLS)
    wide = tmp_path / "wide.txt"
    wide.write_bytes(utf8.read_text(encoding="utf-8").encode(codec))
    article = read_article(wide)
    assert sorted(article.called_notes()) == _calls(utf8) == [1, 2, 3, 4, 5]
    assert not article.warnings


def test_a_stray_latin1_byte_keeps_every_call_and_names_its_line(tmp_path: Path) -> None:
    path = write_article(tmp_path, URLS)
    lines = path.read_bytes().split(b"\n")
    lines[2] = b"Intro about the caf\xe9 where it was signed."  # line 3: one Latin-1 byte
    path.write_bytes(b"\n".join(lines))
    article = read_article(path)
    assert sorted(article.called_notes()) == [1, 2, 3, 4, 5]
    assert "café" in " ".join(b.text for b in article.blocks)
    (warning,) = [w for w in article.warnings if "windows-1252" in w]
    assert "line 3," in warning


def test_a_whole_windows_1251_file_is_detected_without_a_warning(tmp_path: Path) -> None:
    path = write_article(tmp_path, URLS)
    text = path.read_text(encoding="utf-8")
    body = "Влада Републике Србије усвојила је споразум о сарадњи у области одбране. " * 8
    legacy = tmp_path / "legacy.txt"
    # no superscript digits exist in windows-1251: the calls are bracketed numbers there
    legacy_text = text.replace("Intro", body)
    for i in range(1, 6):
        legacy_text = legacy_text.replace(f"Claim {i}.{'¹²³⁴⁵'[i - 1]}", f"Claim {i}.[{i}]")
    legacy.write_bytes(legacy_text.encode("cp1251"))
    article = read_article(legacy)
    assert sorted(article.called_notes()) == [1, 2, 3, 4, 5]
    assert "споразум о сарадњи" in " ".join(b.text for b in article.blocks)
    assert not article.warnings


def test_a_binary_file_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(UnsupportedFormat):
        read_article(path)


@pytest.mark.brief
def test_brief_text_with_a_stray_latin1_byte_keeps_its_116_calls(
    brief_txt: Path, tmp_path: Path
) -> None:
    path = tmp_path / "brief.txt"
    path.write_bytes(b"Caf\xe9 " + brief_txt.read_bytes())
    article = read_article(path)
    assert len(article.called_notes()) == 116
    assert not [w for w in article.warnings if "unreferenced" in w]
    assert any("line 1," in w for w in article.warnings)


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_a_word_file_that_is_no_zip_package_is_refused_as_damaged(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"article{suffix}"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(UnsupportedFormat) as refused:
        read_article(path)
    said = str(refused.value)
    assert f"not a readable {suffix} document" in said and "not supported" not in said
