"""The real-news corpora: every article is analysed within its time limit, its tables hold
their invariants, and the keyed articles keep their scores (a regression fails here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz.test_text_fuzz import check_invariants

from helpers.analysis import analyze_doc
from helpers.evaluate import evaluate_corpus, keyed_articles
from helpers.paths import (
    CORPUS_DIR,
    HELDOUT_DIR,
    NEWSROOM_DIR,
    NEWSROOM_HELDOUT_DIR,
    SEEDS_DIR,
    TEST_CORPUS_DIR,
)
from helpers.source.article import load_article

ARTICLES = sorted([*TEST_CORPUS_DIR.glob("*.txt"), *CORPUS_DIR.glob("*.txt"),
                   *HELDOUT_DIR.glob("*.txt"), *NEWSROOM_DIR.glob("*.txt"),
                   *NEWSROOM_HELDOUT_DIR.glob("*.txt")])
FLOORS = {
    "direct quotes": (0.95, 0.90),
    "reported speech": (0.82, 0.78),
    "named speaker (direct)": (0.95, 0.95),
    "key figures": (0.95, 0.95),
    "all figures": (0.90, 0.90),
    "stances": (0.92, 0.83),
}
"""(precision, recall) each part must keep over every keyed article; measured: see the
closing notes. A change that lowers one below its floor is a regression."""
KIT_VS_CODER = 0.65
"""Cohen's kappa of the kit's stances against the first coder's, pooled over the articles both
coders keyed (issue 19: 0.386 before the evidence rules, 0.548 after, 0.569 -> 0.776 with the
joint-statement and newspaper-prose rules; the two coders 0.687)."""


def test_the_corpora_are_real_and_documented():
    assert len(list(TEST_CORPUS_DIR.glob("*.txt"))) >= 30
    assert len(list(CORPUS_DIR.glob("*.txt"))) >= 12
    assert len(list(HELDOUT_DIR.glob("*.txt"))) >= 8
    assert len(list(NEWSROOM_DIR.glob("*.txt"))) + len(list(
        NEWSROOM_HELDOUT_DIR.glob("*.txt"))) >= 20
    for folder in (TEST_CORPUS_DIR, CORPUS_DIR, HELDOUT_DIR, NEWSROOM_DIR, NEWSROOM_HELDOUT_DIR):
        assert (folder / "README.md").is_file() and (folder / "manifest.csv").is_file()


@pytest.mark.parametrize("folder", [NEWSROOM_DIR, NEWSROOM_HELDOUT_DIR], ids=lambda f: f.name)
def test_every_newsroom_article_has_its_licence_address_and_key(folder: Path):
    import csv

    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    for text in folder.glob("*.txt"):
        row = rows[text.name]
        assert row["licence"].strip() and row["url"].startswith("http"), text.name
        assert keyed_articles([text]), f"{text.name} has no answer key"


@pytest.mark.timeout(300)
@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem[:40])
def test_every_corpus_article_is_analysed_with_consistent_tables(path: Path, nlp):
    article = load_article(path)
    analysis = analyze_doc(article, nlp(article.text), "corpus")
    check_invariants(analysis)
    assert article.meta.outlet and article.meta.date, "the manifest gives outlet and date"


@pytest.mark.timeout(900)
def test_keyed_articles_keep_their_scores():
    paths = keyed_articles([SEEDS_DIR, TEST_CORPUS_DIR, CORPUS_DIR])
    assert len(paths) >= 10
    result = evaluate_corpus(paths)
    total = result["total"].set_index("part")
    for part, (precision, recall) in FLOORS.items():
        row = total.loc[part]
        assert row["precision"] >= precision and row["recall"] >= recall, (part, dict(row))
    coders = result["coders"].set_index("article")
    assert coders.loc["all: kit vs coder 1", "kappa"] >= KIT_VS_CODER, coders.to_dict()


NEWSROOM_FLOORS = {
    "direct quotes": (0.88, 0.88),
    "reported speech": (0.62, 0.60),
    "named speaker (direct)": (0.95, 0.95),
    "key figures": (0.95, 0.95),
    "all figures": (0.93, 0.90),
    "stances": (0.85, 0.75),
}
"""(precision, recall) on the UK and US newsroom tuning set (tests/newsroom, 13 articles),
a little below what was measured when the floors were set: direct quotes 0.907/0.907,
reported speech 0.660/0.635, named speaker 0.980, key figures 0.973, all figures
0.969/0.940; stances 1.000/0.846 (13 key rows in three UK government readouts; 0.250/0.154
before the joint-statement rule of issue 19)."""
NEWSROOM_HELDOUT_FLOORS = {
    "direct quotes": (0.45, 0.40),
    "reported speech": (0.70, 0.70),
    "key figures": (0.90, 0.90),
    "all figures": (0.85, 0.90),
}
"""The same on the held-out newsroom set (tests/newsroom_heldout, 7 articles no rule is tuned
on): measured direct 0.471/0.444, reported speech 0.714/0.714, key figures 0.919, all
figures 0.889/0.930 (at the start of the session that added them: direct 0.50/0.06)."""


@pytest.mark.timeout(900)
@pytest.mark.parametrize("folder, floors", [
    (NEWSROOM_DIR, NEWSROOM_FLOORS), (NEWSROOM_HELDOUT_DIR, NEWSROOM_HELDOUT_FLOORS)],
    ids=["newsroom", "newsroom_heldout"])
def test_newsroom_articles_keep_their_scores(folder: Path, floors: dict):
    paths = keyed_articles([folder])
    assert len(paths) >= 7
    total = evaluate_corpus(paths)["total"].set_index("part")
    for part, (precision, recall) in floors.items():
        row = total.loc[part]
        assert row["precision"] >= precision and row["recall"] >= recall, (part, dict(row))
