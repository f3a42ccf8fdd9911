"""The precision harness counts judgements per kind and false alarms per article."""

from pipeline.precision import Judgement, Raised, measure


def _raised(article: str, fp: str, kind: str, shown: bool = True) -> Raised:
    return Raised(article, fp, kind, "warning", shown, "1", "message")


def test_precision_per_kind_and_false_alarms_per_article() -> None:
    raised = [
        _raised("lessons/a.md", "f1", "note-order"),
        _raised("lessons/a.md", "f2", "note-order"),
        _raised("lessons/b.md", "f3", "note-order", shown=False),
        _raised("lessons/b.md", "f4", "broken-url"),
    ]
    judged = {
        ("lessons/a.md", "f1"): Judgement("lessons/a.md", "f1", "note-order", True, "real"),
        ("lessons/a.md", "f2"): Judgement("lessons/a.md", "f2", "note-order", False, "code"),
        ("lessons/b.md", "f3"): Judgement("lessons/b.md", "f3", "note-order", False, "code"),
    }
    kinds, false_alarms = measure(raised, judged)
    by_kind = {k.kind: k for k in kinds}
    assert (by_kind["note-order"].judged, by_kind["note-order"].true) == (3, 1)
    assert by_kind["broken-url"].precision is None  # raised, not judged
    # b.md's false alarm is capped below warning, so an editor no longer sees it as one.
    assert false_alarms == {"lessons/a.md": 1}
