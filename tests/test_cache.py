"""The analysis cache (issue 10, items 2 and 9): data formats behind a checksum, never a pickle;
a damaged entry is rebuilt with one warning; an unwritable folder means no cache, one warning."""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from readonly import read_only

from helpers import cache as cache_module
from helpers.analysis import analyze
from helpers.cache import CacheWarning, Entry, cache_key, decode, encode, load, store

TEXT = "Port reopens\n\nThe mayor, Anna Berg, reopened the port in Hamburg on Monday.\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache" / "analysis"  # as HELPERS_CACHE_DIR=tmp_path/cache would make it
    monkeypatch.setattr(cache_module, "ANALYSIS_CACHE", folder)
    monkeypatch.delenv(cache_module.OFF_ENV, raising=False)
    return folder


def entry_path(folder: Path, key: str) -> Path:
    return folder / f"{key}{cache_module.SUFFIX}"


@pytest.fixture
def read_only_folder(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    with read_only(folder):
        yield folder


def cache_warnings(record) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, CacheWarning)]


def test_an_entry_is_data_not_a_pickle(cache, write_article):
    analyze(write_article(TEXT))
    (path,) = cache.iterdir()
    data = path.read_bytes()
    assert data.startswith(cache_module.MAGIC)
    assert b"\x80\x04\x95" not in data[:64]  # no pickle protocol header


def test_a_pickle_in_the_cache_folder_is_never_run(cache, tmp_path):
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    key = cache_key("article", "model")
    cache.mkdir(parents=True)
    entry_path(cache, key).write_bytes(pickle.dumps(Payload()))
    with pytest.warns(CacheWarning, match="not a cache entry of this version"):
        assert load(key) is None
    assert not marker.exists()
    assert not entry_path(cache, key).exists()  # discarded


def test_flipped_bytes_are_caught_by_the_checksum_and_rebuilt_once(cache, write_article):
    path = write_article(TEXT)
    first = analyze(path)
    (entry,) = cache.iterdir()
    good = entry.read_bytes()
    rng = random.Random(10)
    for _ in range(200):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        if damaged == good:
            continue
        entry.write_bytes(bytes(damaged))
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            assert load(entry.stem) is None
        (message,) = cache_warnings(record)
        assert "could not be read" in message and "computed again" in message
        assert not entry.exists()  # discarded, not read again on every run
    entry.write_bytes(good[:-1] + bytes([good[-1] ^ 1]))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        again = analyze(path)
    assert not again.from_cache and len(cache_warnings(record)) == 1
    assert analyze(path).from_cache  # rebuilt, and good again
    pd.testing.assert_frame_equal(analyze(path).quotes, first.quotes)


def test_a_damaged_entry_in_another_process_ends_cleanly(cache, write_article, tmp_path):
    """Damaged entries once crashed the process (exit 139) on every run: now a warning."""
    path = write_article(TEXT)
    analyze(path)
    (entry,) = cache.iterdir()
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.write_bytes(bytes(data))
    script = ("import sys; from helpers.analysis import analyze; "
              "print(analyze(sys.argv[1]).from_cache)")
    env = {**os.environ, "HELPERS_CACHE_DIR": str(cache.parent)}  # the same folder
    done = subprocess.run([os.sys.executable, "-c", script, str(path)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False" and "CacheWarning" in done.stderr


def test_a_read_only_cache_folder_runs_without_the_cache_with_one_warning(
        read_only_folder, monkeypatch, write_article):
    monkeypatch.setattr(cache_module, "ANALYSIS_CACHE", read_only_folder / "analysis")
    monkeypatch.setattr(cache_module, "_warned", set())
    monkeypatch.delenv(cache_module.OFF_ENV, raising=False)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        first = analyze(write_article(TEXT))
        second = analyze(write_article(TEXT.replace("Hamburg", "Bremen"), "other.txt"))
    assert not first.from_cache and not second.from_cache
    (message,) = cache_warnings(record)
    assert "cannot be used" in message and "HELPERS_CACHE_DIR" in message
    assert "Anna Berg" in set(first.entities["actor"])


def test_switched_off_by_the_environment(cache, write_article, monkeypatch):
    monkeypatch.setenv(cache_module.OFF_ENV, "1")
    path = write_article(TEXT)
    analyze(path)
    assert not analyze(path).from_cache and not cache.exists()


def test_the_seed_tables_round_trip_with_their_dtypes(seed_path, cache):
    result = analyze(seed_path, use_cache=False)
    entry = decode(encode(Entry(b"doc", result.tables(), {"model": result.model})))
    assert entry.doc == b"doc" and entry.meta == {"model": result.model}
    for name, table in result.tables().items():
        pd.testing.assert_frame_equal(entry.tables[name], table, check_exact=True)


COLUMNS = {
    "int64": st.lists(st.integers(-2**63, 2**63 - 1)),
    "float64": st.lists(st.floats(allow_nan=True, allow_infinity=True)),
    "bool": st.lists(st.booleans()),
    "Int64": st.lists(st.none() | st.integers(-2**63, 2**63 - 1)),
    "str": st.lists(st.none() | st.text()),
    "object": st.lists(st.none() | st.text() | st.integers(-1000, 1000)),
}


@st.composite
def tables(draw) -> pd.DataFrame:
    rows = draw(st.integers(0, 5))
    names = draw(st.lists(st.text(min_size=1, max_size=8), max_size=5, unique=True))
    columns = {}
    for name in names:
        dtype = draw(st.sampled_from(sorted(COLUMNS)))
        values = draw(COLUMNS[dtype].filter(lambda v, n=rows: len(v) >= n))[:rows]
        columns[name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(columns) if columns else pd.DataFrame(index=pd.RangeIndex(rows))


@settings(max_examples=150, deadline=None)
@given(tables())
def test_any_table_round_trips_with_dtypes_and_values(table):
    (back,) = decode(encode(Entry(b"", {"t": table}, {}))).tables.values()
    pd.testing.assert_frame_equal(back, table, check_exact=True)
    for name in table.columns:
        if table[name].dtype == np.float64:  # -0.0 stays -0.0 (a NaN's sign means nothing)
            numbers = table[name].notna()
            signs = [np.signbit(t[name][numbers]) for t in (back, table)]
            assert np.array_equal(*signs)


def test_an_empty_table_keeps_its_columns():
    table = pd.DataFrame({"actor": pd.Series([], dtype="str"), "n": pd.Series([], dtype="Int64")})
    back = decode(encode(Entry(b"", {"t": table}, {}))).tables["t"]
    assert list(back.columns) == ["actor", "n"] and str(back["n"].dtype) == "Int64"


def test_a_table_the_cache_cannot_keep_exactly_is_refused(cache):
    with pytest.raises(ValueError, match="0..n-1 index and unique column names"):
        store("k", Entry(b"", {"t": pd.DataFrame({"a": [1]}, index=[5])}, {}))
