"""Link health from fetches: ok, redirected, blocked, soft-404, server-error, unreachable,
failing, dead; and how far a page's text drifted.

Pure: the caller passes the fetch result, the link's earlier history and the settings.
A link is `dead` only after `dead_after_failures` failures (404, 410, a domain that no longer
resolves), each at least `dead_after_days` after the one counted before it, with no success in
between; until then it is `failing`. A run without a network says nothing about links: every
source is `unreachable`, with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from sources.model import FetchError, FetchResult, LinkState, StateChange
from sources.settings import LinkSettings

_UNREACHABLE = {FetchError.TIMEOUT, FetchError.NO_NETWORK, FetchError.CONNECTION}
_REFUSED = {FetchError.BLOCKED_ADDRESS, FetchError.BAD_SCHEME, FetchError.INVALID_URL}
_BLOCKING_STATUS = {401, 402, 403, 407, 429, 451}
_GONE_STATUS = {404, 410}
# Phrases of "not found" pages in the languages of the sources; only short pages are judged.
_GONE_TEXT = re.compile(
    r"page (?:was )?not found|404 (?:-|–)? ?not found|page (?:does not|doesn't) exist|"
    r"no longer available|has been removed|sayfa bulunamad|aradığınız sayfa|"
    r"stranica nije prona|stranica ne postoji|страница није пронађена|faqja nuk u gjet|"
    r"страницата не е намерена|pagina nu a fost g|seite nicht gefunden|page introuvable",
    re.IGNORECASE,
)
_BOT_WALL = re.compile(
    r"just a moment\.\.\.|attention required|captcha|cf-chl|are you a robot|access denied|"
    r"enable javascript and cookies",
    re.IGNORECASE,
)
DEFAULT_SETTINGS = LinkSettings()
SHORT_PAGE = 3000  # characters: a real article that quotes "page not found" is longer


def says_gone(text: str, title: str = "") -> bool:
    """A short page whose title or text says it is not there."""
    return bool(_GONE_TEXT.search(title)) or (
        len(text) <= SHORT_PAGE and bool(_GONE_TEXT.search(text))
    )


def is_bot_wall(result: FetchResult) -> bool:
    """A challenge page (Cloudflare and kin) in place of the content: alive, but not for us."""
    if result.header("cf-mitigated") or result.header("x-amzn-waf-action"):
        return True
    if result.status not in (200, 403, 429, 503) or len(result.body) > 50_000:
        return False
    return bool(_BOT_WALL.search(result.body[:50_000].decode("utf-8", "replace")))


def _home(url: str) -> bool:
    return urlsplit(url).path.strip("/") in ("", "index.html", "index.php", "home", "en", "tr")


def _same_page(a: str, b: str) -> bool:
    """The same address but for scheme, www., a trailing slash or letter case."""

    def norm(u: str) -> str:
        p = urlsplit(u)
        host = (p.hostname or "").removeprefix("www.")
        return f"{host}{p.path.rstrip('/')}?{p.query}".lower()

    return norm(a) == norm(b)


def _failures_spread(
    history: Sequence[StateChange], now: dt.datetime, settings: LinkSettings
) -> int:
    """Failures since the last success, counting only those a full interval apart."""
    failures: list[dt.datetime] = []
    for change in history:
        if change.state in (LinkState.FAILING, LinkState.DEAD):
            failures.append(change.checked_at)
        elif change.state not in (LinkState.UNREACHABLE,):
            failures = []  # the link answered in between
    failures.append(now)
    gap = dt.timedelta(days=settings.dead_after_days)
    counted: list[dt.datetime] = []
    for when in sorted(failures):
        if not counted or when - counted[-1] >= gap:
            counted.append(when)
    return len(counted)


def _gone(
    result: FetchResult, history: Sequence[StateChange], settings: LinkSettings, what: str
) -> StateChange:
    count = _failures_spread(history, result.fetched_at, settings)
    state = LinkState.DEAD if count >= settings.dead_after_failures else LinkState.FAILING
    detail = f"{what}; seen {count} time{'s' if count > 1 else ''} a day or more apart"
    if state is LinkState.FAILING:
        detail += f" (dead after {settings.dead_after_failures})"
    return StateChange(result.url, result.fetched_at, state, result.status, detail)


def classify(
    result: FetchResult,
    history: Sequence[StateChange] = (),
    settings: LinkSettings = DEFAULT_SETTINGS,
    network_ok: bool = True,
    sibling: FetchResult | None = None,
    page_text: str = "",
    page_title: str = "",
) -> StateChange:
    """The link's state after `result`, given its `history` (oldest first).

    `sibling` is a fetch of a random path beside the URL: a 200 with the same body means the
    site answers every address with one page (a soft 404). `page_text`/`page_title` are the
    page's extracted text, for "not found" wording.
    """
    at, url, status = result.fetched_at, result.url, result.status

    def state(s: LinkState, detail: str) -> StateChange:
        return StateChange(url, at, s, status, detail)

    if result.error is FetchError.ROBOTS:
        return state(LinkState.BLOCKED, f"robots.txt: {result.detail}")
    if result.error is not None and status is None:
        if not network_ok:
            return state(LinkState.UNREACHABLE, f"no network: {result.detail or result.error}")
        if result.error is FetchError.DNS:
            return _gone(result, history, settings, "the domain does not resolve")
        if result.error in _UNREACHABLE:
            return state(LinkState.UNREACHABLE, f"{result.error.value}: {result.detail}")
        if result.error in _REFUSED:
            return state(LinkState.UNREACHABLE, f"not fetched: {result.detail}")
        return state(LinkState.SERVER_ERROR, f"{result.error.value}: {result.detail}")
    if status is None:
        return state(LinkState.UNREACHABLE, result.detail or "no response")
    if status in _GONE_STATUS:
        return _gone(result, history, settings, f"HTTP {status}")
    if status in _BLOCKING_STATUS or is_bot_wall(result):
        return state(LinkState.BLOCKED, f"HTTP {status}: alive but refuses us")
    if status >= 500:
        return state(LinkState.SERVER_ERROR, f"HTTP {status}")
    if status >= 400:
        return state(LinkState.SERVER_ERROR, f"HTTP {status} (client error)")
    if result.error in (FetchError.REDIRECT_LOOP, FetchError.TOO_MANY_REDIRECTS):
        return state(LinkState.SERVER_ERROR, result.detail or result.error.value)
    final = result.final_url or url
    moved = not _same_page(url, final)
    if moved and _home(final) and not _home(url):
        return state(LinkState.SOFT_404, f"redirects to the site's home page {final}")
    if says_gone(page_text, page_title):
        return state(LinkState.SOFT_404, "the page says it is not found")
    if (
        sibling is not None
        and sibling.status == 200
        and sibling.body
        and sibling.body == result.body
    ):
        return state(LinkState.SOFT_404, "a random address beside it returns the same page")
    if moved:
        return state(LinkState.REDIRECTED, f"redirects to {final}")
    return state(LinkState.OK, f"HTTP {status}")


_WORD = re.compile(r"\w+", re.UNICODE)


def text_drift(before: str, after: str, size: int = 5) -> float:
    """Share of the text that changed, 0 (same) to 1 (nothing in common): 1 - Jaccard of
    word 5-grams, cheap on long pages and blind to whitespace and markup noise."""

    def shingles(text: str) -> set[tuple[str, ...]]:
        words = [w.casefold() for w in _WORD.findall(text)]
        if len(words) < size:
            return {tuple(words)} if words else set()
        return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}

    a, b = shingles(before), shingles(after)
    if not a and not b:
        return 0.0
    return 1.0 - len(a & b) / len(a | b)


@dataclass(frozen=True, slots=True)
class LinkCheck:
    """One re-fetched link: its state before and after, and its drift from the first snapshot."""

    url: str
    before: LinkState | None
    change: StateChange
    drift_before: float | None = None
    drift: float | None = None

    def news(self, threshold: float) -> tuple[str, ...]:
        """What changed: "dead", "failing", "recovered", "drifted" (none, one or two)."""
        now, was = self.change.state, self.before
        gone = (LinkState.FAILING, LinkState.DEAD)
        broken = (*gone, LinkState.SERVER_ERROR, LinkState.SOFT_404)
        found: list[str] = []
        if now is LinkState.DEAD and was is not LinkState.DEAD:
            found.append("dead")
        elif now is LinkState.FAILING and was not in gone:
            found.append("failing")
        elif now in (LinkState.OK, LinkState.REDIRECTED) and was in broken:
            found.append("recovered")
        drifted_before = self.drift_before is not None and self.drift_before >= threshold
        if self.drift is not None and self.drift >= threshold and not drifted_before:
            found.append("drifted")
        return tuple(found)
