"""Article text in Markdown: markup and dollar signs are shown as written."""

from helpers.report.markdown import escape


def test_markup_becomes_text():
    assert escape('<script>alert("x")</script> & co') == (
        '&lt;script&gt;alert("x")&lt;/script&gt; &amp; co')


def test_dollar_signs_are_not_math():
    assert escape("from $3m to $5m") == r"from \$3m to \$5m"
    assert escape(14000) == "14000"
