"""The lesson checks as three students use them: right, typical mistakes, nonsense.

One test per crash of issue 14 (now feedback), one per wrong acceptance or rejection (now the
right verdict). A check that raises fails its test; so does feedback that names the answer.
"""

from __future__ import annotations

import re

import matplotlib
import pandas as pd
import pytest

from helpers.analysis import analyze
from helpers.evaluate import cohen_kappa, load_key
from helpers.evaluate import percent_agreement as agreement
from helpers.exercises import actors, held_out, numbers, quotes, stances, troop_chart
from helpers.exercises.feedback import NOT_ANSWERED, WELL_DONE, Feedback
from helpers.report import style

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def analysis(seed_path):
    return analyze(seed_path)


@pytest.fixture(scope="module")
def key(analysis):
    return load_key(analysis.article)


def out(capsys) -> str:
    return capsys.readouterr().out


def assert_feedback(result: Feedback, text: str, *phrases: str) -> None:
    """Feedback, not a pass, holding each phrase, and never a traceback."""
    assert isinstance(result, Feedback) and not result.passed
    assert "Traceback" not in text
    for phrase in phrases:
        assert phrase in text, text


def test_feedback_message_lists_right_missing_and_hint():
    feedback = Feedback("Task", right=["a"], missing=["b"], hint="look at c")
    assert feedback.message() == "Task: not quite yet.\n  ✓ a\n  ✗ b\n  Hint: look at c"
    assert Feedback("Task", right=["a"], hint="unused").message() == f"Task: {WELL_DONE}\n  ✓ a"
    assert Feedback("Task", answered=False).share == 0.0


def test_kappa_by_hand():
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert agreement(first, second) == pytest.approx(0.7)
    assert cohen_kappa(first, second) == pytest.approx(0.4)
    with pytest.raises(ValueError, match="same, non-zero length"):
        cohen_kappa(["a"], ["a", "b"])


def test_hints_come_one_step_at_a_time(capsys):
    actors.hint("people", 2)
    text = out(capsys)
    assert text.startswith("Hint 2 of 4 for 'people' (next: hint('people', 3))")
    actors.hint("people", 9)
    assert "has hints 1 to 4" in out(capsys)
    actors.hint("nothing")
    assert "There are hints for" in out(capsys)


# --- Lesson 1 ------------------------------------------------------------------------------


PEOPLE = ["Vladimir Putin", "Joe Biden", "Olaf Scholz", "Antony Blinken", "Dmytro Kuleba",
          "Emmanuel Macron", "Jens Stoltenberg", "Sergey Lavrov"]


def test_l1_right_answers_pass(analysis, capsys):
    assert actors.check_sentence_count(len(list(analysis.doc.sents)), analysis).passed
    assert actors.check_people(PEOPLE, analysis).passed
    assert actors.check_most_mentioned("Ukraine", analysis).passed
    assert NOT_ANSWERED not in out(capsys)


@pytest.mark.parametrize("answer", ["Putin", 3, "sentences", "doc.sents"])
def test_l1_people_of_the_wrong_kind_get_feedback(answer, analysis, capsys):
    answer = {"sentences": list(analysis.doc.sents), "doc.sents": analysis.doc.sents}.get(
        answer, answer)
    result = actors.check_people(answer, analysis)
    assert_feedback(result, out(capsys), "Finding the people: not quite yet.")
    assert result.share == 0


def test_l1_sentence_count_of_the_wrong_kind(analysis, capsys):
    result = actors.check_sentence_count(list(analysis.doc.sents), analysis)
    assert_feedback(result, out(capsys), "should be a number", "`len(...)` counts them")
    assert_feedback(actors.check_sentence_count("56", analysis), out(capsys), "a string")


def test_l1_capitalised_words_are_not_people_the_model_missed(analysis, capsys):
    result = actors.check_people([*PEOPLE, "Tuesday", "Images", "Tomorrow", "Meanwhile"],
                                 analysis)
    text = out(capsys)
    assert_feedback(result, text, "'Tuesday' is tagged DATE", "'Meanwhile' is a word")
    assert "well spotted" not in text


def test_l1_two_forms_of_one_person_do_not_pass(analysis, capsys):
    result = actors.check_people([*PEOPLE, "Biden"], analysis)
    assert_feedback(result, out(capsys), "more than once (e.g. Joe Biden / Biden)")


def test_l1_a_person_the_model_missed_is_well_spotted(analysis, capsys):
    assert actors.check_people([*PEOPLE, "Lyudmila Nechvolod"], analysis).passed
    assert "well spotted" in out(capsys)


def test_l1_people_feedback_points_to_paragraphs_not_names(analysis, capsys):
    result = actors.check_people(["Putin", "Olaf Scholz"], analysis)
    text = out(capsys)
    assert_feedback(result, text, "you found 2 of 8 people",
                    "6 people are missing, first seen in paragraphs")
    assert "Kuleba" not in text and "Blinken" not in text


def test_l1_most_mentioned_of_the_wrong_kind(analysis, capsys):
    result = actors.check_most_mentioned(["Ukraine", "Russia"], analysis)
    assert_feedback(result, out(capsys), "should be one name (a string)")
    result = actors.check_most_mentioned("Putin", analysis)
    assert_feedback(result, out(capsys), "another actor is mentioned more often")


def test_l1_the_overview_does_not_put_the_answer_first(analysis):
    first = actors.entity_overview(analysis)["actor"].iloc[0]
    top = analysis.entities.sort_values("mentions", ascending=False)["actor"].iloc[0]
    assert first != top


# --- Lesson 2 ------------------------------------------------------------------------------

QUOTE_PATTERN = [{"ORTH": "“"}, {"ORTH": {"NOT_IN": ["“", "”"]}, "OP": "+"}, {"ORTH": "”"}]
SPEECH_VERBS = {"say", "state", "add", "tell", "admit", "reaffirm", "claim", "counter"}


def sentences_around(quote):
    first = quote.doc[quote.start].sent
    last = quote.doc[quote.end - 1].sent
    return quote.doc[first.start:last.end]


def speech_verb(quote):
    around = sentences_around(quote)
    before = quote.doc[around.start - 1].sent if around.start > 0 else around[:0]
    for sentence in (around, before):
        for token in sentence:
            if token.lemma_ in SPEECH_VERBS and not quote.start <= token.i < quote.end:
                return token
    return None


def subject_of(verb):
    for child in verb.children:
        if child.dep_ == "nsubj":
            return quotes.whole_name(child)
    return None


def find_speaker(quote):
    verb = speech_verb(quote)
    return None if verb is None else subject_of(verb)


def test_l2_right_answers_pass(analysis, capsys):
    assert quotes.check_quote_pattern(QUOTE_PATTERN, analysis).passed
    assert quotes.check_sentences_around(sentences_around, analysis).passed
    assert quotes.check_speech_verb(speech_verb, analysis).passed
    assert quotes.check_subject_of(subject_of, analysis).passed
    assert quotes.check_speakers(find_speaker, analysis).passed
    text = out(capsys)
    assert "your pattern finds 27 of 30 direct quotes in the answer key." in text


def test_l2_pass_mark_is_what_the_three_steps_reach(analysis, capsys):
    spans = quotes.quote_spans(analysis)
    right = sum(quotes.same_speaker(find_speaker(span), quotes.speakers_of(row.speaker),
                                    analysis) for row, span in spans)
    assert right == 20 and len(spans) == 30
    assert quotes.SPEAKER_TARGET * len(spans) <= right < (quotes.SPEAKER_TARGET + 0.05) * 30
    assert "right speaker for 20 of 30" in quotes.check_speakers(find_speaker, analysis).message()


@pytest.mark.parametrize("pattern", [{"ORTH": "“"}, 5, [], ["“", "”"]])
def test_l2_patterns_of_the_wrong_kind_get_feedback(pattern, analysis, capsys):
    result = quotes.check_quote_pattern(pattern, analysis)
    assert_feedback(result, out(capsys), "a pattern is a list of dicts")


def test_l2_unknown_attribute_and_greedy_patterns(analysis, capsys):
    assert_feedback(quotes.check_quote_pattern([{"ORTHO": "“"}], analysis), out(capsys),
                    "spaCy cannot read the pattern")
    greedy = [{"ORTH": "“"}, {"OP": "+"}, {"ORTH": "”"}]
    assert_feedback(quotes.check_quote_pattern(greedy, analysis), out(capsys),
                    "running from one quote into the next?")


def test_l2_a_function_without_return_is_named_as_such(analysis, capsys):
    def no_return(quote):
        quote.text.lower()

    result = quotes.check_speakers(no_return, analysis)
    text = out(capsys)
    assert_feedback(result, text, "does it end with `return`")
    assert "raised" not in text


def test_l2_returning_a_token_is_not_called_a_pronoun(analysis, capsys):
    def token_speaker(quote):
        verb = speech_verb(quote)
        return None if verb is None else next(
            (child for child in verb.children if child.dep_ == "nsubj"), None)

    result = quotes.check_speakers(token_speaker, analysis)
    text = out(capsys)
    assert_feedback(result, text, "returns a spaCy Token or Span, not the name as text")
    assert result.share == 0


def test_l2_errors_and_blanks_in_student_code(analysis, capsys):
    result = quotes.check_speakers(lambda quote: quote.missing, analysis)
    assert_feedback(result, out(capsys), "stops with AttributeError", "paragraph 3")

    def blank(quote):
        return quote.doc[quote.start].____  # noqa: B009 - the blank a student fills

    assert not quotes.check_sentences_around(blank, analysis).answered
    assert NOT_ANSWERED in out(capsys)


def test_l2_step_mistakes_get_named(analysis, capsys):
    def one_sentence(quote):
        sent = quote.doc[quote.start].sent
        return quote.doc[sent.start:sent.end]

    assert_feedback(quotes.check_sentences_around(one_sentence, analysis), out(capsys),
                    "does not cover the whole quote")

    def verb_text(quote):
        verb = speech_verb(quote)
        return None if verb is None else verb.text

    assert_feedback(quotes.check_speech_verb(verb_text, analysis), out(capsys),
                    "returns text; return the Token itself")


def test_l2_hidden_tests_use_held_out_quotes(analysis):
    assert held_out.score_quote_pattern(QUOTE_PATTERN, analysis) == 1.0
    assert held_out.score_speakers(find_speaker, analysis) == 1.0
    assert held_out.score_quote_pattern(5, analysis) == 0.0


# --- Lesson 3 ------------------------------------------------------------------------------


def test_l3_right_answers_pass(analysis, key, capsys):
    sheet = stances.stance_sheet(analysis)
    assert stances.check_stance_coding(sheet.assign(stance=key["stances"]["stance"]),
                                       analysis).passed
    assert stances.check_percent_agreement(agreement).passed
    assert held_out.score_agreement(agreement) == 1.0


def test_l3_a_sheet_in_reversed_order_is_read_by_actor_and_topic(analysis, key, capsys):
    sheet = stances.stance_sheet(analysis).assign(stance=key["stances"]["stance"])
    result = stances.check_stance_coding(sheet.iloc[::-1], analysis)
    assert result.passed and "20 of 20 rows" in out(capsys)
    table = stances.agreement_table(sheet.iloc[::-1], analysis).set_index("pair")
    assert table.loc["you vs key", "kappa"] == 1.0


def test_l3_feedback_counts_differences_and_never_names_rows(analysis, key, capsys):
    labels = list(key["stances"]["stance"])
    wrong = [i for i, label in enumerate(labels) if label == "skeptical"][:4]
    for i in wrong:
        labels[i] = "oppose"
    result = stances.check_stance_coding(stances.stance_sheet(analysis).assign(stance=labels),
                                         analysis)
    text = out(capsys)
    assert "16 of 20 rows" in text and "4 of your labels differ" in text
    assert "doubt and rejection" in text
    assert not re.search(r"\brows? \d", text), "no row numbers"
    assert result.passed


def test_l3_a_column_of_nonsense_gives_nothing_away(analysis, key, capsys):
    result = stances.check_stance_coding(stances.stance_sheet(analysis).assign(stance=42),
                                         analysis)
    text = out(capsys)
    assert_feedback(result, text, "not in the codebook ('42')")
    most_common = key["stances"]["stance"].value_counts().index[0]
    assert "most common kind" not in text and most_common not in text.split("use ")[0]


def test_l3_differences_table_shows_no_key_labels(analysis, capsys):
    sheet = stances.stance_sheet(analysis).assign(stance="support")
    table = stances.stance_differences(sheet, analysis)
    assert list(table.columns) == ["actor", "topic", "you", "machine", "evidence"]
    assert stances.stance_differences(42, analysis).empty


def test_l3_agreement_function_mistakes(capsys):
    def as_percent(first, second):
        return 100 * agreement(list(first), list(second))

    assert_feedback(stances.check_percent_agreement(as_percent), out(capsys),
                    "not a percentage (75)")

    def no_return(first, second):
        sum(a == b for a, b in zip(first, second, strict=True))

    assert_feedback(stances.check_percent_agreement(no_return), out(capsys),
                    "does it end with `return`")
    assert_feedback(stances.check_percent_agreement("yes"), out(capsys), "should be a function")


# --- Lesson 4 ------------------------------------------------------------------------------


def find_numbers(text):
    return [float(m.replace(",", "")) for m in
            re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text)]


def latest_before(table, category, date):
    rows = table[(table["what"] == category) & (table["date"] <= date)]
    return rows.sort_values("date").iloc[-1]


@pytest.fixture(scope="module")
def totals():
    return numbers.public_record().casualty_totals()


@pytest.fixture(scope="module")
def estimates():
    return numbers.public_record().troop_estimates()


@pytest.fixture(scope="module")
def casualty(analysis):
    return analysis.figures[analysis.figures["category"] == "casualties"].iloc[0]


def test_l4_right_answers_pass(analysis, totals, estimates, casualty, capsys):
    assert numbers.check_number_extractor(find_numbers, analysis).passed
    assert numbers.check_latest_before(latest_before, totals).passed
    row = latest_before(totals, "total_deaths", "2022-02-15")
    assert numbers.check_record_row(row, casualty, totals, "2022-02-15").passed
    dated = estimates.set_index(estimates["date"].dt.strftime("%Y-%m-%d"))
    assert numbers.check_previous_estimate(dated.loc["2022-02-13"], analysis, estimates,
                                           "2022-02-15").passed
    assert held_out.score_numbers(find_numbers, analysis) == 1.0


def test_l4_a_split_number_is_explained(analysis, capsys):
    result = numbers.check_number_extractor(
        lambda text: [float(n) for n in re.findall(r"\d+", text)], analysis)
    assert_feedback(result, out(capsys), "you found 6 of 9", "is a comma splitting one number")


@pytest.mark.parametrize("answer", ["2022-01-22", 5, "table"])
def test_l4_a_record_row_of_the_wrong_kind_gets_feedback(answer, totals, casualty, capsys):
    answer = totals if answer == "table" else answer
    result = numbers.check_record_row(answer, casualty, totals, "2022-02-15")
    assert_feedback(result, out(capsys), "row")


@pytest.mark.parametrize("answer", [130000, "table"])
def test_l4_a_previous_row_of_the_wrong_kind_gets_feedback(answer, analysis, estimates,
                                                           capsys):
    answer = estimates if answer == "table" else answer
    result = numbers.check_previous_estimate(answer, analysis, estimates, "2022-02-15")
    assert_feedback(result, out(capsys), "row")


def test_l4_leaving_out_the_date_filter_does_not_pass(totals, capsys):
    def no_date_filter(table, category, date):
        return table[table["what"] == category].sort_values("date").iloc[-1]

    result = numbers.check_latest_before(no_date_filter, totals)
    assert_feedback(result, out(capsys), "gives a row dated after the date")


def test_l4_wrong_choices_are_named(analysis, totals, estimates, casualty, capsys):
    civilians = totals[totals["what"] == "civilian_deaths"].iloc[-1]
    assert_feedback(numbers.check_record_row(civilians, casualty, totals, "2022-02-15"),
                    out(capsys), "this row counts civilian_deaths")
    result = numbers.check_previous_estimate(estimates.iloc[-1], analysis, estimates,
                                             "2022-02-15")
    assert_feedback(result, out(capsys), "not before the article")
    assert_feedback(numbers.check_number_extractor(lambda text: None, analysis), out(capsys),
                    "does it end with `return`")


# --- Lesson 5 ------------------------------------------------------------------------------


def counts(reference: pd.DataFrame) -> pd.DataFrame:
    table = reference[~troop_chart.projection_rows(reference)].sort_values("date")
    return table.assign(midpoint=(table["low"] + table["high"]) / 2)


def good_chart(table: pd.DataFrame):
    fig, ax = style.new_figure("Troops", "Date reported", "Russian troops (estimate)", "Test")
    ax.plot(table["date"], table["midpoint"], marker="o")
    ax.vlines(table["date"], table["low"], table["high"])
    ax.yaxis.set_major_formatter(style.thousands)
    ax.set_ylim(0, 200_000)
    return fig, ax


def test_l5_right_answers_pass(estimates, capsys):
    assert troop_chart.check_troop_table(counts(estimates), estimates).passed
    fig, _ = good_chart(counts(estimates))
    assert troop_chart.check_chart(fig, estimates).passed
    assert held_out.score_chart(fig, estimates) == 1.0


def test_l5_chart_without_a_reference_or_midpoint_is_still_checked(estimates, capsys):
    fig, _ = good_chart(counts(estimates))
    assert troop_chart.check_chart(fig, None).passed
    assert troop_chart.check_chart(fig, counts(estimates).drop(columns="midpoint")).passed


def test_l5_a_range_in_the_record_must_be_drawn_from_low_to_high(estimates, capsys):
    """The record's figures are single numbers now; a range in it (a copy with one) is still
    checked, and a chart that shows only its midpoint is told so."""
    ranged = estimates.copy()
    last = ranged.index[-1]
    ranged.loc[last, "low"] = ranged.loc[last, "high"] - 21_000
    fig, ax = style.new_figure("Troops", "Date reported", "Russian troops (estimate)", "Test")
    table = counts(ranged)
    ax.plot(table["date"], table["midpoint"], marker="o")
    ax.yaxis.set_major_formatter(style.thousands)
    ax.set_ylim(0, 200_000)
    assert_feedback(troop_chart.check_chart(fig, ranged), out(capsys),
                    "0 of 1 estimates given as a range show it from low to high")
    single, _ = good_chart(counts(estimates))
    assert troop_chart.check_chart(single, estimates).passed
    assert "range" not in out(capsys)  # no range to draw, no point for it


def test_l5_a_y_axis_below_zero_does_not_start_at_zero(estimates, capsys):
    fig, ax = good_chart(counts(estimates))
    ax.set_ylim(-50_000, 200_000)
    result = troop_chart.check_chart(fig, estimates)
    text = out(capsys)
    assert_feedback(result, text, "starts below zero")
    assert "✓ the y axis starts at zero" not in text


def test_l5_number_is_not_a_unit(estimates, capsys):
    fig, ax = good_chart(counts(estimates))
    ax.set_ylabel("number")
    assert_feedback(troop_chart.check_chart(fig, estimates), out(capsys),
                    "does not say what the numbers count")


def test_l5_suptitle_data_credit_and_bars_are_accepted(estimates, capsys):
    table = counts(estimates)
    fig, ax = matplotlib.pyplot.subplots()
    ax.bar(table["date"], table["midpoint"], width=2)
    ax.vlines(table["date"], table["low"], table["high"])
    fig.suptitle("Russian troops near Ukraine")
    fig.text(0.01, 0.0, "Data: troop_estimates.csv")
    ax.set_xlabel("Date")
    ax.set_ylabel("Troops")
    ax.yaxis.set_major_formatter(style.thousands)
    ax.set_ylim(0, 200_000)
    result = troop_chart.check_chart(fig, estimates)
    text = out(capsys)
    assert result.passed, text
    assert f"all {len(table)} estimates are on the chart" in text


def test_l5_table_mistakes_and_wrong_kinds(estimates, capsys):
    unsorted = estimates.assign(midpoint=estimates["low"])
    result = troop_chart.check_troop_table(unsorted, estimates)
    assert_feedback(result, out(capsys), "a projection is still in the table")
    assert_feedback(troop_chart.check_troop_table([1, 2, 3], estimates), out(capsys),
                    "should be a table")
    assert_feedback(troop_chart.check_chart("a chart", estimates), out(capsys),
                    "should be a matplotlib figure")


@pytest.mark.parametrize("check", [actors.check_sentence_count, actors.check_people,
                                   actors.check_most_mentioned, quotes.check_quote_pattern,
                                   quotes.check_speakers, numbers.check_number_extractor])
def test_unanswered_checks_say_so(check, analysis, capsys):
    result = check(None, analysis)
    assert not result.answered and NOT_ANSWERED in out(capsys)


# --- Scores that mean what the lesson teaches: gates, and right answers no longer rejected ----


def test_l1_a_numpy_count_and_a_lower_case_name_are_right(analysis, capsys):
    import numpy as np

    count = len(list(analysis.doc.sents))
    assert actors.check_sentence_count(np.int64(count), analysis).passed
    top = analysis.entities.sort_values("mentions", ascending=False)["actor"].iloc[0]
    assert actors.check_most_mentioned(top.lower(), analysis).passed


def test_l1_a_job_title_is_not_a_person_the_model_missed(analysis, capsys):
    result = actors.check_people(["President"], analysis)
    assert "'President' is a title (a job), not a person's name." in result.missing
    assert not any("well spotted" in point for point in result.right)
    assert result.share == 0.0


def test_l3_one_label_in_every_row_earns_nothing(analysis, capsys):
    sheet = stances.stance_sheet(analysis)
    result = stances.check_stance_coding(sheet.assign(stance="oppose"), analysis)
    assert result.share == 0.0 and held_out.score_coding(sheet.assign(stance="oppose"),
                                                          analysis) == 0.0
    assert "every row has the label 'oppose'" in out(capsys)


def test_l4_a_find_numbers_that_finds_nothing_earns_nothing(analysis, capsys):
    assert held_out.score_numbers(lambda text: [], analysis) == 0.0


def test_l5_no_credit_without_zero_baseline_or_source(estimates, capsys):
    fig, ax = good_chart(counts(estimates))
    ax.set_ylim(100_000, 200_000)
    assert troop_chart.check_chart(fig, estimates).share == 0.0
    fig, _ = good_chart(counts(estimates))
    for text in list(fig.texts):
        text.remove()
    assert troop_chart.check_chart(fig, estimates).share == 0.0


def test_l5_a_source_after_a_caption_counts(estimates, capsys):
    fig, _ = good_chart(counts(estimates))
    style.set_source(fig, "Chart: troop estimates. Source: troop_estimates.csv")
    assert troop_chart.check_chart(fig, estimates).passed


def test_l1_a_name_repeated_is_one_mistake_as_the_feedback_says(analysis, capsys):
    people = analysis.entities[analysis.entities["type"] == "person"]["actor"].tolist()
    once = actors.check_people([*people, people[0]], analysis).share
    often = actors.check_people([*people, *[people[0]] * 4], analysis).share
    assert once == often == (len(people) - 1) / len(people)


def test_l2_one_token_too_far_is_found_by_the_hidden_quotes(analysis, capsys):
    def too_far(quote):
        first = quote.doc[quote.start].sent
        last = quote.doc[min(quote.end, len(quote.doc) - 1)].sent
        return quote.doc[first.start:last.end]

    assert held_out.score_sentences_around(sentences_around, analysis) == 1.0
    assert held_out.score_sentences_around(too_far, analysis) < 1.0


def test_l3_the_starter_list_of_blanks_is_not_answered_yet(analysis, capsys):
    sheet = stances.stance_sheet(analysis)
    assert not stances.check_stance_coding(sheet.assign(stance="____"), analysis).answered
    half = ["support"] * 10 + ["____"] * (len(sheet) - 10)
    assert "rows are not coded yet" in " ".join(
        stances.check_stance_coding(sheet.assign(stance=half), analysis).missing)


def test_l3_a_list_of_labels_of_another_length_is_fitted_with_a_note(analysis, capsys):
    """Without a key the sheet is the kit's own stances, whose number a lesson's starter list
    cannot know: a list of another length fills the sheet in order and says what it did,
    where assigning it to the column raised a ValueError."""
    sheet = stances.stance_sheet(analysis)
    rows = len(sheet)
    short = stances.labelled(sheet, ["support"] * (rows - 1))
    assert list(short["stance"]) == ["support"] * (rows - 1) + ["____"]
    assert f"rows {rows - 1} to {rows - 1} are left blank" in out(capsys)
    assert "rows are not coded yet" in " ".join(
        stances.check_stance_coding(short, analysis).missing)
    long = stances.labelled(sheet, ["oppose"] * (rows + 2))
    assert list(long["stance"]) == ["oppose"] * rows and "the last 2 labels are left out" in (
        out(capsys))
    assert list(stances.labelled(sheet, "support")["stance"]) == ["____"] * rows
    assert "a list of words in square brackets" in out(capsys)
    exact = stances.labelled(sheet, ["neutral"] * rows)
    assert list(exact["stance"]) == ["neutral"] * rows and out(capsys) == ""
