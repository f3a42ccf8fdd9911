"""What a claim's words say besides values and parties: event kind, bounds, negation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.facts import Qualifier
from claims.language import event_claim_words

# One ordered table: event kind -> what prints it. Nouns of agreements count only when named
# (capitalised), tied to a party ("agreement with Serbia") or signed in the same sentence, so a
# passing "agreement" in an opinion is not read as a signing.
_AGREEMENT_NOUN = r"(?:agreement|protocol|memorandum|treaty|accord)s?"
_SIGNED = re.compile(r"\b(?:signed|concluded|renewed|ratified)\b", re.IGNORECASE)
_SENT = r"(?:troops|battalions?|brigades?|forces?|soldiers|personnel|units?|contingents?|"
_SENT += r"frigates?|vessels?|ships?|officers?|teams?)"
_MISSIONS = r"(?:operations?|missions?|forces?|(?:K|S|I|EU|UNPRO)FOR)"

EVENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "agreement-signed",
        re.compile(rf"\b{_AGREEMENT_NOUN}\b", re.IGNORECASE),
    ),
    (
        "delivery",
        re.compile(rf"\b(?:{'|'.join(event_claim_words('delivery'))})\b", re.IGNORECASE),
    ),
    (
        "deployment",
        re.compile(
            rf"\b(?:deploy(?:ed|ment|ments|ing|s)?|sent\s+(?:\w+\s+){{0,3}}?{_SENT}|"
            rf"joined\s+(?:\w+\s+){{0,3}}?{_MISSIONS}|t(?:ook|ake|aking) part in|"
            rf"participat(?:ed|ing|es)\s+in\s+(?:\w+\s+){{0,4}}?{_MISSIONS})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "purchase",
        re.compile(
            r"\b(?:purchas(?:e|ed|es|ing)|acquir(?:e|ed|es|ing)|acquisitions?|bought|buy(?:s|ing)?|"
            r"ordered|contracts?|procur(?:e|ed|es|ing|ement))\b",
            re.IGNORECASE,
        ),
    ),
    ("visit", re.compile(r"\b(?:visit(?:s|ed|ing)?|met)\b", re.IGNORECASE)),
    (
        "command",
        re.compile(
            r"\b(?:t(?:ook|ake|akes|aking)|assum(?:ed|es|ing|e))\s+(?:over\s+)?(?:the\s+)?"
            r"(?:[\w-]+\s+)?command\b",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class FoundEvent:
    kind: str
    start: int
    end: int
    text: str


def find_events(text: str) -> list[FoundEvent]:
    """Every mention of an event in `text`, in order of position."""
    found = [
        FoundEvent(kind, match.start(), match.end(), match.group(0))
        for kind, pattern in EVENT_PATTERNS
        for match in pattern.finditer(text)
        if kind != "agreement-signed" or _is_agreement(text, match)
    ]
    return sorted(found, key=lambda e: (e.start, e.kind))


def _is_agreement(text: str, match: re.Match[str]) -> bool:
    """A named agreement, one with a party, or one signed in the same sentence."""
    if match.group(0)[0].isupper() and match.start() > 0:
        return True
    after = text[match.end() : match.end() + 6]
    return after.startswith(" with") or bool(_SIGNED.search(text))


_QUALIFIERS = (
    (Qualifier.MORE_THAN, re.compile(r"\b(?:more than|over|at least|above|in excess of)\s*$")),
    (Qualifier.LESS_THAN, re.compile(r"\b(?:less than|fewer than|under|up to|at most|below)\s*$")),
    (
        Qualifier.ABOUT,
        re.compile(r"\b(?:about|around|some|nearly|almost|roughly|approximately)\s*$"),
    ),
)
_NEGATION = re.compile(
    r"\b(?:(?:did|does|do|was|were|is|are|has|have|had|will|would|could|can)\s+not\b(?!\s+only)|"
    r"(?:did|does|do|was|were|is|are|has|have|had|wo|would|could|ca)n[’']t\b|cannot|never|"
    r"no longer)\b",
    re.IGNORECASE,
)
# A negation inside a clause like "As the dialogue did not progress, ..." sets the scene; it
# does not deny what the sentence claims.
_SUBORDINATE = re.compile(
    r"^\s*(?:as|while|although|though|whereas|if|because|since|when|unless|despite)\b",
    re.IGNORECASE,
)


def qualifier_before(text: str, start: int) -> Qualifier:
    """How the words just before `start` bound the figure there ("more than 1,500")."""
    before = text[max(0, start - 24) : start].lower()
    for qualifier, pattern in _QUALIFIERS:
        if pattern.search(before):
            return qualifier
    return Qualifier.EXACT


def is_negated(text: str) -> bool:
    """Whether a main clause of `text` is negated ("did not", "never", "no longer")."""
    return any(
        not _SUBORDINATE.match(clause) and _NEGATION.search(clause)
        for clause in re.split(r"[,;:]", text)
    )
