"""The index page of a report set: the articles grouped by the batch they were rendered in
(each batch with a link to its coverage page), each article's headline linking its report,
with its date, outlet and counts of statements, figures and stances, sorted by date and filterable
by outlet; then the teaching pages when they have been rendered beside the reports.

The render writes one small entry per report (`write_entry`, next to the report's pages) while
it has the analysis; `write_index` reads the entries of every report folder and writes the page.
"""

from __future__ import annotations

import json
import re
import warnings
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from helpers.analysis import Analysis
from helpers.atomic import write_atomic
from helpers.findings.findings import facts, statements
from helpers.paths import lesson_files
from helpers.report.words import count, day
from helpers.source.files import read_json

ENTRY = ".index.json"
"""The file in each report folder that the index reads."""

STAMP = ".render.json"
"""The render's stamp in each report folder: its pages and when it was made."""

PAGE_HREF = re.compile(r"[\w.-]+\.html")
"""A page link in a stamp: a plain file name in the report folder, nothing that leaves it."""

TEACHING = "teaching"
"""The folder of the teacher pages (`make exercises`), beside the reports."""

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "site"

CORPUS = "corpus"
"""The folder of the batches' coverage pages, one sub-folder per batch (`batch.render`)."""
NO_OUTLET = "outlet not given"


def entry(analysis: Analysis) -> dict:
    """What the index shows of one article: headline, outlet, date and its counts."""
    article = analysis.article
    outlet, published = article.meta.outlet, article.meta.date
    return {
        "headline": article.headline or article.path.stem,
        "outlet": str(outlet or ""),
        "date": day(published),
        "iso_date": published.isoformat() if published else "",
        "statements": int(statements(analysis.quotes)[0].sum()),
        "figures": len(facts(analysis.figures)),
        "stances": len(analysis.stances),
    }


def write_entry(analysis: Analysis, folder: Path) -> Path:
    """Write the index entry of one report into its folder."""
    path = folder / ENTRY
    path.write_text(json.dumps(entry(analysis), indent=2), encoding="utf-8")
    return path


class StampWarning(UserWarning):
    """A report folder's stamp or entry is damaged; its report is left out of the index."""


def _read(path: Path) -> object:
    """The JSON in `path`, or None when it cannot be read or is not JSON (or not a file, or
    nested too deep: `read_json`)."""
    return read_json(path)


def stamp_problem(stamp: object, info: object) -> str | None:
    """What is wrong with a report's stamp or entry for the index, or None when whole."""
    if stamp is None or info is None:
        return "it is not readable JSON"
    if not isinstance(stamp, dict) or not isinstance(info, dict):
        return "it is not a JSON object"
    if not isinstance(info.get("headline"), str):
        return "'headline' is missing or not text"
    pages = stamp.get("pages")
    if not isinstance(pages, list) or not all(
        isinstance(page, dict) and isinstance(page.get("title"), str)
        and isinstance(page.get("href"), str) and PAGE_HREF.fullmatch(page["href"])
        for page in pages
    ):
        return "'pages' is not a list of {href: NAME.html, title: text}"
    return None


def reports(out_dir: Path) -> list[dict]:
    """Every rendered report under `out_dir`: its folder, entry and pages, by headline.

    A report whose stamp or entry is damaged is left out, with a warning saying how to mend it.
    """
    found = []
    for folder in sorted(p for p in out_dir.iterdir() if p.is_dir() and p.name[0] != "."):
        if not (folder / STAMP).exists() or not (folder / ENTRY).exists():
            continue
        stamp, info = _read(folder / STAMP), _read(folder / ENTRY)
        if problem := stamp_problem(stamp, info):
            warnings.warn(f"{folder / STAMP} is damaged ({problem}): its report is left out of "
                          f"the index. Render that article again with --force, or delete "
                          f"{folder}.", StampWarning, stacklevel=2)
            continue
        pages = [{"href": f"{folder.name}/{page['href']}", "title": page["title"]}
                 for page in stamp.get("pages", [])]
        found.append({**info, "href": pages[0]["href"] if pages else "", "pages": pages,
                      "slug": folder.name})
    return sorted(found, key=by_date)


def by_date(report: dict) -> tuple:
    """Sort key: dated articles first, oldest first, then by headline."""
    iso = str(report.get("iso_date") or "")
    return (not iso, iso, report["headline"].lower())


def coverage_pages(out_dir: Path) -> list[dict]:
    """Every batch's coverage page under `out_dir/corpus/`, newest render first: its batch
    name, link, articles (report folders) and first and last article date."""
    folder = out_dir / CORPUS
    if not folder.is_dir():
        return []
    found = []
    for batch in sorted(p for p in folder.iterdir() if p.is_dir() and p.name[0] != "."):
        stamp = _read(batch / STAMP)
        if not isinstance(stamp, dict) or stamp_problem(stamp, {"headline": ""}):
            continue
        pages = stamp.get("pages") or []
        slugs = stamp.get("slugs") if isinstance(stamp.get("slugs"), list) else []
        found.append({"batch": batch.name, "href": f"{CORPUS}/{batch.name}/{pages[0]['href']}"
                      if pages else "", "slugs": [str(slug) for slug in slugs],
                      "first": day_of(stamp.get("first")), "last": day_of(stamp.get("last")),
                      "rendered": (batch / STAMP).stat().st_mtime_ns})
    return sorted(found, key=lambda page: page["rendered"], reverse=True)


def day_of(iso: object) -> str:
    """'2022-02-15' -> '15 Feb 2022'; '' for anything else."""
    try:
        return day(date.fromisoformat(str(iso)))
    except ValueError:
        return ""


def groups(found: list[dict], batches: list[dict]) -> list[dict]:
    """The reports by batch: each coverage page's articles (newest batch first), then the
    articles rendered on their own; within a group by date."""
    by_slug = {report["slug"]: report for report in found}
    grouped, placed = [], set()
    for batch in batches:
        members = sorted((by_slug[slug] for slug in batch["slugs"] if slug in by_slug),
                         key=by_date)
        placed.update(report["slug"] for report in members)
        grouped.append({**batch, "reports": members})
    alone = [report for report in found if report["slug"] not in placed]
    if alone:
        grouped.append({"batch": "", "href": "", "reports": alone, "first": "", "last": ""})
    return grouped


def teaching_pages(out_dir: Path) -> list[dict]:
    """The teacher pages rendered into `out_dir/teaching`, in lesson order."""
    folder = out_dir / TEACHING
    if not folder.is_dir():
        return []
    return [{"href": f"{TEACHING}/{page.name}",
             "title": page.stem.split("_", 1)[-1].replace("_", " ").capitalize()}
            for page in lesson_files(folder, ".html")]


def write_index(out_dir: Path) -> Path:
    """Write `index.html` in `out_dir`, listing every report and the teaching pages."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES),
                              autoescape=select_autoescape(default=True))
    found = reports(out_dir)
    batches = coverage_pages(out_dir)
    outlets = sorted({report["outlet"] or NO_OUTLET for report in found}, key=str.casefold)
    page = environment.get_template("index.html.j2").render(
        groups=groups(found, batches), outlets=outlets, no_outlet=NO_OUTLET,
        teaching=teaching_pages(out_dir),
        summary=f"{count(len(found), 'article')} read closely"
                f"{', in ' + count(len(batches), 'batch', 'batches') if batches else ''}.")
    target = out_dir / "index.html"
    return write_atomic(target, page)
