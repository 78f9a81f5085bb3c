"""Stances: support, oppose, skeptical or neutral per actor and topic, negation and doubt."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis import analyze_doc
from helpers.extract.records import ActorStance, dtypes
from helpers.extract.stances import decide
from helpers.source.article import load_article
from helpers.stories.packs import pack_named

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="module")
def seed_stances(seed_analysis):
    table = seed_analysis.stances
    return table.set_index(["actor", "topic"])["stance"]


def test_the_story_pack_ships_the_required_topics():
    topics = pack_named("ukraine-2022").topics()
    assert {"pullback", "diplomacy", "nato_expansion", "war", "sanctions"} <= set(topics)


def test_negation_turns_support_into_opposition(seed_stances):
    # "he does not desire a conflict"
    assert seed_stances[("Vladimir Putin", "war")] == "oppose"


def test_unverified_claims_are_skeptical(seed_stances):
    # "but we have not yet verified it"
    assert seed_stances[("Joe Biden", "pullback")] == "skeptical"
    assert seed_stances[("Dmytro Kuleba", "pullback")] == "skeptical"


def test_own_article(nlp):
    article = load_article(ARTICLES / "border_talks.txt")
    # a made-up border dispute: the ukraine-2022 pack's diplomacy and sanctions topics fit it
    table = analyze_doc(article, nlp(article.text), "test", story="ukraine-2022").stances
    assert list(table.columns[:4]) == ["actor", "topic", "stance", "evidence"]
    stances = table.set_index(["actor", "topic"])["stance"]
    assert stances[("Anna Keller", "sanctions")] == "oppose"  # "would not support new sanctions"
    assert stances[("Anna Keller", "diplomacy")] == "support"  # "We want negotiations"
    assert stances[("Tomas Weber", "diplomacy")] == "oppose"  # "talks … would fail"
    evidence = table.set_index(["actor", "topic"]).loc[("Anna Keller", "sanctions"), "evidence"]
    assert "sanctions" in evidence.lower()


def test_no_quotes_no_stances(nlp):
    article = load_article(ARTICLES / "river_levels.txt")
    table = analyze_doc(article, nlp(article.text), "test").stances
    assert table.empty and list(table.columns) == list(dtypes(ActorStance))


def test_decide_breaks_ties_towards_doubt():
    assert decide(Counter()) == "neutral"
    assert decide(Counter(neutral=3)) == "neutral"
    assert decide(Counter(support=1, skeptical=1)) == "skeptical"
    assert decide(Counter(support=2, oppose=1)) == "support"


def pack_stances(analysis) -> pd.Series:
    """Stance by (actor, topic) of an analysis."""
    return analysis.stances.set_index(["actor", "topic"])["stance"]


def test_words_describing_the_subject_do_not_lean_its_statement(analyze_text):
    # 'loyal', 'generous', 'sensible' and 'honest' are positive in the lexicon, but they say
    # what the speakers think of the allies and governments, not how they lean on the topic
    stances = pack_stances(analyze_text(
        "Ministers meet over border dispute\n\nBERLIN — Ministers met on Monday.\n\n"
        "\u201cOur loyal and generous allies will reject any new sanctions,\u201d said Anna "
        "Keller, the foreign minister.\n\n\u201cNo sensible and honest government wants "
        "negotiations now,\u201d said Tomas Weber, the defence minister.\n",
        story="ukraine-2022"))
    assert stances[("Anna Keller", "sanctions")] == "oppose"
    assert stances[("Tomas Weber", "diplomacy")] == "oppose"  # the negation in the subject counts


def test_a_topic_named_as_a_threatened_consequence_is_backed(analyze_text):
    stances = pack_stances(analyze_text(
        "Ministers warn over border\n\nBERLIN — Ministers met on Monday.\n\n"
        "\u201cIf the army crosses the border, there will be severe consequences, including "
        "crippling sanctions,\u201d said Anna Keller, the foreign minister.\n\n"
        "\u201cThere would be a heavy cost in terms of sanctions,\u201d said Tomas Weber, "
        "the defence minister.\n", story="ukraine-2022"))
    assert stances[("Anna Keller", "sanctions")] == "support"  # not 'oppose' for 'severe'
    assert stances[("Tomas Weber", "sanctions")] == "support"


def test_a_claim_the_speaker_wants_to_see_is_doubted_and_nobody_decided_is_no_stance(
        analyze_text):
    result = analyze_text(
        "Ministers doubt the withdrawal\n\nBERLIN — Ministers met on Monday.\n\n"
        "\u201cWe have seen nothing yet,\u201d said Anna Keller, the foreign minister, adding "
        "that her government needs to see a real withdrawal of the tanks.\n\n"
        "\u201cWe want talks, and we want them soon,\u201d said Tomas Weber, the defence "
        "minister.\n\n\u201cNo one has decided on sanctions yet,\u201d said Lena Brandt, a "
        "spokeswoman.\n", story="ukraine-2022")
    stances = pack_stances(result)
    assert stances[("Anna Keller", "pullback")] == "skeptical"  # a claim she waits to see
    assert stances[("Tomas Weber", "diplomacy")] == "support"  # wanting talks is no doubt
    assert stances.get(("Lena Brandt", "sanctions"), "neutral") == "neutral"
    table = result.stances.set_index(["actor", "topic"])
    start = int(table.loc[("Anna Keller", "pullback"), "start"])
    text = result.article.text
    assert text[start:].startswith("\u201cWe have seen nothing yet")  # its place in the text
    assert text[start:start + 300].strip().startswith(
        table.loc[("Anna Keller", "pullback"), "evidence"][:30])


def test_the_seed_stances_follow_the_speakers_words(seed_stances):
    assert seed_stances[("Jens Stoltenberg", "pullback")] == "skeptical"  # 'not seen evidence'
    assert seed_stances[("Olaf Scholz", "pullback")] == "support"  # 'a positive signal'


def test_a_clause_of_another_actor_is_not_the_speakers_stance(analyze_text):
    stances = pack_stances(analyze_text(
        "Talks welcomed\n\nBERLIN — Foreign Minister Anna Keller welcomed new talks on Monday, "
        "and the Defence Ministry reported pulling back some tanks from the border.\n\n"
        "Tomas Weber, the defence minister, said the allies would respond firmly if the army "
        "invades.\n", story="ukraine-2022"))
    assert stances[("Anna Keller", "diplomacy")] == "support"
    assert ("Defence Ministry", "diplomacy") not in stances.index  # Keller's talks, not its
    assert stances[("Defence Ministry", "pullback")] == "support"  # a claim it states itself
    assert stances[("Tomas Weber", "war")] == "oppose"  # the clause his words hold is his


def test_a_decision_not_taken_is_no_stance(analyze_text):
    stances = pack_stances(analyze_text(
        "Sanctions weighed\n\nWASHINGTON — The White House said on Monday that no decision had "
        "been made on new sanctions against Moscow.\n\nAnna Keller said her government had not "
        "decided whether to back sanctions.\n\nTomas Weber said the allies would impose tough "
        "sanctions.\n", story="ukraine-2022"))
    assert stances[("White House", "sanctions")] == "neutral"
    assert stances[("Anna Keller", "sanctions")] == "neutral"
    assert stances[("Tomas Weber", "sanctions")] == "support"
