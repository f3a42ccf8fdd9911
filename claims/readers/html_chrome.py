"""Site chrome out of an HTML page, and the choice of the element holding the article.

Chrome is nav, page header, footer, aside, form, and elements whose class, id or role names
navigation, menus, sidebars, sharing, comments, related links, newsletters, cookie banners
or ads, unless they hold most of the page's text (a wrapper, not chrome).
"""

from __future__ import annotations

import re

from bs4.element import Tag

from claims.readers.html_calls import parse_call_numbers
from claims.readers.html_notes import is_notes_container
from claims.readers.html_tree import find_tags, get_attr, get_words, is_pull_quote, measure_text

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
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _is_sidenote(tag: Tag) -> bool:
    """An `<aside>` set right after a note call: the note in the margin, not chrome."""
    before = tag.find_previous_sibling()
    return (
        tag.name == "aside"
        and isinstance(before, Tag)
        and before.name in {"sup", "a"}
        and bool(parse_call_numbers(before.get_text()))
    )


def _is_chrome(tag: Tag, page_weight: int, paragraphs: bool) -> bool:
    if is_pull_quote(tag) or is_notes_container(tag) or _is_sidenote(tag):
        return False  # collapsed footnotes are often hidden until clicked
    words = get_words(tag)
    hidden = (
        tag.has_attr("hidden")
        or bool(_HIDDEN_STYLE_RE.search(get_attr(tag, "style")))
        or bool(set(get_attr(tag, "class").lower().split()) & _HIDDEN_CLASSES)
    )
    if tag.name == "header":
        in_article = tag.find_parent("article") is not None
        chrome = get_attr(tag, "role").lower() == "banner" or (
            not in_article and (tag.find("nav") is not None or tag.find("h1") is None)
        )
    else:
        chrome = (
            tag.name in _CHROME_TAGS
            or bool(words & _CHROME_WORDS)
            or any(word.startswith(_CHROME_PREFIXES) for word in words)
            or get_attr(tag, "role").lower() == "banner"
        )
    if not (chrome or hidden) or tag.find(is_notes_container) is not None:
        return False
    if tag.name in {"nav", "aside", "footer", "header"}:
        return True
    # A "has-sidebar" page wrapper, an ASP.NET form around everything or a body hidden until
    # a script shows it is not chrome.
    return measure_text(tag, paragraphs=paragraphs) * 2 <= page_weight or page_weight == 0


def drop_chrome(body: Tag) -> None:
    """Remove, in place, what never holds article text and then the site's chrome."""
    for tag in find_tags(body, _DROP_TAGS):
        if not tag.decomposed:
            tag.decompose()
    paragraphs = body.find("p") is not None
    page_weight = measure_text(body, paragraphs=paragraphs)
    for tag in find_tags(body):
        if not tag.decomposed and _is_chrome(tag, page_weight, paragraphs):
            tag.decompose()


def choose_main_content(body: Tag) -> Tag:
    """The longest `article`, else `main` / `[role=main]`, else the tightest element
    holding nine tenths of the page's paragraph text."""
    paragraphs = body.find("p") is not None

    def weight(tag: Tag) -> int:
        return measure_text(tag, paragraphs=paragraphs)

    def is_main(tag: Tag) -> bool:
        return tag.name == "main" or get_attr(tag, "role").lower() == "main"

    for match in ("article", is_main):
        candidates = [t for t in find_tags(body, match) if weight(t) > 0]
        if candidates:
            return max(candidates, key=weight)
    node = body
    while True:
        total = weight(node)
        best = max(find_tags(node, recursive=False), key=weight, default=None)
        if best is None or total == 0 or weight(best) * 10 < total * 9:
            return node
        node = best
