"""The figures stage alone: every number of a short text, its source read from hand-built
quote records (no quote stage runs)."""

from __future__ import annotations

import math

from stage_inputs import quote_of, reading_of

from helpers.extract.actors import find_actors
from helpers.extract.figures import find_figures
from helpers.vocab import QuoteKind

BORDER = ("Border\n\nUS officials said that Russia has 150,000 troops near the border, "
          "up from an estimate of 130,000.\n")


def test_a_figure_inside_a_quote_given_is_its_speakers(nlp, write_article):
    reading = reading_of(nlp, write_article, BORDER)
    quote = quote_of(reading, "Jake Sullivan", "Russia has 150,000 troops near the border",
                     QuoteKind.REPORTED)
    figures = find_figures(reading, find_actors(reading), [quote])
    first = figures[0]
    assert (first.value, first.unit, first.category, first.text, first.source) == (
        150_000, "troops", "troops", "150,000", "Jake Sullivan")
    assert first.exact and not first.approximate and math.isnan(first.high)
    assert figures[1].value == 130_000 and figures[1].source == ""  # outside the quote given


def test_without_quotes_a_figure_has_no_speaker(nlp, write_article):
    reading = reading_of(nlp, write_article, BORDER)
    figures = find_figures(reading, find_actors(reading), [])
    assert [(f.value, f.source) for f in figures] == [(150_000, ""), (130_000, "")]
    assert figures[1].unit == "troops" and figures[1].time.startswith("previous")


def test_a_range_is_one_figure_with_a_high_end(nlp, write_article):
    reading = reading_of(nlp, write_article, (
        "Border\n\nBetween 100,000 and 130,000 troops are near the border.\n"))
    (figure,) = find_figures(reading, find_actors(reading), [])
    assert (figure.value, figure.high, figure.qualifier, figure.exact) == (
        100_000, 130_000, "between", False)


def test_a_conversion_is_between_units_of_measure_never_counts(nlp, write_article):
    reading = reading_of(nlp, write_article, (
        "Border\n\nThe convoy stopped 30 kilometers (18 miles) from the border. It carried "
        "150,000 troops (100,000 soldiers) and 40 tanks.\n"))
    figures = find_figures(reading, find_actors(reading), [])
    links = {f.text: f.link for f in figures}
    assert links["30 kilometers"] == links["18 miles"] == 1
    assert links["150,000"] is None and links["100,000"] is None
