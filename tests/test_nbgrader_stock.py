"""Stock nbgrader with the shipped nbgrader_config.py: blanks survive, partial credit is kept."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.exercises.build import teacher_notebooks
from helpers.paths import EXERCISES_DIR

sys.path.insert(0, str(Path(__file__).parent / "grading"))
from submissions import EXPECTED_TYPICAL, fill  # noqa: E402

LESSON_TASKS = {"01_actors": ["sentences", "people", "most_mentioned"],
                "02a_quotes": ["quote_pattern"],
                "02b_speakers": ["sentences_around", "speech_verb", "subject_of", "speakers"],
                "03_stances": ["coding", "agreement"],
                "04a_numbers": ["find_numbers"],
                "04b_records": ["latest_before", "record_row", "previous_row"],
                "05_troop_chart": ["table", "chart"]}


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    """The `nbgrader` command of this environment, run in the course folder."""
    scripts = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": os.pathsep.join([scripts, os.environ.get("PATH", "")])}
    return subprocess.run([str(Path(scripts) / "nbgrader"), *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A course as a teacher sets one up: the shipped config, the lessons in source/."""
    root = tmp_path_factory.mktemp("course")
    config = (EXERCISES_DIR / "nbgrader_config.py").read_text(encoding="utf-8")
    (root / "nbgrader_config.py").write_text(
        config + '\nc = get_config()  # noqa: F821\nc.CourseDirectory.course_id = "stock"\n'
        f"c.Exchange.root = {str(root / 'exchange')!r}\n", encoding="utf-8")
    for teacher in teacher_notebooks():
        (root / "source" / teacher.stem).mkdir(parents=True)
        shutil.copy(teacher, root / "source" / teacher.stem / teacher.name)
        done = nbgrader(root, "generate_assignment", teacher.stem, "--force")
        assert done.returncode == 0, done.stderr[-2000:]
    return root


def released(course: Path) -> list[Path]:
    return [course / "release" / path.stem / path.name for path in teacher_notebooks()]


@pytest.mark.slow
def test_stock_generate_assignment_keeps_the_kits_stubs_and_blanks(course):
    texts = {path.stem: "\n".join(cell.source for cell in nbformat.read(path, 4).cells)
             for path in released(course)}
    # stock ClearSolutions would put its own 'raise NotImplementedError()' where the kit's
    # def stubs (raise NotImplementedError, no call) and fill-in blanks stand
    assert all("NotImplementedError()" not in text for text in texts.values())
    assert all("BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
               for text in texts.values())
    assert texts["02b_speakers"].count("____") >= 3  # lesson 2b's fill-in steps
    assert "n_sentences = None" in texts["01_actors"]
    assert all("result.require()" in text for text in texts.values())


@pytest.mark.slow
def test_stock_autograde_keeps_partial_credit(course, tmp_path):
    from nbgrader.api import Gradebook

    fill(released(course), tmp_path)
    for path in (tmp_path / "typical").glob("*.ipynb"):
        target = course / "submitted" / "typical" / path.stem / path.name
        target.parent.mkdir(parents=True)
        shutil.copy(path, target)
    for lesson in LESSON_TASKS:
        done = nbgrader(course, "autograde", lesson, "--student", "typical", "--force")
        assert done.returncode == 0, done.stderr[-2000:]
    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "stock") as gradebook:
        for lesson, tasks in LESSON_TASKS.items():
            notebook = gradebook.find_submission_notebook(lesson, lesson, "typical")
            scores |= {grade.name: round(grade.score, 2) for grade in notebook.grades
                       if grade.name in tasks}
    assert scores == EXPECTED_TYPICAL  # the same points as make grade gives
    assert 0 < scores["people"] < 2 and 0 < scores["latest_before"] < 1


@pytest.mark.slow
def test_validate_fails_a_blank_notebook(course):
    blank = released(course)[0]
    done = nbgrader(course, "validate", str(blank))
    assert "TaskNotPassed" in done.stdout + done.stderr
    assert "Success" not in done.stdout
