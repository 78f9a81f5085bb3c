"""Attribution as newspapers and wires write it: one test per class of mistake seen on US and
UK newspaper prose (issue 18), each from sentences written for the test."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.extract.marks import stretches


def quotes(analysis) -> pd.DataFrame:
    return analysis.quotes[["speaker", "kind", "text"]]


def speaker(analysis, fragment: str, kind: str | None = None) -> str:
    table = analysis.quotes
    rows = table[table["text"].str.contains(fragment, regex=False)]
    if kind:
        rows = rows[rows["kind"] == kind]
    assert len(rows) == 1, f"one quote holding {fragment!r} expected:\n{quotes(analysis)}"
    return rows.iloc[0]["speaker"]


@pytest.mark.parametrize("paragraph, inside", [
    ("''We will not wait,'' she said.", ["We will not wait,"]),
    ("``We will not wait,'' she said.", ["We will not wait,"]),
    ("He called it ``a disgrace'' and left.", ["a disgrace"]),
    ("The students'' union met.", []),
])
def test_doubled_apostrophes_and_backticks_are_quotation_marks(paragraph, inside):
    found = [paragraph[s.start:s.end] for s in stretches(paragraph) if s.start is not None]
    assert found == inside


def test_an_archive_story_in_doubled_marks_is_attributed(analyze_text):
    analysis = analyze_text(
        "Council delays the budget vote\n\n"
        "''The numbers do not add up,'' said Maria Okafor, the council's finance chair. "
        "''We need another month.''\n\n"
        "Ms. Okafor said the city ``cannot afford another shortfall'' this year.\n")
    assert speaker(analysis, "The numbers do not add up") == "Maria Okafor"
    assert speaker(analysis, "We need another month") == "Maria Okafor"
    assert speaker(analysis, "cannot afford another shortfall", "direct") == "Maria Okafor"
