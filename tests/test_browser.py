"""The rendered reports in a real headless Chromium, at desktop (1280 px) and phone (390 px)
widths: no console errors, images load and carry alt text, links resolve, no table cell is cut
short, every stance cell links to its sentence, an axe-core audit finds no serious or critical
violation, markup in an article's text shows as text and never runs, no page reaches the
network. Screenshots of every page go to test-artifacts/screenshots/."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from helpers.paths import PROJ_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = {"desktop": 1280, "phone": 390}
SCREENSHOTS = PROJ_ROOT / "test-artifacts" / "screenshots"
BLOCKING = ("serious", "critical")
NO_ALT = "No description has been provided for this image"
SOURCES = {unquote(row["url"])
           for table in (PROJ_ROOT / "data" / "stories").glob("*/records/*.csv")
           for row in csv.DictReader(table.open(encoding="utf-8", newline="")) if row.get("url")}
"""The only pages a report may link outside itself: the primary sources of the record rows."""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (as root, `make browser` installs Debian's)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


def visit(browser, page_path: Path, width: int = WIDTHS["desktop"], audit: bool = False,
          screenshot: Path | None = None) -> dict:
    """Open one page and collect console errors, dialogs, images, links, table cells and,
    when asked, the axe-core violations and a full-page screenshot."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_path.as_uri(), wait_until="load")
    images = page.eval_on_selector_all(
        "img", "els => els.map(e => ({src: e.src.slice(0, 40), w: e.naturalWidth,"
               " h: e.naturalHeight, done: e.complete, alt: e.alt}))")
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    cells = page.eval_on_selector_all("td, th", "els => els.map(e => e.textContent.trim())")
    info = {"errors": errors, "dialogs": dialogs, "images": images, "links": links,
            "cells": cells, "title": page.title(), "text": page.inner_text("body"),
            "requests": requests,
            "overflow": page.evaluate("document.documentElement.scrollWidth") - width}
    if audit:
        info["violations"] = Axe().run(page).response["violations"]
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
    page.close()
    return info


def pages_of(reports: Path) -> list[Path]:
    return [reports / "index.html", *sorted(reports.glob("*/*.html")),
            *sorted(reports.glob("corpus/*/*.html"))]


LOCAL = {"file", "data", "about", "blob"}
"""URL schemes that load nothing from the network."""


def test_no_page_reaches_the_network_or_links_to_script_or_data(browser, rendered_reports):
    """Issue 10, item 1: a headline such as `![t](https://...) [x](javascript:...)` became a
    remote image and a live javascript: link. Every page: no network request, no such link."""
    for page_path in pages_of(rendered_reports):
        info = visit(browser, page_path)
        name = page_path.relative_to(rendered_reports)
        remote = [url for url in info["requests"] if urlparse(url).scheme not in LOCAL]
        assert not remote, f"{name}: network requests {remote}"
        bad = [href for href in info["links"]
               if urlparse(href).scheme in ("javascript", "data", "vbscript")]
        assert not bad, f"{name}: links {bad}"


def test_markdown_in_the_headline_is_shown_as_written(browser, rendered_reports):
    headline = "T ![t](https://evil.example/p.png) [x](javascript:alert(1))"
    folder = rendered_reports / "markup-injection"
    for name in ("00_report.html", "01_reading_the_article.html"):
        info = visit(browser, folder / name)
        assert headline in info["text"], name
        assert not [i for i in info["images"] if "evil" in i["src"]], name


def test_every_page_loads_cleanly(browser, rendered_reports):
    pages = pages_of(rendered_reports)
    assert len(pages) == 1 + 4 * 6 + 1  # the index, six pages per article, the coverage page
    assert [p for p in pages if p.match("corpus/batch-*/05_coverage.html")]
    for page_path in pages:
        info = visit(browser, page_path)
        name = page_path.relative_to(rendered_reports)
        assert not info["errors"], f"{name}: console errors {info['errors']}"
        for image in info["images"]:
            assert image["done"] and image["w"] > 0 and image["h"] > 0, f"{name}: {image}"
            assert len(image["alt"]) > 40 and image["alt"] != NO_ALT, f"{name}: {image}"
        for href in info["links"]:
            url = urlparse(href)
            if url.scheme != "file":  # a source cannot be fetched here: it must be a record's
                assert unquote(href) in SOURCES, (
                    f"{name}: link leaves the report set and cites no record source: {href}")
                continue
            assert Path(unquote(url.path)).is_file(), f"{name}: broken link {href}"
        cut = [cell for cell in info["cells"] if cell.endswith(("…", "..."))]
        assert not cut, f"{name}: table cells cut short: {cut}"


def test_every_page_passes_axe_at_desktop_and_phone_widths(browser, rendered_reports):
    """axe-core on every page at both widths, with a full-page screenshot of each."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    found = {}
    for page_path in pages_of(rendered_reports):
        name = str(page_path.relative_to(rendered_reports).with_suffix("")).replace("/", "__")
        for label, width in WIDTHS.items():
            info = visit(browser, page_path, width, audit=True,
                         screenshot=SCREENSHOTS / f"{name}-{label}.png")
            blocking = [(v["id"], v["impact"], len(v["nodes"])) for v in info["violations"]
                        if v["impact"] in BLOCKING]
            if blocking:
                found[f"{name} at {width} px"] = blocking
            assert info["overflow"] <= 0, f"{name} at {width} px is wider than the screen"
    assert not found, f"serious or critical axe violations: {found}"
    assert len(list(SCREENSHOTS.glob("*.png"))) == 2 * len(pages_of(rendered_reports))


def test_charts_are_images_with_size(browser, rendered_reports):
    folder = rendered_reports / "000-c0fed61a49489022"
    report = visit(browser, folder / "00_report.html")["images"]
    assert len(report) == 2 and all(image["w"] > 300 for image in report)
    alts = [image["alt"] for image in report]
    assert alts[0].startswith("The article's “150,000” is 21% below the latest published "
                              "figure; its “130,000” matches the record.")
    assert "9 published figures" in alts[0]
    assert "14,200 to 14,400" in alts[1]
    amounts = [image["alt"] for image in visit(browser, folder / "04_charts.html")["images"]]
    assert len(amounts) == 3  # people, km and troops: one chart each, never one axis
    assert amounts[2].startswith("The article gives two amounts of troops")


def test_markup_in_the_article_is_shown_as_text_and_never_runs(browser, rendered_reports):
    folder = rendered_reports / "markup-injection"
    for page_path in sorted(folder.glob("*.html")):
        info = visit(browser, page_path)
        assert not info["dialogs"], f"{page_path.name}: a script from the article ran"
        assert info["title"] != "hacked"
        assert not info["errors"], info["errors"]
    report = visit(browser, folder / "00_report.html")
    assert '<script>alert("headline")</script>' in report["text"]
    index = visit(browser, rendered_reports / "index.html")
    assert '<script>alert("headline")</script>' in index["text"]


SEED_FOLDER = "000-c0fed61a49489022"
QUOTE_PAGES = ("00_report.html", "02_quotes_and_stances.html")


def article_folders(reports: Path) -> list[Path]:
    return sorted(folder for folder in reports.iterdir()
                  if (folder / "article.html").is_file())


def test_every_quote_row_links_to_its_place_in_the_article(browser, rendered_reports):
    """Issue 21: a quote named its paragraph, but nothing linked to the article's text. Every
    row of every quote table (seed and the batch) links to an anchor of article.html."""
    from helpers.report.anchors import ARTICLE_PAGE

    checked = 0
    for folder in article_folders(rendered_reports):
        page = browser.new_page()
        page.goto((folder / ARTICLE_PAGE).as_uri())
        ids = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        for name in QUOTE_PAGES:
            page.goto((folder / name).as_uri())
            rows = page.eval_on_selector_all(
                "div.reader-table table", """tables => tables
                  .filter(t => /Every quote/.test(t.caption ? t.caption.textContent : ''))
                  .flatMap(t => Array.from(t.tBodies[0].rows).map(r => {
                    const a = r.querySelector('a[href^="article.html#"]');
                    return a ? a.getAttribute('href') : null; }))""")
            assert None not in rows, f"{folder.name}/{name}: a quote row without a link"
            missing = [href for href in rows if href.split("#", 1)[1] not in ids]
            assert not missing, f"{folder.name}/{name}: links to no anchor: {missing}"
            checked += len(rows)
        page.close()
    assert checked >= 2 * 53  # the seed's 53 quotes, on both pages, and the batch's


TEXT_AFTER = """els => els.map(el => {
  const range = document.createRange();
  range.setStartAfter(el);
  range.setEndAfter(el.parentElement);
  const text = range.cloneContents();
  text.querySelectorAll('.who').forEach(label => label.remove());
  return text.textContent; })"""
"""The text of its paragraph from each element on, without the speaker labels of quotes."""


def test_every_stance_cell_links_to_the_sentence_that_decided_it(browser, rendered_reports,
                                                                 seed_path):
    """Issue 19, item 2: the stance grid of page 02 was an image. Each filled cell now links to
    an anchor of article.html where the sentence in the cell's title starts."""
    from helpers.analysis import analyze

    stances = analyze(seed_path).stances
    page = browser.new_page()
    page.goto((rendered_reports / SEED_FOLDER / "02_quotes_and_stances.html").as_uri())
    cells = page.eval_on_selector_all(
        "table.stance-grid tbody td", """tds => tds.map(td => {
          const a = td.querySelector('a');
          return {text: td.textContent.trim(), href: a ? a.getAttribute('href') : null,
                  title: a ? a.title : null}; })""")
    filled = [cell for cell in cells if cell["text"]]
    assert len(filled) == len(stances) and not [c for c in cells if c["href"] and not c["text"]]
    assert sorted(cell["title"] for cell in filled) == sorted(stances["evidence"])
    page.goto((rendered_reports / SEED_FOLDER / "article.html").as_uri())
    for cell in filled:
        assert cell["href"].startswith("article.html#c"), cell
        after = page.eval_on_selector_all(f"[id='{cell['href'].split('#')[1]}']", TEXT_AFTER)
        assert len(after) == 1, cell["href"]
        assert " ".join(after[0].split()).startswith(" ".join(cell["title"].split())), cell
    page.close()


def test_tables_link_their_csv_and_charts_their_png_and_svg(browser, rendered_reports):
    folder = rendered_reports / SEED_FOLDER
    for name in ("00_report.html", "02_quotes_and_stances.html", "03_figures.html"):
        page = browser.new_page()
        page.goto((folder / name).as_uri())
        tables = page.eval_on_selector_all("div.reader-table", "els => els.length")
        csvs = page.eval_on_selector_all("a[href$='.csv']", "els => els.map(e => e.href)")
        charts = page.eval_on_selector_all("figure.kit-chart", "els => els.length")
        svgs = page.eval_on_selector_all("figure.kit-chart a[href$='.svg']",
                                         "els => els.map(e => e.href)")
        page.close()
        assert len(csvs) == tables and len(svgs) == charts, name
        for href in csvs + svgs:
            assert Path(unquote(urlparse(href).path)).stat().st_size > 0, f"{name}: {href}"
    quotes = (folder / "data" / "every-quote-with-its-speaker.csv").read_text("utf-8")
    assert quotes.startswith("Paragraph,Speaker,Named in the text as,Kind,Quote,Cue,Words")


def test_the_printed_page_holds_every_quote_and_no_navigation(browser, rendered_reports,
                                                              seed_path):
    """Issue 21: printed, the quote table stayed in a closed <details> and the nav printed."""
    from helpers.analysis import analyze

    quotes = analyze(seed_path).quotes["text"]
    for name in (*QUOTE_PAGES, "article.html"):
        page = browser.new_page()
        page.goto((rendered_reports / SEED_FOLDER / name).as_uri())
        page.emulate_media(media="print")
        text = " ".join(page.inner_text("body").split())
        nav = page.eval_on_selector("nav.kit-nav", "e => getComputedStyle(e).display")
        page.close()
        missing = [quote for quote in quotes if " ".join(quote.split()) not in text]
        assert not missing, f"{name} printed without {len(missing)} quotes: {missing[:2]}"
        assert nav == "none", name


CHART_TEXT = """imgs => imgs.map(img => {
  const src = img.currentSrc;
  if (!src.startsWith('data:image/svg+xml;base64,')) { return {src: src.slice(0, 30)}; }
  const svg = atob(src.split(',')[1]);
  const box = /viewBox="[-\\d.]+ [-\\d.]+ ([\\d.]+)/.exec(svg);
  const sizes = Array.from(svg.matchAll(/font(?:-size)?:\\s*([\\d.]+)px/g), m => +m[1]);
  return {width: img.getBoundingClientRect().width, box: +box[1], smallest: Math.min(...sizes)};
})"""


def test_no_chart_text_is_smaller_than_11_px_on_a_phone(browser, rendered_reports):
    """Issue 21: at 390 px the charts were downscaled PNGs with axis labels about 4 px high."""
    checked = 0
    for page_path in pages_of(rendered_reports):
        page = browser.new_page(viewport={"width": WIDTHS["phone"], "height": 900})
        page.goto(page_path.as_uri(), wait_until="load")
        charts = page.eval_on_selector_all("figure.kit-chart img", CHART_TEXT)
        page.close()
        for chart in charts:
            assert "box" in chart, f"{page_path.name}: a chart shows {chart['src']} on a phone"
            shown = chart["smallest"] * chart["width"] / chart["box"]
            assert shown >= 10.99, f"{page_path.name}: chart text {shown:.1f} px at 390 px"
            checked += 1
    assert checked >= 10
