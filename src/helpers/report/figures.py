"""The figures page's words and tables: each figure described, counted and made readable.

Verdicts against the record are not written here: they come from the findings
(`helpers.report.summary.check_sentence`), so every page gives the same one.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers.extract.figures import NOT_AMOUNTS, RANGE_QUALIFIER
from helpers.report.words import count, number


def counts(table: pd.DataFrame) -> pd.DataFrame:
    """Figures per category (what they count), most first."""
    summary = table.groupby("category").size().rename("figures").reset_index()
    return summary.sort_values(["figures", "category"], ascending=[False, True],
                               ignore_index=True)


def describe(row: Mapping) -> str:
    """A figure in words: 'nearly 14,000 people (casualties, since 2014; Vladimir Putin)'."""
    value = f"{row['value']:.10g}" if row["category"] in NOT_AMOUNTS else number(row["value"])
    high = row.get("high")
    if high is not None and not pd.isna(high):
        value += f" to {number(high)}"
    words = " ".join(part for part in (row["qualifier"] if row["qualifier"] != RANGE_QUALIFIER
                                      else "", value, row["unit"]) if part)
    details = ", ".join(part for part in (row["category"], row["time"]) if part)
    source = f"; {row['source']}" if row["source"] else ""
    return f"{words} ({details}{source})"


READABLE_COLUMNS = {
    "text": "Figure", "value": "Value", "high": "Up to", "unit": "Unit", "category": "Counts",
    "qualifier": "Qualifier", "time": "When", "source": "Who gives it",
    "paragraph": "Paragraph", "link": "Conversion link",
}
"""Figures-table columns shown to readers, and their headings."""


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The figures table with reader-friendly headings and blanks for missing values."""
    shown = table[list(READABLE_COLUMNS)].rename(columns=READABLE_COLUMNS)
    shown["Up to"] = shown["Up to"].map(lambda v: "" if pd.isna(v) else number(v))
    shown["Conversion link"] = shown["Conversion link"].map(lambda v: "" if pd.isna(v) else v)
    shown["Value"] = [f"{v:.10g}" if c in NOT_AMOUNTS else number(v)
                      for v, c in zip(table["value"], table["category"], strict=True)]
    return shown


def summary(table: pd.DataFrame) -> str:
    """Findings in plain words: how many figures, what they count, which are approximate."""
    if table.empty:
        return "The article gives no numbers at all, so there is nothing to count or check."
    amounts = table[~table["category"].isin(NOT_AMOUNTS)]
    dates = table[table["category"].isin(NOT_AMOUNTS)]
    parts = [f"{n} counting {category if category != 'other' else 'something else'}"
             for category, n in counts(amounts).itertuples(index=False)]
    text = (f"The article gives {count(len(table), 'number')}: {count(len(amounts), 'amount')}"
            f"{' (' + ', '.join(parts) + ')' if parts else ''} and "
            f"{count(len(dates), 'date')}.")
    approximate = amounts[amounts["approximate"]]
    if not amounts.empty:
        how = ", ".join(f"“{q}”" for q in dict.fromkeys(approximate["qualifier"]))
        sourced = int((amounts["source"] != "").sum())
        text += (f" {len(approximate)} of the amounts are approximate{f' ({how})' if how else ''}"
                 f"; {sourced} {'is' if sourced == 1 else 'are'} given to a named source.")
    return text
