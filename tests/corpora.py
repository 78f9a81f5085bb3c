"""Tables folders for the coverage tests: the two real articles committed under
tests/coverage/two-articles, and synthetic folders of many articles whose counts are known."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

from helpers.analysis import TABLES
from helpers.extract.records import TABLE_RECORDS, dtypes
from helpers.vocab import Stance

TWO_ARTICLES = Path(__file__).parent / "coverage" / "two-articles"
OUTLETS = ("Outlet A", "Outlet B", "Outlet C", "Outlet D", "Outlet E")
SPEAKERS = 41
"""Reported-speech speakers of the synthetic corpus: 41, so each is quoted by every outlet."""
HEADERS = {name: list(dtypes(kind)) for name, kind in TABLE_RECORDS.items()}
"""The columns of each table, as the analysis writes them (`helpers.extract.records`)."""


def quote(speaker: str, words: int, kind: str = "direct") -> dict[str, object]:
    return {"speaker": speaker, "text": " ".join(["word"] * max(words, 1)), "kind": kind,
            "cue": "said", "paragraph": 1, "start": 0, "end": 1,
            "speaker_as_written": speaker, "words": words}


def figure(text: str, value: float, category: str = "troops", unit: str = "troops",
           qualifier: str = "", link: int | None = None) -> dict[str, object]:
    return {"value": value, "unit": unit, "category": category,
            "approximate": bool(qualifier), "qualifier": qualifier, "time": "", "source": "",
            "text": text, "sentence": f"Russia has {text} {unit} near the border.",
            "paragraph": 2, "low": value, "high": "", "exact": True,
            "start": 0, "end": 1, "link": "" if link is None else link}


def stance(actor: str, topic: str, side: str) -> dict[str, object]:
    counts = {name: int(name == side) for name in Stance}
    return {"actor": actor, "topic": topic, "stance": side, "evidence": "A sentence.",
            **counts, "start": 0}


def write_article(folder: Path, slug: str, outlet: str, when: date | None,
                  story: str = "ukraine-2022", **rows: list[dict[str, object]]) -> Path:
    """One extracted article as `python -m helpers extract` writes it."""
    home = folder / slug
    home.mkdir(parents=True)
    for name in TABLES:
        with (home / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, HEADERS[name])
            writer.writeheader()
            writer.writerows(rows.get(name, []))
    about = {"headline": f"Headline of {slug}", "outlet": outlet,
             "date": when.isoformat() if when else None, "author": None,
             "url": f"https://example.org/{slug}", "story": story, "file": f"{slug}.txt",
             "words": 100, "slug": slug}
    (home / "article.json").write_text(json.dumps(about), encoding="utf-8")
    return home


def many_articles(folder: Path, n: int) -> Path:
    """`n` articles over five outlets, dated 1 to 20 Feb 2022. Each quotes 'Common Voice'
    (10 words, direct), its outlet's own 'Local X' (5 words, direct) and one of 41 speakers in
    reported speech; prints '100,000' troops and a distance given in two units; 'Common
    Voice' opposes war in outlets A-D and supports it in outlet E."""
    for i in range(n):
        outlet = OUTLETS[i % len(OUTLETS)]
        write_article(
            folder, f"article-{i:04d}", outlet, date(2022, 2, 1) + timedelta(days=i % 20),
            quotes=[quote("Common Voice", 10), quote(f"Local {outlet[-1]}", 5),
                    quote(f"Speaker {i % SPEAKERS:02d}", 0, "indirect")],
            figures=[figure("100,000", 100_000),
                     figure("30 kilometers", 30, "distance", "kilometers", link=1),
                     figure("18 miles", 18, "distance", "miles", link=1)],
            stances=[stance("Common Voice", "war",
                            "support" if outlet == OUTLETS[-1] else "oppose")])
    return folder


def coverage_of_many(folder: Path, count: int):
    """The coverage findings of `count` synthetic articles written into `folder`."""
    from helpers.findings import coverage

    return coverage.find(many_articles(folder, count))
