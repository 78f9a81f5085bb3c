"""Checks for the exercise notebooks: feedback saying what is right, what is missing, and a hint.

Every `check_...` function takes the student's answer first, prints friendly feedback and returns
a `Feedback`. It never raises on an unanswered task (`None`, or an empty coding sheet): it prints
"not answered yet" and returns. Feedback is computed against the answer key, the kit's own
extraction or the reference data, never against strings of one article, and it never prints the
full answer: it counts what is missing and points to where to look.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from helpers.entities import clean_name

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from helpers.analysis import Analysis

NOT_ANSWERED = "not answered yet"
WELL_DONE = "Well done!"


@dataclass
class Feedback:
    """What a check found: right points, missing or wrong points, a hint, and whether it passed."""

    task: str
    answered: bool = True
    right: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    hint: str = ""

    @property
    def passed(self) -> bool:
        """True when the task is answered and nothing is missing or wrong."""
        return self.answered and not self.missing

    def message(self) -> str:
        """The feedback as the student reads it."""
        if not self.answered:
            return (f"{self.task}: {NOT_ANSWERED}. Replace `# YOUR CODE HERE` with your code, "
                    f"then run the cell again.")
        lines = [f"{self.task}: {WELL_DONE if self.passed else 'not quite yet.'}"]
        lines += [f"  ✓ {point}" for point in self.right]
        lines += [f"  ✗ {point}" for point in self.missing]
        if self.hint and not self.passed:
            lines.append(f"  Hint: {self.hint}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message()


def _report(feedback: Feedback) -> Feedback:
    print(feedback.message())
    return feedback


def _unanswered(task: str) -> Feedback:
    return _report(Feedback(task, answered=False))


def _names(answer: str | Iterable[Any]) -> list[str]:
    """Names from a string, or from a list of strings or spaCy spans, in order, stripped."""
    items = [answer] if isinstance(answer, str) else list(answer)
    return [str(getattr(item, "text", item)).strip() for item in items if str(item).strip()]


# --- Lesson 1: reading the article and finding its actors -------------------------------------


def check_sentence_count(answer: int | None, analysis: Analysis) -> Feedback:
    """Check the number of sentences spaCy finds in the article."""
    task = "Counting sentences"
    if answer is None:
        return _unanswered(task)
    expected = len(list(analysis.doc.sents))
    feedback = Feedback(task)
    if answer == expected:
        feedback.right.append(f"spaCy splits the article into {expected} sentences.")
        return _report(feedback)
    side = "too low" if answer < expected else "too high"
    feedback.missing.append(f"{answer} is {side}.")
    if answer == len(analysis.article.paragraphs):
        feedback.hint = "that is the number of paragraphs; count the items of `doc.sents`."
    elif answer == len(analysis.doc):
        feedback.hint = "that is the number of tokens; count the items of `doc.sents`."
    else:
        feedback.hint = "`doc.sents` is a generator: turn it into a list, then take its length."
    return _report(feedback)


def _actor_index(entities: pd.DataFrame) -> dict[str, str]:
    """Every form and cleaned form of every actor -> the actor's name."""
    index: dict[str, str] = {}
    for row in entities.itertuples():
        for form in [row.actor, *str(row.forms).split(", ")]:
            index[form] = row.actor
            index[clean_name(form)] = row.actor
    return index


def _match_actor(name: str, index: dict[str, str], entities: pd.DataFrame) -> str | None:
    """The actor a written name refers to: a known form, or the surname of one full name."""
    for candidate in (name, clean_name(name)):
        if candidate in index:
            return index[candidate]
    tails = [actor for actor in entities["actor"] if actor.endswith(" " + clean_name(name))]
    return tails[0] if len(tails) == 1 else None


def check_people(answer: Iterable[Any] | None, analysis: Analysis) -> Feedback:
    """Check a list of the people named in the article against the kit's entity table."""
    task = "Finding the people"
    if answer is None:
        return _unanswered(task)
    entities = analysis.entities
    people = entities[entities["type"] == "person"]
    index = _actor_index(entities)
    types = dict(zip(entities["actor"], entities["type"], strict=True))
    slips = {span.text for span in analysis.doc.ents if span.label_ == "PERSON"} - set(index)
    found: dict[str, list[str]] = {}
    feedback = Feedback(task)
    for name in _names(answer):
        actor = _match_actor(name, index, entities)
        if actor is not None and types[actor] == "person":
            found.setdefault(actor, []).append(name)
        elif actor is not None:
            feedback.missing.append(f"'{name}' is not a person: the kit counts it as a "
                                    f"{types[actor]}.")
        elif name in slips:
            feedback.missing.append(f"'{name}' is tagged PERSON by the model, but it is a slip: "
                                    f"a person's name starts with a capital letter.")
        elif name in analysis.article.text and name[:1].isupper():
            feedback.right.append(f"'{name}' is in the text but the model missed it: well "
                                  f"spotted (models are not complete).")
        else:
            feedback.missing.append(f"'{name}' does not appear in the article as written.")
    feedback.right.insert(0, f"you found {len(found)} of {len(people)} people.")
    doubles = [forms for forms in found.values() if len(forms) > 1]
    if doubles:
        feedback.right.append(f"{len(doubles)} of them appear under more than one form "
                              f"(e.g. {' / '.join(doubles[0])}): count each person once.")
    missed = people[~people["actor"].isin(found)]
    if not missed.empty:
        where = ", ".join(str(p) for p in sorted(set(missed["first_paragraph"])))
        feedback.missing.append(f"{len(missed)} people are missing; they first appear in "
                                f"paragraph(s) {where}.")
        feedback.hint = ("keep every entity whose `label_` is 'PERSON', and read the paragraphs "
                         "named above with displaCy.")
    return _report(feedback)


def check_most_mentioned(answer: str | None, analysis: Analysis) -> Feedback:
    """Check the name of the actor the article mentions most often."""
    task = "The most-mentioned actor"
    if answer is None:
        return _unanswered(task)
    entities = analysis.entities
    counts = dict(zip(entities["actor"], entities["mentions"], strict=True))
    top = max(counts.values())
    actor = _match_actor(str(answer), _actor_index(entities), entities)
    feedback = Feedback(task)
    if actor is None:
        feedback.missing.append(f"'{answer}' is not an actor in the kit's table.")
        feedback.hint = "look at the `actor` column of `analysis.entities`."
    elif counts[actor] == top:
        feedback.right.append(f"{actor} is mentioned {top} times, more than any other actor.")
    else:
        feedback.missing.append(f"{actor} is mentioned {counts[actor]} times; another actor is "
                                f"mentioned more often.")
        feedback.hint = "sort the table by the `mentions` column, largest first."
    return _report(feedback)


# --- Lesson 3: agreement between coders -------------------------------------------------------


def percent_agreement(first: Sequence[Any], second: Sequence[Any]) -> float:
    """Share of items (0-1) on which two codings give the same label."""
    _same_length(first, second)
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def cohen_kappa(first: Sequence[Any], second: Sequence[Any]) -> float:
    """Cohen's kappa: agreement of two codings corrected for the agreement expected by chance."""
    _same_length(first, second)
    observed = percent_agreement(first, second)
    n = len(first)
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[label] * counts_b[label] for label in counts_a) / n**2
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)


def _same_length(first: Sequence[Any], second: Sequence[Any]) -> None:
    if len(first) != len(second) or not len(first):
        raise ValueError(f"Two codings of the same items are needed: got {len(first)} and "
                         f"{len(second)} labels (both must be the same, non-zero length).")


# --- Lesson 5: charting troop estimates -------------------------------------------------------


def projection_rows(estimates: pd.DataFrame) -> pd.Series:
    """True for reference rows that are projections or plans, not counts of troops present."""
    return estimates["scope"].str.contains(r"\bplanned\b|\bprojection\b", case=False, regex=True)


def check_troop_table(answer: pd.DataFrame | None, reference: pd.DataFrame) -> Feedback:
    """Check the table to chart: counts only, sorted by date, with a midpoint column."""
    task = "The table to chart"
    if answer is None:
        return _unanswered(task)
    feedback = Feedback(task)
    needed = ["date_reported", "estimate_low", "estimate_high"]
    if absent := [column for column in needed if column not in answer]:
        feedback.missing.append(f"columns {absent} are missing: keep the reference's columns.")
        feedback.hint = "start from the reference table and keep its columns."
        return _report(feedback)
    counts = reference[~projection_rows(reference)]
    _point(feedback, len(answer) == len(counts),
           f"{len(answer)} rows: one per estimate of troops present.",
           f"{len(answer)} rows, but the reference has {len(counts)} estimates of troops "
           f"present (and {len(reference) - len(counts)} projection(s) to leave out).")
    _point(feedback, answer["date_reported"].is_monotonic_increasing,
           "rows sorted by date.", "rows are not sorted by `date_reported`.")
    midpoint = "midpoint" in answer and bool(
        (answer["midpoint"] == (answer["estimate_low"] + answer["estimate_high"]) / 2).all())
    _point(feedback, midpoint, "`midpoint` is halfway between low and high.",
           "the `midpoint` column is missing or not halfway between low and high.")
    plans = "scope" in answer and bool(projection_rows(answer).any())
    _point(feedback, not plans, "no projection (a planned force) among the counts.",
           "a projection is still in the table: read the `scope` column.")
    feedback.hint = ("drop the rows whose `scope` describes a planned force, then "
                     "`.sort_values('date_reported')`, then add the `midpoint` column.")
    return _report(feedback)


def _point(feedback: Feedback, ok: bool, right: str, missing: str) -> None:
    (feedback.right if ok else feedback.missing).append(right if ok else missing)


def check_chart(answer: Figure | Axes | None, estimates: pd.DataFrame) -> Feedback:
    """Check a troop chart: data, title, labels with units, readable numbers, source line."""
    task = "The troop chart"
    if answer is None:
        return _unanswered(task)
    fig = getattr(answer, "figure", answer)
    feedback = Feedback(task)
    if not getattr(fig, "axes", None):
        feedback.missing.append("this is not a matplotlib figure with a chart on it.")
        feedback.hint = "make it with `fig, ax = style.new_figure(...)`, then plot on `ax`."
        return _report(feedback)
    ax = fig.axes[0]
    fig.canvas.draw()
    plotted = _plotted_values(ax)
    shown = sum(any(abs(value - y) < 0.5 for y in plotted) for value in estimates["midpoint"])
    _point(feedback, shown == len(estimates), f"all {shown} estimates are on the chart.",
           f"{shown} of {len(estimates)} estimates (their midpoints) are on the chart.")
    _point(feedback, bool(ax.get_title(loc="left") or ax.get_title()),
           "the chart has a title.", "the chart has no title.")
    _point(feedback, bool(ax.get_xlabel()), "the x axis is labelled.",
           "the x axis has no label.")
    _point(feedback, bool(ax.get_ylabel()) and _has_unit(ax.get_ylabel()),
           "the y axis says what it counts.",
           "the y axis label does not say what the numbers count (troops? soldiers?).")
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    _point(feedback, any("," in label for label in labels) and not ax.yaxis.offsetText.get_text(),
           "y numbers are written in full with thousands separators.",
           "y numbers are hard to read (no thousands separators, or a '1e5' offset).")
    _point(feedback, ax.get_ylim()[0] <= 0, "the y axis starts at zero.",
           "the y axis does not start at zero: differences look bigger than they are.")
    _point(feedback, ax.get_ylim()[1] >= estimates["estimate_high"].max(),
           "the highest estimate fits under the top of the chart.",
           "the top of the y axis cuts off the highest estimate.")
    _point(feedback, any(t.get_text().lower().startswith("source") for t in fig.texts),
           "the chart names its source.", "there is no source line under the chart.")
    feedback.hint = ("`style.new_figure(title, xlabel, ylabel, source)` sets title, labels and "
                     "source; `ax.yaxis.set_major_formatter(style.thousands)` and "
                     "`ax.set_ylim(0, top)` do the rest.")
    return _report(feedback)


def _plotted_values(ax: Axes) -> list[float]:
    """Every y value drawn as a line, a marker or a scatter point on `ax`."""
    values = [float(y) for line in ax.get_lines() for y in line.get_ydata()]
    for collection in ax.collections:
        values += [float(y) for _, y in collection.get_offsets()]
    return values


def _has_unit(label: str) -> bool:
    """True when an axis label says what it counts."""
    words = ("troop", "soldier", "personnel", "people", "number")
    return any(word in label.lower() for word in words)
