"""Where each actor stands on each topic: support, oppose, skeptical or neutral, with evidence.

Topics and their terms come from the article's story pack (`topics.csv`); an article with no
pack has no topics, so no stances. How a statement leans is read from the stance words of
`helpers.extract.lexicon` (general cues, a published lexicon, the pack's own words).

Whose words a topic term is in:

- a speaker's quotes and reported speech, with the sentence around them; a statement made
  together is each maker's ("The leaders agreed that ...": `helpers.extract.joint`);
- what an actor does as the subject of a sentence's main verb, named, by a title or by a
  person's pronoun ("She has called for talks"), including a speech verb that has no quote of
  theirs in the sentence ("X urged both sides to return to talks"), not in a question or a
  questioner's turn of a transcript;
- a stance noun's owner's ("Brandt's call for talks was rejected"), wherever it stands.

The lean comes from the words on the dependency path from the term up to the speech verb:

- a doubt word there ("suspicious", "not verified", "have not seen any evidence") makes it
  skeptical;
- the climb stops where a clause joins another ('and', 'if', a semicolon), not inside a list
  of words ("in a calm and diplomatic way": 'calm' leans with 'diplomatic');
- otherwise support and oppose words decide, and each negation turns the lean around
  ("does not desire a conflict" opposes war); a negated clause with no stance word opposes
  ("expansion is not on the plan");
- with no lean on the path, doubt elsewhere in the actor's words still makes it skeptical;
- a claimed topic (the pack's `claimed_topics`) that the actor wants, needs or waits to see
  ("wants to see a durable pullback", "will believe in it when we see troops leaving") is one
  they have not seen: skeptical; one they state in their own words with no lean ("the
  military reported drawing back soldiers") they assert: support;
- a claimed topic there is only room or a chance for ("leaves room for de-escalation") is not
  seen either: skeptical; a claim is asserted only by whoever's words hold it innermost (a
  speaker who reports the ministry's claim does not assert it);
- a sentence saying a decision has not been taken ("no one has decided on sanctions") gives
  no lean: neutral;
- what a threat answers is opposed ("costs to this aggression"); a topic that is a punishment
  itself (one of its terms is a threat word: sanctions) is backed where it is the threatened
  consequence ("if he invades, there will be economic consequences"), and threatening it
  opposes what the condition names ("if they attack, we will impose sanctions");
- a topic word that says when ("a response before the summit"), where in a threat ("make
  clear in the talks that Moscow will pay a price") or what kind of punishment ("a diplomatic
  response") leans nowhere: a call for a punitive response is not support for talks;
- a topic that a verb of consequence answers with a threat is opposed, and the punishment
  named there backed ("an invasion would be met with sanctions"); a condition said as a phrase
  ("in the event of an invasion") ends the climb like an if-clause;
- the climb gives no lean where it meets a clause whose subject is another person ("Biden said
  Putin wants a war") or a stance noun another actor owns ("Germany's support for sanctions",
  as officials tell it): that stance is theirs;
- what a noun's prepositions name ("a resolution to the tensions"), and a verb's other
  prepositions when the climb comes from what the verb acts on ("ready for dialogue but also
  for the worst"), are no lean.

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
    COMPLEMENT_DEPS,
    DESCRIBING_DEPS,
    LIST_DEPS,
    NOUN_OBJECT_LINK_DEPS,
    OBJECT_DEPS,
    PREDICATE_DEPS,
    REPORTED_CLAUSE_DEPS,
    SEPARATE_STATEMENT_DEPS,
)
from helpers.extract.joint import Joint, subject_of
from helpers.extract.lexicon import word_kinds
from helpers.extract.phrases import Phrase, PhraseIndex, Words
from helpers.extract.quotes import is_cue_verb
from helpers.extract.records import ActorStance, Quote
from helpers.extract.turns import find_turns
from helpers.vocab import TAKING_SIDES, ActorType, Stance, WordKind

if TYPE_CHECKING:
    from spacy.tokens import Token

    from helpers.extract.actors import Actors
    from helpers.extract.reading import Reading
    from helpers.stories.packs import StoryPack

SIDES = (WordKind.SUPPORT, WordKind.OPPOSE)
"""Stance words that lean one way."""
STATING = frozenset({WordKind.SUPPORT, WordKind.OPPOSE, WordKind.DOUBT})
"""Kinds of a noun that states its owner's stance ('call for', 'support', 'dismissal')."""
QUESTION_MARKS = ("?", "\uff1f")
"""Marks that end a question (ASCII and full-width)."""


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
    head: int = -1
    """The word the actor's statement ends at (an owned stance noun: "Brandt's call for
    talks"); -1: the statement is the sentence."""


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
        self.rules = reading.rules
        self.settings = reading.rules.stance_settings
        self.actors = actors
        self.article = reading.article
        self.quotes = quotes
        positions = term_positions(reading.words, pack.topics())
        self.terms = [(topic, indices[-1]) for topic, indices in positions]
        topic_words = {i for _, indices in positions for i in indices}
        self.kinds = word_kinds(doc, reading.words, pack.stance_words(), topic_words,
                                reading.rules)
        self.claimed = set(pack.claimed_topics)
        self.topic_at = {index: topic for topic, index in self.terms}
        threats = {phrase for phrase, kind in self.rules.stance_cues.items()
                   if kind == WordKind.THREAT}
        self.punitive = {topic for topic, terms in pack.topics().items()
                         if any(term in threats for term in terms)}
        """Topics that are punishments themselves: one of their terms is a threat word."""
        self.sentences = reading.sentences
        self.actor_at: dict[int, str] = {}
        """Token index -> the actor a named mention there is (by the mention's root)."""
        for mention in actors.named:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                self.actor_at[span.root.i] = mention.actor
        self.joint = Joint(actors, reading.rules)
        self.quotes_at: dict[int, list[tuple[int, int, str]]] = {}
        """Token index -> (start, end, speaker) of every quote that holds it."""
        self._hold(quotes, [(quote.speaker,) for quote in quotes])
        self.voices = [self._voices(quote) for quote in quotes]
        """Each quote's speakers: its speaker, or every actor of a joint subject."""
        self.quotes_at = {}
        self._hold(quotes, self.voices)

    def _hold(self, quotes: Sequence[Quote], voices: list[tuple[str, ...]]) -> None:
        """Index the quotes by token, each with its speakers (`voices`)."""
        self.own_quotes: dict[str, list[tuple[int, int]]] = {}
        for quote, speakers in zip(quotes, voices, strict=True):
            for speaker in speakers:
                self.own_quotes.setdefault(speaker, []).append((quote.start, quote.end))
            for token in self.doc.char_span(quote.start, quote.end,
                                            alignment_mode="expand") or []:
                self.quotes_at.setdefault(token.i, []).extend(
                    (quote.start, quote.end, speaker) for speaker in speakers)

    def _voices(self, quote: Quote) -> tuple[str, ...]:
        """The speakers of a quote: every actor its speech verb's subject names together
        ('The leaders agreed that ...'), else its speaker."""
        cue = self._cue(quote)
        subject = subject_of(cue) if cue is not None and cue.pos_ in ("VERB", "AUX") else None
        if subject is None:
            return (quote.speaker,)
        return self.joint.members(subject, self._claimant(cue.i) or "") or (quote.speaker,)

    def _cue(self, quote: Quote) -> Token | None:
        """The cue word of a quote: the nearest word outside it, in its sentences, written as
        its cue's first word."""
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None or not len(span) or not quote.cue:
            return None
        word = quote.cue.split()[0].lower()
        around = self.doc[span[0].sent.start:span[-1].sent.end]
        found = [t for t in around if t.lower_ == word and not span.start <= t.i < span.end]
        return min(found, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end)),
                   default=None)

    def _actors_of(self, subject: Token, speaker: str = "") -> tuple[str, ...]:
        """The actors a subject names: every one of a joint subject, else its actor (a name,
        a title or a person's pronoun: `_subject_actor`)."""
        joint = self.joint.members(subject, speaker)
        if joint:
            return joint
        actor = self._subject_actor(subject)
        return (actor,) if actor else ()

    def evidence(self) -> list[Evidence]:
        """Every topic word in every actor's words, with its lean."""
        found: dict[tuple[str, str, int], Evidence] = {}
        starts = [self.doc[index].idx for _, index in self.terms]
        for unit in self.units():
            inside = {n for start, end in unit.sentences
                      for n in range(bisect.bisect_left(starts, start),
                                     bisect.bisect_left(starts, end))}
            for topic, index in (self.terms[n] for n in sorted(inside)):
                if unit.head < 0 and self._someone_elses(index, unit.actor):
                    continue  # (an owned noun's phrase is its owner's wherever it stands)
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
        for quote, speakers in zip(self.quotes, self.voices, strict=True):
            for speaker in filter(None, speakers):
                groups.setdefault((speaker, quote.paragraph), []).append(quote)
        units = []
        for (actor, _), group in groups.items():
            own = [(quote.start, quote.end) for quote in group]
            sentences = [s for s in self.sentences
                         if any(s[0] < end and start < s[1] for start, end in own)]
            units.append(Unit(actor, sentences, self._allowed(sentences, actor)))
        return units

    def _allowed(self, sentences: list[tuple[int, int]], actor: str,
                 company: tuple[str, ...] = ()) -> set[int]:
        """Tokens of the sentences outside other speakers' quotes; a quote that holds one of the
        actor's own is the frame that reports it, and counts ('the ministry proposed to ...'),
        and so does the quote of one of the `company` the actor is named with ('"President
        Lang and I agreed ...," said Keller')."""
        allowed = set()
        for start, end in sentences:
            mine = [(s, e) for s, e in self.own_quotes.get(actor, ()) if s < end and start < e]
            for token in self.doc.char_span(start, end, alignment_mode="expand") or []:
                if all(who == actor or who in company or any(s <= a and b <= e for a, b in mine)
                       for s, e, who in self.quotes_at.get(token.i, ())):
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
        return any((named := self._actors_of(child)) and actor not in named
                   for child in subjects)

    def _narrative_units(self) -> list[Unit]:
        """Actors that are the subject (or passive agent) of a sentence's main verbs; a
        question ('Is he doing enough to avoid a war?') and a questioner's turn of a transcript
        ('Q Senator Kaine, Democrats are talking about ... to stop an invasion.') state no
        stance."""
        units = []
        marks = "".join(self.rules.marks.all)
        asked = [(turn.start, turn.end) for turn in find_turns(self.article, self.actors,
                                                               self.rules)
                 if turn.role == "questioner"]
        for start, end in self.sentences:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or self.article.text[start:end].rstrip().rstrip(
                    marks).endswith(QUESTION_MARKS) or any(
                        start < high and low < end for low, high in asked):
                continue
            for actor, company in self._subjects(span):
                units.append(Unit(actor, [(start, end)],
                                  self._allowed([(start, end)], actor, company)))
            units += self._owned_units(span)
        return units

    def _owned_units(self, span) -> list[Unit]:
        """One unit per stance noun an actor owns ("Brandt's call for talks was rejected",
        "Germany's support for sanctions"): the noun's phrase is the owner's statement, also
        where a speaker reports it ('officials said Germany's support for sanctions ...')."""
        units = []
        for noun in span:
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if noun.pos_ != "NOUN" or owner is None or self.kinds.get(noun.i) not in STATING:
                continue
            actor = self._owner(owner)
            if actor:
                phrase = self.doc[noun.left_edge.i:noun.right_edge.i + 1]
                units.append(Unit(actor, [(phrase.start_char, phrase.end_char)],
                                  {t.i for t in phrase}, noun.i))
        return units

    def _owner(self, token: Token) -> str:
        """The actor an owner names by name or title ("Germany's", "the minister's"), or ''."""
        if token.i in self.actor_at:
            return self.actor_at[token.i]
        reference = self.actors.references.get(token.i)
        return reference.actor if reference is not None and reference.kind != "pronoun" else ""

    def _subjects(self, span) -> list[tuple[str, tuple[str, ...]]]:
        """The actors that are the subject (or passive agent) of the span's main verbs, named,
        or by a title or a pronoun for a person ('The minister urged', 'She called for'), each
        of a joint subject ('Biden and Zelenskyy agreed', 'The leaders agreed', 'Lang and I
        agreed') with the actors it is named with. A speech verb whose speaker has a quote in
        the sentence is read through that quote."""
        roots = [t for t in span
                 if t.dep_ == "ROOT" or (t.dep_ == "conj" and t.head.dep_ == "ROOT")]
        actors = []
        for verb in roots:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            cue = is_cue_verb(verb, self.rules)
            for child in verb.children:
                subject = child
                if child.dep_ == "agent":
                    subject = next((g for g in child.children if g.dep_ == "pobj"), child)
                elif child.dep_ != "nsubj":
                    continue
                named = self._actors_of(subject, self._claimant(subject.i) or "")
                if len(named) > 1:
                    actors.extend((member, named) for member in named)
                elif named and not (cue and self._quoted_in(named[0], span)):
                    actors.append((named[0], ()))
        return actors

    def _subject_actor(self, subject: Token) -> str:
        """The actor a subject names: a name, a title ('the minister') or a person's pronoun
        ('she'); '' for anything else (a group pronoun may stand for a place)."""
        if subject.i in self.actor_at:
            return self.actor_at[subject.i]
        reference = self.actors.references.get(subject.i)
        if reference is None or (reference.kind == "pronoun"
                                 and reference.type != ActorType.PERSON):
            return ""
        return reference.actor

    def _quoted_in(self, actor: str, span) -> bool:
        """True when `actor` has a quote in the span."""
        return any(start < span.end_char and span.start_char < end
                   for start, end in self.own_quotes.get(actor, ()))

    def _stance(self, index: int, unit: Unit, claimed: bool = False) -> str:
        """How the topic word at `index` leans in the unit's words (`claimed`: the topic is a
        claim, which an actor waiting to see it doubts)."""
        topic = self.topic_at[index]
        if self._undecided(index):
            return Stance.NEUTRAL
        if claimed and (self._awaited(index) or self._possible(index)):
            return Stance.SKEPTICAL
        if self._punished(index) or self._answered(index):
            return Stance.OPPOSE
        if topic in self.punitive and self._consequence(index):
            return Stance.SUPPORT
        if self._threatened(index, unit.allowed):
            return Stance.OPPOSE
        if self._threat_example(index):
            return Stance.SUPPORT
        if topic not in self.punitive and self._setting(index):
            return Stance.NEUTRAL
        value, top = self._lean(index, unit)
        if self._has_doubt(t.i for t in top.subtree if t.i in unit.allowed):
            return Stance.SKEPTICAL
        if value:
            return Stance.SUPPORT if value > 0 else Stance.OPPOSE
        if self._has_doubt(unit.allowed):
            return Stance.SKEPTICAL
        if claimed and self._claimant(index) == unit.actor:
            return Stance.SUPPORT  # a claim the actor states in their own words, unqualified
        return Stance.NEUTRAL

    def _awaited(self, index: int) -> bool:
        """True when the topic word is what a verb of seeing governs, and that verb is wanted,
        needed or waited for ('wants to see a pullback', 'needs to see a withdrawal'), or when
        the verb above it waits for a clause of seeing ('will believe in de-escalation when we
        see troops leaving', 'only once it sees')."""
        chosen = self.settings
        token = self.doc[index]
        for _ in range(len(token.sent)):  # bounded: up to the sentence's root
            if token.head.i == token.i:
                return False
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                break
        if any(child.dep_ == "advcl" and child.lemma_.lower() in chosen.awaited_verbs
               and any(c.lower_ in chosen.awaited_marks for c in child.children)
               for child in token.children):
            return True  # 'we will believe in de-escalation when we see troops leaving'
        if token.lemma_.lower() not in chosen.awaited_verbs or self._negated(token):
            return False
        return token.dep_ == "xcomp" and token.head.lemma_.lower() in chosen.wish_verbs

    def _undecided(self, index: int) -> bool:
        """True when the topic word's sentence says a decision has not been taken ('no one has
        decided', 'a decision has not been made')."""
        words = self.settings.decision_words
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
        """True when the topic word sits in a condition, or names what one describes ('if they
        cross, that is an invasion'), whose main clause threatens a consequence ('if Russia
        invades, there will be severe consequences'; 'we will impose sanctions'). A threat in a
        clause the condition's preposition holds counts as the main clause's ('if Russia acts to
        ensuring there will be consequences', as the parser reads it)."""
        condition = self._condition_above(index) or self._named_condition(index)
        if condition is None:
            return False
        core = {t.i for t in condition.subtree} - {
            u.i for t in condition.subtree if t.dep_ == "pcomp" for u in t.subtree}
        return any(self._is_threat(t.i) for t in condition.head.subtree
                   if t.i in allowed and t.i not in core)

    def _is_condition(self, token: Token) -> bool:
        """A condition: a clause opened by a condition word ('if they cross'), or a phrase
        that is one ('in the event of an invasion')."""
        if token.dep_ == "prep":
            return self.kinds.get(token.i) == WordKind.CONDITION
        return token.dep_ == "advcl" and any(self.kinds.get(c.i) == WordKind.CONDITION
                                             for c in token.children)

    def _is_threat(self, index: int) -> bool:
        """A threat word, or a word of a topic that is a punishment ('sanctions')."""
        return (self.kinds.get(index) == WordKind.THREAT
                or self.topic_at.get(index) in self.punitive)

    def _condition_above(self, index: int) -> Token | None:
        """The condition clause the topic word is in, if any."""
        token = self.doc[index]
        for _ in range(len(token.sent)):  # bounded: up to the sentence's root
            if self._is_condition(token):
                return token
            if token.head.i == token.i:
                return None
            token = token.head
        return None

    def _named_condition(self, index: int) -> Token | None:
        """The condition of the clause whose predicate the topic word is ('if they cross, that
        is an invasion'; the parser may read 'that's an invasion' as an object)."""
        token = self._list_head(index)
        named = token.dep_ == "attr" or token.dep_ == "dobj" and any(
            c.dep_ in ANY_SUBJECT_DEPS and "Dem" in c.morph.get("PronType")
            for c in token.head.children)
        if not named:
            return None
        return next((c for c in token.head.children if self._is_condition(c)), None)

    def _consequence(self, index: int) -> bool:
        """True when the word of a punishment topic is the threatened consequence: named as one
        ('consequences, including sanctions'), framed as one in a threat ('not only in terms of
        economic consequences') or said in the main clause of a condition ('if he invades, there
        will be economic consequences')."""
        if self._threat_example(index) or self._answer(index):
            return True
        token = self._list_head(index)
        if token.dep_ == "pobj" and token.head.lower_ == "of" and (
                token.head.head.lower_ in self.settings.example_frames):
            return any(self.kinds.get(t.i) == WordKind.THREAT for t in token.sent)
        return self._condition_above(index) is None and any(
            self._is_condition(t) and index in {u.i for u in t.head.subtree}
            for t in token.sent)

    def _answered(self, index: int) -> bool:
        """True when the topic word is the subject of a verb of consequence whose object is a
        threat ('an invasion would be met with sanctions', 'any attack would draw a swift
        response'): the speaker opposes it, as they would in 'if they attack, ...'."""
        token = self._list_head(index)
        verb = token.head
        if token.dep_ not in ANY_SUBJECT_DEPS or (
                verb.lemma_.lower() not in self.settings.consequence_verbs):
            return False
        return any(self._is_threat(t.i) for t in _objects(verb))

    def _answer(self, index: int) -> bool:
        """True when the punishment topic word is what a threat verb threatens ('threatened
        sanctions') or the object of a verb of consequence whose subject is another topic
        ('an invasion would be met with sanctions')."""
        token = self._list_head(index)
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if token.dep_ == "dobj" and self.kinds.get(verb.i) == WordKind.THREAT:
            return True
        return token.dep_ in OBJECT_DEPS and verb.lemma_.lower() in (
            self.settings.consequence_verbs) and index in {t.i for t in _objects(verb)} and any(
            c.dep_ in ANY_SUBJECT_DEPS and c.i in self.topic_at for c in verb.children)

    def _punished(self, index: int) -> bool:
        """True when the topic word is what a threat answers ('costs to this aggression', 'a
        price for its aggression'): the speaker opposes it."""
        token = self._list_head(index)
        for _ in range(len(token.sent)):  # bounded: 'this form of aggression', 'acts of war'
            if token.dep_ != "pobj" or token.head.lower_ != "of" or token.head.head.pos_ != "NOUN":
                break
            token = self._list_head(token.head.head.i)
        if token.dep_ != "pobj" or token.head.lower_ not in self.settings.punish_links:
            return False
        above = token.head.head
        return any(self.kinds.get(t.i) == WordKind.THREAT for t in (above, above.head))

    def _setting(self, index: int) -> bool:
        """True when the topic word says what kind of punishment is meant ('a diplomatic
        response'), when ('a response before the summit'), or where in a clause that threatens
        one ('make clear in the conversation that Moscow will pay a price')."""
        chosen = self.settings
        token = self._list_head(index)
        if token.dep_ in DESCRIBING_DEPS:
            return self.kinds.get(token.head.i) == WordKind.THREAT
        if token.dep_ != "pobj":
            return False
        link = token.head
        if link.lower_ in chosen.time_links or link.head.lower_ in chosen.time_links:
            return True  # 'before the summit', 'ahead of the summit'
        return link.lower_ in chosen.place_links and link.head.pos_ in ("VERB", "AUX") and any(
            self._is_threat(t.i) for t in link.head.subtree if t.i != index)

    def _possible(self, index: int) -> bool:
        """True when the topic word is what there is room or a chance for ('leaves room for
        de-escalation', 'plenty of room for talks and for de-escalation')."""
        token = self._list_head(index)
        if token.dep_ != "pobj":
            return False
        nouns = self.settings.awaited_nouns
        for _ in range(len(token.sent)):  # bounded: up to the clause's verb
            token = token.head
            near = [token, *(c for c in token.children if c.dep_ in OBJECT_DEPS)]
            if any(t.lemma_.lower() in nouns for t in near):
                return True
            if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
                return False
        return False

    def _claimant(self, index: int) -> str | None:
        """The speaker of the innermost quote holding the word: whose claim it is."""
        held = self.quotes_at.get(index)
        return min(held, key=lambda quote: quote[1] - quote[0])[2] if held else None

    def _list_head(self, index: int) -> Token:
        """The first word of the list or apposition the word is in ('sanctions and controls')."""
        token = self.doc[index]
        for _ in range(len(token.sent)):  # bounded: up the list
            if token.dep_ not in LIST_DEPS or token.head.i == token.i:
                break
            token = token.head
        return token

    def _threat_example(self, index: int) -> bool:
        """True when the topic word is named as a threatened consequence ('there will be severe
        consequences, including sanctions'): the speaker backs it."""
        chosen = self.settings
        token = self._list_head(index)
        link = token.head
        if token.dep_ != "pobj":
            return False
        noun = link.head
        if link.lower_ == "of" and noun.lower_ in chosen.example_frames:
            noun = noun.head.head  # 'consequence in terms of sanctions': of <- terms <- in
        elif link.lower_ not in chosen.example_links:
            return False
        return self.kinds.get(noun.i) == WordKind.THREAT

    def _lean(self, index: int, unit: Unit) -> tuple[int, Token]:
        """(+1, -1 or 0, the statement's head) climbing from the topic word to its statement;
        0 when the climb meets a clause whose subject is another person ('Biden said Putin
        wants a war': the wish is Putin's, as Biden tells it, not Biden's) or a noun another
        actor owns; it ends at the unit's `head` when it has one."""
        allowed = unit.allowed
        sign, leaned = 1, False
        previous, current = None, self.doc[index]
        for _ in range(len(current.sent)):  # bounded: the climb ends at the sentence's root
            if self._someone_else_s(current, previous, unit.actor):
                return 0, current
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
            if current.i == unit.head:
                return (sign if leaned else 0), current
            if is_cue_verb(current, self.rules) and previous is not None:
                return (sign if leaned else 0), previous
            between_clauses = current.pos_ in ("VERB", "AUX")  # 'calm and diplomatic' is one
            if self._is_condition(current) or (
                    current.dep_ in SEPARATE_STATEMENT_DEPS and between_clauses) or (
                    current.head.i == current.i) or (
                    leaned and current.dep_ in REPORTED_CLAUSE_DEPS):
                return (sign if leaned else 0), current
            previous, current = current, current.head
        return (sign if leaned else 0), current

    def _someone_else_s(self, word: Token, skip: Token | None, actor: str) -> bool:
        """True when `word` is a verb whose subject (not the word the climb came from) names a
        person other than `actor`, alone or together with others, or a stance noun another
        actor owns ('Germany's support for sanctions', as officials tell it)."""
        if word.pos_ == "NOUN":
            if self.kinds.get(word.i) not in STATING:
                return False
            owner = next((c for c in word.children if c.dep_ == "poss"), None)
            named = self._owner(owner) if owner is not None and owner != skip else ""
            return bool(named) and named != actor and not self._done_by(word, actor)
        if word.pos_ not in ("VERB", "AUX"):
            return False
        verb = word
        for child in verb.children:
            if child.dep_ not in ANY_SUBJECT_DEPS or (skip is not None and child.i == skip.i):
                continue
            named = self.joint.members(child) or (self._person(child),)
            if all(named) and actor not in named:
                return True
        return False

    def _done_by(self, word: Token, actor: str) -> bool:
        """True when the verb that governs `word` has `actor` as its subject or passive agent
        ('the Kremlin rejected Brandt's call for talks', '... was rejected by the Kremlin')."""
        verb = word
        for _ in range(len(word.sent)):  # bounded: up to the first verb above the word
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        doers = [c for c in verb.children if c.dep_ in ANY_SUBJECT_DEPS]
        doers += [g for c in verb.children if c.dep_ == "agent"
                  for g in c.children if g.dep_ == "pobj"]
        return any(actor in self._actors_of(doer) for doer in doers if doer.i != word.i)

    def _person(self, token: Token) -> str:
        """The person a subject names (a name, a title, 'he' or 'she'), or ''."""
        mention = self.actors.covering(token.idx)
        if mention is not None:
            return mention.actor if mention.type == ActorType.PERSON else ""
        reference = self.actors.references.get(token.i)
        return reference.actor if reference and reference.type == ActorType.PERSON else ""

    def _has_doubt(self, indices) -> bool:
        for index in indices:
            kind = self.kinds.get(index)
            if kind == WordKind.DOUBT:
                return True
            if kind == WordKind.DOUBT_IF_NEGATED and self._negated(self.doc[index]):
                return True
        return False

    def _negated(self, token: Token) -> bool:
        """True when a negation hangs on the word, or on the verb 'be' a predicate word
        completes ('the claims were not credible')."""
        words = [*token.children]
        if token.dep_ in PREDICATE_DEPS:
            words += token.head.children
        return any(self.kinds.get(word.i) == WordKind.NEGATION for word in words)

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


def _objects(verb: Token) -> list[Token]:
    """The words of a verb's own clause outside its subjects ('met with sanctions')."""
    return [t for child in verb.children
            if child.dep_ not in ANY_SUBJECT_DEPS and child.dep_ not in CLAUSE_DEPS
            for t in child.subtree]


def _local(node: Token, skip: Token | None) -> list[Token]:
    """`node` and the words that hang on it inside its own clause, without `skip`'s subtree,
    nor, for a noun, what its prepositions name: 'a resolution to the tensions' and 'talks
    with the rebels' lean as 'a resolution' and 'talks' do (what is resolved or who talks is
    no lean); nor, for a verb the climb reached from what it acts on, its other prepositions
    ('prepared for dialogue but also for the worst': the worst is another complement)."""
    skip_index = -1 if skip is None else skip.i
    asides = node.pos_ in ("NOUN", "PROPN") or (
        skip is not None and node.pos_ in ("VERB", "AUX") and skip.dep_ in COMPLEMENT_DEPS)
    found, stack = [node], [c for c in node.children if c.i != skip_index
                            and not (asides and c.dep_ in NOUN_OBJECT_LINK_DEPS)]
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
