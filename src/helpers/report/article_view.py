"""The article view: the article's text with its evidence marked, the page every claim links to.

Every quote is highlighted in its speaker's colour (with the speaker's name, so colour is never
the only cue), every figure is underlined, every paragraph is anchored `p<n>` and every place a
piece of evidence starts (a quote, a figure, a sentence) is anchored `c<offset>`
(`report.anchors`). The render step writes it as `article.html` beside the notebook pages; it
is HTML made here from the tables, not a notebook, because it shows the text and runs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from helpers.analysis import Analysis
from helpers.atomic import write_atomic
from helpers.report import anchors
from helpers.report.figures import describe
from helpers.report.words import count, day
from helpers.vocab import QuoteKind

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "site"
COLOURS = 8
"""Speakers get one of this many colours (`speaker-0` … `speaker-7` in the page's CSS), in the
order they are first quoted; the name shown with each quote tells apart two that share one."""
UNNAMED = "speaker not found"
NO_OUTLET = "outlet not given"
ARTICLE_TITLE = "The article"
"""The article view's name in the bar of links of every page of a report."""


@dataclass(frozen=True)
class Mark:
    """A stretch of the text that is evidence: a quote (with its speaker) or a figure."""

    start: int
    end: int
    kind: str
    """'quote' or 'figure'."""
    label: str
    """The speaker of a quote, or what a figure counts."""
    colour: int = 0
    direct: bool = True


@dataclass
class Segment:
    """A run of text under the same marks, with the anchors that start at its first character."""

    text: str
    anchors: list[str] = field(default_factory=list)
    quote: Mark | None = None
    figure: Mark | None = None
    opens: bool = False
    """This segment starts its quote (the speaker's name is shown here, unless the quote sits
    inside another, whose name already opened it)."""


def speaker_colours(quotes: pd.DataFrame) -> dict[str, int]:
    """Each speaker's colour number, in the order they are first quoted."""
    colours: dict[str, int] = {}
    for speaker in quotes.sort_values("start", kind="stable")["speaker"].fillna(""):
        colours.setdefault(str(speaker) or UNNAMED, len(colours) % COLOURS)
    return colours


def marks(quotes: pd.DataFrame, figures: pd.DataFrame) -> list[Mark]:
    """The quotes and figures of an article as marks, in the order of the text."""
    colours = speaker_colours(quotes)
    found = [Mark(int(row.start), int(row.end), "quote", str(row.speaker or "") or UNNAMED,
                  colours[str(row.speaker or "") or UNNAMED], row.kind == QuoteKind.DIRECT)
             for row in quotes.itertuples()]
    found += [Mark(int(row["start"]), int(row["end"]), "figure", describe(row))
              for row in figures.to_dict("records")]
    return sorted(found, key=lambda mark: (mark.start, -mark.end))


def _innermost(marks_here: Iterable[Mark]) -> Mark | None:
    """The mark that starts last (a quote inside a quote shows as the inner one)."""
    return max(marks_here, key=lambda mark: (mark.start, -mark.end), default=None)


def segments(text: str, start: int, found: list[Mark], points: set[int]) -> list[Segment]:
    """The paragraph `text` (starting at offset `start` of the article) cut where a mark
    begins or ends or an anchor sits; each piece knows its quote, figure and anchors."""
    end = start + len(text)
    here = [mark for mark in found if mark.start < end and mark.end > start]
    cuts = {start, end, *(p for p in points if start <= p < end)}
    for mark in here:
        cuts.update(offset for offset in (mark.start, mark.end) if start < offset < end)
    anchored = {p for p in points if start <= p < end}
    pieces, opened = [], set()
    bounds = sorted(cuts)
    for left, right in zip(bounds, bounds[1:], strict=False):
        inside = [mark for mark in here if mark.start <= left < mark.end]
        quote = _innermost(m for m in inside if m.kind == "quote")
        piece = Segment(text[left - start:right - start],
                        [anchors.offset_id(left)] if left in anchored else [],
                        quote, _innermost(m for m in inside if m.kind == "figure"))
        if quote is not None and quote not in opened:
            opened.add(quote)
            piece.opens = not any(other.kind == "quote" and other != quote
                                  and other.start <= quote.start < other.end for other in here)
        pieces.append(piece)
    return pieces


def anchor_points(analysis: Analysis) -> set[int]:
    """Every offset a page may link to: each quote, figure and sentence start."""
    points = {*map(int, analysis.quotes["start"]), *map(int, analysis.figures["start"])}
    return points | {sentence.start_char for sentence in analysis.doc.sents}


def paragraphs(analysis: Analysis) -> list[dict]:
    """Each paragraph with its anchor id, number and segments."""
    article = analysis.article
    found = marks(analysis.quotes, analysis.figures)
    points = anchor_points(analysis)
    return [{"id": anchors.paragraph_id(number), "number": number,
             "segments": segments(text, begin, found, points)}
            for number, (text, begin) in enumerate(
                zip(article.paragraphs, article.paragraph_starts, strict=True), start=1)]


def legend(quotes: pd.DataFrame) -> list[dict]:
    """The speakers in colour order, each with their number of quotes and first quote's link."""
    colours = speaker_colours(quotes)
    ordered = quotes.assign(who=quotes["speaker"].fillna("").replace("", UNNAMED))
    rows = []
    for speaker, colour in colours.items():
        theirs = ordered[ordered["who"] == speaker]
        rows.append({"speaker": speaker, "colour": colour, "quotes": count(len(theirs), "quote"),
                     "href": "#" + anchors.offset_id(int(theirs["start"].min()))})
    return rows


def write_article_view(analysis: Analysis, folder: Path, pages: list[dict]) -> Path:
    """Write `article.html` into a report folder; `pages` are the report's other pages
    ({href, title}) for the bar of links at the top."""
    article = analysis.article
    meta = article.meta
    environment = Environment(loader=FileSystemLoader(TEMPLATES),
                              autoescape=select_autoescape(default=True))
    details = [meta.outlet or NO_OUTLET, day(meta.date) if meta.date else "date not given",
               count(article.word_count, "word")]
    page = environment.get_template("article.html.j2").render(
        headline=article.headline or article.path.stem, details=" · ".join(details),
        paragraphs=paragraphs(analysis), legend=legend(analysis.quotes),
        quotes=len(analysis.quotes), figures=len(analysis.figures),
        pages=[{**page, "current": page["href"] == anchors.ARTICLE_PAGE} for page in pages])
    return write_atomic(folder / anchors.ARTICLE_PAGE, page)
