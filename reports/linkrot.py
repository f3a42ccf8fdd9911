"""The link-rot report: every re-checked link and what changed since the last check, as
JSON-ready data and as Markdown."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sources.linkrot import LinkCheck

NEWS = ("dead", "failing", "drifted", "recovered")


def linkrot_summary(
    checks: Sequence[LinkCheck], now: dt.datetime, threshold: float, previous: str | None
) -> dict[str, Any]:
    """The link-rot report's data: every checked link, and what changed since the last check."""
    links: list[dict[str, Any]] = [
        {
            "url": c.url,
            "state": c.change.state.value,
            "before": c.before.value if c.before else None,
            "status": c.change.status,
            "detail": c.change.detail,
            "drift": None if c.drift is None else round(c.drift, 3),
            "news": list(c.news(threshold)),
        }
        for c in checks
    ]
    states = Counter(str(x["state"]) for x in links)
    return {
        "generated_at": now.isoformat(),
        "previous_run": previous,
        "checked": len(links),
        "states": dict(states.most_common()),
        "changes": {kind: [x["url"] for x in links if kind in x["news"]] for kind in NEWS},
        "links": links,
    }


def linkrot_markdown(data: dict[str, Any]) -> str:
    since = f"the last check, {data['previous_run']}" if data["previous_run"] else "none before"
    states = ", ".join(f"{n} {state}" for state, n in data["states"].items()) or "none"
    lines = [
        "# citewatch link check",
        "",
        f"{data['generated_at']}: {data['checked']} links checked ({states}).",
        "",
        f"## Changed (since {since})",
        "",
    ]
    for kind in NEWS:
        urls = data["changes"][kind]
        lines += [f"- {len(urls)} newly {kind}" + (":" if urls else "")]
        lines += [f"  - <{url}>" for url in urls]
    lines += ["", "## Links", "", "| state | was | status | drift | URL |", "|---|---|---|---|---|"]
    for x in data["links"]:
        drift = "" if x["drift"] is None else f"{x['drift']:.0%}"
        was, status = x["before"] or "-", x["status"] or "-"
        lines.append(f"| {x['state']} | {was} | {status} | {drift} | <{x['url']}> |")
    return "\n".join(lines) + "\n"
