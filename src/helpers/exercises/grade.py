"""Grade a class's lesson notebooks, each in its own sandbox, into grades.csv.

    python -m helpers.exercises.grade SUBMISSIONS [--out grades.csv] [--keep graded/]
    (or: make grade SUBMISSIONS=folder)

SUBMISSIONS holds one folder per student, named by the student's id, with the lesson
notebooks as handed in (`01_actors.ipynb`, `01_actors (1).ipynb` …: the two-digit number
decides the lesson). Each notebook is rebuilt as nbgrader's autograde would (grade cells with
their hidden tests and the `parameters` cell from the teacher's copy, deleted cells put back
and reported) and run in its own bubblewrap sandbox (`helpers.exercises.sandbox`): a
throwaway folder, no write access elsewhere, no network, 60 s per cell, a time and a memory
limit. The hidden tests score each answer with their own fresh checks
(`helpers.exercises.hidden`).

Every student folder gets one row per task: student, lesson, task, score, max_score, status,
file. A notebook that is empty, unreadable, kills its kernel or runs out of time is that
student's row ("failed: the notebook is empty"); the class goes on and grades.csv is always
written. `--keep` (default `graded/` beside the CSV) holds each student's executed notebooks
and a feedback page, and `reflections.csv`: the reflections to grade by hand, whose `points`
column the next run reads back.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pandas as pd

from helpers.exercises import sandbox, submissions
from helpers.exercises.build import CELL_SECONDS, teacher_notebooks, write_students
from helpers.exercises.hidden import lesson_parameters
from helpers.paths import EXERCISES_DIR, PROJ_ROOT, REPORTS_DIR
from helpers.report.words import count

GRADE_COLUMNS = ["student", "lesson", "task", "score", "max_score", "status", "file"]
MARK_COLUMNS = ["student", "lesson", "task", "max_score", "points", "answer"]
MARKS_FILE = "reflections.csv"
Row = tuple[str, str, str, float | None, float, str, str]


class Lesson:
    """One lesson as the grader needs it: the teacher's copy, the release, its graded tasks."""

    def __init__(self, teacher: Path, release: Path) -> None:
        self.name = teacher.stem
        self.teacher = nbformat.read(teacher, as_version=4)
        self.release_path = release
        self.release = nbformat.read(release, as_version=4)
        self.tasks = [(cell.metadata["nbgrader"]["grade_id"],
                       float(cell.metadata["nbgrader"].get("points", 0)), cell)
                      for cell in self.release.cells
                      if cell.metadata.get("nbgrader", {}).get("grade")]


def grade(folder: Path, out: Path | None = None, keep: Path | None = None,
          limits: sandbox.Limits | None = None, lessons: list[str] | None = None,
          say: Callable[[str], None] = print, jobs: int = 1) -> pd.DataFrame:
    """Grade every student folder under `folder` (`jobs` students at a time, each notebook in
    its own sandbox); write grades.csv and the kept files."""
    limits = limits or sandbox.Limits()
    teachers = [path for path in teacher_notebooks() if lessons is None or path.stem in lessons]
    students = submissions.submitted(folder, [path.stem for path in teachers])
    keep = keep or (out.parent if out else folder.parent) / "graded"
    keep.mkdir(parents=True, exist_ok=True)
    sandbox.bwrap()  # no sandbox, no grading: say how to get one before anything runs
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="grading-") as scratch:
        root = Path(scratch)
        released = write_students(root / "release", teachers)
        course = [Lesson(teacher, release) for teacher, release in zip(teachers, released,
                                                                       strict=True)]
        _warm_cache(course)
        view = sandbox.View(
            hidden=tuple(path for path in (folder.resolve(), keep.resolve(), EXERCISES_DIR,
                                           PROJ_ROOT / "tests", REPORTS_DIR / "teaching")
                         if path.is_dir()),
            shown=tuple((lesson.release_path, EXERCISES_DIR / lesson.release_path.name)
                        for lesson in course))

        def one(numbered: tuple[int, tuple[str, dict[str, Path]]]) -> list[Row]:
            number, (student, files) = numbered
            started = time.monotonic()
            student_rows = []
            for lesson in course:
                student_rows += _grade_lesson(student, lesson, files.get(lesson.name),
                                              root / "work" / str(number), view, limits, keep)
            _feedback_page(student, student_rows, keep)
            say(f"[{number}/{len(students)}] {student}: {_summary(student_rows)} "
                f"({time.monotonic() - started:.0f} s)")
            return student_rows

        with ThreadPoolExecutor(max_workers=max(jobs, 1)) as pool:
            for student_rows in pool.map(one, enumerate(students.items(), 1)):
                rows += student_rows
    table = _with_marks(pd.DataFrame(rows, columns=GRADE_COLUMNS), keep)
    if out is not None:
        table.to_csv(out, index=False)
    return table


def _warm_cache(course: list[Lesson]) -> None:
    """Analyse each lesson's article here, so the sandboxes (which cannot write) read it."""
    from helpers.analysis import analyze

    for params in {tuple(sorted(lesson_parameters(lesson.name).items())) for lesson in course}:
        values = dict(params)
        analyze(values["article_path"], values.get("spacy_model", "auto"))


def _grade_lesson(student: str, lesson: Lesson, path: Path | None, work: Path,
                  view: sandbox.View, limits: sandbox.Limits, keep: Path) -> list[Row]:
    """The rows of one lesson of one student; whatever goes wrong becomes their status."""
    if path is None:
        return [(student, lesson.name, task, 0.0, points, "not submitted", "")
                for task, points, _ in lesson.tasks]
    try:
        prepared = submissions.prepare(path, lesson.release, lesson.teacher)
        if prepared.notebook is None:
            return _all(student, lesson, path, prepared.failed)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        nbformat.write(prepared.notebook, work / f"{lesson.name}.ipynb")
        outcome = sandbox.run(work, f"{lesson.name}.ipynb", view, limits)
        executed = outcome.notebook
        if executed is not None:
            (keep / student).mkdir(parents=True, exist_ok=True)
            nbformat.write(executed, keep / student / f"{lesson.name}.ipynb")
        rows = _scores(student, lesson, path, executed, prepared, outcome.error)
    except Exception as error:  # noqa: BLE001 - one student's file never stops the class
        return _all(student, lesson, path, f"failed: the grader could not grade it "
                                           f"({type(error).__name__}: {str(error)[:120]})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if prepared.tampering:
        why = "; ".join(prepared.tampering[:3])
        rows = [(s, le, task, 0.0, points, status if status.startswith("failed")
                 else f"no credit: {why} (read the kept notebook)", f)
                for s, le, task, _, points, status, f in rows]
    return rows


def _all(student: str, lesson: Lesson, path: Path, status: str) -> list[Row]:
    return [(student, lesson.name, task, 0.0, points, status, path.name)
            for task, points, _ in lesson.tasks]


def _scores(student: str, lesson: Lesson, path: Path,
            executed: nbformat.NotebookNode | None, prepared: submissions.Prepared,
            stop: str) -> list[Row]:
    """One row per task from the executed notebook's grade cells."""
    cells = {submissions.key(cell): cell for cell in (executed.cells if executed else [])}
    rows = []
    for task, points, given in lesson.tasks:
        cell = cells.get(task)
        if given.cell_type == "markdown":
            answered = cell is not None and cell.source.strip() != given.source.strip()
            score, status = (None, "by hand") if answered else (0.0, "not answered")
        elif f"{task}_answer" in prepared.deleted:
            score, status = 0.0, "deleted: the answer cell was deleted"
        else:
            score, status = _cell_score(cell, points, stop)
        rows.append((student, lesson.name, task, score, points, status, path.name))
    return rows


def _cell_score(cell: nbformat.NotebookNode | None, points: float,
                stop: str) -> tuple[float, str]:
    """A grade cell's points from its outputs: the hidden test's value, or why there is none."""
    outputs = cell.get("outputs", []) if cell is not None else []
    for output in outputs:
        if output.get("output_type") == "error":
            return 0.0, f"failed: the check stopped with {output.get('ename', 'an error')}"
    for output in outputs:
        if output.get("output_type") == "execute_result":
            try:
                value = float(output.get("data", {}).get("text/plain", ""))
            except ValueError:
                break
            return round(min(max(value, 0.0), points), 2), "graded"
    return 0.0, f"failed: {stop}" if stop else "failed: the check printed no score"


def _summary(rows: list[Row]) -> str:
    """'8.18 of 35 points (5 reflections to grade by hand)' and what failed, per lesson."""
    scored = sum(row[3] or 0.0 for row in rows)
    by_hand = sum(row[5] == "by hand" for row in rows)
    problems = dict.fromkeys(f"{row[1]} {row[5]}" for row in rows
                             if row[5].startswith(("failed", "no credit", "deleted")))
    return (f"{scored:g} of {sum(row[4] for row in rows):g} points"
            + (f" ({count(by_hand, 'reflection')} to grade by hand)" if by_hand else "")
            + (f"; {'; '.join(problems)}" if problems else ""))


def _feedback_page(student: str, rows: list[Row], keep: Path) -> Path:
    """A page for one student: each task's points and status, and what each check said."""
    folder = keep / student
    folder.mkdir(parents=True, exist_ok=True)
    table = pd.DataFrame(rows, columns=GRADE_COLUMNS).drop(columns=["student"])
    parts = [f"<h1>Feedback for {html.escape(student)}</h1>", table.to_html(index=False,
                                                                           na_rep="by hand")]
    for lesson in dict.fromkeys(row[1] for row in rows):
        path = folder / f"{lesson}.ipynb"
        if not path.is_file():
            continue
        said = [_printed(cell) for cell in nbformat.read(path, as_version=4).cells
                if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code"]
        parts.append(f"<h2>{html.escape(lesson)}</h2>" + "".join(
            f"<pre>{html.escape(text)}</pre>" for text in said if text))
    page = folder / "feedback.html"
    page.write_text("<!doctype html><meta charset='utf-8'><title>Feedback</title>"
                    + "\n".join(parts), encoding="utf-8")
    return page


def _printed(cell: nbformat.NotebookNode) -> str:
    return "".join(output.get("text", "") for output in cell.get("outputs", [])
                   if output.get("output_type") == "stream" and output.get("name") == "stdout")


def _with_marks(table: pd.DataFrame, keep: Path) -> pd.DataFrame:
    """Fill the reflections' points from `keep/reflections.csv`, then write it again."""
    marks_path = keep / MARKS_FILE
    entered: dict[tuple[str, str, str], float] = {}
    if marks_path.is_file():
        marks = pd.read_csv(marks_path, dtype={"student": str})
        for row in marks.dropna(subset=["points"]).itertuples():
            entered[(str(row.student), row.lesson, row.task)] = float(row.points)
    table["score"] = table["score"].astype(float)
    hand = table["status"] == "by hand"
    rows = []
    for index in table.index[hand]:
        row = table.loc[index]
        points = entered.get((row["student"], row["lesson"], row["task"]))
        if points is not None:
            table.loc[index, ["score", "status"]] = [min(max(points, 0.0), row["max_score"]),
                                                     "graded by hand"]
        rows.append((row["student"], row["lesson"], row["task"], row["max_score"], points,
                     _answer(keep, row["student"], row["lesson"], row["task"])))
    keep.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows, columns=MARK_COLUMNS).to_csv(marks_path, index=False)
    table["score"] = table["score"].round(2)
    return table


def _answer(keep: Path, student: str, lesson: str, task: str) -> str:
    """The first words of a reflection as handed in, for the marks sheet."""
    path = keep / student / f"{lesson}.ipynb"
    if not path.is_file():
        return ""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == task:
            text = " ".join(cell.source.split("\n\n")[-1].split())
            return text[:300]
    return ""


def main(argv: list[str] | None = None) -> int:
    """Grade a folder of submissions with progress per student; exit 1 on an error."""
    parser = argparse.ArgumentParser(prog="python -m helpers.exercises.grade",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path,
                        help="a folder with one folder of notebooks per student")
    parser.add_argument("--out", type=Path, default=Path("grades.csv"),
                        help="the CSV file to write (default grades.csv)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="where the executed notebooks, feedback pages and "
                             "reflections.csv go (default: graded/ beside the CSV)")
    parser.add_argument("--cell-timeout", type=int, default=CELL_SECONDS,
                        help=f"seconds one cell may run (default {CELL_SECONDS})")
    parser.add_argument("--memory-mb", type=int, default=4096,
                        help="memory one notebook may use (default 4096 MB)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="students graded at a time (default 1; one per core is fastest)")
    args = parser.parse_args(argv)
    limits = sandbox.Limits(cell_seconds=args.cell_timeout, memory_mb=args.memory_mb,
                            notebook_seconds=max(600, 12 * args.cell_timeout))
    try:
        table = grade(args.submissions, args.out, args.keep, limits,
                      say=lambda line: print(line, flush=True), jobs=args.jobs)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    by_hand = int((table["status"] == "by hand").sum())
    print(f"wrote {args.out} ({len(table)} rows: one per student and task)"
          + (f"; {count(by_hand, 'reflection')} to grade by hand in reflections.csv"
             if by_hand else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
