"""Reading an article: a UTF-8 text file or a saved web page becomes an `Article`."""

from __future__ import annotations

import bisect
import hashlib
import re
import shlex
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from helpers.paths import resolve_article
from helpers.rules import RuleError, read_numbered, rule_path
from helpers.source.files import TooLarge, read_limited
from helpers.source.metadata import Meta, manifest_meta, page_meta, split_front_matter
from helpers.source.slugs import slug_for

MAX_BYTES = 2_000_000
"""Largest article file accepted by default (2 MB): far above any news story, far below a dump.
Raised by an argument only: `--max-bytes`, `max_bytes=` in Python, the notebooks' parameter."""

WORDS_PER_MINUTE = 238
"""Average silent reading speed of adults for non-fiction (Brysbaert 2019)."""

BOILERPLATE_FILE = rule_path("boilerplate.txt")
HTML_SUFFIXES = (".html", ".htm")
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c"
                                   "\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067"
                                   "\u2068\u2069\ufeff"))
"""Characters that show nothing: soft hyphen, zero-width spaces and joiners, direction marks,
embeddings and isolates, word joiner, BOM. Inside a name they split one person into several
actors ('Anna\u200bBerg'), and direction controls can make text read other than it is."""


@dataclass(frozen=True)
class Article:
    """A cleaned article: headline, body paragraphs and where it came from."""

    path: Path
    headline: str
    paragraphs: tuple[str, ...]
    sha256: str
    source_format: str = "text"
    meta: Meta = field(default_factory=Meta)
    """Outlet, date, author and URL (front matter, `manifest.csv`, or the page's metadata)."""

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
        """A folder-safe name for this article's reports, from its file name (`slugs`)."""
        return slug_for(self.path)


WORD = re.compile(r"\w+(?:['’-]\w+)*")
"""A word: letters or digits, with apostrophes and hyphens inside ("it’s", "four-five")."""


def count_words(text: str) -> int:
    """The number of words in `text`."""
    return len(WORD.findall(text))


def byte_limit(max_bytes: int | None) -> int:
    """The byte limit for one article: `max_bytes`, or MAX_BYTES when it is None."""
    if max_bytes is None:
        return MAX_BYTES
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise ValueError(f"max_bytes must be a whole number of bytes (at least 1) or None for "
                         f"the default {MAX_BYTES:,}, got {max_bytes!r}.")
    return max_bytes


def load_article(path: str | Path, max_bytes: int | None = None) -> Article:
    """Load a `.txt` (UTF-8) or saved `.html` article, dropping site furniture.

    At most `max_bytes` bytes are read (None: `MAX_BYTES`); only a regular file is.
    """
    limit = byte_limit(max_bytes)
    file = resolve_article(path)
    raw = _read_bytes(file, limit)
    digest = hashlib.sha256(raw).hexdigest()
    if file.suffix.lower() in HTML_SUFFIXES:
        headline, lines, page = _html_lines(file, _decode(file, raw))
        meta, source_format = manifest_meta(file).or_else(page), "html"
    else:
        front, body = split_front_matter(file, _decode(file, raw).splitlines())
        headline, lines = _split_headline(body)
        meta, source_format = front.or_else(manifest_meta(file)), "text"
    headline = visible(headline)
    paragraphs = _paragraphs(remove_boilerplate([visible(line) for line in lines]))
    if not paragraphs:
        raise ValueError(
            f"{file}: no body text is left after cleaning (only a headline or site furniture "
            f"such as 'Related Articles'). Check that this is the article itself; the furniture "
            f"rules are in {BOILERPLATE_FILE}."
        )
    return Article(file, headline, tuple(paragraphs), digest, source_format, meta)


def visible(text: str) -> str:
    """`text` without the characters that show nothing (`INVISIBLE`)."""
    return text.translate(INVISIBLE)


BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)", "utf-32"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)", "utf-32"),
    (b"\xff\xfe", "UTF-16 (little-endian)", "utf-16"),
    (b"\xfe\xff", "UTF-16 (big-endian)", "utf-16"),
)
"""Byte-order marks of the encodings that are not UTF-8 (UTF-32's first, as it starts alike)."""


def _read_bytes(file: Path, max_bytes: int) -> bytes:
    """The article's bytes: a regular file within the limit, not empty, UTF-8 and NUL-free."""
    try:
        raw = read_limited(file, max_bytes)
    except TooLarge as error:
        raise ValueError(
            f"{file} is {error.size:,} bytes or more, over the {max_bytes:,}-byte limit for one "
            f"article. Is this really a single news story? Split it, or raise the limit: "
            f"`--max-bytes N` on the command line, max_bytes=N in Python, or the "
            f"notebook's parameter `max_bytes = N`."
        ) from None
    if not raw.strip():
        raise ValueError(f"{file} is empty: save the article's text into it and try again.")
    for bom, name, codec in BOMS:
        if raw.startswith(bom):
            raise ValueError(
                f"{file} is {name} text (it starts with the byte-order mark "
                f"{bom.hex(' ').upper()}), not UTF-8. Re-save it as UTF-8, for example "
                f"`iconv -f {codec} -t utf-8 {shlex.quote(file.name)} > fixed.txt`."
            )
    if (utf16 := _utf16_without_bom(raw)) is not None:
        raise ValueError(
            f"{file} looks like {utf16} text without a byte-order mark (every other byte is "
            f"NUL), not UTF-8. Re-save it as UTF-8, for example "
            f"`iconv -f {utf16} -t utf-8 {shlex.quote(file.name)} > fixed.txt`."
        )
    if (at := raw.find(b"\x00")) >= 0:
        raise ValueError(
            f"{file} looks binary (it contains NUL bytes), first at byte {at:,}: it is not a text "
            f"article. Give a plain .txt file or a web page saved as .html (export a PDF or Word "
            f"file to text first)."
        )
    return raw


def _utf16_without_bom(raw: bytes) -> str | None:
    """'UTF-16LE' or 'UTF-16BE' when `raw` reads as such text with no byte-order mark: NUL
    bytes on one side of most byte pairs and none on the other, and it decodes; else None."""
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    pairs = len(raw) // 2
    if not pairs or min(even, odd) > pairs // 100 or max(even, odd) < pairs // 2:
        return None
    codec = "UTF-16LE" if odd > even else "UTF-16BE"
    try:
        raw[:len(raw) - len(raw) % 2].decode(codec)
    except UnicodeDecodeError:
        return None
    return codec


def _decode(file: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{file} is not UTF-8 text: decoding as UTF-8 failed at byte {error.start} "
            f"({raw[error.start:error.start + 1]!r}). Re-save it as UTF-8, for example "
            f"`iconv -f latin1 -t utf-8 {shlex.quote(file.name)} > fixed.txt` if it is Latin-1."
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _html_lines(file: Path, html: str) -> tuple[str, list[str], Meta]:
    """Headline, main text and metadata of a saved web page, extracted with trafilatura."""
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
    return title, [part for line in lines for part in (line, "")], page_meta(document)


def _split_headline(lines: list[str]) -> tuple[str, list[str]]:
    """The first non-empty line is the headline; the lines after it are the body."""
    for index, line in enumerate(lines):
        if line.strip():
            return re.sub(r"\s+", " ", line.strip()), lines[index + 1:]
    return "", []


Patterns = tuple[re.Pattern[str], ...]


@cache
def boilerplate_rules(path: Path = BOILERPLATE_FILE) -> tuple[Patterns, Patterns]:
    """The (cut, drop) patterns of a furniture rule file; a bad line is a `RuleError` naming
    `file:line` and the fix."""
    cut: list[re.Pattern[str]] = []
    drop: list[re.Pattern[str]] = []
    for number, line in read_numbered(path):
        kind, _, pattern = line.partition(": ")
        if kind not in ("cut", "drop") or not pattern:
            raise RuleError(f"{path}:{number}: expected 'cut: PATTERN' or 'drop: PATTERN', "
                            f"got {line!r}.")
        (cut if kind == "cut" else drop).append(_pattern(pattern, f"{path}:{number}"))
    return tuple(cut), tuple(drop)


def _pattern(pattern: str, where: str) -> re.Pattern[str]:
    """`pattern` compiled (case-insensitive), or a RuleError saying what is wrong at `where`."""
    try:
        return re.compile(pattern, re.IGNORECASE)
    except (re.error, OverflowError) as error:
        position = getattr(error, "pos", None)
        at = f" at character {position + 1}" if position is not None else ""
        raise RuleError(
            f"{where}: {pattern!r} is not a valid regular expression "
            f"({getattr(error, 'msg', error)}{at}). Fix the "
            f"pattern: put a backslash before a ( ) [ ] {{ }} ? * + . | or \\ meant literally, "
            f"close every ( and [, and keep counts in {{m,n}} small."
        ) from None


def remove_boilerplate(lines: list[str]) -> list[str]:
    """Drop furniture lines, and cut the text at the first furniture marker after the opening."""
    cut, drop = boilerplate_rules()
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


WRAP_WIDTH = 100
"""The longest line of hard-wrapped text (72 to 80 characters, as mail and wire copy wrap)."""


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated blocks, each block's lines joined by spaces and whitespace squeezed;
    a block with a line (before its last) longer than `WRAP_WIDTH` is not wrapped text but a
    paragraph a line, as newspaper archives write them, and each line is a paragraph."""
    paragraphs, block = [], []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line.strip())
        elif block:
            wrapped = all(len(row) <= WRAP_WIDTH for row in block[:-1])
            paragraphs.extend(re.sub(r"\s+", " ", part)
                              for part in ([" ".join(block)] if wrapped else block))
            block = []
    return paragraphs
