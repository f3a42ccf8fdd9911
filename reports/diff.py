"""Run-to-run diff of two report.json dicts, and the finding fingerprints that key it.

A finding's fingerprint is its check, notes, sentence text and a digest of its evidence, so it
survives reworded messages but changes when what the check compared changes. Evidence keys
that change on every run without the evidence changing (check times, the snapshot's label, the
matcher's score and offsets) are left out of the digest. Findings are matched first on the
fingerprint (unchanged), then on the looser identity without the evidence (changed), and the
rest are new or resolved. Pure: no I/O.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Keys that vary from run to run while the finding's substance stays the same.
VOLATILE_EVIDENCE = frozenset({"checked", "copy", "score", "passage_offsets"})
# Link states that mean the page is gone (or going): a change into one is a link that died.
DOWN_STATES = frozenset({"dead", "failing", "soft-404"})
# A rise in a source's drift smaller than this is noise in the text comparison.
DRIFT_STEP = 0.05


def _digest(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _stable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _stable(v) for k, v in value.items() if k not in VOLATILE_EVIDENCE}
    if isinstance(value, list | tuple):
        return [_stable(v) for v in value]
    return value


def _place(finding: Mapping[str, Any]) -> list[Any]:
    location = finding.get("location") or {}
    text = " ".join(str(location.get("text") or "").split())
    return [finding.get("kind", ""), [int(n) for n in finding.get("notes", ())], text]


def evidence_digest(evidence: Mapping[str, Any]) -> str:
    """A digest of what the check compared, without the keys that change on every run."""
    return _digest(_stable(evidence))[:16]


def identity(finding: Mapping[str, Any]) -> str:
    """Check, notes and sentence text: the same finding even when its evidence changed."""
    return _digest(_place(finding))[:24]


def fingerprint(finding: Mapping[str, Any]) -> str:
    """Check, notes, sentence text and evidence digest of a `finding_json` dict."""
    return _digest([*_place(finding), evidence_digest(finding.get("evidence") or {})])[:24]


@dataclass(frozen=True, slots=True)
class LinkChange:
    """A cited link whose state or text changed between two runs."""

    url: str
    notes: tuple[int, ...]
    before: str  # link state in the previous run
    after: str
    drift_before: float | None = None
    drift_after: float | None = None


@dataclass(frozen=True, slots=True)
class ReportDiff:
    """Findings (as `finding_json` dicts) and links, compared with the previous run."""

    previous_generated_at: str
    new: tuple[dict[str, Any], ...]
    resolved: tuple[dict[str, Any], ...]
    changed: tuple[dict[str, Any], ...]  # same check, notes and sentence; other evidence
    unchanged: tuple[dict[str, Any], ...]
    died: tuple[LinkChange, ...]
    drifted: tuple[LinkChange, ...]
    dismissed: tuple[dict[str, Any], ...] = ()  # current findings dismissed in review

    def statuses(self) -> dict[str, str]:
        """Fingerprint -> "new", "changed" or "unchanged" for the current run's findings."""
        groups = (("unchanged", self.unchanged), ("changed", self.changed), ("new", self.new))
        return {fingerprint(f): status for status, group in groups for f in group}


def diff_findings(
    previous: Sequence[Mapping[str, Any]], current: Sequence[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(new, resolved, changed, unchanged): current findings matched against previous ones."""
    # previous findings not matched yet, by position, with their fingerprint and identity
    left = {i: (fingerprint(g), identity(g)) for i, g in enumerate(previous)}
    # Each previous finding's position under its fingerprint and its identity, first first:
    # a lookup, not a scan of every previous finding for each current one.
    by_fp: dict[str, list[int]] = {}
    by_identity: dict[str, list[int]] = {}
    for i, (gfp, gid) in left.items():
        by_fp.setdefault(gfp, []).append(i)
        by_identity.setdefault(gid, []).append(i)

    def take(index: dict[str, list[int]], key: str) -> int | None:
        for i in index.get(key, ()):
            if i in left:
                del left[i]
                return i
        return None

    unchanged: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    new: list[dict[str, Any]] = []
    rest: list[Mapping[str, Any]] = []
    for f in current:
        if take(by_fp, fingerprint(f)) is None:
            rest.append(f)
        else:
            unchanged.append(dict(f))
    for f in rest:
        if take(by_identity, identity(f)) is None:
            new.append(dict(f))
        else:
            changed.append(dict(f))
    return new, [dict(previous[i]) for i in sorted(left)], changed, unchanged


def _drift(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def diff_links(
    previous: Sequence[Mapping[str, Any]], current: Sequence[Mapping[str, Any]]
) -> tuple[list[LinkChange], list[LinkChange]]:
    """(died, drifted): sources whose link went down, or whose text drifted further, since."""
    before = {s["url"]: s for s in previous if "url" in s}
    died: list[LinkChange] = []
    drifted: list[LinkChange] = []
    for source in current:
        old = before.get(source.get("url", ""))
        if old is None:
            continue
        change = LinkChange(
            url=str(source["url"]),
            notes=tuple(int(n) for n in source.get("notes", ())),
            before=str(old.get("state", "")),
            after=str(source.get("state", "")),
            drift_before=_drift(old.get("drift")),
            drift_after=_drift(source.get("drift")),
        )
        if change.after in DOWN_STATES and change.before not in DOWN_STATES:
            died.append(change)
        now, then = change.drift_after, change.drift_before or 0.0
        if now is not None and now >= DRIFT_STEP and now - then >= DRIFT_STEP:
            drifted.append(change)
    return died, drifted


def diff_reports(
    previous: Mapping[str, Any], current: Mapping[str, Any], dismissed: Iterable[str] = ()
) -> ReportDiff:
    """Compare two report.json dicts: findings new, resolved, changed, unchanged; links.

    `current` holds every finding of this run, the ones dismissed in review too; those whose
    fingerprint is in `dismissed` are listed apart, neither new nor resolved (the previous
    report.json left them out, and a dismissal is not a fix)."""
    gone = set(dismissed)
    new, resolved, changed, unchanged = diff_findings(
        previous.get("findings", []), current.get("findings", [])
    )
    quiet = [f for f in (*new, *changed, *unchanged) if fingerprint(f) in gone]
    new, changed, unchanged = (
        [f for f in group if fingerprint(f) not in gone] for group in (new, changed, unchanged)
    )
    died, drifted = diff_links(previous.get("sources", []), current.get("sources", []))
    return ReportDiff(
        previous_generated_at=str(previous.get("generated_at", "")),
        new=tuple(new),
        resolved=tuple(resolved),
        changed=tuple(changed),
        unchanged=tuple(unchanged),
        died=tuple(died),
        drifted=tuple(drifted),
        dismissed=tuple(quiet),
    )


def split_dismissed(
    findings: Sequence[Mapping[str, Any]], dismissed: Iterable[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(raised, dismissed): findings whose fingerprint is in `dismissed` are not raised again."""
    gone = set(dismissed)
    raised = [dict(f) for f in findings if fingerprint(f) not in gone]
    hidden = [dict(f) for f in findings if fingerprint(f) in gone]
    return raised, hidden
