"""Where an article comes from: outlet, date, author and URL.

Three places give them, and for each field the first that has it wins:

1. a front-matter block at the very top of a `.txt` file (`key: value` lines between `---`);
2. the file's row in a `manifest.csv` beside it (columns `file,outlet,date,author,url,licence,
   kind,notes`, the format the corpus folders use);
3. for a saved web page, the page's own metadata as trafilatura reads it.

Dates are written `YYYY-MM-DD`. The README shows both formats.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from helpers.source.files import TooLarge, read_limited

FENCE = "---"
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ("file", "outlet", "date", "author", "url", "licence", "kind", "notes")
"""The manifest's columns; `licence`, `kind` and `notes` are for the people keeping a corpus."""

KEYS = MANIFEST_COLUMNS[1:]
"""Keys a front-matter block may hold: the manifest's columns but `file`."""

MANIFEST_MAX_BYTES = 50_000_000
FRONT_MATTER_MAX_LINES = 20
ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z]*)?")


@dataclass(frozen=True)
class Meta:
    """An article's outlet, publication date, author and URL; None when nothing gives one."""

    outlet: str | None = None
    date: datetime.date | None = None
    author: str | None = None
    url: str | None = None

    def or_else(self, other: Meta) -> Meta:
        """These fields, each missing one taken from `other`."""
        return Meta(**{f.name: getattr(self, f.name) if getattr(self, f.name) is not None
                       else getattr(other, f.name) for f in fields(self)})


def parse_date(value: str, where: str) -> datetime.date:
    """A `YYYY-MM-DD` date (a full ISO timestamp is cut to its date); a clear error otherwise."""
    match = ISO_DATE.fullmatch(value.strip())
    try:
        if match:
            return datetime.date.fromisoformat(match.group(1))
    except ValueError:
        pass
    raise ValueError(f"{where}: the date {value!r} is not a date written YYYY-MM-DD "
                     f"(for example 2022-02-16).")


def from_fields(values: dict[str, str | None], where: str) -> Meta:
    """A Meta from text fields (empty ones are missing), the date checked."""
    clean = {key: value.strip() for key, value in values.items() if value and value.strip()}
    date = parse_date(clean["date"], where) if "date" in clean else None
    return Meta(clean.get("outlet"), date, clean.get("author"), clean.get("url"))


def split_front_matter(file: Path, lines: list[str]) -> tuple[Meta, list[str]]:
    """The front matter at the top of a text file's lines, and the lines after it.

    A file whose first line is not `---` has none. A block that is never closed, or that holds
    anything but `key: value` lines with known keys, is an error that shows the format.
    """
    if not lines or lines[0].strip() != FENCE:
        return Meta(), lines
    help_text = (f"A front-matter block starts and ends with a line '{FENCE}' and holds "
                 f"'key: value' lines with keys {', '.join(KEYS)}; dates are YYYY-MM-DD.")
    end = next((i for i, line in enumerate(lines[1:FRONT_MATTER_MAX_LINES + 2], 1)
                if line.strip() == FENCE), None)
    if end is None:
        raise ValueError(f"{file}: the front matter that opens with '{FENCE}' on line 1 is not "
                         f"closed within {FRONT_MATTER_MAX_LINES} lines. {help_text}")
    values: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], 2):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or key not in KEYS or key in values:
            problem = "repeats the key" if key in values else "is not a known 'key: value' line"
            raise ValueError(f"{file}:{number}: {line.strip()!r} {problem}. {help_text}")
        values[key] = value
    return from_fields(values, f"{file}, front matter"), lines[end + 1:]


def manifest_meta(file: Path) -> Meta:
    """The metadata of `file` from the `manifest.csv` in its folder (none without one)."""
    manifest = file.parent / MANIFEST
    try:
        info = manifest.stat()
    except OSError:
        return Meta()
    return _manifest(manifest, info.st_mtime_ns, info.st_size).get(file.name, Meta())


@lru_cache(maxsize=8)
def _manifest(manifest: Path, mtime_ns: int, size: int) -> dict[str, Meta]:
    """The rows of one manifest by file name (cached until the file changes)."""
    try:
        raw = read_limited(manifest, MANIFEST_MAX_BYTES, "manifest")
    except TooLarge:
        raise ValueError(f"{manifest} is over {MANIFEST_MAX_BYTES:,} bytes: is it a manifest "
                         f"(one row per article, columns {','.join(MANIFEST_COLUMNS)})?") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{manifest} is not UTF-8 text: re-save it as UTF-8 CSV.") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    with _csv_errors(manifest, reader):
        columns = [name.strip().lower() for name in reader.fieldnames or []]
    unknown = [name for name in columns if name not in MANIFEST_COLUMNS]
    if "file" not in columns or unknown:
        raise ValueError(
            f"{manifest}: the header must name the column 'file' and only the columns "
            f"{','.join(MANIFEST_COLUMNS)}; it has {','.join(columns) or 'no header'}"
            f"{' (unknown: ' + ', '.join(unknown) + ')' if unknown else ''}."
        )
    reader.fieldnames = columns
    rows: dict[str, Meta] = {}
    for row in _checked(manifest, reader):
        where = f"{manifest}, line {reader.line_num}"
        if None in row:
            raise ValueError(f"{where}: more values than columns (quote values holding commas).")
        name = (row.pop("file") or "").strip()
        if not name:
            continue
        if name in rows:
            raise ValueError(f"{where}: {name!r} has a row already; give each file one row.")
        rows[name] = from_fields(row, where)
    return rows


@contextmanager
def _csv_errors(manifest: Path, reader: csv.DictReader) -> Iterator[None]:
    """A CSV error (a value over the csv module's limit, a quote never closed) as an error
    naming the manifest and the line."""
    try:
        yield
    except csv.Error as error:
        line = reader.line_num + 1  # the line being read is not counted yet
        raise ValueError(f"{manifest}, line {line}: not readable as CSV ({error}). A "
                         f"value may hold at most {csv.field_size_limit():,} characters, and a "
                         f"value that opens a quote must close it.") from None


def _checked(manifest: Path, reader: csv.DictReader) -> Iterator[dict[str, str]]:
    """The rows of `reader`, each read under `_csv_errors`."""
    while True:
        with _csv_errors(manifest, reader):
            row = next(reader, None)
        if row is None:
            return
        yield row


def page_meta(document: Any) -> Meta:
    """Outlet, date, author and URL that trafilatura read from a saved page's metadata."""
    date = None
    if document.date:
        try:
            date = parse_date(document.date, "page")
        except ValueError:
            date = None  # a page's own odd date is dropped, not an error
    outlet = document.sitename or document.hostname
    return Meta(outlet or None, date, document.author or None, document.url or None)
