"""The article view (issue 21): the text with every quote and figure marked, paragraphs anchored
`p<n>` and every piece of evidence `c<offset>`, so every link from the pages lands."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from helpers.report import anchors
from helpers.report.article_view import Mark, segments, write_article_view


def test_the_seed_view_anchors_every_paragraph_quote_and_figure(seed_analysis, tmp_path):
    page = write_article_view(seed_analysis, tmp_path,
                              [{"href": "00_report.html", "title": "Report"}])
    tree = lxml_html.fromstring(page.read_bytes())
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids)), "anchor ids repeat"
    paragraphs = len(seed_analysis.article.paragraphs)
    assert [f"p{n}" for n in range(1, paragraphs + 1)] == tree.xpath("//p[@class='para']/@id")
    for href in anchors.evidence_hrefs(seed_analysis.quotes) + anchors.evidence_hrefs(
            seed_analysis.figures):
        assert href.split("#")[1] in ids, href
    marks = tree.xpath("//mark[contains(@class, 'quote')]")
    # every quote is shown, with its speaker's name where it opens
    opened = [m.xpath("span[@class='who']")[0].text_content() for m in marks
              if m.xpath("span[@class='who']")]
    nested = sum(any(o.start <= q.start < o.end and (o.start, o.end) != (q.start, q.end)
                     for o in seed_analysis.quotes.itertuples())
                 for q in seed_analysis.quotes.itertuples())
    assert len(opened) == len(seed_analysis.quotes) - nested and nested > 0
    assert opened[0] == "Vladimir Putin’s military (reported):"
    # the text is the article's, every character once, without the labels
    for label in tree.xpath("//span[@class='who'] | //a[@class='pnum']"):
        label.drop_tree()
    shown = [p.text_content() for p in tree.xpath("//p[@class='para']")]
    assert shown == list(seed_analysis.article.paragraphs)
    assert "Joe Biden" in tree.xpath("//div[@class='legend']")[0].text_content()
    assert "outlet not given" in tree.xpath("//p[@class='details']")[0].text_content()


def test_a_figure_inside_a_quote_is_cut_into_pieces_that_keep_both():
    text = "He said “we saw 150,000 troops” on Tuesday."
    quote = Mark(8, 31, "quote", "Joe Biden", 1)
    figure = Mark(16, 23, "figure", "150,000 troops")
    pieces = segments(text, 0, [quote, figure], {8, 16, 0})
    assert "".join(p.text for p in pieces) == text
    inside = [p for p in pieces if p.figure is not None]
    assert [(p.text, p.quote) for p in inside] == [("150,000", quote)]
    assert [p.text for p in pieces if p.opens] == ["“we saw "]
    assert [p.anchors for p in pieces if p.anchors] == [["c0"], ["c8"], ["c16"]]


@st.composite
def marked_text(draw):
    text = draw(st.text(min_size=1, max_size=80))
    offset = draw(st.integers(0, 500))
    spans = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))),
                          max_size=6))
    found = [Mark(offset + min(a, b), offset + max(a, b) + 1, kind, "x")
             for (a, b), kind in zip(spans, ["quote", "figure"] * 3, strict=False)]
    points = set(draw(st.lists(st.integers(offset - 5, offset + len(text) + 5), max_size=6)))
    return text, offset, found, points


@given(marked_text())
def test_segments_give_back_the_text_whatever_the_marks(case):
    text, offset, found, points = case
    pieces = segments(text, offset, found, points)
    assert "".join(p.text for p in pieces) == text
    assert all(p.text for p in pieces)
    given_anchors = [a for p in pieces for a in p.anchors]
    assert sorted(given_anchors) == sorted(
        anchors.offset_id(p) for p in points if offset <= p < offset + len(text))
