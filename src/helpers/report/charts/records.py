"""Charts of an article's figures beside its story's public record, in the house style.

Every function takes tables (the figures table, a pack's record rows) and returns a matplotlib
Figure; none parses text. A pack's manifest says how each record table is charted:

- `timeline`: each published figure at its date (a bar where a source gave a range), the
  article's figures of the same category as dashed lines;
- `breakdown`: the record's total and its parts at the latest date that has them all, beside
  the article's figures.

`record_charts` gives the charts of one analysis by name; `figures_overview_chart` plots every
amount of any article; `record_images` and `overview_image` give them as images with alt text.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from helpers.findings.findings import drawn, facts
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
    """'14 published figures: UAWire (3 Nov 2021), Reuters via Global News (13 Nov 2021) …'."""
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


def timeline_chart(table: RecordTable, figures: pd.DataFrame, article: str,
                   finding: str = "") -> Figure:
    """The record's figures over time (points, ranges as bars), the article's marked.

    `finding` (what the chart shows, in a sentence) heads the chart above the table's title.
    The article's figures are dashed lines labelled in the right margin, clear of the points.
    """
    rows = records(table)
    fig, ax = style.new_figure(table.title, "Date the figure was given", table.y_label,
                               sources_line(rows, article))
    style.set_finding(fig, finding)
    planned = rows[rows["what"].isin(table.projections)]
    ax.scatter(planned["date"], (planned["low"] + planned["high"]) / 2, facecolors="none",
               edgecolors=style.PALETTE["grey"], s=36, zorder=3,
               label="Projection, not a count", gid="record projection")
    rows = rows.drop(index=planned.index)
    ranged = rows[rows["high"] > rows["low"]]
    ax.vlines(ranged["date"], ranged["low"], ranged["high"], color=style.PALETTE["blue"],
              linewidth=3, alpha=0.6, label="Range given by a source", gid="record range")
    middle = (rows["low"] + rows["high"]) / 2
    ax.scatter(rows["date"], middle, color=style.PALETTE["blue"], s=28, zorder=3,
               label="Published figure", gid="record")
    mine = article_figures(figures, table.category)
    for _, row in mine.iterrows():
        colour = _time_colour(str(row["time"]))
        ax.axhline(row["value"], color=colour, linestyle="--", linewidth=1.2,
                   gid="article figure")
        ax.annotate(f"Article: {figure_label(row)}", (1.0, row["value"]),
                    xycoords=("axes fraction", "data"), xytext=(4, 0),
                    textcoords="offset points", fontsize=8, color=colour, va="center",
                    gid="article label")
    ax.set_ylim(0, max([*rows["high"], *planned["high"], *mine["value"], 1]) * 1.15)
    ax.yaxis.set_major_formatter(style.thousands)
    _date_axis(ax, rows["date"])
    ax.legend(loc="lower left", bbox_to_anchor=(1.0, 0.0), fontsize=8, frameon=False)
    return fig


def _date_axis(ax: Axes, dates: pd.Series) -> None:
    """Month ticks ('Nov' over '2021') for a record of up to three years, else year ticks; at
    most about six, so the labels never run together."""
    months = (dates.max().year - dates.min().year) * 12 + dates.max().month - dates.min().month
    if months <= 36:
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=max(1, math.ceil(months / 6))))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    else:
        ax.xaxis.set_major_locator(mdates.YearLocator(max(1, math.ceil(months / 72))))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def latest_breakdown(table: RecordTable) -> pd.DataFrame:
    """The total and its parts on the latest date that has every part."""
    rows = records(table)
    parts = rows[rows["what"].isin(table.parts)].groupby("date")["what"].nunique()
    complete = parts[parts == len(table.parts)]
    if complete.empty:
        return rows.iloc[0:0]
    chosen = rows[rows["date"] == complete.index.max()]
    return chosen[chosen["what"].isin([*table.parts, table.total])]


def breakdown_chart(table: RecordTable, figures: pd.DataFrame, article: str,
                    finding: str = "") -> Figure:
    """The article's figures beside the record's total (its range) and its parts."""
    record = latest_breakdown(table)
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
                chart_finding([check for check in checks if check.table == table.name]))
            for table in charted_tables(analysis)}


def overview_rows(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures the overview plots: the article's facts above zero (`report.figures.facts`:
    no dates, one row per fact, no counts in prose) that are exact or ranges (`drawn`),
    grouped by category, largest first."""
    rows = drawn(facts(figures))
    rows = rows[rows["value"] > 0]
    return rows.sort_values(["category", "value"], ascending=[True, False], kind="stable")


def figures_overview_chart(figures: pd.DataFrame, article: str = "the article") -> Figure:
    """Every amount of the article on one log-scale axis, grouped and coloured by category."""
    rows = overview_rows(figures)
    fig, ax = style.new_figure(
        "Every amount in the article, by what it counts",
        "Value (log scale; each figure in its own unit)", "",
        f"figures read from {article}", size=(8, 1.9 + 0.32 * max(len(rows), 2)))
    style.set_finding(fig, overview_finding(rows))
    colours = dict(zip(rows["category"].unique(), style.SERIES * 3, strict=False))
    for position, (_, row) in enumerate(rows.iterrows()):
        colour = colours[row["category"]]
        if not math.isnan(row["high"]):
            ax.hlines(position, row["value"], row["high"], color=colour, linewidth=3,
                      gid="figure range")
        ax.scatter(row["value"], position, color=colour, s=30, zorder=3, gid="figure",
                   label=category_label(row["category"]))
    ax.set_yticks(range(len(rows)), [fact_label(row) for _, row in rows.iterrows()])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    if not rows.empty:
        ax.set_xscale("log")
        low = min(rows["value"].min(), 1.0)
        high = max(rows["value"].max(), rows["high"].max(skipna=True) or 0)
        ax.set_xlim(low / 2, high * 3)
        ax.xaxis.set_major_locator(LogLocator(base=10, numticks=7))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: short_number(value)))
        _legend_by_category(ax)
    return fig


def overview_finding(rows: pd.DataFrame) -> str:
    """The overview's headline: how many amounts, from the smallest to the largest."""
    if rows.empty:
        return "The article gives no amounts to plot"
    smallest = rows.loc[rows["value"].idxmin()]
    largest = rows.loc[rows["value"].idxmax()]
    if len(rows) == 1:
        return f"The article gives one amount: {fact_label(largest)}"
    return (f"The article gives {count(len(rows), 'amount', spell=True)}, from "
            f"{fact_label(smallest)} to {fact_label(largest)}")


def _legend_by_category(ax: Axes) -> None:
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), title="What it counts", fontsize=8,
              title_fontsize=8, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))


def record_images(analysis: Analysis) -> list[Chart]:
    """The record charts of an analysis as images with alt text (none without a pack)."""
    made = record_charts(analysis)
    images = []
    for table in charted_tables(analysis):
        fig = made[table.name]
        mine = article_figures(analysis.figures, table.category)
        if table.chart == "timeline":
            text = alt.timeline(table, records(table), mine, style.finding_of(fig))
        else:
            text = alt.breakdown(table, latest_breakdown(table), mine, style.finding_of(fig))
        images.append(Chart(fig, text))
    return images


def overview_image(figures: pd.DataFrame, article: str = "the article") -> Chart:
    """The overview of every amount as an image with alt text."""
    fig = figures_overview_chart(figures, article)
    return Chart(fig, alt.overview(overview_rows(figures), style.finding_of(fig)))
