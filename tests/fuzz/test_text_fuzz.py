"""Random article text never crashes or hangs the analysis, and its tables stay consistent.

`make test` runs the 'ci' profile (a fixed number of examples); `make fuzz` runs 'fuzz' (many
more). The count and the slowest example are printed at the end of the run.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings

from fuzz.strategies import articles
from helpers.analysis import analyze_doc
from helpers.report import opening
from helpers.source.article import load_article

UNKNOWN = ""
"""The speaker of a quote the rules cannot attribute."""


def check_invariants(analysis) -> None:
    """What must hold for any article: offsets slice the text, figures sit in their sentence,
    speakers are actors, findings and the opening takeaways build."""
    text = analysis.article.text
    for row in analysis.quotes.itertuples():
        assert text[row.start:row.end] == row.text, (row.start, row.end, row.text)
    for row in analysis.figures.itertuples():
        assert row.text in row.sentence or row.text in text[row.start:row.end], row.text
        assert text[row.start:row.end] == row.text
    actors = set(analysis.actors["actor"])
    for speaker in analysis.quotes["speaker"]:
        assert speaker == UNKNOWN or speaker in actors, speaker
    for table in analysis.tables().values():
        assert table.columns.is_unique
    findings = analysis.findings  # the findings and the page's opening build from any tables
    assert findings.amounts <= len(analysis.figures)
    assert all(isinstance(line, str) and line for line in opening.takeaways(analysis))


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large], deadline=None)
@given(text=articles())
def test_any_article_is_analysed_with_consistent_tables(text, nlp, tmp_path, fuzz_stats):
    path = tmp_path / "fuzz.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    try:
        article = load_article(path)
    except ValueError:  # a clear refusal (no body left after cleaning) is an answer
        fuzz_stats.record(time.perf_counter() - started, text, refused=True)
        return
    analysis = analyze_doc(article, nlp(article.text), "fuzz")
    check_invariants(analysis)
    fuzz_stats.record(time.perf_counter() - started, text)
