"""The figures page's words and tables: each figure described, counted and made readable.

Verdicts against the record are not written here: they come from the findings
(`helpers.report.summary.check_sentence`), so every page gives the same one. What a reader
counts as one figure is decided here once (`facts`) and read by the tables, the overview chart
and the takeaways.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from helpers.extract.figures import (
    NOT_AMOUNTS,
    RANGE_QUALIFIER,
    qualifier_meaning,
)
from helpers.extract.ruleset import rules_for
from helpers.findings.findings import facts, in_prose
from helpers.report.anchors import evidence_href
from helpers.report.markdown import escape
from helpers.report.words import amount, count, names, verb
from helpers.rules import LANGUAGE

MEANINGS = {"below": "at or below", "around": "around", "above": "at or above",
            "at_most": "at most", "at_least": "at least", "range": "a range", "exact": "exact"}
"""What a qualifier says about the true value, in words."""


def category_label(category: str) -> str:
    """What a figure counts, for readers: 'lead_pipes' -> 'lead pipes', 'other' -> 'other'."""
    return str(category).replace("_", " ")


def fact_label(row: Mapping) -> str:
    """A fact in a few words, its money and scales as a reader writes them: '150,000 troops',
    'some 30 km (18 miles)', '2 to 3 people', '$16 million', '$100,000 or more', 'at least 1
    million people' (for 'millions of people')."""
    text = amount_label(row)
    qualifier = row["qualifier"] if row["qualifier"] != RANGE_QUALIFIER else ""
    if _vague(row):
        qualifier = ""  # the vague words are the amount: 'at least …' says it
    if qualifier and (qualifier.lower(), "after") in rules_for(LANGUAGE).qualifiers:
        text = f"{text} {qualifier}"
    elif qualifier:
        text = f"{qualifier} {text}"
    return f"{text} ({row['also']})" if row.get("also") else text


def amount_label(row: Mapping) -> str:
    """The amount of a fact with its unit, as a reader writes it: '$16 million', '30,000 to
    35,000 troops'; a vague amount by its lower bound ('at least 1 million people')."""
    text = amount(float(row["value"]), str(row["unit"]), _high(row))
    return f"at least {text}" if _vague(row) else text


def _high(row: Mapping) -> float:
    high = row.get("high")
    return math.nan if high is None or pd.isna(high) else float(high)


def _vague(row: Mapping) -> bool:
    """True for a vague amount ('millions'): not exact, and no range."""
    return not row.get("exact", True) and math.isnan(_high(row))


def describe(row: Mapping) -> str:
    """A figure in words: 'nearly 14,000 people (casualties, since 2014; Vladimir Putin)'."""
    details = ", ".join(part for part in (category_label(row["category"]), row["time"]) if part)
    source = f"; {row['source']}" if row["source"] else ""
    return f"{fact_label(row)} ({details}{source})"


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The article's facts as a table for readers, one row per fact, in text order."""
    shown = facts(table)
    return pd.DataFrame({
        "Paragraph": shown["paragraph"],
        "As written": [f"{text} ({also})" if also else text
                       for text, also in zip(shown["text"], shown["also"], strict=True)],
        "Counts": shown["category"].map(category_label),
        "Amount": [amount_label(row) for _, row in shown.iterrows()],
        "Approximate": [f"{q} ({MEANINGS[qualifier_meaning(q, rules_for(LANGUAGE))]})" if a else ""
                        for q, a in zip(shown["qualifier"], shown["approximate"], strict=True)],
        "When": shown["time"],
        "Who gives it": shown["source"],
    })


def counts(table: pd.DataFrame) -> pd.DataFrame:
    """Facts per category (what they count), most first, with readable headings."""
    shown = facts(table)
    summary = shown.groupby("category").size().rename("Figures").reset_index()
    summary = summary.sort_values(["Figures", "category"], ascending=[False, True],
                                  ignore_index=True)
    return pd.DataFrame({"Counts": summary["category"].map(category_label),
                         "Figures": summary["Figures"]})


def dates_sentence(table: pd.DataFrame) -> str:
    """The years and dates the article names, each once, with its paragraphs."""
    dates = table[table["category"].isin(NOT_AMOUNTS)] if not table.empty else table
    if dates.empty:
        return "The article names no years or dates."
    where = dates.groupby("text", sort=False)["paragraph"].apply(
        lambda paragraphs: names([str(p) for p in dict.fromkeys(paragraphs)], most=9))
    listed = "; ".join(f"{escape(text)} (paragraph{'s' if ' and ' in at else ''} {at})"
                       for text, at in where.items())
    return (f"The article names {count(len(where), 'year or date', 'years or dates')}, "
            f"kept as points in time and never added up or charted: {listed}.")


def summary(table: pd.DataFrame) -> str:
    """Findings in plain words: how many figures, what they count, which are approximate."""
    shown = facts(table)
    if shown.empty:
        return "The article gives no amounts, so there is nothing to count or check."
    parts = [f"{n} counting {label}" for label, n in counts(table).itertuples(index=False)]
    text = f"The article gives {count(len(shown), 'amount')} ({', '.join(parts)})."
    approximate = shown[shown["approximate"]]
    how = ", ".join(f"“{q}”" for q in dict.fromkeys(approximate["qualifier"]))
    sourced = int((shown["source"] != "").sum())
    text += (f" {len(approximate)} of them {verb(len(approximate), 'is', 'are')} approximate"
             f"{f' ({how})' if how else ''}; {sourced} {verb(sourced, 'is', 'are')} given to a "
             f"named source.")
    prose = table[[in_prose(row) for _, row in table.iterrows()]]
    if not prose.empty:
        words = names([f"“{text} {unit}”" for text, unit in zip(prose["text"], prose["unit"],
                                                                 strict=True)])
        text += f" Small counts written as words ({words}) are read as prose, not figures."
    return escape(text)


def attribution_list(table: pd.DataFrame) -> str:
    """Each fact with who gives it and the sentence it sits in, as a Markdown list."""
    lines = [f"- **{escape(describe(row))}** ([paragraph {row['paragraph']}]"
             f"({evidence_href(row['start'])})): {escape(row['sentence'])}"
             for _, row in facts(table).iterrows()]
    return "\n".join(lines) or "The article gives no figures, so there is no one to attribute."


def conversions(table: pd.DataFrame) -> str:
    """Each fact given in two units ('some 30 kilometers = 18 miles'), as a Markdown list."""
    linked = table[table["link"].notna()] if not table.empty else table
    if linked.empty:
        return "No number is given twice in two units."
    pairs = linked.groupby("link")["text"].apply(" = ".join)
    return "\n".join(f"- {escape(pair)}" for pair in pairs)
