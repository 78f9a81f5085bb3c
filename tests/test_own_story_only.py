"""Nothing from another story: the explanations and questions written into the report
notebooks name no figure, person or place of any article (the seed's included); what the pages
say about an article comes from its own tables."""

from __future__ import annotations

import json
import re

import pytest

from helpers.batch.render import COVERAGE_NOTEBOOK, report_notebooks

STORY_WORDS = re.compile(r"\b(Biden|Putin|Scholz|Stoltenberg|Ukraine|Russia|Kremlin|NATO|Flint)\b")
AMOUNT = re.compile(r"(?<![\d,.])(?!1,000\b|1,000,000\b)\d[\d,.]*\d{2}(?! words a minute)"
                    r"|\b\d+ ?(km|miles|troops|people)\b")
"""A number of three digits or more, or a count with its unit: an example from some story (the
reading speed the kit assumes is none, nor is a round thousand or million that illustrates a
rule: 'thousands' read as 'at least 1,000')."""


@pytest.mark.parametrize("notebook", [*report_notebooks(), COVERAGE_NOTEBOOK],
                         ids=lambda path: path.stem)
def test_the_notebooks_prose_holds_no_other_story(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    prose = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]
    assert [text for text in prose if STORY_WORDS.search(text)] == []
    assert [match.group() for text in prose for match in AMOUNT.finditer(text)] == []
