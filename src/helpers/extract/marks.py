"""Quotation marks: which characters open and close a quote, and the quoted stretches of text.

The marks of a language are a rule file (`data/rules/<lang>/quote_marks.csv`, read once as
`Rules.marks`). A paragraph is scanned on its own, so a missing mark never swallows the rest
of the article: an opening mark left open ends at the paragraph's end, and a closing mark with
no opening one is reported with its start unknown (the quote extractor decides where it
begins). Marks inside a markup tag ('<tweet author="X">', as pages pasted into text
files keep them) quote nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Marks:
    """The quotation marks of one language, by role, and where a straight mark may stand."""

    opening: tuple[str, ...]
    """Marks that only ever open a quote (one character, or two: ``)."""
    closing: tuple[str, ...]
    """Marks that only ever close one."""
    straight: tuple[str, ...]
    """Marks that open and close (read by the characters around them): " and ''."""
    opens_after: str
    """Characters after which a straight mark opens a quote (a space, a dash, a bracket)."""
    closes_before: str
    """Characters before which a straight mark closes one (a space, a comma, a full stop)."""

    @property
    def all(self) -> str:
        """Every character that is or is part of a quotation mark."""
        return "".join(dict.fromkeys("".join(self.opening + self.closing + self.straight)))

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Any mark, the longest first (so '' is one mark, not two apostrophes)."""
        every = sorted(self.opening + self.closing + self.straight, key=len, reverse=True)
        return re.compile("|".join(re.escape(mark) for mark in every))


@dataclass(frozen=True)
class Stretch:
    """Quoted text in one paragraph: character offsets inside the paragraph (marks excluded).

    `start` is None when the closing mark has no opening one; `after` is where the previous
    quote of the paragraph closed (the earliest the quote can start); `runs_to_end` is True
    when an opening mark is never closed.
    """

    start: int | None
    end: int
    after: int
    runs_to_end: bool


MARKUP_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
"""An HTML or XML tag: its attribute values are in straight marks, but no one says them."""
ROLES = ("open", "close", "straight")
"""The roles of a mark in quote_marks.csv."""


def mark_kind(text: str, index: int, is_open: bool, known: Marks, width: int = 1) -> str:
    """'open', 'close' or '' for the mark of `width` characters at `index` (straight marks
    read by context)."""
    mark = text[index:index + width]
    if mark in known.opening:
        return "open"
    if mark in known.closing:
        return "close"
    if mark not in known.straight:
        return ""
    before = text[index - 1] if index else " "
    after = text[index + width] if index + width < len(text) else " "
    if not is_open and (before.isspace() or before in known.opens_after) and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in known.closes_before):
        return "close"
    return ""


def stretches(paragraph: str, known: Marks) -> list[Stretch]:
    """The quoted stretches of one paragraph, in order (one pass over its marks), leaving out
    the marks inside markup tags."""
    found: list[Stretch] = []
    opened: int | None = None
    last_close = 0
    tags = [tag.span() for tag in MARKUP_TAG.finditer(paragraph)]
    tag = 0
    for match in known.pattern.finditer(paragraph):
        index, width = match.start(), match.end() - match.start()
        while tag < len(tags) and tags[tag][1] <= index:
            tag += 1
        if tag < len(tags) and tags[tag][0] <= index:
            continue
        kind = mark_kind(paragraph, index, opened is not None, known, width)
        if kind == "open":
            if opened is not None:
                found.append(Stretch(opened, index, last_close, False))
            opened = index + width
        elif kind == "close":
            found.append(Stretch(opened, index, last_close, False))
            opened, last_close = None, index + width
    if opened is not None:
        found.append(Stretch(opened, len(paragraph), last_close, True))
    return found
