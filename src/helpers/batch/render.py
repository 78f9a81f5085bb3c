"""Rendering: run the numbered notebooks for each article with papermill and export HTML reports.

First the articles are analysed as a batch on Dask (`batch.runner`: worker processes, a time
limit per article, a failed article named and the rest done), which fills the analysis cache
the notebooks read. A batch of two or more articles is also extracted into
`reports/corpus/<batch>/tables/` and compared on one page,
`reports/corpus/<batch>/05_coverage.html` (`batch_name`: each batch its own, never another's),
from `notebooks/05_coverage.ipynb` (skipped while that notebook is missing).

For every article the notebooks run in parallel kernels into a new version of its report; only
when all of them succeed does `reports/<slug>` switch to it, in one atomic rename of a link
(`batch.versions`), so neither a failure nor a kill ever leaves a half-written report where a
good one was. One render at a time writes into an output folder; files a reader put into a
report folder are carried into the new version. The failing notebook, executed up to the error,
is kept in `reports/<slug>/failed/` for debugging. A stamp of the inputs lets a re-run with
nothing changed skip the work.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from slugify import slugify

from helpers import cache
from helpers.analysis import analyze, model_name
from helpers.atomic import write_atomic
from helpers.batch import DEFAULT_TIMEOUT, environ, kernels, runner, versions
from helpers.batch.downloads import write_downloads
from helpers.cache import code_fingerprint
from helpers.nlp import AUTO, resolve_model
from helpers.paths import (
    ARTICLE_SUFFIXES,
    NOTEBOOKS_DIR,
    REPORTS_DIR,
    resolve_article,
)
from helpers.report.anchors import ARTICLE_PAGE
from helpers.report.article_view import ARTICLE_TITLE, write_article_view
from helpers.report.index import write_entry, write_index
from helpers.report.words import count
from helpers.source.article import Article, load_article
from helpers.source.files import printable, read_json, within

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
STAMP = ".render.json"
CODE_FOLDER = "with-code"
"""Sub-folder of the output for `--with-code` renders (the classroom version); no article gets
this name as its slug (`source.slugs.RESERVED`)."""
FAILED = "failed"
CORPUS = "corpus"
"""Sub-folder of the output with one folder per batch, comparing its articles
(`source.slugs.RESERVED`)."""
EARLIER = "earlier"
"""The batch name of a coverage page from before batches had their own folders."""
TABLES = "tables"
"""Sub-folder of the corpus folder with one folder of tables per article (`extract`'s layout)."""
COVERAGE_NOTEBOOK = NOTEBOOKS_DIR / "05_coverage.ipynb"
"""The notebook that compares the articles of a batch; it reads the tables, never articles."""


@dataclass(frozen=True)
class Job:
    """One notebook to run for one article (or the corpus), into a staging folder."""

    article: Path
    notebook: Path
    staging: Path
    parameters: dict
    with_code: bool
    nav: dict


@dataclass(frozen=True)
class Batch:
    """Where a render's analyses run (`batch.runner.run`): a local cluster of `workers`
    processes, or the cluster at `scheduler`, with `timeout` seconds per article."""

    workers: int | None = None
    scheduler: str | None = None
    timeout: float = DEFAULT_TIMEOUT


@dataclass
class Failure:
    """Why one article's report was not (re)written."""

    article: Path
    notebook: str
    cell: int | None
    error: str
    executed: Path | None = None

    def describe(self) -> str:
        """One readable paragraph: article, notebook, cell, error, where to look."""
        where = f"cell In [{self.cell}]" if self.cell is not None else "before running"
        kept = f"\n    executed notebook kept at {self.executed}" if self.executed else ""
        name = printable(self.article.name)
        return f"{name} / {self.notebook} ({where}):\n    {self.error}{kept}"


@dataclass
class RenderResult:
    """What a render did: reports written, skipped as unchanged, and failures."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    index: Path | None = None


def report_notebooks() -> list[Path]:
    """The numbered notebooks that make one article's report, in order (not the coverage)."""
    return sorted(path for path in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")
                  if path.name != COVERAGE_NOTEBOOK.name)


def find_articles(paths: list[str | Path]) -> list[Path]:
    """Article files from files and folders (a folder gives its .txt/.html files, sorted).

    A file reached twice (through a link, say) is listed once, under the first name it had: a
    link keeps its own name, for its slug and its messages. A link in a folder that leads out of
    it is left out, with a warning; a loop of links is listed, and fails alone when read.
    """
    found: list[Path] = []
    for given in paths:
        path = resolve_article(given)
        if path.is_dir():
            files = sorted(p for p in path.iterdir()
                           if p.suffix.lower() in ARTICLE_SUFFIXES and within(p, path))
            if not files:
                raise ValueError(f"{path} holds no .txt or .html articles.")
            found.extend(files)
        elif not path.exists():
            raise FileNotFoundError(f"Article not found: {path}. Give a file or a folder.")
        else:
            found.append(path)
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(os.path.realpath(path), path.absolute())  # a loop raises in resolve()
    return list(unique.values())


def render(
    articles: list[str | Path],
    out_dir: Path = REPORTS_DIR,
    jobs: int = 2,
    with_code: bool = False,
    force: bool = False,
    spacy_model: str = AUTO,
    progress: bool = True,
    notebooks: list[Path] | None = None,
    batch: Batch = Batch(),
    coverage: bool | None = None,
    story: str = "auto",
    max_bytes: int | None = None,
) -> RenderResult:
    """Render the notebooks (default: the numbered ones) for each article, then the index.

    `story` is the story pack of every step ('auto': each article's own, from its words and
    date; 'none'; or a pack name). `batch` says where the analyses run. `coverage`: also
    extract the articles into `out_dir/corpus/<batch>/tables/` and render the coverage page
    there (`batch_name`); None (the default) does so for two or more articles, when
    `COVERAGE_NOTEBOOK` exists. `max_bytes` is the largest article file read (None: the
    loader's default), here, on the workers and in the notebooks (their `max_bytes` parameter).
    """
    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number of at least 1, got {jobs!r}.")
    runner.check_options(batch.workers, batch.scheduler, batch.timeout)
    out_dir = (out_dir / CODE_FOLDER) if with_code else out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    check_index(out_dir)
    paths = find_articles(articles)
    if coverage is None:
        coverage = len(paths) > 1 and COVERAGE_NOTEBOOK.exists()
    elif coverage and not COVERAGE_NOTEBOOK.exists():
        raise FileNotFoundError(f"The coverage notebook {COVERAGE_NOTEBOOK} is missing.")
    with versions.locked(out_dir):
        _move_old_coverage(out_dir)
        versions.clean(out_dir)
        if (out_dir / CORPUS).is_dir():
            versions.clean(out_dir / CORPUS)
        plan = Plan(out_dir, with_code, force, spacy_model, notebooks or report_notebooks(),
                    story=story, batch=batch_name(articles), max_bytes=max_bytes)
        return _render_locked(paths, plan, jobs, progress, batch, coverage)


INDEX_TITLE = b"<title>Article reports</title>"
"""What the head of every index a render writes holds (templates/site/index.html.j2)."""


def check_index(out_dir: Path) -> None:
    """Refuse an output folder whose `index.html` no render wrote: it would be replaced."""
    index = out_dir / "index.html"
    if not index.exists() and not index.is_symlink():
        return
    head = b""
    if index.is_file() and not index.is_symlink():
        with index.open("rb") as handle:
            head = handle.read(4096)
    if INDEX_TITLE not in head:
        raise ValueError(f"{index} was not written by a render, and a render replaces it with "
                         f"its index of reports: move it away, or render into another --out "
                         f"folder.")


@dataclass
class Plan:
    """What one render does: its output folder, options, and the reports and corpus it makes."""

    out_dir: Path
    with_code: bool
    force: bool
    spacy_model: str
    notebooks: list[Path]
    story: str = "auto"
    """The story parameter of every step: 'auto', 'none' or a pack name."""
    batch: str = "batch"
    """The name of the batch's folder under `corpus/` (`batch_name`)."""
    max_bytes: int | None = None
    """The largest article file read (None: `source.article.MAX_BYTES`)."""
    reports: dict[Path, tuple[Article, str]] = field(default_factory=dict)
    """Articles whose report is rendered: the article and its stamp."""
    staged: dict[Path, Path] = field(default_factory=dict)
    """Each analysed article's new report version (staging folder)."""
    corpus: Path | None = None
    """The staging folder of the corpus, when it is rendered."""
    corpus_stamp: str = ""
    cache_off: bool = False
    """An article's analysis found the cache unusable (the kernels then run without it)."""
    slugs: list[str] = field(default_factory=list)
    """The report folders of the batch's articles."""
    dates: list[str] = field(default_factory=list)
    """The batch's article dates (ISO), sorted."""

    @property
    def corpus_target(self) -> Path:
        """Where the batch's comparison lives: `corpus/<batch>` in the output folder."""
        return self.out_dir / CORPUS / self.batch


def _render_locked(paths: list[Path], plan: Plan, jobs: int, progress: bool, batch: Batch,
                   coverage: bool) -> RenderResult:
    """The render itself, run while this process holds the output folder's lock."""
    result = RenderResult()
    out_dir = plan.out_dir
    model = model_name(resolve_model(plan.spacy_model))
    read: dict[Path, Article] = {}
    slugs: dict[str, Path] = {}
    for path in paths:
        try:
            article = load_article(path, plan.max_bytes)
            if slugs.setdefault(article.slug, path) != path:
                raise ValueError(f"its report folder '{article.slug}' is already taken by "
                                 f"{slugs[article.slug]} in this batch: rename one of the two.")
            target = out_dir / article.slug
            _check_owner(target, article)
            read[path] = article
            stamp = _stamp(article, plan.notebooks, model, plan.with_code, plan.story)
            if not plan.force and _is_current(target, stamp, plan.notebooks):
                result.skipped.append(target)
            else:
                plan.reports[path] = (article, stamp)
        except Exception as error:  # one bad article must not stop the batch
            result.failures.append(Failure(path, "reading the article", None, str(error)))
    if coverage and read:
        _plan_corpus(plan, list(read.values()), model, result)

    pool = _kernel_pool(plan, jobs)  # kernels start while the articles are analysed
    charts = ThreadPoolExecutor(1, thread_name_prefix="charts")
    failures: dict[Path, list[Failure]] = defaultdict(list)
    try:
        drawn = _analyse(plan, read, batch, progress, result, charts)
        if plan.corpus is not None and not (plan.corpus / TABLES).is_dir():  # none to compare
            shutil.rmtree(plan.corpus, ignore_errors=True)
            plan.corpus = None
        pending = [
            Job(path, nb, plan.staged[path],
                _parameters(path, plan.spacy_model, plan.story, plan.max_bytes),
                plan.with_code, _nav(plan.notebooks, nb, article))
            for path, (article, _) in plan.reports.items() if path in plan.staged
            for nb in plan.notebooks
        ]
        if plan.corpus is not None:
            pending.append(Job(plan.corpus_target, COVERAGE_NOTEBOOK, plan.corpus,
                               {"tables_dir": str(plan.corpus / TABLES), "story": plan.story,
                                "reports_href": "../../"}, plan.with_code,
                               {"index": "../../index.html", "pages": [],
                                "headline": "Coverage"}))
        off = cache.off() or plan.cache_off
        with environ(cache.OFF_ENV, "1" if off else None):  # warned once, not on every page
            if pool is not None and (pool.environ.get(cache.OFF_ENV)
                                     != os.environ.get(cache.OFF_ENV)):  # the kernels must see it
                pool.close()
                pool = _kernel_pool(plan, jobs)
            for job, failure in _run_all(pending, jobs, progress, pool):
                if failure:
                    failures[job.article].append(failure)
        for path, future in drawn.items():
            if error := future.exception():
                failures[path].append(Failure(path, "drawing the charts", None, str(error)))
    except BaseException:
        for staging in [*plan.staged.values(), plan.corpus]:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        charts.shutdown(cancel_futures=True)
        if pool is not None:
            pool.close()

    for path, staging in plan.staged.items():
        article, stamp = plan.reports[path]
        target = out_dir / article.slug
        if failures[path]:
            _keep_failed(staging, target, failures[path])
            result.failures.extend(failures[path])
            continue
        try:
            _publish(staging, target, _article_stamp(article, stamp, plan.notebooks))
            result.written.append(target)
        except Exception as error:  # one report that cannot be swapped in must not stop the rest
            shutil.rmtree(staging, ignore_errors=True)
            result.failures.append(Failure(path, "replacing the report", None, str(error)))
    if plan.corpus is not None:
        _finish_corpus(plan, failures[plan.corpus_target], result)
    result.index = write_index(out_dir)
    return result


def batch_name(given: list[str | Path]) -> str:
    """The folder name of a batch's comparison: a folder given alone names it, with a short
    hash of its path ('corpus-1a2b3c4d'); several files or folders are 'batch-<hash>' of their
    paths. The same batch always gets the same folder; another batch never gets it."""
    paths = sorted(str(Path(item).expanduser().resolve()) for item in given)
    digest = hashlib.sha256("\n".join(paths).encode()).hexdigest()[:8]
    single = Path(paths[0]) if len(paths) == 1 else None
    name = slugify(single.name, max_length=40) if single is not None and single.is_dir() else ""
    return f"{name or 'batch'}-{digest}"


def _move_old_coverage(out_dir: Path) -> None:
    """A coverage page from before each batch had its folder (`corpus` was a link to one
    version) becomes the batch `EARLIER` under the `corpus` folder, so it stays."""
    old = out_dir / CORPUS
    if not versions.is_ours(old):
        return
    version = old.resolve()
    old.unlink()
    old.mkdir()
    if version.is_dir():
        moved = versions.new_version(old, EARLIER)
        moved.rmdir()
        version.rename(moved)
        versions.publish(moved, old / EARLIER)


def _parameters(path: Path, spacy_model: str, story: str = "auto",
                max_bytes: int | None = None) -> dict:
    """The parameters of an article's report notebooks: the kernel gets the render's options
    as notebook parameters, not through its environment."""
    return {"article_path": str(path), "spacy_model": spacy_model, "story": story,
            "max_bytes": max_bytes}


def _plan_corpus(plan: Plan, articles: list[Article], model: str, result: RenderResult) -> None:
    """Stage a new folder for the batch's comparison unless the one there is current for
    these articles."""
    plan.slugs = sorted(article.slug for article in articles)
    plan.dates = sorted(article.meta.date.isoformat() for article in articles
                        if article.meta.date)
    target = plan.corpus_target
    if (plan.out_dir / CORPUS).is_symlink() or (plan.out_dir / CORPUS).is_file():
        result.failures.append(Failure(target, COVERAGE_NOTEBOOK.name, None,
                                       f"{plan.out_dir / CORPUS} is not a folder: move it away "
                                       f"to compare the articles there."))
        return
    if not versions.is_ours(target) and (target.exists() or target.is_symlink()):
        result.failures.append(Failure(target, COVERAGE_NOTEBOOK.name, None,
                                       f"{target} exists and was not made by a render: move "
                                       f"it away to compare the articles there."))
        return
    digest = hashlib.sha256()
    for part in (model, str(plan.with_code), plan.story, code_fingerprint(),
                 *sorted(f"{a.path.resolve()} {a.sha256} {a.meta!r}" for a in articles)):
        digest.update(part.encode())
    for path in [COVERAGE_NOTEBOOK, *sorted(TEMPLATES_DIR.rglob("*.*"))]:
        digest.update(path.read_bytes())
    plan.corpus_stamp = digest.hexdigest()
    if not plan.force and _is_current(target, plan.corpus_stamp, [COVERAGE_NOTEBOOK]):
        result.skipped.append(target)
        return
    plan.corpus = versions.new_version(plan.out_dir / CORPUS, plan.batch)


def _analyse(plan: Plan, read: dict[Path, Article], batch: Batch, progress: bool,
             result: RenderResult, charts: ThreadPoolExecutor) -> dict[Path, Future]:
    """Analyse the articles on the batch runner (into the cache, and the corpus tables when the
    corpus is rendered); stage each report as its article is done and draw its charts in the
    `charts` thread, meanwhile. Returns the drawing of each staged report."""
    wanted = read if plan.corpus is not None else plan.reports
    tasks = [runner.Task(path, plan.corpus / TABLES / read[path].slug if plan.corpus else None)
             for path in wanted]
    if progress and tasks:
        print(f"analysing {count(len(tasks), 'article')} in "
              f"{runner.where(batch.workers, batch.scheduler, len(tasks))}", file=sys.stderr,
              flush=True)
    settings = runner.Settings(plan.spacy_model, plan.story, max_bytes=plan.max_bytes)
    drawn: dict[Path, Future] = {}
    for outcome in runner.run(tasks, settings, workers=batch.workers, scheduler=batch.scheduler,
                              timeout=batch.timeout, count=len(tasks)):
        path = outcome.path
        plan.cache_off = plan.cache_off or outcome.cache_off
        if not outcome.ok:
            result.failures.append(Failure(path, "analysing the article", None, outcome.error))
            plan.reports.pop(path, None)
        elif path in plan.reports:
            staging = versions.new_version(plan.out_dir, plan.reports[path][0].slug)
            plan.staged[path] = staging
            drawn[path] = charts.submit(_draw, path, plan, staging)
    return drawn


def _draw(path: Path, plan: Plan, staging: Path) -> None:
    """Save an article's view and index entry into its new report version
    (from the cache its task just filled), with the report's pages in the view's bar of
    links."""
    analysis = analyze(path, plan.spacy_model, plan.story, max_bytes=plan.max_bytes)
    write_article_view(analysis, staging, list(_pages(plan.notebooks)))
    write_entry(analysis, staging)


def _kernel_pool(plan: Plan, jobs: int) -> kernels.KernelPool | None:
    """Kernels for the notebooks this render will run in the report notebooks' folder, in the
    order the jobs run them."""
    cwd = plan.notebooks[0].parent
    order = [nb for _ in plan.reports for nb in plan.notebooks if nb.parent == cwd]
    if plan.corpus is not None and COVERAGE_NOTEBOOK.parent == cwd:
        order.append(COVERAGE_NOTEBOOK)
    return kernels.KernelPool(cwd, order, jobs) if order else None


def _finish_corpus(plan: Plan, failures: list[Failure], result: RenderResult) -> None:
    """Swap the batch's new comparison folder in, or keep the failed coverage notebook for
    debugging. Its stamp names the batch, its articles and their dates, for the index."""
    target = plan.corpus_target
    if failures:
        _keep_failed(plan.corpus, target, failures)
        result.failures.extend(failures)
        return
    info = {"stamp": plan.corpus_stamp, "headline": f"Coverage of the batch {plan.batch}",
            "batch": plan.batch, "slugs": plan.slugs,
            "first": plan.dates[0] if plan.dates else None,
            "last": plan.dates[-1] if plan.dates else None,
            "pages": [{"href": f"{COVERAGE_NOTEBOOK.stem}.html", "title": "Coverage"}]}
    try:
        _publish(plan.corpus, target, info)
        result.written.append(target)
    except Exception as error:  # the reports are done; say why the comparison is not
        shutil.rmtree(plan.corpus, ignore_errors=True)
        result.failures.append(Failure(target, COVERAGE_NOTEBOOK.name, None, str(error)))


def _check_owner(target: Path, article: Article) -> None:
    """Refuse to render into a folder that holds something other than this article's report."""
    ours = versions.is_ours(target)
    if not ours and (target.is_symlink() or target.exists() and not target.is_dir()):
        raise ValueError(f"{target} exists and is not a report folder made by this kit: move it "
                         f"away, or rename the article file.")
    info = _read_stamp(target)
    source = info.get("source")
    if isinstance(source, str):
        other = Path(source)
        if other.exists() and not other.samefile(article.path):
            raise ValueError(f"its report folder {target} holds the report of {other}, another "
                             f"file with the same name: rename one of the two files, or delete "
                             f"{target} to give the folder to this one.")
    elif not info and not ours and target.is_dir() and (
            {entry.name for entry in target.iterdir()} - {FAILED}):
        raise ValueError(f"{target} is a folder that no render made (it has no {STAMP}): move "
                         f"it away, or rename the article file.")


def _publish(staging: Path, target: Path, info: dict) -> None:
    """Carry the reader's own files over from the live report, stamp (`info`, plus when and
    which files), and switch `target`."""
    theirs: set[str] = set()
    if target.is_dir():
        recorded = _read_stamp(target).get("files")
        ours = set(recorded) if isinstance(recorded, list) else versions.files_in(staging)
        theirs = {name for name in versions.files_in(target) - ours - {STAMP}
                  if not name.startswith(f"{FAILED}/")}
        if clash := sorted(theirs & versions.files_in(staging)):
            raise ValueError(f"{target} holds files that are not part of its report and that the "
                             f"new report would replace: {', '.join(clash)}. Move them away and "
                             f"render again; the previous report was left in place.")
        versions.carry_over(target, staging, theirs)
    files = sorted(versions.files_in(staging) - theirs)
    stamp = {**info, "rendered": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "files": files}
    (staging / STAMP).write_text(json.dumps(stamp, indent=2), encoding="utf-8")
    versions.publish(staging, target)


def _run_all(pending: list[Job], jobs: int, progress: bool,
             pool: kernels.KernelPool | None = None):
    """Run the jobs `jobs` at a time, yielding (job, failure or None) as each ends.

    Threads suffice: each job's work happens in its own kernel process, from `pool` when it
    has one for the job's folder, else started by papermill.
    """
    if not pending:
        return
    from tqdm.auto import tqdm

    live = progress and sys.stderr.isatty()  # a bar on a terminal, plain lines in a log
    with (
        ThreadPoolExecutor(min(jobs, len(pending))) as threads,
        tqdm(total=len(pending), desc="Rendering", unit="notebook", disable=not live) as bar,
    ):
        futures: dict[Future, Job] = {threads.submit(run_job, job, pool): job
                                      for job in pending}
        for done, future in enumerate(as_completed(futures), start=1):
            job = futures[future]
            bar.set_postfix_str(f"{job.article.stem[:20]} {job.notebook.stem}")
            bar.update()
            if progress and not live:
                name = printable(job.article.name)
                print(f"rendered {done}/{len(pending)}: {name} {job.notebook.stem}",
                      file=sys.stderr, flush=True)
            yield job, future.result()


def run_job(job: Job, pool: kernels.KernelPool | None = None) -> Failure | None:
    """Execute one notebook with papermill (in a kernel from `pool` when it has one for the
    notebook's folder, else one papermill starts; either way its connection file is in
    `kernels.runtime_folder`) and export it to HTML; a Failure if it broke."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    executed = job.staging / job.notebook.name
    manager = (pool.take(job.notebook) if pool is not None else None) or kernels.new_manager()
    try:
        papermill.execute_notebook(
            str(job.notebook),
            str(executed),
            parameters=job.parameters,
            kernel_name="python3",
            cwd=str(job.notebook.parent),
            progress_bar=False,
            log_output=False,
            extra_arguments=kernels.QUIET,
            request_save_on_cell_execute=False,  # written once, at the end or at the error
            km=manager,
        )
    except PapermillExecutionError as error:
        where = _first_line(executed, error.exec_count)
        message = f"{error.ename}: {error.evalue}\n    in: {where}"
        return Failure(job.article, job.notebook.name, error.exec_count, message, executed)
    except Exception as error:  # a kernel that died or would not start
        return Failure(job.article, job.notebook.name, None, f"{type(error).__name__}: {error}",
                       executed if executed.exists() else None)
    finally:
        kernels.shutdown(manager)
    write_downloads(executed, job.staging)
    export_html(executed, executed.with_suffix(".html"), with_code=job.with_code, nav=job.nav)
    return None


def _first_line(executed: Path, execution_count: int) -> str:
    """The first line of the code cell that ran as In [execution_count] in a saved notebook."""
    import nbformat

    for cell in nbformat.read(executed, as_version=4).cells:
        if cell.get("execution_count") == execution_count and cell.source.strip():
            return cell.source.strip().splitlines()[0]
    return "(cell not found)"


def export_html(
    notebook: Path, target: Path, with_code: bool = False, nav: dict | None = None
) -> Path:
    """Write an executed notebook as a self-contained HTML page (code hidden unless asked)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="report",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=not with_code,
        exclude_input_prompt=not with_code,
        exclude_output_prompt=True,
    )
    node = nbformat.read(notebook, as_version=4)
    title = _notebook_title(node) or notebook.stem
    body, _ = exporter.from_notebook_node(
        node, resources={"metadata": {"name": title}, "kit_nav": nav or {}}
    )
    write_atomic(target, body)
    return target


def _notebook_title(node) -> str:
    """The first Markdown heading of a notebook, without the '#'."""
    for cell in node.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def _pages(notebooks: list[Path]) -> tuple[dict, ...]:
    """The pages of an article's report, in order: one per notebook, then the article view."""
    return (*({"href": f"{nb.stem}.html", "title": _short_title(nb)} for nb in notebooks),
            {"href": ARTICLE_PAGE, "title": ARTICLE_TITLE})


def _nav(notebooks: list[Path], current: Path, article: Article) -> dict:
    """Links for the bar at the top of a report page."""
    pages = [{**page, "current": page["href"] == f"{current.stem}.html"}
             for page in _pages(notebooks)]
    return {"index": "../index.html", "pages": pages, "headline": article.headline}


def _short_title(notebook: Path) -> str:
    """'01_reading_the_article' -> 'Reading the article'."""
    words = notebook.stem.split("_", 1)[-1].replace("_", " ")
    return words[:1].upper() + words[1:]


def _stamp(article: Article, notebooks: list[Path], model: str, with_code: bool,
           story: str = "auto") -> str:
    """A hash of everything a report depends on: article, model and version, the story
    parameter, code, rules, notebooks, template, rules and story packs (the code fingerprint
    covers the last two)."""
    digest = hashlib.sha256()
    source = str(article.path.resolve())
    for part in (article.sha256, source, repr(article.meta), model, str(with_code), story,
                 code_fingerprint()):
        digest.update(part.encode())
    inputs = [*notebooks, *sorted(TEMPLATES_DIR.rglob("*.*"))]
    for path in inputs:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _is_current(target: Path, stamp: str, notebooks: list[Path]) -> bool:
    info = _read_stamp(target)
    return bool(info) and info.get("stamp") == stamp and all(
        (target / f"{nb.stem}.html").exists() for nb in notebooks
    )


def _read_stamp(folder: Path) -> dict:
    """The stamp of a report folder as written, or {} when it has none or it is not JSON (or
    not a file, or nested too deep: `read_json`)."""
    info = read_json(folder / STAMP)
    if info is None:
        return {}
    return info if isinstance(info, dict) else {"damaged": info}


def _article_stamp(article: Article, stamp: str, notebooks: list[Path]) -> dict:
    """What an article's report stamp says: the hash of its inputs, the article, its pages."""
    return {
        "stamp": stamp,
        "headline": article.headline,
        "article": article.path.name,
        "source": str(article.path.resolve()),
        "sha256": article.sha256,
        "pages": list(_pages(notebooks)),
    }


def _keep_failed(staging: Path, target: Path, failures: list[Failure]) -> None:
    """Move the executed failing notebooks to `target/failed/`; drop the rest of staging.

    With no report yet, the new version holds only `failed/` and becomes `target`.
    """
    home = target if target.is_dir() else staging
    failed_dir = home / FAILED
    shutil.rmtree(failed_dir, ignore_errors=True)
    for failure in failures:
        if failure.executed and failure.executed.exists():
            failed_dir.mkdir(parents=True, exist_ok=True)
            kept = failed_dir / failure.executed.name
            shutil.move(str(failure.executed), kept)
            failure.executed = target / FAILED / kept.name
    if home == staging and failed_dir.exists():
        for entry in staging.iterdir():
            if entry != failed_dir:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        versions.publish(staging, target)
    else:
        shutil.rmtree(staging, ignore_errors=True)


