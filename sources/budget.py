"""Run a pure function in a child process under a time and memory budget.

For work on hostile input that cannot be interrupted from inside Python: an HTML page whose
parse runs for minutes, a PDF whose layout analysis fills memory. A thread cannot be stopped
and `signal.alarm` works in the main thread only, so the work runs in a process that is killed
when its time is up, under an address-space limit (RLIMIT_AS) so that a runaway allocation
fails there, not in the run. Children are forked (Linux's default start method in Python
3.11), so one costs milliseconds and shares the loaded libraries; "spawn" and "forkserver" would
cost an interpreter start each, or re-run a `__main__` script without a main guard. A child
that forking left stuck on a lock another thread held is killed at its deadline like any other.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """The function's value, or why there is none (`value` is None then)."""

    value: T | None
    overrun: str = ""  # "time", "memory" or "crash"
    detail: str = ""


def run_within(
    func: Callable[..., T], args: tuple[Any, ...], seconds: float, memory: int
) -> Outcome[T]:
    """`func(*args)` in a child process given `seconds` of wall time and `memory` bytes of
    address space beyond what it starts with; `func` must be importable by name (pickled by
    reference) and its arguments and value picklable."""
    context = _context()
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(writer, func, args, memory))
    child.start()
    writer.close()
    try:
        if not reader.poll(seconds):
            return Outcome(None, "time", f"still running after its {seconds:g}s budget")
        try:
            kind, value = reader.recv()
        except (EOFError, OSError):
            return Outcome(None, "crash", f"the child process died (exit code {child.exitcode})")
        if kind == "ok":
            return Outcome(value)
        return Outcome(None, kind, value)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        child.close()
        reader.close()


def _context() -> Any:
    return multiprocessing.get_context("fork")


def _child(
    writer: Connection, func: Callable[..., Any], args: tuple[Any, ...], memory: int
) -> None:
    with contextlib.suppress(OSError, ValueError):
        size = _address_space()
        if size:
            resource.setrlimit(resource.RLIMIT_AS, (size + memory, size + memory))
    try:
        message: tuple[str, Any] = ("ok", func(*args))
    except MemoryError:
        message = ("memory", f"needed more than its {memory // 2**20} MiB budget")
    except Exception as exc:  # a bug in the function: said, not raised across processes
        message = ("crash", f"{type(exc).__name__}: {exc}")
    try:
        writer.send(message)
    except MemoryError:
        writer.send(("memory", f"needed more than its {memory // 2**20} MiB budget"))
    writer.close()


def _address_space() -> int:
    """This process's virtual size in bytes (Linux /proc); 0 where it cannot be read."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
