"""The student-version generator: solutions out, everything else kept, and the copies still run."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from helpers.exercises.build import (
    CODE_STUB,
    MARKDOWN_STUB,
    bound_names,
    build_exercises,
    render_teacher,
    solution_blocks,
    strip_code,
    strip_markdown,
    student_version,
    teacher_notebooks,
    write_student,
)
from helpers.exercises.checks import NOT_ANSWERED

CELL = """\
x = 1
### BEGIN SOLUTION
answer = [n * 2 for n in range(3)]
def helper(a):
    return a
import numpy as np
### END SOLUTION
result = check(answer)
assert result.passed  # teacher-only
"""


def test_strip_code_stubs_each_bound_name_and_drops_teacher_lines():
    assert strip_code(CELL) == (
        f"x = 1\n{CODE_STUB}\nanswer = None\nhelper = None\nnp = None\nresult = check(answer)"
    )


def test_strip_code_keeps_indentation_and_a_bare_stub_for_in_place_edits():
    cell = "if True:\n    ### BEGIN SOLUTION\n    sheet['x'] = 1\n    ### END SOLUTION\n"
    assert strip_code(cell) == f"if True:\n    {CODE_STUB}"


def test_bound_names_of_tuples_and_annotations():
    assert bound_names("a, (b, c) = f()\nd: int = 1\nd += 1\nprint(a)\n") == ["a", "b", "c", "d"]
    with pytest.raises(ValueError, match="not valid Python"):
        bound_names("answer = (")


def test_strip_markdown_replaces_the_model_answer():
    source = "## Reflection\nWhy?\n\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION\n"
    assert strip_markdown(source) == f"## Reflection\nWhy?\n\n{MARKDOWN_STUB}"


def test_parameters_are_rebased_and_outputs_cleared():
    teacher = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('article_path = "../../seeds/a.txt"\nspacy_model = "auto"')
    params.metadata["tags"] = ["parameters"]
    other = nbformat.v4.new_code_cell('path = "../x"', execution_count=3,
                                      outputs=[nbformat.v4.new_output("stream", text="hi")])
    teacher.cells = [params, other]
    student = student_version(teacher, "teacher.ipynb")
    assert student.cells[0].source == 'article_path = "../../../seeds/a.txt"\nspacy_model = "auto"'
    assert student.cells[1].source == 'path = "../x"'
    assert student.cells[1].outputs == [] and student.cells[1].execution_count is None
    assert teacher.cells[1].outputs, "the teacher notebook is left unchanged"


def stripped(cell: nbformat.NotebookNode) -> str:
    return strip_code(cell.source) if cell.cell_type == "code" else strip_markdown(cell.source)


def solution_lines(notebook: nbformat.NotebookNode) -> set[str]:
    """Lines of solution blocks found nowhere else in the notebook, and teacher-only lines."""
    inside = {line.strip() for cell in notebook.cells for block in solution_blocks(cell.source)
              for line in block.splitlines() if len(line.strip()) > 3}
    outside = "\n".join(stripped(cell) for cell in notebook.cells)
    teacher_only = {line.strip() for cell in notebook.cells for line in cell.source.splitlines()
                    if line.rstrip().endswith("# teacher-only")}
    return {line for line in inside if line not in outside} | teacher_only


@pytest.mark.parametrize("teacher_path", teacher_notebooks(), ids=lambda path: path.stem)
def test_student_versions_hold_no_solution_text(teacher_path: Path, tmp_path: Path):
    teacher = nbformat.read(teacher_path, as_version=4)
    student = nbformat.read(write_student(teacher_path, tmp_path), as_version=4)
    text = "\n".join(cell.source for cell in student.cells)
    secrets = solution_lines(teacher)
    assert secrets, "every lesson has solutions"
    assert [line for line in secrets if line in text] == []
    assert "BEGIN SOLUTION" not in text and "teacher-only" not in text
    assert text.count(CODE_STUB) == sum(cell.source.count("### BEGIN SOLUTION")
                                       for cell in teacher.cells if cell.cell_type == "code")
    assert len(student.cells) == len(teacher.cells)
    kept = [c.source for c in teacher.cells if "SOLUTION" not in c.source
            and "teacher-only" not in c.source and "parameters" not in c.metadata.get("tags", [])]
    assert all(source in text for source in kept), "cells without solutions are kept as they are"


def test_build_writes_one_student_notebook_per_lesson():
    written = build_exercises(render=False)
    assert [path.name for path in written] == [path.name for path in teacher_notebooks()]
    assert all(path.parent.name == "student" for path in written)


@pytest.mark.slow
def test_a_student_notebook_runs_and_reports_not_answered(tmp_path: Path):
    import papermill

    student = write_student(teacher_notebooks()[0], tmp_path / "student")
    executed = tmp_path / "executed.ipynb"
    papermill.execute_notebook(str(student), str(executed), kernel_name="python3",
                               cwd=str(teacher_notebooks()[0].parent / "student"),
                               progress_bar=False)
    outputs = [output.get("text", "") for cell in nbformat.read(executed, as_version=4).cells
               if cell.cell_type == "code" for output in cell.outputs]
    checks = sum(cell.source.count("check_") for cell in nbformat.read(student, 4).cells
                 if cell.cell_type == "code" and "import" not in cell.source)
    assert sum(NOT_ANSWERED in text for text in outputs) == checks
    assert not any("Well done!" in text for text in outputs)


@pytest.mark.slow
def test_a_broken_solution_names_the_notebook_and_keeps_it(tmp_path: Path):
    teacher = nbformat.v4.new_notebook()
    teacher.cells = [nbformat.v4.new_markdown_cell("# Broken"),
                     nbformat.v4.new_code_cell("answer = 1\nassert answer == 2  # teacher-only")]
    path = tmp_path / "09_broken.ipynb"
    nbformat.write(teacher, path)
    with pytest.raises(ValueError, match=r"09_broken.ipynb: a solution fails in cell 1 "
                                         r"\(AssertionError"):
        render_teacher(path, tmp_path / "html")
    assert (tmp_path / "html" / "failed" / "09_broken.ipynb").exists()
    assert not (tmp_path / "html" / "09_broken.html").exists()
