"""Story packs: what ties the kit to one story, in `data/stories/<name>/`.

A pack holds a manifest (`pack.toml`), its stance topics (`topics.csv`), story-specific stance
words (`stance_words.csv`), optional counted nouns (`counted_nouns.csv`), public-record tables
(`records/*.csv`) and `SOURCES.md`. `docs/story-packs.md` explains how to write one.

An article gets a pack from its own words and date (`choose`). A pack applies when
- the article holds its match terms at least `min_hits` times, and they make up at least
  `min_share` of its words: a margin over `chance_share`, their share of news on other
  subjects (at least `MARGIN` times it);
- at least `min_subject_hits` of those hits name the story's own subject (`subject_terms`:
  'Ukraine', not 'Russia'), so an article on another subject that shares a few of its words
  (Russian hacking, a NATO summit) does not get it;
- and, when the article's date is known, it falls in the pack's `period`.
Of the packs that apply, the one with the most hits wins; an article that matches no pack gets
the general sections only, with no stance topics and no record. A `story` argument ('auto',
'none' or a pack name) overrides the choice; `Choice` says which was made, and why.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.extract.lexicon import word_kind
from helpers.extract.phrases import PhraseIndex, Words, doc_words, phrase_words
from helpers.paths import STORIES_DIR
from helpers.rules import RuleError, read_table
from helpers.vocab import WordKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

AUTO = "auto"
NONE = "none"
CHARTS = ("timeline", "breakdown")
MARGIN = 3
"""How many times its share in news on other subjects (`chance_share`) a pack's words must
make up of an article for the words to count as more than chance."""


@dataclass(frozen=True)
class RecordTable:
    """One public-record table of a pack, as its manifest declares it."""

    name: str
    path: Path
    counts: str
    category: str
    unit: str
    chart: str
    title: str
    y_label: str
    total: str = ""
    parts: dict[str, str] = field(default_factory=dict)
    compare_by_unit: dict[str, str] = field(default_factory=dict)
    sentence_terms: tuple[str, ...] = ()
    """Words one of which a figure's sentence must hold to be checked here (the record's
    subject: 'Russian' for Russian troops, so '8,500 US troops' is not); none: any sentence."""
    projections: tuple[str, ...] = ()
    """Values of `what` that are projections (a planned force), not counts: charted apart
    and never compared with an article's figure."""

    def about(self, sentence: str) -> bool:
        """True when a figure in `sentence` may count what this table counts."""
        lowered = sentence.lower()
        return not self.sentence_terms or any(
            re.search(rf"\b{re.escape(term.lower())}\b", lowered) for term in self.sentence_terms)

    def compared_what(self, unit: str) -> str | None:
        """Which rows (`what`) a figure counting `unit` is compared with; None for all."""
        if not self.compare_by_unit:
            return None
        lowered = unit.lower()
        return self.compare_by_unit.get(lowered, self.compare_by_unit.get("*"))


@dataclass(frozen=True)
class StoryPack:
    """A story pack: its manifest, topics, words and record tables."""

    name: str
    title: str
    description: str
    folder: Path
    match_terms: tuple[str, ...]
    min_hits: int
    min_share: float
    chance_share: float
    """The share of words the match terms make up in news on other subjects (measured)."""
    subject_terms: tuple[str, ...]
    """The match terms that name the story's own subject (places, people, things)."""
    min_subject_hits: int
    period: tuple[date, date]
    """The first and last day of the story: a dated article outside it gets no pack."""
    topic_labels: dict[str, str]
    tables: tuple[RecordTable, ...]
    claimed_topics: tuple[str, ...] = ()
    """Topics that are claims (Russia's pullback): wanting to see one is doubting it."""

    def in_period(self, when: date) -> bool:
        """True when `when` falls in the story's period (both ends included)."""
        return self.period[0] <= when <= self.period[1]

    def topics(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Topic -> its terms (each a tuple of words), from topics.csv."""
        found: dict[str, list[tuple[str, ...]]] = {}
        for row in read_table(self.folder / "topics.csv", ("topic", "term")):
            found.setdefault(row["topic"], []).append(phrase_words(row["term"]))
        return {topic: tuple(terms) for topic, terms in found.items()}

    def stance_words(self) -> dict[tuple[str, ...], WordKind]:
        """Story-specific stance words -> kind, from stance_words.csv (may be empty)."""
        path = self.folder / "stance_words.csv"
        if not path.exists():
            return {}
        found = {}
        for row in read_table(path, ("word", "kind")):
            found[phrase_words(row["word"])] = word_kind(row, path)
        return found

    def counted_nouns(self) -> dict[str, tuple[str, bool]]:
        """Noun lemma -> (category, counts people), from counted_nouns.csv (may be absent)."""
        path = self.folder / "counted_nouns.csv"
        if not path.exists():
            return {}
        return {row["lemma"].lower(): (row["category"], row["person"] == "yes")
                for row in read_table(path, ("lemma", "category", "person"))}

    def label(self, topic: str) -> str:
        """The readable name of a topic ('nato_expansion' -> "NATO's eastward expansion")."""
        return self.topic_labels.get(topic, topic.replace("_", " ").capitalize())

    def table(self, name: str) -> RecordTable:
        """The record table called `name`."""
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(f"Story pack {self.name!r} has no record table {name!r}; it has "
                       f"{[t.name for t in self.tables]}.")

    def tables_for(self, category: str) -> list[RecordTable]:
        """The record tables an article figure of `category` is compared with."""
        return [table for table in self.tables if table.category == category]


def _manifest(folder: Path) -> dict:
    path = folder / "pack.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleError(f"{folder} is not a story pack: it has no pack.toml.") from None
    except tomllib.TOMLDecodeError as error:
        raise RuleError(f"{path}: not valid TOML ({error}).") from None


def _record_table(folder: Path, entry: dict, where: Path) -> RecordTable:
    required = ("name", "file", "counts", "category", "unit", "chart", "title", "y_label")
    missing = [key for key in required if not entry.get(key)]
    if missing:
        raise RuleError(f"{where}: a [[tables]] entry lacks {missing}; see docs/story-packs.md.")
    if entry["chart"] not in CHARTS:
        raise RuleError(f"{where}: table {entry['name']!r} has chart {entry['chart']!r}; use "
                        f"one of {', '.join(CHARTS)}.")
    if entry["chart"] == "breakdown" and not (entry.get("total") and entry.get("parts")):
        raise RuleError(f"{where}: table {entry['name']!r} is a breakdown chart, so it needs "
                        f"`total` and a [tables.parts] list.")
    path = folder / entry["file"]
    if not path.is_file():
        raise RuleError(f"{where}: table {entry['name']!r} names {entry['file']}, which does "
                        f"not exist in {folder}.")
    return RecordTable(
        name=entry["name"], path=path, counts=entry["counts"], category=entry["category"],
        unit=entry["unit"], chart=entry["chart"], title=entry["title"],
        y_label=entry["y_label"], total=entry.get("total", ""),
        parts=dict(entry.get("parts", {})),
        compare_by_unit={k.lower(): v for k, v in entry.get("compare_by_unit", {}).items()},
        sentence_terms=tuple(entry.get("sentence_terms", ())),
        projections=tuple(entry.get("projections", ())))


def _period(value: object, where: Path) -> tuple[date, date]:
    """The `period` of a manifest: two dates, first to last."""
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(end, date) for end in value) or value[0] > value[1]):
        raise RuleError(f"{where}: period must be two dates, first to last, e.g. "
                        f"period = [2021-10-01, 2022-02-24]; got {value!r}.")
    return value[0], value[1]


@cache
def load_pack(folder: Path) -> StoryPack:
    """The story pack in `folder`, its manifest checked."""
    where = folder / "pack.toml"
    data = _manifest(folder)
    missing = [key for key in ("name", "title", "match_terms", "min_hits", "min_share",
                               "chance_share", "subject_terms", "min_subject_hits", "period")
               if key not in data]
    if missing:
        raise RuleError(f"{where}: missing {missing}; see docs/story-packs.md.")
    if data["name"] != folder.name:
        raise RuleError(f"{where}: name {data['name']!r} must equal the folder name "
                        f"{folder.name!r}.")
    if not (folder / "topics.csv").is_file():
        raise RuleError(f"{folder}: a story pack needs topics.csv (topic,term).")
    if float(data["min_share"]) < MARGIN * float(data["chance_share"]):
        raise RuleError(f"{where}: min_share {data['min_share']} must be at least {MARGIN} "
                        f"times chance_share {data['chance_share']} (a margin over chance).")
    unknown = set(data["subject_terms"]) - set(data["match_terms"])
    if unknown:
        raise RuleError(f"{where}: subject_terms {sorted(unknown)} are not match_terms; add "
                        f"them to match_terms.")
    return StoryPack(
        name=data["name"], title=data["title"], description=data.get("description", ""),
        folder=folder, match_terms=tuple(data["match_terms"]), min_hits=int(data["min_hits"]),
        min_share=float(data["min_share"]), chance_share=float(data["chance_share"]),
        subject_terms=tuple(data["subject_terms"]),
        min_subject_hits=int(data["min_subject_hits"]), period=_period(data["period"], where),
        topic_labels=dict(data.get("topic_labels", {})),
        tables=tuple(_record_table(folder, entry, where) for entry in data.get("tables", [])),
        claimed_topics=tuple(data.get("claimed_topics", ())))


def packs() -> list[StoryPack]:
    """Every story pack under data/stories/, by name."""
    folders = sorted(p for p in STORIES_DIR.iterdir() if (p / "pack.toml").is_file())
    return [load_pack(folder) for folder in folders]


def pack_named(name: str) -> StoryPack:
    """The pack called `name`, or a clear error listing the packs there are."""
    for pack in packs():
        if pack.name == name:
            return pack
    names = ", ".join(p.name for p in packs()) or "none"
    raise ValueError(f"There is no story pack {name!r} in {STORIES_DIR}; packs: {names}. "
                     f"Use story='{AUTO}' to choose from the article's words, or '{NONE}'.")


@dataclass(frozen=True)
class Match:
    """How an article's words match one pack: every match-term hit, by term."""

    pack: StoryPack
    terms: dict[str, int]
    """Each match term the article holds (as the pack writes it) -> its hits."""
    words: int

    @property
    def hits(self) -> int:
        """Match-term hits in all."""
        return sum(self.terms.values())

    @property
    def share(self) -> float:
        """The hits' share of the article's words."""
        return self.hits / self.words if self.words else 0.0

    @property
    def subject_hits(self) -> int:
        """Hits of the terms that name the story's own subject."""
        return sum(n for term, n in self.terms.items() if term in self.pack.subject_terms)

    @property
    def fits(self) -> bool:
        """True when the words say the article is on the pack's story (its date aside)."""
        return (self.hits >= self.pack.min_hits and self.share >= self.pack.min_share
                and self.subject_hits >= self.pack.min_subject_hits)


@dataclass(frozen=True)
class Choice:
    """Which story pack an article gets, and why: by name, by its words and date, or none."""

    pack: StoryPack | None
    how: str
    """'named' (the story parameter), 'none' (story='none'), or 'auto'."""
    match: Match | None = None
    """The words of the chosen pack, or of the best-matching pack when none was chosen."""
    when: date | None = None
    """The article's date, when known."""
    outside: tuple[str, ...] = ()
    """Packs whose words fit but whose period the article's date falls outside."""

    def as_dict(self) -> dict[str, object]:
        """The choice as plain data (for the cache and `article.json`); empty parts left out,
        and the date too (it is the article's)."""
        match = self.match
        data: dict[str, object] = {"how": self.how}
        if self.pack is not None:
            data["pack"] = self.pack.name
        if match is not None:
            data |= {"match_pack": match.pack.name, "terms": dict(match.terms),
                     "words": match.words}
        if self.outside:
            data["outside"] = list(self.outside)
        return data


def choice_from_dict(data: dict, when: date | None = None) -> Choice:
    """A `Choice` back from `Choice.as_dict`, for an article dated `when` (packs are looked up
    by name)."""
    match = None
    if data.get("match_pack"):
        match = Match(pack_named(data["match_pack"]), dict(data.get("terms", {})),
                      int(data.get("words", 0)))
    return Choice(pack_named(data["pack"]) if data.get("pack") else None, data["how"], match,
                  when, tuple(data.get("outside", ())))


def matches(doc: Doc, headline: str = "", words: Words | None = None) -> list[Match]:
    """How the article's words, its `headline`'s (as written) and its text's, match every
    pack, in pack order (`words`: the doc's, when already read)."""
    words, forms = words or doc_words(doc)
    title = [frozenset({word}) for word in phrase_words(headline)]
    found = []
    for pack in packs():
        written = {phrase_words(term): term for term in pack.match_terms}
        index = PhraseIndex(tuple(written))
        terms: dict[str, int] = {}
        for _, phrase in [*index.find_all(title), *index.find_all(forms)]:
            terms[written[phrase]] = terms.get(written[phrase], 0) + 1
        found.append(Match(pack, terms, len(title) + len(words)))
    return found


def match_scores(doc: Doc, headline: str = "") -> dict[str, tuple[int, float]]:
    """Pack name -> (match-term hits in the headline and doc, their share of its words)."""
    return {match.pack.name: (match.hits, match.share) for match in matches(doc, headline)}


def choose(doc: Doc, story: str = AUTO, when: date | None = None,
           headline: str = "", words: Words | None = None) -> Choice:
    """The pack for an article dated `when` (None: undated) with this `headline`: by name,
    none, or (auto) the best match whose words fit and whose period holds the date
    (`words`: the doc's, when already read)."""
    if not isinstance(story, str) or not story.strip():
        raise ValueError(f"story must be '{AUTO}', '{NONE}' or a pack name, got {story!r}.")
    if story == NONE:
        return Choice(None, NONE, when=when)
    if story != AUTO:
        pack = pack_named(story)
        match = next(m for m in matches(doc, headline, words) if m.pack.name == pack.name)
        return Choice(pack, "named", match, when)
    found = matches(doc, headline, words)
    fitting = [m for m in found if m.fits]
    dated = [m for m in fitting if when is None or m.pack.in_period(when)]
    outside = tuple(m.pack.name for m in fitting if m not in dated)
    best = max(dated, key=lambda m: m.hits, default=None)
    if best is not None:
        return Choice(best.pack, AUTO, best, when, outside)
    closest = max((m for m in found if m.hits), key=lambda m: m.share, default=None)
    return Choice(None, AUTO, closest, when, outside)
