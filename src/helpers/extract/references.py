"""Who a pronoun, a title or a description stands for: read from the rule files once.

The resolver that uses these lists lives with the actors stage (`helpers.extract.actors`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from helpers.rules import LANGUAGE, rule_table
from helpers.vocab import ActorType

REFERS_TO = {
    "person": (ActorType.PERSON,),
    "thing": (ActorType.ORGANISATION, ActorType.PLACE),
    "group": (ActorType.ORGANISATION, ActorType.PLACE),
    "speaker": (),
    "listener": (),
}
"""What each kind of pronoun can stand for, as actor types (none: it names no third party)."""


@dataclass(frozen=True)
class Pronoun:
    """A pronoun, what kind of actor it stands for, and whether it names an owner."""

    word: str
    refers_to: str
    possessive: bool

    @property
    def refer_to_types(self) -> tuple[str, ...]:
        """The actor types this pronoun can stand for."""
        return REFERS_TO[self.refers_to]


@cache
def pronouns(language: str = LANGUAGE) -> dict[tuple[str, bool], Pronoun]:
    """(word, possessive) -> Pronoun, from pronouns.csv ('her' is both kinds)."""
    found = {}
    columns = ("word", "refers_to", "possessive")
    for row in rule_table("pronouns.csv", columns, language):
        if row["refers_to"] not in REFERS_TO or row["possessive"] not in ("yes", "no"):
            raise ValueError(f"pronouns.csv:{row.line}: refers_to must be one of "
                             f"{list(REFERS_TO)} and possessive yes or no; got {row.values}.")
        possessive = row["possessive"] == "yes"
        found[(row["word"].lower(), possessive)] = Pronoun(row["word"].lower(),
                                                         row["refers_to"], possessive)
    return found


def pronoun(word: str, possessive: bool = False, language: str = LANGUAGE) -> Pronoun | None:
    """The pronoun `word` (any case) of the given kind, or None when it is not one."""
    return pronouns(language).get((word.lower(), possessive))
