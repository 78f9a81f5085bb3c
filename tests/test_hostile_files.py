"""Hostile article files (issue 23, items 4, 9, 12, 13, 14 and 15): a loop of links, a link out
of the folder, invisible characters in names, newlines in file names, crafted names in a
suggested command, UTF-16 without a byte-order mark, and a manifest value over the csv limit."""

from __future__ import annotations

import shlex

import pytest

from helpers.batch.render import find_articles
from helpers.cli import main
from helpers.source.article import load_article
from helpers.source.slugs import slug_for

GOOD = "Harbour\n\nThe harbour, said the mayor Anna Berg, reopened on Monday.\n"


@pytest.fixture
def hostile_folder(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret\n\nThe password is swordfish.\n", encoding="utf-8")
    (folder / "outside.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to("good.txt")  # the same file again: listed once
    (folder / "a\nfailed forged.txt").write_text(GOOD.replace("Monday", "Tuesday"), "utf-8")
    return folder


def test_symlink_loop_fails_alone_with_a_message(hostile_folder):
    loop = hostile_folder / "loop.txt"
    with pytest.warns(UserWarning, match="outside"):
        found = find_articles([hostile_folder])
    assert sorted(path.name for path in found) == ["a\nfailed forged.txt", "good.txt",
                                                   "loop.txt"]
    assert slug_for(loop) == "loop"
    with pytest.raises(ValueError, match="a loop of symbolic links"):
        load_article(loop)


def test_symlink_outside_the_folder_is_not_followed_and_names_are_one_line(hostile_folder,
                                                                           tmp_path, capsys):
    out = tmp_path / "tables"
    assert main(["extract", str(hostile_folder), "--out", str(out), "--workers", "1"]) == 1
    printed = capsys.readouterr()
    lines = (printed.out + printed.err).splitlines()
    assert not any(line.startswith("failed forged") for line in lines)  # no forged line
    assert any(line.startswith("wrote ") and "a\\nfailed forged.txt" in line for line in lines)
    assert any(line.startswith("failed loop.txt: ") and "loop of symbolic links" in line
               for line in lines)
    assert any(line.startswith("warning: ") and "outside.txt is a link to" in line
               for line in lines)
    tables = "".join(path.read_text(encoding="utf-8") for path in out.rglob("*.*"))
    assert "swordfish" not in tables and "Anna Berg" in tables


def test_bidi_and_zero_width_characters_do_not_split_an_actor(analyze_text):
    analysis = analyze_text("Talks\u200b\n\nAn\u200bna Berg met the minister on Monday. "
                            "\u202eAnna Berg\u202c said the talks went well. Anna\u00ad Berg "
                            "left for Vienna, and Anna Berg\u2066 came back.\n")
    assert analysis.article.headline == "Talks"
    assert not any(char in analysis.article.text for char in "\u200b\u202e\u202c\u00ad\u2066")
    people = set(analysis.entities.loc[analysis.entities["type"] == "person", "actor"])
    assert people == {"Anna Berg"}


def test_iconv_suggestion_is_shell_safe_for_a_crafted_name(write_article):
    name = "x'; touch pwned; echo '.txt"
    path = write_article(b"\xff\xfe" + "Hi\n\nText.\n".encode("utf-16-le"), name)
    with pytest.raises(ValueError) as refused:
        load_article(path)
    command = str(refused.value).split("`")[1]
    assert shlex.split(command) == ["iconv", "-f", "utf-16", "-t", "utf-8", name, ">",
                                    "fixed.txt"]
    latin = write_article("Café\n\nDéjà vu.\n".encode("latin-1"), "a b$(id).txt")
    with pytest.raises(ValueError) as refused:
        load_article(latin)
    assert shlex.split(str(refused.value).split("`")[1])[5] == "a b$(id).txt"


@pytest.mark.parametrize(("codec", "name"), [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
def test_utf16_without_bom_is_named_as_such(write_article, codec, name):
    path = write_article(("Harbour\n\nThe harbour reopened on Monday.\n" * 3).encode(codec))
    with pytest.raises(ValueError, match=f"looks like {name} text without a byte-order mark"):
        load_article(path)


def test_manifest_field_over_the_csv_limit_names_file_and_line(write_article):
    path = write_article(GOOD, "harbour.txt")
    manifest = path.parent / "manifest.csv"
    manifest.write_text("file,outlet,notes\nother.txt,VOA,\nharbour.txt,VOA,"
                        + "x" * 140_000 + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"manifest\.csv, line 3: not readable as CSV"):
        load_article(path)
