"""The chart of the reading notebook: which actors the article names most."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from helpers.report import alt
from helpers.report.charts.image import Chart
from helpers.report.style import PALETTE, new_figure
from helpers.vocab import ActorType

TYPE_COLOURS = {ActorType.PERSON: PALETTE["blue"], ActorType.ORGANISATION: PALETTE["orange"],
                ActorType.PLACE: PALETTE["green"]}


def actor_mentions_chart(entities: pd.DataFrame, source: str, top: int = 12) -> Figure:
    """Horizontal bars of the `top` most-mentioned actors, coloured by type."""
    shown = entities.head(top).iloc[::-1]
    fig, ax = new_figure(
        f"Most-mentioned actors (top {len(shown)})",
        "Mentions in the article (count)",
        "",
        source,
        size=(8, 0.35 * max(len(shown), 3) + 1.6),
    )
    colours = [TYPE_COLOURS[kind] for kind in shown["type"]]
    bars = ax.barh(shown["actor"], shown["mentions"], color=colours)
    ax.bar_label(bars, padding=3, fontsize=9)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", visible=False)
    kinds = [kind for kind in TYPE_COLOURS if kind in set(shown["type"])]
    ax.legend(handles=[Patch(color=TYPE_COLOURS[k], label=k) for k in kinds],
              loc="lower right", frameon=False)
    return fig


def actor_mentions_image(entities: pd.DataFrame, source: str, top: int = 12) -> Chart:
    """The most-mentioned actors as an image with alt text."""
    shown = entities.head(top)
    return Chart(actor_mentions_chart(entities, source, top),
                 alt.mentions(shown))
