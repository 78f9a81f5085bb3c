"""The student kit, installed in a fresh venv: it works, and no answer can be read from it."""

from __future__ import annotations

import csv
import json
import os
import site
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.exercises import held_out
from helpers.exercises.build import solution_blocks, teacher_notebooks
from helpers.exercises.kit import GRADER_ONLY, build_kit
from helpers.paths import ANNOTATIONS_DIR, PROJ_ROOT

sys.path.insert(0, str(Path(__file__).parent))
from test_classroom import solution_lines  # noqa: E402

SEED = "seeds/000_c0fed61a49489022.txt"
PACKAGE = PROJ_ROOT / "src" / "helpers"


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    return build_kit(tmp_path_factory.mktemp("dist") / "student-kit")


@pytest.fixture(scope="module")
def venv(kit, tmp_path_factory) -> Path:
    """A fresh venv with the kit installed as its README says (`pip install -e .`); the
    pinned dependencies come from this environment through a .pth line, not the network."""
    folder = tmp_path_factory.mktemp("venv")
    subprocess.run([sys._base_executable, "-m", "venv", str(folder)], check=True, timeout=300)
    python = folder / "bin" / "python"
    packages = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                              check=True, capture_output=True, text=True).stdout.strip()
    (Path(packages) / "deps.pth").write_text(site.getsitepackages()[0] + "\n", encoding="utf-8")
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "-e",
                           str(kit)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return folder


def kit_text(kit: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace")
                     for path in sorted(kit.rglob("*")) if path.is_file())


def test_the_kit_holds_the_lessons_and_nothing_of_the_teachers(kit):
    names = {path.relative_to(kit).as_posix() for path in kit.rglob("*") if path.is_file()}
    assert {f"notebooks/{path.name}" for path in teacher_notebooks()} <= names
    assert {SEED, "README.md", "requirements.txt", "pyproject.toml"} <= names
    assert not [name for name in names if name.startswith(("data/annotations", "tests", "docs",
                                                           "reports", "data/corpus"))]
    assert not {f"src/helpers/exercises/{name}" for name in GRADER_ONLY} & names
    readme = (kit / "README.md").read_text(encoding="utf-8")
    assert "pip install -r requirements.txt -e ." in readme and "jupyter lab notebooks/" in readme


def test_no_solution_key_value_or_hidden_case_is_in_the_kit(kit):
    text = kit_text(kit)
    package = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py")
                        if path.name not in GRADER_ONLY)
    teachers = [nbformat.read(path, 4) for path in teacher_notebooks()]
    lines = set().union(*(solution_lines(teacher) for teacher in teachers))
    secrets = {line for line in lines if line not in package}  # not ordinary code of the kit
    assert len(secrets) > 50 and [line for line in secrets if line in text] == []
    blocks = [" ".join(block.split()) for teacher in teachers for cell in teacher.cells
              for block in solution_blocks(cell.source) if len(block.splitlines()) > 1]
    flat = " ".join(text.split())
    assert blocks and [block for block in blocks if block in flat] == []
    cases = [held_out.HELD_OUT, *held_out.HELD_OUT_NUMBERS]
    assert [case for case in cases if case in text] == []
    keys = ANNOTATIONS_DIR / Path(SEED).stem
    rows = [",".join(row[:3]) for name in ("quotes.csv", "stances.csv")
            for row in csv.reader((keys / name).open(encoding="utf-8"))][1:]
    assert len(rows) > 20 and [row for row in rows if row in text] == []


@pytest.mark.slow
def test_the_installed_kit_imports_only_public_checks(kit, venv):
    probe = (
        "import importlib.util, json\n"
        "from helpers.paths import PROJ_ROOT\n"
        "from helpers.source.article import load_article\n"
        "from helpers.evaluate import has_key\n"
        "import helpers.exercises.actors, helpers.exercises.quotes, helpers.exercises.stances\n"
        "print(json.dumps({'root': str(PROJ_ROOT), 'key': has_key(load_article("
        f"PROJ_ROOT / {SEED!r})), 'hidden': [m for m in "
        "('hidden', 'held_out', 'grade', 'build') if importlib.util.find_spec("
        "'helpers.exercises.' + m)]}))\n")
    done = subprocess.run([str(venv / "bin" / "python"), "-c", probe], capture_output=True,
                          text=True, timeout=300, cwd=venv)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "root": str(kit), "key": False, "hidden": []}


@pytest.mark.slow
@pytest.mark.parametrize("lesson", ["02a_quotes", "02b_speakers", "03_stances"])
def test_the_lessons_that_read_a_key_run_without_it(kit, venv, lesson):
    run = ("import nbformat, sys\n"
           "from nbclient import NotebookClient\n"
           "nb = nbformat.read(sys.argv[1], 4)\n"
           "NotebookClient(nb, timeout=300, kernel_name='python3',\n"
           "               resources={'metadata': {'path': sys.argv[2]}}).execute()\n"
           "print('ran')\n")
    env = {**os.environ, "HELPERS_CACHE_DIR": str(kit / ".cache")}
    done = subprocess.run([str(venv / "bin" / "python"), "-c", run,
                           str(kit / "notebooks" / f"{lesson}.ipynb"), str(kit / "notebooks")],
                          capture_output=True, text=True, timeout=900, env=env)
    assert done.returncode == 0 and done.stdout.strip().endswith("ran"), done.stderr[-3000:]
