"""missing-note, unreferenced-note, note-order, duplicate-sentence: fires and near misses."""

from __future__ import annotations

from pathlib import Path

from claims.article import build_article
from claims.checks import CHECKS
from claims.findings import Severity
from claims.layout import BlockKind, Layout, RawBlock, RawNote, call_marker

HEAD = "Title\n\nIntroduction\n\n"
NOTES = (
    "\n\nNotes\n\n1. *Source One*, (2020).\n2. *Source Two*, (2021).\n3. *Source Three*, (2022).\n"
)


def test_missing_note_fires_on_a_call_past_the_last_note(run) -> None:
    findings = run("missing-note", HEAD + "One.¹ Two.² Three.³ Four.⁴" + NOTES)
    assert [(f.kind, f.notes, f.severity) for f in findings] == [
        ("missing-note", (4,), Severity.ERROR)
    ]


def test_missing_note_quiet_when_every_call_has_a_note(run) -> None:
    assert run("missing-note", HEAD + "One.¹ Two.² Three.³" + NOTES) == []


def test_unreferenced_note_names_the_calls_around_it(run) -> None:
    findings = run("unreferenced-note", HEAD + "One.¹ Three.³" + NOTES)
    assert [f.notes for f in findings] == [(2,)]
    assert findings[0].evidence["previous_call"] == 1 and findings[0].evidence["next_call"] == 3


def test_unreferenced_note_quiet_when_a_note_is_called_twice_and_all_are_called(run) -> None:
    assert run("unreferenced-note", HEAD + "One.¹ Two.² Again.¹ Three.³" + NOTES) == []


def test_note_order_fires_on_a_first_call_after_a_higher_one(run) -> None:
    findings = run("note-order", HEAD + "One.¹ Three.³ Two.²" + NOTES)
    assert [f.notes for f in findings] == [(2, 3)]


def test_note_order_quiet_on_a_repeated_earlier_call(run) -> None:
    assert run("note-order", HEAD + "One.¹ Two.² Back to one.¹ Three.³" + NOTES) == []


LONG = "On March 3, 2020, the two ministries signed the agreement on river pilotage in Vidin."


def test_duplicate_sentence_verbatim_is_an_error(run) -> None:
    findings = run("duplicate-sentence", HEAD + f"{LONG}¹ {LONG} Then more.²" + NOTES)
    assert [(f.severity, f.notes) for f in findings] == [(Severity.ERROR, (1,))]
    assert findings[0].evidence["first_sentence"] + 1 == findings[0].evidence["second_sentence"]


def test_duplicate_sentence_near_copy_is_a_warning_naming_the_change(run) -> None:
    near = LONG.replace("signed", "concluded")
    findings = run("duplicate-sentence", HEAD + f"{LONG}¹ Other text here.² {near}" + NOTES)
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert ["signed", "concluded"] in findings[0].evidence["differences"]


def test_duplicate_sentence_ignores_parallel_sentences_with_other_dates_or_parties(run) -> None:
    other = LONG.replace("March 3, 2020", "May 5, 2021").replace("Vidin", "Ruse")
    assert run("duplicate-sentence", HEAD + f"{LONG}¹ {other}²" + NOTES) == []


def test_duplicate_sentence_ignores_pull_quotes(run) -> None:
    quote = LONG.rstrip(".")
    text = (
        HEAD
        + f"{LONG}¹ And then the long paragraph continues for a while.\n\n{quote}\n\nNext paragraph.²"
        + NOTES
    )
    assert run("duplicate-sentence", text) == []


REFERENCES = [
    "Adams, J.: Rivers and ports. Journal of Ports 3, 1-10 (2001)",
    "Baker, K., Cole, L.: Dredging. In: Proc. of Harbours, pp. 5-9 (2004)",
    "Chen, M.: Pilotage. Springer (2010)",
    "Dragan, P.: Locks and weirs. Danube Studies 7, 44-60 (2015)",
    "Zimmermann, O.: Quays. Port Review 2, 1-3 (2019)",
]


def _references(order: list[int], refs: list[str]) -> str:
    sup = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    calls = " ".join(f"Claim {n} holds.{str(n).translate(sup)}" for n in order)
    return HEAD + calls + "\n\nNotes\n\n" + "\n".join(f"{i}. {r}" for i, r in enumerate(refs, 1))


def test_a_reference_list_in_alphabetical_order_is_called_in_any_order(run) -> None:
    assert run("note-order", _references([4, 1, 5, 2, 3], REFERENCES)) == []


def test_references_not_in_alphabetical_order_are_checked(run) -> None:
    shuffled = [REFERENCES[i] for i in (3, 0, 4, 1, 2)]
    findings = run("note-order", _references([4, 1, 5, 2, 3], shuffled))
    assert [f.evidence["call"] for f in findings] == [1, 2, 3]


def _keyed(labels: list[str], calls: list[int], section: str | None = None):
    """An article whose reader keyed its notes 1, 2, ... apart from their printed labels."""
    text = " ".join(f"Claim {n} holds.{call_marker(n)}" for n in calls)
    notes = tuple(
        RawNote(key, label, f"Source {label}, (2020).", section)
        for key, label in enumerate(labels, 1)
    )
    layout = Layout("Title", (RawBlock(BlockKind.PARAGRAPH, text),), (), notes=notes)
    return build_article(layout, Path("t.html"), "html", "0" * 64)


def test_a_call_to_a_note_printed_with_that_number_is_not_missing() -> None:
    # The notes printed 1, 2, 3, 5, 6 (note 4 linked from nowhere and left out by the reader).
    article = _keyed(["1", "2", "3", "5", "6"], [1, 2, 3, 4, 5, 6])
    assert list(CHECKS["missing-note"].check(article)) == []
    article = _keyed(["1", "2", "3", "5", "6"], [1, 2, 3, 4, 5, 6, 7])
    assert [f.notes for f in CHECKS["missing-note"].check(article)] == [(7,)]
