"""The verdict words are decided once (`vocab.Verdict`): findings return its members, every
report map of verdict prose covers every member, and no module that decides or prints a
verdict writes a verdict's string itself; nor does a module that reads the tables write a
stance, quote kind or actor type (`vocab.Stance`, `QuoteKind`, `ActorType`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd

import helpers
from helpers.findings.coverage import verdict_counts
from helpers.findings.verdicts import verdict
from helpers.report import coverage, summary
from helpers.report.charts import coverage as coverage_charts
from helpers.vocab import ActorType, QuoteKind, Stance, Verdict

PACKAGE = Path(helpers.__file__).parent
VERDICT_USERS = ("findings", "report", "exercises")
"""The packages that decide, print or grade verdicts (extract/ has its own 'close' quote mark)."""
TABLE_READERS = ("findings", "report", "evaluate.py", "polnear.py")
"""The modules outside extract/ that read the stances, quotes and actors tables."""


def test_verdict_members_are_the_words_the_tables_hold():
    assert [str(v) for v in Verdict] == ["agree", "close", "disagree", "no_record"]
    assert Verdict("no_record") is Verdict.NO_RECORD


def test_the_range_check_returns_members():
    assert verdict(13300, 14000, 14000, 14000) == (Verdict.AGREE, 0.0, 0.0)
    close, gap, _ = verdict(13300, 14000, 14200, 14400)
    assert (close, gap) == (Verdict.CLOSE, 200.0)
    assert verdict(5000, 5000, 14200, 14400)[0] is Verdict.DISAGREE


def test_every_verdict_has_its_words_on_every_page():
    assert set(coverage.VERDICT_LABELS) == set(Verdict)
    assert set(coverage.VERDICT_HEADINGS) == set(Verdict)
    assert set(coverage_charts.VERDICT_COLOURS) == set(Verdict)
    assert set(coverage_charts.VERDICT_NAMES) == set(Verdict)
    # a figure with no record gets its own sentence (summary.check_sentence), not a verb
    assert set(summary.VERDICT_WORDS) == set(Verdict) - {Verdict.NO_RECORD}


def test_verdict_counts_have_a_column_per_verdict_in_order():
    checks = pd.DataFrame({"outlet": ["AP", "AP", "CNN"],
                           "verdict": [Verdict.AGREE, Verdict.NO_RECORD, Verdict.AGREE]})
    found = verdict_counts(checks)
    assert list(found.columns) == ["outlet", *Verdict, "figures"]
    assert found.set_index("outlet").loc["AP"].tolist() == [1, 0, 0, 1, 2]


def _literals(path: Path, words: set[str], compared_only: bool = False) -> list[int]:
    """Lines where one of `words` is compared, used as a key, listed, chosen or returned (or,
    with `compared_only`, compared)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
        elif compared_only:
            continue
        elif isinstance(node, ast.Dict):
            operands = [key for key in node.keys if key is not None]
        elif isinstance(node, ast.Subscript):
            operands = [node.slice]
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            operands = node.elts
        elif isinstance(node, ast.IfExp):
            operands = [node.body, node.orelse]
        elif isinstance(node, ast.Return) and node.value is not None:
            operands = [node.value]
        else:
            continue
        found += [operand.lineno for operand in operands
                  if isinstance(operand, ast.Constant) and operand.value in words]
    return found


def test_no_verdict_string_outside_the_vocabulary():
    files = [path for package in VERDICT_USERS for path in (PACKAGE / package).rglob("*.py")]
    assert len(files) > 10
    found = {str(path.relative_to(PACKAGE)): lines for path in files
             if (lines := _literals(path, {str(v) for v in Verdict}))}
    assert found == {}


def test_no_stance_quote_kind_or_actor_type_string_where_the_tables_are_read():
    """A stance or 'indirect' is looked for everywhere the verdicts are; 'direct' and the actor
    types in comparisons only, since the voices table has a 'direct' column and the reader's
    words name the types ('person', 'people'); 'other' not at all (the figures' category)."""
    files = [path for name in TABLE_READERS
             for path in ([PACKAGE / name] if name.endswith(".py")
                          else (PACKAGE / name).rglob("*.py"))]
    assert len(files) > 20
    anywhere = {*map(str, Stance), QuoteKind.REPORTED.value}
    compared = {QuoteKind.DIRECT.value, *(str(t) for t in ActorType if t != ActorType.OTHER)}
    found = {str(path.relative_to(PACKAGE)): lines for path in files
             if (lines := _literals(path, anywhere) + _literals(path, compared, True))}
    assert found == {}
