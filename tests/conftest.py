"""Shared fixtures: the seed article, the loaded model (once per test session), text files."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from helpers.nlp import load_nlp
from helpers.paths import SEEDS_DIR
from helpers.source.article import Article, load_article

settings.register_profile("ci", max_examples=300, derandomize=True)
settings.register_profile("fuzz", max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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


@pytest.fixture(scope="session")
def seed_analysis(seed_article: Article, seed_doc):
    """Every table of the seed, from the session's parse (no disk cache)."""
    from helpers.analysis import analyze_doc

    return analyze_doc(seed_article, seed_doc, "test")


@pytest.fixture(scope="session")
def two():
    """The coverage findings of the two committed articles (tests/coverage/two-articles)."""
    from corpora import TWO_ARTICLES

    from helpers.findings import coverage

    return coverage.find(TWO_ARTICLES)


@pytest.fixture
def analyze_text(nlp, write_article):
    """The analysis of a text written to a file (no disk cache)."""
    from helpers.analysis import analyze_doc
    from helpers.source.article import load_article

    def run(text: str, name: str = "article.txt", story: str = "auto"):
        article = load_article(write_article(text, name))
        return analyze_doc(article, nlp(article.text), "test", story=story)

    return run


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


@pytest.fixture(scope="session")
def rendered_reports(tmp_path_factory, seed_path: Path) -> Path:
    """The real report set rendered once per session for the seed and two test articles.

    `markup_injection.txt` carries <script> and <img onerror> in its text;
    `quiet_day.txt` has no quotes and no numbers; `bus_lanes.txt` has quotes and a figure but
    matches no story pack.
    """
    from helpers.batch.render import render

    out = tmp_path_factory.mktemp("reports")
    articles = [seed_path, ARTICLES_DIR / "markup_injection.txt", ARTICLES_DIR / "quiet_day.txt",
                ARTICLES_DIR / "bus_lanes.txt"]
    result = render(articles, out_dir=out, jobs=2, progress=False)
    assert not result.failures, "\n".join(f.describe() for f in result.failures)
    return out


class FuzzStats:
    """How many fuzz examples ran, and the slowest one (printed at the end of the run)."""

    def __init__(self) -> None:
        self.count = 0
        self.refused = 0
        self.skipped = 0
        """Examples generated after the run's time budget, not analysed."""
        self.slowest = (0.0, "")
        self.started = time.perf_counter()

    def seconds(self) -> float:
        """Seconds since the run started."""
        return time.perf_counter() - self.started

    def record(self, seconds: float, text: str, refused: bool = False) -> None:
        self.count += 1
        self.refused += refused
        if seconds > self.slowest[0]:
            self.slowest = (seconds, text)


FUZZ_STATS = FuzzStats()


@pytest.fixture(scope="session")
def fuzz_stats() -> FuzzStats:
    return FUZZ_STATS


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the fuzz count and the slowest example."""
    if FUZZ_STATS.count:
        seconds, text = FUZZ_STATS.slowest
        terminalreporter.write_line(
            f"fuzz: {FUZZ_STATS.count} random articles, {FUZZ_STATS.refused} refused by the "
            f"loader with a clear error, the rest analysed ({FUZZ_STATS.skipped} more skipped "
            f"past the run's time budget); slowest {seconds:.2f} s "
            f"({len(text):,} characters): {text[:160]!r}")
