"""The benchmark's own machinery, on a few articles (`make bench` runs it on 1,000): copies
that never repeat a text, and a table with every measure. Speed is printed, never asserted."""

from __future__ import annotations

import sys

import pytest

from helpers.paths import CORPUS_DIR, PROJ_ROOT, TEST_CORPUS_DIR

sys.path.insert(0, str(PROJ_ROOT / "bench"))
import run as bench  # noqa: E402

pytestmark = pytest.mark.slow


def test_copies_of_the_corpora_are_all_different(tmp_path):
    count = len([*CORPUS_DIR.glob("*.txt"), *TEST_CORPUS_DIR.glob("*.txt")]) + 5  # 5 copied twice
    paths = bench.make_articles(tmp_path, count)
    texts = [path.read_text("utf-8") for path in paths]
    assert len(paths) == count and len(set(texts)) == count
    assert texts[0].split("\n")[0].endswith("(1)") and texts[-1].endswith("Copy 2.\n")


def test_a_small_bench_prints_every_extraction_measure(capsys):
    rows = bench.main(["--articles", "4", "--small", "2", "--workers", "1", "--no-render"])
    names = [name for name, _, _ in rows]
    assert names == ["extraction, 4 articles: ours / bare nlp.pipe, wall",
                     "extraction, 4 articles: ours / bare nlp.pipe, CPU",
                     "peak RSS, extract 2 articles (largest process)",
                     "peak RSS, extract 4 articles (largest process)"]
    assert all(value[0].isdigit() for _, value, _ in rows)
    assert "peak RSS, extract 4 articles" in capsys.readouterr().out
