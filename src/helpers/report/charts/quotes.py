"""Charts of who speaks and where they stand, in the house style (tables in, figures out)."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from helpers.report.style import PALETTE, new_figure

STANCE_COLOURS = {
    "support": PALETTE["blue"],
    "oppose": PALETTE["vermillion"],
    "skeptical": PALETTE["orange"],
    "neutral": PALETTE["grey"],
}
"""One Okabe-Ito colour per stance; every cell also carries its stance as a word."""


def quoted_words_chart(actors: pd.DataFrame, source: str) -> Figure:
    """Horizontal bars: words in direct quotes per actor, most quoted on top."""
    data = actors[actors["quoted_words"] > 0].sort_values(["quoted_words", "actor"])
    height = max(2.5, 0.45 * len(data) + 1.5)
    fig, ax = new_figure("Whose words does the article quote?", "Words in direct quotes",
                         "", source, size=(8, height))
    bars = ax.barh(data["actor"], data["quoted_words"], color=PALETTE["blue"])
    ax.bar_label(bars, labels=[f"{value:,}" for value in data["quoted_words"]], padding=3)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, max(1, data["quoted_words"].max()) * 1.15)
    return fig


def stance_matrix_chart(stances: pd.DataFrame, source: str) -> Figure:
    """A labelled grid, actor by topic, each cell coloured and labelled with the stance."""
    actors = list(dict.fromkeys(stances["actor"]))
    topics = sorted(set(stances["topic"]))
    size = (max(6.0, 1.6 * len(topics) + 3), max(2.5, 0.5 * len(actors) + 1.8))
    fig, ax = new_figure("Where does each actor stand?", "Topic", "", source, size=size)
    for row, actor in enumerate(actors):
        for column, topic in enumerate(topics):
            cell = stances[(stances["actor"] == actor) & (stances["topic"] == topic)]
            if cell.empty:
                continue
            stance = cell.iloc[0]["stance"]
            ax.add_patch(Rectangle((column - 0.48, row - 0.45), 0.96, 0.9,
                                   color=STANCE_COLOURS[stance], label=f"{actor}/{topic}"))
            ax.text(column, row, stance, ha="center", va="center", fontsize=9,
                    color="black" if stance in ("skeptical", "neutral") else "white")
    ax.set_xticks(range(len(topics)), [topic.replace("_", " ") for topic in topics])
    ax.set_yticks(range(len(actors)), actors)
    ax.set_xlim(-0.5, len(topics) - 0.5)
    ax.set_ylim(len(actors) - 0.5, -0.5)
    ax.grid(visible=False)
    ax.legend(handles=[Patch(color=colour, label=name) for name, colour in STANCE_COLOURS.items()],
              loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, title="Stance")
    return fig

