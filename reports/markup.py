"""A note's text -> runs the review page shows as italics, links and line breaks.

The readers keep a note's italics as `*...*` (or Markdown's `_..._`) and the URL behind linked
words as ` <url>`; notes keep their line breaks. Nothing here builds markup: the result is a
tuple of `Run`s (plain text, emphasis, link, line break) that the template wraps in `<em>`,
`<a>` and `<br>` with the text autoescaped, so a note cannot inject HTML. Written by hand
because a Markdown library would accept (and pass through) far more than these three forms,
inline HTML included. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_TOKEN = re.compile(
    r"(?P<em>(?<![\w*])\*(?=\S)(?P<em_text>[^*\n]+?)(?<=\S)\*(?![\w*])"
    r"|(?<![\w_])_(?=\S)(?P<u_text>[^_\n]+?)(?<=\S)_(?![\w_]))"
    r"|<(?P<bracketed>https?://[^\s<>]+)>"
    r"|(?P<bare>\bhttps?://[^\s<>\"]*[^\s<>\".,;:!?)\]’”])"
    r"|(?P<br>\r?\n)"
)


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a note: `kind` is "text", "em", "link" or "br"; `href` only on links."""

    kind: str
    text: str = ""
    href: str = ""


def safe_href(url: str) -> str | None:
    """The URL if it is http(s); anything else (javascript:, data:) is shown, never linked."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def note_runs(text: str) -> tuple[Run, ...]:
    """Split a note's text into plain, italic, link and line-break runs."""
    runs: list[Run] = []
    at = 0
    for match in _TOKEN.finditer(text):
        if match.start() > at:
            runs.append(Run("text", text[at : match.start()]))
        if match.group("em"):
            runs.append(Run("em", match.group("em_text") or match.group("u_text")))
        elif match.group("br"):
            runs.append(Run("br"))
        else:
            url = match.group("bracketed") or match.group("bare")
            href = safe_href(url)
            runs.append(Run("link", url, href) if href else Run("text", match.group(0)))
        at = match.end()
    if at < len(text):
        runs.append(Run("text", text[at:]))
    return tuple(runs)
