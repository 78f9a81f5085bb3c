"""The student kit: the folder a teacher zips and hands out, with no answer in it.

    python -m helpers.exercises.kit [OUT]        (or: make student-kit; OUT is dist/student-kit)

It holds the student notebooks (nbgrader's release, as `make exercises` writes them), the
lessons' article, the rules and story packs the lessons read, and the `helpers` package with
the public checks only, with its own README giving the two commands a student runs. Left out:
the teacher notebooks, the answer keys (`data/annotations/`: without a key the checks compare
with the kit's own extraction, and say so), the hidden tests and their held-out cases
(`hidden.py`, `held_out.py`), the grader, the tests and their fixtures, the teaching reports.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from helpers.exercises.build import teacher_notebooks, write_students
from helpers.exercises.hidden import lesson_parameters
from helpers.paths import DATA_DIR, PROJ_ROOT

KIT_DIR = PROJ_ROOT / "dist" / "student-kit"
GRADER_ONLY = ("hidden.py", "held_out.py", "grade.py", "sandbox.py", "submissions.py",
               "build.py", "kit.py")
"""Modules of `helpers.exercises` that only the teacher's side needs (answers, cases, grading)."""
DATA = ("rules", "stories")
"""Folders of `data/` the lessons read (never `annotations/`, the answer keys)."""
ROOT_FILES = ("pyproject.toml", "requirements.txt")
README = """\
# Reading a news article closely: the student kit

Seven lessons on one news article, as Jupyter notebooks in `notebooks/`. You need Python 3.11
or newer. In this folder, run once:

```sh
python3 -m venv .venv && .venv/bin/pip install -r requirements.txt -e .
```

then, each time you work:

```sh
.venv/bin/jupyter lab notebooks/
```

(On Windows: `py -m venv .venv`, then `.venv\\Scripts\\pip install -r requirements.txt -e .`
and `.venv\\Scripts\\jupyter lab notebooks/`.)

Open the notebooks in order (01, 02a, 02b, 03, 04a, 04b, 05) and work from top to bottom.
Each task says "Your job is…"; write your code where it says `# YOUR CODE HERE` (or fill each
`____`), then run the check cell under it. Stuck? Each lesson has hints, one at a time:
`hint("people", 1)`, then `hint("people", 2)`… Hand in the notebooks as they are, without
renaming them.
"""


def build_kit(out: Path = KIT_DIR) -> Path:
    """Write the student kit into `out` (replacing what was there) and return it."""
    if out.exists():
        shutil.rmtree(out)
    teachers = teacher_notebooks()
    write_students(out / "notebooks", teachers)
    (out / "notebooks" / "README.md").unlink()
    for teacher in teachers:
        article = Path(lesson_parameters(teacher.stem)["article_path"])
        target = out / article
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJ_ROOT / article, target)
    for folder in DATA:
        shutil.copytree(DATA_DIR / folder, out / "data" / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJ_ROOT / "src" / "helpers", out / "src" / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", *GRADER_ONLY))
    for name in ROOT_FILES:
        shutil.copy(PROJ_ROOT / name, out / name)
    (out / "README.md").write_text(README, encoding="utf-8")
    return out


def size(folder: Path) -> int:
    """The bytes of every file under `folder`."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main(argv: list[str] | None = None) -> int:
    """Build the kit and say where it is and how large."""
    parser = argparse.ArgumentParser(prog="python -m helpers.exercises.kit",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?", default=KIT_DIR,
                        help="the folder to write (default dist/student-kit)")
    args = parser.parse_args(argv)
    out = build_kit(args.out)
    files = sum(1 for path in out.rglob("*") if path.is_file())
    print(f"wrote {out} ({files} files, {size(out) / 2**20:.1f} MB): zip it and hand it out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
