"""Which story pack an article gets: its subject's words by a margin over chance, its date in
the pack's period, or none; and `--story NAME|none` reaching every step."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fuzz.strategies import articles
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.batch.render import _parameters
from helpers.cli import main
from helpers.report import summary
from helpers.stories import packs

HACKING = (
    "Russian hackers broke into the email of a party official, investigators said on Monday. "
    "The Kremlin denied it, and a spokesman for Putin called the charge absurd. Russia has "
    "done this before, one analyst said, and Russian agencies would try again. Moscow's "
    "hackers also targeted state election boards, officials said, and NATO allies were "
    "warned. Senators asked the White House to let Russia know there would be costs.")


def test_the_seed_gets_its_pack_and_says_by_which_words(seed_doc):
    choice = packs.choose(seed_doc, "auto", None, "US and Allies Can't Verify Russian Pullback")
    assert choice.pack.name == "ukraine-2022" and choice.how == "auto"
    assert choice.match.terms["Ukraine"] >= 5 and choice.match.subject_hits >= 5
    assert choice.as_dict()["terms"]["Ukraine"] == choice.match.terms["Ukraine"]
    assert packs.choice_from_dict(choice.as_dict(), None) == choice


def test_a_dated_article_outside_the_period_gets_no_pack(seed_doc):
    choice = packs.choose(seed_doc, "auto", date(2016, 10, 9))
    assert choice.pack is None and choice.outside == ("ukraine-2022",)
    inside = packs.choose(seed_doc, "auto", date(2022, 2, 16))
    assert inside.pack.name == "ukraine-2022" and inside.outside == ()


def test_another_subject_sharing_a_few_words_gets_no_pack(nlp):
    choice = packs.choose(nlp(HACKING))
    match = choice.match
    assert match.pack.name == "ukraine-2022" and match.hits == 7  # Russia's words, 7 times
    assert match.share >= match.pack.min_share  # well over chance
    assert match.subject_hits == 0 and choice.pack is None  # but never Ukraine's


def test_story_none_gives_no_topics_and_no_record(analyze_text):
    text = "Ukraine and Russia talks.\n\n" + " ".join(
        ["Zelensky said Ukraine wants talks with Russia over the troops near Kyiv."] * 4)
    assert analyze_text(text).story == "ukraine-2022"
    none = analyze_text(text, story="none")
    assert none.story == "" and none.pack is None and none.stances.empty
    assert none.choice.how == "none" and none.findings.figure_checks == []
    assert summary.no_pack(none, "no record is used") == (
        "The article has no story pack, so no record is used. Why: the story parameter is "
        "'none'.")  # the reason on the page itself, not a pointer to another section


def test_a_period_must_be_two_dates_in_order(tmp_path):
    import shutil

    folder = tmp_path / "ukraine-2022"
    shutil.copytree(packs.STORIES_DIR / "ukraine-2022", folder)
    manifest = folder / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "period = [2021-10-01, 2022-02-24]", "period = [2022-02-24, 2021-10-01]"),
        encoding="utf-8")
    with pytest.raises(packs.RuleError, match="period must be two dates"):
        packs.load_pack(folder)


def test_story_reaches_the_notebooks_and_extract(tmp_path, write_article):
    assert _parameters(tmp_path / "a.txt", "auto", "none")["story"] == "none"
    path = write_article("Talks on Ukraine\n\n" + " ".join(
        ["Zelensky said Ukraine wants talks with Russia over the troops near Kyiv."] * 4))
    out = tmp_path / "out"
    assert main(["extract", str(path), "--out", str(out), "--story", "none"]) == 0
    assert json.loads((out / "article.json").read_text(encoding="utf-8"))["story"] == ""
    assert main(["extract", str(path), "--out", str(out)]) == 0
    about = json.loads((out / "article.json").read_text(encoding="utf-8"))
    assert about["story"] == "ukraine-2022" and about["story_choice"]["how"] == "auto"
    assert main(["extract", str(path), "--out", str(out), "--story", "nope"]) == 1


def test_the_page_says_why_and_never_contradicts_itself(seed_analysis, analyze_text):
    from helpers.report import summary

    said = summary.story_choice(seed_analysis)
    assert said.startswith("Story pack “Russia's military build-up near Ukraine")
    assert "74 times (6.4% of its words, 21 times their share in news on other subjects: " \
        "Ukraine 17, Russia 14" in said and "it is undated, so its date could not be" in said
    assert summary.provenance(seed_analysis).set_index("Item").loc["Story pack", "Value"] == said
    dated = analyze_text("---\ndate: 2016-10-09\n---\nTalks on Ukraine\n\n" + " ".join(
        ["Zelensky said Ukraine wants talks with Russia over the troops near Kyiv."] * 4))
    assert dated.pack is None
    said = summary.story_choice(dated)
    assert "9 Oct 2016, is outside that story's period (1 Oct 2021 to 24 Feb 2022)" in said
    assert summary.no_record(dated).startswith("The article has no story pack")
    assert summary.disagreements(dated.findings).startswith("The article has no story pack")
    hacking = analyze_text("Hackers\n\n" + HACKING)
    assert "only 7 times" in summary.story_choice(hacking)
    assert "0 times naming its subject" in summary.story_choice(hacking)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large], deadline=None, max_examples=60)
@given(text=articles(), when=st.one_of(st.none(), st.dates()))
def test_any_text_gets_a_pack_choice_and_stances_whose_evidence_is_in_place(
        text, when, nlp, tmp_path):
    from helpers.analysis import analyze_doc
    from helpers.report import summary
    from helpers.source.article import load_article

    path = tmp_path / "fuzz.txt"
    path.write_text(text, encoding="utf-8")
    try:
        article = load_article(path)
    except ValueError:  # a clear refusal is an answer
        return
    doc = nlp(article.text)
    choice = packs.choose(doc, "auto", when, article.headline)
    assert choice.pack is None or choice.match.fits and (
        when is None or choice.pack.in_period(when))
    assert packs.choice_from_dict(choice.as_dict(), when) == choice
    analysis = analyze_doc(article, doc, "fuzz", story="ukraine-2022")  # every stance rule runs
    assert summary.story_choice(analysis).startswith("Story pack")
    for row in analysis.stances.itertuples():
        assert article.text[row.start:].startswith(row.evidence[:20])


def test_story_none_scores_no_stances_it_was_told_not_to_read(seed_article, seed_doc):
    """The seed rendered with --story none showed 'Stances 0 0 0, 20 in the key' beside the
    page saying its stances are not read; the row is left out, the quote scores stay."""
    from helpers import evaluate
    from helpers.analysis import analyze_doc
    from helpers.report import speech

    found = analyze_doc(seed_article, seed_doc, "test", story="none")
    assert found.pack is None and found.stances.empty
    table = evaluate.score(found.tables(), evaluate.load_key(seed_article))
    assert "stances" in set(table["part"])  # the evaluation still scores every part
    shown = speech.scores(table, stances=found.pack is not None)
    assert list(shown["Part"]) == ["Direct quotes", "Reported speech", "Named speaker (direct)"]
    assert "Stances" in list(speech.scores(table)["Part"])
