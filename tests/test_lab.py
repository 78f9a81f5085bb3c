"""JupyterLab for the job at hand (issue 21): `make lab` opens the report notebooks without
nbgrader's menus, panels and warnings (its Lab extension disabled, its server extensions off),
`make class` keeps them, and notebooks are stored without outputs (an nbstripout git filter)."""

from __future__ import annotations

import json
import sys

from helpers.paths import PROJ_ROOT

REPORTS_CONFIG = PROJ_ROOT / "jupyter" / "lab"


def test_make_lab_runs_without_nbgrader_and_make_class_with_it():
    pages = json.loads((REPORTS_CONFIG / "labconfig" / "page_config.json").read_text("utf-8"))
    assert pages["disabledExtensions"] == {"@jupyter/nbgrader": True}
    server = json.loads((REPORTS_CONFIG / "jupyter_server_config.json").read_text("utf-8"))
    off = server["ServerApp"]["jpserver_extensions"]
    installed = PROJ_ROOT / sys.prefix / "etc/jupyter/jupyter_server_config.d/nbgrader.json"
    if installed.is_file():  # every server extension nbgrader installs is turned off
        on = json.loads(installed.read_text("utf-8"))["ServerApp"]["jpserver_extensions"]
        assert set(off) == set(on)
    assert not any(off.values())
    makefile = (PROJ_ROOT / "Makefile").read_text("utf-8")
    lab = makefile[makefile.index("\nlab:"):makefile.index("\nclass:")]
    assert "JUPYTER_CONFIG_PATH=$(CURDIR)/jupyter/lab" in lab
    assert "JUPYTER_CONFIG_PATH" not in makefile[makefile.index("\nclass:"):][:300]


def test_notebooks_are_stored_without_outputs():
    attributes = (PROJ_ROOT / ".gitattributes").read_text("utf-8")
    assert "*.ipynb filter=nbstripout" in attributes
    makefile = (PROJ_ROOT / "Makefile").read_text("utf-8")
    assert "filter.nbstripout.clean" in makefile and "--keep-id" in makefile
    for path in sorted((PROJ_ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text("utf-8"))["cells"]
        assert not [c for c in cells if c.get("outputs") or c.get("execution_count")], path.name
