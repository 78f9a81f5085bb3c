"""Benchmarks: our extraction and render against the obvious ways, timed in the same run.

1. Extraction of `--articles` (1,000) articles: the real articles of data/corpus/ and
   tests/corpus/, repeated with a small edit each (a copy number in the headline and a last
   line), so no two are alike and the cache never hits.
   - ours: `python -m helpers extract FOLDER --out OUT --workers W` (a LocalCluster of W worker
     processes; every table, article.json and a cache entry per article), with an empty
     HELPERS_CACHE_DIR;
   - bare: `nlp.pipe(texts, n_process=W, batch_size=8)` over the same texts (the cleaned
     article bodies our extraction parses), in a fresh process; docs are dropped as they come.
     Batch size 8 was the fastest of 1, 8, 32 and 256 in a probe on this machine.
   Both are timed from process start to exit. Peak RSS is the largest sum of the resident
   memory of the process and all its children, sampled every 0.1 s; ours is also measured on
   the first `--small` (100) articles, to show memory flat in the number of articles.
2. Warm re-render of an unchanged folder (tests/articles/): `python -m helpers render`, run
   once to fill everything, then timed.
3. The full report set for the seed article (every numbered notebook, HTML with code hidden):
   - by hand: for each notebook, the `papermill` CLI, then `jupyter nbconvert --to html
     --no-input`, one after the other;
   - ours: `python -m helpers render --force --jobs 2`.
   Each way starts with an empty analysis cache of its own; best of `--rounds`, alternating.

Run with `make bench`; prints a table of the numbers and their targets.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from helpers.batch.render import report_notebooks
from helpers.paths import CORPUS_DIR, NOTEBOOKS_DIR, PROJ_ROOT, SEEDS_DIR, TEST_CORPUS_DIR
from helpers.source.article import load_article

BIN = Path(sys.executable).parent
WARM_FOLDER = PROJ_ROOT / "tests" / "articles"

BARE = """
import json, sys
from helpers.nlp import load_nlp
texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
for doc in load_nlp().pipe(texts, n_process=int(sys.argv[2]), batch_size=8):
    pass
"""
"""A bare pass: our pipeline (the model and its paragraph-break rule), nothing else."""


@dataclass
class Measure:
    """Wall time, CPU time and peak resident memory of one command and all its processes."""

    seconds: float
    cpu: float
    peak_mb: float
    largest_mb: float
    """The peak of its largest single process."""


def measure(command: list[str], env: dict[str, str] | None = None,
            cwd: Path | None = None) -> Measure:
    """Run `command` to its end; its wall time, CPU time and peak RSS (with all its children).

    CPU time is that of every process of the tree (each is waited for by its parent), so it
    says how much work was done, whatever else the machine was running.
    """
    before = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        root = psutil.Process(process.pid)
        while not done.wait(0.1):
            try:
                sizes = [_rss(p) for p in [root, *root.children(recursive=True)]]
                peak[0] = max(peak[0], sum(sizes))
                peak[1] = max(peak[1], *sizes)
            except psutil.NoSuchProcess:
                return

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    watcher.join()
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{errors}")
    return Measure(seconds, _children_cpu() - before, peak[0] / 2**20, peak[1] / 2**20)


def _children_cpu() -> float:
    """CPU seconds of every ended child process of this one (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def timed(command: list[str], env: dict[str, str] | None = None,
          cwd: Path | None = None) -> float:
    """Wall time of `command` (which must succeed)."""
    return measure(command, env, cwd).seconds


def with_cache(cache: Path) -> dict[str, str]:
    """The environment, with the analysis cache in `cache`."""
    return {**os.environ, "HELPERS_CACHE_DIR": str(cache)}


def make_articles(folder: Path, count: int) -> list[Path]:
    """`count` articles from the real corpora, each copy edited a little (never the same text).

    Copies are written from the cleaned article text, headline first, so each one reads like
    its original and parses the same way.
    """
    sources = sorted(CORPUS_DIR.glob("*.txt")) + sorted(TEST_CORPUS_DIR.glob("*.txt"))
    articles = [load_article(path) for path in sources]
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(count):
        article = articles[number % len(articles)]
        copy = number // len(articles) + 1
        path = folder / f"{number:05d}_{article.path.stem[:40]}.txt"
        path.write_text(f"{article.headline} ({copy})\n\n{article.text}\n\nCopy {copy}.\n",
                        encoding="utf-8")
        made.append(path)
    return made


def extraction(folder: Path, work: Path, workers: int, name: str) -> Measure:
    """`python -m helpers extract` on `folder` with an empty cache of its own."""
    return measure([sys.executable, "-m", "helpers", "extract", str(folder),
                    "--out", str(work / f"tables-{name}"), "--workers", str(workers)],
                   with_cache(work / f"cache-{name}"))


def bare_pass(paths: list[Path], work: Path, processes: int) -> Measure:
    """A bare `nlp.pipe` over the texts our extraction parses, with as many processes."""
    texts = work / "texts.json"
    texts.write_text(json.dumps([load_article(path).text for path in paths]), encoding="utf-8")
    return measure([sys.executable, "-c", BARE, str(texts), str(processes)])


def by_hand(article: Path, out: Path, cache: Path) -> None:
    """What a user would type: papermill then nbconvert, notebook after notebook."""
    for notebook in report_notebooks():
        executed = out / notebook.name
        timed([str(BIN / "papermill"), str(notebook), str(executed), "-k", "python3",
               "-p", "article_path", str(article)], with_cache(cache), NOTEBOOKS_DIR)
        timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
              with_cache(cache), NOTEBOOKS_DIR)


def our_render(articles: Path, out: Path, cache: Path, force: bool = True) -> float:
    """`python -m helpers render` of `articles` into `out`; its wall time."""
    return timed([sys.executable, "-m", "helpers", "render", "--article", str(articles),
                  "--out", str(out), "--jobs", "2", *(["--force"] if force else [])],
                 with_cache(cache))


def report(name: str, measure: Measure) -> None:
    """One line of progress: a measure as it is taken."""
    print(f"  {name}: {measure.seconds:.1f} s wall, {measure.cpu:.1f} s CPU, peak "
          f"{measure.peak_mb:.0f} MB (largest process {measure.largest_mb:.0f} MB)", flush=True)


def main(argv: list[str] | None = None) -> list[tuple[str, str, str]]:
    """Run the benchmarks and print the table; returns its rows (measure, value, target)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles extracted")
    parser.add_argument("--small", type=int, default=100, help="articles of the small run")
    parser.add_argument("--workers", type=int, default=2, help="processes, ours and bare")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of the report-set race")
    parser.add_argument("--no-render", action="store_true", help="extraction only")
    parser.add_argument("--render-only", action="store_true", help="warm re-render and report set")
    args = parser.parse_args(argv)
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        if args.render_only:
            rows += render_rows(work, args.rounds)
            return _table(rows)
        paths = make_articles(work / "articles", args.articles)
        small = work / "small"
        small.mkdir()
        for path in paths[:args.small]:  # a hard link: links out of a folder are not read
            (small / path.name).hardlink_to(path)
        print(f"Extraction: {len(paths)} articles, {args.workers} processes each way",
              flush=True)
        bare = bare_pass(paths, work, args.workers)
        report("bare nlp.pipe", bare)
        ours = extraction(work / "articles", work, args.workers, "all")
        report("helpers extract", ours)
        few = extraction(small, work, args.workers, "small")
        report(f"helpers extract, {args.small} articles", few)
        rows += [
            (f"extraction, {len(paths)} articles: ours / bare nlp.pipe, wall",
             f"{ours.seconds / bare.seconds:.2f}x ({ours.seconds:.0f} s / {bare.seconds:.0f} s)",
             "<= 1.15x"),
            (f"extraction, {len(paths)} articles: ours / bare nlp.pipe, CPU",
             f"{ours.cpu / bare.cpu:.2f}x ({ours.cpu:.0f} s / {bare.cpu:.0f} s)",
             "(work done, whatever the load)"),
            (f"peak RSS, extract {args.small} articles (largest process)",
             f"{few.peak_mb:.0f} MB ({few.largest_mb:.0f} MB)", "flat"),
            (f"peak RSS, extract {len(paths)} articles (largest process)",
             f"{ours.peak_mb:.0f} MB ({ours.largest_mb:.0f} MB)",
             f"flat (bare pass: {bare.peak_mb:.0f} MB)"),
        ]
        if not args.no_render:
            rows += render_rows(work, args.rounds)
    return _table(rows)


def _table(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Print the rows as a table; return them."""
    width = max(len(row[0]) for row in rows)
    print(f"\n{'measure':<{width}}  {'value':<28}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<28}  {target}")
    return rows


def render_rows(work: Path, rounds: int) -> list[tuple[str, str, str]]:
    """The warm re-render and the report-set race."""
    our_render(WARM_FOLDER, work / "warm", work / "warm-cache")
    warm = our_render(WARM_FOLDER, work / "warm", work / "warm-cache", force=False)
    print(f"\nWarm re-render of {WARM_FOLDER.name}/ (unchanged): {warm:.2f} s", flush=True)
    (seed,) = sorted(SEEDS_DIR.glob("*.txt"))
    print(f"Report set: {len(report_notebooks())} notebooks for {seed.name}, each way with an "
          f"empty cache, best of {rounds}", flush=True)
    hand, ours = [], []
    for number in range(rounds):  # alternate, and keep the best of each, to damp machine noise
        for name in (f"hand-{number}", f"ours-{number}"):
            (work / name).mkdir()
        start = time.perf_counter()
        by_hand(seed, work / f"hand-{number}", work / f"hand-cache-{number}")
        hand.append(time.perf_counter() - start)
        ours.append(our_render(seed, work / f"ours-{number}", work / f"ours-cache-{number}"))
        print(f"  round {number + 1}: by hand {hand[-1]:.1f} s, ours {ours[-1]:.1f} s",
              flush=True)
    return [
        (f"warm re-render, {WARM_FOLDER.name}/ unchanged", f"{warm:.2f} s", "< 2 s"),
        ("report set, 1 article: papermill+nbconvert CLIs / ours",
         f"{min(hand) / min(ours):.2f}x ({min(hand):.1f} s / {min(ours):.1f} s)", ">= 3x"),
    ]


if __name__ == "__main__":
    main()
