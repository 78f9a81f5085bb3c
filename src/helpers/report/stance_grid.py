"""The stance grid as a table a reader can use: actors down, topics across, each filled cell the
stance in words and in its colour, a link to the sentence it rests on in the article view
(`anchors.evidence_href`), that sentence in its `title`.

Page 02 shows one article's grid (`article_grid`): a cell links to the sentence that decided
the stance and counts the actor's mentions of the topic. The coverage page shows the stance
most articles give (`coverage_grid`): a cell links to that sentence in the first article, by
date, that gives it. Each cell's text colour is black or white, whichever stands out more from
its colour (`text_colour`), so the word is always readable; the colour is never the only cue.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from helpers.findings.coverage import MIXED, MOST, Coverage, grid_actors, on_story
from helpers.report.anchors import ARTICLE_PAGE, evidence_href
from helpers.report.coverage import outlet_name, sentence, topic_order
from helpers.report.style import PALETTE
from helpers.report.tables import ReaderTable, boxed
from helpers.report.words import count, names
from helpers.stories.packs import StoryPack
from helpers.vocab import TAKING_SIDES, Stance

STANCE_COLOURS = {
    Stance.SUPPORT: PALETTE["blue"],
    Stance.OPPOSE: PALETTE["vermillion"],
    Stance.SKEPTICAL: PALETTE["orange"],
    Stance.NEUTRAL: PALETTE["grey"],
    MIXED: PALETTE["purple"],
}
"""One Okabe-Ito colour per stance (and for a coverage cell where the sides tie)."""
CAPTION = "Where each actor stands, by topic"
"""What the grid shows, under its finding; its CSV is named after it."""
COVERAGE_CAPTION = "The stance most articles give each actor, by topic"
MIN_CONTRAST = 4.5
"""WCAG AA contrast for text of normal size."""

STYLE = """<style>
.reader-table table.stance-grid { border-collapse: collapse; margin: 0 0 1em; font-size: 14px;
                                  line-height: 1.4; }
.reader-table table.stance-grid caption { caption-side: top; text-align: left;
                                          padding: 0 0 6px; }
.reader-table table.stance-grid th { text-align: left; vertical-align: bottom;
                                     padding: 6px 10px; border-bottom: 2px solid #57606a;
                                     min-width: 6em; max-width: 12em; white-space: normal; }
.reader-table table.stance-grid tbody th { font-weight: normal; vertical-align: middle;
                                           min-width: 8em; border-bottom: 1px solid #d0d7de; }
.reader-table table.stance-grid td { text-align: left; vertical-align: middle;
                                     padding: 6px 10px; min-width: 6em; border: 2px solid #fff;
                                     white-space: normal; }
.reader-table table.stance-grid td a { display: block; font-weight: bold; }
.reader-table table.stance-grid td .note { display: block; font-weight: normal;
                                           font-size: 13px; }
</style>"""
"""The grid's layout; its selectors outweigh JupyterLab's right-aligned table cells."""


def _luminance(colour: str) -> float:
    """The relative luminance of a '#rrggbb' colour (WCAG 2)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two '#rrggbb' colours, from 1 to 21."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour(background: str) -> str:
    """Black or white, whichever stands out more from `background`."""
    return max(("#000000", "#ffffff"), key=lambda colour: contrast(colour, background))


@dataclass(frozen=True)
class Cell:
    """One filled cell: the stance, how much backs it, and the sentence it links to."""

    stance: str
    note: str
    """'3 of 4 mentions', '1 of 2 articles', or '' when there is one piece of evidence."""
    href: str
    sentence: str

    @property
    def text(self) -> str:
        """'oppose (3 of 4 mentions)', as the cell reads and its CSV holds it."""
        return f"{self.stance} ({self.note})" if self.note else self.stance

    def html(self) -> str:
        """The `<td>`: coloured, its words and link in the colour that reads on it."""
        background = STANCE_COLOURS[self.stance]
        note = f' <span class="note">({html.escape(self.note)})</span>' if self.note else ""
        return (f'<td class="stance-{html.escape(self.stance)}" style="background: '
                f'{background};"><a href="{html.escape(self.href)}" '
                f'title="{html.escape(self.sentence)}" style="color: {text_colour(background)};"'
                f">{html.escape(self.stance)}{note}</a></td>")


def stance_table(cells: dict[tuple[str, str], Cell], actors: list[str],
               topics: dict[str, str], finding: str, caption: str) -> ReaderTable:
    """Actors (rows) by topics (columns, {topic: label}) as a table titled `caption` in its
    scrolling box, `finding` above the box (so a phone wraps it); an actor with no stance on a
    topic leaves the cell empty."""
    head = "".join(f'<th scope="col">{html.escape(label)}</th>' for label in topics.values())
    rows = []
    for actor in actors:
        filled = [cells[(actor, topic)].html() if (actor, topic) in cells else "<td></td>"
                  for topic in topics]
        rows.append(f'<tr><th scope="row">{html.escape(actor)}</th>{"".join(filled)}</tr>')
    table = (f'{STYLE}<table class="stance-grid"><caption>{html.escape(caption)}</caption>'
             f'<thead><tr><th scope="col">Actor</th>{head}</tr></thead><tbody>{"".join(rows)}'
             f"</tbody></table>")
    shown = pd.DataFrame(
        [[actor, *(cells[(actor, t)].text if (actor, t) in cells else "" for t in topics)]
         for actor in actors], columns=["Actor", *topics.values()])
    finding = f'<p class="grid-finding"><strong>{html.escape(finding)}</strong></p>'
    return ReaderTable(shown, caption, finding + boxed(table, caption), shown)


def stance_finding(stances: pd.DataFrame, pack: StoryPack) -> str:
    """The topic on which most actors take different sides, as the grid's headline."""
    sides = stances[stances["stance"] != Stance.NEUTRAL].groupby("topic")["stance"]
    split = sides.nunique()
    split = split[split > 1]
    if split.empty:
        return "No two actors take different sides on a topic"
    taking = sides.size()[split.index].sort_values(ascending=False, kind="stable")
    return f"Actors take different sides on {pack.label(str(taking.index[0]))}"


def _mentions(row) -> str:
    """'3 of 4 mentions' of the topic in the actor's words that lean the row's way ('' for
    one mention, '2 mentions' when all lean one way)."""
    total = sum(int(getattr(row, stance)) for stance in Stance)
    given = int(getattr(row, row.stance))
    if total <= 1:
        return ""
    return count(total, "mention") if given == total else f"{given} of {count(total, 'mention')}"


def article_grid(stances: pd.DataFrame, pack: StoryPack) -> ReaderTable:
    """One article's stances (`Analysis.stances`), actor by topic in the pack's order, each
    cell linked to the sentence that decided it."""
    cells = {(row.actor, row.topic): Cell(row.stance, _mentions(row), evidence_href(row.start),
                                          row.evidence)
             for row in stances.itertuples()}
    present = set(stances["topic"])
    topics = [t for t in pack.topic_labels if t in present] + sorted(present
                                                                     - set(pack.topic_labels))
    return stance_table(cells, list(dict.fromkeys(stances["actor"])),
                      {topic: pack.label(topic) for topic in topics},
                      stance_finding(stances, pack), CAPTION)


def coverage_finding(cov: Coverage) -> str:
    """The grid's headline: where outlets differ on an actor, else the most given stance."""
    label = cov.pack.label if cov.pack is not None else str
    if not cov.splits.empty:
        row = cov.splits.iloc[0]
        return (f"Outlets give {row['actor']} different sides on {label(row['topic'])}: "
                + "; ".join(f"{stance} in {names([outlet_name(o) for o in outlets])}"
                            for stance, outlets in row["sides"].items()))
    sides = cov.grid[cov.grid["stance"].isin(TAKING_SIDES)]
    if sides.empty:
        return "No actor takes a side on the story's topics"
    top = sides.loc[sides[list(TAKING_SIDES)].max(axis=1).idxmax()]
    return sentence(f"{top['actor']}: {top['stance']} on {label(top['topic'])} in "
                    f"{count(int(top[top['stance']]), 'article')}")


def first_evidence(cov: Coverage) -> pd.DataFrame:
    """For each actor and topic of the grid, the first article by date giving its prevailing
    stance (any side, for a tie between sides): the grid's columns with `slug`, `start` and
    `evidence`."""
    stances = cov.corpus.stances
    stances = stances[stances["slug"].isin(on_story(cov.corpus, cov.pack)["slug"])]
    rank = {slug: i for i, slug in enumerate(cov.corpus.articles["slug"])}
    stances = stances.assign(rank=stances["slug"].map(rank)).sort_values("rank", kind="stable")
    found = []
    for row in cov.grid.itertuples():
        given = stances[(stances["actor"] == row.actor) & (stances["topic"] == row.topic)]
        backing = given["stance"].isin(TAKING_SIDES if row.stance == MIXED else [row.stance])
        first = given[backing].iloc[0]
        found.append({"slug": first["slug"], "start": int(first["start"]),
                      "evidence": first["evidence"]})
    return pd.concat([cov.grid, pd.DataFrame(found, columns=["slug", "start", "evidence"],
                                             index=cov.grid.index)], axis=1)


def _articles(row: pd.Series) -> str:
    """'3 of 4 articles', or for a tie '2 support, 2 oppose, in 4 articles'."""
    articles = count(int(row["articles"]), "article")
    if row["stance"] == MIXED:
        given = ", ".join(f"{int(row[stance])} {stance}" for stance in TAKING_SIDES
                          if row[stance])
        return f"{given}, in {articles}"
    return f"{int(row[row['stance']])} of {articles}"


def coverage_grid(cov: Coverage, reports_href: str) -> ReaderTable:
    """The actors who take the most sides (`grid_actors`) by topic: each cell the stance most
    articles give, how many give it, and a link to it in the first article that does, from
    the coverage page (`reports_href` leads to the folder of the reports)."""
    actors = grid_actors(cov.grid, MOST)
    found = first_evidence(cov)
    found = found[found["actor"].isin(actors)]
    cells = {(row["actor"], row["topic"]): Cell(
        row["stance"], _articles(row),
        evidence_href(row["start"], f"{reports_href}{row['slug']}/{ARTICLE_PAGE}"),
        row["evidence"]) for _, row in found.iterrows()}
    label = cov.pack.label if cov.pack is not None else str
    return stance_table(cells, actors, {topic: label(topic) for topic in topic_order(cov)},
                      coverage_finding(cov), COVERAGE_CAPTION)
