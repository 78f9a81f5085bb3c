"""A folder of extracted articles read back as one corpus, never parsed again.

`python -m helpers extract FOLDER --out OUT` writes `OUT/<slug>/` with an article's tables and
`article.json` (what the article is). `load(OUT)` reads every such folder into one table per
kind, each row carrying its article's `slug`: the quotes, the stances and the figures, typed as
the analysis made them. Files are read with the `csv` module and joined once, so a thousand
articles load in about a second.

Speakers are named by each article on its own ("Biden" in one, "Joe Biden" in another); the
corpus reads a one-word name as the most-quoted longer name ending in it, and names that differ
only in case, middle initials or the short form of the given name ("Joe" for "Joseph",
`data/rules/en/given_names.csv`) as one (`same_people`).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from helpers.analysis import ARTICLE_FILE
from helpers.extract.records import TABLE_RECORDS, dtypes
from helpers.paths import NOTEBOOKS_DIR, PROJ_ROOT, REPORTS_DIR
from helpers.rules import rule_table
from helpers.spreadsheet import unescape

ARTICLE_KEYS = ("slug", "headline", "outlet", "date", "author", "url", "story", "file", "words")
"""What `article.json` says of an article (`Analysis.about`)."""

SCHEMAS: dict[str, dict[str, str]] = {name: dtypes(TABLE_RECORDS[name])
                                      for name in ("quotes", "stances", "figures")}
"""The tables a corpus reads, with each column's pandas type as the analysis wrote it (derived
from the record classes of `helpers.extract.records`, so no column can be left out)."""


@dataclass
class Corpus:
    """Every article of a tables folder, and its quotes, stances and figures, joined."""

    folder: Path
    articles: pd.DataFrame
    """One row per article: slug, headline, outlet, date (Timestamp or NaT), author, url,
    story, file, words; sorted by date, then slug."""
    quotes: pd.DataFrame
    stances: pd.DataFrame
    figures: pd.DataFrame
    """Each with a `slug` column naming its article; `link` is unique across the corpus."""
    skipped: list[str] = field(default_factory=list)
    """Sub-folders that hold no article.json (not an extracted article)."""
    types: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["slug", "actor", "type"]))
    """What each article's actors are (slug, actor, type: person, organisation, country …),
    from its actors.csv, with the corpus' names."""

    @property
    def outlets(self) -> list[str]:
        """The publishers, most articles first ('' when an article names none)."""
        counts = self.articles["outlet"].value_counts()
        return sorted(counts.index, key=lambda outlet: (-counts[outlet], outlet))


def _about(path: Path) -> dict[str, object]:
    try:
        about = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"{path} is not readable JSON ({error}); extract the article "
                         f"again.") from None
    if not isinstance(about, dict):
        raise ValueError(f"{path} is not a JSON object; extract the article again.")
    about = {key: about.get(key) for key in ARTICLE_KEYS}
    about["slug"] = about["slug"] or path.parent.name
    return about


def _rows(path: Path, slug: str, schema: dict[str, str] | None = None) -> list[dict[str, str]]:
    """The rows of one table file, each with its article's `slug`; the file's columns must be
    those of `schema` (when given), else it was written by another version of the kit."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            if schema is not None and set(columns) != set(schema):
                raise ValueError(
                    f"{path} has the columns {columns}, but a {path.stem} table has {list(schema)}"
                    f" (missing: {[c for c in schema if c not in columns]}, unknown: "
                    f"{[c for c in columns if c not in schema]}): extract the article again.")
            return [{**row, "slug": slug} for row in reader]
    except FileNotFoundError:
        raise ValueError(f"{path.parent} has {ARTICLE_FILE} but no {path.name}: extract the "
                         f"article again.") from None


def _typed(rows: list[dict[str, str]], schema: dict[str, str]) -> pd.DataFrame:
    """Rows read as text, with the analysis' types back: numbers, flags, empty text as ''."""
    frame = pd.DataFrame(rows, columns=[*schema, "slug"]).fillna("")
    for name, kind in schema.items():
        if kind == "bool":
            frame[name] = frame[name] == "True"
        elif kind == "object":
            frame[name] = frame[name].astype(str).map(unescape)  # as the analysis wrote it
        else:  # int64, float64, Int64 (empty cells are missing values)
            frame[name] = pd.to_numeric(frame[name].replace("", None)).astype(kind)
    return frame


def _unique_links(figures: pd.DataFrame) -> pd.DataFrame:
    """Number conversion links across the corpus, so two articles' link 1 stay apart."""
    linked = figures["link"].notna()
    keys = figures["slug"] + ":" + figures["link"].astype(str)
    codes = pd.Series(pd.factorize(keys[linked])[0], index=keys[linked].index)
    return figures.assign(link=codes.reindex(figures.index).astype("Int64"))


NEWEST = "newest"
"""The tables folder parameter that means: the newest batch rendered into `reports/`."""
EXAMPLE_TABLES = PROJ_ROOT / "tests" / "coverage" / "two-articles"
"""The two-article tables folder committed with the kit, for a clone with no batch rendered."""


def newest_batch(reports: Path = REPORTS_DIR) -> Path:
    """The tables of the batch rendered last into `reports` (`reports/corpus/<batch>/tables`),
    or the two-article example when no batch has been rendered there."""
    found = [tables for tables in (reports / "corpus").glob("*/tables") if tables.is_dir()]
    return max(found, key=lambda tables: tables.stat().st_mtime_ns, default=EXAMPLE_TABLES)


def tables_folder(given: str | Path) -> Path:
    """A tables folder as given (`NEWEST`: the newest batch's), else (relative, as notebooks
    name it) from the project root or notebooks/, whichever exists."""
    if str(given) == NEWEST:
        return newest_batch()
    path = Path(given).expanduser()
    if path.is_absolute() or path.exists():
        return path
    found = [base / path for base in (PROJ_ROOT, NOTEBOOKS_DIR) if (base / path).is_dir()]
    return found[0] if found else path


def load(folder: str | Path) -> Corpus:
    """Every extracted article under `folder` (one sub-folder each, with article.json)."""
    folder = tables_folder(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder of extracted articles: make one with "
                         f"`python -m helpers extract ARTICLES --out {folder}`.")
    about, skipped, types = [], [], []
    rows: dict[str, list[dict[str, str]]] = {name: [] for name in SCHEMAS}
    for sub in sorted(path for path in folder.iterdir() if path.is_dir()):
        if not (sub / ARTICLE_FILE).is_file():
            skipped.append(sub.name)
            continue
        about.append(_about(sub / ARTICLE_FILE))
        for name in SCHEMAS:
            rows[name] += _rows(sub / f"{name}.csv", str(about[-1]["slug"]), SCHEMAS[name])
        if (sub / "actors.csv").is_file():  # older tables folders may lack it
            types += _rows(sub / "actors.csv", str(about[-1]["slug"]))
    if not about:
        raise ValueError(f"{folder} holds no extracted articles (no sub-folder with "
                         f"{ARTICLE_FILE}): make them with `python -m helpers extract ARTICLES "
                         f"--out {folder}`.")
    articles = pd.DataFrame(about, columns=list(ARTICLE_KEYS))
    for name in ("headline", "outlet", "author", "url", "story", "file"):
        articles[name] = articles[name].fillna("").astype(str)
    articles["date"] = pd.to_datetime(articles["date"], errors="coerce")
    articles["words"] = pd.to_numeric(articles["words"]).fillna(0).astype("int64")
    articles = articles.sort_values(["date", "slug"], ignore_index=True, na_position="last")
    tables = {name: _typed(found, SCHEMAS[name]) for name, found in rows.items()}
    names = same_people(tables["quotes"], tables["stances"])
    tables["quotes"]["speaker"] = tables["quotes"]["speaker"].replace(names)
    tables["stances"]["actor"] = tables["stances"]["actor"].replace(names)
    kinds = _typed(types, {"actor": "object", "type": "object"})
    kinds["actor"] = kinds["actor"].replace(names)
    return Corpus(folder, articles, tables["quotes"], tables["stances"],
                  _unique_links(tables["figures"]), skipped, kinds[["slug", "actor", "type"]])


def same_people(quotes: pd.DataFrame, stances: pd.DataFrame) -> dict[str, str]:
    """Name -> the name the corpus gives that speaker or actor, where articles differ.

    Names equal but for case are one (the most-quoted spelling wins), and so are names equal
    but for middle initials or a short given name ('Joe' for 'Joseph'), unless two spellings
    give different initials; a one-word name is the
    most-quoted longer name whose last word it is ('Biden' -> 'Joe Biden'). Weight: quotes,
    then stances, then the name.
    """
    weight = (quotes.loc[quotes["speaker"] != "", "speaker"].value_counts()
              .add(stances["actor"].value_counts() / 1000, fill_value=0))
    ranked = sorted(weight.items(), key=lambda item: (-item[1], item[0]))
    initials: dict[str, set[tuple[str, ...]]] = {}
    for name, _ in ranked:
        initials.setdefault(_key(name), set()).add(_initials(name))
    keys = {name: _key(name) if len(initials[_key(name)] - {()}) <= 1 else name.casefold()
            for name, _ in ranked}  # two sets of initials are two people (George H. W. Bush)
    spelled: dict[str, str] = {}
    for name, _ in ranked:
        spelled.setdefault(keys[name], name)
    longer: dict[str, str] = {}
    for key, name in spelled.items():
        words = key.split()
        if len(words) > 1:
            longer.setdefault(words[-1], name)
    found = {}
    for name, _ in ranked:
        key = keys[name]
        chosen = longer.get(key, spelled[key]) if " " not in key else spelled[key]
        if chosen != name:
            found[name] = chosen
    return found


def _key(name: str) -> str:
    """A name as the corpus matches it: case folded, the given name in full, without middle
    initials ('Joe R. Biden' -> 'joseph biden')."""
    words = name.casefold().split()
    if len(words) > 1:
        words[0] = given_names().get(words[0], words[0])
    if len(words) < 3:
        return " ".join(words)
    middle = [word for word in words[1:-1] if not re.fullmatch(r"\w\.?", word)]
    return " ".join([words[0], *middle, words[-1]])


def _initials(name: str) -> tuple[str, ...]:
    """The middle initials of a name ('George H. W. Bush' -> ('h', 'w'))."""
    words = name.casefold().split()[1:-1]
    return tuple(word.rstrip(".") for word in words if re.fullmatch(r"\w\.?", word))


@cache
def given_names() -> dict[str, str]:
    """Short given name -> the full one it stands for ('joe' -> 'joseph'), from the rules."""
    return {row["name"].casefold(): row["formal"].casefold()
            for row in rule_table("given_names.csv", ["name", "formal"])}
