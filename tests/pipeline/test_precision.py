"""The precision harness counts judgements per kind and false alarms per article."""

from pipeline.precision import Judgement, Raised, measure, run


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


def test_the_harness_reads_the_same_in_worker_processes(tmp_path, capsys) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    twice = "On March 3, 2020, the two ministries signed the agreement on river pilotage."
    for name, body in (("a", f"{twice} {twice}"), ("b", twice)):
        (lessons / f"{name}.md").write_text(
            f"# Lesson {name}\n\n{body}[^1] And more prose.\n\n[^1]: *Book One*, (2020).\n",
            encoding="utf-8",
        )
    outputs = []
    for jobs in (1, 2):
        assert run(tmp_path, jobs=jobs) == 0
        outputs.append(capsys.readouterr().out.rsplit("\n", 2)[0])  # the timing line aside
    assert outputs[0] == outputs[1]
    assert "duplicate-sentence" in outputs[0]
