"""Review decisions: confirm or dismiss a finding, kept in SQLite, carried into later runs.

A decision is keyed on the finding's fingerprint (`reports.diff.fingerprint`: check, notes,
sentence text and a digest of the evidence), so a dismissed finding stays quiet only while its
evidence is unchanged; when the evidence changes it gets a new fingerprint and is raised again.
Decisions export to and import from a JSON file (`{"format": "citewatch-decisions", ...}`) or
a CSV file for a spreadsheet (one row per finding; rows left without a decision are skipped on
import, so an editor can fill in the `decision`, `reason` and `reviewer` columns of an export
made with the report's undecided findings listed).
"""

from __future__ import annotations

import csv
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
    summary TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS decisions_identity ON decisions (identity);
"""
_COLUMNS = "fingerprint, decision, reason, at, identity, kind, summary, reviewer"
# The CSV columns, in a spreadsheet's reading order.
CSV_COLUMNS = ("fingerprint", "kind", "summary", "decision", "reason", "reviewer", "at", "identity")


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
    reviewer: str = ""  # who decided

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
    fp, decision, reason, at, ident, kind, summary, reviewer = row
    at = dt.datetime.fromisoformat(at)
    return Decision(fp, decision, reason, at, ident, kind, summary, reviewer)


def _migrate(db: sqlite3.Connection) -> None:
    """Add the columns a store made by an older citewatch lacks."""
    have = {row[1] for row in db.execute("PRAGMA table_info(decisions)")}
    if "reviewer" not in have:
        db.execute("ALTER TABLE decisions ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''")


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
            _migrate(db)
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
        reviewer: str = "",
    ) -> Decision:
        """Store (or replace) the decision on `fingerprint`; the latest decision counts."""
        _check(decision, reason, at)
        made = Decision(
            fingerprint,
            decision,
            reason.strip(),
            at.astimezone(dt.UTC),
            identity,
            kind,
            summary,
            " ".join(reviewer.split()),
        )
        self._put([made])
        return made

    def record_finding(
        self,
        finding: Mapping[str, Any],
        decision: str,
        reason: str,
        at: dt.datetime,
        reviewer: str = "",
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
            reviewer=reviewer,
        )

    def restore(self, fingerprint: str, decision: Decision | None) -> None:
        """Put back what `fingerprint` had before (a decision, or none): the review's undo."""
        if decision is None:
            self.forget(fingerprint)
        else:
            self._put([decision])

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
        return self._merge(_read_export(Path(path)))

    def export_csv(self, path: Path, findings: Sequence[Mapping[str, Any]] = ()) -> int:
        """Write every decision to `path` as CSV, and a row with empty decision columns for each
        of `findings` (`finding_json` dicts, e.g. a report.json's) not decided yet; return the
        number of rows."""
        rows = [d.to_json() for d in self.all().values()]
        seen = {row["fingerprint"] for row in rows}
        for finding in findings:
            fp = fingerprint(finding)
            if fp not in seen:
                seen.add(fp)
                rows.append(
                    {
                        "fingerprint": fp,
                        "kind": finding.get("kind", ""),
                        "summary": finding.get("message", ""),
                        "identity": identity(finding),
                    }
                )
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", restval="")
            writer.writeheader()
            writer.writerows(rows)
        tmp.replace(path)
        return len(rows)

    def import_csv(self, path: Path, now: dt.datetime) -> int:
        """Merge the decided rows of a CSV file (an empty `at` is `now`; the newer of two
        decisions on one finding wins); return how many were taken."""
        incoming = _read_csv(Path(path), now)
        return self._merge(incoming)

    def _merge(self, incoming: Sequence[Decision]) -> int:
        current = self.all()
        newer = [
            d for d in incoming if d.fingerprint not in current or current[d.fingerprint].at <= d.at
        ]
        self._put(newer)
        return len(newer)

    def _put(self, decisions: Sequence[Decision]) -> None:
        rows = [
            (
                d.fingerprint,
                d.decision,
                d.reason,
                d.at.isoformat(),
                d.identity,
                d.kind,
                d.summary,
                d.reviewer,
            )
            for d in decisions
        ]
        marks = ", ".join("?" * 8)
        with self._mutex, self._db:
            self._db.executemany(
                f"INSERT OR REPLACE INTO decisions ({_COLUMNS}) VALUES ({marks})", rows
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
                str(item.get("reviewer", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DecisionError(f"{path}: decision {i + 1} is malformed ({exc!r})") from exc
        _check(made.decision, made.reason, made.at)
        decisions.append(made)
    return decisions


def _read_csv(path: Path, now: dt.datetime) -> list[Decision]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DecisionError(f"cannot read decisions from {path} ({exc}); is it a CSV?") from exc
    if rows and not {"fingerprint", "decision"} <= set(rows[0]):
        raise DecisionError(f"{path} has no fingerprint and decision columns; export one first")
    decisions = []
    for line, row in enumerate(rows, start=2):
        decision = (row.get("decision") or "").strip().lower()
        if not decision:
            continue  # not decided in the spreadsheet
        try:
            at = dt.datetime.fromisoformat(row["at"]) if (row.get("at") or "").strip() else now
        except ValueError as exc:
            raise DecisionError(f"{path}:{line}: the time {row['at']!r} is not ISO 8601") from exc
        if at.tzinfo is None:
            at = at.replace(tzinfo=dt.UTC)
        made = Decision(
            (row.get("fingerprint") or "").strip(),
            decision,
            (row.get("reason") or "").strip(),
            at,
            (row.get("identity") or "").strip(),
            (row.get("kind") or "").strip(),
            (row.get("summary") or "").strip(),
            (row.get("reviewer") or "").strip(),
        )
        if not made.fingerprint:
            raise DecisionError(f"{path}:{line}: a decision without a fingerprint")
        try:
            _check(made.decision, made.reason, made.at)
        except DecisionError as exc:
            raise DecisionError(f"{path}:{line}: {exc}") from exc
        decisions.append(made)
    return decisions


def decisions_json(
    findings: Sequence[Mapping[str, Any]], decisions: Mapping[str, Decision]
) -> list[dict[str, Any]]:
    """The decisions on these findings (`finding_json` dicts), for report.json."""
    wanted = {fingerprint(f) for f in findings}
    return [d.to_json() for fp, d in decisions.items() if fp in wanted]


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
