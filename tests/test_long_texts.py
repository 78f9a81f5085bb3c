"""Long texts (issue 10, item 11): parsed in bounded pieces whose doc is exactly the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.analysis import analyze
from helpers.cli import main
from helpers.nlp import parse, parse_texts, pieces

PARAGRAPH = ('The envoy, Anna Berg, met the minister in Vienna on Monday. "We agree on the '
             'next steps," she said. Officials said 1,200 troops had left.')


def long_text(paragraphs: int) -> str:
    return "\n\n".join(f"{i}. {PARAGRAPH}" for i in range(paragraphs))


@pytest.fixture
def small_limit(nlp, monkeypatch):
    """The model's own limit made small, so an over-the-limit text is quick to parse."""
    monkeypatch.setattr(nlp, "max_length", 2_000)
    return 2_000


def test_a_text_over_the_models_limit_is_parsed_and_is_exactly_the_text(small_limit,
                                                                       write_article):
    text = "Headline\n\n" + long_text(60)
    article = analyze(write_article(text), use_cache=False).article
    assert len(article.text) > 4 * small_limit
    doc = parse(article)
    assert doc.text == article.text
    for token in doc:
        assert article.text[token.idx:token.idx + len(token)] == token.text
    starts = set(article.paragraph_starts)
    assert starts <= {sentence.start_char for sentence in doc.sents}
    assert [e.text for e in doc.ents if e.label_ == "PERSON"].count("Anna Berg") == 60


def test_the_tables_of_a_long_article_hold_every_paragraph(small_limit, write_article):
    result = analyze(write_article("Headline\n\n" + long_text(30)), use_cache=False)
    assert len(result.quotes) >= 30
    assert result.quotes["paragraph"].max() == 30
    assert (result.figures["value"] == 1200).sum() == 30


def test_pieces_are_groups_of_paragraphs_when_paragraphs_fit():
    text = long_text(20)
    parts = pieces(text, 1_000)
    assert "".join(parts) == text
    assert all(len(part) <= 1_000 for part in parts)
    assert all(part.endswith("\n\n") for part in parts[:-1])


def test_one_huge_paragraph_is_cut_after_sentences():
    paragraph = " ".join([PARAGRAPH] * 100)
    parts = pieces(paragraph, 1_000)
    assert "".join(parts) == paragraph
    assert all(len(part) <= 1_000 for part in parts)
    assert all(part.rstrip().endswith((".", '."', ',"')) for part in parts[:-1])


def test_text_with_no_break_at_all_is_cut_at_the_limit():
    assert pieces("x" * 2_500, 1_000) == ["x" * 1_000, "x" * 1_000, "x" * 500]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .!?\n\t\"”"), max_size=400),
       st.integers(min_value=1, max_value=50))
def test_pieces_always_join_back_and_stay_within_the_limit(text, limit):
    parts = pieces(text, limit)
    assert "".join(parts) == text
    assert all(0 < len(part) <= limit for part in parts) or text == ""


def test_many_texts_keep_their_order_and_short_ones_are_untouched(small_limit, nlp):
    texts = ["Short one.", long_text(30), "", "Another short one."]
    docs = list(parse_texts(texts))
    assert [doc.text for doc in docs] == texts
    assert [t.text for t in docs[0]] == [t.text for t in nlp("Short one.")]


@pytest.mark.timeout(600)
def test_an_article_over_the_limit_in_an_extract_folder_never_aborts_the_rest(
        small_limit, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_long.txt").write_text("Headline\n\n" + long_text(30), encoding="utf-8")
    (folder / "b_short.txt").write_text("Headline\n\n" + PARAGRAPH, encoding="utf-8")
    main(["extract", str(folder), "--out", str(tmp_path / "out")])
    assert (tmp_path / "out" / "a-long" / "quotes.csv").exists()
    assert (tmp_path / "out" / "b-short" / "quotes.csv").exists()
