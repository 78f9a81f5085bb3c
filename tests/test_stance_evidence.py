"""A stance only with evidence (issue 19): classes of mistakes, each from sentences of our own.

Every article here is made up; the ukraine-2022 pack gives the topics (talks, sanctions, war,
the claimed pullback), so each test reads as a story in another country would.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HEAD = "Ministers meet over the border\n\nBERLIN — Ministers met on Monday.\n\n"


def stances_of(analyze_text, *paragraphs: str) -> pd.Series:
    """Stance by (actor, topic) of a made-up article of these paragraphs."""
    result = analyze_text(HEAD + "\n\n".join(paragraphs) + "\n", story="ukraine-2022")
    return result.stances.set_index(["actor", "topic"])["stance"]


def test_a_call_for_a_punitive_response_is_not_support_for_talks(analyze_text):
    stances = stances_of(
        analyze_text,
        "\u201cWe want a response that upends the Kremlin\u2019s calculus, and we want it before "
        "the summit,\u201d said Anna Keller, the foreign minister.",
        "Lena Brandt, a senator, called for a strong diplomatic and economic response that "
        "makes Moscow pay.",
        "\u201cI hope the president will make clear in the conversation that Moscow will pay a "
        "price,\u201d said Karl Moser, a lawmaker.",
        "Ida Lang, a senator, said the allies should impose tough penalties on Moscow.")
    # the summit is when, the diplomatic response what kind, the conversation where: the
    # speakers ask for a punishment, which is not support for talks
    for actor in ("Anna Keller", "Lena Brandt", "Karl Moser"):
        assert stances.get((actor, "diplomacy"), "neutral") != "support", actor
    assert stances[("Ida Lang", "sanctions")] == "support"  # a punishment that is the topic


def test_a_punishment_for_an_act_opposes_the_act(analyze_text):
    stances = stances_of(
        analyze_text,
        "\u201cWe need to let the Kremlin know there will be costs to this latest form of "
        "aggression,\u201d said Anna Keller, the foreign minister.",
        "Tomas Weber, the defence minister, said Moscow must pay a price for its aggression.")
    assert stances[("Anna Keller", "war")] == "oppose"  # not 'support' for 'let ... know'
    assert stances[("Tomas Weber", "war")] == "oppose"


def test_the_threatened_consequence_of_a_condition_is_backed(analyze_text):
    stances = stances_of(
        analyze_text,
        "\u201cIf the army invades, there will be economic consequences like none it has ever "
        "seen,\u201d said Anna Keller, the foreign minister.",
        "\u201cThere will be enormous consequences if they invade, not only in terms of economic "
        "consequences,\u201d said Tomas Weber, the defence minister.",
        "\u201cIf the army attacks, we will impose sanctions at once,\u201d said Lena Brandt, "
        "a spokeswoman.")
    for actor in ("Anna Keller", "Tomas Weber", "Lena Brandt"):
        assert stances[(actor, "sanctions")] == "support", actor  # the threat is the topic
        assert stances[(actor, "war")] == "oppose", actor  # what the threat is to prevent


def test_no_evidence_of_a_claim_is_doubt_and_an_undecided_proposal_is_no_stance(analyze_text):
    stances = stances_of(
        analyze_text,
        "\u201cWe have not seen any evidence of a withdrawal of the tanks,\u201d said Anna "
        "Keller, the foreign minister.",
        "Tomas Weber, the defence minister, said no one had decided on the proposal for "
        "sanctions.")
    assert stances[("Anna Keller", "pullback")] == "skeptical"
    assert stances.get(("Tomas Weber", "sanctions"), "neutral") == "neutral"


def test_a_claim_the_speaker_reports_is_the_claimant_s_and_room_for_it_is_not_seen(
        analyze_text):
    # a briefing: Keller reports the ministry's claim, then says there is room for it
    stances = stances_of(
        analyze_text,
        "MS. KELLER: Good afternoon, everyone.",
        "Q: Is the army pulling back?",
        "MS. KELLER: The Defence Ministry reported today that some units are leaving their "
        "positions near the border. That leaves room for de-escalation.")
    assert stances[("Defence Ministry", "pullback")] == "support"  # its own claim
    assert stances[("Keller", "pullback")] == "skeptical"  # not her claim; she waits for it


def test_a_proposal_reported_by_another_speaker_is_the_proposer_s(analyze_text):
    stances = stances_of(
        analyze_text,
        "MS. KELLER: Good afternoon, everyone.",
        "Q: Will there be talks?",
        "MS. KELLER: Yesterday, the Interior Ministry publicly proposed to continue the "
        "negotiations. The allies will counter any aggression.")
    assert stances[("Interior Ministry", "diplomacy")] == "support"  # 'proposed to continue'
    assert stances[("Keller", "war")] == "oppose"  # 'counter any aggression'


def test_a_list_of_words_is_one_statement(analyze_text):
    stances = stances_of(
        analyze_text,
        "\u201cWe will settle this dispute, I agree with you, in a calm and diplomatic way,\u201d "
        "said Anna Keller, the foreign minister.",
        "\u201cWe want sanctions and talks,\u201d said Tomas Weber, the defence minister.")
    assert stances[("Anna Keller", "diplomacy")] == "support"  # 'calm and diplomatic'
    assert stances[("Tomas Weber", "diplomacy")] == "support"  # wanted with the sanctions
    assert stances[("Tomas Weber", "sanctions")] == "support"


def test_a_noun_s_preposition_is_what_it_names_not_a_lean(analyze_text):
    stances = stances_of(
        analyze_text,
        "Anna Keller, the foreign minister, said she welcomed talks with the brutal rebels.")
    assert stances[("Anna Keller", "diplomacy")] == "support"



def test_a_verb_s_other_prepositions_are_other_complements(analyze_text):
    stances = stances_of(
        analyze_text,
        "Anna Keller said the alliance was ready for dialogue but also for the worst.",
        "Tomas Weber said talks are in everyone\u2019s interest.")
    assert stances[("Anna Keller", "diplomacy")] == "support"  # not 'oppose' for 'the worst'
    assert stances[("Tomas Weber", "diplomacy")] == "support"  # the predicate of the talks


WORDS = ["If", "the", "army", "invades", ",", "there", "will", "be", "costs", "to", "this",
         "aggression", "talks", "before", "summit", "diplomatic", "response", "sanctions",
         "room", "for", "de-escalation", "said", "Anna", "Keller", "not", "seen", "evidence",
         "withdrawal", "\u201c", "\u201d", ".", "impose", "pay", "a", "price", "in", "terms", "of"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), st.text(max_size=40))
def test_random_text_with_the_stance_words_gives_a_consistent_table(analyze_text, words, noise):
    result = analyze_text(HEAD + " ".join(words) + noise + "\n", story="ukraine-2022")
    table = result.stances
    assert set(table["stance"]) <= {"support", "oppose", "skeptical", "neutral"}
    assert (table[["support", "oppose", "skeptical", "neutral"]].sum(axis=1) >= 1).all()
    for row in table.itertuples():
        assert result.article.text[row.start:].startswith(row.evidence[:20])
