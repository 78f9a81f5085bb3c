"""A folder that cannot be written, for tests of read-only caches (root included)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """Make `folder` read-only while the block runs: mode 555, and `chattr +i` for root, who
    ignores the mode bits. Skips the test where neither works."""
    folder.chmod(0o555)
    immutable = False
    if os.access(folder, os.W_OK):
        immutable = bool(shutil.which("chattr")) and subprocess.run(
            ["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        if not immutable:
            folder.chmod(0o755)
            pytest.skip("cannot make a read-only folder here (root without chattr +i)")
    try:
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)
