"""Rendering: run the numbered notebooks for each article with papermill and export HTML reports.

For every article the notebooks run in parallel kernels into a staging folder; only when all of
them succeed does the staging folder replace `reports/<slug>/` (a rename), so a failure never
leaves a half-written report where a good one was. The failing notebook, executed up to the
error, is kept in `reports/<slug>/failed/` for debugging. A stamp of the inputs lets a re-run
with nothing changed skip the work.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from helpers.analysis import Analysis, analyze
from helpers.cache import code_fingerprint
from helpers.nlp import AUTO
from helpers.paths import (
    ARTICLE_SUFFIXES,
    NOTEBOOKS_DIR,
    REPORTS_DIR,
    resolve_article,
)
from helpers.report.index import write_entry, write_index
from helpers.source.article import Article

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
STAMP = ".render.json"
CODE_FOLDER = "with-code"
"""Sub-folder of the output for `--with-code` renders (the classroom version)."""


@dataclass(frozen=True)
class Job:
    """One notebook to run for one article, into a staging folder."""

    article: Path
    notebook: Path
    staging: Path
    spacy_model: str
    with_code: bool
    nav: dict


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
        return f"{self.article.name} / {self.notebook} ({where}):\n    {self.error}{kept}"


@dataclass
class RenderResult:
    """What a render did: reports written, skipped as unchanged, and failures."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    index: Path | None = None


def report_notebooks() -> list[Path]:
    """The numbered notebooks that make one article's report, in order."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def find_articles(paths: list[str | Path]) -> list[Path]:
    """Article files from files and folders (a folder gives its .txt/.html files, sorted)."""
    found: list[Path] = []
    for given in paths:
        path = resolve_article(given)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                raise ValueError(f"{path} holds no .txt or .html articles.")
            found.extend(files)
        elif not path.exists():
            raise FileNotFoundError(f"Article not found: {path}. Give a file or a folder.")
        else:
            found.append(path)
    return list(dict.fromkeys(p.resolve() for p in found))


def render(
    articles: list[str | Path],
    out_dir: Path = REPORTS_DIR,
    jobs: int = 2,
    with_code: bool = False,
    force: bool = False,
    spacy_model: str = AUTO,
    progress: bool = True,
    notebooks: list[Path] | None = None,
) -> RenderResult:
    """Render the notebooks (default: the numbered ones) for each article, then the index."""
    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number of at least 1, got {jobs!r}.")
    out_dir = (out_dir / CODE_FOLDER) if with_code else out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    notebooks = notebooks or report_notebooks()
    result = RenderResult()
    planned: dict[Path, tuple[Article, Path, str]] = {}
    slugs: dict[str, Path] = {}
    for path in find_articles(articles):
        try:
            analysis = analyze(path, spacy_model)
            article = analysis.article
            if slugs.setdefault(article.slug, path) != path:
                raise ValueError(f"its report folder '{article.slug}' is already taken by "
                                 f"{slugs[article.slug]} in this batch: rename one of the two.")
            stamp = _stamp(article, notebooks, analysis.model, with_code)
            target = out_dir / article.slug
            if not force and _is_current(target, stamp, notebooks):
                result.skipped.append(target)
                continue
            staging = Path(tempfile.mkdtemp(prefix=f".{article.slug}-", dir=out_dir))
            staging.chmod(0o755)
            planned[path] = (article, staging, stamp)
            _save_figures(analysis, staging / "figures")
            write_entry(analysis, staging)
        except Exception as error:  # one bad article must not stop the batch
            result.failures.append(Failure(path, "analysing the article", None, str(error)))
            if path in planned:
                shutil.rmtree(planned.pop(path)[1], ignore_errors=True)

    pending = [
        Job(path, nb, staging, spacy_model, with_code, _nav(notebooks, nb, article))
        for path, (article, staging, _) in planned.items()
        for nb in notebooks
    ]
    failures: dict[Path, list[Failure]] = defaultdict(list)
    for job, failure in _run_all(pending, jobs, progress):
        if failure:
            failures[job.article].append(failure)

    for path, (article, staging, stamp) in planned.items():
        target = out_dir / article.slug
        if failures[path]:
            _keep_failed(staging, target, failures[path])
            result.failures.extend(failures[path])
            continue
        _write_stamp(staging, article, stamp, notebooks)
        _replace(staging, target)
        result.written.append(target)
    result.index = write_index(out_dir)
    return result


def _run_all(pending: list[Job], jobs: int, progress: bool):
    """Run the jobs `jobs` at a time, yielding (job, failure or None) as each ends.

    Threads suffice: each job's work happens in its own kernel process started by papermill.
    """
    if not pending:
        return
    from tqdm.auto import tqdm

    live = progress and sys.stderr.isatty()  # a bar on a terminal, plain lines in a log
    with (
        ThreadPoolExecutor(min(jobs, len(pending))) as pool,
        tqdm(total=len(pending), desc="Rendering", unit="notebook", disable=not live) as bar,
    ):
        futures: dict[Future, Job] = {pool.submit(run_job, job): job for job in pending}
        for done, future in enumerate(as_completed(futures), start=1):
            job = futures[future]
            bar.set_postfix_str(f"{job.article.stem[:20]} {job.notebook.stem}")
            bar.update()
            if progress and not live:
                print(f"rendered {done}/{len(pending)}: {job.article.name} {job.notebook.stem}",
                      file=sys.stderr, flush=True)
            yield job, future.result()


def run_job(job: Job) -> Failure | None:
    """Execute one notebook with papermill and export it to HTML; a Failure if it broke."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    executed = job.staging / job.notebook.name
    try:
        papermill.execute_notebook(
            str(job.notebook),
            str(executed),
            parameters={"article_path": str(job.article), "spacy_model": job.spacy_model},
            kernel_name="python3",
            cwd=str(job.notebook.parent),
            progress_bar=False,
            log_output=False,
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],  # no start-up chatter
        )
    except PapermillExecutionError as error:
        where = _first_line(executed, error.exec_count)
        message = f"{error.ename}: {error.evalue}\n    in: {where}"
        return Failure(job.article, job.notebook.name, error.exec_count, message, executed)
    except Exception as error:  # a kernel that died or would not start
        return Failure(job.article, job.notebook.name, None, f"{type(error).__name__}: {error}",
                       executed if executed.exists() else None)
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
    _write_atomic(target, body)
    return target


def _notebook_title(node) -> str:
    """The first Markdown heading of a notebook, without the '#'."""
    for cell in node.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def _nav(notebooks: list[Path], current: Path, article: Article) -> dict:
    """Links for the bar at the top of a report page."""
    pages = [
        {"href": f"{nb.stem}.html", "title": _short_title(nb), "current": nb == current}
        for nb in notebooks
    ]
    return {"index": "../index.html", "pages": pages, "headline": article.headline}


def _short_title(notebook: Path) -> str:
    """'01_reading_the_article' -> 'Reading the article'."""
    words = notebook.stem.split("_", 1)[-1].replace("_", " ")
    return words[:1].upper() + words[1:]


def _save_figures(analysis: Analysis, folder: Path) -> None:
    """Save the article's report charts as PNG and SVG."""
    import matplotlib.pyplot as plt

    from helpers.report import style
    from helpers.report.charts import records as charts

    made = {**charts.record_charts(analysis),
            "figures_overview": charts.figures_overview_chart(analysis.figures)}
    for name, fig in made.items():
        style.save(fig, folder, name)
        plt.close(fig)


def _stamp(article: Article, notebooks: list[Path], model: str, with_code: bool) -> str:
    """A hash of everything a report depends on: article, model and version, code, rules,
    notebooks, template, rules and story packs (the code fingerprint covers the last two)."""
    digest = hashlib.sha256()
    for part in (article.sha256, model, str(with_code), code_fingerprint()):
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
    try:
        return json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_stamp(folder: Path, article: Article, stamp: str, notebooks: list[Path]) -> None:
    info = {
        "stamp": stamp,
        "headline": article.headline,
        "article": article.path.name,
        "sha256": article.sha256,
        "rendered": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "pages": [{"href": f"{nb.stem}.html", "title": _short_title(nb)} for nb in notebooks],
    }
    (folder / STAMP).write_text(json.dumps(info, indent=2), encoding="utf-8")


def _replace(staging: Path, target: Path) -> None:
    """Swap the finished staging folder in for the old report with renames."""
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".old-{target.name}-", dir=target.parent))
        target.rename(old / target.name)
        staging.rename(target)
        shutil.rmtree(old)
    else:
        staging.rename(target)


def _keep_failed(staging: Path, target: Path, failures: list[Failure]) -> None:
    """Move the executed failing notebooks to `target/failed/`; drop the rest of staging."""
    failed_dir = target / "failed"
    shutil.rmtree(failed_dir, ignore_errors=True)
    for failure in failures:
        if failure.executed and failure.executed.exists():
            failed_dir.mkdir(parents=True, exist_ok=True)
            kept = failed_dir / failure.executed.name
            shutil.move(str(failure.executed), kept)
            failure.executed = kept
    shutil.rmtree(staging, ignore_errors=True)


def _write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent, delete=False, suffix=".tmp"
    ) as handle:
        handle.write(text)
    Path(handle.name).chmod(0o644)
    Path(handle.name).replace(target)
