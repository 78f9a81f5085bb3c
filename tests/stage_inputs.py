"""Small hand-built inputs for the stage tests: a short text read with the real model, and
hand-built records of the stages before the one under test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers.extract.reading import Reading, read
from helpers.extract.records import Quote
from helpers.source.article import count_words, load_article
from helpers.vocab import QuoteKind


def reading_of(nlp, write_article: Callable[..., Path], text: str, story: str = "none"
               ) -> Reading:
    """The reading of `text` (a headline, a blank line, then the body) with story pack `story`."""
    article = load_article(write_article(text))
    return read(article, nlp(article.text), story)


def quote_of(reading: Reading, speaker: str, words: str,
             kind: QuoteKind = QuoteKind.DIRECT) -> Quote:
    """A hand-built quote record of `speaker` over the first place `words` stand in the text."""
    text = reading.article.text
    start = text.index(words)
    end = start + len(words)
    return Quote(speaker, words, kind, "said", reading.article.paragraph_at(start), start, end,
                 speaker, count_words(words))
