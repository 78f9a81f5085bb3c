"""Report folders that are never half-written: versions behind a link, swapped atomically.

`reports/<slug>` is a symbolic link to `reports/.versions/<slug>.<token>/`. A render writes a
new version next to the live one and then replaces the link in one `rename`, so at every moment
`reports/<slug>` is the old report or the new one, whatever kills the process. One render at a
time writes into an output folder (a lock file that the system releases when its holder dies);
the next one waits. Whatever a killed render left in `.versions` is removed by the next one;
nothing else is: `.versions` must be a folder of the output folder's own (never a link, which
two output folders could share), and only entries named as a render names them are removed.
"""

from __future__ import annotations

import os
import re
import shlex
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
ENTRY = re.compile(rf"[^.]+\.(?:{MOVED}|(?:link-)?[a-z0-9_]{{8}})")
"""The names a render gives the entries of `.versions` (`new_version`, `publish`)."""
TEMPORARY = re.compile(r"\..+\.tmp|tmp[a-z0-9_]{8}\.tmp")
"""Files of the output folder written whole before a rename (`tempfile` names them so)."""


def versions_dir(out_dir: Path) -> Path:
    """The folder that holds every version of every report in `out_dir`; an error when it is a
    link or not a folder, which a render must neither write into nor clean."""
    folder = out_dir / VERSIONS
    if folder.is_symlink():
        raise ValueError(f"{folder} is a link (to {os.readlink(folder)}), not a folder of "
                         f"{out_dir}'s own, and a render removes old reports from it: remove the "
                         f"link (rm {shlex.quote(str(folder))}) and render again.")
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is not a folder: move it away and render again (a render "
                         f"keeps the versions of its reports there).")
    return folder


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


def _shown(target: Path) -> Path | None:
    """The entry of `.versions` that the report link `target` shows (None: not a report link)."""
    if not is_ours(target):
        return None
    return versions_dir(target.parent) / Path(os.readlink(target)).name


def _remove(entry: Path) -> None:
    """Remove an entry of `.versions`: a link itself, never what it points to."""
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)


def publish(version: Path, target: Path) -> None:
    """Make `target` show `version` in one atomic rename; the version it showed is removed."""
    old = _shown(target)
    if target.exists() and old is None:
        moved = version.parent / f"{target.name}.{MOVED}"
        target.rename(moved)  # a report folder from before versions: kept until linked below
        old = moved
    link = version.parent / f"{target.name}.link-{version.name.rsplit('.', 1)[-1]}"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(VERSIONS) / version.name)
    os.replace(link, target)
    if old is not None and old.name != version.name:
        _remove(old)


def clean(out_dir: Path) -> list[Path]:
    """Remove what killed renders left: unlinked versions, links and temporary files.

    A report folder from before versions that was moved aside but never linked is put back;
    an entry not named as a render names it (`ENTRY`) is left alone.
    """
    folder = versions_dir(out_dir)
    for temporary in out_dir.glob("*.tmp"):
        if TEMPORARY.fullmatch(temporary.name):
            temporary.unlink(missing_ok=True)
    if not folder.is_dir():
        return []
    live = {_shown(target) for target in out_dir.iterdir() if is_ours(target)}
    removed = []
    for entry in folder.iterdir():
        if not ENTRY.fullmatch(entry.name):
            continue  # not made by a render: never removed
        slug, _, token = entry.name.partition(".")
        if token == MOVED and not (out_dir / slug).exists() and not (out_dir / slug).is_symlink():
            entry.rename(out_dir / slug)
            continue
        if entry in live and not entry.is_symlink():
            continue
        _remove(entry)
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
