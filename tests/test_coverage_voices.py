"""Coverage compares like with like (issue 21): an unnamed official is counted once per article,
spellings of one person are one voice, whoever runs a call, places and bodies that do not speak
are no voices, and shares count each article once, so a transcript does not outweigh a
statement by its length. Articles without an outlet are never one shared publisher. A title
alone ("President", "the spokesman") names no one, so it is no voice."""

from __future__ import annotations

from datetime import date

import pytest
from corpora import quote, write_article
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.findings import coverage
from helpers.report import coverage as page


def actor(name: str, kind: str) -> dict[str, object]:
    return {"actor": name, "type": kind, "role": "", "mentions": 1, "quotes": 0,
            "direct_quotes": 0, "quoted_words": 0, "roles": "", "title_conflict": False}


def briefing_and_statements(folder):
    """A long background call (White House), a second call, and a short committee statement."""
    write_article(folder, "call-1", "The White House", date(2022, 2, 1),
                  quotes=[quote("senior administration official", 900),
                          quote("moderator", 50), quote("Joe Biden", 90),
                          quote("Europe", 4)],
                  actors=[actor("Europe", "place"), actor("Joe Biden", "person")])
    write_article(folder, "call-2", "The White House", date(2022, 2, 2),
                  quotes=[quote("senior administration official", 600), quote("operator", 5),
                          quote("Joseph R. Biden", 60), quote("our statement", 20)])
    write_article(folder, "statement", "House Committee", date(2022, 2, 3),
                  quotes=[quote("Michael McCaul", 40), quote("Member States", 10)])
    return coverage.find(folder)


def test_unnamed_officials_are_a_category_counted_per_article(tmp_path):
    found = briefing_and_statements(tmp_path).speakers
    unnamed = found[found["name"].str.startswith("senior administration official")]
    assert sorted(unnamed["name"]) == ["senior administration official (2022-02-01)",
                                       "senior administration official (2022-02-02)"]
    assert unnamed["articles"].tolist() == [1, 1]


def test_spellings_of_one_person_are_one_voice_and_non_speakers_no_voice(tmp_path):
    names = set(briefing_and_statements(tmp_path).speakers["name"])
    assert "Joe Biden" in names and "Joseph R. Biden" not in names
    assert not names & {"moderator", "operator", "Europe", "Member States", "our statement"}


def test_shares_count_each_article_once(tmp_path):
    cov = briefing_and_statements(tmp_path)
    share = dict(zip(cov.speakers["name"], cov.speakers["share"], strict=True))
    # the 40-word statement is a third of the voice: one article of three, all its words his
    assert round(share["Michael McCaul"], 3) == round(1 / 3, 3)
    official = share["senior administration official (2022-02-01)"]
    assert round(official, 3) == round(900 / 990 / 3, 3)
    assert round(sum(share.values()), 6) == 1
    outlets = dict(zip(cov.outlets["name"], cov.outlets["share"], strict=True))
    assert round(outlets["House Committee"], 3) == round(1 / 3, 3)
    assert "each article counted once" in page.voice(cov)
    assert page.SHARE in page.speaker_table(cov).columns


def test_articles_without_an_outlet_are_no_shared_publisher(tmp_path):
    for slug in ("a", "b", "c"):
        write_article(tmp_path, slug, "", date(2016, 11, 8), story="",
                      quotes=[quote(f"Speaker {slug.upper()}", 10)])
    cov = coverage.find(tmp_path)
    assert page.headline(cov).startswith("How 3 articles (outlet not given) covered")
    assert "publisher" not in page.headline(cov)
    assert cov.only_one_outlet.empty
    assert page.only_one(cov).startswith("The articles name fewer than two publishers")
    from helpers.report.charts import coverage as charts

    assert charts.outlet_finding(cov) == "The articles do not say which outlet published them"


def test_the_coverage_notebook_reads_the_newest_batch_by_default(tmp_path):
    """05_coverage.ipynb defaulted to a test fixture; 'newest' is the batch rendered last."""
    import os

    from helpers.findings.corpus import EXAMPLE_TABLES, newest_batch

    assert newest_batch(tmp_path) == EXAMPLE_TABLES  # nothing rendered: the example
    for name, when in (("corpus-1", 1_000), ("other-2", 2_000), ("old-3", 500)):
        tables = tmp_path / "corpus" / name / "tables"
        tables.mkdir(parents=True)
        os.utime(tables, (when, when))
    assert newest_batch(tmp_path) == tmp_path / "corpus" / "other-2" / "tables"


@pytest.mark.parametrize("speaker", ["President", "the spokesman", "Foreign Minister",
                                     "The Secretary of State", "Mr. President", "Prime Minister,",
                                     "the president’s spokeswoman", "Former Governor"])
def test_a_title_alone_is_a_bare_title(speaker):
    assert coverage.is_bare_title(speaker)


@pytest.mark.parametrize("speaker", ["President Biden", "Secretary Blinken", "Prince Harry",
                                     "senior administration official", "White House Press "
                                     "Secretary", "a spokesman", "aide", ""])
def test_a_name_or_a_description_is_no_bare_title(speaker):
    assert not coverage.is_bare_title(speaker)


def test_a_title_alone_is_never_a_voice(tmp_path):
    """Issue 21: a speaker the rules could not name beyond their title ('President', 'the
    spokesman') was a voice of its own, one person across every article."""
    write_article(tmp_path, "one", "Outlet A", date(2022, 2, 1),
                  quotes=[quote("President", 80), quote("Jen Psaki", 20),
                          quote("the spokesman", 30)])
    write_article(tmp_path, "two", "Outlet B", date(2022, 2, 2),
                  quotes=[quote("Foreign Minister", 40), quote("Dmytro Kuleba", 10),
                          quote("Prime Minister", 5)])
    cov = coverage.find(tmp_path)
    assert sorted(cov.speakers["name"]) == ["Dmytro Kuleba", "Jen Psaki"]
    assert cov.speakers["share"].round(6).tolist() == [0.5, 0.5]
    assert cov.shared.empty and sorted(cov.only_one_outlet["speaker"]) == ["Dmytro Kuleba",
                                                                            "Jen Psaki"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_speaker_text_is_read_without_error(speaker):
    found = coverage.is_bare_title(speaker)
    assert isinstance(found, bool)
    assert not coverage.is_bare_title(f"Zxqv {speaker}")  # a word of no title: a name
