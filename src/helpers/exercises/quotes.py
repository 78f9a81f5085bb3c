"""Lesson 2, quotes and their speakers: checks, hints and hidden tests.

The speaker task is three fill-in steps (the sentences around a quote, the speech verb, its
subject) that `find_speaker` chains. `SPEAKER_TARGET` is what those steps reach on the seed
article, measured in `tests/test_exercises_lessons.py`, so the pass mark cannot drift from them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import pandas as pd

from helpers.evaluate import MIN_OVERLAP, has_key, load_key, span_overlap, speakers_of
from helpers.exercises.actors import match_actor
from helpers.exercises.feedback import (
    FORGOT_RETURN,
    Feedback,
    call,
    check_each,
    describe,
    forgot_return,
    hint_printer,
    paragraph_list,
    report,
    unanswered,
)
from helpers.extract.names import clean_name
from helpers.extract.quotes import is_cue_verb
from helpers.extract.references import pronoun
from helpers.extract.ruleset import rules_for
from helpers.report import words
from helpers.rules import LANGUAGE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from helpers.analysis import Analysis

RULES = rules_for(LANGUAGE)
"""The rules the exercises read: the lessons are in English."""
PATTERN_TARGET = 0.8
"""Share of the key's direct quotes a pattern must find (and of its matches that are quotes)."""
SPEAKER_TARGET = 0.65
"""Share of speakers right to pass: what the three steps of the lesson reach (20 of 30)."""

HINTS = {
    "quote_pattern": (
        "A pattern is a list of dicts, one dict per token, in order: [{...}, {...}, {...}].",
        "The first and the last token of a quote are quotation marks: match them with 'ORTH'.",
        "In between come one or more tokens: the key \"OP\": \"+\" repeats a token.",
        "If one match runs from a quote into the next one, the middle tokens must not be "
        "quotation marks: a dict can match any token but a few (see the lesson's intro).",
    ),
    "sentences_around": (
        "Every token knows its sentence: `token.sent`.",
        "The quote starts at `quote.doc[quote.start]`; which token is the last one of the "
        "quote? (`quote.end` is one past it.)",
        "A slice of the doc from the start of the first sentence to the end of the last one "
        "covers the whole quote.",
    ),
    "speech_verb": (
        "Walk over the tokens of the sentences around the quote and look at `token.lemma_`.",
        "A speech verb inside the quote belongs to the quote, not to the speaker: skip tokens "
        "whose `i` is between `quote.start` and `quote.end`.",
        "A second quote often has no verb of its own: look in the sentence just before too.",
    ),
    "subject_of": (
        "In the parse, the speaker is a child of the verb: `verb.children`.",
        "The speaker's arrow is labelled `nsubj` (`child.dep_`).",
        "Return a name, not a token: `whole_name(child)` gives the whole entity ('Anna Berg').",
    ),
    "find_speaker": (
        "Chain your steps: the verb of the quote, then the subject of that verb.",
        "When there is no verb, there is no speaker to return: `None`.",
    ),
}
hint = hint_printer(HINTS)


def key_quotes(analysis: Analysis, kind: str = "direct") -> tuple[pd.DataFrame, str]:
    """Quotes of one kind from the answer key, else from the kit's extraction; and which it is."""
    if has_key(analysis.article):
        quotes, origin = load_key(analysis.article)["quotes"], "the answer key"
    else:
        quotes, origin = analysis.quotes, "the kit's quotes (this article has no answer key)"
    return quotes[quotes["kind"] == kind].reset_index(drop=True), origin


def quote_spans(analysis: Analysis) -> list[tuple[Any, Span]]:
    """Each key quote row with its span in the parsed article."""
    quotes, _ = key_quotes(analysis)
    return [(row, analysis.doc.char_span(row.start, row.end, alignment_mode="expand"))
            for row in quotes.itertuples()]


def whole_name(token: Token) -> str:
    """The whole entity a token belongs to ('Biden' -> 'Joe Biden' when tagged so)."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


def speaker_side(analysis: Analysis, row: Any) -> str:
    """Where a quote's cue word sits: 'after' or 'before' the quote, or 'elsewhere'."""
    article = analysis.article
    start = article.paragraph_starts[int(row.paragraph) - 1]
    paragraph = article.paragraphs[int(row.paragraph) - 1]
    cues = [m.start() + start for m in re.finditer(rf"\b{re.escape(str(row.cue))}\b",
                                                     paragraph, re.IGNORECASE)]
    if not cues:
        return "elsewhere"
    nearest = min(cues, key=lambda at: min(abs(at - row.start), abs(at - row.end)))
    return "after" if nearest >= row.end else "before"


def _missing_marks(analysis: Analysis, rows: pd.DataFrame) -> int:
    """How many of these quotes lack an opening or a closing quotation mark in the text."""
    text, known = analysis.article.text, RULES.marks
    opening, closing = known.opening + known.straight, known.closing + known.straight
    return sum(text[max(0, r.start - 1):r.start] not in opening
               or text[r.end:r.end + 2].strip(".,?! ")[:1] not in closing
               for r in rows.itertuples())


def _pattern_list(answer: Any) -> tuple[list[list[dict]] | None, str]:
    """The answer as a list of token patterns, or why it cannot be one."""
    if isinstance(answer, dict):
        return None, ("your pattern is one dict; a pattern is a list of dicts, one per token: "
                      "put [ ] around the dicts.")
    if not isinstance(answer, list) or not answer:
        return None, f"a pattern is a list of dicts, one per token; yours is {describe(answer)}."
    patterns = answer if all(isinstance(item, list) for item in answer) else [answer]
    for pattern in patterns:
        odd = [item for item in pattern if not isinstance(item, dict)]
        if odd or not pattern:
            return None, (f"a pattern is a list of dicts, one per token, such as "
                          f"{{'ORTH': '“'}}; yours holds "
                          f"{describe(odd[0]) if odd else 'an empty list'}.")
    return patterns, ""


def pattern_matches(patterns: list[list[dict]], doc: Doc) -> list[Span]:
    """The longest, non-overlapping matches of the patterns in a doc."""
    from spacy.matcher import Matcher
    from spacy.util import filter_spans

    matcher = Matcher(doc.vocab)
    matcher.add("QUOTE", patterns, greedy="LONGEST")
    return filter_spans(matcher(doc, as_spans=True))


def check_quote_pattern(answer: Any, analysis: Analysis,
                        target: float = PATTERN_TARGET) -> Feedback:
    """Run a spaCy Matcher pattern over the article and compare its matches with the quotes."""
    task = "Finding the quotes"
    if answer is None:
        return unanswered(task)
    feedback = Feedback(task)
    patterns, problem = _pattern_list(answer)
    if patterns is None:
        feedback.missing.append(problem)
        return report(feedback)
    result = call(pattern_matches, patterns, analysis.doc)
    if result.error:
        feedback.missing.append(f"spaCy cannot read the pattern ({result.error}).")
        feedback.hint = "each dict names a token attribute spaCy knows: 'ORTH', 'LOWER', 'OP'…"
        return report(feedback)
    spans = result.value
    quotes, origin = key_quotes(analysis)

    def hits(quote: Any, span: Span) -> bool:
        return span_overlap(quote.start, quote.end, span.start_char,
                            span.end_char) >= MIN_OVERLAP and len(span.text) < 2 * len(
            quote.text) + 4

    found = [any(hits(q, s) for s in spans) for q in quotes.itertuples()]
    extra = [s for s in spans if not any(hits(q, s) for q in quotes.itertuples())]
    share = sum(found) / max(len(quotes), 1)
    clean = 1 - len(extra) / max(len(spans), 1)
    feedback.score = min(share / target, 1.0) * min(clean / target, 1.0)
    passed = share >= target and clean >= target
    (feedback.right if sum(found) else feedback.missing).append(
        f"your pattern finds {sum(found)} of {len(quotes)} direct quotes in {origin}.")
    missed = quotes[[not f for f in found]]
    unmarked = _missing_marks(analysis, missed) if not missed.empty else 0
    remarks = feedback.notes if passed else feedback.missing
    if not missed.empty:
        where = (f"{len(missed)} quotes are not found (paragraphs "
                 f"{paragraph_list(missed['paragraph'])})")
        where += (f"; {unmarked} of them lack an opening or closing mark in the copy."
                  if unmarked else ".")
        remarks.append(where)
    if extra:
        example = extra[0].text if len(extra[0].text) < 60 else extra[0].text[:57] + "…"
        remarks.append(f"{words.count(len(extra), 'match', 'matches')} "
                       f"{words.verb(len(extra), 'is', 'are')} not one quote, e.g. {example!r}: "
                       f"too long, or running from one quote into the next?")
    feedback.hint = "run hint('quote_pattern', 1) and the hints after it."
    if unmarked and passed:
        feedback.hint = ("a quote with no opening mark starts right after the previous closing "
                         "mark: a second pattern can catch it.")
    return report(feedback)


# --- The three steps of the speaker rule ------------------------------------------------------


def _check_each_quote(task: str, name: str, answer: Any, analysis: Analysis,
                      judge: Callable[[list[tuple[Any, Span]], Feedback, list[Any]], None],
                      wanted: str = "a function of one quote span", fix: str = "",
                      stuck: str = "") -> Feedback:
    """`check_each` over the key's quotes: `judge` gets the (row, quote span) pairs first."""
    spans = quote_spans(analysis)
    return check_each(task, name, answer, wanted,
                      [((quote,), f"on the quote in paragraph {row.paragraph}")
                       for row, quote in spans],
                      partial(judge, spans), fix=fix, stuck=stuck)


def _expected_around(quote: Span) -> tuple[int, int]:
    doc = quote.doc
    return doc[quote.start].sent.start, doc[quote.end - 1].sent.end


def _judge_sentences_around(spans: list[tuple[Any, Span]], feedback: Feedback,
                            values: list[Any]) -> None:
    """Step 1's feedback: each span given against the sentences around its quote."""
    from spacy.tokens import Span

    right, short, other, kinds = 0, [], [], Counter()
    for (row, quote), value in zip(spans, values, strict=True):
        if not isinstance(value, Span):
            kinds[describe(value).split(" (")[0]] += 1
            other.append(row.paragraph)
            continue
        start, end = _expected_around(quote)
        if (value.start, value.end) == (start, end):
            right += 1
        elif value.start > quote.start or value.end < quote.end:
            short.append(row.paragraph)
        else:
            other.append(row.paragraph)
    feedback.score_cases(right, len(spans), "quotes")
    if kinds:
        feedback.missing.append(f"for {sum(kinds.values())} quotes it returns "
                                f"{kinds.most_common(1)[0][0]}, not a Span of the doc.")
    feedback.mistake(short, "for {n} quotes the span does not cover the whole quote "
                            "(paragraphs {paragraphs}): long quotes run over two sentences.")
    if not kinds:
        feedback.mistake(other, "for {n} quotes the span is not whole sentences "
                                "(paragraphs {paragraphs}).")
    feedback.hint = "the sentence of the quote's first token, to the sentence of its last token."
    if forgot_return(values[:3]):
        feedback.hint = FORGOT_RETURN


def check_sentences_around(answer: Any, analysis: Analysis) -> Feedback:
    """Step 1: a function giving the sentences that hold a quote, start to end."""
    return _check_each_quote("Step 1, the sentences around a quote", "sentences_around", answer,
                             analysis, _judge_sentences_around)


def _verb_region(quote: Span) -> list[int]:
    """Token indexes where the lesson's speech verb may sit: around the quote and just before."""
    doc = quote.doc
    start, end = _expected_around(quote)
    before = doc[start - 1].sent.start if start > 0 else start
    return [i for i in range(before, end) if not quote.start <= i < quote.end]


def _judge_speech_verb(spans: list[tuple[Any, Span]], feedback: Feedback,
                       values: list[Any]) -> None:
    """Step 2's feedback: each verb given against the speech verbs near its quote."""
    from spacy.tokens import Token

    right, texts, inside, missed, wrong = 0, [], [], [], []
    for (row, quote), verb in zip(spans, values, strict=True):
        region = _verb_region(quote)
        has_cue = any(is_cue_verb(quote.doc[i], RULES) for i in region)
        if isinstance(verb, str):
            texts.append(row.paragraph)
        elif verb is None:
            right += not has_cue
            if has_cue:
                missed.append(row.paragraph)
        elif not isinstance(verb, Token):
            wrong.append(row.paragraph)
        elif quote.start <= verb.i < quote.end:
            inside.append(row.paragraph)
        elif verb.i in region and verb.pos_ in ("VERB", "AUX"):
            right += 1
        else:
            wrong.append(row.paragraph)
    feedback.score_cases(right, len(spans), "quotes")
    feedback.mistake(texts, "for {n} quotes it returns text; return the Token itself, so that "
                            "step 3 can read its children.")
    feedback.mistake(inside, "for {n} quotes the verb is inside the quote (paragraphs "
                             "{paragraphs}): that is the speaker's own word, not the "
                             "attribution.")
    feedback.mistake(missed, "{n} quotes have a speech verb nearby that your function "
                             "does not find (paragraphs {paragraphs}).")
    feedback.mistake(wrong, "for {n} quotes it returns a word that is not a speech verb "
                            "near the quote (paragraphs {paragraphs}).")
    if forgot_return(values) and any(is_cue_verb(q.doc[i], RULES) for _, q in spans
                                     for i in _verb_region(q)):
        feedback.hint = FORGOT_RETURN
    else:
        feedback.hint = "run hint('speech_verb', 1) and the hints after it."


def check_speech_verb(answer: Any, analysis: Analysis) -> Feedback:
    """Step 2: a function giving the speech verb of a quote (a Token outside it), or None."""
    return _check_each_quote("Step 2, the speech verb", "speech_verb", answer, analysis,
                             _judge_speech_verb)


def _speech_verbs_with_subjects(doc: Doc) -> list[tuple[Token, str]]:
    return [(token, whole_name(child)) for token in doc if is_cue_verb(token, RULES)
            for child in token.children if child.dep_ == "nsubj"]


def _judge_subject_of(expected: list[str], feedback: Feedback, values: list[Any]) -> None:
    """Step 3's feedback: each name given against the whole name of its verb's subject."""
    from spacy.tokens import Span, Token

    tokens = sum(isinstance(value, Token | Span) for value in values)
    right = sum(isinstance(value, str) and value.strip() == name
                for value, name in zip(values, expected, strict=True))
    feedback.score_cases(right, len(expected), "speech verbs of the article")
    if tokens:
        feedback.missing.append(f"for {tokens} verbs it returns a spaCy Token or Span, not "
                                f"text: return `whole_name(child)`, a string.")
        feedback.hint = "`whole_name(token)` turns a token into the whole name, as text."
    elif forgot_return(values):
        feedback.hint = FORGOT_RETURN
    else:
        feedback.hint = "run hint('subject_of', 1) and the hints after it."


def check_subject_of(answer: Any, analysis: Analysis) -> Feedback:
    """Step 3: a function giving the name of a verb's subject (text), or None."""
    cases = _speech_verbs_with_subjects(analysis.doc)
    return check_each("Step 3, the subject of the verb", "subject_of", answer,
                      "a function of one verb token",
                      [((verb,), f"on the verb '{verb.text}' of the sentence "
                                 f"“{verb.sent.text[:50]}…”") for verb, _ in cases],
                      partial(_judge_subject_of, [name for _, name in cases]))


# --- The whole rule -----------------------------------------------------------------------------


def same_speaker(name: Any, accepted: set[str], analysis: Analysis) -> bool:
    """True when a named speaker is one of the accepted names (any form of the same actor)."""
    if not isinstance(name, str) or not name.strip():
        return False
    actor = match_actor(name.strip(), analysis.entities)
    cleaned = clean_name(name.strip(), RULES)
    return bool({name.strip(), cleaned, actor} & accepted) or any(
        full.endswith(" " + cleaned) or cleaned.endswith(" " + full) for full in accepted)


def _judge_speakers(analysis: Analysis, target: float, spans: list[tuple[Any, Span]],
                    feedback: Feedback, values: list[Any]) -> None:
    """The speakers' feedback: each name given against the key's speaker of its quote."""
    from spacy.tokens import Span, Token

    wrong, none, pronouns, tokens = [], [], 0, 0
    for (row, _), name in zip(spans, values, strict=True):
        if isinstance(name, Token | Span):
            tokens += 1
            name = name.text
        if not name:
            none.append(row)
        elif not same_speaker(name, speakers_of(row.speaker), analysis):
            wrong.append(row)
            pronouns += isinstance(name, str) and pronoun(name.split()[-1], RULES) is not None
    right = len(spans) - len(wrong) - len(none) - tokens
    right = max(right, 0)
    feedback.score = min(right / max(len(spans), 1) / target, 1.0)
    passed = right >= target * len(spans) and not tokens
    feedback.right.append(f"right speaker for {right} of {len(spans)} direct quotes "
                          f"(the pass mark is {target:.0%}).")
    if tokens:
        feedback.missing.append(f"for {tokens} quotes your function returns a spaCy Token or "
                                f"Span, not the name as text: return a string.")
    feedback.mistake([r.paragraph for r in wrong],
                     "{n} quotes get the wrong speaker (paragraphs {paragraphs}).", note=passed)
    feedback.mistake([r.paragraph for r in none],
                     "{n} quotes get no speaker (paragraphs {paragraphs}).", note=passed)
    if pronouns:
        (feedback.notes if passed else feedback.missing).append(
            f"{pronouns} of your speakers are pronouns ('he', 'it'): the name is further back "
            f"in the text.")
    if forgot_return(values):
        feedback.hint = FORGOT_RETURN
        return
    sides = Counter(speaker_side(analysis, row) for row in wrong + none)
    if sides:
        side, count = sides.most_common(1)[0]
        feedback.hint = {
            "after": f"{count} of them are in paragraphs where the speaker comes after the "
                     f"quote (“…,” the minister said): look right of the closing mark too.",
            "before": f"{count} of them have the speaker before the quote (X said: “…”) or in "
                      f"the sentence before: look there too.",
            "elsewhere": f"{count} of them name no speaker in their own paragraph: the "
                         f"speaker is named in the paragraph before.",
        }[side]


def check_speakers(answer: Any, analysis: Analysis, target: float = SPEAKER_TARGET) -> Feedback:
    """Call a `find_speaker(quote_span)` function on every direct quote and check its speakers."""
    return _check_each_quote("Finding the speakers", "find_speaker", answer, analysis,
                             partial(_judge_speakers, analysis, target),
                             wanted="a function taking one quote span",
                             fix="write `def find_speaker(quote):` and return a name or None.",
                             stuck="run `find_speaker(quotes[0])` on its own and read the error.")
