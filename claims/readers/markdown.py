"""Markdown with footnotes -> `Layout`, through markdown-it-py and its footnote plugin.

The only module that imports markdown-it-py and mdit-py-plugins. A real parser, not
line patterns, decides what is prose: fenced and indented code, inline code, math
(`$...$`, `$$...$$`), HTML blocks and comments are never calls nor body text (inline code
and math stay in a note's text, without italics set around nothing but code); Liquid/Jekyll tags
(`{% include ... %}`, `{{ site.x }}`) are removed before parsing (no CommonMark parser knows
them). Footnote definitions `[^label]: ...` (named or numbered, with indented continuation
paragraphs) become `RawNote`s wherever they stand, with keys the calls carry; a link
`[text](url)` keeps its text in the body and gives `text <url>` in a note, so the citation
parser reads the target exactly. Calls inside table cells stay in the table block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from claims.layout import BlockKind, Layout, RawBlock, RawNote, call_marker

# Liquid tags and outputs; they never hold prose and may span lines (not blank ones).
_LIQUID_RE = re.compile(r"\{%(?:(?!\n[ \t]*\n).)*?%\}|\{\{(?:(?!\n[ \t]*\n).)*?\}\}", re.DOTALL)
_FRONT_TITLE_RE = re.compile(r"^title\s*:\s*(.+?)\s*$", re.MULTILINE)
_DEFINITION_RE = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:", re.MULTILINE)
_LEFT_CALL_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_SPACE_RE = re.compile(
    r"[ \t\r\n\f\v\xa0]+"
)  # a no-break space (pandoc sets one after "vol.") is a space
_SPACE_BEFORE_CALL_RE = re.compile(r"\s+(?=\ue000)")
_DUPLICATE = "\x00duplicate"


def _parser() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": True})
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(footnote_plugin)
        # "$5 and $10" is money, not math: no space inside the dollars, no digit after.
        .use(dollarmath_plugin, allow_space=False, allow_digits=False)
    )
    # Keep definitions in place (the plugin's tail step moves them and drops uncalled ones),
    # and keep link targets as written, not percent-encoded.
    md.disable("footnote_tail")
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return md


_MD = _parser()


def looks_like_markdown_notes(text: str) -> bool:
    """Whether plain text holds Markdown footnote definitions (`[^label]: ...`)."""
    return _DEFINITION_RE.search(text) is not None


@dataclass(slots=True)
class _Keys:
    """Footnote labels -> the integer keys their notes and calls carry."""

    keys: dict[str, int]
    called: set[str] = field(default_factory=set)
    missing: list[str] = field(default_factory=list)

    def call(self, label: str) -> str:
        self.called.add(label)
        return call_marker(self.keys[label])


def _assign_keys(called: Sequence[str], labels: Sequence[str]) -> dict[str, int]:
    """Notes are numbered in the order of their first call, as Markdown renders them (the
    labels are the author's names for them); notes nobody calls follow, in definition order."""
    order = [label for label in dict.fromkeys([*called, *labels]) if label in set(labels)]
    return {label: i for i, label in enumerate(order, 1)}


def _called_labels(tokens: Sequence[Token]) -> list[str]:
    return [
        child.meta["label"]
        for token in tokens
        for child in token.children or []
        if child.type == "footnote_ref" and child.meta.get("label") is not None
    ]


def _clean(text: str) -> str:
    return _SPACE_BEFORE_CALL_RE.sub("", _SPACE_RE.sub(" ", text).strip())


def _render_inline(tokens: Sequence[Token], keys: _Keys, *, note: bool) -> str:
    """An inline run as text: calls as markers; in a note, `*italics*` and `text <url>`."""
    out: list[str] = []
    links: list[tuple[int, str]] = []  # open links: where their text starts, their target
    emphasis: list[list[int]] = []  # open emphasis: [where it starts, prose seen in it]
    for token in tokens:
        kind, closes = token.type, False
        if kind == "text" or (note and kind in ("code_inline", "math_inline")):
            out.append(token.content)  # in the body, code and math are not prose
            if kind != "code_inline" and token.content.strip():
                for opened in emphasis:
                    opened[1] = 1
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "footnote_ref":
            label = token.meta.get("label")
            if label is not None and label in keys.keys:
                out.append(keys.call(label))
        elif kind == "em_open" and note:
            emphasis.append([len(out), 0])
        elif kind == "em_close" and note and emphasis:
            # Italics around nothing but code (`*`file.xml`*`) set code, not a title, and
            # are not kept: the citation parser reads `*...*` as a title (pandoc's Word
            # reader drops the italics of a code run the same way).
            start, prose = emphasis.pop()
            if prose:
                out[start:] = [_italicize("".join(out[start:]))]
        elif kind == "link_open":
            links.append((len(out), str(token.attrs.get("href", ""))))
        elif kind == "link_close":
            closes = True
        elif kind == "html_inline":
            closes = _render_html_inline(token.content, out, links)
        # images (alt text is not prose), strong, strikethrough marks: nothing
        if closes and links:
            start, href = links.pop()
            if note and href:
                out[start:] = [_link_text("".join(out[start:]), href)]
    return _clean("".join(out))


_ANGLE_URL_RE = re.compile(r"\s*<(?:https?|ftp)://[^>\s]+>|\s*<www\.[^>\s]+>", re.IGNORECASE)


def _italicize(text: str) -> str:
    """`*text*` with any link targets set after it, as the citation parser reads titles."""
    urls = _ANGLE_URL_RE.findall(text)
    core = _ANGLE_URL_RE.sub("", text)
    if not core.strip():
        return text
    lead = core[: len(core) - len(core.lstrip())]
    trail = core[len(core.rstrip()) :]
    return f"{lead}*{core.strip()}*{''.join(urls)}{trail}"


_HTML_HREF_RE = re.compile(r"""<a\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def _render_html_inline(tag: str, out: list[str], links: list[tuple[int, str]]) -> bool:
    """Raw inline HTML: `<br>` is a space, `<a href>` opens a link; True for `</a>`."""
    if re.match(r"<br\b", tag, re.IGNORECASE):
        out.append(" ")
    elif match := _HTML_HREF_RE.match(tag):
        links.append((len(out), next(g for g in match.groups() if g is not None)))
    return bool(re.match(r"</a\s*>", tag, re.IGNORECASE))


def _link_text(text: str, href: str) -> str:
    """A note's link: its text, then its target in angle brackets unless the text is it."""
    if not re.match(r"(?:https?|ftp)://|www\.", href, re.IGNORECASE):
        return text  # an in-page anchor or a relative link: no source to fetch
    visible = _clean(text)
    if visible in (href, href.rstrip("/")) or not visible:
        return f"<{href}>"
    return f"{text} <{href}>"


def _flag_loose_calls(text: str, keys: _Keys) -> None:
    for match in _LEFT_CALL_RE.finditer(text):
        if match.group(1) not in keys.keys:
            keys.missing.append(match.group(1))


@dataclass(slots=True)
class _Walk:
    blocks: list[RawBlock] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)
    heading_title: str = ""


def _table(tokens: Sequence[Token], start: int, keys: _Keys) -> tuple[RawBlock, int]:
    rows: list[tuple[str, ...]] = []
    cells: list[str] = []
    i = start
    while i < len(tokens) and tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tr_close":
            rows.append(tuple(cells))
            cells = []
        elif token.type == "inline":
            cells.append(_render_inline(token.children or [], keys, note=False))
        i += 1
    text = "\n".join("\t".join(row) for row in rows)
    return RawBlock(BlockKind.TABLE, text, tuple(rows)), i


def _walk(tokens: Sequence[Token], keys: _Keys, *, titled: bool) -> _Walk:
    """Blocks and notes; a first heading opening the text is the title unless `titled`."""
    walk = _Walk()
    note_label: str | None = None
    kind = BlockKind.PARAGRAPH
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "footnote_reference_open":
            note_label = token.meta["label"]
            if note_label in walk.notes:
                note_label = _DUPLICATE  # a second definition of a label: the first is kept
            walk.notes[note_label] = []
        elif token.type == "footnote_reference_close":
            note_label = None
        elif token.type == "heading_open":
            kind = BlockKind.HEADING
        elif token.type == "heading_close":
            kind = BlockKind.PARAGRAPH
        elif token.type == "table_open" and note_label is None:
            block, i = _table(tokens, i, keys)
            if block.rows:
                walk.blocks.append(block)
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "text":
                    _flag_loose_calls(child.content, keys)
            text = _render_inline(token.children or [], keys, note=note_label is not None)
            if note_label is not None:
                walk.notes[note_label].append(text)
            elif text:
                first = not walk.blocks and not walk.heading_title
                if kind is BlockKind.HEADING and first and not titled:
                    walk.heading_title = text
                else:
                    walk.blocks.append(RawBlock(kind, text))
        # code_block, fence, math_block, html_block, front_matter: never prose.
        i += 1
    return walk


def _definition_labels(tokens: Sequence[Token]) -> list[str]:
    return [t.meta["label"] for t in tokens if t.type == "footnote_reference_open"]


def _front_title(tokens: Sequence[Token]) -> str:
    for token in tokens:
        if token.type == "front_matter":
            match = _FRONT_TITLE_RE.search(token.content)
            if match:
                return match.group(1).strip().strip("\"'").strip()
    return ""


def _inline_notes(tokens: Sequence[Token], env: dict) -> Iterator[tuple[str, list[Token]]]:
    """Inline footnotes `^[text]`: the plugin keeps their tokens in its env."""
    listed = env.get("footnotes", {}).get("list", {})
    for number, entry in sorted(listed.items()):
        if entry.get("label") is None and "tokens" in entry:
            yield f"^{number}", entry["tokens"]


def read_markdown(text: str, *, liquid: bool = True) -> Layout:
    """Parse Markdown into a `Layout` whose notes are its footnote definitions; `liquid`
    False keeps `{% ... %}` and `{{ ... }}` as text (a Word document's, not a Jekyll site's)."""
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    if liquid:
        source = _LIQUID_RE.sub("", source)
    env: dict = {}
    tokens = _MD.parse(source, env)
    labels = _definition_labels(tokens)
    inline = list(_inline_notes(tokens, env))
    # Inline footnotes are calls the plugin made without a label: give them theirs.
    for token in tokens:
        for child in token.children or []:
            if child.type == "footnote_ref" and child.meta.get("label") is None:
                child.meta["label"] = f"^{child.meta['id']}"
    keys = _Keys(_assign_keys(_called_labels(tokens), [*labels, *(label for label, _ in inline)]))
    front_title = _front_title(tokens)
    walk = _walk(tokens, keys, titled=bool(front_title))
    walk.notes.pop(_DUPLICATE, None)
    for label, children in inline:
        walk.notes[label] = [_render_inline(children, keys, note=True)]
    title = front_title or walk.heading_title
    if not title and walk.blocks:
        title, blocks = walk.blocks[0].text, walk.blocks[1:]
    else:
        blocks = walk.blocks
    notes = tuple(
        RawNote(keys.keys[label], label if not label.startswith("^") else "", " ".join(parts))
        for label, parts in walk.notes.items()
    )
    warnings = [
        f"note {label}: defined but never called" for label in labels if label not in keys.called
    ]
    warnings += [
        f"call [^{label}]: no footnote defines it" for label in dict.fromkeys(keys.missing)
    ]
    duplicates = {label for label in labels if labels.count(label) > 1}
    warnings += [
        f"note {label}: defined more than once; the first is kept" for label in sorted(duplicates)
    ]
    return Layout(
        title=title,
        blocks=tuple(blocks),
        note_lines=(),
        notes_heading="Notes" if notes else None,
        warnings=tuple(warnings),
        notes=tuple(sorted(notes, key=lambda n: n.key)),
    )
