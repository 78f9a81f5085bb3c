"""The kit's vocabularies: each closed set of words written once, as a `StrEnum`.

A member is its own string ('agree' == Verdict.AGREE), so tables, CSV files and the cache hold
the plain words; code names the member, never the string.
"""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    """How an article's figure stands against the public record, decided once in `findings/`.

    The words a reader sees for each verdict are written in `report/`."""

    AGREE = "agree"
    """The figure's range meets the record's."""
    CLOSE = "close"
    """The ranges miss by at most `findings.verdicts.CLOSE_MARGIN` of the record."""
    DISAGREE = "disagree"
    """The ranges miss by more than that."""
    NO_RECORD = "no_record"
    """No independent record row was published before the article."""


class Stance(StrEnum):
    """Where an actor stands on a topic (`extract.stances`).

    The order is the stances table's column order, and it breaks ties: of two leans with as
    much evidence, the later one wins (skeptical, then oppose, then support)."""

    SUPPORT = "support"
    OPPOSE = "oppose"
    SKEPTICAL = "skeptical"
    NEUTRAL = "neutral"
    """Nothing the actor says about the topic leans."""


TAKING_SIDES = (Stance.SUPPORT, Stance.OPPOSE, Stance.SKEPTICAL)
"""The stances that take a side (every stance but neutral), in `Stance` order."""


class QuoteKind(StrEnum):
    """What a row of the quotes table is: the speaker's own words, or what they said."""

    DIRECT = "direct"
    """Words between quotation marks, a transcript turn or a block statement."""
    REPORTED = "indirect"
    """Reported speech ('X said that …'); the tables and answer keys spell it 'indirect'."""

    @property
    def label(self) -> str:
        """The word a reader sees: 'direct' or 'reported'."""
        return "reported" if self is QuoteKind.REPORTED else self.value


class ActorType(StrEnum):
    """What an actor is (`extract.names`, `extract.actors`)."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    COUNTRY = "country"
    """A place the model labels GPE (a country, or a city standing for its government)."""
    OTHER = "other"
    """A speaker the model did not tag and whose name is no person's."""


class WordKind(StrEnum):
    """What a stance word does (`data/rules/en/stance_cues.csv`, a pack's stance_words.csv)."""

    SUPPORT = "support"
    OPPOSE = "oppose"
    DOUBT = "doubt"
    DOUBT_IF_NEGATED = "doubt_if_negated"
    """Doubt when negated ('have not seen')."""
    NEGATION = "negation"
    THREAT = "threat"
    """A consequence threatened ('severe consequences')."""
    CONDITION = "condition"
    """A word opening a condition ('if', 'should')."""
