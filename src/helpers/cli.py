"""The command line: `python -m helpers render | extract | evaluate | exercises`."""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

from helpers.batch import DEFAULT_TIMEOUT, MAX_TIMEOUT, MIN_TIMEOUT, host_port, probe
from helpers.nlp import AUTO
from helpers.paths import REPORTS_DIR, SEEDS_DIR, resolve_article
from helpers.report.words import count
from helpers.source.article import MAX_BYTES
from helpers.source.files import printable


def max_bytes(text: str) -> int:
    """The --max-bytes value: a whole number of bytes, at least 1."""
    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of bytes (at least 1), "
                                         f"got {text!r}")
    return int(text)


def add_max_bytes(parser: argparse.ArgumentParser) -> None:
    """The --max-bytes option, shared by the commands that read articles."""
    parser.add_argument("--max-bytes", type=max_bytes, metavar="N",
                        help=f"largest article file read, in bytes (default {MAX_BYTES:,})")


def positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    """An argparse type: a number of `kind` above 0."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if not value > 0:
            raise argparse.ArgumentTypeError(f"must be a number above 0, got {text!r}")
        return value

    return parse


def add_story(parser: argparse.ArgumentParser) -> None:
    """The --story option: which story pack every step reads the articles with."""
    parser.add_argument("--story", default="auto", metavar="NAME|none|auto",
                        help="story pack for every article: a pack name (data/stories/), "
                             "'none', or 'auto' (the default: each article's own, from its "
                             "words and date)")


def seconds(text: str) -> float:
    """The --timeout value: seconds, from MIN_TIMEOUT to MAX_TIMEOUT (finite, not 1e-9)."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not MIN_TIMEOUT <= value <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"must be a number of seconds from {MIN_TIMEOUT:g} to "
                                         f"{MAX_TIMEOUT:g} (a week), got {text!r}")
    return value


def scheduler_address(text: str) -> str:
    """The --scheduler value: an address 'tcp://host:port'."""
    try:
        host_port(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def add_batch_options(parser: argparse.ArgumentParser) -> None:
    """Where a batch runs (--workers or --scheduler) and how long one article may take."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", type=positive(int), metavar="N",
                       help="start a local Dask cluster of N worker processes (default: 2, or "
                            "fewer for fewer articles or cores)")
    where.add_argument("--scheduler", metavar="ADDRESS", type=scheduler_address,
                       help="run on an existing Dask cluster, e.g. tcp://host:8786")
    parser.add_argument("--timeout", type=seconds, default=DEFAULT_TIMEOUT,
                        metavar="SECONDS", help=f"stop an article still running after this "
                                                f"long (default {DEFAULT_TIMEOUT:g})")


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
    add_story(render)
    add_max_bytes(render)
    add_batch_options(render)

    extract = commands.add_parser("extract", help="write an article's tables as CSV files")
    extract.add_argument("article", type=Path, help="an article file or a folder of them")
    extract.add_argument("--out", type=Path, required=True, help="folder for the CSV files")
    extract.add_argument("--spacy-model", default=AUTO, help="spaCy model package (default auto)")
    add_story(extract)
    add_max_bytes(extract)
    add_batch_options(extract)

    evaluate = commands.add_parser(
        "evaluate", help="score the extraction against the answer keys in data/annotations")
    evaluate.add_argument("paths", type=Path, nargs="*", metavar="PATH",
                          help="articles or folders (default: seeds/, tests/corpus/, "
                               "data/corpus/); only articles with a key are scored")
    evaluate.add_argument("--spacy-model", default=AUTO, help="spaCy model package (default auto)")
    evaluate.add_argument("--polnear", type=Path, metavar="DIR",
                          help="score attribution on a copy of PolNeAR instead of the keys")
    evaluate.add_argument("--split", default="dev", help="PolNeAR split: train or dev (default "
                                                         "dev; test is kept for measuring)")

    commands.add_parser("exercises", help="write the student exercise notebooks and teacher HTML")

    args = parser.parse_args(argv)
    _shown.clear()
    try:
        with warnings.catch_warnings():
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


_shown: set[str] = set()


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings as one plain line on stderr, 'warning: ...', each text once per command (the
    workers of a batch and this process may warn alike, e.g. of an unusable cache)."""
    if str(message) not in _shown:
        _shown.add(str(message))
        print(f"warning: {message}", file=sys.stderr)


def _render(args: argparse.Namespace) -> int:
    if args.scheduler:
        probe(args.scheduler)  # in a second, before the slow imports
    from helpers.batch.render import Batch, render

    batch = Batch(args.workers, args.scheduler, args.timeout)
    result = render(args.article or [SEEDS_DIR], out_dir=args.out, jobs=args.jobs,
                    with_code=args.with_code, force=args.force, spacy_model=args.spacy_model,
                    batch=batch, story=_story(args.story), max_bytes=args.max_bytes)
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
    """Tables of one article into OUT, or of each article of a folder into OUT/<slug>/."""
    if args.scheduler:
        probe(args.scheduler)  # in a second, before the slow imports
    from helpers.batch import runner
    from helpers.batch.render import find_articles
    from helpers.nlp import resolve_model
    from helpers.source.slugs import slug_for

    resolve_model(args.spacy_model)  # a missing model is one clear error, before any worker
    story = _story(args.story)  # so is an unknown story pack
    given = resolve_article(args.article)  # the path find_articles reads, not the one typed
    paths = find_articles([given])
    one_folder_each = given.is_dir()
    failed: list[tuple[Path, str]] = []
    tasks: list[runner.Task] = []
    owners: dict[Path, Path] = {}
    for path in paths:
        folder = args.out / slug_for(path) if one_folder_each else args.out
        if one_folder_each and (problem := _taken(folder, path, owners)):
            failed.append((path, problem))
            continue
        owners[folder] = path
        tasks.append(runner.Task(path, folder, own_folder=one_folder_each))
    runner.clean(task.folder for task in tasks if task.own_folder)
    settings = runner.Settings(args.spacy_model, story, max_bytes=args.max_bytes)
    if len(tasks) > 1:
        print(f"extracting {len(tasks)} articles in "
              f"{runner.where(args.workers, args.scheduler, len(tasks))}", file=sys.stderr,
              flush=True)
    done = 0
    for outcome in runner.run(tasks, settings, workers=args.workers, scheduler=args.scheduler,
                              timeout=args.timeout, count=len(tasks)):
        if outcome.ok:
            done += 1
            print(f"wrote {printable(str(outcome.folder))} ({printable(outcome.path.name)}, "
                  f"{outcome.seconds:.1f} s)", flush=True)
        else:
            failed.append((outcome.path, outcome.error))
            print(f"failed {printable(outcome.path.name)}: {printable(outcome.error or '')}",
                  file=sys.stderr, flush=True)
    if failed:
        print(f"\n{len(failed)} of {count(len(paths), 'article')} failed; the other {done} were "
              f"written:", file=sys.stderr)
        for path, reason in failed:
            print(f"  - {printable(str(path))}: {printable(reason)}", file=sys.stderr)
        return 1
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    import pandas as pd

    if args.polnear is not None:
        return _evaluate_polnear(args)

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


def _story(name: str) -> str:
    """The --story value checked: 'auto', 'none' or the name of a pack (else a clear error)."""
    from helpers.stories import packs

    if name not in (packs.AUTO, packs.NONE):
        packs.pack_named(name)
    return name


def _evaluate_polnear(args: argparse.Namespace) -> int:
    from helpers.polnear import evaluate_polnear

    table = evaluate_polnear(args.polnear, args.split, args.spacy_model)
    print(f"PolNeAR {args.split}: attribution per outlet (direct: content with a quotation "
          f"mark; other: the rest; speaker: among found, the source's head word)")
    print(table.to_string())
    return 0


def _taken(folder: Path, path: Path, owners: dict[Path, Path]) -> str | None:
    """Why `folder` cannot take the tables of `path`: another file of this batch or of an
    earlier run has it, else None."""
    from helpers.batch.runner import taken_by_another

    if folder in owners:
        return (f"its folder {folder} is also the folder of {owners[folder]} in this batch: "
                f"rename one of the two.")
    return taken_by_another(folder, path)


def _exercises() -> int:
    from helpers.exercises.build import build_exercises

    for path in build_exercises():
        print(f"wrote {path}")
    return 0
