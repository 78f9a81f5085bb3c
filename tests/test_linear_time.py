"""Hostile shapes of text take time in proportion to their length (issue 23, item 3).

5,000 unbalanced quotation marks in one sentence took 54 s in the quote step (every quote
looked at the whole sentence, and climbed its whole parse tree), and 20,000 one-word paragraphs
took 17 s to mark their sentence starts and 20 s to cut sentences at paragraph breaks.
"""

from __future__ import annotations

import time

from helpers.analysis import analyze_doc
from helpers.extract.reading import sentence_spans
from helpers.source.article import load_article

PARAGRAPHS = 20_000


def test_unbalanced_quotation_marks_take_linear_time(nlp, write_article):
    marks = 2_000  # took 35 s before (quadratic), under 2 s now
    text = "Marks\n\n" + " ".join(f"“word{i % 10} said" for i in range(marks)) + "\n"
    article = load_article(write_article(text))
    doc = nlp(article.text)
    started = time.perf_counter()
    analysis = analyze_doc(article, doc, "test")
    assert time.perf_counter() - started < 10
    assert analysis.quotes.empty  # no speaker is named: no quote is attributed


def one_word_paragraphs(nlp, write_article):
    text = "Paragraphs\n\n" + "\n\n".join(f"word{i % 10}" for i in range(PARAGRAPHS)) + "\n"
    article = load_article(write_article(text), max_bytes=len(text) * 2)
    with nlp.select_pipes(enable=["paragraph_breaks"]):
        started = time.perf_counter()
        doc = nlp(article.text)
    return article, doc, time.perf_counter() - started


def test_many_paragraphs_take_linear_time_to_start_sentences(nlp, write_article):
    article, doc, seconds = one_word_paragraphs(nlp, write_article)
    assert seconds < 2  # 17 s before: a sentence start was set one token at a time
    starts = [token.idx for token in doc if token.is_sent_start]
    assert starts[1:] == list(article.paragraph_starts[1:])


def test_many_paragraphs_take_linear_time_to_cut_sentences(nlp, write_article):
    article, doc, _ = one_word_paragraphs(nlp, write_article)
    started = time.perf_counter()
    spans = sentence_spans(doc, article)
    assert time.perf_counter() - started < 2  # 20 s before: every break tried per sentence
    assert [start for start, _ in spans] == list(article.paragraph_starts)
