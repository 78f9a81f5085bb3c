"""A chart as the pages show it: a PNG with alt text on a wide screen, an SVG laid out for a
phone on a narrow one, and links to both files, in JupyterLab and in the HTML pages.

The output is HTML: a `<picture>` whose `<img>` carries the PNG and the alt text, with a
`<source>` for screens up to `PHONE_SCREEN` px wide holding an SVG drawn again at phone size,
its text at least `PHONE_FONT` pt and never shown below `MIN_TEXT_PX` px (the chart scrolls
sideways before its text gets smaller). The render step writes the PNG and SVG that the
"get the chart" links name (`downloads`, in the output's metadata) into the report's
`figures/` folder. The figure is closed once drawn, so the notebook backend does not show it a
second time without its alt text.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
import textwrap
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.text import Text
from slugify import slugify

from helpers.report import style

FIGURES_DIR = "figures"
"""The folder of a report that holds its charts' files."""
DOWNLOADS = "kit-downloads"
"""Output metadata key: the files a page links, {relative path: base64 bytes}."""
PHONE_SCREEN = 640
"""Screens up to this many CSS px wide get the phone layout."""
PHONE_WIDTH = 3.9
"""Width of the phone layout, in inches (281 pt, shown about 360 px wide)."""
PHONE_FONT = 10
PHONE_MIN_HEIGHT = 4.4
"""Height of the phone layout at least, in inches: titles and legends take more of it."""
"""Smallest text of the phone layout, in pt (SVG user units)."""
PHONE_CHARS = 40
"""Characters per line of a long label in the phone layout."""
MIN_TEXT_PX = 11
"""The smallest text a reader sees on a phone, in CSS px."""
FONT_SIZE = re.compile(r"font(?:-size)?:\s*([\d.]+)px")
VIEWBOX = re.compile(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"')


@dataclass
class Chart:
    """A figure and the sentence that says what it shows."""

    figure: Figure
    alt: str
    png: bytes = field(init=False, repr=False)
    svg: str = field(init=False, repr=False)
    """The chart as drawn for the wide screen, as SVG (the file the page links)."""
    phone_svg: str = field(init=False, repr=False)
    name: str = field(init=False)
    """The file name of the chart's files, from what it plots."""
    width: int = field(init=False)
    """The width to show it at on a wide screen, in CSS pixels (it shrinks on a narrow one)."""
    source: str = field(init=False)
    """The source line (under the chart on a wide screen, in its caption on a phone)."""

    def __post_init__(self) -> None:
        self.name = slugify(style.subtitle_of(self.figure) or self.alt, max_length=60) or "chart"
        self.width = round(self.figure.get_figwidth() * 100)
        self.source = style.source_of(self.figure)
        self.png = _draw(self.figure, "png").encode("latin-1")
        self.svg = _draw(self.figure, "svg")
        _lay_out_for_phone(self.figure)
        self.phone_svg = _draw(self.figure, "svg")
        plt.close(self.figure)

    @property
    def phone_min_width(self) -> int:
        """The narrowest the phone layout may be shown, in CSS px, for its smallest text to
        stay `MIN_TEXT_PX` px."""
        return phone_min_width(self.phone_svg)

    def downloads(self) -> dict[str, str]:
        """The chart's files for the report folder: {path: base64 contents}."""
        return {f"{FIGURES_DIR}/{self.name}.png": base64.b64encode(self.png).decode("ascii"),
                f"{FIGURES_DIR}/{self.name}.svg":
                    base64.b64encode(self.svg.encode("utf-8")).decode("ascii")}

    def html(self) -> str:
        """The chart as a page shows it, with its "get the chart" links."""
        phone = base64.b64encode(self.phone_svg.encode("utf-8")).decode("ascii")
        png = base64.b64encode(self.png).decode("ascii")
        links = " · ".join(f'<a href="{FIGURES_DIR}/{self.name}.{kind}" download>{kind.upper()}'
                           f"</a>" for kind in ("png", "svg"))
        return (f'<figure class="kit-chart" style="--phone-min: {self.phone_min_width}px">'
                f'<div class="chart-box" role="region" tabindex="0" '
                f'aria-label="Chart: {html.escape(name_words(self.name))}">'
                f'<picture><source media="(max-width: {PHONE_SCREEN}px)" '
                f'srcset="data:image/svg+xml;base64,{phone}">'
                f'<img src="data:image/png;base64,{png}" width="{self.width}" '
                f'alt="{html.escape(self.alt)}"></picture></div>'
                f'<figcaption class="get-data"><span class="phone-only">'
                f'{html.escape(self.source)} </span>Get the chart: {links}</figcaption></figure>')

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        data = {"text/html": self.html(), "text/plain": self.alt}
        return data, {"text/html": {"alt": self.alt, DOWNLOADS: self.downloads()}}


def name_words(name: str) -> str:
    """A chart's file name as words: 'share-of-voice-by-speaker' -> 'share of voice by speaker'."""
    return name.replace("-", " ")


def _draw(figure: Figure, kind: str) -> str:
    """The figure saved as `kind` ('png' as latin-1 text of its bytes, or 'svg')."""
    with plt.rc_context(style.RC):
        buffer = io.BytesIO()
        figure.savefig(buffer, format=kind, bbox_inches="tight")
    data = buffer.getvalue()
    return data.decode("latin-1") if kind == "png" else data.decode("utf-8")


def _lay_out_for_phone(figure: Figure) -> None:
    """Redraw `figure` at phone width: no text under `PHONE_FONT` pt, long lines wrapped,
    legends under the chart, and the finding's title lifted above a subtitle that wrapped."""
    height = max(figure.get_figheight(), PHONE_MIN_HEIGHT)
    figure.set_size_inches(PHONE_WIDTH, height, forward=False)
    for text in list(figure.texts):
        if text.get_gid() == "source":  # shown in the caption instead, at the page's size
            text.remove()
    for ax in figure.axes:
        ax.tick_params(labelsize=max(PHONE_FONT, _tick_size(ax)))
        _legend_below(figure, ax)
        _turn_long_ticks(ax)
    for text in figure.findobj(Text):
        if not text.get_text():
            continue
        text.set_fontsize(max(PHONE_FONT, text.get_fontsize()))
        label = text.axes is not None and text in text.axes.texts and text.get_gid() != "subtitle"
        width = PHONE_CHARS // 2 if label else PHONE_CHARS
        lines = text.get_text().splitlines()
        if any(len(line) > width for line in lines):
            text.set_text("\n".join(textwrap.fill(line, width) for line in lines))
    for ax in figure.axes:
        _lift_title(ax)


def _turn_long_ticks(ax) -> None:
    """Stand the x tick labels on end when side by side they would not fit the phone's width."""
    labels = [label.get_text() for label in ax.get_xticklabels()]
    if sum(len(label) + 1 for label in labels) * PHONE_FONT * 0.6 > PHONE_WIDTH * 72 * 0.45:
        ax.tick_params(axis="x", labelrotation=90)


def _legend_below(figure: Figure, ax) -> None:
    """Move an axes' legend under the figure, where it takes no width from the plot."""
    legend = ax.get_legend()
    if legend is None:
        return
    handles, labels = legend.legend_handles, [t.get_text() for t in legend.get_texts()]
    title = legend.get_title().get_text()
    legend.remove()
    figure.legend(handles, labels, loc="outside lower left", frameon=False, title=title or None,
                  fontsize=PHONE_FONT, title_fontsize=PHONE_FONT, ncols=2)


def _lift_title(ax) -> None:
    """Set an axes' title (the chart's finding) clear above its subtitle, however many lines
    the subtitle now has."""
    subtitle = [text for text in ax.texts if text.get_gid() == "subtitle"]
    title = ax.get_title(loc="left")
    if not subtitle or not title:
        return
    lines = subtitle[0].get_text().count("\n") + 1
    ax.set_title(textwrap.fill(" ".join(title.split()), PHONE_CHARS - 12), loc="left",
                 pad=10 + lines * subtitle[0].get_fontsize() * 1.25,
                 fontsize=max(PHONE_FONT, style.RC["axes.titlesize"]),
                 fontweight=style.RC["axes.titleweight"])


def _tick_size(ax) -> float:
    """The size of an axes' tick labels, in pt."""
    labels = ax.get_xticklabels() + ax.get_yticklabels()
    return max((label.get_fontsize() for label in labels), default=PHONE_FONT)


def phone_min_width(svg: str) -> int:
    """The narrowest an SVG may be shown, in CSS px, for its smallest text to stay
    `MIN_TEXT_PX` px (its width in user units times `MIN_TEXT_PX` over its smallest font)."""
    box = VIEWBOX.search(svg)
    sizes = [float(size) for size in FONT_SIZE.findall(svg)]
    if box is None or not sizes:
        return 0
    return math.ceil(float(box.group(1)) * MIN_TEXT_PX / min(sizes))
