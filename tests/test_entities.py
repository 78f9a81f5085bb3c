"""Actors named in an article: merged forms, reconciled labels and the model slips dropped."""

from __future__ import annotations

from helpers.extract.actors import find_actors
from helpers.extract.names import clean_name, corrections, named_mentions
from helpers.extract.reading import read
from helpers.extract.records import Entity, table
from helpers.extract.ruleset import rules_for
from helpers.source.article import load_article

EN = rules_for("en")


def table_for(nlp, write_article, text):
    article = load_article(write_article(text))
    doc = nlp(article.text)
    return entity_table(article, doc), doc


def entity_table(article, doc):
    return table(find_actors(read(article, doc)).entities(), Entity).set_index("actor")


def test_clean_name_drops_the_titles_and_applies_aliases():
    assert clean_name("the United States", EN) == "United States"
    assert clean_name("US", EN) == "United States"
    assert clean_name("President Joe Biden", EN) == "Joe Biden"
    assert clean_name("Scholz’s", EN) == "Scholz"


def test_surname_counts_with_the_full_name(nlp, write_article):
    text = ("Talks\n\nChancellor Angela Merkel met Prime Minister Boris Johnson in London. "
            "Merkel said the talks went well. Johnson agreed, and Merkel left on Friday.\n")
    table, _ = table_for(nlp, write_article, text)
    assert table.loc["Angela Merkel", "mentions"] == 3
    assert table.loc["Angela Merkel", "type"] == "person"
    assert "Merkel" not in table.index
    assert table.loc["Boris Johnson", "mentions"] == 2


def test_seed_actors(seed_doc, seed_article):
    table = entity_table(seed_article, seed_doc)
    assert table.loc["Joe Biden", "mentions"] >= 8
    assert table.loc["Vladimir Putin", "mentions"] >= 10
    assert table.loc["United States", "type"] == "place"
    assert "US" not in table.index and "Biden" not in table.index
    # the model tags one "Scholz" as a place; the person rule reconciles it
    assert table.loc["Olaf Scholz", "type"] == "person"
    assert table.loc["Olaf Scholz", "mentions"] == 2
    assert "State" not in table.index  # "Secretary of State" is a title, not an actor
    assert list(table["mentions"]) == sorted(table["mentions"], reverse=True)


def test_corrections_explain_each_change(seed_doc):
    changed = corrections(seed_doc, named_mentions(seed_doc, EN), EN)
    scholz = changed[changed["text"] == "Scholz"]
    assert set(scholz["rule"]) >= {"the same name is a person elsewhere in the text"}
    assert (changed["counted_as"] == "(dropped)").any()
    total_kept = len(named_mentions(seed_doc, EN))
    assert total_kept < len(seed_doc.ents)


def test_article_with_no_names(nlp, write_article):
    text = "Weather\n\nIt rained all day and then it stopped.\n"
    table, doc = table_for(nlp, write_article, text)
    assert table.empty
    assert list(table.reset_index().columns) == [
        "actor", "type", "mentions", "forms", "first_paragraph"]
    assert corrections(doc, named_mentions(doc, EN), EN).empty
