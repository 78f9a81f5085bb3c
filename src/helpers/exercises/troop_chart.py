"""Lesson 5, charting troop estimates: checks, hints and hidden tests.

The chart check compares what is drawn with the estimates computed from the reference table,
not with the student's own table, so a chart can be checked before (or without) that task.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from helpers.exercises.feedback import (
    Feedback,
    hint_printer,
    report,
    unanswered,
    wrong_kind,
)
from helpers.exercises.numbers import public_record
from helpers.report import words

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

UNIT_WORDS = ("troop", "soldier", "personnel", "servicemen", "forces")
"""Words that say what the y axis counts ('number' or 'count' alone does not)."""
SOURCE_LINE = re.compile(r"(?:^|[.;:|\n]\s*)(sources?|data|credit|figures from|compiled "
                         r"from)\b", re.IGNORECASE)
"""A source line, at the start of a text or of a sentence in it ('Chart: X. Source: Y')."""
THOUSANDS = re.compile(r"thousand|1,000s|['’‘]000|\b000s\b|\(k\)", re.IGNORECASE)
"""A y label that says its numbers are in thousands ('Troops (thousands)', "Troops, '000")."""
SCALES = (1.0, 1000.0)
"""What a chart's y values may be divided by: troops, or thousands of troops."""
TABLE_COLUMNS = ["date", "low", "high"]

HINTS = {
    "table": (
        "The `scope` column says what each estimate covers; one kind of row is not a count "
        "of troops present.",
        "`table[column].str.contains(word, case=False)` is True for the rows whose text holds "
        "the word; `~` turns True into False.",
        "`.sort_values(column)` sorts; `.assign(name=...)` adds a column.",
        "Halfway between two numbers is their sum divided by two.",
    ),
    "chart": (
        "`style.new_figure(title, xlabel, ylabel, source)` gives you `fig, ax` with the title, "
        "labels and source line already placed.",
        "The y label should say what is counted, not just 'number'.",
        "`ax.plot(x, y, marker='o')` draws the points; matplotlib has a function that draws "
        "vertical lines from a low to a high value at each x.",
        "The axis objects (`ax.yaxis`, `ax.xaxis`) take a formatter; `style.thousands` writes "
        "150000 as 150,000.",
        "`ax.set_ylim(bottom, top)` sets where the y axis starts and ends.",
    ),
}
hint = hint_printer(HINTS)


def projection_rows(estimates: pd.DataFrame) -> pd.Series:
    """True for reference rows that are projections or plans, not counts of troops present."""
    return estimates["scope"].str.contains(r"\bplanned\b|\bprojection\b", case=False, regex=True)


def _reference(reference: Any) -> pd.DataFrame:
    """The reference table given, or the kit's own when the argument is not one."""
    usable = isinstance(reference, pd.DataFrame) and all(c in reference for c in
                                                         [*TABLE_COLUMNS, "scope"])
    return reference if usable else public_record().troop_estimates()


def _counts(reference: pd.DataFrame) -> pd.DataFrame:
    """The estimates of troops present, by date, with their midpoints (what the chart shows)."""
    counts = reference[~projection_rows(reference)].sort_values("date")
    return counts.assign(midpoint=(counts["low"] + counts["high"]) / 2)


def check_troop_table(answer: Any, reference: Any) -> Feedback:
    """Check the table to chart: counts only, sorted by date, with a midpoint column."""
    task = "The table to chart"
    if answer is None:
        return unanswered(task)
    if not isinstance(answer, pd.DataFrame):
        return wrong_kind(task, "estimates", answer, "a table (a DataFrame)",
                          "start from `reference` and keep its columns.")
    reference = _reference(reference)
    feedback = Feedback(task)
    if absent := [column for column in TABLE_COLUMNS if column not in answer]:
        feedback.missing.append(f"columns {absent} are missing: keep the reference's columns.")
        feedback.hint = "start from the reference table and keep its columns."
        return report(feedback)
    counts = _counts(reference)
    feedback.point(len(answer) == len(counts),
                   f"{len(answer)} rows: one per estimate of troops present.",
                   f"{len(answer)} rows, but the reference has {len(counts)} estimates of troops "
                   f"present (and {words.count(len(reference) - len(counts), 'projection')} to "
                   f"leave out).")
    dates = pd.to_datetime(answer["date"], errors="coerce")
    feedback.point(dates.is_monotonic_increasing, "rows sorted by date.",
                   "rows are not sorted by `date`.")
    midpoint = "midpoint" in answer and bool(
        ((answer["midpoint"] - (answer["low"] + answer["high"]) / 2).abs()
         < 0.5).all())
    feedback.point(midpoint, "`midpoint` is halfway between low and high.",
                   "the `midpoint` column is missing or not halfway between low and high.")
    plans = "scope" in answer and bool(projection_rows(answer).any())
    feedback.point(not plans, "no projection (a planned force) among the counts.",
                   "a projection is still in the table: read the `scope` column.")
    feedback.score = len(feedback.right) / 4
    feedback.hint = "run hint('table', 1) and the hints after it."
    return report(feedback)


def _points(ax: Axes) -> list[tuple[float, float]]:
    """Every (x, y) drawn as a line, a marker, a scatter point or the top of a bar on `ax`."""
    points = [(float(x), float(y)) for line in ax.get_lines() for x, y in line.get_xydata()]
    for collection in ax.collections:
        points += [(float(x), float(y)) for x, y in collection.get_offsets()]
    for patch in ax.patches:
        if hasattr(patch, "get_height"):
            points.append((patch.get_x() + patch.get_width() / 2,
                           patch.get_y() + patch.get_height()))
    return points


def _ranges(ax: Axes) -> list[tuple[float, float, float]]:
    """Every vertical segment (x, low, high) drawn by vlines, errorbar or a two-point line."""
    segments = []
    for collection in ax.collections:
        for path in getattr(collection, "get_segments", list)():
            if len(path) == 2 and abs(path[0][0] - path[1][0]) < 1e-9:
                low, high = sorted((path[0][1], path[1][1]))
                segments.append((float(path[0][0]), float(low), float(high)))
    return segments


def _scale(ax: Axes, estimates: pd.DataFrame) -> float:
    """The factor the chart's y values are divided by (1, or 1,000 for a chart in thousands):
    the one under which most midpoints are drawn, within half a unit of the chart's scale."""
    heights = [y for _, y in _points(ax)]

    def shown(scale: float) -> int:
        return sum(any(abs(value / scale - y) < 0.5 for y in heights)
                   for value in estimates["midpoint"])

    return max(SCALES, key=lambda scale: (shown(scale), -scale))


def _titles(fig: Figure, ax: Axes) -> list[str]:
    texts = [ax.get_title(loc) for loc in ("left", "center", "right")]
    suptitle = getattr(fig, "_suptitle", None)
    return [text for text in [*texts, suptitle.get_text() if suptitle else ""] if text.strip()]


def _has_source(fig: Figure, ax: Axes) -> bool:
    texts = [*fig.texts, *ax.texts]
    return any(SOURCE_LINE.search(text.get_text()) for text in texts)


def _has_unit(label: str) -> bool:
    return any(word in label.lower() for word in UNIT_WORDS)


def _figure(answer: Any) -> Figure | None:
    fig = getattr(answer, "figure", answer)
    return fig if getattr(fig, "axes", None) else None


def check_chart(answer: Any, reference: Any = None) -> Feedback:
    """Check a troop chart: data, ranges, title, labels with units, numbers, zero, source."""
    task = "The troop chart"
    if answer is None:
        return unanswered(task)
    fig = _figure(answer)
    if fig is None:
        return wrong_kind(task, "fig", answer, "a matplotlib figure with a chart on it",
                          "make it with `fig, ax = style.new_figure(...)`, then draw on `ax`.")
    estimates = _counts(_reference(reference))
    ax = fig.axes[0]
    fig.canvas.draw()
    scale = _scale(ax, estimates)
    heights = [y for _, y in _points(ax)]
    feedback = Feedback(task)
    shown = sum(any(abs(value / scale - y) < 0.5 for y in heights)
                for value in estimates["midpoint"])
    feedback.point(shown == len(estimates), f"all {shown} estimates are on the chart.",
                   f"{shown} of {len(estimates)} estimates (their midpoints) are on the chart.")
    ranged = estimates[estimates["low"] < estimates["high"]]
    segments = _ranges(ax)
    drawn = sum(any(abs(low - r.low / scale) < 0.5 and abs(high - r.high / scale) < 0.5
                    for _, low, high in segments) for r in ranged.itertuples())
    if not ranged.empty:  # a record of single numbers has no range to draw
        feedback.point(drawn == len(ranged), "each range from low to high is drawn.",
                       f"{drawn} of {len(ranged)} estimates given as a range show it from low "
                       f"to high.")
    feedback.point(bool(_titles(fig, ax)), "the chart has a title.", "the chart has no title.")
    feedback.point(bool(ax.get_xlabel().strip()), "the x axis is labelled.",
                   "the x axis has no label.")
    feedback.point(_has_unit(ax.get_ylabel()), "the y axis says what it counts.",
                   "the y axis label does not say what the numbers count (troops? soldiers?).")
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    if scale == 1:
        feedback.point(any("," in label for label in labels)
                       and not ax.yaxis.offsetText.get_text(),
                       "y numbers are written in full with thousands separators.",
                       "y numbers are hard to read (no thousands separators, or a '1e5' "
                       "offset).")
    else:
        feedback.point(bool(THOUSANDS.search(ax.get_ylabel()))
                       and not ax.yaxis.offsetText.get_text(),
                       "the y label says the numbers are in thousands.",
                       "your numbers are in thousands, but the y label does not say so: a "
                       "reader sees 150 troops, not 150,000.")
    bottom, top = ax.get_ylim()
    if bottom < -0.005 * top:
        feedback.missing.append(f"the y axis starts below zero ({bottom:,.0f}): no estimate is "
                                f"negative, so start it at 0.")
    else:
        feedback.point(bottom <= 0.005 * top, "the y axis starts at zero.",
                       "the y axis does not start at zero: differences look bigger than they "
                       "are.")
    feedback.point(top >= estimates["high"].max() / scale,
                   "the highest estimate fits under the top of the chart.",
                   "the top of the y axis cuts off the highest estimate.")
    sourced = feedback.point(_has_source(fig, ax), "the chart names its source.",
                             "there is no source line (e.g. 'Source: …') under the chart.")
    feedback.score = len(feedback.right) / (len(feedback.right) + len(feedback.missing))
    if not (sourced and -0.005 * top <= bottom <= 0.005 * top):
        feedback.score = 0.0  # the two essentials the lesson teaches: a zero baseline, a source
    feedback.hint = "run hint('chart', 1) and the hints after it, then check again."
    return report(feedback)
