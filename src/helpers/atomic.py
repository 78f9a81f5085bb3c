"""Writing a file in one step: a reader (or a killed render) never sees it half-written."""

from __future__ import annotations

import tempfile
from pathlib import Path


def write_atomic(target: Path, text: str) -> Path:
    """Write `text` to `target` through a hidden temporary file beside it ('.name.tmp'),
    then move it into place; folders are made as needed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent, delete=False, prefix=".", suffix=".tmp"
    ) as handle:
        handle.write(text)
    Path(handle.name).chmod(0o644)
    Path(handle.name).replace(target)
    return target
