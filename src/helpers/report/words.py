"""Small words for generated English: plurals, lists of names, numbers and dates."""

from __future__ import annotations

import math
from datetime import date

SMALL_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
"""Counts below ten are spelled out in running text, as news style does."""


def count(number: int, word: str, plural: str = "", spell: bool = False) -> str:
    """'1 article', '3 articles', 'one article' (spell), '2 people' (plural='people')."""
    shown = SMALL_NUMBERS[number] if spell and 0 <= number < len(SMALL_NUMBERS) else f"{number:,}"
    return f"{shown} {word if number == 1 else (plural or word + 's')}"


def names(items: list[str], most: int = 3) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and one other', 'A, B, C and 4 others'."""
    items = [item for item in items if item]
    if not items:
        return ""
    shown = items[:most]
    rest = len(items) - len(shown)
    if rest:
        shown.append(f"{SMALL_NUMBERS[rest] if rest < 10 else rest} other"
                     f"{'s' if rest > 1 else ''}")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def number(value: float) -> str:
    """A figure as a reader writes it: '150,000', '1.5', '2.8 million' stays '2,800,000'."""
    if math.isinf(value):
        return "no upper limit"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.10g}"


SHORT_SCALES = ((1e9, "billion"), (1e6, "million"))


def short_number(value: float) -> str:
    """An axis tick: '30', '150,000', '2 million', '1.5 billion'."""
    for size, name in SHORT_SCALES:
        if abs(value) >= size:
            return f"{value / size:,.10g} {name}"
    return number(value)


SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
"""Scales written in words when an amount is a whole number of them to two decimals."""
SIGNS_BEFORE = frozenset({"$", "£", "€", "¥"})
"""Currency signs written before the amount: '$16 million', '£424 million'."""
GLUED_AFTER = frozenset({"%", "p"})
"""Units written right after the amount: '2.5%', '325.5p'."""


def scaled(value: float) -> str:
    """An amount as a reader writes it: '16 million', '280.2 million', '100,000', '1.5'."""
    for size, name in SCALE_WORDS:
        share = value / size
        if abs(share) >= 1 and abs(round(share, 2) - share) < 1e-9:
            return f"{share:,.10g} {name}"
    return number(value)


def amount(value: float, unit: str, high: float = math.nan) -> str:
    """A figure with its unit in house style: '$16 million', '£1 million to £5 million',
    '2.5% to 3%', '325.5p', '30,000 to 35,000 troops', '52 million roubles'."""
    ends = [value] if math.isnan(high) else [value, high]
    if unit in SIGNS_BEFORE:
        return " to ".join(f"{unit}{scaled(end)}" for end in ends)
    if unit in GLUED_AFTER:
        return " to ".join(f"{scaled(end)}{unit}" for end in ends)
    return f"{' to '.join(scaled(end) for end in ends)} {unit}".strip()


def span(low: float, high: float) -> str:
    """A range in words: '14,200 to 14,400', '14,000', or '100,000 or more'."""
    if math.isinf(high):
        return f"{number(low)} or more"
    return number(low) if round(low) == round(high) else f"{number(low)} to {number(high)}"


def day(value: date | None) -> str:
    """'15 Feb 2022', or '' for no date."""
    return f"{value.day} {value:%b %Y}" if value is not None else ""


def verb(number: int, singular: str, plural: str) -> str:
    """The verb that agrees with a count: verb(1, 'is', 'are') -> 'is'."""
    return singular if number == 1 else plural


def percent(share: float) -> str:
    """'42%' for 0.42."""
    return f"{share:.0%}"
