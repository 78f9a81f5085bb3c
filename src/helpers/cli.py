"""The command line: `python -m helpers render | extract | evaluate | exercises`."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.nlp import AUTO
from helpers.paths import REPORTS_DIR, SEEDS_DIR, resolve_article
from helpers.report.words import count
from helpers.source.article import MAX_BYTES, MAX_BYTES_ENV

SOURCE_NOTE = "source.txt"
"""Written by `extract` beside each article's tables: the file they were made from."""


def max_bytes(text: str) -> int:
    """The --max-bytes value: a whole number of bytes, at least 1."""
    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of bytes (at least 1), "
                                         f"got {text!r}")
    return int(text)


def add_max_bytes(parser: argparse.ArgumentParser) -> None:
    """The --max-bytes option, shared by the commands that read articles."""
    parser.add_argument("--max-bytes", type=max_bytes, metavar="N",
                        help=f"largest article file read, in bytes (default {MAX_BYTES:,}; "
                             f"also ${MAX_BYTES_ENV})")


def main(argv: list[str] | None = None) -> int:
    """Run one sub-command; the exit code is 0 on success, 1 when anything failed."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    render = commands.add_parser("render", help="render the HTML reports for articles")
    render.add_argument("--article", action="append", type=Path, metavar="PATH",
                        help="an article file or a folder of them (repeatable; default: seeds/)")
    render.add_argument("--out", type=Path, default=REPORTS_DIR, help="output folder")
    render.add_argument("--jobs", type=int, default=2, help="notebooks run at once (default 2)")
    render.add_argument("--with-code", action="store_true",
                        help="show the code cells (classroom render, into OUT/with-code/)")
    render.add_argument("--force", action="store_true", help="re-render even when unchanged")
    render.add_argument("--spacy-model", default=AUTO, help="spaCy model package (default auto)")
    add_max_bytes(render)

    extract = commands.add_parser("extract", help="write an article's tables as CSV files")
    extract.add_argument("article", type=Path, help="an article file or a folder of them")
    extract.add_argument("--out", type=Path, required=True, help="folder for the CSV files")
    extract.add_argument("--spacy-model", default=AUTO, help="spaCy model package (default auto)")
    add_max_bytes(extract)

    evaluate = commands.add_parser(
        "evaluate", help="score the extraction against the answer keys in data/annotations")
    evaluate.add_argument("paths", type=Path, nargs="*", metavar="PATH",
                          help="articles or folders (default: seeds/, tests/corpus/, "
                               "data/corpus/); only articles with a key are scored")
    evaluate.add_argument("--spacy-model", default=AUTO, help="spaCy model package (default auto)")

    commands.add_parser("exercises", help="write the student exercise notebooks and teacher HTML")

    args = parser.parse_args(argv)
    limit = getattr(args, "max_bytes", None)
    try:
        with _max_bytes(limit), warnings.catch_warnings():
            warnings.showwarning = _show_warning
            if args.command == "render":
                return _render(args)
            if args.command == "extract":
                return _extract(args)
            if args.command == "evaluate":
                return _evaluate(args)
            return _exercises()
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


@contextmanager
def _max_bytes(limit: int | None) -> Iterator[None]:
    """Set HELPERS_MAX_BYTES while a command runs (its notebook kernels inherit it)."""
    before = os.environ.get(MAX_BYTES_ENV)
    if limit is not None:
        os.environ[MAX_BYTES_ENV] = str(limit)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(MAX_BYTES_ENV, None)
        else:
            os.environ[MAX_BYTES_ENV] = before


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings as one plain line on stderr: 'warning: ...'."""
    print(f"warning: {message}", file=sys.stderr)


def _render(args: argparse.Namespace) -> int:
    from helpers.batch.render import render

    result = render(args.article or [SEEDS_DIR], out_dir=args.out, jobs=args.jobs,
                    with_code=args.with_code, force=args.force, spacy_model=args.spacy_model)
    for folder in result.written:
        print(f"wrote   {folder}")
    for folder in result.skipped:
        print(f"skipped {folder} (unchanged; --force to render again)")
    print(f"index   {result.index}")
    if result.failures:
        print(f"\n{count(len(result.failures), 'failure')}; previous reports were left in place:",
              file=sys.stderr)
        for failure in result.failures:
            print(f"  - {failure.describe()}", file=sys.stderr)
        return 1
    return 0


def _extract(args: argparse.Namespace) -> int:
    from helpers.analysis import analyze_many
    from helpers.batch.render import find_articles

    given = resolve_article(args.article)  # the path find_articles reads, not the one typed
    paths = find_articles([given])
    one_folder_each = given.is_dir()
    failed = 0
    for path, result in analyze_many(paths, args.spacy_model):
        if isinstance(result, Exception):
            failed += 1
            print(f"error: {path}: {result}", file=sys.stderr)
            continue
        folder = args.out / result.article.slug if one_folder_each else args.out
        if one_folder_each and (problem := _taken(folder, path)):
            failed += 1
            print(f"error: {path}: {problem}", file=sys.stderr)
            continue
        written = result.write_csv(folder)
        if one_folder_each:
            (folder / SOURCE_NOTE).write_text(f"{path}\n", encoding="utf-8")
        print(f"wrote {', '.join(p.name for p in written)} in {folder}")
    return 1 if failed else 0


def _evaluate(args: argparse.Namespace) -> int:
    import pandas as pd

    from helpers.evaluate import evaluate_corpus, keyed_articles
    from helpers.paths import CORPUS_DIR, TEST_CORPUS_DIR

    paths = keyed_articles(args.paths or [SEEDS_DIR, TEST_CORPUS_DIR, CORPUS_DIR])
    if not paths:
        print("error: no article there has an answer key in data/annotations/.", file=sys.stderr)
        return 1
    result = evaluate_corpus(paths, args.spacy_model)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_rows", 500)
    columns = ["article", "part", "precision", "recall", "found", "expected", "predicted"]
    print(result["articles"][columns].round(2).to_string(index=False), end="\n\n")
    print(f"Total over {len(paths)} articles:")
    print(result["total"].round(3).to_string(index=False), end="\n\n")
    print("Quotes found with the right speaker, by attribution class:")
    print(result["classes"].round(3).to_string(index=False))
    if not result["coders"].empty:
        print("\nStances: agreement between the two human codings:")
        print(result["coders"].round(3).to_string(index=False))
    return 0


def _taken(folder: Path, path: Path) -> str | None:
    """Why `folder` cannot take the tables of `path`: it holds another article's, else None."""
    try:
        other = Path((folder / SOURCE_NOTE).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    if other.exists() and not other.samefile(path):
        return (f"its folder {folder} holds the tables of {other}, another file with the same "
                f"name: rename one of the two, or delete {folder}.")
    return None


def _exercises() -> int:
    from helpers.exercises.build import build_exercises

    for path in build_exercises():
        print(f"wrote {path}")
    return 0
