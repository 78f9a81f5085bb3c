"""The kit's vocabularies: each closed set of words written once, as a `StrEnum`.

A member is its own string ('agree' == Verdict.AGREE), so tables, CSV files and the cache hold
the plain words; code names the member, never the string.
"""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    """How an article's figure stands against the public record, decided once in `findings/`.

    The words a reader sees for each verdict are written in `report/`."""

    AGREE = "agree"
    """The figure's range meets the record's."""
    CLOSE = "close"
    """The ranges miss by at most `findings.verdicts.CLOSE_MARGIN` of the record."""
    DISAGREE = "disagree"
    """The ranges miss by more than that."""
    NO_RECORD = "no_record"
    """No independent record row was published before the article."""
