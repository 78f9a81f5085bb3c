"""The house style of every chart: one palette, one font size, titles, units and a source line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#7F7F7F",
}
"""Okabe-Ito colours: distinguishable with the common forms of colour blindness."""

SERIES = [PALETTE[name] for name in ("blue", "orange", "green", "vermillion", "sky", "purple")]

RC = {
    "figure.figsize": (8, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": matplotlib.cycler(color=SERIES),
    "svg.fonttype": "none",
}

# Article text (headlines, names, quoted figures) may hold "$": never read it as math.
# Text takes this setting when it is created, often after `new_figure` returns, so it is
# set for the whole process rather than inside RC.
matplotlib.rcParams["text.parse_math"] = False

FINDING_WIDTH = 80
"""Characters per line of a chart's finding before it wraps."""

thousands = FuncFormatter(lambda value, _: f"{value:,.0f}")
"""Tick formatter with thousands separators: 150000 -> 150,000."""


def new_figure(
    title: str, xlabel: str, ylabel: str, source: str, size: tuple[float, float] | None = None
) -> tuple[Figure, plt.Axes]:
    """A figure in the house style with its title, axis labels (with units) and source line.

    Made with pyplot so that notebooks show it inline (end the cell with `;`); batch code
    closes it with `plt.close(fig)` after saving.
    """
    with plt.rc_context(RC):
        fig, ax = plt.subplots(figsize=size or RC["figure.figsize"], layout="constrained")
        # The first figure loads the notebook backend, which turns interactive mode on;
        # leaving the context would restore the old 'off' and hide every later chart.
        interactive = matplotlib.is_interactive()
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    matplotlib.interactive(interactive)
    set_source(fig, source)
    return fig, ax


def set_source(fig: Figure, source: str) -> None:
    """Write the source line under the chart (replacing an earlier one)."""
    for text in list(fig.texts):
        if text.get_gid() == "source":
            text.remove()
    fig.text(0.01, 0.0, f"Source: {source}", ha="left", va="bottom", fontsize=8,
             color=PALETTE["grey"], gid="source")
    fig.get_layout_engine().set(h_pad=0.25)


def set_finding(fig: Figure, finding: str) -> None:
    """Head the chart with its finding in bold; the title it had becomes a plain subtitle
    naming what is plotted. No finding leaves the chart as it is."""
    if not finding:
        return
    ax = fig.axes[0]
    subtitle = title_of(ax)
    ax.set_title(textwrap.fill(finding, FINDING_WIDTH), loc="left", pad=22,
                 fontweight=RC["axes.titleweight"], fontsize=RC["axes.titlesize"])
    ax.annotate(subtitle, (0, 1), xycoords="axes fraction", xytext=(0, 6),
                textcoords="offset points", va="bottom", fontsize=RC["font.size"],
                gid="subtitle")


def finding_of(fig: Figure) -> str:
    """The finding heading a chart made with `set_finding` ('' when it has none), one line."""
    ax = fig.axes[0]
    if not any(text.get_gid() == "subtitle" for text in ax.texts):
        return ""
    return " ".join(title_of(ax).split())


def subtitle_of(fig: Figure) -> str:
    """What a chart plots: its subtitle under the finding, else its title."""
    ax = fig.axes[0]
    found = [text.get_text() for text in ax.texts if text.get_gid() == "subtitle"]
    return found[0] if found else title_of(ax)


def source_of(fig: Figure) -> str:
    """The source line of a figure made with `new_figure` ('' when it has none)."""
    return next((t.get_text() for t in fig.texts if t.get_gid() == "source"), "")


def title_of(ax: plt.Axes) -> str:
    """The title of an axes, wherever it sits (the house style puts it on the left)."""
    return ax.get_title(loc="left") or ax.get_title() or ax.get_title(loc="right")


def save(fig: Figure, folder: Path, name: str) -> list[Path]:
    """Save `fig` as `name.png` and `name.svg` in `folder`; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{name}.png", folder / f"{name}.svg"]
    with plt.rc_context(RC):
        for path in paths:
            fig.savefig(path, bbox_inches="tight")
    return paths
