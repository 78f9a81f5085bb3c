"""Benchmarks: our render and extraction against the obvious ways, timed in the same run.

1. Render the seed's full report set (every numbered notebook, HTML with code hidden):
   - by hand: for each notebook, the `papermill` CLI, then `jupyter nbconvert --to html
     --no-input`, one after the other;
   - our way: `python -m helpers render --force` (one analysis, notebooks in parallel kernels).
   Each way starts with an empty analysis cache of its own, so neither reuses the other's work.
2. Extraction on 50 articles (the seed and variants made here): `helpers.analysis.analyze_many`
   (load, one `nlp.pipe` pass, every table) against a bare `nlp.pipe` over the same texts.

Run with `make bench`; prints both times and the ratio for each.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers.analysis import analyze_many
from helpers.batch.render import report_notebooks
from helpers.nlp import load_nlp
from helpers.paths import NOTEBOOKS_DIR, SEEDS_DIR
from helpers.source.article import load_article

BIN = Path(sys.executable).parent
VARIANTS = 50
ROUNDS = 3


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run(command: list[str], cache: Path) -> None:
    env = {**os.environ, "HELPERS_CACHE_DIR": str(cache)}
    subprocess.run(command, check=True, env=env, cwd=NOTEBOOKS_DIR,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def by_hand(article: Path, out: Path, cache: Path) -> None:
    """What a user would type: papermill then nbconvert, notebook after notebook."""
    for notebook in report_notebooks():
        executed = out / notebook.name
        run([str(BIN / "papermill"), str(notebook), str(executed), "-k", "python3",
             "-p", "article_path", str(article)], cache)
        run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            cache)


def our_way(article: Path, out: Path, cache: Path) -> None:
    run([sys.executable, "-m", "helpers", "render", "--article", str(article), "--out", str(out),
         "--force", "--jobs", "2"], cache)


def variants(seed: Path, folder: Path, count: int) -> list[Path]:
    """The seed and `count - 1` variants: paragraphs shuffled, some dropped, some repeated.

    Variants are built from the cleaned paragraphs, so site furniture cannot land mid-text.
    """
    article = load_article(seed)
    headline, body = article.headline, list(article.paragraphs)
    rng = random.Random(2022)
    paths = [seed]
    for number in range(1, count):
        chosen = rng.sample(body, k=rng.randint(len(body) // 2, len(body)))
        chosen += rng.sample(body, k=rng.randint(0, 5))
        path = folder / f"variant_{number:02d}.txt"
        path.write_text("\n\n".join([f"{headline} ({number})", *chosen]), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    (seed,) = sorted(SEEDS_DIR.glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        for name in ("hand", "ours", "hand-cache", "ours-cache"):
            (work / name).mkdir()
        notebooks = len(report_notebooks())
        print(f"Render: {notebooks} notebooks for {seed.name}, each way with an empty cache")
        hand = timed(lambda: by_hand(seed, work / "hand", work / "hand-cache"))
        ours = timed(lambda: our_way(seed, work / "ours", work / "ours-cache"))
        print(f"  by hand (papermill CLI + nbconvert CLI, one by one): {hand:6.1f} s")
        print(f"  python -m helpers render --jobs 2:                    {ours:6.1f} s")
        print(f"  ratio (by hand / ours): {hand / ours:.2f}x faster (target >= 2x)")

        paths = variants(seed, work, VARIANTS)
        texts = [load_article(path).text for path in paths]  # exactly what analyze_many parses
        nlp = load_nlp()
        list(nlp.pipe(texts[:2]))  # warm up
        bare, extraction = [], []
        for _ in range(ROUNDS):  # alternate, and keep the best of each, to damp machine noise
            bare.append(timed(lambda: list(nlp.pipe(texts))))
            extraction.append(timed(lambda: [result for _, result in analyze_many(paths)]))
        bare, extraction = min(bare), min(extraction)
        print(f"\nExtraction: {len(paths)} articles, best of {ROUNDS} alternating rounds")
        print(f"  bare nlp.pipe:                 {bare:6.2f} s")
        print(f"  analyze_many (parse + tables): {extraction:6.2f} s")
        print(f"  ratio (ours / bare): {extraction / bare:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
