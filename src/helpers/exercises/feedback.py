"""Shared feedback for the lessons: what a check found, stepwise hints, and safe calls.

Every `check_...` function of a lesson takes the student's answer first, prints friendly
feedback and returns a `Feedback`. It never raises: an unanswered task prints "not answered
yet"; an answer of the wrong kind (a string where a list is wanted, a table where a row is
wanted) is named with what to give instead; an error inside a student's function is reported
with the quote or case it failed on and the error's last line, never a traceback. Feedback
counts and points to paragraphs; it never prints the answer. `Feedback.score` (0 to 1) is what
the grader's hidden tests multiply by a task's points.
"""

from __future__ import annotations

import contextlib
import io
import os
import warnings
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from helpers.report import words

NOT_ANSWERED = "not answered yet"
WELL_DONE = "Well done!"
BLANK = "____"
"""The blank a fill-in step leaves for the student; code that still holds it is unanswered."""
STRICT = "HELPERS_STRICT_CHECKS"
"""Set to 1, every check cell raises until its task is passed (the teacher notebooks' test)."""


class TaskNotPassed(AssertionError):
    """A task is not passed yet: what nbgrader's Validate reports for its check cell."""

    def _render_traceback_(self) -> list[str]:
        """One line in Jupyter instead of a traceback (IPython calls this)."""
        return [f"{type(self).__name__}: {self}"]


@dataclass
class Feedback:
    """What a check found: right points, missing or wrong points, a hint, and a score."""

    task: str
    answered: bool = True
    right: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    hint: str = ""
    notes: list[str] = field(default_factory=list)
    score: float | None = None
    """Share of the task done (0 to 1); None means 1 when passed, else 0."""

    @property
    def passed(self) -> bool:
        """True when the task is answered and nothing is missing or wrong."""
        return self.answered and not self.missing

    @property
    def share(self) -> float:
        """The score as a number from 0 to 1 (0 when unanswered)."""
        if not self.answered:
            return 0.0
        if self.score is None:
            return 1.0 if self.passed else 0.0
        return min(max(float(self.score), 0.0), 1.0)

    def require(self) -> None:
        """Raise `TaskNotPassed` unless the task is passed: under nbgrader's Validate, or with
        HELPERS_STRICT_CHECKS=1. Working in class and under autograde (partial credit) it is
        silent: the printed feedback says what is left."""
        strict = os.environ.get("NBGRADER_EXECUTION") == "validate" or os.environ.get(STRICT)
        if strict and not self.passed:
            state = "not passed yet" if self.answered else NOT_ANSWERED
            raise TaskNotPassed(f"{self.task}: {state} (the feedback above says what is "
                                f"missing).")

    def message(self) -> str:
        """The feedback as the student reads it."""
        if not self.answered:
            return (f"{self.task}: {NOT_ANSWERED}. Replace `# YOUR CODE HERE` (or each "
                    f"{BLANK}) with your code, then run the cell again.")
        lines = [f"{self.task}: {WELL_DONE if self.passed else 'not quite yet.'}"]
        lines += [f"  ✓ {point}" for point in self.right]
        lines += [f"  ✗ {point}" for point in self.missing]
        lines += [f"  • {note}" for note in self.notes]
        if self.hint and (self.notes or not self.passed):
            lines.append(f"  Hint: {self.hint}")
        return "\n".join(lines)

    def point(self, ok: bool, right: str, missing: str) -> bool:
        """Record one criterion as right or missing; return `ok`."""
        (self.right if ok else self.missing).append(right if ok else missing)
        return ok

    def score_cases(self, right: int, total: int, cases: str, *, every: str = "",
                    on: str = "for") -> None:
        """Score the share right and say 'right for all 9 quotes.' or 'right for 7 of 9 quotes.'

        `every` names the cases in the first when it differs; `on` is the word before the count.
        """
        self.score = right / max(total, 1)
        self.point(right == total, f"right {on} all {total} {every or cases}.",
                   f"right {on} {right} of {total} {cases}.")

    def mistake(self, paragraphs: Collection[Any], text: str, *, note: bool = False) -> None:
        """Say `text` as missing (or as a note) when a mistake was made in any paragraph.

        In `text`, {n} is how many times and {paragraphs} where, in order.
        """
        if paragraphs:
            (self.notes if note else self.missing).append(
                text.format(n=len(paragraphs), paragraphs=paragraph_list(paragraphs)))

    def __str__(self) -> str:
        return self.message()


def report(feedback: Feedback) -> Feedback:
    """Print the feedback and return it."""
    print(feedback.message())
    return feedback


def unanswered(task: str) -> Feedback:
    """The feedback for a task still holding its stub."""
    return report(Feedback(task, answered=False))


def wrong_kind(task: str, name: str, answer: Any, wanted: str, fix: str = "") -> Feedback:
    """Feedback for an answer of the wrong kind: what it is, what is wanted, how to get it."""
    feedback = Feedback(task)
    feedback.missing.append(f"`{name}` should be {wanted}, but it is {describe(answer)}.")
    feedback.hint = fix
    return report(feedback)


def not_a_function(task: str, name: str, answer: Any, wanted: str,
                   fix: str = "") -> Feedback | None:
    """The printed feedback when a function task is unanswered or not a function; else None."""
    if answer is None:
        return unanswered(task)
    if not callable(answer):
        return wrong_kind(task, name, answer, wanted, fix)
    return None


def describe(value: Any) -> str:
    """A value in a few words for a beginner: 'a string ('Biden')', 'a list of 3 sentences'."""
    from spacy.tokens import Doc, Span, Token

    if value is None:
        return "None (nothing)"
    if isinstance(value, bool):
        return f"a True/False value ({value})"
    if isinstance(value, str):
        return f"a string ({_short(value)!r})"
    if isinstance(value, int | float):
        return f"a number ({value:g})"
    if isinstance(value, Token):
        return f"a spaCy Token ({value.text!r}), not its text"
    if isinstance(value, Span):
        return f"a spaCy Span ({_short(value.text)!r})"
    if isinstance(value, Doc):
        return "the whole spaCy Doc"
    if isinstance(value, pd.DataFrame):
        return f"a table of {words.count(len(value), 'row')}"
    if isinstance(value, pd.Series):
        return f"a pandas Series of {words.count(len(value), 'value')}"
    if isinstance(value, list | tuple | set):
        kinds = Counter(type(item).__name__ for item in value)
        what = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common(2))
        shown = f"a {type(value).__name__} of {words.count(len(value), 'item')}"
        return shown + (f" ({what})" if what else "")
    if callable(value):
        return "a function"
    if hasattr(value, "__next__"):
        return "a generator (it gives its items one by one and has no length)"
    return f"a {type(value).__name__}"


def _short(text: str, width: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 1] + "…"


@dataclass
class Call:
    """The outcome of calling a student's function: its value, or what went wrong."""

    value: Any = None
    error: str = ""
    blank: bool = False


def call(function: Callable[..., Any], *args: Any) -> Call:
    """Call student code quietly: warnings and stderr are swallowed, errors become a sentence."""
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        try:
            return Call(function(*args))
        except NotImplementedError:  # the stub of a function not written yet
            return Call(blank=True)
        except Exception as error:  # noqa: BLE001 - any error in student code becomes feedback
            if BLANK in str(error):
                return Call(blank=True)
            return Call(error=_error_line(error))


def check_each(task: str, name: str, answer: Any, wanted: str,
               cases: Iterable[tuple[tuple[Any, ...], str]],
               judge: Callable[[Feedback, list[Any]], None], *, fix: str = "",
               stuck: str = "") -> Feedback:
    """Call a student's function on each case, then let `judge` fill the feedback from its values.

    A case is the function's arguments and where it is ('on the quote in paragraph 3'). The
    check ends first, with the standard words, when the task is unanswered, the answer is not a
    function (`name` should be `wanted`; `fix` says how) or the function stops with an error on
    a case (`stuck` is then the hint).
    """
    if stop := not_a_function(task, name, answer, wanted, fix):
        return stop
    feedback = Feedback(task)
    values = []
    for args, where in cases:
        result = call(answer, *args)
        if result.blank:
            return unanswered(task)
        if result.error:
            feedback.missing.append(f"your function stops with {result.error} {where}.")
            feedback.hint = stuck
            return report(feedback)
        values.append(result.value)
    judge(feedback, values)
    return report(feedback)


def quiet_share(check: Callable[..., Feedback], *args: Any) -> float:
    """A check's score (0 to 1) without its printed feedback, for the grader's hidden tests."""
    with contextlib.redirect_stdout(io.StringIO()):
        return check(*args).share


def _error_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def forgot_return(values: Iterable[Any]) -> bool:
    """True when every call returned None, the sign of a function without `return`."""
    values = list(values)
    return bool(values) and all(value is None for value in values)


FORGOT_RETURN = ("your function returns None every time: does it end with `return` and the "
                 "value? A function that only prints or assigns gives back nothing.")


# --- Hints, step by step -----------------------------------------------------------------------


def hint_printer(hints: dict[str, Sequence[str]]) -> Callable[[str, int], None]:
    """A `hint(task, step)` function for one lesson's stepwise hints."""

    def hint(task: str, step: int = 1) -> None:
        """Print hint number `step` for `task`, and say whether another one follows."""
        if task not in hints:
            print(f"There are hints for: {', '.join(repr(name) for name in hints)}.")
            return
        steps = hints[task]
        if not isinstance(step, int) or not 1 <= step <= len(steps):
            print(f"{task!r} has hints 1 to {len(steps)}: try hint({task!r}, 1).")
            return
        more = (f" (next: hint({task!r}, {step + 1}))" if step < len(steps)
                else " (the last hint)")
        print(f"Hint {step} of {len(steps)} for {task!r}{more}:\n  {steps[step - 1]}")

    return hint


def paragraph_list(numbers: Iterable[Any]) -> str:
    """Paragraph numbers in order, once each: '4, 13, 21'."""
    return ", ".join(str(n) for n in sorted({int(n) for n in numbers}))
