"""Turns of a transcript or Q&A interview: who speaks each paragraph when the text says so.

A turn opens with a speaker label at the start of a paragraph: capitalised words and a colon
("THE PRESIDENT:", "MS. PSAKI:", "SENIOR ADMINISTRATION OFFICIAL:") or a bare "Q"/"A". It runs
over the following paragraphs until the next label; stage directions ("(Laughter.)") are
skipped, and a time stamp or an end mark ends it (`transcript_marks.csv`). A label counts only
when it names a speaker: it holds a title or an honorific, a name the text knows, or a word of
`turn_labels.csv`; "UPDATE:" or "NOTE:" open no turn. Questioners' turns are not quotes.

A label followed by a heading (capitals only, as in a news site's related-link line
"RUSSIA-UKRAINE: US SENDS MORE TROOPS: LIVE UPDATES", or a few words without a full stop) is
a heading, not a turn; it ends the turn before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from helpers.extract.actors import Actors
    from helpers.extract.ruleset import Rules
    from helpers.source.article import Article

LABEL = re.compile(r"^([A-Z][A-Z.'’\- ]{0,60}[A-Z.]|[QA]):\s*|^(Q)\s+(?=\S)")
"""A speaker label at the start of a paragraph: 'MS. PSAKI: ', 'Q: ', 'A: ', or a bare 'Q '
(a bare 'A' is the article: "A powerful earthquake ...")."""
MAX_LABEL_WORDS = 6
HEADING_WORDS = 8
"""A rest of this many words or fewer without punctuation makes a label line a heading."""
SPEECH_PUNCTUATION = set(".!?…—–-,;:\"“”")
ROLES = ("questioner", "answerer", "speaker")


@dataclass(frozen=True)
class Turn:
    """One speaker's words in one paragraph of a transcript (offsets into the article text)."""

    speaker: str
    """Who speaks: the actor the label names ('Jen Psaki'), the interviewee for an answer,
    else the label in lower case ('q')."""
    label: str
    """The label as printed ('MS. PSAKI', 'Q')."""
    role: str
    """One of ROLES, or 'name' for a label that names a person."""
    start: int
    end: int
    paragraph: int
    cue: str = ""
    """The speech verb that introduced a block statement ('said'); '' for a labelled turn."""


def _role(label: str, actors: Actors, rules: Rules) -> str:
    """The label's role, 'name' for a person it names, or '' when it names no speaker."""
    words = label.lower().replace(".", ". ").split()
    if not words or len(words) > MAX_LABEL_WORDS:
        return ""
    roles = rules.turn_labels
    if words[-1] in roles:
        return roles[words[-1]]
    lowered = " ".join(words)
    title_words = rules.title_vocabulary
    known = {part.lower() for name in actors.people() for part in name.split()}
    if any(w.rstrip(".") in title_words or w in title_words for w in words) or any(
            w in known for w in words) or words[-1] in actors.article.headline.lower().split():
        return "name"
    return "name" if lowered in rules.titles else ""


def find_turns(article: Article, actors: Actors, rules: Rules) -> list[Turn]:
    """Every turn paragraph of the article, in order (none when it is not a transcript)."""
    directions, ends = rules.transcript_marks
    found: list[Turn] = []
    current: tuple[str, str, str] | None = None
    for number, (paragraph, base) in enumerate(
            zip(article.paragraphs, article.paragraph_starts, strict=True), start=1):
        if any(pattern.fullmatch(paragraph) for pattern in ends):
            current = None
            continue
        if any(pattern.fullmatch(paragraph) for pattern in directions):
            continue
        match = LABEL.match(paragraph)
        offset = 0
        if match and _heading(paragraph[match.end():]):
            current = None
            continue
        if match:
            label = match.group(1) or match.group(2)
            role = _role(label, actors, rules)
            if role:
                speaker = (actors.label_speaker(label) if role in ("name", "speaker")
                           else label.lower())
                current, offset = (speaker, label, role), match.end()
        if current is not None and offset < len(paragraph):
            speaker, label, role = current
            if role == "answerer":
                speaker = actors.interviewee()
            found.append(Turn(speaker, label, role, base + offset, base + len(paragraph),
                              number))
    return found


def _heading(rest: str) -> bool:
    """True when the words after a label are a heading, not speech: capitals only, or a few
    words without any punctuation ('Visit cut short by rain')."""
    if any(c.isalpha() for c in rest) and not any(c.islower() for c in rest):
        return True
    words = rest.split()
    return 0 < len(words) <= HEADING_WORDS and not any(c in SPEECH_PUNCTUATION for c in rest)
