"""Run one submitted notebook in a bubblewrap sandbox, with time and memory limits.

Why bubblewrap (Debian's `bubblewrap`, `make grade` installs it) and not an unprivileged
user: bwrap needs no root (it works for a teacher's own account as for CI's root), and one
command gives what grading needs: the whole file system read-only, one throwaway folder
writable, a private /tmp, no network, its own process tree that dies with it, and the
teacher's other files out of sight (the submissions folder and the grading folder are
hidden). A second user would need root to create, could still write to /tmp and /dev/shm and
reach the network, and would leave its processes running.

    python -m helpers.exercises.sandbox IN OUT [--cell-timeout S]   (run inside the sandbox)

runs IN with nbclient (cell timeout, errors kept, `NBGRADER_EXECUTION=autograde` as nbgrader
sets it) and writes the executed notebook to OUT, or what stopped it to OUT + ".error".
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat

from helpers.exercises.build import CELL_SECONDS
from helpers.paths import CACHE_DIR

ERROR_SUFFIX = ".error"
INSTALL = ("bubblewrap (bwrap) is needed to grade student code safely: `make grade` installs "
           "it on Debian as root, or run `sudo apt-get install bubblewrap`.")


@dataclass(frozen=True)
class Limits:
    """How long and how much memory one notebook may take."""

    cell_seconds: int = CELL_SECONDS
    notebook_seconds: int = 600
    memory_mb: int = 4096


@dataclass(frozen=True)
class Outcome:
    """What one sandboxed run left: the executed notebook, or why there is none."""

    notebook: nbformat.NotebookNode | None
    error: str = ""


@lru_cache(maxsize=1)
def bwrap() -> str:
    """The bwrap command, checked to work here; else an OSError that says how to get it."""
    found = shutil.which("bwrap")
    if found is None:
        raise OSError(INSTALL)
    probe = subprocess.run([found, "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent",
                            "true"], capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        raise OSError(f"bwrap cannot make a sandbox here ({probe.stderr.strip()}): it needs "
                      f"user namespaces (sysctl kernel.unprivileged_userns_clone=1) or root.")
    return found


@dataclass(frozen=True)
class View:
    """What the sandbox sees of the teacher's files: folders hidden, files shown in them."""

    hidden: tuple[Path, ...] = ()
    shown: tuple[tuple[Path, Path], ...] = ()
    """(file, where it appears): read-only, inside a hidden folder (the lessons' own copies)."""


def command(work: Path, view: View, notebook: str, limits: Limits) -> list[str]:
    """The bwrap command that runs `work/notebook` with only `work` writable."""
    args = [bwrap(), "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            "--tmpfs", "/tmp", "--unshare-all", "--die-with-parent", "--new-session"]
    for folder in view.hidden:
        args += ["--tmpfs", str(folder)]
    for source, target in view.shown:
        args += ["--ro-bind", str(source), str(target)]
    args += ["--bind", str(work), str(work)]
    for folder in view.hidden:
        args += ["--remount-ro", str(folder)]
    home = work / "home"
    args += ["--chdir", str(work),
             "--setenv", "HOME", str(home), "--setenv", "TMPDIR", str(work / "tmp"),
             "--setenv", "MPLCONFIGDIR", str(home / "mpl"),
             "--setenv", "JUPYTER_RUNTIME_DIR", str(home / "runtime"),
             "--setenv", "IPYTHONDIR", str(home / "ipython"),
             "--setenv", "HELPERS_CACHE_DIR", str(CACHE_DIR),
             "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
             "--", sys.executable, "-m", "helpers.exercises.sandbox", notebook,
             f"{notebook}.out", "--cell-timeout", str(limits.cell_seconds)]
    return args


def run(work: Path, notebook: str, view: View, limits: Limits) -> Outcome:
    """Execute `work/notebook` in the sandbox; never raises for anything the notebook does."""
    for folder in ("home", "tmp"):
        (work / folder).mkdir(parents=True, exist_ok=True)
    memory = limits.memory_mb * 1024 * 1024

    def limit() -> None:  # in the child, before bwrap starts: inherited by the kernel
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    try:
        done = subprocess.run(command(work, view, notebook, limits), capture_output=True,
                              text=True, timeout=limits.notebook_seconds, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        return Outcome(None, f"timed out: the notebook ran longer than "
                             f"{limits.notebook_seconds} s, so it was stopped")
    out = work / f"{notebook}.out"
    error = work / f"{notebook}.out{ERROR_SUFFIX}"
    executed = None
    if out.is_file():
        try:
            executed = nbformat.read(out, as_version=4)
        except Exception:  # noqa: BLE001 - the run's output is the student's to spoil
            executed = None
    if error.is_file():
        return Outcome(executed, error.read_text(encoding="utf-8", errors="replace")[:300])
    if executed is None:
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return Outcome(None, f"the grading process stopped ({last[:200]})")
    return Outcome(executed)


def execute(source: Path, out: Path, cell_seconds: int) -> None:
    """Run a notebook top to bottom (inside the sandbox); write it, and any stop, beside it."""
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    notebook = nbformat.read(source, as_version=4)
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    client = NotebookClient(notebook, timeout=cell_seconds, allow_errors=True,
                            interrupt_on_timeout=True, kernel_name="python3",
                            resources={"metadata": {"path": str(source.parent)}},
                            extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
    stop = ""
    try:
        client.execute()
    except DeadKernelError:
        stop = "the kernel died (the code ended Python, or used more memory than allowed)"
    except Exception as error:  # noqa: BLE001 - whatever stops the run is the student's row
        stop = f"the notebook could not be run ({type(error).__name__}: {error})"
    nbformat.write(notebook, out)
    if stop:
        Path(f"{out}{ERROR_SUFFIX}").write_text(stop, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Entry point inside the sandbox."""
    parser = argparse.ArgumentParser(prog="python -m helpers.exercises.sandbox")
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cell-timeout", type=int, default=CELL_SECONDS)
    args = parser.parse_args(argv)
    execute(args.source, args.out, args.cell_timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
