"""Kernels started ahead of the notebooks that run in them.

Starting a Jupyter kernel and importing what the report notebooks import takes about a second
of a notebook's two or three. A render knows how many notebooks it will run, so it starts their
kernels a few at a time ahead of need, while the analysis and the earlier notebooks run, and
each notebook starts on a kernel that is ready. A kernel runs one notebook only and is shut down
after it: the warm-up imports modules into the kernel's process but binds no name that a
notebook could see, so a notebook runs as it would in a fresh kernel.

Every kernel's connection file is written into one folder per process (`runtime_folder`), which
goes when the process ends; the folders of processes that were killed go the next time.

A kernel's clients are stopped with it (`Manager`). papermill leaves the client of a kernel it
was given running, and its heartbeat thread went on pinging the dead kernel's port; once the
port was handed to a later kernel's shell or control socket, each ping arrived there as a
message with no delimiter ('ValueError: DELIM not in msg_list' from the kernel's ZMQ stream,
several a render under load, issue 23 item 17).
"""

from __future__ import annotations

import ast
import atexit
import os
import shutil
import tempfile
import threading
import uuid
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from jupyter_client.manager import AsyncKernelManager
from traitlets import List

if TYPE_CHECKING:
    from jupyter_client.asynchronous import AsyncKernelClient

KERNEL = "python3"
QUIET = ["--IPKernelApp.log_level=CRITICAL"]
"""Kernel arguments: no start-up chatter."""
READY_TIMEOUT = 60
WARM_TIMEOUT = 120
RUNTIME_PREFIX = "helpers-kernels-"
"""Start of the name of a process's folder of connection files: then its process id and '-'."""


def sweep_runtime(base: Path) -> list[Path]:
    """Remove the connection-file folders under `base` whose process is gone (killed)."""
    removed = []
    for folder in base.glob(f"{RUNTIME_PREFIX}*"):
        pid = folder.name[len(RUNTIME_PREFIX):].split("-")[0]
        if pid.isdecimal() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


@cache
def runtime_folder() -> Path:
    """This process's folder for kernel connection files, removed when the process ends."""
    base = Path(tempfile.gettempdir())
    sweep_runtime(base)
    folder = Path(tempfile.mkdtemp(prefix=f"{RUNTIME_PREFIX}{os.getpid()}-", dir=base))
    atexit.register(shutil.rmtree, folder, True)
    return folder


class Manager(AsyncKernelManager):
    """A kernel manager that remembers the clients it made, so `shutdown` stops them too."""

    made_clients = List()

    def client(self, **kwargs) -> AsyncKernelClient:
        made = super().client(**kwargs)
        self.made_clients.append(made)
        return made


def new_manager() -> Manager:
    """A kernel manager (no kernel started yet) whose connection file is in `runtime_folder`,
    not a loose temporary file that a killed render would leave behind."""
    name = f"kernel-{uuid.uuid4().hex}.json"
    return Manager(kernel_name=KERNEL, connection_file=str(runtime_folder() / name))


def notebook_imports(notebooks: list[Path]) -> tuple[str, ...]:
    """Every module the code cells of `notebooks` import, in first-seen order."""
    import nbformat

    found: dict[str, None] = {}
    for notebook in notebooks:
        for cell in nbformat.read(notebook, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            source = "\n".join(line for line in cell.source.splitlines()
                               if not line.lstrip().startswith(("%", "!")))
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    found.update(dict.fromkeys(alias.name for alias in node.names))
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found[node.module] = None
    return tuple(found)


def warm_code(modules: tuple[str, ...]) -> str:
    """Code that imports `modules` and leaves no name behind; a module that fails to import is
    left to the notebook, which reports it where it imports it."""
    return (f"def _helpers_warm_up():\n"
            f"    import importlib\n"
            f"    for name in {modules!r}:\n"
            f"        try:\n"
            f"            importlib.import_module(name)\n"
            f"        except Exception:\n"
            f"            pass\n"
            f"_helpers_warm_up()\n"
            f"del _helpers_warm_up\n")


async def _start(cwd: Path, code: str) -> AsyncKernelManager:
    manager = new_manager()
    await manager.start_kernel(cwd=str(cwd), extra_arguments=QUIET)
    client = manager.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=READY_TIMEOUT)
        await client.execute_interactive(code, silent=True, store_history=False,
                                         timeout=WARM_TIMEOUT)
    except BaseException:
        client.stop_channels()
        await manager.shutdown_kernel(now=True)
        raise
    client.stop_channels()
    return manager


def start_kernel(cwd: Path, code: str) -> AsyncKernelManager:
    """A started kernel in `cwd` that has run `code` silently."""
    from jupyter_core.utils import run_sync

    return run_sync(_start)(cwd, code)


def shutdown(manager: AsyncKernelManager) -> None:
    """Stop a kernel's clients (their heartbeat threads too), then the kernel at once (its
    notebook is done), if it was ever started."""
    from jupyter_core.utils import run_sync

    for made in getattr(manager, "made_clients", []):
        if made.channels_running:
            made.stop_channels()
    if manager.has_kernel:
        run_sync(manager.shutdown_kernel)(now=True)


class KernelPool:
    """Kernels for notebooks that run in `cwd`, in the order given (`notebooks`, one kernel
    each), started at most `ahead` before use; each kernel has imported what its notebook
    imports."""

    def __init__(self, cwd: Path, notebooks: list[Path], ahead: int) -> None:
        self.cwd = cwd
        self.environ = dict(os.environ)
        """The environment the kernels start with (a render that changes it starts anew)."""
        self._code = {nb: warm_code(notebook_imports([nb])) for nb in set(notebooks)}
        self._order = deque(notebooks)
        self._lock = threading.Lock()
        self._starter = ThreadPoolExecutor(max(1, ahead), thread_name_prefix="kernel-start")
        self._ready: list[tuple[Path, Future[AsyncKernelManager]]] = []
        for _ in range(ahead):
            self._start_next()

    def _start_next(self) -> None:
        if self._order:
            notebook = self._order.popleft()
            self._ready.append((notebook, self._starter.submit(start_kernel, self.cwd,
                                                               self._code[notebook])))

    def take(self, notebook: Path) -> AsyncKernelManager | None:
        """A kernel made ready for `notebook` (and the next one starts), or None when there is
        none or it failed to start: the notebook then starts its own, which reports any error."""
        with self._lock:
            found = next((entry for entry in self._ready if entry[0] == notebook), None)
            if found is None:
                return None
            self._ready.remove(found)
            self._start_next()
        try:
            return found[1].result()
        except Exception:
            return None

    def close(self) -> None:
        """Stop the kernels that no notebook took."""
        with self._lock:
            unused = [future for _, future in self._ready]
            self._ready.clear()
            self._order.clear()
        for future in unused:
            if not future.cancel():
                try:
                    shutdown(future.result())
                except Exception:  # it never started: nothing to stop
                    pass
        self._starter.shutdown(wait=True)
