"""Seeded fuzzing of `citewatch verify`: mutated articles must give exit 0-2, never 3 or a hang.

Each input is a seed article (text, Markdown, PDF, HTML, JATS, DOCX or ODT) mutated by one
seeded mutator: byte flips, chunks deleted, repeated or truncated, and structural damage that
real files show (a run of thousands of superscript digits, absurd numbers, notes cut short, a
PDF page whose MediaBox or /Rotate holds a keyword, tags left open, a DOCX whose XML inside
the zip is damaged). Each mutant runs through the real command (`verify --no-sources
--direct`) in a worker process, so a hang is caught by a timeout and the
worker replaced. Any exit 3 or hang is saved with its error line for a regression test.

    python -m pipeline.fuzz ARTICLE... [--count 10000] [--seed 0] [--save DIR] [--jobs 2]

Hand-written rather than Hypothesis or atheris: the mutators are file-format aware (PDF page
dictionaries, note sections), and a run must be reproducible from (seed, index) alone.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import multiprocessing as mp
import queue
import random
import re
import signal
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

Mutator = Callable[[bytes, random.Random], bytes]
HANG_SECONDS = 60.0
EXIT_INTERNAL = 3
EXIT_HANG = -1

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


# --- mutators on any bytes ------------------------------------------------------------------


def _span(data: bytes, rng: random.Random, longest: int = 4096) -> tuple[int, int]:
    start = rng.randrange(max(1, len(data)))
    return start, min(len(data), start + rng.randint(1, longest))


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 2, 8, 64))):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def delete_chunk(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng)
    return data[:start] + data[end:]


def repeat_chunk(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng, 512)
    return data[:end] + data[start:end] * rng.choice((2, 10, 100)) + data[end:]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def splice_chunk(data: bytes, rng: random.Random) -> bytes:
    """A chunk copied from elsewhere in the file over another place (broken structure)."""
    start, end = _span(data, rng, 1024)
    at = rng.randrange(max(1, len(data)))
    return data[:at] + data[start:end] + data[at + (end - start) :]


BYTE_MUTATORS: tuple[Mutator, ...] = (
    flip_bytes,
    delete_chunk,
    repeat_chunk,
    truncate,
    splice_chunk,
)


# --- mutators on text (and the text inside HTML) --------------------------------------------


def _on_text(edit: Callable[[str, random.Random], str]) -> Mutator:
    def mutate(data: bytes, rng: random.Random) -> bytes:
        return edit(data.decode("utf-8", errors="replace"), rng).encode("utf-8")

    mutate.__name__ = edit.__name__
    return mutate


def _insert(text: str, rng: random.Random, piece: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + piece + text[at:]


@_on_text
def superscript_run(text: str, rng: random.Random) -> str:
    run = "".join(rng.choice(_SUPERSCRIPTS) for _ in range(rng.choice((5, 50, 5000, 20000))))
    return _insert(text, rng, run)


@_on_text
def absurd_number(text: str, rng: random.Random) -> str:
    """A number thousands of digits long where the text holds a year, a figure or a note."""
    digits = "".join(rng.choice("0123456789") for _ in range(rng.choice((20, 5000, 30000))))
    template = rng.choice(
        ("{d}", "in {d}", "No. {d}", "€{d} million", "[{d}]", "[^{d}]", "\n{d}. ", "{d}.{d}")
    )
    numbers = list(re.finditer(r"\d+", text))
    if numbers and rng.random() < 0.5:
        m = rng.choice(numbers)
        return text[: m.start()] + digits + text[m.end() :]
    return _insert(text, rng, template.format(d=digits))


@_on_text
def shuffle_lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    start, end = sorted(rng.randrange(len(lines) + 1) for _ in range(2))
    middle = lines[start:end]
    rng.shuffle(middle)
    return "\n".join(lines[:start] + middle + lines[end:])


@_on_text
def cut_notes(text: str, rng: random.Random) -> str:
    """The notes section truncated inside a note, or its heading removed or doubled."""
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if re.match(r"^\s*(?:end)?notes\s*$", line, re.I)]
    if not heads:
        return text[: rng.randrange(len(text) + 1)]
    at = rng.choice(heads)
    action = rng.randrange(3)
    if action == 0:
        cut = rng.randrange(at, len(lines))
        return "\n".join(lines[:cut]) + "\n" + lines[cut][: rng.randrange(len(lines[cut]) + 1)]
    if action == 1:
        return "\n".join(lines[:at] + lines[at + 1 :])
    later = at + rng.randrange(len(lines) - at)
    return "\n".join([*lines[:later], lines[at], *lines[later:]])


@_on_text
def odd_characters(text: str, rng: random.Random) -> str:
    pieces = ("\u202e", "\u200b", "\ufeff", "\x00", "\x0c", "\ue000", "\ue001",
              "\ue0007\ue001", "𝟙𝟚", "ǅ", "İ", "ß" * 50, "\r", "\t" * 20, "|" * 30, "[^", "](",
              "<", "&amp;")  # fmt: skip
    for _ in range(rng.choice((1, 5, 50))):
        text = _insert(text, rng, rng.choice(pieces))
    return text


TEXT_MUTATORS: tuple[Mutator, ...] = (
    superscript_run,
    absurd_number,
    shuffle_lines,
    cut_notes,
    odd_characters,
)


# --- mutators on a PDF's objects ------------------------------------------------------------

_BAD_VALUES = (b"/Foo", b"true", b"null", b"(text)", b"[ ]", b"[ 0 0 ]", b"[ /A /B /C /D ]",
               b"[ 0 0 1e999 1 ]", b"-5", b"<< >>", b"99 0 R", b"[ 0 0 0 0 ]",
               b"[ 1 2 3 4 5 6 7 8 9 ]", b"999999999999999999999")  # fmt: skip
_PDF_KEYS = (b"/MediaBox", b"/Rotate", b"/Contents", b"/Resources", b"/Font", b"/Kids",
             b"/Count", b"/Parent", b"/Length", b"/Filter", b"/Root", b"/Size", b"/Encoding",
             b"/Widths", b"/FirstChar", b"/Matrix", b"/BBox", b"/Type")  # fmt: skip
_VALUE = rb"\s*(\[[^\]]*\]|<<.*?>>|\d+ \d+ R|/[^\s/\[\]<>()]+|-?[\d.]+|\([^)]*\)|true|false|null)"


def pdf_value(data: bytes, rng: random.Random) -> bytes:
    """One dictionary entry given a value of the wrong type, or removed."""
    key = rng.choice(_PDF_KEYS)
    found = list(re.finditer(re.escape(key) + _VALUE, data, re.DOTALL))
    if not found:
        return flip_bytes(data, rng)
    m = rng.choice(found)
    value = b"" if rng.random() < 0.2 else rng.choice(_BAD_VALUES)
    entry = key + b" " + value if value else b""
    return data[: m.start()] + entry + data[m.end() :]


def pdf_every_page(data: bytes, rng: random.Random) -> bytes:
    """The same damage on several page objects (a broken producer, not a single flip)."""
    key = rng.choice((b"/MediaBox", b"/Rotate", b"/Contents", b"/Resources"))
    value = rng.choice(_BAD_VALUES)
    share = rng.random()
    return re.sub(
        re.escape(key) + _VALUE,
        lambda m: key + b" " + value if rng.random() < share else m.group(0),
        data,
    )


def pdf_stream(data: bytes, rng: random.Random) -> bytes:
    """Bytes flipped inside one content stream, where the page's drawing operators live."""
    found = list(re.finditer(rb"stream\r?\n(.*?)endstream", data, re.DOTALL))
    if not found:
        return flip_bytes(data, rng)
    m = rng.choice(found)
    start, end = m.span(1)
    body = (
        flip_bytes(data[start:end], rng) if rng.random() < 0.5 else truncate(data[start:end], rng)
    )
    return data[:start] + body + data[end:]


PDF_MUTATORS: tuple[Mutator, ...] = (pdf_value, pdf_every_page, pdf_stream)


# --- mutators on HTML ------------------------------------------------------------------------


@_on_text
def html_tags(text: str, rng: random.Random) -> str:
    """Closing tags dropped, tags nested thousands deep, `<sup>` holding absurd numbers."""
    action = rng.randrange(3)
    if action == 0:
        return re.sub(r"</\w+>", lambda m: "" if rng.random() < 0.3 else m.group(0), text)
    if action == 1:
        tag = rng.choice(("div", "sup", "p", "ol", "li", "a"))
        return _insert(text, rng, f"<{tag}>" * rng.choice((100, 5000)))
    return _insert(text, rng, "<sup>" + "9" * rng.choice((10, 5000)) + "</sup>")


HTML_MUTATORS: tuple[Mutator, ...] = (html_tags,)


# --- mutators on a zipped document (DOCX, ODT) ----------------------------------------------


def zip_part(data: bytes, rng: random.Random) -> bytes:
    """One XML part inside the zip (the body, the footnotes, the styles) mutated as text or
    as markup, and the zip written again, so the damage gets past the zip to the reader."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            parts = [(info, source.read(info)) for info in source.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        return flip_bytes(data, rng)
    xml = [i for i, (info, _) in enumerate(parts) if info.filename.endswith(".xml")]
    if not xml:
        return flip_bytes(data, rng)
    at = rng.choice(xml)
    mutator = rng.choice((*BYTE_MUTATORS, *TEXT_MUTATORS, *HTML_MUTATORS))
    parts[at] = (parts[at][0], mutator(parts[at][1], rng))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, body in parts:
            target.writestr(info, body)
    return out.getvalue()


ZIP_MUTATORS: tuple[Mutator, ...] = (zip_part, zip_part, zip_part)


def mutators_for(suffix: str) -> tuple[Mutator, ...]:
    """The mutators that fit a seed file of this suffix."""
    if suffix == ".pdf":
        return BYTE_MUTATORS + PDF_MUTATORS
    if suffix in (".docx", ".odt"):
        return BYTE_MUTATORS + ZIP_MUTATORS
    if suffix in (".html", ".htm", ".xhtml", ".xml"):
        return BYTE_MUTATORS + TEXT_MUTATORS + HTML_MUTATORS
    return BYTE_MUTATORS + TEXT_MUTATORS


@dataclass(frozen=True, slots=True)
class Mutant:
    index: int
    seed_file: Path
    mutator: str
    data: bytes

    @property
    def name(self) -> str:
        return f"{self.index:05d}-{self.mutator}-{self.seed_file.stem}{self.seed_file.suffix}"


def mutants(seeds: Sequence[Path], count: int, seed: int, start: int = 0) -> Iterator[Mutant]:
    """Mutants `start` to `count - 1`, taking the seed files in turn; each is made from
    (seeds, seed, its index) alone, so a run stopped at N goes on exactly with `start=N`."""
    originals = [(path, path.read_bytes()) for path in seeds]
    for index in range(start, count):
        path, data = originals[index % len(originals)]
        rng = random.Random(f"{seed}:{index}")
        mutator = rng.choice(mutators_for(path.suffix.lower()))
        yield Mutant(index, path, mutator.__name__, mutator(data, rng))


# --- running ----------------------------------------------------------------------------------


class _Caught(logging.Handler):
    """Keeps the records logged with an exception: a check that crashed is reported as an
    error finding and the command still ends 0-2, but it is a bug all the same."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.records.append(record)


def run_verify(path: Path, out: Path) -> tuple[int, str]:
    """`citewatch verify --no-sources --direct` on `path` in this process: (exit, last line).

    An exception logged on the way (a check that crashed) counts as an internal error."""
    from pipeline.cli import main

    err = io.StringIO()
    caught = _Caught()
    logging.getLogger().addHandler(caught)
    try:
        code, line = _verify_quietly(main, path, out, err)
    finally:
        logging.getLogger().removeHandler(caught)
    if caught.records and code != EXIT_INTERNAL:
        record = caught.records[0]
        error = record.exc_info[1] if record.exc_info else None
        return EXIT_INTERNAL, f"{record.getMessage()}: {type(error).__name__}: {error}"
    return code, line


def _verify_quietly(
    main: Callable[[list[str]], int], path: Path, out: Path, err: io.StringIO
) -> tuple[int, str]:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(
            [
                "verify",
                str(path),
                "--no-sources",
                "--direct",
                "--out",
                str(out / "report"),
                "--decisions",
                str(out / "decisions.sqlite"),
            ]
        )
    lines = err.getvalue().strip().splitlines()
    return code, lines[-1] if lines else ""


def _worker(jobs: mp.Queue, results: mp.Queue) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory(prefix="citewatch-fuzz-") as tmp:
        work = Path(tmp)
        while (job := jobs.get()) is not None:
            name, data = job
            path = work / name
            path.write_bytes(data)
            try:
                results.put(run_verify(path, work))
            except BaseException as exc:  # SystemExit or worse escaping main() is a bug too
                results.put((EXIT_INTERNAL, f"escaped main(): {type(exc).__name__}: {exc}"))
            path.unlink()


class _Slot:
    """One worker process fed one mutant at a time, replaced when it hangs."""

    def __init__(self, context: mp.context.BaseContext) -> None:
        self.context = context
        self.killed = False
        self._start()

    def _start(self) -> None:
        self.jobs: mp.Queue = self.context.Queue()  # type: ignore[type-arg, attr-defined]
        self.results: mp.Queue = self.context.Queue()  # type: ignore[type-arg, attr-defined]
        self.process = self.context.Process(  # type: ignore[attr-defined]
            target=_worker, args=(self.jobs, self.results), daemon=True
        )
        self.process.start()

    def run(self, mutant: Mutant, timeout: float) -> tuple[int, str] | None:
        """The worker's (exit, line) for `mutant`; None when the slot was killed meanwhile."""
        self.jobs.put((mutant.name, mutant.data))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                return self.results.get(timeout=1.0)  # type: ignore[no-any-return]
            except queue.Empty:
                if self.killed:
                    return None
                if not self.process.is_alive():  # killed by the input (a C library crash)
                    code = self.process.exitcode
                    self._start()
                    return EXIT_INTERNAL, f"the worker process died (exit code {code})"
        self.process.kill()
        self.process.join()
        self._start()
        return EXIT_HANG, f"no answer within {timeout:.0f} s"

    def close(self) -> None:
        self.jobs.put(None)
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()

    def kill(self) -> None:
        """Stop now (the run was interrupted): the worker goes, whatever it is doing."""
        self.killed = True
        self.process.kill()
        self.process.join()


@dataclass(frozen=True, slots=True)
class Failure:
    mutant: str
    exit: int  # EXIT_INTERNAL, or EXIT_HANG
    line: str
    saved: Path | None


@dataclass(frozen=True, slots=True)
class FuzzResult:
    count: int
    exits: dict[int, int]  # exit status -> how many mutants
    failures: tuple[Failure, ...]
    seconds: float
    slowest: tuple[float, str]  # seconds, mutant name
    resume_at: int | None = None  # interrupted: the first index not run (for --start)


def fuzz(
    seeds: Sequence[Path],
    count: int,
    seed: int = 0,
    save: Path | None = None,
    jobs: int = 1,
    timeout: float = HANG_SECONDS,
    budget: float | None = None,
    say: Callable[[str], None] | None = None,
    start: int = 0,
) -> FuzzResult:
    """Run mutants `start` to `count - 1` of `seeds` (stopping early after `budget` seconds,
    if given)."""
    context = mp.get_context("spawn")  # a clean interpreter: no state inherited from the caller
    slots = [_Slot(context) for _ in range(max(1, jobs))]
    source = mutants(seeds, count, seed, start)
    lock = threading.Lock()
    exits: Counter[int] = Counter()
    ran: set[int] = set()
    failures: list[Failure] = []
    slowest = (0.0, "")
    started = time.perf_counter()

    def drive(slot: _Slot) -> None:
        nonlocal slowest
        while True:
            with lock:
                if budget is not None and time.perf_counter() - started > budget:
                    return
                mutant = next(source, None)
            if mutant is None:
                return
            began = time.perf_counter()
            answer = slot.run(mutant, timeout)
            if answer is None:
                return
            code, line = answer
            took = time.perf_counter() - began
            with lock:
                exits[code] += 1
                ran.add(mutant.index)
                slowest = max(slowest, (took, mutant.name))
                if code in (EXIT_INTERNAL, EXIT_HANG):
                    saved = None
                    if save is not None:
                        save.mkdir(parents=True, exist_ok=True)
                        saved = save / mutant.name
                        saved.write_bytes(mutant.data)
                        saved.with_name(saved.name + ".txt").write_text(line + "\n")
                    failures.append(Failure(mutant.name, code, line, saved))
                    if say:
                        say(f"{'HANG' if code == EXIT_HANG else 'exit 3'} {mutant.name}: {line}")
                done = sum(exits.values())
                if say and done % 500 == 0:
                    say(f"{done} mutants, {time.perf_counter() - started:.0f} s, {dict(exits)}")

    threads = [threading.Thread(target=drive, args=(slot,), daemon=True) for slot in slots]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    except (KeyboardInterrupt, SystemExit):  # Ctrl-C or SIGTERM (see main)
        for slot in slots:  # no worker may outlive the run
            slot.kill()
        with lock:
            resume_at = next(i for i in range(start, count + 1) if i not in ran)
    else:
        resume_at = None
        for slot in slots:
            slot.close()
    return FuzzResult(
        sum(exits.values()),
        dict(exits),
        tuple(failures),
        time.perf_counter() - started,
        slowest,
        resume_at,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.fuzz", description=__doc__)
    parser.add_argument("seeds", type=Path, nargs="+", metavar="ARTICLE")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--start", type=int, default=0, help="first mutant index (to go on with a stopped run)"
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--timeout", type=float, default=HANG_SECONDS, help="seconds = a hang")
    parser.add_argument(
        "--save", type=Path, default=Path("fuzz-failures"), help="where failing inputs go"
    )
    args = parser.parse_args(argv)
    missing = [p for p in args.seeds if not p.is_file()]
    if missing:
        parser.exit(2, f"fuzz: error: no such file: {missing[0]}\n")
    say = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    # SIGTERM's default action would end this process at once and leave the workers running.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    result = fuzz(
        args.seeds,
        args.count,
        args.seed,
        args.save,
        args.jobs,
        args.timeout,
        say=say,
        start=args.start,
    )
    print(report_line(result), flush=True)
    if result.resume_at is not None:
        print(f"interrupted: go on with --start {result.resume_at}", flush=True)
        return 130
    return 1 if result.failures else 0


def report_line(result: FuzzResult) -> str:
    exits = ", ".join(f"exit {k}: {v}" for k, v in sorted(result.exits.items()))
    return (
        f"{result.count} mutants in {result.seconds:.0f} s ({exits}); "
        f"{len(result.failures)} failures; slowest {result.slowest[0]:.1f} s ({result.slowest[1]})"
    )


if __name__ == "__main__":
    sys.exit(main())
