"""Who a pronoun stands for, as `pronouns.csv` says (read once as `Rules.pronouns`).

The resolver that uses these lists lives with the actors stage (`helpers.extract.actors`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpers.vocab import ActorType

if TYPE_CHECKING:
    from helpers.extract.ruleset import Rules

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


def pronoun(word: str, rules: Rules, possessive: bool = False) -> Pronoun | None:
    """The pronoun `word` (any case) of the given kind, or None when it is not one."""
    return rules.pronouns.get((word.lower(), possessive))
