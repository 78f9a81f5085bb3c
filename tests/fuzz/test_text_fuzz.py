"""Random article text never crashes or hangs the analysis, and its tables stay consistent.

`make test` runs the 'ci' profile (a fixed number of examples); `make fuzz` runs 'fuzz' (many
more). The count and the slowest example are printed at the end of the run.

The fuzz has its own time budget: each example may take `EXAMPLE_SECONDS` (more is a hang, and
fails naming the text), and the run `RUN_SECONDS` (FUZZ_SECONDS), after which the examples left
are counted as skipped, so `make fuzz` ends on a busy 2-core machine; pytest's 900 s limit per
test, which cut 5,000 examples short, does not apply to it.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz.strategies import articles
from helpers.analysis import analyze_doc
from helpers.extract.ruleset import rules_for
from helpers.report import opening
from helpers.source.article import load_article

UNKNOWN = ""
"""The speaker of a quote the rules cannot attribute."""
EXAMPLE_SECONDS = 60
"""Longest one random article may take (the slowest of 2,000 took 2.8 s)."""
RUN_SECONDS = float(os.environ.get("FUZZ_SECONDS", "1500"))
"""The run's budget: examples generated after it are skipped, and counted as such."""


@contextmanager
def example_budget(seconds: float) -> Iterator[None]:
    """Run the block for at most `seconds` (a SIGALRM timer), else raise TimeoutError."""

    def stop(signum, frame) -> None:
        raise TimeoutError(f"one random article took over {seconds:g} s: a hang")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_invariants(analysis) -> None:
    """What must hold for any article: offsets slice the text, figures sit in their sentence,
    speakers are actors, findings and the opening takeaways build."""
    text = analysis.article.text
    for row in analysis.quotes.itertuples():
        assert text[row.start:row.end] == row.text, (row.start, row.end, row.text)
    for row in analysis.figures.itertuples():
        assert row.text in row.sentence or row.text in text[row.start:row.end], row.text
        assert text[row.start:row.end] == row.text
    actors = set(analysis.actors["actor"])
    for speaker in analysis.quotes["speaker"]:
        assert speaker == UNKNOWN or speaker in actors, speaker
    for table in analysis.tables().values():
        assert table.columns.is_unique
    findings = analysis.findings  # the findings and the page's opening build from any tables
    assert findings.amounts <= len(analysis.figures)
    assert all(isinstance(line, str) and line for line in opening.takeaways(analysis))


@pytest.mark.timeout(0)  # the budget is per example (EXAMPLE_SECONDS), not for the run
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large], deadline=None)
@given(text=articles())
def test_any_article_is_analysed_with_consistent_tables(text, nlp, tmp_path, fuzz_stats):
    if fuzz_stats.seconds() > RUN_SECONDS:
        fuzz_stats.skipped += 1
        return
    path = tmp_path / "fuzz.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with example_budget(EXAMPLE_SECONDS):
        try:
            article = load_article(path)
        except ValueError:  # a clear refusal (no body left after cleaning) is an answer
            fuzz_stats.record(time.perf_counter() - started, text, refused=True)
            return
        analysis = analyze_doc(article, nlp(article.text), "fuzz", rules=rules_for("en"))
        check_invariants(analysis)
    fuzz_stats.record(time.perf_counter() - started, text)
