"""Stances in newspaper prose (issue 19): the classes a newspaper's reporting of a stance took
that the kit missed, each from sentences of our own, read with the ukraine-2022 pack.

- a speech verb with no quote of its own: "X has called for talks", "X urged both sides to
  return to talks", "X accused Moscow of planning an invasion" (requests and accusations are no
  reported speech, so no quote read them, and the sentence was skipped as speech);
- a measure drawn up, unveiled or carried out ("had drawn up sanctions", "implement the peace
  agreement"): the words of enacting a measure back it;
- doubt, opposition and preference as news copy words them: "is being exaggerated", "seen no
  sign of a pullback", "warned the army against an invasion", "the preferred path", "claims
  of a pullback were not credible" (the negation hangs on 'were'), "open to further talks";
- countering something opposes it ("deal with the aggression", "resist any new sanctions",
  "combat any incursion");
- a person named by a pronoun or a title as the subject ("She has called for talks");
- a threat without 'if': "an invasion would be met with sanctions", "any attack would draw a
  swift response", "threatened sanctions";
- a stance noun is its owner's ("Brandt's call for talks was rejected"), not the stance of
  whoever reports it ("Germany's support for sanctions has wavered, officials said");
- a wish or refusal the speaker gives another person ("X said Lang wanted a war") is not the
  speaker's own;
- a condition said as a phrase ("support Ukraine in the event of an invasion") is no support
  for what it names, and a threat conditioned on it opposes it;
- a question states no stance ("Is she doing enough to avoid a war?"), nor does a
  questioner's turn of a transcript ("Q Senator X has called for talks. Will you ...?").
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_joint_stance import NOISE, check_random_text
from test_stance_evidence import stances_of


def test_a_request_or_call_without_a_quote_is_the_caller_s_stance(analyze_text):
    stances = stances_of(
        analyze_text,
        "Eva Roth, the prime minister, has repeatedly called for de-escalation and dialogue.",
        "Karl Moser called on both sides to return to negotiations.",
        "Tomas Weber urged the rebels to join the talks in Geneva.",
        "Jonas Berg pressed for new sanctions, and Ida Lang warned against an invasion.")
    assert stances[("Eva Roth", "diplomacy")] == "support"
    assert stances[("Karl Moser", "diplomacy")] == "support"
    assert stances[("Tomas Weber", "diplomacy")] == "support"
    assert stances[("Jonas Berg", "sanctions")] == "support"
    assert stances[("Ida Lang", "war")] == "oppose"


def test_drawing_up_or_carrying_out_a_measure_backs_it(analyze_text):
    stances = stances_of(
        analyze_text,
        "Anna Keller said her government had drawn up sanctions against the regime.",
        "Tomas Weber unveiled a package of sanctions on Monday.",
        "Lena Brandt said both sides must implement the peace agreement.")
    assert stances[("Anna Keller", "sanctions")] == "support"
    assert stances[("Tomas Weber", "sanctions")] == "support"
    assert stances[("Lena Brandt", "diplomacy")] == "support"


def test_doubt_against_and_preference_words_of_news_copy(analyze_text):
    stances = stances_of(
        analyze_text,
        "Tomas Weber, the president, has urged calm, saying the threat of an invasion is being "
        "exaggerated.",
        "Anna Keller said the alliance had seen no sign of a pullback.",
        "Karl Moser warned the army against an invasion.",
        "Ida Lang told reporters that diplomacy remained the preferred path.")
    assert stances[("Tomas Weber", "war")] == "skeptical"  # not 'oppose' for 'threat'
    assert stances[("Anna Keller", "pullback")] == "skeptical"  # 'no sign of', not 'oppose'
    assert stances[("Karl Moser", "war")] == "oppose"  # 'against', with the army between
    assert stances[("Ida Lang", "diplomacy")] == "support"


def test_a_claim_believed_only_once_seen_is_doubted(analyze_text):
    stances = stances_of(
        analyze_text,
        "Anna Keller said her government would believe in de-escalation only when it saw "
        "tanks leaving.",
        "\u201cWe will accept the withdrawal once we see it,\u201d said Tomas Weber.")
    assert stances[("Anna Keller", "pullback")] == "skeptical"  # not 'support' for 'believe'
    assert stances[("Tomas Weber", "pullback")] == "skeptical"


def test_a_claim_not_credible_is_doubted_and_openness_to_talks_backs_them(analyze_text):
    stances = stances_of(
        analyze_text,
        "Anna Keller, the defence secretary, said Moscow's claims of a pullback were not "
        "credible.",
        "Tomas Weber said the withdrawal was not genuine.",
        "Karl Moser said he was open to further talks.")
    assert stances[("Anna Keller", "pullback")] == "skeptical"  # 'not' on 'were', not 'oppose'
    assert stances[("Tomas Weber", "pullback")] == "skeptical"
    assert stances[("Karl Moser", "diplomacy")] == "support"


def test_countering_something_opposes_it(analyze_text):
    stances = stances_of(
        analyze_text,
        "Anna Keller said the alliance must deal with the aggression of the regime.",
        "Tomas Weber vowed to resist any new sanctions on the country.",
        "Lena Brandt said the allies would combat any incursion.")
    assert stances[("Anna Keller", "war")] == "oppose"
    assert stances[("Tomas Weber", "sanctions")] == "oppose"
    assert stances[("Lena Brandt", "war")] == "oppose"


def test_an_accusation_opposes_what_it_accuses_of(analyze_text):
    stances = stances_of(
        analyze_text, "Jonas Berg, the chancellor, accused Moscow of planning an invasion.")
    assert stances[("Jonas Berg", "war")] == "oppose"


def test_a_person_named_by_a_pronoun_or_a_title_takes_the_stance(analyze_text):
    stances = stances_of(
        analyze_text,
        "Anna Keller, the foreign minister, spoke in Vienna on Monday. She has called for "
        "talks with the rebels.",
        "Senator Lena Brandt arrived later. The senator urged the allies to impose sanctions.")
    assert stances[("Anna Keller", "diplomacy")] == "support"
    assert stances[("Lena Brandt", "sanctions")] == "support"


def test_a_speaker_with_a_quote_in_the_sentence_is_read_through_the_quote(analyze_text):
    # 'warned' has its quote: the quote decides, and a doubt there is not turned into support
    stances = stances_of(
        analyze_text,
        "Tomas Weber warned that he had not seen any evidence of a withdrawal.")
    assert stances[("Tomas Weber", "pullback")] == "skeptical"


def test_a_threat_without_if_opposes_the_act_and_backs_the_punishment(analyze_text):
    stances = stances_of(
        analyze_text,
        "Lena Brandt warned that an invasion would be met with severe sanctions.",
        "Tomas Weber, the defence minister, said any attack would draw a swift response.",
        "Ida Lang threatened sanctions against Moscow.")
    assert stances[("Lena Brandt", "war")] == "oppose"
    assert stances[("Lena Brandt", "sanctions")] == "support"
    assert stances[("Tomas Weber", "war")] == "oppose"
    assert stances[("Ida Lang", "sanctions")] == "support"  # not 'oppose' for 'threatened'


def test_what_a_condition_names_takes_no_lean_from_the_clause_it_conditions(analyze_text):
    stances = stances_of(
        analyze_text,
        "Anna Keller and Tomas Weber spoke on Monday. They agreed that the allies needed to "
        "support the rebels in the event of an invasion.",
        "Lena Brandt said that in the event of an attack there would be severe consequences.")
    # supporting the rebels is not supporting the invasion it is conditioned on
    assert stances.get(("Anna Keller", "war"), "neutral") == "neutral"
    assert stances.get(("Tomas Weber", "war"), "neutral") == "neutral"
    assert stances[("Lena Brandt", "war")] == "oppose"  # a threat, as 'if they attack'


def test_a_stance_the_speaker_gives_another_person_is_not_the_speaker_s(analyze_text):
    stances = stances_of(
        analyze_text,
        "President Ida Lang spoke on Monday.",
        "Anna Keller, the foreign minister, said Ida Lang wanted a war.",
        "Tomas Weber said the president had rejected the talks.",
        "Karl Moser said he wanted talks.")
    assert stances.get(("Anna Keller", "war"), "neutral") == "neutral"  # Lang's wish
    assert stances.get(("Tomas Weber", "diplomacy"), "neutral") == "neutral"
    assert stances[("Karl Moser", "diplomacy")] == "support"  # 'he' is Moser himself


def test_a_stance_noun_is_its_owner_s(analyze_text):
    stances = stances_of(
        analyze_text,
        "Lena Brandt's call for talks was rejected by the Kremlin.",
        "The Kremlin also rejected Tomas Weber's call for sanctions.",
        "Germany's support for the embargo has wavered, officials said.",
        "Anna Keller said NATO's eastward expansion was not on the agenda.")
    assert stances[("Lena Brandt", "diplomacy")] == "support"
    assert stances[("Kremlin", "diplomacy")] == "oppose"  # rejecting the call is its own deed
    assert stances[("Tomas Weber", "sanctions")] == "support"
    assert stances[("Germany", "sanctions")] == "support"
    assert stances.get(("officials", "sanctions"), "neutral") == "neutral"  # Germany's, told
    assert stances[("Anna Keller", "nato_expansion")] == "oppose"  # the topic's owner: no stance


def test_a_demand_for_security_guarantees_is_no_support_for_nato_expansion(analyze_text):
    stances = stances_of(
        analyze_text,
        "Anna Keller said Moscow was ready to continue talks on security guarantees.")
    assert ("Anna Keller", "nato_expansion") not in stances.index
    assert stances[("Anna Keller", "diplomacy")] == "support"


def test_a_question_states_no_stance(analyze_text):
    stances = stances_of(
        analyze_text,
        "Anna Keller, the foreign minister, spoke in Vienna on Monday.",
        "Is she doing enough to avoid a war? Will Ida Lang back sanctions?")
    assert stances.get(("Anna Keller", "war"), "neutral") == "neutral"
    assert stances.get(("Ida Lang", "sanctions"), "neutral") == "neutral"



def test_a_questioner_s_turn_states_no_stance(analyze_text):
    stances = stances_of(
        analyze_text,
        "MS. KELLER: Good afternoon, everyone.",
        "Q Senator Tomas Weber has called for talks with the rebels. Will you rule that out?",
        "MS. KELLER: We will not rule out talks.")
    assert ("Tomas Weber", "diplomacy") not in stances.index  # the reporter's words, not his


WORDS = ["Eva", "Roth", "She", "she", "He", "The", "senator", "called", "for", "on", "urged",
         "pressed", "accused", "Moscow", "of", "warned", "against", "an", "invasion", "would",
         "be", "met", "with", "sanctions", "draw", "a", "response", "threatened", "talks", "?",
         ".", ",", "\u201c", "\u201d", "said", "to", "return"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60), NOISE)
def test_random_newspaper_text_gives_a_consistent_table(analyze_text, words, noise):
    check_random_text(analyze_text, words, noise)
