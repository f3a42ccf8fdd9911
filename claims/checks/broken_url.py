"""broken-url: a URL that cannot be right as printed.

A reader who types or clicks the printed address will not reach the source: a hyphen left
from a line break splits a word of the address, a space sits inside it, the scheme is missing,
or a bracket is unbalanced. The finding gives the repaired address citewatch uses instead.
Example: <https://www.aa.com.tr/.../turkiye-ve-romanya-arasin-da-askeri-...> under the title
"Türkiye ve Romanya Arasında ..." should read ".../turkiye-ve-romanya-arasinda-askeri-...".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.article import Article
from claims.findings import Finding, Severity, note_location


def _finding(article: Article, note: int, message: str, evidence: dict[str, object]) -> Finding:
    return Finding(
        kind="broken-url",
        severity=Severity.WARNING,
        message=f"note {note}: {message}",
        notes=(note,),
        location=note_location(article, note),
        evidence=evidence,
    )


def check(article: Article) -> Iterator[Finding]:
    for note in article.notes:
        for citation in note.citations:
            for repair in citation.url_repairs:
                yield _finding(
                    article,
                    note.number,
                    f"the URL as printed has {repair.reason} ({repair.printed}); it most "
                    f"likely reads {repair.repaired}",
                    {
                        "printed": repair.printed,
                        "repaired": repair.repaired,
                        "reason": repair.reason,
                        "title": citation.title,
                    },
                )
            for url in citation.urls:
                problem = None
                if not re.match(r"^https?://", url, re.IGNORECASE):
                    problem = "no scheme (http:// or https://)"
                elif url.count("(") != url.count(")") or url.count("[") != url.count("]"):
                    problem = "unbalanced brackets"
                if problem:
                    yield _finding(
                        article,
                        note.number,
                        f"the URL {url} has {problem}; check the address as printed",
                        {"printed": url, "reason": problem},
                    )
            if citation.raw.count("<") > citation.raw.count(">"):
                yield _finding(
                    article,
                    note.number,
                    "an angle bracket opened before a URL is never closed; the URL's end is "
                    "uncertain",
                    {"printed": citation.raw, "reason": "unclosed angle bracket"},
                )
