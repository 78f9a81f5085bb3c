"""Charts of an article's figures beside its story's public record, in the house style.

Every function takes tables (the figures table, a pack's record rows) and returns a matplotlib
Figure; none parses text. A pack's manifest says how each record table is charted:

- `timeline`: each published figure at its date (a bar where a source gave a range), the
  article's figures of the same category as dashed lines;
- `breakdown`: the record's total and its parts at the latest date that has them all, beside
  the article's figures.

`record_charts` gives the charts of one analysis by name; `amounts_chart` plots the amounts of
any article that count one thing (one chart per thing counted, each on its own axis from zero:
troops, kilometres and dollars never share one); `record_images` and `amounts_images` give them
as images with alt text.
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from helpers.findings.findings import drawn, facts, published_by
from helpers.report import alt, style
from helpers.report.charts.image import Chart
from helpers.report.figures import category_label, fact_label
from helpers.report.words import count, day, number, short_number, span
from helpers.stories.records import records

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from helpers.analysis import Analysis
    from helpers.stories.packs import RecordTable

TIME_COLOURS = {"now": style.PALETTE["vermillion"], "previous": style.PALETTE["orange"]}
"""Colour of an article figure by its time ('previous estimate' counts as previous)."""

MOST_SOURCES = 4
"""Publishers named in a chart's source line; the rest are counted."""


def figure_label(row: pd.Series) -> str:
    """A short label for an article figure: '“nearly 14,000” people, since 2014'."""
    words = f"“{row['text']}”"
    if row["unit"] and str(row["unit"]).lower() not in str(row["text"]).lower():
        words += f" {row['unit']}"
    return ", ".join(part for part in (words, row["time"]) if part)


def article_figures(figures: pd.DataFrame, category: str) -> pd.DataFrame:
    """The article's figures counting `category`, largest first."""
    if figures.empty:
        return figures
    chosen = drawn(figures[figures["category"] == category])
    return chosen.sort_values("value", ascending=False, kind="stable")


def sources_line(rows: pd.DataFrame, article: str) -> str:
    """'9 published figures: Interfax-Ukraine (6 Dec 2021); The National (24 Jan 2022) …'."""
    named = []
    for publisher, group in rows.groupby("publisher", sort=False):
        dates = group["published"].fillna(group["date"])
        named.append(f"{publisher} ({day(dates.iloc[0].date())})")
    shown = "; ".join(named[:MOST_SOURCES])
    rest = len(named) - MOST_SOURCES
    more = f"; and {count(rest, 'other publisher')}" if rest > 0 else ""
    return f"{count(len(rows), 'published figure')}: {shown}{more}.\nArticle: {article}"


def _time_colour(time: str) -> str:
    key = "previous" if time.startswith("previous") else time
    return TIME_COLOURS.get(key, style.PALETTE["purple"])


def _key(label: str, rows: pd.DataFrame) -> str:
    """A legend label, or one the legend leaves out ('_…') when nothing is drawn with it."""
    return label if not rows.empty else f"_{label}"


def timeline_chart(table: RecordTable, figures: pd.DataFrame, article: str,
                   finding: str = "", as_of: date | None = None) -> Figure:
    """The record's figures over time (points, ranges as bars), the article's marked.

    `finding` (what the chart shows, in a sentence) heads the chart above the table's title.
    The article's figures are dashed lines labelled in the right margin, clear of the points.
    Rows published after the article's date `as_of` are grey crosses: no check used them.
    """
    every = records(table)
    fig, ax = style.new_figure(table.title, "Date the figure was given", table.y_label,
                               sources_line(every, article))
    style.set_finding(fig, finding)
    later = every[~published_by(every, as_of)]
    if not later.empty:
        ax.scatter(later["date"], (later["low"] + later["high"]) / 2, marker="x",
                   color=style.PALETTE["grey"], s=28, zorder=3,
                   label="Published after the article: not used", gid="record later")
    rows = every.drop(index=later.index)
    planned = rows[rows["what"].isin(table.projections)]
    ax.scatter(planned["date"], (planned["low"] + planned["high"]) / 2, facecolors="none",
               edgecolors=style.PALETTE["grey"], s=36, zorder=3,
               label=_key("Projection, not a count", planned), gid="record projection")
    rows = rows.drop(index=planned.index)
    ranged = rows[rows["high"] > rows["low"]]
    ax.vlines(ranged["date"], ranged["low"], ranged["high"], color=style.PALETTE["blue"],
              linewidth=3, alpha=0.6, label=_key("Range given by a source", ranged),
              gid="record range")
    middle = (rows["low"] + rows["high"]) / 2
    ax.scatter(rows["date"], middle, color=style.PALETTE["blue"], s=28, zorder=3,
               label=_key("Published figure", rows), gid="record")
    mine = article_figures(figures, table.category)
    for _, row in mine.iterrows():
        colour = _time_colour(str(row["time"]))
        ax.axhline(row["value"], color=colour, linestyle="--", linewidth=1.2,
                   gid="article figure")
        ax.annotate(f"Article: {figure_label(row)}", (1.0, row["value"]),
                    xycoords=("axes fraction", "data"), xytext=(4, 0),
                    textcoords="offset points", fontsize=8, color=colour, va="center",
                    gid="article label")
    ax.set_ylim(0, max([*every["high"], *mine["value"], 1]) * 1.15)
    ax.yaxis.set_major_formatter(style.thousands)
    _date_axis(ax, every["date"])
    ax.legend(loc="lower left", bbox_to_anchor=(1.0, 0.0), fontsize=8, frameon=False)
    return fig


def _date_axis(ax: Axes, dates: pd.Series) -> None:
    """Month ticks ('Nov' over '2021') for a record of up to three years, from the first month
    of the record so its first points have a label, else year ticks; at most about six, so
    the labels never run together."""
    months = (dates.max().year - dates.min().year) * 12 + dates.max().month - dates.min().month
    if months <= 36:
        ax.set_xlim(left=mdates.date2num(dates.min().replace(day=1)))
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=max(1, math.ceil(months / 6))))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    else:
        ax.xaxis.set_major_locator(mdates.YearLocator(max(1, math.ceil(months / 72))))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def latest_breakdown(table: RecordTable, as_of: date | None = None) -> pd.DataFrame:
    """The total and its parts on the latest date that has every part, of the rows published
    by the article's date `as_of` (the rows its check reads)."""
    rows = records(table)
    rows = rows[published_by(rows, as_of)]
    parts = rows[rows["what"].isin(table.parts)].groupby("date")["what"].nunique()
    complete = parts[parts == len(table.parts)]
    if complete.empty:
        return rows.iloc[0:0]
    chosen = rows[rows["date"] == complete.index.max()]
    return chosen[chosen["what"].isin([*table.parts, table.total])]


def breakdown_chart(table: RecordTable, figures: pd.DataFrame, article: str,
                    finding: str = "", as_of: date | None = None) -> Figure:
    """The article's figures beside the record's total (its range) and its parts, as
    published by the article's date `as_of`."""
    record = latest_breakdown(table, as_of)
    mine = article_figures(figures, table.category)
    fig, ax = style.new_figure(table.title, table.y_label, "",
                               sources_line(record, article),
                               size=(8, 2.6 + 0.6 * (len(mine) + 2)))
    style.set_finding(fig, finding)
    labels: list[str] = []
    if not record.empty:
        when = day(record["date"].iloc[0].date())
        total = record[record["what"] == table.total].iloc[0]
        middle = (total["low"] + total["high"]) / 2
        ax.barh(0, middle, color=style.PALETTE["grey"], gid="record total",
                xerr=[[middle - total["low"]], [total["high"] - middle]], capsize=4)
        ax.text(total["high"], 0, f"  {span(total['low'], total['high'])}", va="center",
                fontsize=8, gid="value label")
        left = 0.0
        for colour, (what, name) in zip(style.SERIES, table.parts.items(), strict=False):
            value = record.loc[record["what"] == what, "low"].iloc[0]
            ax.barh(1, value, left=left, color=colour, label=name, gid=f"record {what}")
            ax.text(left + value / 2, 1, number(value), ha="center", va="center",
                    fontsize=8, color="white", gid="value label")
            left += value
        labels += [f"Record: total\n(to {when})", f"Record: by group\n(to {when})"]
    for offset, (_, row) in enumerate(mine.iterrows()):
        position = len(labels)
        high = row["high"] if not math.isnan(row["high"]) else row["value"]
        ax.barh(position, row["value"], color=style.PALETTE["vermillion"], gid="article figure",
                xerr=[[0], [high - row["value"]]] if high > row["value"] else None, capsize=4)
        ax.text(high, position, f"  {figure_label(row)}", va="center", fontsize=8,
                gid="value label")
        labels.append(f"Article figure {offset + 1}" if len(mine) > 1 else "Article")
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(style.thousands)
    ax.set_xlim(0, max([*record["high"], *mine["value"], 1]) * 1.35)
    ax.grid(axis="y", visible=False)
    if not record.empty:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    return fig


CHARTS = {"timeline": timeline_chart, "breakdown": breakdown_chart}


def charted_tables(analysis: Analysis) -> list[RecordTable]:
    """The record tables of the article's pack that the article gives figures for."""
    pack = analysis.pack
    if pack is None:
        return []
    return [table for table in pack.tables
            if not article_figures(analysis.figures, table.category).empty]


def record_charts(analysis: Analysis) -> dict[str, Figure]:
    """One chart per record table of the article's pack that the article has figures for,
    headed by its finding."""
    from helpers.report.summary import chart_finding

    label = f"“{analysis.article.headline or analysis.article.path.name}”"
    checks = analysis.findings.figure_checks
    return {table.name: CHARTS[table.chart](
                table, analysis.figures, label,
                chart_finding([check for check in checks if check.table == table.name]),
                analysis.article.meta.date)
            for table in charted_tables(analysis)}


def overview_rows(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures the overview plots: the article's facts above zero (`report.figures.facts`:
    no dates, one row per fact, no counts in prose) that are exact or ranges (`drawn`),
    grouped by category, largest first."""
    rows = drawn(facts(figures))
    rows = rows[rows["value"] > 0]
    return rows.sort_values(["category", "value"], ascending=[True, False], kind="stable")


def amount_groups(figures: pd.DataFrame) -> list[pd.DataFrame]:
    """The overview's rows split by what they count: one group per category and unit, in
    category order, each largest first. Amounts of different things never share an axis."""
    rows = overview_rows(figures)
    return [group for _, group in rows.groupby(["category", "unit"], sort=False, dropna=False)]


def amounts_title(rows: pd.DataFrame) -> str:
    """What a group of amounts counts: 'Troops', 'Distance, in km'."""
    category = category_label(rows["category"].iloc[0])
    unit = str(rows["unit"].iloc[0])
    name = category[:1].upper() + category[1:]
    return name if not unit or unit.lower() == category.lower() else f"{name}, in {unit}"


def amounts_chart(rows: pd.DataFrame, article: str = "the article") -> Figure:
    """One group of amounts (`amount_groups`) as bars from zero on a linear axis, each
    labelled above it; a range reaches out to its upper end."""
    unit = str(rows["unit"].iloc[0]) or "amount"
    fig, ax = style.new_figure(amounts_title(rows), f"Amount ({unit})", "",
                               f"figures read from {article}",
                               size=(8, 1.9 + 0.45 * len(rows)))
    style.set_finding(fig, amounts_finding(rows))
    for position, (_, row) in enumerate(rows.iterrows()):
        high = row["high"] if not math.isnan(row["high"]) else row["value"]
        ax.barh(position, row["value"], color=style.PALETTE["blue"], height=0.45, gid="amount",
                xerr=[[0], [high - row["value"]]] if high > row["value"] else None, capsize=4)
        ax.annotate(fact_label(row), (0, position - 0.3), xytext=(3, 0),
                    textcoords="offset points", va="bottom", gid="amount label")
    ax.set_yticks([])  # each bar's label sits above it, leaving the width to the bars
    ax.set_ylim(len(rows) - 0.5, -0.9)  # the largest at the top, room for its label
    ax.grid(axis="y", visible=False)
    highest = max(rows["value"].max(), rows["high"].max(skipna=True) or 0)
    ax.set_xlim(0, highest * 1.1)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: short_number(value)))
    return fig


def amounts_finding(rows: pd.DataFrame) -> str:
    """A group's headline: 'The article gives two amounts of troops, from 130,000 troops to
    150,000 troops'."""
    what = category_label(rows["category"].iloc[0])
    if len(rows) == 1:
        return f"The article gives one amount of {what}: {fact_label(rows.iloc[0])}"
    smallest = rows.loc[rows["value"].idxmin()]
    largest = rows.loc[rows["value"].idxmax()]
    return (f"The article gives {count(len(rows), 'amount', spell=True)} of {what}, from "
            f"{fact_label(smallest)} to {fact_label(largest)}")


def record_images(analysis: Analysis) -> list[Chart]:
    """The record charts of an analysis as images with alt text (none without a pack)."""
    made = record_charts(analysis)
    images = []
    for table in charted_tables(analysis):
        fig = made[table.name]
        mine = article_figures(analysis.figures, table.category)
        when = analysis.article.meta.date
        if table.chart == "timeline":
            rows = records(table)
            text = alt.timeline(table, rows, mine, style.finding_of(fig),
                                later=int((~published_by(rows, when)).sum()))
        else:
            text = alt.breakdown(table, latest_breakdown(table, when), mine,
                                 style.finding_of(fig))
        images.append(Chart(fig, text))
    return images


def amounts_images(figures: pd.DataFrame, article: str = "the article") -> list[Chart]:
    """One chart per thing the article counts (`amount_groups`), with alt text."""
    images = []
    for rows in amount_groups(figures):
        fig = amounts_chart(rows, article)
        images.append(Chart(fig, alt.amounts(rows, style.finding_of(fig))))
    return images
