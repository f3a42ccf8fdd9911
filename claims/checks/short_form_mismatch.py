"""short-form-mismatch: a short form that does not point where it says.

A short form sends the reader back to an earlier note: `Smith, supra note 12, at 40` to the
note that cites Smith in full, `Id. at 7` to the one authority of the note before, *Ibid.* to the
work cited just before. When notes are added, cut or moved in editing, these pointers are the
first to break, and a cite-checker must catch every one: the classic law review error. Fires
when `supra note N` names an author or title that note N does not cite (or there is no note N
before it), when `Id.` opens a note that follows a note citing several authorities (Id. can only
stand for one), and when *Ibid.* follows a note of commentary that cites nothing (a note of a
few words, "Rose, 97." or "Interview with the author.", is a short citation Ibid. may repeat).
Example: "Lessig, supra note 4, at 19" where note 4 cites only a Supreme Court case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.article import Article
from claims.findings import Finding, Severity, note_location
from sources.lines import fold
from sources.notes import Note, split_citations

# The printed forms are the field's conventions (Bluebook 4.1-4.2, Chicago 14.34); the note
# parser resolves short forms to their targets, this check asks whether the target fits.
_SUPRA = re.compile(r"\bsupra\s+note\s+(\d{1,4})\b(?!\s*[-–—&]|\s*(?:and|,\s*\d))", re.I)
_SIGNALS = re.compile(
    r"^(?:see(?:\s+also|\s+generally|,?\s+e\.g\.,?)?|cf\.|but\s+see|but\s+cf\.|accord|"
    r"compare|contra|e\.g\.,?)\s+",
    re.I,
)
_ID = re.compile(r"^id\.(?=\s|,|$)", re.I)
_IBID = re.compile(r"^\*?ibid\.?\*?(?=\s|,|$)", re.I)
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
# Words of a short form that name nothing: signals, pinpoint words, articles.
_FILLER = frozenset(
    {
        *("see", "also", "generally", "e.g", "cf", "but", "accord", "compare", "contra"),
        *("at", "the", "and", "of", "a", "an", "in", "on", "to", "for", "text", "accompanying"),
        *("note", "notes", "supra", "infra", "hereinafter", "above", "below", "noted"),
        *("sources", "source", "cited", "authorities", "cases", "discussion", "discussed"),
    }
)


def _words(text: str) -> set[str]:
    return {fold(w) for w in re.findall(r"[^\W\d_]{3,}", text)} - _FILLER


# A word as printed, with its apostrophes ("Dep't", "Ass'n") and a full stop after it ("Just.").
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(\.)?")


def _abbreviations(text: str, contractions_only: bool = False) -> set[str]:
    """The abbreviated words of `text`, folded without their marks: a word cut short and marked
    by a full stop ("Just.", "Univ.", "Dept.") or contracted with an apostrophe ("Dep't",
    "Comm'n"); with `contractions_only`, the apostrophe forms alone."""
    out = set()
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        contracted = "'" in word or "’" in word
        if contracted or (match.group(1) and not contractions_only):
            letters = fold(re.sub(r"[\W\d_]+", "", word))
            if len(letters) >= 2 and letters not in _FILLER:
                out.add(letters)
    return out


def _abbreviates(short: str, word: str) -> bool:
    """Whether `short` abbreviates `word` the two ways legal abbreviations are made (Bluebook
    T6): cut short ("just"/"justice", "univ"/"university") or contracted, keeping the first and
    the last letter and some between in order ("dept"/"department", "assn"/"association",
    "intl"/"international"). Written here because the rule is these few lines, not a lexicon;
    only marked abbreviations are read this way."""
    if len(word) <= len(short) or short[0] != word[0]:
        return False
    if word.startswith(short):
        return True
    if short[-1] != word[-1]:
        return False
    rest = iter(word[1:-1])
    return all(letter in rest for letter in short[1:-1])


# Where the citation before a `supra` begins: after a semicolon, after a full stop that ends
# a sentence (a word of four small letters, or a closing bracket or quote, before it), or after
# any full stop followed by a citation signal ("... the Bank is. See Jefferson, supra note 4") —
# not after an abbreviation ("Univ. of Chi., supra note 9").
_CITATION_START = re.compile(
    r"(?:;|(?<=[a-z]{4})\.|(?<=[)\]”\"])\.|\.(?=\s+\*?(?:See|Cf\.|But\s|Accord|Compare|Contra)))\s+"
)


def _cites_any(named: set[str], text: str, shortened: set[str] = frozenset()) -> bool:
    """Whether `text` names one of the words; spaces aside, since a PDF's small capitals often
    lose them ("FIDUCIARIESOFHUMANITY", "SeeGeistfeld"); an abbreviated word of the short form
    (`shortened`) names a word it abbreviates ("Dept. of Just." / "Department of Justice"), and
    a word the short form spells out names its contraction in `text` ("Dep't"). The cut-short
    forms of `text` are not read so: its reporters and journals ("Ct.", "Rev.", "Stat.") would
    otherwise stand for any name beginning with those letters."""
    cited = _words(text)
    if named & cited:
        return True
    if any(_abbreviates(a, w) for a in shortened for w in cited):
        return True
    if any(_abbreviates(a, w) for a in _abbreviations(text, True) for w in named):
        return True
    solid = fold(re.sub(r"[\W\d_]+", "", text))
    return any(len(w) >= 4 and w in solid for w in named) or any(
        len(w) >= 5 and w in name for w in _words(text) for name in named
    )


def _segment_before(text: str, end: int) -> str:
    """The part of the note's text that names what `supra` refers to."""
    starts = [m.end() for m in _CITATION_START.finditer(text, 0, end)]
    return _SIGNALS.sub("", text[starts[-1] if starts else 0 : end].strip())


def _finding(note: Note, article: Article, message: str, evidence: dict) -> Finding:
    return Finding(
        kind="short-form-mismatch",
        severity=Severity.WARNING,
        message=f"{note.name}: {message}",
        notes=(note.number,),
        location=note_location(article, note.number),
        evidence={"note": note.number, "note_text": note.text, **evidence},
    )


def _supra(note: Note, article: Article, earlier: dict[str, tuple[Note, str]]) -> Iterator[Finding]:
    for match in _SUPRA.finditer(note.text):
        label = match.group(1)
        segment = _segment_before(note.text, match.start()).rstrip(" ,")
        named = _words(segment) | _abbreviations(segment)
        words = re.findall(r"[^\W\d_]{3,}", segment)
        if not any(w[:1].isupper() and fold(w) in named for w in words):
            # "see supra note 12", "sources cited supra note 8": a cross-reference to what a
            # note discusses, not a short citation naming its author or title.
            continue
        target, cites = earlier.get(label) or (None, "")
        if target is None and label == (note.label or str(note.number)):
            # "Siegel, supra note 92" inside note 92, after its own full citation of Siegel
            target, cites = note, note.text[: match.start()]
        printed = f"{segment}, {match.group(0)}"
        if target is None:
            yield _finding(
                note,
                article,
                f"“{printed}” points to note {label}, but no earlier note has that number; "
                "correct the note number",
                {"supra": int(label), "named": sorted(named)},
            )
        elif not _cites_any(named, cites, _abbreviations(segment)):
            yield _finding(
                note,
                article,
                f"“{printed}”, but {target.name} does not cite {segment}; "
                "the note number may have shifted in editing",
                {"supra": int(label), "named": sorted(named), "target_text": target.text},
            )


def _full_citations(note: Note) -> int:
    """Dated authorities in the note: its parts as the note parser splits them, with a year and
    not themselves short forms (counted from the text, so a field the parser missed counts)."""
    parts = (_SIGNALS.sub("", part.strip()) for part in split_citations(note.text))
    return sum(1 for part in parts if _YEAR.search(part) and not _ID.match(part))


# Commentary is prose: a sentence of at least this many words of letters. A shorter note with
# no parsed citation is a citation all the same: a short form ("Rose, 97."), an interview or a
# letter ("Interview with Daley and Barish."), which Ibid. may well repeat.
COMMENTARY_WORDS = 8


def _is_commentary(note: Note) -> bool:
    """Whether the note cites no work: no citation, URL or year, and a sentence of prose."""
    if note.citations or note.urls or _YEAR.search(note.text):
        return False
    return len(re.findall(r"[^\W\d_]{2,}", note.text)) >= COMMENTARY_WORDS


def _after(note: Note, previous: Note, article: Article) -> Iterator[Finding]:
    opening = _SIGNALS.sub("", note.text.lstrip())
    if _ID.match(opening) and _full_citations(previous) >= 2:
        yield _finding(
            note,
            article,
            f"opens with “Id.”, but {previous.name} cites {_full_citations(previous)} "
            "authorities, so “Id.” could mean any of them; give the short form of the one meant",
            {"previous": previous.number, "previous_text": previous.text},
        )
    elif _IBID.match(opening) and _is_commentary(previous):
        yield _finding(
            note,
            article,
            f"opens with “Ibid.”, but {previous.name} cites no work; give the citation in full",
            {"previous": previous.number, "previous_text": previous.text},
        )


def check(article: Article) -> Iterator[Finding]:
    # Per section, each note by its printed label with the text of what it cites: its own
    # text, and for a note opening with Id. or Ibid. the text of the note it stands for.
    earlier: dict[str | None, dict[str, tuple[Note, str]]] = {}
    previous: Note | None = None
    cites = ""
    for note in article.notes:
        in_section = earlier.setdefault(note.section, {})
        yield from _supra(note, article, in_section)
        same_section = previous is not None and previous.section == note.section
        if previous is not None and same_section:
            yield from _after(note, previous, article)
        opening = _SIGNALS.sub("", note.text.lstrip())
        repeats = same_section and (_ID.match(opening) or _IBID.match(opening))
        cites = f"{note.text} {cites}" if repeats else note.text
        in_section[note.label or str(note.number)] = (note, cites)
        previous = note
