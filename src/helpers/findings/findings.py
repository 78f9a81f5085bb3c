"""What an analysis finds, decided once: whose voices dominate, where actors disagree, which
titles conflict, and how each figure stands against the public record.

Every page reads these objects (through `helpers.report`), so two pages never disagree about
the same figure. Nothing here writes prose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from helpers.extract.figures import NOT_AMOUNTS
from helpers.findings.verdicts import Comparison, compare
from helpers.rules import LANGUAGE
from helpers.stories.packs import StoryPack
from helpers.stories.records import comparable
from helpers.vocab import TAKING_SIDES, QuoteKind, Verdict


@dataclass(frozen=True)
class Voice:
    """One speaker: how often and how much the article quotes them."""

    actor: str
    """The speaker's name as the actors table gives it."""
    quotes: int
    """Direct and reported quotes together."""
    direct: int
    reported: int
    quoted_words: int
    """Words inside the actor's direct quotes."""


@dataclass(frozen=True)
class Disagreement:
    """A topic on which actors take different sides: stance -> the actors taking it."""

    topic: str
    label: str
    sides: dict[str, list[str]]
    evidence: dict[str, int] = field(default_factory=dict)
    """Actor -> where the sentence that decided their stance starts in the article's text."""


@dataclass(frozen=True)
class FigureCheck:
    """One article figure against one record table: the verdict, decided once.

    The rows considered are those published on or before the article's date (all rows when
    the date is unknown: `as_of` is then None, and the pages say so). A row reporting the
    figure's own source (Biden's figure, Biden's remarks) confirms nothing: it is kept apart in
    `same`. The figure agrees when any other row agrees (`compared` is then the latest agreeing
    row); otherwise `compared` is the latest row considered, close or disagreeing. A running
    total (a `breakdown` table) is checked against its latest value only. `verdict` is
    NO_RECORD when no independent row was published before the article. Rows of another scope
    (`SCOPE_RATIO`) are left out; a figure with only such rows gets no check. Where the rows
    count several things (`what`), only agreement says which the figure counts, so a figure
    that agrees with none of them gets no check rather than a disagreement with a stranger.
    """

    text: str
    category: str
    unit: str
    time: str
    paragraph: int
    table: str
    verdict: Verdict
    compared: Comparison | None
    agreeing: tuple[Comparison, ...]
    as_of: date | None
    same: tuple[Comparison, ...] = ()
    """Rows of the figure's own source: the same claim, not a confirmation."""


@dataclass
class Findings:
    """Everything the pages say about one article, as data."""

    pack: StoryPack | None
    article_date: date | None
    quotes: int
    """Statements (`statements`): a partial quote inside reported speech is part of it, and a
    quoted word or two on its own is no statement."""
    direct: int
    reported: int
    voices: list[Voice]
    disagreements: list[Disagreement]
    title_conflicts: list[tuple[str, list[str]]]
    figure_checks: list[FigureCheck]
    amounts: int
    """Facts: amounts once each, without dates, counts in prose or a conversion's second unit."""
    approximate: int
    sourced: int
    dates: list[str] = field(default_factory=list)
    partial: int = 0
    """Partial quotes counted inside the reported statements that hold them."""
    scare: int = 0
    """Quoted words that are no statement (a word or two in quotation marks on its own)."""

    @property
    def top_voice(self) -> Voice | None:
        """The speaker with the most quoted words (then the most quotes), if anyone speaks."""
        return self.voices[0] if self.voices else None

    @property
    def top_share(self) -> float:
        """The top voice's share of all words in direct quotes (0 when nobody is quoted)."""
        total = sum(voice.quoted_words for voice in self.voices)
        top = self.top_voice
        return top.quoted_words / total if top is not None and total else 0.0


def in_prose(row: Mapping) -> bool:
    """A number under ten written as a word and counting nothing the kit knows ('two paths'):
    ordinary prose, not a figure to chart or check."""
    return (row["category"] == "other" and float(row["value"]) < 10
            and not any(char.isdigit() for char in str(row["text"])))


def facts(figures: pd.DataFrame) -> pd.DataFrame:
    """The article's amounts, one row per fact: dates, counts in prose and the second unit of a
    conversion left out; `also` holds the conversion as written ('18 miles') or ''."""
    if figures.empty:
        return figures.assign(also=pd.Series(dtype=str))
    amounts = figures[~figures["category"].isin(NOT_AMOUNTS)]
    amounts = amounts[pd.Series([not in_prose(row) for _, row in amounts.iterrows()],
                                index=amounts.index, dtype=bool)]
    linked = amounts[amounts["link"].notna()]
    seconds = linked[linked["link"].duplicated()]
    also = dict(zip(seconds["link"], seconds["text"], strict=True))
    first = amounts.drop(index=seconds.index)
    return first.assign(also=[also.get(link, "") if pd.notna(link) else ""
                              for link in first["link"]])


def drawn(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures a chart may draw: exact values and ranges, never a vague amount ('millions',
    'dozens of'), whose value is only a lower bound. Tables without the `exact` column (written
    before it existed) count every row as exact."""
    if figures.empty or "exact" not in figures:
        return figures
    return figures[figures["exact"].astype(bool) | figures["high"].notna()]


SCARE_WORDS = 2
"""A direct quote of at most this many words, outside reported speech, not a sentence of its
own (no . ! or ? at its end) and attributed by a speech noun or a verb that quotes a label
('the Kremlin's dismissal of the warnings as “hysteria”', 'calling it a “sham”') quotes a
word, not a statement; '“No,” he said' is one."""


def _labels(cue: str) -> bool:
    """True for a cue that attributes a label, not a statement: a speech noun ('dismissal') or
    a verb that quotes only the words it governs ('calling'), from cues.txt."""
    from helpers.extract.ruleset import rules_for

    word = cue.lower().strip()
    found = rules_for(LANGUAGE).cues
    return word in found.nouns or any(word.startswith(verb) for verb in found.quoting)


def statements(quotes: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Which quote rows are statements, which are partial quotes inside a reported statement
    (of the same paragraph), and which are quoted words that are no statement: three boolean
    Series on the quotes' index. The quote table keeps every row; the counts a page gives are
    of statements."""
    empty = pd.Series(False, index=quotes.index, dtype=bool)
    if quotes.empty:
        return empty, empty.copy(), empty.copy()
    reported = quotes[quotes["kind"] == QuoteKind.REPORTED]
    spans = {paragraph: list(zip(group["start"], group["end"], strict=True))
             for paragraph, group in reported.groupby("paragraph")}
    partial, scare = empty.copy(), empty.copy()
    for row in quotes[quotes["kind"] == QuoteKind.DIRECT].itertuples():
        if any(start <= row.start and row.end <= end
               for start, end in spans.get(row.paragraph, ())):
            partial[row.Index] = True
        elif (int(row.words) <= SCARE_WORDS and _labels(str(row.cue))
              and not str(row.text).rstrip().endswith((".", "!", "?"))):
            scare[row.Index] = True
    return ~(partial | scare), partial, scare


def voices(quotes: pd.DataFrame, actors: pd.DataFrame) -> list[Voice]:
    """Every named speaker, most quoted words first, then most quotes, then name."""
    spoken = quotes[quotes["speaker"] != ""] if not quotes.empty else quotes
    found = []
    words = dict(zip(actors["actor"], actors["quoted_words"], strict=True))
    for actor, group in spoken.groupby("speaker", sort=False) if not spoken.empty else ():
        direct = int((group["kind"] == QuoteKind.DIRECT).sum())
        found.append(Voice(str(actor), len(group), direct, len(group) - direct,
                           int(words.get(actor, 0))))
    return sorted(found, key=lambda v: (-v.quoted_words, -v.quotes, v.actor))


def disagreements(stances: pd.DataFrame, pack: StoryPack | None) -> list[Disagreement]:
    """Topics on which actors take different sides, the most contested first."""
    taken = stances[stances["stance"].isin(TAKING_SIDES)] if not stances.empty else stances
    found = []
    for topic, rows in taken.groupby("topic", sort=False) if not taken.empty else ():
        if rows["stance"].nunique() < 2:
            continue
        sides = {stance: list(group["actor"]) for stance, group in rows.groupby("stance",
                                                                               sort=False)}
        label = pack.label(str(topic)) if pack is not None else str(topic)
        starts = (dict(zip(rows["actor"], rows["start"].astype(int), strict=True))
                  if "start" in rows else {})
        found.append(Disagreement(str(topic), label, sides, starts))
    return sorted(found, key=lambda d: -sum(len(actors) for actors in d.sides.values()))


def published_by(rows: pd.DataFrame, as_of: date | None) -> pd.Series:
    """Which record rows a check of an article dated `as_of` may read: those published on or
    before that date (every row when the article is undated)."""
    if as_of is None:
        return pd.Series(True, index=rows.index)
    return rows["published"] <= pd.Timestamp(as_of)


def check_figures(figures: pd.DataFrame, pack: StoryPack | None,
                  as_of: date | None) -> list[FigureCheck]:
    """Every article figure that a record table of the pack counts, checked once."""
    if pack is None or figures.empty:
        return []
    checks = []
    for _, figure in figures.iterrows():
        tables = pack.tables_for(str(figure["category"]))
        for table in (t for t in tables if t.about(str(figure["sentence"]))):
            rows = comparable(table, str(figure["unit"]))
            rows = rows[published_by(rows, as_of)]
            results = [compare(figure, row) for _, row in rows.iterrows()]
            results = [r for r in results if r.same_scope]
            same = tuple(r for r in results if r.same_source)
            results = [r for r in results if not r.same_source]
            if table.chart == "breakdown":  # a running total: only its latest value counts
                results = results[-1:]
            agreeing = tuple(r for r in results if r.verdict == Verdict.AGREE)
            mixed = rows["what"].nunique() > 1
            if rows.size and not (agreeing if mixed else results) and not same:
                continue  # no row counts what the figure counts
            compared = (agreeing or results or [None])[-1]
            checks.append(FigureCheck(
                text=str(figure["text"]), category=str(figure["category"]),
                unit=str(figure["unit"]), time=str(figure["time"]),
                paragraph=int(figure["paragraph"]), table=table.name,
                verdict=compared.verdict if compared is not None else Verdict.NO_RECORD,
                compared=compared, agreeing=agreeing, as_of=as_of, same=same))
    return checks


def find(quotes: pd.DataFrame, actors: pd.DataFrame, stances: pd.DataFrame,
         figures: pd.DataFrame, pack: StoryPack | None, article_date: date | None) -> Findings:
    """The findings of one analysis' tables."""
    said, partial, scare = statements(quotes)
    stated = quotes[said]
    direct = int((stated["kind"] == QuoteKind.DIRECT).sum()) if not stated.empty else 0
    amounts = facts(figures)
    conflicts = actors[actors["title_conflict"]] if not actors.empty else actors
    return Findings(
        pack=pack,
        article_date=article_date,
        quotes=len(stated),
        direct=direct,
        reported=len(stated) - direct,
        voices=voices(stated, actors),
        disagreements=disagreements(stances, pack),
        title_conflicts=[(row.actor, row.roles.split("; ")) for row in conflicts.itertuples()],
        figure_checks=check_figures(figures, pack, article_date),
        amounts=len(amounts),
        approximate=int(amounts["approximate"].sum()) if not amounts.empty else 0,
        sourced=int((amounts["source"] != "").sum()) if not amounts.empty else 0,
        dates=list(dict.fromkeys(figures.loc[figures["category"] == "date", "text"]))
        if not figures.empty else [],
        partial=int(partial.sum()),
        scare=int(scare.sum()),
    )
