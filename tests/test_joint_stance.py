"""Joint statements (issue 19): what actors say or do together is each one's stance.

Every article here is made up, read with the ukraine-2022 pack (talks, sanctions, war). The
class: "Keller and Weber spoke. They agreed ..." or "The leaders agreed ..." after "Keller
spoke to Weber" gave the stance to one actor, or to a wrong one ("They" read as a country).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_stance_evidence import HEAD, stances_of


def test_they_after_a_list_of_actors_is_each_of_them(analyze_text):
    stances = stances_of(
        analyze_text,
        "Anna Keller, the foreign minister, and Tomas Weber spoke for about an hour on "
        "Tuesday. They agreed to pursue both deterrence and diplomacy.")
    assert stances[("Anna Keller", "diplomacy")] == "support"
    assert stances[("Tomas Weber", "diplomacy")] == "support"
    assert set(stances.index.get_level_values("actor")) == {"Anna Keller", "Tomas Weber"}


def test_a_listed_subject_is_each_of_its_actors(analyze_text):
    stances = stances_of(
        analyze_text,
        "Senator Lena Brandt spoke about the crisis in the capital.",
        "Chancellor Ida Lang and the senator agreed to back new sanctions against Moscow.")
    assert stances[("Ida Lang", "sanctions")] == "support"
    assert stances[("Lena Brandt", "sanctions")] == "support"


def test_the_leaders_after_a_meeting_are_both_sides(analyze_text):
    stances = stances_of(
        analyze_text,
        "Prime Minister Karl Moser spoke to President Ida Lang on Sunday night.",
        "The prime minister said the border was tense.",
        "The leaders agreed that the allies should keep talking and should continue to pursue "
        "a diplomatic solution until the last possible second.")
    assert stances[("Karl Moser", "diplomacy")] == "support"
    assert stances[("Ida Lang", "diplomacy")] == "support"


def test_a_call_with_a_described_group_gives_the_group_a_voice(analyze_text):
    stances = stances_of(
        analyze_text,
        "President Ida Lang held a video call with European leaders today.",
        "The leaders underscored their shared desire for a diplomatic resolution to the "
        "current tensions.")
    # 'to the current tensions' is what the resolution resolves, not a lean against talks
    assert stances[("Ida Lang", "diplomacy")] == "support"
    assert stances[("European leaders", "diplomacy")] == "support"


def test_i_in_a_joint_subject_is_the_quote_s_speaker(analyze_text):
    stances = stances_of(
        analyze_text,
        "\u201cPresident Lang and I agreed that our teams should pursue talks. We will speak "
        "again,\u201d said Foreign Minister Anna Keller. President Ida Lang was not available.")
    assert stances[("Anna Keller", "diplomacy")] == "support"
    assert stances[("Ida Lang", "diplomacy")] == "support"


def test_they_after_another_plural_subject_is_not_the_earlier_pair(analyze_text):
    stances = stances_of(
        analyze_text,
        "Anna Keller and Tomas Weber spoke on Tuesday.",
        "Western diplomats must remain united. They agreed that talks should go on.")
    # 'They' may be the diplomats: the pair named before them is not given the talks
    assert ("Anna Keller", "diplomacy") not in stances.index
    assert ("Tomas Weber", "diplomacy") not in stances.index


def test_they_and_the_leaders_speak_for_the_pair_in_the_quote_table(analyze_text):
    # a reference has one actor: the first of the pair, never the country named in between
    result = analyze_text(
        HEAD + "Anna Keller and Tomas Weber spoke about Ukraine on Tuesday. They agreed that "
        "talks must go on.\n\nThe leaders emphasised that any attack would be met with "
        "sanctions.\n", story="ukraine-2022")
    speakers = dict(zip(result.quotes["cue"], result.quotes["speaker"], strict=True))
    assert speakers == {"agreed": "Anna Keller", "emphasised": "Anna Keller"}
    stances = result.stances.set_index(["actor", "topic"])["stance"]
    assert stances[("Tomas Weber", "war")] == "oppose"
    assert stances[("Tomas Weber", "sanctions")] == "support"


WORDS = ["Anna", "Keller", "and", "Tomas", "Weber", "They", "they", "The", "the", "leaders",
         "two", "ministers", "spoke", "met", "with", "to", "held", "a", "call", "agreed", "that",
         "talks", "sanctions", "invasion", "should", "go", "on", "I", "said", "\u201c", "\u201d",
         ".", ",", "European", "resolution", "tensions", "Western", "allies"]


NOISE = st.text(st.characters(exclude_characters="\x00"), max_size=40)
"""Random characters after the words (a NUL is refused as binary before any reading)."""


def check_random_text(analyze_text, words: list[str], noise: str) -> None:
    """Random words of a class, read with the pack: one consistent row per actor and topic,
    each named and pointing at its evidence."""
    result = analyze_text(HEAD + " ".join(words) + noise + "\n", story="ukraine-2022")
    table = result.stances
    assert set(table["stance"]) <= {"support", "oppose", "skeptical", "neutral"}
    assert not table.duplicated(["actor", "topic"]).any()
    assert table["actor"].str.len().gt(0).all()
    for row in table.itertuples():
        assert result.article.text[row.start:].startswith(row.evidence[:20])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60), NOISE)
def test_random_joint_text_gives_a_consistent_table(analyze_text, words, noise):
    check_random_text(analyze_text, words, noise)
