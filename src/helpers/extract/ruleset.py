"""The extraction rules of one language, read from its rule folder once and passed to each stage.

`rules_for(language)` gives the `Rules` of a language (`data/rules/<language>/`), made once
per language; each rule file is read and checked the first time a stage asks for it, and an
error names the file, the line and the fix. A test builds `Rules(language, folder)` on a
folder of its own, or swaps one field with `dataclasses.replace`.
"""

from __future__ import annotations

import importlib.resources
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.extract.lexicon import Settings, word_kind
from helpers.extract.marks import ROLES as MARK_ROLES
from helpers.extract.marks import Marks
from helpers.extract.numbers import LINK_ROLES, WORD_KINDS
from helpers.extract.phrases import Phrase, phrase_words
from helpers.extract.references import REFERS_TO, Pronoun
from helpers.extract.surnames import GENDERS
from helpers.extract.turns import ROLES as TURN_ROLES
from helpers.rules import Row, RuleError, fail, read_list, read_table, rule_path, rule_pattern
from helpers.vocab import WordKind

if TYPE_CHECKING:
    import re

CUE_KINDS = ("verb", "verb+to", "verb+quote", "verb+adjective", "noun", "frame", "aside")
"""The kinds of entry of `cues.txt`."""


@dataclass(frozen=True)
class Cues:
    """The cue words of `cues.txt`, by kind."""

    verbs: frozenset[str]
    to_verbs: frozenset[str]
    adjectives: frozenset[tuple[str, str]]
    nouns: frozenset[str]
    frames: tuple[tuple[str, ...], ...]
    asides: frozenset[str]
    quoting: frozenset[str]
    """Verbs that attribute only the quoted words they govern ('calling it a “pattern of
    lies”'), never a that-clause: other senses of them are common ('a town called X')."""


class WordList:
    """A word list of the rules (`Rules.<name>`), lower case, read the first time it is asked
    for and kept on the Rules object."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __set_name__(self, owner: type, attribute: str) -> None:
        self.attribute = attribute

    def __get__(self, rules: Rules, owner: type | None = None) -> frozenset[str]:
        kept = rules.__dict__
        if self.attribute not in kept:
            kept[self.attribute] = rules.lower(self.name)
        return kept[self.attribute]


@dataclass(frozen=True)
class Rules:
    """Every rule the extraction stages read, for one language, each read once when first
    asked for."""

    language: str
    folder: Path
    """The language's rule folder (`data/rules/en/`)."""

    def path(self, name: str) -> Path:
        """The path of rule file `name` ('cues.txt', 'figures/units.csv')."""
        return self.folder / name

    def table(self, name: str, columns: Sequence[str], optional: Sequence[str] = ()
              ) -> tuple[Row, ...]:
        """The rows of table `name` (see `rules.read_table`)."""
        return read_table(self.path(name), tuple(columns), tuple(optional))

    def labels(self, name: str, label: str, allowed: Sequence[str]) -> dict[str, str]:
        """Column `word` (lower case) -> column `label` of table `name`; a label not in
        `allowed` is an error naming the file and line."""
        found = {}
        for row in self.table(name, ("word", label)):
            if row[label] not in allowed:
                raise fail(row, self.path(name), f"{label} must be one of "
                           f"{', '.join(allowed)}; got {row[label]!r}.")
            found[row["word"].lower()] = row[label]
        return found

    def lower(self, name: str) -> frozenset[str]:
        """The entries of list `name`, lower case, as a set."""
        return frozenset(entry.lower() for entry in read_list(self.path(name)))

    # --- quotes ---------------------------------------------------------------------------

    @cached_property
    def cues(self) -> Cues:
        """The cue verbs, nouns and frames from `cues.txt`."""
        kinds: dict[str, list[str]] = {kind: [] for kind in CUE_KINDS}
        path = self.path("cues.txt")
        for number, line in enumerate(read_list(path), 1):
            kind, _, word = line.partition(" ")
            words = word.strip().lower().split()
            if kind not in kinds or not words or (kind == "verb+adjective" and len(words) != 2):
                raise RuleError(
                    f"{path}: entry {number} ({line!r}): expected a kind "
                    f"({', '.join(CUE_KINDS)}), a space and a word (two words for "
                    f"verb+adjective: 'make clear')."
                )
            kinds[kind].append(" ".join(words))
        return Cues(
            verbs=frozenset(kinds["verb"] + kinds["verb+to"]),
            to_verbs=frozenset(kinds["verb+to"]),
            adjectives=frozenset(tuple(pair.split()) for pair in kinds["verb+adjective"]),
            nouns=frozenset(kinds["noun"]),
            frames=tuple(tuple(frame.split()) for frame in kinds["frame"]),
            asides=frozenset(kinds["aside"]),
            quoting=frozenset(kinds["verb+quote"]),
        )

    title_case_words = WordList("title_case_words.txt")
    """Words a title leaves in lower case."""

    source_nouns = WordList("source_nouns.txt")
    """Nouns that speak for whoever made them ('report', 'survey')."""

    not_speakers = WordList("not_speakers.txt")
    """Nouns that 'say' without speaking."""

    @cached_property
    def marks(self) -> Marks:
        """The quotation marks, from `quote_marks.csv` and `quote_mark_context.csv`."""
        roles: dict[str, tuple[str, ...]] = {role: () for role in MARK_ROLES}
        path = self.path("quote_marks.csv")
        for row in self.table("quote_marks.csv", ("mark", "role")):
            if row["role"] not in roles or len(row["mark"]) not in (1, 2):
                raise RuleError(f"{path}:{row.line}: a mark is one or two characters and its "
                                f"role one of {', '.join(MARK_ROLES)}; got {row.values}.")
            roles[row["role"]] += (row["mark"],)
        sides = {row["side"]: row["characters"]
                 for row in self.table("quote_mark_context.csv", ("side", "characters"))}
        return Marks(roles["open"], roles["close"], roles["straight"],
                     sides.get("opens_after", ""), sides.get("closes_before", ""))

    @cached_property
    def turn_labels(self) -> dict[str, str]:
        """Label word -> role, from `turn_labels.csv`."""
        return self.labels("turn_labels.csv", "role", TURN_ROLES)

    @cached_property
    def transcript_marks(self) -> tuple[list[re.Pattern[str]], ...]:
        """(stage-direction patterns, end patterns), from `transcript_marks.csv`."""
        kinds: dict[str, list[re.Pattern[str]]] = {"direction": [], "end": []}
        path = self.path("transcript_marks.csv")
        for row in self.table("transcript_marks.csv", ("kind", "pattern")):
            if row["kind"] not in kinds:
                raise fail(row, path, "kind must be direction or end.")
            kinds[row["kind"]].append(rule_pattern(row, path))
        return kinds["direction"], kinds["end"]

    # --- actors ---------------------------------------------------------------------------

    @cached_property
    def aliases(self) -> dict[str, str]:
        """Alias -> canonical name, from `aliases.csv` (case-sensitive)."""
        return {row["alias"]: row["canonical"]
                for row in self.table("aliases.csv", ("alias", "canonical"))}

    @cached_property
    def titles(self) -> tuple[str, ...]:
        """Title words ('president', 'foreign minister'), longest first, from `titles.txt`."""
        return tuple(sorted(self.lower("titles.txt"), key=len, reverse=True))

    @cached_property
    def title_vocabulary(self) -> frozenset[str]:
        """Every word of every title ('former governor Paul Calloway' holds a title in lower
        case)."""
        return frozenset(word for title in self.titles for word in title.split())

    role_links = WordList("role_links.txt")
    """Lower-case words read inside a title ('of' in 'Secretary of State')."""

    @cached_property
    def title_synonyms(self) -> dict[str, tuple[str, ...]]:
        """Noun -> the titles it may stand for ('diplomat' -> foreign minister, ...)."""
        found: dict[str, list[str]] = {}
        for row in self.table("title_synonyms.csv", ("word", "title")):
            found.setdefault(row["word"].lower(), []).append(row["title"].lower())
        return {word: tuple(titles) for word, titles in found.items()}

    organisation_nouns = WordList("organisation_nouns.txt")
    """Nouns that stand for an organisation named before."""

    place_nouns = WordList("place_nouns.txt")
    """Nouns that stand for a country named before."""

    @cached_property
    def pronouns(self) -> dict[tuple[str, bool], Pronoun]:
        """(word, possessive) -> Pronoun, from `pronouns.csv` ('her' is both kinds)."""
        path = self.path("pronouns.csv")
        found = {}
        for row in self.table("pronouns.csv", ("word", "refers_to", "possessive")):
            if row["refers_to"] not in REFERS_TO or row["possessive"] not in ("yes", "no"):
                raise fail(row, path, f"refers_to must be one of {list(REFERS_TO)} and "
                           f"possessive yes or no; got {row.values}.")
            possessive = row["possessive"] == "yes"
            found[(row["word"].lower(), possessive)] = Pronoun(row["word"].lower(),
                                                             row["refers_to"], possessive)
        return found

    @cached_property
    def gendered_words(self) -> dict[str, str]:
        """Word (lower case) -> gender, from `gendered_words.csv`."""
        return self.labels("gendered_words.csv", "gender", GENDERS)

    # --- stances --------------------------------------------------------------------------

    @cached_property
    def stance_settings(self) -> Settings:
        """The stance settings of `stance.toml`."""
        path = self.path("stance.toml")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            return Settings(
                data["lexicon_package"], data["lexicon_file"], float(data["support_at"]),
                float(data["oppose_at"]), frozenset(data["parts_of_speech"]),
                frozenset(data["example_links"]), frozenset(data["example_frames"]),
                frozenset(data["awaited_verbs"]), frozenset(data["wish_verbs"]),
                frozenset(data["awaited_marks"]),
                frozenset(data["decision_words"]), frozenset(data["awaited_nouns"]),
                frozenset(data["punish_links"]), frozenset(data["time_links"]),
                frozenset(data["place_links"]), frozenset(data["joint_nouns"]),
                frozenset(data["meeting_words"]), frozenset(data["consequence_verbs"]))
        except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError) as error:
            raise RuleError(f"{path}: {error}; it needs lexicon_package, lexicon_file, "
                            f"support_at, oppose_at, parts_of_speech, example_links, "
                            f"example_frames, awaited_verbs, wish_verbs, awaited_marks, "
                            f"decision_words, awaited_nouns, punish_links, time_links, "
                            f"place_links, joint_nouns, meeting_words and consequence_verbs."
                            ) from None

    @cached_property
    def valences(self) -> dict[str, float]:
        """Word -> mean valence (-4 to +4) from the published lexicon (single words only)."""
        chosen = self.stance_settings
        try:
            text = (importlib.resources.files(chosen.lexicon_package) / chosen.lexicon_file
                    ).read_text(encoding="utf-8")
        except (ModuleNotFoundError, FileNotFoundError):
            raise RuleError(f"The sentiment lexicon {chosen.lexicon_file} of package "
                            f"{chosen.lexicon_package!r} is not installed: run "
                            f"`pip install -r requirements.txt`.") from None
        found = {}
        for line in text.splitlines():
            word, _, rest = line.partition("\t")
            if word.isalpha() and rest:
                found[word.lower()] = float(rest.split("\t")[0])
        return found

    @cached_property
    def stance_cues(self) -> dict[Phrase, WordKind]:
        """Phrase -> kind, from `stance_cues.csv`."""
        path = self.path("stance_cues.csv")
        return {phrase_words(row["word"]): word_kind(row, path)
                for row in self.table("stance_cues.csv", ("word", "kind"))}

    # --- figures --------------------------------------------------------------------------

    @cached_property
    def units(self) -> dict[str, tuple[str, str]]:
        """Written form -> (unit, category), from `figures/units.csv`."""
        rows = self.table("figures/units.csv", ("form", "unit", "category"))
        return {row["form"].lower(): (row["unit"], row["category"]) for row in rows}

    @cached_property
    def number_words(self) -> dict[str, tuple[float, str]]:
        """Word -> (value, kind), from `figures/number_words.csv`."""
        path = self.path("figures/number_words.csv")
        found = {}
        for row in self.table("figures/number_words.csv", ("word", "value", "kind")):
            if row["kind"] not in WORD_KINDS:
                raise fail(row, path, f"kind {row['kind']!r} is not one of {WORD_KINDS}.")
            found[row["word"].lower()] = (float(row["value"]), row["kind"])
        return found

    @cached_property
    def number_links(self) -> dict[str, frozenset[str]]:
        """Word -> its roles (article, joiner, of, point, range), from `number_links.csv`."""
        path = self.path("figures/number_links.csv")
        found: dict[str, set[str]] = {}
        for row in self.table("figures/number_links.csv", ("word", "role")):
            if row["role"] not in LINK_ROLES:
                raise fail(row, path, f"role {row['role']!r} is not one of {LINK_ROLES}.")
            found.setdefault(row["word"].lower(), set()).add(row["role"])
        return {word: frozenset(roles) for word, roles in found.items()}

    @cached_property
    def not_amounts(self) -> tuple[re.Pattern[str], ...]:
        """Patterns of text whose digits are no amount (times of day, telephone numbers)."""
        path = self.path("figures/not_amounts.csv")
        return tuple(rule_pattern(row, path)
                     for row in self.table("figures/not_amounts.csv", ("kind", "pattern")))

    @cached_property
    def qualifiers(self) -> dict[tuple[str, str], str]:
        """(phrase, position) -> meaning (below, around, above, at_most, at_least)."""
        rows = self.table("figures/qualifiers.csv", ("phrase", "position", "meaning"))
        return {(row["phrase"].lower(), row["position"]): row["meaning"] for row in rows}

    @cached_property
    def counted_nouns(self) -> dict[str, tuple[str, bool]]:
        """Noun lemma -> (category, counts people), from `figures/counted_nouns.csv`."""
        rows = self.table("figures/counted_nouns.csv", ("lemma", "category", "person"))
        return {row["lemma"].lower(): (row["category"], row["person"] == "yes") for row in rows}

    @cached_property
    def category_cues(self) -> dict[str, str]:
        """Cue lemma -> category, from `figures/category_cues.csv`."""
        rows = self.table("figures/category_cues.csv", ("lemma", "category"))
        return {row["lemma"].lower(): row["category"] for row in rows}

    @cached_property
    def time_cues(self) -> list[tuple[tuple[str, ...], str, str]]:
        """(cue words, kind, time label), longest cue first, from `figures/times.csv`."""
        rows = self.table("figures/times.csv", ("cue", "kind", "time"), optional=("time",))
        cues = [(tuple(row["cue"].lower().split()), row["kind"], row["time"]) for row in rows]
        return sorted(cues, key=lambda cue: -len(cue[0]))

    attribution_verbs = WordList("figures/attribution_verbs.txt")
    """Lemmas of verbs that give a figure to their subject."""

    change_verbs = WordList("figures/change_verbs.txt")
    """Lemmas before a number that make 'X to Y' a change and a level."""

    score_cues = WordList("figures/score_cues.txt")
    """Lemmas next to 'X-Y' that make it the score of a game."""

    @cached_property
    def counted_later(self) -> tuple[tuple[str, ...], ...]:
        """Phrases that name what an earlier bare number counts (`counted_later.txt`)."""
        return tuple(tuple(line.lower().split())
                     for line in read_list(self.path("figures/counted_later.txt")))


@cache
def rules_for(language: str) -> Rules:
    """The rules of `language`, made once; a language with no rule folder is a RuleError."""
    return Rules(language, rule_path("", language))
