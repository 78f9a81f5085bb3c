"""Nothing from another story: the explanations and questions written into the report
notebooks name no figure, person or place of any article (the seed's included); what the pages
say about an article comes from its own tables."""

from __future__ import annotations

import json
import re

import pytest

from helpers.batch.render import COVERAGE_NOTEBOOK, report_notebooks
from helpers.paths import CORPUS_DIR, SEEDS_DIR, TEST_CORPUS_DIR

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


QUOTED = re.compile(r"[\"“]((?:[^\"“”\s]+\s+){3,}[^\"“”\s]+)[\"”]")
"""An example in quotation marks of four words or more: words taken from some article (three
or fewer are a phrase any article may hold: "according to", "senior administration official")."""


@pytest.mark.parametrize("notebook", [*report_notebooks(), COVERAGE_NOTEBOOK],
                         ids=lambda path: path.stem)
def test_the_notebooks_quote_no_article(notebook):
    """An example quoted in a notebook's prose is never a phrase of a kept article (the seed's
    "does not desire a conflict" was printed as the negation example on every article's page)."""
    texts = " ".join(path.read_text(encoding="utf-8").lower()
                     for folder in (SEEDS_DIR, TEST_CORPUS_DIR, CORPUS_DIR)
                     for path in sorted(folder.rglob("*.txt")))
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    examples = [match.group(1) for cell in cells if cell["cell_type"] == "markdown"
                for match in QUOTED.finditer("".join(cell["source"]))]
    assert [text for text in examples if text.lower() in texts] == []
