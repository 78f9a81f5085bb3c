"""The stances stage alone: stances from hand-built quote records on a short text with the
ukraine-2022 pack's topics (no quote stage runs), and `decide` on counts."""

from __future__ import annotations

from collections import Counter

from stage_inputs import quote_of, reading_of

from helpers.extract.actors import find_actors
from helpers.extract.records import ActorStance, dtypes
from helpers.extract.stances import decide, find_stances
from helpers.vocab import QuoteKind, Stance

TEXT = ("Sanctions\n\nJoe Biden spoke in Washington on Tuesday. The allies are ready to impose "
        "powerful sanctions on Russia. Vladimir Putin spoke in Moscow. We do not want a "
        "war in Ukraine.\n")


def test_each_speaker_gets_the_stance_of_their_own_words(nlp, write_article):
    reading = reading_of(nlp, write_article, TEXT, story="ukraine-2022")
    quotes = [quote_of(reading, "Joe Biden", "The allies are ready to impose powerful sanctions"
                       " on Russia", QuoteKind.DIRECT),
              quote_of(reading, "Vladimir Putin", "We do not want a war in Ukraine")]
    found = {(s.actor, s.topic): s for s in find_stances(reading, find_actors(reading), quotes)}
    biden = found[("Joe Biden", "sanctions")]
    assert (biden.stance, biden.support, biden.oppose) == (Stance.SUPPORT, 1, 0)
    assert biden.evidence.startswith("The allies are ready")
    assert reading.article.text[biden.start:].startswith(biden.evidence)
    assert found[("Vladimir Putin", "war")].stance == Stance.OPPOSE
    assert ("Joe Biden", "war") not in found  # Putin's words are not Biden's


def test_without_quotes_nobody_speaks_on_the_topics(nlp, write_article):
    reading = reading_of(nlp, write_article, TEXT, story="ukraine-2022")
    found = find_stances(reading, find_actors(reading), [])
    assert all(s.actor not in ("Joe Biden", "Vladimir Putin") or s.stance == Stance.NEUTRAL
               for s in found)


def test_no_story_pack_no_stances(nlp, write_article):
    reading = reading_of(nlp, write_article, TEXT, story="none")
    quotes = [quote_of(reading, "Vladimir Putin", "We do not want a war in Ukraine")]
    assert find_stances(reading, find_actors(reading), quotes) == []


def test_ties_go_to_the_later_stance_and_the_columns_follow_the_vocabulary():
    assert decide(Counter({Stance.SUPPORT: 2, Stance.SKEPTICAL: 2})) == Stance.SKEPTICAL
    assert decide(Counter({Stance.SUPPORT: 1, Stance.OPPOSE: 1})) == Stance.OPPOSE
    assert decide(Counter({Stance.NEUTRAL: 3})) == Stance.NEUTRAL
    counts = [name for name in dtypes(ActorStance) if name in set(Stance)]
    assert counts == list(Stance)
