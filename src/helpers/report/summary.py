"""The report's sentences, written from the findings (`helpers.findings`): Markdown, with
article text escaped. Every page that speaks of a figure's verdict uses `check_sentence`, so
they all say the same thing.
"""

from __future__ import annotations

import importlib.metadata
import platform
from datetime import UTC, datetime

import pandas as pd

from helpers import __version__
from helpers.analysis import Analysis
from helpers.findings.findings import Disagreement, FigureCheck, Findings
from helpers.findings.verdicts import Comparison
from helpers.report.markdown import escape
from helpers.report.words import count, day, names, number, percent, span

STANCE_VERBS = {
    "support": ("supports it", "support it"),
    "oppose": ("opposes it", "oppose it"),
    "skeptical": ("is skeptical", "are skeptical"),
}
"""How each stance reads after one name, and after several."""

VERDICT_WORDS = {"agree": "agrees with", "close": "is close to", "disagree": "disagrees with"}
PACKAGES = ["spacy", "pandas", "matplotlib", "papermill", "nbconvert"]


def source(comparison: Comparison) -> str:
    """Who gave a record figure and where it was published: 'US officials (AP, 14 Feb 2022)'."""
    when = day(comparison.published or comparison.record_date)
    return f"{escape(comparison.who)} ({escape(comparison.publisher)}, {when})"


def voices(findings: Findings) -> str:
    """Who is quoted, and who most."""
    if not findings.quotes:
        return "Nobody is quoted in this article, directly or in reported speech."
    text = (f"It carries {count(findings.quotes, 'quote')} ({findings.direct} direct, "
            f"{findings.reported} reported) from {count(len(findings.voices), 'speaker')}")
    top = findings.top_voice
    if top is None:
        return text + "."
    if top.quoted_words:
        return (f"{text}; {escape(top.actor)} has the most words in direct quotes "
                f"({percent(findings.top_share)} of them, in {count(top.quotes, 'quote')}).")
    return f"{text}; {escape(top.actor)} is quoted most ({count(top.quotes, 'time')})."


def disagreement(item: Disagreement) -> str:
    """'On diplomacy: Ann Lee supports it; Bo Chen and Cy Dorn are skeptical.'"""
    parts = [f"{names([escape(a) for a in actors])} {STANCE_VERBS[stance][len(actors) > 1]}"
             for stance, actors in item.sides.items()]
    return f"On {escape(item.label.lower())}: " + "; ".join(parts) + "."


def disagreements(findings: Findings, most: int = 2) -> str:
    """The topics on which actors take different stances (the `most` most contested)."""
    if findings.pack is None:
        return "The article matches no story pack, so its actors' stances are not read."
    if not findings.disagreements:
        return "Where actors take a stance, they do not disagree with one another."
    return " ".join(disagreement(item) for item in findings.disagreements[:most])


def check_sentence(check: FigureCheck) -> str:
    """How one figure stands against the public record, in one sentence."""
    figure = f"The article's “{escape(check.text)}”"
    compared = check.compared
    if compared is None:
        return f"{figure} has no record dated before the article to compare with."
    read_as = span(compared.article_low, compared.article_high)
    record = span(compared.record_low, compared.record_high)
    if check.verdict == "agree":
        others = len(check.agreeing) - 1
        also = f" (and {count(others, 'earlier record', spell=True)})" if others > 0 else ""
        return (f"{figure} (read as {read_as}) agrees with the figure of {record} from "
                f"{source(compared)}{also}.")
    gap = f"{number(compared.gap)}, or {compared.relative_gap:.0%}, {compared.side}"
    return (f"{figure} (read as {read_as}) {VERDICT_WORDS[check.verdict]} the latest record "
            f"before it, {record} from {source(compared)}: {gap} it.")


def figures_sentence(findings: Findings) -> str:
    """How many amounts the article gives, and how many a record can check."""
    if not findings.amounts:
        return "The article gives no amounts."
    text = (f"It gives {count(findings.amounts, 'amount')}, {findings.approximate} of them "
            f"approximate and {findings.sourced} given to a named source.")
    if findings.pack is None:
        return text + " No story pack matches the article, so none is checked against a record."
    if not findings.figure_checks:
        return text + " None of them counts what the story's public record counts."
    return text + " " + " ".join(check_sentence(check) for check in findings.figure_checks)


def in_brief(analysis: Analysis) -> str:
    """A few sentences (Markdown, article text escaped) summarising the whole reading."""
    article, findings = analysis.article, analysis.findings
    opening = (f"**{escape(article.headline)}** ({count(article.word_count, 'word')}, "
               f"{count(len(article.paragraphs), 'paragraph')}).")
    parts = [opening, voices(findings)]
    if findings.quotes and findings.pack is not None:
        parts.append(disagreements(findings))
    parts.append(figures_sentence(findings))
    return " ".join(parts)


def provenance(analysis: Analysis) -> pd.DataFrame:
    """How the report was made: model, story pack, package versions, date, the article's hash."""
    pack = analysis.pack
    rows = [
        ("Article file", analysis.article.path.name),
        ("Article SHA-256", analysis.article.sha256),
        ("spaCy model", analysis.model),
        ("Story pack", f"{pack.name}: {pack.title}" if pack is not None else "none"),
        ("helpers package", __version__),
        ("Python", platform.python_version()),
        *((name, importlib.metadata.version(name)) for name in PACKAGES),
        ("Made on", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    ]
    return pd.DataFrame(rows, columns=["Item", "Value"]).set_index("Item")


def quote_list(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotes for readers: paragraph, speaker, direct or reported, the words, the cue."""
    table = quotes[["paragraph", "speaker", "kind", "text", "cue"]].replace(
        {"kind": {"indirect": "reported"}})
    return table.rename(columns={"paragraph": "Paragraph", "speaker": "Speaker", "kind": "Kind",
                                 "text": "Quote", "cue": "Cue"}).set_index("Paragraph")
