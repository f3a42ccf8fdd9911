"""Progress of long work: the stage doing it reports, whoever listens shows it.

A stage calls `advance(task, done, total)` as it goes (pages of a PDF read, checks run, URLs
fetched, claims weighed); nothing happens unless a caller installed a listener with
`listening(...)` — the CLI's progress bar (pipeline/progress.py), or a test's list. A context
variable rather than a parameter: readers, checks and the fetcher are called from many places,
and a parameter threaded through all of them would carry only this. It lives in `sources`, the
bottom of the import order, so every package can report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Listener = Callable[[str, int, "int | None"], None]

_LISTENER: ContextVar[Listener | None] = ContextVar("citewatch_progress", default=None)


def advance(task: str, done: int, total: int | None = None) -> None:
    """`done` of `total` units of `task` are finished (total None: not known yet)."""
    listener = _LISTENER.get()
    if listener is not None:
        listener(task, done, total)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Send the progress reported inside this block to `listener`."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)
