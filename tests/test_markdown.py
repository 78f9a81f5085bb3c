"""Article text in Markdown: markup, links, images and dollar signs are shown as written."""

import re

import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from helpers.report.markdown import escape

INJECTION = "T ![t](https://evil.example/p.png) [x](javascript:alert(1))"


def rendered(markdown: str) -> str:
    """The HTML nbconvert makes of a Markdown cell (the renderer of the reports)."""
    return markdown2html_mistune(markdown)


def visible_text(page: str) -> str:
    """The text a reader sees: tags dropped, entities read."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", page)).strip()


def test_markup_becomes_text():
    assert escape('<script>alert("x")</script> & co') == (
        r'&lt;script&gt;alert\("x"\)&lt;/script&gt; &amp; co')


def test_dollar_signs_are_not_math():
    assert escape("from $3m to $5m") == r"from \$3m to \$5m"
    assert escape(14000) == "14000"


def test_headline_with_a_link_and_an_image_is_shown_as_written():
    page = rendered(f"**{escape(INJECTION)}** (12 words).")
    assert "<a" not in page and "<img" not in page and "href=" not in page and "src=" not in page
    assert visible_text(page) == f"{INJECTION} (12 words)."


@pytest.mark.parametrize("text", [
    INJECTION,
    "see https://evil.example/x, www.evil.example and news@evil.example",
    "[ref]: https://evil.example",
    "<https://evil.example>",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "> not a quote",
    "| a | b |",
    "~~kept~~ *kept* _kept_ `kept` \\[kept\\]",
    "$3m to $5m",
    "Title\n===",
])
def test_markdown_syntax_at_the_start_of_a_line_is_text(text):
    page = rendered(escape(text))
    for tag in ("<a", "<img", "<h1", "<h2", "<ul", "<ol", "<li", "<blockquote", "<table",
                "<del", "<em", "<code", "<strong"):
        assert tag not in page, (text, page)
    assert visible_text(page) == text
