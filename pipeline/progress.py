"""The progress shown while a long command runs (the only rich import).

On a terminal: one bar per task (reading pages, running checks, weighing claims, fetching),
drawn by rich and cleared when the command ends. Elsewhere (a log, a pipe, a nightly job): a
plain line per task at most every `LINE_EVERY` seconds, and one when a task that took that
long ends, so a log shows a 300-page book moving without a line per page. CITEWATCH_PROGRESS=0
turns both off; =1 draws bars even when stderr is not a terminal.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from sources.progress import listening

if TYPE_CHECKING:
    from rich.progress import Progress

ENV = "CITEWATCH_PROGRESS"
LINE_EVERY = 10.0  # seconds between plain progress lines for one task


class _Lines:
    """Plain progress lines, throttled per task."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started: dict[str, float] = {}
        self.said: dict[str, float] = {}

    def __call__(self, task: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        began = self.started.setdefault(task, now)
        finished = total is not None and done >= total
        if finished and now - began < LINE_EVERY and task not in self.said:
            return  # a short task needs no progress line
        if not finished and now - self.said.get(task, began) < LINE_EVERY:
            return
        self.said[task] = now
        of = f"/{total}" if total is not None else ""
        self.stream.write(f"{task}: {done}{of} ({now - began:.0f} s)\n")
        self.stream.flush()


class _Bars:
    """rich bars, one per task."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, object] = {}

    def __call__(self, task: str, done: int, total: int | None) -> None:
        if task not in self.tasks:
            self.tasks[task] = self.progress.add_task(task, total=total)
        self.progress.update(self.tasks[task], completed=done, total=total)  # type: ignore[arg-type]


def _wanted(stream: TextIO) -> str:
    setting = os.environ.get(ENV, "").strip()
    if setting == "0":
        return "off"
    if setting == "1" or stream.isatty():
        return "bars"
    return "lines"


@contextmanager
def showing_progress(stream: TextIO | None = None) -> Iterator[None]:
    """Show the progress reported inside this block on `stream` (stderr by default)."""
    stream = stream or sys.stderr
    mode = _wanted(stream)
    if mode == "off":
        yield
        return
    if mode == "lines":
        with listening(_Lines(stream)):
            yield
        return
    # imported here: rich costs a tenth of a second, and only a terminal needs it
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    console = Console(file=stream, force_terminal=True)
    with (
        Progress(*columns, console=console, transient=True) as progress,
        listening(_Bars(progress)),
    ):
        yield
