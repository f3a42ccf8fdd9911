"""Text extraction runs within a size, time and memory budget; a body not read says why."""

from __future__ import annotations

import time

from sources.text import TextBudget, extract_text

PAGE = (
    b"<html><head><title>Port deal</title></head><body><article>"
    + b"<p>The two ministries signed the port agreement on Monday in Vidin.</p>" * 40
    + b"</article></body></html>"
)
# 200,000 inline elements: trafilatura needs tens of seconds and hundreds of MB for them
HOSTILE = b"<html><body>" + b"<span>a</span>" * 200_000 + b"</body></html>"
CHILD = TextBudget(inline_bytes=0, inline_tags=0)  # every body read in a child process


def test_a_page_read_in_a_child_process_reads_as_in_this_one() -> None:
    inline = extract_text(PAGE, "text/html")
    assert inline.text and extract_text(PAGE, "text/html", budget=CHILD) == inline


def test_a_page_over_the_time_budget_is_not_read_and_says_so() -> None:
    started = time.monotonic()
    page = extract_text(HOSTILE, "text/html", budget=TextBudget(seconds=0.5))
    assert time.monotonic() - started < 5
    assert page.text == "" and "0.5s budget" in page.note


def test_a_page_over_the_memory_budget_is_not_read_and_says_so() -> None:
    page = extract_text(HOSTILE, "text/html", budget=TextBudget(memory=8 * 2**20))
    assert page.text == "" and page.note.startswith("not read: text extraction")


def test_a_body_over_the_size_budget_is_not_read_at_all() -> None:
    page = extract_text(PAGE, "text/html", budget=TextBudget(max_bytes=1000))
    assert page.text == "" and "over the 1,000-byte budget" in page.note


def test_noise_said_to_be_html_is_not_read_but_utf16_is() -> None:
    noise = bytes(range(256)) * 400
    assert extract_text(noise, "text/html").note.startswith("not read: the body is binary")
    page = extract_text(PAGE.decode().encode("utf-16"), "text/html; charset=utf-16")
    assert "port agreement" in page.text and not page.note
