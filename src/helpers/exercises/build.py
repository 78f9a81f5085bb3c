"""Student versions of the exercise notebooks, generated from the teacher notebooks (one source).

The teacher notebooks in `notebooks/exercises/` hold the solutions. `build_exercises()` writes a
student copy of each into `notebooks/exercises/student/` and a teacher page with code and outputs
into `reports/teaching/`. The transform follows four rules (nbgrader style):

1. In a code cell, the lines from `### BEGIN SOLUTION` to `### END SOLUTION` become
   `# YOUR CODE HERE` and `<name> = None` for each name the solution binds at its top level
   (assignment, `def`, `class`, `import`), so later cells still run and the checks print
   "not answered yet". A solution that only changes an existing object (e.g. fills a column of
   a coding sheet) leaves the stub alone.
2. In a Markdown cell, the same markers enclose a model answer; it becomes "*Your answer here.*".
3. A line ending in `# teacher-only` (the `assert result.passed` after each check) is dropped.
4. Relative paths in the cell tagged `parameters` gain one `../`, because the student folder is
   one level deeper; outputs and execution counts are cleared.

Student notebooks are generated, never edited by hand: `make exercises` writes them again.
"""

from __future__ import annotations

import ast
import re
import tempfile
import textwrap
from pathlib import Path

import nbformat

from helpers.paths import EXERCISES_DIR, REPORTS_DIR

STUDENT_DIR = EXERCISES_DIR / "student"
TEACHING_DIR = REPORTS_DIR / "teaching"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
TEACHER_ONLY = "# teacher-only"
CODE_STUB = "# YOUR CODE HERE"
MARKDOWN_STUB = "*Your answer here.*"
SOLUTION_BLOCK = re.compile(rf"^([ \t]*){re.escape(BEGIN)}[^\n]*\n(.*?)^[ \t]*{re.escape(END)}"
                            rf"[^\n]*(?:\n|\Z)", re.MULTILINE | re.DOTALL)


def teacher_notebooks() -> list[Path]:
    """The numbered teacher notebooks, in lesson order."""
    return sorted(EXERCISES_DIR.glob("[0-9][0-9]_*.ipynb"))


def solution_blocks(source: str) -> list[str]:
    """The solution text between the markers of one cell."""
    return [match.group(2) for match in SOLUTION_BLOCK.finditer(source)]


def bound_names(code: str) -> list[str]:
    """Names a block of code binds at its top level, in order of first binding."""
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError as error:
        raise ValueError(f"A solution block is not valid Python ({error.msg}, line "
                         f"{error.lineno}):\n{code}") from None
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found = [name for target in targets for name in _target_names(target)]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found = [node.name]
        elif isinstance(node, ast.Import | ast.ImportFrom):
            found = [(alias.asname or alias.name).split(".")[0] for alias in node.names]
        else:
            found = []
        names += [name for name in found if name not in names]
    return names


def _target_names(target: ast.expr) -> list[str]:
    """Names an assignment target binds: `a`, `a, b`, `*a`; not `a[0]` or `a.b` (changes only)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [name for element in target.elts for name in _target_names(element)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def strip_code(source: str) -> str:
    """A code cell's source with solutions stubbed and teacher-only lines dropped."""

    def stub(match: re.Match[str]) -> str:
        indent = match.group(1)
        lines = [CODE_STUB] + [f"{name} = None" for name in bound_names(match.group(2))]
        return "".join(f"{indent}{line}\n" for line in lines)

    stubbed = SOLUTION_BLOCK.sub(stub, source)
    kept = [line for line in stubbed.split("\n") if not line.rstrip().endswith(TEACHER_ONLY)]
    return "\n".join(kept).rstrip("\n")


def strip_markdown(source: str) -> str:
    """A Markdown cell's source with each model answer replaced by a prompt."""
    return SOLUTION_BLOCK.sub(lambda m: f"{m.group(1)}{MARKDOWN_STUB}\n", source).rstrip("\n")


def rebase_parameters(source: str) -> str:
    """Relative paths in the parameters cell, one folder deeper ('../x' -> '../../x')."""
    return re.sub(r"""(["'])\.\./""", r"\1../../", source)


def student_version(teacher: nbformat.NotebookNode, origin: str) -> nbformat.NotebookNode:
    """The student copy of a teacher notebook (a new notebook; the teacher one is unchanged)."""
    student = nbformat.from_dict(teacher)
    for cell in student.cells:
        if cell.cell_type == "code":
            cell.source = strip_code(cell.source)
            if "parameters" in cell.metadata.get("tags", []):
                cell.source = rebase_parameters(cell.source)
            cell.outputs, cell.execution_count = [], None
        elif cell.cell_type == "markdown":
            cell.source = strip_markdown(cell.source)
    student.metadata["kit"] = {"generated_from": origin, "edit": "never: run `make exercises`"}
    return student


def write_student(teacher_path: Path, out_dir: Path = STUDENT_DIR) -> Path:
    """Write the student copy of one teacher notebook; return its path."""
    teacher = nbformat.read(teacher_path, as_version=4)
    student = student_version(teacher, f"notebooks/exercises/{teacher_path.name}")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / teacher_path.name
    nbformat.write(student, target)
    return target


def render_teacher(teacher_path: Path, out_dir: Path = TEACHING_DIR) -> Path:
    """Execute one teacher notebook with papermill and write it as HTML with code and outputs."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from helpers.batch.render import export_html

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        executed = Path(scratch) / teacher_path.name
        try:
            papermill.execute_notebook(str(teacher_path), str(executed), kernel_name="python3",
                                       cwd=str(teacher_path.parent), progress_bar=False)
        except PapermillExecutionError as error:
            failed = out_dir / "failed" / teacher_path.name
            failed.parent.mkdir(exist_ok=True)
            failed.write_bytes(executed.read_bytes())
            raise ValueError(f"{teacher_path.name}: a solution fails in cell "
                             f"{error.exec_count} ({error.ename}: {error.evalue}). The executed "
                             f"notebook is kept at {failed}.") from None
        return export_html(executed, out_dir / f"{teacher_path.stem}.html", with_code=True)


def build_exercises(render: bool = True) -> list[Path]:
    """Write every student notebook, then (when `render`) every teacher HTML page."""
    teachers = teacher_notebooks()
    if not teachers:
        raise OSError(f"No teacher notebooks (NN_name.ipynb) found in {EXERCISES_DIR}.")
    written = [write_student(path) for path in teachers]
    if render:
        written += [render_teacher(path) for path in teachers]
    return written
