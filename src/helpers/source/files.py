"""Reading a file safely: only a regular file, and never more than a limit of bytes.

A named pipe (FIFO) would block a plain `read` forever and `/dev/zero` never ends, so the file is
opened without blocking, checked with `fstat` on the open descriptor (the same object that is
then read, even if the name is swapped meanwhile), and read up to the limit plus one byte.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import warnings
from pathlib import Path

KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device (such as /dev/zero)"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
CHUNK = 1 << 16


class TooLarge(ValueError):
    """The file holds more bytes than the limit allows."""

    def __init__(self, file: Path, limit: int, size: int) -> None:
        super().__init__(f"{file} is {size:,} bytes or more, over the {limit:,}-byte limit.")
        self.file, self.limit, self.size = file, limit, size


def kind_of(mode: int) -> str:
    """'a folder', 'a named pipe (FIFO)', ... for a file mode that is not a regular file."""
    return next((name for test, name in KINDS if test(mode)), "not a regular file")


def read_limited(file: Path, limit: int, what: str = "article") -> bytes:
    """The bytes of the regular file `file`, refusing anything else and anything over `limit`."""
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise ValueError(f"The byte limit must be a whole number of at least 1, got {limit!r}.")
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        link = file.is_symlink()
        target = f", a link to {os.readlink(file)}, which does not exist" if link else ""
        raise FileNotFoundError(
            f"{what.capitalize()} file not found: {file}{target}. Check the spelling, or give an "
            f"absolute path (relative paths are tried from the working directory and the "
            f"project root)."
        ) from None
    except PermissionError:
        raise PermissionError(
            f"{file} cannot be read: permission denied. Check its permissions (ls -l)."
        ) from None
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        raise ValueError(
            f"{file} is a link that leads back to itself (a loop of symbolic links), not a "
            f"file: point the link at the {what} file, or remove it."
        ) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ValueError(
                f"{file} is a folder, not an {what} file: give one .txt or .html file."
            )
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(
                f"{file} is {kind_of(info.st_mode)}, not a regular file: only a saved {what} file "
                f"can be read. Save the {what} to a .txt or .html file and give that."
            )
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(fd, min(CHUNK, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise TooLarge(file, limit, max(size, info.st_size))
    finally:
        os.close(fd)
    return b"".join(chunks)


def printable(text: str) -> str:
    """`text` for one line of a log: a character that is not printable (a newline in a file name,
    say, which could forge a line) is written as its escape, '\\n'."""
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
                   for char in text)


def within(file: Path, folder: Path) -> bool:
    """Whether `file` (found in `folder`) is in it once its links are followed; a link that
    leads out of the folder is not followed, with a warning that says so."""
    if not file.is_symlink():
        return True
    target = Path(os.path.realpath(file))
    if target.is_relative_to(os.path.realpath(folder)):
        return True
    warnings.warn(f"{printable(str(file))} is a link to {printable(str(target))}, outside "
                  f"{printable(str(folder))}: it was not read. Only links within the folder are "
                  f"followed; give the file itself to read it.", stacklevel=2)
    return False


JSON_MAX_BYTES = 10_000_000
"""Largest JSON file of the kit's own (a report's stamp or index entry) that is read."""


def read_json(file: Path, limit: int = JSON_MAX_BYTES) -> object | None:
    """The JSON value in `file`, a small file the kit wrote, or None when it is missing, not a
    regular file (a FIFO would block a plain read), over `limit` bytes, not UTF-8 JSON, or
    nested too deeply to read (Python's parser recurses)."""
    try:
        return json.loads(read_limited(file, limit, "JSON").decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
