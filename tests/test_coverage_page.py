"""The coverage page of two articles, rendered as the batch renders it (papermill, then
`export_html`) and read in headless Chromium at desktop and phone widths: the finding first and
how it was made last, an axe-core audit with no serious or critical violation, charts with alt
text, no table cell cut short, each headline linking to its article's report, each stance
cell and checked figure to its sentence in its article's view, nothing fetched from the
network. Screenshots go to test-artifacts/screenshots/corpus__*."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from corpora import TWO_ARTICLES
from test_browser import (
    BLOCKING,
    LOCAL,
    NO_ALT,
    SCREENSHOTS,
    TEXT_AFTER,
    WIDTHS,
    browser,
    visit,
)

from helpers.batch.render import export_html
from helpers.paths import NOTEBOOKS_DIR, PROJ_ROOT
from helpers.report.anchors import ARTICLE_PAGE
from helpers.source.slugs import slug_for

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOK = NOTEBOOKS_DIR / "05_coverage.ipynb"
SLUGS = sorted(path.name for path in TWO_ARTICLES.iterdir())
__all__ = ["browser"]  # the Chromium fixture of test_browser, used here by name


@pytest.fixture(scope="module")
def coverage_page(tmp_path_factory) -> Path:
    """The two-article coverage page, in a corpus/ folder beside where reports would be."""
    import papermill

    out = tmp_path_factory.mktemp("reports") / "corpus"
    out.mkdir()
    executed = out / NOTEBOOK.name
    papermill.execute_notebook(str(NOTEBOOK), str(executed),
                               parameters={"tables_dir": str(TWO_ARTICLES),
                                           "reports_href": "../"},
                               kernel_name="python3", cwd=str(NOTEBOOKS_DIR),
                               progress_bar=False, log_output=False,
                               extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
    return export_html(executed, out / "05_coverage.html")


def test_the_page_opens_with_the_finding_and_ends_with_how_it_was_made(browser, coverage_page):
    page = browser.new_page(viewport={"width": WIDTHS["desktop"], "height": 900})
    page.goto(coverage_page.as_uri(), wait_until="load")
    h1 = page.eval_on_selector_all("h1", "els => els.map(e => e.textContent.trim())")
    h2 = page.eval_on_selector_all("h2", "els => els.map(e => e.textContent.trim())")
    takeaways = page.eval_on_selector_all("h2 + ul li", "els => els.length")
    page.close()
    assert [text.rstrip("¶") for text in h1] == [
        "How 2 articles from 2 publishers covered Russia's military build-up near Ukraine, "
        "from 15 Feb 2022 to 18 Feb 2022"]
    assert [text.rstrip("¶") for text in h2] == [
        "What the comparison finds", "Who gets the voice?", "Whom does only one outlet quote?",
        "How did the printed figures stand against the record?",
        "Where do actors stand, across the articles?", "The articles", "How this was made"]
    assert 3 <= takeaways <= 5


def test_the_page_loads_cleanly_and_links_each_report(browser, coverage_page):
    info = visit(browser, coverage_page)
    assert not info["errors"], info["errors"]
    assert not [url for url in info["requests"] if urlparse(url).scheme not in LOCAL]
    assert len(info["images"]) == 3  # voices by speaker and by outlet, the troop timeline
    for image in info["images"]:
        assert image["done"] and image["w"] > 300, image
        assert len(image["alt"]) > 40 and image["alt"] != NO_ALT, image
    assert not [cell for cell in info["cells"] if cell.endswith(("…", "..."))]
    reports = sorted(href for href in info["links"] if href.endswith("/00_report.html"))
    expected = [(coverage_page.parent.parent / slug / "00_report.html").as_uri()
                for slug in SLUGS]
    assert reports == expected
    assert "1 of the 2 figures the articles print for Russian troops" in info["text"]


def test_the_page_passes_axe_at_desktop_and_phone_widths(browser, coverage_page):
    found = {}
    for label, width in WIDTHS.items():
        info = visit(browser, coverage_page, width, audit=True,
                     screenshot=SCREENSHOTS / f"corpus__05_coverage-{label}.png")
        blocking = [(v["id"], v["impact"], len(v["nodes"])) for v in info["violations"]
                    if v["impact"] in BLOCKING]
        if blocking:
            found[width] = blocking
        assert info["overflow"] <= 0, f"the page at {width} px is wider than the screen"
    assert not found, f"serious or critical axe violations: {found}"


@pytest.fixture(scope="module")
def article_views(coverage_page) -> Path:
    """The article views of the two articles, where the coverage page's links expect them
    (the folder of the reports, beside corpus/)."""
    from helpers.analysis import analyze
    from helpers.report.article_view import write_article_view

    reports = coverage_page.parent.parent
    for path in sorted((PROJ_ROOT / "data" / "corpus").glob("*.txt")):
        if slug_for(path) in SLUGS:
            (reports / slug_for(path)).mkdir()
            write_article_view(analyze(path), reports / slug_for(path), [])
    assert sorted(view.parent.name for view in reports.glob(f"*/{ARTICLE_PAGE}")) == SLUGS
    return reports


def test_every_figure_row_links_to_its_place_in_its_articles_view(browser, coverage_page,
                                                                   article_views):
    """Issue 21: the coverage page's figure rows link into the right article's view, at an
    anchor that exists there."""
    page = browser.new_page()
    page.goto(coverage_page.as_uri())
    links = page.eval_on_selector_all(
        "div.reader-table table", """tables => tables
          .filter(t => /record, by article date/.test(t.caption ? t.caption.textContent : ''))
          .flatMap(t => Array.from(t.tBodies[0].rows).map(r => {
            const a = r.querySelector('a');
            return a ? a.href : null; }))""")
    assert len(links) == 2 and None not in links, links
    for href in links:
        view, anchor = href.split("#", 1)
        page.goto(view)
        assert page.eval_on_selector_all(f"[id='{anchor}']", "els => els.length") == 1, href
    page.close()
    slugs = [Path(urlparse(href).path).parent.name for href in links]
    assert slugs == ["whitehouse-2022-02-15-biden-update-russia-ukraine",
                     "house-2022-02-18-mccaul-rogers-turner-200000-troops"]


def test_every_stance_cell_links_to_its_sentence_in_its_articles_view(browser, coverage_page,
                                                                      article_views):
    """Issue 19, item 2: the stance grid was an image; each filled cell now links into the
    view of an article giving that stance, at an anchor there that starts the sentence the
    cell's title holds."""
    page = browser.new_page()
    page.goto(coverage_page.as_uri())
    cells = page.eval_on_selector_all(
        "table.stance-grid tbody td", """tds => tds.map(td => {
          const a = td.querySelector('a');
          return {text: td.textContent.trim(), href: a ? a.href : null,
                  title: a ? a.title : null}; })""")
    filled = [cell for cell in cells if cell["text"]]
    assert len(filled) == 7 and None not in [cell["href"] for cell in filled], cells
    assert not [cell for cell in cells if not cell["text"] and cell["href"]]
    for cell in filled:
        view, anchor = cell["href"].split("#", 1)
        page.goto(view)
        after = page.eval_on_selector_all(f"[id='{anchor}']", TEXT_AFTER)
        assert len(after) == 1, cell["href"]
        assert " ".join(after[0].split()).startswith(" ".join(cell["title"].split())), cell
    page.close()
