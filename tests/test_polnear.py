"""PolNeAR scoring: brat files read, offsets carried into the article's body, counts right.
The corpus itself is not in the repository (no licence): these tests build a small one of
their own, and `test_polnear_dev_when_present` runs on a real copy named by POLNEAR_DIR."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.polnear import (
    articles,
    attributions,
    evaluate_polnear,
    read_brat,
    same_speaker,
    source_head,
)
from helpers.source.article import load_article

TEXT = ("Mayor backs new bus lanes\n\n"
        "The mayor, Ana Ruiz, said the lanes would open in May.\n\n"
        "\u201cIt will cut journeys by ten minutes,\u201d Ruiz told reporters.\n\n"
        "Critics fear the plan will hurt shops.\n")


def brat(text: str) -> str:
    """The annotation a PolNeAR coder would give TEXT: two attributions, one direct."""
    def span(part: str, after: str = "") -> str:
        start = text.index(part, text.index(after) if after else 0)
        return f"{start} {start + len(part)}\t{part}"
    return "\n".join([
        f"T1\tSource {span('The mayor, Ana Ruiz')}", f"T2\tCue {span('said')}",
        f"T3\tContent {span('the lanes would open in May')}",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        f"T4\tContent {span('“It will cut journeys by ten minutes,”')}",
        f"T5\tSource {span('Ruiz', after='minutes')}",
        f"T6\tCue {span('told')}",
        "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5", ""])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "PolNeAR"
    for split in ("dev", "test"):
        (root / "data" / split / "text").mkdir(parents=True)
        (root / "data" / split / "attributions").mkdir(parents=True)
    name = "nyt_2016-10-01_mayor-backs-new-bus-lanes"
    (root / "data" / "dev" / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (root / "data" / "dev" / "attributions" / f"{name}_ab12.ann").write_text(
        brat(TEXT), encoding="utf-8")
    (root / "data" / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\n"
        f"dev\t{name}\tnyt\ntest\tsecret\tnyt\n", encoding="utf-8")
    return root


def test_brat_attributions_are_read_with_their_kind():
    found = read_brat(brat(TEXT), TEXT)
    assert [(TEXT[a:b], source, direct) for (a, b), source, direct in found] == [
        ("the lanes would open in May", "The mayor, Ana Ruiz", False),
        ("“It will cut journeys by ten minutes,”", "Ruiz", True)]


def test_offsets_move_from_the_file_into_the_article_body(corpus: Path):
    text, notes, outlet = next(articles(corpus, "dev"))
    article = load_article(text)
    gold = attributions(article, text.read_text(encoding="utf-8"), notes.read_text())
    assert outlet == "nyt"
    assert [article.text[a:b] for a, b in (g.content for g in gold)] == [
        "the lanes would open in May", "“It will cut journeys by ten minutes,”"]


def test_offsets_survive_the_whitespace_the_reader_squeezes(tmp_path: Path):
    raw = ("Mayor backs new bus lanes\n\n"
           "The mayor,\u00a0Ana  Ruiz, said the lanes would\n open in May. \n\n"
           "Critics fear the plan will hurt shops.\n")
    path = tmp_path / "lanes.txt"
    path.write_text(raw, encoding="utf-8")
    article = load_article(path)
    start = raw.index("the lanes")
    end = raw.index(" May") + len(" May")
    source = raw.index("The mayor")
    notes = (f"T1\tSource {source} {source + 10}\tThe mayor\n"
             f"T2\tContent {start} {end}\t{raw[start:end]}\n"
             "E1\tAttribution:T2 Content:T2 Source:T1\n")
    gold = attributions(article, raw, notes)
    assert [article.text[a:b] for a, b in (g.content for g in gold)] == [
        "the lanes would open in May"]


def test_the_test_split_is_refused(corpus: Path):
    with pytest.raises(ValueError, match="test split is kept"):
        list(articles(corpus, "test"))


def test_a_folder_that_is_not_polnear_says_how_to_get_it(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="git clone"):
        list(articles(tmp_path, "dev"))


@pytest.mark.parametrize("source, head", [
    ("The mayor, Ana Ruiz", "mayor"), ("a spokesman for Mr. Trump", "spokesman"),
    ("Clinton's campaign", "campaign"), ("Mr. Holtz-Eakin", "holtz-eakin"), ("he", "he"),
    ("Donald Trump’s", "trump"), ("Ana Ruiz's", "ruiz"), ("Mr. O’Malley", "o’malley")])
def test_the_head_of_a_source(source, head):
    assert source_head(source) == head


def test_scores_count_what_the_kit_found(corpus: Path):
    table = evaluate_polnear(corpus, "dev")
    row = table.loc["all"]
    assert row["articles"] == 1 and row["attributions"] == 2
    assert row["direct R"] == 1.0 and row["direct P"] == 1.0
    assert row["other R"] == 1.0
    assert row["speaker"] == 1.0  # 'The mayor, Ana Ruiz' holds the kit's 'Ana Ruiz'


@pytest.mark.parametrize("source, speaker, written, same", [
    ("The mayor, Ana Ruiz", "Ana Ruiz", "Ruiz", True),
    ("Sen. Lindsey Graham (R-S.C.)", "Lindsey Graham", "Sen. Lindsey Graham", True),
    ("a spokesman for the mayor", "mayor", "the mayor", False),
    ("he", "Donald Trump", "he", True),
    ("Critics", "Ana Ruiz", "Ruiz", False)])
def test_a_speaker_matches_the_annotated_source_leniently(source, speaker, written, same):
    assert same_speaker(source, speaker, written) is same


@pytest.mark.skipif(not os.environ.get("POLNEAR_DIR"), reason=(
    "PolNeAR is not here: git clone https://github.com/networkdynamics/PolNeAR and set "
    "POLNEAR_DIR to its folder"))
@pytest.mark.timeout(900)
def test_polnear_dev_when_present():
    table = evaluate_polnear(Path(os.environ["POLNEAR_DIR"]), "dev")
    assert table.loc["all", "direct R"] >= 0.85 and table.loc["all", "direct P"] >= 0.85
