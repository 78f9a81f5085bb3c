"""Lesson 3, coding stances and agreement between coders: checks, hints and hidden tests.

Feedback on a coding is row-free: how many rows agree with the key and which kind of
difference dominates, never which rows differ or what the key says for a row. The sheet is
matched to the key by actor and topic, so a sorted or shuffled sheet is read correctly.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import pandas as pd

from helpers.evaluate import NO_STANCE, cohen_kappa, has_key, load_key, percent_agreement
from helpers.exercises.feedback import (
    BLANK,
    FORGOT_RETURN,
    Feedback,
    call,
    forgot_return,
    hint_printer,
    not_a_function,
    report,
    unanswered,
    wrong_kind,
)
from helpers.report import words
from helpers.vocab import Stance

if TYPE_CHECKING:
    from helpers.analysis import Analysis

STANCE_LABELS = tuple(Stance)
CODING_TARGET = 0.7
"""Share of rows that must agree with the key to pass."""
SHEET_COLUMNS = ["actor", "topic", "evidence", "stance"]

DIFFERENCES = {
    frozenset({"skeptical", "oppose"}): "doubt and rejection: `skeptical` doubts that a claim "
                                        "is true, `oppose` rejects a plan or an act",
    frozenset({"support", "oppose"}): "opposite directions: ask who wants what, and read "
                                      "negations ('not', 'no') twice",
    frozenset({"support", "skeptical"}): "wanting something and doubting it: does the actor "
                                         "want it to happen, or doubt that it has?",
}
NEUTRAL_DIFFERENCE = ("leaning or not: `neutral` is for evidence that mentions a topic without "
                      "leaning either way")

HINTS = {
    "coding": (
        "Read the evidence of one row at a time: `print(sheet.loc[0, 'evidence'])`.",
        "Code what the evidence says, not what you know about the actor.",
        "Doubt about a claim ('not verified', 'no evidence') is `skeptical`, not `oppose`.",
        "Give `sheet['stance']` a list with one label per row, in the order of the rows.",
    ),
    "agreement": (
        "`zip(first, second)` gives the pairs of labels, one pair per item.",
        "Count the pairs whose two labels are equal.",
        "Divide by the number of items, and `return` the result: a share between 0 and 1.",
    ),
}
hint = hint_printer(HINTS)


def key_stances(analysis: Analysis) -> tuple[pd.DataFrame, str]:
    """The stance rows of the answer key, else the kit's own; and which it is."""
    if has_key(analysis.article):
        return load_key(analysis.article)["stances"], "the answer key"
    return analysis.stances, "the kit's stances (this article has no answer key)"


def stance_sheet(analysis: Analysis) -> pd.DataFrame:
    """A coding sheet: one row per actor and topic with its evidence, and an empty stance."""
    stances, _ = key_stances(analysis)
    sheet = stances[["actor", "topic", "evidence"]].reset_index(drop=True)
    return sheet.assign(stance="")


def labelled(sheet: pd.DataFrame, labels: Any) -> pd.DataFrame:
    """The sheet with `labels` (a list, one per row) as its stances, in order. A list shorter
    than the sheet leaves the last rows blank and a longer one loses its end, each with a note:
    where the article has no key the sheet is the kit's own, whose length a lesson's list
    cannot know."""
    rows = len(sheet)
    if isinstance(labels, str) or not isinstance(labels, list | tuple):
        print(f"The labels should be a list of words in square brackets, one per row of the "
              f"sheet ({words.count(rows, 'row')}), not {type(labels).__name__}: the sheet "
              f"is left blank.")
        return sheet.assign(stance=BLANK)
    given = list(labels)
    if len(given) < rows:
        print(f"You gave {words.count(len(given), 'label')} for {words.count(rows, 'row')}: "
              f"rows {len(given)} to {rows - 1} are left blank; add a label for each.")
    elif len(given) > rows:
        extra = len(given) - rows
        print(f"You gave {words.count(len(given), 'label')} for {words.count(rows, 'row')}: "
              f"the last {words.count(extra, 'label')} {words.verb(extra, 'is', 'are')} left "
              f"out.")
    return sheet.assign(stance=(given + [BLANK] * rows)[:rows])


def _labels(values: pd.Series) -> pd.Series:
    """Each label, tidied; a row left None, empty or as the starter's blank is not coded."""
    return values.map(lambda value: value if isinstance(value, str) else
                      ("" if value is None or pd.isna(value) else str(value)))\
        .str.strip().str.lower().replace(BLANK, "")


def _aligned(sheet: pd.DataFrame, analysis: Analysis) -> pd.DataFrame:
    """The key's rows with the sheet's label beside each ('' where the sheet lacks the row)."""
    key, _ = key_stances(analysis)
    yours = sheet[["actor", "topic"]].assign(you=_labels(sheet["stance"]))
    yours = yours.drop_duplicates(["actor", "topic"])
    table = key[["actor", "topic", "stance"]].reset_index(drop=True)
    merged = table.merge(yours, on=["actor", "topic"], how="left")
    return merged.assign(you=merged["you"].fillna(""))


def _sheet_problem(answer: Any) -> str:
    if not isinstance(answer, pd.DataFrame):
        return "not a table"
    absent = [column for column in ("actor", "topic", "stance") if column not in answer]
    return f"missing the {'column' if len(absent) == 1 else 'columns'} {absent}" if absent else ""


def check_stance_coding(answer: Any, analysis: Analysis,
                        target: float = CODING_TARGET) -> Feedback:
    """Check a filled coding sheet: complete, valid labels, and agreement with the key."""
    task = "Coding the stances"
    if answer is None:
        return unanswered(task)
    if problem := _sheet_problem(answer):
        return wrong_kind(task, "sheet", answer, "the coding sheet with a `stance` column "
                          f"({problem})", "start again from `sheet = stance_sheet(analysis)`.")
    table = _aligned(answer, analysis)
    coded = table["you"] != ""
    if not coded.any():
        return unanswered(task)
    feedback = Feedback(task)
    _, origin = key_stances(analysis)
    valid = table["you"].isin(STANCE_LABELS)
    invalid = sorted(set(table.loc[coded & ~valid, "you"]))
    if invalid:
        shown = ", ".join(repr(label) for label in invalid[:3])
        wrong = int((coded & ~valid).sum())
        feedback.missing.append(f"{words.count(wrong, 'row')} {words.verb(wrong, 'has', 'have')} "
                                f"a label that is not in the codebook ({shown}): use "
                                f"{', '.join(STANCE_LABELS)}.")
    if (~coded).any():
        feedback.missing.append(f"{(~coded).sum()} of {len(table)} rows are not coded yet.")
    same = table["you"] == table["stance"]
    share = same.mean()
    kappa = cohen_kappa(list(table["you"]), list(table["stance"]))
    feedback.score = min(share / target, 1.0)
    if coded.sum() > 3 and table.loc[coded, "you"].nunique() == 1:  # a gate, not a reading
        feedback.score = 0.0
        feedback.missing.append(f"every row has the label {table.loc[coded, 'you'].iloc[0]!r}: "
                                f"read each row's evidence and code it on its own.")
    feedback.point(share >= target,
                   f"you agree with {origin} on {same.sum()} of {len(table)} rows "
                   f"({share:.0%}); Cohen's kappa {kappa:.2f}.",
                   f"you agree with {origin} on {same.sum()} of {len(table)} rows "
                   f"({share:.0%}, {target:.0%} to pass); Cohen's kappa {kappa:.2f}.")
    differ = table[coded & valid & ~same]
    used = set(table.loc[coded & valid, "you"])
    if len(differ) and len(used) >= 2:
        pairs = Counter(frozenset((a, b)) for a, b in zip(differ["you"], differ["stance"],
                                                            strict=True))
        pair, count = pairs.most_common(1)[0]
        kind = DIFFERENCES.get(pair, NEUTRAL_DIFFERENCE)
        feedback.notes.append(f"{len(differ)} of your labels differ from the key; the most "
                              f"common kind of difference ({count} of them) is about {kind}.")
    elif len(differ):
        feedback.notes.append(f"{len(differ)} of your labels differ from the key, and you used "
                              f"one label for every row: read each row's evidence.")
    feedback.hint = "run hint('coding', 1) and the hints after it."
    return report(feedback)


AGREEMENT_CASES = [
    (["support", "oppose", "oppose", "neutral"], ["support", "oppose", "skeptical", "neutral"]),
    (["oppose"] * 5, ["oppose"] * 5),
    (["support", "oppose", "neutral"], ["oppose", "neutral", "support"]),
    (pd.Series(["a", "b", "b", "a", "a"]), pd.Series(["a", "b", "a", "a", "b"])),
]


def _agreement_right(answer: Any, cases: list, feedback: Feedback) -> tuple[int, bool, list]:
    """How many cases a student's function gets right, whether it gave percentages, values."""
    right, scale, values = 0, False, []
    for first, second in cases:
        expected = percent_agreement(list(first), list(second))
        result = call(answer, first, second)
        if result.blank:
            return -1, False, []
        values.append(result.value)
        if result.error:
            if not any(result.error in line for line in feedback.missing):
                feedback.missing.append(f"your function stops with {result.error} on two "
                                        f"lists of {len(first)} labels.")
            continue
        if isinstance(result.value, bool) or not isinstance(result.value, int | float):
            continue
        right += abs(result.value - expected) < 1e-9
        scale |= abs(result.value - 100 * expected) < 1e-6 and expected > 0
    return right, scale, values


def check_percent_agreement(answer: Any) -> Feedback:
    """Test a student's `my_agreement(first, second)` function on small codings."""
    task = "Percent agreement"
    if stop := not_a_function(task, "my_agreement", answer, "a function of two lists of labels"):
        return stop
    feedback = Feedback(task)
    right, scale, values = _agreement_right(answer, AGREEMENT_CASES, feedback)
    if right < 0:
        return unanswered(task)
    cases = len(AGREEMENT_CASES)
    feedback.score_cases(right, cases, "test codings", on="on")
    if forgot_return(values):
        feedback.hint = FORGOT_RETURN
    elif scale:
        feedback.hint = "return a share between 0 and 1 (0.75), not a percentage (75)."
    elif any(isinstance(v, str) for v in values):
        feedback.hint = "return a number, not text."
    elif right < cases:
        feedback.hint = "run hint('agreement', 1) and the hints after it."
    return report(feedback)


def _machine_labels(sheet: pd.DataFrame, analysis: Analysis) -> pd.Series:
    """The kit's stance for each (actor, topic) row of a sheet; NO_STANCE when it has none."""
    machine = analysis.stances
    lookup = dict(zip(zip(machine["actor"], machine["topic"], strict=True), machine["stance"],
                      strict=True))
    return pd.Series([lookup.get((a, t), NO_STANCE) for a, t in zip(sheet["actor"],
                                                                     sheet["topic"],
                                                                     strict=True)],
                     index=sheet.index)


def agreement_table(sheet: Any, analysis: Analysis) -> pd.DataFrame:
    """Percent agreement and kappa for you vs key, you vs machine and machine vs key."""
    key, _ = key_stances(analysis)
    key = key.reset_index(drop=True)
    usable = not _sheet_problem(sheet)
    table = _aligned(sheet, analysis) if usable else key.assign(you="")
    machine = _machine_labels(key, analysis)
    coded = (table["you"] != "").to_numpy()
    you, truth = table["you"], table["stance"]
    pairs = {
        "you vs key": (you[coded], truth[coded]),
        "you vs machine": (you[coded], machine[coded]),
        "machine vs key": (machine, truth),
    }
    rows = []
    for name, (first, second) in pairs.items():
        items = len(first)
        rows.append({"pair": name, "rows": items,
                     "percent agreement": 100 * percent_agreement(list(first), list(second))
                     if items else float("nan"),
                     "kappa": cohen_kappa(list(first), list(second)) if items else float("nan")})
    return pd.DataFrame(rows).round(2)


def stance_differences(sheet: Any, analysis: Analysis) -> pd.DataFrame:
    """Coded rows where you and the machine differ, with the evidence (the key stays hidden)."""
    columns = ["actor", "topic", "you", "machine", "evidence"]
    if _sheet_problem(sheet):
        return pd.DataFrame(columns=columns)
    table = sheet.assign(you=_labels(sheet["stance"]),
                         machine=_machine_labels(sheet, analysis))
    table = table.assign(evidence=table["evidence"] if "evidence" in table else "")
    differ = (table["you"] != "") & (table["you"] != table["machine"])
    return table.loc[differ, columns].reset_index(drop=True)
