"""Report -> Markdown (Jinja2 templates; every piece of article or source text is escaped)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from claims.checks import CHECKS
from claims.findings import Finding, Severity
from reports.model import Report

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|{}!])")


def md_escape(text: object) -> str:
    """Text that Markdown shows as written: no emphasis, links, HTML or headings from it."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown: escaping is explicit, through the `md` filter
    )
    env.filters["md"] = md_escape
    return env


def _groups(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    by_severity: dict[Severity, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        by_severity[finding.severity][finding.kind].append(finding)
    return [
        {"severity": severity.value, "kinds": dict(by_severity[severity])}
        for severity in Severity
        if severity in by_severity
    ]


def render_markdown(report: Report) -> str:
    article = report.article
    notes = {n.number: n.text for n in article.notes}
    kinds_found = sorted({f.kind for f in report.findings})
    return (
        _environment()
        .get_template("report.md.j2")
        .render(
            report=report,
            article=article,
            counts=report.counts(),
            groups=_groups(report.findings),
            notes=notes,
            checks=[CHECKS[c] for c in report.checks if c in CHECKS],
            kinds_found=kinds_found,
            generated=report.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
            source_states=Counter(s.state.value for s in report.sources).most_common(),
            claim_verdicts=Counter(c.verdict.value for c in report.claims).most_common(),
        )
    )
