"""Kernels started ahead of the notebooks: what they import, that they bind no name, and that
each is handed to the notebook it was made ready for."""

from __future__ import annotations

import sys

import pytest
from test_render import write_notebook

from helpers.batch import kernels

CELLS = [
    ("code", "%matplotlib inline\nimport json, csv as table_io\nfrom pathlib import Path"),
    ("code", "from . import nothing\nfrom helpers.analysis import analyze"),
    ("code", "this is not python ("),
    ("markdown", "import markdown_is_not_code"),
    ("code", "def f():\n    import textwrap\n    return textwrap"),
]


def test_the_imports_of_a_notebook_are_found_in_order(tmp_path):
    notebook = write_notebook(tmp_path, "01_x.ipynb", CELLS)
    assert kernels.notebook_imports([notebook]) == (
        "json", "csv", "pathlib", "helpers.analysis", "textwrap")


def test_the_warm_up_imports_and_leaves_no_name_behind():
    namespace: dict = {}
    sys.modules.pop("wave", None)
    exec(kernels.warm_code(("wave", "no_such_module_anywhere")), namespace)
    assert "wave" in sys.modules  # imported, though a module after it does not exist
    assert set(namespace) == {"__builtins__"}


@pytest.mark.slow
def test_a_pool_hands_each_notebook_the_kernel_made_ready_for_it(tmp_path):
    first = write_notebook(tmp_path, "01_a.ipynb", [("code", "import wave")])
    second = write_notebook(tmp_path, "02_b.ipynb", [("code", "import json")])
    pool = kernels.KernelPool(tmp_path, [first, second], ahead=1)
    seen: list[dict] = []
    try:
        assert pool.take(second) is None  # not started yet: that notebook starts its own
        manager = pool.take(first)
        assert manager is not None
        client = manager.client()
        client.start_channels()
        try:
            from jupyter_core.utils import run_sync

            run_sync(client.wait_for_ready)(timeout=30)
            reply = run_sync(client.execute_interactive)(
                "import os, sys; print(os.getcwd(), 'wave' in sys.modules)", timeout=30,
                output_hook=lambda message: seen.append(message))
        finally:
            client.stop_channels()
        assert reply["content"]["status"] == "ok"
        printed = "".join(m["content"].get("text", "") for m in seen)
        assert printed.strip() == f"{tmp_path} True"
        kernels.shutdown(manager)
    finally:
        pool.close()
