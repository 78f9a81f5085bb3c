"""Tables for reading: one styled-pandas helper for every table the pages show.

Text is left-aligned and wrapped (never cut), numbers are right-aligned with thousands
separators, there is no index column, yes/no flags read as words, a long table is folded
behind its title (`<details>`), and on a narrow screen the table scrolls sideways inside its
own focusable box instead of being cut off. Every cell is HTML-escaped: article text is shown,
never run.
"""

from __future__ import annotations

import base64
import hashlib
import html
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from slugify import slugify

from helpers.report.charts.image import DOWNLOADS
from helpers.report.words import count, number

FOLD_AFTER = 12
"""Tables with more rows than this are folded behind their title."""

FLAG_WORDS = {True: "yes", False: "no"}

DATA_DIR = "data"
"""The folder of a report that holds the CSV of each table its pages show."""

STYLES = [
    {"selector": "", "props": "border-collapse: collapse; margin: 0 0 1em; table-layout: auto;"
                              " font-size: 14px; line-height: 1.4;"},
    {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: bold;"
                                     " padding: 0 0 6px;"},
    {"selector": "th", "props": "text-align: left; vertical-align: bottom; padding: 6px 10px;"
                                " border-bottom: 2px solid #57606a; white-space: normal;"},
    {"selector": "td", "props": "text-align: left; vertical-align: top; padding: 6px 10px;"
                                " border-bottom: 1px solid #d0d7de; white-space: normal;"
                                " overflow-wrap: break-word; min-width: 5em; max-width: 40em;"},
]


@dataclass(frozen=True)
class ReaderTable:
    """A table ready to read: shown as HTML in JupyterLab and in the rendered pages."""

    frame: pd.DataFrame
    """The cells as shown (strings), in order, without an index."""
    caption: str
    html: str
    data: pd.DataFrame | None = None
    """The rows as values (numbers as numbers), for the table's CSV."""

    def _repr_html_(self) -> str:
        return self.html

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        if self.data is None or self.data.empty:
            return {"text/html": self.html}, {}
        csv = self.data.to_csv(index=False).encode("utf-8")
        return {"text/html": self.html}, {"text/html": {
            DOWNLOADS: {csv_path(self.caption): base64.b64encode(csv).decode("ascii")}}}

    def __repr__(self) -> str:
        return f"{self.caption} ({count(len(self.frame), 'row')})"


def cell_text(value: object) -> str:
    """A cell as a reader sees it: '150,000', '1.5', 'yes', '' for a missing value."""
    if isinstance(value, bool | np.bool_):
        return FLAG_WORDS[bool(value)]
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, numbers.Number):
        return number(float(value))
    return str(value)


def _is_number(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def csv_path(caption: str) -> str:
    """Where a page links the CSV of the table titled `caption`, in the report folder."""
    return f"{DATA_DIR}/{slugify(caption, max_length=60) or 'table'}.csv"


def reader_table(frame: pd.DataFrame, caption: str, empty: str, wide: tuple[str, ...] = (),
                 fold_after: int = FOLD_AFTER,
                 links: Mapping[str, Sequence[str]] | None = None) -> ReaderTable:
    """`frame` (already with reader's column names) as a table to read; `empty` is the
    sentence shown instead of a table with no rows.

    `wide` names the columns of running text (quotes, sentences), given room before they wrap
    so a phone scrolls the table rather than squeezing them to a word a line. `links` maps a
    column to one address per row: each of its cells links there (text and address escaped).
    """
    if frame.empty:
        return ReaderTable(frame, caption, f"<p>{html.escape(empty)}</p>")
    shown = frame.reset_index(drop=True).map(cell_text).astype(str)
    key = hashlib.sha1(f"{caption}{list(frame.columns)}{len(frame)}".encode()).hexdigest()[:8]
    styles = list(STYLES)
    for position, name in enumerate(frame.columns):
        if _is_number(frame[name]):
            styles.append({"selector": f"td.col{position}, th.col{position}",
                           "props": "text-align: right; white-space: nowrap;"})
        if name in wide:
            styles.append({"selector": f"td.col{position}", "props": "min-width: 16em;"})
    cells = shown.copy()
    for name, hrefs in (links or {}).items():
        cells[name] = [f'<a href="{html.escape(href)}">{html.escape(text)}</a>'
                       for text, href in zip(shown[name], hrefs, strict=True)]
    table = (cells.style.hide(axis="index").format(escape="html")
             .format(escape=None, subset=list(links or {})).set_uuid(key)
             .set_caption(html.escape(caption)).set_table_styles(styles).to_html())
    box = boxed(table, caption)
    if len(frame) > fold_after:
        box = (f"<details><summary>{html.escape(caption)} ({count(len(frame), 'row')})"
               f"</summary>{box}</details>")
    return ReaderTable(shown, caption, box, frame.reset_index(drop=True))


def boxed(table: str, caption: str) -> str:
    """A table's HTML in its own focusable box that scrolls sideways on a narrow screen (the
    page keeps its first column in view), with the "get the data" link to its CSV."""
    return (f'<div class="reader-table" role="region" aria-label="{html.escape(caption)}" '
            f'tabindex="0" style="overflow-x: auto; max-width: 100%;">{table}</div>'
            f'<p class="get-data">Get the data: <a href="{html.escape(csv_path(caption))}" '
            f'download>CSV</a></p>')
