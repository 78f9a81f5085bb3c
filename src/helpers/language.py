"""Which language an article is in, and whether the kit has rules for it.

The guess comes from py3langid (a maintained fork of langid.py, BSD licence), trained on 97
languages. An article is refused only when the guess is confident and the text long enough
to trust it; rules exist for the languages that have a folder under `data/rules/`, and
`rules_of` picks an article's.
"""

from __future__ import annotations

from functools import cache

from helpers.extract.ruleset import Rules, rules_for
from helpers.rules import LANGUAGE, languages
from helpers.source.article import Article

MIN_WORDS = 30
"""Below this many words a guess is too weak to refuse an article on."""
MIN_CONFIDENCE = 0.95
"""The normalised probability a guess needs before an article is refused."""


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the language `text` is most likely in."""
    code, probability = _identifier().classify(text)
    return str(code), float(probability)


def rules_of(article: Article) -> Rules:
    """The rules of the article's language; an article confidently in a language the kit has
    no rules for is refused with a clear error, and one too short or unsure to tell is read
    with the default language's rules."""
    if article.word_count < MIN_WORDS:
        return rules_for(LANGUAGE)
    code, probability = detect(article.text)
    known = languages()
    if code in known:
        return rules_for(code)
    if probability >= MIN_CONFIDENCE:
        raise ValueError(
            f"{article.path}: this article looks written in language '{code}' ({probability:.0%}"
            f" sure), and the kit has rules only for {', '.join(known)}. Give an article in "
            f"one of those, or add rules for '{code}' under data/rules/{code}/ (copy "
            f"data/rules/en/ and translate its word lists) and a spaCy model for it."
        )
    return rules_for(LANGUAGE)
