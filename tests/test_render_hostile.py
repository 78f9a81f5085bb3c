"""A render's own files under attack (issue 23, items 5 and 11): a damaged `.render.json`
(deeply nested valid JSON, a FIFO in its place) never ends or hangs a render, and an
`index.html` that no render wrote is never overwritten."""

from __future__ import annotations

import os
import threading
import warnings

import pytest

from helpers.batch import render
from helpers.cli import main
from helpers.report import index


@pytest.fixture
def report_folder(tmp_path):
    folder = tmp_path / "reports" / "harbour"
    folder.mkdir(parents=True)
    (folder / index.ENTRY).write_text('{"headline": "Harbour"}', encoding="utf-8")
    return folder


def index_within(out, seconds: float) -> list[str]:
    """Write the index in a thread; the warnings it gave, or fail if it takes too long."""
    caught: list[str] = []

    def write() -> None:
        with warnings.catch_warnings(record=True) as found:
            warnings.simplefilter("always")
            index.write_index(out)
        caught.extend(str(warning.message) for warning in found)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "writing the index hangs"
    return caught


def test_damaged_render_json_nested_too_deep_is_left_out_of_the_index(report_folder):
    (report_folder / render.STAMP).write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert render._read_stamp(report_folder) == {}
    caught = index_within(report_folder.parent, 60)
    assert any("damaged (it is not readable JSON)" in message for message in caught)
    assert (report_folder.parent / "index.html").exists()


def test_damaged_render_json_fifo_never_hangs_the_render(report_folder):
    os.mkfifo(report_folder / render.STAMP)
    assert render._read_stamp(report_folder) == {}
    caught = index_within(report_folder.parent, 60)
    assert any("damaged" in message for message in caught)


def test_index_html_no_render_wrote_is_never_overwritten(tmp_path, write_article, capsys):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<html><title>My site</title></html>", encoding="utf-8")
    article = write_article("Harbour\n\nThe harbour reopened on Monday.\n", "harbour.txt")
    assert main(["render", "--article", str(article), "--out", str(out)]) == 1
    assert "was not written by a render" in capsys.readouterr().err
    assert (out / "index.html").read_text(encoding="utf-8") == (
        "<html><title>My site</title></html>")
    ours = tmp_path / "reports"
    ours.mkdir()
    index.write_index(ours)
    render.check_index(ours)  # the index a render wrote is replaced without a word
