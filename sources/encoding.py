"""Bytes -> text, for fetched pages and article files alike: BOM, declared charset, `<meta>`
charset, UTF-8, then a statistical guess.

Each candidate is taken only when it decodes the body cleanly, with one exception: a body that
is UTF-8 but for a few stray bytes (a Latin-1 "é" pasted into UTF-8 text) stays UTF-8, each
stray byte read as windows-1252, rather than being guessed into another charset that would
garble every other non-ASCII character. charset_normalizer's guess is the costly last resort,
and windows-1252 with replacement characters the floor. `decode_text` says which lines held
bytes that had to be read so.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from charset_normalizer import from_bytes

# WHATWG decodes these labels with the Windows superset, as browsers do: pages that say
# ISO-8859-9 are routinely windows-1254 in fact (and 0x80-0x9F are unused in the ISO form).
_WHATWG_ALIASES = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso-8859-9": "cp1254",
    "iso8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
}
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes: the codec used and the 1-based lines where bytes did not fit
    it (read as windows-1252, or replaced by U+FFFD)."""

    text: str
    encoding: str
    replaced_lines: tuple[int, ...] = ()


def decode_bytes(body: bytes, declared: str | None = None, *, html: bool = True) -> tuple[str, str]:
    """`body` as text and the codec that decoded it (see the module docstring for the order)."""
    decoded = decode_text(body, declared, html=html)
    return decoded.text, decoded.encoding


def decode_text(body: bytes, declared: str | None = None, *, html: bool = False) -> Decoded:
    """`body` decoded, saying where bytes had to be replaced (see the module docstring)."""
    for label in _encoding_candidates(body, declared, html):
        if label == _MOSTLY_UTF8:
            mostly = _mostly_utf8(body)
            if mostly is not None:
                return mostly
            continue
        codec = _codec(label)
        if codec is None:
            continue
        try:
            return Decoded(body.decode(codec), codec)
        except UnicodeDecodeError:
            continue
    text = body.decode("cp1252", errors="replace")
    return Decoded(text, "cp1252", _lines_of(text, "\ufffd"))


def unicode_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 told by a BOM or, without one, by the NUL bytes that ASCII characters
    leave in them; None for anything else (ASCII-compatible text has no NUL bytes)."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return None if name == "utf-8-sig" else name
    sample = head[:4096]
    sample = sample[: len(sample) // 4 * 4]
    if len(sample) < 8:
        return None
    for codec, offsets, width in (
        ("utf-32-le", (1, 2, 3), 4),
        ("utf-32-be", (0, 1, 2), 4),
        ("utf-16-le", (1,), 2),
        ("utf-16-be", (0,), 2),
    ):
        nul = [sample[i::width].count(0) for i in range(width)]
        units = len(sample) // width
        if all(nul[i] >= 0.7 * units for i in offsets) and all(
            nul[i] < 0.3 * units for i in range(width) if i not in offsets
        ):
            return codec
    return None


_MOSTLY_UTF8 = "\0mostly-utf-8"


_STRAYS = threading.local()  # where the handler below met stray bytes, for the running decode


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    _STRAYS.found.append(error.start)
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("citewatch-stray-cp1252", _stray_as_cp1252)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _mostly_utf8(body: bytes) -> Decoded | None:
    """UTF-8 with a few stray bytes: more well-formed multi-byte sequences than bad bytes."""
    _STRAYS.found = []
    try:
        text = body.decode("utf-8", errors="citewatch-stray-cp1252")
        bad = _STRAYS.found
    finally:
        _STRAYS.found = []
    if not bad or len(_UTF8_SEQUENCE.findall(body)) <= 2 * len(bad):
        return None
    lines = sorted({body.count(b"\n", 0, offset) + 1 for offset in bad[:1000]})
    return Decoded(text, "utf-8", tuple(lines))


def _lines_of(text: str, char: str) -> tuple[int, ...]:
    return tuple(i for i, line in enumerate(text.split("\n"), 1) if char in line)


def charset_param(content_type: str) -> str | None:
    """The `charset=` parameter of a Content-Type header, if any."""
    match = _CHARSET_PARAM.search(content_type)
    return match.group(1) if match else None


def _encoding_candidates(body: bytes, declared: str | None, html: bool) -> Iterator[str | None]:
    """Labels to try in order; the costly statistical guess only when the others fail."""
    yield from (name for bom, name in _BOMS if body.startswith(bom))
    yield declared
    if html:
        meta = _META_CHARSET.search(body[:4096])
        yield meta.group(1).decode("ascii", "replace") if meta else None
    yield "utf-8"
    yield _MOSTLY_UTF8
    yield unicode_encoding(body)
    best = from_bytes(body[:65536]).best()
    yield best.encoding if best is not None else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    name = label.strip().lower()
    name = _WHATWG_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
