"""Lesson 1, reading the article and finding its actors: checks, hints and hidden tests."""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from helpers.exercises.feedback import (
    Feedback,
    describe,
    hint_printer,
    report,
    unanswered,
    wrong_kind,
)
from helpers.extract.names import clean_name
from helpers.extract.ruleset import rules_for
from helpers.report import words
from helpers.rules import LANGUAGE

if TYPE_CHECKING:
    from helpers.analysis import Analysis

RULES = rules_for(LANGUAGE)
"""The rules the exercises read: the lessons are in English."""
HINTS = {
    "sentences": (
        "spaCy has already split the text: the sentences are in `doc.sents`.",
        "`doc.sents` hands out its sentences one at a time; `list(...)` collects them.",
        "The answer is a number: how many items are in that list? (`len`)",
    ),
    "people": (
        "Every named entity in `doc.ents` has a label in `ent.label_`: which label marks a "
        "person?",
        "Keep the text (`ent.text`) of the entities with that label; a set drops repeats.",
        "Look at what you kept: is every item a person's name? The model makes slips.",
        "One person can be named twice ('Berg', then 'Anna Berg'): keep each person once.",
    ),
    "most_mentioned": (
        "`analysis.entities` has one row per actor and a column that counts mentions.",
        "`table.sort_values(column, ascending=False)` puts the largest first.",
        "The question asks for an actor of any type, and for its name (a string).",
    ),
}
hint = hint_printer(HINTS)

NOT_A_PERSON = {"DATE", "TIME", "GPE", "LOC", "NORP", "ORG", "FAC", "CARDINAL", "ORDINAL",
                "QUANTITY", "MONEY", "PERCENT", "EVENT", "LAW", "LANGUAGE", "PRODUCT"}
"""Entity labels that say a span is something other than a person (a slip can be any other)."""


def check_sentence_count(answer: Any, analysis: Analysis) -> Feedback:
    """Check the number of sentences spaCy finds in the article."""
    task = "Counting sentences"
    if answer is None:
        return unanswered(task)
    fix = "store a whole number: the length of the list of sentences."
    if isinstance(answer, list | tuple):
        return wrong_kind(task, "n_sentences", answer, "a number",
                          "you have the sentences themselves: `len(...)` counts them.")
    if isinstance(answer, bool | np.bool_) or not isinstance(answer, numbers.Real):
        return wrong_kind(task, "n_sentences", answer, "a number", fix)
    answer = float(answer)  # numpy's numbers (np.int64(56)) are numbers too
    expected = len(list(analysis.doc.sents))
    feedback = Feedback(task)
    if answer == expected:
        feedback.right.append(f"spaCy splits the article into {expected} sentences.")
        return report(feedback)
    side = "too low" if answer < expected else "too high"
    feedback.missing.append(f"{answer:g} is {side}.")
    if answer == len(analysis.article.paragraphs):
        feedback.hint = "that is the number of paragraphs; count the items of `doc.sents`."
    elif answer == len(analysis.doc):
        feedback.hint = "that is the number of tokens; count the items of `doc.sents`."
    else:
        feedback.hint = "count what `doc.sents` gives, not what you see on the page."
    return report(feedback)


def actor_index(entities: pd.DataFrame) -> dict[str, str]:
    """Every form and cleaned form of every actor -> the actor's name."""
    index: dict[str, str] = {}
    for row in entities.itertuples():
        for form in [row.actor, *str(row.forms).split(", ")]:
            index[form] = row.actor
            index[clean_name(form, RULES)] = row.actor
    return index


def match_actor(name: str, entities: pd.DataFrame) -> str | None:
    """The actor a written name refers to: a known form, or the surname of one full name."""
    index = actor_index(entities)
    for candidate in (name, clean_name(name, RULES)):
        if candidate in index:
            return index[candidate]
    folded = {form.casefold(): actor for form, actor in index.items()}
    if clean_name(name, RULES).casefold() in folded:  # 'ukraine' is Ukraine, written in a hurry
        return folded[clean_name(name, RULES).casefold()]
    surname = " " + clean_name(name, RULES).casefold()
    tails = [actor for actor in entities["actor"] if actor.casefold().endswith(surname)]
    return tails[0] if len(tails) == 1 else None


def _name_items(answer: Any) -> tuple[list[str], str]:
    """The names in a list answer, and a problem with its items ('' when none)."""
    from spacy.tokens import Span, Token

    items = list(answer)
    names, odd = [], []
    for item in items:
        if isinstance(item, Span | Token):
            item = item.text
        if not isinstance(item, str):
            odd.append(item)
        elif item.strip():
            names.append(item.strip())
    if odd:
        return names, (f"{words.count(len(odd), 'item')} "
                       f"{words.verb(len(odd), 'is', 'are')} not a name written as text, e.g. "
                       f"{describe(odd[0])}.")
    long = [name for name in names if len(name.split()) > 5]
    if long and len(long) >= len(names) / 2:
        return names, (f"{words.count(len(long), 'item')} "
                       f"{words.verb(len(long), 'looks', 'look')} like sentences, not names, e.g. "
                       f"{long[0][:40]!r}…: keep the entities, not the sentences.")
    return names, ""


def _missed_by_model(name: str, analysis: Analysis) -> str:
    """Why `name` cannot be a person the model missed ('' when it plausibly is one)."""
    text = analysis.article.text
    if name not in text:
        return "does not appear in the article as written"
    titles = RULES.titles
    if name.casefold() in titles or name.casefold().removeprefix("the ") in titles:
        return "is a title (a job), not a person's name"
    parts = name.split()
    if not all(part[:1].isupper() for part in parts):
        return "is not written like a name (a name starts with a capital letter)"
    start = text.find(name)
    while start >= 0:
        span = analysis.doc.char_span(start, start + len(name), alignment_mode="expand")
        labels = {token.ent_type_ for token in span} - {""}
        if labels & NOT_A_PERSON:
            kind = sorted(labels & NOT_A_PERSON)[0]
            return f"is tagged {kind} by the model, which is not a person"
        if all(token.pos_ == "PROPN" for token in span):
            return ""
        start = text.find(name, start + 1)
    return "is a word with a capital letter, not a name (it starts a sentence or a credit)"


def check_people(answer: Any, analysis: Analysis) -> Feedback:
    """Check a list of the people named in the article against the kit's entity table."""
    task = "Finding the people"
    if answer is None:
        return unanswered(task)
    if isinstance(answer, str | int | float) or not isinstance(answer, Iterable):
        return wrong_kind(task, "people", answer, "a list of names (strings)",
                          "make a list: `[ent.text for ent in doc.ents if ...]`.")
    names, problem = _name_items(answer)
    feedback = Feedback(task)
    if problem:
        feedback.missing.append(problem)
        return report(feedback)
    entities = analysis.entities
    people = entities[entities["type"] == "person"]
    types = dict(zip(entities["actor"], entities["type"], strict=True))
    slips = {span.text for span in analysis.doc.ents if span.label_ == "PERSON"}
    slips -= set(actor_index(entities))
    found: dict[str, list[str]] = {}
    spotted = 0
    for name in names:
        actor = match_actor(name, entities)
        if actor is not None and types[actor] == "person":
            found.setdefault(actor, []).append(name)
        elif actor is not None:
            feedback.missing.append(f"'{name}' is not a person: the kit counts it as a "
                                    f"{types[actor]}.")
        elif name in slips:
            feedback.missing.append(f"'{name}' is tagged PERSON by the model, but it is a slip: "
                                    f"read it in the text.")
        elif reason := _missed_by_model(name, analysis):
            feedback.missing.append(f"'{name}' {reason}.")
        else:
            spotted += 1
            feedback.right.append(f"'{name}' is in the text but the model missed it: well "
                                  f"spotted (models are not complete).")
    feedback.right.insert(0, f"you found {len(found)} of {len(people)} people.")
    doubles = [forms for forms in found.values() if len(forms) > 1]
    if doubles:
        example = " / ".join(dict.fromkeys(doubles[0]))
        feedback.missing.append(f"{words.count(len(doubles), 'person', 'people')} "
                                f"{words.verb(len(doubles), 'is', 'are')} in your list more "
                                f"than once (e.g. {example}): count each person once.")
    missed = people[~people["actor"].isin(found)]
    if not missed.empty:
        where = ", ".join(str(p) for p in sorted(set(missed["first_paragraph"])))
        feedback.missing.append(f"{words.count(len(missed), 'person', 'people')} "
                                f"{words.verb(len(missed), 'is', 'are')} missing, first seen in "
                                f"{'paragraph' if ',' not in where else 'paragraphs'} {where}.")
        feedback.hint = "read the paragraphs named above with displaCy."
    # one mistake per name that is no person and per person listed twice, as the feedback
    # counts them (a name repeated five times is one person listed twice, not four mistakes)
    wrong = len(names) - sum(len(forms) for forms in found.values()) - spotted + len(doubles)
    feedback.score = max(0.0, (len(found) + spotted - wrong) / max(len(people), 1))
    return report(feedback)


def check_most_mentioned(answer: Any, analysis: Analysis) -> Feedback:
    """Check the name of the actor the article mentions most often."""
    task = "The most-mentioned actor"
    if answer is None:
        return unanswered(task)
    if isinstance(answer, pd.Series) and "actor" in answer:
        answer = answer["actor"]
    if not isinstance(answer, str):
        return wrong_kind(task, "most_mentioned", answer, "one name (a string)",
                          "take one value of the `actor` column, e.g. with `.iloc[0]`.")
    entities = analysis.entities
    counts = dict(zip(entities["actor"], entities["mentions"], strict=True))
    top = max(counts.values())
    actor = match_actor(answer.strip(), entities)
    feedback = Feedback(task)
    if actor is None:
        feedback.missing.append(f"'{answer}' is not an actor in the kit's table.")
        feedback.hint = "look at the `actor` column of `analysis.entities`."
    elif counts[actor] == top:
        feedback.right.append(f"{actor} is mentioned {top} times, more than any other actor.")
    else:
        feedback.missing.append(f"{actor} is mentioned {counts[actor]} times; another actor is "
                                f"mentioned more often.")
        feedback.hint = "sort by the number of mentions, largest first; any type of actor counts."
    return report(feedback)


def entity_overview(analysis: Analysis) -> pd.DataFrame:
    """The actor table in alphabetical order without types or counts, so it gives no task away."""
    table = analysis.entities.sort_values("actor", ignore_index=True)
    return table[["actor", "forms", "first_paragraph"]]
