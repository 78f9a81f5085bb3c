"""The on-disk cache of analyses: one entry per article, model and code version.

The key is the article's bytes, the spaCy model (package and version), the story pack and a
fingerprint of the code and rule files, so a change to any of them recomputes. Entries live
under `.cache/analysis/` (git-ignored; `HELPERS_CACHE_DIR` moves it) and are written
atomically, so parallel kernels can share them.

An entry holds data only, never code: a zip of the doc as spaCy serialises it (`Doc.to_bytes`,
msgpack arrays and strings), each table as JSON with each column's dtype (`table_json`), and
notes as JSON, behind a SHA-256 checksum of the whole zip. Nothing is parsed before the
checksum matches, so flipped bytes are found before any reader sees them. An entry that fails
to load is deleted and computed again, with one warning; a cache folder that cannot be written
leaves the analysis running without it, with one warning per process.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import time
import warnings
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from pandas.api.typing import NAType

from helpers import __version__
from helpers.paths import CACHE_DIR, DATA_DIR, PROJ_ROOT

ANALYSIS_CACHE = CACHE_DIR / "analysis"
FINGERPRINTED = ("rules", "stories")
"""Folders of `data/` whose files change what an analysis computes."""

SUFFIX = ".entry"
MAGIC = b"helpers-cache 1 "
"""First bytes of an entry file: format name and version, then the zip's SHA-256 and a newline."""


class CacheWarning(UserWarning):
    """The cache could not be used; the analysis went on without it."""


@dataclass(frozen=True)
class Entry:
    """What the cache keeps of one analysis: the parsed doc's bytes, its tables and notes."""

    doc: bytes
    tables: dict[str, pd.DataFrame]
    meta: dict[str, str]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the helpers source, the rule files and the story packs."""
    digest = hashlib.sha256(__version__.encode())
    package = PROJ_ROOT / "src" / "helpers"
    sources = [(path, path.relative_to(package)) for path in sorted(package.rglob("*.py"))]
    for folder in FINGERPRINTED:
        sources += [(path, path.relative_to(DATA_DIR)) for path in
                    sorted((DATA_DIR / folder).rglob("*")) if path.is_file()]
    for path, name in sources:
        digest.update(str(name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(*parts: str) -> str:
    """The key of one entry from the parts it depends on (article hash, model, pack, ...)."""
    joined = "\n".join([*parts, code_fingerprint()])
    return hashlib.sha256(joined.encode()).hexdigest()[:32]


def table_json(table: pd.DataFrame) -> str:
    """A table as JSON: its row count and, per column, name, dtype and values.

    Python's JSON keeps what pandas' own JSON loses: inf, -0.0, None in object columns. Only
    tables with the default index and unique column names are stored; anything else is refused.
    """
    if not table.index.equals(pd.RangeIndex(len(table))) or not table.columns.is_unique:
        raise ValueError("the cache stores tables with a 0..n-1 index and unique column names")
    columns = [
        {"name": name, "dtype": str(column.dtype),
         "values": [None if isinstance(value, NAType) else value for value in column.tolist()]}
        for name, column in table.items()
    ]
    return json.dumps({"rows": len(table), "columns": columns}, default=str)


def table_from_json(data: bytes | str) -> pd.DataFrame:
    """The table that `table_json` wrote, with the same dtypes."""
    spec = json.loads(data)
    columns = {c["name"]: pd.Series(c["values"], dtype=c["dtype"]) for c in spec["columns"]}
    return pd.DataFrame(columns) if columns else pd.DataFrame(index=pd.RangeIndex(spec["rows"]))


def encode(entry: Entry) -> bytes:
    """The bytes of an entry file: header with checksum, then the zip of doc, tables and notes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("doc.bin", entry.doc)
        archive.writestr("meta.json", json.dumps(entry.meta))
        archive.writestr("tables.json", json.dumps(list(entry.tables)))
        for name, table in entry.tables.items():
            archive.writestr(f"tables/{name}.json", table_json(table))
    body = buffer.getvalue()
    return MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def decode(data: bytes) -> Entry:
    """The entry in `data`; ValueError when it is not one or its checksum does not match."""
    header, newline, body = data.partition(b"\n")
    if not header.startswith(MAGIC) or not newline:
        raise ValueError("not a cache entry of this version")
    if header[len(MAGIC):] != hashlib.sha256(body).hexdigest().encode():
        raise ValueError("checksum mismatch: the file was changed or damaged")
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = json.loads(archive.read("tables.json"))
        tables = {name: table_from_json(archive.read(f"tables/{name}.json")) for name in names}
        meta = json.loads(archive.read("meta.json"))
        return Entry(archive.read("doc.bin"), tables, meta)


def load(key: str) -> Entry | None:
    """The entry stored under `key`, or None when there is none; a damaged one is discarded."""
    path = ANALYSIS_CACHE / f"{key}{SUFFIX}"
    if off():
        return None
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        _warn_unusable(error)
        return None
    try:
        return decode(data)
    except Exception as error:  # any damage, in any reader: the entry is rebuilt
        warnings.warn(f"The cached analysis {path} could not be read ({error}); it was "
                      f"discarded and the analysis is computed again.", CacheWarning,
                      stacklevel=2)
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only cache keeps it; the analysis is computed all the same
        return None


def store(key: str, entry: Entry) -> None:
    """Write `entry` under `key`, atomically; an unwritable cache folder is skipped."""
    path = ANALYSIS_CACHE / f"{key}{SUFFIX}"
    if off():
        return
    data = encode(entry)
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError as error:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        _warn_unusable(error)
        return
    sweep(path.parent)


STALE_SECONDS = 3600
"""A temporary entry file this old was left by a killed writer (writing one takes seconds)."""

_swept: set[Path] = set()


def sweep(folder: Path) -> list[Path]:
    """Remove the temporary files killed writers left in the cache `folder` (`tmp*.tmp`, older
    than `STALE_SECONDS`, so a write under way elsewhere is left alone); once per process."""
    if folder in _swept:
        return []
    _swept.add(folder)
    removed = []
    for temporary in folder.glob("tmp*.tmp"):
        try:
            if temporary.stat().st_mtime < time.time() - STALE_SECONDS:
                temporary.unlink()
                removed.append(temporary)
        except OSError:
            pass  # gone meanwhile, or not ours to remove: the cache works all the same
    return removed


_warned: set[Path] = set()

OFF_ENV = "HELPERS_CACHE_OFF"
"""Set to 1 (the render does, for its kernels, once it has warned) to run without the cache."""


def off() -> bool:
    """Whether the cache is switched off: HELPERS_CACHE_OFF=1, or it was found unusable."""
    return os.environ.get(OFF_ENV) == "1" or ANALYSIS_CACHE in _warned


def _warn_unusable(error: OSError) -> None:
    """Warn once per process and folder that the cache cannot be used."""
    if ANALYSIS_CACHE in _warned:
        return
    _warned.add(ANALYSIS_CACHE)
    warnings.warn(f"The analysis cache {ANALYSIS_CACHE} cannot be used ({error.strerror or error})"
                  f": analyses run without it. Make the folder writable, or set "
                  f"HELPERS_CACHE_DIR to a folder that is.", CacheWarning, stacklevel=3)


def entries() -> list[Path]:
    """The entry files now in the cache folder."""
    return sorted(ANALYSIS_CACHE.glob(f"*{SUFFIX}")) if ANALYSIS_CACHE.exists() else []
