"""Every fact the teacher's guide states about the seed article, computed, so none can drift."""

from __future__ import annotations

import pytest

from helpers.analysis import analyze
from helpers.evaluate import cohen_kappa, load_key, score_quotes
from helpers.exercises import actors, numbers, quotes, stances, troop_chart
from helpers.exercises.feedback import paragraph_list
from helpers.paths import PROJ_ROOT

GUIDE = PROJ_ROOT / "docs" / "teaching.md"


@pytest.fixture(scope="module")
def guide() -> str:
    return " ".join(GUIDE.read_text(encoding="utf-8").split())


@pytest.fixture(scope="module")
def analysis(seed_path):
    return analyze(seed_path)


def says(guide: str, *facts: str) -> None:
    for fact in facts:
        assert " ".join(fact.split()) in guide, f"the guide should say: {fact}"


def test_lesson_1_facts(guide, analysis, capsys):
    entities = analysis.entities
    people = entities[entities["type"] == "person"].sort_values("mentions", ascending=False)
    top = entities.sort_values("mentions", ascending=False).iloc[:2]
    says(guide, f"spaCy finds **{len(list(analysis.doc.sents))} sentences**",
         f"the article has **{len(analysis.article.paragraphs)} paragraphs** and "
         f"**{len(analysis.doc):,} tokens**",
         f"The kit lists **{len(people)} people**",
         f"{people.iloc[0].actor} ({people.iloc[0].mentions} mentions)",
         f"**{top.iloc[0].actor} ({top.iloc[0].mentions} mentions)**; {top.iloc[1].actor} "
         f"follows with {top.iloc[1].mentions}")
    typical = [ent.text for ent in analysis.doc.ents if ent.label_ == "PERSON"]
    actors.check_people(typical, analysis)
    says(guide, *capsys.readouterr().out.strip().splitlines())


def test_lesson_2_facts(guide, analysis):
    key = load_key(analysis.article)["quotes"]
    kinds = key["kind"].value_counts()
    says(guide, f"**{kinds['direct']} direct quotes** and **{kinds['indirect']} pieces of "
                f"reported speech**")
    pattern = [{"ORTH": "“"}, {"ORTH": {"NOT_IN": ["“", "”"]}, "OP": "+"}, {"ORTH": "”"}]
    spans = quotes.pattern_matches([pattern], analysis.doc)
    direct, _ = quotes.key_quotes(analysis)
    found = [any(quotes.span_overlap(q.start, q.end, s.start_char, s.end_char) >= 0.5
                 for s in spans) for q in direct.itertuples()]
    missed = paragraph_list(direct[[not f for f in found]]["paragraph"]).replace(", 21",
                                                                                " and 21")
    says(guide, f"finds **{sum(found)} of {len(direct)}**", f"(paragraphs {missed})")

    from test_exercises import find_speaker

    wrong, none = [], []
    for row, span in quotes.quote_spans(analysis):
        name = find_speaker(span)
        if not name:
            none.append(row.paragraph)
        elif not quotes.same_speaker(name, quotes.speakers_of(row.speaker), analysis):
            wrong.append(row.paragraph)
    right = len(direct) - len(wrong) - len(none)

    def listed(numbers_: list[int]) -> str:
        text = paragraph_list(numbers_)
        head, _, last = text.rpartition(", ")
        return f"{head} and {last}"

    says(guide, f"right speaker for **{right} of {len(direct)}** quotes",
         f"wrong one in paragraphs {listed(wrong)}", f"none in paragraphs {listed(none)}",
         f"what the lesson's three steps reach on the seed article ({right} of {len(direct)})",
         f"the speaker rule at {quotes.SPEAKER_TARGET:.0%}")
    scores = score_quotes(analysis.quotes, key).set_index("part")
    says(guide, f"**{scores.loc['direct quotes', 'found']} of "
                f"{scores.loc['direct quotes', 'expected']}** on direct quotes and "
                f"**{scores.loc['reported speech', 'found']} of "
                f"{scores.loc['reported speech', 'expected']}** on reported speech")


def test_lesson_3_facts(guide, analysis):
    key = load_key(analysis.article)["stances"]
    for i, row in enumerate(key.itertuples()):
        says(guide, f"| {i} | {row.actor} | {row.topic} | {row.stance} |")
    table = stances.agreement_table(stances.stance_sheet(analysis).assign(
        stance=key["stance"]), analysis).set_index("pair").loc["machine vs key"]
    same = round(table["percent agreement"] * len(key) / 100)
    says(guide, f"agrees with the key on {same} of {len(key)} rows "
                f"(**{table['percent agreement']:.0f}%, kappa {table['kappa']:.2f}**)")
    kappa = cohen_kappa(["oppose"] * 9 + ["support"], ["oppose"] * 8 + ["support", "oppose"])
    says(guide, f"80% agreement but kappa −{abs(kappa):.2f}")


def test_lesson_4_facts(guide, analysis):
    written = analysis.figures[analysis.figures["text"].str.contains(r"\d", regex=True)]
    says(guide, f"**{len(written)} numbers** are written in digits")
    totals = numbers.public_record().casualty_totals()
    row = numbers._latest_rows(totals, "total_deaths", "2022-02-15").iloc[-1]
    says(guide, f"**{row['date']:%d %B %Y}**")
    assert not (totals["date"] > "2022-02-15").any(), (
        "the guide says no total of deaths is dated after the article")
    says(guide, "no total of deaths is dated after this article")


def test_lesson_5_facts(guide):
    reference = numbers.public_record().troop_estimates()
    plans = reference[troop_chart.projection_rows(reference)]
    says(guide, f"The record has **{len(reference)} estimates**",
         f"the table to chart has **{len(reference) - len(plans)} rows**",
         f"({plans.iloc[0].date:%-d %B %Y}, {plans.iloc[0].high:,})",
         f"the highest estimate (**{reference['high'].max():,}**)")
