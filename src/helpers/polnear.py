"""Scoring attribution on PolNeAR, 1,008 US political news articles from 7 outlets (2016).

PolNeAR (github.com/networkdynamics/PolNeAR) annotates every attribution of an article as
source, cue and content spans, in brat standoff files (`data/<split>/attributions/*.ann`,
offsets into `data/<split>/text/<name>.txt`). Only the `train` and `dev` splits are read here:
`test` is where the kit is measured, so it is refused. The corpus has no licence, so it is
never copied into this repository: point `--polnear` at a copy of it.

An attribution is *direct* when its content holds a quotation mark, *other* otherwise. A kit
quote matches an attribution when their spans share at least half of the shorter one
(`evaluate.span_overlap`). Recall is the share of attributions matched by a kit quote
(direct ones by direct quotes, others by any quote); precision, the share of the kit's quotes
of each kind that match some attribution. The speaker is right when the head word of the
annotated source ("a spokesman for Mr. Trump" -> "spokesman", "Ryan" -> "ryan"), or of a part
of it between commas, is the last word of the kit's speaker or of the words the kit read it
from ("he" read as "Donald Trump"; `same_speaker`).
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.evaluate import MIN_OVERLAP, span_overlap
from helpers.source.article import Article, load_article
from helpers.vocab import QuoteKind

SPLITS = ("train", "dev")
"""The splits the kit may read; `test` is kept for measuring."""
QUOTE_MARKS = re.compile("[\"“”«»]|''|``")
WORD = re.compile(r"[\w.'’-]+")
"""A word of a name, with its apostrophes ('Trump’s' is one word, its possessive taken off)."""
POSSESSIVE = re.compile(r"['’]s?$")
PARENTHESES = re.compile(r"\([^)]*\)")
COUNTS = ["direct_expected", "direct_found", "direct_predicted", "direct_true",
          "other_expected", "other_found", "other_predicted", "other_true",
          "speaker_matched", "speaker_right"]
"""Per article: attributions annotated and found, kit quotes and those matching an
attribution, per kind; matched attributions and those with the right speaker."""


@dataclass(frozen=True)
class Attribution:
    """One annotated attribution: its content and source spans, in the article's body text."""

    content: tuple[int, int]
    source: str
    direct: bool


def corpus_root(folder: Path) -> Path:
    """The PolNeAR folder holding `data/`, given it or its `data/` folder."""
    for root in (folder, folder.parent):
        if (root / "data" / "metadata.tsv").is_file():
            return root
    raise FileNotFoundError(
        f"{folder} is not a copy of PolNeAR: no data/metadata.tsv there. Get it with "
        f"`git clone https://github.com/networkdynamics/PolNeAR` and pass its folder.")


def articles(folder: Path, split: str) -> Iterator[tuple[Path, Path, str]]:
    """(text file, annotation file, outlet) of each article of `split`; the first annotator's
    file where several annotated one article."""
    if split not in SPLITS:
        raise ValueError(f"split {split!r} cannot be read: use one of {', '.join(SPLITS)} "
                         f"(the test split is kept for measuring the kit).")
    root = corpus_root(folder) / "data"
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t")
                if row["compartment"] == split]
    for row in sorted(rows, key=lambda r: r["filename"]):
        text = root / split / "text" / f"{row['filename']}.txt"
        notes = sorted((root / split / "attributions").glob(f"{row['filename']}_*.ann"))
        if text.is_file() and notes:
            yield text, notes[0], row["publisher"]


def read_brat(annotation: str, raw: str) -> list[tuple[tuple[int, int], str, bool]]:
    """The attributions of a brat standoff file: (content span in `raw`, source text, direct)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    found = []
    for line in annotation.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = [(int(a), int(b)) for a, b in
                                (part.split() for part in offsets.split(";"))]
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            content = spans.get(roles.get("Content", ""))
            if not content:
                continue
            span = (min(a for a, _ in content), max(b for _, b in content))
            source = " ".join(raw[a:b] for a, b in spans.get(roles.get("Source", ""), []))
            found.append((span, source, bool(QUOTE_MARKS.search(raw[span[0]:span[1]]))))
    return found


def squeezed(raw: str) -> tuple[str, list[int]]:
    """`raw` as the kit reads a paragraph (each run of whitespace, no-break spaces and line
    breaks included, one space), and the offset in `raw` of each of its characters."""
    chars, where = [], []
    for match in re.finditer(r"\s+|\S+", raw):
        if match.group().isspace():
            chars.append(" ")
            where.append(match.start())
        else:
            chars.append(match.group())
            where.extend(range(match.start(), match.end()))
    return "".join(chars), where


def body_offsets(article: Article, flat: str) -> list[tuple[int, int]]:
    """(offset in `flat`, the file's `squeezed` text, offset in `article.text`) of each body
    paragraph found there."""
    pairs, cursor = [], 0
    for paragraph, start in zip(article.paragraphs, article.paragraph_starts, strict=True):
        at = flat.find(paragraph, cursor)
        if at >= 0:
            pairs.append((at, start))
            cursor = at + len(paragraph)
    return pairs


def attributions(article: Article, raw: str, annotation: str) -> list[Attribution]:
    """The annotated attributions whose content lies in the article's body, in body offsets
    (found whitespace-blind: the kit squeezes the runs of spaces and line breaks a file has)."""
    flat, where = squeezed(raw)
    starts = body_offsets(article, flat)
    lengths = {start: len(p) for p, start in zip(article.paragraphs, article.paragraph_starts,
                                                 strict=True)}
    result = []
    for (begin, end), source, direct in read_brat(annotation, raw):
        first = bisect.bisect_left(where, begin)
        last = bisect.bisect_left(where, end)
        for flat_start, body_start in starts:
            if flat_start <= first < flat_start + lengths[body_start]:
                shift = body_start - flat_start
                limit = body_start + lengths[body_start]
                result.append(Attribution((first + shift, min(last + shift, limit)), source,
                                          direct))
                break
    return result


def head_word(text: str) -> str:
    """The last word of a name or noun phrase, lower case, without a possessive."""
    words = WORD.findall(text.split(",")[0]) or WORD.findall(text)
    return POSSESSIVE.sub("", words[-1].lower()).strip(".") if words else ""


def source_head(source: str) -> str:
    """The head word of an annotated source: 'a spokesman for Mr. Trump' -> 'spokesman'."""
    source = PARENTHESES.sub("", source)
    before = re.split(r"\b(?:for|of|at|from|with|who|which|that)\b", source, maxsplit=1)[0]
    return head_word(before) or head_word(source)


def same_speaker(source: str, speaker: str, written: str) -> bool:
    """True when the kit's speaker is the annotated source, leniently: the head word of the
    source, or of a part of it between commas ('one of the family's attorneys, Justin
    Bamberg'), is the last word of the speaker or of the words it was read from."""
    heads = {head_word(speaker), head_word(written)} - {""}
    parts = {source_head(part) for part in PARENTHESES.sub("", source).split(",")}
    return bool((parts | {source_head(source)}) & heads)


def _matches(quote: object, attribution: Attribution) -> float:
    return span_overlap(quote.start, quote.end, *attribution.content)  # type: ignore[attr-defined]


def score_article(quotes: pd.DataFrame, gold: list[Attribution]) -> dict[str, int]:
    """Counts for one article (see the module's docstring and `COUNTS`)."""
    counts = dict.fromkeys(COUNTS, 0)
    rows = list(quotes.itertuples())
    for kind, prefix in ((QuoteKind.DIRECT, "direct"), (QuoteKind.REPORTED, "other")):
        mine = [q for q in rows if q.kind == kind]
        counts[f"{prefix}_predicted"] = len(mine)
        counts[f"{prefix}_true"] = sum(any(_matches(q, g) >= MIN_OVERLAP for g in gold)
                                       for q in mine)
    for g in gold:
        prefix = "direct" if g.direct else "other"
        counts[f"{prefix}_expected"] += 1
        candidates = [q for q in rows if not g.direct or q.kind == QuoteKind.DIRECT]
        best = max(candidates, default=None, key=lambda q, g=g: _matches(q, g))
        if best is None or _matches(best, g) < MIN_OVERLAP:
            continue
        counts[f"{prefix}_found"] += 1
        counts["speaker_matched"] += 1
        counts["speaker_right"] += same_speaker(g.source, str(best.speaker),
                                                str(best.speaker_as_written))
    return counts


def rates(counts: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and speaker accuracy from summed counts, one row per group."""
    def share(part: str, whole: str) -> pd.Series:
        return (counts[part] / counts[whole].where(counts[whole] > 0)).round(3)

    return pd.DataFrame({
        "articles": counts["articles"],
        "direct P": share("direct_true", "direct_predicted"),
        "direct R": share("direct_found", "direct_expected"),
        "other P": share("other_true", "other_predicted"),
        "other R": share("other_found", "other_expected"),
        "speaker": share("speaker_right", "speaker_matched"),
        "attributions": counts["direct_expected"] + counts["other_expected"],
    })


def evaluate_polnear(folder: Path, split: str = "dev", spacy_model: str = "auto",
                     limit: int | None = None) -> pd.DataFrame:
    """Scores per outlet and in total ('all') on a PolNeAR split, as `rates` gives them."""
    from helpers.analysis import analyze_doc
    from helpers.nlp import parse, resolve_model

    package = resolve_model(spacy_model)
    per_article = []
    for number, (text, notes, outlet) in enumerate(articles(folder, split)):
        if limit is not None and number >= limit:
            break
        article = load_article(text)
        raw = text.read_text(encoding="utf-8")
        gold = attributions(article, raw, notes.read_text(encoding="utf-8"))
        quotes = analyze_doc(article, parse(article, package), package).quotes
        per_article.append({"outlet": outlet, "articles": 1, **score_article(quotes, gold)})
    counts = pd.DataFrame(per_article, columns=["outlet", "articles", *COUNTS])
    summed = counts.groupby("outlet").sum()
    summed.loc["all"] = summed.sum()
    return rates(summed)
