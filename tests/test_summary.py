"""The report's sentences: written from the findings, readable with no quotes or no numbers."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import analyze
from helpers.findings.findings import find
from helpers.report import opening, summary, words
from helpers.stories.packs import pack_named

QUOTES = pd.DataFrame({
    "speaker": ["Ann Lee", "Ann Lee", "Bo Chen"],
    "text": ["We will build it.", "that costs rise", "<b>No</b>"],
    "kind": ["direct", "indirect", "direct"],
    "cue": ["said", "said", "added"],
    "paragraph": [1, 2, 3],
    "start": [10, 60, 120],
    "end": [27, 75, 130],
    "words": [4, 3, 1],
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
        "It carries 3 statements (2 in quotation marks, 1 reported) from 2 speakers; Ann Lee "
        "has the most words in quotation marks (80% of them, in 2 statements).")
    assert summary.voices(findings_of(quotes=QUOTES.iloc[0:0])).startswith("Nobody is quoted")


def test_disagreements_group_actors_with_agreement_of_the_verb():
    found = findings_of([
        ("Ann Lee", "diplomacy", "support"), ("Bo Chen", "diplomacy", "skeptical"),
        ("Cy Dorn", "diplomacy", "skeptical"), ("Ann Lee", "war", "oppose"),
        ("Bo Chen", "war", "oppose"), ("Cy Dorn", "sanctions", "neutral"),
    ])
    assert summary.disagreements(found) == (
        "Diplomacy and talks: Ann Lee supports it; Bo Chen and Cy Dorn are skeptical.")


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
    assert words.verb(1, "has", "have") == "has" and words.verb(4, "has", "have") == "have"
    assert [words.short_number(v) for v in (30, 150_000, 2e6, 1.5e9)] == [
        "30", "150,000", "2 million", "1.5 billion"]


def test_quote_list_reads_reported_speech_as_reported():
    table = summary.quote_list(QUOTES)
    assert list(table.columns) == ["Paragraph", "Speaker", "Kind", "Quote", "Cue"]
    assert list(table["Kind"]) == ["direct", "reported", "direct"]


def test_takeaways_on_an_article_with_no_quotes_and_no_numbers(write_article):
    text = "Quiet market\n\nThe stalls filled with bread and flowers while the sun rose.\n"
    result = analyze(write_article(text), use_cache=False)
    assert result.pack is None
    assert opening.takeaways(result) == [
        "Nobody is quoted in the article, directly or in reported speech.",
        "The article gives no figures to check.",
        "The article names no people, organisations or places."]
    assert opening.details(result) == "11 words, about 1 minute to read"


def test_an_article_whose_only_numbers_are_prose_has_no_amounts(write_article):
    text = "Two paths\n\nThe council chose between two paths, and a third of it walked out.\n"
    result = analyze(write_article(text), use_cache=False)
    assert len(result.figures) == 2
    assert result.findings.amounts == 0
    assert "The article gives no figures to check." in opening.takeaways(result)


def test_takeaways_with_one_speaker_say_so_plainly(write_article):
    text = ("Flood deaths rise\n\nAuthorities said the number of bodies counted has reached "
            "803 in the mountainous region north of the city.\n")
    result = analyze(write_article(text), use_cache=False)
    assert opening.takeaways(result)[0] == (
        "The article quotes one speaker, Authorities: 1 reported statement.")


def test_takeaways_of_the_seed_put_the_finding_first(seed_path):
    result = analyze(seed_path)
    found = opening.takeaways(result)
    assert found[2].startswith(  # undated: the latest row, Carpenter's, is published after it
        "The article's “150,000” disagrees with the latest record before it, 190,000 from US "
        "Ambassador to the OSCE Michael Carpenter")
    assert "the same source as the article's figure" in found[2]  # Biden's own remarks
    assert found[3].startswith("The article's “nearly 14,000” (read as 13,300 to 14,000) is "
                               "close to the latest record before it, 14,200 to 14,400 from "
                               "OHCHR")  # the latest count, never an older running total
    del found[2:4]
    assert found == [
        "Joe Biden has the most words in quotation marks: 45% of them, in 15 of the article's "
        "43 statements from 10 speakers.",  # partial quotes inside their statements
        "1 of the three figures that the public record can check agrees with it: "
        "[“130,000”](article.html#p5).",  # linked to its place
        "Actors take different sides. A Russian troop pullback: [Vladimir Putin’s military]"
        "(article.html#c0), [Russia](article.html#c1644) and [Olaf Scholz](article.html#c3340) "
        "support it; [Vladimir Putin](article.html#c451) opposes it; [United States]"
        "(article.html#c1391), [Joe Biden](article.html#c1644), [Dmytro Kuleba]"
        "(article.html#c5027) and two others are skeptical."]  # each to its sentence
    # five at most: with two checks that do not agree, the note on Biden's two titles is cut
    assert opening.opening(result).data.startswith(
        "# US and Allies Can’t Verify Russian Pullback of Troops near Ukraine\n\n"
        "1,125 words, about 5 minutes to read\n\n## What the reading finds\n\n- Joe Biden")


def test_details_show_outlet_and_date_when_the_article_carries_them(seed_path):
    from dataclasses import replace
    from datetime import date

    from helpers.source.metadata import Meta

    result = analyze(seed_path)
    result.article = replace(result.article, meta=Meta("AP <wire>", date(2022, 2, 16)))
    assert opening.details(result) == (
        "AP &lt;wire&gt; · 16 Feb 2022 · 1,125 words, about 5 minutes to read")


def test_figure_checks_read_the_verdict_decided_once(seed_path):
    result = analyze(seed_path)
    checks = {check.text: check for check in result.findings.figure_checks}
    said = summary.check_sentence(checks["150,000"])
    assert said.startswith(
        "The article's “150,000” disagrees with the latest record before it, 190,000 from US "
        "Ambassador to the OSCE Michael Carpenter \\(statement to the OSCE\\), published by "
        "[Al Arabiya English](<https://english.alarabiya.net/")
    assert "on 18 Feb 2022: it is 40,000 (21%) below it." in said
    assert ("The record's 150,000 from President Biden \\(White House remarks\\), published by "
            "[The White House](<https://bidenwhitehouse.archives.gov/") in said
    assert said.endswith("on 15 Feb 2022 is the same source as the article's figure, not a "
                         "confirmation of it. The article is undated, so figures published at "
                         "any date were used; the one named was published on 18 Feb 2022.")
    assert summary.check_sentence(checks["130,000"]).startswith(
        "The article's “130,000” agrees with 130,000 from US official \\(anonymous\\), published "
        "by [ABC News \\(Australia\\)](<https://www.abc.net.au/")
    assert summary.check_sentence(checks["nearly 14,000"]).startswith(
        "The article's “nearly 14,000” (read as 13,300 to 14,000) is close to the latest record "
        "before it, 14,200 to 14,400 from OHCHR")
    assert summary.chart_finding(list(checks.values())[:2]) == (
        "The article's “150,000” is 21% below the latest published figure; its “130,000” matches "
        "the record")
    assert summary.chart_finding([checks["130,000"]]) == (
        "The article's “130,000” matches the published record")
    assert summary.chart_finding([checks["nearly 14,000"]]) == (
        "The article's “nearly 14,000” is 1% below the latest published figure")


def test_provenance_names_model_pack_versions_and_checksum(seed_path):
    result = analyze(seed_path)
    made = dict(summary.provenance(result).itertuples(index=False))
    assert made["Checksum of the article text (SHA-256)"] == result.article.sha256
    assert made["Language model (spaCy)"].startswith("en_core_web_sm")
    assert made["Story pack"].startswith(
        "Story pack “Russia's military build-up near Ukraine, 2021-2022”: the article uses the "
        "story's words 74 times")
    assert made["spacy"].startswith("3.8")
    sources = summary.record_sources(result)
    assert list(sources["Published figures"]) == [8, 6]  # the projection is used by no check
    assert list(sources["From"]) == ["6 Dec 2021", "11 Mar 2021"]


def test_no_message_counts_with_a_bracketed_plural():
    """Counts in messages go through words.count: '2 people', never '2 person(s)'."""
    import re

    from helpers.paths import PROJ_ROOT

    pattern = re.compile(r"\}\s+[a-z]+\((?:s|es)\)")
    found = [f"{path.name}:{number}" for path in sorted((PROJ_ROOT / "src").rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert not found, found


def test_statements_count_a_partial_quote_once_and_a_quoted_label_not_at_all(analyze_text):
    from helpers.findings.findings import statements

    result = analyze_text(
        "Talks stall\n\nBERLIN — Anna Keller said the talks were \u201ca waste of time\u201d "
        "and would fail.\n\nThe ministry\u2019s dismissal of the plan as \u201cnonsense\u201d "
        "surprised nobody.\n\n\u201cNo,\u201d said Tomas Weber.\n")
    quotes = result.quotes
    said, partial, scare = statements(quotes)
    assert list(quotes.loc[partial, "text"]) == ["a waste of time"]  # inside her statement
    assert list(quotes.loc[scare, "text"]) == ["nonsense"]  # a label, no statement
    assert "No" in list(quotes.loc[said, "text"])  # a one-word reply is a statement
    found = result.findings
    assert (found.quotes, found.partial, found.scare) == (len(quotes) - 2, 1, 1)
    assert summary.voices(found).startswith(
        f"It carries {words.count(found.quotes, 'statement')} (")
    assert "1 partial quote is counted inside the reported statement that holds it" in (
        summary.voices(found))


def test_words_in_partial_quotes_are_words_in_quotation_marks_not_direct_quotes(analyze_text):
    """A poll story's only quotation marks are partial quotes inside reported statements:
    '0 in quotation marks' beside 'the most words in direct quotes' contradicted itself."""
    result = analyze_text(
        "Voters split\n\nOnly half of the voters agreed that the mayor is in \u201cgood enough "
        "health to serve another term,\u201d according to the survey.\n\nMost residents said the "
        "budget was \u201cfair\u201d to them.\n")
    found = result.findings
    assert found.direct == 0 and found.partial >= 1 and found.top_voice.quoted_words
    text = summary.voices(found)
    assert "(0 in quotation marks" in text and "direct quotes" not in text
    share = words.percent(found.top_share)
    assert f"has the most words in quotation marks ({share} of them" in text
