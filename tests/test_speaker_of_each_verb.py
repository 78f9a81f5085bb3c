"""Each speech verb's own subject is its speaker: in "Russia said X, but NATO said Y" the second
'said' took the first one's subject, so NATO's doubt of the pullback was given to Russia (the
class of "a House statement credited to Putin")."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "speakers"), [
    ("Moscow said its forces were going home, but the alliance said it had seen no sign of "
     "a pullback.", {"its forces were going home": "Moscow",
                     "it had seen no sign of a pullback": "alliance"}),
    ("The ministry said the drills were over, while Ukraine's defence minister said the "
     "troops had not moved.", {"the drills were over": "ministry",
                               "the troops had not moved": "defence minister"}),
    ("Anna Berg said the plan would pass and Tom Reyes told reporters it would fail.",
     {"the plan would pass": "Anna Berg", "it would fail": "Tom Reyes"}),
])
def test_each_speech_verb_takes_its_own_subject(analyze_text, text, speakers):
    quotes = analyze_text(f"Border talks\n\n{text}\n").quotes
    for content, speaker in speakers.items():
        rows = quotes[quotes["text"].str.contains(content, regex=False)]
        assert len(rows) == 1, (content, quotes[["speaker", "text"]])
        assert speaker in rows.iloc[0]["speaker"], (content, rows.iloc[0]["speaker"])


def test_a_second_verb_without_a_subject_keeps_the_first_speaker(analyze_text):
    quotes = analyze_text("Border talks\n\nAnna Berg said the plan would pass and said the "
                          "vote would be close.\n").quotes
    assert set(quotes["speaker"]) == {"Anna Berg"}, quotes[["speaker", "text"]]


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Lee Marr, a club member who said she had filed a complaint, said the guards had left.",
     "she had filed a complaint", "Lee Marr"),
    ("City officials later denied the report, and they said instead the road had been closed "
     "for repairs.", "the road had been closed", "officials"),
])
def test_a_relative_or_second_clause_pronoun_is_the_first_speaker(analyze_text, text, content,
                                                                  speaker):
    quotes = analyze_text(f"Road report\n\n{text}\n").quotes
    rows = quotes[quotes["text"].str.contains(content, regex=False)]
    assert len(rows) == 1 and speaker in rows.iloc[0]["speaker"], quotes[["speaker", "text"]]


def test_an_object_pronoun_is_no_speaker(analyze_text):
    """'…replacing it with softer language calling for “appropriate assistance”': the last name
    or pronoun before the verb was taken as its speaker, here 'it' (the object of 'replacing',
    read as Ukraine), so a party platform's words were credited to a country. Only a subject
    is a speaker; with none, the quote has no speaker."""
    quotes = analyze_text(
        "Platform fight\n\nAt the meeting his staff forced a change in the party platform, "
        "stripping out a call for “sending modern air defences” to Ukraine and replacing it "
        "with vaguer language calling for “suitable support.”\n").quotes
    rows = quotes[quotes["text"].str.contains("suitable support", regex=False)]
    assert len(rows) == 1 and rows.iloc[0]["speaker"] == "", rows
    named = analyze_text("Letter\n\nSenator Ann Cole sent a letter calling for “an immediate "
                         "review” of the plan.\n").quotes
    assert list(named["speaker"]) == ["Ann Cole"]  # a named sender nearby is still the speaker
