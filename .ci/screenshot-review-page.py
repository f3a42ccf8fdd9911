"""Regenerate reports/review-page.png, the README's picture of the review page.

Runs the sample offline, serves its report with `pipeline.review`, and takes the picture with
Debian's Chromium through Playwright (`bash .ci/install-browser` first):
    python .ci/screenshot-review-page.py
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from claims.article import read_article  # noqa: E402
from pipeline.decisions import DecisionStore  # noqa: E402
from pipeline.review import ReviewServer  # noqa: E402
from pipeline.stages import (  # noqa: E402
    SourceOptions,
    check_article,
    check_claims,
    gather_sources,
)
from reports.html import render_html  # noqa: E402
from reports.model import report_json  # noqa: E402

WHEN = dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    article = read_article(REPO / "sample" / "danube-ports.txt")
    warc = REPO / "sample" / "danube-ports.sources.warc.gz"
    options = SourceOptions(archive=tmp / "archive", online=False, imports=(warc,))
    sources = gather_sources(article, options, WHEN, lambda _: None)
    report = check_article(article, sources, WHEN, check_claims(article, sources))
    out = tmp / "out"
    out.mkdir()
    (out / "report.json").write_text(json.dumps(report_json(report)), encoding="utf-8")
    (out / "report.html").write_text(render_html(report), encoding="utf-8")
    with DecisionStore.open(tmp / "decisions.sqlite") as store:
        server = ReviewServer(out, store, tmp / "archive").start()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
                )
                page = browser.new_page(viewport={"width": 1360, "height": 800})
                page.goto(server.url)
                page.wait_for_selector("body[data-served=yes]")
                page.fill("#reviewer", "Ana Editor")
                page.locator("#items li[data-kind=claim-date-mismatch] a").first.click()
                page.locator("#items li[data-kind=note-date-mismatch] a").first.click()
                page.keyboard.press("c")
                page.locator("#items li[data-kind=claim-date-mismatch] a").first.click()
                page.wait_for_timeout(300)
                shot = REPO / "reports" / "review-page.png"
                page.screenshot(path=str(shot))
                browser.close()
        finally:
            server.stop()
    # 256 colours keep the picture sharp and the file small
    from PIL import Image  # Pillow, installed with the test dependencies

    Image.open(shot).quantize(256).save(shot, optimize=True)


if __name__ == "__main__":
    main()
