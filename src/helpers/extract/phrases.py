"""Finding word lists in a parsed text: topic terms, stance words, a pack's match terms.

A phrase is one or more words; each word matches a word of the text in its dictionary form
(lemma) or as written, case-insensitive. Punctuation inside a phrase is ignored
("de-escalation" matches "de-escalation"), and punctuation in the text is skipped.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence, Set

    from spacy.tokens import Doc, Token

Phrase = tuple[str, ...]
Words = tuple[tuple["Token", ...], tuple[frozenset[str], ...]]
"""A doc's words (no punctuation or space) and each word's forms (`doc_words`)."""


def phrase_words(text: str) -> Phrase:
    """The words of a phrase as matched: lower case, straight apostrophes, no punctuation."""
    return tuple(re.findall(r"[\w']+", text.lower().replace("’", "'")))


def forms(token: Token) -> set[str]:
    """The forms a word matches by: as written and its lemma, both lower case."""
    return {token.lower_.replace("’", "'"), token.lemma_.lower().replace("’", "'")}


def doc_words(doc: Doc) -> Words:
    """The doc's words (no punctuation or space) and each word's forms; computed once per
    article (`helpers.extract.reading.Reading.words`: the pack choice, the topic terms and the
    stance words all read them)."""
    words = tuple(t for t in doc if not t.is_punct and not t.is_space)
    return words, tuple(frozenset(forms(word)) for word in words)


class PhraseIndex:
    """A list of phrases indexed by first word, for matching at each word of a text."""

    def __init__(self, phrases: tuple[Phrase, ...]) -> None:
        self.phrases = tuple(phrase for phrase in phrases if phrase)

    @cached_property
    def _by_first_word(self) -> dict[str, list[tuple[int, Phrase]]]:
        index: dict[str, list[tuple[int, Phrase]]] = {}
        for order, phrase in enumerate(self.phrases):
            index.setdefault(phrase[0], []).append((order, phrase))
        return index

    def at(self, word_forms: Sequence[Set[str]], at: int) -> Phrase | None:
        """The first phrase (in list order) whose words start at word `at`, or None."""
        index = self._by_first_word
        candidates = sorted(c for form in word_forms[at] for c in index.get(form, ()))
        for _, phrase in candidates:
            end = at + len(phrase)
            if end <= len(word_forms) and all(w in word_forms[at + k]
                                              for k, w in enumerate(phrase)):
                return phrase
        return None

    def find_all(self, word_forms: Sequence[Set[str]]) -> list[tuple[int, Phrase]]:
        """(word index, phrase) of every match, at most one starting at each word."""
        found = []
        for at in range(len(word_forms)):
            phrase = self.at(word_forms, at)
            if phrase is not None:
                found.append((at, phrase))
        return found
