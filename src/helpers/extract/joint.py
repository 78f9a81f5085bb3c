"""Joint statements: the actors a subject names together, for the stance step.

A statement made together belongs to each of its makers:

- a subject that lists actors ("Biden and Zelenskyy agreed", "The Prime Minister and President
  Biden agreed", "President Putin and I agreed") names each of them;
- a plural pronoun or a definite plural noun of `stance.toml`'s `joint_nouns` ("They agreed",
  "The leaders emphasised", "the two presidents") outside quotation marks stands for the
  actors last named together as a subject ("Biden and Zelenskyy spoke") or as the two sides
  of a meeting ("Johnson spoke to Zelenskyy", "Biden held a call with European leaders", by
  `stance.toml`'s `meeting_words`), up to `JOINT_SENTENCES` sentences back; a sentence in
  between whose main subject is another plural noun ("Western allies must ...") ends the
  search, since the pronoun may stand for it.

Every member must be an actor the actors stage names or resolves (or a plural description of
`joint_nouns` met in a meeting: "European leaders"); a subject naming fewer than two is no
joint subject.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from helpers.extract.deps import ANY_SUBJECT_DEPS, OBJECT_DEPS
from helpers.extract.references import pronoun

if TYPE_CHECKING:
    from spacy.tokens import Token

    from helpers.extract.actors import Actors
    from helpers.extract.ruleset import Rules

JOINT_SENTENCES = 6
"""How many sentences back a plural subject looks for the actors it stands for."""
CHAIN_LINKS = frozenset({"conj", "xcomp", "advcl"})
"""Links from a verb up to the verb whose subject is its subject too ('agreed and said')."""
PLURAL_MARKERS = frozenset({"the", "both", "two", "these", "those", "all"})
"""Words before a plural noun that make it the actors already named ('the leaders')."""


def subject_of(verb: Token) -> Token | None:
    """The subject of `verb`, its passive agent, or the subject of the verb it hangs on by a
    list or a to-infinitive ('They met and agreed', 'They agreed to remain'); None if none."""
    current = verb
    for _ in range(len(verb.sent)):  # bounded: up the chain of verbs to the sentence's root
        subject = next((c for c in current.children if c.dep_ in ANY_SUBJECT_DEPS), None)
        agent = next((c for c in current.children if c.dep_ == "agent"), None)
        if subject is None and agent is not None:
            subject = next((g for g in agent.children if g.dep_ == "pobj"), None)
        if subject is not None or current.dep_ not in CHAIN_LINKS or current.head.i == current.i:
            return subject
        current = current.head
    return None


class Joint:
    """Who a subject names together, for one article's actors."""

    def __init__(self, actors: Actors, rules: Rules) -> None:
        self.actors = actors
        self.doc = actors.doc
        self.rules = rules
        self.settings = rules.stance_settings
        self.sentence_starts = [sentence.start for sentence in self.doc.sents]

    def members(self, subject: Token, speaker: str = "") -> tuple[str, ...]:
        """The actors `subject` names together, in order, or () when it names fewer than two;
        'I' and 'we' in a list are `speaker` (whoever's quote holds them)."""
        named = self._listed(subject, speaker)
        if len(named) > 1:
            return named
        if self._plural_reference(subject):
            return self._antecedent(subject)
        return ()

    def _listed(self, subject: Token, speaker: str = "", described: bool = False
                ) -> tuple[str, ...]:
        """The actors of a list headed by `subject` ('X, Y and Z'); a member that names no
        actor leaves the list out. `described`: a plural joint noun counts ('European
        leaders')."""
        found = []
        current: Token | None = subject
        for _ in range(len(subject.sent)):  # bounded: along the list
            if current is None:
                break
            actor = self._actor(current, speaker, described)
            if not actor:
                return ()
            found.append(actor)
            current = next((c for c in current.children if c.dep_ == "conj"), None)
        return tuple(dict.fromkeys(found))

    def _actor(self, token: Token, speaker: str, described: bool) -> str:
        """The actor one list member names, or ''."""
        word = pronoun(token.text, self.rules)
        if word is not None and word.refers_to == "speaker":
            return speaker
        if self.actors.covering(token.idx) is not None or token.i in self.actors.references:
            return self.actors.refer(token)[0]
        if described and self._joint_noun(token):
            return self.actors.refer(token)[0]
        return ""

    def _joint_noun(self, token: Token) -> bool:
        return token.tag_ in ("NNS", "NNPS") and (
            token.lemma_.lower() in self.settings.joint_nouns)

    def _plural_reference(self, token: Token) -> bool:
        """'they', or a definite plural joint noun ('the leaders', 'both presidents'), outside
        quotation marks."""
        if self.actors.in_marks(token.idx):
            return False
        word = pronoun(token.text, self.rules)
        if word is not None:
            return word.refers_to == "group"
        return self._joint_noun(token) and any(
            c.lower_ in PLURAL_MARKERS for c in token.children if c.i < token.i)

    def _antecedent(self, token: Token) -> tuple[str, ...]:
        """The actors last named together before `token`, within `JOINT_SENTENCES`."""
        here = bisect.bisect_right(self.sentence_starts, token.i) - 1
        for back in range(1, min(JOINT_SENTENCES, here) + 1):
            sentence = self.doc[self.sentence_starts[here - back]].sent
            if self.actors.in_marks(sentence.start_char):
                continue
            found = self._named_together(sentence)
            if found is None:
                return ()
            if found:
                return found
        return ()

    def _named_together(self, sentence) -> tuple[str, ...] | None:
        """The actors a sentence's main clause names together (a list as its subject, or the
        two sides of a meeting); () when it names none; None when its subject is another
        plural noun the pronoun may stand for."""
        for verb in sentence:
            if not (verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")):
                continue
            subject = subject_of(verb)
            if subject is None:
                continue
            listed = self._listed(subject)
            if len(listed) > 1:
                return listed
            met = self._met(verb, subject)
            if met:
                return met
            if subject.tag_ in ("NNS", "NNPS") and not self._plural_reference(subject):
                return None
        return ()

    def _met(self, verb: Token, subject: Token) -> tuple[str, ...]:
        """Both sides of a meeting ('X spoke to Y', 'X met with Y', 'X held a call with Y')."""
        words = self.settings.meeting_words
        holders = [verb, *(c for c in verb.children if c.dep_ in OBJECT_DEPS)]
        if not any(t.lemma_.lower() in words for t in holders):
            return ()
        sides = self._listed(subject)
        partner = next((g for t in holders for c in t.children
                        if c.dep_ == "prep" and c.lower_ in ("with", "to")
                        for g in c.children if g.dep_ == "pobj"), None)
        if partner is None and verb.lemma_.lower() in words:
            partner = next((c for c in verb.children if c.dep_ == "dobj"), None)
        others = self._listed(partner, described=True) if partner is not None else ()
        together = tuple(dict.fromkeys((*sides, *others)))
        return together if sides and others and len(together) > 1 else ()
