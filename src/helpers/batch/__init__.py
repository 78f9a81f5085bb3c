"""Many articles: extraction and rendering as Dask tasks (`runner`), reports swapped in safely
(`versions`, `render`)."""

DEFAULT_TIMEOUT = 120.0
"""Seconds one article may run on a worker before it is stopped (`--timeout`)."""

DEFAULT_WORKERS = 2
"""Worker processes of the local cluster started when a batch names neither workers nor a
scheduler (fewer when the machine has fewer cores or the batch fewer articles)."""
