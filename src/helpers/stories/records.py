"""The public record of a story: a pack's record tables, loaded with checked types.

Every table has the same columns (`RECORD_COLUMNS`): the date a figure was given, its low and
high ends, what it counts, who gave it, and the page it was read on (publisher, date, title,
address, a verbatim excerpt). A table may add columns of its own (the troop estimates keep the
`scope` of each estimate); they follow the shared ones. A malformed row is an error naming the
file and line.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

from helpers.rules import RuleError, read_table
from helpers.stories.packs import RecordTable

RECORD_COLUMNS = ["date", "low", "high", "what", "who", "publisher", "published", "title", "url",
                  "excerpt", "notes"]
REQUIRED = ("date", "low", "high", "what", "who", "publisher", "title", "url", "excerpt")


def _date(value: str, column: str, where: str) -> date | None:
    if not value and column == "published":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RuleError(f"{where}: column {column!r} must be a date YYYY-MM-DD, got {value!r}. "
                        f"Fix the row.") from None


def _whole(value: str, column: str, where: str) -> int:
    if not re.fullmatch(r"\d+", value):
        raise RuleError(f"{where}: column {column!r} must be a whole number without separators "
                        f"(e.g. 150000), got {value!r}. Fix the row.")
    return int(value)


@cache
def read_records(path: Path) -> pd.DataFrame:
    """The rows of one record file, oldest first, every value checked."""
    rows = []
    columns = list(RECORD_COLUMNS)
    for row in read_table(path, REQUIRED):
        where = f"{path}:{row.line}"
        columns += [column for column in row.values if column not in columns]
        values = {column: row.values.get(column, "") for column in columns}
        values["date"] = _date(values["date"], "date", where)
        values["published"] = _date(values["published"], "published", where)
        values["low"] = _whole(values["low"], "low", where)
        values["high"] = _whole(values["high"], "high", where)
        if values["low"] > values["high"]:
            raise RuleError(f"{where}: low {values['low']} is above high {values['high']}; "
                            f"swap them.")
        rows.append(values)
    table = pd.DataFrame(rows, columns=columns)
    table["date"] = pd.to_datetime(table["date"])
    table["published"] = pd.to_datetime(table["published"])
    table = table.astype({"low": "int64", "high": "int64"})
    return table.sort_values("date", kind="stable", ignore_index=True)


def records(table: RecordTable) -> pd.DataFrame:
    """The rows of a pack's record table (a copy: callers may filter and add columns)."""
    return read_records(table.path).copy()


def comparable(table: RecordTable, unit: str) -> pd.DataFrame:
    """The rows an article figure counting `unit` is compared with."""
    rows = records(table)
    what = table.compared_what(unit)
    return rows if what is None else rows[rows["what"] == what].reset_index(drop=True)
