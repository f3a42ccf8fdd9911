"""JATS (NISO Z39.96) article XML -> `Layout`: body, footnotes and reference list.

The only module that imports lxml directly. JATS is what journals deliver to PubMed Central,
Crossref and archives: the structure is explicit, so nothing is guessed. Blocks come from
`<body>` (`<sec>/<title>` headings, `<p>`, `<table-wrap>` tables and captions, figure
captions; formulas, code and preformatted text are left out); the abstract is front matter.
Notes are every `<fn>` and every `<ref>` of `<ref-list>`; a call is an
`<xref ref-type="fn|bibr" rid="...">` (several ids in one `rid`, and `[3]–[5]` ranges, call
each note). A `<mixed-citation>` is read as printed; an `<element-citation>` has only
fields, which are set out in a Chicago-like order (authors, "article title," *source*
volume, no. issue (year): pages, DOI as a URL) so the citation parser reads them as it
reads any note: the fields are taken as they are, nothing is looked up. Reference-list
entries carry the section "References", so reference 1 and footnote 1 stay apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from claims.errors import EmptyArticle, UnsupportedFormat
from claims.layout import CALL_RE, BlockKind, Layout, RawBlock, RawNote, call_marker

_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_SKIP = frozenset(
    {"disp-formula", "inline-formula", "code", "preformat", "fn-group", "fn", "ref-list",
     "table-wrap-foot", "alternatives", "tex-math", "math", "graphic", "media", "label"}
)  # fmt: skip
_ITALIC = frozenset({"italic", "em", "source"})  # a reference's <source> is its container
_BLOCKS = frozenset({"p", "title", "caption", "list-item", "disp-quote", "def", "term"})
_SPACE_RE = re.compile(r"\s+")
_SPACE_BEFORE_CALL_RE = re.compile(r"\s+(?=\ue000)")
# A bracket or parenthesis holding only calls: "[<3>, <4>]" -> "<3><4>"; "[<3>–<5>]" a range.
_CALL_GROUP_RE = re.compile(r"[\[(]\s*((?:\ue000\d+\ue001\s*[,;–-]?\s*)+)[\])]")
_RANGE_RE = re.compile(r"\ue000(\d+)\ue001\s*[–-]\s*\ue000(\d+)\ue001")
REFERENCES = "References"


def _name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    # "{ns}name", or "prefix:name" when a damaged file leaves the prefix unbound (lxml's
    # recovering parser keeps it in the tag, and QName refuses it)
    return tag.rpartition("}")[2].rpartition(":")[2]


def _clean(text: str) -> str:
    return _SPACE_BEFORE_CALL_RE.sub("", _SPACE_RE.sub(" ", text).strip())


@dataclass(slots=True)
class _Notes:
    """Ids of `<fn>` and `<ref>` -> note keys, and which were called."""

    keys: dict[str, int] = field(default_factory=dict)
    called: set[int] = field(default_factory=set)
    unknown: list[str] = field(default_factory=list)


def _render(element: etree._Element, notes: _Notes, *, note: bool) -> str:
    """An element's content as text: calls as markers; in a note, `*italics*`, `text <url>`."""
    out: list[str] = [element.text or ""]
    for child in element:
        _walk(child, out, notes, note=note, italic=False)
        out.append(child.tail or "")
    text = _CALL_GROUP_RE.sub(lambda m: _expand_ranges(m.group(1)), _clean("".join(out)))
    return _clean(text)


def _expand_ranges(group: str) -> str:
    """The calls of a bracketed group, a range `3–5` calling 3, 4 and 5."""

    def expand(match: re.Match[str]) -> str:
        first, last = int(match.group(1)), int(match.group(2))
        keys = range(first, last + 1) if 0 < last - first <= 50 else (first, last)
        return "".join(call_marker(k) for k in keys)

    return "".join(call_marker(int(k)) for k in CALL_RE.findall(_RANGE_RE.sub(expand, group)))


def _walk(
    element: etree._Element, out: list[str], notes: _Notes, *, note: bool, italic: bool
) -> None:
    name = _name(element)
    if name == "xref" and element.get("ref-type") in ("fn", "bibr", "table-fn", "endnote"):
        _call(element, out, notes)
    elif name in _SKIP:
        pass
    elif name == "pub-id" and element.get("pub-id-type") == "doi" and note:
        doi = (element.text or "").strip()
        before = "".join(out[-3:])
        out.append(doi if "doi.org/" in before else f"https://doi.org/{doi}")
    elif name in ("ext-link", "uri") and note:
        href = (element.get(_XLINK_HREF) or "").strip()
        inner: list[str] = [element.text or ""]
        for child in element:
            _walk(child, inner, notes, note=note, italic=italic)
            inner.append(child.tail or "")
        visible = _clean("".join(inner))
        if href.startswith(("http://", "https://", "ftp://")) and visible not in (href, ""):
            out.append(f"{visible} <{href}>")
        else:
            out.append(href or visible)
    else:
        inner = [element.text or ""]
        for child in element:
            _walk(child, inner, notes, note=note, italic=italic or name in _ITALIC)
            inner.append(child.tail or "")
        text = "".join(inner)
        if note and name in _ITALIC and not italic and text.strip():
            text = f"*{text.strip()}*"
        pad = " " if name in _BLOCKS else ""
        out.append(pad + text + pad)
        return
    # the tail of a skipped or special element is added by the caller


def _call(element: etree._Element, out: list[str], notes: _Notes) -> None:
    shown = _clean("".join(element.itertext()))
    markers = []
    for rid in (element.get("rid") or "").split():
        key = notes.keys.get(rid)
        if key is None:
            notes.unknown.append(rid)
            continue
        notes.called.add(key)
        markers.append(call_marker(key))
    numeric = bool(re.fullmatch(r"[\[(]?\s*[\d*†‡§a-z]{1,4}\s*[\])]?[.,]?", shown))
    # A numbered call is replaced by its marker; "Smith et al. 2001" stays text.
    out.append("".join(markers) if numeric or not shown else f"{shown}{''.join(markers)}")


# --- element-citation ---------------------------------------------------------------------


def _text_of(element: etree._Element | None) -> str:
    return _clean("".join(element.itertext())) if element is not None else ""


def _first(element: etree._Element, name: str) -> etree._Element | None:
    for child in element.iter():
        if _name(child) == name:
            return child
    return None


def _people(citation: etree._Element) -> str:
    names: list[str] = []
    for child in citation.iter():
        kind = _name(child)
        if kind in ("name", "string-name"):
            surname = _text_of(_first(child, "surname"))
            given = _text_of(_first(child, "given-names"))
            if surname and not names:
                names.append(f"{surname}, {given}" if given else surname)  # first inverted
            else:
                names.append(f"{given} {surname}".strip() if surname else _text_of(child))
        elif kind == "collab":
            names.append(_text_of(child))
    if _first(citation, "etal") is not None:
        names.append("et al.")
    if len(names) > 1 and names[-1] != "et al.":
        return (
            ", ".join(names[:-1]) + ", and " + names[-1]
        )  # Chicago: "Marsh, Tomas, and Ada Quill"
    return ", ".join(names)


def render_element_citation(citation: etree._Element) -> str:
    """An `<element-citation>`'s fields in a Chicago-like order (see the module docstring)."""

    def field(name: str) -> str:
        return _text_of(_first(citation, name))

    parts: list[str] = []
    people = _people(citation)
    if people:
        parts.append(people.rstrip(".") + ".")
    title = field("article-title") or field("chapter-title")
    source = field("source")
    year = field("year")
    if title:
        parts.append(f"“{title.rstrip('.')}.”")
    if source:
        kind = citation.get("publication-type", "")
        volume, issue = field("volume"), field("issue")
        pages = "–".join(p for p in (field("fpage"), field("lpage")) if p) or field("elocation-id")
        if kind == "journal" or volume:
            text = f"*{source}*"
            text += f" {volume}" if volume else ""
            text += f", no. {issue}" if issue else ""
            text += f" ({year})" if year else ""
            text += f": {pages}" if pages else ""
            parts.append(text + ".")
        else:
            place = ": ".join(p for p in (field("publisher-loc"), field("publisher-name")) if p)
            tail = ", ".join(p for p in (place, year) if p)
            parts.append(f"*{source}*." + (f" {tail}." if tail else ""))
    elif year:
        parts.append(f"{year}.")
    for child in citation.iter():
        kind = _name(child)
        if kind == "pub-id" and child.get("pub-id-type") == "doi":
            parts.append(f"https://doi.org/{_text_of(child)}.")
        elif kind in ("ext-link", "uri"):
            parts.append(f"<{(child.get(_XLINK_HREF) or _text_of(child)).strip()}>.")
    return " ".join(parts)


# --- reading ------------------------------------------------------------------------------


def _parse(path: Path, data: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        raise UnsupportedFormat(
            path, f"the XML cannot be parsed ({error})", "check the file"
        ) from None
    if root is None or _name(root) != "article":
        raise UnsupportedFormat(
            path, "the XML is not a JATS article (no <article> root)", "give a JATS article file"
        )
    return root


def _note_elements(root: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """The notes: every `<fn>` and `<ref>`, except the front matter's author notes
    (conflicts of interest, correspondence) that the text does not call."""
    called = {
        rid for e in root.iter() if _name(e) == "xref" for rid in (e.get("rid") or "").split()
    }
    fns = [
        e
        for e in root.iter()
        if _name(e) == "fn"
        and (e.get("id") in called or not any(_name(a) == "front" for a in e.iterancestors()))
    ]
    refs = [e for e in root.iter() if _name(e) == "ref"]
    return fns, refs


def _label(element: etree._Element, fallback: str) -> str:
    label = next((c for c in element if _name(c) == "label"), None)
    return _text_of(label).strip("[]().") or fallback


def _blocks(body: etree._Element, notes: _Notes) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    for element in body.iter():
        name = _name(element)
        if any(
            _name(a) in _SKIP or _name(a) in ("p", "caption", "table")
            for a in element.iterancestors()
        ):
            continue
        if name == "title" and _name(element.getparent()) in ("sec", "app", "boxed-text"):
            text = _render(element, notes, note=False)
            if text:
                blocks.append(RawBlock(BlockKind.HEADING, text))
        elif name == "p":
            text = _render(element, notes, note=False)
            if text:
                blocks.append(RawBlock(BlockKind.PARAGRAPH, text))
        elif name == "caption":
            text = _render(element, notes, note=False)
            if text:
                blocks.append(RawBlock(BlockKind.CAPTION, text))
        elif name == "table":
            rows = tuple(
                tuple(
                    _render(cell, notes, note=False) for cell in row if _name(cell) in ("td", "th")
                )
                for row in element.iter()
                if _name(row) == "tr"
            )
            rows = tuple(row for row in rows if any(row))
            if rows:
                text = "\n".join("\t".join(row) for row in rows)
                blocks.append(RawBlock(BlockKind.TABLE, text, rows))
    return blocks


def read_jats(path: Path, data: bytes) -> Layout:
    """Read a JATS article: title, abstract, body blocks with calls, footnotes, references."""
    root = _parse(path, data)
    fns, refs = _note_elements(root)
    notes = _Notes()
    for key, element in enumerate((*fns, *refs), 1):
        notes.keys.setdefault(element.get("id") or f"\x00{key}", key)
    title = _text_of(_first(root, "article-title"))
    blocks: list[RawBlock] = []
    abstract = _first(root, "abstract")
    if abstract is not None:
        text = _render(abstract, notes, note=False)
        if text:
            blocks.append(RawBlock(BlockKind.FRONT_MATTER, text))
    body = _first(root, "body")
    if body is not None:
        blocks.extend(_blocks(body, notes))
    raw_notes: list[RawNote] = []
    for key, element in enumerate(fns, 1):
        raw_notes.append(
            RawNote(key, _label(element, str(key)), _render(element, notes, note=True))
        )
    for key, element in enumerate(refs, len(fns) + 1):
        citations = [
            c
            for c in element
            if _name(c) in ("mixed-citation", "element-citation", "citation", "nlm-citation")
        ]
        texts = [
            render_element_citation(c)
            if _name(c) != "mixed-citation"
            else _render(c, notes, note=True)
            for c in citations
        ]
        text = " ".join(t for t in texts if t) or _render(element, notes, note=True)
        raw_notes.append(
            RawNote(key, _label(element, element.get("id") or str(key)), text, REFERENCES)
        )
    if not blocks and not raw_notes and not title:
        raise EmptyArticle(path, "the JATS file holds no article text", "give the full-text XML")
    warnings = [
        f"{'reference' if n.section else 'note'} {n.label}: never called in the text"
        for n in raw_notes
        if n.key not in notes.called
    ]
    warnings += [
        f"call to '{rid}': no <fn> or <ref> has this id" for rid in dict.fromkeys(notes.unknown)
    ]
    return Layout(
        title=title,
        blocks=tuple(blocks),
        note_lines=(),
        notes_heading="Notes" if raw_notes else None,
        warnings=tuple(warnings),
        notes=tuple(sorted(raw_notes, key=lambda n: n.key)),
    )
