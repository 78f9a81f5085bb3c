"""Numbers in text: where they are, and what value a run of words spells.

The words come from `data/rules/<lang>/figures/`: `number_words.csv` (one ... nineteen, tens,
hundred, scales such as million and bn, dozen, vague amounts such as thousands) and
`number_links.csv` (the words that join the words of one number, or two numbers of a range).
Digits are read with their commas ("150,000"); spelled numbers with their joiners
("two-hundred thirty-thousand" = 230,000, "18-hundred" = 1,800, "one-point-two billion" =
1.2 billion); "a dozen", "tens of thousands"; fractions after a number or "a" ("two-thirds",
"a quarter"), never an ordinal on its own ("the third day"). `not_amounts.csv` names text
whose digits are no amount: times of day and telephone numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from helpers.extract.deps import COUNTING_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from helpers.extract.ruleset import Rules

NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE"})
"""spaCy entity labels that can hold a number."""
WORD_KINDS = ("unit", "tens", "hundred", "scale", "money_scale", "dozen", "vague", "fraction")
LINK_ROLES = ("article", "joiner", "of", "point", "range", "ratio")
NUMBER_KINDS = frozenset({"digits", "unit", "tens", "hundred", "scale", "dozen", "vague",
                          "fraction", "power"})
"""Kinds of piece that are (part of) a number, as opposed to the words linking them."""

DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
DASHED_RANGE = re.compile(rf"({DIGITS.pattern})[-–—]({DIGITS.pattern})")
DECADE = re.compile(r"(\d{4})['’]?s")
SCALED = re.compile(rf"({DIGITS.pattern})([a-z]+)", re.IGNORECASE)
SIGNED = re.compile(rf"[-−–]({DIGITS.pattern})")
SIGNS = frozenset("-−–")
"""A minus sign glued to digits, after a space ("fell −5", "–1.5 percent"), never a range."""
POWER = "^"
"""The sign of a power written in plain text: "10^6"."""
MAX_AMOUNT = 1e21
"""The largest value read as an amount: a sextillion, far above any count in the news; beyond
it (or not finite) the digits are no amount."""
MAX_DECIMALS = 15
"""Decimal places read in words ("zero point one one one …"); later ones are too small to
matter to a float."""


@dataclass(frozen=True)
class Number:
    """A number spelled by consecutive tokens `start` to `end` (doc token indices)."""

    value: float
    start: int
    end: int
    vague: bool = False
    share: bool = False
    """True for a part of a whole read as one share ('eight out of 10' = 0.8)."""


def is_range_word(word: str, rules: Rules) -> bool:
    """True for a word that stands between the two ends of a range ('to', '-')."""
    return "range" in rules.number_links.get(word.lower(), frozenset())


def is_ratio(words: Sequence[str], rules: Rules) -> bool:
    """True for the words between a part and its whole ('out of' in 'eight out of 10')."""
    return "ratio" in rules.number_links.get(" ".join(words).lower(), frozenset())


def is_of_word(word: str, rules: Rules) -> bool:
    """True for the word inside a vague amount ('of' in 'tens of thousands of people')."""
    return "of" in rules.number_links.get(word.lower(), frozenset())


def digits(text: str) -> float | None:
    """The value of digits as written ('150,000' -> 150000.0), or None."""
    return float(text.replace(",", "")) if DIGITS.fullmatch(text) else None


def glued_unit(text: str, rules: Rules) -> tuple[float, str] | None:
    """(value, unit form) of digits with a unit glued on ('325.5p', '10km'), else None."""
    match = SCALED.fullmatch(text)
    if match and match[2].lower() in rules.units:
        return float(match[1].replace(",", "")), match[2].lower()
    return None


def _signed(token: Token) -> bool:
    """True for a minus sign glued to the digits after it and apart from the word before
    ('fell –1.5', not the dash of '10–15')."""
    doc = token.doc
    return (token.text in SIGNS and not token.whitespace_ and token.i + 1 < len(doc)
            and digits(doc[token.i + 1].text) is not None
            and (token.i == 0 or bool(doc[token.i - 1].whitespace_)))


def _signed_kind(token: Token) -> str:
    """For digits with a dash before them ('–15'): 'minus' after a space or at the start,
    'range' right after digits ('10' '–15'), else '' (part of a name: 'MH-17')."""
    doc = token.doc
    if not SIGNED.fullmatch(token.text):
        return ""
    if token.i == 0 or doc[token.i - 1].whitespace_:
        return "minus"
    return "range" if digits(doc[token.i - 1].text) is not None else ""


def _glued_scale(token: Token, money: bool, rules: Rules) -> bool:
    """True for a scale glued to the digits before it that stands for millions or billions:
    after a currency ('£424m'), before one ('52m euros') or before a plural noun ('100m
    users')."""
    doc = token.doc
    kind = rules.number_words.get(token.lower_, (0.0, ""))[1]
    if kind not in ("scale", "money_scale") or token.i == 0 or doc[token.i - 1].whitespace_ \
            or digits(doc[token.i - 1].text) is None:
        return False
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return kind == "scale" or money or after is not None and (
        rules.units.get(after.lower_, ("", ""))[1] == "money" or after.tag_ == "NNS")


def scale_kind(word: str, money: bool, rules: Rules) -> bool:
    """True when `word` is a scale ('bn'), or a money scale ('m') after a currency."""
    kind = rules.number_words.get(word.lower(), (0.0, ""))[1]
    return kind == "scale" or (kind == "money_scale" and money)


def _link_kind(lower: str, rules: Rules) -> str:
    roles = rules.number_links.get(lower, frozenset())
    for role in ("article", "point", "of", "joiner"):
        if role in roles:
            return "join" if role == "joiner" else role
    return "range" if "range" in roles else "other"


def _pieces(tokens: Sequence[Token], money: bool, rules: Rules) -> list[tuple[str, float, int]]:
    """Each token as (kind, value, doc index); dashed ranges in one token give two numbers."""
    pieces: list[tuple[str, float, int]] = []
    words = rules.number_words
    for token in tokens:
        text, lower = token.text, token.lower_
        sign = -1.0 if token.i and _signed(token.doc[token.i - 1]) else 1.0
        if (value := digits(text)) is not None:
            pieces.append(("digits", sign * value, token.i))
        elif (match := SIGNED.fullmatch(text)) and _signed_kind(token):
            value = float(match[1].replace(",", ""))
            if _signed_kind(token) == "minus":
                pieces.append(("digits", -value, token.i))
            else:  # '–15' right after '10' is the end of a range
                pieces += [("range", 0.0, token.i), ("digits", value, token.i)]
        elif glued := glued_unit(text, rules):
            pieces.append(("digits", sign * glued[0], token.i))
        elif _signed(token):
            continue
        elif text == POWER and pieces and pieces[-1][0] == "digits" and not token.whitespace_:
            pieces.append(("power", 0.0, token.i))
        elif match := DASHED_RANGE.fullmatch(text):
            pieces += [("digits", float(match[1].replace(",", "")), token.i),
                       ("range", 0.0, token.i),
                       ("digits", float(match[2].replace(",", "")), token.i)]
        elif match := DECADE.fullmatch(text):
            pieces.append(("digits", float(match[1]), token.i))
        elif (match := SCALED.fullmatch(text)) and scale_kind(match[2], money, rules):
            pieces += [("digits", float(match[1].replace(",", "")), token.i),
                       ("scale", words[match[2].lower()][0], token.i)]
        elif lower in words and (words[lower][1] != "money_scale" or money
                                 or _glued_scale(token, money, rules)):
            value, kind = words[lower]
            pieces.append((kind.replace("money_scale", "scale"), value, token.i))
        else:
            pieces.append((_link_kind(lower, rules), 0.0, token.i))
    return pieces


def _power(base: float, exponent: float) -> float:
    """base ** exponent, or infinity when that is above `MAX_AMOUNT` (never an overflow) or the
    exponent is no whole number."""
    if not exponent.is_integer():
        return math.inf
    if base == 0 or exponent * math.log10(abs(base)) <= math.log10(MAX_AMOUNT):
        return base ** exponent
    return math.inf


class _Reader:
    """The state of reading one run of pieces into numbers."""

    def __init__(self) -> None:
        self.numbers: list[Number] = []
        self.total = self.part = 0.0
        self.first = self.last = -1
        self.vague = False
        self.kind = ""
        self.decimal = 0

    @property
    def open(self) -> bool:
        return self.first >= 0

    def flush(self) -> None:
        value = self.total + self.part
        if self.open and math.isfinite(value) and abs(value) <= MAX_AMOUNT:
            self.numbers.append(Number(value, self.first, self.last + 1, self.vague))
        self.total = self.part = 0.0
        self.first, self.vague, self.kind, self.decimal = -1, False, "", 0

    def start(self, position: int, part: float = 0.0) -> None:
        self.flush()
        self.first, self.part = position, part

    def add(self, kind: str, value: float, position: int, article: int) -> None:
        """Read one number piece."""
        if kind == "power":
            self.kind, self.last = kind, position
            return
        if kind == "digits" and self.kind == "power":
            self.part = _power(self.part, value)
        elif kind == "digits":
            self.start(position, value)
        elif kind in ("unit", "tens") and self.decimal:
            if self.decimal <= MAX_DECIMALS:
                self.part += value / 10 ** self.decimal
            self.decimal += 1
        elif kind in ("unit", "tens"):
            follows = self.open and not self.vague and (
                self.kind in ("hundred", "scale") or (self.kind == "tens" and kind == "unit"))
            if not follows:
                self.start(position)
            self.part += value
        elif kind == "hundred":
            if not (self.open and self.kind in ("unit", "tens", "digits") and self.part < 100):
                self.start(article if article >= 0 else position, 1.0)
            self.part *= value
        elif kind in ("scale", "dozen"):
            if not self.open:
                self.start(article if article >= 0 else position, 1.0)
            if kind == "scale":  # 'a thousand million': a scale after a scale multiplies it
                self.total, self.part = (self.total + self.part or 1) * value, 0.0
            else:
                self.part = (self.part or 1) * value
        elif kind == "fraction":
            if self.open and self.kind in ("unit", "digits") and not self.vague:
                self.part /= value
            else:
                self.start(article, 1.0 / value)
        elif kind == "vague":
            if self.open and self.vague:
                self.total, self.part = (self.total + self.part) * value, 0.0
            else:
                self.start(position)
                self.total, self.vague = value, True
        self.kind = kind if not self.decimal else self.kind
        self.last = position


def read_numbers(tokens: Sequence[Token], rules: Rules, money: bool = False) -> list[Number]:
    """The numbers spelled by a run of tokens, in order ('two dozen' -> 24, '1.5 million')."""
    pieces = _pieces(tokens, money, rules)
    reader = _Reader()
    article = -1
    scaled = False  # 'three quarters of a million': the fraction takes the scale
    for index, (kind, value, position) in enumerate(pieces):
        following = pieces[index + 1][0] if index + 1 < len(pieces) else ""
        if kind == "of" and reader.open and reader.kind == "fraction" and following == "article" \
                and index + 2 < len(pieces) and pieces[index + 2][0] == "scale":
            scaled = True
            continue
        if kind == "article" and scaled:
            scaled = False
            continue
        if kind in NUMBER_KINDS:
            lone = not reader.open or (
                kind == "fraction" and reader.kind not in ("unit", "digits"))
            if kind in ("scale", "dozen", "fraction") and lone and article < 0:
                reader.flush()
                continue  # a lone 'million' or 'dozen' counts nothing; 'third' is an ordinal
            reader.add(kind, value, position, article)
            article = -1
        elif kind == "article" and following in ("hundred", "scale", "dozen", "fraction"):
            reader.flush()
            article = position
        elif kind == "point" and reader.open and reader.kind in ("unit", "digits"):
            reader.decimal = 1
        elif kind == "join" and reader.open and following in (*NUMBER_KINDS, "point") and (
                following != "digits") and not reader.vague:
            continue
        elif kind == "of" and reader.open and reader.vague and following == "vague":
            continue
        else:
            reader.flush()
            article = -1
    reader.flush()
    return reader.numbers


@cache
def _tokenizer(language: str):
    import spacy

    return spacy.blank(language).tokenizer


def value_of(text: str, rules: Rules) -> float | None:
    """The first number written in `text` ('nearly 14,000' -> 14000.0, 'two dozen' -> 24.0)."""
    numbers = read_numbers(list(_tokenizer(rules.language)(text)), rules, money=True)
    return numbers[0].value if numbers else None


def is_number_token(token: Token, rules: Rules) -> bool:
    """True for a token that is (part of) a number: digits, or a number word."""
    kind = rules.number_words.get(token.lower_, (0.0, ""))[1]
    return (digits(token.text) is not None or bool(DASHED_RANGE.fullmatch(token.text))
            or bool(_signed_kind(token)) or glued_unit(token.text, rules) is not None
            or scale_kind((SCALED.fullmatch(token.text) or [""] * 3)[2], True, rules)
            or bool(DECADE.fullmatch(token.text))
            or kind in ("unit", "tens", "hundred", "vague", "dozen", "scale", "fraction"))


def _linking(token: Token, rules: Rules) -> bool:
    """True for a word that may join two parts of one number ('-', 'point')."""
    return _link_kind(token.lower_, rules) in ("join", "point")


def candidate_spans(doc: Doc, rules: Rules) -> list[Span]:
    """Spans that hold numbers: number entities and untagged numbers, with spelled numbers the
    model cut in pieces joined again ('one' + '-point-two' + 'billion')."""
    spans = [ent for ent in doc.ents
             if ent.label_ in NUMBER_LABELS and any(is_number_token(t, rules) for t in ent)]
    covered = {i for span in spans for i in range(span.start, span.end)}
    index = 0
    while index < len(doc):
        token = doc[index]
        if index not in covered and is_number_token(token, rules) and (
            token.dep_ in COUNTING_DEPS or digits(token.text) is not None
            or glued_unit(token.text, rules) is not None or _signed_kind(token)
            or rules.number_words.get(token.lower_, (0, ""))[1] in ("dozen", "scale")
            or _after_article(doc, index, rules) or _vague_of(doc, index, rules)
        ):
            end = index + 1
            while end < len(doc) and end not in covered and (
                    is_number_token(doc[end], rules) or _linking(doc[end], rules)):
                end += 1
            spans.append(doc[index:end])
            index = end
            continue
        index += 1
    glued = [_glued(doc, span, rules) for span in sorted(spans, key=lambda s: s.start)]
    return _joined(doc, glued, rules)


def _glued(doc: Doc, span: Span, rules: Rules) -> Span:
    """A span with what is glued to its digits: a minus sign before ('–1.5'), a scale after
    ('424' + 'm'), a power ('10' + '^' + '6')."""
    start, end = span.start, span.end
    if start and _signed(doc[start - 1]):
        start -= 1
    if end < len(doc) and _glued_scale(doc[end], True, rules):
        end += 1
    if end + 1 < len(doc) and doc[end].text == POWER and not doc[end - 1].whitespace_ and (
            digits(doc[end + 1].text) is not None):
        end += 2
    if (start, end) == (span.start, span.end):
        return span
    return doc.char_span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                         label=span.label_) or span


def _vague_of(doc: Doc, index: int, rules: Rules) -> bool:
    """True for a vague amount before 'of' ('scores of civilians', 'dozens of countries')."""
    return index + 1 < len(doc) and is_of_word(doc[index + 1].text, rules) and (
        rules.number_words.get(doc[index].lower_, (0, ""))[1] == "vague")


def _after_article(doc: Doc, index: int, rules: Rules) -> bool:
    """True for a fraction after 'a' ('a third'); without it 'third' is an ordinal."""
    return index > 0 and _is_fraction(doc[index], rules) and (
        _link_kind(doc[index - 1].lower_, rules) == "article")


def _with_article(doc: Doc, span: Span, rules: Rules) -> Span:
    """A span that starts with a scale, a dozen or a fraction, with the 'a' before it
    ('a dozen', 'a third')."""
    kind = rules.number_words.get(span[0].lower_, (0, ""))[1]
    if span.start and kind in ("scale", "dozen", "fraction") and _link_kind(
            doc[span.start - 1].lower_, rules) == "article":
        return doc.char_span(doc[span.start - 1].idx, span.end_char, label=span.label_) or span
    return span


def _joined(doc: Doc, spans: list[Span], rules: Rules) -> list[Span]:
    """Neighbouring spans with only joining words between them, or one range word between two
    numbers ('30 to 35,000'), as one span; a date and an amount stay apart ('in 2005 and 2.5%
    to 3%'), but a fraction the model took for a date takes its scale ('a quarter of a
    million')."""
    joined: list[Span] = []
    for span in (_with_article(doc, span, rules) for span in spans):
        if joined:
            previous = joined[-1]
            between = doc[previous.end:span.start]
            ranged = (len(between) == 1 and is_range_word(between[0].text, rules)
                      and is_number_token(doc[previous.end - 1], rules)
                      and is_number_token(span[0], rules)
                      and previous.label_ != "DATE" and span.label_ != "DATE")
            ratio = (is_ratio([t.text for t in between], rules)
                     and is_number_token(span[0], rules)
                     and is_number_token(doc[previous.end - 1], rules))
            of_scale = (len(between) == 1 and is_of_word(between[0].text, rules)
                        and len(previous) > 1
                        and _is_fraction(doc[previous.end - 1], rules) and len(span) > 1
                        and rules.number_words.get(span[1].lower_, (0, ""))[1] == "scale")
            dated = (previous.label_ == "DATE") != (span.label_ == "DATE")
            linked = not dated and len(between) <= 3 and all(
                _linking(t, rules) or is_number_token(t, rules) for t in between) and (
                is_number_token(doc[previous.end - 1], rules)
                or _linking(doc[previous.end - 1], rules))
            if ranged or ratio or of_scale or linked:
                labels = [label for label in (previous.label_, span.label_)
                          if label and label != "DATE"]  # 'a quarter' (DATE) 'of a million'
                label = "MONEY" if "MONEY" in labels else (
                    labels[0] if labels else previous.label_ or span.label_)
                joined[-1] = doc.char_span(previous.start_char, span.end_char, label=label,
                                           alignment_mode="expand") or previous
                continue
        joined.append(span)
    return joined


def _is_fraction(token: Token, rules: Rules) -> bool:
    return rules.number_words.get(token.lower_, (0, ""))[1] == "fraction"


def not_amount_spans(text: str, rules: Rules) -> list[tuple[int, int]]:
    """Character spans of `text` whose digits are no amount (times of day, telephone numbers)."""
    return sorted((match.start(), match.end())
                  for pattern in rules.not_amounts for match in pattern.finditer(text))
