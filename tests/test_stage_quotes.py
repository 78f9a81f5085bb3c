"""The quotes stage alone: direct quotes, then reported speech given the direct quotes as an
explicit input (hand-built here), on short texts read with the real model."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stage_inputs import quote_of, reading_of

from helpers.extract.actors import find_actors
from helpers.extract.quotes import find_direct, find_quotes, find_reported
from helpers.vocab import QuoteKind

COUNCIL = ("Roads\n\nJane Ortiz spoke to the council on Monday.\n\n"
           "I told the council that the roads will be fixed by June.\n")


def test_direct_quotes_take_the_speech_verb_of_their_sentence(nlp, write_article):
    reading = reading_of(nlp, write_article, (
        "Roads\n\n“We will fix the roads,” Mayor Jane Ortiz said on Monday.\n"))
    quotes = find_direct(reading, find_actors(reading))
    assert [(q.speaker, q.text, q.kind, q.cue, q.paragraph, q.words) for q in quotes] == [
        ("Jane Ortiz", "We will fix the roads", QuoteKind.DIRECT, "said", 1, 5)]


def test_reported_speech_reads_i_as_the_speaker_of_the_direct_quote_given(nlp, write_article):
    reading = reading_of(nlp, write_article, COUNCIL)
    actors = find_actors(reading)
    assert find_direct(reading, actors) == []
    alone = find_reported(reading, actors, [])
    assert [(q.speaker, q.speaker_as_written, q.text, q.cue) for q in alone] == [
        ("", "I", "the roads will be fixed by June", "told")]  # nobody known says 'I'
    given = quote_of(reading, "Jane Ortiz", "I told the council that the roads will be fixed")
    inside = find_reported(reading, actors, [given])
    assert [(q.speaker, q.kind) for q in inside] == [("Jane Ortiz", QuoteKind.REPORTED)]


def test_find_quotes_is_direct_then_reported_in_text_order(nlp, write_article):
    reading = reading_of(nlp, write_article, (
        "Roads\n\nThe mayor said that the roads will be fixed by June. "
        "“We have the money,” Jane Ortiz said.\n"))
    quotes = find_quotes(reading, find_actors(reading))
    assert [q.kind for q in quotes] == [QuoteKind.REPORTED, QuoteKind.DIRECT]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert quotes[1].speaker == "Jane Ortiz"


def test_quote_kind_spells_reported_speech_once():
    assert QuoteKind.REPORTED == "indirect" and QuoteKind.REPORTED.label == "reported"
    assert QuoteKind.DIRECT.label == "direct"


TEXTS = st.lists(st.sampled_from([
    "“We will fix the roads,” Jane Ortiz said.", "I told the council that it would pay.",
    "He added: “Not now.", "The mayor said that the money is there.", "”", "“", ":", "\n\n",
    "She", "Ortiz", "according to the council,", "Q: Why?", "A: Because.",
]), max_size=12).map(" ".join)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS | st.text(st.characters(blacklist_characters="\x00"), max_size=200))
def test_random_text_gives_quotes_inside_the_text(nlp, write_article, text):
    reading = reading_of(nlp, write_article, "Headline\n\nThe mayor spoke. " + text)
    actors = find_actors(reading)
    spoken = [quote_of(reading, "Jane Ortiz", reading.article.text)]  # all of it hers
    for quote in [*find_direct(reading, actors), *find_reported(reading, actors, spoken)]:
        assert 0 <= quote.start <= quote.end <= len(reading.article.text)
        assert quote.text == reading.article.text[quote.start:quote.end]
