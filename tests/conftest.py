"""Shared fixtures: the seed article, the loaded model (once per test session), text files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from helpers.article import Article, load_article
from helpers.nlp import load_nlp
from helpers.paths import SEEDS_DIR

TESTS_DIR = Path(__file__).parent
ARTICLES_DIR = TESTS_DIR / "articles"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article shipped in seeds/ (the only file there)."""
    (path,) = sorted(SEEDS_DIR.glob("*.txt"))
    return path


@pytest.fixture(scope="session")
def seed_article(seed_path: Path) -> Article:
    return load_article(seed_path)


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def seed_doc(nlp, seed_article: Article):
    return nlp(seed_article.text)


@pytest.fixture
def write_article(tmp_path: Path) -> Callable[..., Path]:
    """Write text (str) or raw bytes to a file in tmp_path and return its path."""

    def write(content: str | bytes, name: str = "article.txt") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
