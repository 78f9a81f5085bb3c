"""Classes of attribution mistakes found on newspaper copy (PolNeAR train split), each shown on
sentences of our own: markup pasted into a text file, titles of shows whose sentence's full
stop stands inside the marks, speech verbs of news copy ('pointed out that', 'ruled that')."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stage_inputs import reading_of

from helpers.extract.actors import find_actors
from helpers.extract.marks import stretches
from helpers.extract.quotes import find_quotes
from helpers.extract.ruleset import rules_for
from helpers.vocab import QuoteKind

MARKS = rules_for("en").marks


def direct_of(nlp, write_article, body: str) -> list[tuple[str, str]]:
    reading = reading_of(nlp, write_article, "Roads\n\n" + body)
    return [(q.speaker, q.text) for q in find_quotes(reading, find_actors(reading))
            if q.kind == QuoteKind.DIRECT]


def test_marks_inside_a_markup_tag_quote_nothing():
    text = ('<post pic="" author="JaneOrtiz" id="12">We will fix the “roads” soon</post>. '
            'She said "no" twice.')
    assert [text[s.start:s.end] for s in stretches(text, MARKS)] == ["roads", "no"]


def test_an_embedded_post_of_markup_alone_is_no_statement(nlp, write_article):
    quotes = direct_of(nlp, write_article, (
        "Mayor Jane Ortiz took to social media to answer the council:\n\n"
        '<post post-id="4417"><post/>.\n\n'
        '<post pic="" author="JaneOrtiz" timestamp="1449075600">The buses will run.</post>.\n\n'
        "The council meets again on Friday.\n"))
    assert quotes == []


def test_a_show_named_at_the_end_of_a_sentence_is_no_quote(nlp, write_article):
    quotes = direct_of(nlp, write_article, (
        "“We will fix the roads by June,” Jane Ortiz said on “Morning Roads Today.” "
        "She repeated it on “Drive Time Tonight.”\n"))
    assert quotes == [("Jane Ortiz", "We will fix the roads by June")]


def test_a_slogan_said_with_its_full_stop_stays_a_quote(nlp, write_article):
    quotes = direct_of(nlp, write_article, "Jane Ortiz told the crowd “Roads Before Rails.”\n")
    assert quotes == [("Jane Ortiz", "Roads Before Rails.")]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(['<post a="', '">', "</post>", "<", ">", '"', "“", "”", "x",
                                 " ", "=", "/"]), max_size=40).map("".join))
def test_random_markup_gives_stretches_inside_the_paragraph(text):
    for found in stretches(text, MARKS):
        assert found.start is None or 0 <= found.start <= found.end <= len(text)


def test_reported_speech_after_point_out_clarify_and_rule(nlp, write_article):
    reading = reading_of(nlp, write_article, (
        "Roads\n\nJane Ortiz pointed out that the buses had run late all winter. "
        "She later clarified that the fares would not rise. "
        "The report reminded them of how the money was spent. "
        "The county board ruled that the new lanes were legal.\n"))
    found = [(q.speaker, q.text, q.cue) for q in find_quotes(reading, find_actors(reading))]
    assert found == [
        ("Jane Ortiz", "the buses had run late all winter", "pointed"),
        ("Jane Ortiz", "the fares would not rise", "clarified"),
        ("county board", "the new lanes were legal", "ruled")]


def test_reported_speech_after_assure_boast_and_speculate(nlp, write_article):
    reading = reading_of(nlp, write_article, (
        "Roads\n\nJane Ortiz assured the drivers that the bridge would stay open. "
        "She boasted that the city had paved every road. "
        "Tom Brandt speculated that the fares could double.\n"))
    found = [(q.speaker, q.text, q.cue) for q in find_quotes(reading, find_actors(reading))]
    assert found == [
        ("Jane Ortiz", "the bridge would stay open", "assured"),
        ("Jane Ortiz", "the city had paved every road", "boasted"),
        ("Tom Brandt", "the fares could double", "speculated")]


def test_a_quote_signed_with_a_dash_and_a_name_is_that_persons(nlp, write_article):
    quotes = direct_of(nlp, write_article, (
        "Readers wrote to us about the new lanes.\n\n"
        "“The buses are faster now and I get home before dark.” ― Jane Ortiz\n\n"
        "“I miss the parking spaces on my street.” — Tom Brandt.\n\n"
        "“Nobody asked the shop owners what they thought.” — a reader from the east side\n"))
    assert quotes == [("Jane Ortiz", "The buses are faster now and I get home before dark."),
                      ("Tom Brandt", "I miss the parking spaces on my street."),
                      ("", "Nobody asked the shop owners what they thought.")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["“We will fix it.”", "―", "—", "--", "Jane Ortiz", "said",
                                 "\n\n", ".", "”", "a reader", " "]), max_size=14).map(" ".join))
def test_random_signatures_give_quotes_inside_the_text(nlp, write_article, body):
    reading = reading_of(nlp, write_article, "Roads\n\nThe council met. " + body + "\n")
    text = reading.article.text
    for quote in find_quotes(reading, find_actors(reading)):
        assert 0 <= quote.start <= quote.end <= len(text)
