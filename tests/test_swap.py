"""The report swap (issue 10, item 7): a kill at any moment leaves every report in the index
whole, two renders of one folder at once both succeed, and leftovers go on the next run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from reportcheck import broken_links, leftovers
from test_render import write_notebook, write_two_articles

from helpers.batch import versions

pytestmark = pytest.mark.slow

RENDER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from helpers.batch.render import render

    articles, out, notebook, kill = sys.argv[1:5]
    real_replace = os.replace

    def replace(source, target):
        if kill == "before-switch" and ".link-" in str(source):
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(source, target)
        if kill == "after-switch" and ".link-" in str(source):
            os.kill(os.getpid(), signal.SIGKILL)

    os.replace = replace
    result = render([Path(articles)], out_dir=Path(out), notebooks=[Path(notebook)],
                    force=True, progress=False, coverage=False)
    sys.exit(1 if result.failures else 0)
""")


def start(articles: Path, out: Path, notebook: Path, kill: str = "none") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", RENDER, str(articles), str(out),
                             str(notebook), kill], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def succeeds(render: subprocess.Popen) -> bool:
    """Whether a render ended well; its stderr's end is the failure message when it did not
    (a render that fails under load must say why: a cell timeout, a dead kernel ...)."""
    _, err = render.communicate(timeout=300)
    assert render.returncode == 0, err[-3000:]
    return True


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    folder = write_two_articles(tmp_path / "articles")
    notebook = write_notebook(tmp_path / "nbs", "01_small.ipynb")
    return folder, tmp_path / "reports", notebook


@pytest.mark.parametrize("kill", ["before-switch", "after-switch"])
def test_a_kill_at_the_swap_leaves_every_report_whole(setup, kill):
    articles, out, notebook = setup
    assert succeeds(start(articles, out, notebook))
    reports = sorted(p.name for p in out.iterdir() if versions.is_ours(p))
    assert reports == ["bridge", "harbour"]
    killed = start(articles, out, notebook, kill)
    assert killed.wait(timeout=300) == -9
    assert not broken_links(out)
    for name in reports:
        assert "HEADLINE" in (out / name / "01_small.html").read_text("utf-8"), name
    assert leftovers(out)  # the killed render left something behind ...
    assert succeeds(start(articles, out, notebook))
    assert not leftovers(out)  # ... and the next one removed it
    assert not broken_links(out)


def test_two_renders_of_one_folder_at_once_both_succeed(setup):
    articles, out, notebook = setup
    first, second = start(articles, out, notebook), start(articles, out, notebook)
    results = [process.communicate(timeout=600) for process in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), results
    assert any("waiting for it to finish" in err for _, err in results)
    assert not broken_links(out) and not leftovers(out)
    assert sorted(p.name for p in out.iterdir() if versions.is_ours(p)) == ["bridge", "harbour"]


def test_leftovers_of_killed_renders_are_cleaned_and_a_moved_report_put_back(tmp_path):
    out = tmp_path / "reports"
    store = versions.versions_dir(out)
    (store / "harbour.abc12345" / "figures").mkdir(parents=True)  # a killed render's staging
    (store / "bridge.link-abc12345").symlink_to(".versions/bridge.abc12345")
    (store / "old.moved").mkdir()  # a pre-versions report moved aside, never linked
    (store / "old.moved" / "notes.md").write_text("mine", "utf-8")
    (out / ".index.html.x.tmp").write_text("half", "utf-8")
    removed = versions.clean(out)
    assert sorted(p.name for p in removed) == ["bridge.link-abc12345", "harbour.abc12345"]
    assert (out / "old" / "notes.md").read_text("utf-8") == "mine"
    assert not list(store.iterdir()) and not list(out.glob(".*.tmp"))


def test_a_report_folder_from_before_versions_becomes_a_version(tmp_path):
    out = tmp_path / "reports"
    (out / "harbour").mkdir(parents=True)
    (out / "harbour" / "page.html").write_text("old", "utf-8")
    new = versions.new_version(out, "harbour")
    (new / "page.html").write_text("new", "utf-8")
    versions.publish(new, out / "harbour")
    assert versions.is_ours(out / "harbour")
    assert (out / "harbour" / "page.html").read_text("utf-8") == "new"
    assert not leftovers(out)
