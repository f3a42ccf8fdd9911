"""Review decisions: confirm or dismiss a finding, kept in SQLite, carried into later runs.

A decision is keyed on the finding's fingerprint (`reports.diff.fingerprint`: check, notes,
sentence text and a digest of the evidence), so a dismissed finding stays quiet only while its
evidence is unchanged; when the evidence changes it gets a new fingerprint and is raised again.
Decisions export to and import from a JSON file (`{"format": "citewatch-decisions", ...}`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from claims.findings import Finding
from reports.diff import fingerprint, identity
from reports.model import finding_json
from sources.errors import CitewatchError

__all__ = [
    "DECISIONS",
    "Decision",
    "DecisionError",
    "DecisionStore",
    "apply",
    "default_decisions_path",
    "fingerprint",
]

DECISIONS = ("confirmed", "dismissed")
FORMAT = "citewatch-decisions"
VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    fingerprint TEXT PRIMARY KEY,
    decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    identity TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS decisions_identity ON decisions (identity);
"""
_COLUMNS = "fingerprint, decision, reason, at, identity, kind, summary"


class DecisionError(CitewatchError):
    """A decision that cannot be recorded, or a decisions file that cannot be read."""


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's verdict on one finding, as of `at` (UTC)."""

    fingerprint: str
    decision: str  # "confirmed" or "dismissed"
    reason: str
    at: dt.datetime
    identity: str = ""  # the finding without its evidence: spots a decision on an older version
    kind: str = ""  # the check id, for people reading an export
    summary: str = ""  # the finding's message when it was decided

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "at": self.at.isoformat()}


def default_decisions_path() -> Path:
    """$CITEWATCH_DECISIONS, else decisions.sqlite in the user's citewatch data directory."""
    if os.environ.get("CITEWATCH_DECISIONS"):
        return Path(os.environ["CITEWATCH_DECISIONS"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "citewatch" / "decisions.sqlite"


def _check(decision: str, reason: str, at: dt.datetime) -> None:
    if decision not in DECISIONS:
        raise DecisionError(f"unknown decision {decision!r}; use one of {', '.join(DECISIONS)}")
    if decision == "dismissed" and not reason.strip():
        raise DecisionError("a dismissal needs a reason; say why the finding is not a problem")
    if at.tzinfo is None:
        raise DecisionError("the time of a decision must be timezone-aware")


def _row(row: Sequence[Any]) -> Decision:
    fp, decision, reason, at, ident, kind, summary = row
    return Decision(fp, decision, reason, dt.datetime.fromisoformat(at), ident, kind, summary)


class DecisionStore:
    """The decisions database. Open with `DecisionStore.open(path)`; close, or use `with`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path, self._db = path, connection
        self._mutex = threading.Lock()  # the review server calls from several threads

    @classmethod
    def open(cls, path: Path) -> DecisionStore:
        """Open or create the store at `path`."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, check_same_thread=False)
            db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise DecisionError(
                f"cannot open the decisions store {path} ({exc}); check the path and permissions"
            ) from exc
        return cls(path, db)

    def __enter__(self) -> DecisionStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        with self._mutex:
            self._db.close()

    def record(
        self,
        fingerprint: str,
        decision: str,
        reason: str,
        at: dt.datetime,
        *,
        identity: str = "",
        kind: str = "",
        summary: str = "",
    ) -> Decision:
        """Store (or replace) the decision on `fingerprint`; the latest decision counts."""
        _check(decision, reason, at)
        made = Decision(
            fingerprint, decision, reason.strip(), at.astimezone(dt.UTC), identity, kind, summary
        )
        self._put([made])
        return made

    def record_finding(
        self, finding: Mapping[str, Any], decision: str, reason: str, at: dt.datetime
    ) -> Decision:
        """`record` for a `finding_json` dict: fingerprint, identity, kind and message from it."""
        return self.record(
            fingerprint(finding),
            decision,
            reason,
            at,
            identity=identity(finding),
            kind=str(finding.get("kind", "")),
            summary=str(finding.get("message", "")),
        )

    def get(self, fingerprint: str) -> Decision | None:
        with self._mutex:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM decisions WHERE fingerprint = ?", (fingerprint,)
            ).fetchone()
        return _row(row) if row else None

    def all(self) -> dict[str, Decision]:
        """Every decision, by fingerprint, oldest first."""
        with self._mutex:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM decisions ORDER BY at").fetchall()
        return {d.fingerprint: d for d in map(_row, rows)}

    def forget(self, fingerprint: str) -> bool:
        """Drop the decision on `fingerprint` (raise the finding again); True if there was one."""
        with self._mutex, self._db:
            cursor = self._db.execute("DELETE FROM decisions WHERE fingerprint = ?", (fingerprint,))
        return cursor.rowcount > 0

    def export_json(self, path: Path) -> int:
        """Write every decision to `path` as JSON; return how many."""
        decisions = [d.to_json() for d in self.all().values()]
        data = {"format": FORMAT, "version": VERSION, "decisions": decisions}
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)
        return len(decisions)

    def import_json(self, path: Path) -> int:
        """Merge the decisions in `path` (the newer of two on one finding wins); return how many
        were taken."""
        incoming = _read_export(Path(path))
        current = self.all()
        newer = [
            d for d in incoming if d.fingerprint not in current or current[d.fingerprint].at <= d.at
        ]
        self._put(newer)
        return len(newer)

    def _put(self, decisions: Sequence[Decision]) -> None:
        rows = [
            (d.fingerprint, d.decision, d.reason, d.at.isoformat(), d.identity, d.kind, d.summary)
            for d in decisions
        ]
        with self._mutex, self._db:
            self._db.executemany(
                f"INSERT OR REPLACE INTO decisions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
            )


def _read_export(path: Path) -> list[Decision]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DecisionError(f"cannot read decisions from {path} ({exc}); is it an export?") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DecisionError(f"{path} is not a citewatch decisions export (no format {FORMAT!r})")
    decisions = []
    for i, item in enumerate(data.get("decisions") or []):
        try:
            at = dt.datetime.fromisoformat(item["at"])
            made = Decision(
                str(item["fingerprint"]),
                str(item["decision"]),
                str(item.get("reason", "")),
                at,
                str(item.get("identity", "")),
                str(item.get("kind", "")),
                str(item.get("summary", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DecisionError(f"{path}: decision {i + 1} is malformed ({exc!r})") from exc
        _check(made.decision, made.reason, made.at)
        decisions.append(made)
    return decisions


def apply(
    findings: Sequence[Finding], decisions: DecisionStore | Mapping[str, Decision]
) -> tuple[list[Finding], list[Finding]]:
    """(kept, dismissed): a dismissed finding whose fingerprint is unchanged is not raised."""
    known = decisions.all() if isinstance(decisions, DecisionStore) else decisions
    gone = {fp for fp, d in known.items() if d.decision == "dismissed"}
    kept: list[Finding] = []
    dismissed: list[Finding] = []
    for finding in findings:
        (dismissed if fingerprint(finding_json(finding)) in gone else kept).append(finding)
    return kept, dismissed
