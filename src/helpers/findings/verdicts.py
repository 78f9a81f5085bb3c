"""How an article's figure stands against one row of the public record: the numbers only.

A figure is read as the range its qualifier allows ("nearly 14,000" -> 13,300 to 14,000); it
agrees with a record row when the two ranges meet, is close when the gap is at most
`CLOSE_MARGIN` of the record's middle, and disagrees otherwise. A figure more than
`SCOPE_RATIO` times larger or smaller than a row counts something else (one state's share of a
national sum, a month of a year) and is not set beside it at all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from helpers.extract.figures import qualifier_meaning
from helpers.extract.ruleset import rules_for
from helpers.rules import LANGUAGE
from helpers.vocab import Verdict

QUALIFIER_MARGIN = 0.05
"""How far a qualified figure may lie from its number: 'nearly 14,000' reads as 13,300-14,000."""

CLOSE_MARGIN = 0.10
"""A figure whose range misses the record's by at most this share of the record is CLOSE."""

SCOPE_RATIO = 10.0
"""A figure and a row further apart than this factor count different things."""

@dataclass(frozen=True)
class Comparison:
    """An article figure set beside one record row: the verdict and the numbers behind it."""

    verdict: Verdict
    """AGREE, CLOSE or DISAGREE (NO_RECORD is for a figure with no row)."""
    article_low: float
    article_high: float
    record_low: float
    record_high: float
    gap: float
    """How far apart the two ranges are (0 when they overlap)."""
    relative_gap: float
    """The gap as a share of the middle of the record's range."""
    record_date: date
    who: str
    """Who gave the record's figure ('Pentagon')."""
    publisher: str
    """Who published it, to name as the source ('Reuters')."""
    published: date | None
    url: str = ""
    """The address of the page the record's figure was read on."""
    same_source: bool = False
    """The row reports the article's own source for the figure (Biden's figure against Biden's
    remarks): it repeats the claim, it does not confirm it."""

    @property
    def same_scope(self) -> bool:
        """True when the figure and the row are within SCOPE_RATIO of each other."""
        small = min(self.article_low, self.record_low)
        large = max(self.article_high, self.record_high)
        return small > 0 and large / small <= SCOPE_RATIO

    @property
    def side(self) -> str:
        """'above' or 'below' the record when they differ, else ''."""
        if self.gap == 0:
            return ""
        return "above" if self.article_low > self.record_high else "below"


def implied_range(
    value: float, qualifier: str = "", high: float = math.nan
) -> tuple[float, float]:
    """The values a figure allows: 'nearly 14,000' -> (13,300, 14,000); a range as given."""
    if not math.isnan(high):
        return value, high
    margin = value * QUALIFIER_MARGIN
    return {
        "exact": (value, value),
        "below": (value - margin, value),
        "around": (value - margin, value + margin),
        "above": (value, value + margin),
        "at_most": (0.0, value),
        "at_least": (value, math.inf),
        "range": (value, value),
    }[qualifier_meaning(qualifier, rules_for(LANGUAGE))]


def verdict(low: float, high: float, record_low: float, record_high: float
            ) -> tuple[Verdict, float, float]:
    """(AGREE | CLOSE | DISAGREE, gap, gap as a share of the record's middle)."""
    gap = max(record_low - high, low - record_high, 0.0)
    middle = (record_low + record_high) / 2
    relative = gap / middle if middle else math.inf
    if gap == 0:
        return Verdict.AGREE, gap, relative
    close = relative <= CLOSE_MARGIN
    return (Verdict.CLOSE if close else Verdict.DISAGREE), gap, relative


TITLES = frozenset({"President", "Vice", "Secretary", "Minister", "General", "Gen", "Ambassador",
                    "Senator", "Sen", "Rep", "Mr", "Mrs", "Ms", "Dr", "Prime", "Chief"})
"""Words of a name that are titles, not the person ('President Biden' is Biden)."""


def same_source(source: str, who: str) -> bool:
    """True when the record row was given by the person or body that gives the article's
    figure (`source`): the row's giver (`who` up to a parenthesis or comma: 'President Biden
    (White House remarks)') ends with the source's surname, or is the source's whole name. A
    'Biden administration official' is someone else."""
    names = [word for word in re.findall(r"[A-Z][\w'-]+", source) if word not in TITLES]
    giver = re.split(r"[(,]", who, maxsplit=1)[0].strip()
    if not names or not giver:
        return False
    return giver.split()[-1] == names[-1] or giver.lower() == source.strip().lower()


def compare(figure: Mapping, row: Mapping) -> Comparison:
    """Compare one article figure (a figures-table row) with one record row."""
    high = figure.get("high", math.nan)
    low, high = implied_range(float(figure["value"]), str(figure["qualifier"]),
                              math.nan if pd.isna(high) else float(high))
    result, gap, relative = verdict(low, high, float(row["low"]), float(row["high"]))
    published = row.get("published")
    source = figure.get("source", "")
    return Comparison(result, low, high, float(row["low"]), float(row["high"]), gap, relative,
                      pd.Timestamp(row["date"]).date(), str(row["who"]), str(row["publisher"]),
                      None if pd.isna(published) else pd.Timestamp(published).date(),
                      str(row.get("url", "")),
                      same_source(str(source) if isinstance(source, str) else "", str(row["who"])))
