"""Small helpers over BeautifulSoup trees that the HTML reader's stages share.

Finding tags with a typed result, reading attributes and the words of class/id/role,
cleaning text, and telling block elements, headings, pull quotes and captions apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4.element import Tag

TagMatch = str | bool | list[str] | Callable[[Tag], bool]  # what find/find_all take as a name
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCK_TAGS = frozenset(
    {
        *HEADINGS,
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
BLOCK_NAMES = sorted(BLOCK_TAGS)

_PULL_RE = re.compile(r"pull(?!-?(?:left|right)\b)", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")
_SPACE_BEFORE_CALL_RE = re.compile(r"\s+(?=\ue000)")


def find_tags(tag: Tag, name: TagMatch = True, *, recursive: bool = True) -> list[Tag]:
    return [t for t in tag.find_all(name, recursive=recursive) if isinstance(t, Tag)]


def find_tag(tag: Tag, name: TagMatch) -> Tag | None:
    found = tag.find(name)
    return found if isinstance(found, Tag) else None


def get_attr(tag: Tag, name: str) -> str:
    """An attribute as one string: multi-valued ones (class) are joined by spaces."""
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def get_words(tag: Tag) -> set[str]:
    """The words of a tag's class, id and role: `shareButtons site-nav` -> share, buttons..."""
    raw = " ".join((get_attr(tag, "class"), get_attr(tag, "id"), get_attr(tag, "role")))
    raw = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", raw)
    return set(re.split(r"[^a-z0-9]+", raw.lower())) - {""}


def clean_text(text: str) -> str:
    """Collapse whitespace, drop soft hyphens and zero-width spaces, glue call markers on."""
    text = text.replace("\xad", "").replace("\u200b", "")
    return _SPACE_BEFORE_CALL_RE.sub("", _SPACE_RE.sub(" ", text).strip())


def is_blockish(tag: Tag) -> bool:
    return tag.name in BLOCK_TAGS or tag.find(BLOCK_NAMES) is not None


def get_heading_level(tag: Tag) -> int | None:
    return int(tag.name[1]) if tag.name in HEADINGS else None


def is_pull_quote(tag: Tag) -> bool:
    return tag.name in {"blockquote", "aside", "div", "figure", "p", "section"} and bool(
        _PULL_RE.search(get_attr(tag, "class"))
    )


def is_caption(tag: Tag) -> bool:
    if tag.name in {"figcaption", "caption"}:
        return True
    marks = ("caption", "credit")
    return any(word.startswith(marks) or word.endswith(marks) for word in get_words(tag))


def measure_text(tag: Tag, *, paragraphs: bool) -> int:
    """How much article text `tag` holds: its paragraphs' text, or all of it on p-less pages."""
    if not paragraphs:
        return len(tag.get_text(" ", strip=True))
    return sum(len(p.get_text(" ", strip=True)) for p in find_tags(tag, "p"))
