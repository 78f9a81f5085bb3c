"""The one loader for rule files: word lists and tables a teacher can edit, read once and cached.

Rules live under `data/rules/<language>/` (English: `data/rules/en/`); story packs keep their
own under `data/stories/<name>/` and are read the same way. Two formats:

- a list (`.txt`): one entry a line;
- a table (`.csv`): a header row, then one row a line.

In both, blank lines and lines starting with `#` are comments. A malformed line is a
`RuleError` naming the file and the line, and saying how to fix it. The rules the extraction
stages read are held, per language, by one `helpers.extract.ruleset.Rules`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from helpers.paths import RULES_DIR

LANGUAGE = "en"
"""The language whose rules are read unless another is asked for."""


class RuleError(ValueError):
    """A rule file that cannot be read as its format says."""


@dataclass(frozen=True)
class Row:
    """One row of a rule table, with the line it came from (for error messages)."""

    values: dict[str, str]
    line: int

    def __getitem__(self, column: str) -> str:
        return self.values[column]


def languages() -> list[str]:
    """The languages that have a rules folder ('en', ...)."""
    return sorted(p.name for p in RULES_DIR.iterdir() if p.is_dir())


def rule_path(name: str, language: str = LANGUAGE) -> Path:
    """The path of rule file `name` for `language` ('cues.txt' -> data/rules/en/cues.txt)."""
    folder = RULES_DIR / language
    if not folder.is_dir():
        raise RuleError(
            f"There are no rules for language {language!r} (no folder {folder}). Rules exist "
            f"for: {', '.join(languages()) or 'none'}."
        )
    return folder / name


def _lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of the lines that are not blank or comments."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleError(f"Rule file not found: {path}.") from None
    except UnicodeDecodeError as error:
        raise RuleError(f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8."
                        ) from None
    return [(number, line) for number, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")]


@cache
def read_list(path: Path) -> tuple[str, ...]:
    """The entries of a list file, stripped, in file order."""
    return tuple(line for _, line in read_numbered(path))


@cache
def read_numbered(path: Path) -> tuple[tuple[int, str], ...]:
    """(line number, entry) of a list file's entries, stripped, for errors that name the line."""
    return tuple((number, line.strip()) for number, line in _lines(path))


@cache
def read_table(path: Path, columns: Sequence[str], optional: Sequence[str] = ()
               ) -> tuple[Row, ...]:
    """The rows of a table file whose header holds every name in `columns`.

    Values are stripped; a row with too few or too many fields, or an empty value in a column
    not named in `optional`, is an error naming its line.
    """
    lines = _lines(path)
    if not lines:
        raise RuleError(f"{path}: the file is empty; it needs a header row naming "
                        f"{list(columns)}.")
    header_line, header = lines[0]
    names = [name.strip() for name in next(csv.reader([header]))]
    missing = [column for column in columns if column not in names]
    if missing:
        raise RuleError(f"{path}:{header_line}: the header lacks column(s) {missing}; it must "
                        f"name {list(columns)} (it has {names}).")
    rows = []
    for number, line in lines[1:]:
        fields = next(csv.reader([line]))
        if len(fields) != len(names):
            raise RuleError(f"{path}:{number}: expected {len(names)} fields ({', '.join(names)}),"
                            f" got {len(fields)}: {line!r}. Put values that hold a comma in "
                            f"double quotes.")
        values = {name: value.strip() for name, value in zip(names, fields, strict=True)}
        empty = [column for column in columns if not values[column] and column not in optional]
        if empty:
            raise RuleError(f"{path}:{number}: column(s) {empty} are empty: {line!r}.")
        rows.append(Row(values, number))
    return tuple(rows)


def rule_list(name: str, language: str = LANGUAGE) -> tuple[str, ...]:
    """The entries of list `name` in the rules of `language`."""
    return read_list(rule_path(name, language))


def rule_table(name: str, columns: Sequence[str], language: str = LANGUAGE,
               optional: Sequence[str] = ()) -> tuple[Row, ...]:
    """The rows of table `name` in the rules of `language` (see `read_table`)."""
    return read_table(rule_path(name, language), tuple(columns), tuple(optional))


def fail(row: Row, path: Path, message: str) -> RuleError:
    """A RuleError naming the file and line of `row`."""
    return RuleError(f"{path}:{row.line}: {message}")


def rule_pattern(row: Row, path: Path, column: str = "pattern") -> re.Pattern[str]:
    """Column `column` of `row` compiled as a case-insensitive regular expression; a pattern
    that is not one is a RuleError naming the file, the line and the fix."""
    try:
        return re.compile(row[column], re.IGNORECASE)
    except re.error as error:
        raise RuleError(
            f"{path}:{row.line}: {row[column]!r} is not a valid regular expression "
            f"({error.msg} at character {error.pos}). Fix it, or put a backslash before a "
            f"character meant literally, such as ( ) [ ] . + * ? |."
        ) from None
