"""The citation parser's accuracy on labelled references, scored from citewatch's CSL-JSON.

`python -m pipeline.bench_citations [FILE.xml]` reads AnyStyle-format labelled references
(``<dataset><sequence><author>..</author><title>..</title>..</sequence>..``; by default
``../shared/corpus/references/anystyle-core.xml``, which is for evaluation only: never train on
it), feeds each reference's text to citewatch as one endnote, exports the notes as CSL-JSON and
compares, per reference, the fields the labels give: the first author's surname, the title
(difflib ratio >= 0.90 after folding case and punctuation), the container, the year, the volume,
the first page, the URL and the DOI. A field is scored over the references that have it.

`--part dev` keeps the even-numbered references and `--part held` the odd-numbered ones: read the
misses of the first half only, and check that a change gains as much on the half not read (other
labelled references, unseen, are scored the same way).

It also times the parse of 1,500 notes (the notes at 1x, 2x and 4x show nothing grows with the
square of their count). This is a benchmark that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from reports.csl import citation_id, notes_to_csl
from sources.notes import parse_notes

CORPUS = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "corpus"
    / "references"
    / "anystyle-core.xml"
)
FIELDS = ("surname", "title", "container", "year", "volume", "first page", "url", "doi")


@dataclass(frozen=True, slots=True)
class Reference:
    text: str
    truth: dict[str, str]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", text.casefold()))


_INITIALS = re.compile(r"^(?:[A-Z]\.-?)+$|^[A-Z]{1,3}$|^[A-Z][a-z]?\.$")
_NAME_NOISE = re.compile(
    r"^\s*(?:in|by|edited by|ed\.|eds\.|hrsg\.|von)\s+|\((?:eds?|hrsg|ed)\.?\)|\bet al\b\.?",
    re.IGNORECASE,
)


_PARTICLES = {"de", "da", "di", "del", "der", "van", "von", "la", "le", "du", "dos", "ten", "ter"}


_CAPITALS = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ'’-]+$")


def truth_surname(author: str) -> str:
    """The first author's surname from a labelled author string ("Lee, L. L., W. E. Howard")."""
    text = _NAME_NOISE.sub(" ", author).strip(" ,.;:")
    first = re.split(r",|;|/|\s+and\s+|\s+&\s+|\s+und\s+|\s+et\s+|\s+y\s+", text)[0].strip()
    words = [w for w in first.split() if not _INITIALS.match(w)]
    if not words:
        return ""
    if 1 < len(words) <= 3 and _CAPITALS.match(words[0]) and not _CAPITALS.match(words[-1]):
        # "DELISLE Léopold": the family name printed in capitals, first
        return " ".join(w for w in words if _CAPITALS.match(w))
    rest = re.split(r",|;|\s+and\s+|\s+&\s+", text[len(first) :].lstrip(" ,"))[0].split()
    inverted = (
        text[len(first) : len(first) + 1] == ","
        and bool(rest)
        and all(_INITIALS.match(w) for w in rest)
    )
    if len(words) > 1 and not inverted:
        # "Nicholson Adams": given names first, unless particles lead ("de la Macorra")
        lower = [w for w in words if w[:1].islower()]
        if any(w not in _PARTICLES for w in lower):
            return " ".join(words)  # an organization: "U.S. Department of Transportation"
        if lower:
            return " ".join(words[words.index(lower[0]) :])
        if len(first.split()) > len(words) and _INITIALS.match(first.split()[-1]):
            return " ".join(words)  # "de la Macorra JC", "Pérez-Higueras JJ"
        return words[-1]
    return " ".join(words)


def _first_number(text: str) -> str:
    match = re.search(r"\d+", text)
    return match.group(0) if match else ""


def read_references(path: Path) -> list[Reference]:
    references = []
    for sequence in ET.parse(path).getroot().iter("sequence"):
        parts = [(child.tag, " ".join((child.text or "").split())) for child in sequence]
        text = " ".join(value for _, value in parts if value)
        truth: dict[str, str] = {}
        for tag, value in parts:
            if not value:
                continue
            if tag == "author" and "surname" not in truth:
                surname = truth_surname(value)
                if surname:
                    truth["surname"] = surname
            elif tag == "title" and "title" not in truth:
                truth["title"] = value
            elif tag in ("container-title", "journal") and "container" not in truth:
                # AnyStyle's labels keep the connective: "In Proceedings of ..." -> the title
                truth["container"] = re.sub(r"^(?:in|en|dans|im)\b:?\s*", "", value, flags=re.I)
            elif tag == "date" and "year" not in truth:
                year = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", value)
                if year:
                    truth["year"] = year.group(1)
            elif tag == "volume" and "volume" not in truth and _first_number(value):
                truth["volume"] = _first_number(value)
            elif tag == "pages" and "first page" not in truth and _first_number(value):
                truth["first page"] = _first_number(value)
            elif tag == "url" and "url" not in truth:
                url = re.search(r"(?:https?://|www\.)\S.*", value)
                if url:  # a line break printed inside the URL is not part of it
                    truth["url"] = re.sub(r"\s+", "", url.group(0)).strip(" .,;<>()")
            elif tag == "doi" and "doi" not in truth:
                doi = re.search(r"10\.\d{4,9}/\S+", value)
                if doi:
                    truth["doi"] = doi.group(0).rstrip(".,;)")
        references.append(Reference(text=text, truth=truth))
    return references


def _predicted(item: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    authors = item.get("author") or []
    if authors:
        first = authors[0]
        out["surname"] = first.get("family") or first.get("literal", "")
    for key, csl_key in (("title", "title"), ("container", "container-title")):
        if item.get(csl_key):
            out[key] = item[csl_key]
    parts = (item.get("issued") or {}).get("date-parts") or []
    if parts and parts[0]:
        out["year"] = str(parts[0][0])
    for key, csl_key in (("volume", "volume"), ("first page", "page")):
        if item.get(csl_key):
            out[key] = _first_number(str(item[csl_key]))
    if item.get("URL"):
        out["url"] = item["URL"]
    if item.get("DOI"):
        out["doi"] = item["DOI"]
    return out


def _url_key(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.casefold()).rstrip("/")


def _similar(a: str, b: str) -> bool:
    a, b = _fold(a), _fold(b)
    return bool(a) and SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def field_right(name: str, truth: str, predicted: str | None) -> bool:
    if not predicted:
        return False
    if name in ("title", "container"):
        return _similar(truth, predicted)
    if name == "surname":
        return _fold(truth) == _fold(predicted)
    if name == "url":
        return _url_key(truth) == _url_key(predicted)
    if name == "doi":
        return truth.casefold() == predicted.casefold()
    return truth == predicted


def _parse(references: list[Reference]) -> list[tuple[str | None, dict[str, str]]]:
    """Each reference as one endnote -> (the raw text of the citation whose CSL item is
    scored, that item's fields): its note's first citation that makes an item."""
    notes = parse_notes([f"{i}. {ref.text}" for i, ref in enumerate(references, 1)])
    items = {item["id"]: item for item in notes_to_csl(notes)}
    out: list[tuple[str | None, dict[str, str]]] = []
    for note in notes:
        ids = [citation_id(note.number, i, c) for i, c in enumerate(note.citations)]
        found = next(
            ((items[k], c.raw) for k, c in zip(ids, note.citations, strict=True) if k in items),
            None,
        )
        out.append((found[1], _predicted(found[0])) if found else (None, {}))
    if len(out) != len(references):
        raise SystemExit(f"{len(references)} references became {len(out)} notes")
    return out


def parse_references(references: list[Reference]) -> list[dict[str, str]]:
    """Each reference as one endnote -> the fields of its note's first citation's CSL item."""
    return [fields for _, fields in _parse(references)]


def _labelled(raw: str | None) -> dict[str, str]:
    """The fields the labeller and its field rules (`label_citation`) give a citation, in the
    scorer's terms: what the stages after them (sources.notes, reports.csl) start from."""
    from sources.citation_fields import label_citation, split_person_names
    from sources.notes import family_name

    if raw is None:
        return {}
    labelled = label_citation(raw)
    out: dict[str, str] = {}
    authors, _ = split_person_names(labelled.get("author") or "")
    if authors:
        out["surname"] = family_name(authors[0])
    for key, label in (("title", "title"), ("container", "container")):
        if labelled.get(label):
            out[key] = labelled.get(label) or ""
    for key, label in (("volume", "volume"), ("first page", "pages")):
        number = _first_number(labelled.get(label) or "")
        if number:
            out[key] = number
    return out


STAGED = ("surname", "title", "container", "volume", "first page")


def stages(
    references: list[Reference],
) -> tuple[dict[str, dict[str, int]], list[tuple[str, str, str, str | None, str | None]]]:
    """Per field, how the labeller's reading (`label_citation`) and the CSL-JSON item compare:
    both right, only the labeller right (lost after it), only the CSL right (gained after it),
    both wrong; and the references behind the last three (field, text, truth, label, CSL)."""
    table = {name: dict.fromkeys(("both", "lost", "gained", "neither"), 0) for name in STAGED}
    cases: list[tuple[str, str, str, str | None, str | None]] = []
    for ref, (raw, guess) in zip(references, _parse(references), strict=True):
        labelled = _labelled(raw)
        for name in STAGED:
            truth = ref.truth.get(name)
            if truth is None:
                continue
            by_label = field_right(name, truth, labelled.get(name))
            by_csl = field_right(name, truth, guess.get(name))
            key = {(True, True): "both", (True, False): "lost", (False, True): "gained"}.get(
                (by_label, by_csl), "neither"
            )
            table[name][key] += 1
            if key in ("lost", "gained"):
                cases.append(
                    (f"{name} {key}", ref.text, truth, labelled.get(name), guess.get(name))
                )
    return table, cases


def print_stages(table: dict[str, dict[str, int]]) -> None:
    print("labeller (label_citation) vs CSL-JSON: right in both, lost after the labeller,")
    print("gained after it, wrong in both")
    print(f"{'field':<12} {'both':>6} {'lost':>6} {'gained':>6} {'neither':>8}")
    for name, row in table.items():
        print(
            f"{name:<12} {row['both']:>6} {row['lost']:>6} {row['gained']:>6} {row['neither']:>8}"
        )


def score(references: list[Reference]) -> dict[str, tuple[int, int]]:
    predicted = parse_references(references)
    table = {name: (0, 0) for name in FIELDS}
    for ref, guess in zip(references, predicted, strict=True):
        for name, truth in ref.truth.items():
            right, total = table[name]
            table[name] = (right + field_right(name, truth, guess.get(name)), total + 1)
    return table


def misses(references: list[Reference], name: str) -> Iterator[tuple[str, str, str | None]]:
    for ref, guess in zip(references, parse_references(references), strict=True):
        truth = ref.truth.get(name)
        if truth is not None and not field_right(name, truth, guess.get(name)):
            yield ref.text, truth, guess.get(name)


# the corpus's tags -> the labeller's labels, for the token confusion table
_TAG_LABEL = {
    "container-title": "container",
    "journal": "container",
    "location": "place",
    "translator": "editor",
    "collection-title": "collection",
    "citation-number": "O",
}


def read_tokens(path: Path) -> list[list[tuple[str, str]]]:
    """Each reference's tokens (the labeller's tokenizer), each with its labelled field."""
    from sources.citation_features import tokenize

    out = []
    for sequence in ET.parse(path).getroot().iter("sequence"):
        pairs: list[tuple[str, str]] = []
        for child in sequence:
            value = " ".join((child.text or "").split())
            label = _TAG_LABEL.get(child.tag, child.tag)
            pairs.extend((token.text, label) for token in tokenize(value))
        out.append(pairs)
    return out


def confusion(path: Path) -> dict[str, dict[str, int]]:
    """Word tokens by labelled field -> the labeller's label for them (before the field rules)."""
    from sources.citation_features import tokenize
    from sources.citation_model import label_tokens

    table: dict[str, dict[str, int]] = {}
    for pairs in read_tokens(path):
        text = " ".join(t for t, _ in pairs)
        tokens = tokenize(text)
        if len(tokens) != len(pairs):
            continue  # a URL or DOI tokenized differently once joined: skip the reference
        for (word, truth), guess in zip(pairs, label_tokens(tokens), strict=True):
            if word[0].isalnum():
                row = table.setdefault(truth, {})
                row[guess] = row.get(guess, 0) + 1
    return table


def print_confusion(table: dict[str, dict[str, int]]) -> None:
    print("labelled field -> labeller's labels (word tokens; the largest five)")
    for truth, row in sorted(table.items(), key=lambda kv: -sum(kv[1].values())):
        total = sum(row.values())
        top = sorted(row.items(), key=lambda kv: -kv[1])[:5]
        cells = "  ".join(f"{label} {count / total:.2f}" for label, count in top)
        print(f"{truth:<12} {total:>6}  {cells}")


def time_parse(count: int = 1500) -> list[tuple[int, float]]:
    """Seconds to parse `count` notes, and half and double that (a linear curve)."""
    from sources.citation_data import generate_notes
    from sources.citation_fields import label_citation

    rows = []
    for seed, size in enumerate((count // 2, count, count * 2), 7):
        lines = [f"{i}. {text}" for i, text in enumerate(generate_notes(size, seed=seed), 1)]
        label_citation.cache_clear()  # no labels carried over from an earlier run
        started = time.perf_counter()
        parse_notes(lines)
        rows.append((size, time.perf_counter() - started))
    return rows


def print_table(table: dict[str, tuple[int, int]]) -> float:
    print(f"{'field':<12} {'right':>6} {'of':>6} {'score':>6}")
    scores = []
    for name in FIELDS:
        right, total = table[name]
        value = right / total if total else 0.0
        scores.append(value)
        print(f"{name:<12} {right:>6} {total:>6} {value:>6.3f}")
    mean = sum(scores) / len(scores)
    print(f"{'mean':<12} {'':>6} {'':>6} {mean:>6.3f}")
    return mean


# The field rules after the labeller (sources.citation_fields) that `--without` can switch
# off, to measure each one's net effect: a rule earns its place by gaining on both halves.
FIELD_RULES = (
    "_join_words",
    "_subtitle_after_colon",
    "_names_end_at_full_stop",
    "_title_head_after_one_name",
    "_title_ends_at_genre",
    "_container_after_title",
    "_title_inside_names",
    "_title_fills_its_quotes",
    "_container_ends",
    "_container_after_last_stop",
    "_unlabelled_journal",
    "_container_after_editors",
    "_second_title_is_container",
    "_series_as_container",
    "_container_without_place",
    "_split_container",
    "_split_imprint",
    "_publisher_after_place",
    "_meeting_name_whole",
    "_container_its_numbers_follow",
    "_container_opening_a_note",
    "_in_marks_the_container",
    "_meeting_after_presented",
)


def _switch_off(rule: str) -> None:
    """Replace one field rule by the identity (a measurement of this run only)."""
    from sources import citation_fields

    if rule == "_join_words":
        setattr(citation_fields, rule, lambda tokens, labels: list(labels))
    else:
        setattr(citation_fields, rule, lambda runs, text: list(runs))
    citation_fields.label_citation.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench_citations")
    parser.add_argument("xml", nargs="?", type=Path, default=CORPUS)
    parser.add_argument(
        "--part",
        choices=("all", "dev", "held"),
        default="all",
        help="dev: the even-numbered references; held: the odd-numbered ones",
    )
    parser.add_argument("--misses", metavar="FIELD", help="print the references FIELD got wrong")
    parser.add_argument("--model", type=Path, help="label with this model file instead")
    parser.add_argument(
        "--confusion", action="store_true", help="print the token confusion per field"
    )
    parser.add_argument("--timing", action="store_true", help="also time parsing 1,500 notes")
    parser.add_argument(
        "--stage",
        action="store_true",
        help="compare the labeller's fields with the CSL-JSON's (with --misses: the cases)",
    )
    parser.add_argument(
        "--without",
        metavar="RULE",
        action="append",
        default=[],
        choices=sorted(FIELD_RULES),
        help="score with this field rule (sources.citation_fields) switched off; repeatable",
    )
    args = parser.parse_args(argv)
    if not args.xml.exists():
        print(f"no labelled references at {args.xml}: skipped", file=sys.stderr)
        return 1
    references = read_references(args.xml)
    if args.part != "all":
        references = references[(args.part == "held") :: 2]
    if args.model:
        from sources.citation_model import use_model

        use_model(args.model)
    for rule in args.without:
        _switch_off(rule)
    if args.stage:
        table, cases = stages(references)
        if args.misses:
            for kind, text, truth, label, guess in cases:
                if kind.startswith(args.misses):
                    print(f"{kind:<16} {truth!r:40} <- label {label!r:40} csl {guess!r} | {text}")
            return 0
        print_stages(table)
        return 0
    if args.misses:
        for text, truth, guess in misses(references, args.misses):
            print(f"{truth!r:40} <- {guess!r:40} | {text}")
        return 0
    part = "" if args.part == "all" else f" ({args.part} half)"
    print(f"{len(references)} references from {args.xml.name}{part}, each read as one endnote")
    print_table(score(references))
    if args.confusion:
        print_confusion(confusion(args.xml))
    if args.timing:
        for size, seconds in time_parse():
            print(f"parse {size:>5} notes: {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
