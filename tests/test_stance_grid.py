"""The stance grid as an HTML table (issue 19, item 2: every stance cell shows its evidence):
each filled cell says its stance in words, in its colour with text that reads on it, links to
the sentence that decided it in the article view and holds that sentence in its title."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from helpers.report import stance_grid
from helpers.report.article_view import write_article_view
from helpers.stories.packs import pack_named
from helpers.vocab import Stance

UKRAINE = pack_named("ukraine-2022")
STYLE_COLOURS = re.compile(r"(?:background|color): (#[0-9A-Fa-f]{6})")


def grid_cells(table) -> list[list]:
    """The body rows of a grid: [row header text, td elements...]."""
    tree = lxml_html.fromstring(table._repr_html_())
    return [[row.xpath("th")[0].text_content(), *row.xpath("td")]
            for row in tree.xpath("//table/tbody/tr")]


@pytest.fixture(scope="module")
def seed_grid(seed_analysis):
    return stance_grid.article_grid(seed_analysis.stances, UKRAINE)


def test_every_filled_cell_links_the_sentence_that_decided_it(seed_analysis, seed_grid,
                                                               tmp_path):
    view = write_article_view(seed_analysis, tmp_path, [])
    ids = set(lxml_html.fromstring(view.read_bytes()).xpath("//@id"))
    stances = seed_analysis.stances.set_index(["actor", "topic"])
    labels = {UKRAINE.label(topic): topic for topic in UKRAINE.topic_labels}
    tree = lxml_html.fromstring(seed_grid._repr_html_())
    topics = [labels[th.text_content()] for th in tree.xpath("//thead/tr/th")[1:]]
    filled = 0
    for actor, *cells in grid_cells(seed_grid):
        for topic, cell in zip(topics, cells, strict=True):
            links = cell.xpath("a")
            if (actor, topic) not in stances.index:
                assert cell.text_content() == "" and not links, (actor, topic)
                continue
            row = stances.loc[(actor, topic)]
            (link,) = links
            assert link.get("href") == f"article.html#c{row['start']}"
            assert link.get("href").split("#")[1] in ids  # the anchor the view has
            assert link.get("title") == row["evidence"]
            assert seed_analysis.article.text[row["start"]:].startswith(link.get("title"))
            assert link.text_content().split(" (")[0] == row["stance"]
            filled += 1
    assert filled == len(seed_analysis.stances) > 10


def test_the_grid_reads_as_a_table_with_headers_and_the_finding(seed_analysis, seed_grid):
    tree = lxml_html.fromstring(seed_grid._repr_html_())
    finding = stance_grid.stance_finding(seed_analysis.stances, UKRAINE)
    assert finding.startswith(("Actors take different sides on ", "No two actors"))
    assert tree.xpath("//p[@class='grid-finding']")[0].text_content() == finding
    assert tree.xpath("//caption")[0].text_content() == "Where each actor stands, by topic"
    taken = set(seed_analysis.stances["topic"])
    headings = tree.xpath("//thead/tr/th")
    assert [th.text_content() for th in headings] == [
        "Actor", *(label for topic, label in UKRAINE.topic_labels.items() if topic in taken)]
    assert {th.get("scope") for th in headings} == {"col"}
    assert [th.get("scope") for th in tree.xpath("//tbody/tr/*[1]")] == ["row"] * len(
        set(seed_analysis.stances["actor"]))
    box = tree.xpath("//div[@class='reader-table']")[0]  # scrolls inside its own box
    assert box.get("role") == "region" and "overflow-x: auto" in box.get("style")
    assert tree.xpath("//a[@download]/@href") == ["data/where-each-actor-stands-by-topic.csv"]
    shown = seed_grid.data.drop(columns="Actor")  # the CSV: the cells as they read
    assert (shown != "").sum().sum() == len(seed_analysis.stances)
    assert shown.map(lambda text: text.split(" (")[0]).isin(["", *Stance]).all().all()


def stance_row(actor: str, topic: str, stance: Stance, **counts: int) -> dict[str, object]:
    """A row of a stances table, with the mentions leaning each way."""
    return {"actor": actor, "topic": topic, "stance": stance, "evidence": f"{actor} spoke.",
            **{name: counts.get(name, 0) for name in Stance}, "start": 0}


def test_a_cell_counts_the_mentions_behind_it():
    table = pd.DataFrame([stance_row("A", "war", Stance.OPPOSE, oppose=3, skeptical=1),
                          stance_row("A", "sanctions", Stance.SUPPORT, support=2),
                          stance_row("B", "pullback", Stance.SKEPTICAL, skeptical=1)])
    frame = stance_grid.article_grid(table, UKRAINE).frame.set_index("Actor")
    assert frame.loc["A", "War and invasion"] == "oppose (3 of 4 mentions)"
    assert frame.loc["A", "Sanctions on Russia"] == "support (2 mentions)"
    assert frame.loc["B", "A Russian troop pullback"] == "skeptical"
    assert frame.loc["B", "War and invasion"] == ""
    assert list(frame.columns) == ["A Russian troop pullback", "War and invasion",
                                   "Sanctions on Russia"]  # the topics taken, pack's order


def test_the_words_on_every_colour_have_a_contrast_of_at_least_4_5(seed_grid):
    assert stance_grid.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert stance_grid.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    for colour in stance_grid.STANCE_COLOURS.values():
        assert stance_grid.contrast(stance_grid.text_colour(colour), colour) >= 4.5, colour
    for _, *cells in grid_cells(seed_grid):
        for cell in cells:
            if cell.xpath("a"):
                background = STYLE_COLOURS.findall(cell.get("style"))[0]
                text = STYLE_COLOURS.findall(cell.xpath("a")[0].get("style"))[0]
                assert stance_grid.contrast(background, text) >= 4.5


def test_each_stance_keeps_its_colour(seed_grid):
    for _, *cells in grid_cells(seed_grid):
        for cell in cells:
            if cell.xpath("a"):
                stance = cell.xpath("a")[0].text_content().split(" (")[0]
                assert f"background: {stance_grid.STANCE_COLOURS[stance]};" in cell.get("style")


SHOWN = st.characters(blacklist_categories=("Cs", "Cc"))
"""Any character a page can show (no surrogates, no control characters)."""


@given(st.text(SHOWN, max_size=30), st.text(SHOWN, max_size=80), st.sampled_from(list(Stance)))
def test_any_name_and_sentence_are_shown_as_text(actor, sentence, stance):
    table = pd.DataFrame([{"actor": actor, "topic": "war", "stance": stance,
                           "evidence": sentence, "support": 1, "oppose": 0, "skeptical": 0,
                           "neutral": 0, "start": 7}])
    tree = lxml_html.fromstring(stance_grid.article_grid(table, UKRAINE)._repr_html_())
    (link,) = tree.xpath("//tbody//td/a")
    assert link.get("href") == "article.html#c7"
    assert link.get("title") == sentence
    assert tree.xpath("//tbody/tr/th")[0].text_content() == actor
    assert len(tree.xpath("//tbody//td//*")) == 1  # the link alone: no text became markup
