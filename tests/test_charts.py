"""Charts: plotted values and labels (not pixels), and charts of an article with no numbers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers.report import style
from helpers.report.charts import records as charts
from helpers.stories.packs import pack_named
from helpers.stories.records import records

UKRAINE = pack_named("ukraine-2022")


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


def test_timeline_chart_plots_the_record_and_the_article(seed_figures, closing):
    table = UKRAINE.table("troop_estimates")
    fig = charts.timeline_chart(table, seed_figures, "the seed")
    ax = fig.axes[0]
    (points,) = by_gid(ax, "record")
    assert len(points.get_offsets()) == len(records(table))
    lines = {line.get_ydata()[0] for line in by_gid(ax, "article figure")}
    assert lines == {150000, 130000}
    labels = [text.get_text() for text in by_gid(ax, "article label")]
    assert any("150,000" in t and "now" in t for t in labels)
    assert any("130,000" in t and "previous" in t for t in labels)
    assert style.title_of(ax) == table.title and ax.get_ylabel() == table.y_label
    source = style.source_of(fig)
    assert "17 published figures: UAWire (3 Nov 2021)" in source and ".csv" not in source
    assert ax.yaxis.get_major_formatter()(150000, 0) == "150,000"


def test_breakdown_chart_sets_the_article_beside_the_parts(seed_figures, closing):
    table = UKRAINE.table("casualty_totals")
    ax = charts.breakdown_chart(table, seed_figures, "the seed").axes[0]
    assert [bar.get_width() for bar in by_gid(ax, "article figure")] == [14000]
    parts = {what: by_gid(ax, f"record {what}")[0].get_width() for what in table.parts}
    assert parts == {"civilian_deaths": 3404, "ukrainian_forces_deaths": 4400,
                     "armed_group_deaths": 6500}
    labels = [text.get_text() for text in by_gid(ax, "value label")]
    assert any("14,200 to 14,400" in t for t in labels)
    assert any("nearly 14,000" in t for t in labels)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "Article"


def test_overview_plots_each_fact_once_and_leaves_out_dates(seed_figures, closing):
    ax = charts.figures_overview_chart(seed_figures).axes[0]
    values = sorted(point.get_offsets()[0][0] for point in by_gid(ax, "figure"))
    amounts = seed_figures[seed_figures["category"] != "date"]
    one_per_fact = amounts[amounts["link"].isna() | ~amounts["link"].duplicated()]
    assert values == sorted(one_per_fact["value"]) and len(values) == len(amounts) - 1
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert "150,000 troops" in ticks and "nearly 14,000 people" in ticks
    fig = ax.figure
    fig.canvas.draw()
    shown = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert shown and all("," in t or len(t) <= 3 for t in shown)


def test_an_article_without_a_pack_gets_no_record_charts(analyze_text, closing):
    analysis = analyze_text("Headline\n\nThe council counted 12 new bus lanes and 3 bridges.\n")
    assert analysis.pack is None
    assert charts.record_charts(analysis) == {}


def test_record_charts_only_for_tables_the_article_has_figures_for(seed_analysis, tmp_path,
                                                                   closing):
    made = charts.record_charts(seed_analysis)
    assert set(made) == {"troop_estimates", "casualty_totals"}
    for name, fig in made.items():
        paths = style.save(fig, tmp_path, name)
        assert [p.suffix for p in paths] == [".png", ".svg"]
        assert all(p.stat().st_size > 0 for p in paths)


def test_dollar_signs_in_article_text_stay_literal():
    import matplotlib.pyplot as plt

    from helpers.report.style import new_figure, source_of

    fig, ax = new_figure("Costs", "Year", "US dollars", "“Cost rises from $3m to $5m”")
    label = ax.text(0, 0, "$3m and $5m")
    fig.canvas.draw()
    assert not label.get_parse_math()  # shown as written, not parsed as math
    assert source_of(fig) == "Source: “Cost rises from $3m to $5m”"
    plt.close(fig)
