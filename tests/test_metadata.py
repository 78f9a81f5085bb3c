"""Article metadata (issue 13, item 1): front matter, manifest.csv, a saved page's metadata."""

from __future__ import annotations

import datetime

import pytest

from helpers.source.article import load_article
from helpers.source.metadata import Meta

BODY = "Talks resume\n\nThe envoy met the minister on Monday.\n"
MANIFEST_HEADER = "file,outlet,date,author,url,licence,kind,notes\n"


def test_a_plain_text_file_has_no_metadata(write_article):
    assert load_article(write_article(BODY)).meta == Meta()


def test_front_matter_gives_the_metadata_and_is_not_text(write_article):
    article = load_article(write_article(
        "---\noutlet: Voice of America\ndate: 2022-02-16\nauthor: Jane Doe\n"
        "url: https://www.voanews.com/a/talks\nlicence: public domain\n---\n" + BODY))
    assert article.meta == Meta("Voice of America", datetime.date(2022, 2, 16), "Jane Doe",
                                "https://www.voanews.com/a/talks")
    assert article.headline == "Talks resume"
    assert article.paragraphs == ("The envoy met the minister on Monday.",)


def test_the_manifest_beside_the_articles_gives_the_metadata(tmp_path, write_article):
    (tmp_path / "manifest.csv").write_text(
        MANIFEST_HEADER + 'article.txt,Wikinews,2022-02-17,"Doe, Jane",https://en.wikinews.org/'
        'wiki/x,CC BY 2.5,news,first day\nother.txt,VOA,,,,,,\n', encoding="utf-8")
    article = load_article(write_article(BODY))
    assert article.meta == Meta("Wikinews", datetime.date(2022, 2, 17), "Doe, Jane",
                                "https://en.wikinews.org/wiki/x")


def test_front_matter_wins_over_the_manifest_field_by_field(tmp_path, write_article):
    (tmp_path / "manifest.csv").write_text(
        MANIFEST_HEADER + "article.txt,Wikinews,2022-02-17,Ann Lee,,,,\n", encoding="utf-8")
    article = load_article(write_article("---\noutlet: VOA\n---\n" + BODY))
    assert article.meta == Meta("VOA", datetime.date(2022, 2, 17), "Ann Lee", None)


def test_a_saved_page_gives_its_own_metadata(tmp_path, write_article):
    page = """<html><head><title>Mayor opens bridge</title>
    <meta name="author" content="Ann Lee"><meta property="og:site_name" content="City News">
    <meta property="og:url" content="https://news.example/bridge">
    <meta property="article:published_time" content="2024-05-06T09:30:00Z"></head>
    <body><article><h1>Mayor opens bridge</h1>
    <p>The mayor opened the new bridge on Monday, six years after work began on the river.</p>
    </article></body></html>"""
    article = load_article(write_article(page, "page.html"))
    assert article.meta == Meta("City News", datetime.date(2024, 5, 6), "Ann Lee",
                                "https://news.example/bridge")
    (tmp_path / "manifest.csv").write_text(MANIFEST_HEADER + "page.html,The Record,,,,,,\n",
                                           encoding="utf-8")
    assert load_article(tmp_path / "page.html").meta.outlet == "The Record"  # manifest wins


# Bad metadata: each error says where it is and how to write it.


@pytest.mark.parametrize(("block", "message"), [
    ("---\ndate: 16/02/2022\n---\n", r"front matter: the date '16/02/2022' is not a date written "
                                     r"YYYY-MM-DD"),
    ("---\nsource: VOA\n---\n", r"article\.txt:2: 'source: VOA' is not a known 'key: value' "
                                r"line.*keys outlet, date, author, url"),
    ("---\noutlet: A\noutlet: B\n---\n", r"article\.txt:3: 'outlet: B' repeats the key"),
    ("---\noutlet: VOA\n", r"front matter that opens with '---' on line 1 is not closed"),
])
def test_bad_front_matter(write_article, block, message):
    with pytest.raises(ValueError, match=message):
        load_article(write_article(block + BODY))


@pytest.mark.parametrize(("manifest", "message"), [
    ("name,outlet\narticle.txt,VOA\n", r"must name the column 'file'.*it has name,outlet"),
    ("file,outlett\narticle.txt,VOA\n", r"\(unknown: outlett\)"),
    (MANIFEST_HEADER + "article.txt,VOA,2022-13-01,,,,,\n", r"manifest\.csv, line 2: the date "
                                                            r"'2022-13-01' is not a date"),
    (MANIFEST_HEADER + "article.txt,A,,,,,,\narticle.txt,B,,,,,,\n",
     r"line 3: 'article\.txt' has a row already"),
    ("file,outlet\narticle.txt,VOA,extra\n", r"line 2: more values than columns"),
])
def test_bad_manifest(tmp_path, write_article, manifest, message):
    (tmp_path / "manifest.csv").write_text(manifest, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_article(write_article(BODY))


def test_an_edited_manifest_is_read_again(tmp_path, write_article):
    path = write_article(BODY)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(MANIFEST_HEADER + "article.txt,A,,,,,,\n", encoding="utf-8")
    assert load_article(path).meta.outlet == "A"
    manifest.write_text(MANIFEST_HEADER + "article.txt,Bee,,,,,,\n", encoding="utf-8")
    assert load_article(path).meta.outlet == "Bee"
