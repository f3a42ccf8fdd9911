"""duplicate-sentence: a body sentence printed twice, verbatim or nearly.

A repeated sentence is a copy-and-paste or layout error that slipped through editing; a near
copy often means an earlier draft of the sentence survived beside the revised one. Pull
quotes and captions repeat body sentences by design and are never counted. Sentences that
differ in a date, a figure or a name are parallel statements, not duplicates.
Example: "On February 20, 1992, Türkiye and Romania signed the Agreement ... in Bucharest."
printed twice in a row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from claims.article import Article, Sentence
from claims.findings import Finding, Location, Severity
from claims.layout import BlockKind
from claims.match import similar_pairs

MIN_WORDS = 8  # words of letters: a run of line numbers or a formula is not a sentence
# A near copy is an earlier draft surviving beside its revision, so it sits close by; further
# apart, a sentence that differs a little is a deliberate parallel (a tutorial's repeated
# instruction, a book's refrain). Verbatim copies are reported at any distance, far ones as info.
NEAR_WINDOW = 12  # sentences
# Near copies: at least this similar (0-100). Parallel sentences of a list of agreements
# ("On <date>, Türkiye and <country> signed ...") score 80-88 on the brief's article.
NEAR_CUTOFF = 90.0


def _normal(text: str) -> str:
    text = text.casefold().replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’.,-]+", text)


def _differences(a: str, b: str) -> list[tuple[str, str]]:
    wa, wb = _words(a), _words(b)
    diffs = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op != "equal":
            diffs.append((" ".join(wa[i1:i2]), " ".join(wb[j1:j2])))
    return diffs


def _is_factual(diffs: list[tuple[str, str]]) -> bool:
    """A difference in digits or proper names makes two sentences state different facts."""
    for before, after in diffs:
        if before.casefold() == after.casefold():
            continue
        for word in (*before.split(), *after.split()):
            if any(ch.isdigit() for ch in word) or word[:1].isupper():
                return True
    return False


def check(article: Article) -> Iterator[Finding]:
    body: list[Sentence] = [
        s
        for block in article.blocks
        if block.kind is BlockKind.PARAGRAPH
        for s in block.sentences
        if sum(1 for w in s.text.split() if w[:1].isalpha()) >= MIN_WORDS
    ]
    normal = [_normal(s.text) for s in body]
    # Exact copies by hashing, each against the first print of its text; near copies among
    # the distinct texts only (a sentence printed 100 times is 99 findings, not 4,950).
    first_print: dict[str, int] = {}
    pairs: list[tuple[int, int, float]] = []
    for i, text in enumerate(normal):
        if text in first_print:
            pairs.append((first_print[text], i, 100.0))
        else:
            first_print[text] = i
    distinct = list(first_print.values())
    texts = [normal[i] for i in distinct]
    pairs += [(distinct[a], distinct[b], s) for a, b, s in similar_pairs(texts, NEAR_CUTOFF)]
    for i, j, score in sorted(pairs):
        first, second = body[i], body[j]
        notes = tuple(dict.fromkeys((*first.notes, *second.notes)))
        where = "immediately after" if second.index == first.index + 1 else "again later than"
        evidence = {
            "first": first.text,
            "second": second.text,
            "first_sentence": first.index,
            "second_sentence": second.index,
            "similarity": round(score, 1),
        }
        if normal[i] == normal[j]:
            # Far apart, a repeat is as often a summary, an epigraph or a web page's abstract
            # printed again as a slip: worth a look, not an alarm.
            near = second.index - first.index <= NEAR_WINDOW
            yield Finding(
                kind="duplicate-sentence",
                severity=Severity.ERROR if near else Severity.INFO,
                message=f"this sentence is printed twice: sentence {second.index} repeats "
                f"sentence {first.index} word for word ({where} it); delete one copy"
                + (
                    f" and keep note {', '.join(map(str, notes))} on the one that stays"
                    if notes
                    else ""
                ),
                notes=notes,
                location=Location(second.block, second.index, second.text),
                evidence=evidence,
            )
            continue
        if second.index - first.index > NEAR_WINDOW:
            continue
        diffs = _differences(first.text, second.text)
        if _is_factual(diffs):
            continue
        changes = "; ".join(f"“{a}” → “{b}”" for a, b in diffs[:5])
        yield Finding(
            kind="duplicate-sentence",
            severity=Severity.WARNING,
            message=f"sentence {second.index} nearly repeats sentence {first.index} "
            f"({score:.0f}% similar; differs in: {changes}); keep one version",
            notes=notes,
            location=Location(second.block, second.index, second.text),
            evidence={**evidence, "differences": [list(d) for d in diffs]},
        )
