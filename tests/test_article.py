"""Loading articles: the seed, cleaning rules, HTML pages, and every bad input with its message."""

from __future__ import annotations

import pytest

from helpers.source.article import MAX_BYTES, load_article, remove_boilerplate


def test_seed_headline_paragraphs_and_furniture(seed_article, seed_path):
    assert seed_article.headline.startswith("US and Allies Can’t Verify")
    assert seed_article.paragraphs[0].startswith("Russian President Vladimir Putin welcomed")
    assert seed_article.paragraphs[-1].endswith("its implementation has stopped.")
    for furniture in ("Related Articles", "Please enter", "Advertisement", "Latest Articles"):
        assert furniture not in seed_article.text
    assert len(seed_article.paragraphs) == 30
    assert seed_article.sha256 == __import__("hashlib").sha256(seed_path.read_bytes()).hexdigest()


def test_word_count_and_reading_time(write_article):
    article = load_article(write_article("Title\n\nOne two three. It’s four-five six.\n"))
    assert article.word_count == 6
    assert article.reading_minutes == pytest.approx(6 / 238)


def test_offsets_and_paragraph_numbers(write_article):
    article = load_article(write_article("Head\n\nFirst para.\n\nSecond\npara joined.\n"))
    assert article.paragraphs == ("First para.", "Second para joined.")
    second = article.text.index("Second")
    assert article.paragraph_starts == (0, second)
    assert article.paragraph_at(0) == 1 and article.paragraph_at(second + 3) == 2


def test_headline_directly_followed_by_text(write_article):
    article = load_article(write_article("\n\n  A headline  \nBody starts here.\n"))
    assert article.headline == "A headline"
    assert article.paragraphs == ("Body starts here.",)


def test_furniture_is_cut_only_after_the_opening():
    lines = ["Latest news", "", "Body text.", "", "Share this", "Footer link"]
    assert remove_boilerplate(lines) == ["Latest news", "", "Body text.", ""]


def test_sentence_that_starts_like_furniture_is_kept():
    lines = ["Body.", "", "More news emerged on Tuesday about the talks.", ""]
    assert remove_boilerplate(lines) == lines


def test_advertisement_lines_dropped_anywhere():
    lines = ["Body.", "- Advertisement -spot_img", "More body.", "Advertisement"]
    assert remove_boilerplate(lines) == ["Body.", "More body."]


def test_crlf_and_bom_are_normalised(write_article):
    path = write_article("\ufeffTitle\r\n\r\nBody line.\r\n".encode())
    article = load_article(path)
    assert article.headline == "Title" and article.paragraphs == ("Body line.",)


def test_html_page_uses_trafilatura(write_article):
    page = """<html><head><title>Mayor opens bridge</title></head><body>
    <nav>Home | World | Sport</nav>
    <article><h1>Mayor opens bridge</h1>
    <p>The mayor opened the new bridge on Monday, six years after work began on the river.</p>
    <p>"It is a proud day for the city," she said to a crowd of several hundred people.</p>
    </article><footer>Copyright 2024</footer></body></html>"""
    article = load_article(write_article(page, "page.html"))
    assert article.source_format == "html"
    assert article.headline == "Mayor opens bridge"
    assert article.paragraphs[0].startswith("The mayor opened the new bridge")
    assert len(article.paragraphs) == 2
    assert "Home | World" not in article.text


# Bad input: each error names the file and says how to fix it.


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(FileNotFoundError, match=r"Article file not found: .*nope\.txt.*path"):
        load_article(missing)


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(ValueError, match="is a folder, not an article file"):
        load_article(tmp_path)


def test_empty_file(write_article):
    with pytest.raises(ValueError, match=r"article\.txt is empty: save the article"):
        load_article(write_article("  \n\n"))


def test_binary_file(write_article):
    with pytest.raises(ValueError, match=r"looks binary \(it contains NUL bytes\).*\.txt file"):
        load_article(write_article(b"%PDF-1.7\x00\x01\x02 stream"))


def test_not_utf8_names_the_encoding_and_the_fix(write_article):
    path = write_article("Caf\u00e9 news\n\nThe caf\u00e9 reopened.\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"is not UTF-8 text: decoding as UTF-8 failed at byte 3"):
        load_article(path)
    with pytest.raises(ValueError, match="iconv -f latin1 -t utf-8"):
        load_article(path)


def test_over_the_size_cap(write_article):
    path = write_article("Title\n\n" + "word " * 50)
    with pytest.raises(ValueError, match=r"over the 100-byte limit.*max_bytes="):
        load_article(path, max_bytes=100)
    assert MAX_BYTES >= 1_000_000


def test_only_furniture_left(write_article):
    path = write_article("Title\n\n- Advertisement -\n\nAdvertisement\n")
    with pytest.raises(ValueError, match=r"no body text is left after cleaning.*boilerplate\.txt"):
        load_article(path)


def test_html_without_article_text(write_article):
    path = write_article("<html><head></head><body><div></div></body></html>", "empty.html")
    with pytest.raises(ValueError, match=r"empty\.html: no article text found in this HTML page"):
        load_article(path)


@pytest.mark.parametrize("bad", ["", "  ", None, 42])
def test_bad_article_path_parameter(bad):
    with pytest.raises(ValueError, match="article_path must be the path of a .txt or .html"):
        load_article(bad)
