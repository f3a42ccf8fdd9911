"""PDF title blocks: raised affiliation marks on the authors' names are not note calls.

A paper's first page may print "Ada Example¹, Bob Sample²" over a list of affiliations each
opening with its raised mark ("¹ University of ...") in the title block, not at the page's
foot. Those marks look like calls; read as calls, they outnumber the real footnotes and hide
them. They are told apart by their list: on the first page, lines outside the footnote zone
that open with a raised number, right below the lines whose marks they answer.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from claims.layout import CALL_OPEN, CALL_RE, strip_calls
from claims.readers.pdf_page import Line

_OPENING_RE = re.compile(f"^\\s*{CALL_OPEN}(\\d+)")
_MIN_LABELS = 2  # a list of one affiliation is not told from a stray line
_ANSWERED = 0.5  # share of the authors' marks the list must answer


def drop_affiliation_marks(lines: Sequence[Line], texts: list[str], taken: Collection[int]) -> bool:
    """Take the affiliation marks, and their list's labels, out of `texts` (in place); whether
    there were any.

    The list: first-page lines outside the footnote zone (`taken`) from the first to the last
    that opens with a raised number. The authors: the lines holding marks right above it.
    Their marks are affiliations when the list's labels answer at least half of them.
    """
    if not lines:
        return False
    first_page = lines[0].page
    page = [i for i, line in enumerate(lines) if line.page == first_page and i not in taken]
    opening = {i: int(m.group(1)) for i in page if (m := _OPENING_RE.match(texts[i]))}
    if len(opening) < _MIN_LABELS:
        return False
    start, end = min(opening), max(opening)
    authors: list[int] = []
    for i in reversed([i for i in page if i < start]):
        if CALL_OPEN not in texts[i]:
            break
        authors.append(i)
    marks = {int(n) for i in authors for n in CALL_RE.findall(texts[i])}
    labels = set(opening.values())
    if not marks or len(labels & marks) < max(_MIN_LABELS, _ANSWERED * len(marks)):
        return False
    for i in [*authors, *(i for i in page if start <= i <= end)]:
        texts[i] = strip_calls(texts[i]).strip()
    return True
