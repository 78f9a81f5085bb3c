"""The student copies: made by nbgrader, no solution, hint or output that gives an answer away.

The student folder is what a teacher hands out alone: notebooks and a README, nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers.exercises import actors, numbers, quotes, stances, troop_chart
from helpers.exercises.build import (
    CODE_STUB,
    MARKDOWN_STUB,
    NOT_WRITTEN,
    bound_names,
    solution_blocks,
    strip_code,
    strip_markdown,
    teacher_notebooks,
    write_students,
)
from helpers.exercises.feedback import NOT_ANSWERED, WELL_DONE
from helpers.exercises.hidden import TASKS

CELL = """\
x = 1
### BEGIN SOLUTION
answer = [n * 2 for n in range(3)]
def helper(a):
    return a
import numpy as np
### END SOLUTION
result = check(answer)
result.require()
"""

FILL_IN = """\
def f(quote):
    ### BEGIN SOLUTION
    first = quote.sent
    #| first = quote.____
    ### END SOLUTION
    return first
"""


def test_strip_code_stubs_each_bound_name_and_keeps_the_check():
    assert strip_code(CELL) == (
        f"x = 1\n{CODE_STUB}\nanswer = None\nnp = None\n\n\ndef helper(a):\n    {CODE_STUB}\n"
        f"    {NOT_WRITTEN}\nresult = check(answer)\nresult.require()"
    )


def test_a_fill_in_step_keeps_its_starter_with_blanks():
    assert strip_code(FILL_IN) == "def f(quote):\n    first = quote.____\n    return first"


def test_bound_names_of_tuples_and_annotations():
    assert bound_names("a, (b, c) = f()\nd: int = 1\nd += 1\nprint(a)\n") == ["a", "b", "c", "d"]
    with pytest.raises(ValueError, match="not valid Python"):
        bound_names("answer = (")


def test_strip_markdown_replaces_the_model_answer():
    source = "## Reflection\nWhy?\n\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION\n"
    assert strip_markdown(source) == f"## Reflection\nWhy?\n\n{MARKDOWN_STUB}"


@pytest.fixture(scope="module")
def handout(tmp_path_factory) -> Path:
    """The student folder as `make exercises` writes it (nbgrader's release)."""
    out = tmp_path_factory.mktemp("student")
    write_students(out)
    return out


def nbgrader_cells(notebook: nbformat.NotebookNode) -> list[dict]:
    return [cell.metadata["nbgrader"] for cell in notebook.cells if "nbgrader" in cell.metadata]


@pytest.mark.parametrize("teacher_path", teacher_notebooks(), ids=lambda path: path.stem)
def test_lessons_carry_nbgrader_metadata(teacher_path: Path):
    teacher = nbformat.read(teacher_path, as_version=4)
    for cell in teacher.cells:
        meta = cell.metadata.get("nbgrader")
        if "### BEGIN SOLUTION" in cell.source:
            assert meta and meta["solution"], f"an answer cell is a solution cell: {cell.source}"
        if "### BEGIN HIDDEN TESTS" in cell.source:
            assert meta["grade"] and meta["locked"] and not meta["solution"]
            hidden = cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END")[0]
            call = re.search(r'^points\("(\w+)", \w+\)$', hidden.strip().splitlines()[-1])
            assert call and call.group(1) == meta["grade_id"], (
                f"{meta['grade_id']}: the hidden test scores its own task")
            assert TASKS[meta["grade_id"]].points == meta["points"], (
                f"{meta['grade_id']}: the hidden test scores out of the cell's points")
            assert TASKS[meta["grade_id"]].notebook == teacher_path.stem
        assert not cell.get("outputs"), "teacher notebooks are stored without outputs"
    ids = [meta["grade_id"] for meta in nbgrader_cells(teacher)]
    assert len(ids) == len(set(ids)) and "reflection" in ids


def test_the_handout_holds_only_student_notebooks_and_a_readme(handout: Path):
    names = sorted(path.name for path in handout.iterdir())
    assert names == sorted([*(path.name for path in teacher_notebooks()), "README.md"])


def solution_lines(notebook: nbformat.NotebookNode) -> set[str]:
    """Lines of solutions and hidden tests found nowhere else in the teacher notebook."""
    inside = {line.strip() for cell in notebook.cells for block in solution_blocks(cell.source)
              for line in block.splitlines()
              if len(line.strip()) > 3 and not line.strip().startswith("#|")}
    hidden = {line.strip() for cell in notebook.cells if "HIDDEN TESTS" in cell.source
              for line in cell.source.split("### BEGIN HIDDEN TESTS")[1].splitlines()
              if "points(" in line}
    outside = "\n".join(strip_code(cell.source) if cell.cell_type == "code"
                        else strip_markdown(cell.source) for cell in notebook.cells
                        if "HIDDEN TESTS" not in cell.source)
    return {line for line in inside | hidden if line not in outside}


@pytest.mark.parametrize("teacher_path", teacher_notebooks(), ids=lambda path: path.stem)
def test_student_copies_hold_no_solution_or_hidden_test(teacher_path: Path, handout: Path):
    teacher = nbformat.read(teacher_path, as_version=4)
    student = nbformat.read(handout / teacher_path.name, as_version=4)
    text = "\n".join(cell.source for cell in student.cells)
    secrets = solution_lines(teacher)
    assert secrets, "every lesson has solutions"
    assert [line for line in secrets if line in text] == []
    for marker in ("BEGIN SOLUTION", "HIDDEN TESTS", "teacher-only", "#|"):
        assert marker not in text
    assert len(student.cells) == len(teacher.cells)
    assert not any(cell.get("outputs") for cell in student.cells)


LESSONS = [actors, quotes, stances, numbers, troop_chart]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda module: module.__name__.split(".")[-1])
def test_hints_hold_no_answer(lesson):
    teachers = [nbformat.read(path, as_version=4) for path in teacher_notebooks()]
    secrets = set().union(*(solution_lines(teacher) for teacher in teachers))
    secrets = {line for line in secrets if len(line) > 12}
    hints = "\n".join(step for steps in lesson.HINTS.values() for step in steps)
    assert [line for line in secrets if line in hints] == []
    answers = ["Ukraine", "56", "Putin", "Biden", "total_deaths", r"\d{1,3}(?:,\d{3})",
               "2022-01-22", "2022-02-13", "NOT_IN", "nsubj\"", "midpoint=("]
    assert [answer for answer in answers if answer in hints] == []
    assert all(len(steps) >= 2 for steps in lesson.HINTS.values()), "hints come in steps"


@pytest.mark.slow
def test_student_copies_run_and_their_outputs_give_nothing_away(handout: Path, tmp_path: Path):
    import papermill

    for path in sorted(handout.glob("*.ipynb")):
        executed = tmp_path / path.name
        papermill.execute_notebook(str(path), str(executed), kernel_name="python3",
                                   cwd=str(handout), progress_bar=False)
        notebook = nbformat.read(executed, as_version=4)
        outputs = "\n".join(str(output.get("text", "")) + str(output.get("data", {}))
                            for cell in notebook.cells if cell.cell_type == "code"
                            for output in cell.outputs)
        checks = sum(1 for cell in notebook.cells
                     if cell.metadata.get("nbgrader", {}).get("grade")
                     and cell.cell_type == "code")
        assert outputs.count(NOT_ANSWERED) == checks, path.name
        assert WELL_DONE not in outputs
        assert "'key'" not in outputs and "Ukraine is mentioned" not in outputs
