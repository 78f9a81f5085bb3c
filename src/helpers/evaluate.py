"""How good is an extraction? Score quotes and stances against a hand-coded answer key.

Keys live in `data/annotations/<article file stem>/` (`quotes.csv`, `stances.csv`; see the
README there). A predicted quote matches a key quote of the same kind when their character
spans overlap by at least half of the shorter one; it is correct when its speaker is also one of
the key's speakers (alternatives separated by " | "). Each key quote matches at most one
prediction. A stance is correct when actor, topic and stance all agree.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.paths import ANNOTATIONS_DIR
from helpers.source.article import Article, load_article

KEY_FILES = {"quotes": "quotes.csv", "stances": "stances.csv"}
KEY_COLUMNS = {
    "quotes": ["speaker", "text", "kind", "cue", "paragraph"],
    "stances": ["actor", "topic", "stance", "evidence"],
}
SCORE_COLUMNS = ["part", "precision", "recall", "f1", "found", "expected", "predicted"]
MATCH_COLUMNS = ["kind", "status", "key_speaker", "speaker", "key_text", "text", "paragraph"]
MIN_OVERLAP = 0.5
"""A prediction matches a key quote when they share this share of the shorter span."""

SPEAKER_SEPARATOR = " | "
QUOTE_PARTS = {"direct": "direct quotes", "indirect": "reported speech"}


def key_dir(article: Article | str | Path) -> Path:
    """The folder of the answer key for an article (by its file stem)."""
    path = article.path if isinstance(article, Article) else Path(article)
    return ANNOTATIONS_DIR / path.stem


def has_key(article: Article | str | Path) -> bool:
    """True when data/annotations holds an answer key for this article."""
    return all((key_dir(article) / name).exists() for name in KEY_FILES.values())


def load_key(article: Article | str | Path) -> dict[str, pd.DataFrame]:
    """The answer key: {'quotes': ..., 'stances': ...}; quotes get start/end offsets."""
    folder = key_dir(article)
    if not has_key(article):
        raise FileNotFoundError(
            f"No answer key for this article in {folder}: it needs "
            f"{' and '.join(KEY_FILES.values())}. See {ANNOTATIONS_DIR / 'README.md'} "
            f"for the format, or use has_key() to skip scoring."
        )
    key = {}
    for part, name in KEY_FILES.items():
        table = pd.read_csv(folder / name, dtype=str, keep_default_na=False)
        missing = [c for c in KEY_COLUMNS[part] if c not in table.columns]
        if missing:
            raise ValueError(f"{folder / name}: missing columns {missing}; expected "
                             f"{KEY_COLUMNS[part]}.")
        key[part] = table
    loaded = article if isinstance(article, Article) else load_article(article)
    key["quotes"] = locate(key["quotes"], loaded, folder / KEY_FILES["quotes"])
    return key


def locate(quotes: pd.DataFrame, article: Article, source: Path) -> pd.DataFrame:
    """Add start and end offsets to key quotes by finding each text in its paragraph."""
    table = quotes.copy()
    table["paragraph"] = pd.to_numeric(table["paragraph"]).astype(int)
    starts = []
    for row in table.itertuples():
        offset = article.paragraph_starts[row.paragraph - 1]
        found = article.text.find(row.text, offset)
        if found < 0:
            raise ValueError(
                f"{source}: the quote {row.text!r} is not in paragraph {row.paragraph} of "
                f"{article.path.name}. Copy the text exactly (curly quotes and apostrophes "
                f"included) and check the paragraph number."
            )
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


def match_quotes(predicted: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """Every key quote and prediction, paired: correct, wrong speaker, missed or extra."""
    rows = []
    for kind in QUOTE_PARTS:
        guesses = predicted[predicted["kind"] == kind] if not predicted.empty else predicted
        answers = key[key["kind"] == kind]
        guess_rows, answer_rows = list(guesses.itertuples()), list(answers.itertuples())
        pairs = sorted(
            ((span_overlap(g.start, g.end, k.start, k.end), gi, ki)
             for gi, g in enumerate(guess_rows) for ki, k in enumerate(answer_rows)),
            reverse=True,
        )
        used_g, used_k, matched = set(), set(), {}
        for overlap, gi, ki in pairs:
            if overlap >= MIN_OVERLAP and gi not in used_g and ki not in used_k:
                used_g.add(gi)
                used_k.add(ki)
                matched[ki] = gi
        for ki, answer in enumerate(answer_rows):
            guess = guess_rows[matched[ki]] if ki in matched else None
            status = "missed"
            if guess is not None:
                status = "correct" if guess.speaker in speakers_of(answer.speaker) else (
                    "wrong speaker")
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
    """Precision, recall and F1 of (quote, speaker) for direct quotes and reported speech."""
    matches = match_quotes(predicted, key)
    rows = []
    for kind, part in QUOTE_PARTS.items():
        mine = matches[matches["kind"] == kind]
        found = int((mine["status"] == "correct").sum())
        expected = int((mine["status"] != "extra").sum())
        guessed = int(mine["status"].isin(["correct", "wrong speaker", "extra"]).sum())
        rows.append(_score(part, found, expected, guessed))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def score_stances(predicted: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of (actor, topic, stance) rows; neutral guesses are not claims."""
    columns = ["actor", "topic", "stance"]
    guessed = set() if predicted.empty else set(
        map(tuple, predicted.loc[predicted["stance"] != "neutral", columns].to_numpy()))
    expected = set(map(tuple, key[columns].to_numpy()))
    row = _score("stances", len(guessed & expected), len(expected), len(guessed))
    return pd.DataFrame([row], columns=SCORE_COLUMNS)


def score(tables: dict[str, pd.DataFrame], key: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every score of an analysis' tables against an answer key, one row per part."""
    return pd.concat(
        [score_quotes(tables["quotes"], key["quotes"]),
         score_stances(tables["stances"], key["stances"])],
        ignore_index=True,
    )
