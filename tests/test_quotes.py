"""Quotes and reported speech: marks, cues, speakers, offsets; own articles and the seed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis import analyze_doc
from helpers.extract.marks import Stretch, stretches
from helpers.extract.records import Quote, dtypes
from helpers.extract.ruleset import rules_for
from helpers.source.article import load_article

ARTICLES = Path(__file__).parent / "articles"
MARKS = rules_for("en").marks


@pytest.fixture(scope="module")
def table_of(nlp):
    """Quote table of one of tests/articles/*.txt."""

    def build(name: str) -> pd.DataFrame:
        article = load_article(ARTICLES / name)
        return analyze_doc(article, nlp(article.text), "test").quotes

    return build


def speaker_of(table: pd.DataFrame, fragment: str) -> str:
    rows = table[table["text"].str.contains(fragment, regex=False)]
    assert len(rows) == 1, f"expected one quote containing {fragment!r}, got {len(rows)}"
    return rows.iloc[0]["speaker"]


def test_columns_start_in_the_agreed_order(table_of):
    assert list(table_of("bus_lanes.txt").columns[:7]) == [
        "speaker", "text", "kind", "cue", "paragraph", "start", "end"]


def test_speaker_before_the_quote(table_of):
    table = table_of("bus_lanes.txt")
    assert speaker_of(table, "most important transport decision") == "Linda Okafor"


def test_pronoun_speaker_resolves_to_the_person_named_before(table_of):
    table = table_of("bus_lanes.txt")
    assert speaker_of(table, "lanes would open in the spring") == "Linda Okafor"
    # "He told reporters" opens a new paragraph: He is the councillor of the paragraph before.
    assert speaker_of(table, "Nobody asked the shop owners") == "David Brennan"


def test_quote_spanning_paragraphs_keeps_its_speaker(table_of):
    table = table_of("bus_lanes.txt")
    row = table[table["text"].str.startswith("The council has ignored")].iloc[0]
    assert (row["speaker"], row["kind"], row["paragraph"]) == ("David Brennan", "direct", 5)
    first = table[table["text"].str.startswith("Nobody asked")].iloc[0]
    assert first["text"].endswith("in every meeting.")


def test_according_to_frame(table_of):
    table = table_of("bus_lanes.txt")
    row = table[table["cue"] == "according to"].iloc[0]
    assert row["kind"] == "indirect"
    assert row["text"].startswith("buses on Main Street are delayed")


def test_straight_marks_titles_and_speaker_after_the_quote(table_of):
    table = table_of("border_talks.txt")
    assert speaker_of(table, "never solved a border dispute") == "Anna Keller"  # "the minister"
    assert speaker_of(table, "We want negotiations") == "Anna Keller"
    assert speaker_of(table, "The government is naive") == "Tomas Weber"
    assert speaker_of(table, "talks without pressure would fail") == "Tomas Weber"
    assert set(table["kind"]) == {"direct", "indirect"}


def test_offsets_point_into_the_cleaned_text(table_of):
    article = load_article(ARTICLES / "border_talks.txt")
    table = table_of("border_talks.txt")
    for row in table.itertuples():
        assert article.text[row.start:row.end] == row.text
        assert article.paragraph_at(row.start) == row.paragraph


def test_article_without_quotes_gives_an_empty_table_with_columns(table_of):
    table = table_of("river_levels.txt")
    assert table.empty
    assert list(table.columns) == list(dtypes(Quote))


def test_missing_marks_stay_inside_their_paragraph():
    assert stretches("He said: “we will win. It was late.", MARKS) == [Stretch(10, 35, 0, True)]
    # A closing mark with no opening one starts after the quote before it.
    spans = stretches("“One.” Two three.” he said.", MARKS)
    assert (spans[0].start, spans[0].end) == (1, 5)
    assert spans[1].start is None and spans[1].after == 6


def test_cue_file_has_every_kind():
    loaded = rules_for("en").cues
    assert {"say", "state", "claim", "refuse"} <= loaded.verbs
    assert "refuse" in loaded.to_verbs and "declaration" in loaded.nouns
    assert ("according", "to") in loaded.frames


def test_seed_speakers_of_tricky_quotes(seed_analysis):
    table = seed_analysis.quotes
    direct = table[table["kind"] == "direct"]
    # Quote split around the attribution, then an opening mark missing in the copy.
    assert speaker_of(direct, "We will undoubtedly pay a higher price") == "Joe Biden"
    # Speaker named after the quote, with a title.
    assert speaker_of(direct, "any evidence of reduced Russian") == "Jens Stoltenberg"
    # Partial quote inside reported speech.
    assert speaker_of(direct, "compromise essential values") == "Joe Biden"
    # "The president stated" resolves to the president named before.
    indirect = table[table["kind"] == "indirect"]
    assert speaker_of(indirect, "he will engage with Congress") == "Joe Biden"
    assert {"stated", "added", "claimed", "countered", "admitted", "reaffirmed",
            "according to", "refused"} <= set(table["cue"])


def test_straight_marks_inside_words_are_not_quotation_marks():
    assert stretches('a page with onerror="alert(1)"> in it', MARKS) == []
    assert stretches('"Yes," she said.', MARKS) == [Stretch(1, 5, 0, False)]


def test_possessive_pronoun_speaker_names_its_owner(nlp, write_article):
    text = ("Port strike\n\nMayor Anna Berg opened talks with the dock workers on Monday, and "
            "her office said that the port would reopen within a week.\n")
    article = load_article(write_article(text))
    table = analyze_doc(article, nlp(article.text), "test").quotes
    assert speaker_of(table, "the port would reopen") == "Anna Berg’s office"
    assert table.iloc[0]["speaker_as_written"] == "her office"


def test_what_a_speech_verb_does_not_report(analyze_text):
    text = ("Harbour closed\n\nThe harbour master did not name the ship or say whether its crew "
            "had been found. The mayor announced her support for the plan to widen the harbour "
            "next year. \u201cWe say these things to warn people,\u201d the mayor said. "
            "The coast guard said that two boats were still searching. The company refused to "
            "comment on the cost.\n")
    table = analyze_text(text).quotes
    reported = table[table["kind"] == "indirect"]
    # a negated verb and a purpose are not speech; a that-clause and a to_verb's content are
    assert reported["text"].tolist() == ["two boats were still searching",
                                         "to comment on the cost"]
    assert reported["speaker"].tolist() == ["coast guard", "company"]


def test_attributions_news_copy_makes_in_passing(analyze_text):
    text = ("Harbour report\n\nJudge Ana Ruiz condemned the company, calling its conduct a "
            "\u201creckless gamble with lives\u201d and its managers a \u201cdanger to the "
            "town\u201d.\n\nMaria Sousa, the mayor, told reporters: \u201cThe harbour will "
            "reopen in a week. Nobody will lose a job.\u201d Her deputy, Jo Lim, said "
            "\u201cwe will see\u201d.\n\nHead of the port authority, Tomas Berg, stated that the "
            "cranes were safe.\n\nPaulo Reis opened the new quay on Friday, saying the port "
            "was a \u201cdoor to the world\u201d.\n")
    table = analyze_text(text).quotes
    assert speaker_of(table, "reckless gamble") == "Ana Ruiz"  # 'calling it a “…”'
    assert speaker_of(table, "danger to the town") == "Ana Ruiz"
    assert speaker_of(table, "will reopen in a week") == "Maria Sousa"  # before the colon
    assert speaker_of(table, "cranes were safe") == "Tomas Berg"  # the name, not 'Head'
    direct = table[table["kind"] == "direct"]
    assert speaker_of(direct, "door to the world") == "Paulo Reis"  # ', saying …'


def test_data_and_people_a_verb_is_done_to_report_nothing(analyze_text):
    text = ("Harbour report\n\nData from the port authority says 40 ships were delayed. The "
            "captain and two officers were charged for smuggling fuel. The harbour master said "
            "that the port would reopen on Monday.\n")
    table = analyze_text(text).quotes
    reported = table[table["kind"] == "indirect"]
    assert reported["text"].tolist() == ["the port would reopen on Monday"]
    assert reported["speaker"].tolist() == ["harbour master"]


def test_he_after_a_quote_is_the_main_speaker_not_a_name_in_the_quote(analyze_text):
    text = ("Vote count\n\nChairman Paulo Reis announced late on Sunday that Tomas Berg had "
            "won.\n\n\u201cThe results are as follows: Tomas Berg, 51 percent. Jo Lim, 47 "
            "percent,\u201d he said.\n")
    table = analyze_text(text).quotes
    direct = table[table["kind"] == "direct"]
    assert speaker_of(direct, "The results are as follows") == "Paulo Reis"


def test_descriptions_that_stand_for_an_earlier_speaker(analyze_text):
    text = ("Refugees flee\n\nThe U.N. refugee agency says 60,000 people have fled Chad. "
            "A statement from the agency said that most of them went to Cameroon. The refugee "
            "agency said that two aid workers were wounded.\n\nIran launched a rocket on "
            "Thursday. In 2013, the country said that it had sent a monkey into space.\n")
    table = analyze_text(text).quotes
    reported = table[table["kind"] == "indirect"].set_index("text")["speaker"]
    assert reported["most of them went to Cameroon"] == "U.N. refugee agency"
    assert reported["two aid workers were wounded"] == "U.N. refugee agency"
    assert reported["it had sent a monkey into space"] == "Iran"
