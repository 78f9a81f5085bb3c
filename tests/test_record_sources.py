"""A public record a desk would accept: every row of every pack cites its publisher, the date it
was published and a web address, and no re-host, aggregator, blog or reprint."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.findings.verdicts import same_source
from helpers.paths import STORIES_DIR
from helpers.rules import RuleError
from helpers.stories import packs
from helpers.stories.records import read_records, records, refusal, second_hand

TROOPS = STORIES_DIR / "ukraine-2022" / "records" / "troop_estimates.csv"


def test_every_row_of_every_pack_cites_publisher_date_and_address():
    for pack in packs.packs():
        for table in pack.tables:
            rows = records(table)
            assert rows["publisher"].str.len().gt(0).all(), table.name
            assert rows["published"].notna().all(), table.name
            assert (rows["published"] >= rows["date"]).all(), table.name
            assert rows["url"].str.match(r"https?://[^/\s]+\.[a-z]{2,}").all(), table.name
            refused = [(url, refusal(url, publisher)) for url, publisher
                       in zip(rows["url"], rows["publisher"], strict=True)
                       if refusal(url, publisher)]
            assert refused == [], table.name
            through = [who for who, publisher in zip(rows["who"], rows["publisher"], strict=True)
                       if second_hand(who, publisher)]
            assert through == [], table.name


@pytest.mark.parametrize(("url", "publisher", "why"), [
    ("https://playcrazygame.com/2022/02/24/x/", "Play", "playcrazygame.com is refused"),
    ("https://navpil.github.io/2022/x.html", "navpil", "github.io is refused"),
    ("https://www.scribd.com/document/1/x", "OHCHR", "scribd.com is refused"),
    ("https://example.org/x", "Trade magazine (reprint of a news release)", "says 'reprint'"),
    ("https://example.org/x", "A writer's blog", "says 'blog'"),
    ("https://nationalpost.com/pmn/x", "Reuters (via National Post)",
     "says 'via': a story on another outlet's site"),
    ("ftp://example.org/x", "Reuters", "not a web address"),
])
def test_a_refused_source_is_named_with_the_reason(url, publisher, why):
    assert why in refusal(url, publisher)


def test_first_hand_sources_are_accepted():
    assert refusal("https://bidenwhitehouse.archives.gov/x/", "The White House") is None
    assert refusal("https://www.abc.net.au/news/2022-02-13/x/1", "ABC News (Australia)") is None
    assert refusal("https://english.nv.ua/nation/x.html", "NV (New Voice of Ukraine)") is None


@pytest.mark.parametrize(("who", "publisher", "outlet"), [
    ("A minister (per the Daily Planet)", "Metro Wire", "Daily Planet"),
    ("Army spokesman, via Channel Four News", "The Courier", "Channel Four News"),
    ("Two officials (according to Radio Nord; unconfirmed)", "Radio Nord", None),
    ("The survey team (reported by Harbour Times)", "Harbour Times", None),
    ("Lee, Brown and Via (national survey)", "Water Journal", None),  # a surname
    ("A ministry official (to reporters, per usual practice)", "Metro Wire", None),
])
def test_a_giver_reached_through_another_outlet_must_cite_that_outlet(who, publisher, outlet):
    why = second_hand(who, publisher)
    assert (why is None) if outlet is None else (f"through {outlet}" in why)


def broken(tmp_path: Path, old: str, new: str) -> Path:
    lines = TROOPS.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[1]
    lines[1] = lines[1].replace(old, new, 1)
    path = tmp_path / "troop_estimates.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    ("Interfax-Ukraine", "", r"\['publisher'\] are empty"),
    (",2021-12-06,", ",,", r"\['published'\] are empty"),
    ("https://en.interfax.com.ua/news/general/784145.html", "", r"\['url'\] are empty"),
    ("https://en.interfax.com.ua/", "https://playcrazygame.com/", "playcrazygame.com is refused"),
    ("Interfax-Ukraine", "dailyhover.com re-publication", "says 're-publication'"),
    ("Interfax-Ukraine", "Reuters (via Interfax-Ukraine)", "says 'via'"),
    (",2021-12-06,", ",2021-11-06,", "published 2021-11-06 is before the figure"),
    ("(interview with Estonian Television)", "(per Military Times)", "through Military Times"),
])
def test_a_row_a_desk_would_refuse_fails_with_its_line(tmp_path, old, new, message):
    with pytest.raises(RuleError, match=rf"troop_estimates.csv:2: .*{message}"):
        read_records(broken(tmp_path, old, new))


@given(url=st.text(max_size=80), publisher=st.text(max_size=40), who=st.text(max_size=40))
def test_any_text_is_judged_without_crashing(url, publisher, who):
    why = refusal(url, publisher)
    assert why is None or isinstance(why, str) and why
    assert isinstance(same_source(publisher, who), bool)
    given = second_hand(who, publisher)
    assert given is None or isinstance(given, str) and given
    assert second_hand("per" + " " * 20_000 + "the" + " " * 20_000 + "(", publisher) is None
    assert same_source("Joe Biden", "President Biden (White House remarks)")
    assert not same_source("Joe Biden", "Senior Biden administration official (per NBC News)")


def test_the_page_lists_every_row_with_its_link_and_whether_the_check_used_it(seed_analysis):
    from dataclasses import replace
    from datetime import date

    from helpers.report import summary
    from helpers.source.metadata import Meta

    rows, urls = summary.record_rows(seed_analysis)  # the seed is undated
    assert len(rows) == len(urls) == 15 and all(url.startswith("http") for url in urls)
    used = rows.set_index("Figure")["Used in the checks"]
    assert used["175,000"] == "no: a projection, not a count"
    assert set(used.drop("175,000")) == {"yes (the article is undated)"}
    dated = replace(seed_analysis, article=replace(seed_analysis.article,
                                                   meta=Meta("AP", date(2022, 2, 16))))
    rows, _ = summary.record_rows(dated)
    later = rows[rows["Used in the checks"] == "no: published after the article"]
    assert list(later["Published by"]) == ["Al Arabiya English"]


def test_the_record_used_for_the_checks_counts_only_the_rows_a_check_may_use(seed_analysis):
    """The summary 'used for the checks' counts the rows `record_rows` marks as used: no
    projection, nothing published after the article; none at all for an article older than
    the record, which then says why (a 2016 article read with the 2021-22 pack listed 13)."""
    from dataclasses import replace
    from datetime import date

    from helpers.report import summary
    from helpers.source.metadata import Meta

    def dated(day: date):
        return replace(seed_analysis, article=replace(seed_analysis.article,
                                                      meta=Meta("AP", day)))

    undated = summary.record_sources(seed_analysis).set_index("Record")
    assert list(undated["Published figures"]) == [8, 6]  # the 175,000 projection is no count
    february = summary.record_sources(dated(date(2022, 2, 16)))
    assert list(february["Published figures"]) == [7, 6]
    assert list(february["To"]) == ["16 Feb 2022", "27 Jan 2022"]
    for found in (seed_analysis, dated(date(2022, 2, 16))):
        rows, _ = summary.record_rows(found)
        assert rows["Used in the checks"].str.startswith("yes").sum() == (
            summary.record_sources(found)["Published figures"].sum())
    older = dated(date(2016, 9, 10))
    assert summary.record_sources(older).empty
    assert summary.no_record(older) == (
        "No figure of the story's public record was published on or before the article's "
        "date, 10 Sep 2016, so no public record was used.")
