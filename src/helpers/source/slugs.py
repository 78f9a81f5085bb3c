"""Report-folder names for article files: readable, stable, short, and one per file.

A file whose name is already a slug (`talks.txt`; `bus_lanes.txt` gives `bus-lanes`, as it always
has, so existing report folders keep their names) keeps it. Any other name is
transliterated to ASCII words by python-slugify (`Ärger & Co` -> `arger-co`, `Компьютер` ->
`kompiuter`) and gets a short hash of the file's resolved path, so `Talks.txt`, `talks!.txt` and
`talks.txt` in one folder get three different folders, and the same file always gets the same
one. Names the kit uses for its own folders are never given to an article.
"""

from __future__ import annotations

import hashlib
import os
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

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A slug: lower-case ASCII letters and digits, with single hyphens between."""


def path_hash(path: Path) -> str:
    """A short, stable hash of the resolved path of `path` (a loop of links hashes as far as it
    resolves, where `Path.resolve` would raise)."""
    return hashlib.sha256(os.path.realpath(path).encode()).hexdigest()[:HASH_LENGTH]


def slug_for(path: Path) -> str:
    """The report-folder name of the article file at `path` (see the module docstring)."""
    plain = path.stem.replace("_", "-")
    if SLUG.fullmatch(plain) and len(plain) <= MAX_LENGTH and plain not in RESERVED:
        return plain
    words = slugify(path.stem, max_length=WORDS_LENGTH, word_boundary=True, save_order=True)
    return f"{words or 'article'}-{path_hash(path)}"
