"""Decoded HTML -> all its visible text and its `<title>` (the only bs4 import in sources)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_visible_text(html: str) -> str:
    """Every text node a reader sees, page chrome included, one run of whitespace per space and
    no blank lines; scripts, styles and templates dropped."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    text = soup.get_text("\n")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def html_title(html: str) -> str:
    """The page's `<title>` with whitespace collapsed, or "" when it has none."""
    title = BeautifulSoup(html, "lxml").title
    return " ".join(title.get_text().split()) if title else ""
