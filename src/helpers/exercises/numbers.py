"""Lesson 4, finding the numbers and checking them against the record: checks and hidden tests.

The record task is a function, `latest_before(table, category, date)`, so the check can try it
on other dates: a version without the date filter gives rows dated after some of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from helpers.exercises.feedback import (
    FORGOT_RETURN,
    Feedback,
    call,
    describe,
    hint_printer,
    not_a_function,
    paragraph_list,
    report,
    unanswered,
)
from helpers.extract.numbers import DIGITS
from helpers.findings.verdicts import Comparison, compare
from helpers.report.words import span
from helpers.stories.packs import StoryPack, pack_named
from helpers.stories.records import records
from helpers.vocab import Verdict

if TYPE_CHECKING:
    from helpers.analysis import Analysis

HINTS = {
    "find_numbers": (
        "`re.findall(pattern, text)` gives every match of a pattern as a list of strings.",
        "`\\d` is one digit and `+` repeats it; try your pattern on '1,200 troops' first.",
        "A thousands separator sits between groups of exactly three digits; a non-capturing "
        "group `(?:...)` can repeat with `*`.",
        "A match is text: remove its commas with `.replace(',', '')`, then `float()` it.",
    ),
    "latest_before": (
        "Filter in two steps: the rows whose `what` is the category, then the rows with "
        "`date <= date`.",
        "`table.sort_values('date')` puts the oldest first; which row is then the latest?",
        "Return one row (a Series), not a table.",
    ),
    "category": (
        "What does the article's figure count? Read its sentence in `figures`.",
        "Look at the `what` values of `totals`: which one counts the same thing?",
    ),
    "previous_row": (
        "The article's “previous” figure is one number; which estimates hold it between "
        "`low` and `high`?",
        "Only estimates published before the article can be “previous”.",
        "Of those, the latest is the one the article most likely means; return that row.",
    ),
}
hint = hint_printer(HINTS)


@dataclass(frozen=True)
class PublicRecord:
    """The seed story's public record as the lessons use it: two tables and a comparison."""

    pack: StoryPack

    def troop_estimates(self) -> pd.DataFrame:
        """Published estimates of Russian troops near Ukraine, oldest first."""
        return records(self.pack.table("troop_estimates"))

    def casualty_totals(self) -> pd.DataFrame:
        """Published casualty totals of the war in eastern Ukraine since 2014, oldest first."""
        return records(self.pack.table("casualty_totals"))

    def record_category(self, unit: str) -> str:
        """Which casualty rows (`what`) a figure counting `unit` is compared with."""
        return self.pack.table("casualty_totals").compared_what(unit) or ""

    @staticmethod
    def compare(figure: Any, row: Any) -> Comparison:
        """The kit's comparison of an article figure with one record row."""
        return compare(figure, row)

    @staticmethod
    def compare_all(figure: Any, rows: pd.DataFrame) -> pd.DataFrame:
        """The figure beside every row: date, who, the record, the verdict and the gap."""
        results = [compare(figure, row) for _, row in rows.iterrows()]
        return pd.DataFrame({
            "date": [r.record_date for r in results],
            "who": [r.who for r in results],
            "record": [span(r.record_low, r.record_high) for r in results],
            "verdict": [r.verdict for r in results],
            "gap": [r.gap for r in results],
        })


def public_record() -> PublicRecord:
    """The public record of the lessons' story (the one place that names the pack)."""
    return PublicRecord(pack_named("ukraine-2022"))


def _written_values(text: str) -> set[float]:
    return {float(match.replace(",", "")) for match in DIGITS.findall(text)}


def _extractor_values(answer: Any, text: str, feedback: Feedback) -> list[float] | None:
    """The numbers a student's function finds in `text`, or None after saying what is wrong."""
    result = call(answer, text)
    if result.blank:
        feedback.answered = False
        return None
    if result.error:
        feedback.missing.append(f"your function stops with {result.error}.")
        feedback.hint = "try it on a short string first: find_numbers('up to 1,200 troops')."
        return None
    found = result.value
    if found is None:
        feedback.missing.append(FORGOT_RETURN)
        return None
    if isinstance(found, str | int | float) or not hasattr(found, "__iter__"):
        feedback.missing.append(f"your function returns {describe(found)}; return a list of "
                                f"numbers.")
        return None
    found = list(found)
    if texts := [value for value in found if isinstance(value, str)]:
        feedback.missing.append(f"your function returns text such as {texts[0]!r}: turn each "
                                f"match into a number with float() (remove the commas first).")
        return None
    if odd := [value for value in found if isinstance(value, bool)
               or not isinstance(value, int | float)]:
        feedback.missing.append(f"your list holds {describe(odd[0])}; it should hold numbers.")
        return None
    return [float(value) for value in found]


def check_number_extractor(answer: Any, analysis: Analysis) -> Feedback:
    """Run a student's `find_numbers(text)` on the article; compare with the kit's figures."""
    task = "Finding the numbers"
    if stop := not_a_function(task, "find_numbers", answer, "a function taking the article text"):
        return stop
    feedback = Feedback(task)
    left = _extractor_values(answer, analysis.article.text, feedback)
    if not feedback.answered:
        return unanswered(task)
    if left is None:
        return report(feedback)
    figures = analysis.figures
    written = figures[figures["text"].str.contains(r"\d", regex=True)]
    wanted = [(row.paragraph, _written_values(row.text) | {row.value}) for row in
              written.itertuples()]
    missed = []
    for paragraph, values in wanted:
        hit = next((v for v in left if v in values), None)
        if hit is None:
            missed.append(paragraph)
        else:
            left.remove(hit)
    found = len(wanted) - len(missed)
    feedback.score = max(0.0, (found - len(left)) / max(len(wanted), 1))
    feedback.right.append(f"you found {found} of {len(wanted)} numbers written in digits.")
    if missed:
        feedback.missing.append(f"{len(missed)} are missing (paragraphs "
                                f"{paragraph_list(missed)}).")
        feedback.hint = "run hint('find_numbers', 1) and the hints after it."
    if left:
        feedback.missing.append(f"{len(left)} values in your list are not numbers of the "
                                f"text, e.g. {left[0]:g}.")
        pieces = any(str(int(v)) in str(int(w)) and v != w for v in left
                     for _, values in wanted for w in values if v == int(v))
        feedback.hint = ("is a comma splitting one number into two? '150,000' is one number."
                         if pieces else "check each value against the text.")
    return report(feedback)


def _as_row(answer: Any, columns: list[str]) -> tuple[pd.Series | None, str]:
    """One table row from an answer, or what is wrong with it."""
    if isinstance(answer, pd.DataFrame):
        if len(answer) != 1:
            return None, (f"give one row, not a table of {len(answer)} rows: `.iloc[-1]` takes "
                          f"the last row of a table.")
        answer = answer.iloc[0]
    if not isinstance(answer, pd.Series):
        return None, (f"give one row of the table (a pandas Series, e.g. `table.iloc[-1]`), "
                      f"not {describe(answer)}.")
    if absent := [column for column in columns if column not in answer.index]:
        return None, f"this is not a row of the table: it has no {', '.join(absent)}."
    return answer, ""


def _figure_category(figure: Any) -> str:
    return public_record().record_category(str(figure["unit"]))


def _latest_rows(totals: pd.DataFrame, category: str, before: str) -> pd.DataFrame:
    """The rows of `category` with the latest `date` ("as of") on or before `before`: one row,
    or several on a same-date tie, any of which is right."""
    rows = totals[(totals["what"] == category) & (totals["date"] <= pd.Timestamp(before))]
    return rows[rows["date"] == rows["date"].max()]


def _same_row(row: pd.Series, candidates: pd.DataFrame) -> bool:
    """Whether `row` holds the values of one of `candidates` (whatever its index or dtypes)."""
    def same(a: Any, b: Any) -> bool:
        return bool(pd.isna(a) and pd.isna(b)) or bool(a == b)

    return any(all(column in row.index and same(row[column], value)
                   for column, value in candidate.items())
               for _, candidate in candidates.iterrows())


def latest_cases(totals: pd.DataFrame) -> list[tuple[str, str]]:
    """(category, date) cases for `latest_before`: each category's dates (a total of that very
    day counts: "on or before"), and a day after each."""
    cases = []
    for category in ("total_deaths", "civilian_deaths"):
        dates = sorted(set(totals.loc[totals["what"] == category, "date"]))
        cases += [(category, f"{date + pd.Timedelta(days=days):%Y-%m-%d}") for date in dates
                  for days in (0, 1)]
    return cases


@dataclass
class _LatestTally:
    """How a `latest_before` did over the cases: right, and each kind of wrong row."""

    right: int = 0
    later: int = 0
    other: int = 0
    earlier: list[tuple[str, str]] = field(default_factory=list)
    """(category, date) where an earlier row of the category came back."""
    published: int = 0
    """Of those, the rows that are the latest among the rows published by the date."""
    none_published: bool = False
    """The function stopped on a date by which a total was counted but none published."""


def _latest_right(answer: Any, totals: pd.DataFrame, cases: list[tuple[str, str]],
                  feedback: Feedback) -> _LatestTally:
    """What the student's function gives over the cases, tallied by kind."""
    tally = _LatestTally()
    for category, date in cases:
        result = call(answer, totals, category, date)
        if result.blank:
            feedback.answered = False
            return tally
        published = totals[totals["published"] <= pd.Timestamp(date)]
        if result.error:
            feedback.missing.append(f"your function stops with {result.error} (category "
                                    f"{category!r}, date {date}).")
            tally.none_published = (_latest_rows(published, category, date).empty
                                    and not _latest_rows(totals, category, date).empty)
            return tally
        row, problem = _as_row(result.value, ["date", "what"])
        if row is None:
            if result.value is None:
                problem = FORGOT_RETURN
            if problem not in feedback.missing:
                feedback.missing.append(problem)
            continue
        latest = _latest_rows(totals, category, date)
        when = pd.Timestamp(row["date"])
        if _same_row(row, latest):
            tally.right += 1
        elif when > pd.Timestamp(date):
            tally.later += 1
        elif row["what"] != category:
            tally.other += 1
        elif not latest.empty and when < latest["date"].max():
            tally.earlier.append((category, date))
            tally.published += _same_row(row, _latest_rows(published, category, date))
    return tally


def check_latest_before(answer: Any, totals: pd.DataFrame) -> Feedback:
    """Check `latest_before(table, category, date)` on several categories and dates.

    Rows go by `date`, the day a total counts up to ("as of"); on a same-date tie any of the
    tied rows is right.
    """
    task = "The latest record before a date"
    if stop := not_a_function(task, "latest_before", answer,
                              "a function of a table, a category and a date"):
        return stop
    feedback = Feedback(task)
    cases = latest_cases(totals)
    tally = _latest_right(answer, totals, cases, feedback)
    if not feedback.answered:
        return unanswered(task)
    feedback.score_cases(tally.right, len(cases), "categories and dates tried",
                         every="test dates")
    if tally.later:
        feedback.missing.append(f"for {tally.later} of the dates tried your function gives a "
                                f"row dated after the date (a total counted up to a later day).")
    if tally.other:
        feedback.missing.append(f"for {tally.other} of them it gives a row of another "
                                f"category.")
    if tally.earlier:
        category, date = tally.earlier[0]
        feedback.missing.append(f"for {len(tally.earlier)} of them it gives an earlier row of "
                                f"the category, though a later one is still on or before the "
                                f"date (e.g. {category!r} on {date}).")
    if tally.none_published or tally.earlier and tally.published == len(tally.earlier):
        feedback.hint = ("this task goes by `date`, the day a total counts up to (“as of”), "
                         "not `published`, the day it came out: filter and sort on `date`.")
    elif tally.earlier and not tally.later and not tally.other:
        feedback.hint = "among the rows left, take the latest one, not the first."
    elif tally.right < len(cases):
        feedback.hint = "run hint('latest_before', 1) and the hints after it."
    return report(feedback)


def check_record_row(answer: Any, figure: pd.Series, totals: pd.DataFrame,
                     before: str) -> Feedback:
    """Check the casualty record chosen to compare an article's figure with."""
    task = "Choosing the record"
    if answer is None:
        return unanswered(task)
    feedback = Feedback(task)
    row, problem = _as_row(answer, ["date", "what"])
    if row is None:
        feedback.missing.append(problem)
        return report(feedback)
    category = _figure_category(figure)
    right_kind = feedback.point(row["what"] == category,
                                "the row counts the same thing as the article's figure.",
                                f"this row counts {row['what']}, not what the article's "
                                f"“{figure['text']}” counts.")
    when = pd.Timestamp(row["date"])
    if when > pd.Timestamp(before):
        feedback.missing.append(f"this total counts up to {when:%d %B %Y}, after the "
                                f"article's day: it cannot be what the article's figure was.")
    elif right_kind:
        latest = _latest_rows(totals, category, before)
        feedback.point(not latest.empty and when == latest["date"].max(),
                       "it is the latest total published before the article.",
                       "a later total of the same kind was published before the article.")
    feedback.hint = "hint('category', 1) is about the category; hint('latest_before', 1) the row."
    feedback.score = len(feedback.right) / 2
    return report(feedback)


def check_previous_estimate(answer: Any, analysis: Analysis, estimates: pd.DataFrame,
                            before: str) -> Feedback:
    """Check which published troop estimate the article's 'previous' figure refers to."""
    records = public_record()
    task = "The previous estimate"
    if answer is None:
        return unanswered(task)
    feedback = Feedback(task)
    figures = analysis.figures
    previous = figures[(figures["category"] == "troops")
                       & figures["time"].str.contains("previous", case=False)]
    if previous.empty:
        feedback.missing.append("the kit finds no troop figure called 'previous' in this "
                                "article, so there is nothing to check.")
        return report(feedback)
    row, problem = _as_row(answer, ["date", "low", "high"])
    if row is None:
        feedback.missing.append(problem)
        return report(feedback)
    figure = previous.iloc[0]
    record = estimates[estimates["date"] < pd.Timestamp(before)]
    agreeing = [r for _, r in record.iterrows()
                if records.compare(figure, r).verdict == Verdict.AGREE]
    mine = row
    when = pd.Timestamp(mine["date"])
    feedback.point(records.compare(figure, mine).verdict == Verdict.AGREE,
                   f"its number matches the article's “{figure['text']}”.",
                   f"this estimate ({mine['low']:,.0f}–{mine['high']:,.0f}) does not match the "
                   f"article's “{figure['text']}”.")
    if when >= pd.Timestamp(before):
        feedback.missing.append(f"it is dated {when:%d %B %Y}, not before the article.")
    elif agreeing:
        latest = max(pd.Timestamp(r["date"]) for r in agreeing)
        feedback.point(when == latest, "it is the latest matching estimate before the "
                       "article.", "a later estimate with that number came before the article.")
    feedback.hint = "run hint('previous_row', 1) and the hints after it."
    return report(feedback)
