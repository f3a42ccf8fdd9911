"""Link states from fetch results and history."""

from __future__ import annotations

import datetime as dt

from sources.linkrot import classify, text_drift
from sources.model import FetchError, FetchResult, LinkState, StateChange
from sources.settings import LinkSettings

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
URL = "https://news.example.org/2024/01/story"


def result(
    status: int | None = 200,
    *,
    at: dt.datetime = T0,
    final: str = URL,
    error: FetchError | None = None,
    body: bytes = b"<p>story</p>",
    headers: tuple[tuple[str, str], ...] = (),
) -> FetchResult:
    return FetchResult(
        URL,
        at,
        final_url=final,
        status=status,
        error=error,
        body=body,
        headers=headers,
        detail=error.value if error else "",
    )


def test_200_is_ok() -> None:
    assert classify(result()).state is LinkState.OK


def test_404_is_dead_after_three_checks_a_day_apart() -> None:
    history: list[StateChange] = []
    states = []
    for day in range(3):
        change = classify(result(404, at=T0 + dt.timedelta(days=day)), history)
        history.append(change)
        states.append(change.state)
    assert states == [LinkState.FAILING, LinkState.FAILING, LinkState.DEAD]


def test_three_404s_within_an_hour_are_still_failing() -> None:
    history: list[StateChange] = []
    for minutes in (0, 20, 40):
        history.append(classify(result(410, at=T0 + dt.timedelta(minutes=minutes)), history))
    assert history[-1].state is LinkState.FAILING


def test_a_success_in_between_resets_the_count() -> None:
    history = [
        classify(result(404, at=T0), []),
        classify(result(404, at=T0 + dt.timedelta(days=1)), []),
    ]
    history.append(classify(result(200, at=T0 + dt.timedelta(days=2)), history))
    after = classify(result(404, at=T0 + dt.timedelta(days=3)), history)
    assert after.state is LinkState.FAILING


def test_dead_rule_is_configurable() -> None:
    settings = LinkSettings(dead_after_failures=1)
    assert classify(result(404), [], settings).state is LinkState.DEAD


def test_blocked_statuses_and_bot_walls() -> None:
    for status in (401, 403, 429):
        assert classify(result(status)).state is LinkState.BLOCKED
    wall = result(503, body=b"<title>Just a moment...</title> checking your browser")
    assert classify(wall).state is LinkState.BLOCKED
    assert classify(result(503)).state is LinkState.SERVER_ERROR


def test_redirect_elsewhere_and_to_the_home_page() -> None:
    moved = classify(result(final="https://news.example.org/archive/2024/story"))
    assert moved.state is LinkState.REDIRECTED and "archive/2024/story" in moved.detail
    home = classify(result(final="https://news.example.org/"))
    assert home.state is LinkState.SOFT_404


def test_scheme_and_www_changes_are_not_redirects() -> None:
    assert (
        classify(result(final="https://www.news.example.org/2024/01/story/")).state is LinkState.OK
    )


def test_soft_404_from_wording_and_from_a_random_sibling() -> None:
    assert (
        classify(result(), page_text="Sayfa bulunamadı. Ana sayfaya dönün.").state
        is LinkState.SOFT_404
    )
    same = result(body=b"<p>story</p>")
    assert classify(result(), sibling=same).state is LinkState.SOFT_404
    other = result(body=b"<p>another</p>")
    assert classify(result(), sibling=other).state is LinkState.OK


def test_long_article_quoting_not_found_is_not_a_soft_404() -> None:
    text = "The ministry's page not found by reporters was restored. " + "word " * 1000
    assert classify(result(), page_text=text).state is LinkState.OK


def test_without_network_everything_is_unreachable_with_the_reason() -> None:
    change = classify(result(None, error=FetchError.DNS), network_ok=False)
    assert change.state is LinkState.UNREACHABLE and "no network" in change.detail


def test_timeouts_are_unreachable_and_a_vanished_domain_is_failing() -> None:
    assert classify(result(None, error=FetchError.TIMEOUT)).state is LinkState.UNREACHABLE
    assert classify(result(None, error=FetchError.DNS)).state is LinkState.FAILING


def test_text_drift() -> None:
    text = "one two three four five six seven eight nine ten eleven twelve"
    assert text_drift(text, text) == 0.0
    assert text_drift(text, "completely different words here and there and everywhere now") == 1.0
    assert 0 < text_drift(text, text.replace("seven", "SEVENTY")) < 1
