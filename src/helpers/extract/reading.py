"""One reading of an article: the article, its parsed doc, story pack and rules, and the facts
every stage reads, each computed once (its words, sentence spans and quotation-mark spans).

`read(article, doc, story, rules)` makes it; each stage (`actors.find_actors`,
`quotes.find_quotes`, `actors.actor_records`, `stances.find_stances`, `figures.find_figures`)
takes the reading and the records of the stages before it, and returns records of its own
(`helpers.extract.records`); a stage reads its rules from `reading.rules` and passes them to
the helpers it calls.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from helpers.extract.marks import stretches
from helpers.extract.phrases import Words, doc_words
from helpers.language import rules_of
from helpers.stories import packs

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from helpers.extract.ruleset import Rules
    from helpers.source.article import Article
    from helpers.stories.packs import Choice, StoryPack


@dataclass(frozen=True)
class MarkedStretch:
    """Text between quotation marks in one paragraph, as the marks alone give it."""

    start: int | None
    """Where the quoted words start; None when no opening mark opens them."""
    end: int
    lower: int
    """The earliest a quote with no opening mark can start (after the previous quote)."""
    paragraph: int
    """1-based."""
    runs_to_end: bool
    """True when no closing mark ends it, so it runs to the paragraph's end."""


@dataclass
class Reading:
    """An article read once, for every stage."""

    article: Article
    doc: Doc
    choice: Choice
    """How the story pack was chosen, and why."""
    words: Words
    """The doc's words (no punctuation or space) and each word's forms."""
    rules: Rules
    """The rules of the article's language."""

    @property
    def pack(self) -> StoryPack | None:
        """The article's story pack, or None."""
        return self.choice.pack

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence character spans, split again wherever a paragraph starts."""
        return sentence_spans(self.doc, self.article)

    @cached_property
    def stretches(self) -> list[MarkedStretch]:
        """The quotation-mark stretches of every paragraph, in text order."""
        article = self.article
        return [MarkedStretch(None if stretch.start is None else base + stretch.start,
                              base + stretch.end, base + stretch.after, number,
                              stretch.runs_to_end)
                for number, (paragraph, base) in enumerate(
                    zip(article.paragraphs, article.paragraph_starts, strict=True), start=1)
                for stretch in stretches(paragraph, self.rules.marks)]


def read(article: Article, doc: Doc, story: str = packs.AUTO, rules: Rules | None = None
         ) -> Reading:
    """The reading of a parsed article; `story` is 'auto', 'none' or a pack name, and `rules`
    those of the article's language (by default, as `language.rules_of` picks them)."""
    words = doc_words(doc)
    choice = packs.choose(doc, story, article.meta.date, article.headline, words=words)
    return Reading(article, doc, choice, words, rules or rules_of(article))


def sentence_spans(doc: Doc, article: Article) -> list[tuple[int, int]]:
    """Sentence character spans, split again wherever a paragraph starts."""
    breaks = article.paragraph_starts[1:]
    spans = []
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        inside = breaks[bisect.bisect_right(breaks, start):bisect.bisect_left(breaks, end)]
        for cut in inside:  # only the breaks inside the sentence: linear in the article
            spans.append((start, cut))
            start = cut
        spans.append((start, end))
    return spans
