"""Who the actors are: canonical names, types, roles as the text gives them, and quote counts.

Names come from `helpers.extract.names` ("Biden" and "US President Joe Biden" are one actor).
A role
is the run of capitalised words right before a name when it holds a title from
`data/rules/titles.txt` ("Ukrainian Foreign Minister Dmytro Kuleba"), or an appositive right
after it ("Lyudmila Nechvolod, a peasant,"). When one actor carries two different titles, the
table flags it: a reader should check which one is right.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from helpers.extract.names import Mention, mentions, titles

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from helpers.source.article import Article

ACTOR_COLUMNS = [
    "actor", "type", "role", "mentions", "quotes",
    "direct_quotes", "quoted_words", "roles", "title_conflict",
]

ACTOR_DTYPES = {"mentions": int, "quotes": int, "direct_quotes": int, "quoted_words": int,
                "title_conflict": bool}
"""Column types, kept even when the table is empty (so boolean filters work)."""

ROLE_RUN = re.compile(r"((?:[A-Z][\w.’'-]*|of|for|and|the)(?:\s+|-))+$")
"""Capitalised words (with 'of', 'for', 'and', 'the' inside) that end right before a name."""

APPOSITIVE = re.compile(r"^,\s+(?:a|an|the)\s+([a-z][\w’' -]{1,40}?)\s*,")
"""', a peasant,' or ', the country's foreign minister,' right after a name."""

ACTOR_TYPES = {"GPE": "country", "LOC": "place", "FAC": "place"}
"""Place labels shown as a type; GPE (countries, and cities standing for governments) reads
as 'country'."""


@dataclass(frozen=True)
class Role:
    """A role or title the text gives an actor at one place."""

    actor: str
    role: str
    start: int


def roles(doc: Doc, extra: list[Mention] | None = None) -> list[Role]:
    """Every role the text gives a person, from titles before names and appositives after."""
    found = []
    text = doc.text  # built from every token on each access: read it once
    for mention in [*mentions(doc), *(extra or [])]:
        if mention.type != "person":
            continue
        role = role_before(text, mention) or role_after(text, mention.end)
        if role:
            found.append(Role(mention.actor, role, mention.start))
    return found


def role_before(text: str, mention: Mention) -> str:
    """The title right before (or inside the front of) a person's name, or ''."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    before = text[line_start:mention.start]
    prefix = mention.form[: max(0, len(mention.form) - len(mention.actor))]
    run = ROLE_RUN.search(before + prefix)
    if not run:
        return ""
    words = run.group(0).split()
    while words and words[0].lower() in {"of", "for", "and", "the", "while", "when", "as"}:
        words.pop(0)
    role = " ".join(words).strip(" -")
    return role if title_words(role) else ""


def role_after(text: str, end: int) -> str:
    """An appositive role right after a name (', a peasant,'), or ''."""
    match = APPOSITIVE.match(text[end:end + 60])
    return match.group(1).strip() if match else ""


def title_words(role: str) -> str:
    """The longest title from data/rules/titles.txt inside `role` (lower case), or ''."""
    lowered = f" {role.lower()} "
    return next((title for title in titles() if f" {title} " in lowered), "")


def role_key(role: str, doc: Doc | None = None) -> frozenset[str]:
    """The words of a role without nationality or place words ('US President' -> {president})."""
    words = re.findall(r"[\w’'-]+", role.lower())
    places = _place_words(doc) if doc is not None else set()
    return frozenset(word for word in words if word not in places and word != "the")


def _place_words(doc: Doc) -> set[str]:
    """Lower-case words of nationality, country and organisation names in `doc`."""
    labels = {"NORP", "GPE", "ORG", "LOC"}
    return {token.lower_ for ent in doc.ents if ent.label_ in labels for token in ent}


def title_conflict(actor_roles: list[str], doc: Doc | None = None) -> bool:
    """True when the roles name two different offices (not just with or without a country)."""
    keys = {role_key(role, doc) for role in actor_roles if title_words(role)}
    return len(keys) > 1


def actor_table(doc: Doc, article: Article, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: name, type, role, mentions, quotes (and roles with a conflict flag)."""
    found = mentions(doc)
    speakers = _speaker_mentions(article, quotes, {m.actor for m in found})
    all_mentions = found + speakers
    given = roles(doc, speakers)
    rows = []
    for actor, group in _by_actor(all_mentions).items():
        actor_roles = [r.role for r in given if r.actor == actor]
        said = quotes[quotes["speaker"] == actor] if not quotes.empty else quotes
        direct = said[said["kind"] == "direct"] if not said.empty else said
        rows.append({
            "actor": actor,
            "type": _type(group),
            "role": Counter(actor_roles).most_common(1)[0][0] if actor_roles else "",
            "mentions": len(group),
            "quotes": len(said),
            "direct_quotes": len(direct),
            "quoted_words": int(direct["words"].sum()) if not direct.empty else 0,
            "roles": "; ".join(dict.fromkeys(actor_roles)),
            "title_conflict": title_conflict(actor_roles, doc),
        })
    table = pd.DataFrame(rows, columns=ACTOR_COLUMNS).astype(ACTOR_DTYPES)
    return table.sort_values(
        ["quotes", "mentions", "actor"], ascending=[False, False, True], ignore_index=True
    )


def _by_actor(found: list[Mention]) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for mention in found:
        groups.setdefault(mention.actor, []).append(mention)
    return groups


def _type(group: list[Mention]) -> str:
    """Person and organisation as given; a place by its most frequent spaCy label."""
    kind = group[0].type
    if kind != "place":
        return kind
    label = Counter(m.label for m in group).most_common(1)[0][0]
    return ACTOR_TYPES.get(label, "place")


def _speaker_mentions(article: Article, quotes: pd.DataFrame, known: set[str]) -> list[Mention]:
    """Mentions of speakers the entity model missed: named people, and groups ('officials')."""
    if quotes.empty:
        return []
    extra = []
    for name, written in quotes[["speaker", "speaker_as_written"]].drop_duplicates(
            "speaker").itertuples(index=False):
        if not name or name in known:
            continue
        kind = "person" if _looks_like_name(name) else "other"
        found = [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b",
                                                           article.text)]
        for start, end in found or [(0, 0)]:
            extra.append(Mention(name, kind, written, start, end, ""))
    return extra


def _looks_like_name(name: str) -> bool:
    """Two or more capitalised words: a personal name the model did not tag."""
    words = name.split()
    return len(words) >= 2 and all(word[:1].isupper() for word in words)
