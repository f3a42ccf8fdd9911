"""Fetched bytes -> text: BOM, HTTP charset, `<meta>` charset, UTF-8, then a statistical guess.

Each candidate is taken only when it decodes the body cleanly; charset_normalizer's guess is
the costly last resort, and windows-1252 with replacement characters the floor.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

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
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def decode_bytes(body: bytes, declared: str | None = None, *, html: bool = True) -> tuple[str, str]:
    """`body` as text and the codec that decoded it (see the module docstring for the order)."""
    for label in _encoding_candidates(body, declared, html):
        codec = _codec(label)
        if codec is None:
            continue
        try:
            return body.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return body.decode("cp1252", errors="replace"), "cp1252"


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
