"""The figures table: values, qualifiers, units, categories, times and sources from real parses."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.analysis import analyze_doc
from helpers.extract.numbers import value_of
from helpers.extract.records import Figure, dtypes
from helpers.extract.ruleset import rules_for
from helpers.report.figures import describe
from helpers.source.article import load_article

EN = rules_for("en")
CSV_COLUMNS = ["value", "unit", "category", "approximate", "qualifier", "time", "source", "text",
               "sentence", "paragraph"]


@pytest.fixture(scope="module")
def seed_figures(seed_analysis) -> pd.DataFrame:
    return seed_analysis.figures


@pytest.fixture
def figures_of(nlp, write_article):
    """The figures table of a body of text (a headline line is added)."""

    def table(body: str) -> pd.DataFrame:
        article = load_article(write_article(f"Headline\n\n{body}\n"))
        return analyze_doc(article, nlp(article.text), "test").figures

    return table


def one(table: pd.DataFrame, value: float) -> pd.Series:
    rows = table[table["value"] == value]
    assert len(rows) == 1, f"expected one row with value {value}, got\n{rows}"
    return rows.iloc[0]


def test_columns_start_with_the_csv_columns(seed_figures):
    assert list(seed_figures.columns[:10]) == CSV_COLUMNS
    assert list(seed_figures.columns) == list(dtypes(Figure))


def test_seed_troops_now_and_previous(seed_figures):
    now, previous = one(seed_figures, 150000), one(seed_figures, 130000)
    assert (now["unit"], now["category"], now["time"]) == ("troops", "troops", "now")
    assert (previous["unit"], previous["category"]) == ("troops", "troops")
    assert previous["time"] == "previous estimate"
    assert now["source"] == previous["source"] == "Joe Biden"
    assert not now["approximate"] and now["paragraph"] == previous["paragraph"]


def test_seed_casualties_approximate_since_2014(seed_figures):
    row = one(seed_figures, 14000)
    assert (row["category"], row["unit"], row["time"]) == ("casualties", "people", "since 2014")
    assert row["approximate"] and row["qualifier"] == "nearly"
    assert row["text"] == "nearly 14,000" and row["source"] == "Vladimir Putin"
    assert "14,000" in row["sentence"]


def test_seed_conversion_is_linked(seed_figures):
    km, miles = one(seed_figures, 30), one(seed_figures, 18)
    assert (km["unit"], miles["unit"]) == ("km", "miles")
    assert km["category"] == miles["category"] == "distance"
    assert not pd.isna(km["link"]) and km["link"] == miles["link"]
    assert km["qualifier"] == "some" and miles["approximate"]


def test_seed_years_are_dates_never_counts(seed_figures):
    years = seed_figures[seed_figures["value"].isin([2014, 2015])]
    assert set(years["value"]) == {2014, 2015}
    assert (years["category"] == "date").all() and (years["unit"] == "year").all()
    counted = seed_figures[seed_figures["category"] != "date"]
    assert not counted["value"].between(1500, 2100).any() or (
        counted.loc[counted["value"].between(1500, 2100), "text"].str.contains(",").all())
    assert (seed_figures["link"].isna() | seed_figures["category"].eq("distance")).all()


def test_number_words_and_scales(figures_of):
    table = figures_of("The war has killed two dozen people. Twenty-five soldiers were "
                       "wounded. Some 3.5 million residents fled, and a hundred and fifty "
                       "stayed behind.")
    assert one(table, 24)["category"] == "casualties"
    assert one(table, 25)["category"] == "casualties"
    residents = one(table, 3_500_000)
    assert (residents["unit"], residents["qualifier"]) == ("residents", "some")
    assert one(table, 150)["text"] == "a hundred and fifty"


def test_ranges(figures_of):
    table = figures_of("Officials say between 169,000 and 190,000 troops are massed. "
                       "Up to 175,000 soldiers could take part.")
    between = one(table, 169000)
    assert between["high"] == 190000 and between["qualifier"] == "between"
    assert between["approximate"] and between["category"] == "troops"
    up_to = one(table, 175000)
    assert (up_to["qualifier"], up_to["unit"], up_to["category"]) == ("up to", "soldiers",
                                                                       "troops")
    assert math.isnan(up_to["high"])


def test_ranges_with_the_scale_written_once(figures_of):
    table = figures_of("Nearly 30 to 35,000 soldiers were on exercises.")
    shared = one(table, 30_000)
    assert (shared["high"], shared["category"]) == (35_000, "troops")


def test_fractions_dozens_and_durations(figures_of):
    table = figures_of("Two-thirds of the aid goes to a dozen countries, and a quarter of "
                       "it arrived within 45 minutes. On the third day the talks ended.")
    assert round(one(table, 2 / 3)["value"], 3) == 0.667
    assert one(table, 12)["text"] == "a dozen"
    assert one(table, 0.25)["text"] == "a quarter"
    assert one(table, 45)["unit"] == "minutes"
    assert 3 not in set(table["value"])  # 'third' alone is an ordinal, not a figure


def test_fractions_of_a_scale_hyphenated_units_and_labels(figures_of):
    table = figures_of("Nearly three quarters of a million homes got notices, at a five-year "
                       "high, after a 14-day review. The agency moved from phase 5 to phase 6 "
                       "as a category 4 storm killed 12 people.")
    assert one(table, 750_000)["text"] == "Nearly three quarters of a million"
    assert one(table, 5)[["unit", "category"]].tolist() == ["years", "duration"]
    assert one(table, 14)[["unit", "category"]].tolist() == ["days", "duration"]
    assert sorted(table["value"]) == [5, 12, 14, 750_000]  # phase 5, phase 6, category 4: labels


def test_percentages_and_money(figures_of):
    table = figures_of("Sanctions cost $1.5 billion, or 70% of the budget, and about 12 "
                       "percent of jobs. Prices rose by 3.5 per cent.")
    money = one(table, 1.5e9)
    assert (money["unit"], money["category"]) == ("$", "money")
    assert (one(table, 70)["unit"], one(table, 70)["category"]) == ("%", "percent")
    about = one(table, 12)
    assert about["qualifier"] == "about" and about["category"] == "percent"
    assert one(table, 3.5)["unit"] == "%"


def test_sentence_without_numbers(figures_of):
    table = figures_of("Nobody came to the meeting, and the talks went on without them.")
    assert table.empty and list(table.columns) == list(dtypes(Figure))


def test_attribution_and_previous_figures(figures_of):
    table = figures_of("According to Lloyd Austin, 40,000 troops remain now, down from an "
                       "earlier estimate of 50,000.")
    current, earlier = one(table, 40000), one(table, 50000)
    assert current["source"] == earlier["source"] == "Lloyd Austin"
    assert current["time"] == "now" and earlier["time"] == "previous estimate"
    assert earlier["category"] == "troops"


def test_value_of():
    assert value_of("nearly 14,000", EN) == 14000
    assert value_of("two dozen", EN) == 24
    assert value_of("1.5 million", EN) == 1_500_000
    assert value_of("$2bn", EN) == 2e9
    assert value_of("twenty-five", EN) == 25
    assert value_of("no number here", EN) is None
    assert value_of("two-thirds", EN) == 2 / 3 and value_of("a quarter", EN) == 0.25
    assert value_of("the third day", EN) is None


def test_describe_reads_a_row(seed_figures):
    text = describe(one(seed_figures, 14000))
    assert text.startswith("nearly 14,000 people") and "since 2014" in text
