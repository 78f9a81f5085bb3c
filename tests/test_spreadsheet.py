"""CSV files for a spreadsheet (issue 23, item 1): a text cell never starts a formula, numbers
stay numbers, and the corpus reads back exactly what the analysis found."""

from __future__ import annotations

import csv

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from helpers import spreadsheet
from helpers.findings import corpus

ARTICLE = ("Calculator\n\nThe clerk, Anna Berg, said: “=HYPERLINK(\"http://x\",\"y\")”. The "
           "temperature fell to -5 degrees, and 300 people left.\n")
HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
           "\t=1+1", "\r=2+2", "'=already", "''+twice"]  # names the corpus keeps apart


def rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_formula_injection_text_cells_start_with_a_quote_numbers_stay(analyze_text,
                                                                          tmp_path):
    result = analyze_text(ARTICLE)
    result.quotes = pd.DataFrame({"speaker": HOSTILE, "text": ["@x"] * len(HOSTILE),
                           "kind": "direct", "cue": "-said", "paragraph": 1, "start": 0,
                           "end": 2, "speaker_as_written": "Anna", "words": -1})
    result.write_csv(tmp_path)
    written = rows(tmp_path / "quotes.csv")
    assert [row["speaker"] for row in written] == [f"'{text}" for text in HOSTILE]
    assert {row["text"] for row in written} == {"'@x"} and {row["cue"] for row in written} == {
        "'-said"}
    assert {row["words"] for row in written} == {"-1"}  # a number column is left a number
    figures = rows(tmp_path / "figures.csv")
    negative = [row for row in figures if row["text"].startswith("'-")]
    assert [row["value"] for row in negative] == ["-5"]  # the value is a number, not text
    for path in tmp_path.glob("*.csv"):
        for row in rows(path):
            for cell in row.values():
                assert not cell or cell[0] not in "=+-@\t\r" or _is_number(cell), (path, cell)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_csv_formula_injection_corpus_reads_back_what_was_found(analyze_text, tmp_path):
    result = analyze_text(ARTICLE)
    result.quotes = pd.DataFrame({"speaker": HOSTILE, "text": ["'Tis", *HOSTILE[1:]],
                                  "kind": "direct", "cue": "said", "paragraph": 1, "start": 0,
                                  "end": 2, "speaker_as_written": HOSTILE, "words": 3})
    result.write_csv(tmp_path / "article")
    read = corpus.load(tmp_path)
    assert list(read.quotes["speaker"]) == HOSTILE
    assert list(read.quotes["text"]) == ["'Tis", *HOSTILE[1:]]
    assert list(read.quotes["speaker_as_written"]) == HOSTILE
    assert sorted(read.figures["text"]) == sorted(result.figures["text"])
    assert list(read.figures["value"]) == list(result.figures["value"])


@given(st.text(max_size=12))
def test_csv_formula_injection_escape_is_undone_exactly(text):
    cell = spreadsheet.escape(text)
    assert spreadsheet.unescape(cell) == text
    assert not cell or cell[0] not in "=+-@\t\r"
