"""The quotes-and-stances page's tables, with headings and labels a reader understands: no
character offsets, no internal column names, topics by their story pack's label, flags as
words, one evidence sentence a row."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from helpers.vocab import QuoteKind

KINDS = {kind: kind.label for kind in QuoteKind}
"""The word a reader sees for each quote kind."""
EVIDENCE_SEPARATOR = " | "
"""How the stance table joins the sentences a stance rests on."""


def speakers(actors: pd.DataFrame) -> pd.DataFrame:
    """Everyone quoted in quotation marks: role, direct quotes, words, all quotes."""
    quoted = actors[actors["quoted_words"] > 0].sort_values("quoted_words", ascending=False,
                                                            kind="stable")
    return pd.DataFrame({"Speaker": quoted["actor"], "Role": quoted["role"],
                         "Direct quotes": quoted["direct_quotes"],
                         "Words in quotation marks": quoted["quoted_words"],
                         "All quotes": quoted["quotes"]})


def quotes(table: pd.DataFrame) -> pd.DataFrame:
    """Every quote in order: paragraph, speaker (and as the text names them), kind, words."""
    return pd.DataFrame({"Paragraph": table["paragraph"], "Speaker": table["speaker"],
                         "Named in the text as": table["speaker_as_written"],
                         "Kind": table["kind"].map(KINDS), "Quote": table["text"],
                         "Cue": table["cue"], "Words": table["words"]})


def actors(table: pd.DataFrame) -> pd.DataFrame:
    """Every actor: type, role, mentions, quotes, and the titles the text gives them."""
    return pd.DataFrame({"Actor": table["actor"], "Type": table["type"], "Role": table["role"],
                         "Mentions": table["mentions"], "Quotes": table["quotes"],
                         "Words in quotation marks": table["quoted_words"],
                         "Titles in the text": table["roles"],
                         "Two different titles": table["title_conflict"]})


def evidence(stances: pd.DataFrame, label: Callable[[str], str]) -> pd.DataFrame:
    """Each stance with the sentences it rests on, one sentence a row."""
    rows = [{"Actor": row.actor, "Topic": label(row.topic), "Stance": row.stance,
             "Sentence": sentence}
            for row in stances.itertuples()
            for sentence in str(row.evidence).split(EVIDENCE_SEPARATOR)]
    return pd.DataFrame(rows, columns=["Actor", "Topic", "Stance", "Sentence"])


def scores(table: pd.DataFrame, stances: bool = True) -> pd.DataFrame:
    """The extraction scored against the answer key, as percentages; without the stances row
    when the article's stances were not read (`stances` False: no story pack), since a score
    of 0 would blame the reading for what it was told not to do."""
    if not stances:
        table = table[table["part"] != "stances"]
    return pd.DataFrame({"Part": table["part"].str.capitalize(),
                         "Precision": (table["precision"] * 100).round().astype(int),
                         "Recall": (table["recall"] * 100).round().astype(int),
                         "F1": (table["f1"] * 100).round().astype(int),
                         "Found": table["found"], "In the key": table["expected"],
                         "Extracted": table["predicted"]})


def misses(matches: pd.DataFrame) -> pd.DataFrame:
    """The quotes missed, extra or given the wrong speaker, against the key."""
    wrong = matches[matches["status"] != "correct"]
    return pd.DataFrame({"Paragraph": wrong["paragraph"], "What went wrong": wrong["status"],
                         "Kind": wrong["kind"].map(KINDS).fillna(wrong["kind"]),
                         "Speaker in the key": wrong["key_speaker"],
                         "Speaker found": wrong["speaker"],
                         "Quote": wrong["text"].where(wrong["text"].fillna("") != "",
                                                      wrong["key_text"])})
