"""broken-url: a URL that cannot be right as printed.

A reader who types or clicks the printed address will not reach the source: a hyphen left
from a line break splits a word of the address, a space sits inside it, or a
bracket is unbalanced. The finding gives the repaired address citewatch uses instead.
Example: <https://www.aa.com.tr/.../turkiye-ve-romanya-arasin-da-askeri-...> under the title
"Türkiye ve Romanya Arasında ..." should read ".../turkiye-ve-romanya-arasinda-askeri-...".
"""

from __future__ import annotations

from collections.abc import Iterator

from claims.article import Article
from claims.findings import Finding, Severity, note_location
from sources.notes import WHITESPACE_IN_URL, Note

# Punctuation and unmatched closing brackets at the very end belong to the sentence or to
# link syntax around the URL ("[see https://x.org/a]", "(https://x.org/a)."), not to it.
_PAIRS = {")": "(", "]": "[", "}": "{", ">": "<"}
_END_PUNCTUATION = frozenset(".,;:*'\"”’")


def _unbalanced(url: str) -> bool:
    """Brackets opened and closed unequally inside the address (its trailing closers aside)."""
    core = url
    while core:
        last = core[-1]
        opener = _PAIRS.get(last)
        if last in _END_PUNCTUATION or (opener and core.count(last) > core.count(opener)):
            core = core[:-1]
        else:
            break
    return core.count("(") != core.count(")") or core.count("[") != core.count("]")


def _finding(article: Article, note: Note, message: str, evidence: dict[str, object]) -> Finding:
    return Finding(
        kind="broken-url",
        severity=Severity.WARNING,
        message=f"{note.name}: {message}",
        notes=(note.number,),
        location=note_location(article, note.number),
        evidence=evidence,
    )


def check(article: Article) -> Iterator[Finding]:
    for note in article.notes:
        for citation in note.citations:
            for repair in citation.url_repairs:
                if article.format in ("pdf", "html") and repair.reason == WHITESPACE_IN_URL:
                    continue  # a PDF or a web page breaks long URLs at line ends: layout
                yield _finding(
                    article,
                    note,
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
                # "www.example.org/page" printed without a scheme is a style's choice (Chicago,
                # MLA), not a broken address, so only the brackets are looked at.
                if _unbalanced(url):
                    problem = "unbalanced brackets"
                if problem:
                    yield _finding(
                        article,
                        note,
                        f"the URL {url} has {problem}; check the address as printed",
                        {"printed": url, "reason": problem},
                    )
            if citation.raw.count("<") > citation.raw.count(">"):
                yield _finding(
                    article,
                    note,
                    "an angle bracket opened before a URL is never closed; the URL's end is "
                    "uncertain",
                    {"printed": citation.raw, "reason": "unclosed angle bracket"},
                )
