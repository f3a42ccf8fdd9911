"""Pack the claim corpus (pages.py) into sources.warc.gz, each page at the address its note cites.

Run `python tests/data/claimcorpus/make_warc.py` after editing a page, and commit the WARC.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))

from page_shell import render  # noqa: E402
from pages import PAGES  # noqa: E402

from sources.archive import Archive  # noqa: E402
from sources.model import FetchResult  # noqa: E402

FETCHED = dt.datetime(2024, 5, 9, 10, 0, tzinfo=dt.UTC)  # the notes' retrieved date


def main() -> None:
    out = HERE / "sources.warc.gz"
    with tempfile.TemporaryDirectory() as tmp, Archive.open(Path(tmp)) as archive:
        for page in PAGES:
            body = render(page)
            archive.store(
                FetchResult(
                    url=page.url,
                    fetched_at=FETCHED,
                    final_url=page.url,
                    status=200,
                    reason="OK",
                    request_headers=(("User-Agent", "citewatch claim corpus"),),
                    headers=(
                        ("Content-Type", "text/html; charset=utf-8"),
                        ("Content-Length", str(len(body))),
                    ),
                    body=body,
                    content_type="text/html",
                    declared_type="text/html",
                )
            )
        count = archive.export_warc(out)
    print(f"wrote {count} snapshots to {out}")


if __name__ == "__main__":
    main()
