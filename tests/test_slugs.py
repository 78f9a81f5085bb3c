"""Report-folder names (issue 10, items 5 and 14): unique per file, stable, readable, short."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.source.slugs import MAX_LENGTH, RESERVED, slug_for


def test_a_name_that_is_already_a_slug_is_kept():
    assert slug_for(Path("/a/000_c0fed61a49489022.txt")) == "000-c0fed61a49489022"  # as before
    assert slug_for(Path("/a/bus-lanes.html")) == "bus-lanes"
    assert slug_for(Path("/a/quiet_day.txt")) == "quiet-day"


def test_names_that_differ_only_in_case_or_punctuation_get_different_slugs(tmp_path):
    names = ["Talks.txt", "talks.txt", "talks!.txt", "TALKS.txt", "talks .txt"]
    slugs = [slug_for(tmp_path / name) for name in names]
    assert len(set(slugs)) == len(names)
    assert all(slug.startswith("talks") for slug in slugs)


@pytest.mark.parametrize(("name", "words"), [
    ("Ärger & Co!!.txt", "arger-co"),
    ("Компьютер.txt", "kompiuter"),
    ("影師嗎.txt", "ying-shi-ma"),
    ("C'est déjà l'été.txt", "c-est-deja-l-ete"),
    ("***.txt", "article"),
])
def test_non_ascii_names_keep_readable_words(tmp_path, name, words):
    slug = slug_for(tmp_path / name)
    assert slug.rsplit("-", 1)[0] == words
    assert len(slug.rsplit("-", 1)[1]) == 8


def test_every_non_ascii_name_no_longer_becomes_article(tmp_path):
    names = ["Ärger.txt", "Крым.txt", "東京.txt", "Ελλάδα.txt"]
    assert len({slug_for(tmp_path / name) for name in names}) == len(names)
    assert not any(slug_for(tmp_path / name).startswith("article") for name in names)


def test_a_slug_is_stable_and_depends_on_the_resolved_path(tmp_path, monkeypatch):
    path = tmp_path / "Talks.txt"
    assert slug_for(path) == slug_for(path)
    monkeypatch.chdir(tmp_path)
    assert slug_for(Path("Talks.txt")) == slug_for(path)
    assert slug_for(tmp_path / "other" / "Talks.txt") != slug_for(path)


@pytest.mark.parametrize("name", sorted(RESERVED))
def test_the_kits_own_folder_names_are_never_an_articles_slug(tmp_path, name):
    assert slug_for(tmp_path / f"{name}.txt") not in RESERVED
    assert slug_for(tmp_path / f"{name.replace('-', ' ')}.txt") not in RESERVED


@pytest.mark.parametrize("length", [64, 65, 245, 246, 251])
def test_long_names_give_short_slugs(tmp_path, length):
    slug = slug_for(tmp_path / ("a" * length + ".txt"))
    assert len(slug) <= MAX_LENGTH
    assert slug.startswith("a" * 40)
