"""Where each actor stands on each topic: support, oppose, skeptical or neutral, with evidence.

A topic is a list of terms in `data/rules/topics.csv`; how a sentence leans is read from the
words in `data/rules/stance_words.csv`. For every topic term in something an actor says (their
quotes and reported speech, with the sentence around them) or does as the subject of a sentence,
the lean comes from the words on the dependency path from the term up to the speech verb:

- a doubt word there ("suspicious", "not verified", "have not seen any evidence") makes it
  skeptical;
- otherwise support and oppose words decide, and each negation turns the lean around
  ("does not desire a conflict" opposes war); a negated clause with no stance word opposes
  ("expansion is not on the plan");
- with no lean on the path, doubt elsewhere in the actor's words still makes it skeptical.

Each actor's stance on a topic is the most frequent lean of its evidence (ties go to skeptical,
then oppose, then support); neutral when nothing leans.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from helpers.extract.quotes import is_cue_verb, sentence_spans
from helpers.paths import RULES_DIR
from helpers.report.markdown import escape

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from helpers.extract.actors import Actors
    from helpers.source.article import Article

TOPICS_FILE = RULES_DIR / "topics.csv"
STANCE_WORDS_FILE = RULES_DIR / "stance_words.csv"
WORD_KINDS = ("support", "oppose", "doubt", "doubt_if_negated", "negation")
STANCES = ("skeptical", "oppose", "support", "neutral")
"""The four stances, in the order that breaks ties."""

STANCE_COLUMNS = [
    "actor", "topic", "stance", "evidence", "quotes",
    "support", "oppose", "skeptical", "neutral",
]
CLAUSE_DEPS = {"ccomp", "advcl", "conj", "relcl", "xcomp", "csubj", "parataxis", "acl"}
STOP_DEPS = {"conj", "advcl", "parataxis"}
"""The climb from a topic word stops at these links: they join separate statements."""


@dataclass(frozen=True)
class Evidence:
    """One topic word in one actor's words, and how it leans."""

    actor: str
    topic: str
    stance: str
    sentence: str
    quote: str
    token: int


@dataclass
class Unit:
    """What one actor says or does in one paragraph: the tokens that are theirs to read."""

    actor: str
    sentences: list[tuple[int, int]]
    allowed: set[int]
    quotes: list[str]


def _rows(path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[\w']+", phrase.lower().replace("’", "'")))


@lru_cache(maxsize=1)
def topics() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Topic -> its terms (each a tuple of words), from data/rules/topics.csv."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for number, row in enumerate(_rows(TOPICS_FILE), start=2):
        topic, term = (row.get("topic") or "").strip(), _words(row.get("term") or "")
        if not topic or not term:
            raise ValueError(f"{TOPICS_FILE}: row {number} needs a topic and a term, got {row}.")
        found.setdefault(topic, []).append(term)
    return {topic: tuple(terms) for topic, terms in found.items()}


@lru_cache(maxsize=1)
def stance_words() -> dict[tuple[str, ...], str]:
    """Word (tuple of words) -> kind, from data/rules/stance_words.csv."""
    found = {}
    for row in _rows(STANCE_WORDS_FILE):
        kind = (row.get("kind") or "").strip()
        if kind not in WORD_KINDS:
            raise ValueError(
                f"{STANCE_WORDS_FILE}: {row.get('word')!r} has kind {kind!r}; use one of "
                f"{', '.join(WORD_KINDS)}."
            )
        found[_words(row["word"])] = kind
    return found


def _forms(token: Token) -> set[str]:
    return {token.lower_.replace("’", "'"), token.lemma_.lower().replace("’", "'")}


Phrase = tuple[str, ...]


@cache
def _by_first_word(phrases: tuple[Phrase, ...]) -> dict[str, list[tuple[int, Phrase]]]:
    """The phrases indexed by their first word, each with its place in the list."""
    index: dict[str, list[tuple[int, Phrase]]] = {}
    for order, phrase in enumerate(phrases):
        index.setdefault(phrase[0], []).append((order, phrase))
    return index


def _first_match(forms: list[set[str]], at: int, phrases: tuple[Phrase, ...]) -> Phrase | None:
    """The first phrase of `phrases` (in list order) whose words start at word `at`."""
    index = _by_first_word(phrases)
    candidates = sorted(c for form in forms[at] for c in index.get(form, ()))
    for _, phrase in candidates:
        end = at + len(phrase)
        if end <= len(forms) and all(w in forms[at + k] for k, w in enumerate(phrase)):
            return phrase
    return None


def _words_and_forms(doc: Doc) -> tuple[list[Token], list[set[str]]]:
    """The doc's words (no punctuation or space) and each word's forms, computed once."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    return words, [_forms(word) for word in words]


def term_positions(doc: Doc) -> list[tuple[str, int]]:
    """(topic, token index) of every topic term in `doc` (the term's last word)."""
    words, forms = _words_and_forms(doc)
    found = []
    for at in range(len(words)):
        for topic, terms in topics().items():
            term = _first_match(forms, at, terms)
            if term is not None:
                found.append((topic, words[at + len(term) - 1].i))
    return found


def word_kinds(doc: Doc) -> dict[int, str]:
    """Token index -> stance word kind, for the first token of each match."""
    words, forms = _words_and_forms(doc)
    phrases = tuple(stance_words())
    kinds = {}
    for at, token in enumerate(words):
        phrase = _first_match(forms, at, phrases)
        if phrase is not None:
            kinds[token.i] = stance_words()[phrase]
        if token.dep_ == "neg":
            kinds[token.i] = "negation"
    return kinds


class Stances:
    """The stance reader for one parsed article and its quote table."""

    def __init__(self, doc: Doc, article: Article, quotes: pd.DataFrame,
                 actors: Actors) -> None:
        self.doc = doc
        self.actors = actors
        self.article = article
        self.quotes = quotes
        self.kinds = word_kinds(doc)
        self.quote_spans = list(zip(quotes["speaker"], quotes["start"], quotes["end"],
                                    strict=True))
        """(speaker, start, end) of every quote, read once from the table."""
        self.sentences = sentence_spans(doc, article)

    def evidence(self) -> list[Evidence]:
        """Every topic word in every actor's words, with its lean."""
        terms = term_positions(self.doc)
        found: dict[tuple[str, str, int], Evidence] = {}
        for unit in self.units():
            for topic, index in terms:
                if not any(start <= self.doc[index].idx < end for start, end in unit.sentences):
                    continue
                stance = self._stance(index, unit)
                sentence = self._sentence_text(self.doc[index].idx)
                quote = " | ".join(unit.quotes)
                key = (unit.actor, topic, index)
                if key not in found or found[key].stance == "neutral":
                    found[key] = Evidence(unit.actor, topic, stance, sentence, quote, index)
        return list(found.values())

    def units(self) -> list[Unit]:
        """One unit per speaker and paragraph, and one per actor that is a sentence's subject."""
        return self._speech_units() + self._narrative_units()

    def _speech_units(self) -> list[Unit]:
        if self.quotes.empty:
            return []
        units = []
        spoken = self.quotes[self.quotes["speaker"] != ""]
        for (actor, _), group in spoken.groupby(["speaker", "paragraph"], sort=False):
            own = list(zip(group["start"], group["end"], strict=True))
            sentences = [s for s in self.sentences
                         if any(s[0] < end and start < s[1] for start, end in own)]
            units.append(Unit(actor, sentences, self._allowed(sentences, actor),
                              list(group["text"])))
        return units

    def _allowed(self, sentences: list[tuple[int, int]], actor: str) -> set[int]:
        """Tokens of the sentences outside other speakers' quotes."""
        others = [(start, end) for speaker, start, end in self.quote_spans if speaker != actor]
        allowed = set()
        for start, end in sentences:
            for token in self.doc.char_span(start, end, alignment_mode="expand") or []:
                if not any(s <= token.idx < e for s, e in others):
                    allowed.add(token.i)
        return allowed

    def _narrative_units(self) -> list[Unit]:
        """Actors that are the subject (or passive agent) of a sentence's main verbs."""
        by_token = {}
        for mention in self.actors.named:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                by_token[span.root.i] = mention.actor
        units = []
        for start, end in self.sentences:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for actor in self._subjects(span, by_token):
                units.append(Unit(actor, [(start, end)], self._allowed([(start, end)], actor),
                                  []))
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

    def _stance(self, index: int, unit: Unit) -> str:
        """How the topic word at `index` leans in the unit's words."""
        value, top = self._lean(index, unit.allowed)
        if self._has_doubt(t.i for t in top.subtree if t.i in unit.allowed):
            return "skeptical"
        if value:
            return "support" if value > 0 else "oppose"
        return "skeptical" if self._has_doubt(unit.allowed) else "neutral"

    def _lean(self, index: int, allowed: set[int]) -> tuple[int, Token]:
        """(+1, -1 or 0, the statement's head) climbing from the topic word to its statement."""
        sign, leaned = 1, False
        previous, current = None, self.doc[index]
        for _ in range(len(current.sent)):  # bounded: the climb ends at the sentence's root
            local = [t for t in _local(current, previous) if t.i in allowed]
            kinds = Counter(self.kinds.get(t.i, "") for t in local)
            if kinds["support"] != kinds["oppose"]:
                sign *= 1 if kinds["support"] > kinds["oppose"] else -1
                leaned = True
            if kinds["negation"]:
                sign *= -1 if kinds["negation"] % 2 else 1
                leaned = True
            if is_cue_verb(current) and previous is not None:
                return (sign if leaned else 0), previous
            if current.dep_ in STOP_DEPS or current.head.i == current.i:
                return (sign if leaned else 0), current
            previous, current = current, current.head
        return (sign if leaned else 0), current

    def _has_doubt(self, indices) -> bool:
        for index in indices:
            kind = self.kinds.get(index)
            if kind == "doubt":
                return True
            if kind == "doubt_if_negated" and self._negated(self.doc[index]):
                return True
        return False

    def _negated(self, token: Token) -> bool:
        return any(self.kinds.get(child.i) == "negation" for child in token.children)

    def _sentence_text(self, offset: int) -> str:
        start, end = next((s, e) for s, e in self.sentences if s <= offset < e)
        return self.article.text[start:end].strip()


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
    leaning = [stance for stance in STANCES[:-1] if counts[stance]]
    if not leaning:
        return "neutral"
    return max(leaning, key=lambda stance: (counts[stance], -STANCES.index(stance)))


def stance_table(doc: Doc, article: Article, quotes: pd.DataFrame,
                 actors: Actors) -> pd.DataFrame:
    """One row per actor and topic: actor, topic, stance, evidence (then quotes and counts)."""
    found = Stances(doc, article, quotes, actors).evidence()
    rows = []
    for actor, topic in dict.fromkeys((e.actor, e.topic) for e in found):
        items = [e for e in found if e.actor == actor and e.topic == topic]
        counts = Counter(e.stance for e in items)
        stance = decide(counts)
        chosen = [e for e in items if e.stance == stance]
        rows.append({
            "actor": actor,
            "topic": topic,
            "stance": stance,
            "evidence": " | ".join(dict.fromkeys(e.sentence for e in chosen)),
            "quotes": " | ".join(dict.fromkeys(e.quote for e in chosen if e.quote)),
            **{name: counts[name] for name in ("support", "oppose", "skeptical", "neutral")},
        })
    counts = {name: int for name in ("support", "oppose", "skeptical", "neutral")}
    return pd.DataFrame(rows, columns=STANCE_COLUMNS).astype(counts)


def findings(quotes: pd.DataFrame, actors: pd.DataFrame, stances: pd.DataFrame) -> str:
    """The notebook's findings in plain words (Markdown; article text escaped)."""
    if quotes.empty:
        return ("The article quotes no one: the rules find no direct quote and no reported "
                "speech, so there are no speakers or stances to compare.")
    direct = quotes[quotes["kind"] == "direct"]
    speakers = quotes.loc[quotes["speaker"] != "", "speaker"].nunique()
    parts = [f"The article gives {len(direct)} direct quotes and {len(quotes) - len(direct)} "
             f"pieces of reported speech to {speakers} speakers."]
    quoted = actors[actors["quoted_words"] > 0]
    if not quoted.empty:
        top = quoted.sort_values("quoted_words", ascending=False).iloc[0]
        share = top["quoted_words"] / quoted["quoted_words"].sum()
        parts.append(f"{escape(top['actor'])} has the most quoted words "
                     f"({top['quoted_words']:,}, {share:.0%} of all words in direct quotes).")
    for row in actors[actors["title_conflict"]].itertuples():
        parts.append(f"The text gives {escape(row.actor)} different titles "
                     f"({escape(row.roles)}): worth checking which is right.")
    leaning = stances[stances["stance"] != "neutral"] if not stances.empty else stances
    if not leaning.empty:
        counts = leaning["stance"].value_counts()
        listed = ", ".join(f"{count} {stance}" for stance, count in counts.items())
        parts.append(f"{len(leaning)} actor-topic pairs take a side ({listed}).")
    return " ".join(parts)
