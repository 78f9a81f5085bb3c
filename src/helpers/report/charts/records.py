"""Charts of an article's figures beside the public record, in the house style (`style`).

Every function takes DataFrames (the figures table, the reference tables) and returns a
matplotlib Figure; none parses text. `report_figures` gives the charts of one analysis by name.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from helpers.extract.figures import RANGE_QUALIFIER
from helpers.paths import PROJ_ROOT
from helpers.report import style
from helpers.stories import records as reference

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from helpers.analysis import Analysis

BREAKDOWN = {
    "civilian_deaths": "Civilians",
    "ukrainian_forces_deaths": "Ukrainian forces",
    "armed_group_deaths": "Armed groups",
}
"""Record categories that split the total killed, and their labels (in stacking order)."""

TIME_COLOURS = {"now": style.PALETTE["vermillion"], "previous": style.PALETTE["orange"]}
"""Colour of an article figure by its time ('previous estimate' counts as previous)."""

CATEGORY_ORDER = ("troops", "casualties", "money", "percent", "distance", "duration", "other")
"""Order of the groups on the overview; a category not listed comes last."""

NOT_PLOTTED = ("date",)
"""Categories left off the overview: a year is a point in time, not an amount."""


def _relative(path) -> str:
    return str(path.relative_to(PROJ_ROOT))


def figure_label(row: pd.Series) -> str:
    """A short label for an article figure: '“nearly 14,000” people, since 2014'."""
    words = f"“{row['text']}”"
    if row["unit"] and row["unit"].lower() not in row["text"].lower():
        words += f" {row['unit']}"
    return ", ".join(part for part in (words, row["time"]) if part)


def article_figures(figures: pd.DataFrame | None, category: str) -> pd.DataFrame:
    """The article's figures counting `category` ('troops', 'casualties'), largest first."""
    if figures is None or figures.empty:
        return pd.DataFrame(columns=figures.columns if figures is not None else [])
    chosen = figures[figures["category"] == category]
    return chosen.sort_values("value", ascending=False, kind="stable")


def _note(ax: Axes, text: str) -> None:
    """A grey note at the top of the plot, on a white box so that bars never hide it."""
    ax.text(0.5, 0.97, text, transform=ax.transAxes, ha="center", va="top", fontsize=9,
            color=style.PALETTE["grey"], gid="note", wrap=True, zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.9, "pad": 2})


def _time_colour(time: str) -> str:
    key = "previous" if time.startswith("previous") else time
    return TIME_COLOURS.get(key, style.PALETTE["purple"])


def troop_estimates_chart(estimates: pd.DataFrame, figures: pd.DataFrame | None = None,
                          article: str = "the article") -> Figure:
    """Published troop estimates over time (points, ranges as bars), the article's marked."""
    record = reference.as_record(estimates)
    fig, ax = style.new_figure(
        "Troop estimates: the public record and the article",
        "Date the estimate was published",
        "Troops (estimated number)",
        f"{len(record)} published estimates in {_relative(reference.TROOP_FILE)} "
        f"(sources in SOURCES.md);\narticle figures from {article}",
    )
    ranged = record[record["high"] > record["low"]]
    ax.vlines(ranged["date"], ranged["low"], ranged["high"], color=style.PALETTE["blue"],
              linewidth=3, alpha=0.6, label="Range given by a source", gid="record range")
    middle = (record["low"] + record["high"]) / 2
    ax.scatter(record["date"], middle, color=style.PALETTE["blue"], s=28, zorder=3,
               label="Published estimate", gid="record")
    mine = article_figures(figures, "troops")
    for _, row in mine.iterrows():
        colour = _time_colour(row["time"])
        ax.axhline(row["value"], color=colour, linestyle="--", linewidth=1.2,
                   gid="article figure")
        ax.annotate(f"Article: {figure_label(row)}", (0.01, row["value"]),
                    xycoords=("axes fraction", "data"), xytext=(0, 3),
                    textcoords="offset points", fontsize=8, color=colour, gid="article label")
    if mine.empty:
        _note(ax, "The article gives no troop figures to compare: the record alone.")
    ax.set_ylim(0, max([*record["high"], *mine["value"], 1]) * 1.15)
    ax.yaxis.set_major_formatter(style.thousands)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return fig


def latest_breakdown(totals: pd.DataFrame) -> pd.DataFrame:
    """The record's total and its breakdown on the latest date that has the breakdown."""
    record = reference.as_record(totals)
    dated = record[record["what"].isin(BREAKDOWN)].groupby("date")["what"].nunique()
    complete = dated[dated == len(BREAKDOWN)]
    if complete.empty:
        return record.iloc[0:0]
    chosen = record[record["date"] == complete.index.max()]
    return chosen[chosen["what"].isin([*BREAKDOWN, "total_deaths"])]


def casualty_totals_chart(totals: pd.DataFrame, figures: pd.DataFrame | None = None,
                          article: str = "the article") -> Figure:
    """The article's casualty figures beside the record's total (its range) and breakdown."""
    record = latest_breakdown(totals)
    mine = article_figures(figures, "casualties")
    fig, ax = style.new_figure(
        "Casualty totals: the article beside the public record",
        "People killed",
        "",
        f"{_relative(reference.CASUALTY_FILE)} (sources in SOURCES.md);\n"
        f"article figures from {article}",
        size=(8, 2.2 + 0.6 * (len(mine) + 2)),
    )
    labels: list[str] = []
    if not record.empty:
        when = record["date"].iloc[0].strftime("%d %b %Y")
        total = record[record["what"] == "total_deaths"].iloc[0]
        middle = (total["low"] + total["high"]) / 2
        ax.barh(0, middle, color=style.PALETTE["grey"], gid="record total",
                xerr=[[middle - total["low"]], [total["high"] - middle]], capsize=4)
        ax.text(total["high"], 0, f"  {reference.span_text(total['low'], total['high'])}",
                va="center", fontsize=8, gid="value label")
        left = 0.0
        for colour, (what, name) in zip(style.SERIES, BREAKDOWN.items(), strict=False):
            value = record.loc[record["what"] == what, "low"].iloc[0]
            ax.barh(1, value, left=left, color=colour, label=name, gid=f"record {what}")
            ax.text(left + value / 2, 1, f"{value:,.0f}", ha="center", va="center",
                    fontsize=8, color="white", gid="value label")
            left += value
        labels += [f"Record: total killed\n(to {when})", f"Record: killed by group\n(to {when})"]
    for offset, (_, row) in enumerate(mine.iterrows()):
        position = len(labels)
        high = row["high"] if not math.isnan(row["high"]) else row["value"]
        ax.barh(position, row["value"], color=style.PALETTE["vermillion"], gid="article figure",
                xerr=[[0], [high - row["value"]]] if high > row["value"] else None, capsize=4)
        ax.text(high, position, f"  {figure_label(row)}", va="center", fontsize=8,
                gid="value label")
        labels.append(f"Article figure {offset + 1}" if len(mine) > 1 else "Article")
    if mine.empty:
        _note(ax, "The article gives no casualty figures to compare: the record alone.")
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(style.thousands)
    ax.set_xlim(0, max([*record["high"], *mine["value"], 1]) * 1.35)
    ax.grid(axis="y", visible=False)
    if not record.empty:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False,
                  title="Killed, by group", title_fontsize=8)
    return fig


def overview_rows(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures the overview plots: amounts above zero, grouped by category, largest first."""
    rows = figures[~figures["category"].isin(NOT_PLOTTED) & (figures["value"] > 0)]
    order = rows["category"].map(lambda c: CATEGORY_ORDER.index(c) if c in CATEGORY_ORDER
                                 else len(CATEGORY_ORDER))
    return rows.assign(_order=order).sort_values(
        ["_order", "category", "value"], ascending=[True, True, False], kind="stable"
    ).drop(columns="_order")


def figures_overview_chart(figures: pd.DataFrame, article: str = "the article") -> Figure:
    """Every figure of the article on one log-scale axis, grouped and coloured by category."""
    rows = overview_rows(figures)
    fig, ax = style.new_figure(
        "Every figure in the article, by what it counts",
        "Value (log scale; each figure in its own unit)",
        "",
        f"figures extracted from {article} by helpers.extract.figures",
        size=(8, 1.8 + 0.32 * max(len(rows), 2)),
    )
    colours = dict(zip(rows["category"].unique(), style.SERIES * 3, strict=False))
    for position, (_, row) in enumerate(rows.iterrows()):
        colour = colours[row["category"]]
        if not math.isnan(row["high"]):
            ax.hlines(position, row["value"], row["high"], color=colour, linewidth=3,
                      gid="figure range")
        ax.scatter(row["value"], position, color=colour, s=30, zorder=3, gid="figure",
                   label=row["category"])
    ax.set_yticks(range(len(rows)), [_overview_label(row) for _, row in rows.iterrows()])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    notes = []
    dates = figures[figures["category"].isin(NOT_PLOTTED)]
    if not dates.empty:
        years = ", ".join(dict.fromkeys(dates["text"]))
        notes.append(f"Dates mentioned (points in time, not amounts, so not plotted): {years}")
    if rows.empty:
        notes.insert(0, "The article gives no amounts to plot.")
    else:
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.10g}"))
        _legend_by_category(ax)
    if notes:
        ax.set_xlabel("\n".join([ax.get_xlabel(), *notes]))
    return fig


def _overview_label(row: pd.Series) -> str:
    qualifier = row["qualifier"] if row["qualifier"] != RANGE_QUALIFIER else ""
    text = f"{qualifier} {row['value']:,.10g}".strip()
    if not math.isnan(row["high"]):
        text += f" to {row['high']:,.10g}"
    return f"{text} {row['unit']}".strip()


def _legend_by_category(ax: Axes) -> None:
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), title="What it counts", fontsize=8,
              title_fontsize=8, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))


def report_figures(analysis: Analysis) -> dict[str, Figure]:
    """The charts of one analysis by name (for `style.save` into reports/<slug>/figures/)."""
    name = f"“{analysis.article.headline or analysis.article.path.name}”"
    figures = analysis.figures
    return {
        "troop_estimates": troop_estimates_chart(reference.troop_estimates(), figures, name),
        "casualty_totals": casualty_totals_chart(reference.casualty_totals(), figures, name),
        "figures_overview": figures_overview_chart(figures, name),
    }


def troop_reading(estimates: pd.DataFrame, figures: pd.DataFrame) -> str:
    """A sentence reading the troop chart: the record's span and where the article sits."""
    record = reference.as_record(estimates)
    first, last = record["date"].min(), record["date"].max()
    text = (f"The record holds {len(record)} published estimates from {first:%d %b %Y} to "
            f"{last:%d %b %Y}, between {record['low'].min():,.0f} and "
            f"{record['high'].max():,.0f} troops.")
    mine = article_figures(figures, "troops")
    if mine.empty:
        return text + " The article gives no troop figures, so only the record is shown."
    for _, row in mine.iterrows():
        found = reference.matches(row)
        where = (f"first published on {found['date'].iloc[0]:%d %b %Y} ({found['who'].iloc[0]})"
                 if not found.empty else "matched by no published estimate")
        text += f" The article's {figure_label(row)} is {where}."
    return text


def casualty_reading(totals: pd.DataFrame, figures: pd.DataFrame) -> str:
    """A sentence reading the casualty chart: the record's total and the article's figures."""
    record = latest_breakdown(totals)
    if record.empty:
        return "The record has no total with a breakdown by group."
    total = record[record["what"] == "total_deaths"].iloc[0]
    parts = ", ".join(f"{BREAKDOWN[w]} {v:,.0f}" for w, v in
                      zip(record["what"], record["low"], strict=True) if w in BREAKDOWN)
    text = (f"To {total['date']:%d %b %Y} the record counts "
            f"{reference.span_text(total['low'], total['high'])} killed ({parts}).")
    mine = article_figures(figures, "casualties")
    if mine.empty:
        return text + " The article gives no casualty figures to set beside it."
    for _, row in mine.iterrows():
        text += " " + reference.compare(row, total).sentence
    return text


def overview_reading(figures: pd.DataFrame) -> str:
    """A sentence reading the overview: how many amounts, the largest, what is left out."""
    rows = overview_rows(figures)
    if rows.empty:
        return "The article gives no amounts, so the overview is empty."
    largest = rows.loc[rows["value"].idxmax()]
    groups = rows["category"].nunique()
    left_out = len(figures) - len(rows)
    return (f"{len(rows)} amounts in {groups} group{'s' * (groups != 1)}; the largest is "
            f"{figure_label(largest)} ({largest['category']}). {left_out} number"
            f"{'s are' if left_out != 1 else ' is'} not plotted (dates, or zero).")
