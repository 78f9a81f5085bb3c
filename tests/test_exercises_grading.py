"""Grading a class: three fixture students on all five lessons, with the expected scores."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.exercises.grade import GRADE_COLUMNS, grade
from helpers.paths import PROJ_ROOT

sys.path.insert(0, str(Path(__file__).parent / "grading"))
from submissions import EXPECTED_TOTALS, EXPECTED_TYPICAL, write_submissions  # noqa: E402
from test_grading_class import needs_bwrap  # noqa: E402


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> tuple[pd.DataFrame, list[str]]:
    folder = tmp_path_factory.mktemp("submitted")
    write_submissions(folder)
    out = folder / "grades.csv"
    lines: list[str] = []
    grade(folder, out, say=lines.append)
    return pd.read_csv(out), lines


@pytest.mark.slow
@needs_bwrap
def test_grades_csv_has_one_row_per_student_and_task(graded):
    grades, _ = graded
    assert list(grades.columns) == GRADE_COLUMNS
    assert not grades.duplicated(["student", "lesson", "task"]).any()
    tasks = grades.groupby("student")["task"].count()
    assert set(tasks) == {23} and set(tasks.index) == set(EXPECTED_TOTALS)


@pytest.mark.slow
@needs_bwrap
def test_the_three_students_get_the_expected_scores(graded):
    grades, _ = graded
    scored = grades[grades["task"] != "reflection"]
    assert set(scored["status"]) <= {"graded"} | {
        status for status in scored["status"] if status.startswith("no credit")}
    totals = scored.groupby("student")["score"].sum().round(2).to_dict()
    assert totals == EXPECTED_TOTALS
    assert scored.groupby("student")["max_score"].sum().to_dict() == {
        student: 25.0 for student in EXPECTED_TOTALS}
    typical = scored[scored["student"] == "typical"].set_index("task")["score"].to_dict()
    assert typical == EXPECTED_TYPICAL
    reflections = grades[grades["task"] == "reflection"].set_index("student")["status"]
    assert set(reflections["right"]) == {"by hand"}


@pytest.mark.slow
@needs_bwrap
def test_the_guide_shows_the_grading_output(graded):
    _, lines = graded
    guide = (PROJ_ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
    for line in lines:
        assert line.rsplit(" (", 1)[0] in guide
