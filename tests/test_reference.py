"""The reference data: a byte-identical copy, checked types, errors naming the line; checks."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from helpers.paths import REFERENCE_DIR
from helpers.stories import records as reference

SHARED = Path("/work/shared/reference")


def test_reference_files_are_present_with_sources():
    names = {path.name for path in REFERENCE_DIR.iterdir()}
    assert {"troop_estimates.csv", "casualty_totals.csv", "SOURCES.md"} <= names


@pytest.mark.skipif(not SHARED.exists(), reason="no shared reference folder on this machine")
def test_reference_is_a_byte_identical_copy():
    for path in SHARED.iterdir():
        assert (REFERENCE_DIR / path.name).read_bytes() == path.read_bytes(), path.name


def test_troop_estimates_have_types_and_sources():
    table = reference.troop_estimates()
    assert len(table) > 0 and str(table["date_reported"].dtype).startswith("datetime64")
    assert (table["estimate_low"] <= table["estimate_high"]).all()
    assert table["source_address"].str.startswith("http").all()
    assert table["excerpt"].str.len().gt(0).all()
    assert table["date_reported"].is_monotonic_increasing


def test_casualty_totals_have_types_and_sources():
    table = reference.casualty_totals()
    assert {"total_deaths", "civilian_deaths"} <= set(table["category"])
    assert (table["value_low"] <= table["value_high"]).all()
    assert table["source_address"].str.startswith("http").all()


def broken_copy(tmp_path: Path, line: int, old: str, new: str) -> Path:
    lines = reference.TROOP_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path = tmp_path / "troop_estimates.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [("2021-11-03", "2021-13-03", "date"), ("90000,90000", "90000,9x000", "whole number"),
     ("90000,90000", "95000,90000", "above")],
)
def test_malformed_row_names_file_and_line(tmp_path, old, new, message):
    path = broken_copy(tmp_path, 2, old, new)
    with pytest.raises(ValueError, match=rf"troop_estimates.csv:2: .*{message}"):
        reference.troop_estimates(path)


def test_line_numbers_count_from_the_header(tmp_path):
    path = broken_copy(tmp_path, 4, "2021-11-20", "20 Nov 2021")
    with pytest.raises(ValueError, match=r"troop_estimates.csv:4: column 'date_reported'"):
        reference.troop_estimates(path)


def test_implied_ranges():
    assert reference.implied_range(14000, "nearly") == (13300, 14000)
    assert reference.implied_range(100, "about") == (95, 105)
    assert reference.implied_range(100, "more than") == (100, 105)
    assert reference.implied_range(100, "") == (100, 100)
    assert reference.implied_range(169000, "between", 190000) == (169000, 190000)
    assert reference.implied_range(100, "at least")[1] == math.inf


def test_verdicts():
    assert reference.verdict(13300, 14000, 14000, 14000)[0] == "agree"
    result, gap, relative = reference.verdict(13300, 14000, 14200, 14400)
    assert result == "close" and gap == 200 and relative == pytest.approx(200 / 14300)
    assert reference.verdict(5000, 5000, 14200, 14400)[0] == "disagree"


def test_check_figure_uses_the_record_nearest_before():
    figure = {"value": 14000.0, "qualifier": "nearly", "high": math.nan,
              "text": "nearly 14,000", "unit": "people"}
    record = reference.as_record(reference.casualty_totals())
    totals = record[record["what"] == reference.record_category("people")]
    result = reference.check_figure(figure, totals, before=date(2022, 1, 1))
    assert result is not None and result.record_date == date(2021, 12, 31)
    assert (result.record_low, result.record_high, result.verdict) == (14200, 14400, "close")
    assert "14,200–14,400" in result.sentence and "200" in result.sentence
    assert reference.check_figure(figure, totals, before=date(2000, 1, 1)) is None
    table = reference.compare_all(figure, totals)
    assert len(table) == len(totals) and set(table["verdict"]) <= {"agree", "close", "disagree"}
