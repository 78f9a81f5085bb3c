"""The command line: `python -m helpers render | extract | evaluate | exercises`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.nlp import AUTO
from helpers.paths import REPORTS_DIR, SEEDS_DIR


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

    extract = commands.add_parser("extract", help="write an article's tables as CSV files")
    extract.add_argument("article", type=Path, help="an article file or a folder of them")
    extract.add_argument("--out", type=Path, required=True, help="folder for the CSV files")
    extract.add_argument("--spacy-model", default=AUTO, help="spaCy model package (default auto)")

    evaluate = commands.add_parser(
        "evaluate", help="score the extraction against the answer keys in data/annotations")
    evaluate.add_argument("paths", type=Path, nargs="*", metavar="PATH",
                          help="articles or folders (default: seeds/, tests/corpus/, "
                               "data/corpus/); only articles with a key are scored")
    evaluate.add_argument("--spacy-model", default=AUTO, help="spaCy model package (default auto)")

    commands.add_parser("exercises", help="write the student exercise notebooks and teacher HTML")

    args = parser.parse_args(argv)
    try:
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
        print(f"\n{len(result.failures)} failure(s); previous reports were left in place:",
              file=sys.stderr)
        for failure in result.failures:
            print(f"  - {failure.describe()}", file=sys.stderr)
        return 1
    return 0


def _extract(args: argparse.Namespace) -> int:
    from helpers.analysis import analyze_many
    from helpers.batch.render import find_articles

    paths = find_articles([args.article])
    one_folder_each = args.article.is_dir()
    failed = 0
    for path, result in analyze_many(paths, args.spacy_model):
        if isinstance(result, Exception):
            failed += 1
            print(f"error: {path}: {result}", file=sys.stderr)
            continue
        folder = args.out / result.article.slug if one_folder_each else args.out
        written = result.write_csv(folder)
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


def _exercises() -> int:
    from helpers.exercises.build import build_exercises

    for path in build_exercises():
        print(f"wrote {path}")
    return 0
