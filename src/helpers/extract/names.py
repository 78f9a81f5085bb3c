"""Named actors in a parsed article: people, organisations and places, each under one name.

spaCy's small model tags each mention on its own, so the same actor comes out under several
forms and, now and then, under the wrong label. Three general rules tidy that up:

1. forms of one name are merged: a leading "the", a title ("President") and a possessive are
   dropped, known aliases ("US" -> "United States", from `aliases.csv`) are applied, and a
   lone surname ("Biden") joins the one full name it ends ("Joe Biden"), whatever label the
   model gave the full name;
2. a name that is a person anywhere in the text is a person everywhere (the model sometimes
   tags a surname as a place);
3. a "person" that does not start with a capital letter, a name that only ends a title
   ("State" in "Secretary of State") and one that is only a title ("the Prime Minister") are
   model slips and are dropped; any other actor takes the label it carries most often.

`named_mentions` is called once per analysis, by the actors stage (`helpers.extract.actors`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

import pandas as pd

from helpers.extract.records import Mention
from helpers.vocab import ActorType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from helpers.extract.ruleset import Rules

ACTOR_TYPES = {
    "PERSON": ActorType.PERSON,
    "ORG": ActorType.ORGANISATION,
    "GPE": ActorType.PLACE,
    "LOC": ActorType.PLACE,
    "FAC": ActorType.PLACE,
}
"""spaCy labels kept as actors, and the plain-English type shown to readers."""

TITLE_TOKENS = 4
"""How many tokens before a name are searched for a title it might end ('Secretary of State')."""

CORRECTION_COLUMNS = ["text", "model_label", "counted_as", "rule"]


def clean_name(text: str, rules: Rules) -> str:
    """A mention's text without a leading 'the', leading titles, possessive or stray spaces."""
    name = re.sub(r"\s+", " ", text).strip()
    name = re.sub(r"['’]s?$", "", name).strip()
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    for _ in range(len(name)):  # bounded: each pass removes a title from the front
        lower = name.lower()
        title = next((t for t in rules.titles if lower.startswith(t + " ")
                      and len(name) > len(t) + 1), "")
        if not title:
            break
        name = name[len(title) + 1:]
    return rules.aliases.get(name, rules.aliases.get(f"the {name}", name))


def named_mentions(doc: Doc, rules: Rules) -> list[Mention]:
    """Every named actor mention in `doc`, in text order, with merged names and types."""
    spans = [span for span in doc.ents if span.label_ in ACTOR_TYPES and not slip(span, rules)]
    names = [clean_name(span.text, rules) for span in spans]
    persons = {name for span, name in zip(spans, names, strict=True) if span.label_ == "PERSON"}
    full_names = [name for name in persons if " " in name]
    any_full = [name for name in set(names) if " " in name]  # 'Therese Barbera', tagged ORG
    canonical = {name: _full_name(name, any_full if name in persons and " " not in name
                                  else full_names) for name in set(names)}
    persons = {canonical[name] for name in persons}
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for span, name in zip(spans, names, strict=True):
        labels[canonical[name]][ACTOR_TYPES[span.label_]] += 1
    types = {
        actor: ActorType.PERSON if actor in persons else counts.most_common(1)[0][0]
        for actor, counts in labels.items()
    }
    return [
        Mention(canonical[name], types[canonical[name]], span.text, span.start_char,
                span.end_char, span.label_)
        for span, name in zip(spans, names, strict=True)
    ]


def slip(span: Span, rules: Rules) -> str:
    """Why a span is a model slip and not an actor ('' when it is fine)."""
    if span.label_ == "PERSON" and not span.text[:1].isupper():
        return "a person's name starts with a capital letter"
    if _ends_title(span, rules):
        return "only the end of a title"
    if clean_name(span.text, rules).lower() in rules.titles:
        return "a title, not a name"
    return ""


def corrections(doc: Doc, named: list[Mention], rules: Rules) -> pd.DataFrame:
    """The mentions the rules changed: merged into a full name, relabelled or dropped, and why."""
    rows = [
        {"text": span.text, "model_label": span.label_, "counted_as": "(dropped)",
         "rule": reason}
        for span in doc.ents
        if span.label_ in ACTOR_TYPES and (reason := slip(span, rules))
    ]
    for mention in named:
        if ACTOR_TYPES[mention.label] != mention.type:
            rule = ("the same name is a person elsewhere in the text"
                    if mention.type == ActorType.PERSON
                    else "an actor takes the label it carries most often")
        elif clean_name(mention.form, rules) != mention.actor:
            rule = "a short form of the one full name it ends"
        else:
            continue
        rows.append({"text": mention.form, "model_label": mention.label,
                     "counted_as": f"{mention.actor} ({mention.type})", "rule": rule})
    table = pd.DataFrame(rows, columns=CORRECTION_COLUMNS)
    return table.groupby(CORRECTION_COLUMNS, sort=False).size().reset_index(name="times")


def _ends_title(span: Span, rules: Rules) -> bool:
    """True when the span is only the last word(s) of a title, as in 'Secretary of State'."""
    before = span.doc[max(0, span.start - TITLE_TOKENS):span.end].text.lower()
    return any(
        before.endswith(title) and len(title) > len(span.text) for title in rules.titles
    )


def _full_name(name: str, full_names: list[str]) -> str:
    """The one full name that `name` is the surname (or the tail) of; else `name` itself."""
    if name in full_names:
        return name
    matches = [full for full in full_names if full.endswith(" " + name)]
    if len(matches) == 1:
        return matches[0]
    longer = [full for full in full_names if name.endswith(" " + full)]
    return max(longer, key=len) if longer else name
