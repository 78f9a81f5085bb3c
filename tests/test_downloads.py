"""The "get the data" files (issue 21): what a page's outputs carry is written into the report
folder under data/ and figures/, and nothing else is."""

from __future__ import annotations

import base64

import nbformat
import pandas as pd
import pytest

from helpers.batch.downloads import downloads, write_downloads
from helpers.report.charts.image import DOWNLOADS
from helpers.report.tables import reader_table


def notebook_with(*bundles) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data", data=data, metadata=metadata)
        for data, metadata in bundles])
    return nbformat.v4.new_notebook(cells=[cell])


def test_a_table_links_its_csv_and_the_render_writes_it(tmp_path):
    table = reader_table(pd.DataFrame({"Speaker": ["Ann Lee", "Bo"], "Words": [1200, 3]}),
                         "Every quote, in order", empty="none")
    assert 'href="data/every-quote-in-order.csv"' in table.html
    path = tmp_path / "page.ipynb"
    nbformat.write(notebook_with(table._repr_mimebundle_()), path)
    (written,) = write_downloads(path, tmp_path)
    assert written == tmp_path / "data" / "every-quote-in-order.csv"
    assert written.read_text("utf-8").splitlines() == ["Speaker,Words", "Ann Lee,1200", "Bo,3"]


def test_an_empty_table_has_no_csv():
    table = reader_table(pd.DataFrame({"Speaker": []}), "Nobody", empty="Nobody is quoted.")
    assert "data/" not in table.html and table._repr_mimebundle_()[1] == {}


@pytest.mark.parametrize("path", ["../index.html", "data/../../x.csv", "/etc/passwd",
                                  "figures/x.exe", "data/A B.csv"])
def test_a_download_outside_data_or_figures_is_refused(path):
    data = base64.b64encode(b"x").decode()
    node = notebook_with(({"text/html": "<p>x</p>"}, {"text/html": {DOWNLOADS: {path: data}}}))
    with pytest.raises(ValueError, match="not a plain file name under data/ or figures/"):
        downloads(node)
