"""Memory on big pages (issue 23, item 6): a long text is parsed one piece at a time.

A 1.2-million-character article peaked at 4.0 GB: its twelve pieces went through the parser as
one batch. Parsed one at a time, with no tensor kept on the joined doc, it peaks at 0.74 GB.
"""

from __future__ import annotations

import pytest

from helpers.nlp import parse_texts

PARAGRAPH = ("The envoy, Anna Berg, met the minister in Vienna on Monday. Officials said 1,200 "
             "troops had left.")


@pytest.fixture
def batches(nlp, monkeypatch) -> list[int]:
    """How many docs the model's first layer gets at once, call after call."""
    seen: list[int] = []
    tok2vec = nlp.get_pipe("tok2vec")
    predict = tok2vec.predict

    def spy(docs):
        seen.append(len(docs))
        return predict(docs)

    monkeypatch.setattr(tok2vec, "predict", spy)
    return seen


def test_memory_on_big_pages_pieces_are_parsed_one_at_a_time(batches, monkeypatch):
    monkeypatch.setattr("helpers.nlp.PIECE_CHARS", 1_000)
    text = "\n\n".join(f"{i}. {PARAGRAPH}" for i in range(80))
    (doc,) = parse_texts([text])
    assert doc.text == text
    assert len(batches) >= len(text) // 1_000 and set(batches) == {1}  # never two pieces at once
    assert doc.tensor.size == 0  # the joined doc keeps no tensor (no step reads it)
    assert [e.text for e in doc.ents if e.label_ == "PERSON"].count("Anna Berg") == 80
