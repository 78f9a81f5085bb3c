"""Checks for the exercise notebooks: feedback saying what is right, what is missing, and a hint.

Every `check_...` function takes the student's answer first, prints friendly feedback and returns
a `Feedback`. It never raises on an unanswered task (`None`, or an empty coding sheet): it prints
"not answered yet" and returns. Feedback is computed against the answer key, the kit's own
extraction or the reference data, never against strings of one article, and it never prints the
full answer: it counts what is missing and points to where to look.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from helpers.extract.figures import DIGITS
from helpers.extract.names import clean_name

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from helpers.analysis import Analysis

NOT_ANSWERED = "not answered yet"
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you"}
WELL_DONE = "Well done!"


@dataclass
class Feedback:
    """What a check found: right points, missing or wrong points, a hint, and whether it passed."""

    task: str
    answered: bool = True
    right: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    hint: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when the task is answered and nothing is missing or wrong."""
        return self.answered and not self.missing

    def message(self) -> str:
        """The feedback as the student reads it."""
        if not self.answered:
            return (f"{self.task}: {NOT_ANSWERED}. Replace `# YOUR CODE HERE` with your code, "
                    f"then run the cell again.")
        lines = [f"{self.task}: {WELL_DONE if self.passed else 'not quite yet.'}"]
        lines += [f"  ✓ {point}" for point in self.right]
        lines += [f"  ✗ {point}" for point in self.missing]
        lines += [f"  • {note}" for note in self.notes]
        if self.hint and (self.notes or not self.passed):
            lines.append(f"  Hint: {self.hint}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message()


def _report(feedback: Feedback) -> Feedback:
    print(feedback.message())
    return feedback


def _unanswered(task: str) -> Feedback:
    return _report(Feedback(task, answered=False))


def _names(answer: str | Iterable[Any]) -> list[str]:
    """Names from a string, or from a list of strings or spaCy spans, in order, stripped."""
    items = [answer] if isinstance(answer, str) else list(answer)
    return [str(getattr(item, "text", item)).strip() for item in items if str(item).strip()]


# --- Lesson 1: reading the article and finding its actors -------------------------------------


def check_sentence_count(answer: int | None, analysis: Analysis) -> Feedback:
    """Check the number of sentences spaCy finds in the article."""
    task = "Counting sentences"
    if answer is None:
        return _unanswered(task)
    expected = len(list(analysis.doc.sents))
    feedback = Feedback(task)
    if answer == expected:
        feedback.right.append(f"spaCy splits the article into {expected} sentences.")
        return _report(feedback)
    side = "too low" if answer < expected else "too high"
    feedback.missing.append(f"{answer} is {side}.")
    if answer == len(analysis.article.paragraphs):
        feedback.hint = "that is the number of paragraphs; count the items of `doc.sents`."
    elif answer == len(analysis.doc):
        feedback.hint = "that is the number of tokens; count the items of `doc.sents`."
    else:
        feedback.hint = "`doc.sents` is a generator: turn it into a list, then take its length."
    return _report(feedback)


def _actor_index(entities: pd.DataFrame) -> dict[str, str]:
    """Every form and cleaned form of every actor -> the actor's name."""
    index: dict[str, str] = {}
    for row in entities.itertuples():
        for form in [row.actor, *str(row.forms).split(", ")]:
            index[form] = row.actor
            index[clean_name(form)] = row.actor
    return index


def _match_actor(name: str, index: dict[str, str], entities: pd.DataFrame) -> str | None:
    """The actor a written name refers to: a known form, or the surname of one full name."""
    for candidate in (name, clean_name(name)):
        if candidate in index:
            return index[candidate]
    tails = [actor for actor in entities["actor"] if actor.endswith(" " + clean_name(name))]
    return tails[0] if len(tails) == 1 else None


def check_people(answer: Iterable[Any] | None, analysis: Analysis) -> Feedback:
    """Check a list of the people named in the article against the kit's entity table."""
    task = "Finding the people"
    if answer is None:
        return _unanswered(task)
    entities = analysis.entities
    people = entities[entities["type"] == "person"]
    index = _actor_index(entities)
    types = dict(zip(entities["actor"], entities["type"], strict=True))
    slips = {span.text for span in analysis.doc.ents if span.label_ == "PERSON"} - set(index)
    found: dict[str, list[str]] = {}
    feedback = Feedback(task)
    for name in _names(answer):
        actor = _match_actor(name, index, entities)
        if actor is not None and types[actor] == "person":
            found.setdefault(actor, []).append(name)
        elif actor is not None:
            feedback.missing.append(f"'{name}' is not a person: the kit counts it as a "
                                    f"{types[actor]}.")
        elif name in slips:
            feedback.missing.append(f"'{name}' is tagged PERSON by the model, but it is a slip: "
                                    f"a person's name starts with a capital letter.")
        elif name in analysis.article.text and name[:1].isupper():
            feedback.right.append(f"'{name}' is in the text but the model missed it: well "
                                  f"spotted (models are not complete).")
        else:
            feedback.missing.append(f"'{name}' does not appear in the article as written.")
    feedback.right.insert(0, f"you found {len(found)} of {len(people)} people.")
    doubles = [forms for forms in found.values() if len(forms) > 1]
    if doubles:
        feedback.right.append(f"{len(doubles)} of them appear under more than one form "
                              f"(e.g. {' / '.join(doubles[0])}): count each person once.")
    missed = people[~people["actor"].isin(found)]
    if not missed.empty:
        where = ", ".join(str(p) for p in sorted(set(missed["first_paragraph"])))
        feedback.missing.append(f"{len(missed)} people are missing; they first appear in "
                                f"paragraph(s) {where}.")
        feedback.hint = ("keep every entity whose `label_` is 'PERSON', and read the paragraphs "
                         "named above with displaCy.")
    return _report(feedback)


def check_most_mentioned(answer: str | None, analysis: Analysis) -> Feedback:
    """Check the name of the actor the article mentions most often."""
    task = "The most-mentioned actor"
    if answer is None:
        return _unanswered(task)
    entities = analysis.entities
    counts = dict(zip(entities["actor"], entities["mentions"], strict=True))
    top = max(counts.values())
    actor = _match_actor(str(answer), _actor_index(entities), entities)
    feedback = Feedback(task)
    if actor is None:
        feedback.missing.append(f"'{answer}' is not an actor in the kit's table.")
        feedback.hint = "look at the `actor` column of `analysis.entities`."
    elif counts[actor] == top:
        feedback.right.append(f"{actor} is mentioned {top} times, more than any other actor.")
    else:
        feedback.missing.append(f"{actor} is mentioned {counts[actor]} times; another actor is "
                                f"mentioned more often.")
        feedback.hint = "sort the table by the `mentions` column, largest first."
    return _report(feedback)


# --- Lesson 2: quotes and their speakers ------------------------------------------------------


def key_quotes(analysis: Analysis, kind: str = "direct") -> tuple[pd.DataFrame, str]:
    """Quotes of one kind from the answer key, else from the kit's extraction; and which it is."""
    from helpers.evaluate import has_key, load_key

    if has_key(analysis.article):
        quotes, origin = load_key(analysis.article)["quotes"], "the answer key"
    else:
        quotes, origin = analysis.quotes, "the kit's quotes (this article has no answer key)"
    return quotes[quotes["kind"] == kind].reset_index(drop=True), origin


def _overlap(first: tuple[int, int], second: tuple[int, int]) -> float:
    """Shared characters as a share of the longer span (a span swallowing two quotes fails)."""
    shared = min(first[1], second[1]) - max(first[0], second[0])
    longer = max(first[1] - first[0], second[1] - second[0])
    return shared / longer if shared > 0 else 0.0


def _paragraph_list(numbers: Iterable[Any]) -> str:
    return ", ".join(str(n) for n in sorted({int(n) for n in numbers}))


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
    text = analysis.article.text
    opening, closing = "“\"„«", "”\"»"
    return sum(text[max(0, r.start - 1):r.start] not in opening
               or text[r.end:r.end + 2].strip(".,?! ")[:1] not in closing
               for r in rows.itertuples())


def check_quote_pattern(answer: list | None, analysis: Analysis,
                        target: float = 0.8) -> Feedback:
    """Run a spaCy Matcher pattern over the article and compare its matches with the quotes."""
    from spacy.matcher import Matcher
    from spacy.util import filter_spans

    task = "Finding the quotes"
    if answer is None:
        return _unanswered(task)
    feedback = Feedback(task)
    patterns = answer if answer and isinstance(answer[0], list) else [answer]
    matcher = Matcher(analysis.doc.vocab)
    try:
        matcher.add("QUOTE", patterns, greedy="LONGEST")
    except (ValueError, TypeError, KeyError) as error:
        feedback.missing.append(f"spaCy cannot read the pattern: {str(error).splitlines()[0]}")
        feedback.hint = "a pattern is a list of dicts, one per token: [{'ORTH': '“'}, ...]."
        return _report(feedback)
    spans = filter_spans(matcher(analysis.doc, as_spans=True))
    quotes, origin = key_quotes(analysis)
    found = [any(_overlap((q.start, q.end), (s.start_char, s.end_char)) >= 0.5 for s in spans)
             for q in quotes.itertuples()]
    extra = [s for s in spans
             if not any(_overlap((q.start, q.end), (s.start_char, s.end_char)) >= 0.5
                        for q in quotes.itertuples())]
    passed = sum(found) >= target * len(quotes) and len(extra) <= (1 - target) * len(spans)
    feedback.right.append(f"your pattern finds {sum(found)} of {len(quotes)} direct quotes "
                          f"in {origin}.")
    missed = quotes[[not f for f in found]]
    if not missed.empty:
        unmarked = _missing_marks(analysis, missed)
        where = (f"{len(missed)} quotes are not found (paragraphs "
                 f"{_paragraph_list(missed['paragraph'])})")
        where += (f"; {unmarked} of them lack an opening or closing mark in the copy."
                  if unmarked else ".")
        (feedback.notes if passed else feedback.missing).append(where)
    if extra:
        example = extra[0].text if len(extra[0].text) < 80 else extra[0].text[:77] + "…"
        (feedback.notes if passed else feedback.missing).append(
            f"{len(extra)} match(es) are not quotes there, e.g. {example!r}: too long, or "
            f"running from one quote into the next?")
    feedback.hint = ("start and end on a quotation mark token, and allow one or more tokens "
                     "that are not quotation marks in between ('OP': '+').")
    if not missed.empty and unmarked and passed:
        feedback.hint = ("a quote with no opening mark starts right after the previous closing "
                         "mark: a second pattern can catch it.")
    return _report(feedback)


def _same_speaker(name: Any, accepted: set[str], analysis: Analysis) -> bool:
    """True when a named speaker is one of the accepted names (any form of the same actor)."""
    if not isinstance(name, str) or not name.strip():
        return False
    entities = analysis.entities
    actor = _match_actor(name.strip(), _actor_index(entities), entities)
    cleaned = clean_name(name.strip())
    return bool({name.strip(), cleaned, actor} & accepted) or any(
        full.endswith(" " + cleaned) or cleaned.endswith(" " + full) for full in accepted)


def check_speakers(answer: Any, analysis: Analysis, target: float = 0.7) -> Feedback:
    """Call a `find_speaker(quote_span)` function on every direct quote and check its speakers."""
    from helpers.evaluate import speakers_of

    task = "Finding the speakers"
    if answer is None:
        return _unanswered(task)
    feedback = Feedback(task)
    if not callable(answer):
        feedback.missing.append("`find_speaker` must be a function taking one quote span.")
        feedback.hint = "write `def find_speaker(quote):` and return a name or None."
        return _report(feedback)
    quotes, origin = key_quotes(analysis)
    wrong, none, pronouns = [], [], 0
    for row in quotes.itertuples():
        span = analysis.doc.char_span(row.start, row.end, alignment_mode="expand")
        try:
            name = answer(span)
        except Exception as error:  # noqa: BLE001 - any error in student code becomes feedback
            feedback.missing.append(f"your function raised {type(error).__name__} on the quote "
                                    f"in paragraph {row.paragraph}: {error}")
            feedback.hint = "run `find_speaker(quotes[0])` on its own and read the error."
            return _report(feedback)
        if not name:
            none.append(row)
        elif not _same_speaker(name, speakers_of(row.speaker), analysis):
            wrong.append(row)
            pronouns += str(name).strip().lower() in PRONOUNS
    right = len(quotes) - len(wrong) - len(none)
    passed = right >= target * len(quotes)
    feedback.right.append(f"right speaker for {right} of {len(quotes)} direct quotes in "
                          f"{origin}.")
    remarks = feedback.notes if passed else feedback.missing
    for rows, what in ((wrong, "get the wrong speaker"), (none, "get no speaker")):
        if rows:
            remarks.append(f"{len(rows)} quotes {what} (paragraphs "
                           f"{_paragraph_list(r.paragraph for r in rows)}).")
    if pronouns:
        remarks.append(f"{pronouns} of your speakers are pronouns ('he', 'it'): the name is "
                       f"further back in the text.")
    sides = Counter(speaker_side(analysis, row) for row in wrong + none)
    if sides:
        side, count = sides.most_common(1)[0]
        feedback.hint = {
            "after": f"{count} of them are in paragraphs where the speaker comes after the "
                     f"quote (“…,” the minister said): look right of the closing mark too.",
            "before": f"{count} of them have the speaker before the quote (X said: “…”): "
                      f"look left of the opening mark too.",
            "elsewhere": f"{count} of them name no speaker in their own paragraph: the "
                         f"speaker is named in the paragraph before.",
        }[side]
    return _report(feedback)


# --- Lesson 3: coding stances and agreement between coders -----------------------------------


def percent_agreement(first: Sequence[Any], second: Sequence[Any]) -> float:
    """Share of items (0-1) on which two codings give the same label."""
    _same_length(first, second)
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def cohen_kappa(first: Sequence[Any], second: Sequence[Any]) -> float:
    """Cohen's kappa: agreement of two codings corrected for the agreement expected by chance."""
    _same_length(first, second)
    observed = percent_agreement(first, second)
    n = len(first)
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[label] * counts_b[label] for label in counts_a) / n**2
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)


def _same_length(first: Sequence[Any], second: Sequence[Any]) -> None:
    if len(first) != len(second) or not len(first):
        raise ValueError(f"Two codings of the same items are needed: got {len(first)} and "
                         f"{len(second)} labels (both must be the same, non-zero length).")


STANCE_LABELS = ("support", "oppose", "skeptical", "neutral")
NO_STANCE = "(none)"
"""The machine's label for an (actor, topic) pair it did not code."""


def _key_stances(analysis: Analysis) -> tuple[pd.DataFrame, str]:
    """The stance rows of the answer key, else the kit's own; and which it is."""
    from helpers.evaluate import has_key, load_key

    if has_key(analysis.article):
        return load_key(analysis.article)["stances"], "the answer key"
    return analysis.stances, "the kit's stances (this article has no answer key)"


def stance_sheet(analysis: Analysis) -> pd.DataFrame:
    """A coding sheet: one row per actor and topic with its evidence, and an empty stance."""
    stances, _ = _key_stances(analysis)
    sheet = stances[["actor", "topic", "evidence"]].reset_index(drop=True)
    return sheet.assign(stance="")


def _coded(sheet: pd.DataFrame) -> pd.Series:
    return sheet["stance"].fillna("").astype(str).str.strip() != ""


def _row_list(index: Iterable[int]) -> str:
    return ", ".join(str(i) for i in index)


def check_stance_coding(answer: pd.DataFrame | None, analysis: Analysis,
                        target: float = 0.7) -> Feedback:
    """Check a filled coding sheet: complete, valid labels, and agreement with the key."""
    task = "Coding the stances"
    if answer is None or not _coded(answer).any():
        return _unanswered(task)
    feedback = Feedback(task)
    stances, origin = _key_stances(analysis)
    labels = answer["stance"].fillna("").astype(str).str.strip().str.lower()
    invalid = answer.index[_coded(answer) & ~labels.isin(STANCE_LABELS)]
    uncoded = answer.index[~_coded(answer)]
    if len(invalid):
        feedback.missing.append(f"row(s) {_row_list(invalid)} have a label that is not one of "
                                f"{', '.join(STANCE_LABELS)}.")
    if len(uncoded):
        feedback.missing.append(f"{len(uncoded)} row(s) not coded yet (rows "
                                f"{_row_list(uncoded)}).")
    key = stances["stance"].reset_index(drop=True)
    same = labels == key
    share = same.mean()
    line = (f"you agree with {origin} on {same.sum()} of {len(key)} rows ({share:.0%}); "
            f"Cohen's kappa {cohen_kappa(list(labels), list(key)):.2f}.")
    (feedback.right if share >= target else feedback.missing).append(line)
    differ = answer.index[~same & _coded(answer)]
    if len(differ):
        feedback.notes.append(f"look again at rows {_row_list(differ)}: read the evidence "
                              f"for hedging, doubt and negation.")
        pairs = Counter(frozenset((a, b)) for a, b in zip(labels[differ], key[differ],
                                                            strict=True))
        confused = " and ".join(sorted(pairs.most_common(1)[0][0]))
        feedback.hint = (f"the most frequent difference is between {confused}: reread the "
                         f"definitions of those labels.")
    return _report(feedback)


def check_percent_agreement(answer: Any) -> Feedback:
    """Test a student's `percent_agreement(a, b)` function on small codings."""
    task = "Percent agreement"
    if answer is None:
        return _unanswered(task)
    feedback = Feedback(task)
    if not callable(answer):
        feedback.missing.append("give a function of two lists of labels.")
        return _report(feedback)
    cases = [
        (["support", "oppose", "oppose", "neutral"], ["support", "oppose", "skeptical",
                                                      "neutral"]),
        (["oppose"] * 5, ["oppose"] * 5),
        (["support", "oppose", "neutral"], ["oppose", "neutral", "support"]),
        (pd.Series(["a", "b", "b", "a", "a"]), pd.Series(["a", "b", "a", "a", "b"])),
    ]
    right, scale = 0, False
    for first, second in cases:
        expected = percent_agreement(list(first), list(second))
        try:
            got = float(answer(first, second))
        except Exception as error:  # noqa: BLE001 - any error in student code becomes feedback
            feedback.missing.append(f"your function raised {type(error).__name__}: {error}")
            continue
        right += abs(got - expected) < 1e-9
        scale |= abs(got - 100 * expected) < 1e-6 and expected > 0
    feedback.right.append(f"right on {right} of {len(cases)} test codings.")
    if right < len(cases):
        feedback.missing.append(f"{len(cases) - right} test codings give a wrong share.")
        feedback.hint = ("return a share between 0 and 1 (0.75), not a percentage (75)."
                         if scale else "count the positions where both labels are equal, then "
                                       "divide by the number of items.")
    return _report(feedback)


def _machine_labels(sheet: pd.DataFrame, analysis: Analysis) -> pd.Series:
    """The kit's stance for each (actor, topic) row of a sheet; NO_STANCE when it has none."""
    machine = analysis.stances
    lookup = dict(zip(zip(machine["actor"], machine["topic"], strict=True), machine["stance"],
                      strict=True))
    return pd.Series([lookup.get((a, t), NO_STANCE) for a, t in zip(sheet["actor"],
                                                                     sheet["topic"],
                                                                     strict=True)])


def agreement_table(sheet: pd.DataFrame, analysis: Analysis) -> pd.DataFrame:
    """Percent agreement and kappa for you vs key, you vs machine and machine vs key."""
    key = _key_stances(analysis)[0]["stance"].reset_index(drop=True)
    machine = _machine_labels(sheet, analysis)
    coded = _coded(sheet).to_numpy()
    you = sheet["stance"].fillna("").astype(str).str.strip().str.lower()
    pairs = {
        "you vs key": (you[coded], key[coded]),
        "you vs machine": (you[coded], machine[coded]),
        "machine vs key": (machine, key),
    }
    rows = []
    for name, (first, second) in pairs.items():
        items = len(first)
        rows.append({"pair": name, "rows": items,
                     "percent agreement": 100 * percent_agreement(list(first), list(second))
                     if items else float("nan"),
                     "kappa": cohen_kappa(list(first), list(second)) if items else float("nan")})
    return pd.DataFrame(rows).round(2)


def stance_differences(sheet: pd.DataFrame, analysis: Analysis) -> pd.DataFrame:
    """Coded rows where you, key and machine disagree (key labels show on coded rows only)."""
    key = _key_stances(analysis)[0]["stance"].reset_index(drop=True)
    table = sheet[["actor", "topic"]].assign(
        you=sheet["stance"].fillna("").astype(str).str.strip().str.lower(),
        key=key, machine=_machine_labels(sheet, analysis), evidence=sheet["evidence"])
    coded = _coded(sheet).to_numpy()
    differ = (table["you"] != table["key"]) | (table["machine"] != table["key"])
    return table[coded & differ.to_numpy()]


# --- Lesson 4: finding the numbers ------------------------------------------------------------

def _written_values(text: str) -> set[float]:
    return {float(match.replace(",", "")) for match in DIGITS.findall(text)}


def check_number_extractor(answer: Any, analysis: Analysis) -> Feedback:
    """Run a student's `find_numbers(text)` on the article; compare with the kit's figures."""
    task = "Finding the numbers"
    if answer is None:
        return _unanswered(task)
    feedback = Feedback(task)
    if not callable(answer):
        feedback.missing.append("`find_numbers` must be a function taking the article text.")
        return _report(feedback)
    try:
        found = list(answer(analysis.article.text))
    except Exception as error:  # noqa: BLE001 - any error in student code becomes feedback
        feedback.missing.append(f"your function raised {type(error).__name__}: {error}")
        feedback.hint = "try it on a short string first: find_numbers('up to 1,200 troops')."
        return _report(feedback)
    if any(isinstance(value, str) for value in found):
        feedback.missing.append("your function returns text such as "
                                f"{next(v for v in found if isinstance(v, str))!r}: turn each "
                                f"into a number with float() (remove the commas first).")
        return _report(feedback)
    figures = analysis.figures
    written = figures[figures["text"].str.contains(r"\d", regex=True)]
    wanted = [(row.paragraph, _written_values(row.text) | {row.value}) for row in
              written.itertuples()]
    left = [float(value) for value in found]
    missed = []
    for paragraph, values in wanted:
        hit = next((v for v in left if v in values), None)
        if hit is None:
            missed.append(paragraph)
        else:
            left.remove(hit)
    feedback.right.append(f"you found {len(wanted) - len(missed)} of {len(wanted)} numbers "
                          f"written in digits.")
    if missed:
        feedback.missing.append(f"{len(missed)} are missing (paragraphs "
                                f"{_paragraph_list(missed)}).")
        feedback.hint = "a number can have thousands separators: '150,000' is one number."
    if left:
        feedback.missing.append(f"{len(left)} values in your list are not numbers of the "
                                f"text, e.g. {left[0]:g}.")
        pieces = any(str(int(v)) in str(int(w)) and v != w for v in left
                     for _, values in wanted for w in values if v == int(v))
        feedback.hint = ("is a comma splitting one number into two? '150,000' is one number."
                         if pieces else "check each value against the text.")
    return _report(feedback)


def check_record_row(answer: pd.Series | None, figure: pd.Series, totals: pd.DataFrame,
                     before: str) -> Feedback:
    """Check the casualty record chosen to compare an article's figure with."""
    from helpers.stories.records import record_category

    task = "Choosing the record"
    if answer is None:
        return _unanswered(task)
    feedback = Feedback(task)
    if isinstance(answer, pd.DataFrame):
        if len(answer) != 1:
            feedback.missing.append(f"give one row, not a table of {len(answer)} rows.")
            feedback.hint = "`.iloc[-1]` takes the last row of a table."
            return _report(feedback)
        answer = answer.iloc[0]
    category = record_category(str(figure["unit"]))
    rows = totals[(totals["category"] == category) & (totals["as_of"] <= pd.Timestamp(before))]
    latest = rows["as_of"].max()
    when = pd.Timestamp(answer["as_of"])
    _point(feedback, answer["category"] == category, "the row counts the same thing as the "
           "article's figure.", f"this row counts {answer['category']}, not what the "
           f"article's “{figure['text']}” counts.")
    if when > pd.Timestamp(before):
        feedback.missing.append(f"this total is dated {when:%d %B %Y}, after the article: "
                                f"the writer could not have known it.")
    else:
        _point(feedback, when == latest, "it is the latest total published before the "
               "article.", "a later total of the same kind was published before the article.")
    feedback.hint = ("keep the rows of the right `category` dated on or before the article, "
                     "sort by `as_of`, and take the last one.")
    return _report(feedback)


def check_previous_estimate(answer: pd.Series | None, analysis: Analysis,
                            estimates: pd.DataFrame, before: str) -> Feedback:
    """Check which published troop estimate the article's 'previous' figure refers to."""
    from helpers.stories.records import as_record, compare

    task = "The previous estimate"
    if answer is None:
        return _unanswered(task)
    feedback = Feedback(task)
    figures = analysis.figures
    previous = figures[(figures["category"] == "troops")
                       & figures["time"].str.contains("previous", case=False)]
    if previous.empty:
        feedback.missing.append("the kit finds no troop figure called 'previous' in this "
                                "article, so there is nothing to check.")
        return _report(feedback)
    figure = previous.iloc[0]
    if isinstance(answer, pd.DataFrame) and len(answer) == 1:
        answer = answer.iloc[0]
    record = as_record(estimates[estimates["date_reported"] < pd.Timestamp(before)])
    agreeing = [row for _, row in record.iterrows() if compare(figure, row).verdict == "agree"]
    mine = as_record(pd.DataFrame([answer])).iloc[0]
    when = pd.Timestamp(mine["date"])
    _point(feedback, compare(figure, mine).verdict == "agree",
           f"its number matches the article's “{figure['text']}”.",
           f"this estimate ({mine['low']:,.0f}–{mine['high']:,.0f}) does not match the "
           f"article's “{figure['text']}”.")
    if when >= pd.Timestamp(before):
        feedback.missing.append(f"it is dated {when:%d %B %Y}, not before the article.")
    elif agreeing:
        latest = max(pd.Timestamp(row["date"]) for row in agreeing)
        _point(feedback, when == latest, "it is the latest matching estimate before the "
               "article.", "a later estimate with that number came before the article.")
    feedback.hint = ("keep the estimates dated before the article whose range holds the "
                     "article's number; the latest of them is the 'previous' one.")
    return _report(feedback)


# --- Lesson 5: charting troop estimates -------------------------------------------------------


def projection_rows(estimates: pd.DataFrame) -> pd.Series:
    """True for reference rows that are projections or plans, not counts of troops present."""
    return estimates["scope"].str.contains(r"\bplanned\b|\bprojection\b", case=False, regex=True)


def check_troop_table(answer: pd.DataFrame | None, reference: pd.DataFrame) -> Feedback:
    """Check the table to chart: counts only, sorted by date, with a midpoint column."""
    task = "The table to chart"
    if answer is None:
        return _unanswered(task)
    feedback = Feedback(task)
    needed = ["date_reported", "estimate_low", "estimate_high"]
    if absent := [column for column in needed if column not in answer]:
        feedback.missing.append(f"columns {absent} are missing: keep the reference's columns.")
        feedback.hint = "start from the reference table and keep its columns."
        return _report(feedback)
    counts = reference[~projection_rows(reference)]
    _point(feedback, len(answer) == len(counts),
           f"{len(answer)} rows: one per estimate of troops present.",
           f"{len(answer)} rows, but the reference has {len(counts)} estimates of troops "
           f"present (and {len(reference) - len(counts)} projection(s) to leave out).")
    _point(feedback, answer["date_reported"].is_monotonic_increasing,
           "rows sorted by date.", "rows are not sorted by `date_reported`.")
    midpoint = "midpoint" in answer and bool(
        (answer["midpoint"] == (answer["estimate_low"] + answer["estimate_high"]) / 2).all())
    _point(feedback, midpoint, "`midpoint` is halfway between low and high.",
           "the `midpoint` column is missing or not halfway between low and high.")
    plans = "scope" in answer and bool(projection_rows(answer).any())
    _point(feedback, not plans, "no projection (a planned force) among the counts.",
           "a projection is still in the table: read the `scope` column.")
    feedback.hint = ("drop the rows whose `scope` describes a planned force, then "
                     "`.sort_values('date_reported')`, then add the `midpoint` column.")
    return _report(feedback)


def _point(feedback: Feedback, ok: bool, right: str, missing: str) -> None:
    (feedback.right if ok else feedback.missing).append(right if ok else missing)


def check_chart(answer: Figure | Axes | None, estimates: pd.DataFrame) -> Feedback:
    """Check a troop chart: data, title, labels with units, readable numbers, source line."""
    task = "The troop chart"
    if answer is None:
        return _unanswered(task)
    fig = getattr(answer, "figure", answer)
    feedback = Feedback(task)
    if not getattr(fig, "axes", None):
        feedback.missing.append("this is not a matplotlib figure with a chart on it.")
        feedback.hint = "make it with `fig, ax = style.new_figure(...)`, then plot on `ax`."
        return _report(feedback)
    ax = fig.axes[0]
    fig.canvas.draw()
    plotted = _plotted_values(ax)
    shown = sum(any(abs(value - y) < 0.5 for y in plotted) for value in estimates["midpoint"])
    _point(feedback, shown == len(estimates), f"all {shown} estimates are on the chart.",
           f"{shown} of {len(estimates)} estimates (their midpoints) are on the chart.")
    _point(feedback, bool(ax.get_title(loc="left") or ax.get_title()),
           "the chart has a title.", "the chart has no title.")
    _point(feedback, bool(ax.get_xlabel()), "the x axis is labelled.",
           "the x axis has no label.")
    _point(feedback, bool(ax.get_ylabel()) and _has_unit(ax.get_ylabel()),
           "the y axis says what it counts.",
           "the y axis label does not say what the numbers count (troops? soldiers?).")
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    _point(feedback, any("," in label for label in labels) and not ax.yaxis.offsetText.get_text(),
           "y numbers are written in full with thousands separators.",
           "y numbers are hard to read (no thousands separators, or a '1e5' offset).")
    _point(feedback, ax.get_ylim()[0] <= 0, "the y axis starts at zero.",
           "the y axis does not start at zero: differences look bigger than they are.")
    _point(feedback, ax.get_ylim()[1] >= estimates["estimate_high"].max(),
           "the highest estimate fits under the top of the chart.",
           "the top of the y axis cuts off the highest estimate.")
    _point(feedback, any(t.get_text().lower().startswith("source") for t in fig.texts),
           "the chart names its source.", "there is no source line under the chart.")
    feedback.hint = ("`style.new_figure(title, xlabel, ylabel, source)` sets title, labels and "
                     "source; `ax.yaxis.set_major_formatter(style.thousands)` and "
                     "`ax.set_ylim(0, top)` do the rest.")
    return _report(feedback)


def _plotted_values(ax: Axes) -> list[float]:
    """Every y value drawn as a line, a marker or a scatter point on `ax`."""
    values = [float(y) for line in ax.get_lines() for y in line.get_ydata()]
    for collection in ax.collections:
        values += [float(y) for _, y in collection.get_offsets()]
    return values


def _has_unit(label: str) -> bool:
    """True when an axis label says what it counts."""
    words = ("troop", "soldier", "personnel", "people", "number")
    return any(word in label.lower() for word in words)
