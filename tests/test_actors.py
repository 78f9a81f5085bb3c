"""Actors: one row per actor with type, role as given, mention and quote counts."""

from __future__ import annotations

from pathlib import Path

from helpers.analysis import analyze_doc
from helpers.extract.actors import title_conflict
from helpers.extract.records import Actor, dtypes
from helpers.extract.ruleset import rules_for
from helpers.source.article import load_article

ARTICLES = Path(__file__).parent / "articles"
EN = rules_for("en")


def test_seed_actor_table(seed_analysis):
    table = seed_analysis.actors
    assert list(table.columns[:5]) == ["actor", "type", "role", "mentions", "quotes"]
    rows = table.set_index("actor")
    assert "Biden" not in rows.index and "US President Joe Biden" not in rows.index
    assert rows.loc["Dmytro Kuleba", "role"] == "Ukrainian Foreign Minister"
    assert rows.loc["Joe Biden", "type"] == "person"
    assert rows.loc["Russia", "type"] == "country"
    assert rows.loc["NATO", "type"] == "organisation"
    # The seed calls Biden both "US President" and "Vice President": flagged for the reader.
    assert bool(rows.loc["Joe Biden", "title_conflict"])
    assert not rows.loc["Vladimir Putin", "title_conflict"]
    assert rows.loc["Joe Biden", "quotes"] > rows.loc["Olaf Scholz", "quotes"] > 0


def test_speaker_missed_by_the_entity_model_still_gets_a_row(nlp):
    article = load_article(ARTICLES / "border_talks.txt")
    table = analyze_doc(article, nlp(article.text), "test").actors.set_index("actor")
    assert table.loc["Anna Keller", "role"] == "Foreign Minister"
    assert table.loc["Anna Keller", "quotes"] == 4
    assert table.loc["Tomas Weber", "quotes"] == 2


def test_title_conflict_ignores_country_words():
    assert not title_conflict(["President", "President"], EN)
    assert title_conflict(["US President", "Vice President"], EN)
    assert not title_conflict(["peasant"], EN)


def test_no_quotes_gives_zero_counts(nlp):
    article = load_article(ARTICLES / "river_levels.txt")
    table = analyze_doc(article, nlp(article.text), "test").actors
    assert list(table.columns) == list(dtypes(Actor))
    assert (table["quotes"] == 0).all()


def test_quoted_words_chart_plots_the_voices_the_text_counts(analyze_text):
    """The chart's bars and headline share are the findings' voices: a quoted label
    ('"nonsense"') is no statement, so it gives its actor no bar and no words in the share."""
    import matplotlib.pyplot as plt

    from helpers.report import summary
    from helpers.report.charts.quotes import quoted_words_chart, quoted_words_image
    from helpers.report.style import source_of

    result = analyze_text(
        "Port talks stall\n\nGDANSK \u2014 \u201cWe will sign nothing until the harbour "
        "fees are cut by half,\u201d said Marta Nowak.\n\nThe ministry\u2019s dismissal of the "
        "offer as \u201cnonsense\u201d surprised nobody.\n\n\u201cWe can wait,\u201d said "
        "Piotr Zielinski.\n")
    quoted = result.actors.set_index("actor")["quoted_words"]
    assert quoted[quoted > 0].to_dict() == {"Marta Nowak": 12, "Piotr Zielinski": 3, "ministry": 1}
    fig = quoted_words_chart(result.findings, "the port article")
    ax = fig.axes[0]
    widths = {label.get_text(): bar.get_width()
              for label, bar in zip(ax.get_yticklabels(), ax.patches, strict=True)}
    assert widths == {"Marta Nowak": 12, "Piotr Zielinski": 3}
    assert ax.get_xlabel() == "Words in direct quotes" and ax.get_title(loc="left")
    assert "the port article" in source_of(fig)
    plt.close(fig)
    image = quoted_words_image(result.findings, "the port article")
    assert image.alt.startswith("Marta Nowak has 80% of the words in quotation marks. ")
    assert "Marta Nowak has the most words in quotation marks (80% of them" in (
        summary.voices(result.findings))
