"""The finished report's words: a short summary written from the tables, and how it was made."""

from __future__ import annotations

import importlib.metadata
import platform
from datetime import UTC, datetime

import pandas as pd

from helpers import __version__
from helpers.analysis import Analysis
from helpers.report.markdown import escape
from helpers.stories import records as reference

STANCE_VERBS = {
    "support": ("supports it", "support it"),
    "oppose": ("opposes it", "oppose it"),
    "skeptical": ("is skeptical", "are skeptical"),
}
"""How each stance reads after one name, and after several."""
MOST_NAMES = 3
VERDICTS = {"agree": "agrees with", "close": "is close to", "disagree": "disagrees with"}
PACKAGES = ["spacy", "pandas", "matplotlib", "papermill", "nbconvert"]


def plural(count: int, word: str) -> str:
    """'1 paragraph', '3 paragraphs'."""
    return f"{count:,} {word}{'s' * (count != 1)}"


def _names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C', or 'A, B, C and 2 others', each name escaped."""
    escaped = [escape(name) for name in names[:MOST_NAMES]]
    if len(names) > MOST_NAMES:
        escaped.append(f"{len(names) - MOST_NAMES} others")
    return escaped[0] if len(escaped) == 1 else ", ".join(escaped[:-1]) + " and " + escaped[-1]


def quote_list(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotes for readers: paragraph, speaker, direct or reported, the words, the cue."""
    table = quotes[["paragraph", "speaker", "kind", "text", "cue"]].replace(
        {"kind": {"indirect": "reported"}})
    return table.rename(columns={"paragraph": "Paragraph", "speaker": "Speaker", "kind": "Kind",
                                 "text": "Quote", "cue": "Cue"}).set_index("Paragraph")


def voices(quotes: pd.DataFrame) -> str:
    """Who is quoted, and who most."""
    if quotes.empty:
        return "Nobody is quoted in this article, directly or in reported speech."
    per_speaker = quotes.groupby("speaker").size().sort_values(ascending=False, kind="stable")
    direct = int((quotes["kind"] == "direct").sum())
    top = per_speaker.index[0]
    return (
        f"It carries {plural(len(quotes), 'quote')} ({direct} direct, "
        f"{len(quotes) - direct} reported) from {plural(len(per_speaker), 'speaker')}; "
        f"{escape(top)} is quoted most ({plural(int(per_speaker.iloc[0]), 'time')})."
    )


def disagreements(stances: pd.DataFrame, most: int = 2) -> str:
    """The topics on which actors take different stances (the `most` most contested)."""
    taken = stances[stances["stance"].isin(list(STANCE_VERBS))]
    contested = [
        (topic, rows) for topic, rows in taken.groupby("topic", sort=False)
        if rows["stance"].nunique() > 1
    ]
    if not contested:
        if taken.empty:
            return "No actor takes a clear stance on the topics of the lexicon."
        return "Where actors take a stance, they do not disagree with one another."
    contested.sort(key=lambda item: len(item[1]), reverse=True)
    sentences = []
    for topic, rows in contested[:most]:
        parts = [
            f"{_names(list(group['actor']))} {STANCE_VERBS[stance][len(group) > 1]}"
            for stance, group in rows.groupby("stance", sort=False)
        ]
        sentences.append(f"On {escape(str(topic).replace('_', ' '))}: " + "; ".join(parts) + ".")
    return " ".join(sentences)


def record_check(figure: pd.Series) -> str:
    """How one troop or casualty figure stands against the public record, as a clause."""
    label = f"“{escape(figure['text'])}” ({escape(figure['category'])})"
    agreeing = reference.matches(figure)
    if not agreeing.empty:
        first = agreeing.iloc[0]
        source = f"from {escape(first['who'])} on {first['date']:%d %b %Y}"
        if len(agreeing) == 1:
            return f"{label} agrees with the published figure {source}"
        return f"{label} agrees with {len(agreeing)} published figures, the first {source}"
    latest = reference.check_figure(figure, reference.record_for(figure))
    if latest is None:
        return f"{label} has no record to be compared with"
    return (f"{label} {VERDICTS[latest.verdict]} the latest record, "
            f"{reference.span_text(latest.record_low, latest.record_high)} "
            f"({escape(latest.who)}, {latest.record_date:%d %b %Y}), and with no earlier one")


def key_figures(figures: pd.DataFrame) -> str:
    """How many figures the article gives, and how its troop and casualty figures compare."""
    if figures.empty:
        return "The article gives no figures."
    amounts = figures[~figures["category"].isin(["date", "other"])]
    text = (f"It gives {plural(len(figures), 'number')}, {len(amounts)} of them amounts "
            f"with a unit or a thing counted; the rest are dates or bare numbers.")
    checked = figures[figures["category"].isin(reference.CHECKED_CATEGORIES)]
    if checked.empty:
        return text + " None of them is a troop or casualty figure to check against the record."
    clauses = "; ".join(record_check(figure) for _, figure in checked.iterrows())
    return f"{text} Against the public record: {clauses}."


def story_summary(analysis: Analysis) -> str:
    """A few sentences (Markdown, article text escaped) summarising the whole reading."""
    article = analysis.article
    opening = (f"**{escape(article.headline)}** ({plural(article.word_count, 'word')}, "
               f"{plural(len(article.paragraphs), 'paragraph')}).")
    parts = [opening, voices(analysis.quotes)]
    if not analysis.quotes.empty:
        parts.append(disagreements(analysis.stances))
    parts.append(key_figures(analysis.figures))
    return " ".join(parts)


def provenance(analysis: Analysis) -> pd.DataFrame:
    """How the report was made: model, package versions, date and the article's checksum."""
    rows = [
        ("Article file", analysis.article.path.name),
        ("Article SHA-256", analysis.article.sha256),
        ("spaCy model", analysis.model),
        ("helpers package", __version__),
        ("Python", platform.python_version()),
        *((name, importlib.metadata.version(name)) for name in PACKAGES),
        ("Made on", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    ]
    return pd.DataFrame(rows, columns=["Item", "Value"]).set_index("Item")
