"""The records each stage returns, and the tables made from them: every schema written once.

A record class is the one definition of its table: `table(records, Quote)` has one column per
field, in field order, typed by the field's annotation (`dtypes`); `findings.corpus` reads the
tables back with the same types. A field marked `NOT_A_COLUMN` is kept for the stages only.
"""

from __future__ import annotations

import types
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Union, get_args, get_origin, get_type_hints

import pandas as pd

from helpers.vocab import ActorType, QuoteKind, Stance

NOT_A_COLUMN = {"column": False}
"""Field metadata of a record field that no table shows."""


@dataclass(frozen=True)
class Mention:
    """One mention of an actor in the text: by name, or by a pronoun, title or description."""

    actor: str
    type: ActorType
    form: str
    start: int
    end: int
    label: str = field(metadata=NOT_A_COLUMN)
    """The model's entity label ('PERSON', 'GPE'; '' for a resolved reference)."""
    kind: str = "name"
    """name, pronoun, title or description."""


@dataclass(frozen=True)
class Entity:
    """One named actor: its type, how often and in which forms it is named, where first."""

    actor: str
    type: ActorType
    mentions: int
    forms: str
    """The forms used, most frequent first, joined by ', '."""
    first_paragraph: int


@dataclass(frozen=True)
class Quote:
    """One quote or piece of reported speech, with offsets into the cleaned text."""

    speaker: str
    text: str
    kind: QuoteKind
    cue: str
    paragraph: int
    start: int
    end: int
    speaker_as_written: str
    words: int


@dataclass(frozen=True)
class Actor:
    """One actor: role, mentions, quotes and quoted words, every role, and a title conflict."""

    actor: str
    type: ActorType
    role: str
    mentions: int
    quotes: int
    direct_quotes: int
    quoted_words: int
    roles: str
    title_conflict: bool


@dataclass(frozen=True)
class ActorStance:
    """Where one actor stands on one topic, the sentence that decided it, and the count of
    evidence for each stance (one field per `Stance`, in its order)."""

    actor: str
    topic: str
    stance: Stance
    evidence: str
    support: int
    oppose: int
    skeptical: int
    neutral: int
    start: int
    """The character offset of the evidence sentence in the article's text (its place in the
    article view: `helpers.report.anchors.evidence_href`)."""


@dataclass(frozen=True)
class Figure:
    """One figure of the article: the ten columns of `figures.csv` first, then the bounds
    (`low`, the least value the text allows, NaN after 'nearly' or 'up to'; `high`, a range's
    end), whether the text names one value (`exact`: false for a vague amount such as
    'millions', whose `value` is only its lower bound, and for a range), offsets and the
    `link` a figure shares with its bracketed conversion."""

    value: float
    unit: str
    category: str
    approximate: bool
    qualifier: str
    time: str
    source: str
    text: str
    sentence: str
    paragraph: int
    low: float
    high: float
    exact: bool
    start: int
    end: int
    link: int | None = None


DTYPES: dict[object, str] = {int: "int64", float: "float64", bool: "bool"}
"""The pandas type of a column, by its field's annotation; text (str and the vocabularies) is
'object', and an optional whole number ('int | None') 'Int64'."""


def dtypes(kind: type) -> dict[str, str]:
    """Column -> pandas dtype of the table of record class `kind`, in field order."""
    hints = get_type_hints(kind)
    return {spec.name: _dtype(hints[spec.name]) for spec in fields(kind)
            if spec.metadata.get("column", True)}


def _dtype(hint: object) -> str:
    if get_origin(hint) in (Union, types.UnionType) and set(get_args(hint)) == {int, type(None)}:
        return "Int64"
    if hint in DTYPES:
        return DTYPES[hint]
    if isinstance(hint, type) and issubclass(hint, str):
        return "object"
    raise TypeError(f"a record field of type {hint!r} has no column type: add it to DTYPES.")


def table(records: Iterable[object], kind: type) -> pd.DataFrame:
    """The table of `records` (instances of `kind`): one row each, typed by `dtypes(kind)`, so
    an empty table has the same columns and types."""
    columns = dtypes(kind)
    rows = [[getattr(record, name) for name in columns] for record in records]
    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype({name: kind for name, kind in columns.items() if kind != "object"})


TABLE_RECORDS: dict[str, type] = {"mentions": Mention, "entities": Entity, "quotes": Quote,
                                  "actors": Actor, "stances": ActorStance, "figures": Figure}
"""The record class of each table of an analysis, in the order the stages make them."""
