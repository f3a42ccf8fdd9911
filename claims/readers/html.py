"""HTML article page -> `Layout`: the main content's blocks with note calls, and its notes.

The only module that imports BeautifulSoup for articles. A page is read in this order:

1. decode the bytes: byte-order mark, else the declared charset (meta charset, http-equiv,
   XML declaration), else UTF-8, else windows-1252; bytes that fit none are replaced;
2. drop what never holds article text (scripts, styles, forms' controls, embeds);
3. drop site chrome: nav, page header, footer, aside, form, and elements whose class, id or
   role names navigation, menus, sidebars, sharing, comments, related links, newsletters,
   cookie banners or ads, unless they hold most of the page's text (a wrapper, not chrome);
4. choose the main content: the longest `article`, else `main` / `[role=main]`, else the
   tightest element holding nine tenths of the page's paragraph text;
5. find the notes section (a footnotes/endnotes container, or the lists and paragraphs
   after a "Notes" heading) and render it as `N. text` lines;
6. walk the main content into blocks, turning note calls into `call_marker(n)`.

Everything is structural (tags, class/id/role words, text length); nothing names a site.
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.builder import ParserRejectedMarkup
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from claims.errors import ArticleNotFound, EmptyArticle, UnsupportedFormat
from claims.layout import BlockKind, Layout, RawBlock, call_marker, strip_calls

# --- decoding ---------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
# The WHATWG Encoding Standard: browsers read these labels as the Windows supersets, and a
# UTF-16 label inside an ASCII-compatible byte stream cannot be true.
_LABEL_ALIASES = {
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "ascii": "windows-1252",
    "us-ascii": "windows-1252",
    "iso-8859-9": "windows-1254",
    "iso8859-9": "windows-1254",
    "latin5": "windows-1254",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}


def _declared_encoding(head: bytes) -> str | None:
    match = _DECLARED_RE.search(head)
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "replace").strip().lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode(data: bytes) -> tuple[str, str | None]:
    """The page's text, and a warning when some bytes had to be replaced."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), None
    declared = _declared_encoding(data[:16384])
    for encoding in dict.fromkeys(e for e in (declared, "utf-8", "cp1252") if e):
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            continue
    fallback = declared or "cp1252"
    text = data.decode(fallback, errors="replace")
    return text, f"bytes that are not {fallback} were replaced by U+FFFD"


# --- tags, words and text ---------------------------------------------------------------

_Match = str | bool | list[str] | Callable[[Tag], bool]  # what find/find_all take as a name
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCK_TAGS = frozenset(
    {
        *_HEADINGS,
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_BLOCK_NAMES = sorted(_BLOCK_TAGS)
_DROP_TAGS = [
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "button", "select", "input", "textarea", "dialog", "link", "meta",
]  # fmt: skip
_CHROME_TAGS = frozenset({"nav", "footer", "aside", "form"})
_CHROME_WORDS = frozenset(
    {
        "nav", "navbar", "navigation", "menu", "menubar", "submenu", "sidebar", "breadcrumb",
        "breadcrumbs", "share", "shares", "sharing", "sharebar", "social", "comment",
        "comments", "disqus", "related", "recommended", "recommendations", "newsletter",
        "subscribe", "subscription", "signup", "cookie", "cookies", "consent", "gdpr", "ad",
        "ads", "advert", "adverts", "advertisement", "advertising", "sponsored", "promo",
        "popup", "modal", "masthead", "logo", "branding", "topbar", "toolbar", "skip",
        "pagination", "pager", "contentinfo", "complementary", "search", "footer",
    }
)  # fmt: skip
# Words that chrome classes run on with: sharedaddy, socialbar, sidebarLeft, cookiebot.
_CHROME_PREFIXES = ("share", "social", "sidebar", "breadcrumb", "cookie", "newsletter", "advert")
_HIDDEN_CLASSES = frozenset({"sr-only", "visually-hidden", "screen-reader-text", "hidden"})
_NOTES_WORDS = frozenset({"footnotes", "endnotes", "footnote", "endnote", "notes"})
_NOTES_CONTAINERS = frozenset({"section", "div", "aside", "footer", "ol", "ul"})
_ITALIC_TAGS = frozenset({"em", "i", "cite"})

# English, plus Turkish and Croatian: the languages of the articles this tool was built for.
_NOTES_TITLE_RE = re.compile(
    r"(?:end|foot)?notes|references|notes and references|references and notes"
    r"|(?:dip|son)?notlar|bilješke|napomene",
    re.IGNORECASE,
)
_PULL_RE = re.compile(r"pull(?!-?(?:left|right)\b)", re.IGNORECASE)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Ids of notes as the common generators write them: fn8, fn:8, note-8, endnote-8, _ftn8,
# _edn8 (Word), sdfootnote8sym (LibreOffice), cite_note-Name-8 (MediaWiki), en8.
_NOTE_ID_RE = re.compile(
    r"^_?(?:sd)?(?:(?:fn|ftn|edn|note|endnote|footnote|cite_note)\D{0,16}?|en[-_:]?)(\d+)"
    r"(?:sym|anc)?$",
    re.IGNORECASE,
)
_CALL_TEXT_RE = re.compile(r"[\[(]?\s*(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\s*[\])]?")
# A digit-only superscript right after a unit or a power of ten is an exponent, not a call.
_EXPONENT_BASE_RE = re.compile(r"(?:^|[\s(/])(?:[kcdm]?m|ft|mi|10|[x×·]\s?10)$")
_LEAD_NUMBER_RE = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s*|^\s*(\d{1,3})\s+(?=\S)")
_BACK_SIGNS = frozenset({"↩", "↑", "^", "⤴", "back", "return", "back to text", "top"})
_SPACE_RE = re.compile(r"\s+")
_SPACE_BEFORE_CALL_RE = re.compile(r"\s+(?=\ue000)")
_URL_LIKE_RE = re.compile(r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)+/\S*", re.IGNORECASE)


def _tags(tag: Tag, name: _Match = True, *, recursive: bool = True) -> list[Tag]:
    return [t for t in tag.find_all(name, recursive=recursive) if isinstance(t, Tag)]


def _first(tag: Tag, name: _Match) -> Tag | None:
    found = tag.find(name)
    return found if isinstance(found, Tag) else None


def _attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def _words(tag: Tag) -> set[str]:
    """The words of a tag's class, id and role: `shareButtons site-nav` -> share, buttons..."""
    raw = " ".join((_attr(tag, "class"), _attr(tag, "id"), _attr(tag, "role")))
    raw = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", raw)
    return set(re.split(r"[^a-z0-9]+", raw.lower())) - {""}


def _clean(text: str) -> str:
    text = text.replace("\xad", "").replace("\u200b", "")
    return _SPACE_BEFORE_CALL_RE.sub("", _SPACE_RE.sub(" ", text).strip())


def _is_blockish(tag: Tag) -> bool:
    return tag.name in _BLOCK_TAGS or tag.find(_BLOCK_NAMES) is not None


def _heading_level(tag: Tag) -> int | None:
    return int(tag.name[1]) if tag.name in _HEADINGS else None


def _is_pull_quote(tag: Tag) -> bool:
    return tag.name in {"blockquote", "aside", "div", "figure", "p", "section"} and bool(
        _PULL_RE.search(_attr(tag, "class"))
    )


def _is_caption(tag: Tag) -> bool:
    if tag.name in {"figcaption", "caption"}:
        return True
    marks = ("caption", "credit")
    return any(word.startswith(marks) or word.endswith(marks) for word in _words(tag))


def _text_weight(tag: Tag, *, paragraphs: bool) -> int:
    """How much article text `tag` holds: its paragraphs' text, or all of it on p-less pages."""
    if not paragraphs:
        return len(tag.get_text(" ", strip=True))
    return sum(len(p.get_text(" ", strip=True)) for p in _tags(tag, "p"))


def _call_numbers(text: str) -> list[int]:
    """`8` -> [8], `[8]` -> [8], `3, 4` -> [3, 4], `5–7` -> [5, 6, 7]; anything else -> []."""
    match = _CALL_TEXT_RE.fullmatch(text.strip())
    if not match:
        return []
    numbers: list[int] = []
    for part in match.group(1).split(","):
        ends = [int(n) for n in re.split(r"\s*[–-]\s*", part.strip())]
        if len(ends) == 2 and 0 < ends[1] - ends[0] <= 20:
            numbers.extend(range(ends[0], ends[1] + 1))
        else:
            numbers.extend(ends)
    return [n for n in numbers if n > 0]


def _note_id_number(value: str) -> int | None:
    if "ref" in value.lower():
        return None
    match = _NOTE_ID_RE.match(value)
    return int(match.group(1)) if match else None


def _fragment(tag: Tag) -> str:
    href = _attr(tag, "href").strip()
    return href.partition("#")[2] if "#" in href else ""


# --- chrome and main content ------------------------------------------------------------


def _is_notes_container(tag: Tag) -> bool:
    return tag.name in _NOTES_CONTAINERS and bool(_words(tag) & _NOTES_WORDS)


def _is_chrome(tag: Tag, page_weight: int, paragraphs: bool) -> bool:
    if _is_pull_quote(tag) or _is_notes_container(tag):
        return False  # collapsed footnotes are often hidden until clicked
    words = _words(tag)
    hidden = (
        tag.has_attr("hidden")
        or bool(_HIDDEN_STYLE_RE.search(_attr(tag, "style")))
        or bool(set(_attr(tag, "class").lower().split()) & _HIDDEN_CLASSES)
    )
    if tag.name == "header":
        in_article = tag.find_parent("article") is not None
        chrome = _attr(tag, "role").lower() == "banner" or (
            not in_article and (tag.find("nav") is not None or tag.find("h1") is None)
        )
    else:
        chrome = (
            tag.name in _CHROME_TAGS
            or bool(words & _CHROME_WORDS)
            or any(word.startswith(_CHROME_PREFIXES) for word in words)
            or _attr(tag, "role").lower() == "banner"
        )
    if not (chrome or hidden) or tag.find(_is_notes_container) is not None:
        return False
    if tag.name in {"nav", "aside", "footer", "header"}:
        return True
    # A "has-sidebar" page wrapper, an ASP.NET form around everything or a body hidden until
    # a script shows it is not chrome.
    return _text_weight(tag, paragraphs=paragraphs) * 2 <= page_weight or page_weight == 0


def _drop_chrome(body: Tag) -> None:
    for tag in _tags(body, _DROP_TAGS):
        if not tag.decomposed:
            tag.decompose()
    paragraphs = body.find("p") is not None
    page_weight = _text_weight(body, paragraphs=paragraphs)
    for tag in _tags(body):
        if not tag.decomposed and _is_chrome(tag, page_weight, paragraphs):
            tag.decompose()


def _main_content(body: Tag) -> Tag:
    paragraphs = body.find("p") is not None

    def weight(tag: Tag) -> int:
        return _text_weight(tag, paragraphs=paragraphs)

    def is_main(tag: Tag) -> bool:
        return tag.name == "main" or _attr(tag, "role").lower() == "main"

    for match in ("article", is_main):
        candidates = [t for t in _tags(body, match) if weight(t) > 0]
        if candidates:
            return max(candidates, key=weight)
    node = body
    while True:
        total = weight(node)
        best = max(_tags(node, recursive=False), key=weight, default=None)
        if best is None or total == 0 or weight(best) * 10 < total * 9:
            return node
        node = best


# --- notes section ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Notes:
    heading: Tag | None
    parts: tuple[Tag, ...]
    lines: tuple[str, ...]


def _heading_text(tag: Tag) -> str:
    return _clean(tag.get_text(" ")).rstrip(":").strip()


def _is_notes_heading(tag: Tag) -> bool:
    if tag.name not in _HEADINGS and (tag.name not in {"p", "div"} or _is_blockish_inside(tag)):
        return False
    return bool(_NOTES_TITLE_RE.fullmatch(_heading_text(tag)))


def _is_blockish_inside(tag: Tag) -> bool:
    return tag.find(_BLOCK_NAMES) is not None


def _find_notes(scope: Tag, root: Tag, soup: Tag) -> _Notes | None:
    """The notes under `scope`: a footnotes/endnotes container, else what follows a notes
    heading, else a run of elements whose ids number them (`fn1`, `_ftn1`...)."""

    def fits(tag: Tag) -> bool:  # neither the whole content nor what holds it
        return tag is not root and not any(a is tag for a in root.parents) and not tag.find("h1")

    marked = [
        t
        for t in _tags(scope, _is_notes_container)
        if t.find_parent(_is_notes_container) is None and fits(t)
    ]
    if marked and (notes := _notes_from(soup, _container_heading(marked[0]), tuple(marked))):
        return notes
    preference = ("endnotes", "footnotes", "notes", "references")
    headings = sorted(
        _tags(scope, _is_notes_heading),
        key=lambda h: next(
            (i for i, w in enumerate(preference) if _heading_text(h).lower().startswith(w)), 9
        ),
    )
    for heading in headings:
        parts = tuple(p for p in _parts_after(heading) if fits(p))
        if parts and (notes := _notes_from(soup, heading, parts)):
            return notes
    numbered = [t for t in _id_numbered_lists(scope) if fits(t)]
    if numbered:
        return _notes_from(soup, _container_heading(numbered[0]), tuple(numbered))
    return None


def _id_numbered_lists(scope: Tag) -> list[Tag]:
    """Elements with two or more children whose ids are note ids, outermost first."""
    counts: dict[int, int] = {}
    parents: list[Tag] = []
    for tag in _tags(scope, lambda t: _note_id_number(_attr(t, "id")) is not None):
        parent = tag.parent
        if parent is None:
            continue
        if id(parent) not in counts:
            parents.append(parent)
        counts[id(parent)] = counts.get(id(parent), 0) + 1
    found = [p for p in parents if counts[id(p)] >= 2]
    return [p for p in found if not any(a is q for q in found for a in p.parents)]


def _container_heading(container: Tag) -> Tag | None:
    inside = _first(container, list(_HEADINGS))
    if inside is not None:
        return inside
    before = container.find_previous_sibling()
    return before if isinstance(before, Tag) and _is_notes_heading(before) else None


def _parts_after(heading: Tag) -> list[Tag]:
    level = _heading_level(heading) or 7
    node = heading
    while node.find_next_sibling() is None and node.parent is not None:
        if node.parent.name in {"body", "article", "main"}:
            break
        node = node.parent
    parts: list[Tag] = []
    for sibling in node.find_next_siblings():
        if not isinstance(sibling, Tag):
            continue
        first_heading = sibling if sibling.name in _HEADINGS else _first(sibling, list(_HEADINGS))
        if first_heading is not None and (_heading_level(first_heading) or 7) <= level:
            break
        parts.append(sibling)
    return parts


def _notes_from(soup: Tag, heading: Tag | None, parts: tuple[Tag, ...]) -> _Notes | None:
    inside = {id(t) for part in parts for t in (part, *_tags(part))}
    call_ids = {
        value
        for tag in _tags(soup, ["sup", "a"])
        if id(tag) not in inside
        for value in (_attr(tag, "id"), _attr(tag, "name"))
        if value
    }
    lines = tuple(_note_lines(parts, heading, frozenset(call_ids)))
    if not any(line[:1].isdigit() for line in lines):
        return None
    return _Notes(heading, parts, lines)


def _note_items(parts: Iterable[Tag], heading: Tag | None) -> Iterator[tuple[Tag, int | None]]:
    """Each note-holding element with the number its position or id gives it, if any."""
    for part in parts:
        lists = list(_top_lists(part))
        if lists:
            for lst in lists:
                yield from _list_items(lst)
        else:
            yield from _leaves(part, heading, None)


def _top_lists(tag: Tag) -> Iterator[Tag]:
    if tag.name in {"ol", "ul"}:
        yield tag
        return
    for child in _tags(tag, recursive=False):
        yield from _top_lists(child)


def _list_items(lst: Tag) -> Iterator[tuple[Tag, int | None]]:
    ordered = lst.name == "ol"
    start = _attr(lst, "start").strip()
    position = int(start) if start.lstrip("-").isdigit() else 1
    for li in _tags(lst, "li", recursive=False):
        value = _attr(li, "value").strip()
        if value.isdigit():
            position = int(value)
        yield li, (position if ordered else _note_id_number(_attr(li, "id")))
        position += 1


def _leaves(tag: Tag, heading: Tag | None, pending: int | None) -> Iterator[tuple[Tag, int | None]]:
    """The paragraph-level elements under `tag`; an id's number goes to its first one."""
    if tag is heading or tag.name in _HEADINGS:
        return
    own = _note_id_number(_attr(tag, "id"))
    pending = own if own is not None else pending
    children = _tags(tag, recursive=False)
    if tag.name == "tr" or not any(_is_blockish(child) for child in children):
        if tag.get_text(strip=True):
            yield tag, pending
        return
    for child in children:
        if _is_blockish(child):
            for leaf in _leaves(child, heading, pending):
                yield leaf
                pending = None


def _note_lines(
    parts: Iterable[Tag], heading: Tag | None, call_ids: frozenset[str]
) -> Iterator[str]:
    expected = 1
    for item, given in _note_items(parts, heading):
        anchor_number = next(
            (
                n
                for t in (item, *_tags(item))
                for n in (_note_id_number(_attr(t, "id")), _note_id_number(_attr(t, "name")))
                if n is not None
            ),
            None,
        )
        text, back_numbers = _note_text(item, call_ids)
        if not text:
            continue
        number = next((n for n in (given, anchor_number, *back_numbers[:1]) if n is not None), None)
        lead = _LEAD_NUMBER_RE.match(text)
        if lead:
            printed = int(lead.group(1) or lead.group(2) or lead.group(3))
            bare = lead.group(3) is not None
            if printed == number or (number is None and (not bare or printed == expected)):
                number = printed
                text = text[lead.end() :]
        if number is None:
            yield text
            continue
        yield f"{number}. {text}"
        expected = number + 1


def _note_text(item: Tag, call_ids: frozenset[str]) -> tuple[str, list[int]]:
    """A note's text with `*italics*` and ` <url>` after linked words; backlinks' numbers."""
    out: list[str] = []
    back_numbers: list[int] = []
    for child in item.children:
        _render_note(child, out, back_numbers, call_ids, italic=False)
    return _clean("".join(out)), back_numbers


def _render_note(
    node: PageElement, out: list[str], back: list[int], call_ids: frozenset[str], italic: bool
) -> None:
    if isinstance(node, NavigableString):
        if not isinstance(node, PreformattedString):
            out.append(str(node))
        return
    if not isinstance(node, Tag):
        return
    if node.name == "br":
        out.append(" ")
        return
    inner: list[str] = []
    for child in node.children:
        _render_note(child, inner, back, call_ids, italic or node.name in _ITALIC_TAGS)
    text = "".join(inner)
    if node.name == "a":
        if _is_backlink(node, call_ids):
            back.extend(_call_numbers(node.get_text()))
            return
        text = _with_url(text, _attr(node, "href").strip())
    elif node.name in _ITALIC_TAGS and not italic:
        text = _italicize(text)
    pad = " " if node.name in _BLOCK_TAGS else ""
    out.append(pad + text + pad)


def _is_backlink(link: Tag, call_ids: frozenset[str]) -> bool:
    words = _words(link)
    if words & {"backref", "backlink", "back"}:
        return True
    if _clean(link.get_text()).rstrip("\ufe0e\ufe0f").casefold() in _BACK_SIGNS:
        return True
    fragment = _fragment(link)
    return bool(fragment) and ("ref" in fragment.lower() or fragment in call_ids)


def _with_url(text: str, href: str) -> str:
    visible = _clean(text)
    if not re.match(r"https?://", href, re.IGNORECASE) or not visible:
        return text
    if re.match(r"https?://", visible, re.IGNORECASE):
        return text  # the page prints the URL itself
    if _URL_LIKE_RE.fullmatch(visible):
        return href  # a shortened URL: the href is the full one
    return f"{text.rstrip()} <{href}>{text[len(text.rstrip()) :]}"


def _italicize(text: str) -> str:
    match = re.fullmatch(r"(\s*)(.*?)(\s*)", text, re.DOTALL)
    assert match is not None  # the pattern matches any string
    lead, core, trail = match.groups()
    urls = re.findall(r"\s*<https?://[^>\s]+>", core)
    for url in urls:
        core = core.replace(url, "")
    if not core.strip():
        return text
    return f"{lead}*{core.strip()}*{''.join(urls)}{trail}"


# --- blocks -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    title: Tag | None
    skip: frozenset[int]  # id()s of the notes heading and the elements holding the notes
    note_ids: frozenset[str]  # ids and names inside the notes section


def _body_text(nodes: Iterable[PageElement], ctx: _Context) -> str:
    out: list[str] = []
    for node in nodes:
        _render_body(node, out, ctx)
    return _clean("".join(out))


def _render_body(node: PageElement, out: list[str], ctx: _Context) -> None:
    if isinstance(node, NavigableString):
        if not isinstance(node, PreformattedString):
            out.append(str(node))
        return
    if not isinstance(node, Tag):
        return
    if node.name == "br":
        out.append(" ")
        return
    if _is_call(node, out, ctx):
        out.extend(call_marker(n) for n in _call_numbers(node.get_text()))
        return
    pad = " " if node.name in _BLOCK_TAGS else ""
    out.append(pad)
    for child in node.children:
        _render_body(child, out, ctx)
    out.append(pad)


def _is_call(tag: Tag, before: list[str], ctx: _Context) -> bool:
    if tag.name == "sup":
        if tag.find_parent("math") is not None:
            return False
        tail = "".join(before[-6:])[-8:]
        return not _EXPONENT_BASE_RE.search(tail) and bool(_call_numbers(tag.get_text()))
    if tag.name != "a" or not _call_numbers(tag.get_text()):
        return False
    if _words(tag) & {"noteref", "footnote", "endnote"} or "noteref" in _attr(tag, "role"):
        return True
    fragment = _fragment(tag)
    return bool(fragment) and (_note_id_number(fragment) is not None or fragment in ctx.note_ids)


def _blocks(container: Tag, kind: BlockKind, ctx: _Context) -> Iterator[RawBlock]:
    """The blocks under `container`: inline runs between block children become `kind`."""
    run: list[PageElement] = []
    for child in container.children:
        if isinstance(child, Tag) and (id(child) in ctx.skip or _is_blockish(child)):
            yield from _run_block(run, kind, ctx)
            run = []
            if id(child) not in ctx.skip:
                yield from _block(child, kind, ctx)
        else:
            run.append(child)
    yield from _run_block(run, kind, ctx)


def _run_block(run: list[PageElement], kind: BlockKind, ctx: _Context) -> Iterator[RawBlock]:
    text = _body_text(run, ctx)
    if text:
        yield RawBlock(kind, text)


def _block(tag: Tag, kind: BlockKind, ctx: _Context) -> Iterator[RawBlock]:
    if tag is ctx.title or tag.name == "hr":
        return
    if tag.name in _HEADINGS:
        yield from _run_block([tag], BlockKind.HEADING, ctx)
    elif tag.name == "table" and not _is_layout_table(tag):
        yield from _table(tag, ctx)
    elif _is_pull_quote(tag):
        yield from _run_block([tag], BlockKind.PULL_QUOTE, ctx)
    elif _is_caption(tag):
        yield from _run_block([tag], BlockKind.CAPTION, ctx)
    elif tag.name == "header":
        yield from _blocks(tag, BlockKind.FRONT_MATTER, ctx)
    else:
        yield from _blocks(tag, kind, ctx)


def _is_layout_table(table: Tag) -> bool:
    """A table used to lay out a page (old sites), not to hold data."""
    if _attr(table, "role").lower() in {"presentation", "none"} or table.find("table"):
        return True
    if table.find([*_HEADINGS, "blockquote", "article"]) is not None:
        return True
    return _text_weight(table, paragraphs=True) > 400


def _table(table: Tag, ctx: _Context) -> Iterator[RawBlock]:
    caption = _first(table, "caption")
    if caption is not None:
        yield from _run_block([caption], BlockKind.CAPTION, ctx)
    head: list[tuple[str, ...]] = []
    body: list[tuple[str, ...]] = []
    foot: list[tuple[str, ...]] = []
    for tr in _tags(table, "tr"):
        if tr.find_parent("table") is not table:
            continue
        cells = tuple(_body_text(c.children, ctx) for c in _tags(tr, ["td", "th"], recursive=False))
        if not any(cells):
            continue
        section = tr.parent.name if tr.parent is not None else ""
        {"thead": head, "tfoot": foot}.get(section, body).append(cells)
    rows = (*head, *body, *foot)
    if rows:
        text = "\n".join("\t".join(row) for row in rows)
        yield RawBlock(BlockKind.TABLE, text, rows=rows)


def _title(root: Tag, body: Tag, soup: BeautifulSoup) -> tuple[str, Tag | None]:
    empty = _Context(None, frozenset(), frozenset())
    for h1 in (_first(root, "h1"), _first(body, "h1")):
        if h1 is not None:
            text = strip_calls(_body_text([h1], empty))
            if text:
                return text, h1
    page_title = _first(soup, "title")
    return (_clean(page_title.get_text()) if page_title is not None else ""), None


# --- entry points -----------------------------------------------------------------------


def read_html(path: Path) -> Layout:
    """Read an HTML article page; see the module docstring for what is kept."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleNotFound(path, "no such file", "check the path") from None
    except IsADirectoryError:
        raise ArticleNotFound(path, "this is a directory", "give the article's file") from None
    text, warning = _decode(data)
    layout = read_html_text(text, path)
    if warning is None:
        return layout
    return replace(layout, warnings=(warning, *layout.warnings))


def read_html_text(html: str, path: Path) -> Layout:
    """Read an already decoded HTML page; `path` only names it in errors."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            soup = BeautifulSoup(html, "lxml")
    except ParserRejectedMarkup as error:
        raise UnsupportedFormat(
            path, f"the HTML parser rejected the page ({error})", "check the file is HTML"
        ) from None
    body = _first(soup, "body") or soup
    _drop_chrome(body)
    root = _main_content(body)
    notes = _find_notes(root, root, soup) or _find_notes(body, root, soup)
    skip: set[int] = set()
    note_ids: set[str] = set()
    if notes is not None:
        for part in (*notes.parts, *([notes.heading] if notes.heading else [])):
            skip.add(id(part))
            for tag in (part, *_tags(part)):
                note_ids.update(v for v in (_attr(tag, "id"), _attr(tag, "name")) if v)
    title, title_tag = _title(root, body, soup)
    ctx = _Context(title_tag, frozenset(skip), frozenset(note_ids))
    blocks = tuple(_blocks(root, BlockKind.PARAGRAPH, ctx))
    note_lines = notes.lines if notes is not None else ()
    if not blocks and not note_lines:
        raise EmptyArticle(
            path, "the HTML page holds no text", "check the file is the article page"
        )
    heading = _heading_text(notes.heading) if notes is not None and notes.heading else None
    return Layout(title=title, blocks=blocks, note_lines=note_lines, notes_heading=heading)
