"""The public record: troop estimates and casualty totals, loaded with checked types.

The CSV files in `data/reference/` (sources in `SOURCES.md` there) give every row its source
and a verbatim excerpt. A malformed row is an error naming the file and line. `check_figure`
compares an article's figure ("nearly 14,000") with the record nearest in time before a date.
"""

from __future__ import annotations

import csv
import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

import pandas as pd

from helpers.extract.figures import qualifier_meaning
from helpers.paths import REFERENCE_DIR, RULES_DIR

TROOP_FILE = REFERENCE_DIR / "troop_estimates.csv"
CASUALTY_FILE = REFERENCE_DIR / "casualty_totals.csv"
SOURCES_FILE = REFERENCE_DIR / "SOURCES.md"
RECORD_CATEGORIES_FILE = RULES_DIR / "en" / "figures" / "record_categories.csv"

QUALIFIER_MARGIN = 0.05
"""How far a qualified figure may lie from its number: 'nearly 14,000' reads as 13,300-14,000."""

CLOSE_MARGIN = 0.10
"""A figure whose range misses the record's by at most this share of the record is 'close'."""

T = TypeVar("T")

RECORD_COLUMNS = ["date", "low", "high", "what", "who", "source_title", "source_address",
                  "excerpt"]
"""Columns shared by both reference tables after `as_record`."""


@dataclass(frozen=True)
class TroopEstimate:
    """One published estimate of the Russian troops near Ukraine."""

    date_reported: date
    estimate_low: int
    estimate_high: int
    who_estimated: str
    scope: str
    source_title: str
    source_address: str
    excerpt: str
    notes: str = ""


@dataclass(frozen=True)
class CasualtyTotal:
    """One published casualty total (deaths or wounded since 2014) up to a date."""

    as_of: date
    category: str
    value_low: int
    value_high: int
    source_organisation: str
    source_title: str
    source_address: str
    excerpt: str
    notes: str = ""


@dataclass(frozen=True)
class Comparison:
    """An article figure set beside one record row, with the verdict and the numbers."""

    verdict: str
    article_low: float
    article_high: float
    record_low: float
    record_high: float
    gap: float
    relative_gap: float
    record_date: date
    who: str
    sentence: str


def _parse(value: str, kind: type, column: str, where: str) -> object:
    """`value` as `kind` (date, int or str), or a ValueError naming `where` and the column."""
    value = value.strip()
    if kind is date:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{where}: column {column!r} must be a date YYYY-MM-DD, got "
                             f"{value!r}. Fix the row.") from None
    if kind is int:
        if not re.fullmatch(r"\d+", value):
            raise ValueError(f"{where}: column {column!r} must be a whole number without "
                             f"separators (e.g. 150000), got {value!r}. Fix the row.")
        return int(value)
    return value


def read_records(path: Path, record: type[T]) -> list[T]:
    """Rows of a reference CSV as `record` dataclasses, every value checked."""
    fields = {field.name: field for field in dataclasses.fields(record)}
    types = {"date": date, "int": int, "str": str}
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        missing = [name for name, f in fields.items()
                   if f.default is dataclasses.MISSING and name not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}:1: header lacks column(s) {missing}.")
        records, line = [], reader.line_num + 1
        for row in reader:
            where = f"{path}:{line}"
            if None in row or any(value is None for value in row.values()):
                raise ValueError(f"{where}: wrong number of fields; expected "
                                 f"{len(reader.fieldnames or [])} (quote values with commas).")
            values = {name: _parse(row.get(name, ""), types[str(f.type)], name, where)
                      for name, f in fields.items()}
            _check_row(values, fields, where)
            records.append(record(**values))
            line = reader.line_num + 1
    return records


def _check_row(values: dict[str, object], fields: Mapping, where: str) -> None:
    """Required text present, and the low end of each range not above the high end."""
    for name, field in fields.items():
        if field.default is dataclasses.MISSING and values[name] == "":
            raise ValueError(f"{where}: column {name!r} is empty; every row needs it.")
    for low, high in (("estimate_low", "estimate_high"), ("value_low", "value_high")):
        if low in values and values[low] > values[high]:  # type: ignore[operator]
            raise ValueError(f"{where}: {low} {values[low]} is above {high} {values[high]}; "
                             f"swap them.")


def _frame(records: list, date_column: str) -> pd.DataFrame:
    table = pd.DataFrame([dataclasses.asdict(record) for record in records])
    table[date_column] = pd.to_datetime(table[date_column])
    return table


def troop_estimates(path: Path = TROOP_FILE) -> pd.DataFrame:
    """The published troop estimates, one row each, oldest first."""
    table = _frame(read_records(path, TroopEstimate), "date_reported")
    return table.sort_values("date_reported", kind="stable", ignore_index=True)


def casualty_totals(path: Path = CASUALTY_FILE) -> pd.DataFrame:
    """The published casualty totals by category, one row each, oldest first."""
    table = _frame(read_records(path, CasualtyTotal), "as_of")
    return table.sort_values("as_of", kind="stable", ignore_index=True)


def as_record(table: pd.DataFrame) -> pd.DataFrame:
    """Either reference table with the shared columns `RECORD_COLUMNS` (date, low, high …)."""
    if "date_reported" in table:
        renamed = table.rename(columns={"date_reported": "date", "estimate_low": "low",
                                        "estimate_high": "high", "who_estimated": "who"})
        renamed["what"] = "troops"
    else:
        renamed = table.rename(columns={"as_of": "date", "value_low": "low",
                                        "value_high": "high", "source_organisation": "who",
                                        "category": "what"})
    return renamed[RECORD_COLUMNS]


def record_category(unit: str) -> str:
    """The casualty category of the record to compare a figure counting `unit` with."""
    with RECORD_CATEGORIES_FILE.open(encoding="utf-8") as file:
        lines = [line for line in file if line.strip() and not line.startswith("#")]
    mapping = {row["unit"]: row["record_category"] for row in csv.DictReader(lines)}
    return mapping.get(unit.lower(), mapping.get("*", "total_deaths"))


def nearest_before(record: pd.DataFrame, before: date | None = None) -> pd.Series | None:
    """The latest record row dated on or before `before` (any date when None); None if none."""
    rows = record if before is None else record[record["date"] <= pd.Timestamp(before)]
    if rows.empty:
        return None
    return rows.sort_values("date", kind="stable").iloc[-1]


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
    }[qualifier_meaning(qualifier)]


def verdict(low: float, high: float, record_low: float, record_high: float
            ) -> tuple[str, float, float]:
    """('agree' | 'close' | 'disagree', gap, gap as a share of the record's middle)."""
    gap = max(record_low - high, low - record_high, 0.0)
    middle = (record_low + record_high) / 2
    relative = gap / middle if middle else math.inf
    if gap == 0:
        return "agree", gap, relative
    return ("close" if relative <= CLOSE_MARGIN else "disagree"), gap, relative


def compare(figure: Mapping, row: Mapping) -> Comparison:
    """Compare one article figure (a figures-table row) with one record row (`as_record`)."""
    low, high = implied_range(float(figure["value"]), str(figure["qualifier"]),
                              float(figure.get("high", math.nan)))
    result, gap, relative = verdict(low, high, float(row["low"]), float(row["high"]))
    record_text = span_text(row["low"], row["high"])
    when = pd.Timestamp(row["date"]).date()
    side = "" if gap == 0 else (" above" if low > row["high"] else " below")
    detail = "" if gap == 0 else f" ({gap:,.0f}, or {relative:.1%},{side} the record)"
    sentence = (f"The article's “{figure['text']}” (read as {span_text(low, high)}) "
                f"{VERDICT_WORDS[result]} the record of {record_text} ({row['who']}, "
                f"{when:%d %B %Y}){detail}.")
    return Comparison(result, low, high, float(row["low"]), float(row["high"]), gap, relative,
                      when, str(row["who"]), sentence)


VERDICT_WORDS = {"agree": "agrees with", "close": "is close to", "disagree": "disagrees with"}


def span_text(low: float, high: float) -> str:
    """A range in words: '14,200–14,400', '14,000', or '100,000 or more'."""
    if math.isinf(high):
        return f"{low:,.0f} or more"
    return f"{low:,.0f}" if round(low) == round(high) else f"{low:,.0f}–{high:,.0f}"


def check_figure(figure: Mapping, record: pd.DataFrame,
                 before: date | None = None) -> Comparison | None:
    """Compare a figure with the record row nearest in time before `before` (None: no row)."""
    row = nearest_before(as_record(record) if "low" not in record else record, before)
    return None if row is None else compare(figure, row)


def compare_all(figure: Mapping, record: pd.DataFrame) -> pd.DataFrame:
    """The figure beside every record row: date, who, record range, verdict, gap."""
    rows = as_record(record) if "low" not in record else record
    results = [compare(figure, row) for _, row in rows.iterrows()]
    return pd.DataFrame({
        "date": rows["date"].dt.date.to_list(),
        "who": rows["who"].to_list(),
        "record": [span_text(r.record_low, r.record_high) for r in results],
        "verdict": [r.verdict for r in results],
        "gap": [r.gap for r in results],
        "gap (%)": [round(100 * r.relative_gap, 1) for r in results],
    })


CHECKED_CATEGORIES = ("troops", "casualties")
"""Article figures that have a public record to be checked against."""


def record_for(figure: Mapping) -> pd.DataFrame:
    """The record rows (`as_record`) an article figure is comparable with; empty if none."""
    if figure["category"] == "troops":
        return as_record(troop_estimates())
    if figure["category"] == "casualties":
        record = as_record(casualty_totals())
        return record[record["what"] == record_category(str(figure["unit"]))]
    return as_record(troop_estimates()).iloc[0:0]


def checks(figures: pd.DataFrame, before: date | None = None) -> pd.DataFrame:
    """Each troop or casualty figure of the article beside the record nearest before `before`."""
    rows = []
    for _, figure in figures[figures["category"].isin(CHECKED_CATEGORIES)].iterrows():
        result = check_figure(figure, record_for(figure), before)
        if result is not None:
            if str(figure["time"]).startswith("previous") and result.verdict != "agree":
                result = dataclasses.replace(result, sentence=result.sentence + (
                    " The article calls it an earlier figure, so an older record may fit it: "
                    "see where it appears in the record."))
            rows.append({"Figure": figure["text"], "Counts": figure["category"],
                         "When": figure["time"], "Record": span_text(result.record_low,
                                                                     result.record_high),
                         "Record date": result.record_date, "Record source": result.who,
                         "Verdict": result.verdict, "Reading": result.sentence})
    columns = ["Figure", "Counts", "When", "Record", "Record date", "Record source", "Verdict",
               "Reading"]
    return pd.DataFrame(rows, columns=columns)


def matches(figure: Mapping) -> pd.DataFrame:
    """The record rows that agree with an article figure, oldest first."""
    record = record_for(figure)
    table = compare_all(figure, record)
    return table[table["verdict"] == "agree"].reset_index(drop=True)
