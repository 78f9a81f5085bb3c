"""How good is an extraction? Scores against hand-written answer keys, and agreement measures.

Keys live in `data/annotations/<article file stem>/` (`quotes.csv`, `stances.csv`, and where
written `figures.csv` and `stances_coder2.csv`; see the README there). A predicted quote
matches a key quote of the same kind when their spans share at least half of the shorter one
(`span_overlap`); it is correct when its speaker is one of the key's speakers (alternatives
separated by " | "). Each key row matches at most one prediction. A stance is correct when
actor, topic and stance agree. A key figure is found when a figure of the same paragraph
overlaps it with the same value (and high end, for a range).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.paths import ANNOTATIONS_DIR
from helpers.rules import LANGUAGE
from helpers.source.article import Article, load_article
from helpers.vocab import QuoteKind, Stance

KEY_FILES = {"quotes": "quotes.csv", "stances": "stances.csv"}
OPTIONAL_FILES = {"figures": "figures.csv", "stances_coder2": "stances_coder2.csv"}
KEY_COLUMNS = {
    "quotes": ["speaker", "text", "kind", "cue", "paragraph"],
    "stances": ["actor", "topic", "stance", "evidence"],
    "figures": ["text", "value", "high", "unit", "paragraph", "key"],
    "stances_coder2": ["actor", "topic", "stance"],
}
SCORE_COLUMNS = ["part", "precision", "recall", "f1", "found", "expected", "predicted"]
MATCH_COLUMNS = ["kind", "status", "key_speaker", "speaker", "key_text", "text", "paragraph"]
MIN_OVERLAP = 0.5
"""A prediction matches a key quote when they share this share of the shorter span."""
VALUE_TOLERANCE = 0.005
"""A figure's value matches the key's within this share."""
SPEAKER_SEPARATOR = " | "
QUOTE_PARTS = {QuoteKind.DIRECT: "direct quotes", QuoteKind.REPORTED: "reported speech"}
NO_STANCE = "(none)"


def key_dir(article: Article | str | Path) -> Path:
    """The folder of the answer key for an article (by its file stem)."""
    path = article.path if isinstance(article, Article) else Path(article)
    return ANNOTATIONS_DIR / path.stem


def has_key(article: Article | str | Path) -> bool:
    """True when data/annotations holds an answer key for this article."""
    return all((key_dir(article) / name).exists() for name in KEY_FILES.values())


def _read(path: Path, part: str) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    missing = [c for c in KEY_COLUMNS[part] if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}; expected {KEY_COLUMNS[part]}.")
    return table


def load_key(article: Article | str | Path) -> dict[str, pd.DataFrame]:
    """The answer key: quotes and stances, and figures and a second stance coding when present.

    Quotes and figures get start and end offsets in the article's text.
    """
    folder = key_dir(article)
    if not has_key(article):
        raise FileNotFoundError(
            f"No answer key for this article in {folder}: it needs "
            f"{' and '.join(KEY_FILES.values())}. See {ANNOTATIONS_DIR / 'README.md'} "
            f"for the format, or use has_key() to skip scoring."
        )
    key = {part: _read(folder / name, part) for part, name in KEY_FILES.items()}
    for part, name in OPTIONAL_FILES.items():
        if (folder / name).exists():
            key[part] = _read(folder / name, part)
    loaded = article if isinstance(article, Article) else load_article(article)
    key["quotes"] = locate(key["quotes"], loaded, folder / KEY_FILES["quotes"])
    if "figures" in key:
        key["figures"] = locate(key["figures"], loaded, folder / OPTIONAL_FILES["figures"])
    return key


def locate(rows: pd.DataFrame, article: Article, source: Path) -> pd.DataFrame:
    """Add start and end offsets to key rows by finding each text in its paragraph."""
    table = rows.copy()
    table["paragraph"] = pd.to_numeric(table["paragraph"]).astype(int)
    starts, searched = [], {}
    for row in table.itertuples():
        if not 1 <= row.paragraph <= len(article.paragraphs):
            raise ValueError(f"{source}: paragraph {row.paragraph} does not exist in "
                             f"{article.path.name} ({len(article.paragraphs)} paragraphs).")
        offset = article.paragraph_starts[row.paragraph - 1]
        end = offset + len(article.paragraphs[row.paragraph - 1])
        after = searched.get((row.paragraph, row.text), offset)
        found = article.text.find(row.text, after, end)
        if found < 0:
            found = article.text.find(row.text, offset, end)
        if found < 0:
            raise ValueError(
                f"{source}: {row.text!r} is not in paragraph {row.paragraph} of "
                f"{article.path.name}. Copy the text exactly (curly quotes and apostrophes "
                f"included) and check the paragraph number."
            )
        searched[(row.paragraph, row.text)] = found + 1
        starts.append(found)
    table["start"] = starts
    table["end"] = table["start"] + table["text"].str.len()
    return table


def speakers_of(value: str) -> set[str]:
    """The accepted speakers of a key row ('United States | NATO' -> two names)."""
    return {name.strip() for name in value.split(SPEAKER_SEPARATOR.strip()) if name.strip()}


def span_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    """The share of the shorter of two character spans that the other one covers (0 to 1)."""
    shared = min(a_end, b_end) - max(a_start, b_start)
    shorter = min(a_end - a_start, b_end - b_start)
    return shared / shorter if shared > 0 and shorter > 0 else 0.0


def _same_speaker(guess: str, accepted: set[str]) -> bool:
    """A guess matches when it is an accepted speaker, ignoring case and a leading 'the'."""
    def norm(name: str) -> str:
        name = name.strip().lower()
        for article in ("the ", "a ", "an "):
            name = name.removeprefix(article)
        return name
    return norm(guess) in {norm(name) for name in accepted}


def match_quotes(predicted: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """Every key quote and prediction, paired: correct, wrong speaker, missed or extra."""
    rows = []
    for kind in QUOTE_PARTS:
        guesses = predicted[predicted["kind"] == kind] if not predicted.empty else predicted
        answers = key[key["kind"] == kind]
        guess_rows, answer_rows = list(guesses.itertuples()), list(answers.itertuples())
        pairs = sorted(  # best overlap first; among equals, the closest length
            ((span_overlap(g.start, g.end, k.start, k.end),
              -abs((g.end - g.start) - (k.end - k.start)), gi, ki)
             for gi, g in enumerate(guess_rows) for ki, k in enumerate(answer_rows)
             if g.start < k.end and k.start < g.end),
            reverse=True,
        )
        used_g, used_k, matched = set(), set(), {}
        for overlap, _, gi, ki in pairs:
            if overlap >= MIN_OVERLAP and gi not in used_g and ki not in used_k:
                used_g.add(gi)
                used_k.add(ki)
                matched[ki] = gi
        for ki, answer in enumerate(answer_rows):
            guess = guess_rows[matched[ki]] if ki in matched else None
            status = "missed"
            if guess is not None:
                status = ("correct" if _same_speaker(guess.speaker, speakers_of(answer.speaker))
                          else "wrong speaker")
            rows.append([kind, status, answer.speaker, guess.speaker if guess else "",
                         answer.text, guess.text if guess else "", answer.paragraph])
        for gi, guess in enumerate(guess_rows):
            if gi not in used_g:
                rows.append([kind, "extra", "", guess.speaker, "", guess.text, guess.paragraph])
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def _score(part: str, found: int, expected: int, predicted: int) -> dict:
    precision = found / predicted if predicted else float(expected == 0)
    recall = found / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"part": part, "precision": precision, "recall": recall, "f1": f1,
            "found": found, "expected": expected, "predicted": predicted}


def score_quotes(predicted: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of (quote, speaker) for direct quotes and reported speech,
    and the share of matched direct quotes with a named speaker that name the right one."""
    matches = match_quotes(predicted, key)
    rows = []
    for kind, part in QUOTE_PARTS.items():
        mine = matches[matches["kind"] == kind]
        found = int((mine["status"] == "correct").sum())
        expected = int((mine["status"] != "extra").sum())
        guessed = int(mine["status"].isin(["correct", "wrong speaker", "extra"]).sum())
        rows.append(_score(part, found, expected, guessed))
    direct = matches[(matches["kind"] == QuoteKind.DIRECT)
                     & matches["status"].isin(["correct", "wrong speaker"])]
    named = direct[direct["key_speaker"].str[:1].str.isupper()]
    right = int((named["status"] == "correct").sum())
    rows.append(_score("named speaker (direct)", right, len(named), len(named)))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def score_figures(predicted: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """Recall of key figures (key = yes) and of all figures, and precision over amounts."""
    amounts = predicted[predicted["category"] != "date"] if not predicted.empty else predicted
    used: set[int] = set()
    found = {"yes": 0, "all": 0}
    for row in key.itertuples():
        match = next((i for i, guess in enumerate(amounts.itertuples())
                      if i not in used and guess.paragraph == row.paragraph
                      and guess.start < row.end and row.start < guess.end
                      and _same_value(guess.value, row.value)
                      and (not row.high or _same_value(guess.high, row.high))), None)
        if match is not None:
            used.add(match)
            found["all"] += 1
            found["yes"] += row.key == "yes"
    key_rows = int((key["key"] == "yes").sum())
    return pd.DataFrame([
        _score("key figures", found["yes"], key_rows, key_rows),
        _score("all figures", found["all"], len(key), len(amounts)),
    ], columns=SCORE_COLUMNS)


def _same_value(guess: Any, expected: str) -> bool:
    try:
        guess, wanted = float(guess), float(str(expected).replace(",", ""))
    except (TypeError, ValueError):
        return False
    if math.isnan(guess):
        return False
    return abs(guess - wanted) <= VALUE_TOLERANCE * max(abs(wanted), 1)


def score_stances(predicted: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of (actor, topic, stance) rows; neutral guesses are not claims.

    A key actor may list alternatives ('Joe Biden | Biden'); each key row matches one guess.
    """
    columns = ["actor", "topic", "stance"]
    guessed = set() if predicted.empty else set(
        map(tuple, predicted.loc[predicted["stance"] != Stance.NEUTRAL, columns].to_numpy()))
    expected = set(map(tuple, key.loc[key["stance"] != Stance.NEUTRAL, columns].to_numpy()))
    found, used = 0, set()
    for actor, topic, stance in expected:
        match = next((g for g in guessed if g not in used and g[1:] == (topic, stance)
                      and _same_speaker(g[0], speakers_of(actor))), None)
        if match is not None:
            used.add(match)
            found += 1
    row = _score("stances", found, len(expected), len(guessed))
    return pd.DataFrame([row], columns=SCORE_COLUMNS)


def score(tables: dict[str, pd.DataFrame], key: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every score of an analysis' tables against an answer key, one row per part."""
    parts = [score_quotes(tables["quotes"], key["quotes"]),
             score_stances(tables["stances"], key["stances"])]
    if "figures" in key:
        parts.append(score_figures(tables["figures"], key["figures"]))
    return pd.concat(parts, ignore_index=True)


def stance_labels(first: pd.DataFrame, second: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Two stance codings as aligned labels over every (actor, topic) either of them codes."""
    def by_pair(table: pd.DataFrame) -> dict[tuple[str, str], str]:
        return {(row.actor, row.topic): row.stance for row in table.itertuples()}
    a, b = by_pair(first), by_pair(second)
    pairs = sorted(set(a) | set(b))
    return [a.get(p, NO_STANCE) for p in pairs], [b.get(p, NO_STANCE) for p in pairs]


def _named_like(predicted: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """The kit's stances that take a side, each actor named as the key names it."""
    taking = predicted[predicted["stance"] != Stance.NEUTRAL] if not predicted.empty else predicted
    names = {}
    for actor in key["actor"]:
        for guess in taking["actor"]:
            if _same_speaker(guess, speakers_of(actor)):
                names[guess] = actor
    return taking.assign(actor=taking["actor"].map(lambda a: names.get(a, a)))


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


QUOTE_CLASSES = (
    "transcript turn", "multi-paragraph quote", "introduced by a colon", "according to",
    "speaker in an earlier paragraph", "description as speaker", "plain",
)
"""Classes of attribution a key quote belongs to, for scores per class of error."""


def quote_class(row: Any, article: Article) -> str:
    """The attribution class of one key quote (a row of `load_key(...)['quotes']`)."""
    from helpers.extract.ruleset import rules_for

    paragraph = article.paragraphs[row.paragraph - 1]
    base = article.paragraph_starts[row.paragraph - 1]
    before = article.text[base:row.start].rstrip()
    label = paragraph.split(":", 1)[0] if ":" in paragraph[:60] else ""
    if row.kind == QuoteKind.DIRECT and label and label == label.upper() and any(
            c.isalpha() for c in label) and row.start - base <= len(label) + 3:
        return "transcript turn"
    known = rules_for(LANGUAGE).marks
    opened = paragraph[:1] in known.opening + known.straight
    if row.kind == QuoteKind.DIRECT and opened and not any(c in paragraph for c in known.closing):
        return "multi-paragraph quote"
    if row.kind == QuoteKind.DIRECT and before.rstrip(known.all).rstrip().endswith(":"):
        return "introduced by a colon"
    if "according" in str(row.cue).lower():
        return "according to"
    names = speakers_of(row.speaker)
    if not any(name.split()[-1] in paragraph for name in names if name):
        if any(name[:1].islower() for name in names):
            return "description as speaker"
        return "speaker in an earlier paragraph"
    return "plain"


def class_recall(predicted: pd.DataFrame, key: pd.DataFrame, article: Article) -> pd.DataFrame:
    """Per attribution class: key quotes, how many were found with the right speaker."""
    matches = match_quotes(predicted, key)
    found = matches[matches["status"] != "extra"].reset_index(drop=True)
    ordered = pd.concat([key[key["kind"] == kind] for kind in QUOTE_PARTS], ignore_index=True)
    classes = [quote_class(row, article) for row in ordered.itertuples()]
    table = pd.DataFrame({"class": classes, "correct": found["status"] == "correct"})
    return table.groupby("class")["correct"].agg(expected="size", found="sum").reset_index()


def keyed_articles(folders: list[Path]) -> list[Path]:
    """The article files in `folders` (or the files given) that have an answer key."""
    from helpers.paths import ARTICLE_SUFFIXES

    found = []
    for folder in folders:
        files = sorted(folder.iterdir()) if folder.is_dir() else [folder]
        found += [f for f in files if f.suffix.lower() in ARTICLE_SUFFIXES and has_key(f)]
    return found


def totals(scores: pd.DataFrame) -> pd.DataFrame:
    """Scores summed over articles: one row per part, from the found/expected/predicted counts."""
    summed = scores.groupby("part", sort=False)[["found", "expected", "predicted"]].sum()
    return pd.DataFrame([_score(part, *(int(v) for v in row))
                         for part, row in summed.iterrows()], columns=SCORE_COLUMNS)


def evaluate_corpus(paths: list[Path], spacy_model: str = "auto"
                    ) -> dict[str, pd.DataFrame]:
    """Scores per article and in total, recall per attribution class, and stance agreement
    between the two human codings where both exist."""
    from helpers.analysis import analyze

    per_article, classes, agreement = [], [], []
    for path in paths:
        analysis = analyze(path, spacy_model)
        key = load_key(analysis.article)
        scores = score(analysis.tables(), key).assign(article=path.stem)
        per_article.append(scores)
        classes.append(class_recall(analysis.quotes, key["quotes"], analysis.article))
        if "stances_coder2" in key and len(key["stances"]) + len(key["stances_coder2"]):
            first, second = stance_labels(key["stances"], key["stances_coder2"])
            machine, keyed = stance_labels(_named_like(analysis.stances, key["stances"]),
                                           key["stances"])
            agreement.append({"article": path.stem, "pairs": len(first),
                              "agreement": percent_agreement(first, second),
                              "kappa": cohen_kappa(first, second), "labels": (first, second),
                              "machine": (machine, keyed)})
    all_scores = pd.concat(per_article, ignore_index=True)
    by_class = pd.concat(classes).groupby("class")[["expected", "found"]].sum()
    by_class["recall"] = by_class["found"] / by_class["expected"]
    people = pd.DataFrame([{k: v for k, v in row.items() if k not in ("labels", "machine")}
                           for row in agreement])
    for name, field in (("all: coder 1 vs coder 2", "labels"), ("all: kit vs coder 1", "machine")):
        pooled: tuple[list[str], list[str]] = ([], [])
        for row in agreement:
            pooled[0].extend(row[field][0])
            pooled[1].extend(row[field][1])
        if pooled[0]:
            people = pd.concat([people, pd.DataFrame([{
                "article": name, "pairs": len(pooled[0]),
                "agreement": percent_agreement(*pooled), "kappa": cohen_kappa(*pooled)}])])
    return {"articles": all_scores, "total": totals(all_scores),
            "classes": by_class.reset_index(), "coders": people}
