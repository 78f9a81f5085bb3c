"""Grading a class safely: ten lesson-1 hand-ins, each a way a class breaks a grader."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import uuid
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers.exercises import grade as grading
from helpers.exercises import hidden, sandbox, submissions
from helpers.paths import CACHE_DIR

sys.path.insert(0, str(Path(__file__).parent / "grading"))
from submissions import NONSENSE, write_class  # noqa: E402


def _bwrap_works() -> bool:
    try:
        sandbox.bwrap()
    except (OSError, subprocess.SubprocessError):
        return False
    return True


needs_bwrap = pytest.mark.skipif(not _bwrap_works(), reason=sandbox.INSTALL)


def _digest(folder: Path) -> dict[str, str]:
    return {str(path): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    canary = CACHE_DIR / f"canary-{uuid.uuid4().hex}.txt"
    canary.write_text("keep me", encoding="utf-8")
    try:
        plans = write_class(root / "submitted", canary)
        before = _digest(root / "submitted")
        lines: list[str] = []
        limits = sandbox.Limits(cell_seconds=45, notebook_seconds=400, memory_mb=4096)
        grading.grade(root / "submitted", root / "grades.csv", root / "graded", limits,
                      lessons=["01_actors"], say=lines.append)
        after = _digest(root / "submitted")
        yield {"grades": pd.read_csv(root / "grades.csv"), "plans": plans, "lines": lines,
               "unchanged": before == after, "canary": canary.read_text(encoding="utf-8"),
               "planted": (canary.parent / "planted.txt").exists(), "root": root}
    finally:
        canary.unlink(missing_ok=True)
        (canary.parent / "planted.txt").unlink(missing_ok=True)


def _totals(grades: pd.DataFrame) -> dict[str, float]:
    return grades.groupby("student")["score"].sum().round(2).to_dict()


def _status(grades: pd.DataFrame, student: str, task: str) -> str:
    row = grades[(grades["student"] == student) & (grades["task"] == task)]
    return str(row["status"].iloc[0])


@pytest.mark.slow
@needs_bwrap
def test_every_student_is_in_grades_csv_with_a_row_per_task(graded):
    grades = graded["grades"]
    assert list(grades.columns) == grading.GRADE_COLUMNS
    assert set(grades["student"]) == set(graded["plans"])
    assert set(grades.groupby("student")["task"].count()) == {4}
    assert [line.split(":")[0] for line in graded["lines"]] == [
        f"[{n}/{len(graded['plans'])}] {student}"
        for n, student in enumerate(sorted(graded["plans"]), 1)]


@pytest.mark.slow
@needs_bwrap
def test_right_answers_score_full_marks_under_any_file_name(graded):
    totals = _totals(graded["grades"])
    assert totals["right"] == totals["downloaded"] == 4.0
    grades = graded["grades"]
    assert set(grades[grades["student"] == "downloaded"]["file"]) == {"01_actors (1).ipynb"}
    assert _status(grades, "right", "reflection") == "by hand"
    assert _status(grades, "cheat", "reflection").startswith("no credit")


@pytest.mark.slow
@needs_bwrap
def test_broken_hand_ins_become_their_own_rows(graded):
    grades = graded["grades"]
    totals = _totals(grades)
    assert _status(grades, "empty", "people") == "failed: the notebook is empty"
    assert _status(grades, "absent", "people") == "not submitted"
    assert _status(grades, "dead_kernel", "people").startswith("failed: the kernel died")
    assert totals["empty"] == totals["absent"] == totals["dead_kernel"] == 0.0
    # the endless cell is stopped after 45 s; the tasks after it are still graded
    assert _status(grades, "endless", "sentences").startswith("failed: the check stopped")
    assert totals["endless"] == 3.0


@pytest.mark.slow
@needs_bwrap
def test_deleted_check_cells_and_parameters_are_restored(graded):
    grades = graded["grades"]
    assert _totals(grades)["no_checks"] == 4.0
    kept = nbformat.read(graded["root"] / "graded" / "no_checks" / "01_actors.ipynb", 4)
    ids = [submissions.key(cell) for cell in kept.cells]
    assert {"parameters", "sentences", "people", "most_mentioned"} <= set(ids)


@pytest.mark.slow
@needs_bwrap
def test_the_cheat_and_the_deleter_get_nothing_and_change_nothing(graded):
    grades = graded["grades"]
    totals = _totals(grades)
    assert totals["cheat"] == 0.0
    assert _status(grades, "cheat", "people").startswith("no credit: the cell starting")
    assert "imports helpers.exercises.feedback" in _status(grades, "cheat", "people")
    assert totals["deleter"] == 2.0  # people = [] earns nothing; the rest is right
    assert graded["canary"] == "keep me" and not graded["planted"]
    assert graded["unchanged"]


@pytest.mark.slow
@needs_bwrap
def test_feedback_pages_and_marks_sheet_are_kept_and_read_back(graded, tmp_path):
    root = graded["root"]
    page = (root / "graded" / "typical" / "feedback.html").read_text(encoding="utf-8")
    assert "Finding the people: not quite yet." in page
    marks = pd.read_csv(root / "graded" / grading.MARKS_FILE)
    assert list(marks.columns) == grading.MARK_COLUMNS
    assert {"right", "typical"} <= set(marks["student"])
    assert not {"cheat", "empty", "no_checks"} & set(marks["student"])
    marks["points"] = 1.5
    marks.to_csv(root / "graded" / grading.MARKS_FILE, index=False)
    table = graded["grades"].copy()
    table.loc[table["status"] == "by hand", "score"] = None
    filled = grading._with_marks(table, root / "graded")
    row = filled[(filled["student"] == "typical") & (filled["task"] == "reflection")]
    assert row[["score", "status"]].values.tolist() == [[1.5, "graded by hand"]]


def test_hidden_tests_ignore_a_patched_kernel(monkeypatch):
    """The two cheats of the review, done in this process: the hidden score does not move."""
    import helpers.exercises.actors as actors
    import helpers.exercises.feedback as feedback

    honest = hidden.points("people", ["nobody"])
    monkeypatch.setattr(feedback.Feedback, "share", property(lambda self: 1.0))
    monkeypatch.setattr(actors, "check_people", lambda *args: feedback.Feedback("x"))
    assert hidden.points("people", ["nobody"]) == honest == 0.0
    assert hidden.points("sentences", NONSENSE["sentences_answer"]) == 0.0


def test_screen_names_what_reaches_into_the_grading():
    release = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from helpers.exercises.actors import check_people, hint")])
    cells = [nbformat.v4.new_code_cell(source) for source in (
        "import sys", "def check_people(x):\n    return 1", "x = people.__class__",
        "%time n = 1", "people = sorted(set(names))", "import re\nn = len(re.findall('a', t))",
        "NUMBER = re.compile(r'\\d+')")]
    found = submissions.screen(cells, release)
    assert [reason.split("' ", 1)[1] for reason in found] == [
        "imports sys", "redefines check_people", "uses __class__", "uses get_ipython"]


@pytest.mark.parametrize("names, chosen", [
    (["01_actors.ipynb"], "01_actors.ipynb"),
    (["01_actors (1).ipynb"], "01_actors (1).ipynb"),
    (["01_Actors-copy.ipynb", "notes.ipynb", "010_x.ipynb"], "01_Actors-copy.ipynb"),
    (["01actors.ipynb", "02A_quotes (1).ipynb", "02b_speakers.ipynb"], "01actors.ipynb"),
])
def test_files_are_matched_by_lesson_number(tmp_path, names, chosen):
    for name in names:
        (tmp_path / "ana" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "ana" / name).write_text("{}", encoding="utf-8")
    (tmp_path / "ben").mkdir()
    found = submissions.submitted(tmp_path, ["01_actors", "02a_quotes", "02b_speakers"])
    parts = {"02a_quotes": "02A_quotes (1).ipynb", "02b_speakers": "02b_speakers.ipynb"}
    assert {student: {lesson: path.name for lesson, path in files.items()}
            for student, files in found.items()} == {
        "ana": {"01_actors": chosen, **{lesson: name for lesson, name in parts.items()
                                        if name in names}}, "ben": {}}


@pytest.mark.parametrize("content, reason", [
    (b"", "failed: the notebook is empty"),
    (b"  \n", "failed: the notebook is empty"),
    (b"{not json", "failed: the file is not a readable notebook"),
    (b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
     "failed: the notebook has no cells"),
])
def test_unreadable_files_say_why(tmp_path, content, reason):
    path = tmp_path / "01_actors.ipynb"
    path.write_bytes(content)
    notebook, failed = submissions.read(path)
    assert notebook is None and failed.startswith(reason)
