"""No kernel client outlives its kernel (issue 23, item 17: `make corpus` under load printed
'ValueError: DELIM not in msg_list' from kernels' ZMQ streams).

papermill never stops the client of a kernel it is given, so its heartbeat thread went on
pinging the dead kernel's port; a later kernel given that port as its shell or control socket
read each ping as a message with no delimiter.
"""

from __future__ import annotations

import threading

import pytest
from test_render import write_notebook

from helpers.batch import kernels
from helpers.batch.render import Job, run_job

pytestmark = pytest.mark.slow


def heartbeats() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate()
            if type(thread).__name__ == "HBChannel" and thread.is_alive()]


@pytest.mark.parametrize("pooled", [True, False])
def test_zmq_delim_no_heartbeat_outlives_its_kernel(tmp_path, pooled):
    notebook = write_notebook(tmp_path / "nbs", "01_small.ipynb")
    staging = tmp_path / "staging"
    staging.mkdir()
    before = set(heartbeats())
    pool = kernels.KernelPool(notebook.parent, [notebook], 1) if pooled else None
    try:
        run_job(Job(tmp_path / "a.txt", notebook, staging, {}, False, {}), pool)
    finally:
        if pool is not None:
            pool.close()
    assert (staging / notebook.name).exists()  # the notebook ran in the kernel
    assert set(heartbeats()) - before == set()
