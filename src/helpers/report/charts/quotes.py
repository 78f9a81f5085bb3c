"""Charts of who speaks, in the house style (tables in, figures out); where actors stand is a
table (`report.stance_grid`)."""

from __future__ import annotations

from matplotlib.figure import Figure

from helpers.findings.findings import Findings, Voice
from helpers.report import alt
from helpers.report.charts.image import Chart
from helpers.report.style import PALETTE, new_figure, set_finding
from helpers.report.words import percent


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


def quoted_words_image(findings: Findings, source: str) -> Chart:
    """The quoted-words chart as an image with alt text."""
    data = quoted(findings)
    text = alt.bars(quoted_finding(findings), [voice.actor for voice in data],
                    [voice.quoted_words for voice in data], "word")
    return Chart(quoted_words_chart(findings, source), text)
