"""Where each actor stands on each topic: support, oppose, skeptical or neutral, with evidence.

Topics and their terms come from the article's story pack (`topics.csv`); an article with no
pack has no topics, so no stances. How a statement leans is read from the stance words of
`helpers.extract.lexicon` (general cues, a published lexicon, the pack's own words). For every
topic term in something an actor says (their quotes and reported speech, with the sentence
around them) or does as the subject of a sentence, the lean comes from the words on the
dependency path from the term up to the speech verb:

- a doubt word there ("suspicious", "not verified", "have not seen any evidence") makes it
  skeptical;
- otherwise support and oppose words decide, and each negation turns the lean around
  ("does not desire a conflict" opposes war); a negated clause with no stance word opposes
  ("expansion is not on the plan");
- with no lean on the path, doubt elsewhere in the actor's words still makes it skeptical;
- a claimed topic (the pack's `claimed_topics`) that the actor wants, needs or waits to see
  ("wants to see a durable pullback") is one they have not seen: skeptical; one they state in
  their own words with no lean ("the military reported drawing back soldiers") they assert:
  support;
- a sentence saying a decision has not been taken ("no one has decided on sanctions") gives
  no lean: neutral.

Each actor's stance on a topic is the most frequent lean of its evidence (ties go to skeptical,
then oppose, then support); neutral when nothing leans. The evidence kept is the sentence that
decided it.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpers.extract.deps import (
    ANY_SUBJECT_DEPS,
    CLAUSE_DEPS,
    LIST_DEPS,
    REPORTED_CLAUSE_DEPS,
    SEPARATE_STATEMENT_DEPS,
)
from helpers.extract.lexicon import settings, word_kinds
from helpers.extract.phrases import Phrase, PhraseIndex, Words
from helpers.extract.quotes import is_cue_verb
from helpers.extract.records import ActorStance, Quote
from helpers.vocab import TAKING_SIDES, Stance, WordKind

if TYPE_CHECKING:
    from spacy.tokens import Token

    from helpers.extract.actors import Actors
    from helpers.extract.reading import Reading
    from helpers.stories.packs import StoryPack

SIDES = (WordKind.SUPPORT, WordKind.OPPOSE)
"""Stance words that lean one way."""


@dataclass(frozen=True)
class Evidence:
    """One topic word in one actor's words, and how it leans."""

    actor: str
    topic: str
    stance: str
    sentence: str
    token: int
    start: int = 0
    """Where the sentence starts in the article's text."""


@dataclass
class Unit:
    """What one actor says or does in one paragraph: the tokens that are theirs to read."""

    actor: str
    sentences: list[tuple[int, int]]
    allowed: set[int]


def term_positions(words: Words, topics: dict[str, tuple[Phrase, ...]]
                   ) -> list[tuple[str, list[int]]]:
    """(topic, token indices of the term) of every topic term among a doc's `words`."""
    words, forms = words
    found = []
    for topic, terms in topics.items():
        for at, term in PhraseIndex(terms).find_all(forms):
            found.append((topic, [words[at + k].i for k in range(len(term))]))
    return sorted(found, key=lambda item: item[1][-1])


class Stances:
    """The stance reader for one reading, its story pack and its quotes."""

    def __init__(self, reading: Reading, pack: StoryPack, actors: Actors,
                 quotes: Sequence[Quote]) -> None:
        doc = self.doc = reading.doc
        self.actors = actors
        self.article = reading.article
        self.quotes = quotes
        positions = term_positions(reading.words, pack.topics())
        self.terms = [(topic, indices[-1]) for topic, indices in positions]
        topic_words = {i for _, indices in positions for i in indices}
        self.kinds = word_kinds(doc, reading.words, pack.stance_words(), topic_words)
        self.claimed = set(pack.claimed_topics)
        self.speakers_of: dict[int, set[str]] = {}
        """Token index -> the speakers whose quotes hold it."""
        for quote in quotes:
            for token in doc.char_span(quote.start, quote.end, alignment_mode="expand") or []:
                self.speakers_of.setdefault(token.i, set()).add(quote.speaker)
        self.sentences = reading.sentences
        self.actor_at: dict[int, str] = {}
        """Token index -> the actor a named mention there is (by the mention's root)."""
        for mention in actors.named:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                self.actor_at[span.root.i] = mention.actor

    def evidence(self) -> list[Evidence]:
        """Every topic word in every actor's words, with its lean."""
        found: dict[tuple[str, str, int], Evidence] = {}
        starts = [self.doc[index].idx for _, index in self.terms]
        for unit in self.units():
            inside = {n for start, end in unit.sentences
                      for n in range(bisect.bisect_left(starts, start),
                                     bisect.bisect_left(starts, end))}
            for topic, index in (self.terms[n] for n in sorted(inside)):
                if self._someone_elses(index, unit.actor):
                    continue
                stance = self._stance(index, unit, topic in self.claimed)
                start, sentence = self._sentence_text(self.doc[index].idx)
                key = (unit.actor, topic, index)
                if key not in found or found[key].stance == Stance.NEUTRAL:
                    found[key] = Evidence(unit.actor, topic, stance, sentence, index, start)
        return list(found.values())

    def units(self) -> list[Unit]:
        """One unit per speaker and paragraph, and one per actor that is a sentence's subject."""
        return self._speech_units() + self._narrative_units()

    def _speech_units(self) -> list[Unit]:
        """One unit per speaker and paragraph, in the order of their first quote."""
        groups: dict[tuple[str, int], list[Quote]] = {}
        for quote in self.quotes:
            if quote.speaker:
                groups.setdefault((quote.speaker, quote.paragraph), []).append(quote)
        units = []
        for (actor, _), group in groups.items():
            own = [(quote.start, quote.end) for quote in group]
            sentences = [s for s in self.sentences
                         if any(s[0] < end and start < s[1] for start, end in own)]
            units.append(Unit(actor, sentences, self._allowed(sentences, actor)))
        return units

    def _allowed(self, sentences: list[tuple[int, int]], actor: str) -> set[int]:
        """Tokens of the sentences outside other speakers' quotes."""
        allowed = set()
        for start, end in sentences:
            for token in self.doc.char_span(start, end, alignment_mode="expand") or []:
                if not self.speakers_of.get(token.i, set()) - {actor}:
                    allowed.add(token.i)
        return allowed

    def _someone_elses(self, index: int, actor: str) -> bool:
        """True when the topic word is in a main clause of the sentence whose subject is
        another named actor ('Putin welcomed talks, and his military reported a pullback': the
        talks are Putin's, not the military's). A clause the actor's words hold is theirs
        ('Biden made clear the allies will respond if Russia invades')."""
        token = self.doc[index]
        for _ in range(len(token.sent)):  # bounded: up to the first verb above the word
            if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
                break
            token = token.head
        main = token.dep_ == "ROOT" or (token.dep_ == "conj" and token.head.dep_ == "ROOT")
        if not main:
            return False
        subjects = [child for child in token.children if child.dep_ in ANY_SUBJECT_DEPS]
        return any(self.actor_at.get(child.i, actor) != actor for child in subjects)

    def _narrative_units(self) -> list[Unit]:
        """Actors that are the subject (or passive agent) of a sentence's main verbs."""
        by_token = self.actor_at
        units = []
        for start, end in self.sentences:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for actor in self._subjects(span, by_token):
                units.append(Unit(actor, [(start, end)], self._allowed([(start, end)], actor)))
        return units

    @staticmethod
    def _subjects(span, by_token: dict[int, str]) -> list[str]:
        roots = [t for t in span
                 if t.dep_ == "ROOT" or (t.dep_ == "conj" and t.head.dep_ == "ROOT")]
        actors = []
        for verb in roots:
            if verb.pos_ not in ("VERB", "AUX") or is_cue_verb(verb):
                continue
            for child in verb.children:
                subject = child
                if child.dep_ == "agent":
                    subject = next((g for g in child.children if g.dep_ == "pobj"), child)
                elif child.dep_ != "nsubj":
                    continue
                if subject.i in by_token:
                    actors.append(by_token[subject.i])
        return actors

    def _stance(self, index: int, unit: Unit, claimed: bool = False) -> str:
        """How the topic word at `index` leans in the unit's words (`claimed`: the topic is a
        claim, which an actor waiting to see it doubts)."""
        if self._undecided(index):
            return Stance.NEUTRAL
        if claimed and self._awaited(index):
            return Stance.SKEPTICAL
        if self._threatened(index, unit.allowed):
            return Stance.OPPOSE
        if self._threat_example(index):
            return Stance.SUPPORT
        value, top = self._lean(index, unit.allowed)
        if self._has_doubt(t.i for t in top.subtree if t.i in unit.allowed):
            return Stance.SKEPTICAL
        if value:
            return Stance.SUPPORT if value > 0 else Stance.OPPOSE
        if self._has_doubt(unit.allowed):
            return Stance.SKEPTICAL
        if claimed and unit.actor in self.speakers_of.get(index, ()):
            return Stance.SUPPORT  # a claim the actor states in their own words, unqualified
        return Stance.NEUTRAL

    def _awaited(self, index: int) -> bool:
        """True when the topic word is what a verb of seeing governs, and that verb is wanted,
        needed or waited for ('wants to see a pullback', 'needs to see a withdrawal')."""
        chosen = settings()
        token = self.doc[index]
        for _ in range(len(token.sent)):  # bounded: up to the sentence's root
            if token.head.i == token.i:
                return False
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                break
        if token.lemma_.lower() not in chosen.awaited_verbs or self._negated(token):
            return False
        return token.dep_ == "xcomp" and token.head.lemma_.lower() in chosen.wish_verbs

    def _undecided(self, index: int) -> bool:
        """True when the topic word's sentence says a decision has not been taken ('no one has
        decided', 'a decision has not been made')."""
        words = settings().decision_words
        for token in self.doc[index].sent:
            if token.lemma_.lower() not in words:
                continue
            near = [token, *token.children, *(t for c in token.children
                                               if c.dep_ in ANY_SUBJECT_DEPS for t in c.subtree)]
            if token.dep_ in ANY_SUBJECT_DEPS:  # 'a decision has not been made'
                near += [token.head, *token.head.children]
            if any(self.kinds.get(t.i) == WordKind.NEGATION for t in near if t.i != index):
                return True
        return False

    def _threatened(self, index: int, allowed: set[int]) -> bool:
        """True when the topic word sits in a condition whose main clause threatens a
        consequence ('if Russia invades, there will be severe consequences')."""
        token = self.doc[index]
        for _ in range(len(token.sent)):
            if token.dep_ == "advcl" and any(self.kinds.get(c.i) == WordKind.CONDITION
                                             for c in token.children):
                inside = {t.i for t in token.subtree}
                main = [t.i for t in token.head.subtree if t.i not in inside and t.i in allowed]
                return any(self.kinds.get(i) == WordKind.THREAT for i in main)
            if token.head.i == token.i:
                return False
            token = token.head
        return False

    def _threat_example(self, index: int) -> bool:
        """True when the topic word is named as a threatened consequence ('there will be severe
        consequences, including sanctions'): the speaker backs it."""
        chosen = settings()
        token = self.doc[index]
        for _ in range(len(token.sent)):  # bounded: up the list the word is in ('A and B')
            if token.dep_ not in LIST_DEPS or token.head.i == token.i:
                break
            token = token.head
        link = token.head
        if token.dep_ != "pobj":
            return False
        noun = link.head
        if link.lower_ == "of" and noun.lower_ in chosen.example_frames:
            noun = noun.head.head  # 'consequence in terms of sanctions': of <- terms <- in
        elif link.lower_ not in chosen.example_links:
            return False
        return self.kinds.get(noun.i) == WordKind.THREAT

    def _lean(self, index: int, allowed: set[int]) -> tuple[int, Token]:
        """(+1, -1 or 0, the statement's head) climbing from the topic word to its statement."""
        sign, leaned = 1, False
        previous, current = None, self.doc[index]
        for _ in range(len(current.sent)):  # bounded: the climb ends at the sentence's root
            # Words that describe the clause's subject describe the actor, not how it leans
            # ('Russia alone is responsible for ...'); a negation there still counts ('no one').
            subject = _subject_words(current, previous)
            kinds = Counter(kind for t in _local(current, previous) if t.i in allowed
                            and (kind := self.kinds.get(t.i, ""))
                            and not (t.i in subject and kind in SIDES))
            if kinds[WordKind.SUPPORT] != kinds[WordKind.OPPOSE]:
                sign *= 1 if kinds[WordKind.SUPPORT] > kinds[WordKind.OPPOSE] else -1
                leaned = True
            if kinds[WordKind.NEGATION]:
                sign *= -1 if kinds[WordKind.NEGATION] % 2 else 1
                leaned = True
            if is_cue_verb(current) and previous is not None:
                return (sign if leaned else 0), previous
            if current.dep_ in SEPARATE_STATEMENT_DEPS or current.head.i == current.i or (
                    leaned and current.dep_ in REPORTED_CLAUSE_DEPS):
                return (sign if leaned else 0), current
            previous, current = current, current.head
        return (sign if leaned else 0), current

    def _has_doubt(self, indices) -> bool:
        for index in indices:
            kind = self.kinds.get(index)
            if kind == WordKind.DOUBT:
                return True
            if kind == WordKind.DOUBT_IF_NEGATED and self._negated(self.doc[index]):
                return True
        return False

    def _negated(self, token: Token) -> bool:
        return any(self.kinds.get(child.i) == WordKind.NEGATION for child in token.children)

    def _sentence_text(self, offset: int) -> tuple[int, str]:
        """(where the sentence holding `offset` starts, its text)."""
        start, end = next((s, e) for s, e in self.sentences if s <= offset < e)
        text = self.article.text[start:end]
        return start + len(text) - len(text.lstrip()), text.strip()


def _subject_words(node: Token, skip: Token | None) -> set[int]:
    """Indices of the words of `node`'s subjects, unless the climb came up through one."""
    skip_index = -1 if skip is None else skip.i
    return {t.i for child in node.children if child.dep_ in ANY_SUBJECT_DEPS
            and child.i != skip_index for t in child.subtree}


def _local(node: Token, skip: Token | None) -> list[Token]:
    """`node` and the words that hang on it inside its own clause, without `skip`'s subtree."""
    skip_index = -1 if skip is None else skip.i
    found, stack = [node], [c for c in node.children if c.i != skip_index]
    while stack:
        token = stack.pop()
        if token.dep_ in CLAUSE_DEPS:
            continue
        found.append(token)
        stack.extend(token.children)
    return found


def decide(counts: Counter[str]) -> str:
    """The stance with most evidence (ties: skeptical, oppose, support); neutral if none leans."""
    leaning = [stance for stance in TAKING_SIDES if counts[stance]]
    if not leaning:
        return Stance.NEUTRAL
    return max(leaning, key=lambda stance: (counts[stance], TAKING_SIDES.index(stance)))


def find_stances(reading: Reading, actors: Actors, quotes: Sequence[Quote]
                 ) -> list[ActorStance]:
    """The stances stage: one record per actor and topic, from the actors' words (`quotes`)
    and deeds; none when the article has no story pack."""
    if reading.pack is None:
        return []
    return actor_stances(Stances(reading, reading.pack, actors, quotes).evidence())


def actor_stances(found: list[Evidence]) -> list[ActorStance]:
    """One record per actor and topic of the evidence, in the order they first appear."""
    records = []
    for actor, topic in dict.fromkeys((e.actor, e.topic) for e in found):
        items = [e for e in found if e.actor == actor and e.topic == topic]
        counts = Counter(e.stance for e in items)
        stance = decide(counts)
        deciding = next(e for e in items if e.stance == stance)
        records.append(ActorStance(actor, topic, stance, deciding.sentence,
                                   **{name: counts[name] for name in Stance},
                                   start=deciding.start))
    return records
