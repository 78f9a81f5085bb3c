"""The words that tell how a statement leans: general cues, a published lexicon, a pack's words.

Three sources, in order of precedence:

1. the story pack's `stance_words.csv` (words whose lean is specific to the story);
2. the general cues of `stance_cues.csv` (support, oppose, doubt, doubt_if_negated, negation);
3. the evaluative words of a published sentiment lexicon named in `stance.toml` (VADER,
   MIT licence): a valence at or above `support_at` leans towards, at or below `oppose_at`
   against.

The pack's topic terms, and the words describing them ('severe' in 'severe sanctions'), are
never read as stance words: "war" names a topic, it does not oppose one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.extract.deps import DESCRIBING_DEPS
from helpers.extract.phrases import Phrase, PhraseIndex, Words
from helpers.rules import Row, RuleError
from helpers.vocab import WordKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from helpers.extract.ruleset import Rules


@dataclass(frozen=True)
class Settings:
    """The lexicon settings of `stance.toml`."""

    lexicon_package: str
    lexicon_file: str
    support_at: float
    oppose_at: float
    parts_of_speech: frozenset[str]
    example_links: frozenset[str]
    """Prepositions that name an example of the noun before them ('costs like sanctions')."""
    example_frames: frozenset[str]
    """Nouns of 'in terms of'-type links ('a consequence in terms of sanctions')."""
    awaited_verbs: frozenset[str]
    """Verbs of seeing: a claimed topic the speaker wants to see has not been seen."""
    wish_verbs: frozenset[str]
    """Verbs of wanting or waiting that govern an awaited verb ('wants to see')."""
    awaited_marks: frozenset[str]
    """Words that open a clause of seeing that a claim waits for ('when we see it')."""
    decision_words: frozenset[str]
    """Words of deciding: negated ('no one has decided'), the sentence takes no stance."""
    awaited_nouns: frozenset[str]
    """Nouns of chance: a claimed topic there is room for has not been seen."""
    punish_links: frozenset[str]
    """Prepositions from a threat to what it answers ('costs to this aggression')."""
    time_links: frozenset[str]
    """Prepositions of time: a topic word after one says when, not what ('before the summit')."""
    place_links: frozenset[str]
    """Prepositions of place or occasion: in a threatening clause, the setting of the threat."""
    joint_nouns: frozenset[str]
    """Plural nouns that stand for actors named together ('the leaders agreed')."""
    meeting_words: frozenset[str]
    """Verbs and nouns of meeting: their subject and partner are named together ('spoke to')."""
    consequence_verbs: frozenset[str]
    """Verbs whose subject is answered by their object ('an attack would draw a response')."""


def word_kinds(doc: Doc, words: Words, story_words: dict[Phrase, WordKind],
               topic_words: set[int], rules: Rules) -> dict[int, WordKind]:
    """Token index -> stance kind, for the first token of each stance word or phrase.

    `topic_words` are token indices of topic terms: they, and the adjectives and nouns that
    describe them, are never read as stance words ('powerful sanctions' leans nowhere).
    """
    topic_words = topic_words | {child.i for i in topic_words for child in doc[i].children
                                 if child.dep_ in DESCRIBING_DEPS}
    words, forms = words
    phrases = {**rules.stance_cues, **story_words}
    index = PhraseIndex(tuple(phrases))
    lexicon, chosen = rules.valences, rules.stance_settings
    kinds = {}
    for at, token in enumerate(words):
        if token.i in topic_words:
            continue
        phrase = index.at(forms, at)
        if phrase is not None:
            kinds[token.i] = phrases[phrase]
        elif token.pos_ in chosen.parts_of_speech:
            valence = lexicon.get(token.lemma_.lower(), lexicon.get(token.lower_))
            if valence is not None and valence >= chosen.support_at:
                kinds[token.i] = WordKind.SUPPORT
            elif valence is not None and valence <= chosen.oppose_at:
                kinds[token.i] = WordKind.OPPOSE
        if token.dep_ == "neg":
            kinds[token.i] = WordKind.NEGATION
    return kinds


def word_kind(row: Row, path: Path) -> WordKind:
    """The stance kind of a row of a stance-word table, or a RuleError naming its line."""
    try:
        return WordKind(row["kind"])
    except ValueError:
        raise RuleError(f"{path}:{row.line}: kind {row['kind']!r} is not one of "
                        f"{', '.join(WordKind)}.") from None
