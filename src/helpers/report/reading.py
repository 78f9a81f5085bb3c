"""Tables and sentences for the reading notebook: what the article is and who is named in it."""

from __future__ import annotations

import pandas as pd

from helpers.report.markdown import escape
from helpers.report.words import count
from helpers.source.article import Article
from helpers.vocab import ActorType

TYPE_NAMES = {ActorType.PERSON: ("person", "people"),
              ActorType.ORGANISATION: ("organisation", ""), ActorType.PLACE: ("place", "")}
"""Each actor type, singular and (when not regular) plural."""


def overview(article: Article) -> pd.DataFrame:
    """Headline, paragraphs, words and reading time as a two-column table."""
    rows = [
        ("Headline", article.headline),
        ("Paragraphs", f"{len(article.paragraphs):,}"),
        ("Words", f"{article.word_count:,}"),
        ("Reading time", f"about {count(max(1, round(article.reading_minutes)), 'minute')}"),
    ]
    return pd.DataFrame(rows, columns=["Item", "Value"])


def paragraph_table(article: Article) -> pd.DataFrame:
    """One row per paragraph: its number, its words and its full text."""
    return pd.DataFrame({"Paragraph": range(1, len(article.paragraphs) + 1),
                         "Words": [len(p.split()) for p in article.paragraphs],
                         "Text": list(article.paragraphs)})


def readable_entities(entities: pd.DataFrame) -> pd.DataFrame:
    """The entity table with column names for readers."""
    return entities.rename(columns={
        "actor": "Actor", "type": "Type", "mentions": "Mentions",
        "forms": "Written as", "first_paragraph": "First paragraph",
    })


def readable_corrections(changed: pd.DataFrame) -> pd.DataFrame:
    """The mentions the rules changed, with column names for readers."""
    return changed.rename(columns={"text": "Text", "model_label": "Model's label",
                                   "counted_as": "Counted as", "rule": "Rule",
                                   "times": "Times"})


def summary(article: Article, entities: pd.DataFrame) -> str:
    """A few Markdown sentences (article text escaped) on the article and its most-named actors."""
    headline = escape(article.headline)
    text = (
        f"**{headline}** has {count(len(article.paragraphs), 'paragraph')} and "
        f"{count(article.word_count, 'word')}, about "
        f"{count(max(1, round(article.reading_minutes)), 'minute')} of reading."
    )
    if entities.empty:
        return text + " The model found no named people, organisations or places in it."
    counts = entities["type"].value_counts()
    named = ", ".join(count(int(counts[k]), *TYPE_NAMES[k]) for k in TYPE_NAMES if k in counts)
    top = entities.head(3)
    leaders = ", ".join(f"{escape(row.actor)} ({row.mentions})" for row in top.itertuples())
    people = entities[entities["type"] == ActorType.PERSON]
    person = (
        f" The most-named person is {escape(people.iloc[0].actor)}, "
        f"with {count(int(people.iloc[0].mentions), 'mention')}." if not people.empty else ""
    )
    return f"{text} It names {named}. Most mentioned: {leaders}.{person}"
