"""Tables for reading: escaped, never cut, no index, flags as words, long ones folded, numbers
as readers write them; the figures tables count each fact once."""

from __future__ import annotations

import pandas as pd
from lxml import html as lxml_html

from helpers.report import figures, speech
from helpers.report.tables import reader_table

LONG = "word " * 80


def cells(table) -> list[list[str]]:
    tree = lxml_html.fromstring(table._repr_html_())
    return [[cell.text_content() for cell in row.xpath("td")] for row in tree.xpath("//tbody/tr")]


def test_cells_are_whole_escaped_and_readable():
    frame = pd.DataFrame({"Quote": ["<b>No</b>", LONG], "Words": [48_000_000, 7],
                          "Two titles": [True, False], "Up to": [float("nan"), 1.5]})
    table = reader_table(frame, "Quotes & words", empty="None.")
    assert cells(table) == [["<b>No</b>", "48,000,000", "yes", ""],
                            [LONG, "7", "no", "1.5"]]
    page = table._repr_html_()
    assert "&lt;b&gt;No&lt;/b&gt;" in page and "<b>No</b>" not in page
    assert 'role="region" aria-label="Quotes &amp; words" tabindex="0"' in page
    assert "overflow-x: auto" in page and "<details>" not in page
    tree = lxml_html.fromstring(page)
    assert [th.text_content() for th in tree.xpath("//thead//th")] == [
        "Quote", "Words", "Two titles", "Up to"]  # no index column, no index-name row
    assert tree.xpath("//caption")[0].text_content() == "Quotes & words"


def test_long_tables_fold_behind_their_title_and_empty_ones_say_so():
    long = reader_table(pd.DataFrame({"n": range(20)}), "Every quote", empty="")
    summary = lxml_html.fromstring(long._repr_html_()).xpath("//details/summary")[0]
    assert summary.text_content() == "Every quote (20 rows)"
    empty = reader_table(pd.DataFrame({"n": []}), "Stances", empty="Nobody takes a side.")
    assert empty._repr_html_() == "<p>Nobody takes a side.</p>"


def test_figures_table_counts_each_fact_once(seed_analysis):
    shown = figures.readable(seed_analysis.figures)
    assert list(shown["As written"]) == ["150,000", "130,000", "some 30 kilometers (18 miles)",
                                         "nearly 14,000"]
    assert list(shown["Approximate"]) == ["", "", "some (around)", "nearly (at or below)"]
    assert figures.dates_sentence(seed_analysis.figures) == (
        "The article names 2 years or dates, kept as points in time and never added up or "
        "charted: 2014 (paragraphs 19 and 29); 2015 (paragraphs 29 and 30).")


def test_stance_evidence_is_one_sentence_a_row_with_topic_labels(seed_analysis):
    from helpers.stories.packs import pack_named

    label = pack_named("ukraine-2022").label
    table = speech.evidence(seed_analysis.stances, label)
    assert not table["Sentence"].str.contains(" | ", regex=False).any()
    assert "nato_expansion" not in set(table["Topic"])
    assert "NATO's eastward expansion" in set(table["Topic"])
    assert list(speech.quotes(seed_analysis.quotes).columns) == [
        "Paragraph", "Speaker", "Named in the text as", "Kind", "Quote", "Cue", "Words"]
