"""Charts of who speaks and where they stand, in the house style (tables in, figures out)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from helpers.report import alt
from helpers.report.charts.image import Chart
from helpers.report.style import PALETTE, new_figure, set_finding
from helpers.report.words import percent

STANCE_COLOURS = {
    "support": PALETTE["blue"],
    "oppose": PALETTE["vermillion"],
    "skeptical": PALETTE["orange"],
    "neutral": PALETTE["grey"],
}
"""One Okabe-Ito colour per stance; every cell also carries its stance as a word."""


def quoted_finding(actors: pd.DataFrame) -> str:
    """'Joe Biden has 44% of the words in quotation marks' (nobody quoted: '')."""
    data = actors[actors["quoted_words"] > 0].sort_values(["quoted_words", "actor"],
                                                          ascending=[False, True])
    if data.empty:
        return ""
    share = data["quoted_words"].iloc[0] / data["quoted_words"].sum()
    return f"{data['actor'].iloc[0]} has {percent(share)} of the words in quotation marks"


def quoted_words_chart(actors: pd.DataFrame, source: str) -> Figure:
    """Horizontal bars: words in direct quotes per actor, most quoted on top."""
    data = actors[actors["quoted_words"] > 0].sort_values(["quoted_words", "actor"])
    height = max(2.5, 0.45 * len(data) + 1.5)
    fig, ax = new_figure("Words in direct quotes, by speaker", "Words in direct quotes",
                         "", source, size=(8, height))
    set_finding(fig, quoted_finding(actors))
    bars = ax.barh(data["actor"], data["quoted_words"], color=PALETTE["blue"])
    ax.bar_label(bars, labels=[f"{value:,}" for value in data["quoted_words"]], padding=3)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, max(1, data["quoted_words"].max()) * 1.15)
    return fig


def stance_finding(stances: pd.DataFrame, label: Callable[[str], str]) -> str:
    """The topic on which most actors take different sides, as the grid's headline."""
    sides = stances[stances["stance"] != "neutral"].groupby("topic")["stance"]
    split = sides.nunique()
    split = split[split > 1]
    if split.empty:
        return "No two actors take different sides on a topic"
    taking = sides.size()[split.index].sort_values(ascending=False, kind="stable")
    return f"Actors take different sides on {label(str(taking.index[0]))}"


def stance_matrix_chart(stances: pd.DataFrame, source: str,
                        label: Callable[[str], str]) -> Figure:
    """A labelled grid, actor by topic (named by `label`), each cell coloured and labelled
    with the stance."""
    actors = list(dict.fromkeys(stances["actor"]))
    topics = sorted(set(stances["topic"]))
    size = (max(6.0, 1.6 * len(topics) + 3), max(2.5, 0.5 * len(actors) + 1.8))
    fig, ax = new_figure("Where each actor stands, by topic", "Topic", "", source, size=size)
    set_finding(fig, stance_finding(stances, label))
    for row, actor in enumerate(actors):
        for column, topic in enumerate(topics):
            cell = stances[(stances["actor"] == actor) & (stances["topic"] == topic)]
            if cell.empty:
                continue
            stance = cell.iloc[0]["stance"]
            ax.add_patch(Rectangle((column - 0.48, row - 0.45), 0.96, 0.9,
                                   color=STANCE_COLOURS[stance], label=f"{actor}/{topic}"))
            ax.text(column, row, stance, ha="center", va="center", fontsize=9, gid="stance",
                    color="black" if stance in ("skeptical", "neutral") else "white")
    ax.set_xticks(range(len(topics)), [textwrap.fill(label(topic), 16) for topic in topics])
    ax.set_yticks(range(len(actors)), actors)
    ax.set_xlim(-0.5, len(topics) - 0.5)
    ax.set_ylim(len(actors) - 0.5, -0.5)
    ax.grid(visible=False)
    ax.legend(handles=[Patch(color=colour, label=name) for name, colour in STANCE_COLOURS.items()],
              loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, title="Stance")
    return fig



def quoted_words_image(actors: pd.DataFrame, source: str) -> Chart:
    """The quoted-words chart as an image with alt text."""
    data = actors[actors["quoted_words"] > 0].sort_values(["quoted_words", "actor"],
                                                          ascending=[False, True])
    text = alt.bars(quoted_finding(actors), list(data["actor"]), list(data["quoted_words"]),
                    "word")
    return Chart(quoted_words_chart(actors, source), text)


def stance_matrix_image(stances: pd.DataFrame, source: str,
                        label: Callable[[str], str]) -> Chart:
    """The stance grid as an image with alt text."""
    text = f"{stance_finding(stances, label)}. {alt.stance_grid(stances, label)}"
    return Chart(stance_matrix_chart(stances, source, label), text)
