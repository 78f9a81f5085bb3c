"""The answer key and the scores: the seed extraction holds its targets against the key."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.evaluate import (
    SCORE_COLUMNS,
    has_key,
    load_key,
    match_quotes,
    score,
    score_quotes,
)


@pytest.fixture(scope="module")
def seed_scores(seed_analysis):
    tables = seed_analysis.tables()
    return score(tables, load_key(seed_analysis.article)).set_index("part")


def test_key_loads_with_offsets(seed_article):
    key = load_key(seed_article)
    quotes = key["quotes"]
    assert set(quotes["kind"]) == {"direct", "indirect"}
    for row in quotes.itertuples():
        assert seed_article.text[row.start:row.end] == row.text
    assert {"actor", "topic", "stance", "evidence"} <= set(key["stances"].columns)


def test_direct_quote_targets(seed_scores):
    row = seed_scores.loc["direct quotes"]
    assert row["precision"] >= 0.95 and row["recall"] >= 0.95


def test_reported_speech_targets(seed_scores):
    row = seed_scores.loc["reported speech"]
    assert row["precision"] >= 0.85 and row["recall"] >= 0.80


def test_stance_target(seed_scores):
    assert seed_scores.loc["stances", "recall"] >= 0.80


def test_scores_count_speakers_and_extras():
    key = pd.DataFrame({"speaker": ["A", "B | C"], "text": ["one two", "three"],
                        "kind": ["direct", "indirect"], "start": [0, 10], "end": [7, 15],
                        "paragraph": [1, 2]})
    guess = pd.DataFrame({"speaker": ["A", "C", "D"], "text": ["one two", "three", "x"],
                          "kind": ["direct", "indirect", "direct"],
                          "start": [0, 10, 20], "end": [7, 15, 21], "paragraph": [1, 2, 3]})
    scores = score_quotes(guess, key).set_index("part")
    assert list(scores.reset_index().columns) == SCORE_COLUMNS
    assert scores.loc["direct quotes", "recall"] == 1.0
    assert scores.loc["direct quotes", "precision"] == 0.5
    assert scores.loc["reported speech", "f1"] == 1.0
    wrong = guess.assign(speaker=["B", "C", "D"])
    assert set(match_quotes(wrong, key)["status"]) == {"wrong speaker", "correct", "extra"}


def test_article_without_key(write_article):
    path = write_article("Headline\n\nA body with no key.\n")
    assert not has_key(path)
    with pytest.raises(FileNotFoundError, match="No answer key"):
        load_key(path)
