"""Coverage findings from tables folders, never from parsing: share of voice, speakers only one
outlet quotes, the figures timeline with each verdict as of the article's date, the stance
grid; the same for two real articles and for a thousand synthetic ones."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from corpora import (
    OUTLETS,
    SPEAKERS,
    coverage_of_many,
    figure,
    quote,
    write_article,
)

from helpers.findings import coverage, findings
from helpers.findings.corpus import load, same_people
from helpers.stories.packs import pack_named

UKRAINE = pack_named("ukraine-2022")
WHITE_HOUSE = "The White House"
HOUSE = "House Foreign Affairs Committee Republicans"
MANY = 1000


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> coverage.Coverage:
    return coverage_of_many(tmp_path_factory.mktemp("many"), MANY)


def test_a_tables_folder_loads_with_the_analysis_types(two):
    corpus = two.corpus
    assert list(corpus.articles["outlet"]) == [WHITE_HOUSE, HOUSE]  # by date
    assert [d.date() for d in corpus.articles["date"]] == [date(2022, 2, 15), date(2022, 2, 18)]
    assert corpus.outlets == [HOUSE, WHITE_HOUSE]  # one article each: by name
    assert len(corpus.quotes) == 62 and corpus.quotes["words"].dtype == "int64"
    assert corpus.figures["approximate"].dtype == bool
    assert corpus.figures["high"].isna().all() and corpus.figures["source"].ne("").any()
    assert set(corpus.stances["slug"]) == set(corpus.articles["slug"])
    assert two.pack is UKRAINE


def test_a_folder_without_articles_says_how_to_make_one(tmp_path):
    with pytest.raises(ValueError, match="python -m helpers extract"):
        load(tmp_path)
    with pytest.raises(ValueError, match="not a folder"):
        load(tmp_path / "missing")


def test_share_of_voice_by_speaker_and_by_outlet(two):
    speakers = two.speakers.set_index("name")
    assert speakers.loc["Biden", ["quotes", "direct", "quoted_words", "articles"]].tolist() == [
        59, 55, 1511, 1]
    assert speakers["share"].sum() == pytest.approx(1.0)
    direct = two.corpus.quotes[two.corpus.quotes["kind"] == "direct"]
    assert speakers["quoted_words"].sum() == direct.loc[direct["speaker"] != "", "words"].sum()
    outlets = two.outlets.set_index("name")
    assert outlets.loc[WHITE_HOUSE, ["articles", "quotes", "quoted_words", "share"]].tolist() == [
        1, 62, 1511, 1.0]
    assert outlets.loc[HOUSE, ["articles", "quotes", "quoted_words"]].tolist() == [1, 0, 0]
    assert list(two.top_voices["speaker"]) == ["Biden"]


def test_speakers_only_one_outlet_quotes(two):
    assert set(two.only_one_outlet["outlet"]) == {WHITE_HOUSE}
    assert list(two.only_one_outlet["speaker"])[:1] == ["Biden"]
    assert two.shared.empty


def test_the_timeline_sets_each_figure_beside_the_record_on_its_date(two):
    rows = two.timeline
    assert list(rows["outlet"]) == [WHITE_HOUSE, HOUSE]
    assert list(rows["text"]) == ["more than 150,000", "nearly 200,000"]
    assert list(zip(rows["low"], rows["high"], strict=True)) == [(150_000, 157_500),
                                                                  (190_000, 200_000)]
    # Biden's own remarks are the only 150,000 published by then: the same source, not a
    # confirmation, so his figure is set beside the independent estimate before it
    assert list(rows["verdict"]) == ["disagree", "agree"]
    first, second = rows["compared"]
    assert (first.record_date, first.record_low, first.same_source) == (
        date(2022, 2, 13), 130_000, False)
    assert (second.record_date, second.record_low, second.record_high) == (
        date(2022, 2, 18), 190_000, 190_000)  # "up to 190,000"
    assert list(two.records) == ["troop_estimates"]
    assert two.records["troop_estimates"]["date"].max() == pd.Timestamp("2022-02-18")


def test_timeline_verdicts_are_the_checks_of_each_article_report(two):
    """Decided once: the coverage verdict is findings.check_figures on the article's facts."""
    for slug, about in two.corpus.articles.set_index("slug").iterrows():
        mine = two.corpus.figures[two.corpus.figures["slug"] == slug]
        checks = findings.check_figures(findings.facts(mine), UKRAINE, about["date"].date())
        shown = two.timeline[two.timeline["slug"] == slug]
        assert [c.verdict for c in checks] == list(shown["verdict"])
        assert [c.compared for c in checks] == list(shown["compared"])


def test_the_record_is_read_as_it_stood_on_the_article_date(tmp_path):
    write_article(tmp_path, "early", "A", date(2021, 11, 1), figures=[figure("100,000", 1e5)])
    write_article(tmp_path, "later", "B", date(2022, 2, 20), figures=[figure("50,000", 5e4)])
    write_article(tmp_path, "undated", "C", None, figures=[figure("100,000", 1e5)])
    rows = coverage.find(tmp_path).timeline.set_index("slug")
    assert rows.loc["early", "verdict"] == "no_record" and rows.loc["early", "compared"] is None
    later = rows.loc["later", "compared"]
    assert (rows.loc["later", "verdict"], later.record_date, later.record_low, later.side) == (
        "disagree", date(2022, 2, 18), 190_000, "below")
    assert rows.loc["undated", "verdict"] == "agree"
    assert list(rows.index) == ["early", "later", "undated"]  # by date, undated last


def test_the_stance_grid_counts_articles_per_stance(two):
    biden = two.grid[two.grid["actor"] == "Biden"].set_index("topic")
    assert list(biden.index) == ["pullback", "diplomacy", "war", "sanctions"]  # pack order
    assert list(biden["stance"]) == ["neutral", "support", "oppose", "support"]
    assert biden["articles"].tolist() == [1, 1, 1, 1]
    assert two.grid["actor"].iloc[0] == "Biden"  # takes the most sides
    assert two.splits.empty


def test_articles_and_publishers_count_what_each_report_counts(two):
    counts = two.articles.set_index("outlet")
    assert counts.loc[WHITE_HOUSE, ["quotes", "figures", "checked", "stances"]
                      ].tolist() == [62, 2, 1, 3]
    assert counts.loc[HOUSE, ["quotes", "figures", "checked", "stances"]].tolist() == [0, 1, 1, 0]
    assert two.publishers["articles"].tolist() == [1, 1]


def test_names_across_articles_are_one_speaker():
    quotes = pd.DataFrame({"speaker": ["Joe Biden", "Joe Biden", "Biden", "LINDA T-G",
                                       "Linda T-g", "Linda T-g", "Putin"]})
    stances = pd.DataFrame({"actor": ["Vladimir Putin", "Biden"]})
    assert same_people(quotes, stances) == {"Biden": "Joe Biden", "LINDA T-G": "Linda T-g",
                                            "Putin": "Vladimir Putin"}
    initials = pd.DataFrame({"speaker": ["Joe Biden", "Joe R. Biden", "George W. Bush",
                                         "George H. W. Bush", "George Bush", "Bush"]})
    assert same_people(initials, stances.iloc[:0]) == {
        "Joe R. Biden": "Joe Biden",  # one spelling with initials: the same man
        "Bush": "George Bush"}  # two spellings with different initials stay two people


def test_a_thousand_articles_aggregate_past_a_screenful(many):
    assert len(many.corpus.articles) == MANY
    speakers = many.speakers
    assert len(speakers) == coverage.MOST + 1
    assert speakers.iloc[0][["name", "quotes", "quoted_words"]].tolist() == [
        "Common Voice", MANY, 10 * MANY]
    rest = speakers.iloc[-1]
    assert rest["others"] and rest["names"] == 1 + len(OUTLETS) + SPEAKERS - coverage.MOST
    assert speakers["quotes"].sum() == 3 * MANY
    assert speakers["share"].sum() == pytest.approx(1.0)
    assert many.outlets["articles"].tolist() == [MANY // len(OUTLETS)] * len(OUTLETS)


def test_a_thousand_articles_only_one_outlet_quotes_its_local_voice(many):
    only = many.only_one_outlet
    assert list(zip(only["outlet"], only["speaker"], strict=True)) == [
        (outlet, f"Local {outlet[-1]}") for outlet in OUTLETS]
    assert only["quotes"].tolist() == [MANY // len(OUTLETS)] * len(OUTLETS)
    assert len(many.shared) == 1 + SPEAKERS


def test_a_thousand_articles_timeline_and_grid(many):
    assert len(many.timeline) == MANY  # '100,000' agrees from 11 Feb, Sullivan's figure
    assert many.timeline["verdict"].value_counts().to_dict() == {"agree": MANY // 2,
                                                                 "disagree": MANY // 2}
    assert many.articles["figures"].tolist() == [2] * MANY  # a conversion is one fact each
    grid = many.grid.set_index(["actor", "topic"])
    assert grid.loc[("Common Voice", "war"), ["oppose", "support", "outlets", "stance"]
                    ].tolist() == [800, 200, 5, "oppose"]
    split = many.splits.iloc[0]
    assert split["sides"] == {"oppose": list(OUTLETS[:4]), "support": [OUTLETS[4]]}


def test_the_story_is_the_pack_most_articles_have(tmp_path):
    write_article(tmp_path, "a", "A", date(2022, 2, 1), story="lead-pipes",
                  quotes=[quote("Ann", 3)])
    write_article(tmp_path, "b", "B", date(2022, 2, 2), story="ukraine-2022")
    write_article(tmp_path, "c", "B", date(2022, 2, 3), story="ukraine-2022")
    found = coverage.find(tmp_path)
    assert found.pack is UKRAINE
    assert list(coverage.on_story(found.corpus, found.pack)["slug"]) == ["b", "c"]
    assert coverage.find(tmp_path, "lead-pipes").pack.name == "lead-pipes"
    assert coverage.find(tmp_path, "none").pack is None
