"""Money, percentages and scales as a reader expects them on every page (issue 20): '$16
million', '$100,000 or more', '£424 million', '325.5p', written once in `report.words`."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.report.figures import fact_label, readable
from helpers.report.words import amount


@pytest.fixture
def figures_of_text(analyze_text):
    def table(body: str) -> pd.DataFrame:
        return analyze_text(f"Results\n\n{body}\n", story="none").figures

    return table


@pytest.mark.parametrize("value, unit, high, qualifier, shown", [
    (16e6, "$", math.nan, "", "$16 million"),
    (100_000, "$", math.nan, "or more", "$100,000 or more"),
    (424e6, "£", math.nan, "", "£424 million"),
    (280.2e6, "£", math.nan, "about", "about £280.2 million"),
    (1e6, "$", 5e6, "between", "$1 million to $5 million"),
    (2.5, "%", 3, "between", "2.5% to 3%"),
    (325.5, "p", math.nan, "", "325.5p"),
    (30_000, "troops", 35_000, "between", "30,000 to 35,000 troops"),
    (1_234_567, "people", math.nan, "", "1,234,567 people"),
])
def test_money_and_scales_are_shown_as_a_reader_expects(value, unit, high, qualifier, shown):
    row = {"value": value, "unit": unit, "high": high, "qualifier": qualifier}
    assert fact_label(row) == shown


def test_amount_writes_other_currencies_after_the_number():
    assert amount(52e6, "roubles") == "52 million roubles"
    assert amount(2e9, "€") == "€2 billion"


def test_a_vague_amount_is_shown_by_its_lower_bound_and_keeps_no_false_precision():
    row = {"value": 1e6, "unit": "people", "high": math.nan, "qualifier": "millions",
           "exact": False}
    assert fact_label(row) == "at least 1 million people"


def test_the_figures_table_shows_each_amount_in_one_column(figures_of_text):
    shown = readable(figures_of_text("The club paid £424m, and thousands of fans came."))
    assert list(shown["Amount"]) == ["£424 million", "at least 1,000 fans"]
    assert "Value" not in shown and "Unit" not in shown
