"""The coverage page's words, tables and charts: the finding first, counts that add up, a
screenful at most, alt text written from the data, links to each article's report."""

from __future__ import annotations

import dataclasses

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest
from corpora import coverage_of_many
from lxml import html as lxml_html

from helpers.findings import coverage
from helpers.report import coverage as page
from helpers.report import stance_grid
from helpers.report.charts import coverage as charts
from helpers.report.tables import reader_table

MANY = 300


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> coverage.Coverage:
    return coverage_of_many(tmp_path_factory.mktemp("many"), MANY)


def test_the_headline_says_what_the_corpus_is(two, many):
    assert page.headline(two) == (
        "How 2 articles from 2 publishers covered Russia's military build-up near Ukraine, "
        "from 15 Feb 2022 to 18 Feb 2022")  # the pack title's ', 2021-2022' would repeat it
    assert page.headline(many).startswith("How 300 articles from 5 publishers covered")
    assert [page.YEARS_AT_END.sub("", title) for title in (
        "Lead pipes (2016–2025)", "Floods, 2019", "The 1969 Moon landing")] == [
        "Lead pipes", "Floods", "The 1969 Moon landing"]
    assert page.details(two) == (
        "House Foreign Affairs Committee Republicans (1 article), The White House (1 article)"
        " · 1,776 words")


def test_takeaways_come_first_and_state_findings(two):
    found = page.takeaways(two)
    assert found == [
        "Biden is the only speaker in quotation marks: 1,511 words in 55 direct quotes from "
        "one article.",
        "All 4 speakers quoted are quoted by one outlet only: The White House alone quotes "
        "Biden, Allies, Putin and one other.",
        "1 of the 2 figures the articles print for Russian troops near Ukraine's borders "
        "agrees with the record as it stood on the article's date.",
        # Biden's own remarks are no confirmation of Biden's figure: the record before them
        "The White House's “more than 150,000” (15 Feb 2022) disagrees with the latest record "
        "before it, 130,000 from US official \\(anonymous\\), published by [ABC News "
        "\\(Australia\\)](<https://www.abc.net.au/news/2022-02-13/ukraine-president-plays-down-"
        "warning-russian-invasion/100827000>) on 13 Feb 2022: it is 20,000 (15%) above it.",
        "Biden supports Diplomacy and talks in one article: the side most often given to an "
        "actor on a topic.",
    ]
    opening = page.opening(two).data
    assert opening.startswith("# How 2 articles") and "## What the comparison finds" in opening


def test_sentences_name_the_furthest_figures_and_the_split_outlets(many):
    furthest = page.off_record(many).splitlines()  # '100,000' before the White House's, 11 Feb
    assert furthest[0].startswith(
        "- Outlet A's “100,000” (1 Feb 2022) disagrees with the latest record before it, "
        "130,000 from Ukraine Defence Minister Oleksii Reznikov")
    assert furthest[-1] == "- And 145 other figures in the table below."
    assert page.stances(many) == (
        "Outlets differ on Common Voice and War and invasion: Common Voice opposes it in "
        "articles of Outlet A, Outlet B, Outlet C and one other and supports it in articles "
        "of Outlet E.")
    assert page.shared(many) == (
        "Common Voice, Speaker 00, Speaker 01, Speaker 02, Speaker 03 and 37 others are "
        "quoted by more than one outlet.")


def test_tables_aggregate_past_a_screenful_and_add_up(many):
    speakers = page.speaker_table(many)
    assert len(speakers) == coverage.MOST + 1
    assert speakers["Speaker"].iloc[-1] == "32 other speakers"
    assert speakers["Quotes"].sum() == 3 * MANY
    assert speakers[page.SHARE].iloc[0] == "67%"
    checked = page.timeline_table(many)
    assert len(checked) == coverage.MOST
    assert page.timeline_caption(many) == (
        "The 15 of 300 figures furthest from the record, by article date")
    only = page.only_table(many)
    assert only["Speakers only it quotes"].tolist() == [1] * 5
    verdicts = page.verdict_table(many)  # '100,000' agrees from 11 Feb, Sullivan's figure
    assert (verdicts["Agree"].sum(), verdicts["Disagree"].sum()) == (MANY // 2, MANY // 2)


def test_the_figures_table_reads_each_check(two):
    table = page.timeline_table(two)
    assert table.iloc[1].tolist() == [
        "18 Feb 2022", "House Foreign Affairs Committee Republicans", "nearly 200,000",
        "190,000 to 200,000", "agrees", "190,000",
        "US Ambassador to the OSCE Michael Carpenter (statement to the OSCE), published by "
        "Al Arabiya English on 18 Feb 2022"]


def test_each_figure_row_links_to_its_place_in_its_articles_view(two):
    """Issue 21: the figure rows of the coverage page link into the right article's view."""
    links = page.figure_links(two, "../../")
    assert links == [
        "../../whitehouse-2022-02-15-biden-update-russia-ukraine/article.html#c3012",
        "../../house-2022-02-18-mccaul-rogers-turner-200000-troops/article.html#c418"]
    frame = page.timeline_table(two)
    table = reader_table(frame, "Figures", empty="", links={"Figure as printed": links})
    anchors = lxml_html.fromstring(table.html).xpath("//td/a")
    assert [a.text_content() for a in anchors] == ["more than 150,000", "nearly 200,000"]


def test_the_article_table_links_each_report(two):
    frame, links = page.article_table(two, "../")
    assert links == [f"../{slug}/00_report.html" for slug in two.corpus.articles["slug"]]
    table = reader_table(frame, "Every article", empty="", links={"Headline": links})
    anchors = lxml_html.fromstring(table.html).xpath("//td/a")
    assert [a.get("href") for a in anchors] == links
    assert [a.text_content() for a in anchors] == list(frame["Headline"])


def test_link_cells_are_escaped():
    import pandas as pd

    frame = pd.DataFrame({"Headline": ['<b>"x"</b> & y']})
    table = reader_table(frame, "T", empty="", links={"Headline": ['a"b.html']})
    assert '<a href="a&quot;b.html">&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; y</a>' in table.html


def test_charts_state_the_finding_and_carry_alt_text_from_the_data(two):
    voice = charts.speakers_image(two)
    assert voice.alt == ("Biden has 100% of the voice in 2 articles, each counted once. "
                         "Bar chart, longest first: Biden 100%.")
    assert charts.outlets_image(two).alt.startswith(
        "Only The White House quotes anyone in quotation marks.")
    (timeline,) = charts.timeline_images(two)
    assert timeline.alt.startswith(  # Biden's remarks are no record of Biden's figure
        "1 of the 2 figures the articles print for Russian troops near Ukraine's borders agree "
        "with the record as it stood on the article's date. Timeline chart of 8 published "
        "figures")
    assert ("The White House “more than 150,000” on 15 Feb 2022 (disagrees with the record)"
            in timeline.alt)


def test_charts_of_many_articles_plot_a_screenful(many):
    voice = charts.speakers_image(many)  # speakers with words in quotation marks only
    assert voice.alt.endswith("Common Voice 67%; Local A 7%; Local B 7%; Local C 7%; "
                              "Local D 7%; Local E 7%.")
    (timeline,) = charts.timeline_images(many)
    assert "and 292 others." in timeline.alt


def finding_of(grid) -> str:
    """The finding a stance grid states above its table."""
    return lxml_html.fromstring(grid.html).xpath("//p[@class='grid-finding']")[0].text_content()


def grid_links(table) -> list[tuple[str, str, str, str]]:
    """(actor, cell text, href, title) of every filled cell of a stance grid."""
    tree = lxml_html.fromstring(table._repr_html_())
    return [(row.xpath("th")[0].text_content(), cell.text_content(), link.get("href"),
             link.get("title"))
            for row in tree.xpath("//tbody/tr") for cell in row.xpath("td")
            for link in cell.xpath("a")]


def test_each_grid_cell_links_its_stance_in_the_first_article_giving_it(two):
    """Issue 19, item 2: the grid was an image; each cell now links to the sentence of an
    article that gives the cell's stance, in that article's view, its title the sentence."""
    grid = stance_grid.coverage_grid(two, "../")
    assert grid.frame.columns[0] == "Actor"
    assert finding_of(grid) == "Biden: support on Diplomacy and talks in 1 article"
    found = grid_links(grid)
    assert len(found) == len(two.grid) == 7
    stances = two.corpus.stances
    for actor, text, href, title in found:
        slug, anchor = href.removeprefix("../").split("/article.html#c")
        row = stances[(stances["slug"] == slug) & (stances["start"] == int(anchor))
                      & (stances["actor"] == actor)]
        assert not row.empty, href
        assert title == row["evidence"].iloc[0]
        assert text.split(" (")[0] == row["stance"].iloc[0]
    assert ("Biden", "support (1 of 1 article)",
            "../whitehouse-2022-02-15-biden-update-russia-ukraine/article.html#c274",
            "We are ready with diplomacy — to be engaged in diplomacy with Russia and our Allies "
            "and partners to improve stability and security in Europe as a whole.") in found


def test_a_grid_of_many_articles_links_every_cell(many):
    grid = stance_grid.coverage_grid(many, "../../")
    assert finding_of(grid).startswith(
        "Outlets give Common Voice different sides on War and invasion")
    assert list(grid.frame["Actor"]) == coverage.grid_actors(many.grid)
    found = grid_links(grid)
    assert len(found) == len(many.grid[many.grid["actor"].isin(grid.frame["Actor"])])
    assert all(href.startswith("../../") and "/article.html#c" in href
               for _, _, href, _ in found)


def test_a_tie_between_sides_links_an_article_taking_one_of_them(two):
    grid = two.grid.copy()
    tie = (grid["actor"] == "Biden") & (grid["topic"] == "war")
    grid.loc[tie, ["support", "oppose", "neutral", "articles", "stance"]] = [
        1, 1, 0, 2, coverage.MIXED]
    (cell,) = [found for found in grid_links(stance_grid.coverage_grid(
        dataclasses.replace(two, grid=grid), "../")) if found[1].startswith("mixed")]
    assert cell[:3] == ("Biden", "mixed (1 support, 1 oppose, in 2 articles)",
                        "../whitehouse-2022-02-15-biden-update-russia-ukraine/article.html"
                        "#c4317")  # the article that opposes it
    assert cell[3].startswith("But if Russia attacks Ukraine, it would be a war of choice")


def test_the_grid_s_finding_names_an_article_without_an_outlet_as_such(two):
    # the seed has no outlet: its side read 'oppose in ; support in U.S. Mission to the UN'
    splits = pd.DataFrame([{"actor": "Putin", "topic": "war", "outlets": 2,
                            "sides": {"oppose": [""], "support": ["The White House"]}}])
    assert finding_of(stance_grid.coverage_grid(dataclasses.replace(two, splits=splits),
                                                "../")) == (
        "Outlets give Putin different sides on War and invasion: oppose in outlet not given; "
        "support in The White House")
