"""CSV files for a spreadsheet: a text cell is never read as a formula (CSV injection).

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
before one) as a formula, so an article quoting `=HYPERLINK("http://x","y")` would put a live
formula into `quotes.csv`. As OWASP advises, such a text cell is written with a leading `'`,
which spreadsheets show as text. Numbers are left as numbers.

The kit reads its own tables back (`findings.corpus`), so the escape is undone exactly: a cell
that starts with one or more `'` and then one of those characters gets one more `'` when
written and loses one when read, and every other cell is written as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

FORMULA = re.compile(r"'*[=+\-@\t\r]")
"""A text that a spreadsheet would run as a formula, or one already escaped (more `'` first)."""
ESCAPED = re.compile(r"'+[=+\-@\t\r]")
"""A cell `escape` wrote for such a text."""


def escape(text: str) -> str:
    """`text` as a spreadsheet cell that shows it and never runs it."""
    return f"'{text}" if FORMULA.match(text) else text


def unescape(text: str) -> str:
    """The text a cell written by `escape` holds."""
    return text[1:] if ESCAPED.match(text) else text


def safe_cells(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with every text cell escaped; number, flag and empty columns as they are."""
    return table.apply(lambda column: column.map(
        lambda cell: escape(cell) if isinstance(cell, str) else cell)
        if column.dtype == object or pd.api.types.is_string_dtype(column) else column)


def plain_number(value: float) -> str:
    """A number as a spreadsheet reads it: whole numbers without '.0' (48000000, 7.5)."""
    return str(int(value)) if float(value).is_integer() else format(value, ".15g")


def write_csv(table: pd.DataFrame, path: Path) -> Path:
    """Write `table` as a UTF-8 CSV file with a header row, safe for a spreadsheet; whole
    numbers without '.0'. Lines end in CRLF (RFC 4180), so a cell holding a lone carriage
    return is quoted rather than cut in two."""
    safe_cells(table).to_csv(path, index=False, encoding="utf-8", float_format=plain_number,
                             lineterminator="\r\n")
    return path
