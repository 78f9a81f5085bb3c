"""The public record of a story: a pack's record tables, loaded with checked types.

Every table has the same columns (`RECORD_COLUMNS`): the date a figure was given, its low and
high ends, what it counts, who gave it, and the page it was read on (publisher, date, title,
address, a verbatim excerpt). A table may add columns of its own (the troop estimates keep the
`scope` of each estimate); they follow the shared ones. A malformed row is an error naming the
file and line, and so is a row a desk would not accept as a source: without a publisher, a
publication date or an address, published before the figure was given, citing a site or a
kind of publisher `data/stories/refused_sources.csv` refuses (a re-host, an aggregator, a blog,
a reprint of someone else's page), or reporting another outlet's report: a row whose giver
reached the page through an outlet ("official (per NBC News)") cites that outlet.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from helpers.paths import STORIES_DIR
from helpers.rules import RuleError, read_table
from helpers.stories.packs import RecordTable

REFUSED = STORIES_DIR / "refused_sources.csv"

RECORD_COLUMNS = ["date", "low", "high", "what", "who", "publisher", "published", "title", "url",
                  "excerpt", "notes"]
REQUIRED = ("date", "low", "high", "what", "who", "publisher", "published", "title", "url",
            "excerpt")


@cache
def refused() -> dict[str, dict[str, str]]:
    """kind ('domain', 'publisher' or 'giver') -> refused value -> why, from
    refused_sources.csv."""
    found: dict[str, dict[str, str]] = {"domain": {}, "publisher": {}, "giver": {}}
    for row in read_table(REFUSED, ("kind", "value", "reason")):
        if row["kind"] not in found:
            raise RuleError(f"{REFUSED}:{row.line}: kind {row['kind']!r} must be 'domain', "
                            f"'publisher' or 'giver'.")
        found[row["kind"]][row["value"].lower()] = row["reason"]
    return found


def refusal(url: str, publisher: str) -> str | None:
    """Why a desk would not accept a page at `url` published by `publisher`, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"the address {url!r} is not a web address (http:// or https://)"
    host = parts.hostname.lower()
    rules = refused()
    for domain, why in rules["domain"].items():
        if host == domain or host.endswith("." + domain):
            return f"{domain} is refused ({why})"
    words = set(re.findall(r"[\w-]+", publisher.lower()))
    for word, why in rules["publisher"].items():
        if word in words:
            return f"the publisher {publisher!r} says {word!r}: {why}"
    return None


@cache
def _through() -> re.Pattern[str]:
    """The refused giver phrases ('per', 'via', 'according to') before an outlet's capitalised
    name, which runs to the next bracket, comma, semicolon or slash."""
    phrases = sorted(refused()["giver"], key=len, reverse=True)
    if not phrases:
        return re.compile(r"(?!)")
    words = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases)
    return re.compile(rf"\b(?:{words})\s+(?:the\s+)?(?P<outlet>[A-Z][^(),;/]*)")


def second_hand(who: str, publisher: str) -> str | None:
    """Why a row whose giver (`who`) reached the page through another outlet ('Senior official
    (per NBC News)') may not cite `publisher` when that is not the outlet, or None. Phrases in
    lower case only: 'Brown and Via' is a name."""
    for found in _through().finditer(who):
        outlet = found["outlet"].strip()
        if outlet and outlet.lower() not in publisher.lower():
            return (f"the figure came to {publisher!r} through {outlet} ({found.group(0)!r} in "
                    f"the who column): cite {outlet}'s own page, or drop the row")
    return None


def _date(value: str, column: str, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RuleError(f"{where}: column {column!r} must be a date YYYY-MM-DD, got {value!r}. "
                        f"Fix the row.") from None


def _whole(value: str, column: str, where: str) -> int:
    if not re.fullmatch(r"\d+", value):
        raise RuleError(f"{where}: column {column!r} must be a whole number without separators "
                        f"(e.g. 150000), got {value!r}. Fix the row.")
    return int(value)


@cache
def read_records(path: Path) -> pd.DataFrame:
    """The rows of one record file, oldest first, every value checked."""
    rows = []
    columns = list(RECORD_COLUMNS)
    for row in read_table(path, REQUIRED):
        where = f"{path}:{row.line}"
        columns += [column for column in row.values if column not in columns]
        values = {column: row.values.get(column, "") for column in columns}
        values["date"] = _date(values["date"], "date", where)
        values["published"] = _date(values["published"], "published", where)
        values["low"] = _whole(values["low"], "low", where)
        values["high"] = _whole(values["high"], "high", where)
        if values["low"] > values["high"]:
            raise RuleError(f"{where}: low {values['low']} is above high {values['high']}; "
                            f"swap them.")
        if values["published"] < values["date"]:
            raise RuleError(f"{where}: published {values['published']} is before the figure "
                            f"was given ({values['date']}); fix one of the two dates.")
        if why := refusal(values["url"], values["publisher"]):
            raise RuleError(f"{where}: not a source a desk accepts: {why}. Cite the organisation "
                            f"that made the figure or a news organisation that reported it "
                            f"(docs/story-packs.md).")
        if why := second_hand(values["who"], values["publisher"]):
            raise RuleError(f"{where}: not a source a desk accepts: {why} "
                            f"(docs/story-packs.md).")
        rows.append(values)
    table = pd.DataFrame(rows, columns=columns)
    table["date"] = pd.to_datetime(table["date"])
    table["published"] = pd.to_datetime(table["published"])
    table = table.astype({"low": "int64", "high": "int64"})
    return table.sort_values("date", kind="stable", ignore_index=True)


def records(table: RecordTable) -> pd.DataFrame:
    """The rows of a pack's record table (a copy: callers may filter and add columns)."""
    return read_records(table.path).copy()


def comparable(table: RecordTable, unit: str) -> pd.DataFrame:
    """The rows an article figure counting `unit` is compared with (never a projection)."""
    rows = records(table)
    rows = rows[~rows["what"].isin(table.projections)].reset_index(drop=True)
    what = table.compared_what(unit)
    return rows if what is None else rows[rows["what"] == what].reset_index(drop=True)
