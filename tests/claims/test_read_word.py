"""A .docx as Word itself writes one, not as pandoc does: footnotes and endnotes side by side,
a hyperlink by relationship id or to a bookmark, a HYPERLINK field (complex and simple, as
citation managers and older Word leave them), a Zotero citation field (its shown text is the
note's), a sentence split into several runs around its call, tracked changes (read accepted:
a deleted call is no call) and the separator notes Word keeps in footnotes.xml. Built here from its XML (stdlib zipfile), so
the test shows what the reader does with each part."""

from __future__ import annotations

import html
import json
import zipfile
from pathlib import Path

from claims.article import Article, read_article

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _ref(kind: str, number: int) -> str:
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    return (
        f'<w:r><w:rPr><w:rStyle w:val="{style}"/><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:{kind}Reference w:id="{number}"/></w:r>'
    )


def _note(kind: str, number: int, body: str) -> str:
    mark = f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r>'
    return f'<w:{kind} w:id="{number}"><w:p>{mark}{_run(" ")}{body}</w:p></w:{kind}>'


def _separators(kind: str) -> str:
    return (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{kind}>"
    )


def _field(instruction: str, shown: str) -> str:
    """A complex field: begin, instruction, separate, the runs it shows, end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{shown}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


_ZOTERO = {
    "citationID": "a1",
    "properties": {"formattedCitation": "Ian Moray, <i>Wrecks of the Northern Isles</i>, 41."},
    "citationItems": [
        {
            "id": 7,
            "itemData": {
                "id": 7,
                "type": "book",
                "title": "Wrecks of the Northern Isles",
                "author": [{"family": "Moray", "given": "Ian"}],
                "issued": {"date-parts": [["1998"]]},
            },
        }
    ],
}


_DELETED = '<w:r><w:delText xml:space="preserve">never </w:delText></w:r>'


def _tracked(change: str, runs: str) -> str:
    return (
        f'<w:{change} w:id="9" w:author="Editor" w:date="2026-01-05T10:00:00Z">{runs}</w:{change}>'
    )


def _relationships(*rows: tuple[str, str, str, bool]) -> str:
    rels = "".join(
        f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"'
        + (' TargetMode="External"' if external else "")
        + "/>"
        for rid, kind, target, external in rows
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rels}</Relationships>"
    )


def write_word_docx(path: Path) -> Path:
    body = (
        f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{_run("The Skerry lamp")}</w:p>'
        f"<w:p>{_run('The harbour ')}{_run('board met in ')}{_run('1821.')}{_ref('footnote', 1)}"
        f"{_run(' Money ran short until 1829.')}{_ref('endnote', 1)}"
        f"{_run(' The logs show a rise after 1850.')}{_ref('footnote', 2)}</w:p>"
        f"<w:p>{_run('Eleven ships were lost.')}{_ref('footnote', 3)}</w:p>"
        f"<w:p>{_run('Keepers ')}{_tracked('del', _DELETED)}"
        f"{_tracked('ins', _run('sometimes '))}{_run('slept.')}"
        f"{_tracked('del', _ref('footnote', 4))}"
        f'<w:hyperlink w:anchor="_Ref1">{_run(" See above")}</w:hyperlink>{_run(".")}</w:p>'
    )
    footnotes = (
        _separators("footnote")
        + _note(
            "footnote",
            1,
            _run("Harbour Board, ")
            + '<w:hyperlink r:id="rId1">'
            + _run("Minutes of 4 May 1821", '<w:rStyle w:val="Hyperlink"/>')
            + "</w:hyperlink>"
            + _run(", vol. 3."),
        )
        + _note(
            "footnote",
            3,
            _field(
                "ADDIN ZOTERO_ITEM CSL_CITATION " + html.escape(json.dumps(_ZOTERO), quote=False),
                _run("Ian Moray, ")
                + _run("Wrecks of the Northern Isles", "<w:i/>")
                + _run(", 41."),
            ),
        )
        + _note("footnote", 4, _run("A note whose call the editor deleted."))
        + _note(
            "footnote",
            2,
            _run("Skerry Keepers' Logs, ")
            + _field(
                'HYPERLINK "https://logs.example.org/skerry?from=1850&amp;to=1869"',
                _run("digitised logs"),
            )
            + _run("."),
        )
    )
    endnotes = _separators("endnote") + _note(
        "endnote",
        1,
        _run("Ruth Allan, ")
        + _run("Lamps and Ledgers", "<w:i/>")
        + _run(" (2004), ")
        + '<w:fldSimple w:instr=" HYPERLINK &quot;https://allan.example.org/2004.pdf&quot; ">'
        + _run("the article")
        + "</w:fldSimple>"
        + _run("."),
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{_CT}.document.main+xml"/>'
            f'<Override PartName="/word/footnotes.xml" ContentType="{_CT}.footnotes+xml"/>'
            f'<Override PartName="/word/endnotes.xml" ContentType="{_CT}.endnotes+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": _relationships(("rId1", "officeDocument", "word/document.xml", False)),
        "word/_rels/document.xml.rels": _relationships(
            ("rId1", "footnotes", "footnotes.xml", False),
            ("rId2", "endnotes", "endnotes.xml", False),
        ),
        "word/_rels/footnotes.xml.rels": _relationships(
            ("rId1", "hyperlink", "https://archive.example.org/board?d=1821-05-04&amp;v=3", True)
        ),
        "word/document.xml": f"<w:document {_W} {_R}><w:body>{body}</w:body></w:document>",
        "word/footnotes.xml": f"<w:footnotes {_W} {_R}>{footnotes}</w:footnotes>",
        "word/endnotes.xml": f"<w:endnotes {_W} {_R}>{endnotes}</w:endnotes>",
    }
    with zipfile.ZipFile(path, "w") as package:
        for name, xml in parts.items():
            package.writestr(name, xml)
    return path


def _called(article: Article) -> list[tuple[str, str, tuple[str, ...]]]:
    out = []
    for sentence in article.sentences:
        for call in sentence.calls:
            note = article.note(call.number)
            assert note is not None
            out.append((sentence.text, note.text, note.urls))
    return out


def test_word_footnotes_endnotes_and_hyperlinks_in_notes(tmp_path: Path) -> None:
    article = read_article(write_word_docx(tmp_path / "skerry.docx"))
    assert article.format == "docx"
    assert article.title == "The Skerry lamp"
    assert _called(article) == [
        (
            "The harbour board met in 1821.",
            "Harbour Board, Minutes of 4 May 1821 "
            "<https://archive.example.org/board?d=1821-05-04&v=3>, vol. 3.",
            ("https://archive.example.org/board?d=1821-05-04&v=3",),
        ),
        (
            "Money ran short until 1829.",
            "Ruth Allan, *Lamps and Ledgers* (2004), the article "
            "<https://allan.example.org/2004.pdf>.",
            ("https://allan.example.org/2004.pdf",),
        ),
        (
            "The logs show a rise after 1850.",
            "Skerry Keepers' Logs, digitised logs "
            "<https://logs.example.org/skerry?from=1850&to=1869>.",
            ("https://logs.example.org/skerry?from=1850&to=1869",),
        ),
        ("Eleven ships were lost.", "Ian Moray, *Wrecks of the Northern Isles*, 41.", ()),
    ]
    assert not [w for w in article.warnings if "never called" in w]
    assert [s.text for s in article.sentences[-2:]] == ["Keepers sometimes slept.", "See above."]
    assert not any("deleted" in n.text for n in article.notes)
