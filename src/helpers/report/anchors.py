"""Where the evidence of a claim lives: the article view and its anchors.

Every page of a report links a quote, stance, figure or finding to the place in the article
that backs it. The article view (`article.html`, beside the other pages of a report) gives
each paragraph the id `p<n>` (n is the 1-based body paragraph, as in the tables' `paragraph`
column) and each character offset that a table row starts at the id `c<offset>` (the tables'
`start` column, counted in the article's text).
"""

from __future__ import annotations

ARTICLE_PAGE = "article.html"
"""The article view's file name inside a report folder."""


def paragraph_id(paragraph: int) -> str:
    """The anchor id of body paragraph `paragraph` (1-based)."""
    return f"p{int(paragraph)}"


def offset_id(start: int) -> str:
    """The anchor id of the evidence that starts at character `start` of the article's text."""
    return f"c{int(start)}"


def evidence_href(start: int, page: str = ARTICLE_PAGE) -> str:
    """The link to the evidence starting at character `start`, from a page of the same report."""
    return f"{page}#{offset_id(start)}"


def paragraph_href(paragraph: int, page: str = ARTICLE_PAGE) -> str:
    """The link to body paragraph `paragraph`, from a page of the same report."""
    return f"{page}#{paragraph_id(paragraph)}"


def evidence_hrefs(table, page: str = ARTICLE_PAGE) -> list[str]:
    """The link to each row's evidence, for a table with a `start` column (quotes, figures)."""
    return [evidence_href(start, page) for start in table["start"]]
