"""Pack the sample article's source pages (sample/pages/) into sample/danube-ports.sources.warc.gz.

The pages are fictional, written for the sample; each stands at the address its note cites,
so `citewatch verify sample/danube-ports.txt --sources sample/danube-ports.sources.warc.gz`
checks every claim with no network. Run `python sample/make_sources_warc.py` after editing a
page, and commit the WARC.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sources.packing import OfflinePage, pack_pages

HERE = Path(__file__).resolve().parent
FETCHED = dt.datetime(2024, 5, 2, 9, 0, tzinfo=dt.UTC)  # the notes' retrieved date
PAGES = {
    "https://riverherald.example.org/2001/03/12/danube-ports-sign-new-pilotage-deal": "riverherald-2001-pilotage.html",
    "https://riverherald.example.org/2008/06/04/hidden-winners-of-the-pilotage-tariff": "riverherald-2008-winners.html",
    "https://transport.example.gov/news/port-modernisation-programme-launched": "ministry-programme.html",
    "https://danubedaily.example.net/2019/06/02/albania-orders-two-survey-vessels": "danubedaily-vessels.html",
    "https://danubedaily.example.net/2020/06/05/turning-point-for-the-lower-river": "danubedaily-turning-point.html",
    "https://transport.example.gov/news/ministries-sign-ferry-agreement": "ministry-ferry.html",
    "https://transport.example.gov/news/bridge-maintenance-agreement-signed": "ministry-bridge.html",
    "https://www.resmigazete.gov.tr/eskiler/2002/10/20021002.htm": "rg-20021002.htm",
    "https://www.resmigazete.gov.tr/eskiler/2005/05/20050507.htm": "rg-20050507.htm",
    "https://www.resmigazete.gov.tr/eskiler/2007/02/20070222.htm": "rg-20070222.htm",
    "https://www.resmigazete.gov.tr/eskiler/2007/03/20070322.htm": "rg-20070322.htm",
}


def main() -> None:
    out = HERE / "danube-ports.sources.warc.gz"
    pages = [
        OfflinePage(
            url,
            (HERE / "pages" / name).read_bytes(),
            "windows-1254" if name.startswith("rg-") else "utf-8",
        )
        for url, name in PAGES.items()
    ]
    count = pack_pages(pages, out, FETCHED, "citewatch sample")
    print(f"wrote {count} snapshots to {out}")


if __name__ == "__main__":
    main()
