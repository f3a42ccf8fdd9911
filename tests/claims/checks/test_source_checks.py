"""citation-variant, url-title-mismatch, broken-url, table-total-mismatch: fires and near misses."""

from __future__ import annotations

HEAD = "Title\n\nIntroduction\n\n"


def _notes(*lines: str) -> str:
    return "\n\nNotes\n\n" + "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1)) + "\n"


def _body(n: int) -> str:
    return HEAD + " ".join(f"Claim {i}.{'¹²³⁴⁵⁶⁷⁸⁹'[i - 1]}" for i in range(1, n + 1))


def test_same_url_under_two_titles(run) -> None:
    url = "<https://x.example/news/port-deal>"
    text = _body(2) + _notes(
        f'"Port Deal Signed," *X*, (May 1, 2020), retrieved May 2, 2024, from {url}.',
        f'"Port Deal Agreed," *X*, (May 1, 2020), retrieved May 2, 2024, from {url}.',
    )
    findings = run("citation-variant", text)
    assert [(f.notes, f.evidence["field"]) for f in findings] == [((1, 2), "title")]


def test_same_url_same_title_in_other_case_is_fine(run) -> None:
    url = "<https://x.example/news/port-deal>"
    text = _body(2) + _notes(
        f'"Port Deal Signed," *X*, (May 1, 2020), from {url}.',
        f'"Port deal signed," *X*, (May 1, 2020), from {url}.',
    )
    assert run("citation-variant", text) == []


def test_same_url_title_cut_or_run_together_by_the_text_is_fine(run) -> None:
    """A PDF's text that lost its spaces, or a title read from one word earlier, is one title."""
    url = "<https://x.example/news/port-deal>"
    text = _body(2) + _notes(
        f'"Northern Shipping Lines Port Agreement," *X*, (May 1, 2020), from {url}.',
        f'"v.NorthernShippingLinesPortAgreement," *X*, (May 1, 2020), from {url}.',
    )
    assert run("citation-variant", text) == []


def test_same_url_title_with_and_without_an_accent(run) -> None:
    url = "<https://x.example/news/port-deal>"
    text = _body(2) + _notes(
        f'"Río Verde Port Agreement Signed," *X*, (May 1, 2020), from {url}.',
        f'"Rio Verde Port Agreement Signed," *X*, (May 1, 2020), from {url}.',
    )
    findings = run("citation-variant", text)
    assert [(f.notes, f.evidence["field"]) for f in findings] == [((1, 2), "title")]


def test_author_spelled_two_ways(run) -> None:
    text = _body(2) + _notes(
        'Jelena Marković, "A," *J*, Vol. 1 (2001).', 'Jelena Markovic, "B," *J*, Vol. 2 (2002).'
    )
    findings = run("citation-variant", text)
    assert [f.evidence["field"] for f in findings] == ["author"]


def test_two_authors_sharing_a_surname_spelled_alike_are_fine(run) -> None:
    text = _body(2) + _notes(
        'Ana Öztürk, "A," *J*, Vol. 1 (2001).', 'Mehmet Öztürk, "B," *J*, Vol. 2 (2002).'
    )
    assert run("citation-variant", text) == []


def test_short_form_title_spelled_differently_from_the_full_title(run) -> None:
    text = _body(3) + _notes(
        '"Türkiye\'nin Barışı Destekleme Katkıları," *Site*, retrieved May 9, 2024, from <https://x.example/a>.',
        '"Türkiye\'nin Barışı Destekleme Katkıları," *Site*.',
        '"Türkiye\'nin Barış Destekleme Katkıları," *Site*.',
    )
    findings = run("citation-variant", text)
    assert [f.notes for f in findings] == [(1, 3)]


def test_slug_naming_another_country_than_the_title(run) -> None:
    text = _body(1) + _notes(
        '"Romania Orders Two Vessels," *Daily*, (June 2, 2020), retrieved May 2, 2024, from <https://d.example/news/albania-orders-two-vessels>.'
    )
    findings = run("url-title-mismatch", text)
    assert [f.evidence["url_countries"] for f in findings] == [["AL"]]


def test_slug_in_another_language_naming_the_same_country_is_fine(run) -> None:
    text = _body(1) + _notes(
        '"Kosovo Receives Drones," *AA*, (July 16, 2023), retrieved May 2, 2024, from <https://aa.example/tr/kosova-dronlari-teslim-aldi/1>.'
    )
    assert run("url-title-mismatch", text) == []


def _aa(title: str, date: str, ident: int) -> str:
    return f'"{title}," *AA*, ({date}), retrieved May 9, 2024, from <https://aa.example/tr/x-y-z/{ident}>.'


def test_article_id_out_of_step_with_the_sites_other_ids(run) -> None:
    text = _body(5) + _notes(
        _aa("A", "January 10, 2023", 100000),
        _aa("B", "March 1, 2023", 200000),
        _aa("C", "January 20, 2023", 450000),
        _aa("D", "May 2, 2023", 300000),
        _aa("E", "September 9, 2023", 400000),
    )
    findings = run("url-title-mismatch", text)
    assert [(f.notes, f.evidence["id"]) for f in findings] == [((3,), 450000)]


def test_article_ids_in_step_with_their_dates_are_fine(run) -> None:
    text = _body(4) + _notes(
        _aa("A", "January 10, 2023", 100000),
        _aa("B", "March 1, 2023", 200000),
        _aa("C", "May 2, 2023", 300000),
        _aa("D", "May 3, 2023", 300100),
    )
    assert run("url-title-mismatch", text) == []


def test_broken_url_with_line_break_hyphen_and_space(run) -> None:
    text = _body(2) + _notes(
        '"Ferry Agreement Signed," *M*, retrieved May 2, 2024, from <https://m.example/ferry-agree-ment-signed>.',
        '"Bridge Works," *M*, retrieved May 2, 2024, from <https://m.example/bridge works-begin>.',
    )
    findings = run("broken-url", text)
    assert [f.evidence["repaired"] for f in findings] == [
        "https://m.example/ferry-agreement-signed",
        "https://m.example/bridge-works-begin",
    ]


def test_hyphenated_slug_words_are_not_broken(run) -> None:
    text = _body(1) + _notes(
        '"Counter-measures Agreed," *M*, retrieved May 2, 2024, from <https://m.example/counter-measures-agreed>.'
    )
    assert run("broken-url", text) == []


TABLE = "\n\nTable 1: Cargo\n\n\t2019\t2020\nRuse\t1,210\t1,180\nVidin\t415\t402\nTOTAL\t{a}\t{b}\n\nAfter the table.²"


def test_table_total_off_by_its_header_says_so(run) -> None:
    text = (
        HEAD
        + "Before.¹"
        + TABLE.format(a="1,625", b="3,602")
        + _notes("*A*, (2020).", "*B*, (2021).")
    )
    findings = run("table-total-mismatch", text)
    assert len(findings) == 1
    columns = findings[0].evidence["columns"]
    assert [(c["column"], c["difference"]) for c in columns] == [("2020", 2020.0)]
    assert "header" in columns[0]["explanation"]


def test_table_with_right_totals_is_fine(run) -> None:
    text = (
        HEAD
        + "Before.¹"
        + TABLE.format(a="1,625", b="1,582")
        + _notes("*A*, (2020).", "*B*, (2021).")
    )
    assert run("table-total-mismatch", text) == []
