"""The exercise checks: feedback for right, partly right, wrong and unanswered answers."""

from __future__ import annotations

import re

import matplotlib
import pandas as pd
import pytest

from helpers.analysis import analyze
from helpers.evaluate import load_key
from helpers.exercises.checks import (
    NOT_ANSWERED,
    WELL_DONE,
    Feedback,
    agreement_table,
    check_chart,
    check_most_mentioned,
    check_number_extractor,
    check_people,
    check_percent_agreement,
    check_previous_estimate,
    check_quote_pattern,
    check_record_row,
    check_sentence_count,
    check_speakers,
    check_stance_coding,
    check_troop_table,
    cohen_kappa,
    key_quotes,
    percent_agreement,
    stance_differences,
    stance_sheet,
)
from helpers.report import style
from helpers.stories.records import casualty_totals, troop_estimates

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


QUOTE_PATTERN = [{"ORTH": "“"}, {"ORTH": {"NOT_IN": ["“", "”"]}, "OP": "+"}, {"ORTH": "”"}]


def test_quote_pattern_right_partly_and_wrong(analysis, capsys):
    result = check_quote_pattern(QUOTE_PATTERN, analysis)
    out = capsys.readouterr().out
    assert result.passed
    assert "your pattern finds 27 of 30 direct quotes in the answer key." in out
    assert "3 quotes are not found (paragraphs 4, 13, 21); 3 of them lack an opening" in out
    one_word = [{"ORTH": "“"}, {"ORTH": {"NOT_IN": ["“", "”"]}}, {"ORTH": "”"}]
    result = check_quote_pattern(one_word, analysis)
    assert not result.passed and "finds 1 of 30" in capsys.readouterr().out
    greedy = [{"ORTH": "“"}, {"OP": "+"}, {"ORTH": "”"}]
    result = check_quote_pattern(greedy, analysis)
    out = capsys.readouterr().out
    assert not result.passed
    assert "finds 0 of 30" in out and "running from one quote into the next?" in out
    result = check_quote_pattern([{"ORTHO": "“"}], analysis)
    assert "spaCy cannot read the pattern" in capsys.readouterr().out
    assert not check_quote_pattern(None, analysis).answered


def test_speakers_feedback_counts_and_points_to_the_side(analysis, capsys):
    result = check_speakers(lambda quote: None, analysis)
    out = capsys.readouterr().out
    assert not result.passed
    assert "right speaker for 0 of 30 direct quotes" in out
    assert "30 quotes get no speaker" in out
    assert "Hint: 22 of them have the speaker before the quote" in out
    result = check_speakers(lambda quote: "He", analysis)
    assert "30 of your speakers are pronouns" in capsys.readouterr().out
    assert not check_speakers(None, analysis).answered
    assert "must be a function" in check_speakers("Putin", analysis).message()


def test_speakers_right_with_the_keys_own_answers(analysis, capsys):
    quotes, _ = key_quotes(analysis)
    speakers = {(row.start, row.end): row.speaker.split(" | ")[0] for row in quotes.itertuples()}

    def from_key(quote):
        return next(name for (start, end), name in speakers.items()
                    if quote.start_char <= start < quote.end_char)

    assert check_speakers(from_key, analysis).passed
    assert "right speaker for 30 of 30" in capsys.readouterr().out


def test_speaker_errors_become_feedback(analysis, capsys):
    result = check_speakers(lambda quote: quote.missing, analysis)
    assert not result.passed
    assert "your function raised AttributeError" in capsys.readouterr().out


def test_stance_coding(analysis, capsys):
    key = load_key(analysis.article)["stances"]
    sheet = stance_sheet(analysis)
    assert list(sheet.columns) == ["actor", "topic", "evidence", "stance"]
    assert not check_stance_coding(sheet, analysis).answered
    assert NOT_ANSWERED in capsys.readouterr().out
    assert check_stance_coding(sheet.assign(stance=key["stance"]), analysis).passed
    labels = list(key["stance"])
    labels[0], labels[1], labels[2] = "maybe", "", "neutral"
    result = check_stance_coding(sheet.assign(stance=labels), analysis)
    out = capsys.readouterr().out
    assert not result.passed
    assert "row(s) 0 have a label that is not one of" in out
    assert "1 row(s) not coded yet (rows 1)" in out
    assert "you agree with the answer key on 17 of 20 rows (85%)" in out
    assert "look again at rows 0, 2" in out


def test_percent_agreement_check(capsys):
    assert check_percent_agreement(percent_agreement).passed

    def as_percent(first, second):
        return 100 * percent_agreement(list(first), list(second))

    result = check_percent_agreement(as_percent)
    out = capsys.readouterr().out
    assert not result.passed and "right on 1 of 4" in out
    assert "not a percentage (75)" in out
    assert "raised ZeroDivisionError" in check_percent_agreement(lambda a, b: 1 / 0).message()
    assert not check_percent_agreement(None).answered


def test_agreement_table_and_differences(analysis):
    key = load_key(analysis.article)["stances"]
    sheet = stance_sheet(analysis)
    empty = agreement_table(sheet, analysis).set_index("pair")
    assert empty.loc["you vs key", "rows"] == 0
    assert stance_differences(sheet, analysis).empty, "no key labels before coding"
    table = agreement_table(sheet.assign(stance=key["stance"]), analysis).set_index("pair")
    assert table.loc["you vs key", "kappa"] == 1.0
    machine = table.loc["machine vs key"]
    assert machine["rows"] == len(key)
    assert machine["percent agreement"] == table.loc["you vs machine", "percent agreement"]


def find_numbers(text: str) -> list[float]:
    return [float(m.replace(",", "")) for m in re.findall(r"\d{1,3}(?:,\d{3})+|\d+", text)]


def test_number_extractor(analysis, capsys):
    assert check_number_extractor(find_numbers, analysis).passed
    assert "you found 9 of 9 numbers written in digits." in capsys.readouterr().out
    result = check_number_extractor(lambda text: [float(n) for n in re.findall(r"\d+", text)],
                                    analysis)
    out = capsys.readouterr().out
    assert not result.passed
    assert "you found 6 of 9 numbers" in out
    assert "3 are missing (paragraphs 5, 29)" in out
    assert "is a comma splitting one number into two?" in out
    assert "turn each into a number" in check_number_extractor(
        lambda text: re.findall(r"\d+", text), analysis).message()
    assert not check_number_extractor(None, analysis).answered


def test_record_row(analysis, capsys):
    totals = casualty_totals()
    figure = analysis.figures[analysis.figures["category"] == "casualties"].iloc[0]
    deaths = totals[totals["category"] == "total_deaths"].sort_values("as_of")
    before = deaths[deaths["as_of"] <= "2022-02-15"]
    assert check_record_row(before.iloc[-1], figure, totals, "2022-02-15").passed
    result = check_record_row(before.iloc[0], figure, totals, "2022-02-15")
    assert not result.passed
    assert "a later total of the same kind was published" in capsys.readouterr().out
    civilians = totals[totals["category"] == "civilian_deaths"].iloc[-1]
    result = check_record_row(civilians, figure, totals, "2022-02-15")
    assert "this row counts civilian_deaths" in result.message()
    result = check_record_row(before.iloc[-1], figure, totals, "2021-01-01")
    assert "after the article" in result.message()
    assert "give one row" in check_record_row(totals, figure, totals, "2022-02-15").message()


def test_previous_estimate(analysis, capsys):
    estimates = troop_estimates()
    dated = estimates.set_index(estimates["date_reported"].dt.strftime("%Y-%m-%d"))
    assert check_previous_estimate(dated.loc["2022-02-13"], analysis, estimates,
                                   "2022-02-15").passed
    result = check_previous_estimate(dated.loc["2022-01-24"], analysis, estimates, "2022-02-15")
    out = capsys.readouterr().out
    assert not result.passed
    assert "does not match the article's “130,000”" in out
    later = check_previous_estimate(dated.loc["2022-02-13"], analysis, estimates, "2022-02-10")
    assert "not before the article" in later.message()
    assert not check_previous_estimate(None, analysis, estimates, "2022-02-15").answered


def test_checks_say_when_an_article_has_no_answer_key(write_article, capsys):
    path = write_article("Talks\n\n“We want peace,” Putin said. Biden stated that talks "
                         "would go on.\n", name="no_key_article.txt")
    other = analyze(path)
    check_quote_pattern(QUOTE_PATTERN, other)
    out = capsys.readouterr().out
    assert "1 of 1 direct quotes in the kit's quotes (this article has no answer key)" in out
