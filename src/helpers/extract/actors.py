"""The actors stage: who is in the article, their roles, and who every reference stands for.

Built once per reading (`find_actors`) and read by quotes, stances and figures; its records are
the mentions and entities, and, once quotes are known, `actor_records`:

- **named mentions** come from `helpers.extract.names` ("Biden" and "US President Joe Biden"
  are one actor);
- **roles** are the titles the text gives a person: the run of capitalised words right before
  a name when it holds a title from `titles.txt` ("Ukrainian Foreign Minister Dmytro Kuleba"),
  or an appositive the parser attaches to the name ("Dmytro Kuleba, Ukraine's foreign
  minister,"); one actor with two different titles is flagged;
- **references** are the pronouns, titles and descriptions that stand for a named actor:
  "he" is the last person who was a subject in the nearest sentence before it (across
  paragraphs); "the president" or "the country's top diplomat" (`title_synonyms.csv`) is the
  last person named before whose role holds that title; "the ministry" is the last
  organisation named before whose name holds that word. An indefinite or plural description
  ("a senior US official", "officials") names nobody in particular and is kept as written.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from helpers.extract.deps import ANY_SUBJECT_DEPS, NOUN_PHRASE_DEPS
from helpers.extract.names import named_mentions
from helpers.extract.records import Actor, Entity, Mention, Quote
from helpers.extract.references import pronoun
from helpers.extract.surnames import Surnames, shared
from helpers.vocab import ActorType, QuoteKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from helpers.extract.reading import Reading
    from helpers.extract.ruleset import Rules


PLACE_TYPES = {"GPE": ActorType.COUNTRY, "LOC": ActorType.PLACE, "FAC": ActorType.PLACE}
"""Place labels shown as a type; GPE (countries, and cities standing for governments) reads
as 'country'."""

NAME_PART = re.compile(r"[^\W\d_]+")
"""A run of letters: each part of 'THOMAS-GREENFIELD' or "O'BRIEN" gets its own capital."""
ROLE_TOKENS = 10
"""The longest title read before a name, in tokens."""
FULLER_LOOKBACK = 20
"""How many earlier nouns of the same word a description looks back through for a fuller one."""
APPOSITIVE_TOKENS = 8
"""The longest appositive read as a role ('a peasant', "the country's foreign minister")."""
ANTECEDENT_SENTENCES = 6
"""How many sentences back a pronoun looks for the actor it stands for."""
QUANTITY_POS = {"ADJ", "NUM", "DET", "PRON", "NOUN"}
"""Heads of 'several of X', 'one of X', 'most of X': the speaker is the group X."""
RELATIVE_WORDS = 4
"""A relative clause this short stays in a description ('a passenger who survived')."""


@dataclass(frozen=True)
class Role:
    """A role or title the text gives an actor at one place."""

    actor: str
    role: str
    start: int


def title_words(role: str, rules: Rules) -> str:
    """The longest title from titles.txt inside `role` (lower case), or ''."""
    lowered = f" {role.lower()} "
    return next((title for title in rules.titles if f" {title} " in lowered), "")


def role_key(role: str, places: set[str] | frozenset[str] = frozenset()) -> frozenset[str]:
    """The words of a role without place words or 'the' ('US President' -> {president})."""
    words = re.findall(r"[\w’'-]+", role.lower())
    return frozenset(word for word in words if word not in places and word != "the")


def title_conflict(actor_roles: list[str], rules: Rules,
                   places: set[str] | frozenset[str] = frozenset()) -> bool:
    """True when the roles name two different offices (not just with or without a country)."""
    keys = {role_key(role, places) for role in actor_roles if title_words(role, rules)}
    return len(keys) > 1


class Actors:
    """Every actor of one parsed article: named mentions, roles and resolved references."""

    def __init__(self, reading: Reading) -> None:
        doc = self.doc = reading.doc
        self.article = reading.article
        self.rules = reading.rules
        self.named = sorted(named_mentions(doc, self.rules), key=lambda m: m.start)
        self.starts = [m.start for m in self.named]
        self.sentence_starts = [sent.start for sent in doc.sents]
        self._roots = {self._root(m): m for m in self.named}
        self.subjects = {m.start for root, m in self._roots.items()
                         if doc[root].dep_ in ANY_SUBJECT_DEPS or doc[root].head.dep_ == "agent"}
        self.main_subjects = {m.start for root, m in self._roots.items()
                              if m.start in self.subjects and _main_verb(doc[root].head)}
        """Subjects of a sentence's main verbs, the first choice for a pronoun after them."""
        self.places = frozenset(token.lower_ for ent in doc.ents
                                if ent.label_ in {"NORP", "GPE", "ORG", "LOC"} for token in ent)
        self.quoted = sorted((stretch.start, stretch.end) for stretch in reading.stretches
                             if stretch.start is not None)
        """Character spans between quotation marks."""
        self.roles = self._roles()
        self.surnames: Surnames | None = None
        """Decides bare surnames two people share (None when no two people share one)."""
        self.resolved: list[Mention] = []
        """Titles and descriptions resolved to a person or organisation so far, in text order:
        antecedents for the pronouns after them ('The Prime Minister said … He added')."""
        self.references = self._references()
        self._decide_shared_surnames()
        self._join_groups()

    # -- looking up ---------------------------------------------------------------------

    def in_marks(self, offset: int) -> bool:
        """True when character `offset` lies between quotation marks."""
        index = bisect.bisect_right(self.quoted, (offset, math.inf)) - 1
        return index >= 0 and offset < self.quoted[index][1]

    def covering(self, offset: int) -> Mention | None:
        """The named mention that holds character `offset`, or None."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and self.named[index].start <= offset < self.named[index].end:
            return self.named[index]
        return None

    def within(self, start: int, end: int) -> list[Mention]:
        """The named mentions that lie between character offsets `start` and `end`."""
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        return [m for m in self.named[low:high] if m.end <= end]

    def before(self, offset: int) -> list[Mention]:
        """The named mentions that start before character `offset`, in text order."""
        return self.named[:bisect.bisect_left(self.starts, offset)]

    def people(self) -> set[str]:
        """The names of every person."""
        return {m.actor for m in self.named if m.type == ActorType.PERSON}

    def known(self, name: str, at: int | None = None) -> str:
        """The one known person whose full name ends with `name` ('Scholz'), else `name`; a
        surname two people share is decided for its place `at` (`helpers.extract.surnames`)."""
        matches = [actor for actor in self.people()
                   if actor == name or actor.endswith(" " + name)]
        full = sorted(actor for actor in matches if " " in actor)
        if len(full) > 1 and at is not None and self.surnames is not None:
            return self.surnames.decide(name, at, full)
        return matches[0] if len(matches) == 1 else name

    def refer(self, token: Token, depth: int = 0) -> tuple[str, str]:
        """(actor, as written) of the noun phrase headed by `token`, in this order:

        1. a name that holds the head ('US President Joe Biden');
        2. a person's name in apposition ('a freelance coordinator, Sian Maynard,');
        3. a resolved pronoun, title or description ('he', 'the president', 'the ministry');
        4. a proper noun the model did not tag, cleaned and made full ('Scholz');
        5. the group a quantity is of ('several of our allies' -> 'our allies');
        6. an owner pronoun's antecedent ('his military' -> "Vladimir Putin's military");
        7. any other noun phrase as written: a description ('Yilian county officials');
        an unresolved pronoun gives '' (nobody known).
        """
        from helpers.extract.names import clean_name

        phrase = self.doc[phrase_start(token):token.i + 1]
        written = phrase.text
        mention = self.covering(token.idx)
        if mention is not None:
            return mention.actor, written
        for child in token.children:
            named = self.covering(child.idx) if child.dep_ == "appos" else None
            if named is not None and named.type == ActorType.PERSON:
                return named.actor, written
        if token.i in self.references:
            return self.references[token.i].actor, written
        if token.pos_ == "PROPN":
            names = [t for t in phrase if t.pos_ == "PROPN"]
            inside = self.within(phrase.start_char, phrase.end_char)
            if inside and not names[:-1]:
                return inside[-1].actor, written
            name = self.known(clean_name(" ".join(t.text for t in names), self.rules), token.idx)
            return (self._named_before(name, token.i) or name), written
        group = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        if group is not None and token.pos_ in QUANTITY_POS and depth < 2:
            return self.refer(group, depth + 1)
        owned = self._owned(token)
        if owned:  # 'his military' -> "Vladimir Putin’s military"; "Clinton's campaign" and
            return owned, written  # "Hillary Clinton's campaign" are one speaker
        if token.pos_ in ("PRON", "DET") or token.tag_ in ("WP", "WDT"):
            return "", written  # an unresolved 'he', 'you', 'that' or 'who' names nobody
        said = description(token)
        if token.pos_ == "NOUN" and _definite(token):  # 'the agency' after 'the U.N. refugee
            fuller = self._fuller(token, said)       # agency' is that agency
            if fuller:
                return fuller, written
        return said, written

    def _owned(self, token: Token) -> str:
        """A thing owned by a named or resolved actor, under the owner's full name ("Hillary
        Clinton’s campaign"), or ''."""
        owner = next((c for c in token.lefts if c.dep_ == "poss"), None)
        if owner is None or owner.i == token.i:
            return ""
        rest = [t for t in self.doc[owner.right_edge.i + 1:token.i + 1]
                if t.dep_ != "case" and t.pos_ != "PART"]
        if not rest:
            return ""
        found = pronoun(owner.text, self.rules, possessive=True)
        if found is not None:
            holder = self._antecedent(owner, found.refer_to_types)
            actor = holder.actor if holder is not None else ""
        elif (named := self.covering(owner.idx)) is not None:
            actor = named.actor if named.type != ActorType.PLACE else ""
        else:  # a name the model did not tag: the one person it is the surname of
            actor = self.known(owner.text, owner.idx) if owner.pos_ == "PROPN" else ""
            actor = actor if " " in actor else ""
        text = self.doc[rest[0].i:token.i + 1].text
        mark = next((c.text for c in owner.children if c.dep_ == "case"), "’s")
        return f"{actor}{mark} {text}" if actor else ""

    def _fuller(self, token: Token, said: str) -> str:
        """The nearest earlier, fuller description ending in the same words, or ''."""
        earlier = self.nouns_by_lemma.get(token.lemma_.lower(), [])
        before = bisect.bisect_left(earlier, token.i)
        for index in reversed(earlier[max(0, before - FULLER_LOOKBACK):before]):
            longer = description(self.doc[index])
            if len(longer) > len(said) and longer.lower().endswith(said.lower()):
                return longer
        return ""

    @cached_property
    def nouns_by_lemma(self) -> dict[str, list[int]]:
        """Indices of the nouns of the doc by lemma, in order."""
        return _indices(self.doc, "NOUN", lambda t: t.lemma_.lower())

    def label_speaker(self, label: str) -> str:
        """The actor a transcript label names: 'MS. PSAKI' -> 'Jen Psaki' (a name the body or
        the headline gives in full), 'THE PRESIDENT' -> the person the text calls president,
        'SENIOR ADMINISTRATION OFFICIAL' -> 'senior administration official'."""
        from helpers.extract.names import clean_name

        words = label.strip().rstrip(":").split()
        name = clean_name(NAME_PART.sub(lambda part: part[0].capitalize(), " ".join(words)),
                          self.rules)
        lowered = " ".join(words).lower()
        if name and name.lower() != lowered.removeprefix("the "):
            return self.full_name(name)
        title = next((t for t in self.rules.titles if lowered.removeprefix("the ") == t), "")
        if title:  # a transcript's page names its speaker: the headline first, then the body
            named = self._headline_holder(title)
            if named:
                return self.full_name(named)
            holders = [r.actor for r in self.roles if title in r.role.lower()]
            if holders:
                return Counter(holders).most_common(1)[0][0]
        return lowered.removeprefix("the ")

    def interviewee(self) -> str:
        """Who answers in a Q&A interview: the first person of the headline the text names,
        else the person it names most often, else 'interviewee'."""
        people = self.people()
        for word in re.findall(r"[\w’'-]+", self.article.headline):
            matches = [p for p in people if p.split()[-1] == word]
            if len(matches) == 1:
                return matches[0]
        counts = Counter(m.actor for m in self.named if m.type == ActorType.PERSON)
        return counts.most_common(1)[0][0] if counts else "interviewee"

    def _headline_holder(self, title: str) -> str:
        """The name right after `title` in the headline ('President Biden ...' -> 'Biden'), not
        after a longer title that ends with it ('Vice President Harris' is no president)."""
        words = self.article.headline.split()
        size = len(title.split())
        for at in range(len(words) - size):
            if " ".join(words[at:at + size]).lower() != title:
                continue
            longer = at and f"{words[at - 1].lower()} {title}" in self.rules.titles
            name = words[at + size].strip(",;:")
            if not longer and name[:1].isupper():
                return name
        return ""

    def full_name(self, name: str) -> str:
        """The fullest form of a name: a known person it ends, else the headline's fuller form
        ('Psaki' -> 'Jen Psaki' from 'Press Secretary Jen Psaki'), else the name itself."""
        known = self.known(name)
        if known != name:
            return known
        return self._fuller_name(name, self.article.headline, self.rules) or name

    def _named_before(self, name: str, before: int) -> str:
        """The fuller form of a one-word name the text gives before token `before`: proper
        nouns right before it that are no title ('spokeswoman Therese Barbera'), or ''."""
        if " " in name:
            return ""
        earlier = self.tokens_by_text.get(name, [])
        for index in reversed(earlier[max(0, bisect.bisect_left(earlier, before)
                                          - FULLER_LOOKBACK):bisect.bisect_left(earlier, before)]):
            first = index
            while first > 0 and index - first < 2 and self.doc[first - 1].pos_ == "PROPN" and (
                    self.doc[first - 1].lower_ not in self.rules.title_vocabulary):
                first -= 1
            if first < index:
                return self.doc[first:index + 1].text
        return ""

    @cached_property
    def tokens_by_text(self) -> dict[str, list[int]]:
        """Indices of the proper nouns of the doc by their text, in order."""
        return _indices(self.doc, "PROPN", lambda t: t.text)

    @staticmethod
    def _fuller_name(name: str, text: str, rules: Rules) -> str:
        """The last fuller form of a one-word name in `text`, its capitalised words before it
        that are no title ('spokeswoman Therese Barbera' -> 'Therese Barbera'), or ''."""
        if " " in name or not name[:1].isupper():
            return ""
        found = list(re.finditer(rf"((?:[A-Z][\w’'-]+ ){{1,2}}){re.escape(name)}\b", text))
        words = [w for w in found[-1].group(1).split()
                 if w.lower() not in rules.title_vocabulary] if found else []
        return " ".join([*words, name]) if words else ""

    # -- building -----------------------------------------------------------------------

    def _root(self, mention: Mention) -> int:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span.root.i if span is not None else -1

    def _roles(self) -> list[Role]:
        found = []
        for mention in self.named:
            if mention.type != ActorType.PERSON:
                continue
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            role = role_before(span, mention, self.rules) or role_after(span)
            if role:
                found.append(Role(mention.actor, role, mention.start))
        return found

    def _references(self) -> dict[int, Mention]:
        """Pronouns, titles and definite descriptions resolved to named actors, by token."""
        found: dict[int, Mention] = {}
        for token in self.doc:
            if self.covering(token.idx) is not None:
                continue
            target, kind = None, ""
            if token.pos_ == "PRON" and (word := pronoun(token.text, self.rules)) is not None:
                target, kind = self._antecedent(token, word.refer_to_types), "pronoun"
            elif _definite(token) and (token.pos_ == "NOUN" or (
                    token.pos_ == "PROPN" and title_words(  # 'the Prime Minister'
                        self.doc[phrase_start(token):token.i + 1].text, self.rules))):
                target, kind = self._description(token)
            if target is not None:
                phrase = self.doc[phrase_start(token):token.i + 1]
                found[token.i] = Mention(target.actor, target.type, phrase.text,
                                         phrase.start_char, phrase.end_char, "", kind)
                if kind != "pronoun":
                    self._add_resolved(token, found[token.i])
        return found

    def _decide_shared_surnames(self) -> None:
        """Tell apart two people who share a surname (`helpers.extract.surnames`); the
        references are read again when a mention changes."""
        if not shared(self.named):
            return
        roles: dict[str, list[str]] = {}
        for role in self.roles:
            roles.setdefault(role.actor, []).append(role.role)
        pronouns = [(self.doc[i].text, m.actor) for i, m in self.references.items()
                    if m.kind == "pronoun"]
        self.surnames = Surnames(self.doc, self.named, roles, pronouns, self.rules)
        decided = self.surnames.resolved()
        if decided != self.named:
            self.named = decided
            self.roles = self._roles()
            self.resolved = []
            self.references = self._references()

    def _join_groups(self) -> None:
        """'They' or 'the leaders' after actors named together ("Johnson and Biden spoke.
        They agreed") stands for them (`helpers.extract.joint`), not for the last country
        named: a reference has one actor, so the first of them (the stance step gives the
        stance to each)."""
        from helpers.extract.joint import Joint

        joint = Joint(self, self.rules)
        nouns = self.rules.stance_settings.joint_nouns
        for token in self.doc:
            word = pronoun(token.text, self.rules)
            group = word.refers_to == "group" if word is not None else (
                token.pos_ == "NOUN" and token.lemma_.lower() in nouns)
            members = joint.members(token) if group else ()
            first = next((m for m in self.named if members and m.actor == members[0]), None)
            if first is not None:
                phrase = self.doc[phrase_start(token):token.i + 1]
                self.references[token.i] = Mention(
                    first.actor, first.type, phrase.text, phrase.start_char, phrase.end_char,
                    "", "pronoun" if word is not None else "description")

    def _add_resolved(self, token: Token, mention: Mention) -> None:
        """Keep a resolved title or description as an antecedent, a subject when it is one."""
        self.resolved.append(mention)
        if token.dep_ in ANY_SUBJECT_DEPS:
            self.subjects.add(mention.start)
            if _main_verb(token.head):
                self.main_subjects.add(mention.start)

    def _antecedent(self, token: Token, types: tuple[str, ...]) -> Mention | None:
        """The actor a pronoun stands for: in the nearest sentence before it that names one
        of `types`, the last such subject of a main verb, else of any verb, else the last such
        mention ('X announced that Y had won. “…,” he said': X); a pronoun outside quotation
        marks never stands for a name inside them."""
        if not types:
            return None
        candidates = sorted((m for m in (*self.before(token.idx), *self.resolved)
                             if m.type in types and m.start < token.idx),
                            key=lambda m: m.start)
        outside = not self.in_marks(token.idx)  # '“… Mahama …,” he said': not a name quoted
        sentence = bisect.bisect_right(self.sentence_starts, token.i) - 1
        for back in range(min(ANTECEDENT_SENTENCES, sentence + 1)):
            start = self.doc[self.sentence_starts[sentence - back]].idx
            inside = [m for m in candidates if m.start >= start
                      and not (outside and self.in_marks(m.start))]
            if inside:
                subjects = [m for m in inside if m.start in self.subjects]
                main = [m for m in subjects if m.start in self.main_subjects]
                return (main or subjects or inside)[-1]
            candidates = [m for m in candidates if m.start < start]
        return None

    def _description(self, token: Token) -> tuple[Mention | None, str]:
        """A definite title or description: the last person holding the title, the last
        country for 'the country', the last organisation whose name holds the noun, or, for
        a noun of `organisation_nouns.txt` ('the company'), the last organisation named in
        the sentences just before (unless an earlier, fuller description ends in the same
        words: 'the agency' after 'the U.N. refugee agency' is that agency)."""
        noun = token.lemma_.lower()
        phrase = self.doc[phrase_start(token):token.i + 1].text.lower()
        wanted = [title for title in self.rules.titles  # a substring test first: most are absent
                  if title in phrase and re.search(rf"\b{re.escape(title)}\b", phrase)]
        wanted += list(self.rules.title_synonyms.get(noun, ()))
        if wanted:
            holders = [r for r in self.roles if r.start < token.idx
                       and any(title in r.role.lower() for title in wanted)]
            if holders:
                actor = holders[-1].actor
                return next((m for m in self.named if m.actor == actor), None), "title"
        if noun in self.rules.place_nouns:  # 'the country said': the last country named
            countries = [m for m in self.before(token.idx) if m.type == ActorType.PLACE
                         and self._label(m) == "GPE"]
            return (countries[-1] if countries else None), "description"
        start = self.doc[phrase_start(token)].idx  # not 'U.N.' in 'the U.N. refugee agency'
        organisations = [m for m in self.before(start) if m.type == ActorType.ORGANISATION]
        holding = [m for m in organisations if noun in m.actor.lower().split()]
        if holding:
            return holding[-1], "description"
        if (noun in self.rules.organisation_nouns and organisations
                and self._near(organisations[-1], token)
                and not self._fuller(token, description(token))):  # 'the refugee agency'
            return organisations[-1], "description"  # 'Akin Gump … the law firm said'
        return None, "description"

    def _near(self, mention: Mention, token: Token) -> bool:
        """True when `mention` lies within `ANTECEDENT_SENTENCES` sentences before `token`."""
        here = bisect.bisect_right(self.sentence_starts, token.i) - 1
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        there = bisect.bisect_right(self.sentence_starts, span.start) - 1 if span else -1
        return 0 <= here - there < ANTECEDENT_SENTENCES

    def _label(self, mention: Mention) -> str:
        """The entity label the model gave a mention ('GPE' for a country or city)."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span.root.ent_type_ if span is not None else ""

    # -- tables -------------------------------------------------------------------------

    def mentions(self) -> list[Mention]:
        """Every mention: names, then the references resolved to them, in text order."""
        return sorted([*self.named, *self.references.values()], key=lambda m: m.start)

    def entities(self) -> list[Entity]:
        """One row per named actor: type, number of mentions, the forms used, first paragraph."""
        from helpers.extract.names import clean_name

        rows: dict[str, dict] = {}
        for mention in self.named:
            row = rows.setdefault(mention.actor, {
                "actor": mention.actor, "type": mention.type, "mentions": 0,
                "forms": Counter(), "first_paragraph": self.article.paragraph_at(mention.start)})
            row["mentions"] += 1
            form = (clean_name(mention.form, self.rules) if mention.type != ActorType.PERSON
                    else mention.form)
            row["forms"][form] += 1
        entities = [Entity(**{**row, "forms": ", ".join(f for f, _ in row["forms"].most_common())})
                    for row in rows.values()]
        return sorted(entities, key=lambda entity: (-entity.mentions, entity.actor))


def actor_records(actors: Actors, quotes: Sequence[Quote]) -> list[Actor]:
    """The actor stage after quotes: one record per actor, with its role, mentions, quotes,
    roles and a conflict flag; speakers the entity model missed ("Anna Keller", "officials")
    get one too."""
    groups: dict[str, list[Mention]] = {}
    for mention in actors.named:
        groups.setdefault(mention.actor, []).append(mention)
    for speaker in dict.fromkeys(quote.speaker for quote in quotes):
        if speaker and speaker not in groups:
            groups[speaker] = [Mention(speaker, _speaker_type(speaker), speaker, 0, 0, "")]
    records = []
    for actor, group in groups.items():
        actor_roles = [r.role for r in actors.roles if r.actor == actor]
        said = [quote for quote in quotes if quote.speaker == actor]
        direct = [quote for quote in said if quote.kind == QuoteKind.DIRECT]
        records.append(Actor(
            actor=actor,
            type=_type(group),
            role=Counter(actor_roles).most_common(1)[0][0] if actor_roles else "",
            mentions=len([m for m in group if m.label]),
            quotes=len(said),
            direct_quotes=len(direct),
            quoted_words=sum(quote.words for quote in direct),
            roles="; ".join(dict.fromkeys(actor_roles)),
            title_conflict=title_conflict(actor_roles, actors.rules, actors.places),
        ))
    return sorted(records, key=lambda row: (-row.quotes, -row.mentions, row.actor))


def _indices(doc: Doc, pos: str, key: Callable[[Token], str]) -> dict[str, list[int]]:
    """Indices of the tokens of part of speech `pos`, by `key`, in text order."""
    found: dict[str, list[int]] = {}
    for token in doc:
        if token.pos_ == pos:
            found.setdefault(key(token), []).append(token.i)
    return found


def find_actors(reading: Reading) -> Actors:
    """The actors stage: every named mention, role and resolved reference of one reading (its
    records: `Actors.mentions`, `Actors.entities`; `actor_records` once quotes are known)."""
    return Actors(reading)


def phrase_start(token: Token) -> int:
    """Index of the first token of the noun phrase headed by `token` (no clauses)."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in NOUN_PHRASE_DEPS:
            start = min(start, child.left_edge.i)
    return start


def description(token: Token) -> str:
    """A noun phrase naming a speaker the text does not name: the phrase without its leading
    article, with a short relative clause ('a passenger who survived' -> 'passenger who
    survived')."""
    start = phrase_start(token)
    if token.doc[start].dep_ == "det":
        start += 1
    end = token.i + 1
    for child in token.rights:
        words = list(child.subtree)
        if child.dep_ == "relcl" and len(words) <= RELATIVE_WORDS:
            end = words[-1].i + 1
    return token.doc[start:end].text if end > start else token.text


def role_before(span: Span, mention: Mention, rules: Rules) -> str:
    """The title right before (or at the front of) a person's name, or ''.

    The capitalised words and title words before the name, read across the links of
    `role_links.txt`, on the same line; words that open a clause ('While', 'When') are not
    part of it.
    """
    doc = span.doc
    name_start = span.start
    inside = [t for t in span if t.idx < span.start_char + len(mention.form) - len(mention.actor)]
    first = span.start - 1
    for _ in range(ROLE_TOKENS):
        if first < 0:
            break
        token = doc[first]
        if "\n" in token.text or not (token.text[:1].isupper()
                                      or token.lower_ in rules.role_links
                                      or token.lower_ in rules.title_vocabulary
                                      or token.text == "-"):
            break
        first -= 1
    words = [t for t in doc[first + 1:name_start]] + inside
    while words and (words[0].lower_ in rules.role_links or words[0].pos_ not in
                     ("PROPN", "NOUN", "ADJ")):
        words.pop(0)
    role = "".join(t.text_with_ws for t in words).strip(" -")
    return role if title_words(role, rules) else ""


def role_after(span: Span) -> str:
    """An appositive role attached to a name (', a peasant,'), or ''."""
    for child in span.root.children:
        if child.dep_ != "appos" or child.i < span.end:
            continue
        words = [t for t in child.subtree if not t.is_punct]
        while words and words[0].pos_ == "DET":
            words.pop(0)
        if 0 < len(words) <= APPOSITIVE_TOKENS and words[-1].pos_ == "NOUN":
            return span.doc[words[0].i:words[-1].i + 1].text
    return ""


def _definite(token: Token) -> bool:
    """True for a singular noun phrase with 'the' or an owner ('the ministry', "Russia's")."""
    if token.tag_ not in ("NN", "NNP"):
        return False
    return any(child.dep_ == "poss" or (child.dep_ == "det" and (
        "Def" in child.morph.get("Definite") or "Dem" in child.morph.get("PronType")))
        for child in token.lefts)


def _speaker_type(name: str) -> str:
    """Two or more capitalised words read as a person the model did not tag; else 'other'."""
    words = name.split()
    named = len(words) >= 2 and all(w[:1].isupper() for w in words)
    return ActorType.PERSON if named else ActorType.OTHER


def _type(group: list[Mention]) -> str:
    """Person and organisation as given; a place by its most frequent spaCy label."""
    kind = group[0].type
    if kind != ActorType.PLACE:
        return kind
    label = Counter(m.label for m in group).most_common(1)[0][0]
    return PLACE_TYPES.get(label, ActorType.PLACE)


def _main_verb(verb: Token) -> bool:
    """True for a sentence's root verb or a verb joined to it ('X arrived and said')."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
