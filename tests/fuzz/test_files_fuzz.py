"""File-level fuzzing (issue 10): random names, sizes, encodings, FIFOs and links, read one by one
and as a folder; concurrent renders; renders killed at random moments, after each of which
every report in the index must open."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportcheck import broken_links, leftovers
from test_render import write_notebook

from helpers.cli import main
from helpers.source.article import load_article
from helpers.source.slugs import MAX_LENGTH, RESERVED, slug_for

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
SLUG = re.compile(r"[a-z0-9_-]+")
BODY = "Talks resume\n\n\"We will meet again,\" the envoy, Anna Berg, said on Monday.\n"

names = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="/\x00"),
    min_size=1, max_size=120,
).map(lambda s: s.strip() or "x").filter(
    lambda s: s not in (".", "..") and len((s + ".txt").encode()) <= 255)

encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1",
                             "cp1252"])
texts = st.one_of(
    st.just(BODY),
    st.text(max_size=3_000).map(lambda t: "Head\n\n" + t),
    st.binary(max_size=3_000),
    st.builds(lambda n, pos: BODY * n + "\x00" * pos, st.integers(1, 400), st.integers(0, 2)),
)
kinds = st.sampled_from(["file", "file", "file", "fifo", "link", "dangling", "zero", "folder"])


def make(folder: Path, name: str, kind: str, content: str | bytes, encoding: str) -> Path:
    """One entry of a random kind in `folder`."""
    path = folder / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "dangling":
        path.symlink_to(folder / "nowhere")
    else:
        data = content if isinstance(content, bytes) else content.encode(encoding, "replace")
        target = path if kind == "file" else folder / f".target-{len(os.listdir(folder))}"
        target.write_bytes(data)
        if kind == "link":
            path.symlink_to(target)
    return path


@settings(max_examples=EXAMPLES, deadline=10_000,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=names, suffix=st.sampled_from([".txt", ".html", ".TXT"]), kind=kinds,
       content=texts, encoding=encodings, limit=st.sampled_from([None, 64, 10_000]))
def test_any_file_loads_or_fails_clearly_and_quickly(tmp_path_factory, name, suffix, kind,
                                                     content, encoding, limit):
    folder = tmp_path_factory.mktemp("one")
    path = make(folder, name + suffix, kind, content, encoding)
    started = time.monotonic()
    try:
        article = load_article(path, max_bytes=limit)
    except (ValueError, OSError) as error:
        assert str(path) in str(error) or path.name in str(error), error
    else:
        assert "\x00" not in article.text and "\x00" not in article.headline
        assert article.text == "\n\n".join(article.paragraphs)
    assert time.monotonic() - started < 5, "a single file took over 5 s"
    slug = slug_for(path)
    assert SLUG.fullmatch(slug) and len(slug) <= MAX_LENGTH and slug not in RESERVED
    assert slug == slug_for(path)


@settings(max_examples=max(EXAMPLES // 10, 5), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(entries=st.lists(st.tuples(names, kinds, texts, encodings), min_size=2, max_size=12,
                        unique_by=lambda e: e[0]))
def test_a_folder_of_random_files_extracts_each_good_one_into_its_own_folder(
        tmp_path_factory, entries):
    folder = tmp_path_factory.mktemp("many")
    paths = [make(folder, f"{name}.txt", kind, text, enc) for name, kind, text, enc in entries]
    files = {path.resolve(): slug_for(path) for path in paths}  # links to one file: one file
    assert len(set(files.values())) == len(files), files
    out = tmp_path_factory.mktemp("out")
    main(["extract", str(folder), "--out", str(out)])
    for path in paths:
        try:
            load_article(path)
        except (ValueError, OSError):
            continue
        quotes = out / slug_for(path) / "quotes.csv"
        assert quotes.exists(), path.name
    for table in out.rglob("*.csv"):
        assert "\x00" not in table.read_text("utf-8")


ARTICLE_ROW = r"<tr data-outlet="
"""An article's row in the index (templates/site/index.html.j2)."""

RENDER = """
import sys
from pathlib import Path
from helpers.batch.render import render
result = render([Path(sys.argv[1])], out_dir=Path(sys.argv[2]), notebooks=[Path(sys.argv[3])],
                force=True, progress=False)
sys.exit(1 if result.failures else 0)
"""


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A folder of articles with awkward names, a small notebook and an output folder."""
    rng = random.Random(int(os.environ.get("FUZZ_SEED", "10")))
    folder = tmp_path / "articles"
    folder.mkdir()
    stems = ["Talks", "talks", "talks!", "with code", "Ärger & Co", "Крым", "東京",
             "a" * 245, "index", "corpus", " spaced  out "]
    for number, stem in enumerate(stems):
        words = " ".join(rng.choice(["harbour", "bridge", "council", "river"]) for _ in range(5))
        (folder / f"{stem}.txt").write_text(f"Story {number}\n\nThe {words} reopened.\n",
                                            "utf-8")
    notebook = write_notebook(tmp_path / "nbs", "01_small.ipynb")
    return folder, tmp_path / "reports", notebook


def start(folder: Path, out: Path, notebook: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", RENDER, str(folder), str(out), str(notebook)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.mark.timeout(1800)
def test_concurrent_renders_of_one_folder_all_succeed(corpus):
    folder, out, notebook = corpus
    processes = [start(folder, out, notebook) for _ in range(3)]
    errors = [process.communicate(timeout=900)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], errors
    assert not broken_links(out) and not leftovers(out)
    assert len(re.findall(ARTICLE_ROW, (out / "index.html").read_text("utf-8"))) == 11


@pytest.mark.timeout(3600)
def test_renders_killed_at_random_moments_never_break_a_report_in_the_index(corpus):
    """Each kill falls at a random moment of a whole render (analysis, notebooks, swap)."""
    folder, out, notebook = corpus
    began = time.monotonic()
    assert start(folder, out, notebook).wait(timeout=900) == 0
    duration = time.monotonic() - began
    first = (out / "index.html").read_text("utf-8")
    rng = random.Random(int(os.environ.get("FUZZ_SEED", "10")))
    kills = int(os.environ.get("FUZZ_KILLS", "12"))
    for _ in range(kills):
        process = start(folder, out, notebook)
        time.sleep(rng.uniform(0, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        assert not broken_links(out), f"after a kill at a random moment: {broken_links(out)}"
        assert len(re.findall(ARTICLE_ROW, (out / "index.html").read_text("utf-8"))) == len(
            re.findall(ARTICLE_ROW, first))
    assert start(folder, out, notebook).wait(timeout=900) == 0
    assert not broken_links(out) and not leftovers(out)
