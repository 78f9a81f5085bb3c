"""Quotation marks: which characters open and close a quote, and the quoted stretches of text.

The marks of a language are a rule file (`data/rules/<lang>/quote_marks.csv`), read once. A
paragraph is scanned on its own, so a missing mark never swallows the rest of the article: an
opening mark left open ends at the paragraph's end, and a closing mark with no opening one is
reported with its start unknown (the quote extractor decides where it begins).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from helpers.rules import LANGUAGE, rule_path, rule_table


@dataclass(frozen=True)
class Marks:
    """The quotation marks of one language, by role, and where a straight mark may stand."""

    opening: str
    """Marks that only ever open a quote."""
    closing: str
    """Marks that only ever close one."""
    straight: str
    """Marks that open and close (read by the characters around them)."""
    opens_after: str
    """Characters after which a straight mark opens a quote (a space, a dash, a bracket)."""
    closes_before: str
    """Characters before which a straight mark closes one (a space, a comma, a full stop)."""

    @property
    def all(self) -> str:
        """Every character that can be a quotation mark."""
        return self.opening + self.closing + self.straight


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


ROLES = ("open", "close", "straight")
"""The roles of a mark in quote_marks.csv."""


@cache
def marks(language: str = LANGUAGE) -> Marks:
    """The quotation marks of `language`, from its rule files."""
    roles: dict[str, str] = {role: "" for role in ROLES}
    path = rule_path("quote_marks.csv", language)
    for row in rule_table("quote_marks.csv", ("mark", "role"), language):
        if row["role"] not in roles or len(row["mark"]) != 1:
            raise ValueError(f"{path}:{row.line}: a mark is one character and its role one of "
                             f"{', '.join(ROLES)}; got {row.values}.")
        roles[row["role"]] += row["mark"]
    sides = {row["side"]: row["characters"]
             for row in rule_table("quote_mark_context.csv", ("side", "characters"), language)}
    return Marks(roles["open"], roles["close"], roles["straight"],
                 sides.get("opens_after", ""), sides.get("closes_before", ""))


def mark_kind(text: str, index: int, is_open: bool, language: str = LANGUAGE) -> str:
    """'open', 'close' or '' for the character at `index` (straight marks read by context)."""
    known = marks(language)
    char = text[index]
    if char in known.opening:
        return "open"
    if char in known.closing:
        return "close"
    if char not in known.straight:
        return ""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if not is_open and (before.isspace() or before in known.opens_after) and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in known.closes_before):
        return "close"
    return ""


def stretches(paragraph: str, language: str = LANGUAGE) -> list[Stretch]:
    """The quoted stretches of one paragraph, in order."""
    found: list[Stretch] = []
    opened: int | None = None
    last_close = 0
    for index in range(len(paragraph)):
        kind = mark_kind(paragraph, index, opened is not None, language)
        if kind == "open":
            if opened is not None:
                found.append(Stretch(opened + 1, index, last_close, False))
            opened = index
        elif kind == "close":
            start = None if opened is None else opened + 1
            found.append(Stretch(start, index, last_close, False))
            opened, last_close = None, index + 1
    if opened is not None:
        found.append(Stretch(opened + 1, len(paragraph), last_close, True))
    return found
