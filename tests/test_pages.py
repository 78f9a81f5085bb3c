"""The rendered pages as a reader gets them: the finding first, pages that agree, no story words
on an article without a story, an index with links and counts, the template's links, alt text
and solution markers."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from lxml import html as lxml_html

from helpers.analysis import analyze
from helpers.batch.render import export_html
from helpers.report.index import write_index
from helpers.stories.packs import packs

SEED = "000-c0fed61a49489022"


def page_text(path: Path) -> str:
    """What a reader of the page sees or hears: its text and its images' alt text."""
    tree = lxml_html.fromstring(path.read_bytes())
    for hidden in tree.xpath("//style | //script | //head"):
        hidden.getparent().remove(hidden)
    alts = " ".join(tree.xpath("//img/@alt"))
    return " ".join(tree.text_content().split()) + " " + alts


def verdicts(path: Path) -> list[str]:
    """The verdict sentences of a page: list items that start with “The article's “”."""
    tree = lxml_html.fromstring(path.read_bytes())
    items = [" ".join(li.text_content().split()) for li in tree.xpath("//li")]
    return [item for item in items if item.startswith("The article's “")]


@pytest.mark.slow
def test_the_report_opens_with_the_headline_and_the_takeaways(rendered_reports):
    page = rendered_reports / SEED / "00_report.html"
    tree = lxml_html.fromstring(page.read_bytes())
    (h1,) = tree.xpath("//h1")
    assert h1.text_content().strip("¶ ") == (
        "US and Allies Can’t Verify Russian Pullback of Troops near Ukraine")
    assert tree.xpath("//title")[0].text == (
        "US and Allies Can’t Verify Russian Pullback of Troops near Ukraine · Report")
    text = page_text(page)
    details = text.index("1,125 words, about 5 minutes to read")
    assert details < text.index("What the reading finds")
    assert "Joe Biden has the most words in quotation marks: 45% of them" in text
    assert text.index("What the reading finds") < text.index("How this was made")
    headings = [h.text_content().strip("¶ ") for h in tree.xpath("//h2")]
    assert headings[0] == "What the reading finds" and headings[-1] == "How this was made"
    for internal in ("src/helpers", "data/", ".csv", "SOURCES.md", ".txt"):
        assert internal not in text, internal


@pytest.mark.slow
def test_report_and_figures_page_give_the_same_verdict_for_every_figure(rendered_reports,
                                                                        seed_path):
    checks = analyze(seed_path).findings.figure_checks
    # the takeaways repeat the sentence of a figure that differs (without its paragraph link)
    report = list(dict.fromkeys(sentence.removesuffix(f" (paragraph {check.paragraph})")
                                for sentence in verdicts(rendered_reports / SEED /
                                                         "00_report.html")
                                for check in checks if sentence.startswith(
                                    f"The article's “{check.text}”")))
    figures = [sentence.removesuffix(f" (paragraph {check.paragraph})")
               for sentence in verdicts(rendered_reports / SEED / "03_figures.html")
               for check in checks if sentence.startswith(f"The article's “{check.text}”")]
    assert len(report) == len(checks) == 3
    assert sorted(report) == sorted(figures)
    assert [sentence.split("”")[0] for sentence in figures] == [
        "The article's “150,000", "The article's “130,000", "The article's “nearly 14,000"]


@pytest.mark.slow
def test_an_article_without_a_story_pack_shows_no_story_words_or_charts(rendered_reports):
    folder = rendered_reports / "bus-lanes"
    words = {term for pack in packs() for term in pack.match_terms}
    words |= {label for pack in packs() for label in pack.topic_labels.values()}
    words |= {topic for pack in packs() for topic in pack.topic_labels}
    words |= {pack.title for pack in packs()}
    pages = sorted(folder.glob("*.html"))
    assert len(pages) == 6  # five notebook pages and the article view
    for page in pages:
        text = page_text(page)
        found = [word for word in words
                 if re.search(rf"\b{re.escape(word)}\b", text, flags=re.IGNORECASE)]
        assert not found, f"{page.name} shows story words {found}"
    report = lxml_html.fromstring((folder / "00_report.html").read_bytes())
    assert not report.xpath("//img")  # no record charts
    assert "no figure in it is checked against a public record" in page_text(
        folder / "00_report.html")
    files = sorted(p.name for p in (folder / "figures").iterdir())
    linked = sorted({href.removeprefix("figures/") for page in folder.glob("*.html")
                     for href in lxml_html.fromstring(page.read_bytes()).xpath("//a/@href")
                     if href.startswith("figures/")})
    assert files == linked  # the files are the charts the pages show, each linked
    assert "duration-in-minutes.svg" in files  # page 04: a chart per thing counted, minutes here


@pytest.mark.slow
def test_index_links_every_headline_with_its_counts(rendered_reports):
    tree = lxml_html.fromstring((rendered_reports / "index.html").read_bytes())
    rows = {" ".join(row.xpath("td")[1].xpath(".//a[@class='headline']")[0].text.split()):
            [cell.text_content() for cell in row.xpath("td")[3:]]
            for row in tree.xpath("//tbody/tr")}
    seed = rows["US and Allies Can’t Verify Russian Pullback of Troops near Ukraine"]
    assert seed == ["43", "4", "21"]  # statements (53 quote rows, 8 partial, 2 scare quotes);
    # 21 stances: "The United States and NATO, which continue to warn ..." gives NATO one too
    assert rows["City Council Approves New Bus Lanes on Main Street"][2] == "0"
    link = tree.xpath("//a[@class='headline']/@href")
    assert f"{SEED}/00_report.html" in link
    assert "1 article" not in tree.text_content() and "article(s)" not in tree.text_content()


def test_index_links_the_teaching_pages(tmp_path):
    teaching = tmp_path / "teaching"
    teaching.mkdir()
    (teaching / "01_actors.html").write_text("<html></html>", "utf-8")
    (teaching / "02_quotes.html").write_text("<html></html>", "utf-8")
    tree = lxml_html.fromstring(write_index(tmp_path).read_bytes())
    links = {a.text: a.get("href") for a in tree.xpath("//ul/li/a")}
    assert links == {"Actors": "teaching/01_actors.html", "Quotes": "teaching/02_quotes.html"}
    assert "No reports rendered yet." in tree.text_content()
    assert "0 articles read closely." in tree.text_content()


def test_template_links_pages_keeps_alt_text_and_labels_solution_markers(tmp_path):
    book = nbformat.v4.new_notebook()
    book.cells = [
        nbformat.v4.new_markdown_cell("# Lesson\n\nSee the [figures page](03_figures.ipynb)."),
        nbformat.v4.new_markdown_cell("## Reflection\n\n### BEGIN SOLUTION\n*Model answer.* "
                                      "Yes.\n### END SOLUTION"),
        nbformat.v4.new_code_cell("chart", outputs=[nbformat.v4.new_output(
            "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "a chart"},
            metadata={"image/png": {"alt": "Bars of words quoted: Ann Lee 4", "width": 800}})]),
    ]
    source = tmp_path / "lesson.ipynb"
    nbformat.write(book, source)
    page = export_html(source, tmp_path / "lesson.html").read_text("utf-8")
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//a[text()='figures page']/@href") == ["03_figures.html"]
    assert tree.xpath("//img/@alt") == ["Bars of words quoted: Ann Lee 4"]
    assert not [h for h in tree.xpath("//h3") if "SOLUTION" in h.text_content()]
    assert [p.text for p in tree.xpath("//p[@class='solution-marker']")] == [
        "Model answer (teacher's copy)", "End of model answer"]
    assert tree.xpath("//em")[0].text == "Model answer."
