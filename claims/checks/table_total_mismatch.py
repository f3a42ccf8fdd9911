"""table-total-mismatch: a total row or column that is not the sum of its cells.

A wrong total misleads every reader who quotes it. When the difference equals something
recognisable, the finding says so: the header cell (a year summed as if it were a figure), a
cell counted twice, a row left out.
Example: a "TOTAL" row whose 2008 figure exceeds the column's sum by exactly 2,008.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from claims.article import Article, Block
from claims.findings import Finding, Location, Severity
from claims.layout import BlockKind

_TOTAL = re.compile(r"^\s*(?:grand\s+)?(?:total|totals|sum|toplam|ukupno|gesamt)\b", re.I)


def parse_number(cell: str) -> float | None:
    """'1,455,163' -> 1455163; '1.455.163' -> 1455163; '12.5' -> 12.5; '' or '-' -> None."""
    text = cell.strip().replace("\u2009", "").replace("\xa0", "").replace(" ", "")
    text = text.replace("−", "-").replace("–", "-")
    if not re.fullmatch(r"-?[\d.,]*\d", text):
        return None
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # hundreds of digits: text, not a figure


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


@dataclass(frozen=True, slots=True)
class _Cell:
    label: str
    value: float


def _explain(diff: float, header: str, cells: list[_Cell]) -> str | None:
    head = parse_number(header)
    if head is not None and diff == head:
        return f"exactly the column header {header} (the header was added into the total)"
    for cell in cells:
        if diff == cell.value:
            return f"exactly {cell.label}'s {_fmt(cell.value)} (counted twice)"
        if diff == -cell.value:
            return f"exactly {cell.label}'s {_fmt(cell.value)} (left out of the total)"
        if head is not None and diff == head - cell.value:
            return (
                f"the header {header} minus {cell.label}'s {_fmt(cell.value)} (the header "
                f"added into the total and {cell.label} left out)"
            )
    return None


def _check_table(block: Block, caption: str) -> Iterator[Finding]:
    rows = [list(r) for r in block.rows]
    if len(rows) < 3:
        return
    header = rows[0]
    total_rows = [i for i, r in enumerate(rows) if i and r and _TOTAL.match(r[0])]
    problems: list[dict[str, Any]] = []
    for t in total_rows:
        for j in range(1, len(header)):
            total = parse_number(rows[t][j]) if j < len(rows[t]) else None
            if total is None:
                continue
            cells = [
                _Cell(r[0], v)
                for r in rows[1:t]
                if j < len(r) and (v := parse_number(r[j])) is not None
            ]
            if len(cells) < 2:
                continue
            expected = sum(c.value for c in cells)
            if abs(total - expected) < 0.5:
                continue
            diff = total - expected
            problems.append(
                {
                    "row": rows[t][0],
                    "column": header[j],
                    "printed": total,
                    "sum": expected,
                    "difference": diff,
                    "explanation": _explain(diff, header[j], cells),
                }
            )
    if not problems:
        return
    parts = []
    for p in problems:
        part = (
            f"{p['column']}: printed {_fmt(p['printed'])}, cells sum to {_fmt(p['sum'])} "
            f"(off by {_fmt(p['difference'])}"
        )
        part += f", {p['explanation']})" if p["explanation"] else ")"
        parts.append(part)
    yield Finding(
        kind="table-total-mismatch",
        severity=Severity.ERROR,
        message=f"the {problems[0]['row']} row does not add up in {len(problems)} of "
        f"{len(header) - 1} columns — " + "; ".join(parts),
        location=Location(block.index, None, caption),
        evidence={"columns": problems},
    )


def check(article: Article) -> Iterator[Finding]:
    for block in article.blocks:
        if block.kind is BlockKind.TABLE:
            before = article.blocks[block.index - 1] if block.index else None
            caption = before.text if before and before.kind is BlockKind.CAPTION else ""
            yield from _check_table(block, caption or block.text.split("\n", 1)[0])
