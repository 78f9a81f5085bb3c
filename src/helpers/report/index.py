"""The index page of a report set: each article's headline as a link to its report, with its
outlet, date and counts of quotes, figures and stances, the pages of each report, and the
teaching pages when they have been rendered beside the reports.

The render writes one small entry per report (`write_entry`, next to the report's pages) while
it has the analysis; `write_index` reads the entries of every report folder and writes the page.
"""

from __future__ import annotations

import json
import re
import tempfile
import warnings
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from helpers.analysis import Analysis
from helpers.findings.findings import facts
from helpers.report.words import count, day

ENTRY = ".index.json"
"""The file in each report folder that the index reads."""

STAMP = ".render.json"
"""The render's stamp in each report folder: its pages and when it was made."""

PAGE_HREF = re.compile(r"[\w.-]+\.html")
"""A page link in a stamp: a plain file name in the report folder, nothing that leaves it."""

TEACHING = "teaching"
"""The folder of the teacher pages (`make exercises`), beside the reports."""

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "site"


def entry(analysis: Analysis) -> dict:
    """What the index shows of one article: headline, outlet, date and its counts."""
    article = analysis.article
    outlet, published = article.meta.outlet, article.meta.date
    return {
        "headline": article.headline or article.path.stem,
        "outlet": str(outlet or ""),
        "date": day(published),
        "quotes": len(analysis.quotes),
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
    """The JSON in `path`, or None when it cannot be read or is not JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


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
        found.append({**info, "href": pages[0]["href"] if pages else "", "pages": pages})
    return sorted(found, key=lambda report: report["headline"].lower())


def teaching_pages(out_dir: Path) -> list[dict]:
    """The teacher pages rendered into `out_dir/teaching`, in lesson order."""
    folder = out_dir / TEACHING
    if not folder.is_dir():
        return []
    return [{"href": f"{TEACHING}/{page.name}",
             "title": page.stem.split("_", 1)[-1].replace("_", " ").capitalize()}
            for page in sorted(folder.glob("[0-9][0-9]_*.html"))]


def write_index(out_dir: Path) -> Path:
    """Write `index.html` in `out_dir`, listing every report and the teaching pages."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES),
                              autoescape=select_autoescape(default=True))
    found = reports(out_dir)
    page = environment.get_template("index.html.j2").render(
        reports=found, teaching=teaching_pages(out_dir),
        summary=f"{count(len(found), 'article')} read closely.")
    target = out_dir / "index.html"
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out_dir, delete=False,
                                     suffix=".tmp") as handle:
        handle.write(page)
    Path(handle.name).chmod(0o644)
    Path(handle.name).replace(target)
    return target
