"""Many articles: extraction and rendering as Dask tasks (`runner`), reports swapped in safely
(`versions`, `render`)."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_TIMEOUT = 120.0
"""Seconds one article may run on a worker before it is stopped (`--timeout`)."""

MIN_TIMEOUT, MAX_TIMEOUT = 1.0, 7 * 24 * 3600.0
"""The range of `--timeout`: an article takes at least a second, and a week is no limit."""

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


PROBE_TIMEOUT = 5.0
"""Seconds to wait for anything to answer at the --scheduler address (a refused port fails at
once; a dropped one after this long)."""

SCHEMES = ("tcp://",)
"""Scheduler addresses a batch can use: tls:// needs certificates this command does not take,
inproc:// lives in one process, ucx:// needs UCX."""


def host_port(scheduler: str) -> tuple[str, int]:
    """The host and port of a scheduler address 'tcp://host:port', or a clear error."""
    scheme, _, rest = scheduler.partition("://")
    host, _, port = rest.rpartition(":")
    if f"{scheme}://" not in SCHEMES or not host or not port.isdecimal() or int(port) > 65535:
        raise ValueError(f"scheduler must be an address such as tcp://host:8786, got "
                         f"{scheduler!r} (only tcp:// is supported: tls:// needs certificates, "
                         f"inproc:// one process, ucx:// UCX).")
    return host.strip("[]"), int(port)


def probe(scheduler: str) -> None:
    """Fail at once, with the reason, when nothing listens at the scheduler's address."""
    try:
        socket.create_connection(host_port(scheduler), timeout=PROBE_TIMEOUT).close()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise OSError(f"no Dask scheduler answered at {scheduler} ({reason}): start one "
                      f"(`dask scheduler`) or check the address.") from None
