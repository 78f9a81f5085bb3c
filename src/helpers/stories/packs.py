"""Story packs: what ties the kit to one story, in `data/stories/<name>/`.

A pack holds a manifest (`pack.toml`), its stance topics (`topics.csv`), story-specific stance
words (`stance_words.csv`), optional counted nouns (`counted_nouns.csv`), public-record tables
(`records/*.csv`) and `SOURCES.md`. `docs/story-packs.md` explains how to write one.

An article gets a pack from its own words (`choose`): the pack whose match terms it holds at
least `min_hits` times, making up at least `min_share` of its words, with the most hits wins;
an article that matches no pack gets the general sections only. A `story` argument ('auto',
'none' or a pack name) overrides the choice.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.extract.phrases import PhraseIndex, phrase_words
from helpers.paths import STORIES_DIR
from helpers.rules import RuleError, read_table

if TYPE_CHECKING:
    from spacy.tokens import Doc

AUTO = "auto"
NONE = "none"
CHARTS = ("timeline", "breakdown")
STANCE_KINDS = ("support", "oppose", "doubt", "doubt_if_negated", "negation")


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
    topic_labels: dict[str, str]
    tables: tuple[RecordTable, ...]

    def topics(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Topic -> its terms (each a tuple of words), from topics.csv."""
        found: dict[str, list[tuple[str, ...]]] = {}
        for row in read_table(self.folder / "topics.csv", ("topic", "term")):
            found.setdefault(row["topic"], []).append(phrase_words(row["term"]))
        return {topic: tuple(terms) for topic, terms in found.items()}

    def stance_words(self) -> dict[tuple[str, ...], str]:
        """Story-specific stance words -> kind, from stance_words.csv (may be empty)."""
        path = self.folder / "stance_words.csv"
        if not path.exists():
            return {}
        found = {}
        for row in read_table(path, ("word", "kind")):
            if row["kind"] not in STANCE_KINDS:
                raise RuleError(f"{path}:{row.line}: kind {row['kind']!r} is not one of "
                                f"{', '.join(STANCE_KINDS)}.")
            found[phrase_words(row["word"])] = row["kind"]
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
        sentence_terms=tuple(entry.get("sentence_terms", ())))


@cache
def load_pack(folder: Path) -> StoryPack:
    """The story pack in `folder`, its manifest checked."""
    where = folder / "pack.toml"
    data = _manifest(folder)
    missing = [key for key in ("name", "title", "match_terms", "min_hits", "min_share")
               if key not in data]
    if missing:
        raise RuleError(f"{where}: missing {missing}; see docs/story-packs.md.")
    if data["name"] != folder.name:
        raise RuleError(f"{where}: name {data['name']!r} must equal the folder name "
                        f"{folder.name!r}.")
    if not (folder / "topics.csv").is_file():
        raise RuleError(f"{folder}: a story pack needs topics.csv (topic,term).")
    return StoryPack(
        name=data["name"], title=data["title"], description=data.get("description", ""),
        folder=folder, match_terms=tuple(data["match_terms"]), min_hits=int(data["min_hits"]),
        min_share=float(data["min_share"]), topic_labels=dict(data.get("topic_labels", {})),
        tables=tuple(_record_table(folder, entry, where) for entry in data.get("tables", [])))


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


def match_scores(doc: Doc) -> dict[str, tuple[int, float]]:
    """Pack name -> (match-term hits in the doc, their share of its words)."""
    from helpers.extract.phrases import doc_words

    words, forms = doc_words(doc)
    scores = {}
    for pack in packs():
        index = PhraseIndex(tuple(phrase_words(term) for term in pack.match_terms))
        hits = len(index.find_all(forms))
        scores[pack.name] = (hits, hits / len(words) if words else 0.0)
    return scores


def choose(doc: Doc, story: str = AUTO) -> StoryPack | None:
    """The pack for an article: by name, none, or (auto) the best match over its threshold."""
    if not isinstance(story, str) or not story.strip():
        raise ValueError(f"story must be '{AUTO}', '{NONE}' or a pack name, got {story!r}.")
    if story == NONE:
        return None
    if story != AUTO:
        return pack_named(story)
    scores = match_scores(doc)
    fitting = [pack for pack in packs()
               if scores[pack.name][0] >= pack.min_hits and scores[pack.name][1] >= pack.min_share]
    return max(fitting, key=lambda pack: scores[pack.name][0], default=None)
