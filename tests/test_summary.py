"""The report's sentences: written from the tables, readable with no quotes or no numbers."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import analyze
from helpers.report import summary

QUOTES = pd.DataFrame({
    "speaker": ["Ann Lee", "Ann Lee", "Bo Chen"],
    "text": ["We will build it.", "that costs rise", "<b>No</b>"],
    "kind": ["direct", "indirect", "direct"],
    "cue": ["said", "said", "added"],
    "paragraph": [1, 2, 3],
})


def stances(rows):
    return pd.DataFrame(rows, columns=["actor", "topic", "stance"])


def test_voices_counts_quotes_and_names_the_most_quoted():
    assert summary.voices(QUOTES) == (
        "It carries 3 quotes (2 direct, 1 reported) from 2 speakers; Ann Lee is quoted most "
        "(2 times).")
    assert summary.voices(QUOTES.iloc[0:0]).startswith("Nobody is quoted")


def test_disagreements_group_actors_with_agreement_of_the_verb():
    table = stances([
        ("Ann Lee", "bridge", "support"), ("Bo Chen", "bridge", "skeptical"),
        ("Cy Dorn", "bridge", "skeptical"), ("Ann Lee", "taxes", "oppose"),
        ("Bo Chen", "taxes", "oppose"), ("Cy Dorn", "parks", "neutral"),
    ])
    assert summary.disagreements(table) == (
        "On bridge: Ann Lee supports it; Bo Chen and Cy Dorn are skeptical.")


def test_disagreements_when_nobody_disagrees_or_takes_a_stance():
    agree = stances([("Ann Lee", "taxes", "oppose"), ("Bo Chen", "taxes", "oppose")])
    assert summary.disagreements(agree) == (
        "Where actors take a stance, they do not disagree with one another.")
    assert summary.disagreements(stances([("A B", "x", "neutral")])).startswith("No actor takes")


def test_names_are_escaped_and_shortened():
    names = ["<i>A</i>", "B", "C", "D", "E"]
    assert summary._names(names) == "&lt;i&gt;A&lt;/i&gt;, B, C and 2 others"


def test_quote_list_reads_reported_speech_as_reported():
    table = summary.quote_list(QUOTES)
    assert list(table.columns) == ["Speaker", "Kind", "Quote", "Cue"]
    assert list(table["Kind"]) == ["direct", "reported", "direct"]


def test_story_summary_on_an_article_with_no_quotes_and_no_numbers(write_article):
    text = "Quiet market\n\nThe stalls filled with bread and flowers while the sun rose.\n"
    result = analyze(write_article(text), use_cache=False)
    assert summary.story_summary(result) == (
        "**Quiet market** (11 words, 1 paragraph). Nobody is quoted in this article, directly "
        "or in reported speech. The article gives no figures.")


def test_key_figures_check_casualties_against_the_record(write_article):
    text = ("War toll\n\nThe fighting in the east has killed nearly 14,000 people since 2014, "
            "officials said.\n")
    sentence = summary.key_figures(analyze(write_article(text), use_cache=False).figures)
    assert "“nearly 14,000” (casualties) agrees with " in sentence
    assert "published figure" in sentence


def test_record_check_names_the_first_agreeing_record_or_the_latest():
    figures = pd.DataFrame({
        "text": ["130,000", "5,000"], "value": [130000.0, 5000.0], "high": [float("nan")] * 2,
        "unit": ["troops"] * 2, "category": ["troops"] * 2, "approximate": [False] * 2,
        "qualifier": ["", ""], "time": ["", ""],
    })
    agree, far = (summary.record_check(row) for _, row in figures.iterrows())
    assert agree.startswith("“130,000” (troops) agrees with ")
    assert "13 Feb 2022" in agree  # the earliest estimate of 130,000 in data/reference
    assert far.startswith("“5,000” (troops) disagrees with the latest record, ")
    assert far.endswith("and with no earlier one")


def test_provenance_names_model_versions_and_checksum(seed_path):
    result = analyze(seed_path)
    made = summary.provenance(result)["Value"]
    assert made["Article SHA-256"] == result.article.sha256
    assert made["spaCy model"].startswith("en_core_web_sm")
    assert made["spacy"].startswith("3.8")
