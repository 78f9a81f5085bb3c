"""Figures as newspapers write them: one test per class of mistake seen on UK and US newspaper
prose (issue 20), and the huge, infinite and signed numbers of issue 23 item 7, each from
sentences written for the test."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from helpers.analysis import analyze_doc
from helpers.extract.numbers import MAX_AMOUNT, value_of
from helpers.extract.ruleset import rules_for
from helpers.findings.findings import drawn
from helpers.report.charts.records import overview_rows
from helpers.source.article import load_article


@pytest.fixture
def figures_in(analyze_text):
    """The figures table of one paragraph (a headline is added), with no story pack."""

    def table(body: str) -> pd.DataFrame:
        return analyze_text(f"Markets report\n\n{body}\n", story="none").figures

    return table


def rows(table: pd.DataFrame) -> list[tuple]:
    """(value, high or None, unit, category) of every row, in text order."""
    return [(row.value, None if math.isnan(row.high) else row.high, row.unit, row.category)
            for row in table.itertuples()]


@pytest.mark.parametrize("body, value, unit", [
    ("The museum was sold for £37m last spring.", 37e6, "£"),
    ("The lender set aside £280.4m for complaints.", 280.4e6, "£"),
    ("Quarterly revenue reached $8.4bn, the company said.", 8.4e9, "$"),
    ("The club was fined 15m euros by the league.", 15e6, "€"),
    ("The streaming service now has 250m subscribers worldwide.", 250e6, "subscribers"),
    ("A first-class stamp now costs 85p at the counter.", 85, "p"),
    ("The bank's shares closed at 212.5p on Friday.", 212.5, "p"),
])
def test_a_scale_or_pence_glued_to_the_digits_is_read_with_them(figures_in, body, value, unit):
    table = figures_in(body)
    assert [(row[0], row[2]) for row in rows(table)] == [(value, unit)]
    assert table.iloc[0]["category"] == ("other" if unit == "subscribers" else "money")


def test_a_change_and_the_level_it_reached_are_two_figures(figures_in):
    table = figures_in("Shares in the miner dropped 6p to 141.5p on Monday.")
    assert rows(table) == [(6, None, "p", "money"), (141.5, None, "p", "money")]


@pytest.mark.parametrize("body", [
    "Trading was halted at 1430 GMT on Friday.",
    "The talks resumed at 0900 BST in Brussels.",
])
def test_a_time_of_day_with_its_zone_is_no_year(figures_in, body):
    assert figures_in(body).empty


def test_an_index_level_is_an_amount_not_a_date(figures_in):
    table = figures_in("The Nikkei index ended the day at 21,345.60 on Thursday.")
    levels = table[table["value"] == 21345.6]
    assert len(levels) == 1 and levels.iloc[0]["category"] != "date"


def test_an_index_level_the_model_calls_a_date_is_an_amount(nlp, write_article):
    article = load_article(write_article("Markets\n\nThe Dow closed at 18,104.10 on Tuesday.\n"))
    doc = nlp(article.text)
    level = next(token.i for token in doc if token.text == "18,104.10")
    doc.ents = [Span(doc, level, level + 3, label="DATE")]  # '18,104.10 on Tuesday'
    table = analyze_doc(article, doc, "test", story="none").figures
    assert rows(table) == [(18104.1, None, "", "other")]


@pytest.mark.parametrize("body, kept", [
    ("A group calling itself Cozy Panda 3.0 posted the emails online.", []),
    ("The firm shipped version 2.4 of its app to 500 schools.", [500]),
    ("The update, 11.2.1, reached 900 phones.", [900]),
])
def test_a_number_inside_a_name_or_a_version_is_no_figure(figures_in, body, kept):
    assert list(figures_in(body)["value"]) == kept


@pytest.mark.parametrize("body, low, high, unit", [
    ("Penalties run from £2 million to £10 million per offence.", 2e6, 10e6, "£"),
    ("Grants range from $3million to $7million a year.", 3e6, 7e6, "$"),
    ("Unemployment is expected at 4.5% to 5% next year.", 4.5, 5, "%"),
])
def test_a_range_with_its_unit_at_both_ends_is_one_range(figures_in, body, low, high, unit):
    table = figures_in(body)
    assert [(row[0], row[1], row[2]) for row in rows(table)] == [(low, high, unit)]
    assert not table.iloc[0]["exact"] and table.iloc[0]["low"] == low


def test_a_year_before_a_range_of_percentages_stays_a_year(figures_in):
    table = figures_in("Prices rose by 6% in 2019 and by 4.5% to 5% the year after.")
    assert rows(table) == [(6, None, "%", "percent"), (2019, None, "year", "date"),
                           (4.5, 5, "%", "percent")]


def test_a_vague_amount_keeps_its_words_has_a_lower_bound_and_is_never_drawn(figures_in):
    table = figures_in("Thousands of fans queued overnight, and dozens of stewards watched "
                       "the 4,000 seats.")
    vague = table[table["qualifier"].isin(["thousands", "dozens"])]
    assert list(vague["text"]) == ["Thousands", "dozens"]
    assert list(vague["low"]) == [1000, 12] and not vague["exact"].any()
    assert list(drawn(table)["value"]) == [4000]
    assert list(overview_rows(table)["value"]) == [4000]


def test_a_bound_after_nearly_or_up_to_is_no_lower_bound(figures_in):
    table = figures_in("Up to 300 workers will go, and nearly 90 shops will close.")
    assert table["low"].isna().all() and table["exact"].all()


@pytest.mark.parametrize("body, scores", [
    ("Arsenal beat Spurs 4-2 at home on Sunday.", [4, 2]),
    ("The visitors earned a 3-0 win in the rain.", [3, 0]),
    ("The Bears lost 10-24 in Denver.", [10, 24]),
])
def test_a_score_is_two_scores_not_a_date_or_a_range(figures_in, body, scores):
    table = figures_in(body)
    assert list(table["value"]) == scores
    assert set(table["category"]) == {"score"} and table["high"].isna().all()


def test_a_noun_later_in_the_sentence_says_what_a_bare_range_counts(figures_in):
    table = figures_in("Officials say there are 40 to 45,000 near the border, and with that "
                       "number of soldiers an attack is possible.")
    assert rows(table) == [(40000, 45000, "soldiers", "troops")]


@pytest.mark.parametrize("body, share", [
    ("Seven out of 10 voters backed the plan.", 0.7),
    ("Only 3 out of 4 trains ran on time.", 0.75),
])
def test_a_part_out_of_a_whole_is_one_share(figures_in, body, share):
    table = figures_in(body)
    assert list(table["value"]) == [share] and list(table["category"]) == ["share"]


@pytest.mark.parametrize("body", [
    "The clinic opens between 9am and 5pm on weekdays.",
    "People with type 1 diabetes were asked, and the firm ranks at number four.",
    "1. The survey was run online.",
])
def test_times_labels_and_list_numbers_are_no_amounts(figures_in, body):
    assert figures_in(body).empty


def test_a_vague_amount_of_something_is_found_even_untagged(figures_in):
    table = figures_in("Medics treated scores of civilians overnight.")
    assert list(table["text"]) == ["scores"] and not table.iloc[0]["exact"]


def test_a_fraction_of_a_scale_is_one_amount_even_when_read_as_a_date(figures_in):
    table = figures_in("Almost a quarter of a million homes lost power.")
    assert list(table["value"]) == [250_000] and table.iloc[0]["category"] != "date"


def test_a_count_before_an_age_range_is_a_count_not_a_day(figures_in):
    table = figures_in("A poll of 600 16 to 24 year olds was published.")
    assert rows(table)[:1] == [(600, None, "", "other")]
    assert (rows(table)[1][0], rows(table)[1][1]) == (16, 24)


def test_one_percentage_point_is_a_percent(figures_in):
    table = figures_in("The bank raised its rate by one percentage point.")
    assert rows(table) == [(1, None, "percentage points", "percent")]


# --- issue 23 item 7: infinite and huge numbers, lost signs ----------------------------------


def test_issue23_item7_a_400_digit_number_is_no_amount(figures_in):
    assert value_of("7" * 400, rules_for("en")) is None
    table = figures_in(f"The ledger listed {'9' * 400} grains and 12 sacks.")
    assert list(table["value"]) == [12]


def test_issue23_item7_a_million_said_sixty_times_is_no_infinity(figures_in):
    table = figures_in("They counted a " + "million " * 60 + "stars, and 3 comets.")
    assert table["value"].map(math.isfinite).all() and (table["value"] <= MAX_AMOUNT).all()
    assert 3 in set(table["value"])


def test_issue23_item7_zero_point_one_320_times_raises_nothing():
    value = value_of("zero point " + "one " * 320, rules_for("en"))
    assert value is not None and abs(value - 1 / 9) < 1e-9


def test_issue23_item7_a_power_of_ten_is_read_whole(figures_in):
    assert figures_in("The model assumes 10^400 troops.").empty
    assert list(figures_in("The census found 10^6 households.")["value"]) == [1e6]


@pytest.mark.parametrize("body, value", [
    ("Overnight the temperature fell to −5 degrees.", -5),
    ("The index moved –1.5 percent by noon.", -1.5),
    ("Output changed by -3% in March.", -3),
])
def test_issue23_item7_a_minus_sign_glued_to_digits_is_kept(figures_in, body, value):
    assert list(figures_in(body)["value"]) == [value]


def test_issue23_item7_a_dash_between_two_numbers_is_still_a_range(figures_in):
    assert rows(figures_in("Between 10–15 boats sank."))[0][:2] == (10, 15)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "million", "zero", "point", "one", "10", "^", "400",
                                 "−", "-", "–", "9" * 30, "thousand", "dozens", "of", "m",
                                 "£", "3.5", "to", "bn", "p", "12p"]), max_size=80))
def test_any_run_of_number_words_reads_to_a_finite_amount_or_none(words):
    value = value_of(" ".join(words), rules_for("en"))
    assert value is None or (math.isfinite(value) and abs(value) <= MAX_AMOUNT)


NEWSPRINT_WORDS = ["£424m", "$2bn", "52m", "euros", "325.5p", "fell", "4p", "to", "−5", "–1.5",
                   "-", "17-6", "won", "1750", "GMT", "18,104.10", "Guccifer", "2.0", "10^400",
                   "10", "^", "6", "millions", "of", "dozens", "out", "a", "quarter", "million",
                   "this", "number", "troops", "%", "2.5", "and", "2005", "on", "Tuesday", "2."]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(NEWSPRINT_WORDS), min_size=1, max_size=40))
def test_any_newsprint_sentence_gives_finite_figures_that_slice_the_text(words, nlp, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Markets\n\nThe report said " + " ".join(words) + " today.\n", "utf-8")
    article = load_article(path)
    table = analyze_doc(article, nlp(article.text), "test", story="none").figures
    for row in table.itertuples():
        assert article.text[row.start:row.end] == row.text
        assert math.isfinite(row.value) and abs(row.value) <= MAX_AMOUNT
        assert math.isnan(row.high) or row.high <= MAX_AMOUNT
        assert math.isnan(row.low) or row.low == row.value
