"""Right answers in another form (issue 22): `latest_before` on a same-date tie, the lesson's
"as of" date rule, and a troop chart drawn in thousands. Three students each: one right, one
right in another form, one with the mistake the check must name.
"""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

from helpers.exercises import held_out, numbers, troop_chart
from helpers.report import style

matplotlib.use("Agg")


RECORD = [  # date (as of), published, what, low, high, who: counts of a made-up war
    ("2021-03-31", "2021-04-20", "total_deaths", 13_000, 13_200, "Monitor A"),
    ("2021-06-30", "2021-07-19", "total_deaths", 13_200, 13_400, "Monitor A"),
    ("2021-06-30", "2021-08-02", "total_deaths", 13_250, 13_350, "Monitor B"),
    ("2021-09-30", "2021-10-25", "civilian_deaths", 3_390, 3_390, "Monitor A"),
    ("2021-12-31", "2022-01-27", "total_deaths", 14_200, 14_400, "Monitor A"),
    ("2021-12-31", "2022-01-27", "civilian_deaths", 3_404, 3_404, "Monitor A"),
]


@pytest.fixture(scope="module")
def totals() -> pd.DataFrame:
    """A record with a same-date tie (two monitors' totals as of 30 June)."""
    table = pd.DataFrame(RECORD, columns=["date", "published", "what", "low", "high", "who"])
    return table.assign(date=pd.to_datetime(table["date"]),
                        published=pd.to_datetime(table["published"]))


def by_sorting(table, category, date):
    rows = table[(table["what"] == category) & (table["date"] <= date)]
    return rows.sort_values("date", kind="stable").iloc[-1]


def by_idxmax(table, category, date):
    rows = table[(table["what"] == category) & (table["date"] <= date)]
    return rows.loc[rows["date"].idxmax()]


def the_first(table, category, date):
    rows = table[(table["what"] == category) & (table["date"] <= date)]
    return rows.sort_values("date").iloc[0]


def by_published(table, category, date):
    rows = table[(table["what"] == category) & (table["published"] <= date)]
    return rows.sort_values("date").iloc[-1]


def test_a_same_date_tie_accepts_either_row(totals, capsys):
    last, first = by_sorting(totals, "total_deaths", "2021-07-01"), by_idxmax(
        totals, "total_deaths", "2021-07-01")
    assert (last["who"], first["who"]) == ("Monitor B", "Monitor A")  # a real tie
    assert numbers.check_latest_before(by_sorting, totals).share == 1.0
    assert numbers.check_latest_before(by_idxmax, totals).share == 1.0
    assert "Well done!" in capsys.readouterr().out


def test_an_earlier_row_on_a_tie_says_what_and_where_not_the_answer(totals, capsys):
    result = numbers.check_latest_before(the_first, totals)
    text = capsys.readouterr().out
    assert not result.passed and 0 < result.share < 1
    assert "an earlier row of the category, though a later one is still on or before the " \
           "date (e.g. 'total_deaths' on 2021-06-30)" in text
    assert result.hint == "among the rows left, take the latest one, not the first."
    assert not any(answer in text for answer in ("13,200", "13200", "13,400", "Monitor"))


def test_the_record_row_follows_the_as_of_date(totals, capsys):
    figure = pd.Series({"text": "nearly 14,000", "unit": "people", "value": 14_000.0})
    row = by_sorting(totals, "total_deaths", "2022-01-10")  # counted by then, published after
    assert f"{row['date']:%Y-%m-%d}" == "2021-12-31"
    assert numbers.check_record_row(row, figure, totals, "2022-01-10").passed
    later = row.copy()
    later["date"] = pd.Timestamp("2022-03-31")
    result = numbers.check_record_row(later, figure, totals, "2022-01-10")
    assert "this total counts up to 31 March 2022, after the article's day" in " ".join(
        result.missing)


def test_a_function_on_the_published_date_is_told_the_difference(totals, capsys):
    result = numbers.check_latest_before(by_published, totals)
    text = capsys.readouterr().out
    assert not result.passed  # on 1 April a total was counted, but none published yet
    assert result.hint.startswith("this task goes by `date`, the day a total counts up to "
                                  "(“as of”), not `published`")
    assert "your function stops with IndexError" in text and "'total_deaths', date " \
        "2021-03-31" in text


def test_the_latest_published_row_is_told_the_difference(totals, capsys):
    same_day = totals.copy()
    first_counts = same_day.groupby("what")["date"].transform("min") == same_day["date"]
    same_day.loc[first_counts, "published"] = same_day.loc[first_counts, "date"]
    result = numbers.check_latest_before(by_published, same_day)
    text = capsys.readouterr().out
    assert not result.passed and 0 < result.share < 1
    assert "for 6 of them it gives an earlier row of the category" in text
    assert "not `published`, the day it came out" in result.hint


def test_a_total_of_the_day_itself_counts(totals, capsys):
    def strictly_before(table, category, date):
        rows = table[(table["what"] == category) & (table["date"] < date)]
        return rows.sort_values("date").iloc[-1]

    result = numbers.check_latest_before(strictly_before, totals)
    assert not result.passed
    assert "your function stops with IndexError" in capsys.readouterr().out


def test_the_lesson_says_which_date_is_meant():
    import nbformat

    from helpers.paths import EXERCISES_DIR

    notebook = nbformat.read(EXERCISES_DIR / "04b_records.ipynb", as_version=4)
    text = " ".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert 'the "as of" date, not `published`' in " ".join(text.split())
    assert "either one is right" in " ".join(text.split())


# --- A chart in thousands ------------------------------------------------------------------


@pytest.fixture(scope="module")
def estimates() -> pd.DataFrame:
    return numbers.public_record().troop_estimates()


def counts(reference: pd.DataFrame) -> pd.DataFrame:
    table = reference[~troop_chart.projection_rows(reference)].sort_values("date")
    return table.assign(midpoint=(table["low"] + table["high"]) / 2)


def chart(table: pd.DataFrame, scale: float, ylabel: str, source: str, top: float):
    fig, ax = style.new_figure("Russian troops near Ukraine", "Date reported", ylabel, source)
    ax.plot(table["date"], table["midpoint"] / scale, marker="o")
    ax.vlines(table["date"], table["low"] / scale, table["high"] / scale)
    if scale == 1:
        ax.yaxis.set_major_formatter(style.thousands)
    ax.set_ylim(0, top)
    return fig


@pytest.mark.parametrize("ylabel", ["Russian troops (thousands)", "Troops, '000",
                                    "Troops (in 1,000s)", "Russian troops, thousands"])
def test_a_chart_in_thousands_with_a_label_saying_so_is_right(estimates, ylabel, capsys):
    fig = chart(counts(estimates), 1000, ylabel, "Source: troop_estimates.csv", 200)
    result = troop_chart.check_chart(fig, estimates)
    assert result.passed, capsys.readouterr().out
    assert held_out.score_chart(fig, estimates) == 1.0


def test_three_students_chart_in_full_in_thousands_and_unlabelled_thousands(estimates,
                                                                             capsys):
    table = counts(estimates)
    full = chart(table, 1, "Russian troops (estimate)", "Chart: troops. Source: CSV", 200_000)
    thousands = chart(table, 1000, "Russian troops (thousands)", "Chart: troops. Source: CSV",
                      200)
    unlabelled = chart(table, 1000, "Russian troops", "Chart: troops. Source: CSV", 200)
    assert troop_chart.check_chart(full, estimates).passed
    assert troop_chart.check_chart(thousands, estimates).passed
    capsys.readouterr()
    result = troop_chart.check_chart(unlabelled, estimates)
    text = capsys.readouterr().out
    assert not result.passed and 0 < result.share < 1
    assert "your numbers are in thousands, but the y label does not say so" in text
    assert held_out.score_chart(unlabelled, estimates) < 1.0


def test_a_chart_in_thousands_still_needs_its_baseline_and_top(estimates, capsys):
    fig = chart(counts(estimates), 1000, "Troops (thousands)", "Source: CSV", 150)
    assert "the top of the y axis cuts off the highest estimate." in troop_chart.check_chart(
        fig, estimates).missing
    fig.axes[0].set_ylim(100, 200)
    assert troop_chart.check_chart(fig, estimates).share == 0.0
