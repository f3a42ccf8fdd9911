"""How well the readers find notes and calls in real articles: `python -m pipeline.bench_formats`.

Measured on `../shared/corpus/` (absent: says so and stops):

- lessons (Markdown): every `[^label]:` definition outside code must be a note; calls counted
  against the `[^label]` references outside code, inline code, comments and Liquid tags;
  the URLs of each definition (link targets and bare addresses, read from the source with
  plain patterns, independently of the reader) compared with the citation parser's URLs;
  calls inside table rows counted separately;
- law reviews (HTML web editions): notes found against `index.json`'s footnote count (within
  5%), and on the ten articles with the most notes, each note's text against the labelled
  footnote paragraphs of `NAME.json` (fuzzy ratio of 90 or more).

The truth is taken from the files themselves; nothing here is tuned to one file.
"""

from __future__ import annotations

import argparse
import difflib
import html
import json
import re
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from claims.article import Article, read_article
from claims.errors import ArticleError
from claims.layout import BlockKind
from claims.match import best_similarity
from sources.notes import Note

Row = dict[str, Any]
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$")
_REF = re.compile(r"\[\^([^\]\s]+)\]")  # definitions are taken out first
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1)(?!\n[ \t]*\n).)+?\1", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_LINK = re.compile(r"\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+\"[^\"]*\")?\s*\)")
_LINK_WHOLE = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?(?:[^()\s<>]|\([^()\s]*\))+>?[^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_BARE = re.compile(r"(?:https?|ftp)://[^\s<>\"\]\[]+")
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$<>|~])")


@dataclass(slots=True)
class LessonTruth:
    """What a Markdown lesson holds, read from its source with plain patterns."""

    definitions: dict[str, str] = field(default_factory=dict)  # label -> raw definition text
    calls: int = 0
    table_calls: int = 0


def read_lesson_truth(text: str) -> LessonTruth:
    truth = LessonTruth()
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1 :]
    fence: str | None = None
    current: str | None = None
    prose: list[str] = []
    for line in lines:
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence, current = opened.group(1), None
            continue
        definition = _DEF.match(line)
        if definition:
            current = definition.group(1)
            truth.definitions.setdefault(current, definition.group(2))
            continue
        if current is not None and (line.startswith(("    ", "\t")) or not line.strip()):
            truth.definitions[current] += "\n" + line
            continue
        current = None
        prose.append(line)
    body = _LIQUID.sub("", _COMMENT.sub("", "\n".join(prose)))
    for line in _INLINE_CODE.sub("", body).split("\n"):
        found = [m for m in _REF.finditer(line) if m.group(1) in truth.definitions]
        truth.calls += len(found)
        if line.lstrip().startswith("|"):
            truth.table_calls += len(found)
    return truth


def definition_urls(raw: str) -> list[str]:
    """A definition's URLs: its link targets and bare or angle-bracketed addresses."""
    raw = _LIQUID.sub("", _INLINE_CODE.sub("", raw))
    urls = [_UNESCAPE.sub(r"\1", m.group(1)) for m in _LINK.finditer(raw)]
    urls = [u for u in urls if re.match(r"(?:https?|ftp)://|www\.", u)]
    rest = _LINK_WHOLE.sub(" ", raw)
    urls += [m.group(1) for m in _AUTOLINK.finditer(rest)]
    rest = _AUTOLINK.sub(" ", rest)
    for match in _BARE.finditer(rest):
        url = _UNESCAPE.sub(r"\1", match.group(0))
        while url and url[-1] in ".,;:'\")":
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        urls.append(url)
    return urls


def _note_key(article: Article, label: str) -> int | None:
    for note in article.notes:
        if (note.label or str(note.number)) == label:
            return note.number
    return None


def measure_lesson(path: Path) -> Row:
    text = path.read_text(encoding="utf-8")
    truth = read_lesson_truth(text)
    article = read_article(path)
    labels = {n.label or str(n.number) for n in article.notes}
    missing_notes = sorted(set(truth.definitions) - labels)
    extra_notes = sorted(labels - set(truth.definitions))
    calls = sum(len(s.calls) for s in article.sentences)
    table_calls = sum(
        len(s.calls) for b in article.blocks if b.kind is BlockKind.TABLE for s in b.sentences
    )
    urls_expected = urls_exact = 0
    missed: list[str] = []
    extra_urls = 0
    for label, raw in truth.definitions.items():
        expected = definition_urls(raw)
        key = _note_key(article, label)
        note = article.note(key) if key is not None else None
        got = list(note.urls) if note is not None else []
        urls_expected += len(expected)
        for url in expected:
            if url in got:
                urls_exact += 1
                got.remove(url)
            else:
                missed.append(f"{label}: {url}")
        extra_urls += len(got)
    return {
        "file": path.name,
        "definitions": len(truth.definitions),
        "notes": len(article.notes),
        "missing_notes": missing_notes,
        "extra_notes": extra_notes,
        "calls_expected": truth.calls,
        "calls": calls,
        "table_calls_expected": truth.table_calls,
        "table_calls": table_calls,
        "urls_expected": urls_expected,
        "urls_exact": urls_exact,
        "urls_missed": missed,
        "urls_extra": extra_urls,
        "warnings": len(article.warnings),
    }


def run_lessons(folder: Path) -> list[Row]:
    return [measure_lesson(path) for path in sorted(folder.glob("*.md"))]


_STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\xa0": " "})


def _typeset(text: str) -> str:
    """Text as pandoc's Markdown reader sets it: straight quotes, `--`, `...` made typographic
    (its "smart" extension) on both sides of the comparison."""
    text = text.replace("---", "—").replace("--", "–").replace("...", "…")
    return text.translate(_STRAIGHT)


def called_notes(article: Article) -> tuple[list[str], list[str]]:
    """The text of the note each call reaches, in reading order, and the called notes' URLs,
    typography evened out (see `_typeset`)."""
    texts = [_typeset(note.text) for _, note in _calls_in_order(article)]
    called = article.called_notes()
    # a set: Word repeats a note called twice, with its URLs
    urls = sorted({u for n in article.notes if n.number in called for u in n.urls})
    return texts, urls


def _calls_in_order(article: Article) -> list[tuple[str, Note]]:
    """(the call's label as the author wrote it, its note) for each call, in reading order."""
    return [
        (note.label or str(note.number), note)
        for s in article.sentences
        for c in s.calls
        if (note := article.note(c.number)) is not None
    ]


@dataclass(frozen=True, slots=True)
class DocxPackage:
    """What a .docx file holds, read from its XML without any reader: the evidence a
    difference between the Markdown and its .docx is judged by."""

    notes: tuple[str, ...]  # the text of the note each footnote/endnote reference calls
    body_text: str  # the body's text, joined
    everything: str  # every part's text, XML entities and %-escapes undone (rels included)

    def holds(self, url: str) -> bool:
        return url in self.everything or unquote(url) in self.everything


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml_texts(root: ET.Element, tag: str) -> dict[str, str]:
    """Each note's text, its code blocks (pandoc's "SourceCode" paragraphs) left out as
    both readers leave them out."""
    out = {}
    for note in root.iter(f"{_W}{tag}"):
        paragraphs = [
            "".join(t.text or "" for t in p.iter(f"{_W}t"))
            for p in note.iter(f"{_W}p")
            if not any(s.get(f"{_W}val") == "SourceCode" for s in p.iter(f"{_W}pStyle"))
        ]
        out[str(note.get(f"{_W}id"))] = " ".join(paragraphs)
    return out


def read_docx_package(path: Path) -> DocxPackage:
    with zipfile.ZipFile(path) as package:
        parts = {
            name: package.read(name)
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }

    def root(name: str) -> ET.Element:
        return ET.fromstring(parts[name]) if name in parts else ET.Element("none")

    body = root("word/document.xml")
    texts = {
        "footnote": _xml_texts(root("word/footnotes.xml"), "footnote"),
        "endnote": _xml_texts(root("word/endnotes.xml"), "endnote"),
    }
    notes = tuple(
        texts[el.tag[len(_W) : -len("Reference")]].get(str(el.get(f"{_W}id")), "")
        for el in body.iter()
        if el.tag in (f"{_W}footnoteReference", f"{_W}endnoteReference")
    )
    raw = html.unescape("\n".join(part.decode("utf-8", "replace") for part in parts.values()))
    return DocxPackage(
        notes=notes,
        body_text="".join(t.text or "" for t in body.iter(f"{_W}t")),
        everything=raw + "\n" + unquote(raw),
    )


@dataclass(frozen=True, slots=True)
class Difference:
    """One way the .docx reading differs from the Markdown's. `reader`: the .docx holds what
    the Markdown gave, or lacks what its reading gave, so a reader is wrong; otherwise the
    .docx itself differs (pandoc's Markdown-to-Word step left it out or made it)."""

    what: str
    reader: bool

    def __str__(self) -> str:
        return f"{self.what} [{'READER' if self.reader else 'the .docx differs'}]"


_ANY_URL = re.compile(r"<?(?:(?:https?|ftp)://|www\.)[^<>\s]*>?", re.IGNORECASE)


def _plain(text: str) -> str:
    """A note's letters and digits, addresses left out (a footnote's w:t runs hold a link's
    text, the reading `text <target>`; addresses are judged on their own)."""
    return re.sub(r"[\W_]+", "", _ANY_URL.sub("", text))


def _aligned(
    a: list[str], b: list[str]
) -> tuple[dict[int, int], list[tuple[str, int, int, int, int]]]:
    """Index of a -> index of b where the two sequences agree, and the opcodes where not."""
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    same = {
        block.a + k: block.b + k
        for block in matcher.get_matching_blocks()
        for k in range(block.size)
    }
    return same, [op for op in matcher.get_opcodes() if op[0] != "equal"]


def explain_round_trip(markdown: Article, word: Article, package: DocxPackage) -> list[Difference]:
    """Each difference between a lesson read as Markdown and as .docx, judged by what the
    .docx's own XML holds: its note references in order with their notes' words, and every
    address in the package. The Markdown's calls against the .docx's references, and the
    .docx's references against its reading, are aligned separately, so pandoc's losses and
    additions (the .docx differs) are told from a reader's (the reading differs from the
    .docx)."""
    md_calls, doc_calls = _calls_in_order(markdown), _calls_in_order(word)
    md_plain = [_plain(n.text) for _, n in md_calls]
    docx_plain = [_plain(text) for text in package.notes]
    doc_plain = [_plain(n.text) for _, n in doc_calls]
    out: list[Difference] = []
    # 1. the .docx against its reading: any disagreement is the reader's
    docx_to_doc, ops = _aligned(docx_plain, doc_plain)
    for _, x0, x1, d0, d1 in ops:
        out += [
            Difference(
                f"the .docx's note reference {x + 1} ({_start(package.notes[x])}) not read", True
            )
            for x in range(x0, x1)
        ]
        out += [
            Difference(
                f"a call to note {doc_calls[j][0]} ({_start(doc_calls[j][1].text)}) "
                "read with no reference in the .docx",
                True,
            )
            for j in range(d0, d1)
        ]
    # 2. the Markdown against the .docx: what pandoc's conversion changed
    md_to_docx, ops = _aligned(md_plain, docx_plain)
    for _, m0, m1, x0, x1 in ops:
        for i in range(m0, m1):
            label = md_calls[i][0]
            literal = f"[^{label}]" in package.body_text
            out.append(
                Difference(
                    f"call [^{label}] has no note reference in the .docx"
                    + (" (its text is there, not as a call)" if literal else ""),
                    False,
                )
            )
        for x in range(x0, x1):
            out.append(
                Difference(f"the .docx's note reference {x + 1} is not in the Markdown", False)
            )
    # 3. the same call in all three: the note's text, italics and link targets included
    for i, x in md_to_docx.items():
        j = docx_to_doc.get(x)
        md_text = _typeset(md_calls[i][1].text)
        if j is None or md_text == _typeset(doc_calls[j][1].text):
            continue
        lost = [u for u in md_calls[i][1].urls if not package.holds(u)]
        explained = _strip_urls(md_text, lost) == _typeset(doc_calls[j][1].text)
        out.append(
            Difference(
                f"note {md_calls[i][0]}: text differs"
                + (f" (link target {', '.join(lost)})" if explained else ""),
                not explained,
            )
        )
    (_, md_urls), (_, doc_urls) = called_notes(markdown), called_notes(word)
    out += [
        Difference(f"URL {url} missing", package.holds(url))
        for url in sorted(set(md_urls) - set(doc_urls))
    ]
    out += [
        Difference(f"URL {url} only in the .docx", not package.holds(url))
        for url in sorted(set(doc_urls) - set(md_urls))
    ]
    return out


def _start(text: str) -> str:
    words = text.split()
    return " ".join(words[:6]) + (" ..." if len(words) > 6 else "")


def _strip_urls(text: str, urls: list[str]) -> str:
    for url in urls:
        text = text.replace(f" <{url}>", "").replace(f"<{url}>", "")
    return text


def measure_round_trip(
    path: Path, workdir: Path, suffix: str = ".docx", source_format: str = "markdown"
) -> Row:
    """The lesson written as .docx (or .odt) by pandoc (`pandoc -f markdown -t docx`) and
    read back: the same calls and notes? Each .docx difference is judged by its own XML."""
    from claims.readers.word import write_document

    document = write_document(path, workdir / f"{path.stem}{suffix}", source_format)
    markdown, word = read_article(path), read_article(document)
    (md_texts, md_urls), (doc_texts, doc_urls) = called_notes(markdown), called_notes(word)
    matcher = difflib.SequenceMatcher(a=md_texts, b=doc_texts, autojunk=False)
    differences = (
        explain_round_trip(markdown, word, read_docx_package(document))
        if suffix == ".docx"
        else []  # an .odt is only compared, not judged part by part
    )
    return {
        "file": path.name,
        "calls_markdown": len(md_texts),
        "calls_docx": len(doc_texts),
        "same_note_text": sum(block.size for block in matcher.get_matching_blocks()),
        "urls_same": md_urls == doc_urls,
        "identical": md_texts == doc_texts and md_urls == doc_urls,
        "differences": [str(d) for d in differences],
        "reader_differences": sum(d.reader for d in differences),
    }


# --- law reviews --------------------------------------------------------------------------

_LEAD_LABEL = re.compile(r"^\s*\[?\d{1,4}\]?[.)]?\s*")


def _comparable(text: str, labelled: bool = False) -> str:
    """Note text without its label, italics marks and spaces: the labelled extraction drops
    the spaces around inline tags ("Id.at 52"), which says nothing about the reader."""
    return re.sub(r"[\s*]+", "", _LEAD_LABEL.sub("", text, count=1) if labelled else text)


def _footnote_paragraphs(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [p["text"] for p in data["paragraphs"] if p["label"] == "footnote-text"]


def measure_lawreview(html: Path, expected: int, compare_texts: bool) -> Row:
    started = time.perf_counter()
    try:
        article = read_article(html)
        notes = article.notes
        error = ""
    except ArticleError as problem:
        notes, error = (), str(problem)
        article = None
    seconds = time.perf_counter() - started
    row: Row = {
        "file": html.name,
        "expected": expected,
        "notes": len(notes),
        "within_5pct": abs(len(notes) - expected) <= 0.05 * expected,
        "seconds": round(seconds, 3),
        "error": error,
    }
    if article is not None:
        called = article.called_notes()
        row["called"] = sum(1 for n in notes if n.number in called)
    if compare_texts and notes:
        truth = [
            _comparable(t, labelled=True) for t in _footnote_paragraphs(html.with_suffix(".json"))
        ]
        matched = sum(1 for n in notes if best_similarity(_comparable(n.text), truth) >= 90)
        row["text_match"] = round(matched / len(notes), 3)
    return row


def run_lawreviews(folder: Path) -> list[Row]:
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    counts = {entry["article"]: entry["footnote_paragraphs"] for entry in index}
    top = set(sorted(counts, key=lambda name: counts[name], reverse=True)[:10])
    return [
        measure_lawreview(folder / f"{name}.html", counts[name], name in top)
        for name in sorted(counts)
        if (folder / f"{name}.html").exists()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench_formats")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", choices=("lessons", "docx", "odt", "lawreviews"))
    parser.add_argument("--verbose", action="store_true", help="print each file's figures")
    parser.add_argument(
        "--pandoc-from",
        default="markdown",
        help="pandoc's Markdown dialect for writing the lessons as .docx/.odt (the issue's "
        "`pandoc -f markdown`; `commonmark_x` or `gfm` read the lessons' fences as they do)",
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"skipped: no corpus at {args.corpus}")
        return 0
    if args.only in (None, "lessons"):
        rows = run_lessons(args.corpus / "lessons")
        if args.verbose:
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
        print(
            "lessons: {} files ({} with exactly their calls); definitions {} -> notes {} "
            "(missing {}); calls {} / {} expected; table calls {} / {}; URLs exact {} / {} "
            "(extra {})".format(
                len(rows),
                sum(r["calls"] == r["calls_expected"] for r in rows),
                sum(r["definitions"] for r in rows),
                sum(r["notes"] for r in rows),
                sum(len(r["missing_notes"]) for r in rows),
                sum(r["calls"] for r in rows),
                sum(r["calls_expected"] for r in rows),
                sum(r["table_calls"] for r in rows),
                sum(r["table_calls_expected"] for r in rows),
                sum(r["urls_exact"] for r in rows),
                sum(r["urls_expected"] for r in rows),
                sum(r["urls_extra"] for r in rows),
            )
        )
    if args.only in (None, "docx"):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            rows = [
                measure_round_trip(p, Path(tmp), ".docx", args.pandoc_from)
                for p in sorted((args.corpus / "lessons").glob("*.md"))
            ]
        if args.verbose:
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
        for row in rows:
            for difference in row["differences"]:
                print(f"  {row['file']}: {difference}")
        print(
            "lessons as .docx (pandoc -f {}): {} / {} identical; calls {} / {}; calls "
            "reaching the same note text {}; URL sets equal in {}; {} differences, {} of "
            "them a reader's (the rest are the .docx's own, checked in its XML); {} / {} "
            "lessons read alike "
            "wherever the .docx holds what the Markdown does".format(
                args.pandoc_from,
                sum(r["identical"] for r in rows),
                len(rows),
                sum(r["calls_docx"] for r in rows),
                sum(r["calls_markdown"] for r in rows),
                sum(r["same_note_text"] for r in rows),
                sum(r["urls_same"] for r in rows),
                sum(len(r["differences"]) for r in rows),
                sum(r["reader_differences"] for r in rows),
                sum(r["reader_differences"] == 0 for r in rows),
                len(rows),
            )
        )
    if args.only in (None, "odt"):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            rows = [
                measure_round_trip(p, Path(tmp), ".odt", args.pandoc_from)
                for p in sorted((args.corpus / "lessons").glob("*.md"))
            ]
        if args.verbose:
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
        print(
            "lessons as .odt (pandoc -f {}): {} / {} identical; calls {} / {}; calls reaching the "
            "same note text {}; URL sets equal in {}; differing: {}".format(
                args.pandoc_from,
                sum(r["identical"] for r in rows),
                len(rows),
                sum(r["calls_docx"] for r in rows),
                sum(r["calls_markdown"] for r in rows),
                sum(r["same_note_text"] for r in rows),
                sum(r["urls_same"] for r in rows),
                ", ".join(r["file"] for r in rows if not r["identical"]) or "none",
            )
        )
    if args.only in (None, "lawreviews"):
        rows = run_lawreviews(args.corpus / "lawreviews")
        if args.verbose:
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
        within = sum(1 for r in rows if r["within_5pct"])
        matched = [r["text_match"] for r in rows if "text_match" in r]
        print(
            f"law reviews (HTML): {within} / {len(rows)} within 5% of the footnote count; "
            f"text match on the 10 longest: {sum(m >= 0.95 for m in matched)} / {len(matched)} "
            f"at 95% or more (median {sorted(matched)[len(matched) // 2] if matched else 0}); "
            f"notes called from a sentence {sum(r.get('called', 0) for r in rows)} / "
            f"{sum(r['notes'] for r in rows)}; "
            f"slowest {max((r['seconds'] for r in rows), default=0)} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
