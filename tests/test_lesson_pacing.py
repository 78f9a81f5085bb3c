"""Paced for 16-19 (issue 22): lessons of about 40 minutes, each term explained where first used,
every graded task in one lesson, and the guide's table naming every lesson."""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers.exercises.build import teacher_notebooks
from helpers.exercises.hidden import TASKS
from helpers.paths import PROJ_ROOT

TERMS = {
    "span": (r"\bquote\.(start|end)\b|\bspan\.", r"\*span\*"),
    "ORTH": (r'"ORTH"', r"`ORTH` is"),
    "OP": (r'"OP"', r"`OP` is"),
    "lemma": (r"\.lemma_\b", r"\*lemma\*"),
}
"""term -> (how code uses it, how a Markdown cell explains it)."""


@pytest.fixture(scope="module")
def lessons() -> dict[str, nbformat.NotebookNode]:
    return {path.stem: nbformat.read(path, as_version=4) for path in teacher_notebooks()}


def test_the_lessons_are_split_into_parts_of_about_forty_minutes(lessons):
    assert list(lessons) == ["01_actors", "02a_quotes", "02b_speakers", "03_stances",
                             "04a_numbers", "04b_records", "05_troop_chart"]
    for name, notebook in lessons.items():
        minutes = re.search(r"\*\*Time:\*\* about (\d+) minutes", notebook.cells[0].source)
        assert minutes and int(minutes.group(1)) <= 40, name


@pytest.mark.parametrize("term", TERMS)
def test_each_term_is_explained_before_its_first_use(lessons, term):
    used, explained = (re.compile(pattern) for pattern in TERMS[term])
    for name, notebook in lessons.items():
        first_use = next((i for i, cell in enumerate(notebook.cells)
                          if cell.cell_type == "code" and used.search(cell.source)), None)
        if first_use is None:
            continue
        assert any(cell.cell_type == "markdown" and explained.search(cell.source)
                   for cell in notebook.cells[:first_use + 1]), (term, name)


def test_every_task_is_graded_in_the_lesson_the_hidden_tests_name(lessons):
    graded = {cell.metadata["nbgrader"]["grade_id"]: name for name, notebook in lessons.items()
              for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")
              and cell.cell_type == "code"}
    assert graded == {task: spec.notebook for task, spec in TASKS.items()}
    reflections = [name for name, notebook in lessons.items() for cell in notebook.cells
                   if cell.metadata.get("nbgrader", {}).get("grade_id") == "reflection"]
    assert reflections == list(lessons)  # every lesson ends with its own reflection


def test_the_guide_names_every_lesson_and_the_pack_it_needs(lessons):
    guide = (PROJ_ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
    for name in lessons:
        assert f"`{name}.ipynb` |" in guide
    needs = " ".join(guide.split("**Which story pack each lesson needs.**")[1]
                     .split("\n\n")[0].split())
    assert "Lessons 1, 2a, 2b and 4a: none" in needs
    assert "Lessons 4b and 5: an article on the `ukraine-2022` pack" in needs


def test_a_former_lessons_student_copy_is_removed(tmp_path):
    from helpers.exercises.build import write_students
    from helpers.paths import EXERCISES_DIR

    for name in ("02_quotes.ipynb", "notes.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    write_students(tmp_path, [EXERCISES_DIR / "01_actors.ipynb"])
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "01_actors.ipynb", "README.md", "notes.ipynb"]


def test_the_index_lists_both_parts_of_a_lesson_in_order(tmp_path):
    from helpers.report.index import teaching_pages

    (tmp_path / "teaching").mkdir()
    for name in ("02b_speakers", "01_actors", "02a_quotes", "10_x-y"):
        (tmp_path / "teaching" / f"{name}.html").write_text("<html></html>", "utf-8")
    assert [page["title"] for page in teaching_pages(tmp_path)] == [
        "Actors", "Quotes", "Speakers", "X-y"]
