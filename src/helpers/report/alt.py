"""Alt text for every chart, written from the data the chart plots: what kind of chart, what
it plots, its range and the values a reader would look for."""

from __future__ import annotations

import pandas as pd

from helpers.report.figures import fact_label
from helpers.report.words import count, day, names, number, span
from helpers.stories.packs import RecordTable

MOST_NAMED = 8
"""Items named one by one in an alt text; the rest are counted."""


def _listed(items: list[str]) -> str:
    return names(items, most=MOST_NAMED)


def _article(mine: pd.DataFrame) -> str:
    listed = [f"“{row['text']}”" + (f" ({row['time']})" if row["time"] else "")
              for _, row in mine.iterrows()]
    return _listed(listed)


def timeline(table: RecordTable, rows: pd.DataFrame, mine: pd.DataFrame, finding: str,
             later: int = 0) -> str:
    """A timeline of a record table with the article's figures as lines; `later` of its rows
    were published after the article, and no check used them."""
    dates = rows["date"]
    text = (f"{finding}. Timeline chart of {count(len(rows), 'published figure')} for "
            f"{table.counts}, given from {day(dates.min().date())} to "
            f"{day(dates.max().date())}, ranging from {number(rows['low'].min())} to "
            f"{number(rows['high'].max())}.")
    if later:
        text += (f" {count(later, 'of them was', 'of them were')} published after the article"
                 f" (grey crosses) and not used in the check.")
    if not mine.empty:
        text += f" Dashed lines mark the article's {_article(mine)}."
    return text


def breakdown(table: RecordTable, record: pd.DataFrame, mine: pd.DataFrame,
              finding: str) -> str:
    """Bars of a record's total and its parts beside the article's figures."""
    text = f"{finding}. Bar chart of {table.counts}."
    if not record.empty:
        total = record[record["what"] == table.total].iloc[0]
        parts = [f"{table.parts[what]} {number(low)}" for what, low
                 in zip(record["what"], record["low"], strict=True) if what in table.parts]
        text += (f" The record's total to {day(total['date'].date())} is "
                 f"{span(total['low'], total['high'])}, made up of {_listed(parts)}.")
    if not mine.empty:
        text += f" The article's bar shows {_article(mine)}."
    return text


def amounts(rows: pd.DataFrame, finding: str) -> str:
    """The article's amounts of one thing, as bars from zero."""
    return (f"{finding}. Bar chart from zero, one bar per amount, largest first: "
            f"{_listed([fact_label(row) for _, row in rows.iterrows()])}.")


def bars(title: str, labels: list[str], values: list[int], unit: str) -> str:
    """Horizontal bars with their values: 'Joe Biden 119 words, ...'."""
    listed = [f"{label} {count(int(value), unit)}"
              for label, value in zip(labels, values, strict=True)]
    return f"{title}. Bar chart, longest first: {_listed(listed)}."


def mentions(entities: pd.DataFrame) -> str:
    """Bars of the most-mentioned actors, with their type."""
    labels = [f"{actor} ({kind})"
              for actor, kind in zip(entities["actor"], entities["type"], strict=True)]
    return bars("Most-mentioned actors", labels, list(entities["mentions"]), "mention")
