"""Pack the claim corpus (pages.py) into sources.warc.gz, each page at the address its note cites.

Run `python tests/data/claimcorpus/make_warc.py` after editing a page, and commit the WARC.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))

from page_shell import render  # noqa: E402
from pages import PAGES  # noqa: E402

from sources.packing import OfflinePage, pack_pages  # noqa: E402

FETCHED = dt.datetime(2024, 5, 9, 10, 0, tzinfo=dt.UTC)  # the notes' retrieved date


def main() -> None:
    out = HERE / "sources.warc.gz"
    pages = [OfflinePage(page.url, render(page)) for page in PAGES]
    count = pack_pages(pages, out, FETCHED, "citewatch claim corpus")
    print(f"wrote {count} snapshots to {out}")


if __name__ == "__main__":
    main()
