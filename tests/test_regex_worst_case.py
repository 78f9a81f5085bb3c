"""No regular expression of the kit backtracks without end: each one meets its worst cases.

Every compiled pattern in `src/helpers` and every pattern in the rule files is run over long
runs of the characters such patterns trip on (capitals, hyphens, spaces, digits, dots,
brackets, quotation marks), each ending in a character that makes the match fail late. An
exponential pattern hangs here; pytest-timeout turns that into a failure.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import helpers
from helpers.paths import RULES_DIR
from helpers.rules import read_list, read_table

RUNS = ["A", "a", "Ab", "A-", "a-", " ", "A ", "1", "1,", "1.", ".", ":", "'", "’", "(", "“",
        "-", "A.", "Mr. ", "\n", "\n\n", "1:", "#"]
"""Pieces repeated to build worst cases; each run ends in a character no pattern expects."""
LENGTH = 3000


def source_patterns() -> list[re.Pattern[str]]:
    """Every module-level compiled pattern of the helpers package."""
    found = []
    for module in pkgutil.walk_packages(helpers.__path__, "helpers."):
        if module.name.endswith("__main__"):
            continue  # running it is the command line
        loaded = importlib.import_module(module.name)
        found += [value for value in vars(loaded).values() if isinstance(value, re.Pattern)]
    return found


def rule_patterns() -> list[re.Pattern[str]]:
    """Every pattern written in a rule file (site furniture, non-amounts, transcript marks)."""
    found = [re.compile(line.partition(": ")[2], re.IGNORECASE)
             for line in read_list(RULES_DIR / "en" / "boilerplate.txt")]
    for name in ("figures/not_amounts.csv", "transcript_marks.csv"):
        rows = read_table(RULES_DIR / "en" / name, ("kind", "pattern"))
        found += [re.compile(row["pattern"], re.IGNORECASE) for row in rows]
    return found


def test_the_package_and_the_rules_have_patterns_to_check():
    assert len(source_patterns()) >= 5 and len(rule_patterns()) >= 10


@pytest.mark.timeout(120)
@pytest.mark.parametrize("kind", ["source", "rules"])
def test_every_pattern_meets_its_worst_cases_and_ends(kind):
    patterns = source_patterns() if kind == "source" else rule_patterns()
    for pattern in patterns:
        for run in RUNS:
            text = run * (LENGTH // len(run)) + "\x00"
            pattern.search(text)
            pattern.fullmatch(text.strip())
