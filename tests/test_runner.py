"""The batch runner (issue 9 item 2, issue 13 item 5): one function does one article, Dask runs
it as one task per article on a LocalCluster or an existing cluster, an article past its time
limit is stopped and named, a failed one is named, and every other article is written."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from helpers.batch import runner
from helpers.cli import main

pytestmark = pytest.mark.slow

GOOD = {
    "harbour.txt": "Harbour reopens after storm\n\nThe harbour in Kiel reopened on Monday, "
                   "the mayor, Anna Berg, said.\n",
    "bridge.txt": "Bridge closed for repairs\n\nThe bridge in Lyon closed on Friday.\n",
    "market.txt": "Market stays open\n\n\"We will stay open,\" said Tom Reed, a trader.\n",
}
"""Small articles, each analysed in well under a second."""

TIMEOUT = 4
"""Seconds per article in these batches: the small ones need a fraction of it."""


def slow_text() -> str:
    """An article of about 900,000 characters: parsing it takes far longer than TIMEOUT."""
    words = "the minister said that troops would leave the border region soon".split()
    rng = random.Random(9)
    paragraphs = [" ".join(rng.choice(words) for _ in range(60)) + "." for _ in range(2300)]
    return "\n\n".join(["A very long article", *paragraphs])


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    """Three good articles, one that fails (binary) and one that runs past TIMEOUT; an empty
    cache of their own, which the worker processes inherit."""
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in GOOD.items():
        (articles / name).write_text(text, encoding="utf-8")
    (articles / "binary.txt").write_bytes(b"Headline\n\n\x00\x01\x02 not text")
    (articles / "slow.txt").write_text(slow_text(), encoding="utf-8")
    return articles


@pytest.fixture
def cluster(folder: Path):
    """An existing Dask cluster (two worker processes with nannies, Dask's default settings)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as local:
        yield local.scheduler_address


@pytest.mark.parametrize("where", ["workers", "scheduler"])
def test_a_batch_stops_the_hung_article_names_the_failed_one_and_writes_the_rest(
        folder, tmp_path, capsys, request, where):
    out = tmp_path / "tables"
    option = (["--workers", "2"] if where == "workers"
              else ["--scheduler", request.getfixturevalue("cluster")])
    code = main(["extract", str(folder), "--out", str(out), "--timeout", str(TIMEOUT), *option])
    printed = capsys.readouterr()
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["bridge", "harbour", "market"]
    for name, text in GOOD.items():
        about = json.loads((out / Path(name).stem / "article.json").read_text("utf-8"))
        assert about["headline"] == text.split("\n")[0]
        assert (out / Path(name).stem / "quotes.csv").exists()
    assert "2 of 5 articles failed; the other 3 were written:" in printed.err
    assert re.search(rf"slow\.txt: timed out: still running after {TIMEOUT} s, so it was "
                     rf"stopped \(its worker process was restarted\)", printed.err)
    assert re.search(r"binary\.txt: ValueError: .*looks binary", printed.err)
    assert printed.out.count("wrote ") == 3


def test_tasks_are_streamed_a_few_per_worker_not_all_at_once(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    paths = []
    for number in range(8):
        path = tmp_path / f"article_{number}.txt"
        path.write_text(f"Story {number}\n\nThe council met on Monday, {number} said.\n", "utf-8")
        paths.append(path)
    handed = []

    def tasks():
        for path in paths:
            handed.append(path)
            yield runner.Task(path, tmp_path / "out" / path.stem)

    ahead = []
    for done, outcome in enumerate(runner.run(tasks(), runner.Settings(), workers=1), start=1):
        assert outcome.ok, outcome.error
        assert (outcome.folder / "quotes.csv").exists()  # written as soon as it is done ...
        ahead.append(len(handed) - done)
        if done == 1:
            assert len(handed) < len(paths)  # ... while later articles are not even handed out
    assert max(ahead) <= 2  # one worker thread: two articles in flight at most
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.stem for p in paths]


def test_do_article_writes_the_tables_or_says_why_not(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_CACHE_OFF", "1")
    good, bad = tmp_path / "harbour.txt", tmp_path / "empty.txt"
    good.write_text(GOOD["harbour.txt"], encoding="utf-8")
    bad.write_text("", encoding="utf-8")
    folder = tmp_path / "out" / "harbour"
    folder.mkdir(parents=True)
    (folder / "stale.csv").write_text("from an earlier run", encoding="utf-8")

    outcome = runner.do_article(runner.Task(good, folder), runner.Settings())
    assert outcome.ok and outcome.folder == folder
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["mentions.csv", "entities.csv", "quotes.csv", "actors.csv", "stances.csv",
         "figures.csv", "article.json", runner.SOURCE_NOTE])  # replaced whole: no stale file
    assert (folder / runner.SOURCE_NOTE).read_text("utf-8") == f"{good}\n"
    assert not runner.leftovers(folder)

    failed = runner.do_article(runner.Task(bad, tmp_path / "out" / "empty"), runner.Settings())
    assert not failed.ok and failed.folder is None and "is empty" in failed.error
    assert not (tmp_path / "out" / "empty").exists()

    too_big = runner.do_article(runner.Task(good, None), runner.Settings(max_bytes=10))
    assert "over the 10-byte limit" in too_big.error


def test_leftovers_of_a_killed_write_are_cleaned(tmp_path):
    folder = tmp_path / "out" / "harbour"
    (tmp_path / "out" / ".harbour.x1y2.new").mkdir(parents=True)
    (tmp_path / "out" / ".harbour.x1y2.old").mkdir()
    (tmp_path / "out" / ".harbour-2.z.new").mkdir()  # another article's: kept
    assert len(runner.leftovers(folder)) == 2
    runner.clean([folder])
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".harbour-2.z.new"]


@pytest.mark.parametrize("options, message", [
    ({"workers": 2, "scheduler": "tcp://h:1"}, "not both"),
    ({"workers": 0}, "at least 1"),
    ({"scheduler": "h:1"}, "tcp://host:8786"),
    ({"timeout": 0}, "above 0"),
])
def test_impossible_batch_options_are_clear_errors(options, message):
    with pytest.raises(ValueError, match=message):
        runner.check_options(options.get("workers"), options.get("scheduler"),
                             options.get("timeout", 1))


@pytest.mark.parametrize("argv", [["--workers", "0"], ["--timeout", "-1"],
                                  ["--workers", "2", "--scheduler", "tcp://h:1"]])
def test_the_command_line_refuses_them_too(argv, tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["extract", str(tmp_path), "--out", str(tmp_path / "o"), *argv])
    assert "error:" in capsys.readouterr().err


def test_a_scheduler_that_does_not_answer_is_a_clear_error(folder, tmp_path, capsys,
                                                           monkeypatch):
    monkeypatch.setattr(runner, "CONNECT_TIMEOUT", 2)
    code = main(["extract", str(folder), "--out", str(tmp_path / "o"),
                 "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 1
    assert "no Dask scheduler answered at tcp://127.0.0.1:9" in capsys.readouterr().err


def test_one_article_runs_in_this_process_with_the_same_time_limit(tmp_path, monkeypatch,
                                                                    capsys):
    def no_cluster(*args):
        raise AssertionError("one article needs no cluster")

    monkeypatch.setattr(runner, "_client", no_cluster)
    monkeypatch.setenv("HELPERS_CACHE_OFF", "1")
    slow, good = tmp_path / "slow.txt", tmp_path / "harbour.txt"
    slow.write_text(slow_text(), encoding="utf-8")
    good.write_text(GOOD["harbour.txt"], encoding="utf-8")

    assert main(["extract", str(good), "--out", str(tmp_path / "one"), "--timeout", "60"]) == 0
    assert (tmp_path / "one" / "quotes.csv").exists()  # a single file's tables go into OUT

    code = main(["extract", str(slow), "--out", str(tmp_path / "two"), "--timeout", "2"])
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(r"slow\.txt: timed out: still running after 2 s, so it was stopped\n", err)
    assert not (tmp_path / "two" / "quotes.csv").exists()


def test_an_articles_own_warnings_are_passed_on_and_collected_garbage_is_not(tmp_path,
                                                                               monkeypatch):
    import warnings

    from helpers import analysis

    article = tmp_path / "harbour.txt"
    article.write_text(GOOD["harbour.txt"], encoding="utf-8")

    def analyze(*args, **kwargs):
        warnings.warn("Unclosed socket <zmq.Socket>", ResourceWarning, stacklevel=1)
        warnings.warn("the cache folder is read-only", UserWarning, stacklevel=1)
        raise ValueError("stop here")

    monkeypatch.setattr(analysis, "analyze", analyze)
    outcome = runner.do_article(runner.Task(article, None), runner.Settings())
    assert outcome.warnings == ("the cache folder is read-only",)
    assert outcome.error == "ValueError: stop here"
