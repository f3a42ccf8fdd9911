"""duplicate-sentence: a body sentence printed twice, verbatim or nearly.

A repeated sentence is a copy-and-paste or layout error that slipped through editing; a near
copy often means an earlier draft of the sentence survived beside the revised one. Pull
quotes and captions repeat body sentences by design and are never counted. Sentences that
differ in a date, a figure or a name, or by a negation or an "also", are parallel statements,
not duplicates; a copy far away or under another heading (an abstract restated in the
introduction) is shown as info.
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
from sources.lines import fold

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


# Words whose presence or absence turns a sentence into another statement: a negation, or an
# addition that says the second sentence comes on top of the first ("This rule would require
# the following:" ... "This rule would also require the following."), in the corpus languages.
# A short list, not a lexicon: the rule needs these few function words only.
_MEANING_WORDS = frozenset(
    {
        *("not", "no", "never", "also", "additionally", "only"),
        *("nunca", "tambien", "ademas", "solo", "ne", "pas", "non", "aussi", "egalement"),
        *("jamais", "nao", "nem", "tambem", "nicht", "kein", "auch"),
    }
)


def _changes_meaning(diffs: list[tuple[str, str]]) -> bool:
    """A word added or dropped that negates or adds: a second statement, not a draft."""
    for before, after in diffs:
        words = {fold(w.strip(".,;:")) for w in (*before.split(), *after.split())}
        if words & _MEANING_WORDS:
            return True
    return False


def _sections(article: Article) -> dict[int, int]:
    """Each sentence's section: how many headings come before it. A copy in another section
    restates on purpose (an abstract, a summary, a conclusion), where a slip of editing leaves
    its copy in the same run of paragraphs."""
    section, out = 0, {}
    for block in article.blocks:
        if block.kind is BlockKind.HEADING:
            section += 1
        for sentence in block.sentences:
            out[sentence.index] = section
    return out


def check(article: Article) -> Iterator[Finding]:
    body: list[Sentence] = [
        s
        for block in article.blocks
        if block.kind is BlockKind.PARAGRAPH
        for s in block.sentences
        if sum(1 for w in s.text.split() if w[:1].isalpha()) >= MIN_WORDS
    ]
    section = _sections(article)
    normal = [_normal(s.text) for s in body]
    # Each copy of a sentence is reported once, against the copy before it; near copies are
    # looked for among distinct sentences only (comparing every pair of copies would make a
    # text repeating one sentence a thousand times give a million findings).
    last_copy: dict[str, int] = {}
    exact: list[tuple[int, int, float]] = []
    for k, text in enumerate(normal):
        if text in last_copy:
            exact.append((last_copy[text], k, 100.0))
        last_copy[text] = k
    distinct = sorted({text: k for k, text in reversed(list(enumerate(normal)))}.values())
    near = [
        (distinct[a], distinct[b], score)
        for a, b, score in similar_pairs([normal[k] for k in distinct], NEAR_CUTOFF)
    ]
    for i, j, score in sorted(exact + near):
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
        together = (
            second.index - first.index <= NEAR_WINDOW
            and section[first.index] == section[second.index]
        )
        if normal[i] == normal[j]:
            # Far apart or in another section, a repeat is as often a summary, an epigraph or
            # a web page's abstract printed again as a slip: worth a look, not an alarm.
            near = together
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
        if not together:
            continue
        diffs = _differences(first.text, second.text)
        if _is_factual(diffs) or _changes_meaning(diffs):
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
