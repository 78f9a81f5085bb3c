"""A chart as the pages show it: a PNG with alt text, in JupyterLab and in the HTML pages.

The alt text travels in the output's metadata (`image/png` -> `alt`); the report template
writes it into the `<img alt>` of the page. The figure is closed once drawn, so the notebook
backend does not show it a second time without its alt text.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from helpers.report import style


@dataclass
class Chart:
    """A figure and the sentence that says what it shows."""

    figure: Figure
    alt: str
    png: bytes = field(init=False, repr=False)

    def __post_init__(self) -> None:
        with plt.rc_context(style.RC):
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png", bbox_inches="tight")
        self.png = buffer.getvalue()
        plt.close(self.figure)

    @property
    def width(self) -> int:
        """The width to show it at, in CSS pixels (it shrinks on a narrow screen)."""
        return round(self.figure.get_figwidth() * 100)

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        data = {"image/png": base64.b64encode(self.png).decode("ascii"), "text/plain": self.alt}
        return data, {"image/png": {"alt": self.alt, "width": self.width}}
