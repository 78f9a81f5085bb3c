"""Submitted notebooks: found by lesson number, read safely, restored, and screened for tampering.

A class hands in files as browsers and learning platforms save them: `01_actors (1).ipynb`,
`01_Actors-copy.ipynb`. A file belongs to the lesson whose number starts its name (two digits,
and a letter for a lesson in two parts: `02a`, `02b`); of several, the newest wins. Every
student folder is listed, even one with nothing in it.

Before a notebook runs, it is rebuilt the way nbgrader's autograde rebuilds it: the grade
cells (with their hidden tests) and the `parameters` cell come from the teacher's copy, a
deleted task cell is put back (and reported), and the student's own cells are kept. The cells
the student wrote or changed are read for code that could change the grading (an import of
`sys`, `os` or the checks, a dunder, `get_ipython`, redefining `check_people` …): such a
lesson gets no credit and says which cell, for the teacher to read.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

MAX_BYTES = 20 * 1024 * 1024
LESSON_NUMBER = re.compile(r"^\s*(\d{2})(?!\d)([a-z](?![a-z]))?", re.IGNORECASE)
"""A lesson's number at the start of a file name: `01`, or `02a` (not the `a` of `01actors`)."""
RISKY_MODULES = {"sys", "os", "subprocess", "multiprocessing", "threading", "signal", "ctypes",
                 "socket", "sqlite3", "importlib", "builtins", "gc", "inspect", "shutil",
                 "helpers.exercises"}
"""Modules no lesson needs that reach the grading: importing one costs the lesson's credit."""
RISKY_NAMES = {"Feedback", "quiet_share", "get_ipython", "exec", "eval", "compile", "setattr",
               "delattr", "globals", "vars", "__import__", "__builtins__"}
"""Names no lesson needs that reach the grading (as names: `re.compile` is fine)."""
RISKY_ATTRIBUTES = {"Feedback", "quiet_share", "exercises"}
"""Attributes that reach the checks (`helpers.exercises…`, `fb.Feedback`), and any dunder."""


@dataclass
class Prepared:
    """A submission ready to run, or the reason it cannot be graded."""

    notebook: nbformat.NotebookNode | None
    failed: str = ""
    deleted: list[str] = field(default_factory=list)
    tampering: list[str] = field(default_factory=list)


def submitted(folder: Path, lessons: list[str]) -> dict[str, dict[str, Path]]:
    """Every student folder -> lesson -> the file handed in for it (the newest of several)."""
    if not folder.is_dir():
        raise OSError(f"{folder} is not a folder: give the folder that holds one folder of "
                      f"notebooks per student.")
    numbers = {lesson_number(lesson): lesson for lesson in lessons}
    students = sorted(path for path in folder.iterdir()
                      if path.is_dir() and not path.name.startswith("."))
    if not students:
        raise ValueError(f"No student folders in {folder}: expected {folder}/<student>/"
                         f"<lesson>.ipynb with lessons named {', '.join(lessons)}.")
    found: dict[str, dict[str, Path]] = {}
    for student in students:
        files: dict[str, Path] = {}
        for path in student.glob("*.ipynb"):
            lesson = numbers.get(lesson_number(path.name))
            if lesson and (lesson not in files or _newer(path, files[lesson], lesson)):
                files[lesson] = path
        found[student.name] = files
    return found


def lesson_number(name: str) -> str | None:
    """The lesson number a file name starts with ('02a' for '02A_quotes (1).ipynb'), or None."""
    match = LESSON_NUMBER.match(name)
    return match.group(1) + (match.group(2) or "").lower() if match else None


def _newer(path: Path, other: Path, lesson: str) -> bool:
    """Whether `path` should replace `other`: the newer file, the exact name on a tie."""
    mine, theirs = path.stat().st_mtime, other.stat().st_mtime
    if mine != theirs:
        return mine > theirs
    return path.stem == lesson


def read(path: Path) -> tuple[nbformat.NotebookNode | None, str]:
    """A submitted notebook, or why it cannot be read ('failed: the notebook is empty')."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, f"failed: the notebook is {size // 2**20} MB, more than a lesson can be"
    raw = path.read_bytes()
    if not raw.strip():
        return None, "failed: the notebook is empty"
    try:
        data = json.loads(raw.decode("utf-8", errors="replace"))
        notebook = nbformat.reads(json.dumps(data), as_version=4)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        return None, f"failed: the file is not a readable notebook ({str(error)[:80]})"
    if not isinstance(notebook.get("cells"), list) or not notebook.cells:
        return None, "failed: the notebook has no cells"
    return notebook, ""


def key(cell: nbformat.NotebookNode) -> str:
    """The identity of a teacher's cell in a copy: its nbgrader id, or 'parameters'."""
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    if grade_id:
        return str(grade_id)
    return "parameters" if "parameters" in cell.get("metadata", {}).get("tags", []) else ""


def graded_source(teacher: nbformat.NotebookNode) -> dict[str, str]:
    """grade_id -> the source a locked cell runs with when grading (hidden tests included)."""
    sources = {}
    for cell in teacher.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") and (meta.get("locked") or meta.get("grade")) \
                and not meta.get("solution"):
            sources[meta["grade_id"]] = cell.source
    return sources


def prepare(path: Path, release: nbformat.NotebookNode,
            teacher: nbformat.NotebookNode) -> Prepared:
    """The notebook to run for a submission: locked cells restored, deleted cells put back."""
    notebook, failed = read(path)
    if notebook is None:
        return Prepared(None, failed)
    locked = graded_source(teacher)
    given = {key(cell): cell for cell in release.cells if key(cell)}
    seen: set[str] = set()
    cells = []
    for cell in notebook.cells:
        name = key(cell)
        if name in seen or (name and name not in given):
            continue  # a duplicated or unknown teacher cell: the teacher's copy stands
        if name:
            seen.add(name)
            cell = _restored(cell, given[name], locked.get(name))
        cells.append(cell)
    deleted = [name for name in given if name not in seen]
    for name in deleted:
        cells.insert(_place(name, release, cells), _restored(given[name], given[name],
                                                           locked.get(name)))
    notebook.cells = cells
    known = {cell.source for cell in release.cells}
    tampering = screen([cell for cell in cells if cell.cell_type == "code"
                        and cell.source not in known and key(cell) not in locked
                        and key(cell) != "parameters"], release)
    return Prepared(notebook, "", [name for name in deleted if name != "parameters"], tampering)


def _restored(cell: nbformat.NotebookNode, given: nbformat.NotebookNode,
              locked: str | None) -> nbformat.NotebookNode:
    """A student's copy of a teacher cell, with the teacher's source where it is locked."""
    fresh = nbformat.from_dict(json.loads(json.dumps(given)))
    if locked is not None:
        fresh.source = locked
    elif key(given) != "parameters" and cell.get("cell_type") == given.cell_type:
        fresh.source = str(cell.get("source", ""))
    fresh.outputs = [] if fresh.cell_type == "code" else fresh.get("outputs")
    if fresh.cell_type != "code":
        fresh.pop("outputs", None)
        fresh.pop("execution_count", None)
    return fresh


def _place(name: str, release: nbformat.NotebookNode, cells: list) -> int:
    """Where a deleted teacher cell goes back: after the nearest earlier teacher cell present."""
    order = [key(cell) for cell in release.cells if key(cell)]
    present = [key(cell) for cell in cells]
    for earlier in reversed(order[:order.index(name)]):
        if earlier in present:
            return present.index(earlier) + 1
    return min(3, len(cells))


def screen(cells: list[nbformat.NotebookNode], release: nbformat.NotebookNode) -> list[str]:
    """What in the student's code could change the grading, one line per finding."""
    from IPython.core.inputtransformer2 import TransformerManager

    protected = _imported_names(release) | RISKY_NAMES
    transform = TransformerManager().transform_cell
    found = []
    for cell in cells:
        where = f"the cell starting {cell.source.strip().splitlines()[0][:40]!r}" \
            if cell.source.strip() else "an empty cell"
        try:
            tree = ast.parse(transform(cell.source))
        except (SyntaxError, ValueError):
            continue  # it cannot run, so it cannot change anything
        for reason in _risks(tree, protected):
            found.append(f"{where} {reason}")
    return list(dict.fromkeys(found))


def _imported_names(release: nbformat.NotebookNode) -> set[str]:
    """Names the lesson imports from the kit (its checks and helpers), which answers keep."""
    names = set()
    for cell in release.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers"):
                names |= {alias.asname or alias.name for alias in node.names}
    return names


def _risks(tree: ast.AST, protected: set[str]) -> list[str]:
    """Each way a parsed cell reaches into the grading."""
    risks = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) \
                else [node.module or ""]
            for module in modules:
                if any(module == risky or module.startswith(risky + ".")
                       for risky in RISKY_MODULES):
                    risks.append(f"imports {module}")
        elif isinstance(node, ast.Name) and node.id in protected:
            if isinstance(node.ctx, ast.Store | ast.Del) or node.id in RISKY_NAMES:
                risks.append(f"{'uses' if node.id in RISKY_NAMES else 'redefines'} {node.id}")
        elif isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name in protected:
            risks.append(f"redefines {node.name}")
        elif isinstance(node, ast.Attribute) and (node.attr.startswith("__")
                                                  or node.attr in RISKY_ATTRIBUTES):
            risks.append(f"uses {node.attr}")
    return risks
