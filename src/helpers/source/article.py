"""Reading an article: a UTF-8 text file or a saved web page becomes an `Article`."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from helpers.paths import RULES_DIR, resolve_article

MAX_BYTES = 2_000_000
"""Largest article file accepted (2 MB): far above any news story, far below a data dump."""

WORDS_PER_MINUTE = 238
"""Average silent reading speed of adults for non-fiction (Brysbaert 2019)."""

BOILERPLATE_FILE = RULES_DIR / "en" / "boilerplate.txt"
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class Article:
    """A cleaned article: headline, body paragraphs and where it came from."""

    path: Path
    headline: str
    paragraphs: tuple[str, ...]
    sha256: str
    source_format: str = "text"

    @cached_property
    def text(self) -> str:
        """The cleaned body: paragraphs joined by blank lines (offsets refer to this string)."""
        return "\n\n".join(self.paragraphs)

    @cached_property
    def paragraph_starts(self) -> tuple[int, ...]:
        """Character offset in `text` where each paragraph begins."""
        starts, offset = [], 0
        for paragraph in self.paragraphs:
            starts.append(offset)
            offset += len(paragraph) + 2
        return tuple(starts)

    def paragraph_at(self, offset: int) -> int:
        """The 1-based number of the paragraph holding character `offset` of `text`."""
        return max(1, bisect.bisect_right(self.paragraph_starts, offset))

    @property
    def word_count(self) -> int:
        """Words in the body (runs of letters or digits, apostrophes and hyphens inside)."""
        return count_words(self.text)

    @property
    def reading_minutes(self) -> float:
        """Estimated reading time of the body in minutes."""
        return self.word_count / WORDS_PER_MINUTE

    @property
    def slug(self) -> str:
        """A folder-safe name for this article's reports, from its file name."""
        return slugify(self.path.stem)


WORD = re.compile(r"\w+(?:['’-]\w+)*")
"""A word: letters or digits, with apostrophes and hyphens inside ("it’s", "four-five")."""


def count_words(text: str) -> int:
    """The number of words in `text`."""
    return len(WORD.findall(text))


def slugify(name: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens only."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "article"


def load_article(path: str | Path, max_bytes: int = MAX_BYTES) -> Article:
    """Load a `.txt` (UTF-8) or saved `.html` article, dropping site furniture."""
    file = resolve_article(path)
    raw = _read_bytes(file, max_bytes)
    digest = hashlib.sha256(raw).hexdigest()
    if file.suffix.lower() in HTML_SUFFIXES:
        headline, lines = _html_lines(file, _decode(file, raw))
        source_format = "html"
    else:
        headline, lines = _split_headline(_decode(file, raw).splitlines())
        source_format = "text"
    paragraphs = _paragraphs(remove_boilerplate(lines))
    if not paragraphs:
        raise ValueError(
            f"{file}: no body text is left after cleaning (only a headline or site furniture "
            f"such as 'Related Articles'). Check that this is the article itself; the furniture "
            f"rules are in {BOILERPLATE_FILE}."
        )
    return Article(file, headline, tuple(paragraphs), digest, source_format)


def _read_bytes(file: Path, max_bytes: int) -> bytes:
    if not file.exists():
        raise FileNotFoundError(
            f"Article file not found: {file}. Check the spelling, or give an absolute path "
            f"(relative paths are tried from the working directory and the project root)."
        )
    if file.is_dir():
        raise ValueError(f"{file} is a folder, not an article file: give one .txt or .html file.")
    size = file.stat().st_size
    if size > max_bytes:
        raise ValueError(
            f"{file} is {size:,} bytes, over the {max_bytes:,}-byte limit for one article. "
            f"Is this really a single news story? Split it, or pass max_bytes= to load it anyway."
        )
    raw = file.read_bytes()
    if not raw.strip():
        raise ValueError(f"{file} is empty: save the article's text into it and try again.")
    if b"\x00" in raw[:8192]:
        raise ValueError(
            f"{file} looks binary (it contains NUL bytes), not a text article. Give a plain "
            f".txt file or a web page saved as .html (export a PDF or Word file to text first)."
        )
    return raw


def _decode(file: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{file} is not UTF-8 text: decoding as UTF-8 failed at byte {error.start} "
            f"({raw[error.start:error.start + 1]!r}). Re-save it as UTF-8, for example "
            f"`iconv -f latin1 -t utf-8 '{file.name}' > fixed.txt` if it is Latin-1."
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _html_lines(file: Path, html: str) -> tuple[str, list[str]]:
    """Main text and headline of a saved web page, extracted with trafilatura."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if document is None or not (document.text or "").strip():
        raise ValueError(
            f"{file}: no article text found in this HTML page. Save the article page itself "
            f"(not a home page or a login wall), or copy its text into a .txt file."
        )
    lines = document.text.splitlines()
    title = (document.title or "").strip()
    if not title or (lines and lines[0].strip() == title):
        title, lines = _split_headline(lines)
    # trafilatura puts one paragraph per line; blank lines make each its own paragraph.
    return title, [part for line in lines for part in (line, "")]


def _split_headline(lines: list[str]) -> tuple[str, list[str]]:
    """The first non-empty line is the headline; the lines after it are the body."""
    for index, line in enumerate(lines):
        if line.strip():
            return re.sub(r"\s+", " ", line.strip()), lines[index + 1:]
    return "", []


def _load_rules() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    cut, drop = [], []
    for number, line in enumerate(BOILERPLATE_FILE.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, pattern = line.partition(": ")
        if kind not in ("cut", "drop") or not pattern:
            raise ValueError(
                f"{BOILERPLATE_FILE}:{number}: expected 'cut: PATTERN' or 'drop: PATTERN', "
                f"got {line!r}."
            )
        (cut if kind == "cut" else drop).append(re.compile(pattern, re.IGNORECASE))
    return cut, drop


def remove_boilerplate(lines: list[str]) -> list[str]:
    """Drop furniture lines, and cut the text at the first furniture marker after the opening."""
    cut, drop = _load_rules()
    kept: list[str] = []
    seen_text = False
    for line in lines:
        stripped = line.strip()
        if seen_text and any(rule.fullmatch(stripped) for rule in cut):
            break
        if any(rule.fullmatch(stripped) for rule in drop):
            continue
        kept.append(line)
        seen_text = seen_text or bool(stripped)
    return kept


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated blocks, each block's lines joined by spaces and whitespace squeezed."""
    paragraphs, block = [], []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line.strip())
        elif block:
            paragraphs.append(re.sub(r"\s+", " ", " ".join(block)))
            block = []
    return paragraphs
