"""The report's sentences: written from the findings, readable with no quotes or no numbers."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import analyze
from helpers.findings.findings import find
from helpers.report import summary, words
from helpers.stories.packs import pack_named

QUOTES = pd.DataFrame({
    "speaker": ["Ann Lee", "Ann Lee", "Bo Chen"],
    "text": ["We will build it.", "that costs rise", "<b>No</b>"],
    "kind": ["direct", "indirect", "direct"],
    "cue": ["said", "said", "added"],
    "paragraph": [1, 2, 3],
})
ACTORS = pd.DataFrame({"actor": ["Ann Lee", "Bo Chen"], "quoted_words": [4, 1],
                       "title_conflict": [False, False], "roles": ["", ""]})
NO_FIGURES = pd.DataFrame(columns=["category", "text", "approximate", "source", "unit"])


def stances(rows):
    return pd.DataFrame(rows, columns=["actor", "topic", "stance"])


def findings_of(stance_rows=(), quotes=QUOTES):
    pack = pack_named("ukraine-2022")
    return find(quotes, ACTORS, stances(list(stance_rows)), NO_FIGURES, pack, None)


def test_voices_count_quotes_and_name_the_most_quoted():
    assert summary.voices(findings_of()) == (
        "It carries 3 quotes (2 direct, 1 reported) from 2 speakers; Ann Lee has the most words "
        "in direct quotes (80% of them, in 2 quotes).")
    assert summary.voices(findings_of(quotes=QUOTES.iloc[0:0])).startswith("Nobody is quoted")


def test_disagreements_group_actors_with_agreement_of_the_verb():
    found = findings_of([
        ("Ann Lee", "diplomacy", "support"), ("Bo Chen", "diplomacy", "skeptical"),
        ("Cy Dorn", "diplomacy", "skeptical"), ("Ann Lee", "war", "oppose"),
        ("Bo Chen", "war", "oppose"), ("Cy Dorn", "sanctions", "neutral"),
    ])
    assert summary.disagreements(found) == (
        "On diplomacy and talks: Ann Lee supports it; Bo Chen and Cy Dorn are skeptical.")


def test_disagreements_when_nobody_disagrees():
    agree = findings_of([("Ann Lee", "war", "oppose"), ("Bo Chen", "war", "oppose")])
    assert summary.disagreements(agree) == (
        "Where actors take a stance, they do not disagree with one another.")


def test_counts_and_lists_read_as_english():
    assert words.count(1, "article") == "1 article"
    assert words.count(3, "record row") == "3 record rows"
    assert words.count(2, "person", "people") == "2 people"
    assert words.names(["Dmytro Kuleba", "Olaf Scholz"], most=1) == "Dmytro Kuleba and one other"
    assert words.names(["A", "B", "C", "D", "E"]) == "A, B, C and two others"
    assert words.span(14200, 14400) == "14,200 to 14,400"


def test_quote_list_reads_reported_speech_as_reported():
    table = summary.quote_list(QUOTES)
    assert list(table.columns) == ["Speaker", "Kind", "Quote", "Cue"]
    assert list(table["Kind"]) == ["direct", "reported", "direct"]


def test_in_brief_on_an_article_with_no_quotes_and_no_numbers(write_article):
    text = "Quiet market\n\nThe stalls filled with bread and flowers while the sun rose.\n"
    result = analyze(write_article(text), use_cache=False)
    assert result.pack is None
    assert summary.in_brief(result) == (
        "**Quiet market** (11 words, 1 paragraph). Nobody is quoted in this article, directly "
        "or in reported speech. The article gives no amounts.")


def test_figure_checks_read_the_verdict_decided_once(seed_path):
    result = analyze(seed_path)
    checks = {check.text: check for check in result.findings.figure_checks}
    sentence = summary.check_sentence(checks["150,000"])
    assert sentence.startswith("The article's “150,000” (read as 150,000) agrees with the "
                               "figure of 150,000 from ")
    # the seed is undated, so every row counts, and the latest agreeing one is named
    assert "(playcrazygame.com, 24 Feb 2022) (and two earlier records)." in sentence


def test_provenance_names_model_pack_versions_and_checksum(seed_path):
    result = analyze(seed_path)
    made = summary.provenance(result)["Value"]
    assert made["Article SHA-256"] == result.article.sha256
    assert made["spaCy model"].startswith("en_core_web_sm")
    assert made["Story pack"].startswith("ukraine-2022")
    assert made["spacy"].startswith("3.8")
