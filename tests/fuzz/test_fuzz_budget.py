"""`make fuzz` fits a 2-core machine (issue 23, item 16): the random-article test has no limit
for the whole run (pytest's 900 s cut 5,000 examples short), and a limit per example instead."""

from __future__ import annotations

import time

import pytest

from fuzz import test_text_fuzz


def test_make_fuzz_budget_is_per_example_not_for_the_whole_run():
    marks = test_text_fuzz.test_any_article_is_analysed_with_consistent_tables.pytestmark
    assert [mark.args for mark in marks if mark.name == "timeout"] == [(0,)]
    assert 0 < test_text_fuzz.EXAMPLE_SECONDS <= 120
    assert 0 < test_text_fuzz.RUN_SECONDS <= 3600  # the text fuzz ends within an hour


def test_make_fuzz_budget_skips_the_examples_past_the_run_budget(monkeypatch, fuzz_stats):
    monkeypatch.setattr(test_text_fuzz, "RUN_SECONDS", -1.0)
    monkeypatch.setattr(fuzz_stats, "skipped", 0)
    monkeypatch.setattr(fuzz_stats, "count", 0)
    test = test_text_fuzz.test_any_article_is_analysed_with_consistent_tables.hypothesis
    test.inner_test(text="Never analysed", nlp=None, tmp_path=None, fuzz_stats=fuzz_stats)
    assert (fuzz_stats.skipped, fuzz_stats.count) == (1, 0)


def test_make_fuzz_budget_stops_an_example_that_hangs():
    started = time.perf_counter()
    with pytest.raises(TimeoutError, match="over 0.2 s: a hang"), \
            test_text_fuzz.example_budget(0.2):
        time.sleep(5)
    assert time.perf_counter() - started < 2
    time.sleep(0.3)  # the timer is off again: nothing fires after the block
