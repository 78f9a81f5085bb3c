"""The real-news corpora: every article is analysed within its time limit, its tables hold
their invariants, and the keyed articles keep their scores (a regression fails here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz.test_text_fuzz import check_invariants

from helpers.analysis import analyze_doc
from helpers.evaluate import evaluate_corpus, keyed_articles
from helpers.paths import CORPUS_DIR, HELDOUT_DIR, SEEDS_DIR, TEST_CORPUS_DIR
from helpers.source.article import load_article

ARTICLES = sorted([*TEST_CORPUS_DIR.glob("*.txt"), *CORPUS_DIR.glob("*.txt"),
                   *HELDOUT_DIR.glob("*.txt")])
FLOORS = {
    "direct quotes": (0.95, 0.90),
    "reported speech": (0.82, 0.78),
    "named speaker (direct)": (0.95, 0.95),
    "key figures": (0.95, 0.95),
    "all figures": (0.90, 0.90),
    "stances": (0.75, 0.48),
}
"""(precision, recall) each part must keep over every keyed article; measured: see the
closing notes. A change that lowers one below its floor is a regression."""


def test_the_corpora_are_real_and_documented():
    assert len(list(TEST_CORPUS_DIR.glob("*.txt"))) >= 30
    assert len(list(CORPUS_DIR.glob("*.txt"))) >= 12
    assert len(list(HELDOUT_DIR.glob("*.txt"))) >= 8
    for folder in (TEST_CORPUS_DIR, CORPUS_DIR, HELDOUT_DIR):
        assert (folder / "README.md").is_file() and (folder / "manifest.csv").is_file()


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
    total = evaluate_corpus(paths)["total"].set_index("part")
    for part, (precision, recall) in FLOORS.items():
        row = total.loc[part]
        assert row["precision"] >= precision and row["recall"] >= recall, (part, dict(row))


NEWSROOM_FLOORS = {"key figures": (0.95, 0.95), "all figures": (0.93, 0.90)}
"""(precision, recall) of figures on the UK and US newsroom tuning set (tests/newsroom; issue 20
measured key 0.973, all P 0.969 R 0.940 on its 13 first articles). Its quote scores have no
floor here: they are still being tuned."""


@pytest.mark.timeout(900)
def test_newsroom_articles_keep_their_figure_scores():
    paths = keyed_articles([Path(__file__).parent / "newsroom"])
    assert len(paths) >= 10
    total = evaluate_corpus(paths)["total"].set_index("part")
    for part, (precision, recall) in NEWSROOM_FLOORS.items():
        row = total.loc[part]
        assert row["precision"] >= precision and row["recall"] >= recall, (part, dict(row))
