"""Labelled tokens -> citation fields: the runs of one label become field values.

The labeller (sources.citation_model) names each token; here the first run of each label
becomes that field's text, cut from the printed citation so spacing and punctuation inside a
field survive, with the separators around it trimmed. Names are split into persons in
"Given Family" order whatever order they were printed in (``Blair, Sara`` is one person;
``Romero, C., Paunesku, D., & Dweck, C.`` three; ``Pérez-Higueras JJ`` one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from sources.citation_features import (
    EVENT_WORDS,
    JOURNAL_WORDS,
    PLACES,
    STATES,
    Token,
    tokenize,
)
from sources.citation_model import label_tokens
from sources.lines import fold


@dataclass(frozen=True, slots=True)
class LabelledCitation:
    """The text of each labelled field (first run of each label), and every run in order."""

    fields: dict[str, str]
    runs: tuple[tuple[str, str], ...]

    def get(self, label: str) -> str | None:
        return self.fields.get(label)


_TRIM = ' ,.;:([{/–—-“"‘«„'
_TRIM_END = ' ,.;:)]}/–—-”"’»“‘«([{'


def _trim(text: str, keep_period: bool = False) -> str:
    text = text.lstrip(_TRIM).rstrip()
    while text and text[-1] in _TRIM_END:
        if keep_period and text[-1] == "." and re.search(r"\b[^\W\d_]{1,4}\.$", text):
            break
        if text[-1] == ")" and text.count("(") >= text.count(")") > 0:
            break
        text = text[:-1]
    return text.strip()


_YEAR = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)")
_DIGIT = re.compile(r"\d|^[ivxlcdm]+$", re.IGNORECASE)


def _ANY(_: str) -> bool:
    return True


_VALID = {
    "date": lambda v: bool(_YEAR.search(v)),
    "accessed": lambda v: bool(_YEAR.search(v)),
    "volume": lambda v: bool(_DIGIT.search(v)),
    "issue": lambda v: bool(_DIGIT.search(v)),
    "pages": lambda v: bool(_DIGIT.search(v)),
    "locator": lambda v: bool(_DIGIT.search(v)),
}
_ABBREVIATION_END = re.compile(r"\b[^\W\d_]{1,4}$")
_ABBREVIATED = ("author", "editor", "container", "publisher")  # "HARV. L. REV.", "Co."


@lru_cache(maxsize=4096)
def label_citation(text: str) -> LabelledCitation:
    tokens = tokenize(text)
    labels = _join_words(tokens, label_tokens(tokens))
    runs: list[tuple[str, int, int]] = []
    for token, label in zip(tokens, labels, strict=True):
        if runs and runs[-1][0] == label:
            runs[-1] = (label, runs[-1][1], token.end)
        else:
            runs.append((label, token.start, token.end))
    runs = _mend(runs, text)
    fields: dict[str, str] = {}
    out_runs = []
    for label, start, end in runs:
        raw = text[start:end]
        if label in _ABBREVIATED and text[end : end + 1] == "." and _ABBREVIATION_END.search(raw):
            raw += "."  # the full stop of "REV." or "J." was labelled as a separator
        value = _trim(raw.replace("*", ""), keep_period=label in _ABBREVIATED)
        out_runs.append((label, value))
        if label == "O" or not value:
            continue
        if label in fields or not _VALID.get(label, _ANY)(value):
            continue  # the first run that can be the field: a date with a year, a number
        fields[label] = value
    return LabelledCitation(fields=fields, runs=tuple(out_runs))


_WORD_JOINERS = frozenset("-\u2010\u2011’'")


def _join_words(tokens: list[Token], labels: list[str]) -> list[str]:
    """A printed word is one field's: letters joined by a hyphen or an apostrophe with no
    space ("first-order", "Shift-Invariant", "Tesla’s", "Jean-Luc") take the label of the
    word's first part, which the labeller may have split across two fields."""
    labels = list(labels)
    for i in range(2, len(tokens)):
        joiner, left, right = tokens[i - 1], tokens[i - 2], tokens[i]
        if (
            joiner.text in _WORD_JOINERS
            and left.end == joiner.start
            and joiner.end == right.start
            and left.text[-1:].isalpha()
            and right.text[:1].isalpha()
            and labels[i - 2] != "O"
        ):
            labels[i - 1] = labels[i] = labels[i - 2]
    return labels


_EDITOR_CUE = re.compile(r"[\s,.(]*(?:eds?\b|hrsg|dir\b|coord|\(eds?)", re.IGNORECASE)


def _mend(runs: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    """Undo the labeller's usual slips: a title or container cut in two at a colon or a
    dash ("Title: Subtitle"), a page range cut at its dash, a book's title taken for a
    container (a container with no title before it)."""
    out: list[tuple[str, int, int]] = []
    for run in runs:
        label, start_, end = run
        if (
            len(out) >= 2
            and label in ("title", "container", "pages", "publisher", "place", "author")
            and out[-2][0] == label
            and out[-1][0] == "O"
            and text[out[-1][1] : out[-1][2]].strip() in (":", "-", "–", "&")
        ):
            out[-2:] = [(label, out[-2][1], end)]
            continue
        if (
            label == "pages"
            and len(out) >= 3
            and out[-2][0] == "pages"
            and out[-3][0] == "container"
            and out[-3][2] == out[-2][1] - 1
            and text[out[-1][1] : out[-1][2]].strip() == ","
            and text[out[-2][1] : out[-2][2]].isdigit()
            and re.fullmatch(r"\d+\s*[-–]\s*\d+", text[start_:end])
            and all(r[0] != "volume" for r in out)
        ):
            # "Proc Natl Acad Sci U S A 106, 4894-4899": the number glued to the journal's
            # name is its volume when a page range follows (Bluebook prints the volume first)
            out[-2] = ("volume", out[-2][1], out[-2][2])
            out.append(run)
            continue
        if (
            label == "pages"
            and len(out) >= 2
            and out[-2][0] == "pages"
            and text[out[-1][1] : out[-1][2]].strip() == ","
            and text[out[-2][1] : out[-2][2]].isdigit()
        ):
            out.append(("locator", start_, end))  # Bluebook: first page, then pinpoint
            continue
        if label == "issue" and [r[0] for r in out if r[0] != "O"][-1:] == ["pages"]:
            out.append(("locator", start_, end))  # an issue is printed before the pages
            continue
        if (
            label == "pages"
            and len(out) >= 2
            and out[-1][0] == "O"
            and text[out[-1][1] : out[-1][2]].strip() in ("-", "–")
            and text[out[-2][1] : out[-2][2]].strip().isdigit()
        ):
            previous = out[-2]
            if text[previous[1] : previous[2]].isdigit():
                out[-2:] = [("pages", previous[1], end)]
                continue
        out.append(run)
    out = _subtitle_after_colon(out, text)
    labels = [r[0] for r in out]
    fields = [i for i, r in enumerate(out) if r[0] not in ("O", "note")]
    if "author" not in labels and fields and out[fields[0]][0] == "editor":
        # names opening a citation are its authors unless an editor's cue follows them
        first = fields[0]
        after = text[out[first][2] : out[first][2] + 12]
        if not _EDITOR_CUE.match(after):
            out[first] = ("author", out[first][1], out[first][2])
    out = _container_ends(_publisher_after_place(out, text), text)
    labels = [r[0] for r in out]
    if "title" not in labels and "container" in labels:
        first = labels.index("container")
        if not _bare_journal(out, first, text):
            out[first] = ("title", out[first][1], out[first][2])
    out = _subtitle_after_colon(out, text)
    out = _names_end_at_full_stop(out, text)
    out = _title_head_after_one_name(out, text)
    out = _title_ends_at_genre(out, text)
    if "container" not in (r[0] for r in out):
        out = _container_after_title(out, text)
    if "title" not in (r[0] for r in out):
        out = _subtitle_after_colon(_title_inside_names(out, text), text)
    out = _title_fills_its_quotes(out, text)
    out = _container_ends(out, text)
    out = _container_after_last_stop(out, text)
    out = _unlabelled_journal(out, text)
    out = _meeting_after_presented(out, text)
    out = _in_marks_the_container(out, text)
    out = _container_opening_a_note(out, text)
    out = _container_its_numbers_follow(out, text)
    out = _container_after_editors(out, text)
    out = _second_title_is_container(out, text)
    out = _series_as_container(out, text)
    out = _container_without_place(out, text)
    out = _meeting_name_whole(out, text)
    labels = [r[0] for r in out]
    if (
        "container" not in labels
        and "title" in labels
        and ("volume" in labels or "pages" in labels)
    ):
        out = _split_container(out, text)
    elif not {"container", "volume", "pages", "issue"} & set(labels) and "title" in labels:
        split = _split_imprint(out, text)
        out = split if split != out else _split_container(out, text)
    return out


_NAMES_END = re.compile(r"(?<=[^\W\d_]{3})\.\s+(?=[A-ZÀ-Þ\"“‘«])")


def _names_end_at_full_stop(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """Authors' names end at a full stop after a whole word ("L. G. Valiant. A Bridging
    Model"): when the labeller ran the names on into the first words of the title (the title
    run follows directly, or after a colon or a comma: "Harrington, Anne. Medicine, Mind,
    and the Double Brain"), those words go back to the title."""
    out = list(runs)
    for i in range(len(out) - 1):
        label, start, end = out[i]
        if label != "author":
            continue
        j = i + 1
        if out[j][0] == "O" and text[out[j][1] : out[j][2]].strip() in ("", ":", ","):
            j += 1
        if j >= len(out) or out[j][0] != "title":
            continue
        stops = list(_NAMES_END.finditer(text, start, end))
        if not stops:
            continue
        cut = stops[-1]
        out[i] = ("author", start, cut.start())
        out[i + 1 : j + 1] = [("O", cut.start(), cut.end()), ("title", cut.end(), out[j][2])]
        break
    return out


_WORD = r"[A-ZÀ-Þ][\w’'-]+"
# One person's name and the separator after it, inverted before a full stop ("Levine,
# Robert S. ") or in natural order before a comma ("Randall Packard, "); a capital follows.
_ONE_NAME = re.compile(
    rf"(?:(?P<inverted>{_WORD}(?:\s{_WORD})?,\s+[A-ZÀ-Þ][a-zß-ÿ]+(?:[\s-][A-ZÀ-Þ][a-zß-ÿ]+)?"
    rf"(?:\s+[A-ZÀ-Þ](?=\.))*)(?P<stop>\.\s+)|(?P<natural>(?:[A-ZÀ-Þ][a-zß-ÿ]+\.?\s+){{1,2}}{_WORD})"
    r"(?P<comma>,\s+))(?=[A-ZÀ-Þ\"“‘«])"
)
_MORE_NAMES = re.compile(
    r"&|,\s*(?:and|et|und)\s|,\s*[A-ZÀ-Þ]\.|^(?:Jr|Sr)\b|\b(?:eds?|hrsg)\b\.?", re.I
)


def _title_head_after_one_name(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """A title printed after one person's name and cut at its colon, whose first part the
    labeller ran into the names ("Levine, Robert S. Conspiracy and Romance: Studies in ...",
    "Randall Packard, White Plague, Black Labour: Tuberculosis and ..."): the names are the
    one name the run opens with, and the rest of the run goes back to the title. Only when
    that rest reads as no further names (no ", and", "&", initials, "eds.")."""
    for i in range(len(runs) - 2):
        (label, start, end), (gap, g_start, g_end), (after, _, t_end) = runs[i : i + 3]
        if label != "author" or gap != "O" or after != "title":
            continue
        if text[g_start:g_end].strip() != ":":
            return runs
        name = _ONE_NAME.match(text, start, end)
        if name is None or name.end() >= end:
            return runs
        sep = len(name.group("stop") or name.group("comma"))
        head = text[name.end() : end]
        if _MORE_NAMES.search(head) or len(head.split()) > 8:
            return runs
        return [
            *runs[:i],
            ("author", start, name.end() - sep),
            ("O", name.end() - sep, name.end()),
            ("title", name.end(), t_end),
            *runs[i + 3 :],
        ]
    return runs


_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{3})[.?!]\s+(?=[A-ZÀ-Þ\d])")


_SUBTITLE_TAKEN_AS = frozenset(("container", "editor", "author", "publisher", "place", "note"))


def _subtitle_after_colon(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """A colon right after a title opens its subtitle, not the container ("Probabilistic
    Reasoning: Networks of Plausible Inference. Morgan Kaufmann"; the container follows a
    full stop, a comma or "In"). When the labeller began the container at that colon, the
    container's words up to their first full stop go back to the title."""
    out = list(runs)
    for i in range(len(out) - 2):
        (label, start, _), (gap, g_start, g_end), (after, c_start, c_end) = out[i : i + 3]
        if label != "title" or gap != "O" or after not in _SUBTITLE_TAKEN_AS:
            continue
        if text[g_start:g_end].strip() != ":":
            continue
        stop = _SENTENCE_END.search(text, c_start, c_end)
        span = (stop.start(), stop.end()) if stop else None
        journal = _journal_tail(text[c_start:c_end]) if after == "container" else None
        if journal is not None:  # "...: Linkage to chromosome 5q. Am. J. Hum. Genet."
            span = (c_start + journal.start(), c_start + journal.end())
        if span is None:
            out[i : i + 3] = [("title", start, c_end)]
        else:
            out[i : i + 3] = [
                ("title", start, span[0]),
                ("O", span[0], span[1]),
                (after if after == "container" else "O", span[1], c_end),
            ]
        break
    return out


_CONTAINER_END = re.compile(
    r",?\s+(?:volume|vol\.|Vol\.|Volume|Band|Bd\.)\s+[\dIVXLC]"  # its volume, a series
    # ". Place: Publisher", ". Place, State: Publisher"
    r"|(?<=[^\W\d_]{3})\.\s+[A-ZÀ-Þ][\w .-]{1,30}(?:,\s*[A-ZÀ-Þ][\w.]{1,15})?:\s"
    r"|\s+(?:1[5-9]|20)\d\d$"  # "Proc. Natl. Acad. Sci. USA 2011"
    r"|[,:]?\s+Special [Ii]ssue\b|\s*\((?:Suppl|Supplement)\b[^)]*\)"  # the issue's, not the name
    r"|\.\s+(?:Retrieved|Available|Accessed)\b"
)


def _container_ends(runs: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    """A container ends at its volume or series ("Logics of Programs, volume 193 of
    Lecture Notes"), at an imprint ("Neue Ansätze. Trier: WVT", ". Orlando, Florida:
    IST"), before a year the labeller ran into it, at its issue's words ("Special Issue:
    ...", "(Suppl 1)") and at "Retrieved from"; what follows keeps no field (the raw
    citation keeps it)."""
    for i, (label, start, end) in enumerate(runs):
        if label != "container":
            continue
        cut = _CONTAINER_END.search(text, start, end)
        if cut is None or cut.start() <= start:
            return runs
        return [
            *runs[:i],
            ("container", start, cut.start()),
            ("O", cut.start(), end),
            *runs[i + 1 :],
        ]
    return runs


# The words that mark the work a citation is part of ("In: Book", "in ‘Book’", "Dans Revue");
# each rule below says where it looks for them.
_IN = r"(?:In|in|En|en|Dans|dans|Im|im)"
_IN_CUE_BEFORE = re.compile(rf"(?:^|[\s.,]){_IN}:?\s*$")
_IN_CUE = re.compile(rf"{_IN}\b:?\s")
_PART_OF_NAME = re.compile(
    r"[IVXLC]+|\d+|(?:Supplement|Suppl|Part|Series|Section|Special Issue)(?:\s+[\dIVXLC]+)?",
    re.IGNORECASE,
)


_QUOTED = re.compile(r"[\"“«‘](?P<inner>[^\"“”«»]{3,}?)[\"”»’](?=[\s.,;:)]|$)")


def _title_fills_its_quotes(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """Quotation marks print a title's extent exactly: a title run that lies inside a quoted
    span and stops short of its end ("On optimal right-of-way policies ... when insertion"
    of a longer quoted title) runs to the closing quote; what the labeller gave the rest of
    the span goes with it. With no title at all, a quoted span of two words or more that the
    labeller took for names or commentary is the title ("“Charles R. Van Hise.” In
    Wikipedia"); one it called a container stays a container (Italian styles quote the
    journal: "“La Nuova Storia Contemporanea”")."""
    if "title" not in (r[0] for r in runs):
        quote = _QUOTED.search(text)
        if quote and len(quote["inner"].split()) >= 2:
            q_start = quote.start("inner")
            q_end = q_start + len(quote["inner"].rstrip(" ,.;:"))
            inside = [k for k, r in enumerate(runs) if r[1] < q_end and r[2] > q_start]
            if inside and all(runs[k][0] in ("O", "author", "note") for k in inside):
                first, last = inside[0], inside[-1]
                head = (
                    [(runs[first][0], runs[first][1], q_start)] if runs[first][1] < q_start else []
                )
                tail = [(runs[last][0], q_end, runs[last][2])] if runs[last][2] > q_end else []
                return [*runs[:first], *head, ("title", q_start, q_end), *tail, *runs[last + 1 :]]
        return runs
    for i, (label, start, end) in enumerate(runs):
        if label != "title":
            continue
        for quote in _QUOTED.finditer(text):
            q_start, q_end = quote.span("inner")
            if not (q_start <= start < q_end and end < q_end) or len(quote["inner"].split()) < 2:
                continue
            inner_end = q_end - (len(quote["inner"]) - len(quote["inner"].rstrip(" ,.;:")))
            if inner_end <= end:
                return runs
            swallowed = [r for r in runs[i + 1 :] if r[1] < inner_end]
            rest = runs[i + 1 + len(swallowed) :]
            tail = [("O", inner_end, swallowed[-1][2])] if swallowed[-1][2] > inner_end else []
            return [*runs[:i], ("title", start, inner_end), *tail, *rest]
        return runs
    return runs


def _container_after_last_stop(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """An article's container that begins with the end of its title ("..., Ontario, Canada.
    Geology, v. 24"; "... synthetic birnessite. Environ Sci Technol 29"): the journal is the
    part after the container's last full stop when it is written as a journal's name and a
    volume, issue or pages follow; the part before goes back to the title before it."""
    labels = [r[0] for r in runs]
    if "container" not in labels or not {"volume", "issue", "pages"} & set(labels):
        return runs
    i = labels.index("container")
    _, start, end = runs[i]
    stops = list(_SENTENCE_END.finditer(text, start, end))
    journal = _journal_tail(text[start:end])
    if journal is not None:  # "... with Special Reference to X. J. Appl. Physiol. 12"
        cut_start, cut_end = start + journal.start(), start + journal.end()
    elif stops and _journal_like(text[stops[-1].end() : end]):
        cut_start, cut_end = stops[-1].start(), stops[-1].end()
    else:
        return runs
    head = text[start:cut_start]
    previous = [k for k in range(i) if runs[k][0] != "O"]
    joined = (
        bool(previous)
        and runs[previous[-1]][0] == "title"
        and bool(re.fullmatch(r"\s+(?:[^\W\d_]+\s+)*", text[runs[previous[-1]][2] : start]))
    )  # "... abundance at South Georgia. Fisheries": no separator, the title goes on
    if "," not in head and _journal_like(head) and not joined:
        return runs  # "Proc. Natl. Acad. Sci.": an abbreviated name, not a title's end
    if _IN_CUE_BEFORE.search(text[:start]) or _IN_CUE.match(text, start):
        return runs  # "In: Gemeinsam leben. Zeitschrift ...": the citation marks where it begins
    if _PART_OF_NAME.fullmatch(text[cut_end:end].strip(" .,")):
        return runs  # "... clinical neurophysiology. Supplement", "... inside out. II"
    previous = [k for k in range(i) if runs[k][0] != "O"]
    if previous and runs[previous[-1]][0] == "title":
        k = previous[-1]
        return [
            *runs[:k],
            ("title", runs[k][1], cut_start),
            ("O", cut_start, cut_end),
            ("container", cut_end, end),
            *runs[i + 1 :],
        ]
    return [*runs[:i], ("O", start, cut_end), ("container", cut_end, end), *runs[i + 1 :]]


_EDITORS_CUE = re.compile(
    r"\s*(?:[(,]\s*)*(?:eds?|hrsg|dir|coord)\.?\s*\)?\s*[,:.]?\s*", re.IGNORECASE
)


def _container_after_editors(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """A chapter's book follows its editors ("Title. In T. Farrow & P. Woodruff (Eds.),
    Empathy in mental illness.", "(M. Cooper & W. Stiles, Eds.) Person-Centered
    Psychotherapies, 9(1)"): with a title before the editors and no container anywhere, the
    run right after the editors' "(Eds.)" is the container, whatever the labeller called
    it, and so are the words between the cue and that run ("(Eds.), Well-Being: The
    Foundations of Hedonic Psychology")."""
    labels = [r[0] for r in runs]
    if "container" in labels or "title" not in labels:
        return runs
    for i in range(len(runs) - 2):
        (label, _, _), (gap, g_start, _), (after, a_start, a_end) = runs[i : i + 3]
        if label != "editor" or gap != "O" or after not in ("title", "publisher", "note"):
            continue
        if "title" not in labels[:i]:
            return runs
        cue = _EDITORS_CUE.fullmatch(text, g_start, a_start)
        if cue is None:
            cue = _EDITORS_CUE.match(text, g_start, a_start)
            if cue is None or cue.end() == g_start or not text[cue.end() : a_start].strip():
                return runs
            begin = cue.end()  # words between the cue and the run
        else:
            begin = a_start
        return [
            *runs[: i + 1],
            ("O", g_start, begin),
            ("container", begin, a_end),
            *runs[i + 3 :],
        ]
    return runs


def _second_title_is_container(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """Two titles one after the other and no container ("“At the Dawn of the 21st
    Century.” Proteins 2010, 78, 1339", "Falcon and Falconry. World book encyclopedia. (pp.
    150-155)"): when the second is followed by the numbers of a periodical or a reference
    work (a date, volume, issue or pages), it is the work the first is part of."""
    labels = [r[0] for r in runs]
    if "container" in labels or labels.count("title") < 2:
        return runs
    fields = [i for i, r in enumerate(runs) if r[0] != "O"]
    for a, b in pairwise(fields):
        if runs[a][0] != "title" or runs[b][0] != "title":
            continue
        if not re.search(r"[.?!\"”’»]", text[runs[a][2] : runs[b][1]]):
            return runs  # not a sentence end between them: one title cut in two
        after = [runs[k][0] for k in fields if k > b][:1]
        if after and after[0] in (*_NUMBERS, "locator"):
            return [*runs[:b], ("container", runs[b][1], runs[b][2]), *runs[b + 1 :]]
        return runs
    return runs


def _series_as_container(runs: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    """A chapter or paper printed in a numbered series' volume with no other container
    ("Title. Progress in Pattern Recognition, Vol. 1, L. Kanal (Eds.)"): the series the
    labeller named is the one work the citation is part of, so it is the container."""
    labels = [r[0] for r in runs]
    if "container" in labels or "collection" not in labels or "title" not in labels:
        return runs
    i = labels.index("collection")
    if "title" not in labels[:i]:
        return runs
    return [*runs[:i], ("container", runs[i][1], runs[i][2]), *runs[i + 1 :]]


_NOT_A_NAMES_PIECE = re.compile(r"[,.:;()\[\]]|\b(?:vol|volume|pp?|pages|eds?|hrsg)\b", re.I)
_GLUED_TO_NAME = frozenset(("O", "date", "number", "editor", "title", "collection", "genre"))


def _names_a_meeting(name: str) -> bool:
    """A conference's, symposium's or proceedings' word in the name."""
    return any(fold(w) in EVENT_WORDS for w in re.findall(r"[^\W\d_]+", name))


def _meeting_name_whole(runs: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    """A meeting's name printed with its year, number or acronym inside ("In Proc. 1994
    Winter USENIX Conference, pages", "Proceedings IJCAI-87.", "IEEE/RSJ IROS '91 (Osaka)"):
    the labeller cut the container at the number and gave the rest other labels. The runs
    glued to a container that names a meeting (no comma, full stop, colon or bracket between,
    only spaces or an apostrophe) are the rest of its name."""
    for i, (label, start, end) in enumerate(runs):
        if label != "container":
            continue
        if not _IN_BEFORE.search(text[:start]) and not _names_a_meeting(text[start:end]):
            return runs
        j, stop = i + 1, end
        while j < len(runs) and runs[j][0] in _GLUED_TO_NAME:
            gap = text[stop : runs[j][1]]
            piece = text[runs[j][1] : runs[j][2]]
            if piece == "." and not gap and _ABBREVIATION_END.search(text, start, stop):
                stop, j = runs[j][2], j + 1  # the full stop of "Proc." was left out of the run
                continue
            if not re.fullmatch(r"\s*['’]?", gap) or _NOT_A_NAMES_PIECE.search(piece):
                break
            stop, j = runs[j][2], j + 1
        if stop == end or not re.search(r"[^\W\d_]|['’]\d", text[end:stop]):
            return runs
        return [*runs[:i], ("container", start, stop), *runs[j:]]
    return runs


_IN_CUE_ANYWHERE = re.compile(rf"(?:^|[\s.,”\"’]){_IN}:?\s")


def _container_its_numbers_follow(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """Several container runs, the first a word or two the labeller cut from the title and
    no numbers after it, and a later one a journal's name that a volume, issue or pages
    follow ("The ‘Tannhäuser’ Scandal in March 1861," ..., Wagner, 24 (2003)", "... at WFU.
    (1995, March). Wake Forest University Magazine, 42(3)"): a periodical's numbers follow its
    name, so the later run is the container and the runs before it keep no field (the raw
    citation keeps them). Not when "In" marks the first (a book in a series: "In Book,
    volume 193 of Series"), nor for a name cut at a comma ("Systems, Man and Cybernetics, IEEE
    Transactions on")."""
    containers = [i for i, r in enumerate(runs) if r[0] == "container"]
    if len(containers) < 2:
        return runs
    first = containers[0]
    titles = [i for i in range(first) if runs[i][0] == "title"]
    since = runs[titles[-1]][2] if titles else 0
    if _IN_CUE_ANYWHERE.search(text, since, runs[first][1] + 4):
        return runs  # "In Book, volume 193 of Series": the citation marks its container
    fields = [i for i, r in enumerate(runs) if r[0] != "O"]

    def numbered(i: int) -> bool:
        after = [runs[k][0] for k in fields if k > i][:1]
        return after[:1] in (["volume"], ["issue"], ["pages"])

    if numbered(containers[0]) or len(text[runs[first][1] : runs[first][2]].split()) > 2:
        return runs  # a run of a word or two, cut from the title, not a periodical's name
    for k in containers[1:]:
        name = text[runs[k][1] : runs[k][2]]
        before = max(i for i in fields if i < k)
        glued = before in containers and text[runs[before][2] : runs[k][1]].strip() in (",", "")
        if numbered(k) and _journal_like(name) and re.search(r"[^\W\d_]{4}", name) and not glued:
            return [
                ("O", a, b) if i in containers and i < k else (lab, a, b)
                for i, (lab, a, b) in enumerate(runs)
            ]
    return runs


_NOTE_HEAD = re.compile(r"[A-ZÀ-Þ][^,.;:()\[\]]{1,60}?(?=,|\.\s|\s+n[°o]|\s*$)")


def _name_like(words: str) -> bool:
    """Words as a periodical's or a book's name prints them in any language: the first
    capitalized, and at least half of the others that are not function words too ("Annales de
    Bretagne et des pays de l'Ouest"); commentary ("Reprinted with new maps") is a sentence."""
    found = re.findall(r"[^\W\d_][\w’'&.-]*", words)
    content = [w for w in found[1:] if w.lower() not in _FUNCTION_WORDS]
    capitals = sum(1 for w in content if w[0].isupper() or re.match(r"[a-z][’']\w", w))
    return bool(found) and found[0][0].isupper() and 2 * capitals >= len(content)


def _container_opening_a_note(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """No container, and after the title a run the labeller called a note that opens with a
    capitalized name up to its first separator ("... au Haut Moyen-Âge », Annales de Bretagne
    et des pays de l'Ouest n°95, 1988, pp. 141-164"): a periodical's or a book's name printed
    where the container stands, which the note run swallowed; that name is the container."""
    labels = [r[0] for r in runs]
    if "container" in labels or "title" not in labels:
        return runs
    fields = [i for i, r in enumerate(runs) if r[0] != "O"]
    for a, b in pairwise(fields):
        if runs[a][0] != "title" or runs[b][0] != "note":
            continue
        head = _NOTE_HEAD.match(text, runs[b][1], runs[b][2])
        if head is None or not _name_like(head.group()):
            return runs
        _, start, end = runs[b]
        return [
            *runs[:b],
            ("container", start, head.end()),
            ("note", head.end(), end),
            *runs[b + 1 :],
        ]
    return runs


def _in_marks_the_container(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """No container, and "In" (or "in" after a separator) right before a title run: the
    citation marks that run as the work the cited one is part of ("Osei, A., 2002, in ‘Salt
    Roads of the North’, eds. B. Lind, ..., p. 197", astronomy's and physics' lists print no
    title of the chapter or paper), so it is the container."""
    if "container" in (r[0] for r in runs):
        return runs
    for i, (label, start, end) in enumerate(runs):
        if label == "title" and _IN_MARK.search(text[:start]):
            return [*runs[:i], ("container", start, end), *runs[i + 1 :]]
    return runs


_IN_MARK = re.compile(rf"(?:^|[.,;:”\"’)]\s+){_IN}:?\s+[‘“\"«]?$")


_PRESENTATION = re.compile(
    r"(?i:paper|poster|talk|presentation|keynote)(?:\s+(?:session\s+)?"
    r"(?:presented|given|read|delivered))?"
)


def _meeting_after_presented(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """A paper or poster given at a meeting, whose words the labeller split into a genre and
    the rest ("Paper presented" | "at" | "the IEEE Intelligent Vehicles Symposium", "Paper" |
    "presented at NWAV 41"): the meeting, with the words that say it was presented there, is
    the container, as when the title ends at such a sentence (`_title_ends_at_genre`)."""
    labels = [r[0] for r in runs]
    for i, (label, start, end) in enumerate(runs):
        if label == "container":
            return runs
        if label != "genre" or not _PRESENTATION.fullmatch(text[start:end].strip(" .,")):
            continue
        rest = [k for k in range(i + 1, len(runs)) if runs[k][0] != "O"][:1]
        if not rest or labels[rest[0]] not in ("container", "number", "note", "title"):
            return runs
        k = rest[0]
        gap = text[end : runs[k][1]] + text[runs[k][1] : runs[k][2]]
        if not re.match(r"\s*(?:presented\s+|given\s+|read\s+|delivered\s+)?at\s", gap):
            return runs
        return [*runs[:i], ("container", start, runs[k][2]), *runs[k + 1 :]]
    return runs


def _unlabelled_journal(runs: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    """No title and no container, and capitalized words the labeller left unlabelled right
    before a volume ("A. Writer, Dams 4 (2001)", "Lind, Harb. L. Rev. 12, 3"): the words are
    the journal the volume is of."""
    labels = [r[0] for r in runs]
    if "title" in labels or "container" in labels:
        return runs
    for i in range(1, len(runs) - 1):
        label, start, end = runs[i]
        if label != "O" or runs[i + 1][0] != "volume" or runs[i - 1][0] in ("O", "volume"):
            continue
        words = text[start:end].strip(" ,;:")
        head = len(text[start:end]) - len(text[start:end].lstrip(" ,;:"))
        if not words or not _journal_like(words) or not re.match(r"[A-ZÀ-Þ]", words):
            return runs
        begin = start + head
        return [
            *runs[:i],
            ("O", start, begin),
            ("container", begin, begin + len(words)),
            *runs[i + 1 :],
        ]
    return runs


# ", Santa Clara, CA", ", Orlando, Florida", ", Leiden": a meeting's place after its name
_PLACE_TAIL = re.compile(
    r",\s+(?P<city>[A-ZÀ-Þ][a-zß-ÿ]+(?:[\s-][A-ZÀ-Þ][a-zß-ÿ]+)?)"
    r"(?:,\s+(?P<region>[A-Z]{2}|[A-Z]\.[A-Z]\.|[A-ZÀ-Þ][a-zß-ÿ]+(?:\s[A-ZÀ-Þ][a-zß-ÿ]+)?))?$"
)


def _container_without_place(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """A meeting's container ends before the place it met ("Proc. Fourth International
    Conf. on ASPLOS, Santa Clara, CA, April 8-11, 1991"): when a container names a meeting
    (a conference's, symposium's or proceedings' word) and its last comma parts are a city
    and a state, region or country, or a known city, those parts are the place's."""
    for i, (label, start, end) in enumerate(runs):
        if label != "container":
            continue
        value = text[start:end]
        tail = _PLACE_TAIL.search(value)
        if tail is None:
            return runs
        head = value[: tail.start()]
        if not _names_a_meeting(head):
            return runs
        region = tail["region"]
        if region is None and fold(tail["city"]) not in PLACES:
            return runs
        if region and re.fullmatch(r"[A-Z]{2}", region) and fold(region) not in STATES:
            return runs
        cut = start + tail.start()
        return [*runs[:i], ("container", start, cut), ("place", cut, end), *runs[i + 1 :]]
    return runs


_EDITED_BY = re.compile(r",?\s+(?:edited by|ed\. by|eds?\.|hrsg\. v(?:on|\.))\s+", re.I)
_NUMBERS = frozenset(("date", "volume", "issue", "pages"))


def _container_after_title(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """No container, and the labeller named the run after the title a place or a publisher
    although a date, volume or pages follow it and no colon ("“Culture Shopping.” New Yorker
    15 Feb. 1993: 48-51", "Proteins 2010, 78, 1339"): that run is the container. A book
    printed in an edited one ("In Composed in America, edited by M. Perloff") whose name the
    labeller ran into its editors: the part before "edited by" is the container."""
    fields = [(i, r) for i, r in enumerate(runs) if r[0] != "O"]
    for k, (_, (label, _, end)) in enumerate(fields[:-1]):
        if label != "title":
            continue
        j, (after, a_start, a_end) = fields[k + 1]
        gap = text[end:a_start]
        if after in ("place", "publisher") and not re.search("[:,]", gap):
            # after a comma the run is the imprint's ("Handbook. McGraw-Hill, New York, 1992")
            rest = text[a_end : fields[k + 2][1][1]] if k + 2 < len(fields) else ":"
            if k + 2 < len(fields) and fields[k + 2][1][0] in _NUMBERS and ":" not in rest:
                runs = list(runs)
                runs[j] = ("container", a_start, a_end)
        elif after == "editor":
            cue = _EDITED_BY.search(text, a_start, a_end)
            if cue and cue.start() > a_start:
                runs = [
                    *runs[:j],
                    ("container", a_start, cue.start()),
                    ("O", cue.start(), cue.end()),
                    ("editor", cue.end(), a_end),
                    *runs[j + 1 :],
                ]
        break
    return runs


_GENRE_SENTENCE = re.compile(
    r"[.?!]\s+(?P<cue>(?:(?:Paper|Poster|Talk|Presentation|Keynote)(?: session)? "
    r"(?:presented|given|read|submitted|delivered)|Unpublished|Revised edition|\d+ vols\b|"
    r"(?:Doctoral|PhD|Ph\.D\.|Master['’]s|MA|M\.A\.) (?:dissertation|thesis)|"
    r"Technical [Rr]eport|Tech\. [Rr]ep\.|Working [Pp]aper|Retrieved|Available)"
    r"|[A-ZÀ-Þ][\w .-]{1,30}:\s)"  # ". Place: Publisher"
    r"|[,(]\s*(?P<cue2>\d+ vols\b|[Uu]npublished)"
)


def _title_ends_at_genre(runs: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    """A title ends where a sentence naming the kind of work begins ("... will we ever? Paper
    presented at the IEEE Symposium", "... Planning. Revised edition", ". Technical Report
    12"): a paper's meeting is its container, a thesis's or report's words its genre."""
    for i, (label, start, end) in enumerate(runs):
        if label != "title":
            continue
        cue = _GENRE_SENTENCE.search(text, start, end)
        if cue is None:
            return runs
        labels = {r[0] for r in runs}
        word = cue.group("cue") or cue.group("cue2")
        cue_start = cue.start("cue") if cue.group("cue") else cue.start("cue2")
        rest = "O"
        if re.search(r"presented|given|read|delivered", word) and "container" not in labels:
            rest = "container"
        elif re.search(r"thesis|dissertation|[Rr]e?p|[Pp]aper|Unpublished", word):
            rest = "genre" if "genre" not in labels else "O"
        return [
            *runs[:i],
            ("title", start, cue.start()),
            ("O", cue.start(), cue_start),
            (rest, cue_start, end),
            *runs[i + 1 :],
        ]
    return runs


_NAMES_START_CUE = re.compile(
    r"\s*(?:eds?\b|edited|ed\.|hrsg|trans|translated|in\b|by\b|\()", re.IGNORECASE
)


def _title_inside_names(runs: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    """No title at all, and the names ran on over it ("William G. Cochran. Sampling
    Techniques. John Wiley and Sons", "Forster, E. M. Howards End", or the title taken for
    editors after the authors: "Andrade, Mário de. Macunaíma. Translated by ..."): names end
    at their first full stop after a whole word (or an inverted name's last initial), and the
    title is what follows, up to its own full stop. A citation that opens with a dash for the
    same author as the one before ("———. Dom Casmurro, trans. J. Gledson") prints no names:
    its first run is the title. The text after the title keeps no field (the raw citation
    keeps it)."""
    for i, (label, start, end) in enumerate(runs):
        if label not in ("author", "editor"):
            continue
        names_end = first = start  # the whole run is the title's
        opening = not any(r[0] != "O" for r in runs[:i])
        if label == "editor":
            previous = [r for r in runs[:i] if r[0] != "O"]
            if [r[0] for r in previous] != ["author"] or _NAMES_START_CUE.match(text[start:end]):
                return runs
        elif opening and _SAME_AUTHOR.match(text):
            cue = _EDITED_BY_OR_TRANSLATED.search(text, start, end)
            if cue:
                return [
                    *runs[:i],
                    ("title", start, cue.start()),
                    ("O", cue.start(), end),
                    *runs[i + 1 :],
                ]
        else:
            stop = _NAMES_END.search(text, start, end)
            if stop is not None:
                names_end, first = stop.start(), stop.end()
            else:
                initials = _INVERTED_INITIALS.match(text, start, end)
                if initials is None or initials.end() >= end:
                    continue
                names_end, first = initials.start(1), initials.end()
        after = _SENTENCE_END.search(text, first, end)
        title_end = after.start() if after else end
        if not text[first:title_end].split():
            return runs
        pieces = [] if first == start else [(label, start, names_end), ("O", names_end, first)]
        pieces.append(("title", first, title_end))
        if after:
            pieces.append(("O", after.start(), end))
        return [*runs[:i], *pieces, *runs[i + 1 :]]
    return runs


_SAME_AUTHOR = re.compile(r"\s*[—–_-]{2,}")
_EDITED_BY_OR_TRANSLATED = re.compile(
    r",?\s+(?:trans\.|translated by|ed\.|edited by|eds\.|hrsg\.)|,\s+trans\b", re.I
)
# "Forster, E. M. Howards End": an inverted name's initials end it
_INVERTED_INITIALS = re.compile(r"[^,.]+,(?:\s*[A-ZÀ-Þ]\.(?:-[A-ZÀ-Þ]\.)?)+()\s+(?=[A-ZÀ-Þ])")


def _publisher_after_place(
    runs: list[tuple[str, int, int]], text: str
) -> list[tuple[str, int, int]]:
    """A name after "Place:" is the publisher ("New York: Barnes & Noble Classics, 2003"),
    whatever the labeller called it a container."""
    out = list(runs)
    if "publisher" in (r[0] for r in out):
        return out
    fields = [i for i, r in enumerate(out) if r[0] != "O"]
    for a, b in pairwise(fields):
        if (out[a][0], out[b][0]) == ("place", "container") and text[
            out[a][2] : out[b][1]
        ].strip() == ":":
            out[b] = ("publisher", out[b][1], out[b][2])
            break
    return out


_FUNCTION_WORDS = frozenset(
    [
        "of",
        "and",
        "the",
        "for",
        "in",
        "on",
        "at",
        "to",
        "de",
        "des",
        "du",
        "la",
        "le",
        "et",
        "und",
        "für",
        "der",
        "die",
        "das",
        "di",
        "del",
        "y",
        "e",
        "&",
    ]
)
_TITLE_BREAK = re.compile(r"(?<=[^\W\d_]{3})[.?!]\s+(?=[A-ZÀ-Þ])|(?<=\w),\s+(?=[A-ZÀ-Þ])")


_IN_BEFORE = re.compile(rf"(?:^|[\s.,;”\"’]){_IN}:?\s*$")


def _bare_journal(runs: list[tuple[str, int, int]], index: int, text: str) -> bool:
    """A container with no title is the work's title unless it is a journal cited without
    one, as physics and astronomy lists do ("Phys. Rev. Lett. 83, 3370", "ApJ, 650, 102"):
    a journal's name in one piece (abbreviated or a single word) followed by its volume."""
    if _IN_BEFORE.search(text[: runs[index][1]]):
        return True  # "In Proceedings of ...": the citation says it is the container
    value = text[runs[index][1] : runs[index][2] + 1].rstrip(",:; ")  # with its full stop
    following = [r[0] for r in runs[index + 1 :] if r[0] != "O"][:2]
    if following[:1] == ["date"]:
        following = following[1:]  # "Nano Lett. 2010, 10, 1012"
    if following[:1] not in (["volume"], ["issue"], ["pages"]):
        return False
    words = value.split()
    return _journal_like(value) and (
        len(words) == 1
        or all(_ABBREVIATED_WORD.match(w) for w in words)
        # "Nano Lett.", "Int. J. Mod. Phys. A": abbreviated words with a full stop
        or (
            any(re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ]{0,5}\.", w) for w in words)
            and len(words) <= 5
            and "," not in value
        )
        # "Journal of Educational Multimedia, 2(1) 39-66": a journal's word, in one piece
        or (_names_journal(value, "") and "," not in value.rstrip(","))
    )


_ABBREVIATED_WORD = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ]{0,9}\.$|[A-Z&]+$|(?:of|and|the|&)$")


def _names_journal(tail: str, head: str) -> bool:
    """A journal's word ("Journal", "Review", "Proc.", "Trans.", "Letters") in the tail and
    none in the head: the tail is the journal even when the title is in title case too."""

    def journal_words(part: str) -> int:
        return sum(fold(w) in JOURNAL_WORDS for w in re.findall(r"[^\W\d_]+", part))

    return journal_words(tail) > 0 and journal_words(head) == 0


def _journal_like(tail: str) -> bool:
    """Words as a journal's name prints them: every word capitalized, or abbreviated."""
    words = re.findall(r"[^\W\d_][\w’'&.-]*|\d+", tail)
    if not words or len(words) > 10:
        return False
    return all(w[0].isupper() or w.lower() in _FUNCTION_WORDS or w.isdigit() for w in words)


_ABBREVIATED_NAME = re.compile(r"\b[A-Z][a-z]{0,4}\.(?:\s|$)")

# A word of a journal's abbreviated name ("Am.", "J.", "Physiol.", "USA", "Nano", "f.", "of")
_JOURNAL_ABBREVIATION = re.compile(
    r"[A-ZÀ-Þ][a-zß-ÿ]{0,8}\.?|[A-Z&]{1,6}|(?:of|and|the|for|[a-zß-ÿ]\.|&)"
)
_ANY_BREAK = re.compile(r"[.?!,;:]\s+")


def _journal_tail(value: str) -> re.Match[str] | None:
    """Where a journal's name printed at the end of a title run begins (the break before
    it): the earliest break after which the rest is either an abbreviated name ("... to
    chromosome 5q. Am. J. Hum. Genet.", two abbreviations or more) or a journal's name
    written out ("... factor 13a. American Journal of Human Genetics": capitalized words with
    a journal's word, none in the part before). Scanning from the first break keeps an
    abbreviated name whole where the last full stop ("Hum. Genet.") would cut it."""
    for cut in _ANY_BREAK.finditer(value):
        head, tail = value[: cut.start()], value[cut.end() :].rstrip(" ,;:")
        words = tail.split()
        if len(head.split()) < 2 or not words or not words[0][:1].isupper():
            continue
        if (
            2 <= len(words) <= 8
            and all(_JOURNAL_ABBREVIATION.fullmatch(w) for w in words)
            and sum(w.endswith(".") for w in words) >= 2
        ):
            return cut
        if (
            cut.group().startswith((".", "?", "!"))
            and _journal_like(tail)
            and _names_journal(tail, head)
        ):
            return cut
    return None


def _split_container(runs: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    """An article (it has a volume or pages) with a title and no container: the labeller ran
    the title on into the journal ("Connections and symbols: closing the gap. Cognition 49").
    The journal is the title's last sentence or comma part when that part is written as a
    journal's name is (capitalized words or abbreviations) and the part before it is not."""
    index = next(i for i, run in enumerate(runs) if run[0] == "title")
    _, start, end = runs[index]
    value = text[start:end]
    journal = _journal_tail(value)
    if journal is not None:
        return _cut_title(runs, index, journal, "container")
    breaks = list(_TITLE_BREAK.finditer(value))
    if not breaks:
        return runs
    cut = breaks[-1]
    head, tail = value[: cut.start()], value[cut.end() :]
    if not _journal_like(tail) or (_journal_like(head) and not _names_journal(tail, head)):
        return runs
    if len(head.split()) < 3 and not _ABBREVIATED_NAME.search(tail):
        return runs  # "Backtrack programming. J. ACM": an abbreviated journal ends any title
    return _cut_title(runs, index, cut, "container")


_DAY_OR_MONTH = re.compile(r"[^\W\d_]{3,}|(?<!\d)\d{1,2}(?!\d)")


def _periodical_date(runs: list[tuple[str, int, int]], text: str) -> bool:
    """A date with its month or day ("2016, March 22", "15 Feb. 1993"): a periodical's issue
    or a web page's, which books do not print."""
    date = " ".join(text[a:b] for label, a, b in runs if label == "date")
    return bool(_DAY_OR_MONTH.search(_YEAR.sub(" ", date)))


def _split_imprint(runs: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    """A book (no container, volume or pages) whose title ran on into its publisher
    ("Transaction Models for Database Applications. Morgan-Kaufmann, 1992"): the title ends at
    its last full stop when what follows is a few capitalized words (a publisher's or a
    place's name) and the title before it is not; a subtitle in sentence case stays."""
    index = next(i for i, run in enumerate(runs) if run[0] == "title")
    _, start, end = runs[index]
    value = text[start:end]
    stops = list(_SENTENCE_END.finditer(value))
    if not stops:
        return runs
    cut = stops[-1]
    head, tail = value[: cut.start()], value[cut.end() :]
    words = re.findall(r"[^\W\d_][\w’'&.-]*|\d+", tail)
    if not words or len(words) > 4 or len(head.split()) < 2 or "publisher" in (r[0] for r in runs):
        return runs
    if not all(w[0].isupper() or w.lower() in _FUNCTION_WORDS for w in words):
        return runs
    if _journal_like(head) and len(head.split()) <= len(words):
        return runs
    if _names_journal(tail, head) or _periodical_date(runs, text):
        return runs  # a journal's or a magazine's name, not a publisher's
    return _cut_title(runs, index, cut, "publisher")


def _cut_title(
    runs: list[tuple[str, int, int]], index: int, cut: re.Match[str], label: str
) -> list[tuple[str, int, int]]:
    """The title run at `index` ends where `cut` (a match in its text) begins; the separator
    is unlabelled and what follows it is `label`'s."""
    _, start, end = runs[index]
    return [
        *runs[:index],
        ("title", start, start + cut.start()),
        ("O", start + cut.start(), start + cut.end()),
        (label, start + cut.end(), end),
        *runs[index + 1 :],
    ]


def tokens_of(text: str) -> list[Token]:
    return tokenize(text)


# --- names ------------------------------------------------------------------------------------

# "J.", "J.-P.", "T.M" (its last full stop lost), "Th.", "JJ"
_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ]\.-?)+[A-ZÀ-Þ]?$|^[A-ZÀ-Þ][a-z]\.$|^[A-ZÀ-Þ]{1,3}$")
_CAPITALS = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ'’-]+$")  # a family name printed in capitals: "DUPONT"
_NAME_NOISE = re.compile(
    r"\bet\.?\s+al\b\.?|\b(?:eds?|hrsg|dir|coord|comp|trans)\b\.?|\(\s*\)|\bedited by\b|"
    r"^\s*(?:in|by|von|par)\b[:\s]",
    re.IGNORECASE,
)
_JOINERS = re.compile(r"\s*/\s*|\s+(?:and|&|und|et|y|e|ve|og|och|en)\s+|\s*&\s*|;\s*")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def _is_initials(word: str) -> bool:
    return bool(_INITIALS.match(word)) and word.lower().strip(".") not in {"de", "la"}


def _all_initials(chunk: str) -> bool:
    words = chunk.split()
    return bool(words) and all(_is_initials(w) for w in words)


def _given_like(chunk: str) -> bool:
    """A chunk that is a given name after an inverted family name: "C.", "Sara", "J. Q."."""
    words = chunk.split()
    if not words or len(words) > 3:
        return False
    return all(_is_initials(w) or (w[:1].isupper() and w[1:].islower()) for w in words) and (
        any(_is_initials(w) for w in words) or len(words) <= 2
    )


def _natural(chunk: str) -> str:
    """One printed name -> "Given Family"; "Heidegger M." -> "M. Heidegger"."""
    words = [w for w in chunk.split() if w.lower() not in _SUFFIXES]  # "Baes Jr."
    if (
        len(words) >= 2
        and _CAPITALS.match(words[0])
        and not _is_initials(words[0])
        and all(w[:1].isupper() and not _CAPITALS.match(w) for w in words[1:])
    ):
        # family name in capitals first ("DUPONT Jean", "COTTA RAMOSINO L.")
        k = 1
        while k < len(words) and _CAPITALS.match(words[k]):
            k += 1
        return " ".join(words[k:] + words[:k])
    if len(words) >= 2 and _is_initials(words[-1]) and not _is_initials(words[0]):
        # Vancouver: family first, initials last ("Pérez-Higueras JJ", "de la Macorra JC")
        k = len(words)
        while k > 1 and _is_initials(words[k - 1]):
            k -= 1
        return " ".join(words[k:] + words[:k])
    return " ".join(words)


def _strip_name(chunk: str) -> str:
    """A name's separators off, but the full stop that ends initials ("G. I.", "Hussain I.")."""
    chunk = chunk.strip()
    words = chunk.split()
    if words and _is_initials(words[-1].rstrip(".") + "."):
        return chunk.strip(" ,;:")
    return chunk.strip(" .")


def split_person_names(text: str) -> tuple[tuple[str, ...], bool]:
    """A printed list of names -> persons in "Given Family" order, and whether "et al." ended it."""
    et_al = bool(re.search(r"\bet\.?\s+al\b", text, re.IGNORECASE))
    text = re.sub(r"\(\s*\)", " ", _NAME_NOISE.sub(" ", text))
    text = re.sub(r"\s+", " ", text).strip(" ,;:")
    if not re.search(r"\b[^\W\d_]{1,2}\.$", text):
        text = text.rstrip(".")
    names: list[str] = []
    for group in _JOINERS.split(text):
        chunks = [_strip_name(c) for c in group.split(",")]
        chunks = [c for c in chunks if c and c.lower().strip(".") not in _SUFFIXES]
        i = 0
        while i < len(chunks):
            chunk = chunks[i]
            words = [w for w in chunk.split() if w.lower() not in _SUFFIXES]
            chunk = " ".join(words)
            single = (
                len(words) == 1
                or (words[0][:1].islower() and not _is_initials(words[-1]))
                or (
                    # "Abu Rizaiza, O.S.", "De Schreye, D.": a family name of several words
                    len(words) <= 3
                    and not any(_is_initials(w) for w in words)
                    and i + 1 < len(chunks)
                    and _all_initials(chunks[i + 1])
                )
            )
            if (
                single
                and not _is_initials(chunk)
                and i + 1 < len(chunks)
                and _given_like(chunks[i + 1])
            ):
                names.append(f"{chunks[i + 1]} {chunk}")
                i += 2
                continue
            if _is_initials(chunk) and names and i > 0:
                # a stray initial after a full name ("Smith, J., K.") belongs to it
                i += 1
                continue
            names.append(_natural(chunk))
            i += 1
    names = [re.sub(r"(?<=[^\W\d_])-(?=[a-zçğıöşü])", "", n).strip(" ,") for n in names]
    return tuple(n for n in names if n and any(ch.isalpha() for ch in n)), et_al
