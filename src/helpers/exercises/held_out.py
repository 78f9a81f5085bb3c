"""The hidden tests' own cases: held-out texts and calls the visible checks never show.

Only the grader reads this module (through `helpers.exercises.hidden`); the student kit
leaves it out, so a student cannot read the cases a function is tried on. Each `score_...`
gives the share of a task (0 to 1): the visible check's share and the held-out cases'.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from helpers.exercises.feedback import Feedback, call, quiet_share
from helpers.exercises.numbers import _extractor_values, check_number_extractor
from helpers.exercises.quotes import (
    _expected_around,
    _pattern_list,
    check_quote_pattern,
    check_sentences_around,
    check_speakers,
    pattern_matches,
)
from helpers.exercises.stances import (
    _agreement_right,
    check_percent_agreement,
    check_stance_coding,
)
from helpers.exercises.troop_chart import (
    _counts,
    _figure,
    _points,
    _reference,
    _scale,
    check_chart,
    check_troop_table,
    projection_rows,
)
from helpers.extract.ruleset import rules_for
from helpers.rules import LANGUAGE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from helpers.analysis import Analysis

RULES = rules_for(LANGUAGE)
"""The rules the exercises read: the lessons are in English."""

HELD_OUT = ("“We will not move,” the mayor said. Later she added: “Not this year.” "
            "“Never,” said Anna Berg, and “not ever” was her last word.")
"""A short text with four quotes, two speakers after and before, and two quotes in a row."""


@cache
def held_out_doc() -> Doc:
    """The held-out text, parsed once by the kit's model."""
    from helpers.nlp import load_nlp

    return load_nlp()(HELD_OUT)


def _held_out_quotes(doc: Doc) -> list[Span]:
    known = RULES.marks
    spans, start = [], None
    for token in doc:
        if token.text in known.opening:
            start = token.i
        elif token.text in known.closing and start is not None:
            spans.append(doc[start:token.i + 1])
            start = None
    return spans


def score_quote_pattern(answer: Any, analysis: Analysis) -> float:
    """Hidden test: the pattern on the article (half) and on held-out quotes (half), 0 to 1."""
    visible = quiet_share(check_quote_pattern, answer, analysis)
    patterns, _ = _pattern_list(answer) if answer is not None else (None, "")
    if patterns is None:
        return 0.0
    doc = held_out_doc()
    result = call(pattern_matches, patterns, doc)
    if result.error:
        return visible / 2
    expected = {(s.start, s.end) for s in _held_out_quotes(doc)}
    found = {(s.start, s.end) for s in result.value}
    held = len(expected & found) / len(expected) - len(found - expected) / len(expected)
    return visible / 2 + max(held, 0.0) / 2


def score_sentences_around(answer: Any, analysis: Analysis) -> float:
    """Hidden test: the article (half) and the held-out quotes (half), which end sentences
    ('“Not this year.”'), so `quote.doc[quote.end]` (one token too far) shows, 0 to 1."""
    visible = quiet_share(check_sentences_around, answer, analysis)
    if not callable(answer):
        return 0.0
    quotes = _held_out_quotes(held_out_doc())
    right = 0
    for quote in quotes:
        value = call(answer, quote).value
        right += (getattr(value, "start", None), getattr(value, "end", None)) == \
            _expected_around(quote)
    return visible / 2 + right / len(quotes) / 2


def score_speakers(answer: Any, analysis: Analysis) -> float:
    """Hidden test: speakers on the article (two thirds) and on a held-out text, 0 to 1."""
    visible = quiet_share(check_speakers, answer, analysis)
    if not callable(answer):
        return 0.0
    doc = held_out_doc()
    expected = ["mayor", "she", "Anna Berg", "Anna Berg"]
    right = 0
    for quote, name in zip(_held_out_quotes(doc), expected, strict=False):
        got = call(answer, quote).value
        got = getattr(got, "text", got)
        right += isinstance(got, str) and name.lower() in got.lower()
    return 2 * visible / 3 + right / len(expected) / 3


HELD_OUT_NUMBERS = {
    "Up 3.5 percent in 2021, to 1,200,000 barrels.": [3.5, 2021.0, 1_200_000.0],
    "No figures at all here.": [],
    "Between 40 and 45,500 people; 7 died.": [40.0, 45_500.0, 7.0],
}
"""Hidden cases: a decimal, two thousands separators, no number, three numbers in a row."""


def score_numbers(answer: Any, analysis: Analysis) -> float:
    """Hidden test: the article (half) and held-out sentences (half), 0 to 1."""
    visible = quiet_share(check_number_extractor, answer, analysis)
    if not callable(answer) or visible == 0:  # `return []` is right only on "No figures"
        return 0.0
    right = sum(_extractor_values(answer, text, Feedback("hidden")) == expected
                for text, expected in HELD_OUT_NUMBERS.items())
    return visible / 2 + right / len(HELD_OUT_NUMBERS) / 2


HELD_OUT_CASES = [
    (("x", "y"), ("x", "x")),
    (["a"] * 9 + ["b"], ["a"] * 10),
    (pd.Series(["p", "q", "r"], index=[7, 8, 9]), ["p", "q", "q"]),
]
"""Hidden cases: tuples, a long list, a Series with its own index."""


def score_agreement(answer: Any) -> float:
    """Hidden test: the visible cases (half) and held-out cases (half), 0 to 1."""
    visible = quiet_share(check_percent_agreement, answer)
    if not callable(answer):
        return 0.0
    right, _, _ = _agreement_right(answer, HELD_OUT_CASES, Feedback("hidden"))
    return visible / 2 + max(right, 0) / len(HELD_OUT_CASES) / 2


def score_coding(answer: Any, analysis: Analysis) -> float:
    """Hidden test: the share of the key's rows coded alike, against the pass mark, 0 to 1."""
    return quiet_share(check_stance_coding, answer, analysis)


def score_chart(answer: Any, reference: Any = None) -> float:
    """Hidden test: the visible criteria (two thirds) and each point at its date (a third)."""
    import matplotlib.dates as mdates

    visible = quiet_share(check_chart, answer, reference)
    fig = _figure(answer)
    if fig is None or visible == 0:  # no zero baseline or no source: the gate holds
        return 0.0
    estimates = _counts(_reference(reference))
    points = _points(fig.axes[0])
    scale = _scale(fig.axes[0], estimates)
    dates = mdates.date2num(estimates["date"])
    placed = sum(any(abs(x - date) < 0.5 and abs(y - value / scale) < 0.5 for x, y in points)
                 for date, value in zip(dates, estimates["midpoint"], strict=True))
    projection = _reference(reference)[projection_rows(_reference(reference))]
    stray = sum(any(abs(y - value / scale) < 0.5 for _, y in points)
                for value in projection["high"])
    hidden = max(placed - stray, 0) / len(estimates)
    return 2 * visible / 3 + hidden / 3


def score_table(answer: Any, reference: Any) -> float:
    """Hidden test: the table's criteria, 0 to 1 (the visible check shows them all)."""
    return quiet_share(check_troop_table, answer, reference)
