"""One analysis per article: computed once, cached on disk, recomputed when an input changes."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import cache as cache_module
from helpers.analysis import TABLES, Analysis, analyze
from helpers.cache import cache_key


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setattr(cache_module, "ANALYSIS_CACHE", folder)
    monkeypatch.delenv(cache_module.OFF_ENV, raising=False)
    return folder


TEXT = "Port reopens\n\nThe mayor, Anna Berg, reopened the port in Hamburg on Monday.\n"


def test_cache_hit_returns_the_same_tables(cache, write_article):
    path = write_article(TEXT)
    first = analyze(path)
    assert not first.from_cache and len(list(cache.iterdir())) == 1
    second = analyze(path)
    assert second.from_cache
    for name, table in first.tables().items():
        pd.testing.assert_frame_equal(table, second.tables()[name])
    assert [(e.text, e.label_) for e in second.doc.ents] == [
        (e.text, e.label_) for e in first.doc.ents]
    assert second.article.path == path


def test_a_cached_doc_keeps_every_annotation_but_the_tensor(cache, write_article):
    path = write_article(TEXT)
    fresh = analyze(path)
    cached = analyze(path)
    assert cached.from_cache and not fresh.from_cache
    assert [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start)
            for t in cached.doc] == [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_,
                                      t.is_sent_start) for t in fresh.doc]
    assert cached.doc.tensor.size == 0 < fresh.doc.tensor.size
    entry = next(cache.iterdir())
    assert entry.stat().st_size < fresh.doc.tensor.nbytes  # smaller than the tensor alone


def test_changed_article_misses_the_cache(cache, write_article):
    path = write_article(TEXT)
    analyze(path)
    path.write_text(TEXT.replace("Hamburg", "Bremen"), encoding="utf-8")
    changed = analyze(path)
    assert not changed.from_cache
    assert "Bremen" in set(changed.entities["actor"])
    assert len(list(cache.iterdir())) == 2


def test_key_depends_on_model_and_code(monkeypatch):
    key = cache_key("article hash", "en_core_web_sm 3.8.0")
    assert key != cache_key("article hash", "en_core_web_sm 3.7.1")
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "other code")
    assert key != cache_key("article hash", "en_core_web_sm 3.8.0")


def test_every_table_is_a_real_attribute_in_stage_order():
    names = [name for name in Analysis.__dataclass_fields__ if name in TABLES]
    assert names == list(TABLES)


def test_unreadable_cache_entry_is_recomputed_with_a_warning(cache, write_article):
    path = write_article(TEXT)
    analyze(path)
    (entry,) = cache.iterdir()
    entry.write_bytes(b"not an entry")
    with pytest.warns(cache_module.CacheWarning, match="discarded and the analysis is computed"):
        assert not analyze(path).from_cache
    assert analyze(path).from_cache


def test_no_cache_when_asked(cache, write_article):
    analyze(write_article(TEXT), use_cache=False)
    assert not cache.exists()


def test_max_bytes_limits_the_file_read(write_article):
    path = write_article(TEXT)
    with pytest.raises(ValueError, match="over the 20-byte limit"):
        analyze(path, use_cache=False, max_bytes=20)
    whole = analyze(path, use_cache=False, max_bytes=len(TEXT))
    assert "Anna Berg" in set(whole.entities["actor"])


def test_csv_writes_whole_numbers_as_integers(write_article, tmp_path):
    result = analyze(write_article("Budget\n\nThe city spent $48 million and 7.5 percent more.\n"),
                     use_cache=False)
    result.write_csv(tmp_path)
    text = (tmp_path / "figures.csv").read_text(encoding="utf-8")
    assert "48000000," in text and "48000000.0" not in text and "7.5," in text


def test_tables_travel_with_what_the_article_is(analyze_text, tmp_path):
    import json

    result = analyze_text("Port reopens\n\nThe mayor, Anna Berg, reopened the port on Monday.\n")
    names = [path.name for path in result.write_csv(tmp_path)]
    assert names[-1] == "article.json" and "quotes.csv" in names
    about = json.loads((tmp_path / "article.json").read_text(encoding="utf-8"))
    assert about["headline"] == "Port reopens" and about["story"] == ""
    assert about["words"] == result.article.word_count and about["date"] is None
