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


def check(article: Article) -> Iterator[Finding]:
    for note in article.notes:
        for citation in note.citations:
            for repair in citation.url_repairs:
                yield Finding(
                    kind="broken-url",
                    severity=Severity.WARNING,
                    message=f"note {note.number}: the URL as printed has {repair.reason} "
                    f"({repair.printed}); it most likely reads {repair.repaired}",
                    notes=(note.number,),
                    location=note_location(article, note.number),
                    evidence={
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
                    yield Finding(
                        kind="broken-url",
                        severity=Severity.WARNING,
                        message=f"note {note.number}: the URL {url} has {problem}; "
                        "check the address as printed",
                        notes=(note.number,),
                        location=note_location(article, note.number),
                        evidence={"printed": url, "reason": problem},
                    )
            if citation.raw.count("<") > citation.raw.count(">"):
                yield Finding(
                    kind="broken-url",
                    severity=Severity.WARNING,
                    message=f"note {note.number}: an angle bracket opened before a URL is "
                    "never closed; the URL's end is uncertain",
                    notes=(note.number,),
                    location=note_location(article, note.number),
                    evidence={"printed": citation.raw, "reason": "unclosed angle bracket"},
                )
