"""Batches of articles as Dask tasks: one function does one article, Dask runs many.

`do_article` is the unit of work of every batch (`extract`, and the analysis step of
`render`): it analyses one article (`helpers.analysis.analyze`, which fills the disk cache) and
writes its tables, then returns a small `Outcome`. It never raises: a failure comes back as the
outcome's reason.

`run` sends one `do_article` task per article to a Dask cluster (`dask.distributed`): a
`LocalCluster` of worker processes with one thread each that it starts itself (`workers`), or an
existing cluster (`scheduler`, e.g. 'tcp://host:8786'), with the same tasks either way. With
neither, it starts a LocalCluster of `default_workers()` processes. Each worker loads the spaCy
model once (a worker plugin) and then runs article after article.

Memory stays flat in the number of articles: tasks are submitted a few per worker thread at a
time as others end, each task writes its own tables, and only its small outcome comes back.

Dask cannot stop a running task. So every task announces its start to the scheduler (an event
on the `STARTED` topic), and an article still running `timeout` seconds after its start is
cancelled and its worker restarted by the worker's nanny; the article is reported as timed out
and the batch goes on. An article whose worker dies under it (a crash, or more memory than the
worker may use) is reported as well, once Dask gives up on it (`distributed.scheduler.
allowed-failures`).
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
import uuid
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from distributed.diagnostics.plugin import WorkerPlugin

from helpers.batch import (
    DEFAULT_TIMEOUT,
    DEFAULT_WORKERS,
    MAX_TIMEOUT,
    MIN_TIMEOUT,
    host_port,
    probe,
)
from helpers.nlp import AUTO
from helpers.stories import packs

if TYPE_CHECKING:
    from distributed import Client, Future

    from helpers.analysis import Analysis

STARTED = "helpers-article-started"
"""The event topic on which each task says, on its worker, that it has started."""

SOURCE_NOTE = "source.txt"
"""Written beside each article's tables: the file they were made from."""

KEY = "helpers-article"
"""The name of every task (one prefix: the scheduler and workers keep statistics per prefix,
and one per article would grow with the batch)."""

POLL = 0.5
"""Seconds between checks for articles past their time."""

RESIZE = 10.0
"""Seconds between looks at how many worker threads the cluster has."""

RESTART_TIMEOUT = 60.0
"""Seconds to wait for a restarted worker to come back."""

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for the scheduler given with --scheduler once something answers there."""


LOCAL_CONFIG = {
    "distributed.scheduler.worker-saturation": 1.0,  # a worker holds one article at a time
    "distributed.worker.profile.enabled": False,  # stack samples every 10 ms that no one reads
    # Dask makes glibc hand freed memory back at once (64 KB); the parser allocates and frees
    # large arrays for every article, and doing so cost 9% more CPU. Memory stays flat without.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
"""Dask settings of the local cluster (an existing cluster keeps its own: docs/scale.md)."""


class WorkerWarning(UserWarning):
    """A warning an article's analysis gave on a worker (each distinct one shown once)."""


@dataclass(frozen=True)
class Settings:
    """What every task of a batch shares: the model, the story pack and the file-size limit."""

    spacy_model: str = AUTO
    story: str = packs.AUTO
    max_bytes: int | None = None


@dataclass(frozen=True)
class Task:
    """One article, and the folder for its tables (None: analyse it into the cache only).

    `own_folder`: the folder is the article's alone, so it is replaced as a whole, atomically;
    otherwise the tables are written into it beside whatever else it holds.
    """

    path: Path
    folder: Path | None = None
    own_folder: bool = True


@dataclass(frozen=True)
class Outcome:
    """How one article ended: where its tables went, how long it took, or why it failed."""

    path: Path
    folder: Path | None = None
    seconds: float = 0.0
    error: str | None = None
    warnings: tuple[str, ...] = ()
    """Warnings the analysis gave (e.g. an unusable cache), re-issued once by the client."""
    cache_off: bool = False
    """The analysis cache could not be used where the article ran (`helpers.cache.off`)."""

    @property
    def ok(self) -> bool:
        return self.error is None


def do_article(task: Task, settings: Settings) -> Outcome:
    """Analyse one article and write its tables (and `article.json`): the unit of every batch.

    Runs anywhere: in a Dask task (it then announces its start, for the per-article time limit)
    or called directly. Never raises; a failure is the outcome's `error`.
    """
    from helpers import cache
    from helpers.analysis import analyze

    start = time.perf_counter()
    _announce_start()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            analysis = analyze(task.path, settings.spacy_model, settings.story,
                               max_bytes=settings.max_bytes)
            if task.folder is not None:
                write_tables(analysis, task.folder, task.path, task.own_folder)
        except Exception as error:  # any article may fail; the batch goes on
            failure = f"{type(error).__name__}: {error}"
        else:
            failure = None
    # A ResourceWarning comes from whatever was garbage-collected meanwhile (a closed kernel's
    # socket, in a render), not from the article: it is not passed on.
    said = tuple(dict.fromkeys(str(warning.message) for warning in caught
                               if not issubclass(warning.category, ResourceWarning)))
    return Outcome(task.path, None if failure else task.folder, time.perf_counter() - start,
                   failure, said, cache.off())


def write_tables(analysis: Analysis, folder: Path, source: Path, own_folder: bool) -> None:
    """Write the tables of `analysis` and the name of its `source` file into `folder`.

    An article's own folder is written beside it and swapped in whole, so a reader of the
    tables folder sees the old tables or the new ones, never a half-written set.
    """
    if not own_folder:
        analysis.write_csv(folder)
        (folder / SOURCE_NOTE).write_text(f"{source}\n", encoding="utf-8")
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".new", dir=folder.parent))
    try:
        staging.chmod(0o755)
        analysis.write_csv(staging)
        (staging / SOURCE_NOTE).write_text(f"{source}\n", encoding="utf-8")
        old = None
        if folder.is_dir() and not folder.is_symlink():
            old = staging.with_suffix(".old")
            folder.rename(old)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def leftovers(folder: Path) -> list[Path]:
    """What killed writes of the tables folder `folder` left beside it (removed by `clean`)."""
    parent = folder.parent
    if not parent.is_dir():
        return []
    return sorted(parent.glob(f".{folder.name}.*.new")) + sorted(
        parent.glob(f".{folder.name}.*.old"))


def clean(folders: Iterable[Path]) -> None:
    """Remove the leftovers of earlier, killed writes of these tables folders."""
    for folder in folders:
        for entry in leftovers(folder):
            shutil.rmtree(entry, ignore_errors=True)


def taken_by_another(folder: Path, path: Path) -> str | None:
    """Why `folder` cannot take the tables of `path` (it holds another file's), else None."""
    try:
        other = Path((folder / SOURCE_NOTE).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    if other.exists() and not other.samefile(path):
        return (f"its folder {folder} holds the tables of {other}, another file with the same "
                f"name: rename one of the two, or delete {folder}.")
    return None


def _announce_start() -> None:
    """On a Dask worker, tell the scheduler which task started here (the timeout clock)."""
    try:
        from distributed import get_worker

        worker = get_worker()
    except (ImportError, ValueError):  # called directly, not as a task
        return
    worker.log_event(STARTED, {"key": str(worker.get_current_task()),
                               "worker": worker.address})


def default_workers(articles: int) -> int:
    """Worker processes started when the batch names none: up to 2, never more than cores or
    articles."""
    return max(1, min(DEFAULT_WORKERS, os.cpu_count() or 1, articles))


def check_options(workers: int | None, scheduler: str | None, timeout: float) -> None:
    """Refuse impossible batch options with a clear message."""
    if workers is not None and scheduler is not None:
        raise ValueError("give --workers (a local cluster) or --scheduler (an existing one), "
                         "not both.")
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ValueError(f"workers must be a whole number of at least 1, got {workers!r}.")
    if scheduler is not None:
        host_port(scheduler)
    if not isinstance(timeout, int | float) or not MIN_TIMEOUT <= timeout <= MAX_TIMEOUT:
        raise ValueError(f"timeout must be a number of seconds above 0, from {MIN_TIMEOUT:g} "
                         f"to {MAX_TIMEOUT:g} (a week), got {timeout!r}.")


class LoadModel(WorkerPlugin):
    """Each worker process loads the spaCy model once, when it starts (or when registered)."""

    def __init__(self, spacy_model: str) -> None:
        self.spacy_model = spacy_model

    def setup(self, worker) -> None:
        from helpers.nlp import load_nlp

        load_nlp(self.spacy_model)


def run(
    tasks: Iterable[Task],
    settings: Settings,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    count: int | None = None,
) -> Iterator[Outcome]:
    """Run `do_article` for every task on Dask and yield each outcome as its article ends.

    `workers`: start a LocalCluster of that many processes; `scheduler`: use the cluster at
    that address. Neither: one article (`count` == 1) runs in this process, since starting a
    cluster would take longer than the article; more run on a LocalCluster of
    `default_workers(count)`. An article still running `timeout` seconds after it started is
    stopped (its worker is restarted; in this process, an alarm signal interrupts it) and
    yields a timed-out outcome.
    """
    check_options(workers, scheduler, timeout)
    tasks = iter(tasks)
    first = next(tasks, None)
    if first is None:
        return
    warned: set[str] = set()
    if _here(workers, scheduler, count):
        for task in _chain(first, tasks):
            yield _reissue(_in_process(task, settings, timeout), warned)
        return
    size = workers or default_workers(count if count is not None else 2)
    with _client(size, scheduler) as client:
        for outcome in _stream(client, _chain(first, tasks), settings, timeout):
            yield _reissue(outcome, warned)


def where(workers: int | None, scheduler: str | None, count: int) -> str:
    """Where `run` runs a batch of `count` articles with these options, in words."""
    if _here(workers, scheduler, count):
        return "this process"
    if scheduler is not None:
        return f"the Dask cluster at {scheduler}"
    size = workers or default_workers(count)
    return f"a local Dask cluster of {size} worker process{'es' if size > 1 else ''}"


def _here(workers: int | None, scheduler: str | None, count: int | None) -> bool:
    """Whether the batch runs in this process: one article, no cluster asked for."""
    return workers is None and scheduler is None and count == 1 and _can_alarm()


ALARM_REPEAT = 0.5
"""Seconds between alarms once an article in this process is overdue."""


class _Overdue(BaseException):
    """Raised by the alarm in an article analysed in this process (never caught as an error
    of the article: it is not an Exception)."""


def _can_alarm() -> bool:
    """Whether this thread can take an alarm signal (the main thread, on a Unix system)."""
    return hasattr(signal, "setitimer") and threading.get_ident() == threading.main_thread().ident


def _in_process(task: Task, settings: Settings, timeout: float) -> Outcome:
    """`do_article` in this process, interrupted by an alarm after `timeout` seconds."""

    def overdue(signum, frame) -> None:
        raise _Overdue

    previous = signal.signal(signal.SIGALRM, overdue)
    # the alarm repeats: one raised while a garbage-collector callback runs is only printed
    # ('Exception ignored in …'), and the next one stops the article
    signal.setitimer(signal.ITIMER_REAL, timeout, ALARM_REPEAT)
    try:
        return do_article(task, settings)
    except _Overdue:
        return Outcome(task.path, None, timeout, f"timed out: still running after "
                                                  f"{timeout:g} s, so it was stopped")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _reissue(outcome: Outcome, warned: set[str]) -> Outcome:
    """Warn, here, of each warning of the outcome not warned of before in this batch."""
    for message in outcome.warnings:
        if message not in warned:
            warned.add(message)
            warnings.warn(message, WorkerWarning, stacklevel=3)
    return outcome


def _chain(first: Task, rest: Iterator[Task]) -> Iterator[Task]:
    yield first
    yield from rest


@contextmanager
def _client(workers: int, scheduler: str | None) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a new LocalCluster of `workers` processes."""
    import dask
    from distributed import Client, LocalCluster

    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # restarts and lost workers are reported by the batch itself
    environ = dict(os.environ)  # a local cluster's nannies set variables for their workers here
    try:
        if scheduler is not None:
            probe(scheduler)
            _handshake(scheduler)
            try:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
            except OSError as error:
                raise OSError(f"no Dask scheduler answered at {scheduler} ({error}).") from None
            with client:
                yield client
            return
        with (
            dask.config.set(LOCAL_CONFIG),
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                         host="127.0.0.1", dashboard_address="127.0.0.1:0",  # a free local
                         silence_logs=logging.ERROR) as cluster,  # port: no 8787 clash
            Client(cluster, set_as_default=False) as client,
        ):
            yield client
    finally:
        quiet.setLevel(level)
        for key in set(os.environ) - set(environ):
            del os.environ[key]
        os.environ.update(environ)


def _handshake(scheduler: str) -> None:
    """Greet what answers at `scheduler` as Dask does, and fail in seconds with one line when
    it is something else (another service's bytes read as a frame of exabytes); a Client that
    failed so would hang at exit."""
    import asyncio

    from distributed.comm import connect

    async def greet() -> None:
        comm = await connect(scheduler, timeout=CONNECT_TIMEOUT)
        await comm.close()

    try:
        asyncio.run(greet())
    except (Exception, MemoryError) as error:
        raise OSError(f"what answers at {scheduler} is not a Dask scheduler "
                      f"({type(error).__name__}: {error}).") from None


def _stream(client: Client, tasks: Iterator[Task], settings: Settings,
            timeout: float) -> Iterator[Outcome]:
    """Keep a few tasks per worker thread in flight; yield outcomes; stop overdue articles."""
    ended: queue.SimpleQueue[Future] = queue.SimpleQueue()
    live: dict[str, Task] = {}
    started: dict[str, tuple[str, float]] = {}

    def on_start(event: tuple[float, dict]) -> None:  # runs on the client's event loop
        key, worker = event[1].get("key"), event[1].get("worker")
        if key in live:
            started[key] = (worker, time.monotonic())

    plugin = f"helpers-load-model-{settings.spacy_model}"
    client.subscribe_topic(STARTED, on_start)
    client.register_plugin(LoadModel(settings.spacy_model), name=plugin)
    running: dict[Future, Task] = {}
    window, sized = _window(client), time.monotonic()
    try:
        while True:
            for task in _take(tasks, window - len(running)):
                future = client.submit(do_article, task, settings, pure=False,
                                       key=f"{KEY}-{uuid.uuid4().hex}")
                running[future] = task
                live[future.key] = task
                future.add_done_callback(ended.put)
            if not running:
                return
            for future in _ended(ended):
                if future not in running:  # stopped as overdue already
                    continue
                yield _outcome(future, running.pop(future))
                live.pop(future.key, None)
                started.pop(future.key, None)
                future.release()
            now = time.monotonic()
            for future, task in list(running.items()):
                worker, since = started.get(future.key, ("", now))
                if now - since > timeout and not future.done():
                    future.cancel()  # first, so the restart does not send it to another worker
                    client.restart_workers([worker], timeout=RESTART_TIMEOUT,
                                           raise_for_error=False)
                    del running[future]
                    live.pop(future.key, None)
                    started.pop(future.key, None)
                    yield Outcome(task.path, None, now - since,
                                  f"timed out: still running after {timeout:g} s, so it was "
                                  f"stopped (its worker process was restarted)")
            if now - sized > RESIZE:  # a cluster may grow or shrink while the batch runs
                window, sized = _window(client), now
    finally:
        client.cancel(list(running))
        client.unsubscribe_topic(STARTED)
        try:
            client.unregister_worker_plugin(plugin)
        except Exception:  # the cluster may be gone already: nothing left to undo
            pass


def _ended(ended: queue.SimpleQueue[Future]) -> list[Future]:
    """The futures that ended since the last look, waiting up to POLL seconds for one."""
    try:
        found = [ended.get(timeout=POLL)]
    except queue.Empty:
        return []
    while not ended.empty():
        found.append(ended.get())
    return found


def _take(tasks: Iterator[Task], room: int) -> list[Task]:
    """Up to `room` more tasks."""
    taken = []
    while len(taken) < room and (task := next(tasks, None)) is not None:
        taken.append(task)
    return taken


def _window(client: Client) -> int:
    """Tasks kept in flight: two per worker thread, so no worker waits for its next article."""
    return max(2, 2 * sum(client.nthreads().values()))


def _outcome(future: Future, task: Task) -> Outcome:
    """The outcome of a finished, failed or lost task."""
    from distributed import KilledWorker

    if future.status == "finished":
        return future.result()
    if future.status == "cancelled":
        return Outcome(task.path, None, 0.0, "cancelled by the cluster")
    error = future.exception()
    if isinstance(error, KilledWorker):
        return Outcome(task.path, None, 0.0, "its worker process died while running it, "
                                             "on every try (a crash, or more memory than a "
                                             "worker may use)")
    return Outcome(task.path, None, 0.0, f"{type(error).__name__}: {error}")
