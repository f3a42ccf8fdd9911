"""The shell of a news page: site chrome, byline, dateline, photo caption, related items.

Pages of the claim corpus (`pages.py`) are written into this shell, so that each looks like
the item a reader saw: navigation and footer around the text, a byline, a dateline, a photo
with its caption, a box of related articles with their own dates.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    lang: str  # the page's html lang
    site: str  # the site's name, shown in the chrome
    title: str
    paragraphs: tuple[str, ...]
    published: str | None = None  # ISO date in the page's metadata; None: the page gives none
    byline: str = ""
    dateline: str = ""  # printed at the top of the text ("ANKARA, 29.01.2024")
    caption: str = ""  # a photo caption (may carry another date)
    related: tuple[str, ...] = ()  # titles in a related-articles box (may carry dates)
    headings: dict[int, str] = field(default_factory=dict)  # paragraph index -> heading before it
    founded: str = ""  # "since 1920" and the like, in the footer


NAV = {
    "en": ("Home", "World", "Europe", "Politics", "Defence", "Opinion"),
    "tr": ("Anasayfa", "Gündem", "Dünya", "Politika", "Savunma", "Ekonomi"),
    "sr": ("Početna", "Vesti", "Region", "Politika", "Društvo", "Svet"),
    "sr-Cyrl": ("Почетна", "Вести", "Регион", "Политика", "Друштво", "Свет"),
    "bs": ("Naslovnica", "Vijesti", "BiH", "Regija", "Svijet", "Sport"),
    "hr": ("Naslovnica", "Vijesti", "Hrvatska", "Svijet", "Politika", "Sport"),
    "sq": ("Ballina", "Lajme", "Kosova", "Rajoni", "Bota", "Sport"),
    "bg": ("Начало", "Новини", "България", "Балкани", "Свят", "Икономика"),
    "mk": ("Почетна", "Вести", "Македонија", "Регион", "Свет", "Економија"),
    "ro": ("Acasă", "Știri", "Politică", "Externe", "Apărare", "Economie"),
}
RELATED = {"en": "Related", "tr": "İlgili Haberler", "sr": "Povezane vesti",
           "sr-Cyrl": "Повезане вести", "bs": "Povezano", "hr": "Povezano", "sq": "Të ngjashme",
           "bg": "Свързани новини", "mk": "Поврзани вести", "ro": "Articole similare"}  # fmt: skip


def render(page: Page) -> bytes:
    e = html.escape
    lang = page.lang.split("-")[0]
    nav = "".join(f'<li><a href="/{e(n.lower())}">{e(n)}</a></li>' for n in NAV[page.lang])
    meta = ""
    if page.published:
        meta = f'<meta property="article:published_time" content="{page.published}T09:30:00+03:00">'
    body = []
    if page.dateline:
        body.append(f'<p class="dateline"><strong>{e(page.dateline)}</strong></p>')
    for i, paragraph in enumerate(page.paragraphs):
        if i in page.headings:
            body.append(f"<h2>{e(page.headings[i])}</h2>")
        body.append(f"<p>{e(paragraph)}</p>")
        if i == 0 and page.caption:
            body.append(
                f'<figure><img src="/img/{i}.jpg" alt=""><figcaption>{e(page.caption)}'
                "</figcaption></figure>"
            )
    related = ""
    if page.related:
        items = "".join(f'<li><a href="/r/{n}">{e(t)}</a></li>' for n, t in enumerate(page.related))
        related = f'<aside class="related"><h3>{e(RELATED[page.lang])}</h3><ul>{items}</ul></aside>'
    byline = f'<div class="byline">{e(page.byline)}</div>' if page.byline else ""
    founded = f" {e(page.founded)}" if page.founded else ""
    doc = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{e(page.title)} | {e(page.site)}</title>
{meta}<meta name="viewport" content="width=device-width"></head>
<body><header><div class="logo">{e(page.site)}</div><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{e(page.title)}</h1>{byline}
{"".join(body)}
</article>{related}</main>
<footer><p>{e(page.site)}{founded}. All rights reserved.</p></footer></body></html>"""
    return doc.encode("utf-8")
