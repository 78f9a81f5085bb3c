"""Charts: plotted values and labels (not pixels), and charts of an article with no numbers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers.analysis import analyze_doc
from helpers.extract.figures import FIGURE_COLUMNS
from helpers.report import style
from helpers.report.charts import records as charts
from helpers.source.article import load_article
from helpers.stories import records as reference


@pytest.fixture(scope="module")
def seed_figures(seed_analysis) -> pd.DataFrame:
    return seed_analysis.figures


@pytest.fixture
def closing():
    """Close every figure a test made."""
    yield
    plt.close("all")


def by_gid(ax, gid: str) -> list:
    return [artist for artist in ax.get_children() if artist.get_gid() == gid]


def test_troop_chart_plots_the_record_and_the_article(seed_figures, closing):
    estimates = reference.troop_estimates()
    fig = charts.troop_estimates_chart(estimates, seed_figures)
    ax = fig.axes[0]
    (points,) = by_gid(ax, "record")
    assert len(points.get_offsets()) == len(estimates)
    lines = {line.get_ydata()[0] for line in by_gid(ax, "article figure")}
    assert lines == {150000, 130000}
    labels = [text.get_text() for text in by_gid(ax, "article label")]
    assert any("150,000" in t and "now" in t for t in labels)
    assert any("130,000" in t and "previous" in t for t in labels)
    assert style.title_of(ax) and ax.get_ylabel() and "troop_estimates.csv" in style.source_of(fig)
    assert ax.yaxis.get_major_formatter()(150000, 0) == "150,000"


def test_casualty_chart_sets_the_article_beside_the_breakdown(seed_figures, closing):
    fig = charts.casualty_totals_chart(reference.casualty_totals(), seed_figures)
    ax = fig.axes[0]
    assert [bar.get_width() for bar in by_gid(ax, "article figure")] == [14000]
    parts = {what: by_gid(ax, f"record {what}")[0].get_width() for what in charts.BREAKDOWN}
    assert parts == {"civilian_deaths": 3404, "ukrainian_forces_deaths": 4400,
                     "armed_group_deaths": 6500}
    labels = [text.get_text() for text in by_gid(ax, "value label")]
    assert any("14,200–14,400" in t for t in labels)
    assert any("nearly 14,000" in t for t in labels)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "Article"


def test_overview_groups_every_amount_and_leaves_out_dates(seed_figures, closing):
    fig = charts.figures_overview_chart(seed_figures)
    ax = fig.axes[0]
    values = [point.get_offsets()[0][0] for point in by_gid(ax, "figure")]
    amounts = seed_figures[seed_figures["category"] != "date"]
    assert sorted(values) == sorted(amounts["value"])
    assert "2014" in ax.get_xlabel() and "2015" in ax.get_xlabel()
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert "150,000 troops" in ticks and "nearly 14,000 people" in ticks
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:2] == ["troops", "casualties"]


def test_charts_of_an_article_without_numbers(nlp, write_article, closing):
    article = load_article(write_article("Headline\n\nNobody came, and the talks went on.\n"))
    analysis = analyze_doc(article, nlp(article.text), "test")
    assert analysis.figures.empty and list(analysis.figures.columns) == FIGURE_COLUMNS
    made = charts.report_figures(analysis)
    assert set(made) == {"troop_estimates", "casualty_totals", "figures_overview"}
    for name in ("troop_estimates", "casualty_totals"):
        notes = [t.get_text() for t in by_gid(made[name].axes[0], "note")]
        assert notes and "no" in notes[0], name
    assert not by_gid(made["figures_overview"].axes[0], "figure")


def test_report_figures_save_as_png_and_svg(nlp, seed_article, seed_doc, tmp_path, closing):
    analysis = analyze_doc(seed_article, seed_doc, "test")
    for name, fig in charts.report_figures(analysis).items():
        paths = style.save(fig, tmp_path, name)
        assert [p.suffix for p in paths] == [".png", ".svg"]
        assert all(p.stat().st_size > 0 for p in paths)


def test_readings_are_computed_from_the_data(seed_figures):
    troops = charts.troop_reading(reference.troop_estimates(), seed_figures)
    assert "150,000" in troops and "130,000" in troops and "first published on" in troops
    casualties = charts.casualty_reading(reference.casualty_totals(), seed_figures)
    assert "14,200–14,400" in casualties and "nearly 14,000" in casualties
    empty = seed_figures.iloc[0:0]
    assert "no troop figures" in charts.troop_reading(reference.troop_estimates(), empty)
    assert "no amounts" in charts.overview_reading(empty)


def test_dollar_signs_in_article_text_stay_literal():
    import matplotlib.pyplot as plt

    from helpers.report.style import new_figure, source_of

    fig, ax = new_figure("Costs", "Year", "US dollars", "“Cost rises from $3m to $5m”")
    label = ax.text(0, 0, "$3m and $5m")
    fig.canvas.draw()
    assert not label.get_parse_math()  # shown as written, not parsed as math
    assert source_of(fig) == "Source: “Cost rises from $3m to $5m”"
    plt.close(fig)
