"""The citation benchmark's scorer: true surnames from labelled names, and the stage table."""

from __future__ import annotations

from pathlib import Path

from pipeline.bench_citations import main, read_references, stages, truth_surname

XML = """<?xml version="1.0" encoding="UTF-8"?>
<dataset>
<sequence><author>Lind, Ada.</author><date>(2001).</date><title>Salt roads of the north.</title>
<journal>Harbour Studies,</journal><volume>12,</volume><pages>33-45.</pages></sequence>
<sequence><author>OSEI Ama,</author><title>Harbour lights,</title><publisher>Penfold,</publisher>
<date>1999.</date></sequence>
</dataset>
"""


def test_true_surnames_in_the_orders_references_print_them() -> None:
    assert truth_surname("Lind, Ada, and Ama Osei.") == "Lind"
    assert truth_surname("Ada Lind and Ama Osei") == "Lind"
    assert truth_surname("DELISLE Léopold,") == "DELISLE"  # capitals print the family name
    assert truth_surname("De Schreye, D. and Martens, B.,") == "De Schreye"


def test_the_stage_table_counts_every_scored_field_once(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "refs.xml"
    path.write_text(XML, encoding="utf-8")
    references = read_references(path)
    assert references[1].truth["surname"] == "OSEI"
    table, _ = stages(references)
    assert sum(table["title"].values()) == 2
    assert sum(table["volume"].values()) == 1
    assert main([str(path), "--stage"]) == 0
    assert "lost" in capsys.readouterr().out
