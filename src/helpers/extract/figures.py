"""Every number in an article as a row: its value, unit, what it counts, when, and who says it.

The rules are general; their word lists live in `data/rules/figures/` (see the README there):

1. candidates are spaCy's number entities (CARDINAL, QUANTITY, MONEY, PERCENT, and DATE when it
   holds a number) plus untagged number tokens that modify a noun ("two paths");
2. the value is read from digits ("150,000", "1.5") and number words ("two dozen",
   "twenty-five"), times scale words ("million", "bn", glued: "£424m"); two numbers joined by
   "and", "to" or a dash are a range (`value` to `high`); a vague amount ("millions") is no
   exact value (`exact` false), only a lower bound (`low`);
3. a qualifier next to the number ("nearly", "up to", "or more") makes it approximate;
4. the unit is a unit word or currency sign next to the number, else the noun the number counts
   (its syntactic head: "150,000 Russian troops" -> troops); the lexicons give the category, and
   cue words on the way to the verb ("claimed the lives of") make a count of people casualties;
5. a four-digit whole number from 1500 to 2100, written without a comma and counting nothing, is
   a year: a date, never a count;
6. the time comes from cue words near the number ("previous estimate", "now") or a date phrase
   ("since 2014"); the source from "according to X" or the subject of an attribution verb
   ("Putin said"), with names merged by `helpers.extract.names`;
7. a figure in brackets right after another of the same category is its conversion
   ("30 kilometers (18 miles)"): both rows share a `link` number;
8. as newspapers write them: a range may repeat its unit ("$1 million to $5 million", "2.5% to
   3%"), but after a change word ("fell 4p to 325.5p") the two numbers are a change and a
   level; two numbers joined by a dash next to a score word are two scores ("won 17-6"); a
   bare number takes the noun a later phrase names ("… this number of troops"); a date entity
   written as an amount ("18,104.10", "85p") is an amount.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from helpers.extract.deps import ANY_SUBJECT_DEPS, COUNTED_DEPS, NOUN_MODIFIER_DEPS
from helpers.extract.numbers import (
    Number,
    candidate_spans,
    digits,
    glued_unit,
    is_of_word,
    is_range_word,
    is_ratio,
    not_amount_spans,
    read_numbers,
)
from helpers.extract.records import Figure, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from helpers.extract.actors import Actors
    from helpers.extract.reading import Reading
    from helpers.extract.ruleset import Rules
    from helpers.source.article import Article

NOT_AMOUNTS = ("date",)
"""Categories of figures that are points in time, not amounts."""

YEARS = range(1500, 2101)
"""Whole numbers in this range, written as four digits without a comma, can be years."""

LATER_WINDOW = 40
"""Tokens after a bare number searched for a phrase naming what it counts ('this number of')."""

RANGE_QUALIFIER = "between"
"""The qualifier a range is given in the table ('between 100,000 and 130,000')."""
VERB_TAGS = frozenset({"VERB", "AUX"})


def qualifier_meaning(qualifier: str, rules: Rules) -> str:
    """What a qualifier says about the true value: below, around, above, at_most, at_least,
    range (for 'between'), or exact (no qualifier)."""
    phrase = qualifier.lower().strip()
    if not phrase:
        return "exact"
    if phrase == RANGE_QUALIFIER:
        return "range"
    for position in ("before", "after"):
        if (phrase, position) in rules.qualifiers:
            return rules.qualifiers[(phrase, position)]
    return "at_least" if phrase.split()[-1] in _vague_words(rules) else "around"


def _vague_words(rules: Rules) -> set[str]:
    return {word for word, (_, kind) in rules.number_words.items() if kind == "vague"}


def _currency_before(doc: Doc, number: Number, floor: int, rules: Rules) -> int | None:
    """Index of a currency sign just before the number (e.g. '$2bn'), else None."""
    for index in (number.start - 1, number.start - 2):
        if index >= floor and rules.units.get(doc[index].lower_, ("", ""))[1] == "money":
            return index
    return None


def _unit_after(doc: Doc, index: int, rules: Rules) -> tuple[str, str, int] | None:
    """(unit, category, end index) of a unit word starting at token `index`, or after a
    hyphen there ('a 14-day mission', 'a five-year low'), else None."""
    if (index + 1 < len(doc) and doc[index].text == "-" and not doc[index - 1].whitespace_
            and not doc[index].whitespace_):
        index += 1
    for width in (2, 1):
        if index + width <= len(doc):
            form = " ".join(token.lower_ for token in doc[index:index + width])
            if form in rules.units:
                return (*rules.units[form], index + width)
    return None


def _counted_noun(doc: Doc, number: Number, rules: Rules) -> Token | None:
    """The noun the number counts: its syntactic head ('150,000 Russian troops' -> troops)."""
    token = doc[number.end - 1]
    inside = range(number.start, number.end)
    if number.vague:  # 'tens of thousands of people': the object of the last 'of' outside
        objects = [g for i in inside for c in doc[i].children if is_of_word(c.lower_, rules)
                   for g in c.children if g.dep_ == "pobj" and g.i not in inside]
        return objects[-1] if objects else None
    for _ in range(len(inside)):  # bounded: a number spans at most this many heads
        if token.head.i not in inside or token.head.i == token.i:
            break
        token = token.head
    head = token.head
    if head.i == token.i or head.pos_ not in ("NOUN", "PROPN") or head.i < token.i or (
        token.dep_ not in COUNTED_DEPS
    ):
        return None
    while head.dep_ in NOUN_MODIFIER_DEPS and head.head.pos_ == "NOUN" and head.head.i > head.i:
        head = head.head
    return head


def _named_later(doc: Doc, number: Number, rules: Rules) -> Token | None:
    """The noun a phrase later in the sentence says the number counts ('… with this number of
    troops'), else None."""
    end = min(doc[number.start].sent.end, number.end + LATER_WINDOW)
    words = [token.lower_ for token in doc[number.end:end]]
    for index in range(len(words)):
        for phrase in rules.counted_later:
            after = number.end + index + len(phrase)
            if tuple(words[index:index + len(phrase)]) == phrase and after < end and (
                    doc[after].pos_ in ("NOUN", "PROPN")):
                return doc[after]
    return None


def _path(token: Token) -> list[Token]:
    """Heads from `token` up to and including the first verb (or the root)."""
    path: list[Token] = []
    for _ in range(len(token.sent)):  # bounded by the sentence: the root is its own head
        if token.head.i == token.i:
            break
        token = token.head
        path.append(token)
        if token.pos_ in VERB_TAGS:
            break
    return path


def _near(path: Sequence[Token], skip: Iterable[int]) -> list[Token]:
    """Path tokens before the verb and their direct children (not clauses, not `skip`)."""
    skip = set(skip)
    inner = [token for token in path if token.pos_ not in VERB_TAGS]
    near = list(inner)
    for token in inner:
        near += [child for child in token.children
                 if child.i not in skip and child.pos_ not in VERB_TAGS]
    return near


def _category(unit_category: str, noun: Token | None, near: Sequence[Token],
              nouns: Mapping[str, tuple[str, bool]], rules: Rules) -> str:
    """What the figure counts: the unit's category, the noun's, or a cue word's for people.

    `near` holds the tokens around the figure and its verb ("killed", "claimed the lives of").
    """
    if unit_category:
        return unit_category
    category, person = nouns.get(noun.lemma_.lower(), ("other", True)) if noun else (
        "other", True)
    if person:
        cues = rules.category_cues
        found = [cues[token.lemma_.lower()] for token in near if token.lemma_.lower() in cues]
        found += [cues[token.lower_] for token in near if token.lower_ in cues]
        if found:
            return found[0]
    return category


def _qualifier(doc: Doc, start: int, end: int, floor: int, rules: Rules) -> tuple[str, int]:
    """(qualifier, its first token index) next to tokens `start`..`end`, else ('', start)."""
    for (phrase, position), _ in sorted(rules.qualifiers.items(),
                                        key=lambda item: -len(item[0][0])):
        words = phrase.split()
        if position == "before":
            first = start - len(words)
            if first >= floor and [t.lower_ for t in doc[first:start]] == words and not (
                len(words) == 1 and doc[first].dep_ == "prep"
            ):
                return phrase, first
        elif [t.lower_ for t in doc[end:end + len(words)]] == words:
            return phrase, start
    return "", start


def _time(path: Sequence[Token], near: Sequence[Token], rules: Rules) -> str:
    """When the figure holds: a cue word near it, a date phrase ('since 2014'), or the verb's."""
    verbs = [token for token in path if token.pos_ in VERB_TAGS]
    verb_children = [child for verb in verbs for child in verb.children]
    for scope in (near, [*near, *verbs, *verb_children]):
        lemmas = {token.lemma_.lower() for token in scope} | {token.lower_ for token in scope}
        for words, kind, label in rules.time_cues:
            if kind == "word" and set(words) <= lemmas:
                return label
            if kind == "date_preposition":
                for token in scope:
                    if token.lower_ == " ".join(words) and token.dep_ == "prep":
                        dates = [t for t in token.children if t.ent_type_ == "DATE"]
                        if dates:
                            return f"{token.lower_} {_entity_text(dates[0])}"
    return ""


def _entity_text(token: Token) -> str:
    """The text of the entity that holds `token`."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


class _Sources:
    """Who gives a figure, through the same attribution as quotes.

    A figure inside a quote or reported speech belongs to its speaker; otherwise the subject of
    an attribution verb above it ("officials estimate 100,000") gives it, when that subject is
    a named actor or a reference resolved to one.
    """

    def __init__(self, actors: Actors, quotes: Sequence[Quote]) -> None:
        self.actors = actors
        self.verbs = actors.rules.attribution_verbs
        """Lemmas of the verbs that give a figure to their subject."""
        self.spans = sorted(((quote.start, quote.end, quote.speaker) for quote in quotes),
                            key=lambda span: span[1] - span[0])
        """(start, end, speaker) of every quote, shortest first."""

    def of(self, token: Token) -> str:
        """The actor who gives the figure at `token`, or ''."""
        speaker = next((speaker for start, end, speaker in self.spans
                        if start <= token.idx < end and speaker), "")
        if speaker:
            return speaker
        verbs = [t for t in [token, *token.ancestors] if t.lemma_.lower() in self.verbs]
        for verb in verbs:
            subject = next((c for c in verb.children if c.dep_ in ANY_SUBJECT_DEPS), None)
            if subject is None:
                continue
            actor, written = self.actors.refer(subject)
            if actor != written or self.actors.covering(subject.idx) is not None:
                return actor
        return ""


def _is_year(doc: Doc, number: Number, counted: bool, qualifier: str) -> bool:
    """True when the number is a year: four digits, 1500-2100, counting nothing, unqualified."""
    text = doc[number.start:number.end].text
    whole = number.value.is_integer() and int(number.value) in YEARS
    return (not counted and not qualifier and whole
            and re.fullmatch(r"\d{4}['’]?s?", text) is not None)


def _is_date(span: Span, rules: Rules) -> bool:
    """True for a date entity, unless its digits are written as an amount is, with a thousands
    comma, a decimal point or a unit glued on (an index closing at '18,104.10' on Tuesday, a
    stamp that now costs 85p)."""
    return span.label_ == "DATE" and not any(
        digits(token.text) is not None and ("," in token.text or "." in token.text)
        or glued_unit(token.text, rules) is not None for token in span)


def _date_quantity(span: Span, numbers: list[Number]) -> tuple[float, str]:
    """(value, unit) of a date: its year when it has one, else its first number (a day)."""
    years = [n for n in numbers if n.value.is_integer() and int(n.value) in YEARS
             and span.doc[n.start].text[:4].isdigit()]
    return (years[0].value, "year") if years else (numbers[0].value, "day")


def _figure_groups(span: Span, numbers: list[Number], rules: Rules) -> list[tuple[Number, Number]]:
    """(first, last) numbers of each figure in a span: a range pairs two numbers, with its
    unit written at both ends or not ('$1 million to $5 million', '2.5% to 3%'); a change and
    the level it reached are two ('fell 4p to 325.5p'); a part out of a whole is one share
    ('eight out of 10')."""
    groups: list[tuple[Number, Number]] = []
    index = 0
    change = _after(span.doc, numbers[0].start, rules.change_verbs, rules) if numbers else False
    while index < len(numbers):
        first = numbers[index]
        if index + 1 < len(numbers) and not change:
            second = numbers[index + 1]
            between = span.doc[first.end:second.start]
            if is_ratio([t.text for t in between], rules) and second.value:
                share = Number(first.value / second.value, first.start, second.end, share=True)
                groups.append((share, share))
                index += 2
                continue
            joined = [t.lower_ for t in between if t.lower_ not in rules.units] or (
                ["-"] if first.start == second.start else [])
            rising = second.value > first.value
            if joined and rising and all(is_range_word(word, rules) for word in joined):
                groups.append((_scaled_like(first, second), second))
                index += 2
                continue
        groups.append((first, first))
        index += 1
    return groups


def _after(doc: Doc, start: int, lemmas: frozenset[str], rules: Rules) -> bool:
    """True when the word before token `start` (past a currency sign) has one of `lemmas`."""
    index = start - 1
    if index > 0 and rules.units.get(doc[index].lower_, ("", ""))[1] == "money":
        index -= 1
    return index >= 0 and (doc[index].lemma_.lower() in lemmas or doc[index].lower_ in lemmas)


def _is_score(span: Span, numbers: list[Number], rules: Rules) -> bool:
    """True for two whole numbers joined by a dash next to a score word ('won 17-6', 'a 3-1
    victory', 'drew 1-1'): the score of a game."""
    if len(numbers) != 2 or not all(n.value.is_integer() for n in numbers):
        return False
    first, second = numbers
    doc = span.doc
    between = [t.text for t in doc[first.end:second.start]] or (
        ["-"] if first.start == second.start else [])
    if between not in (["-"], ["–"]):
        return False
    nearby = [doc[index] for index in (first.start - 1, first.start - 2, second.end)
              if 0 <= index < len(doc)]
    cues = rules.score_cues
    return any(t.lemma_.lower() in cues or t.lower_ in cues for t in nearby)


def _scaled_like(low: Number, high: Number) -> Number:
    """The low end of a range in the high end's scale: '30 to 35,000' is 30,000 to 35,000,
    '2 to 3 million' is 2 to 3 million (a low end far below the high one takes its scale)."""
    for power in (1_000, 1_000_000, 1_000_000_000):
        if low.value * power < high.value <= low.value * power * 10 and low.value < 1000:
            return Number(low.value * power, low.start, low.end, low.vague)
    return low


def _is_label(doc: Doc, number: Number) -> bool:
    """True for a number that names rather than counts: right after a proper noun, in digits
    without a comma (a version's point allowed) or as a capitalised word ('Article 5', 'Apollo
    11', 'World War Two', 'Guccifer 2.0')."""
    before = doc[number.start - 1] if number.start else None
    text = doc[number.start:number.end].text
    return (before is not None and before.pos_ == "PROPN" and before.text[:1].isupper()
            and (re.fullmatch(r"\d+(?:\.\d+)?", text) is not None or text.istitle())
            and not before.is_sent_start)


def _counts_nothing(quantity: Figure, nouns: Mapping[str, tuple[str, bool]]) -> bool:
    """True for a lone spelled 'one' that counts nothing listed ('one of them', 'one voice'):
    a pronoun or an idiom, not an amount."""
    spelled = not any(c.isdigit() for c in quantity.text)
    return (spelled and quantity.value == 1 and math.isnan(quantity.high)
            and quantity.category == "other" and quantity.unit.lower() not in nouns)


@dataclass(frozen=True)
class _Unit:
    """What a number is measured in: unit, its category, the counted noun, where it ends."""

    unit: str = ""
    category: str = ""
    noun: Token | None = None
    end: int = -1
    first: int = -1

    def counted(self, nouns: Mapping[str, tuple[str, bool]]) -> bool:
        """True when the number counts or measures something (so it is no year)."""
        return bool(self.category) or (
            self.noun is not None and self.noun.lemma_.lower() in nouns)


def _unit(doc: Doc, first: Number, last: Number, floor: int, rules: Rules) -> _Unit:
    """A currency sign before, a unit word after, or else the noun the number counts."""
    currency = _currency_before(doc, first, floor, rules)
    if currency is not None:
        return _Unit(*rules.units[doc[currency].lower_], end=last.end, first=currency)
    if glued := glued_unit(doc[last.end - 1].text, rules):
        return _Unit(*rules.units[glued[1]], end=last.end, first=first.start)
    if unit_word := _unit_after(doc, last.end, rules):
        return _Unit(*unit_word[:2], end=unit_word[2], first=first.start)
    noun = (_counted_noun(doc, last, rules)
            or (_counted_noun(doc, first, rules) if first != last else None)
            or _named_later(doc, last, rules))
    if noun is None:
        return _Unit(end=last.end, first=first.start)
    modifiers = [child.i for child in noun.lefts
                 if child.dep_ in NOUN_MODIFIER_DEPS and child.i >= last.end]
    name = doc[min(modifiers, default=noun.i):noun.i + 1].text.lower()
    unit, category = rules.units.get(name, (name, ""))
    return _Unit(unit, category, noun, end=last.end, first=first.start)


def _quantity(span: Span, first: Number, last: Number, context: _Context, rules: Rules) -> Figure:
    """One figure from its number(s) in `span`."""
    doc = span.doc
    floor = max(span.sent.start, min(span.start, first.start) - 4)
    unit = _unit(doc, first, last, floor, rules)
    path = _path(doc[last.end - 1])
    near = _near(path, context.skip)
    qualifier, begin = _qualifier(doc, unit.first, last.end, floor, rules)
    high = last.value if last != first else math.nan
    value, unit_name = first.value, unit.unit
    dated = _is_date(span, rules) and not context.score and unit.category != "duration" and (
        first.value.is_integer() and (0 < first.value <= 31 or int(first.value) in YEARS))
    if context.score or first.share:
        category = unit_name = "score" if context.score else "share"
    elif dated or _is_year(doc, first, unit.counted(context.nouns), qualifier):
        if unit.category == "duration":
            category = "duration"
        else:
            value, unit_name = _date_quantity(span, [first, last])
            category, high = "date", math.nan
    else:
        category = _category(unit.category, unit.noun, [*near, *path], context.nouns, rules)
    if not qualifier and (first.vague or not math.isnan(high)):
        qualifier = doc[first.start:first.end].text.lower() if first.vague else RANGE_QUALIFIER
    end = unit.end
    if dated:  # a date entity: a day (1-31) or a year; '400' in it is a count
        begin, end = min(begin, span.start), max(end, span.end)
    elif first.start == context.lead:
        begin = min(begin, span.start)
    chars = (doc[begin].idx, doc[end - 1].idx + len(doc[end - 1]))
    return Figure(
        value=value,
        unit=unit_name,
        category=category,
        approximate=bool(qualifier),
        qualifier=qualifier,
        time="" if category in ("date", "duration") else _time(path, near, rules),
        source=context.sources.of(doc[last.start]),
        text=context.article.text[chars[0]:chars[1]],
        sentence=span.sent.text.strip(),
        paragraph=context.article.paragraph_at(chars[0]),
        low=math.nan if qualifier_meaning(qualifier, rules) in ("below", "at_most") else value,
        high=high,
        exact=not first.vague and math.isnan(high),
        start=chars[0],
        end=chars[1],
    )


def _inherit_units(quantities: list[Figure]) -> list[Figure]:
    """A bare earlier figure ('up from an estimate of 130,000') takes the unit compared with."""
    result = list(quantities)
    for index, quantity in enumerate(result):
        bare = not quantity.unit and quantity.category == "other"
        if not bare or not quantity.time.startswith("previous"):
            continue
        before = [q for q in result[:index] if q.sentence == quantity.sentence and q.unit
                  and q.category not in ("date", "duration")]
        if before:
            result[index] = Figure(**{**asdict(quantity), "unit": before[-1].unit,
                                        "category": before[-1].category})
    return result


def _link_conversions(quantities: list[Figure], text: str, rules: Rules) -> list[Figure]:
    """Give a figure and its bracketed conversion ('30 km (18 miles)') the same link number."""
    linked = list(quantities)
    link = 0
    measures = frozenset(unit for unit, _ in rules.units.values())
    for index in range(len(linked) - 1):
        first, second = linked[index], linked[index + 1]
        if _is_conversion(first, second, text, measures):
            link += 1
            extra = {} if second.qualifier else {
                "approximate": first.approximate, "qualifier": first.qualifier}
            linked[index] = Figure(**{**asdict(first), "link": link})
            linked[index + 1] = Figure(**{**asdict(second), **extra, "link": link})
    return linked


def _is_conversion(first: Figure, second: Figure, text: str, measures: frozenset[str]) -> bool:
    """True when `second` is `first` in another unit of measure (one of `measures`, the units
    of units.csv), in brackets right after it; a count ('150,000 troops (…)') and a point or
    span of time are never converted."""
    if first.link or first.category != second.category or first.unit == second.unit:
        return False
    if first.category in ("date", "duration") or not {first.unit, second.unit} <= measures:
        return False
    between, after = text[first.end:second.start], text[second.end:second.end + 3]
    return between.strip() == "(" and after.lstrip().startswith(")")


@dataclass(frozen=True)
class _Context:
    """What every figure of one span needs: the article, actors, other numbers, first number."""

    article: Article
    sources: _Sources
    nouns: Mapping[str, tuple[str, bool]]
    skip: frozenset[int]
    lead: int
    score: bool = False


def find_figures(reading: Reading, actors: Actors, quotes: Sequence[Quote]) -> list[Figure]:
    """The figures stage: every figure of a reading, in text order, its source read through
    the actors and `quotes`; the reading's story pack adds counted nouns."""
    doc, article, pack, rules = reading.doc, reading.article, reading.pack, reading.rules
    sources = _Sources(actors, quotes)
    nouns = {**rules.counted_nouns, **(pack.counted_nouns() if pack is not None else {})}
    spans = candidate_spans(doc, rules)
    number_tokens = {i for span in spans for i in range(span.start, span.end)}
    excluded = not_amount_spans(article.text, rules)
    quantities = []
    for span in spans:
        if any(start <= span.start_char and span.end_char <= end for start, end in excluded):
            continue
        money = span.label_ == "MONEY" or any(
            rules.units.get(t.lower_, ("", ""))[1] == "money"
            for t in span.doc[max(span.start - 2, 0):span.end])
        numbers = read_numbers(span, rules, money)
        if not numbers:
            continue
        score = _is_score(span, numbers, rules)
        if score:
            groups = [(number, number) for number in numbers]
        elif _is_date(span, rules) and not any(_unit_after(span.doc, n.end, rules)
                                               for n in numbers):
            groups = [(numbers[0], numbers[-1])]
        else:
            groups = _figure_groups(span, numbers, rules)
        skip = frozenset(number_tokens - set(range(span.start, span.end)))
        context = _Context(article, sources, nouns, skip, numbers[0].start, score)
        found = [_quantity(span, first, last, context, rules) for first, last in groups
                 if score or _is_date(span, rules) or not _is_label(doc, first)]
        quantities += [q for q in found if not _counts_nothing(q, nouns)]
    return _link_conversions(_inherit_units(quantities), article.text, rules)
