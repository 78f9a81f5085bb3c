"""Many articles: extraction and rendering as Dask tasks (`runner`), reports swapped in safely
(`versions`, `render`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_TIMEOUT = 120.0
"""Seconds one article may run on a worker before it is stopped (`--timeout`)."""

DEFAULT_WORKERS = 2
"""Worker processes of the local cluster started when a batch names neither workers nor a
scheduler (fewer when the machine has fewer cores or the batch fewer articles)."""


@contextmanager
def environ(name: str, value: str | None) -> Iterator[None]:
    """Set one environment variable (None: leave it) for the kernels started meanwhile, then
    restore it."""
    before = os.environ.get(name)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before
