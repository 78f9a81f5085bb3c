"""Two people who share a surname: which one a bare "Clinton" is, or that the text leaves it open.

When an article names two people with the same surname (Bill and Hillary Clinton), the
names stage leaves a bare "Clinton" as it is. Each such mention is decided from what stands
right before it and from the sentences around it, in this order:

1. a title before it that only one of them holds ("Senator Clinton", "former President
   Clinton");
2. an honorific that only one of them fits ("Mrs. Clinton"), their gender read from the
   honorifics before their full names and the pronouns that stand for them
   (`gendered_words.csv`);
3. the one of them named in full in the same or the previous sentence, when the other is not;
4. the person the article is about: named in full first, and at least `MAIN_SHARE` times as
   often as each of the others (news style names the other one in full each time: "Clinton"
   is Hillary Clinton in a story that mentions "Chelsea Clinton" once).

Otherwise the mention is marked as ambiguous ("Clinton (ambiguous: Bill Clinton or Hillary
Clinton)"): the kit never picks one silently.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from helpers.extract.names import Mention
from helpers.vocab import ActorType

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from helpers.extract.ruleset import Rules

GENDERS = ("female", "male")
MAIN_SHARE = 2
"""How many times as often the person an article is about is named in full as the others."""
BEFORE_TOKENS = 3
"""Tokens before a surname read for its title or honorific."""


def shared(named: Iterable[Mention]) -> dict[str, list[str]]:
    """Surname -> the full names that end with it, for surnames two or more people share."""
    people = {m.actor for m in named if m.type == ActorType.PERSON}
    by_surname: dict[str, list[str]] = defaultdict(list)
    for person in sorted(people):
        if " " in person:
            by_surname[person.split()[-1]].append(person)
    return {surname: names for surname, names in by_surname.items() if len(names) > 1}


def ambiguous(surname: str, names: list[str]) -> str:
    """The actor name of a mention the text leaves open."""
    return f"{surname} (ambiguous: {' or '.join(names)})"


class Surnames:
    """Decides the bare surnames of one article (see the module's docstring)."""

    def __init__(self, doc: Doc, named: list[Mention], roles: dict[str, list[str]],
                 pronoun_actors: Iterable[tuple[str, str]], rules: Rules) -> None:
        self.doc = doc
        self.words = words = rules.gendered_words
        """Word (lower case) -> the gender it gives (`gendered_words.csv`)."""
        self.named = named
        self.roles = roles
        self.full = sorted((m.start, m.actor) for m in named if " " in m.actor)
        """(start, actor) of every mention by a full name, in text order."""
        self.mains: dict[tuple[str, ...], str] = {}
        self.genders: dict[str, Counter[str]] = defaultdict(Counter)
        for word, actor in pronoun_actors:
            if word.lower() in words:
                self.genders[actor][words[word.lower()]] += 1
        for mention in named:
            if " " in mention.actor and (honorific := self._honorific(mention.start)):
                self.genders[mention.actor][honorific] += 1

    def _before(self, start: int) -> str:
        """The few words right before character `start`, lower case."""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return ""
        return " ".join(t.lower_ for t in self.doc[max(0, span.start - BEFORE_TOKENS):span.start])

    def _honorific(self, start: int) -> str:
        """The gender an honorific right before character `start` gives, or ''."""
        before = self._before(start).split()
        return self.words.get(before[-1], "") if before else ""

    def _gender(self, name: str) -> str:
        counts = self.genders.get(name)
        return counts.most_common(1)[0][0] if counts else ""

    def _sentence(self, offset: int) -> int:
        return self.doc.char_span(offset, offset + 1, alignment_mode="expand").sent.start

    def decide(self, surname: str, start: int, names: list[str]) -> str:
        """The person the bare surname at character `start` is, or the ambiguous name."""
        before = f" {self._before(start)} "
        titled = [n for n in names if any(f" {r.lower()} " in before or before.endswith(
            f" {r.lower().split()[-1]} ") for r in self.roles.get(n, []))]
        if len(titled) == 1:
            return titled[0]
        honorific = self._honorific(start)
        fitting = [n for n in names if honorific and self._gender(n) == honorific]
        if len(fitting) == 1:
            return fitting[0]
        here = self._sentence(start)
        earliest = self.doc[here - 1].sent.start_char if here else self.doc[here].idx
        window = self.full[bisect.bisect_left(self.full, (earliest, "")):
                           bisect.bisect_left(self.full, (start, ""))]
        near = {actor for _, actor in window if actor in names}
        if len(near) == 1:
            return near.pop()
        return self._main(tuple(names)) or ambiguous(surname, names)

    def _main(self, names: tuple[str, ...]) -> str:
        """The one of `names` the article is about (rule 4), or ''; read once per group."""
        if names not in self.mains:
            self.mains[names] = self._read_main(names)
        return self.mains[names]

    def _read_main(self, names: tuple[str, ...]) -> str:
        full = [m.actor for m in self.named if m.actor in names]
        counts = Counter(full)
        first = full[0] if full else ""
        others = [counts[n] for n in names if n != first]
        return first if first and all(counts[first] >= MAIN_SHARE * c for c in others) else ""

    def resolved(self) -> list[Mention]:
        """The mentions with every shared bare surname decided."""
        surnames = shared(self.named)
        return [replace(m, actor=self.decide(m.actor, m.start, surnames[m.actor]))
                if m.type == ActorType.PERSON and m.actor in surnames else m for m in self.named]
