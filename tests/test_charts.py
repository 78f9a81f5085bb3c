"""Charts: plotted values and labels (not pixels), and charts of an article with no numbers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from lxml import html as lxml_html

from helpers.report import style
from helpers.report.charts import records as charts
from helpers.report.charts.image import DOWNLOADS, FONT_SIZE, PHONE_FONT
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
    (planned,) = by_gid(ax, "record projection")  # apart from the counts
    assert len(planned.get_offsets()) == 1 and planned.get_offsets()[0][1] == 175000
    assert len(points.get_offsets()) == len(records(table)) - 1
    lines = {line.get_ydata()[0] for line in by_gid(ax, "article figure")}
    assert lines == {150000, 130000}
    labels = by_gid(ax, "article label")
    assert any("150,000" in t.get_text() and "now" in t.get_text() for t in labels)
    assert any("130,000" in t.get_text() and "previous" in t.get_text() for t in labels)
    assert all(label.xy[0] == 1.0 for label in labels)  # in the right margin, clear of the data
    assert style.title_of(ax) == table.title and ax.get_ylabel() == table.y_label
    source = style.source_of(fig)
    assert ("9 published figures: Interfax-Ukraine (6 Dec 2021); The National (24 Jan 2022)"
            in source)
    assert ".csv" not in source
    assert ax.yaxis.get_major_formatter()(150000, 0) == "150,000"
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks == ["Dec\n2021", "Jan\n2022", "Feb\n2022"]  # from the first row's month



def test_a_dated_article_s_charts_draw_apart_the_rows_its_checks_could_not_use(seed_figures,
                                                                               closing):
    """A check reads only rows published by the article's date; the chart of that check drew
    later rows as ordinary published figures (a 2016 article with --story ukraine-2022 got
    13 blue points from 2021-22 under 'No figure was published before the article')."""
    from datetime import date

    table = UKRAINE.table("troop_estimates")
    ax = charts.timeline_chart(table, seed_figures, "the seed", as_of=date(2022, 2, 16)).axes[0]
    (later,) = by_gid(ax, "record later")
    assert sorted(y for _, y in later.get_offsets()) == [190000]  # 18 Feb
    (points,) = by_gid(ax, "record")
    assert len(points.get_offsets()) == len(records(table)) - 1 - 1
    old = charts.timeline_chart(table, seed_figures, "the seed", as_of=date(2016, 9, 10))
    assert len(by_gid(old.axes[0], "record later")[0].get_offsets()) == len(records(table))
    assert len(by_gid(old.axes[0], "record")[0].get_offsets()) == 0
    legend = [text.get_text() for text in old.axes[0].get_legend().get_texts()]
    assert legend == ["Published after the article: not used"]  # no key for what is not drawn
    assert not by_gid(charts.timeline_chart(table, seed_figures, "the seed").axes[0],
                      "record later")  # an undated article uses every row
    deaths = UKRAINE.table("casualty_totals")
    assert set(charts.latest_breakdown(deaths, date(2022, 2, 16))["date"]) == {
        pd.Timestamp("2021-12-31")}
    assert charts.latest_breakdown(deaths, date(2021, 6, 1)).empty  # one civilian count only
    ax = charts.breakdown_chart(deaths, seed_figures, "the seed", as_of=date(2016, 9, 10)).axes[0]
    assert not by_gid(ax, "record total") and by_gid(ax, "article figure")

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


def test_amounts_are_charted_by_what_they_count_each_from_zero(seed_figures, closing):
    """Issue 21: page 04 plotted km, troops and people on one log axis. Each thing counted
    gets its own chart, on a linear axis from zero; each fact once, no dates."""
    groups = charts.amount_groups(seed_figures)
    assert [(rows["category"].iloc[0], list(rows["value"])) for rows in groups] == [
        ("casualties", [14000]), ("distance", [30]), ("troops", [150000, 130000])]
    fig = charts.amounts_chart(groups[2], "the seed")
    ax = fig.axes[0]
    assert [bar.get_width() for bar in by_gid(ax, "amount")] == [150000, 130000]
    assert ax.get_xscale() == "linear" and ax.get_xlim()[0] == 0
    assert [t.get_text() for t in by_gid(ax, "amount label")] == ["150,000 troops",
                                                                  "130,000 troops"]
    assert style.finding_of(fig) == (
        "The article gives two amounts of troops, from 130,000 troops to 150,000 troops")
    assert style.subtitle_of(fig) == "Troops"
    distance = charts.amounts_chart(groups[1], "the seed")
    assert style.subtitle_of(distance) == "Distance, in km"
    assert [t.get_text() for t in by_gid(distance.axes[0], "amount label")] == [
        "some 30 km (18 miles)"]
    plt.close(distance)


def test_a_range_reaches_to_its_upper_end(closing):
    figures = pd.DataFrame([
        {"value": 2.0, "high": 3.0, "unit": "$ billion", "category": "money", "text": "$2-3bn",
         "qualifier": "", "time": "", "paragraph": 1, "start": 0, "end": 6, "exact": True,
         "approximate": False, "source": "", "sentence": "", "low": 2.0, "link": None}])
    groups = charts.amount_groups(figures)
    assert len(groups) == 1
    ax = charts.amounts_chart(groups[0]).axes[0]
    assert [bar.get_width() for bar in by_gid(ax, "amount")] == [2.0]
    assert ax.get_xlim() == (0, pytest.approx(3.3))


def test_every_chart_image_has_alt_text_from_its_data(seed_analysis, closing):
    from helpers.report.charts.entities import actor_mentions_image
    from helpers.report.charts.quotes import quoted_words_image

    troops, deaths = charts.record_images(seed_analysis)
    assert troops.alt == (
        "The article's “150,000” is 21% below the latest published figure; its “130,000” matches "
        "the record. Timeline chart of "
        "9 published figures for Russian troops near Ukraine's borders, given from 5 Dec 2021 "
        "to 18 Feb 2022, ranging from 94,000 to 190,000. Dashed lines mark the article's "
        "“150,000” (now) and “130,000” (previous estimate).")
    parts = "made up of Civilians 3,404, Ukrainian forces 4,400 and Armed groups 6,500"
    assert parts in deaths.alt
    quoted = quoted_words_image(seed_analysis.findings, "the seed")
    assert quoted.alt.startswith("Joe Biden has 45% of the words in quotation marks. Bar chart, "
                                 "longest first: Joe Biden 119 words, Vladimir Putin 45 words")
    named = actor_mentions_image(seed_analysis.entities, "the seed")
    assert named.alt.startswith("Most-mentioned actors. Bar chart, longest first: Ukraine "
                                "(place) 16 mentions")
    bundle, metadata = troops._repr_mimebundle_()
    assert metadata["text/html"]["alt"] == troops.alt
    page = lxml_html.fromstring(bundle["text/html"])
    assert page.xpath("//img/@alt") == [troops.alt]
    assert page.xpath("//img/@src")[0].startswith("data:image/png;base64,iVBOR")
    assert page.xpath("//source/@media") == ["(max-width: 640px)"]
    assert page.xpath("//a/@href") == [f"figures/{troops.name}.png", f"figures/{troops.name}.svg"]
    assert sorted(metadata["text/html"][DOWNLOADS]) == page.xpath("//a/@href")
    assert not plt.get_fignums()  # drawn once, then closed: no second copy without alt text


def test_record_chart_headlines_state_the_finding(seed_analysis, closing):
    made = charts.record_charts(seed_analysis)
    assert style.finding_of(made["troop_estimates"]) == (  # the undated article's latest row
        "The article's “150,000” is 21% below the latest published figure; its “130,000” matches "
        "the record")
    assert style.subtitle_of(made["troop_estimates"]) == UKRAINE.table("troop_estimates").title
    assert style.finding_of(made["casualty_totals"]) == (  # its bars do not overlap
        "The article's “nearly 14,000” is 1% below the latest published figure")


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


def test_the_phone_layout_keeps_text_readable_and_fits_a_phone(seed_analysis, closing):
    """Issue 21: at 390 px the charts were downscaled PNGs with labels about 4 px high. The
    phone layout is drawn again at phone width, its text never under PHONE_FONT pt, so shown
    about 360 px wide it is 11 px or more; wider ones scroll rather than shrink."""
    from helpers.report.charts.entities import actor_mentions_image
    from helpers.report.charts.quotes import quoted_words_image

    made = [*charts.record_images(seed_analysis), *charts.amounts_images(seed_analysis.figures),
            quoted_words_image(seed_analysis.findings, "the seed"),
            actor_mentions_image(seed_analysis.entities, "the seed")]
    for chart in made:
        sizes = [float(size) for size in FONT_SIZE.findall(chart.phone_svg)]
        assert min(sizes) >= PHONE_FONT, chart.name
        assert chart.phone_min_width <= 400, (chart.name, chart.phone_min_width)
        assert "Source:" not in chart.phone_svg and chart.source.startswith("Source:")
    assert len({chart.name for chart in made}) == len(made)
