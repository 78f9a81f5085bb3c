"""One Rules object per language: made once, picked by the article's language, passed to each
stage through the reading; a test builds its own from a folder instead of patching loaders."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stage_inputs import reading_of

from helpers.extract.actors import find_actors
from helpers.extract.quotes import find_reported
from helpers.extract.reading import read
from helpers.extract.ruleset import Rules, rules_for
from helpers.language import rules_of
from helpers.paths import RULES_DIR
from helpers.rules import RuleError
from helpers.source.article import load_article

GRUMBLED = "Roads\n\nJane Ortiz grumbled that the roads will not be fixed by June.\n"


@pytest.fixture
def own_rules(tmp_path) -> Rules:
    """A copy of the English rules in a folder of the test's own."""
    folder = tmp_path / "en"
    shutil.copytree(RULES_DIR / "en", folder)
    return replace(rules_for("en"), folder=folder)


def test_the_rules_of_a_language_are_made_once():
    assert rules_for("en") is rules_for("en")
    assert rules_for("en").folder == RULES_DIR / "en"
    with pytest.raises(RuleError, match=r"no rules for language 'xx'.*Rules exist for: en"):
        rules_for("xx")


def test_an_article_is_read_with_the_rules_of_its_language(write_article, nlp):
    short = load_article(write_article("Roads\n\nThe roads are fixed.\n"))
    long = load_article(write_article("Roads\n\n" + "The ministers met in Geneva. " * 10))
    assert rules_of(short) is rules_for("en") and rules_of(long) is rules_for("en")
    assert read(long, nlp(long.text)).rules is rules_for("en")


def test_a_stage_reads_the_rules_it_is_given(nlp, write_article, own_rules):
    english = reading_of(nlp, write_article, GRUMBLED)
    assert find_reported(english, find_actors(english), []) == []
    with (own_rules.folder / "cues.txt").open("a", encoding="utf-8") as cues:
        cues.write("verb grumble\n")
    assert "grumble" in own_rules.cues.verbs and "grumble" not in rules_for("en").cues.verbs
    article = english.article
    mine = read(article, english.doc, "none", own_rules)
    found = find_reported(mine, find_actors(mine), [])
    assert [(q.speaker, q.cue, q.text) for q in found] == [
        ("Jane Ortiz", "grumbled", "the roads will not be fixed by June")]


def test_a_bad_rule_names_its_file_its_line_and_the_fix(own_rules):
    labels = own_rules.folder / "turn_labels.csv"
    labels.write_text("word,role\nq,questioner\nhost,presenter\n", encoding="utf-8")
    with pytest.raises(RuleError, match=rf"{labels}:3: role must be one of questioner, "
                       r"answerer, speaker; got 'presenter'\."):
        _ = own_rules.turn_labels
    marks = own_rules.folder / "transcript_marks.csv"
    marks.write_text("kind,pattern\nend,(END\n", encoding="utf-8")
    with pytest.raises(RuleError, match=rf"{marks}:2: '\(END' is not a valid regular "
                       r"expression .* Fix it"):
        _ = own_rules.transcript_marks


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_cue_file_is_read_or_refused_clearly(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("en")
    (folder / "cues.txt").write_text(text, encoding="utf-8")
    rules = Rules("en", folder)
    try:
        cues = rules.cues
    except RuleError as error:
        assert str(error).startswith(f"{folder / 'cues.txt'}: entry ")
    else:
        assert all(verb == verb.lower() for verb in cues.verbs)
