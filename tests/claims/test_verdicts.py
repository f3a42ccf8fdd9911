"""Claims checked against real pages served on 127.0.0.1: every verdict and claim finding,
with near misses (negation, quantifiers, a figure for another period, a day off, another
language)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from localsite import LocalSite

from claims.article import Article, build_article
from claims.checks import run_checks
from claims.facts import ClaimCheck, Verdict
from claims.readers.text import read_text
from pipeline.stages import SourceOptions, check_claims, gather_sources
from sources.collect import SourcesSettings
from sources.settings import FetchSettings, WaybackSettings

DATA = Path(__file__).resolve().parents[1] / "data"
PAGES = {
    "/en-drones": ("claims/en-drones.html", "text/html; charset=utf-8"),
    "/tr-delivery": ("claims/tr-delivery.html", "text/html"),
    "/sr-agreement": ("claims/sr-agreement.html", "text/html; charset=utf-8"),
    "/sq-training": ("claims/sq-training.html", "text/html; charset=utf-8"),
    "/en-negation": ("claims/en-negation.html", "text/html; charset=utf-8"),
    "/en-unrelated": ("claims/en-unrelated.html", "text/html; charset=utf-8"),
    "/report.pdf": ("sources/report.pdf", "application/pdf"),
}
# (sentence, path or None for a book, expected verdict, expected finding kinds)
CASES = [
    (
        "In 2023, Romania signed a $321 million contract to purchase 18 TB2 UAVs.",
        "/en-drones",
        Verdict.SUPPORTED,
        set(),
    ),
    (
        "In 2023, Romania signed a $300 million contract to purchase 18 TB2 UAVs.",
        "/en-drones",
        Verdict.CONTRADICTED,
        {"claim-figure-mismatch"},
    ),
    (
        "In 2023, Romania's arms imports reached $300 million.",
        "/en-drones",
        Verdict.CONTRADICTED,
        {"claim-figure-mismatch"},
    ),  # that was 2022
    (
        "In 2023, Albania signed a $321 million contract to purchase 18 TB2 UAVs.",
        "/en-drones",
        Verdict.CONTRADICTED,
        {"claim-party-mismatch"},
    ),
    (
        "Kosovo received Bayraktar TB2 UAVs on May 6, 2023.",
        "/tr-delivery",
        Verdict.SUPPORTED,
        set(),
    ),  # English claim, Turkish page
    (
        "Kosovo received Bayraktar TB2 UAVs on May 7, 2023.",
        "/tr-delivery",
        Verdict.CONTRADICTED,
        {"claim-date-mismatch"},
    ),  # one day off
    (
        "Türkiye and Kosovo signed a military framework agreement on January 30, 2024.",
        "/sr-agreement",
        Verdict.SUPPORTED,
        set(),
    ),  # Serbian page
    (
        "Türkiye trained more than 100 members of the Kosovo Security Force in April 2024.",
        "/sq-training",
        Verdict.SUPPORTED,
        set(),
    ),  # Albanian page, quantifier kept
    (
        "Türkiye trained more than 200 members of the Kosovo Security Force in April 2024.",
        "/sq-training",
        Verdict.CONTRADICTED,
        {"claim-figure-mismatch"},
    ),
    (
        "Serbia signed the drone agreement with Türkiye on March 3, 2022.",
        "/en-negation",
        Verdict.CONTRADICTED,
        set(),
    ),  # the source says it did not
    (
        "Serbia did not sign the drone agreement with Türkiye on March 3, 2022.",
        "/en-negation",
        Verdict.SUPPORTED,
        set(),
    ),
    (
        "Cargo handled at the inland ports rose to 3.4 million tonnes in 2023.",
        "/report.pdf",
        Verdict.SUPPORTED,
        set(),
    ),  # a PDF source
    (
        "In 2021, the ministries signed a dredging agreement worth €12 million.",
        "/en-unrelated",
        Verdict.NOT_FOUND,
        {"claim-unsupported"},
    ),
    ("Romania ordered more drones in 2024.", "/gone", Verdict.SOURCE_UNAVAILABLE, set()),
    ("The tariff reduced waiting times by a third.", None, Verdict.UNCHECKED, set()),
]
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _article(site: LocalSite) -> Article:
    body, notes = [], []
    for i, (sentence, path, _, _) in enumerate(CASES, 1):
        body.append(f"{sentence}{str(i).translate(SUPERSCRIPT)}")
        if path is None:
            notes.append(
                f"{i}. Mira Ionescu, *Ports of the Lower Danube*, (Bucharest: Fluvial, 2015), p. {i}."
            )
        else:
            notes.append(
                f'{i}. "Source {i}," *Daily*, (May 1, 2024), retrieved May 9, 2024, '
                f"from <{site.url(path)}>."
            )
    paragraphs = "\n\n".join(" ".join(body[i : i + 3]) for i in range(0, len(body), 3))
    text = f"Title\n\nIntroduction\n\n{paragraphs}\n\nNotes\n\n" + "\n".join(notes) + "\n"
    return build_article(read_text(text), Path("t.txt"), "text", "0" * 64)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Article, list[ClaimCheck]]]:
    with LocalSite() as site:
        for path, (name, kind) in PAGES.items():
            site.add(path, (DATA / name).read_bytes(), headers={"Content-Type": kind})
        site.add("/gone", b"gone", status=404)
        article = _article(site)
        settings = SourcesSettings(
            fetch=FetchSettings(allow_loopback=True, min_gap=0.0, retries=0),
            wayback=WaybackSettings(enabled=False),
            network_probe=None,
            probe_siblings=False,
        )
        options = SourceOptions(archive=tmp_path_factory.mktemp("archive"), settings=settings)
        sources = gather_sources(article, options, dt.datetime.now(dt.UTC), lambda _: None)
        claims = check_claims(article, sources)
        assert claims is not None
        yield article, claims


def _by_note(claims: list[ClaimCheck]) -> dict[int, ClaimCheck]:
    return {c.claim.notes[0]: c for c in claims}


@pytest.mark.parametrize("number", range(1, len(CASES) + 1))
def test_verdict_follows_the_source(checked, number: int) -> None:  # type: ignore[no-untyped-def]
    _, claims = checked
    check = _by_note(claims)[number]
    assert check.verdict is CASES[number - 1][2], (check.reason, check.passage)


@pytest.mark.parametrize("number", range(1, len(CASES) + 1))
def test_claim_findings_fire_only_where_planted(checked, number: int) -> None:  # type: ignore[no-untyped-def]
    article, claims = checked
    findings = run_checks(article, sources=[], claims=claims, strict=True)
    kinds = {f.kind for f in findings if f.kind.startswith("claim-") and number in f.notes}
    assert kinds == CASES[number - 1][3]


def test_evidence_names_the_passage_offsets_and_the_copy(checked) -> None:  # type: ignore[no-untyped-def]
    _, claims = checked
    check = _by_note(claims)[5]
    assert check.passage is not None
    assert "6 Mayıs 2023" in check.passage.text
    assert check.passage.start < check.passage.end
    assert "snapshot" in check.passage.snapshot
    dates = [f for f in check.facts if f.fact.kind.value == "date"]
    assert dates and dates[0].source_value == "2023-05-06"


def test_rounding_allows_half_a_unit_of_the_last_printed_digit() -> None:
    from claims.facts import Fact, FactKind
    from claims.verify import rounding

    def fact(text: str, number: float) -> Fact:
        return Fact(FactKind.FIGURE, text, 0, len(text), number=number)

    assert rounding(fact("$321 million", 321e6)) == pytest.approx(500_000)
    assert rounding(fact("1.6 percent", 1.6)) == pytest.approx(0.05)
    assert rounding(fact("1,500 troops", 1500)) == pytest.approx(0.5)
    assert rounding(fact("two frigates", 2)) == pytest.approx(0.5)
