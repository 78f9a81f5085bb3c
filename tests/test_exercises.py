"""The exercise checks: feedback for right, partly right, wrong and unanswered answers."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

from helpers import style
from helpers.analysis import analyze
from helpers.exercises import (
    NOT_ANSWERED,
    WELL_DONE,
    Feedback,
    check_chart,
    check_most_mentioned,
    check_people,
    check_sentence_count,
    check_troop_table,
    cohen_kappa,
    percent_agreement,
)

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def analysis(seed_path):
    return analyze(seed_path)


def test_feedback_message_lists_right_missing_and_hint():
    feedback = Feedback("Task", right=["a"], missing=["b"], hint="look at c")
    assert not feedback.passed
    assert feedback.message() == "Task: not quite yet.\n  ✓ a\n  ✗ b\n  Hint: look at c"
    assert Feedback("Task", right=["a"], hint="unused").message() == f"Task: {WELL_DONE}\n  ✓ a"


@pytest.mark.parametrize("check", [check_sentence_count, check_people, check_most_mentioned])
def test_unanswered_checks_say_so_and_do_not_raise(check, analysis, capsys):
    result = check(None, analysis)
    assert not result.answered and not result.passed
    assert NOT_ANSWERED in capsys.readouterr().out


def test_sentence_count(analysis, capsys):
    expected = len(list(analysis.doc.sents))
    assert check_sentence_count(expected, analysis).passed
    assert f"{expected} sentences" in capsys.readouterr().out
    paragraphs = len(analysis.article.paragraphs)
    result = check_sentence_count(paragraphs, analysis)
    out = capsys.readouterr().out
    assert not result.passed
    assert f"{paragraphs} is too low" in out and "number of paragraphs" in out
    assert str(expected) not in out


def test_people_right(analysis, capsys):
    persons = analysis.entities.query("type == 'person'")["actor"].tolist()
    assert check_people(persons, analysis).passed
    assert f"you found {len(persons)} of {len(persons)} people" in capsys.readouterr().out


def test_people_partly_right_points_to_paragraphs_without_names(analysis, capsys):
    result = check_people(["Putin", "Joe Biden", "Biden", "Olaf Scholz"], analysis)
    out = capsys.readouterr().out
    assert not result.passed
    assert "you found 3 of 8 people" in out
    assert "5 people are missing; they first appear in paragraph(s) 21, 22, 27." in out
    assert "1 of them appear under more than one form (e.g. Joe Biden / Biden)" in out
    assert "Kuleba" not in out and "Blinken" not in out


def test_people_wrong_entries_are_explained(analysis, capsys):
    persons = analysis.entities.query("type == 'person'")["actor"].tolist()
    result = check_people([*persons, "Moscow", "snowy fields", "Boris Johnson"], analysis)
    out = capsys.readouterr().out
    assert not result.passed and len(result.missing) == 3
    assert "'Moscow' is not a person: the kit counts it as a place." in out
    assert "'snowy fields' is tagged PERSON by the model, but it is a slip" in out
    assert "'Boris Johnson' does not appear in the article" in out


def test_people_missed_by_the_model_count_as_right(analysis, capsys):
    persons = analysis.entities.query("type == 'person'")["actor"].tolist()
    assert check_people([*persons, "Lyudmila Nechvolod"], analysis).passed
    assert "the model missed it: well spotted" in capsys.readouterr().out


def test_most_mentioned(analysis, capsys):
    assert check_most_mentioned("Ukraine", analysis).passed
    result = check_most_mentioned("Putin", analysis)
    out = capsys.readouterr().out
    assert not result.passed
    assert "Vladimir Putin is mentioned 12 times; another actor is mentioned more often." in out
    assert not check_most_mentioned("Atlantis", analysis).passed


def test_percent_agreement_and_kappa_by_hand():
    # 50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
    # p_o = 35/50 = 0.7; p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4.
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert percent_agreement(first, second) == pytest.approx(0.7)
    assert cohen_kappa(first, second) == pytest.approx(0.4)


def test_kappa_edge_cases():
    assert cohen_kappa(["a", "a"], ["a", "a"]) == 1.0
    assert cohen_kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)
    with pytest.raises(ValueError, match="same, non-zero length"):
        cohen_kappa(["a"], ["a", "b"])


@pytest.fixture
def reference() -> pd.DataFrame:
    return pd.DataFrame({
        "date_reported": pd.to_datetime(["2022-01-10", "2021-12-01", "2021-12-01", "2022-02-01"]),
        "estimate_low": [100_000, 90_000, 175_000, 120_000],
        "estimate_high": [100_000, 94_000, 175_000, 130_000],
        "scope": ["at the border", "near Ukraine", "PLANNED force (projection)", "border"],
    })


def counts_table(reference: pd.DataFrame) -> pd.DataFrame:
    table = reference[~reference["scope"].str.contains("PLANNED")].sort_values("date_reported")
    return table.assign(midpoint=(table["estimate_low"] + table["estimate_high"]) / 2)


def test_troop_table(reference, capsys):
    assert check_troop_table(counts_table(reference), reference).passed
    unsorted = reference.assign(midpoint=reference["estimate_low"])
    result = check_troop_table(unsorted, reference)
    out = capsys.readouterr().out
    assert len(result.missing) == 4
    assert "4 rows, but the reference has 3 estimates of troops present" in out
    assert "a projection is still in the table" in out
    assert not check_troop_table(None, reference).answered
    assert not check_troop_table(pd.DataFrame({"x": [1]}), reference).passed


def good_chart(estimates: pd.DataFrame):
    fig, ax = style.new_figure("Troops", "Date reported", "Russian troops (estimate)", "Test")
    ax.plot(estimates["date_reported"], estimates["midpoint"], marker="o")
    ax.yaxis.set_major_formatter(style.thousands)
    ax.set_ylim(0, 200_000)
    return fig


def test_chart_right_and_bare(reference, capsys):
    estimates = counts_table(reference)
    assert check_chart(good_chart(estimates), estimates).passed
    assert WELL_DONE in capsys.readouterr().out
    fig, ax = matplotlib.pyplot.subplots()
    ax.plot(estimates["date_reported"][:2], estimates["midpoint"][:2])
    result = check_chart(ax, estimates)
    out = capsys.readouterr().out
    assert len(result.missing) == 8 and not result.right
    assert "2 of 3 estimates (their midpoints) are on the chart." in out
    assert "there is no source line under the chart." in out
    assert "Hint: `style.new_figure(" in out
    assert not check_chart(None, estimates).answered
    assert "not a matplotlib figure" in check_chart("a chart", estimates).message()
