"""Statements printed as their own paragraphs: "Foreign Secretary Liz Truss said:", then her words.

Press releases, blogs and newspapers print a statement, a post or a tweet as a block after a
paragraph that introduces it and ends with a colon. Like a transcript turn, the block is the
speaker's own words, with or without quotation marks. Who speaks is read from the
introduction (by the quotes stage, which knows speech verbs and names): a name right before
the colon ("…, like Alessia Corcuera (@handle):"), else the subject of the last sentence's
main verb ("Zeinobia commented:", "X referred to the finding as follows:"); "he" in an
introduction right after a block is that block's speaker ("Also, he wrote:").

A block is the paragraph after the introduction and the ones after it that go on in the
speaker's voice. It ends before a paragraph that introduces another statement (ends with a
colon), names the speaker in the third person, reports what someone else said (a speech verb
with a third-person subject), is an item of a numbered list or a heading, or holds only
markup (an embedded tweet's bare '<tweet tweet-id="…"><tweet/>'), and after `MAX_BLOCK`
paragraphs. A block that opens with a quotation mark is left to the marks; one
in single marks (British ‘…’) runs while its paragraphs open with ‘.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from helpers.extract.marks import MARKUP_TAG
from helpers.extract.turns import Turn

if TYPE_CHECKING:
    from helpers.extract.marks import Marks
    from helpers.source.article import Article

INTRO_END = re.compile(r"(?:\s*(?:\([^)]*\)|\[[^\]]*\]))*\s*:\s*$")
"""The colon that ends an introduction, with any handles or language tags before it
('(@top_roping_ale) [es]:')."""
LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*])\s")
HEADING_WORDS = 20
"""A paragraph this short that does not end a sentence is a heading ('Notes to editors',
'Dr. Mandy Cohen, Director of the Centers for Disease Control and Prevention')."""
SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "’", "'", ")", "—", ":", ";")
LABEL_WORDS = 3
"""A first block paragraph this short without a full stop is a label, not a statement."""
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"
"""Single quotation marks: British copy prints a block statement in them, paragraph after
paragraph opening with ‘; such a block ends with the last paragraph that opens with one."""
MAX_BLOCK = 8
"""The most paragraphs one introduction gives to its speaker."""

Speaker = tuple[str, str, str]
"""(actor, as written, cue) of an introduction."""


def intro_end(paragraph: str) -> int | None:
    """Where an introduction's words end (before tags and the colon), or None when the
    paragraph does not end with a colon."""
    match = INTRO_END.search(paragraph)
    return match.start() if match else None


def _heading(paragraph: str, most: int = HEADING_WORDS) -> bool:
    words = paragraph.split()
    return len(words) <= most and not paragraph.rstrip().endswith(SENTENCE_ENDS)


def _only_markup(paragraph: str) -> bool:
    """True when a paragraph has no word outside its markup tags: it says nothing."""
    return re.search(r"\w", MARKUP_TAG.sub("", paragraph)) is None


def _opens_block(paragraph: str, known: Marks) -> bool:
    """True when a paragraph can open a block: not a quotation in marks, a list item, a
    label of a few words (a tweet without a full stop still opens one) or bare markup."""
    stripped = paragraph.lstrip()
    opens_with_mark = any(stripped.startswith(mark) for mark in known.opening + known.straight)
    return not (opens_with_mark or LIST_ITEM.match(paragraph)
                or _heading(paragraph, LABEL_WORDS) or _only_markup(paragraph))


def _inner(paragraph: str, start: int) -> tuple[int, int]:
    """A block paragraph's offsets without the single quotation marks around it (British
    style: ‘…’)."""
    left = len(paragraph) - len(paragraph.lstrip(" " + SINGLE_OPEN))
    right = len(paragraph.rstrip(" " + SINGLE_CLOSE))
    return start + left, start + max(left, right)


def _goes_on(paragraph: str, speaker: str, reports_other: bool) -> bool:
    """True when a later paragraph is still the speaker's statement."""
    surname = speaker.split()[-1] if speaker else ""
    names_speaker = bool(surname) and re.search(rf"\b{re.escape(surname)}\b", paragraph)
    return not (intro_end(paragraph) is not None or names_speaker or reports_other
                or LIST_ITEM.match(paragraph) or _heading(paragraph) or _only_markup(paragraph))


def find_blocks(article: Article, known: Marks,
                speaker_of: Callable[[int, int, Speaker | None], Speaker | None],
                reports_other: Callable[[int], bool]) -> list[Turn]:
    """Every paragraph of a block statement, as a turn of its speaker.

    `speaker_of(start, end, previous)` reads the speaker of the introduction whose words lie
    between those offsets (`previous`: the speaker of the block before, whom 'he' may stand
    for); `reports_other(n)` tells whether paragraph n (0-based) reports another speaker's
    words; `known` are the language's quotation marks.
    """
    found: list[Turn] = []
    paragraphs, starts = article.paragraphs, article.paragraph_starts
    number, previous = 0, None
    while number < len(paragraphs) - 1:
        end = intro_end(paragraphs[number])
        if end is None or not _opens_block(paragraphs[number + 1], known):
            number += 1
            continue
        speaker = speaker_of(starts[number], starts[number] + end, previous)
        number += 1
        if speaker is None:
            continue
        previous = speaker
        actor, written, cue = speaker
        first = number
        single = paragraphs[first].lstrip().startswith(tuple(SINGLE_OPEN))
        while number < len(paragraphs) and number - first < MAX_BLOCK and (
                number == first or (paragraphs[number].startswith(tuple(SINGLE_OPEN)) if single
                                    else _goes_on(paragraphs[number], actor,
                                                  reports_other(number)))):
            start, stop = _inner(paragraphs[number], starts[number])
            found.append(Turn(actor, written, "speaker", start, stop, number + 1, cue))
            number += 1
    return found
