"""Grading a class offline: three fixture students into grades.csv with the expected scores."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.exercises.grade import GRADE_COLUMNS, grade
from helpers.paths import PROJ_ROOT

sys.path.insert(0, str(Path(__file__).parent / "grading"))
from submissions import write_submissions  # noqa: E402

EXPECTED_TOTALS = {"right": 25.0, "typical": 8.18, "nonsense": 0.0}
"""Points of the graded cells (reflections are graded by hand), out of 25."""
EXPECTED_TYPICAL = {
    "sentences": 0.0, "people": 0.0, "most_mentioned": 0.0, "quote_pattern": 0.0,
    "sentences_around": 0.97, "speech_verb": 0.13, "subject_of": 0.0, "speakers": 0.0,
    "coding": 3.0, "agreement": 0.12, "find_numbers": 0.33, "latest_before": 0.25,
    "record_row": 1.0, "previous_row": 0.0, "table": 1.0, "chart": 1.38,
}


@pytest.fixture(scope="module")
def grades(tmp_path_factory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("submitted")
    write_submissions(folder)
    out = folder / "grades.csv"
    grade(folder, out)
    return pd.read_csv(out)


@pytest.mark.slow
def test_grades_csv_has_one_row_per_student_and_task(grades):
    assert list(grades.columns) == GRADE_COLUMNS
    assert not grades.duplicated(["student", "lesson", "task"]).any()
    tasks = grades.groupby("student")["task"].count()
    assert set(tasks) == {21} and set(tasks.index) == set(EXPECTED_TOTALS)


@pytest.mark.slow
def test_the_three_students_get_the_expected_scores(grades):
    graded = grades[grades["status"] == "graded"]
    totals = graded.groupby("student")["score"].sum().round(2).to_dict()
    assert totals == EXPECTED_TOTALS
    assert graded.groupby("student")["max_score"].sum().to_dict() == {
        student: 25.0 for student in EXPECTED_TOTALS}
    typical = graded[graded["student"] == "typical"].set_index("task")["score"].to_dict()
    assert typical == EXPECTED_TYPICAL
    reflections = grades[grades["task"] == "reflection"].set_index("student")["status"]
    assert set(reflections["nonsense"]) == {"not answered"}
    assert set(reflections["right"]) == {"by hand"}


@pytest.mark.slow
def test_the_guide_shows_the_grading_output(grades):
    guide = (PROJ_ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
    for student, total in EXPECTED_TOTALS.items():
        assert f"{student}: {total:g} of 35 points" in guide
