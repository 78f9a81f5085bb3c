"""Charts of who speaks and where they stand, in the house style (tables in, figures out)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from helpers.findings.findings import Findings, Voice
from helpers.report import alt
from helpers.report.charts.image import Chart
from helpers.report.style import PALETTE, new_figure, set_finding
from helpers.report.words import percent
from helpers.vocab import Stance

STANCE_COLOURS = {
    Stance.SUPPORT: PALETTE["blue"],
    Stance.OPPOSE: PALETTE["vermillion"],
    Stance.SKEPTICAL: PALETTE["orange"],
    Stance.NEUTRAL: PALETTE["grey"],
}
"""One Okabe-Ito colour per stance; every cell also carries its stance as a word."""


def quoted(findings: Findings) -> list[Voice]:
    """The speakers with words in quotation marks, most words first: the voices of the
    findings, so a scare quote ('"hysteria"') gives nobody a bar."""
    return [voice for voice in findings.voices if voice.quoted_words]


def quoted_finding(findings: Findings) -> str:
    """'Joe Biden has 45% of the words in quotation marks', the share the text gives
    (`Findings.top_share`); '' when nobody is quoted."""
    top = findings.top_voice
    if top is None or not top.quoted_words:
        return ""
    return f"{top.actor} has {percent(findings.top_share)} of the words in quotation marks"


def quoted_words_chart(findings: Findings, source: str) -> Figure:
    """Horizontal bars: words in direct quotes per speaker, most quoted on top."""
    data = quoted(findings)[::-1]
    height = max(2.5, 0.45 * len(data) + 1.5)
    fig, ax = new_figure("Words in direct quotes, by speaker", "Words in direct quotes",
                         "", source, size=(8, height))
    set_finding(fig, quoted_finding(findings))
    words = [voice.quoted_words for voice in data]
    bars = ax.barh([voice.actor for voice in data], words, color=PALETTE["blue"])
    ax.bar_label(bars, labels=[f"{value:,}" for value in words], padding=3)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, max([1, *words]) * 1.15)
    return fig


def stance_finding(stances: pd.DataFrame, label: Callable[[str], str]) -> str:
    """The topic on which most actors take different sides, as the grid's headline."""
    sides = stances[stances["stance"] != Stance.NEUTRAL].groupby("topic")["stance"]
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
                    color="black" if stance in (Stance.SKEPTICAL, Stance.NEUTRAL) else "white")
    ax.set_xticks(range(len(topics)), [textwrap.fill(label(topic), 16) for topic in topics])
    ax.set_yticks(range(len(actors)), actors)
    ax.set_xlim(-0.5, len(topics) - 0.5)
    ax.set_ylim(len(actors) - 0.5, -0.5)
    ax.grid(visible=False)
    ax.legend(handles=[Patch(color=colour, label=name) for name, colour in STANCE_COLOURS.items()],
              loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, title="Stance")
    return fig



def quoted_words_image(findings: Findings, source: str) -> Chart:
    """The quoted-words chart as an image with alt text."""
    data = quoted(findings)
    text = alt.bars(quoted_finding(findings), [voice.actor for voice in data],
                    [voice.quoted_words for voice in data], "word")
    return Chart(quoted_words_chart(findings, source), text)


def stance_matrix_image(stances: pd.DataFrame, source: str,
                        label: Callable[[str], str]) -> Chart:
    """The stance grid as an image with alt text."""
    text = f"{stance_finding(stances, label)}. {alt.stance_grid(stances, label)}"
    return Chart(stance_matrix_chart(stances, source, label), text)
