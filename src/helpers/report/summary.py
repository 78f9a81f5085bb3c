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
from helpers.report.anchors import paragraph_href
from helpers.report.markdown import escape
from helpers.report.words import count, day, names, number, percent, span, verb

STANCE_VERBS = {
    "support": ("supports it", "support it"),
    "oppose": ("opposes it", "oppose it"),
    "skeptical": ("is skeptical", "are skeptical"),
}
"""How each stance reads after one name, and after several."""

VERDICT_WORDS = {"agree": "agrees with", "close": "is close to", "disagree": "disagrees with"}
PACKAGES = ["spacy", "pandas", "matplotlib", "papermill", "nbconvert"]


def source(comparison: Comparison) -> str:
    """Who gave a record figure, and who published it when: 'US officials, published by AP on
    14 Feb 2022'."""
    when = day(comparison.published or comparison.record_date)
    return f"{escape(comparison.who)}, published by {escape(comparison.publisher)} on {when}"


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
    """'Diplomacy and talks: Ann Lee supports it; Bo Chen and Cy Dorn are skeptical.'"""
    parts = [f"{names([escape(a) for a in actors])} {STANCE_VERBS[stance][len(actors) > 1]}"
             for stance, actors in item.sides.items()]
    return f"{escape(item.label)}: " + "; ".join(parts) + "."


def disagreements(findings: Findings, most: int = 2) -> str:
    """The topics on which actors take different stances (the `most` most contested)."""
    if findings.pack is None:
        return "The article matches no story pack, so its actors' stances are not read."
    if not findings.disagreements:
        return "Where actors take a stance, they do not disagree with one another."
    return " ".join(disagreement(item) for item in findings.disagreements[:most])


def _read_as(compared: Comparison) -> str:
    """' (read as 13,300 to 14,000)' when a qualifier widens the figure, else ''."""
    if compared.article_low == compared.article_high:
        return ""
    return f" (read as {span(compared.article_low, compared.article_high)})"


def check_sentence(check: FigureCheck) -> str:
    """How one figure stands against the public record, in one sentence."""
    figure = f"The article's “{escape(check.text)}”"
    compared = check.compared
    if compared is None:
        return f"{figure} has no record dated before the article to compare with."
    read_as = _read_as(compared)
    record = span(compared.record_low, compared.record_high)
    if check.verdict == "agree":
        others = len(check.agreeing) - 1
        also = f" (and {count(others, 'earlier record', spell=True)})" if others > 0 else ""
        return f"{figure}{read_as} agrees with {record} from {source(compared)}{also}."
    gap = f"{number(compared.gap)} ({percent(compared.relative_gap)}) {compared.side}"
    return (f"{figure}{read_as} {VERDICT_WORDS[check.verdict]} the latest record before it, "
            f"{record} from {source(compared)}: it is {gap} it.")


def checks_list(analysis: Analysis) -> str:
    """Every figure's verdict against the record as a Markdown list, or why there is none."""
    findings = analysis.findings
    if findings.pack is None:
        return ("The article matches no story pack, so no figure in it is checked against a "
                "public record.")
    if not findings.figure_checks:
        return "None of the article's figures counts what the story's public record counts."
    return "\n".join(f"- {check_sentence(check)} {paragraph_link(check.paragraph)}"
                     for check in findings.figure_checks)


def paragraph_link(paragraph: int) -> str:
    """A Markdown link to a paragraph of the article view: '[paragraph 5](article.html#p5)'."""
    return f"([paragraph {paragraph}]({paragraph_href(paragraph)}))"


def agreeing_list(analysis: Analysis) -> str:
    """For each checked figure, every published figure that agrees with it (Markdown list)."""
    lines = [f"- **{escape(check.text)}** ({escape(check.time or 'no time given')}): "
             f"{'; '.join(source(row) for row in check.agreeing) or 'no published figure agrees'}."
             for check in analysis.findings.figure_checks]
    return "\n".join(lines) or "No figure of the article has a public record to compare with."


def chart_finding(checks: list[FigureCheck]) -> str:
    """A record chart's headline: whether the article's figures match the record it shows."""
    if not checks:
        return ""
    texts = [f"“{check.text}”" for check in checks]
    if all(check.verdict == "agree" for check in checks):
        return (f"The article's {names(texts, most=4)} "
                f"{verb(len(checks), 'matches', 'match')} the published record")
    check = next(check for check in checks if check.verdict != "agree")
    compared = check.compared
    if compared is None:
        return f"No figure was published before the article to set beside “{check.text}”"
    return (f"The article's “{check.text}” is {percent(compared.relative_gap)} "
            f"{compared.side} the latest published figure")


def provenance(analysis: Analysis) -> pd.DataFrame:
    """How the report was made: model, story pack, package versions, date, the text's hash."""
    pack = analysis.pack
    rows = [
        ("Checksum of the article text (SHA-256)", analysis.article.sha256),
        ("Language model (spaCy)", analysis.model),
        ("Story pack", pack.title if pack is not None else "none matched the article"),
        ("Reading kit (helpers)", __version__),
        ("Python", platform.python_version()),
        *((name, importlib.metadata.version(name)) for name in PACKAGES),
        ("Made on", datetime.now(UTC).strftime("%d %b %Y, %H:%M UTC")),
    ]
    return pd.DataFrame(rows, columns=["Item", "Value"])


def record_sources(analysis: Analysis) -> pd.DataFrame:
    """The public record the figures were checked against: per table, how many published
    figures, from which publishers, over which dates (empty without a story pack)."""
    from helpers.report.charts.records import charted_tables
    from helpers.stories.records import records

    rows = []
    for table in charted_tables(analysis):
        found = records(table)
        dates = found["published"].fillna(found["date"])
        publishers = list(dict.fromkeys(found["publisher"]))
        rows.append({"Record": table.title, "Published figures": len(found),
                     "Publishers": names(publishers, most=len(publishers)),
                     "From": day(dates.min().date()), "To": day(dates.max().date())})
    return pd.DataFrame(rows, columns=["Record", "Published figures", "Publishers", "From",
                                       "To"])


def quote_list(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotes for readers: paragraph, speaker, direct or reported, the words, the cue."""
    table = quotes[["paragraph", "speaker", "kind", "text", "cue"]].replace(
        {"kind": {"indirect": "reported"}})
    return table.rename(columns={"paragraph": "Paragraph", "speaker": "Speaker", "kind": "Kind",
                                 "text": "Quote", "cue": "Cue"})
