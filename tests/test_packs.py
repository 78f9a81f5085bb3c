"""Story packs: manifests checked, record tables typed with errors naming the line, the pack
chosen from an article's own words, and each figure's verdict decided once."""

from __future__ import annotations

import math
import shutil
from datetime import date
from pathlib import Path

import pytest

from helpers.findings.findings import check_figures
from helpers.findings.verdicts import implied_range, verdict
from helpers.paths import STORIES_DIR
from helpers.rules import RuleError
from helpers.stories import packs
from helpers.stories.records import read_records, records

UKRAINE = STORIES_DIR / "ukraine-2022"


def test_every_pack_loads_with_its_tables_and_sources():
    found = packs.packs()
    assert {"ukraine-2022", "lead-pipes"} <= {pack.name for pack in found}
    for pack in found:
        assert (pack.folder / "SOURCES.md").is_file(), pack.name
        assert pack.topics(), pack.name
        for table in pack.tables:
            rows = records(table)
            assert len(rows) > 0 and (rows["low"] <= rows["high"]).all()
            assert rows["url"].str.startswith("http").all(), table.name
            assert rows["excerpt"].str.len().between(1, 400).all(), table.name
            assert str(rows["date"].dtype).startswith("datetime64")


def broken_copy(tmp_path: Path, line: int, old: str, new: str) -> Path:
    source = UKRAINE / "records" / "troop_estimates.csv"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path = tmp_path / "troop_estimates.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [("2021-12-05", "2021-13-05", "date"), ("94000,94000", "94000,9x000", "whole number"),
     ("94000,94000", "99000,94000", "above")],
)
def test_malformed_row_names_file_and_line(tmp_path, old, new, message):
    path = broken_copy(tmp_path, 2, old, new)
    with pytest.raises(RuleError, match=rf"troop_estimates.csv:2: .*{message}"):
        read_records(path)


def test_a_pack_without_its_name_or_table_file_is_refused(tmp_path):
    folder = tmp_path / "my-story"
    shutil.copytree(UKRAINE, folder)
    with pytest.raises(RuleError, match="must equal the folder name"):
        packs.load_pack(folder)
    manifest = folder / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        'name = "ukraine-2022"', 'name = "my-story"').replace(
        "records/troop_estimates.csv", "records/missing.csv"), encoding="utf-8")
    with pytest.raises(RuleError, match="missing.csv, which does not exist"):
        packs.load_pack(folder)


def test_unknown_story_names_the_packs_there_are():
    with pytest.raises(ValueError, match="no story pack 'nope'.*ukraine-2022"):
        packs.pack_named("nope")


def test_the_pack_is_chosen_from_the_article_words(seed_doc, nlp):
    assert packs.choose(seed_doc).pack.name == "ukraine-2022"
    assert packs.choose(seed_doc, "none").pack is None
    assert packs.choose(seed_doc, "lead-pipes").pack.name == "lead-pipes"
    buses = nlp("The city council voted on Tuesday to add bus lanes on Main Street. "
                "Riders said the buses were late, and the mayor promised more of them.")
    assert packs.choose(buses).pack is None


def test_implied_ranges():
    assert implied_range(14000, "nearly") == (13300, 14000)
    assert implied_range(100, "about") == (95, 105)
    assert implied_range(100, "more than") == (100, 105)
    assert implied_range(100, "") == (100, 100)
    assert implied_range(169000, "between", 190000) == (169000, 190000)
    assert implied_range(100, "at least")[1] == math.inf


def test_verdicts():
    assert verdict(13300, 14000, 14000, 14000)[0] == "agree"
    result, gap, relative = verdict(13300, 14000, 14200, 14400)
    assert result == "close" and gap == 200 and relative == pytest.approx(200 / 14300)
    assert verdict(5000, 5000, 14200, 14400)[0] == "disagree"


def test_a_figure_is_checked_against_the_rows_before_the_article(seed_analysis):
    pack = packs.pack_named("ukraine-2022")
    figures = seed_analysis.figures
    checks = {c.text: c for c in check_figures(figures, pack, date(2022, 2, 16))}
    biden = checks["150,000"]  # Biden's figure: his own remarks repeat it, they confirm nothing
    assert [row.publisher for row in biden.same] == ["The White House"]
    assert biden.verdict == "close" and biden.compared.publisher == "CNN"  # 148,000, 16 Feb
    assert checks["130,000"].verdict == "agree"
    assert checks["130,000"].compared.record_date == date(2022, 2, 13)
    nearly = checks["nearly 14,000"]  # read as 13,300 to 14,000
    assert nearly.table == "casualty_totals" and nearly.verdict == "close"  # a running total
    assert nearly.compared.record_date == date(2021, 12, 31)  # only its latest: 14,200-14,400
    assert nearly.compared.url.startswith("https://ukraine.un.org/")
    said = {c.text: c for c in check_figures(figures, pack, date(2021, 12, 5))}
    assert said["150,000"].verdict == "no_record"  # 94,000 was said on 5 Dec, published on 6 Dec
    published = {c.text: c for c in check_figures(figures, pack, date(2021, 12, 6))}
    assert published["150,000"].compared.record_date == date(2021, 12, 5)  # by publication
    before_ohchr = {c.text: c for c in check_figures(figures, pack, date(2022, 1, 26))}
    nearly = before_ohchr["nearly 14,000"]  # OHCHR's only total came out on 27 Jan 2022
    assert nearly.verdict == "no_record" and nearly.compared is None
    early = {c.text: c for c in check_figures(figures, pack, date(2000, 1, 1))}
    assert early["150,000"].verdict == "no_record" and early["150,000"].compared is None


def test_a_figure_is_only_set_beside_rows_that_count_the_same_thing(analyze_text):
    pack = packs.pack_named("lead-pipes")
    text = ("Lead pipes\n\nThe administration gave $3 billion to replace lead pipes this year. "
            "The state will get $76 million of it, and more than $20 billion for water "
            "systems in all. Lead service lines, lead pipes and drinking water in every "
            "town: the lead pipe program goes on, lead line by lead line, pipe by pipe.\n")
    figures = analyze_text(text).figures
    checks = {c.text: c for c in check_figures(figures, pack, date(2024, 5, 2))}
    assert checks["$3 billion"].verdict == "agree"
    # $76 million is a state's share (a tenth of no row); more than $20 billion agrees with no
    # row of a table that counts several kinds of money, so neither is called a disagreement
    assert "$76 million" not in checks and "more than $20 billion" not in checks


def test_a_table_with_sentence_terms_checks_only_figures_about_its_subject(analyze_text):
    pack = packs.pack_named("ukraine-2022")
    text = ("Troops\n\nThe 8,500 troops that were put on high alert may deploy soon. Russia has "
            "more than 150,000 troops near the border, officials said.\n")
    checks = {c.text: c for c in check_figures(analyze_text(text).figures, pack,
                                               date(2022, 2, 16))}
    assert checks["more than 150,000"].verdict == "agree"
    assert "8,500" not in checks  # another army: the sentence names neither Russia nor a border
