"""Reading files safely (issue 10, items 4, 10, 14, 15): only regular files, never more than the
limit, NUL bytes and UTF-16 named, `--max-bytes` on the command line, `extract` decides by the
folder it reads, long file names."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from helpers.cli import main
from helpers.paths import PROJ_ROOT
from helpers.source.article import load_article

ARTICLES_DIR = PROJ_ROOT / "tests" / "articles"

LOAD_LIMITS = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a runaway read fails, not the box
from helpers.source.article import load_article
try:
    load_article(sys.argv[1])
except ValueError as error:
    print(error)
    sys.exit(3)
"""


def load_in_a_box(path: Path | str) -> subprocess.CompletedProcess:
    """load_article in a child process with 2 GB of memory and 60 s: a hang or a runaway read
    fails this test instead of stalling or starving the machine."""
    return subprocess.run([sys.executable, "-c", LOAD_LIMITS, str(path)], capture_output=True,
                          text=True, timeout=60)


QUOTED = ('Talks resume\n\n"We will meet again on Monday," the envoy, Anna Berg, said. '
          "She added that the talks went well.\n\n")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_at_once(fifo):
    done = load_in_a_box(fifo)
    assert done.returncode == 3, done.stderr
    assert "is a named pipe (FIFO), not a regular file" in done.stdout


@pytest.mark.parametrize("device", ["/dev/zero", "link"])
def test_dev_zero_is_refused_not_read_until_memory_runs_out(tmp_path, device):
    path = Path(device)
    if device == "link":
        path = tmp_path / "zero.txt"
        path.symlink_to("/dev/zero")
    done = load_in_a_box(path)
    assert done.returncode == 3, done.stderr
    assert "is a character device (such as /dev/zero), not a regular file" in done.stdout


@pytest.mark.timeout(300)
def test_a_fifo_inside_a_folder_fails_only_itself(tmp_path, fifo, capsys):
    (tmp_path / "talks.txt").write_text(QUOTED, encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    code = main(["extract", str(tmp_path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "pipe.txt is a named pipe (FIFO), not a regular file" in err
    assert "folder.txt is a folder, not an article file" in err
    assert (tmp_path / "out" / "talks" / "quotes.csv").exists()


def test_at_most_limit_plus_one_bytes_are_read_whatever_stat_says(tmp_path):
    """/proc files say size 0 and hold more: the limit counts what is read, not `stat`."""
    maps = tmp_path / "maps.txt"
    maps.symlink_to("/proc/self/maps")
    assert maps.stat().st_size == 0
    with pytest.raises(ValueError, match=r"over the 100-byte limit for one article"):
        load_article(maps, max_bytes=100)


def test_nul_bytes_are_found_anywhere(write_article):
    text = "Headline\n\n" + "Plain words here. " * 500 + "\x00 hidden\n"
    assert text.index("\x00") > 8192
    with pytest.raises(ValueError, match=r"looks binary \(it contains NUL bytes\), first at byte "
                                         r"9,010"):
        load_article(write_article(text.encode()))


@pytest.mark.parametrize(("encoding", "name"), [
    ("utf-16", "UTF-16 (little-endian)"),
    ("utf-16-be", "UTF-16 (big-endian)"),
    ("utf-32", "UTF-32 (little-endian)"),
])
def test_utf16_and_utf32_are_named_with_the_fix(write_article, encoding, name):
    text = "Headline\n\nThe café reopened on Monday.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    with pytest.raises(ValueError, match=rf"is {re.escape(name)} text \(it starts with the "
                                         rf"byte-order mark .*iconv -f utf-"):
        load_article(write_article(data))


def test_the_limit_message_names_every_way_to_raise_it(write_article):
    with pytest.raises(ValueError) as error:
        load_article(write_article("Title\n\n" + "word " * 50), max_bytes=100)
    assert "--max-bytes N" in str(error.value) and "max_bytes=N" in str(error.value)
    assert "notebook's parameter `max_bytes = N`" in str(error.value)


@pytest.mark.timeout(300)
def test_max_bytes_on_the_command_line(tmp_path, capsys):
    """The limit travels as an argument to the loader on the worker, not in the environment."""
    article = tmp_path / "talks.txt"
    article.write_text(QUOTED, encoding="utf-8")
    environment = dict(os.environ)
    assert main(["extract", str(article), "--out", str(tmp_path / "a"), "--max-bytes", "50"]) == 1
    size = article.stat().st_size
    assert f"{article} is {size} bytes or more, over the 50-byte limit" in capsys.readouterr().err
    assert dict(os.environ) == environment
    assert main(["extract", str(article), "--out", str(tmp_path / "b"), "--max-bytes",
                 "5000"]) == 0
    with pytest.raises(SystemExit):
        main(["extract", str(article), "--out", str(tmp_path / "c"), "--max-bytes", "lots"])
    assert "must be a whole number of bytes" in capsys.readouterr().err


@pytest.mark.parametrize("limit", [0, -5, "100", 1.5, True])
def test_a_bad_limit_in_python_is_refused_with_the_fix(write_article, limit):
    path = write_article("Title\n\n" + "word " * 50)
    with pytest.raises(ValueError, match=r"max_bytes must be a whole number of bytes \(at least "
                                         r"1\) or None for the default 2,000,000, got "):
        load_article(path, max_bytes=limit)


def test_a_limit_in_python_is_the_limit(write_article):
    path = write_article("Title\n\n" + "word " * 50)
    with pytest.raises(ValueError, match="over the 100-byte limit"):
        load_article(path, max_bytes=100)
    assert load_article(path, max_bytes=1000).paragraphs == (("word " * 50).strip(),)


def test_a_dangling_link_says_where_it_points(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(FileNotFoundError, match=r"gone\.txt, a link to .*nowhere\.txt, which "
                                                r"does not exist"):
        load_article(link)


@pytest.mark.timeout(300)
def test_extract_on_a_relative_folder_decides_by_the_folder_it_reads(tmp_path, monkeypatch,
                                                                    capsys):
    """From a folder with no tests/articles, the project's own is read: one folder each."""
    monkeypatch.chdir(tmp_path)
    assert not (tmp_path / "tests").exists()
    assert main(["extract", "tests/articles", "--out", "x"]) == 0
    folders = sorted(p.name for p in (tmp_path / "x").iterdir())
    assert folders == sorted(p.stem.replace("_", "-") for p in ARTICLES_DIR.glob("*.txt"))
    assert not list((tmp_path / "x").glob("*.csv"))


@pytest.mark.timeout(300)
def test_nul_after_8_kb_never_reaches_the_tables(tmp_path, capsys):
    text = QUOTED + "Filler words for the reader. " * 300 + '"A quote \x00 with NUL," Berg said.\n'
    assert text.index("\x00") > 8192
    article = tmp_path / "nul.txt"
    article.write_bytes(text.encode())
    out = tmp_path / "out"
    assert main(["extract", str(article), "--out", str(out)]) == 1
    assert "contains NUL bytes" in capsys.readouterr().err
    for table in out.glob("*.csv") if out.exists() else []:
        assert "\x00" not in table.read_text("utf-8")


@pytest.mark.timeout(300)
def test_long_file_names_extract_into_short_folders(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    long_name = folder / ("a" * 246 + ".txt")
    long_name.write_text(QUOTED, encoding="utf-8")
    assert main(["extract", str(folder), "--out", str(tmp_path / "out")]) == 0
    (written,) = (tmp_path / "out").iterdir()
    assert len(written.name) <= 64
    assert not pd.read_csv(written / "quotes.csv").empty


LONG_SCRIPT = textwrap.dedent("""
    import sys
    from helpers.source.article import load_article
    print(load_article(sys.argv[1]).slug)
""")


def test_a_long_name_gives_a_short_stable_slug(tmp_path):
    path = tmp_path / ("Ä" * 120 + ".txt")  # 240 bytes in UTF-8
    path.write_text(QUOTED, encoding="utf-8")
    elsewhere = subprocess.run([sys.executable, "-c", LONG_SCRIPT, str(path)], text=True,
                               capture_output=True, check=True).stdout.strip()
    slug = load_article(path).slug
    assert slug == elsewhere  # the same in every process: a hash of the path, not hash()
    assert slug.startswith("aaaa") and len(slug) <= 64
