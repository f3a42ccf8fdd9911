"""Article claims x gathered sources -> a `ClaimCheck` per claim: which copy to read, and the
verdicts that need no reading (`unchecked`, `source-unavailable`)."""

from __future__ import annotations

from collections.abc import Sequence

from claims.article import Article
from claims.facts import Claim, ClaimCheck, Verdict
from claims.sourcedoc import SourceDoc, prepare
from claims.verify import check_claim
from sources.model import Source
from sources.progress import advance
from sources.settings import LinkSettings

DRIFT = LinkSettings().drift_threshold


def source_doc(source: Source) -> SourceDoc | None:
    """The copy to compare with: the public archive's nearest the retrieved date, else
    citewatch's own latest snapshot."""
    if source.archived_text is not None and source.archived_text.text.strip():
        when = source.archived_copy.captured_at.date() if source.archived_copy else None
        label = f"the archived copy of {when}" if when else "the archived copy"
        page = source.archived_text
        return prepare(source.url, page.text, label, page.published, page.language, page.title)
    if source.text is not None and source.text.text.strip():
        when = source.snapshots[-1].fetched_at.date() if source.snapshots else None
        page = source.text
        return prepare(
            source.url,
            page.text,
            f"citewatch's snapshot of {when}",
            page.published,
            page.language,
            page.title,
        )
    return None


def assess_claims(
    article: Article, claims: Sequence[Claim], sources: Sequence[Source] | None
) -> list[ClaimCheck]:
    by_url = {s.url: s for s in sources or ()}
    docs: dict[str, SourceDoc | None] = {}
    results = []
    for done, claim in enumerate(claims):
        advance("weighing claims", done, len(claims))
        urls: list[str] = []
        for number in claim.notes:
            note = article.note(number)
            if note is None:
                continue
            for citation in article.resolved(note):
                urls += [u for u in citation.urls if u not in urls]
        # Sources found for the notes beyond their printed URLs: gazette issue pages.
        gazettes = [
            s.url for s in by_url.values() if set(s.notes) & set(claim.notes) and s.url not in urls
        ]
        urls += gazettes
        if not urls:
            results.append(
                ClaimCheck(claim, Verdict.UNCHECKED, reason="its notes cite no fetchable source")
            )
            continue
        readable = []
        for url in urls:
            if url not in docs:
                source = by_url.get(url)
                docs[url] = source_doc(source) if source is not None else None
            if docs[url] is not None:
                readable.append(docs[url])
        if not readable:
            results.append(
                ClaimCheck(
                    claim,
                    Verdict.SOURCE_UNAVAILABLE,
                    reason="no copy of its sources could be read",
                    sources=tuple(urls),
                )
            )
            continue
        unread = len(urls) - len(readable)
        check = check_claim(claim, [d for d in readable if d is not None], unread)
        drifted = [u for u in check.sources if (s := by_url.get(u)) and (s.drift or 0) >= DRIFT]
        if drifted and check.passage is not None and "archived" in check.passage.snapshot:
            check = ClaimCheck(
                check.claim,
                check.verdict,
                check.passage,
                check.facts,
                check.reason + "; the live page has changed since",
                check.sources,
            )
        results.append(check)
    advance("weighing claims", len(claims), len(claims))
    return results
