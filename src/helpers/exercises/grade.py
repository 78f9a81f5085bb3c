"""Grade a folder of submitted lesson notebooks offline with nbgrader, into grades.csv.

    python -m helpers.exercises.grade SUBMISSIONS [--out grades.csv]    (or: make grade)

SUBMISSIONS holds one folder per student, named by the student's id, with any of the lesson
notebooks as handed out (`01_actors.ipynb` …). The teacher notebooks are released again in a
scratch nbgrader course (so the gradebook holds the hidden tests), each submission is copied
in and autograded (its grade cells are restored from the gradebook, hidden tests included,
and the notebook is run top to bottom), and every grade cell becomes one row of grades.csv:
student, lesson, task, score, max_score, status. A reflection is a cell graded by hand: its
row says "by hand" (score empty) when answered, "not answered" (score 0) when left as given.
Nothing is fetched: nbgrader runs the kernel of this environment.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import pandas as pd
from sqlalchemy.exc import SAWarning

from helpers.exercises.build import generate, teacher_notebooks
from helpers.report.words import count
from helpers.spreadsheet import write_csv

GRADE_COLUMNS = ["student", "lesson", "task", "score", "max_score", "status"]


def submitted(folder: Path, lessons: list[str]) -> dict[str, dict[str, Path]]:
    """student id -> lesson -> submitted notebook, from `folder/<student>/<lesson>.ipynb`."""
    if not folder.is_dir():
        raise OSError(f"{folder} is not a folder: give the folder that holds one folder of "
                      f"notebooks per student.")
    found: dict[str, dict[str, Path]] = {}
    for student in sorted(path for path in folder.iterdir() if path.is_dir()):
        notebooks = {path.stem: path for path in student.glob("*.ipynb") if path.stem in lessons}
        if notebooks:
            found[student.name] = notebooks
    if not found:
        raise ValueError(f"No submissions in {folder}: expected {folder}/<student>/<lesson>"
                         f".ipynb with lessons named {', '.join(lessons)}.")
    return found


def grade(folder: Path, out: Path | None = None) -> pd.DataFrame:
    """Autograde every submission under `folder`; write and return the grades table."""
    teachers = teacher_notebooks()
    lessons = [path.stem for path in teachers]
    students = submitted(folder, lessons)
    with tempfile.TemporaryDirectory() as scratch, warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)  # nbgrader's own gradebook session notes
        root = Path(scratch)
        api, _ = generate(root, teachers)
        for student, notebooks in students.items():
            for lesson, path in notebooks.items():
                target = root / "submitted" / student / lesson / f"{lesson}.ipynb"
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)
                result = api.autograde(lesson, student)
                if not result["success"]:
                    raise ValueError(f"nbgrader could not grade {path}:\n"
                                     f"{result.get('error') or result.get('log')}")
        table = _grades(api, root, students, lessons)
    if out is not None:
        write_csv(table, out)  # a student folder named "=..." is text in a spreadsheet
    return table


def _grades(api, root: Path, students: dict[str, dict[str, Path]],
            lessons: list[str]) -> pd.DataFrame:
    """One row per student and grade cell, read from the course's gradebook."""
    from nbgrader.api import Gradebook

    rows = []
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gradebook:
        for lesson in lessons:
            cells = gradebook.find_notebook(lesson, lesson).grade_cells
            for student in students:
                if lesson not in students[student]:
                    rows += [(student, lesson, cell.name, 0.0, cell.max_score, "not submitted")
                             for cell in cells]
                    continue
                notebook = gradebook.find_submission_notebook(lesson, lesson, student)
                for item in notebook.grades:
                    status = _status(item)
                    score = None if status == "by hand" else item.score
                    rows.append((student, lesson, item.name, score, item.max_score, status))
    table = pd.DataFrame(rows, columns=GRADE_COLUMNS)
    order = {lesson: i for i, lesson in enumerate(lessons)}
    table = table.sort_values(["student", "lesson"], key=lambda column: column.map(
        order) if column.name == "lesson" else column, kind="stable", ignore_index=True)
    table["score"] = table["score"].astype(float).round(2)
    return table


def _status(item) -> str:
    if item.needs_manual_grade:
        return "by hand"
    if item.cell.cell_type == "markdown":
        return "not answered"
    return "graded"


def main(argv: list[str] | None = None) -> int:
    """Grade a folder of submissions; print a summary per student; exit 1 on an error."""
    parser = argparse.ArgumentParser(prog="python -m helpers.exercises.grade",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path,
                        help="a folder with one folder of notebooks per student")
    parser.add_argument("--out", type=Path, default=Path("grades.csv"),
                        help="the CSV file to write (default grades.csv)")
    args = parser.parse_args(argv)
    try:
        table = grade(args.submissions, args.out)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    totals = table.groupby("student", sort=False).agg(
        score=("score", "sum"), max_score=("max_score", "sum"),
        by_hand=("status", lambda status: int((status == "by hand").sum())))
    for student, row in totals.iterrows():
        by_hand = int(row["by_hand"])
        print(f"{student}: {row['score']:g} of {row['max_score']:g} points"
              + (f" ({count(by_hand, 'reflection')} to grade by hand)" if by_hand else ""))
    print(f"wrote {args.out} ({len(table)} rows: one per student and task)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
