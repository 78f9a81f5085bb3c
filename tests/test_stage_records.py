"""The records of the stages are the one definition of each table: columns and types come from
their fields, and the corpus reads tables back by the same schema."""

from __future__ import annotations

import json
import math

import pytest
from corpora import HEADERS, TWO_ARTICLES

from helpers.extract.records import TABLE_RECORDS, Figure, Quote, dtypes, table
from helpers.findings import corpus
from helpers.vocab import QuoteKind


def test_an_empty_table_keeps_its_columns_and_types():
    quotes = table([], Quote)
    assert list(quotes.columns) == ["speaker", "text", "kind", "cue", "paragraph", "start",
                                    "end", "speaker_as_written", "words"]
    assert quotes["start"].dtype == "int64" and quotes["text"].dtype == object
    figures = table([], Figure)
    assert figures["link"].dtype == "Int64" and figures["exact"].dtype == bool


def test_a_table_holds_each_record_as_a_row():
    figure = Figure(150_000.0, "troops", "troops", False, "", "", "", "150,000", "s", 1,
                    150_000.0, math.nan, True, 3, 10)
    linked = Figure(**{**vars(figure), "link": 2})
    frame = table([figure, linked], Figure)
    assert frame["link"].isna().tolist() == [True, False] and frame["link"][1] == 2
    assert frame["value"].tolist() == [150_000.0, 150_000.0]
    quote = Quote("Ortiz", "We will", QuoteKind.REPORTED, "said", 2, 5, 12, "she", 2)
    assert table([quote], Quote)["kind"].tolist() == ["indirect"]


def test_the_corpus_schemas_are_the_records(tmp_path):
    for name, schema in corpus.SCHEMAS.items():
        assert schema == dtypes(TABLE_RECORDS[name])
        assert list(schema) == HEADERS[name]
    assert "start" in corpus.SCHEMAS["stances"]  # was left out and silently dropped


def test_a_table_file_with_other_columns_is_an_error(tmp_path):
    folder = tmp_path / "tables" / "one"
    folder.mkdir(parents=True)
    source = sorted(p for p in TWO_ARTICLES.iterdir() if p.is_dir())[0]
    for path in source.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    about = json.loads((folder / "article.json").read_text())
    (folder / "article.json").write_text(json.dumps({**about, "slug": "one"}))
    assert len(corpus.load(tmp_path / "tables").stances) >= 1
    lines = (folder / "stances.csv").read_text(encoding="utf-8").splitlines()
    (folder / "stances.csv").write_text(
        "\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"stances.csv has the columns .*missing: \['start'\]"
                       r".*extract the article again"):
        corpus.load(tmp_path / "tables")
