"""The report's sentences, written from the findings (`helpers.findings`): Markdown, with
article text escaped. Every page that speaks of a figure's verdict uses `check_sentence`, so
they all say the same thing.
"""

from __future__ import annotations

import importlib.metadata
import platform
from datetime import UTC, date, datetime

import pandas as pd

from helpers import __version__
from helpers.analysis import Analysis
from helpers.findings.findings import Disagreement, FigureCheck, Findings
from helpers.findings.verdicts import Comparison
from helpers.report.anchors import evidence_href, paragraph_href
from helpers.report.markdown import escape
from helpers.report.speech import KINDS
from helpers.report.words import count, day, names, number, percent, span, verb
from helpers.stories import packs
from helpers.stories.packs import Match, RecordTable, StoryPack
from helpers.vocab import Stance, Verdict

STANCE_VERBS = {
    Stance.SUPPORT: ("supports it", "support it"),
    Stance.OPPOSE: ("opposes it", "oppose it"),
    Stance.SKEPTICAL: ("is skeptical", "are skeptical"),
}
"""How each stance reads after one name, and after several."""

VERDICT_WORDS = {Verdict.AGREE: "agrees with", Verdict.CLOSE: "is close to",
                 Verdict.DISAGREE: "disagrees with"}
PACKAGES = ["spacy", "pandas", "matplotlib", "papermill", "nbconvert"]


def source(comparison: Comparison) -> str:
    """Who gave a record figure, and who published it when, the publisher a link to the page:
    'US officials, published by [AP](https://…) on 14 Feb 2022'."""
    when = day(comparison.published or comparison.record_date)
    publisher = escape(comparison.publisher)
    if comparison.url:
        publisher = f"[{publisher}](<{comparison.url}>)"
    return f"{escape(comparison.who)}, published by {publisher} on {when}"


def voices(findings: Findings) -> str:
    """Who is quoted, and who most."""
    if not findings.quotes:
        return "Nobody is quoted in this article, directly or in reported speech."
    held = ("is counted inside the reported statement that holds it" if findings.partial == 1
            else "are counted inside the reported statements that hold them")
    inside = f"; {count(findings.partial, 'partial quote')} {held}" if findings.partial else ""
    text = (f"It carries {count(findings.quotes, 'statement')} ({findings.direct} in quotation "
            f"marks, {findings.reported} reported{inside}) from "
            f"{count(len(findings.voices), 'speaker')}")
    top = findings.top_voice
    if top is None:
        return text + "."
    if top.quoted_words:
        return (f"{text}; {escape(top.actor)} has the most words in quotation marks "
                f"({percent(findings.top_share)} of them, in "
                f"{count(top.quotes, 'statement')}).")
    return f"{text}; {escape(top.actor)} is quoted most ({count(top.quotes, 'time')})."


def _with_evidence(actor: str, item: Disagreement) -> str:
    """The actor's name, linked to the sentence in the article that decided their stance."""
    if actor not in item.evidence:
        return escape(actor)
    return f"[{escape(actor)}]({evidence_href(item.evidence[actor])})"


def disagreement(item: Disagreement) -> str:
    """'Diplomacy and talks: Ann Lee supports it; Bo Chen and Cy Dorn are skeptical.', each
    name a link to the sentence in the article that decided the actor's stance."""
    parts = [f"{names([_with_evidence(a, item) for a in actors])} "
             f"{STANCE_VERBS[stance][len(actors) > 1]}"
             for stance, actors in item.sides.items()]
    return f"{escape(item.label)}: " + "; ".join(parts) + "."


def _words_of(match: Match) -> str:
    """'72 times (6.3% of its words, 21 times their share in news on other subjects: Ukraine
    21, Russia 20, Putin 9 and 4 others)'."""
    terms = sorted(match.terms.items(), key=lambda item: (-item[1], item[0]))
    listed = names([f"{term} {hits}" for term, hits in terms], most=4)
    margin = match.share / match.pack.chance_share if match.pack.chance_share else 0
    over = f", {margin:.0f} times their share in news on other subjects" if margin else ""
    return (f"{count(match.hits, 'time')} ({match.share:.1%} of its words{over}"
            f"{': ' + listed if listed else ''})")


def _period(pack: StoryPack) -> str:
    return f"{day(pack.period[0])} to {day(pack.period[1])}"


def story_choice(analysis: Analysis) -> str:
    """Which story pack the article was read with, and why: its words and its date, the story
    parameter, or why it has none (plain text, for a table cell; escape it for Markdown)."""
    choice = analysis.choice
    pack = analysis.pack
    if choice is None:  # an analysis made without the choice's reasons
        return (f"Story pack “{pack.title}”." if pack is not None else
                "No story pack.")
    if choice.how == "none":
        return "No story pack: the story parameter is 'none'."
    if choice.how == "named" and pack is not None:
        return (f"Story pack “{pack.title}”, chosen by the story parameter (the article "
                f"uses its words {_words_of(choice.match)}).")
    when = choice.when
    if pack is not None:
        dated = (f"its date, {day(when)}, falls in the story's period ({_period(pack)})"
                 if when is not None else
                 f"it is undated, so its date could not be checked against the story's period "
                 f"({_period(pack)})")
        return (f"Story pack “{pack.title}”: the article uses the story's words "
                f"{_words_of(choice.match)}, {choice.match.subject_hits} of them naming its "
                f"subject, and {dated}.")
    match = choice.match
    if choice.outside:
        other = packs.pack_named(choice.outside[0])
        return (f"No story pack: the article's words fit “{other.title}”, but its date, "
                f"{day(when)}, is outside that story's period ({_period(other)}), so no stance "
                f"topics or public record are used.")
    if match is None or not match.hits:
        return ("No story pack: the article uses none of the words of a story pack's subject, "
                "so no stance topics or public record are used.")
    return (f"No story pack: the article uses the words of “{match.pack.title}” only "
            f"{_words_of(match)}, {count(match.subject_hits, 'time')} naming its subject; the "
            f"pack needs {match.pack.min_hits}, {match.pack.min_share:.1%} of the words and "
            f"{match.pack.min_subject_hits} on its subject, so no stance topics or public record "
            f"are used.")


def no_pack(analysis: Analysis, what: str) -> str:
    """Why a section is empty when the article has no story pack: 'The article has no story
    pack, so <what>.', then why it has none (the words, the date or the story parameter)."""
    said = f"The article has no story pack, so {what}."
    if analysis.choice is None:  # an analysis made without the choice's reasons
        return said
    return f"{said} Why: {story_choice(analysis).removeprefix('No story pack: ')}"


def disagreements(findings: Findings, most: int = 2) -> str:
    """The topics on which actors take different stances (the `most` most contested)."""
    if findings.pack is None:
        return "The article has no story pack, so its actors' stances are not read."
    if not findings.disagreements:
        return "Where actors take a stance, they do not disagree with one another."
    return " ".join(disagreement(item) for item in findings.disagreements[:most])


def _read_as(compared: Comparison) -> str:
    """' (read as 13,300 to 14,000)' when a qualifier widens the figure, else ''."""
    if compared.article_low == compared.article_high:
        return ""
    return f" (read as {span(compared.article_low, compared.article_high)})"


def _same_and_undated(check: FigureCheck) -> str:
    """What a check's sentence adds: the rows of the figure's own source ('the same source,
    not a confirmation'), and, for an undated article, that figures of any date were used."""
    said = ""
    repeated = [row for row in check.same if row.verdict == Verdict.AGREE]
    if repeated:
        row = repeated[-1]
        said += (f" The record's {span(row.record_low, row.record_high)} from "
                 f"{source(row)} is the same source as the article's figure, not a "
                 f"confirmation of it.")
    if check.as_of is None and check.compared is not None:
        when = day(check.compared.published or check.compared.record_date)
        said += (f" The article is undated, so figures published at any date were used; the "
                 f"one named was published on {when}.")
    return said


def check_sentence(check: FigureCheck) -> str:
    """How one figure stands against the public record, in one sentence (two when the record
    repeats the figure's own source or the article is undated)."""
    figure = f"The article's “{escape(check.text)}”"
    compared = check.compared
    if compared is None:
        if check.same:
            return (f"{figure} has no independent record published before the article to "
                    f"compare with.{_same_and_undated(check)}")
        return f"{figure} has no record published before the article to compare with."
    read_as = _read_as(compared)
    record = span(compared.record_low, compared.record_high)
    if check.verdict == Verdict.AGREE:
        others = len(check.agreeing) - 1
        also = f" (and {count(others, 'earlier record', spell=True)})" if others > 0 else ""
        return (f"{figure}{read_as} agrees with {record} from {source(compared)}{also}."
                f"{_same_and_undated(check)}")
    gap = f"{number(compared.gap)} ({percent(compared.relative_gap)}) {compared.side}"
    return (f"{figure}{read_as} {VERDICT_WORDS[check.verdict]} the latest record before it, "
            f"{record} from {source(compared)}: it is {gap} it.{_same_and_undated(check)}")


def checks_list(analysis: Analysis) -> str:
    """Every figure's verdict against the record as a Markdown list, or why there is none."""
    findings = analysis.findings
    if findings.pack is None:
        return no_pack(analysis, "no figure in it is checked against a public record")
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
    """A record chart's headline: whether the article's figures match the record it shows, the
    first that does not leading and those that do named after it."""
    if not checks:
        return ""
    texts = [f"“{check.text}”" for check in checks]
    if all(check.verdict == Verdict.AGREE for check in checks):
        return (f"The article's {names(texts, most=4)} "
                f"{verb(len(checks), 'matches', 'match')} the published record")
    check = next(check for check in checks if check.verdict != Verdict.AGREE)
    compared = check.compared
    if compared is None and check.same:
        return f"“{check.text}” is set only beside its own source's figure, not checked"
    if compared is None:
        return f"No figure was published before the article to set beside “{check.text}”"
    finding = (f"The article's “{check.text}” is {percent(compared.relative_gap)} "
               f"{compared.side} the latest published figure")
    agreeing = [f"“{other.text}”" for other in checks if other.verdict == Verdict.AGREE]
    if agreeing:
        finding += (f"; its {names(agreeing, most=4)} "
                    f"{verb(len(agreeing), 'matches', 'match')} the record")
    return finding


def provenance(analysis: Analysis) -> pd.DataFrame:
    """How the report was made: model, story pack, package versions, date, the text's hash."""
    rows = [
        ("Checksum of the article text (SHA-256)", analysis.article.sha256),
        ("Language model (spaCy)", analysis.model),
        ("Story pack", story_choice(analysis)),
        ("Reading kit (helpers)", __version__),
        ("Python", platform.python_version()),
        *((name, importlib.metadata.version(name)) for name in PACKAGES),
        ("Made on", datetime.now(UTC).strftime("%d %b %Y, %H:%M UTC")),
    ]
    return pd.DataFrame(rows, columns=["Item", "Value"])


def no_record(analysis: Analysis) -> str:
    """Why no public record was used: no story pack, no figure the record counts, or no row
    of it published by the article's date."""
    from helpers.report.charts.records import charted_tables

    if analysis.pack is None:
        return no_pack(analysis, "no public record was used")
    when = analysis.article.meta.date
    if when is not None and charted_tables(analysis):
        return (f"No figure of the story's public record was published on or before the "
                f"article's date, {day(when)}, so no public record was used.")
    return ("No figure of the article counts what the story's public record counts, so no "
            "public record was used.")


def _use(row: tuple, table: RecordTable, when: date | None) -> str:
    """Whether a check of an article of date `when` may use a row of `records(table)` (from
    `itertuples`), and why not: only counts published on or before the article's date (any
    date when it is undated)."""
    if row.what in table.projections:
        return "no: a projection, not a count"
    if when is None:
        return "yes (the article is undated)"
    return "yes" if row.published.date() <= when else "no: published after the article"


def record_sources(analysis: Analysis) -> pd.DataFrame:
    """The public record the figures were checked against: per table, how many published
    figures the checks could use (`_use`), from which publishers, over which dates (empty
    without a story pack, or when no row was published by the article's date)."""
    from helpers.report.charts.records import charted_tables
    from helpers.stories.records import records

    rows = []
    for table in charted_tables(analysis):
        found = records(table)
        usable = [_use(row, table, analysis.article.meta.date).startswith("yes")
                  for row in found.itertuples()]
        found = found[usable]
        if found.empty:
            continue
        dates = found["published"].fillna(found["date"])
        publishers = list(dict.fromkeys(found["publisher"]))
        rows.append({"Record": table.title, "Published figures": len(found),
                     "Publishers": names(publishers, most=len(publishers)),
                     "From": day(dates.min().date()), "To": day(dates.max().date())})
    return pd.DataFrame(rows, columns=["Record", "Published figures", "Publishers", "From",
                                       "To"])


def record_rows(analysis: Analysis) -> tuple[pd.DataFrame, list[str]]:
    """Every published figure of the record the checks read, oldest first, and the address of
    each (for links): what it counts, the figure, who gave it when, who published it when, and
    whether a check of this article may use it (published on or before the article's date; an
    undated article uses every row, and says so)."""
    from helpers.report.charts.records import charted_tables
    from helpers.stories.records import records

    when = analysis.article.meta.date
    rows, urls = [], []
    for table in charted_tables(analysis):
        for row in records(table).itertuples():
            rows.append({"Record": table.title, "Figure": span(row.low, row.high),
                         "Given by": row.who, "Given on": day(row.date.date()),
                         "Published by": row.publisher,
                         "Published on": day(row.published.date()),
                         "Used in the checks": _use(row, table, when)})
            urls.append(str(row.url))
    columns = ["Record", "Figure", "Given by", "Given on", "Published by", "Published on",
               "Used in the checks"]
    return pd.DataFrame(rows, columns=columns), urls


def quote_list(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotes for readers: paragraph, speaker, direct or reported, the words, the cue."""
    table = quotes[["paragraph", "speaker", "kind", "text", "cue"]].replace(
        {"kind": KINDS})
    return table.rename(columns={"paragraph": "Paragraph", "speaker": "Speaker", "kind": "Kind",
                                 "text": "Quote", "cue": "Cue"})
