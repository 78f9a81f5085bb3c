"""The on-disk cache of analyses: one entry per article, model and code version.

The key is the article's bytes, the spaCy model (package and version), the story pack and a
fingerprint of the code and rule files, so a change to any of them recomputes. Entries live
under `.cache/analysis/` (git-ignored; `HELPERS_CACHE_DIR` moves it) and are written
atomically, so parallel kernels can share them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers import __version__
from helpers.paths import CACHE_DIR, DATA_DIR, PROJ_ROOT

ANALYSIS_CACHE = CACHE_DIR / "analysis"
FINGERPRINTED = ("rules", "stories")
"""Folders of `data/` whose files change what an analysis computes."""


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


def load(key: str) -> Entry | None:
    """The entry stored under `key`, or None when there is none or it cannot be read."""
    path = ANALYSIS_CACHE / f"{key}.pickle"
    if not path.exists():
        return None
    try:
        data = pickle.loads(path.read_bytes())
        return Entry(data["doc"], data["tables"], data["meta"])
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, ValueError, TypeError):
        return None


def store(key: str, entry: Entry) -> None:
    """Write `entry` under `key`, atomically."""
    path = ANALYSIS_CACHE / f"{key}.pickle"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"doc": entry.doc, "tables": entry.tables, "meta": entry.meta}
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
        pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(handle.name, path)


def entries() -> list[Path]:
    """The entry files now in the cache folder."""
    return sorted(ANALYSIS_CACHE.glob("*.pickle")) if ANALYSIS_CACHE.exists() else []
