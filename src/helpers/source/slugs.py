"""Report-folder names for article files: readable, stable, short, and one per file.

A file whose name is already a slug (`bus_lanes.txt`, `talks.txt`) keeps it. Any other name is
transliterated to ASCII words by python-slugify (`Ärger & Co` -> `arger-co`, `Компьютер` ->
`kompiuter`) and gets a short hash of the file's resolved path, so `Talks.txt`, `talks!.txt` and
`talks.txt` in one folder get three different folders, and the same file always gets the same
one. Names the kit uses for its own folders are never given to an article.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from slugify import slugify

MAX_LENGTH = 64
"""Longest slug kept as it is; staging and version names add at most 20 characters to it."""

WORDS_LENGTH = 48
"""Characters of readable words kept before the hash when a name has to be changed."""

HASH_LENGTH = 8

RESERVED = frozenset({"with-code", "teaching", "corpus", "index"})
"""Folders of `reports/` that the kit writes itself (classroom render, teacher pages, corpus)."""

SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
"""An unchanged slug: lower-case ASCII letters and digits, with single '-' or '_' between."""


def path_hash(path: Path) -> str:
    """A short, stable hash of the resolved path of `path`."""
    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:HASH_LENGTH]


def slug_for(path: Path) -> str:
    """The report-folder name of the article file at `path` (see the module docstring)."""
    stem = path.stem
    if SLUG.fullmatch(stem) and len(stem) <= MAX_LENGTH and stem not in RESERVED:
        return stem
    words = slugify(stem, max_length=WORDS_LENGTH, word_boundary=True, save_order=True,
                    regex_pattern=r"[^a-z0-9_]+")
    words = words.strip("-_")[:WORDS_LENGTH] or "article"
    return f"{words}-{path_hash(path)}"
