"""Report folders that are never half-written: versions behind a link, swapped atomically.

`reports/<slug>` is a symbolic link to `reports/.versions/<slug>.<token>/`. A render writes a
new version next to the live one and then replaces the link in one `rename`, so at every moment
`reports/<slug>` is the old report or the new one, whatever kills the process. One render at a
time writes into an output folder (a lock file that the system releases when its holder dies);
the next one waits. Whatever a killed render left in `.versions` is removed by the next one.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

VERSIONS = ".versions"
LOCK = ".render.lock"
MOVED = "moved"
"""Token of a report folder from before versions, moved aside while its link is made."""


def versions_dir(out_dir: Path) -> Path:
    """The folder that holds every version of every report in `out_dir`."""
    return out_dir / VERSIONS


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock: another render of `out_dir` waits until this one ends."""
    lock = FileLock(out_dir / LOCK)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print(f"Another render is writing to {out_dir}; waiting for it to finish "
              f"(lock file {lock.lock_file}).", file=sys.stderr, flush=True)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def new_version(out_dir: Path, slug: str) -> Path:
    """An empty folder for a new version of the report `slug` (not linked yet)."""
    folder = versions_dir(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{slug}.", dir=folder))
    staging.chmod(0o755)
    return staging


def is_ours(target: Path) -> bool:
    """Whether `target` is a link into this output folder's versions (made by `publish`)."""
    return target.is_symlink() and Path(os.readlink(target)).parent == Path(VERSIONS)


def publish(version: Path, target: Path) -> None:
    """Make `target` show `version` in one atomic rename; the version it showed is removed."""
    old = target.resolve() if is_ours(target) else None
    if target.exists() and old is None:
        moved = version.parent / f"{target.name}.{MOVED}"
        target.rename(moved)  # a report folder from before versions: kept until linked below
        old = moved
    link = version.parent / f"{target.name}.link-{version.name.rsplit('.', 1)[-1]}"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(VERSIONS) / version.name)
    os.replace(link, target)
    if old is not None and old != version.resolve():
        shutil.rmtree(old, ignore_errors=True)


def clean(out_dir: Path) -> list[Path]:
    """Remove what killed renders left: unlinked versions, links and temporary files.

    A report folder from before versions that was moved aside but never linked is put back.
    """
    folder = versions_dir(out_dir)
    for temporary in out_dir.glob(".*.tmp"):
        temporary.unlink(missing_ok=True)
    if not folder.is_dir():
        return []
    live = {target.resolve() for target in out_dir.iterdir() if is_ours(target)}
    removed = []
    for entry in folder.iterdir():
        slug, _, token = entry.name.partition(".")
        if token == MOVED and not (out_dir / slug).exists() and not (out_dir / slug).is_symlink():
            entry.rename(out_dir / slug)
            continue
        if entry.resolve() in live and not entry.is_symlink():
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def files_in(folder: Path) -> set[str]:
    """Every file under `folder`, as paths relative to it (links to folders are not followed)."""
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")
            if path.is_file() or path.is_symlink()}


def carry_over(old: Path, new: Path, theirs: set[str]) -> None:
    """Copy the files `theirs` (relative paths) from the old version into the new one.

    Files are hard-linked where possible, so even a large one costs no time or space.
    """
    for name in sorted(theirs):
        source, copy = old / name, new / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, copy, follow_symlinks=False)
        except OSError:
            shutil.copy2(source, copy, follow_symlinks=False)
