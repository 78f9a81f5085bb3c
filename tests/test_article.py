"""Loading articles: the seed, cleaning rules, HTML pages, and every bad input with its message."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.rules import RuleError
from helpers.source.article import (
    BOILERPLATE_FILE,
    MAX_BYTES,
    boilerplate_rules,
    load_article,
    remove_boilerplate,
)


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


def rule_file(folder: Path, *lines: str) -> Path:
    """A furniture rule file of `lines` under a comment, in `folder`."""
    path = folder / "boilerplate.txt"
    path.write_text("\n".join(["# furniture", *lines]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("pattern", "problem"), [
    ("(related|more articles", "missing ), unterminated subpattern at character 1"),
    ("share [this", "unterminated character set at character 7"),
    ("sponsored\\", "bad escape (end of pattern) at character 10"),
    ("x{99999999999}", "the repetition number is too large"),
])
def test_a_bad_furniture_pattern_names_its_file_line_and_the_fix(tmp_path, pattern, problem):
    path = rule_file(tmp_path, "drop: advertisement", "", f"cut: {pattern}")
    with pytest.raises(RuleError) as error:
        boilerplate_rules(path)
    assert str(error.value).startswith(f"{path}:4: {pattern!r} is not a valid regular "
                                       f"expression ({problem}). Fix the pattern: put a "
                                       f"backslash before")


def test_a_line_without_its_kind_names_its_file_and_line(tmp_path):
    path = rule_file(tmp_path, "remove: advertisement")
    expected = f"{path}:2: expected 'cut: PATTERN' or 'drop: PATTERN', got 'remove: advertisement'"
    with pytest.raises(RuleError, match=re.escape(expected)):
        boilerplate_rules(path)


def test_the_furniture_rules_load_as_cut_and_drop_patterns(tmp_path):
    cut, drop = boilerplate_rules(rule_file(tmp_path, "cut: read more", "drop: ad(vert)?"))
    assert [rule.pattern for rule in cut] == ["read more"]
    assert drop[0].fullmatch("ADVERT") and not drop[0].fullmatch("adverts")
    shipped_cut, shipped_drop = boilerplate_rules(BOILERPLATE_FILE)
    assert len(shipped_cut) == 5 and len(shipped_drop) == 3


RULE_LINES = st.tuples(st.sampled_from(["cut: ", "drop: ", "", "# "]),
                       st.text(st.characters(blacklist_categories=["Cs", "Zl", "Zp", "Cc"]),
                               max_size=40)).map("".join)
"""A line of a furniture rule file: mostly rules with random patterns, some random text."""


@given(st.lists(RULE_LINES, max_size=6))
def test_any_rule_file_loads_or_names_the_bad_line(lines):
    """Random rule lines never crash or hang the loader: each file loads, or its first bad
    line is a RuleError that names the file and the line."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "boilerplate.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        try:
            cut, drop = boilerplate_rules(path)
        except RuleError as error:
            assert re.match(rf"{re.escape(str(path))}:\d+: ", str(error))
        else:
            assert all(isinstance(rule, re.Pattern) for rule in (*cut, *drop))


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


def test_a_paragraph_a_line_is_read_as_paragraphs_and_wrapped_text_is_joined(write_article):
    long_line = "The mayor said the new lanes would open in May, " * 3
    article = load_article(write_article(
        "Bus lanes\n\n"
        f"{long_line}\nCritics fear the plan will hurt shops.\n\n"
        "Hard-wrapped copy keeps its lines\ntogether as one paragraph.\n"))
    assert article.paragraphs == (long_line.strip(), "Critics fear the plan will hurt shops.",
                                  "Hard-wrapped copy keeps its lines together as one paragraph.")
